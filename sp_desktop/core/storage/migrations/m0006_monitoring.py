"""Migration 0006_monitoring: monitoring (staff, updates, proofs, targets), the
OPD admin role and the household tally.

Frozen: this file holds the SQL as it was when the migration was written; it must never
follow later code. A change to the schema is a new migration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sp_desktop.core.storage.migrations.common import run

if TYPE_CHECKING:
    import sqlite_utils

NAME = "0006_monitoring"


def migrate(db: sqlite_utils.Database) -> None:
    statements = [
        # The city's ASN staff per office (OPD), one row per person; `status*` are derived
        # from their updates (the latest), like a household's latest outcome from visits.
        # NIP is unique per installation (checked on save), not across them (0005).
        """CREATE TABLE staff (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            nip TEXT NOT NULL,
            name TEXT NOT NULL,
            opd TEXT NOT NULL COLLATE NOCASE,
            unit TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            origin TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'belum',
            status_date TEXT NOT NULL DEFAULT '',
            status_reason TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX staff_nip ON staff (nip)",
        # Covers the dashboard's count per office and status.
        "CREATE INDEX staff_opd ON staff (opd, active, status, status_date)",
        "CREATE INDEX staff_name ON staff (name COLLATE NOCASE)",
        """CREATE TABLE staff_updates (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            staff_id TEXT NOT NULL REFERENCES staff (id),
            status TEXT NOT NULL CHECK (status IN ('sudah', 'gagal', 'belum')),
            status_date TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL
        )""",
        "CREATE INDEX staff_updates_staff ON staff_updates (staff_id, status_date, created_at)",
        # A staff member's own proof of completion: kept like a household's (0004).
        """CREATE TABLE staff_proof_files (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            update_id TEXT NOT NULL REFERENCES staff_updates (id),
            staff_id TEXT NOT NULL REFERENCES staff (id),
            filename TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            origin TEXT NOT NULL,
            content BLOB NOT NULL
        )""",
        "CREATE INDEX staff_proof_files_staff ON staff_proof_files (staff_id)",
        "CREATE INDEX staff_proof_files_update ON staff_proof_files (update_id)",
        # Targets per OPD (percent of its ASN) and per kelurahan (households berhasil).
        """CREATE TABLE targets (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            scope TEXT NOT NULL CHECK (scope IN ('opd', 'kelurahan')),
            key TEXT NOT NULL COLLATE NOCASE,
            value INTEGER NOT NULL,
            deadline TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            origin TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX targets_scope_key ON targets (scope, key)",
        # Accounts gain the OPD administrator's role (a CHECK cannot be altered: rebuild).
        """CREATE TABLE accounts_new (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            helper_id TEXT NOT NULL UNIQUE REFERENCES helpers (id),
            role TEXT NOT NULL
                CHECK (role IN ('petugas', 'admin_opd', 'koordinator', 'admin')),
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            origin TEXT NOT NULL
        )""",
        "INSERT INTO accounts_new SELECT pk, id, helper_id, role, active, created_at, "
        "updated_at, origin FROM accounts",
        "DROP TABLE accounts",
        "ALTER TABLE accounts_new RENAME TO accounts",
        # Households are counted per post and helper of their latest visit (derived).
        "ALTER TABLE households ADD COLUMN latest_post_id TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE households ADD COLUMN latest_helper_id TEXT NOT NULL DEFAULT ''",
        """UPDATE households SET
            latest_post_id = coalesce((SELECT post_id FROM visits WHERE household_id =
                households.id ORDER BY visited_at DESC, created_at DESC LIMIT 1), ''),
            latest_helper_id = coalesce((SELECT helper_id FROM visits WHERE household_id =
                households.id ORDER BY visited_at DESC, created_at DESC LIMIT 1), '')
           WHERE visit_count > 0""",
        # Households per kelurahan / post / helper and latest outcome, kept by triggers so
        # the dashboard reads a few hundred rows, not a million (a GROUP BY over the
        # households of a large city takes seconds).
        """CREATE TABLE household_tally (
            dimension TEXT NOT NULL,
            key TEXT NOT NULL,
            outcome TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (dimension, key, outcome)
        ) WITHOUT ROWID""",
        # Filled from the households as they are, then kept by the triggers below
        # (dimensions: kelurahan_code, latest_post_id, latest_helper_id).
        "DELETE FROM household_tally",
        "INSERT INTO household_tally SELECT 'kelurahan', kelurahan_code, "
        "coalesce(latest_outcome, ''), count(*) FROM households NOT INDEXED "
        "GROUP BY kelurahan_code, coalesce(latest_outcome, '')",
        "INSERT INTO household_tally SELECT 'posko', latest_post_id, "
        "coalesce(latest_outcome, ''), count(*) FROM households NOT INDEXED "
        "WHERE latest_post_id <> '' GROUP BY latest_post_id, coalesce(latest_outcome, '')",
        "INSERT INTO household_tally SELECT 'petugas', latest_helper_id, "
        "coalesce(latest_outcome, ''), count(*) FROM households NOT INDEXED "
        "WHERE latest_helper_id <> '' GROUP BY latest_helper_id, coalesce(latest_outcome, '')",
        """CREATE TRIGGER households_tally_insert AFTER INSERT ON households
            BEGIN
                INSERT INTO household_tally SELECT 'kelurahan', NEW.kelurahan_code,
                    coalesce(NEW.latest_outcome, ''), 1 WHERE 1
                    ON CONFLICT DO UPDATE SET n = n + (1);
                INSERT INTO household_tally SELECT 'posko', NEW.latest_post_id,
                    coalesce(NEW.latest_outcome, ''), 1 WHERE 1 AND NEW.latest_post_id <> ''
                    ON CONFLICT DO UPDATE SET n = n + (1);
                INSERT INTO household_tally SELECT 'petugas', NEW.latest_helper_id,
                    coalesce(NEW.latest_outcome, ''), 1 WHERE 1 AND NEW.latest_helper_id <> ''
                    ON CONFLICT DO UPDATE SET n = n + (1);
            END""",
        """CREATE TRIGGER households_tally_update
            AFTER UPDATE OF latest_outcome, kelurahan_code, latest_post_id, latest_helper_id
            ON households
            WHEN OLD.latest_outcome IS NOT NEW.latest_outcome
              OR OLD.kelurahan_code <> NEW.kelurahan_code
              OR OLD.latest_post_id <> NEW.latest_post_id
              OR OLD.latest_helper_id <> NEW.latest_helper_id
            BEGIN
                INSERT INTO household_tally SELECT 'kelurahan', OLD.kelurahan_code,
                    coalesce(OLD.latest_outcome, ''), -1 WHERE 1
                    ON CONFLICT DO UPDATE SET n = n + (-1);
                INSERT INTO household_tally SELECT 'posko', OLD.latest_post_id,
                    coalesce(OLD.latest_outcome, ''), -1 WHERE 1 AND OLD.latest_post_id <> ''
                    ON CONFLICT DO UPDATE SET n = n + (-1);
                INSERT INTO household_tally SELECT 'petugas', OLD.latest_helper_id,
                    coalesce(OLD.latest_outcome, ''), -1 WHERE 1 AND OLD.latest_helper_id <> ''
                    ON CONFLICT DO UPDATE SET n = n + (-1);
                INSERT INTO household_tally SELECT 'kelurahan', NEW.kelurahan_code,
                    coalesce(NEW.latest_outcome, ''), 1 WHERE 1
                    ON CONFLICT DO UPDATE SET n = n + (1);
                INSERT INTO household_tally SELECT 'posko', NEW.latest_post_id,
                    coalesce(NEW.latest_outcome, ''), 1 WHERE 1 AND NEW.latest_post_id <> ''
                    ON CONFLICT DO UPDATE SET n = n + (1);
                INSERT INTO household_tally SELECT 'petugas', NEW.latest_helper_id,
                    coalesce(NEW.latest_outcome, ''), 1 WHERE 1 AND NEW.latest_helper_id <> ''
                    ON CONFLICT DO UPDATE SET n = n + (1);
            END""",
        """CREATE TRIGGER households_tally_delete AFTER DELETE ON households
            BEGIN
                INSERT INTO household_tally SELECT 'kelurahan', OLD.kelurahan_code,
                    coalesce(OLD.latest_outcome, ''), -1 WHERE 1
                    ON CONFLICT DO UPDATE SET n = n + (-1);
                INSERT INTO household_tally SELECT 'posko', OLD.latest_post_id,
                    coalesce(OLD.latest_outcome, ''), -1 WHERE 1 AND OLD.latest_post_id <> ''
                    ON CONFLICT DO UPDATE SET n = n + (-1);
                INSERT INTO household_tally SELECT 'petugas', OLD.latest_helper_id,
                    coalesce(OLD.latest_outcome, ''), -1 WHERE 1 AND OLD.latest_helper_id <> ''
                    ON CONFLICT DO UPDATE SET n = n + (-1);
            END""",
        # The monitoring records sync like the others (0005).
        """CREATE TRIGGER staff_sync_insert AFTER INSERT ON staff
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('pegawai:' || NEW.id);
            END""",
        """CREATE TRIGGER staff_sync_update AFTER UPDATE OF nip, name, opd, unit, active,
            created_at, updated_at, origin, created_by ON staff
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('pegawai:' || OLD.id);
                INSERT OR IGNORE INTO sync_pending VALUES ('pegawai:' || NEW.id);
            END""",
        """CREATE TRIGGER staff_sync_delete AFTER DELETE ON staff
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('pegawai:' || OLD.id);
            END""",
        """CREATE TRIGGER staff_updates_sync_insert AFTER INSERT ON staff_updates
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('status_pegawai:' || NEW.id);
            END""",
        """CREATE TRIGGER staff_updates_sync_update AFTER UPDATE OF staff_id, status, status_date,
            reason, created_at, created_by, origin ON staff_updates
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('status_pegawai:' || OLD.id);
                INSERT OR IGNORE INTO sync_pending VALUES ('status_pegawai:' || NEW.id);
            END""",
        """CREATE TRIGGER staff_updates_sync_delete AFTER DELETE ON staff_updates
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('status_pegawai:' || OLD.id);
            END""",
        """CREATE TRIGGER staff_proof_files_sync_insert AFTER INSERT ON staff_proof_files
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('bukti_pegawai:' || NEW.id);
            END""",
        """CREATE TRIGGER staff_proof_files_sync_update AFTER UPDATE OF update_id, staff_id,
            filename, media_type, size, sha256, created_at, created_by, origin ON staff_proof_files
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('bukti_pegawai:' || OLD.id);
                INSERT OR IGNORE INTO sync_pending VALUES ('bukti_pegawai:' || NEW.id);
            END""",
        """CREATE TRIGGER staff_proof_files_sync_delete AFTER DELETE ON staff_proof_files
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('bukti_pegawai:' || OLD.id);
            END""",
        """CREATE TRIGGER targets_sync_insert AFTER INSERT ON targets
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('target:' || NEW.id);
            END""",
        """CREATE TRIGGER targets_sync_update AFTER UPDATE OF scope, key, value, deadline,
            created_at, updated_at, origin, updated_by ON targets
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('target:' || OLD.id);
                INSERT OR IGNORE INTO sync_pending VALUES ('target:' || NEW.id);
            END""",
        """CREATE TRIGGER targets_sync_delete AFTER DELETE ON targets
            BEGIN
                INSERT OR IGNORE INTO sync_pending VALUES ('target:' || OLD.id);
            END""",
    ]
    run(db, statements)
    if db.execute("PRAGMA foreign_key_check").fetchall():
        raise RuntimeError("foreign keys broken by migration 0006")
