"""Impor daftar pegawai: a roster (Excel or CSV from the personnel office) into the staff list.

Four steps in one window: choose the file (read in the worker, with Batal); match its
columns to NIP, Nama, OPD and Unit kerja (guessed from the header row, shown on the
first 20 rows); check every row (how many will be imported, which are refused and why);
import. Nothing is written before "Impor": Batal at any step leaves the roster as it
was. The import is one transaction in the core, and a NIP already on the roster is
updated, never added twice, so importing the same file again is safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QCloseEvent, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.documents import roster
from sp_desktop.core.documents.roster import RosterPlan, RosterTable
from sp_desktop.core.domain.monitoring import RosterImportResult
from sp_desktop.core.domain.text import format_count
from sp_desktop.core.storage import Storage
from sp_desktop.ui.documents.printing import documents_folder
from sp_desktop.ui.households.task_panel import TaskDialog, TaskPanel
from sp_desktop.ui.operations import ChangeBus, Changes
from sp_desktop.ui.table_model import Index, ReadOnlyTableModel
from sp_desktop.ui.widgets import ERROR_STYLE, INFO_STYLE, MessageLine, line_edit_of, list_view
from sp_desktop.ui.worker import TaskContext, TaskRunner

PREVIEW_ROWS = 20
REJECTED_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5a00"
NOTE_STYLE = "color: #555555;"
RESULT_STYLE = "background: #e6f4ea; color: #1b5e20; padding: 8px; border-radius: 4px;"
HEADING_STYLE = "font-weight: bold; font-size: 11pt;"


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA' (as Excel names its columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class TextRowsModel(ReadOnlyTableModel):
    """A small read-only table of text rows; an optional colour per row."""

    def __init__(self, headers: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self._rows: list[tuple[str, ...]] = []
        self._colours: list[str] = []

    def set_rows(self, rows: list[tuple[str, ...]], colours: list[str] | None = None) -> None:
        self.beginResetModel()
        self._rows = rows
        self._colours = colours or []
        self.endResetModel()

    def set_headers(self, headers: tuple[str, ...]) -> None:
        self.beginResetModel()
        self.headers = headers
        self.endResetModel()

    def row_count(self) -> int:
        return len(self._rows)

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if index.column() >= len(row):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.row() < len(self._colours):
            colour = self._colours[index.row()]
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass(frozen=True)
class CheckedPlan:
    plan: RosterPlan
    already_listed: int  # entries whose NIP is already on the roster (updated, not added)


class RosterImportDialog(TaskDialog):
    """Once an import has been written, `bus` tells the open views (the staff screen)."""

    FILE, MAPPING, CHECK, DONE = range(4)

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
        self.table: RosterTable | None = None
        self.checked: CheckedPlan | None = None
        self.imported: RosterImportResult | None = None
        self._importing = False
        self.scope: str | None = None
        self.allowed = True
        refusal = ""
        try:
            self.scope = storage.staff_scope()
            opd_names = storage.opd_names()
        except UserFacingError as exc:
            self.allowed, refusal, opd_names = False, str(exc), []
        self.setWindowTitle(self.tr("Impor daftar pegawai"))
        self._build(opd_names)
        from sp_desktop.ui.widgets import fit_to_screen  # 1366x768 at 125%: 1093x614

        fit_to_screen(self, 920, 620)
        self.show_page(self.FILE)
        if not self.allowed:
            self.message.show_message(refusal, "error")
            self.choose_button.setEnabled(False)

    # -- building ---------------------------------------------------------------------------

    def _build(self, opd_names: list[str]) -> None:
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page(opd_names))
        self.pages.addWidget(self._check_page())
        self.pages.addWidget(self._done_page())

        self.panel = TaskPanel(self.runner, self, bus=self.bus)
        self.watch_panel()
        self.panel.busy_changed.connect(self._busy_changed)
        self.message = self.panel.message
        for shown in (self.panel.status, self.message):
            shown.setTextFormat(Qt.TextFormat.PlainText)  # file names are shown as they are

        self.back_button = QPushButton(self.tr("< &Kembali"), self)
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self)
        self.next_button.clicked.connect(self.go_next)
        self.close_button = QPushButton(self.tr("Batal"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.panel)
        layout.addLayout(buttons)

    def _heading(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setStyleSheet(HEADING_STYLE)
        return label

    def _note(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setStyleSheet(NOTE_STYLE)
        return label

    def _file_page(self) -> QWidget:
        page = QWidget(self)
        self.path_line = QLineEdit(page)
        self.path_line.setReadOnly(True)
        self.path_line.setAccessibleName(self.tr("Berkas daftar pegawai"))
        self.path_line.setPlaceholderText(self.tr("(belum ada berkas dipilih)"))
        self.choose_button = QPushButton(self.tr("&Pilih berkas…"), page)
        self.choose_button.setDefault(True)
        self.choose_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path_line, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading(self.tr("Langkah 1 dari 3: pilih berkas"), page))
        layout.addWidget(
            self._note(
                self.tr(
                    "Pilih daftar pegawai dari bagian kepegawaian: berkas Excel (.xlsx) atau "
                    "CSV. Baris judul kolom (NIP, Nama, OPD, Unit kerja) dikenali sendiri; "
                    "kolomnya bisa dipilih ulang di langkah berikutnya. Belum ada yang "
                    "disimpan sampai Anda menekan Impor."
                ),
                page,
            )
        )
        layout.addLayout(row)
        layout.addWidget(
            self._note(
                self.tr(
                    "Tips: kolom NIP sebaiknya berformat Teks di Excel. NIP yang tersimpan "
                    "sebagai angka kehilangan digit terakhirnya dan akan ditolak."
                ),
                page,
            )
        )
        layout.addStretch(1)
        return page

    def _mapping_page(self, opd_names: list[str]) -> QWidget:
        page = QWidget(self)
        self.source_label = QLabel(page)
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        labels = {
            "nip": self.tr("&NIP (wajib)"),
            "name": self.tr("Na&ma (wajib)"),
            "opd": self.tr("&OPD"),
            "unit": self.tr("&Unit kerja"),
        }
        for n, field in enumerate(roster.FIELDS):
            combo = QComboBox(page)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18)
            combo.currentIndexChanged.connect(lambda _: self._mapping_changed())
            label = QLabel(labels[field], page)
            label.setBuddy(combo)
            self.combos[field] = combo
            grid.addWidget(label, n // 2, (n % 2) * 2)
            grid.addWidget(combo, n // 2, (n % 2) * 2 + 1)
        self.file_opd = QComboBox(page)
        self.file_opd.setEditable(True)
        self.file_opd.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.file_opd.addItem("")
        self.file_opd.addItems(opd_names)
        line_edit_of(self.file_opd).setPlaceholderText(
            self.tr("kosong: OPD diambil dari kolom OPD tiap baris")
        )
        self.file_opd.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.file_opd.setMinimumContentsLength(30)
        if self.scope is not None:
            self.file_opd.setEditText(self.scope)
            self.file_opd.setEnabled(False)
            self.file_opd.setToolTip(
                self.tr(
                    "Admin OPD hanya mengimpor pegawai OPD-nya sendiri (%s): baris tanpa OPD "
                    "menjadi OPD ini, baris OPD lain ditolak."
                )
                % self.scope
            )
        self.file_opd.editTextChanged.connect(lambda _: self._mapping_changed())
        file_opd_label = QLabel(self.tr("OPD untuk &seluruh berkas"), page)
        file_opd_label.setBuddy(self.file_opd)
        grid.addWidget(file_opd_label, 2, 0)
        grid.addWidget(self.file_opd, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.mapping_message = MessageLine(page)
        self.preview_model = TextRowsModel((), self)
        self.preview = list_view(self.preview_model, page)
        self.preview.horizontalHeader().setStretchLastSection(True)
        preview_label = QLabel(self.tr("Contoh &isi (20 baris pertama)"), page)
        preview_label.setBuddy(self.preview)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading(self.tr("Langkah 2 dari 3: cocokkan kolom"), page))
        layout.addWidget(self.source_label)
        layout.addLayout(grid)
        layout.addWidget(self.mapping_message)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 1)
        return page

    def _check_page(self) -> QWidget:
        page = QWidget(self)
        self.check_summary = QLabel(page)
        self.check_summary.setWordWrap(True)
        self.check_summary.setTextFormat(Qt.TextFormat.PlainText)
        font = self.check_summary.font()
        font.setBold(True)
        self.check_summary.setFont(font)
        self.check_note = self._note("", page)
        self.check_note.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_model = TextRowsModel(
            (self.tr("Baris"), self.tr("Hasil"), self.tr("Alasan")), self
        )
        self.problems = list_view(self.problems_model, page)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.setWordWrap(False)
        self.problems_label = QLabel(self.tr("Baris yang &ditolak atau perlu dicek"), page)
        self.problems_label.setBuddy(self.problems)
        # Its own button, on the page under the summary it acts on, never the default:
        # "Periksa >" stood where this would be, so one double click (or an Enter too many)
        # imported without the check ever being read.
        self.import_button = QPushButton(page)
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.import_now)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading(self.tr("Langkah 3 dari 3: periksa lalu impor"), page))
        layout.addWidget(self.check_summary)
        layout.addWidget(self.check_note)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addLayout(import_row)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget(self)
        self.result_label = QLabel(page)
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setStyleSheet(RESULT_STYLE)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading(self.tr("Impor selesai"), page))
        layout.addWidget(self.result_label)
        layout.addWidget(
            self._note(
                self.tr(
                    "Pegawai yang NIP-nya sudah ada di daftar diperbarui (nama, OPD, unit "
                    "kerja), tidak ditambahkan dua kali. Status SP Online mereka tetap."
                ),
                page,
            )
        )
        layout.addStretch(1)
        return page

    # -- pages ------------------------------------------------------------------------------

    def show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setVisible(page in (self.MAPPING, self.CHECK))
        self.next_button.setVisible(page in (self.MAPPING, self.DONE))
        self.close_button.setText(self.tr("&Tutup") if page == self.DONE else self.tr("Batal"))
        if page == self.MAPPING:
            self.next_button.setText(self.tr("&Periksa >"))
            self.combos["nip"].setFocus()
        elif page == self.CHECK:
            entries = len(self.checked.plan.entries) if self.checked else 0
            self.import_button.setText(self.tr("&Impor %s pegawai") % format_count(entries))
            self.problems.setFocus()
        elif page == self.DONE:
            self.next_button.setText(self.tr("Impor berkas &lain…"))
            self.close_button.setFocus()
        else:
            self.choose_button.setFocus()
        # No default button past the first page: Enter in "OPD untuk seluruh berkas" (or
        # anywhere on a page) must not jump a step. The buttons are pressed on purpose.
        self.next_button.setAutoDefault(False)
        self.next_button.setDefault(False)
        self.choose_button.setDefault(page == self.FILE)
        self._update_buttons()

    @property
    def page(self) -> int:
        return self.pages.currentIndex()

    def _update_buttons(self) -> None:
        busy = self.panel.busy
        page = self.page
        self.pages.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        ready = not busy and self.allowed
        if page == self.MAPPING:
            ready = ready and not self.mapping_problem()
        checked = self.checked is not None and bool(self.checked.plan.entries)
        self.import_button.setEnabled(ready and page == self.CHECK and checked)
        self.next_button.setEnabled(ready)
        self.close_button.setEnabled(not (busy and self._importing))

    def _busy_changed(self, busy: bool) -> None:
        # An import is one transaction: once started it is let finish (no Batal).
        self.panel.cancel_button.setVisible(busy and not self._importing)
        self._update_buttons()

    def go_back(self) -> None:
        if self.panel.busy:
            return
        self.message.clear_message()
        if self.page == self.CHECK:
            self.show_page(self.MAPPING)
        elif self.page == self.MAPPING:
            self.show_page(self.FILE)

    def go_next(self) -> None:
        if self.panel.busy or not self.next_button.isEnabled():
            return
        if self.page == self.MAPPING:
            self.check()
        elif self.page == self.DONE:
            self.restart()

    def restart(self) -> None:
        self.table = None
        self.checked = None
        self.imported = None
        self.path_line.clear()
        self.message.clear_message()
        self.show_page(self.FILE)

    # -- step 1: the file -------------------------------------------------------------------

    def choose_file(self) -> None:
        if self.panel.busy or not self.allowed:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih daftar pegawai"),
            str(documents_folder()),
            self.tr("Daftar pegawai (*.xlsx *.csv *.txt);;Semua berkas (*)"),
        )
        if chosen:
            self.read_file(Path(chosen))

    def read_file(self, path: Path) -> None:
        """Read the roster in the worker (Batal stops it), then show the columns."""
        if self.panel.busy:
            return
        self.path_line.setText(str(path))

        def read(context: TaskContext) -> RosterTable:
            context.report(0, 0, "")
            return roster.read_roster(path, progress=context)

        self.panel.run(
            read,
            self._file_read,
            status=self.tr("Membaca %s…") % path.name,
            cancelled_text=self.tr("Berkas tidak jadi dibaca."),
        )

    def _file_read(self, table: RosterTable) -> None:
        self.table = table
        self.checked = None
        headers = [self._column_label(i, h) for i, h in enumerate(table.headers)]
        guessed = roster.guess_mapping(table.headers)
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(tidak ada)"), None)
            for index, label in enumerate(headers):
                combo.addItem(label, index)
            chosen = guessed.get(field)
            combo.setCurrentIndex(0 if chosen is None else chosen + 1)
            combo.blockSignals(False)
        data_rows = sum(1 for _, cells in table.rows if any(cells))
        self.source_label.setText(
            self.tr("Berkas %s: judul kolom di baris %d, %s baris terisi di bawahnya.")
            % (table.source_name, table.header_row, format_count(data_rows))
        )
        self._mapping_changed()
        self.show_page(self.MAPPING)
        missing = [roster.FIELD_LABELS[f] for f in roster.REQUIRED_FIELDS if guessed.get(f) is None]
        if missing:
            self.mapping_message.show_message(
                self.tr("Kolom %s tidak dikenali dari judulnya: pilih kolomnya di atas.")
                % " dan ".join(missing),
                "warn",
            )

    def _column_label(self, index: int, header: str) -> str:
        letter = column_letter(index)
        if header:
            return f"{letter}: {header}"
        return self.tr("%s: (tanpa judul)") % letter

    # -- step 2: the columns ----------------------------------------------------------------

    def mapping(self) -> dict[str, int | None]:
        return {field: combo.currentData() for field, combo in self.combos.items()}

    def set_mapping(self, field: str, column: int | None) -> None:
        combo = self.combos[field]
        combo.setCurrentIndex(combo.findData(column) if column is not None else 0)

    def file_opd_text(self) -> str:
        return self.file_opd.currentText().strip()

    def fixed_opd(self) -> str:
        """The OPD given to every row, whatever the OPD column says. Not for an OPD
        administrator: their office is `allowed_opd` instead, so a row of another office
        is refused rather than moved into theirs, and a row without one gets theirs."""
        return "" if self.scope is not None else self.file_opd_text()

    def mapping_problem(self) -> str:
        if self.table is None:
            return self.tr("Pilih berkasnya dulu.")
        mapping = self.mapping()
        missing = [roster.FIELD_LABELS[f] for f in roster.REQUIRED_FIELDS if mapping[f] is None]
        if missing:
            return self.tr("Pilih kolom untuk %s.") % " dan ".join(missing)
        seen: dict[int, str] = {}
        for field, column in mapping.items():
            if column is None:
                continue
            if column in seen:
                return self.tr(
                    "Kolom %s dipilih untuk %s dan %s; pilih satu kolom untuk tiap isian."
                ) % (
                    column_letter(column),
                    roster.FIELD_LABELS[seen[column]],
                    roster.FIELD_LABELS[field],
                )
            seen[column] = field
        if mapping["opd"] is None and not self.file_opd_text():
            return self.tr("Pilih kolom OPD, atau isi OPD untuk seluruh berkas.")
        return ""

    def _mapping_changed(self) -> None:
        self.checked = None  # a new mapping needs a new check
        problem = self.mapping_problem()
        if problem:
            self.mapping_message.show_message(problem, "error")
        else:
            self.mapping_message.clear_message()
        self._show_preview()
        self._update_buttons()

    def _show_preview(self) -> None:
        table = self.table
        if table is None:
            self.preview_model.set_rows([])
            return
        mapping = self.mapping()
        fixed_opd = self.fixed_opd()
        fields = roster.FIELDS
        self.preview_model.set_headers(
            (self.tr("Baris"), *(roster.FIELD_LABELS[f] for f in fields))
        )
        rows: list[tuple[str, ...]] = []
        for number, cells in table.rows:
            if not any(cells):
                continue
            shown = []
            for field in fields:
                column = mapping[field]
                value = cells[column] if column is not None and column < len(cells) else ""
                if field == "opd" and (fixed_opd or (self.scope and not value.strip())):
                    value = fixed_opd or self.scope or ""
                shown.append(value)
            rows.append((str(number), *shown))
            if len(rows) >= PREVIEW_ROWS:
                break
        self.preview_model.set_rows(rows)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((1, 170), (2, 220), (3, 200)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.preview.setColumnWidth(column, width)

    # -- step 3: the check ------------------------------------------------------------------

    def check(self) -> None:
        """Plan the import in the worker: every row checked, nothing written."""
        table = self.table
        if table is None or self.panel.busy or self.mapping_problem():
            return
        storage, mapping = self.storage, self.mapping()
        opd, allowed = self.fixed_opd(), self.scope

        def plan(context: TaskContext) -> CheckedPlan:
            context.report(0, 0, "")
            result = roster.plan_roster(
                table, mapping, opd=opd, allowed_opd=allowed, progress=context
            )
            context.check()
            listed = storage.staff_nips()
            return CheckedPlan(result, sum(1 for e in result.entries if e.nip in listed))

        self.panel.run(
            plan,
            self._checked,
            status=self.tr("Memeriksa setiap baris…"),
            cancelled_text=self.tr("Pemeriksaan dibatalkan; belum ada yang diimpor."),
        )

    def _checked(self, checked: CheckedPlan) -> None:
        self.checked = checked
        plan = checked.plan
        self.check_summary.setText(
            self.tr("%s baris siap diimpor, %s baris ditolak, %s baris kosong dilewati")
            % (
                format_count(len(plan.entries)),
                format_count(len(plan.rejected)),
                format_count(plan.empty_rows),
            )
        )
        self.check_summary.setStyleSheet(ERROR_STYLE if not plan.entries else INFO_STYLE)
        notes = []
        if checked.already_listed:
            notes.append(
                self.tr(
                    "%s di antaranya sudah ada di daftar: datanya diperbarui menurut NIP, "
                    "tidak ditambahkan dua kali."
                )
                % format_count(checked.already_listed)
            )
        if plan.warnings:
            notes.append(
                self.tr("%s baris tetap diimpor tetapi sebaiknya dicek (lihat tabel).")
                % format_count(len(plan.warnings))
            )
        if plan.rejected:
            notes.append(
                self.tr(
                    "Baris yang ditolak tidak diimpor: perbaiki di berkasnya lalu impor lagi "
                    "(pegawai yang sudah masuk tidak akan tergandakan)."
                )
            )
        if not plan.entries:
            notes.append(self.tr("Tidak ada baris yang bisa diimpor; periksa pilihan kolomnya."))
        self.check_note.setText("\n".join(notes))
        self.check_note.setVisible(bool(notes))
        rows: list[tuple[str, ...]] = []
        colours: list[str] = []
        for item in plan.rejected:
            rows.append((str(item.row), self.tr("Ditolak"), item.reason))
            colours.append(REJECTED_COLOUR)
        for item in plan.warnings:
            rows.append((str(item.row), self.tr("Diimpor, cek"), item.reason))
            colours.append(WARNING_COLOUR)
        self.problems_model.set_rows(rows, colours)
        self.problems_label.setVisible(bool(rows))
        self.problems.setVisible(bool(rows))
        self.show_page(self.CHECK)

    # -- step 4: the import -----------------------------------------------------------------

    def import_now(self) -> None:
        checked = self.checked
        if checked is None or not checked.plan.entries or self.panel.busy:
            return
        if self.page != self.CHECK:  # only from the page that shows what will happen
            return
        storage, entries = self.storage, checked.plan.entries

        def write(context: TaskContext) -> RosterImportResult:
            context.report(0, len(entries), "")
            return storage.import_roster(entries, progress=context)

        self._importing = True
        self.panel.run(
            write,
            self._imported,
            always=self._import_ended,
            status=self.tr("Mengimpor %s pegawai…") % format_count(len(entries)),
            changes=Changes(staff=True),
            initiator=self,
        )

    def _import_ended(self) -> None:
        self._importing = False
        self._update_buttons()

    def _imported(self, result: RosterImportResult) -> None:
        self._importing = False
        self.imported = result
        text = result_text(result)
        rejected = len(self.checked.plan.rejected) if self.checked else 0
        if rejected:
            text += "\n" + self.tr(
                "%s baris ditolak dan TIDAK diimpor (lihat langkah 3): perbaiki di berkasnya, "
                "lalu impor lagi."
            ) % format_count(rejected)
        self.result_label.setText(text)
        self.show_page(self.DONE)

    # -- closing ----------------------------------------------------------------------------

    def reject(self) -> None:
        if self.panel.busy and self._importing:
            return  # the import is one transaction: let it finish
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.panel.busy and self._importing:
            self._close_when_stopped = True
            event.ignore()
            return
        super().closeEvent(event)


def result_text(result: RosterImportResult) -> str:
    """'Ditambahkan 1.200, diperbarui 30, tidak berubah 4'."""

    # The context written out: lupdate reads it here, and the dialog's own strings share it.
    translate = QCoreApplication.translate
    line = translate("RosterImportDialog", "Ditambahkan %s, diperbarui %s, tidak berubah %s") % (
        format_count(result.added),
        format_count(result.updated),
        format_count(result.unchanged),
    )
    if result.reactivated:
        line += translate("RosterImportDialog", " (termasuk %s yang diaktifkan lagi)") % (
            format_count(result.reactivated)
        )
    return line
