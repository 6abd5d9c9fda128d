"""Saving and printing the PDFs SP Desktop makes (slips, the recap).

Printing goes through the PDF: the core writes it (signed, the same bytes as a saved
copy) into a private temporary folder, Qt's print dialog picks printer, pages and copies,
and each page is rendered with QtPdf at the printer's resolution (300 dpi at most) and
painted on the page. The worker renders the page images (with a QPdfDocument of its own),
a few pages ahead at most; painting on a QPrinter must happen on the GUI thread, so it
paints them page by page while the progress window keeps Batal working.

QtPdf and QtPrintSupport are imported inside the functions: start-up time is measured,
and most sessions never print.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter, QTransform
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from sp_desktop import APP_NAME
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.progress import Cancelled, Progress
from sp_desktop.ui.households.task_panel import ProgressWindow, RunTask
from sp_desktop.ui.worker import TaskContext, TaskRunner

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

MAX_PRINT_DPI = 300
PAGES_AHEAD = 2  # page images rendered ahead of the printer (each up to ~35 MB at A4/300 dpi)
PRINT_FOLDER_PREFIX = "sp-desktop-cetak-"
STALE_AFTER_SECONDS = 6 * 60 * 60
MakePdf = Callable[[Path, Progress], object]


# Module functions have no class to name the context: lupdate reads the literal "Printing"
# in each `translate("Printing", ...)` call, and the running code looks up the same one.
translate = QCoreApplication.translate


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

    # PySide6 takes no parent as None; its stubs ask for a QObject.
    document = QPdfDocument(parent)  # type: ignore[arg-type]
    if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
        document.deleteLater()
        return None
    return document


def ask_printer(parent: QWidget, doc_name: str, page_count: int = 0) -> QPrinter | None:
    """Qt's print dialog (A4, page range allowed); None when the person cancels. Without a
    page count (the document is made only once a printer is chosen) any range is offered."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName(doc_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("Printing", "Cetak"))
    dialog.setOptions(
        QAbstractPrintDialog.PrintDialogOption.PrintPageRange
        | QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies
        | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize
        | QAbstractPrintDialog.PrintDialogOption.PrintToFile
    )
    dialog.setMinMax(1, page_count or 9999)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def print_pdf(
    parent: QWidget,
    path: Path,
    *,
    runner: TaskRunner | None = None,
    printer: QPrinter | None = None,
) -> bool:
    """Ask for a printer (unless `printer` was chosen already) and print the PDF; True
    once sent. The pages are rendered in `runner`'s worker (a private runner when none is
    given)."""
    document = load_pdf(path, parent)
    if document is None:
        QMessageBox.warning(
            parent,
            APP_NAME,
            translate("Printing", "Dokumen untuk dicetak tidak bisa dibuka. Coba buat lagi."),
        )
        return False
    count = document.pageCount()
    document.close()  # only the page count was needed; the worker opens its own
    document.deleteLater()
    if printer is None:
        printer = ask_printer(parent, path.stem, count)
        if printer is None:
            return False
    return paint_pdf(parent, printer, path, chosen_pages(printer, count), runner=runner)


@dataclass(frozen=True)
class PageArea:
    """The printable area in printer pixels, and the resolutions involved."""

    width: int
    height: int
    dpi: int  # what pages are rendered at
    resolution: int  # the printer's own


