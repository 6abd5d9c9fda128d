"""Spreadsheets for the handover to BPS: one XLSX workbook, or plain CSV lists.

The workbook has four sheets: "Ringkasan" (the recap figures), "Rumah Tangga" (every
household in scope), "Kunjungan" (every visit in scope) and "Perlu SP Wawancara" (the
households not completed online, which BPS must still interview). The caller's household
iterable is read once: each household goes to "Rumah Tangga" and, when it still needs an
interview, to "Perlu SP Wawancara" in the same pass (openpyxl's write-only sheets each
stream into their own file, so appending to them in turn is fine).

What the person opening the file must be able to rely on:

- No KK, NIK, NIP, RT/RW and kelurahan codes are text cells (format "@"): Excel keeps all
  16 digits instead of rounding to 15 and showing 5,27101E+15.
- Dates are real Excel dates (DD/MM/YYYY, times HH:MM), so they sort and filter.
- Nothing a user typed becomes a formula: every text goes in as a string cell, and a text
  starting with = + - @ # (or tab/CR) also gets Excel's "quote prefix" so that editing
  the cell later does not turn it into one either.
- A file under its real name is complete: it is written as `<name>.partial`, fsynced and
  renamed; on an error or Batal the partial files are removed.

openpyxl is imported inside the functions: the app imports the core at start-up and
should not pay for a spreadsheet library it may not use in that session.

Speed: openpyxl's own per-cell work dominates (about 15 µs per cell without lxml). Styled
cells are passed as one reusable cell object per column whose value is swapped for every
row, instead of a new cell (and style lookup) per value; plain values go in as they are.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from sp_desktop.core.base.files import fsync_dir, replace_retrying, write_error
from sp_desktop.core.base.i18n import N_, _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.model import FailureReason, Outcome
from sp_desktop.core.domain.reports import HouseholdLine, RecapData, VisitLine

ERASED_NAME = "(data pribadi dihapus)"
NEVER_VISITED = "Belum dikunjungi"
WORKBOOK_TITLE = "Rekap Pendampingan Sensus Penduduk Online 2020"

SHEET_SUMMARY = "Ringkasan"
SHEET_HOUSEHOLDS = "Rumah Tangga"
SHEET_VISITS = "Kunjungan"
SHEET_INTERVIEW = "Perlu SP Wawancara"

DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "HH:MM"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"

PROGRESS_EVERY = 1000  # rows between two progress reports

# Column kinds. TEXT: a string cell formatted "@", for the 16/18-digit numbers, which
# Excel would round to 15 digits if someone retyped one into a General cell; STR: any
# other text (a string cell as well: "003" stays "003"), INT: a count; DATE / TIME: real
# Excel dates and times. Every "@" cell costs a style lookup, so only where it matters.
_STR, _TEXT, _INT, _DATE, _TIME = "str", "text", "int", "date", "time"


@dataclass(frozen=True)
class _Column:
    title: str
    kind: str
    width: float


HOUSEHOLD_COLUMNS: tuple[_Column, ...] = (
    _Column("No", _INT, 8),
    _Column("No KK", _TEXT, 19),
    _Column("NIK Kepala Keluarga", _TEXT, 19),
    _Column("Nama Kepala Keluarga", _STR, 28),
    _Column("Kode Kelurahan", _STR, 14),
    _Column("Kelurahan/Desa", _STR, 40),
    _Column("Alamat", _STR, 36),
    _Column("RT", _STR, 6),
    _Column("RW", _STR, 6),
    _Column("Jumlah Anggota", _INT, 10),
    _Column("Alasan Didampingi", _STR, 24),
    _Column("Status Terakhir", _STR, 16),
    _Column("Tanggal Kunjungan Terakhir", _DATE, 14),
    _Column("Alasan Gagal", _STR, 30),
    _Column("Tanggal Kunjungan Ulang", _DATE, 14),
    _Column("Jumlah Kunjungan", _INT, 10),
    _Column("Perlu SP Wawancara", _STR, 12),
)

VISIT_COLUMNS: tuple[_Column, ...] = (
    _Column("No", _INT, 8),
    _Column("Tanggal", _DATE, 12),
    _Column("Jam", _TIME, 7),
    _Column("No KK", _TEXT, 19),
    _Column("NIK Kepala Keluarga", _TEXT, 19),
    _Column("Nama Kepala Keluarga", _STR, 28),
    _Column("Kelurahan/Desa", _STR, 40),
    _Column("RT", _STR, 6),
    _Column("RW", _STR, 6),
    _Column("Hasil", _STR, 10),
    _Column("Alasan Gagal", _STR, 30),
    _Column("Keterangan Gagal", _STR, 30),
    _Column("Tanggal Kunjungan Ulang", _DATE, 14),
    _Column("Petugas", _STR, 26),
    _Column("NIP Petugas", _TEXT, 21),
    _Column("Posko", _STR, 24),
    _Column("Berkas Bukti Pengisian", _INT, 12),
    _Column("Catatan", _STR, 36),
)

HOUSEHOLD_HEADERS: tuple[str, ...] = tuple(c.title for c in HOUSEHOLD_COLUMNS)
VISIT_HEADERS: tuple[str, ...] = tuple(c.title for c in VISIT_COLUMNS)


@dataclass(frozen=True)
class ExportCounts:
    """How many rows went into the workbook's lists."""

    households: int
    visits: int
    needing_interview: int


