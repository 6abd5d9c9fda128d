"""Backups: one encrypted file to carry away on a USB stick, and the way back from it.

A backup is a zip (stored, not compressed: its content is encrypted already) named
`sp-desktop-<label>-YYYYMMDD-HHMMSS.spcadangan` (local time), holding, in this order:

- `manifest.json`: what the file is (format, version, installation, key check, counts)
  and the size and SHA-256 of the database inside. It comes first so that even a file
  cut in half is recognised as ours (and reported as damaged, not as a foreign file);
- `kunci.json`: the installation's key slots as they were, so the file plus any password
  valid at that time (or the recovery sheet) restores on a new PC;
- `data.sqlite3`: a consistent copy of the SQLCipher database, still encrypted.

Writing goes to `<name>.partial`, fsynced, then renamed: a backup under its real name is
always whole. Restoring checks everything (zip, hashes, key, admin account, integrity,
installation) on a copy before the live database is touched, then swaps it in with one
rename; the previous database is kept (still encrypted) in the `cadangan` folder.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import sp_desktop
from sp_desktop.core.base import clock
from sp_desktop.core.base.data_folder import (
    DB_FILENAME,
    KEYRING_FILENAME,
    is_plaintext_database,
)
from sp_desktop.core.base.errors import (
    DB_ERRORS,
    DatabaseCorruptError,
    KeyringError,
    RecordValidationError,
    UserFacingError,
    WrongKeyError,
    disk_full,
    translate_sqlite_error,
)
from sp_desktop.core.base.files import fsync_dir, replace_file
from sp_desktop.core.base.i18n import N_, _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.base.zip_reading import open_zip
from sp_desktop.core.domain.model import Account
from sp_desktop.core.domain.permissions import (
    Permission,
    PermissionDeniedError,
    Role,
    allowed,
    denied,
    not_signed_in,
)
from sp_desktop.core.security.installation import PROGRAM_APP, Installation, password_problem
from sp_desktop.core.security.instance_lock import InstanceLock
from sp_desktop.core.security.keyring import VERSION as KEYRING_VERSION
from sp_desktop.core.security.keyring import (
    Keyring,
    LoginAttempts,
    Unlocked,
    WrongPasswordError,
    key_fingerprint,
)
from sp_desktop.core.security.office_access import Session
from sp_desktop.core.storage import BACKUP_DIRNAME, Storage
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.sealed import new_identity

FORMAT = "sp-desktop-cadangan"
VERSION = 1
SUFFIX = ".spcadangan"
PARTIAL_SUFFIX = ".partial"
MANIFEST_NAME = "manifest.json"
KEYRING_NAME = "kunci.json"
DATABASE_NAME = "data.sqlite3"
AUTO_LABEL = "otomatis"  # any signed-in account: it protects everyone's work
MANUAL_LABEL = "manual"  # admins only, like every label other than AUTO_LABEL
DEFAULT_KEEP = 10
DEFAULT_EVERY = timedelta(hours=24)
# A .partial or temp folder this old belongs to a process that was killed, not a running one.
STALE_AFTER = timedelta(hours=1)
FOLDER_DATA = "folder data"
FOLDER_OTHER = "folder lain"
ASIDE_PREFIX = "sebelum-pulih-"

_TEMP_PREFIX = ".cadangan-sementara-"  # temp folders inside the data folder
_CHUNK = 1024 * 1024
_MAX_SMALL_MEMBER = 1024 * 1024  # manifest.json and kunci.json are a few KB
_LABEL = re.compile(r"[a-z]+(?:-[a-z]+)*")  # letters only: the stamp after it stays unambiguous
_NAME = re.compile(
    r"sp-desktop-(?P<label>[a-z]+(?:-[a-z]+)*)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d{1,4}))?"
    + re.escape(SUFFIX)
)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ZIP_LOCAL_HEADER = b"PK\x03\x04"
_DISK_FULL_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EFBIG, *([errno.EDQUOT] if hasattr(errno, "EDQUOT") else [])}
)
_UNCHANGED = N_("Data sekarang tidak diubah.")


# -- results and errors ----------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file says about itself (from its manifest)."""

    path: Path
    created_at: datetime  # UTC, aware
    installation_id: str
    key_check: str
    label: str
    counts: dict[str, int]  # {"households": n, "visits": n}
    size: int  # bytes of the .spcadangan file


