"""Attached files (proof-of-completion PDFs and photos), encrypted at rest.

Each file is sealed with AES-256-GCM under a key derived from the caller's data key, so
the database key and the file key differ even though one secret unlocks both. The file
id is bound into the authentication tag: a file renamed to another id, swapped with
another file, flipped by one bit or opened with the wrong key is refused, never
returned as wrong content.

On disk: folder/<first 2 chars of id>/<id>.bin =
    b"SPBERKAS1" + 12-byte random nonce + AES-GCM ciphertext (with its 16-byte tag)
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sp_desktop.core.errors import UserFacingError, disk_full, translate_sqlite_error
from sp_desktop.core.files import fsync_dir

MAGIC = b"SPBERKAS1"
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 32
HKDF_INFO = b"sp-desktop berkas v1"
MAX_FILE_BYTES = 10 * 1024 * 1024
SUFFIX = ".bin"
_TEMP_SUFFIX = ".tmp"
_ID = re.compile(r"[0-9a-f]{32}")
_DISK_FULL_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EFBIG, *([errno.EDQUOT] if hasattr(errno, "EDQUOT") else [])}
)

_DAMAGED_HINT = (
    "Lampirkan lagi berkas itu dari dokumen aslinya, atau pulihkan folder data dari "
    "cadangan. Data lain tidak terpengaruh."
)


@dataclass(frozen=True)
class StoredFile:
    id: str  # uuid4 hex, 32 lowercase hex digits
    sha256: str  # hex digest of the plaintext, for the caller to record
    size: int  # plaintext bytes


class VaultFileError(UserFacingError):
    """A stored file is missing, damaged, tampered with, or sealed with another key."""

    def __init__(
        self, message: str, *, hint: str = "", reason: Literal["missing", "damaged"]
    ) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


class FileTooLargeError(UserFacingError):
    """The file is over MAX_FILE_BYTES; nothing was written."""


class FileVault:
    """Encrypted files in one folder. `data_key` is 32 random bytes owned by the caller."""

    def __init__(self, folder: Path, data_key: bytes) -> None:
        if len(data_key) != KEY_BYTES:
            raise ValueError(f"data_key must be {KEY_BYTES} bytes, got {len(data_key)}")
        self.folder = Path(folder)
        file_key = HKDF(
            algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=HKDF_INFO
        ).derive(bytes(data_key))
        self._aead = AESGCM(file_key)

    def put(self, content: bytes) -> StoredFile:
        """Encrypt and store `content` under a new id; atomic (all or nothing on disk)."""
        size = len(content)
        if size > MAX_FILE_BYTES:
            raise FileTooLargeError(
                f"Berkas terlalu besar (maks. {MAX_FILE_BYTES // (1024 * 1024)} MB).",
                hint="Perkecil dulu berkasnya (misalnya pindai ulang dengan resolusi lebih "
                "rendah, atau simpan fotonya dalam ukuran lebih kecil), lalu lampirkan lagi.",
            )
        file_id = uuid.uuid4().hex
        nonce = os.urandom(NONCE_BYTES)
        sealed = MAGIC + nonce + self._aead.encrypt(nonce, content, _aad(file_id))
        with _user_errors():
            _write_atomically(self._path(file_id), sealed)
        return StoredFile(id=file_id, sha256=hashlib.sha256(content).hexdigest(), size=size)

    def get(self, file_id: str) -> bytes:
        """The plaintext of a stored file, checked against its tag and id."""
        if not _ID.fullmatch(file_id):
            raise _missing()
        try:
            with open(self._path(file_id), "rb") as source:
                # Never read more than a valid file can be: a huge impostor is just damaged.
                blob = source.read(len(MAGIC) + NONCE_BYTES + MAX_FILE_BYTES + TAG_BYTES + 1)
        except FileNotFoundError:
            raise _missing() from None
        except OSError as exc:
            friendly = _translate(exc)
            if friendly is None:
                raise
            raise friendly from exc
        header = len(MAGIC) + NONCE_BYTES
        if len(blob) < header + TAG_BYTES or not blob.startswith(MAGIC):
            raise _damaged()
        nonce = blob[len(MAGIC) : header]
        try:
            return self._aead.decrypt(nonce, blob[header:], _aad(file_id))
        except InvalidTag:
            raise _damaged() from None

    def delete(self, file_id: str) -> None:
        """Remove a stored file; deleting one that is not there does nothing."""
        if not _ID.fullmatch(file_id):
            return  # cannot name a stored file, so there is nothing to delete
        path = self._path(file_id)
        with _user_errors():
            try:
                path.unlink()
            except FileNotFoundError:
                return
        fsync_dir(path.parent)

    def ids(self) -> list[str]:
        """Ids of all stored files, sorted. Leftover temp files are not listed."""
        if not self.folder.is_dir():
            return []
        found = [
            path.stem
            for path in self.folder.glob(f"??/*{SUFFIX}")
            if _ID.fullmatch(path.stem) and path.parent.name == path.stem[:2]
        ]
        return sorted(found)

    def _path(self, file_id: str) -> Path:
        return self.folder / file_id[:2] / f"{file_id}{SUFFIX}"


def _aad(file_id: str) -> bytes:
    return MAGIC + file_id.encode("ascii")


def _write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over, fsync the folder.

    A crash or a full disk leaves either the whole file or none under its real name,
    and a failed write removes its temp file.
    """
    created = not path.parent.is_dir()
    path.parent.mkdir(parents=True, exist_ok=True)
    if created:
        fsync_dir(path.parent.parent)
    temp = path.with_name(f".{path.name}{_TEMP_SUFFIX}")
    try:
        # Unbuffered, so every byte goes through os.write and a full disk shows up here,
        # not in a later flush during close.
        with open(temp, "xb", buffering=0) as out:
            view = memoryview(data)
            while view:
                written = out.write(view)
                if not written:  # a raw write may be short; 0 means no progress at all
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                view = view[written:]
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Turn OS errors the user can fix (full disk, no write permission) into messages."""
    try:
        yield
    except OSError as exc:
        friendly = _translate(exc)
        if friendly is None:
            raise
        raise friendly from exc


def _translate(exc: OSError) -> UserFacingError | None:
    if exc.errno in _DISK_FULL_ERRNOS:  # EFBIG: over the file size limit, same remedy
        return disk_full()
    return translate_sqlite_error(exc)


def _missing() -> VaultFileError:
    return VaultFileError(
        "Berkas lampiran tidak ditemukan di folder data.",
        hint="Lampirkan lagi berkas itu dari dokumen aslinya. Data lain tidak terpengaruh.",
        reason="missing",
    )


def _damaged() -> VaultFileError:
    return VaultFileError(
        "Berkas lampiran rusak, sudah diubah, atau bukan milik data ini, jadi tidak bisa dibuka.",
        hint=_DAMAGED_HINT,
        reason="damaged",
    )
