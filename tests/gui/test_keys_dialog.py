"""The office's signing key and the other offices' keys it trusts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from factories import HELPER_PASSWORD, make_helper
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.trust.signing import (
    PublicKey,
    Signer,
    parse_public_key,
    public_key_file_bytes,
    public_key_qr_text,
)
from sp_desktop.ui.accounts.keys_dialog import KeysDialog, PasteKeyDialog, qr_image

OTHER_OFFICE = "Kantor Lurah Dasan Agung"


@pytest.fixture
def other_key(tmp_path: Path) -> tuple[PublicKey, Path]:
    key = Signer(
        Signer.new_private_key(), office=OTHER_OFFICE, kelurahan_code="52.71.02.1002"
    ).public_key
    path = tmp_path / "kunci-dasan-agung.spkunci"
    path.write_bytes(public_key_file_bytes(key))
    return key, path


def open_dialog(qtbot: QtBot, installation: Installation) -> KeysDialog:
    dialog = KeysDialog(installation)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def answer(button_text: str) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if button_text in b.text()).click()

    QTimer.singleShot(0, click)


def test_shows_the_fingerprint_and_a_crisp_qr(qtbot: QtBot, installation: Installation) -> None:
    dialog = open_dialog(qtbot, installation)
    own = installation.storage.own_public_key()
    assert dialog.fingerprint.text() == own.fingerprint
    assert dialog.fingerprints()[0] == own.fingerprint  # listed first, as this office
    assert dialog.model.data(dialog.model.index(0, 3)) == "kantor ini"
    pixmap = dialog.qr.pixmap()
    assert not pixmap.isNull() and pixmap.width() % 5 == 0
    image = pixmap.toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(0, 40)}
    assert colours <= {"#000000", "#ffffff"}  # whole modules, no blur


def test_saves_the_public_key_and_its_qr(
    qtbot: QtBot, installation: Installation, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation)
    own = installation.storage.own_public_key()
    key_file = tmp_path / "kunci.spkunci"
    assert dialog.save_key_to(key_file)
    assert parse_public_key(key_file.read_bytes()).key_id == own.key_id
    png = tmp_path / "qr.png"
    assert dialog.save_qr_to(png)
    saved = QImage(str(png))
    expected = qr_image(public_key_qr_text(own), 10)
    assert saved.size() == expected.size()
    assert "disimpan" in dialog.message.text()


def test_import_asks_about_the_fingerprint_first(
    qtbot: QtBot, installation: Installation, other_key: tuple[PublicKey, Path]
) -> None:
    key, path = other_key
    dialog = open_dialog(qtbot, installation)
    assert dialog.import_button.isVisible()
    answer("Belum")
    assert not dialog.import_file(path)
    assert key.fingerprint not in dialog.fingerprints()
    assert "Cocokkan dulu" in dialog.message.text()

    seen: list[str] = []

    def check_and_trust() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        next(b for b in box.buttons() if "sudah cocok" in b.text()).click()

    QTimer.singleShot(0, check_and_trust)
    assert dialog.import_file(path)
    assert key.fingerprint in seen[0] and OTHER_OFFICE in seen[0]
    assert "Sudah Anda cocokkan sidik kunci ini" in seen[0]
    assert dialog.fingerprints()[1] == key.fingerprint
    row = dialog.model.index(1, 1)
    assert dialog.model.data(row) == OTHER_OFFICE
    assert [k.key.key_id for k in installation.storage.trusted_keys()][1] == key.key_id


def test_remove_a_trusted_key(
    qtbot: QtBot,
    installation: Installation,
    other_key: tuple[PublicKey, Path],
) -> None:
    key, _ = other_key
    installation.storage.trust_key(key)
    dialog = open_dialog(qtbot, installation)
    dialog.table.selectRow(0)
    assert not dialog.remove_button.isEnabled()  # this office's own key stays
    dialog.table.selectRow(1)
    assert dialog.remove_button.isEnabled()
    answer("Tidak")
    dialog.remove_selected()
    assert len(dialog.fingerprints()) == 2
    answer("Ya")
    dialog.remove_selected()
    assert dialog.fingerprints() == [installation.storage.own_public_key().fingerprint]


def test_own_key_and_garbage_are_not_imported(
    qtbot: QtBot, installation: Installation, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, installation)
    assert not dialog.import_key(public_key_file_bytes(installation.storage.own_public_key()))
    assert "kantor ini sendiri" in dialog.message.text()
    garbage = tmp_path / "rusak.spkunci"
    garbage.write_text("bukan kunci", encoding="utf-8")
    assert not dialog.import_file(garbage)
    assert "bukan kunci publik SP Desktop" in dialog.message.text()


def test_a_helper_sees_the_keys_but_cannot_change_them(
    qtbot: QtBot, installation: Installation
) -> None:
    helper = make_helper(serial=21, name="Ni Made Ayu")
    installation.save_account(helper, Role.HELPER, password=HELPER_PASSWORD)
    installation.lock_screen()
    installation.unlock(helper.nip, HELPER_PASSWORD)
    dialog = open_dialog(qtbot, installation)
    assert dialog.fingerprint.text() == installation.storage.own_public_key().fingerprint
    assert not dialog.import_button.isVisible()
    assert not dialog.paste_button.isVisible()
    assert not dialog.remove_button.isVisible()


def when_modal(kind: type[QWidget], action: Callable[[Any], None], tries: int = 200) -> None:
    """Run `action` on the modal window of `kind` once it is open (it opens later, from
    inside the code under test)."""

    def attempt(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            action(widget)
        elif left:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def test_a_key_can_be_pasted_as_its_qr_text(
    qtbot: QtBot, installation: Installation, other_key: tuple[PublicKey, Path]
) -> None:
    key, _ = other_key
    text = public_key_qr_text(key)
    assert text.startswith("SPKUNCI1:")
    dialog = open_dialog(qtbot, installation)
    assert dialog.paste_button.isVisible()
    seen: list[str] = []

    def trust(box: QMessageBox) -> None:
        seen.append(box.text())
        next(b for b in box.buttons() if "sudah cocok" in b.text()).click()

    def paste(asking: PasteKeyDialog) -> None:
        asking.input.setText(f"  {text}\n")
        when_modal(QMessageBox, trust)
        qtbot.keyClick(asking.input, Qt.Key.Key_Return)  # as a scanner ends its text

    when_modal(PasteKeyDialog, paste)
    assert dialog.paste_key()
    assert key.fingerprint in seen[0] and OTHER_OFFICE in seen[0]
    assert "Sudah Anda cocokkan sidik kunci ini" in seen[0]
    assert dialog.fingerprints()[1] == key.fingerprint
    assert "sekarang dipercaya" in dialog.message.text()


def test_a_pasted_key_is_not_trusted_without_the_fingerprint_check(
    qtbot: QtBot, installation: Installation, other_key: tuple[PublicKey, Path]
) -> None:
    key, _ = other_key
    QGuiApplication.clipboard().setText(public_key_qr_text(key))
    dialog = open_dialog(qtbot, installation)

    def not_yet(box: QMessageBox) -> None:
        next(b for b in box.buttons() if "Belum" in b.text()).click()

    def paste(asking: PasteKeyDialog) -> None:
        assert asking.text() == public_key_qr_text(key)  # offered from the clipboard
        when_modal(QMessageBox, not_yet)
        asking.accept_button.click()

    when_modal(PasteKeyDialog, paste)
    assert not dialog.paste_key()
    assert key.fingerprint not in dialog.fingerprints()
    assert "Cocokkan dulu" in dialog.message.text()


def test_a_mistyped_key_text_is_caught_in_the_paste_window(
    qtbot: QtBot, installation: Installation, other_key: tuple[PublicKey, Path]
) -> None:
    key, _ = other_key
    QGuiApplication.clipboard().clear()
    dialog = open_dialog(qtbot, installation)
    text = public_key_qr_text(key)
    broken = text[:12] + ("A" if text[12] != "A" else "B") + text[14:]
    stayed: list[str] = []

    def paste(asking: PasteKeyDialog) -> None:
        assert asking.text() == "" and not asking.accept_button.isEnabled()
        asking.input.setText(broken)
        asking.accept_button.click()
        stayed.append(asking.message.text() if asking.isVisible() else "")
        asking.reject()

    when_modal(PasteKeyDialog, paste)
    assert not dialog.paste_key()
    assert "bukan kunci publik SP Desktop" in stayed[0]
    assert dialog.fingerprints() == [installation.storage.own_public_key().fingerprint]


def test_an_office_name_with_markup_stays_text(
    qtbot: QtBot, installation: Installation, tmp_path: Path
) -> None:
    key = Signer(Signer.new_private_key(), office="<b>Kantor</b> Palsu").public_key
    dialog = open_dialog(qtbot, installation)
    answer("sudah cocok")
    assert dialog.import_key(public_key_qr_text(key))
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Kantor</b> Palsu" in dialog.message.text()
