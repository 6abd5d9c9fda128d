"""What encryption and login cost: the encrypted product vs the same data unencrypted.

Data: the N-household encrypted demo installation (bench/out/data-N, made by
`sp-desktop demo`), copied to bench/out/security-enc with SQLCipher's backup API (same
key), then exported from that copy with `sqlcipher_export` into bench/out/security-plain,
an unencrypted twin: same schema, same rows, same statistics, same 4096-byte pages. Both
are opened with `Storage` (the twin with key=None), acting as the demo admin, so both get
the same pragmas (WAL, synchronous=FULL) and the same default page cache. Each pair of
measurements is interleaved, alternating which side goes first.

1. Durable save: `save_household(household, visit)` as the form saves, 20 warm-up and 500
   timed rounds, each saving the same household with the same new visit on both sides.
   Goal: encrypted p95 / unencrypted p95 <= 1.3x.
2. Search: bench_search's query mix (first page of names and digit prefixes, typed one
   keystroke at a time), one warm-up pass and 3 timed passes. Goal: p95 ratio <= 1.3x.
3. Unlock: `Installation.open(NIP, password)` (argon2id at the production cost, the key
   slot, the encrypted database, the login entry), 5 runs; floor: argon2id alone, same
   parameters. Password to usable window, in a fresh process each time (offscreen): from
   just before `Installation.open` to the main window's first rows loaded and painted;
   floor: argon2id alone plus a bare QMainWindow shown. Goal: median <= 1 s.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from _common import (
    DB_FILENAME,
    OUT,
    PROGRAM,
    PYTHON,
    Row,
    admin_nip,
    connect,
    copy_installation,
    data_key,
    demo_dir,
    ms,
    open_installation,
    open_storage,
    parse_args,
    percentile,
    report,
    timed,
)
from bench_save import WARM_UP, save_once
from bench_search import build_queries, first_page

from sp_desktop.core.demo import DEMO_PASSWORD
from sp_desktop.core.domain import rules
from sp_desktop.core.security.keyring import ARGON2_MEMORY_KIB, ARGON2_PARALLELISM, ARGON2_TIME_COST
from sp_desktop.core.storage import Storage, is_plaintext_database

GOAL_RATIO = 1.3
GOAL_WINDOW_MS = 1000.0
CHILD_TIMEOUT_S = 120

# Settings that decide what SQLCipher costs, read on both sides for the notes.
SETTINGS = (
    "page_size",
    "cache_size",
    "journal_mode",
    "synchronous",
    "cipher_page_size",
    "kdf_iter",
    "cipher_hmac_algorithm",
    "cipher_memory_security",
    "cipher_plaintext_header_size",
)

# run_app() minus app.exec(): the login dialog is up (modules loaded, application made);
# the clock starts when "Masuk" is pressed. Floor: argon2id alone, then a bare window.
WINDOW_CHILD = """
import json, os, sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop
import sp_desktop.cli
from sp_desktop.core.demo import DEMO_PASSWORD
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.security.keyring import ARGON2_MEMORY_KIB, ARGON2_PARALLELISM, ARGON2_TIME_COST
from sp_desktop.ui.shell.app import make_application
from sp_desktop.ui.shell.main_window import MainWindow
from sp_desktop.ui.accounts.session import LoginDialog
from sp_desktop.ui.worker import TaskRunner
from argon2.low_level import Type, hash_secret_raw
from PySide6.QtWidgets import QMainWindow

mode, data, nip, program = sys.argv[1:5]
app = make_application()
if mode == "app":
    start = time.perf_counter()
    installation = Installation.open(Path(data), nip, DEMO_PASSWORD, program=program)
    opened = time.perf_counter()
    runner = TaskRunner(app)
    window = MainWindow(installation, runner)
    loads = []
    window.model.loaded.connect(lambda count, finished: loads.append((count, finished)))
    window.resize(1366, 740)
    window.show()
    app.processEvents()
    deadline = time.monotonic() + 60
    while not any(c > 0 or f for c, f in loads) and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
    app.processEvents()  # paint the rows
    end = time.perf_counter()
    rows = window.model.rowCount()
else:
    start = time.perf_counter()
    hash_secret_raw(DEMO_PASSWORD.encode(), os.urandom(16), time_cost=ARGON2_TIME_COST,
                    memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_PARALLELISM,
                    hash_len=32, type=Type.ID)
    opened = time.perf_counter()
    window = QMainWindow()
    window.resize(1366, 740)
    window.show()
    app.processEvents()
    end = time.perf_counter()
    rows = 0
print(json.dumps({"total_s": end - start, "open_s": opened - start, "rows": rows}), flush=True)
window.close()
if mode == "app":
    runner.shutdown()
    installation.close()
