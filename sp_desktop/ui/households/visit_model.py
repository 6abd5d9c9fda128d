"""The visits of one household (a handful of rows, read in one go)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
)

from sp_desktop.core.domain.model import Visit
from sp_desktop.core.domain.text import local_datetime_text, numeric_date_text
from sp_desktop.core.storage import Storage
from sp_desktop.ui.table_model import Index, ReadOnlyTableModel
from sp_desktop.ui.widgets import label_of


class VisitTableModel(ReadOnlyTableModel):
    COLUMNS = ("visited_at", "outcome", "proofs", "reason", "helper", "revisit")

    def __init__(self, storage: Storage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._storage = storage
        self._visits: list[Visit] = []
        self._helper_names: dict[str, str] = {}
        self._proof_counts: dict[str, int] = {}
        self.headers = (
            self.tr("Waktu"),
            self.tr("Hasil"),
            self.tr("Bukti"),
            self.tr("Alasan / catatan"),
            self.tr("Petugas"),
            self.tr("Kunjungan ulang"),
        )

    def set_household(self, household_id: str | None) -> None:
        self.beginResetModel()
        self._visits = self._storage.visits_for(household_id) if household_id else []
        if self._visits:
            self._helper_names = {h.id: h.name for h in self._storage.helpers()}
        self._proof_counts = self._storage.visit_proof_counts([v.id for v in self._visits])
        self.endResetModel()

    def refresh_proof_counts(self) -> None:
        """After a file was attached: only the "Bukti" column changes."""
        self._proof_counts = self._storage.visit_proof_counts([v.id for v in self._visits])
        if self._visits:
            column = self.COLUMNS.index("proofs")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._visits) - 1, column))

    def proof_count(self, row: int) -> int:
        visit = self.visit_at(row)
        return self._proof_counts.get(visit.id, 0) if visit else 0

    def row_of(self, visit_id: str) -> int:
        return next((i for i, v in enumerate(self._visits) if v.id == visit_id), -1)

    def row_count(self) -> int:
        return len(self._visits)

    def visit_at(self, row: int) -> Visit | None:
        return self._visits[row] if 0 <= row < len(self._visits) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        visit = self.visit_at(index.row())
        if visit is None or index.column() >= len(self.COLUMNS):
            return None
        column = self.COLUMNS[index.column()]
        if column == "proofs" and role == Qt.ItemDataRole.ToolTipRole:
            count = self._proof_counts.get(visit.id, 0)
            return (
                self.tr("%n berkas bukti pengisian terlampir", "", count)
                if count
                else self.tr("Belum ada bukti pengisian terlampir")
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "proofs":
            count = self._proof_counts.get(visit.id, 0)
            return self.tr("%n berkas", "", count) if count else "–"
        if column == "visited_at":
            return local_datetime_text(visit.visited_at)
        if column == "outcome":
            return label_of(visit.outcome)
        if column == "reason":
            parts = []
            if visit.failure_reason is not None:
                parts.append(label_of(visit.failure_reason))
            parts.extend(p for p in (visit.failure_note, visit.note) if p)
            return "; ".join(parts)
        if column == "helper":
            return self._helper_names.get(visit.helper_id, "")
        if column == "revisit":
            return numeric_date_text(visit.revisit_date)
        return None
