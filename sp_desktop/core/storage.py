"""The one module that owns the SQLite database.

Everything that reads or writes the data goes through `Storage`; no other module holds SQL.

- Durability: WAL with synchronous=FULL, so a transaction that returned from COMMIT
  survives a power cut. The UI says "tersimpan" only after a write method returns.
- Migrations are numbered and transactional (sqlite-utils `Migrations`); an existing
  database is copied to the backup folder before any migration touches it.
- One write connection (guarded by a lock) and one read connection per thread, so a
  search in a worker thread never waits for, or blocks, the GUI thread's reads.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sp_desktop.core import rules
from sp_desktop.core.errors import (
    DatabaseCorruptError,
    DataFolderError,
    NewerSchemaError,
    NotFoundError,
    RecordValidationError,
    UserFacingError,
    translate_sqlite_error,
)
from sp_desktop.core.model import (
    FailureReason,
    Helper,
    HelpReason,
    Household,
    HouseholdQuery,
    HouseholdRow,
    Outcome,
    Post,
    Visit,
    new_id,
    utc_now,
)
from sp_desktop.core.progress import Cancelled, Progress

DB_FILENAME = "sp-desktop.sqlite3"
BACKUP_DIRNAME = "cadangan"
# How long a write waits for another connection before reporting "data sedang dipakai".
BUSY_TIMEOUT_SECONDS = 3.0
# From this many digits on, a No KK/NIK prefix is selective enough for index lookups.
SELECTIVE_DIGITS = 7
# SQLite virtual-machine steps between checks for a cancelled search.
PROGRESS_STEPS = 20_000

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
)
VISIT_COLUMNS = (
    "id",
    "household_id",
    "helper_id",
    "post_id",
    "visited_at",
    "outcome",
    "failure_reason",
    "failure_note",
    "revisit_date",
    "note",
    "created_at",
    "updated_at",
    "origin",
)
HELPER_COLUMNS = ("id", "nip", "name", "opd", "phone", "created_at", "updated_at", "origin")
POST_COLUMNS = ("id", "name", "kelurahan_code", "address", "created_at", "updated_at", "origin")
_ROW_COLUMNS = (
    "pk, id, no_kk, head_name, head_nik, kelurahan_code, rt, rw, latest_outcome, "
    "latest_visit_at, visit_count"
)


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


def default_data_dir() -> Path:
    env = os.environ.get("SP_DESKTOP_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("sp-desktop", appauthor=False)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn sqlite3/OS errors that the user can fix into UserFacingError; let bugs through."""
    try:
        yield
    except UserFacingError:
        raise
    except (sqlite3.Error, OSError) as exc:
        friendly = translate_sqlite_error(exc)
        if friendly is None:
            raise
        raise friendly from exc


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    mode = "ro" if read_only else "rwc"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
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
    """The data of one installation, in one SQLite file inside the data folder."""

    def __init__(self, data_dir: Path, *, create: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_FILENAME
        self._write_lock = threading.RLock()
        # Keyed by OS thread: Qt's pool threads keep their identity from task to task,
        # while threading.local() there starts empty for each task (one leak per search).
        self._readers: dict[int, sqlite3.Connection] = {}
        self._readers_lock = threading.Lock()
        with user_errors():
            if create:
                try:
                    self.data_dir.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DataFolderError(
                        "Folder data tidak bisa dibuat.",
                        hint="Periksa nama folder dan izin tulisnya, atau pilih folder lain "
                        "dengan --data-dir.",
                    ) from exc
            elif not self.path.exists():
                raise DataFolderError(
                    "Belum ada data SP Desktop di folder ini.",
                    hint="Periksa --data-dir, atau buka aplikasinya sekali untuk membuat data.",
                )
            existed = self.path.exists() and self.path.stat().st_size > 0
            self._conn = _connect(self.path, read_only=False)
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

    def _check_readable(self) -> None:
        try:
            self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
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
            _migration_set().apply(self.db)

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
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        destination = folder / f"{label}-{stamp}.sqlite3"
        with user_errors():
            folder.mkdir(parents=True, exist_ok=True)
            partial = destination.with_suffix(".partial")
            target = sqlite3.connect(partial)
            try:
                with self._write_lock:
                    self._conn.backup(target)
            finally:
                target.close()
            os.replace(
                partial, destination
            )  # never leave a half-written backup under the real name
        return destination

    # -- connections -------------------------------------------------------------------

    def _reader(self) -> sqlite3.Connection:
        """This thread's own read connection (WAL lets it read while another thread writes)."""
        thread = threading.get_ident()
        with self._readers_lock:
            conn = self._readers.get(thread)
            if conn is None:
                with user_errors():
                    conn = _connect(self.path, read_only=True)
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

    # -- settings (per installation) -----------------------------------------------------

    def get_setting(self, key: str, default: str = "") -> str:
        rows = self._read("SELECT value FROM meta WHERE key = ?", [key])
        return str(rows[0][0]) if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self._writing() as db:
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    # -- helpers and posts --------------------------------------------------------------

    def save_helper(self, helper: Helper) -> Helper:
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
        existing = self._read(f"SELECT created_at, origin FROM {table} WHERE id = ?", [record.id])
        if existing:
            record = replace(
                record, created_at=existing[0][0], origin=existing[0][1], updated_at=now
            )
            sets = ", ".join(f"{c} = ?" for c in columns if c != "id")
            values = [_db_value(getattr(record, c)) for c in columns if c != "id"]
            with self._writing() as db:
                db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values, record.id])
        else:
            record = replace(record, created_at=now, updated_at=now, origin=self.installation_id)
            with self._writing() as db:
                db.execute(
                    _insert_sql(table, columns), [_db_value(getattr(record, c)) for c in columns]
                )
        return record

    def helpers(self) -> list[Helper]:
        rows = self._read(f"SELECT {', '.join(HELPER_COLUMNS)} FROM helpers ORDER BY name")
        return [Helper(**dict(zip(HELPER_COLUMNS, row, strict=True))) for row in rows]

    def posts(self) -> list[Post]:
        rows = self._read(f"SELECT {', '.join(POST_COLUMNS)} FROM posts ORDER BY name")
        return [Post(**dict(zip(POST_COLUMNS, row, strict=True))) for row in rows]

    # -- households ---------------------------------------------------------------------

    def save_household(self, household: Household, visit: Visit | None = None) -> Household:
        """Insert or update a household and, optionally, add or correct one of its visits,
        in ONE transaction.

        Raises RecordValidationError with per-field messages (visit fields prefixed
        "visit.") before anything is written, so a failed save changes nothing.
        """
        household = rules.normalise_household(household)
        problems = rules.household_problems(household)
        if "no_kk" not in problems:
            other = self.household_by_kk(household.no_kk)
            if other is not None and other.id != household.id:
                problems["no_kk"] = "No KK ini sudah terdaftar. Buka rumah tangga itu dari daftar."
        if visit is not None:
            visit = rules.normalise_visit(replace(visit, household_id=household.id))
            visit_problems = self._visit_problems(visit, household_pending=True)
            problems.update({f"visit.{k}": v for k, v in visit_problems.items()})
        if problems:
            raise RecordValidationError(problems)
        now = utc_now()
        existing = self._read(
            "SELECT pk, created_at, origin FROM households WHERE id = ?", [household.id]
        )
        editable = [c for c in HOUSEHOLD_COLUMNS if c not in _DERIVED_HOUSEHOLD_COLUMNS]
        with self._writing() as db:
            if existing:
                pk, created_at, origin = existing[0]
                household = replace(household, created_at=created_at, origin=origin, updated_at=now)
                sets = ", ".join(f"{c} = ?" for c in editable if c != "id")
                db.execute(
                    f"UPDATE households SET {sets} WHERE id = ?",
                    [
                        *(_db_value(getattr(household, c)) for c in editable if c != "id"),
                        household.id,
                    ],
                )
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
            if visit is not None:
                self._write_visit(db, visit, now)
        return self.household(household.id) if visit is not None else household

    def household(self, household_id: str) -> Household:
        rows = self._read(
            f"SELECT {', '.join(HOUSEHOLD_COLUMNS)} FROM households WHERE id = ?", [household_id]
        )
        if not rows:
            raise NotFoundError("Rumah tangga ini tidak ditemukan (mungkin sudah dihapus).")
        return _household_from_row(rows[0])

    def household_by_kk(self, no_kk: str) -> Household | None:
        """The household with this No KK; this installation's own entry wins over synced ones."""
        rows = self._read(
            f"SELECT {', '.join(HOUSEHOLD_COLUMNS)} FROM households WHERE no_kk = ? "
            "ORDER BY origin = ? DESC, created_at LIMIT 1",
            [rules.clean_digits(no_kk), self.installation_id],
        )
        return _household_from_row(rows[0]) if rows else None

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
                    "SELECT h.pk FROM households h INDEXED BY households_kk "
                    f"WHERE h.no_kk >= ? AND h.no_kk < ?{extra}",
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
        return [
            r[0]
            for r in self._read(
                "SELECT DISTINCT kelurahan_code FROM households ORDER BY kelurahan_code"
            )
        ]

    def household_rows(self, pks: Sequence[int]) -> dict[int, HouseholdRow]:
        """The list columns for these households (missing pks are simply absent)."""
        if not pks:
            return {}
        marks = ", ".join("?" for _ in pks)
        rows = self._read(f"SELECT {_ROW_COLUMNS} FROM households WHERE pk IN ({marks})", pks)
        return {
            r[0]: HouseholdRow(
                pk=r[0],
                id=r[1],
                no_kk=r[2],
                head_name=r[3],
                head_nik=r[4],
                kelurahan_code=r[5],
                rt=r[6],
                rw=r[7],
                latest_outcome=Outcome(r[8]) if r[8] else None,
                latest_visit_at=r[9],
                visit_count=r[10],
            )
            for r in rows
        }

    def count_by_outcome(
        self, query: HouseholdQuery | None = None, *, progress: Progress | None = None
    ) -> dict[str, int]:
        """Households per latest outcome ('tanpa_kunjungan' = never visited) for a filter."""
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

    def _visit_problems(self, visit: Visit, *, household_pending: bool = False) -> dict[str, str]:
        problems = rules.visit_problems(visit)
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
        visit = rules.normalise_visit(visit)
        problems = self._visit_problems(visit)
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
        old = db.execute(
            "SELECT created_at, origin, household_id FROM visits WHERE id = ?", [visit.id]
        ).fetchone()
        if old is None:
            raise NotFoundError("Kunjungan ini tidak ditemukan (mungkin sudah dihapus).")
        visit = replace(visit, created_at=old[0], origin=old[1], updated_at=now)
        sets = ", ".join(f"{c} = ?" for c in VISIT_COLUMNS if c != "id")
        db.execute(
            f"UPDATE visits SET {sets} WHERE id = ?",
            [*(_db_value(getattr(visit, c)) for c in VISIT_COLUMNS if c != "id"), visit.id],
        )
        if old[2] != visit.household_id:
            self._refresh_household_summary(db, old[2])
        self._refresh_household_summary(db, visit.household_id)
        return visit

    def _insert_visit(self, db: sqlite_utils.Database, visit: Visit, now: str) -> Visit:
        visit = replace(visit, created_at=now, updated_at=now, origin=self.installation_id)
        db.execute(
            _insert_sql("visits", VISIT_COLUMNS),
            [_db_value(getattr(visit, c)) for c in VISIT_COLUMNS],
        )
        self._refresh_household_summary(db, visit.household_id)
        return visit

    @staticmethod
    def _refresh_household_summary(db: sqlite_utils.Database, household_id: str) -> None:
        # Derived, local columns: not part of the household's own data, so updated_at stays.
        db.execute(
            """UPDATE households SET
                latest_outcome = (SELECT outcome FROM visits WHERE household_id = :id
                                  ORDER BY visited_at DESC, created_at DESC LIMIT 1),
                latest_visit_at = coalesce((SELECT max(visited_at) FROM visits
                                            WHERE household_id = :id), ''),
                visit_count = (SELECT count(*) FROM visits WHERE household_id = :id)
               WHERE id = :id""",
            {"id": household_id},
        )

    def visits_for(self, household_id: str) -> list[Visit]:
        rows = self._read(
            f"SELECT {', '.join(VISIT_COLUMNS)} FROM visits WHERE household_id = ? "
            "ORDER BY visited_at DESC, created_at DESC",
            [household_id],
        )
        return [_visit_from_row(r) for r in rows]

    # -- statistics and bulk -------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        counts = self._read(
            "SELECT (SELECT count(*) FROM households), (SELECT count(*) FROM visits), "
            "(SELECT count(*) FROM helpers), (SELECT count(*) FROM posts)"
        )[0]
        return {
            "households": counts[0],
            "visits": counts[1],
            "by_outcome": self.count_by_outcome(),
            "helpers": counts[2],
            "posts": counts[3],
            "installation_id": self.installation_id,
            "demo": self.get_setting("demo") == "1",
        }

    def is_empty(self) -> bool:
        """No record of any kind: no household, visit, helper or post."""
        return not self._read(
            "SELECT 1 FROM households UNION ALL SELECT 1 FROM visits "
            "UNION ALL SELECT 1 FROM helpers UNION ALL SELECT 1 FROM posts LIMIT 1"
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
        The FTS index is filled from the new rows in the same transaction.
        """
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

    def analyze(self) -> None:
        """Refresh the query planner's statistics after a large bulk load."""
        with self._write_lock, user_errors():
            self._conn.execute("ANALYZE")

    def integrity_ok(self) -> bool:
        return self._read("PRAGMA integrity_check")[0][0] == "ok"


@contextlib.contextmanager
def _interruptible(conn: sqlite3.Connection, progress: Progress | None) -> Iterator[None]:
    """Let a cancelled Progress stop a running query (SQLite checks every few thousand steps)."""
    if progress is None:
        conn.set_progress_handler(None, 0)  # never inherit a handler from an abandoned search
        yield
        return
    progress.check()
    conn.set_progress_handler(lambda: 1 if progress.cancelled else 0, PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        # "interrupted", or whatever the statement was doing when it stopped (an FTS
        # table reports "vtable constructor failed"): once cancelled, it is a cancel.
        if progress.cancelled:
            raise Cancelled() from exc
        raise
    finally:
        # An abandoned search is finalised whenever Python collects it, maybe after close().
        with contextlib.suppress(sqlite3.ProgrammingError):
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


_DERIVED_HOUSEHOLD_COLUMNS = ("latest_outcome", "latest_visit_at", "visit_count")


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
