"""Proof slips, read back from real PDFs with independent tools.

pdftoppm renders each page at 150 dpi and zbarimg decodes the QR codes from the pixels, the
way a phone would see the printed slip; pdftotext reads the text; pdfinfo the metadata.
"""

from __future__ import annotations

import os
import random
import re
import string
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from readback import decode_pages, flat, needs_tools, page_count, pdf_text

from sp_desktop.core.base.progress import Cancelled, Progress
from sp_desktop.core.documents import pdf_kit
from sp_desktop.core.documents.slip_document import ERASED, HOW_TO_CHECK, write_slips
from sp_desktop.core.domain.model import FailureReason, HelpReason, Outcome
from sp_desktop.core.domain.reports import SlipData
from sp_desktop.core.trust.signing import (
    KeyRing,
    SignatureProblem,
    Signer,
    SlipClaim,
    short_code,
    slip_qr_text,
    verify_pdf,
    verify_slip_qr_text,
)

OFFICE = "Kantor Lurah Ampenan Selatan"
KELURAHAN = "Kelurahan Ampenan Selatan, Kec. Ampenan, Kota Mataram"
NAMES = ("Baiq Nurul Hakim", "Lalu Ahmad Hidayat", "I Made Wirawan", "Siti Aminah", "Ni Luh Ayu")


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer(Signer.new_private_key(), office=OFFICE, kelurahan_code="5271011003")


def make_slip(
    signer: Signer, serial: int, outcome: Outcome = Outcome.BERHASIL, **changes: object
) -> SlipData:
    kk = f"5271**********{serial % 100:02d}"
    visit_id = str(uuid.UUID(int=0x5D00 + serial))
    visited = datetime(2026, 11, 21, 9, 15)
    claim = SlipClaim(visit_id, kk, outcome, visited.date(), signer.key_id)
    qr_text = slip_qr_text(claim, signer)
    slip = SlipData(
        office=OFFICE,
        post_name="Posko Kantor Lurah",
        post_kelurahan_label=KELURAHAN,
        helper_name="Siti Rahmawati",
        helper_nip="198501012010012002",
        head_name=f"{NAMES[serial % len(NAMES)]} {serial}",
        kk_masked=kk,
        nik_masked=f"5271**********{(serial + 50) % 100:02d}",
        address_lines=["Jl. Saleh Sungkar No. 12", "RT 003 / RW 001", KELURAHAN],
        visited_at=visited,
        outcome=outcome,
        failure_reason=FailureReason.SITUS_SIBUK if outcome is Outcome.GAGAL else None,
        failure_note="Situs tidak bisa dibuka sejak pagi" if outcome is Outcome.GAGAL else "",
        revisit_date=date(2026, 11, 23) if outcome is not Outcome.BERHASIL else None,
        help_reason=HelpReason.LANSIA,
        qr_text=qr_text,
        short_code=short_code(qr_text),
        key_fingerprint=signer.fingerprint,
    )
    return replace(slip, **changes)  # type: ignore[arg-type]


