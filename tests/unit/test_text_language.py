"""Dates and numbers follow the program's language (sp_desktop.core.domain.text), while
official BPS documents stay Indonesian whatever it is (sp_desktop.core.domain.official_text)."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from factories import make_household, make_visit
from readback import flat, needs_tools, pdf_text
from translation_support import ensure_compiled

from sp_desktop.core.base import clock, i18n
from sp_desktop.core.documents import issuing
from sp_desktop.core.domain import official_text, text
from sp_desktop.core.domain.model import FailureReason, Helper, Outcome, Post
from sp_desktop.core.domain.reports import ReportFilter
from sp_desktop.core.security.installation import Installation

ROOT = Path(__file__).resolve().parents[2]
TUESDAY = date(2020, 3, 3)
MORNING = datetime(2020, 3, 3, 9, 15)
AUGUST = date(2020, 8, 17)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue() -> None:
    ensure_compiled()


def test_indonesian_dates_and_numbers_are_unchanged() -> None:
    assert i18n.language() == "id"
    assert text.date_text(TUESDAY) == "3 Maret 2020"
    assert text.short_date_text(AUGUST) == "17 Agu 2020"
    assert text.day_date_text(TUESDAY) == "Selasa, 3 Maret 2020"
    assert text.datetime_text(MORNING) == "3 Maret 2020, 09.15"
    assert text.day_datetime_text(MORNING) == "Selasa, 3 Maret 2020, 09.15"
    assert text.format_count(1234567) == "1.234.567"
    assert text.percent_text(7, 9) == "77,8%"
    assert text.percent_text(1, 0) == "–"
    assert text.short_month_name(12) == "Des"


def test_english_dates_and_numbers(english: None) -> None:
    assert text.date_text(TUESDAY) == "3 March 2020"
    assert text.short_date_text(AUGUST) == "17 Aug 2020"
    assert text.short_date_text(TUESDAY) == "3 Mar 2020"
    assert text.day_date_text(TUESDAY) == "Tuesday, 3 March 2020"
    assert text.datetime_text(MORNING) == "3 March 2020, 09:15"
    assert text.day_datetime_text(MORNING) == "Tuesday, 3 March 2020, 09:15"
    assert text.format_count(1234567) == "1,234,567"
    assert text.format_count(999) == "999"
    assert text.percent_text(7, 9) == "77.8%"
    assert text.percent_text(1, 0) == "–"
    assert text.short_month_name(12) == "Dec"
    # Table cells keep the day-first numeric form in both languages.
    assert text.numeric_date_text(TUESDAY) == "03/03/2020"


def test_back_in_indonesian_after_english() -> None:
    i18n.set_language("en")
    try:
        assert text.date_text(TUESDAY) == "3 March 2020"
    finally:
        i18n.set_language("id")
    assert text.date_text(TUESDAY) == "3 Maret 2020"
    assert text.format_count(1234) == "1.234"


def test_an_explicit_language_wins_over_the_setting(english: None) -> None:
    assert text.date_text(TUESDAY, language="id") == "3 Maret 2020"
    assert text.format_count(1234, language="id") == "1.234"
    with i18n.indonesian():
        assert text.date_text(TUESDAY) == "3 Maret 2020"
    assert text.date_text(TUESDAY) == "3 March 2020"


def test_official_text_is_indonesian_while_the_program_speaks_english(english: None) -> None:
    assert official_text.date_text(TUESDAY) == "3 Maret 2020"
    assert official_text.short_date_text(AUGUST) == "17 Agu 2020"
    assert official_text.day_date_text(TUESDAY) == "Selasa, 3 Maret 2020"
    assert official_text.datetime_text(MORNING) == "3 Maret 2020, 09.15"
    assert official_text.day_datetime_text(MORNING) == "Selasa, 3 Maret 2020, 09.15"
    assert official_text.format_count(1234567) == "1.234.567"
    assert official_text.percent_text(7, 9) == "77,8%"
    assert official_text.DAYS[TUESDAY.weekday()] == "Selasa"


def test_documents_take_their_formats_from_official_text() -> None:
    """A document module that imported `text` would print English dates in an English window.
    (verification.py is not a document: its verdicts are messages in the person's language.)"""
    modules = [
        *sorted((ROOT / "sp_desktop/core/documents").glob("*.py")),
        ROOT / "sp_desktop/core/security/security_documents.py",
    ]
    wrong = [
        path.name
        for path in modules
        if path.name != "verification.py"
        and re.search(r"core\.domain(\.text\b| import .*\btext\b)", path.read_text("utf-8"))
    ]
    assert wrong == []


@needs_tools
def test_the_recap_and_slip_made_in_english_keep_indonesian_dates_and_numbers(
    installation: Installation, people: tuple[Helper, Post], tmp_path: Path, english: None
) -> None:
    helper, post = people
    storage = installation.storage
    visit_ids = []
    for serial, outcome in enumerate((Outcome.BERHASIL, Outcome.GAGAL, Outcome.BELUM), 1):
        household = make_household(serial, name=f"Kepala Keluarga {'ABC'[serial - 1]}")
        failure = FailureReason.CAPTCHA if outcome is Outcome.GAGAL else None
        when = datetime(2020, 3, 3, 9, 30)
        visit = make_visit(household, helper, post, outcome, when=when, failure_reason=failure)
        storage.save_household(household, visit)
        visit_ids.append(visit.id)
    with clock.pinned(MORNING):
        report = ReportFilter(date_from=date(2020, 3, 1), date_to=date(2020, 3, 31))
        recap = issuing.write_recap(storage, report, tmp_path / "rekap.pdf")
        slip = issuing.write_slips(storage, visit_ids[:1], tmp_path / "bukti.pdf")
    recap_text = flat(pdf_text(recap.path, layout=True))
    for indonesian in ("1 Maret 2020 – 31 Maret 2020", "3 Maret 2020, 09.15", "33,3%"):
        assert indonesian in recap_text, indonesian
    for english_text in ("March", "09:15", "33.3%"):
        assert english_text not in recap_text, english_text
    slip_text = flat(pdf_text(slip.path))
    assert "Selasa, 3 Maret 2020, 09.30" in slip_text, slip_text
    assert "Tuesday" not in slip_text and "March" not in slip_text
    # The same moment in the window's words.
    assert text.day_datetime_text(datetime(2020, 3, 3, 9, 30)) == "Tuesday, 3 March 2020, 09:30"
