"""Proof slips ("Bukti Pendampingan SP Online") as one signed PDF.

One slip per A4 page, or two per A4 sheet (A5 halves, top and bottom, with a dashed cut
line). Every slip carries a signed QR code and its short verification code; the whole PDF
is signed too (`pdf_kit.write_signed_pdf`) and lists every slip's QR text in its Keywords
metadata, so a verifier can read the claims without rendering the pages.

Slips are drawn straight onto a reportlab canvas (no platypus): a thousand slips is a
normal print run for a busy post, and most of the time then goes to the QR codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from sp_desktop.core.base.i18n import N_, _
from sp_desktop.core.documents.pdf_kit import (
    draw_qr,
    fit_text,
    qr_matrix,
    wrap_text,
    write_signed_pdf,
)
from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.domain.official_text import day_date_text, day_datetime_text

if TYPE_CHECKING:
    from sp_desktop.core.base.progress import Progress
    from sp_desktop.core.domain.reports import SlipData
    from sp_desktop.core.trust.signing import Signer

TITLE = "Bukti Pendampingan SP Online"
SUBTITLE = "Sensus Penduduk Online 2020"
ERASED = "(data pribadi telah dihapus)"
HOW_TO_CHECK = (
    "Periksa keaslian: pindai QR atau ketik kode ini di SP Desktop, menu Dokumen › "
    "Periksa keaslian dokumen"
)
SIGNED_NOTE = "Dokumen ini bertanda tangan elektronik SP Desktop."
NOTES = (
    "Simpan lembar ini sebagai bukti pendampingan, dan tunjukkan bila petugas sensus berkunjung.",
    "BERHASIL berarti data rumah tangga sudah terkirim lewat SP Online. GAGAL atau BELUM "
    "berarti pengisian belum selesai: rumah tangga akan didampingi lagi atau didata saat "
    "SP Wawancara.",
    "Keaslian lembar ini dapat diperiksa dengan memindai kode QR atau mengetik kode "
    "verifikasi di SP Desktop.",
)
PROGRESS_TEXT = N_("Membuat bukti …")

_MM = 72 / 25.4
_REGULAR = "Helvetica"
_BOLD = "Helvetica-Bold"
_ITALIC = "Helvetica-Oblique"
_MONO = "Courier-Bold"

# (badge fill, badge ink) per outcome: readable in colour and as greys on a B/W printer.
_OUTCOME_COLOURS: dict[Outcome, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    Outcome.BERHASIL: ((0.89, 0.96, 0.90), (0.05, 0.38, 0.16)),
    Outcome.GAGAL: ((0.99, 0.90, 0.90), (0.66, 0.0, 0.11)),
    Outcome.BELUM: ((1.0, 0.95, 0.84), (0.55, 0.33, 0.0)),
}


@dataclass(frozen=True)
class _Look:
    """Sizes for one slip format, in points."""

    width: float
    height: float
    margin_x: float
    margin_y: float
    title_size: float
    text_size: float
    label_size: float
    line: float  # baseline to baseline in the fields
    label_width: float
    qr_size: float  # quiet zone included
    code_size: float
    notes: bool  # room for notes and the helper's signature (A4)
    note_lines: int  # most lines for a free-text note


_A4_LOOK = _Look(
    width=210 * _MM, height=297 * _MM, margin_x=18 * _MM, margin_y=16 * _MM,
    title_size=19, text_size=10.5, label_size=9, line=15.5, label_width=37 * _MM,
    qr_size=52 * _MM, code_size=15, notes=True, note_lines=5,
)  # fmt: skip
_A5_LOOK = _Look(
    width=210 * _MM, height=148.5 * _MM, margin_x=12 * _MM, margin_y=9 * _MM,
    title_size=15, text_size=9.5, label_size=8, line=12.4, label_width=33 * _MM,
    qr_size=48 * _MM, code_size=12.5, notes=False, note_lines=3,
)  # fmt: skip


def write_slips(
    path: Path,
    slips: Sequence[SlipData],
    signer: Signer,
    *,
    page: Literal["a4", "a5"] = "a4",
    progress: Progress | None = None,
) -> Path:
    """Write `slips` to one signed PDF at `path` (atomically) and return `path`.

    page="a4": one slip per A4 page; page="a5": two slips per A4 sheet, to be cut in half.
    `progress` hears about every slip and may cancel (Cancelled): nothing is written then.
    """
    if page not in ("a4", "a5"):
        raise ValueError(f"page must be 'a4' or 'a5', not {page!r}")
    slips = list(slips)
    if not slips:
        raise ValueError("no slips to write")
    look = _A4_LOOK if page == "a4" else _A5_LOOK
    total = len(slips)

    def render(out: IO[bytes]) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen.canvas import Canvas

        canvas = Canvas(out, pagesize=A4, pageCompression=1)
        canvas.setTitle(TITLE)
        canvas.setSubject(f"{TITLE} ({total} lembar)")
        canvas.setAuthor(slips[0].office or "SP Desktop")
        canvas.setCreator("SP Desktop")
        # The signed claims, readable without rendering: "SP1:… SP1:…".
        canvas.setKeywords(" ".join(slip.qr_text for slip in slips))
        if progress is not None:
            progress.report(0, total, _(PROGRESS_TEXT))
        for index, slip in enumerate(slips):
            if page == "a4":
                _draw_slip(canvas, slip, look, 0, 0)
                canvas.showPage()
            elif index % 2 == 0:
                _draw_cut_line(canvas, look)
                _draw_slip(canvas, slip, look, 0, look.height)
                if index == total - 1:
                    canvas.showPage()
            else:
                _draw_slip(canvas, slip, look, 0, 0)
                canvas.showPage()
            if progress is not None:
                progress.report(index + 1, total, _(PROGRESS_TEXT))
        canvas.save()

    return write_signed_pdf(path, render, signer)


def _draw_cut_line(canvas: Any, look: _Look) -> None:
    y = look.height
    label = "potong di sini"
    canvas.saveState()
    canvas.setFillGray(0.45)
    canvas.setFont(_REGULAR, 6.5)
    canvas.drawString(6 * _MM, y - 2.2, label)
    canvas.setStrokeGray(0.45)
    canvas.setLineWidth(0.6)
    canvas.setDash(4, 3)
    canvas.line(6 * _MM + 48, y, look.width - 6 * _MM, y)
    canvas.restoreState()


def _draw_slip(canvas: Any, slip: SlipData, look: _Look, x0: float, y0: float) -> None:
    """One slip in the box of look.width × look.height whose lower left corner is (x0, y0)."""
    left = x0 + look.margin_x
    right = x0 + look.width - look.margin_x
    top = y0 + look.height - look.margin_y
    bottom = y0 + look.margin_y

    # -- header: title, office, and the outcome as a badge --------------------------------
    badge_w, badge_h = (56 * _MM, 17 * _MM) if look.notes else (50 * _MM, 14 * _MM)
    canvas.setFillGray(0)
    canvas.setFont(_BOLD, look.title_size)
    canvas.drawString(left, top - look.title_size * 0.8, TITLE)
    sub_size = look.label_size + 0.5
    canvas.setFont(_REGULAR, sub_size)
    canvas.setFillGray(0.3)
    sub_y = top - look.title_size * 0.8 - sub_size * 1.55
    canvas.drawString(left, sub_y, SUBTITLE)
    office = fit_text(slip.office, _BOLD, sub_size, right - left - badge_w - 6 * _MM)
    canvas.setFont(_BOLD, sub_size)
    canvas.setFillGray(0)
    canvas.drawString(left, sub_y - sub_size * 1.3, office)

    fill, ink = _OUTCOME_COLOURS[slip.outcome]
    badge_y = top - badge_h
    canvas.setFillColorRGB(*fill)
    canvas.setStrokeColorRGB(*ink)
    canvas.setLineWidth(1.6)
    canvas.roundRect(right - badge_w, badge_y, badge_w, badge_h, 2.5, stroke=1, fill=1)
    canvas.setFillColorRGB(*ink)
    centre = right - badge_w / 2
    canvas.setFont(_BOLD, look.label_size - 1)
    canvas.drawCentredString(centre, top - (look.label_size + 2), "HASIL SP ONLINE")
    outcome_size = badge_h * 0.5
    canvas.setFont(_BOLD, outcome_size)
    canvas.drawCentredString(centre, badge_y + badge_h * 0.2, slip.outcome.label.upper())

    rule_y = min(badge_y, sub_y - sub_size * 1.3) - 3.5 * _MM
    canvas.setStrokeGray(0)
    canvas.setLineWidth(1.2)
    canvas.line(left, rule_y, right, rule_y)

    # -- right column: QR code, verification code, how to check ----------------------------
    qr_size = look.qr_size
    qr_x = right - qr_size
    qr_top = rule_y - 1.5 * _MM
    draw_qr(canvas, qr_matrix(slip.qr_text), qr_x, qr_top - qr_size, qr_size)
    qr_centre = qr_x + qr_size / 2
    y = qr_top - qr_size + 1 * _MM  # the quiet zone is white space already
    canvas.setFillGray(0.3)
    canvas.setFont(_REGULAR, look.label_size)
    canvas.drawCentredString(qr_centre, y - look.label_size, "Kode verifikasi")
    y -= look.label_size + look.code_size * 1.25
    canvas.setFillGray(0)
    canvas.setFont(_MONO, look.code_size)
    canvas.drawCentredString(qr_centre, y, slip.short_code)
    help_size = look.label_size - 1
    canvas.setFont(_REGULAR, help_size)
    canvas.setFillGray(0.25)
    y -= look.code_size * 0.6
    for text in wrap_text(HOW_TO_CHECK, _REGULAR, help_size, qr_size, 4):
        y -= help_size * 1.25
        canvas.drawCentredString(qr_centre, y, text)

    # -- left column: the household and the visit ------------------------------------------
    footer_y = bottom + 2 * _MM
    floor = footer_y + look.label_size * 1.3 + 3 * _MM
    if look.notes:
        floor += _notes_height(look, right - left)
    fields_top = rule_y - 4.5 * _MM
    fields = _Fields(look, left, qr_x - 7 * _MM)
    for compact in (False, True):
        fields.entries.clear()
        _slip_fields(fields, slip, look, compact=compact)
        if fields_top - fields.height() >= floor:
            break
    fields.draw(canvas, fields_top)

    # -- A4: notes for the household and the helper's signature, just above the footer ------
    if look.notes:
        _draw_notes(canvas, slip, look, left, right, floor)

    # -- footer ----------------------------------------------------------------------------
    canvas.setStrokeGray(0.55)
    canvas.setLineWidth(0.5)
    canvas.line(left, footer_y + look.label_size * 1.3, right, footer_y + look.label_size * 1.3)
    canvas.setFont(_REGULAR, look.label_size - 0.5)
    canvas.setFillGray(0.25)
    canvas.drawString(left, footer_y, f"Sidik kunci kantor: {slip.key_fingerprint}")
    canvas.drawRightString(right, footer_y, SIGNED_NOTE)


def _slip_fields(fields: _Fields, slip: SlipData, look: _Look, *, compact: bool) -> None:
    """The left column's rows; `compact` allows one line per value (still everything)."""

    def lines(most: int) -> int:
        return 1 if compact else most

    fields.heading("RUMAH TANGGA")
    if slip.erased:
        for label in ("Kepala keluarga", "No KK", "NIK kepala keluarga", "Alamat"):
            fields.row(label, [ERASED], _ITALIC, grey=True)
    else:
        fields.row("Kepala keluarga", [slip.head_name], _BOLD, look.text_size + 1, lines(3))
        fields.row("No KK", [slip.kk_masked])
        fields.row("NIK kepala keluarga", [slip.nik_masked])
        address = [line for line in slip.address_lines if line.strip()]
        fields.row("Alamat", address, each=lines(2), most=lines(3) + 2)
    fields.row("Alasan perlu bantuan", [slip.help_reason.label], most=lines(2))
    fields.gap()
    fields.heading("PENDAMPINGAN")
    fields.row("Waktu", [day_datetime_text(slip.visited_at)])
    fields.row("Pendamping", [slip.helper_name], most=lines(2))
    fields.row("NIP pendamping", [slip.helper_nip])
    post = ", ".join(part for part in (slip.post_name, slip.post_kelurahan_label) if part)
    fields.row("Posko", [post], most=lines(2))
    fields.row("Hasil", [slip.outcome.label.upper()], _BOLD)
    if slip.outcome is Outcome.GAGAL:
        if slip.failure_reason is not None:
            fields.row("Alasan gagal", [slip.failure_reason.label], _BOLD, most=lines(2))
        if slip.failure_note.strip():
            fields.row("Catatan", [slip.failure_note], most=lines(look.note_lines))
    if slip.revisit_date is not None:
        fields.row("Kunjungan ulang", [day_date_text(slip.revisit_date)], _BOLD)


