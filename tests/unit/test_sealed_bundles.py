"""Sealed bundles (issue 16 §3): a signed bundle encrypted whole with age to the offices
that may read it. The `age` command line tool is the independent check."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import pytest
from factories import make_household
from sync_support import offices, snapshot

from sp_desktop.core.storage import Storage
from sp_desktop.core.sync import sealing
from sp_desktop.core.sync.bundle import BundleProblem, import_bundle, write_bundle
from sp_desktop.core.trust.signing import (
    PublicKey,
    SignatureProblem,
    parse_public_key,
    public_key_file_bytes,
)

AGE = shutil.which("age") or ""
needs_age = pytest.mark.skipif(not AGE, reason="Debian's age is not installed")


def office_key(store: Storage) -> PublicKey:
    """What this office's .spkunci says (with its exchange key, signed by the office key)."""
    own = store.own_public_key()
    assert own.exchange == store.own_exchange_recipient() and own.exchange_signature
    return own


def sealed_files_left(folder: Path) -> list[Path]:
    return sorted(folder.glob(".sp-paket-buka-*"))


# -- the .spkunci file ----------------------------------------------------------------------


def test_a_public_key_file_carries_both_keys(tmp_path: Path) -> None:
    with offices(tmp_path, "a") as (a,):
        key = office_key(a.storage)
        assert key.exchange.startswith("age1")
        data = public_key_file_bytes(key)
        assert json.loads(data)["kunci_pertukaran"] == key.exchange
        assert parse_public_key(data) == key


def test_an_old_public_key_file_still_parses(tmp_path: Path) -> None:
    with offices(tmp_path, "a") as (a,):
        key = a.storage.own_public_key()
        # Written by a version before sealed bundles: no exchange key at all.
        old = {
            "format": "sp-desktop-kunci-publik",
            "versi": 1,
            "kantor": "Kantor a",
            "kelurahan": key.kelurahan_code,
            "id_kunci": key.key_id,
            "sidik": key.fingerprint,
            "kunci_publik": base64.b64encode(key.raw).decode(),
            "algoritma": "Ed25519",
        }
        parsed = parse_public_key(json.dumps(old, indent=2).encode())
        assert parsed.raw == key.raw and parsed.exchange == ""


def test_a_broken_exchange_key_is_refused(tmp_path: Path) -> None:
    with offices(tmp_path, "a") as (a,):
        data = json.loads(public_key_file_bytes(office_key(a.storage)))
        data["kunci_pertukaran"] = "age1bukankunci"
        with pytest.raises(SignatureProblem):
            parse_public_key(json.dumps(data))


def test_a_trusted_key_keeps_its_exchange_key_and_a_newer_file_updates_it(
    tmp_path: Path,
) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        key = office_key(a.storage)
        assert b.storage.trust_key(replace(key, exchange=""))  # an old .spkunci first
        stored = {t.key.key_id: t.key for t in b.storage.trusted_keys()}
        assert stored[key.key_id].exchange == ""
        assert b.storage.trust_key(key)  # the newer file brings the exchange key
        stored = {t.key.key_id: t.key for t in b.storage.trusted_keys()}
        assert stored[key.key_id].exchange == key.exchange
        # A QR text (no exchange key) does not clear it.
        assert not b.storage.trust_key(replace(key, exchange=""))
        stored = {t.key.key_id: t.key for t in b.storage.trusted_keys()}
        assert stored[key.key_id].exchange == key.exchange


# -- sealing and opening --------------------------------------------------------------------


