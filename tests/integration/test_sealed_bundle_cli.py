"""Sealed data bundles from the command line (issue 16 §3): real processes, real files.

`export bundle` seals to the offices named (by .spkunci or by trusted fingerprint) and to
the sender's own office; a clear bundle needs `--tanpa-segel`; a bundle sealed to other
offices is refused by a stranger with its data unchanged."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from cli_support import assert_one_line_no_traceback, demo, sp

AGE_MAGIC = b"age-encryption.org/v1\n"
ADMIN_ENV = {"SP_DESKTOP_USER": "198001012005031001"}
Folders = tuple[Path, Path, Path, Path]  # root, sender, receiver, stranger


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return sp("--data-dir", str(folder), *args, env=ADMIN_ENV)


def fingerprint_of(folder: Path) -> str:
    listed = run(folder, "key", "list")
    assert listed.returncode == 0, listed.stderr
    return listed.stdout.splitlines()[0].split("\t")[0]


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Folders:
    root = tmp_path_factory.mktemp("segel")
    sender, receiver, stranger = root / "pengirim", root / "penerima", root / "lain"
    demo(sender, households=12)
    demo(receiver, households=3)
    demo(stranger, households=3)
    return root, sender, receiver, stranger


def test_a_bundle_needs_a_recipient_or_an_explicit_clear_choice(three: Folders) -> None:
    root, sender, receiver, _stranger = three
    out = root / "tanpa-pilihan.sppaket"
    refused = run(sender, "export", "bundle", "--out", str(out))
    assert refused.returncode == 1
    assert "--recipient" in refused.stderr and "--tanpa-segel" in refused.stderr
    assert_one_line_no_traceback(refused)
    assert not out.exists()

    clear = root / "terbuka.sppaket"
    written = run(sender, "export", "bundle", "--all", "--out", str(clear), "--tanpa-segel")
    assert written.returncode == 0, written.stderr
    assert "TANPA segel" in written.stderr and "NIK dan No KK" in written.stderr
    assert zipfile.is_zipfile(clear)

    key = root / "penerima.spkunci"
    assert run(receiver, "key", "export", "--out", str(key)).returncode == 0
    both = run(
        sender, "export", "bundle", "--out", str(out), "--tanpa-segel", "--recipient", str(key)
    )
    assert both.returncode == 1 and "--tanpa-segel" in both.stderr
    assert not out.exists()
    # Recipients belong to bundles only.
    xlsx = run(sender, "export", "xlsx", "--out", str(root / "a.xlsx"), "--recipient", str(key))
    assert xlsx.returncode == 1 and "hanya untuk paket data" in xlsx.stderr


def test_a_sealed_bundle_opens_for_its_recipient_and_not_for_a_stranger(three: Folders) -> None:
    root, sender, receiver, stranger = three
    key = root / "penerima.spkunci"
    exported_key = run(receiver, "key", "export", "--out", str(key))
    assert exported_key.returncode == 0, exported_key.stderr
    assert json.loads(key.read_text())["kunci_pertukaran"].startswith("age1")

    out = root / "bersegel.sppaket"
    sealed = run(sender, "export", "bundle", "--all", "--out", str(out), "--recipient", str(key))
    assert sealed.returncode == 0, sealed.stderr
    assert "Disegel" in sealed.stdout and fingerprint_of(receiver) in sealed.stdout
    assert "12 rumah tangga" in sealed.stdout
    assert out.read_bytes().startswith(AGE_MAGIC)
    sender_fp = fingerprint_of(sender)

    # A stranger: told it is sealed for another office; nothing changes, no key trusted.
    stats_before = run(stranger, "stats").stdout
    keys_before = run(stranger, "key", "list").stdout
    refused = run(stranger, "import", "bundle", str(out), "--trust-key", sender_fp)
    assert refused.returncode == 1
    assert "disegel untuk kantor lain" in refused.stderr
    assert fingerprint_of(stranger) in refused.stderr  # what to send to the sender
    assert_one_line_no_traceback(refused)
    assert run(stranger, "stats").stdout == stats_before
    assert run(stranger, "key", "list").stdout == keys_before
    assert not list(root.glob(".sp-paket-buka-*"))

    # A damaged sealed file: refused, nothing changes.
    bad = root / "rusak.sppaket"
    data = bytearray(out.read_bytes())
    data[-500] ^= 0x20
    bad.write_bytes(bytes(data))
    receiver_before = run(receiver, "stats").stdout
    damaged = run(receiver, "import", "bundle", str(bad), "--trust-key", sender_fp)
    assert damaged.returncode == 1 and "rusak atau telah diubah" in damaged.stderr
    assert_one_line_no_traceback(damaged)
    assert run(receiver, "stats").stdout == receiver_before

    # The recipient opens it; the signature inside still names the sender.
    imported = run(receiver, "import", "bundle", str(out), "--trust-key", sender_fp)
    assert imported.returncode == 0, imported.stderr
    assert sender_fp in imported.stdout and "Ditambahkan:" in imported.stdout
    assert not list(root.glob(".sp-paket-buka-*"))


def test_trusted_offices_are_named_by_fingerprint(three: Folders) -> None:
    root, sender, receiver, _stranger = three
    key = root / "penerima2.spkunci"
    assert run(receiver, "key", "export", "--out", str(key)).returncode == 0
    # An old .spkunci (before sealed bundles) is trusted, but cannot be sealed to.
    old = json.loads(key.read_text())
    del old["kunci_pertukaran"]
    old_file = root / "lama.spkunci"
    old_file.write_text(json.dumps(old))
    assert run(sender, "key", "import", str(old_file)).returncode == 0
    receiver_fp = fingerprint_of(receiver)
    out = root / "tepercaya.sppaket"
    listed = run(sender, "key", "list").stdout
    assert "belum bisa menerima paket bersegel" in listed
    refused = run(sender, "export", "bundle", "--out", str(out), "--trusted-recipient", receiver_fp)
    assert refused.returncode == 1 and "versi lama" in refused.stderr
    assert_one_line_no_traceback(refused)
    # The newer file brings the exchange key.
    assert run(sender, "key", "import", str(key)).returncode == 0
    assert "belum bisa menerima paket bersegel" not in run(sender, "key", "list").stdout
    sealed = run(sender, "export", "bundle", "--out", str(out), "--trusted-recipient", receiver_fp)
    assert sealed.returncode == 0, sealed.stderr
    assert out.read_bytes().startswith(AGE_MAGIC)
    everyone = run(
        sender, "export", "bundle", "--out", str(out), "--all", "--trusted-recipient", "semua"
    )
    assert everyone.returncode == 0 and receiver_fp in everyone.stdout
    unknown = run(
        sender, "export", "bundle", "--out", str(out), "--trusted-recipient", "AAAA-BBBB-CCCC-DDDD"
    )
    assert unknown.returncode == 1 and "Tidak ada kantor tepercaya" in unknown.stderr


def test_a_petugas_exports_their_own_households_always_sealed(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from sp_desktop.core.demo import DEMO_ACCOUNTS

    root = tmp_path_factory.mktemp("petugas")
    posko, kelurahan = root / "posko", root / "kelurahan"
    demo(posko, households=30)  # a few of them entered by the demo petugas
    demo(kelurahan, households=2)
    for here, there in ((posko, kelurahan), (kelurahan, posko)):
        key = root / f"{there.name}.spkunci"
        assert run(there, "key", "export", "--out", str(key)).returncode == 0
        trusted = run(here, "key", "import", str(key))
        assert trusted.returncode == 0, trusted.stderr
    petugas = {"SP_DESKTOP_USER": next(n for n, _name, role in DEMO_ACCOUNTS if role == "petugas")}
    out = root / "saya.sppaket"
    clear = sp("--data-dir", str(posko), "export", "bundle", "--out", str(out), "--tanpa-segel",
               env=petugas)  # fmt: skip
    assert clear.returncode == 1 and "selalu disegel" in clear.stderr
    assert_one_line_no_traceback(clear)
    sealed = sp("--data-dir", str(posko), "export", "bundle", "--out", str(out),
                "--trusted-recipient", "semua", env=petugas)  # fmt: skip
    assert sealed.returncode == 0, sealed.stderr
    assert " rumah tangga" in sealed.stdout  # their own households, counted
    assert out.read_bytes().startswith(AGE_MAGIC)
    # Signed with the helpers' key, not the office's: the fingerprint printed says which.
    assert fingerprint_of(posko) not in sealed.stdout
    imported = run(kelurahan, "import", "bundle", str(out))
    assert imported.returncode == 0, imported.stderr
