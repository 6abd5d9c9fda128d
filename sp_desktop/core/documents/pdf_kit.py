"""What every PDF SP Desktop writes shares: atomic (and signed) writing, Indonesian dates,
the A4 look, vector QR codes, page numbers "x dari y" and text that fits its column.

reportlab and qrcode are imported inside the functions: the app imports the core at
start-up and should not pay for a PDF library it may not use in that session.

Files are written atomically (a `.partial` file next to the target, fsync, rename): a
crash or a full disk never leaves a half-written document that looks complete.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sp_desktop.core.base.files import write_atomically

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from sp_desktop.core.trust.signing import Signer

ELLIPSIS = "…"

Render = Callable[[IO[bytes]], None]  # the same shape as files.Render


def markup(text: str) -> str:
    """Escape caller text for reportlab's Paragraph markup ('&', '<' in office names)."""
    # html.escape, not xml.sax.saxutils: the same &, <, > (quote=False), without the
    # ~30 ms of urllib and email modules xml.sax pulls in wherever a date is formatted.
    return html.escape(text, quote=False)


# -- writing --------------------------------------------------------------------------------


def write_signed_pdf(path: Path, render: Render, signer: Signer) -> Path:
    """Render the PDF in memory, append the installation's signature line after %%EOF
    (`signing.pdf_trailer`) and write it atomically. Nothing touches the disk until the
    whole document is rendered, so a cancelled or failed render leaves no file at all."""
    from reportlab import rl_config

    from sp_desktop.core.trust.signing import pdf_trailer

    buffer = io.BytesIO()
    # Binary (Flate only) streams: ASCII85 on top makes the file a quarter bigger and,
    # without reportlab's optional C accelerator, costs more time than the compression.
    # reportlab only has a global switch; a document rendered meanwhile in another thread
    # may come out either way, and both are valid PDF.
    ascii85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        render(buffer)
    finally:
        rl_config.useA85 = ascii85
    content = buffer.getvalue()
    if not content.endswith(b"\n"):
        content += b"\n"  # the trailer must start a line of its own
    signed = content + pdf_trailer(content, signer)

    def write(out: IO[bytes]) -> None:
        out.write(signed)

    return write_atomically(path, write)


# -- platypus documents ---------------------------------------------------------------------


def a4_document(out: IO[bytes], *, margin: float, title: str, on_page: Any = None) -> Any:
    """An A4 document whose one frame has no inner padding: tables get the full width."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author="SP Desktop",
        creator="SP Desktop",
    )
    frame = Frame(
        margin, margin, doc.width, doc.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    kwargs = {"onPage": on_page} if on_page is not None else {}
    doc.addPageTemplates([PageTemplate(id="a4", frames=[frame], **kwargs)])
    return doc


def styles() -> dict[str, Any]:
    """Paragraph styles in the built-in Helvetica (no font files ship with the app)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=14)
    return {
        "title": ParagraphStyle(
            "title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=2
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=10, textColor=colors.HexColor("#555555")
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=11.5),
        "label": ParagraphStyle(
            "label", parent=body, fontSize=9.5, textColor=colors.HexColor("#444444")
        ),
        "value": ParagraphStyle("value", parent=body, fontName="Helvetica-Bold"),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName="Helvetica-Bold", fontSize=11.5, leading=15,
            spaceBefore=8, spaceAfter=3,
        ),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11),
        "cell_head": ParagraphStyle(
            "cell_head", parent=body, fontName="Helvetica-Bold", fontSize=9, leading=11,
            alignment=TA_CENTER,
        ),
        "centre": ParagraphStyle("centre", parent=body, alignment=TA_CENTER),
    }  # fmt: skip