def _note_size(look: _Look) -> float:
    return look.label_size + 0.5


def _notes_height(look: _Look, width: float) -> float:
    size = _note_size(look)
    count = sum(len(wrap_text(note, _REGULAR, size, width - 6 * _MM)) for note in NOTES)
    return size * 2 + count * size * 1.45 + 12 * _MM + 22 * _MM + size * 4


def _draw_notes(
    canvas: Any, slip: SlipData, look: _Look, left: float, right: float, top: float
) -> None:
    size = _note_size(look)
    canvas.setStrokeGray(0.55)
    canvas.setLineWidth(0.5)
    canvas.line(left, top, right, top)
    y = top - size * 2
    canvas.setFillGray(0)
    canvas.setFont(_BOLD, size)
    canvas.drawString(left, y, "Keterangan")
    canvas.setFont(_REGULAR, size)
    canvas.setFillGray(0.15)
    for number, note in enumerate(NOTES, start=1):
        for index, text in enumerate(wrap_text(note, _REGULAR, size, right - left - 6 * _MM)):
            y -= size * 1.45
            if index == 0:
                canvas.drawString(left, y, f"{number}.")
            canvas.drawString(left + 6 * _MM, y, text)

    # The helper signs on the right, as on any Indonesian letter.
    width = 80 * _MM
    x = right - width
    y -= 12 * _MM
    canvas.setFillGray(0)
    canvas.drawString(x, y, "Pendamping,")
    y -= 22 * _MM
    canvas.setFont(_BOLD, size)
    names = wrap_text(slip.helper_name, _BOLD, size, width, 2)
    for index, text in enumerate(names):  # the last line sits on the signature line
        canvas.drawString(x, y + (len(names) - 1 - index) * size * 1.25, text)
    canvas.setStrokeGray(0)
    canvas.line(x, y - 2.5, right, y - 2.5)
    canvas.setFont(_REGULAR, size)
    canvas.drawString(x, y - size * 1.6, f"NIP {slip.helper_nip}".rstrip())


