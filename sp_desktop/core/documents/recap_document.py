"""The recap ("Rekapitulasi Pendampingan SP Online") as one signed A4 PDF.

Totals, failures by reason, a table per kelurahan, the households that still need an
SP Wawancara visit, and signature blocks. The whole file is signed
(`pdf_kit.write_signed_pdf`); every page names the signing key and the content hash.

Drawn straight onto a reportlab canvas: the household list can run to tens of thousands
of rows, so its rows are fixed-height lines of cut-to-fit text written in bulk
(`pdf_kit.FastText`), not wrapped table cells. "Halaman x dari y" uses one form XObject
for y, filled in after the last page, so nothing is rendered twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sp_desktop.core.base.i18n import N_, _
from sp_desktop.core.documents.pdf_kit import (
    FastText,
    PageTotal,
    fit_text,
    wrap_text,
    write_signed_pdf,
)
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import FailureReason, Outcome
from sp_desktop.core.domain.official_text import (
    date_text,
    datetime_text,
    format_count,
    local,
    percent_text,
    short_date_text,
)

if TYPE_CHECKING:
    from sp_desktop.core.base.progress import Progress
    from sp_desktop.core.domain.reports import HouseholdLine, RecapData
    from sp_desktop.core.trust.signing import Signer

TITLE = "Rekapitulasi Pendampingan SP Online"
SUBTITLE = "Sensus Penduduk Online 2020"
NEVER_VISITED = "Belum dikunjungi"
ERASED = "(data pribadi telah dihapus)"
PROGRESS_TEXT = N_("Membuat rekap …")

_MM = 72 / 25.4
_PAGE_W = 210 * _MM
_PAGE_H = 297 * _MM
_LEFT = 14 * _MM
_RIGHT = _PAGE_W - 14 * _MM
_WIDTH = _RIGHT - _LEFT
_TOP = _PAGE_H - 13 * _MM
_BOTTOM = 21 * _MM  # lowest baseline for content; the footer sits below
_RUNNING_HEADER = "RecapRunningHeader"
_RUNNING_HEADER_BOTTOM = _TOP - 8 - 2 * 10.5 - 5 - 4  # where content starts below it
_FOOTER = "RecapFooter"
_FOOTER_SIZE = 7.5
_FOOTER_LINE1 = 11.8 * _MM
_FOOTER_LINE2 = 8.4 * _MM
_LIST_HEADING = "RecapListHeading"
_REGULAR = "Helvetica"
_BOLD = "Helvetica-Bold"
_ITALIC = "Helvetica-Oblique"
_GRID = 0.62  # grey of table lines
_HEAD_FILL = 0.88
_TOTAL_FILL = 0.94
_BAND_FILL = 0.955

# The household list: (heading, width in mm, alignment).
_LIST_COLUMNS = (
    ("No", 9, "r"),
    ("Nama kepala keluarga", 35, "l"),
    ("No KK", 26.5, "l"),
    ("Alamat", 31, "l"),
    ("RT/RW", 13, "c"),
    ("Status terakhir", 23.5, "l"),
    ("Alasan gagal", 26, "l"),
    ("Kunjungan ulang", 18, "l"),
)
_LIST_SIZE = 7.5
_LIST_ROW = 4.3 * _MM
_PAD = 1.3 * _MM  # cell padding left and right


@dataclass(frozen=True)
class _Column:
    title: str
    width: float  # points
    align: str  # "l", "r", "c"


def write_recap(
    path: Path, recap: RecapData, signer: Signer, *, progress: Progress | None = None
) -> Path:
    """Write the recap to one signed PDF at `path` (atomically) and return `path`.

    `progress` hears about the household list as it is laid out and may cancel
    (Cancelled): nothing is written then.
    """

    def render(out: IO[bytes]) -> None:
        _RecapWriter(out, recap, progress).write()

    return write_signed_pdf(path, render, signer)


def _authority(kelurahan_label: str) -> tuple[str, str]:
    """('Lurah Ampenan Selatan', 'Ampenan Selatan') from 'Kelurahan Ampenan Selatan, Kec. …';
    a village ('Desa …') has a Kepala Desa."""
    name = kelurahan_label.split(",")[0].strip()
    for prefix, title in (("Kelurahan ", "Lurah"), ("Kel. ", "Lurah"), ("Desa ", "Kepala Desa")):
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
            return f"{title} {name}", name
    return (f"Lurah {name}" if name else "Lurah"), name


class _RecapWriter:
    def __init__(self, out: IO[bytes], recap: RecapData, progress: Progress | None) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen.canvas import Canvas

        self.recap = recap
        self.header = recap.header
        self.progress = progress
        canvas = Canvas(out, pagesize=A4, pageCompression=1)
        canvas.setTitle(TITLE)
        canvas.setAuthor(self.header.office or "SP Desktop")
        canvas.setCreator("SP Desktop")
        canvas.setSubject(f"{TITLE} · {self.header.period_text} · {self.header.scope_text}")
        if recap.content_hash:
            canvas.setKeywords(f"hash-isi:{recap.content_hash}")
        self.canvas = canvas
        self.page = 0
        self.y = _TOP
        self.total = PageTotal()
        generated = f"Dibuat {datetime_text(self.header.generated_at)}"
        if self.header.generated_by:
            generated += f" oleh {self.header.generated_by}"
        self.footer_generated = generated
        self.footer_key = f"Sidik kunci: {self.header.key_fingerprint or '–'}"
        if self.header.audit_witness:
            self.footer_key += f" · Saksi jejak audit: {self.header.audit_witness}"
        self.footer_hash = f"Hash isi: {recap.content_hash[:16] or '–'}"

    # -- pages ------------------------------------------------------------------------------

    def write(self) -> None:
        # What repeats on every page is drawn once, as form XObjects placed on each page.
        self._define_form(_RUNNING_HEADER, self._running_header)
        self._define_form(_FOOTER, self._footer)
        self._start_page()
        self._totals()
        self._failures()
        self._by_kelurahan()
        self._needing_interview()
        self._signatures()
        self.canvas.showPage()
        self.total.finish(self.canvas, self.page, font=_REGULAR, size=7.5, gray=0.3)
        self.canvas.save()

    def _start_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        c = self.canvas
        if self.page == 1:
            self._first_header()
        else:
            c.doForm(_RUNNING_HEADER)
            self.y = _RUNNING_HEADER_BOTTOM
        c.doForm(_FOOTER)
        c.setFont(_REGULAR, _FOOTER_SIZE)
        c.setFillGray(0.3)
        page_text = f"Halaman {self.page} dari "
        c.drawString(_LEFT, _FOOTER_LINE1, page_text)
        self.total.draw(c, _LEFT + c.stringWidth(page_text, _REGULAR, _FOOTER_SIZE), _FOOTER_LINE1)

    def _define_form(self, name: str, draw: Callable[[], None]) -> None:
        self.canvas.beginForm(name)
        draw()
        self.canvas.endForm()

    def _ensure(self, height: float, after_break: Callable[[], None] | None = None) -> bool:
        """Start a new page unless `height` fits above the footer; True when it did."""
        if self.y - height >= _BOTTOM:
            return False
        self._start_page()
        if after_break is not None:
            after_break()
        return True

    def _first_header(self) -> None:
        c = self.canvas
        header = self.header
        y = _TOP - 14
        c.setFillGray(0)
        c.setFont(_BOLD, 16)
        c.drawString(_LEFT, y, TITLE)
        y -= 13
        c.setFont(_REGULAR, 9)
        c.setFillGray(0.35)
        c.drawString(_LEFT, y, SUBTITLE)
        y -= 6
        rows = [
            ("Kantor", header.office),
            ("Kelurahan", header.office_kelurahan),
            ("Periode", header.period_text),
            ("Cakupan", header.scope_text),
        ]
        label_w = 24 * _MM
        for label, value in rows:
            lines = wrap_text(value or "–", _BOLD, 9.5, _WIDTH - label_w, 3) or ["–"]
            y -= 13
            c.setFont(_REGULAR, 9)
            c.setFillGray(0.35)
            c.drawString(_LEFT, y, label)
            c.setFont(_BOLD, 9.5)
            c.setFillGray(0)
            for index, line in enumerate(lines):
                if index:
                    y -= 11.5
                c.drawString(_LEFT + label_w, y, line)
        y -= 8
        c.setStrokeGray(0)
        c.setLineWidth(1.2)
        c.line(_LEFT, y, _RIGHT, y)
        self.y = y - 4

    def _running_header(self) -> None:
        c = self.canvas
        header = self.header
        y = _TOP - 8
        c.setFillGray(0)
        c.setFont(_BOLD, 8.5)
        c.drawString(_LEFT, y, TITLE)
        c.setFont(_REGULAR, 8)
        c.setFillGray(0.25)
        office = " · ".join(part for part in (header.office, header.office_kelurahan) if part)
        scope = f"Periode: {header.period_text} · Cakupan: {header.scope_text}"
        for text in (office, scope):
            y -= 10.5
            c.drawString(_LEFT, y, fit_text(text, _REGULAR, 8, _WIDTH))
        y -= 5
        c.setStrokeGray(0)
        c.setLineWidth(0.7)
        c.line(_LEFT, y, _RIGHT, y)

    def _footer(self) -> None:
        """Everything in the footer but the page number."""
        c = self.canvas
        c.setStrokeGray(0.5)
        c.setLineWidth(0.5)
        c.line(_LEFT, 15.5 * _MM, _RIGHT, 15.5 * _MM)
        c.setFont(_REGULAR, _FOOTER_SIZE)
        c.setFillGray(0.3)
        c.drawRightString(
            _RIGHT,
            _FOOTER_LINE1,
            fit_text(self.footer_generated, _REGULAR, _FOOTER_SIZE, _WIDTH * 0.7),
        )
        c.drawString(_LEFT, _FOOTER_LINE2, self.footer_key)
        c.drawRightString(_RIGHT, _FOOTER_LINE2, self.footer_hash)

    # -- building blocks ----------------------------------------------------------------------

    def _section(self, title: str, note: str = "", *, keep: float = 0) -> None:
        """A numbered section heading; `keep`: room needed below it on the same page."""
        self._ensure(30 + keep)
        c = self.canvas
        self.y -= 17
        c.setFillGray(0)
        c.setFont(_BOLD, 11)
        c.drawString(_LEFT, self.y, title)
        if note:
            for line in wrap_text(note, _REGULAR, 8.5, _WIDTH):
                self.y -= 11
                c.setFont(_REGULAR, 8.5)
                c.setFillGray(0.3)
                c.drawString(_LEFT, self.y, line)
        self.y -= 5

    def _table(
        self,
        x: float,
        columns: list[_Column],
        rows: list[list[str]],
        total: list[str] | None,
        *,
        size: float = 8.5,
        wrap_first: bool = False,
    ) -> float:
        """A ruled table from self.y down; the heading row repeats after a page break.
        The first column may wrap (two lines at most); numbers never do. Returns the
        bottom y."""
        c = self.canvas
        width = sum(col.width for col in columns)
        leading = size * 1.22

        head_lines = [wrap_text(col.title, _BOLD, size, col.width - 2 * _PAD, 2) for col in columns]
        head_h = max(map(len, head_lines)) * leading + 4.5

        def heading() -> None:
            top = self.y
            c.setFillGray(_HEAD_FILL)
            c.rect(x, top - head_h, width, head_h, stroke=0, fill=1)
            c.setFillGray(0)
            c.setFont(_BOLD, size)
            cx = x
            for col, lines in zip(columns, head_lines, strict=True):
                y = top - (head_h - len(lines) * leading) / 2 - size * 0.85
                for line in lines:
                    c.drawCentredString(cx + col.width / 2, y, line)
                    y -= leading
                cx += col.width
            self._grid(x, top, columns, head_h)
            self.y = top - head_h

        def row(cells: list[str], *, bold: bool, fill: float | None) -> float:
            font = _BOLD if bold else _REGULAR
            first = (
                wrap_text(cells[0], font, size, columns[0].width - 2 * _PAD, 2)
                if wrap_first
                else [fit_text(cells[0], font, size, columns[0].width - 2 * _PAD)]
            ) or [""]
            h = len(first) * leading + 3.4
            self._ensure(h, heading)
            top = self.y
            if fill is not None:
                c.setFillGray(fill)
                c.rect(x, top - h, width, h, stroke=0, fill=1)
            c.setFillGray(0)
            c.setFont(font, size)
            y = top - 1.6 - size * 0.88
            for line in first:
                if columns[0].align == "c":
                    c.drawCentredString(x + columns[0].width / 2, y, line)
                else:
                    c.drawString(x + _PAD, y, line)
                y -= leading
            cx = x + columns[0].width
            y = top - 1.6 - size * 0.88
            for col, text in zip(columns[1:], cells[1:], strict=True):
                if col.align == "r":
                    c.drawRightString(cx + col.width - _PAD, y, text)
                elif col.align == "c":
                    c.drawCentredString(cx + col.width / 2, y, text)
                else:
                    c.drawString(cx + _PAD, y, fit_text(text, font, size, col.width - 2 * _PAD))
                cx += col.width
            self._grid(x, top, columns, h)
            self.y = top - h
            return top

        self._ensure(head_h + leading * 2 + 8)
        heading()
        for cells in rows:
            row(cells, bold=False, fill=None)
        if total is not None:
            total_top = row(total, bold=True, fill=_TOTAL_FILL)
            c.setStrokeGray(0)
            c.setLineWidth(0.9)
            c.line(x, total_top, x + width, total_top)
        return self.y

    def _grid(self, x: float, top: float, columns: list[_Column], height: float) -> None:
        """The lines around one row's cells."""
        c = self.canvas
        c.setStrokeGray(_GRID)
        c.setLineWidth(0.4)
        width = sum(col.width for col in columns)
        c.rect(x, top - height, width, height, stroke=1, fill=0)
        cx = x
        for col in columns[:-1]:
            cx += col.width
            c.line(cx, top, cx, top - height)

    # -- A. totals ----------------------------------------------------------------------------

    def _totals(self) -> None:
        recap = self.recap
        self._section("A. Ringkasan", keep=34 * _MM)
        households = recap.households
        visits = recap.visits
        status_rows = []
        for key, label in (
            (Outcome.BERHASIL, Outcome.BERHASIL.label),
            (Outcome.GAGAL, Outcome.GAGAL.label),
            (Outcome.BELUM, Outcome.BELUM.label),
            (None, NEVER_VISITED),
        ):
            count = recap.households_by_status.get(key, 0)
            status_rows.append([label, format_count(count), percent_text(count, households)])
        visit_rows = []
        for outcome in Outcome:
            count = recap.visits_by_outcome.get(outcome, 0)
            visit_rows.append([outcome.label, format_count(count), percent_text(count, visits)])

        gap = 8 * _MM
        half = (_WIDTH - gap) / 2
        numbers = [_Column("Jumlah", 24 * _MM, "r"), _Column("%", 18 * _MM, "r")]
        top = self.y
        left_bottom = self._table(
            _LEFT,
            [_Column("Rumah tangga menurut status terakhir", half - 42 * _MM, "l"), *numbers],
            status_rows,
            ["Jumlah rumah tangga", format_count(households), percent_text(households, households)],
        )
        self.y = top
        right_bottom = self._table(
            _LEFT + half + gap,
            [_Column("Kunjungan menurut hasil (semua percobaan)", half - 42 * _MM, "l"), *numbers],
            visit_rows,
            ["Jumlah kunjungan", format_count(visits), percent_text(visits, visits)],
        )
        self.y = min(left_bottom, right_bottom)

    # -- B. failures by reason ------------------------------------------------------------------

    def _failures(self) -> None:
        recap = self.recap
        failures = sum(recap.failures_by_reason.values())
        self._section(
            "B. Alasan gagal",
            "Kunjungan dengan hasil gagal menurut alasannya; persentase dari semua kunjungan "
            "yang gagal.",
            keep=20 * _MM,
        )
        rows = []
        for number, reason in enumerate(FailureReason, start=1):
            count = recap.failures_by_reason.get(reason, 0)
            rows.append(
                [str(number), reason.label, format_count(count), percent_text(count, failures)]
            )
        self._table(
            _LEFT,
            [
                _Column("No", 12 * _MM, "c"),
                _Column("Alasan gagal", _WIDTH - 62 * _MM, "l"),
                _Column("Jumlah kunjungan", 28 * _MM, "r"),
                _Column("%", 22 * _MM, "r"),
            ],
            rows,
            ["", "Jumlah", format_count(failures), percent_text(failures, failures)],
        )

    # -- C. per kelurahan -------------------------------------------------------------------------

    def _by_kelurahan(self) -> None:
        recap = self.recap
        self._section("C. Rincian per kelurahan", keep=20 * _MM)
        rows = []
        totals = [0, 0, 0, 0, 0]
        for item in recap.by_kelurahan:
            values = [item.households, item.berhasil, item.gagal, item.belum, item.visits]
            totals = [t + v for t, v in zip(totals, values, strict=True)]
            rows.append(
                [
                    item.label or item.code,
                    *map(format_count, values),
                    percent_text(item.berhasil, item.households),
                ]
            )
        number_w = 20 * _MM
        columns = [
            _Column("Kelurahan", _WIDTH - 6 * number_w, "l"),
            _Column("Rumah tangga", number_w, "r"),
            _Column("Berhasil", number_w, "r"),
            _Column("Gagal", number_w, "r"),
            _Column("Belum", number_w, "r"),
            _Column("Kunjungan", number_w, "r"),
            _Column("% berhasil", number_w, "r"),
        ]
        total = ["Jumlah", *map(format_count, totals), percent_text(totals[1], totals[0])]
        self._table(_LEFT, columns, rows, total, wrap_first=True)

    # -- D. households still needing an interview -------------------------------------------

    def _needing_interview(self) -> None:
        households = self.recap.needing_interview
        self._section(
            "D. Rumah tangga yang masih perlu kunjungan SP Wawancara",
            f"{format_count(len(households))} rumah tangga belum berhasil mengisi SP Online "
            "sampai akhir periode, per kelurahan, urut RW, RT dan nama.",
            keep=20 * _MM,
        )
        if not households:
            self.y -= 12
            c = self.canvas
            c.setFont(_ITALIC, 9)
            c.setFillGray(0.2)
            c.drawString(
                _LEFT, self.y, "Tidak ada: semua rumah tangga dalam cakupan sudah berhasil."
            )
            return
        _HouseholdList(self).write(households)

    # -- E. signatures ----------------------------------------------------------------------------

    def _signatures(self) -> None:
        """Who signs: the helper, the coordinator, and the Lurah who acknowledges."""
        c = self.canvas
        authority, place = _authority(self.header.office_kelurahan)
        place = place or self.header.office
        made = date_text(local(self.header.generated_at))
        column = _WIDTH / 3
        blocks = [
            [part for line in lines for part in wrap_text(line, _BOLD, 9.5, column - 6 * _MM, 2)]
            for lines in (["Petugas,"], ["Koordinator,"], ["Mengetahui,", f"{authority},"])
        ]
        role_h = max(map(len, blocks)) * 12
        sign_space = 18 * _MM
        self._ensure(16 + 18 + 16 + role_h + sign_space + 12)
        self.y -= 16
        c.setFont(_REGULAR, 9.5)
        c.setFillGray(0)
        c.drawString(_LEFT, self.y, "Demikian rekapitulasi ini dibuat dengan sebenarnya.")
        self.y -= 18
        c.drawRightString(_RIGHT, self.y, f"{place}, {made}" if place else made)
        self.y -= 16
        top = self.y
        sign_y = top - role_h - sign_space
        half = column / 2 - 6 * _MM
        for index, lines in enumerate(blocks):
            centre = _LEFT + column * index + column / 2
            c.setFont(_BOLD, 9.5)
            c.setFillGray(0)
            for number, line in enumerate(lines):
                c.drawCentredString(centre, top - number * 12, line)
            c.setStrokeGray(0)
            c.setLineWidth(0.6)
            c.line(centre - half, sign_y, centre + half, sign_y)
            c.setFont(_REGULAR, 8)
            c.setFillGray(0.3)
            c.drawCentredString(centre, sign_y - 10, "(nama jelas / NIP)")
        c.setFillGray(0)
        self.y = sign_y - 12


