"""Backups on real files: the round trip, nothing readable inside, rotation, who may do
what, damaged and foreign files refused with the data untouched, a full disk and a
process killed half-way."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from factories import (
    ADMIN_PASSWORD,
    AMPENAN_SELATAN,
    HELPER_PASSWORD,
    make_helper,
    make_household,
    reopen,
)
from zip_support import overstate_compressed_size

import sp_desktop
from sp_desktop.core.base.errors import NotFoundError, disk_full
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.domain.permissions import PermissionDeniedError, Role
from sp_desktop.core.security import backup as backup_module
from sp_desktop.core.security.backup import (
    DATABASE_NAME,
    KEYRING_NAME,
    MANIFEST_NAME,
    BackupError,
    backup_due,
    create_backup,
    last_backup,
    list_backups,
    read_backup,
    restore_backup,
)
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.security.instance_lock import INFO_FILENAME, LOCK_FILENAME, DataInUseError
from sp_desktop.core.security.keyring import (
    ATTEMPTS_FILENAME,
    KEYRING_FILENAME,
    LoginAttempts,
    WrongPasswordError,
)
from sp_desktop.core.storage import DB_FILENAME
from sp_desktop.core.trust import audit

REPO = Path(sp_desktop.__file__).resolve().parent.parent
# Popen.kill(): SIGKILL on POSIX, TerminateProcess (exit code 1) on Windows.
KILLED = 1 if sys.platform == "win32" else -signal.SIGKILL
ADMIN_NIP = make_helper().nip
NEW_PASSWORD = "sandi-baru-ampenan-2021"
NAME = re.compile(r"sp-desktop-manual-\d{8}-\d{6}(-\d+)?\.spcadangan")
TWO_HOURS_AGO = time.time() - 2 * 3600


@dataclass
class Office:
    """A data folder (closed) with a manual backup made between two households."""

    data_dir: Path
    backup: Path
    kept_id: str  # saved before the backup
    later_id: str  # saved after it


@pytest.fixture
def office(installation: Installation, people: tuple[Helper, Post]) -> Office:
    storage = installation.storage
    kept = storage.save_household(make_household(1))
    path = create_backup(installation, label="manual")
    later = storage.save_household(make_household(2, name="Siti Aminah"))
    installation.close()  # restoring needs the folder free
    return Office(installation.data_dir, path, kept.id, later.id)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(data_dir: Path) -> dict[str, str]:
    """Every file (by hash) and folder in the data folder, except the lock and the
    failed-login counter (a wrong password is meant to be counted)."""
    skip = {LOCK_FILENAME, INFO_FILENAME, ATTEMPTS_FILENAME}
    return {
        p.relative_to(data_dir).as_posix(): sha256(p) if p.is_file() else "folder"
        for p in sorted(data_dir.rglob("*"))
        if p.name not in skip
    }


def households(data_dir: Path, password: str = ADMIN_PASSWORD) -> int:
    with Installation.open(data_dir, ADMIN_NIP, password) as inst:
        assert inst.storage.integrity_ok()
        return int(inst.storage.stats()["households"])


def new_office(data_dir: Path) -> tuple[Installation, str]:
    return Installation.create(
        data_dir,
        office="Kantor Lurah Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=make_helper(),
        password=ADMIN_PASSWORD,
    )


# -- the round trip -------------------------------------------------------------------------


def test_restore_brings_back_the_data_as_it_was(office: Office, tmp_path: Path) -> None:
    info = read_backup(office.backup)
    steps: list[tuple[int, int, str]] = []
    restored = restore_backup(
        office.data_dir,
        office.backup,
        nip=ADMIN_NIP,
        password=ADMIN_PASSWORD,
        progress=Progress(lambda *step: steps.append(step)),
    )
    # The window shows each step: the bar moves from the key to the data in place.
    assert [done for done, _total, _text in steps] == [0, 1, 2, 3, 4, 5]
    assert {total for _done, total, _text in steps} == {5}
    assert steps[1][2] == "Memeriksa dan menyalin data cadangan…"
    with restored:
        storage = restored.storage
        assert restored.account.nip == ADMIN_NIP
        assert storage.household(office.kept_id).head_name == "Baiq Nurul Hakim"
        with pytest.raises(NotFoundError):
            storage.household(office.later_id)  # saved after the backup: gone
        assert storage.stats()["households"] == 1
        [entry] = storage.audit_entries(action=audit.RESTORE)
        assert entry.details["berkas"] == office.backup.name
        assert entry.details["dibuat"] == info.created_at.isoformat()
        assert storage.verify_audit().ok
        key = restored.data_key
    # The data from before the restore is kept, still encrypted, and opens with the key.
    [aside] = (office.data_dir / "cadangan").glob("sebelum-pulih-*.sqlite3")
    assert aside.read_bytes()[:16] != b"SQLite format 3\x00"
    old = tmp_path / "lama"
    old.mkdir()
    shutil.copyfile(aside, old / DB_FILENAME)
    with reopen(old, key) as store:
        assert store.stats()["households"] == 2
    assert households(office.data_dir) == 1


def test_backup_file_layout_and_manifest(installation: Installation, people: object) -> None:
    storage = installation.storage
    storage.save_household(make_household(1))
    path = create_backup(installation, label="manual")
    assert NAME.fullmatch(path.name) and path.parent == installation.data_dir / "cadangan"
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        assert [m.filename for m in members] == [MANIFEST_NAME, KEYRING_NAME, DATABASE_NAME]
        assert {m.compress_type for m in members} == {zipfile.ZIP_STORED}
        manifest = json.loads(archive.read(MANIFEST_NAME))
        database = archive.read(DATABASE_NAME)
        keyring = json.loads(archive.read(KEYRING_NAME))
    assert manifest == {
        "format": "sp-desktop-cadangan",
        "version": 1,
        "installation_id": storage.installation_id,
        "key_check": installation.keyring.key_check,
        "created_at": manifest["created_at"],
        "label": "manual",
        "app_version": sp_desktop.__version__,
        "database": {
            "name": "data.sqlite3",
            "size": len(database),
            "sha256": hashlib.sha256(database).hexdigest(),
        },
        "counts": {"households": 1, "visits": 0},
    }
    created = datetime.fromisoformat(manifest["created_at"])
    assert created.utcoffset() == timedelta(0)
    assert keyring == json.loads((installation.data_dir / KEYRING_FILENAME).read_bytes())
    info = read_backup(path)
    assert (info.path, info.created_at, info.label, info.size) == (
        path,
        created,
        "manual",
        path.stat().st_size,
    )
    assert (info.installation_id, info.key_check) == (
        storage.installation_id,
        installation.keyring.key_check,
    )
    assert info.counts == {"households": 1, "visits": 0}
    # No temp folder or partial file is left behind.
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert not list(installation.data_dir.glob(".cadangan-sementara-*"))
    [entry] = storage.audit_entries(action=audit.BACKUP)
    assert entry.details == {"berkas": path.name, "sha256": sha256(path), "folder": "folder data"}


def test_backup_holds_no_personal_data_in_clear(
    installation: Installation, people: object, tmp_path: Path
) -> None:
    names = ["Baiq Nurul Hakim", "Lalu Muhammad Zaini", "Ni Luh Putu Sari"]
    records = [make_household(n, name=name) for n, name in enumerate(names, start=1)]
    for record in records:
        installation.storage.save_household(record)
    path = create_backup(installation, label="manual", target_dir=tmp_path)
    content = path.read_bytes()
    secrets = [ADMIN_NIP, make_helper().name, "Jl. Saleh Sungkar"]
    for record in records:
        secrets += [record.no_kk, record.head_nik, record.head_name]
    for secret in secrets:
        assert secret.encode("utf-8") not in content, secret
    [entry] = installation.storage.audit_entries(action=audit.BACKUP)
    assert entry.details["folder"] == "folder lain"


# -- rotation and leftovers -------------------------------------------------------------------


def test_rotation_keeps_exactly_keep_of_the_same_label(installation: Installation) -> None:
    folder = installation.data_dir / "cadangan"
    manual = create_backup(installation, label="manual")
    foreign = [folder / "sp-desktop-otomatis-catatan.txt", folder / "foto.jpg"]
    for path in foreign:
        path.write_bytes(b"bukan cadangan")
    made = [create_backup(installation, keep=3) for _ in range(5)]
    assert len(set(made)) == 5  # same second: numbered, never overwritten
    automatic = {p for p in folder.glob("sp-desktop-otomatis-*.spcadangan")}
    assert automatic == set(made[-3:])
    assert manual.exists() and all(p.exists() for p in foreign)
    for path in made[-3:]:
        read_backup(path)


def test_stale_partial_files_and_temp_folders_are_cleaned(installation: Installation) -> None:
    folder = installation.data_dir / "cadangan"
    folder.mkdir()
    stale = folder / "sp-desktop-otomatis-20200101-000000.spcadangan.partial"
    fresh = folder / "sp-desktop-manual-20200101-000000.spcadangan.partial"  # maybe running
    other = folder / "unduhan.partial"  # not ours
    stale_temp = installation.data_dir / ".cadangan-sementara-abc"
    stale_temp.mkdir()
    (stale_temp / "salinan.sqlite3").write_bytes(b"sisa")
    for path in (stale, fresh, other):
        path.write_bytes(b"sisa")
    for path in (stale, other, stale_temp):
        os.utime(path, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    create_backup(installation)
    assert not stale.exists() and not stale_temp.exists()
    assert fresh.exists() and other.exists()


# -- who may do what --------------------------------------------------------------------------


def test_helper_may_back_up_automatically_but_not_manually_nor_restore(
    installation: Installation,
) -> None:
    helper = make_helper(8, "Ni Made Ayu Lestari")
    installation.save_account(helper, Role.HELPER, password=HELPER_PASSWORD)
    installation.unlock(helper.nip, HELPER_PASSWORD)
    assert installation.account.role == Role.HELPER
    automatic = create_backup(installation)
    assert automatic.exists()
    with pytest.raises(PermissionDeniedError):
        create_backup(installation, label="manual")
    assert not list(automatic.parent.glob("sp-desktop-manual-*"))
    installation.close()
    before = snapshot(installation.data_dir)
    with pytest.raises(PermissionDeniedError) as caught:
        restore_backup(installation.data_dir, automatic, nip=helper.nip, password=HELPER_PASSWORD)
    assert "Petugas" in str(caught.value)
    assert snapshot(installation.data_dir) == before


def test_restore_needs_the_data_folder_free(installation: Installation) -> None:
    path = create_backup(installation)
    with pytest.raises(DataInUseError):
        restore_backup(installation.data_dir, path, nip=ADMIN_NIP, password=ADMIN_PASSWORD)
    assert installation.storage.stats()["households"] == 0  # still open and working


# -- damaged, foreign and wrong files -----------------------------------------------------------


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def flip_database_byte(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo(DATABASE_NAME)
    data = bytearray(path.read_bytes())
    header = member.header_offset
    name_length = int.from_bytes(data[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(data[header + 28 : header + 30], "little")
    start = header + 30 + name_length + extra_length
    data[start + member.file_size // 2] ^= 0x01
    path.write_bytes(bytes(data))


def overstate_database_size(path: Path) -> None:
    """The database member's header claims bytes that belong to the next member."""
    overstate_compressed_size(path, DATABASE_NAME)


