"""Walking every window of the app for checks that hold everywhere (mnemonics, accessibility).

`walk_windows` opens the main window (signed in as the admin, who sees every menu), then
triggers each menu action in turn; every window it brings up (a modal dialog, or a window
left open such as the dashboard) is handed to `visit`, then closed. Qt's own dialogs (file,
print, input, message boxes) are closed without a visit: their letters are Qt's. The
sign-in dialogs, which no menu opens, are visited by the tests themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTabBar,
    QTabWidget,
    QWidget,
)

Visit = Callable[[QWidget, str], None]  # (window, what opened it)

# Actions that open no window, or end the session the walk runs in.
SKIP = ("Rumah tangga baru", "Simpan", "Keluar", "Cari", "Muat ulang", "Kunci layar")
SKIP_ALSO = ("Ganti pengguna",)
QT_DIALOGS = (QFileDialog, QInputDialog, QMessageBox)


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def mnemonic(text: str) -> str:
    """The Alt letter of a text ("" when it has none); "&&" is a literal ampersand."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""


def _is_rich(text: str) -> bool:
    return bool(re.search(r"<[a-zA-Z/][^>]*>", text))


def window_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every visible label, button, check box and group box of `window`
    (the widgets of other top-level windows excluded)."""
    found: list[tuple[str, str]] = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if _is_rich(text):  # a rich-text label shows "&" as it is: no mnemonic
                continue
        elif isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if letter := mnemonic(widget.tabText(index)):
                    found.append((letter, widget.tabText(index)))
            continue
        else:
            continue
        if letter := mnemonic(text):
            found.append((letter, text))
    return found


def duplicates(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for letter, text in pairs:
        by_letter.setdefault(letter, []).append(text)
    return {letter: texts for letter, texts in by_letter.items() if len(texts) > 1}


def tab_states(window: QWidget) -> Iterator[str]:
    """Show each page of each tab widget of `window` in turn (one state after another)."""
    yield ""
    for tabs in window.findChildren(QTabWidget):
        if tabs.window() is not window or not tabs.isVisibleTo(window):
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            if index != current and tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                yield f" (tab {plain(tabs.tabText(index))})"
        tabs.setCurrentIndex(current)


def menu_actions(menu: QMenu) -> Iterator[QAction]:
    for act in menu.actions():
        if act.isSeparator() or not act.isVisible():
            continue
        sub = act.menu()
        if isinstance(sub, QMenu):
            yield from menu_actions(sub)
        else:
            yield act


def _close(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.reject()
        if widget.isVisible():  # a dialog that refuses Escape while it must stay
            widget.done(QDialog.DialogCode.Rejected)
    else:
        widget.close()


def walk_windows(main: QWidget, menus: list[QMenu], visit: Visit) -> list[str]:
    """Trigger every visible menu action of `menus`; visit each window it opens. Returns
    the names of the windows visited."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    visited: list[str] = []
    done: set[int] = set()
    for menu in menus:
        for act in menu_actions(menu):
            name = plain(act.text())
            if id(act) in done or name.startswith(SKIP) or name.startswith(SKIP_ALSO):
                continue
            done.add(id(act))
            before = {id(w) for w in app.topLevelWidgets() if w.isVisible()}
            handled: set[int] = set()
            polling = [True]

            def poll(
                name: str = name, handled: set[int] = handled, polling: list[bool] = polling
            ) -> None:
                if not polling[0]:
                    return
                modal = QApplication.activeModalWidget()
                if modal is not None and id(modal) not in handled:
                    handled.add(id(modal))
                    if not isinstance(modal, QT_DIALOGS):
                        visit(modal, name)
                        visited.append(name)
                    _close(modal)
                QTimer.singleShot(15, poll)

            QTimer.singleShot(15, poll)
            act.trigger()
            polling[0] = False
            for window in app.topLevelWidgets():
                if (
                    window.isVisible()
                    and id(window) not in before
                    and id(window) not in handled
                    and window is not main
                    and not isinstance(window, QMenu)
                ):
                    if not isinstance(window, QT_DIALOGS):
                        visit(window, name)
                        visited.append(name)
                    _close(window)
            app.processEvents()
    return visited


def inner_dialogs(storage: Any, runner: Any) -> list[tuple[str, QWidget]]:
    """Dialogs opened from inside other windows (a button, not a menu), made directly."""
    from datetime import date

    from sp_desktop.core.domain.identifiers import compose_nip
    from sp_desktop.core.domain.monitoring import Staff
    from sp_desktop.ui.accounts.keys_dialog import PasteKeyDialog
    from sp_desktop.ui.monitoring.roster_import_dialog import RosterImportDialog
    from sp_desktop.ui.monitoring.staff_forms import StaffEditDialog, StatusDialog

    staff = storage.save_staff(
        Staff(
            nip=compose_nip(date(1985, 1, 1), date(2010, 1, 1), False, 8),
            name="Ahmad Fauzi",
            opd="Dinas Sosial",
        )
    )
    return [
        ("Impor daftar pegawai", RosterImportDialog(storage, runner)),
        ("Tambah pegawai", StaffEditDialog(storage, None, scope=None)),
        ("Ubah pegawai", StaffEditDialog(storage, staff, scope=None)),
        ("Status SP Online", StatusDialog(storage, runner, [staff])),
        ("Tempel kunci", PasteKeyDialog()),
    ]
