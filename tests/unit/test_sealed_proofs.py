"""A household's proof file shows its NIK: it is sealed inside the database to the office's
numbers key and to the account that entered the household (issue 16, §1).

The attacker is another petugas with the data folder, their own password, this project's
code and plain `sqlcipher3`."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import (
    ADMIN_PASSWORD,
    AMPENAN_SELATAN,
    HELPER_PASSWORD,
    every_blob,
    make_helper,
    make_household,
    make_post,
    make_visit,
    opened_with_password,
)

from sp_desktop.core.base.errors import DatabaseCorruptError
from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.domain.permissions import PermissionDeniedError, Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.security.keyring import Keyring
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.sealed import AGE_MAGIC, open_blob

ADMIN = make_helper()
ENTERED_BY = make_helper(9, "Ni Made Ayu")
OTHER = make_helper(12, "Lalu Wira Pratama")
COORDINATOR = make_helper(11, "Komang Putu Sari")
COORDINATOR_PASSWORD = "koordinator-ampenan-2020"
# What a photo of the SP2020 screen shows: the family's NIK, readable in the file.
NIK_ON_THE_FILE = b"NIK 5271014507850001"
PDF = b"%PDF-1.7\n" + NIK_ON_THE_FILE + b"\n%%EOF\n"


@pytest.fixture
def office(data_dir: Path) -> tuple[Path, str]:
    """Admin, coordinator and two petugas; the first petugas entered a household and
    attached its proof. Returns the data folder and the proof's id."""
    inst, _recovery = Installation.create(
        data_dir,
        office="Kantor Lurah Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=ADMIN,
        password=ADMIN_PASSWORD,
    )
    with inst:
        inst.save_account(ENTERED_BY, Role.HELPER, password=HELPER_PASSWORD)
        inst.save_account(OTHER, Role.HELPER, password=HELPER_PASSWORD)
        inst.save_account(COORDINATOR, Role.COORDINATOR, password=COORDINATOR_PASSWORD)
        post = inst.storage.save_post(make_post())
    with Installation.open(data_dir, ENTERED_BY.nip, HELPER_PASSWORD) as inst:
        storage = inst.storage
        helper = next(h for h in storage.helpers() if h.nip == ENTERED_BY.nip)
        household = make_household(3)
        visit = make_visit(household, helper, post, Outcome.BERHASIL)
        storage.save_household(household, visit)
        proof = storage.attach_proof(visit.id, "bukti.pdf", PDF)
        # The one who entered it reads it back.
        assert storage.proof_content(proof.id)[1] == PDF
    return data_dir, proof.id


def test_another_petugas_with_the_database_open_finds_no_proof_in_clear(
    office: tuple[Path, str],
) -> None:
    data_dir, proof_id = office
    conn = opened_with_password(data_dir, OTHER.nip, HELPER_PASSWORD)
    assert not any(NIK_ON_THE_FILE in blob for blob in every_blob(conn))
    (stored,) = conn.execute("SELECT content FROM proof_files WHERE id = ?", [proof_id]).fetchone()
    conn.close()
    assert bytes(stored).startswith(AGE_MAGIC)
    # Their own key pair (from their slot) is not among its recipients.
    unlocked = Keyring.load(data_dir).unlock(OTHER.nip, HELPER_PASSWORD)
    assert unlocked.identity and open_blob(bytes(stored), [unlocked.identity]) is None
    # And the app says why, in words.
    with (
        Installation.open(data_dir, OTHER.nip, HELPER_PASSWORD) as inst,
        pytest.raises(PermissionDeniedError, match="NIK dan No KK lengkap"),
    ):
        inst.storage.proof_content(proof_id)


def test_the_coordinator_and_admin_open_it_with_the_office_key(
    office: tuple[Path, str],
) -> None:
    data_dir, proof_id = office
    for nip, password in ((COORDINATOR.nip, COORDINATOR_PASSWORD), (ADMIN.nip, ADMIN_PASSWORD)):
        with Installation.open(data_dir, nip, password) as inst:
            assert inst.storage.proof_content(proof_id)[1] == PDF