class BackupError(UserFacingError):
    """A backup file cannot be written, read or restored; `reason` tells which case."""

    def __init__(self, message: str, *, hint: str = "", reason: str) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


def _foreign() -> BackupError:
    return BackupError(
        _("Berkas ini bukan cadangan SP Desktop."),
        hint=_(
            "Pilih berkas cadangan SP Desktop (berakhiran .spcadangan), misalnya dari folder "
            "'cadangan' atau dari flashdisk cadangan. {UNCHANGED}"
        ).format(UNCHANGED=_(_UNCHANGED)),
        reason="foreign",
    )


def _damaged() -> BackupError:
    return BackupError(
        _("Berkas cadangan ini rusak atau tidak lengkap (mungkin terpotong saat disalin)."),
        hint=_(
            "Salin ulang berkasnya dari sumber aslinya, atau pilih cadangan lain yang lebih lama. "
            "{UNCHANGED}"
        ).format(UNCHANGED=_(_UNCHANGED)),
        reason="damaged",
    )


def _newer() -> BackupError:
    return BackupError(
        _("Cadangan ini dibuat oleh SP Desktop versi yang lebih baru."),
        hint=_("Pasang versi terbaru SP Desktop, lalu pulihkan lagi. {UNCHANGED}").format(
            UNCHANGED=_(_UNCHANGED)
        ),
        reason="newer",
    )


def _other_installation() -> BackupError:
    return BackupError(
        _("Cadangan ini dari instalasi lain, bukan dari data di folder ini."),
        hint=_(
            "Pilih cadangan milik kantor ini. Untuk memindahkan data kantor lain ke komputer ini, "
            "pulihkan ke folder data yang masih kosong. {UNCHANGED}"
        ).format(UNCHANGED=_(_UNCHANGED)),
        reason="other_installation",
    )


def _not_admin() -> PermissionDeniedError:
    return PermissionDeniedError(
        _("Akun ini bukan admin yang aktif di cadangan ini, jadi tidak boleh memulihkannya."),
        hint=_(
            "Pulihkan dengan NIP dan kata sandi admin kantor, atau dengan lembar pemulihan dan "
            "NIP admin. {UNCHANGED}"
        ).format(UNCHANGED=_(_UNCHANGED)),
    )


# -- making a backup ---------------------------------------------------------------------------


def backup_folder(data_dir: Path) -> Path:
    """Where automatic backups go: `<data folder>/cadangan`."""
    return Path(data_dir) / BACKUP_DIRNAME


def create_backup(
    installation: Installation,
    *,
    target_dir: Path | None = None,
    label: str = AUTO_LABEL,
    keep: int = DEFAULT_KEEP,
) -> Path:
    """Write one backup file and return its path; then keep only the newest `keep` of
    this label in that folder.

    Raises PermissionDeniedError for a label other than "otomatis" without the backup
    permission, DiskFullError (or BackupError) if the file cannot be written: then no
    file is left behind and older backups and the database are untouched.
    """
    if not _LABEL.fullmatch(label):
        raise ValueError(f"label must be lowercase letters and '-', not {label!r}")
    if keep < 1:
        raise ValueError("keep must be at least 1")
    storage = installation.storage
    actor = storage.actor
    if actor is None:
        raise not_signed_in()
    if label != AUTO_LABEL and not allowed(Role(actor.role), Permission.BACKUP):
        raise denied(Role(actor.role), Permission.BACKUP)

    data_dir = Path(installation.data_dir)
    default_folder = backup_folder(data_dir)
    folder = Path(target_dir) if target_dir is not None else default_folder
    kind = FOLDER_DATA if _same_path(folder, default_folder) else FOLDER_OTHER
    with _os_errors(_write_error):
        # The default folder is ours to create; a chosen one (a USB stick) must exist,
        # so an unplugged stick is not silently replaced by a new folder on the PC.
        folder.mkdir(parents=folder == default_folder, exist_ok=True)
    _remove_stale(folder, data_dir)

    stats = storage.stats()
    counts = {"households": int(stats["households"]), "visits": int(stats["visits"])}
    work = _make_temp_dir(data_dir, _write_error)
    try:
        database = storage.backup(label="salinan", target_dir=work)
        size, digest = _size_and_sha256(database)
        created = clock.utc_now()
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "installation_id": storage.installation_id,
            "key_check": installation.keyring.key_check,
            "created_at": created.isoformat(),
            "label": label,
            "app_version": sp_desktop.__version__,
            "database": {"name": DATABASE_NAME, "size": size, "sha256": digest},
            "counts": counts,
        }
        final = _free_name(folder, label, created)
        partial = final.with_name(final.name + PARTIAL_SUFFIX)
        _write_zip(partial, manifest, installation.keyring.to_json(), database, created)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    try:
        with _os_errors(_write_error):
            file_sha256 = _size_and_sha256(partial)[1]
        # Audited before it gets its real name: a backup file never exists unrecorded.
        storage.record_event(
            audit.BACKUP, "cadangan", final.name, berkas=final.name, sha256=file_sha256, folder=kind
        )
        with _os_errors(_write_error):
            replace_file(partial, final)
            fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    _rotate(folder, label, keep, newest=final)
    return final


