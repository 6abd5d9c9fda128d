"""Saving one visit durably (Storage.add_visit, WAL + synchronous=FULL): p95 latency.

Runs on a fresh copy of the N-household demo database. Each round saves one visit for a
random household with `Storage.add_visit`, then (floor) inserts the same row with a new id
through a plain sqlite3 connection with the same pragmas and commits. Goal: p95 <= 5 ms.
"""

from __future__ import annotations

import random
import sqlite3
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import _common
from _common import DB_FILENAME, OUT, Row, demo_dir, ms, parse_args, percentile, report, timed

sys.path.insert(0, str(_common.REPO / "tests"))
from factories import make_visit

from sp_desktop.core.model import Outcome, new_id
from sp_desktop.core.storage import VISIT_COLUMNS, Storage

GOAL_MS = 5.0
WARM_UP = 20
INSERT = (
    f"INSERT INTO visits ({', '.join(VISIT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in VISIT_COLUMNS)})"
)


def working_copy(source: Path) -> Path:
    """A consistent copy of the cached database, so the cache itself never changes."""
    target = OUT / "save-work"
    target.mkdir(parents=True, exist_ok=True)
    for name in (DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm"):
        (target / name).unlink(missing_ok=True)
    src = sqlite3.connect(f"{(source / DB_FILENAME).as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target / DB_FILENAME)
    src.backup(dst)
    dst.close()
    src.close()
    return target


def db_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def floor_insert(conn: sqlite3.Connection, row: list[Any]) -> None:
    conn.execute(INSERT, row)
    conn.commit()


def main() -> int:
    args = parse_args(
        __doc__.splitlines()[0], 100_000, saves=(int, 500, "timed saves (default 500)")
    )
    data = working_copy(demo_dir(args.households))
    rng = random.Random(2020)
    floor_conn = sqlite3.connect(data / DB_FILENAME, timeout=3.0)
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL"):
        floor_conn.execute(f"PRAGMA {pragma}")
    total = WARM_UP + args.saves
    ids = [r[0] for r in floor_conn.execute("SELECT id FROM households")]
    ours: list[float] = []
    floor: list[float] = []
    with Storage(data) as storage:
        helpers, posts = storage.helpers(), storage.posts()
        for i in range(total):
            household = storage.household(rng.choice(ids))
            outcome = rng.choice([Outcome.BERHASIL, Outcome.BELUM])
            visit = make_visit(household, rng.choice(helpers), rng.choice(posts), outcome)
            seconds, saved = timed(storage.add_visit, visit)
            row = [db_value(getattr(saved, c)) for c in VISIT_COLUMNS]
            row[0] = new_id()
            floor_seconds, _ = timed(floor_insert, floor_conn, row)
            if i >= WARM_UP:
                ours.append(seconds)
                floor.append(floor_seconds)
    floor_conn.close()
    p95 = ms(percentile(ours, 95))
    rows = [
        Row("p50", ms(percentile(ours, 50)), ms(percentile(floor, 50)), "ms"),
        Row("p95", p95, ms(percentile(floor, 95)), "ms", f"<= {GOAL_MS:g} ms", p95 <= GOAL_MS),
        Row("max", ms(max(ours)), ms(max(floor)), "ms"),
    ]
    ok = report(
        "bench_save",
        f"durable save of one visit, {args.households:,} households, {args.saves} saves",
        rows,
        [
            "ours: Storage.add_visit (checks + INSERT + household summary UPDATE + COMMIT)",
            "floor: plain sqlite3 INSERT of the same row + COMMIT, WAL + synchronous=FULL, "
            "same file",
        ],
        households=args.households,
        saves=args.saves,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
