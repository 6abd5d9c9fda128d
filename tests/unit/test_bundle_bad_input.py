"""Bundles that are damaged, forged or hostile: refused in Indonesian, database untouched.

Every bundle here starts as a real one, written by `write_bundle` on a real installation,
and is then damaged by rewriting its zip (re-signing the manifest where a case needs a
valid signature over altered content). For every refusal the receiving installation's
database file is compared byte for byte: its WAL is checkpointed first, then the
`.sqlite3` file and the `-wal` file are hashed before and after the failed import.
The end of the file fuzzes the reader with hypothesis.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import random
import re
import shutil
import time
import tracemalloc
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from factories import keyed_connection, make_household, make_visit, reopen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import admin_of, offices, post_of, snapshot
from zip_support import overstate_compressed_size, patch_entry

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import DB_FILENAME, Storage
from sp_desktop.core.sync.bundle import (
    MANIFEST_NAME,
    BundleProblem,
    UnknownBundleKey,
    import_bundle,
    write_bundle,
)
from sp_desktop.core.trust.signing import Signer, sign_manifest

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2
BOMB_SIZE = 50 * 1024 * 1024

# -- the receiving database, byte for byte ----------------------------------------------------


def checkpoint(storage: Storage, key: bytes) -> None:
    """Move everything in the WAL into the main file and empty the WAL (TRUNCATE)."""
    conn = keyed_connection(storage.path, key)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    assert busy == 0


def file_digests(storage: Storage) -> dict[str, str]:
    """SHA-256 of the database file and of its WAL (if there is one)."""
    wal = storage.path.with_name(storage.path.name + "-wal")
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (storage.path, wal)
        if path.exists()
    }


@dataclass
class Before:
    """What a receiver held before an import, to prove a refused import changed nothing."""

    storage: Storage
    records: dict[str, Any]
    files: dict[str, str]
    keys: list[str]

    @staticmethod
    def take(storage: Storage, key: bytes) -> Before:
        records = snapshot(storage)  # may write (sync_commit), so before the checkpoint
        keys = [k.key.key_id for k in storage.trusted_keys()]
        checkpoint(storage, key)
        return Before(storage, records, file_digests(storage), keys)

    def unchanged(self) -> None:
        # Files first: nothing may have been written, not even to the WAL.
        assert file_digests(self.storage) == self.files
        assert snapshot(self.storage) == self.records
        assert [k.key.key_id for k in self.storage.trusted_keys()] == self.keys


def check_message(error: UserFacingError) -> None:
    """Plain Indonesian for the person at the PC; never a NIK or No KK, never Python."""
    text = str(error)
    assert error.message
    assert not re.search(r"\d{16}", text), text
    assert re.search(r"\b(paket|berkas|data|tidak|isi|kunci)\b", text, re.IGNORECASE), text
    english = r"\b(the|is|not|file|error|invalid|bad|failed|expected|traceback|none)\b"
    assert not re.search(english, text, re.IGNORECASE), text


# -- rewriting bundles ------------------------------------------------------------------------


def read_bundle(path: Path) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every member except the manifest (in zip order), and the parsed manifest."""
    with zipfile.ZipFile(path) as archive:
        members = {
            info.filename: archive.read(info)
            for info in archive.infolist()
            if info.filename != MANIFEST_NAME
        }
        manifest = json.loads(archive.read(MANIFEST_NAME))
    return members, manifest


