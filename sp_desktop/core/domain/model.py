"""The records a helper keeps: helpers (ASN), posts, households and visits.

Every record has a stable UUID, created/updated timestamps (UTC, ISO 8601) and the id of
the installation that wrote it, so that later sync can merge data from many PCs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from sp_desktop.core.base import clock
from sp_desktop.core.base.i18n import QT_TRANSLATE_NOOP
from sp_desktop.core.domain.identifiers import mask_number


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> str:
    """A sortable UTC timestamp: 2026-11-20T23:30:00.123456Z."""
    return clock.utc_now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def to_utc_text(moment: datetime) -> str:
    """A naive datetime is taken as the PC's local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_utc_text(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


class LabelledEnum(StrEnum):
    """A code stored in the data, with its label in Bahasa Indonesia.

    The label's Qt translation context is the class name (see `QT_TRANSLATE_NOOP` below).
    """

    @property
    def label(self) -> str:
        return LABELS[type(self).__name__][self.value]


class Outcome(LabelledEnum):
    BERHASIL = "berhasil"
    GAGAL = "gagal"
    BELUM = "belum"


class FailureReason(LabelledEnum):
    """Why SP Online failed, from what helpers met in the field (field-notes.md)."""

    NIK_KK_TIDAK_SESUAI = "nik_kk_tidak_sesuai"
    SITUS_SIBUK = "situs_sibuk"
    CAPTCHA = "captcha"
    TIDAK_ADA_KONEKSI = "tidak_ada_koneksi"
    DATA_TIDAK_COCOK = "data_tidak_cocok"
    LUPA_KATA_SANDI = "lupa_kata_sandi"
    LAINNYA = "lainnya"


class HelpReason(LabelledEnum):
    """Why the household needed a helper."""

    TIDAK_PUNYA_ANDROID = "tidak_punya_android"
    TIDAK_ADA_INTERNET = "tidak_ada_internet"
    KURANG_PAHAM_TEKNOLOGI = "kurang_paham_teknologi"
    LANSIA = "lansia"
    DISABILITAS = "disabilitas"
    LAINNYA = "lainnya"


LABELS: dict[str, dict[str, str]] = {
    "Outcome": {
        "berhasil": QT_TRANSLATE_NOOP("Outcome", "Berhasil"),
        "gagal": QT_TRANSLATE_NOOP("Outcome", "Gagal"),
        "belum": QT_TRANSLATE_NOOP("Outcome", "Belum"),
    },
    "FailureReason": {
        "nik_kk_tidak_sesuai": QT_TRANSLATE_NOOP("FailureReason", "NIK dan KK tidak sesuai"),
        "situs_sibuk": QT_TRANSLATE_NOOP("FailureReason", "Situs sibuk / tidak bisa dibuka"),
        "captcha": QT_TRANSLATE_NOOP("FailureReason", "Captcha gagal"),
        "tidak_ada_koneksi": QT_TRANSLATE_NOOP("FailureReason", "Tidak ada koneksi internet"),
        "data_tidak_cocok": QT_TRANSLATE_NOOP("FailureReason", "Data tidak cocok"),
        "lupa_kata_sandi": QT_TRANSLATE_NOOP(
            "FailureReason", "Lupa kata sandi / pertanyaan keamanan"
        ),
        "lainnya": QT_TRANSLATE_NOOP("FailureReason", "Lainnya"),
    },
    "HelpReason": {
        "tidak_punya_android": QT_TRANSLATE_NOOP("HelpReason", "Tidak punya HP Android"),
        "tidak_ada_internet": QT_TRANSLATE_NOOP("HelpReason", "Tidak ada internet"),
        "kurang_paham_teknologi": QT_TRANSLATE_NOOP("HelpReason", "Kurang paham teknologi"),
        "lansia": QT_TRANSLATE_NOOP("HelpReason", "Lanjut usia"),
        "disabilitas": QT_TRANSLATE_NOOP("HelpReason", "Disabilitas"),
        "lainnya": QT_TRANSLATE_NOOP("HelpReason", "Lainnya"),
    },
}


@dataclass
class Helper:
    """An ASN who helps households."""

    nip: str
    name: str
    opd: str = ""
    phone: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""
    origin: str = ""


@dataclass
class Post:
    """A community post (posko) or office where helping happens."""

    name: str
    kelurahan_code: str
    address: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""
    origin: str = ""


@dataclass
class Household:
    no_kk: str
    head_name: str
    head_nik: str
    kelurahan_code: str
    address: str = ""
    rt: str = ""
    rw: str = ""
    members: int = 1
    phone: str = ""
    help_reason: HelpReason = HelpReason.TIDAK_PUNYA_ANDROID
    help_note: str = ""
    consent: bool = False
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""
    origin: str = ""
    # Derived from the visits, kept in the row so lists filter and count fast.
    latest_outcome: Outcome | None = None
    latest_visit_at: str = ""
    visit_count: int = 0
    created_by: str = ""  # account id of whoever entered it
    consent_at: str = ""  # UTC, when consent was first recorded
    erased_at: str = ""  # UTC, when its personal data was erased (consent withdrawn, retention)
    # Derived: the post and helper of the latest visit (the dashboard counts by them).
    latest_post_id: str = ""
    latest_helper_id: str = ""
    # Not stored: True when the signed-in account may not see this household's full
    # numbers, which then arrive masked and are kept as stored on save.
    numbers_hidden: bool = False


@dataclass
class Visit:
    household_id: str
    helper_id: str
    post_id: str
    visited_at: str  # UTC, see to_utc_text
    outcome: Outcome
    failure_reason: FailureReason | None = None
    failure_note: str = ""
    revisit_date: date | None = None
    note: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""
    origin: str = ""
    created_by: str = ""


@dataclass
class Account:
    """A helper who may sign in, with a role. The password lives only in a key slot."""

    helper_id: str
    role: str  # permissions.Role value
    active: bool = True
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""
    origin: str = ""
    # From the helper record, for display (not columns of the accounts table).
    nip: str = ""
    name: str = ""

    def label(self) -> str:
        """'Name (1985************01)': how the audit trail and messages name an account."""
        return f"{self.name} ({mask_number(self.nip)})"


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    """What the household list shows: one row, personal numbers included (masked by the UI)."""

    pk: int
    id: str
    no_kk: str
    head_name: str
    head_nik: str
    kelurahan_code: str
    rt: str
    rw: str
    latest_outcome: Outcome | None
    latest_visit_at: str
    visit_count: int
    numbers_hidden: bool = False
    erased: bool = False


@dataclass(frozen=True)
class HouseholdQuery:
    """What the household list is filtered by. Empty fields filter nothing."""

    text: str = ""
    outcome: Outcome | None = None
    # "none" (no visit yet) is a filter value too: households registered but never visited.
    no_visit: bool = False
    kelurahan_code: str = ""
    # Still open (latest visit Belum or Gagal) with a revisit date on or before this day.
    revisit_until: date | None = None


@dataclass(frozen=True)
class ProofFile:
    """A household's proof of completion ("bukti pengisian") attached to a visit."""

    id: str
    visit_id: str
    household_id: str
    filename: str
    media_type: str  # application/pdf, image/jpeg, image/png
    size: int
    sha256: str
    created_at: str
    created_by: str
    erased_at: str = ""
