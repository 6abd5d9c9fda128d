"""The one module that owns the SQLite database.

Everything that reads or writes the data goes through `Storage`; no other module holds SQL.

- Durability: WAL with synchronous=FULL, so a transaction that returned from COMMIT
  survives a power cut. The UI says "tersimpan" only after a write method returns.
- Migrations are numbered and transactional (sqlite-utils `Migrations`); an existing
  database is copied to the backup folder before any migration touches it.
- One write connection (guarded by a lock) and one read connection per thread, so a
  search in a worker thread never waits for, or blocks, the GUI thread's reads.
- Encrypted at rest: SQLCipher with the installation's random data key (see keyring.py),
  given as a raw key so opening costs no key stretching of its own.
- Every method checks the signed-in account's role (permissions.py) and writes the audit
  trail in the same transaction as the change it records.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from sqlcipher3 import dbapi2 as sqlcipher

from sp_desktop.core.base import clock
from sp_desktop.core.base.data_folder import DB_FILENAME, is_plaintext_database
from sp_desktop.core.base.errors import (
    DB_ERRORS,
    DatabaseCorruptError,
    DataFolderError,
    NewerSchemaError,
    NotFoundError,
    RecordValidationError,
    UserFacingError,
    WrongKeyError,
    translate_sqlite_error,
)
from sp_desktop.core.base.files import make_data_folder, replace_file
from sp_desktop.core.base.progress import Cancelled, Progress
from sp_desktop.core.domain import monitoring, proofs, rules, sync_docs
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import (
    Account,
    FailureReason,
    Helper,
    HelpReason,
    Household,
    HouseholdQuery,
    HouseholdRow,
    Outcome,
    Post,
    ProofFile,
    Visit,
    new_id,
    to_utc_text,
    utc_now,
)
from sp_desktop.core.domain.permissions import (
    Permission,
    PermissionDeniedError,
    Role,
    allowed,
    denied,
    not_signed_in,
)
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.domain.reports import HouseholdLine, ReportFilter, VisitLine
from sp_desktop.core.domain.validation import validate_nip
from sp_desktop.core.trust import audit, revisions
from sp_desktop.core.trust.revisions import Leaf, RevisionError
from sp_desktop.core.trust.signing import KeyRing, PublicKey, Signer, TrustedKey

BACKUP_DIRNAME = "cadangan"
# How long a write waits for another connection before reporting "data sedang dipakai".
BUSY_TIMEOUT_SECONDS = 3.0
# From this many digits on, a No KK/NIK prefix is selective enough for index lookups.
SELECTIVE_DIGITS = 7
# SQLite virtual-machine steps between checks for a cancelled search.
PROGRESS_STEPS = 20_000
# Page cache of a connection that has read a report (KiB): see Storage._report_reader.
REPORT_CACHE_KIB = 65_536
# Households erased per transaction by a retention purge.
PURGE_BATCH = 20_000

if TYPE_CHECKING:
    import sqlite_utils

MIGRATION_SET = "sp_desktop"
MigrationFn = Callable[["sqlite_utils.Database"], None]
# (name, function) in order. Kept as a plain list so that opening the data does not
# import sqlite-utils (a tenth of a second at start-up); it is loaded on the first write.
MIGRATIONS: list[tuple[str, MigrationFn]] = []


def migration(name: str) -> Callable[[MigrationFn], MigrationFn]:
    def register(fn: MigrationFn) -> MigrationFn:
        if any(existing == name for existing, _ in MIGRATIONS):
            raise ValueError(f"migration {name} registered twice")
        MIGRATIONS.append((name, fn))
        return fn

    return register


def _migration_set() -> sqlite_utils.Migrations:
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        migrations(name=name)(fn)
    return migrations


def _run(db: sqlite_utils.Database, statements: Sequence[str]) -> None:
    # db.executescript() would COMMIT the migration's transaction; run one statement at a time.
    for statement in statements:
        db.execute(statement)


@migration("0001_initial")
def _m0001_initial(db: sqlite_utils.Database) -> None:
    _run(
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


@migration("0002_accounts_audit_consent")
def _m0002_accounts_audit_consent(db: sqlite_utils.Database) -> None:
    _run(
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


@migration("0003_fts_secure_delete")
def _m0003_fts_secure_delete(db: sqlite_utils.Database) -> None:
    # FTS5 keeps deleted words in its segments until a merge: with secure-delete a
    # withdrawn or purged name is removed from the index file at once.
    _run(db, ["INSERT INTO households_fts (households_fts, rank) VALUES ('secure-delete', 1)"])


@migration("0004_signing_slips_proofs")
def _m0004_signing_slips_proofs(db: sqlite_utils.Database) -> None:
    from sp_desktop.core.trust.signing import Signer

    _run(
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


@migration("0005_sync")
def _m0005_sync(db: sqlite_utils.Database) -> None:
    from sp_desktop.core.domain.sync_docs import HELPER, HOUSEHOLD, POST, PROOF, VISIT

    kinds_then = (HELPER, POST, HOUSEHOLD, VISIT, PROOF)  # 0006 adds the staff kinds

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
    ]
    for kind in kinds_then:
        statements += _sync_trigger_sql(kind)
        statements.append(
            f"INSERT OR IGNORE INTO sync_pending SELECT '{kind.name}:' || id FROM {kind.table}"
        )
    _run(db, statements)
    if db.execute("PRAGMA foreign_key_check").fetchall():
        raise RuntimeError("foreign keys broken by migration 0005")


@migration("0006_monitoring")
def _m0006_monitoring(db: sqlite_utils.Database) -> None:
    from sp_desktop.core.domain.sync_docs import STAFF, STAFF_PROOF, STAFF_UPDATE, TARGET

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
        *_tally_rebuild_sql(),
        *_tally_trigger_sql(),
    ]
    for kind in (STAFF, STAFF_UPDATE, STAFF_PROOF, TARGET):
        statements += _sync_trigger_sql(kind)
    _run(db, statements)
    if db.execute("PRAGMA foreign_key_check").fetchall():
        raise RuntimeError("foreign keys broken by migration 0006")


# What household_tally counts: (dimension, the households column that is its key).
_TALLY_DIMENSIONS = (
    ("kelurahan", "kelurahan_code"),
    ("posko", "latest_post_id"),
    ("petugas", "latest_helper_id"),
)


def _tally_rebuild_sql() -> list[str]:
    statements = ["DELETE FROM household_tally"]
    for dimension, column in _TALLY_DIMENSIONS:
        where = "" if dimension == "kelurahan" else f" WHERE {column} <> ''"
        statements.append(
            f"INSERT INTO household_tally SELECT '{dimension}', {column}, "
            f"coalesce(latest_outcome, ''), count(*) FROM households NOT INDEXED{where} "
            f"GROUP BY {column}, coalesce(latest_outcome, '')"
        )
    return statements


def _tally_trigger_sql() -> list[str]:
    def change(row: str, delta: str) -> str:
        parts = []
        for dimension, column in _TALLY_DIMENSIONS:
            skip = "" if dimension == "kelurahan" else f" AND {row}.{column} <> ''"
            parts.append(
                f"INSERT INTO household_tally SELECT '{dimension}', {row}.{column}, "
                f"coalesce({row}.latest_outcome, ''), {delta} WHERE 1{skip} "
                f"ON CONFLICT DO UPDATE SET n = n + ({delta});"
            )
        return " ".join(parts)

    columns = ", ".join(["latest_outcome", *(c for _, c in _TALLY_DIMENSIONS)])
    return [
        f"""CREATE TRIGGER households_tally_insert AFTER INSERT ON households
            BEGIN {change("NEW", "1")} END""",
        f"""CREATE TRIGGER households_tally_update AFTER UPDATE OF {columns} ON households
            WHEN OLD.latest_outcome IS NOT NEW.latest_outcome
              OR OLD.kelurahan_code <> NEW.kelurahan_code
              OR OLD.latest_post_id <> NEW.latest_post_id
              OR OLD.latest_helper_id <> NEW.latest_helper_id
            BEGIN {change("OLD", "-1")} {change("NEW", "1")} END""",
        f"""CREATE TRIGGER households_tally_delete AFTER DELETE ON households
            BEGIN {change("OLD", "-1")} END""",
    ]


def _sync_trigger_sql(kind: sync_docs.Kind) -> list[str]:
    """The triggers that mark a record pending (sync_pending) whenever it is written.

    sync_apply drops them for the length of its transaction and recreates them from here
    before it commits: documents from elsewhere carry their own revisions.
    """
    columns = [c for c in kind.columns if c != "id"]
    mark = f"INSERT OR IGNORE INTO sync_pending VALUES ('{kind.name}:' ||"
    return [
        f"""CREATE TRIGGER {kind.table}_sync_insert AFTER INSERT ON {kind.table}
            BEGIN {mark} NEW.id); END""",
        f"""CREATE TRIGGER {kind.table}_sync_update
            AFTER UPDATE OF {", ".join(columns)} ON {kind.table}
            BEGIN {mark} OLD.id); {mark} NEW.id); END""",
        f"""CREATE TRIGGER {kind.table}_sync_delete AFTER DELETE ON {kind.table}
            BEGIN {mark} OLD.id); END""",
    ]


_SYNC_TRIGGERS = tuple(
    f"{kind.table}_sync_{event}"
    for kind in sync_docs.KINDS
    for event in ("insert", "update", "delete")
)


HOUSEHOLD_COLUMNS = (
    "id",
    "no_kk",
    "head_name",
    "head_nik",
    "kelurahan_code",
    "address",
    "rt",
    "rw",
    "members",
    "phone",
    "help_reason",
    "help_note",
    "consent",
    "created_at",
    "updated_at",
    "origin",
    "latest_outcome",
    "latest_visit_at",
    "visit_count",
    "created_by",
    "consent_at",
    "erased_at",
    "latest_post_id",
    "latest_helper_id",
)
# Synced records: the columns are those their documents carry (sync_docs), one list.
VISIT_COLUMNS = sync_docs.VISIT.columns
ACCOUNT_COLUMNS = ("id", "helper_id", "role", "active", "created_at", "updated_at", "origin")
HELPER_COLUMNS = sync_docs.HELPER.columns
POST_COLUMNS = sync_docs.POST.columns
_ROW_COLUMNS = (
    "pk, id, no_kk, head_name, head_nik, kelurahan_code, rt, rw, latest_outcome, "
    "latest_visit_at, visit_count, created_by, erased_at"
)


@dataclass(frozen=True)
class PurgeSummary:
    purged: int
    already_erased: int
    visits_kept: int
    by_kelurahan: list[tuple[str, dict[str, int]]]
    retention_until: date
    purged_by: str
    audit_hash: str


def encrypt_plaintext_database(path: Path, key: bytes) -> None:
    """Replace an unencrypted database (from before encryption) with an encrypted copy.

    The copy is made next to it and swapped in with one rename, so a power cut leaves
    either the old file or the finished new one. Old backups in clear are removed.
    """
    partial = path.with_name(path.name + ".enkripsi")
    partial.unlink(missing_ok=True)
    with user_errors():
        plain = sqlcipher.connect(str(path))
        try:
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", [str(partial), f"x'{key.hex()}'"])
            plain.execute("SELECT sqlcipher_export('encrypted')")
            plain.execute("DETACH DATABASE encrypted")
        finally:
            plain.close()
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        replace_file(partial, path)
        for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        backups = path.parent / BACKUP_DIRNAME
        if backups.is_dir():
            for old in backups.glob("*.sqlite3"):
                if is_plaintext_database(old):
                    old.unlink()


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn sqlite3/OS errors that the user can fix into UserFacingError; let bugs through."""
    try:
        yield
    except UserFacingError:
        raise
    except (*DB_ERRORS, OSError) as exc:
        friendly = translate_sqlite_error(exc)
        if friendly is None:
            raise
        raise friendly from exc


def _connect(path: Path, *, read_only: bool, key: bytes | None) -> sqlcipher.Connection:
    mode = "ro" if read_only else "rwc"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    conn = sqlcipher.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    # SQLCipher prints a wrong key to stderr by itself; we report it in words instead.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        # A raw 256-bit key ("x'..'"): random already, so SQLCipher's own PBKDF is skipped.
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        # A wrong key shows here, before any pragma could turn it into another error.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        raise
    # Freed pages are zeroed: erased personal data must not linger in the file.
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        # FULL: in WAL mode NORMAL can lose the last commits on a power cut, and power
        # cuts are routine at a posko.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _fts_query(text: str) -> str:
    """'budi san' -> '"budi"* AND "san"*': every word, as a prefix, in any order."""
    # Letters and digits only: FTS5 splits words at "_" too, and "a_b"* is a phrase query.
    words = re.findall(r"[^\W_]+", text.lower())
    return " AND ".join(f'"{w}"*' for w in words)


def _digit_range(prefix: str) -> tuple[str, str]:
    """Index range for 'starts with prefix' over digit strings."""
    return prefix, prefix + ":"  # ':' sorts right after '9'