def info_table(rows: list[tuple[str, str]], width: float, style: dict[str, Any]) -> Any:
    """Label / value pairs, labels in a narrow grey column."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    label_width = 40 * mm
    table = Table(
        [[Paragraph(label, style["label"]), Paragraph(markup(value), style["value"])]
         for label, value in rows],
        colWidths=[label_width, width - label_width],
    )  # fmt: skip
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def numbered_canvas(decorate: Callable[[Any, int, int], None]) -> type[Canvas]:
    """A Canvas class that holds every page until the end, then calls
    `decorate(canvas, number, total)` on each, so a footer can say 'x dari <total>'.
    For platypus documents (`doc.build(story, canvasmaker=...)`)."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            # reportlab's own page reset (the documented recipe); types-reportlab omits it.
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                decorate(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class PageTotal:
    """'dari <y>' without rendering twice: every page draws one form XObject that is
    defined only when the last page is done (`finish`), holding the page count."""

    def __init__(self, name: str = "SPDesktopPageTotal") -> None:
        self.name = name

    def draw(self, canvas: Any, x: float, y: float) -> None:
        """Place the total with its baseline at (x, y), in the canvas's current font."""
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(self.name)
        canvas.restoreState()

    def finish(self, canvas: Any, total: int, *, font: str, size: float, gray: float) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        text = str(total)
        canvas.beginForm(
            self.name, lowerx=0, lowery=-size, upperx=stringWidth(text, font, size) + 1,
            uppery=size * 1.5,
        )  # fmt: skip
        canvas.setFont(font, size)
        canvas.setFillGray(gray)
        canvas.drawString(0, 0, text)
        canvas.endForm()


# -- fitting text -----------------------------------------------------------------------------


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with '…' so it fits `width` points (one stringWidth call when it fits)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    room = width - stringWidth(ELLIPSIS, font, size)
    if room <= 0:
        return ""
    # Binary search on the prefix length: a handful of calls even for long addresses.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle], font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def wrap_text(text: str, font: str, size: float, width: float, max_lines: int = 0) -> list[str]:
    """Greedy word wrap to `width` points; with `max_lines`, the last line ends in '…'."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return [text] if text else []
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split(" "):
        word_width = stringWidth(word, font, size)
        if current and used + space + word_width > width:
            lines.append(" ".join(current))
            current, used = [], 0.0
        if not current and word_width > width:
            lines.append(fit_text(word, font, size, width))  # one unbreakable word
            continue
        used += (space if current else 0) + word_width
        current.append(word)
    if current:
        lines.append(" ".join(current))
    if max_lines and len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])  # wider than `width`: fit_text cuts it
        lines = [*lines[: max_lines - 1], fit_text(rest, font, size, width)]
    return lines


# -- QR codes ---------------------------------------------------------------------------------

QR_BORDER = 4  # the quiet zone scanners need, in modules


@lru_cache(maxsize=8)
def _mask_flips(version: int) -> tuple[tuple[int, ...], ...]:
    """Per mask m (0..7), per row, the bits of data modules where mask m differs from mask 0.

    Bit c of a row counts from the left (most significant bit = column 0).
    """
    from qrcode.util import mask_func, pattern_position

    n = version * 4 + 17
    function = [[False] * n for _ in range(n)]

    def block(rows: range, cols: range) -> None:
        for r in rows:
            for c in cols:
                if 0 <= r < n and 0 <= c < n:
                    function[r][c] = True

    # Finder patterns with their separators and the format information next to them.
    block(range(0, 9), range(0, 9))
    block(range(0, 9), range(n - 8, n))
    block(range(n - 8, n), range(0, 9))
    centres = pattern_position(version)
    for row in centres:
        for col in centres:
            if function[row][col]:  # the three corners taken by finder patterns
                continue
            block(range(row - 2, row + 3), range(col - 2, col + 3))
    block(range(6, 7), range(n))  # timing patterns (after: alignment may cross them)
    block(range(n), range(6, 7))
    if version >= 7:  # version information
        block(range(0, 6), range(n - 11, n - 8))
        block(range(n - 11, n - 8), range(0, 6))

    base = mask_func(0)
    flips = []
    for pattern in range(8):
        mask = mask_func(pattern)
        rows = []
        for r in range(n):
            bits = 0
            for c in range(n):
                bits <<= 1
                if not function[r][c] and bool(mask(r, c)) != bool(base(r, c)):
                    bits |= 1
            rows.append(bits)
        flips.append(tuple(rows))
    return tuple(flips)


def _penalty(rows: Sequence[int], n: int) -> int:
    """The QR mask penalty (ISO/IEC 18004 N1–N4) of a symbol given as row bit masks.

    Bit-parallel: each row is an int (column 0 the highest bit), so one operation looks at
    a whole row, or at one row of every column at once for the vertical rules.
    """
    full = (1 << n) - 1
    half = full >> 1
    inv = [~row & full for row in rows]
    score = 0
    for x, nx in zip(rows, inv, strict=True):
        # N1: a run of L >= 5 same-colour modules costs L - 2. `e` marks equal neighbours,
        # `f4` four equal pairs in a row: a run of L has L - 4 of those, plus 2 per run.
        e = ~(x ^ (x >> 1)) & half
        f4 = e & (e >> 1) & (e >> 2) & (e >> 3)
        if f4:
            score += f4.bit_count() + 2 * (f4 & ~(f4 >> 1)).bit_count()
        # N3: 1:1:3:1:1 dark:light with four light modules on either side, 40 each.
        core = x & (nx >> 1) & (x >> 2) & (x >> 3) & (x >> 4) & (nx >> 5) & (x >> 6)
        if core:
            z4 = nx & (nx >> 1) & (nx >> 2) & (nx >> 3)
            score += 40 * ((core & (z4 << 4)).bit_count() + (core & (z4 >> 7)).bit_count())
    same = [~(a ^ b) & full for a, b in pairwise(rows)]
    f4v = [a & b & c & d for a, b, c, d in zip(same, same[1:], same[2:], same[3:], strict=False)]
    for upper, lower in zip(f4v, [*f4v[1:], 0], strict=True):
        if upper:
            score += upper.bit_count() + 2 * (upper & ~lower).bit_count()
    z4v = [a & b & c & d for a, b, c, d in zip(inv, inv[1:], inv[2:], inv[3:], strict=False)]
    for r in range(n - 6):
        core = (
            rows[r] & inv[r + 1] & rows[r + 2] & rows[r + 3] & rows[r + 4] & inv[r + 5]
            & rows[r + 6]
        )  # fmt: skip
        if core:
            if r + 7 < len(z4v):
                score += 40 * (core & z4v[r + 7]).bit_count()
            if r >= 4:
                score += 40 * (core & z4v[r - 4]).bit_count()
    for x, s in zip(rows, same, strict=False):  # N2: 3 per 2x2 block of one colour
        score += 3 * (s & (s >> 1) & ~(x ^ (x >> 1)) & half).bit_count()
    dark = sum(row.bit_count() for row in rows)  # N4: 10 per 5% away from half dark
    score += 10 * (abs(200 * dark - 100 * n * n) // (10 * n * n))
    return score


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code of `text` at error correction level M with its quiet zone, row by row.

    Same symbol qrcode would make, but the mask is chosen faster: the symbol is built once
    (mask 0) and the other seven masks are tried by flipping data-module bits, instead of
    building all eight from scratch. Any mask yields a valid code; the penalty only picks
    the one easiest to scan.
    """
    import qrcode
    from qrcode.exceptions import DataOverflowError

    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=QR_BORDER, mask_pattern=0
    )
    qr.add_data(text)
    try:
        qr.make(fit=True)
    except (ValueError, DataOverflowError) as exc:
        raise ValueError(f"text of {len(text)} characters does not fit in a QR code") from exc
    n = len(qr.modules)
    base = [int("".join("1" if m else "0" for m in row), 2) for row in qr.modules]
    flips = _mask_flips(qr.version)
    best, best_rows, best_score = 0, base, -1
    for pattern, flip in enumerate(flips):
        rows = base if pattern == 0 else [a ^ b for a, b in zip(base, flip, strict=True)]
        score = _penalty(rows, n)
        if best_score < 0 or score < best_score:
            best, best_rows, best_score = pattern, rows, score
    if best != 0:
        qr.modules = [[bool(row >> (n - 1 - c) & 1) for c in range(n)] for row in best_rows]
        qr.mask_pattern = best
        qr.setup_type_info(False, best)  # the format bits name the mask
    return qr.get_matrix()


