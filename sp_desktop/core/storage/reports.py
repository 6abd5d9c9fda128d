"""What documents and exports read: visit lines, report households and figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, NamedTuple, TypeVar

from sp_desktop.core.base.errors import NotFoundError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain import rules
from sp_desktop.core.domain.model import FailureReason, HelpReason, Outcome
from sp_desktop.core.domain.permissions import Permission
from sp_desktop.core.domain.reports import HouseholdLine, ReportFilter, VisitLine
from sp_desktop.core.storage.connection import StorageBase, _interruptible, user_errors
from sp_desktop.core.storage.rows import _day_start_utc, _kelurahan_label, _local_time

_REPORT_JOINS = (
    "JOIN households h ON h.id = v.household_id "
    "JOIN helpers hp ON hp.id = v.helper_id "
    "JOIN posts p ON p.id = v.post_id"
)


class _VisitRow(NamedTuple):
    """A row of _VISIT_LINE_SELECT, by name (the SELECT names each column alike)."""

    visit_id: str
    visited_at: str
    outcome: str
    failure_reason: str | None
    failure_note: str
    revisit_date: str | None
    note: str
    helper_name: str
    helper_nip: str
    post_name: str
    household_id: str
    no_kk: str
    head_nik: str
    head_name: str
    kelurahan_code: str
    address: str
    rt: str
    rw: str
    members: int
    help_reason: str
    created_by: str
    erased_at: str
    proof_files: int
    post_kelurahan_code: str


_VISIT_LINE_SELECT = (
    "SELECT v.id AS visit_id, v.visited_at AS visited_at, v.outcome AS outcome, "
    "v.failure_reason AS failure_reason, v.failure_note AS failure_note, "
    "v.revisit_date AS revisit_date, v.note AS note, hp.name AS helper_name, "
    "hp.nip AS helper_nip, p.name AS post_name, h.id AS household_id, h.no_kk AS no_kk, "
    "h.head_nik AS head_nik, h.head_name AS head_name, h.kelurahan_code AS kelurahan_code, "
    "h.address AS address, h.rt AS rt, h.rw AS rw, h.members AS members, "
    "h.help_reason AS help_reason, h.created_by AS created_by, h.erased_at AS erased_at, "
    "(SELECT count(*) FROM proof_files f WHERE f.visit_id = v.id AND f.erased_at = '') "
    "AS proof_files, p.kelurahan_code AS post_kelurahan_code "
    f"FROM visits v {_REPORT_JOINS}"
)


class _HouseholdRow(NamedTuple):
    """A row of _report_households_sql, by name (the SELECT names each column alike)."""

    household_id: str
    no_kk: str
    head_nik: str
    head_name: str
    kelurahan_code: str
    address: str
    rt: str
    rw: str
    members: int
    help_reason: str
    pk: int
    created_by: str
    consent_at: str
    erased_at: str
    visits: int | None
    outcome: str | None
    visited_at: str | None
    failure_reason: str | None
    revisit_date: str | None


_Row = TypeVar("_Row", _VisitRow, _HouseholdRow)


def _named(cursor: Any, row_type: type[_Row]) -> Iterator[_Row]:
    """The cursor's rows as `row_type`, once its columns are checked to be its fields."""
    names = tuple(d[0] for d in cursor.description)
    if names != row_type._fields:
        raise AssertionError(f"{row_type.__name__}: the SELECT names {names}")
    make = row_type._make
    while rows := cursor.fetchmany(2000):
        yield from map(make, rows)


def _report_joins(report: ReportFilter) -> str:
    """_REPORT_JOINS without the helpers and posts a filter does not name (each join is a
    lookup per visit)."""
    joins = "JOIN households h ON h.id = v.household_id"
    if report.helper_nip:
        joins += " JOIN helpers hp ON hp.id = v.helper_id"
    if report.post_name:
        joins += " JOIN posts p ON p.id = v.post_id"
    return joins


def _period_end(report: ReportFilter) -> str | None:
    return _day_start_utc(report.date_to + timedelta(days=1)) if report.date_to else None


