"""The two-weekly evaluation ("Evaluasi Capaian SP Online ASN") as a PDF or an XLSX workbook.

Every OPD head must know how many of their ASN completed SP Online (sudah), failed (gagal)
or have not yet (belum) against their target, and the city evaluates that every two weeks
(field-notes.md). `monitoring.Evaluation` holds the state at the end of a period and at
the end of the period before it; this module only renders it.

The PDF is A4 landscape: the OPD table has fifteen columns and OPD names are long, and a
landscape page gives every column room at a size that reads on paper. It is meant for a
black-and-white printer: the chart tells "below target" apart by a hatched bar, a
triangle and a bold name, never by colour alone; grey fills are light enough to print.
Sections: A summary, B chart (reportlab.graphics, split over pages row by row), C table
per OPD (heading repeated on every page), D the OPDs below target with how many more ASN
each needs, E households per kelurahan; "Halaman x dari y" on every page.

The workbook has "Ringkasan", "Per OPD" and "Kelurahan": counts are numbers, percentages
are fractions with a percent format, so the figures can be sorted and summed in Excel.

Both are written atomically (`files.write_atomically`): a failure leaves no file and an
existing file untouched. A PDF may be signed like the recap (`pdf_kit.write_signed_pdf`).
reportlab and openpyxl are imported inside the functions, as everywhere in the core.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.files import write_atomically
from sp_desktop.core.base.i18n import _
from sp_desktop.core.documents.pdf_kit import (
    fit_text,
    info_table,
    markup,
    numbered_canvas,
    styles,
    wrap_text,
    write_signed_pdf,
)
from sp_desktop.core.domain.monitoring import (
    Evaluation,
    KelurahanComparison,
    OpdComparison,
    percent_of,
    points_change,
)
from sp_desktop.core.domain.official_text import (
    date_text,
    datetime_text,
    format_count,
    local,
    percent_text,
    short_date_text,
)

if TYPE_CHECKING:
    from sp_desktop.core.trust.signing import Signer

TITLE = "Evaluasi Capaian SP Online ASN"
SUBTITLE = "Sensus Penduduk Online 2020 · pemantauan pengisian oleh ASN per OPD"
ALL_OPDS = "Semua OPD"
BELOW_TARGET = "Di bawah target"
TARGET_MET = "Tercapai"
NO_STAFF = "Belum ada data ASN"
NO_TARGET = "Tanpa target"
NONE = "–"

SHEET_SUMMARY = "Ringkasan"
SHEET_OPD = "Per OPD"
SHEET_KELURAHAN = "Kelurahan"

_MM = 72 / 25.4
_REGULAR = "Helvetica"
_BOLD = "Helvetica-Bold"
_ITALIC = "Helvetica-Oblique"
_SIDE = 14 * _MM
_TOP = 15 * _MM
_BOTTOM = 17 * _MM
_GRID = 0.62  # grey of table lines
_HEAD_FILL = 0.88
_TOTAL_FILL = 0.94
_BAND_FILL = 0.965
_CELL = 8.0  # table font size
_PAD = 1.3 * _MM


# -- the public API ---------------------------------------------------------------------------


def write_evaluation_pdf(
    evaluation: Evaluation, path: Path, *, signer: Signer | None = None
) -> Path:
    """Write the evaluation as an A4 PDF at `path` (atomically) and return `path`; signed
    with `signer` like the recap when one is given. Raises UserFacingError when the file
    cannot be written; nothing is left behind then."""
    path = Path(path)

    def render(out: IO[bytes]) -> None:
        _render_pdf(evaluation, out, signer)

    if signer is not None:
        return write_signed_pdf(path, render, signer)
    return write_atomically(path, render)


def write_evaluation_xlsx(evaluation: Evaluation, path: Path) -> Path:
    """Write the evaluation as an XLSX workbook at `path` (atomically) and return `path`."""
    path = Path(path)

    def render(out: IO[bytes]) -> None:
        _render_xlsx(evaluation, out)

    return write_atomically(path, render)


def write_evaluation(evaluation: Evaluation, path: Path, *, signer: Signer | None = None) -> Path:
    """PDF or XLSX by the file name's ending (.pdf / .xlsx, any case). A workbook cannot
    carry the signature line: `signer` only applies to a PDF."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return write_evaluation_pdf(evaluation, path, signer=signer)
    if suffix == ".xlsx":
        return write_evaluation_xlsx(evaluation, path)
    raise UserFacingError(
        _("Jenis berkas evaluasi tidak dikenal."),
        hint=_(
            "Simpan dengan akhiran .pdf (untuk dicetak) atau .xlsx (untuk Excel), lalu coba lagi."
        ),
    )


# -- figures as text --------------------------------------------------------------------------


def period_text(start: date, end: date) -> str:
    """'1 November 2026 – 14 November 2026'."""
    return f"{date_text(start)} – {date_text(end)}"


def scope_text(evaluation: Evaluation) -> str:
    return f"OPD: {evaluation.scope_opd}" if evaluation.scope_opd else ALL_OPDS


def signed_count(value: int) -> str:
    """+1.234 / -5 / 0."""
    if value > 0:
        return "+" + format_count(value)
    if value < 0:
        return "-" + format_count(-value)
    return "0"