"""


def plain_twin(encrypted: Path, key: bytes) -> Path:
    """bench/out/security-plain: the same database unencrypted, via sqlcipher_export."""
    target = OUT / "security-plain"
    for name in (DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm"):
        (target / name).unlink(missing_ok=True)
    target.mkdir(parents=True, exist_ok=True)
    conn = connect(encrypted / DB_FILENAME, key)
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", [str(target / DB_FILENAME)])
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    if not is_plaintext_database(target / DB_FILENAME):
        sys.exit(f"{target / DB_FILENAME} is not a plaintext database")
    return target


def settings(storage: Storage) -> dict[str, Any]:
    conn = storage._reader()  # a read connection exactly as searches get it
    found = {}
    for name in SETTINGS:
        row = conn.execute(f"PRAGMA {name}").fetchone()
        found[name] = row[0] if row else None
    found["pages"] = conn.execute("PRAGMA page_count").fetchone()[0]
    return found


def facts(storage: Storage) -> tuple[int, int, int]:
    conn = storage._reader()
    return (
        conn.execute("SELECT count(*) FROM households").fetchone()[0],
        conn.execute("SELECT count(*) FROM visits").fetchone()[0],
        conn.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0],
    )


def measure_saves(
    enc: Storage, plain: Storage, ids: list[str], saves: int
) -> tuple[list[float], list[float]]:
    """Seconds per save on each side: the same household and visit, alternating order."""
    pick = random.Random(2020)
    rngs = {"enc": random.Random(7), "plain": random.Random(7)}  # same visits both sides
    sides = {"enc": enc, "plain": plain}
    lists = {name: (s.helpers(), s.posts()) for name, s in sides.items()}
    times: dict[str, list[float]] = {"enc": [], "plain": []}
    for i in range(WARM_UP + saves):
        household_id = pick.choice(ids)
        for name in ("enc", "plain") if i % 2 == 0 else ("plain", "enc"):
            helpers, posts = lists[name]
            seconds, _ = save_once(sides[name], rngs[name], household_id, helpers, posts)
            if i >= WARM_UP:
                times[name].append(seconds)
    return times["enc"], times["plain"]


def measure_search(
    enc: Storage, plain: Storage, queries: list[str], passes: int
) -> tuple[list[float], list[float], dict[str, tuple[list[float], list[float]]]]:
    sides = {"enc": enc, "plain": plain}
    for q in queries:  # warm-up: OS cache and statement caches, both sides
        for storage in sides.values():
            first_page(storage, q)
    times: dict[str, list[float]] = {"enc": [], "plain": []}
    kinds: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    i = 0
    for _ in range(passes):
        for q in queries:
            found = {}
            for name in ("enc", "plain") if i % 2 == 0 else ("plain", "enc"):
                seconds, found[name] = timed(first_page, sides[name], q)
                times[name].append(seconds)
            if found["enc"] != found["plain"]:
                sys.exit(f"{q!r}: {found['enc']} rows encrypted, {found['plain']} unencrypted")
            kind = "digits" if rules.clean_digits(q).isdigit() else "name"
            kinds[kind][0].append(times["enc"][-1])
            kinds[kind][1].append(times["plain"][-1])
            i += 1
    return times["enc"], times["plain"], dict(kinds)


def argon2_alone() -> float:
    from argon2.low_level import Type, hash_secret_raw

    start = time.perf_counter()
    hash_secret_raw(
        DEMO_PASSWORD.encode(),
        os.urandom(16),
        time_cost=ARGON2_TIME_COST,
        memory_cost=ARGON2_MEMORY_KIB,
        parallelism=ARGON2_PARALLELISM,
        hash_len=32,
        type=Type.ID,
    )
    return time.perf_counter() - start


def measure_unlock(data: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Installation.open (to signed in) and argon2id alone, interleaved, one warm-up each."""
    ours: list[float] = []
    floor: list[float] = []
    for i in range(repeat + 1):
        seconds, installation = timed(open_installation, data)
        installation.close()
        floor_seconds = argon2_alone()
        if i:
            ours.append(seconds)
            floor.append(floor_seconds)
    return ours, floor


def window_once(mode: str, data: Path) -> dict[str, float]:
    done = subprocess.run(
        [PYTHON, "-c", WINDOW_CHILD, mode, str(data), admin_nip(), PROGRAM],
        capture_output=True,
        text=True,
        check=False,
        timeout=CHILD_TIMEOUT_S,
    )
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"{mode} window child failed ({done.returncode}):\n{done.stderr}")
    result = json.loads(done.stdout.splitlines()[-1])
    if mode == "app" and not result["rows"]:
        sys.exit("the household list never got its first rows")
    return result


def measure_window(data: Path, repeat: int) -> tuple[list[dict[str, float]], list[float]]:
    window_once("app", data)  # warm-up of each, not counted
    window_once("bare", data)
    ours: list[dict[str, float]] = []
    floor: list[float] = []
    for _ in range(repeat):
        ours.append(window_once("app", data))
        floor.append(window_once("bare", data)["total_s"])
    return ours, floor


