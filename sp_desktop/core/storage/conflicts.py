"""Sync conflicts, duplicate households and their merge."""

from __future__ import annotations

from typing import Any

import orjson

from sp_desktop.core.base.errors import NotFoundError, UserFacingError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import Household, utc_now
from sp_desktop.core.domain.permissions import Permission
from sp_desktop.core.storage.connection import StorageBase
from sp_desktop.core.storage.rows import HOUSEHOLD_COLUMNS, _household_from_row
from sp_desktop.core.storage.sync_in import _ApplyState
from sp_desktop.core.trust import audit, revisions
from sp_desktop.core.trust.revisions import Leaf


def _masked_body(body: dict[str, Any]) -> dict[str, Any]:
    """A body for the audit trail: the trail is append-only, so no full numbers in it."""
    return {
        k: (mask_number(v) if k in ("no_kk", "head_nik") and isinstance(v, str) else v)
        for k, v in body.items()
        if k not in ("jenis", "wilayah")
    }


class ConflictsMixin(StorageBase):
    def sync_conflicts(self) -> list[sync_docs.Conflict]:
        """Every record with live losing versions, each side's body as it stands."""
        self._require(Permission.SYNC)
        conflicts = []
        conn = self._reader()
        for doc, winner_rev, leaves_text, parked in self._read(
            "SELECT doc_id, rev, leaves, parked FROM sync_docs WHERE conflicted = 1 ORDER BY doc_id"
        ):
            kind, record_id = sync_docs.split_doc_id(doc)
            leaves = [Leaf.from_json(x) for x in orjson.loads(leaves_text)]
            bodies = self._domain_bodies(conn, kind, [record_id])
            sides = []
            for leaf in sorted(leaves, key=lambda lf: lf.rev != winner_rev):
                if leaf.deleted:
                    continue
                document, _leaves = self._leaf_document(
                    conn, kind, doc, record_id, leaf, winner_rev, bool(parked), bodies
                )
                body = {k: v for k, v in document.items() if not k.startswith("_")}
                sides.append(sync_docs.ConflictSide(leaf.rev, body, leaf.rev == winner_rev))
            conflicts.append(sync_docs.Conflict(doc, kind, record_id, tuple(sides)))
        return conflicts

    def resolve_conflict(self, doc: str, chosen: dict[str, Any]) -> None:
        """Keep `chosen` (one side's body, or fields merged from several) as the record and
        close every other branch with a tombstone: new revisions that sync on."""
        self._require(Permission.SYNC)
        kind, record_id = sync_docs.split_doc_id(doc)
        if kind.has_content:
            raise UserFacingError(
                _("Konflik berkas bukti diselesaikan dengan memilih kunjungannya.")
            )
        with self._writing() as db:
            self._commit_pending(db)
            row = self._sync_rows(db, [doc]).get(doc)
            if row is None or row.parked:
                raise NotFoundError(_("Data ini tidak ditemukan atau belum lengkap."))
            current = self._domain_bodies(db, kind, [record_id]).get(record_id)
            if current is None:
                raise NotFoundError(_("Data ini tidak ditemukan."))
            body = {**current, **{k: v for k, v in chosen.items() if k in kind.types}}
            body["id"] = record_id
            sync_docs.row_from_body(kind, record_id, body)
            if not self._references_present(db, kind, body):
                raise UserFacingError(
                    _("Versi ini merujuk data yang belum ada di komputer ini."),
                    hint=_("Sinkronkan dulu, atau pilih versi lain."),
                )
            if body != current:
                if kind is sync_docs.HOUSEHOLD and current.get("erased_at"):
                    raise UserFacingError(_("Data pribadi rumah tangga ini sudah dihapus."))
                state = _ApplyState()
                self._write_record(db, kind, record_id, body, None, state)
                self._refresh_staff_summaries(db, sorted(state.staff))
                for household_id in {body.get("household_id"), current.get("household_id")}:
                    if household_id:
                        self._refresh_household_summary(db, household_id)
                if kind is sync_docs.HOUSEHOLD:
                    self._refresh_household_summary(db, record_id)
            self._commit_pending(db)
            row = self._sync_rows(db, [doc])[doc]
            leaves = row.leaves
            winner_leaf = revisions.winner(leaves)
            for loser in revisions.conflicts(leaves):
                leaves, _changed = revisions.edit(leaves, loser, {}, deleted=True)
                db.execute("DELETE FROM sync_bodies WHERE doc_id = ? AND rev = ?", [doc, loser.rev])
            assert revisions.winner(leaves) == winner_leaf
            self._put_sync_doc(db, doc, leaves, self._next_sync_seq(db), parked=False, local=True)
            self._audit(
                db,
                audit.RESOLVE,
                kind.name,
                record_id,
                audit.changes(_masked_body(current), _masked_body(body))
                or {"dipilih": "versi menang"},
            )

    def _duplicate_kk(self) -> list[str]:
        return [
            r[0]
            for r in self._read(
                "SELECT no_kk FROM households WHERE no_kk <> '' GROUP BY no_kk "
                "HAVING count(*) > 1 ORDER BY no_kk"
            )
        ]

    def duplicate_households(self) -> list[list[Household]]:
        """Families entered more than once (same No KK, different records), oldest first."""
        self._require(Permission.SYNC)
        groups = []
        for no_kk in self._duplicate_kk():
            rows = self._read(
                f"SELECT {', '.join(HOUSEHOLD_COLUMNS)} FROM households WHERE no_kk = ? "
                "ORDER BY created_at, id",
                [no_kk],
            )
            groups.append([self._as_seen(_household_from_row(r)) for r in rows])
        return groups

    def merge_households(self, keep_id: str, other_id: str, fields: dict[str, Any]) -> Household:
        """Merge `other` into `keep`: every visit and proof file moves to `keep`, `keep`
        takes the chosen field values, and `other` becomes a tombstone that names `keep`,
        so the merge syncs on and visits made elsewhere on `other` follow."""
        self._require(Permission.SYNC)
        if keep_id == other_id:
            raise UserFacingError(_("Pilih dua rumah tangga yang berbeda untuk digabung."))
        with self._writing() as db:
            self._commit_pending(db)
            bodies = self._domain_bodies(db, sync_docs.HOUSEHOLD, [keep_id, other_id])
            if keep_id not in bodies or other_id not in bodies:
                raise NotFoundError(_("Salah satu rumah tangga ini tidak ditemukan lagi."))
            keep, other = bodies[keep_id], bodies[other_id]
            if keep["no_kk"] != other["no_kk"] or not keep["no_kk"]:
                raise UserFacingError(_("Hanya rumah tangga dengan No KK yang sama bisa digabung."))
            chosen = {k: v for k, v in fields.items() if k in sync_docs.HOUSEHOLD_MERGE_FIELDS}
            merged = {**keep, **chosen}
            merged["updated_at"] = utc_now()
            state = _ApplyState()
            self._write_record(db, sync_docs.HOUSEHOLD, keep_id, merged, None, state)
            moved = {}
            for table in ("visits", "proof_files"):
                cursor = db.execute(
                    f"UPDATE {table} SET household_id = ? WHERE household_id = ?",
                    [keep_id, other_id],
                )
                moved[table] = cursor.rowcount
            pk = db.execute("SELECT pk FROM households WHERE id = ?", [other_id]).fetchone()[0]
            db.execute("DELETE FROM households_fts WHERE rowid = ?", [pk])
            db.execute("DELETE FROM households WHERE id = ?", [other_id])
            self._refresh_household_summary(db, keep_id)
            self._commit_pending(
                db,
                tombstones={
                    sync_docs.doc_id(sync_docs.HOUSEHOLD, other_id): {
                        sync_docs.MERGED_INTO: keep_id
                    }
                },
            )
            self._audit(
                db,
                audit.MERGE,
                "rumah_tangga",
                keep_id,
                {
                    "digabung": other_id,
                    "kunjungan": moved["visits"],
                    "berkas_bukti": moved["proof_files"],
                },
            )
        return self.household(keep_id)
