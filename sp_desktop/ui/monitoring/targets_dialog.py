"""Target: what share of each OPD's ASN, and how many households per kelurahan/desa, by when.

The coordinator sets them (Permission.MONITOR_ALL; the core checks it again). An OPD
without a target of its own is measured against 80% (monitoring.DEFAULT_TARGET_PERCENT),
shown greyed; "Kembalikan ke bawaan" removes an OPD's own target. Several OPDs can be
selected and given the same target at once. A kelurahan target is the number of
households completed with help (berhasil); kelurahan not yet in use can be added by
typing their name, as in the household form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
from sp_desktop.core.domain import monitoring
from sp_desktop.core.domain.monitoring import Target, TargetScope
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.domain.text import format_count, short_date_text
from sp_desktop.core.storage import Storage
from sp_desktop.ui.operations import ChangeBus, Changes, run_write
from sp_desktop.ui.table_model import Index, ListTableModel
from sp_desktop.ui.widgets import Field, KelurahanPicker, MessageLine, list_view, py_date, to_qdate
from sp_desktop.ui.worker import TaskRunner

DEFAULT_COLOUR = QColor("#777777")
MAX_KELURAHAN_TARGET = 10_000_000
DEFAULT_DEADLINE_DAYS = 14


@dataclass(frozen=True)
class TargetRow:
    key: str  # OPD name or kelurahan code
    label: str
    target: Target | None  # None: no target of its own


class TargetsModel(ListTableModel[TargetRow]):
    """OPD | Target | Batas waktu, or Kelurahan/desa | Kode | Target | Batas waktu."""

    def __init__(self, scope: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.scope = scope
        if scope == TargetScope.OPD:
            self.headers = (self.tr("OPD"), self.tr("Target"), self.tr("Batas waktu"))
        else:
            self.headers = (
                self.tr("Kelurahan/desa"),
                self.tr("Kode"),
                self.tr("Target berhasil"),
                self.tr("Batas waktu"),
            )

    def row_keys(self) -> list[str]:
        return [row.key for row in self._rows]

    def target_of(self, key: str) -> Target | None:
        return next((row.target for row in self._rows if row.key == key), None)

    def text(self, row: TargetRow, column: int) -> str:
        if self.scope == TargetScope.KELURAHAN:
            if column == 0:
                return row.label
            if column == 1:
                return row.key
            column -= 1
        if column == 0:
            return row.label
        if column == 1:
            if self.scope == TargetScope.OPD:
                if row.target is None:
                    return self.tr("%s%% (bawaan)") % monitoring.DEFAULT_TARGET_PERCENT
                return f"{row.target.value}%"
            if row.target is None:
                return self.tr("belum ada")
            return self.tr("%s rumah tangga") % format_count(row.target.value)
        if row.target is None or row.target.deadline is None:
            return self.tr("tanpa batas waktu")
        return short_date_text(row.target.deadline)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and row.target is None and index.column() > 0:
            return QBrush(DEFAULT_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and self.scope == TargetScope.KELURAHAN:
            return region_index().describe(row.key)
        return None


class TargetEditor(QGroupBox):
    """The value and deadline for the selected row(s), with Simpan and a way back."""

    def __init__(self, scope: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.scope = scope
        self.value = QSpinBox(self)
        self.value.setAccelerated(True)
        if scope == TargetScope.OPD:
            self.setTitle(self.tr("Target OPD yang dipilih"))
            self.value.setRange(0, 100)
            self.value.setSuffix("%")
            self.value.setValue(monitoring.DEFAULT_TARGET_PERCENT)
            self.value.setToolTip(self.tr("Persentase ASN yang sudah mengisi SP Online"))
        else:
            self.setTitle(self.tr("Target kelurahan/desa"))
            self.value.setRange(0, MAX_KELURAHAN_TARGET)
            self.value.setSuffix(self.tr(" rumah tangga"))
            self.value.setGroupSeparatorShown(True)
            self.value.setToolTip(self.tr("Jumlah rumah tangga yang berhasil didampingi"))
        self.value_field = Field(self.value, self)
        self.no_deadline = QCheckBox(self.tr("Tanpa &batas waktu"), self)
        self.deadline = QDateEdit(self)
        self.deadline.setAccessibleName(self.tr("Batas waktu"))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd/MM/yyyy")
        self.deadline.setDate(to_qdate(clock.today()).addDays(DEFAULT_DEADLINE_DAYS))
        self.no_deadline.toggled.connect(lambda on: self.deadline.setEnabled(not on))
        self.no_deadline.setChecked(True)
        deadline_row = QWidget(self)
        row_layout = QHBoxLayout(deadline_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.no_deadline)
        row_layout.addWidget(self.deadline)
        row_layout.addStretch(1)
        self.deadline_field = Field(deadline_row, self)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.chosen.setTextFormat(Qt.TextFormat.PlainText)
        self.picker: KelurahanPicker | None = None
        self.picker_field: Field | None = None

        self.save_button = QPushButton(self.tr("&Simpan target"), self)
        if scope == TargetScope.OPD:
            self.clear_button = QPushButton(
                self.tr("Ke&mbalikan ke bawaan (%s%%)") % monitoring.DEFAULT_TARGET_PERCENT, self
            )
        else:
            self.clear_button = QPushButton(self.tr("&Hapus target"), self)
        self.clear_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chosen)
        layout.addLayout(self.form)
        layout.addLayout(buttons)

    def add_rows(self, picker: KelurahanPicker | None = None) -> None:
        if picker is not None:
            self.picker = picker
            self.picker_field = Field(picker, self)
            self.picker_field.setFocusProxy(picker)
            self.form.addRow(self._label(self.tr("Ke&lurahan/desa"), picker), self.picker_field)
        self.form.addRow(self._label(self.tr("T&arget"), self.value), self.value_field)
        # Alt+W reaches the checkbox: the date itself is disabled while it is ticked.
        self.form.addRow(
            self._label(self.tr("Batas &waktu"), self.no_deadline), self.deadline_field
        )

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def show_target(self, target: Target | None) -> None:
        if target is None:
            if self.scope == TargetScope.OPD:
                self.value.setValue(monitoring.DEFAULT_TARGET_PERCENT)
            self.no_deadline.setChecked(True)
        else:
            self.value.setValue(target.value)
            self.no_deadline.setChecked(target.deadline is None)
            if target.deadline is not None:
                self.deadline.setDate(to_qdate(target.deadline))
        self.clear_messages()

    def chosen_deadline(self) -> date | None:
        return None if self.no_deadline.isChecked() else py_date(self.deadline.date())

    def clear_messages(self) -> None:
        for field in (self.value_field, self.deadline_field, self.picker_field):
            if field is not None:
                field.clear_message()

    def show_problems(self, problems: dict[str, str]) -> str:
        """Put each problem under its input; returns what has no input of its own."""
        self.clear_messages()
        rest = []
        for key, text in problems.items():
            if key == "value":
                self.value_field.show_error(text)
                self.value.setFocus()
            elif key == "deadline":
                self.deadline_field.show_error(text)
            elif key == "key" and self.picker_field is not None:
                self.picker_field.show_error(text)
                self.picker_field.setFocus()
            else:
                rest.append(text)
        return " ".join(rest)


class TargetsDialog(QDialog):
    """`changed` is True once a target was saved or removed; the bus tells the open views."""

    def __init__(
        self,
        storage: Storage,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self.runner = runner or TaskRunner(self)
        self.bus = bus or ChangeBus(self)
        self.changed = False
        self.setWindowTitle(self.tr("Target"))
        self._build()
        self.reload()
        from sp_desktop.ui.widgets import fit_to_screen  # 1366x768 at 125%: 1093x614

        fit_to_screen(self, 880, 600)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            self.tr(
                "Target OPD: persentase ASN yang sudah mengisi SP Online (bawaan %s%%, tampak "
                "abu-abu). Target kelurahan/desa: jumlah rumah tangga yang berhasil didampingi. "
                "Pilih satu atau beberapa baris, isi target dan batas waktunya, lalu Simpan."
            )
            % monitoring.DEFAULT_TARGET_PERCENT,
            self,
        )
        intro.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.opd_model = TargetsModel(TargetScope.OPD, self)
        self.opd_table = self._table(self.opd_model, multiple=True)
        self.opd_editor = TargetEditor(TargetScope.OPD, self)
        self.opd_editor.add_rows()
        self.opd_editor.save_button.clicked.connect(self.save_opd)
        self.opd_editor.clear_button.clicked.connect(self.clear_opd)
        self.tabs.addTab(self._tab(self.opd_table, self.opd_editor), self.tr("&OPD"))

        self.kelurahan_model = TargetsModel(TargetScope.KELURAHAN, self)
        self.kelurahan_table = self._table(self.kelurahan_model, multiple=False)
        self.kelurahan_editor = TargetEditor(TargetScope.KELURAHAN, self)
        prefer = self.storage.get_setting("office_kelurahan")[:5]
        self.picker = KelurahanPicker(self, prefer=prefer)
        self.picker.setToolTip(
            self.tr("Pilih baris di atas, atau ketik nama kelurahan/desa lain untuk menambahnya")
        )
        self.kelurahan_editor.add_rows(self.picker)
        self.kelurahan_editor.save_button.clicked.connect(self.save_kelurahan)
        self.kelurahan_editor.clear_button.clicked.connect(self.clear_kelurahan)
        self.tabs.addTab(
            self._tab(self.kelurahan_table, self.kelurahan_editor), self.tr("&Kelurahan/desa")
        )
        self.tabs.currentChanged.connect(self._tab_changed)

        self.opd_table.selectionModel().selectionChanged.connect(self._opd_selected)
        self.kelurahan_table.selectionModel().selectionChanged.connect(self._kelurahan_selected)

        self.message = MessageLine(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        close = QPushButton(self.tr("T&utup"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self._tab_changed(0)

    def _table(self, model: TargetsModel, *, multiple: bool) -> QTableView:
        view = list_view(model, self)
        if multiple:
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return view

    def _tab(self, table: QTableView, editor: TargetEditor) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        layout.addWidget(editor)
        return page

    def _tab_changed(self, index: int) -> None:
        # Enter saves the target of the tab in front.
        editors = (self.opd_editor, self.kelurahan_editor)
        for number, editor in enumerate(editors):
            editor.save_button.setAutoDefault(number == index)
            editor.save_button.setDefault(number == index)

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            targets = self.storage.targets()
            names = self.storage.opd_names()
            in_use = self.storage.kelurahan_in_use()
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            return
        own = {(t.scope, t.key.casefold()): t for t in targets}
        self._set_rows(
            self.opd_table,
            self.opd_model,
            [TargetRow(n, n, own.get((TargetScope.OPD, n.casefold()))) for n in names],
        )
        index = region_index()
        codes = sorted(set(in_use) | {t.key for t in targets if t.scope == TargetScope.KELURAHAN})
        rows = []
        for code in codes:
            region = index.get(code)
            label = f"{region.kind} {region.name}" if region else code
            rows.append(TargetRow(code, label, own.get((TargetScope.KELURAHAN, code.casefold()))))
        rows.sort(key=lambda r: r.label.casefold())
        self._set_rows(self.kelurahan_table, self.kelurahan_model, rows)
        self._opd_selected()
        self._kelurahan_selected()

    def _set_rows(self, view: QTableView, model: TargetsModel, rows: list[TargetRow]) -> None:
        """New rows, keeping the selection (by key) and the current row."""
        chosen = set(self._selected_keys(view, model))
        model.set_rows(rows)
        selection = view.selectionModel()
        first = True
        for number, row in enumerate(rows):
            if row.key in chosen:
                flags = QItemSelectionModel.SelectionFlag.Select | (
                    QItemSelectionModel.SelectionFlag.Rows
                )
                if first:
                    selection.setCurrentIndex(model.index(number, 0), flags)
                    first = False
                else:
                    selection.select(model.index(number, 0), flags)

    @staticmethod
    def _selected_keys(view: QTableView, model: TargetsModel) -> list[str]:
        selection = view.selectionModel()
        if selection is None:
            return []
        rows = sorted({index.row() for index in selection.selectedRows()})
        return [row.key for r in rows if (row := model.row_at(r)) is not None]

    def selected_opds(self) -> list[str]:
        return self._selected_keys(self.opd_table, self.opd_model)

    def select_opds(self, names: list[str]) -> None:
        """Select these OPDs (as a click with Ctrl would); for tests and callers."""
        wanted = {n.casefold() for n in names}
        selection = self.opd_table.selectionModel()
        selection.clearSelection()
        for number, key in enumerate(self.opd_model.row_keys()):
            if key.casefold() in wanted:
                selection.select(
                    self.opd_model.index(number, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _opd_selected(self, *_: object) -> None:
        names = self.selected_opds()
        editor = self.opd_editor
        if not names:
            editor.chosen.setText(
                self.tr("Pilih OPD pada tabel di atas (Ctrl atau Shift: beberapa).")
            )
        elif len(names) == 1:
            editor.chosen.setText(names[0])
        else:
            editor.chosen.setText(
                self.tr("%s OPD dipilih: target di bawah berlaku untuk semuanya.") % len(names)
            )
        editor.show_target(self.opd_model.target_of(names[0]) if names else None)
        for widget in (editor.save_button, editor.clear_button):
            widget.setEnabled(bool(names))

    def _kelurahan_selected(self, *_: object) -> None:
        codes = self._selected_keys(self.kelurahan_table, self.kelurahan_model)
        editor = self.kelurahan_editor
        editor.chosen.setText(
            self.tr(
                "Pilih kelurahan/desa pada tabel, atau ketik nama kelurahan/desa lain untuk "
                "menambahkan targetnya."
            )
        )
        if codes:
            self.picker.set_code(codes[0])
            editor.show_target(self.kelurahan_model.target_of(codes[0]))

    # -- saving -----------------------------------------------------------------------------

    def _saved(self, text: str) -> None:
        self.changed = True
        self.reload()
        self.message.show_message(text, "info")

    def _write(
        self,
        write: Callable[[], Target | None],
        editor: TargetEditor,
        then: Callable[[Target | None], None],
    ) -> None:
        """Store off the GUI thread, waited for (one short transaction); then `then(result)`,
        or the refusal shown at `editor`."""
        run_write(
            self.runner,
            self.bus,
            lambda context: write(),
            changes=Changes(targets=True),
            on_done=then,
            on_refused=lambda exc: self._refused(editor, exc),
            initiator=self,
            wait=True,
        )

    def _refused(self, editor: TargetEditor, exc: UserFacingError) -> None:
        if isinstance(exc, RecordValidationError):
            rest = editor.show_problems(exc.problems)
            self.message.show_message(rest or str(exc), "error")
        else:
            self.message.show_message(str(exc), "error")

    def save_opd(self) -> None:
        names = self.selected_opds()
        editor = self.opd_editor
        if not names:
            self.message.show_message(self.tr("Pilih OPD-nya dulu pada tabel."), "error")
            return
        value = editor.value.value()
        deadline = editor.chosen_deadline()
        editor.clear_messages()
        storage = self.storage

        def write() -> None:
            for name in names:
                storage.set_target(Target(TargetScope.OPD, name, value, deadline))

        what = names[0] if len(names) == 1 else self.tr("%s OPD") % len(names)
        text = self.tr("Target %s disimpan: %s%%%s.") % (what, value, self._by(deadline))
        self._write(write, editor, lambda _: self._saved(text))

    def clear_opd(self) -> None:
        names = self.selected_opds()
        if not names:
            return
        storage = self.storage

        def write() -> None:
            for name in names:
                storage.clear_target(TargetScope.OPD, name)

        what = names[0] if len(names) == 1 else self.tr("%s OPD") % len(names)
        text = self.tr("Target %s kembali ke bawaan (%s%%).") % (
            what,
            monitoring.DEFAULT_TARGET_PERCENT,
        )
        self._write(write, self.opd_editor, lambda _: self._saved(text))

    def save_kelurahan(self) -> None:
        editor = self.kelurahan_editor
        code = self.picker.code()
        value = editor.value.value()
        deadline = editor.chosen_deadline()
        editor.clear_messages()
        storage = self.storage
        target = Target(TargetScope.KELURAHAN, code, value, deadline)
        self._write(
            lambda: storage.set_target(target),
            editor,
            lambda saved: self._kelurahan_saved(saved, value, deadline),
        )

    def _kelurahan_saved(self, saved: Target | None, value: int, deadline: date | None) -> None:
        assert saved is not None  # set_target returns what it stored
        self._saved(
            self.tr("Target %s disimpan: %s rumah tangga berhasil%s.")
            % (self._kelurahan_name(saved.key), format_count(value), self._by(deadline))
        )
        for number, key in enumerate(self.kelurahan_model.row_keys()):
            if key == saved.key:  # a kelurahan added by typing its name is now a row
                self.kelurahan_table.selectionModel().setCurrentIndex(
                    self.kelurahan_model.index(number, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    @staticmethod
    def _kelurahan_name(code: str) -> str:
        region = region_index().get(code)
        return f"{region.kind} {region.name}" if region else code

    def clear_kelurahan(self) -> None:
        code = self.picker.code()
        if not code:
            self.kelurahan_editor.show_problems(
                {"key": self.tr("Pilih kelurahan/desa yang targetnya dihapus.")}
            )
            return
        storage = self.storage
        self._write(
            lambda: storage.clear_target(TargetScope.KELURAHAN, code),
            self.kelurahan_editor,
            lambda _: self._saved(self.tr("Target %s dihapus.") % self._kelurahan_name(code)),
        )

    def _by(self, deadline: date | None) -> str:
        return self.tr(", batas waktu %s") % short_date_text(deadline) if deadline else ""
