"""The key file's check reaches the admin in the window: a warning when the main window
starts, naming what is wrong and what to do."""

from __future__ import annotations

import json

from factories import ADMIN_PASSWORD, make_helper
from gui_support import shown_window
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from sp_desktop.core.security.installation import Installation
from sp_desktop.core.security.keyring import KEYRING_FILENAME


def test_a_removed_recovery_slot_is_shown_to_the_admin_at_start(
    qtbot: QtBot, installation: Installation
) -> None:
    data_dir = installation.data_dir
    installation.close()
    path = data_dir / KEYRING_FILENAME
    ring = json.loads(path.read_text())
    ring["slots"] = [s for s in ring["slots"] if s["kind"] != "pemulihan"]
    path.write_text(json.dumps(ring))
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)
            return
        shown.append(box.windowTitle() + "\n" + box.text())
        box.accept()

    with (
        Installation.open(data_dir, make_helper().nip, ADMIN_PASSWORD) as reopened,
        shown_window(qtbot, reopened) as window,
    ):
        QTimer.singleShot(0, read_and_close)
        window.run_startup_tasks()
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "Berkas kunci perlu diperiksa" in shown[0]
    assert "lembar pemulihan" in shown[0]
    assert "jejak audit" in shown[0]