def points_text(value: float) -> str:
    """Percentage points to one decimal with a sign: +4,5 / -0,8 / 0,0."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0,0"
    return f"{rounded:+.1f}".replace(".", ",")


def _points_cell(value: float | None) -> str:
    return NONE if value is None else points_text(value)


def _status(opd: OpdComparison) -> str:
    if not opd.current.total:
        return NO_STAFF
    return BELOW_TARGET if opd.progress.below_target else TARGET_MET


def _kelurahan_status(item: KelurahanComparison) -> str:
    if item.target is None:
        return NO_TARGET
    return BELOW_TARGET if item.current.berhasil < item.target else TARGET_MET


def _kelurahan_short(item: KelurahanComparison) -> int | None:
    return None if item.target is None else max(0, item.target - item.current.berhasil)


def _deadline(value: date | None) -> str:
    return short_date_text(value) if value else NONE


def _made_at(evaluation: Evaluation) -> datetime | None:
    """created_at (UTC text) as an aware datetime; None when it cannot be read."""
    text = evaluation.created_at.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _made_at_text(evaluation: Evaluation) -> str:
    moment = _made_at(evaluation)
    return datetime_text(moment) if moment is not None else (evaluation.created_at or NONE)


# -- PDF ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    width: float
    height: float

    @property
    def frame_width(self) -> float:
        return self.width - 2 * _SIDE


def _render_pdf(evaluation: Evaluation, out: IO[bytes], signer: Signer | None) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    page = _Page(*landscape(A4))
    doc = BaseDocTemplate(
        out,
        pagesize=(page.width, page.height),
        leftMargin=_SIDE,
        rightMargin=_SIDE,
        topMargin=_TOP,
        bottomMargin=_BOTTOM,
        title=TITLE,
        author=evaluation.office or "SP Desktop",
        creator="SP Desktop",
        subject=f"{TITLE} · {period_text(evaluation.start, evaluation.end)} · "
        f"{scope_text(evaluation)}",
    )
    frame = Frame(
        _SIDE,
        _BOTTOM,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="evaluasi", frames=[frame])])
    story = _Story(evaluation, page.frame_width).build()
    decorate = _decorator(evaluation, page, signer)
    doc.build(story, canvasmaker=numbered_canvas(decorate))


def _decorator(
    evaluation: Evaluation, page: _Page, signer: Signer | None
) -> Callable[[Any, int, int], None]:
    """The running header (from page 2) and the footer, drawn once the page count is known."""
    period = period_text(evaluation.start, evaluation.end)
    running = " · ".join(
        part for part in (TITLE, evaluation.office, period, scope_text(evaluation)) if part
    )
    made = f"Dibuat {_made_at_text(evaluation)}"
    key = f"Ditandatangani elektronik · Sidik kunci: {signer.fingerprint}" if signer else ""
    right = page.width - _SIDE
    width = page.frame_width

    def decorate(canvas: Any, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeGray(0.5)
        canvas.setLineWidth(0.5)
        canvas.line(_SIDE, 12 * _MM, right, 12 * _MM)
        canvas.setFont(_REGULAR, 7.5)
        canvas.setFillGray(0.25)
        canvas.drawString(_SIDE, 8.5 * _MM, f"Halaman {number} dari {total}")
        canvas.drawRightString(right, 8.5 * _MM, fit_text(made, _REGULAR, 7.5, width * 0.45))
        if key:
            canvas.drawCentredString(
                _SIDE + width / 2, 8.5 * _MM, fit_text(key, _REGULAR, 7.5, width * 0.4)
            )
        if number > 1:
            top = page.height - 9 * _MM
            canvas.setFont(_REGULAR, 7.5)
            canvas.drawString(_SIDE, top, fit_text(running, _REGULAR, 7.5, width))
            canvas.line(_SIDE, top - 2.2 * _MM, right, top - 2.2 * _MM)
        canvas.restoreState()

    return decorate


@dataclass(frozen=True)
class _Col:
    width: float  # mm
    align: str = "RIGHT"


class _Story:
    """The flowables, section by section."""

    def __init__(self, evaluation: Evaluation, width: float) -> None:
        self.e = evaluation
        self.width = width
        self.styles = styles()
        self.end = short_date_text(evaluation.end)
        self.previous_end = short_date_text(evaluation.previous_end)

    def build(self) -> list[Any]:
        story = self._heading()
        story += self._summary()
        story += self._chart()
        story += self._opd_table()
        story += self._below_target()
        story += self._kelurahan_table()
        return story

    # -- pieces -------------------------------------------------------------------------------

    def _paragraph(self, text: str, style: str = "body", **changes: Any) -> Any:
        from reportlab.platypus import Paragraph

        base = self.styles[style]
        return Paragraph(text, base.clone(f"{style}-x", **changes) if changes else base)

    def _section(self, title: str, note: str = "", *, keep: float = 70) -> list[Any]:
        """A heading (and a note) that starts a new page unless `keep` points of what
        follows fit below it. Not keepWithNext: a chart or table taller than what is left
        of the page would then always start on a new page instead of splitting."""
        from reportlab.platypus import CondPageBreak, Spacer

        parts = [self._paragraph(markup(title), "heading", spaceBefore=6)]
        if note:
            parts.append(self._paragraph(note, "small", textColor="#333333", spaceAfter=3))
        height = sum(
            part.wrap(self.width, 1000)[1] + part.getSpaceBefore() + part.getSpaceAfter()
            for part in parts
        )
        return [CondPageBreak(3 * _MM + height + keep), Spacer(1, 3 * _MM), *parts]

    def _cell(self, text: str, *, bold: bool = False, max_lines: int = 2, width: float) -> Any:
        """A name cell: wrapped to `max_lines` lines of `width` points, the last cut with '…'."""
        font = _BOLD if bold else _REGULAR
        lines = wrap_text(text, font, _CELL, width - 2 * _PAD, max_lines) or [""]
        return self._paragraph(
            "<br/>".join(markup(line) for line in lines),
            "cell",
            fontName=font,
            fontSize=_CELL,
            leading=_CELL * 1.2,
        )

    def _table(
        self,
        columns: Sequence[_Col],
        head: list[list[str]],
        rows: list[list[Any]],
        total: list[Any] | None,
        *,
        spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
        bold_rows: Sequence[int] = (),
        width: float = 0,
    ) -> Any:
        """A ruled table whose heading rows repeat on every page; numbers right-aligned.
        `bold_rows`: body rows (0-based) printed bold, e.g. OPDs below target."""
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        widths = [col.width * _MM for col in columns]
        scale = (width or self.width) / sum(widths)
        widths = [w * scale for w in widths]
        # A heading spanning columns wraps in the width of all of them.
        span_width = {start: sum(widths[start[0] : stop[0] + 1]) for start, stop in spans}
        heading = [
            [
                self._head_cell(text, span_width.get((index, row_index), widths[index]))
                for index, text in enumerate(row)
            ]
            for row_index, row in enumerate(head)
        ]
        data = [*heading, *rows, *([total] if total is not None else [])]
        n_head = len(head)
        grey = colors.Color(_GRID, _GRID, _GRID)
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), _REGULAR, _CELL, _CELL * 1.2),
            ("GRID", (0, 0), (-1, -1), 0.4, grey),
            ("BACKGROUND", (0, 0), (-1, n_head - 1), colors.Color(*[_HEAD_FILL] * 3)),
            ("VALIGN", (0, 0), (-1, n_head - 1), "MIDDLE"),
            ("VALIGN", (0, n_head), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 1.8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ]
        for index, col in enumerate(columns):
            style.append(("ALIGN", (index, n_head), (index, -1), col.align))
        for start, stop in spans:
            style.append(("SPAN", start, stop))
        # Light bands every other row keep a wide row readable across the page.
        for index in range(1, len(rows), 2):
            style.append(("BACKGROUND", (0, n_head + index), (-1, n_head + index), _band()))
        for index in bold_rows:
            style.append(("FONT", (0, n_head + index), (-1, n_head + index), _BOLD, _CELL))
        if total is not None:
            style += [
                ("FONT", (0, -1), (-1, -1), _BOLD, _CELL),
                ("BACKGROUND", (0, -1), (-1, -1), colors.Color(*[_TOTAL_FILL] * 3)),
                ("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black),
            ]
        table = Table(data, colWidths=widths, repeatRows=n_head)
        table.setStyle(TableStyle(style))
        return table

    def _column_width(self, columns: Sequence[_Col], index: int) -> float:
        """Column `index` in points once `_table` has stretched the columns to the page."""
        return columns[index].width * self.width / sum(c.width for c in columns)

    def _head_cell(self, text: str, width: float) -> Any:
        if not text:
            return ""
        # "\n" in a heading is a chosen line break.
        lines = [
            line
            for part in text.split("\n")
            for line in wrap_text(part, _BOLD, _CELL - 0.5, width - 2 * _PAD, 3)
        ]
        return self._paragraph(
            "<br/>".join(markup(line) for line in lines),
            "cell_head",
            fontSize=_CELL - 0.5,
            leading=(_CELL - 0.5) * 1.18,
        )

    # -- heading ------------------------------------------------------------------------------

    def _heading(self) -> list[Any]:
        from reportlab.platypus import HRFlowable, Spacer

        e = self.e
        rows = [
            ("Kantor", e.office or NONE),
            ("Periode", period_text(e.start, e.end)),
            ("Dibandingkan dengan", period_text(e.previous_start, e.previous_end)),
            ("Cakupan", scope_text(e)),
            ("Dibuat", _made_at_text(e)),
        ]
        return [
            self._paragraph(markup(TITLE), "title"),
            self._paragraph(markup(SUBTITLE), "subtitle"),
            Spacer(1, 2.5 * _MM),
            info_table(rows, self.width, self.styles),
            Spacer(1, 1.5 * _MM),
            self._paragraph(
                "Semua angka adalah keadaan <b>pada akhir periode</b> "
                f"({markup(date_text(e.end))}), dibandingkan dengan keadaan pada akhir "
                f"periode sebelumnya ({markup(date_text(e.previous_end))}).",
                "small",
                textColor="#333333",
            ),
            Spacer(1, 1.5 * _MM),
            HRFlowable(width="100%", thickness=1.1, color="#000000", spaceAfter=1),
        ]

    # -- A. summary ---------------------------------------------------------------------------

    def _summary(self) -> list[Any]:
        from reportlab.platypus import Table, TableStyle

        e = self.e
        now, before = e.current_total, e.previous_total
        rows: list[list[Any]] = []
        for status, label in (("sudah", "Sudah"), ("gagal", "Gagal"), ("belum", "Belum")):
            n_now, n_before = getattr(now, status), getattr(before, status)
            change = (
                None
                if not now.total or not before.total
                else now.percent(status) - before.percent(status)
            )
            rows.append(
                [
                    label,
                    format_count(n_now),
                    percent_text(n_now, now.total),
                    format_count(n_before),
                    percent_text(n_before, before.total),
                    signed_count(n_now - n_before),
                    _points_cell(change),
                ]
            )
        total = [
            "Jumlah ASN",
            format_count(now.total),
            percent_text(now.total, now.total),
            format_count(before.total),
            percent_text(before.total, before.total),
            signed_count(now.total - before.total),
            "",
        ]
        columns = [
            _Col(46, "LEFT"), _Col(24), _Col(20), _Col(24), _Col(20), _Col(24), _Col(22),
        ]  # fmt: skip
        head = [
            ["Status SP Online", f"Akhir periode\n{self.end}", "",
             f"Periode sebelumnya\n{self.previous_end}", "", "Perubahan", ""],
            ["", "Orang", "%", "Orang", "%", "Orang", "Poin"],
        ]  # fmt: skip
        spans = [((0, 0), (0, 1)), ((1, 0), (2, 0)), ((3, 0), (4, 0)), ((5, 0), (6, 0))]
        gap = 8 * _MM
        facts_width = self.width * 0.45
        table = self._table(
            columns, head, rows, total, spans=spans, width=self.width - facts_width - gap
        )

        counted = [o for o in e.opds if o.current.total]
        below = e.below_target
        short = sum(o.progress.short_of_target for o in below)
        target = sum(o.progress.target_count for o in e.opds)
        change = points_change(now, before)
        change_text = f"{signed_count(now.sudah - before.sudah)} orang"
        if change is not None:
            change_text += f", {points_text(change)} poin"
        # Short values: each fact on one line beside the table.
        facts = [
            (
                "Sudah mengisi",
                f"{format_count(now.sudah)} dari {format_count(now.total)} ASN "
                f"({percent_text(now.sudah, now.total)})",
            ),
            ("Perubahan sudah", change_text),
            ("Target semua OPD", f"{format_count(target)} ASN (jumlah target tiap OPD)"),
            ("Masih kurang", f"{format_count(short)} ASN lagi"),
            (
                "OPD di bawah target",
                f"{format_count(len(below))} dari {format_count(len(counted))} OPD",
            ),
        ]
        empty = len(e.opds) - len(counted)
        if empty:
            facts.append((NO_STAFF, f"{format_count(empty)} OPD (impor daftar ASN-nya)"))
        # The facts beside the table: page 1 keeps room for the start of the chart.
        side_by_side = Table(
            [[info_table(facts, facts_width, self.styles), "", table]],
            colWidths=[facts_width, gap, self.width - facts_width - gap],
        )
        side_by_side.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [*self._section("A. Ringkasan semua OPD"), side_by_side]

    # -- B. chart -----------------------------------------------------------------------------

    def _chart(self) -> list[Any]:
        e = self.e
        if not e.opds:
            return []
        note = (
            f"Batang: persentase ASN yang sudah mengisi SP Online per {date_text(e.end)}; "
            f"batang tipis abu-abu: per {date_text(e.previous_end)}; garis tegak hitam: "
            "target OPD. OPD di bawah target ditandai segitiga hitam, nama tebal dan batang "
            "berarsir."
        )  # ▼ itself is not in the built-in fonts: the note names it in words
        return [
            *self._section("B. Grafik capaian per OPD", markup(note)),
            _opd_chart(_chart_rows(e), self.width, self._legend_labels()),
        ]

    def _legend_labels(self) -> tuple[str, str, str]:
        return (
            f"Sudah per {self.end}",
            f"Sudah per {self.end}, di bawah target",
            f"Sudah per {self.previous_end}",
        )

    # -- C. per OPD ---------------------------------------------------------------------------

    def _opd_table(self) -> list[Any]:
        e = self.e
        section = self._section(
            "C. Rincian per OPD",
            f"Keadaan per {markup(date_text(e.end))}. Perubahan: dibanding "
            f"{markup(date_text(e.previous_end))} (orang, dan poin persentase sudah). "
            "Target: persentase ASN yang harus sudah mengisi, jumlah orangnya (dibulatkan ke "
            "atas) dan batas waktunya.",
            keep=70 if e.opds else 16,
        )
        if not e.opds:
            return [
                *section,
                self._paragraph("Belum ada data ASN dalam cakupan ini.", "body", fontName=_ITALIC),
            ]
        columns = [
            _Col(7, "RIGHT"), _Col(70, "LEFT"), _Col(13), _Col(12), _Col(12), _Col(12),
            _Col(12), _Col(12), _Col(12), _Col(11), _Col(12), _Col(19), _Col(13), _Col(12),
            _Col(29, "LEFT"),
        ]  # fmt: skip
        name_width = self._column_width(columns, 1)
        rows: list[list[Any]] = []
        bold_rows = []
        for number, opd in enumerate(e.opds, start=1):
            status = _status(opd)
            below = status == BELOW_TARGET
            if below:
                bold_rows.append(number - 1)
            now, total = opd.current, opd.current.total
            rows.append(
                [
                    str(number),
                    self._cell(opd.opd, bold=below, width=name_width),
                    format_count(total),
                    format_count(now.sudah),
                    percent_text(now.sudah, total),
                    format_count(now.gagal),
                    percent_text(now.gagal, total),
                    format_count(now.belum),
                    percent_text(now.belum, total),
                    f"{opd.target_percent}%",
                    format_count(opd.progress.target_count),
                    _deadline(opd.deadline),
                    signed_count(opd.sudah_change),
                    _points_cell(points_change(opd.current, opd.previous)),
                    status,
                ]
            )
        now, before = e.current_total, e.previous_total
        total_row = [
            "",
            f"Jumlah ({format_count(len(e.opds))} OPD)",
            format_count(now.total),
            format_count(now.sudah),
            percent_text(now.sudah, now.total),
            format_count(now.gagal),
            percent_text(now.gagal, now.total),
            format_count(now.belum),
            percent_text(now.belum, now.total),
            "",
            format_count(sum(o.progress.target_count for o in e.opds)),
            "",
            signed_count(now.sudah - before.sudah),
            _points_cell(points_change(now, before)),
            f"{format_count(len(e.below_target))} di bawah",
        ]
        head = [
            ["No", "OPD", "Jumlah ASN", "Sudah", "", "Gagal", "", "Belum", "", "Target", "", "",
             f"Perubahan sudah\nsejak {self.previous_end}", "", "Status"],
            ["", "", "", "Orang", "%", "Orang", "%", "Orang", "%", "%", "Orang", "Batas waktu",
             "Orang", "Poin", ""],
        ]  # fmt: skip
        spans = [
            ((0, 0), (0, 1)),
            ((1, 0), (1, 1)),
            ((2, 0), (2, 1)),
            ((3, 0), (4, 0)),
            ((5, 0), (6, 0)),
            ((7, 0), (8, 0)),
            ((9, 0), (11, 0)),
            ((12, 0), (13, 0)),
            ((14, 0), (14, 1)),
        ]
        table = self._table(columns, head, rows, total_row, spans=spans, bold_rows=bold_rows)
        return [*section, table]

    # -- D. below target ----------------------------------------------------------------------

    def _below_target(self) -> list[Any]:
        e = self.e
        below = e.below_target
        if not below:
            text = (
                "Tidak ada: semua OPD sudah mencapai targetnya."
                if any(o.current.total for o in e.opds)
                else "Tidak ada OPD dengan data ASN."
            )
            return [
                *self._section("D. OPD di bawah target", keep=16),
                self._paragraph(text, "body", fontName=_ITALIC),
            ]
        short = sum(o.progress.short_of_target for o in below)
        section = self._section(
            "D. OPD di bawah target",
            f"{format_count(len(below))} OPD belum mencapai targetnya per "
            f"{markup(date_text(e.end))}; bersama-sama masih perlu {format_count(short)} ASN "
            "lagi yang sudah mengisi SP Online.",
        )
        columns = [
            _Col(7, "RIGHT"), _Col(90, "LEFT"), _Col(16), _Col(16), _Col(16), _Col(14),
            _Col(16), _Col(22), _Col(22),
        ]  # fmt: skip
        name_width = self._column_width(columns, 1)
        rows = []
        for number, opd in enumerate(below, start=1):
            progress = opd.progress
            rows.append(
                [
                    str(number),
                    self._cell(opd.opd, width=name_width),
                    format_count(opd.current.total),
                    format_count(opd.current.sudah),
                    percent_text(opd.current.sudah, opd.current.total),
                    f"{opd.target_percent}%",
                    format_count(progress.target_count),
                    format_count(progress.short_of_target),
                    _deadline(opd.deadline),
                ]
            )
        head = [
            ["No", "OPD", "Jumlah ASN", "Sudah", "", "Target", "", "Masih perlu (ASN)",
             "Batas waktu"],
            ["", "", "", "Orang", "%", "%", "Orang", "", ""],
        ]  # fmt: skip
        spans = [
            ((0, 0), (0, 1)),
            ((1, 0), (1, 1)),
            ((2, 0), (2, 1)),
            ((3, 0), (4, 0)),
            ((5, 0), (6, 0)),
            ((7, 0), (7, 1)),
            ((8, 0), (8, 1)),
        ]
        total = [
            "", "Jumlah", "", "", "", "", "", format_count(short), "",
        ]  # fmt: skip
        return [*section, self._table(columns, head, rows, total, spans=spans)]

    # -- E. kelurahan -------------------------------------------------------------------------

    def _kelurahan_table(self) -> list[Any]:
        e = self.e
        section = self._section(
            "E. Rumah tangga yang didampingi, per kelurahan",
            f"Status terakhir rumah tangga per {markup(date_text(e.end))}; perubahan berhasil "
            f"dibanding {markup(date_text(e.previous_end))}. Target: jumlah rumah tangga "
            "berhasil.",
            keep=70 if e.kelurahan else 16,
        )
        if not e.kelurahan:
            return [
                *section,
                self._paragraph(
                    "Belum ada rumah tangga yang didampingi dalam cakupan ini.",
                    "body",
                    fontName=_ITALIC,
                ),
            ]
        columns = [
            _Col(7, "RIGHT"), _Col(62, "LEFT"), _Col(15), _Col(15), _Col(15), _Col(17),
            _Col(15), _Col(17), _Col(15), _Col(15), _Col(19), _Col(24, "LEFT"),
        ]  # fmt: skip
        name_width = self._column_width(columns, 1)
        rows: list[list[Any]] = []
        sums = [0, 0, 0, 0, 0, 0]
        short_sum = 0
        bold_rows = []
        for number, item in enumerate(e.kelurahan, start=1):
            now = item.current
            change = now.berhasil - item.previous.berhasil
            short = _kelurahan_short(item)
            status = _kelurahan_status(item)
            if status == BELOW_TARGET:
                bold_rows.append(number - 1)
            values = [now.berhasil, now.gagal, now.belum, now.tanpa_kunjungan, now.total, change]
            sums = [a + b for a, b in zip(sums, values, strict=True)]
            short_sum += short or 0
            rows.append(
                [
                    str(number),
                    self._cell(
                        item.name or item.code, bold=status == BELOW_TARGET, width=name_width
                    ),
                    *map(format_count, values[:5]),
                    signed_count(change),
                    NONE if item.target is None else format_count(item.target),
                    NONE if short is None else format_count(short),
                    _deadline(item.deadline) if item.target is not None else NONE,
                    status,
                ]
            )
        total = [
            "",
            f"Jumlah ({format_count(len(e.kelurahan))} kelurahan)",
            *map(format_count, sums[:5]),
            signed_count(sums[5]),
            "",
            format_count(short_sum),
            "",
            "",
        ]
        head = [
            ["No", "Kelurahan", "Berhasil", "Gagal", "Belum", "Belum dikunjungi",
             "Jumlah rumah tangga", "Perubahan berhasil",
             "Target berhasil", "Masih perlu", "Batas waktu", "Status"],
        ]  # fmt: skip
        return [*section, self._table(columns, head, rows, total, bold_rows=bold_rows)]


def _band() -> Any:
    from reportlab.lib import colors

    return colors.Color(_BAND_FILL, _BAND_FILL, _BAND_FILL)


# -- the chart ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ChartRow:
    number: int  # as in the OPD table
    name: str
    sudah: int
    total: int  # 0: no staff, no bar
    previous: float | None  # percent sudah at the end of the previous period
    target: int
    below: bool
    change: float | None  # points

    @property
    def current(self) -> float:
        return percent_of(self.sudah, self.total)


def _chart_rows(evaluation: Evaluation) -> list[_ChartRow]:
    rows = []
    for number, opd in enumerate(evaluation.opds, start=1):
        now, before = opd.current, opd.previous
        rows.append(
            _ChartRow(
                number=number,
                name=opd.opd,
                sudah=now.sudah,
                total=now.total,
                previous=before.percent("sudah") if before.total else None,
                target=opd.target_percent,
                below=opd.progress.below_target,
                change=points_change(now, before),
            )
        )
    return rows


_ROW_H = 13.0  # points per OPD: 7.5 pt names stay readable, ~35 OPDs fill a page
_AXIS_H = 12.0  # the 0% … 100% labels, above and below the bars
_LEGEND_H = 16.0
_CONTINUED_H = 13.0
_MIN_ROWS = 4  # fewer rows than this left on a page: the chart starts on the next one
_CHART_FONT = 7.5
_CURRENT_H = 6.2  # bar heights
_PREVIOUS_H = 2.6
_CURRENT_FILL = 0.45  # solid bar: target met
_PREVIOUS_FILL = 0.72


def _opd_chart(rows: list[_ChartRow], width: float, legend: tuple[str, str, str]) -> Any:
    """The chart as a flowable: horizontal bars per OPD, drawn as a reportlab.graphics
    Drawing. It splits between rows when the page is full and every part repeats the axis,
    so 60 OPDs run over two or three pages at the same readable size."""
    from reportlab.platypus import Flowable

    class OpdChart(Flowable):
        def __init__(self, rows: list[_ChartRow], *, first: bool) -> None:
            super().__init__()
            self.rows = rows
            self.first = first

        def _height(self, count: int) -> float:
            top = _LEGEND_H if self.first else _CONTINUED_H
            return top + 2 * _AXIS_H + count * _ROW_H + 2

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return width, self._height(len(self.rows))

        def split(self, avail_width: float, avail_height: float) -> list[Any]:
            fits = int((avail_height - self._height(0)) // _ROW_H)
            if fits >= len(self.rows):
                return [self]
            if fits < min(_MIN_ROWS, len(self.rows)):
                return []  # the frame moves on to the next page
            return [
                OpdChart(self.rows[:fits], first=self.first),
                OpdChart(self.rows[fits:], first=False),
            ]

        def draw(self) -> None:
            from reportlab.graphics import renderPDF

            height = self._height(len(self.rows))
            drawing = _chart_drawing(self.rows, width, height, legend if self.first else None)
            renderPDF.draw(drawing, self.canv, 0, 0)

    return OpdChart(rows, first=True)


def _grey(level: float) -> Any:
    from reportlab.lib import colors

    return colors.Color(level, level, level)


def _rect(x: float, y: float, w: float, h: float, **style: Any) -> Any:
    """A reportlab Rect. types-reportlab annotates Rect's **kw without Unpack (each style
    would have to be a whole dict), so the styles pass through here as Any."""
    from reportlab.graphics.shapes import Rect

    return Rect(x, y, w, h, **style)


def _hatch(x: float, y: float, w: float, h: float, spacing: float = 2.6) -> list[Any]:
    """45° black lines filling the rectangle (x, y, w, h), clipped to it."""
    from reportlab.graphics.shapes import Line

    lines = []
    t = -h
    while t < w:
        a = x + t  # the line runs from (a, y) to (a + h, y + h)
        x1, x2 = max(a, x), min(a + h, x + w)
        if x1 < x2:
            lines.append(
                Line(x1, y + x1 - a, x2, y + x2 - a, strokeWidth=0.45, strokeColor=_grey(0))
            )
        t += spacing
    return lines


def _bar(d: Any, x: float, y: float, w: float, h: float, *, hatched: bool) -> None:
    """The bar of the end of the period: solid grey, or hatched when below target."""
    fill = _grey(1 if hatched else _CURRENT_FILL)
    d.add(_rect(x, y, w, h, fillColor=fill, strokeColor=_grey(0), strokeWidth=0.6))
    if hatched:
        for line in _hatch(x, y, w, h):
            d.add(line)


def _triangle(x: float, y: float, size: float) -> Any:
    """A black triangle pointing down, its top edge centred on (x, y): "below target"
    (▼ itself is not in the PDF's built-in fonts)."""
    from reportlab.graphics.shapes import Polygon

    half = size / 2
    return Polygon(
        [x - half, y, x + half, y, x, y - size * 0.9],
        fillColor=_grey(0),
        strokeColor=None,
        strokeWidth=0,
    )


def _text(
    d: Any,
    x: float,
    y: float,
    text: str,
    *,
    font: str = _REGULAR,
    size: float = _CHART_FONT,
    grey: float = 0,
    anchor: Literal["start", "middle", "end"] = "start",
) -> float:
    """Add a string; returns its width."""
    from reportlab.graphics.shapes import String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    d.add(
        String(x, y, text, fontName=font, fontSize=size, fillColor=_grey(grey), textAnchor=anchor)
    )
    return stringWidth(text, font, size)


def _chart_drawing(
    rows: list[_ChartRow], width: float, height: float, legend: tuple[str, str, str] | None
) -> Any:
    """One page's part of the chart; `legend` on the first part, "(lanjutan)" after."""
    from reportlab.graphics.shapes import Drawing, Line
    from reportlab.pdfbase.pdfmetrics import stringWidth

    d = Drawing(width, height)
    size = _CHART_FONT
    label_w = 0.30 * width
    value_w = 0.16 * width
    x0 = label_w + 8  # where 0% is
    bar_w = width - x0 - value_w - 10

    def x_of(percent: float) -> float:
        return x0 + bar_w * max(0.0, min(percent, 100.0)) / 100

    y = height
    if legend is not None:
        _legend(d, legend, y - 10)
        y -= _LEGEND_H
    else:
        _text(d, 0, y - 9, "Grafik capaian per OPD (lanjutan)", font=_ITALIC, grey=0.25)
        y -= _CONTINUED_H
    top = y - _AXIS_H
    bottom = top - len(rows) * _ROW_H

    # Bands every other row for the eye across the page, then the grid, then the bars.
    for index in range(1, len(rows), 2):
        row_top = top - index * _ROW_H
        d.add(
            _rect(
                0,
                row_top - _ROW_H,
                width,
                _ROW_H,
                fillColor=_grey(_BAND_FILL),
                strokeColor=None,
                strokeWidth=0,
            )
        )
    for percent in range(0, 101, 10):
        x = x_of(percent)
        major = percent % 20 == 0
        d.add(
            Line(
                x,
                bottom,
                x,
                top,
                strokeColor=_grey(0.55 if major else 0.8),
                strokeWidth=0.5 if major else 0.3,
                # None (solid) is reportlab's own default, which types-reportlab leaves out.
                strokeDashArray=None if major else [1, 1.5],  # type: ignore[arg-type]
            )
        )
        if major:
            for label_y in (top + 3, bottom - 9):
                _text(d, x, label_y, f"{percent}%", size=size - 0.5, grey=0.2, anchor="middle")
    d.add(Line(x0, bottom, x0 + bar_w, bottom, strokeColor=_grey(0.55), strokeWidth=0.5))
    d.add(Line(x0, top, x0 + bar_w, top, strokeColor=_grey(0.55), strokeWidth=0.5))
    d.add(Line(x0, bottom, x0, top, strokeColor=_grey(0), strokeWidth=0.7))

    name_x = 27
    value_x = x0 + bar_w + 8
    for index, row in enumerate(rows):
        row_top = top - index * _ROW_H
        baseline = row_top - _ROW_H / 2 - size * 0.35
        font = _BOLD if row.below else _REGULAR
        if row.below:
            d.add(_triangle(4, baseline + size * 0.72, 5.5))
        _text(d, name_x - 4, baseline, f"{row.number}.", grey=0.2, anchor="end")
        _text(d, name_x, baseline, fit_text(row.name, font, size, label_w - name_x), font=font)
        if not row.total:
            note = "belum ada data ASN"
            d.add(
                _rect(
                    x0 + 2,
                    baseline - 2,
                    stringWidth(note, _ITALIC, size) + 4,
                    size + 2,
                    fillColor=_grey(1),
                    strokeColor=None,
                    strokeWidth=0,
                )
            )
            _text(d, x0 + 4, baseline, note, font=_ITALIC, grey=0.3)
            continue
        bar_y = row_top - 2.0 - _CURRENT_H
        _bar(d, x0, bar_y, x_of(row.current) - x0, _CURRENT_H, hatched=row.below)
        if row.previous is not None:
            d.add(
                _rect(
                    x0,
                    bar_y - 0.9 - _PREVIOUS_H,
                    x_of(row.previous) - x0,
                    _PREVIOUS_H,
                    fillColor=_grey(_PREVIOUS_FILL),
                    strokeColor=None,
                    strokeWidth=0,
                )
            )
        # The target: a black tick over a white halo, visible on any bar.
        tx = x_of(row.target)
        for grey, stroke in ((1.0, 3.2), (0.0, 1.5)):
            d.add(
                Line(
                    tx,
                    row_top - 0.8,
                    tx,
                    row_top - _ROW_H + 0.8,
                    strokeColor=_grey(grey),
                    strokeWidth=stroke,
                )
            )
        used = _text(d, value_x, baseline, percent_text(row.sudah, row.total), font=_BOLD)
        if row.change is not None:
            change = f"({points_text(row.change)} poin)"
            _text(d, value_x + used + 3, baseline, change, size=size - 0.5, grey=0.2)
    return d


def _legend(d: Any, labels: tuple[str, str, str], y: float) -> None:
    """One line of keys: solid bar, hatched bar, thin grey bar, target tick, triangle."""
    from reportlab.graphics.shapes import Line

    size = _CHART_FONT - 0.5
    x = 0.0
    gap = 14

    def key(text: str) -> None:
        nonlocal x
        x += _text(d, x, y, text, size=size, grey=0.15) + gap

    _bar(d, x, y - 0.5, 16, _CURRENT_H, hatched=False)
    x += 20
    key(labels[0])
    _bar(d, x, y - 0.5, 16, _CURRENT_H, hatched=True)
    x += 20
    key(labels[1])
    d.add(
        _rect(
            x,
            y + 1,
            16,
            _PREVIOUS_H,
            fillColor=_grey(_PREVIOUS_FILL),
            strokeColor=None,
            strokeWidth=0,
        )
    )
    x += 20
    key(labels[2])
    d.add(Line(x + 2, y - 2, x + 2, y + 7, strokeColor=_grey(0), strokeWidth=1.5))
    x += 7
    key("Target OPD")
    d.add(_triangle(x + 3, y + 6, 5.5))
    x += 10
    key("OPD di bawah target")
    key("Angka di kanan: % sudah (perubahan sejak periode sebelumnya, poin)")


# -- XLSX ---------------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold (openpyxl refuses them) and the starts Excel reads as a
# formula or an error value (the same rules as spreadsheets.py).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "#")
_PERCENT = "0.0%"
_POINTS = "+0.0;-0.0;0.0"
_SIGNED = "+#,##0;-#,##0;0"
_COUNT = "#,##0"
_DATE = "DD/MM/YYYY"
_DATETIME = "DD/MM/YYYY HH:MM"


@dataclass(frozen=True)
class _XCol:
    title: str
    width: float
    number_format: str | None = None


OPD_COLUMNS: tuple[_XCol, ...] = (
    _XCol("No", 6),
    _XCol("OPD", 44),
    _XCol("Jumlah ASN", 11, _COUNT),
    _XCol("Sudah", 10, _COUNT),
    _XCol("% Sudah", 10, _PERCENT),
    _XCol("Gagal", 10, _COUNT),
    _XCol("% Gagal", 10, _PERCENT),
    _XCol("Belum", 10, _COUNT),
    _XCol("% Belum", 10, _PERCENT),
    _XCol("Target (%)", 10, _PERCENT),
    _XCol("Target (orang)", 12, _COUNT),
    _XCol("Batas Waktu", 13, _DATE),
    _XCol("Masih Perlu (orang)", 13, _COUNT),
    _XCol("Status", 18),
    _XCol("Jumlah ASN Periode Sebelumnya", 14, _COUNT),
    _XCol("Sudah Periode Sebelumnya", 14, _COUNT),
    _XCol("% Sudah Periode Sebelumnya", 14, _PERCENT),
    _XCol("Gagal Periode Sebelumnya", 14, _COUNT),
    _XCol("Belum Periode Sebelumnya", 14, _COUNT),
    _XCol("Perubahan Sudah (orang)", 14, _SIGNED),
    _XCol("Perubahan Sudah (poin)", 14, _POINTS),
)

KELURAHAN_COLUMNS: tuple[_XCol, ...] = (
    _XCol("No", 6),
    _XCol("Kode Kelurahan", 14, "@"),
    _XCol("Kelurahan", 40),
    _XCol("Berhasil", 10, _COUNT),
    _XCol("Gagal", 10, _COUNT),
    _XCol("Belum", 10, _COUNT),
    _XCol("Belum Dikunjungi", 12, _COUNT),
    _XCol("Jumlah Rumah Tangga", 13, _COUNT),
    _XCol("Berhasil Periode Sebelumnya", 14, _COUNT),
    _XCol("Perubahan Berhasil", 13, _SIGNED),
    _XCol("Target Berhasil", 12, _COUNT),
    _XCol("Masih Perlu", 11, _COUNT),
    _XCol("Batas Waktu", 13, _DATE),
    _XCol("Status", 18),
)


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text)[:32767]


