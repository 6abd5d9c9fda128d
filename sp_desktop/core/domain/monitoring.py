"""Monitoring the city's own ASN staff and the households their helpers assisted.

Every office (OPD) head must know how many of their staff completed SP Online (sudah),
failed (gagal) or have not yet (belum), against a target (80% unless set otherwise), and
the city evaluates that every two weeks (field-notes.md). These are the records and the
figures; storage.py computes them, the dashboard, `sp-desktop stats` and the evaluation
documents show them. Pure, no I/O.

A staff member's status is the latest of their status updates (like a household's latest
outcome is that of its latest visit): updates are never edited, so two PCs recording a
status for the same person never conflict at sync, and the status on any past date is
known, which is what the evaluation compares.
"""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sp_desktop.core.base.i18n import QT_TRANSLATE_NOOP
from sp_desktop.core.domain.model import new_id

DEFAULT_TARGET_PERCENT = 80
EVALUATION_DAYS = 14
MAX_REASON = 500
MAX_NAME = 200  # an OPD's or unit's name
EARLIEST_STATUS_DATE = date(2020, 1, 1)
# A staff member's record id comes from their NIP: the same person imported from the same
# roster on two PCs is then one record at sync (a conflict at worst), never two people.
_STAFF_NAMESPACE = uuid.UUID("6f1d3c0e-2b0c-4c55-9a55-5350d0e20206")
_TARGET_NAMESPACE = uuid.UUID("0b7a6f43-8d52-4a5e-8f40-5350d0e20206")
_SPACES = re.compile(r"\s+")


class StaffStatus:
    """SP Online status of an ASN (codes stored in the data)."""

    SUDAH = "sudah"
    GAGAL = "gagal"
    BELUM = "belum"
    ALL = ("sudah", "gagal", "belum")


STATUS_LABELS = {
    "sudah": QT_TRANSLATE_NOOP("StaffStatus", "Sudah"),
    "gagal": QT_TRANSLATE_NOOP("StaffStatus", "Gagal"),
    "belum": QT_TRANSLATE_NOOP("StaffStatus", "Belum"),
}


class TargetScope:
    OPD = "opd"
    KELURAHAN = "kelurahan"


def normalise_opd(name: str) -> str:
    """An office name as typed in a roster: stray spaces removed (case is kept; matching
    is case-insensitive in the database)."""
    return _SPACES.sub(" ", name).strip()


def staff_id_for_nip(nip: str) -> str:
    return str(uuid.uuid5(_STAFF_NAMESPACE, nip))


def target_id(scope: str, key: str) -> str:
    """One target per OPD (case-insensitive) or kelurahan, whichever PC sets it."""
    return str(uuid.uuid5(_TARGET_NAMESPACE, f"{scope}:{key.casefold()}"))


def target_count(total: int, percent: int) -> int:
    """How many of `total` staff make `percent`: rounded up (80% of 11 is 9, not 8.8)."""
    return math.ceil(total * percent / 100) if total else 0


def is_below_target(done: int, target: int) -> bool:
    """Fewer have completed (staff sudah, households berhasil) than the target asks."""
    return done < target


def shortfall(done: int, target: int) -> int:
    """How many more must complete to reach the target; 0 once it is met."""
    return max(0, target - done)


def percent_of(part: int, total: int) -> float:
    return 100.0 * part / total if total else 0.0


def points_change(current: StaffCounts, previous: StaffCounts) -> float | None:
    """Change of the share sudah in percentage points; None when either end has no staff
    (a roster imported during the period is no change from 0%)."""
    if not current.total or not previous.total:
        return None
    return current.percent("sudah") - previous.percent("sudah")


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before [start, end]."""
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)


def default_period(today: date) -> tuple[date, date]:
    """The last 14 days, today included."""
    return today - timedelta(days=EVALUATION_DAYS - 1), today


# -- records --------------------------------------------------------------------------


@dataclass
class Staff:
    """An ASN on an office's roster. Status fields are derived from their updates."""

    nip: str
    name: str
    opd: str
    unit: str = ""
    active: bool = True
    id: str = ""  # staff_id_for_nip(nip) when created
    created_at: str = ""
    updated_at: str = ""
    origin: str = ""
    created_by: str = ""
    # Derived (latest update), local: not part of the synced record.
    status: str = StaffStatus.BELUM
    status_date: date | None = None
    status_reason: str = ""
    proof_count: int = 0


@dataclass
class StaffUpdate:
    """One SP Online status recorded for one staff member, as of `status_date`."""

    staff_id: str
    status: str
    status_date: date
    reason: str = ""  # why it failed (gagal); may note anything otherwise
    id: str = field(default_factory=new_id)
    created_at: str = ""
    created_by: str = ""
    origin: str = ""


@dataclass(frozen=True)
class StaffProofFile:
    """A staff member's own proof of completion, kept with the update that recorded Sudah."""

    id: str
    update_id: str
    staff_id: str
    filename: str
    media_type: str
    size: int
    sha256: str
    created_at: str
    created_by: str


@dataclass(frozen=True)
class StaffQuery:
    """What the staff list is filtered by. Empty fields filter nothing."""

    text: str = ""  # part of a name or NIP
    opd: str = ""
    status: str = ""
    include_inactive: bool = False


