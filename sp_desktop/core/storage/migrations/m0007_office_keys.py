"""Migration 0007_office_keys: the office's private keys sealed per tier, role grants,
each office's exchange and helpers' keys beside its signing key, and the indexes a
petugas's own-households search needs.

Frozen: this file holds the SQL as it was when the migration was written; it must never
follow later code. A change to the schema is a new migration.

The keys themselves move at the first admin sign-in after the update (they need the tier
keys, which no migration holds): until then `signing_keys.private_key` keeps the key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sp_desktop.core.storage.migrations.common import run

if TYPE_CHECKING:
    import sqlite_utils

NAME = "0007_office_keys"


def migrate(db: sqlite_utils.Database) -> None:
    run(
        db,
        [
            # One row per private key, AES-GCM under its tier's key (trust/office_keys.py).
            """CREATE TABLE office_secrets (
                name TEXT PRIMARY KEY,
                tier TEXT NOT NULL,
                nonce BLOB NOT NULL,
                sealed BLOB NOT NULL,
                created_at TEXT NOT NULL
            )""",
            # Own keys by flag: 1 the office key (its private half leaves this table for
            # office_secrets), 2 the helpers' key (slips, working lists; every account
            # signs with it), 0 another office's.
            "ALTER TABLE signing_keys ADD COLUMN own INTEGER NOT NULL DEFAULT 0",
            "UPDATE signing_keys SET own = 1 WHERE private_key IS NOT NULL",
            # 'kantor' or 'petugas'; a helpers' key carries its office key's certificate.
            "ALTER TABLE signing_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'kantor'",
            "ALTER TABLE signing_keys ADD COLUMN certificate TEXT NOT NULL DEFAULT ''",
            # A helpers' key's office key (its key_id); '' for an office key. An office key's
            # `certificate` is its signature over its exchange key.
            "ALTER TABLE signing_keys ADD COLUMN parent TEXT NOT NULL DEFAULT ''",
            # The office's age recipient for sealed bundles ('' for an old .spkunci).
            "ALTER TABLE signing_keys ADD COLUMN exchange_key TEXT NOT NULL DEFAULT ''",
            # The account's own age recipient and its signed grant ('' before the upgrade).
            "ALTER TABLE accounts ADD COLUMN recipient TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE accounts ADD COLUMN grant_sig TEXT NOT NULL DEFAULT ''",
            # A petugas's digit search covers only the households they entered
            # (storage/households.py): these keep it as fast as everyone else's.
            "CREATE INDEX households_creator_kk ON households (created_by, no_kk) "
            "WHERE no_kk <> ''",
            "CREATE INDEX households_creator_nik ON households (created_by, head_nik, no_kk)",
        ],
    )
