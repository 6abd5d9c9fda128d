"""Roles, the office's keys and the key file, attacked by a lower role (issue 16, §2).

The attacker is a petugas with the data folder, their own password, this project's code
and plain `sqlcipher3`: everything the app itself would have while they are signed in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import (
    ADMIN_PASSWORD,
    AMPENAN_SELATAN,
    HELPER_PASSWORD,
    every_blob,
    make_helper,
    opened_with_password,
)
from sqlcipher3 import dbapi2 as sqlcipher

from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.permissions import PermissionDeniedError, Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.security.keyring import (
    KEYRING_FILENAME,
    Keyring,
    new_identity,
    open_sealed,
    recipient_of,
)
from sp_desktop.core.security.office_access import TamperedGrantError
from sp_desktop.core.storage import DB_FILENAME
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.office_keys import open_secrets

ADMIN = make_helper()
HELPER = make_helper(9, "Ni Made Ayu")
COORDINATOR = make_helper(11, "Komang Putu Sari")
COORDINATOR_PASSWORD = "koordinator-ampenan-2020"


def set_up_office(data_dir: Path) -> tuple[Installation, str]:
    """An office with an admin (signed in), a coordinator and a petugas; its recovery key."""
    inst, recovery_key = Installation.create(
        data_dir,
        office="Kantor Lurah Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=ADMIN,
        password=ADMIN_PASSWORD,
    )
    inst.save_account(HELPER, Role.HELPER, password=HELPER_PASSWORD)
    inst.save_account(COORDINATOR, Role.COORDINATOR, password=COORDINATOR_PASSWORD)
    return inst, recovery_key


@pytest.fixture
def office(data_dir: Path) -> Path:
    """The office of set_up_office, closed again."""
    set_up_office(data_dir)[0].close()
    return data_dir


def as_petugas_raw(data_dir: Path) -> sqlcipher.Connection:
    """The attacker's own door: their password opens their slot, the data key the file."""
    return opened_with_password(data_dir, HELPER.nip, HELPER_PASSWORD)


def office_signing_key(data_dir: Path) -> bytes:
    with Installation.open(data_dir, ADMIN.nip, ADMIN_PASSWORD) as inst:
        secrets = inst.storage.office_secrets
        assert secrets is not None and secrets.signing is not None
        return secrets.signing


def test_a_petugas_holds_no_office_key(office: Path) -> None:
    signing = office_signing_key(office)
    unlocked = Keyring.load(office).unlock(HELPER.nip, HELPER_PASSWORD)
    assert unlocked.tiers == {}
    conn = as_petugas_raw(office)
    # Nowhere in the database in clear, and the sealed copies do not open with their tiers.
    assert not any(signing in blob for blob in every_blob(conn))
    rows = [
        (r[0], r[1], bytes(r[2]), bytes(r[3]))
        for r in conn.execute("SELECT name, tier, nonce, sealed FROM office_secrets")
    ]
    assert len(rows) == 4
    installation_id = conn.execute("SELECT value FROM meta WHERE key = 'installation_id'")
    opened = open_secrets(rows, unlocked.tiers, installation_id.fetchone()[0])
    assert opened.signing is None and opened.root is None and not opened.numbers
    conn.close()
    # And in the app: a petugas session cannot sign as the office.
    with (
        Installation.open(office, HELPER.nip, HELPER_PASSWORD) as inst,
        pytest.raises(PermissionDeniedError),
    ):
        inst.storage.signer()


