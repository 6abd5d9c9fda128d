"""Starting the window: set-up or login, the main window, and the last-resort error path."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from sp_desktop import APP_NAME, DATA_DIR, __version__
from sp_desktop.core.base.data_folder import chosen_language, remember_language
from sp_desktop.core.base.i18n import choose_language
from sp_desktop.ui.shell.language import apply_language, current_language
from sp_desktop.ui.shell.language_picker import LANGUAGE_CHANGED
from sp_desktop.ui.widgets import region_index

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation
    from sp_desktop.ui.shell.main_window import MainWindow
    from sp_desktop.ui.shell.startup_probe import StartupProbe

# bench/bench_startup.py sets it to time this program's own start (see startup_probe.py).
STARTUP_PROBE_ENV = "SP_DESKTOP_STARTUP_PROBE"
_probe: StartupProbe | None = None
FIRST_ROWS_WAIT_MS = 3000
# What signing in and the main window need, loaded while the password is being typed
# (heaviest last, each on its own turn of the event loop so typing stays smooth): the
# login dialog shows before any of it, and Enter finds it ready.
PRELOAD: tuple[str, ...] = (
    "sp_desktop.core.base.errors",
    "sp_desktop.core.domain.model",
    "sp_desktop.core.security.keyring",
    "argon2.low_level",
    "cryptography.hazmat.primitives.ciphers.aead",
    "sp_desktop.core.trust.signing",
    "sp_desktop.core.trust.revisions",
    "sp_desktop.core.domain.reports",
    "sp_desktop.core.domain.monitoring",
    "sp_desktop.core.domain.sync_docs",
    "sp_desktop.core.storage",
    "sp_desktop.core.security.installation",
    "sqlite_utils",  # the storage's migrations check, on opening
    "_strptime",  # datetime.strptime's first call
    "sp_desktop.ui.worker",
    "sp_desktop.ui.households.household_form",
    "sp_desktop.ui.shell.main_window",
    "sp_desktop.ui.sync.sync_dialog",  # the status line, counted once the first rows are in
)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    if not isinstance(app, QApplication):  # a bare QCoreApplication cannot show windows
        raise RuntimeError("SP Desktop needs a QApplication, not a QCoreApplication")
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("SP Desktop")
    from PySide6.QtGui import QIcon

    # SVG, so Windows gets a sharp 16 px title-bar and 32 px taskbar icon; a copy of
    # resources/sp-desktop.svg (packaging/build_icons.py --package-copy, tests/gui/test_icons.py).
    app.setWindowIcon(QIcon(str(DATA_DIR / "sp-desktop.svg")))
    # Until someone signs in: SP_DESKTOP_LANG, else the PC's language, else the system's.
    apply_language(choose_language(None))
    return app


class Preloader(QObject):
    """After `window` first paints, run `steps` one per turn of the event loop."""

    def __init__(self, window: QWidget, steps: Sequence[Callable[[], object]]) -> None:
        super().__init__(window)
        self.pending = list(steps)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._next)
        return False

    def _next(self) -> None:
        if not self.pending:
            return
        step = self.pending.pop(0)
        # A module that fails to load fails again where it is really imported, and is
        # reported there; the login must not break on it.
        with contextlib.suppress(Exception):
            step()
        QTimer.singleShot(0, self._next)


def _build_qt_types() -> object:
    # PySide6 creates its Python types (and ~180 enums) on first use; the first object of
    # a class it has no wrapper for (here the line edit's private QWidgetLineControl)
    # makes it build all of them at once: ~50 ms, else paid when the main window first
    # shows (its idle watcher, an application-wide event filter, meets such objects).
    from PySide6.QtWidgets import QLineEdit

    line = QLineEdit()
    try:
        return line.children()
    finally:
        line.deleteLater()


def _first_local_time() -> object:
    # The list's dates: the first conversion to local time reads the time zone.
    from sp_desktop.core.domain.text import local_datetime_text

    return local_datetime_text("2020-09-15T03:00:00.000000Z")


def preload_steps() -> list[Callable[[], object]]:
    return [
        *(partial(importlib.import_module, name) for name in PRELOAD),
        region_index,  # the main window's kelurahan filter reads it (a packaged file)
        _build_qt_types,
        _first_local_time,
    ]


def sign_in(data_dir: Path):  # type: ignore[no-untyped-def]
    """First-run set-up or login; None when the person closes the dialog."""
    from sp_desktop.core.base.data_folder import State, state
    from sp_desktop.ui.accounts.session import LoginDialog, SetupDialog

    apply_language(choose_language(chosen_language(data_dir)))
    while True:
        current = state(data_dir)
        if current is State.READY:
            dialog: LoginDialog | SetupDialog = LoginDialog(data_dir)
        else:
            dialog = SetupDialog(data_dir, encrypting_old_data=current is State.UNENCRYPTED)
        Preloader(dialog, preload_steps())
        if _probe is not None:
            _probe.watch_login(dialog)
        result = dialog.exec()
        if result == LANGUAGE_CHANGED:  # built again, in the language just chosen
            apply_language(str(dialog.property("language")))
            continue
        if result != QDialog.DialogCode.Accepted:
            return None
        installation = dialog.installation
        if isinstance(dialog, SetupDialog) and installation is not None:
            # The language of the set-up becomes the PC's and the first admin's.
            remember_language(data_dir, current_language())
            if installation.storage.actor is not None:
                remember_language(data_dir, current_language(), installation.storage.actor.id)
        return installation


def account_language(installation: Installation) -> str:
    """The signed-in person's language (SP_DESKTOP_LANG first; the PC's when they chose none)."""
    actor = installation.storage.actor
    return choose_language(
        chosen_language(installation.data_dir, actor.id if actor is not None else None)
    )


def after_first_rows(window: MainWindow, task: Callable[[], None]) -> None:
    """Run `task` once the household list has painted its first rows (or at the latest
    after FIRST_ROWS_WAIT_MS): the start-up backup copies the whole database and must not
    compete with those rows for a two-core PC."""
    pending = [True]

    def run() -> None:
        if pending:
            pending.clear()
            window.model.loaded.disconnect(on_loaded)
            if window.isVisible():  # not for a window already closed (a restore reopens)
                task()

    def on_loaded(count: int, finished: bool) -> None:
        QTimer.singleShot(0, window, run)  # after the paint those rows asked for

    window.model.loaded.connect(on_loaded)
    QTimer.singleShot(FIRST_ROWS_WAIT_MS, window, run)


def place_main_window(window: MainWindow) -> None:
    """Size the main window to the screen's available area (never fixed pixels: at 125%
    scaling a 1366x768 screen is 1093x614 logical pixels) and put it inside that area."""
    from sp_desktop.ui.widgets import FRAME_ALLOWANCE, available_area

    area = available_area(window)
    frame_w, frame_h = FRAME_ALLOWANCE
    window.resize(area.width() - frame_w, area.height() - frame_h)
    window.move(area.topLeft())
    window.fit_panels(area.width() - frame_w)


def run_app(data_dir: Path) -> int:
    global _probe
    app = make_application()
    if os.environ.get(STARTUP_PROBE_ENV):
        from sp_desktop.ui.shell.startup_probe import StartupProbe

        _probe = StartupProbe(app, os.environ[STARTUP_PROBE_ENV])

    def on_uncaught(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        from sp_desktop.core.base.errors import write_crash_report

        # A bug in a slot must not close the window and lose what is being typed.
        report = write_crash_report(data_dir, exc.with_traceback(tb))  # type: ignore[arg-type]
        text = QCoreApplication.translate(
            "Application",
            "Terjadi kesalahan program. Data yang sudah tersimpan aman dan isian Anda tetap "
            "ada.\n\nKirim berkas ini ke pengembang:\n%1",
        )
        QMessageBox.critical(None, APP_NAME, text.replace("%1", report))

    sys.excepthook = on_uncaught
    # F1: the login and set-up windows watch for it themselves; the application-wide filter
    # comes with the main window (a Python filter on every event slowed the login's start).
    try:
        installation = sign_in(data_dir)
    except Exception as exc:
        from sp_desktop.core.base.errors import UserFacingError  # not before the login shows

        if not isinstance(exc, UserFacingError):
            raise
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    if _probe is not None and installation is not None:
        _probe.signed_in()
    from sp_desktop.ui.shell.main_window import MainWindow
    from sp_desktop.ui.worker import TaskRunner

    starting = True
    while installation is not None:
        apply_language(account_language(installation))
        runner = TaskRunner(app)
        window = MainWindow(installation, runner)
        place_main_window(window)
        window.show()
        if _probe is not None:
            _probe.watch_main(window)
        if starting:  # not again when the window reopens in another language
            after_first_rows(window, window.run_startup_tasks)
        try:
            app.exec()
        finally:
            runner.shutdown()
            if window.reopen_with is not installation:  # the same data, reopened in a new language
                installation.close()
        # After a restore from backup the window closes and opens again on the restored data.
        starting = window.reopen_with is not installation
        installation = window.reopen_with
    return 0
