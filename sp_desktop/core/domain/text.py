"""Indonesian number and date formatting shared by the command line and the window."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_SHORT = (
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def format_count(value: int) -> str:
    """1234567 -> '1.234.567' (Indonesian thousands separator)."""
    return f"{value:,}".replace(",", ".")


def local_datetime_text(utc_text: str) -> str:
    """A stored UTC timestamp shown in the PC's local time: '15/03/2020 10:05'."""
    if not utc_text:
        return ""
    from sp_desktop.core.domain.model import (
        from_utc_text,  # not at the top: the command line's start
    )

    return from_utc_text(utc_text).astimezone().strftime("%d/%m/%Y %H:%M")


def local_date_text(utc_text: str) -> str:
    """The local calendar day of a stored UTC timestamp: '15/03/2020'."""
    return local_datetime_text(utc_text)[:10]


def numeric_date_text(value: date | None) -> str:
    """date(2026, 11, 21) -> '21/11/2026' (table cells, where the long form does not fit)."""
    return value.strftime("%d/%m/%Y") if value else ""


# Dates as Indonesian documents and screens write them.


def local(value: datetime) -> datetime:
    """Naive values are already local; aware ones (e.g. UTC from storage) are shown as the
    PC's wall clock, which is what the person holding the paper saw."""
    return value.astimezone() if value.tzinfo is not None else value


def date_text(value: date) -> str:
    """date(2026, 11, 21) -> '21 November 2026'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def short_date_text(value: date) -> str:
    """date(2026, 11, 21) -> '21 Nov 2026' (table columns)."""
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {value.year}"


def day_date_text(value: date) -> str:
    """date(2026, 11, 21) -> 'Sabtu, 21 November 2026'."""
    return f"{DAYS[value.weekday()]}, {date_text(value)}"


def datetime_text(value: datetime) -> str:
    """-> '21 November 2026, 09.15' (Indonesian style: a dot between hours and minutes)."""
    value = local(value)
    return f"{date_text(value)}, {value:%H.%M}"


def day_datetime_text(value: datetime) -> str:
    """-> 'Sabtu, 21 November 2026, 09.15'."""
    value = local(value)
    return f"{day_date_text(value)}, {value:%H.%M}"


def percent_text(part: int, whole: int) -> str:
    """(1, 8) -> '12,5%'; '–' when there is nothing to divide."""
    if whole <= 0:
        return "–"
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%"
