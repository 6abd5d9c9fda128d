"""Accounts: an admin adds a helper by keyboard; a coordinator may only give the helper role;
anyone changes their own password after typing the old one."""

from __future__ import annotations

import pytest
from factories import ADMIN_PASSWORD, HELPER_PASSWORD, make_helper
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.security.keyring import WrongPasswordError
from sp_desktop.ui.accounts.accounts_dialog import AccountsDialog, ChangePasswordDialog

COORDINATOR_PASSWORD = "koordinator-ampenan-2020"


def table_rows(dialog: AccountsDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.data(model.index(row, col)) for col in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def role_choices(dialog: AccountsDialog) -> list[str]:
    return [dialog.role.itemText(i) for i in range(dialog.role.count())]


def open_dialog(qtbot: QtBot, installation: Installation) -> AccountsDialog:
    dialog = AccountsDialog(installation)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def test_admin_creates_helper_account_by_keyboard(qtbot: QtBot, installation: Installation) -> None:
    admin = make_helper()
    dialog = open_dialog(qtbot, installation)
    assert dialog.windowTitle() == "Akun pengguna"
    assert table_rows(dialog) == [[admin.name, admin.nip, "Admin", "aktif"]]
    assert role_choices(dialog) == ["Petugas pendamping", "Admin OPD", "Koordinator", "Admin"]
    assert dialog.focusWidget() is dialog.nip  # ready to type a new account

    helper = make_helper(8, "Baiq Nurul Hakim")
    # Type into whatever has focus, Tab to the next field, as a user would.
    for expected, text in (
        (dialog.nip, helper.nip),
        (dialog.name, helper.name),
        (dialog.opd, "Dinas Sosial"),
        (dialog.role, ""),  # keep "Petugas pendamping"
        (dialog.password, HELPER_PASSWORD),
        (dialog.repeat, HELPER_PASSWORD),
    ):
        assert dialog.focusWidget() is expected
        qtbot.keyClicks(expected, text)
        if expected is not dialog.repeat:
            qtbot.keyClick(expected, Qt.Key.Key_Tab)
    assert dialog.role.currentText() == "Petugas pendamping"
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)

    assert dialog.message.text() == (
        "Akun Baiq Nurul Hakim disimpan. Ia bisa masuk dengan NIP dan kata sandinya."
    )
    assert not dialog.message.isHidden()
    assert table_rows(dialog) == [  # by name
        ["Baiq Nurul Hakim", helper.nip, "Petugas pendamping", "aktif"],
        [admin.name, admin.nip, "Admin", "aktif"],
    ]
    # The saved row is selected and shown, NIP locked, passwords not kept.
    assert dialog.table.currentIndex().row() == 0
    assert dialog.name.text() == "Baiq Nurul Hakim" and dialog.opd.text() == "Dinas Sosial"
    assert dialog.nip.isReadOnly()
    assert dialog.password.text() == dialog.repeat.text() == ""

    account = installation.storage.account_by_nip(helper.nip)
    assert account is not None and account.role == Role.HELPER
    assert installation.keyring.unlock(helper.nip, HELPER_PASSWORD).account_id == account.id


def test_labels_take_alt_letters(qtbot: QtBot, installation: Installation) -> None:
    dialog = open_dialog(qtbot, installation)
    with qtbot.waitActive(dialog):  # shortcuts reach the active window only
        dialog.activateWindow()
    for key, widget in (
        (Qt.Key.Key_M, dialog.name),
        (Qt.Key.Key_O, dialog.opd),
        (Qt.Key.Key_K, dialog.password),
        (Qt.Key.Key_N, dialog.nip),
    ):
        qtbot.keyClick(dialog.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        assert dialog.focusWidget() is widget


def test_mismatched_passwords_save_nothing(qtbot: QtBot, installation: Installation) -> None:
    dialog = open_dialog(qtbot, installation)
    helper = make_helper(8, "Baiq Nurul Hakim")
    qtbot.keyClicks(dialog.nip, helper.nip)
    qtbot.keyClicks(dialog.name, helper.name)
    qtbot.keyClicks(dialog.password, HELPER_PASSWORD)
    qtbot.keyClicks(dialog.repeat, HELPER_PASSWORD + "x")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)

    assert dialog.fields["repeat"].has_error
    assert "tidak sama" in dialog.fields["repeat"].message.text()
    assert dialog.message.text().startswith("Belum tersimpan")
    assert installation.storage.account_by_nip(helper.nip) is None
    assert len(table_rows(dialog)) == 1
    assert dialog.name.text() == helper.name  # kept as typed; passwords typed again
    assert dialog.password.text() == dialog.repeat.text() == ""


