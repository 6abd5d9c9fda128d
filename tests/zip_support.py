"""Zips whose headers lie, for the tests of every reader of files from elsewhere."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

# Offsets inside the zip headers (APPNOTE.TXT 4.3.7 and 4.3.12).
_LOCAL = {
    "flags": (6, "<H"),
    "method": (8, "<H"),
    "crc": (14, "<I"),
    "csize": (18, "<I"),
    "usize": (22, "<I"),
}
_CENTRAL = {
    "flags": (8, "<H"),
    "method": (10, "<H"),
    "crc": (16, "<I"),
    "csize": (20, "<I"),
    "usize": (24, "<I"),
}


def patch_entry(path: Path, name: str, **values: int) -> None:
    """Overwrite header fields of one member, in its local header and the central directory:
    a zip whose headers lie."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
        local_at, central_at = info.header_offset, archive.start_dir
    data = bytearray(path.read_bytes())
    while True:  # find this member's central directory record
        assert data[central_at : central_at + 4] == b"PK\x01\x02"
        name_len, extra_len, comment_len = struct.unpack_from("<3H", data, central_at + 28)
        if data[central_at + 46 : central_at + 46 + name_len] == name.encode():
            break
        central_at += 46 + name_len + extra_len + comment_len
    assert data[local_at : local_at + 4] == b"PK\x03\x04"
    for what, value in values.items():
        for base, fields in ((local_at, _LOCAL), (central_at, _CENTRAL)):
            offset, fmt = fields[what]
            struct.pack_into(fmt, data, base + offset, value)
    path.write_bytes(bytes(data))


def overstate_compressed_size(path: Path, name: str, by: int | None = 4096) -> None:
    """Make `name`'s compressed size reach past its bytes (None: to 0xFFFFFFFF)."""
    with zipfile.ZipFile(path) as archive:
        honest = archive.getinfo(name).compress_size
    patch_entry(path, name, csize=0xFFFFFFFF if by is None else honest + by)
