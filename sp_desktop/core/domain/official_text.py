"""Dates and numbers as official BPS documents write them: always Indonesian.

Slips, recaps, the handover, the evaluation, the agenda list and the security sheets are
read by BPS and kept on paper, so they stay Indonesian whatever language the window or the
command line speaks. They import their formatting from here, never from `text` directly
(tests/unit/test_text_language.py checks that), so a progress message raised while a
document is built still follows the person's language.
"""

from __future__ import annotations

from datetime import date, datetime

from sp_desktop.core.domain import text
from sp_desktop.core.domain.text import DAYS, MONTHS, MONTHS_SHORT, local, numeric_date_text

__all__ = [
    "DAYS",
    "MONTHS",
    "MONTHS_SHORT",
    "date_text",
    "datetime_text",
    "day_date_text",
    "day_datetime_text",
    "format_count",
    "local",
    "numeric_date_text",
    "percent_text",
    "short_date_text",
    "time_text",
]

ID = "id"


def format_count(value: int) -> str:
    """1234567 -> '1.234.567'."""
    return text.format_count(value, language=ID)


def percent_text(part: int, whole: int) -> str:
    """(1, 8) -> '12,5%'; '–' when there is nothing to divide."""
    return text.percent_text(part, whole, language=ID)


def date_text(value: date) -> str:
    """date(2026, 11, 21) -> '21 November 2026'."""
    return text.date_text(value, language=ID)


def short_date_text(value: date) -> str:
    """date(2026, 11, 21) -> '21 Nov 2026'."""
    return text.short_date_text(value, language=ID)


def day_date_text(value: date) -> str:
    """date(2026, 11, 21) -> 'Sabtu, 21 November 2026'."""
    return text.day_date_text(value, language=ID)


def time_text(value: datetime) -> str:
    """-> '09.15'."""
    return text.time_text(value, language=ID)


def datetime_text(value: datetime) -> str:
    """-> '21 November 2026, 09.15'."""
    return text.datetime_text(value, language=ID)


def day_datetime_text(value: datetime) -> str:
    """-> 'Sabtu, 21 November 2026, 09.15'."""
    return text.day_datetime_text(value, language=ID)
