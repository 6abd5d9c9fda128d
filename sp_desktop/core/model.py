"""The records a helper keeps: helpers (ASN), posts, households and visits.

Every record has a stable UUID, created/updated timestamps (UTC, ISO 8601) and the id of
the installation that wrote it, so that later sync can merge data from many PCs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from sp_desktop.core.i18n import QT_TRANSLATE_NOOP


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> str:
    """A sortable UTC timestamp: 2026-11-20T23:30:00.123456Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def to_utc_text(moment: datetime) -> str:
    """A naive datetime is taken as the PC's local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_utc_text(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


class Outcome(StrEnum):
    BERHASIL = "berhasil"
    GAGAL = "gagal"
    BELUM = "belum"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.BERHASIL: QT_TRANSLATE_NOOP("Outcome", "Berhasil"),
    Outcome.GAGAL: QT_TRANSLATE_NOOP("Outcome", "Gagal"),
    Outcome.BELUM: QT_TRANSLATE_NOOP("Outcome", "Belum"),
}


class FailureReason(StrEnum):
    """Why SP Online failed, from what helpers met in the field (field-notes.md)."""

    NIK_KK_TIDAK_SESUAI = "nik_kk_tidak_sesuai"
    SITUS_SIBUK = "situs_sibuk"
    CAPTCHA = "captcha"
    TIDAK_ADA_KONEKSI = "tidak_ada_koneksi"
    DATA_TIDAK_COCOK = "data_tidak_cocok"
    LUPA_KATA_SANDI = "lupa_kata_sandi"
    LAINNYA = "lainnya"

    @property
    def label(self) -> str:
        return FAILURE_LABELS[self]


FAILURE_LABELS = {
    FailureReason.NIK_KK_TIDAK_SESUAI: QT_TRANSLATE_NOOP(
        "FailureReason", "NIK dan KK tidak sesuai"
    ),
    FailureReason.SITUS_SIBUK: QT_TRANSLATE_NOOP(
        "FailureReason", "Situs sibuk / tidak bisa dibuka"
    ),
    FailureReason.CAPTCHA: QT_TRANSLATE_NOOP("FailureReason", "Captcha gagal"),
    FailureReason.TIDAK_ADA_KONEKSI: QT_TRANSLATE_NOOP(
        "FailureReason", "Tidak ada koneksi internet"
    ),
    FailureReason.DATA_TIDAK_COCOK: QT_TRANSLATE_NOOP("FailureReason", "Data tidak cocok"),
    FailureReason.LUPA_KATA_SANDI: QT_TRANSLATE_NOOP(
        "FailureReason", "Lupa kata sandi / pertanyaan keamanan"
    ),
    FailureReason.LAINNYA: QT_TRANSLATE_NOOP("FailureReason", "Lainnya"),
}


class HelpReason(StrEnum):
    """Why the household needed a helper."""

    TIDAK_PUNYA_ANDROID = "tidak_punya_android"
    TIDAK_ADA_INTERNET = "tidak_ada_internet"
    KURANG_PAHAM_TEKNOLOGI = "kurang_paham_teknologi"
    LANSIA = "lansia"
    DISABILITAS = "disabilitas"
    LAINNYA = "lainnya"

    @property
    def label(self) -> str:
        return HELP_LABELS[self]


HELP_LABELS = {
    HelpReason.TIDAK_PUNYA_ANDROID: QT_TRANSLATE_NOOP("HelpReason", "Tidak punya HP Android"),
    HelpReason.TIDAK_ADA_INTERNET: QT_TRANSLATE_NOOP("HelpReason", "Tidak ada internet"),
    HelpReason.KURANG_PAHAM_TEKNOLOGI: QT_TRANSLATE_NOOP("HelpReason", "Kurang paham teknologi"),
    HelpReason.LANSIA: QT_TRANSLATE_NOOP("HelpReason", "Lanjut usia"),
    HelpReason.DISABILITAS: QT_TRANSLATE_NOOP("HelpReason", "Disabilitas"),
    HelpReason.LAINNYA: QT_TRANSLATE_NOOP("HelpReason", "Lainnya"),
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


@dataclass(frozen=True)
class HouseholdQuery:
    """What the household list is filtered by. Empty fields filter nothing."""

    text: str = ""
    outcome: Outcome | None = None
    # "none" (no visit yet) is a filter value too: households registered but never visited.
    no_visit: bool = False
    kelurahan_code: str = ""
