"""The command line, run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cli_support import (
    ADMIN,
    COORDINATOR,
    HELPER,
    assert_one_line_no_traceback,
    demo,
    sp,
    stats,
)
from factories import keyed_connection

from sp_desktop.core.demo import DEMO_PASSWORD
from sp_desktop.core.domain.identifiers import compose_kk, compose_nik, compose_nip
from sp_desktop.core.security.keyring import Keyring
from sp_desktop.core.storage import DB_FILENAME


def test_demo_then_stats(tmp_path: Path) -> None:
    result = sp("--data-dir", str(tmp_path), "demo", "--households", "300", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "300 rumah tangga" in result.stdout
    assert ADMIN in result.stdout and DEMO_PASSWORD in result.stdout  # the README's promise
    numbers = stats(tmp_path)
    assert numbers["households"] == 300
    assert numbers["visits"] >= 285  # about 5% are registered without a visit yet
    assert sum(numbers["by_outcome"].values()) == 300
    assert set(numbers["by_outcome"]) == {"berhasil", "gagal", "belum", "tanpa_kunjungan"}
    key = Keyring.load(tmp_path).unlock(ADMIN, DEMO_PASSWORD).data_key
    plain = keyed_connection(tmp_path / DB_FILENAME, key)
    assert plain.execute("SELECT count(*) FROM visits").fetchone()[0] == numbers["visits"]
    berhasil = plain.execute(
        "SELECT count(*) FROM households WHERE latest_outcome = 'berhasil'"
    ).fetchone()[0]
    plain.close()
    assert numbers["by_outcome"]["berhasil"] == berhasil
    # Every demo account signs in and sees the same totals.
    assert stats(tmp_path, HELPER)["households"] == stats(tmp_path, COORDINATOR)["households"]


def test_commands_that_open_data_need_an_account(tmp_path: Path) -> None:
    demo(tmp_path)
    anonymous = sp("--data-dir", str(tmp_path), "stats")
    assert anonymous.returncode == 1
    assert_one_line_no_traceback(anonymous)
    assert "--user" in anonymous.stderr
    as_admin = ["--data-dir", str(tmp_path), "--user", ADMIN]
    wrong = sp(*as_admin, "stats", env={"SP_DESKTOP_PASSWORD": "bukan-sandinya"})
    assert wrong.returncode == 1
    assert_one_line_no_traceback(wrong)
    assert "kata sandi salah" in wrong.stderr
    no_password = sp(*as_admin, "stats", env={"SP_DESKTOP_PASSWORD": ""})
    assert no_password.returncode == 1 and "SP_DESKTOP_PASSWORD" in no_password.stderr
    # The failed attempt is in the audit trail, under the account it was tried for.
    trail = sp(*as_admin, "audit", "list", "--limit", "20")
    assert trail.returncode == 0, trail.stderr
    failed = [line for line in trail.stdout.splitlines() if "\tmasuk_gagal\t" in line]
    assert len(failed) == 1 and "Admin Demo" in failed[0]


def test_roles_bind_the_command_line_too(tmp_path: Path) -> None:
    demo(tmp_path)
    as_helper = ["--data-dir", str(tmp_path), "--user", HELPER]
    for command in (["audit", "list"], ["backup"], ["retention", "2021-01-31"]):
        result = sp(*as_helper, *command)
        assert result.returncode == 1, command
        assert_one_line_no_traceback(result)
        assert "tidak boleh" in result.stderr
    as_coordinator = ["--data-dir", str(tmp_path), "--user", COORDINATOR, "account", "add"]
    helper_nip = compose_nip(date(1992, 2, 2), date(2019, 3, 1), False, 5)
    added = sp(
        *as_coordinator,
        *("--nip", helper_nip, "--name", "Made Wirawan", "--role", "petugas"),
        env={"SP_DESKTOP_NEW_PASSWORD": "petugas-baru-1"},
    )
    assert added.returncode == 0, added.stderr
    new_helper = sp(
        "--data-dir",
        str(tmp_path),
        "--user",
        helper_nip,
        "stats",
        env={"SP_DESKTOP_PASSWORD": "petugas-baru-1"},
    )
    assert new_helper.returncode == 0, new_helper.stderr
    admin_nip = compose_nip(date(1993, 3, 3), date(2019, 3, 1), False, 6)
    promoted = sp(
        *as_coordinator,
        *("--nip", admin_nip, "--name", "Putu Admin", "--role", "admin"),
        env={"SP_DESKTOP_NEW_PASSWORD": "admin-baru-12"},
    )
    assert promoted.returncode == 1 and "tidak boleh" in promoted.stderr


def test_audit_verify_names_the_first_broken_entry(tmp_path: Path) -> None:
    demo(tmp_path)
    ok = sp("--data-dir", str(tmp_path), "--user", ADMIN, "audit", "verify")
    assert ok.returncode == 0 and "utuh" in ok.stdout
    key = Keyring.load(tmp_path).unlock(ADMIN, DEMO_PASSWORD).data_key
    conn = keyed_connection(tmp_path / DB_FILENAME, key)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'Orang Lain' WHERE seq = 3")
    conn.commit()
    conn.close()
    broken = sp("--data-dir", str(tmp_path), "--user", ADMIN, "audit", "verify")
    assert broken.returncode == 1
    assert "nomor 3" in broken.stderr


def test_setup_then_recover_when_every_password_is_lost(tmp_path: Path) -> None:
    folder, sheet = tmp_path / "data", tmp_path / "lembar.pdf"
    admin_nip = compose_nip(date(1979, 7, 7), date(2003, 1, 1), False, 9)
    created = sp(
        *("--data-dir", str(folder), "setup", "--office", "Kantor Lurah Oebobo"),
        *("--kelurahan", "53.71.04.1001", "--admin-nip", admin_nip),
        *("--admin-name", "Yohanes Tefa", "--recovery-sheet", str(sheet)),
        env={"SP_DESKTOP_PASSWORD": "sandi-pertama-1"},
    )
    assert created.returncode == 0, created.stderr
    assert sheet.exists() and "tidak dapat dipulihkan" in created.stdout
    text = subprocess.run(
        ["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    recovery_key = next(line.strip() for line in text.splitlines() if line.strip().count("-") == 7)
    recovered = sp(
        *("--data-dir", str(folder), "recover", "--admin-nip", admin_nip),
        env={
            "SP_DESKTOP_RECOVERY_KEY": recovery_key.lower(),
            "SP_DESKTOP_NEW_PASSWORD": "sandi-baru-22",
        },
    )
    assert recovered.returncode == 0, recovered.stderr
    as_admin = ["--data-dir", str(folder), "--user", admin_nip, "stats"]
    assert sp(*as_admin, env={"SP_DESKTOP_PASSWORD": "sandi-baru-22"}).returncode == 0
    assert sp(*as_admin, env={"SP_DESKTOP_PASSWORD": "sandi-pertama-1"}).returncode == 1


def test_data_dir_from_environment(tmp_path: Path) -> None:
    result = sp("demo", "--households", "10", env={"SP_DESKTOP_DATA_DIR": str(tmp_path / "env")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env" / DB_FILENAME).exists()


def test_demo_refuses_a_folder_with_data(tmp_path: Path) -> None:
    demo(tmp_path)
    result = sp("--data-dir", str(tmp_path), "demo", "--households", "5")
    assert result.returncode == 1
    assert_one_line_no_traceback(result)
    assert "folder" in result.stderr
    assert stats(tmp_path)["households"] == 5


def test_validate_prints_a_line_per_value_and_exit_code() -> None:
    nik = compose_nik("527101", date(1990, 5, 17), True, 12)
    kk = compose_kk("537101", date(2012, 1, 9), 3)
    nip = compose_nip(date(1980, 1, 2), date(2005, 3, 1), True, 1)
    good = sp("validate", "nik", nik)
    assert good.returncode == 0
    value, verdict, reason = good.stdout.rstrip("\n").split("\t")
    assert (value, verdict) == (nik, "valid") and reason
    assert sp("validate", "kk", kk).returncode == 0
    assert sp("validate", "nip", nip).returncode == 0
    mixed = sp("validate", "nik", nik, "12345")
    assert mixed.returncode == 1
    lines = [line.split("\t") for line in mixed.stdout.splitlines()]
    assert [line[1] for line in lines] == ["valid", "invalid"]
    assert "16" in lines[1][2]  # says how long a NIK must be


@pytest.mark.parametrize(
    "args",
    [["frobnicate"], ["validate", "paspor", "1"], ["demo"], ["demo", "--households", "banyak"]],
)
def test_bad_commands_get_one_line_and_exit_2(args: list[str]) -> None:
    result = sp(*args)
    assert result.returncode == 2
    assert_one_line_no_traceback(result)


def test_stats_on_missing_data(tmp_path: Path) -> None:
    result = sp("--data-dir", str(tmp_path / "kosong"), "--user", ADMIN, "stats")
    assert result.returncode == 1
    assert_one_line_no_traceback(result)
    assert not (tmp_path / "kosong").exists()


def test_corrupt_database_is_reported_and_left_alone(tmp_path: Path) -> None:
    garbage = os.urandom(8192)
    (tmp_path / DB_FILENAME).write_bytes(garbage)
    for args in (["--user", ADMIN, "stats"], ["demo", "--households", "5"]):
        result = sp("--data-dir", str(tmp_path), *args)
        assert result.returncode == 1
        assert_one_line_no_traceback(result)
        # Random bytes without a key file: to SP Desktop, encrypted data whose key is gone.
        assert "cadangan" in result.stderr
    assert (tmp_path / DB_FILENAME).read_bytes() == garbage


def test_unusable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    result = sp("--data-dir", str(blocker / "data"), "demo", "--households", "5")
    assert result.returncode == 1
    assert_one_line_no_traceback(result)


def test_second_instance_is_told_who_uses_the_data(tmp_path: Path) -> None:
    demo(tmp_path)
    script = (
        "import sys, time, pathlib\n"
        "from sp_desktop.core.security.instance_lock import InstanceLock\n"
        "lock = InstanceLock(pathlib.Path(sys.argv[1]), program='aplikasi')\n"
        "lock.acquire(); print('READY', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "READY"
        result = sp("--data-dir", str(tmp_path), "--user", ADMIN, "stats")
    finally:
        holder.kill()
        holder.wait(10)
        assert holder.stdout is not None
        holder.stdout.close()
    assert result.returncode == 1
    assert_one_line_no_traceback(result)
    assert "sedang dipakai" in result.stderr and "aplikasi" in result.stderr
    assert stats(tmp_path)["households"] == 5  # free again once the other one is gone


def test_a_reader_that_stops_early_is_not_a_program_error(tmp_path: Path) -> None:
    """`sp-desktop stats | head -1`: the pipe closes before everything is written."""
    demo(tmp_path)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SP_DESKTOP_")}
    environment["SP_DESKTOP_PASSWORD"] = DEMO_PASSWORD
    command = [sys.executable, "-m", "sp_desktop", "--data-dir", str(tmp_path), "--user", ADMIN]
    with subprocess.Popen(
        [*command, "stats"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environment,
        text=True,
    ) as process:
        assert process.stdout is not None
        process.stdout.close()  # before the child has printed anything
        _, errors = process.communicate(timeout=120)
    assert "Traceback" not in errors and "kesalahan program" not in errors
    assert not (tmp_path / "laporan-galat").exists()


def test_restore_from_the_command_line_brings_the_backup_back(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    demo(folder, households=5)
    saved = sp("--data-dir", str(folder), "--user", ADMIN, "backup")
    assert saved.returncode == 0, saved.stderr
    [backup] = (folder / "cadangan").glob("*.spcadangan")
    more = sp("--data-dir", str(folder), "demo", "--households", "3")
    assert more.returncode != 0  # demo refuses a folder with data: nothing changes there
    without_user = sp("--data-dir", str(folder), "restore", str(backup))
    assert without_user.returncode != 0
    assert_one_line_no_traceback(without_user)
    restored = sp("--data-dir", str(folder), "--user", ADMIN, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "Data dipulihkan" in restored.stdout
    assert stats(folder)["households"] == 5
    english = sp(
        "--data-dir", str(folder), "--user", ADMIN, "restore", str(backup),
        env={"SP_DESKTOP_LANG": "en"},
    )  # fmt: skip
    assert english.returncode == 0, english.stderr
    assert "Data dipulihkan" not in english.stdout and "restored" in english.stdout.lower()
