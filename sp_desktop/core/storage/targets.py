"""Monitoring: targets, the dashboard's figures and the period evaluation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import RecordValidationError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain import monitoring, rules
from sp_desktop.core.domain.model import utc_now
from sp_desktop.core.domain.permissions import Permission
from sp_desktop.core.storage.connection import StorageBase, _interruptible, _snapshot, user_errors
from sp_desktop.core.storage.rows import (
    TARGET_COLUMNS,
    _day_start_utc,
    _insert_sql,
    _kelurahan_label,
)
from sp_desktop.core.trust import audit


class TargetsMixin(StorageBase):
    # -- targets

    def targets(self) -> list[monitoring.Target]:
        self._require(Permission.MONITOR)
        rows = self._read(
            "SELECT scope, key, value, deadline FROM targets ORDER BY scope, key COLLATE NOCASE"
        )
        return [
            monitoring.Target(r[0], r[1], r[2], date.fromisoformat(r[3]) if r[3] else None)
            for r in rows
        ]

    def set_target(self, target: monitoring.Target) -> monitoring.Target:
        """Set (or replace) the target of one OPD or kelurahan (coordinator and admin)."""
        actor = self._require(Permission.MONITOR_ALL)
        problems: dict[str, str] = {}
        if target.scope == monitoring.TargetScope.OPD:
            key = self._opd_spelling(target.key)
            if not key:
                problems["key"] = _("Pilih OPD-nya.")
            if not 1 <= target.value <= 100:
                problems["value"] = _("Target OPD adalah persentase ASN: 1 sampai 100.")
        elif target.scope == monitoring.TargetScope.KELURAHAN:
            key = target.key
            if (problem := rules.kelurahan_problem(key)) is not None:
                problems["key"] = problem
            if not 1 <= target.value <= 10_000_000:
                problems["value"] = _(
                    "Target kelurahan adalah jumlah rumah tangga berhasil (1 ke atas)."
                )
        else:
            raise RecordValidationError({"scope": _("Pilih jenis target: OPD atau kelurahan.")})
        if problems:
            raise RecordValidationError(problems)
        target = replace(target, key=key)
        record_id = monitoring.target_id(target.scope, key)
        deadline = target.deadline.isoformat() if target.deadline else ""
        now = utc_now()
        with self._writing() as db:
            old = db.execute(
                "SELECT value, deadline FROM targets WHERE id = ?", [record_id]
            ).fetchone()
            if old is None:
                db.execute(
                    _insert_sql("targets", TARGET_COLUMNS),
                    [record_id, target.scope, key, target.value, deadline, now, now,
                     self.installation_id, actor.id],
                )  # fmt: skip
            elif tuple(old) != (target.value, deadline):
                db.execute(
                    "UPDATE targets SET key = ?, value = ?, deadline = ?, updated_at = ?, "
                    "updated_by = ? WHERE id = ?",
                    [key, target.value, deadline, now, actor.id, record_id],
                )
            if old is None or tuple(old) != (target.value, deadline):
                self._audit(
                    db,
                    audit.SETTING,
                    "target",
                    record_id,
                    {"jenis": target.scope, "untuk": key, "nilai": target.value,
                     "batas_waktu": deadline},
                )  # fmt: skip
        return target

    def clear_target(self, scope: str, key: str) -> None:
        """Back to the default (80% for an OPD; no target for a kelurahan)."""
        self._require(Permission.MONITOR_ALL)
        record_id = monitoring.target_id(scope, key)
        with self._writing() as db:
            if db.execute("DELETE FROM targets WHERE id = ?", [record_id]).rowcount:
                self._audit(db, audit.DELETE, "target", record_id, {"jenis": scope, "untuk": key})

    @staticmethod
    def _target_map(conn: Any, scope: str) -> dict[str, tuple[int, date | None]]:
        return {
            key.casefold(): (value, date.fromisoformat(deadline) if deadline else None)
            for key, value, deadline in conn.execute(
                "SELECT key, value, deadline FROM targets WHERE scope = ?", [scope]
            )
        }

    # -- figures

    def dashboard(
        self, today: date | None = None, *, progress: Progress | None = None
    ) -> monitoring.Dashboard:
        """Every figure the dashboard shows, read in one consistent snapshot (meant for a
        worker thread: it reads through that thread's own connection)."""
        scope = self.staff_scope()
        today = today or clock.today()
        conn = self._reader()
        with user_errors(), _interruptible(conn, progress), _snapshot(conn):
            opds = self._opd_progress(conn, scope)
            kelurahan = self._kelurahan_progress(conn)
            posts = self._tally_groups(conn, "posko", scope)
            helpers = self._tally_groups(conn, "petugas", scope)
            trend = self._completion_trend(conn, scope)
        return monitoring.Dashboard(today, scope, opds, kelurahan, posts, helpers, trend)

    def _opd_progress(self, conn: Any, scope: str | None) -> tuple[monitoring.OpdProgress, ...]:
        where, args = (
            ("WHERE active = 1 AND opd = ?", [scope]) if scope else ("WHERE active = 1", [])
        )
        counts: dict[str, dict[str, int]] = {}
        names: dict[str, str] = {}
        for opd, status, n in conn.execute(
            f"SELECT opd, status, count(*) FROM staff {where} GROUP BY opd, status", args
        ):
            names.setdefault(opd.casefold(), opd)
            counts.setdefault(opd.casefold(), {})[status] = n
        targets = self._target_map(conn, monitoring.TargetScope.OPD)
        for key in targets:
            if scope is None or key == scope.casefold():
                counts.setdefault(key, {})
        target_names = {
            r[0].casefold(): r[0]
            for r in conn.execute("SELECT key FROM targets WHERE scope = 'opd'")
        }
        result = []
        for key, by_status in counts.items():
            percent, deadline = targets.get(key, (monitoring.DEFAULT_TARGET_PERCENT, None))
            result.append(
                monitoring.OpdProgress(
                    names.get(key) or target_names.get(key, key),
                    monitoring.StaffCounts(
                        **{s: by_status.get(s, 0) for s in monitoring.StaffStatus.ALL}
                    ),
                    percent,
                    deadline,
                )
            )
        return tuple(sorted(result, key=lambda o: o.opd.casefold()))

    def _kelurahan_progress(self, conn: Any) -> tuple[monitoring.KelurahanProgress, ...]:
        counts: dict[str, dict[str, int]] = {}
        for code, outcome, n in conn.execute(
            "SELECT key, outcome, n FROM household_tally WHERE dimension = 'kelurahan' AND n > 0"
        ):
            counts.setdefault(code, {})[outcome or "tanpa_kunjungan"] = n
        targets = self._target_map(conn, monitoring.TargetScope.KELURAHAN)
        for code in targets:
            counts.setdefault(code, {})
        labels: dict[str, str] = {}
        return tuple(
            monitoring.KelurahanProgress(
                code,
                _kelurahan_label(code, labels),
                monitoring.HouseholdCounts(**counts[code]),
                *targets.get(code, (None, None)),
            )
            for code in sorted(counts)
        )

    def _tally_groups(
        self, conn: Any, dimension: str, scope: str | None
    ) -> tuple[monitoring.GroupOutcomes, ...]:
        counts: dict[str, dict[str, int]] = {}
        for key, outcome, n in conn.execute(
            "SELECT key, outcome, n FROM household_tally WHERE dimension = ? AND n > 0",
            [dimension],
        ):
            counts.setdefault(key, {})[outcome or "tanpa_kunjungan"] = n
        if dimension == "posko":
            kelurahan: dict[str, str] = {}
            labels = {
                r[0]: f"{r[1]} ({_kelurahan_label(r[2], kelurahan)})"
                for r in conn.execute("SELECT id, name, kelurahan_code FROM posts")
            }
        else:
            # An OPD administrator sees the households their own office's helpers assisted.
            sql = "SELECT id, name FROM helpers" + (
                " WHERE opd = ? COLLATE NOCASE" if scope else ""
            )
            labels = dict(conn.execute(sql, [scope] if scope else []).fetchall())
            counts = {k: v for k, v in counts.items() if k in labels}
        groups = [
            monitoring.GroupOutcomes(
                key, labels.get(key, _("(tidak dikenal)")), monitoring.HouseholdCounts(**c)
            )
            for key, c in counts.items()
        ]
        return tuple(sorted(groups, key=lambda g: (-g.counts.assisted, g.label.casefold())))

    def _completion_trend(self, conn: Any, scope: str | None) -> tuple[monitoring.TrendPoint, ...]:
        where, args = ("AND opd = ?", [scope]) if scope else ("", [])
        points = []
        cumulative = 0
        for day, n in conn.execute(
            "SELECT status_date, count(*) FROM staff WHERE active = 1 AND status = 'sudah' "
            f"{where} GROUP BY status_date ORDER BY status_date",
            args,
        ):
            cumulative += n
            points.append(monitoring.TrendPoint(date.fromisoformat(day), n, cumulative))
        return tuple(points)

    def evaluation(
        self, start: date, end: date, *, progress: Progress | None = None
    ) -> monitoring.Evaluation:
        """The state at the end of [start, end] against the end of the period before.
        Aggregates only (no names or numbers): an OPD administrator may print their own."""
        scope = self.staff_scope()
        if end < start:
            raise RecordValidationError({"period": _("Tanggal akhir sebelum tanggal awal.")})
        previous_start, previous_end = monitoring.previous_period(start, end)
        conn = self._report_reader()
        with user_errors(), _interruptible(conn, progress), _snapshot(conn):
            current = self._staff_as_of(conn, scope, end)
            if progress is not None:
                progress.report(1, 4, _("Menghitung status pegawai"))
            previous = self._staff_as_of(conn, scope, previous_end)
            if progress is not None:
                progress.report(2, 4, _("Menghitung rumah tangga"))
            households_now = self._households_as_of(conn, end)
            if progress is not None:
                progress.report(3, 4, _("Menghitung rumah tangga"))
            households_before = self._households_as_of(conn, previous_end)
            targets = self._target_map(conn, monitoring.TargetScope.OPD)
            kelurahan_targets = self._target_map(conn, monitoring.TargetScope.KELURAHAN)
        opds = []
        for key in sorted(set(current) | set(previous)):
            name = (current.get(key) or previous[key])[0]
            percent, deadline = targets.get(key, (monitoring.DEFAULT_TARGET_PERCENT, None))
            opds.append(
                monitoring.OpdComparison(
                    name,
                    current.get(key, (name, monitoring.StaffCounts()))[1],
                    previous.get(key, (name, monitoring.StaffCounts()))[1],
                    percent,
                    deadline,
                )
            )
        labels: dict[str, str] = {}
        kelurahan = tuple(
            monitoring.KelurahanComparison(
                code,
                _kelurahan_label(code, labels),
                monitoring.HouseholdCounts(**households_now.get(code, {})),
                monitoring.HouseholdCounts(**households_before.get(code, {})),
                *kelurahan_targets.get(code, (None, None)),
            )
            for code in sorted(
                set(households_now) | set(households_before) | set(kelurahan_targets)
            )
        )
        return monitoring.Evaluation(
            start=start,
            end=end,
            previous_start=previous_start,
            previous_end=previous_end,
            office=self.get_setting("office_name"),
            scope_opd=scope,
            opds=tuple(opds),
            kelurahan=kelurahan,
            created_at=utc_now(),
        )

    @staticmethod
    def _staff_as_of(
        conn: Any, scope: str | None, day: date
    ) -> dict[str, tuple[str, monitoring.StaffCounts]]:
        """Active staff per office by their status on `day` (their latest update up to it)."""
        where, args = ("AND s.opd = ?", [scope]) if scope else ("", [])
        counts: dict[str, dict[str, int]] = {}
        names: dict[str, str] = {}
        for opd, status, n in conn.execute(
            "SELECT s.opd, coalesce((SELECT u.status FROM staff_updates u WHERE u.staff_id = s.id "
            "AND u.status_date <= ? ORDER BY u.status_date DESC, u.created_at DESC, u.id DESC "
            f"LIMIT 1), 'belum') AS st, count(*) FROM staff s WHERE s.active = 1 {where} "
            "GROUP BY s.opd, st",
            [day.isoformat(), *args],
        ):
            names.setdefault(opd.casefold(), opd)
            counts.setdefault(opd.casefold(), {})[status] = n
        return {
            key: (names[key], monitoring.StaffCounts(**by_status))
            for key, by_status in counts.items()
        }

    @staticmethod
    def _households_as_of(conn: Any, day: date) -> dict[str, dict[str, int]]:
        """Households per kelurahan by their latest outcome at the end of `day`.

        From the tally (now) corrected by the households with a visit after that day, so
        it reads two weeks of visits, not a million households.
        """
        cutoff = _day_start_utc(day + timedelta(days=1))
        counts: dict[str, dict[str, int]] = {}

        def add(code: str, outcome: str | None, n: int) -> None:
            by_outcome = counts.setdefault(code, {})
            key = outcome or "tanpa_kunjungan"
            by_outcome[key] = by_outcome.get(key, 0) + n

        for code, outcome, n in conn.execute(
            "SELECT key, outcome, n FROM household_tally WHERE dimension = 'kelurahan' AND n > 0"
        ):
            add(code, outcome, n)
        changed = conn.execute(
            "SELECT h.kelurahan_code, h.latest_outcome, h.created_at, "
            "(SELECT v.outcome FROM visits v WHERE v.household_id = h.id AND v.visited_at < ? "
            "ORDER BY v.visited_at DESC, v.created_at DESC LIMIT 1) "
            "FROM households h "
            "WHERE h.id IN (SELECT household_id FROM visits WHERE visited_at >= ?)",
            [cutoff, cutoff],
        ).fetchall()
        for code, now_outcome, created_at, then_outcome in changed:
            add(code, now_outcome, -1)
            if then_outcome is not None or created_at < cutoff:
                add(code, then_outcome, 1)
        for code, n in conn.execute(
            "SELECT kelurahan_code, count(*) FROM households WHERE latest_outcome IS NULL "
            "AND created_at >= ? GROUP BY kelurahan_code",
            [cutoff],
        ):
            add(code, None, -n)
        return {
            code: {k: v for k, v in by_outcome.items() if v}
            for code, by_outcome in counts.items()
            if any(by_outcome.values())
        }
