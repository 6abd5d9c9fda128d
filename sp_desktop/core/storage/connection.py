"""StorageBase: the connections, the write lock, migrations, backups, who is signed
in, the audit trail and the settings. Every domain mixin builds on it."""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from sqlcipher3 import dbapi2 as sqlcipher

from sp_desktop.core.base import clock
from sp_desktop.core.base.data_folder import DB_FILENAME, is_plaintext_database
from sp_desktop.core.base.errors import (
    DB_ERRORS,
    DatabaseCorruptError,
    DataFolderError,
    NewerSchemaError,
    UserFacingError,
    WrongKeyError,
    translate_sqlite_error,
)
from sp_desktop.core.base.files import make_data_folder, replace_file
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Cancelled, Progress
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import Account, new_id, utc_now
from sp_desktop.core.domain.monitoring import normalise_opd
from sp_desktop.core.domain.permissions import (
    Permission,
    PermissionDeniedError,
    Role,
    allowed,
    denied,
    not_signed_in,
)
from sp_desktop.core.storage.migrations import MIGRATION_SET, migration_set, registered
from sp_desktop.core.storage.rows import _AUDIT_SELECT, _entry_from_row
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.office_keys import GrantSubject, grant_verifies
from sp_desktop.core.trust.sealed import DamagedSeal, is_sealed, open_blob, recipient_of, seal
from sp_desktop.core.trust.signing import PublicKey, Signer

if TYPE_CHECKING:
    from datetime import date

    import sqlite_utils

    from sp_desktop.core.domain import monitoring, sync_docs
    from sp_desktop.core.domain.model import Household
    from sp_desktop.core.storage.sync_in import _ApplyState
    from sp_desktop.core.storage.sync_out import _SyncRow
    from sp_desktop.core.trust.office_keys import OfficeSecrets, Published
    from sp_desktop.core.trust.revisions import Leaf

BACKUP_DIRNAME = "cadangan"
# The newest signed point of the audit trail (trust/audit.py Witness), in `meta`.
WITNESS_SETTING = "audit_witness"
REMOTE_WITNESS_SETTING = "audit_witness_remote"
# How long a write waits for another connection before reporting "data sedang dipakai".
BUSY_TIMEOUT_SECONDS = 3.0
# SQLite virtual-machine steps between checks for a cancelled search.
PROGRESS_STEPS = 20_000
# Page cache of a connection that has read a report (KiB): see Storage._report_reader.
REPORT_CACHE_KIB = 65_536


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