# -- values ---------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold; openpyxl refuses the whole cell (and so the export).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Excel (and LibreOffice) read a cell starting with these as a formula or an error value.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "#")
_MAX_CELL = 32767  # Excel's limit on characters in a cell


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text)[:_MAX_CELL]


def _local(value: datetime) -> datetime:
    """Excel has no time zones: aware values become the PC's wall clock, naive stay."""
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value


def _status_text(status: Outcome | None) -> str:
    return status.label if status is not None else NEVER_VISITED


def _reason_text(reason: FailureReason | None) -> str:
    return reason.label if reason is not None else ""


def _household_values(line: HouseholdLine) -> tuple[Any, ...]:
    """One household's cells after "No", as plain Python values (None: empty)."""
    last = _local(line.last_visit_at).date() if line.last_visit_at else None
    if line.erased:
        no_kk, nik, name, address = "", "", ERASED_NAME, ""
    else:
        no_kk, nik, name, address = line.no_kk, line.head_nik, line.head_name, line.address
    return (
        no_kk,
        nik,
        name,
        line.kelurahan_code,
        line.kelurahan_label,
        address,
        line.rt,
        line.rw,
        line.members,
        line.help_reason.label,
        _status_text(line.status),
        last,
        _reason_text(line.failure_reason),
        line.revisit_date,
        line.visits,
        "Ya" if line.needs_interview else "Tidak",
    )


def _visit_values(line: VisitLine) -> tuple[Any, ...]:
    """One visit's cells after "No", as plain Python values (None: empty)."""
    at = _local(line.visited_at)
    if line.erased:
        no_kk, nik, name = "", "", ERASED_NAME
    else:
        no_kk, nik, name = line.no_kk, line.head_nik, line.head_name
    return (
        at.date(),
        time(at.hour, at.minute),
        no_kk,
        nik,
        name,
        line.kelurahan_label,
        line.rt,
        line.rw,
        line.outcome.label,
        _reason_text(line.failure_reason),
        line.failure_note,
        line.revisit_date,
        line.helper_name,
        line.helper_nip,
        line.post_name,
        line.proof_files,
        line.note,
    )


# -- errors ---------------------------------------------------------------------------------


# -- atomic write ---------------------------------------------------------------------------


