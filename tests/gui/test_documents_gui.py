"""Slips, recap, export and handover from the Dokumen menu, written to real files."""

from __future__ import annotations

import csv
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from factories import (
    HELPER_PASSWORD,
    make_helper,
    make_household,
    make_post,
    make_visit,
)
from gui_support import shown_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sp_desktop.core.base.progress import Progress
from sp_desktop.core.documents.protection import decrypted_xlsx
from sp_desktop.core.documents.verification import verify
from sp_desktop.core.domain.model import FailureReason, Helper, Outcome, Post
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.documents.documents_dialog import DocumentsDialog, Kind
from sp_desktop.ui.shell.main_window import MainWindow
from sp_desktop.ui.worker import TaskRunner

OFFICE = "Kantor Lurah Ampenan Selatan"
HELPER = make_helper(serial=21, name="Ni Made Ayu")
NO_SIGNAL = FailureReason.TIDAK_ADA_KONEKSI


@pytest.fixture
def visits(installation: Installation, people: tuple[Helper, Post]) -> dict[str, int]:
    """Three households: two visited on 10 March (one twice), one on 12 March at another post."""
    storage = installation.storage
    helper, post = people
    other_post = storage.save_post(make_post("Posko Masjid Al-Falah"))
    names = ("Baiq Nurul Hakim", "Lalu Sahnan Mahrup", "Ni Luh Ayu")
    first, second, third = (make_household(n, name=names[n - 1]) for n in (1, 2, 3))
    storage.save_household(first, make_visit(first, helper, post, Outcome.BELUM))
    storage.add_visit(
        make_visit(first, helper, post, Outcome.BERHASIL, when=datetime(2020, 3, 10, 14, 0))
    )
    storage.save_household(
        second, make_visit(second, helper, post, Outcome.GAGAL, failure_reason=NO_SIGNAL)
    )
    storage.save_household(
        third,
        make_visit(third, helper, other_post, Outcome.BERHASIL, when=datetime(2020, 3, 12, 9, 0)),
    )
    return {"households": 3, "visits": 4}


def open_dialog(qtbot: QtBot, installation: Installation, kind: Kind) -> DocumentsDialog:
    dialog = DocumentsDialog(installation, TaskRunner(synchronous=True), kind=kind)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_recap_is_saved_as_a_pdf_with_the_office_name(
    qtbot: QtBot, installation: Installation, visits: dict[str, int], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation, "recap")
    assert dialog.windowTitle() == "Rekapitulasi"
    assert not dialog.warning.isVisible()  # the recap carries no full numbers
    target = tmp_path / "rekap.pdf"
    dialog.save_to(target)
    assert target.exists()
    assert OFFICE in " ".join(pdf_text(target).split())
    assert dialog.result_label.isVisible()
    assert "Rekapitulasi 3 rumah tangga" in dialog.result_label.text()
    assert str(target) in dialog.result_label.text()
    assert not dialog.panel.bar.isVisible()  # finished


def test_export_writes_an_xlsx_that_opens(
    qtbot: QtBot, installation: Installation, visits: dict[str, int], tmp_path: Path
) -> None:
    import openpyxl

    dialog = open_dialog(qtbot, installation, "export")
    assert dialog.warning.isVisible()
    assert "NIK dan No KK lengkap" in dialog.warning.text()
    assert dialog.chosen() == "xlsx"
    assert dialog.suggested_name().endswith(".xlsx")
    target = tmp_path / "data.xlsx"
    dialog.save_to(target)
    assert dialog.password_dialog is not None  # protected by default: opens with its password
    with decrypted_xlsx(target, dialog.password_dialog.password) as plain:
        workbook = openpyxl.load_workbook(plain, read_only=True)
        try:
            assert len(workbook.sheetnames) >= 2
        finally:
            workbook.close()
    assert "3 rumah tangga diekspor" in dialog.result_label.text()


