"""Parsing and composing NIK, No KK and NIP (no judgement: that is validation's job)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp_desktop.core.domain.identifiers import (
    KkParts,
    NikParts,
    NipParts,
    compose_kk,
    compose_nik,
    compose_nip,
    digits_only,
    mask_number,
    parse_kk,
    parse_nik,
    parse_nip,
)

TODAY = date(2024, 5, 15)

region6s = st.text(alphabet="0123456789", min_size=6, max_size=6)
# Dates whose two-digit year reads back as the same year on TODAY.
recent_dates = st.dates(min_value=date(TODAY.year - 99, 1, 1), max_value=TODAY)


def test_digits_only_strips_separators_and_keeps_everything_else() -> None:
    assert digits_only(" 5271.01-5208\u00a0850004 ") == "5271015208850004"
    assert digits_only("5271\u2013O1") == "5271O1"  # the letter O stays, validation rejects it
    assert digits_only("") == ""


def test_parse_nik_of_a_woman() -> None:
    parts = parse_nik("5271015208850004", today=TODAY)
    assert parts == NikParts(
        region6="527101", day_code=52, month=8, year2=85, serial=4, female=True,
        birth_date=date(1985, 8, 12),
    )  # fmt: skip


def test_parse_nik_of_a_man_accepts_separators() -> None:
    parts = parse_nik("5271 0112 0800 0001", today=TODAY)
    assert (parts.female, parts.birth_date, parts.serial) == (False, date(2000, 8, 12), 1)


def test_nik_century_gives_the_most_recent_birth_date_not_after_today() -> None:
    assert parse_nik("5271010101240001", today=TODAY).birth_date == date(2024, 1, 1)
    assert parse_nik("5271010101250001", today=TODAY).birth_date == date(1925, 1, 1)
    # Later this calendar year has not happened yet: a century earlier (a 99-year-old).
    assert parse_nik("5271011012240001", today=TODAY).birth_date == date(1924, 12, 10)


@pytest.mark.parametrize("nik", ["5271013002850001", "5271017202850001", "5271013513850001"])
def test_nik_birth_date_is_none_when_not_a_calendar_date(nik: str) -> None:
    assert parse_nik(nik, today=TODAY).birth_date is None


@pytest.mark.parametrize("bad", ["", "527101520885000", "52710152088500041", "527101520885000X"])
def test_parse_nik_rejects_wrong_shapes_without_echoing_them(bad: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_nik(bad, today=TODAY)
    assert not bad or bad not in str(caught.value)


def test_parse_nik_rejects_non_ascii_digits() -> None:
    with pytest.raises(ValueError):
        parse_nik("\u0665" * 16, today=TODAY)  # Arabic-Indic five: isdigit() but not 0-9


def test_parse_kk() -> None:
    assert parse_kk("5271010306150012", today=TODAY) == KkParts(
        region6="527101", issue_date=date(2015, 6, 3), serial=12
    )
    assert parse_kk("5271014306150012", today=TODAY).issue_date is None  # no +40 in a KK


def test_parse_nip() -> None:
    assert parse_nip("198504122010031001") == NipParts(
        birth_date=date(1985, 4, 12), appointment_year=2010, appointment_month=3, sex_digit=1,
        serial=1,
    )  # fmt: skip
    parts = parse_nip("198502302010132000")
    assert (parts.birth_date, parts.appointment_month, parts.sex_digit) == (None, 13, 2)
    with pytest.raises(ValueError):
        parse_nip("19850412201003100")


def test_compose_examples() -> None:
    assert compose_nik("527101", date(1985, 8, 12), True, 4) == "5271015208850004"
    assert compose_nik("52.71.01", date(2000, 8, 12), False, 1) == "5271011208000001"
    assert compose_kk("527101", date(2015, 6, 3), 12) == "5271010306150012"
    assert compose_nip(date(1985, 4, 12), date(2010, 3, 1), False, 1) == "198504122010031001"
    assert compose_nip(date(1990, 1, 2), date(2015, 12, 1), True, 999) == "199001022015122999"


@pytest.mark.parametrize(
    "call",
    [
        lambda: compose_nik("52710", date(1985, 1, 1), False, 1),
        lambda: compose_nik("527101", date(1985, 1, 1), False, 10000),
        lambda: compose_kk("5271AB", date(2015, 1, 1), 1),
        lambda: compose_kk("527101", date(2015, 1, 1), -1),
        lambda: compose_nip(date(1985, 1, 1), date(2010, 1, 1), False, 1000),
    ],
)
def test_compose_rejects_bad_parts(call: Callable[[], str]) -> None:
    with pytest.raises(ValueError):
        call()


def test_mask_number() -> None:
    assert mask_number("5271015208850004") == "5271**********04"
    assert mask_number("5271 0152 0885 0004") == "5271**********04"
    assert mask_number("198504122010031001") == "1985************01"
    assert mask_number("12345") == "*****"
    assert mask_number("") == ""
    assert mask_number("  ") == ""
    # Storage masks numbers a role may not see; masking again must not hide what is left.
    assert mask_number(mask_number("5271015208850004")) == "5271**********04"


@given(region6s, recent_dates, st.booleans(), st.integers(0, 9999))
def test_nik_round_trip(region6: str, birth: date, female: bool, serial: int) -> None:
    nik = compose_nik(region6, birth, female, serial)
    assert len(nik) == 16 and nik.isdigit()
    parts = parse_nik(nik, today=TODAY)
    assert parts == NikParts(
        region6=region6, day_code=birth.day + (40 if female else 0), month=birth.month,
        year2=birth.year % 100, serial=serial, female=female, birth_date=birth,
    )  # fmt: skip


@given(region6s, recent_dates, st.integers(1, 9999))
def test_female_nik_has_day_code_plus_40(region6: str, birth: date, serial: int) -> None:
    male, female = (compose_nik(region6, birth, sex, serial) for sex in (False, True))
    assert int(female[6:8]) == int(male[6:8]) + 40 == birth.day + 40
    assert female[:6] + female[8:] == male[:6] + male[8:]


@given(region6s, recent_dates, st.integers(0, 9999))
def test_kk_round_trip(region6: str, issued: date, serial: int) -> None:
    kk = compose_kk(region6, issued, serial)
    assert len(kk) == 16
    assert parse_kk(kk, today=TODAY) == KkParts(region6, issued, serial)


@given(
    st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
    st.booleans(),
    st.integers(0, 999),
)
def test_nip_round_trip(birth: date, appointment: date, female: bool, serial: int) -> None:
    nip = compose_nip(birth, appointment, female, serial)
    assert len(nip) == 18
    assert parse_nip(nip) == NipParts(
        birth, appointment.year, appointment.month, 2 if female else 1, serial
    )


@given(st.text(alphabet="0123456789", min_size=12, max_size=20))
def test_mask_hides_the_middle_and_keeps_the_length(number: str) -> None:
    masked = mask_number(number)
    assert len(masked) == len(number)
    assert masked[:4] == number[:4] and masked[-2:] == number[-2:]
    assert set(masked[4:-2]) == {"*"}


@given(st.text(alphabet="0123456789 ", max_size=11))
def test_mask_hides_short_numbers_entirely(number: str) -> None:
    assert set(mask_number(number)) <= {"*"}
