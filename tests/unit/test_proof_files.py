"""The household's own proof of completion: stored in the data, checked, never lost by an
edit, erased only with the family's personal data."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from factories import (
    HELPER_PASSWORD,
    keyed_connection,
    make_helper,
    make_household,
    make_visit,
)

from sp_desktop.core.base.errors import NotFoundError
from sp_desktop.core.domain.model import Helper, Outcome, Post
from sp_desktop.core.domain.permissions import PermissionDeniedError, Role
from sp_desktop.core.domain.proofs import MAX_PROOF_BYTES, ProofFileError
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"bukti-png"
PDF = b"%PDF-1.7\n" + b"Bukti pengisian SP2020 keluarga Baiq Nurul Hakim" + b"\n%%EOF\n"


def saved_visit(storage: Storage, people: tuple[Helper, Post], serial: int = 1) -> str:
    helper, post = people
    household = make_household(serial)
    visit = make_visit(household, helper, post, Outcome.BERHASIL)
    storage.save_household(household, visit)
    return visit.id


def test_attached_file_comes_back_byte_for_byte_with_its_hash(
    storage: Storage, people: tuple[Helper, Post]
) -> None:
    visit_id = saved_visit(storage, people)
    proof = storage.attach_proof(visit_id, r"C:\Users\posko\Unduhan\bukti SP2020.pdf", PDF)
    assert proof.media_type == "application/pdf"
    assert proof.filename == "bukti SP2020.pdf"  # no folders kept
    assert proof.sha256 == hashlib.sha256(PDF).hexdigest()
    listed = storage.proof_files(visit_id)
    assert [p.id for p in listed] == [proof.id]
    got, content = storage.proof_content(proof.id)
    assert content == PDF and got.sha256 == proof.sha256
    assert storage.visit_proof_counts([visit_id]) == {visit_id: 1}


def test_type_is_read_from_the_content_not_the_name(
    storage: Storage, people: tuple[Helper, Post]
) -> None:
    visit_id = saved_visit(storage, people)
    proof = storage.attach_proof(visit_id, "foto-layar.pdf", PNG)
    assert proof.media_type == "image/png" and proof.filename == "foto-layar.png"
    with pytest.raises(ProofFileError, match="bukan PDF, JPG, atau PNG"):
        storage.attach_proof(visit_id, "program.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ProofFileError, match="kosong"):
        storage.attach_proof(visit_id, "kosong.pdf", b"")
    assert len(storage.proof_files(visit_id)) == 1


def test_size_limit_has_a_clear_message_and_stores_nothing(
    storage: Storage, people: tuple[Helper, Post]
) -> None:
    visit_id = saved_visit(storage, people)
    too_big = b"%PDF-1.4\n" + b"0" * MAX_PROOF_BYTES
    with pytest.raises(ProofFileError) as caught:
        storage.attach_proof(visit_id, "besar.pdf", too_big)
    assert "terlalu besar" in caught.value.message and "10 MB" in caught.value.message
    assert storage.proof_files(visit_id) == []
    exactly = b"%PDF-1.4\n" + b"0" * (MAX_PROOF_BYTES - 9)
    assert storage.attach_proof(visit_id, "pas.pdf", exactly).size == MAX_PROOF_BYTES


def test_editing_the_household_and_visit_keeps_the_proof(
    storage: Storage, people: tuple[Helper, Post]
) -> None:
    helper, post = people
    household = make_household(3)
    visit = make_visit(household, helper, post, Outcome.BELUM)
    storage.save_household(household, visit)
    proof = storage.attach_proof(visit.id, "bukti.png", PNG)
    storage.save_household(
        replace(household, address="Jl. Baru 1"), replace(visit, outcome=Outcome.BERHASIL)
    )
    storage.update_visit(replace(visit, note="diperbaiki"))
    assert storage.proof_content(proof.id)[1] == PNG


def test_unknown_visit_is_refused(storage: Storage) -> None:
    with pytest.raises(NotFoundError, match="Simpan kunjungannya dulu"):
        storage.attach_proof("00000000-0000-4000-8000-000000000000", "a.pdf", PDF)


def test_content_is_encrypted_at_rest_and_erased_with_consent(
    installation: Installation, people: tuple[Helper, Post]
) -> None:
    storage = installation.storage
    visit_id = saved_visit(storage, people)
    proof = storage.attach_proof(visit_id, "bukti.pdf", PDF)
    storage._flush_erased()  # checkpoint: the file itself, not only the WAL
    folder = installation.data_dir
    raw = b"".join(p.read_bytes() for p in folder.glob("sp-desktop.sqlite3*"))
    assert b"Baiq Nurul Hakim" not in raw  # SQLCipher: the proof's text is not readable
    household_id = storage.proof_files(visit_id)[0].household_id
    storage.withdraw_consent(household_id)
    with pytest.raises(NotFoundError, match="sudah dihapus"):
        storage.proof_content(proof.id)
    conn = keyed_connection(folder / "sp-desktop.sqlite3", installation.data_key)
    content, filename = conn.execute(
        "SELECT content, filename FROM proof_files WHERE id = ?", [proof.id]
    ).fetchone()
    conn.close()
    assert bytes(content) == b"" and filename == ""


def test_a_helper_cannot_open_another_helpers_household_proof(
    installation: Installation, people: tuple[Helper, Post]
) -> None:
    storage = installation.storage
    visit_id = saved_visit(storage, people)  # entered by the admin
    proof = storage.attach_proof(visit_id, "bukti.pdf", PDF)
    petugas = make_helper(31, name="Ni Made Ayu")
    installation.save_account(petugas, Role.HELPER, password=HELPER_PASSWORD)
    installation.unlock(petugas.nip, HELPER_PASSWORD)
    assert storage.proof_files(visit_id)[0].id == proof.id  # may see that it exists
    with pytest.raises(PermissionDeniedError, match="NIK dan No KK lengkap"):
        storage.proof_content(proof.id)


def test_damaged_content_is_reported_not_returned(
    installation: Installation, people: tuple[Helper, Post], tmp_path: Path
) -> None:
    storage = installation.storage
    visit_id = saved_visit(storage, people)
    proof = storage.attach_proof(visit_id, "bukti.png", PNG)
    conn = keyed_connection(installation.data_dir / "sp-desktop.sqlite3", installation.data_key)
    conn.execute("UPDATE proof_files SET content = ? WHERE id = ?", [PNG[:-1] + b"X", proof.id])
    conn.commit()
    conn.close()
    with pytest.raises(Exception, match="SHA-256 tidak cocok"):
        storage.proof_content(proof.id)


def test_a_backup_and_restore_keeps_the_proof_files(
    installation: Installation, people: tuple[Helper, Post]
) -> None:
    from factories import ADMIN_PASSWORD

    from sp_desktop.core.security.backup import create_backup, restore_backup

    storage = installation.storage
    visit_id = saved_visit(storage, people)
    proof = storage.attach_proof(visit_id, "bukti.pdf", PDF)
    backup = create_backup(installation)
    data_dir = installation.data_dir
    installation.close()
    restored = restore_backup(data_dir, backup, nip=make_helper().nip, password=ADMIN_PASSWORD)
    with restored:
        assert restored.storage.proof_content(proof.id)[1] == PDF


def test_a_chosen_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    from sp_desktop.core.domain.proofs import read_proof_file

    huge = tmp_path / "video.mp4"
    with huge.open("wb") as handle:
        handle.truncate(MAX_PROOF_BYTES + 1)  # sparse: nothing to read if it were read
    with pytest.raises(ProofFileError, match="terlalu besar"):
        read_proof_file(huge)
    with pytest.raises(ProofFileError, match="tidak bisa dibaca"):
        read_proof_file(tmp_path / "tidak-ada.pdf")
    small = tmp_path / "bukti.pdf"
    small.write_bytes(PDF)
    assert read_proof_file(small) == PDF


def test_numbers_in_a_file_name_are_masked(storage: Storage, people: tuple[Helper, Post]) -> None:
    visit_id = saved_visit(storage, people)
    proof = storage.attach_proof(visit_id, "bukti_5271016109780001.pdf", PDF)
    assert proof.filename == "bukti_5271**********01.pdf"