def _fraction(part: int, total: int) -> float | None:
    """A share for a percent-formatted cell (0.417 shows as 41,7%); None: nothing to divide."""
    return percent_of(part, total) / 100 if total else None


def _opd_values(number: int, opd: OpdComparison) -> list[Any]:
    now, before = opd.current, opd.previous
    progress = opd.progress
    change = points_change(now, before)
    return [
        number,
        opd.opd,
        now.total,
        now.sudah,
        _fraction(now.sudah, now.total),
        now.gagal,
        _fraction(now.gagal, now.total),
        now.belum,
        _fraction(now.belum, now.total),
        opd.target_percent / 100,
        progress.target_count,
        opd.deadline,
        progress.short_of_target,
        _status(opd),
        before.total,
        before.sudah,
        _fraction(before.sudah, before.total),
        before.gagal,
        before.belum,
        opd.sudah_change,
        change,
    ]


def _kelurahan_values(number: int, item: KelurahanComparison) -> list[Any]:
    now = item.current
    return [
        number,
        item.code,
        item.name,
        now.berhasil,
        now.gagal,
        now.belum,
        now.tanpa_kunjungan,
        now.total,
        item.previous.berhasil,
        now.berhasil - item.previous.berhasil,
        item.target,
        _kelurahan_short(item),
        item.deadline if item.target is not None else None,
        _kelurahan_status(item),
    ]


