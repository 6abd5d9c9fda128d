"""The revisit agenda on paper and in a spreadsheet: "Daftar Kunjungan Ulang".

The PDF is the door-to-door list a helper carries: A4, grouped kelurahan -> RW -> RT,
each household on a two-line row (head and address; No KK and NIK, always masked; last
outcome and reason; revisit date, late or not) with a tick box and room for notes, and
"Halaman x dari y" on every page. It is signed like the other documents
(`pdf_kit.write_signed_pdf`). The same list serves SP Wawancara, the interview stage.

The CSV has one row per household (UTF-8 with BOM, commas, CRLF), numbers masked too: it
is a working list that travels on WhatsApp. Both are written atomically (a `.partial`
file, fsync, a rename retried while another program holds the target), and each issue is
written into the audit trail with its SHA-256.

Official text: Indonesian only, never through `_()`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.files import write_atomically
from sp_desktop.core.base.i18n import N_, _
from sp_desktop.core.documents.pdf_kit import (
    FastText,
    PageTotal,
    fit_text,
    wrap_text,
    write_signed_pdf,
)
from sp_desktop.core.domain.agenda import AgendaFilter, AgendaLine
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.official_text import (
    date_text,
    datetime_text,
    day_date_text,
    format_count,
    short_date_text,
)
from sp_desktop.core.domain.reports import DocumentHeader

if TYPE_CHECKING:
    from sp_desktop.core.base.progress import Progress
    from sp_desktop.core.documents.issuing import Issued
    from sp_desktop.core.storage import Storage
    from sp_desktop.core.trust.signing import Signer

TITLE = "Daftar Kunjungan Ulang"
SUBTITLE = "Pendampingan SP Online 2020 · juga untuk kunjungan SP Wawancara"
HOW_TO = (
    "Centang kotak bila rumah tangga sudah dikunjungi; tulis hasilnya atau janji berikutnya "
    "di kolom Catatan, lalu catat kunjungannya di SP Desktop. No KK dan NIK disamarkan."
)
EMPTY = "Tidak ada rumah tangga yang perlu dikunjungi ulang pada periode dan cakupan ini."
PROGRESS_TEXT = N_("Menyusun daftar kunjungan ulang …")
CSV_PROGRESS_TEXT = N_("Menulis CSV kunjungan ulang …")
PROGRESS_EVERY = 500

CSV_HEADERS = (
    "No",
    "Kelurahan/Desa",
    "Kode wilayah",
    "RW",
    "RT",
    "Alamat",
    "Nama kepala keluarga",
    "No KK (disamarkan)",
    "NIK kepala keluarga (disamarkan)",
    "Jumlah anggota",
    "Hasil terakhir",
    "Alasan / catatan",
    "Kunjungan terakhir",
    "Kunjungan ulang",
    "Terlambat (hari)",
    "Petugas",
    "NIP petugas",
    "Posko",
    "Jumlah kunjungan",
    "ID rumah tangga",
)

_MM = 72 / 25.4
_PAGE_W = 210 * _MM
_PAGE_H = 297 * _MM
_LEFT = 12 * _MM
_RIGHT = _PAGE_W - 12 * _MM
_WIDTH = _RIGHT - _LEFT
_TOP = _PAGE_H - 12 * _MM
_BOTTOM = 20 * _MM  # lowest point for content; the footer sits below
_REGULAR = "Helvetica"
_BOLD = "Helvetica-Bold"
_GRID = 0.62
_HEAD_FILL = 0.88
_BAND_FILL = 0.95
_RW_FILL = 0.86
_BAND_H = 13.0
_FOOTER_SIZE = 7.5
_FOOTER_LINE1 = 11.5 * _MM
_FOOTER_LINE2 = 8.1 * _MM
_HEADING_FORM = "AgendaColumnHeading"

# (heading, width in mm, alignment); the last column takes what is left.
_COLUMNS = (
    ("No", 8, "r"),
    ("Kepala keluarga / alamat", 46, "l"),
    ("No KK / NIK", 28, "l"),
    ("Hasil terakhir / alasan", 36, "l"),
    ("Kunjungan ulang", 25, "l"),
    ("Sudah", 14, "c"),
    ("Catatan", 0, "l"),
)
_ROW_H = 10.5 * _MM  # room to write a note by hand
_MAIN = 8.0
_SMALL = 7.0
_PAD = 1.3 * _MM
_BOX = 3.6 * _MM


# -- issuing ------------------------------------------------------------------------------


def period_text(agenda: AgendaFilter) -> str:
    if agenda.since is None:
        return f"Jadwal sampai {date_text(agenda.until)} (termasuk yang terlambat)"
    if agenda.since == agenda.until:
        return f"Jadwal {day_date_text(agenda.until)}"
    return f"Jadwal {date_text(agenda.since)} – {date_text(agenda.until)}"


def scope_text(storage: Storage, agenda: AgendaFilter) -> str:
    from sp_desktop.core.domain.agenda import rt_rw_code
    from sp_desktop.core.domain.regions import region_index

    parts: list[str] = []
    if agenda.kelurahan_code:
        region = region_index().get(agenda.kelurahan_code)
        parts.append(f"{region.kind} {region.name}" if region else agenda.kelurahan_code)
    if agenda.rw.strip():
        parts.append(f"RW {rt_rw_code(agenda.rw)}")
    if agenda.rt.strip():
        parts.append(f"RT {rt_rw_code(agenda.rt)}")
    if agenda.post.strip():
        post = next((p for p in storage.posts() if agenda.post.strip() in (p.id, p.name)), None)
        parts.append(post.name if post else f"Posko {agenda.post.strip()}")
    if agenda.helper_nip.strip():
        nip = agenda.helper_nip.strip()
        helper = next((h for h in storage.helpers() if h.nip == nip), None)
        parts.append(f"Petugas {helper.name}" if helper else f"Petugas NIP {nip}")
    return ", ".join(parts) if parts else "Semua kelurahan, posko dan petugas"


def agenda_header(storage: Storage, agenda: AgendaFilter) -> DocumentHeader:
    from sp_desktop.core.domain.regions import region_index

    actor = storage.actor
    code = storage.get_setting("office_kelurahan")
    region = region_index().get(code) if code else None
    return DocumentHeader(
        office=storage.get_setting("office_name"),
        office_kelurahan=f"{region.kind} {region.name}" if region else code,
        scope_text=scope_text(storage, agenda),
        period_text=period_text(agenda),
        generated_at=clock.local_now().replace(microsecond=0),
        generated_by=actor.label() if actor is not None else "",
        key_fingerprint=storage.own_public_key().fingerprint,
    )


def save_agenda(
    storage: Storage, agenda: AgendaFilter, out: Path, *, progress: Progress | None = None
) -> Issued:
    """Write the agenda to `out`: the door-to-door list for `.pdf`, one row per household
    for `.csv`. Audited with the file's SHA-256. Returns the households written."""
    from sp_desktop.core.documents.issuing import Issued
    from sp_desktop.core.trust import audit, signing

    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise UserFacingError(
            _("Daftar kunjungan ulang hanya bisa disimpan sebagai PDF atau CSV."),
            hint=_("Beri nama berkas yang berakhiran .pdf atau .csv."),
        )
    today = clock.today()
    lines = storage.agenda(agenda, progress=progress)
    if suffix == ".pdf":
        header = agenda_header(storage, agenda)
        count = write_agenda_pdf(
            path, header, lines, storage.document_signer(), today=today, progress=progress
        )
        action, entity = audit.PRINT, "daftar_kunjungan_ulang"
    else:
        count = write_agenda_csv(path, lines, today=today, progress=progress)
        action, entity = audit.EXPORT, "csv_kunjungan_ulang"
    sha = signing.sha256_hex(path.read_bytes())
    filters = {f"saring_{k}": v for k, v in agenda.as_dict().items() if v}
    storage.record_event(
        action, entity, "", berkas=path.name, sha256=sha, rumah_tangga=count, **filters
    )
    return Issued(path, count, sha)


