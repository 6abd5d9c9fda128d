"""Migration 0003_fts_secure_delete: a withdrawn or purged name leaves the FTS index at once.

Frozen: this file holds the SQL as it was when the migration was written; it must never
follow later code. A change to the schema is a new migration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sp_desktop.core.storage.migrations.common import run

if TYPE_CHECKING:
    import sqlite_utils

NAME = "0003_fts_secure_delete"


def migrate(db: sqlite_utils.Database) -> None:
    # FTS5 keeps deleted words in its segments until a merge: with secure-delete a
    # withdrawn or purged name is removed from the index file at once.
    run(db, ["INSERT INTO households_fts (households_fts, rank) VALUES ('secure-delete', 1)"])
