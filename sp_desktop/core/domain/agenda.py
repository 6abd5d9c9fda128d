"""The revisit agenda ("Kunjungan ulang"): which households to visit again, and when.

A household is on the agenda when its latest visit (the one that decides its status) is
Belum or Gagal and names a revisit date within the period. Overdue means that date is
before today (clock.today()). Storage fills AgendaLine; the PDF and CSV writers lay it
out, and the same list serves SP Wawancara, the interview stage for households not done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sp_desktop.core.base.i18n import QT_TRANSLATE_NOOP
from sp_desktop.core.domain.model import FailureReason, Outcome

# The outcomes that leave a household to be visited again.
OPEN_OUTCOMES = (Outcome.BELUM, Outcome.GAGAL)


class Period(StrEnum):
    """The periods the window offers; `range_for` turns one into (since, until)."""

    DUE = "jatuh_tempo"  # today and every overdue date: the day's work
    TODAY = "hari_ini"
    OVERDUE = "terlambat"
    WEEK = "minggu_ini"  # up to Sunday, overdue included


PERIOD_LABELS = {
    Period.DUE: QT_TRANSLATE_NOOP("Period", "Hari ini dan yang terlambat"),
    Period.TODAY: QT_TRANSLATE_NOOP("Period", "Hari ini saja"),
    Period.OVERDUE: QT_TRANSLATE_NOOP("Period", "Yang terlambat saja"),
    Period.WEEK: QT_TRANSLATE_NOOP("Period", "Minggu ini (termasuk yang terlambat)"),
}


def week_end(today: date) -> date:
    """The Sunday ending today's week (Indonesian weeks start on Monday)."""
    return today + timedelta(days=6 - today.weekday())


def range_for(period: Period, today: date) -> tuple[date | None, date]:
    """(first revisit date or None for no lower bound, last revisit date) of a period."""
    if period is Period.TODAY:
        return today, today
    if period is Period.OVERDUE:
        return None, today - timedelta(days=1)
    if period is Period.WEEK:
        return None, week_end(today)
    return None, today


@dataclass(frozen=True)
class AgendaFilter:
    """Which revisits the agenda lists. Empty fields filter nothing.

    `post` is a post's id or its name; `helper_nip` the NIP of the helper who made the
    latest visit; `rt`/`rw` are matched as stored (three digits, "3" means "003").
    """

    until: date
    since: date | None = None
    kelurahan_code: str = ""
    post: str = ""
    helper_nip: str = ""
    rw: str = ""
    rt: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "dari": self.since.isoformat() if self.since else "",
            "sampai": self.until.isoformat(),
            "kelurahan": self.kelurahan_code,
            "posko": self.post,
            "petugas": self.helper_nip,
            "rw": self.rw,
            "rt": self.rt,
        }


def rt_rw_code(text: str) -> str:
    """'3' -> '003' as RT/RW are stored; '' stays ''; anything else is kept as typed."""
    digits = text.strip()
    if digits.isascii() and digits.isdigit() and len(digits) <= 3:
        return digits.zfill(3)
    return digits


@dataclass(frozen=True)
class AgendaLine:
    """One household to visit again, as the signed-in account may see it."""

    household_id: str
    head_name: str
    no_kk: str  # masked unless the account may see it (the documents always mask)
    head_nik: str  # likewise
    kelurahan_code: str
    kelurahan_label: str
    address: str
    rt: str
    rw: str
    members: int
    outcome: Outcome
    failure_reason: FailureReason | None
    failure_note: str
    note: str
    revisit_date: date
    last_visit_at: datetime  # local time
    visits: int
    helper_name: str
    helper_nip: str
    post_id: str
    post_name: str
    numbers_hidden: bool

    def overdue(self, today: date) -> bool:
        return self.revisit_date < today

    def days_late(self, today: date) -> int:
        return max(0, (today - self.revisit_date).days)

    @property
    def reason_text(self) -> str:
        """Why it is still open: the failure reason and note, or the visit's note."""
        if self.failure_reason is not None:
            label = self.failure_reason.label
            return f"{label}: {self.failure_note}" if self.failure_note else label
        return self.failure_note or self.note
