"""Monitoring: ASN staff, their SP Online status updates, proofs and roster imports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import NotFoundError, RecordValidationError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain import monitoring, rules
from sp_desktop.core.domain.model import new_id, utc_now
from sp_desktop.core.domain.permissions import Permission, PermissionDeniedError, Role, allowed
from sp_desktop.core.domain.validation import validate_nip
from sp_desktop.core.storage.connection import StorageBase
from sp_desktop.core.storage.rows import (
    _STAFF_SELECT,
    STAFF_COLUMNS,
    STAFF_UPDATE_COLUMNS,
    _chunks,
    _db_value,
    _insert_sql,
    _staff_from_row,
)
from sp_desktop.core.trust import audit


class StaffMixin(StorageBase):
    # -- monitoring: ASN staff, their SP Online status, targets, dashboard ------------------

    def staff_scope(self) -> str | None:
        """Whose staff the signed-in account keeps: None for every office (coordinator,
        admin), else the OPD administrator's own office (their helper record's OPD)."""
        actor = self._require(Permission.MONITOR)
        if allowed(Role(actor.role), Permission.MONITOR_ALL):
            return None
        rows = self._read("SELECT opd FROM helpers WHERE id = ?", [actor.helper_id])
        opd = monitoring.normalise_opd(rows[0][0]) if rows else ""
        if not opd:
            raise PermissionDeniedError(
                _("Akun Admin OPD ini belum dicatat OPD-nya."),
                hint=_("Minta koordinator mengisi OPD pada akun Anda (Akun › Kelola akun)."),
            )
        return opd

    def _check_staff_scope(self, scope: str | None, opd: str) -> None:
        if scope is not None and opd.casefold() != scope.casefold():
            raise PermissionDeniedError(
                _("Anda hanya boleh mengelola pegawai OPD Anda sendiri ({scope}).").format(
                    scope=scope
                ),
                hint=_("Koordinator kota dapat mengelola pegawai semua OPD."),
            )

    def opd_names(self) -> list[str]:
        """Offices on the roster (or with a target), as first spelt, in the account's scope."""
        scope = self.staff_scope()
        if scope is not None:
            return [self._opd_spelling(scope)]
        rows = self._read(
            "SELECT opd FROM (SELECT opd FROM staff UNION SELECT key FROM targets "
            "WHERE scope = 'opd') ORDER BY opd COLLATE NOCASE"
        )
        return [r[0] for r in rows]

    def _opd_spelling(self, opd: str) -> str:
        """The spelling already in use for this office (names match case-insensitively)."""
        opd = monitoring.normalise_opd(opd)
        rows = self._read("SELECT opd FROM staff WHERE opd = ? ORDER BY pk LIMIT 1", [opd])
        return rows[0][0] if rows else opd

    def staff_list(self, query: monitoring.StaffQuery | None = None) -> list[monitoring.Staff]:
        scope = self.staff_scope()
        query = query or monitoring.StaffQuery()
        conditions, args = self._staff_filters(scope, query)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._read(
            f"SELECT {_STAFF_SELECT} FROM staff s{where} ORDER BY s.opd, s.name COLLATE NOCASE",
            args,
        )
        return [_staff_from_row(r) for r in rows]

    def staff_nips(self) -> set[str]:
        """NIPs already on the roster (in the account's scope, inactive included): what a
        roster import will update rather than add."""
        scope = self.staff_scope()
        where, args = ("WHERE opd = ?", [scope]) if scope else ("", [])
        return {r[0] for r in self._read(f"SELECT nip FROM staff {where}", args)}

    @staticmethod
    def _staff_filters(
        scope: str | None, query: monitoring.StaffQuery
    ) -> tuple[list[str], list[Any]]:
        conditions: list[str] = []
        args: list[Any] = []
        if scope is not None:
            conditions.append("s.opd = ?")
            args.append(scope)
        if query.opd:
            conditions.append("s.opd = ?")
            args.append(monitoring.normalise_opd(query.opd))
        if not query.include_inactive:
            conditions.append("s.active = 1")
        if query.status:
            conditions.append("s.status = ?")
            args.append(query.status)
        text = " ".join(query.text.split())
        digits = rules.clean_digits(text)
        if text and digits.isdigit():
            conditions.append("s.nip LIKE ?")
            args.append(f"{digits}%")
        elif text:
            conditions.append("s.name LIKE ? ESCAPE '\\'")
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            args.append(f"%{escaped}%")
        return conditions, args

    def staff_member(self, staff_id: str) -> monitoring.Staff:
        scope = self.staff_scope()
        rows = self._read(f"SELECT {_STAFF_SELECT} FROM staff s WHERE s.id = ?", [staff_id])
        if not rows:
            raise NotFoundError(_("Pegawai ini tidak ditemukan (mungkin sudah dihapus)."))
        staff = _staff_from_row(rows[0])
        self._check_staff_scope(scope, staff.opd)
        return staff

    def save_staff(self, staff: monitoring.Staff) -> monitoring.Staff:
        """Add or change one staff member by hand. Raises RecordValidationError per field."""
        actor = self._require(Permission.MONITOR)
        scope = self.staff_scope()
        staff = replace(
            staff,
            nip=rules.clean_digits(staff.nip),
            name=rules.clean_name(staff.name),
            opd=monitoring.normalise_opd(staff.opd or (scope or "")),
            unit=monitoring.normalise_opd(staff.unit),
        )
        problems: dict[str, str] = {}
        nip = validate_nip(staff.nip)
        if not nip.ok:
            problems["nip"] = nip.message
        if (problem := rules.name_problem(staff.name, _("Nama pegawai"))) is not None:
            problems["name"] = problem
        if not staff.opd:
            problems["opd"] = _("OPD wajib diisi.")
        elif scope is not None and staff.opd.casefold() != scope.casefold():
            problems["opd"] = _(
                "Anda hanya boleh mengelola pegawai OPD Anda sendiri ({scope})."
            ).format(scope=scope)
        for column in ("opd", "unit"):
            if len(getattr(staff, column)) > monitoring.MAX_NAME:
                problems[column] = _("Terlalu panjang (paling banyak {limit} huruf).").format(
                    limit=monitoring.MAX_NAME
                )
        stored_rows = (
            self._read(f"SELECT {_STAFF_SELECT} FROM staff s WHERE s.id = ?", [staff.id])
            if staff.id
            else []
        )
        stored = _staff_from_row(stored_rows[0]) if stored_rows else None
        if stored is not None:
            self._check_staff_scope(scope, stored.opd)
        if "nip" not in problems and self._read(
            "SELECT 1 FROM staff WHERE nip = ? AND id <> ?", [staff.nip, staff.id]
        ):
            problems["nip"] = _("NIP ini sudah terdaftar untuk pegawai lain.")
        if problems:
            raise RecordValidationError(problems)
        staff = replace(staff, opd=self._opd_spelling(staff.opd))
        now = utc_now()
        with self._writing() as db:
            if stored is None:
                record_id = monitoring.staff_id_for_nip(staff.nip)
                if db.execute("SELECT 1 FROM staff WHERE id = ?", [record_id]).fetchone():
                    record_id = new_id()  # the id of a NIP since corrected on its record
                staff = replace(
                    staff,
                    id=record_id,
                    created_at=now,
                    updated_at=now,
                    origin=self.installation_id,
                    created_by=actor.id,
                )
                values = {c: _db_value(getattr(staff, c)) for c in STAFF_COLUMNS}
                db.execute(_insert_sql("staff", STAFF_COLUMNS), list(values.values()))
                self._audit(db, audit.CREATE, "pegawai", staff.id, audit.changes(None, values))
            else:
                staff = replace(
                    staff,
                    created_at=stored.created_at,
                    origin=stored.origin,
                    created_by=stored.created_by,
                    updated_at=now,
                )
                old = {c: _db_value(getattr(stored, c)) for c in STAFF_COLUMNS}
                new = {c: _db_value(getattr(staff, c)) for c in STAFF_COLUMNS}
                if change := audit.changes(
                    {k: v for k, v in old.items() if k != "updated_at"},
                    {k: v for k, v in new.items() if k != "updated_at"},
                ):
                    sets = ", ".join(f"{c} = ?" for c in STAFF_COLUMNS[1:])
                    db.execute(
                        f"UPDATE staff SET {sets} WHERE id = ?",
                        [*(new[c] for c in STAFF_COLUMNS[1:]), staff.id],
                    )
                    self._audit(db, audit.UPDATE, "pegawai", staff.id, change)
        return self.staff_member(staff.id)

    def set_staff_active(self, staff_ids: Sequence[str], active: bool) -> int:
        """Deactivate (moved, retired) or reactivate staff; returns how many changed."""
        self._require(Permission.MONITOR)
        scope = self.staff_scope()
        ids = self._scoped_staff_ids(scope, staff_ids)
        now = utc_now()
        with self._writing() as db:
            changed = 0
            for chunk in _chunks(ids, 500):
                marks = ", ".join("?" for _ in chunk)
                changed += db.execute(
                    f"UPDATE staff SET active = ?, updated_at = ? WHERE id IN ({marks}) "
                    "AND active <> ?",
                    [int(active), now, *chunk, int(active)],
                ).rowcount
            if changed:
                self._audit(db, audit.UPDATE, "pegawai", "", {"aktif": active, "jumlah": changed})
        return changed

    def _scoped_staff_ids(self, scope: str | None, staff_ids: Sequence[str]) -> list[str]:
        """The given staff ids, all existing and all in the account's scope (else refused)."""
        ids = sorted(set(staff_ids))
        found: dict[str, str] = {}
        for chunk in _chunks(ids, 500):
            marks = ", ".join("?" for _ in chunk)
            found.update(
                self._read(f"SELECT id, opd FROM staff WHERE id IN ({marks})", list(chunk))
            )
        if len(found) != len(ids):
            raise NotFoundError(_("Sebagian pegawai yang dipilih tidak ditemukan lagi."))
        for opd in set(found.values()):
            self._check_staff_scope(scope, opd)
        return ids

    def record_staff_status(
        self,
        staff_ids: Sequence[str],
        status: str,
        status_date: date,
        reason: str = "",
        *,
        today: date | None = None,
    ) -> list[str]:
        """Record an SP Online status for one or many staff (bulk), in ONE transaction.
        Returns the new updates' ids, in the order of `staff_ids` (deduplicated)."""
        actor = self._require(Permission.MONITOR)
        scope = self.staff_scope()
        today = today or clock.today()
        reason = " ".join(reason.split())
        problems: dict[str, str] = {}
        if status not in monitoring.StaffStatus.ALL:
            problems["status"] = _("Pilih status: Sudah, Gagal atau Belum.")
        if status_date > today:
            problems["status_date"] = _("Tanggal tidak boleh setelah hari ini.")
        elif status_date < monitoring.EARLIEST_STATUS_DATE:
            problems["status_date"] = _("Tanggal terlalu lama; periksa tahunnya.")
        if status == monitoring.StaffStatus.GAGAL and not reason:
            problems["reason"] = _("Tulis alasan gagalnya (mis. NIK dan KK tidak sesuai).")
        if len(reason) > monitoring.MAX_REASON:
            problems["reason"] = _("Alasan terlalu panjang (paling banyak {limit}).").format(
                limit=monitoring.MAX_REASON
            )
        if not staff_ids:
            problems["staff"] = _("Pilih pegawainya dulu.")
        if problems:
            raise RecordValidationError(problems)
        ids = list(dict.fromkeys(staff_ids))
        self._scoped_staff_ids(scope, ids)
        now = utc_now()
        update_ids = [new_id() for _ in ids]
        rows = [
            (uid, sid, status, status_date.isoformat(), reason, now, actor.id, self.installation_id)
            for uid, sid in zip(update_ids, ids, strict=True)
        ]
        with self._writing() as db:
            db.conn.executemany(_insert_sql("staff_updates", STAFF_UPDATE_COLUMNS), rows)
            self._refresh_staff_summaries(db, ids)
            self._audit(
                db,
                audit.CREATE,
                "status_pegawai",
                update_ids[0] if len(ids) == 1 else "",
                {"status": status, "tanggal": status_date.isoformat(), "jumlah": len(ids)},
            )
        return update_ids

    @staticmethod
    def _refresh_staff_summaries(db: Any, staff_ids: Sequence[str]) -> None:
        # Derived, local columns (the sync triggers watch only the synced ones).
        latest = (
            "(SELECT {0} FROM staff_updates u WHERE u.staff_id = :id "
            "ORDER BY u.status_date DESC, u.created_at DESC, u.id DESC LIMIT 1)"
        )
        sql = (
            f"UPDATE staff SET status = coalesce({latest.format('status')}, 'belum'), "
            f"status_date = coalesce({latest.format('status_date')}, ''), "
            f"status_reason = coalesce({latest.format('reason')}, '') WHERE id = :id"
        )
        conn = db.conn if hasattr(db, "conn") else db
        conn.executemany(sql, [{"id": staff_id} for staff_id in staff_ids])

    def staff_history(self, staff_id: str) -> list[monitoring.StaffUpdate]:
        self.staff_member(staff_id)  # scope check
        rows = self._read(
            f"SELECT {', '.join(STAFF_UPDATE_COLUMNS)} FROM staff_updates WHERE staff_id = ? "
            "ORDER BY status_date DESC, created_at DESC, id DESC",
            [staff_id],
        )
        return [
            monitoring.StaffUpdate(
                id=r[0],
                staff_id=r[1],
                status=r[2],
                status_date=date.fromisoformat(r[3]),
                reason=r[4],
                created_at=r[5],
                created_by=r[6],
                origin=r[7],
            )
            for r in rows
        ]

    def import_roster(
        self, entries: Sequence[Any], *, progress: Progress | None = None
    ) -> monitoring.RosterImportResult:
        """Add or update staff from a checked roster (roster.RosterEntry rows), in ONE
        transaction: a cancelled or failed import leaves the roster as it was. A NIP already
        on the roster is updated (name, OPD, unit; reactivated), never duplicated."""
        actor = self._require(Permission.MONITOR)
        scope = self.staff_scope()
        for entry in entries:
            self._check_staff_scope(scope, monitoring.normalise_opd(entry.opd))
        existing: dict[str, tuple[Any, ...]] = {}
        spelling: dict[str, str] = {}
        for row in self._read("SELECT id, nip, name, opd, unit, active FROM staff ORDER BY pk"):
            existing.setdefault(row[1], row)
            spelling.setdefault(row[3].casefold(), row[3])
        ids = {row[0] for row in existing.values()}
        now = utc_now()
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        unchanged = reactivated = 0
        seen: set[str] = set()
        for i, entry in enumerate(entries):
            if progress is not None and i % 5000 == 0:
                progress.report(i, len(entries), _("Mengimpor daftar pegawai"))
            if entry.nip in seen:
                continue  # the plan already refused later duplicates; never insert twice
            seen.add(entry.nip)
            opd = spelling.setdefault(entry.opd.casefold(), entry.opd)
            stored = existing.get(entry.nip)
            if stored is None:
                record_id = monitoring.staff_id_for_nip(entry.nip)
                if record_id in ids:
                    record_id = new_id()
                inserts.append(
                    (record_id, entry.nip, entry.name, opd, entry.unit, 1, now, now,
                     self.installation_id, actor.id)
                )  # fmt: skip
            elif (stored[2], stored[3], stored[4], stored[5]) == (entry.name, opd, entry.unit, 1):
                unchanged += 1
            else:
                reactivated += not stored[5]
                updates.append((entry.name, opd, entry.unit, now, stored[0]))
        if progress is not None:
            progress.check()
        with self._writing() as db:
            db.conn.executemany(_insert_sql("staff", STAFF_COLUMNS), inserts)
            db.conn.executemany(
                "UPDATE staff SET name = ?, opd = ?, unit = ?, active = 1, updated_at = ? "
                "WHERE id = ?",
                updates,
            )
            result = monitoring.RosterImportResult(
                len(inserts), len(updates), unchanged, reactivated
            )
            self._audit(
                db,
                audit.IMPORT,
                "daftar_pegawai",
                "",
                {"ditambah": result.added, "diperbarui": result.updated,
                 "tidak_berubah": result.unchanged, "diaktifkan_lagi": result.reactivated},
            )  # fmt: skip
        return result