# -- CSV ----------------------------------------------------------------------------------


def csv_values(line: AgendaLine, today: date) -> tuple[Any, ...]:
    return (
        line.kelurahan_label,
        line.kelurahan_code,
        line.rw,
        line.rt,
        line.address,
        line.head_name,
        mask_number(line.no_kk),
        mask_number(line.head_nik),
        line.members,
        line.outcome.label,
        line.reason_text,
        line.last_visit_at.date(),
        line.revisit_date,
        line.days_late(today),
        line.helper_name,
        line.helper_nip,
        line.post_name,
        line.visits,
        line.household_id,
    )


def write_agenda_csv(
    path: Path,
    lines: Iterable[AgendaLine],
    *,
    today: date,
    progress: Progress | None = None,
) -> int:
    """One row per household (UTF-8 with BOM, commas, CRLF); returns the rows written."""
    from sp_desktop.core.documents.spreadsheets import _csv_cell

    written: list[int] = []

    def render(out: IO[bytes]) -> None:
        if progress is not None:
            progress.report(0, 0, _(CSV_PROGRESS_TEXT))
        # utf-8-sig: the BOM makes Excel read the file as UTF-8 (names with é, ñ, …).
        stream = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        count = 0
        try:
            writer = csv.writer(stream, delimiter=",", lineterminator="\r\n")
            writer.writerow(CSV_HEADERS)
            for line in lines:
                count += 1
                writer.writerow([str(count), *map(_csv_cell, csv_values(line, today))])
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress.report(count, 0, _(CSV_PROGRESS_TEXT))
            stream.flush()
        finally:
            stream.detach()  # `out` stays open for the fsync
        if progress is not None:
            progress.check()  # Batal at the very end: keep nothing
        written.append(count)

    write_atomically(Path(path), render)
    return written[0]


