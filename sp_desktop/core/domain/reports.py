"""What the printed and exported documents contain, as plain data.

Storage fills these (masking numbers for roles that may not see them); the PDF and
spreadsheet writers only lay them out. Keeping the two apart lets the writers be tested
on hand-made data and the figures be checked against the database on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sp_desktop.core.domain.model import FailureReason, HelpReason, Outcome


@dataclass(frozen=True)
class ReportFilter:
    """Which visits a document covers. Empty fields filter nothing.

    A visit is in scope when its local date is within [date_from, date_to] and it was
    made at that post, by that helper, for a household in that kelurahan. A household is
    in scope when at least one of its visits is; its status is that of its latest visit
    up to date_to (whoever made it), because that is what BPS needs to know.
    """

    date_from: date | None = None
    date_to: date | None = None
    kelurahan_code: str = ""
    post_name: str = ""
    helper_nip: str = ""

    @property
    def restricts_visits(self) -> bool:
        """True when households without any visit fall outside the scope."""
        return bool(self.date_from or self.date_to or self.post_name or self.helper_nip)

    def as_dict(self) -> dict[str, str]:
        return {
            "dari": self.date_from.isoformat() if self.date_from else "",
            "sampai": self.date_to.isoformat() if self.date_to else "",
            "kelurahan": self.kelurahan_code,
            "posko": self.post_name,
            "petugas": self.helper_nip,
        }


@dataclass(frozen=True)
class VisitLine:
    """One visit with its household, helper and post, as the signed-in account may see it."""

    visit_id: str
    visited_at: datetime  # local time
    outcome: Outcome
    failure_reason: FailureReason | None
    failure_note: str
    revisit_date: date | None
    note: str
    helper_name: str
    helper_nip: str
    post_name: str
    household_id: str
    no_kk: str  # masked ("5271**********04") unless the account may see it
    head_nik: str  # likewise
    head_name: str
    kelurahan_code: str
    kelurahan_label: str  # "Kelurahan Ampenan Selatan, Kec. Ampenan, Kota Mataram"
    address: str
    rt: str
    rw: str
    members: int
    help_reason: HelpReason
    numbers_hidden: bool
    erased: bool  # personal data erased (consent withdrawn / retention): fields are empty
    proof_files: int  # how many "bukti pengisian" files are attached
    post_kelurahan_label: str = ""  # where the post is (may differ from the household's)


@dataclass(frozen=True)
class HouseholdLine:
    """One household in scope with its status as of the end of the period."""

    household_id: str
    no_kk: str
    head_nik: str
    head_name: str
    kelurahan_code: str
    kelurahan_label: str
    address: str
    rt: str
    rw: str
    members: int
    help_reason: HelpReason
    status: Outcome | None  # None: registered but never visited
    last_visit_at: datetime | None  # local time
    failure_reason: FailureReason | None  # of the latest visit
    revisit_date: date | None  # of the latest visit
    visits: int  # visits in scope
    numbers_hidden: bool
    erased: bool

    @property
    def needs_interview(self) -> bool:
        """Still needs an SP Wawancara visit: not (yet) completed online."""
        return self.status is not Outcome.BERHASIL


@dataclass(frozen=True)
class KelurahanTotals:
    code: str
    label: str
    households: int
    berhasil: int
    gagal: int
    belum: int  # latest visit "belum", or never visited
    visits: int


@dataclass(frozen=True)
class DocumentHeader:
    """Who issued a document and for what; printed at the top and in the manifest."""

    office: str
    office_kelurahan: str  # label
    scope_text: str  # "Semua data" / "Kelurahan …, Posko …, Petugas …"
    period_text: str  # "1 Maret 2020 – 31 Maret 2020" or "Semua tanggal"
    generated_at: datetime  # local time
    generated_by: str  # "Nama (NIP masked)"
    key_fingerprint: str  # "ABCD-EFGH-JKLM-NOPQ"
    # The office's newest signed point of its audit trail ("#1234 · 3f9a1c2e…c2e1"), so a
    # printed recap vouches for how far the trail had reached (trust/audit.py Witness).
    audit_witness: str = ""


@dataclass
class RecapData:
    header: DocumentHeader
    filter: ReportFilter
    visits_by_outcome: dict[Outcome, int]  # every attempt counts
    households_by_status: dict[Outcome | None, int]  # None: never visited
    failures_by_reason: dict[FailureReason, int]  # visits with outcome gagal, by reason
    by_kelurahan: list[KelurahanTotals]
    # Households not (yet) completed online, in kelurahan / RW / RT / name order.
    needing_interview: list[HouseholdLine] = field(default_factory=list)
    content_hash: str = ""  # sha256 hex of the canonical figures, set by the builder

    @property
    def households(self) -> int:
        return sum(self.households_by_status.values())

    @property
    def visits(self) -> int:
        return sum(self.visits_by_outcome.values())


@dataclass(frozen=True)
class SlipData:
    """One "Bukti Pendampingan SP Online" slip, everything already formatted or masked."""

    office: str
    post_name: str
    post_kelurahan_label: str
    helper_name: str
    helper_nip: str
    head_name: str
    kk_masked: str
    nik_masked: str
    address_lines: list[str]  # street; "RT 001 / RW 002"; kelurahan label
    visited_at: datetime  # local time
    outcome: Outcome
    failure_reason: FailureReason | None
    failure_note: str
    revisit_date: date | None
    help_reason: HelpReason
    qr_text: str  # signing.slip_qr_text(...)
    short_code: str  # signing.short_code(qr_text)
    key_fingerprint: str
    erased: bool = False