def write_zip(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return path


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode()


def parts_of(members: dict[str, bytes]) -> list[dict[str, Any]]:
    return [
        {
            "nama": name,
            "ukuran": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "jumlah": data.count(b"\n") if name.startswith("data/") else 1,
        }
        for name, data in members.items()
    ]


def resigned(
    members: dict[str, bytes],
    manifest: dict[str, Any],
    signer: Signer,
    edit_body: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """The manifest with its parts re-hashed from `members`, signed by `signer`."""
    body = copy.deepcopy(manifest["isi"])
    body["bagian"] = parts_of(members)
    if edit_body is not None:
        edit_body(body)
    return sign_manifest(body, signer)


def rebuild(path: Path, members: dict[str, bytes], manifest: dict[str, Any] | bytes) -> Path:
    raw = manifest if isinstance(manifest, bytes) else manifest_bytes(manifest)
    return write_zip(path, [*members.items(), (MANIFEST_NAME, raw)])


def documents(members: dict[str, bytes], kind: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in members[f"data/{kind}.jsonl"].splitlines()]


def put_documents(members: dict[str, bytes], kind: str, docs: list[Any]) -> None:
    members[f"data/{kind}.jsonl"] = b"".join(
        json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for d in docs
    )


@cache
def zeros_sha256(size: int) -> str:
    digest = hashlib.sha256()
    chunk = bytes(1024 * 1024)
    for start in range(0, size, len(chunk)):
        digest.update(chunk[: min(len(chunk), size - start)])
    return digest.hexdigest()


def add_zeros(path: Path, name: str, size: int) -> None:
    """Append a member of `size` zero bytes (deflates about 1000:1), written in pieces."""
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w") as member,
    ):
        for start in range(0, size, len(chunk)):
            member.write(chunk[: min(len(chunk), size - start)])


# -- two real offices -------------------------------------------------------------------------


@dataclass
class World:
    sender: Installation
    receiver: Installation
    good: Path  # a genuine bundle of everything the sender has
    folder: Path
    households: list[str] = field(default_factory=list)

    @property
    def signer(self) -> Signer:
        return self.sender.storage.signer()

    @property
    def fingerprint(self) -> str:
        return self.sender.storage.own_public_key().fingerprint

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.sppaket"

    def refused(
        self,
        bundle: Path,
        reason: str | None,
        *,
        error: type[UserFacingError] = BundleProblem,
        trust: str | None = None,
    ) -> UserFacingError:
        """Import `bundle` (trusting the sender's fingerprint unless told otherwise): it must
        fail with `error` (and `reason`), leave the database byte for byte as it was, and
        say why in Indonesian."""
        storage = self.receiver.storage
        before = Before.take(storage, self.receiver.data_key)
        with pytest.raises(error) as caught:
            import_bundle(
                storage, bundle, trust_fingerprint=self.fingerprint if trust is None else trust
            )
        before.unchanged()
        if reason is not None:
            assert isinstance(caught.value, BundleProblem)
            assert caught.value.reason == reason, caught.value
        check_message(caught.value)
        return caught.value


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with offices(tmp_path, "pengirim", "penerima") as (sender, receiver):
        store = sender.storage
        first = store.save_household(make_household(1))
        second = store.save_household(make_household(2, name="Lalu Muhammad Zaini"))
        visit = store.add_visit(make_visit(first, admin_of(store), post_of(store)))
        store.attach_proof(visit.id, "bukti.png", PNG)
        good = tmp_path / "baik.sppaket"
        write_bundle(store, good, since_last_export=False)
        yield World(sender, receiver, good, tmp_path, [first.id, second.id])


# -- not a bundle at all ----------------------------------------------------------------------


@pytest.mark.parametrize("cut", [1, 4, 29, 200, 0.25, 0.5, 0.75, -100, -23, -22, -1])
def test_a_truncated_bundle_is_refused(world: World, cut: float) -> None:
    data = world.good.read_bytes()
    at = int(len(data) * cut) if isinstance(cut, float) else cut % len(data)
    bundle = world.path("terpotong")
    bundle.write_bytes(data[:at])
    world.refused(bundle, "rusak")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"Ini bukan paket data, hanya catatan.\n" * 20,
        random.Random(1).randbytes(4096),
        b"PK\x03\x04" + random.Random(2).randbytes(4096),
        b"PK\x05\x06" + bytes(18),  # an empty zip
    ],
    ids=["kosong", "teks", "acak", "acak-berawalan-zip", "zip-kosong"],
)
def test_something_that_is_not_a_bundle_is_refused(world: World, content: bytes) -> None:
    bundle = world.path("bukan")
    bundle.write_bytes(content)
    world.refused(bundle, "rusak")


def test_a_missing_file_is_named(world: World) -> None:
    world.refused(world.path("tidak-ada"), "tidak_ada")


def test_another_zip_is_refused(world: World) -> None:
    bundle = write_zip(world.path("lain"), [("word/document.xml", b"<w:document/>")])
    world.refused(bundle, "rusak")


# -- the manifest and its signature -----------------------------------------------------------


def test_a_bundle_without_manifest_is_refused(world: World) -> None:
    members, _ = read_bundle(world.good)
    world.refused(write_zip(world.path("tanpa-manifes"), list(members.items())), "rusak")


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"bukan json",
        b"[1, 2, 3]",
        b'"isi"',
        b'{"isi": {}}',
        b'{"isi": [], "tanda_tangan": {}}',
        b"\xff\xfe\x00 rusak",
        # Nested absurdly deep (yet small enough to pass the inflation-ratio check).
        b"[" * 20_000 + b"]" * 20_000,
        b'{"a":' * 8_000 + b"1" + b"}" * 8_000,
    ],
    ids=["kosong", "teks", "daftar", "string", "tanpa-tanda-tangan", "isi-daftar", "biner",
         "bersarang-daftar", "bersarang-objek"],
)  # fmt: skip
def test_a_manifest_that_is_not_json_is_refused(world: World, raw: bytes) -> None:
    members, _ = read_bundle(world.good)
    world.refused(rebuild(world.path("manifes"), members, raw), "rusak")


