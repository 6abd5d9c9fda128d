"""A process killed in the middle of a bulk write: the data reopens intact."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from factories import keyed_connection, reopen

from sp_desktop.core.base.errors import DB_ERRORS, UserFacingError
from sp_desktop.core.demo import BATCH, DEMO_ACCOUNTS, DEMO_PASSWORD
from sp_desktop.core.security.keyring import Keyring
from sp_desktop.core.storage import DB_FILENAME

# Popen.kill(): SIGKILL on POSIX, TerminateProcess (exit code 1) on Windows.
KILLED = 1 if sys.platform == "win32" else -signal.SIGKILL


def demo_key(folder: Path) -> bytes | None:
    try:
        return Keyring.load(folder).unlock(DEMO_ACCOUNTS[0][0], DEMO_PASSWORD).data_key
    except UserFacingError:
        return None  # not written yet


def committed_households(path: Path, key: bytes | None) -> int:
    if key is None:
        return 0
    try:
        conn = keyed_connection(path, key)
        try:
            return conn.execute("SELECT count(*) FROM households").fetchone()[0]
        finally:
            conn.close()
    except DB_ERRORS:
        return 0


def test_kill_during_bulk_write_leaves_whole_batches_only(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sp_desktop",
            "--data-dir",
            str(tmp_path),
            "demo",
            "--households",
            str(BATCH * 50),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    database = tmp_path / DB_FILENAME
    deadline = time.monotonic() + 120
    try:
        # Wait until two batches are in, then kill it mid-way through a later one.
        key = None
        while committed_households(database, key) < 2 * BATCH:
            key = key or demo_key(tmp_path)
            assert process.poll() is None, "demo finished before it could be interrupted"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.3)
        process.kill()
    finally:
        process.wait(30)
    assert process.returncode == KILLED

    key = demo_key(tmp_path)
    assert key is not None
    with reopen(tmp_path, key, nip=DEMO_ACCOUNTS[0][0]) as storage:
        assert storage.integrity_ok()
        stats = storage.stats()
        households = stats["households"]
        assert households % BATCH == 0 and 2 * BATCH <= households < 50 * BATCH
        conn = storage._reader()
        # Nothing half-written: every visit has its household, every household's summary
        # matches its visits, and the name index covers exactly the stored households.
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert (
            conn.execute(
                "SELECT count(*) FROM households h WHERE visit_count != "
                "(SELECT count(*) FROM visits v WHERE v.household_id = h.id)"
            ).fetchone()[0]
            == 0
        )
        assert conn.execute("SELECT count(*) FROM households_fts").fetchone()[0] == households
        assert sum(stats["by_outcome"].values()) == households
