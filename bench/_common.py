"""Shared code for the benchmark scripts: data setup, timing, percentiles, output.

Each bench_*.py prints a small table (figure, floor measured in the same run, ratio, goal,
PASS/MISS) and appends one JSON line to bench/out/results.jsonl.

The data is what the product makes: an encrypted installation (SQLCipher database plus
its key file `kunci.json`) built by `sp-desktop demo`, opened with the demo admin's NIP
and password (`Installation.open`), or with the data key and `Storage.act_as_system`
where a benchmark needs the storage alone.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlcipher3 import dbapi2 as sqlcipher

    from sp_desktop.core.security.installation import Installation
    from sp_desktop.core.storage import Storage

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # inherited by every child process too

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
OUT = BENCH_DIR / "out"
RESULTS = OUT / "results.jsonl"
PYTHON = sys.executable
CLI = str(Path(PYTHON).with_name("sp-desktop"))
DB_FILENAME = "sp-desktop.sqlite3"  # sp_desktop.core.storage.DB_FILENAME
KEYRING_FILENAME = "kunci.json"  # sp_desktop.core.security.keyring.KEYRING_FILENAME
SEED = 2020
PROGRAM = "aplikasi"  # installation.PROGRAM_APP: the instance lock says "the app"


def parse_args(description: str, default_households: int, **extra: Any) -> argparse.Namespace:
    """--households N for every script; extra={"name": (type, default, help)} adds more."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--households",
        type=int,
        default=default_households,
        metavar="N",
        help=f"database size (default {default_households:,})",
    )
    for name, (kind, default, text) in extra.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=kind, default=default, help=text)
    return parser.parse_args()


def demo_dir(households: int) -> Path:
    """bench/out/data-N: an encrypted demo installation of N households (seed 2020).

    Built once with `sp-desktop demo` (create_demo: the demo accounts, DEMO_PASSWORD).
    A folder from before encryption (a database without kunci.json) is rebuilt.
    """
    target = OUT / f"data-{households}"
    if (target / DB_FILENAME).exists() and (target / KEYRING_FILENAME).exists():
        return target
    if target.exists():
        print(
            f"{target} holds an unencrypted database from before accounts: rebuilding it",
            file=sys.stderr,
            flush=True,
        )
        shutil.rmtree(target)
    partial = OUT / f"data-{households}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"building {target} ({households:,} households, once)…", file=sys.stderr, flush=True)
    subprocess.run(
        [
            CLI,
            "--data-dir",
            str(partial),
            "demo",
            "--households",
            str(households),
            "--seed",
            str(SEED),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    partial.rename(target)  # only a complete installation is ever reused
    return target


def admin_nip() -> str:
    from sp_desktop.core.demo import DEMO_ACCOUNTS

    return DEMO_ACCOUNTS[0][0]


def open_installation(data: Path) -> Installation:
    """Log in as the demo admin, as the login dialog does (argon2id, then the database)."""
    from sp_desktop.core.demo import DEMO_PASSWORD
    from sp_desktop.core.security.installation import Installation

    return Installation.open(data, admin_nip(), DEMO_PASSWORD, program=PROGRAM)


def data_key(data: Path) -> bytes:
    """The installation's data key, unwrapped with the demo admin's password."""
    from sp_desktop.core.demo import DEMO_PASSWORD
    from sp_desktop.core.security.keyring import Keyring

    return Keyring.load(data).unlock(admin_nip(), DEMO_PASSWORD).data_key


def open_storage(data: Path, key: bytes | None) -> Storage:
    """The storage alone, acting as the demo admin without a login entry (key None: a
    plaintext database, only to measure what encryption costs)."""
    from sp_desktop.core.storage import Storage

    storage = Storage(data, key=key, create=False)
    admin = storage.account_by_nip(admin_nip())
    if admin is None:
        storage.close()
        sys.exit(f"{data}: the demo admin account is missing")
    storage.act_as_system(admin)
    return storage


def connect(path: Path, key: bytes | None, *, read_only: bool = False) -> sqlcipher.Connection:
    """A bare SQLCipher connection (the floors' tool), keyed as the product keys it."""
    from sqlcipher3 import dbapi2 as sqlcipher

    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rwc'}"
    conn = sqlcipher.connect(uri, uri=True, timeout=3.0)
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def copy_installation(source: Path, name: str, key: bytes) -> Path:
    """bench/out/<name>: a consistent copy of an installation (database via SQLCipher's
    backup API, same key; kunci.json), so benchmarks that write never touch the cache."""
    target = OUT / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(source / KEYRING_FILENAME, target / KEYRING_FILENAME)
    src = connect(source / DB_FILENAME, key, read_only=True)
    dst = connect(target / DB_FILENAME, key)
    src.backup(dst)
    dst.close()
    src.close()
    return target


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ms(seconds: float) -> float:
    return seconds * 1000.0


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


@dataclass
class Row:
    """One line of the table: our figure, the floor's, and optionally the goal it must meet."""

    label: str
    ours: float
    floor: float | None
    unit: str
    goal: str = ""  # e.g. "<= 50 ms"; empty: informational line
    passed: bool | None = None

    def ratio(self) -> float | None:
        if self.floor is None or self.floor == 0:
            return None
        return self.ours / self.floor


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    digits = 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 2
    return f"{value:,.{digits}f} {unit}".strip()


def report(
    bench: str, title: str, rows: Sequence[Row], notes: Sequence[str] = (), **figures: Any
) -> bool:
    """Print the table, append the JSON line, and return whether every goal was met."""
    header = ("measure", "ours", "floor", "ratio", "goal", "result")
    table = [header]
    for row in rows:
        ratio = row.ratio()
        verdict = "" if row.passed is None else "PASS" if row.passed else "MISS"
        table.append(
            (
                row.label,
                _fmt(row.ours, row.unit),
                _fmt(row.floor, row.unit),
                "-" if ratio is None else f"{ratio:.2f}x",
                row.goal or "-",
                verdict,
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    print(f"\n{bench}: {title}")
    for i, line in enumerate(table):
        cells = [
            c.ljust(w) if j in (0, 4, 5) else c.rjust(w)
            for j, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        print("  " + "  ".join(cells).rstrip())
        if i == 0:
            print("  " + "  ".join("-" * w for w in widths))
    for note in notes:
        print(f"  {note}")
    ok = all(row.passed is not False for row in rows)
    record = {
        "bench": bench,
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "host": platform.node(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "rows": [
            {
                "label": r.label,
                "ours": r.ours,
                "floor": r.floor,
                "ratio": r.ratio(),
                "unit": r.unit,
                "goal": r.goal,
                "passed": r.passed,
            }
            for r in rows
        ],
        "ok": ok,
        **figures,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return ok
