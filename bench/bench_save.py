"""Saving a household with one new visit durably (the form's save): p95 latency.

Runs on a fresh copy of the N-household encrypted demo installation, acting as the demo
admin. Each round saves a random household with one new visit through
`Storage.save_household(household, visit)`, the whole of the form's save button (one read
of the household, checks, household UPDATE + FTS, visit INSERT, audit entries, summary,
the last-used helper and post, one COMMIT; SQLCipher, WAL + synchronous=FULL). Floor: the
same visit row under a new id, INSERTed through a bare SQLCipher connection with the same
key and pragmas, and committed. Goal: p95 <= 5 ms.
"""

from __future__ import annotations

import random
import sys
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

import _common
from _common import (
    DB_FILENAME,
    Row,
    connect,
    copy_installation,
    data_key,
    demo_dir,
    ms,
    open_storage,
    parse_args,
    percentile,
    report,
    timed,
)

sys.path.insert(0, str(_common.REPO / "tests"))
from factories import make_visit

from sp_desktop.core.domain.model import Helper, Outcome, Post, Visit, new_id
from sp_desktop.core.storage import VISIT_COLUMNS, Storage

if TYPE_CHECKING:
    from sqlcipher3 import dbapi2 as sqlcipher

GOAL_MS = 5.0
WARM_UP = 20
INSERT = (
    f"INSERT INTO visits ({', '.join(VISIT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in VISIT_COLUMNS)})"
)


def db_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def floor_insert(conn: sqlcipher.Connection, row: list[Any]) -> None:
    conn.execute(INSERT, row)
    conn.commit()


def save_once(
    storage: Storage,
    rng: random.Random,
    household_id: str,
    helpers: list[Helper],
    posts: list[Post],
) -> tuple[float, Visit]:
    """Seconds for the form's save of this household with one new visit; the stored visit."""
    household = storage.household(household_id)
    outcome = rng.choice([Outcome.BERHASIL, Outcome.BELUM])
    visit = make_visit(household, rng.choice(helpers), rng.choice(posts), outcome)
    seconds, _ = timed(storage.save_household, household, visit)
    stored = next(v for v in storage.visits_for(household_id) if v.id == visit.id)  # untimed
    return seconds, stored


def main() -> int:
    args = parse_args(
        __doc__.splitlines()[0], 100_000, saves=(int, 500, "timed saves (default 500)")
    )
    source = demo_dir(args.households)
    key = data_key(source)
    data = copy_installation(source, "save-work", key)
    rng = random.Random(2020)
    floor_conn = connect(data / DB_FILENAME, key)
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL"):
        floor_conn.execute(f"PRAGMA {pragma}")
    total = WARM_UP + args.saves
    ids = [r[0] for r in floor_conn.execute("SELECT id FROM households")]
    ours: list[float] = []
    floor: list[float] = []
    with open_storage(data, key) as storage:
        helpers, posts = storage.helpers(), storage.posts()
        for i in range(total):
            seconds, saved = save_once(storage, rng, rng.choice(ids), helpers, posts)
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
        f"durable save of a household with one new visit, {args.households:,} households, "
        f"{args.saves} saves",
        rows,
        [
            "ours: Storage.save_household(household, visit), the form's whole save (checks,"
            " household UPDATE + FTS, visit INSERT + audit entry, summary UPDATE, last helper"
            " and post, one COMMIT), encrypted",
            "floor: bare SQLCipher connection, same key: INSERT of the same visit row + COMMIT,"
            " WAL + synchronous=FULL, same file",
        ],
        households=args.households,
        saves=args.saves,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
