"""*Kunjungan ulang*: who to visit again today, this week, or by a date.

Households whose latest visit is Belum or Gagal with a revisit date in the period, by
posko, petugas, kelurahan and RT/RW (Storage.agenda). A petugas sees their own agenda
first. A double-click opens the household in the main window's form; the list is saved
as the door-to-door PDF or as CSV through the worker, with a result line and "Buka
berkas". Not modal: the helper records visits while it stays open, and it reloads when
the data changes (the main window's ChangeBus).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop import APP_NAME
from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.domain.agenda import (
    PERIOD_LABELS,
    AgendaFilter,
    AgendaLine,
    Period,
    range_for,
)
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.domain.text import format_count, numeric_date_text
from sp_desktop.core.storage import Storage
from sp_desktop.ui.households.task_panel import TaskDialog, TaskPanel
from sp_desktop.ui.operations import ChangeBus, Changes
from sp_desktop.ui.table_model import Index, ListTableModel
from sp_desktop.ui.widgets import label_of, list_view, py_date, to_qdate
from sp_desktop.ui.worker import TaskContext, TaskHandle, TaskRunner

if TYPE_CHECKING:
    from sp_desktop.ui.shell.main_window import MainWindow

MAX_SHOWN = 2000  # rows held by the table; the files hold every household
RELOAD_DELAY_MS = 250
UNTIL_DATE = "sampai_tanggal"
OVERDUE_COLOUR = QColor("#b3261e")
TODAY_COLOUR = QColor("#8a5a00")
SUCCESS_STYLE = "background: #e6f4ea; color: #1b5e20; padding: 6px; border-radius: 4px;"


def reason_text(line: AgendaLine) -> str:
    """AgendaLine.reason_text (the list PDF's Indonesian) with the reason's label in the
    window's language, the way the visit history shows it."""
    if line.failure_reason is not None:
        label = label_of(line.failure_reason)
        return f"{label}: {line.failure_note}" if line.failure_note else label
    return line.failure_note or line.note


class AgendaTableModel(ListTableModel[AgendaLine]):
    COLUMNS = ("revisit", "head_name", "address", "rt_rw", "kelurahan", "outcome", "reason",
               "helper", "post")  # fmt: skip

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = clock.today()
        self.headers = (
            self.tr("Kunjungan ulang"),
            self.tr("Kepala keluarga"),
            self.tr("Alamat"),
            self.tr("RT/RW"),
            self.tr("Kelurahan/Desa"),
            self.tr("Hasil terakhir"),
            self.tr("Alasan / catatan"),
            self.tr("Petugas"),
            self.tr("Posko"),
        )

    def set_lines(self, lines: list[AgendaLine], today: date) -> None:
        self.today = today
        self.set_rows(lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.row_at(index.row()) if index.isValid() else None
        if line is None or index.column() >= len(self.COLUMNS):
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return line.household_id
        if role == Qt.ItemDataRole.ForegroundRole and column == "revisit":
            if line.overdue(self.today):
                return OVERDUE_COLOUR
            return TODAY_COLOUR if line.revisit_date == self.today else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "kelurahan":
                return region_index().describe(line.kelurahan_code)
            if column == "reason":
                return reason_text(line) or None
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._display(line, column)

    def _display(self, line: AgendaLine, column: str) -> str:
        if column == "revisit":
            text = numeric_date_text(line.revisit_date)
            late = line.days_late(self.today)
            if late:
                return self.tr("%s (terlambat %s hari)") % (text, format_count(late))
            if line.revisit_date == self.today:
                return self.tr("%s (hari ini)") % text
            return text
        if column == "head_name":
            return line.head_name
        if column == "address":
            return line.address
        if column == "rt_rw":
            return f"{line.rt}/{line.rw}"
        if column == "kelurahan":
            region = region_index().get(line.kelurahan_code)
            return region.name if region else line.kelurahan_code
        if column == "outcome":
            return label_of(line.outcome)
        if column == "reason":
            return reason_text(line)
        if column == "helper":
            return line.helper_name
        return line.post_name


def _translated(context: str, text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


class AgendaDialog(TaskDialog):
    def __init__(
        self,
        storage: Storage,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        bus: ChangeBus | None = None,
        open_household: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self.runner = runner
        self.open_household = open_household
        self.last_path: Path | None = None
        self.total = 0
        self._loading: TaskHandle | None = None
        self._token = 0
        self.setWindowTitle(self.tr("Kunjungan ulang — %s") % APP_NAME)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._build()
        self._load_choices()
        if bus is not None:
            bus.data_changed.connect(self._data_changed)
        self.resize(1000, 560)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            self.tr(
                "Rumah tangga yang hasil terakhirnya Belum atau Gagal dan dijadwalkan "
                "dikunjungi lagi. Klik dua kali untuk membukanya di formulir. Daftar yang "
                "sama dipakai untuk SP Wawancara."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.period = QComboBox(self)
        for period in Period:
            self.period.addItem(_translated("Period", PERIOD_LABELS[period]), period.value)
        self.period.addItem(self.tr("Sampai tanggal…"), UNTIL_DATE)
        self.until = QDateEdit(self)
        self.until.setAccessibleName(self.tr("Sampai tanggal"))
        self.until.setDisplayFormat("dd/MM/yyyy")
        self.until.setCalendarPopup(True)
        self.until.setDate(to_qdate(clock.today()))
        self.until.setEnabled(False)
        self.helper = QComboBox(self)
        self.post = QComboBox(self)
        self.kelurahan = QComboBox(self)
        for combo in (self.helper, self.post, self.kelurahan):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18)
        self.rw = QLineEdit(self)
        self.rt = QLineEdit(self)
        for edit, example in ((self.rw, "001"), (self.rt, "003")):
            edit.setMaxLength(3)
            edit.setPlaceholderText(self.tr("semua, mis. %s") % example)
            edit.setMaximumWidth(110)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)

        def add(row: int, column: int, text: str, field: QWidget | QHBoxLayout) -> None:
            label = QLabel(text, self)
            grid.addWidget(label, row, column * 2)
            if isinstance(field, QWidget):
                label.setBuddy(field)
                grid.addWidget(field, row, column * 2 + 1)
            else:
                label.setBuddy(self.period)
                grid.addLayout(field, row, column * 2 + 1)

        when = QHBoxLayout()
        when.addWidget(self.period, 1)
        when.addWidget(self.until)
        add(0, 0, self.tr("&Jadwal"), when)
        add(0, 1, self.tr("&Petugas"), self.helper)
        add(1, 0, self.tr("&Kelurahan/desa"), self.kelurahan)
        add(1, 1, self.tr("P&osko"), self.post)
        rt_rw = QHBoxLayout()
        rw_label = QLabel(self.tr("R&W"), self)
        rw_label.setBuddy(self.rw)
        rt_label = QLabel(self.tr("&RT"), self)
        rt_label.setBuddy(self.rt)
        rt_rw.setSpacing(8)
        rt_rw.addWidget(rw_label)
        rt_rw.addWidget(self.rw)
        rt_rw.addSpacing(16)
        rt_rw.addWidget(rt_label)
        rt_rw.addWidget(self.rt)
        rt_rw.addStretch(1)
        grid.addLayout(rt_rw, 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.count_label = QLabel(self.tr("Membaca daftar…"), self)
        self.count_label.setStyleSheet("font-weight: bold;")
        self.model = AgendaTableModel(self)
        self.table = list_view(self.model, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((200, 150, 135, 60, 115, 95, 150, 110)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        # A double click or Enter (once: a double click also activates the row).
        self.table.activated.connect(self._open)

        self.panel = TaskPanel(self.runner, self)
        self.watch_panel()
        self.panel.busy_changed.connect(self._busy_changed)
        self.message = self.panel.message
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet(SUCCESS_STYLE)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()

        self.save_pdf = QPushButton(self.tr("Simpan P&DF (pintu ke pintu)…"), self)
        self.save_pdf.clicked.connect(lambda: self.choose_save_path("pdf"))
        self.save_csv = QPushButton(self.tr("Simpan &CSV…"), self)
        self.save_csv.clicked.connect(lambda: self.choose_save_path("csv"))
        self.open_file = QPushButton(self.tr("&Buka berkas"), self)
        self.open_file.clicked.connect(self._open_file)
        self.open_file.hide()
        self.close_button = QPushButton(self.tr("T&utup"), self)
        self.close_button.clicked.connect(self.reject)
        for button in (self.save_pdf, self.save_csv, self.open_file, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_pdf)
        buttons.addWidget(self.save_csv)
        buttons.addWidget(self.open_file)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.panel)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.until.dateChanged.connect(self._filters_changed)
        for combo in (self.helper, self.post, self.kelurahan):
            combo.currentIndexChanged.connect(self._filters_changed)
        for edit in (self.rw, self.rt):
            edit.textChanged.connect(lambda _: self._reload_timer.start())

    def _load_choices(self) -> None:
        """Petugas, posko and kelurahan to choose from (read off the GUI thread: the
        kelurahan in use are a scan of the households); a petugas starts on their own.
        The agenda is read once they are in."""
        storage = self.storage
        actor = storage.actor
        own = actor.nip if actor is not None and actor.role == Role.HELPER.value else ""
        Choices = tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]

        def read(context: TaskContext) -> Choices:
            helpers = [(helper.name, helper.nip) for helper in storage.helpers()]
            posts = [(post.name, post.id) for post in storage.posts()]
            regions = (region_index().get(code) for code in storage.kelurahan_in_use())
            kelurahan = sorted((r.name, r.code) for r in regions if r is not None)
            return helpers, posts, kelurahan

        def fill(choices: Choices) -> None:
            combos = (self.helper, self.post, self.kelurahan)
            firsts = (self.tr("Semua petugas"), self.tr("Semua posko"),
                      self.tr("Semua kelurahan/desa"))  # fmt: skip
            for combo, first, items in zip(combos, firsts, choices, strict=True):
                combo.blockSignals(True)
                combo.addItem(first, "")
                for text, data in items:
                    combo.addItem(text, data)
                combo.blockSignals(False)
            if own and (index := self.helper.findData(own)) >= 0:
                self.helper.blockSignals(True)
                self.helper.setCurrentIndex(index)
                self.helper.blockSignals(False)
            self.reload()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                self.message.show_message(str(exc), "error")
            else:
                self.runner.failed.emit(exc)

        self.runner.submit(read, on_done=fill, on_error=failed)

    # -- the filter ---------------------------------------------------------------------------

    def agenda_filter(self) -> AgendaFilter:
        today = clock.today()
        choice = self.period.currentData()
        if choice == UNTIL_DATE:
            since, until = None, py_date(self.until.date())
        else:
            since, until = range_for(Period(choice), today)
        return AgendaFilter(
            until=until,
            since=since,
            kelurahan_code=self.kelurahan.currentData() or "",
            post=self.post.currentData() or "",
            helper_nip=self.helper.currentData() or "",
            rw=self.rw.text().strip(),
            rt=self.rt.text().strip(),
        )

    def _period_changed(self) -> None:
        self.until.setEnabled(self.period.currentData() == UNTIL_DATE)
        self._filters_changed()

    def _filters_changed(self, *_: object) -> None:
        self._reload_timer.start()

    def _data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.household_rows or changes.people:
            self._reload_timer.start()

    def reload(self) -> None:
        """Read the agenda off the GUI thread: the first MAX_SHOWN rows and the counts."""
        self._reload_timer.stop()
        if self._loading is not None:
            self._loading.cancel()
        self._token += 1
        token = self._token
        storage = self.storage
        agenda = self.agenda_filter()
        today = clock.today()
        self.count_label.setText(self.tr("Membaca daftar…"))

        def read(context: TaskContext) -> tuple[list[AgendaLine], int, int]:
            lines: list[AgendaLine] = []
            total = overdue = 0
            for line in storage.agenda(agenda, progress=context):
                total += 1
                overdue += line.revisit_date < today
                if len(lines) < MAX_SHOWN:
                    lines.append(line)
            return lines, total, overdue

        def shown(result: tuple[list[AgendaLine], int, int]) -> None:
            if token != self._token:
                return
            self._loading = None
            lines, total, overdue = result
            self.total = total
            self.model.set_lines(lines, today)
            self._show_count(total, overdue, len(lines))

        def failed(exc: BaseException) -> None:
            if token != self._token:
                return
            self._loading = None
            if isinstance(exc, UserFacingError):
                self.count_label.setText("")
                self.message.show_message(str(exc), "error")
            else:
                self.runner.failed.emit(exc)

        self._loading = self.runner.submit(read, on_done=shown, on_error=failed)

    def _show_count(self, total: int, overdue: int, shown: int) -> None:
        if total == 0:
            self.count_label.setText(
                self.tr("Tidak ada rumah tangga yang perlu dikunjungi ulang pada jadwal ini.")
            )
        else:
            text = self.tr("%s rumah tangga, %s di antaranya terlambat") % (
                format_count(total),
                format_count(overdue),
            )
            if shown < total:
                text += self.tr(" (tampil %s pertama; berkas PDF/CSV memuat semuanya)") % (
                    format_count(shown)
                )
            self.count_label.setText(text)
        self.save_pdf.setEnabled(not self.panel.busy)
        self.save_csv.setEnabled(not self.panel.busy and total > 0)

    # -- opening a household -------------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        household_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        if household_id and self.open_household is not None:
            try:
                self.open_household(household_id)
            except UserFacingError as exc:
                self.message.show_message(str(exc), "error")

    # -- saving --------------------------------------------------------------------------------

    def suggested_name(self, kind: str) -> str:
        return f"Kunjungan-Ulang-{clock.local_now():%Y%m%d-%H%M}.{kind}"

    def choose_save_path(self, kind: str) -> None:
        from sp_desktop.ui.documents.printing import ask_save_path

        title = self.tr("Simpan daftar kunjungan ulang")
        file_filter = "PDF (*.pdf)" if kind == "pdf" else "CSV (*.csv)"
        path = ask_save_path(self, title, self.suggested_name(kind), file_filter)
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        """Write the agenda to `path` (.pdf or .csv) in the worker (tests call this)."""
        if self.panel.busy:
            return
        from sp_desktop.core.documents.agenda_document import save_agenda

        storage = self.storage
        agenda = self.agenda_filter()
        self.result_label.hide()

        def make(context: TaskContext) -> Any:
            return save_agenda(storage, agenda, path, progress=context)

        def saved(issued: Any) -> None:
            self.last_path = issued.path
            what = self.tr("PDF pintu ke pintu") if path.suffix.lower() == ".pdf" else "CSV"
            self.result_label.setText(
                self.tr("%s untuk %s rumah tangga disimpan di:\n%s")
                % (what, format_count(issued.count), issued.path)
            )
            self.result_label.show()
            self.open_file.show()
            self.open_file.setFocus()

        self.panel.run(make, saved, status=self.tr("Membuat %s…") % path.name)

    def _open_file(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path)))

    def _busy_changed(self, busy: bool) -> None:
        for button in (self.save_pdf, self.save_csv):
            button.setEnabled(not busy)
        if not busy:
            self.save_csv.setEnabled(self.total > 0)

    def _closing(self) -> None:
        self._reload_timer.stop()
        if self._loading is not None:
            self._loading.cancel()


def open_agenda(window: MainWindow) -> AgendaDialog | None:
    """Data › Kunjungan ulang: one dialog per main window, brought forward if open."""
    if window.locked:
        return None
    existing = window.findChild(AgendaDialog)
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing

    def open_household(household_id: str) -> None:
        if not window.form.confirm_leave():
            return
        window.form.load_household(household_id)
        window.activateWindow()
        window.form.setFocus()

    dialog = AgendaDialog(
        window.storage, window.runner, window, bus=window.bus, open_household=open_household
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