class _Fields:
    """Label / value rows down the left column: laid out first, so a slip with very long
    texts can be laid out again more compactly before anything is drawn."""

    def __init__(self, look: _Look, left: float, right: float) -> None:
        self.look = look
        self.left = left
        self.right = right
        self.value_x = left + look.label_width
        self.value_width = right - self.value_x
        # ("heading", text) | ("gap",) | ("row", label, lines, font, size, grey)
        self.entries: list[tuple[Any, ...]] = []

    def heading(self, text: str) -> None:
        self.entries.append(("heading", text))

    def gap(self) -> None:
        self.entries.append(("gap",))

    def row(
        self,
        label: str,
        values: list[str],
        font: str = _REGULAR,
        size: float = 0,
        most: int = 1,
        *,
        each: int = 0,
        grey: bool = False,
    ) -> None:
        """`values` wrapped to `each` lines apiece (default: `most`), `most` in all."""
        size = size or self.look.text_size
        lines: list[str] = []
        for value in values:
            room = min(most - len(lines), each or most)
            if room <= 0:
                break
            lines += wrap_text(value, font, size, self.value_width, room)
        self.entries.append(("row", label, lines or ["–"], font, size, grey))

    def _advance(self, entry: tuple[Any, ...]) -> list[float]:
        """Vertical steps before each line of `entry`."""
        look = self.look
        if entry[0] == "heading":
            return [look.label_size + look.line * 0.35]
        if entry[0] == "gap":
            return [look.line * 0.8]
        size = entry[4]
        return [look.line] + [size * 1.2] * (len(entry[2]) - 1)

    def height(self) -> float:
        return sum(sum(self._advance(entry)) for entry in self.entries)

    def draw(self, canvas: Any, top: float) -> float:
        """Draw from `top` down; return the last baseline."""
        look = self.look
        y = top
        for entry in self.entries:
            kind = entry[0]
            if kind == "gap":
                y -= look.line * 0.8
            elif kind == "heading":
                y -= look.label_size
                canvas.setFont(_BOLD, look.label_size - 0.5)
                canvas.setFillGray(0.35)
                canvas.drawString(self.left, y, entry[1])
                canvas.setStrokeGray(0.7)
                canvas.setLineWidth(0.5)
                line_y = y - look.label_size * 0.45
                canvas.line(self.left, line_y, self.right, line_y)
                y -= look.line * 0.35
            else:
                _kind, label, lines, font, size, grey = entry
                y -= look.line
                canvas.setFont(_REGULAR, look.label_size)
                canvas.setFillGray(0.35)
                canvas.drawString(self.left, y, label)
                canvas.setFont(font, size)
                canvas.setFillGray(0.4 if grey else 0)
                for index, text in enumerate(lines):
                    if index:
                        y -= size * 1.2
                    canvas.drawString(self.value_x, y, text)
        return y
