"""Is this document real? A slip's QR text or short code, a PDF, or a handover package.

A USB barcode scanner types the QR text followed by Enter, so the text box checks on
Enter and selects its text afterwards: the next scan replaces it. Files and folders can
also be dropped on the window. Checking a package reads every file in it, so it runs
in the worker with a progress bar and Batal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.documents.verification import Verdict, verify
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.documents.printing import documents_folder
from sp_desktop.ui.households.task_panel import TaskPanel
from sp_desktop.ui.worker import TaskContext, TaskRunner

VALID_COLOURS = ("#1b5e20", "#e6f4ea", "#81c995")  # ink, background, border
INVALID_COLOURS = ("#a50e0e", "#fce8e6", "#f28b82")


def headline_of(verdict: Verdict) -> tuple[str, str]:
    """('SAH', 'bukti pendampingan SP Online asli.') from the verdict's one-line title."""
    head, _, rest = verdict.title.partition(":")
    return (head.strip() or ("SAH" if verdict.valid else "TIDAK SAH")), rest.strip()


class VerifyDialog(QDialog):
    def __init__(
        self,
        installation: Installation,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = installation.storage
        self.runner = runner if runner is not None else TaskRunner(self)
        self.verdict: Verdict | None = None
        self.setWindowTitle(self.tr("Periksa keaslian dokumen"))
        self.setAcceptDrops(True)
        self._build()
        self.resize(680, 460)

    def _build(self) -> None:
        intro = QLabel(
            self.tr(
                "Periksa bukti pendampingan, rekapitulasi atau paket serah terima dari SP "
                "Desktop. Dokumen kantor lain hanya bisa diperiksa bila kunci kantor itu sudah "
                "diimpor (menu Dokumen › Kunci tanda tangan kantor)."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.input = QLineEdit(self)
        self.input.setPlaceholderText(
            self.tr("Pindai QR ke sini, tempel teksnya (SP1:…), atau ketik kode ABCD-EFGH-JKLM")
        )
        self.input.setClearButtonEnabled(True)
        self.input.returnPressed.connect(self.check_text)
        input_label = QLabel(self.tr("&Teks QR atau kode verifikasi:"), self)
        input_label.setBuddy(self.input)
        self.check_button = QPushButton(self.tr("&Periksa"), self)
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check_text)
        text_row = QHBoxLayout()
        text_row.addWidget(self.input, 1)
        text_row.addWidget(self.check_button)

        self.file_button = QPushButton(self.tr("Pilih &berkas (PDF atau zip)…"), self)
        self.file_button.setAutoDefault(False)
        self.file_button.clicked.connect(self.choose_file)
        self.folder_button = QPushButton(self.tr("Pilih &folder paket…"), self)
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(self.choose_folder)
        files_row = QHBoxLayout()
        files_row.addWidget(QLabel(self.tr("Atau periksa berkas:"), self))
        files_row.addWidget(self.file_button)
        files_row.addWidget(self.folder_button)
        files_row.addStretch(1)

        self.verdict_box = QFrame(self)
        self.verdict_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = QLabel(self.verdict_box)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.headline.setFont(font)
        self.title = QLabel(self.verdict_box)
        self.title.setWordWrap(True)
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.details = QLabel(self.verdict_box)
        self.details.setWordWrap(True)
        for label in (self.headline, self.title, self.details):
            # The verdict quotes what it was given (file names, scanned text): a file named
            # "<font color=green>SAH</font>.pdf" must show as just that, never as markup.
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_layout = QVBoxLayout(self.verdict_box)
        result_layout.addWidget(self.headline)
        result_layout.addWidget(self.title)
        result_layout.addWidget(self.details)
        self.verdict_box.hide()

        self.panel = TaskPanel(self.runner, self)
        self.panel.busy_changed.connect(self._busy_changed)
        for label in (self.panel.status, self.panel.message):
            label.setTextFormat(Qt.TextFormat.PlainText)
        close = QPushButton(self.tr("T&utup"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(input_label)
        layout.addLayout(text_row)
        layout.addLayout(files_row)
        layout.addWidget(self.panel)
        layout.addWidget(self.verdict_box)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.input.setFocus()

    # -- choosing -----------------------------------------------------------------------------

    def check_text(self) -> None:
        text = self.input.text().strip()
        if text:
            self.check(text)

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih dokumen yang akan diperiksa"),
            str(documents_folder()),
            self.tr("Dokumen SP Desktop (*.pdf *.zip);;Semua berkas (*)"),
        )
        if chosen:
            self.check_path(Path(chosen))

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Pilih folder paket serah terima"), str(documents_folder())
        )
        if chosen:
            self.check_path(Path(chosen))

    def check_path(self, path: Path) -> None:
        self.input.setText(str(path))
        self.check(str(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.check_path(Path(urls[0].toLocalFile()))

    # -- checking -----------------------------------------------------------------------------

    def check(self, given: str) -> None:
        if self.panel.busy:
            return
        storage = self.storage
        try:
            keys = storage.key_ring()
        except UserFacingError as exc:
            self.panel.message.show_message(str(exc), "error")
            return

        def work(context: TaskContext) -> Verdict:
            context.report(0, 0, "")
            return verify(
                given,
                keys,
                code_lookup=storage.slip_by_code,
                visit_lookup=storage.visit_outcome,
                progress=context,
            )

        self.panel.run(
            work,
            self.show_verdict,
            status=self.tr("Memeriksa…"),
            cancelled_text=self.tr("Pemeriksaan dibatalkan."),
        )

    def _busy_changed(self, busy: bool) -> None:
        for widget in (self.input, self.check_button, self.file_button, self.folder_button):
            widget.setEnabled(not busy)
        if busy:
            self.verdict_box.hide()
        else:
            self.input.setFocus()
            self.input.selectAll()  # the next scan replaces it

    def show_verdict(self, verdict: Verdict) -> None:
        self.verdict = verdict
        ink, background, border = VALID_COLOURS if verdict.valid else INVALID_COLOURS
        self.verdict_box.setObjectName("verdict")
        self.verdict_box.setStyleSheet(
            f"QFrame#verdict {{ background: {background}; border: 2px solid {border}; "
            f"border-radius: 6px; }} QLabel {{ color: {ink}; background: transparent; }}"
        )
        head, rest = headline_of(verdict)
        self.headline.setText(("✔ " if verdict.valid else "✖ ") + head)
        self.title.setText(rest)
        self.title.setVisible(bool(rest))
        lines = list(verdict.details)
        lines += [f"• {problem}" for problem in verdict.problems]
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))
        self.verdict_box.show()

    def reject(self) -> None:
        """Esc while checking stops the check; the next Esc closes."""
        if self.panel.busy:
            self.panel.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.panel.busy:
            self.panel.cancel()  # the check's late answer is dropped by the runner
        super().closeEvent(event)