def test_a_role_rewritten_in_the_database_is_refused_and_reported(office: Path) -> None:
    conn = as_petugas_raw(office)
    with conn:
        conn.execute("UPDATE accounts SET role = 'admin' WHERE role = 'petugas'")
    conn.close()
    with pytest.raises(TamperedGrantError) as refused:
        Installation.open(office, HELPER.nip, HELPER_PASSWORD)
    assert "diubah di luar SP Desktop" in str(refused.value)
    # Copying the admin's grant onto their own account does not help either: it names
    # another account and another key pair.
    conn = as_petugas_raw(office)
    with conn:
        grant = conn.execute("SELECT grant_sig FROM accounts WHERE role = 'admin'").fetchone()
        conn.execute("UPDATE accounts SET grant_sig = ? WHERE role = 'admin' AND id IN "
                     "(SELECT a.id FROM accounts a JOIN helpers h ON h.id = a.helper_id "
                     "WHERE h.nip = ?)", [grant[0], HELPER.nip])  # fmt: skip
    conn.close()
    with pytest.raises(TamperedGrantError):
        Installation.open(office, HELPER.nip, HELPER_PASSWORD)
    # The admin is told, and the refused sign-ins are in the trail.
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        assert any(HELPER.name in p and "tidak sah" in p for p in inst.key_problems)
        refused_entries = inst.storage.audit_entries(action=audit.LOGIN_FAILED)
        assert [e.details.get("sebab") for e in refused_entries] == ["hibah_tidak_sah"] * 2
        # The coordinator, untouched, still works and still signs.
    with Installation.open(office, COORDINATOR.nip, COORDINATOR_PASSWORD) as inst:
        assert inst.storage.signer().fingerprint


def test_forged_office_keys_are_refused_by_every_account_that_knows_the_root(
    office: Path,
) -> None:
    # The petugas replaces the published keys with a set of their own making (their own
    # root signing their own signing key): the admin's slot names the true root.
    from sp_desktop.core.trust.office_keys import OfficeSecrets

    conn = as_petugas_raw(office)
    installation_id = conn.execute(
        "SELECT value FROM meta WHERE key = 'installation_id'"
    ).fetchone()[0]
    forged = OfficeSecrets.new()
    assert forged.root is not None
    published = forged.published().signed(forged.root, installation_id)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'office_keys'", [published.to_text()])
    conn.close()
    with pytest.raises(TamperedGrantError):
        Installation.open(office, ADMIN.nip, ADMIN_PASSWORD)
    with pytest.raises(TamperedGrantError):
        Installation.open(office, COORDINATOR.nip, COORDINATOR_PASSWORD)


def test_promotion_and_demotion_move_the_office_key_without_the_password(office: Path) -> None:
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        inst.save_account(HELPER, Role.COORDINATOR)  # the admin never learns their password
    with Installation.open(office, HELPER.nip, HELPER_PASSWORD) as inst:
        assert inst.storage.signer().fingerprint
        assert inst.storage.exchange_identities()
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        inst.save_account(HELPER, Role.HELPER)
    ring = Keyring.load(office)
    helper_slot = next(s for s in ring.slots if s.get("tag") == ring.nip_tag(HELPER.nip))
    assert ring.tiers_of(helper_slot["account_id"]) == set()
    with (
        Installation.open(office, HELPER.nip, HELPER_PASSWORD) as inst,
        pytest.raises(PermissionDeniedError),
    ):
        inst.storage.signer()


def test_a_removed_recovery_slot_is_reported_to_the_admin(office: Path) -> None:
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        assert inst.key_problems == []
    path = office / KEYRING_FILENAME
    ring = json.loads(path.read_text())
    ring["slots"] = [s for s in ring["slots"] if s["kind"] != "pemulihan"]
    path.write_text(json.dumps(ring))
    # A petugas signs in first and is told nothing (not their business) ...
    with Installation.open(office, HELPER.nip, HELPER_PASSWORD) as inst:
        assert inst.key_problems == []
    # ... the admin is, however many sign-ins happened since, and the trail has it once.
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        assert any("lembar pemulihan" in p.lower() for p in inst.key_problems)
        checks = [
            e for e in inst.storage.audit_entries(action=audit.SETTING) if e.entity == "kunci.json"
        ]
        assert len(checks) == 1