def _write_zip(
    partial: Path,
    manifest: dict[str, Any],
    keyring_json: dict[str, Any],
    database: Path,
    created: datetime,
) -> None:
    try:
        with open(partial, "wb") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_STORED) as archive:
                archive.writestr(_member(MANIFEST_NAME, created), _json_bytes(manifest))
                archive.writestr(_member(KEYRING_NAME, created), _json_bytes(keyring_json))
                member = _member(DATABASE_NAME, created)
                member.file_size = manifest["database"]["size"]  # decides zip64 up front
                with open(database, "rb") as source, archive.open(member, "w") as target:
                    shutil.copyfileobj(source, target, _CHUNK)
            raw.flush()
            os.fsync(raw.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(exc) from exc
        raise


def _member(name: str, when: datetime) -> zipfile.ZipInfo:
    local = when.astimezone()
    # Zip dates run 1980..2107; a PC with a dead clock battery may say 1970.
    year = min(max(local.year, 1980), 2107)
    stamp = (year, local.month, local.day, local.hour, local.minute, local.second)
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16  # unzipped by hand: readable by its owner only
    return info


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _free_name(folder: Path, label: str, created: datetime) -> Path:
    stamp = f"{created.astimezone():%Y%m%d-%H%M%S}"
    # Two backups in the same second get -2, -3...: never overwrite an older file, and
    # count up from the highest taken (not the first gap left by rotation), so the
    # name keeps telling which is newer.
    taken = [0]
    for path in folder.glob(f"sp-desktop-{label}-{stamp}*"):
        name = path.name.removesuffix(PARTIAL_SUFFIX)
        match = _NAME.fullmatch(name)
        if match and match["label"] == label and match["stamp"] == stamp:
            taken.append(int(match["n"] or 1))
    n = max(taken) + 1
    if n > 9999:
        raise BackupError(
            _("Terlalu banyak cadangan dibuat dalam satu detik."),
            hint=_("Tunggu sebentar, lalu coba lagi."),
            reason="write",
        )
    return folder / f"sp-desktop-{label}-{stamp}{'' if n == 1 else f'-{n}'}{SUFFIX}"


def _rotate(folder: Path, label: str, keep: int, *, newest: Path) -> None:
    """Keep the file just written and the newest keep-1 others of this label.

    Ordered by the stamp in the name. The file just written always stays, even if the
    PC's clock went back and its stamp looks oldest.
    """
    others = []
    for path in folder.iterdir():
        match = _NAME.fullmatch(path.name)
        if match and match["label"] == label and path != newest and path.is_file():
            others.append((match["stamp"], int(match["n"] or 1), path))
    others.sort(reverse=True)
    removed = False
    for _stamp, _n, path in others[keep - 1 :]:
        with contextlib.suppress(OSError):  # a read-only old file must not fail the backup
            path.unlink()
            removed = True
    if removed:
        fsync_dir(folder)


def _remove_stale(folder: Path, data_dir: Path) -> None:
    """Partial files and temp folders left by a process killed more than an hour ago."""
    # Compared with the files' own times, which the OS stamps: its clock, not the app's.
    cutoff = time.time() - STALE_AFTER.total_seconds()
    candidates = [
        *(folder.glob(f"sp-desktop-*{SUFFIX}{PARTIAL_SUFFIX}") if folder.is_dir() else []),
        *(data_dir.glob(f"{_TEMP_PREFIX}*") if data_dir.is_dir() else []),
    ]
    for path in candidates:
        with contextlib.suppress(OSError):
            if path.lstat().st_mtime >= cutoff:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink()


def _make_temp_dir(data_dir: Path, translate: Callable[[OSError], UserFacingError]) -> Path:
    # Inside the data folder: same disk as the database, so the restore swap is a rename.
    with _os_errors(translate):
        return Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=data_dir))


