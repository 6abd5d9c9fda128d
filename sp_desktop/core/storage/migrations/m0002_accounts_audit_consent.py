"""Migration 0002_accounts_audit_consent: accounts, the audit trail, consent and erasure columns.

Frozen: this file holds the SQL as it was when the migration was written; it must never
follow later code. A change to the schema is a new migration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sp_desktop.core.storage.migrations.common import run

if TYPE_CHECKING:
    import sqlite_utils

NAME = "0002_accounts_audit_consent"


def migrate(db: sqlite_utils.Database) -> None:
    run(
        db,
        [
            # An account is a helper (petugas) who may sign in; the password lives only in
            # that account's key slot (keyring.py), never in the database.
            """CREATE TABLE accounts (
                pk INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                helper_id TEXT NOT NULL UNIQUE REFERENCES helpers (id),
                role TEXT NOT NULL CHECK (role IN ('petugas', 'koordinator', 'admin')),
                active INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                origin TEXT NOT NULL
            )""",
            # Who entered a household decides who sees its full numbers.
            "ALTER TABLE households ADD COLUMN created_by TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE households ADD COLUMN consent_at TEXT NOT NULL DEFAULT ''",
            # Set when consent is withdrawn or the retention period ends: the row stays as
            # an anonymous count, its personal fields emptied.
            "ALTER TABLE households ADD COLUMN erased_at TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE visits ADD COLUMN created_by TEXT NOT NULL DEFAULT ''",
            # Erased households all have an empty No KK: unique only among the others.
            "DROP INDEX households_kk",
            "CREATE UNIQUE INDEX households_kk ON households (no_kk, origin) WHERE no_kk <> ''",
            """CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                account_id TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                details TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )""",
            "CREATE INDEX audit_log_action ON audit_log (action, seq)",
            "CREATE INDEX audit_log_account ON audit_log (account_id, seq)",
            # Append-only for SP Desktop itself; the hash chain catches anyone going around.
            """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
               BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
            """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
               BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
        ],
    )
