"""A visit's slip and proof files from the household form, as a helper at a posko uses them."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import HELPER_PASSWORD, make_helper, make_household, make_visit
from gui_support import shown_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.model import Helper, Household, Outcome, Post, Visit
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.domain.proofs import MAX_PROOF_BYTES
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.documents import printing
from sp_desktop.ui.households.proofs_dialog import ImageViewer, PdfViewer, ProofsDialog
from sp_desktop.ui.shell.main_window import MainWindow
from sp_desktop.ui.worker import TaskRunner

HELPER = make_helper(serial=21, name="Ni Made Ayu")


@pytest.fixture
def window(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> Iterator[MainWindow]:
    with shown_window(qtbot, installation) as win:
        yield win


def open_household(window: MainWindow, people: tuple[Helper, Post]) -> tuple[Household, Visit]:
    helper, post = people
    household = make_household(3, name="Baiq Rahmawati")
    visit = make_visit(household, helper, post, Outcome.BERHASIL)
    window.storage.save_household(household, visit)
    window.apply_filters()
    window.table.setFocus()
    window.table.selectRow(0)
    assert window.form.household_id == household.id
    return household, visit


def open_proofs(qtbot: QtBot, window: MainWindow, visit: Visit) -> ProofsDialog:
    """The proofs dialog as the form opens it, on the window's (synchronous) runner."""
    dialog = ProofsDialog(window.storage, visit, window.form, runner=window.runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def png_file(folder: Path, name: str = "layar.png") -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    path = folder / name
    assert image.save(str(path), "PNG")
    return path


def pdf_file(folder: Path, text: str = "Bukti pengisian SP Online") -> Path:
    path = folder / "bukti.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(200, 200, text)
    painter.end()
    return path


def test_buttons_wait_for_a_saved_visit(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post]
) -> None:
    form = window.form
    buttons = (form.print_slip_button, form.attach_button, form.proofs_button)
    assert not any(b.isEnabled() for b in buttons)  # a new household has no saved visit
    open_household(window, people)
    assert not any(b.isEnabled() for b in buttons)  # nothing picked yet
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # Riwa&yat
    assert QApplication.focusWidget() is form.visits
    assert form.selected_visit() is not None  # reaching the table picks the newest visit
    assert form.print_slip_button.isEnabled() and form.attach_button.isEnabled()
    assert not form.proofs_button.isEnabled()  # no file attached yet


def test_ctrl_p_without_a_visit_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    message = window.form.proof_message
    assert message.isVisible()
    assert "Pilih dulu kunjungannya" in message.text()


def test_a_saved_visit_is_selected_ready_for_its_slip(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post]
) -> None:
    open_household(window, people)
    form = window.form
    form.record_visit.setChecked(True)
    assert form.save()
    assert form.visits_model.rowCount() == 2
    assert form.selected_visit() is not None
    assert form.print_slip_button.isEnabled()


def test_attaching_a_png_lists_it_with_its_hash(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post], tmp_path: Path
) -> None:
    _, visit = open_household(window, people)
    form = window.form
    form.visits.selectRow(0)
    path = png_file(tmp_path)
    form.attach_proof_file(path)
    stored = window.storage.proof_files(visit.id)
    assert len(stored) == 1
    assert stored[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert stored[0].media_type == "image/png"
    assert "dilampirkan" in form.proof_message.text()
    column = form.visits_model.COLUMNS.index("proofs")
    assert form.visits_model.data(form.visits_model.index(0, column)) == "1 berkas"
    assert form.proofs_button.isEnabled()

    dialog = open_proofs(qtbot, window, visit)
    model = dialog.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "layar.png"
    assert model.data(model.index(0, 4)) == stored[0].sha256[:12]
    dialog.open_selected()
    viewer = dialog.viewer
    assert isinstance(viewer, ImageViewer)
    assert viewer.isVisible()
    assert not viewer.label.pixmap().isNull()
    viewer.close()
    copy = tmp_path / "salinan.png"
    dialog.save_copy_to(copy)
    assert copy.read_bytes() == path.read_bytes()
    assert "Salinan disimpan" in dialog.message.text()
    assert not (tmp_path / "salinan.png.partial").exists()
    assert not dialog.panel.busy and dialog.open_button.isEnabled()


def test_a_pdf_proof_is_shown_from_memory(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post], tmp_path: Path
) -> None:
    _, visit = open_household(window, people)
    window.form.visits.selectRow(0)
    window.form.attach_proof_file(pdf_file(tmp_path))
    dialog = open_proofs(qtbot, window, visit)
    dialog.open_selected()
    viewer = dialog.viewer
    assert isinstance(viewer, PdfViewer)
    from PySide6.QtPdf import QPdfDocument

    qtbot.waitUntil(lambda: viewer.document.status() == QPdfDocument.Status.Ready)
    assert viewer.document.pageCount() == 1
    assert "1 halaman" in viewer.pages.text()