def test_a_missing_signature_is_refused(world: World) -> None:
    members, manifest = read_bundle(world.good)
    del manifest["tanda_tangan"]
    world.refused(rebuild(world.path("tanpa-tt"), members, manifest), "rusak")


@pytest.mark.parametrize("field_name", ["kunci_publik", "nilai", "id_kunci"])
def test_a_signature_field_that_is_not_base64_is_refused(world: World, field_name: str) -> None:
    members, manifest = read_bundle(world.good)
    manifest["tanda_tangan"][field_name] = "bukan base64!"
    world.refused(rebuild(world.path("tt-rusak"), members, manifest), "rusak")


def test_an_altered_signature_is_refused(world: World) -> None:
    members, manifest = read_bundle(world.good)
    value = bytearray(base64.b64decode(manifest["tanda_tangan"]["nilai"]))
    value[10] ^= 0x01
    manifest["tanda_tangan"]["nilai"] = base64.b64encode(bytes(value)).decode()
    world.refused(rebuild(world.path("tt-diubah"), members, manifest), "tanda_tangan_salah")


@pytest.mark.parametrize(
    "edit",
    [
        lambda body: body["jumlah"].update(rumah_tangga=99),
        lambda body: body.update(kantor="Kantor Gubernur"),
        lambda body: body["bagian"].pop(),
        lambda body: body["bagian"][0].update(ukuran=1),
    ],
    ids=["jumlah", "kantor", "bagian-hilang", "ukuran"],
)
def test_a_manifest_altered_after_signing_is_refused(
    world: World, edit: Callable[[dict[str, Any]], None]
) -> None:
    members, manifest = read_bundle(world.good)
    edit(manifest["isi"])
    world.refused(rebuild(world.path("manifes-diubah"), members, manifest), "tanda_tangan_salah")


def test_a_record_altered_after_signing_is_refused(world: World) -> None:
    members, manifest = read_bundle(world.good)
    data = members["data/rumah_tangga.jsonl"]
    members["data/rumah_tangga.jsonl"] = data.replace(b"Baiq Nurul Hakim", b"Baiq Nurul Hakam")
    assert members["data/rumah_tangga.jsonl"] != data
    world.refused(rebuild(world.path("rekaman-diubah"), members, manifest), "isi_berubah")


def test_a_record_re_signed_by_an_unknown_key_is_refused(world: World) -> None:
    members, manifest = read_bundle(world.good)
    docs = documents(members, "rumah_tangga")
    docs[0]["members"] = 40
    put_documents(members, "rumah_tangga", docs)
    stranger = Signer(Signer.new_private_key(), office="Kantor Palsu")
    bundle = rebuild(world.path("orang-asing"), members, resigned(members, manifest, stranger))
    for trust in ("", world.fingerprint):  # not even with the real sender's fingerprint
        problem = world.refused(bundle, "kunci_tidak_dikenal", error=UnknownBundleKey, trust=trust)
        assert stranger.fingerprint in problem.message
        assert world.fingerprint not in problem.message


def test_a_newer_format_is_refused(world: World) -> None:
    members, manifest = read_bundle(world.good)

    def newer(body: dict[str, Any]) -> None:
        body["versi_format"] = sync_docs.SYNC_FORMAT + 1

    bundle = rebuild(world.path("baru"), members, resigned(members, manifest, world.signer, newer))
    problem = world.refused(bundle, "versi_baru")
    assert "versi" in problem.message


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda body: body.update(format="paket-lain"), "rusak"),
        (lambda body: body.update(versi_format="1"), "rusak"),
        (lambda body: body.update(versi_format=True), "rusak"),
        (lambda body: body.update(bagian="semua"), "rusak"),
        (lambda body: body["bagian"].append(body["bagian"][0]), "rusak"),
        (lambda body: body["bagian"][0].update(nama="data/rahasia.jsonl"), "rusak"),
        (lambda body: body["bagian"][0].update(nama="../data/petugas.jsonl"), "rusak"),
        (lambda body: body["bagian"][0].update(ukuran=-1), "terlalu_besar"),
        (lambda body: body["bagian"][0].update(ukuran=2**40), "terlalu_besar"),
        (lambda body: body["bagian"][0].update(ukuran=1.5), "rusak"),
        (lambda body: body["bagian"][0].pop("sha256"), "rusak"),
        (lambda body: body["bagian"][0].update(sha256="0" * 64), "isi_berubah"),
        (lambda body: body["bagian"][0].update(ukuran=body["bagian"][0]["ukuran"] + 1),
         "isi_berubah"),
        (lambda body: body["bagian"][0].update(ukuran=body["bagian"][0]["ukuran"] - 1),
         "terlalu_besar"),
    ],
    ids=["format", "versi-teks", "versi-bool", "bagian-teks", "bagian-ganda", "jenis-asing",
         "bagian-jalur", "ukuran-negatif", "ukuran-raksasa", "ukuran-pecahan", "tanpa-sha",
         "sha-salah", "ukuran-lebih", "ukuran-kurang"],
)  # fmt: skip
def test_a_signed_but_wrong_manifest_is_refused(
    world: World, edit: Callable[[dict[str, Any]], None], reason: str
) -> None:
    members, manifest = read_bundle(world.good)
    bundle = rebuild(world.path("aneh"), members, resigned(members, manifest, world.signer, edit))
    world.refused(bundle, reason)


