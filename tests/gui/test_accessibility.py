"""Every input can be named by a screen reader and reached by keyboard, in every window.

Per window (the main window, each window its menus open, the sign-in dialogs): every
visible line edit, combo box, spin box, date field, text box and check box without text
has an accessible name or a label whose buddy it is (through a Field wrapper's focus proxy
too: a form row's label points at the wrapper), and no push button is left out of the
keyboard's reach (Qt.NoFocus).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_support import shown_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_walk import inner_dialogs, plain, tab_states, walk_windows

from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.accounts.session import LoginDialog, RecoveryDialog, SetupDialog
from sp_desktop.ui.shell.main_window import MainWindow
from sp_desktop.ui.widgets import Field

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QCheckBox)


@pytest.fixture
def window(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> Iterator[MainWindow]:
    with shown_window(qtbot, installation) as win:
        yield win


def _part_of_another_input(widget: QWidget) -> bool:
    """The line edit inside a combo box or spin box: the outer input is what is named."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False


def _buddied(window: QWidget) -> set[int]:
    """Ids of the widgets a label of `window` points at (and what those pass focus on to)."""
    found: set[int] = set()
    for label in window.findChildren(QLabel):
        buddy: QWidget | None = label.buddy()
        while buddy is not None and id(buddy) not in found:
            found.add(id(buddy))
            # A form row's label points at the Field around the input, which passes its
            # focus on (or a widget's focus proxy).
            buddy = buddy.widget if isinstance(buddy, Field) else buddy.focusProxy()
    return found


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLineEdit):
        text = widget.placeholderText() or widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    return f"{type(widget).__name__} {widget.objectName()} {text[:30]!r}".replace("  ", " ")


def problems(window: QWidget, name: str) -> list[str]:
    found: list[str] = []
    for state in tab_states(window):
        buddied = _buddied(window)
        for widget in window.findChildren(QWidget):
            if widget.window() is not window or not widget.isVisibleTo(window):
                continue
            if isinstance(widget, QPushButton):
                if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                    found.append(f"{name}{state}: button {plain(widget.text())!r} has NoFocus")
                continue
            if not isinstance(widget, INPUTS) or _part_of_another_input(widget):
                continue
            if isinstance(widget, QCheckBox) and widget.text().strip():
                continue  # its text is its name
            if widget.accessibleName().strip() or id(widget) in buddied:
                continue
            found.append(f"{name}{state}: {_describe(widget)} has no name and no label")
    return sorted(set(found))


def top_menus(win: MainWindow) -> list[QMenu]:
    return [
        menu
        for act in win.menuBar().actions()
        if act.isVisible() and isinstance(menu := act.menu(), QMenu)
    ]


def test_the_main_window_names_every_input(window: MainWindow) -> None:
    window.form.record_visit.setChecked(True)
    assert not (found := problems(window, "Jendela utama")), "\n".join(found)


def test_the_lock_screen_names_its_inputs(window: MainWindow) -> None:
    window.lock()
    assert not (found := problems(window, "Layar terkunci")), "\n".join(found)


def test_every_window_opened_from_the_menus_names_every_input(window: MainWindow) -> None:
    found: list[str] = []

    def visit(opened: QWidget, name: str) -> None:
        found.extend(problems(opened, name))

    visited = walk_windows(window, top_menus(window), visit)
    assert len(visited) >= 15, visited
    assert not found, "\n".join(found)


def test_the_sign_in_dialogs_name_every_input(
    qtbot: QtBot, installation: Installation, tmp_path: Path
) -> None:
    data_dir = installation.data_dir
    found: list[str] = []
    for dialog in (
        LoginDialog(data_dir),
        RecoveryDialog(data_dir),
        SetupDialog(tmp_path / "baru"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        found += problems(dialog, type(dialog).__name__)
    assert not found, "\n".join(found)


def test_dialogs_opened_from_inside_windows(qtbot: QtBot, installation: Installation) -> None:
    from sp_desktop.ui.worker import TaskRunner

    found: list[str] = []
    for name, dialog in inner_dialogs(installation.storage, TaskRunner(synchronous=True)):
        qtbot.addWidget(dialog)
        dialog.show()
        found += problems(dialog, name)
    assert not found, "\n".join(found)
