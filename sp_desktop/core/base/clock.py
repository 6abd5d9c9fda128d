"""The one clock: every "now" and "today" of the core and the UI comes from here.

The app runs on the PC's clock. Office PCs with a dead BIOS battery run on wrong dates, so
nothing may assume the date the code or a test was written on:
- tests pin the clock (`pinned`) where a date matters, and the whole suite can be shifted
  (`pytest --clock-offset-days=N`, which sets `SP_DESKTOP_CLOCK_OFFSET_DAYS` so that the CLI
  and the helper processes the tests start are shifted the same way);
- SQL never asks SQLite for 'now': the time is passed in from here.

Monotonic time (timeouts, waits, benchmarks) is not "now" and stays with `time.monotonic`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

OFFSET_VARIABLE = "SP_DESKTOP_CLOCK_OFFSET_DAYS"


class Clock:
    """The system clock, shifted by `offset` (none in the app unless the variable says so)."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def utc_now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def now(self) -> datetime:
        """Local time, with its UTC offset."""
        return self.utc_now().astimezone()

    def today(self) -> date:
        return self.now().date()


class FixedClock(Clock):
    """A clock that says `moment` until it is moved on; for tests and benchmarks."""

    def __init__(self, moment: datetime) -> None:
        super().__init__()
        # A naive moment is the PC's local time, as everywhere else in the app.
        self.moment = moment.astimezone(UTC)

    def utc_now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


def offset_from_environment() -> timedelta:
    raw = os.environ.get(OFFSET_VARIABLE, "").strip()
    try:
        return timedelta(days=float(raw)) if raw else timedelta(0)
    except (ValueError, OverflowError):
        return timedelta(0)  # a mistyped developer setting must not stop the app


_current: Clock = Clock(offset_from_environment())


def current() -> Clock:
    return _current


def install(clock: Clock) -> Clock:
    """Make `clock` the one clock; returns the one it replaces."""
    global _current
    previous, _current = _current, clock
    return previous


@contextmanager
def pinned(moment: datetime) -> Iterator[Clock]:
    """The clock set to `moment` and running on from there (records made one after another
    keep their order); a naive moment is the PC's local time."""
    previous = install(Clock(moment.astimezone(UTC) - datetime.now(UTC)))
    try:
        yield _current
    finally:
        install(previous)


def utc_now() -> datetime:
    return _current.utc_now()


def now() -> datetime:
    """Local time, with its UTC offset."""
    return _current.now()


def local_now() -> datetime:
    """Local time without an offset: for file names and times of day shown to people."""
    return _current.now().replace(tzinfo=None)


def today() -> date:
    return _current.today()
