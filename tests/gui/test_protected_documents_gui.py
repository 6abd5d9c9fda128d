"""Password protection in the Dokumen dialogs (issue 16 §4): on by default, the generated
password shown once with a copy button, one's own password checked, and files written in
clear only when asked for, said so."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from factories import make_household, make_visit
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from sp_desktop.core.documents.protection import (
    PASSWORD_ALPHABET,
    decrypted_xlsx,
    is_encrypted_office_file,
    is_encrypted_zip,
)
from sp_desktop.core.documents.verification import verify
from sp_desktop.core.domain.model import Helper, Outcome, Post
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.documents.documents_dialog import DocumentsDialog, Kind
from sp_desktop.ui.worker import TaskRunner


@pytest.fixture
def households(installation: Installation, people: tuple[Helper, Post]) -> int:
    helper, post = people
    for number in (1, 2):
        household = make_household(number)
        installation.storage.save_household(
            household, make_visit(household, helper, post, Outcome.BERHASIL)
        )
    return 2


def open_dialog(qtbot: QtBot, installation: Installation, kind: Kind) -> DocumentsDialog:
    dialog = DocumentsDialog(installation, TaskRunner(synchronous=True), kind=kind)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_generated_password_is_the_default_and_shown_once(
    qtbot: QtBot, installation: Installation, households: int, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation, "export")
    assert dialog.protection_mode() == "generated" and dialog.protection.isEnabled()
    assert not dialog.password_edit.isEnabled()  # only for one's own password
    assert not dialog.password_row.isVisible()
    target = tmp_path / "data.xlsx"
    dialog.save_to(target)
    assert is_encrypted_office_file(target)
    shown = dialog.password_dialog
    assert shown is not None and shown.isVisible()
    password = shown.field.text()
    assert len(password) == 29 and set(password.replace("-", "")) <= set(PASSWORD_ALPHABET)
    assert any("telepon" in label.text() for label in shown.findChildren(QLabel))
    assert password not in dialog.result_label.text()
    assert "Dilindungi sandi" in dialog.result_label.text()
    with decrypted_xlsx(target, password) as plain:
        assert openpyxl.load_workbook(plain, read_only=True).sheetnames[0] == "Ringkasan"
    # Copy, then close: the clipboard does not keep it for the next user of the PC.
    shown.copy_button.click()
    assert QGuiApplication.clipboard().text() == password
    shown.accept()
    assert QGuiApplication.clipboard().text() != password
    assert shown.field.text() == ""
    # A second file gets a password of its own.
    dialog.save_to(tmp_path / "data-2.xlsx")
    assert dialog.password_dialog is not None
    assert dialog.password_dialog.password != password
    dialog.password_dialog.accept()


def test_ones_own_password_is_checked_before_anything_is_written(
    qtbot: QtBot, installation: Installation, households: int, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation, "handover")
    assert dialog.chosen() == "zip"
    target = tmp_path / "paket.zip"
    dialog.set_protection("own")
    assert dialog.password_row.isVisible() and dialog.password_edit.isEnabled()
    qtbot.keyClicks(dialog.password_edit, "pendek")
    dialog.save_to(target)
    assert "terlalu pendek" in dialog.message.text() and not target.exists()
    dialog.password_edit.setText("Serah-Terima-BPS-2020")
    dialog.password_repeat.setText("Serah-Terima-BPS-2021")
    dialog.save_to(target)
    assert "tidak sama" in dialog.message.text() and not target.exists()
    assert "Serah-Terima" not in dialog.message.text()
    dialog.password_repeat.setText("Serah-Terima-BPS-2020")
    dialog.save_to(target)
    assert is_encrypted_zip(target)
    assert dialog.password_dialog is None  # one's own password is not shown back
    keys = installation.storage.key_ring()
    assert verify(str(target), keys, password="Serah-Terima-BPS-2020").valid
    locked = verify(str(target), keys)
    assert not locked.valid and locked.reason == "bersandi"
    assert "--password-file" in dialog.command.text()


def test_no_password_only_when_chosen_and_then_said(
    qtbot: QtBot, installation: Installation, households: int, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation, "handover")
    dialog.set_protection("none")
    target = tmp_path / "terbuka.zip"
    dialog.save_to(target)  # tmp_path is no USB stick: no question asked
    with zipfile.ZipFile(target) as archive:
        assert not any(info.flag_bits & 0x1 for info in archive.infolist())
    assert dialog.password_dialog is None
    assert "TANPA sandi" in dialog.result_label.text()
    assert verify(str(target), installation.storage.key_ring()).valid


@pytest.mark.parametrize(("kind", "choice", "words"), [
    ("export", "rumah_tangga", "CSV tidak bisa diberi sandi"),
    ("export", "kunjungan", "CSV tidak bisa diberi sandi"),
    ("handover", "folder", "Folder tidak bisa diberi sandi"),
])  # fmt: skip
def test_forms_without_a_password_say_so(
    qtbot: QtBot, installation: Installation, kind: Kind, choice: str, words: str
) -> None:
    dialog = open_dialog(qtbot, installation, kind)
    assert dialog.protection_box.isVisible() and not dialog.protection_note.isVisible()
    dialog.set_choice(choice)
    assert not dialog.protection.isEnabled() and not dialog.password_edit.isEnabled()
    assert dialog.protection_note.isVisible() and words in dialog.protection_note.text()
    dialog.set_choice("xlsx" if kind == "export" else "zip")
    assert dialog.protection.isEnabled() and not dialog.protection_note.isVisible()


def test_slips_and_recap_have_no_password_choice(qtbot: QtBot, installation: Installation) -> None:
    for kind in ("slips", "recap"):
        dialog = open_dialog(qtbot, installation, kind)
        assert not hasattr(dialog, "protection_box")


def test_the_verify_dialog_says_to_extract_a_protected_zip_first(
    qtbot: QtBot, installation: Installation, households: int, tmp_path: Path
) -> None:
    from sp_desktop.core.documents import issuing
    from sp_desktop.core.domain.reports import ReportFilter
    from sp_desktop.ui.documents.verify_dialog import VerifyDialog

    package = tmp_path / "paket.zip"
    issuing.write_handover(
        installation.storage, ReportFilter(), package, password="Serah-Terima-BPS-2020"
    )
    dialog = VerifyDialog(installation, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.check_path(package)
    assert "BERSANDI" in dialog.headline.text()
    assert "Ekstrak" in dialog.details.text() and "7-Zip" in dialog.details.text()