def qr_runs(matrix: Sequence[Sequence[bool]]) -> list[tuple[int, int, int, int]]:
    """Dark areas as (col, row, width, height) rectangles: horizontal runs, stacked when
    the same run repeats on the following rows. Fewer shapes, no seams between modules."""
    rects: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], int] = {}  # (start, end) -> top row
    for r, row in enumerate(matrix):
        runs: set[tuple[int, int]] = set()
        c, size = 0, len(row)
        while c < size:
            if row[c]:
                start = c
                while c < size and row[c]:
                    c += 1
                runs.add((start, c))
            c += 1
        for run in list(open_runs):
            if run not in runs:
                top = open_runs.pop(run)
                rects.append((run[0], top, run[1] - run[0], r - top))
        for run in runs:
            open_runs.setdefault(run, r)
    for run, top in open_runs.items():
        rects.append((run[0], top, run[1] - run[0], len(matrix) - top))
    return rects


def draw_qr(canvas: Any, matrix: Sequence[Sequence[bool]], x: float, y: float, size: float) -> None:
    """Draw the QR code (quiet zone included in `matrix`) as one vector path filling the
    square whose lower left corner is (x, y)."""
    count = len(matrix)
    canvas.saveState()
    # Module units, origin top left: whole numbers, written straight into the content
    # stream (reportlab's path object formats every number as a float, which is slow
    # without its optional C accelerator).
    canvas.translate(x, y + size)
    canvas.scale(size / count, -size / count)
    canvas.setFillGray(0)
    parts = [f"{col} {row} {width} {height} re" for col, row, width, height in qr_runs(matrix)]
    parts.append("f")
    canvas.addLiteral("\n".join(parts))
    canvas.restoreState()


