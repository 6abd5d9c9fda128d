"""One bulk-write path for many rows at once: the demo, bundle imports and hub pulls.

Row by row, every record pays for its triggers (a pending-sync mark each, three tally
upserts per household), and with SQLite's 2 MB page cache, indexes on random UUIDs have
their pages decrypted and re-encrypted over and over. `bulk_load`, inside the caller's
transaction:

- drops the triggers it stands in for, keeping their SQL exactly as sqlite_master holds it,
  and re-creates them from that SQL before the transaction ends (an error or a crash rolls
  the DROP back with everything else: no committed state ever lacks them);
- inserts with executemany, filling the FTS name index from the new households at once;
- at its end does, in a few set-based statements over the new rows (pk above each table's
  last pk from before the load), what the dropped triggers would have done row by row.

Two kinds of load: records made on this PC (`local=True`: the demo) get their pending-sync
marks and their tally counts set-based; documents that arrived (`local=False`: bundle or
hub) carry their own revisions, so every sync trigger is off and no mark is made, while the
tally triggers stay (an apply also updates and deletes records).

Callers hold the write lock and a large page cache (`_page_cache`) around the transaction,
or around a whole run of them (BulkSession), so the cache survives from batch to batch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.storage.rows import (
    HELPER_COLUMNS,
    HOUSEHOLD_COLUMNS,
    POST_COLUMNS,
    VISIT_COLUMNS,
    _insert_sql,
)

# Page cache of a bulk write of local records (KiB): at a million households the indexes
# keyed by random UUIDs (ids, No KK, NIK, pending marks) are some 450 MB, and a page that
# falls out of the cache is read back, decrypted and written again for the next batch
# (1M-household demo on a 2-core VM: 180 s with 256 MB, 141 s with 512 MB). It fills only
# as pages are used: about the size of the database for a smaller demo.
BULK_CACHE_KIB = 524_288
# Every sync trigger (migrations 0005 and 0006 name them so): off while documents that
# carry their own revisions are written.
SYNC_TRIGGERS = tuple(
    f"{kind.table}_sync_{event}"
    for kind in sync_docs.KINDS
    for event in ("insert", "update", "delete")
)
_TALLY_INSERT = "households_tally_insert"
# What household_tally counts: (dimension, the households column that is its key), as the
# tally triggers of migration 0006 do; posko and petugas only where the key is set.
_TALLY_DIMENSIONS = (
    ("kelurahan", "kelurahan_code"),
    ("posko", "latest_post_id"),
    ("petugas", "latest_helper_id"),
)


def last_pk(conn: sqlcipher.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(pk), 0) FROM {table}").fetchone()[0])


def fill_name_index(conn: sqlcipher.Connection, after_pk: int) -> None:
    """Put the households written after `after_pk` into the FTS name index, in one go."""
    conn.execute(
        "INSERT INTO households_fts (rowid, head_name) "
        "SELECT pk, head_name FROM households WHERE pk > ?",
        [after_pk],
    )


def _drop_triggers(conn: sqlcipher.Connection, names: Sequence[str]) -> list[str]:
    """Drop these triggers (those that exist); returns their SQL as sqlite_master held it."""
    marks = ", ".join("?" for _ in names)
    rows = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks}) "
        "ORDER BY name",
        list(names),
    ).fetchall()
    for name, _ in rows:
        conn.execute(f"DROP TRIGGER {name}")
    return [sql for _, sql in rows]


class BulkLoad:
    """Rows written in one bulk load, and the set-based work they are owed at its end.

    `local`: the records are made here (the demo): the insert triggers of `tables` are
    replaced by their set-based equivalent. Otherwise (documents that arrived) every sync
    trigger is off and nothing is marked pending.
    """

    def __init__(
        self, conn: sqlcipher.Connection, *, local: bool, tables: Sequence[str] = ()
    ) -> None:
        self.conn = conn
        self.local = local
        if local:
            self.suspended = [f"{table}_sync_insert" for table in tables]
            if "households" in tables:
                self.suspended.append(_TALLY_INSERT)
        else:
            self.suspended = list(SYNC_TRIGGERS)
        self.before: dict[str, int] = {}  # table -> its last pk before the load
        self._triggers: list[str] = []

    def start(self) -> None:
        self._triggers = _drop_triggers(self.conn, self.suspended)

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """executemany of pre-validated rows (tuples in `columns` order)."""
        if not rows:
            return
        if table not in self.before:
            self.before[table] = last_pk(self.conn, table)
        before = last_pk(self.conn, "households") if table == "households" else 0
        self.conn.executemany(_insert_sql(table, columns), rows)
        if table == "households":
            fill_name_index(self.conn, before)

    def finish(self) -> None:
        """What the dropped triggers would have done for every row written, set-based;
        then the triggers themselves, back from their SQL."""
        conn = self.conn
        for table, before in self.before.items() if self.local else ():
            if table == "households":
                for dimension, column in _TALLY_DIMENSIONS:
                    skip = "" if dimension == "kelurahan" else f" AND {column} <> ''"
                    conn.execute(
                        "INSERT INTO household_tally (dimension, key, outcome, n) "
                        f"SELECT ?, {column}, coalesce(latest_outcome, ''), count(*) "
                        f"FROM households WHERE pk > ?{skip} GROUP BY 2, 3 "
                        "ON CONFLICT DO UPDATE SET n = n + excluded.n",
                        [dimension, before],
                    )
            kind = sync_docs.KIND_BY_TABLE.get(table)
            if kind is not None:
                # In key order: one pass along the index instead of a jump per record.
                conn.execute(
                    "INSERT OR IGNORE INTO sync_pending "
                    f"SELECT ? || id FROM {table} WHERE pk > ? ORDER BY 1",
                    [f"{kind.name}:", before],
                )
        for statement in self._triggers:
            conn.execute(statement)
        self._triggers = []


@contextlib.contextmanager
def bulk_load(
    conn: sqlcipher.Connection, *, local: bool, tables: Sequence[str] = ()
) -> Iterator[BulkLoad]:
    """A BulkLoad inside the caller's (already open) transaction; see the module's notes."""
    load = BulkLoad(conn, local=local, tables=tables)
    load.start()
    yield load
    load.finish()


class BulkSession:
    """Batches of rows made on this PC (helpers, posts, households, visits), written
    `commit_every` batches per transaction, each batch with its own audit entry.

    A killed process loses only the batches of the transaction in flight, never part of
    one; fewer, larger transactions write each page of a random-keyed index fewer times
    (every commit writes every page it dirtied, and nearly every page is dirtied).
    """

    def __init__(
        self,
        conn: sqlcipher.Connection,
        audit: Callable[[dict[str, int]], None],
        *,
        commit_every: int = 1,
    ) -> None:
        self.conn = conn
        self.audit = audit  # writes a batch's audit entry, inside its transaction
        self.commit_every = max(1, commit_every)
        self._load: BulkLoad | None = None
        self._batches = 0

    def add(
        self,
        *,
        helpers: Iterable[Sequence[Any]] = (),
        posts: Iterable[Sequence[Any]] = (),
        households: Iterable[Sequence[Any]] = (),
        visits: Iterable[Sequence[Any]] = (),
        progress: Progress | None = None,
    ) -> None:
        """One batch of pre-validated rows (tuples in *_COLUMNS order)."""
        batch = [
            ("helpers", HELPER_COLUMNS, "petugas", list(helpers)),
            ("posts", POST_COLUMNS, "posko", list(posts)),
            ("households", HOUSEHOLD_COLUMNS, "rumah_tangga", list(households)),
            ("visits", VISIT_COLUMNS, "kunjungan", list(visits)),
        ]
        if self._load is None:
            self.conn.execute("BEGIN")
            self._load = BulkLoad(self.conn, local=True, tables=[b[0] for b in batch])
            self._load.start()
        for table, columns, _label, rows in batch:
            self._load.insert(table, columns, rows)
            if progress is not None and table in ("households", "visits"):
                progress.check()
        self.audit({label: len(rows) for _, _, label, rows in batch})
        self._batches += 1
        if self._batches >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        if self._load is None:
            return
        self._load.finish()
        self._load, self._batches = None, 0
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        self._load, self._batches = None, 0
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
