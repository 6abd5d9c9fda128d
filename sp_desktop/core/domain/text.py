"""Indonesian number and date formatting shared by the command line and the window."""

from __future__ import annotations

from datetime import date


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


def date_text(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