# -- reading backups ---------------------------------------------------------------------------


def read_backup(path: Path) -> BackupInfo:
    """Check a backup file all the way through and describe it.

    Raises BackupError (reason "foreign", "damaged", "newer", "missing" or "unreadable").
    """
    path = Path(path)
    with _open_zip(path) as archive:
        manifest = _load_manifest(archive)
        _load_keyring(archive, manifest)
        _check_database(archive, manifest, None)
        return _info(path, manifest)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in a folder, newest first, from their manifests only (fast).

    Files that are not readable backups are left out; read_backup checks a file fully.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        if not path.is_file():
            continue
        try:
            with _open_zip(path) as archive:
                found.append(_info(path, _load_manifest(archive)))
        except (BackupError, OSError):  # OSError: removed or unplugged meanwhile
            continue
    found.sort(key=lambda info: info.created_at, reverse=True)
    return found


def last_backup(folder: Path, *, label: str | None = None) -> datetime | None:
    """When the newest backup in `folder` (of `label`, if given) was made, in UTC."""
    times = [b.created_at for b in list_backups(folder) if label is None or b.label == label]
    return max(times, default=None)


def backup_due(
    data_dir: Path, *, now: datetime | None = None, every: timedelta = DEFAULT_EVERY
) -> bool:
    """True if no automatic backup in `<data_dir>/cadangan` is newer than `every`."""
    last = last_backup(backup_folder(data_dir), label=AUTO_LABEL)
    if last is None:
        return True
    now = (now or clock.utc_now()).astimezone(UTC)  # a naive `now` is local time
    # A backup "from the future" means the clock went back (dead battery): do not trust
    # it to say the data is protected.
    return last > now or now - last >= every


@contextlib.contextmanager
def _open_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    try:
        archive = open_zip(path)
    except FileNotFoundError:
        raise BackupError(
            _("Berkas cadangan tidak ditemukan."),
            hint=_(
                "Periksa nama berkasnya dan pastikan flashdisk-nya masih terpasang, lalu "
                "pilih lagi."
            ),
            reason="missing",
        ) from None
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise (_damaged() if _starts_like_ours(path) else _foreign()) from None
    except OSError as exc:
        raise BackupError(
            _("Berkas cadangan tidak bisa dibaca."),
            hint=_(
                "Periksa bahwa berkas atau flashdisk itu boleh dibaca oleh pengguna ini, lalu "
                "coba lagi. {UNCHANGED}"
            ).format(UNCHANGED=_(_UNCHANGED)),
            reason="unreadable",
        ) from exc
    with archive:
        yield archive


def _starts_like_ours(path: Path) -> bool:
    """A zip whose first entry is manifest.json: one of ours, cut short or damaged."""
    try:
        with open(path, "rb") as f:
            head = f.read(30 + len(MANIFEST_NAME))
    except OSError:
        return False
    if len(head) < 30 + len(MANIFEST_NAME) or not head.startswith(_ZIP_LOCAL_HEADER):
        return False
    name_length = int.from_bytes(head[26:28], "little")
    return name_length == len(MANIFEST_NAME) and head[30:] == MANIFEST_NAME.encode("ascii")


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        member = archive.getinfo(name)
    except KeyError:
        return None
    if member.file_size > _MAX_SMALL_MEMBER:
        raise _damaged()
    try:
        return archive.read(member)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise _damaged() from None