class _Writer:
    """Cells into an (in-memory) openpyxl sheet: text never becomes a formula."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.styles import Font

        self.ws = ws
        self.bold = Font(bold=True)
        self.row = 0

    def put(
        self, column: int, value: Any, number_format: str | None = None, *, bold: bool = False
    ) -> None:
        if value is None or value == "":
            return
        cell = self.ws.cell(row=self.row, column=column)
        if isinstance(value, str):
            value = _clean(value)
            cell.value = value
            cell.data_type = "s"  # "=…" typed in a roster stays text
            if value.startswith(_FORMULA_START):
                cell.quotePrefix = True
        else:
            cell.value = value
        if number_format:
            cell.number_format = number_format
        if bold:
            cell.font = self.bold

    def line(
        self, values: Sequence[Any], formats: Sequence[str | None] = (), *, bold: bool = False
    ) -> None:
        self.row += 1
        for index, value in enumerate(values):
            fmt = formats[index] if index < len(formats) else None
            self.put(index + 1, value, fmt, bold=bold)

    def skip(self) -> None:
        self.row += 1


def _table_sheet(wb: Any, title: str, columns: Sequence[_XCol], freeze: str) -> _Writer:
    """A sheet with one table: widths set, the bold heading row frozen (with the columns
    left of `freeze`) and printed on every page."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = freeze
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    writer = _Writer(ws)
    writer.line([c.title for c in columns], bold=True)
    for cell in ws[1]:
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    return writer


