"""Running the real command line as a child process, as a user at a terminal would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sp_desktop.core.base import clock
from sp_desktop.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

__all__ = ["ADMIN", "COORDINATOR", "DEMO_PASSWORD", "HELPER", "OPD_ADMIN"]

ADMIN, COORDINATOR, HELPER, OPD_ADMIN = (nip for nip, _, _ in DEMO_ACCOUNTS)


def sp(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    # Only what the test gives: never the developer's own SP_DESKTOP_* settings (but the
    # suite's clock shift, from --clock-offset-days, goes with it).
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SP_DESKTOP_") or k == clock.OFFSET_VARIABLE
    }
    # Indonesian, as the suite's assertions expect, unless the test asks for another language.
    environment |= {"SP_DESKTOP_PASSWORD": DEMO_PASSWORD, "SP_DESKTOP_LANG": "id", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "sp_desktop", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def stats(folder: Path, user: str = ADMIN) -> dict:
    result = sp("--data-dir", str(folder), "--user", user, "stats")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def demo(folder: Path, households: int = 5) -> None:
    result = sp("--data-dir", str(folder), "demo", "--households", str(households))
    assert result.returncode == 0, result.stderr


def assert_one_line_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