def _load_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    """The manifest, checked for shape; raises foreign / newer / damaged."""
    data = _read_small(archive, MANIFEST_NAME)
    if data is None:
        raise _foreign()
    try:
        raw = json.loads(data)
    except ValueError:
        raise _foreign() from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _foreign()  # other programs put a manifest.json in zips too
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _damaged()
    if version > VERSION:
        raise _newer()
    try:
        database = raw["database"]
        checks = [
            isinstance(raw["installation_id"], str) and raw["installation_id"],
            isinstance(raw["key_check"], str) and raw["key_check"],
            isinstance(raw["label"], str),
            database["name"] == DATABASE_NAME,
            isinstance(database["size"], int) and database["size"] >= 0,
            isinstance(database["sha256"], str) and _SHA256.fullmatch(database["sha256"]),
            all(isinstance(v, int) for v in raw["counts"].values()),
        ]
        _created_at(raw)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _damaged() from None
    if not all(checks):
        raise _damaged()
    return raw


def _created_at(manifest: dict[str, Any]) -> datetime:
    created = datetime.fromisoformat(manifest["created_at"])
    return created.replace(tzinfo=UTC) if created.tzinfo is None else created.astimezone(UTC)


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    return BackupInfo(
        path=path,
        created_at=_created_at(manifest),
        installation_id=manifest["installation_id"],
        key_check=manifest["key_check"],
        label=manifest["label"],
        counts={str(k): int(v) for k, v in manifest["counts"].items()},
        size=path.stat().st_size,
    )


