"""The bundled programs' entry point (packaging/entry_sp_desktop.py): a windowed Windows
program starts with sys.stdin/stdout/stderr set to None, and the first use must not end it
with a program error."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from sp_desktop.core.demo import DEMO_ACCOUNTS

ENTRY = Path(__file__).resolve().parents[2] / "packaging" / "entry_sp_desktop.py"
EXIT_PROBLEM, EXIT_BUG = 1, 3


@pytest.mark.skipif(sys.platform == "win32", reason="closes descriptors 0-2 with a POSIX shell")
@pytest.mark.parametrize("entry", [ENTRY, None], ids=["entry", "plain-python"])
def test_a_start_without_standard_streams_is_not_a_program_error(
    tmp_path: Path, entry: Path | None
) -> None:
    """Asking for a password checks sys.stdin.isatty(): with no stdin at all that is a
    crash (and an error report) unless the entry point gave the streams a sink."""
    program = [str(entry)] if entry else ["-m", "sp_desktop"]
    nip = DEMO_ACCOUNTS[0][0]
    args = ["--data-dir", str(tmp_path / "data"), "--user", nip, "stats"]
    command = shlex.join([sys.executable, *program, *args])
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SP_DESKTOP_")}
    # Closed, not redirected: Python then sets the three streams to None.
    result = subprocess.run(
        ["sh", "-c", f"exec {command} <&- >&- 2>&-"], env=environment, check=False
    )
    crash_reports = tmp_path / "data" / "laporan-galat"
    if entry is None:  # what the entry point is there to prevent
        assert result.returncode == EXIT_BUG and crash_reports.exists()
    else:  # "no password for this command": the user's problem, said (to nowhere), no crash
        assert result.returncode == EXIT_PROBLEM and not crash_reports.exists()
