"""Progress and cancellation for slow core work, independent of any GUI toolkit.

The UI's worker wrapper passes a Progress into core functions; the command line passes
one that prints, tests pass the default one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised inside slow work when the user pressed Batal; nothing half-done is kept."""


class Progress:
    def __init__(self, on_report: Callable[[int, int, str], None] | None = None) -> None:
        self._on_report = on_report
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise Cancelled if cancellation was requested; call between units of work."""
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, done: int, total: int, text: str = "") -> None:
        self.check()
        self.tell(done, total, text)

    def tell(self, done: int, total: int, text: str = "") -> None:
        """Report without checking for cancel: for work that may not stop half-way."""
        if self._on_report is not None:
            self._on_report(done, total, text)
