"""The revisit agenda: households whose latest visit is Belum or Gagal with a revisit date.

Reads like the household list: every signed-in account may read it (a helper's list
shows every household too), and No KK / NIK come as `_numbers_as_seen` decides. The
latest visit decides, the same one `households.latest_outcome` is derived from.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, NamedTuple

from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain import rules
from sp_desktop.core.domain.agenda import OPEN_OUTCOMES, AgendaFilter, AgendaLine, rt_rw_code
from sp_desktop.core.domain.model import FailureReason, Outcome
from sp_desktop.core.storage.connection import StorageBase, _interruptible, user_errors
from sp_desktop.core.storage.rows import _kelurahan_label, _local_time

# The latest visit of household h: the same order as households.py's summary refresh.
_LATEST_VISIT = (
    "(SELECT x.pk FROM visits x WHERE x.household_id = h.id "
    "ORDER BY x.visited_at DESC, x.created_at DESC LIMIT 1)"
)
_OPEN = "h.latest_outcome IN ({})".format(", ".join(f"'{o.value}'" for o in OPEN_OUTCOMES))


class _AgendaRow(NamedTuple):
    household_id: str
    no_kk: str
    head_nik: str
    head_name: str
    kelurahan_code: str
    address: str
    rt: str
    rw: str
    members: int
    created_by: str
    visits: int
    outcome: str
    visited_at: str
    failure_reason: str | None
    failure_note: str
    revisit_date: str
    note: str
    helper_name: str
    helper_nip: str
    post_id: str
    post_name: str


_AGENDA_SELECT = (
    "SELECT h.id, h.no_kk, h.head_nik, h.head_name, h.kelurahan_code, h.address, h.rt, "
    "h.rw, h.members, h.created_by, h.visit_count, lv.outcome, lv.visited_at, "
    "lv.failure_reason, lv.failure_note, lv.revisit_date, lv.note, hp.name, hp.nip, "
    "p.id, p.name "
    f"FROM households h JOIN visits lv ON lv.pk = {_LATEST_VISIT} "
    "JOIN helpers hp ON hp.id = lv.helper_id JOIN posts p ON p.id = lv.post_id"
)
# Kelurahan, then RW and RT (the door-to-door order), then the street.
_AGENDA_ORDER = "ORDER BY h.kelurahan_code, h.rw, h.rt, h.address, h.head_name, h.pk"


def _agenda_conditions(agenda: AgendaFilter) -> tuple[str, list[Any]]:
    conditions = [
        _OPEN,
        "h.erased_at = ''",
        "lv.revisit_date IS NOT NULL",
        "lv.revisit_date <= ?",
    ]
    args: list[Any] = [agenda.until.isoformat()]
    if agenda.since is not None:
        conditions.append("lv.revisit_date >= ?")
        args.append(agenda.since.isoformat())
    if agenda.kelurahan_code:
        conditions.append("h.kelurahan_code = ?")
        args.append(agenda.kelurahan_code)
    if agenda.rw.strip():
        conditions.append("h.rw = ?")
        args.append(rt_rw_code(agenda.rw))
    if agenda.rt.strip():
        conditions.append("h.rt = ?")
        args.append(rt_rw_code(agenda.rt))
    if agenda.helper_nip.strip():
        conditions.append("hp.nip = ?")
        args.append(rules.clean_digits(agenda.helper_nip))
    if agenda.post.strip():
        conditions.append("(p.id = ? OR p.name = ?)")
        args += [agenda.post.strip(), agenda.post.strip()]
    return "WHERE " + " AND ".join(conditions), args


class AgendaMixin(StorageBase):
    # -- the revisit agenda ---------------------------------------------------------------

    def agenda(
        self, agenda: AgendaFilter, *, progress: Progress | None = None
    ) -> Iterator[AgendaLine]:
        """Households to visit again in the period, kelurahan / RW / RT / address order.
        Streams (a city's overdue list never sits in memory at once)."""
        self._require_signed_in()
        where, args = _agenda_conditions(agenda)
        labels: dict[str, str] = {}
        conn = self._report_reader()
        with user_errors(), _interruptible(conn, progress):
            cursor = conn.execute(f"{_AGENDA_SELECT} {where} {_AGENDA_ORDER}", args)
            while rows := cursor.fetchmany(1000):
                for raw in rows:
                    yield self._agenda_line(_AgendaRow._make(raw), labels)

    def agenda_count(self, agenda: AgendaFilter) -> int:
        """How many households `agenda` lists."""
        self._require_signed_in()
        where, args = _agenda_conditions(agenda)
        rows = self._report_read(
            f"SELECT count(*) FROM households h JOIN visits lv ON lv.pk = {_LATEST_VISIT} "
            "JOIN helpers hp ON hp.id = lv.helper_id JOIN posts p ON p.id = lv.post_id "
            f"{where}",
            args,
        )
        return int(rows[0][0])

    def revisit_dates(self, pks: Sequence[int]) -> dict[int, date]:
        """The household list's revisit column: pk -> revisit date of the latest visit,
        for those still open (Belum or Gagal) with a date; the others are absent."""
        self._require_signed_in()
        if not pks:
            return {}
        marks = ", ".join("?" for _ in pks)
        rows = self._read(
            "SELECT h.pk, (SELECT x.revisit_date FROM visits x WHERE x.household_id = h.id "
            "ORDER BY x.visited_at DESC, x.created_at DESC LIMIT 1) FROM households h "
            f"WHERE h.pk IN ({marks}) AND {_OPEN} AND h.erased_at = ''",
            list(pks),
        )
        return {pk: date.fromisoformat(day) for pk, day in rows if day}

    def _agenda_line(self, r: _AgendaRow, labels: dict[str, str]) -> AgendaLine:
        no_kk, head_nik, hidden = self._numbers_as_seen(r.created_by, r.no_kk, r.head_nik)
        return AgendaLine(
            household_id=r.household_id,
            head_name=r.head_name,
            no_kk=no_kk,
            head_nik=head_nik,
            kelurahan_code=r.kelurahan_code,
            kelurahan_label=_kelurahan_label(r.kelurahan_code, labels),
            address=r.address,
            rt=r.rt,
            rw=r.rw,
            members=r.members,
            outcome=Outcome(r.outcome),
            failure_reason=FailureReason(r.failure_reason) if r.failure_reason else None,
            failure_note=r.failure_note,
            note=r.note,
            revisit_date=date.fromisoformat(r.revisit_date),
            last_visit_at=_local_time(r.visited_at),
            visits=r.visits,
            helper_name=r.helper_name,
            helper_nip=r.helper_nip,
            post_id=r.post_id,
            post_name=r.post_name,
            numbers_hidden=hidden,
        )
