"""The command line, run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sp_desktop.core.identifiers import compose_kk, compose_nik, compose_nip
from sp_desktop.core.storage import DB_FILENAME, Storage


def sp(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "sp_desktop", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        check=False,
    )


def assert_one_line_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_demo_then_stats(tmp_path: Path) -> None:
    result = sp("--data-dir", str(tmp_path), "demo", "--households", "300", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "300 rumah tangga" in result.stdout
    stats = json.loads(sp("--data-dir", str(tmp_path), "stats").stdout)
    assert stats["households"] == 300
    assert stats["visits"] >= 285  # about 5% are registered without a visit yet
    assert sum(stats["by_outcome"].values()) == 300
    assert set(stats["by_outcome"]) == {"berhasil", "gagal", "belum", "tanpa_kunjungan"}
    plain = sqlite3.connect(tmp_path / DB_FILENAME)
    assert plain.execute("SELECT count(*) FROM visits").fetchone()[0] == stats["visits"]
    berhasil = plain.execute(
        "SELECT count(*) FROM households WHERE latest_outcome = 'berhasil'"
    ).fetchone()[0]
    plain.close()
    assert stats["by_outcome"]["berhasil"] == berhasil


def test_demo_refuses_an_installation_with_only_a_post(tmp_path: Path) -> None:
    from factories import make_post

    with Storage(tmp_path) as storage:
        storage.save_post(make_post())
    result = sp("--data-dir", str(tmp_path), "demo", "--households", "5")
    assert result.returncode == 1
    assert_one_line_no_traceback(result)
    stats = json.loads(sp("--data-dir", str(tmp_path), "stats").stdout)
    assert (stats["posts"], stats["households"], stats["demo"]) == (1, 0, False)


def test_data_dir_from_environment(tmp_path: Path) -> None:
    result = sp("demo", "--households", "10", env={"SP_DESKTOP_DATA_DIR": str(tmp_path / "env")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env" / DB_FILENAME).exists()


def test_demo_refuses_a_folder_with_data(tmp_path: Path) -> None:
    assert sp("--data-dir", str(tmp_path), "demo", "--households", "5").returncode == 0
    result = sp("--data-dir", str(tmp_path), "demo", "--households", "5")
    assert result.returncode == 1
    assert_one_line_no_traceback(result)
    assert "folder" in result.stderr
    assert json.loads(sp("--data-dir", str(tmp_path), "stats").stdout)["households"] == 5


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
    result = sp("--data-dir", str(tmp_path / "kosong"), "stats")
    assert result.returncode == 1
    assert_one_line_no_traceback(result)
    assert not (tmp_path / "kosong").exists()


def test_corrupt_database_is_reported_and_left_alone(tmp_path: Path) -> None:
    garbage = os.urandom(8192)
    (tmp_path / DB_FILENAME).write_bytes(garbage)
    for args in (["stats"], ["demo", "--households", "5"]):
        result = sp("--data-dir", str(tmp_path), *args)
        assert result.returncode == 1
        assert_one_line_no_traceback(result)
        assert "rusak" in result.stderr
    assert (tmp_path / DB_FILENAME).read_bytes() == garbage


def test_unusable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    result = sp("--data-dir", str(blocker / "data"), "demo", "--households", "5")
    assert result.returncode == 1
    assert_one_line_no_traceback(result)


def test_locked_database_is_reported_and_nothing_lost(tmp_path: Path) -> None:
    Storage(tmp_path).close()  # an empty installation
    holder = sqlite3.connect(tmp_path / DB_FILENAME)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = sp("--data-dir", str(tmp_path), "demo", "--households", "5")
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 1
    assert_one_line_no_traceback(result)
    assert "dipakai" in result.stderr
    assert json.loads(sp("--data-dir", str(tmp_path), "stats").stdout)["households"] == 0
