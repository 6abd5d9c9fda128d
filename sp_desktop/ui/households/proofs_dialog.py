"""Proof of completion files ("bukti pengisian"): list, view, save a copy. A visit's
(the household's) and a staff member's own are shown by the same dialog.

A proof holds a family's full NIK and No KK, so it is shown from memory only: images in
a label, PDFs in QtPdf's viewer reading a QBuffer. Nothing is written to disk unless the
person asks for a copy and picks where it goes (written atomically: no half file). Opening
one is recorded in the audit trail by the core, which also refuses helpers who did not
record the household. Reading, decoding and writing run in the worker (TaskRunner).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.files import write_atomically, write_error
from sp_desktop.core.domain.model import ProofFile, Visit
from sp_desktop.core.domain.text import local_datetime_text
from sp_desktop.core.storage import Storage
from sp_desktop.ui.documents.printing import documents_folder
from sp_desktop.ui.households.task_panel import TaskPanel
from sp_desktop.ui.table_model import Index, ListTableModel
from sp_desktop.ui.widgets import label_of, list_view, size_text
from sp_desktop.ui.worker import TaskContext, TaskRunner

KIND_LABELS = {"application/pdf": "PDF", "image/jpeg": "Foto JPG", "image/png": "Gambar PNG"}
SHA_SHOWN = 12  # enough to compare by eye with a copy; the tooltip has all 64


class ProofTableModel(ListTableModel[ProofFile]):
    COLUMNS = ("filename", "kind", "size", "created_at", "sha256")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = (
            self.tr("Nama berkas"),
            self.tr("Jenis"),
            self.tr("Ukuran"),
            self.tr("Dilampirkan"),
            self.tr("SHA-256 (awal)"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        proof = self.row_at(index.row()) if index.isValid() else None
        if proof is None or index.column() >= len(self.COLUMNS):
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "sha256":
                return proof.sha256
            return proof.filename if column == "filename" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "size":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "filename":
            return proof.filename
        if column == "kind":
            return KIND_LABELS.get(proof.media_type, proof.media_type)
        if column == "size":
            return size_text(proof.size)
        if column == "created_at":
            return local_datetime_text(proof.created_at)
        return proof.sha256[:SHA_SHOWN]


def write_copy(path: Path, content: bytes, context: TaskContext | None = None) -> Path:
    """Write `content` to `path` atomically (`path.partial`, fsync, rename): a full disk or
    a pulled flash disk leaves no half file, only the reason in words."""
    replacing = path.exists()

    def render(out: IO[bytes]) -> None:
        if context is not None:
            context.check()
        out.write(content)

    try:
        return write_atomically(path, render)
    except OSError as exc:
        raise write_error(exc, replacing=replacing) from exc


class ProofFilesDialog(QDialog):
    """Reading a proof (up to 10 MB, decrypted, hashed, audited), decoding a picture and
    writing a copy all happen in the worker; the panel shows them with Batal.

    `list_files()` gives the files shown; `read_file(id)` their (record, bytes), from the
    core, which checks who may open them."""

    def __init__(
        self,
        heading_text: str,
        list_files: Callable[[], Sequence[Any]],
        read_file: Callable[[str], tuple[Any, bytes]],
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._list_files = list_files
        self._read_file = read_file
        self._own_runner = runner is None
        self.runner = runner if runner is not None else TaskRunner(self)
        self.viewer: QDialog | None = None
        self._saving = False
        self.setWindowTitle(self.tr("Bukti pengisian"))
        self.resize(760, 360)
        heading = QLabel(heading_text, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("font-weight: bold;")
        self.model = ProofTableModel(self)
        self.table = list_view(self.model, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(ProofTableModel.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda _: self.open_selected())
        label = QLabel(self.tr("&Berkas terlampir"), self)
        label.setBuddy(self.table)
        note = QLabel(
            self.tr(
                "Bukti pengisian memuat NIK dan No KK lengkap. Berkas dibuka di dalam aplikasi "
                "saja; simpan salinan hanya bila diminta resmi, dan hapus setelah dipakai."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a5a00;")
        self.panel = TaskPanel(self.runner, self)
        self.panel.busy_changed.connect(self._busy_changed)
        self.message = self.panel.message
        # File names and paths are shown as they are, never read as markup.
        for shown in (self.panel.status, self.message):
            shown.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton(self.tr("B&uka"), self)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_selected)
        self.copy_button = QPushButton(self.tr("&Simpan salinan…"), self)
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.choose_copy_path)
        close = QPushButton(self.tr("&Tutup"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(self.panel)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        try:
            self.model.set_rows(list(self._list_files()))
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            self.model.set_rows([])
        self._update_buttons()
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
        self.table.setFocus()

    def _update_buttons(self) -> None:
        ready = self.model.rowCount() > 0 and not self.panel.busy
        self.open_button.setEnabled(ready)
        self.copy_button.setEnabled(ready)

    def _busy_changed(self, busy: bool) -> None:
        self.table.setEnabled(not busy)
        self._update_buttons()
        if busy:
            # Writing a copy takes a moment and cannot be half undone: no Batal for it.
            self.panel.cancel_button.setVisible(not self._saving)
        else:
            self._saving = False
            self.table.setFocus()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # -- viewing -------------------------------------------------------------------------------

    def open_selected(self) -> None:
        """Read and decode the selected file in the worker, then show it in a viewer."""
        proof = self.selected()
        if proof is None or self.panel.busy:
            return
        read_file = self._read_file
        unreadable = self.tr(
            "Gambar ini tidak bisa ditampilkan (berkasnya rusak?). Simpan salinannya lalu "
            "buka dengan program lain."
        )

        def load(context: TaskContext) -> bytes | QImage:
            context.report(0, 0, "")
            _, content = read_file(proof.id)
            context.check()
            if proof.media_type == "application/pdf":
                return content  # QtPdf's viewer reads it from memory, page by page
            image = QImage.fromData(content)
            if image.isNull():
                raise UserFacingError(unreadable)
            return image

        self.panel.run(
            load,
            lambda loaded: self._show(proof, loaded),
            status=self.tr("Membuka %s…") % proof.filename,
            cancelled_text=self.tr("Tidak jadi dibuka."),
        )

    def _show(self, proof: Any, loaded: bytes | QImage) -> None:
        if not self.isVisible():
            # Closed, or hidden by the lock screen meanwhile: show nobody the family's NIK.
            self.message.show_message(self.tr("Berkas tidak ditampilkan; buka lagi."), "warn")
            return
        if isinstance(loaded, QImage):
            viewer: QDialog = ImageViewer(loaded, proof.filename, self)
        else:
            viewer = PdfViewer(loaded, proof.filename, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.finished.connect(self._viewer_closed)
        self.viewer = viewer
        viewer.open()

    def _viewer_closed(self) -> None:
        self.viewer = None
        self.table.setFocus()

    # -- a copy ----------------------------------------------------------------------------

    def choose_copy_path(self) -> None:
        proof = self.selected()
        if proof is None or self.panel.busy:
            return
        suffix = Path(proof.filename).suffix or ".bin"
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan salinan bukti pengisian"),
            str(documents_folder() / proof.filename),
            f"{KIND_LABELS.get(proof.media_type, '')} (*{suffix})",
        )
        if chosen:
            self.save_copy_to(Path(chosen))

    def save_copy_to(self, path: Path) -> None:
        """Write the selected file's exact bytes to `path`, in the worker and atomically;
        the outcome is shown in the message line."""
        proof = self.selected()
        if proof is None or self.panel.busy:
            return
        read_file = self._read_file

        def save(context: TaskContext) -> Path:
            context.report(0, 0, "")
            _, content = read_file(proof.id)
            return write_copy(path, content, context)

        self._saving = True
        self.panel.run(
            save,
            lambda saved: self.message.show_message(
                self.tr("Salinan disimpan: %s") % saved, "info"
            ),
            status=self.tr("Menyimpan salinan %s…") % path.name,
            cancelled_text=self.tr("Salinan tidak disimpan."),
        )

    # -- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc (or the window's X) while a file is read stops it, and the next one closes;
        a copy being written is let finish first."""
        if self.panel.busy:
            if not self._saving:
                self.panel.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        if self._own_runner:
            self.runner.shutdown()  # nothing of ours runs on once the dialog is gone
        super().done(result)


