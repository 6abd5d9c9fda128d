"""The main window as GUI tests use it: shown at the reference size, with a synchronous
worker, and left clean (unlocked, forms discarded) so closing it asks nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from factories import ADMIN_PASSWORD, make_helper
from pytestqt.qtbot import QtBot

from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.shell.main_window import MainWindow
from sp_desktop.ui.worker import TaskRunner


@contextlib.contextmanager
def shown_window(qtbot: QtBot, installation: Installation) -> Iterator[MainWindow]:
    runner = TaskRunner(synchronous=True)
    win = MainWindow(installation, runner)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        if win.locked:
            win.unlock(make_helper().nip, ADMIN_PASSWORD)
        for form in [win.form, *win._stashed_forms.values()]:
            form.discard_changes()
        win.close()
        win.deleteLater()
        runner.shutdown()