def _report_conditions(report: ReportFilter) -> tuple[str, list[Any]]:
    """WHERE over visits v joined with households h, helpers hp and posts p (_REPORT_JOINS)."""
    conditions: list[str] = []
    args: list[Any] = []
    if report.date_from:
        conditions.append("v.visited_at >= ?")
        args.append(_day_start_utc(report.date_from))
    if (end := _period_end(report)) is not None:
        conditions.append("v.visited_at < ?")
        args.append(end)
    if report.kelurahan_code:
        conditions.append("h.kelurahan_code = ?")
        args.append(report.kelurahan_code)
    if report.post_name:
        conditions.append("p.name = ?")
        args.append(report.post_name.strip())
    if report.helper_nip:
        conditions.append("hp.nip = ?")
        args.append(rules.clean_digits(report.helper_nip))
    return (f"WHERE {' AND '.join(conditions)}" if conditions else ""), args


def _report_households_sql(report: ReportFilter) -> tuple[str, list[Any]]:
    """Households in scope with the count of their visits in scope and their latest visit
    up to the end of the period (see ReportFilter)."""
    end = _period_end(report)
    latest = (
        "(SELECT x.pk FROM visits x WHERE x.household_id = h.id"
        + (" AND x.visited_at < ?" if end else "")
        + " ORDER BY x.visited_at DESC, x.created_at DESC LIMIT 1)"
    )
    columns = (
        "h.id AS household_id, h.no_kk AS no_kk, h.head_nik AS head_nik, "
        "h.head_name AS head_name, h.kelurahan_code AS kelurahan_code, h.address AS address, "
        "h.rt AS rt, h.rw AS rw, h.members AS members, h.help_reason AS help_reason, "
        "h.pk AS pk, h.created_by AS created_by, h.consent_at AS consent_at, "
        "h.erased_at AS erased_at, {count} AS visits, lv.outcome AS outcome, "
        "lv.visited_at AS visited_at, lv.failure_reason AS failure_reason, "
        "lv.revisit_date AS revisit_date"
    )
    order = "ORDER BY h.kelurahan_code, h.rw, h.rt, h.head_name, h.pk"
    if report.restricts_visits:
        where, args = _report_conditions(report)
        sql = (
            f"SELECT {columns.format(count='s.n')} FROM "
            f"(SELECT v.household_id AS hid, count(*) AS n FROM visits v {_report_joins(report)} "
            f"{where} GROUP BY v.household_id) s "
            f"JOIN households h ON h.id = s.hid LEFT JOIN visits lv ON lv.pk = {latest} {order}"
        )
        return sql, [*args, *([end] if end else [])]
    where = "WHERE h.kelurahan_code = ?" if report.kelurahan_code else ""
    sql = (
        f"SELECT {columns.format(count='h.visit_count')} FROM households h "
        f"LEFT JOIN visits lv ON lv.pk = {latest} {where} {order}"
    )
    return sql, [*([end] if end else []), *([report.kelurahan_code] if where else [])]