def paint_pdf(
    parent: QWidget | None,
    printer: QPrinter,
    path: Path,
    pages: Sequence[int],
    *,
    runner: TaskRunner | None = None,
) -> bool:
    """Paint the PDF's `pages` on `printer`, each fitted to the printable area (never
    enlarged past its real size, turned when a landscape page meets portrait paper).

    The worker renders the page images (`render_pages`, with its own QPdfDocument) at most
    PAGES_AHEAD in front of the printer; this GUI thread only paints them, page by page,
    while the progress window keeps Batal working. False when cancelled or the printer
    refused; a UserFacingError from the worker is shown, any other one is a bug."""
    if not pages:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(
            parent,
            APP_NAME,
            translate(
                "Printing",
                "Pencetak tidak bisa dipakai. Periksa bahwa pencetak menyala dan tersambung, "
                "lalu coba lagi.",
            ),
        )
        return False
    own_runner = runner is None
    if runner is None:
        runner = TaskRunner()
    total = len(pages)
    progress = QProgressDialog(
        translate("Printing", "Mencetak…"), translate("Printing", "Batal"), 0, total, parent
    )
    progress.setWindowTitle(APP_NAME)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoReset(False)
    progress.setAutoClose(False)
    resolution = printer.resolution()
    paint_rect = printer.pageLayout().paintRectPixels(resolution)
    area = PageArea(
        paint_rect.width(), paint_rect.height(), min(resolution, MAX_PRINT_DPI), resolution
    )
    room = threading.Semaphore(PAGES_AHEAD)  # page images made but not yet painted
    stop = threading.Event()  # Batal, or the printer refused a page
    loop = QEventLoop()
    state: dict[str, Any] = {"outcome": None, "refused": False, "pumping": False}
    waiting: deque[tuple[int, QRectF, QImage]] = deque()

    def finish(outcome: str, error: BaseException | None = None) -> None:
        state["outcome"], state["error"] = outcome, error
        loop.quit()

    def arrived(value: tuple[int, QRectF, QImage]) -> None:
        # QProgressDialog.setValue processes events, so a page can arrive while the one
        # before is painted: queue it, and paint strictly in order.
        waiting.append(value)
        if state["pumping"]:
            return
        state["pumping"] = True
        try:
            while waiting:
                paint(*waiting.popleft())
        finally:
            state["pumping"] = False

    def paint(number: int, target: QRectF, image: QImage) -> None:
        if progress.wasCanceled():
            stop.set()
        if stop.is_set():
            return  # the worker stops at its next check; nothing more is painted
        if number and not printer.newPage():
            state["refused"] = True
            stop.set()
            return
        progress.setLabelText(
            translate("Printing", "Mencetak halaman %s dari %s…") % (number + 1, total)
        )
        painter.drawImage(target, image)
        room.release()
        progress.setValue(number + 1)  # also lets the window repaint and Batal be pressed

    # Batal only asks the worker to stop: the runner still reports, and the loop waits for
    # it, so the worker is done with the file before the caller removes it.
    def cancel() -> None:
        stop.set()

    progress.canceled.connect(cancel)
    progress.setValue(0)
    try:
        runner.submit(
            lambda context: render_pages(path, pages, area, room, stop, context),
            on_done=lambda _: finish("done"),
            on_error=lambda exc: finish("error", exc),
            on_cancelled=lambda: finish("cancelled"),
            on_partial=arrived,
        )
        if state["outcome"] is None:
            loop.exec()  # the pages arrive through `arrived` meanwhile
    finally:
        with contextlib.suppress(RuntimeError, TypeError):
            progress.canceled.disconnect(cancel)
        printed = state["outcome"] == "done" and not stop.is_set()
        if not printed:
            printer.abort()
        painter.end()
        progress.reset()  # stops the timer that would show it later
        progress.close()
        progress.deleteLater()
        waiting.clear()
        if own_runner:
            runner.shutdown()
            runner.deleteLater()
    error = state.get("error")
    if isinstance(error, UserFacingError):
        QMessageBox.warning(parent, APP_NAME, str(error))
    elif error is not None:
        if own_runner:
            raise error
        runner.failed.emit(error)
    elif state["refused"]:
        QMessageBox.warning(
            parent,
            APP_NAME,
            translate("Printing", "Pencetak menolak halaman berikutnya; pencetakan dihentikan."),
        )
    return printed


