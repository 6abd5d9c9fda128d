-- Generated: the schema of a fresh SP Desktop database (sqlite_master, normalised).
-- Do not edit. Regenerate after adding a migration:
--     .venv/bin/python -m sp_desktop.core.storage.schema

-- index audit_log_account on audit_log
CREATE INDEX audit_log_account ON audit_log (account_id, seq);
-- index audit_log_action on audit_log
CREATE INDEX audit_log_action ON audit_log (action, seq);
-- index helpers_nip on helpers
CREATE INDEX helpers_nip ON helpers (nip);
-- index households_creator_kk on households
CREATE INDEX households_creator_kk ON households (created_by, no_kk) WHERE no_kk <> '';
-- index households_creator_nik on households
CREATE INDEX households_creator_nik ON households (created_by, head_nik, no_kk);
-- index households_kelurahan on households
CREATE INDEX households_kelurahan ON households (kelurahan_code);
-- index households_kk on households
CREATE INDEX households_kk ON households (no_kk) WHERE no_kk <> '';
-- index households_nik on households
CREATE INDEX households_nik ON households (head_nik, no_kk);
-- index households_outcome on households
CREATE INDEX households_outcome ON households (latest_outcome);
-- index idx__sqlite_migrations_migration_set_name on _sqlite_migrations
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name" ON "_sqlite_migrations"
    ("migration_set", "name");
-- index posts_kelurahan_name on posts
CREATE INDEX posts_kelurahan_name ON posts (kelurahan_code, name);
-- index proof_files_household on proof_files
CREATE INDEX proof_files_household ON proof_files (household_id);
-- index proof_files_visit on proof_files
CREATE INDEX proof_files_visit ON proof_files (visit_id);
-- index slips_visit on slips
CREATE INDEX slips_visit ON slips (visit_id);
-- index staff_name on staff
CREATE INDEX staff_name ON staff (name COLLATE NOCASE);
-- index staff_nip on staff
CREATE INDEX staff_nip ON staff (nip);
-- index staff_opd on staff
CREATE INDEX staff_opd ON staff (opd, active, status, status_date);
-- index staff_proof_files_staff on staff_proof_files
CREATE INDEX staff_proof_files_staff ON staff_proof_files (staff_id);
-- index staff_proof_files_update on staff_proof_files
CREATE INDEX staff_proof_files_update ON staff_proof_files (update_id);
-- index staff_updates_staff on staff_updates
CREATE INDEX staff_updates_staff ON staff_updates (staff_id, status_date, created_at);
-- index sync_docs_conflicted on sync_docs
CREATE INDEX sync_docs_conflicted ON sync_docs (conflicted) WHERE conflicted = 1;
-- index sync_docs_parked on sync_docs
CREATE INDEX sync_docs_parked ON sync_docs (parked) WHERE parked = 1;
-- index sync_docs_seq on sync_docs
CREATE INDEX sync_docs_seq ON sync_docs (seq);
-- index targets_scope_key on targets
CREATE INDEX targets_scope_key ON targets (scope, key);
-- index visits_helper on visits
CREATE INDEX visits_helper ON visits (helper_id);
-- index visits_household on visits
CREATE INDEX visits_household ON visits (household_id, visited_at);
-- index visits_post on visits
CREATE INDEX visits_post ON visits (post_id);
-- index visits_visited_at on visits
CREATE INDEX visits_visited_at ON visits (visited_at);
-- table _sqlite_migrations
CREATE TABLE "_sqlite_migrations" ( "id" INTEGER PRIMARY KEY, "migration_set" TEXT, "name" TEXT,
    "applied_at" TEXT );
-- table accounts
CREATE TABLE "accounts" ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, helper_id TEXT NOT NULL
    UNIQUE REFERENCES helpers (id), role TEXT NOT NULL CHECK (role IN ('petugas', 'admin_opd',
    'koordinator', 'admin')), active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, origin TEXT NOT NULL , recipient TEXT NOT NULL DEFAULT '', grant_sig
    TEXT NOT NULL DEFAULT '');
-- table audit_log
CREATE TABLE audit_log ( seq INTEGER PRIMARY KEY, at TEXT NOT NULL, account_id TEXT NOT NULL, actor
    TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, details TEXT
    NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL );
-- table helpers
CREATE TABLE "helpers" ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, nip TEXT NOT NULL, name
    TEXT NOT NULL, opd TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', created_at TEXT NOT
    NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL );
