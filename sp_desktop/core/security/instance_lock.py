"""One writer per data folder, and a plain answer to "who has it open?".

The truth is an OS advisory lock on `sp-desktop.pakai` (flock on POSIX, msvcrt.locking
on Windows). The OS drops it when the process dies, however it dies (kill -9, power cut),
so a crash never leaves the folder blocked. Who holds it is written to a second small
file, `sp-desktop.pakai.info`, only for the message: stale info never blocks anyone.

The lock file is never deleted: deleting a flock'ed file lets a newcomer lock a fresh
file of the same name while the old holder still writes, and then two processes write.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import DataFolderError, UserFacingError
from sp_desktop.core.base.files import make_data_folder, replace_retrying
from sp_desktop.core.base.i18n import N_, _

if sys.platform == "win32":
    import msvcrt

    # The Windows lock goes through this name, so tests on Linux can run that branch
    # with a stand-in that behaves like msvcrt.locking.
    _msvcrt: Any = msvcrt
else:
    import fcntl

    _msvcrt = None

LOCK_FILENAME = "sp-desktop.pakai"
INFO_FILENAME = LOCK_FILENAME + ".info"
PROGRAM_APP = N_("aplikasi")
PROGRAM_CLI = N_("baris perintah")
PROGRAMS = (PROGRAM_APP, PROGRAM_CLI)
POLL_SECONDS = 0.2
_MAX_INFO_BYTES = 4096
_MAX_NAME_CHARS = 64
# A reader of the info file holds it for milliseconds: a short wait, not files' ~2 s.
_INFO_REPLACE_DELAYS = (0.05, 0.05, 0.05, 0.05)

# Locks held by this process, by folder. The OS lock already refuses a second open file
# in the same process on local disks (Linux flock, Windows LockFileEx); this also covers
# file systems where it would not (flock emulated with per-process fcntl locks on NFS).
_held_here: set[str] = set()
_held_here_guard = threading.Lock()


@dataclass(frozen=True)
class LockHolder:
    """Who holds a data folder. Only OS-level names: never a household or account name."""

    os_user: str
    computer: str
    pid: int
    since: datetime  # local time
    program: str  # PROGRAM_APP or PROGRAM_CLI

    def describe(self) -> str:
        """E.g. "pengguna Windows 'posko1' di komputer KANTOR-01 (aplikasi, sejak 08.15)"."""
        now = clock.now()
        since = self.since.astimezone()
        when = since.strftime("%H.%M" if since.date() == now.date() else "%d/%m/%Y %H.%M")
        program = _(self.program) if self.program in PROGRAMS else self.program
        return _("{user_kind} '{os_user}' di komputer {computer} ({program}, sejak {when})").format(
            user_kind=_user_kind(),
            os_user=self.os_user,
            computer=self.computer,
            program=program,
            when=when,
        )


class DataInUseError(UserFacingError):
    """Another SP Desktop (this PC or another) is writing this data folder."""

    def __init__(self, holder: LockHolder | None) -> None:
        who = holder.describe() if holder else _("SP Desktop lain (di komputer ini atau lainnya)")
        super().__init__(
            _("Data SP Desktop ini sedang dipakai oleh {who}.").format(who=who),
            hint=_(
                "Tutup SP Desktop di sana (atau tunggu sampai selesai), lalu coba lagi. "
                "Data tidak berubah."
            ),
        )
        self.holder = holder


class InstanceLock:
    """Exclusive use of one data folder by one process; `with InstanceLock(...):`."""

    def __init__(self, data_dir: Path, *, program: str) -> None:
        if program not in PROGRAMS:
            raise ValueError(f"program must be one of {PROGRAMS}, not {program!r}")
        self.data_dir = Path(data_dir)
        self.program = program
        self.lock_path = self.data_dir / LOCK_FILENAME
        self.info_path = self.data_dir / INFO_FILENAME
        self._fd: int | None = None
        self._mine: LockHolder | None = None
        self._key = _folder_key(self.data_dir)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, wait_seconds: float = 0.0) -> None:
        """Take the folder, polling every 0.2 s for up to `wait_seconds`.

        Raises DataInUseError naming the holder if it is still taken after that.
        Calling it again on an object that already holds the lock does nothing.
        """
        if self._fd is not None:
            return
        deadline = time.monotonic() + max(0.0, wait_seconds)
        while not self._try_acquire():
            if time.monotonic() >= deadline:
                raise DataInUseError(self.holder())
            time.sleep(min(POLL_SECONDS, max(0.0, deadline - time.monotonic())))

    def release(self) -> None:
        """Give the folder back. Safe to call any number of times."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Remove our info while still holding the lock, so nobody else's gets removed.
        with contextlib.suppress(OSError):
            self.info_path.unlink(missing_ok=True)
        try:
            with contextlib.suppress(OSError):
                _unlock(fd)
        finally:
            os.close(fd)  # closing drops the OS lock in any case
            self._mine = None
            with _held_here_guard:
                _held_here.discard(self._key)

    def holder(self) -> LockHolder | None:
        """Who holds the folder now: None if it is free or the holder cannot be told.

        Never creates anything. To tell "free" it takes and drops the lock for an
        instant, so a racing acquire() elsewhere may see it busy for that instant.
        """
        if self._mine is not None:
            return self._mine
        with _held_here_guard:
            held_here = self._key in _held_here
        if not held_here and not self._held_elsewhere():
            return None
        return _read_info(self.info_path)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    # -- internals -----------------------------------------------------------------

    def _try_acquire(self) -> bool:
        with _held_here_guard:
            if self._key in _held_here:
                return False
            fd = self._lock_current_file()
            if fd is None:
                return False
            _held_here.add(self._key)
        self._fd = fd
        self._mine = self._write_info()
        return True

    def _lock_current_file(self) -> int | None:
        """A handle holding the OS lock on the file now at lock_path, or None if busy."""
        for _attempt in range(3):
            fd = self._open_lock_file()
            try:
                if not _try_lock(fd):
                    os.close(fd)
                    return None
                if _still_same_file(fd, self.lock_path):
                    return fd
            except BaseException:
                os.close(fd)
                raise
            # Deleted or replaced between open and lock: a lock on that orphan protects
            # nothing, so lock the file that is there now.
            os.close(fd)
        return None

    def _open_lock_file(self) -> int:
        make_data_folder(self.data_dir)
        try:
            # 0o666 (less umask): another OS user of a shared folder can open it too.
            return os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except PermissionError:
            pass  # made by another OS user: a read-only handle can still be locked
        try:
            return os.open(self.lock_path, os.O_RDONLY)
        except OSError as exc:
            raise DataFolderError(
                _("Folder data tidak boleh dipakai oleh pengguna ini."),
                hint=_("Pilih folder lain dengan --data-dir atau minta admin memberi izin tulis."),
            ) from exc

    def _held_elsewhere(self) -> bool:
        """Probe with a throw-away handle whether someone holds the OS lock."""
        try:
            fd = os.open(self.lock_path, os.O_RDONLY)
        except OSError:
            return False  # no lock file: nobody has ever held it
        try:
            if _try_lock(fd):
                with contextlib.suppress(OSError):
                    _unlock(fd)
                return False
            return True
        except DataFolderError:
            return False
        finally:
            os.close(fd)

    def _write_info(self) -> LockHolder:
        mine = LockHolder(
            os_user=_os_user(),
            computer=_computer_name(),
            pid=os.getpid(),
            since=clock.now().replace(microsecond=0),
            program=self.program,
        )
        payload = json.dumps(
            {
                "os_user": mine.os_user,
                "computer": mine.computer,
                "pid": mine.pid,
                "since": mine.since.isoformat(),
                "program": mine.program,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        # The info only feeds messages: if it cannot be written, the lock still stands,
        # but a previous holder's stale info must not be shown as ours.
        temp = self.info_path.with_name(f"{INFO_FILENAME}.{os.getpid()}.tmp")
        try:
            with open(temp, "wb") as out:
                out.write(payload)
            # Briefly refused on Windows while another process reads who holds the lock.
            replace_retrying(temp, self.info_path, delays=_INFO_REPLACE_DELAYS)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                self.info_path.unlink(missing_ok=True)
        return mine


# -- OS lock, per platform ----------------------------------------------------------------


def _try_lock(fd: int) -> bool:
    """True if we now hold the lock on fd, False if someone else does."""
    try:
        if _msvcrt is not None:
            # Locks 1 byte at the current position: always byte 0. The info lives in
            # another file because a locked range cannot even be read on Windows.
            os.lseek(fd, 0, os.SEEK_SET)
            _msvcrt.locking(fd, _msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in _BUSY_ERRNOS:
            return False
        raise DataFolderError(
            _(
                "Folder data ini tidak bisa dikunci, jadi SP Desktop tidak bisa memastikan "
                "hanya satu yang memakainya."
            ),
            hint=_("Pilih folder di disk komputer ini (bukan folder jaringan) dengan --data-dir."),
        ) from exc
    return True


def _unlock(fd: int) -> None:
    if _msvcrt is not None:
        os.lseek(fd, 0, os.SEEK_SET)
        _msvcrt.locking(fd, _msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


# flock says EWOULDBLOCK (= EAGAIN); msvcrt.locking says EACCES or EDEADLOCK.
_BUSY_ERRNOS = frozenset(
    {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}
)


def _still_same_file(fd: int, path: Path) -> bool:
    """False if the lock file was deleted or replaced after we opened it (POSIX only)."""
    if sys.platform == "win32":
        return True  # an open file cannot be deleted or replaced on Windows
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


# -- helpers --------------------------------------------------------------------------------


def _folder_key(data_dir: Path) -> str:
    try:
        resolved = data_dir.resolve()
    except OSError:
        resolved = data_dir.absolute()
    return os.path.normcase(str(resolved))


def _user_kind() -> str:
    if sys.platform == "win32":
        return _("pengguna Windows")
    if sys.platform.startswith("linux"):
        return _("pengguna Linux")
    return _("pengguna")


def _os_user() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no USER/USERNAME and no passwd entry (containers, odd setups)
        name = os.environ.get("USERNAME", "")
    return _clean(name) or "?"


def _computer_name() -> str:
    try:
        name = socket.gethostname()
    except OSError:
        name = os.environ.get("COMPUTERNAME", "")
    return _clean(name) or "?"


def _clean(value: object) -> str:
    """A short, printable name for a message; the info file is not trusted."""
    if not isinstance(value, str):
        return ""
    text = "".join(ch for ch in value if ch.isprintable() and ch != "'")
    return text.strip()[:_MAX_NAME_CHARS]


def _read_info(path: Path) -> LockHolder | None:
    try:
        with open(path, "rb") as source:
            raw = source.read(_MAX_INFO_BYTES + 1)
    except OSError:
        return None
    if len(raw) > _MAX_INFO_BYTES:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        since = datetime.fromisoformat(data["since"]).astimezone()
        pid = data["pid"]
        holder = LockHolder(
            os_user=_clean(data["os_user"]),
            computer=_clean(data["computer"]),
            pid=pid,
            since=since,
            program=data["program"],
        )
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None
    valid = (
        isinstance(pid, int)
        and not isinstance(pid, bool)
        and holder.os_user
        and holder.computer
        and holder.program in PROGRAMS
    )
    return holder if valid else None