# -- the zip's entries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../evil", "/abs", "a\\b", "data/../../evil", "berkas/../../../etc/passwd", "\\abs"],
)
def test_an_entry_that_leaves_its_folder_is_refused(world: World, name: str) -> None:
    members, manifest = read_bundle(world.good)
    entries = [*members.items(), (name, b"jahat"), (MANIFEST_NAME, manifest_bytes(manifest))]
    world.refused(write_zip(world.path("jalur"), entries), "jalur_berbahaya")


@pytest.mark.parametrize("name", ["data/rumah_tangga.jsonl", MANIFEST_NAME])
def test_a_duplicate_entry_is_refused(world: World, name: str) -> None:
    members, manifest = read_bundle(world.good)
    raw = manifest_bytes(manifest)
    entries = [*members.items(), (MANIFEST_NAME, raw), (name, members.get(name, raw))]
    world.refused(write_zip(world.path("ganda"), entries), "nama_ganda")


@pytest.mark.parametrize("name", ["data/bonus.jsonl", "berkas/" + "ab" * 32, "catatan.txt"])
def test_an_unlisted_entry_is_refused(world: World, name: str) -> None:
    members, manifest = read_bundle(world.good)
    members[name] = b'{"_id": "rumah_tangga:x"}\n'
    world.refused(rebuild(world.path("asing"), members, manifest), "berkas_asing")


@pytest.mark.parametrize("name", ["data/rumah_tangga.jsonl", "berkas/"])
def test_a_listed_part_that_is_missing_is_refused(world: World, name: str) -> None:
    members, manifest = read_bundle(world.good)
    gone = next(n for n in members if n.startswith(name))
    del members[gone]
    world.refused(rebuild(world.path("hilang"), members, manifest), "isi_berubah")


# -- zip bombs and lying headers --------------------------------------------------------------


def refused_quickly(world: World, bundle: Path, reason: str) -> None:
    started = time.perf_counter()
    tracemalloc.start()
    try:
        world.refused(bundle, reason)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5  # the checks themselves (sqlite, hashes) included
    assert peak < 20 * 1024 * 1024, peak


def test_a_honestly_listed_zip_bomb_is_refused_without_inflating_it(world: World) -> None:
    """50 MB of zeros (about 50 kB deflated), listed with its true size and hash in a
    manifest the trusted sender signed."""
    members, manifest = read_bundle(world.good)
    name = f"berkas/{zeros_sha256(BOMB_SIZE)}"
    bundle = write_zip(world.path("bom"), list(members.items()))
    add_zeros(bundle, name, BOMB_SIZE)
    parts = [
        *parts_of(members),
        {"nama": name, "ukuran": BOMB_SIZE, "sha256": zeros_sha256(BOMB_SIZE), "jumlah": 1},
    ]
    body = {**manifest["isi"], "bagian": parts}
    with zipfile.ZipFile(bundle, "a") as archive:
        archive.writestr(MANIFEST_NAME, manifest_bytes(sign_manifest(body, world.signer)))
    assert bundle.stat().st_size < 1024 * 1024
    refused_quickly(world, bundle, "terlalu_besar")


def test_a_zip_bomb_manifest_is_refused_without_inflating_it(world: World) -> None:
    members, _ = read_bundle(world.good)
    bundle = write_zip(world.path("bom-manifes"), list(members.items()))
    add_zeros(bundle, MANIFEST_NAME, BOMB_SIZE)
    refused_quickly(world, bundle, "terlalu_besar")


