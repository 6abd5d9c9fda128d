"""Saving and printing the PDFs SP Desktop makes (slips, the recap).

Printing goes through the PDF: the core writes it (signed, the same bytes as a saved
copy) into a private temporary folder, Qt's print dialog picks printer, pages and copies,
and each page is rendered with QtPdf at the printer's resolution (300 dpi at most) and
painted on the page. Painting on a QPrinter must happen on the GUI thread, so long
documents go page by page with a Batal button in between.

QtPdf and QtPrintSupport are imported inside the functions: start-up time is measured,
and most sessions never print.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QPageSize, QPainter, QTransform
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from sp_desktop import APP_NAME
from sp_desktop.core.progress import Progress
from sp_desktop.ui.task_panel import ProgressWindow, RunTask
from sp_desktop.ui.worker import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

MAX_PRINT_DPI = 300
PRINT_FOLDER_PREFIX = "sp-desktop-cetak-"
STALE_AFTER_SECONDS = 6 * 60 * 60
MakePdf = Callable[[Path, Progress], object]


def tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def documents_folder() -> Path:
    """Where a save dialog opens first: the user's Documents folder (or home)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(found) if found else Path.home()
    return path if path.is_dir() else Path.home()


def ask_save_path(
    parent: QWidget, title: str, suggested_name: str, file_filter: str, *, overwrite: bool = True
) -> Path | None:
    """The save dialog; the extension of `suggested_name` is added when the user left it off.
    `overwrite=False`: no "replace it?" question, for targets the core never overwrites."""
    options = QFileDialog.Option(0) if overwrite else QFileDialog.Option.DontConfirmOverwrite
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(documents_folder() / suggested_name), file_filter, "", options
    )
    if not chosen:
        return None
    path = Path(chosen)
    suffix = Path(suggested_name).suffix
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    return path


# -- printing a PDF ---------------------------------------------------------------------


def chosen_pages(printer: QPrinter, page_count: int) -> list[int]:
    """0-based page numbers the print dialog asked for, once per copy when the printer
    cannot make copies itself."""
    from PySide6.QtPrintSupport import QPrinter

    first, last = 1, page_count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(page_count, printer.toPage() or page_count)
    pages = list(range(first - 1, last))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies == 1:
        return pages
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def load_pdf(path: Path, parent: QWidget | None = None) -> QPdfDocument | None:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(parent)
    if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
        document.deleteLater()
        return None
    return document