def qr_flowable(text: str, size: float) -> Any:
    """The QR code as a platypus flowable of `size` points square."""
    from reportlab.platypus import Flowable

    matrix = qr_matrix(text)

    class _Qr(Flowable):
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return size, size

        def draw(self) -> None:
            draw_qr(self.canv, matrix, 0, 0, size)

    return _Qr()


# -- fast text for long tables ------------------------------------------------------------

# PDF string escapes: backslash and parentheses, octal for non-ASCII bytes.
_PDF_ESCAPE = {
    byte: (f"\\{byte:03o}" if byte > 126 else "\\" + chr(byte))
    for byte in range(256)
    if byte > 126 or chr(byte) in "\\()"
}
# Control characters (a tab or line break in an address) print as spaces.
_CONTROL_TO_SPACE = bytes(32 if byte < 32 or byte == 127 else byte for byte in range(256))


class FastText:
    """Many short strings in one built-in font and size, for tables with tens of thousands
    of rows: measured from the font's width table and written as plain text operators.

    reportlab's drawString costs ~100 µs a call in pure Python; this costs a few. `add`
    collects, `flush` writes everything collected into the current page. Text that the
    font's encoding cannot hold takes reportlab's own (slow, font-substituting) path.
    """

    def __init__(self, font_name: str, size: float) -> None:
        from reportlab.pdfbase.pdfmetrics import getFont

        font = getFont(font_name)
        self.font_name = font_name
        self.size = size
        # The built-in fonts use WinAnsiEncoding, which is Windows-1252: Python's own codec
        # (in C) encodes it several times faster than reportlab's.
        self._encoding = "cp1252" if font.encName == "WinAnsiEncoding" else font.encName
        self._widths = font.widths  # per byte of the encoding, in 1/1000 em
        self._scale = size / 1000
        self._ellipsis = ELLIPSIS.encode(self._encoding)
        self._ellipsis_units = sum(self._widths[b] for b in self._ellipsis)
        self._lines: list[str] = []
        self._slow: list[tuple[float, float, str, float, str]] = []
        self._cache: dict[tuple[str, float], tuple[float, str]] = {}

    def _prepare(self, text: str, width: float) -> tuple[float, str] | None:
        """(width in points, escaped PDF string) of `text` cut to `width`; None when the
        encoding cannot hold it."""
        try:
            data = text.encode(self._encoding).translate(_CONTROL_TO_SPACE)
        except UnicodeEncodeError:
            return None
        widths = self._widths
        units = sum(map(widths.__getitem__, data))
        if width and units * self._scale > width:
            room = width / self._scale - self._ellipsis_units
            used = cut = 0
            for byte in data:
                used += widths[byte]
                if used > room:
                    break
                cut += 1
            data = data[:cut].rstrip(b" ") + self._ellipsis
            units = sum(map(widths.__getitem__, data))
        return units * self._scale, data.decode("latin-1").translate(_PDF_ESCAPE)

    def width(self, text: str) -> float:
        prepared = self._prepare(text, 0)
        if prepared is None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            return stringWidth(text, self.font_name, self.size)
        return prepared[0]

    def add(
        self,
        x: float,
        y: float,
        text: str,
        width: float = 0,
        align: str = "l",
        *,
        repeats: bool = False,
    ) -> None:
        """`text` at baseline y, starting at x ('l'), ending at x ('r') or centred on x
        ('c'); cut with '…' to `width` points when given. `repeats`: the same few texts
        come again and again (labels, dates), so remember how they were measured."""
        if not text:
            return
        if repeats:
            key = (text, width)
            prepared = self._cache.get(key)
            if prepared is None:
                prepared = self._prepare(text, width)
                if prepared is not None and len(self._cache) < 4096:
                    self._cache[key] = prepared
        else:
            prepared = self._prepare(text, width)
        if prepared is None:
            self._slow.append((x, y, text, width, align))
            return
        text_width, literal = prepared
        if align == "r":
            x -= text_width
        elif align == "c":
            x -= text_width / 2
        self._lines.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm ({literal}) Tj")

    def flush(self, canvas: Any) -> None:
        """Write what was added into the canvas's current page, in the current fill colour."""
        if self._lines:
            canvas.setFont(self.font_name, self.size)  # text state outlives BT … ET
            canvas.addLiteral("BT\n" + "\n".join(self._lines) + "\nET")
            self._lines.clear()
        for x, y, text, width, align in self._slow:
            canvas.setFont(self.font_name, self.size)
            if width:
                text = fit_text(text, self.font_name, self.size, width)
            if align == "r":
                canvas.drawRightString(x, y, text)
            elif align == "c":
                canvas.drawCentredString(x, y, text)
            else:
                canvas.drawString(x, y, text)
        self._slow.clear()