def test_a_coordinator_without_the_office_key_is_told_what_to_do(
    office: tuple[Path, str],
) -> None:
    """Their slot lost its tiers (as after an upgrade, before an admin's new password)."""
    data_dir, proof_id = office
    keyring = Keyring.load(data_dir)
    with Installation.open(data_dir, COORDINATOR.nip, COORDINATOR_PASSWORD) as inst:
        account_id = inst.account.id
    keyring.deliver(account_id, {})
    keyring.save()
    with (
        Installation.open(data_dir, COORDINATOR.nip, COORDINATOR_PASSWORD) as inst,
        pytest.raises(PermissionDeniedError, match="kata sandi baru dari admin"),
    ):
        inst.storage.proof_content(proof_id)


def test_a_damaged_sealed_file_is_reported_as_damaged(office: tuple[Path, str]) -> None:
    data_dir, proof_id = office
    conn = opened_with_password(data_dir, ADMIN.nip, ADMIN_PASSWORD)
    with conn:
        (stored,) = conn.execute(
            "SELECT content FROM proof_files WHERE id = ?", [proof_id]
        ).fetchone()
        broken = bytes(stored)[:-5] + b"XXXXX"  # the payload, after the recipients' lines
        conn.execute("UPDATE proof_files SET content = ? WHERE id = ?", [broken, proof_id])
    conn.close()
    with (
        Installation.open(data_dir, ADMIN.nip, ADMIN_PASSWORD) as inst,
        pytest.raises(DatabaseCorruptError, match="rusak di dalam berkas data"),
    ):
        inst.storage.proof_content(proof_id)


def test_what_an_earlier_version_stored_in_clear_is_sealed_at_the_next_sign_in(
    office: tuple[Path, str],
) -> None:
    data_dir, proof_id = office
    conn = opened_with_password(data_dir, ADMIN.nip, ADMIN_PASSWORD)
    with conn:
        # The database as the earlier version left it: the file in clear, no "all sealed".
        conn.execute("DELETE FROM meta WHERE key = 'data_tersegel'")
        conn.execute("UPDATE proof_files SET content = ? WHERE id = ?", [PDF, proof_id])
        # A household's stored revision (a conflict's losing side), as 0.x kept it.
        conn.execute(
            "INSERT INTO sync_bodies (doc_id, rev, body, content) VALUES (?, ?, ?, NULL)",
            ["rumah_tangga:lama", "2-abc", '{"head_nik": "5271014507850001"}'],
        )
    conn.close()
    # Whoever signs in first seals it: public keys are enough, even for another petugas.
    Installation.open(data_dir, OTHER.nip, HELPER_PASSWORD).close()
    conn = opened_with_password(data_dir, OTHER.nip, HELPER_PASSWORD)
    assert not any(NIK_ON_THE_FILE in blob for blob in every_blob(conn))
    (body,) = conn.execute("SELECT body FROM sync_bodies WHERE doc_id = 'rumah_tangga:lama'")
    assert body[0].startswith("age:") and "5271014507850001" not in body[0]
    conn.close()
    for nip, password in ((ENTERED_BY.nip, HELPER_PASSWORD), (ADMIN.nip, ADMIN_PASSWORD)):
        with Installation.open(data_dir, nip, password) as inst:
            assert inst.storage.proof_content(proof_id)[1] == PDF
            if nip == ADMIN.nip:
                entries = inst.storage.audit_entries()
                assert [e.details for e in entries if e.action == audit.SEAL] == [
                    {"berkas": 1, "revisi": 1}
                ]


def test_a_new_password_from_the_admin_keeps_their_proofs_open_to_them(
    office: tuple[Path, str],
) -> None:
    """A password set by an admin comes with a new key pair: the petugas's proof files are
    sealed again to it, or they would stay shut to the one who attached them."""
    data_dir, proof_id = office
    with Installation.open(data_dir, ADMIN.nip, ADMIN_PASSWORD) as inst:
        account = inst.storage.account_by_nip(ENTERED_BY.nip)
        assert account is not None
        inst.set_password(account.id, "kata-sandi-baru-2020")
    with Installation.open(data_dir, ENTERED_BY.nip, "kata-sandi-baru-2020") as inst:
        assert inst.storage.proof_content(proof_id)[1] == PDF
    conn = opened_with_password(data_dir, OTHER.nip, HELPER_PASSWORD)
    assert not any(NIK_ON_THE_FILE in blob for blob in every_blob(conn))
    conn.close()


