"""Starting the window: QApplication, storage, main window, and the last-resort error path."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from sp_desktop import APP_NAME, __version__
from sp_desktop.core.errors import UserFacingError, write_crash_report
from sp_desktop.core.storage import Storage


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


def run_app(data_dir: Path) -> int:
    from sp_desktop.ui.main_window import MainWindow
    from sp_desktop.ui.worker import TaskRunner

    app = make_application()
    try:
        storage = Storage(data_dir)
    except UserFacingError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    runner = TaskRunner(app)

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
    window = MainWindow(storage, runner)
    window.resize(1366, 740)
    window.show()
    try:
        return app.exec()
    finally:
        runner.shutdown()
        storage.close()