def test_a_sealed_bundle_opens_only_for_its_recipients(tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b", "c") as (a, b, c):
        a.storage.save_household(make_household())
        witness = a.storage.audit_witness()  # as the bundle will carry it
        out = tmp_path / "kirim" / "a.sppaket"
        out.parent.mkdir()
        result = write_bundle(
            a.storage, out, since_last_export=False, recipients=[office_key(b.storage).exchange]
        )
        assert sealing.is_sealed(out)
        assert not zipfile.is_zipfile(out)
        # Sealed to b and to a itself.
        assert set(result.sealed_to) == {
            office_key(b.storage).exchange,
            a.storage.own_exchange_recipient(),
        }
        # c is not a recipient: the message says so, and c's data is unchanged.
        before = snapshot(c.storage)
        with pytest.raises(sealing.SealProblem) as caught:
            import_bundle(c.storage, out, trust_fingerprint=a.storage.own_public_key().fingerprint)
        assert caught.value.reason == "segel_kantor_lain"
        assert "disegel untuk kantor lain" in caught.value.message
        assert c.storage.own_public_key().fingerprint in caught.value.hint
        assert snapshot(c.storage) == before
        assert c.storage.key_ring().get(a.storage.own_public_key().key_id) is None
        assert sealed_files_left(out.parent) == []
        # b opens it; the signature inside still names a.
        imported = import_bundle(
            b.storage, out, trust_fingerprint=a.storage.own_public_key().fingerprint
        )
        assert imported.summary.added["rumah_tangga"] == 1
        assert imported.sender_key.key_id == a.storage.own_public_key().key_id
        assert sealed_files_left(out.parent) == []
        assert sealed_files_left(b.data_dir) == []
        # The sender's signed audit witness rides along and stays in b's trail (§2).
        assert witness is not None
        imports = [e for e in b.storage.audit_entries(action="impor") if e.entity == "data"]
        assert f"saksi jejak audit {witness.short()}" in imports[0].details["sumber"]


@needs_age
def test_age_opens_a_bundle_the_app_sealed(tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        a.storage.save_household(make_household())
        out = tmp_path / "a.sppaket"
        write_bundle(
            a.storage, out, since_last_export=False, recipients=[office_key(b.storage).exchange]
        )
        identity = tmp_path / "identity.txt"
        identity.write_text(b.storage.exchange_identities()[0] + "\n")
        clear = tmp_path / "clear.zip"
        subprocess.run([AGE, "-d", "-i", str(identity), "-o", str(clear), str(out)], check=True)
        with zipfile.ZipFile(clear) as archive:
            manifest = json.loads(archive.read("manifest.json"))
        assert manifest["isi"]["kantor"] == "Kantor a"
        assert manifest["isi"]["jumlah"]["rumah_tangga"] == 1
        # A stranger's identity does not open it.
        stranger = tmp_path / "stranger.txt"
        subprocess.run([AGE + "-keygen", "-o", str(stranger)], check=True, capture_output=True)
        refused = subprocess.run(
            [AGE, "-d", "-i", str(stranger), str(out)], capture_output=True, check=False
        )
        assert refused.returncode != 0


@needs_age
def test_a_bundle_sealed_by_age_imports(tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        a.storage.save_household(make_household())
        clear = tmp_path / "clear.sppaket"
        write_bundle(a.storage, clear, since_last_export=False)
        sealed = tmp_path / "sealed.sppaket"
        recipient = office_key(b.storage).exchange
        subprocess.run([AGE, "-r", recipient, "-o", str(sealed), str(clear)], check=True)
        clear.unlink()
        imported = import_bundle(
            b.storage, sealed, trust_fingerprint=a.storage.own_public_key().fingerprint
        )
        assert imported.summary.added["rumah_tangga"] == 1
        assert sealed_files_left(tmp_path) == []


@pytest.mark.parametrize("where", ["header", "body", "end"])
def test_a_tampered_sealed_bundle_is_refused(tmp_path: Path, where: str) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        a.storage.save_household(make_household())
        out = tmp_path / "a.sppaket"
        write_bundle(
            a.storage, out, since_last_export=False, recipients=[office_key(b.storage).exchange]
        )
        data = bytearray(out.read_bytes())
        if where == "end":
            data = data[:-40]
        elif where == "header":
            # Byte 60 lies in the first stanza's ephemeral share ("-> X25519 " starts at
            # 22, the share's 43 base64 characters at 32): another valid base64 character
            # makes another share, never a line age cannot parse (a flipped bit could).
            assert bytes(data[22:32]) == b"-> X25519 "
            data[60] = ord("A") if data[60] != ord("A") else ord("B")
        else:
            data[len(data) - 200] ^= 0x01
        out.write_bytes(bytes(data))
        before = snapshot(b.storage)
        with pytest.raises((BundleProblem, sealing.SealProblem)) as caught:
            import_bundle(b.storage, out, trust_fingerprint=a.storage.own_public_key().fingerprint)
        # age cannot tell an altered recipient line from one for another office.
        expected = {"segel_kantor_lain"} if where == "header" else {"segel_rusak"}
        assert caught.value.reason in expected
        assert snapshot(b.storage) == before
        assert sealed_files_left(tmp_path) == []


def test_a_failing_writer_leaves_no_file(tmp_path: Path) -> None:
    with offices(tmp_path, "a") as (a,):
        out = tmp_path / "a.sppaket"

        def render(stream: IO[bytes]) -> None:
            stream.write(b"x" * 3_000_000)
            raise RuntimeError("disk gone")

        with pytest.raises(RuntimeError, match="disk gone"), open(out, "wb") as sink:
            sealing.seal_stream(render, sink, [a.storage.own_exchange_recipient()])


def test_a_bundle_is_not_sealed_to_a_bad_recipient(tmp_path: Path) -> None:
    with offices(tmp_path, "a") as (a,):
        a.storage.save_household(make_household())
        out = tmp_path / "a.sppaket"
        with pytest.raises(ValueError):
            write_bundle(a.storage, out, since_last_export=False, recipients=["age1salah"])
        assert not out.exists()


def test_a_large_stream_is_sealed_and_opened_in_pieces(tmp_path: Path) -> None:
    with offices(tmp_path, "a") as (a,):
        block = bytes(range(256)) * 4096  # 1 MiB
        digest = hashlib.sha256()

        def render(stream: IO[bytes]) -> None:
            for i in range(40):
                piece = block[i:] + block[:i]
                digest.update(piece)
                stream.write(piece)

        sealed = tmp_path / "besar.sppaket"
        with open(sealed, "wb") as sink:
            sealing.seal_stream(render, sink, [a.storage.own_exchange_recipient()])
        assert sealing.is_sealed(sealed)
        with sealing.opened(sealed, a.storage.exchange_identities()) as clear:
            assert clear.parent == tmp_path
            opened_digest = hashlib.sha256()
            with open(clear, "rb") as stream:
                while chunk := stream.read(1 << 20):
                    opened_digest.update(chunk)
        assert opened_digest.hexdigest() == digest.hexdigest()
        assert sealed_files_left(tmp_path) == []


def test_a_failing_output_stops_the_writer(tmp_path: Path) -> None:
    class Full(io.RawIOBase):
        written = 0

        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            self.written += len(data)
            if self.written > 2_000_000:
                raise OSError(28, "No space left on device")
            return len(data)

    with offices(tmp_path, "a") as (a,):

        def render(stream: IO[bytes]) -> None:
            for _ in range(100):
                stream.write(b"\0" * 1_000_000)

        with pytest.raises(OSError) as caught:
            sealing.seal_stream(render, Full(), [a.storage.own_exchange_recipient()])  # type: ignore[arg-type]
        assert caught.value.errno == 28  # the file writer names a full disk


def test_an_account_without_the_exchange_key_is_told(tmp_path: Path) -> None:
    with offices(tmp_path, "a") as (a,):
        sealed = tmp_path / "a.sppaket"
        with open(sealed, "wb") as sink:
            sealing.seal_stream(lambda s: s.write(b"x"), sink, [a.storage.own_exchange_recipient()])
        with pytest.raises(sealing.SealProblem) as caught, sealing.opened(sealed, []):
            pass
        assert caught.value.reason == "tanpa_kunci_pembuka"