def replace_with_zip(path: Path) -> None:
    path.unlink()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("foto.jpg", os.urandom(2000))
        archive.writestr("manifest.json", json.dumps({"name": "ekstensi peramban"}))


def replace_with_text(path: Path) -> None:
    path.write_text("Daftar hadir rapat posko\n", encoding="utf-8")


def newer_version(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        members = [(m, archive.read(m)) for m in archive.infolist()]
    path.unlink()
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members:
            if member.filename == MANIFEST_NAME:
                manifest = json.loads(data)
                manifest["version"] = 2
                data = json.dumps(manifest).encode()
            archive.writestr(member, data)


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (cut_in_half, "damaged"),
        (flip_database_byte, "damaged"),
        (overstate_database_size, "damaged"),
        (replace_with_zip, "foreign"),
        (replace_with_text, "foreign"),
        (newer_version, "newer"),
    ],
)
def test_bad_file_is_refused_and_the_data_is_untouched(
    office: Office, tmp_path: Path, spoil: object, reason: str
) -> None:
    bad = tmp_path / "flashdisk" / office.backup.name
    bad.parent.mkdir()
    shutil.copyfile(office.backup, bad)
    spoil(bad)  # type: ignore[operator]
    with pytest.raises(BackupError) as caught:
        read_backup(bad)
    assert caught.value.reason == reason
    before = snapshot(office.data_dir)
    with pytest.raises(BackupError) as caught:
        restore_backup(office.data_dir, bad, nip=ADMIN_NIP, password=ADMIN_PASSWORD)
    assert caught.value.reason == reason and caught.value.hint
    assert snapshot(office.data_dir) == before
    assert households(office.data_dir) == 2
    # Listing reads manifests only (fast): a damaged database shows up, and is refused above.
    expected = [bad] if spoil is flip_database_byte else []
    assert [b.path for b in list_backups(bad.parent)] == expected


