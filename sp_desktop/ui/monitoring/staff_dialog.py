"""Pegawai ASN — SP Online: the OPD head's Monday-morning screen.

One window shows, for the account's scope (an OPD administrator: their own office; a
coordinator: every office, or the one picked in the OPD filter), how the office stands
against its target (80% unless set otherwise) and, below, who of the staff still has not
done SP Online. From here the roster is kept (add, change, deactivate, import) and
statuses are recorded, one person or many at once, with the person's own proof file.

The list and the figures are read in the worker (storage.staff_list and
storage.dashboard, the same figures as the dashboard and `sp-desktop stats`); every
change goes through the operation helper, whose bus tells this screen (it reloads) and
every other open view. The figures, the list model and the small dialogs are in
staff_figures, staff_model and staff_forms.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.domain.monitoring import (
    Dashboard,
    Staff,
    StaffProofFile,
    StaffQuery,
    StaffStatus,
)
from sp_desktop.core.domain.proofs import read_proof_file
from sp_desktop.core.domain.text import format_count
from sp_desktop.core.storage import Storage
from sp_desktop.ui.documents.printing import documents_folder
from sp_desktop.ui.households.task_panel import TaskDialog, TaskPanel
from sp_desktop.ui.monitoring.staff_figures import (
    BELOW_TARGET_COLOUR,
    TARGET_MET_COLOUR,
    ScopeSummary,
    TargetBar,
    counts_html,
    status_label,
    summarise,
    summary_text,
)
from sp_desktop.ui.monitoring.staff_forms import (
    STAFF,
    StaffEditDialog,
    StaffProofsDialog,
    StatusDialog,
    action_button,
    proof_filter,
    warn,
)
from sp_desktop.ui.monitoring.staff_model import StaffTableModel
from sp_desktop.ui.operations import NOTHING, ChangeBus, Changes
from sp_desktop.ui.widgets import list_view, size_text
from sp_desktop.ui.worker import TaskContext, TaskHandle, TaskRunner

NOTE_STYLE = "color: #555555;"
# The status filter: "open" (belum or gagal: who still has to do it) is where the list opens.
OPEN = "open"
SEARCH_DELAY_MS = 250


# -- the screen ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Loaded:
    staff: list[Staff]
    dashboard: Dashboard
    opd_names: list[str]


class StaffDialog(TaskDialog):
    """Pegawai ASN — SP Online. Its changes (and those of its small dialogs) go out on
    `bus`; it reloads whenever the bus reports a change to the staff or the targets."""

    def __init__(
        self,
        storage: Storage,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self.runner = runner
        self.bus = bus or ChangeBus(self)
        self.bus.data_changed.connect(self._data_changed)
        self._select_next: set[str] | None = None  # who to select after the next reload
        self.summary: ScopeSummary | None = None
        self.loaded_count = 0
        self._loading: TaskHandle | None = None
        self._load_token = 0
        self._finished_load = 0
        self._writing = False
        self._keep_selection: set[str] = set()
        self.edit_dialog: StaffEditDialog | None = None
        self.status_dialog: StatusDialog | None = None
        self.proofs_dialog: StaffProofsDialog | None = None
        self.import_dialog: QDialog | None = None
        self.scope: str | None = None
        self.allowed = True
        try:
            self.scope = storage.staff_scope()
        except UserFacingError as exc:
            self.allowed = False
            self._refusal = str(exc)
        self.setWindowTitle(self.tr("Pegawai ASN — SP Online"))
        self._build()
        self._fit_on_screen()
        if self.allowed:
            self.reload()
        else:
            self.message.show_message(self._refusal, "error")
            self._update_actions()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)  # office names from rosters
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.summary_label.setFont(font)
        self.bar = TargetBar(self)
        self.counts_label = QLabel(self)
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("nama atau NIP"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self.reload)
        self.status_filter = QComboBox(self)
        for code, label in (
            (OPEN, self.tr("Belum selesai (belum + gagal)")),
            ("", self.tr("Semua status")),
            (StaffStatus.BELUM, status_label(StaffStatus.BELUM)),
            (StaffStatus.GAGAL, status_label(StaffStatus.GAGAL)),
            (StaffStatus.SUDAH, status_label(StaffStatus.SUDAH)),
        ):
            self.status_filter.addItem(label, code)
        self.status_filter.currentIndexChanged.connect(lambda _: self.reload())
        self.opd_filter = QComboBox(self)
        self.opd_filter.addItem(self.tr("Semua OPD"), "")
        self.opd_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.opd_filter.setMinimumContentsLength(22)
        self.opd_filter.currentIndexChanged.connect(lambda _: self.reload())
        self.inactive = QCheckBox(self.tr("Tampilkan yang non&aktif"), self)
        self.inactive.toggled.connect(lambda _: self.reload())
        search_label = QLabel(self.tr("Ca&ri"), self)
        search_label.setBuddy(self.search)
        status_label_ = QLabel(self.tr("&Status"), self)
        status_label_.setBuddy(self.status_filter)
        self.opd_label = QLabel(self.tr("&OPD"), self)
        self.opd_label.setBuddy(self.opd_filter)
        self.refresh_button = action_button(self.tr("&Perbarui"), self, self.reload)
        self.refresh_button.setToolTip(self.tr("Baca ulang daftar dan angka (F5)"))
        filters = QHBoxLayout()
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)
        filters.addSpacing(8)
        filters.addWidget(status_label_)
        filters.addWidget(self.status_filter)
        filters.addSpacing(8)
        filters.addWidget(self.opd_label)
        filters.addWidget(self.opd_filter, 1)
        filters.addSpacing(8)
        filters.addWidget(self.inactive)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        if self.scope is not None:
            self.opd_label.hide()
            self.opd_filter.hide()

        self.model = StaffTableModel(self)
        self.table = list_view(self.model, self)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.setStretchLastSection(False)
        # The column header paints itself as "selected" when every row is: Qt finds out
        # by asking the model about each row of each column (seconds after Ctrl+A on
        # 50,000 staff). Rows are what is selected here, so the header gets a selection
        # of its own that stays empty.
        header.setHighlightSections(False)
        header.setSelectionModel(QItemSelectionModel(self.model, header))
        for column, width in enumerate((150, 230, 190, 170, 95, 90, 200, 55)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.installEventFilter(self)
        self.list_label = QLabel(self.tr("&Daftar pegawai"), self)
        self.list_label.setBuddy(self.table)
        self.shown_label = QLabel(self)
        self.shown_label.setStyleSheet(NOTE_STYLE)
        list_heading = QHBoxLayout()
        list_heading.addWidget(self.list_label)
        list_heading.addStretch(1)
        list_heading.addWidget(self.shown_label)

        self.panel = TaskPanel(self.runner, self, bus=self.bus)
        self.watch_panel()
        self.panel.busy_changed.connect(self._busy_changed)
        self.message = self.panel.message
        for shown in (self.panel.status, self.message):
            shown.setTextFormat(Qt.TextFormat.PlainText)

        self.add_button = action_button(self.tr("&Tambah pegawai…"), self, self.add_staff)
        self.edit_button = action_button(self.tr("&Ubah…"), self, self.edit_selected)
        self.active_button = action_button(self.tr("&Nonaktifkan"), self, self.toggle_active)
        self.status_button = action_button(self.tr("&Catat status…"), self, self.record_status)
        self.attach_button = action_button(self.tr("Lampirkan &bukti…"), self, self.choose_proof)
        self.proofs_button = action_button(self.tr("&Lihat bukti…"), self, self.show_proofs)
        self.import_button = action_button(
            self.tr("&Impor daftar pegawai…"), self, self.import_roster
        )
        self.close_button = action_button(self.tr("Tutup"), self, self.reject)
        self.add_button.setToolTip(self.tr("Tambah satu pegawai (Insert)"))
        self.edit_button.setToolTip(self.tr("Ubah data pegawai yang dipilih (Enter)"))
        self.status_button.setToolTip(
            self.tr("Catat Sudah/Gagal/Belum untuk semua pegawai yang dipilih (Ctrl+klik, "
                    "Shift+klik atau Ctrl+A untuk memilih banyak)")
        )  # fmt: skip
        actions = QHBoxLayout()
        for button in (
            self.status_button,
            self.attach_button,
            self.proofs_button,
            self.add_button,
            self.edit_button,
            self.active_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.counts_label)
        layout.addSpacing(6)
        layout.addLayout(filters)
        layout.addLayout(list_heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.panel)
        layout.addLayout(actions)

        QShortcut(QKeySequence(Qt.Key.Key_F5), self).activated.connect(lambda: self.reload())
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self).activated.connect(self.add_staff)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self).activated.connect(self._find)

        order = [self.search, self.status_filter, self.opd_filter, self.inactive]
        order += [self.refresh_button, self.table, self.status_button, self.attach_button]
        order += [self.proofs_button, self.add_button, self.edit_button, self.active_button]
        order += [self.import_button, self.close_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _fit_on_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(1280, screen.width() - 40), min(720, screen.height() - 60))

    def _find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a row opens it for changing (the dialog has no default button)."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.edit_selected()
            return True
        return super().eventFilter(watched, event)

    # -- loading -------------------------------------------------------------------------

    def query(self) -> StaffQuery:
        status = self.status_filter.currentData() or ""
        return StaffQuery(
            text=self.search.text().strip(),
            opd=self.chosen_opd(),
            status="" if status == OPEN else status,
            include_inactive=self.inactive.isChecked(),
        )

    def chosen_opd(self) -> str:
        if self.scope is not None:
            return ""  # the core keeps an OPD administrator to their own office
        return self.opd_filter.currentData() or ""

    def reload(self, keep: set[str] | None = None) -> None:
        """Read the list (with the filters) and the figures in the worker; the selection
        (or the staff in `keep`) is selected again once the list is back."""
        if not self.allowed:
            return
        self._search_timer.stop()
        if self._loading is not None:
            self._loading.cancel()
        if keep is not None:
            self._keep_selection = set(keep)
        elif self._loading is None:
            self._keep_selection = {s.id for s in self.selected_staff()}
        self._load_token += 1
        token = self._load_token
        storage, query, scope = self.storage, self.query(), self.scope
        only_open = self.status_filter.currentData() == OPEN
        self.shown_label.setText(self.tr("Memuat…"))

        def load(context: TaskContext) -> _Loaded:
            staff = storage.staff_list(query)
            if only_open:
                staff = [s for s in staff if s.status != StaffStatus.SUDAH]
            context.check()
            dashboard = storage.dashboard(progress=context)
            names = storage.opd_names() if scope is None else []
            return _Loaded(staff, dashboard, names)

        def failed(exc: BaseException) -> None:
            if token != self._load_token:
                return
            self._loading = None
            self._finished_load = token
            self.shown_label.setText("")
            if isinstance(exc, UserFacingError):
                self.message.show_message(str(exc), "error")
            else:
                self.runner.failed.emit(exc)

        handle = self.runner.submit(
            load,
            on_done=lambda loaded: self._loaded(token, loaded),
            on_error=failed,
        )
        # A synchronous runner (tests) has finished already.
        self._loading = handle if self._finished_load != token else None

    def _loaded(self, token: int, loaded: _Loaded) -> None:
        if token != self._load_token:
            return
        self._loading = None
        self._finished_load = token
        keep = self._keep_selection
        self._keep_selection = set()
        self._set_opd_choices(loaded.opd_names)
        self.summary = summarise(loaded.dashboard, self.chosen_opd())
        self._show_summary(self.summary)
        self.model.set_rows(loaded.staff)
        # One office shown: its name in every row says nothing.
        self.table.setColumnHidden(2, bool(self.scope or self.chosen_opd()))
        self.loaded_count = len(loaded.staff)
        self.shown_label.setText(
            self.tr("Menampilkan %s pegawai") % format_count(len(loaded.staff))
        )
        self._select_ids(keep)
        self._update_actions()

    def _set_opd_choices(self, names: list[str]) -> None:
        if self.scope is not None:
            return
        current = self.opd_filter.currentData() or ""
        wanted = ["", *names]
        if current and current not in names:
            wanted.append(current)  # keep what was chosen, even with nobody left in it
        have = [self.opd_filter.itemData(i) for i in range(self.opd_filter.count())]
        if have == wanted:
            return
        self.opd_filter.blockSignals(True)
        self.opd_filter.clear()
        self.opd_filter.addItem(self.tr("Semua OPD"), "")
        for name in wanted[1:]:
            self.opd_filter.addItem(name, name)
        self.opd_filter.setCurrentIndex(max(0, self.opd_filter.findData(current)))
        self.opd_filter.blockSignals(False)

    def _show_summary(self, summary: ScopeSummary) -> None:
        self.summary_label.setText(summary_text(summary))
        colour = BELOW_TARGET_COLOUR if summary.below_target else TARGET_MET_COLOUR
        if not summary.counts.total:
            colour = "#333333"
        self.summary_label.setStyleSheet(f"color: {colour};")
        self.bar.set_values(
            summary.counts.sudah,
            summary.counts.total,
            summary.target_count,
            summary.target_percent,
        )
        self.counts_label.setText(counts_html(summary))

    # -- selection --------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        """Read from the selection's ranges: selectedRows() asks the model about every
        cell, which takes seconds after Ctrl+A on 50,000 staff."""
        rows: set[int] = set()
        # QItemSelection is a list of ranges; the stubs do not say it is iterable.
        for span in self.table.selectionModel().selection():  # type: ignore[attr-defined]
            rows.update(range(span.top(), span.bottom() + 1))
        return sorted(rows)

    def selected_staff(self) -> list[Staff]:
        return [s for s in (self.model.row_at(r) for r in self.selected_rows()) if s is not None]

    def _select_ids(self, staff_ids: set[str]) -> None:
        rows = self.model.rows_of(staff_ids) if staff_ids else []
        if not rows:
            return
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        start = previous = rows[0]
        for row in [*rows[1:], -1]:  # neighbouring rows as one range each
            if row != previous + 1:
                selection.select(self.model.index(start, 0), self.model.index(previous, last))
                start = row
            previous = row
        self.table.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table.selectionModel().setCurrentIndex(
            self.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.table.scrollTo(self.model.index(rows[0], 0))

    def select_staff(self, staff_ids: Sequence[str]) -> None:
        self.table.clearSelection()
        self._select_ids(set(staff_ids))

    def _update_actions(self) -> None:
        chosen = self.selected_staff()
        ready = self.allowed and not self.panel.busy
        one = len(chosen) == 1
        self.add_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.refresh_button.setEnabled(self.allowed)
        self.edit_button.setEnabled(ready and one)
        self.status_button.setEnabled(ready and bool(chosen))
        self.active_button.setEnabled(ready and bool(chosen))
        all_inactive = bool(chosen) and all(not s.active for s in chosen)
        self.active_button.setText(
            self.tr("Aktif&kan lagi") if all_inactive else self.tr("&Nonaktifkan")
        )
        self.attach_button.setEnabled(ready and one and chosen[0].status == StaffStatus.SUDAH)
        self.attach_button.setToolTip(
            ""
            if self.attach_button.isEnabled() or not one
            else self.tr("Bukti hanya untuk pegawai berstatus Sudah: catat statusnya dulu.")
        )
        self.proofs_button.setEnabled(ready and one and chosen[0].proof_count > 0)

    def _busy_changed(self, busy: bool) -> None:
        self.table.setEnabled(not busy)
        self.panel.cancel_button.setVisible(busy and not self._writing)
        self._update_actions()
        if not busy:
            self.table.setFocus()

    # -- writing ----------------------------------------------------------------------------

    def _write(
        self,
        fn: Callable[[TaskContext], Any],
        on_done: Callable[[Any], None],
        status: str,
    ) -> None:
        """A change in the worker (no Batal: it is one transaction); the bus then reloads
        every view. A refusal is shown in a message box, with what to do next."""
        if self.panel.busy:
            return

        def work(context: TaskContext) -> Any:
            try:
                return fn(context)
            except UserFacingError as exc:
                return exc

        def done(result: Any) -> None:
            self._writing = False
            if isinstance(result, UserFacingError):
                self.reload()
                warn(self, result)
                return
            on_done(result)

        self._writing = True
        self.panel.run(
            work,
            done,
            status=status,
            always=self._write_ended,
            changes=lambda result: NOTHING if isinstance(result, UserFacingError) else STAFF,
            initiator=self,
        )

    def _write_ended(self) -> None:
        self._writing = False

    def add_staff(self) -> None:
        if not self.allowed or self.panel.busy:
            return
        self._open_edit(None)

    def edit_selected(self) -> None:
        chosen = self.selected_staff()
        if len(chosen) != 1 or self.panel.busy:
            return
        self._open_edit(chosen[0])

    def _open_edit(self, staff: Staff | None) -> None:
        names = [self.opd_filter.itemData(i) for i in range(1, self.opd_filter.count())]
        dialog = StaffEditDialog(
            self.storage,
            staff,
            scope=self.scope,
            opd_names=names,
            default_opd=self.chosen_opd(),
            parent=self,
            runner=self.runner,
            bus=self.bus,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._edited(dialog))
        dialog.finished.connect(lambda _: setattr(self, "edit_dialog", None))
        self.edit_dialog = dialog
        dialog.open()

    def _edited(self, dialog: StaffEditDialog) -> None:
        saved = dialog.saved
        if saved is None:
            return
        self.message.show_message(self.tr("Data pegawai disimpan: %s.") % saved.name, "info")
        self._select_next = {saved.id}  # the bus reloads next

    def toggle_active(self) -> None:
        chosen = self.selected_staff()
        if not chosen or self.panel.busy:
            return
        activate = all(not s.active for s in chosen)
        who = (
            chosen[0].name
            if len(chosen) == 1
            else self.tr("%s pegawai") % format_count(len(chosen))
        )
        if not activate:
            answer = QMessageBox.question(
                self,
                self.tr("Nonaktifkan pegawai"),
                self.tr(
                    "Nonaktifkan %s? Pegawai nonaktif (pindah tugas, pensiun) tidak dihitung "
                    "dalam capaian OPD. Bisa diaktifkan lagi kapan saja lewat "
                    '"Tampilkan yang nonaktif".'
                )
                % who,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        storage, ids = self.storage, [s.id for s in chosen]

        def done(changed: int) -> None:
            text = (
                self.tr("%s pegawai diaktifkan lagi.")
                if activate
                else self.tr("%s pegawai dinonaktifkan.")
            )
            self.message.show_message(text % format_count(changed), "info")

        self._write(
            lambda context: storage.set_staff_active(ids, activate),
            done,
            self.tr("Menyimpan…"),
        )

    def record_status(self) -> None:
        chosen = self.selected_staff()
        if not chosen or self.panel.busy:
            return
        dialog = StatusDialog(self.storage, self.runner, chosen, self, bus=self.bus)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._status_recorded(dialog))
        dialog.finished.connect(lambda _: setattr(self, "status_dialog", None))
        self.status_dialog = dialog
        dialog.open()

    def _status_recorded(self, dialog: StatusDialog) -> None:
        result = dialog.result_
        if result is None:
            return
        text = self.tr("Status %s dicatat untuk %s pegawai.") % (
            status_label(result.status),
            format_count(result.count),
        )
        if result.proof is not None:
            text += " " + self.tr("Bukti dilampirkan: %s (%s).") % (
                result.proof.filename,
                size_text(result.proof.size),
            )
        self.message.show_message(text, "info")
        if result.proof_problem:
            warn(
                self,
                self.tr("Status sudah disimpan, tetapi buktinya belum terlampir: %s")
                % result.proof_problem,
            )

    def choose_proof(self) -> None:
        chosen = self.selected_staff()
        if len(chosen) != 1 or self.panel.busy:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih bukti pengisian"), str(documents_folder()), proof_filter()
        )
        if path:
            self.attach_proof(Path(path))

    def attach_proof(self, path: Path) -> None:
        """Read the file in the worker and keep it with the selected person's Sudah."""
        chosen = self.selected_staff()
        if len(chosen) != 1 or self.panel.busy:
            return
        storage, staff_id = self.storage, chosen[0].id

        def attach(context: TaskContext) -> StaffProofFile:
            return storage.attach_staff_proof(staff_id, path.name, read_proof_file(path, context))

        self._write(
            attach,
            lambda proof: self.message.show_message(
                self.tr("Bukti dilampirkan: %s (%s).") % (proof.filename, size_text(proof.size)),
                "info",
            ),
            self.tr("Melampirkan %s…") % path.name,
        )

    def show_proofs(self) -> None:
        chosen = self.selected_staff()
        if len(chosen) != 1 or self.panel.busy:
            return
        dialog = StaffProofsDialog(self.storage, chosen[0], self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _: setattr(self, "proofs_dialog", None))
        self.proofs_dialog = dialog
        dialog.open()

    def import_roster(self) -> None:
        if not self.allowed or self.panel.busy:
            return
        from sp_desktop.ui.monitoring.roster_import_dialog import RosterImportDialog

        dialog = RosterImportDialog(self.storage, self.runner, self, bus=self.bus)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _: setattr(self, "import_dialog", None))
        self.import_dialog = dialog
        dialog.open()

    def _data_changed(self, changes: Changes, initiator: object) -> None:
        """Any change to the staff or the targets, here or elsewhere: read again."""
        if changes.staff or changes.targets:
            keep, self._select_next = self._select_next, None
            self.reload(keep=keep)

    # -- closing ----------------------------------------------------------------------------

    def reject(self) -> None:
        if self.panel.busy and self._writing:
            return  # a change being written is let finish
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.panel.busy and self._writing:
            self._close_when_stopped = True
            event.ignore()
            return
        super().closeEvent(event)

    def _closing(self) -> None:
        if self._loading is not None:
            self._loading.cancel()
            self._loading = None
        self._load_token += 1