def test_new_account_shows_every_problem_at_once(qtbot: QtBot, installation: Installation) -> None:
    dialog = open_dialog(qtbot, installation)
    qtbot.keyClicks(dialog.nip, "1985")
    qtbot.keyClick(dialog.nip, Qt.Key.Key_Return)
    assert dialog.fields["nip"].has_error
    assert dialog.fields["name"].has_error
    assert "kata sandi" in dialog.fields["password"].message.text().lower()
    assert len(table_rows(dialog)) == 1


def test_nip_of_existing_account_is_not_overwritten(
    qtbot: QtBot, installation: Installation
) -> None:
    admin = make_helper()
    dialog = open_dialog(qtbot, installation)
    qtbot.keyClicks(dialog.nip, admin.nip)
    qtbot.keyClicks(dialog.name, "Orang Lain")
    qtbot.keyClicks(dialog.password, HELPER_PASSWORD)
    qtbot.keyClicks(dialog.repeat, HELPER_PASSWORD)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert "sudah punya akun" in dialog.fields["nip"].message.text()
    assert table_rows(dialog) == [[admin.name, admin.nip, "Admin", "aktif"]]


def test_editing_an_account_keeps_or_resets_its_password(
    qtbot: QtBot, installation: Installation
) -> None:
    helper = make_helper(8, "Baiq Nurul Hakim")
    account = installation.save_account(helper, Role.HELPER, password=HELPER_PASSWORD)
    dialog = open_dialog(qtbot, installation)
    dialog.select_account(account.id)
    assert dialog.nip.text() == helper.nip and dialog.nip.isReadOnly()
    assert dialog.password.text() == ""  # never prefilled

    # Promote, keep the password.
    dialog.role.setCurrentIndex(dialog.role.findText("Koordinator"))
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.message.text() == "Akun Baiq Nurul Hakim disimpan."
    assert table_rows(dialog)[0][2] == "Koordinator"
    assert installation.keyring.unlock(helper.nip, HELPER_PASSWORD).account_id == account.id

    # Reset the password.
    new_password = "baru-ampenan-2021"
    qtbot.keyClicks(dialog.password, new_password)
    qtbot.keyClicks(dialog.repeat, new_password)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.message.text() == "Akun Baiq Nurul Hakim disimpan. Kata sandinya sudah diganti."
    assert installation.keyring.unlock(helper.nip, new_password).account_id == account.id

    # Deactivate: the list says so.
    dialog.active.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert table_rows(dialog)[0][3] == "nonaktif"
    assert dialog.message.text() == (
        "Akun Baiq Nurul Hakim disimpan. Akun ini nonaktif: tidak bisa masuk."
    )
    with pytest.raises(WrongPasswordError):
        installation.keyring.unlock(helper.nip, new_password)

    # Active again: it needs a new password before it can sign in.
    dialog.active.setChecked(True)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert "kata sandi baru" in dialog.fields["password"].message.text()
    assert table_rows(dialog)[0][3] == "nonaktif"


def test_enter_on_the_list_opens_the_row_without_saving(
    qtbot: QtBot, installation: Installation
) -> None:
    dialog = open_dialog(qtbot, installation)
    entries = len(installation.storage.audit_entries())
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.name.text() == make_helper().name
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.name
    assert dialog.message.isHidden()
    assert len(installation.storage.audit_entries()) == entries