def _write_atomically(path: Path, render: Callable[[IO[bytes], list[Path]], None]) -> None:
    """Write via `<path>.partial`, fsync, rename; the file is owner-only (it holds NIKs).

    `render` may create scratch files next to the target and list them in its second
    argument; they are removed whatever happens. Any OSError becomes a UserFacingError;
    Cancelled and everything else pass through after the clean-up.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    scratch: list[Path] = []
    replacing = False
    try:
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
            # Windows keeps only the write bit of 0o600; the folder's rights decide there.
            with os.fdopen(os.open(partial, flags, 0o600), "wb") as out:
                render(out, scratch)
                out.flush()
                os.fsync(out.fileno())
            replacing = True
            replace_retrying(partial, path)
        except BaseException:
            # Also on Cancelled and KeyboardInterrupt: a stray .partial must never be
            # mistaken for an export, and the scratch files hold NIKs in clear.
            with contextlib.suppress(OSError):
                partial.unlink()
            raise
        finally:
            for name in scratch:
                with contextlib.suppress(OSError):
                    name.unlink()
    except OSError as exc:
        raise write_error(exc, replacing=replacing) from exc
    fsync_dir(path.parent)  # the rename itself survives a power cut


# -- XLSX -----------------------------------------------------------------------------------


class _Sheet:
    """A write-only sheet with fixed columns, a bold frozen header and an autofilter."""

    def __init__(
        self, wb: Any, title: str, columns: Sequence[_Column], scratch: list[Path], target: Path
    ) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        ws = wb.create_sheet(title)
        self.ws = ws
        self.rows = 0  # data rows written
        self._last_letter = get_column_letter(len(columns))
        # Write-only sheets write widths and panes before the first row: set them now.
        for index, column in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        _stream_into(ws, target, scratch)

        bold = Font(bold=True)
        header = []
        for column in columns:
            cell = WriteOnlyCell(ws, value=column.title)
            cell.font = bold
            header.append(cell)
        ws.append(header)

        self._convert = [_converter(ws, column.kind) for column in columns]

    def append(self, values: Sequence[Any]) -> None:
        self.rows += 1
        self.ws.append([convert(v) for convert, v in zip(self._convert, values, strict=True)])

    def finish(self) -> None:
        self.ws.auto_filter.ref = f"A1:{self._last_letter}{self.rows + 1}"


def _stream_into(ws: Any, target: Path, scratch: list[Path]) -> None:
    """Let the write-only sheet buffer its XML in a scratch file next to the target.

    openpyxl would put it in the system temp folder, where a cancelled export (until the
    app exits) or a crash (forever) would leave every NIK in clear. Next to the target it
    is no more exposed than the export itself and `_write_atomically` removes it.
    This uses openpyxl internals (pinned < 4); tests/unit/test_spreadsheets.py checks that
    nothing lands in the temp folder, so a changed openpyxl fails loudly.
    """
    from openpyxl.worksheet import _writer

    fd, name = tempfile.mkstemp(
        prefix=f"{target.name}.lembar-", suffix=".partial", dir=target.parent
    )
    os.close(fd)
    scratch.append(Path(name))
    _writer.ALL_TEMP_FILES.append(name)  # openpyxl's cleanup() removes it from this list
    ws._writer = _writer.WorksheetWriter(ws, out=name)
    ws._writer.write_top()


def _converter(ws: Any, kind: str) -> Callable[[Any], Any]:
    """value -> what to append for one column.

    Styled columns reuse one cell per column: append() writes the row out before it
    returns, so the next row may change the cell. Every reused cell must carry a style:
    openpyxl keeps an unstyled cell it was handed as its scratch cell for the following
    values of the row (and would overwrite ours).
    """
    from openpyxl.cell import WriteOnlyCell

    def styled(number_format: str | None, *, quote: bool = False, data_type: str = "s") -> Any:
        cell = WriteOnlyCell(ws)
        if number_format:
            cell.number_format = number_format
        if quote:
            cell.quotePrefix = True
        cell.data_type = data_type
        return cell

    if kind == _INT:
        return _identity
    if kind in (_DATE, _TIME):
        cell = styled(DATE_FORMAT if kind == _DATE else TIME_FORMAT, data_type="d")

        def moment(value: Any) -> Any:
            if value is None:
                return None
            cell._value = value
            return cell

        return moment

    # Strings: forced to string cells, so "=..." stays text and "#N/A" is no error value.
    if kind == _TEXT:
        plain, quoted = styled("@"), styled("@", quote=True)
    else:
        plain, quoted = None, styled(None, quote=True)

    def text(value: Any) -> Any:
        if not value:
            return None
        value = _clean(value)
        if not value:
            return None
        if value.startswith(_FORMULA_START):
            quoted._value = value
            return quoted
        if plain is None:
            # A plain str becomes a string cell unless it looks like a formula or an
            # error value, both of which start with one of _FORMULA_START.
            return value
        plain._value = value
        return plain

    return text


def _identity(value: Any) -> Any:
    return value


def _summary_sheet(wb: Any, scratch: list[Path], target: Path) -> Any:
    """The first sheet, created first; filled by `_fill_summary` once the figures are known
    (a write-only sheet keeps its own stream, so it may be written after the others)."""
    ws = wb.create_sheet(SHEET_SUMMARY)
    for letter, width in zip("ABCDEFG", (40, 44, 14, 12, 12, 12, 12), strict=True):
        ws.column_dimensions[letter].width = width
    _stream_into(ws, target, scratch)
    return ws


def _fill_summary(ws: Any, recap: RecapData) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    title_font = Font(bold=True, size=14)

    def b(value: str, font: Any = bold) -> Any:
        cell = WriteOnlyCell(ws, value=value)
        cell.font = font
        return cell

    def s(value: str, number_format: str | None = None) -> Any:
        """Caller text (office names, scope): always a string cell, never a formula."""
        if not value:
            return None
        value = _clean(value)
        cell = WriteOnlyCell(ws)
        # Straight into the slot, as in _converter: the `value` setter would take a
        # leading "=" for a formula. types-openpyxl leaves the slot out.
        cell._value = value  # type: ignore[attr-defined]
        cell.data_type = "s"
        if number_format:
            cell.number_format = number_format
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
        return cell

    def moment(value: datetime) -> Any:
        cell = WriteOnlyCell(ws, value=_local(value))
        cell.number_format = DATETIME_FORMAT
        return cell

    header = recap.header
    ws.append([b(WORKBOOK_TITLE, title_font)])
    ws.append([])
    for label, value in (
        ("Kantor", s(header.office)),
        ("Kelurahan kantor", s(header.office_kelurahan)),
        ("Periode", s(header.period_text)),
        ("Cakupan", s(header.scope_text)),
        ("Dibuat pada", moment(header.generated_at)),
        ("Dibuat oleh", s(header.generated_by)),
        ("Sidik kunci kantor", s(header.key_fingerprint)),
        ("Kode pemeriksaan isi", s(recap.content_hash)),
    ):
        ws.append([label, value])

    statuses: list[tuple[str, int]] = [
        (o.label, recap.households_by_status.get(o, 0)) for o in Outcome
    ]
    statuses.append((NEVER_VISITED, recap.households_by_status.get(None, 0)))
    berhasil = recap.households_by_status.get(Outcome.BERHASIL, 0)
    _summary_table(ws, b, "Rumah tangga menurut status terakhir", "Status", statuses)
    ws.append(
        [b("Perlu SP Wawancara (belum berhasil)"), _bold_int(ws, recap.households - berhasil)]
    )

    outcomes = [(o.label, recap.visits_by_outcome.get(o, 0)) for o in Outcome]
    _summary_table(ws, b, "Kunjungan menurut hasil", "Hasil", outcomes)

    reasons = [(r.label, recap.failures_by_reason.get(r, 0)) for r in FailureReason]
    _summary_table(ws, b, "Kunjungan gagal menurut alasan", "Alasan Gagal", reasons)

    ws.append([])
    ws.append([b("Per kelurahan/desa")])
    titles = ("Kode Kelurahan", "Kelurahan/Desa", "Rumah Tangga", "Berhasil", "Gagal")
    ws.append([b(t) for t in (*titles, "Belum", "Kunjungan")])
    sums = [0, 0, 0, 0, 0]
    for k in recap.by_kelurahan:
        counts = (k.households, k.berhasil, k.gagal, k.belum, k.visits)
        sums = [a + c for a, c in zip(sums, counts, strict=True)]
        ws.append([s(k.code, "@"), s(k.label), *counts])
    ws.append([b("Jumlah"), None, *(_bold_int(ws, n) for n in sums)])


def _bold_int(ws: Any, value: int) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(ws, value=value)
    cell.font = Font(bold=True)
    return cell


def _summary_table(
    ws: Any, b: Callable[[str], Any], title: str, label: str, rows: list[tuple[str, int]]
) -> None:
    ws.append([])
    ws.append([b(title)])
    ws.append([b(label), b("Jumlah")])
    for text, count in rows:
        ws.append([text, count])
    ws.append([b("Jumlah"), _bold_int(ws, sum(count for _, count in rows))])


class _Ticker:
    """Reports progress every PROGRESS_EVERY rows; checks for Batal at the same time."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def tick(self, text: str) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_EVERY == 0:
            self.progress.report(self.done, self.total, _(text))

    def report(self, text: str) -> None:
        if self.progress is not None:
            self.progress.report(self.done, self.total, text)


