"""The two-weekly evaluation, as PDF (read back with poppler's pdftotext / pdftoppm) and as
XLSX (read back with openpyxl), checked against the figures it was given."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from readback import flat, page_count, pdf_text

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.documents import evaluation_document
from sp_desktop.core.documents.evaluation_document import (
    BELOW_TARGET,
    NO_STAFF,
    NO_TARGET,
    TARGET_MET,
    write_evaluation,
    write_evaluation_pdf,
    write_evaluation_xlsx,
)
from sp_desktop.core.domain.monitoring import (
    Evaluation,
    HouseholdCounts,
    KelurahanComparison,
    OpdComparison,
    StaffCounts,
)
from sp_desktop.core.domain.text import datetime_text
from sp_desktop.core.trust.signing import KeyRing, SignatureProblem, Signer, verify_pdf

needs_poppler = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("pdftotext", "pdftoppm", "pdfinfo")),
    reason="poppler-utils not installed (apt-get install poppler-utils)",
)

OFFICE = "Pemerintah Kota Kupang"
CREATED = "2026-11-15T01:15:00.000000Z"
DEADLINE = date(2026, 11, 30)
BKPSDM = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"


def evaluation(opds: list[OpdComparison] | None = None, **changes: object) -> Evaluation:
    """Five OPDs: one below target with 41,7% (+12), one that just makes 80% (1.000 of
    1.250), one without staff, one below a 60% target by a single person; two kelurahan,
    one without a target."""
    if opds is None:
        opds = [
            OpdComparison(BKPSDM, StaffCounts(50, 10, 60), StaffCounts(38, 12, 70), 80, DEADLINE),
            OpdComparison("Dinas Kesehatan", StaffCounts(36, 1, 3), StaffCounts(30, 2, 8)),
            OpdComparison("Sekretariat DPRD", StaffCounts(), StaffCounts()),
            OpdComparison(
                "Kecamatan Oebobo",
                StaffCounts(1000, 50, 200),
                StaffCounts(900, 60, 290),
                80,
                DEADLINE,
            ),
            OpdComparison("Dinas Sosial", StaffCounts(6, 1, 4), StaffCounts(7, 0, 4), 60),
        ]
    values: dict[str, object] = {
        "start": date(2026, 11, 1),
        "end": date(2026, 11, 14),
        "previous_start": date(2026, 10, 18),
        "previous_end": date(2026, 10, 31),
        "office": OFFICE,
        "scope_opd": None,
        "opds": tuple(opds),
        "kelurahan": (
            KelurahanComparison(
                "5371031001",
                "Kelurahan Oebobo",
                HouseholdCounts(120, 30, 12, 40),
                HouseholdCounts(90, 25, 20, 60),
                150,
                DEADLINE,
            ),
            KelurahanComparison(
                "5371031002",
                "Kelurahan Fatululi",
                HouseholdCounts(20, 3, 1, 5),
                HouseholdCounts(10, 3, 1, 5),
            ),
        ),
        "created_at": CREATED,
    }
    values.update(changes)
    return Evaluation(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer(Signer.new_private_key(), office=OFFICE, kelurahan_code="5371031001")


def layout_text(pdf: Path) -> str:
    return pdf_text(pdf, layout=True)


def pages(pdf: Path) -> list[str]:
    return layout_text(pdf).split("\f")[:-1]  # every page ends with a form feed


def section(text: str, start: str, end: str | None) -> str:
    """The text from the line starting with heading `start` up to the one starting with
    heading `end` (or the end of the text)."""

    def heading(title: str, after: int = 0) -> int:
        match = re.compile(rf"^{re.escape(title)}", re.MULTILINE).search(text, after)
        assert match, title
        return match.start()

    begin = heading(start)
    return text[begin : heading(end, begin) if end else len(text)]


def row(text: str, *cells: str) -> str:
    """The one line holding `cells` next to each other, in this order."""
    pattern = r"(?<!\S)" + r"\s+".join(map(re.escape, cells)) + r"(?!\S)"
    hits = [line for line in text.splitlines() if re.search(pattern, line)]
    assert len(hits) == 1, (cells, hits)
    return hits[0]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- the PDF's figures ------------------------------------------------------------------------


@needs_poppler
def test_the_pdf_shows_the_figures_it_was_given(tmp_path: Path) -> None:
    target = tmp_path / "evaluasi.pdf"
    assert write_evaluation_pdf(evaluation(), target) == target
    assert files_in(tmp_path) == ["evaluasi.pdf"]
    text = layout_text(target)
    total = page_count(target)
    words = flat(text)
    made = datetime_text(datetime(2026, 11, 15, 1, 15, tzinfo=UTC))
    for expected in (
        "Evaluasi Capaian SP Online ASN",
        OFFICE,
        "Periode 1 November 2026 – 14 November 2026",
        "Dibandingkan dengan 18 Oktober 2026 – 31 Oktober 2026",
        "Cakupan Semua OPD",
        f"Dibuat {made}",
        "Halaman 1 dari",
    ):
        assert expected in words, expected

    # A. all OPDs together: 1.421 ASN, 1.092 sudah (975 before: +117, +8,2 points).
    summary = section(text, "A. Ringkasan", "B. Grafik")
    row(summary, "Sudah", "mengisi", "1.092", "dari", "1.421", "ASN", "(76,8%)")
    row(summary, "Perubahan", "sudah", "+117", "orang,", "+8,2", "poin")
    row(summary, "Target", "semua", "OPD", "1.135", "ASN")
    row(summary, "Masih", "kurang", "47", "ASN", "lagi")
    row(summary, "OPD", "di", "bawah", "target", "2", "dari", "4", "OPD")  # staff-less: not counted
    row(summary, "Belum", "ada", "data", "ASN", "1", "OPD")
    row(summary, "Sudah", "1.092", "76,8%", "975", "68,6%", "+117", "+8,2")
    row(summary, "Gagal", "62", "4,4%", "74", "5,2%", "-12", "-0,8")
    row(summary, "Belum", "267", "18,8%", "372", "26,2%", "-105", "-7,4")
    row(summary, "Jumlah ASN", "1.421", "100,0%", "1.421", "100,0%", "0")

    # B. the chart: every OPD with its share and change; the one without staff says so.
    chart = section(text, "B. Grafik", "C. Rincian")
    row(chart, "41,7%", "(+10,0", "poin)")
    assert "1. Badan Kepegawaian" in chart
    assert "belum ada data ASN" in row(chart, "3.", "Sekretariat", "DPRD", "belum")
    row(chart, "54,5%", "(-9,1", "poin)")

    # C. one line per OPD, the numbers on the OPD's own line.
    table = section(text, "C. Rincian per OPD", "D. OPD di bawah target")
    line = row(table, "120", "50", "41,7%", "10", "8,3%", "60", "50,0%", "80%", "96",
               "30 Nov 2026", "+12", "+10,0", BELOW_TARGET)  # fmt: skip
    assert re.match(r"\s*1\s+Badan Kepegawaian", line), line
    line = row(table, "40", "36", "90,0%", "1", "2,5%", "3", "7,5%", "80%", "32", "–", "+6",
               "+15,0", TARGET_MET)  # fmt: skip
    assert "Dinas Kesehatan" in line
    line = row(table, "0", "0", "–", "0", "–", "0", "–", "80%", "0", "–", "0", "–", NO_STAFF)
    assert "Sekretariat DPRD" in line
    # 80% of 1.250 is exactly 1.000: the target is met.
    line = row(table, "1.250", "1.000", "80,0%", "50", "4,0%", "200", "16,0%", "80%", "1.000",
               "30 Nov 2026", "+100", "+8,0", TARGET_MET)  # fmt: skip
    assert "Kecamatan Oebobo" in line
    # 60% of 11 is 6,6: seven people, one more than the six who completed.
    line = row(table, "11", "6", "54,5%", "1", "9,1%", "4", "36,4%", "60%", "7", "–", "-1",
               "-9,1", BELOW_TARGET)  # fmt: skip
    assert "Dinas Sosial" in line
    line = row(table, "1.421", "1.092", "76,8%", "62", "4,4%", "267", "18,8%", "1.135", "+117",
               "+8,2", "2 di bawah")  # fmt: skip
    assert "Jumlah (5 OPD)" in line

    # D. only the OPDs below target, with how many more each needs.
    below = section(text, "D. OPD di bawah target", "E. Rumah tangga")
    assert "2 OPD belum mencapai targetnya" in flat(below)
    assert "masih perlu 47 ASN lagi" in flat(below)
    assert "Badan Kepegawaian" in row(below, "120", "50", "41,7%", "80%", "96", "46",
                                      "30 Nov 2026")  # fmt: skip
    assert "Dinas Sosial" in row(below, "11", "6", "54,5%", "60%", "7", "1", "–")
    for other in ("Dinas Kesehatan", "Sekretariat DPRD", "Kecamatan Oebobo"):
        assert other not in below, other
    row(below, "Jumlah", "47")

    # E. households per kelurahan, the one without a target says so.
    kelurahan = section(text, "E. Rumah tangga", None)
    line = row(kelurahan, "120", "30", "12", "40", "202", "+30", "150", "30", "30 Nov 2026",
               BELOW_TARGET)  # fmt: skip
    assert "Kelurahan Oebobo" in line
    line = row(kelurahan, "20", "3", "1", "5", "29", "+10", "–", "–", "–", NO_TARGET)
    assert "Kelurahan Fatululi" in line
    line = row(kelurahan, "140", "33", "13", "45", "231", "+40", "30")
    assert "Jumlah (2 kelurahan)" in line

    for number, page in enumerate(pages(target), start=1):
        assert f"Halaman {number} dari {total}" in flat(page), number


@needs_poppler
def test_one_opd_in_scope_and_awkward_names(tmp_path: Path) -> None:
    long_name = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak " * 4 + "Ujung"
    opds = [
        OpdComparison("Dinas P&K <Kota> \\ (Uji)", StaffCounts(5, 0, 7), StaffCounts(1, 0, 11)),
        OpdComparison(long_name, StaffCounts(12345, 0, 0), StaffCounts(0, 0, 0), 100),
    ]
    data = evaluation(opds, scope_opd="Dinas P&K <Kota> \\ (Uji)", kelurahan=())
    target = write_evaluation_pdf(data, tmp_path / "evaluasi.pdf")
    text = layout_text(target)
    words = flat(text)
    assert "Cakupan OPD: Dinas P&K <Kota> \\ (Uji)" in words
    assert "Belum ada rumah tangga yang didampingi dalam cakupan ini." in words
    assert "Tidak ada: semua OPD sudah mencapai targetnya." not in words
    # A long name is cut with "…" (chart) or wrapped over two lines and cut (table); the
    # numbers stay on the name's first line.
    table = section(text, "C. Rincian per OPD", "D. OPD di bawah target")
    line = row(table, "12.345", "12.345", "100,0%", "0", "0,0%", "0", "0,0%", "100%", "12.345")
    assert "Dinas Pemberdayaan" in line
    assert "Ujung" not in text and "…" in text
    # Staff that appeared during the period: their change in points is not a number.
    row(table, "+12.345", "–", TARGET_MET)


@needs_poppler
def test_nothing_to_evaluate_says_so(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = evaluation([], kelurahan=(), created_at="")
    text = layout_text(write_evaluation_pdf(data, tmp_path / "evaluasi.pdf"))
    words = flat(text)
    row(text, "Sudah", "0", "–", "0", "–", "0", "–")  # nothing divided by zero
    assert "Belum ada data ASN dalam cakupan ini." in words
    assert "Tidak ada OPD dengan data ASN." in words
    assert "Belum ada rumah tangga yang didampingi dalam cakupan ini." in words
    assert "Halaman 1 dari 1" in words
    wb = load_workbook(write_evaluation_xlsx(data, tmp_path / "evaluasi.xlsx"))
    assert wb["Per OPD"].max_row == 1 and wb["Kelurahan"].max_row == 1


@needs_poppler
def test_sixty_opds_are_all_listed_on_numbered_pages(tmp_path: Path) -> None:
    opds = [
        OpdComparison(
            f"Dinas Uji Nomor {i:02d}",
            StaffCounts(i * 3, i % 4, 200 - i * 3 - i % 4),
            StaffCounts(i * 2, i % 4, 200 - i * 2 - i % 4),
            80,
            DEADLINE if i % 2 else None,
        )
        for i in range(1, 61)
    ]
    target = write_evaluation_pdf(evaluation(opds), tmp_path / "evaluasi.pdf")
    texts = pages(target)
    total = len(texts)
    assert total == page_count(target) >= 4
    for number, page in enumerate(texts, start=1):
        assert f"Halaman {number} dari {total}" in flat(page), number
        if number > 1:
            assert "Evaluasi Capaian SP Online ASN · Pemerintah Kota Kupang" in flat(page)

    everything = "\n".join(texts)
    chart = section(everything, "B. Grafik", "C. Rincian")
    table = section(everything, "C. Rincian per OPD", "D. OPD di bawah target")
    for i in range(1, 61):
        name = f"Dinas Uji Nomor {i:02d}"
        assert len(re.findall(rf"(?<!\d){i}\.\s+{name}\s", chart)) == 1, name
        assert len(re.findall(rf"^\s*{i}\s+{name}\s", table, re.MULTILINE)) == 1, name
    assert "Grafik capaian per OPD (lanjutan)" in chart  # the chart runs over pages
    # The table's heading comes again on every page it runs onto.
    table_pages = [page for page in texts if re.search(r"^\s*\d+\s+Dinas Uji Nomor", page, re.M)]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "Batas waktu" in page and "Jumlah" in page


@needs_poppler
def test_the_pages_render_with_ink_on_them(tmp_path: Path) -> None:
    from PIL import Image

    target = write_evaluation_pdf(evaluation(), tmp_path / "evaluasi.pdf")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(target), str(tmp_path / "halaman")], check=True
    )
    images = sorted(tmp_path.glob("halaman*.png"))
    assert len(images) == page_count(target)
    with Image.open(images[0]) as image:
        grey = image.convert("L")
        width, height = grey.size
        assert width > height  # landscape
        dark = sum(grey.histogram()[:128])  # pixels darker than mid-grey
    # Text, rules and the chart's bars: a blank or nearly blank page has far less ink.
    assert dark > 0.01 * width * height


# -- signed PDF ---------------------------------------------------------------------------------


@needs_poppler
def test_a_signed_pdf_verifies_and_names_the_key(signer: Signer, tmp_path: Path) -> None:
    target = write_evaluation_pdf(evaluation(), tmp_path / "evaluasi.pdf", signer=signer)
    data = target.read_bytes()
    assert verify_pdf(data, KeyRing([signer.public_key])) == signer.public_key
    middle = len(data) // 2
    tampered = data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :]
    with pytest.raises(SignatureProblem):
        verify_pdf(tampered, KeyRing([signer.public_key]))
    for page in pages(target):
        assert f"Sidik kunci: {signer.fingerprint}" in flat(page)


def test_an_unsigned_pdf_has_no_signature(signer: Signer, tmp_path: Path) -> None:
    target = write_evaluation_pdf(evaluation(), tmp_path / "evaluasi.pdf")
    assert target.read_bytes().startswith(b"%PDF-")
    with pytest.raises(SignatureProblem):
        verify_pdf(target.read_bytes(), KeyRing([signer.public_key]))


# -- XLSX -----------------------------------------------------------------------------------------


def test_the_workbook_holds_numbers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "evaluasi.xlsx"
    assert write_evaluation_xlsx(evaluation(), target) == target
    assert files_in(tmp_path) == ["evaluasi.xlsx"]
    wb = load_workbook(target)
    assert wb.sheetnames == ["Ringkasan", "Per OPD", "Kelurahan"]

    summary = {
        row[0]: row[1:]
        for row in wb["Ringkasan"].iter_rows(values_only=True)
        if isinstance(row[0], str)
    }
    assert summary["Periode"][0] == "1 November 2026 – 14 November 2026"
    assert summary["Dibandingkan dengan"][0] == "18 Oktober 2026 – 31 Oktober 2026"
    assert summary["Cakupan"][0] == "Semua OPD"
    assert summary["Sudah"][:2] == (1092, pytest.approx(1092 / 1421))
    assert summary["Sudah"][2:5] == (975, pytest.approx(975 / 1421), 117)
    assert summary["Jumlah ASN"][0] == 1421
    assert summary["OPD di bawah target"][0] == 2
    assert summary["Masih perlu (ASN)"][0] == 47

    ws = wb["Per OPD"]
    assert ws.freeze_panes == "C2"
    header = [cell.value for cell in ws[1]]
    assert header[:14] == [
        "No", "OPD", "Jumlah ASN", "Sudah", "% Sudah", "Gagal", "% Gagal", "Belum", "% Belum",
        "Target (%)", "Target (orang)", "Batas Waktu", "Masih Perlu (orang)", "Status",
    ]  # fmt: skip
    assert all(cell.font.bold for cell in ws[1])
    assert ws.column_dimensions["B"].width >= 30
    first = [cell.value for cell in ws[2]]
    assert first == [
        1, BKPSDM, 120, 50, pytest.approx(50 / 120), 10, pytest.approx(10 / 120), 60,
        pytest.approx(0.5), pytest.approx(0.8), 96, datetime(2026, 11, 30), 46, BELOW_TARGET,
        120, 38, pytest.approx(38 / 120), 12, 70, 12, pytest.approx(10.0),
    ]  # fmt: skip
    assert ws["E2"].number_format == "0.0%"
    assert ws["C2"].data_type == "n" and isinstance(ws["C2"].value, int)
    empty = [cell.value for cell in ws[4]]
    assert empty[1] == "Sekretariat DPRD"
    assert empty[2:5] == [0, 0, None]  # no share of nobody
    assert empty[13] == NO_STAFF
    assert [cell.value for cell in ws[5]][13] == TARGET_MET  # 1.000 of 1.250 is 80%
    totals = [cell.value for cell in ws[7]]
    assert totals[1:5] == ["Jumlah", 1421, 1092, pytest.approx(1092 / 1421)]
    assert ws.max_row == 7

    kel = wb["Kelurahan"]
    assert kel.freeze_panes == "D2"
    assert all(cell.font.bold for cell in kel[1])
    assert [cell.value for cell in kel[2]] == [
        1, "5371031001", "Kelurahan Oebobo", 120, 30, 12, 40, 202, 90, 30, 150, 30,
        datetime(2026, 11, 30), BELOW_TARGET,
    ]  # fmt: skip
    assert [cell.value for cell in kel[3]] == [
        2, "5371031002", "Kelurahan Fatululi", 20, 3, 1, 5, 29, 10, 10, None, None, None,
        NO_TARGET,
    ]  # fmt: skip
    assert kel["B2"].data_type == "s"
    assert [cell.value for cell in kel[4]][2:10] == ["Jumlah", 140, 33, 13, 45, 231, 100, 40]


def test_a_name_typed_as_a_formula_stays_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    name = '=HYPERLINK("http://contoh.invalid","klik")'
    opds = [OpdComparison(name, StaffCounts(1, 0, 0), StaffCounts(0, 0, 1))]
    target = write_evaluation_xlsx(evaluation(opds), tmp_path / "evaluasi.xlsx")
    cell = load_workbook(target)["Per OPD"]["B2"]
    assert cell.value == name
    assert cell.data_type == "s"
    assert cell.quotePrefix


# -- writing ---------------------------------------------------------------------------------------


def test_the_file_type_follows_the_name(tmp_path: Path) -> None:
    assert write_evaluation(evaluation(), tmp_path / "a.PDF").read_bytes()[:5] == b"%PDF-"
    assert write_evaluation(evaluation(), tmp_path / "b.xlsx").read_bytes()[:2] == b"PK"
    with pytest.raises(UserFacingError) as error:
        write_evaluation(evaluation(), tmp_path / "c.docx")
    assert ".pdf" in str(error.value) and ".xlsx" in str(error.value)
    assert "tidak dikenal" in str(error.value)
    assert files_in(tmp_path) == ["a.PDF", "b.xlsx"]


@pytest.mark.parametrize("name", ["evaluasi.pdf", "evaluasi.xlsx"])
def test_a_missing_folder_is_said_in_words(tmp_path: Path, name: str) -> None:
    with pytest.raises(UserFacingError) as error:
        write_evaluation(evaluation(), tmp_path / "flashdisk" / name)
    assert "Folder tujuan tidak ditemukan." in str(error.value)
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("name", ["evaluasi.pdf", "evaluasi.xlsx"])
def test_a_read_only_folder_is_said_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    folder = tmp_path / "hanya-baca"
    folder.mkdir()
    folder.chmod(0o555)
    if os.name == "posix" and os.geteuid() == 0:
        # root writes anywhere: refuse the way a read-only folder would.
        real_open = os.open

        def refuse(path: object, *args: object, **kwargs: object) -> int:
            if Path(str(path)).parent == folder:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse)
    try:
        with pytest.raises(UserFacingError) as error:
            write_evaluation(evaluation(), folder / name)
        assert "Folder tujuan tidak boleh ditulis." in str(error.value)
        assert files_in(folder) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("name", ["evaluasi.pdf", "evaluasi.xlsx"])
def test_a_full_disk_leaves_the_old_file_whole(
    signer: Signer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    existing = tmp_path / name
    existing.write_bytes(b"versi lama yang lengkap")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UserFacingError) as error:
        write_evaluation(evaluation(), existing, signer=signer)
    assert "Disk penuh" in str(error.value)
    assert existing.read_bytes() == b"versi lama yang lengkap"
    assert files_in(tmp_path) == [name]


@pytest.mark.parametrize("name", ["evaluasi.pdf", "evaluasi.xlsx"])
def test_a_failure_while_rendering_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    existing = tmp_path / name
    existing.write_bytes(b"versi lama yang lengkap")

    def broken(*args: object) -> None:
        raise RuntimeError("rusak di tengah jalan")

    # The last section of each: everything before it has been rendered already.
    monkeypatch.setattr(evaluation_document._Story, "_kelurahan_table", broken)
    monkeypatch.setattr(evaluation_document, "_kelurahan_values", broken)
    with pytest.raises(RuntimeError):
        write_evaluation(evaluation(), existing)
    assert existing.read_bytes() == b"versi lama yang lengkap"
    assert files_in(tmp_path) == [name]
