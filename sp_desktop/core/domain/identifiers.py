"""Parse and compose Indonesian identifiers: NIK, No KK and NIP.

Pure functions without region lookups or judgement; ``validation`` decides what is an
error. Layouts (field-notes.md, "Identifiers"):

- NIK, 16 digits: ``PPKKCC DDMMYY SSSS``; region6, birth date with day +40 for women,
  serial.
- No KK, 16 digits: ``PPKKCC DDMMYY SSSS``; region6, issue date (no +40), family serial.
- NIP, 18 digits: ``YYYYMMDD YYYYMM S NNN``; birth date, appointment (TMT CPNS) year and
  month, sex digit (1 man, 2 woman), serial.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sp_desktop.core.base import clock

NIK_LENGTH = 16
KK_LENGTH = 16
NIP_LENGTH = 18
FEMALE_DAY_OFFSET = 40
# Separators people type or paste: spaces (also no-break), dots and dashes of any kind.
_SEPARATORS = frozenset(".-\u2010\u2011\u2012\u2013\u2014\u2212")
# Masking keeps 4 + 2 digits visible only when at least half the number stays hidden.
_MASK_MIN_LENGTH = 12


def digits_only(value: str) -> str:
    """Drop spaces, dots and dashes; any other character stays so validation can reject it."""
    if value.isascii() and value.isdigit():
        return value  # the common case (a roster of 50,000 NIPs): nothing to drop
    return "".join(ch for ch in value if not ch.isspace() and ch not in _SEPARATORS)


def is_ascii_digits(value: str, length: int | None = None) -> bool:
    """True for "0"-"9" only (str.isdigit() also accepts "²" and Arabic-Indic digits)."""
    return value.isascii() and value.isdigit() and (length is None or len(value) == length)


def year_from_two_digits(year2: int, today: date) -> int:
    """The most recent year ending in ``year2`` that is not after ``today``'s year."""
    return today.year - (today.year - year2) % 100


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _require_digits(value: str, length: int, what: str) -> str:
    digits = digits_only(value)
    if not is_ascii_digits(digits, length):
        # The value itself stays out of the message: it is a personal number.
        raise ValueError(f"{what} harus {length} digit angka")
    return digits


@dataclass(frozen=True)
class NikParts:
    region6: str
    day_code: int  # as written: 01-31 for men, 41-71 for women
    month: int
    year2: int
    serial: int
    female: bool
    birth_date: date | None  # None if the digits are not a real calendar date


def parse_nik(nik: str, today: date | None = None) -> NikParts:
    """Split a 16-digit NIK; the century gives the most recent birth date not after ``today``."""
    digits = _require_digits(nik, NIK_LENGTH, "NIK")
    day_code, month, year2 = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    female = day_code > FEMALE_DAY_OFFSET
    day = day_code - FEMALE_DAY_OFFSET if female else day_code
    today = today or clock.today()
    year = year_from_two_digits(year2, today)
    birth = _date_or_none(year, month, day)
    if birth is not None and birth > today:
        # Born later in the calendar year, a century ago: the most recent plausible date.
        birth = _date_or_none(year - 100, month, day) or birth
    return NikParts(
        region6=digits[:6],
        day_code=day_code,
        month=month,
        year2=year2,
        serial=int(digits[12:]),
        female=female,
        birth_date=birth,
    )


@dataclass(frozen=True)
class KkParts:
    region6: str
    issue_date: date | None  # None if the digits are not a real calendar date
    serial: int


def parse_kk(kk: str, today: date | None = None) -> KkParts:
    """Split a 16-digit No KK; the century is the most recent year not after ``today``."""
    digits = _require_digits(kk, KK_LENGTH, "Nomor KK")
    year = year_from_two_digits(int(digits[10:12]), today or clock.today())
    return KkParts(
        region6=digits[:6],
        issue_date=_date_or_none(year, int(digits[8:10]), int(digits[6:8])),
        serial=int(digits[12:]),
    )


@dataclass(frozen=True)
class NipParts:
    birth_date: date | None  # None if the digits are not a real calendar date
    appointment_year: int
    appointment_month: int  # as written, may be outside 1-12
    sex_digit: int  # 1 man, 2 woman (as written)
    serial: int


def parse_nip(nip: str) -> NipParts:
    digits = _require_digits(nip, NIP_LENGTH, "NIP")
    return NipParts(
        birth_date=_date_or_none(int(digits[:4]), int(digits[4:6]), int(digits[6:8])),
        appointment_year=int(digits[8:12]),
        appointment_month=int(digits[12:14]),
        sex_digit=int(digits[14]),
        serial=int(digits[15:]),
    )


def _region6(region6: str) -> str:
    digits = digits_only(region6)  # "52.71.01" is accepted as well as "527101"
    if not is_ascii_digits(digits, 6):
        raise ValueError("kode wilayah harus 6 digit (kode kecamatan)")
    return digits


def _serial(serial: int, width: int) -> str:
    if not 0 <= serial < 10**width:
        raise ValueError(f"nomor urut harus 0 sampai {10**width - 1}")
    return f"{serial:0{width}d}"


def compose_nik(region6: str, birth_date: date, female: bool, serial: int) -> str:
    day = birth_date.day + (FEMALE_DAY_OFFSET if female else 0)
    return (
        f"{_region6(region6)}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
        f"{_serial(serial, 4)}"
    )


def compose_kk(region6: str, issue_date: date, serial: int) -> str:
    return f"{_region6(region6)}{issue_date:%d%m}{issue_date.year % 100:02d}{_serial(serial, 4)}"


def compose_nip(birth_date: date, appointment: date, female: bool, serial: int) -> str:
    # Years are formatted by hand: strftime("%Y") does not zero-pad years before 1000.
    return (
        f"{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}"
        f"{appointment.year:04d}{appointment.month:02d}{2 if female else 1}{_serial(serial, 3)}"
    )


def mask_number(value: str) -> str:
    """Show a NIK, No KK or NIP as "5271**********04": first 4 and last 2 characters.

    The one masking rule. Input shorter than 12 characters is masked entirely, so at least
    half of any number stays hidden; empty input gives "". A number that is already masked
    (storage masks for roles that may not see it) comes back unchanged.
    """
    if "*" in value:
        return value
    digits = digits_only(value)
    if len(digits) < _MASK_MIN_LENGTH:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 6) + digits[-2:]
