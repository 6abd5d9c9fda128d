"""Office PCs with a dead BIOS battery run on wrong dates. The command line keeps working when
the whole process, Python's clock and the C library's alike, believes it is 400 days later or
three years earlier (libfaketime, not the app's own clock: nothing of ours is bypassed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sp_desktop.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from sp_desktop.core.domain.identifiers import compose_nik

ADMIN = DEMO_ACCOUNTS[0][0]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="libfaketime preloads into Linux processes"
)


def faked(shift: str, *args: str) -> subprocess.CompletedProcess[str]:
    faketime = shutil.which("faketime")
    assert faketime, "faketime is missing: `bash packaging/setup.sh test` installs it"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SP_DESKTOP_")}
    environment["SP_DESKTOP_PASSWORD"] = DEMO_PASSWORD
    # -f: the clock runs on from the shifted moment (a frozen one would stop every timeout).
    return subprocess.run(
        [faketime, "-f", shift, sys.executable, "-m", "sp_desktop", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=180,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.slow
@pytest.mark.parametrize("shift", ["+400d", "-1095d"], ids=["400-hari-maju", "3-tahun-mundur"])
def test_the_command_line_works_on_a_wrong_date(tmp_path: Path, shift: str) -> None:
    folder = str(tmp_path / "data")
    # The shift is real: the C library's year differs from the machine's.
    shifted_year = subprocess.run(
        [shutil.which("faketime") or "faketime", "-f", shift, "date", "+%Y"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert (
        shifted_year
        != subprocess.run(
            ["date", "+%Y"], capture_output=True, text=True, check=True
        ).stdout.strip()
    )

    made = faked(shift, "--data-dir", folder, "demo", "--households", "40", "--seed", "3")
    assert made.returncode == 0, made.stderr
    shown = faked(shift, "--data-dir", folder, "--user", ADMIN, "stats")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["households"] == 40
    checked = faked(shift, "--data-dir", folder, "--user", ADMIN, "audit", "verify")
    assert checked.returncode == 0, checked.stderr
    saved = faked(shift, "--data-dir", folder, "--user", ADMIN, "backup")
    assert saved.returncode == 0, saved.stderr
    nik = compose_nik("527101", date(1985, 3, 12), female=False, serial=42)
    valid = faked(shift, "validate", "nik", nik)
    assert valid.returncode == 0, valid.stdout + valid.stderr
