"""Bantuan › Tentang: version, licence, the third-party notices and the region data notice."""

from __future__ import annotations

from pathlib import Path

from gui_support import shown_window
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sp_desktop import __version__
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.shell.about_dialog import AboutDialog


def test_help_about_shows_version_licence_and_notices(
    qtbot: QtBot, installation: Installation
) -> None:
    seen: dict[str, object] = {}

    def inspect_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = isinstance(dialog, AboutDialog)
        if isinstance(dialog, AboutDialog):
            seen["summary"] = dialog.summary.text()
            seen["notices"] = dialog.notices.toPlainText()
            seen["read_only"] = dialog.notices.isReadOnly()
            bar = dialog.notices.verticalScrollBar()
            seen["scrolls"] = bar.maximum() > 0
            seen["title"] = dialog.windowTitle()
        QApplication.activeModalWidget().reject()

    with shown_window(qtbot, installation) as win:
        [action] = [a for a in win.menuBar().actions() if a.text().replace("&", "") == "Bantuan"]
        [about] = [a for a in action.menu().actions() if "Tentang" in a.text()]
        QTimer.singleShot(0, inspect_and_close)
        about.trigger()  # the menu entry itself; exec() returns when the timer closes it

    assert seen["dialog"] is True
    assert seen["title"] == "Tentang SP Desktop"
    summary = str(seen["summary"])
    assert f"SP Desktop {__version__}" in summary
    assert "Apache License 2.0" in summary
    assert "Cahya DSN" in summary  # the region data notice the box always showed
    assert str(installation.storage.path.parent) in summary
    notices = str(seen["notices"])
    assert "LGPL" in notices and "PySide6" in notices and "SQLCipher" in notices
    assert seen["read_only"] is True and seen["scrolls"] is True


def test_a_missing_notices_file_says_what_to_do(
    qtbot: QtBot, tmp_path: Path, monkeypatch: object
) -> None:
    import sp_desktop.ui.shell.about_dialog as about_dialog

    monkeypatch.setattr(about_dialog, "NOTICES_FILE", tmp_path / "hilang.md")  # type: ignore[attr-defined]
    dialog = AboutDialog(tmp_path, "")
    qtbot.addWidget(dialog)
    assert "Pasang ulang SP Desktop" in dialog.notices.toPlainText()
    assert "(belum ada)" in dialog.summary.text()