def _load_keyring(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> dict[str, Any]:
    """The backup's kunci.json, parsed and matched against the manifest."""
    data = _read_small(archive, KEYRING_NAME)
    if data is None:
        raise _damaged()
    try:
        raw = json.loads(data)
        if not isinstance(raw, dict):
            raise _damaged()  # as Keyring.from_json would: it takes only an object
        version = raw.get("version")
        if isinstance(version, int) and version > KEYRING_VERSION:
            raise _newer()
        keyring = Keyring.from_json(Path(KEYRING_FILENAME), copy.deepcopy(raw))
    except (ValueError, KeyringError):
        raise _damaged() from None
    if (keyring.installation_id, keyring.key_check) != (
        manifest["installation_id"],
        manifest["key_check"],
    ):
        raise _damaged()
    return raw


def _check_database(
    archive: zipfile.ZipFile, manifest: dict[str, Any], sink: IO[bytes] | None
) -> None:
    """Stream data.sqlite3 (to `sink`, if given) and check its size and SHA-256."""
    expected = manifest["database"]
    try:
        member = archive.getinfo(DATABASE_NAME)
    except KeyError:
        raise _damaged() from None
    if member.file_size != expected["size"]:
        raise _damaged()
    digest = hashlib.sha256()
    try:
        with archive.open(member) as source:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                if sink is not None:
                    _write_restored(sink, chunk)
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise _damaged() from None  # zipfile checks the CRC-32 as well
    except OSError as exc:
        raise _read_error() from exc
    if digest.hexdigest() != expected["sha256"]:
        raise _damaged()


class _RestoreWriteError(Exception):
    """Carries an OSError from writing the extracted copy past the read-error handler."""


def _write_restored(sink: IO[bytes], chunk: bytes) -> None:
    try:
        sink.write(chunk)
    except OSError as exc:
        raise _RestoreWriteError(exc) from exc


def _read_error() -> BackupError:
    return BackupError(
        _("Berkas cadangan tidak bisa dibaca sampai selesai."),
        hint=_(
            "Periksa flashdisk-nya masih terpasang dengan baik, atau salin berkasnya ke komputer "
            "dulu, lalu coba lagi. {UNCHANGED}"
        ).format(UNCHANGED=_(_UNCHANGED)),
        reason="unreadable",
    )


# -- restoring ---------------------------------------------------------------------------------


RESTORE_STEPS = 5  # unlock, check and copy, check the copy, swap in, open


def restore_backup(
    data_dir: Path,
    path: Path,
    *,
    nip: str = "",
    password: str = "",
    recovery_key: str = "",
    program: str = PROGRAM_APP,
    progress: Progress | None = None,
) -> Installation:
    """Replace the data in `data_dir` with a backup; return the installation, signed in.

    With `nip` and `password`: an admin's password valid in the backup or in the data
    folder now. With `recovery_key` and `nip` (an admin of the backup): the recovery sheet;
    a `password` given with it becomes that admin's new password.

    Everything is checked on a copy first; any refusal leaves the data folder as it was.
    The previous database is kept, encrypted, as `cadangan/sebelum-pulih-<stamp>.sqlite3`.
    The data folder must not be open elsewhere (DataInUseError): the app closes its own
    Installation before calling this.
    """
    data_dir = Path(data_dir)
    path = Path(path)
    if not nip.strip():
        raise RecordValidationError({"nip": _("Ketik NIP admin yang memulihkan cadangan.")})
    if not recovery_key and not password:
        raise RecordValidationError(
            {"password": _("Ketik kata sandi admin, atau pakai kunci dari lembar pemulihan.")}
        )
    lock = InstanceLock(data_dir, program=program)
    lock.acquire()
    try:
        return _restore_locked(
            data_dir, path, lock, nip, password, recovery_key, progress or Progress()
        )
    except BaseException:
        lock.release()
        raise


def _restore_locked(
    data_dir: Path,
    path: Path,
    lock: InstanceLock,
    nip: str,
    password: str,
    recovery_key: str,
    progress: Progress,
) -> Installation:
    # Steps, not bytes (the copy is the long one); told, never checked for cancel: a restore
    # does not stop half-way.
    def step(done: int, text: str) -> None:
        progress.tell(done, RESTORE_STEPS, text)

    live = data_dir / DB_FILENAME
    has_db = live.exists() and live.stat().st_size > 0
    if has_db and is_plaintext_database(live):
        raise BackupError(
            _("Data di folder ini belum terenkripsi, jadi belum bisa ditimpa cadangan."),
            hint=_(
                "Buka aplikasinya sekali untuk menyiapkan akun admin (data lama ikut "
                "dienkripsi), lalu pulihkan cadangan lagi."
            ),
            reason="unencrypted",
        )
    current = _current_keyring(data_dir)
    _remove_stale(backup_folder(data_dir), data_dir)
    work = _make_temp_dir(data_dir, _disk_error)
    try:
        with _open_zip(path) as archive:
            manifest = _load_manifest(archive)
            info = _info(path, manifest)
            # Another installation's data is never replaced. Without a readable key file the
            # data here cannot be opened anyway, so it is set aside rather than refused.
            if (
                has_db
                and current is not None
                and (current.installation_id, current.key_check)
                != (info.installation_id, info.key_check)
            ):
                raise _other_installation()
            backup_ring = _load_keyring(archive, manifest)
            step(0, _("Membuka kunci cadangan…"))
            unlocked = _unlock(
                data_dir, work, backup_ring, current, info, nip, password, recovery_key
            )
            data_key, account_id = unlocked.data_key, unlocked.account_id
            copy_path = work / DB_FILENAME
            step(1, _("Memeriksa dan menyalin data cadangan…"))
            try:
                with open(copy_path, "xb") as sink:
                    _check_database(archive, manifest, sink)
                    sink.flush()
                    os.fsync(sink.fileno())
            except _RestoreWriteError as exc:
                raise _disk_error(exc.args[0]) from exc
            except OSError as exc:
                raise _disk_error(exc) from exc
        step(2, _("Memeriksa salinan data…"))
        account = _check_restored_copy(work, data_key, info, nip, account_id)
        # With the sheet, a password given is the admin's new one; with a password, it is
        # the one that just opened a slot and stays as it is.
        new_password = password if recovery_key else ""
        if new_password and (problem := password_problem(new_password, account.nip)):
            raise RecordValidationError({"password": problem})
        step(3, _("Memasang data yang dipulihkan…"))
        if recovery_key:
            # The sheet stands in for the admin: with a new password, a new key pair for
            # it, given the sheet's anchor and tiers (see Installation.recover).
            identity = new_identity() if new_password else unlocked.identity
            unlocked = Unlocked(account.id, data_key, identity, unlocked.anchor, unlocked.tiers)
        keyring, aside = _swap_in(
            data_dir, copy_path, backup_ring, current, info, has_db, account, new_password,
            unlocked,
        )  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    step(4, _("Membuka data yang dipulihkan…"))
    restored = _open_restored(
        data_dir, keyring, lock, Session(unlocked), info, aside, recovery_key, password
    )
    step(RESTORE_STEPS, _("Selesai."))
    return restored


def _current_keyring(data_dir: Path) -> Keyring | None:
    """The data folder's key file, or None if it is missing or damaged (restore fixes it)."""
    if not Keyring.exists(data_dir):
        return None
    try:
        return Keyring.load(data_dir)
    except KeyringError:
        return None


def _unlock(
    data_dir: Path,
    work: Path,
    backup_ring: dict[str, Any],
    current: Keyring | None,
    info: BackupInfo,
    nip: str,
    password: str,
    recovery_key: str,
) -> Unlocked:
    """The opened slot: its account id ("" for the recovery sheet), data key and keys.

    The data folder's own key file is tried first when it holds the same key, so a
    password changed since the backup works; then the backup's, so a password valid when
    the backup was made (or the sheet printed then) works on a new PC too.
    """
    same = current if current is not None and current.key_check == info.key_check else None
    if recovery_key:
        backup_keyring = Keyring.from_json(work / KEYRING_FILENAME, copy.deepcopy(backup_ring))
        error: UserFacingError | None = None
        for keyring in (same, backup_keyring):
            if keyring is None:
                continue
            try:
                return keyring.open_recovery(recovery_key)
            except (WrongPasswordError, KeyringError) as exc:
                error = exc
        assert error is not None
        raise error
    if same is not None:
        try:
            return same.unlock(nip, password)  # counted in the data folder
        except (WrongPasswordError, KeyringError):
            # Already counted once: the second try goes through a copy whose attempts
            # file lives in the temp folder, so one wrong password counts once.
            backup_keyring = Keyring.from_json(work / KEYRING_FILENAME, copy.deepcopy(backup_ring))
            unlocked = backup_keyring.unlock(nip, password)
            LoginAttempts(data_dir).succeeded(same.nip_tag(nip))
            return unlocked
    # Counted in the data folder, so guessing here is slowed down like a login.
    backup_keyring = Keyring.from_json(data_dir / KEYRING_FILENAME, copy.deepcopy(backup_ring))
    return backup_keyring.unlock(nip, password)


def _check_restored_copy(
    work: Path, data_key: bytes, info: BackupInfo, nip: str, account_id: str
) -> Account:
    """Open the extracted copy: right key, right installation, intact, and an active admin."""
    if key_fingerprint(data_key) != info.key_check:
        raise _damaged()
    try:
        with Storage(work, key=data_key, create=False) as restored:
            if restored.installation_id != info.installation_id or not restored.integrity_ok():
                raise _damaged()
            account = restored.account_by_nip(nip)
    except (WrongKeyError, DatabaseCorruptError) as exc:
        raise _damaged() from exc
    if account is None or not account.active or (account_id and account.id != account_id):
        raise _not_admin()
    if account.role != Role.ADMIN:
        raise denied(Role(account.role), Permission.BACKUP)
    return account


def _swap_in(
    data_dir: Path,
    copy_path: Path,
    backup_ring: dict[str, Any],
    current: Keyring | None,
    info: BackupInfo,
    has_db: bool,
    account: Account,
    new_password: str,
    unlocked: Unlocked,
) -> tuple[Keyring, Path | None]:
    """Put the verified copy in place. Killed at any point, the folder holds the old data
    or the restored data, each with a key file that opens it.

    The key file only changes when the data here has no usable one (missing, damaged, or
    no database at all); with a database and its key file, the key is the same and the
    database swap is a single rename.
    """
    live = data_dir / DB_FILENAME
    wal = live.with_name(live.name + "-wal")
    shm = live.with_name(live.name + "-shm")
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    aside_dir = backup_folder(data_dir)
    aside: Path | None = None
    keep_keyring = current is not None and current.key_check == info.key_check
    with _os_errors(_disk_error):
        if has_db and wal.exists():
            _checkpoint(data_dir, unlocked.data_key)
        if has_db or wal.exists():
            aside_dir.mkdir(exist_ok=True)
            aside = _free_aside(aside_dir, stamp, ".sqlite3")
            if has_db:
                _link_or_copy(live, aside)
                fsync_dir(aside_dir)
        with contextlib.suppress(FileNotFoundError):
            shm.unlink()  # rebuilt from the WAL by SQLite; never worth keeping
        if wal.exists():
            # Not checkpointed (its key is unknown here): it goes with the copy set aside.
            # It must never meet the restored file, which it would corrupt.
            assert aside is not None
            replace_file(wal, aside.with_name(aside.name + "-wal"))
            fsync_dir(aside_dir)
        if keep_keyring:
            assert current is not None
            keyring = current
        else:
            if Keyring.exists(data_dir):
                aside_dir.mkdir(exist_ok=True)
                _link_or_copy(
                    data_dir / KEYRING_FILENAME, _free_aside(aside_dir, stamp, "-kunci.json")
                )
            keyring = Keyring.from_json(data_dir / KEYRING_FILENAME, copy.deepcopy(backup_ring))
            if new_password:
                _set_recovered_password(keyring, account, new_password, unlocked)
            keyring.save()
        replace_file(copy_path, live)
        fsync_dir(data_dir)
    if keep_keyring and new_password:
        _set_recovered_password(keyring, account, new_password, unlocked)
        keyring.save()
    return keyring, aside


def _set_recovered_password(
    keyring: Keyring, account: Account, new_password: str, unlocked: Unlocked
) -> None:
    keyring.set_password(
        account.id, account.nip, new_password, unlocked.data_key,
        identity=unlocked.identity, anchor=unlocked.anchor,
    )  # fmt: skip
    keyring.deliver(account.id, unlocked.tiers)


def _checkpoint(data_dir: Path, data_key: bytes) -> None:
    """Fold a leftover WAL (from a crash) into the database by opening and closing it."""
    with contextlib.suppress(UserFacingError, *DB_ERRORS):
        Storage(data_dir, key=data_key, create=False).close()


def _free_aside(folder: Path, stamp: str, suffix: str) -> Path:
    for n in range(1, 10_000):
        path = folder / f"{ASIDE_PREFIX}{stamp}{'' if n == 1 else f'-{n}'}{suffix}"
        if not path.exists():
            return path
    raise FileExistsError(errno.EEXIST, "too many restores in one second", str(folder))


def _link_or_copy(source: Path, target: Path) -> None:
    """A second name for the old file, so the live name can be replaced in one rename."""
    try:
        os.link(source, target)
    except OSError:
        # No hard links here (FAT, some network shares): a full copy, made durable.
        try:
            shutil.copyfile(source, target)
            with open(target, "rb+") as f:
                os.fsync(f.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                target.unlink(missing_ok=True)
            raise


def _open_restored(
    data_dir: Path,
    keyring: Keyring,
    lock: InstanceLock,
    session: Session,
    info: BackupInfo,
    aside: Path | None,
    recovery_key: str,
    password: str,
) -> Installation:
    # The lock taken at the start is handed over: no other program can slip in between.
    data_key = session.unlocked.data_key
    storage = Storage(data_dir, key=data_key, create=False)
    try:
        installation = Installation(data_dir, keyring, storage, lock, data_key, session)
        installation._flush_failed_logins()
        if recovery_key:
            account = storage.account(session.unlocked.account_id, check=False)
            storage.act_as_system(account)
            storage.record_event(audit.RECOVERY, "akun", account.id, lewat="pulihkan cadangan")
            storage.actor = None
        installation._begin(password)
        storage.record_event(
            audit.RESTORE,
            "cadangan",
            info.path.name,
            berkas=info.path.name,
            dibuat=info.created_at.isoformat(),
            label=info.label,
            data_sebelumnya=aside.name if aside else "",
        )
    except BaseException:
        storage.close()
        raise
    return installation


# -- files ---------------------------------------------------------------------------------------


def _size_and_sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


@contextlib.contextmanager
def _os_errors(translate: Callable[[OSError], UserFacingError]) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise translate(exc) from exc


def _write_error(exc: OSError) -> UserFacingError:
    if exc.errno in _DISK_FULL_ERRNOS:  # EFBIG: over the file size limit, same remedy
        return disk_full()
    return BackupError(
        _("Cadangan tidak bisa ditulis ke folder tujuan."),
        hint=_(
            "Periksa folder atau flashdisk itu masih terpasang, tidak dikunci (hanya-baca), "
            "dan boleh ditulis; lalu coba lagi. Data tidak berubah."
        ),
        reason="write",
    )


def _disk_error(exc: OSError) -> UserFacingError:
    """Writing the copy to restore (inside the data folder) failed."""
    if exc.errno in _DISK_FULL_ERRNOS:
        return disk_full()
    return translate_sqlite_error(exc) or BackupError(
        _("Salinan cadangan tidak bisa ditulis ke folder data."),
        hint=_("Periksa folder data boleh ditulis dan disknya masih ada ruang. {UNCHANGED}").format(
            UNCHANGED=_(_UNCHANGED)
        ),
        reason="write",
    )
