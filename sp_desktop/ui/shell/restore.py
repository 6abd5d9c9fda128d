"""Data > Pulihkan dari cadangan: ask, restore in the worker while the window says so, and
tell plainly whether the data came back.

The restore replaces the database, so the window's own storage is closed first and the
work behind it is covered by a progress page (nothing underneath may read the closed
database meanwhile). When it is done, the window closes and the app opens a fresh one on
the restored data (`MainWindow.reopen_with`); after a refusal, on the data as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from sp_desktop import APP_NAME
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.domain.text import format_count
from sp_desktop.core.security.installation import Installation

if TYPE_CHECKING:
    from sp_desktop.core.security.backup import BackupInfo
    from sp_desktop.ui.shell.main_window import MainWindow


# The main window's context, written out at each call so that lupdate files them under it.
translate = QCoreApplication.translate


class RestorePage(QWidget):
    """Covers the window while the data is being replaced."""

    def __init__(self, parent: QWidget, info: BackupInfo) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("<h2>Memulihkan data dari cadangan…</h2>"), self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(
            self.tr(
                "Cadangan %s (%s rumah tangga) sedang diperiksa dan dipasang. Data sekarang "
                "disimpan dulu di folder 'cadangan'. Jangan matikan komputer; jendela dibuka "
                "lagi sendiri setelah selesai."
            )
            % (info.path.name, format_count(info.counts.get("households", 0))),
            self,
        )
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # moving until the first step is told
        self.bar.setTextVisible(False)
        self.step = QLabel(self)
        self.step.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar.setFixedWidth(420)
        self.bar.setAccessibleName(self.tr("Memulihkan data"))
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        self.text.setFixedWidth(680)  # a readable line length
        # A centred wrapped label gets its one-line height from the layout: ask for all.
        self.text.setMinimumHeight(self.text.heightForWidth(680))
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.step, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def show_progress(self, done: int, total: int, text: str) -> None:
        """The core's step: 'Memeriksa dan menyalin data cadangan…' (2 of 5)."""
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.step.setText(text)


class _HoldClose(QObject):
    """The window cannot be closed half-way through a restore."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            event.ignore()
            return True
        return False


def ask_and_restore(window: MainWindow) -> None:
    """Pick the backup, confirm with the password, then `restore`."""
    from sp_desktop.core.security.backup import read_backup

    chosen, _ = QFileDialog.getOpenFileName(
        window,
        translate("MainWindow", "Pilih berkas cadangan"),
        str(window.installation.data_dir / "cadangan"),
        translate("MainWindow", "Cadangan SP Desktop (*.spcadangan)"),
    )
    if not chosen:
        return
    try:
        info = read_backup(Path(chosen))
    except UserFacingError as exc:
        window.show_error(exc)
        return
    password, ok = QInputDialog.getText(
        window,
        translate("MainWindow", "Pulihkan dari cadangan"),
        translate(
            "MainWindow",
            "Cadangan %s berisi %s rumah tangga.\nData sekarang diganti (disimpan dulu di "
            "folder 'cadangan').\n\nKetik kata sandi Anda untuk melanjutkan:",
        )
        % (chosen, format_count(info.counts.get("households", 0))),
        QLineEdit.EchoMode.Password,
    )
    if not ok or not password:
        return
    if not window.form.confirm_leave():
        return
    restore(window, info, password)


def restore(window: MainWindow, info: BackupInfo, password: str) -> None:
    """Replace the data with the backup `info` in the worker; the window then closes and
    the app reopens on the restored data, after saying so."""
    from sp_desktop.core.security.backup import restore_backup

    nip = window.installation.account.nip
    data_dir = window.installation.data_dir
    path = info.path
    window.runner.shutdown()  # nothing may still read the database being replaced
    window.idle.pause()  # no lock screen over a closed database
    for timer in (window._search_timer, window._backup_timer):
        timer.stop()
    window.installation.close()
    page = RestorePage(window, info)
    window.pages.addWidget(page)
    window.pages.setCurrentWidget(page)
    window.menuBar().setEnabled(False)
    hold = _HoldClose(window)
    window.installEventFilter(hold)

    def finish(reopen: Installation | None, message: str, warning: bool) -> None:
        window.removeEventFilter(hold)
        window.reopen_with = reopen
        (QMessageBox.warning if warning else QMessageBox.information)(window, APP_NAME, message)
        window.form.discard_changes()
        window.close()

    def done(restored: Installation) -> None:
        households = format_count(info.counts.get("households", 0))
        finish(
            restored,
            translate(
                "MainWindow",
                "Data berhasil dipulihkan dari cadangan %s (%s rumah tangga, dibuat %s).\n\n"
                "Data sebelumnya disimpan di folder 'cadangan'. SP Desktop membuka data yang "
                "dipulihkan sekarang.",
            )
            % (path.name, households, info.created_at.astimezone().strftime("%d/%m/%Y %H:%M")),
            warning=False,
        )

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, UserFacingError):
            window.removeEventFilter(hold)
            raise exc  # a bug: the crash report, as anywhere else
        try:
            again: Installation | None = Installation.open(data_dir, nip, password)
        except UserFacingError:
            again = None
        message = (
            translate("MainWindow", "Data TIDAK dipulihkan; data sebelumnya tetap ada.\n\n%s") % exc
        )
        if again is None:  # the password typed does not open the data here either
            message += "\n\n" + translate(
                "MainWindow", "SP Desktop ditutup. Buka lagi dan masuk seperti biasa."
            )
        finish(again, message, warning=True)

    window.runner.submit(
        lambda context: restore_backup(
            data_dir, path, nip=nip, password=password, progress=context
        ),
        on_progress=page.show_progress,
        on_done=done,
        on_error=failed,
        write=True,
    )
