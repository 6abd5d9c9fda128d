"""Pegawai ASN — SP Online: the OPD head's Monday-morning screen.

One window shows, for the account's scope (an OPD administrator: their own office; a
coordinator: every office, or the one picked in the OPD filter), how the office stands
against its target (80% unless set otherwise) and, below, who of the staff still has not
done SP Online. From here the roster is kept (add, change, deactivate, import) and
statuses are recorded, one person or many at once, with the person's own proof file.

The list and the figures are read in the worker (storage.staff_list and
storage.dashboard, the same figures as the dashboard and `sp-desktop stats`); every
change goes through storage and is followed by a reload and `data_changed`.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QCloseEvent,
    QColor,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
from sp_desktop.core.documents.pdf_kit import date_text as long_date_text
from sp_desktop.core.documents.pdf_kit import percent_text
from sp_desktop.core.domain import monitoring
from sp_desktop.core.domain.model import FailureReason, Outcome
from sp_desktop.core.domain.monitoring import (
    Dashboard,
    OpdProgress,
    Staff,
    StaffCounts,
    StaffProofFile,
    StaffQuery,
    StaffStatus,
)
from sp_desktop.core.domain.proofs import check_proof, read_proof_file
from sp_desktop.core.domain.text import date_text, format_count
from sp_desktop.core.storage import Storage
from sp_desktop.ui.documents.printing import documents_folder
from sp_desktop.ui.households.household_model import OUTCOME_COLOURS
from sp_desktop.ui.households.proofs_dialog import ProofFilesDialog
from sp_desktop.ui.households.task_panel import TaskDialog, TaskPanel
from sp_desktop.ui.table_model import Index, ListTableModel
from sp_desktop.ui.widgets import Field, MessageLine, label_of, list_view, size_text
from sp_desktop.ui.worker import TaskContext, TaskHandle, TaskRunner

STATUS_COLOURS = {
    StaffStatus.SUDAH: OUTCOME_COLOURS[Outcome.BERHASIL],
    StaffStatus.GAGAL: OUTCOME_COLOURS[Outcome.GAGAL],
    StaffStatus.BELUM: OUTCOME_COLOURS[Outcome.BELUM],
}
BELOW_TARGET_COLOUR = "#b3261e"
TARGET_MET_COLOUR = "#1b7a34"
INACTIVE_COLOUR = "#777777"
NOTE_STYLE = "color: #555555;"
# The status filter: "open" (belum or gagal: who still has to do it) is where the list opens.
OPEN = "open"
STATUS_ORDER = {StaffStatus.BELUM: 0, StaffStatus.GAGAL: 1, StaffStatus.SUDAH: 2}
SEARCH_DELAY_MS = 250
DEFAULT_PERCENT = monitoring.DEFAULT_TARGET_PERCENT


def _tr(text: str) -> str:
    return QCoreApplication.translate("StaffDialog", text)


def proof_filter() -> str:
    return _tr("Bukti pengisian (*.pdf *.jpg *.jpeg *.png)")


def status_label(status: str) -> str:
    """'Sudah' for 'sudah', in the interface language."""
    label = monitoring.STATUS_LABELS.get(status)
    return QCoreApplication.translate("StaffStatus", label) if label else status


def _field(widget: QWidget, parent: QWidget) -> Field:
    """A Field whose label's Alt+letter reaches the input."""
    field = Field(widget, parent)
    field.setFocusProxy(widget)
    field.setFocusPolicy(widget.focusPolicy())
    return field


