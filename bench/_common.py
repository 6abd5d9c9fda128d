"""Shared code for the benchmark scripts: data setup, timing, percentiles, output.

Each bench_*.py prints a small table (figure, floor measured in the same run, ratio, goal,
PASS/MISS) and appends one JSON line to bench/out/results.jsonl.
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
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # inherited by every child process too

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
OUT = BENCH_DIR / "out"
RESULTS = OUT / "results.jsonl"
PYTHON = sys.executable
CLI = str(Path(PYTHON).with_name("sp-desktop"))
DB_FILENAME = "sp-desktop.sqlite3"
SEED = 2020


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
    """bench/out/data-N with N demo households (seed 2020), built once with the CLI."""
    target = OUT / f"data-{households}"
    if (target / DB_FILENAME).exists():
        return target
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
    partial.rename(target)  # only a complete database is ever reused
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
