"""Data > Pulihkan dari cadangan: in the worker, behind a progress page, with a clear result."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from factories import ADMIN_PASSWORD, make_helper, make_household
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from sp_desktop.core.security.backup import create_backup, read_backup
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.shell.main_window import MainWindow
from sp_desktop.ui.shell.restore import RestorePage, restore
from sp_desktop.ui.worker import TaskRunner


@contextlib.contextmanager
def open_window(
    qtbot: QtBot, installation: Installation, runner: TaskRunner
) -> Iterator[MainWindow]:
    win = MainWindow(installation, runner)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        win.form.discard_changes()
        win.close()
        win.deleteLater()
        runner.shutdown()
        if win.reopen_with is not None:
            win.reopen_with.close()


def answer_box(seen: list[str]) -> Callable[[], None]:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        box.accept()

    return answer


def test_restore_runs_in_the_worker_shows_progress_and_says_it_worked(
    qtbot: QtBot, installation: Installation
) -> None:
    storage = installation.storage
    storage.save_household(make_household(serial=1, name="Dalam Cadangan"))
    info = read_backup(create_backup(installation, label="manual"))
    storage.save_household(make_household(serial=2, name="Sesudah Cadangan"))
    seen: list[str] = []
    with open_window(qtbot, installation, TaskRunner()) as win:
        QTimer.singleShot(10, answer_box(seen))
        restore(win, info, ADMIN_PASSWORD)
        # The worker restores; the window covers the work with a moving progress bar.
        page = win.pages.currentWidget()
        assert isinstance(page, RestorePage) and page.bar.maximum() == 0
        assert not win.menuBar().isEnabled()
        win.close()  # refused half-way
        qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
        assert "berhasil dipulihkan" in seen[0]
        assert win.reopen_with is not None
        restored = win.reopen_with.storage
        assert restored.household_by_kk(make_household(serial=1).no_kk) is not None
        assert restored.household_by_kk(make_household(serial=2).no_kk) is None


def test_a_refused_restore_says_nothing_changed_and_reopens_the_old_data(
    qtbot: QtBot, installation: Installation
) -> None:
    storage = installation.storage
    info = read_backup(create_backup(installation, label="manual"))
    storage.save_household(make_household(serial=2, name="Sesudah Cadangan"))
    seen: list[str] = []
    with open_window(qtbot, installation, TaskRunner(synchronous=True)) as win:
        QTimer.singleShot(10, answer_box(seen))
        restore(win, info, "kata-sandi-salah")
        assert seen and "TIDAK dipulihkan" in seen[0]
        assert "Buka lagi" in seen[0]  # a wrong password cannot open the old data either
        assert win.reopen_with is None
    with Installation.open(installation.data_dir, make_helper().nip, ADMIN_PASSWORD) as again:
        assert again.storage.household_by_kk(make_household(serial=2).no_kk) is not None