def right_column_text(pdf: Path, page: int = 1) -> str:
    """The text right of x = 140 mm on an A4 page: the outcome badge and the QR column."""
    crop = ["-x", "397", "-y", "0", "-W", "200", "-H", "842"]  # points at 72 dpi
    pages = ["-f", str(page), "-l", str(page)]
    result = subprocess.run(
        ["pdftotext", *crop, *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def flipped(text: str, index: int) -> str:
    """`text` with the character at `index` replaced by another of the same kind."""
    char = text[index]
    pool = string.digits if char.isdigit() else "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    if char == "*":
        pool = "0123456789"
    other = next(c for c in pool if c != char)
    return text[:index] + other + text[index + 1 :]


# -- the import stays cheap -------------------------------------------------------------------


def test_importing_the_writers_loads_no_pdf_library() -> None:
    code = (
        "import sys\n"
        "import sp_desktop.core.documents.slip_document, sp_desktop.core.documents.recap_document\n"
        "import sp_desktop.core.documents.pdf_kit, sp_desktop.core.security.security_documents\n"
        "loaded = [m for m in ('reportlab', 'qrcode', 'PIL') if m in sys.modules]\n"
        "print(loaded); sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- QR codes -------------------------------------------------------------------------------


def test_the_fast_mask_choice_builds_exactly_the_symbol_qrcode_builds() -> None:
    """qr_matrix tries the eight masks by flipping data bits of one symbol; whichever it
    picks, the result must be qrcode's own symbol with that mask, for every version."""
    import qrcode

    rnd = random.Random(2020)
    alphabet = string.ascii_uppercase + string.digits + ":*"
    for length in (1, 10, 30, 60, 120, 186, 190, 260, 400, 700):
        text = "".join(rnd.choice(alphabet) for _ in range(length))
        matrix = pdf_kit.qr_matrix(text)
        candidates = []
        for mask in range(8):
            qr = qrcode.QRCode(
                error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, mask_pattern=mask
            )
            qr.add_data(text)
            qr.make(fit=True)
            candidates.append(qr.get_matrix())
        assert matrix in candidates, length


def test_the_mask_penalty_prefers_a_readable_symbol() -> None:
    # A symbol of one colour is the worst there is; a checkerboard has no runs or blocks.
    n = 21
    plain = [(1 << n) - 1] * n
    checker = [(0x155555 if r % 2 else 0x0AAAAA) & ((1 << n) - 1) for r in range(n)]
    assert pdf_kit._penalty(checker, n) < pdf_kit._penalty(plain, n)
    # N1 for 42 lines of 21 (19 each), N2 for 400 blocks (3 each), N4 for 100% dark (100).
    assert pdf_kit._penalty(plain, n) == 42 * 19 + 400 * 3 + 100
    # A checkerboard: no runs, no blocks, no finder look-alikes, 221 of 441 dark (N4 0).
    assert pdf_kit._penalty(checker, n) == 0


def test_the_qr_code_is_at_least_40_mm_wide(signer: Signer) -> None:
    from sp_desktop.core.documents import slip_document

    matrix = pdf_kit.qr_matrix(make_slip(signer, 1).qr_text)
    modules = len(matrix)
    for look in (slip_document._A4_LOOK, slip_document._A5_LOOK):
        symbol_mm = look.qr_size * (modules - 2 * pdf_kit.QR_BORDER) / modules * 25.4 / 72
        assert symbol_mm >= 40, symbol_mm


# -- A4 -------------------------------------------------------------------------------------


@needs_tools
def test_every_slip_qr_scans_back_and_verifies(signer: Signer, tmp_path: Path) -> None:
    slips = [
        make_slip(signer, 1, Outcome.BERHASIL),
        make_slip(signer, 2, Outcome.GAGAL),
        make_slip(signer, 3, Outcome.BELUM),
    ]
    target = tmp_path / "bukti.pdf"
    assert write_slips(target, slips, signer) == target

    decoded = decode_pages(target, tmp_path / "png")
    assert decoded == [[slip.qr_text] for slip in slips]  # one slip per page, in order
    keys = KeyRing([signer.public_key])
    for slip, [text] in zip(slips, decoded, strict=True):
        claim, key = verify_slip_qr_text(text, keys)
        assert key == signer.public_key
        assert (claim.outcome, claim.kk_masked) == (slip.outcome, slip.kk_masked)
        assert short_code(text) == slip.short_code


@needs_tools
def test_a_changed_qr_payload_fails_verification(signer: Signer, tmp_path: Path) -> None:
    slip = make_slip(signer, 4, Outcome.GAGAL)
    target = write_slips(tmp_path / "bukti.pdf", [slip], signer)
    [[text]] = decode_pages(target, tmp_path / "png")
    keys = KeyRing([signer.public_key])
    verify_slip_qr_text(text, keys)
    for index, char in enumerate(text):
        if char == ":":
            continue
        with pytest.raises(SignatureProblem):
            verify_slip_qr_text(flipped(text, index), keys)
    # A change inside the signed part (here the family card) is a bad signature, not noise.
    kk_start = text.index("5271")
    with pytest.raises(SignatureProblem) as problem:
        verify_slip_qr_text(flipped(text, kk_start + 15), keys)
    assert problem.value.reason == "tanda_tangan_salah"


@needs_tools
def test_slip_text_shows_everything_the_household_keeps(signer: Signer, tmp_path: Path) -> None:
    gagal = make_slip(signer, 5, Outcome.GAGAL)
    berhasil = make_slip(signer, 6, Outcome.BERHASIL)
    target = write_slips(tmp_path / "bukti.pdf", [gagal, berhasil], signer)
    assert page_count(target) == 2

    first = flat(pdf_text(target, page=1))
    for expected in (
        "Bukti Pendampingan SP Online",
        OFFICE,
        gagal.head_name,
        gagal.kk_masked,
        gagal.nik_masked,
        "Jl. Saleh Sungkar No. 12",
        "RT 003 / RW 001",
        "Sabtu, 21 November 2026, 09.15",
        "GAGAL",
        "Situs sibuk / tidak bisa dibuka",
        "Situs tidak bisa dibuka sejak pagi",
        "Senin, 23 November 2026",
        "Lanjut usia",
        "Siti Rahmawati",
        "198501012010012002",
        "Posko Kantor Lurah",
        f"Sidik kunci kantor: {signer.fingerprint}",
    ):
        assert expected in first, expected
    assert berhasil.head_name not in first
    # Under the QR code: the code to type and how to check, in that order.
    column = flat(right_column_text(target))
    assert f"HASIL SP ONLINE GAGAL Kode verifikasi {gagal.short_code} {flat(HOW_TO_CHECK)}" in (
        column
    )

    second = flat(pdf_text(target, page=2))
    assert f"Kode verifikasi {berhasil.short_code}" in flat(right_column_text(target, 2))
    assert "HASIL SP ONLINE BERHASIL" in flat(right_column_text(target, 2))
    assert "Alasan gagal" not in second and "Kunjungan ulang" not in second


@needs_tools
def test_an_erased_slip_prints_no_personal_data(signer: Signer, tmp_path: Path) -> None:
    # The fields still hold values here, to prove the writer itself leaves them out.
    slip = make_slip(signer, 7, Outcome.BELUM, erased=True)
    target = write_slips(tmp_path / "bukti.pdf", [slip], signer)
    text = flat(pdf_text(target))
    assert text.count(ERASED) == 4  # name, KK, NIK, address
    for personal in (slip.head_name, slip.nik_masked, "Jl. Saleh Sungkar"):
        assert personal not in text
    assert "BELUM" in text and slip.short_code in text
    assert decode_pages(target, tmp_path / "png") == [[slip.qr_text]]


@needs_tools
def test_long_texts_stay_inside_the_slip(signer: Signer, tmp_path: Path) -> None:
    long_name = "Lalu Muhammad Zainuddin Abdul Rahman Hakim Nurdin Saputra Wijaya Kusuma"
    slip = make_slip(
        signer,
        8,
        Outcome.GAGAL,
        head_name=long_name,
        office="Kantor Kelurahan " + "Sangat Panjang " * 10,
        address_lines=[
            "Gang Melati III, belakang Masjid Nurul Huda " * 4,
            "RT 1 / RW 2",
            KELURAHAN,
        ],
        failure_note="Catatan yang sangat panjang sekali. " * 30,
    )
    for page in ("a4", "a5"):
        target = write_slips(tmp_path / f"bukti-{page}.pdf", [slip], signer, page=page)  # type: ignore[arg-type]
        assert page_count(target) == 1
        text = flat(pdf_text(target))
        assert f"Sidik kunci kantor: {signer.fingerprint}" in text  # the footer is not overrun
        assert slip.short_code in text
        assert decode_pages(target, tmp_path / f"png-{page}") == [[slip.qr_text]]


# -- A5 -------------------------------------------------------------------------------------


@needs_tools
def test_a5_puts_two_slips_on_each_sheet(signer: Signer, tmp_path: Path) -> None:
    slips = [make_slip(signer, 10 + i, list(Outcome)[i % 3]) for i in range(3)]
    target = write_slips(tmp_path / "bukti.pdf", slips, signer, page="a5")
    assert page_count(target) == 2
    decoded = decode_pages(target, tmp_path / "png")
    assert decoded == [sorted([slips[0].qr_text, slips[1].qr_text]), [slips[2].qr_text]]
    first = pdf_text(target, page=1)
    assert slips[0].head_name in first and slips[1].head_name in first
    assert "potong di sini" in first
    # Top to bottom in order: the first slip on the upper half.
    assert first.index(slips[0].head_name) < first.index(slips[1].head_name)
    keys = KeyRing([signer.public_key])
    for texts in decoded:
        for text in texts:
            verify_slip_qr_text(text, keys)


def test_an_unknown_page_format_is_refused(signer: Signer, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_slips(tmp_path / "bukti.pdf", [make_slip(signer, 1)], signer, page="a3")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        write_slips(tmp_path / "bukti.pdf", [], signer)
    assert list(tmp_path.iterdir()) == []


# -- signed file and metadata -----------------------------------------------------------------


def test_the_pdf_is_signed_and_a_changed_byte_is_caught(signer: Signer, tmp_path: Path) -> None:
    target = write_slips(tmp_path / "bukti.pdf", [make_slip(signer, 20)], signer)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert verify_pdf(data, KeyRing([signer.public_key])) == signer.public_key

    middle = len(data) // 2
    tampered = data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]
    with pytest.raises(SignatureProblem) as problem:
        verify_pdf(tampered, KeyRing([signer.public_key]))
    assert problem.value.reason == "tanda_tangan_salah"

    other = Signer(Signer.new_private_key())
    with pytest.raises(SignatureProblem) as unknown:
        verify_pdf(data, KeyRing([other.public_key]))
    assert unknown.value.reason == "kunci_tidak_dikenal"


@needs_tools
def test_the_metadata_lists_every_claim(signer: Signer, tmp_path: Path) -> None:
    slips = [make_slip(signer, 30 + i, list(Outcome)[i % 3]) for i in range(5)]
    target = write_slips(tmp_path / "bukti.pdf", slips, signer, page="a5")
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    match = re.search(r"^Keywords:\s+(.*)$", info.stdout, re.MULTILINE)
    assert match, info.stdout
    assert match[1].split() == [slip.qr_text for slip in slips]
    assert re.search(r"^Title:\s+Bukti Pendampingan SP Online$", info.stdout, re.MULTILINE)
    keys = KeyRing([signer.public_key])
    for text in match[1].split():
        verify_slip_qr_text(text, keys)


# -- progress, cancelling, the file on disk -----------------------------------------------------


def test_progress_hears_about_every_slip(signer: Signer, tmp_path: Path) -> None:
    reports: list[tuple[int, int, str]] = []
    slips = [make_slip(signer, 40 + i) for i in range(4)]
    write_slips(
        tmp_path / "bukti.pdf", slips, signer, progress=Progress(lambda *r: reports.append(r))
    )
    assert [(done, total) for done, total, _ in reports] == [(i, 4) for i in range(5)]
    assert all(text == "Membuat bukti …" for *_, text in reports)


def cancelling_at(step: int) -> Progress:
    """A Progress whose user presses Batal once `step` units are done."""
    holder: list[Progress] = []

    def report(done: int, total: int, text: str) -> None:
        if done == step:
            holder[0].cancel()

    holder.append(Progress(report))
    return holder[0]


def test_cancelling_leaves_nothing_on_disk(signer: Signer, tmp_path: Path) -> None:
    target = tmp_path / "bukti.pdf"
    slips = [make_slip(signer, 50 + i) for i in range(5)]
    for page in ("a4", "a5"):
        with pytest.raises(Cancelled):
            write_slips(target, slips, signer, page=page, progress=cancelling_at(2))  # type: ignore[arg-type]
        assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(signer: Signer, tmp_path: Path) -> None:
    target = tmp_path / "bukti.pdf"
    write_slips(target, [make_slip(signer, 60)], signer)
    before = target.read_bytes()
    broken = make_slip(signer, 61, qr_text="x" * 5000)  # far too long for any QR code
    with pytest.raises(ValueError):
        write_slips(target, [make_slip(signer, 62), broken], signer)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bukti.pdf"]
    if os.name == "posix":  # names and numbers: other accounts on the PC cannot read it
        assert target.stat().st_mode & 0o077 == 0
