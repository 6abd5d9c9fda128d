"""Alt letters: one letter, one target, in every window.

Two labels or buttons with the same Alt letter in one window make Alt+letter cycle between
them (or reach the wrong one), and a menu title's letter loses to a widget's: Alt+U went to
"Kunjungan ulang" instead of the Pemantauan menu. Per window, the menu titles' letters and
the letters of every visible label, button, check box and group box must all differ; within
each menu, the actions' letters must differ too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from factories import HELPER_PASSWORD, make_helper
from gui_support import shown_window
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot
from window_walk import (
    duplicates,
    inner_dialogs,
    menu_actions,
    mnemonic,
    plain,
    tab_states,
    walk_windows,
    window_mnemonics,
)

from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.accounts.session import LoginDialog, RecoveryDialog, SetupDialog
from sp_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> Iterator[MainWindow]:
    with shown_window(qtbot, installation) as win:
        yield win


def top_menus(win: MainWindow) -> list[QMenu]:
    return [
        menu
        for act in win.menuBar().actions()
        if act.isVisible() and isinstance(menu := act.menu(), QMenu)
    ]


def menubar_letters(win: MainWindow) -> list[tuple[str, str]]:
    return [
        (letter, act.text())
        for act in win.menuBar().actions()
        if act.isVisible() and (letter := mnemonic(act.text()))
    ]


def collisions(window: QWidget, extra: list[tuple[str, str]], name: str) -> list[str]:
    found = []
    for state in tab_states(window):
        for letter, texts in duplicates(extra + window_mnemonics(window)).items():
            found.append(f"{name}{state}: Alt+{letter.upper()} on {', '.join(map(plain, texts))}")
    return found


def test_readme_letters_open_their_menus(window: MainWindow) -> None:
    letters = {plain(act.text()): mnemonic(act.text()) for act in window.menuBar().actions()}
    assert letters["Berkas"] == "b"
    assert letters["Data"] == "d"
    assert letters["Pemantauan"] == "u"  # README: Menu *Pemantauan* (Alt+U)


def test_main_window_letters_are_unique(window: MainWindow) -> None:
    found = collisions(window, menubar_letters(window), "Jendela utama")
    window.form.record_visit.setChecked(True)  # the visit part shown, with all its fields
    found += collisions(window, menubar_letters(window), "Jendela utama (kunjungan)")
    assert not found, "\n".join(found)


def test_each_menu_has_unique_letters(window: MainWindow) -> None:
    found = []
    for menu in top_menus(window):
        pairs = [
            (letter, act.text()) for act in menu_actions(menu) if (letter := mnemonic(act.text()))
        ]
        for letter, texts in duplicates(pairs).items():
            found.append(f"{plain(menu.title())}: Alt+{letter.upper()} on {', '.join(texts)}")
    assert not found, "\n".join(found)


def test_every_menu_item_has_a_letter(window: MainWindow) -> None:
    missing = [
        f"{plain(menu.title())}: {plain(act.text())}"
        for menu in top_menus(window)
        for act in menu_actions(menu)
        if not mnemonic(act.text())
    ]
    assert not missing, "\n".join(missing)


def test_every_window_opened_from_the_menus_has_unique_letters(window: MainWindow) -> None:
    found: list[str] = []

    def visit(opened: QWidget, name: str) -> None:
        found.extend(collisions(opened, [], name))

    visited = walk_windows(window, top_menus(window), visit)
    assert len(visited) >= 15, visited  # the walk really opened the dialogs
    assert not found, "\n".join(found)


def test_sign_in_dialogs_have_unique_letters(
    qtbot: QtBot, installation: Installation, tmp_path: Path
) -> None:
    installation.save_account(make_helper(serial=21), Role.HELPER, password=HELPER_PASSWORD)
    data_dir = installation.data_dir
    found: list[str] = []
    for dialog in (
        LoginDialog(data_dir),
        RecoveryDialog(data_dir),
        SetupDialog(tmp_path / "baru", encrypting_old_data=True),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        found += collisions(dialog, [], type(dialog).__name__)
    assert not found, "\n".join(found)


def test_dialogs_opened_from_inside_windows(qtbot: QtBot, installation: Installation) -> None:
    from sp_desktop.ui.worker import TaskRunner

    found: list[str] = []
    for name, dialog in inner_dialogs(installation.storage, TaskRunner(synchronous=True)):
        qtbot.addWidget(dialog)
        dialog.show()
        found += collisions(dialog, [], name)
    assert not found, "\n".join(found)


def test_alt_letters_reach_their_inputs_and_menus(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    form = window.form
    form.new_household()
    # A form row's label points at the Field around its input: the input gets the focus.
    for key, widget in (
        (Qt.Key.Key_M, form.head_name),
        (Qt.Key.Key_T, form.address),
        (Qt.Key.Key_R, form.kelurahan),
        (Qt.Key.Key_L, form.outcome),
        (Qt.Key.Key_N, form.no_kk),
    ):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is widget, key
    menus = {plain(menu.title()): menu for menu in top_menus(window)}
    for key, title in (
        (Qt.Key.Key_U, "Pemantauan"),
        (Qt.Key.Key_D, "Data"),
        (Qt.Key.Key_B, "Berkas"),
    ):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
        menu = menus[title]
        qtbot.waitUntil(popup_is(menu), timeout=2000)
        menu.close()


def popup_is(menu: QMenu) -> Callable[[], bool]:
    from PySide6.QtWidgets import QApplication

    return lambda: QApplication.activePopupWidget() is menu
