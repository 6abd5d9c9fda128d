"""Konflik dan data ganda: records changed in two places, and families entered twice.

A conflict is one record edited on two computers before they exchanged data: every
version is kept until someone chooses. The versions stand side by side, one column each
(the one in use first), one row per field; the rows that differ are highlighted and the
person picks, row by row, the value to keep (a click, or Space on the cell), or a whole
version at once. A duplicate family is one No KK entered as two records (on two
computers); merging keeps one record with the chosen values and moves every visit and
proof file onto it. Loading, saving and merging run in the TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import QT_TRANSLATE_NOOP, _
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import (
    FailureReason,
    HelpReason,
    Household,
    LabelledEnum,
    Outcome,
)
from sp_desktop.core.domain.sync_docs import HOUSEHOLD_MERGE_FIELDS, Conflict
from sp_desktop.core.domain.text import date_text, format_count
from sp_desktop.core.storage import Storage
from sp_desktop.ui.accounts.audit_dialog import field_name_text
from sp_desktop.ui.accounts.keys_dialog import kelurahan_name
from sp_desktop.ui.households.task_panel import TaskDialog, TaskPanel
from sp_desktop.ui.operations import ALL_DATA, ChangeBus, Changes
from sp_desktop.ui.sync.sync_dialog import when_text
from sp_desktop.ui.widgets import confirm_irreversible, label_of, size_text
from sp_desktop.ui.worker import TaskContext, TaskRunner

EMPTY = "–"
# Bookkeeping, not something a person chooses between.
INTERNAL_FIELDS = frozenset(
    {"jenis", "wilayah", "id", "origin", "created_by", "created_at", "updated_at"}
)
# Full only where the versions differ in it (the person must see what differs).
NUMBER_FIELDS = frozenset({"no_kk", "head_nik", "nip"})
# Families merged: one record takes the others' visits and proof files.
MERGED = Changes(household_set=True, households=True, visits=True, proofs=True, sync=True)
# The audit trail's names for the stored fields, in the household form's words where the
# form says it differently; plus the proof file's own fields.
LABEL_OVERRIDES = {
    "members": QT_TRANSLATE_NOOP("ConflictsDialog", "jumlah anggota keluarga"),
    "phone": QT_TRANSLATE_NOOP("ConflictsDialog", "No HP"),
    "help_reason": QT_TRANSLATE_NOOP("ConflictsDialog", "perlu didampingi karena"),
    "help_note": QT_TRANSLATE_NOOP("ConflictsDialog", "keterangan alasan"),
    "consent": QT_TRANSLATE_NOOP("ConflictsDialog", "persetujuan dicatat"),
    "visit_id": QT_TRANSLATE_NOOP("ConflictsDialog", "kunjungan"),
    "filename": QT_TRANSLATE_NOOP("ConflictsDialog", "nama berkas"),
    "media_type": QT_TRANSLATE_NOOP("ConflictsDialog", "jenis berkas"),
    "size": QT_TRANSLATE_NOOP("ConflictsDialog", "ukuran"),
    "sha256": QT_TRANSLATE_NOOP("ConflictsDialog", "sidik isi (SHA-256)"),
}
ENUMS: dict[str, type[LabelledEnum]] = {
    "outcome": Outcome,
    "failure_reason": FailureReason,
    "help_reason": HelpReason,
}
DIFFERS_BACKGROUND = QColor("#fff4d6")
CHOSEN_BACKGROUND = QColor("#cdebd5")
CHOSEN_INK = QColor("#1b5e20")
SAME_INK = QColor("#555555")
FOCUS_FRAME = QColor("#1a73e8")
TITLE_STYLE = "font-weight: bold;"
NOTE_STYLE = "color: #555555;"


def tr(text: str) -> str:
    # lupdate files a module-level tr("...") call under the empty context, not the class's.
    return QCoreApplication.translate("", text)


def field_label(name: str) -> str:
    if name in LABEL_OVERRIDES:
        label = QCoreApplication.translate("ConflictsDialog", LABEL_OVERRIDES[name])
    else:
        label = field_name_text(name)
    return label[:1].upper() + label[1:]


def is_empty(value: Any) -> bool:
    return value is None or value == ""


def value_text(name: str, value: Any, names: Mapping[str, str], *, reveal: bool = False) -> str:
    """A stored value as a person reads it; `names` maps record ids to what they are called."""
    if is_empty(value):
        return EMPTY
    if name in ("no_kk", "head_nik"):
        return str(value) if reveal else mask_number(str(value))
    if name == "nip":
        return str(value) if reveal else mask_number(str(value))
    if name in ENUMS:
        try:
            return label_of(ENUMS[name](value))
        except ValueError:
            return str(value)
    if name == "consent":
        return tr("Ya") if value else tr("Tidak")
    if name == "kelurahan_code":
        return kelurahan_name(str(value))
    if name == "revisit_date":
        try:
            return date_text(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if name.endswith("_at"):
        return when_text(str(value))
    if name.endswith("_id"):
        return names.get(str(value), str(value)[:8])
    if name == "size" and isinstance(value, int):
        return size_text(value)
    return str(value)


@dataclass
class CompareRow:
    """One field across the versions: raw values (what is saved) and what is shown."""

    name: str
    label: str
    values: list[Any]
    texts: list[str]
    pickable: bool  # the values differ: the person picks one


def compare_rows(
    fields: Sequence[str], columns: Sequence[Mapping[str, Any]], names: Mapping[str, str]
) -> list[CompareRow]:
    """A row per field; fields empty in every version are left out."""
    rows = []
    for name in fields:
        values = [column.get(name) for column in columns]
        if all(is_empty(v) for v in values):
            continue
        differs = any(v != values[0] for v in values[1:])
        texts = [value_text(name, v, names, reveal=differs) for v in values]
        rows.append(CompareRow(name, field_label(name), values, texts, differs))
    return rows


def info_row(label: str, texts: list[str]) -> CompareRow:
    """A row shown to help decide, not chosen (visit counts, who recorded it)."""
    return CompareRow("", label, [None] * len(texts), texts, False)


def household_body(household: Household) -> dict[str, Any]:
    """A household's fields as a sync document holds them (what merge_households takes)."""
    body: dict[str, Any] = {}
    for name in HOUSEHOLD_MERGE_FIELDS:
        value = getattr(household, name)
        if name == "consent":
            value = int(bool(value))
        elif isinstance(value, LabelledEnum):
            value = value.value
        body[name] = value
    return body


