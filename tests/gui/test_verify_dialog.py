"""Checking documents in the window: a slip's QR text, its short code, a PDF, a package."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_household, make_visit
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sp_desktop.core.documents import issuing
from sp_desktop.core.documents.verification import Verdict
from sp_desktop.core.domain.model import Helper, Outcome, Post
from sp_desktop.core.domain.reports import ReportFilter
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage
from sp_desktop.core.trust import signing
from sp_desktop.ui.documents.verify_dialog import VerifyDialog
from sp_desktop.ui.worker import TaskRunner


@pytest.fixture
def slip(storage: Storage, people: tuple[Helper, Post], tmp_path: Path) -> tuple[Path, str]:
    """A real slip PDF for one visit, and that slip's QR text."""
    helper, post = people
    household = make_household(5, name="Lalu Sahnan Mahrup")
    visit = make_visit(household, helper, post, Outcome.BERHASIL)
    storage.save_household(household, visit)
    issued = issuing.write_slips(storage, [visit.id], tmp_path / "bukti.pdf")
    qr_text = issuing.slip_for(
        storage.visit_line(visit.id), storage.signer(), storage.get_setting("office_name")
    ).qr_text
    assert storage.slip_by_code(signing.short_code(qr_text)) == (visit.id, qr_text)
    return issued.path, qr_text


@pytest.fixture
def dialog(qtbot: QtBot, installation: Installation) -> VerifyDialog:
    dialog = VerifyDialog(installation, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def scan(qtbot: QtBot, dialog: VerifyDialog, text: str) -> None:
    """What a USB scanner does: type the text, then Enter."""
    dialog.input.clear()
    dialog.input.setFocus()
    dialog.input.insert(text)
    qtbot.keyClick(dialog.input, Qt.Key.Key_Return)


def test_a_real_slip_is_sah_and_one_changed_character_is_not(
    qtbot: QtBot, dialog: VerifyDialog, slip: tuple[Path, str]
) -> None:
    _, qr_text = slip
    scan(qtbot, dialog, qr_text)
    assert dialog.verdict_box.isVisible()
    assert dialog.headline.text() == "✔ SAH"
    assert dialog.verdict is not None and dialog.verdict.valid
    assert "Kantor Lurah Ampenan Selatan" in dialog.details.text()
    assert dialog.input.selectedText() == qr_text  # the next scan replaces it

    # One character of the signed part changed, as a forger (or a smudge) would.
    at = qr_text.rindex(":") + 5
    changed = qr_text[:at] + ("A" if qr_text[at] != "A" else "B") + qr_text[at + 1 :]
    scan(qtbot, dialog, changed)
    assert dialog.headline.text() == "✖ TIDAK SAH"
    assert not dialog.verdict.valid
    assert "#a50e0e" in dialog.verdict_box.styleSheet()


def test_the_short_code_is_found_here(
    qtbot: QtBot, dialog: VerifyDialog, slip: tuple[Path, str]
) -> None:
    code = signing.short_code(slip[1])
    scan(qtbot, dialog, code.lower())
    assert dialog.headline.text() == "✔ SAH"
    scan(qtbot, dialog, "ABCD-EFGH-JKLM")
    assert dialog.headline.text() == "✖ TIDAK DITEMUKAN"


def test_the_slip_pdf_and_a_tampered_copy(
    qtbot: QtBot, dialog: VerifyDialog, slip: tuple[Path, str], tmp_path: Path
) -> None:
    pdf, _ = slip
    dialog.check_path(pdf)
    assert dialog.headline.text() == "✔ SAH"
    assert "bukti.pdf" in dialog.title.text()
    tampered = tmp_path / "diubah.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    dialog.check_path(tampered)
    assert dialog.headline.text() == "✖ TIDAK SAH"
    assert dialog.details.text()  # says why


def test_a_handover_folder_then_a_changed_file_in_it(
    qtbot: QtBot, dialog: VerifyDialog, slip: tuple[Path, str], storage: Storage, tmp_path: Path
) -> None:
    package = tmp_path / "paket"
    issuing.write_handover(storage, ReportFilter(), package)
    dialog.check_path(package)
    assert dialog.headline.text() == "✔ SAH"
    assert "1 rumah tangga" in dialog.details.text()
    csv_file = package / issuing.CSV_NAME
    csv_file.write_text(csv_file.read_text(encoding="utf-8-sig") + "x\n", encoding="utf-8")
    dialog.check_path(package)
    assert dialog.headline.text() == "✖ TIDAK SAH"
    assert issuing.CSV_NAME in dialog.details.text()


def test_nonsense_says_what_can_be_checked(qtbot: QtBot, dialog: VerifyDialog) -> None:
    scan(qtbot, dialog, "halo")
    assert dialog.headline.text() == "✖ TIDAK DIKENALI"
    assert "SP1:" in dialog.details.text()
    scan(qtbot, dialog, "   ")
    assert dialog.headline.text() == "✖ TIDAK DIKENALI"  # blank: nothing new is checked


def test_names_in_the_verdict_are_shown_as_text_never_as_markup(
    qtbot: QtBot, dialog: VerifyDialog, slip: tuple[Path, str], tmp_path: Path
) -> None:
    """A file named to look like a green SAH must not style the result it is quoted in."""
    pdf, _ = slip
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    # '/' cannot be in a file name; a zip member or a scanned text can carry any markup.
    disguised = tmp_path / "<font color=green><b>SAH<b><font>.pdf"
    disguised.write_bytes(bytes(data))
    dialog.check_path(disguised)
    assert dialog.headline.text() == "✖ TIDAK SAH"
    assert disguised.name in dialog.title.text()
    labels = (dialog.headline, dialog.title, dialog.details, dialog.panel.message)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)

    forged = Verdict(
        valid=False,
        kind="paket",
        title="TIDAK SAH: <font color=green>SAH</font>.pdf",
        details=["Isi paket: <font color=green>SAH</font>.pdf"],
        problems=["<b>SAH</b>.pdf diubah", "baris <br> kedua"],
    )
    dialog.show_verdict(forged)
    assert dialog.headline.text() == "✖ TIDAK SAH"
    assert dialog.title.text() == "<font color=green>SAH</font>.pdf"
    assert dialog.details.text() == (
        "Isi paket: <font color=green>SAH</font>.pdf\n• <b>SAH</b>.pdf diubah\n• baris <br> kedua"
    )
    assert "#a50e0e" in dialog.verdict_box.styleSheet()  # still the red of TIDAK SAH