# -- PDF ----------------------------------------------------------------------------------


def write_agenda_pdf(
    path: Path,
    header: DocumentHeader,
    lines: Iterable[AgendaLine],
    signer: Signer,
    *,
    today: date,
    progress: Progress | None = None,
) -> int:
    """Write the door-to-door list (signed, atomically); returns the households on it."""
    counted: list[int] = []

    def render(out: IO[bytes]) -> None:
        counted.append(_AgendaWriter(out, header, today, progress).write(lines))

    write_signed_pdf(Path(path), render, signer)
    return counted[0]


class _AgendaWriter:
    def __init__(
        self, out: IO[bytes], header: DocumentHeader, today: date, progress: Progress | None
    ) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen.canvas import Canvas

        self.header = header
        self.today = today
        self.progress = progress
        canvas = Canvas(out, pagesize=A4, pageCompression=1)
        canvas.setTitle(TITLE)
        canvas.setAuthor(header.office or "SP Desktop")
        canvas.setCreator("SP Desktop")
        canvas.setSubject(f"{TITLE} · {header.period_text} · {header.scope_text}")
        self.canvas = canvas
        self.page = 0
        self.y = _TOP
        self.total = PageTotal("AgendaPageTotal")
        widths = [column[1] * _MM for column in _COLUMNS]
        widths[-1] = _WIDTH - sum(widths[:-1])
        self.widths = widths
        self.lefts: list[float] = []
        x = _LEFT
        for width in widths:
            self.lefts.append(x)
            x += width
        self.head_h = 2 * _MAIN * 1.2 + 4
        self.main = FastText(_REGULAR, _MAIN)
        self.bold = FastText(_BOLD, _MAIN)
        self.small = FastText(_REGULAR, _SMALL)
        self.late = FastText(_BOLD, _SMALL)
        printed = f"Dicetak {datetime_text(header.generated_at)}"
        if header.generated_by:
            printed += f" oleh {header.generated_by}"
        self.printed = printed
        # The groups being written, for "(lanjutan)" after a page break.
        self.kelurahan = ""
        self.rw_band = ""
        self.rt_band = ""

    # -- pages --------------------------------------------------------------------------

    def write(self, lines: Iterable[AgendaLine]) -> int:
        self.canvas.beginForm(_HEADING_FORM)
        self._draw_heading(self.head_h)
        self.canvas.endForm()
        self._start_page()
        count = 0
        previous: tuple[str, str, str] | None = None
        if self.progress is not None:
            self.progress.report(0, 0, _(PROGRESS_TEXT))
        for line in lines:
            key = (line.kelurahan_code, line.rw, line.rt)
            if previous is None or key[0] != previous[0]:
                self._kelurahan(line.kelurahan_label or line.kelurahan_code or "–")
                previous = None
            if previous is None or key[:2] != previous[:2]:
                self._band(f"RW {line.rw or '–'}", 0)
            if key != previous:
                self._band(f"RT {line.rt or '–'}", 1)
            previous = key
            count += 1
            self._row(count, line)
            if self.progress is not None and count % PROGRESS_EVERY == 0:
                self.progress.report(count, 0, _(PROGRESS_TEXT))
        if count == 0:
            self.y -= 18
            self.canvas.setFont(_REGULAR, 10)
            self.canvas.setFillGray(0.25)
            self.canvas.drawString(_LEFT, self.y, EMPTY)
        self._flush()
        self.canvas.showPage()
        self.total.finish(self.canvas, self.page, font=_REGULAR, size=_FOOTER_SIZE, gray=0.3)
        self.canvas.save()
        if self.progress is not None:
            self.progress.report(count, count, _(PROGRESS_TEXT))
        return count

    def _start_page(self) -> None:
        if self.page:
            self._flush()
            self.canvas.showPage()
            if self.progress is not None:
                self.progress.check()
        self.page += 1
        if self.page == 1:
            self._first_header()
        else:
            self._running_header()
        self._footer()

    def _ensure(self, height: float, after_break: Callable[[], None] | None = None) -> None:
        if self.y - height >= _BOTTOM:
            return
        self._start_page()
        if after_break is not None:
            after_break()

    def _flush(self) -> None:
        c = self.canvas
        c.setFillGray(0)
        self.main.flush(c)
        self.bold.flush(c)
        c.setFillGray(0.3)
        self.small.flush(c)
        c.setFillColorRGB(0.7, 0.1, 0.1)
        self.late.flush(c)
        c.setFillGray(0)

    def _first_header(self) -> None:
        c = self.canvas
        header = self.header
        y = _TOP - 14
        c.setFillGray(0)
        c.setFont(_BOLD, 15)
        c.drawString(_LEFT, y, TITLE)
        y -= 12
        c.setFont(_REGULAR, 9)
        c.setFillGray(0.35)
        c.drawString(_LEFT, y, SUBTITLE)
        y -= 4
        office = ", ".join(part for part in (header.office, header.office_kelurahan) if part)
        label_w = 22 * _MM
        for label, value in (
            ("Kantor", office),
            ("Periode", header.period_text),
            ("Cakupan", header.scope_text),
            ("Dicetak", self.printed.removeprefix("Dicetak ")),
        ):
            lines = wrap_text(value or "–", _BOLD, 9, _WIDTH - label_w, 2) or ["–"]
            y -= 12
            c.setFont(_REGULAR, 8.5)
            c.setFillGray(0.35)
            c.drawString(_LEFT, y, label)
            c.setFont(_BOLD, 9)
            c.setFillGray(0)
            for index, text in enumerate(lines):
                if index:
                    y -= 11
                c.drawString(_LEFT + label_w, y, text)
        y -= 6
        c.setFont(_REGULAR, 7.5)
        c.setFillGray(0.3)
        for text in wrap_text(HOW_TO, _REGULAR, 7.5, _WIDTH, 2):
            y -= 9.5
            c.drawString(_LEFT, y, text)
        y -= 5
        c.setStrokeGray(0)
        c.setLineWidth(1.1)
        c.line(_LEFT, y, _RIGHT, y)
        self.y = y - 2

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
        c.drawRightString(_RIGHT, y, fit_text(office, _REGULAR, 8, _WIDTH * 0.6))
        y -= 10.5
        scope = f"{header.period_text} · {header.scope_text}"
        c.drawString(_LEFT, y, fit_text(scope, _REGULAR, 8, _WIDTH))
        y -= 5
        c.setStrokeGray(0)
        c.setLineWidth(0.7)
        c.line(_LEFT, y, _RIGHT, y)
        self.y = y - 2
        if self.kelurahan:
            self._kelurahan(self.kelurahan, continued=True)
            if self.rw_band:
                self._band(self.rw_band, 0, continued=True)
            if self.rt_band:
                self._band(self.rt_band, 1, continued=True)

    def _footer(self) -> None:
        c = self.canvas
        c.setStrokeGray(0.5)
        c.setLineWidth(0.5)
        c.line(_LEFT, 15 * _MM, _RIGHT, 15 * _MM)
        c.setFont(_REGULAR, _FOOTER_SIZE)
        c.setFillGray(0.3)
        page_text = f"Halaman {self.page} dari "
        c.drawString(_LEFT, _FOOTER_LINE1, page_text)
        self.total.draw(c, _LEFT + c.stringWidth(page_text, _REGULAR, _FOOTER_SIZE), _FOOTER_LINE1)
        c.drawRightString(
            _RIGHT, _FOOTER_LINE1, fit_text(self.printed, _REGULAR, _FOOTER_SIZE, _WIDTH * 0.7)
        )
        c.drawString(_LEFT, _FOOTER_LINE2, f"Sidik kunci: {self.header.key_fingerprint or '–'}")
        c.drawRightString(_RIGHT, _FOOTER_LINE2, "SP Desktop")
        c.setFillGray(0)

    # -- groups and rows ------------------------------------------------------------------

    def _kelurahan(self, label: str, *, continued: bool = False) -> None:
        """The kelurahan's title and the column heading under it."""
        if not continued:
            self.kelurahan = self.rw_band = self.rt_band = ""
            # The title, the heading, two bands and two rows, or a new page first.
            self._ensure(22 + self.head_h + 2 * _BAND_H + 2 * _ROW_H)
        c = self.canvas
        self.y -= 15
        c.setFillGray(0)
        c.setFont(_BOLD, 10.5)
        suffix = " (lanjutan)" if continued else ""
        room = _WIDTH - c.stringWidth(suffix, _BOLD, 10.5)
        c.drawString(_LEFT, self.y, fit_text(label, _BOLD, 10.5, room) + suffix)
        self.y -= 5
        self._heading()
        self.kelurahan = label

    def _heading(self) -> None:
        c = self.canvas
        c.saveState()
        c.translate(0, self.y - self.head_h)
        c.doForm(_HEADING_FORM)
        c.restoreState()
        self.y -= self.head_h

    def _draw_heading(self, top: float) -> None:
        c = self.canvas
        h = self.head_h
        leading = _MAIN * 1.2
        c.setFillGray(_HEAD_FILL)
        c.rect(_LEFT, top - h, _WIDTH, h, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(_BOLD, _MAIN)
        for (title, _width, _align), left, width in zip(
            _COLUMNS, self.lefts, self.widths, strict=True
        ):
            lines = wrap_text(title, _BOLD, _MAIN, width - 2 * _PAD, 2)
            y = top - (h - len(lines) * leading) / 2 - _MAIN * 0.85
            for text in lines:
                c.drawCentredString(left + width / 2, y, text)
                y -= leading
        self._frame(top, h)

    def _band(self, text: str, level: int, *, continued: bool = False) -> None:
        """'RW 001' (level 0) or 'RT 003' (level 1, indented) across the table."""
        if not continued:
            if level == 0:
                self.rw_band = self.rt_band = ""
                self._ensure(2 * _BAND_H + _ROW_H)
            else:
                self.rt_band = ""
                self._ensure(_BAND_H + _ROW_H)
        c = self.canvas
        h = _BAND_H
        top = self.y
        c.setFillGray(_BAND_FILL if level else _RW_FILL)
        c.rect(_LEFT, top - h, _WIDTH, h, stroke=0, fill=1)
        c.setStrokeGray(_GRID)
        c.setLineWidth(0.4)
        c.rect(_LEFT, top - h, _WIDTH, h, stroke=1, fill=0)
        c.setFillGray(0)
        size = 8.5 if level else 9
        c.setFont(_BOLD, size)
        indent = _PAD + (6 * _MM if level else 0)
        suffix = " (lanjutan)" if continued else ""
        c.drawString(_LEFT + indent, top - h + 3.8, text + suffix)
        self.y = top - h
        if level:
            self.rt_band = text
        else:
            self.rw_band = text

    def _row(self, number: int, line: AgendaLine) -> None:
        self._ensure(_ROW_H)
        top = self.y
        first = top - 3.9 * _MM
        second = top - 7.9 * _MM
        w = self.widths
        x = self.lefts
        room = [width - 2 * _PAD for width in w]
        self.main.add(x[0] + w[0] - _PAD, first, format_count(number), 0, "r", repeats=True)
        self.bold.add(x[1] + _PAD, first, line.head_name, room[1])
        address = line.address or "–"
        self.small.add(x[1] + _PAD, second, address, room[1])
        self.main.add(x[2] + _PAD, first, mask_number(line.no_kk) or "–", room[2])
        self.small.add(x[2] + _PAD, second, "NIK " + (mask_number(line.head_nik) or "–"), room[2])
        self.main.add(x[3] + _PAD, first, line.outcome.label, room[3], repeats=True)
        self.small.add(x[3] + _PAD, second, line.reason_text, room[3])
        self.main.add(x[4] + _PAD, first, short_date_text(line.revisit_date), room[4], repeats=True)
        late = line.days_late(self.today)
        if late:
            self.late.add(x[4] + _PAD, second, f"terlambat {late} hari", room[4], repeats=True)
        elif line.revisit_date == self.today:
            self.small.add(x[4] + _PAD, second, "hari ini", room[4], repeats=True)
        c = self.canvas
        c.setStrokeGray(0)
        c.setLineWidth(0.6)
        box_x = x[5] + (w[5] - _BOX) / 2
        c.rect(box_x, top - (_ROW_H + _BOX) / 2, _BOX, _BOX, stroke=1, fill=0)
        self._frame(top, _ROW_H)
        self.y = top - _ROW_H

    def _frame(self, top: float, height: float) -> None:
        c = self.canvas
        c.setStrokeGray(_GRID)
        c.setLineWidth(0.4)
        c.rect(_LEFT, top - height, _WIDTH, height, stroke=1, fill=0)
        for left in self.lefts[1:]:
            c.line(left, top, left, top - height)
