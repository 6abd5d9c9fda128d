"""The Windows-only branches, run here: the shared data folder, the msvcrt lock, and the
places that read sys.platform when called.

Still untested off Windows: the `import msvcrt` line itself, what LockFileEx does
beyond what msvcrt_standin copies (refusing reads of the locked byte), and platformdirs
asking the shell (SHGetKnownFolderPath) for the folders; those need a Windows machine.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import time
from pathlib import Path, PureWindowsPath

import msvcrt_standin
import platformdirs
import pytest
from platformdirs.windows import Windows
from process_support import ready_child

from sp_desktop.core.base.data_folder import SHARED_FOLDER_MARKER, choose_data_dir, default_data_dir
from sp_desktop.core.base.errors import DataFolderError
from sp_desktop.core.security import instance_lock
from sp_desktop.core.security.instance_lock import (
    LOCK_FILENAME,
    PROGRAM_APP,
    PROGRAM_CLI,
    DataInUseError,
    InstanceLock,
)

# -- the shared data folder -------------------------------------------------------------------


@pytest.fixture
def xdg_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Site-wide and per-user data roots of the real platformdirs Unix code, in tmp."""
    if not sys.platform.startswith("linux"):
        pytest.skip("XDG folders are how platformdirs works on Linux")
    site, home = tmp_path / "site", tmp_path / "home"
    monkeypatch.delenv("SP_DESKTOP_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_DIRS", f"{site}{os.pathsep}{tmp_path / 'other'}")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return site / "sp-desktop", home / "sp-desktop"


def test_per_user_folder_is_the_one_used_before(xdg_folders: tuple[Path, Path]) -> None:
    _, personal = xdg_folders
    assert default_data_dir() == personal
    assert default_data_dir() == platformdirs.user_data_path("sp-desktop", appauthor=False)


def test_only_the_marker_makes_the_shared_folder_the_data_folder(
    xdg_folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shared, personal = xdg_folders
    shared.mkdir(parents=True)
    (shared / "sp-desktop.sqlite3").write_bytes(b"")  # left over, or someone else's
    assert default_data_dir() == personal
    (shared / SHARED_FOLDER_MARKER).mkdir()  # a folder of that name is not the marker
    assert default_data_dir() == personal
    (shared / SHARED_FOLDER_MARKER).rmdir()
    (shared / SHARED_FOLDER_MARKER).write_text("Folder data bersama SP Desktop\n")
    assert default_data_dir() == shared
    # The variable (and --data-dir, in the CLI) still win over it.
    monkeypatch.setenv("SP_DESKTOP_DATA_DIR", str(tmp_path / "pilihan"))
    assert default_data_dir() == tmp_path / "pilihan"


def test_windows_folders_are_programdata_and_local_appdata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # platformdirs' own Windows class, with its documented override of the shell's
    # answer (WIN_PD_OVERRIDE_*), since there is no shell to ask here.
    monkeypatch.setenv("WIN_PD_OVERRIDE_COMMON_APPDATA", r"C:\ProgramData")
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"C:\Users\posko1\AppData\Local")
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", r"C:\Users\posko1\AppData\Roaming")
    dirs = Windows("sp-desktop", appauthor=False)
    # The installer's folder: no "author" level, not C:\ProgramData\sp-desktop\sp-desktop.
    assert PureWindowsPath(dirs.site_data_path) == PureWindowsPath(r"C:\ProgramData\sp-desktop")
    # Local, not roaming: a database must not travel with a roaming profile.
    assert PureWindowsPath(dirs.user_data_path) == PureWindowsPath(
        r"C:\Users\posko1\AppData\Local\sp-desktop"
    )
    if sys.platform != "win32":  # no C:\ProgramData here, so certainly no marker in it
        assert choose_data_dir(dirs) == dirs.user_data_path


# -- the msvcrt lock ----------------------------------------------------------------------------

needs_standin = pytest.mark.skipif(
    not msvcrt_standin.AVAILABLE, reason="the msvcrt stand-in needs Linux OFD locks"
)