def write_xlsx(
    path: Path,
    recap: RecapData | Callable[[], RecapData],
    households: Iterable[HouseholdLine],
    visits: Iterable[VisitLine],
    *,
    total_rows: int = 0,
    progress: Progress | None = None,
    password: str | None = None,
    scratch_dir: Path | None = None,
) -> ExportCounts:
    """Write the handover workbook to `path` (atomically) and return its row counts.

    With a `password` the file is Excel-encrypted (documents/protection.py): the plain
    workbook is built in memory only, never on disk under the target's name. The sheets'
    scratch files (rows in clear while they are written) go next to the target, or into
    `scratch_dir`: for an encrypted file the caller gives a folder on this PC, so a USB
    stick never holds the numbers in clear, not even during the export.

    `households` and `visits` are each read once, in order. `recap` may be a function
    called after both were read: the caller can then gather the figures in the same pass
    as the rows. `total_rows` (households plus visits, 0 if unknown) only scales the
    progress reports.
    Raises UserFacingError when the file cannot be written, Cancelled on Batal; in both
    cases no file (and no .partial) is left behind.
    """
    from openpyxl import Workbook

    from sp_desktop.core.documents.protection import check_password, encrypt_xlsx_stream

    if password is not None:
        check_password(password)  # before the work, not after it
    path = Path(path)
    counts: list[ExportCounts] = []

    # Named like the target, in the folder the scratch files go to.
    scratch_target = Path(scratch_dir) / path.name if scratch_dir is not None else path

    def render(out: IO[bytes], scratch: list[Path]) -> None:
        ticker = _Ticker(progress, total_rows)
        ticker.report(_("Menyiapkan lembar kerja…"))
        wb = Workbook(write_only=True)
        wb.properties.creator = "SP Desktop"
        wb.properties.lastModifiedBy = "SP Desktop"
        wb.properties.title = WORKBOOK_TITLE
        try:
            summary = _summary_sheet(wb, scratch, scratch_target)
            house_sheet = _Sheet(wb, SHEET_HOUSEHOLDS, HOUSEHOLD_COLUMNS, scratch, scratch_target)
            visit_sheet = _Sheet(wb, SHEET_VISITS, VISIT_COLUMNS, scratch, scratch_target)
            need_sheet = _Sheet(wb, SHEET_INTERVIEW, HOUSEHOLD_COLUMNS, scratch, scratch_target)

            for line in households:
                values = _household_values(line)
                house_sheet.append((house_sheet.rows + 1, *values))
                if line.needs_interview:
                    need_sheet.append((need_sheet.rows + 1, *values))
                ticker.tick(N_("Menulis daftar rumah tangga…"))
            for visit in visits:
                visit_sheet.append((visit_sheet.rows + 1, *_visit_values(visit)))
                ticker.tick(N_("Menulis daftar kunjungan…"))
            for sheet in (house_sheet, visit_sheet, need_sheet):
                sheet.finish()
            figures = recap() if callable(recap) else recap
            wb.properties.subject = _clean(figures.header.office)
            _fill_summary(summary, figures)

            ticker.report(_("Menyimpan berkas…"))
            if password is None:
                wb.save(out)
            else:
                with io.BytesIO() as plain:
                    wb.save(plain)
                    encrypt_xlsx_stream(plain, out, password)
        finally:
            _close_streams(wb)
        if progress is not None:
            progress.check()  # Batal while saving: keep nothing
        counts.append(ExportCounts(house_sheet.rows, visit_sheet.rows, need_sheet.rows))

    _write_atomically(path, render)
    return counts[0]