def render_pages(
    path: Path,
    pages: Sequence[int],
    area: PageArea,
    room: threading.Semaphore,
    stop: threading.Event,
    context: TaskContext,
) -> int:
    """In the worker: render each page and hand it on as (number, target rect, image)
    through `context.partial`. The QPdfDocument is created, used and dropped in this one
    thread (QtPdf serialises PDFium calls itself). Waits for `room` before each page, so
    no more than PAGES_AHEAD images wait for the printer."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_:
            raise UserFacingError(
                translate("Printing", "Dokumen untuk dicetak tidak bisa dibuka lagi."),
                hint=translate("Printing", "Coba cetak sekali lagi."),
            )
        for number, page in enumerate(pages):
            while not room.acquire(timeout=0.1):
                _check(stop, context)
            _check(stop, context)
            target, image = _render_page(document, page, area)
            context.partial((number, target, image))
            del image
        return len(pages)
    finally:
        document.close()
        del document


def _check(stop: threading.Event, context: TaskContext) -> None:
    if stop.is_set():
        raise Cancelled()
    context.check()


def _render_page(document: QPdfDocument, page: int, area: PageArea) -> tuple[QRectF, QImage]:
    points = document.pagePointSize(page)  # 1/72 inch
    landscape = points.width() > points.height()
    turn = landscape != (area.width > area.height)
    page_w, page_h = (
        (points.height(), points.width()) if turn else (points.width(), points.height())
    )
    # Printer pixels per PDF point: fit the area, but never bigger than the real size.
    scale = min(area.width / page_w, area.height / page_h, area.resolution / 72)
    drawn_w, drawn_h = page_w * scale, page_h * scale
    image = document.render(
        page,
        QSize(round(points.width() * area.dpi / 72), round(points.height() * area.dpi / 72)),
    )
    if image.isNull():
        raise UserFacingError(
            translate("Printing", "Halaman %s tidak bisa disiapkan untuk dicetak.") % (page + 1),
            hint=translate(
                "Printing",
                "Mungkin memori komputer tidak cukup. Tutup program lain, lalu coba lagi.",
            ),
        )
    if turn:
        image = image.transformed(QTransform().rotate(90))
    left = (area.width - drawn_w) / 2  # centred across, from the top down
    return QRectF(left, 0, drawn_w, drawn_h), image


# -- save or print a document the core makes ------------------------------------------------


def remove_stale_print_folders() -> None:
    """Print copies left behind when the app was killed mid-print (they are removed right
    after printing otherwise). Only this app's own folders, and only old ones."""
    now = time.time()  # against the folders' own times, which the OS stamps
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
    *,
    runner: TaskRunner | None = None,
) -> None:
    """Ask for the printer, then make the PDF in a private temporary folder (in the
    worker), print it, remove it. The printer is asked first: making a document records it
    in the audit trail as printed, and a print cancelled in the dialog must not be.
    `runner` renders the pages (`print_pdf` makes a private one when it is None)."""
    printer = ask_printer(parent, Path(suggested_name).stem)
    if printer is None:
        if on_printed is not None:
            on_printed(False)
        return
    remove_stale_print_folders()
    folder = Path(tempfile.mkdtemp(prefix=PRINT_FOLDER_PREFIX))
    target = folder / suggested_name

    def remove() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def made(result: Any) -> None:
        printed = print_pdf(parent, target, runner=runner, printer=printer)
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
    question = translate("Printing", "Simpan sebagai berkas PDF, atau langsung cetak?")
    box.setText(f"{what}\n\n{question}" if what else question)
    save = box.addButton(
        translate("Printing", "&Simpan sebagai PDF…"), QMessageBox.ButtonRole.AcceptRole
    )
    print_ = box.addButton(translate("Printing", "&Cetak…"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(translate("Printing", "Batal"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(print_)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    run = ProgressWindow(parent, runner, translate("Printing", "Membuat dokumen…"))
    if clicked is print_:
        print_made_pdf(parent, run, make_pdf, suggested_name, runner=runner)
    elif clicked is save:
        path = ask_save_path(
            parent, translate("Printing", "Simpan sebagai PDF"), suggested_name, "PDF (*.pdf)"
        )
        if path is not None:
            save_pdf(parent, run, make_pdf, path, on_saved or _tell_saved(parent))


def _tell_saved(parent: QWidget) -> Callable[[Path, Any], None]:
    def tell(path: Path, result: Any) -> None:
        QMessageBox.information(parent, APP_NAME, translate("Printing", "Tersimpan:\n%s") % path)

    return tell
