"""The Qt binding itself must not corrupt Python's reference counts.

PySide6 6.12.0 under Python 3.11 dropped one reference to None on every void call and
one to True on every signal emit; after a few thousand the process aborted with
"bool_dealloc" (seen on F5 over a million households, and on closing the window).
pyproject.toml excludes it; this keeps any other release with the same fault out.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    number = Signal(int)
    value = Signal(object)


def test_void_calls_and_emits_keep_none_and_true_alive(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.number.connect(received.append)
    emitter.value.connect(received.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        emitter.setObjectName("x")
        QCoreApplication.processEvents()
        emitter.number.emit(1)
        emitter.value.emit(None)
    received.clear()
    # A small constant drift is caches warming up; the fault was one per call.
    assert abs(sys.getrefcount(None) - none_before) < 100
    assert abs(sys.getrefcount(True) - true_before) < 100