class ProofsDialog(ProofFilesDialog):
    """A visit's files: the household's proof, with the family's full NIK and No KK."""

    def __init__(
        self,
        storage: Storage,
        visit: Visit,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        self.storage = storage
        self.visit = visit
        heading = QCoreApplication.translate("ProofsDialog", "Kunjungan %s — %s") % (
            local_datetime_text(visit.visited_at),
            label_of(visit.outcome),
        )
        super().__init__(
            heading,
            lambda: storage.proof_files(visit.id),
            storage.proof_content,
            parent,
            runner=runner,
        )


def _fit_on_screen(dialog: QDialog, wanted_width: int, wanted_height: int) -> None:
    screen = dialog.screen().availableGeometry()
    dialog.resize(
        max(480, min(wanted_width, screen.width() - 40)),
        max(360, min(wanted_height, screen.height() - 60)),
    )


def _close_row(dialog: QDialog, *widgets: QWidget) -> QHBoxLayout:
    close = QPushButton(QCoreApplication.translate("ProofViewer", "&Tutup"), dialog)
    close.setDefault(True)
    close.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    row.addWidget(close)
    return row


class ImageViewer(QDialog):
    """A photo or screenshot, fitted to the window by default; scroll at real size."""

    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.image = image
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area.setWidget(self.label)
        self.fit = QCheckBox(self.tr("&Pas di jendela"), self)
        self.fit.setChecked(True)
        self.fit.toggled.connect(self._show)
        self._rescale = QTimer(self)
        self._rescale.setSingleShot(True)
        self._rescale.setInterval(60)
        self._rescale.timeout.connect(self._show)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(_close_row(self, self.fit))
        QShortcut(QKeySequence("F"), self).activated.connect(self.fit.toggle)
        _fit_on_screen(self, image.width() + 40, image.height() + 80)
        self._show()

    def _show(self) -> None:
        if self.fit.isChecked():
            self.scroll_area.setWidgetResizable(True)
            size = self.scroll_area.viewport().size()
            shown = self.image
            if self.image.width() > size.width() or self.image.height() > size.height():
                shown = self.image.scaled(
                    size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self.label.setPixmap(QPixmap.fromImage(shown))
        else:
            self.scroll_area.setWidgetResizable(False)
            self.label.setPixmap(QPixmap.fromImage(self.image))
            self.label.adjustSize()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.fit.isChecked():
            self._rescale.start()


class PdfViewer(QDialog):
    """A PDF read from memory through a QBuffer: the file never touches the disk."""

    def __init__(self, content: bytes, title: str, parent: QWidget | None = None) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.setWindowTitle(title)
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(content))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages = QLabel(self)
        self.document.pageCountChanged.connect(self._show_pages)
        self.document.statusChanged.connect(self._show_pages)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(_close_row(self, self.pages))
        _fit_on_screen(self, 820, 1000)
        self._show_pages()

    def _show_pages(self, *_: object) -> None:
        from PySide6.QtPdf import QPdfDocument

        status = self.document.status()
        if status == QPdfDocument.Status.Error:
            self.pages.setText(self.tr("PDF ini tidak bisa ditampilkan (rusak atau terkunci)."))
            self.pages.setStyleSheet("color: #b3261e;")
        elif status == QPdfDocument.Status.Ready:
            self.pages.setText(self.tr("%n halaman", "", self.document.pageCount()))