@pytest.fixture
def windows_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """instance_lock's Windows branch, with msvcrt.locking played by msvcrt_standin."""
    if sys.platform == "win32":
        return  # the real msvcrt is already in place
    monkeypatch.setattr(instance_lock, "_msvcrt", msvcrt_standin)


@needs_standin
def test_msvcrt_lock_excludes_a_second_handle_and_always_locks_byte_zero(
    tmp_path: Path, windows_lock: None
) -> None:
    path = tmp_path / LOCK_FILENAME
    first = os.open(path, os.O_RDWR | os.O_CREAT)
    second = os.open(path, os.O_RDWR)
    probe = os.open(path, os.O_RDONLY)
    try:
        assert instance_lock._try_lock(first)
        os.lseek(second, 5, os.SEEK_SET)  # wherever a handle stands, byte 0 is what counts
        assert not instance_lock._try_lock(second)
        assert not instance_lock._try_lock(probe)
        os.lseek(first, 7, os.SEEK_SET)
        instance_lock._unlock(first)
        assert instance_lock._try_lock(second)
    finally:
        for fd in (first, second, probe):
            os.close(fd)


@needs_standin
def test_a_lock_that_cannot_be_taken_at_all_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoLocksHere:  # a network share without byte-range locks
        LK_NBLCK = msvcrt_standin.LK_NBLCK
        LK_UNLCK = msvcrt_standin.LK_UNLCK

        @staticmethod
        def locking(fd: int, mode: int, nbytes: int) -> None:
            raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(instance_lock, "_msvcrt", NoLocksHere)
    with pytest.raises(DataFolderError) as caught:
        InstanceLock(tmp_path, program=PROGRAM_APP).acquire()
    assert "bukan folder jaringan" in caught.value.hint


# Like test_instance_lock's child, but holding the lock through the Windows branch.
CHILD = """
import sys
from pathlib import Path
import msvcrt_standin
from sp_desktop.core.security import instance_lock
if sys.platform != "win32":
    instance_lock._msvcrt = msvcrt_standin
lock = instance_lock.InstanceLock(Path(sys.argv[1]), program=sys.argv[2])
lock.acquire()
print("READY", flush=True)
sys.stdin.read()
"""


def windows_holder(data_dir: Path) -> contextlib.AbstractContextManager[subprocess.Popen[str]]:
    return ready_child(CHILD, str(data_dir), PROGRAM_APP, what="child did not take the lock")


@needs_standin
def test_windows_lock_between_processes_and_after_a_hard_kill(
    data_dir: Path, windows_lock: None
) -> None:
    with windows_holder(data_dir) as child:
        lock = InstanceLock(data_dir, program=PROGRAM_CLI)
        with pytest.raises(DataInUseError) as caught:
            lock.acquire()
        holder = caught.value.holder
        assert holder is not None and holder.pid == child.pid and holder.program == PROGRAM_APP
        assert lock.holder() == holder  # the read-only probe sees the lock too
        child.kill()  # TerminateProcess on Windows, SIGKILL here: no clean-up runs
        child.wait(30)
    start = time.monotonic()
    lock.acquire()
    try:
        assert time.monotonic() - start < 0.5
        mine = lock.holder()
        assert mine is not None and mine.pid == os.getpid()
    finally:
        lock.release()


# -- branches that read sys.platform when called -----------------------------------------------


def test_windows_names_its_users_and_trusts_open_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / LOCK_FILENAME
    path.write_bytes(b"")
    other = tmp_path / "lain"
    other.write_bytes(b"")
    fd = os.open(path, os.O_RDONLY)
    try:
        if sys.platform != "win32":
            assert not instance_lock._still_same_file(fd, other)
        # An open file cannot be deleted or replaced on Windows: no need to look.
        monkeypatch.setattr(sys, "platform", "win32")
        assert instance_lock._still_same_file(fd, other)
        assert instance_lock._user_kind() == "pengguna Windows"
    finally:
        os.close(fd)
