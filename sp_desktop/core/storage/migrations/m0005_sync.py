"""Migration 0005_sync: sync (revision trees, pending marks, peers);
NIP and post names become unique per installation only.

Frozen: this file holds the SQL as it was when the migration was written; it must never
follow later code. A change to the schema is a new migration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sp_desktop.core.storage.migrations.common import run

if TYPE_CHECKING:
    import sqlite_utils

NAME = "0005_sync"


def migrate(db: sqlite_utils.Database) -> None:
    statements = [
        # The same person or post registered on two PCs meets itself at sync time: NIP and
        # post name are unique per installation (checked on save), not across them. SQLite
        # cannot drop a column's UNIQUE: rebuild both small tables (foreign keys are off
        # during migrations, see _migrate).
        """CREATE TABLE helpers_new (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            nip TEXT NOT NULL,
            name TEXT NOT NULL,
            opd TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            origin TEXT NOT NULL
        )""",
        "INSERT INTO helpers_new SELECT pk, id, nip, name, opd, phone, created_at, "
        "updated_at, origin FROM helpers",
        "DROP TABLE helpers",
        "ALTER TABLE helpers_new RENAME TO helpers",
        "CREATE INDEX helpers_nip ON helpers (nip)",
        """CREATE TABLE posts_new (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kelurahan_code TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            origin TEXT NOT NULL
        )""",
        "INSERT INTO posts_new SELECT pk, id, name, kelurahan_code, address, created_at, "
        "updated_at, origin FROM posts",
        "DROP TABLE posts",
        "ALTER TABLE posts_new RENAME TO posts",
        "CREATE INDEX posts_kelurahan_name ON posts (kelurahan_code, name)",
        # Likewise a family entered twice: found and merged in the duplicates review.
        "DROP INDEX households_kk",
        "CREATE INDEX households_kk ON households (no_kk) WHERE no_kk <> ''",
        # One row per synced document: its revision tree (leaf paths, JSON, see
        # revisions.py), the winning revision, and `seq`, this installation's change
        # counter, which exports and pushes follow. The winner's body is the record in
        # its own table; `parked` winners wait in sync_bodies for a record they refer to.
        """CREATE TABLE sync_docs (
            doc_id TEXT PRIMARY KEY,
            rev TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            leaves TEXT NOT NULL,
            seq INTEGER NOT NULL,
            conflicted INTEGER NOT NULL DEFAULT 0,
            parked INTEGER NOT NULL DEFAULT 0,
            -- 1 when the newest revision was made on this PC (what "not yet sent" counts)
            local INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID""",
        "CREATE INDEX sync_docs_seq ON sync_docs (seq)",
        "CREATE INDEX sync_docs_conflicted ON sync_docs (conflicted) WHERE conflicted = 1",
        "CREATE INDEX sync_docs_parked ON sync_docs (parked) WHERE parked = 1",
        # Bodies of live leaves that are not in the record tables: the losing sides of a
        # conflict (kept until someone resolves them) and parked winners.
        """CREATE TABLE sync_bodies (
            doc_id TEXT NOT NULL,
            rev TEXT NOT NULL,
            body TEXT NOT NULL,
            content BLOB,
            PRIMARY KEY (doc_id, rev)
        ) WITHOUT ROWID""",
        # Records changed here and not yet given a revision: filled by triggers, so no
        # write path can forget it; emptied when revisions are made (before an export or
        # a sync), which folds many saves of one record into one revision.
        "CREATE TABLE sync_pending (doc_id TEXT PRIMARY KEY) WITHOUT ROWID",
        # What this installation knows of each hub or bundle source it syncs with.
        """CREATE TABLE sync_peers (
            peer TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT '{}',
            last_sync_at TEXT NOT NULL DEFAULT ''
        )""",
        # Bundles already imported (by the SHA-256 of their signed manifest).
        """CREATE TABLE sync_imports (
            manifest_sha256 TEXT PRIMARY KEY,
            imported_at TEXT NOT NULL,
            installation_id TEXT NOT NULL,
            summary TEXT NOT NULL
        )""",
        # Each synced record marks itself pending whenever it is written (update: only
        # when a column its document carries changes); what exists already is pending.
        """CREATE TRIGGER helpers_sync_insert AFTER INSERT ON helpers
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('petugas:' || NEW.id);
            END""",
        """CREATE TRIGGER helpers_sync_update AFTER UPDATE OF nip, name, opd, phone, created_at,
            updated_at, origin ON helpers
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('petugas:' || OLD.id);
                INSERT OR IGNORE INTO sync_pending VALUES ('petugas:' || NEW.id);
            END""",
        """CREATE TRIGGER helpers_sync_delete AFTER DELETE ON helpers
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('petugas:' || OLD.id);
            END""",
        "INSERT OR IGNORE INTO sync_pending SELECT 'petugas:' || id FROM helpers",
        """CREATE TRIGGER posts_sync_insert AFTER INSERT ON posts
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('posko:' || NEW.id);
            END""",
        """CREATE TRIGGER posts_sync_update AFTER UPDATE OF name, kelurahan_code, address,
            created_at, updated_at, origin ON posts
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('posko:' || OLD.id);
                INSERT OR IGNORE INTO sync_pending VALUES ('posko:' || NEW.id);
            END""",
        """CREATE TRIGGER posts_sync_delete AFTER DELETE ON posts
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('posko:' || OLD.id);
            END""",
        "INSERT OR IGNORE INTO sync_pending SELECT 'posko:' || id FROM posts",
        """CREATE TRIGGER households_sync_insert AFTER INSERT ON households
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('rumah_tangga:' || NEW.id);
            END""",
        """CREATE TRIGGER households_sync_update AFTER UPDATE OF no_kk, head_name, head_nik,
            kelurahan_code, address, rt, rw, members, phone, help_reason, help_note, consent,
            created_at, updated_at, origin, created_by, consent_at, erased_at ON households
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('rumah_tangga:' || OLD.id);
                INSERT OR IGNORE INTO sync_pending VALUES ('rumah_tangga:' || NEW.id);
            END""",
        """CREATE TRIGGER households_sync_delete AFTER DELETE ON households
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('rumah_tangga:' || OLD.id);
            END""",
        "INSERT OR IGNORE INTO sync_pending SELECT 'rumah_tangga:' || id FROM households",
        """CREATE TRIGGER visits_sync_insert AFTER INSERT ON visits
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('kunjungan:' || NEW.id);
            END""",
        """CREATE TRIGGER visits_sync_update AFTER UPDATE OF household_id, helper_id, post_id,
            visited_at, outcome, failure_reason, failure_note, revisit_date, note, created_at,
            updated_at, origin, created_by ON visits
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('kunjungan:' || OLD.id);
                INSERT OR IGNORE INTO sync_pending VALUES ('kunjungan:' || NEW.id);
            END""",
        """CREATE TRIGGER visits_sync_delete AFTER DELETE ON visits
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('kunjungan:' || OLD.id);
            END""",
        "INSERT OR IGNORE INTO sync_pending SELECT 'kunjungan:' || id FROM visits",
        """CREATE TRIGGER proof_files_sync_insert AFTER INSERT ON proof_files
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('bukti:' || NEW.id);
            END""",
        """CREATE TRIGGER proof_files_sync_update AFTER UPDATE OF visit_id, household_id, filename,
            media_type, size, sha256, created_at, created_by, origin, erased_at ON proof_files
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('bukti:' || OLD.id);
                INSERT OR IGNORE INTO sync_pending VALUES ('bukti:' || NEW.id);
            END""",
        """CREATE TRIGGER proof_files_sync_delete AFTER DELETE ON proof_files
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('bukti:' || OLD.id);
            END""",
        "INSERT OR IGNORE INTO sync_pending SELECT 'bukti:' || id FROM proof_files",
    ]
    run(db, statements)
    if db.execute("PRAGMA foreign_key_check").fetchall():
        raise RuntimeError("foreign keys broken by migration 0005")
