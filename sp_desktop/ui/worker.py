"""The one way the UI runs slow work: off the GUI thread, with progress and cancel.

`TaskRunner.submit(fn, ...)` runs `fn(context)` on a pool thread. `context` is a core
`Progress` (report/check/cancel) plus `partial(value)` for results that arrive in pieces.
Callbacks always run on the GUI thread, so they may touch widgets. Failures go to
`on_error`, or to the runner's `failed` signal, which the main window turns into a message.
Tests build the runner with `synchronous=True`: everything then runs inline.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from sp_desktop.core.base.progress import Cancelled, Progress

Callback = Callable[..., object]  # what a callback returns is ignored


class TaskContext(Progress):
    def __init__(
        self,
        bridge: _Bridge | None,
        on_partial: Callback | None,
        on_progress: Callback | None = None,
    ) -> None:
        if bridge is not None:
            super().__init__(lambda done, total, text: bridge.progress.emit(done, total, text))
        elif on_progress is not None:  # inline: reported straight to the caller
            report = on_progress

            def forward(done: int, total: int, text: str) -> None:
                report(done, total, text)

            super().__init__(forward)
        else:
            super().__init__(None)
        self._bridge = bridge
        self._on_partial = on_partial

    def partial(self, value: object) -> None:
        self.check()
        if self._bridge is not None:
            self._bridge.partial.emit(value)
        elif self._on_partial is not None:
            self._on_partial(value)


class TaskHandle:
    def __init__(self, task_id: int, context: TaskContext) -> None:
        self.id = task_id
        self._context = context

    def cancel(self) -> None:
        self._context.cancel()

    @property
    def cancelled(self) -> bool:
        return self._context.cancelled


class _Bridge(QObject):
    """Lives on the GUI thread. The pool thread emits its signals; they reach the bridge's
    own slots queued, so every callback runs on the GUI thread (a plain-function
    connection would not guarantee that)."""

    progress = Signal(int, int, str)
    partial = Signal(object)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.on_progress: Callback | None = None
        self.on_partial: Callback | None = None
        self.on_done: Callback = lambda result: None
        self.on_failed: Callback = lambda exc: None
        self.on_cancelled: Callback = lambda: None
        self.progress.connect(self._progress)
        self.partial.connect(self._partial)
        self.done.connect(self._done)
        self.failed.connect(self._failed)
        self.cancelled.connect(self._cancelled)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total, text)

    @Slot(object)
    def _partial(self, value: object) -> None:
        if self.on_partial is not None:
            self.on_partial(value)

    @Slot(object)
    def _done(self, result: object) -> None:
        self.on_done(result)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.on_failed(exc)

    @Slot()
    def _cancelled(self) -> None:
        self.on_cancelled()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any], context: TaskContext, bridge: _Bridge):
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._context = context
        self._bridge = bridge

    def run(self) -> None:
        try:
            result = self._fn(self._context)
        except Cancelled:
            self._bridge.cancelled.emit()
        except BaseException as exc:  # routed to the GUI thread's single error path
            self._bridge.failed.emit(exc)
        else:
            if self._context.cancelled:
                self._bridge.cancelled.emit()
            else:
                self._bridge.done.emit(result)


class TaskRunner(QObject):
    """Runs tasks on its own small thread pool; `failed` reports errors nobody handled."""

    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        # Writes get a lane of their own: a save must not queue behind a long search, a
        # dashboard count or a backup holding both threads. One thread: writes in order.
        self._write_pool = QThreadPool(self)
        self._write_pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._active: dict[int, tuple[_Bridge, TaskHandle]] = {}

    def submit(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        on_progress: Callback | None = None,
        on_partial: Callback | None = None,
        on_cancelled: Callback | None = None,
        write: bool = False,
    ) -> TaskHandle:
        task_id = next(self._ids)
        if self.synchronous:
            return self._run_inline(
                task_id, fn, on_done, on_error, on_progress, on_partial, on_cancelled
            )
        bridge = _Bridge()
        context = TaskContext(bridge, None)
        handle = TaskHandle(task_id, context)
        bridge.on_progress = on_progress
        if on_partial is not None:
            # A cancelled task's queued pieces are dropped: its caller has moved on.
            bridge.on_partial = lambda v: None if handle.cancelled else on_partial(v)

        def done(result: object) -> None:
            # A task cancelled after it finished reports as cancelled, never its result:
            # its caller moved on, but may be waiting for the work to stop.
            if handle.cancelled:
                self._finish(task_id, on_cancelled)
            else:
                self._finish(task_id, on_done, result)

        bridge.on_done = done
        bridge.on_failed = lambda exc: self._finish_error(task_id, on_error, exc)
        bridge.on_cancelled = lambda: self._finish(task_id, on_cancelled)
        was_idle = not self._active
        self._active[task_id] = (bridge, handle)
        if was_idle:
            self.busy_changed.emit(True)
        (self._write_pool if write else self._pool).start(_Runnable(fn, context, bridge))
        return handle

    def _run_inline(
        self,
        task_id: int,
        fn: Callable[[TaskContext], Any],
        on_done: Callback | None,
        on_error: Callback | None,
        on_progress: Callback | None,
        on_partial: Callback | None,
        on_cancelled: Callback | None,
    ) -> TaskHandle:
        context = TaskContext(None, on_partial, on_progress)
        handle = TaskHandle(task_id, context)
        try:
            result = fn(context)
        except Cancelled:
            if on_cancelled is not None:
                on_cancelled()
        except Exception as exc:
            self._report_error(on_error, exc)
        else:
            if on_done is not None:
                on_done(result)
        return handle

    def _finish(self, task_id: int, callback: Callback | None, *args: object) -> None:
        self._forget(task_id)
        if callback is not None:
            callback(*args)

    def _finish_error(self, task_id: int, callback: Callback | None, exc: BaseException) -> None:
        self._forget(task_id)
        self._report_error(callback, exc)

    def _report_error(self, callback: Callback | None, exc: BaseException) -> None:
        if callback is not None:
            callback(exc)
        else:
            self.failed.emit(exc)

    def _forget(self, task_id: int) -> None:
        entry = self._active.pop(task_id, None)
        if entry is not None:
            entry[0].deleteLater()
        if entry is not None and not self._active:
            self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def cancel_all(self) -> None:
        for _, handle in list(self._active.values()):
            handle.cancel()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything and wait for the threads; call before closing storage."""
        self.cancel_all()
        writes_done = self._write_pool.waitForDone(timeout_ms)
        return self._pool.waitForDone(timeout_ms) and writes_done