def test_a_member_inflating_beyond_its_header_is_refused(world: World) -> None:
    """The header says 1000 bytes; the deflate stream holds 50 MB of zeros."""
    members, manifest = read_bundle(world.good)
    name = f"berkas/{zeros_sha256(1000)}"
    bundle = write_zip(world.path("bohong"), list(members.items()))
    add_zeros(bundle, name, BOMB_SIZE)
    members[name] = bytes(1000)  # what the header claims: listed honestly in the manifest
    with zipfile.ZipFile(bundle, "a") as archive:
        raw = manifest_bytes(resigned(members, manifest, world.signer))
        archive.writestr(MANIFEST_NAME, raw)
    patch_entry(bundle, name, usize=1000)
    refused_quickly(world, bundle, "rusak")  # the CRC no longer fits: a damaged zip


def test_a_header_claiming_more_than_the_manifest_is_refused(world: World) -> None:
    bundle = world.path("bohong-besar")
    shutil.copy(world.good, bundle)
    patch_entry(bundle, "data/rumah_tangga.jsonl", usize=BOMB_SIZE)
    refused_quickly(world, bundle, "terlalu_besar")


def test_a_manifest_header_claiming_too_much_is_refused(world: World) -> None:
    bundle = world.path("bohong-manifes")
    shutil.copy(world.good, bundle)
    patch_entry(bundle, MANIFEST_NAME, usize=BOMB_SIZE)
    refused_quickly(world, bundle, "terlalu_besar")


@pytest.mark.parametrize(
    "values",
    [
        {"method": 0},  # stored: the deflated bytes are read as they are
        {"method": 12},  # bzip2
        {"method": 14},  # LZMA
        {"method": 99},  # AES, which we do not read
        {"crc": 0},
        {"csize": 3},
        {"usize": 0},
    ],
    ids=["stored", "bzip2", "lzma", "aes", "crc", "csize-kecil", "usize-nol"],
)
@pytest.mark.parametrize("name", ["data/rumah_tangga.jsonl", MANIFEST_NAME])
def test_a_header_that_lies_about_a_member_is_refused(
    world: World, name: str, values: dict[str, int]
) -> None:
    bundle = world.path("header")
    shutil.copy(world.good, bundle)
    patch_entry(bundle, name, **values)
    problem = world.refused(bundle, None)
    assert isinstance(problem, BundleProblem)
    assert problem.reason in {"rusak", "isi_berubah", "terlalu_besar"}


@pytest.mark.parametrize("overstated_by", [1, 4096, None], ids=["1-bita", "4-KiB", "0xFFFFFFFF"])
@pytest.mark.parametrize("name", ["data/rumah_tangga.jsonl", MANIFEST_NAME])
def test_a_header_overstating_the_compressed_size_is_refused_as_damaged(
    world: World, name: str, overstated_by: int | None
) -> None:
    """A compressed size that reaches into the next member (or the central directory) is a
    header that lies. Whether zipfile reads past it depends on the Python build (Debian
    12's 3.11.2 carries the CVE-2024-0450 fix and refused it, 3.11.7 read on);
    sp_desktop.core.base.zip_reading checks the members' extents itself, so every Python answers
    the same: damaged, nothing stored."""
    bundle = world.path("csize")
    shutil.copy(world.good, bundle)
    overstate_compressed_size(bundle, name, overstated_by)
    world.refused(bundle, "rusak")


