"""Every change to the data goes through `run_write`, and every open view hears of it.

Modelled on Anki's CollectionOp and its `operation_did_execute` hook: the write runs off
the GUI thread through the one TaskRunner; once it has succeeded, the window's ChangeBus
announces what it touched (`Changes`), and each open view (the household list, the status
bar, the dashboard, the staff screen...) reloads what it shows of that. Nobody has to know
which other windows are open.

A refusal (UserFacingError) goes to the caller's `on_refused`, which shows it where the
person is looking (under a field, in a banner) and leaves what was typed alone; without
one, and for anything else, it goes to the runner's `failed` signal, which the main window
shows as a message box (or a crash report for a bug).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Signal

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.ui.worker import TaskContext, TaskHandle, TaskRunner

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a write touched, as coarse as the views need it."""

    household_set: bool = False  # households added or removed: lists must search again
    households: bool = False  # a household's own fields (name, address, consent...)
    visits: bool = False
    proofs: bool = False  # proof files of visits
    staff: bool = False  # the staff roster, a status or a staff member's proof
    targets: bool = False
    people: bool = False  # helpers and posts
    accounts: bool = False
    keys: bool = False  # trusted signing keys
    settings: bool = False
    sync: bool = False  # what is sent or received, conflicts

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in _FIELDS})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in _FIELDS)

    @property
    def household_rows(self) -> bool:
        """The household list shows something else (rows, outcomes, names)."""
        return self.household_set or self.households or self.visits

    @property
    def figures(self) -> bool:
        """The monitoring figures (dashboard, staff screen) may be different."""
        return self.staff or self.targets or self.household_rows or self.people

    @property
    def unsent(self) -> bool:
        """The status bar's 'Belum terkirim' and conflict counts may be different."""
        return self.sync or self.figures or self.proofs


_FIELDS = fields(Changes)
NOTHING = Changes()
# An import, a sync or a merge may touch any record.
ALL_DATA = Changes(
    household_set=True, households=True, visits=True, proofs=True, staff=True, targets=True,
    people=True, sync=True,
)  # fmt: skip


class ChangeBus(QObject):
    """One per main window (one signed-in session). `data_changed(changes, initiator)`:
    `initiator` is the object that made the change (or None), so it can skip reloading
    what it has already shown itself."""

    data_changed = Signal(object, object)

    def announce(self, changes: Changes, initiator: object | None = None) -> None:
        if changes:
            self.data_changed.emit(changes, initiator)


def run_write(
    runner: TaskRunner,
    bus: ChangeBus | None,
    fn: Callable[[TaskContext], T],
    *,
    changes: Changes | Callable[[T], Changes],
    on_done: Callable[[T], None] | None = None,
    on_refused: Callable[[UserFacingError], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    initiator: object | None = None,
    wait: bool = False,
) -> TaskHandle:
    """Run the write `fn(context)` off the GUI thread, in the runner's write lane (never
    queued behind long reads); on success call `on_done(result)`, then announce `changes`
    (or `changes(result)`, for a write that may change nothing).

    `on_error` takes every failure itself; otherwise a UserFacingError goes to `on_refused`
    and the rest to the runner's `failed` signal. With `wait`, the call returns only once
    the write has ended and its callbacks have run: for a form whose caller needs the
    answer at once ("save, then go on"). The window keeps painting meanwhile, and what is
    typed then is held back until the write is done, so it cannot be lost or marked saved.
    """

    def done(result: T) -> None:
        if on_done is not None:
            on_done(result)
        if bus is not None:
            bus.announce(changes(result) if callable(changes) else changes, initiator)

    def failed(exc: BaseException) -> None:
        if on_error is not None:
            on_error(exc)
        elif isinstance(exc, UserFacingError) and on_refused is not None:
            on_refused(exc)
        else:
            runner.failed.emit(exc)

    if not wait or runner.synchronous:
        return runner.submit(
            fn,
            on_done=done,
            on_error=failed,
            on_progress=on_progress,
            on_cancelled=on_cancelled,
            write=True,
        )
    return _submit_and_wait(runner, fn, done, failed, on_cancelled)


def _submit_and_wait(
    runner: TaskRunner,
    fn: Callable[[TaskContext], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
    on_cancelled: Callable[[], None] | None,
) -> TaskHandle:
    loop = QEventLoop()
    ended: list[Callable[[], None]] = []

    def end(then: Callable[[], None]) -> None:
        ended.append(then)
        loop.quit()

    handle = runner.submit(
        fn,
        on_done=lambda result: end(lambda: done(result)),
        on_error=lambda exc: end(lambda: failed(exc)),
        on_cancelled=lambda: end(on_cancelled or (lambda: None)),
        write=True,
    )
    while not ended:
        # Keyboard and mouse wait in the queue (they arrive, in order, after the write).
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    ended[0]()  # outside the nested loop: callbacks run as if the call were synchronous
    return handle