def _close_streams(wb: Any) -> None:
    """Close the sheets' scratch files (after a failure they are still open; Windows
    cannot delete an open file). After a save this finds nothing open."""
    for ws in wb.worksheets:
        for stream in (getattr(ws, "_rows", None), getattr(ws, "_writer", None)):
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.close()


# -- CSV ------------------------------------------------------------------------------------


# The two field separators a spreadsheet may split on: "," (the default, and what import
# tools expect) and ";" (Excel whose Windows list separator is ";", as with Indonesian
# regional settings, where a comma is the decimal mark).
CSV_SEPARATORS = (",", ";")

# CSV injection (OWASP, "CSV Injection"; CWE-1236): a spreadsheet opening a CSV file runs a
# cell starting with = + - @ as a formula, e.g. a head name typed as =HYPERLINK("http://…").
# OWASP's advice is to put an apostrophe in front, which keeps it plain text. Guarding only
# the first character of a field is not enough: a program that splits on another separator
# than the writer's (Excel with Indonesian settings splits a comma file on ";"), or that
# ignores the quoting, cuts "Jl. A;+1+1" into "Jl. A" and a live "+1+1". So the rule is per
# piece, for every way a field can be cut:
#
#   A piece starts at the beginning of the field and after every ",", ";", tab, carriage
#   return or line feed in it. When a piece, past any spaces, double quotes and apostrophes,
#   starts with = + - or @, an apostrophe is put at the start of that piece. A field that
#   starts with a tab or a carriage return also gets an apostrophe in front (OWASP: no cell
#   starts with one).
#
# So "=1+1" is written "'=1+1", "Jl. A;+1+1" "Jl. A;'+1+1" and "x, -" "x,' -". For a person
# reading the cell the rule reverses: an apostrophe at the start of the cell or right after
# one of those separators, followed by = + - @ (past spaces, quotes, apostrophes), was added
# by the export; deleting it gives the typed text. Counting apostrophes as skippable makes
# this exact: a typed "'=x" becomes "''=x" and comes back as "'=x".
#
# The apostrophe stays visible in the cell, the accepted cost. Only typed text can start
# that way. Numbers (NIK, KK, NIP, counts) are written as plain digits, without an
# apostrophe or the ="…" trick (LibreOffice evaluates that as a formula), so import tools
# read them as they are; opening the CSV in a spreadsheet treats them as numbers, which is
# why the XLSX (text cells) is the file to open in Excel.
_CSV_PIECE = re.compile(r"(?:^|(?<=[,;\t\r\n]))(?=[ \"']*[=+\-@])")
_CSV_WHITESPACE_START = ("\t", "\r")