@contextlib.contextmanager
def _snapshot(conn: sqlcipher.Connection) -> Iterator[None]:
    """One read transaction: every figure read inside sees the same committed state."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


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


class StorageBase:
    """What every part of Storage stands on: the one write connection and its lock, a read
    connection per thread, migrations, backups, the signed-in account and its permissions,
    the audit trail and the settings (see Storage for `key`)."""

    if TYPE_CHECKING:
        # What one mixin calls on another: declared here so the type checker sees it on
        # every mixin; Storage gets the real methods from the mixins themselves.
        # accounts.py
        def _accounts_unchecked(self) -> list[Account]: ...
        def account(self, account_id: str, *, check: bool = True) -> Account: ...
        # conflicts.py
        def _duplicate_kk(self) -> list[str]: ...
        # keys.py
        def published_keys(self) -> Published | None: ...
        def account_grants(self) -> dict[str, tuple[str, str]]: ...
        # households.py
        def _as_seen(self, household: Household) -> Household: ...
        @staticmethod
        def _refresh_household_summaries(
            db: sqlite_utils.Database, household_ids: list[str]
        ) -> None: ...
        @staticmethod
        def _refresh_household_summary(
            db: sqlite_utils.Database, household_id: str
        ) -> dict[str, Any]: ...
        def _stored_household(self, household_id: str) -> Household | None: ...
        def household(self, household_id: str) -> Household: ...
        # keys.py
        def _trust_key(self, db: sqlite_utils.Database, key: PublicKey, actor: Account) -> bool: ...
        # retention.py
        def _erase_households(self, db: sqlite_utils.Database, pks: Sequence[int]) -> int: ...
        # staff.py
        def _opd_spelling(self, opd: str) -> str: ...
        @staticmethod
        def _refresh_staff_summaries(db: Any, staff_ids: Sequence[str]) -> None: ...
        def staff_scope(self) -> str | None: ...
        def staff_member(self, staff_id: str) -> monitoring.Staff: ...
        def staff_history(self, staff_id: str) -> list[monitoring.StaffUpdate]: ...
        # sync_in.py
        @staticmethod
        def _references_present(
            db: sqlite_utils.Database, kind: sync_docs.Kind, body: dict[str, Any]
        ) -> bool: ...
        def _write_record(
            self,
            db: sqlite_utils.Database,
            kind: sync_docs.Kind,
            record_id: str,
            body: dict[str, Any],
            content: bytes | None,
            state: _ApplyState,
        ) -> None: ...
        # sync_out.py
        def _commit_pending(
            self,
            db: sqlite_utils.Database,
            *,
            limit: int | None = None,
            tombstones: dict[str, dict[str, Any]] | None = None,
        ) -> int: ...
        @staticmethod
        def _domain_bodies(
            db: Any, kind: sync_docs.Kind, record_ids: Sequence[str]
        ) -> dict[str, dict[str, Any]]: ...
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
        ) -> tuple[dict[str, Any], bytes | None]: ...
        @staticmethod
        def _next_sync_seq(db: sqlite_utils.Database) -> int: ...
        def _put_body(
            self,
            db: sqlite_utils.Database,
            doc: str,
            rev: str,
            body: dict[str, Any],
            content: bytes | None,
        ) -> None: ...
        @staticmethod
        def _put_sync_doc(
            db: sqlite_utils.Database,
            doc: str,
            leaves: list[Leaf],
            seq: int,
            *,
            parked: bool,
            local: bool = False,
        ) -> None: ...
        def _seal_clear_bodies(self, batch: int) -> int: ...
        def _stored_body(
            self, db: Any, doc: str, rev: str
        ) -> tuple[dict[str, Any], bytes | None] | None: ...
        @staticmethod
        def _sync_rows(db: Any, doc_ids: Sequence[str]) -> dict[str, _SyncRow]: ...
        # targets.py
        def dashboard(
            self, today: date | None = None, *, progress: Progress | None = None
        ) -> monitoring.Dashboard: ...

    def __init__(self, data_dir: Path, *, key: bytes | None, create: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_FILENAME
        self._key = key
        self.actor: Account | None = None
        # The office's private keys the signed-in account's tiers opened (keys.py), and
        # whether this session signs the audit witness (not over a trail found broken).
        self._office: OfficeSecrets | None = None
        self._witness_signer: Signer | None = None
        # The signed-in account's own age identity (from its slot): opens what was sealed
        # to it, such as the proof files of the households it entered.
        self._identity: str | None = None
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
                    _("Belum ada data SP Desktop di folder ini."),
                    hint=_("Periksa --data-dir, atau buka aplikasinya sekali untuk membuat data."),
                )
            existed = self.path.exists() and self.path.stat().st_size > 0
            if existed and key is not None and is_plaintext_database(self.path):
                raise WrongKeyError(
                    _("Data di folder ini belum terenkripsi."),
                    hint=_(
                        "Buka aplikasinya untuk menyiapkan akun admin; data lama akan "
                        "dienkripsi saat itu juga."
                    ),
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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _unreadable(self, exc: Exception) -> UserFacingError:
        if self._key is not None and "not a database" in str(exc).lower():
            # With SQLCipher a wrong key and a damaged file look the same.
            return WrongKeyError(
                _(
                    "Data tidak bisa dibuka dengan kunci ini: kuncinya salah, atau berkas "
                    "datanya rusak."
                ),
                hint=_(
                    "Jangan hapus berkasnya. Periksa bahwa kunci.json berasal dari "
                    "folder data yang sama, atau pulihkan dari cadangan."
                ),
            )
        return translate_sqlite_error(exc) or DatabaseCorruptError(
            _("Berkas data rusak atau bukan berkas SP Desktop."),
            hint=_("Pulihkan dari cadangan atau hubungi koordinator."),
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
                    _("Berkas data rusak atau bukan berkas SP Desktop."),
                    hint=_("Pulihkan dari cadangan atau hubungi koordinator."),
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
        migrations = registered()
        known = {name for name, _ in migrations}
        applied = self._applied_migrations()
        if applied - known:
            raise NewerSchemaError(
                _("Data ini dibuat oleh SP Desktop versi yang lebih baru."),
                hint=_("Pasang versi terbaru SP Desktop untuk membukanya; data tidak diubah."),
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
                migration_set(migrations).apply(self.db)
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
            rows: list[tuple[Any, ...]] = conn.execute(sql, params).fetchall()
        return rows

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
                _("Akun ini sudah dinonaktifkan."),
                hint=_("Minta koordinator atau admin mengaktifkannya lagi."),
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
        self._office = None
        self._witness_signer = None
        self._identity = None

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

    def _numbers_as_seen(
        self, created_by: str, no_kk: str, head_nik: str, *, erased: bool = False
    ) -> tuple[str, str, bool]:
        """(No KK, NIK, hidden) as the signed-in account may see a household's numbers: the
        one place a read decides by role. Erased numbers are empty and hide nothing."""
        if erased or self._sees_numbers(created_by):
            return no_kk, head_nik, False
        return mask_number(no_kk), mask_number(head_nik), True

    # -- what is sealed inside the database (proof files, stored revisions) ---------------

    def use_own_identity(self, identity: str | None) -> None:
        """The signed-in account's own age identity (the security layer passes it from the
        account's slot at sign-in)."""
        self._identity = identity or None

    def _identities(self) -> list[str]:
        """What this session opens sealed data with: the office's numbers key (which only the
        coordinator and admin tiers open) and the account's own key pair."""
        found = [self._office.numbers] if self._office is not None and self._office.numbers else []
        if self._identity:
            found.append(self._identity)
        return found

    def _office_readers(self) -> list[str]:
        """The office's numbers key, or nothing before the office keys were sealed (data is
        then stored as before, and sealed by seal_clear_data once they are)."""
        published = self.published_keys()
        return [published.numbers] if published is not None and published.numbers else []

    def _household_readers(self, db: Any, household_id: str) -> list[str]:
        """Who may open a household's proof files: the office's numbers key and the account
        that entered the household: this session's own key pair when it did, else the one
        its signed grant names (a recipient written into the table by hand is not trusted).
        A household synced from another office has no account here: the office key only."""
        readers = self._office_readers()
        if not readers:
            return []
        sql = "SELECT created_by FROM households WHERE id = ?"
        row = db.execute(sql, [household_id]).fetchone()
        creator = str(row[0]) if row else ""
        if not creator:
            return readers
        return [*readers, *filter(None, [self._reader_key_of(creator)])]

    def _staff_readers(self, db: Any, staff_id: str) -> list[str]:
        """Who may open a staff member's proof file: the office's numbers key and each
        active Admin OPD of that staff member's office (the one their helper record names),
        on the key pair this session holds or its signed grant names."""
        readers = self._office_readers()
        if not readers:
            return []
        row = db.execute("SELECT opd FROM staff WHERE id = ?", [staff_id]).fetchone()
        opd = normalise_opd(str(row[0])).casefold() if row else ""
        if not opd:
            return readers
        admins = db.execute(
            "SELECT a.id, h.opd FROM accounts a JOIN helpers h ON h.id = a.helper_id "
            "WHERE a.role = 'admin_opd' AND a.active = 1"
        ).fetchall()
        return [
            *readers,
            *filter(
                None,
                (
                    self._reader_key_of(account_id)
                    for account_id, admin_opd in admins
                    if normalise_opd(str(admin_opd)).casefold() == opd
                ),
            ),
        ]

    def _reader_key_of(self, account_id: str) -> str:
        """The age recipient to seal to for this account: this session's own when it is
        that account, else the one its signed grant names ('' when none holds). A recipient
        written into the table by hand is not trusted."""
        if self.actor is not None and account_id == self.actor.id and self._identity:
            return recipient_of(self._identity)
        recipient, grant = self.account_grants().get(account_id, ("", ""))
        published = self.published_keys()
        if not recipient or published is None:
            return ""
        try:
            account = self.account(account_id, check=False)
        except UserFacingError:
            return ""
        subject = GrantSubject(account.id, account.nip, account.role, account.active, recipient)
        return recipient if grant_verifies(subject, grant, self.installation_id, published) else ""

    def _sealed_proof(self, db: Any, household_id: str, content: bytes) -> bytes:
        """A household proof file as stored: sealed to its readers (already sealed stays)."""
        if not content or is_sealed(content):
            return content
        readers = self._household_readers(db, household_id)
        return seal(content, readers) if readers else content

    def _sealed_staff_proof(self, db: Any, staff_id: str, content: bytes) -> bytes:
        """A staff member's proof file as stored: sealed to its readers."""
        if not content or is_sealed(content):
            return content
        readers = self._staff_readers(db, staff_id)
        return seal(content, readers) if readers else content

    def _sealed_for_office(self, content: bytes | None) -> bytes | None:
        """A stored revision's file (sync_bodies): only coordinators and admins sync."""
        if not content or is_sealed(content):
            return content
        readers = self._office_readers()
        return seal(content, readers) if readers else content

    def _opened(self, blob: bytes) -> bytes:
        """A stored file in clear, opened with this session's keys (clear stays clear)."""
        if not is_sealed(blob):
            return blob
        damaged = DatabaseCorruptError(
            _("Data tersegel ini rusak di dalam berkas data."),
            hint=_("Pulihkan data dari cadangan terakhir; data lain tidak terpengaruh."),
        )
        try:
            opened = open_blob(blob, self._identities())
        except DamagedSeal:
            raise damaged from None
        if opened is None and self._office is not None and self._office.numbers:
            raise damaged  # the office key opens every one that is intact
        if opened is None:
            raise PermissionDeniedError(
                _(
                    "Data ini disegel untuk koordinator, admin, dan petugas yang mencatatnya; "
                    "akun ini tidak memegang kuncinya."
                ),
                hint=_(
                    "Minta koordinator membukanya. Koordinator yang belum bisa membukanya "
                    "perlu kata sandi baru dari admin, supaya kunci kantor sampai ke akunnya."
                ),
            )
        return opened

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
        if self._witness_signer is not None:
            witness = audit.Witness(self.installation_id, entry.seq, entry.hash)
            signature = self._witness_signer.sign(witness.body())
            witness = replace(witness, signature=base64.b64encode(signature).decode("ascii"))
            self._put_setting(db, WITNESS_SETTING, witness.to_text())
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
        """Walk the whole chain. Needs only the data key: anyone who opened the data may check.

        Once the office's keys are sealed the chain must also hold the newest signed
        witness: a lower role can cut the trail and rewrite `audit_head`, not the witness."""
        conn = self._reader()
        with user_errors():
            witnesses: list[tuple[int, str]] = []
            if self.published_keys() is not None:
                found = self.audit_witness()
                if found is None:
                    return audit.ChainReport(
                        False,
                        0,
                        1,
                        _("saksi bertanda tangan kantor hilang atau dipalsukan."),
                    )
                witnesses = [(w.seq, w.hash) for w in (found, self.audit_witness(remote=True)) if w]
            cursor = conn.execute(f"SELECT {_AUDIT_SELECT} FROM audit_log ORDER BY seq")
            head_text = self._get_setting("audit_head")
            head = None
            if head_text:
                seq, _sep, digest = head_text.partition(":")
                head = (int(seq), digest)
            return audit.verify_chain((_entry_from_row(r) for r in cursor), head, witnesses)

    def audit_witness(self, *, remote: bool = False) -> audit.Witness | None:
        """The newest witness whose signature holds (None: none, or not the office's);
        `remote`: the newest one the hub handed back (sync/hub.py)."""
        return self._signed_witness(
            self._get_setting(REMOTE_WITNESS_SETTING if remote else WITNESS_SETTING)
        )

    def remember_remote_witness(self, text: str) -> None:
        """Keep a witness of this office's trail that came back from the hub, if it is
        genuine and newer than the one kept: a trail cut here and its witness rolled back
        are then caught at the next sync."""
        self._require_signed_in()
        witness = self._signed_witness(text)
        known = self.audit_witness(remote=True)
        if witness is None or (known is not None and known.seq >= witness.seq):
            return
        with self._writing() as db:
            self._put_setting(db, REMOTE_WITNESS_SETTING, witness.to_text())

    def _signed_witness(self, text: str) -> audit.Witness | None:
        published = self.published_keys()
        witness = audit.Witness.from_text(text) if text else None
        if published is None or witness is None or witness.installation_id != self.installation_id:
            return None
        try:
            key = PublicKey(base64.b64decode(published.signing))
            ok = key.verifies(base64.b64decode(witness.signature), witness.body())
        except ValueError:
            ok = False
        return witness if ok else None

    def witness_holds(self) -> bool:
        """The trail still holds the newest witness and runs on intact from it: checked
        before a key holder's session signs new witnesses (never over a broken trail).
        Walks only the entries after the witness, so sign-in stays fast."""
        local, remote = self.audit_witness(), self.audit_witness(remote=True)
        witness = max((w for w in (local, remote) if w), key=lambda w: w.seq, default=None)
        if remote is not None and local is not None and remote.seq <= local.seq:
            rows = self._read("SELECT hash FROM audit_log WHERE seq = ?", [remote.seq])
            if not rows or rows[0][0] != remote.hash:
                return False
        if witness is None:
            return self.published_keys() is None or not self._read(
                "SELECT 1 FROM audit_log LIMIT 1"
            )
        rows = self._read(
            f"SELECT {_AUDIT_SELECT} FROM audit_log WHERE seq >= ? ORDER BY seq", [witness.seq]
        )
        entries = [_entry_from_row(r) for r in rows]
        if not entries or entries[0].seq != witness.seq or entries[0].hash != witness.hash:
            return False
        for before, entry in itertools.pairwise(entries):
            if (
                entry.seq != before.seq + 1
                or entry.prev_hash != before.hash
                or audit.entry_hash(entry) != entry.hash
            ):
                return False
        return audit.entry_hash(entries[0]) == entries[0].hash

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

    def analyze(self) -> None:
        """Refresh the query planner's statistics after a large bulk load."""
        with self._write_lock, user_errors():
            self._conn.execute("ANALYZE")

    def integrity_ok(self) -> bool:
        if self._read("PRAGMA integrity_check")[0][0] != "ok":
            return False
        # SQLCipher's own check: every page's HMAC (catches pages altered on disk).
        return self._key is None or not self._read("PRAGMA cipher_integrity_check")

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
            rows: list[tuple[Any, ...]] = conn.execute(sql, params).fetchall()
        return rows
