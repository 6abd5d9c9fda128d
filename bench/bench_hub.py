"""What syncing with a hub costs: every document of an installation pushed to a hub database.

Data: a copy of the N-household encrypted demo installation (bench/out/hub-src). Opening it
migrates it (every record gets its first revision in `sync_commit`, timed as an informational
line). The default of 45,000 households makes about 100,000 documents (households, visits,
helpers, posts; the exact count is printed).

The hub is the in-memory CouchDB-compatible hub the tests use (tests/hub_server.py:
express-pouchdb over PouchDB's memory adapter, a Node.js process on 127.0.0.1), started once;
every run pushes into fresh, empty databases, deleted again afterwards (the hub keeps
everything in RAM).

1. Push. Ours: `hub.sync_with_hub(storage, HubSettings(url))` into an empty database:
   sync_commit (nothing pending by then); per batch of PUSH_BATCH changes `_revs_diff` for
   revisions that did not originate here (none on a first push into an empty database),
   the revisions read from the encrypted database and encoded while the hub stores the
   previous batch, `_bulk_docs` with `new_edits: false`; a `_local` checkpoint and the
   sync_peers row every CHECKPOINT_EVERY batches and at the end; then
   the pull (the hub's `_changes` feed, which now lists everything just pushed;
   `sync_missing` finds nothing to fetch). The pull phase is timed on its own (a timing
   wrapper around hub._pull, nothing else changed) and the push is the rest. Floor: the very
   same documents (`storage.sync_documents()`, proof files as the `berkas` attachment as
   hub.py encodes them, serialised with orjson, all before the timing) POSTed by a plain
   loop as `{"new_edits": false, "docs": [...]}` in batches of PUSH_BATCH documents over one
   kept-alive `http.client.HTTPConnection`, into another fresh database on the same hub.
   Goal: push speed >= 0.8x the floor's (ours <= floor / 0.8).
2. Informational: the whole `sync_with_hub` (push and pull) against the same floor, and a
   second `sync_with_hub` right after (nothing new either way: both checkpoints hold).

After each timing, the database must hold (`_all_docs`) as many documents as there are, on
both sides; it is then deleted before the other side runs, so neither pushes into a hub
that still holds the other's 100,000 documents. Each measurement runs --repeat times, ours
and the floor alternating which goes first; medians are reported.
"""

from __future__ import annotations

import http.client
import statistics
import sys
import time
from typing import Any
from urllib.parse import urlsplit

import _common
import orjson
from _common import Row, copy_installation, data_key, demo_dir, open_storage, parse_args, report

sys.path.insert(0, str(_common.REPO / "tests"))
from hub_server import HubServer

from sp_desktop.core.sync import hub
from sp_desktop.core.sync.hub import HubSettings, sync_with_hub

PUSH_GOAL = 0.8


def encoded_documents(storage: Any) -> list[bytes]:
    """Every leaf the installation would push, as hub.py puts it on the wire."""
    return [
        orjson.dumps(hub._with_attachment(document, content))
        for document, content in storage.sync_documents()
    ]


