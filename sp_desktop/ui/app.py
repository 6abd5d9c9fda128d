"""Starting the window: set-up or login, the main window, and the last-resort error path."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from sp_desktop import APP_NAME, __version__
from sp_desktop.core.errors import UserFacingError, write_crash_report


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("SP Desktop")
    # Indonesian is the source language; an English .qm file can be dropped in later.
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    translator = QTranslator(app)
    if translator.load(QLocale(), "sp_desktop", "_", str(Path(__file__).parent.parent / "data")):
        app.installTranslator(translator)
    return app  # type: ignore[return-value]


def sign_in(data_dir: Path):  # type: ignore[no-untyped-def]
    """First-run set-up or login; None when the person closes the dialog."""
    from sp_desktop.core.installation import State, state
    from sp_desktop.ui.session import LoginDialog, SetupDialog

    current = state(data_dir)
    if current is State.READY:
        dialog: LoginDialog | SetupDialog = LoginDialog(data_dir)
    else:
        dialog = SetupDialog(data_dir, encrypting_old_data=current is State.UNENCRYPTED)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.installation


def run_app(data_dir: Path) -> int:
    from sp_desktop.ui.main_window import MainWindow
    from sp_desktop.ui.worker import TaskRunner

    app = make_application()

    def on_uncaught(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        # A bug in a slot must not close the window and lose what is being typed.
        report = write_crash_report(data_dir, exc.with_traceback(tb))  # type: ignore[arg-type]
        QMessageBox.critical(
            None,
            APP_NAME,
            "Terjadi kesalahan program. Data yang sudah tersimpan aman dan isian Anda tetap "
            f"ada.\n\nKirim berkas ini ke pengembang:\n{report}",
        )

    sys.excepthook = on_uncaught
    try:
        installation = sign_in(data_dir)
    except UserFacingError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    while installation is not None:
        runner = TaskRunner(app)
        window = MainWindow(installation, runner)
        window.resize(1366, 740)
        window.show()
        QTimer.singleShot(0, window.run_startup_tasks)
        try:
            app.exec()
        finally:
            runner.shutdown()
            installation.close()
        # After a restore from backup the window closes and opens again on the restored data.
        installation = window.reopen_with
    return 0
