"""The household list: a lazy table model over up to a million households.

A search streams matching pks from a worker thread (8 bytes each, in an array); the
first small chunk shows at once and the rest is appended as it arrives. Row contents are
read from storage a page at a time when the view asks for them, and only a bounded
number of pages is cached, so memory stays flat however far the user scrolls.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from contextlib import closing
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from sp_desktop.core.base import clock
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import HouseholdQuery, HouseholdRow, Outcome
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.domain.text import local_date_text, local_datetime_text, numeric_date_text
from sp_desktop.core.storage import Storage
from sp_desktop.ui.table_model import Index, ReadOnlyTableModel
from sp_desktop.ui.widgets import label_of
from sp_desktop.ui.worker import TaskContext, TaskHandle, TaskRunner

PAGE_SIZE = 100
MAX_CACHED_PAGES = 40
OUTCOME_COLOURS = {
    Outcome.BERHASIL: QColor("#1b7a34"),
    Outcome.GAGAL: QColor("#b3261e"),
    Outcome.BELUM: QColor("#8a5a00"),
}
OVERDUE_COLOUR = QColor("#b3261e")


class HouseholdTableModel(ReadOnlyTableModel):
    # (rows so far, search finished) and the per-outcome counts of the current search.
    loaded = Signal(int, bool)
    counts_ready = Signal(dict)

    COLUMNS = (
        "head_name", "no_kk", "head_nik", "kelurahan", "rt_rw", "outcome", "last_visit",
        "revisit",
    )  # fmt: skip

    def __init__(self, storage: Storage, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._storage = storage
        self._runner = runner
        self._pks = array("q")
        self._pages: OrderedDict[int, dict[int, HouseholdRow]] = OrderedDict()
        # Per cached page: the revisit date of households still open (Belum/Gagal).
        self._revisits: dict[int, dict[int, date]] = {}
        self._query = HouseholdQuery()
        self._search: TaskHandle | None = None
        self._counting: TaskHandle | None = None
        self.finished = True
        self.headers = (
            self.tr("Kepala keluarga"),
            self.tr("No KK"),
            self.tr("NIK"),
            self.tr("Kelurahan/Desa"),
            self.tr("RT/RW"),
            self.tr("Hasil terakhir"),
            self.tr("Kunj. terakhir"),
            self.tr("Kunj. ulang"),
        )

    # -- searching ---------------------------------------------------------------------

    @property
    def query(self) -> HouseholdQuery:
        return self._query

    def set_query(self, query: HouseholdQuery) -> None:
        """Start a new search; the previous one is cancelled and its late results ignored."""
        for task in (self._search, self._counting):
            if task is not None:
                task.cancel()
        self._query = query
        self.beginResetModel()
        self._pks = array("q")
        self._pages.clear()
        self._revisits.clear()
        self.endResetModel()
        self.finished = False
        storage = self._storage

        def stream(context: TaskContext) -> None:
            # closing(): a cancelled search ends its SQL statement now, not at some GC.
            with closing(storage.iter_household_pks(query, progress=context)) as chunks:
                for chunk in chunks:
                    context.partial(chunk)

        self._search = self._runner.submit(
            stream, on_partial=self._append, on_done=lambda _: self._search_done()
        )

    def _append(self, chunk: list[int]) -> None:
        first = len(self._pks)
        self.beginInsertRows(QModelIndex(), first, first + len(chunk) - 1)
        self._pks.extend(chunk)
        self.endInsertRows()
        self.loaded.emit(len(self._pks), False)

    def _search_done(self) -> None:
        self.finished = True
        self.loaded.emit(len(self._pks), True)
        self.recount()

    def recount(self) -> None:
        """Count the current results per outcome, off the GUI thread."""
        if self._counting is not None:
            self._counting.cancel()
        storage, query = self._storage, self._query
        self._counting = self._runner.submit(
            lambda context: storage.count_by_outcome(query, progress=context),
            on_done=self.counts_ready.emit,
        )

    # -- rows ------------------------------------------------------------------------------

    def row_for(self, row: int) -> HouseholdRow | None:
        if not 0 <= row < len(self._pks):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            start = page_no * PAGE_SIZE
            pks = self._pks[start : start + PAGE_SIZE].tolist()
            page = self._storage.household_rows(pks)
            self._pages[page_no] = page
            self._revisits[page_no] = self._storage.revisit_dates(pks)
            if len(self._pages) > MAX_CACHED_PAGES:
                dropped, _ = self._pages.popitem(last=False)
                self._revisits.pop(dropped, None)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._pks[row])

    def revisit_for(self, row: int) -> date | None:
        """The revisit date of an open household (Belum/Gagal) on `row`, if it has one."""
        if self.row_for(row) is None:
            return None
        return self._revisits.get(row // PAGE_SIZE, {}).get(self._pks[row])

    def invalidate_rows(self) -> None:
        """Drop cached rows (after an edit) without restarting the search."""
        self._pages.clear()
        self._revisits.clear()
        if self._pks:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._pks) - 1, len(self.COLUMNS) - 1)
            )

    def row_count(self) -> int:
        return len(self._pks)

    # -- Qt model interface -----------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.COLUMNS):
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.UserRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_for(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "outcome" and row.latest_outcome is not None:
                return OUTCOME_COLOURS[row.latest_outcome]
            if column == "revisit":
                revisit = self.revisit_for(index.row())
                return OVERDUE_COLOUR if revisit and revisit < clock.today() else None
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "kelurahan":
                return region_index().describe(row.kelurahan_code)
            return local_datetime_text(row.latest_visit_at) if column == "last_visit" else None
        if column == "revisit":
            return numeric_date_text(self.revisit_for(index.row()))
        return self._display(row, column)

    def _display(self, row: HouseholdRow, column: str) -> str:
        if row.erased and column in ("head_name", "no_kk", "head_nik"):
            return self.tr("(data pribadi dihapus)") if column == "head_name" else ""
        if column == "head_name":
            return row.head_name
        # The list always masks; rows the account may not see arrive masked already.
        if column == "no_kk":
            return mask_number(row.no_kk)
        if column == "head_nik":
            return mask_number(row.head_nik)
        if column == "kelurahan":
            region = region_index().get(row.kelurahan_code)
            return region.name if region else row.kelurahan_code
        if column == "rt_rw":
            return f"{row.rt}/{row.rw}"
        if column == "outcome":
            if row.latest_outcome is None:
                return self.tr("Belum dikunjungi")
            return label_of(row.latest_outcome)
        if column == "last_visit":
            return local_date_text(row.latest_visit_at)
        return ""