def test_a_file_over_10_mb_is_refused_and_nothing_stored(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post], tmp_path: Path
) -> None:
    _, visit = open_household(window, people)
    form = window.form
    form.visits.selectRow(0)
    big = tmp_path / "besar.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (MAX_PROOF_BYTES + 1 - 9))
    form.attach_proof_file(big)
    assert form.proof_message.isVisible()
    assert "terlalu besar" in form.proof_message.text()
    assert window.storage.proof_files(visit.id) == []
    column = form.visits_model.COLUMNS.index("proofs")
    assert form.visits_model.data(form.visits_model.index(0, column)) == "–"
    assert form.attach_button.isEnabled()  # ready for another try


def test_a_file_that_is_not_a_pdf_or_picture_is_refused(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post], tmp_path: Path
) -> None:
    _, visit = open_household(window, people)
    window.form.visits.selectRow(0)
    fake = tmp_path / "surat.pdf"
    fake.write_text("bukan pdf sungguhan", encoding="utf-8")
    window.form.attach_proof_file(fake)
    assert "bukan PDF, JPG, atau PNG" in window.form.proof_message.text()
    assert window.storage.proof_files(visit.id) == []


def test_a_helper_may_not_open_another_helpers_proof(
    qtbot: QtBot,
    window: MainWindow,
    installation: Installation,
    people: tuple[Helper, Post],
    tmp_path: Path,
) -> None:
    installation.save_account(HELPER, Role.HELPER, password=HELPER_PASSWORD)
    _, visit = open_household(window, people)
    window.form.visits.selectRow(0)
    window.form.attach_proof_file(png_file(tmp_path))
    window.lock()
    window.unlock(HELPER.nip, HELPER_PASSWORD)
    dialog = open_proofs(qtbot, window, visit)
    assert dialog.model.rowCount() == 1  # listed, so the helper knows it is there
    dialog.open_selected()
    assert dialog.viewer is None
    assert "hanya petugas yang mencatat" in dialog.message.text()
    dialog.save_copy_to(tmp_path / "salinan.png")
    assert "hanya petugas yang mencatat" in dialog.message.text()
    assert not (tmp_path / "salinan.png").exists()
    assert not (tmp_path / "salinan.png.partial").exists()


def test_the_slip_of_the_selected_visit_is_saved_as_pdf(
    qtbot: QtBot,
    window: MainWindow,
    people: tuple[Helper, Post],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_household(window, people)
    window.form.visits.selectRow(0)
    target = tmp_path / "bukti.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *args: target)

    def choose_save() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if "Simpan sebagai PDF" in b.text()).click()

    QTimer.singleShot(0, choose_save)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert target.exists()
    assert "disimpan" in window.form.proof_message.text()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Bukti Pendampingan" in text


def two_page_pdf(folder: Path) -> Path:
    source = folder / "dua-halaman.pdf"
    writer = QPdfWriter(str(source))
    painter = QPainter(writer)
    painter.drawText(100, 100, "satu")
    writer.newPage()
    painter.drawText(100, 100, "dua")
    painter.end()
    return source


def pdf_printer(out: Path) -> QPrinter:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


