"""What exchanging data costs: a bundle of N households imported into a new installation.

Data: a copy of the N-household encrypted demo installation (bench/out/sync-src). Opening
it migrates it (every record gets its first revision in `sync_commit`, timed as an
informational line), then `write_bundle --all` writes every household, visit, helper and
post as a signed bundle.

1. Import: `bundle.import_bundle` into a freshly set-up installation (the sender's key
   trusted by fingerprint): the manifest's signature, every part's SHA-256, then each
   document parsed, checked field by field, merged into the revision tree and written,
   all in one transaction. Floor: a bare SQLCipher connection on another fresh
   installation (same schema and key, the sync triggers dropped) inserting the very same
   rows (built before the timing) with `executemany` in one transaction. Goal: speed
   >= 0.5x the floor's.
2. Re-import of the same file: goal <= 10% of the first import's time.
3. Informational: a second `--all` bundle of the same data (a new file, every document
   already known), imported into the same receiver: the per-document "already have it"
   path.

Each measurement runs --repeat times on fresh receivers; the median is reported.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
import zipfile
from pathlib import Path

from _common import (
    DB_FILENAME,
    OUT,
    Row,
    connect,
    copy_installation,
    data_key,
    demo_dir,
    open_storage,
    parse_args,
    report,
)

from sp_desktop.core.domain import sync_docs
from sp_desktop.core.domain.identifiers import compose_nip
from sp_desktop.core.domain.model import Helper
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.sync.bundle import import_bundle, write_bundle

IMPORT_GOAL = 0.5
REIMPORT_GOAL = 0.10
PASSWORD = "bench-sync-2020"


def fresh_installation(name: str) -> tuple[Installation, Path]:
    from datetime import date

    folder = OUT / name
    shutil.rmtree(folder, ignore_errors=True)
    admin = Helper(nip=compose_nip(date(1980, 1, 1), date(2005, 3, 1), True, 9), name="Admin Uji")
    inst, _ = Installation.create(
        folder,
        office="Kantor Kelurahan Penerima",
        kelurahan_code="52.71.01.1004",
        admin=admin,
        password=PASSWORD,
    )
    return inst, folder


def bundle_rows(path: Path) -> dict[str, list[tuple]]:
    """The table rows a bundle's documents become (for the floor)."""
    rows: dict[str, list[tuple]] = {}
    with zipfile.ZipFile(path) as archive:
        for kind in sync_docs.KINDS[:4]:
            name = f"data/{kind.name}.jsonl"
            if name not in archive.namelist():
                continue
            with archive.open(name) as member:
                rows[kind.table] = [
                    sync_docs.row_from_body(kind, doc["id"], doc) for doc in map(json.loads, member)
                ]
    return rows


def floor_import(folder: Path, key: bytes, rows: dict[str, list[tuple]]) -> float:
    conn = connect(folder / DB_FILENAME, key)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_sync_%'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.commit()
    start = time.perf_counter()
    conn.execute("BEGIN")
    for kind in sync_docs.KINDS[:4]:
        table_rows = rows.get(kind.table, [])
        marks = ", ".join("?" for _ in kind.columns)
        conn.executemany(
            f"INSERT INTO {kind.table} ({', '.join(kind.columns)}) VALUES ({marks})", table_rows
        )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> int:
    args = parse_args(
        "bundle import against plain executemany",
        100_000,
        repeat=(int, 3, "runs per measurement (median reported)"),
    )
    source = demo_dir(args.households)
    key = data_key(source)
    work = copy_installation(source, "sync-src", key)
    storage = open_storage(work, key)
    start = time.perf_counter()
    revised = storage.sync_commit()
    commit_s = time.perf_counter() - start
    bundle = OUT / "sync-bundle.sppaket"
    start = time.perf_counter()
    exported = write_bundle(storage, bundle, since_last_export=False)
    export_s = time.perf_counter() - start
    again = OUT / "sync-bundle-again.sppaket"
    write_bundle(storage, again, since_last_export=False)
    fingerprint = storage.own_public_key().fingerprint
    storage.close()
    documents = sum(exported.counts.values())
    print(
        f"bundle: {documents:,} documents {exported.counts}, {exported.size / 1e6:.1f} MB",
        file=sys.stderr,
    )
    rows = bundle_rows(bundle)

    ours, floors, reimports, overlaps = [], [], [], []
    for run in range(args.repeat):
        floor_inst, floor_dir = fresh_installation(f"sync-floor-{run}")
        floor_key = floor_inst.storage._key  # the same key a bare tool would be given
        floor_inst.close()
        inst, _ = fresh_installation(f"sync-dst-{run}")
        receiver = inst.storage
        if run % 2:
            floors.append(floor_import(floor_dir, floor_key, rows))
        start = time.perf_counter()
        result = import_bundle(receiver, bundle, trust_fingerprint=fingerprint)
        ours.append(time.perf_counter() - start)
        if not run % 2:
            floors.append(floor_import(floor_dir, floor_key, rows))
        assert sum(result.summary.added.values()) == documents, result.summary
        start = time.perf_counter()
        repeat = import_bundle(receiver, bundle)
        reimports.append(time.perf_counter() - start)
        assert not repeat.summary.changed
        start = time.perf_counter()
        overlap = import_bundle(receiver, again)
        overlaps.append(time.perf_counter() - start)
        assert not overlap.summary.changed and overlap.summary.unchanged == documents
        inst.close()

    first, floor = statistics.median(ours), statistics.median(floors)
    reimport, overlap = statistics.median(reimports), statistics.median(overlaps)
    speed = floor / first
    rows_out = [
        Row(
            f"import {args.households:,}-household bundle ({documents:,} docs)",
            first,
            floor,
            "s",
            f"speed >= {IMPORT_GOAL}x",
            speed >= IMPORT_GOAL,
        ),
        Row(
            "re-import of the same bundle",
            reimport,
            first,
            "s",
            f"<= {REIMPORT_GOAL:.0%} of import",
            reimport <= REIMPORT_GOAL * first,
        ),
        Row("import of a new --all bundle, all known", overlap, first, "s"),
        Row(f"first revisions for {revised:,} records", commit_s, None, "s"),
        Row("export --all (bundle written)", export_s, None, "s"),
    ]
    ok = report(
        "bench_sync",
        f"bundles over {args.households:,} households",
        rows_out,
        [f"import speed vs floor: {speed:.2f}x (floor = executemany of the same rows)"],
        households=args.households,
        documents=documents,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
