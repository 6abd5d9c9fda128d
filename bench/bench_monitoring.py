"""Monitoring: importing a 50,000-ASN roster, and refreshing the dashboard over a million
households and 50,000 staff off the GUI thread.

Roster: an XLSX of 50,000 rows (written once into bench/out) read, checked and imported
into a fresh installation, against a floor of openpyxl reading the same file plus a bare
SQLCipher `executemany` of the same rows into a table of the same shape.

Dashboard: `Storage.dashboard()` on bench/out/data-1000000 (migrated, and given a demo
roster of 50,000 ASN with statuses once), run through the app's own TaskRunner while a
10 ms timer ticks on the GUI thread; the longest gap between ticks shows whether the
window could freeze. Floor: the same queries (tally rows, staff per office and status,
the trend) on a bare SQLCipher connection.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    DB_FILENAME,
    OUT,
    Row,
    connect,
    data_key,
    demo_dir,
    ms,
    open_storage,
    parse_args,
    report,
)

ROSTER_ROWS = 50_000
STAFF = 50_000
ROSTER_GOAL_S = 5.0
REFRESH_GOAL_MS = 200.0


def roster_file(rows: int) -> Path:
    """bench/out/roster-N.xlsx: NIP (as text), name, OPD, unit — like an office's export."""
    from datetime import timedelta

    from openpyxl import Workbook

    from sp_desktop.core.demo import OPDS, UNITS
    from sp_desktop.core.domain.identifiers import compose_nip

    target = OUT / f"roster-{rows}.xlsx"
    if target.exists():
        return target
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Pegawai")
    ws.append(["NIP", "Nama Pegawai", "OPD", "Unit Kerja"])
    for i in range(rows):
        birth = date(1965, 1, 1) + timedelta(days=i % 12000)
        nip = compose_nip(birth, date(birth.year + 25, 1 + i % 12, 1), bool(i % 2), 1 + i // 12000)
        ws.append(
            [nip, f"Pegawai Nomor {i:05d}".replace("0", "O"), OPDS[i % len(OPDS)], UNITS[i % 5]]
        )
    partial = target.with_suffix(".partial.xlsx")
    wb.save(partial)
    partial.rename(target)
    return target


def bench_roster(path: Path, repeat: int) -> tuple[list[float], list[float], int]:
    from openpyxl import load_workbook

    from sp_desktop.core.demo import create_demo
    from sp_desktop.core.documents.roster import guess_mapping, plan_roster, read_roster

    ours, floors = [], []
    imported = 0
    for attempt in range(repeat):
        folder = OUT / f"roster-bench-{attempt}"
        shutil.rmtree(folder, ignore_errors=True)
        installation, _ = create_demo(folder, 0)  # accounts only (and its demo roster)
        storage = installation.storage
        start = time.perf_counter()
        table = read_roster(path)
        plan = plan_roster(table, guess_mapping(table.headers))
        result = storage.import_roster(plan.entries)
        ours.append(time.perf_counter() - start)
        imported = result.added + result.updated + result.unchanged
        key = installation.data_key
        installation.close()
        # Floor: the file read by openpyxl and the rows written by a bare executemany.
        start = time.perf_counter()
        wb = load_workbook(path, read_only=True, data_only=True)
        rows = [
            tuple(str(c or "") for c in r) for r in wb.worksheets[0].iter_rows(values_only=True)
        ]
        wb.close()
        conn = connect(folder / DB_FILENAME, key)
        conn.execute(
            "CREATE TABLE floor_staff (pk INTEGER PRIMARY KEY, id TEXT UNIQUE, nip TEXT, "
            "name TEXT, opd TEXT COLLATE NOCASE, unit TEXT)"
        )
        conn.execute("CREATE INDEX floor_staff_nip ON floor_staff (nip)")
        with conn:
            conn.executemany(
                "INSERT INTO floor_staff (id, nip, name, opd, unit) VALUES (?, ?, ?, ?, ?)",
                [(f"id{i}", *r) for i, r in enumerate(rows[1:])],
            )
        conn.close()
        floors.append(time.perf_counter() - start)
        shutil.rmtree(folder, ignore_errors=True)
    return ours, floors, imported


def prepare_city(households: int) -> Path:
    """The cached demo installation, migrated, with a roster of STAFF ASN (made once)."""
    from sp_desktop.core.demo import generate_staff

    data = demo_dir(households)
    key = data_key(data)
    storage = open_storage(data, key)  # migrates a cache built before monitoring
    try:
        have = storage._read("SELECT count(*) FROM staff")[0][0]
        if have < STAFF:
            print(f"adding a roster of {STAFF:,} ASN to {data} (once)…", file=sys.stderr)
            generate_staff(storage, STAFF, seed=2020)
            storage.analyze()
    finally:
        storage.close()
    # The migration's own safety copy of a 1 GB database is not wanted in the cache.
    shutil.rmtree(data / "cadangan", ignore_errors=True)
    return data


def _one_refresh(app: Any, runner: Any, storage: Any, figures: dict) -> tuple[float, float]:
    """One dashboard refresh through the worker; returns its time and the longest gap
    between 10 ms timer ticks on the GUI thread meanwhile."""
    from PySide6.QtCore import QTimer

    finished: list[float] = []
    last_tick = [time.perf_counter()]
    worst = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        worst[0] = max(worst[0], now - last_tick[0])
        last_tick[0] = now

    def done(result: object) -> None:
        finished.append(time.perf_counter() - start)
        figures["dashboard"] = result

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    start = time.perf_counter()
    runner.submit(lambda context: storage.dashboard(progress=context), on_done=done)
    while not finished:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    return finished[0], worst[0]


def bench_dashboard(data: Path, repeat: int) -> tuple[list[float], list[float], float, dict]:
    from PySide6.QtWidgets import QApplication

    from sp_desktop.ui.worker import TaskRunner

    key = data_key(data)
    storage = open_storage(data, key)
    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    timings: list[float] = []
    gaps: list[float] = []
    figures: dict = {}
    try:
        for _ in range(repeat + 1):  # the first one warms the page cache: not counted
            seconds, gap = _one_refresh(app, runner, storage, figures)
            timings.append(seconds)
            gaps.append(gap)
        timings, gaps = timings[1:], gaps[1:]
    finally:
        runner.shutdown()
        storage.close()
    floors = []
    conn = connect(data / DB_FILENAME, key, read_only=True)
    for _ in range(repeat + 1):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute(
            "SELECT dimension, key, outcome, n FROM household_tally WHERE n > 0"
        ).fetchall()
        conn.execute(
            "SELECT opd, status, count(*) FROM staff WHERE active = 1 GROUP BY opd, status"
        ).fetchall()
        conn.execute(
            "SELECT status_date, count(*) FROM staff WHERE active = 1 AND status = 'sudah' "
            "GROUP BY status_date"
        ).fetchall()
        conn.execute("SELECT id, name, kelurahan_code FROM posts").fetchall()
        conn.execute("SELECT id, name FROM helpers").fetchall()
        conn.execute("COMMIT")
        floors.append(time.perf_counter() - start)
    households = conn.execute("SELECT count(*) FROM households").fetchone()[0]
    staff = conn.execute("SELECT count(*) FROM staff WHERE active = 1").fetchone()[0]
    conn.close()
    figures.update(households=households, staff=staff)
    return timings, floors[1:], max(gaps), figures


def main() -> int:
    args = parse_args(__doc__ or "", 1_000_000, repeat=(int, 5, "timed refreshes"))
    path = roster_file(ROSTER_ROWS)
    roster, roster_floor, imported = bench_roster(path, max(1, min(args.repeat, 3)))
    data = prepare_city(args.households)
    refresh, refresh_floor, worst_gap, figures = bench_dashboard(data, args.repeat)
    dashboard = figures["dashboard"]
    roster_s = statistics.median(roster)
    refresh_ms = ms(statistics.median(refresh))
    rows = [
        Row(
            f"roster import: read, check, import {ROSTER_ROWS:,} rows (median)",
            roster_s,
            statistics.median(roster_floor),
            "s",
            f"<= {ROSTER_GOAL_S:.0f} s",
            roster_s <= ROSTER_GOAL_S,
        ),
        Row(
            f"dashboard refresh, {figures['households']:,} households + "
            f"{figures['staff']:,} ASN, in the worker (median)",
            refresh_ms,
            ms(statistics.median(refresh_floor)),
            "ms",
            f"<= {REFRESH_GOAL_MS:.0f} ms",
            refresh_ms <= REFRESH_GOAL_MS,
        ),
        Row("  longest GUI-thread gap while refreshing", ms(worst_gap), None, "ms"),
    ]
    notes = [
        f"roster rows imported: {imported:,}; dashboard: {len(dashboard.opds)} OPD, "
        f"{len(dashboard.kelurahan)} kelurahan, {len(dashboard.posts)} posko, "
        f"{len(dashboard.helpers)} petugas, {len(dashboard.trend)} trend days",
        "floor (roster): openpyxl read-only of the same file + bare executemany of its rows",
        "floor (dashboard): the same reads on a bare SQLCipher connection",
    ]
    ok = report(
        "bench_monitoring",
        "roster import and dashboard refresh",
        rows,
        notes,
        roster_s=roster_s,
        refresh_ms=refresh_ms,
        gui_gap_ms=ms(worst_gap),
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