def test_a_replaced_recovery_slot_is_reported_and_a_new_sheet_clears_it(office: Path) -> None:
    # The petugas puts in a recovery slot of their own (they have the data key).
    unlocked = Keyring.load(office).unlock(HELPER.nip, HELPER_PASSWORD)
    ring = Keyring.load(office)
    ring.set_recovery_key(unlocked.data_key)
    ring.save()
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        assert any("lembar pemulihan" in p.lower() for p in inst.key_problems)
        recovery_key = inst.new_recovery_key()
        assert inst.key_problems == []
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        assert inst.key_problems == []
    # The new sheet carries the admin tiers: recovering with it gives a working admin.
    with Installation.recover(
        office, recovery_key, admin_nip=ADMIN.nip, new_password="admin-baru-ampenan-1"
    ) as inst:
        assert inst.storage.signer().fingerprint
    with Installation.open(office, ADMIN.nip, "admin-baru-ampenan-1") as inst:
        assert inst.storage.signer().fingerprint
        assert inst.key_problems == []


def test_a_removed_account_slot_is_reported(office: Path) -> None:
    path = office / KEYRING_FILENAME
    ring = Keyring.load(office)
    coordinator_tag = ring.nip_tag(COORDINATOR.nip)
    data = json.loads(path.read_text())
    data["slots"] = [s for s in data["slots"] if s.get("tag") != coordinator_tag]
    path.write_text(json.dumps(data))
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        assert any(COORDINATOR.name in p for p in inst.key_problems)


# -- an installation from before the office keys were sealed ---------------------------------


def downgrade_to_version_1(data_dir: Path, recovery_key: str) -> bytes:
    """Make a set-up office look as the previous version left it: the signing key in clear
    in the database, no sealed keys or grants, and version-1 key slots (the data key alone
    under each password). Returns the signing key."""
    from sp_desktop.core.security import keyring as keyring_module

    signing = office_signing_key(data_dir)
    ring = Keyring.load(data_dir)
    data_key = ring.unlock(ADMIN.nip, ADMIN_PASSWORD).data_key
    passwords = {
        ring.nip_tag(n): p
        for n, p in (
            (ADMIN.nip, ADMIN_PASSWORD),
            (HELPER.nip, HELPER_PASSWORD),
            (COORDINATOR.nip, COORDINATOR_PASSWORD),
        )
    }
    for slot in ring.slots:
        for name in ("payload", "recipient", "tiers"):
            slot.pop(name, None)
        if slot["kind"] == "akun":
            kek = keyring_module._derive_password_key(passwords[slot["tag"]], slot["kdf"])
        else:
            kek = keyring_module._derive_recovery_key(recovery_key, slot["kdf"])
        keyring_module._wrap(slot, kek, data_key)
    ring.save()
    conn = sqlcipher.connect(str(data_dir / DB_FILENAME))
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    with conn:
        conn.execute("DELETE FROM office_secrets")
        conn.execute("DELETE FROM meta WHERE key IN ('office_keys', 'recovery_slot')")
        conn.execute("UPDATE accounts SET recipient = '', grant_sig = ''")
        conn.execute(
            "UPDATE signing_keys SET private_key = ?, exchange_key = '' WHERE own = 1", [signing]
        )
    conn.close()
    return signing