def _render_xlsx(evaluation: Evaluation, out: IO[bytes]) -> None:
    from openpyxl import Workbook

    wb = Workbook()  # in memory: an evaluation is a few hundred cells at most
    wb.remove(wb.worksheets[0])  # the default sheet (`active` is typed Optional)
    wb.properties.creator = "SP Desktop"
    wb.properties.lastModifiedBy = "SP Desktop"
    wb.properties.title = TITLE
    wb.properties.subject = _clean(evaluation.office)
    _summary_sheet(wb, evaluation)
    _opd_sheet(wb, evaluation)
    _kelurahan_sheet(wb, evaluation)
    wb.save(out)


def _summary_sheet(wb: Any, e: Evaluation) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(SHEET_SUMMARY)
    for letter, width in zip("ABCDEFG", (34, 44, 14, 16, 14, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width
    s = _Writer(ws)
    s.line([TITLE])
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    s.skip()
    made = _made_at(e)
    for label, value, fmt in (
        ("Kantor", e.office, None),
        ("Periode", period_text(e.start, e.end), None),
        ("Dibandingkan dengan", period_text(e.previous_start, e.previous_end), None),
        ("Cakupan", scope_text(e), None),
        ("Awal periode", e.start, _DATE),
        ("Akhir periode", e.end, _DATE),
        ("Akhir periode sebelumnya", e.previous_end, _DATE),
        (
            "Dibuat pada",
            local(made).replace(tzinfo=None) if made else e.created_at,
            _DATETIME if made else None,
        ),
    ):
        s.line([label, value], [None, fmt])
        ws.cell(row=s.row, column=1).font = s.bold
    now, before = e.current_total, e.previous_total
    s.skip()
    s.line(
        [
            "Status SP Online ASN",
            f"Akhir periode ({date_text(e.end)})",
            "%",
            f"Periode sebelumnya ({date_text(e.previous_end)})",
            "%",
            "Perubahan (orang)",
            "Perubahan (poin)",
        ],
        bold=True,
    )
    formats = [None, _COUNT, _PERCENT, _COUNT, _PERCENT, _SIGNED, _POINTS]
    for status, label in (("sudah", "Sudah"), ("gagal", "Gagal"), ("belum", "Belum")):
        n_now, n_before = getattr(now, status), getattr(before, status)
        change = (
            now.percent(status) - before.percent(status) if now.total and before.total else None
        )
        s.line(
            [
                label,
                n_now,
                _fraction(n_now, now.total),
                n_before,
                _fraction(n_before, before.total),
                n_now - n_before,
                change,
            ],
            formats,
        )
    s.line(
        [
            "Jumlah ASN",
            now.total,
            _fraction(now.total, now.total),
            before.total,
            _fraction(before.total, before.total),
            now.total - before.total,
        ],
        formats,
        bold=True,
    )
    s.skip()
    counted = sum(1 for o in e.opds if o.current.total)
    for label, count in (
        ("Jumlah OPD", len(e.opds)),
        ("OPD dengan data ASN", counted),
        ("OPD di bawah target", len(e.below_target)),
        ("Target semua OPD (ASN sudah)", sum(o.progress.target_count for o in e.opds)),
        ("Masih perlu (ASN)", sum(o.progress.short_of_target for o in e.opds)),
    ):
        s.line([label, count], [None, _COUNT])
        ws.cell(row=s.row, column=1).font = s.bold


def _opd_sheet(wb: Any, e: Evaluation) -> None:
    from openpyxl.utils import get_column_letter

    now, before = e.current_total, e.previous_total
    o = _table_sheet(wb, SHEET_OPD, OPD_COLUMNS, "C2")
    opd_formats = [c.number_format for c in OPD_COLUMNS]
    for number, opd in enumerate(e.opds, start=1):
        o.line(_opd_values(number, opd), opd_formats)
    if e.opds:
        o.ws.auto_filter.ref = f"A1:{get_column_letter(len(OPD_COLUMNS))}{o.row}"
        change = points_change(now, before)
        o.line(
            [
                None,
                "Jumlah",
                now.total,
                now.sudah,
                _fraction(now.sudah, now.total),
                now.gagal,
                _fraction(now.gagal, now.total),
                now.belum,
                _fraction(now.belum, now.total),
                None,
                sum(x.progress.target_count for x in e.opds),
                None,
                sum(x.progress.short_of_target for x in e.opds),
                f"{len(e.below_target)} OPD di bawah target",
                before.total,
                before.sudah,
                _fraction(before.sudah, before.total),
                before.gagal,
                before.belum,
                now.sudah - before.sudah,
                change,
            ],
            opd_formats,
            bold=True,
        )


def _kelurahan_sheet(wb: Any, e: Evaluation) -> None:
    from openpyxl.utils import get_column_letter

    k = _table_sheet(wb, SHEET_KELURAHAN, KELURAHAN_COLUMNS, "D2")
    k_formats = [c.number_format for c in KELURAHAN_COLUMNS]
    sums = [0] * 7
    short_sum = 0
    for number, item in enumerate(e.kelurahan, start=1):
        values = _kelurahan_values(number, item)
        k.line(values, k_formats)
        sums = [a + b for a, b in zip(sums, values[3:10], strict=True)]
        short_sum += values[11] or 0
    if e.kelurahan:
        k.ws.auto_filter.ref = f"A1:{get_column_letter(len(KELURAHAN_COLUMNS))}{k.row}"
        k.line([None, None, "Jumlah", *sums, None, short_sum], k_formats, bold=True)
