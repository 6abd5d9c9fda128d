"""Timing this program's own start, for bench/bench_startup.py (venv and bundle alike).

Only loaded when SP_DESKTOP_STARTUP_PROBE is set (see app.py). It changes nothing in
what the program does; it prints moments to stdout and ends the process early:

- "login": at the first paint of the login dialog, print
  `painted <time.time()> <CPU seconds>` and end.
- "rows": print `login <time> <CPU>` at that first paint, then wait for one line
  `NIP<TAB>password` on stdin (the bench sends it after a typing pause), fill the login
  dialog's fields, print `enter <time>` and press Enter in the password field as a
  person would; print `signed-in <time>` when the login is done and `shown <time>`
  once the main window is built and shown; once its household list has painted its
  first rows, print `rows <time> <row count>` and end.

The password arrives on stdin, never on the command line or in the environment. Only
the two windows are watched (an application-wide Python event filter would itself cost
tens of milliseconds at start-up: every new kind of event passing through Python).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

_PAINTED = QEvent.Type(QEvent.registerEventType())


def _say(*words: object) -> None:
    print(*words, flush=True)


class StartupProbe(QObject):
    typed = Signal(str)

    def __init__(self, app: QApplication, mode: str) -> None:
        super().__init__(app)
        self.mode = mode
        self.login: QDialog | None = None
        self.table_viewport: QObject | None = None
        self.main: QMainWindow | None = None
        self.rows_painted = 0
        self.typed.connect(self._type_and_enter)  # queued: emitted by the stdin thread

    def watch_login(self, dialog: QDialog) -> None:
        if self.login is None:
            self.login = dialog
            dialog.installEventFilter(self)

    def signed_in(self) -> None:
        _say("signed-in", repr(time.time()))

    def watch_main(self, window: QMainWindow) -> None:
        _say("shown", repr(time.time()))
        self.main = window
        self.table_viewport = window.table.viewport()  # type: ignore[attr-defined]
        self.table_viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        if watched is self.login:
            watched.removeEventFilter(self)
            if self.mode != "rows":
                _say("painted", repr(time.time()), repr(time.process_time()))
                os._exit(0)
            _say("login", repr(time.time()), repr(time.process_time()))
            threading.Thread(target=self._read_stdin, daemon=True).start()
        elif watched is self.table_viewport and self.main is not None:
            rows = self.main.model.rowCount()  # type: ignore[attr-defined]
            if rows > 0:
                from PySide6.QtCore import QCoreApplication, Qt

                watched.removeEventFilter(self)
                # Reported once this paint is done: a high-priority posted event comes
                # before the next chunks of rows queued by the search (a timer would not).
                self.rows_painted = rows
                QCoreApplication.postEvent(
                    self, QEvent(_PAINTED), Qt.EventPriority.HighEventPriority.value
                )
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == _PAINTED:
            _say("rows", repr(time.time()), self.rows_painted)
            os._exit(0)
        return super().event(event)

    def _read_stdin(self) -> None:
        line = sys.stdin.readline()
        if line:
            self.typed.emit(line.rstrip("\r\n"))

    def _type_and_enter(self, line: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeyEvent

        nip, _, password = line.partition("\t")
        panel = getattr(self.login, "panel", None)
        if panel is None:
            _say("no-login-dialog")
            os._exit(3)
        panel.nip.setText(nip)
        panel.password.setText(password)
        panel.password.setFocus()
        _say("enter", repr(time.time()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            QApplication.sendEvent(panel.password, key)
