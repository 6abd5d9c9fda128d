"""Choosing the language: the PC's on the login window, each person's in Akun > Bahasa."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_support import shown_window
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sp_desktop.core.base import i18n
from sp_desktop.core.base.data_folder import (
    LANGUAGE_FILENAME,
    chosen_language,
    remember_language,
)
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.accounts.session import LoginDialog
from sp_desktop.ui.shell.app import account_language
from sp_desktop.ui.shell.language import apply_language, current_language, missing_catalogues
from sp_desktop.ui.shell.language_picker import LANGUAGE_CHANGED, LanguageDialog


@pytest.fixture
def speaks_indonesian_after() -> Iterator[None]:
    yield
    apply_language("id")


def pick(window: LanguageDialog | LoginDialog, code: str) -> None:
    """Choose `code` in the window's language list, as a click on it does."""
    picker = window.picker if isinstance(window, LanguageDialog) else window.language
    index = picker.combo.findData(code)
    picker.combo.setCurrentIndex(index)
    picker.combo.activated.emit(index)


def test_both_catalogues_are_built() -> None:
    # packaging/build_translations.py runs in setup.sh and build.sh; without its output the
    # window would stay Indonesian in English and show Qt's English buttons in Indonesian.
    assert missing_catalogues("id") == [] and missing_catalogues("en") == []
    assert i18n.catalogue_file("en").is_file()


def test_the_login_window_switches_the_pcs_language(
    qtbot: QtBot, installation: Installation, speaks_indonesian_after: None
) -> None:
    data_dir = installation.data_dir
    login = LoginDialog(data_dir)
    qtbot.addWidget(login)
    login.show()
    assert login.language.combo.currentText() == "Bahasa Indonesia"
    assert "Masuk" in login.windowTitle()
    pick(login, "en")
    assert login.result() == LANGUAGE_CHANGED and login.property("language") == "en"
    assert chosen_language(data_dir) == "en"

    apply_language("en")  # what app.sign_in does before building the window again
    again = LoginDialog(data_dir)
    qtbot.addWidget(again)
    assert again.language.combo.currentText() == "English"
    assert "Masuk" not in again.windowTitle()
    assert "Sign in" in again.windowTitle()


def test_each_account_keeps_its_own_language(
    installation: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(i18n.ENV_VARIABLE)
    monkeypatch.setenv("LANGUAGE", "id_ID")  # the system's, the last resort
    actor = installation.storage.actor
    assert actor is not None
    assert account_language(installation) == "id"
    remember_language(installation.data_dir, "en")  # the PC's (set-up, login window)
    assert account_language(installation) == "en"
    remember_language(installation.data_dir, "id", actor.id)  # this person's own
    assert account_language(installation) == "id"
    assert chosen_language(installation.data_dir) == "en"
    monkeypatch.setenv(i18n.ENV_VARIABLE, "en")  # the variable overrides every choice
    assert account_language(installation) == "en"


def test_a_damaged_language_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / LANGUAGE_FILENAME).write_bytes(b"\xff{ not json")
    assert chosen_language(tmp_path) is None
    remember_language(tmp_path, "en")
    assert chosen_language(tmp_path) == "en"
    (tmp_path / LANGUAGE_FILENAME).write_text("[1, 2]", encoding="utf-8")
    assert chosen_language(tmp_path, "someone") is None


def test_akun_bahasa_reopens_the_window_in_the_chosen_language(
    qtbot: QtBot, installation: Installation, speaks_indonesian_after: None
) -> None:
    actor = installation.storage.actor
    assert actor is not None

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LanguageDialog)
        pick(dialog, "en")
        dialog.accept()

    with shown_window(qtbot, installation) as win:
        entries = [a.text() for m in win.menuBar().actions() for a in m.menu().actions()]
        assert "&Bahasa (Language)…" in entries
        QTimer.singleShot(0, answer)
        win.choose_language()
        assert chosen_language(installation.data_dir, actor.id) == "en"
        assert win.reopen_with is installation  # app.run_app builds it again, data kept open
        assert not win.isVisible()
        assert current_language() == "id"  # the new window is built in English, not this one
    assert not installation.closed
