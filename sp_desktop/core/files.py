"""Small file-system steps shared by everything that writes into the data folder."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from sp_desktop.core.errors import DataFolderError, DiskFullError, UserFacingError


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
            "Folder data tidak bisa dibuat.",
            hint="Periksa nama folder dan izin tulisnya, atau pilih folder lain dengan --data-dir.",
        ) from exc


def write_error(exc: OSError, *, replacing: bool) -> UserFacingError:
    """What to tell the user about a failed document or export write (never the path: it
    may hold anything). `replacing`: a file of that name was already there."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EFBIG):
        return DiskFullError(
            "Disk penuh: berkas tidak bisa ditulis sampai selesai.",
            hint="Kosongkan ruang disk atau pilih folder/flashdisk lain, lalu coba lagi. "
            "Data di SP Desktop tetap aman.",
        )
    if replacing and code in (errno.EACCES, errno.EPERM, errno.EBUSY):
        # Windows refuses to replace a file another program (Excel) holds open.
        return UserFacingError(
            "Berkas dengan nama itu sedang dibuka program lain (misalnya Excel).",
            hint="Tutup berkas itu, atau simpan dengan nama lain, lalu coba lagi.",
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserFacingError(
            "Folder tujuan tidak boleh ditulis.",
            hint="Pilih folder lain (misalnya Dokumen), lalu coba lagi.",
        )
    if code in (errno.ENOENT, errno.ENOTDIR):
        return UserFacingError(
            "Folder tujuan tidak ditemukan.",
            hint="Mungkin flashdisk sudah dicabut atau foldernya dihapus. "
            "Pilih folder lain, lalu coba lagi.",
        )
    if code in (errno.ENAMETOOLONG, errno.EINVAL, errno.EISDIR):
        return UserFacingError(
            "Nama berkas itu tidak bisa dipakai.",
            hint='Pakai nama yang lebih pendek tanpa tanda : * ? " < > |, lalu coba lagi.',
        )
    return UserFacingError(
        "Berkas tidak bisa ditulis.",
        hint="Periksa apakah disk atau flashdisk masih terpasang dan boleh ditulis, "
        "lalu coba lagi. Data di SP Desktop tetap aman.",
    )