class _HouseholdList:
    """Section D: fixed-height rows written in bulk, one kelurahan group after another."""

    def __init__(self, writer: _RecapWriter) -> None:
        self.w = writer
        self.columns = [_Column(t, width * _MM, align) for t, width, align in _LIST_COLUMNS]
        scale = _WIDTH / sum(col.width for col in self.columns)
        self.columns = [_Column(c.title, c.width * scale, c.align) for c in self.columns]
        self.text = FastText(_REGULAR, _LIST_SIZE)
        self.italic = FastText(_ITALIC, _LIST_SIZE)
        lefts = []
        x = _LEFT
        for col in self.columns:
            lefts.append(x)
            x += col.width
        # Where each cell's text goes and how wide it may be.
        self.anchor = []
        for col, left in zip(self.columns, lefts, strict=True):
            if col.align == "r":
                self.anchor.append(left + col.width - _PAD)
            elif col.align == "c":
                self.anchor.append(left + col.width / 2)
            else:
                self.anchor.append(left + _PAD)
        self.room = [col.width - 2 * _PAD for col in self.columns]
        self.lefts = lefts
        self.head_lines = [
            wrap_text(col.title, _BOLD, _LIST_SIZE, col.width - 2 * _PAD, 2) for col in self.columns
        ]
        self.head_h = max(map(len, self.head_lines)) * _LIST_SIZE * 1.2 + 4
        self.heading_defined = False
        self.status_text: dict[Outcome | None, str] = {
            None: NEVER_VISITED,
            **{outcome: outcome.label for outcome in Outcome},
        }

    def write(self, households: list[HouseholdLine]) -> None:
        writer = self.w
        progress = writer.progress
        total = len(households)
        if progress is not None:
            progress.report(0, total, _(PROGRESS_TEXT))
        start = 0
        while start < total:
            code = households[start].kelurahan_code
            end = start
            while end < total and households[end].kelurahan_code == code:
                end += 1
            self._group(households, start, end)
            start = end
            if progress is not None:
                progress.report(start, total, _(PROGRESS_TEXT))

    def _group(self, households: list[HouseholdLine], start: int, end: int) -> None:
        writer = self.w
        first = households[start]
        label = first.kelurahan_label or first.kelurahan_code or "Kelurahan tidak diketahui"
        count = f" — {format_count(end - start)} rumah tangga"
        progress = writer.progress
        number = 0
        index = start
        continued = False
        while index < end:
            # Room for the group title, the column heading and a few rows, else a new page.
            writer._ensure(16 + self.head_h + 3 * _LIST_ROW)
            self._group_title(label, count + (" (lanjutan)" if continued else ""))
            self._heading()
            fits = int((writer.y - _BOTTOM + 2) // _LIST_ROW)
            chunk = households[index : min(end, index + fits)]
            self._rows(chunk, number)
            number += len(chunk)
            index += len(chunk)
            if index < end:
                writer._start_page()
                continued = True
                if progress is not None:
                    progress.report(index, len(households), _(PROGRESS_TEXT))
        writer.y -= 4

    def _group_title(self, label: str, suffix: str) -> None:
        """'<kelurahan> — 1.234 rumah tangga': a long name is cut, never the count."""
        c = self.w.canvas
        self.w.y -= 14
        c.setFillGray(0)
        c.setFont(_BOLD, 9)
        room = _WIDTH - c.stringWidth(suffix, _BOLD, 9)
        c.drawString(_LEFT, self.w.y, fit_text(label, _BOLD, 9, room) + suffix)
        self.w.y -= 4

    def _heading(self) -> None:
        """The column heading, drawn once as a form (its top at y = head_h) and then placed."""
        c = self.w.canvas
        top = self.w.y
        if not self.heading_defined:
            c.beginForm(_LIST_HEADING)
            self._draw_heading(self.head_h)
            c.endForm()
            self.heading_defined = True
        c.saveState()
        c.translate(0, top - self.head_h)
        c.doForm(_LIST_HEADING)
        c.restoreState()
        self.w.y = top - self.head_h

    def _draw_heading(self, top: float) -> None:
        c = self.w.canvas
        h = self.head_h
        leading = _LIST_SIZE * 1.2
        c.setFillGray(_HEAD_FILL)
        c.rect(_LEFT, top - h, _WIDTH, h, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(_BOLD, _LIST_SIZE)
        for col, left, lines in zip(self.columns, self.lefts, self.head_lines, strict=True):
            y = top - (h - len(lines) * leading) / 2 - _LIST_SIZE * 0.85
            for line in lines:
                c.drawCentredString(left + col.width / 2, y, line)
                y -= leading
        self.w._grid(_LEFT, top, self.columns, h)

    def _rows(self, chunk: list[HouseholdLine], first_number: int) -> None:
        c = self.w.canvas
        top = self.w.y
        count = len(chunk)
        if not count:
            return
        # Light bands on every other row, then the text over them, then the frame.
        bands = [
            f"{_LEFT:.2f} {top - (i + 1) * _LIST_ROW:.2f} {_WIDTH:.2f} {_LIST_ROW:.2f} re"
            for i in range(1, count, 2)
        ]
        if bands:
            c.setFillGray(_BAND_FILL)
            c.addLiteral("\n".join(bands) + "\nf")
        add = self.text.add
        anchor = self.anchor
        room = self.room
        status_text = self.status_text
        baseline = top - _LIST_ROW + 1.45 * _MM
        for offset, line in enumerate(chunk):
            y = baseline - offset * _LIST_ROW
            add(anchor[0], y, format_count(first_number + offset + 1), 0, "r", repeats=True)
            if line.erased:
                self.italic.add(anchor[1], y, ERASED, room[1], repeats=True)
            else:
                add(anchor[1], y, line.head_name, room[1])
                # Masked: the printed list finds the family by name, address and RT/RW;
                # the full number is only in the (password-protected) XLSX for BPS.
                add(anchor[2], y, mask_number(line.no_kk), room[2])
                add(anchor[3], y, line.address, room[3])
            rt_rw = f"{line.rt}/{line.rw}" if line.rt or line.rw else "–"
            add(anchor[4], y, rt_rw, room[4], "c", repeats=True)
            add(anchor[5], y, status_text[line.status], room[5], repeats=True)
            if line.failure_reason is not None:
                add(anchor[6], y, line.failure_reason.label, room[6], repeats=True)
            if line.revisit_date is not None:
                add(anchor[7], y, short_date_text(line.revisit_date), room[7], repeats=True)
        c.setFillGray(0)
        self.text.flush(c)
        c.setFillGray(0.35)
        self.italic.flush(c)
        c.setFillGray(0)
        bottom = top - count * _LIST_ROW
        c.setStrokeGray(_GRID)
        c.setLineWidth(0.4)
        frame = [f"{_LEFT:.2f} {bottom:.2f} {_WIDTH:.2f} {count * _LIST_ROW:.2f} re"]
        frame += [f"{left:.2f} {top:.2f} m {left:.2f} {bottom:.2f} l" for left in self.lefts[1:]]
        c.addLiteral("\n".join(frame) + "\nS")
        self.w.y = bottom
