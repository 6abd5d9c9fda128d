"""Reading a staff roster (daftar ASN) from XLSX or CSV and planning its import.

Each office (OPD) monitors its own civil servants (field-notes.md), so the staff list comes
in as whatever the personnel office has: an Excel workbook, or a CSV that Indonesian
Excel writes with ";". Two steps, both pure (no database, no Qt):

1. `read_roster` turns the file into a `RosterTable`: the header row and every row below
   it, cells as stripped text, with the file's own row numbers (what the user sees in
   Excel, so a rejection can say "baris 12").
2. `plan_roster` checks every row against a column mapping (`guess_mapping` proposes one
   from the headers; the import wizard lets the user change it) and says which rows will
   be imported, which are rejected and why, and which are imported but worth a look.

Decisions worth knowing:

- XLSX is read by a small streaming parser (expat over the zip parts), not openpyxl:
  openpyxl's read-only mode alone took 2.25 s to load and iterate a 50,000-row, six-
  column workbook on the 2-core test machine, over the 2.5 s budget for read + plan;
  this parser reads the same file in about half the time. It reads what a roster needs:
  the first visible worksheet that holds data, shared and inline strings, numbers,
  booleans and cached formula results. Date cells come out as Excel serial numbers (no
  roster field is a date); hidden sheets are skipped (in templates they hold drop-down
  lists, not staff).
- The header is the first of the first 20 non-blank rows that names two roster fields
  (synonyms below), else the first naming one, else the first non-blank row.
- An 18-digit NIP does not survive as an Excel number (a double keeps 15-17 significant
  digits; openpyxl too writes a Python int as "1.97907172005121e+17"). A number cell
  whose XML text is a floating-point number, or an integer of more than 15 digits ending
  in the zeros that Excel's 15-digit rounding leaves, becomes scientific-notation text
  in the table ("1.98501012010011E+17", as Excel shows it), and `plan_roster` rejects a
  scientific-notation NIP (also typed or from a CSV: "1,98501E+17") with the "ubah
  format kolom NIP menjadi Teks" message. An integer written exactly in the XML (as
  exports from personnel systems may do) is the real number and is accepted.
- A CSV saved from a Number-formatted column holds the rounded NIP as plain digits
  ("...000"). One NIP ending in 000 is a validator warning; when at least two NIPs, and
  more than a tenth of the file's 18-digit NIPs, end in 000, those rows are rejected as
  rounded (real serials 000 are rare).
- A row with neither NIP nor name counts as empty even if other cells hold something
  (pre-numbered template rows, an OPD filled down the column): there is nobody to import.
- Checks run in this order and the first problem is reported: OPD not the administrator's
  own, NIP, name, OPD, unit, duplicate NIP. The OPD ownership check comes first because
  an administrator cannot fix another office's rows. A later row with the NIP of an
  imported row is the duplicate; a row rejected for another reason keeps nobody out.
- An OPD spelled with different case in one file takes the spelling of the first
  imported row (or `allowed_opd`'s spelling for an OPD administrator).

Messages are in Bahasa Indonesia and name rows, never a NIP (a personal number).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import N_, _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.monitoring import normalise_opd
from sp_desktop.core.domain.validation import validate_nip

FIELDS: tuple[str, ...] = ("nip", "name", "opd", "unit")
FIELD_LABELS: dict[str, str] = {"nip": "NIP", "name": "Nama", "opd": "OPD", "unit": "Unit kerja"}
REQUIRED_FIELDS = ("nip", "name")  # opd may come from the --opd option / the wizard instead

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 100  # personnel exports run to a few dozen columns; keeps a stray cell cheap
MAX_TEXT = 200  # name, OPD and unit kerja
HEADER_SCAN_ROWS = 20
PROGRESS_EVERY = 2000  # rows between two progress reports (and Batal checks)
# A zip part is checked before it is unpacked: a 50 MB file can hold gigabytes of XML.
MAX_PART_BYTES = 500 * 1024 * 1024
_CHUNK = 1 << 20
EXCEL_DIGITS = 15  # significant digits Excel keeps in a number

_SAVE_AGAIN = N_(
    "Simpan ulang sebagai .xlsx atau .csv dari Excel (menu File > Simpan Sebagai), lalu pilih "
    "berkas itu."
)
_ACCEPTED = N_("Yang diterima hanya berkas Excel (.xlsx) atau CSV (.csv, .txt).")

ROUNDED_NIP = N_(
    "NIP tersimpan sebagai angka di Excel sehingga digit terakhirnya bisa hilang. Ubah format "
    "kolom NIP menjadi Teks lalu ketik ulang NIP-nya."
)
NAME_EMPTY = N_("Nama kosong.")
# Templates ({limit}: MAX_TEXT) for the catalogue; the *_TOO_LONG names hold the Indonesian.
_NAME_TOO_LONG = N_(
    "Nama lebih dari {limit} karakter; periksa apakah isi kolom lain ikut masuk ke kolom Nama."
)
_OPD_TOO_LONG = N_("Nama OPD lebih dari {limit} karakter; periksa isi kolom OPD di baris ini.")
_UNIT_TOO_LONG = N_(
    "Unit kerja lebih dari {limit} karakter; periksa isi kolom Unit kerja di baris ini."
)
NAME_TOO_LONG = _NAME_TOO_LONG.format(limit=MAX_TEXT)
OTHER_OPD = N_("Baris ini untuk OPD lain; Anda hanya boleh mengimpor pegawai OPD Anda.")
OPD_EMPTY = N_("OPD kosong. Isi kolom OPD atau pilih OPD untuk seluruh berkas.")
OPD_TOO_LONG = _OPD_TOO_LONG.format(limit=MAX_TEXT)
UNIT_TOO_LONG = _UNIT_TOO_LONG.format(limit=MAX_TEXT)
DUPLICATE_NIP = N_("NIP sama dengan baris {row}.")

# Header names as people type them, compared by _header_key (lower case, letters and
# digits only, bracketed notes dropped: "No. NIP (18 digit)" -> "nonip").
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "nip": ("nip", "nip baru", "no nip", "nomor nip", "nomor induk pegawai"),
    "name": ("nama", "nama pegawai", "nama lengkap", "nama asn", "nama pns"),
    "opd": (
        "opd",
        "perangkat daerah",
        "skpd",
        "instansi",
        "dinas",
        "nama opd",
        "nama skpd",
        "nama instansi",
    ),
    "unit": ("unit", "unit kerja", "bidang", "bagian", "sub unit", "nama unit kerja"),
}
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+")
# Characters that print as nothing but stop a value from matching: zero-width spaces and
# joiners, word joiner, BOM, soft hyphen (pasted from web pages and chat apps).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_APOSTROPHES = "'\u2018\u2019`"  # Excel's "keep as text" prefix, typed or auto-corrected


def _header_key(text: str) -> str:
    text = _BRACKETED.sub("", text).casefold() or text.casefold()
    return "".join(ch for ch in text if ch.isalnum())


_FIELD_BY_KEY: dict[str, str] = {
    _header_key(name): field for field, names in _SYNONYMS.items() for name in names
}


class RosterFileProblem(UserFacingError):
    """The roster file cannot be used: unreadable, wrong type, empty or too big."""


@dataclass(frozen=True)
class RosterTable:
    source_name: str  # file name only
    header_row: int  # 1-based row number of the header line in the file
    headers: tuple[str, ...]  # "" where the header cell is blank (name it by its letter)
    # (1-based file row number, cells as text, padded to len(headers)); every row from
    # the one below the header to the last that holds something, blank ones included.
    rows: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True)
class RosterEntry:
    row: int
    nip: str
    name: str
    opd: str
    unit: str


@dataclass(frozen=True)
class RosterRejection:
    row: int
    reason: str


@dataclass(frozen=True)
class RosterPlan:
    entries: tuple[RosterEntry, ...]
    rejected: tuple[RosterRejection, ...]
    empty_rows: int  # rows with neither NIP nor name
    warnings: tuple[RosterRejection, ...]  # rows imported but worth a look (NIP warnings)


# --- Reading ---------------------------------------------------------------------------


def _not_a_roster() -> RosterFileProblem:
    return RosterFileProblem(
        _("Berkas ini tidak bisa dibaca sebagai daftar pegawai. {ACCEPTED}").format(
            ACCEPTED=_(_ACCEPTED)
        ),
        hint=_(_SAVE_AGAIN),
    )


def _broken_workbook() -> RosterFileProblem:
    return RosterFileProblem(
        _("Berkas Excel ini rusak atau tidak lengkap, sehingga tidak bisa dibaca."),
        hint=_("Buka berkasnya di Excel. {SAVE_AGAIN}").format(SAVE_AGAIN=_(_SAVE_AGAIN)),
    )


def _too_big() -> RosterFileProblem:
    return RosterFileProblem(
        _("Berkas daftar pegawai lebih besar dari {value} MB.").format(
            value=MAX_FILE_BYTES // (1024 * 1024)
        ),
        hint=_(
            "Simpan hanya lembar daftar pegawai ke berkas baru, atau bagi daftarnya menjadi "
            "beberapa berkas (misalnya satu berkas per OPD)."
        ),
    )


def _too_many_rows() -> RosterFileProblem:
    return RosterFileProblem(
        _("Berkas daftar pegawai berisi lebih dari {count} baris.").format(
            count=f"{MAX_ROWS:_}".replace("_", ".")
        ),
        hint=_(
            "Bagi daftarnya menjadi beberapa berkas (misalnya satu berkas per OPD), dan hapus "
            "isian yang tersisa jauh di bawah daftar."
        ),
    )


def _cannot_open() -> RosterFileProblem:
    return RosterFileProblem(
        _("Berkas daftar pegawai tidak bisa dibuka."),
        hint=_(
            "Pastikan berkasnya masih ada dan tidak sedang dibuka di program lain, lalu coba lagi."
        ),
    )


def _empty_file() -> RosterFileProblem:
    return RosterFileProblem(
        _("Berkas daftar pegawai kosong: tidak ada baris yang berisi data."),
        hint=_(
            "Periksa apakah berkas yang dipilih sudah benar dan sudah disimpan, lalu coba lagi."
        ),
    )


def read_roster(path: Path, *, progress: Progress | None = None) -> RosterTable:
    """Read a roster file into a table; RosterFileProblem says what the user can do."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise _cannot_open() from exc
    if size == 0:
        raise _empty_file()
    if size > MAX_FILE_BYTES:
        raise _too_big()
    suffix = path.suffix.casefold()
    # The content decides, not the name: a workbook renamed to .csv is still a workbook.
    if head.startswith(b"PK\x03\x04"):
        rows = _read_xlsx(path, progress)
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # OLE2: Excel 97-2003 (.xls), and also any password-protected Excel file.
        raise RosterFileProblem(
            _(
                "Berkas ini berformat Excel lama (.xls) atau dilindungi kata sandi, sehingga "
                "tidak bisa dibaca. {ACCEPTED}"
            ).format(ACCEPTED=_(_ACCEPTED)),
            hint=_("Buka berkasnya di Excel (hapus kata sandinya bila ada). {SAVE_AGAIN}").format(
                SAVE_AGAIN=_(_SAVE_AGAIN)
            ),
        )
    elif suffix in (".csv", ".txt"):
        rows = _read_csv(path, progress)
    elif suffix in (".xlsx", ".xlsm"):
        raise _broken_workbook()
    else:
        raise _not_a_roster()
    return _build_table(path.name, rows)


