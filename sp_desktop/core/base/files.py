"""Small file-system steps shared by everything that writes into the data folder."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from sp_desktop.core.base.errors import DataFolderError, DiskFullError, UserFacingError
from sp_desktop.core.base.i18n import _

# Pauses between the tries of a replace (10 tries, ~2 s in all): an antivirus scan or
# the search indexer holds a fresh file for a few hundred milliseconds, Excel longer.
REPLACE_DELAYS: tuple[float, ...] = (0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: what Windows says
# while another program has the file open (Python maps all three to PermissionError).
_IN_USE_WINERRORS = frozenset({5, 32, 33})
# The pause between tries, looked up when called: tests swap in one that does not wait.
_sleep = time.sleep


class FileInUseError(UserFacingError):
    """A file could not be replaced because another program kept it open."""


def fsync_dir(folder: Path) -> None:
    """Make a rename/create/delete in `folder` durable; POSIX only (Windows cannot open
    folders). Some file systems refuse fsync on a folder: that is not an error."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def make_data_folder(folder: Path) -> None:
    """Create the data folder (and parents), or say in words why it cannot be."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFolderError(
            _("Folder data tidak bisa dibuat."),
            hint=_(
                "Periksa nama folder dan izin tulisnya, atau pilih folder lain dengan --data-dir."
            ),
        ) from exc


def write_error(exc: OSError, *, replacing: bool) -> UserFacingError:
    """What to tell the user about a failed document or export write (never the path: it
    may hold anything). `replacing`: a file of that name was already there."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EFBIG):
        return DiskFullError(
            _("Disk penuh: berkas tidak bisa ditulis sampai selesai."),
            hint=_(
                "Kosongkan ruang disk atau pilih folder/flashdisk lain, lalu coba lagi. "
                "Data di SP Desktop tetap aman."
            ),
        )
    if replacing and code in (errno.EACCES, errno.EPERM, errno.EBUSY):
        # Windows refuses to replace a file another program (Excel) holds open.
        return UserFacingError(
            _("Berkas dengan nama itu sedang dibuka program lain (misalnya Excel)."),
            hint=_("Tutup berkas itu, atau simpan dengan nama lain, lalu coba lagi."),
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserFacingError(
            _("Folder tujuan tidak boleh ditulis."),
            hint=_("Pilih folder lain (misalnya Dokumen), lalu coba lagi."),
        )
    if code in (errno.ENOENT, errno.ENOTDIR):
        return UserFacingError(
            _("Folder tujuan tidak ditemukan."),
            hint=_(
                "Mungkin flashdisk sudah dicabut atau foldernya dihapus. "
                "Pilih folder lain, lalu coba lagi."
            ),
        )
    if code in (errno.ENAMETOOLONG, errno.EINVAL, errno.EISDIR):
        return UserFacingError(
            _("Nama berkas itu tidak bisa dipakai."),
            hint=_('Pakai nama yang lebih pendek tanpa tanda : * ? " < > |, lalu coba lagi.'),
        )
    return UserFacingError(
        _("Berkas tidak bisa ditulis."),
        hint=_(
            "Periksa apakah disk atau flashdisk masih terpasang dan boleh ditulis, "
            "lalu coba lagi. Data di SP Desktop tetap aman."
        ),
    )


def is_in_use(exc: OSError) -> bool:
    """Whether a failed replace looks like another program holding the file (Windows:
    antivirus, indexer, Excel), which usually passes after a moment. Any PermissionError
    counts, on every system: a real lack of rights only costs the ~2 s of retries."""
    return isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in _IN_USE_WINERRORS


def replace_retrying(
    source: Path | str,
    target: Path | str,
    *,
    delays: Sequence[float] | None = None,
) -> None:
    """`os.replace(source, target)`, tried again while the file is in use.

    Raises the last OSError unchanged, for callers that word it themselves (a document
    "open in Excel"); any other OSError (disk full, folder gone) is raised at once. After
    a failure nothing moved: `source` is still there and `target` is untouched.
    """
    pauses = REPLACE_DELAYS if delays is None else delays
    for attempt in range(len(pauses) + 1):
        try:
            os.replace(source, target)  # the one rename in SP Desktop
            return
        except OSError as exc:
            if attempt == len(pauses) or not is_in_use(exc):
                raise
        _sleep(pauses[attempt])


def replace_file(
    source: Path | str,
    target: Path | str,
    *,
    delays: Sequence[float] | None = None,
) -> None:
    """Like `replace_retrying`, but a file still in use after the retries becomes a
    FileInUseError saying what to do (never the path, as in `write_error`)."""
    try:
        replace_retrying(source, target, delays=delays)
    except OSError as exc:
        if not is_in_use(exc):
            raise
        raise FileInUseError(
            _("Berkas sedang dipakai program lain (misalnya antivirus atau Excel)."),
            hint=_(
                "Tutup program itu atau tunggu sebentar, lalu coba lagi. "
                "Data di SP Desktop tetap aman."
            ),
        ) from exc


Render = Callable[[IO[bytes]], None]


def write_atomically(path: Path, render: Render) -> Path:
    """Render into `path.partial` (owner-only), fsync, rename onto `path`; on any failure
    (also KeyboardInterrupt or a cancelled job) remove the partial file and re-raise."""
    path = Path(path)
    partial = path.with_suffix(path.suffix + ".partial")
    replacing = path.exists()
    try:
        # A leftover from a crash keeps its old mode through O_TRUNC: start a new file.
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        # Owner-only on a shared PC: documents hold names and (masked) numbers, the
        # recovery sheet even the key in clear. Windows keeps only the write bit (the file
        # stays writable) and takes the folder's access rights: the dialogs ask for a
        # private folder.
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(partial, flags, 0o600), "wb") as out:
            render(out)
            out.flush()
            os.fsync(out.fileno())
        replace_retrying(partial, path)
    except BaseException as exc:
        # A stray .partial must never be mistaken for a finished document.
        with contextlib.suppress(OSError):
            partial.unlink()
        if isinstance(exc, OSError):
            raise write_error(exc, replacing=replacing) from exc
        raise
    fsync_dir(path.parent)  # the rename itself survives a power cut
    return path
