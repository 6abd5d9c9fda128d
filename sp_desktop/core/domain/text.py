"""Number and date formatting shared by the command line and the window.

Every function writes the current language's style (`i18n.language()`): Indonesian
('3 Maret 2020', '1.234', '77,7%') or English ('3 March 2020', '1,234', '77.7%'). A caller
that must write Indonesian whatever the setting passes `language="id"`; official BPS
documents use sp_desktop.core.domain.official_text, which does that for every function.
"""

from __future__ import annotations

from datetime import date, datetime

from sp_desktop.core.base import i18n

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_SHORT = (
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_SHORT_EN = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _english(language: str | None) -> bool:
    """Whether to write English: `language` if given, else the program's current language."""
    return (i18n.normalise(language) or i18n.language()) == "en"


def format_count(value: int, *, language: str | None = None) -> str:
    """1234567 -> '1.234.567' (Indonesian thousands separator); '1,234,567' in English."""
    text = f"{value:,}"
    return text if _english(language) else text.replace(",", ".")


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


# Dates as documents and screens write them.


def local(value: datetime) -> datetime:
    """Naive values are already local; aware ones (e.g. UTC from storage) are shown as the
    PC's wall clock, which is what the person holding the paper saw."""
    return value.astimezone() if value.tzinfo is not None else value


def month_name(month: int, *, language: str | None = None) -> str:
    """11 -> 'November'; 3 -> 'Maret' ('March' in English)."""
    return (MONTHS_EN if _english(language) else MONTHS)[month - 1]


def short_month_name(month: int, *, language: str | None = None) -> str:
    """8 -> 'Agu' ('Aug' in English)."""
    return (MONTHS_SHORT_EN if _english(language) else MONTHS_SHORT)[month - 1]


def day_name(value: date, *, language: str | None = None) -> str:
    """date(2026, 11, 21) -> 'Sabtu' ('Saturday' in English)."""
    return (DAYS_EN if _english(language) else DAYS)[value.weekday()]


def date_text(value: date, *, language: str | None = None) -> str:
    """date(2026, 11, 21) -> '21 November 2026'; date(2020, 3, 3) -> '3 Maret 2020'
    ('3 March 2020' in English)."""
    return f"{value.day} {month_name(value.month, language=language)} {value.year}"


def short_date_text(value: date, *, language: str | None = None) -> str:
    """date(2026, 11, 21) -> '21 Nov 2026' (table columns); '3 Agu 2020' / '3 Aug 2020'."""
    return f"{value.day} {short_month_name(value.month, language=language)} {value.year}"


def day_date_text(value: date, *, language: str | None = None) -> str:
    """date(2026, 11, 21) -> 'Sabtu, 21 November 2026' ('Saturday, 21 November 2026')."""
    return f"{day_name(value, language=language)}, {date_text(value, language=language)}"


def time_text(value: datetime, *, language: str | None = None) -> str:
    """-> '09.15' (Indonesian style: a dot between hours and minutes); '09:15' in English."""
    return f"{value:%H:%M}" if _english(language) else f"{value:%H.%M}"


def datetime_text(value: datetime, *, language: str | None = None) -> str:
    """-> '21 November 2026, 09.15' ('21 November 2026, 09:15' in English)."""
    value = local(value)
    return f"{date_text(value, language=language)}, {time_text(value, language=language)}"


def day_datetime_text(value: datetime, *, language: str | None = None) -> str:
    """-> 'Sabtu, 21 November 2026, 09.15' ('Saturday, 21 November 2026, 09:15')."""
    value = local(value)
    return f"{day_date_text(value, language=language)}, {time_text(value, language=language)}"


def percent_text(part: int, whole: int, *, language: str | None = None) -> str:
    """(1, 8) -> '12,5%' ('12.5%' in English); '–' when there is nothing to divide."""
    if whole <= 0:
        return "–"
    number = f"{100 * part / whole:.1f}"
    return (number if _english(language) else number.replace(".", ",")) + "%"
