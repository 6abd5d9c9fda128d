"""Shared PC in the window: set-up, login, idle lock with the form intact, switching users."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import (
    ADMIN_PASSWORD,
    AMPENAN_SELATAN,
    HELPER_PASSWORD,
    make_helper,
    make_household,
    make_visit,
)
from gui_support import shown_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.accounts.session import (
    IdleWatcher,
    LoginDialog,
    RecoverySheetDialog,
    SetupDialog,
)
from sp_desktop.ui.shell.main_window import MainWindow
from sp_desktop.ui.worker import TaskRunner

HELPER = make_helper(serial=21, name="Ni Made Ayu")


@pytest.fixture
def window(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> Iterator[MainWindow]:
    installation.save_account(HELPER, Role.HELPER, password=HELPER_PASSWORD)
    with shown_window(qtbot, installation) as win:
        yield win


def unlock_by_keyboard(qtbot: QtBot, win: MainWindow, nip: str, password: str) -> None:
    panel = win.lock_screen.panel
    panel.nip.setFocus()
    panel.nip.selectAll()
    qtbot.keyClicks(panel.nip, nip)
    qtbot.keyClick(panel.nip, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.password, password)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)


def test_setup_makes_the_admin_and_insists_on_the_recovery_sheet(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    dialog = SetupDialog(data_dir, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.office.setText("Kantor Lurah Ampenan Selatan")
    dialog.kelurahan.set_code(AMPENAN_SELATAN)
    dialog.nip.setText(make_helper().nip)
    dialog.name.setText("Lalu Ahmad Hidayat")
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.repeat.setText("something else")
    dialog.create_button.click()
    assert "tidak sama" in dialog.fields["repeat"].message.text()  # nothing created yet
    assert not data_dir.exists() or not any(data_dir.iterdir())

    sheet = tmp_path / "lembar.pdf"
    seen: list[str] = []

    def answer_sheet() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, RecoverySheetDialog)
        box.reject()  # cannot leave before saving it
        seen.append("still open" if box.isVisible() else "closed")
        box.save_to(sheet)
        box.confirmed.setChecked(True)
        box.done_button.click()

    QTimer.singleShot(0, answer_sheet)
    dialog.repeat.setText(ADMIN_PASSWORD)
    dialog.create_button.click()
    assert seen == ["still open"]
    assert sheet.exists() and sheet.stat().st_size > 1000
    assert dialog.installation is not None
    dialog.installation.close()
    with Installation.open(data_dir, make_helper().nip, ADMIN_PASSWORD) as again:
        assert again.office == "Kantor Lurah Ampenan Selatan"


def test_login_refuses_a_wrong_password_then_waits_longer(
    qtbot: QtBot, installation: Installation
) -> None:
    data_dir = installation.data_dir
    installation.close()
    dialog = LoginDialog(data_dir)
    qtbot.addWidget(dialog)
    panel = dialog.panel
    for _ in range(3):
        panel.nip.setText(make_helper().nip)
        panel.password.setText("salah-sekali")
        panel.button.click()
    assert "salah" in panel.message.text() or "Tunggu" in panel.message.text()
    assert panel.password.text() == "" and panel.nip.text() == make_helper().nip
    assert not panel.button.isEnabled()  # a wait is running, shown on the button
    assert "(" in panel.button.text()
    assert dialog.installation is None


def test_idle_watcher_fires_after_the_quiet_time(qtbot: QtBot) -> None:
    watcher = IdleWatcher(0.001)  # 60 ms
    try:
        with qtbot.waitSignal(watcher.idle, timeout=2000):
            pass
    finally:
        watcher.stop()


def test_lock_keeps_the_form_and_another_helper_sees_only_masked_numbers(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post]
) -> None:
    helper, post = people
    storage = window.storage
    saved = make_household(1, name="Baiq Nurul Hakim")
    storage.save_household(saved, make_visit(saved, helper, post))
    window.apply_filters()
    # The admin starts a second household and walks away without saving.
    window.new_household()
    window.form.no_kk.setText(make_household(2).no_kk)
    window.form.head_name.setText("Lalu Sahnan")
    window.idle.set_minutes(0.001)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert storage.actor is None  # nothing readable while locked
    assert not window.menuBar().isEnabled()

    unlock_by_keyboard(qtbot, window, HELPER.nip, "salah-sandinya")
    assert window.locked and "salah" in window.lock_screen.panel.message.text()
    unlock_by_keyboard(qtbot, window, HELPER.nip, HELPER_PASSWORD)
    assert not window.locked and storage.actor is not None
    assert storage.actor.name == "Ni Made Ayu"
    # A fresh form for the helper; the admin's list row shows masked numbers only.
    assert window.form.head_name.text() == "" and window.form.no_kk.text() == ""
    kk_cell = window.model.data(window.model.index(0, 1))
    assert "*" in kk_cell and kk_cell != saved.no_kk
    window.table.setFocus()
    window.table.selectRow(0)
    assert window.form.head_name.text() == "Baiq Nurul Hakim"
    assert "*" in window.form.no_kk.text() and window.form.no_kk.isReadOnly()
    assert not window.form.helper.isEnabled()  # records visits as herself only

    window.lock()
    unlock_by_keyboard(qtbot, window, make_helper().nip, ADMIN_PASSWORD)
    # The admin's unsaved form is back exactly as it was left.
    assert window.form.no_kk.text() == make_household(2).no_kk
    assert window.form.head_name.text() == "Lalu Sahnan"
    assert window.form.has_unsaved_changes()
    actions = [e.action for e in storage.audit_entries(limit=20)]
    assert "masuk_gagal" in actions and actions.count("masuk") >= 2


def test_withdrawing_consent_in_the_form_erases_after_one_question(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post]
) -> None:
    helper, post = people
    saved = make_household(3, name="Baiq Nurul Hakim")
    window.storage.save_household(saved, make_visit(saved, helper, post))
    window.apply_filters()
    window.table.setFocus()
    window.table.selectRow(0)
    assert window.form.withdraw.isVisible() and window.form.withdraw.isEnabled()

    def choose(label: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(0, lambda: choose("Batal"))
    window.form.withdraw.click()
    assert window.storage.household(saved.id).head_name == "Baiq Nurul Hakim"
    QTimer.singleShot(0, lambda: choose("Hapus data pribadi"))
    window.form.withdraw.click()
    erased = window.storage.household(saved.id)
    assert erased.erased_at and erased.head_name == "" and erased.no_kk == ""
    assert "dihapus" in window.form.banner.text()
    assert window.model.data(window.model.index(0, 0)) == "(data pribadi dihapus)"


def test_enter_after_a_wrong_password_says_why_and_keeps_the_fields_whole(
    qtbot: QtBot, installation: Installation
) -> None:
    data_dir = installation.data_dir
    installation.close()
    dialog = LoginDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    panel = dialog.panel
    qtbot.keyClicks(panel.nip, make_helper().nip)
    qtbot.keyClick(panel.nip, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.password, "salah-sekali")
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    # The same Enter used to reach the dialog's default button after the field was cleared.
    assert "Isi NIP" not in panel.message.text()
    assert "salah" in panel.message.text().lower()
    assert dialog.installation is None
    # A message that wraps makes the dialog taller; the inputs keep their height.
    panel.failed(UserFacingError("Kata sandi salah. " * 10))
    qtbot.wait(20)
    for edit in (panel.nip, panel.password):
        assert edit.height() >= edit.sizeHint().height()
    assert panel.message.height() >= panel.message.heightForWidth(panel.message.width())
    # "Isi NIP dan kata sandi." goes once something is typed.
    panel.nip.clear()
    panel.button.click()
    assert "Isi NIP" in panel.message.text()
    qtbot.keyClicks(panel.nip, "1")
    assert panel.message.isHidden()


def test_recovery_sheet_shows_its_whole_warning_and_has_a_print_button(
    qtbot: QtBot, installation: Installation, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    sheet = RecoverySheetDialog(installation, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", parent)
    sheet.show()
    qtbot.waitExposed(sheet)
    qtbot.wait(20)
    assert sheet.text.height() >= sheet.text.heightForWidth(sheet.text.width())
    assert not sheet.print_button.isEnabled()  # nothing saved yet to print
    assert sheet.print_sheet() is False
    sheet.save_to(tmp_path / "lembar.pdf")
    assert sheet.print_button.isEnabled() and sheet.print_button.isVisible()
    assert "Cetak" in sheet.print_button.text()
    assert "Cetak" in sheet.message.text()
    assert sheet.message.height() >= sheet.message.heightForWidth(sheet.message.width())
    sheet.confirmed.setChecked(True)
    sheet.done_button.click()


def test_setup_messages_go_once_the_field_is_changed(qtbot: QtBot, data_dir: Path) -> None:
    dialog = SetupDialog(data_dir, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.create_button.click()  # everything empty
    office = dialog.fields["office"]
    name = dialog.fields["name"]
    assert office.has_error and name.has_error
    qtbot.keyClicks(dialog.office, "Kantor Lurah Ampenan Selatan")
    assert not office.has_error and office.message.isHidden()
    assert name.has_error  # not fixed yet
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.repeat.setText("lain")
    dialog.create_button.click()
    assert dialog.fields["repeat"].has_error
    qtbot.keyClicks(dialog.password, "x")  # either side fixes "not the same"
    assert not dialog.fields["repeat"].has_error


def test_setup_runs_in_the_worker_and_says_so(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    dialog = SetupDialog(data_dir, runner=TaskRunner(), encrypting_old_data=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.office.setText("Kantor Lurah Ampenan Selatan")
    dialog.kelurahan.set_code(AMPENAN_SELATAN)
    dialog.nip.setText(make_helper().nip)
    dialog.name.setText("Lalu Ahmad Hidayat")
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.repeat.setText(ADMIN_PASSWORD)

    def answer_sheet() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, RecoverySheetDialog):
            QTimer.singleShot(10, answer_sheet)
            return
        box.save_to(tmp_path / "lembar.pdf")
        box.confirmed.setChecked(True)
        box.done_button.click()

    dialog.create_button.click()
    assert dialog.working and not dialog.create_button.isEnabled()
    assert "Mengenkripsi" in dialog.message.text()
    dialog.reject()  # not while the data folder is being made
    assert dialog.isVisible()
    QTimer.singleShot(10, answer_sheet)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    assert dialog.installation is not None
    dialog.installation.close()


def test_an_opd_admin_signing_in_on_the_lock_screen_lands_on_their_staff(
    qtbot: QtBot, window: MainWindow
) -> None:
    from sp_desktop.ui.monitoring.staff_dialog import StaffDialog

    head = Helper(nip="198502022010012009", name="Ni Ketut Ariani", opd="Dinas Sosial")
    window.installation.save_account(head, Role.OPD_ADMIN, password="admin-dinsos-2020")
    seen: list[str] = []

    def close_staff_screen() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StaffDialog):
            seen.append(dialog.windowTitle())
            dialog.reject()
        else:
            QTimer.singleShot(20, close_staff_screen)

    window.lock()
    QTimer.singleShot(20, close_staff_screen)
    unlock_by_keyboard(qtbot, window, head.nip, "admin-dinsos-2020")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    # The admin taking the PC back goes on with the households, as before.
    window.lock()
    unlock_by_keyboard(qtbot, window, make_helper().nip, ADMIN_PASSWORD)
    qtbot.wait(50)
    assert len(seen) == 1


def test_enter_on_the_sign_in_button_presses_it(qtbot: QtBot, installation: Installation) -> None:
    data_dir = installation.data_dir
    installation.close()
    dialog = LoginDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.panel
    panel.nip.setText(make_helper().nip)
    panel.password.setText(ADMIN_PASSWORD)
    qtbot.keyClick(panel.button, Qt.Key.Key_Return)  # tabbed to "Masuk", then Enter
    assert dialog.installation is not None
    dialog.installation.close()
