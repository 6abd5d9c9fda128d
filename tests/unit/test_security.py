"""Security on real files and real processes: encryption at rest, keys, roles, audit trail,
consent withdrawal, retention purge, one writer per folder, and a kill mid-write."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import (
    ADMIN_PASSWORD,
    AMPENAN_SELATAN,
    HELPER_PASSWORD,
    make_helper,
    make_household,
    make_post,
    make_visit,
)
from process_support import ready_child
from sqlcipher3 import dbapi2 as sqlcipher

from sp_desktop.core import storage as storage_module
from sp_desktop.core.base import clock, data_folder
from sp_desktop.core.base.errors import RecordValidationError, UserFacingError, WrongKeyError
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import (
    Account,
    FailureReason,
    Helper,
    HelpReason,
    Household,
    HouseholdQuery,
    Outcome,
    Post,
)
from sp_desktop.core.domain.permissions import NotSignedInError, PermissionDeniedError, Role
from sp_desktop.core.security import installation as installation_module
from sp_desktop.core.security.installation import Installation, State
from sp_desktop.core.security.instance_lock import INFO_FILENAME, LOCK_FILENAME, DataInUseError
from sp_desktop.core.security.keyring import KEYRING_FILENAME, WrongPasswordError
from sp_desktop.core.storage import BACKUP_DIRNAME, DB_FILENAME, Storage
from sp_desktop.core.trust import audit

# Popen.kill(): SIGKILL on POSIX, TerminateProcess (exit code 1) on Windows.
KILLED = 1 if sys.platform == "win32" else -signal.SIGKILL
ADMIN_NIP = make_helper().nip
HELPER = make_helper(9, "Ni Made Ayu")
COORDINATOR = make_helper(11, "Komang Putu Sari")
COORDINATOR_PASSWORD = "koordinator-ampenan-2020"
PEJERUK = "52.71.01.1006"

# The household whose traces we look for: a distinctive name and its numbers.
NAME = "Baiq Nurul Hakim"
TARGET = make_household(1, NAME)
KK, NIK = TARGET.no_kk, TARGET.head_nik
NAME_WORDS = [w.lower().encode() for w in NAME.split()]  # as the name index stores them
SECRETS = [NAME.encode(), KK.encode(), NIK.encode(), *NAME_WORDS]

# SQLCipher 4 defaults: 4096-byte pages ending in a 16-byte IV and a 64-byte HMAC.
PAGE_SIZE = 4096
PAGE_RESERVE = 80


# -- helpers -----------------------------------------------------------------------------


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def files_holding(folder: Path, needles: list[bytes]) -> list[str]:
    """'file: needle' for every file under the folder whose bytes contain a needle."""
    found = []
    for path in files_under(folder):
        data = path.read_bytes()
        found += [f"{path.relative_to(folder)}: {n!r}" for n in needles if n in data]
    return found


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in files_under(folder)}


def plain_sqlite_error(path: Path) -> str:
    """What Python's own sqlite3 says when asked to read the file ('' if it can)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("SELECT * FROM households").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    return ""