# Dates and moments in ISO form: a spreadsheet in any language reads 2020-03-02 as the
# 2nd of March, where 02/03/2020 is the 3rd of February for LibreOffice or Excel in en-US.
CSV_DATE = "%Y-%m-%d"
CSV_TIME = "%H:%M"
CSV_MOMENT = "%Y-%m-%d %H:%M"


def _csv_text(text: str) -> str:
    """Typed text for one CSV field, neutralised per piece as described above."""
    text = _CSV_PIECE.sub("'", _ILLEGAL.sub("", text))
    if text.startswith(_CSV_WHITESPACE_START):
        text = "'" + text
    return text


def _csv_cell(value: Any) -> str:
    """One CSV field: text guarded as above, dates yyyy-mm-dd, moments yyyy-mm-dd HH:MM
    (the PC's wall clock, as in the XLSX), times HH:MM."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _csv_text(value)
    if isinstance(value, datetime):
        return _local(value).strftime(CSV_MOMENT)
    if isinstance(value, time):
        return value.strftime(CSV_TIME)
    if isinstance(value, date):
        return value.strftime(CSV_DATE)
    return str(value)


def _write_csv_rows(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    progress: Progress | None,
    text: str,
    separator: str,
) -> int:
    if separator not in CSV_SEPARATORS:
        raise ValueError(f"CSV separator must be one of {CSV_SEPARATORS!r}, not {separator!r}")
    written: list[int] = []

    def render(out: IO[bytes], _scratch: list[Path]) -> None:
        ticker = _Ticker(progress, 0)
        ticker.report(_(text))
        # utf-8-sig: the BOM makes Excel read the file as UTF-8 (names with é, ñ, …).
        stream = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        try:
            writer = csv.writer(stream, delimiter=separator, lineterminator="\r\n")
            writer.writerow(headers)
            for number, values in enumerate(rows, 1):
                writer.writerow([str(number), *map(_csv_cell, values)])
                ticker.tick(text)
            stream.flush()
        finally:
            stream.detach()  # `out` stays open for the fsync
        if progress is not None:
            progress.check()
        written.append(ticker.done)

    _write_atomically(Path(path), render)
    return written[0]


def write_csv(
    path: Path,
    households: Iterable[HouseholdLine],
    *,
    progress: Progress | None = None,
    separator: str = ",",
) -> int:
    """The "Rumah Tangga" list as CSV (UTF-8 with BOM, CRLF, fields split by `separator`:
    "," or ";", see CSV_SEPARATORS); returns the rows."""
    rows = (_household_values(line) for line in households)
    return _write_csv_rows(
        path, HOUSEHOLD_HEADERS, rows, progress, N_("Menulis CSV rumah tangga…"), separator
    )


def write_visits_csv(
    path: Path,
    visits: Iterable[VisitLine],
    *,
    progress: Progress | None = None,
    separator: str = ",",
) -> int:
    """The "Kunjungan" list as CSV (UTF-8 with BOM, CRLF, fields split by `separator`: ","
    or ";"); returns the rows."""
    rows = (_visit_values(line) for line in visits)
    return _write_csv_rows(
        path, VISIT_HEADERS, rows, progress, N_("Menulis CSV kunjungan…"), separator
    )