def _build_table(source_name: str, rows: list[tuple[int, list[str]]]) -> RosterTable:
    """Header detection, padding and blank rows; `rows` holds the non-blank rows only."""
    if not rows:
        raise _empty_file()
    rows.sort(key=lambda item: item[0])  # stable; XLSX rows are in order unless broken
    header_at = _header_index(rows)
    header_row, header_cells = rows[header_at]
    data = rows[header_at + 1 :]
    if data and data[-1][0] - header_row > MAX_ROWS:
        raise _too_many_rows()
    width = min(MAX_COLUMNS, max(len(cells) for _, cells in rows[header_at:]))
    pad = ("",) * width
    table_rows: list[tuple[int, tuple[str, ...]]] = []
    expected = header_row + 1
    for number, cells in data:
        # Blank rows are not stored while reading; they come back here so that every row
        # number between the header and the last row is accounted for.
        table_rows.extend((gap, pad) for gap in range(expected, number))
        table_rows.append(
            (number, tuple(cells) if len(cells) == width else (*cells[:width], *pad[len(cells) :]))
        )
        expected = number + 1
    headers = (*header_cells[:width], *pad[len(header_cells) :])
    return RosterTable(source_name, header_row, headers, tuple(table_rows))


def _header_index(rows: Sequence[tuple[int, list[str]]]) -> int:
    """The first row naming two roster fields; else one naming one; else the first row."""
    first_single = None
    for index, (_row, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        known = sum(1 for cell in cells if cell and _header_key(cell) in _FIELD_BY_KEY)
        if known >= 2:
            return index
        if known == 1 and first_single is None:
            first_single = index
    return first_single if first_single is not None else 0


def _trim(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    return cells


# CSV


def _read_csv(path: Path, progress: Progress | None) -> list[tuple[int, list[str]]]:
    import csv
    import io

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _cannot_open() from exc
    text = _decode(data)
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    if "\x00" in sample or controls > len(sample) // 100:
        raise _not_a_roster()  # a binary file with a .csv name
    lines = sample.splitlines()[:50]
    first = lines[0].strip() if lines else ""
    skip = 0
    if first.casefold().startswith("sep=") and len(first) == 5:
        # Excel's "sep=;" line: it names the delimiter and is not a row in Excel.
        delimiter, skip = first[4], 1
    else:
        delimiter = _detect_delimiter(lines)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, record in enumerate(reader, start=1 - skip):
            if number % PROGRESS_EVERY == 0 and progress is not None:
                progress.report(number, 0, _("Membaca daftar pegawai"))
            if number < 1:
                continue
            cells = _trim([_csv_cell(cell) for cell in record[:MAX_COLUMNS]])
            if cells:
                rows.append((number, cells))
                if len(rows) > MAX_ROWS:
                    raise _too_many_rows()
    except csv.Error as exc:
        raise _not_a_roster() from exc
    return rows


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Teks Unicode (.txt)" is UTF-16 with a byte-order mark.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _not_a_roster() from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (dipisahkan koma)" in the ANSI code page.
        return data.decode("cp1252", errors="replace")


def _csv_cell(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith('="') and cell.endswith('"') and len(cell) >= 3:
        # ="1985..." is how some exports keep a long number as text in Excel.
        return cell[2:-1].strip()
    return cell


def _detect_delimiter(lines: Sequence[str]) -> str:
    """ ";", "," or tab: the one that splits the most lines into the same number of cells.

    Names carry titles after commas ("Ahmad, S.H."), so a ";" file also has commas, but
    only ";" gives every line the same number of cells.
    """
    import csv

    best, best_score = ";", (0, 0)
    for delimiter in (";", ",", "\t"):
        try:
            counts = [
                len(record)
                for record in csv.reader(lines, delimiter=delimiter)
                if len(record) > 1 and any(cell.strip() for cell in record)
            ]
        except csv.Error:
            continue
        if not counts:
            continue
        width, lines_with_width = Counter(counts).most_common(1)[0]
        score = (lines_with_width, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# XLSX

_MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # "Strict Open XML" workbooks
)
# Small parts (relationships, workbook) are parsed with namespaces: names arrive as
# "namespace|local".
_SEP = "|"


def _read_xlsx(path: Path, progress: Progress | None) -> list[tuple[int, list[str]]]:
    import zipfile
    import zlib
    from xml.parsers import expat

    from sp_desktop.core.base.zip_reading import open_zip

    try:
        archive = open_zip(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _broken_workbook() from exc
    with archive:
        try:
            workbook = _office_document(archive)
            if workbook is None:
                raise _not_a_roster()  # a zip, but not a workbook (.docx, .zip, ...)
            sheets, strings_part = _workbook_parts(archive, workbook)
            strings = _shared_strings(archive, strings_part) if strings_part else []
            for part in sheets:
                rows = _sheet_rows(archive, part, strings, progress)
                if rows:
                    return rows
        except (
            zipfile.BadZipFile,
            expat.ExpatError,
            KeyError,
            ValueError,
            IndexError,
            EOFError,
            OSError,
            zlib.error,
            RuntimeError,  # an encrypted zip member
            NotImplementedError,  # a compression method zipfile lacks
        ) as exc:
            raise _broken_workbook() from exc
    raise _empty_file()


def _member(archive: Any, name: str) -> Any:
    """The ZipInfo of a part, matched case-insensitively (some writers vary the case)."""
    name = name.lstrip("/")
    try:
        return archive.getinfo(name)
    except KeyError:
        wanted = name.casefold()
        for info in archive.infolist():
            if info.filename.casefold() == wanted:
                return info
        raise


def _read_part(archive: Any, name: str) -> bytes:
    info = _member(archive, name)
    if info.file_size > MAX_PART_BYTES:
        raise _too_big()
    return bytes(archive.read(info))


def _harden(parser: Any) -> None:
    def refuse_dtd(*_args: object) -> None:
        # OOXML parts never carry a DTD; one could only be there to expand entities.
        raise ValueError("DTD in a workbook part")

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd


def _start_elements(data: bytes) -> list[tuple[str, dict[str, str]]]:
    """(local name, attributes by local name) of every element of a small XML part."""
    found: list[tuple[str, dict[str, str]]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        found.append(
            (name.rpartition(_SEP)[2], {k.rpartition(_SEP)[2]: v for k, v in attrs.items()})
        )

    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=_SEP)
    _harden(parser)
    parser.StartElementHandler = start
    parser.Parse(data, True)
    return found


def _relationships(archive: Any, rels_part: str, base: str) -> list[tuple[str, str, str]]:
    """(id, type, part name) of each internal relationship in a .rels part."""
    import posixpath

    found = []
    for local, attrs in _start_elements(_read_part(archive, rels_part)):
        target = attrs.get("Target", "")
        if local != "Relationship" or not target or attrs.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = posixpath.normpath(posixpath.join(base, target))
        found.append((attrs.get("Id", ""), attrs.get("Type", ""), part))
    return found


def _office_document(archive: Any) -> str | None:
    try:
        relationships = _relationships(archive, "_rels/.rels", "")
    except KeyError:
        relationships = []
    for _source, kind, part in relationships:
        if kind.endswith("/officeDocument"):
            return part
    try:
        _member(archive, "xl/workbook.xml")
    except KeyError:
        return None
    return "xl/workbook.xml"


def _workbook_parts(archive: Any, workbook: str) -> tuple[list[str], str | None]:
    """The visible worksheets in tab order, and the shared strings part if any."""
    import posixpath

    folder, name = posixpath.split(workbook)
    targets: dict[str, str] = {}
    strings_part = None
    for rel_id, kind, part in _relationships(
        archive, posixpath.join(folder, "_rels", f"{name}.rels"), folder
    ):
        if kind.endswith("/worksheet"):  # not chart or dialog sheets: they hold no rows
            targets[rel_id] = part
        elif kind.endswith("/sharedStrings"):
            strings_part = part
    sheets = []
    for local, attrs in _start_elements(_read_part(archive, workbook)):
        # Hidden sheets in roster templates hold drop-down lists, not staff.
        if local == "sheet" and attrs.get("state", "visible") == "visible":
            sheet_part = targets.get(attrs.get("id", ""))
            if sheet_part is not None:
                sheets.append(sheet_part)
    return sheets, strings_part


_Handlers = tuple[
    Callable[[str, dict[str, str]], None], Callable[[str], None], Callable[[str], None]
]


def _main_prefix(attrs: dict[str, str]) -> str | None:
    """ "" or "x:" if these root attributes declare the spreadsheet namespace, else None."""
    found = None
    for key, value in attrs.items():
        if value in _MAIN_NAMESPACES:
            if key == "xmlns":
                return ""
            if key.startswith("xmlns:"):
                found = key[6:] + ":"
    return found


def _parse_part(
    archive: Any,
    name: str,
    make_handlers: Callable[[str], _Handlers],
    on_chunk: Callable[[], None] | None = None,
) -> None:
    """Stream one big part (a worksheet or the shared strings) through expat.

    Without expat's namespace processing, which costs a sixth of the parse: element names
    arrive as written ("c", or "x:c" from writers that use a prefix). The root element
    says which prefix means the spreadsheet namespace, and `make_handlers(prefix)` then
    gives the start, end and character handlers that compare names with it.
    """
    from xml.parsers import expat

    info = _member(archive, name)
    if info.file_size > MAX_PART_BYTES:
        raise _too_big()
    parser = expat.ParserCreate()
    parser.buffer_text = True  # a cell's text in one call, not split at "&amp;" and such
    parser.buffer_size = 65536
    _harden(parser)

    def root(tag: str, attrs: dict[str, str]) -> None:
        prefix = _main_prefix(attrs)
        if prefix is None:  # not a spreadsheet part: nothing in it is read
            parser.StartElementHandler = None
            return
        start, end, data = make_handlers(prefix)
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = data
        start(tag, attrs)

    parser.StartElementHandler = root
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
            if on_chunk is not None:
                on_chunk()
    parser.Parse(b"", True)


def _shared_strings(archive: Any, part: str) -> list[str]:
    """The shared strings table: the text of each <si>, phonetic guides left out."""
    strings: list[str] = []

    def make_handlers(prefix: str) -> _Handlers:
        si, t, phonetic_run = f"{prefix}si", f"{prefix}t", f"{prefix}rPh"
        text = ""
        collect = False
        phonetic = 0

        def start(name: str, _attrs: dict[str, str]) -> None:
            nonlocal text, collect, phonetic
            if name == t:
                collect = not phonetic
            elif name == si:
                text = ""
            elif name == phonetic_run:
                phonetic += 1

        def end(name: str) -> None:
            nonlocal collect, phonetic
            if name == t:
                collect = False
            elif name == si:
                # Cells are stripped anyway; doing it once per string saves it per cell.
                strings.append(text.strip())
            elif name == phonetic_run:
                phonetic -= 1

        def data(chunk: str) -> None:
            nonlocal text
            if collect:
                text += chunk

        return start, end, data

    try:
        _parse_part(archive, part, make_handlers)
    except KeyError:
        return []  # listed but missing: a cell that uses it makes the file unreadable
    return strings


def _column_index(letters: str) -> int:
    """ "A" -> 0, "AB" -> 27."""
    index = 0
    for ch in letters.upper():
        if not "A" <= ch <= "Z":
            raise ValueError("bad cell reference")
        index = index * 26 + ord(ch) - 64
    return index - 1


def _sheet_rows(
    archive: Any, part: str, strings: list[str], progress: Progress | None
) -> list[tuple[int, list[str]]]:
    """The non-blank rows of a worksheet, as (row number, cells as text)."""
    rows: list[tuple[int, list[str]]] = []
    total = 0  # rows announced by <dimension>, for the progress bar

    # The handlers run for every element (50,000 rows of 6 cells are 650,000 of them), so
    # they are closures over plain variables, comparing names with the common ones first.
    def make_handlers(prefix: str) -> _Handlers:
        c_tag, v_tag, row_tag, t_tag = f"{prefix}c", f"{prefix}v", f"{prefix}row", f"{prefix}t"
        inline_tag, phonetic_tag = f"{prefix}is", f"{prefix}rPh"
        dimension_tag = f"{prefix}dimension"
        columns: dict[str, int] = {}  # "AB" -> 27, memoised
        number_text = _number_text
        cells: list[str] = []
        row = 0
        col = -1
        kind = "n"
        text = ""
        collect = in_inline = False
        phonetic = 0

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal cells, row, col, kind, text, collect, in_inline, phonetic, total
            if name == c_tag:
                kind = attrs.get("t", "n")
                ref = attrs.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    index = columns.get(letters)
                    if index is None:
                        index = columns[letters] = _column_index(letters.lstrip("$"))
                    col = index
                else:
                    col += 1  # "r" is optional: the cell follows the previous one
                text = ""
            elif name == v_tag:
                collect = not in_inline
            elif name == row_tag:
                number = attrs.get("r")
                row = int(number) if number else row + 1
                cells = []
                col = -1  # so that a first cell without "r" lands in column A
            elif name == t_tag:
                collect = in_inline and not phonetic
            elif name == inline_tag:
                in_inline = True
            elif name == phonetic_tag:
                phonetic += 1
            elif name == dimension_tag:
                last = attrs.get("ref", "").rpartition(":")[2].lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                total = int(last) if last.isdigit() else 0

        def end(name: str) -> None:
            nonlocal collect, in_inline, phonetic
            if name == c_tag:
                if col >= MAX_COLUMNS:
                    return
                if kind == "s":
                    value = strings[int(text)] if text else ""
                elif kind == "n":
                    value = number_text(text)
                elif kind == "b":
                    value = {"1": "TRUE", "0": "FALSE"}.get(text.strip(), text.strip())
                else:  # inlineStr, str (a formula's text), e (#N/A ...), d (ISO date)
                    value = text.strip()
                missing = col - len(cells)
                if missing == 0:
                    cells.append(value)
                elif missing > 0:
                    cells.extend([""] * missing)
                    cells.append(value)
                else:
                    cells[col] = value  # cells out of order: only in hand-made files
            elif name in (v_tag, t_tag):
                collect = False
            elif name == row_tag:
                if _trim(cells):
                    rows.append((row, cells))
                    if len(rows) > MAX_ROWS:
                        raise _too_many_rows()
            elif name == inline_tag:
                in_inline = False
            elif name == phonetic_tag:
                phonetic -= 1

        def data(chunk: str) -> None:
            nonlocal text
            if collect:
                text += chunk

        return start, end, data

    def report() -> None:
        if progress is not None:
            progress.report(len(rows), total, _("Membaca daftar pegawai"))

    _parse_part(archive, part, make_handlers, report)
    return rows


def _number_text(raw: str) -> str:
    """A number cell's XML text as the text a roster column can use.

    Plain integers up to 15 digits, or longer ones that were not rounded, stay as written.
    Anything that went through a double and may have lost digits becomes Excel-style
    scientific notation, which plan_roster rejects as a NIP.
    """
    raw = raw.strip()
    if raw.isascii() and raw.isdigit():
        digits = raw.lstrip("0") or "0"
        if len(digits) > EXCEL_DIGITS and not digits[EXCEL_DIGITS:].strip("0"):
            return _scientific(float(digits))
        return digits
    try:
        value = float(raw)
    except ValueError:
        return raw
    if value != value or value in (float("inf"), float("-inf")):
        return raw
    if abs(value) < 10**EXCEL_DIGITS:
        return str(int(value)) if value.is_integer() else repr(value)
    return _scientific(value)


def _scientific(value: float) -> str:
    """Like Excel's General format for a big number: 1.98501012010011E+17."""
    mantissa, _sep, exponent = f"{value:.{EXCEL_DIGITS - 1}E}".partition("E")
    return f"{mantissa.rstrip('0').rstrip('.')}E{exponent}"


# --- Mapping ---------------------------------------------------------------------------


def guess_mapping(headers: Sequence[str]) -> dict[str, int | None]:
    """Field -> column index, from the header names; None where no header matches.

    The first matching column wins; a column is never given to two fields.
    """
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    used: set[int] = set()
    for index, header in enumerate(headers):
        field = _FIELD_BY_KEY.get(_header_key(header)) if header else None
        if field is not None and mapping[field] is None and index not in used:
            mapping[field] = index
            used.add(index)
    return mapping


def _columns(table: RosterTable, mapping: Mapping[str, int | None]) -> dict[str, int | None]:
    columns: dict[str, int | None] = {field: mapping.get(field) for field in FIELDS}
    chosen = [index for index in columns.values() if index is not None]
    for index in chosen:
        if not 0 <= index < len(table.headers):
            raise ValueError(f"column {index} is not in the table")
    if len(set(chosen)) != len(chosen):
        raise ValueError("one column is mapped to two fields")
    missing = [FIELD_LABELS[field] for field in REQUIRED_FIELDS if columns[field] is None]
    if missing:
        raise RosterFileProblem(
            _("Kolom {value} belum ditemukan.").format(value=" dan ".join(missing)),
            hint=_(
                "Beri judul kolom 'NIP' dan 'Nama' pada baris judul di berkas, atau pilih "
                "kolomnya sendiri saat mengimpor."
            ),
        )
    return columns


# --- Planning --------------------------------------------------------------------------


def _clean(value: str) -> str:
    """Stray spaces (also no-break ones) collapsed, invisible characters removed."""
    if not value.isascii():
        value = value.translate(_INVISIBLE)
    return " ".join(value.split())


def _clean_nip(value: str) -> str:
    if not value.isascii():
        value = value.translate(_INVISIBLE)
    # Spaces, dots and dashes inside go in validate_nip (identifiers.digits_only).
    return value.strip().lstrip(_APOSTROPHES).strip()


def _rounded_column(nips: Iterable[str]) -> bool:
    """Whether the NIPs ending in 000 look like Excel's 15-digit rounding, not serials."""
    total = rounded = 0
    for nip in nips:
        digits = nip
        if len(digits) != 18 or not digits.isdigit():
            digits = "".join(nip.split()).replace(".", "").replace("-", "")
        if len(digits) == 18 and digits.isascii() and digits.isdigit():
            total += 1
            rounded += digits.endswith("000")
    return rounded >= 2 and rounded * 10 > total


def plan_roster(
    table: RosterTable,
    mapping: Mapping[str, int | None],
    *,
    opd: str = "",
    allowed_opd: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> RosterPlan:
    """Check every row; what would be imported, rejected (with why) and worth a look.

    `opd` (the --opd option, or the wizard's choice) is the OPD of every row, whatever
    the OPD column says. `allowed_opd` restricts an OPD administrator to their office:
    rows of another OPD are rejected, rows without one get it.
    """
    columns = _columns(table, mapping)
    today = today or clock.today()
    nip_col, name_col = columns["nip"], columns["name"]
    opd_col, unit_col = columns["opd"], columns["unit"]
    assert nip_col is not None and name_col is not None  # _columns checked
    fixed_opd = normalise_opd(_clean(opd))
    allowed = normalise_opd(_clean(allowed_opd)) if allowed_opd is not None else None
    spellings: dict[str, str] = {}  # casefolded OPD -> the spelling used for the import
    if allowed:
        spellings[allowed.casefold()] = allowed
    rounded_file = _rounded_column(cells[nip_col] for _, cells in table.rows)
    # OPD and unit names repeat down the column: clean each spelling once.
    opd_cache: dict[str, str] = {}
    unit_cache: dict[str, str] = {}

    entries: list[RosterEntry] = []
    rejected: list[RosterRejection] = []
    warnings: list[RosterRejection] = []
    kept: dict[str, int] = {}  # NIP -> row number of the imported row
    empty_rows = 0
    total = len(table.rows)
    for done, (row, cells) in enumerate(table.rows):
        if done % PROGRESS_EVERY == 0 and progress is not None:
            progress.report(done, total, _("Memeriksa daftar pegawai"))
        raw_nip = _clean_nip(cells[nip_col])
        name = _clean(cells[name_col])
        if not raw_nip and not name:
            empty_rows += 1
            continue

        row_opd = fixed_opd
        if not row_opd and opd_col is not None:
            raw = cells[opd_col]
            cached_opd = opd_cache.get(raw)
            if cached_opd is None:
                cached_opd = opd_cache[raw] = normalise_opd(_clean(raw))
            row_opd = cached_opd
        if allowed is not None:
            if not row_opd:
                row_opd = allowed
            elif row_opd.casefold() != allowed.casefold():
                rejected.append(RosterRejection(row, _(OTHER_OPD)))
                continue

        if ("E" in raw_nip or "e" in raw_nip) and _SCIENTIFIC.fullmatch(raw_nip.replace(" ", "")):
            rejected.append(RosterRejection(row, _(ROUNDED_NIP)))
            continue
        check = validate_nip(raw_nip, today=today)
        if check.findings and not check.ok:
            rejected.append(RosterRejection(row, check.errors[0].message))
            continue
        nip = check.value
        if rounded_file and nip.endswith("000"):
            rejected.append(RosterRejection(row, _(ROUNDED_NIP)))
            continue

        reason = None
        unit = ""
        if unit_col is not None:
            raw = cells[unit_col]
            cached_unit = unit_cache.get(raw)
            if cached_unit is None:
                cached_unit = unit_cache[raw] = _clean(raw)
            unit = cached_unit
        if not name:
            reason = _(NAME_EMPTY)
        elif len(name) > MAX_TEXT:
            reason = _(_NAME_TOO_LONG).format(limit=MAX_TEXT)
        elif not row_opd:
            reason = _(OPD_EMPTY)
        elif len(row_opd) > MAX_TEXT:
            reason = _(_OPD_TOO_LONG).format(limit=MAX_TEXT)
        elif len(unit) > MAX_TEXT:
            reason = _(_UNIT_TOO_LONG).format(limit=MAX_TEXT)
        elif nip in kept:
            reason = _(DUPLICATE_NIP).format(row=kept[nip])
        if reason is not None:
            rejected.append(RosterRejection(row, reason))
            continue

        kept[nip] = row
        row_opd = spellings.setdefault(row_opd.casefold(), row_opd)
        entries.append(RosterEntry(row=row, nip=nip, name=name, opd=row_opd, unit=unit))
        if check.findings:
            warnings.extend(RosterRejection(row, finding.message) for finding in check.warnings)
    if progress is not None:
        progress.report(total, total, _("Memeriksa daftar pegawai"))
    return RosterPlan(
        entries=tuple(entries),
        rejected=tuple(rejected),
        empty_rows=empty_rows,
        warnings=tuple(warnings),
    )