# -- the table where versions are compared and values picked ---------------------------------------


class _CellDelegate(QStyledItemDelegate):
    """Cells keep their own colours (green = chosen, yellow = differs) instead of the
    selection colour; the cell the keyboard is on gets a blue frame."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        option.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        super().paint(painter, option, index)
        view = self.parent()
        if isinstance(view, QTableWidget) and view.hasFocus() and index == view.currentIndex():
            painter.save()
            pen = QPen(FOCUS_FRAME)
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class ChoiceTable(QTableWidget):
    """Versions side by side: a column each, a row per field. In a row that differs, the
    chosen cell is green with a tick; a click, Space or Enter on another cell picks it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CompareRow] = []
        self.choice: dict[int, int] = {}  # row index -> chosen column
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setItemDelegate(_CellDelegate(self))
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.horizontalHeader().setHighlightSections(False)
        self.verticalHeader().setHighlightSections(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setMinimumSectionSize(24)
        self.cellClicked.connect(self.choose)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.resizeRowsToContents)
        self.horizontalHeader().sectionResized.connect(lambda *_: self._fit_timer.start())

    def show_rows(
        self, headers: Sequence[str], rows: Sequence[CompareRow], column: int = 0
    ) -> None:
        self.rows = list(rows)
        self.clear()
        self.setColumnCount(len(headers))
        self.setRowCount(len(self.rows))
        self.setHorizontalHeaderLabels(list(headers))
        kept = self.horizontalHeaderItem(column)
        if kept is not None:  # the version in use, or the record kept
            font = kept.font()
            font.setBold(True)
            kept.setFont(font)
        for number, row in enumerate(self.rows):
            header = QTableWidgetItem(row.label)
            if row.pickable:
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setToolTip(tr("Versi berbeda di sini: pilih nilai yang dipakai"))
            self.setVerticalHeaderItem(number, header)
            for col, text in enumerate(row.texts):
                item = QTableWidgetItem(text)
                if not row.pickable:
                    item.setForeground(QBrush(SAME_INK))
                    if not row.name:  # an information row
                        font = item.font()
                        font.setItalic(True)
                        item.setFont(font)
                else:
                    item.setToolTip(tr("Klik, atau tekan Spasi, untuk memakai nilai ini"))
                self.setItem(number, col, item)
        self.choice = {n: column for n, row in enumerate(self.rows) if row.pickable}
        self._paint()
        self._fit_rows()
        first = next((n for n, row in enumerate(self.rows) if row.pickable), 0)
        if self.rows:
            self.setCurrentCell(first, column)

    def choose(self, row: int, column: int) -> None:
        if row in self.choice and 0 <= column < self.columnCount():
            self.choice[row] = column
            self._paint()
            self.changed.emit()

    def choose_column(self, column: int) -> None:
        for row in self.choice:
            self.choice[row] = column
        self._paint()
        self.changed.emit()

    def chosen_column(self, name: str) -> int | None:
        for number, row in enumerate(self.rows):
            if row.name == name and number in self.choice:
                return self.choice[number]
        return None

    def chosen_values(self) -> dict[str, Any]:
        """For every row that differs: the field's value from the chosen version."""
        return {self.rows[n].name: self.rows[n].values[col] for n, col in self.choice.items()}

    @property
    def differing(self) -> int:
        return len(self.choice)

    def _paint(self) -> None:
        for number, chosen in self.choice.items():
            row = self.rows[number]
            for col, text in enumerate(row.texts):
                item = self.item(number, col)
                if item is None:
                    continue
                picked = col == chosen
                item.setText(("✔ " if picked else "") + text)
                item.setBackground(QBrush(CHOSEN_BACKGROUND if picked else DIFFERS_BACKGROUND))
                item.setForeground(QBrush(CHOSEN_INK if picked else QColor("#000000")))
                font = item.font()
                font.setBold(picked)
                item.setFont(font)

    def _fit_rows(self) -> None:
        """Row heights for the columns' current widths (a long note wraps), once the
        columns have their widths."""
        self.resizeRowsToContents()
        self._fit_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.currentIndex()
            if current.isValid() and current.row() in self.choice:
                self.choose(current.row(), current.column())
                event.accept()
                return
        super().keyPressEvent(event)