-- table household_tally
CREATE TABLE household_tally ( dimension TEXT NOT NULL, key TEXT NOT NULL, outcome TEXT NOT NULL, n
    INTEGER NOT NULL, PRIMARY KEY (dimension, key, outcome) ) WITHOUT ROWID;
-- table households
CREATE TABLE households ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, no_kk TEXT NOT NULL,
    head_name TEXT NOT NULL, head_nik TEXT NOT NULL, kelurahan_code TEXT NOT NULL, address TEXT NOT
    NULL DEFAULT '', rt TEXT NOT NULL DEFAULT '', rw TEXT NOT NULL DEFAULT '', members INTEGER NOT
    NULL DEFAULT 1, phone TEXT NOT NULL DEFAULT '', help_reason TEXT NOT NULL, help_note TEXT NOT
    NULL DEFAULT '', consent INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT
    NOT NULL, origin TEXT NOT NULL, latest_outcome TEXT, latest_visit_at TEXT NOT NULL DEFAULT '',
    visit_count INTEGER NOT NULL DEFAULT 0 , created_by TEXT NOT NULL DEFAULT '', consent_at TEXT
    NOT NULL DEFAULT '', erased_at TEXT NOT NULL DEFAULT '', latest_post_id TEXT NOT NULL DEFAULT
    '', latest_helper_id TEXT NOT NULL DEFAULT '');
-- table households_fts
CREATE VIRTUAL TABLE households_fts USING fts5( head_name, tokenize = 'unicode61 remove_diacritics
    2', prefix = '1 2 3', detail = none );
-- table meta
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- table office_secrets
CREATE TABLE office_secrets ( name TEXT PRIMARY KEY, tier TEXT NOT NULL, nonce BLOB NOT NULL, sealed
    BLOB NOT NULL, created_at TEXT NOT NULL );
-- table posts
CREATE TABLE "posts" ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    kelurahan_code TEXT NOT NULL, address TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, origin TEXT NOT NULL );
-- table proof_files
CREATE TABLE proof_files ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, visit_id TEXT NOT NULL
    REFERENCES visits (id), household_id TEXT NOT NULL REFERENCES households (id), filename TEXT NOT
    NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, created_at TEXT NOT
    NULL, created_by TEXT NOT NULL, origin TEXT NOT NULL, erased_at TEXT NOT NULL DEFAULT '',
    content BLOB NOT NULL );
-- table signing_keys
CREATE TABLE signing_keys ( pk INTEGER PRIMARY KEY, key_id TEXT NOT NULL UNIQUE, public_key BLOB NOT
    NULL, private_key BLOB, office TEXT NOT NULL DEFAULT '', kelurahan_code TEXT NOT NULL DEFAULT
    '', added_at TEXT NOT NULL, added_by TEXT NOT NULL DEFAULT '' , own INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL DEFAULT 'kantor', certificate TEXT NOT NULL DEFAULT '', parent TEXT NOT NULL
    DEFAULT '', exchange_key TEXT NOT NULL DEFAULT '');
-- table slips
CREATE TABLE slips ( pk INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, visit_id TEXT NOT NULL,
    qr_text TEXT NOT NULL, key_id TEXT NOT NULL, first_issued_at TEXT NOT NULL, issued_by TEXT NOT
    NULL, times_issued INTEGER NOT NULL DEFAULT 1 );
-- table staff
CREATE TABLE staff ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, nip TEXT NOT NULL, name TEXT
    NOT NULL, opd TEXT NOT NULL COLLATE NOCASE, unit TEXT NOT NULL DEFAULT '', active INTEGER NOT
    NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'belum', status_date TEXT NOT
    NULL DEFAULT '', status_reason TEXT NOT NULL DEFAULT '' );
-- table staff_proof_files
CREATE TABLE staff_proof_files ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, update_id TEXT NOT
    NULL REFERENCES staff_updates (id), staff_id TEXT NOT NULL REFERENCES staff (id), filename TEXT
    NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, created_at TEXT
    NOT NULL, created_by TEXT NOT NULL, origin TEXT NOT NULL, content BLOB NOT NULL );
-- table staff_updates
CREATE TABLE staff_updates ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, staff_id TEXT NOT NULL
    REFERENCES staff (id), status TEXT NOT NULL CHECK (status IN ('sudah', 'gagal', 'belum')),
    status_date TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, created_by
    TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL );
-- table sync_bodies
CREATE TABLE sync_bodies ( doc_id TEXT NOT NULL, rev TEXT NOT NULL, body TEXT NOT NULL, content
    BLOB, PRIMARY KEY (doc_id, rev) ) WITHOUT ROWID;
