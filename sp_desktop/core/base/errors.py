"""Errors a user or the environment can fix, each with a message in the program's language.

Messages say what happened and what to do next. They never carry a NIK, a No KK or a
name: these errors reach dialogs, the terminal and (later) logs.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from sp_desktop.core.base import clock
from sp_desktop.core.base.i18n import _


def __getattr__(name: str) -> Any:
    # DB_ERRORS loads both SQLite bindings (~10 ms): on first use, not before the login
    # dialog shows (the window's start imports this module).
    if name == "DB_ERRORS":
        return _db_errors()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _db_errors() -> tuple[type[Exception], ...]:
    import sqlite3

    from sqlcipher3 import dbapi2 as sqlcipher

    # The database is SQLCipher; plain sqlite3 is still met when converting old data.
    return (sqlite3.Error, sqlcipher.Error)


class UserFacingError(Exception):
    """Something the person at the PC can act on. `str(err)` is the full message."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class DataFolderError(UserFacingError):
    """The data folder cannot be created, read or written."""


class DatabaseLockedError(UserFacingError):
    """Another program holds the database."""


class DatabaseCorruptError(UserFacingError):
    """The file is not a readable SP Desktop database."""


class DiskFullError(UserFacingError):
    """The disk has no room left."""


class WrongKeyError(UserFacingError):
    """The data key does not open the database (or the file is not ours)."""


class NewerSchemaError(UserFacingError):
    """The database was written by a newer SP Desktop."""


class RecordValidationError(UserFacingError):
    """A record failed validation; `problems` maps field name to message."""

    def __init__(self, problems: dict[str, str]) -> None:
        first = next(iter(problems.values()), _("Data belum lengkap."))
        super().__init__(first, hint=_("Perbaiki isian yang ditandai lalu simpan lagi."))
        self.problems = problems


class NotFoundError(UserFacingError):
    """A record asked for by id does not exist (any more)."""


def locked() -> DatabaseLockedError:
    return DatabaseLockedError(
        _("Data sedang dipakai program lain (mungkin SP Desktop yang terbuka di jendela lain)."),
        hint=_("Tutup program itu atau tunggu sebentar, lalu coba lagi. Isian Anda tidak hilang."),
    )


def translate_sqlite_error(exc: BaseException) -> UserFacingError | None:
    """Sort an sqlite3/OS error into something the user can fix, or None for a bug."""
    text = str(exc).lower()
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EFBIG):
            return disk_full()
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return DataFolderError(
                _("Folder data tidak boleh ditulis oleh pengguna ini."),
                hint=_("Pilih folder lain dengan --data-dir atau minta admin memberi izin tulis."),
            )
        return None
    if not isinstance(exc, _db_errors()):
        return None
    if "locked" in text or "busy" in text:
        return locked()
    if "disk is full" in text or "database or disk is full" in text:
        return disk_full()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return DatabaseCorruptError(
            _("Berkas data rusak atau bukan berkas SP Desktop."),
            hint=_(
                "Jangan hapus berkasnya. Pulihkan dari cadangan di folder 'cadangan', "
                "atau hubungi koordinator."
            ),
        )
    if "unable to open" in text or "readonly" in text or "disk i/o" in text:
        return DataFolderError(
            _("Berkas data tidak bisa dibuka atau ditulis."),
            hint=_("Periksa apakah folder data masih ada, diskonya terpasang, dan boleh ditulis."),
        )
    return None


def disk_full() -> DiskFullError:
    return DiskFullError(
        _("Disk penuh: data tidak bisa disimpan."),
        hint=_(
            "Kosongkan ruang disk (hapus berkas yang tidak perlu), lalu simpan lagi. "
            "Data yang sudah tersimpan aman."
        ),
    )


def write_crash_report(data_dir: Path, exc: BaseException) -> str:
    """Save a bug's traceback in the data folder and return where it went.

    Tracebacks go to this file, never to the screen. They hold code and line numbers,
    not the values in the form.
    """
    import traceback

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    for folder in (data_dir / "laporan-galat", Path.cwd()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"galat-{stamp}.txt"
            path.write_text(text, encoding="utf-8")
            return str(path)
        except OSError:
            continue
    return _("(tidak bisa ditulis)")


class KeyringError(UserFacingError):
    """The key file is missing, damaged or altered."""