class ComparePane(QWidget):
    """A title, a note, the table and one "use all of this version" button per column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setStyleSheet(TITLE_STYLE)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # names typed on other PCs
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.table = ChoiceTable(self)
        self.table_label = QLabel(self)
        self.table_label.setBuddy(self.table)
        self.column_buttons = QHBoxLayout()
        self.column_buttons.setContentsMargins(0, 0, 0, 0)
        self._buttons: list[QPushButton] = []
        self.extra = QVBoxLayout()
        self.extra.setContentsMargins(0, 0, 0, 0)
        self.action_row = QHBoxLayout()
        self.action_row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(self.extra)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.column_buttons)
        layout.addLayout(self.action_row)

    def set_columns(self, names: Sequence[str], button_text: str) -> None:
        """One button per column: `button_text` % the column's short name."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        while self.column_buttons.count():
            self.column_buttons.takeAt(0)
        for column, name in enumerate(names):
            button = QPushButton(button_text % name, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=column: self.table.choose_column(c))
            self._buttons.append(button)
            self.column_buttons.addWidget(button)
        self.column_buttons.addStretch(1)

    def set_columns_enabled(self, enabled: bool) -> None:
        for button in self._buttons:
            button.setEnabled(enabled)

    @property
    def column_button_texts(self) -> list[str]:
        return [b.text() for b in self._buttons]


# -- what the worker prepares ---------------------------------------------------------------------


@dataclass
class ConflictView:
    conflict: Conflict
    title: tuple[str, str]  # what the record is; what tells it apart
    headers: list[str]
    rows: list[CompareRow]
    resolvable: bool


@dataclass
class DuplicateView:
    households: list[Household]
    title: tuple[str, str]
    rows: list[CompareRow]
    headers: list[str] = field(default_factory=list)  # filled for the record kept


def version_name(number: int) -> str:
    return tr("Versi %s") % chr(ord("A") + number) if number < 26 else tr("Versi %d") % number


