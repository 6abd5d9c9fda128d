"""The recovery sheet and the purge report, read back from real PDFs with independent tools.

pdftotext (poppler) reads the text, pdftoppm renders the page and zbarimg decodes the QR
code from the pixels, the way a phone or scanner would see the printed sheet.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.security.security_documents import (
    PurgeReportData,
    write_purge_report,
    write_recovery_sheet,
)

_TOOLS = ("pdftotext", "pdftoppm", "zbarimg")
_MISSING = [tool for tool in _TOOLS if shutil.which(tool) is None]
needs_tools = pytest.mark.skipif(
    bool(_MISSING),
    reason=f"{', '.join(_MISSING)} not installed (apt-get install poppler-utils zbar-tools)",
)

KEY = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
FINGERPRINT = "3F9A-C21B-77E0"
OFFICE = "Kantor Kelurahan Ampenan Selatan & Posko <SP> Online"
WARNING = (
    "Tanpa kata sandi satu pun dan tanpa lembar ini, data tidak dapat dipulihkan oleh "
    "siapa pun, termasuk pembuat aplikasi."
)
AUDIT_HASH = "0123456789abcdef" * 4


def pdf_text(pdf: Path, *, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    """Whitespace collapsed: a sentence wrapped over two lines still matches."""
    return " ".join(text.split())


def pages(pdf: Path) -> list[str]:
    # pdftotext ends every page with a form feed.
    return pdf_text(pdf).split("\f")[:-1]


def decode_qr(pdf: Path, tmp_path: Path) -> list[str]:
    prefix = tmp_path / "render"
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(prefix)], check=True)
    images = sorted(tmp_path.glob("render*.png"))
    assert len(images) == 1, images
    # zbarimg may complain about D-Bus on stderr; only the decoded text on stdout matters.
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", str(images[0])], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def sheet(path: Path, key: str = KEY, **overrides: object) -> Path:
    fields: dict[str, object] = {
        "office": OFFICE,
        "kelurahan": "Ampenan Selatan",
        "installation_id": "7f3c9a2e-5b1d-4e8a-9c0f-2d6b8e4a1c37",
        "recovery_key": key,
        "key_fingerprint": FINGERPRINT,
        "created_at": datetime(2026, 11, 21, 9, 15),
    }
    fields.update(overrides)
    return write_recovery_sheet(path, **fields)  # type: ignore[arg-type]


def counts(berhasil: int, gagal: int, belum: int, tanpa: int) -> dict[str, int]:
    return {"berhasil": berhasil, "gagal": gagal, "belum": belum, "tanpa_kunjungan": tanpa}


def report(by_kelurahan: list[tuple[str, dict[str, int]]]) -> PurgeReportData:
    return PurgeReportData(
        office="Kantor Camat Ampenan",
        kelurahan="Ampenan Selatan",
        installation_id="7f3c9a2e",
        retention_until=date(2026, 6, 30),
        purged_at=datetime(2026, 11, 21, 9, 15),
        purged_by="Siti Rahmawati (1985**********0002)",
        households_purged=12345,
        households_already_erased=12,
        visits_kept=23456,
        by_kelurahan=by_kelurahan,
        audit_entry_hash=AUDIT_HASH,
    )


def numbers_after(line: str, label: str) -> list[str]:
    """'Ampenan   1.234   5 ...' -> ['1.234', '5', ...] for the row that starts with label."""
    assert line.strip().startswith(label), line
    return line.strip()[len(label) :].split()


def row_line(text: str, label: str) -> str:
    hits = [ln for ln in text.splitlines() if re.match(rf"\s*{re.escape(label)}\s+[\d.]+\s", ln)]
    assert len(hits) == 1, (label, hits)
    return hits[0]


# -- the import stays cheap -----------------------------------------------------------------


def test_importing_the_module_loads_no_pdf_library() -> None:
    code = (
        "import sys, sp_desktop.core.security.security_documents\n"
        "loaded = [m for m in ('reportlab', 'qrcode', 'PIL') if m in sys.modules]\n"
        "print(loaded); sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- recovery sheet -------------------------------------------------------------------------


@needs_tools
def test_recovery_sheet_says_what_it_is_and_what_to_do(tmp_path: Path) -> None:
    target = tmp_path / "pemulihan.pdf"
    assert sheet(target) == target

    text = pdf_text(target)
    assert KEY in text.split()  # on one line, exactly as given
    assert len(pages(target)) == 1
    words = flat(text)
    for expected in (
        "Lembar Pemulihan SP Desktop",
        OFFICE,
        "Ampenan Selatan",
        "7f3c9a2e-5b1d-4e8a-9c0f-2d6b8e4a1c37",
        "21 November 2026, 09.15",
        f"Sidik kunci: {FINGERPRINT}",
        "Lupa kata sandi? Pakai lembar pemulihan",
        "sp-desktop recover",
        "seperti menyimpan uang",
        "WhatsApp",
        "difoto",
        WARNING,
        "Tanggal disimpan:",
        "Disimpan oleh:",
        "Tanda tangan:",
    ):
        assert expected in words, expected


@needs_tools
def test_recovery_sheet_qr_code_scans_back_to_the_key(tmp_path: Path) -> None:
    target = sheet(tmp_path / "pemulihan.pdf")
    assert decode_qr(target, tmp_path) == [KEY]


@needs_tools
def test_recovery_sheet_qr_code_for_a_random_key(tmp_path: Path) -> None:
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    chars = "".join(random.Random(2020).choice(alphabet) for _ in range(32))
    key = "-".join(chars[i : i + 4] for i in range(0, 32, 4))
    target = sheet(tmp_path / "pemulihan.pdf", key)
    assert decode_qr(target, tmp_path) == [key]
    assert key in pdf_text(target).split()


@needs_tools
def test_recovery_sheet_with_a_long_office_name_stays_on_one_page(tmp_path: Path) -> None:
    office = "Kantor Kelurahan " + "Sangat Panjang Sekali " * 12
    target = sheet(tmp_path / "pemulihan.pdf", office=office)
    assert len(pages(target)) == 1
    assert flat(office) in flat(pdf_text(target))
    assert decode_qr(target, tmp_path) == [KEY]


def test_recovery_sheet_refuses_an_empty_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        sheet(tmp_path / "pemulihan.pdf", " ")
    assert list(tmp_path.iterdir()) == []


# -- purge report ---------------------------------------------------------------------------


@needs_tools
def test_purge_report_states_the_facts_and_the_totals(tmp_path: Path) -> None:
    target = tmp_path / "berita-acara.pdf"
    data = report(
        [
            ("Ampenan Selatan", counts(1000, 100, 34, 100)),
            ("Dasan Agung", counts(12000, 345, 0, 7)),
            ("Pejeruk", {"berhasil": 5}),  # missing outcomes count as zero
        ]
    )
    assert write_purge_report(target, data) == target

    words = flat(pdf_text(target))
    for expected in (
        "Berita Acara Penghapusan Data Pribadi",
        "Kantor Camat Ampenan",
        "30 Juni 2026",
        "Sabtu, 21 November 2026, pukul 09.15",
        "No KK, NIK, nama, alamat, nomor telepon, dan catatan",
        "12.345 rumah tangga",
        "Siti Rahmawati (1985**********0002)",
        "23.456 catatan kunjungan",
        "Belum dikunjungi",
        AUDIT_HASH,
        f"Jejak audit: {AUDIT_HASH[:16]}…",
        "Halaman 1 dari 1",
        "Lurah/Kepala Kantor",
        "Mengetahui,",
    ):
        assert expected in words, expected

    table = pdf_text(target, layout=True)
    assert numbers_after(row_line(table, "Ampenan Selatan"), "Ampenan Selatan") == [
        "1.000", "100", "34", "100", "1.234",
    ]  # fmt: skip
    assert numbers_after(row_line(table, "Dasan Agung"), "Dasan Agung") == [
        "12.000", "345", "0", "7", "12.352",
    ]  # fmt: skip
    assert numbers_after(row_line(table, "Pejeruk"), "Pejeruk") == ["5", "0", "0", "0", "5"]
    assert numbers_after(row_line(table, "Jumlah"), "Jumlah") == [
        "13.005", "445", "34", "107", "13.591",
    ]  # fmt: skip


@needs_tools
def test_purge_report_with_300_kelurahan_numbers_every_page(tmp_path: Path) -> None:
    rows = [(f"Kel-{i:03d}", counts(i * 1000, i, 1, 2)) for i in range(300)]
    target = write_purge_report(tmp_path / "berita-acara.pdf", report(rows))

    texts = pages(target)
    total = len(texts)
    assert total > 3
    for number, text in enumerate(texts, start=1):
        assert f"Halaman {number} dari {total}" in text, number
        assert f"Jejak audit: {AUDIT_HASH[:16]}…" in text, number
    # The header row repeats on every page the table runs onto.
    assert all("Berhasil" in text for text in texts[:-1])

    table = pdf_text(target, layout=True)
    for i in (0, 1, 150, 299):
        label = f"Kel-{i:03d}"
        berhasil, jumlah = (f"{n:,}".replace(",", ".") for n in (i * 1000, i * 1000 + i + 3))
        assert numbers_after(row_line(table, label), label) == [berhasil, str(i), "1", "2", jumlah]
    assert sum(f"Kel-{i:03d}" in table for i in range(300)) == 300
    # 44.850.000 households with berhasil, 44.850 gagal, 300 belum, 600 unvisited.
    assert numbers_after(row_line(table, "Jumlah"), "Jumlah") == [
        "44.850.000", "44.850", "300", "600", "44.895.750",
    ]  # fmt: skip
    # The signatures close the document, on the last page.
    assert "Lurah/Kepala Kantor" in texts[-1]


# -- atomic write ---------------------------------------------------------------------------


def test_a_missing_folder_fails_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "tidak-ada" / "pemulihan.pdf"
    with pytest.raises(UserFacingError, match="Folder tujuan tidak ditemukan"):
        sheet(target)
    with pytest.raises(UserFacingError, match="Folder tujuan tidak ditemukan"):
        write_purge_report(target, report([]))
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rename_removes_the_partial_file(tmp_path: Path) -> None:
    # The PDF is fully rendered into the .partial file, then the rename onto a non-empty
    # folder of the same name fails.
    target = tmp_path / "pemulihan.pdf"
    target.mkdir()
    (target / "isi.txt").write_text("x")
    with pytest.raises(UserFacingError):
        sheet(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pemulihan.pdf"]
    assert target.is_dir()


def test_a_failure_while_rendering_keeps_the_old_file(tmp_path: Path) -> None:
    from reportlab.platypus.doctemplate import LayoutError

    target = tmp_path / "berita-acara.pdf"
    write_purge_report(target, report([("Ampenan", counts(1, 2, 3, 4))]))
    before = target.read_bytes()

    # A row taller than a page cannot be laid out: reportlab gives up half-way through the
    # PDF, after the .partial file was opened.
    with pytest.raises(LayoutError):
        write_purge_report(target, report([("Ampenan " * 3000, counts(1, 2, 3, 4))]))
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["berita-acara.pdf"]


def test_bad_counts_fail_before_anything_is_written(tmp_path: Path) -> None:
    bad = report([("Ampenan", {"berhasil": "banyak"})])  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        write_purge_report(tmp_path / "berita-acara.pdf", bad)
    assert list(tmp_path.iterdir()) == []


@needs_tools
def test_a_successful_write_leaves_only_the_target(tmp_path: Path) -> None:
    sheet(tmp_path / "pemulihan.pdf")
    write_purge_report(tmp_path / "berita-acara", report([]))  # no suffix: still fine
    assert sorted(p.name for p in tmp_path.iterdir()) == ["berita-acara", "pemulihan.pdf"]
    if os.name == "posix":  # the sheet holds the key: other accounts on the PC cannot read it
        assert (tmp_path / "pemulihan.pdf").stat().st_mode & 0o077 == 0
    assert "Halaman 1 dari 1" in pdf_text(tmp_path / "berita-acara")
