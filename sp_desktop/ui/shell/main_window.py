"""The main window: the household list on the left, the form on the right."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sp_desktop import APP_NAME
from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import UserFacingError, write_crash_report
from sp_desktop.core.domain.agenda import week_end
from sp_desktop.core.domain.model import HouseholdQuery, Outcome
from sp_desktop.core.domain.permissions import ROLE_LABELS, Permission, Role
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.domain.text import format_count
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.accounts.session import DEFAULT_LOCK_MINUTES, IdleWatcher, LockScreen
from sp_desktop.ui.households.household_form import HouseholdForm
from sp_desktop.ui.households.household_model import HouseholdTableModel
from sp_desktop.ui.households.people_dialog import PeopleDialog
from sp_desktop.ui.operations import ChangeBus, Changes, run_write
from sp_desktop.ui.widgets import (
    ElidedComboBox,
    ElidedLabel,
    confirm_irreversible,
    label_of,
    list_view,
    py_date,
    to_qdate,
    tooltips_for_clipped_cells,
)
from sp_desktop.ui.worker import TaskContext, TaskRunner

if TYPE_CHECKING:
    from sp_desktop.core.domain.sync_docs import SyncStatus
    from sp_desktop.ui.documents.documents_dialog import Kind

SEARCH_DELAY_MS = 150  # wait for a pause in typing before searching
NO_VISIT = "tanpa_kunjungan"
BACKUP_CHECK_MS = 60 * 60 * 1000  # look hourly whether the daily backup is due


class MainWindow(QMainWindow):
    def __init__(self, installation: Installation, runner: TaskRunner) -> None:
        super().__init__()
        self.installation = installation
        self.storage = storage = installation.storage
        self.runner = runner
        # Set when the data was restored from a backup: the app opens a fresh window on it.
        self.reopen_with: Installation | None = None
        self._stashed_forms: dict[str, HouseholdForm] = {}
        self._hidden_dialogs: list[QWidget] = []
        self.dashboard: QWidget | None = None  # the open Dasbor window, if any
        self.list_panel: QWidget  # made by _build_list
        runner.failed.connect(self.show_error)
        # Every write of this session is announced here; each open view refreshes itself.
        self.bus = ChangeBus(self)
        self.bus.data_changed.connect(self._data_changed)
        demo = storage.get_setting("demo") == "1"
        title = f"{APP_NAME} — {self.tr('Pendampingan SP Online')}"
        self.setWindowTitle(title + (self.tr("  [DATA DEMO]") if demo else ""))
        home = self._home_prefix()

        self.model = HouseholdTableModel(storage, runner, self)
        self.form = HouseholdForm(storage, self, home_prefix=home, runner=runner, bus=self.bus)
        self._build_list()
        self._build_menus()
        self._build_status()
        self._fit_narrow_screens()

        self.form_scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([800, 566])
        # The lock screen covers the work; the work itself is never torn down.
        self.pages = QStackedWidget(self)
        self.pages.addWidget(splitter)
        self.lock_screen = LockScreen(self)
        self.lock_screen.panel.submitted.connect(self.unlock)
        self.pages.addWidget(self.lock_screen)
        self.setCentralWidget(self.pages)

        self.form.saved.connect(self._household_saved)
        self.idle = IdleWatcher(self._lock_minutes(), self)
        self.idle.idle.connect(self.lock)
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_if_due)
        self._backup_timer.start()
        self._show_account()
        self.model.loaded.connect(self._rows_loaded)
        self.model.counts_ready.connect(self._show_counts)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._select_first_when_loaded = False
        self._load_kelurahan_filter()
        # The sync status line is counted once the first rows are in: on two cores its
        # counts must not compete with them at start-up.
        self._sync_status_pending = True
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
        self.search.setAccessibleName(self.tr("Cari rumah tangga"))
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._focus_list)
        self.outcome_filter = ElidedComboBox(self)
        self.outcome_filter.addItem(self.tr("Semua hasil"), None)
        for outcome in Outcome:
            self.outcome_filter.addItem(label_of(outcome), outcome.value)
        self.outcome_filter.addItem(self.tr("Belum dikunjungi"), NO_VISIT)
        self.outcome_filter.currentIndexChanged.connect(self.apply_filters)
        self.outcome_filter.setAccessibleName(self.tr("Saring menurut hasil"))
        # Still open with a revisit date up to: (none), today, Sunday, any date.
        self.revisit_filter = ElidedComboBox(self)
        self.revisit_filter.setAccessibleName(self.tr("Saring menurut jadwal kunjungan ulang"))
        self.revisit_filter.addItem(self.tr("Kunj. ulang: semua"), "")
        self.revisit_filter.addItem(self.tr("Kunj. ulang: hari ini"), "today")
        self.revisit_filter.addItem(self.tr("Kunj. ulang: minggu ini"), "week")
        self.revisit_filter.addItem(self.tr("Kunj. ulang: ada jadwal"), "any")
        self.revisit_filter.setToolTip(
            self.tr(
                "Rumah tangga Belum/Gagal yang dijadwalkan dikunjungi lagi (yang terlambat ikut)"
            )
        )
        self.revisit_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.revisit_filter.setMinimumContentsLength(16)
        self.revisit_filter.currentIndexChanged.connect(self.apply_filters)
        self.kelurahan_filter = ElidedComboBox(self)
        self.kelurahan_filter.setAccessibleName(self.tr("Saring menurut kelurahan/desa"))
        self.kelurahan_filter.addItem(self.tr("Semua kelurahan/desa"), "")
        self.kelurahan_filter.setMinimumContentsLength(18)
        self.kelurahan_filter.currentIndexChanged.connect(self.apply_filters)

        self.table = list_view(self.model, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 120, 120, 112, 58, 112, 95, 95)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _: self.form.setFocus())

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.outcome_filter, 1)
        filters.addWidget(self.revisit_filter, 1)
        filters.addWidget(self.kelurahan_filter, 1)
        self.list_panel = QWidget(self)
        layout = QVBoxLayout(self.list_panel)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    def _build_menus(self) -> None:
        def action(
            text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: object
        ) -> QAction:
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

        def agenda() -> None:
            from sp_desktop.ui.households.agenda_dialog import open_agenda

            open_agenda(self)

        data_menu.addAction(action(self.tr("&Kunjungan ulang…"), "Ctrl+Shift+K", agenda))
        data_menu.addSeparator()
        self.people_action = action(self.tr("&Petugas dan Posko…"), None, self.edit_people)
        data_menu.addAction(self.people_action)
        data_menu.addSeparator()
        self.backup_action = action(self.tr("Buat c&adangan sekarang…"), None, self.backup_now)
        self.restore_action = action(
            self.tr("P&ulihkan dari cadangan…"), None, self.restore_from_backup
        )
        self.retention_action = action(
            self.tr("Masa simpan dan &hapus data pribadi…"), None, self.edit_retention
        )
        for act in (self.backup_action, self.restore_action, self.retention_action):
            data_menu.addAction(act)
        # Alt+E: "D" is the Data menu's. Menu letters B, D, E, K, U and A are never used by
        # the window's own labels and buttons (tests/gui/test_mnemonics.py).
        documents_menu = self.menuBar().addMenu(self.tr("Dokum&en"))
        documents_menu.addAction(
            action(
                self.tr("&Cetak bukti kunjungan…"), QKeySequence.StandardKey.Print, self.print_slip
            )
        )
        documents_menu.addAction(
            action(
                self.tr("Bukti untuk &banyak kunjungan…"),
                None,
                lambda: self.show_documents("slips"),
            )
        )
        self.recap_action = action(
            self.tr("&Rekapitulasi…"), None, lambda: self.show_documents("recap")
        )
        self.export_action = action(
            self.tr("&Ekspor Excel / CSV…"), None, lambda: self.show_documents("export")
        )
        self.handover_action = action(
            self.tr("Paket &serah terima…"), None, lambda: self.show_documents("handover")
        )
        for act in (self.recap_action, self.export_action, self.handover_action):
            documents_menu.addAction(act)
        documents_menu.addSeparator()
        self.verify_action = action(
            self.tr("&Periksa keaslian dokumen…"), None, self.verify_documents
        )
        documents_menu.addAction(self.verify_action)
        documents_menu.addAction(
            action(self.tr("&Kunci tanda tangan kantor…"), None, self.show_keys)
        )
        self.documents_menu = documents_menu
        account_menu = self.menuBar().addMenu(self.tr("A&kun"))
        account_menu.addAction(action(self.tr("&Kunci layar"), "Ctrl+L", self.lock))
        account_menu.addAction(action(self.tr("&Ganti pengguna"), None, self.lock))
        account_menu.addAction(action(self.tr("Ganti kata &sandi…"), None, self.change_password))
        # Named in both languages: whoever switched by mistake still finds the way back.
        account_menu.addAction(action(self.tr("&Bahasa (Language)…"), None, self.choose_language))
        account_menu.addSeparator()
        self.accounts_action = action(self.tr("Kelola &akun…"), None, self.manage_accounts)
        self.audit_action = action(self.tr("&Jejak audit…"), None, self.show_audit)
        self.lock_time_action = action(
            self.tr("&Waktu kunci otomatis…"), None, self.edit_lock_minutes
        )
        self.recovery_action = action(
            self.tr("Buat &lembar pemulihan baru…"), None, self.new_recovery_sheet
        )
        for act in (
            self.accounts_action,
            self.audit_action,
            self.lock_time_action,
            self.recovery_action,
        ):
            account_menu.addAction(act)
        # No Alt letter: every letter of "Sinkron" is taken by the form or a menu, and Alt+S
        # must stay the Simpan button's in one press. Ctrl+Shift+S opens the dialog; the menu is
        # reached with Alt or F10 and the arrow keys.
        sync_menu = self.menuBar().addMenu(self.tr("Sinkron"))
        self.sync_action = action(self.tr("&Kirim && terima data…"), "Ctrl+Shift+S", self.show_sync)
        self.conflicts_action = action(
            self.tr("K&onflik dan data ganda…"), None, self.show_conflicts
        )
        # A petugas (no coordinator at the posko): their own households, sealed.
        self.own_bundle_action = action(
            self.tr("Kirim &data saya ke kantor…"), None, self.show_own_bundle
        )
        sync_menu.addAction(self.sync_action)
        sync_menu.addAction(self.conflicts_action)
        sync_menu.addAction(self.own_bundle_action)
        self.sync_menu = sync_menu
        # Alt+U (README): P, M, A, N and T are taken.
        monitor_menu = self.menuBar().addMenu(self.tr("Pemanta&uan"))
        self.staff_action = action(
            self.tr("&Pegawai ASN (SP Online)…"), "Ctrl+Shift+P", self.show_staff
        )
        self.dashboard_action = action(self.tr("&Dasbor…"), "Ctrl+Shift+D", self.show_dashboard)
        self.targets_action = action(self.tr("&Target…"), None, self.show_targets)
        self.evaluation_action = action(
            self.tr("&Evaluasi dua mingguan…"), None, self.show_evaluation
        )
        for act in (
            self.staff_action,
            self.dashboard_action,
            self.targets_action,
            self.evaluation_action,
        ):
            monitor_menu.addAction(act)
        self.monitor_menu = monitor_menu
        help_menu = self.menuBar().addMenu(self.tr("B&antuan"))
        # F1 here opens the section of what has focus (the lock screen's, or the contents);
        # in every dialog the application-wide F1 filter (ui/help/sections.py) does the same.
        from sp_desktop.ui.help.sections import install_help_key, open_help, section_for

        install_help_key()
        self.help_action = action(
            self.tr("Pa&nduan"), "F1", lambda: open_help(section_for(self.focusWidget()), self)
        )
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.verify_action)  # printed slips point here too
        help_menu.addAction(action(self.tr("&Tentang SP Desktop"), None, self.about))

    def _fit_narrow_screens(self) -> None:
        """At 1366x768 with 125% scaling (1093 logical pixels wide) the list gives the form
        its two columns: the filters may get narrow (their choices still drop down whole),
        the columns keep their width and the list scrolls sideways."""
        panel = self.list_panel.layout()
        first = panel.itemAt(0) if panel is not None else None
        filters = first.layout() if first is not None else None
        if isinstance(panel, QVBoxLayout) and filters is not None:
            filters.removeWidget(self.search)  # on a row of its own, above the choices
            panel.insertWidget(0, self.search)
        for combo in self.list_panel.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(min(combo.minimumContentsLength() or 8, 8))
        header = self.table.horizontalHeader()
        kelurahan = HouseholdTableModel.COLUMNS.index("kelurahan")
        header.resizeSection(kelurahan, max(header.sectionSize(kelurahan), 165))
        tooltips_for_clipped_cells(self.table)

    def fit_panels(self, width: int) -> None:
        """Split `width` (the window's): the form its two columns, the list the rest."""
        scroll_bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        form = max(self.form.minimumSizeHint().width() + scroll_bar + 4, width * 55 // 100)
        self.splitter.setSizes([max(1, width - form - self.splitter.handleWidth()), form])

    def _build_status(self) -> None:
        self.counts_label = ElidedLabel(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.account_label = ElidedLabel(self)
        # Sync state: read off the GUI thread (it counts over every record).
        self.sync_label = QLabel(self)
        self.sync_label.setTextFormat(Qt.TextFormat.RichText)
        self.sync_label.setStyleSheet(
            "QLabel { border-left: 1px solid #b0b0b0; padding-left: 6px; margin-left: 2px; }"
        )
        self.sync_label.setToolTip(
            self.tr(
                "Belum terkirim: perubahan di komputer ini yang belum masuk paket data atau "
                "server (menu Sinkron)."
            )
        )
        self.sync_label.linkActivated.connect(lambda _: self.show_conflicts())
        self._sync_status_token = 0
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.account_label)
        self.statusBar().addPermanentWidget(self.busy)
        self.runner.busy_changed.connect(self.busy.setVisible)
        # The data folder: a widget of its own (a message would run under the others); it
        # gets the room left and is the first to end in "…".
        self.data_label = ElidedLabel(self)
        self.data_label.setText(self.tr("Data: %s") % self.storage.path.parent)
        self.data_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.data_label, 1)

    # -- list ------------------------------------------------------------------------------

    def current_query(self) -> HouseholdQuery:
        outcome = self.outcome_filter.currentData()
        revisit = self.revisit_filter.currentData()
        today = clock.today()
        return HouseholdQuery(
            text=self.search.text(),
            outcome=Outcome(outcome) if outcome in {o.value for o in Outcome} else None,
            no_visit=outcome == NO_VISIT,
            kelurahan_code=self.kelurahan_filter.currentData() or "",
            revisit_until={"today": today, "week": week_end(today), "any": date.max}.get(revisit),
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
        if self._sync_status_pending:
            self._sync_status_pending = False
            self.refresh_sync_status()
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
            filtered = (
                query.text.strip()
                or query.outcome
                or query.no_visit
                or query.kelurahan_code
                or query.revisit_until
            )
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
        # The list and the status bar follow the bus (`_data_changed`).
        self.statusBar().showMessage(self.tr("Tersimpan."), 5000)
        code = self.storage.household(household_id).kelurahan_code
        if self.kelurahan_filter.findData(code) < 0:
            self._reload_kelurahan_filter()

    def _data_changed(self, changes: Changes, initiator: object) -> None:
        """After any write (the form, a dialog, an import, a sync, a merge): the list, the
        status bar and an unchanged form show the data as it is now."""
        if changes.household_set:
            self.apply_filters()  # rows came or went (a new household must appear)
        elif changes.household_rows:
            # Same rows, new contents: keep the user's place in a long list.
            self.model.invalidate_rows()
            self.model.recount()
        if changes.unsent:
            self.refresh_sync_status()
        if changes.people or changes.accounts:
            self.form.reload_people()
        if initiator is self.form or not changes.household_rows:
            return  # the form shows what it saved itself
        self._reload_kelurahan_filter()
        household_id = self.form.household_id
        if household_id and not self.form.has_unsaved_changes():
            try:
                self.form.load_household(household_id)
            except UserFacingError:  # merged into another record
                self.form.new_household()

    def _reload_kelurahan_filter(self) -> None:
        self._load_kelurahan_filter()

    # -- who is at the PC -----------------------------------------------------------------------

    def _lock_minutes(self) -> float:
        try:
            return float(self.storage.get_setting("lock_after_minutes") or DEFAULT_LOCK_MINUTES)
        except ValueError:
            return DEFAULT_LOCK_MINUTES

    def _show_account(self) -> None:
        account = self.storage.actor
        if account is None:
            self.account_label.setText(self.tr("Terkunci"))
            return
        self.account_label.setText(
            self.tr("Masuk: %s (%s)")
            % (account.name, QCoreApplication.translate("Role", ROLE_LABELS[Role(account.role)]))
        )
        can = self.storage.can
        self.people_action.setVisible(can(Permission.MANAGE_HELPERS))
        self.accounts_action.setVisible(can(Permission.MANAGE_HELPERS))
        self.audit_action.setVisible(can(Permission.VIEW_AUDIT))
        for act in (self.lock_time_action, self.recovery_action):
            act.setVisible(can(Permission.SETTINGS))
        for act in (self.backup_action, self.restore_action):
            act.setVisible(can(Permission.BACKUP))
        self.retention_action.setVisible(can(Permission.PURGE))
        for act in (self.recap_action, self.export_action, self.handover_action):
            act.setVisible(can(Permission.EXPORT))
        may_sync = can(Permission.SYNC)
        for act in (self.sync_action, self.conflicts_action):
            act.setVisible(may_sync)
        sends_own = not may_sync and can(Permission.RECORD)
        self.own_bundle_action.setVisible(sends_own)
        self.sync_menu.menuAction().setVisible(may_sync or sends_own)
        may_monitor = can(Permission.MONITOR)
        for act in (
            self.monitor_menu.menuAction(),
            self.staff_action,
            self.dashboard_action,
            self.evaluation_action,
        ):
            act.setVisible(may_monitor)
        self.targets_action.setVisible(can(Permission.MONITOR_ALL))

    @property
    def locked(self) -> bool:
        return self.pages.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Cover the window; nothing typed is lost, nothing can be read until unlocked."""
        if self.locked:
            return
        self.idle.pause()
        self._search_timer.stop()
        # Open dialogs (a half-filled account form, a question) are hidden, not closed.
        self._hidden_dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and w is not self
        ]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        account = self.storage.actor
        self.installation.lock_screen()
        self.menuBar().setEnabled(False)
        self.counts_label.hide()
        self.sync_label.hide()
        self.lock_screen.show_for(account)
        self.pages.setCurrentWidget(self.lock_screen)
        self._show_account()

    def unlock(self, nip: str, password: str) -> None:
        previous = self._previous_account_id()
        try:
            account = self.installation.unlock(nip, password)
        except UserFacingError as exc:
            self.lock_screen.panel.failed(exc)
            return
        if account.id != previous:
            self._switch_form(previous, account.id)
            for dialog in self._hidden_dialogs:  # they were the other person's
                dialog.close()
            self._hidden_dialogs = []
            self.search.clear()  # a search can hold the other person's NIK
            self.apply_filters()
        self.menuBar().setEnabled(True)
        self.counts_label.show()
        self.sync_label.show()
        self.refresh_sync_status()
        self.pages.setCurrentIndex(0)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self._show_account()
        self.idle.resume()
        self.form.setFocus()
        if account.id != previous and account.role == Role.OPD_ADMIN:
            # Signing in here is a start like any other: an OPD administrator's work is
            # their office's staff, as after the login dialog (run_startup_tasks).
            QTimer.singleShot(0, self.show_staff)

    def _previous_account_id(self) -> str:
        return self.lock_screen.last_account_id

    def _switch_form(self, previous: str, current: str) -> None:
        """Each person keeps their own unsaved form; the next one starts with a fresh form."""
        old = self.form_scroll.takeWidget()
        if isinstance(old, HouseholdForm):
            old.hide()
            if old.has_unsaved_changes():
                self._stashed_forms[previous] = old
            else:
                old.deleteLater()
        form = self._stashed_forms.pop(current, None)
        if form is None:
            form = HouseholdForm(
                self.storage,
                self,
                home_prefix=self._home_prefix(),
                runner=self.runner,
                bus=self.bus,
            )
            form.saved.connect(self._household_saved)
        else:
            self.statusBar().showMessage(
                self.tr("Isian Anda yang belum disimpan dikembalikan."), 8000
            )
        form.reload_people()
        self.form = form
        self.form_scroll.setWidget(form)
        form.show()

    def choose_language(self) -> None:
        """Akun > Bahasa: this person's language, kept for their next sign-in too; the
        window reopens in it at once (after the form is saved or given up)."""
        from sp_desktop.core.base.data_folder import remember_language
        from sp_desktop.ui.shell.language import current_language
        from sp_desktop.ui.shell.language_picker import LanguageDialog

        dialog = LanguageDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or self.storage.actor is None:
            return
        code = dialog.code()
        remember_language(self.installation.data_dir, code, self.storage.actor.id)
        if code != current_language():
            self.reopen_with = self.installation  # app.run_app builds the window again
            if not self.close():
                self.reopen_with = None

    def change_password(self) -> None:
        from sp_desktop.ui.accounts.accounts_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.installation, self, runner=self.runner, bus=self.bus).exec()

    def manage_accounts(self) -> None:
        from sp_desktop.ui.accounts.accounts_dialog import AccountsDialog

        AccountsDialog(self.installation, self, runner=self.runner, bus=self.bus).exec()

    def show_audit(self) -> None:
        from sp_desktop.ui.accounts.audit_dialog import AuditDialog

        AuditDialog(self.storage, self).exec()

    def edit_lock_minutes(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self,
            self.tr("Waktu kunci otomatis"),
            self.tr("Kunci layar setelah tidak dipakai selama (menit):"),
            int(self._lock_minutes()),
            1,
            120,
        )
        if ok:
            storage = self.storage
            self._write_setting(lambda: storage.set_setting("lock_after_minutes", str(minutes)))
            self.idle.set_minutes(minutes)

    def new_recovery_sheet(self) -> None:
        from sp_desktop.ui.accounts.session import RecoverySheetDialog

        answer = QMessageBox.question(
            self,
            self.tr("Lembar pemulihan baru"),
            self.tr(
                "Buat lembar pemulihan baru? Lembar lama tidak berlaku lagi dan sebaiknya "
                "dimusnahkan."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        installation = self.installation

        def made(key: str) -> None:
            RecoverySheetDialog(installation, key, self).exec()

        # Key stretching takes a moment: off the GUI thread; a refusal goes to show_error.
        run_write(
            self.runner,
            self.bus,
            lambda context: installation.new_recovery_key(),
            changes=Changes(settings=True),
            on_done=made,
        )

    def _write_setting(self, write: Callable[[], object]) -> bool:
        """A setting written through the operation helper; True once it is stored (a
        refusal is shown by `show_error`, through the runner)."""
        stored = False

        def done(_: object) -> None:
            nonlocal stored
            stored = True

        run_write(
            self.runner,
            self.bus,
            lambda context: write(),
            changes=Changes(settings=True),
            on_done=done,
            wait=True,
        )
        return stored

    # -- backups and retention -------------------------------------------------------------------

    def run_startup_tasks(self) -> None:
        """An automatic backup at every start (in the background), then the retention check."""
        self.backup_if_due(force=True)
        if self.storage.can(Permission.PURGE) and self.storage.retention_due():
            QTimer.singleShot(0, self.offer_purge)
        actor = self.storage.actor
        if actor is not None and actor.role == Role.OPD_ADMIN:
            # An OPD administrator's work is their office's staff: that screen first.
            QTimer.singleShot(0, self.show_staff)
        if self.installation.key_problems:
            QTimer.singleShot(0, self.warn_key_problems)

    def warn_key_problems(self) -> None:
        """What the key check found (a coordinator's or admin's business), said at once."""
        problems = self.installation.key_problems
        if not problems:
            return
        QMessageBox.warning(
            self,
            self.tr("Berkas kunci perlu diperiksa"),
            "\n\n".join(["• " + p for p in problems])
            + "\n\n"
            + self.tr(
                "Catatan ini juga masuk jejak audit. Jangan hapus apa pun; simpan cadangan "
                "terakhir dan periksa siapa memakai PC ini."
            ),
        )

    def backup_if_due(self, *, force: bool = False) -> None:
        from sp_desktop.core.security.backup import backup_due, create_backup

        if self.locked or (not force and not backup_due(self.installation.data_dir)):
            return
        installation = self.installation
        folder = self.storage.get_setting("backup_folder")

        def work(context: TaskContext) -> list[Path]:
            made = [create_backup(installation, label="otomatis")]
            if folder and Path(folder).is_dir():  # the USB stick may be out: skip quietly
                made.append(create_backup(installation, target_dir=Path(folder)))
            return made

        def done(paths: list[Path]) -> None:
            self.statusBar().showMessage(self.tr("Cadangan otomatis dibuat."), 5000)

        self.runner.submit(work, on_done=done)

    def backup_now(self) -> None:
        from sp_desktop.core.security.backup import create_backup

        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Pilih folder cadangan (mis. flashdisk)"),
            self.storage.get_setting("backup_folder") or str(Path.home()),
        )
        if not folder:
            return
        installation = self.installation
        answer = QMessageBox.question(
            self,
            self.tr("Cadangan otomatis"),
            self.tr("Buat cadangan otomatis harian juga ke folder ini bila terpasang?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            storage = self.storage
            self._write_setting(lambda: storage.set_setting("backup_folder", folder))

        def done(path: Path) -> None:
            QMessageBox.information(
                self,
                APP_NAME,
                self.tr(
                    "Cadangan terenkripsi dibuat:\n%s\n\nBerkas ini hanya bisa dibuka dengan "
                    "kata sandi akun atau lembar pemulihan."
                )
                % path,
            )

        self.runner.submit(
            lambda context: create_backup(installation, target_dir=Path(folder), label="manual"),
            on_done=done,
        )

    def restore_from_backup(self) -> None:
        from sp_desktop.ui.shell.restore import ask_and_restore

        ask_and_restore(self)  # in the worker, with a progress page and a clear result

    def edit_retention(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Masa simpan data pribadi"))
        until = self.storage.retention_until()
        enabled = QCheckBox(self.tr("Tetapkan akhir masa simpan"), dialog)
        enabled.setChecked(until is not None)
        picker = QDateEdit(dialog)
        picker.setCalendarPopup(True)
        picker.setDisplayFormat("dd/MM/yyyy")
        picker.setDate(to_qdate(until) if until else to_qdate(clock.today()).addMonths(6))
        picker.setEnabled(until is not None)
        enabled.toggled.connect(picker.setEnabled)
        note = QLabel(
            self.tr(
                "Setelah tanggal ini (mis. sesudah serah terima ke BPS), aplikasi menawarkan "
                "menghapus No KK, NIK, nama, alamat dan catatan semua rumah tangga. Hitungan "
                "per kelurahan dan hasil tetap tersimpan, dan berita acaranya dicetak."
            ),
            dialog,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QFormLayout(dialog)
        layout.addRow(note)
        layout.addRow(enabled)
        layout.addRow(self.tr("Akhir masa simpan"), picker)
        layout.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = py_date(picker.date()) if enabled.isChecked() else None
        storage = self.storage
        if self._write_setting(lambda: storage.set_retention_until(chosen)) and (
            self.storage.retention_due()
        ):
            self.offer_purge()

    def offer_purge(self) -> None:
        from sp_desktop.core.security.safekeeping import purge_and_report

        until = self.storage.retention_until()
        if not confirm_irreversible(
            self,
            self.tr("Masa simpan berakhir"),
            self.tr(
                "Masa simpan data pribadi berakhir pada %s.\n\nHapus sekarang No KK, NIK, nama, "
                "alamat, nomor HP dan catatan semua rumah tangga? Hitungan tetap tersimpan. "
                "Tindakan ini tidak bisa dibatalkan; berita acaranya akan disimpan sebagai PDF."
            )
            % (until.strftime("%d/%m/%Y") if until else ""),
            self.tr("Hapus data pribadi…"),
            self.tr("Nanti"),
        ):
            return
        default = Path.home() / f"Berita-Acara-Penghapusan-{clock.today():%Y%m%d}.pdf"
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan berita acara"), str(default), "PDF (*.pdf)"
        )
        if not out:
            return
        installation = self.installation

        def done(summary: object) -> None:
            QMessageBox.information(
                self,
                APP_NAME,
                self.tr("Data pribadi %s rumah tangga dihapus. Berita acara: %s")
                % (format_count(summary.purged), out),  # type: ignore[attr-defined]
            )

        run_write(
            self.runner,
            self.bus,
            lambda context: purge_and_report(installation, Path(out), progress=context),
            # Personal data is gone from every row: the list searches again.
            changes=Changes(household_set=True, households=True, visits=True, proofs=True),
            on_done=done,
        )

    # -- dialogs --------------------------------------------------------------------------------

    def edit_people(self) -> None:
        dialog = PeopleDialog(
            self.storage, self, home_prefix=self._home_prefix(), runner=self.runner, bus=self.bus
        )
        dialog.exec()
        self.form.kelurahan.prefer = self._home_prefix()

    def print_slip(self) -> None:
        """Ctrl+P: the slip of the visit selected in the open form."""
        if not self.locked:  # window shortcuts still reach the window behind the lock
            self.form.print_selected_slip()

    def show_documents(self, kind: Kind) -> None:
        from sp_desktop.ui.documents.documents_dialog import DocumentsDialog

        if not self.locked:
            DocumentsDialog(self.installation, self.runner, self, kind=kind).exec()

    def verify_documents(self) -> None:
        from sp_desktop.ui.documents.verify_dialog import VerifyDialog

        if not self.locked:
            VerifyDialog(self.installation, self, runner=self.runner).exec()

    def show_keys(self) -> None:
        from sp_desktop.ui.accounts.keys_dialog import KeysDialog

        if not self.locked:
            KeysDialog(self.installation, self, runner=self.runner, bus=self.bus).exec()

    def show_sync(self) -> None:
        from sp_desktop.ui.sync.sync_dialog import SyncDialog

        if not self.locked and self.storage.can(Permission.SYNC):
            SyncDialog(self.installation, self.runner, self, bus=self.bus).exec()

    def show_own_bundle(self) -> None:
        from sp_desktop.ui.sync.own_bundle_dialog import OwnBundleDialog

        if not self.locked and self.storage.can(Permission.RECORD):
            OwnBundleDialog(self.installation, self.runner, self, bus=self.bus).exec()

    def show_conflicts(self) -> None:
        from sp_desktop.ui.sync.conflicts_dialog import ConflictsDialog

        if not self.locked and self.storage.can(Permission.SYNC):
            ConflictsDialog(self.storage, self.runner, self, bus=self.bus).exec()

    def show_staff(self) -> None:
        from sp_desktop.ui.monitoring.staff_dialog import StaffDialog

        if not self.locked and self.storage.can(Permission.MONITOR):
            StaffDialog(self.storage, self.runner, self, bus=self.bus).exec()

    def show_dashboard(self) -> None:
        from sp_desktop.ui.monitoring.dashboard_dialog import DashboardDialog

        if self.locked or not self.storage.can(Permission.MONITOR):
            return
        # Not modal: it keeps itself up to date while the user works in the main window.
        if self.dashboard is None:
            self.dashboard = DashboardDialog(self.storage, self.runner, self, bus=self.bus)
            self.dashboard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dashboard.destroyed.connect(self._dashboard_closed)
        self.dashboard.show()
        self.dashboard.raise_()
        self.dashboard.activateWindow()

    def _dashboard_closed(self) -> None:
        self.dashboard = None

    def show_targets(self) -> None:
        from sp_desktop.ui.monitoring.targets_dialog import TargetsDialog

        if not self.locked and self.storage.can(Permission.MONITOR_ALL):
            TargetsDialog(self.storage, self, runner=self.runner, bus=self.bus).exec()

    def show_evaluation(self) -> None:
        from sp_desktop.ui.monitoring.evaluation_dialog import EvaluationDialog

        if not self.locked and self.storage.can(Permission.MONITOR):
            EvaluationDialog(self.storage, self.runner, self).exec()

    def refresh_sync_status(self) -> None:
        """'Sinkron terakhir: … · Belum terkirim: N · Konflik: N', counted off the GUI thread."""
        from sp_desktop.ui.sync.sync_dialog import status_bar_html

        self._sync_status_token += 1
        token = self._sync_status_token
        storage = self.storage

        def shown(status: SyncStatus) -> None:
            if token == self._sync_status_token and not self.locked:
                clickable = storage.can(Permission.SYNC)
                self.sync_label.setText(status_bar_html(status, clickable=clickable))

        self.runner.submit(
            lambda context: storage.sync_status(),
            on_done=shown,
            on_error=lambda exc: None,  # locked meanwhile: the next unlock reads it again
        )

    def _key_fingerprint(self) -> str:
        try:
            return self.storage.own_public_key().fingerprint
        except (UserFacingError, IndexError):
            return ""

    def about(self) -> None:
        from sp_desktop.ui.shell.about_dialog import AboutDialog

        AboutDialog(self.storage.path.parent, self._key_fingerprint(), self).exec()

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
        if self.locked and self.reopen_with is None:
            # Closing a locked window would let anyone throw away someone's unsaved form.
            event.ignore()
            return
        if not self.form.confirm_leave():
            event.ignore()
            return
        self._search_timer.stop()
        self._backup_timer.stop()
        self.idle.stop()
        self.runner.shutdown()
        super().closeEvent(event)
