"""The main window: the household list on the left, the form on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sp_desktop import APP_NAME, __version__
from sp_desktop.core.errors import UserFacingError, write_crash_report
from sp_desktop.core.model import HouseholdQuery, Outcome
from sp_desktop.core.regions import WILAYAH_NOTICE, region_index
from sp_desktop.core.storage import Storage
from sp_desktop.core.text import format_count
from sp_desktop.ui.household_form import HouseholdForm
from sp_desktop.ui.household_model import HouseholdTableModel
from sp_desktop.ui.people_dialog import PeopleDialog
from sp_desktop.ui.widgets import label_of
from sp_desktop.ui.worker import TaskContext, TaskRunner

SEARCH_DELAY_MS = 150  # wait for a pause in typing before searching
NO_VISIT = "tanpa_kunjungan"


class MainWindow(QMainWindow):
    def __init__(self, storage: Storage, runner: TaskRunner) -> None:
        super().__init__()
        self.storage = storage
        self.runner = runner
        runner.failed.connect(self.show_error)
        demo = storage.get_setting("demo") == "1"
        title = f"{APP_NAME} — {self.tr('Pendampingan SP Online')}"
        self.setWindowTitle(title + (self.tr("  [DATA DEMO]") if demo else ""))
        home = self._home_prefix()

        self.model = HouseholdTableModel(storage, runner, self)
        self.form = HouseholdForm(storage, self, home_prefix=home)
        self._build_list()
        self._build_menus()
        self._build_status()

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([800, 566])
        self.setCentralWidget(splitter)

        self.form.saved.connect(self._household_saved)
        self.model.loaded.connect(self._rows_loaded)
        self.model.counts_ready.connect(self._show_counts)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._select_first_when_loaded = False
        self._load_kelurahan_filter()
        self.apply_filters()

    def _home_prefix(self) -> str:
        """The city of the post last used here, so this office's own kelurahan rank first."""
        posts = {post.id: post for post in self.storage.posts()}
        last = posts.get(self.storage.get_setting("last_post_id"))
        post = last or next(iter(posts.values()), None)
        return post.kelurahan_code[:5] if post else ""

    # -- building -------------------------------------------------------------------------

    def _build_list(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Cari nama kepala keluarga, No KK atau NIK  (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._focus_list)
        self.outcome_filter = QComboBox(self)
        self.outcome_filter.addItem(self.tr("Semua hasil"), None)
        for outcome in Outcome:
            self.outcome_filter.addItem(label_of(outcome), outcome.value)
        self.outcome_filter.addItem(self.tr("Belum dikunjungi"), NO_VISIT)
        self.outcome_filter.currentIndexChanged.connect(self.apply_filters)
        self.kelurahan_filter = QComboBox(self)
        self.kelurahan_filter.addItem(self.tr("Semua kelurahan/desa"), "")
        self.kelurahan_filter.setMinimumContentsLength(18)
        self.kelurahan_filter.currentIndexChanged.connect(self.apply_filters)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures a million rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 120, 120, 112, 58, 112, 95)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _: self.form.setFocus())

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.outcome_filter, 1)
        filters.addWidget(self.kelurahan_filter, 1)
        self.list_panel = QWidget(self)
        layout = QVBoxLayout(self.list_panel)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    def _build_menus(self) -> None:
        def action(text: str, shortcut: QKeySequence | str | None, slot: object) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        file_menu = self.menuBar().addMenu(self.tr("&Berkas"))
        file_menu.addAction(
            action(self.tr("Rumah tangga &baru"), QKeySequence.StandardKey.New, self.new_household)
        )
        file_menu.addAction(
            action(self.tr("&Simpan"), QKeySequence.StandardKey.Save, self.form.save)
        )
        file_menu.addSeparator()
        file_menu.addAction(action(self.tr("&Keluar"), QKeySequence.StandardKey.Quit, self.close))
        data_menu = self.menuBar().addMenu(self.tr("&Data"))
        data_menu.addAction(
            action(self.tr("&Cari"), QKeySequence.StandardKey.Find, self._focus_search)
        )
        data_menu.addAction(
            action(
                self.tr("&Muat ulang daftar"), QKeySequence.StandardKey.Refresh, self.apply_filters
            )
        )
        data_menu.addSeparator()
        data_menu.addAction(action(self.tr("&Petugas dan Posko…"), None, self.edit_people))
        help_menu = self.menuBar().addMenu(self.tr("B&antuan"))
        help_menu.addAction(action(self.tr("&Tentang SP Desktop"), None, self.about))

    def _build_status(self) -> None:
        self.counts_label = QLabel(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.busy)
        self.runner.busy_changed.connect(self.busy.setVisible)
        self.statusBar().showMessage(self.tr("Data: %s") % self.storage.path.parent)

    # -- list ------------------------------------------------------------------------------

    def current_query(self) -> HouseholdQuery:
        outcome = self.outcome_filter.currentData()
        return HouseholdQuery(
            text=self.search.text(),
            outcome=Outcome(outcome) if outcome in {o.value for o in Outcome} else None,
            no_visit=outcome == NO_VISIT,
            kelurahan_code=self.kelurahan_filter.currentData() or "",
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self._select_first_when_loaded = False
        self.counts_label.setText(self.tr("Menghitung…"))
        self.model.set_query(self.current_query())

    def _load_kelurahan_filter(self) -> None:
        storage = self.storage

        def names(context: TaskContext) -> list[tuple[str, str]]:
            # Off the GUI thread: this is also where the region data is first loaded.
            found = (region_index().get(code) for code in storage.kelurahan_in_use())
            return sorted((r.name, r.code) for r in found if r is not None)

        def fill(choices: list[tuple[str, str]]) -> None:
            # Refill around the current choice: the list stays filtered as the box shows.
            combo = self.kelurahan_filter
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for name, code in choices:
                combo.addItem(name, code)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
            if (combo.currentData() or "") != (chosen or ""):
                self.apply_filters()

        self.runner.submit(names, on_done=fill)

    def _rows_loaded(self, count: int, finished: bool) -> None:
        if self._select_first_when_loaded and count:
            self._select_first_when_loaded = False
            if self.table.hasFocus() and not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
        if finished and count == 0:
            self.counts_label.setText(self.tr("Tidak ada rumah tangga yang cocok"))

    def _show_counts(self, counts: dict[str, int]) -> None:
        total = sum(counts.values())
        if total == 0:
            query = self.model.query
            filtered = query.text.strip() or query.outcome or query.no_visit or query.kelurahan_code
            self.counts_label.setText(
                self.tr("Tidak ada rumah tangga yang cocok")
                if filtered
                else self.tr("Belum ada rumah tangga. Tekan Ctrl+N untuk mencatat yang pertama.")
            )
            return
        parts = [self.tr("%s rumah tangga") % format_count(total)]
        for outcome in Outcome:
            label = label_of(outcome)
            parts.append(f"{label} {format_count(counts.get(outcome.value, 0))}")
        parts.append(self.tr("Belum dikunjungi %s") % format_count(counts.get(NO_VISIT, 0)))
        self.counts_label.setText("  ·  ".join(parts))

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        household_id = self.model.data(indexes[0], Qt.ItemDataRole.UserRole)
        if household_id and household_id != self.form.household_id:
            if not self.form.confirm_leave():  # the user stays with what they typed
                previous = deselected.indexes()
                self._select_quietly(previous[0].row() if previous else -1)
                return
            try:
                self.form.load_household(household_id)
            except UserFacingError as exc:
                self.show_error(exc)

    def _select_quietly(self, row: int) -> None:
        """Select a row (or none) without loading it into the form."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.clearSelection()
        if row >= 0:
            self.table.selectRow(row)
        selection.blockSignals(False)

    def _focus_list(self) -> None:
        if self._search_timer.isActive():  # Enter before the typing pause: search now
            self.apply_filters()
        self.table.setFocus()
        if self.table.selectionModel().hasSelection():
            return
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._select_first_when_loaded = True  # the rows are still on their way

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_household(self) -> None:
        if not self.form.confirm_leave():
            return
        self._select_quietly(-1)
        self.form.new_household()

    def _household_saved(self, household_id: str, was_new: bool) -> None:
        self.statusBar().showMessage(self.tr("Tersimpan."), 5000)
        code = self.storage.household(household_id).kelurahan_code
        if self.kelurahan_filter.findData(code) < 0:
            self._reload_kelurahan_filter()
        if was_new:
            self.apply_filters()  # it must appear in the list
        else:
            # Same rows, new contents: keep the user's place in a long list.
            self.model.invalidate_rows()
            self.model.recount()

    def _reload_kelurahan_filter(self) -> None:
        self._load_kelurahan_filter()

    # -- dialogs --------------------------------------------------------------------------------

    def edit_people(self) -> None:
        dialog = PeopleDialog(self.storage, self, home_prefix=self._home_prefix())
        dialog.exec()
        self.form.reload_people()
        self.form.kelurahan.prefer = self._home_prefix()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Tentang SP Desktop"),
            self.tr(
                "<b>SP Desktop %s</b><br>Catatan pendampingan rumah tangga untuk Sensus "
                "Penduduk Online 2020, bekerja tanpa internet.<br><br>Folder data: %s<br><br>"
                "<small>%s</small>"
            )
            % (__version__, self.storage.path.parent, WILAYAH_NOTICE),
        )

    def show_error(self, exc: object) -> None:
        """The one place errors from background work end up; the form is never touched."""
        if isinstance(exc, UserFacingError):
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        report = (
            write_crash_report(self.storage.path.parent, exc)
            if isinstance(exc, BaseException)
            else repr(exc)
        )
        QMessageBox.critical(
            self,
            APP_NAME,
            self.tr(
                "Terjadi kesalahan program. Data yang sudah tersimpan aman, dan isian yang "
                "sedang diketik tetap ada.\n\nKirim berkas ini ke pengembang:\n%s"
            )
            % report,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.form.confirm_leave():
            event.ignore()
            return
        self._search_timer.stop()
        self.runner.shutdown()
        super().closeEvent(event)