def test_a_staff_proof_opens_for_that_offices_admin_opd_only(data_dir: Path) -> None:
    """A staff member's proof shows their NIP: sealed to the office's numbers key and to the
    Admin OPD of that staff member's office; another office's Admin OPD and any petugas
    find nothing, even with the database open."""
    from datetime import date

    from sp_desktop.core.domain.model import Helper
    from sp_desktop.core.domain.monitoring import Staff

    nip_on_the_file = b"NIP 198001052008031001"
    staff_pdf = b"%PDF-1.7\n" + nip_on_the_file + b"\n%%EOF\n"
    sosial = Helper(nip=make_helper(40).nip, name="Admin Dinas Sosial", opd="Dinas Sosial")
    kesehatan = Helper(nip=make_helper(41).nip, name="Admin Dinkes", opd="Dinas Kesehatan")
    inst, _recovery = Installation.create(
        data_dir,
        office="Kantor Lurah Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=ADMIN,
        password=ADMIN_PASSWORD,
    )
    with inst:
        inst.save_account(ENTERED_BY, Role.HELPER, password=HELPER_PASSWORD)
        for admin_opd in (sosial, kesehatan):
            inst.save_account(admin_opd, Role.OPD_ADMIN, password=COORDINATOR_PASSWORD)
        storage = inst.storage
        member = storage.save_staff(
            Staff(nip="198001052008031001", name="Baiq Sri", opd="DINAS SOSIAL")
        )
        storage.record_staff_status([member.id], "sudah", date(2020, 3, 10))
        proof = storage.attach_staff_proof(member.id, "bukti.pdf", staff_pdf)
    with Installation.open(data_dir, sosial.nip, COORDINATOR_PASSWORD) as inst:
        assert inst.storage.staff_proof_content(proof.id)[1] == staff_pdf
    for nip, password in ((kesehatan.nip, COORDINATOR_PASSWORD), (ENTERED_BY.nip, HELPER_PASSWORD)):
        conn = opened_with_password(data_dir, nip, password)
        assert not any(nip_on_the_file in blob for blob in every_blob(conn))
        (stored,) = conn.execute(
            "SELECT content FROM staff_proof_files WHERE id = ?", [proof.id]
        ).fetchone()
        conn.close()
        unlocked = Keyring.load(data_dir).unlock(nip, password)
        assert unlocked.identity and open_blob(bytes(stored), [unlocked.identity]) is None
    # A new password for the Admin OPD (a new key pair): their office's proofs follow it.
    with Installation.open(data_dir, ADMIN.nip, ADMIN_PASSWORD) as inst:
        account = inst.storage.account_by_nip(sosial.nip)
        assert account is not None
        inst.set_password(account.id, "sandi-baru-dinsos-2020")
    with Installation.open(data_dir, sosial.nip, "sandi-baru-dinsos-2020") as inst:
        assert inst.storage.staff_proof_content(proof.id)[1] == staff_pdf


def test_a_staff_proof_that_arrives_by_sync_opens_for_the_receivers_admin_opd(
    tmp_path: Path,
) -> None:
    """Sealed where it is written at the receiving office, after the staff member it
    belongs to (same batch): that office's Admin OPD is among its readers."""
    from datetime import date

    from sync_support import offices, transfer

    from sp_desktop.core.domain.model import Helper
    from sp_desktop.core.domain.monitoring import Staff

    staff_pdf = b"%PDF-1.7\nNIP 198001052008031001\n%%EOF\n"
    admin_opd = Helper(nip=make_helper(40).nip, name="Admin Dinas Sosial", opd="Dinas Sosial")
    with offices(tmp_path, "a", "b") as (a, b):
        member = a.storage.save_staff(
            Staff(nip="198001052008031001", name="Baiq Sri", opd="Dinas Sosial")
        )
        a.storage.record_staff_status([member.id], "sudah", date(2020, 3, 10))
        proof = a.storage.attach_staff_proof(member.id, "bukti.pdf", staff_pdf)
        b.save_account(admin_opd, Role.OPD_ADMIN, password=COORDINATOR_PASSWORD)
        transfer(a.storage, b.storage)
        b.unlock(admin_opd.nip, COORDINATOR_PASSWORD)
        assert b.storage.staff_proof_content(proof.id)[1] == staff_pdf
