"""Encrypted attachments: round trip, nothing readable on disk, tampering refused."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

import sp_desktop
from sp_desktop.core.errors import disk_full
from sp_desktop.core.file_vault import (
    MAGIC,
    MAX_FILE_BYTES,
    NONCE_BYTES,
    FileTooLargeError,
    FileVault,
    StoredFile,
    VaultFileError,
)

REPO = Path(sp_desktop.__file__).resolve().parent.parent
MARKER = b"NIK 5271014109780001"


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "berkas"


@pytest.fixture
def vault(folder: Path, key: bytes) -> FileVault:
    return FileVault(folder, key)


def stored_path(folder: Path, file_id: str) -> Path:
    return folder / file_id[:2] / f"{file_id}.bin"


def all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_round_trip(vault: FileVault, folder: Path) -> None:
    content = b"%PDF-1.7 bukti selesai " + os.urandom(5000)
    stored = vault.put(content)
    assert stored == StoredFile(stored.id, hashlib.sha256(content).hexdigest(), len(content))
    assert len(stored.id) == 32 and int(stored.id, 16) >= 0
    assert all_files(folder) == [stored_path(folder, stored.id)]
    assert vault.get(stored.id) == content
    empty = vault.put(b"")
    assert vault.get(empty.id) == b"" and empty.size == 0
    assert vault.ids() == sorted([stored.id, empty.id])


def test_delete_is_idempotent(vault: FileVault) -> None:
    stored = vault.put(b"isi")
    vault.delete(stored.id)
    vault.delete(stored.id)
    vault.delete("../../bukan-id")  # names no stored file: nothing to do
    assert vault.ids() == []
    with pytest.raises(VaultFileError) as caught:
        vault.get(stored.id)
    assert caught.value.reason == "missing"


def test_plaintext_never_reaches_the_disk(vault: FileVault, folder: Path) -> None:
    ids = [vault.put(MARKER * n).id for n in (1, 3, 1000)]
    files = all_files(folder)
    assert len(files) == 3
    for path in files:
        data = path.read_bytes()
        assert data.startswith(MAGIC)
        assert MARKER not in data and b"5271014109780001" not in data
    assert [vault.get(i) for i in ids] == [MARKER * n for n in (1, 3, 1000)]


def test_the_data_key_itself_does_not_open_files(
    vault: FileVault, folder: Path, key: bytes
) -> None:
    # HKDF separates the file key from the data (database) key.
    stored = vault.put(MARKER)
    blob = stored_path(folder, stored.id).read_bytes()
    nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
    with pytest.raises(InvalidTag):
        AESGCM(key).decrypt(nonce, blob[len(MAGIC) + NONCE_BYTES :], MAGIC + stored.id.encode())


@pytest.mark.parametrize("where", ["magic", "nonce", "body", "tag"])
def test_one_flipped_byte_is_refused(vault: FileVault, folder: Path, where: str) -> None:
    stored = vault.put(MARKER * 100)
    path = stored_path(folder, stored.id)
    data = bytearray(path.read_bytes())
    index = {"magic": 0, "nonce": len(MAGIC) + 3, "body": len(data) // 2, "tag": -1}[where]
    data[index] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(VaultFileError) as caught:
        vault.get(stored.id)
    assert caught.value.reason == "damaged"
    assert "rusak" in caught.value.message and caught.value.hint


def test_truncated_file_is_refused(vault: FileVault, folder: Path) -> None:
    stored = vault.put(MARKER)
    path = stored_path(folder, stored.id)
    for size in (0, len(MAGIC) + NONCE_BYTES + 5, path.stat().st_size - 1):
        path.write_bytes(path.read_bytes()[:size])
        with pytest.raises(VaultFileError):
            vault.get(stored.id)


def test_swapped_files_are_refused(vault: FileVault, folder: Path) -> None:
    first, second = vault.put(b"berkas pertama"), vault.put(b"berkas kedua")
    a, b = stored_path(folder, first.id), stored_path(folder, second.id)
    a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_bytes)
    b.write_bytes(a_bytes)
    for file_id in (first.id, second.id):
        with pytest.raises(VaultFileError) as caught:
            vault.get(file_id)
        assert caught.value.reason == "damaged"


def test_wrong_key_is_refused(vault: FileVault, folder: Path) -> None:
    stored = vault.put(MARKER)
    with pytest.raises(VaultFileError) as caught:
        FileVault(folder, os.urandom(32)).get(stored.id)
    assert caught.value.reason == "damaged"
    assert str(MARKER) not in str(caught.value)


def test_bad_keys_and_ids(folder: Path, vault: FileVault) -> None:
    with pytest.raises(ValueError):
        FileVault(folder, b"terlalu pendek")
    for bad in ("", "../x", "A" * 32, "0" * 31, "0" * 33):
        with pytest.raises(VaultFileError):
            vault.get(bad)


def test_too_big_is_refused_before_anything_is_written(vault: FileVault, folder: Path) -> None:
    with pytest.raises(FileTooLargeError) as caught:
        vault.put(bytes(MAX_FILE_BYTES + 1))
    assert caught.value.message.startswith("Berkas terlalu besar (maks. 10 MB)")
    assert "lalu lampirkan lagi" in caught.value.hint
    assert not folder.exists()
    stored = vault.put(bytes(MAX_FILE_BYTES))  # exactly the limit is fine
    assert vault.get(stored.id) == bytes(MAX_FILE_BYTES)


def test_ids_ignore_strays(vault: FileVault, folder: Path) -> None:
    stored = vault.put(b"isi")
    sub = folder / stored.id[:2]
    (sub / f".{stored.id}.bin.tmp").write_bytes(b"sisa")  # a temp left by a power cut
    (sub / "catatan.txt").write_text("bukan berkas", encoding="utf-8")
    (folder / "zz").mkdir()
    (folder / "zz" / f"{stored.id}.bin").write_bytes(b"salah folder")
    assert vault.ids() == [stored.id]


# Stores one small file, then caps file size at 64 KiB (writes past it fail with EFBIG,
# as on a full disk) and tries to store about 1 MB.
DISK_FULL_CHILD = """
import json, resource, signal, sys
from pathlib import Path
from sp_desktop.core.errors import DiskFullError
from sp_desktop.core.file_vault import FileVault
vault = FileVault(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
kept = vault.put(b"sudah tersimpan")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
_, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
try:
    vault.put(b"NIK 5271014109780001 " * 50000)
except DiskFullError as err:
    print(json.dumps({"kept": kept.id, "error": str(err)}))
else:
    print(json.dumps({"kept": kept.id, "error": None}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_disk_full_leaves_no_partial_file(folder: Path, key: bytes) -> None:
    result = subprocess.run(
        [sys.executable, "-c", DISK_FULL_CHILD, str(folder), key.hex()],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["error"] == str(disk_full())
    # Only the file stored before the disk filled up, intact; no temp, no partial file.
    assert all_files(folder) == [stored_path(folder, report["kept"])]
    vault = FileVault(folder, key)
    assert vault.ids() == [report["kept"]]
    assert vault.get(report["kept"]) == b"sudah tersimpan"