def floor_push(url: str, documents: list[bytes], batch: int) -> float:
    """A plain `_bulk_docs` loop over one kept-alive connection; returns seconds."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    path = parts.path + "/_bulk_docs"
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    start = time.perf_counter()
    for first in range(0, len(documents), batch):
        body = b'{"new_edits":false,"docs":[' + b",".join(documents[first : first + batch]) + b"]}"
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        answer = orjson.loads(response.read())
        if response.status != 201 or any("error" in a for a in answer):
            raise RuntimeError(f"floor _bulk_docs answered {response.status}: {answer!r:.300}")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def ours_sync(storage: Any, url: str) -> tuple[float, float, int]:
    """sync_with_hub into `url`: (total seconds, of which pull seconds, documents pushed)."""
    pulls: list[float] = []
    real_pull = hub._pull

    def timed_pull(*args: Any) -> Any:
        start = time.perf_counter()
        try:
            return real_pull(*args)
        finally:
            pulls.append(time.perf_counter() - start)

    hub._pull = timed_pull  # a stopwatch only: the same function runs
    try:
        start = time.perf_counter()
        result = sync_with_hub(storage, HubSettings(url), timeout=300)
        elapsed = time.perf_counter() - start
    finally:
        hub._pull = real_pull
    assert not result.pulled.changed, result.pulled
    return elapsed, sum(pulls), result.pushed


def doc_count(server: HubServer, name: str) -> int:
    answer = server.request("GET", f"/{name}/_all_docs?limit=0", timeout=120)
    return int(answer.json()["total_rows"])


def main() -> int:
    args = parse_args(
        "hub push against a plain _bulk_docs loop",
        45_000,
        repeat=(int, 3, "runs per measurement (median reported)"),
    )
    source = demo_dir(args.households)
    key = data_key(source)
    work = copy_installation(source, "hub-src", key)
    storage = open_storage(work, key)
    start = time.perf_counter()
    revised = storage.sync_commit()
    commit_s = time.perf_counter() - start
    start = time.perf_counter()
    documents = encoded_documents(storage)
    encode_s = time.perf_counter() - start
    size = sum(map(len, documents))
    print(
        f"{len(documents):,} documents ({revised:,} records revised), "
        f"{size / 1e6:.1f} MB of JSON, batches of {hub.PUSH_BATCH}",
        file=sys.stderr,
        flush=True,
    )

    server = HubServer()
    ours, pulls, floors, seconds = [], [], [], []
    try:
        for run in range(args.repeat):
            for side in ("floor", "ours") if run % 2 else ("ours", "floor"):
                name = f"bench-hub-{side}-{run}"
                url = server.new_database(name)
                if side == "floor":
                    floors.append(floor_push(url, documents, hub.PUSH_BATCH))
                else:
                    total, pull, pushed = ours_sync(storage, url)
                    ours.append(total)
                    pulls.append(pull)
                    assert pushed == len(documents), (pushed, len(documents))
                    start = time.perf_counter()
                    again = sync_with_hub(storage, HubSettings(url), timeout=300)
                    seconds.append(time.perf_counter() - start)
                    assert again.pushed == 0 and not again.pulled.changed, again
                held = doc_count(server, name)
                assert held == len(documents), (side, held, len(documents))
                server.delete_database(name)  # the hub holds it in RAM
            print(
                f"run {run + 1}: ours {ours[-1]:.2f} s (pull {pulls[-1]:.2f} s), "
                f"floor {floors[-1]:.2f} s",
                file=sys.stderr,
                flush=True,
            )
    finally:
        server.stop()
        storage.close()

    floor = statistics.median(floors)
    push = statistics.median(t - p for t, p in zip(ours, pulls, strict=True))
    total, pull = statistics.median(ours), statistics.median(pulls)
    speed = floor / push
    rows = [
        Row(
            f"push {len(documents):,} docs ({args.households:,} households)",
            push,
            floor,
            "s",
            f"speed >= {PUSH_GOAL}x",
            speed >= PUSH_GOAL,
        ),
        Row("whole sync_with_hub (push + pull)", total, floor, "s"),
        Row("  of which pull (own documents listed back)", pull, None, "s"),
        Row("second sync_with_hub, nothing new", statistics.median(seconds), None, "s"),
        Row(f"first revisions for {revised:,} records", commit_s, None, "s"),
        Row("floor's documents read and encoded (untimed)", encode_s, None, "s"),
    ]
    ok = report(
        "bench_hub",
        f"push to the in-memory hub, {args.households:,} households, {args.repeat} runs",
        rows,
        [
            f"push speed vs floor: {speed:.2f}x (floor = plain _bulk_docs loop, "
            f"{hub.PUSH_BATCH} docs per POST, same documents pre-encoded)",
            f"{len(documents):,} documents, {size / 1e6:.1f} MB of JSON",
        ],
        households=args.households,
        documents=len(documents),
        batch=hub.PUSH_BATCH,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
