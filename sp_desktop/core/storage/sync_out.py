"""Sync, outgoing: revisions for local changes, documents out, status and peers."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
from sqlcipher3 import dbapi2 as sqlcipher

from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.domain.model import utc_now
from sp_desktop.core.domain.permissions import Permission
from sp_desktop.core.storage.connection import (
    REPORT_CACHE_KIB,
    StorageBase,
    _page_cache,
    user_errors,
)
from sp_desktop.core.storage.rows import _chunks, _json_text, _leaves_text
from sp_desktop.core.trust import audit, revisions
from sp_desktop.core.trust.revisions import Leaf, RevisionError
from sp_desktop.core.trust.sealed import from_sealed_text, is_sealed, sealed_text

if TYPE_CHECKING:
    import sqlite_utils

SYNC_COMMIT_BATCH = 5000
# Proof files' documents: their stored files are sealed like the tables' are.
_PROOF_PREFIXES = (
    sync_docs.doc_id(sync_docs.PROOF, ""),
    sync_docs.doc_id(sync_docs.STAFF_PROOF, ""),
)
_HOUSEHOLD_PREFIX = sync_docs.doc_id(sync_docs.HOUSEHOLD, "")
# What a petugas's own bundle holds (own_bundle_selection): households it entered, the visits
# and proof files it recorded for them, and the helpers and posts those visits name.
_OWN_HOUSEHOLDS = "SELECT id FROM households WHERE created_by = ?"
_OWN_VISITS = (
    "SELECT v.id FROM visits v JOIN households h ON h.id = v.household_id "
    "WHERE h.created_by = ?1 AND v.created_by = ?1"
)
_OWN_PROOFS = (
    "SELECT p.id FROM proof_files p JOIN households h ON h.id = p.household_id "
    "WHERE h.created_by = ?1 AND p.created_by = ?1"
)
_OWN_VISITS_HELPERS = f"SELECT DISTINCT helper_id FROM visits WHERE id IN ({_OWN_VISITS})"
_OWN_VISITS_POSTS = f"SELECT DISTINCT post_id FROM visits WHERE id IN ({_OWN_VISITS})"
# Where each kind's `wilayah` (kelurahan code, for replication selectors) comes from.
_WILAYAH = {
    "petugas": "''",
    "posko": "t.kelurahan_code",
    "rumah_tangga": "t.kelurahan_code",
    "kunjungan": "coalesce((SELECT kelurahan_code FROM households WHERE id = t.household_id), '')",
    "bukti": "coalesce((SELECT kelurahan_code FROM households WHERE id = t.household_id), '')",
    "pegawai": "''",
    "status_pegawai": "''",
    "bukti_pegawai": "''",
    "target": "CASE WHEN t.scope = 'kelurahan' THEN t.key ELSE '' END",
}


@dataclass
class _SyncRow:
    doc_id: str
    rev: str
    deleted: bool
    leaves: list[Leaf]
    seq: int
    parked: bool


def _doc_range(kind: sync_docs.Kind) -> tuple[str, str]:
    """doc_id bounds of one kind: `kind:` up to, not including, `kind;`."""
    return f"{kind.name}:", f"{kind.name};"


def _knows_safely(leaves: Sequence[Leaf], rev: str) -> bool:
    """Whether we have this revision; a malformed one counts as had (never fetched)."""
    try:
        return revisions.knows(leaves, rev)
    except RevisionError:
        return True


class SyncOutMixin(StorageBase):
    # -- sync: revisions ------------------------------------------------------------------
    #
    # Local writes only mark records pending (triggers of migration 0005). Revisions are
    # made in sync_commit, before anything leaves; documents that arrive go through
    # sync_apply. The rules of the tree are in revisions.py, the documents' shape in
    # sync_docs.py.

    def sync_commit(self, progress: Progress | None = None) -> int:
        """Give every pending local change its revision, in batches. Returns how many."""
        self._require(Permission.SYNC)
        total = self._read("SELECT count(*) FROM sync_pending")[0][0]
        done = 0
        while True:
            with self._writing() as db:
                made = self._commit_pending(db, limit=SYNC_COMMIT_BATCH)
            if made == 0:
                return done
            done += made
            if progress is not None:
                progress.report(min(done, total), max(total, done), _("Mencatat revisi perubahan"))

    def _commit_pending(
        self,
        db: sqlite_utils.Database,
        *,
        limit: int | None = None,
        tombstones: dict[str, dict[str, Any]] | None = None,
    ) -> int:
        """Revisions for pending records, inside the caller's transaction."""
        sql = "SELECT doc_id FROM sync_pending ORDER BY doc_id"
        doc_ids = [r[0] for r in db.execute(sql + (f" LIMIT {int(limit)}" if limit else ""))]
        if not doc_ids:
            return 0
        by_kind: dict[sync_docs.Kind, list[str]] = {}
        for doc in doc_ids:
            kind, record_id = sync_docs.split_doc_id(doc)
            by_kind.setdefault(kind, []).append(record_id)
        seq = self._next_sync_seq(db)
        for kind, record_ids in by_kind.items():
            bodies = self._domain_bodies(db, kind, record_ids)
            stored = self._sync_rows(db, [sync_docs.doc_id(kind, r) for r in record_ids])
            for record_id in record_ids:
                doc = sync_docs.doc_id(kind, record_id)
                body = bodies.get(record_id)
                row = stored.get(doc)
                leaves = row.leaves if row else []
                base = revisions.winner(leaves) if leaves else None
                if body is None:
                    if base is None or base.deleted:
                        continue  # never left this PC, or already a tombstone
                    tomb = (tombstones or {}).get(doc, {})
                    leaves, new = revisions.edit(leaves, base, tomb, deleted=True)
                    if tomb:
                        self._put_body(db, doc, new.rev, tomb, None)
                else:
                    if row is not None and row.parked:
                        # A record written here supersedes a parked arrival.
                        db.execute(
                            "DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, row.rev]
                        )
                    leaves, new = revisions.edit(leaves, base, body, deleted=False)
                self._put_sync_doc(db, doc, leaves, seq, parked=False, local=True)
                seq += 1
        marks = ", ".join("?" for _ in doc_ids)
        db.execute(f"DELETE FROM sync_pending WHERE doc_id IN ({marks})", doc_ids)
        return len(doc_ids)

    @staticmethod
    def _next_sync_seq(db: sqlite_utils.Database) -> int:
        return int(db.execute("SELECT coalesce(max(seq), 0) FROM sync_docs").fetchone()[0]) + 1

    @staticmethod
    def _sync_rows(db: Any, doc_ids: Sequence[str]) -> dict[str, _SyncRow]:
        rows: dict[str, _SyncRow] = {}
        for chunk in _chunks(doc_ids, 500):
            marks = ", ".join("?" for _ in chunk)
            for r in db.execute(
                "SELECT doc_id, rev, deleted, leaves, seq, parked FROM sync_docs "
                f"WHERE doc_id IN ({marks})",
                list(chunk),
            ):
                rows[r[0]] = _SyncRow(
                    r[0],
                    r[1],
                    bool(r[2]),
                    [Leaf.from_json(x) for x in orjson.loads(r[3])],
                    r[4],
                    bool(r[5]),
                )
        return rows

    @staticmethod
    def _put_sync_doc(
        db: sqlite_utils.Database,
        doc: str,
        leaves: list[Leaf],
        seq: int,
        *,
        parked: bool,
        local: bool = False,
    ) -> None:
        best = revisions.winner(leaves)
        db.execute(
            "INSERT OR REPLACE INTO sync_docs (doc_id, rev, deleted, leaves, seq, conflicted, "
            "parked, local) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                doc,
                best.rev,
                int(best.deleted),
                _leaves_text(leaves),
                seq,
                int(bool(revisions.conflicts(leaves))),
                int(parked),
                int(local),
            ],
        )

    def _put_body(
        self,
        db: sqlite_utils.Database,
        doc: str,
        rev: str,
        body: dict[str, Any],
        content: bytes | None,
    ) -> None:
        db.execute(
            "INSERT OR REPLACE INTO sync_bodies (doc_id, rev, body, content) VALUES (?, ?, ?, ?)",
            [
                doc,
                rev,
                self._sealed_body(doc, _json_text({k: v for k, v in body.items() if k[:1] != "_"})),
                self._sealed_for_office(content) if doc.startswith(_PROOF_PREFIXES) else content,
            ],
        )

    def _sealed_body(self, doc: str, text: str) -> str:
        """A household's stored revision holds its No KK and NIK: sealed to the office's
        numbers key, which every account that syncs or settles conflicts holds."""
        if not doc.startswith(_HOUSEHOLD_PREFIX):
            return text
        sealed = self._sealed_for_office(text.encode())
        return text if sealed is None or not is_sealed(sealed) else sealed_text(sealed)

    def _seal_clear_bodies(self, batch: int) -> int:
        """Seal the households' stored revisions an earlier version kept in clear."""
        sealed = 0
        while True:
            with self._writing() as db:
                rows = db.execute(
                    "SELECT doc_id, rev, body FROM sync_bodies WHERE doc_id LIKE ? "
                    "AND body NOT LIKE 'age:%' LIMIT ?",
                    [_HOUSEHOLD_PREFIX + "%", batch],
                ).fetchall()
                for doc, rev, text in rows:
                    stored = self._sealed_body(doc, text)
                    if stored == text:
                        return sealed  # no office key to seal to
                    db.execute(
                        "UPDATE sync_bodies SET body = ? WHERE doc_id = ? AND rev = ?",
                        [stored, doc, rev],
                    )
            if not rows:
                return sealed
            sealed += len(rows)

    def _stored_body(
        self, db: Any, doc: str, rev: str
    ) -> tuple[dict[str, Any], bytes | None] | None:
        row = db.execute(
            "SELECT body, content FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, rev]
        ).fetchone()
        if row is None:
            return None
        text = row[0]
        if (sealed := from_sealed_text(text)) is not None:
            text = self._opened(sealed).decode()
        return json.loads(text), (bytes(row[1]) if row[1] is not None else None)

    @staticmethod
    def _domain_bodies(
        db: Any, kind: sync_docs.Kind, record_ids: Sequence[str]
    ) -> dict[str, dict[str, Any]]:
        """The current bodies of these records as their tables hold them (absent: deleted)."""
        columns = ", ".join(f"t.{c}" for c in kind.columns)
        bodies: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(record_ids, 500):
            marks = ", ".join("?" for _ in chunk)
            for row in db.execute(
                f"SELECT {columns}, {_WILAYAH[kind.name]} FROM {kind.table} t "
                f"WHERE t.id IN ({marks})",
                list(chunk),
            ):
                bodies[row[0]] = sync_docs.body_from_row(kind, row[:-1], row[-1])
        return bodies

    # -- sync: documents out ------------------------------------------------------------

    def sync_seq(self) -> int:
        """The newest change number of this installation's documents."""
        return int(self._read("SELECT coalesce(max(seq), 0) FROM sync_docs")[0][0])

    def sync_changes(self, since: int, limit: int) -> list[tuple[int, str, list[str], bool]]:
        """The next documents changed after `since`, in change order: (seq, id, leaf revs,
        whether the newest revision was made on this PC)."""
        self._require(Permission.SYNC)
        rows = self._read(
            "SELECT seq, doc_id, leaves, local FROM sync_docs WHERE seq > ? ORDER BY seq LIMIT ?",
            [since, limit],
        )
        return [
            (seq, doc, [Leaf.from_json(x).rev for x in orjson.loads(text)], bool(local))
            for seq, doc, text, local in rows
        ]

    def sync_counts(self, since: int, upto: int) -> dict[str, int]:
        """How many documents of each kind changed in (since, upto]."""
        counts = {}
        for kind in sync_docs.KINDS:
            low, high = _doc_range(kind)
            counts[kind.name] = self._read(
                "SELECT count(*) FROM sync_docs WHERE doc_id >= ? AND doc_id < ? "
                "AND seq > ? AND seq <= ?",
                [low, high, since, upto],
            )[0][0]
        return counts

    def sync_documents(
        self,
        *,
        since: int = 0,
        upto: int | None = None,
        wanted: dict[str, set[str]] | None = None,
        kinds: Sequence[sync_docs.Kind] = sync_docs.KINDS,
        progress: Progress | None = None,
    ) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        """Every live and deleted leaf of the documents changed in (since, upto], as
        CouchDB documents (`_id`, `_rev`, `_revisions`, body), in kind order, with a proof
        file's content alongside. `wanted` limits them to these revisions per document.
        """
        self._require(Permission.SYNC)
        upto = self.sync_seq() if upto is None else upto
        conn = self._reader()
        with _page_cache(conn, REPORT_CACHE_KIB):
            yield from self._sync_documents(conn, since, upto, wanted, kinds, progress)

    def _sync_documents(
        self,
        conn: sqlcipher.Connection,
        since: int,
        upto: int,
        wanted: dict[str, set[str]] | None,
        kinds: Sequence[sync_docs.Kind],
        progress: Progress | None,
    ) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        for kind in kinds:
            low, high = _doc_range(kind)
            if wanted is not None:
                doc_ids = sorted(d for d in wanted if low <= d < high)
                rows = []
                for chunk in _chunks(doc_ids, 500):
                    marks = ", ".join("?" for _ in chunk)
                    rows += self._read(
                        "SELECT doc_id, rev, leaves, parked FROM sync_docs "
                        f"WHERE doc_id IN ({marks})",
                        chunk,
                    )
            else:
                rows = self._read(
                    "SELECT doc_id, rev, leaves, parked FROM sync_docs WHERE doc_id >= ? "
                    "AND doc_id < ? AND seq > ? AND seq <= ? ORDER BY doc_id",
                    [low, high, since, upto],
                )
            for chunk in _chunks(rows, 1000):
                if progress is not None:
                    progress.check()
                records = [d[len(kind.name) + 1 :] for d, *_ in chunk]
                with user_errors():
                    bodies = self._domain_bodies(conn, kind, records)
                for (doc, rev, leaves_text, parked), record_id in zip(chunk, records, strict=True):
                    for leaf in (Leaf.from_json(x) for x in orjson.loads(leaves_text)):
                        if wanted is not None and leaf.rev not in wanted[doc]:
                            continue
                        yield self._leaf_document(
                            conn, kind, doc, record_id, leaf, rev, bool(parked), bodies
                        )

    def _leaf_document(
        self,
        conn: Any,
        kind: sync_docs.Kind,
        doc: str,
        record_id: str,
        leaf: Leaf,
        winner_rev: str,
        parked: bool,
        bodies: dict[str, dict[str, Any]],
    ) -> tuple[dict[str, Any], bytes | None]:
        content: bytes | None = None
        if leaf.rev == winner_rev and not leaf.deleted and not parked:
            body = bodies[record_id]
            if kind.has_content:
                with user_errors():
                    content = bytes(
                        conn.execute(
                            f"SELECT content FROM {kind.table} WHERE id = ?", [record_id]
                        ).fetchone()[0]
                    )
        else:
            with user_errors():
                stored = self._stored_body(conn, doc, leaf.rev)
            body, content = stored if stored else ({}, None)
        if content:
            # Leaves the PC (hub, bundle): in clear inside its own (sealed) transport.
            content = self._opened(content)
        document: dict[str, Any] = {"_id": doc, "_rev": leaf.rev, "_revisions": leaf.revisions()}
        if leaf.deleted:
            document["_deleted"] = True
        document.update(body)
        return document, content

    def sync_missing(self, revs: dict[str, list[str]]) -> dict[str, list[str]]:
        """Of these revisions per document, the ones this installation does not have."""
        self._require(Permission.SYNC)
        with user_errors():
            rows = self._sync_rows(self._reader(), list(revs))
        missing: dict[str, list[str]] = {}
        for doc, wanted in revs.items():
            leaves = rows[doc].leaves if doc in rows else []
            lacking = [r for r in wanted if not _knows_safely(leaves, r)]
            if lacking:
                missing[doc] = lacking
        return missing

    # -- sync: status, peers, conflicts, duplicates ---------------------------------------

    def sync_status(self) -> sync_docs.SyncStatus:
        self._require_signed_in()
        sent = max(
            [int(self._get_setting("sync_last_export_seq", "0"))]
            + [
                int(json.loads(r[0]).get("pushed", 0))
                for r in self._read("SELECT state FROM sync_peers WHERE kind = 'hub'")
            ]
        )
        pending, unsent, conflicts, parked = self._read(
            "SELECT (SELECT count(*) FROM sync_pending p WHERE NOT EXISTS (SELECT 1 FROM "
            "sync_docs d WHERE d.doc_id = p.doc_id AND d.seq > ? AND d.local = 1)), "
            "(SELECT count(*) FROM sync_docs WHERE seq > ? AND local = 1), "
            "(SELECT count(*) FROM sync_docs WHERE conflicted = 1), "
            "(SELECT count(*) FROM sync_docs WHERE parked = 1)",
            [sent, sent],
        )[0]
        last = self._read(
            "SELECT last_sync_at, peer FROM sync_peers WHERE last_sync_at <> '' "
            "ORDER BY last_sync_at DESC LIMIT 1"
        )
        return sync_docs.SyncStatus(
            pending=pending + unsent,
            last_sync_at=last[0][0] if last else "",
            last_sync_peer=last[0][1] if last else "",
            conflicts=conflicts,
            duplicates=len(self._duplicate_kk()),
            parked=parked,
        )

    def sync_peer(self, peer: str) -> dict[str, Any]:
        self._require(Permission.SYNC)
        rows = self._read("SELECT state FROM sync_peers WHERE peer = ?", [peer])
        return json.loads(rows[0][0]) if rows else {}

    def set_sync_peer(self, peer: str, kind: str, state: dict[str, Any], *, synced: bool) -> None:
        self._require(Permission.SYNC)
        with self._writing() as db:
            db.execute(
                "INSERT INTO sync_peers (peer, kind, state, last_sync_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (peer) DO UPDATE SET state = excluded.state, "
                "last_sync_at = CASE WHEN ? THEN excluded.last_sync_at ELSE last_sync_at END",
                [peer, kind, json.dumps(state), utc_now() if synced else "", int(synced)],
            )

    # -- a petugas's own bundle ------------------------------------------------------------

    def own_bundle_selection(self) -> dict[str, set[str]]:
        """For a petugas at a posko with no coordinator: the documents of the households
        this account entered, with the visits and proof files it recorded for them, and
        the helpers and posts those visits name, each at its current revision (as
        `sync_documents` takes `wanted`). The receiving office accepts nothing else from
        a bundle its helpers' key signed (bundle.py)."""
        actor = self._require(Permission.RECORD)
        with self._writing() as db:
            self._commit_pending(db)
        docs = self._own_doc_ids(actor.id)
        wanted: dict[str, set[str]] = {}
        for chunk in _chunks(docs, 500):
            marks = ", ".join("?" for _ in chunk)
            for doc, rev in self._read(
                f"SELECT doc_id, rev FROM sync_docs WHERE doc_id IN ({marks}) AND deleted = 0 "
                "AND parked = 0",
                chunk,
            ):
                wanted[doc] = {rev}
        return wanted

    def own_sync_documents(
        self,
        selection: dict[str, set[str]],
        *,
        kinds: Sequence[sync_docs.Kind] = sync_docs.KINDS,
        progress: Progress | None = None,
    ) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        """The documents of `own_bundle_selection`, as `sync_documents` gives them (never
        another's: the selection is held to this account's own documents again)."""
        actor = self._require(Permission.RECORD)
        own = set(self._own_doc_ids(actor.id))
        selection = {doc: revs for doc, revs in selection.items() if doc in own}
        conn = self._reader()
        with _page_cache(conn, REPORT_CACHE_KIB):
            yield from self._sync_documents(conn, 0, self.sync_seq(), selection, kinds, progress)

    def _own_doc_ids(self, account_id: str) -> list[str]:
        me = [account_id]
        return [
            *(f"rumah_tangga:{r[0]}" for r in self._read(_OWN_HOUSEHOLDS, me)),
            *(f"kunjungan:{r[0]}" for r in self._read(_OWN_VISITS, me)),
            *(f"bukti:{r[0]}" for r in self._read(_OWN_PROOFS, me)),
            *(f"petugas:{r[0]}" for r in self._read(_OWN_VISITS_HELPERS, me)),
            *(f"posko:{r[0]}" for r in self._read(_OWN_VISITS_POSTS, me)),
        ]

    def record_own_bundle_export(self, path: str, counts: dict[str, int]) -> None:
        """Audited like an office's bundle; the office's "since the last export" stays."""
        self._require(Permission.RECORD)
        with self._writing() as db:
            self._audit(db, audit.EXPORT, "paket_data_petugas", "", {"berkas": path, **counts})

    def record_bundle_export(self, upto_seq: int, path: str, counts: dict[str, int]) -> None:
        self._require(Permission.SYNC)
        with self._writing() as db:
            self._put_setting(db, "sync_last_export_seq", str(upto_seq))
            db.execute(
                "INSERT INTO sync_peers (peer, kind, state, last_sync_at) VALUES "
                "('paket', 'bundle', '{}', ?) ON CONFLICT (peer) DO UPDATE SET "
                "last_sync_at = excluded.last_sync_at",
                [utc_now()],
            )
            self._audit(db, audit.EXPORT, "paket_data", "", {"berkas": path, **counts})

    def hub_settings(self) -> dict[str, str] | None:
        """The saved hub (url, user, password), kept only inside the encrypted database."""
        self._require(Permission.SYNC)
        text = self._get_setting("sync_hub")
        return json.loads(text) if text else None

    def set_hub_settings(self, settings: dict[str, str] | None) -> None:
        """Save (or with None forget) the hub; the audit trail gets the address, never the
        password."""
        self._require(Permission.SYNC)
        with self._writing() as db:
            if settings is None:
                db.execute("DELETE FROM meta WHERE key = 'sync_hub'")
            else:
                self._put_setting(db, "sync_hub", json.dumps(settings))
            shown = {k: v for k, v in (settings or {}).items() if k in ("url", "user")}
            self._audit(db, audit.SETTING, "server_sinkron", "", shown or {"dihapus": True})

    def last_export_seq(self) -> int:
        return int(self._get_setting("sync_last_export_seq", "0"))