-- table sync_docs
CREATE TABLE sync_docs ( doc_id TEXT PRIMARY KEY, rev TEXT NOT NULL, deleted INTEGER NOT NULL
    DEFAULT 0, leaves TEXT NOT NULL, seq INTEGER NOT NULL, conflicted INTEGER NOT NULL DEFAULT 0,
    parked INTEGER NOT NULL DEFAULT 0, local INTEGER NOT NULL DEFAULT 0 ) WITHOUT ROWID;
-- table sync_imports
CREATE TABLE sync_imports ( manifest_sha256 TEXT PRIMARY KEY, imported_at TEXT NOT NULL,
    installation_id TEXT NOT NULL, summary TEXT NOT NULL );
-- table sync_peers
CREATE TABLE sync_peers ( peer TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL DEFAULT
    '{}', last_sync_at TEXT NOT NULL DEFAULT '' );
-- table sync_pending
CREATE TABLE sync_pending (doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
-- table targets
CREATE TABLE targets ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, scope TEXT NOT NULL CHECK
    (scope IN ('opd', 'kelurahan')), key TEXT NOT NULL COLLATE NOCASE, value INTEGER NOT NULL,
    deadline TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin
    TEXT NOT NULL, updated_by TEXT NOT NULL DEFAULT '' );
-- table visits
CREATE TABLE visits ( pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, household_id TEXT NOT NULL
    REFERENCES households (id), helper_id TEXT NOT NULL REFERENCES helpers (id), post_id TEXT NOT
    NULL REFERENCES posts (id), visited_at TEXT NOT NULL, outcome TEXT NOT NULL CHECK (outcome IN
    ('berhasil', 'gagal', 'belum')), failure_reason TEXT, failure_note TEXT NOT NULL DEFAULT '',
    revisit_date TEXT, note TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT
    NULL, origin TEXT NOT NULL , created_by TEXT NOT NULL DEFAULT '');
-- trigger audit_log_no_delete on audit_log
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log
    is append-only'); END;
-- trigger audit_log_no_update on audit_log
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log
    is append-only'); END;
-- trigger helpers_sync_delete on helpers
CREATE TRIGGER helpers_sync_delete AFTER DELETE ON helpers BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('petugas:' || OLD.id); END;
-- trigger helpers_sync_insert on helpers
CREATE TRIGGER helpers_sync_insert AFTER INSERT ON helpers BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('petugas:' || NEW.id); END;
-- trigger helpers_sync_update on helpers
CREATE TRIGGER helpers_sync_update AFTER UPDATE OF nip, name, opd, phone, created_at, updated_at,
    origin ON helpers BEGIN INSERT OR IGNORE INTO sync_pending VALUES ('petugas:' || OLD.id); INSERT
    OR IGNORE INTO sync_pending VALUES ('petugas:' || NEW.id); END;
-- trigger households_sync_delete on households
CREATE TRIGGER households_sync_delete AFTER DELETE ON households BEGIN INSERT OR IGNORE INTO
    sync_pending VALUES ('rumah_tangga:' || OLD.id); END;
-- trigger households_sync_insert on households
CREATE TRIGGER households_sync_insert AFTER INSERT ON households BEGIN INSERT OR IGNORE INTO
    sync_pending VALUES ('rumah_tangga:' || NEW.id); END;
-- trigger households_sync_update on households
CREATE TRIGGER households_sync_update AFTER UPDATE OF no_kk, head_name, head_nik, kelurahan_code,
    address, rt, rw, members, phone, help_reason, help_note, consent, created_at, updated_at,
    origin, created_by, consent_at, erased_at ON households BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('rumah_tangga:' || OLD.id); INSERT OR IGNORE INTO sync_pending VALUES ('rumah_tangga:'
    || NEW.id); END;
-- trigger households_tally_delete on households
CREATE TRIGGER households_tally_delete AFTER DELETE ON households BEGIN INSERT INTO household_tally
    SELECT 'kelurahan', OLD.kelurahan_code, coalesce(OLD.latest_outcome, ''), -1 WHERE 1 ON CONFLICT
    DO UPDATE SET n = n + (-1); INSERT INTO household_tally SELECT 'posko', OLD.latest_post_id,
    coalesce(OLD.latest_outcome, ''), -1 WHERE 1 AND OLD.latest_post_id <> '' ON CONFLICT DO UPDATE
    SET n = n + (-1); INSERT INTO household_tally SELECT 'petugas', OLD.latest_helper_id,
    coalesce(OLD.latest_outcome, ''), -1 WHERE 1 AND OLD.latest_helper_id <> '' ON CONFLICT DO
    UPDATE SET n = n + (-1); END;