@pytest.mark.parametrize("synchronous", [True, False], ids=["inline", "worker-thread"])
def test_printing_paints_every_chosen_page(qtbot: QtBot, tmp_path: Path, synchronous: bool) -> None:
    from PySide6.QtPrintSupport import QPrinter

    source = two_page_pdf(tmp_path)
    document = printing.load_pdf(source)
    assert document is not None and document.pageCount() == 2
    out = tmp_path / "tercetak.pdf"
    printer = pdf_printer(out)
    assert printing.chosen_pages(printer, 2) == [0, 1]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert printing.chosen_pages(printer, 2) == [1]
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    runner = TaskRunner(synchronous=synchronous)
    try:
        assert printing.paint_pdf(None, printer, source, [0, 1, 0, 1], runner=runner)
    finally:
        assert runner.shutdown()
    printed = printing.load_pdf(out)
    assert printed is not None and printed.pageCount() == 4


def test_pages_are_rendered_in_the_worker_a_few_at_a_time(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GUI thread only paints; no more than PAGES_AHEAD images wait to be painted,
    even when the printer is slower than the renderer."""
    import threading
    import time

    source = two_page_pdf(tmp_path)
    render_page = printing._render_page
    paint_image = QPainter.drawImage
    counts = {"made": 0, "painted": 0}
    render_threads: list[threading.Thread] = []
    outstanding: list[int] = []

    def counting_render(*args: object) -> object:
        result = render_page(*args)
        render_threads.append(threading.current_thread())
        counts["made"] += 1
        return result

    def slow_paint(self: QPainter, *args: object) -> None:
        assert threading.current_thread() is threading.main_thread()
        outstanding.append(counts["made"] - counts["painted"])
        counts["painted"] += 1
        time.sleep(0.03)
        paint_image(self, *args)

    monkeypatch.setattr(printing, "MAX_PRINT_DPI", 72)  # small images: the test is quick
    monkeypatch.setattr(printing, "_render_page", counting_render)
    monkeypatch.setattr(QPainter, "drawImage", slow_paint)
    runner = TaskRunner()
    try:
        assert printing.paint_pdf(
            None, pdf_printer(tmp_path / "out.pdf"), source, [0, 1] * 5, runner=runner
        )
    finally:
        assert runner.shutdown()
    assert counts == {"made": 10, "painted": 10}
    assert all(t is not threading.main_thread() for t in render_threads)
    assert max(outstanding) <= printing.PAGES_AHEAD


def test_batal_stops_printing_and_waits_for_the_worker(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    source = two_page_pdf(tmp_path)
    painted: list[int] = []
    original_paint = QPainter.drawImage

    def paint_then_cancel(self: QPainter, *args: object) -> None:
        original_paint(self, *args)
        painted.append(1)
        if len(painted) == 2:  # Batal pressed while page 2 was printing
            progress = next(
                w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
            )
            progress.findChild(QPushButton).click()

    monkeypatch.setattr(printing, "MAX_PRINT_DPI", 72)
    monkeypatch.setattr(QPainter, "drawImage", paint_then_cancel)
    runner = TaskRunner()
    try:
        assert not printing.paint_pdf(
            None, pdf_printer(tmp_path / "out.pdf"), source, [0, 1] * 10, runner=runner
        )
        assert not runner.busy  # the worker had stopped before paint_pdf returned
    finally:
        assert runner.shutdown()
    assert 2 <= len(painted) < 20


def test_a_pdf_that_cannot_be_opened_says_so(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "rusak.pdf"
    broken.write_bytes(b"bukan pdf")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    runner = TaskRunner()
    try:
        assert not printing.paint_pdf(
            None, pdf_printer(tmp_path / "out.pdf"), broken, [0], runner=runner
        )
    finally:
        assert runner.shutdown()
    assert warned and "tidak bisa dibuka" in warned[0]


def test_print_makes_a_private_pdf_prints_it_and_removes_it(
    qtbot: QtBot,
    window: MainWindow,
    people: tuple[Helper, Post],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_household(window, people)
    window.form.print_slip_button.setFocus()  # as if tabbed to; the visit is picked for it
    window.form.visits.selectRow(0)
    printed: list[tuple[Path, bool, int]] = []

    def fake_print(parent: object, path: Path, **kwargs: object) -> bool:
        document = printing.load_pdf(path)
        printed.append((path, path.exists(), document.pageCount() if document else 0))
        return True

    monkeypatch.setattr(printing, "print_pdf", fake_print)
    monkeypatch.setattr(printing, "ask_printer", lambda *args: object())  # printer chosen
    asked: list[str] = []

    def choose_print() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        next(b for b in box.buttons() if "Cetak" in b.text()).click()

    QTimer.singleShot(0, choose_print)
    window.form.print_slip_button.click()
    assert "Baiq Rahmawati" in asked[0] and "Berhasil" in asked[0]
    [(path, existed, pages)] = printed
    assert existed and pages == 1  # the whole PDF was there when printing began
    assert not path.parent.exists()  # and the private copy is gone afterwards


def attached_png(window: MainWindow, people: tuple[Helper, Post], tmp_path: Path) -> Visit:
    _, visit = open_household(window, people)
    window.form.visits.selectRow(0)
    window.form.attach_proof_file(png_file(tmp_path))
    return visit


def test_a_broken_picture_says_so_instead_of_opening(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post], tmp_path: Path
) -> None:
    _, visit = open_household(window, people)
    window.form.visits.selectRow(0)
    broken = tmp_path / "rusak.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    window.form.attach_proof_file(broken)
    dialog = open_proofs(qtbot, window, visit)
    dialog.open_selected()
    assert dialog.viewer is None
    assert "tidak bisa ditampilkan" in dialog.message.text()


def test_reading_and_decoding_run_in_the_worker_with_a_busy_state(
    qtbot: QtBot,
    window: MainWindow,
    people: tuple[Helper, Post],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    visit = attached_png(window, people, tmp_path)
    storage = window.storage
    proof_content = storage.proof_content
    release = threading.Event()
    threads: list[threading.Thread] = []

    def slow_content(proof_id: str) -> object:
        threads.append(threading.current_thread())
        assert release.wait(5)
        return proof_content(proof_id)

    monkeypatch.setattr(storage, "proof_content", slow_content)
    runner = TaskRunner()
    try:
        dialog = ProofsDialog(storage, visit, window.form, runner=runner)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.open_selected()
        qtbot.waitUntil(lambda: bool(threads))
        assert threads[0] is not threading.main_thread()
        assert dialog.panel.busy and dialog.panel.bar.isVisible()
        assert "layar.png" in dialog.panel.status.text()
        assert not dialog.open_button.isEnabled() and not dialog.copy_button.isEnabled()
        release.set()
        qtbot.waitUntil(lambda: dialog.viewer is not None)
        assert isinstance(dialog.viewer, ImageViewer)
        assert not dialog.panel.busy and dialog.open_button.isEnabled()
        dialog.viewer.close()

        # Closed (or hidden by the lock screen) while reading: nothing is shown.
        release.clear()
        threads.clear()
        dialog.open_selected()
        qtbot.waitUntil(lambda: bool(threads))
        dialog.hide()
        release.set()
        qtbot.waitUntil(lambda: not dialog.panel.busy)
        assert dialog.viewer is None
    finally:
        release.set()
        assert runner.shutdown()


def test_a_copy_is_written_atomically_and_a_full_disk_is_explained(
    qtbot: QtBot,
    window: MainWindow,
    people: tuple[Helper, Post],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno
    import os

    visit = attached_png(window, people, tmp_path)
    dialog = open_proofs(qtbot, window, visit)
    target = tmp_path / "salinan.png"
    target.write_bytes(b"salinan lama")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "fsync", full)
        dialog.save_copy_to(target)
    assert "Disk penuh" in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    assert target.read_bytes() == b"salinan lama"  # the old file is untouched
    assert not (tmp_path / "salinan.png.partial").exists()

    dialog.save_copy_to(tmp_path / "tidak-ada" / "salinan.png")
    assert "Folder tujuan tidak ditemukan" in dialog.message.text()

    dialog.save_copy_to(target)
    assert target.read_bytes() == (tmp_path / "layar.png").read_bytes()
    assert "Salinan disimpan" in dialog.message.text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("salinan")) == [
        "salinan.png"
    ]


def test_file_names_in_messages_are_plain_text(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post], tmp_path: Path
) -> None:
    visit = attached_png(window, people, tmp_path)
    dialog = open_proofs(qtbot, window, visit)
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
    assert dialog.panel.status.textFormat() == Qt.TextFormat.PlainText
