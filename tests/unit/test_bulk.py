"""The bulk-write path (storage/bulk.py) writes exactly what row-by-row inserts write.

The demo goes in with its triggers dropped and their work done set-based, several batches
per transaction. Its database is compared with the same rows inserted the plain way (every
trigger firing row by row, one batch per transaction): same rows, same pending-sync marks,
same tallies (and those equal a full recount), the same name index, the triggers back as
they were, one audit entry per batch, and an intact audit chain.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from factories import keyed_connection, make_helper

from sp_desktop.core import demo
from sp_desktop.core.base.progress import Cancelled, Progress
from sp_desktop.core.domain.model import HouseholdQuery
from sp_desktop.core.domain.permissions import PermissionDeniedError, Role
from sp_desktop.core.storage import (
    DB_FILENAME,
    HELPER_COLUMNS,
    HOUSEHOLD_COLUMNS,
    POST_COLUMNS,
    VISIT_COLUMNS,
    Storage,
)
from sp_desktop.core.trust import audit

HOUSEHOLDS = 230  # five batches of 50 with the last one short
DEMO_KINDS = ("petugas", "posko", "rumah_tangga", "kunjungan")


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _rows(conn: Any, sql: str) -> list[tuple[Any, ...]]:
    return cast(list[tuple[Any, ...]], conn.execute(sql).fetchall())


def _triggers(conn: Any) -> set[tuple[str, str]]:
    return set(_rows(conn, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))


def _tally(conn: Any) -> list[tuple[Any, ...]]:
    return _rows(conn, "SELECT * FROM household_tally WHERE n > 0 ORDER BY 1, 2, 3")


def _recount(conn: Any) -> list[tuple[Any, ...]]:
    """household_tally as recounted from the households themselves (migration 0006)."""
    return _rows(
        conn,
        "SELECT * FROM ("
        "SELECT 'kelurahan', kelurahan_code, coalesce(latest_outcome, ''), count(*) "
        "FROM households GROUP BY 2, 3 UNION ALL "
        "SELECT 'posko', latest_post_id, coalesce(latest_outcome, ''), count(*) "
        "FROM households WHERE latest_post_id <> '' GROUP BY 2, 3 UNION ALL "
        "SELECT 'petugas', latest_helper_id, coalesce(latest_outcome, ''), count(*) "
        "FROM households WHERE latest_helper_id <> '' GROUP BY 2, 3) ORDER BY 1, 2, 3",
    )


def _demo_pending(conn: Any) -> set[str]:
    return {
        r[0]
        for r in _rows(conn, "SELECT doc_id FROM sync_pending")
        if r[0].split(":", 1)[0] in DEMO_KINDS
    }


def _row_by_row(folder: Path, batches: list[tuple[list[tuple], list[tuple]]], first: Any) -> Any:
    """The reference: a fresh database, each batch inserted with every trigger firing."""
    key = secrets.token_bytes(32)
    Storage(folder, key=key).close()  # the schema, as the app makes it
    conn = keyed_connection(folder / DB_FILENAME, key)
    conn.isolation_level = None
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN")
    conn.executemany(_insert("helpers", HELPER_COLUMNS), first[0])
    conn.executemany(_insert("posts", POST_COLUMNS), first[1])
    conn.execute("COMMIT")
    for households, visits in batches:
        conn.execute("BEGIN")
        before = conn.execute("SELECT coalesce(max(pk), 0) FROM households").fetchone()[0]
        conn.executemany(_insert("households", HOUSEHOLD_COLUMNS), households)
        conn.execute(
            "INSERT INTO households_fts (rowid, head_name) "
            "SELECT pk, head_name FROM households WHERE pk > ?",
            [before],
        )
        conn.executemany(_insert("visits", VISIT_COLUMNS), visits)
        conn.execute("COMMIT")
    return conn


def test_demo_writes_what_row_by_row_inserts_write(
    storage: Storage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "BATCH", 50)
    monkeypatch.setattr(demo, "COMMIT_BATCHES", 2)  # transactions of 2, 2 and 1 batches
    assert storage.actor is not None
    admin_helper = storage.actor.helper_id  # the installation's own, not a demo helper
    schema_triggers = _triggers(storage._reader())
    pending_before = _demo_pending(storage._reader())
    summary = demo.generate_demo(storage, HOUSEHOLDS, seed=11)
    assert summary.households == HOUSEHOLDS

    # The same rows again (same seed, same installation), inserted the plain way.
    gen = demo._Generator(storage, 11)
    helpers = gen.helpers(5)
    posts = gen.posts()
    batches = list(gen.households(HOUSEHOLDS, [r[0] for r in helpers], {r[2]: r[0] for r in posts}))
    assert [len(h) for h, _ in batches] == [50, 50, 50, 50, 30]
    ref = _row_by_row(tmp_path / "ref", batches, (helpers, posts))
    ours = storage._reader()
    try:
        for table in ("households", "visits"):
            sql = f"SELECT * FROM {table} ORDER BY pk"
            assert _rows(ours, sql) == _rows(ref, sql)
        for table, columns in (("helpers", HELPER_COLUMNS), ("posts", POST_COLUMNS)):
            sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY pk"
            assert [r for r in _rows(ours, sql) if r[0] != admin_helper] == _rows(ref, sql)
        names = "SELECT rowid, head_name FROM households_fts ORDER BY rowid"
        assert _rows(ours, names) == _rows(ref, names)
        assert _demo_pending(ours) - pending_before == _demo_pending(ref)
        assert len(_demo_pending(ref)) == len(helpers) + len(posts) + HOUSEHOLDS + summary.visits
        assert _tally(ours) == _tally(ref) == _recount(ours)
        assert _triggers(ours) == _triggers(ref) == schema_triggers
    finally:
        ref.close()

    assert storage.integrity_ok()
    assert storage.verify_audit().ok
    entries = sorted(storage.audit_entries(), key=lambda e: e.seq)
    # One entry per batch, in order, as when each batch was a transaction of its own.
    assert [e.details for e in entries if e.entity == "impor_massal"] == [
        {"petugas": 5, "posko": len(posts), "rumah_tangga": 0, "kunjungan": 0},
        *(
            {"petugas": 0, "posko": 0, "rumah_tangga": len(h), "kunjungan": len(v)}
            for h, v in batches
        ),
    ]
    assert {e.action for e in entries if e.entity == "impor_massal"} == {audit.CREATE}
    # The name index answers searches.
    first_name = batches[0][0][0][2].split()[0]
    found = [
        pk for chunk in storage.iter_household_pks(HouseholdQuery(text=first_name)) for pk in chunk
    ]
    assert 1 in found


def test_a_cancelled_bulk_session_keeps_whole_transactions_only(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "BATCH", 40)
    gen = demo._Generator(storage, 3)
    helpers, posts = gen.helpers(5), gen.posts()
    storage.bulk_insert(helpers=helpers, posts=posts)
    triggers = _triggers(storage._reader())
    batches = gen.households(240, [r[0] for r in helpers], {r[2]: r[0] for r in posts})
    progress = Progress()
    with pytest.raises(Cancelled), storage.bulk_session(commit_every=2) as session:
        for i, (households, visits) in enumerate(demo._made_ahead(batches)):
            if i == 3:
                progress.cancel()  # in the second transaction, after one of its batches
            session.add(households=households, visits=visits, progress=progress)
    conn = storage._reader()
    assert _rows(conn, "SELECT count(*) FROM households") == [(80,)]
    assert _rows(conn, "SELECT count(*) FROM households_fts") == [(80,)]
    assert _tally(conn) == _recount(conn)
    assert _triggers(conn) == triggers
    assert storage.integrity_ok()


def test_same_seed_same_demo_data() -> None:
    """The fast generator draws what it always drew: the rows of seed 2020 are pinned."""
    storage = SimpleNamespace(installation_id="installasi-uji", actor=SimpleNamespace(id="akun"))
    gen = demo._Generator(cast(Storage, storage), 2020)
    helpers = gen.helpers(8)
    gen.creators = {helpers[1][0]: "akun-2"}
    posts = gen.posts()
    batches = list(gen.households(600, [r[0] for r in helpers], {r[2]: r[0] for r in posts}))
    # Made with the generator as it was before the bulk path (row by row, random.choice).
    assert hashlib.sha256(repr((helpers, posts, batches)).encode()).hexdigest() == (
        "35aa99a81280bc8e3372f8323c578ae8eee79ef1a036a0419583b161a5810919"
    )


def test_only_admins_write_in_bulk(storage: Storage) -> None:
    helper = storage.save_account(make_helper(21, "Made Wirawan"), Role.HELPER)
    storage.act_as_system(helper)
    with pytest.raises(PermissionDeniedError), storage.bulk_session():
        pass
    assert storage._reader().execute("SELECT count(*) FROM households").fetchone() == (0,)