def print_pdf(parent: QWidget, path: Path) -> bool:
    """Ask for a printer (A4, page range allowed) and print the PDF; True once sent."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

    document = load_pdf(path, parent)
    if document is None:
        QMessageBox.warning(
            parent, APP_NAME, tr("Dokumen untuk dicetak tidak bisa dibuka. Coba buat lagi.")
        )
        return False
    try:
        count = document.pageCount()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(path.stem)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(tr("Cetak"))
        dialog.setOptions(
            QAbstractPrintDialog.PrintDialogOption.PrintPageRange
            | QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies
            | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize
            | QAbstractPrintDialog.PrintDialogOption.PrintToFile
        )
        dialog.setMinMax(1, count)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        return paint_pdf(parent, printer, document, chosen_pages(printer, count))
    finally:
        document.deleteLater()


def paint_pdf(
    parent: QWidget | None, printer: QPrinter, document: QPdfDocument, pages: Sequence[int]
) -> bool:
    """Render each page and paint it fitted to the printable area (never enlarged past its
    real size, turned when a landscape page meets portrait paper). False when cancelled
    or the printer refused."""
    painter = QPainter()
    if not pages:
        return False
    if not painter.begin(printer):
        QMessageBox.warning(
            parent,
            APP_NAME,
            tr(
                "Pencetak tidak bisa dipakai. Periksa bahwa pencetak menyala dan tersambung, "
                "lalu coba lagi."
            ),
        )
        return False
    progress = QProgressDialog(tr("Mencetak…"), tr("Batal"), 0, len(pages), parent)
    progress.setWindowTitle(APP_NAME)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    try:
        resolution = printer.resolution()
        dpi = min(resolution, MAX_PRINT_DPI)
        area = printer.pageLayout().paintRectPixels(resolution)
        for number, page in enumerate(pages):
            progress.setLabelText(tr("Mencetak halaman %s dari %s…") % (number + 1, len(pages)))
            progress.setValue(number)  # also lets the window repaint and Batal be pressed
            QCoreApplication.processEvents()
            if progress.wasCanceled():
                printer.abort()
                return False
            if number and not printer.newPage():
                return False
            _paint_page(painter, document, page, area.width(), area.height(), dpi, resolution)
        progress.setValue(len(pages))
        return True
    finally:
        painter.end()
        progress.reset()  # stops the timer that would show it later
        progress.close()
        progress.deleteLater()


def _paint_page(
    painter: QPainter,
    document: QPdfDocument,
    page: int,
    width: int,
    height: int,
    dpi: int,
    resolution: int,
) -> None:
    points = document.pagePointSize(page)  # 1/72 inch
    landscape = points.width() > points.height()
    turn = landscape != (width > height)
    page_w, page_h = (
        (points.height(), points.width()) if turn else (points.width(), points.height())
    )
    # Printer pixels per PDF point: fit the area, but never bigger than the real size.
    scale = min(width / page_w, height / page_h, resolution / 72)
    drawn_w, drawn_h = page_w * scale, page_h * scale
    image = document.render(
        page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    )
    if turn:
        image = image.transformed(QTransform().rotate(90))
    left = (width - drawn_w) / 2  # centred across, from the top down
    painter.drawImage(QRectF(left, 0, drawn_w, drawn_h), image)


# -- save or print a document the core makes ------------------------------------------------


def remove_stale_print_folders() -> None:
    """Print copies left behind when the app was killed mid-print (they are removed right
    after printing otherwise). Only this app's own folders, and only old ones."""
    now = time.time()
    for folder in Path(tempfile.gettempdir()).glob(PRINT_FOLDER_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if folder.is_dir() and now - folder.stat().st_mtime > STALE_AFTER_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)


def save_pdf(
    parent: QWidget,
    run: RunTask,
    make_pdf: MakePdf,
    path: Path,
    on_saved: Callable[[Path, Any], None],
) -> None:
    """Make the PDF at `path` in the worker; `on_saved(path, result)` afterwards."""
    run(lambda context: make_pdf(path, context), lambda result: on_saved(path, result))


def print_made_pdf(
    parent: QWidget,
    run: RunTask,
    make_pdf: MakePdf,
    suggested_name: str,
    on_printed: Callable[[bool], None] | None = None,
) -> None:
    """Make the PDF in a private temporary folder (in the worker), print it, remove it."""
    remove_stale_print_folders()
    folder = Path(tempfile.mkdtemp(prefix=PRINT_FOLDER_PREFIX))
    target = folder / suggested_name

    def remove() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def made(result: Any) -> None:
        printed = print_pdf(parent, target)
        if on_printed is not None:
            on_printed(printed)

    run(lambda context: make_pdf(target, context), made, always=remove)


def save_or_print(
    parent: QWidget,
    runner: TaskRunner,
    make_pdf: MakePdf,
    suggested_name: str,
    *,
    title: str = "",
    what: str = "",
    on_saved: Callable[[Path, Any], None] | None = None,
) -> None:
    """Ask "save as PDF or print?" (about `what`), then do it with a progress window."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title or APP_NAME)
    question = tr("Simpan sebagai berkas PDF, atau langsung cetak?")
    box.setText(f"{what}\n\n{question}" if what else question)
    save = box.addButton(tr("&Simpan sebagai PDF…"), QMessageBox.ButtonRole.AcceptRole)
    print_ = box.addButton(tr("&Cetak…"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("Batal"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(print_)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    run = ProgressWindow(parent, runner, tr("Membuat dokumen…"))
    if clicked is print_:
        print_made_pdf(parent, run, make_pdf, suggested_name)
    elif clicked is save:
        path = ask_save_path(parent, tr("Simpan sebagai PDF"), suggested_name, "PDF (*.pdf)")
        if path is not None:
            save_pdf(parent, run, make_pdf, path, on_saved or _tell_saved(parent))


def _tell_saved(parent: QWidget) -> Callable[[Path, Any], None]:
    def tell(path: Path, result: Any) -> None:
        QMessageBox.information(parent, APP_NAME, tr("Tersimpan:\n%s") % path)

    return tell