def test_each_refusal_has_its_own_message(office: Office, tmp_path: Path) -> None:
    messages = {}
    for spoil in (cut_in_half, replace_with_text, newer_version):
        bad = tmp_path / f"{spoil.__name__}.spcadangan"
        shutil.copyfile(office.backup, bad)
        spoil(bad)
        with pytest.raises(BackupError) as caught:
            read_backup(bad)
        messages[caught.value.reason] = str(caught.value)
    assert set(messages) == {"damaged", "foreign", "newer"}
    assert len(set(messages.values())) == 3
    with pytest.raises(BackupError) as caught:
        read_backup(tmp_path / "tidak-ada.spcadangan")
    assert caught.value.reason == "missing"


def test_backup_from_another_installation_is_refused(office: Office, tmp_path: Path) -> None:
    other, _ = new_office(tmp_path / "kantor-lain")
    with other:
        other_backup = create_backup(other, label="manual", target_dir=tmp_path)
    before = snapshot(office.data_dir)
    with pytest.raises(BackupError) as caught:
        restore_backup(office.data_dir, other_backup, nip=ADMIN_NIP, password=ADMIN_PASSWORD)
    assert caught.value.reason == "other_installation"
    assert "instalasi lain" in str(caught.value)
    assert snapshot(office.data_dir) == before
    assert households(office.data_dir) == 2
    # Into an empty folder (a new PC) it restores.
    with restore_backup(
        tmp_path / "pc-baru", other_backup, nip=ADMIN_NIP, password=ADMIN_PASSWORD
    ) as moved:
        assert moved.storage.installation_id == read_backup(other_backup).installation_id