def test_own_account_role_and_status_are_locked(qtbot: QtBot, installation: Installation) -> None:
    dialog = open_dialog(qtbot, installation)
    dialog.select_account(installation.account.id)
    assert not dialog.role.isEnabled() and not dialog.active.isEnabled()
    assert dialog.name.isEnabled() and dialog.save_button.isEnabled()
    assert not dialog.role_note.isHidden()


def test_coordinator_may_only_give_the_helper_role(
    qtbot: QtBot, installation: Installation
) -> None:
    coordinator = make_helper(9, "Siti Aminah")
    installation.save_account(coordinator, Role.COORDINATOR, password=COORDINATOR_PASSWORD)
    installation.unlock(coordinator.nip, COORDINATOR_PASSWORD)
    assert installation.account.role == Role.COORDINATOR

    dialog = open_dialog(qtbot, installation)
    assert role_choices(dialog) == ["Petugas pendamping", "Admin OPD"]
    assert len(table_rows(dialog)) == 2

    # The admin's account is shown but cannot be changed from here.
    admin = installation.storage.account_by_nip(make_helper().nip)
    assert admin is not None
    dialog.select_account(admin.id)
    assert dialog.role.currentText() == "Admin"
    assert not dialog.save_button.isEnabled() and not dialog.name.isEnabled()
    assert "hanya bisa diubah oleh admin" in dialog.message.text()

    # Back to a new account: the helper and OPD admin roles only, and it saves.
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert role_choices(dialog) == ["Petugas pendamping", "Admin OPD"]
    helper = make_helper(10, "Made Wirawan")
    qtbot.keyClicks(dialog.nip, helper.nip)
    qtbot.keyClicks(dialog.name, helper.name)
    qtbot.keyClicks(dialog.password, HELPER_PASSWORD)
    qtbot.keyClicks(dialog.repeat, HELPER_PASSWORD)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.message.text().startswith("Akun Made Wirawan disimpan.")
    assert len(table_rows(dialog)) == 3


def test_change_password_needs_the_old_one(qtbot: QtBot, installation: Installation) -> None:
    admin = make_helper()
    dialog = ChangePasswordDialog(installation)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    new_password = "sandi-baru-ampenan-2021"

    qtbot.keyClicks(dialog.old, "salah-sama-sekali")
    qtbot.keyClicks(dialog.new, new_password)
    qtbot.keyClicks(dialog.repeat, new_password)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.fields["old"].message.text() == "Kata sandi lama salah."
    assert dialog.focusWidget() is dialog.old and dialog.old.text() == ""
    assert installation.keyring.unlock(admin.nip, ADMIN_PASSWORD).account_id

    qtbot.keyClicks(dialog.old, ADMIN_PASSWORD)
    qtbot.keyClick(dialog.old, Qt.Key.Key_Return)
    assert dialog.message.text().startswith("Kata sandi sudah diganti.")
    assert not dialog.fields["old"].has_error
    assert not dialog.change_button.isEnabled() and dialog.close_button.text() == "&Tutup"
    assert (
        installation.keyring.unlock(admin.nip, new_password).account_id == installation.account.id
    )
    with pytest.raises(WrongPasswordError):
        installation.keyring.unlock(admin.nip, ADMIN_PASSWORD)


def test_change_password_checks_the_new_one(qtbot: QtBot, installation: Installation) -> None:
    dialog = ChangePasswordDialog(installation)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old, ADMIN_PASSWORD)
    qtbot.keyClicks(dialog.new, "pendek")
    qtbot.keyClicks(dialog.repeat, "pendek")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert "paling sedikit" in dialog.fields["password"].message.text()
    qtbot.keyClicks(dialog.new, "cukup-panjang-1")
    qtbot.keyClicks(dialog.repeat, "cukup-panjang-2")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert "tidak sama" in dialog.fields["repeat"].message.text()
    assert installation.keyring.unlock(make_helper().nip, ADMIN_PASSWORD).account_id