class Storage:
    """The data of one installation, in one SQLCipher file inside the data folder.

    `key` is the installation's data key; None opens an unencrypted file (only for
    converting data from before encryption, and for benchmarks that measure its cost).
    Nothing can be read or written until an account is signed in (`sign_in`).
    """

    def __init__(self, data_dir: Path, *, key: bytes | None, create: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_FILENAME
        self._key = key
        self.actor: Account | None = None
        self._write_lock = threading.RLock()
        # Keyed by OS thread: Qt's pool threads keep their identity from task to task,
        # while threading.local() there starts empty for each task (one leak per search).
        self._readers: dict[int, sqlcipher.Connection] = {}
        self._readers_lock = threading.Lock()
        with user_errors():
            if create:
                make_data_folder(self.data_dir)
            elif not self.path.exists():
                raise DataFolderError(
                    "Belum ada data SP Desktop di folder ini.",
                    hint="Periksa --data-dir, atau buka aplikasinya sekali untuk membuat data.",
                )
            existed = self.path.exists() and self.path.stat().st_size > 0
            if existed and key is not None and is_plaintext_database(self.path):
                raise WrongKeyError(
                    "Data di folder ini belum terenkripsi.",
                    hint="Buka aplikasinya untuk menyiapkan akun admin; data lama akan "
                    "dienkripsi saat itu juga.",
                )
            try:
                self._conn = _connect(self.path, read_only=False, key=key)
            except sqlcipher.DatabaseError as exc:
                raise self._unreadable(exc) from exc
            self._db: sqlite_utils.Database | None = None
            try:
                self._check_readable()
                self._migrate(existed)
                self.installation_id = self._ensure_installation_id()
            except BaseException:
                self._conn.close()
                raise

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        with self._readers_lock:
            for conn in self._readers.values():
                conn.close()
            self._readers.clear()
        with self._write_lock:
            self._conn.close()

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _unreadable(self, exc: Exception) -> UserFacingError:
        if self._key is not None and "not a database" in str(exc).lower():
            # With SQLCipher a wrong key and a damaged file look the same.
            return WrongKeyError(
                "Data tidak bisa dibuka dengan kunci ini: kuncinya salah, atau berkas "
                "datanya rusak.",
                hint="Jangan hapus berkasnya. Periksa bahwa kunci.json berasal dari "
                "folder data yang sama, atau pulihkan dari cadangan.",
            )
        return translate_sqlite_error(exc) or DatabaseCorruptError(
            "Berkas data rusak atau bukan berkas SP Desktop.",
            hint="Pulihkan dari cadangan atau hubungi koordinator.",
        )

    def _check_readable(self) -> None:
        try:
            self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            if self._key is not None and "not a database" in str(exc).lower():
                raise self._unreadable(exc) from exc
            friendly = translate_sqlite_error(exc)
            raise (
                friendly
                or DatabaseCorruptError(
                    "Berkas data rusak atau bukan berkas SP Desktop.",
                    hint="Pulihkan dari cadangan atau hubungi koordinator.",
                )
            ) from exc

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the write connection, created on first use (see MIGRATIONS)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self._conn, execute_plugins=False)
        return self._db

    def _applied_migrations(self) -> set[str]:
        exists = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not exists:
            return set()
        rows = self._conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        )
        return {row[0] for row in rows}

    def _migrate(self, existed: bool) -> None:
        known = {name for name, _ in MIGRATIONS}
        applied = self._applied_migrations()
        if applied - known:
            raise NewerSchemaError(
                "Data ini dibuat oleh SP Desktop versi yang lebih baru.",
                hint="Pasang versi terbaru SP Desktop untuk membukanya; data tidak diubah.",
            )
        if not known - applied:
            return
        has_tables = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1"
        ).fetchone()
        if existed and has_tables:
            self.backup(label="sebelum-migrasi")
        with self._write_lock:
            # Off while migrating: rebuilding a table that others refer to (0005) needs it,
            # as SQLite's documented ALTER procedure says; each migration checks the keys.
            self._conn.execute("PRAGMA foreign_keys = OFF")
            try:
                _migration_set().apply(self.db)
            finally:
                self._conn.execute("PRAGMA foreign_keys = ON")

    def _ensure_installation_id(self) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'installation_id'").fetchone()
        if row:
            return str(row[0])
        installation_id = new_id()
        with self._write_lock, self.db.atomic():
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES ('installation_id', ?), ('created_at', ?)",
                [installation_id, utc_now()],
            )
        return installation_id

    def backup(self, *, label: str = "cadangan", target_dir: Path | None = None) -> Path:
        """A consistent copy of the whole database via SQLite's online backup API."""
        folder = target_dir or self.data_dir / BACKUP_DIRNAME
        stamp = clock.local_now().strftime("%Y%m%d-%H%M%S-%f")
        destination = folder / f"{label}-{stamp}.sqlite3"
        with user_errors():
            folder.mkdir(parents=True, exist_ok=True)
            partial = destination.with_suffix(".partial")
            target = _connect(partial, read_only=False, key=self._key)
            try:
                with self._write_lock:
                    self._conn.backup(target)
            finally:
                target.close()
            # Never leave a half-written backup under the real name.
            replace_file(partial, destination)
        return destination

    # -- connections -------------------------------------------------------------------

    def _reader(self) -> sqlcipher.Connection:
        """This thread's own read connection (WAL lets it read while another thread writes)."""
        thread = threading.get_ident()
        with self._readers_lock:
            conn = self._readers.get(thread)
            if conn is None:
                with user_errors():
                    conn = _connect(self.path, read_only=True, key=self._key)
                self._readers[thread] = conn
        return conn

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        conn = self._reader()
        with user_errors(), _interruptible(conn, None):
            return conn.execute(sql, params).fetchall()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite_utils.Database]:
        """One atomic, durable transaction on the write connection."""
        with self._write_lock, user_errors(), self.db.atomic():
            yield self.db

    # -- who is signed in ---------------------------------------------------------------

    def sign_in(self, account_id: str) -> Account:
        """Act as this account from now on (its password was checked by the keyring)."""
        account = self.account(account_id, check=False)
        if not account.active:
            raise PermissionDeniedError(
                "Akun ini sudah dinonaktifkan.",
                hint="Minta koordinator atau admin mengaktifkannya lagi.",
            )
        self.actor = account
        with self._writing() as db:
            self._audit(db, audit.LOGIN, "akun", account.id, {"peran": account.role})
        return account

    def sign_out(self, *, reason: str = "keluar") -> None:
        if self.actor is not None:
            with self._writing() as db:
                self._audit(db, audit.LOGOUT, "akun", self.actor.id, {"sebab": reason})
        self.actor = None

    def act_as_system(self, account: Account) -> None:
        """Sign in without an audit entry: only for the first account, created with the data."""
        self.actor = account

    def can(self, permission: Permission) -> bool:
        return self.actor is not None and allowed(Role(self.actor.role), permission)

    def _require(self, permission: Permission) -> Account:
        if self.actor is None:
            raise not_signed_in()
        if not allowed(Role(self.actor.role), permission):
            raise denied(Role(self.actor.role), permission)
        return self.actor

    def _require_signed_in(self) -> Account:
        if self.actor is None:
            raise not_signed_in()
        return self.actor

    def _sees_numbers(self, created_by: str) -> bool:
        """Full No KK/NIK: coordinators and admins always, a helper on what they entered."""
        actor = self.actor
        if actor is None:
            return False
        return allowed(Role(actor.role), Permission.SEE_ALL_NUMBERS) or (
            bool(created_by) and created_by == actor.id
        )

    # -- audit trail ---------------------------------------------------------------------

    def _audit(
        self,
        db: sqlite_utils.Database,
        action: str,
        entity: str,
        entity_id: str,
        details: dict[str, Any],
        *,
        actor: Account | None = None,
        at: str | None = None,
    ) -> audit.Entry:
        """Append one entry, inside the caller's transaction (so it commits with the change)."""
        actor = actor or self.actor
        last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, audit.GENESIS)
        entry = audit.Entry(
            seq=seq,
            at=at or utc_now(),
            account_id=actor.id if actor else "",
            actor=actor.label() if actor else "(tanpa akun)",
            action=action,
            entity=entity,
            entity_id=entity_id,
            details=json.loads(audit.details_text(details)),
            prev_hash=prev_hash,
        )
        entry = replace(entry, hash=audit.entry_hash(entry))
        db.execute(
            "INSERT INTO audit_log (seq, at, account_id, actor, action, entity, entity_id, "
            "details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                entry.seq,
                entry.at,
                entry.account_id,
                entry.actor,
                entry.action,
                entry.entity,
                entry.entity_id,
                audit.details_text(entry.details),
                entry.prev_hash,
                entry.hash,
            ],
        )
        self._put_setting(db, "audit_head", f"{entry.seq}:{entry.hash}")
        return entry

    def record_event(self, action: str, entity: str, entity_id: str = "", **details: Any) -> str:
        """Audit something done outside the database (an export, a print); returns its hash."""
        self._require_signed_in()
        with self._writing() as db:
            return self._audit(db, action, entity, entity_id, details).hash

    def record_failed_logins(self, attempts: Sequence[tuple[str, str]]) -> None:
        """Write queued failed logins, as (UTC time, account id or ''), into the trail."""
        if not attempts:
            return
        accounts = {a.id: a for a in self._accounts_unchecked()}
        with self._writing() as db:
            for at, account_id in attempts:
                account = accounts.get(account_id)
                self._audit(
                    db,
                    audit.LOGIN_FAILED,
                    "akun",
                    account_id,
                    {} if account else {"nip": "tidak terdaftar"},
                    actor=account,
                    at=at,
                )

    def audit_entries(
        self,
        *,
        action: str = "",
        account_id: str = "",
        text: str = "",
        limit: int = 1000,
    ) -> list[audit.Entry]:
        """Newest first, filtered (coordinators and admins)."""
        self._require(Permission.VIEW_AUDIT)
        conditions, args = [], []
        if action:
            conditions.append("action = ?")
            args.append(action)
        if account_id:
            conditions.append("account_id = ?")
            args.append(account_id)
        if text:
            conditions.append("(actor LIKE ? OR entity LIKE ? OR details LIKE ?)")
            args.extend([f"%{text}%"] * 3)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._read(
            f"SELECT {_AUDIT_SELECT} FROM audit_log {where} ORDER BY seq DESC LIMIT ?",
            [*args, limit],
        )
        return [_entry_from_row(r) for r in rows]

    def verify_audit(self) -> audit.ChainReport:
        """Walk the whole chain. Needs only the data key: anyone who opened the data may check."""
        conn = self._reader()
        with user_errors():
            cursor = conn.execute(f"SELECT {_AUDIT_SELECT} FROM audit_log ORDER BY seq")
            head_text = self._get_setting("audit_head")
            head = None
            if head_text:
                seq, _, digest = head_text.partition(":")
                head = (int(seq), digest)
            return audit.verify_chain((_entry_from_row(r) for r in cursor), head)

    # -- settings (per installation) -----------------------------------------------------

    def _get_setting(self, key: str, default: str = "") -> str:
        rows = self._read("SELECT value FROM meta WHERE key = ?", [key])
        return str(rows[0][0]) if rows else default

    @staticmethod
    def _put_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
        db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    # Preferences anyone signed in may set; everything else is an installation setting.
    PERSONAL_SETTINGS = frozenset({"last_helper_id", "last_post_id"})

    def get_setting(self, key: str, default: str = "") -> str:
        return self._get_setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        if key in self.PERSONAL_SETTINGS:
            self._require_signed_in()
            with self._writing() as db:
                self._put_setting(db, key, value)
            return
        self._require(Permission.SETTINGS)
        old = self._get_setting(key)
        with self._writing() as db:
            self._put_setting(db, key, value)
            if old != value:
                self._audit(db, audit.SETTING, "pengaturan", key, {key: [old, value]})

    # -- accounts ------------------------------------------------------------------------

    def _accounts_unchecked(self) -> list[Account]:
        rows = self._read(
            "SELECT a.id, a.helper_id, a.role, a.active, a.created_at, a.updated_at, a.origin, "
            "h.nip, h.name FROM accounts a JOIN helpers h ON h.id = a.helper_id ORDER BY h.name"
        )
        return [
            Account(
                id=r[0],
                helper_id=r[1],
                role=r[2],
                active=bool(r[3]),
                created_at=r[4],
                updated_at=r[5],
                origin=r[6],
                nip=r[7],
                name=r[8],
            )
            for r in rows
        ]

    def accounts(self) -> list[Account]:
        self._require_signed_in()
        return self._accounts_unchecked()

    def account(self, account_id: str, *, check: bool = True) -> Account:
        if check:
            self._require_signed_in()
        for account in self._accounts_unchecked():
            if account.id == account_id:
                return account
        raise NotFoundError("Akun ini tidak ditemukan (mungkin sudah dihapus).")

    def account_by_nip(self, nip: str) -> Account | None:
        digits = rules.clean_digits(nip)
        return next((a for a in self._accounts_unchecked() if a.nip == digits), None)

    def _require_account_manager(self, role: str) -> Account:
        if role in (Role.HELPER, Role.OPD_ADMIN):
            return self._require(Permission.MANAGE_HELPERS)
        return self._require(Permission.MANAGE_ALL_ACCOUNTS)

    def save_account(self, helper: Helper, role: Role, *, active: bool = True) -> Account:
        """Create or change an account (and its helper record). Passwords: see keyring."""
        if role not in set(Role):
            raise RecordValidationError({"role": "Pilih peran akun."})
        existing = self.account_by_nip(helper.nip) if helper.nip else None
        if existing is not None:
            self._require_account_manager(existing.role)
            helper = replace(helper, id=existing.helper_id)
        else:  # a helper who records already, now given an account
            known = self._read(
                "SELECT id FROM helpers WHERE nip = ?", [rules.clean_digits(helper.nip)]
            )
            if known:
                helper = replace(helper, id=known[0][0])
        self._require_account_manager(role)
        stored = next((h for h in self._helpers_unchecked() if h.id == helper.id), None)
        if stored is not None:
            # Fields left empty keep what is stored (a role change must not wipe a phone).
            helper = replace(
                helper,
                name=helper.name or stored.name,
                opd=helper.opd or stored.opd,
                phone=helper.phone or stored.phone,
            )
        if (
            existing is not None
            and self.actor is not None
            and existing.id == self.actor.id
            and (role != existing.role or not active)
        ):
            raise PermissionDeniedError(
                "Peran dan status akun sendiri tidak bisa diubah.",
                hint="Minta admin lain mengubahnya.",
            )
        if (
            existing is not None
            and existing.role == Role.ADMIN
            and (role != Role.ADMIN or not active)
            and self._active_admins() <= 1
        ):
            raise PermissionDeniedError(
                "Harus ada paling sedikit satu admin aktif.",
                hint="Jadikan akun lain admin dulu.",
            )
        helper = self._save_helper_unchecked(helper)
        now = utc_now()
        account = Account(
            helper_id=helper.id,
            role=str(role),
            active=active,
            id=existing.id if existing else new_id(),
            created_at=existing.created_at if existing else now,
            updated_at=now,
            origin=existing.origin if existing else self.installation_id,
            nip=helper.nip,
            name=helper.name,
        )
        values = [_db_value(getattr(account, c)) for c in ACCOUNT_COLUMNS]
        with self._writing() as db:
            if existing is None:
                db.execute(_insert_sql("accounts", ACCOUNT_COLUMNS), values)
                self._audit(db, audit.CREATE, "akun", account.id, {"peran": [None, account.role]})
            else:
                db.execute(
                    "UPDATE accounts SET role = ?, active = ?, updated_at = ? WHERE id = ?",
                    [account.role, int(active), now, account.id],
                )
                change = audit.changes(
                    {"role": existing.role, "active": existing.active},
                    {"role": account.role, "active": account.active},
                )
                if change:
                    self._audit(db, audit.UPDATE, "akun", account.id, change)
        return account

    def bootstrap(
        self, admin: Helper, account_id: str, *, office: str, kelurahan_code: str
    ) -> Account:
        """The first admin account and the office's name, in one transaction (set-up only)."""
        if self._accounts_unchecked():
            raise PermissionDeniedError(
                "Instalasi ini sudah punya akun.", hint="Masuk dengan akun yang ada."
            )
        problems = rules.helper_problems(admin)
        if problems:
            raise RecordValidationError(problems)
        known = self._read("SELECT id FROM helpers WHERE nip = ?", [admin.nip])
        now = utc_now()
        with self._writing() as db:
            if known:  # data from before accounts: the admin may already be a helper
                admin = replace(admin, id=known[0][0])
                db.execute("UPDATE helpers SET name = ? WHERE id = ?", [admin.name, admin.id])
            else:
                admin = replace(admin, created_at=now, updated_at=now, origin=self.installation_id)
                db.execute(
                    _insert_sql("helpers", HELPER_COLUMNS),
                    [_db_value(getattr(admin, c)) for c in HELPER_COLUMNS],
                )
            account = Account(
                helper_id=admin.id,
                role=Role.ADMIN.value,
                id=account_id,
                created_at=now,
                updated_at=now,
                origin=self.installation_id,
                nip=admin.nip,
                name=admin.name,
            )
            db.execute(
                _insert_sql("accounts", ACCOUNT_COLUMNS),
                [_db_value(getattr(account, c)) for c in ACCOUNT_COLUMNS],
            )
            self._put_setting(db, "office_name", office)
            self._put_setting(db, "office_kelurahan", kelurahan_code)
            self.actor = account
            self._audit(
                db,
                audit.CREATE,
                "instalasi",
                self.installation_id,
                {"kantor": office, "kelurahan": kelurahan_code, "admin": account.label()},
            )
        return account

    def _active_admins(self) -> int:
        return sum(1 for a in self._accounts_unchecked() if a.active and a.role == Role.ADMIN)

    def record_password_change(self, account_id: str) -> None:
        with self._writing() as db:
            self._audit(db, audit.PASSWORD, "akun", account_id, {})

    def check_may_set_password(self, account_id: str) -> Account:
        """Own password: anyone. Someone else's: whoever may manage that account's role."""
        actor = self._require_signed_in()
        target = self.account(account_id)
        if target.id != actor.id:
            self._require_account_manager(target.role)
        return target

    # -- helpers and posts --------------------------------------------------------------

    def save_helper(self, helper: Helper) -> Helper:
        self._require(Permission.MANAGE_HELPERS)
        return self._save_helper_unchecked(helper)

    def _save_helper_unchecked(self, helper: Helper) -> Helper:
        problems = rules.helper_problems(helper)
        helper = replace(helper, nip=rules.clean_digits(helper.nip), name=helper.name.strip())
        clash = self._read(
            "SELECT 1 FROM helpers WHERE nip = ? AND id != ?", [helper.nip, helper.id]
        )
        if clash and "nip" not in problems:
            problems["nip"] = "NIP ini sudah terdaftar untuk petugas lain."
        if problems:
            raise RecordValidationError(problems)
        return self._upsert("helpers", HELPER_COLUMNS, helper)

    def save_post(self, post: Post) -> Post:
        self._require(Permission.MANAGE_HELPERS)
        problems = rules.post_problems(post)
        if problems:
            raise RecordValidationError(problems)
        post = replace(post, name=post.name.strip())
        clash = self._read(
            "SELECT 1 FROM posts WHERE name = ? AND kelurahan_code = ? AND id != ?",
            [post.name, post.kelurahan_code, post.id],
        )
        if clash:
            raise RecordValidationError(
                {"name": "Posko dengan nama ini sudah ada di kelurahan itu."}
            )
        return self._upsert("posts", POST_COLUMNS, post)

    def _upsert(self, table: str, columns: Sequence[str], record: Any) -> Any:
        now = utc_now()
        entity = {"helpers": "petugas", "posts": "posko"}[table]
        existing = self._read(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", [record.id])
        if existing:
            old = dict(zip(columns, existing[0], strict=True))
            record = replace(
                record, created_at=old["created_at"], origin=old["origin"], updated_at=now
            )
            sets = ", ".join(f"{c} = ?" for c in columns if c != "id")
            values = [_db_value(getattr(record, c)) for c in columns if c != "id"]
            new = {c: _db_value(getattr(record, c)) for c in columns}
            with self._writing() as db:
                db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values, record.id])
                if change := audit.changes(old, new):
                    self._audit(db, audit.UPDATE, entity, record.id, change)
        else:
            record = replace(record, created_at=now, updated_at=now, origin=self.installation_id)
            new = {c: _db_value(getattr(record, c)) for c in columns}
            with self._writing() as db:
                db.execute(
                    _insert_sql(table, columns), [_db_value(getattr(record, c)) for c in columns]
                )
                self._audit(db, audit.CREATE, entity, record.id, audit.changes(None, new))
        return record

    def helpers(self) -> list[Helper]:
        self._require_signed_in()
        return self._helpers_unchecked()

    def _helpers_unchecked(self) -> list[Helper]:
        rows = self._read(f"SELECT {', '.join(HELPER_COLUMNS)} FROM helpers ORDER BY name")
        return [Helper(**dict(zip(HELPER_COLUMNS, row, strict=True))) for row in rows]

    def posts(self) -> list[Post]:
        self._require_signed_in()
        rows = self._read(f"SELECT {', '.join(POST_COLUMNS)} FROM posts ORDER BY name")
        return [Post(**dict(zip(POST_COLUMNS, row, strict=True))) for row in rows]

    # -- households ---------------------------------------------------------------------

    def save_household(self, household: Household, visit: Visit | None = None) -> Household:
        """Insert or update a household and, optionally, add or correct one of its visits,
        in ONE transaction.

        Raises RecordValidationError with per-field messages (visit fields prefixed
        "visit.") before anything is written, so a failed save changes nothing.
        """
        actor = self._require(Permission.RECORD)
        stored = self._stored_household(household.id)
        if stored is not None and stored.erased_at:
            raise UserFacingError(
                "Data pribadi rumah tangga ini sudah dihapus dan tidak bisa diisi lagi.",
                hint="Jika keluarga ini setuju lagi, catat sebagai rumah tangga baru.",
            )
        if stored is not None and not self._sees_numbers(stored.created_by):
            # The form got masked numbers: keep the stored ones, never the masks.
            household = replace(household, no_kk=stored.no_kk, head_nik=stored.head_nik)
        household = rules.normalise_household(household)
        problems = rules.household_problems(household)
        if stored is not None and stored.consent and not household.consent:
            problems["consent"] = (
                "Persetujuan tidak bisa dicabut dengan menghapus centang. Pakai tombol "
                "'Tarik persetujuan' supaya data pribadinya dihapus dan tercatat."
            )
        if "no_kk" not in problems:
            other = self.household_by_kk(household.no_kk)
            if other is not None and other.id != household.id:
                problems["no_kk"] = "No KK ini sudah terdaftar. Buka rumah tangga itu dari daftar."
        if visit is not None:
            visit = rules.normalise_visit(replace(visit, household_id=household.id))
            visit_problems = self._visit_problems(visit, actor, household_pending=True)
            problems.update({f"visit.{k}": v for k, v in visit_problems.items()})
        if problems:
            raise RecordValidationError(problems)
        now = utc_now()
        existing = self._read(
            "SELECT pk, created_at, origin FROM households WHERE id = ?", [household.id]
        )
        editable = [c for c in HOUSEHOLD_COLUMNS if c not in _DERIVED_HOUSEHOLD_COLUMNS]
        household = replace(
            household,
            created_by=stored.created_by if stored else actor.id,
            consent_at=(stored.consent_at if stored and stored.consent_at else now),
            erased_at="",
            numbers_hidden=False,
        )
        with self._writing() as db:
            if existing:
                pk, created_at, origin = existing[0]
                household = replace(household, created_at=created_at, origin=origin, updated_at=now)
                assert stored is not None
                if change := audit.changes(_household_fields(stored), _household_fields(household)):
                    self._audit(db, audit.UPDATE, "rumah_tangga", household.id, change)
                sets = ", ".join(f"{c} = ?" for c in editable if c != "id")
                db.execute(
                    f"UPDATE households SET {sets} WHERE id = ?",
                    [
                        *(_db_value(getattr(household, c)) for c in editable if c != "id"),
                        household.id,
                    ],
                )
                if household.head_name != stored.head_name:
                    # An FTS5 write costs about 1.5 ms at COMMIT: only when the name changed.
                    db.execute(
                        "UPDATE households_fts SET head_name = ? WHERE rowid = ?",
                        [household.head_name, pk],
                    )
            else:
                household = replace(
                    household, created_at=now, updated_at=now, origin=self.installation_id
                )
                cursor = db.execute(
                    _insert_sql("households", editable),
                    [_db_value(getattr(household, c)) for c in editable],
                )
                db.execute(
                    "INSERT INTO households_fts (rowid, head_name) VALUES (?, ?)",
                    [cursor.lastrowid, household.head_name],
                )
                self._audit(
                    db,
                    audit.CREATE,
                    "rumah_tangga",
                    household.id,
                    audit.changes(None, _household_fields(household)),
                )
            if visit is not None:
                self._write_visit(db, visit, now)
        return self.household(household.id)

    def _stored_household(self, household_id: str) -> Household | None:
        rows = self._read(
            f"SELECT {', '.join(HOUSEHOLD_COLUMNS)} FROM households WHERE id = ?", [household_id]
        )
        return _household_from_row(rows[0]) if rows else None

    def _as_seen(self, household: Household) -> Household:
        if self._sees_numbers(household.created_by) or household.erased_at:
            return household
        return replace(
            household,
            no_kk=mask_number(household.no_kk),
            head_nik=mask_number(household.head_nik),
            numbers_hidden=True,
        )

    def household(self, household_id: str) -> Household:
        """The household as the signed-in account may see it (numbers masked if not theirs)."""
        self._require_signed_in()
        household = self._stored_household(household_id)
        if household is None:
            raise NotFoundError("Rumah tangga ini tidak ditemukan (mungkin sudah dihapus).")
        return self._as_seen(household)

    def household_by_kk(self, no_kk: str) -> Household | None:
        """The household with this No KK; this installation's own entry wins over synced ones."""
        self._require_signed_in()
        rows = self._read(
            f"SELECT {', '.join(HOUSEHOLD_COLUMNS)} FROM households "
            "WHERE no_kk = ? AND no_kk <> '' ORDER BY origin = ? DESC, created_at LIMIT 1",
            [rules.clean_digits(no_kk), self.installation_id],
        )
        return self._as_seen(_household_from_row(rows[0])) if rows else None

    def iter_household_pks(
        self,
        query: HouseholdQuery,
        *,
        chunk_size: int = 2000,
        first_chunk: int = 100,
        progress: Progress | None = None,
    ) -> Iterator[list[int]]:
        """Matching household pks in display order, in chunks, without sorting in memory.

        Names: newest first via the FTS index. Digits: households whose No KK starts with
        them (in No KK order), then those whose NIK does. No filter: newest first.
        The first chunk is small so the first page shows at once. Cancelling `progress`
        interrupts even a query that is still looking for its next row.
        """
        self._require_signed_in()
        conn = self._reader()
        with user_errors(), _interruptible(conn, progress):
            for select, order, args in self._search_parts(query):
                cursor = conn.execute(f"{select} ORDER BY {order}", args)
                size = first_chunk
                while rows := cursor.fetchmany(size):
                    yield [r[0] for r in rows]
                    size = chunk_size

    def _search_parts(self, query: HouseholdQuery) -> list[tuple[str, str, list[Any]]]:
        """(SELECT h.pk ..., ORDER BY clause, parameters) per stream of results.

        Each stream walks an index in its display order, so the first rows come back
        without SQLite collecting and sorting every match (a million for "5").
        """
        filters, args = _filters(query)
        extra = "".join(f" AND {f}" for f in filters)
        text = query.text.strip()
        digits = rules.clean_digits(text)
        if text and digits.isdigit():
            low, high = _digit_range(digits)
            return [
                (
                    # "no_kk <> ''" lets SQLite use the partial unique index.
                    "SELECT h.pk FROM households h INDEXED BY households_kk "
                    f"WHERE h.no_kk >= ? AND h.no_kk < ? AND h.no_kk <> ''{extra}",
                    "h.no_kk",
                    [low, high, *args],
                ),
                (
                    "SELECT h.pk FROM households h INDEXED BY households_nik "
                    "WHERE h.head_nik >= ? AND h.head_nik < ? "
                    f"AND NOT (h.no_kk >= ? AND h.no_kk < ?){extra}",
                    "h.head_nik",
                    [low, high, low, high, *args],
                ),
            ]
        match = _fts_query(text)
        if match:
            return [
                (
                    "SELECT h.pk FROM households_fts "
                    "JOIN households h ON h.pk = households_fts.rowid "
                    f"WHERE households_fts MATCH ?{extra}",
                    "households_fts.rowid DESC",
                    [match, *args],
                )
            ]
        where = f"WHERE {' AND '.join(filters)}" if filters else ""
        return [(f"SELECT h.pk FROM households h {where}", "h.pk DESC", args)]

    def kelurahan_in_use(self) -> list[str]:
        """Codes of the kelurahan/desa that have at least one household (for the filter)."""
        self._require_signed_in()
        return [
            r[0]
            for r in self._read(
                "SELECT DISTINCT kelurahan_code FROM households ORDER BY kelurahan_code"
            )
        ]

    def household_rows(self, pks: Sequence[int]) -> dict[int, HouseholdRow]:
        """The list columns for these households (missing pks are simply absent)."""
        self._require_signed_in()
        if not pks:
            return {}
        marks = ", ".join("?" for _ in pks)
        rows = self._read(f"SELECT {_ROW_COLUMNS} FROM households WHERE pk IN ({marks})", pks)
        sees = self._sees_numbers
        return {
            r[0]: HouseholdRow(
                pk=r[0],
                id=r[1],
                no_kk=r[2] if sees(r[11]) else mask_number(r[2]),
                head_name=r[3],
                head_nik=r[4] if sees(r[11]) else mask_number(r[4]),
                kelurahan_code=r[5],
                rt=r[6],
                rw=r[7],
                latest_outcome=Outcome(r[8]) if r[8] else None,
                latest_visit_at=r[9],
                visit_count=r[10],
                numbers_hidden=not sees(r[11]),
                erased=bool(r[12]),
            )
            for r in rows
        }

    def count_by_outcome(
        self, query: HouseholdQuery | None = None, *, progress: Progress | None = None
    ) -> dict[str, int]:
        """Households per latest outcome ('tanpa_kunjungan' = never visited) for a filter."""
        self._require_signed_in()
        counts = {o.value: 0 for o in Outcome} | {"tanpa_kunjungan": 0}
        query = query or HouseholdQuery()
        conditions, args = _filters(query)
        source = "households h"
        text = query.text.strip()
        digits = rules.clean_digits(text)
        if text and digits.isdigit():
            low, high = _digit_range(digits)
            conditions.insert(
                0, "((h.no_kk >= ? AND h.no_kk < ?) OR (h.head_nik >= ? AND h.head_nik < ?))"
            )
            args[:0] = [low, high, low, high]
            if len(digits) < SELECTIVE_DIGITS:
                # A short prefix matches most households: reading the table in order beats
                # a million index lookups (0.5 s against 9 s for "5" over a million).
                source = "households h NOT INDEXED"
        elif match := _fts_query(text):
            conditions.insert(
                0, "h.pk IN (SELECT rowid FROM households_fts WHERE households_fts MATCH ?)"
            )
            args.insert(0, match)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = f"SELECT h.latest_outcome, count(*) FROM {source}{where} GROUP BY h.latest_outcome"
        conn = self._reader()
        with user_errors(), _interruptible(conn, progress):
            rows = conn.execute(sql, args).fetchall()
        for outcome, count in rows:
            counts[outcome or "tanpa_kunjungan"] = count
        return counts

    # -- visits -------------------------------------------------------------------------

    def add_visit(self, visit: Visit) -> Visit:
        return self._save_visit(visit, insert=True)

    def update_visit(self, visit: Visit) -> Visit:
        return self._save_visit(visit, insert=False)

    def _visit_problems(
        self, visit: Visit, actor: Account, *, household_pending: bool = False
    ) -> dict[str, str]:
        problems = rules.visit_problems(visit)
        if (
            not allowed(Role(actor.role), Permission.SEE_ALL_NUMBERS)
            and visit.helper_id != actor.helper_id
        ):
            problems["helper_id"] = (
                "Akun petugas hanya bisa mencatat kunjungannya sendiri; koordinator bisa "
                "mencatat atas nama petugas lain."
            )
        references = [
            ("helper_id", "helpers", "Pilih petugas yang terdaftar."),
            ("post_id", "posts", "Pilih posko yang terdaftar."),
        ]
        if not household_pending:
            references.append(("household_id", "households", "Simpan rumah tangganya dulu."))
        for column, table, message in references:
            value = getattr(visit, column)
            if column not in problems and not self._read(
                f"SELECT 1 FROM {table} WHERE id = ?", [value]
            ):
                problems[column] = message
        return problems

    def _save_visit(self, visit: Visit, *, insert: bool) -> Visit:
        actor = self._require(Permission.RECORD)
        visit = rules.normalise_visit(visit)
        problems = self._visit_problems(visit, actor)
        if problems:
            raise RecordValidationError(problems)
        with self._writing() as db:
            if insert:
                return self._insert_visit(db, visit, utc_now())
            return self._update_visit(db, visit, utc_now())

    def _write_visit(self, db: sqlite_utils.Database, visit: Visit, now: str) -> Visit:
        """Insert a new visit or update a stored one (same id)."""
        known = db.execute("SELECT 1 FROM visits WHERE id = ?", [visit.id]).fetchone()
        if known:
            return self._update_visit(db, visit, now)
        return self._insert_visit(db, visit, now)

    def _update_visit(self, db: sqlite_utils.Database, visit: Visit, now: str) -> Visit:
        row = db.execute(
            f"SELECT {', '.join(VISIT_COLUMNS)} FROM visits WHERE id = ?", [visit.id]
        ).fetchone()
        if row is None:
            raise NotFoundError("Kunjungan ini tidak ditemukan (mungkin sudah dihapus).")
        old = dict(zip(VISIT_COLUMNS, row, strict=True))
        visit = replace(
            visit,
            created_at=old["created_at"],
            origin=old["origin"],
            created_by=old["created_by"],
            updated_at=now,
        )
        sets = ", ".join(f"{c} = ?" for c in VISIT_COLUMNS if c != "id")
        new = {c: _db_value(getattr(visit, c)) for c in VISIT_COLUMNS}
        db.execute(
            f"UPDATE visits SET {sets} WHERE id = ?",
            [*(new[c] for c in VISIT_COLUMNS if c != "id"), visit.id],
        )
        if change := audit.changes(old, new):
            self._audit(db, audit.UPDATE, "kunjungan", visit.id, change)
        if old["household_id"] != visit.household_id:
            self._refresh_household_summary(db, old["household_id"])
        self._refresh_household_summary(db, visit.household_id)
        return visit

    def _insert_visit(self, db: sqlite_utils.Database, visit: Visit, now: str) -> Visit:
        visit = replace(
            visit,
            created_at=now,
            updated_at=now,
            origin=self.installation_id,
            created_by=self.actor.id if self.actor else "",
        )
        values = {c: _db_value(getattr(visit, c)) for c in VISIT_COLUMNS}
        db.execute(_insert_sql("visits", VISIT_COLUMNS), list(values.values()))
        self._audit(db, audit.CREATE, "kunjungan", visit.id, audit.changes(None, values))
        self._refresh_household_summary(db, visit.household_id)
        return visit

    @staticmethod
    def _refresh_household_summary(db: sqlite_utils.Database, household_id: str) -> None:
        Storage._refresh_household_summaries(db, [household_id])

    @staticmethod
    def _refresh_household_summaries(db: sqlite_utils.Database, household_ids: list[str]) -> None:
        # Derived, local columns: not part of the household's own data, so updated_at stays.
        db.conn.executemany(
            """UPDATE households SET
                latest_outcome = (SELECT outcome FROM visits WHERE household_id = :id
                                  ORDER BY visited_at DESC, created_at DESC LIMIT 1),
                latest_visit_at = coalesce((SELECT max(visited_at) FROM visits
                                            WHERE household_id = :id), ''),
                visit_count = (SELECT count(*) FROM visits WHERE household_id = :id),
                latest_post_id = coalesce((SELECT post_id FROM visits WHERE household_id = :id
                                  ORDER BY visited_at DESC, created_at DESC LIMIT 1), ''),
                latest_helper_id = coalesce((SELECT helper_id FROM visits
                                  WHERE household_id = :id
                                  ORDER BY visited_at DESC, created_at DESC LIMIT 1), '')
               WHERE id = :id""",
            [{"id": household_id} for household_id in household_ids],
        )

    def visits_for(self, household_id: str) -> list[Visit]:
        self._require_signed_in()
        rows = self._read(
            f"SELECT {', '.join(VISIT_COLUMNS)} FROM visits WHERE household_id = ? "
            "ORDER BY visited_at DESC, created_at DESC",
            [household_id],
        )
        return [_visit_from_row(r) for r in rows]

    # -- statistics and bulk -------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        self._require_signed_in()
        counts = self._read(
            "SELECT (SELECT count(*) FROM households), (SELECT count(*) FROM visits), "
            "(SELECT count(*) FROM helpers), (SELECT count(*) FROM posts)"
        )[0]
        stats: dict[str, Any] = {
            "households": counts[0],
            "visits": counts[1],
            "by_outcome": self.count_by_outcome(),
            "helpers": counts[2],
            "posts": counts[3],
            "installation_id": self.installation_id,
            "demo": self.get_setting("demo") == "1",
        }
        if self.can(Permission.MONITOR):
            # The dashboard's own figures: one function computes both.
            dashboard = self.dashboard()
            stats["staff"] = _staff_section(dashboard)
            stats["kelurahan"] = [
                {
                    "kode": k.code,
                    "nama": k.name,
                    **{o: getattr(k.counts, o) for o in _HOUSEHOLD_COUNT_FIELDS},
                    "target": k.target,
                    "batas_waktu": k.deadline.isoformat() if k.deadline else "",
                }
                for k in dashboard.kelurahan
            ]
        return stats

    def is_empty(self) -> bool:
        """No household, visit or post (the accounts' own helper records do not count)."""
        return not self._read(
            "SELECT 1 FROM households UNION ALL SELECT 1 FROM visits "
            "UNION ALL SELECT 1 FROM posts LIMIT 1"
        )

    def bulk_insert(
        self,
        *,
        helpers: Iterable[Sequence[Any]] = (),
        posts: Iterable[Sequence[Any]] = (),
        households: Iterable[Sequence[Any]] = (),
        visits: Iterable[Sequence[Any]] = (),
        progress: Progress | None = None,
    ) -> None:
        """Insert pre-validated rows (tuples in *_COLUMNS order) in ONE transaction.

        For generated or imported data: callers commit in batches by calling this per
        batch, so a killed process loses at most the batch in flight, never half of one.
        The FTS index is filled from the new rows in the same transaction, and one audit
        entry records how many rows of each kind came in.
        """
        self._require(Permission.SETTINGS)
        helpers, posts, households, visits = (
            list(helpers),
            list(posts),
            list(households),
            list(visits),
        )
        with self._writing() as db:
            conn = db.conn
            conn.executemany(_insert_sql("helpers", HELPER_COLUMNS), helpers)
            conn.executemany(_insert_sql("posts", POST_COLUMNS), posts)
            before = conn.execute("SELECT coalesce(max(pk), 0) FROM households").fetchone()[0]
            conn.executemany(_insert_sql("households", HOUSEHOLD_COLUMNS), households)
            if progress is not None:
                progress.check()
            conn.execute(
                "INSERT INTO households_fts (rowid, head_name) "
                "SELECT pk, head_name FROM households WHERE pk > ?",
                [before],
            )
            conn.executemany(_insert_sql("visits", VISIT_COLUMNS), visits)
            if progress is not None:
                progress.check()
            counts = {
                "petugas": len(helpers),
                "posko": len(posts),
                "rumah_tangga": len(households),
                "kunjungan": len(visits),
            }
            self._audit(db, audit.CREATE, "impor_massal", "", counts)

    def analyze(self) -> None:
        """Refresh the query planner's statistics after a large bulk load."""
        with self._write_lock, user_errors():
            self._conn.execute("ANALYZE")

    def integrity_ok(self) -> bool:
        if self._read("PRAGMA integrity_check")[0][0] != "ok":
            return False
        # SQLCipher's own check: every page's HMAC (catches pages altered on disk).
        return self._key is None or not self._read("PRAGMA cipher_integrity_check")

    # -- signing key, trusted keys and slips -------------------------------------------------

    def signer(self) -> Signer:
        """The installation's private key, for signing what this signed-in account issues."""
        self._require_signed_in()
        row = self._read("SELECT private_key FROM signing_keys WHERE private_key IS NOT NULL")
        return Signer(
            bytes(row[0][0]),
            office=self._get_setting("office_name"),
            kelurahan_code=self._get_setting("office_kelurahan"),
        )

    def own_public_key(self) -> PublicKey:
        """Readable without signing in: the fingerprint shows on the login window."""
        row = self._read("SELECT public_key FROM signing_keys WHERE private_key IS NOT NULL")
        return PublicKey(
            bytes(row[0][0]),
            office=self._get_setting("office_name"),
            kelurahan_code=self._get_setting("office_kelurahan"),
        )

    def trusted_keys(self) -> list[TrustedKey]:
        """This installation's own key first, then imported ones by office."""
        self._require_signed_in()
        own = self.own_public_key()
        rows = self._read(
            "SELECT public_key, office, kelurahan_code, added_at, added_by FROM signing_keys "
            "WHERE private_key IS NULL ORDER BY office, added_at"
        )
        return [TrustedKey(own, own=True, added_at="", added_by="")] + [
            TrustedKey(PublicKey(bytes(r[0]), office=r[1], kelurahan_code=r[2]), False, r[3], r[4])
            for r in rows
        ]

    def key_ring(self) -> KeyRing:
        return KeyRing([k.key for k in self.trusted_keys()])

    def trust_key(self, key: PublicKey) -> bool:
        """Trust another office's public key; False when it was already known."""
        actor = self._require(Permission.SETTINGS)
        with self._writing() as db:
            return self._trust_key(db, key, actor)

    def _trust_key(self, db: sqlite_utils.Database, key: PublicKey, actor: Account) -> bool:
        known = db.execute("SELECT 1 FROM signing_keys WHERE key_id = ?", [key.key_id]).fetchone()
        if known:
            return False
        db.execute(
            "INSERT INTO signing_keys (key_id, public_key, office, kelurahan_code, added_at, "
            "added_by) VALUES (?, ?, ?, ?, ?, ?)",
            [key.key_id, key.raw, key.office, key.kelurahan_code, utc_now(), actor.label()],
        )
        self._audit(
            db, audit.SETTING, "kunci_tepercaya", key.key_id,
            {"kantor": key.office, "sidik": key.fingerprint, "tindakan": "ditambahkan"},
        )  # fmt: skip
        return True

    def distrust_key(self, key_id: str) -> None:
        self._require(Permission.SETTINGS)
        with self._writing() as db:
            cursor = db.execute(
                "DELETE FROM signing_keys WHERE key_id = ? AND private_key IS NULL", [key_id]
            )
            if cursor.rowcount:
                self._audit(db, audit.SETTING, "kunci_tepercaya", key_id, {"tindakan": "dihapus"})

    def register_slips(self, slips: Sequence[tuple[str, str, str]]) -> None:
        """Record issued slips as (visit id, QR text, short code), with one audit entry."""
        actor = self._require(Permission.RECORD)
        if not slips:
            return
        now = utc_now()
        key_id = self.own_public_key().key_id
        with self._writing() as db:
            db.conn.executemany(
                "INSERT INTO slips (code, visit_id, qr_text, key_id, first_issued_at, issued_by) "
                "VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (code) DO UPDATE SET times_issued = times_issued + 1",
                [(code, visit_id, qr, key_id, now, actor.id) for visit_id, qr, code in slips],
            )
            self._audit(
                db,
                audit.PRINT,
                "bukti_pendampingan",
                slips[0][0] if len(slips) == 1 else "",
                {"jumlah": len(slips)},
            )

    def slip_by_code(self, code: str) -> tuple[str, str] | None:
        """(visit id, QR text) of a slip issued here with this short code."""
        self._require_signed_in()
        rows = self._read("SELECT visit_id, qr_text FROM slips WHERE code = ?", [code])
        return (rows[0][0], rows[0][1]) if rows else None

    def visit_outcome(self, visit_id: str) -> str | None:
        """The outcome now stored for a visit, or None when this PC does not have it."""
        self._require_signed_in()
        rows = self._read("SELECT outcome FROM visits WHERE id = ?", [visit_id])
        return rows[0][0] if rows else None

    # -- proof of completion files ("bukti pengisian") ----------------------------------------

    def attach_proof(self, visit_id: str, filename: str, content: bytes) -> ProofFile:
        """Store the household's proof file with this visit, in one durable transaction."""
        actor = self._require(Permission.RECORD)
        media_type = proofs.check_proof(filename, content)
        rows = self._read(
            "SELECT v.household_id, h.erased_at FROM visits v "
            "JOIN households h ON h.id = v.household_id WHERE v.id = ?",
            [visit_id],
        )
        if not rows:
            raise NotFoundError(
                "Kunjungan ini belum tersimpan.",
                hint="Simpan kunjungannya dulu, lalu lampirkan bukti pengisian.",
            )
        household_id, erased_at = rows[0]
        if erased_at:
            raise UserFacingError(
                "Data pribadi rumah tangga ini sudah dihapus; bukti tidak bisa dilampirkan.",
            )
        proof = ProofFile(
            id=new_id(),
            visit_id=visit_id,
            household_id=household_id,
            filename=proofs.clean_filename(filename, media_type),
            media_type=media_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            created_at=utc_now(),
            created_by=actor.id,
        )
        with self._writing() as db:
            db.execute(
                "INSERT INTO proof_files (id, visit_id, household_id, filename, media_type, size, "
                "sha256, created_at, created_by, origin, content) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    proof.id, visit_id, household_id, proof.filename, media_type, proof.size,
                    proof.sha256, proof.created_at, actor.id, self.installation_id, content,
                ],
            )  # fmt: skip
            self._audit(
                db,
                audit.CREATE,
                "bukti_pengisian",
                proof.id,
                {"kunjungan": visit_id, "jenis": media_type, "ukuran": proof.size,
                 "sha256": proof.sha256},
            )  # fmt: skip
        return proof

    def proof_files(self, visit_id: str) -> list[ProofFile]:
        self._require_signed_in()
        rows = self._read(
            f"SELECT {_PROOF_COLUMNS} FROM proof_files p WHERE p.visit_id = ? "
            "ORDER BY p.created_at",
            [visit_id],
        )
        return [ProofFile(*r) for r in rows]

    def proof_content(self, proof_id: str) -> tuple[ProofFile, bytes]:
        """The file exactly as attached, checked against its SHA-256 before it is returned."""
        self._require_signed_in()
        rows = self._read(
            f"SELECT {_PROOF_COLUMNS}, p.content, h.created_by FROM proof_files p "
            "JOIN households h ON h.id = p.household_id WHERE p.id = ?",
            [proof_id],
        )
        if not rows:
            raise NotFoundError("Berkas bukti ini tidak ditemukan.")
        proof, content, household_creator = ProofFile(*rows[0][:-2]), rows[0][-2], rows[0][-1]
        if proof.erased_at:
            raise NotFoundError("Berkas bukti ini sudah dihapus bersama data pribadinya.")
        if not self._sees_numbers(household_creator):
            raise PermissionDeniedError(
                "Bukti pengisian memuat NIK dan No KK lengkap: hanya petugas yang mencatat "
                "rumah tangga ini, koordinator, atau admin yang bisa membukanya.",
                hint="Minta koordinator membukanya.",
            )
        content = bytes(content)
        if hashlib.sha256(content).hexdigest() != proof.sha256:
            raise DatabaseCorruptError(
                "Berkas bukti ini rusak di dalam data (SHA-256 tidak cocok).",
                hint="Pulihkan data dari cadangan terakhir; berkas lain tidak terpengaruh.",
            )
        self.record_event(audit.VIEW, "bukti_pengisian", proof.id)
        return proof, content

    def visit_proof_counts(self, visit_ids: Sequence[str]) -> dict[str, int]:
        self._require_signed_in()
        if not visit_ids:
            return {}
        marks = ", ".join("?" for _ in visit_ids)
        rows = self._read(
            f"SELECT visit_id, count(*) FROM proof_files WHERE visit_id IN ({marks}) "
            "AND erased_at = '' GROUP BY visit_id",
            list(visit_ids),
        )
        return {r[0]: r[1] for r in rows}

    # -- what documents and exports contain -----------------------------------------------

    def visit_line(self, visit_id: str) -> VisitLine:
        """One visit with everything its proof slip shows (numbers as this account sees them)."""
        self._require(Permission.RECORD)
        rows = self._read(f"{_VISIT_LINE_SELECT} WHERE v.id = ?", [visit_id])
        if not rows:
            raise NotFoundError("Kunjungan ini tidak ditemukan (mungkin belum disimpan).")
        return self._visit_line(rows[0], {})

    def report_visit_ids(self, report: ReportFilter) -> list[str]:
        """Ids of the visits in scope, oldest first (for printing many slips)."""
        self._require(Permission.RECORD)
        where, args = _report_conditions(report)
        return [
            r[0]
            for r in self._report_read(
                f"SELECT v.id FROM visits v {_report_joins(report)} {where} ORDER BY v.visited_at",
                args,
            )
        ]

    def report_visits(
        self, report: ReportFilter, *, progress: Progress | None = None
    ) -> Iterator[VisitLine]:
        """Every visit in scope, by kelurahan then time. Streams: 100k rows never sit in memory."""
        self._require(Permission.EXPORT)
        where, args = _report_conditions(report)
        labels: dict[str, str] = {}
        conn = self._report_reader()
        with user_errors(), _interruptible(conn, progress):
            cursor = conn.execute(
                f"{_VISIT_LINE_SELECT} {where} ORDER BY h.kelurahan_code, v.visited_at", args
            )
            while rows := cursor.fetchmany(2000):
                for row in rows:
                    yield self._visit_line(row, labels)

    def report_households(
        self, report: ReportFilter, *, progress: Progress | None = None
    ) -> Iterator[HouseholdLine]:
        """Every household in scope with its status at the end of the period, in
        kelurahan / RW / RT / name order."""
        self._require(Permission.EXPORT)
        sql, args = _report_households_sql(report)
        labels: dict[str, str] = {}
        sees = self._sees_numbers
        conn = self._report_reader()
        with user_errors(), _interruptible(conn, progress):
            cursor = conn.execute(sql, args)
            while rows := cursor.fetchmany(2000):
                for r in rows:
                    shown = bool(r[13]) or sees(r[11])
                    outcome = r[15]
                    yield HouseholdLine(
                        household_id=r[0],
                        no_kk=r[1] if shown else mask_number(r[1]),
                        head_nik=r[2] if shown else mask_number(r[2]),
                        head_name=r[3],
                        kelurahan_code=r[4],
                        kelurahan_label=_kelurahan_label(r[4], labels),
                        address=r[5],
                        rt=r[6],
                        rw=r[7],
                        members=r[8],
                        help_reason=HelpReason(r[9]),
                        status=Outcome(outcome) if outcome else None,
                        last_visit_at=_local_time(r[16]) if r[16] else None,
                        failure_reason=FailureReason(r[17]) if r[17] else None,
                        revisit_date=date.fromisoformat(r[18]) if r[18] else None,
                        visits=r[14] or 0,
                        numbers_masked=not shown,
                        erased=bool(r[13]),
                    )

    def report_visit_figures(
        self, report: ReportFilter
    ) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """Visits in scope by outcome, failed visits by reason (every attempt counts), and
        visits by kelurahan: one pass over the visits, joined only to what filters need."""
        self._require(Permission.EXPORT)
        where, args = _report_conditions(report)
        by_outcome: dict[str, int] = {}
        by_reason: dict[str, int] = {}
        by_kelurahan: dict[str, int] = {}
        for kelurahan, outcome, reason, count in self._report_read(
            "SELECT h.kelurahan_code, v.outcome, v.failure_reason, count(*) FROM visits v "
            f"{_report_joins(report)} {where} GROUP BY 1, 2, 3",
            args,
        ):
            by_outcome[outcome] = by_outcome.get(outcome, 0) + count
            by_kelurahan[kelurahan] = by_kelurahan.get(kelurahan, 0) + count
            if outcome == Outcome.GAGAL.value:
                key = reason or FailureReason.LAINNYA.value
                by_reason[key] = by_reason.get(key, 0) + count
        return by_outcome, by_reason, by_kelurahan

    def _report_reader(self) -> sqlcipher.Connection:
        """This thread's reader with a page cache big enough for a report's joins: with
        the default 8 MB, 100k households were read from disk (and decrypted) three times
        over (4.3 s against 1.8 s)."""
        conn = self._reader()
        conn.execute(f"PRAGMA cache_size = -{REPORT_CACHE_KIB}")
        return conn

    def _report_read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        conn = self._report_reader()
        with user_errors(), _interruptible(conn, None):
            return conn.execute(sql, params).fetchall()

    def _visit_line(self, r: Sequence[Any], labels: dict[str, str]) -> VisitLine:
        erased = bool(r[21])
        shown = erased or self._sees_numbers(r[20])
        return VisitLine(
            visit_id=r[0],
            visited_at=_local_time(r[1]),
            outcome=Outcome(r[2]),
            failure_reason=FailureReason(r[3]) if r[3] else None,
            failure_note=r[4],
            revisit_date=date.fromisoformat(r[5]) if r[5] else None,
            note=r[6],
            helper_name=r[7],
            helper_nip=r[8],
            post_name=r[9],
            household_id=r[10],
            no_kk=r[11] if shown else mask_number(r[11]),
            head_nik=r[12] if shown else mask_number(r[12]),
            head_name=r[13],
            kelurahan_code=r[14],
            kelurahan_label=_kelurahan_label(r[14], labels),
            address=r[15],
            rt=r[16],
            rw=r[17],
            members=r[18],
            help_reason=HelpReason(r[19]),
            numbers_masked=not shown,
            erased=erased,
            proof_files=r[22],
            post_kelurahan_label=_kelurahan_label(r[23], labels),
        )

    # -- consent withdrawal and retention ------------------------------------------------

    def withdraw_consent(self, household_id: str) -> Household:
        """Erase a household's personal data; keep it as an anonymous count with its visits.

        Allowed to whoever may see its full numbers (who entered it, coordinators, admins).
        """
        actor = self._require(Permission.RECORD)
        stored = self._stored_household(household_id)
        if stored is None:
            raise NotFoundError("Rumah tangga ini tidak ditemukan (mungkin sudah dihapus).")
        if stored.erased_at:
            return stored
        if not self._sees_numbers(stored.created_by):
            raise PermissionDeniedError(
                "Hanya petugas yang mencatat rumah tangga ini, koordinator, atau admin yang "
                "bisa mencatat penarikan persetujuannya.",
                hint="Minta koordinator melakukannya.",
            )
        with self._writing() as db:
            pk = db.execute("SELECT pk FROM households WHERE id = ?", [household_id]).fetchone()[0]
            visits = self._erase_households(db, [pk])
            self._audit(
                db,
                audit.ERASE,
                "rumah_tangga",
                household_id,
                {"kunjungan_disimpan_tanpa_nama": visits, "oleh": actor.label()},
            )
        self._flush_erased()
        return self.household(household_id)

    def _flush_erased(self) -> None:
        """Copy the WAL into the file and empty it: erased values must not wait there."""
        with self._write_lock, user_errors():
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _erase_households(self, db: sqlite_utils.Database, pks: Sequence[int]) -> int:
        """Empty the personal fields of these households and their visits' notes."""
        if not pks:
            return 0
        marks = ", ".join("?" for _ in pks)
        now = utc_now()
        db.execute(f"DELETE FROM households_fts WHERE rowid IN ({marks})", list(pks))
        ids = [r[0] for r in db.execute(f"SELECT id FROM households WHERE pk IN ({marks})", pks)]
        db.execute(
            "UPDATE households SET no_kk = '', head_name = '', head_nik = '', address = '', "
            "rt = '', rw = '', phone = '', help_note = '', consent = 0, erased_at = ?, "
            f"updated_at = ? WHERE pk IN ({marks})",
            [now, now, *pks],
        )
        id_marks = ", ".join("?" for _ in ids)
        cursor = db.execute(
            f"UPDATE visits SET failure_note = '', note = '', updated_at = ? "
            f"WHERE household_id IN ({id_marks})",
            [now, *ids],
        )
        # The proof files show the family's numbers and names: they go with the rest.
        db.execute(
            "UPDATE proof_files SET content = X'', filename = '', erased_at = ? "
            f"WHERE household_id IN ({id_marks})",
            [now, *ids],
        )
        return cursor.rowcount

    def retention_until(self) -> date | None:
        text = self._get_setting("retention_until")
        return date.fromisoformat(text) if text else None

    def set_retention_until(self, until: date | None) -> None:
        self.set_setting("retention_until", until.isoformat() if until else "")

    def retention_due(self, today: date | None = None) -> bool:
        """The retention period is over and some household still holds personal data."""
        until = self.retention_until()
        if until is None or (today or clock.today()) <= until:
            return False
        return bool(self._read("SELECT 1 FROM households WHERE erased_at = '' LIMIT 1"))

    def purge_personal_data(
        self, *, progress: Progress | None = None, today: date | None = None
    ) -> PurgeSummary:
        """After the retention end date: erase every household's personal data.

        Works in batches of PURGE_BATCH households, each its own transaction, so a power
        cut leaves every household either untouched or fully erased, and a second run
        finishes the job. The counts per kelurahan and outcome stay.
        """
        actor = self._require(Permission.PURGE)
        until = self.retention_until()
        if until is None or (today or clock.today()) <= until:
            raise PermissionDeniedError(
                "Masa simpan data belum berakhir.",
                hint="Data pribadi baru boleh dihapus massal setelah tanggal akhir masa simpan "
                "yang ditetapkan admin.",
            )
        already = self._read("SELECT count(*) FROM households WHERE erased_at <> ''")[0][0]
        total = self._read("SELECT count(*) FROM households WHERE erased_at = ''")[0][0]
        done = 0
        while True:
            if progress is not None:
                progress.report(done, total, "Menghapus data pribadi")
            pks = [
                r[0]
                for r in self._read(
                    "SELECT pk FROM households WHERE erased_at = '' LIMIT ?", [PURGE_BATCH]
                )
            ]
            if not pks:
                break
            with self._writing() as db:
                self._erase_households(db, pks)
            done += len(pks)
        self._flush_erased()
        visits = self._read("SELECT count(*) FROM visits")[0][0]
        by_kelurahan = self._outcomes_by_kelurahan()
        with self._writing() as db:
            entry = self._audit(
                db,
                audit.PURGE,
                "rumah_tangga",
                "",
                {
                    "dihapus": done,
                    "sudah_terhapus_sebelumnya": already,
                    "kunjungan_disimpan_tanpa_nama": visits,
                    "masa_simpan_sampai": until.isoformat(),
                },
            )
        return PurgeSummary(
            purged=done,
            already_erased=already,
            visits_kept=visits,
            by_kelurahan=by_kelurahan,
            retention_until=until,
            purged_by=actor.label(),
            audit_hash=entry.hash,
        )

    # -- sync: revisions ------------------------------------------------------------------
    #
    # Local writes only mark records pending (triggers of migration 0005). Revisions are
    # made in sync_commit, before anything leaves; documents that arrive go through
    # sync_apply. The rules of the tree are in revisions.py, the documents' shape in
    # sync_docs.py.

    def sync_commit(self, progress: Progress | None = None) -> int:
        """Give every pending local change its revision, in batches. Returns how many."""
        self._require(Permission.SYNC)
        total = self._read("SELECT count(*) FROM sync_pending")[0][0]
        done = 0
        while True:
            with self._writing() as db:
                made = self._commit_pending(db, limit=SYNC_COMMIT_BATCH)
            if made == 0:
                return done
            done += made
            if progress is not None:
                progress.report(min(done, total), max(total, done), "Mencatat revisi perubahan")

    def _commit_pending(
        self,
        db: sqlite_utils.Database,
        *,
        limit: int | None = None,
        tombstones: dict[str, dict[str, Any]] | None = None,
    ) -> int:
        """Revisions for pending records, inside the caller's transaction."""
        sql = "SELECT doc_id FROM sync_pending ORDER BY doc_id"
        doc_ids = [r[0] for r in db.execute(sql + (f" LIMIT {int(limit)}" if limit else ""))]
        if not doc_ids:
            return 0
        by_kind: dict[sync_docs.Kind, list[str]] = {}
        for doc in doc_ids:
            kind, record_id = sync_docs.split_doc_id(doc)
            by_kind.setdefault(kind, []).append(record_id)
        seq = self._next_sync_seq(db)
        for kind, record_ids in by_kind.items():
            bodies = self._domain_bodies(db, kind, record_ids)
            stored = self._sync_rows(db, [sync_docs.doc_id(kind, r) for r in record_ids])
            for record_id in record_ids:
                doc = sync_docs.doc_id(kind, record_id)
                body = bodies.get(record_id)
                row = stored.get(doc)
                leaves = row.leaves if row else []
                base = revisions.winner(leaves) if leaves else None
                if body is None:
                    if base is None or base.deleted:
                        continue  # never left this PC, or already a tombstone
                    tomb = (tombstones or {}).get(doc, {})
                    leaves, new = revisions.edit(leaves, base, tomb, deleted=True)
                    if tomb:
                        self._put_body(db, doc, new.rev, tomb, None)
                else:
                    if row is not None and row.parked:
                        # A record written here supersedes a parked arrival.
                        db.execute(
                            "DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, row.rev]
                        )
                    leaves, new = revisions.edit(leaves, base, body, deleted=False)
                self._put_sync_doc(db, doc, leaves, seq, parked=False, local=True)
                seq += 1
        marks = ", ".join("?" for _ in doc_ids)
        db.execute(f"DELETE FROM sync_pending WHERE doc_id IN ({marks})", doc_ids)
        return len(doc_ids)

    @staticmethod
    def _next_sync_seq(db: sqlite_utils.Database) -> int:
        return int(db.execute("SELECT coalesce(max(seq), 0) FROM sync_docs").fetchone()[0]) + 1

    @staticmethod
    def _sync_rows(db: Any, doc_ids: Sequence[str]) -> dict[str, _SyncRow]:
        rows: dict[str, _SyncRow] = {}
        for chunk in _chunks(doc_ids, 500):
            marks = ", ".join("?" for _ in chunk)
            for r in db.execute(
                "SELECT doc_id, rev, deleted, leaves, seq, parked FROM sync_docs "
                f"WHERE doc_id IN ({marks})",
                list(chunk),
            ):
                rows[r[0]] = _SyncRow(
                    r[0],
                    r[1],
                    bool(r[2]),
                    [Leaf.from_json(x) for x in orjson.loads(r[3])],
                    r[4],
                    bool(r[5]),
                )
        return rows

    @staticmethod
    def _put_sync_doc(
        db: sqlite_utils.Database,
        doc: str,
        leaves: list[Leaf],
        seq: int,
        *,
        parked: bool,
        local: bool = False,
    ) -> None:
        best = revisions.winner(leaves)
        db.execute(
            "INSERT OR REPLACE INTO sync_docs (doc_id, rev, deleted, leaves, seq, conflicted, "
            "parked, local) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                doc,
                best.rev,
                int(best.deleted),
                _leaves_text(leaves),
                seq,
                int(bool(revisions.conflicts(leaves))),
                int(parked),
                int(local),
            ],
        )

    @staticmethod
    def _put_body(
        db: sqlite_utils.Database, doc: str, rev: str, body: dict[str, Any], content: bytes | None
    ) -> None:
        db.execute(
            "INSERT OR REPLACE INTO sync_bodies (doc_id, rev, body, content) VALUES (?, ?, ?, ?)",
            [doc, rev, _json_text({k: v for k, v in body.items() if k[:1] != "_"}), content],
        )

    @staticmethod
    def _stored_body(db: Any, doc: str, rev: str) -> tuple[dict[str, Any], bytes | None] | None:
        row = db.execute(
            "SELECT body, content FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, rev]
        ).fetchone()
        if row is None:
            return None
        return json.loads(row[0]), (bytes(row[1]) if row[1] is not None else None)

    @staticmethod
    def _domain_bodies(
        db: Any, kind: sync_docs.Kind, record_ids: Sequence[str]
    ) -> dict[str, dict[str, Any]]:
        """The current bodies of these records as their tables hold them (absent: deleted)."""
        columns = ", ".join(f"t.{c}" for c in kind.columns)
        bodies: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(record_ids, 500):
            marks = ", ".join("?" for _ in chunk)
            for row in db.execute(
                f"SELECT {columns}, {_WILAYAH[kind.name]} FROM {kind.table} t "
                f"WHERE t.id IN ({marks})",
                list(chunk),
            ):
                bodies[row[0]] = sync_docs.body_from_row(kind, row[:-1], row[-1])
        return bodies

    # -- sync: documents out ------------------------------------------------------------

    def sync_seq(self) -> int:
        """The newest change number of this installation's documents."""
        return int(self._read("SELECT coalesce(max(seq), 0) FROM sync_docs")[0][0])

    def sync_changes(self, since: int, limit: int) -> list[tuple[int, str, list[str], bool]]:
        """The next documents changed after `since`, in change order: (seq, id, leaf revs,
        whether the newest revision was made on this PC)."""
        self._require(Permission.SYNC)
        rows = self._read(
            "SELECT seq, doc_id, leaves, local FROM sync_docs WHERE seq > ? ORDER BY seq LIMIT ?",
            [since, limit],
        )
        return [
            (seq, doc, [Leaf.from_json(x).rev for x in orjson.loads(text)], bool(local))
            for seq, doc, text, local in rows
        ]

    def sync_counts(self, since: int, upto: int) -> dict[str, int]:
        """How many documents of each kind changed in (since, upto]."""
        counts = {}
        for kind in sync_docs.KINDS:
            low, high = _doc_range(kind)
            counts[kind.name] = self._read(
                "SELECT count(*) FROM sync_docs WHERE doc_id >= ? AND doc_id < ? "
                "AND seq > ? AND seq <= ?",
                [low, high, since, upto],
            )[0][0]
        return counts

    def sync_documents(
        self,
        *,
        since: int = 0,
        upto: int | None = None,
        wanted: dict[str, set[str]] | None = None,
        kinds: Sequence[sync_docs.Kind] = sync_docs.KINDS,
        progress: Progress | None = None,
    ) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        """Every live and deleted leaf of the documents changed in (since, upto], as
        CouchDB documents (`_id`, `_rev`, `_revisions`, body), in kind order, with a proof
        file's content alongside. `wanted` limits them to these revisions per document.
        """
        self._require(Permission.SYNC)
        upto = self.sync_seq() if upto is None else upto
        conn = self._reader()
        with _page_cache(conn, REPORT_CACHE_KIB):
            yield from self._sync_documents(conn, since, upto, wanted, kinds, progress)

    def _sync_documents(
        self,
        conn: sqlcipher.Connection,
        since: int,
        upto: int,
        wanted: dict[str, set[str]] | None,
        kinds: Sequence[sync_docs.Kind],
        progress: Progress | None,
    ) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        for kind in kinds:
            low, high = _doc_range(kind)
            if wanted is not None:
                doc_ids = sorted(d for d in wanted if low <= d < high)
                rows = []
                for chunk in _chunks(doc_ids, 500):
                    marks = ", ".join("?" for _ in chunk)
                    rows += self._read(
                        "SELECT doc_id, rev, leaves, parked FROM sync_docs "
                        f"WHERE doc_id IN ({marks})",
                        chunk,
                    )
            else:
                rows = self._read(
                    "SELECT doc_id, rev, leaves, parked FROM sync_docs WHERE doc_id >= ? "
                    "AND doc_id < ? AND seq > ? AND seq <= ? ORDER BY doc_id",
                    [low, high, since, upto],
                )
            for chunk in _chunks(rows, 1000):
                if progress is not None:
                    progress.check()
                records = [d[len(kind.name) + 1 :] for d, *_ in chunk]
                with user_errors():
                    bodies = self._domain_bodies(conn, kind, records)
                for (doc, rev, leaves_text, parked), record_id in zip(chunk, records, strict=True):
                    for leaf in (Leaf.from_json(x) for x in orjson.loads(leaves_text)):
                        if wanted is not None and leaf.rev not in wanted[doc]:
                            continue
                        yield self._leaf_document(
                            conn, kind, doc, record_id, leaf, rev, bool(parked), bodies
                        )

    def _leaf_document(
        self,
        conn: Any,
        kind: sync_docs.Kind,
        doc: str,
        record_id: str,
        leaf: Leaf,
        winner_rev: str,
        parked: bool,
        bodies: dict[str, dict[str, Any]],
    ) -> tuple[dict[str, Any], bytes | None]:
        content: bytes | None = None
        if leaf.rev == winner_rev and not leaf.deleted and not parked:
            body = bodies[record_id]
            if kind.has_content:
                with user_errors():
                    content = bytes(
                        conn.execute(
                            f"SELECT content FROM {kind.table} WHERE id = ?", [record_id]
                        ).fetchone()[0]
                    )
        else:
            with user_errors():
                stored = self._stored_body(conn, doc, leaf.rev)
            body, content = stored if stored else ({}, None)
        document = {"_id": doc, "_rev": leaf.rev, "_revisions": leaf.revisions()}
        if leaf.deleted:
            document["_deleted"] = True
        document.update(body)
        return document, content

    def sync_missing(self, revs: dict[str, list[str]]) -> dict[str, list[str]]:
        """Of these revisions per document, the ones this installation does not have."""
        self._require(Permission.SYNC)
        with user_errors():
            rows = self._sync_rows(self._reader(), list(revs))
        missing: dict[str, list[str]] = {}
        for doc, wanted in revs.items():
            leaves = rows[doc].leaves if doc in rows else []
            lacking = [r for r in wanted if not _knows_safely(leaves, r)]
            if lacking:
                missing[doc] = lacking
        return missing

    # -- sync: documents in -------------------------------------------------------------

    def sync_apply(
        self,
        documents: Iterable[tuple[dict[str, Any], bytes | None]],
        *,
        strict: bool,
        progress: Progress | None = None,
        total: int = 0,
        source: str = "",
        bundle: tuple[str, str] | None = None,
        trust: PublicKey | None = None,
    ) -> sync_docs.ApplySummary:
        """Merge documents from a bundle or a hub, in ONE transaction.

        `strict` (bundles): any invalid document aborts the whole apply, so nothing is
        written. Otherwise (hub) an invalid document is skipped and counted. `bundle` is
        (manifest SHA-256, sender installation id), recorded so the same bundle is known.
        `trust`: the sender's key, trusted in the same transaction (so a refused bundle
        leaves no trace).
        """
        actor = self._require(Permission.SYNC)
        if trust is not None:
            self._require(Permission.SETTINGS)
        summary = sync_docs.ApplySummary.empty()
        with self._write_lock, _page_cache(self._conn, APPLY_CACHE_KIB), self._writing() as db:
            if trust is not None:
                self._trust_key(db, trust, actor)
            # A merge re-points visits before it deletes a household; within this
            # transaction the order of documents must not matter.
            db.execute("PRAGMA defer_foreign_keys = ON")
            self._commit_pending(db)
            state = _ApplyState(seq=self._next_sync_seq(db))
            # Written records carry their own revisions: no pending marks (the triggers
            # come back, from the same definitions, before this transaction commits).
            for trigger in _SYNC_TRIGGERS:
                db.execute(f"DROP TRIGGER {trigger}")
            done = 0
            iterator = iter(documents)
            while chunk := list(itertools.islice(iterator, APPLY_CHUNK)):
                self._apply_chunk(db, chunk, summary, state, strict=strict)
                done += len(chunk)
                if progress is not None:
                    progress.report(done, max(total, done), "Menggabungkan data")
            self._unpark(db, state)
            self._refresh_household_summaries(db, sorted(state.households))
            self._refresh_staff_summaries(db, sorted(state.staff))
            summary.parked = db.execute(
                "SELECT count(*) FROM sync_docs WHERE parked = 1"
            ).fetchone()[0]
            # What the apply wrote is the documents' own revisions, not local edits;
            # only what it changed by itself (visits following a merged household)
            # becomes a new local revision.
            for kind in sync_docs.KINDS:
                for statement in _sync_trigger_sql(kind):
                    db.execute(statement)
            if state.local_edits:
                db.conn.executemany(
                    "INSERT OR IGNORE INTO sync_pending VALUES (?)",
                    [(d,) for d in sorted(state.local_edits)],
                )
                self._commit_pending(db)
            details = {"sumber": source, **summary.as_dict()}
            if bundle is not None:
                db.execute(
                    "INSERT INTO sync_peers (peer, kind, state, last_sync_at) VALUES "
                    "('paket', 'bundle', '{}', ?) ON CONFLICT (peer) DO UPDATE SET "
                    "last_sync_at = excluded.last_sync_at",
                    [utc_now()],
                )
                db.execute(
                    "INSERT OR REPLACE INTO sync_imports (manifest_sha256, imported_at, "
                    "installation_id, summary) VALUES (?, ?, ?, ?)",
                    [bundle[0], utc_now(), bundle[1], json.dumps(summary.as_dict())],
                )
            if summary.changed or bundle is not None:
                self._audit(db, audit.IMPORT if bundle else audit.SYNC, "data", "", details)
        return summary

    def bundle_imported_at(self, manifest_sha256: str) -> str | None:
        rows = self._read(
            "SELECT imported_at FROM sync_imports WHERE manifest_sha256 = ?", [manifest_sha256]
        )
        return rows[0][0] if rows else None

    def _apply_chunk(
        self,
        db: sqlite_utils.Database,
        chunk: list[tuple[dict[str, Any], bytes | None]],
        summary: sync_docs.ApplySummary,
        state: _ApplyState,
        *,
        strict: bool,
    ) -> None:
        """Documents new to this installation go in batches (one INSERT per kind); the
        rest (updates, conflicts, deletions, records waiting for others) one by one."""
        arrived: list[_Incoming] = []
        for document, content in chunk:
            try:
                arrived.append(_identify(document, content))
            except (sync_docs.DocumentProblem, RevisionError, KeyError, TypeError) as exc:
                _refuse(exc, strict)
                summary.rejected += 1
        known = self._sync_rows(db, [item.doc for item in arrived])
        parsed: list[_Incoming] = []
        for item in arrived:
            stored = known.get(item.doc)
            if stored is not None and any(
                leaf.has(item.leaf.pos, item.leaf.ids[0]) for leaf in stored.leaves
            ):
                summary.unchanged += 1  # the common case of a bundle seen in part before
                continue
            try:
                _check_incoming(db, item)
            except (sync_docs.DocumentProblem, KeyError, TypeError) as exc:
                _refuse(exc, strict)
                summary.rejected += 1
                continue
            parsed.append(item)
        fresh: dict[sync_docs.Kind, list[_Incoming]] = {}
        rest: list[_Incoming] = []
        seen: set[str] = set()
        for item in parsed:
            if item.doc in known or item.doc in seen or item.leaf.deleted:
                rest.append(item)
            else:
                fresh.setdefault(item.kind, []).append(item)
            seen.add(item.doc)
        for kind in sync_docs.KINDS:
            if kind in fresh:
                rest.extend(self._insert_fresh(db, kind, fresh[kind], summary, state))
        for item in rest:
            self._apply_one(db, item, summary, state)

    def _insert_fresh(
        self,
        db: sqlite_utils.Database,
        kind: sync_docs.Kind,
        items: list[_Incoming],
        summary: sync_docs.ApplySummary,
        state: _ApplyState,
    ) -> list[_Incoming]:
        """Insert records this installation has never seen; returns those that cannot go
        in directly (their record exists, or one they refer to is missing)."""
        ids = [item.record_id for item in items]
        existing = _existing_ids(db, kind.table, ids)
        present = {}
        for column, target in kind.references.items():
            table = sync_docs.KIND_BY_NAME[target].table
            wanted = {item.body[column] for item in items}
            # Most references are to records this apply has just written.
            inserted = state.inserted.get(table, set())
            present[column] = (wanted & inserted) | _existing_ids(
                db, table, sorted(wanted - inserted)
            )
        ready, later = [], []
        for item in items:
            if item.record_id in existing or any(
                item.body[column] not in present[column] for column in kind.references
            ):
                later.append(item)
            else:
                ready.append(item)
        if not ready:
            return later
        columns = list(kind.columns)
        rows = [item.row for item in ready]
        if kind.has_content:
            columns.append("content")
            rows = [(*item.row, item.content) for item in ready]
        before = 0
        if kind is sync_docs.HOUSEHOLD:
            before = db.execute("SELECT coalesce(max(pk), 0) FROM households").fetchone()[0]
        db.conn.executemany(_insert_sql(kind.table, columns), rows)
        if kind is sync_docs.HOUSEHOLD:
            db.execute(
                "INSERT INTO households_fts (rowid, head_name) "
                "SELECT pk, head_name FROM households WHERE pk > ?",
                [before],
            )
            state.households.update(item.record_id for item in ready)
        elif kind is sync_docs.VISIT:
            state.households.update(item.body["household_id"] for item in ready)
        elif kind is sync_docs.STAFF_UPDATE:
            state.staff.update(item.body["staff_id"] for item in ready)
        state.inserted.setdefault(kind.table, set()).update(item.record_id for item in ready)
        sync_rows = [
            (item.doc, item.leaf.rev, _leaves_text([item.leaf]), state.next_seq()) for item in ready
        ]
        db.conn.executemany(
            "INSERT INTO sync_docs (doc_id, rev, deleted, leaves, seq, conflicted, parked) "
            "VALUES (?, ?, 0, ?, ?, 0, 0)",
            sync_rows,
        )
        summary.added[kind.name] = summary.added.get(kind.name, 0) + len(ready)
        return later

    def _apply_one(
        self,
        db: sqlite_utils.Database,
        item: _Incoming,
        summary: sync_docs.ApplySummary,
        state: _ApplyState,
    ) -> None:
        kind, record_id, doc, leaf, body, content = (
            item.kind,
            item.record_id,
            item.doc,
            item.leaf,
            item.body,
            item.content,
        )
        row = self._sync_rows(db, [doc]).get(doc)
        leaves = row.leaves if row else []
        if any(existing.has(leaf.pos, leaf.ids[0]) for existing in leaves):
            summary.unchanged += 1
            return
        old_winner = revisions.winner(leaves) if leaves else None
        was_parked = bool(row and row.parked)
        old_conflicts = len(revisions.conflicts(leaves)) if leaves else 0
        new_leaves, _ = revisions.merge(leaves, leaf)
        new_winner = revisions.winner(new_leaves)
        for gone in leaves:
            if gone not in new_leaves:
                db.execute("DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, gone.rev])
        if leaf.deleted and body:
            self._put_body(db, doc, leaf.rev, body, None)
        parked = was_parked
        if old_winner is None or new_winner.rev != old_winner.rev:
            if (
                old_winner is not None
                and old_winner in new_leaves
                and not old_winner.deleted
                and not was_parked
            ):
                # The record's current version lost: it becomes a kept conflict.
                old_body = self._domain_bodies(db, kind, [record_id]).get(record_id)
                if old_body is not None:
                    self._put_body(
                        db, doc, old_winner.rev, old_body, _proof_content(db, kind, record_id)
                    )
            if new_winner.deleted:
                self._delete_record(db, kind, record_id, body, state)
                parked = False
            else:
                if new_winner == leaf:
                    winner_body, winner_content = body, content
                else:
                    stored = self._stored_body(db, doc, new_winner.rev)
                    if stored is None:
                        raise sync_docs.DocumentProblem("Riwayat data ini tidak lengkap.")
                    winner_body, winner_content = stored
                winner_body = self._follow_merges(db, kind, doc, winner_body, state)
                if self._references_present(db, kind, winner_body):
                    self._write_record(db, kind, record_id, winner_body, winner_content, state)
                    db.execute(
                        "DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?",
                        [doc, new_winner.rev],
                    )
                    parked = False
                else:
                    self._put_body(db, doc, new_winner.rev, winner_body, winner_content)
                    parked = True
            summary.count(summary.added if old_winner is None else summary.updated, kind)
        elif not leaf.deleted:
            self._put_body(db, doc, leaf.rev, body, content)
        if kind is sync_docs.HOUSEHOLD and not parked:
            new_leaves = self._keep_erasure(db, doc, record_id, new_leaves, state)
        if len(revisions.conflicts(new_leaves)) > old_conflicts:
            summary.count(summary.conflicts, kind)
        self._put_sync_doc(db, doc, new_leaves, state.next_seq(), parked=parked)

    def _keep_erasure(
        self,
        db: sqlite_utils.Database,
        doc: str,
        record_id: str,
        leaves: list[Leaf],
        state: _ApplyState,
    ) -> list[Leaf]:
        """An erasure (consent withdrawn, retention ended) is never undone by sync: when any
        version of a household is erased, the household is erased here too, and the other
        versions, which still hold the family's data, are closed. Returns the new leaves."""
        losers = revisions.conflicts(leaves)
        row = db.execute(
            "SELECT pk, erased_at FROM households WHERE id = ?", [record_id]
        ).fetchone()
        if row is None or not losers:
            return leaves
        erased_loser = False
        for loser in losers:
            stored = self._stored_body(db, doc, loser.rev)
            erased_loser = erased_loser or bool(stored and stored[0].get("erased_at"))
        if not row[1] and not erased_loser:
            return leaves  # an ordinary conflict: kept for people to review
        if not row[1]:
            self._erase_households(db, [row[0]])
            state.local_edits.add(doc)
            for table, kind_name in (("visits", "kunjungan"), ("proof_files", "bukti")):
                state.local_edits.update(
                    f"{kind_name}:{r[0]}"
                    for r in db.execute(
                        f"SELECT id FROM {table} WHERE household_id = ?", [record_id]
                    )
                )
        for loser in losers:
            leaves, _ = revisions.edit(leaves, loser, {}, deleted=True)
            db.execute("DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, loser.rev])
        return leaves

    def _follow_merges(
        self,
        db: sqlite_utils.Database,
        kind: sync_docs.Kind,
        doc: str,
        body: dict[str, Any],
        state: _ApplyState,
    ) -> dict[str, Any]:
        """A visit or proof file made elsewhere on a household since merged into another
        follows it there (a local edit, so the move syncs on)."""
        if "household_id" not in kind.references:
            return body
        target = self._merged_into(db, body["household_id"])
        if target is None:
            return body
        state.local_edits.add(doc)
        return {**body, "household_id": target}

    def _merged_into(self, db: sqlite_utils.Database, household_id: str) -> str | None:
        target = None
        seen = {household_id}
        current = household_id
        while True:
            row = db.execute(
                "SELECT rev FROM sync_docs WHERE doc_id = ? AND deleted = 1",
                [sync_docs.doc_id(sync_docs.HOUSEHOLD, current)],
            ).fetchone()
            if row is None:
                return target
            stored = self._stored_body(db, sync_docs.doc_id(sync_docs.HOUSEHOLD, current), row[0])
            following = stored[0].get(sync_docs.MERGED_INTO) if stored else None
            if not following or following in seen:
                return target
            seen.add(following)
            target = current = following

    @staticmethod
    def _references_present(
        db: sqlite_utils.Database, kind: sync_docs.Kind, body: dict[str, Any]
    ) -> bool:
        for column, target in kind.references.items():
            table = sync_docs.KIND_BY_NAME[target].table
            if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [body[column]]).fetchone() is None:
                return False
        return True

    def _write_record(
        self,
        db: sqlite_utils.Database,
        kind: sync_docs.Kind,
        record_id: str,
        body: dict[str, Any],
        content: bytes | None,
        state: _ApplyState,
    ) -> None:
        values = list(sync_docs.row_from_body(kind, record_id, body))
        columns = list(kind.columns)
        if kind.has_content:
            columns.append("content")
            values.append(b"" if body.get("erased_at") else content)
        existing = db.execute(
            f"SELECT pk{', head_name' if kind is sync_docs.HOUSEHOLD else ''}"
            f"{', household_id' if kind is sync_docs.VISIT else ''}"
            f"{', staff_id' if kind is sync_docs.STAFF_UPDATE else ''} "
            f"FROM {kind.table} WHERE id = ?",
            [record_id],
        ).fetchone()
        if existing is not None:
            sets = ", ".join(f"{c} = ?" for c in columns[1:])
            db.execute(f"UPDATE {kind.table} SET {sets} WHERE id = ?", [*values[1:], record_id])
        else:
            cursor = db.execute(_insert_sql(kind.table, columns), values)
        if kind is sync_docs.HOUSEHOLD:
            name = body["head_name"]
            if existing is None:
                db.execute(
                    "INSERT INTO households_fts (rowid, head_name) VALUES (?, ?)",
                    [cursor.lastrowid, name],
                )
            elif existing[1] != name:
                db.execute(
                    "UPDATE households_fts SET head_name = ? WHERE rowid = ?", [name, existing[0]]
                )
            state.households.add(record_id)
        elif kind is sync_docs.VISIT:
            state.households.add(body["household_id"])
            if existing is not None:
                state.households.add(existing[1])
        elif kind is sync_docs.STAFF_UPDATE:
            state.staff.add(body["staff_id"])
            if existing is not None:
                state.staff.add(existing[1])

    def _delete_record(
        self,
        db: sqlite_utils.Database,
        kind: sync_docs.Kind,
        record_id: str,
        tomb: dict[str, Any],
        state: _ApplyState,
    ) -> None:
        row = db.execute(f"SELECT pk FROM {kind.table} WHERE id = ?", [record_id]).fetchone()
        if row is None:
            return
        if kind is sync_docs.HOUSEHOLD:
            target = tomb.get(sync_docs.MERGED_INTO)
            if target and db.execute("SELECT 1 FROM households WHERE id = ?", [target]).fetchone():
                for table, kind_name in (("visits", "kunjungan"), ("proof_files", "bukti")):
                    moved = db.execute(
                        f"SELECT id FROM {table} WHERE household_id = ?", [record_id]
                    ).fetchall()
                    state.local_edits.update(f"{kind_name}:{r[0]}" for r in moved)
                    db.execute(
                        f"UPDATE {table} SET household_id = ? WHERE household_id = ?",
                        [target, record_id],
                    )
                state.households.add(target)
            if db.execute("SELECT 1 FROM visits WHERE household_id = ?", [record_id]).fetchone():
                return  # still has visits made here: keep the record, do not orphan them
            db.execute("DELETE FROM households_fts WHERE rowid = ?", [row[0]])
        for child, column in _CHILDREN.get(kind.table, ()):
            if db.execute(f"SELECT 1 FROM {child} WHERE {column} = ?", [record_id]).fetchone():
                return
        if kind is sync_docs.STAFF_UPDATE:
            staff = db.execute("SELECT staff_id FROM staff_updates WHERE id = ?", [record_id])
            state.staff.update(r[0] for r in staff)
        db.execute(f"DELETE FROM {kind.table} WHERE id = ?", [record_id])

    def _unpark(self, db: sqlite_utils.Database, state: _ApplyState) -> None:
        """Write parked arrivals whose references have now arrived (in kind order)."""
        parked = [r[0] for r in db.execute("SELECT doc_id FROM sync_docs WHERE parked = 1")]
        for doc in sorted(parked, key=lambda d: _KIND_ORDER[d.split(":", 1)[0]]):
            kind, record_id = sync_docs.split_doc_id(doc)
            row = self._sync_rows(db, [doc])[doc]
            stored = self._stored_body(db, doc, row.rev)
            if stored is None:
                continue
            body = self._follow_merges(db, kind, doc, stored[0], state)
            if self._references_present(db, kind, body):
                self._write_record(db, kind, record_id, body, stored[1], state)
                db.execute("DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, row.rev])
                db.execute("UPDATE sync_docs SET parked = 0 WHERE doc_id = ?", [doc])

    # -- sync: status, peers, conflicts, duplicates ---------------------------------------

    def sync_status(self) -> sync_docs.SyncStatus:
        self._require_signed_in()
        sent = max(
            [int(self._get_setting("sync_last_export_seq", "0"))]
            + [
                int(json.loads(r[0]).get("pushed", 0))
                for r in self._read("SELECT state FROM sync_peers WHERE kind = 'hub'")
            ]
        )
        pending, unsent, conflicts, parked = self._read(
            "SELECT (SELECT count(*) FROM sync_pending p WHERE NOT EXISTS (SELECT 1 FROM "
            "sync_docs d WHERE d.doc_id = p.doc_id AND d.seq > ? AND d.local = 1)), "
            "(SELECT count(*) FROM sync_docs WHERE seq > ? AND local = 1), "
            "(SELECT count(*) FROM sync_docs WHERE conflicted = 1), "
            "(SELECT count(*) FROM sync_docs WHERE parked = 1)",
            [sent, sent],
        )[0]
        last = self._read(
            "SELECT last_sync_at, peer FROM sync_peers WHERE last_sync_at <> '' "
            "ORDER BY last_sync_at DESC LIMIT 1"
        )
        return sync_docs.SyncStatus(
            pending=pending + unsent,
            last_sync_at=last[0][0] if last else "",
            last_sync_peer=last[0][1] if last else "",
            conflicts=conflicts,
            duplicates=len(self._duplicate_kk()),
            parked=parked,
        )

    def sync_peer(self, peer: str) -> dict[str, Any]:
        self._require(Permission.SYNC)
        rows = self._read("SELECT state FROM sync_peers WHERE peer = ?", [peer])
        return json.loads(rows[0][0]) if rows else {}

    def set_sync_peer(self, peer: str, kind: str, state: dict[str, Any], *, synced: bool) -> None:
        self._require(Permission.SYNC)
        with self._writing() as db:
            db.execute(
                "INSERT INTO sync_peers (peer, kind, state, last_sync_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (peer) DO UPDATE SET state = excluded.state, "
                "last_sync_at = CASE WHEN ? THEN excluded.last_sync_at ELSE last_sync_at END",
                [peer, kind, json.dumps(state), utc_now() if synced else "", int(synced)],
            )

    def record_bundle_export(self, upto_seq: int, path: str, counts: dict[str, int]) -> None:
        self._require(Permission.SYNC)
        with self._writing() as db:
            self._put_setting(db, "sync_last_export_seq", str(upto_seq))
            db.execute(
                "INSERT INTO sync_peers (peer, kind, state, last_sync_at) VALUES "
                "('paket', 'bundle', '{}', ?) ON CONFLICT (peer) DO UPDATE SET "
                "last_sync_at = excluded.last_sync_at",
                [utc_now()],
            )
            self._audit(db, audit.EXPORT, "paket_data", "", {"berkas": path, **counts})

    def hub_settings(self) -> dict[str, str] | None:
        """The saved hub (url, user, password), kept only inside the encrypted database."""
        self._require(Permission.SYNC)
        text = self._get_setting("sync_hub")
        return json.loads(text) if text else None

    def set_hub_settings(self, settings: dict[str, str] | None) -> None:
        """Save (or with None forget) the hub; the audit trail gets the address, never the
        password."""
        self._require(Permission.SYNC)
        with self._writing() as db:
            if settings is None:
                db.execute("DELETE FROM meta WHERE key = 'sync_hub'")
            else:
                self._put_setting(db, "sync_hub", json.dumps(settings))
            shown = {k: v for k, v in (settings or {}).items() if k in ("url", "user")}
            self._audit(db, audit.SETTING, "server_sinkron", "", shown or {"dihapus": True})

    def last_export_seq(self) -> int:
        return int(self._get_setting("sync_last_export_seq", "0"))

    def sync_conflicts(self) -> list[sync_docs.Conflict]:
        """Every record with live losing versions, each side's body as it stands."""
        self._require(Permission.SYNC)
        conflicts = []
        conn = self._reader()
        for doc, winner_rev, leaves_text, parked in self._read(
            "SELECT doc_id, rev, leaves, parked FROM sync_docs WHERE conflicted = 1 ORDER BY doc_id"
        ):
            kind, record_id = sync_docs.split_doc_id(doc)
            leaves = [Leaf.from_json(x) for x in orjson.loads(leaves_text)]
            bodies = self._domain_bodies(conn, kind, [record_id])
            sides = []
            for leaf in sorted(leaves, key=lambda lf: lf.rev != winner_rev):
                if leaf.deleted:
                    continue
                document, _ = self._leaf_document(
                    conn, kind, doc, record_id, leaf, winner_rev, bool(parked), bodies
                )
                body = {k: v for k, v in document.items() if not k.startswith("_")}
                sides.append(sync_docs.ConflictSide(leaf.rev, body, leaf.rev == winner_rev))
            conflicts.append(sync_docs.Conflict(doc, kind, record_id, tuple(sides)))
        return conflicts

    def resolve_conflict(self, doc: str, chosen: dict[str, Any]) -> None:
        """Keep `chosen` (one side's body, or fields merged from several) as the record and
        close every other branch with a tombstone: new revisions that sync on."""
        self._require(Permission.SYNC)
        kind, record_id = sync_docs.split_doc_id(doc)
        if kind.has_content:
            raise UserFacingError("Konflik berkas bukti diselesaikan dengan memilih kunjungannya.")
        with self._writing() as db:
            self._commit_pending(db)
            row = self._sync_rows(db, [doc]).get(doc)
            if row is None or row.parked:
                raise NotFoundError("Data ini tidak ditemukan atau belum lengkap.")
            current = self._domain_bodies(db, kind, [record_id]).get(record_id)
            if current is None:
                raise NotFoundError("Data ini tidak ditemukan.")
            body = {**current, **{k: v for k, v in chosen.items() if k in kind.types}}
            body["id"] = record_id
            sync_docs.row_from_body(kind, record_id, body)
            if not self._references_present(db, kind, body):
                raise UserFacingError(
                    "Versi ini merujuk data yang belum ada di komputer ini.",
                    hint="Sinkronkan dulu, atau pilih versi lain.",
                )
            if body != current:
                if kind is sync_docs.HOUSEHOLD and current.get("erased_at"):
                    raise UserFacingError("Data pribadi rumah tangga ini sudah dihapus.")
                state = _ApplyState()
                self._write_record(db, kind, record_id, body, None, state)
                self._refresh_staff_summaries(db, sorted(state.staff))
                for household_id in {body.get("household_id"), current.get("household_id")}:
                    if household_id:
                        self._refresh_household_summary(db, household_id)
                if kind is sync_docs.HOUSEHOLD:
                    self._refresh_household_summary(db, record_id)
            self._commit_pending(db)
            row = self._sync_rows(db, [doc])[doc]
            leaves = row.leaves
            winner_leaf = revisions.winner(leaves)
            for loser in revisions.conflicts(leaves):
                leaves, _ = revisions.edit(leaves, loser, {}, deleted=True)
                db.execute("DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, loser.rev])
            assert revisions.winner(leaves) == winner_leaf
            self._put_sync_doc(db, doc, leaves, self._next_sync_seq(db), parked=False, local=True)
            self._audit(
                db,
                audit.RESOLVE,
                kind.name,
                record_id,
                audit.changes(_masked_body(current), _masked_body(body))
                or {"dipilih": "versi menang"},
            )

    def _duplicate_kk(self) -> list[str]:
        return [
            r[0]
            for r in self._read(
                "SELECT no_kk FROM households WHERE no_kk <> '' GROUP BY no_kk "
                "HAVING count(*) > 1 ORDER BY no_kk"
            )
        ]

    def duplicate_households(self) -> list[list[Household]]:
        """Families entered more than once (same No KK, different records), oldest first."""
        self._require(Permission.SYNC)
        groups = []
        for no_kk in self._duplicate_kk():
            rows = self._read(
                f"SELECT {', '.join(HOUSEHOLD_COLUMNS)} FROM households WHERE no_kk = ? "
                "ORDER BY created_at, id",
                [no_kk],
            )
            groups.append([self._as_seen(_household_from_row(r)) for r in rows])
        return groups

    def merge_households(self, keep_id: str, other_id: str, fields: dict[str, Any]) -> Household:
        """Merge `other` into `keep`: every visit and proof file moves to `keep`, `keep`
        takes the chosen field values, and `other` becomes a tombstone that names `keep`,
        so the merge syncs on and visits made elsewhere on `other` follow."""
        self._require(Permission.SYNC)
        if keep_id == other_id:
            raise UserFacingError("Pilih dua rumah tangga yang berbeda untuk digabung.")
        with self._writing() as db:
            self._commit_pending(db)
            bodies = self._domain_bodies(db, sync_docs.HOUSEHOLD, [keep_id, other_id])
            if keep_id not in bodies or other_id not in bodies:
                raise NotFoundError("Salah satu rumah tangga ini tidak ditemukan lagi.")
            keep, other = bodies[keep_id], bodies[other_id]
            if keep["no_kk"] != other["no_kk"] or not keep["no_kk"]:
                raise UserFacingError("Hanya rumah tangga dengan No KK yang sama bisa digabung.")
            allowed_fields = set(sync_docs.HOUSEHOLD.columns) - {
                "id",
                "created_at",
                "origin",
                "created_by",
                "erased_at",
                "consent_at",
            }
            merged = {**keep, **{k: v for k, v in fields.items() if k in allowed_fields}}
            merged["updated_at"] = utc_now()
            state = _ApplyState()
            self._write_record(db, sync_docs.HOUSEHOLD, keep_id, merged, None, state)
            moved = {}
            for table in ("visits", "proof_files"):
                cursor = db.execute(
                    f"UPDATE {table} SET household_id = ? WHERE household_id = ?",
                    [keep_id, other_id],
                )
                moved[table] = cursor.rowcount
            pk = db.execute("SELECT pk FROM households WHERE id = ?", [other_id]).fetchone()[0]
            db.execute("DELETE FROM households_fts WHERE rowid = ?", [pk])
            db.execute("DELETE FROM households WHERE id = ?", [other_id])
            self._refresh_household_summary(db, keep_id)
            self._commit_pending(
                db,
                tombstones={
                    sync_docs.doc_id(sync_docs.HOUSEHOLD, other_id): {
                        sync_docs.MERGED_INTO: keep_id
                    }
                },
            )
            self._audit(
                db,
                audit.MERGE,
                "rumah_tangga",
                keep_id,
                {
                    "digabung": other_id,
                    "kunjungan": moved["visits"],
                    "berkas_bukti": moved["proof_files"],
                },
            )
        return self.household(keep_id)

    def _outcomes_by_kelurahan(self) -> list[tuple[str, dict[str, int]]]:
        result: dict[str, dict[str, int]] = {}
        for code, outcome, count in self._read(
            "SELECT kelurahan_code, latest_outcome, count(*) FROM households "
            "GROUP BY kelurahan_code, latest_outcome ORDER BY kelurahan_code"
        ):
            counts = result.setdefault(code, {o.value: 0 for o in Outcome} | {"tanpa_kunjungan": 0})
            counts[outcome or "tanpa_kunjungan"] = count
        return list(result.items())

    # -- monitoring: ASN staff, their SP Online status, targets, dashboard ------------------

    def staff_scope(self) -> str | None:
        """Whose staff the signed-in account keeps: None for every office (coordinator,
        admin), else the OPD administrator's own office (their helper record's OPD)."""
        actor = self._require(Permission.MONITOR)
        if allowed(Role(actor.role), Permission.MONITOR_ALL):
            return None
        rows = self._read("SELECT opd FROM helpers WHERE id = ?", [actor.helper_id])
        opd = monitoring.normalise_opd(rows[0][0]) if rows else ""
        if not opd:
            raise PermissionDeniedError(
                "Akun Admin OPD ini belum dicatat OPD-nya.",
                hint="Minta koordinator mengisi OPD pada akun Anda (Akun › Kelola akun).",
            )
        return opd

    def _check_staff_scope(self, scope: str | None, opd: str) -> None:
        if scope is not None and opd.casefold() != scope.casefold():
            raise PermissionDeniedError(
                f"Anda hanya boleh mengelola pegawai OPD Anda sendiri ({scope}).",
                hint="Koordinator kota dapat mengelola pegawai semua OPD.",
            )

    def opd_names(self) -> list[str]:
        """Offices on the roster (or with a target), as first spelt, in the account's scope."""
        scope = self.staff_scope()
        if scope is not None:
            return [self._opd_spelling(scope)]
        rows = self._read(
            "SELECT opd FROM (SELECT opd FROM staff UNION SELECT key FROM targets "
            "WHERE scope = 'opd') ORDER BY opd COLLATE NOCASE"
        )
        return [r[0] for r in rows]

    def _opd_spelling(self, opd: str) -> str:
        """The spelling already in use for this office (names match case-insensitively)."""
        opd = monitoring.normalise_opd(opd)
        rows = self._read("SELECT opd FROM staff WHERE opd = ? ORDER BY pk LIMIT 1", [opd])
        return rows[0][0] if rows else opd

    def staff_list(self, query: monitoring.StaffQuery | None = None) -> list[monitoring.Staff]:
        scope = self.staff_scope()
        query = query or monitoring.StaffQuery()
        conditions, args = self._staff_filters(scope, query)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._read(
            f"SELECT {_STAFF_SELECT} FROM staff s{where} ORDER BY s.opd, s.name COLLATE NOCASE",
            args,
        )
        return [_staff_from_row(r) for r in rows]

    def staff_nips(self) -> set[str]:
        """NIPs already on the roster (in the account's scope, inactive included): what a
        roster import will update rather than add."""
        scope = self.staff_scope()
        where, args = ("WHERE opd = ?", [scope]) if scope else ("", [])
        return {r[0] for r in self._read(f"SELECT nip FROM staff {where}", args)}

    @staticmethod
    def _staff_filters(
        scope: str | None, query: monitoring.StaffQuery
    ) -> tuple[list[str], list[Any]]:
        conditions: list[str] = []
        args: list[Any] = []
        if scope is not None:
            conditions.append("s.opd = ?")
            args.append(scope)
        if query.opd:
            conditions.append("s.opd = ?")
            args.append(monitoring.normalise_opd(query.opd))
        if not query.include_inactive:
            conditions.append("s.active = 1")
        if query.status:
            conditions.append("s.status = ?")
            args.append(query.status)
        text = " ".join(query.text.split())
        digits = rules.clean_digits(text)
        if text and digits.isdigit():
            conditions.append("s.nip LIKE ?")
            args.append(f"{digits}%")
        elif text:
            conditions.append("s.name LIKE ? ESCAPE '\\'")
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            args.append(f"%{escaped}%")
        return conditions, args

    def staff_member(self, staff_id: str) -> monitoring.Staff:
        scope = self.staff_scope()
        rows = self._read(f"SELECT {_STAFF_SELECT} FROM staff s WHERE s.id = ?", [staff_id])
        if not rows:
            raise NotFoundError("Pegawai ini tidak ditemukan (mungkin sudah dihapus).")
        staff = _staff_from_row(rows[0])
        self._check_staff_scope(scope, staff.opd)
        return staff

    def save_staff(self, staff: monitoring.Staff) -> monitoring.Staff:
        """Add or change one staff member by hand. Raises RecordValidationError per field."""
        actor = self._require(Permission.MONITOR)
        scope = self.staff_scope()
        staff = replace(
            staff,
            nip=rules.clean_digits(staff.nip),
            name=rules.clean_name(staff.name),
            opd=monitoring.normalise_opd(staff.opd or (scope or "")),
            unit=monitoring.normalise_opd(staff.unit),
        )
        problems: dict[str, str] = {}
        nip = validate_nip(staff.nip)
        if not nip.ok:
            problems["nip"] = nip.message
        if (problem := rules.name_problem(staff.name, "Nama pegawai")) is not None:
            problems["name"] = problem
        if not staff.opd:
            problems["opd"] = "OPD wajib diisi."
        elif scope is not None and staff.opd.casefold() != scope.casefold():
            problems["opd"] = f"Anda hanya boleh mengelola pegawai OPD Anda sendiri ({scope})."
        for column in ("opd", "unit"):
            if len(getattr(staff, column)) > monitoring.MAX_NAME:
                problems[column] = f"Terlalu panjang (paling banyak {monitoring.MAX_NAME} huruf)."
        stored_rows = (
            self._read(f"SELECT {_STAFF_SELECT} FROM staff s WHERE s.id = ?", [staff.id])
            if staff.id
            else []
        )
        stored = _staff_from_row(stored_rows[0]) if stored_rows else None
        if stored is not None:
            self._check_staff_scope(scope, stored.opd)
        if "nip" not in problems and self._read(
            "SELECT 1 FROM staff WHERE nip = ? AND id <> ?", [staff.nip, staff.id]
        ):
            problems["nip"] = "NIP ini sudah terdaftar untuk pegawai lain."
        if problems:
            raise RecordValidationError(problems)
        staff = replace(staff, opd=self._opd_spelling(staff.opd))
        now = utc_now()
        with self._writing() as db:
            if stored is None:
                record_id = monitoring.staff_id_for_nip(staff.nip)
                if db.execute("SELECT 1 FROM staff WHERE id = ?", [record_id]).fetchone():
                    record_id = new_id()  # the id of a NIP since corrected on its record
                staff = replace(
                    staff,
                    id=record_id,
                    created_at=now,
                    updated_at=now,
                    origin=self.installation_id,
                    created_by=actor.id,
                )
                values = {c: _db_value(getattr(staff, c)) for c in STAFF_COLUMNS}
                db.execute(_insert_sql("staff", STAFF_COLUMNS), list(values.values()))
                self._audit(db, audit.CREATE, "pegawai", staff.id, audit.changes(None, values))
            else:
                staff = replace(
                    staff,
                    created_at=stored.created_at,
                    origin=stored.origin,
                    created_by=stored.created_by,
                    updated_at=now,
                )
                old = {c: _db_value(getattr(stored, c)) for c in STAFF_COLUMNS}
                new = {c: _db_value(getattr(staff, c)) for c in STAFF_COLUMNS}
                if change := audit.changes(
                    {k: v for k, v in old.items() if k != "updated_at"},
                    {k: v for k, v in new.items() if k != "updated_at"},
                ):
                    sets = ", ".join(f"{c} = ?" for c in STAFF_COLUMNS[1:])
                    db.execute(
                        f"UPDATE staff SET {sets} WHERE id = ?",
                        [*(new[c] for c in STAFF_COLUMNS[1:]), staff.id],
                    )
                    self._audit(db, audit.UPDATE, "pegawai", staff.id, change)
        return self.staff_member(staff.id)

    def set_staff_active(self, staff_ids: Sequence[str], active: bool) -> int:
        """Deactivate (moved, retired) or reactivate staff; returns how many changed."""
        self._require(Permission.MONITOR)
        scope = self.staff_scope()
        ids = self._scoped_staff_ids(scope, staff_ids)
        now = utc_now()
        with self._writing() as db:
            changed = 0
            for chunk in _chunks(ids, 500):
                marks = ", ".join("?" for _ in chunk)
                changed += db.execute(
                    f"UPDATE staff SET active = ?, updated_at = ? WHERE id IN ({marks}) "
                    "AND active <> ?",
                    [int(active), now, *chunk, int(active)],
                ).rowcount
            if changed:
                self._audit(db, audit.UPDATE, "pegawai", "", {"aktif": active, "jumlah": changed})
        return changed

    def _scoped_staff_ids(self, scope: str | None, staff_ids: Sequence[str]) -> list[str]:
        """The given staff ids, all existing and all in the account's scope (else refused)."""
        ids = sorted(set(staff_ids))
        found: dict[str, str] = {}
        for chunk in _chunks(ids, 500):
            marks = ", ".join("?" for _ in chunk)
            found.update(
                self._read(f"SELECT id, opd FROM staff WHERE id IN ({marks})", list(chunk))
            )
        if len(found) != len(ids):
            raise NotFoundError("Sebagian pegawai yang dipilih tidak ditemukan lagi.")
        for opd in set(found.values()):
            self._check_staff_scope(scope, opd)
        return ids

    def record_staff_status(
        self,
        staff_ids: Sequence[str],
        status: str,
        status_date: date,
        reason: str = "",
        *,
        today: date | None = None,
    ) -> list[str]:
        """Record an SP Online status for one or many staff (bulk), in ONE transaction.
        Returns the new updates' ids, in the order of `staff_ids` (deduplicated)."""
        actor = self._require(Permission.MONITOR)
        scope = self.staff_scope()
        today = today or clock.today()
        reason = " ".join(reason.split())
        problems: dict[str, str] = {}
        if status not in monitoring.StaffStatus.ALL:
            problems["status"] = "Pilih status: Sudah, Gagal atau Belum."
        if status_date > today:
            problems["status_date"] = "Tanggal tidak boleh setelah hari ini."
        elif status_date < monitoring.EARLIEST_STATUS_DATE:
            problems["status_date"] = "Tanggal terlalu lama; periksa tahunnya."
        if status == monitoring.StaffStatus.GAGAL and not reason:
            problems["reason"] = "Tulis alasan gagalnya (mis. NIK dan KK tidak sesuai)."
        if len(reason) > monitoring.MAX_REASON:
            problems["reason"] = f"Alasan terlalu panjang (paling banyak {monitoring.MAX_REASON})."
        if not staff_ids:
            problems["staff"] = "Pilih pegawainya dulu."
        if problems:
            raise RecordValidationError(problems)
        ids = list(dict.fromkeys(staff_ids))
        self._scoped_staff_ids(scope, ids)
        now = utc_now()
        update_ids = [new_id() for _ in ids]
        rows = [
            (uid, sid, status, status_date.isoformat(), reason, now, actor.id, self.installation_id)
            for uid, sid in zip(update_ids, ids, strict=True)
        ]
        with self._writing() as db:
            db.conn.executemany(_insert_sql("staff_updates", STAFF_UPDATE_COLUMNS), rows)
            self._refresh_staff_summaries(db, ids)
            self._audit(
                db,
                audit.CREATE,
                "status_pegawai",
                update_ids[0] if len(ids) == 1 else "",
                {"status": status, "tanggal": status_date.isoformat(), "jumlah": len(ids)},
            )
        return update_ids

    @staticmethod
    def _refresh_staff_summaries(db: Any, staff_ids: Sequence[str]) -> None:
        # Derived, local columns (the sync triggers watch only the synced ones).
        latest = (
            "(SELECT {0} FROM staff_updates u WHERE u.staff_id = :id "
            "ORDER BY u.status_date DESC, u.created_at DESC, u.id DESC LIMIT 1)"
        )
        sql = (
            f"UPDATE staff SET status = coalesce({latest.format('status')}, 'belum'), "
            f"status_date = coalesce({latest.format('status_date')}, ''), "
            f"status_reason = coalesce({latest.format('reason')}, '') WHERE id = :id"
        )
        conn = db.conn if hasattr(db, "conn") else db
        conn.executemany(sql, [{"id": staff_id} for staff_id in staff_ids])

    def staff_history(self, staff_id: str) -> list[monitoring.StaffUpdate]:
        self.staff_member(staff_id)  # scope check
        rows = self._read(
            f"SELECT {', '.join(STAFF_UPDATE_COLUMNS)} FROM staff_updates WHERE staff_id = ? "
            "ORDER BY status_date DESC, created_at DESC, id DESC",
            [staff_id],
        )
        return [
            monitoring.StaffUpdate(
                id=r[0],
                staff_id=r[1],
                status=r[2],
                status_date=date.fromisoformat(r[3]),
                reason=r[4],
                created_at=r[5],
                created_by=r[6],
                origin=r[7],
            )
            for r in rows
        ]

    def attach_staff_proof(
        self, staff_id: str, filename: str, content: bytes
    ) -> monitoring.StaffProofFile:
        """The staff member's own proof of completion, kept with their latest update, which
        must be Sudah. One durable transaction, like a household's proof."""
        actor = self._require(Permission.MONITOR)
        staff = self.staff_member(staff_id)
        media_type = proofs.check_proof(filename, content)
        history = self.staff_history(staff_id)
        if not history or history[0].status != monitoring.StaffStatus.SUDAH:
            raise UserFacingError(
                "Bukti pengisian hanya untuk pegawai yang sudah mengisi SP Online.",
                hint="Catat status Sudah (dengan tanggalnya) dulu, lalu lampirkan buktinya.",
            )
        proof = monitoring.StaffProofFile(
            id=new_id(),
            update_id=history[0].id,
            staff_id=staff.id,
            filename=proofs.clean_filename(filename, media_type),
            media_type=media_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            created_at=utc_now(),
            created_by=actor.id,
        )
        values = [
            *(getattr(proof, c) for c in STAFF_PROOF_COLUMNS if c != "origin"),
            self.installation_id,
            content,
        ]
        with self._writing() as db:
            db.execute(_insert_sql("staff_proof_files", (*STAFF_PROOF_COLUMNS, "content")), values)
            self._audit(
                db,
                audit.CREATE,
                "bukti_pegawai",
                proof.id,
                {"pegawai": staff.id, "jenis": media_type, "ukuran": proof.size,
                 "sha256": proof.sha256},
            )  # fmt: skip
        return proof

    def staff_proof_files(self, staff_id: str) -> list[monitoring.StaffProofFile]:
        self.staff_member(staff_id)
        rows = self._read(
            f"SELECT {', '.join(c for c in STAFF_PROOF_COLUMNS if c != 'origin')} "
            "FROM staff_proof_files WHERE staff_id = ? ORDER BY created_at",
            [staff_id],
        )
        return [monitoring.StaffProofFile(*r) for r in rows]

    def staff_proof_content(self, proof_id: str) -> tuple[monitoring.StaffProofFile, bytes]:
        """The file exactly as attached, checked against its SHA-256 before it is returned."""
        self._require(Permission.MONITOR)
        rows = self._read(
            f"SELECT {', '.join(c for c in STAFF_PROOF_COLUMNS if c != 'origin')}, content "
            "FROM staff_proof_files WHERE id = ?",
            [proof_id],
        )
        if not rows:
            raise NotFoundError("Berkas bukti ini tidak ditemukan.")
        proof, content = monitoring.StaffProofFile(*rows[0][:-1]), bytes(rows[0][-1])
        self.staff_member(proof.staff_id)  # scope check
        if hashlib.sha256(content).hexdigest() != proof.sha256:
            raise DatabaseCorruptError(
                "Berkas bukti ini rusak di dalam data (SHA-256 tidak cocok).",
                hint="Pulihkan data dari cadangan terakhir; berkas lain tidak terpengaruh.",
            )
        self.record_event(audit.VIEW, "bukti_pegawai", proof.id)
        return proof, content

    def import_roster(
        self, entries: Sequence[Any], *, progress: Progress | None = None
    ) -> monitoring.RosterImportResult:
        """Add or update staff from a checked roster (roster.RosterEntry rows), in ONE
        transaction: a cancelled or failed import leaves the roster as it was. A NIP already
        on the roster is updated (name, OPD, unit; reactivated), never duplicated."""
        actor = self._require(Permission.MONITOR)
        scope = self.staff_scope()
        for entry in entries:
            self._check_staff_scope(scope, monitoring.normalise_opd(entry.opd))
        existing: dict[str, tuple[Any, ...]] = {}
        spelling: dict[str, str] = {}
        for row in self._read("SELECT id, nip, name, opd, unit, active FROM staff ORDER BY pk"):
            existing.setdefault(row[1], row)
            spelling.setdefault(row[3].casefold(), row[3])
        ids = {row[0] for row in existing.values()}
        now = utc_now()
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        unchanged = reactivated = 0
        seen: set[str] = set()
        for i, entry in enumerate(entries):
            if progress is not None and i % 5000 == 0:
                progress.report(i, len(entries), "Mengimpor daftar pegawai")
            if entry.nip in seen:
                continue  # the plan already refused later duplicates; never insert twice
            seen.add(entry.nip)
            opd = spelling.setdefault(entry.opd.casefold(), entry.opd)
            stored = existing.get(entry.nip)
            if stored is None:
                record_id = monitoring.staff_id_for_nip(entry.nip)
                if record_id in ids:
                    record_id = new_id()
                inserts.append(
                    (record_id, entry.nip, entry.name, opd, entry.unit, 1, now, now,
                     self.installation_id, actor.id)
                )  # fmt: skip
            elif (stored[2], stored[3], stored[4], stored[5]) == (entry.name, opd, entry.unit, 1):
                unchanged += 1
            else:
                reactivated += not stored[5]
                updates.append((entry.name, opd, entry.unit, now, stored[0]))
        if progress is not None:
            progress.check()
        with self._writing() as db:
            db.conn.executemany(_insert_sql("staff", STAFF_COLUMNS), inserts)
            db.conn.executemany(
                "UPDATE staff SET name = ?, opd = ?, unit = ?, active = 1, updated_at = ? "
                "WHERE id = ?",
                updates,
            )
            result = monitoring.RosterImportResult(
                len(inserts), len(updates), unchanged, reactivated
            )
            self._audit(
                db,
                audit.IMPORT,
                "daftar_pegawai",
                "",
                {"ditambah": result.added, "diperbarui": result.updated,
                 "tidak_berubah": result.unchanged, "diaktifkan_lagi": result.reactivated},
            )  # fmt: skip
        return result

    # -- targets

    def targets(self) -> list[monitoring.Target]:
        self._require(Permission.MONITOR)
        rows = self._read(
            "SELECT scope, key, value, deadline FROM targets ORDER BY scope, key COLLATE NOCASE"
        )
        return [
            monitoring.Target(r[0], r[1], r[2], date.fromisoformat(r[3]) if r[3] else None)
            for r in rows
        ]

    def set_target(self, target: monitoring.Target) -> monitoring.Target:
        """Set (or replace) the target of one OPD or kelurahan (coordinator and admin)."""
        actor = self._require(Permission.MONITOR_ALL)
        problems: dict[str, str] = {}
        if target.scope == monitoring.TargetScope.OPD:
            key = self._opd_spelling(target.key)
            if not key:
                problems["key"] = "Pilih OPD-nya."
            if not 1 <= target.value <= 100:
                problems["value"] = "Target OPD adalah persentase ASN: 1 sampai 100."
        elif target.scope == monitoring.TargetScope.KELURAHAN:
            key = target.key
            if (problem := rules.kelurahan_problem(key)) is not None:
                problems["key"] = problem
            if not 1 <= target.value <= 10_000_000:
                problems["value"] = (
                    "Target kelurahan adalah jumlah rumah tangga berhasil (1 ke atas)."
                )
        else:
            raise RecordValidationError({"scope": "Pilih jenis target: OPD atau kelurahan."})
        if problems:
            raise RecordValidationError(problems)
        target = replace(target, key=key)
        record_id = monitoring.target_id(target.scope, key)
        deadline = target.deadline.isoformat() if target.deadline else ""
        now = utc_now()
        with self._writing() as db:
            old = db.execute(
                "SELECT value, deadline FROM targets WHERE id = ?", [record_id]
            ).fetchone()
            if old is None:
                db.execute(
                    _insert_sql("targets", TARGET_COLUMNS),
                    [record_id, target.scope, key, target.value, deadline, now, now,
                     self.installation_id, actor.id],
                )  # fmt: skip
            elif tuple(old) != (target.value, deadline):
                db.execute(
                    "UPDATE targets SET key = ?, value = ?, deadline = ?, updated_at = ?, "
                    "updated_by = ? WHERE id = ?",
                    [key, target.value, deadline, now, actor.id, record_id],
                )
            if old is None or tuple(old) != (target.value, deadline):
                self._audit(
                    db,
                    audit.SETTING,
                    "target",
                    record_id,
                    {"jenis": target.scope, "untuk": key, "nilai": target.value,
                     "batas_waktu": deadline},
                )  # fmt: skip
        return target

    def clear_target(self, scope: str, key: str) -> None:
        """Back to the default (80% for an OPD; no target for a kelurahan)."""
        self._require(Permission.MONITOR_ALL)
        record_id = monitoring.target_id(scope, key)
        with self._writing() as db:
            if db.execute("DELETE FROM targets WHERE id = ?", [record_id]).rowcount:
                self._audit(db, audit.DELETE, "target", record_id, {"jenis": scope, "untuk": key})

    @staticmethod
    def _target_map(conn: Any, scope: str) -> dict[str, tuple[int, date | None]]:
        return {
            key.casefold(): (value, date.fromisoformat(deadline) if deadline else None)
            for key, value, deadline in conn.execute(
                "SELECT key, value, deadline FROM targets WHERE scope = ?", [scope]
            )
        }

    # -- figures

    def dashboard(
        self, today: date | None = None, *, progress: Progress | None = None
    ) -> monitoring.Dashboard:
        """Every figure the dashboard shows, read in one consistent snapshot (meant for a
        worker thread: it reads through that thread's own connection)."""
        scope = self.staff_scope()
        today = today or clock.today()
        conn = self._reader()
        with user_errors(), _interruptible(conn, progress), _snapshot(conn):
            opds = self._opd_progress(conn, scope)
            kelurahan = self._kelurahan_progress(conn)
            posts = self._tally_groups(conn, "posko", scope)
            helpers = self._tally_groups(conn, "petugas", scope)
            trend = self._completion_trend(conn, scope)
        return monitoring.Dashboard(today, scope, opds, kelurahan, posts, helpers, trend)

    def _opd_progress(self, conn: Any, scope: str | None) -> tuple[monitoring.OpdProgress, ...]:
        where, args = (
            ("WHERE active = 1 AND opd = ?", [scope]) if scope else ("WHERE active = 1", [])
        )
        counts: dict[str, dict[str, int]] = {}
        names: dict[str, str] = {}
        for opd, status, n in conn.execute(
            f"SELECT opd, status, count(*) FROM staff {where} GROUP BY opd, status", args
        ):
            names.setdefault(opd.casefold(), opd)
            counts.setdefault(opd.casefold(), {})[status] = n
        targets = self._target_map(conn, monitoring.TargetScope.OPD)
        for key in targets:
            if scope is None or key == scope.casefold():
                counts.setdefault(key, {})
        target_names = {
            r[0].casefold(): r[0]
            for r in conn.execute("SELECT key FROM targets WHERE scope = 'opd'")
        }
        result = []
        for key, by_status in counts.items():
            percent, deadline = targets.get(key, (monitoring.DEFAULT_TARGET_PERCENT, None))
            result.append(
                monitoring.OpdProgress(
                    names.get(key) or target_names.get(key, key),
                    monitoring.StaffCounts(
                        **{s: by_status.get(s, 0) for s in monitoring.StaffStatus.ALL}
                    ),
                    percent,
                    deadline,
                )
            )
        return tuple(sorted(result, key=lambda o: o.opd.casefold()))

    def _kelurahan_progress(self, conn: Any) -> tuple[monitoring.KelurahanProgress, ...]:
        counts: dict[str, dict[str, int]] = {}
        for code, outcome, n in conn.execute(
            "SELECT key, outcome, n FROM household_tally WHERE dimension = 'kelurahan' AND n > 0"
        ):
            counts.setdefault(code, {})[outcome or "tanpa_kunjungan"] = n
        targets = self._target_map(conn, monitoring.TargetScope.KELURAHAN)
        for code in targets:
            counts.setdefault(code, {})
        labels: dict[str, str] = {}
        return tuple(
            monitoring.KelurahanProgress(
                code,
                _kelurahan_label(code, labels),
                monitoring.HouseholdCounts(**counts[code]),
                *targets.get(code, (None, None)),
            )
            for code in sorted(counts)
        )

    def _tally_groups(
        self, conn: Any, dimension: str, scope: str | None
    ) -> tuple[monitoring.GroupOutcomes, ...]:
        counts: dict[str, dict[str, int]] = {}
        for key, outcome, n in conn.execute(
            "SELECT key, outcome, n FROM household_tally WHERE dimension = ? AND n > 0",
            [dimension],
        ):
            counts.setdefault(key, {})[outcome or "tanpa_kunjungan"] = n
        if dimension == "posko":
            kelurahan: dict[str, str] = {}
            labels = {
                r[0]: f"{r[1]} ({_kelurahan_label(r[2], kelurahan)})"
                for r in conn.execute("SELECT id, name, kelurahan_code FROM posts")
            }
        else:
            # An OPD administrator sees the households their own office's helpers assisted.
            sql = "SELECT id, name FROM helpers" + (
                " WHERE opd = ? COLLATE NOCASE" if scope else ""
            )
            labels = dict(conn.execute(sql, [scope] if scope else []).fetchall())
            counts = {k: v for k, v in counts.items() if k in labels}
        groups = [
            monitoring.GroupOutcomes(
                key, labels.get(key, "(tidak dikenal)"), monitoring.HouseholdCounts(**c)
            )
            for key, c in counts.items()
        ]
        return tuple(sorted(groups, key=lambda g: (-g.counts.assisted, g.label.casefold())))

    def _completion_trend(self, conn: Any, scope: str | None) -> tuple[monitoring.TrendPoint, ...]:
        where, args = ("AND opd = ?", [scope]) if scope else ("", [])
        points = []
        cumulative = 0
        for day, n in conn.execute(
            "SELECT status_date, count(*) FROM staff WHERE active = 1 AND status = 'sudah' "
            f"{where} GROUP BY status_date ORDER BY status_date",
            args,
        ):
            cumulative += n
            points.append(monitoring.TrendPoint(date.fromisoformat(day), n, cumulative))
        return tuple(points)

    def evaluation(
        self, start: date, end: date, *, progress: Progress | None = None
    ) -> monitoring.Evaluation:
        """The state at the end of [start, end] against the end of the period before.
        Aggregates only (no names or numbers): an OPD administrator may print their own."""
        scope = self.staff_scope()
        if end < start:
            raise RecordValidationError({"period": "Tanggal akhir sebelum tanggal awal."})
        previous_start, previous_end = monitoring.previous_period(start, end)
        conn = self._report_reader()
        with user_errors(), _interruptible(conn, progress), _snapshot(conn):
            current = self._staff_as_of(conn, scope, end)
            if progress is not None:
                progress.report(1, 4, "Menghitung status pegawai")
            previous = self._staff_as_of(conn, scope, previous_end)
            if progress is not None:
                progress.report(2, 4, "Menghitung rumah tangga")
            households_now = self._households_as_of(conn, end)
            if progress is not None:
                progress.report(3, 4, "Menghitung rumah tangga")
            households_before = self._households_as_of(conn, previous_end)
            targets = self._target_map(conn, monitoring.TargetScope.OPD)
            kelurahan_targets = self._target_map(conn, monitoring.TargetScope.KELURAHAN)
        opds = []
        for key in sorted(set(current) | set(previous)):
            name = (current.get(key) or previous[key])[0]
            percent, deadline = targets.get(key, (monitoring.DEFAULT_TARGET_PERCENT, None))
            opds.append(
                monitoring.OpdComparison(
                    name,
                    current.get(key, (name, monitoring.StaffCounts()))[1],
                    previous.get(key, (name, monitoring.StaffCounts()))[1],
                    percent,
                    deadline,
                )
            )
        labels: dict[str, str] = {}
        kelurahan = tuple(
            monitoring.KelurahanComparison(
                code,
                _kelurahan_label(code, labels),
                monitoring.HouseholdCounts(**households_now.get(code, {})),
                monitoring.HouseholdCounts(**households_before.get(code, {})),
                *kelurahan_targets.get(code, (None, None)),
            )
            for code in sorted(
                set(households_now) | set(households_before) | set(kelurahan_targets)
            )
        )
        return monitoring.Evaluation(
            start=start,
            end=end,
            previous_start=previous_start,
            previous_end=previous_end,
            office=self.get_setting("office_name"),
            scope_opd=scope,
            opds=tuple(opds),
            kelurahan=kelurahan,
            created_at=utc_now(),
        )

    @staticmethod
    def _staff_as_of(
        conn: Any, scope: str | None, day: date
    ) -> dict[str, tuple[str, monitoring.StaffCounts]]:
        """Active staff per office by their status on `day` (their latest update up to it)."""
        where, args = ("AND s.opd = ?", [scope]) if scope else ("", [])
        counts: dict[str, dict[str, int]] = {}
        names: dict[str, str] = {}
        for opd, status, n in conn.execute(
            "SELECT s.opd, coalesce((SELECT u.status FROM staff_updates u WHERE u.staff_id = s.id "
            "AND u.status_date <= ? ORDER BY u.status_date DESC, u.created_at DESC, u.id DESC "
            f"LIMIT 1), 'belum') AS st, count(*) FROM staff s WHERE s.active = 1 {where} "
            "GROUP BY s.opd, st",
            [day.isoformat(), *args],
        ):
            names.setdefault(opd.casefold(), opd)
            counts.setdefault(opd.casefold(), {})[status] = n
        return {
            key: (names[key], monitoring.StaffCounts(**by_status))
            for key, by_status in counts.items()
        }

    @staticmethod
    def _households_as_of(conn: Any, day: date) -> dict[str, dict[str, int]]:
        """Households per kelurahan by their latest outcome at the end of `day`.

        From the tally (now) corrected by the households with a visit after that day, so
        it reads two weeks of visits, not a million households.
        """
        cutoff = _day_start_utc(day + timedelta(days=1))
        counts: dict[str, dict[str, int]] = {}

        def add(code: str, outcome: str | None, n: int) -> None:
            by_outcome = counts.setdefault(code, {})
            key = outcome or "tanpa_kunjungan"
            by_outcome[key] = by_outcome.get(key, 0) + n

        for code, outcome, n in conn.execute(
            "SELECT key, outcome, n FROM household_tally WHERE dimension = 'kelurahan' AND n > 0"
        ):
            add(code, outcome, n)
        changed = conn.execute(
            "SELECT h.kelurahan_code, h.latest_outcome, h.created_at, "
            "(SELECT v.outcome FROM visits v WHERE v.household_id = h.id AND v.visited_at < ? "
            "ORDER BY v.visited_at DESC, v.created_at DESC LIMIT 1) "
            "FROM households h "
            "WHERE h.id IN (SELECT household_id FROM visits WHERE visited_at >= ?)",
            [cutoff, cutoff],
        ).fetchall()
        for code, now_outcome, created_at, then_outcome in changed:
            add(code, now_outcome, -1)
            if then_outcome is not None or created_at < cutoff:
                add(code, then_outcome, 1)
        for code, n in conn.execute(
            "SELECT kelurahan_code, count(*) FROM households WHERE latest_outcome IS NULL "
            "AND created_at >= ? GROUP BY kelurahan_code",
            [cutoff],
        ):
            add(code, None, -n)
        return {
            code: {k: v for k, v in by_outcome.items() if v}
            for code, by_outcome in counts.items()
            if any(by_outcome.values())
        }


_HOUSEHOLD_COUNT_FIELDS = ("berhasil", "gagal", "belum", "tanpa_kunjungan")


def _staff_section(dashboard: monitoring.Dashboard) -> list[dict[str, Any]]:
    """`sp-desktop stats`' staff section: per OPD total, sudah, gagal, belum, target."""
    return [
        {
            "opd": opd.opd,
            "total": opd.counts.total,
            "sudah": opd.counts.sudah,
            "gagal": opd.counts.gagal,
            "belum": opd.counts.belum,
            "target_persen": opd.target_percent,
            "target": opd.target_count,
            "batas_waktu": opd.deadline.isoformat() if opd.deadline else "",
            "di_bawah_target": opd.below_target,
        }
        for opd in dashboard.opds
    ]


SYNC_COMMIT_BATCH = 5000
APPLY_CHUNK = 2000
# A big import touches every table and index at once: with SQLite's default 2 MB page
# cache each page would be decrypted and re-encrypted many times over.
APPLY_CACHE_KIB = 131_072
_KIND_ORDER = {kind.name: i for i, kind in enumerate(sync_docs.KINDS)}
# Where each kind's `wilayah` (kelurahan code, for replication selectors) comes from.
_WILAYAH = {
    "petugas": "''",
    "posko": "t.kelurahan_code",
    "rumah_tangga": "t.kelurahan_code",
    "kunjungan": "coalesce((SELECT kelurahan_code FROM households WHERE id = t.household_id), '')",
    "bukti": "coalesce((SELECT kelurahan_code FROM households WHERE id = t.household_id), '')",
    "pegawai": "''",
    "status_pegawai": "''",
    "bukti_pegawai": "''",
    "target": "CASE WHEN t.scope = 'kelurahan' THEN t.key ELSE '' END",
}
# Records that refer to a record of this table: it is not deleted while they exist.
_CHILDREN = {
    "households": (("visits", "household_id"), ("proof_files", "household_id")),
    "visits": (("proof_files", "visit_id"),),
    "helpers": (("visits", "helper_id"), ("accounts", "helper_id")),
    "posts": (("visits", "post_id"),),
    "staff": (("staff_updates", "staff_id"), ("staff_proof_files", "staff_id")),
    "staff_updates": (("staff_proof_files", "update_id"),),
}
_PERSONAL_FIELDS = frozenset({"no_kk", "head_nik", "head_name", "phone", "address"})
STAFF_COLUMNS = sync_docs.STAFF.columns
STAFF_UPDATE_COLUMNS = sync_docs.STAFF_UPDATE.columns
STAFF_PROOF_COLUMNS = sync_docs.STAFF_PROOF.columns
TARGET_COLUMNS = sync_docs.TARGET.columns
_STAFF_SELECT = (
    ", ".join(f"s.{c}" for c in STAFF_COLUMNS) + ", s.status, s.status_date, s.status_reason, "
    "(SELECT count(*) FROM staff_proof_files p WHERE p.staff_id = s.id)"
)


def _staff_from_row(row: Sequence[Any]) -> monitoring.Staff:
    values = dict(zip(STAFF_COLUMNS, row, strict=False))
    status, status_date, reason, proofs_count = row[len(STAFF_COLUMNS) :]
    return monitoring.Staff(
        **{**values, "active": bool(values["active"])},
        status=status,
        status_date=date.fromisoformat(status_date) if status_date else None,
        status_reason=reason,
        proof_count=proofs_count,
    )


@contextlib.contextmanager
def _snapshot(conn: sqlcipher.Connection) -> Iterator[None]:
    """One read transaction: every figure read inside sees the same committed state."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


@dataclass
class _SyncRow:
    doc_id: str
    rev: str
    deleted: bool
    leaves: list[Leaf]
    seq: int
    parked: bool


@dataclass
class _ApplyState:
    seq: int = 0  # the next change number to hand out
    households: set[str] = field(default_factory=set)  # whose visit summary to refresh
    staff: set[str] = field(default_factory=set)  # whose status to refresh
    local_edits: set[str] = field(default_factory=set)  # doc ids changed by the apply itself
    inserted: dict[str, set[str]] = field(default_factory=dict)  # table -> ids written

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq - 1


@dataclass(slots=True)
class _Incoming:
    """An arriving document, checked: its kind, record, branch, body and table row."""

    kind: sync_docs.Kind
    record_id: str
    doc: str
    leaf: Leaf
    body: dict[str, Any]
    row: tuple[Any, ...] | None  # None for a tombstone
    content: bytes | None


def _identify(document: Any, content: bytes | None) -> _Incoming:
    """Which record and revision an arriving document is (enough to tell if it is new)."""
    if not isinstance(document, dict):
        raise sync_docs.DocumentProblem("Ada data dalam kiriman ini yang tidak sah.")
    kind, record_id = sync_docs.split_doc_id(document.get("_id"))
    leaf = revisions.leaf_from_doc(document)
    return _Incoming(kind, record_id, f"{kind.name}:{record_id}", leaf, document, None, content)


def _check_incoming(db: Any, item: _Incoming) -> None:
    """Every field of a document that will be applied (the body keeps `_id` and the like:
    the table row takes only its own columns, stored bodies drop them)."""
    if item.leaf.deleted:
        merged_into = item.body.get(sync_docs.MERGED_INTO)
        item.body = (
            {sync_docs.MERGED_INTO: merged_into}
            if item.kind is sync_docs.HOUSEHOLD and _is_record_id(merged_into)
            else {}
        )
        return
    item.row = sync_docs.row_from_body(item.kind, item.record_id, item.body)
    if item.kind.has_content:
        item.content = _checked_proof_content(
            db, item.kind, item.record_id, item.body, item.content
        )


def _refuse(exc: Exception, strict: bool) -> None:
    """In a bundle one bad document refuses the whole bundle; from a hub it is skipped."""
    if not strict:
        return
    if isinstance(exc, sync_docs.DocumentProblem):
        raise exc
    raise sync_docs.DocumentProblem("Ada data dalam kiriman ini yang tidak sah.") from None


def _existing_ids(db: Any, table: str, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids, 500):
        marks = ", ".join("?" for _ in chunk)
        found.update(
            r[0] for r in db.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", list(chunk))
        )
    return found


def _leaves_text(leaves: Sequence[Leaf]) -> str:
    return orjson.dumps([leaf.as_json() for leaf in leaves]).decode()


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _doc_range(kind: sync_docs.Kind) -> tuple[str, str]:
    """doc_id bounds of one kind: `kind:` up to, not including, `kind;`."""
    return f"{kind.name}:", f"{kind.name};"


def _is_record_id(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9A-Za-z_-]{1,64}", value) is not None


def _knows_safely(leaves: Sequence[Leaf], rev: str) -> bool:
    """Whether we have this revision; a malformed one counts as had (never fetched)."""
    try:
        return revisions.knows(leaves, rev)
    except RevisionError:
        return True


def _proof_content(db: Any, kind: sync_docs.Kind, record_id: str) -> bytes | None:
    if not kind.has_content:
        return None
    row = db.execute(f"SELECT content FROM {kind.table} WHERE id = ?", [record_id]).fetchone()
    return bytes(row[0]) if row else None


def _checked_proof_content(
    db: Any, kind: sync_docs.Kind, record_id: str, body: dict[str, Any], content: bytes | None
) -> bytes | None:
    """The proof file's bytes, which must be exactly what its document says they are."""
    if body.get("erased_at"):
        return b""
    if content is None:
        known = _proof_content(db, kind, record_id)
        if known is not None and hashlib.sha256(known).hexdigest() == body["sha256"]:
            return known
        raise sync_docs.DocumentProblem("Berkas bukti pengisian tidak ikut terkirim.")
    if len(content) != body["size"] or hashlib.sha256(content).hexdigest() != body["sha256"]:
        raise sync_docs.DocumentProblem(
            "Berkas bukti pengisian dalam kiriman ini rusak atau telah diubah."
        )
    return content


def _masked_body(body: dict[str, Any]) -> dict[str, Any]:
    """A body for the audit trail: the trail is append-only, so no full numbers in it."""
    return {
        k: (mask_number(v) if k in ("no_kk", "head_nik") and isinstance(v, str) else v)
        for k, v in body.items()
        if k not in ("jenis", "wilayah")
    }


@contextlib.contextmanager
def _page_cache(conn: sqlcipher.Connection, kib: int) -> Iterator[None]:
    """A larger page cache for one long write, then back to the previous size."""
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")


@contextlib.contextmanager
def _interruptible(conn: sqlcipher.Connection, progress: Progress | None) -> Iterator[None]:
    """Let a cancelled Progress stop a running query (SQLite checks every few thousand steps)."""
    if progress is None:
        conn.set_progress_handler(None, 0)  # never inherit a handler from an abandoned search
        yield
        return
    progress.check()
    conn.set_progress_handler(lambda: 1 if progress.cancelled else 0, PROGRESS_STEPS)
    try:
        yield
    except sqlcipher.OperationalError as exc:
        # "interrupted", or whatever the statement was doing when it stopped (an FTS
        # table reports "vtable constructor failed"): once cancelled, it is a cancel.
        if progress.cancelled:
            raise Cancelled() from exc
        raise
    finally:
        # An abandoned search is finalised whenever Python collects it, maybe after close().
        with contextlib.suppress(sqlcipher.ProgrammingError):
            conn.set_progress_handler(None, 0)


def _filters(query: HouseholdQuery) -> tuple[list[str], list[Any]]:
    """WHERE conditions on households (aliased h) for the list's outcome and kelurahan filters."""
    filters: list[str] = []
    args: list[Any] = []
    if query.outcome is not None:
        filters.append("h.latest_outcome = ?")
        args.append(query.outcome.value)
    elif query.no_visit:
        filters.append("h.latest_outcome IS NULL")
    if query.kelurahan_code:
        filters.append("h.kelurahan_code = ?")
        args.append(query.kelurahan_code)
    return filters, args


_DERIVED_HOUSEHOLD_COLUMNS = (
    "latest_outcome",
    "latest_visit_at",
    "visit_count",
    "latest_post_id",
    "latest_helper_id",
)

_PROOF_COLUMNS = (
    "p.id, p.visit_id, p.household_id, p.filename, p.media_type, p.size, p.sha256, "
    "p.created_at, p.created_by, p.erased_at"
)
_REPORT_JOINS = (
    "JOIN households h ON h.id = v.household_id "
    "JOIN helpers hp ON hp.id = v.helper_id "
    "JOIN posts p ON p.id = v.post_id"
)
_VISIT_LINE_SELECT = (
    "SELECT v.id, v.visited_at, v.outcome, v.failure_reason, v.failure_note, v.revisit_date, "
    "v.note, hp.name, hp.nip, p.name, h.id, h.no_kk, h.head_nik, h.head_name, "
    "h.kelurahan_code, h.address, h.rt, h.rw, h.members, h.help_reason, h.created_by, "
    "h.erased_at, (SELECT count(*) FROM proof_files f WHERE f.visit_id = v.id "
    f"AND f.erased_at = ''), p.kelurahan_code FROM visits v {_REPORT_JOINS}"
)


def _report_joins(report: ReportFilter) -> str:
    """_REPORT_JOINS without the helpers and posts a filter does not name (each join is a
    lookup per visit)."""
    joins = "JOIN households h ON h.id = v.household_id"
    if report.helper_nip:
        joins += " JOIN helpers hp ON hp.id = v.helper_id"
    if report.post_name:
        joins += " JOIN posts p ON p.id = v.post_id"
    return joins


def _day_start_utc(day: date) -> str:
    """The UTC timestamp of local midnight at the start of this day (the PC's time zone)."""
    return to_utc_text(datetime.combine(day, time()))


def _local_time(utc_text: str) -> datetime:
    """A stored UTC time as naive local time, which is what documents and Excel show.
    (fromisoformat: a quarter of strptime's cost, which counts over 100k export rows.)"""
    return datetime.fromisoformat(utc_text).astimezone().replace(tzinfo=None)


def _kelurahan_label(code: str, cache: dict[str, str]) -> str:
    label = cache.get(code)
    if label is None:
        region = region_index().get(code) if code else None
        label = cache[code] = f"{region.kind} {region.name}" if region else code
    return label


def _period_end(report: ReportFilter) -> str | None:
    return _day_start_utc(report.date_to + timedelta(days=1)) if report.date_to else None


def _report_conditions(report: ReportFilter) -> tuple[str, list[Any]]:
    """WHERE over visits v joined with households h, helpers hp and posts p (_REPORT_JOINS)."""
    conditions: list[str] = []
    args: list[Any] = []
    if report.date_from:
        conditions.append("v.visited_at >= ?")
        args.append(_day_start_utc(report.date_from))
    if (end := _period_end(report)) is not None:
        conditions.append("v.visited_at < ?")
        args.append(end)
    if report.kelurahan_code:
        conditions.append("h.kelurahan_code = ?")
        args.append(report.kelurahan_code)
    if report.post_name:
        conditions.append("p.name = ?")
        args.append(report.post_name.strip())
    if report.helper_nip:
        conditions.append("hp.nip = ?")
        args.append(rules.clean_digits(report.helper_nip))
    return (f"WHERE {' AND '.join(conditions)}" if conditions else ""), args


def _report_households_sql(report: ReportFilter) -> tuple[str, list[Any]]:
    """Households in scope with the count of their visits in scope and their latest visit
    up to the end of the period (see ReportFilter)."""
    end = _period_end(report)
    latest = (
        "(SELECT x.pk FROM visits x WHERE x.household_id = h.id"
        + (" AND x.visited_at < ?" if end else "")
        + " ORDER BY x.visited_at DESC, x.created_at DESC LIMIT 1)"
    )
    columns = (
        "h.id, h.no_kk, h.head_nik, h.head_name, h.kelurahan_code, h.address, h.rt, h.rw, "
        "h.members, h.help_reason, h.pk, h.created_by, h.consent_at, h.erased_at, {count}, "
        "lv.outcome, lv.visited_at, lv.failure_reason, lv.revisit_date"
    )
    order = "ORDER BY h.kelurahan_code, h.rw, h.rt, h.head_name, h.pk"
    if report.restricts_visits:
        where, args = _report_conditions(report)
        sql = (
            f"SELECT {columns.format(count='s.n')} FROM "
            f"(SELECT v.household_id AS hid, count(*) AS n FROM visits v {_report_joins(report)} "
            f"{where} GROUP BY v.household_id) s "
            f"JOIN households h ON h.id = s.hid LEFT JOIN visits lv ON lv.pk = {latest} {order}"
        )
        return sql, [*args, *([end] if end else [])]
    where = "WHERE h.kelurahan_code = ?" if report.kelurahan_code else ""
    sql = (
        f"SELECT {columns.format(count='h.visit_count')} FROM households h "
        f"LEFT JOIN visits lv ON lv.pk = {latest} {where} {order}"
    )
    return sql, [*([end] if end else []), *([report.kelurahan_code] if where else [])]


def _db_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return None
    if hasattr(value, "value"):  # StrEnum
        return value.value
    return value


_AUDIT_SELECT = "seq, at, account_id, actor, action, entity, entity_id, details, prev_hash, hash"


def _entry_from_row(row: Sequence[Any]) -> audit.Entry:
    return audit.Entry(
        seq=row[0],
        at=row[1],
        account_id=row[2],
        actor=row[3],
        action=row[4],
        entity=row[5],
        entity_id=row[6],
        details=json.loads(row[7]),
        prev_hash=row[8],
        hash=row[9],
    )


def _household_fields(household: Household) -> dict[str, Any]:
    """A household's own fields (not derived, not bookkeeping) for the audit trail."""
    skip = {*_DERIVED_HOUSEHOLD_COLUMNS, "id", "created_at", "updated_at", "origin"}
    return {c: _db_value(getattr(household, c)) for c in HOUSEHOLD_COLUMNS if c not in skip}


def _household_from_row(row: Sequence[Any]) -> Household:
    data = dict(zip(HOUSEHOLD_COLUMNS, row, strict=True))
    data["help_reason"] = HelpReason(data["help_reason"])
    data["consent"] = bool(data["consent"])
    data["latest_outcome"] = Outcome(data["latest_outcome"]) if data["latest_outcome"] else None
    return Household(**data)


def _visit_from_row(row: Sequence[Any]) -> Visit:
    data = dict(zip(VISIT_COLUMNS, row, strict=True))
    data["outcome"] = Outcome(data["outcome"])
    data["failure_reason"] = (
        FailureReason(data["failure_reason"]) if data["failure_reason"] else None
    )
    data["revisit_date"] = (
        date.fromisoformat(data["revisit_date"]) if data["revisit_date"] else None
    )
    return Visit(**data)
