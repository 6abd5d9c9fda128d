"""Migration 0004_signing_slips_proofs: the signing key, issued slips and proof files.

Frozen: this file holds the SQL as it was when the migration was written; it must never
follow later code. A change to the schema is a new migration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sp_desktop.core.storage.migrations.common import run

if TYPE_CHECKING:
    import sqlite_utils

NAME = "0004_signing_slips_proofs"


def migrate(db: sqlite_utils.Database) -> None:
    from sp_desktop.core.domain.model import utc_now
    from sp_desktop.core.trust.signing import Signer

    run(
        db,
        [
            # The installation's own key pair (private_key set) and the public keys of
            # other offices it trusts. Inside the encrypted database, so a stolen PC's
            # disk gives no one the power to sign in this office's name.
            """CREATE TABLE signing_keys (
                pk INTEGER PRIMARY KEY,
                key_id TEXT NOT NULL UNIQUE,
                public_key BLOB NOT NULL,
                private_key BLOB,
                office TEXT NOT NULL DEFAULT '',
                kelurahan_code TEXT NOT NULL DEFAULT '',
                added_at TEXT NOT NULL,
                added_by TEXT NOT NULL DEFAULT ''
            )""",
            # Every slip handed out, so its short code can be looked up where it was issued.
            """CREATE TABLE slips (
                pk INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                visit_id TEXT NOT NULL,
                qr_text TEXT NOT NULL,
                key_id TEXT NOT NULL,
                first_issued_at TEXT NOT NULL,
                issued_by TEXT NOT NULL,
                times_issued INTEGER NOT NULL DEFAULT 1
            )""",
            "CREATE INDEX slips_visit ON slips (visit_id)",
            # The household's own proof of completion ("bukti pengisian"): often the only
            # copy there is, so it lives in the database (same transaction, same backups,
            # same encryption) and nothing but an erasure ever removes it. Content last:
            # listing the files then never reads the blobs' overflow pages.
            """CREATE TABLE proof_files (
                pk INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                visit_id TEXT NOT NULL REFERENCES visits (id),
                household_id TEXT NOT NULL REFERENCES households (id),
                filename TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                origin TEXT NOT NULL,
                erased_at TEXT NOT NULL DEFAULT '',
                content BLOB NOT NULL
            )""",
            "CREATE INDEX proof_files_visit ON proof_files (visit_id)",
            "CREATE INDEX proof_files_household ON proof_files (household_id)",
            # Reports by period.
            "CREATE INDEX visits_visited_at ON visits (visited_at)",
        ],
    )
    private_raw = Signer.new_private_key()
    public = Signer(private_raw).public_key
    db.execute(
        "INSERT INTO signing_keys (key_id, public_key, private_key, added_at) VALUES (?, ?, ?, ?)",
        [public.key_id, public.raw, private_raw, utc_now()],
    )
