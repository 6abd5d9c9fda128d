"""What every migration uses (apart, so a migration file imports only this)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

MigrationFn = Callable[["sqlite_utils.Database"], None]


def run(db: sqlite_utils.Database, statements: Sequence[str]) -> None:
    # db.executescript() would COMMIT the migration's transaction; run one statement at a time.
    for statement in statements:
        db.execute(statement)
