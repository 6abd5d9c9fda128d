"""Signed bundles between real installations: export, import, trust, idempotence."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from factories import make_household, make_visit
from sync_support import admin_of, offices, post_of, snapshot

from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.sync.bundle import BundleProblem, UnknownBundleKey, import_bundle, write_bundle


def send(source, target, path: Path, *, since_last_export: bool = True):
    write_bundle(source, path, since_last_export=since_last_export)
    return import_bundle(target, path, trust_fingerprint=source.own_public_key().fingerprint)


def test_a_bundle_carries_records_and_proof_files(tmp_path: Path) -> None:
    with offices(tmp_path, "posko", "kelurahan") as (post, office):
        sp, so = post.storage, office.storage
        household = sp.save_household(make_household())
        visit = sp.add_visit(make_visit(household, admin_of(sp), post_of(sp)))
        proof = sp.attach_proof(visit.id, "bukti.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        out = tmp_path / "paket.sppaket"
        result = write_bundle(sp, out, since_last_export=True)
        assert result.counts["rumah_tangga"] == 1 and result.files == 1
        with zipfile.ZipFile(out) as archive:
            names = set(archive.namelist())
        assert names == {
            "manifest.json",
            "data/petugas.jsonl",
            "data/posko.jsonl",
            "data/rumah_tangga.jsonl",
            "data/kunjungan.jsonl",
            "data/bukti.jsonl",
            f"berkas/{proof.sha256}",
        }
        imported = import_bundle(so, out, trust_fingerprint=sp.own_public_key().fingerprint)
        assert imported.trusted_now
        assert imported.summary.added["bukti"] == 1
        _, content = so.proof_content(proof.id)
        assert content == b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
        assert so.household(household.id).latest_outcome == Outcome.BERHASIL
        # The same bundle again: nothing changes.
        again = import_bundle(so, out)
        assert again.already_imported_at and not again.summary.changed


def test_an_unknown_key_is_named_and_nothing_is_imported(tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        a.storage.save_household(make_household())
        out = tmp_path / "a.sppaket"
        write_bundle(a.storage, out, since_last_export=False)
        before = snapshot(b.storage)
        with pytest.raises(UnknownBundleKey) as caught:
            import_bundle(b.storage, out)
        assert a.storage.own_public_key().fingerprint in caught.value.message
        with pytest.raises(UnknownBundleKey):
            import_bundle(b.storage, out, trust_fingerprint="AAAA-BBBB-CCCC-DDDD")
        assert snapshot(b.storage) == before
        assert b.storage.key_ring().get(a.storage.own_public_key().key_id) is None


def test_since_last_export_sends_only_what_changed(tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        first = sa.save_household(make_household(1))
        send(sa, sb, tmp_path / "1.sppaket")
        sa.save_household(replace(first, address="Jl. Pejanggik 3"))
        sa.save_household(make_household(2, name="Lalu Muhammad Zaini"))
        result = write_bundle(sa, tmp_path / "2.sppaket", since_last_export=True)
        assert result.counts == {"rumah_tangga": 2}
        summary = import_bundle(sb, tmp_path / "2.sppaket").summary
        assert summary.added == {"rumah_tangga": 1} and summary.updated == {"rumah_tangga": 1}
        back = send(sb, sa, tmp_path / "back.sppaket").summary
        assert back.added == {"petugas": 1}  # b's own admin; the households a had already
        assert snapshot(sa) == snapshot(sb)


def test_three_offices_converge_through_bundles(tmp_path: Path) -> None:
    """Two posts send to the kelurahan office, which sends one bundle back to each."""
    with offices(tmp_path, "posko1", "posko2", "kelurahan") as (p1, p2, kel):
        s1, s2, sk = p1.storage, p2.storage, kel.storage
        h1 = s1.save_household(make_household(1))
        s1.add_visit(make_visit(h1, admin_of(s1), post_of(s1, "Posko Masjid")))
        h2 = s2.save_household(make_household(2, name="Inaq Rahmah"))
        s2.add_visit(make_visit(h2, admin_of(s2), post_of(s2, "Posko Pasar"), Outcome.BELUM))
        send(s1, sk, tmp_path / "p1.sppaket")
        send(s2, sk, tmp_path / "p2.sppaket")
        merged = tmp_path / "kel.sppaket"
        write_bundle(sk, merged, since_last_export=False)
        key = sk.own_public_key().fingerprint
        import_bundle(s1, merged, trust_fingerprint=key)
        import_bundle(s2, merged, trust_fingerprint=key)
        assert snapshot(s1) == snapshot(s2) == snapshot(sk)


def test_a_truncated_bundle_is_refused(tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        a.storage.save_household(make_household())
        out = tmp_path / "a.sppaket"
        write_bundle(a.storage, out, since_last_export=False)
        data = out.read_bytes()
        cut = tmp_path / "cut.sppaket"
        cut.write_bytes(data[: len(data) // 2])
        with pytest.raises(BundleProblem) as caught:
            import_bundle(b.storage, cut, trust_fingerprint=a.storage.own_public_key().fingerprint)
        assert caught.value.reason == "rusak"


def test_the_command_line_exports_and_imports_bundles(tmp_path: Path) -> None:
    from cli_support import assert_one_line_no_traceback, demo, sp

    sender, receiver = tmp_path / "posko", tmp_path / "kelurahan"
    demo(sender, households=30)
    demo(receiver, households=5)
    env = {"SP_DESKTOP_USER": "198001012005031001"}
    out = tmp_path / "posko.sppaket"
    exported = sp(
        "--data-dir", str(sender), "export", "bundle", "--out", str(out), "--tanpa-segel", env=env
    )
    assert exported.returncode == 0, exported.stderr
    assert "30 rumah tangga" in exported.stdout
    fingerprint = exported.stdout.rsplit("Sidik kunci pengirim: ", 1)[1].strip()
    # Unknown key, no terminal to ask on: refused, fingerprint named, nothing imported.
    refused = sp("--data-dir", str(receiver), "import", "bundle", str(out), env=env)
    assert refused.returncode == 1
    assert fingerprint in refused.stderr and "--trust-key" in refused.stderr
    assert_one_line_no_traceback(refused)
    imported = sp(
        "--data-dir", str(receiver), "import", "bundle", str(out), "--trust-key", fingerprint,
        env=env,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert "Ditambahkan:" in imported.stdout and "30 rumah tangga" in imported.stdout
    again = sp("--data-dir", str(receiver), "import", "bundle", str(out), env=env)
    assert again.returncode == 0 and "sudah pernah diimpor" in again.stdout
    # Nothing new since: the next bundle from the sender is empty.
    second = sp(
        "--data-dir", str(sender), "export", "bundle", "--out", str(out), "--tanpa-segel", env=env
    )
    assert "tidak ada perubahan baru" in second.stdout