# What one record of each kind is called above its versions ('Rumah tangga: ...').
KIND_TITLES = {
    sync_docs.HELPER.name: QT_TRANSLATE_NOOP("ConflictsDialog", "Petugas"),
    sync_docs.POST.name: QT_TRANSLATE_NOOP("ConflictsDialog", "Posko"),
    sync_docs.HOUSEHOLD.name: QT_TRANSLATE_NOOP("ConflictsDialog", "Rumah tangga"),
    sync_docs.VISIT.name: QT_TRANSLATE_NOOP("ConflictsDialog", "Kunjungan"),
    sync_docs.PROOF.name: QT_TRANSLATE_NOOP("ConflictsDialog", "Berkas bukti"),
    sync_docs.STAFF.name: QT_TRANSLATE_NOOP("ConflictsDialog", "Pegawai"),
    sync_docs.STAFF_UPDATE.name: QT_TRANSLATE_NOOP("ConflictsDialog", "Status SP Online pegawai"),
    sync_docs.STAFF_PROOF.name: QT_TRANSLATE_NOOP("ConflictsDialog", "Berkas bukti pegawai"),
    sync_docs.TARGET.name: QT_TRANSLATE_NOOP("ConflictsDialog", "Target"),
}


def describe_conflict(conflict: Conflict, names: Mapping[str, str]) -> tuple[str, str]:
    """('Rumah tangga: Baiq Nurul Hakim', 'KK 5271**********04'), from the version in use:
    what the record is, then what tells it apart."""
    body = conflict.sides[0].body if conflict.sides else {}
    kind = conflict.kind
    title = KIND_TITLES.get(kind.name)
    # sync_docs' labels are plural counts
    label = QCoreApplication.translate("ConflictsDialog", title) if title else _(kind.label)
    label = label[:1].upper() + label[1:]
    if kind is sync_docs.HOUSEHOLD:
        main = body.get("head_name") or EMPTY
        detail = "KK " + mask_number(body.get("no_kk") or "")
    elif kind is sync_docs.VISIT:
        main = names.get(body.get("household_id") or "", tr("rumah tangga tidak dikenal"))
        detail = " · ".join(
            [
                when_text(body.get("visited_at") or "", short=True) or EMPTY,
                value_text("outcome", body.get("outcome"), names),
            ]
        )
    elif kind is sync_docs.HELPER:
        main, detail = body.get("name") or EMPTY, "NIP " + mask_number(body.get("nip") or "")
    elif kind is sync_docs.POST:
        main, detail = body.get("name") or EMPTY, ""
    elif kind is sync_docs.STAFF:
        main = body.get("name") or EMPTY
        detail = " · ".join(["NIP " + mask_number(body.get("nip") or ""), body.get("opd") or EMPTY])
    elif kind is sync_docs.TARGET:
        main, detail = body.get("key") or EMPTY, ""
    else:
        main, detail = body.get("filename") or EMPTY, ""
    return f"{label}: {main}", detail


def two_lines(first: str, second: str) -> str:
    return f"{first}\n{second}" if second else first


def conflict_view(conflict: Conflict, names: Mapping[str, str]) -> ConflictView:
    headers = []
    for number, side in enumerate(conflict.sides):
        head = version_name(number)
        if side.winner:
            head += tr(" (dipakai sekarang)")
        changed = side.body.get("updated_at") or ""
        if changed:
            head += "\n" + tr("diubah %s") % when_text(changed, short=True)
        headers.append(head)
    fields = [f for f in conflict.kind.columns if f not in INTERNAL_FIELDS]
    rows = compare_rows(fields, [side.body for side in conflict.sides], names)
    resolvable = not conflict.kind.has_content and bool(conflict.sides)
    return ConflictView(conflict, describe_conflict(conflict, names), headers, rows, resolvable)


def duplicate_view(group: list[Household], here: str) -> DuplicateView:
    names: dict[str, str] = {}
    rows = compare_rows(HOUSEHOLD_MERGE_FIELDS, [household_body(h) for h in group], names)
    rows.append(info_row(tr("Jumlah kunjungan"), [format_count(h.visit_count) for h in group]))
    rows.append(info_row(tr("Dicatat pada"), [when_text(h.created_at, short=True) for h in group]))
    rows.append(
        info_row(
            tr("Asal"), [tr("komputer ini") if h.origin == here else tr("kiriman") for h in group]
        )
    )
    heads = list(dict.fromkeys(h.head_name for h in group if h.head_name))
    title = (
        " / ".join(heads) or EMPTY,
        "KK " + mask_number(group[0].no_kk) + " · " + tr("%s data") % len(group),
    )
    return DuplicateView(group, title, rows)