-- trigger households_tally_insert on households
CREATE TRIGGER households_tally_insert AFTER INSERT ON households BEGIN INSERT INTO household_tally
    SELECT 'kelurahan', NEW.kelurahan_code, coalesce(NEW.latest_outcome, ''), 1 WHERE 1 ON CONFLICT
    DO UPDATE SET n = n + (1); INSERT INTO household_tally SELECT 'posko', NEW.latest_post_id,
    coalesce(NEW.latest_outcome, ''), 1 WHERE 1 AND NEW.latest_post_id <> '' ON CONFLICT DO UPDATE
    SET n = n + (1); INSERT INTO household_tally SELECT 'petugas', NEW.latest_helper_id,
    coalesce(NEW.latest_outcome, ''), 1 WHERE 1 AND NEW.latest_helper_id <> '' ON CONFLICT DO UPDATE
    SET n = n + (1); END;
-- trigger households_tally_update on households
CREATE TRIGGER households_tally_update AFTER UPDATE OF latest_outcome, kelurahan_code,
    latest_post_id, latest_helper_id ON households WHEN OLD.latest_outcome IS NOT NEW.latest_outcome
    OR OLD.kelurahan_code <> NEW.kelurahan_code OR OLD.latest_post_id <> NEW.latest_post_id OR
    OLD.latest_helper_id <> NEW.latest_helper_id BEGIN INSERT INTO household_tally SELECT
    'kelurahan', OLD.kelurahan_code, coalesce(OLD.latest_outcome, ''), -1 WHERE 1 ON CONFLICT DO
    UPDATE SET n = n + (-1); INSERT INTO household_tally SELECT 'posko', OLD.latest_post_id,
    coalesce(OLD.latest_outcome, ''), -1 WHERE 1 AND OLD.latest_post_id <> '' ON CONFLICT DO UPDATE
    SET n = n + (-1); INSERT INTO household_tally SELECT 'petugas', OLD.latest_helper_id,
    coalesce(OLD.latest_outcome, ''), -1 WHERE 1 AND OLD.latest_helper_id <> '' ON CONFLICT DO
    UPDATE SET n = n + (-1); INSERT INTO household_tally SELECT 'kelurahan', NEW.kelurahan_code,
    coalesce(NEW.latest_outcome, ''), 1 WHERE 1 ON CONFLICT DO UPDATE SET n = n + (1); INSERT INTO
    household_tally SELECT 'posko', NEW.latest_post_id, coalesce(NEW.latest_outcome, ''), 1 WHERE 1
    AND NEW.latest_post_id <> '' ON CONFLICT DO UPDATE SET n = n + (1); INSERT INTO household_tally
    SELECT 'petugas', NEW.latest_helper_id, coalesce(NEW.latest_outcome, ''), 1 WHERE 1 AND
    NEW.latest_helper_id <> '' ON CONFLICT DO UPDATE SET n = n + (1); END;
-- trigger posts_sync_delete on posts
CREATE TRIGGER posts_sync_delete AFTER DELETE ON posts BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('posko:' || OLD.id); END;
-- trigger posts_sync_insert on posts
CREATE TRIGGER posts_sync_insert AFTER INSERT ON posts BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('posko:' || NEW.id); END;
-- trigger posts_sync_update on posts
CREATE TRIGGER posts_sync_update AFTER UPDATE OF name, kelurahan_code, address, created_at,
    updated_at, origin ON posts BEGIN INSERT OR IGNORE INTO sync_pending VALUES ('posko:' ||
    OLD.id); INSERT OR IGNORE INTO sync_pending VALUES ('posko:' || NEW.id); END;
-- trigger proof_files_sync_delete on proof_files
CREATE TRIGGER proof_files_sync_delete AFTER DELETE ON proof_files BEGIN INSERT OR IGNORE INTO
    sync_pending VALUES ('bukti:' || OLD.id); END;
-- trigger proof_files_sync_insert on proof_files
CREATE TRIGGER proof_files_sync_insert AFTER INSERT ON proof_files BEGIN INSERT OR IGNORE INTO
    sync_pending VALUES ('bukti:' || NEW.id); END;
-- trigger proof_files_sync_update on proof_files
CREATE TRIGGER proof_files_sync_update AFTER UPDATE OF visit_id, household_id, filename, media_type,
    size, sha256, created_at, created_by, origin, erased_at ON proof_files BEGIN INSERT OR IGNORE
    INTO sync_pending VALUES ('bukti:' || OLD.id); INSERT OR IGNORE INTO sync_pending VALUES
    ('bukti:' || NEW.id); END;
