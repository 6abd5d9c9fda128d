"""Evaluasi dua mingguan: the city prints the two-weekly evaluation in one click.

The period is preset to the last 14 days (today included) and compared with the 14 days
before it; PDF (signed, for printing) is the default, Excel for working with the figures.
"Buat evaluasi" asks where to save it, then the TaskRunner computes the figures
(`Storage.evaluation`) and writes the file (`write_evaluation`, atomic: a failure leaves
no half-written file) with a progress bar and Batal; afterwards the file can be opened.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base import clock
from sp_desktop.core.domain import monitoring
from sp_desktop.core.domain.text import short_date_text, short_month_name
from sp_desktop.core.storage import Storage
from sp_desktop.ui.documents.printing import ask_save_path
from sp_desktop.ui.households.task_panel import TaskDialog, TaskPanel
from sp_desktop.ui.widgets import py_date, to_qdate
from sp_desktop.ui.worker import TaskContext, TaskRunner

SUCCESS_STYLE = "background: #e6f4ea; color: #1b5e20; padding: 6px; border-radius: 4px;"
NOTE_STYLE = "color: #555555;"
FORMATS = {"pdf": ("PDF (*.pdf)", ".pdf"), "xlsx": ("Excel (*.xlsx)", ".xlsx")}


def period_text(start: date, end: date) -> str:
    """'18 Okt – 31 Okt 2026'; both years when they differ ('25 Des 2025 – 7 Jan 2026')."""
    if start.year != end.year:
        return f"{short_date_text(start)} – {short_date_text(end)}"
    return f"{start.day} {short_month_name(start.month)} – {short_date_text(end)}"


def suggested_name(start: date, end: date, kind: str) -> str:
    """'evaluasi-sp-online-2026-11-08-sd-2026-11-21.pdf'."""
    return f"evaluasi-sp-online-{start:%Y-%m-%d}-sd-{end:%Y-%m-%d}{FORMATS[kind][1]}"


class EvaluationDialog(TaskDialog):
    def __init__(
        self,
        storage: Storage,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self.runner = runner
        self.today = today or clock.today()
        self.last_path: Path | None = None
        self.last_evaluation: monitoring.Evaluation | None = None
        self.setWindowTitle(self.tr("Evaluasi dua mingguan"))
        self._build()
        self.reset_period()
        self.setMinimumWidth(600)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            self.tr(
                "Capaian SP Online ASN per OPD terhadap targetnya, dan rumah tangga yang "
                "didampingi per kelurahan/desa: keadaan pada akhir periode dibandingkan "
                "dengan akhir periode sebelumnya yang sama panjang."
            ),
            self,
        )
        intro.setWordWrap(True)

        period = QGroupBox(self.tr("Periode"), self)
        self.start = self._date_edit()
        self.end = self._date_edit()
        self.last_14 = QPushButton(self.tr("&14 hari terakhir"), period)
        self.last_14.setAutoDefault(False)
        self.last_14.clicked.connect(self.reset_period)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        sampai = QLabel(self.tr("s&ampai"), period)
        sampai.setBuddy(self.end)
        dates.addWidget(sampai)
        dates.addWidget(self.end)
        dates.addStretch(1)
        dates.addWidget(self.last_14)
        self.compared = QLabel(period)
        self.compared.setStyleSheet(NOTE_STYLE)
        form = QFormLayout(period)
        label = QLabel(self.tr("&Dari tanggal"), period)
        label.setBuddy(self.start)
        form.addRow(label, dates)
        form.addRow("", self.compared)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._period_changed)

        shape = QGroupBox(self.tr("Bentuk berkas"), self)
        self.pdf = QRadioButton(self.tr("&PDF bertanda tangan elektronik, siap dicetak"), shape)
        self.xlsx = QRadioButton(self.tr("E&xcel (.xlsx), untuk diolah lebih lanjut"), shape)
        self.pdf.setChecked(True)
        self.format_group = QButtonGroup(shape)
        self.format_group.addButton(self.pdf)
        self.format_group.addButton(self.xlsx)
        shape_layout = QVBoxLayout(shape)
        shape_layout.addWidget(self.pdf)
        shape_layout.addWidget(self.xlsx)

        self.make_button = QPushButton(self.tr("&Buat evaluasi…"), self)
        self.make_button.setDefault(True)
        self.make_button.setAutoDefault(True)
        self.make_button.clicked.connect(self.choose_path)
        make_row = QHBoxLayout()
        make_row.addWidget(self.make_button)
        make_row.addStretch(1)

        self.panel = TaskPanel(self.runner, self)
        self.watch_panel()
        self.panel.busy_changed.connect(self._busy_changed)
        self.message = self.panel.message
        for line in (self.panel.status, self.message):
            line.setTextFormat(Qt.TextFormat.PlainText)

        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setStyleSheet(SUCCESS_STYLE)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()

        self.open_file = QPushButton(self.tr("Buka ber&kas"), self)
        self.open_file.setAutoDefault(False)
        self.open_file.clicked.connect(self.open_result)
        self.open_file.hide()
        self.open_folder = QPushButton(self.tr("Buka &folder"), self)
        self.open_folder.setAutoDefault(False)
        self.open_folder.clicked.connect(self.open_result_folder)
        self.open_folder.hide()
        self.close_button = QPushButton(self.tr("T&utup"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_file)
        bottom.addWidget(self.open_folder)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(period)
        layout.addWidget(shape)
        layout.addLayout(make_row)
        layout.addWidget(self.panel)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.choices = (period, shape, self.make_button)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(to_qdate(monitoring.EARLIEST_STATUS_DATE))
        edit.setMaximumDate(to_qdate(self.today))
        return edit

    # -- the period -------------------------------------------------------------------------

    def reset_period(self) -> None:
        start, end = monitoring.default_period(self.today)
        self.set_period(start, end)

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(to_qdate(start))
        self.end.setDate(to_qdate(end))
        self._period_changed()

    def period(self) -> tuple[date, date]:
        return py_date(self.start.date()), py_date(self.end.date())

    def kind(self) -> str:
        return "xlsx" if self.xlsx.isChecked() else "pdf"

    def _period_changed(self, *_: object) -> None:
        start, end = self.period()
        if end < start:
            self.compared.setText(self.tr("Tanggal akhir jatuh sebelum tanggal awal."))
            return
        days = (end - start).days + 1
        before = monitoring.previous_period(start, end)
        self.compared.setText(
            self.tr("%s hari; dibandingkan dengan %s") % (days, period_text(*before))
        )

    # -- making it --------------------------------------------------------------------------

    def choose_path(self) -> None:
        if self.panel.busy or not self._check_period():
            return
        start, end = self.period()
        kind = self.kind()
        path = ask_save_path(
            self,
            self.tr("Simpan evaluasi"),
            suggested_name(start, end, kind),
            FORMATS[kind][0],
        )
        if path is not None:
            self.save_to(path)

    def _check_period(self) -> bool:
        start, end = self.period()
        if end < start:
            self.message.show_message(
                self.tr("Tanggal akhir jatuh sebelum tanggal awal. Perbaiki periodenya."), "error"
            )
            return False
        return True

    def save_to(self, path: Path) -> None:
        """Compute and write the evaluation at `path` (after the save dialog; tests)."""
        if self.panel.busy or not self._check_period():
            return
        start, end = self.period()
        storage = self.storage
        path = Path(path)
        writing = self.tr("Menulis %s…") % path.name

        def make(context: TaskContext) -> tuple[Path, monitoring.Evaluation]:
            from sp_desktop.core.documents.evaluation_document import write_evaluation
            from sp_desktop.core.trust import audit
            from sp_desktop.core.trust.signing import sha256_hex

            evaluation = storage.evaluation(start, end, progress=context)
            context.check()
            context.report(3, 4, writing)
            signer = storage.document_signer() if path.suffix.lower() == ".pdf" else None
            written = write_evaluation(evaluation, path, signer=signer)
            # A document that leaves the PC is in the trail, with its hash (as the recap).
            storage.record_event(
                audit.EXPORT,
                "evaluasi_dua_mingguan",
                "",
                berkas=written.name,
                sha256=sha256_hex(written.read_bytes()),
                periode=f"{start:%Y-%m-%d}/{end:%Y-%m-%d}",
                opd=evaluation.scope_opd or "",
            )
            context.check()
            return written, evaluation

        self.panel.run(
            make,
            self._saved,
            status=self.tr("Menghitung evaluasi %s…") % period_text(start, end),
            cancelled_text=self.tr("Dibatalkan; tidak ada berkas yang dibuat."),
        )

    def _busy_changed(self, busy: bool) -> None:
        for widget in self.choices:
            widget.setEnabled(not busy)
        if busy:
            self.result_label.hide()
            self.open_file.hide()
            self.open_folder.hide()

    def _saved(self, result: tuple[Path, monitoring.Evaluation]) -> None:
        path, evaluation = result
        self.last_path = path
        self.last_evaluation = evaluation
        below = len(evaluation.below_target)
        self.result_label.setText(
            self.tr("Evaluasi %s disimpan di:\n%s\n\n%s dari %s OPD di bawah target.")
            % (period_text(evaluation.start, evaluation.end), path, below, len(evaluation.opds))
        )
        self.result_label.show()
        self.open_file.show()
        self.open_folder.show()
        self.open_file.setFocus()

    def open_result(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path)))

    def open_result_folder(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path.parent)))