def test_wrong_password_changes_nothing(office: Office) -> None:
    before = snapshot(office.data_dir)
    with pytest.raises(WrongPasswordError):
        restore_backup(office.data_dir, office.backup, nip=ADMIN_NIP, password="salah-sekali-1")
    assert snapshot(office.data_dir) == before
    # Counted once, like a failed login, although two key files were tried.
    assert len(LoginAttempts(office.data_dir).pending()) == 1
    assert households(office.data_dir) == 2


# -- keys: the recovery sheet, changed passwords, a new PC -----------------------------------------


def test_recovery_key_restores(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    inst, recovery_key = new_office(data_dir)
    with inst:
        inst.storage.save_household(make_household(1))
        path = create_backup(inst, label="manual", target_dir=tmp_path)
        inst.storage.save_household(make_household(2))
    with pytest.raises(WrongPasswordError):
        restore_backup(data_dir, path, nip=ADMIN_NIP, recovery_key="0" * 32)
    # Same PC, sheet only: signed in as that admin, passwords unchanged.
    with restore_backup(data_dir, path, nip=ADMIN_NIP, recovery_key=recovery_key) as restored:
        assert restored.account.nip == ADMIN_NIP
        assert restored.storage.stats()["households"] == 1
        actions = [e.action for e in restored.storage.audit_entries(limit=3)]
        assert actions == [audit.RESTORE, audit.LOGIN, audit.RECOVERY]
    assert households(data_dir) == 1
    # A new PC, every password lost: the sheet and a new password for the admin.
    new_pc = tmp_path / "pc-baru"
    with restore_backup(
        new_pc, path, nip=ADMIN_NIP, recovery_key=recovery_key, password=NEW_PASSWORD
    ) as restored:
        assert restored.storage.verify_audit().ok
    assert households(new_pc, NEW_PASSWORD) == 1


def test_password_changed_since_the_backup_still_works(office: Office) -> None:
    with Installation.open(office.data_dir, ADMIN_NIP, ADMIN_PASSWORD) as inst:
        inst.set_password(inst.account.id, NEW_PASSWORD)
    with restore_backup(office.data_dir, office.backup, nip=ADMIN_NIP, password=NEW_PASSWORD):
        pass
    # The data folder's key file was kept: the new password opens the restored data.
    assert households(office.data_dir, NEW_PASSWORD) == 1
    with pytest.raises(WrongPasswordError):
        households(office.data_dir, ADMIN_PASSWORD)
    # The password valid when the backup was made opens it too (its own kunci.json).
    with restore_backup(office.data_dir, office.backup, nip=ADMIN_NIP, password=ADMIN_PASSWORD):
        pass
    assert households(office.data_dir, NEW_PASSWORD) == 1


def test_restore_on_a_new_pc_with_a_password(office: Office, tmp_path: Path) -> None:
    new_pc = tmp_path / "pc-baru"
    with restore_backup(new_pc, office.backup, nip=ADMIN_NIP, password=ADMIN_PASSWORD) as inst:
        assert inst.storage.household(office.kept_id)
    # The backup's key file came along; nothing was here to set aside.
    assert json.loads((new_pc / KEYRING_FILENAME).read_bytes()) == json.loads(
        (office.data_dir / KEYRING_FILENAME).read_bytes()
    )
    assert not list(new_pc.rglob("sebelum-pulih-*"))
    assert households(new_pc) == 1


# -- when a backup is due ---------------------------------------------------------------------


def test_backup_due_and_listing(installation: Installation) -> None:
    data_dir = installation.data_dir
    folder = data_dir / "cadangan"
    assert backup_due(data_dir) and last_backup(folder) is None and list_backups(folder) == []
    manual = create_backup(installation, label="manual")
    assert backup_due(data_dir)  # only automatic backups count
    automatic = create_backup(installation)
    (folder / "catatan.spcadangan").write_text("bukan cadangan", encoding="utf-8")
    assert not backup_due(data_dir)
    made = read_backup(automatic).created_at
    assert last_backup(folder) == made
    assert last_backup(folder, label="manual") == read_backup(manual).created_at
    assert backup_due(data_dir, now=made + timedelta(hours=25))
    assert not backup_due(data_dir, now=made + timedelta(hours=23))
    assert backup_due(data_dir, now=made + timedelta(hours=2), every=timedelta(hours=1))
    assert backup_due(data_dir, now=made - timedelta(days=1))  # the clock went back
    assert [b.path for b in list_backups(folder)] == [automatic, manual]


# -- a full disk and a killed process, for real, in a child process -------------------------

CHILD_PRELUDE = """
import hashlib, json, os, shutil, sys, time
from pathlib import Path
from sp_desktop.core.security import keyring
keyring.ARGON2_MEMORY_KIB = 1024
keyring.ARGON2_TIME_COST = 1
keyring.ARGON2_PARALLELISM = 1
from sp_desktop.core.security import backup
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage
data_dir = Path(sys.argv[1])
nip, password = os.environ["SP_TEST_NIP"], os.environ["SP_TEST_PASSWORD"]
"""

# One good backup, then two that hit the file size limit (EFBIG, as on a full disk): one
# while writing the backup file, one while copying the database.
DISK_FULL_CHILD = (
    CHILD_PRELUDE
    + """
import resource, signal  # POSIX only, as is this test
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
report = {}
with Installation.open(data_dir, nip, password) as inst:
    older = backup.create_backup(inst, label="manual")
    report["older"] = [older.name, hashlib.sha256(older.read_bytes()).hexdigest()]
    real_backup = Storage.backup

    def copy_then_fill_the_disk(self, **kwargs):
        copy = real_backup(self, **kwargs)
        # The database copy fits; the backup file, a little bigger, does not.
        resource.setrlimit(resource.RLIMIT_FSIZE, (copy.stat().st_size + 512, hard))
        return copy

    Storage.backup = copy_then_fill_the_disk
    try:
        backup.create_backup(inst, label="manual")
    except UserFacingError as err:
        report["zip"] = [type(err).__name__, str(err)]
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        Storage.backup = real_backup
    resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, hard))
    try:
        backup.create_backup(inst, label="manual")
    except UserFacingError as err:
        report["copy"] = [type(err).__name__, str(err)]
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
print(json.dumps(report))
"""
)

# Stops half-way through writing the database into the backup file and waits to be killed.
KILL_DURING_BACKUP_CHILD = (
    CHILD_PRELUDE
    + """
def stall(source, target, length=0):
    target.write(source.read(64 * 1024))
    print("tengah", flush=True)
    time.sleep(120)

shutil.copyfileobj = stall
inst = Installation.open(data_dir, nip, password)
backup.create_backup(inst, label="manual")
"""
)

# Restores, but stops at one step of the swap and waits to be killed there.
KILL_DURING_RESTORE_CHILD = (
    CHILD_PRELUDE
    + """
step = sys.argv[3]
real = getattr(backup, step)

def stall(*args, **kwargs):
    if step == "_open_restored":  # after the swap
        print("tengah", flush=True)
        time.sleep(120)
    result = real(*args, **kwargs)
    print("tengah", flush=True)  # after the old data was set aside, before the swap
    time.sleep(120)

setattr(backup, step, stall)
backup.restore_backup(data_dir, Path(sys.argv[2]), nip=nip, password=password)
"""
)


# Saves one more household and is killed with the data open: the commit sits in the WAL.
SAVE_AND_DIE_CHILD = (
    CHILD_PRELUDE
    + """
from factories import make_household
inst = Installation.open(data_dir, nip, password)
inst.storage.save_household(make_household(int(sys.argv[2]), name="Lalu Muhammad Zaini"))
print("tengah", flush=True)
time.sleep(120)
"""
)


def child_env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")]),
        "PYTHONDONTWRITEBYTECODE": "1",
        "SP_TEST_NIP": ADMIN_NIP,
        "SP_TEST_PASSWORD": ADMIN_PASSWORD,
    }