-- trigger staff_proof_files_sync_delete on staff_proof_files
CREATE TRIGGER staff_proof_files_sync_delete AFTER DELETE ON staff_proof_files BEGIN INSERT OR
    IGNORE INTO sync_pending VALUES ('bukti_pegawai:' || OLD.id); END;
-- trigger staff_proof_files_sync_insert on staff_proof_files
CREATE TRIGGER staff_proof_files_sync_insert AFTER INSERT ON staff_proof_files BEGIN INSERT OR
    IGNORE INTO sync_pending VALUES ('bukti_pegawai:' || NEW.id); END;
-- trigger staff_proof_files_sync_update on staff_proof_files
CREATE TRIGGER staff_proof_files_sync_update AFTER UPDATE OF update_id, staff_id, filename,
    media_type, size, sha256, created_at, created_by, origin ON staff_proof_files BEGIN INSERT OR
    IGNORE INTO sync_pending VALUES ('bukti_pegawai:' || OLD.id); INSERT OR IGNORE INTO sync_pending
    VALUES ('bukti_pegawai:' || NEW.id); END;
-- trigger staff_sync_delete on staff
CREATE TRIGGER staff_sync_delete AFTER DELETE ON staff BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('pegawai:' || OLD.id); END;
-- trigger staff_sync_insert on staff
CREATE TRIGGER staff_sync_insert AFTER INSERT ON staff BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('pegawai:' || NEW.id); END;
-- trigger staff_sync_update on staff
CREATE TRIGGER staff_sync_update AFTER UPDATE OF nip, name, opd, unit, active, created_at,
    updated_at, origin, created_by ON staff BEGIN INSERT OR IGNORE INTO sync_pending VALUES
    ('pegawai:' || OLD.id); INSERT OR IGNORE INTO sync_pending VALUES ('pegawai:' || NEW.id); END;
-- trigger staff_updates_sync_delete on staff_updates
CREATE TRIGGER staff_updates_sync_delete AFTER DELETE ON staff_updates BEGIN INSERT OR IGNORE INTO
    sync_pending VALUES ('status_pegawai:' || OLD.id); END;
-- trigger staff_updates_sync_insert on staff_updates
CREATE TRIGGER staff_updates_sync_insert AFTER INSERT ON staff_updates BEGIN INSERT OR IGNORE INTO
    sync_pending VALUES ('status_pegawai:' || NEW.id); END;
-- trigger staff_updates_sync_update on staff_updates
CREATE TRIGGER staff_updates_sync_update AFTER UPDATE OF staff_id, status, status_date, reason,
    created_at, created_by, origin ON staff_updates BEGIN INSERT OR IGNORE INTO sync_pending VALUES
    ('status_pegawai:' || OLD.id); INSERT OR IGNORE INTO sync_pending VALUES ('status_pegawai:' ||
    NEW.id); END;
-- trigger targets_sync_delete on targets
CREATE TRIGGER targets_sync_delete AFTER DELETE ON targets BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('target:' || OLD.id); END;
-- trigger targets_sync_insert on targets
CREATE TRIGGER targets_sync_insert AFTER INSERT ON targets BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('target:' || NEW.id); END;
-- trigger targets_sync_update on targets
CREATE TRIGGER targets_sync_update AFTER UPDATE OF scope, key, value, deadline, created_at,
    updated_at, origin, updated_by ON targets BEGIN INSERT OR IGNORE INTO sync_pending VALUES
    ('target:' || OLD.id); INSERT OR IGNORE INTO sync_pending VALUES ('target:' || NEW.id); END;
-- trigger visits_sync_delete on visits
CREATE TRIGGER visits_sync_delete AFTER DELETE ON visits BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('kunjungan:' || OLD.id); END;
-- trigger visits_sync_insert on visits
CREATE TRIGGER visits_sync_insert AFTER INSERT ON visits BEGIN INSERT OR IGNORE INTO sync_pending
    VALUES ('kunjungan:' || NEW.id); END;
-- trigger visits_sync_update on visits
CREATE TRIGGER visits_sync_update AFTER UPDATE OF household_id, helper_id, post_id, visited_at,
    outcome, failure_reason, failure_note, revisit_date, note, created_at, updated_at, origin,
    created_by ON visits BEGIN INSERT OR IGNORE INTO sync_pending VALUES ('kunjungan:' || OLD.id);
    INSERT OR IGNORE INTO sync_pending VALUES ('kunjungan:' || NEW.id); END;