def test_an_older_installation_is_sealed_at_the_first_admin_sign_in(data_dir: Path) -> None:
    from factories import make_household

    inst, recovery_key = set_up_office(data_dir)
    with inst:
        inst.storage.save_household(make_household(1))
        fingerprint = inst.storage.own_public_key().fingerprint
    from sp_desktop.core.security import keyring as keyring_module

    signing = downgrade_to_version_1(data_dir, recovery_key)
    assert Keyring.load(data_dir).unlock(HELPER.nip, HELPER_PASSWORD).identity == ""
    # Before any admin came: the coordinator works as before (the key still in clear) and
    # gets a key pair of their own.
    with Installation.open(data_dir, COORDINATOR.nip, COORDINATOR_PASSWORD) as inst:
        assert inst.storage.signer().fingerprint == fingerprint
    assert Keyring.load(data_dir).recipient(
        Keyring.load(data_dir).unlock(COORDINATOR.nip, COORDINATOR_PASSWORD).account_id
    )
    # Before the admin comes, the petugas writes their own recipient into the coordinator's
    # slot in kunci.json, hoping the admin's sign-in seals the office tier to it.
    petugas = Keyring.load(data_dir).unlock(HELPER.nip, HELPER_PASSWORD)
    petugas_identity = new_identity()
    path = data_dir / KEYRING_FILENAME
    ring = json.loads(path.read_text())
    coordinator_tag = Keyring.load(data_dir).nip_tag(COORDINATOR.nip)
    for slot in ring["slots"]:
        if slot.get("tag") == coordinator_tag:
            slot["recipient"] = recipient_of(petugas_identity)
            slot["checksum"] = keyring_module._slot_checksum(slot)  # public: no secret in it
    path.write_text(json.dumps(ring))
    # The admin's sign-in seals: same signing key, gone from the database in clear, and the
    # old recovery sheet reported as outdated. Only the admin's own key pair is proven, so
    # the coordinator waits for a new password, and nothing was sealed to the petugas.
    with Installation.open(data_dir, ADMIN.nip, ADMIN_PASSWORD) as inst:
        assert inst.storage.signer().fingerprint == fingerprint
        assert any("lembar pemulihan baru" in p for p in inst.key_problems)
        assert any(COORDINATOR.name in p and "kata sandi" in p for p in inst.key_problems)
        assert sum(inst.storage.count_by_outcome().values()) == 1
    ring = json.loads(path.read_text())
    sealed = [t for s in ring["slots"] for t in s.get("tiers", {}).values()]
    assert sealed and not any(open_sealed(petugas_identity, t) for t in sealed)
    assert petugas.tiers == {}
    conn = as_petugas_raw(data_dir)
    clear = "SELECT count(*) FROM signing_keys WHERE own = 1 AND private_key IS NOT NULL"
    assert conn.execute(clear).fetchone()[0] == 0
    conn.close()
    assert signing == office_signing_key(data_dir)
    with (
        Installation.open(data_dir, COORDINATOR.nip, COORDINATOR_PASSWORD) as inst,
        pytest.raises(PermissionDeniedError),
    ):
        inst.storage.signer()
    # That sign-in gave the coordinator's slot the root as its anchor, and its own
    # recipient back in place of the petugas's.
    ring = Keyring.load(data_dir)
    reopened = ring.unlock(COORDINATOR.nip, COORDINATOR_PASSWORD)
    assert reopened.anchor.get("akar")
    assert ring.recipient(reopened.account_id) == recipient_of(reopened.identity)
    # The admin gives the coordinator a new password: a key pair the admin made.
    with Installation.open(data_dir, ADMIN.nip, ADMIN_PASSWORD) as inst:
        coordinator = inst.storage.account_by_nip(COORDINATOR.nip)
        assert coordinator is not None
        inst.set_password(coordinator.id, "koordinator-baru-2020")
        assert not any(COORDINATOR.name in p for p in inst.key_problems)
    with Installation.open(data_dir, COORDINATOR.nip, "koordinator-baru-2020") as inst:
        assert inst.storage.signer().fingerprint == fingerprint
    # The petugas, whose slot is still version 1, signs in and holds nothing of the office.
    with Installation.open(data_dir, HELPER.nip, HELPER_PASSWORD) as inst:
        with pytest.raises(PermissionDeniedError):
            inst.storage.signer()
        assert inst.account.role == Role.HELPER
    # The old sheet still opens the data (for an admin's new password) ...
    with Installation.recover(
        data_dir, recovery_key, admin_nip=ADMIN.nip, new_password="admin-baru-ampenan-1"
    ) as inst:
        assert sum(inst.storage.count_by_outcome().values()) == 1


# -- the audit trail and its signed witness -------------------------------------------------


def cut_trail(data_dir: Path, keep: int) -> None:
    """As the petugas: delete every entry after `keep` and make `audit_head` agree."""
    conn = as_petugas_raw(data_dir)
    with conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")  # theirs to drop: they hold the key
        conn.execute("DELETE FROM audit_log WHERE seq > ?", [keep])
        last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", [f"{last[0]}:{last[1]}"])
    conn.close()