@dataclass(frozen=True)
class Target:
    scope: str  # TargetScope
    key: str  # OPD name or kelurahan code
    value: int  # percent of ASN (OPD) or households berhasil (kelurahan)
    deadline: date | None = None


@dataclass(frozen=True)
class RosterImportResult:
    added: int
    updated: int
    unchanged: int
    reactivated: int = 0


# -- figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffCounts:
    sudah: int = 0
    gagal: int = 0
    belum: int = 0

    @property
    def total(self) -> int:
        return self.sudah + self.gagal + self.belum

    def percent(self, status: str) -> float:
        return percent_of(getattr(self, status), self.total)

    def plus(self, other: StaffCounts) -> StaffCounts:
        return StaffCounts(
            self.sudah + other.sudah, self.gagal + other.gagal, self.belum + other.belum
        )


@dataclass(frozen=True)
class OpdProgress:
    """One office's staff against its target."""

    opd: str
    counts: StaffCounts
    target_percent: int = DEFAULT_TARGET_PERCENT
    deadline: date | None = None

    @property
    def target_count(self) -> int:
        return target_count(self.counts.total, self.target_percent)

    @property
    def below_target(self) -> bool:
        return is_below_target(self.counts.sudah, self.target_count)

    @property
    def short_of_target(self) -> int:
        return shortfall(self.counts.sudah, self.target_count)


@dataclass(frozen=True)
class HouseholdCounts:
    berhasil: int = 0
    gagal: int = 0
    belum: int = 0
    tanpa_kunjungan: int = 0  # registered, not visited yet

    @property
    def assisted(self) -> int:
        return self.berhasil + self.gagal + self.belum

    @property
    def total(self) -> int:
        return self.assisted + self.tanpa_kunjungan


@dataclass(frozen=True)
class KelurahanProgress:
    code: str
    name: str
    counts: HouseholdCounts
    target: int | None = None  # households berhasil; None: no target set
    deadline: date | None = None

    @property
    def below_target(self) -> bool:
        return self.target is not None and is_below_target(self.counts.berhasil, self.target)

    @property
    def short_of_target(self) -> int | None:
        """None: no target set."""
        return None if self.target is None else shortfall(self.counts.berhasil, self.target)


@dataclass(frozen=True)
class GroupOutcomes:
    """Households assisted, by outcome, whose latest visit was at a post / by a helper."""

    key: str  # post or helper id
    label: str
    counts: HouseholdCounts


@dataclass(frozen=True)
class TrendPoint:
    day: date
    completed: int  # staff who completed SP Online that day (their current status)
    cumulative: int


@dataclass(frozen=True)
class Dashboard:
    as_of: date
    scope_opd: str | None  # None: every OPD (coordinator); else the OPD admin's office
    opds: tuple[OpdProgress, ...]
    kelurahan: tuple[KelurahanProgress, ...]
    posts: tuple[GroupOutcomes, ...]
    helpers: tuple[GroupOutcomes, ...]
    trend: tuple[TrendPoint, ...]

    @property
    def staff_total(self) -> StaffCounts:
        total = StaffCounts()
        for opd in self.opds:
            total = total.plus(opd.counts)
        return total

    @property
    def staff_target_count(self) -> int:
        """The sum of each office's own target: what the trend's target line shows."""
        return sum(opd.target_count for opd in self.opds)

    @property
    def laggards(self) -> tuple[OpdProgress, ...]:
        return tuple(opd for opd in self.opds if opd.below_target)


@dataclass(frozen=True)
class OpdComparison:
    opd: str
    current: StaffCounts
    previous: StaffCounts
    target_percent: int = DEFAULT_TARGET_PERCENT
    deadline: date | None = None

    @property
    def progress(self) -> OpdProgress:
        return OpdProgress(self.opd, self.current, self.target_percent, self.deadline)

    @property
    def sudah_change(self) -> int:
        return self.current.sudah - self.previous.sudah

    @property
    def percent_change(self) -> float | None:
        """Change of the share sudah, in percentage points (see points_change)."""
        return points_change(self.current, self.previous)


@dataclass(frozen=True)
class KelurahanComparison:
    code: str
    name: str
    current: HouseholdCounts
    previous: HouseholdCounts
    target: int | None = None
    deadline: date | None = None


@dataclass(frozen=True)
class Evaluation:
    """The two-weekly evaluation: the state at the end of a period against the end of the
    period before it (same length)."""

    start: date
    end: date
    previous_start: date
    previous_end: date
    office: str  # the installation's office name, for the heading
    scope_opd: str | None
    opds: tuple[OpdComparison, ...]
    kelurahan: tuple[KelurahanComparison, ...]
    created_at: str  # UTC

    @property
    def below_target(self) -> tuple[OpdComparison, ...]:
        return tuple(o for o in self.opds if o.progress.below_target)

    @property
    def current_total(self) -> StaffCounts:
        total = StaffCounts()
        for opd in self.opds:
            total = total.plus(opd.current)
        return total

    @property
    def previous_total(self) -> StaffCounts:
        total = StaffCounts()
        for opd in self.opds:
            total = total.plus(opd.previous)
        return total