def load_everything(storage: Storage) -> tuple[list[ConflictView], list[DuplicateView]]:
    """In the worker: every conflict and duplicate group, described for people."""
    conflicts = storage.sync_conflicts()
    groups = storage.duplicate_households()
    names: dict[str, str] = {h.id: h.name for h in storage.helpers()}
    names.update({p.id: p.name for p in storage.posts()})
    wanted = {
        side.body.get("household_id")
        for c in conflicts
        if c.kind in (sync_docs.VISIT, sync_docs.PROOF)
        for side in c.sides
    }
    for household_id in sorted(h for h in wanted if h):
        try:
            household = storage.household(household_id)
        except UserFacingError:
            continue
        names[household_id] = f"{household.head_name} (KK {mask_number(household.no_kk)})"
    here = storage.installation_id
    return (
        [conflict_view(c, names) for c in conflicts],
        [duplicate_view(group, here) for group in groups],
    )


# -- the dialog -----------------------------------------------------------------------------------


class ConflictsDialog(TaskDialog):
    """A resolved conflict or merged families go out on `bus` to every open view."""

    def __init__(
        self,
        storage: Storage,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        tab: str = "",
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self.runner = runner
        self.bus = bus or ChangeBus(self)
        self.bus.data_changed.connect(self._data_changed)
        self.conflicts: list[ConflictView] = []
        self.duplicates: list[DuplicateView] = []
        self.loaded = False
        self._load_token = 0
        self._wanted_tab = tab
        self._focus_after_load: QListWidget | None = None
        self.setWindowTitle(self.tr("Konflik dan data ganda"))
        self._build()
        self.load()
        from sp_desktop.ui.widgets import fit_to_screen  # 1366x768 at 125%: 1093x614

        fit_to_screen(self, 1180, 640)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_conflicts_tab(), self.tr("&Konflik"))
        self.tabs.addTab(self._build_duplicates_tab(), self.tr("&Data ganda"))
        self.panel = TaskPanel(self.runner, self, bus=self.bus)
        self.watch_panel()
        self.panel.busy_changed.connect(self._busy_changed)
        self.message = self.panel.message
        for label in (self.panel.status, self.message):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QPushButton(self.tr("T&utup"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.panel, 1)
        bottom.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def _list(self, parent: QWidget, on_change: Callable[[int], None]) -> QListWidget:
        view = QListWidget(parent)
        view.setWordWrap(True)
        view.setSpacing(3)
        view.setMinimumWidth(300)
        view.currentRowChanged.connect(on_change)
        return view

    def _empty(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet(NOTE_STYLE)
        return label

    def _split(self, parent: QWidget, heading: str, view: QListWidget, right: QWidget) -> QWidget:
        left = QWidget(parent)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(heading, left)
        label.setBuddy(view)
        left_layout.addWidget(label)
        left_layout.addWidget(view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, parent)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([340, 820])
        splitter.setChildrenCollapsible(False)
        return splitter

    def _build_conflicts_tab(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Konflik terjadi bila data yang sama diubah di dua komputer sebelum sempat "
                "dikirim. Semua versi disimpan sampai Anda memilih. Baris yang berbeda "
                "ditandai kuning: klik nilai yang benar (atau pilih dengan panah dan Spasi), "
                "lalu simpan pilihan."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.conflict_list = self._list(page, self._conflict_chosen)
        self.conflict_pane = ComparePane(page)
        self.conflict_list.itemActivated.connect(lambda _: self.conflict_pane.table.setFocus())
        self.conflict_pane.table_label.setText(self.tr("&Versi yang tersimpan:"))
        self.conflict_pane.table.changed.connect(self._conflict_choice_changed)
        self.resolve_button = QPushButton(self.tr("&Simpan pilihan"), self.conflict_pane)
        self.resolve_button.setAutoDefault(False)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.choice_summary = QLabel(self.conflict_pane)
        self.choice_summary.setStyleSheet(NOTE_STYLE)
        self.choice_summary.setWordWrap(True)
        self.conflict_pane.action_row.addWidget(self.choice_summary, 1)
        self.conflict_pane.action_row.addWidget(self.resolve_button)
        self.no_conflicts = self._empty(self.tr("Memuat…"), page)
        self.conflict_stack = QStackedWidget(page)
        self.conflict_stack.addWidget(self.no_conflicts)
        self.conflict_stack.addWidget(self.conflict_pane)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(
            self._split(page, self.tr("Da&ftar konflik"), self.conflict_list, self.conflict_stack),
            1,
        )
        return page

    def _build_duplicates_tab(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Keluarga yang sama (No KK sama) tercatat lebih dari sekali, biasanya di dua "
                "komputer. Gabungkan menjadi satu: pilih data yang dipertahankan dan, untuk "
                "isian yang berbeda, nilai yang benar. Semua kunjungan dan berkas bukti dari "
                "data lain dipindahkan ke data yang dipertahankan; tidak ada yang hilang."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.duplicate_list = self._list(page, self._duplicate_chosen)
        self.duplicate_pane = ComparePane(self)
        self.duplicate_pane.table_label.setText(self.tr("&Isian tiap data:"))
        self.keep = QComboBox(self.duplicate_pane)
        self.duplicate_list.itemActivated.connect(lambda _: self.keep.setFocus())
        self.keep.currentIndexChanged.connect(self._keep_changed)
        keep_label = QLabel(self.tr("Data yang di&pertahankan:"), self.duplicate_pane)
        keep_label.setBuddy(self.keep)
        keep_row = QHBoxLayout()
        keep_row.addWidget(keep_label)
        keep_row.addWidget(self.keep, 1)
        self.duplicate_pane.extra.addLayout(keep_row)
        self.merge_button = QPushButton(self.tr("&Gabungkan"), self.duplicate_pane)
        self.merge_button.setAutoDefault(False)
        self.merge_button.clicked.connect(self.merge_selected)
        self.merge_summary = QLabel(self.duplicate_pane)
        self.merge_summary.setStyleSheet(NOTE_STYLE)
        self.merge_summary.setWordWrap(True)
        self.duplicate_pane.action_row.addWidget(self.merge_summary, 1)
        self.duplicate_pane.action_row.addWidget(self.merge_button)
        self.no_duplicates = self._empty(self.tr("Memuat…"), page)
        self.duplicate_stack = QStackedWidget(page)
        self.duplicate_stack.addWidget(self.no_duplicates)
        self.duplicate_stack.addWidget(self.duplicate_pane)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(
            self._split(
                page, self.tr("Da&ftar keluarga ganda"), self.duplicate_list, self.duplicate_stack
            ),
            1,
        )
        return page

    # -- loading --------------------------------------------------------------------------

    def _data_changed(self, changes: Changes, initiator: object) -> None:
        """Data received or changed elsewhere may bring or settle conflicts; its own
        writes reload by themselves."""
        if initiator is not self and (changes.sync or changes.household_set):
            self.load(keep_place=True)

    def load(self, *, keep_place: bool = False) -> None:
        """Read every conflict and duplicate off the GUI thread, then show them."""
        self._load_token += 1
        token = self._load_token
        storage = self.storage
        places = (self.conflict_list.currentRow(), self.duplicate_list.currentRow())

        def shown(found: tuple[list[ConflictView], list[DuplicateView]]) -> None:
            if token == self._load_token:
                self.show_found(*found, places=places if keep_place else (0, 0))

        def failed(exc: BaseException) -> None:
            if token != self._load_token:
                return
            if isinstance(exc, UserFacingError):
                self.message.show_message(str(exc), "error")
            else:
                self.runner.failed.emit(exc)

        self.runner.submit(lambda context: load_everything(storage), on_done=shown, on_error=failed)

    def show_found(
        self,
        conflicts: list[ConflictView],
        duplicates: list[DuplicateView],
        *,
        places: tuple[int, int] = (0, 0),
    ) -> None:
        self.loaded = True
        self.conflicts, self.duplicates = conflicts, duplicates
        self.tabs.setTabText(0, self.tr("&Konflik (%s)") % format_count(len(conflicts)))
        self.tabs.setTabText(1, self.tr("&Data ganda (%s)") % format_count(len(duplicates)))
        self.no_conflicts.setText(
            self.tr(
                "Tidak ada konflik. Konflik muncul bila data yang sama diubah di dua komputer "
                "sebelum sempat dikirim."
            )
        )
        self.no_duplicates.setText(self.tr("Tidak ada keluarga yang tercatat ganda."))
        for view, items in (
            (self.conflict_list, [two_lines(*c.title) for c in conflicts]),
            (self.duplicate_list, [two_lines(*d.title) for d in duplicates]),
        ):
            view.blockSignals(True)
            view.clear()
            for text in items:
                item = QListWidgetItem(text)
                item.setToolTip(text)
                view.addItem(item)
            view.blockSignals(False)
        self._select(self.conflict_list, places[0], self._conflict_chosen)
        self._select(self.duplicate_list, places[1], self._duplicate_chosen)
        if self._wanted_tab == "duplicates" or (not conflicts and duplicates):
            self.tabs.setCurrentIndex(1)
        self._wanted_tab = ""
        if self._focus_after_load is not None:
            # The next item in the list, where the keyboard was (or Tutup when all done).
            target = self._focus_after_load
            self._focus_after_load = None
            (target if target.isVisible() and target.count() else self.close_button).setFocus()

    @staticmethod
    def _select(view: QListWidget, row: int, show: Callable[[int], None]) -> None:
        row = min(max(row, 0), view.count() - 1)
        view.blockSignals(True)
        view.setCurrentRow(row)
        view.blockSignals(False)
        show(row)

    # -- conflicts ------------------------------------------------------------------------

    def current_conflict(self) -> ConflictView | None:
        row = self.conflict_list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _conflict_chosen(self, row: int) -> None:
        view = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        pane = self.conflict_pane
        if view is None:
            self.conflict_stack.setCurrentWidget(self.no_conflicts)
            return
        self.conflict_stack.setCurrentWidget(pane)
        pane.title.setText(" · ".join(part for part in view.title if part))
        versions = len(view.conflict.sides)
        if not view.resolvable:
            pane.note.setText(
                self.tr(
                    "Konflik berkas bukti selesai dengan sendirinya bila konflik kunjungannya "
                    "diselesaikan."
                )
            )
        else:
            pane.note.setText(
                self.tr(
                    "%s versi. Versi A yang dipakai sekarang; yang tidak dipilih ditutup dan "
                    "tidak dipakai lagi di komputer mana pun setelah sinkron."
                )
                % versions
            )
        pane.table.show_rows(view.headers, view.rows)
        pane.set_columns([version_name(n) for n in range(versions)], self.tr("Pakai %s seluruhnya"))
        pane.set_columns_enabled(view.resolvable and versions > 1)
        self._conflict_choice_changed()

    def _conflict_choice_changed(self) -> None:
        view = self.current_conflict()
        table = self.conflict_pane.table
        if view is None:
            return
        self.resolve_button.setEnabled(view.resolvable and not self.panel.busy)
        if not table.differing:
            self.choice_summary.setText(
                self.tr("Isi semua versi sama; menyimpan menutup versi yang lain.")
            )
            return
        taken = set(table.choice.values())
        names = ", ".join(version_name(c) for c in sorted(taken))
        self.choice_summary.setText(
            self.tr("%s isian berbeda; yang dipilih dari: %s.")
            % (format_count(table.differing), names)
        )

    def resolve_selected(self) -> None:
        view = self.current_conflict()
        if view is None or not view.resolvable or self.panel.busy:
            return
        chosen = self.conflict_pane.table.chosen_values()
        storage = self.storage
        doc_id = view.conflict.doc_id
        title = " · ".join(part for part in view.title if part)

        def work(context: TaskContext) -> None:
            context.report(0, 0, "")
            storage.resolve_conflict(doc_id, chosen)

        def done(_: object) -> None:
            self.message.show_message(self.tr("Konflik diselesaikan: %s.") % title, "info")
            self._focus_after_load = self.conflict_list
            self.load(keep_place=True)

        # The chosen version may be of any record: a household, a visit, a staff member...
        self.panel.run(
            work, done, status=self.tr("Menyimpan pilihan…"), changes=ALL_DATA, initiator=self
        )

    # -- duplicates -----------------------------------------------------------------------

    def current_duplicate(self) -> DuplicateView | None:
        row = self.duplicate_list.currentRow()
        return self.duplicates[row] if 0 <= row < len(self.duplicates) else None

    def _duplicate_chosen(self, row: int) -> None:
        view = self.duplicates[row] if 0 <= row < len(self.duplicates) else None
        pane = self.duplicate_pane
        if view is None:
            self.duplicate_stack.setCurrentWidget(self.no_duplicates)
            return
        self.duplicate_stack.setCurrentWidget(pane)
        pane.title.setText(" · ".join(part for part in view.title if part))
        pane.note.setText(
            self.tr("Data 1 dicatat paling awal. Baris kuning: isiannya berbeda, pilih yang benar.")
        )
        self.keep.blockSignals(True)
        self.keep.clear()
        for number, household in enumerate(view.households):
            text = self.tr("Data %s — %s, dicatat %s") % (
                number + 1,
                household.head_name or EMPTY,
                when_text(household.created_at, short=True),
            )
            if number == 0:
                text += self.tr(" (paling awal)")
            self.keep.addItem(text, household.id)
        self.keep.setCurrentIndex(0)
        self.keep.blockSignals(False)
        pane.set_columns(
            [self.tr("Data %s") % (n + 1) for n in range(len(view.households))],
            self.tr("Pakai isian %s"),
        )
        self._keep_changed(0)

    def _keep_changed(self, index: int) -> None:
        view = self.current_duplicate()
        if view is None or index < 0:
            return
        headers = []
        for number in range(len(view.households)):
            head = self.tr("Data %s") % (number + 1)
            if number == index:
                head += self.tr(" (dipertahankan)")
            headers.append(head)
        view.headers = headers
        self.duplicate_pane.table.show_rows(headers, view.rows, column=index)
        self._merge_summary()

    def _merge_summary(self) -> None:
        view = self.current_duplicate()
        if view is None:
            return
        visits = sum(h.visit_count for h in view.households)
        self.merge_summary.setText(
            self.tr("Sesudah digabung: 1 data dengan %s kunjungan.") % format_count(visits)
        )
        self.merge_button.setEnabled(not self.panel.busy)

    def merge_selected(self) -> None:
        view = self.current_duplicate()
        if view is None or self.panel.busy:
            return
        keep_id = self.keep.currentData()
        others = [h.id for h in view.households if h.id != keep_id]
        fields = self.duplicate_pane.table.chosen_values()
        visits = sum(h.visit_count for h in view.households)
        if not confirm_irreversible(
            self,
            self.tr("Gabungkan data ganda"),
            self.tr(
                "Gabungkan %s data keluarga ini menjadi satu?\n\nSemua %s kunjungan dan berkas "
                "buktinya dipindahkan ke data yang dipertahankan. Penggabungan ikut terkirim "
                "ke komputer lain saat sinkron dan tidak bisa dibatalkan."
            )
            % (len(view.households), format_count(visits)),
            self.tr("&Gabungkan"),
            self.tr("&Kembali"),
        ):
            return
        storage = self.storage

        def work(context: TaskContext) -> Household:
            kept = None
            for done, other_id in enumerate(others):
                context.report(done, len(others), "")
                kept = storage.merge_households(keep_id, other_id, fields)
            assert kept is not None
            return kept

        def done(kept: Household) -> None:
            self.message.show_message(
                self.tr("Digabung: %s, sekarang %s kunjungan.")
                % (kept.head_name, format_count(kept.visit_count)),
                "info",
            )

        def stopped() -> None:
            # Also after Batal or a failure: the merges done before it stay done, so they
            # are announced here rather than only on success.
            self.bus.announce(MERGED, self)
            self._focus_after_load = self.duplicate_list
            self.load(keep_place=True)

        self.panel.run(
            work,
            done,
            always=stopped,
            status=self.tr("Menggabungkan…"),
            cancelled_text=self.tr("Dihentikan; data yang sudah digabung tetap tergabung."),
        )

    # -- running and closing ----------------------------------------------------------------

    def _busy_changed(self, busy: bool) -> None:
        self.tabs.setEnabled(not busy)