def trail_length(data_dir: Path) -> int:
    conn = as_petugas_raw(data_dir)
    try:
        return int(conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0])
    finally:
        conn.close()


def test_a_cut_trail_is_detected_after_further_sign_ins(office: Path) -> None:
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        assert inst.storage.verify_audit().ok
        before_cut = trail_length(office)
        inst.storage.record_event(audit.SETTING, "uji", "", langkah="sebelum dipotong")
    cut_trail(office, before_cut - 3)
    # Everyone signs in again: the petugas (who cut), the coordinator, the admin. Each
    # sign-in appends entries at the numbers that were cut.
    for nip, password in (
        (HELPER.nip, HELPER_PASSWORD),
        (COORDINATOR.nip, COORDINATOR_PASSWORD),
        (HELPER.nip, HELPER_PASSWORD),
    ):
        with Installation.open(office, nip, password):
            pass
    assert trail_length(office) > before_cut  # as long as before: only the witness tells
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        report = inst.storage.verify_audit()
        assert not report.ok
        assert "saksi" in report.reason
        assert any("Jejak audit dipotong" in p for p in inst.key_problems)


def test_a_rewritten_middle_with_a_recomputed_chain_is_detected(office: Path) -> None:
    from dataclasses import replace

    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        entries = sorted(inst.storage.audit_entries(limit=10_000), key=lambda e: e.seq)
    # Drop entry 2 and rebuild every hash after it, as someone with the chain's rules would.
    kept = [entries[0], *entries[2:]]
    rebuilt, previous = [], kept[0]
    rebuilt.append(previous)
    for entry in kept[1:]:
        entry = replace(entry, seq=previous.seq + 1, prev_hash=previous.hash)
        entry = replace(entry, hash=audit.entry_hash(entry))
        rebuilt.append(entry)
        previous = entry
    conn = as_petugas_raw(office)
    with conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log")
        conn.executemany(
            "INSERT INTO audit_log (seq, at, account_id, actor, action, entity, entity_id, "
            "details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (e.seq, e.at, e.account_id, e.actor, e.action, e.entity, e.entity_id,
                 audit.details_text(e.details), e.prev_hash, e.hash)
                for e in rebuilt
            ],
        )  # fmt: skip
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'audit_head'",
            [f"{previous.seq}:{previous.hash}"],
        )
    conn.close()
    with Installation.open(office, COORDINATOR.nip, COORDINATOR_PASSWORD) as inst:
        assert not inst.storage.verify_audit().ok


def test_a_removed_witness_fails_the_check(office: Path) -> None:
    conn = as_petugas_raw(office)
    with conn:
        conn.execute("DELETE FROM meta WHERE key = 'audit_witness'")
    conn.close()
    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        report = inst.storage.verify_audit()
        assert not report.ok and "saksi" in report.reason


