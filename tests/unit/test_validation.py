"""Validators: what is an error, what is a warning, and that messages never leak numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sp_desktop.core.domain.identifiers import compose_kk, compose_nik, compose_nip
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.domain.validation import (
    Finding,
    Severity,
    Validation,
    validate_kk,
    validate_nik,
    validate_nip,
    validate_phone,
    validate_rt_rw,
)

TODAY = date(2025, 3, 10)
# Region lookups load the index on first use; keep that out of Hypothesis's deadline.
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _kecamatan_codes() -> list[str]:
    return sorted({v.code[:8].replace(".", "") for v in region_index().villages_in("")})


kecamatan6 = st.sampled_from(_kecamatan_codes())
digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=40)


def codes(result: Validation) -> set[str]:
    return {finding.code for finding in result.findings}


def test_validation_properties() -> None:
    error = Finding(Severity.ERROR, "x.error", "salah")
    warning = Finding(Severity.WARNING, "x.warning", "aneh")
    assert Validation("1").ok and Validation("1").message == ""
    mixed = Validation("", (warning, error))
    assert not mixed.ok
    assert (mixed.errors, mixed.warnings, mixed.message) == ((error,), (warning,), "salah")
    only_warning = Validation("1", (warning,))
    assert only_warning.ok and only_warning.message == "aneh"
    assert Severity.ERROR == "error"


# --- NIK ------------------------------------------------------------------------------


def test_valid_nik() -> None:
    result = validate_nik("5271 0152 0885 0004", today=TODAY)
    assert result == Validation("5271015208850004", ())


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("", "nik.empty"),
        ("   ", "nik.empty"),
        ("52710152O8850004", "nik.chars"),
        ("527101520885000", "nik.length"),
        ("0000000000000000", "nik.zeros"),
        ("9971015208850004", "nik.province"),
        ("5271015213850004", "nik.month"),
    ],
)
def test_nik_errors(nik: str, code: str) -> None:
    result = validate_nik(nik, today=date(2024, 5, 1))
    assert not result.ok
    assert result.errors[0].code == code
    assert result.message == result.errors[0].message


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("5271990112850001", "nik.kecamatan"),  # 52.71.99 does not exist
        ("5271013512850001", "nik.day_code"),  # 35: neither a man's nor a woman's day
        ("5271017512850001", "nik.day_code"),  # 75
        ("5271010012850001", "nik.day_code"),  # 00
        ("5271013002850001", "nik.date"),  # 30 February
        ("5271017102850001", "nik.date"),  # a woman born 31 February
        ("5271010112850000", "nik.serial"),
    ],
)
def test_nik_warnings_still_allow_saving(nik: str, code: str) -> None:
    result = validate_nik(nik, today=TODAY)
    assert result.ok
    assert codes(result) == {code}
    assert result.value == nik
    assert result.message == result.warnings[0].message


def test_nik_with_a_historic_kecamatan_code_is_fine() -> None:
    # 91.01.01 (Merauke, Papua) moved to 93.01.01 after 2020; old NIKs keep 910101.
    assert validate_nik("9101010112850001", today=TODAY) == Validation("9101010112850001")


def test_nik_unknown_province_hides_the_kecamatan_warning() -> None:
    assert codes(validate_nik("9999990112850001", today=TODAY)) == {"nik.province"}


def test_nik_born_today_is_fine_and_tomorrow_means_a_century_ago() -> None:
    assert validate_nik(compose_nik("527101", TODAY, False, 1), today=TODAY).ok
    tomorrow = compose_nik("527101", date(2025, 3, 11), True, 1)
    assert validate_nik(tomorrow, today=TODAY).ok  # born 11 March 1925, aged 99


# --- No KK ----------------------------------------------------------------------------


def test_valid_kk() -> None:
    assert validate_kk("5271-0103-0615-0012", today=TODAY) == Validation("5271010306150012")


@pytest.mark.parametrize(
    ("kk", "code"),
    [
        ("", "kk.empty"),
        ("5271010306150O12", "kk.chars"),
        ("52710103061500121", "kk.length"),
        ("0000000000000000", "kk.zeros"),
        ("1071010306150012", "kk.province"),
        ("5271010313150012", "kk.month"),
        ("5271013104150012", "kk.date"),  # 31 April
        ("5271014306150012", "kk.date"),  # day 43: a KK has no +40
        ("5271011103250012", "kk.issue_future"),  # 11 March 2025, one day after TODAY
    ],
)
def test_kk_errors(kk: str, code: str) -> None:
    result = validate_kk(kk, today=TODAY)
    assert not result.ok
    assert result.errors[0].code == code


def test_kk_issued_in_2020_or_later_warns_about_sp_online() -> None:
    result = validate_kk(compose_kk("527101", date(2020, 1, 2), 7), today=TODAY)
    assert result.ok
    assert codes(result) == {"kk.issued_2020"}
    assert "30 Juni 2019" in result.message and "NIK dan KK tidak sesuai" in result.message
    assert validate_kk(compose_kk("527101", date(2019, 12, 31), 7), today=TODAY).warnings == ()


@pytest.mark.parametrize(
    ("kk", "code"),
    [("5271990306150012", "kk.kecamatan"), ("5271010306150000", "kk.serial")],
)
def test_kk_warnings(kk: str, code: str) -> None:
    result = validate_kk(kk, today=TODAY)
    assert result.ok and codes(result) == {code}


# --- NIP ------------------------------------------------------------------------------


def test_valid_nip() -> None:
    assert validate_nip("19850412 201003 1 001", today=TODAY) == Validation("198504122010031001")


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("", "nip.empty"),
        ("19850412201003100I", "nip.chars"),
        ("19850412201003100", "nip.length"),
        ("198502302010031001", "nip.birth_date"),  # 30 February
        ("202603012045031001", "nip.birth_future"),
        ("185001012010031001", "nip.birth_implausible"),
        ("198504122010131001", "nip.appointment_month"),
        ("198504122025041001", "nip.appointment_future"),  # April 2025, after March 2025
        ("198504121984031001", "nip.appointment_before_birth"),
        ("198504122010033001", "nip.sex"),
    ],
)
def test_nip_errors(nip: str, code: str) -> None:
    result = validate_nip(nip, today=TODAY)
    assert not result.ok
    assert code in {finding.code for finding in result.errors}


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("198504122000031001", "nip.appointment_age"),  # 14 years old
        ("194504122010031001", "nip.appointment_age"),  # 64 years old
        ("198504122010031000", "nip.serial"),
    ],
)
def test_nip_warnings(nip: str, code: str) -> None:
    result = validate_nip(nip, today=TODAY)
    assert result.ok and codes(result) == {code}


def test_nip_appointment_in_the_current_month_is_fine() -> None:
    assert validate_nip("198504122025032001", today=TODAY).ok


# --- RT/RW and phone ------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "value"), [("5", "005"), ("05", "005"), (" 012 ", "012"),
                                            ("999", "999")])  # fmt: skip
def test_rt_rw_normalised(raw: str, value: str) -> None:
    assert validate_rt_rw(raw) == Validation(value)
    assert validate_rt_rw(raw, field="RW") == Validation(value)


@pytest.mark.parametrize(
    ("raw", "suffix"),
    [("", "empty"), ("0", "zero"), ("000", "zero"), ("1000", "length"), ("5a", "chars"),
     ("RT 5", "chars")],
)  # fmt: skip
def test_rt_rw_errors(raw: str, suffix: str) -> None:
    assert codes(validate_rt_rw(raw)) == {f"rt.{suffix}"}
    rw = validate_rt_rw(raw, field="RW")
    assert codes(rw) == {f"rw.{suffix}"} and "RW" in rw.message and rw.value == ""


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("", ""),
        ("  ", ""),
        ("0812-3456-7890", "081234567890"),
        ("+62 812 3456 7890", "081234567890"),
        ("6281234567890", "081234567890"),
        ("+62 (0)812 3456 789", "08123456789"),
        ("(0370) 123456", "0370123456"),
        ("0380.821234", "0380821234"),
        ("021 1234 5678", "02112345678"),
        ("+62 370 123456", "0370123456"),
    ],
)
def test_phone_accepted(raw: str, value: str) -> None:
    assert validate_phone(raw) == Validation(value)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("0812 3456", "phone.length"),  # mobile: 10-13 digits
        ("0812 3456 7890 12", "phone.length"),
        ("0370 1234", "phone.length"),  # landline: 9-12 digits
        ("0370 1234 567 89", "phone.length"),
        ("812 3456 7890", "phone.prefix"),
        ("0062 812 3456 789", "phone.prefix"),
        ("0812 3456 789O", "phone.chars"),
        ("0812+3456789", "phone.chars"),
    ],
)
def test_phone_errors(raw: str, code: str) -> None:
    result = validate_phone(raw)
    assert not result.ok and codes(result) == {code} and result.value == ""


# --- properties over every validator ---------------------------------------------------

VALIDATORS: dict[str, Callable[[str], Validation]] = {
    "nik": lambda v: validate_nik(v, today=TODAY),
    "kk": lambda v: validate_kk(v, today=TODAY),
    "nip": lambda v: validate_nip(v, today=TODAY),
    "rt": validate_rt_rw,
    "rw": lambda v: validate_rt_rw(v, field="RW"),
    "phone": validate_phone,
}
PERSONAL = ("nik", "kk", "nip", "phone")


@relaxed
@given(kecamatan6, st.dates(min_value=date(1926, 1, 1), max_value=TODAY), st.booleans(),
       st.integers(1, 9999))  # fmt: skip
def test_composed_nik_is_valid_and_round_trips(
    region6: str, birth: date, female: bool, serial: int
) -> None:
    nik = compose_nik(region6, birth, female, serial)
    assert validate_nik(nik, today=TODAY) == Validation(nik)


@relaxed
@given(kecamatan6, st.dates(min_value=date(1926, 1, 1), max_value=TODAY), st.integers(1, 9999))
def test_composed_kk_is_valid(region6: str, issued: date, serial: int) -> None:
    result = validate_kk(compose_kk(region6, issued, serial), today=TODAY)
    assert result.ok
    assert codes(result) == ({"kk.issued_2020"} if issued.year >= 2020 else set())


@relaxed
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2006, 12, 31)),
    st.integers(18 * 12 + 1, 59 * 12),
    st.booleans(),
    st.integers(1, 999),
)
def test_composed_nip_is_valid(birth: date, months_later: int, female: bool, serial: int) -> None:
    total = birth.year * 12 + birth.month - 1 + months_later
    appointment = date(total // 12, total % 12 + 1, 1)
    nip = compose_nip(birth, appointment, female, serial)
    result = validate_nip(nip, today=TODAY)
    if appointment <= TODAY:
        assert result == Validation(nip)
    else:
        assert codes(result) == {"nip.appointment_future"}


@st.composite
def with_a_letter(draw: st.DrawFn) -> str:
    digits = draw(st.text(alphabet="0123456789", max_size=20))
    letter = draw(st.characters(categories=["L"]))
    at = draw(st.integers(0, len(digits)))
    return digits[:at] + letter + digits[at:]


@relaxed
@given(st.sampled_from(sorted(VALIDATORS)), with_a_letter())
def test_any_letter_is_an_error(kind: str, value: str) -> None:
    result = VALIDATORS[kind](value)
    assert not result.ok
    assert result.errors[0].code.endswith(".chars")
    assert result.value == ""


@relaxed
@given(st.sampled_from(["nik", "kk", "nip"]), digit_strings)
def test_wrong_length_is_an_error(kind: str, value: str) -> None:
    expected = 18 if kind == "nip" else 16
    if len(value) == expected:
        return
    result = VALIDATORS[kind](value)
    assert not result.ok
    assert codes(result) == {f"{kind}.length"}
    assert str(expected) in result.message


@relaxed
@given(st.sampled_from(PERSONAL), st.text(alphabet="0123456789 .-+()", min_size=5, max_size=30))
def test_messages_never_contain_the_number(kind: str, value: str) -> None:
    result = VALIDATORS[kind](value)
    typed = re.sub(r"\D", "", value)
    for finding in result.findings:
        assert not re.search(r"\d{5,}", finding.message)  # no chunk of a number either
        if len(typed) >= 5:
            assert typed not in finding.message


def two_digits(low: int, high: int) -> st.SearchStrategy[str]:
    """Mostly plausible two-digit fields, sometimes anything: every finding gets reached."""
    return st.one_of(st.integers(low, high), st.integers(0, 99)).map("{:02d}".format)


def _ddmmyy(day: date, offset: int) -> str:
    return f"{day.day + offset:02d}{day.month:02d}{day.year % 100:02d}"


date6 = st.one_of(
    st.builds(_ddmmyy, st.dates(date(1930, 1, 1), date(2026, 12, 31)), st.sampled_from([0, 40])),
    st.sampled_from(["300285", "310485", "700285", "350185", "001385", "201225", "000000"]),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
)
structured_16 = st.tuples(
    st.one_of(kecamatan6, st.text(alphabet="0123456789", min_size=6, max_size=6)),
    date6,
    st.one_of(st.just("0000"), st.integers(0, 9999).map("{:04d}".format)),
).map("".join)
structured_nip = st.tuples(
    st.integers(1850, 2030).map(str),
    two_digits(1, 12),
    two_digits(1, 28),
    st.integers(1900, 2030).map(str),
    two_digits(1, 12),
    st.sampled_from("0123"),
    st.one_of(st.just("000"), st.integers(0, 999).map("{:03d}".format)),
).map("".join)


@relaxed
@given(st.one_of(st.tuples(st.sampled_from(["nik", "kk"]), structured_16),
                 st.tuples(st.just("nip"), structured_nip)))  # fmt: skip
def test_messages_never_contain_the_number_on_any_path(case: tuple[str, str]) -> None:
    kind, value = case
    for finding in VALIDATORS[kind](value).findings:
        assert not re.search(r"\d{5,}", finding.message)
        assert value not in finding.message and value[:6] not in finding.message


def test_each_finding_is_reached_by_the_structured_strategies() -> None:
    """Guards the property above: its strategies must reach warnings and errors alike."""
    seen: set[str] = set()

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(structured_16, structured_nip)
    def collect(number16: str, nip: str) -> None:
        for kind, value in (("nik", number16), ("kk", number16), ("nip", nip)):
            seen.update(codes(VALIDATORS[kind](value)))

    collect()
    assert {"nik.serial", "nik.day_code", "nik.date", "nik.month",
            "nik.kecamatan", "nik.province", "kk.serial", "kk.date", "kk.issued_2020",
            "kk.issue_future", "nip.serial", "nip.sex", "nip.appointment_age",
            "nip.birth_date"} <= seen  # fmt: skip


@relaxed
@given(st.sampled_from(sorted(VALIDATORS)), st.text())
def test_validators_never_raise(kind: str, value: str) -> None:
    result = VALIDATORS[kind](value)
    assert isinstance(result, Validation)
    if kind in ("nik", "kk", "nip"):
        # Field-level errors (unknown province, ...) keep the digits; shape errors do not.
        assert result.value == "" or re.fullmatch(r"[0-9]{16}|[0-9]{18}", result.value)
    else:
        assert result.ok or result.value == ""
    assert all(f.message and f.code.startswith(f"{kind}.") for f in result.findings)


@given(st.text())
def test_rt_rw_normalisation_is_idempotent(value: str) -> None:
    first = validate_rt_rw(value)
    if first.ok:
        assert re.fullmatch(r"\d{3}", first.value) and first.value != "000"
        assert validate_rt_rw(first.value) == first


@given(st.integers(1, 999), st.sampled_from(["{}", "{:02d}", "{:03d}", " {} "]))
def test_rt_rw_accepts_every_number(number: int, style: str) -> None:
    assert validate_rt_rw(style.format(number)).value == f"{number:03d}"


@given(st.one_of(st.text(), st.text(alphabet="0123456789 +()-", max_size=20)))
def test_phone_normalisation_is_idempotent(value: str) -> None:
    first = validate_phone(value)
    if first.ok:
        assert validate_phone(first.value) == first
        assert first.value == "" or first.value.startswith("0")


@given(st.sampled_from(["08", "+628", "628", "0370", "+62370"]), st.integers(10**6, 10**9))
def test_phone_prefixes_normalise_to_a_leading_zero(prefix: str, number: int) -> None:
    result = validate_phone(f"{prefix}{number}")
    if result.ok:
        tail = str(number)
        assert result.value.startswith("0") and result.value.endswith(tail)
        assert result.value[1] == ("8" if prefix.endswith("8") else "3")