class ReportsMixin(StorageBase):
    # -- what documents and exports contain -----------------------------------------------

    def visit_line(self, visit_id: str) -> VisitLine:
        """One visit with everything its proof slip shows (numbers as this account sees them)."""
        self._require(Permission.RECORD)
        rows = self._read(f"{_VISIT_LINE_SELECT} WHERE v.id = ?", [visit_id])
        if not rows:
            raise NotFoundError(_("Kunjungan ini tidak ditemukan (mungkin belum disimpan)."))
        return self._visit_line(_VisitRow._make(rows[0]), {})

    def report_visit_ids(self, report: ReportFilter) -> list[str]:
        """Ids of the visits in scope, oldest first (for printing many slips)."""
        self._require(Permission.RECORD)
        where, args = _report_conditions(report)
        return [
            r[0]
            for r in self._report_read(
                f"SELECT v.id FROM visits v {_report_joins(report)} {where} ORDER BY v.visited_at",
                args,
            )
        ]

    def report_visits(
        self, report: ReportFilter, *, progress: Progress | None = None
    ) -> Iterator[VisitLine]:
        """Every visit in scope, by kelurahan then time. Streams: 100k rows never sit in memory."""
        self._require(Permission.EXPORT)
        where, args = _report_conditions(report)
        labels: dict[str, str] = {}
        conn = self._report_reader()
        with user_errors(), _interruptible(conn, progress):
            cursor = conn.execute(
                f"{_VISIT_LINE_SELECT} {where} ORDER BY h.kelurahan_code, v.visited_at", args
            )
            for row in _named(cursor, _VisitRow):
                yield self._visit_line(row, labels)

    def report_households(
        self, report: ReportFilter, *, progress: Progress | None = None
    ) -> Iterator[HouseholdLine]:
        """Every household in scope with its status at the end of the period, in
        kelurahan / RW / RT / name order."""
        self._require(Permission.EXPORT)
        sql, args = _report_households_sql(report)
        labels: dict[str, str] = {}
        conn = self._report_reader()
        with user_errors(), _interruptible(conn, progress):
            for r in _named(conn.execute(sql, args), _HouseholdRow):
                no_kk, head_nik, hidden = self._numbers_as_seen(
                    r.created_by, r.no_kk, r.head_nik, erased=bool(r.erased_at)
                )
                yield HouseholdLine(
                    household_id=r.household_id,
                    no_kk=no_kk,
                    head_nik=head_nik,
                    head_name=r.head_name,
                    kelurahan_code=r.kelurahan_code,
                    kelurahan_label=_kelurahan_label(r.kelurahan_code, labels),
                    address=r.address,
                    rt=r.rt,
                    rw=r.rw,
                    members=r.members,
                    help_reason=HelpReason(r.help_reason),
                    status=Outcome(r.outcome) if r.outcome else None,
                    last_visit_at=_local_time(r.visited_at) if r.visited_at else None,
                    failure_reason=FailureReason(r.failure_reason) if r.failure_reason else None,
                    revisit_date=date.fromisoformat(r.revisit_date) if r.revisit_date else None,
                    visits=r.visits or 0,
                    numbers_hidden=hidden,
                    erased=bool(r.erased_at),
                )

    def report_visit_figures(
        self, report: ReportFilter
    ) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """Visits in scope by outcome, failed visits by reason (every attempt counts), and
        visits by kelurahan: one pass over the visits, joined only to what filters need."""
        self._require(Permission.EXPORT)
        where, args = _report_conditions(report)
        by_outcome: dict[str, int] = {}
        by_reason: dict[str, int] = {}
        by_kelurahan: dict[str, int] = {}
        for kelurahan, outcome, reason, count in self._report_read(
            "SELECT h.kelurahan_code, v.outcome, v.failure_reason, count(*) FROM visits v "
            f"{_report_joins(report)} {where} GROUP BY 1, 2, 3",
            args,
        ):
            by_outcome[outcome] = by_outcome.get(outcome, 0) + count
            by_kelurahan[kelurahan] = by_kelurahan.get(kelurahan, 0) + count
            if outcome == Outcome.GAGAL.value:
                key = reason or FailureReason.LAINNYA.value
                by_reason[key] = by_reason.get(key, 0) + count
        return by_outcome, by_reason, by_kelurahan

    def _visit_line(self, r: _VisitRow, labels: dict[str, str]) -> VisitLine:
        erased = bool(r.erased_at)
        no_kk, head_nik, hidden = self._numbers_as_seen(
            r.created_by, r.no_kk, r.head_nik, erased=erased
        )
        return VisitLine(
            visit_id=r.visit_id,
            visited_at=_local_time(r.visited_at),
            outcome=Outcome(r.outcome),
            failure_reason=FailureReason(r.failure_reason) if r.failure_reason else None,
            failure_note=r.failure_note,
            revisit_date=date.fromisoformat(r.revisit_date) if r.revisit_date else None,
            note=r.note,
            helper_name=r.helper_name,
            helper_nip=r.helper_nip,
            post_name=r.post_name,
            household_id=r.household_id,
            no_kk=no_kk,
            head_nik=head_nik,
            head_name=r.head_name,
            kelurahan_code=r.kelurahan_code,
            kelurahan_label=_kelurahan_label(r.kelurahan_code, labels),
            address=r.address,
            rt=r.rt,
            rw=r.rw,
            members=r.members,
            help_reason=HelpReason(r.help_reason),
            numbers_hidden=hidden,
            erased=erased,
            proof_files=r.proof_files,
            post_kelurahan_label=_kelurahan_label(r.post_kelurahan_code, labels),
        )
