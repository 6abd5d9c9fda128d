"""Proof of completion files ("bukti pengisian"): a household's, kept with a visit, and a
staff member's, kept with their Sudah update. One implementation serves both kinds; only
who may see which file differs, and so whom it is sealed to (connection.py: a household's
to the office's numbers key and whoever entered it; a staff member's to that key and the
Admin OPD of their office)."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sp_desktop.core.base.errors import (
    DB_ERRORS,
    DatabaseCorruptError,
    NotFoundError,
    UserFacingError,
)
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain import monitoring, proofs
from sp_desktop.core.domain.model import Account, ProofFile, new_id, utc_now
from sp_desktop.core.domain.permissions import Permission, PermissionDeniedError
from sp_desktop.core.storage.connection import StorageBase
from sp_desktop.core.storage.rows import STAFF_PROOF_COLUMNS, _insert_sql
from sp_desktop.core.trust import audit
from sp_desktop.core.trust.sealed import AGE_MAGIC

# Set (in `meta`) once seal_clear_data found nothing left in clear.
_ALL_SEALED = "data_tersegel"
# A stored file not (yet) sealed: not empty (erased) and not an age file.
_CLEAR_CONTENT = "length(content) > 0 AND substr(content, 1, 22) <> ?"

_Proof = TypeVar("_Proof", bound=ProofFile | monitoring.StaffProofFile)


@dataclass(frozen=True)
class _ProofKind(Generic[_Proof]):
    """Where one kind of proof file lives and which record its rows make."""

    table: str
    owner: str  # the column its files are listed by
    columns: tuple[str, ...]  # the record's fields, in its order (never the content)
    record: Callable[..., _Proof]
    entity: str  # the audit trail's name for it


_VISIT_PROOF = _ProofKind(
    "proof_files",
    "visit_id",
    ("id", "visit_id", "household_id", "filename", "media_type", "size", "sha256",
     "created_at", "created_by", "erased_at"),
    ProofFile,
    "bukti_pengisian",
)  # fmt: skip
_STAFF_PROOF = _ProofKind(
    "staff_proof_files",
    "staff_id",
    tuple(c for c in STAFF_PROOF_COLUMNS if c != "origin"),
    monitoring.StaffProofFile,
    "bukti_pegawai",
)


class ProofsMixin(StorageBase):
    # -- a household's proof, with a visit ---------------------------------------------

    def attach_proof(self, visit_id: str, filename: str, content: bytes) -> ProofFile:
        """Store the household's proof file with this visit, in one durable transaction."""
        actor = self._require(Permission.RECORD)
        media_type = proofs.check_proof(filename, content)
        rows = self._read(
            "SELECT v.household_id, h.erased_at FROM visits v "
            "JOIN households h ON h.id = v.household_id WHERE v.id = ?",
            [visit_id],
        )
        if not rows:
            raise NotFoundError(
                _("Kunjungan ini belum tersimpan."),
                hint=_("Simpan kunjungannya dulu, lalu lampirkan bukti pengisian."),
            )
        household_id, erased_at = rows[0]
        if erased_at:
            raise UserFacingError(
                _("Data pribadi rumah tangga ini sudah dihapus; bukti tidak bisa dilampirkan."),
            )
        owner = {"visit_id": visit_id, "household_id": household_id}
        # It shows the NIK: sealed to the office's numbers key and to whoever entered the
        # household, so no other account opens it, even with the database open.
        stored = self._sealed_proof(self._reader(), household_id, content)
        return self._store_proof(
            _VISIT_PROOF, actor, filename, content, media_type, owner, {"kunjungan": visit_id},
            stored=stored,
        )  # fmt: skip

    def proof_files(self, visit_id: str) -> list[ProofFile]:
        self._require_signed_in()
        return self._listed_proofs(_VISIT_PROOF, visit_id)

    def proof_content(self, proof_id: str) -> tuple[ProofFile, bytes]:
        """The file exactly as attached, checked against its SHA-256 before it is returned."""
        self._require_signed_in()
        proof, content, (household_creator,) = self._stored_proof(
            _VISIT_PROOF, proof_id, "h.created_by", "JOIN households h ON h.id = p.household_id"
        )
        if proof.erased_at:
            raise NotFoundError(_("Berkas bukti ini sudah dihapus bersama data pribadinya."))
        if not self._sees_numbers(household_creator):
            raise PermissionDeniedError(
                _(
                    "Bukti pengisian memuat NIK dan No KK lengkap: hanya petugas yang mencatat "
                    "rumah tangga ini, koordinator, atau admin yang bisa membukanya."
                ),
                hint=_("Minta koordinator membukanya."),
            )
        return self._checked_proof(_VISIT_PROOF, proof, self._opened(content))

    def visit_proof_counts(self, visit_ids: Sequence[str]) -> dict[str, int]:
        self._require_signed_in()
        if not visit_ids:
            return {}
        marks = ", ".join("?" for _ in visit_ids)
        rows = self._read(
            f"SELECT visit_id, count(*) FROM proof_files WHERE visit_id IN ({marks}) "
            "AND erased_at = '' GROUP BY visit_id",
            list(visit_ids),
        )
        return {r[0]: r[1] for r in rows}

    def seal_clear_data(self, *, batch: int = 20) -> int:
        """Seal what an earlier version (or this one, before the office keys were sealed)
        stored in clear: household and staff proof files, the files of their stored
        revisions, and the households' stored revisions. Sealing needs only public keys, so
        any signed-in session does it, a few rows per transaction; then `meta` notes that
        nothing is left, and later sign-ins read no file. Returns how many rows."""
        self._require_signed_in()
        if not self._office_readers() or self._get_setting(_ALL_SEALED):
            return 0  # the usual case: one read, no file content touched
        sealed = self._seal_clear_rows(
            f"SELECT content, household_id, pk FROM proof_files WHERE {_CLEAR_CONTENT} LIMIT ?",
            "UPDATE proof_files SET content = ? WHERE pk = ?",
            batch,
            self._sealed_proof,
        )
        sealed += self._seal_clear_rows(
            f"SELECT content, staff_id, pk FROM staff_proof_files WHERE {_CLEAR_CONTENT} LIMIT ?",
            "UPDATE staff_proof_files SET content = ? WHERE pk = ?",
            batch,
            self._sealed_staff_proof,
        )
        sealed += self._seal_clear_rows(
            "SELECT content, '', doc_id, rev FROM sync_bodies WHERE (doc_id LIKE 'bukti:%' "
            "OR doc_id LIKE 'bukti!_pegawai:%' ESCAPE '!') AND content IS NOT NULL "
            f"AND {_CLEAR_CONTENT} LIMIT ?",
            "UPDATE sync_bodies SET content = ? WHERE doc_id = ? AND rev = ?",
            batch,
            lambda _db, _owner, content: self._sealed_for_office(content) or content,
        )
        bodies = self._seal_clear_bodies(batch * 10)
        with self._writing() as db:
            # Everything written from now on is sealed as it is written.
            self._put_setting(db, _ALL_SEALED, "1")
        if sealed or bodies:
            self.record_event(audit.SEAL, "data", "", berkas=sealed, revisi=bodies)
            # The clear pages are zeroed in the file (secure_delete); empty the WAL too.
            with self._write_lock, contextlib.suppress(*DB_ERRORS):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sealed + bodies

    def reseal_proofs_for(self, account_id: str, *, batch: int = 20) -> int:
        """Seal again, to the key pair the account's grant now names, the proof files it
        may read: those of the households it entered and, for an Admin OPD, those of its
        office's staff. An admin who sets someone's password gives them a new key pair,
        and files sealed to the old one would stay shut to them. Needs the office's
        numbers key (a coordinator's or admin's session). Returns how many."""
        self._require(Permission.MANAGE_HELPERS)
        if self._office is None or not self._office.numbers:
            return 0
        resealed = self._reseal(
            "SELECT p.pk, p.household_id, p.content FROM proof_files p "
            "JOIN households h ON h.id = p.household_id WHERE h.created_by = ?",
            account_id,
            "UPDATE proof_files SET content = ? WHERE pk = ?",
            self._sealed_proof,
            batch,
        )
        rows = self._read(
            "SELECT h.opd FROM accounts a JOIN helpers h ON h.id = a.helper_id "
            "WHERE a.id = ? AND a.role = 'admin_opd'",
            [account_id],
        )
        if rows and (opd := monitoring.normalise_opd(rows[0][0])):
            resealed += self._reseal(
                "SELECT p.pk, p.staff_id, p.content FROM staff_proof_files p "
                "JOIN staff s ON s.id = p.staff_id WHERE s.opd = ?",  # NOCASE column
                opd,
                "UPDATE staff_proof_files SET content = ? WHERE pk = ?",
                self._sealed_staff_proof,
                batch,
            )
        return resealed

    def _reseal(
        self,
        select: str,
        owner: str,
        update: str,
        seal_one: Callable[[Any, str, bytes], bytes],
        batch: int,
    ) -> int:
        """(pk, owner id, content) rows of `select` (filtered by `owner`), opened with this
        session's keys and sealed again by `seal_one`, in pk order."""
        resealed = 0
        last = 0
        while rows := self._read(
            f"{select} AND p.pk > ? AND length(p.content) > 0 ORDER BY p.pk LIMIT ?",
            [owner, last, batch],
        ):
            with self._writing() as db:
                for pk, owner_id, content in rows:
                    try:
                        clear = self._opened(bytes(content))
                    except UserFacingError:
                        continue  # damaged: reported when someone opens it, left as it is
                    db.execute(update, [seal_one(db, owner_id, clear), pk])
            last = rows[-1][0]
            resealed += len(rows)
        return resealed

    def _seal_clear_rows(
        self, select: str, update: str, batch: int, seal_one: Callable[[Any, str, bytes], bytes]
    ) -> int:
        """(content, owner id, *key) rows from `select`, each sealed by `seal_one(db, owner,
        content)` and written back by `update`."""
        sealed = 0
        while True:
            with self._writing() as db:
                # Read in the writing transaction: a read connection could still see the
                # rows before this loop sealed them (an open snapshot), and never finish.
                rows = db.execute(select, [AGE_MAGIC, batch]).fetchall()
                for content, owner, *key in rows:
                    clear = bytes(content)
                    stored = seal_one(db, owner, clear)
                    if stored == clear:
                        return sealed  # no reader to seal to: nothing more to do
                    db.execute(update, [stored, *key])
            if not rows:
                return sealed
            sealed += len(rows)

    # -- a staff member's proof, with their Sudah update ----------------------------------

    def attach_staff_proof(
        self, staff_id: str, filename: str, content: bytes
    ) -> monitoring.StaffProofFile:
        """The staff member's own proof of completion, kept with their latest update, which
        must be Sudah. One durable transaction, like a household's proof."""
        actor = self._require(Permission.MONITOR)
        staff = self.staff_member(staff_id)
        media_type = proofs.check_proof(filename, content)
        history = self.staff_history(staff_id)
        if not history or history[0].status != monitoring.StaffStatus.SUDAH:
            raise UserFacingError(
                _("Bukti pengisian hanya untuk pegawai yang sudah mengisi SP Online."),
                hint=_("Catat status Sudah (dengan tanggalnya) dulu, lalu lampirkan buktinya."),
            )
        owner = {"update_id": history[0].id, "staff_id": staff.id}
        # It shows the NIP: sealed to the office's numbers key and that office's Admin OPD.
        stored = self._sealed_staff_proof(self._reader(), staff.id, content)
        return self._store_proof(
            _STAFF_PROOF, actor, filename, content, media_type, owner, {"pegawai": staff.id},
            stored=stored,
        )  # fmt: skip

    def staff_proof_files(self, staff_id: str) -> list[monitoring.StaffProofFile]:
        self.staff_member(staff_id)
        return self._listed_proofs(_STAFF_PROOF, staff_id)

    def staff_proof_content(self, proof_id: str) -> tuple[monitoring.StaffProofFile, bytes]:
        """The file exactly as attached, checked against its SHA-256 before it is returned."""
        self._require(Permission.MONITOR)
        proof, content, _row = self._stored_proof(_STAFF_PROOF, proof_id)
        self.staff_member(proof.staff_id)  # scope check
        return self._checked_proof(_STAFF_PROOF, proof, self._opened(content))

    # -- both kinds ------------------------------------------------------------------------

    def _store_proof(
        self,
        kind: _ProofKind[_Proof],
        actor: Account,
        filename: str,
        content: bytes,
        media_type: str,
        owner: dict[str, str],
        details: dict[str, Any],
        *,
        stored: bytes | None = None,
    ) -> _Proof:
        """`stored` is what the table keeps when it differs from `content` (sealed)."""
        proof = kind.record(
            id=new_id(),
            **owner,
            filename=proofs.clean_filename(filename, media_type),
            media_type=media_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            created_at=utc_now(),
            created_by=actor.id,
        )
        columns = [c for c in kind.columns if c != "erased_at"]  # new files are not erased
        values = [
            *(getattr(proof, c) for c in columns),
            self.installation_id,
            content if stored is None else stored,
        ]
        with self._writing() as db:
            db.execute(_insert_sql(kind.table, [*columns, "origin", "content"]), values)
            self._audit(
                db,
                audit.CREATE,
                kind.entity,
                proof.id,
                {**details, "jenis": media_type, "ukuran": proof.size, "sha256": proof.sha256},
            )
        return proof

    def _listed_proofs(self, kind: _ProofKind[_Proof], owner_id: str) -> list[_Proof]:
        rows = self._read(
            f"SELECT {', '.join(kind.columns)} FROM {kind.table} WHERE {kind.owner} = ? "
            "ORDER BY created_at",
            [owner_id],
        )
        return [kind.record(*r) for r in rows]

    def _stored_proof(
        self, kind: _ProofKind[_Proof], proof_id: str, extra: str = "", join: str = ""
    ) -> tuple[_Proof, bytes, tuple[Any, ...]]:
        """(the record, its content, the `extra` columns) of one stored file."""
        select = ", ".join([*(f"p.{c}" for c in kind.columns), "p.content", *filter(None, [extra])])
        rows = self._read(f"SELECT {select} FROM {kind.table} p {join} WHERE p.id = ?", [proof_id])
        if not rows:
            raise NotFoundError(_("Berkas bukti ini tidak ditemukan."))
        width = len(kind.columns)
        row = rows[0]
        return kind.record(*row[:width]), bytes(row[width]), tuple(row[width + 1 :])

    def _checked_proof(
        self, kind: _ProofKind[_Proof], proof: _Proof, content: bytes
    ) -> tuple[_Proof, bytes]:
        """The file, after its SHA-256 matched; the viewing is audited."""
        if hashlib.sha256(content).hexdigest() != proof.sha256:
            raise DatabaseCorruptError(
                _("Berkas bukti ini rusak di dalam data (SHA-256 tidak cocok)."),
                hint=_("Pulihkan data dari cadangan terakhir; berkas lain tidak terpengaruh."),
            )
        self.record_event(audit.VIEW, kind.entity, proof.id)
        return proof, content
