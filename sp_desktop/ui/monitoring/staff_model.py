"""The staff list of the Pegawai ASN screen: every row in memory, sorted here."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
)

from sp_desktop.core.domain.monitoring import (
    Staff,
    StaffStatus,
)
from sp_desktop.core.domain.text import numeric_date_text
from sp_desktop.ui.monitoring.staff_figures import STATUS_COLOURS, status_label
from sp_desktop.ui.table_model import Index, ListTableModel

INACTIVE_COLOUR = "#777777"
STATUS_ORDER = {StaffStatus.BELUM: 0, StaffStatus.GAGAL: 1, StaffStatus.SUDAH: 2}

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
            return numeric_date_text(staff.status_date)
        if column == "proofs":
            return str(staff.proof_count) if staff.proof_count else ""
        return str(getattr(staff, column))
