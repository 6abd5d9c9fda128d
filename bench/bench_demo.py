"""Demo data generation (`sp-desktop demo --households N`): households per second.

Ours: `create_demo(folder, N, seed=2020)` in-process into a fresh folder, timed: what the
command runs (the encrypted installation, the demo accounts with their argon2id password
slots, then `generate_demo`: generating the rows, inserting them with everything the
triggers keep (pending-sync marks, tallies), the audit entries, the staff roster, ANALYZE).

Floor: plain executemany of the SAME household and visit rows (and helpers and posts),
generated beforehand with demo's `_Generator` (generation is not in the floor), into a
fresh encrypted database (random key) whose tables are the app's own (made by opening
`Storage` on an empty folder, so each keeps its UNIQUE id) with no triggers and, of the
households' and visits' indexes, only No KK (households_kk) and NIK (households_nik); the
FTS5 name index filled per batch (INSERT ... SELECT); no ANALYZE. Through a bare SQLCipher
connection with the app's pragmas (foreign keys, WAL, synchronous=FULL) and the same page
cache and commit points as ours (BULK_CACHE_KIB; a transaction every COMMIT_BATCHES
batches of BATCH households: crash safety asks that of any way of writing them).
Goal: ours/floor throughput >= 0.3x.
"""

from __future__ import annotations

import secrets
import shutil
import sys
import time
from pathlib import Path

from _common import DB_FILENAME, OUT, PROGRAM, SEED, Row, connect, parse_args, report

from sp_desktop.core.demo import COMMIT_BATCHES, _Generator, create_demo
from sp_desktop.core.storage import (
    HELPER_COLUMNS,
    HOUSEHOLD_COLUMNS,
    POST_COLUMNS,
    VISIT_COLUMNS,
    Storage,
)
from sp_desktop.core.storage.bulk import BULK_CACHE_KIB

GOAL_RATIO = 0.3
FLOOR_INDEXES = ("households_kk", "households_nik")


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def fresh(name: str) -> Path:
    folder = OUT / name
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def floor_run(households: int) -> tuple[float, float, int]:
    """(seconds generating the rows, seconds inserting them, visits) into demo-floor/."""
    folder = fresh("demo-floor")
    key = secrets.token_bytes(32)
    with Storage(folder, key=key) as storage:  # the schema, exactly as the app makes it
        start = time.perf_counter()
        gen = _Generator(storage, SEED)
        helpers = gen.helpers(max(5, min(642, households // 150)))  # as generate_demo does
        posts = gen.posts()
        post_by_village = {r[2]: r[0] for r in posts}
        batches = list(gen.households(households, [r[0] for r in helpers], post_by_village))
        generating = time.perf_counter() - start
    conn = connect(folder / DB_FILENAME, key)
    conn.isolation_level = None  # explicit BEGIN/COMMIT below
    for pragma in (
        "foreign_keys = ON",
        "journal_mode = WAL",
        "synchronous = FULL",
        f"cache_size = -{BULK_CACHE_KIB}",
    ):
        conn.execute(f"PRAGMA {pragma}")
    tables = ("helpers", "posts", "households", "visits")
    marks = ", ".join("?" for _ in tables)
    for kind, name in conn.execute(
        f"SELECT type, name FROM sqlite_master WHERE tbl_name IN ({marks}) AND sql IS NOT NULL "
        "AND type IN ('trigger', 'index')",
        tables,
    ).fetchall():
        if kind == "trigger" or (
            name not in FLOOR_INDEXES and name.startswith(("households_", "visits_"))
        ):
            conn.execute(f"DROP {kind.upper()} {name}")
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(insert_sql("helpers", HELPER_COLUMNS), helpers)
    conn.executemany(insert_sql("posts", POST_COLUMNS), posts)
    conn.execute("COMMIT")
    for i, (household_rows, visit_rows) in enumerate(batches):
        if i % COMMIT_BATCHES == 0:
            conn.execute("BEGIN")
        before = conn.execute("SELECT coalesce(max(pk), 0) FROM households").fetchone()[0]
        conn.executemany(insert_sql("households", HOUSEHOLD_COLUMNS), household_rows)
        conn.execute(
            "INSERT INTO households_fts (rowid, head_name) "
            "SELECT pk, head_name FROM households WHERE pk > ?",
            [before],
        )
        conn.executemany(insert_sql("visits", VISIT_COLUMNS), visit_rows)
        if i % COMMIT_BATCHES == COMMIT_BATCHES - 1 or i == len(batches) - 1:
            conn.execute("COMMIT")
    inserting = time.perf_counter() - start
    conn.close()
    visits = sum(len(v) for _, v in batches)
    del batches
    shutil.rmtree(folder)
    return generating, inserting, visits


def ours_run(households: int) -> tuple[float, int]:
    folder = fresh("demo-ours")
    start = time.perf_counter()
    installation, summary = create_demo(folder, households, seed=SEED, program=PROGRAM)
    seconds = time.perf_counter() - start
    installation.close()
    shutil.rmtree(folder)
    return seconds, summary.visits


def main() -> int:
    args = parse_args(__doc__.splitlines()[0], 1_000_000)
    n = args.households
    generating, floor_s, floor_visits = floor_run(n)
    ours_s, visits = ours_run(n)
    if visits != floor_visits:
        sys.exit(f"floor and ours differ: {floor_visits} vs {visits} visits")
    ours_rate, floor_rate = n / ours_s, n / floor_s
    ratio = ours_rate / floor_rate
    rows = [
        Row(
            "throughput",
            ours_rate,
            floor_rate,
            "households/s",
            f">= {GOAL_RATIO}x",
            ratio >= GOAL_RATIO,
        ),
        Row("elapsed", ours_s, floor_s, "s"),
        Row("of which generating rows (Python)", generating, None, "s"),
    ]
    ok = report(
        "bench_demo",
        f"demo generation, {n:,} households + {visits:,} visits",
        rows,
        [
            "ours: create_demo (encrypted installation, 3 demo accounts with argon2id slots,"
            " generate_demo)",
            "floor: the same pre-generated rows, executemany via a bare SQLCipher connection"
            " (random key): the app's tables with No KK/NIK indexes only, no triggers, FTS5"
            f" filled per batch; WAL + synchronous=FULL, {BULK_CACHE_KIB // 1024} MB page"
            f" cache, a commit every {COMMIT_BATCHES} batches as ours",
            "'generating rows' is the floor's untimed preparation, measured for reference",
        ],
        households=n,
        visits=visits,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
