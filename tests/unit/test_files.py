"""Replacing files the way Windows lets us: retried while another program holds them.

Root on Linux cannot be refused a rename by file modes, and Linux never refuses one
because a file is open, so os.replace (called only by `files`) is swapped for
`WindowsLikeReplace`: it fails the first N times as Windows does (PermissionError,
winerror 32) and then does the real rename. Everything else is the real file system.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sp_desktop.core.base import files
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.files import (
    REPLACE_DELAYS,
    FileInUseError,
    fsync_dir,
    is_in_use,
    replace_file,
    replace_retrying,
)
from sp_desktop.core.documents.spreadsheets import write_csv
from sp_desktop.core.security.backup import SUFFIX, create_backup, read_backup
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.security.keyring import write_json_atomically

ERROR_SHARING_VIOLATION = 32
REAL_REPLACE = os.replace


class WindowsLikeReplace:
    """os.replace that refuses `failures` times (all: None) like a file held open on
    Windows, for targets `matches` accepts; then, and for other targets, the real one."""

    def __init__(
        self, failures: int | None, matches: Callable[[Path], bool] = lambda _: True
    ) -> None:
        self.failures = failures
        self.matches = matches
        self.refused = 0
        self.real = REAL_REPLACE

    def __call__(self, source: Path | str, target: Path | str) -> None:
        if self.matches(Path(target)) and (self.failures is None or self.refused < self.failures):
            self.refused += 1
            exc = PermissionError(
                errno.EACCES,
                "The process cannot access the file because it is being used by another process",
                str(source),
                ERROR_SHARING_VIOLATION,
                str(target),
            )
            exc.winerror = ERROR_SHARING_VIOLATION  # set by CPython on Windows only
            raise exc
        self.real(source, target)


@pytest.fixture
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Callers use the default pauses: make them instant, and keep what was asked for."""
    asked: list[float] = []
    monkeypatch.setattr(files, "REPLACE_DELAYS", tuple(0.0 for _ in REPLACE_DELAYS))
    monkeypatch.setattr(files, "_sleep", asked.append)
    return asked


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses between tries, recorded instead of waited."""
    pauses: list[float] = []
    monkeypatch.setattr(files, "_sleep", pauses.append)
    return pauses


def windows_like(monkeypatch: pytest.MonkeyPatch, stand_in: WindowsLikeReplace) -> None:
    monkeypatch.setattr(files.os, "replace", stand_in)


def two_files(tmp_path: Path) -> tuple[Path, Path]:
    source, target = tmp_path / "baru.tmp", tmp_path / "berkas.json"
    source.write_text("baru", encoding="utf-8")
    target.write_text("lama", encoding="utf-8")
    return source, target


# -- the helper itself ----------------------------------------------------------------------


def test_pauses_grow_and_last_about_two_seconds() -> None:
    assert len(REPLACE_DELAYS) + 1 == 10  # tries
    assert all(a < b for a, b in itertools.pairwise(REPLACE_DELAYS))
    assert 1.5 <= sum(REPLACE_DELAYS) <= 2.5


def test_transient_refusals_are_retried_until_the_file_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slept: list[float]
) -> None:
    source, target = two_files(tmp_path)
    stand_in = WindowsLikeReplace(failures=3)
    windows_like(monkeypatch, stand_in)
    replace_file(source, target)
    assert stand_in.refused == 3
    assert slept == list(REPLACE_DELAYS[:3])
    assert target.read_text(encoding="utf-8") == "baru"
    assert not source.exists()


def test_a_file_held_for_good_gives_a_plain_message_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slept: list[float]
) -> None:
    source, target = two_files(tmp_path)
    stand_in = WindowsLikeReplace(failures=None)
    windows_like(monkeypatch, stand_in)
    with pytest.raises(FileInUseError) as caught:
        replace_file(source, target)
    err = caught.value
    assert stand_in.refused == 10
    assert slept == list(REPLACE_DELAYS)
    assert err.message.startswith("Berkas sedang dipakai program lain")
    assert "antivirus atau Excel" in err.message
    assert err.hint == (
        "Tutup program itu atau tunggu sebentar, lalu coba lagi. Data di SP Desktop tetap aman."
    )
    assert str(tmp_path) not in str(err) and target.name not in str(err)
    assert isinstance(err.__cause__, PermissionError)
    # Nothing half-done: the old file as it was, the new one still waiting beside it.
    assert target.read_text(encoding="utf-8") == "lama"
    assert source.read_text(encoding="utf-8") == "baru"


def test_replace_retrying_hands_the_last_os_error_to_callers_that_word_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slept: list[float]
) -> None:
    source, target = two_files(tmp_path)
    windows_like(monkeypatch, WindowsLikeReplace(failures=None))
    with pytest.raises(PermissionError) as caught:
        replace_retrying(source, target, delays=(0.0, 0.0))
    assert is_in_use(caught.value)
    assert target.read_text(encoding="utf-8") == "lama" and source.exists()


def test_other_errors_are_not_retried(tmp_path: Path, slept: list[float]) -> None:
    with pytest.raises(FileNotFoundError):
        replace_file(tmp_path / "tidak-ada", tmp_path / "tujuan")
    assert slept == []


def test_a_real_replace_needs_no_retry(tmp_path: Path, slept: list[float]) -> None:
    source, target = two_files(tmp_path)
    replace_file(source, target)
    assert slept == []
    assert target.read_text(encoding="utf-8") == "baru" and not source.exists()


def test_what_counts_as_in_use() -> None:
    assert is_in_use(PermissionError(errno.EACCES, "ditolak"))
    # Windows' own codes, whatever errno they were mapped to.
    for code in (5, 32, 33):
        exc = OSError(errno.EINVAL, "x")
        exc.winerror = code  # type: ignore[attr-defined]
        assert is_in_use(exc)
    assert not is_in_use(OSError(errno.ENOSPC, "penuh"))
    assert not is_in_use(FileNotFoundError(errno.ENOENT, "hilang"))


# -- every kind of caller -----------------------------------------------------------------


def test_export_over_a_file_open_in_excel_keeps_its_own_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_pauses: list[float]
) -> None:
    target = tmp_path / "rumah-tangga.csv"
    target.write_bytes(b"lama")
    stand_in = WindowsLikeReplace(failures=None)
    windows_like(monkeypatch, stand_in)
    with pytest.raises(UserFacingError) as caught:
        write_csv(target, [])
    assert stand_in.refused == 10 and len(no_pauses) == 9
    assert caught.value.message == (
        "Berkas dengan nama itu sedang dibuka program lain (misalnya Excel)."
    )
    assert target.read_bytes() == b"lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rumah-tangga.csv"]  # no .partial
    # Excel closed after a moment: the same export goes through.
    windows_like(monkeypatch, WindowsLikeReplace(failures=4))
    assert write_csv(target, []) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # the new CSV, with its BOM


def test_key_file_save_waits_for_the_antivirus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_pauses: list[float]
) -> None:
    path = tmp_path / "kunci.json"
    path.write_text('{"lama": 1}', encoding="utf-8")
    windows_like(monkeypatch, WindowsLikeReplace(failures=2))
    write_json_atomically(path, {"baru": 2})
    assert json.loads(path.read_text(encoding="utf-8")) == {"baru": 2}
    assert len(no_pauses) == 2

    windows_like(monkeypatch, WindowsLikeReplace(failures=None))
    with pytest.raises(FileInUseError):
        write_json_atomically(path, {"lebih baru": 3})
    assert json.loads(path.read_text(encoding="utf-8")) == {"baru": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["kunci.json"]  # no temp file left


def test_backup_to_a_folder_the_antivirus_is_scanning(
    installation: Installation,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_pauses: list[float],
) -> None:
    target = tmp_path / "flashdisk"
    target.mkdir()

    def is_backup(path: Path) -> bool:
        return path.name.endswith(SUFFIX)

    windows_like(monkeypatch, WindowsLikeReplace(failures=None, matches=is_backup))
    with pytest.raises(FileInUseError):
        create_backup(installation, label="manual", target_dir=target)
    assert list(target.iterdir()) == []  # neither a backup nor a stray .partial

    windows_like(monkeypatch, WindowsLikeReplace(failures=5, matches=is_backup))
    path = create_backup(installation, label="manual", target_dir=target)
    assert read_backup(path).installation_id == installation.storage.installation_id


# -- fsync_dir ----------------------------------------------------------------------------


def test_fsync_dir_opens_the_folder_on_posix_and_skips_it_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real_open = os.open

    def recording_open(path: object, flags: int, *args: int, **kwargs: object) -> int:
        opened.append(os.fspath(path))  # type: ignore[arg-type]
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", recording_open)
    if sys.platform != "win32":
        fsync_dir(tmp_path)
        assert opened == [str(tmp_path)]
        opened.clear()
    # Windows cannot open a folder as a file: fsync_dir reads sys.platform when called.
    monkeypatch.setattr(sys, "platform", "win32")
    fsync_dir(tmp_path)
    assert opened == []
