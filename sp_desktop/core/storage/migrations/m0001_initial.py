"""Migration 0001_initial: helpers, posts, households (and their name index), visits.

Frozen: this file holds the SQL as it was when the migration was written; it must never
follow later code. A change to the schema is a new migration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sp_desktop.core.storage.migrations.common import run

if TYPE_CHECKING:
    import sqlite_utils

NAME = "0001_initial"


def migrate(db: sqlite_utils.Database) -> None:
    run(
        db,
        [
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """CREATE TABLE helpers (
                pk INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                nip TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                opd TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                origin TEXT NOT NULL
            )""",
            """CREATE TABLE posts (
                pk INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                kelurahan_code TEXT NOT NULL,
                address TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                origin TEXT NOT NULL,
                UNIQUE (kelurahan_code, name)
            )""",
            # No KK is unique per installation (origin), not globally: a family entered on
            # two PCs meets itself at sync time, where the duplicate is resolved, not refused.
            """CREATE TABLE households (
                pk INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                no_kk TEXT NOT NULL,
                head_name TEXT NOT NULL,
                head_nik TEXT NOT NULL,
                kelurahan_code TEXT NOT NULL,
                address TEXT NOT NULL DEFAULT '',
                rt TEXT NOT NULL DEFAULT '',
                rw TEXT NOT NULL DEFAULT '',
                members INTEGER NOT NULL DEFAULT 1,
                phone TEXT NOT NULL DEFAULT '',
                help_reason TEXT NOT NULL,
                help_note TEXT NOT NULL DEFAULT '',
                consent INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                origin TEXT NOT NULL,
                latest_outcome TEXT,
                latest_visit_at TEXT NOT NULL DEFAULT '',
                visit_count INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE UNIQUE INDEX households_kk ON households (no_kk, origin)",
            # no_kk rides along so the NIK half of a digit search can skip households the
            # No KK half already listed without reading each row.
            "CREATE INDEX households_nik ON households (head_nik, no_kk)",
            "CREATE INDEX households_kelurahan ON households (kelurahan_code)",
            "CREATE INDEX households_outcome ON households (latest_outcome)",
            # Names only; the rowid is households.pk. detail=none: we need prefix and AND
            # queries, not phrases, and it keeps the index small at a million households.
            """CREATE VIRTUAL TABLE households_fts USING fts5(
                head_name, tokenize = 'unicode61 remove_diacritics 2',
                prefix = '1 2 3', detail = none
            )""",
            """CREATE TABLE visits (
                pk INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                household_id TEXT NOT NULL REFERENCES households (id),
                helper_id TEXT NOT NULL REFERENCES helpers (id),
                post_id TEXT NOT NULL REFERENCES posts (id),
                visited_at TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('berhasil', 'gagal', 'belum')),
                failure_reason TEXT,
                failure_note TEXT NOT NULL DEFAULT '',
                revisit_date TEXT,
                note TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                origin TEXT NOT NULL
            )""",
            "CREATE INDEX visits_household ON visits (household_id, visited_at)",
            "CREATE INDEX visits_helper ON visits (helper_id)",
            "CREATE INDEX visits_post ON visits (post_id)",
        ],
    )