def ratio_row(label: str, ours: float, floor: float, *, goal: bool = False) -> Row:
    if not goal:
        return Row(label, ours, floor, "ms")
    return Row(label, ours, floor, "ms", f"ratio <= {GOAL_RATIO}x", ours / floor <= GOAL_RATIO)


def main() -> int:
    args = parse_args(
        __doc__.splitlines()[0],
        100_000,
        saves=(int, 500, "timed saves on each side (default 500)"),
        passes=(int, 3, "timed passes over the query list (default 3)"),
        repeat=(int, 5, "unlocks and window starts of each kind (default 5)"),
    )
    source = demo_dir(args.households)
    key = data_key(source)
    print("copying the installation and exporting its unencrypted twin…", file=sys.stderr)
    enc_dir = copy_installation(source, "security-enc", key)
    plain_dir = plain_twin(enc_dir, key)
    sizes = {
        name: (folder / DB_FILENAME).stat().st_size / 1e6
        for name, folder in (("enc", enc_dir), ("plain", plain_dir))
    }

    with open_storage(enc_dir, key) as enc, open_storage(plain_dir, None) as plain:
        if facts(enc) != facts(plain):
            sys.exit(f"the twins differ: {facts(enc)} vs {facts(plain)}")
        used = {"enc": settings(enc), "plain": settings(plain)}
        conn = enc._reader()
        queries = build_queries(conn, args.households)
        ids = [r[0] for r in conn.execute("SELECT id FROM households")]
        search_enc, search_plain, kinds = measure_search(enc, plain, queries, args.passes)
        save_enc, save_plain = measure_saves(enc, plain, ids, args.saves)
    unlock, argon2 = measure_unlock(enc_dir, args.repeat)
    window, window_floor = measure_window(enc_dir, args.repeat)

    def pct(values: list[float], p: float) -> float:
        return ms(percentile(values, p))

    window_total = [w["total_s"] for w in window]
    window_open = [w["open_s"] for w in window]
    med_window = ms(statistics.median(window_total))
    rows = [
        ratio_row("save p50 (encrypted | unencrypted)", pct(save_enc, 50), pct(save_plain, 50)),
        ratio_row("save p95", pct(save_enc, 95), pct(save_plain, 95), goal=True),
        ratio_row("save max", ms(max(save_enc)), ms(max(save_plain))),
        ratio_row("search p50", pct(search_enc, 50), pct(search_plain, 50)),
        ratio_row("search p95", pct(search_enc, 95), pct(search_plain, 95), goal=True),
        ratio_row("search max", ms(max(search_enc)), ms(max(search_plain))),
    ]
    rows += [
        ratio_row(f"search p95 {kind} ({len(e) // args.passes} queries)", pct(e, 95), pct(p, 95))
        for kind, (e, p) in kinds.items()
    ]
    rows += [
        Row(
            f"unlock Installation.open p50 ({args.repeat} runs) | argon2id",
            ms(statistics.median(unlock)),
            ms(statistics.median(argon2)),
            "ms",
        ),
        Row("unlock max | argon2id max", ms(max(unlock)), ms(max(argon2)), "ms"),
        Row(
            "password to usable window p50 | argon2id + bare window",
            med_window,
            ms(statistics.median(window_floor)),
            "ms",
            f"<= {GOAL_WINDOW_MS:g} ms",
            med_window <= GOAL_WINDOW_MS,
        ),
        Row(
            "password to usable window max",
            ms(max(window_total)),
            ms(max(window_floor)),
            "ms",
        ),
        Row(
            "  of which Installation.open in the window process (p50)",
            ms(statistics.median(window_open)),
            None,
            "ms",
        ),
    ]
    differing = {k: (used["enc"][k], used["plain"][k]) for k in used["enc"]}
    notes = [
        "floor for save and search: the same rows unencrypted (sqlcipher_export twin), "
        "opened the same way with key=None; interleaved",
        "floor for unlock: argon2id alone "
        f"(m={ARGON2_MEMORY_KIB // 1024} MiB, t={ARGON2_TIME_COST}, p={ARGON2_PARALLELISM});"
        " window: argon2id + bare QMainWindow 1366x740 shown, fresh process each",
        f"files: encrypted {sizes['enc']:.1f} MB, unencrypted {sizes['plain']:.1f} MB",
        "settings (encrypted | unencrypted): "
        + ", ".join(f"{k}={a}|{b}" for k, (a, b) in differing.items()),
    ]
    ok = report(
        "bench_security",
        f"cost of encryption and login, {args.households:,} households "
        f"({args.saves} saves, {len(queries)} queries x {args.passes} passes, "
        f"{args.repeat} unlocks and window starts)",
        rows,
        notes,
        households=args.households,
        saves=args.saves,
        queries=len(queries),
        passes=args.passes,
        repeat=args.repeat,
        settings=used,
        sizes_mb=sizes,
        unlock_s=unlock,
        argon2_s=argon2,
        window=window,
        window_floor_s=window_floor,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
