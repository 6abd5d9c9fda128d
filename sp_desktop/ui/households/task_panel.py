"""Showing slow work while it runs: a progress bar with Batal, in a dialog or on its own.

Both run the work through the TaskRunner (off the GUI thread) and offer the same small
interface, `run(fn, on_done, always=...)`, so a document can be saved or printed from a
dialog that has its own progress bar (TaskPanel) or from the form, which has none
(ProgressWindow). A UserFacingError is shown as its message; anything else is a bug and
goes to the runner's `failed` signal, which the main window turns into a crash report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop import APP_NAME
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.ui.operations import NOTHING, ChangeBus, Changes, run_write
from sp_desktop.ui.widgets import MessageLine
from sp_desktop.ui.worker import TaskContext, TaskHandle, TaskRunner

Work = Callable[[TaskContext], Any]


class RunTask(Protocol):
    def __call__(
        self,
        fn: Work,
        on_done: Callable[[Any], None],
        *,
        always: Callable[[], None] | None = None,
    ) -> None: ...


def _fraction(bar: QProgressBar | QProgressDialog, done: int, total: int) -> None:
    if total <= 0:
        bar.setRange(0, 0)  # moving stripes: how long is not known yet
        return
    # Progress bars take int; 100k rows would overflow nothing, but keep it to per-mille.
    bar.setRange(0, 1000)
    bar.setValue(min(1000, int(done * 1000 / total)))


class TaskPanel(QWidget):
    """Inside a dialog: what is being done, a progress bar and Batal; one task at a time.
    The outcome goes to `message` (a MessageLine the dialog places where it likes). A task
    that writes says what it `changes`; once it succeeds, `bus` tells every open view."""

    busy_changed = Signal(bool)

    def __init__(
        self, runner: TaskRunner, parent: QWidget | None = None, *, bus: ChangeBus | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.bus = bus
        self._handle: TaskHandle | None = None
        self._token = 0
        self._running = False
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setFormat("%p%")
        self.cancel_button = QPushButton(self.tr("Bata&l"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.message = MessageLine(self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._show_running(False)

    @property
    def busy(self) -> bool:
        return self._running

    def _show_running(self, running: bool) -> None:
        self._running = running
        self.status.setVisible(running)
        self.bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)

    def run(
        self,
        fn: Work,
        on_done: Callable[[Any], None],
        *,
        always: Callable[[], None] | None = None,
        status: str = "",
        cancelled_text: str = "",
        changes: Changes | Callable[[Any], Changes] = NOTHING,
        initiator: object | None = None,
    ) -> None:
        if self._running:
            return
        self._token += 1
        token = self._token
        self.message.clear_message()
        self.status.setText(status or self.tr("Sedang dikerjakan…"))
        self.bar.setRange(0, 0)
        self._show_running(True)
        self.busy_changed.emit(True)

        def finish() -> bool:
            if token != self._token:
                return False  # a newer task took over (cannot happen while one runs)
            self._handle = None
            self._show_running(False)
            self.busy_changed.emit(False)
            return True

        def done(result: Any) -> None:
            if finish():
                try:
                    on_done(result)
                finally:
                    if always is not None:
                        always()

        def failed(exc: BaseException) -> None:
            if finish():
                if always is not None:
                    always()
                if isinstance(exc, UserFacingError):
                    self.message.show_message(str(exc), "error")
                else:
                    self.message.show_message(
                        self.tr("Terjadi kesalahan program; tidak ada yang disimpan."), "error"
                    )
                    self.runner.failed.emit(exc)

        def cancelled() -> None:
            if finish():
                if always is not None:
                    always()
                self.message.show_message(
                    cancelled_text or self.tr("Dibatalkan; tidak ada yang disimpan."), "warn"
                )

        def progress(done_: int, total: int, text: str) -> None:
            if token == self._token and self._running:
                _fraction(self.bar, done_, total)
                if text:
                    self.status.setText(text)

        if changes is NOTHING:  # a read (a document, an export): the ordinary lane
            handle = self.runner.submit(
                fn, on_done=done, on_error=failed, on_cancelled=cancelled, on_progress=progress
            )
        else:  # a write: through the operation helper, announced on the bus after `on_done`
            handle = run_write(
                self.runner,
                self.bus,
                fn,
                changes=changes,
                on_done=done,
                on_error=failed,
                on_cancelled=cancelled,
                on_progress=progress,
                initiator=initiator,
            )
        if self._running and token == self._token:
            self._handle = handle

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Membatalkan…"))


class ProgressWindow:
    """For work started where there is no room for a progress bar (the household form):
    a small window with the bar and Batal, shown only when the work takes a moment."""

    def __init__(self, parent: QWidget, runner: TaskRunner, title: str) -> None:
        self.parent = parent
        self.runner = runner
        self.title = title

    def __call__(
        self,
        fn: Work,
        on_done: Callable[[Any], None],
        *,
        always: Callable[[], None] | None = None,
    ) -> None:
        parent = self.parent
        cancel = QCoreApplication.translate("ProgressWindow", "Batal")
        dialog = QProgressDialog(self.title, cancel, 0, 0, parent)
        dialog.setWindowTitle(APP_NAME)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        finished = False
        connected = False

        def close() -> None:
            nonlocal finished
            finished = True
            if connected:
                dialog.canceled.disconnect()
            dialog.reset()  # stops the timer that would show it later
            dialog.close()
            dialog.deleteLater()

        def close_and_clean() -> None:
            close()
            if always is not None:
                always()

        def done(result: Any) -> None:
            close()
            try:
                on_done(result)
            finally:
                if always is not None:
                    always()

        def failed(exc: BaseException) -> None:
            close_and_clean()
            if isinstance(exc, UserFacingError):
                QMessageBox.warning(parent, APP_NAME, str(exc))
            else:
                self.runner.failed.emit(exc)

        def progress(done_: int, total: int, text: str) -> None:
            if not finished:
                _fraction(dialog, done_, total)
                if text:
                    dialog.setLabelText(text)

        handle = self.runner.submit(
            fn, on_done=done, on_error=failed, on_cancelled=close_and_clean, on_progress=progress
        )
        if not finished:
            dialog.canceled.connect(handle.cancel)
            connected = True
            dialog.setValue(0)  # starts the timer that shows it after a moment


class TaskDialog(QDialog):
    """A dialog whose work runs in its TaskPanel (set `self.panel`, then `watch_panel()`).

    Esc or Tutup while working stops the work (like Batal) and the dialog stays open to
    say so; closing the window (or the screen locking for another user) stops it and
    closes once it has stopped. `_closing()` is the hook for what must stop with it.
    """

    panel: TaskPanel
    _close_when_stopped = False

    def watch_panel(self) -> None:
        self.panel.busy_changed.connect(self._close_if_stopped)

    def _close_if_stopped(self, busy: bool) -> None:
        if not busy and self._close_when_stopped:
            QTimer.singleShot(0, self.reject)

    def _closing(self) -> None:
        """Called just before the dialog closes (no work is running then)."""

    def reject(self) -> None:
        if self.panel.busy:
            self.panel.cancel()
            return
        self._closing()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.panel.busy:
            self._close_when_stopped = True
            self.panel.cancel()
            event.ignore()
            return
        self._closing()
        super().closeEvent(event)
