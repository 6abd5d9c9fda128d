"""The recap PDF, read back with poppler's pdftotext / pdfinfo and checked against the
figures it was given."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
import readback
from readback import flat, needs_tools, page_count

from sp_desktop.core.base.progress import Cancelled, Progress
from sp_desktop.core.documents.recap_document import ERASED, write_recap
from sp_desktop.core.domain.model import FailureReason, HelpReason, Outcome
from sp_desktop.core.domain.reports import (
    DocumentHeader,
    HouseholdLine,
    KelurahanTotals,
    RecapData,
    ReportFilter,
)
from sp_desktop.core.trust.signing import KeyRing, SignatureProblem, Signer, verify_pdf

OFFICE = "Kantor Lurah Ampenan Selatan"
HOME = "Kelurahan Ampenan Selatan, Kec. Ampenan, Kota Mataram"
KELURAHAN = {
    "5271011001": "Kelurahan Ampenan Tengah, Kec. Ampenan, Kota Mataram",
    "5271011003": HOME,
    "5271011004": "Kelurahan Banjar, Kec. Ampenan, Kota Mataram",
}
HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
GENERATED_BY = "Siti Rahmawati (1985**********02)"


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer(Signer.new_private_key(), office=OFFICE, kelurahan_code="5271011003")


def household(
    serial: int, code: str = "5271011003", status: Outcome | None = Outcome.GAGAL, **changes: object
) -> HouseholdLine:
    line = HouseholdLine(
        household_id=f"hh-{serial}",
        no_kk=f"5271**********{serial % 100:02d}",
        head_nik=f"5271**********{(serial + 7) % 100:02d}",
        head_name=f"Kepala Keluarga {serial:05d}",
        kelurahan_code=code,
        kelurahan_label=KELURAHAN[code],
        address=f"Jl. Saleh Sungkar No. {serial}",
        rt=f"{serial % 20 + 1:03d}",
        rw=f"{serial % 5 + 1:03d}",
        members=4,
        help_reason=HelpReason.LANSIA,
        status=status,
        last_visit_at=datetime(2026, 11, 20, 10, 0) if status else None,
        failure_reason=FailureReason.CAPTCHA if status is Outcome.GAGAL else None,
        revisit_date=date(2026, 11, 28) if status is Outcome.GAGAL else None,
        visits=1 if status else 0,
        numbers_hidden=True,
        erased=False,
    )
    return replace(line, **changes)  # type: ignore[arg-type]


def recap(signer: Signer, needing: list[HouseholdLine] | None = None) -> RecapData:
    header = DocumentHeader(
        office=OFFICE,
        office_kelurahan=HOME,
        scope_text="Kelurahan Ampenan Selatan, Posko Kantor Lurah",
        period_text="1 November 2026 – 30 November 2026",
        generated_at=datetime(2026, 11, 21, 9, 15),
        generated_by=GENERATED_BY,
        key_fingerprint=signer.fingerprint,
    )
    return RecapData(
        header=header,
        filter=ReportFilter(kelurahan_code="5271011003", post_name="Posko Kantor Lurah"),
        visits_by_outcome={Outcome.BERHASIL: 1200, Outcome.GAGAL: 345, Outcome.BELUM: 67},
        households_by_status={
            Outcome.BERHASIL: 1000,
            Outcome.GAGAL: 234,
            Outcome.BELUM: 56,
            None: 10,
        },
        failures_by_reason={
            FailureReason.SITUS_SIBUK: 200,
            FailureReason.CAPTCHA: 100,
            FailureReason.LAINNYA: 45,
        },
        by_kelurahan=[
            KelurahanTotals("5271011001", KELURAHAN["5271011001"], 300, 250, 40, 10, 380),
            KelurahanTotals("5271011003", HOME, 1000, 750, 194, 56, 1232),
        ],
        needing_interview=needing if needing is not None else [],
        content_hash=HASH,
    )


def pdf_text(pdf: Path, *, layout: bool = True, page: int | None = None) -> str:
    return readback.pdf_text(pdf, layout=layout, page=page)


def pages(pdf: Path) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]  # every page ends with a form feed


def row_with(text: str, pattern: str) -> list[str]:
    """The columns of the one line matching `pattern` (split on 2+ spaces)."""
    hits = [ln.strip() for ln in text.splitlines() if re.search(pattern, ln)]
    assert len(hits) == 1, (pattern, hits)
    return re.split(r"\s{2,}", hits[0])


def list_row(line: str) -> list[str]:
    """A household list line as its cells: the number, then the rest split on 2+ spaces
    (the right-aligned number may sit one space from the name)."""
    number, rest = line.strip().split(None, 1)
    return [number, *re.split(r"\s{2,}", rest)]


def cells(text: str, label: str) -> list[str]:
    """The columns of the one line whose first cell is `label` (split on 2+ spaces)."""
    hits = [
        ln.strip() for ln in text.splitlines() if re.match(rf"\s*{re.escape(label)}\s{{2,}}", ln)
    ]
    assert len(hits) == 1, (label, hits)
    return re.split(r"\s{2,}", hits[0])


# -- the figures ------------------------------------------------------------------------------


@needs_tools
def test_the_recap_shows_the_figures_it_was_given(signer: Signer, tmp_path: Path) -> None:
    needing = [household(1), household(2, status=None), household(3, status=Outcome.BELUM)]
    target = tmp_path / "rekap.pdf"
    assert write_recap(target, recap(signer, needing), signer) == target
    assert page_count(target) == 1

    text = pdf_text(target)
    words = flat(text)
    for expected in (
        "Rekapitulasi Pendampingan SP Online",
        OFFICE,
        HOME,
        "1 November 2026 – 30 November 2026",
        "Kelurahan Ampenan Selatan, Posko Kantor Lurah",
        "Halaman 1 dari 1",
        f"Dibuat 21 November 2026, 09.15 oleh {GENERATED_BY}",
        f"Sidik kunci: {signer.fingerprint}",
        f"Hash isi: {HASH[:16]}",
    ):
        assert expected in words, expected
    assert HASH not in words  # only the first 16 characters are printed

    # (a) households by status and visits by outcome, side by side on the same lines.
    assert cells(text, "Berhasil") == ["Berhasil", "1.000", "76,9%", "Berhasil", "1.200", "74,4%"]
    assert cells(text, "Gagal") == ["Gagal", "234", "18,0%", "Gagal", "345", "21,4%"]
    assert cells(text, "Belum") == ["Belum", "56", "4,3%", "Belum", "67", "4,2%"]
    assert cells(text, "Belum dikunjungi") == [
        "Belum dikunjungi", "10", "0,8%", "Jumlah kunjungan", "1.612", "100,0%",
    ]  # fmt: skip
    assert cells(text, "Jumlah rumah tangga") == ["Jumlah rumah tangga", "1.300", "100,0%"]

    # (b) failures by reason: every reason listed, those without failures as 0.
    def reason(number: int) -> list[str]:
        return row_with(text, rf"^\s*{number}\s{{2,}}[A-Z]")

    assert reason(1) == ["1", "NIK dan KK tidak sesuai", "0", "0,0%"]
    assert reason(2) == ["2", "Situs sibuk / tidak bisa dibuka", "200", "58,0%"]
    assert reason(3) == ["3", "Captcha gagal", "100", "29,0%"]
    assert reason(4) == ["4", "Tidak ada koneksi internet", "0", "0,0%"]
    assert reason(7) == ["7", "Lainnya", "45", "13,0%"]
    assert row_with(text, r"^\s*Jumlah\s+345\s") == ["Jumlah", "345", "100,0%"]

    # (c) per kelurahan with the total row.
    tengah = [ln for ln in text.splitlines() if "Ampenan Tengah, Kec." in ln and "300" in ln]
    assert len(tengah) == 1, tengah
    assert re.split(r"\s{2,}", tengah[0].strip())[1:] == [
        "300", "250", "40", "10", "380", "83,3%",
    ]  # fmt: skip
    total = [ln for ln in text.splitlines() if re.match(r"\s*Jumlah\s+1\.300", ln)]
    assert len(total) == 1, total
    assert re.split(r"\s{2,}", total[0].strip()) == [
        "Jumlah", "1.300", "1.000", "234", "66", "1.612", "76,9%",
    ]  # fmt: skip

    # (d) the households still to visit.
    assert "3 rumah tangga belum berhasil mengisi SP Online" in words
    assert f"{HOME} — 3 rumah tangga" in words
    rows = [ln for ln in text.splitlines() if "Kepala Keluarga 0000" in ln]
    assert [list_row(ln) for ln in rows] == [
        ["1", "Kepala Keluarga 00001", "5271**********01", "Jl. Saleh Sungkar No. 1",
         "002/002", "Gagal", "Captcha gagal", "28 Nov 2026"],
        ["2", "Kepala Keluarga 00002", "5271**********02", "Jl. Saleh Sungkar No. 2",
         "003/003", "Belum dikunjungi"],
        ["3", "Kepala Keluarga 00003", "5271**********03", "Jl. Saleh Sungkar No. 3",
         "004/004", "Belum"],
    ]  # fmt: skip

    # (e) signatures, with the place and date they are signed.
    for expected in (
        "Ampenan Selatan, 21 November 2026",
        "Petugas,",
        "Koordinator,",
        "Mengetahui,",
        "Lurah Ampenan Selatan,",
    ):
        assert expected in words, expected
    assert words.count("(nama jelas / NIP)") == 3


@needs_tools
def test_every_page_is_numbered_and_carries_the_header(signer: Signer, tmp_path: Path) -> None:
    codes = list(KELURAHAN)
    needing = [household(i, codes[i * 3 // 500]) for i in range(500)]
    target = write_recap(tmp_path / "rekap.pdf", recap(signer, needing), signer)

    texts = pages(target)
    total = len(texts)
    assert total == page_count(target) > 5
    for number, text in enumerate(texts, start=1):
        words = flat(text)
        assert f"Halaman {number} dari {total}" in words, number
        assert f"Sidik kunci: {signer.fingerprint}" in words, number
        assert f"Hash isi: {HASH[:16]}" in words, number
        assert "1 November 2026 – 30 November 2026" in words, number
        assert OFFICE in words, number
    # Every household once, numbered within its kelurahan, groups in the order given.
    everything = "\n".join(texts)
    for i in range(500):
        assert everything.count(f"Kepala Keluarga {i:05d}") == 1, i
    for code in codes:
        count = sum(1 for line in needing if line.kelurahan_code == code)
        assert f"{KELURAHAN[code]} — {count} rumah tangga" in flat(everything)
    assert "(lanjutan)" in everything  # a group running onto the next page says so
    numbered = re.findall(r"^\s*(\d+)\s+Kepala Keluarga (\d{5})", everything, re.MULTILINE)
    assert len(numbered) == 500
    by_group: dict[str, list[int]] = {}
    for number, serial in numbered:
        by_group.setdefault(needing[int(serial)].kelurahan_code, []).append(int(number))
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in by_group.values())
    # The signatures come last.
    assert "Mengetahui," in texts[-1] and "Mengetahui," not in texts[-2]


@needs_tools
def test_erased_and_odd_households(signer: Signer, tmp_path: Path) -> None:
    needing = [
        household(1, erased=True, head_name="", no_kk="", address=""),
        household(2, head_name="Nama " + "Sangat Panjang " * 8, address="Gang " * 40),
        household(3, head_name="Ni Luh (Ayu) \\ Putu", rt="", rw=""),
        household(4, head_name="Siti ☺ 漢字 Aminah"),  # outside the built-in font's encoding
    ]
    target = write_recap(tmp_path / "rekap.pdf", recap(signer, needing), signer)
    text = pdf_text(target)
    assert ERASED in text
    long_row = next(ln for ln in text.splitlines() if "Nama Sangat Panjang" in ln)
    assert "…" in long_row and "Gagal" in long_row  # cut to fit, the row goes on
    assert "Ni Luh (Ayu) \\ Putu" in text
    odd_row = next(ln for ln in text.splitlines() if "Ni Luh (Ayu)" in ln)
    assert " – " in odd_row  # no RT/RW
    assert "Siti" in text and "Aminah" in text


@needs_tools
def test_nothing_to_visit_says_so(signer: Signer, tmp_path: Path) -> None:
    target = write_recap(tmp_path / "rekap.pdf", recap(signer, []), signer)
    words = flat(pdf_text(target))
    assert "Tidak ada: semua rumah tangga dalam cakupan sudah berhasil." in words
    assert "Halaman 1 dari 1" in words


@needs_tools
def test_empty_figures_do_not_divide_by_zero(signer: Signer, tmp_path: Path) -> None:
    data = recap(signer, [])
    data.visits_by_outcome = {}
    data.households_by_status = {}
    data.failures_by_reason = {}
    data.by_kelurahan = []
    target = write_recap(tmp_path / "rekap.pdf", data, signer)
    text = pdf_text(target)
    assert cells(text, "Jumlah rumah tangga")[:3] == ["Jumlah rumah tangga", "0", "–"]


# -- signed file, progress, cancelling ----------------------------------------------------------


def test_the_recap_is_signed_and_a_changed_byte_is_caught(signer: Signer, tmp_path: Path) -> None:
    target = write_recap(tmp_path / "rekap.pdf", recap(signer, [household(1)]), signer)
    data = target.read_bytes()
    assert verify_pdf(data, KeyRing([signer.public_key])) == signer.public_key
    middle = len(data) // 2
    tampered = data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :]
    with pytest.raises(SignatureProblem) as problem:
        verify_pdf(tampered, KeyRing([signer.public_key]))
    assert problem.value.reason == "tanda_tangan_salah"


def test_cancelling_leaves_nothing_on_disk(signer: Signer, tmp_path: Path) -> None:
    holder: list[Progress] = []

    def report(done: int, total: int, text: str) -> None:
        if done > 0:
            holder[0].cancel()

    holder.append(Progress(report))
    needing = [household(i) for i in range(300)]
    with pytest.raises(Cancelled):
        write_recap(tmp_path / "rekap.pdf", recap(signer, needing), signer, progress=holder[0])
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_end(signer: Signer, tmp_path: Path) -> None:
    reports: list[tuple[int, int, str]] = []
    needing = [household(i) for i in range(300)]
    progress = Progress(lambda *report: reports.append(report))
    write_recap(tmp_path / "rekap.pdf", recap(signer, needing), signer, progress=progress)
    assert reports[0][:2] == (0, 300) and reports[-1][:2] == (300, 300)
    assert [done for done, _, _ in reports] == sorted(done for done, _, _ in reports)


@pytest.mark.slow
@needs_tools
def test_forty_thousand_households_all_listed(signer: Signer, tmp_path: Path) -> None:
    codes = list(KELURAHAN)
    statuses = [Outcome.GAGAL, Outcome.BELUM, None]
    needing = [household(i, codes[i * 3 // 40_000], statuses[i % 3]) for i in range(40_000)]
    # Its speed is measured in bench/bench_documents.py, not asserted here.
    target = write_recap(tmp_path / "rekap.pdf", recap(signer, needing), signer)
    total = page_count(target)
    assert total > 600
    last = pdf_text(target, page=total - 1) + pdf_text(target, page=total)
    assert "Kepala Keluarga 39999" in last
    assert f"Halaman {total} dari {total}" in flat(last)
