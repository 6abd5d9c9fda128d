"""Consent withdrawal, erasure and the retention purge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import NotFoundError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.model import Household, Outcome, utc_now
from sp_desktop.core.domain.permissions import Permission, PermissionDeniedError
from sp_desktop.core.storage.connection import StorageBase, user_errors
from sp_desktop.core.trust import audit

if TYPE_CHECKING:
    import sqlite_utils

# Households erased per transaction by a retention purge.
PURGE_BATCH = 20_000


@dataclass(frozen=True)
class PurgeSummary:
    purged: int
    already_erased: int
    visits_kept: int
    by_kelurahan: list[tuple[str, dict[str, int]]]
    retention_until: date
    purged_by: str
    audit_hash: str


class RetentionMixin(StorageBase):
    # -- consent withdrawal and retention ------------------------------------------------

    def withdraw_consent(self, household_id: str) -> Household:
        """Erase a household's personal data; keep it as an anonymous count with its visits.

        Allowed to whoever may see its full numbers (who entered it, coordinators, admins).
        """
        actor = self._require(Permission.RECORD)
        stored = self._stored_household(household_id)
        if stored is None:
            raise NotFoundError(_("Rumah tangga ini tidak ditemukan (mungkin sudah dihapus)."))
        if stored.erased_at:
            return stored
        if not self._sees_numbers(stored.created_by):
            raise PermissionDeniedError(
                _(
                    "Hanya petugas yang mencatat rumah tangga ini, koordinator, atau admin yang "
                    "bisa mencatat penarikan persetujuannya."
                ),
                hint=_("Minta koordinator melakukannya."),
            )
        with self._writing() as db:
            pk = db.execute("SELECT pk FROM households WHERE id = ?", [household_id]).fetchone()[0]
            visits = self._erase_households(db, [pk])
            self._audit(
                db,
                audit.ERASE,
                "rumah_tangga",
                household_id,
                {"kunjungan_disimpan_tanpa_nama": visits, "oleh": actor.label()},
            )
        self._flush_erased()
        return self.household(household_id)

    def _flush_erased(self) -> None:
        """Copy the WAL into the file and empty it: erased values must not wait there."""
        with self._write_lock, user_errors():
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _erase_households(self, db: sqlite_utils.Database, pks: Sequence[int]) -> int:
        """Empty the personal fields of these households and their visits' notes."""
        if not pks:
            return 0
        marks = ", ".join("?" for _ in pks)
        now = utc_now()
        db.execute(f"DELETE FROM households_fts WHERE rowid IN ({marks})", list(pks))
        ids = [r[0] for r in db.execute(f"SELECT id FROM households WHERE pk IN ({marks})", pks)]
        db.execute(
            "UPDATE households SET no_kk = '', head_name = '', head_nik = '', address = '', "
            "rt = '', rw = '', phone = '', help_note = '', consent = 0, erased_at = ?, "
            f"updated_at = ? WHERE pk IN ({marks})",
            [now, now, *pks],
        )
        id_marks = ", ".join("?" for _ in ids)
        cursor = db.execute(
            f"UPDATE visits SET failure_note = '', note = '', updated_at = ? "
            f"WHERE household_id IN ({id_marks})",
            [now, *ids],
        )
        # The proof files show the family's numbers and names: they go with the rest.
        db.execute(
            "UPDATE proof_files SET content = X'', filename = '', erased_at = ? "
            f"WHERE household_id IN ({id_marks})",
            [now, *ids],
        )
        return cursor.rowcount

    def retention_until(self) -> date | None:
        text = self._get_setting("retention_until")
        return date.fromisoformat(text) if text else None

    def set_retention_until(self, until: date | None) -> None:
        self.set_setting("retention_until", until.isoformat() if until else "")

    def retention_due(self, today: date | None = None) -> bool:
        """The retention period is over and some household still holds personal data."""
        until = self.retention_until()
        if until is None or (today or clock.today()) <= until:
            return False
        return bool(self._read("SELECT 1 FROM households WHERE erased_at = '' LIMIT 1"))

    def purge_personal_data(
        self, *, progress: Progress | None = None, today: date | None = None
    ) -> PurgeSummary:
        """After the retention end date: erase every household's personal data.

        Works in batches of PURGE_BATCH households, each its own transaction, so a power
        cut leaves every household either untouched or fully erased, and a second run
        finishes the job. The counts per kelurahan and outcome stay.
        """
        actor = self._require(Permission.PURGE)
        until = self.retention_until()
        if until is None or (today or clock.today()) <= until:
            raise PermissionDeniedError(
                _("Masa simpan data belum berakhir."),
                hint=_(
                    "Data pribadi baru boleh dihapus massal setelah tanggal akhir masa simpan "
                    "yang ditetapkan admin."
                ),
            )
        already = self._read("SELECT count(*) FROM households WHERE erased_at <> ''")[0][0]
        total = self._read("SELECT count(*) FROM households WHERE erased_at = ''")[0][0]
        done = 0
        while True:
            if progress is not None:
                progress.report(done, total, _("Menghapus data pribadi"))
            pks = [
                r[0]
                for r in self._read(
                    "SELECT pk FROM households WHERE erased_at = '' LIMIT ?", [PURGE_BATCH]
                )
            ]
            if not pks:
                break
            with self._writing() as db:
                self._erase_households(db, pks)
            done += len(pks)
        self._flush_erased()
        visits = self._read("SELECT count(*) FROM visits")[0][0]
        by_kelurahan = self._outcomes_by_kelurahan()
        with self._writing() as db:
            entry = self._audit(
                db,
                audit.PURGE,
                "rumah_tangga",
                "",
                {
                    "dihapus": done,
                    "sudah_terhapus_sebelumnya": already,
                    "kunjungan_disimpan_tanpa_nama": visits,
                    "masa_simpan_sampai": until.isoformat(),
                },
            )
        return PurgeSummary(
            purged=done,
            already_erased=already,
            visits_kept=visits,
            by_kelurahan=by_kelurahan,
            retention_until=until,
            purged_by=actor.label(),
            audit_hash=entry.hash,
        )

    def _outcomes_by_kelurahan(self) -> list[tuple[str, dict[str, int]]]:
        result: dict[str, dict[str, int]] = {}
        for code, outcome, count in self._read(
            "SELECT kelurahan_code, latest_outcome, count(*) FROM households "
            "GROUP BY kelurahan_code, latest_outcome ORDER BY kelurahan_code"
        ):
            counts = result.setdefault(code, {o.value: 0 for o in Outcome} | {"tanpa_kunjungan": 0})
            counts[outcome or "tanpa_kunjungan"] = count
        return list(result.items())