def test_a_member_with_broken_lzma_data_is_refused(world: World) -> None:
    """zipfile reads LZMA members itself; invalid LZMA properties raise lzma.LZMAError,
    which is not an OSError (this escaped the reader once)."""
    members, _ = read_bundle(world.good)
    bundle = write_zip(world.path("lzma"), list(members.items()))
    with zipfile.ZipFile(bundle, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr(MANIFEST_NAME, b"\x09\x14\x05\x00" + b"\xff" * 5 + b"sisa" * 20)
    patch_entry(bundle, MANIFEST_NAME, method=zipfile.ZIP_LZMA)
    world.refused(bundle, "rusak")


@pytest.mark.parametrize(
    "flags",
    [0x1, 0x20, 0x40],
    ids=["bersandi", "tambalan", "sandi-kuat"],  # encrypted, patched data, strong encryption
)
@pytest.mark.parametrize("name", ["data/rumah_tangga.jsonl", MANIFEST_NAME])
def test_a_member_we_cannot_read_is_refused(world: World, name: str, flags: int) -> None:
    bundle = world.path("sandi")
    shutil.copy(world.good, bundle)
    patch_entry(bundle, name, flags=flags)
    world.refused(bundle, "rusak")


# -- proof files ------------------------------------------------------------------------------


def test_a_proof_file_that_does_not_match_its_record_is_refused(world: World) -> None:
    members, manifest = read_bundle(world.good)
    name = next(n for n in members if n.startswith("berkas/"))
    members[name] = PNG[:-1] + b"\x00"  # same size, other bytes; listed honestly
    bundle = rebuild(world.path("bukti"), members, resigned(members, manifest, world.signer))
    world.refused(bundle, "isi_berubah")


def test_a_proof_file_altered_after_signing_is_refused(world: World) -> None:
    members, manifest = read_bundle(world.good)
    name = next(n for n in members if n.startswith("berkas/"))
    members[name] = PNG[:-1] + b"\x00"
    world.refused(rebuild(world.path("bukti-diubah"), members, manifest), "isi_berubah")


def test_a_proof_record_pointing_at_a_missing_file_is_refused(world: World) -> None:
    members, manifest = read_bundle(world.good)
    name = next(n for n in members if n.startswith("berkas/"))
    del members[name]
    bundle = rebuild(world.path("bukti-hilang"), members, resigned(members, manifest, world.signer))
    world.refused(bundle, None, error=sync_docs.DocumentProblem)


# -- records signed by a trusted sender but invalid: all or nothing ---------------------------


def _bad_members(doc: dict[str, Any]) -> None:
    doc["members"] = "empat"


def _bad_outcome(doc: dict[str, Any]) -> None:
    doc["outcome"] = "menang"


def _bad_rev(doc: dict[str, Any]) -> None:
    doc["_rev"] = "1-bukanrevisi"


def _bad_history(doc: dict[str, Any]) -> None:
    doc["_revisions"] = {"start": 1, "ids": ["0" * 32]}


def _bad_id(doc: dict[str, Any]) -> None:
    doc["_id"] = "rumah_tangga:../../x"


def _bad_kind(doc: dict[str, Any]) -> None:
    doc["jenis"] = "petugas"


def _bad_nul(doc: dict[str, Any]) -> None:
    doc["address"] = "Jl. Saleh\x00Sungkar"


def _bad_size(doc: dict[str, Any]) -> None:
    doc["size"] = doc["size"] + 1


@pytest.mark.parametrize(
    ("kind", "edit"),
    [
        ("rumah_tangga", _bad_members),
        ("kunjungan", _bad_outcome),
        ("rumah_tangga", _bad_rev),
        ("rumah_tangga", _bad_history),
        ("rumah_tangga", _bad_id),
        ("rumah_tangga", _bad_kind),
        ("rumah_tangga", _bad_nul),
        ("bukti", _bad_size),
    ],
)
def test_an_invalid_record_signed_by_the_sender_refuses_the_whole_bundle(
    world: World, kind: str, edit: Callable[[dict[str, Any]], None]
) -> None:
    members, manifest = read_bundle(world.good)
    # A valid household, new to the receiver, comes first in the bundle: all or nothing.
    valid, second = (f"rumah_tangga:{h}" for h in world.households)
    households = sorted(documents(members, "rumah_tangga"), key=lambda d: d["_id"] != valid)
    put_documents(members, "rumah_tangga", households)
    docs = documents(members, kind)
    target = docs[-1]  # the second household, or the (only) visit or proof record
    assert kind != "rumah_tangga" or target["_id"] == second
    edit(target)
    put_documents(members, kind, docs)
    assert documents(members, "rumah_tangga")[0]["_id"] == valid
    bundle = rebuild(world.path("tidak-sah"), members, resigned(members, manifest, world.signer))
    # Trusted during this import (rolled back with it) ...
    world.refused(bundle, None, error=sync_docs.DocumentProblem)
    assert world.receiver.storage.key_ring().get(world.signer.key_id) is None
    # ... and already trusted before it.
    world.receiver.storage.trust_key(world.sender.storage.own_public_key())
    world.refused(bundle, None, error=sync_docs.DocumentProblem, trust="")
    assert not any(
        doc_id.startswith("rumah_tangga:") for doc_id, _ in snapshot(world.receiver.storage)
    )


# -- good bundles: twice, and from oneself ----------------------------------------------------


def test_the_same_bundle_twice_changes_nothing_the_second_time(world: World) -> None:
    receiver = world.receiver.storage
    first = import_bundle(receiver, world.good, trust_fingerprint=world.fingerprint)
    assert first.summary.added["rumah_tangga"] == 2
    before = Before.take(receiver, world.receiver.data_key)
    for trust in ("", world.fingerprint):
        again = import_bundle(receiver, world.good, trust_fingerprint=trust)
        assert again.already_imported_at and not again.trusted_now
        assert again.summary == sync_docs.ApplySummary.empty()
        before.unchanged()
    # The same records under a newly signed manifest: applied, and nothing changes.
    members, manifest = read_bundle(world.good)

    def later(body: dict[str, Any]) -> None:
        body["dibuat"] = "2030-01-01T00:00:00.000000Z"

    bundle = rebuild(world.path("ulang"), members, resigned(members, manifest, world.signer, later))
    records = snapshot(receiver)
    repeat = import_bundle(receiver, bundle)
    assert not repeat.already_imported_at and not repeat.summary.changed
    assert repeat.summary.unchanged == sum(manifest["isi"]["jumlah"].values())
    assert snapshot(receiver) == records


def test_a_bundle_from_this_installation_itself_is_refused(world: World) -> None:
    receiver = world.receiver
    receiver.storage.save_household(make_household(3, name="Inaq Rahmah"))
    own = world.path("sendiri")
    write_bundle(receiver.storage, own, since_last_export=False)
    problem = world.refused(
        own, "paket_sendiri", trust=receiver.storage.own_public_key().fingerprint
    )
    assert "sendiri" in problem.message


# -- fuzzing ----------------------------------------------------------------------------------


class Receiver:
    """A receiving database that can be put back as it was after an import succeeded."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.key = world.receiver.data_key
        checkpoint(world.receiver.storage, self.key)
        self.pristine = world.folder / "penerima-asli.sqlite3"
        shutil.copy(world.receiver.storage.path, self.pristine)
        self.copies = 0
        self.outcomes: Counter[str] = Counter()  # reason (or error class) -> examples
        self.storage: Storage | None = None
        self.before: Before | None = None

    def fresh(self) -> tuple[Storage, Before]:
        if self.storage is None or self.before is None:
            self.close()
            self.copies += 1
            folder = self.world.folder / f"penerima-{self.copies}"
            folder.mkdir()
            shutil.copy(self.pristine, folder / DB_FILENAME)
            self.storage = reopen(folder, self.key)
            self.before = Before.take(self.storage, self.key)
        return self.storage, self.before

    def changed(self) -> None:
        """The last import succeeded: use a fresh copy for the next one."""
        self.close()

    def close(self) -> None:
        if self.storage is not None:
            self.storage.close()
        self.storage = self.before = None

    def attempt(self, bundle: Path) -> None:
        """Import: success, or a UserFacingError that changed nothing. Nothing else."""
        storage, before = self.fresh()
        try:
            import_bundle(storage, bundle, trust_fingerprint=self.world.fingerprint)
        except UserFacingError as exc:
            before.unchanged()
            check_message(exc)
            self.outcomes[getattr(exc, "reason", type(exc).__name__)] += 1
        else:
            self.outcomes["diimpor"] += 1
            self.changed()


@pytest.fixture
def receiver(world: World) -> Iterator[Receiver]:
    made = Receiver(world)
    try:
        yield made
    finally:
        made.close()


FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_fuzz_damaged_bytes(world: World, receiver: Receiver) -> None:
    data = world.good.read_bytes()
    size = len(data)
    flips = st.lists(
        st.tuples(st.integers(0, size - 1), st.integers(1, 255)), min_size=1, max_size=8
    )
    mutation = st.one_of(
        st.tuples(st.just("flip"), flips),
        st.tuples(st.just("cut"), st.integers(0, size - 1)),
        st.tuples(st.just("insert"), st.integers(0, size), st.binary(min_size=1, max_size=64)),
        st.tuples(st.just("delete"), st.integers(0, size - 1), st.integers(1, 64)),
    )
    counter = iter(range(10**6))

    @FUZZ
    @given(st.lists(mutation, min_size=1, max_size=3))
    def run(mutations: list[tuple[Any, ...]]) -> None:
        damaged = bytearray(data)
        for op, *args in mutations:
            if op == "flip":
                for offset, mask in args[0]:
                    if offset < len(damaged):
                        damaged[offset] ^= mask
            elif op == "cut":
                del damaged[args[0] :]
            elif op == "insert":
                damaged[args[0] : args[0]] = args[1]
            else:
                del damaged[args[0] : args[0] + args[1]]
        bundle = world.path(f"acak-{next(counter)}")
        bundle.write_bytes(bytes(damaged))
        receiver.attempt(bundle)
        bundle.unlink()

    run()
    assert receiver.outcomes["rusak"] > 100, receiver.outcomes


INTERESTING_TEXT = [
    "",
    "berhasil",
    "gagal",
    "belum",
    "menang",
    "1-" + "0" * 32,
    "2-" + "f" * 32,
    "0-" + "0" * 32,
    "1-xyz",
    "rumah_tangga:x",
    "petugas:",
    "x" * 5000,
    "a\x00b",
    "../../etc",
    "5271010306150001",
    "0" * 64,
    "2020-03-10T09:30:00.000000Z",
    "52.71.01.1004",
    "tidak_punya_android",
]
VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**64), 2**64),
        st.floats(),
        st.text(max_size=20),
        st.sampled_from(INTERESTING_TEXT),
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
EXTRA_KEYS = ["_deleted", "_revisions", "_rev", "_id", "_attachments", sync_docs.MERGED_INTO]


def test_fuzz_re_signed_records(world: World, receiver: Receiver) -> None:
    """Records mutated, then re-hashed and re-signed by the trusted sender: the signature
    passes, so what is fuzzed is every check after it."""
    members, manifest = read_bundle(world.good)
    signer = world.signer
    data_names = sorted(n for n in members if n.startswith("data/"))
    ids = [json.loads(line)["_id"] for name in data_names for line in members[name].splitlines()]
    counter = iter(range(10**6))

    record_ids = [i.split(":", 1)[1] for i in ids]
    anything = VALUES | st.sampled_from(ids + record_ids + INTERESTING_TEXT)
    # Mostly edits that keep the line a JSON object, so the record checks are what is fuzzed.
    line_ops = ["set"] * 6 + ["revise"] * 3 + ["del", "raw", "drop", "dup", "bytes"]

    def mutate_line(draw: Any, line: bytes) -> list[bytes]:
        op = draw(st.sampled_from(line_ops)) if line else "raw"
        if op == "drop":
            return []
        if op == "dup":
            return [line, line]
        if op == "raw":
            return [draw(st.binary(max_size=80))]
        if op == "bytes":
            at = draw(st.integers(0, len(line) - 1))
            return [line[:at] + draw(st.binary(min_size=1, max_size=4)) + line[at + 1 :]]
        try:
            doc = json.loads(line)
            assert isinstance(doc, dict)
        except (ValueError, AssertionError):  # a line an earlier edit already broke
            return [line + draw(st.binary(min_size=1, max_size=4))]
        if op == "revise":  # a well-formed later revision: an edit, a deletion or a merge
            try:
                history = [*doc["_revisions"]["ids"]]
                start = int(doc["_revisions"]["start"])
            except (KeyError, TypeError, ValueError):
                history, start = [], 0
            new = draw(st.sampled_from(["f" * 32, "0" * 32, "8" * 32]))
            doc["_rev"] = f"{start + 1}-{new}"
            doc["_revisions"] = {"start": start + 1, "ids": [new, *history]}
            if draw(st.booleans()):
                doc["_deleted"] = True
                if draw(st.booleans()):
                    doc[sync_docs.MERGED_INTO] = draw(st.sampled_from(record_ids))
        key = draw(st.sampled_from(sorted(doc) + EXTRA_KEYS))
        if op == "del":
            doc.pop(key, None)
        elif op == "set" or draw(st.booleans()):
            doc[key] = draw(anything)
        return [json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()]

    @FUZZ
    @given(st.data())
    def run(data: st.DataObject) -> None:
        draw = data.draw
        changed = dict(members)
        manifest_edits = 0
        for _ in range(draw(st.integers(1, 3), label="edits")):
            target = draw(st.sampled_from([*data_names, "berkas", "manifes", "pindah"]))
            if target == "berkas":
                name = next(n for n in changed if n.startswith("berkas/"))
                changed[name] = draw(st.sampled_from([b"", PNG[:-1], PNG + b"\x00"]))
            elif target == "pindah":  # a line into another kind's file
                source, into = draw(st.sampled_from(data_names)), draw(st.sampled_from(data_names))
                lines = changed[source].splitlines(keepends=True)
                if lines:
                    changed[into] = changed[into] + lines[0]
            elif target == "manifes":
                manifest_edits += 1  # made when signing, below
            else:
                lines = changed[target].splitlines()
                if not lines:
                    continue
                at = draw(st.integers(0, len(lines) - 1))
                lines[at : at + 1] = mutate_line(draw, lines[at])
                changed[target] = b"".join(line + b"\n" for line in lines)

        def edit_body(body: dict[str, Any]) -> None:
            for _ in range(manifest_edits):
                if draw(st.booleans()):
                    body[draw(st.sampled_from(sorted(body)))] = draw(VALUES)
                else:
                    part = draw(st.sampled_from(body["bagian"]))
                    part[draw(st.sampled_from(sorted(part)))] = draw(VALUES)

        signed = resigned(changed, manifest, signer, edit_body)
        bundle = rebuild(world.path(f"tanda-{next(counter)}"), changed, signed)
        receiver.attempt(bundle)
        bundle.unlink()

    run()
    # The signature passed often enough for the record checks to be what was fuzzed.
    assert receiver.outcomes["DocumentProblem"] >= 10, receiver.outcomes
    assert receiver.outcomes["diimpor"] >= 10, receiver.outcomes
