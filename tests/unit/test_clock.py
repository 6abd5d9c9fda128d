"""The one clock: every "now" and "today" of the app comes from sp_desktop.core.base.clock."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sp_desktop.core.base import clock

PACKAGE = Path(__file__).resolve().parents[2] / "sp_desktop"

# Calls that read the wall clock behind the one clock's back.
_WALL_CLOCK_CALLS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("time", "time"),
    ("time", "localtime"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
    ("QDateTime", "currentMSecsSinceEpoch"),
    ("QDateTime", "currentSecsSinceEpoch"),
}
# time.time() is right where it is compared with the times the OS stamps on files, and in
# the start-up probe, whose moments the benchmark compares with its own across processes.
_ALLOWED = {
    ("core/base/clock.py", "datetime.now"),
    ("core/security/backup.py", "time.time"),
    ("ui/documents/printing.py", "time.time"),
    ("ui/shell/startup_probe.py", "time.time"),
}


def wall_clock_reads() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            call = (name, node.func.attr)
            if call in _WALL_CLOCK_CALLS and (relative, ".".join(call)) not in _ALLOWED:
                found.append(f"{relative}:{node.lineno} {'.'.join(call)}()")
    return found


def test_nothing_reads_the_wall_clock_but_the_one_clock() -> None:
    assert wall_clock_reads() == []


def test_the_sql_never_asks_sqlite_for_now() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name == "clock.py":
            continue  # which says so
        text = path.read_text(encoding="utf-8").lower()
        assert "'now'" not in text and "current_timestamp" not in text, path


def test_pinned_runs_on_from_the_moment_and_gives_the_clock_back() -> None:
    before = clock.current()
    with clock.pinned(datetime(2019, 6, 30, 23, 59, 59)) as pinned:
        assert pinned is clock.current()
        first = clock.now()
        assert first.replace(tzinfo=None) >= datetime(2019, 6, 30, 23, 59, 59)
        assert clock.now() >= first  # records made one after another keep their order
        assert clock.utc_now().tzinfo is UTC
        assert clock.local_now().tzinfo is None
    assert clock.current() is before


def test_a_fixed_clock_stands_still_until_moved() -> None:
    fixed = clock.FixedClock(datetime(2020, 2, 15, 8, 0, tzinfo=UTC))
    previous = clock.install(fixed)
    try:
        assert clock.utc_now() == clock.utc_now() == datetime(2020, 2, 15, 8, 0, tzinfo=UTC)
        fixed.advance(timedelta(days=1))
        assert clock.utc_now().date() == date(2020, 2, 16)
    finally:
        clock.install(previous)


def run_today(variable: str | None) -> date:
    environment = {k: v for k, v in os.environ.items() if k != clock.OFFSET_VARIABLE}
    if variable is not None:
        environment[clock.OFFSET_VARIABLE] = variable
    code = "from sp_desktop.core.base import clock; print(clock.today().isoformat())"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
        cwd=PACKAGE.parent,
    )
    return date.fromisoformat(result.stdout.strip())


def test_the_environment_shifts_a_process_and_a_typo_is_ignored() -> None:
    real = datetime.now().date()  # the machine's own date, to compare the shift with
    assert abs((run_today("400") - real).days - 400) <= 1
    assert abs((run_today("-1095") - real).days + 1095) <= 1
    assert abs((run_today("satu tahun") - real).days) <= 1
