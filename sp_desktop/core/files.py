"""Small file-system steps shared by everything that writes into the data folder."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from sp_desktop.core.errors import DataFolderError


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