def assert_unreadable_without_key(path: Path) -> None:
    assert "file is not a database" in plain_sqlite_error(path)
    cli = shutil.which("sqlite3")
    if cli is not None:
        result = subprocess.run(
            [cli, "-readonly", str(path), "SELECT count(*) FROM households;"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode != 0
        assert "not a database" in result.stderr + result.stdout


def decrypted_pages(path: Path, key: bytes) -> bytes:
    """The database file as SQLCipher sees it, page by page, free pages and free space
    inside pages included (what an exported copy would not show)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    raw = path.read_bytes()
    assert len(raw) % PAGE_SIZE == 0
    plain = bytearray()
    for start in range(0, len(raw), PAGE_SIZE):
        page = raw[start : start + PAGE_SIZE]
        skip = 16 if start == 0 else 0  # page 1 begins with the salt
        iv = page[PAGE_SIZE - PAGE_RESERVE : PAGE_SIZE - PAGE_RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        body = decryptor.update(page[skip : PAGE_SIZE - PAGE_RESERVE]) + decryptor.finalize()
        plain += (data_folder.SQLITE_HEADER if start == 0 else b"") + body
    # The decryption is right: page 1's header says 4096-byte pages with 80 reserved bytes.
    assert int.from_bytes(plain[16:18], "big") == PAGE_SIZE and plain[20] == PAGE_RESERVE
    return bytes(plain)


@contextmanager
def raw_connection(data_dir: Path, key: bytes) -> Iterator[sqlcipher.Connection]:
    """The database opened directly with the data key, as an attacker holding it would."""
    conn = sqlcipher.connect(str(data_dir / DB_FILENAME), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        yield conn
    finally:
        conn.close()


def open_as(data_dir: Path, nip: str = ADMIN_NIP, password: str = ADMIN_PASSWORD) -> Installation:
    return Installation.open(data_dir, nip, password)


def add_account(inst: Installation, helper: Helper, role: Role, password: str) -> Account:
    return inst.save_account(helper, role, password=password)


def own_helper(inst: Installation) -> Helper:
    return next(h for h in inst.storage.helpers() if h.id == inst.account.helper_id)


def save_with_visit(
    storage: Storage,
    household: Household,
    helper: Helper,
    post: Post,
    outcome: Outcome = Outcome.BERHASIL,
    **visit_changes: Any,
) -> Household:
    return storage.save_household(
        household, make_visit(household, helper, post, outcome, **visit_changes)
    )


def all_pks(storage: Storage, **query: Any) -> list[int]:
    return [pk for chunk in storage.iter_household_pks(HouseholdQuery(**query)) for pk in chunk]


def row_of(storage: Storage, household_id: str) -> Any:
    rows = storage.household_rows(all_pks(storage))
    return next(r for r in rows.values() if r.id == household_id)


def refusals(actions: dict[str, Callable[[], object]], error: type[Exception]) -> list[str]:
    """The names of the actions that were NOT refused with `error`."""
    allowed = []
    for name, action in actions.items():
        try:
            action()
        except error:
            continue
        allowed.append(name)
    return allowed


def entries(storage: Storage, **filters: Any) -> list[audit.Entry]:
    return storage.audit_entries(limit=1_000_000, **filters)


# -- 1. encryption at rest ---------------------------------------------------------------


def test_no_file_in_the_data_folder_shows_names_or_numbers(
    installation: Installation, people: tuple[Helper, Post], data_dir: Path
) -> None:
    admin, post = people
    storage = installation.storage
    save_with_visit(storage, replace(TARGET, phone="081234567890"), admin, post)
    for serial in range(2, 12):
        save_with_visit(
            storage, make_household(serial, f"Warga Ampenan {chr(64 + serial)}"), admin, post
        )
    with pytest.raises(WrongPasswordError):  # leaves percobaan-masuk.json behind
        Installation.open(data_dir, ADMIN_NIP, "bukan-kata-sandinya")
    needles = [*SECRETS, b"081234567890"]

    # Open: the write-ahead log holds the latest pages, the lock files name the holder.
    names = {p.name for p in files_under(data_dir)}
    expected = {DB_FILENAME, DB_FILENAME + "-wal", KEYRING_FILENAME, "percobaan-masuk.json"}
    expected |= {LOCK_FILENAME, INFO_FILENAME}
    assert expected <= names
    assert (data_dir / (DB_FILENAME + "-wal")).stat().st_size > 0
    assert files_holding(data_dir, needles) == []
    assert_unreadable_without_key(data_dir / DB_FILENAME)

    installation.close()
    assert {p.name for p in files_under(data_dir)} >= {DB_FILENAME, KEYRING_FILENAME}
    assert files_holding(data_dir, needles) == []
    assert_unreadable_without_key(data_dir / DB_FILENAME)
    # A positive control: with the key the same bytes do hold the data.
    pages = decrypted_pages(data_dir / DB_FILENAME, installation.data_key)
    assert NAME.encode() in pages and KK.encode() in pages


# -- 2. a wrong key ----------------------------------------------------------------------


def test_wrong_key_is_refused_in_words_and_changes_nothing(
    installation: Installation, people: tuple[Helper, Post], data_dir: Path
) -> None:
    admin, post = people
    save_with_visit(installation.storage, TARGET, admin, post)
    installation.close()
    before = snapshot(data_dir)
    with pytest.raises(WrongKeyError) as caught:
        Storage(data_dir, key=os.urandom(32), create=False)
    message = str(caught.value)
    assert "kunci" in message.lower() and "Jangan hapus berkasnya" in message
    assert snapshot(data_dir) == before  # no byte changed, no -wal or -shm left behind
    with Storage(data_dir, key=installation.data_key, create=False) as storage:
        assert storage.integrity_ok()


def test_wrong_key_file_from_another_installation_does_not_open_the_data(
    tmp_path: Path, installation: Installation, people: tuple[Helper, Post], data_dir: Path
) -> None:
    admin, post = people
    save_with_visit(installation.storage, TARGET, admin, post)
    installation.close()
    other_dir = tmp_path / "lain"
    other, _recovery = Installation.create(
        other_dir,
        office="Kantor Lain",
        kelurahan_code=AMPENAN_SELATAN,
        admin=make_helper(),
        password=ADMIN_PASSWORD,
    )
    other.close()
    before = snapshot(data_dir)
    shutil.copy(other_dir / KEYRING_FILENAME, data_dir / KEYRING_FILENAME)
    with pytest.raises(UserFacingError) as caught:
        open_as(data_dir)
    assert isinstance(caught.value, WrongKeyError), type(caught.value)
    assert snapshot(data_dir)[DB_FILENAME] == before[DB_FILENAME]


# -- 3. data from before encryption ------------------------------------------------------


def test_unencrypted_data_is_encrypted_at_set_up(data_dir: Path) -> None:
    system = Account(helper_id="sistem", role=Role.ADMIN, nip=ADMIN_NIP, name="Sistem")
    with Storage(data_dir, key=None) as old:
        old.act_as_system(system)
        helper = old.save_helper(make_helper())
        post = old.save_post(make_post())
        save_with_visit(old, TARGET, helper, post, note="catatan lama")
        save_with_visit(old, make_household(2, "Lalu Wira Sentana"), helper, post)
        old.backup(label="cadangan")  # a backup from those days, in clear too
    assert installation_module.state(data_dir) is State.UNENCRYPTED
    assert files_holding(data_dir, [NAME.encode()])  # the starting point: readable

    inst, _recovery = Installation.create(
        data_dir,
        office="Kantor Lurah Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=make_helper(),
        password=ADMIN_PASSWORD,
    )
    try:
        assert installation_module.state(data_dir) is State.READY
        found = inst.storage.household_by_kk(KK)
        assert found is not None and (found.head_name, found.head_nik) == (NAME, NIK)
        assert found.visit_count == 1
        assert inst.storage.stats()["households"] == 2
        assert inst.storage.integrity_ok()
        assert [h.nip for h in inst.storage.helpers()] == [ADMIN_NIP]  # the same person
    finally:
        inst.close()
    assert_unreadable_without_key(data_dir / DB_FILENAME)
    assert files_holding(data_dir, SECRETS) == []
    backups = data_dir / BACKUP_DIRNAME
    assert not any(storage_module.is_plaintext_database(p) for p in files_under(backups))


def test_data_from_before_accounts_is_migrated_and_no_clear_copy_is_left(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schema 0001 data: set-up migrates it (a backup in clear is made first), then
    encrypts it. The migration's backup must not outlive the encryption."""
    with monkeypatch.context() as patch:
        patch.setattr(storage_module, "MIGRATIONS", storage_module.MIGRATIONS[:1])
        Storage(data_dir, key=None).close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        columns = "id, no_kk, head_name, head_nik, kelurahan_code, help_reason, " + (
            "created_at, updated_at, origin"
        )
        with conn:
            conn.execute(
                f"INSERT INTO households ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [TARGET.id, KK, NAME, NIK, AMPENAN_SELATAN, HelpReason.LANSIA.value]
                + ["2020-03-10T01:00:00.000000Z"] * 2
                + ["lama"],
            )
            conn.execute("INSERT INTO households_fts (rowid, head_name) VALUES (1, ?)", [NAME])
    finally:
        conn.close()
    assert installation_module.state(data_dir) is State.UNENCRYPTED

    inst, _recovery = Installation.create(
        data_dir,
        office="Kantor Lurah Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=make_helper(),
        password=ADMIN_PASSWORD,
    )
    try:
        found = inst.storage.household_by_kk(KK)
        assert found is not None and found.head_name == NAME
        assert all_pks(inst.storage, text="Nurul") == [1]
    finally:
        inst.close()
    assert_unreadable_without_key(data_dir / DB_FILENAME)
    leftovers = files_holding(data_dir, SECRETS)
    assert leftovers == [], f"data in clear left in the data folder: {leftovers}"


# -- 4. roles ----------------------------------------------------------------------------


@pytest.fixture
def shared(
    installation: Installation, people: tuple[Helper, Post], data_dir: Path
) -> dict[str, Any]:
    """Admin entered household A; the helper account (closed now) entered household B."""
    admin, post = people
    a = save_with_visit(installation.storage, TARGET, admin, post)
    helper_account = add_account(installation, HELPER, Role.HELPER, HELPER_PASSWORD)
    installation.close()
    with open_as(data_dir, HELPER.nip, HELPER_PASSWORD) as inst:
        me = own_helper(inst)
        b = save_with_visit(inst.storage, make_household(2, "Ni Luh Sukerti"), me, post)
    return {"a": a, "b": b, "post": post, "admin": admin, "helper_account": helper_account}


def test_helper_sees_full_numbers_only_of_what_they_entered(
    shared: dict[str, Any], data_dir: Path
) -> None:
    a, b = shared["a"], shared["b"]
    with open_as(data_dir, HELPER.nip, HELPER_PASSWORD) as inst:
        storage = inst.storage
        assert inst.account.role == Role.HELPER
        mine = storage.household(b.id)
        assert (mine.no_kk, mine.head_nik, mine.numbers_hidden) == (b.no_kk, b.head_nik, False)
        theirs = storage.household(a.id)
        assert (theirs.no_kk, theirs.head_nik) == (mask_number(KK), mask_number(NIK))
        assert theirs.numbers_hidden and KK not in repr(theirs) and NIK not in repr(theirs)
        assert row_of(storage, b.id).no_kk == b.no_kk
        row = row_of(storage, a.id)
        assert (row.no_kk, row.head_nik, row.numbers_hidden) == (
            mask_number(KK),
            mask_number(NIK),
            True,
        )
        by_kk = storage.household_by_kk(KK)
        assert by_kk is not None and by_kk.no_kk == mask_number(KK)
        assert by_kk.head_nik == mask_number(NIK)


def test_helper_records_visits_only_in_their_own_name(
    shared: dict[str, Any], data_dir: Path
) -> None:
    admin, post = shared["admin"], shared["post"]
    with open_as(data_dir, HELPER.nip, HELPER_PASSWORD) as inst:
        storage = inst.storage
        c = make_household(3, "Lalu Wira Sentana")
        with pytest.raises(RecordValidationError) as caught:
            save_with_visit(storage, c, admin, post)
        assert "visit.helper_id" in caught.value.problems
        assert storage.household_by_kk(c.no_kk) is None  # nothing written
        with pytest.raises(RecordValidationError) as caught:
            storage.add_visit(make_visit(shared["b"], admin, post))
        assert "helper_id" in caught.value.problems
        storage.add_visit(make_visit(shared["b"], own_helper(inst), post, Outcome.BELUM))
        assert storage.household(shared["b"].id).visit_count == 2


def test_helper_editing_a_masked_household_keeps_its_real_numbers(
    shared: dict[str, Any], data_dir: Path
) -> None:
    a = shared["a"]
    with open_as(data_dir, HELPER.nip, HELPER_PASSWORD) as inst:
        seen = inst.storage.household(a.id)
        saved = inst.storage.save_household(replace(seen, address="Jl. Adi Sucipto No. 9"))
        assert saved.no_kk == mask_number(KK)
    with open_as(data_dir) as inst:
        stored = inst.storage.household(a.id)
        assert (stored.no_kk, stored.head_nik) == (KK, NIK)
        assert stored.address == "Jl. Adi Sucipto No. 9"
        (change,) = [
            e
            for e in entries(inst.storage, action=audit.UPDATE)
            if e.entity_id == a.id and e.account_id == shared["helper_account"].id
        ]
        assert set(change.details) == {"address"}


def test_helper_may_not_manage_people_settings_audit_or_purge(
    shared: dict[str, Any], data_dir: Path
) -> None:
    with open_as(data_dir) as inst:
        admin_account_id = inst.account.id
    with open_as(data_dir, HELPER.nip, HELPER_PASSWORD) as inst:
        storage = inst.storage
        allowed = refusals(
            {
                "save_helper": lambda: storage.save_helper(make_helper(12, "Made Wirawan")),
                "save_post": lambda: storage.save_post(make_post("Posko Lain")),
                "new helper account": lambda: add_account(
                    inst, make_helper(13, "Gede Arsana"), Role.HELPER, "petugas-baru-2020"
                ),
                "coordinator account": lambda: add_account(
                    inst, COORDINATOR, Role.COORDINATOR, COORDINATOR_PASSWORD
                ),
                "admin account": lambda: add_account(
                    inst, make_helper(14, "Putu Ayu"), Role.ADMIN, "admin-baru-2020x"
                ),
                "promote self": lambda: storage.save_account(HELPER, Role.ADMIN),
                "audit_entries": lambda: storage.audit_entries(),
                "retention setting": lambda: storage.set_setting("retention_until", "2020-01-01"),
                "set_retention_until": lambda: storage.set_retention_until(date(2020, 1, 1)),
                "office setting": lambda: storage.set_setting("office_name", "Kantor Lain"),
                "purge": lambda: storage.purge_personal_data(),
                "new recovery key": lambda: inst.new_recovery_key(),
                "admin's password": lambda: inst.set_password(admin_account_id, "diambil-alih-1"),
                "bulk_insert": lambda: storage.bulk_insert(),
            },
            PermissionDeniedError,
        )
        assert allowed == []
        inst.set_password(inst.account.id, "petugas-baru-2021")  # their own: fine
    with open_as(data_dir) as inst:  # and none of the refused changes happened
        storage = inst.storage
        assert storage.retention_until() is None
        assert inst.office == "Kantor Lurah Ampenan Selatan"
        assert {(a.nip, a.role) for a in storage.accounts()} == {
            (ADMIN_NIP, Role.ADMIN),
            (HELPER.nip, Role.HELPER),
        }
        assert {h.nip for h in storage.helpers()} == {ADMIN_NIP, HELPER.nip}
        assert [p.name for p in storage.posts()] == [make_post().name]


def test_coordinator_sees_all_numbers_and_the_trail_but_not_settings(
    shared: dict[str, Any], data_dir: Path
) -> None:
    with open_as(data_dir) as inst:
        add_account(inst, COORDINATOR, Role.COORDINATOR, COORDINATOR_PASSWORD)
    with open_as(data_dir, COORDINATOR.nip, COORDINATOR_PASSWORD) as inst:
        storage = inst.storage
        for household in (shared["a"], shared["b"]):
            seen = storage.household(household.id)
            assert (seen.no_kk, seen.head_nik, seen.numbers_hidden) == (
                household.no_kk,
                household.head_nik,
                False,
            )
            assert not row_of(storage, household.id).numbers_hidden
        assert entries(storage, action=audit.CREATE)
        assert storage.verify_audit().ok
        allowed = refusals(
            {
                "retention setting": lambda: storage.set_setting("retention_until", "2020-01-01"),
                "set_retention_until": lambda: storage.set_retention_until(date(2020, 1, 1)),
                "purge": lambda: storage.purge_personal_data(),
                "new recovery key": lambda: inst.new_recovery_key(),
                "admin account": lambda: add_account(
                    inst, make_helper(14, "Putu Ayu"), Role.ADMIN, "admin-baru-2020x"
                ),
            },
            PermissionDeniedError,
        )
        assert allowed == []
        # Managing helpers is theirs.
        add_account(inst, make_helper(13, "Gede Arsana"), Role.HELPER, "petugas-baru-2020")


def test_nothing_works_on_a_locked_screen_and_unlock_switches_the_actor(
    shared: dict[str, Any], data_dir: Path
) -> None:
    a = shared["a"]
    with open_as(data_dir) as inst:
        admin_id = inst.account.id
        inst.lock_screen()
        storage = inst.storage
        allowed = refusals(
            {
                "household": lambda: storage.household(a.id),
                "household_by_kk": lambda: storage.household_by_kk(KK),
                "household_rows": lambda: storage.household_rows([1, 2]),
                "search": lambda: all_pks(storage, text="Baiq"),
                "save_household": lambda: storage.save_household(make_household(4, "Amaq Sahnan")),
                "withdraw_consent": lambda: storage.withdraw_consent(a.id),
                "visits_for": lambda: storage.visits_for(a.id),
                "helpers": lambda: storage.helpers(),
                "stats": lambda: storage.stats(),
                "audit_entries": lambda: storage.audit_entries(),
                "save_post": lambda: storage.save_post(make_post("Posko Lain")),
            },
            NotSignedInError,
        )
        assert allowed == []
        with pytest.raises(WrongPasswordError):
            inst.unlock(HELPER.nip, "bukan-kata-sandinya")
        assert storage.actor is None  # still locked
        account = inst.unlock(HELPER.nip, HELPER_PASSWORD)
        assert account.id == shared["helper_account"].id == inst.account.id
        assert storage.household(a.id).numbers_hidden  # the helper's view now
        inst.unlock(ADMIN_NIP, ADMIN_PASSWORD)
        assert inst.account.id == admin_id
        assert not storage.household(a.id).numbers_hidden
        helper_id = shared["helper_account"].id
        actions = [(e.action, e.account_id) for e in reversed(entries(storage))][-6:]
        assert actions == [
            (audit.LOGIN, admin_id),
            (audit.LOGOUT, admin_id),  # the screen lock
            (audit.LOGIN_FAILED, helper_id),
            (audit.LOGIN, helper_id),
            (audit.LOGOUT, helper_id),  # the switch
            (audit.LOGIN, admin_id),
        ]


def test_deactivated_account_cannot_open_even_with_an_old_key_file(
    shared: dict[str, Any], data_dir: Path
) -> None:
    helper_id = shared["helper_account"].id
    old_key_file = (data_dir / KEYRING_FILENAME).read_bytes()
    with open_as(data_dir) as inst:
        inst.save_account(HELPER, Role.HELPER, active=False)
        assert not inst.keyring.has_account(helper_id)
    assert helper_id not in (data_dir / KEYRING_FILENAME).read_text()
    with pytest.raises(WrongPasswordError):
        open_as(data_dir, HELPER.nip, HELPER_PASSWORD)
    # A key file restored from before the deactivation still has the slot: the account
    # itself must still be refused.
    (data_dir / KEYRING_FILENAME).write_bytes(old_key_file)
    with pytest.raises(PermissionDeniedError) as caught:
        open_as(data_dir, HELPER.nip, HELPER_PASSWORD)
    assert "dinonaktifkan" in str(caught.value)
    with open_as(data_dir) as inst:  # and the refusal let go of the folder
        assert inst.account.role == Role.ADMIN


# -- 5. audit trail ----------------------------------------------------------------------


def test_trail_records_logins_failures_and_changes_without_personal_data(
    installation: Installation, people: tuple[Helper, Post], data_dir: Path
) -> None:
    admin, post = people
    admin_id = installation.account.id
    storage = installation.storage
    saved = save_with_visit(
        storage,
        replace(TARGET, phone="081234567890", address="Jl. Saleh Sungkar No. 5"),
        admin,
        post,
        note="rumah cat hijau",
    )
    storage.save_household(
        replace(saved, head_name="Baiq Nurul Hakimah", address="Jl. Energi No. 2")
    )
    installation.close()
    with pytest.raises(WrongPasswordError):
        open_as(data_dir, ADMIN_NIP, "bukan-kata-sandinya")
    with pytest.raises(WrongPasswordError):
        open_as(data_dir, make_helper(99).nip, ADMIN_PASSWORD)

    with open_as(data_dir) as inst:
        trail = list(reversed(entries(inst.storage)))  # oldest first
        last_login = max(e.seq for e in trail if e.action == audit.LOGIN)
        failed = [e for e in trail if e.action == audit.LOGIN_FAILED]
        assert [(e.account_id, e.details) for e in failed] == [
            (admin_id, {}),
            ("", {"nip": "tidak terdaftar"}),
        ]
        assert all(e.seq < last_login for e in failed)
        assert "Lalu Ahmad Hidayat" in failed[0].actor and ADMIN_NIP not in failed[0].actor
        assert trail[-1].action == audit.LOGIN and trail[-1].account_id == admin_id

        (created,) = [e for e in trail if e.action == audit.CREATE and e.entity_id == saved.id]
        assert created.details["no_kk"] == [None, mask_number(KK)]
        assert created.details["head_nik"] == [None, mask_number(NIK)]
        assert created.details["head_name"] == [None, "B*** N**** H****"]
        assert created.details["phone"] == [None, "(diisi)"]
        (changed,) = [e for e in trail if e.action == audit.UPDATE and e.entity_id == saved.id]
        assert changed.details["head_name"] == ["B*** N**** H****", "B*** N**** H******"]
        assert changed.details["address"] == ["(diisi)", "(diubah)"]
        assert "no_kk" not in changed.details

        text = "\n".join(f"{e.actor} {e.entity} {audit.details_text(e.details)}" for e in trail)
        for secret in (
            KK,
            NIK,
            NAME,
            "Hakimah",
            "081234567890",
            "Saleh Sungkar",
            "Energi",
            "cat hijau",
            ADMIN_NIP,
        ):
            assert secret not in text, secret
        report = inst.storage.verify_audit()
        assert report.ok and report.entries == len(trail)


def tamper(data_dir: Path, key: bytes, *statements: str) -> None:
    with raw_connection(data_dir, key) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        for statement in statements:
            conn.execute(statement)


def verify(data_dir: Path, key: bytes) -> audit.ChainReport:
    with Storage(data_dir, key=key, create=False) as storage:
        return storage.verify_audit()


@pytest.fixture
def trail(installation: Installation, people: tuple[Helper, Post]) -> tuple[Path, bytes, int]:
    """A closed installation with some history: (data folder, data key, last seq)."""
    admin, post = people
    for serial in range(1, 6):
        save_with_visit(
            installation.storage,
            make_household(serial, f"Warga {'ABCDE'[serial - 1]}"),
            admin,
            post,
        )
    installation.close()
    key = installation.data_key
    report = verify(installation.data_dir, key)
    assert report.ok and report.entries > 10
    return installation.data_dir, key, report.entries


def test_trail_cannot_be_changed_through_sql_while_its_guards_stand(
    trail: tuple[Path, bytes, int],
) -> None:
    data_dir, key, last = trail
    with raw_connection(data_dir, key) as conn:
        for statement in (
            "UPDATE audit_log SET details = '{}' WHERE seq = 3",
            "DELETE FROM audit_log WHERE seq = 3",
            f"DELETE FROM audit_log WHERE seq = {last}",
        ):
            with pytest.raises(sqlcipher.DatabaseError, match="append-only"):
                conn.execute(statement)
    report = verify(data_dir, key)
    assert report.ok and report.entries == last


def test_changed_entry_is_found(trail: tuple[Path, bytes, int]) -> None:
    data_dir, key, last = trail
    seq = last // 2
    tamper(data_dir, key, f"UPDATE audit_log SET details = '{{\"diubah\":1}}' WHERE seq = {seq}")
    report = verify(data_dir, key)
    assert not report.ok and report.first_broken == seq
    assert "diubah" in report.reason


def test_deleted_middle_entry_is_found(trail: tuple[Path, bytes, int]) -> None:
    data_dir, key, last = trail
    seq = last // 2
    tamper(data_dir, key, f"DELETE FROM audit_log WHERE seq = {seq}")
    report = verify(data_dir, key)
    assert not report.ok and report.first_broken == seq
    assert "hilang" in report.reason


def test_cut_off_end_of_the_trail_is_found(trail: tuple[Path, bytes, int]) -> None:
    data_dir, key, last = trail
    tamper(data_dir, key, f"DELETE FROM audit_log WHERE seq > {last - 3}")
    report = verify(data_dir, key)
    assert not report.ok and report.first_broken == last - 2
    assert "dihapus" in report.reason and str(last) in report.reason


# -- 6. consent --------------------------------------------------------------------------


def test_household_without_consent_is_not_stored(
    storage: Storage, people: tuple[Helper, Post]
) -> None:
    admin, post = people
    with pytest.raises(RecordValidationError) as caught:
        save_with_visit(storage, replace(TARGET, consent=False), admin, post)
    assert "consent" in caught.value.problems
    assert storage.household_by_kk(KK) is None and storage.stats()["visits"] == 0
    # Unticking consent on a stored household is no way round the withdrawal either.
    saved = save_with_visit(storage, TARGET, admin, post)
    with pytest.raises(RecordValidationError) as caught:
        storage.save_household(replace(saved, consent=False))
    assert "consent" in caught.value.problems


@pytest.fixture
def withdrawn(
    installation: Installation, people: tuple[Helper, Post]
) -> tuple[Installation, Household, Household]:
    """TARGET stored with visits and notes among other households, then withdrawn:
    (installation, the household before, the household after)."""
    admin, post = people
    storage = installation.storage
    for serial in range(2, 30):
        save_with_visit(storage, make_household(serial, "Lalu Wira Sentana"), admin, post)
    before = save_with_visit(
        storage,
        replace(
            TARGET,
            phone="081234567890",
            address="Gang Langko Raya No. 77",
            help_reason=HelpReason.LAINNYA,
            help_note="tunanetra sejak lahir",
        ),
        admin,
        post,
        Outcome.GAGAL,
        failure_reason=FailureReason.LAINNYA,
        failure_note="anaknya di Malaysia",
    )
    storage.add_visit(make_visit(before, admin, post, note="sudah dibantu cucunya"))
    for serial in range(30, 40):
        save_with_visit(storage, make_household(serial, "Inaq Rahmah"), admin, post)
    before = storage.household(before.id)
    after = storage.withdraw_consent(before.id)
    return installation, before, after


PRIVATE_TEXTS = [
    b"081234567890",
    b"Gang Langko Raya",
    b"tunanetra sejak lahir",
    b"anaknya di Malaysia",
    b"sudah dibantu cucunya",
]


def test_withdrawal_erases_personal_data_and_keeps_the_count(
    withdrawn: tuple[Installation, Household, Household],
) -> None:
    installation, before, after = withdrawn
    storage = installation.storage
    for name in ("no_kk", "head_nik", "head_name", "address", "phone", "help_note", "rt", "rw"):
        assert getattr(after, name) == "", name
    assert after.erased_at and not after.consent
    assert (after.latest_outcome, after.visit_count) == (Outcome.BERHASIL, 2)
    assert after.latest_visit_at == before.latest_visit_at
    assert after.kelurahan_code == before.kelurahan_code
    visits = storage.visits_for(after.id)
    assert len(visits) == 2 and all(v.note == v.failure_note == "" for v in visits)
    assert all_pks(storage, text="Hakim") == []
    assert all_pks(storage, text="Baiq Nurul") == []
    assert all_pks(storage, text=KK) == [] and all_pks(storage, text=NIK) == []
    assert storage.household_by_kk(KK) is None
    assert storage.count_by_outcome(HouseholdQuery(text="Nurul")) == {
        "berhasil": 0,
        "gagal": 0,
        "belum": 0,
        "tanpa_kunjungan": 0,
    }
    assert storage.stats()["households"] == 39
    assert len(all_pks(storage, text="Lalu Wira")) == 28  # the others are untouched
    (erase,) = entries(storage, action=audit.ERASE)
    assert erase.entity_id == after.id and erase.details["kunjungan_disimpan_tanpa_nama"] == 2
    assert storage.verify_audit().ok
    # Erased for good: it cannot be filled in again.
    with pytest.raises(UserFacingError):
        storage.save_household(replace(before, consent=True))


def test_withdrawn_numbers_and_notes_are_gone_from_the_file(
    withdrawn: tuple[Installation, Household, Household],
) -> None:
    installation, _before, _after = withdrawn
    installation.close()
    pages = decrypted_pages(installation.data_dir / DB_FILENAME, installation.data_key)
    assert b"Lalu Wira Sentana" in pages  # the decryption works
    needles = [NAME.encode(), KK.encode(), NIK.encode(), *PRIVATE_TEXTS]
    left = [n for n in needles if n in pages]
    assert left == [], f"erased data still in the database file (free space): {left}"


def test_withdrawn_name_is_gone_from_the_name_index_in_the_file(
    withdrawn: tuple[Installation, Household, Household],
) -> None:
    installation, _before, _after = withdrawn
    installation.close()
    pages = decrypted_pages(installation.data_dir / DB_FILENAME, installation.data_key)
    assert b"sentana" in pages  # other names' index words are there
    left = [w for w in NAME_WORDS if w in pages]
    assert left == [], f"words of the erased name still in the database file: {left}"


def test_helper_cannot_withdraw_consent_for_someone_elses_household(
    shared: dict[str, Any], data_dir: Path
) -> None:
    a, b = shared["a"], shared["b"]
    with open_as(data_dir, HELPER.nip, HELPER_PASSWORD) as inst:
        with pytest.raises(PermissionDeniedError):
            inst.storage.withdraw_consent(a.id)
        assert inst.storage.withdraw_consent(b.id).erased_at  # their own: allowed
    with open_as(data_dir) as inst:
        stored = inst.storage.household(a.id)
        assert (stored.no_kk, stored.head_name, stored.erased_at) == (KK, NAME, "")


# -- 7. retention ------------------------------------------------------------------------


def test_purge_after_the_retention_end_keeps_only_counts(
    storage: Storage, people: tuple[Helper, Post]
) -> None:
    admin, post = people
    outcomes = [Outcome.BERHASIL, Outcome.GAGAL, Outcome.BELUM, None, Outcome.BERHASIL]
    for serial in range(1, 11):
        household = make_household(
            serial,
            f"Warga {'ABCDEFGHIJ'[serial - 1]}",
            kelurahan_code=AMPENAN_SELATAN if serial <= 6 else PEJERUK,
        )
        outcome = outcomes[serial % len(outcomes)]
        if outcome is None:
            storage.save_household(household)
        else:
            extra = {"failure_reason": FailureReason.CAPTCHA} if outcome is Outcome.GAGAL else {}
            save_with_visit(storage, household, admin, post, outcome, **extra)
    first = storage.household_by_kk(make_household(1).no_kk)
    assert first is not None
    storage.withdraw_consent(first.id)

    with pytest.raises(PermissionDeniedError):  # no end date set
        storage.purge_personal_data()
    storage.set_retention_until(clock.today() + timedelta(days=30))
    assert not storage.retention_due()
    with pytest.raises(PermissionDeniedError) as caught:
        storage.purge_personal_data()
    assert "belum berakhir" in str(caught.value)
    assert storage.household_by_kk(make_household(2).no_kk) is not None  # nothing erased

    storage.set_retention_until(clock.today() - timedelta(days=1))
    assert storage.retention_due()
    codes = storage.kelurahan_in_use()
    assert codes == [AMPENAN_SELATAN, PEJERUK]
    counts_before = {c: storage.count_by_outcome(HouseholdQuery(kelurahan_code=c)) for c in codes}
    stats_before = storage.stats()

    summary = storage.purge_personal_data()
    assert (summary.purged, summary.already_erased) == (9, 1)
    assert dict(summary.by_kelurahan) == counts_before
    assert summary.visits_kept == stats_before["visits"]
    assert summary.retention_until == clock.today() - timedelta(days=1)
    assert storage.stats() == stats_before
    rows = storage.household_rows(all_pks(storage))
    assert len(rows) == 10
    assert all(r.erased and r.no_kk == r.head_nik == r.head_name == "" for r in rows.values())
    assert all_pks(storage, text="Warga") == []
    assert not storage.retention_due()
    (entry,) = entries(storage, action=audit.PURGE)
    assert entry.hash == summary.audit_hash and entry.details["dihapus"] == 9
    assert storage.verify_audit().ok

    again = storage.purge_personal_data()
    assert (again.purged, again.already_erased) == (0, 10)
    assert dict(again.by_kelurahan) == counts_before


def test_purged_names_and_numbers_are_gone_from_the_file(
    installation: Installation, people: tuple[Helper, Post]
) -> None:
    admin, post = people
    storage = installation.storage
    purged = [TARGET, make_household(2, "Amaq Sahnan Kertawijaya")]
    for household in purged:
        save_with_visit(storage, household, admin, post, note="catatan rahasia petugas")
    storage.set_retention_until(clock.today() - timedelta(days=1))
    assert storage.purge_personal_data().purged == 2
    installation.close()
    pages = decrypted_pages(installation.data_dir / DB_FILENAME, installation.data_key)
    assert b"Lalu Ahmad Hidayat" in pages  # the decryption works
    needles = [b"catatan rahasia petugas"]
    for household in purged:
        needles += [household.no_kk.encode(), household.head_nik.encode()]
        needles += [household.head_name.encode()]
        needles += [w.lower().encode() for w in household.head_name.split()]
    left = [n for n in needles if n in pages]
    assert left == [], f"purged data still in the database file: {left}"


# -- 8. two instances --------------------------------------------------------------------

HOLDER = """
import sys
from pathlib import Path
from sp_desktop.core.security.installation import Installation
inst = Installation.open(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
print("READY", flush=True)
sys.stdin.read()
"""

WRITER = """
import sys
from pathlib import Path
from factories import make_household, make_visit
from sp_desktop.core.security.installation import Installation
inst = Installation.open(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
storage = inst.storage
helper, post = storage.helpers()[0], storage.posts()[0]
print("READY", flush=True)
for serial in range(1, 10000):
    household = make_household(serial, "Warga Uji")
    storage.save_household(household, make_visit(household, helper, post))
print("DONE", flush=True)
sys.stdin.read()
"""


def child_process(
    script: str, data_dir: Path
) -> contextlib.AbstractContextManager[subprocess.Popen[str]]:
    """A child that opens the installation as the admin and says READY."""
    return ready_child(
        script, str(data_dir), ADMIN_NIP, ADMIN_PASSWORD, what="the child did not open the data"
    )


def test_second_instance_in_the_same_process_is_refused(
    installation: Installation, data_dir: Path
) -> None:
    for program in (installation_module.PROGRAM_APP, installation_module.PROGRAM_CLI):
        with pytest.raises(DataInUseError) as caught:
            Installation.open(data_dir, ADMIN_NIP, ADMIN_PASSWORD, program=program)
        assert "aplikasi" in caught.value.message
        assert caught.value.holder is not None and caught.value.holder.pid == os.getpid()
    assert installation.storage.household_by_kk(KK) is None  # the first one still works


def test_second_instance_in_another_process_is_refused_until_it_dies(
    installation: Installation, people: tuple[Helper, Post], data_dir: Path
) -> None:
    admin, post = people
    save_with_visit(installation.storage, TARGET, admin, post)
    installation.close()
    with child_process(HOLDER, data_dir) as child:
        with pytest.raises(DataInUseError) as caught:
            open_as(data_dir)
        assert "aplikasi" in caught.value.message
        assert caught.value.holder is not None and caught.value.holder.pid == child.pid
        child.kill()
        child.wait(30)
    with open_as(data_dir) as inst:
        found = inst.storage.household_by_kk(KK)
        assert found is not None and found.head_name == NAME
        assert inst.storage.integrity_ok() and inst.storage.verify_audit().ok


# -- 9. killed mid-write -----------------------------------------------------------------


@pytest.mark.slow
def test_kill_in_the_middle_of_saves_leaves_each_household_with_its_audit_entry(
    installation: Installation, people: tuple[Helper, Post], data_dir: Path
) -> None:
    installation.close()
    with child_process(WRITER, data_dir) as child:
        time.sleep(1.0)
        assert child.poll() is None, "the writer finished before it could be interrupted"
        child.kill()
        child.wait(30)
        assert child.returncode == KILLED
    with open_as(data_dir) as inst:
        storage = inst.storage
        assert storage.integrity_ok()
        report = storage.verify_audit()
        assert report.ok, report.describe()
        households = {r.id: r for r in storage.household_rows(all_pks(storage)).values()}
        print(f"{len(households)} households committed before the kill")
        assert 0 < len(households) < 9999
        created: dict[str, set[str]] = {}
        for e in entries(storage, action=audit.CREATE):
            created.setdefault(e.entity, set()).add(e.entity_id)
        assert created["rumah_tangga"] == set(households)
        visits = storage.stats()["visits"]
        assert len(created["kunjungan"]) == visits == len(households)
        assert all(r.visit_count == 1 for r in households.values())


def test_changing_an_accounts_role_keeps_the_helpers_phone_and_opd(
    installation: Installation,
) -> None:
    storage = installation.storage
    helper = storage.save_helper(replace(make_helper(31, "Ketut Arya"), phone="081234567890"))
    installation.save_account(
        Helper(nip=helper.nip, name=""), Role.HELPER, password="sandi-ketut-1"
    )
    installation.save_account(Helper(nip=helper.nip, name=""), Role.COORDINATOR)
    again = next(h for h in storage.helpers() if h.nip == helper.nip)
    assert (again.name, again.phone, again.opd) == ("Ketut Arya", "081234567890", helper.opd)
