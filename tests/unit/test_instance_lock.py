"""One process per data folder, checked with real processes holding the lock."""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from process_support import ready_child

from sp_desktop.core.base import clock
from sp_desktop.core.security.instance_lock import (
    INFO_FILENAME,
    LOCK_FILENAME,
    PROGRAM_APP,
    PROGRAM_CLI,
    DataInUseError,
    InstanceLock,
    LockHolder,
)

# Takes the lock, says READY, holds it for argv[3] seconds, releases it, says RELEASED,
# then stays alive until its stdin closes (so a release is never confused with an exit).
CHILD = """
import sys, time
from pathlib import Path
from sp_desktop.core.security.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]), program=sys.argv[2])
lock.acquire()
print("READY", flush=True)
time.sleep(float(sys.argv[3]))
lock.release()
print("RELEASED", flush=True)
sys.stdin.read()
"""


def holder_process(
    data_dir: Path, program: str = PROGRAM_APP, hold_seconds: float = 600
) -> contextlib.AbstractContextManager[subprocess.Popen[str]]:
    return ready_child(
        CHILD, str(data_dir), program, str(hold_seconds), what="child did not take the lock"
    )


@pytest.mark.parametrize("program", [PROGRAM_APP, PROGRAM_CLI])
def test_another_process_is_refused_and_named(data_dir: Path, program: str) -> None:
    with holder_process(data_dir, program) as child:
        lock = InstanceLock(data_dir, program=PROGRAM_APP)
        with pytest.raises(DataInUseError) as caught:
            lock.acquire()
        err = caught.value
        assert err.message.startswith("Data SP Desktop ini sedang dipakai oleh pengguna ")
        assert f"'{getpass.getuser()}'" in err.message
        assert f"di komputer {socket.gethostname()}" in err.message
        assert f"({program}, sejak " in err.message
        assert "Tutup SP Desktop di sana" in err.hint and "Data tidak berubah." in err.hint
        assert err.holder is not None
        assert err.holder.pid == child.pid and err.holder.program == program
        assert lock.holder() == err.holder
        assert not lock.held


def test_killed_holder_does_not_block(data_dir: Path) -> None:
    with holder_process(data_dir) as child:
        child.kill()  # SIGKILL (TerminateProcess on Windows): no clean-up runs in the child
        child.wait(30)
    # The dead child's info is still there; the OS lock went with the process.
    assert (data_dir / INFO_FILENAME).exists()
    lock = InstanceLock(data_dir, program=PROGRAM_CLI)
    start = time.monotonic()
    lock.acquire()
    try:
        assert time.monotonic() - start < 0.5
        mine = lock.holder()
        assert mine is not None and mine.pid == os.getpid() and mine.program == PROGRAM_CLI
        # A second look from outside reads our fresh info, not the dead child's.
        other = InstanceLock(data_dir, program=PROGRAM_APP)
        assert other.holder() == mine
    finally:
        lock.release()


def test_waiting_acquire_gets_the_lock_once_released(data_dir: Path) -> None:
    with holder_process(data_dir, hold_seconds=1) as child:
        lock = InstanceLock(data_dir, program=PROGRAM_APP)
        start = time.monotonic()
        lock.acquire(wait_seconds=3)
        waited = time.monotonic() - start
        try:
            assert 0.3 < waited < 3
            assert child.poll() is None  # released, not exited
            assert child.stdout is not None and child.stdout.readline().strip() == "RELEASED"
        finally:
            lock.release()


def test_waiting_acquire_gives_up_after_the_wait(data_dir: Path) -> None:
    with holder_process(data_dir):
        lock = InstanceLock(data_dir, program=PROGRAM_APP)
        start = time.monotonic()
        with pytest.raises(DataInUseError):
            lock.acquire(wait_seconds=0.6)
        assert 0.6 <= time.monotonic() - start < 2


def test_unreadable_info_still_refuses_with_a_plain_message(data_dir: Path) -> None:
    with holder_process(data_dir):
        (data_dir / INFO_FILENAME).write_bytes(b"\x00 not json")
        lock = InstanceLock(data_dir, program=PROGRAM_APP)
        assert lock.holder() is None  # cannot tell who, so None
        with pytest.raises(DataInUseError) as caught:
            lock.acquire()
        assert caught.value.holder is None
        assert "sedang dipakai oleh SP Desktop lain" in caught.value.message


def test_same_process_second_object_is_refused(data_dir: Path) -> None:
    first = InstanceLock(data_dir, program=PROGRAM_APP)
    second = InstanceLock(data_dir / ".." / data_dir.name, program=PROGRAM_CLI)
    with first:
        with pytest.raises(DataInUseError) as caught:
            second.acquire()
        assert caught.value.holder is not None and caught.value.holder.pid == os.getpid()
        first.acquire()  # already ours: nothing happens
        assert first.held
    with second:
        assert second.held


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_flock_conflicts_between_open_files_of_one_process(tmp_path: Path) -> None:
    # The OS behaviour the lock relies on (besides its own in-process registry).
    import fcntl

    path = tmp_path / LOCK_FILENAME
    first = os.open(path, os.O_RDWR | os.O_CREAT)
    second = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(first, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(BlockingIOError):
            fcntl.flock(second, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(first)
        os.close(second)


def test_release_is_idempotent_and_holder_is_none_when_free(data_dir: Path) -> None:
    lock = InstanceLock(data_dir, program=PROGRAM_APP)
    assert lock.holder() is None
    assert not data_dir.exists()  # asking creates nothing
    lock.release()  # never acquired: fine
    lock.acquire()
    assert (data_dir / INFO_FILENAME).exists()
    lock.release()
    lock.release()
    assert not lock.held
    assert lock.holder() is None
    assert InstanceLock(data_dir, program=PROGRAM_CLI).holder() is None
    assert not (data_dir / INFO_FILENAME).exists()
    assert (data_dir / LOCK_FILENAME).exists()  # never deleted (see the module docstring)


def test_stale_info_of_a_free_folder_is_ignored(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / INFO_FILENAME).write_text(
        '{"os_user": "lama", "computer": "X", "pid": 1, "since": "2020-01-01T08:00:00", '
        '"program": "aplikasi"}',
        encoding="utf-8",
    )
    lock = InstanceLock(data_dir, program=PROGRAM_APP)
    assert lock.holder() is None
    with lock:
        mine = lock.holder()
        assert mine is not None and mine.os_user != "lama"


def test_describe_uses_plain_time_today_and_the_date_otherwise() -> None:
    today = clock.now().replace(hour=8, minute=15, second=0, microsecond=0)
    holder = LockHolder("posko1", "KANTOR-01", 4242, today, PROGRAM_APP)
    text = holder.describe()
    assert text.endswith("'posko1' di komputer KANTOR-01 (aplikasi, sejak 08.15)")
    assert text.startswith("pengguna ")
    earlier = LockHolder("posko1", "KANTOR-01", 4242, today - timedelta(days=2), PROGRAM_CLI)
    assert f"(baris perintah, sejak {earlier.since:%d/%m/%Y} 08.15)" in earlier.describe()
    message = DataInUseError(holder).message
    assert message == f"Data SP Desktop ini sedang dipakai oleh {text}."


def test_unknown_program_is_a_bug(data_dir: Path) -> None:
    with pytest.raises(ValueError):
        InstanceLock(data_dir, program="lain")
