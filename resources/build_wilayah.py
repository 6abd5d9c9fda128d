"""Build sp_desktop/data/wilayah.tsv.gz from the cahyadsn/wilayah MySQL dumps.

    .venv/bin/python resources/build_wilayah.py [--source ../shared/data/wilayah]

Reads wilayah_2020.sql (codes in force at SP2020) and wilayah_current.sql (newest codes)
and writes one row per code in the union: ``code<TAB>name<TAB>flags``, flags being ``c``
(current only), ``h`` (only in 2020: historic) or ``ch`` (both). The licence notice goes
into the file's ``#`` header and into LICENSE-wilayah.txt, as the MIT licence asks.
The output is deterministic (sorted rows, gzip mtime 0) so rebuilding changes nothing.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data" / "wilayah"
OUT_DIR = REPO_ROOT / "sp_desktop" / "data"
SOURCE_FILES = {"2020": "wilayah_2020.sql", "current": "wilayah_current.sql"}

_SQL_STRING = r"'((?:[^'\\]|''|\\.)*)'"
# One left-to-right pass: a row `('code', 'name')`, or a comment or string literal that
# is skipped whole, so text inside comments and quotes never becomes a row. Only a
# well-formed code opens a row; the string pattern swallows quotes inside names.
_TOKEN = re.compile(
    r"\(\s*'(?P<code>\d\d(?:\.\d\d(?:\.\d\d(?:\.\d{4})?)?)?)'\s*,\s*"
    + _SQL_STRING.replace("(", "(?P<name>", 1)
    + r"\s*\)|--[^\n]*|#[^\n]*|/\*.*?\*/|"
    + _SQL_STRING,
    re.DOTALL,
)
_BACKSLASH_ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}
_SPECIAL_WORDS = {"KAB.": "Kab.", "KAB": "Kab.", "KEP.": "Kep.", "ADM.": "Adm.", "DKI": "DKI"}
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")


def unescape_sql(text: str) -> str:
    """MySQL string body to text: '' and \\' are quotes, \\n etc. are control characters."""
    text = text.replace("''", "'")
    return re.sub(r"\\(.)", lambda m: _BACKSLASH_ESCAPES.get(m[1], m[1]), text)


def parse_dump(sql: str) -> dict[str, str]:
    rows: dict[str, str] = {}
    for match in _TOKEN.finditer(sql):
        if match["code"] is None:
            continue
        code, name = match["code"], unescape_sql(match["name"])
        if rows.setdefault(code, name) != name:
            raise ValueError(f"kode {code} muncul dua kali dengan nama berbeda")
    return rows


def _title_word(word: str) -> str:
    if word in _SPECIAL_WORDS:
        return _SPECIAL_WORDS[word]
    if _ROMAN.fullmatch(word):
        return word
    # Capitalise each part of "TOLI-TOLI" or "(BARU)", not only the first letter.
    return re.sub(r"[^\W\d_]+", lambda m: m[0].capitalize(), word)


def display_name(name: str, level: int) -> str:
    """Normalise a source name for display.

    Whitespace is collapsed everywhere. Only provinsi and kab/kota names (levels 1-2) are
    all capitals in the 2020 dump ("KAB. ACEH SELATAN", "P A P U A"); those get title case.
    Names with lower-case letters are kept, and so are the few all-capital kecamatan and
    desa names ("RD. PJKA", "MKCM"): the newer, mixed-case dump keeps them so, too.
    """
    words = name.split()
    if level > 2 or any(ch.islower() for ch in name):
        return " ".join(words)
    merged: list[str] = []
    run: list[str] = []
    # A run of three or more single letters is one spaced-out word: "P A P U A".
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        merged.extend(["".join(run)] if len(run) >= 3 else run)
        run = []
        if word:
            merged.append(word)
    return " ".join(_title_word(word) for word in merged)


def merge(historic: dict[str, str], current: dict[str, str]) -> list[tuple[str, str, str]]:
    """Rows for the union of both code sets; the current name wins where both have one."""
    rows = []
    # Fixed-width dotted codes sort hierarchically: "52" < "52.71" < "52.71.01" < ...
    for code in sorted(historic.keys() | current.keys()):
        level = code.count(".") + 1
        flags = ("c" if code in current else "") + ("h" if code in historic else "")
        name = display_name(current.get(code) or historic[code], level)
        if not name or "\t" in name or "\n" in name:
            raise ValueError(f"nama untuk kode {code} tidak bisa dipakai: {name!r}")
        rows.append((code, name, flags))
    return rows


def source_commit(source: Path) -> str:
    match = re.search(r"commit ([0-9a-f]{40})", (source / "SOURCE.md").read_text("utf-8"))
    if not match:
        raise ValueError(f"tidak ada hash commit di {source / 'SOURCE.md'}")
    return match[1]


def build(source: Path, out_dir: Path = OUT_DIR) -> list[tuple[str, str, str]]:
    dumps = {
        key: parse_dump((source / name).read_text("utf-8")) for key, name in SOURCE_FILES.items()
    }
    for key, rows in dumps.items():
        if not rows:
            raise ValueError(f"tidak ada baris wilayah di {SOURCE_FILES[key]}")
    rows = merge(dumps["2020"], dumps["current"])
    licence = (source / "LICENSE").read_text("utf-8").strip()
    commit = source_commit(source)
    source_line = (
        f"Source: cahyadsn/wilayah (https://github.com/cahyadsn/wilayah), commit {commit}, "
        f"files {SOURCE_FILES['2020']} and {SOURCE_FILES['current']}."
    )
    header = [
        "Kode wilayah Kemendagri for SP Desktop, built by resources/build_wilayah.py.",
        source_line,
        "Columns: code, name, flags (c = in the newest codes, h = in the SP2020 codes).",
        "",
        *licence.splitlines(),
    ]
    lines = [f"# {line}".rstrip() for line in header]
    lines += ["\t".join(row) for row in rows]
    payload = ("\n".join(lines) + "\n").encode("utf-8")

    out_dir.mkdir(parents=True, exist_ok=True)
    with (
        (out_dir / "wilayah.tsv.gz").open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
    ):
        gz.write(payload)
    (out_dir / "LICENSE-wilayah.txt").write_text(f"{source_line}\n\n{licence}\n", "utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help="folder with wilayah_2020.sql, wilayah_current.sql, LICENSE and SOURCE.md",
    )
    args = parser.parse_args(argv)
    rows = build(args.source.resolve())
    counts = [sum(1 for code, _, _ in rows if code.count(".") == dots) for dots in range(4)]
    flags = {flag: sum(1 for row in rows if row[2] == flag) for flag in ("ch", "c", "h")}
    size = (OUT_DIR / "wilayah.tsv.gz").stat().st_size
    print(
        f"{len(rows)} kode (provinsi/kab-kota/kecamatan/desa: {counts}), flags {flags}, "
        f"{size / 1024:.0f} KiB -> {OUT_DIR / 'wilayah.tsv.gz'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
