"""Opening zips that come from elsewhere (bundles, backups, handover packages, rosters).

Whether zipfile reads past a member whose header lies about its compressed size depends on
the Python build: those with the fix for CVE-2024-0450 (3.11.8+, 3.12.2+, and Debian 12's
3.11.2 as patched) refuse it when the member is opened, older ones (3.11.7) read on. The
answer to a hostile file must not depend on that, so the members' extents are checked here,
before anything is read: a zip whose members reach into each other is damaged.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

# A local file header is 30 bytes before the member's name and extra field.
_LOCAL_HEADER = 30


def open_zip(path: Path) -> zipfile.ZipFile:
    """`zipfile.ZipFile(path)` for reading, refused with BadZipFile when its headers lie
    about where a member's bytes end."""
    archive = zipfile.ZipFile(path)
    try:
        check_extents(archive, Path(path).stat().st_size)
    except BaseException:
        archive.close()
        raise
    return archive


def check_extents(archive: zipfile.ZipFile, file_size: int) -> None:
    """Each member's compressed bytes end before the next member begins, and the last one's
    before the central directory."""
    # zipfile knows where the central directory starts; the file's size bounds it anyway.
    end = getattr(archive, "start_dir", file_size)
    end = min(end, file_size) if isinstance(end, int) else file_size
    ordered = sorted(archive.infolist(), key=lambda info: info.header_offset)
    for info, following in zip(ordered, [*ordered[1:], None], strict=False):
        limit = end if following is None else following.header_offset
        # At least one byte per character of the name; the extra field only adds to it.
        data_start = info.header_offset + _LOCAL_HEADER + len(info.orig_filename)
        if info.header_offset < 0 or data_start + info.compress_size > limit:
            raise zipfile.BadZipFile("members overlap")
