"""The start of the window: the login dialog shows before the data's modules load, they
load while the password is typed, and the login names the office before the data opens.

Each start runs in a fresh interpreter (what is imported is the point). No timings are
asserted here: bench/bench_startup.py measures them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from sp_desktop.core.base import data_folder
from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.accounts.session import LoginDialog

# Modules that cost tens of milliseconds each and that the login dialog does not need.
HEAVY = (
    "sp_desktop.core.storage",
    "sp_desktop.core.security.installation",
    "sp_desktop.core.security.keyring",
    "sp_desktop.ui.shell.main_window",
    "sqlcipher3",
    "sqlite3",
    "sqlite_utils",
    "cryptography",
    "argon2",
    "orjson",
    "reportlab",
    "openpyxl",
)

# `sp-desktop` with no arguments, as its shortcut starts it. QDialog.exec (Qt's, not
# ours) is replaced so that the child reports what is loaded at the moment the login
# dialog would start taking input, lets it show and paint, and then closes it.
CHILD = """
import json, sys, time
import PySide6.QtCore as core
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog

seen = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = True
            seen["storage_at_first_paint"] = "sp_desktop.core.storage" in sys.modules
        return False

def exec_(self):
    seen["dialog"] = type(self).__name__
    seen["modules"] = sorted(sys.modules)
    seen["qt_namespace_built"] = "Qt" in vars(core)
    seen["office"] = self.office.text()
    seen["office_shown"] = not self.office.isHidden()
    self.installEventFilter(FirstPaint(self))
    self.show()
    deadline = time.monotonic() + float(sys.argv[1])
    while time.monotonic() < deadline and (
        "painted" not in seen or "sp_desktop.ui.shell.main_window" not in sys.modules
    ):
        QApplication.processEvents()
        time.sleep(0.005)
    seen["main_window_loaded"] = "sp_desktop.ui.shell.main_window" in sys.modules
    return 0  # closed without signing in

QDialog.exec = exec_
from sp_desktop.cli import main
seen["exit"] = main([])
print(json.dumps(seen))
"""


def start_window(data_dir: Path, wait_seconds: float) -> dict[str, object]:
    # Not measured by coverage (the test command's subprocess patch): coverage itself imports
    # sqlite3 and more before the program runs, and this child counts what the program loads.
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}
    env |= {"SP_DESKTOP_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(wait_seconds)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_login_shows_before_the_data_modules_load_and_names_the_office(
    installation: Installation,
) -> None:
    data_dir = installation.data_dir
    installation.close()
    seen = start_window(data_dir, wait_seconds=60)
    assert seen["dialog"] == "LoginDialog"
    assert seen["exit"] == 0
    loaded = set(seen["modules"])  # type: ignore[arg-type]
    assert [name for name in HEAVY if name in loaded] == []
    # PySide6 builds the `Qt` namespace (hundreds of enums) on first use: not for the login.
    assert seen["qt_namespace_built"] is False
    assert "Kantor Lurah Ampenan Selatan" in str(seen["office"])
    assert seen["office_shown"] is True
    # Painted first; then, without Enter, what signing in and the main window need loads.
    assert seen["storage_at_first_paint"] is False
    assert seen["main_window_loaded"] is True


def test_the_office_name_is_kept_for_the_login_and_refreshed_at_each_login(
    installation: Installation,
) -> None:
    data_dir = installation.data_dir
    assert data_folder.office_name(data_dir) == "Kantor Lurah Ampenan Selatan"
    installation.close()
    (data_dir / data_folder.OFFICE_FILENAME).unlink()
    assert data_folder.office_name(data_dir) == ""  # e.g. data from before this copy
    from factories import ADMIN_PASSWORD, make_helper

    with Installation.open(data_dir, make_helper().nip, ADMIN_PASSWORD):
        pass
    assert data_folder.office_name(data_dir) == "Kantor Lurah Ampenan Selatan"
    # The copy holds the name only: nothing else of the encrypted data.
    saved = json.loads((data_dir / data_folder.OFFICE_FILENAME).read_text(encoding="utf-8"))
    assert saved == {"kantor": "Kantor Lurah Ampenan Selatan"}


def test_the_login_shows_the_office_name_as_text_or_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    data_folder.remember_office_name(tmp_path, "Posko <RT 01> & RW 02")
    dialog = LoginDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.office.isVisible()
    assert "&lt;RT 01&gt; &amp; RW 02" in dialog.office.text()  # shown as typed, not markup

    (tmp_path / data_folder.OFFICE_FILENAME).write_text("{rusak", encoding="utf-8")
    assert data_folder.office_name(tmp_path) == ""
    bare = LoginDialog(tmp_path)
    qtbot.addWidget(bare)
    bare.show()
    assert not bare.office.isVisible()  # the app's name alone


def test_the_start_up_tasks_wait_for_the_first_rows(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> None:
    from factories import make_household

    from sp_desktop.ui.shell.app import after_first_rows
    from sp_desktop.ui.shell.main_window import MainWindow
    from sp_desktop.ui.worker import TaskRunner

    for serial in (1, 2, 3):
        installation.storage.save_household(make_household(serial))
    runner = TaskRunner()  # a real worker thread, as in the program
    window = MainWindow(installation, runner)
    rows_when_run: list[int] = []
    try:
        window.show()
        after_first_rows(window, lambda: rows_when_run.append(window.model.rowCount()))
        qtbot.waitUntil(lambda: bool(rows_when_run), timeout=5000)
        assert rows_when_run == [3]  # once, and with the rows already in the list
        qtbot.wait(50)
        assert rows_when_run == [3]
    finally:
        window.close()
        window.deleteLater()
        runner.shutdown()