def _button(text: str, parent: QWidget, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(False)  # Enter in the list or a filter never presses a button
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _warn(parent: QWidget, exc: UserFacingError | str) -> None:
    QMessageBox.warning(parent, _tr("Pegawai ASN"), str(exc))


# -- the figures for the scope shown ----------------------------------------------------------


@dataclass(frozen=True)
class ScopeSummary:
    """The staff of what the screen shows (one office, or every office) against its target."""

    name: str  # the OPD's name, or "Semua OPD"
    counts: StaffCounts
    target_count: int
    target_percent: int | None  # None: the offices' own targets differ
    deadline: date | None  # the earliest deadline set
    offices: int = 1
    offices_below: int = 0  # for every office: how many are below their own target
    as_of: date | None = None

    @property
    def below_target(self) -> bool:
        return self.counts.sudah < self.target_count

    @property
    def short(self) -> int:
        return max(0, self.target_count - self.counts.sudah)

    @property
    def several(self) -> bool:
        return self.offices != 1


def summarise(dashboard: Dashboard, opd: str = "") -> ScopeSummary:
    """One office (`opd`, or the OPD administrator's own), or every office in the dashboard."""
    name = opd or dashboard.scope_opd or ""
    if name:
        found = next((o for o in dashboard.opds if o.opd.casefold() == name.casefold()), None)
        progress = found or OpdProgress(name, StaffCounts())
        return ScopeSummary(
            progress.opd,
            progress.counts,
            progress.target_count,
            progress.target_percent,
            progress.deadline,
            offices_below=int(progress.below_target),
            as_of=dashboard.as_of,
        )
    percents = {o.target_percent for o in dashboard.opds}
    deadlines = [o.deadline for o in dashboard.opds if o.deadline is not None]
    return ScopeSummary(
        _tr("Semua OPD"),
        dashboard.staff_total,
        dashboard.staff_target_count,
        percents.pop() if len(percents) == 1 else (None if percents else DEFAULT_PERCENT),
        min(deadlines) if deadlines else None,
        offices=len(dashboard.opds),
        offices_below=len(dashboard.laggards),
        as_of=dashboard.as_of,
    )


def summary_text(summary: ScopeSummary) -> str:
    """'Dinas Sosial: 412 dari 530 ASN sudah mengisi (77,7%) · target 80% (424 orang) ·
    kurang 12 orang · batas waktu 30 November 2026'."""
    counts = summary.counts
    if not counts.total:
        return (
            _tr("%s: belum ada pegawai aktif di daftar. Impor daftar pegawai (Excel/CSV) atau "
                "tambahkan satu per satu.")
            % summary.name
        )  # fmt: skip
    parts = [
        _tr("%s: %s dari %s ASN sudah mengisi (%s)")
        % (
            summary.name,
            format_count(counts.sudah),
            format_count(counts.total),
            percent_text(counts.sudah, counts.total),
        )
    ]
    people = format_count(summary.target_count)
    if summary.target_percent is not None:
        parts.append(_tr("target %d%% (%s orang)") % (summary.target_percent, people))
    else:
        parts.append(_tr("target masing-masing OPD (%s orang)") % people)
    if summary.below_target:
        parts.append(_tr("kurang %s orang") % format_count(summary.short))
    else:
        parts.append(_tr("target tercapai"))
    if summary.deadline is not None:
        deadline = long_date_text(summary.deadline)
        if summary.several:
            parts.append(_tr("batas waktu terdekat %s") % deadline)
        else:
            parts.append(_tr("batas waktu %s") % deadline)
        if summary.below_target and summary.as_of and summary.deadline < summary.as_of:
            parts[-1] += _tr(" (sudah lewat)")
    return " · ".join(parts)


def counts_html(summary: ScopeSummary) -> str:
    """'Sudah 412 · Gagal 31 · Belum 87', each in its status colour (numbers only: safe)."""
    pieces = []
    for status in (StaffStatus.SUDAH, StaffStatus.GAGAL, StaffStatus.BELUM):
        colour = STATUS_COLOURS[status].name()
        pieces.append(
            f"<span style='color:{colour}'><b>{html.escape(status_label(status))}</b> "
            f"{format_count(getattr(summary.counts, status))}</span>"
        )
    text = " &nbsp;·&nbsp; ".join(pieces)
    if summary.several and summary.offices:
        text += " &nbsp;·&nbsp; " + html.escape(
            _tr("OPD di bawah target: %s dari %s")
            % (format_count(summary.offices_below), format_count(summary.offices))
        )
    return text


class TargetBar(QWidget):
    """A progress bar of the share of staff who completed, with the target marked on it:
    red while below the target, green once it is met."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done = 0
        self.total = 0
        self.target = 0
        self.target_label = ""
        self.setMinimumHeight(26)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(300, 26)

    def set_values(self, done: int, total: int, target: int, percent: int | None = None) -> None:
        self.done, self.total, self.target = done, total, target
        self.target_label = _tr("target %d%%") % percent if percent else _tr("target")
        text = _tr("%s dari %s sudah mengisi; target %s orang") % (
            format_count(done),
            format_count(total),
            format_count(target),
        )
        self.setToolTip(text)
        self.setAccessibleName(text)
        self.update()

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1, 4, -1, -4)
        painter.setPen(QColor("#9e9e9e"))
        painter.setBrush(QColor("#eeeeee"))
        painter.drawRoundedRect(box, 3, 3)
        if self.total <= 0:
            painter.end()
            return
        share = min(1.0, self.done / self.total)
        met = self.done >= self.target
        fill = QRectF(box.left(), box.top(), box.width() * share, box.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TARGET_MET_COLOUR if met else BELOW_TARGET_COLOUR))
        painter.drawRoundedRect(fill, 3, 3)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        shown = percent_text(self.done, self.total)
        width = metrics.horizontalAdvance(shown) + 12
        centre = Qt.AlignmentFlag.AlignVCenter
        if fill.width() >= width:
            painter.setPen(QColor("#ffffff"))
            painter.drawText(
                fill.adjusted(6, 0, -6, 0), centre | Qt.AlignmentFlag.AlignRight, shown
            )
        else:
            painter.setPen(QColor("#333333"))
            after = QRectF(fill.right() + 6, box.top(), width, box.height())
            painter.drawText(after, centre | Qt.AlignmentFlag.AlignLeft, shown)
        x = box.left() + box.width() * min(1.0, self.target / self.total)
        painter.setPen(QColor("#000000"))
        painter.setBrush(QColor("#000000"))
        painter.drawRect(QRectF(x - 1, box.top() - 4, 2, box.height() + 8))
        font.setBold(False)
        painter.setFont(font)
        label_width = painter.fontMetrics().horizontalAdvance(self.target_label) + 8
        if x + label_width <= box.right():
            label = QRectF(x + 5, box.top(), label_width, box.height())
            align = Qt.AlignmentFlag.AlignLeft
        else:
            label = QRectF(x - label_width - 5, box.top(), label_width, box.height())
            align = Qt.AlignmentFlag.AlignRight
        covered = label.left() < fill.right()
        painter.setPen(QColor("#ffffff" if covered else "#333333"))
        painter.drawText(label, centre | align, self.target_label)
        painter.end()


# -- the list ---------------------------------------------------------------------------------


_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class StaffTableModel(ListTableModel[Staff]):
    """The staff list, held in memory (50,000 rows are a few MB) and sorted here."""

    COLUMNS = ("nip", "name", "opd", "unit", "status", "status_date", "status_reason", "proofs")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = (
            self.tr("NIP"),
            self.tr("Nama"),
            self.tr("OPD"),
            self.tr("Unit kerja"),
            self.tr("Status"),
            self.tr("Tanggal"),
            self.tr("Alasan / catatan"),
            self.tr("Bukti"),
        )
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: list[Staff]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def rows(self) -> list[Staff]:
        return list(self._rows)

    def row_of(self, staff_id: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == staff_id), -1)

    def rows_of(self, staff_ids: set[str]) -> list[int]:
        return [i for i, s in enumerate(self._rows) if s.id in staff_ids]

    # -- sorting ---------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        if not 0 <= column < len(self.COLUMNS) or not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        kept = [self._rows[i.row()] for i in old]
        self._sort_rows()
        if old:
            position = {id(row): n for n, row in enumerate(self._rows)}
            self.changePersistentIndexList(
                old,
                [self.index(position[id(r)], i.column()) for r, i in zip(kept, old, strict=True)],
            )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        if not 0 <= column < len(self.COLUMNS):
            return  # as storage gave them: by OPD, then name
        key = self.COLUMNS[column]

        def sort_key(staff: Staff) -> tuple[Any, ...]:
            name = staff.name.casefold()
            if key == "nip":
                return (staff.nip,)
            if key == "name":
                return (name, staff.nip)
            if key in ("opd", "unit", "status_reason"):
                return (getattr(staff, key).casefold(), name)
            if key == "status":
                return (STATUS_ORDER.get(staff.status, 9), name)
            if key == "status_date":
                return (staff.status_date is None, staff.status_date or date.min, name)
            return (staff.proof_count, name)

        self._rows.sort(key=sort_key, reverse=order == Qt.SortOrder.DescendingOrder)

    # -- cells ------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Asked for every cell of a selection: one precomputed value, no enum arithmetic.
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        staff = self.row_at(index.row()) if index.isValid() else None
        if staff is None or index.column() >= len(self.COLUMNS):
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(staff, column)
        if role == Qt.ItemDataRole.UserRole:
            return staff.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if not staff.active:
                return QBrush(QColor(INACTIVE_COLOUR))
            if column == "status":
                return QBrush(STATUS_COLOURS.get(staff.status, QColor("#000000")))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in ("name", "opd", "unit", "status_reason"):
                return getattr(staff, column) or None
            if column == "status" and not staff.active:
                return self.tr("Nonaktif: tidak dihitung dalam capaian OPD.")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "proofs":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, staff: Staff, column: str) -> str:
        if column == "status":
            text = status_label(staff.status)
            return text if staff.active else self.tr("%s (nonaktif)") % text
        if column == "status_date":
            return date_text(staff.status_date)
        if column == "proofs":
            return str(staff.proof_count) if staff.proof_count else ""
        return str(getattr(staff, column))


# -- adding or changing one person ------------------------------------------------------------


class StaffEditDialog(QDialog):
    """NIP, name, OPD and unit of one staff member. The core checks them; its messages are
    shown under each field and what was typed stays for the next try."""

    def __init__(
        self,
        storage: Storage,
        staff: Staff | None,
        *,
        scope: str | None,
        opd_names: Sequence[str] = (),
        default_opd: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self.original = staff
        self.saved: Staff | None = None
        self.setWindowTitle(self.tr("Ubah data pegawai") if staff else self.tr("Tambah pegawai"))
        self.setMinimumWidth(640)
        self.nip = QLineEdit(self)
        self.nip.setPlaceholderText(self.tr("18 angka, tanpa spasi"))
        self.nip.setMaxLength(30)
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.opd = QComboBox(self)
        self.opd.setEditable(True)
        self.opd.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.opd.addItems(list(opd_names))
        self.opd.lineEdit().setPlaceholderText(self.tr("mis. Dinas Sosial"))
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText(self.tr("boleh kosong; mis. Bidang Rehabilitasi Sosial"))
        self.fields = {
            "nip": _field(self.nip, self),
            "name": _field(self.name, self),
            "opd": _field(self.opd, self),
            "unit": _field(self.unit, self),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&NIP"), self.fields["nip"])
        form.addRow(self.tr("Na&ma"), self.fields["name"])
        form.addRow(self.tr("&OPD"), self.fields["opd"])
        form.addRow(self.tr("&Unit kerja"), self.fields["unit"])
        self.message = MessageLine(self)
        self.save_button = QPushButton(self.tr("&Simpan"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Batal"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)

        if staff is not None:
            self.nip.setText(staff.nip)
            self.name.setText(staff.name)
            self.opd.setEditText(staff.opd)
            self.unit.setText(staff.unit)
        else:
            self.opd.setEditText(scope or default_opd)
        if scope is not None:
            # An OPD administrator keeps their own office's staff only.
            self.opd.setEditText(scope if staff is None else staff.opd)
            self.opd.setEnabled(False)
            self.opd.setToolTip(self.tr("Admin OPD hanya mengelola pegawai OPD-nya sendiri."))
        self.nip.setFocus()

    def staff_to_save(self) -> Staff:
        values = {
            "nip": self.nip.text(),
            "name": self.name.text(),
            "opd": self.opd.currentText(),
            "unit": self.unit.text(),
        }
        if self.original is None:
            return Staff(**values)
        return replace(self.original, **values)

    def save(self) -> None:
        for field in self.fields.values():
            field.clear_message()
        self.message.clear_message()
        try:
            self.saved = self.storage.save_staff(self.staff_to_save())
        except RecordValidationError as exc:
            self.show_problems(exc.problems)
            return
        except UserFacingError as exc:
            _warn(self, exc)
            return
        self.accept()

    def show_problems(self, problems: dict[str, str]) -> None:
        first = _show_problems(self, self.fields, self.message, problems)
        if first is not None:
            first.setFocus()


# -- recording a status -----------------------------------------------------------------------


@dataclass(frozen=True)
class StatusRecorded:
    status: str
    count: int
    proof: StaffProofFile | None = None
    proof_problem: str = ""  # the status was saved but the file was not


class StatusDialog(QDialog):
    """Sudah / Gagal / Belum for the selected staff (one or many), as of a date. With one
    person and Sudah, their proof file may be attached at once. The write runs in the
    worker, in one transaction; a refusal is shown next to the field and nothing typed is
    lost."""

    def __init__(
        self,
        storage: Storage,
        runner: TaskRunner,
        staff: Sequence[Staff],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self.staff = list(staff)
        self.today = today or clock.today()
        self.result_: StatusRecorded | None = None
        self.proof_path: Path | None = None
        self.setWindowTitle(self.tr("Catat status SP Online"))
        self.setMinimumWidth(660)
        if len(self.staff) == 1:
            heading_text = self.tr("Untuk: %s") % self.staff[0].name
        else:
            heading_text = self.tr("Untuk %s pegawai yang dipilih") % format_count(len(self.staff))
        heading = QLabel(heading_text, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("font-weight: bold;")

        self.sudah = QRadioButton(self.tr("&Sudah mengisi"), self)
        self.gagal = QRadioButton(self.tr("&Gagal"), self)
        self.belum = QRadioButton(self.tr("&Belum"), self)
        self.choice = QButtonGroup(self)
        radios = QHBoxLayout()
        for status, radio in (
            (StaffStatus.SUDAH, self.sudah),
            (StaffStatus.GAGAL, self.gagal),
            (StaffStatus.BELUM, self.belum),
        ):
            radio.setProperty("status", status)
            radio.setStyleSheet(f"color: {STATUS_COLOURS[status].name()};")
            self.choice.addButton(radio)
            radios.addWidget(radio)
        radios.addStretch(1)
        self.sudah.setChecked(True)
        self.status_box = QWidget(self)
        self.status_box.setLayout(radios)
        radios.setContentsMargins(0, 0, 0, 0)

        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        first = monitoring.EARLIEST_STATUS_DATE
        self.day.setDateRange(QDate(first.year, first.month, first.day), _qdate(self.today))
        self.day.setDate(_qdate(self.today))
        self.reason = QComboBox(self)
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason.lineEdit().setMaxLength(monitoring.MAX_REASON)
        self.reason.lineEdit().setPlaceholderText(self.tr("pilih, atau tulis sendiri"))
        self.fields = {
            "status": _field(self.status_box, self),
            "status_date": _field(self.day, self),
            "reason": _field(self.reason, self),
        }
        self.reason_label = QLabel(self.tr("&Alasan"), self)
        self.reason_label.setBuddy(self.fields["reason"])
        self.day_label = QLabel(self.tr("&Tanggal"), self)
        self.day_label.setBuddy(self.fields["status_date"])

        # The proof: only for one person who completed.
        self.proof_name = QLineEdit(self)
        self.proof_name.setReadOnly(True)
        self.proof_name.setPlaceholderText(self.tr("(tidak ada; boleh dilampirkan nanti)"))
        self.proof_pick = _button(self.tr("&Pilih berkas…"), self, self.choose_proof)
        self.proof_clear = _button(self.tr("&Hapus pilihan"), self, lambda: self.set_proof(None))
        self.proof_row = QWidget(self)
        proof_layout = QHBoxLayout(self.proof_row)
        proof_layout.setContentsMargins(0, 0, 0, 0)
        proof_layout.addWidget(self.proof_name, 1)
        proof_layout.addWidget(self.proof_pick)
        proof_layout.addWidget(self.proof_clear)
        self.proof_label = QLabel(self.tr("Lampirkan bukti pengisian\n(PDF/JPG/PNG)"), self)
        self.proof_label.setBuddy(self.proof_pick)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Status SP Online"), self.fields["status"])
        form.addRow(self.day_label, self.fields["status_date"])
        form.addRow(self.reason_label, self.fields["reason"])
        form.addRow(self.proof_label, self.proof_row)
        self.form = form

        self.panel = TaskPanel(runner, self)
        self.panel.cancel_button.hide()
        self.message = self.panel.message
        self.panel.busy_changed.connect(self._busy_changed)
        self.save_button = QPushButton(self.tr("Simpan"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Batal"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.choice.buttonToggled.connect(lambda *_: self._status_changed())
        self._status_changed()
        self.sudah.setFocus()

    @property
    def status(self) -> str:
        checked = self.choice.checkedButton()
        return str(checked.property("status")) if checked is not None else ""

    def set_status(self, status: str) -> None:
        {StaffStatus.SUDAH: self.sudah, StaffStatus.GAGAL: self.gagal}.get(
            status, self.belum
        ).setChecked(True)

    def _status_changed(self) -> None:
        gagal = self.status == StaffStatus.GAGAL
        self.reason_label.setText(self.tr("&Alasan gagal") if gagal else self.tr("&Catatan"))
        self.reason.lineEdit().setPlaceholderText(
            self.tr("wajib: pilih, atau tulis sendiri") if gagal else self.tr("boleh kosong")
        )
        # The common failure reasons are offered for Gagal only; what was typed stays.
        typed = self.reason.currentText()
        offered = gagal and self.reason.count() > 0
        if offered != gagal or self.reason.count() == 0:
            self.reason.blockSignals(True)
            self.reason.clear()
            if gagal:
                self.reason.addItem("")
                for reason in FailureReason:
                    if reason is not FailureReason.LAINNYA:
                        self.reason.addItem(label_of(reason))
            self.reason.setCurrentIndex(-1)
            self.reason.setEditText(typed)
            self.reason.blockSignals(False)
        with_proof = len(self.staff) == 1 and self.status == StaffStatus.SUDAH
        self.form.setRowVisible(self.proof_row, with_proof)
        if not gagal:
            self.fields["reason"].clear_message()
        self.save_button.setText(
            self.tr("Simpan: %s") % status_label(self.status) if self.status else self.tr("Simpan")
        )

    def choose_proof(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih bukti pengisian"), str(documents_folder()), proof_filter()
        )
        if chosen:
            self.set_proof(Path(chosen))

    def set_proof(self, path: Path | None) -> None:
        self.proof_path = path
        self.proof_name.setText(path.name if path else "")
        self.proof_clear.setEnabled(path is not None)

    def reason_text(self) -> str:
        return self.reason.currentText().strip()

    def _busy_changed(self, busy: bool) -> None:
        self.panel.cancel_button.hide()  # one short transaction: let it finish
        for widget in (self.status_box, self.day, self.reason, self.proof_row, self.save_button):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def save(self) -> None:
        if self.panel.busy:
            return
        for field in self.fields.values():
            field.clear_message()
        self.message.clear_message()
        status, reason = self.status, self.reason_text()
        day = self.day.date().toPython()
        if status == StaffStatus.GAGAL and not reason:
            # Said before the question below, so nobody confirms only to be refused.
            self.show_problems(
                {"reason": self.tr("Tulis alasan gagalnya (mis. NIK dan KK tidak sesuai).")}
            )
            return
        if len(self.staff) > 1:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Catat %s untuk %s pegawai?")
                % (status_label(status), format_count(len(self.staff))),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        storage = self.storage
        ids = [s.id for s in self.staff]
        proof_path = self.proof_path if status == StaffStatus.SUDAH and len(ids) == 1 else None

        def work(context: TaskContext) -> StatusRecorded | RecordValidationError:
            content = None
            if proof_path is not None:
                content = read_proof_file(proof_path, context)
                check_proof(proof_path.name, content)  # a wrong file stops before any write
            context.report(0, 0, "")
            try:
                storage.record_staff_status(ids, status, day, reason)
            except RecordValidationError as exc:
                return exc
            if content is None or proof_path is None:
                return StatusRecorded(status, len(ids))
            try:
                proof = storage.attach_staff_proof(ids[0], proof_path.name, content)
            except UserFacingError as exc:
                return StatusRecorded(status, len(ids), proof_problem=str(exc))
            return StatusRecorded(status, len(ids), proof)

        self.panel.run(
            work,
            self._saved,
            status=self.tr("Menyimpan status %s pegawai…") % format_count(len(ids)),
        )

    def _saved(self, result: StatusRecorded | RecordValidationError) -> None:
        if isinstance(result, RecordValidationError):
            self.show_problems(result.problems)
            return
        self.result_ = result
        self.accept()

    def show_problems(self, problems: dict[str, str]) -> None:
        first = _show_problems(self, self.fields, self.message, problems)
        if first is self.reason:
            self.reason.lineEdit().setFocus()
        elif first is not None:
            first.setFocus()

    def reject(self) -> None:
        if self.panel.busy:
            return  # a status being written is let finish (it is one short transaction)
        super().reject()


def _show_problems(
    dialog: QDialog, fields: dict[str, Field], message: MessageLine, problems: dict[str, str]
) -> QWidget | None:
    """Each problem under its field (the rest in the message line); returns the first
    field's input, for the caller to focus."""
    first: QWidget | None = None
    others = []
    for key, text in problems.items():
        field = fields.get(key)
        if field is None:
            others.append(text)
            continue
        field.show_error(text)
        first = first or field.widget
    if others:
        message.show_message(" ".join(others), "error")
    _grow_to_fit(dialog)
    return first


def _grow_to_fit(dialog: QDialog) -> None:
    """Messages shown under the fields may need more height than the dialog has."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
        wanted = layout.totalHeightForWidth(dialog.width())
        if wanted > dialog.height():
            dialog.resize(dialog.width(), wanted)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


# -- a staff member's proof files ---------------------------------------------------------------


class StaffProofsDialog(ProofFilesDialog):
    """A staff member's own proof files (their family's NIK and No KK are on it)."""

    def __init__(
        self, storage: Storage, staff: Staff, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        self.storage = storage
        self.staff = staff
        super().__init__(
            f"{staff.name} — {staff.opd}",
            lambda: storage.staff_proof_files(staff.id),
            storage.staff_proof_content,
            parent,
            runner=runner,
        )
        self.setWindowTitle(self.tr("Bukti pengisian pegawai"))


# -- the screen ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Loaded:
    staff: list[Staff]
    dashboard: Dashboard
    opd_names: list[str]


class StaffDialog(TaskDialog):
    """Pegawai ASN — SP Online. `data_changed` is emitted after any change to the roster
    or a status, so the main window can refresh its dashboard."""

    data_changed = Signal()

    def __init__(self, storage: Storage, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.storage = storage
        self.runner = runner
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
        self.refresh_button = _button(self.tr("&Perbarui"), self, self.reload)
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

        self.panel = TaskPanel(self.runner, self)
        self.watch_panel()
        self.panel.busy_changed.connect(self._busy_changed)
        self.message = self.panel.message
        for shown in (self.panel.status, self.message):
            shown.setTextFormat(Qt.TextFormat.PlainText)

        self.add_button = _button(self.tr("&Tambah pegawai…"), self, self.add_staff)
        self.edit_button = _button(self.tr("&Ubah…"), self, self.edit_selected)
        self.active_button = _button(self.tr("&Nonaktifkan"), self, self.toggle_active)
        self.status_button = _button(self.tr("&Catat status…"), self, self.record_status)
        self.attach_button = _button(self.tr("Lampirkan &bukti…"), self, self.choose_proof)
        self.proofs_button = _button(self.tr("&Lihat bukti…"), self, self.show_proofs)
        self.import_button = _button(self.tr("&Impor daftar pegawai…"), self, self.import_roster)
        self.close_button = _button(self.tr("Tutup"), self, self.reject)
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

        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.reload)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, activated=self.add_staff)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self._find)

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
        for span in self.table.selectionModel().selection():
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
        """A change in the worker (no Batal: it is one transaction), then a reload. A
        refusal is shown in a message box, with what to do next."""
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
                _warn(self, result)
                return
            on_done(result)
            self.data_changed.emit()
            self.reload()

        self._writing = True
        self.panel.run(work, done, status=status, always=self._write_ended)

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
        self.data_changed.emit()
        self.reload(keep={saved.id})

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
        dialog = StatusDialog(self.storage, self.runner, chosen, self)
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
        self.data_changed.emit()
        self.reload()
        if result.proof_problem:
            _warn(
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

        dialog = RosterImportDialog(self.storage, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.data_changed.connect(self._imported)
        dialog.finished.connect(lambda _: setattr(self, "import_dialog", None))
        self.import_dialog = dialog
        dialog.open()

    def _imported(self) -> None:
        self.data_changed.emit()
        self.reload()

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
