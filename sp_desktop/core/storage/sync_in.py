"""Sync, incoming: applying documents from a bundle or a hub, and bulk inserts."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.domain.model import (
    utc_now,
)
from sp_desktop.core.domain.permissions import (
    Permission,
)
from sp_desktop.core.storage.bulk import BULK_CACHE_KIB, BulkLoad, BulkSession, bulk_load
from sp_desktop.core.storage.connection import StorageBase, _page_cache, user_errors
from sp_desktop.core.storage.rows import (
    _chunks,
    _insert_sql,
    _leaves_text,
)
from sp_desktop.core.trust import audit, revisions
from sp_desktop.core.trust.revisions import Leaf, RevisionError
from sp_desktop.core.trust.sealed import is_sealed
from sp_desktop.core.trust.signing import PublicKey

if TYPE_CHECKING:
    import sqlite_utils

APPLY_CHUNK = 2000
# A big import touches every table and index at once: with SQLite's default 2 MB page
# cache each page would be decrypted and re-encrypted many times over. Smaller than
# BULK_CACHE_KIB: an import runs on the office PCs, a million-household demo does not.
APPLY_CACHE_KIB = 131_072
_KIND_ORDER = {kind.name: i for i, kind in enumerate(sync_docs.KINDS)}
# Records that refer to a record of this table: it is not deleted while they exist.
_CHILDREN = {
    "households": (("visits", "household_id"), ("proof_files", "household_id")),
    "visits": (("proof_files", "visit_id"),),
    "helpers": (("visits", "helper_id"), ("accounts", "helper_id")),
    "posts": (("visits", "post_id"),),
    "staff": (("staff_updates", "staff_id"), ("staff_proof_files", "staff_id")),
    "staff_updates": (("staff_proof_files", "update_id"),),
}


@dataclass
class _ApplyState:
    seq: int = 0  # the next change number to hand out
    households: set[str] = field(default_factory=set)  # whose visit summary to refresh
    staff: set[str] = field(default_factory=set)  # whose status to refresh
    local_edits: set[str] = field(default_factory=set)  # doc ids changed by the apply itself
    inserted: dict[str, set[str]] = field(default_factory=dict)  # table -> ids written

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq - 1


@dataclass(slots=True)
class _Incoming:
    """An arriving document, checked: its kind, record, branch, body and table row."""

    kind: sync_docs.Kind
    record_id: str
    doc: str
    leaf: Leaf
    body: dict[str, Any]
    row: tuple[Any, ...] | None  # None for a tombstone
    content: bytes | None


def _identify(document: Any, content: bytes | None) -> _Incoming:
    """Which record and revision an arriving document is (enough to tell if it is new)."""
    if not isinstance(document, dict):
        raise sync_docs.DocumentProblem(_("Ada data dalam kiriman ini yang tidak sah."))
    kind, record_id = sync_docs.split_doc_id(document.get("_id"))
    leaf = revisions.leaf_from_doc(document)
    return _Incoming(kind, record_id, f"{kind.name}:{record_id}", leaf, document, None, content)


def _check_incoming(db: Any, item: _Incoming) -> None:
    """Every field of a document that will be applied (the body keeps `_id` and the like:
    the table row takes only its own columns, stored bodies drop them)."""
    if item.leaf.deleted:
        merged_into = item.body.get(sync_docs.MERGED_INTO)
        item.body = (
            {sync_docs.MERGED_INTO: merged_into}
            if item.kind is sync_docs.HOUSEHOLD and _is_record_id(merged_into)
            else {}
        )
        return
    item.row = sync_docs.row_from_body(item.kind, item.record_id, item.body)
    if item.kind.has_content:
        item.content = _checked_proof_content(
            db, item.kind, item.record_id, item.body, item.content
        )


def _refuse(exc: Exception, strict: bool) -> None:
    """In a bundle one bad document refuses the whole bundle; from a hub it is skipped."""
    if not strict:
        return
    if isinstance(exc, sync_docs.DocumentProblem):
        raise exc
    raise sync_docs.DocumentProblem(_("Ada data dalam kiriman ini yang tidak sah.")) from None


def _existing_ids(db: Any, table: str, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids, 500):
        marks = ", ".join("?" for _ in chunk)
        found.update(
            r[0] for r in db.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", list(chunk))
        )
    return found


def _is_record_id(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9A-Za-z_-]{1,64}", value) is not None


def _proof_content(db: Any, kind: sync_docs.Kind, record_id: str) -> bytes | None:
    """The file as stored (a household's proof sealed: passed on as it is)."""
    if not kind.has_content:
        return None
    row = db.execute(f"SELECT content FROM {kind.table} WHERE id = ?", [record_id]).fetchone()
    return bytes(row[0]) if row else None


def _known_proof_content(
    db: Any, kind: sync_docs.Kind, record_id: str, sha256: str
) -> bytes | None:
    """The stored file whose content in clear has this SHA-256: a clear one is hashed again,
    a sealed one is taken by the digest recorded when it was sealed."""
    row = db.execute(
        f"SELECT content FROM {kind.table} WHERE id = ? AND sha256 = ?", [record_id, sha256]
    ).fetchone()
    if row is None:
        return None
    known = bytes(row[0])
    return known if is_sealed(known) or hashlib.sha256(known).hexdigest() == sha256 else None


def _checked_proof_content(
    db: Any, kind: sync_docs.Kind, record_id: str, body: dict[str, Any], content: bytes | None
) -> bytes | None:
    """The proof file's bytes, which must be exactly what its document says they are."""
    if body.get("erased_at"):
        return b""
    if content is None:
        known = _known_proof_content(db, kind, record_id, str(body["sha256"]))
        if known is not None:
            return known
        raise sync_docs.DocumentProblem(_("Berkas bukti pengisian tidak ikut terkirim."))
    if len(content) != body["size"] or hashlib.sha256(content).hexdigest() != body["sha256"]:
        raise sync_docs.DocumentProblem(
            _("Berkas bukti pengisian dalam kiriman ini rusak atau telah diubah.")
        )
    return content


class SyncInMixin(StorageBase):
    # -- what a petugas's bundle may touch (bundle.py checks it) ------------------------

    def record_provenance(
        self, kind: sync_docs.Kind, ids: Sequence[str]
    ) -> dict[str, tuple[str, str]]:
        """id -> (origin, created_by) of the records of `kind` this office already has."""
        self._require(Permission.SYNC)
        found: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" for _ in chunk)
            for record_id, origin, creator in self._read(
                f"SELECT id, origin, created_by FROM {kind.table} WHERE id IN ({marks})", chunk
            ):
                found[record_id] = (origin, creator)
        return found

    def known_doc_ids(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these documents this office already has (any revision)."""
        self._require(Permission.SYNC)
        found: set[str] = set()
        for chunk in _chunks(list(doc_ids), 500):
            marks = ", ".join("?" for _ in chunk)
            found.update(
                r[0]
                for r in self._read(
                    f"SELECT doc_id FROM sync_docs WHERE doc_id IN ({marks})", chunk
                )
            )
        return found

    def bulk_insert(
        self,
        *,
        helpers: Iterable[Sequence[Any]] = (),
        posts: Iterable[Sequence[Any]] = (),
        households: Iterable[Sequence[Any]] = (),
        visits: Iterable[Sequence[Any]] = (),
        progress: Progress | None = None,
    ) -> None:
        """Insert pre-validated rows (tuples in *_COLUMNS order) in ONE transaction.

        For generated or imported data. The rows get, set-based, what the triggers would
        give them (pending-sync marks, tallies; bulk.py), the new names go into the FTS
        index, and one audit entry records how many rows of each kind came in. Many
        batches in a row: `bulk_session`.
        """
        with self.bulk_session() as session:
            session.add(
                helpers=helpers,
                posts=posts,
                households=households,
                visits=visits,
                progress=progress,
            )

    @contextlib.contextmanager
    def bulk_session(self, *, commit_every: int = 1) -> Iterator[BulkSession]:
        """For many batches: `add(helpers=..., households=..., ...)` per batch, each batch
        written as bulk_insert writes it, `commit_every` batches per transaction (a killed
        process loses the batches of the transaction in flight, never part of one). The
        large page cache, and what it holds, lasts from one transaction to the next."""
        self._require(Permission.SETTINGS)

        def audit_batch(counts: dict[str, int]) -> None:
            self._audit(self.db, audit.CREATE, "impor_massal", "", counts)

        with self._write_lock, user_errors(), _page_cache(self._conn, BULK_CACHE_KIB):
            session = BulkSession(self._conn, audit_batch, commit_every=commit_every)
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    # -- sync: documents in -------------------------------------------------------------

    def sync_apply(
        self,
        documents: Iterable[tuple[dict[str, Any], bytes | None]],
        *,
        strict: bool,
        progress: Progress | None = None,
        total: int = 0,
        source: str = "",
        bundle: tuple[str, str] | None = None,
        trust: PublicKey | None = None,
    ) -> sync_docs.ApplySummary:
        """Merge documents from a bundle or a hub, in ONE transaction.

        `strict` (bundles): any invalid document aborts the whole apply, so nothing is
        written. Otherwise (hub) an invalid document is skipped and counted. `bundle` is
        (manifest SHA-256, sender installation id), recorded so the same bundle is known.
        `trust`: the sender's key, trusted in the same transaction (so a refused bundle
        leaves no trace).
        """
        actor = self._require(Permission.SYNC)
        if trust is not None:
            self._require(Permission.SETTINGS)
        summary = sync_docs.ApplySummary.empty()
        with self._write_lock, _page_cache(self._conn, APPLY_CACHE_KIB), self._writing() as db:
            if trust is not None:
                self._trust_key(db, trust, actor)
            # A merge re-points visits before it deletes a household; within this
            # transaction the order of documents must not matter.
            db.execute("PRAGMA defer_foreign_keys = ON")
            self._commit_pending(db)
            state = _ApplyState(seq=self._next_sync_seq(db))
            # Written records carry their own revisions: no pending marks (the sync
            # triggers are off until the end of this block, bulk.py).
            with bulk_load(db.conn, local=False) as load:
                done = 0
                iterator = iter(documents)
                while chunk := list(itertools.islice(iterator, APPLY_CHUNK)):
                    self._apply_chunk(db, load, chunk, summary, state, strict=strict)
                    done += len(chunk)
                    if progress is not None:
                        progress.report(done, max(total, done), _("Menggabungkan data"))
                self._unpark(db, state)
                self._refresh_household_summaries(db, sorted(state.households))
                self._refresh_staff_summaries(db, sorted(state.staff))
                summary.parked = db.execute(
                    "SELECT count(*) FROM sync_docs WHERE parked = 1"
                ).fetchone()[0]
            # What the apply wrote is the documents' own revisions, not local edits;
            # only what it changed by itself (visits following a merged household)
            # becomes a new local revision.
            if state.local_edits:
                db.conn.executemany(
                    "INSERT OR IGNORE INTO sync_pending VALUES (?)",
                    [(d,) for d in sorted(state.local_edits)],
                )
                self._commit_pending(db)
            details = {"sumber": source, **summary.as_dict()}
            if bundle is not None:
                db.execute(
                    "INSERT INTO sync_peers (peer, kind, state, last_sync_at) VALUES "
                    "('paket', 'bundle', '{}', ?) ON CONFLICT (peer) DO UPDATE SET "
                    "last_sync_at = excluded.last_sync_at",
                    [utc_now()],
                )
                db.execute(
                    "INSERT OR REPLACE INTO sync_imports (manifest_sha256, imported_at, "
                    "installation_id, summary) VALUES (?, ?, ?, ?)",
                    [bundle[0], utc_now(), bundle[1], json.dumps(summary.as_dict())],
                )
            if summary.changed or bundle is not None:
                self._audit(db, audit.IMPORT if bundle else audit.SYNC, "data", "", details)
        return summary

    def bundle_imported_at(self, manifest_sha256: str) -> str | None:
        rows = self._read(
            "SELECT imported_at FROM sync_imports WHERE manifest_sha256 = ?", [manifest_sha256]
        )
        return rows[0][0] if rows else None

    def _apply_chunk(
        self,
        db: sqlite_utils.Database,
        load: BulkLoad,
        chunk: list[tuple[dict[str, Any], bytes | None]],
        summary: sync_docs.ApplySummary,
        state: _ApplyState,
        *,
        strict: bool,
    ) -> None:
        """Documents new to this installation go in batches (one INSERT per kind); the
        rest (updates, conflicts, deletions, records waiting for others) one by one."""
        arrived: list[_Incoming] = []
        for document, content in chunk:
            try:
                arrived.append(_identify(document, content))
            except (sync_docs.DocumentProblem, RevisionError, KeyError, TypeError) as exc:
                _refuse(exc, strict)
                summary.rejected += 1
        known = self._sync_rows(db, [item.doc for item in arrived])
        parsed: list[_Incoming] = []
        for item in arrived:
            stored = known.get(item.doc)
            if stored is not None and any(
                leaf.has(item.leaf.pos, item.leaf.ids[0]) for leaf in stored.leaves
            ):
                summary.unchanged += 1  # the common case of a bundle seen in part before
                continue
            try:
                _check_incoming(db, item)
            except (sync_docs.DocumentProblem, KeyError, TypeError) as exc:
                _refuse(exc, strict)
                summary.rejected += 1
                continue
            parsed.append(item)
        fresh: dict[sync_docs.Kind, list[_Incoming]] = {}
        rest: list[_Incoming] = []
        seen: set[str] = set()
        for item in parsed:
            if item.doc in known or item.doc in seen or item.leaf.deleted:
                rest.append(item)
            else:
                fresh.setdefault(item.kind, []).append(item)
            seen.add(item.doc)
        for kind in sync_docs.KINDS:
            if kind in fresh:
                rest.extend(self._insert_fresh(db, load, kind, fresh[kind], summary, state))
        for item in rest:
            self._apply_one(db, item, summary, state)

    def _insert_fresh(
        self,
        db: sqlite_utils.Database,
        load: BulkLoad,
        kind: sync_docs.Kind,
        items: list[_Incoming],
        summary: sync_docs.ApplySummary,
        state: _ApplyState,
    ) -> list[_Incoming]:
        """Insert records this installation has never seen; returns those that cannot go
        in directly (their record exists, or one they refer to is missing)."""
        ids = [item.record_id for item in items]
        existing = _existing_ids(db, kind.table, ids)
        present = {}
        for column, target in kind.references.items():
            table = sync_docs.KIND_BY_NAME[target].table
            wanted = {item.body[column] for item in items}
            # Most references are to records this apply has just written.
            inserted = state.inserted.get(table, set())
            present[column] = (wanted & inserted) | _existing_ids(
                db, table, sorted(wanted - inserted)
            )
        ready, later = [], []
        for item in items:
            if item.record_id in existing or any(
                item.body[column] not in present[column] for column in kind.references
            ):
                later.append(item)
            else:
                ready.append(item)
        if not ready:
            return later
        columns = list(kind.columns)
        # Fresh documents are never tombstones: _check_incoming gave each its row.
        rows = [item.row for item in ready if item.row is not None]
        if kind.has_content:
            columns.append("content")
            rows = [
                (*row, self._sealed_content(db, kind, item.body, item.content))
                for row, item in zip(rows, ready, strict=True)
            ]
        load.insert(kind.table, columns, rows)
        if kind is sync_docs.HOUSEHOLD:
            state.households.update(item.record_id for item in ready)
        elif kind is sync_docs.VISIT:
            state.households.update(item.body["household_id"] for item in ready)
        elif kind is sync_docs.STAFF_UPDATE:
            state.staff.update(item.body["staff_id"] for item in ready)
        state.inserted.setdefault(kind.table, set()).update(item.record_id for item in ready)
        sync_rows = [
            (item.doc, item.leaf.rev, _leaves_text([item.leaf]), state.next_seq()) for item in ready
        ]
        db.conn.executemany(
            "INSERT INTO sync_docs (doc_id, rev, deleted, leaves, seq, conflicted, parked) "
            "VALUES (?, ?, 0, ?, ?, 0, 0)",
            sync_rows,
        )
        summary.added[kind.name] = summary.added.get(kind.name, 0) + len(ready)
        return later

    def _apply_one(
        self,
        db: sqlite_utils.Database,
        item: _Incoming,
        summary: sync_docs.ApplySummary,
        state: _ApplyState,
    ) -> None:
        kind, record_id, doc, leaf, body, content = (
            item.kind,
            item.record_id,
            item.doc,
            item.leaf,
            item.body,
            item.content,
        )
        row = self._sync_rows(db, [doc]).get(doc)
        leaves = row.leaves if row else []
        if any(existing.has(leaf.pos, leaf.ids[0]) for existing in leaves):
            summary.unchanged += 1
            return
        old_winner = revisions.winner(leaves) if leaves else None
        was_parked = bool(row and row.parked)
        old_conflicts = len(revisions.conflicts(leaves)) if leaves else 0
        new_leaves, _changed = revisions.merge(leaves, leaf)
        new_winner = revisions.winner(new_leaves)
        for gone in leaves:
            if gone not in new_leaves:
                db.execute("DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, gone.rev])
        if leaf.deleted and body:
            self._put_body(db, doc, leaf.rev, body, None)
        parked = was_parked
        if old_winner is None or new_winner.rev != old_winner.rev:
            if (
                old_winner is not None
                and old_winner in new_leaves
                and not old_winner.deleted
                and not was_parked
            ):
                # The record's current version lost: it becomes a kept conflict.
                old_body = self._domain_bodies(db, kind, [record_id]).get(record_id)
                if old_body is not None:
                    self._put_body(
                        db, doc, old_winner.rev, old_body, _proof_content(db, kind, record_id)
                    )
            if new_winner.deleted:
                self._delete_record(db, kind, record_id, body, state)
                parked = False
            else:
                if new_winner == leaf:
                    winner_body, winner_content = body, content
                else:
                    stored = self._stored_body(db, doc, new_winner.rev)
                    if stored is None:
                        raise sync_docs.DocumentProblem(_("Riwayat data ini tidak lengkap."))
                    winner_body, winner_content = stored
                winner_body = self._follow_merges(db, kind, doc, winner_body, state)
                if self._references_present(db, kind, winner_body):
                    self._write_record(db, kind, record_id, winner_body, winner_content, state)
                    db.execute(
                        "DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?",
                        [doc, new_winner.rev],
                    )
                    parked = False
                else:
                    self._put_body(db, doc, new_winner.rev, winner_body, winner_content)
                    parked = True
            summary.count(summary.added if old_winner is None else summary.updated, kind)
        elif not leaf.deleted:
            self._put_body(db, doc, leaf.rev, body, content)
        if kind is sync_docs.HOUSEHOLD and not parked:
            new_leaves = self._keep_erasure(db, doc, record_id, new_leaves, state)
        if len(revisions.conflicts(new_leaves)) > old_conflicts:
            summary.count(summary.conflicts, kind)
        self._put_sync_doc(db, doc, new_leaves, state.next_seq(), parked=parked)

    def _keep_erasure(
        self,
        db: sqlite_utils.Database,
        doc: str,
        record_id: str,
        leaves: list[Leaf],
        state: _ApplyState,
    ) -> list[Leaf]:
        """An erasure (consent withdrawn, retention ended) is never undone by sync: when any
        version of a household is erased, the household is erased here too, and the other
        versions, which still hold the family's data, are closed. Returns the new leaves."""
        losers = revisions.conflicts(leaves)
        row = db.execute(
            "SELECT pk, erased_at FROM households WHERE id = ?", [record_id]
        ).fetchone()
        if row is None or not losers:
            return leaves
        erased_loser = False
        for loser in losers:
            stored = self._stored_body(db, doc, loser.rev)
            erased_loser = erased_loser or bool(stored and stored[0].get("erased_at"))
        if not row[1] and not erased_loser:
            return leaves  # an ordinary conflict: kept for people to review
        if not row[1]:
            self._erase_households(db, [row[0]])
            state.local_edits.add(doc)
            for table, kind_name in (("visits", "kunjungan"), ("proof_files", "bukti")):
                state.local_edits.update(
                    f"{kind_name}:{r[0]}"
                    for r in db.execute(
                        f"SELECT id FROM {table} WHERE household_id = ?", [record_id]
                    )
                )
        for loser in losers:
            leaves, _changed = revisions.edit(leaves, loser, {}, deleted=True)
            db.execute("DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, loser.rev])
        return leaves

    def _follow_merges(
        self,
        db: sqlite_utils.Database,
        kind: sync_docs.Kind,
        doc: str,
        body: dict[str, Any],
        state: _ApplyState,
    ) -> dict[str, Any]:
        """A visit or proof file made elsewhere on a household since merged into another
        follows it there (a local edit, so the move syncs on)."""
        if "household_id" not in kind.references:
            return body
        target = self._merged_into(db, body["household_id"])
        if target is None:
            return body
        state.local_edits.add(doc)
        return {**body, "household_id": target}

    def _merged_into(self, db: sqlite_utils.Database, household_id: str) -> str | None:
        target = None
        seen = {household_id}
        current = household_id
        while True:
            row = db.execute(
                "SELECT rev FROM sync_docs WHERE doc_id = ? AND deleted = 1",
                [sync_docs.doc_id(sync_docs.HOUSEHOLD, current)],
            ).fetchone()
            if row is None:
                return target
            stored = self._stored_body(db, sync_docs.doc_id(sync_docs.HOUSEHOLD, current), row[0])
            following = stored[0].get(sync_docs.MERGED_INTO) if stored else None
            if not following or following in seen:
                return target
            seen.add(following)
            target = current = following

    @staticmethod
    def _references_present(
        db: sqlite_utils.Database, kind: sync_docs.Kind, body: dict[str, Any]
    ) -> bool:
        for column, target in kind.references.items():
            table = sync_docs.KIND_BY_NAME[target].table
            if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [body[column]]).fetchone() is None:
                return False
        return True

    def _sealed_content(
        self, db: Any, kind: sync_docs.Kind, body: dict[str, Any], content: bytes | None
    ) -> bytes | None:
        """A proof file as its table keeps it: sealed where it is written, so the household
        or staff member it belongs to (inserted before it, in kind order) names its
        readers. A file already sealed here (known, or a stored revision's) stays as it is."""
        if not content:
            return content
        if kind is sync_docs.PROOF:
            return self._sealed_proof(db, str(body.get("household_id", "")), content)
        if kind is sync_docs.STAFF_PROOF:
            return self._sealed_staff_proof(db, str(body.get("staff_id", "")), content)
        return content

    def _write_record(
        self,
        db: sqlite_utils.Database,
        kind: sync_docs.Kind,
        record_id: str,
        body: dict[str, Any],
        content: bytes | None,
        state: _ApplyState,
    ) -> None:
        values = list(sync_docs.row_from_body(kind, record_id, body))
        columns = list(kind.columns)
        if kind.has_content:
            columns.append("content")
            values.append(
                b"" if body.get("erased_at") else self._sealed_content(db, kind, body, content)
            )
        existing = db.execute(
            f"SELECT pk{', head_name' if kind is sync_docs.HOUSEHOLD else ''}"
            f"{', household_id' if kind is sync_docs.VISIT else ''}"
            f"{', staff_id' if kind is sync_docs.STAFF_UPDATE else ''} "
            f"FROM {kind.table} WHERE id = ?",
            [record_id],
        ).fetchone()
        if existing is not None:
            sets = ", ".join(f"{c} = ?" for c in columns[1:])
            db.execute(f"UPDATE {kind.table} SET {sets} WHERE id = ?", [*values[1:], record_id])
        else:
            cursor = db.execute(_insert_sql(kind.table, columns), values)
        if kind is sync_docs.HOUSEHOLD:
            name = body["head_name"]
            if existing is None:
                db.execute(
                    "INSERT INTO households_fts (rowid, head_name) VALUES (?, ?)",
                    [cursor.lastrowid, name],
                )
            elif existing[1] != name:
                db.execute(
                    "UPDATE households_fts SET head_name = ? WHERE rowid = ?", [name, existing[0]]
                )
            state.households.add(record_id)
        elif kind is sync_docs.VISIT:
            state.households.add(body["household_id"])
            if existing is not None:
                state.households.add(existing[1])
        elif kind is sync_docs.STAFF_UPDATE:
            state.staff.add(body["staff_id"])
            if existing is not None:
                state.staff.add(existing[1])

    def _delete_record(
        self,
        db: sqlite_utils.Database,
        kind: sync_docs.Kind,
        record_id: str,
        tomb: dict[str, Any],
        state: _ApplyState,
    ) -> None:
        row = db.execute(f"SELECT pk FROM {kind.table} WHERE id = ?", [record_id]).fetchone()
        if row is None:
            return
        if kind is sync_docs.HOUSEHOLD:
            target = tomb.get(sync_docs.MERGED_INTO)
            if target and db.execute("SELECT 1 FROM households WHERE id = ?", [target]).fetchone():
                for table, kind_name in (("visits", "kunjungan"), ("proof_files", "bukti")):
                    moved = db.execute(
                        f"SELECT id FROM {table} WHERE household_id = ?", [record_id]
                    ).fetchall()
                    state.local_edits.update(f"{kind_name}:{r[0]}" for r in moved)
                    db.execute(
                        f"UPDATE {table} SET household_id = ? WHERE household_id = ?",
                        [target, record_id],
                    )
                state.households.add(target)
            if db.execute("SELECT 1 FROM visits WHERE household_id = ?", [record_id]).fetchone():
                return  # still has visits made here: keep the record, do not orphan them
            db.execute("DELETE FROM households_fts WHERE rowid = ?", [row[0]])
        for child, column in _CHILDREN.get(kind.table, ()):
            if db.execute(f"SELECT 1 FROM {child} WHERE {column} = ?", [record_id]).fetchone():
                return
        if kind is sync_docs.STAFF_UPDATE:
            staff = db.execute("SELECT staff_id FROM staff_updates WHERE id = ?", [record_id])
            state.staff.update(r[0] for r in staff)
        db.execute(f"DELETE FROM {kind.table} WHERE id = ?", [record_id])

    def _unpark(self, db: sqlite_utils.Database, state: _ApplyState) -> None:
        """Write parked arrivals whose references have now arrived (in kind order)."""
        parked = [r[0] for r in db.execute("SELECT doc_id FROM sync_docs WHERE parked = 1")]
        for doc in sorted(parked, key=lambda d: _KIND_ORDER[d.split(":", 1)[0]]):
            kind, record_id = sync_docs.split_doc_id(doc)
            row = self._sync_rows(db, [doc])[doc]
            stored = self._stored_body(db, doc, row.rev)
            if stored is None:
                continue
            body = self._follow_merges(db, kind, doc, stored[0], state)
            if self._references_present(db, kind, body):
                self._write_record(db, kind, record_id, body, stored[1], state)
                db.execute("DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, row.rev])
                db.execute("UPDATE sync_docs SET parked = 0 WHERE doc_id = ?", [doc])