def test_the_recap_prints_the_signed_witness(office: Path, tmp_path: Path) -> None:
    import subprocess

    from factories import make_household

    from sp_desktop.core.documents.issuing import write_recap
    from sp_desktop.core.domain.reports import ReportFilter

    with Installation.open(office, COORDINATOR.nip, COORDINATOR_PASSWORD) as inst:
        household = inst.storage.save_household(make_household(5))
        witness = inst.storage.audit_witness()
        assert witness is not None
        write_recap(inst.storage, ReportFilter(), tmp_path / "rekap.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "rekap.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert f"Saksi jejak audit: #{witness.seq} · {witness.hash[:8]}" in text
    # The printed list finds the family by name and address; its No KK is masked (§4).
    assert household.head_name in text
    assert household.no_kk not in text and mask_number(household.no_kk) in text


# -- the helpers' key: slips a petugas prints ----------------------------------------------


def test_a_petugas_signs_slips_with_the_helpers_key_which_signs_no_package(
    office: Path, tmp_path: Path
) -> None:
    from factories import make_household, make_post, make_visit

    from sp_desktop.core.documents.issuing import write_slips
    from sp_desktop.core.documents.verification import verify
    from sp_desktop.core.trust.office_keys import helper_key_certified

    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        post = inst.storage.save_post(make_post())
    with Installation.open(office, HELPER.nip, HELPER_PASSWORD) as inst:
        store = inst.storage
        household = store.save_household(make_household(3))
        me = next(h for h in store.helpers() if h.nip == HELPER.nip)
        visit = store.add_visit(make_visit(household, me, post))
        write_slips(store, [visit.id], tmp_path / "bukti.pdf")
        keys = store.key_ring()
        office_key = store.own_public_key()
        signer = store.document_signer()
        assert signer.key_id != office_key.key_id
        assert keys.is_helper_key(signer.key_id) and not keys.office_only().get(signer.key_id)
        verdict = verify(str(tmp_path / "bukti.pdf"), keys)
        assert verdict.valid and "kunci petugas" in verdict.text()
    # The office key vouches for it, for slips only.
    conn = as_petugas_raw(office)
    public, certificate = conn.execute(
        "SELECT public_key, certificate FROM signing_keys WHERE own = 2"
    ).fetchone()
    conn.close()
    assert helper_key_certified(office_key.raw, bytes(public), certificate)
    assert not helper_key_certified(bytes(public), bytes(public), certificate)


def test_the_key_file_vouches_for_its_exchange_and_helpers_keys(office: Path) -> None:
    from pyrage import x25519

    from sp_desktop.core.trust.signing import (
        SignatureProblem,
        parse_public_key,
        public_key_file_bytes,
    )

    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        own = inst.storage.own_public_key()
    assert own.exchange.startswith("age1") and own.helper_key
    parsed = parse_public_key(public_key_file_bytes(own))
    assert (parsed.exchange, parsed.helper_key) == (own.exchange, own.helper_key)
    # Swapped in transit: another exchange key, or another helpers' key, is refused (the
    # fingerprint read out by phone does not cover them; the office key's signature does).
    text = json.loads(public_key_file_bytes(own))
    for field, value in (
        ("kunci_pertukaran", str(x25519.Identity.generate().to_public())),
        ("kunci_petugas", "A" * 43 + "="),
    ):
        with pytest.raises(SignatureProblem):
            parse_public_key(json.dumps({**text, field: value}))


def test_a_petugas_slip_verifies_at_another_office_that_imported_the_key(
    office: Path, tmp_path: Path
) -> None:
    from factories import make_household, make_post, make_visit

    from sp_desktop.core.documents.issuing import write_slips
    from sp_desktop.core.documents.verification import verify
    from sp_desktop.core.trust.signing import parse_public_key, public_key_file_bytes

    with Installation.open(office, ADMIN.nip, ADMIN_PASSWORD) as inst:
        post = inst.storage.save_post(make_post())
        key_file = public_key_file_bytes(inst.storage.own_public_key())
    with Installation.open(office, HELPER.nip, HELPER_PASSWORD) as inst:
        store = inst.storage
        household = store.save_household(make_household(4))
        me = next(h for h in store.helpers() if h.nip == HELPER.nip)
        visit = store.add_visit(make_visit(household, me, post))
        write_slips(store, [visit.id], tmp_path / "bukti.pdf")
    other, _recovery = Installation.create(
        tmp_path / "lain",
        office="Kantor Lurah Pejeruk",
        kelurahan_code=AMPENAN_SELATAN,
        admin=make_helper(21, "Lalu Pejeruk"),
        password=ADMIN_PASSWORD,
    )
    with other:
        assert not verify(str(tmp_path / "bukti.pdf"), other.storage.key_ring()).valid
        other.storage.trust_key(parse_public_key(key_file))
        keys = other.storage.key_ring()
        verdict = verify(str(tmp_path / "bukti.pdf"), keys)
        assert verdict.valid and "kunci petugas" in verdict.text()
        assert len(other.storage.trusted_keys()) == 2  # the office, not its helpers' key
        other.storage.distrust_key(parse_public_key(key_file).key_id)
        assert not verify(str(tmp_path / "bukti.pdf"), other.storage.key_ring()).valid