def test_export_visits_csv_follows_the_post_filter(
    qtbot: QtBot, installation: Installation, visits: dict[str, int], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation, "export")
    dialog.set_choice("kunjungan")
    dialog.post.setCurrentIndex(dialog.post.findData("Posko Masjid Al-Falah"))
    target = tmp_path / "kunjungan.csv"
    dialog.save_to(target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 2  # the header and the one visit at that post
    assert "1 baris kunjungan" in dialog.result_label.text()


def test_handover_folder_verifies_and_shows_the_command(
    qtbot: QtBot, installation: Installation, visits: dict[str, int], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation, "handover")
    assert dialog.warning.isVisible()
    assert dialog.chosen() == "zip"  # the protected form is the default
    dialog.set_choice("folder")
    target = tmp_path / "flashdisk" / "Paket-Serah-Terima"
    target.parent.mkdir()
    dialog.save_to(target)
    assert target.is_dir()
    verdict = verify(str(target), installation.storage.key_ring())
    assert verdict.valid, verdict.text()
    assert "3 rumah tangga, 4 kunjungan" in dialog.result_label.text()
    assert dialog.command_box.isVisible()
    assert dialog.command.text() == f'sp-desktop verify "{target}"'


def test_handover_zip_and_a_taken_name_is_explained(
    qtbot: QtBot, installation: Installation, visits: dict[str, int], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation, "handover")
    dialog.set_choice("zip")
    assert dialog.suggested_name().endswith(".zip")
    target = tmp_path / "paket.zip"
    dialog.save_to(target)
    assert dialog.password_dialog is not None
    password = dialog.password_dialog.password
    keys = installation.storage.key_ring()
    assert verify(str(target), keys, password=password).valid
    dialog.save_to(target)  # again, same name: refused, nothing overwritten
    assert "sudah ada" in dialog.message.text()
    assert not dialog.result_label.isVisible()
    assert verify(str(target), keys, password=password).valid


def test_slips_for_a_day_and_the_date_checks(
    qtbot: QtBot, installation: Installation, visits: dict[str, int], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation, "slips")
    assert not dialog.warning.isVisible()  # slips show masked numbers only
    dialog.all_from.setChecked(False)
    dialog.all_to.setChecked(False)
    dialog.date_from.setDate(date(2020, 3, 12))
    dialog.date_to.setDate(date(2020, 3, 10))
    dialog.save_to(tmp_path / "terbalik.pdf")
    assert "sesudah tanggal 'sampai'" in dialog.message.text()
    assert not (tmp_path / "terbalik.pdf").exists()

    dialog.date_from.setDate(date(2020, 3, 10))
    dialog._count()
    assert dialog.scope_count.text() == "3 kunjungan cocok."
    dialog.set_choice("a5")
    target = tmp_path / "bukti.pdf"
    dialog.save_to(target)
    assert target.exists(), dialog.message.text()
    assert "3 bukti pendampingan" in dialog.result_label.text()

    dialog.date_from.setDate(date(2021, 1, 1))
    dialog.date_to.setDate(date(2021, 1, 31))
    dialog.save_to(tmp_path / "kosong.pdf")
    assert "Tidak ada kunjungan" in dialog.message.text()
    assert not (tmp_path / "kosong.pdf").exists()


def test_filters_offer_what_is_in_the_data(
    qtbot: QtBot, installation: Installation, visits: dict[str, int]
) -> None:
    dialog = open_dialog(qtbot, installation, "recap")
    assert [dialog.post.itemText(i) for i in range(dialog.post.count())] == [
        "Semua",
        "Posko Kelurahan Ampenan Selatan",
        "Posko Masjid Al-Falah",
    ]
    assert dialog.kelurahan.itemText(1) == "Kelurahan Ampenan Selatan"
    helper = dialog.helper.itemText(1)
    assert helper.startswith("Lalu Ahmad Hidayat (") and make_helper().nip not in helper
    dialog.helper.setCurrentIndex(1)
    dialog.kelurahan.setCurrentIndex(1)
    report = dialog.report_filter()
    assert report.helper_nip == make_helper().nip
    assert report.kelurahan_code == dialog.kelurahan.itemData(1)
    assert report.date_from is None and report.date_to is None


@pytest.fixture
def window(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> Iterator[MainWindow]:
    installation.save_account(HELPER, Role.HELPER, password=HELPER_PASSWORD)
    with shown_window(qtbot, installation) as win:
        yield win


def menu_texts(win: MainWindow) -> list[str]:
    return [a.text() for a in win.documents_menu.actions() if a.isVisible() and a.text()]


def test_documents_menu_hides_recap_and_export_from_a_helper(
    qtbot: QtBot, window: MainWindow
) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("Dokum&en") == titles.index("&Data") + 1
    assert titles.index("A&kun") == titles.index("Dokum&en") + 1
    assert menu_texts(window) == [
        "&Cetak bukti kunjungan…",
        "Bukti untuk &banyak kunjungan…",
        "&Rekapitulasi…",
        "&Ekspor Excel / CSV…",
        "Paket &serah terima…",
        "&Periksa keaslian dokumen…",
        "&Kunci tanda tangan kantor…",
    ]
    window.lock()
    window.unlock(HELPER.nip, HELPER_PASSWORD)
    assert menu_texts(window) == [
        "&Cetak bukti kunjungan…",
        "Bukti untuk &banyak kunjungan…",
        "&Periksa keaslian dokumen…",
        "&Kunci tanda tangan kantor…",
    ]


def test_batal_and_escape_stop_the_work_and_the_dialog_stays_usable(
    qtbot: QtBot,
    installation: Installation,
    visits: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runner = TaskRunner()  # a real worker thread: the dialog must stay responsive
    dialog = DocumentsDialog(installation, runner, kind="recap")
    qtbot.addWidget(dialog)
    dialog.show()
    started = threading.Event()

    def slow_make(path: Path, progress: Progress) -> None:
        started.set()
        for step in range(1000):
            progress.report(step, 1000, "Menghitung rekap…")
            threading.Event().wait(0.01)

    monkeypatch.setattr(dialog, "make", slow_make)
    target = tmp_path / "rekap.pdf"
    try:
        dialog.save_to(target)
        qtbot.waitUntil(started.is_set)
        qtbot.waitUntil(lambda: dialog.panel.status.text() == "Menghitung rekap…")
        assert dialog.panel.busy and dialog.panel.cancel_button.isVisible()
        assert not dialog.filters.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # stops the work, not the dialog
        qtbot.waitUntil(lambda: not dialog.panel.busy, timeout=5000)
        assert dialog.isVisible()
        assert "Dibatalkan" in dialog.message.text()
        assert dialog.filters.isEnabled()
        assert not target.exists()

        started.clear()
        dialog.save_to(target)
        qtbot.waitUntil(started.is_set)
        dialog.close()  # the window's X: stops, then closes
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        assert not dialog.panel.busy
    finally:
        assert runner.shutdown()


def test_print_sends_a_private_copy_to_the_printer_and_removes_it(
    qtbot: QtBot,
    installation: Installation,
    visits: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sp_desktop.ui.documents import printing

    printed: list[tuple[Path, bool]] = []

    def fake_print(parent: object, path: Path, **kwargs: object) -> bool:
        printed.append((path, path.exists() and path.read_bytes().startswith(b"%PDF-")))
        return True

    monkeypatch.setattr(printing, "print_pdf", fake_print)
    monkeypatch.setattr(printing, "ask_printer", lambda *args: object())  # printer chosen
    dialog = open_dialog(qtbot, installation, "recap")
    dialog.print_button.click()
    [(path, was_pdf)] = printed
    assert was_pdf and path.name.startswith("Rekapitulasi-")
    assert not path.parent.exists()
    assert "dikirim ke pencetak" in dialog.message.text()