@contextlib.contextmanager
def stopped_child(script: str, *args: str) -> Iterator[subprocess.Popen[str]]:
    """A child process that has printed "tengah" (it is mid-way); killed on the way out."""
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if line.strip() != "tengah":
            process.kill()
            _, stderr = process.communicate(timeout=30)
            pytest.fail(f"child did not reach the middle: {line!r} {stderr}")
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)
    assert process.returncode == KILLED


def temp_folders(data_dir: Path) -> list[Path]:
    return list(data_dir.glob(".cadangan-sementara-*"))


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_disk_full_leaves_no_partial_file_and_older_backups_intact(office: Office) -> None:
    data_dir = office.data_dir
    result = subprocess.run(
        [sys.executable, "-c", DISK_FULL_CHILD, str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=child_env(),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["zip"] == ["DiskFullError", str(disk_full())]
    # SQLite reports EFBIG as an I/O error (a real full disk, ENOSPC, as "disk is full").
    assert report["copy"][0] in {"DiskFullError", "DataFolderError"}
    older_name, older_sha = report["older"]
    folder = data_dir / "cadangan"
    assert sorted(p.name for p in folder.iterdir()) == sorted([office.backup.name, older_name])
    assert sha256(folder / older_name) == older_sha
    read_backup(folder / older_name)
    read_backup(office.backup)
    assert temp_folders(data_dir) == []
    with Installation.open(data_dir, ADMIN_NIP, ADMIN_PASSWORD) as inst:
        assert inst.storage.integrity_ok()
        assert inst.storage.stats()["households"] == 2
        backups = inst.storage.audit_entries(action=audit.BACKUP)
        assert [e.details["berkas"] for e in backups] == [older_name, office.backup.name]


def test_killed_during_backup_leaves_the_data_and_no_backup(office: Office) -> None:
    data_dir = office.data_dir
    folder = data_dir / "cadangan"
    with stopped_child(KILL_DURING_BACKUP_CHILD, str(data_dir)):
        pass
    [partial] = folder.glob("*.partial")
    assert sorted(folder.glob("*.spcadangan")) == [office.backup]  # nothing under a real name
    [temp] = temp_folders(data_dir)
    with Installation.open(data_dir, ADMIN_NIP, ADMIN_PASSWORD) as inst:
        assert inst.storage.integrity_ok()
        assert inst.storage.stats()["households"] == 2
        # A fresh leftover may belong to a running backup: the next one leaves it alone...
        second = create_backup(inst, label="manual")
        assert partial.exists() and temp.exists()
        # ...and removes it once it is over an hour old.
        for path in (partial, temp):
            os.utime(path, (TWO_HOURS_AGO, TWO_HOURS_AGO))
        third = create_backup(inst, label="manual")
        assert not partial.exists() and temp_folders(data_dir) == []
    assert sorted(folder.iterdir()) == sorted([office.backup, second, third])


@pytest.mark.parametrize(
    ("step", "expected"),
    [("_link_or_copy", 2), ("_open_restored", 1)],
    ids=["before-the-swap", "after-the-swap"],
)
def test_killed_during_restore_leaves_old_or_restored_data(
    office: Office, step: str, expected: int
) -> None:
    with stopped_child(KILL_DURING_RESTORE_CHILD, str(office.data_dir), str(office.backup), step):
        pass
    assert households(office.data_dir) == expected
    # And a restore after that goes through, leftovers or not.
    with restore_backup(
        office.data_dir, office.backup, nip=ADMIN_NIP, password=ADMIN_PASSWORD
    ) as inst:
        assert inst.storage.stats()["households"] == 1


def open_set_aside(aside: Path, key: bytes, folder: Path) -> int:
    """Households in a database set aside by a restore (with its WAL, if any)."""
    folder.mkdir()
    shutil.copyfile(aside, folder / DB_FILENAME)
    wal = aside.with_name(aside.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, folder / f"{DB_FILENAME}-wal")
    with reopen(folder, key) as store:
        assert store.integrity_ok()
        return int(store.stats()["households"])


def test_restore_after_a_crash_keeps_the_last_commits_in_the_copy_set_aside(
    office: Office, tmp_path: Path
) -> None:
    with stopped_child(SAVE_AND_DIE_CHILD, str(office.data_dir), "3"):
        pass
    assert (office.data_dir / f"{DB_FILENAME}-wal").stat().st_size > 0
    with restore_backup(
        office.data_dir, office.backup, nip=ADMIN_NIP, password=ADMIN_PASSWORD
    ) as inst:
        assert inst.storage.stats()["households"] == 1
        key = inst.data_key
    # Folded into the old file before it was set aside: one self-contained file.
    [aside] = (office.data_dir / "cadangan").glob("sebelum-pulih-*.sqlite3")
    assert not aside.with_name(aside.name + "-wal").exists()
    assert open_set_aside(aside, key, tmp_path / "lama") == 3


@pytest.mark.parametrize("checkpoint", [True, False], ids=["checkpointed", "not-checkpointed"])
def test_data_that_lost_its_key_file_is_set_aside_whole(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checkpoint: bool
) -> None:
    """Another installation's data whose kunci.json is gone cannot be identified: it is set
    aside whole, never mixed with the restored file. SQLite folds a WAL into its file
    without needing the key; when that does not happen, the WAL goes along with it."""
    other_dir = tmp_path / "lain"
    other, _ = new_office(other_dir)
    with other:
        other.storage.save_household(make_household(5))
        other_key = other.data_key
    with stopped_child(SAVE_AND_DIE_CHILD, str(other_dir), "6"):
        pass
    (other_dir / KEYRING_FILENAME).unlink()
    if not checkpoint:
        monkeypatch.setattr(backup_module, "_checkpoint", lambda data_dir, key: None)
    with restore_backup(other_dir, office.backup, nip=ADMIN_NIP, password=ADMIN_PASSWORD) as inst:
        assert inst.storage.installation_id == read_backup(office.backup).installation_id
        assert inst.storage.integrity_ok()
    assert households(other_dir) == 1
    [aside] = (other_dir / "cadangan").glob("sebelum-pulih-*.sqlite3")
    if not checkpoint:
        assert aside.with_name(aside.name + "-wal").stat().st_size > 0
    assert open_set_aside(aside, other_key, tmp_path / "lama") == 2
