"""Compile the translation sources under resources/i18n into what the program loads.

    python packaging/build_translations.py            compile (setup.sh and build.sh run this)
    python packaging/build_translations.py --update   add new source strings to the sources
    python packaging/build_translations.py --check    fail when a source string has no English

Two catalogues, one per side of the Qt fence:
- the window's strings (`self.tr`, `QT_TRANSLATE_NOOP`) in Qt Linguist files: sp_desktop_en.ts
  (English) and qt_id.ts (Qt's own buttons and dialogs in Indonesian, which Qt does not ship),
  compiled by pyside6-lrelease into sp_desktop/data/i18n/*.qm;
- the core's and the command line's messages (`_()`, `N_()`, `QT_TRANSLATE_NOOP`) in gettext
  files, *_en.po, compiled with Babel into sp_desktop/data/locale/en/LC_MESSAGES/sp_desktop.mo.
The compiled files are not in git: sources are, and every build makes the rest.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "resources" / "i18n"
PACKAGE = ROOT / "sp_desktop"
QM_DIR = PACKAGE / "data" / "i18n"
LOCALE_DIR = PACKAGE / "data" / "locale"
APP_TS = SOURCES / "sp_desktop_en.ts"
# Which gettext source takes the new strings of which part of the program.
PO_FOR_PART = {"core": SOURCES / "core_en.po", "cli": SOURCES / "cli_en.po"}
KEYWORDS = {"_": None, "N_": None, "QT_TRANSLATE_NOOP": (2,)}


def qt_tool(name: str) -> str:
    """pyside6-lupdate/lrelease from this Python's environment (or PATH)."""
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", here / f"pyside6-{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} tidak ditemukan: pasang pyside6-essentials")
    return found


def python_sources(part: str | None = None) -> list[Path]:
    base = PACKAGE if part is None else PACKAGE / part
    return sorted(p for p in base.rglob("*.py") if "__pycache__" not in p.parts)


# -- the window's catalogue (Qt Linguist) -----------------------------------------------


def update_ts(target: Path = APP_TS) -> None:
    """Add the window's new strings to `target` (translations kept, obsolete ones dropped)."""
    files = [str(p) for p in python_sources()]
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as listing:
        listing.write("\n".join(files))
    try:
        subprocess.run(
            [
                qt_tool("lupdate"),
                "-silent",
                "-no-obsolete",
                "-source-language",
                "id",
                "-target-language",
                "en",
                f"@{listing.name}",
                "-ts",
                str(target),
            ],
            check=True,
        )
    finally:
        Path(listing.name).unlink()


def unfinished_ts(path: Path) -> list[str]:
    """'context: source' of every message in `path` without a finished translation."""
    missing = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = "".join(translation.itertext()) if translation is not None else ""
            numerus = translation is not None and translation.find("numerusform") is not None
            if kind == "unfinished" or not (text.strip() or numerus):
                missing.append(f"{name}: {message.findtext('source', '')}")
    return missing


def compile_ts() -> list[Path]:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(SOURCES.glob("*.ts")):
        target = QM_DIR / (source.stem + ".qm")
        subprocess.run(
            [qt_tool("lrelease"), "-silent", "-removeidentical", str(source), "-qm", str(target)],
            check=True,
        )
        written.append(target)
    return written


# -- the core's and the command line's catalogue (gettext) -------------------------------


def extract(part: str) -> dict[str, list[str]]:
    """Source text -> where it appears, for `_`, `N_` and QT_TRANSLATE_NOOP in a part."""
    from babel.messages.extract import extract_python

    found: dict[str, list[str]] = {}
    for path in python_sources(part):
        with path.open("rb") as handle:
            for lineno, _function, message, _comments in extract_python(
                handle, list(KEYWORDS), [], {}
            ):
                # QT_TRANSLATE_NOOP(context, text) comes as a tuple; the text is its second.
                text = message[1] if isinstance(message, (tuple, list)) else message
                if isinstance(text, str) and text:
                    where = f"{path.relative_to(ROOT)}:{lineno}"
                    found.setdefault(text, []).append(where)
    return found


def read_po(path: Path) -> Catalog:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po as babel_read_po

    if not path.exists():
        return Catalog(locale="en", domain="sp_desktop")
    with path.open("rb") as handle:
        return babel_read_po(handle, locale="en", domain="sp_desktop")


def write_po(catalog: Catalog, path: Path) -> None:
    from babel.messages.pofile import write_po as babel_write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        babel_write_po(handle, catalog, width=100, sort_output=False, omit_header=False)


def update_po(parts: list[str] | None = None) -> None:
    for part in parts or list(PO_FOR_PART):
        path = PO_FOR_PART[part]
        catalog = read_po(path)
        for text, places in extract(part).items():
            if text not in catalog:
                catalog.add(text, "", locations=[(p.rsplit(":", 1)[0], 0) for p in places[:1]])
        write_po(catalog, path)


def missing_po() -> list[str]:
    translated: set[str] = set()
    for path in PO_FOR_PART.values():
        for message in read_po(path):
            if message.id and message.string and not message.fuzzy:
                translated.add(str(message.id))
    missing = []
    for part in PO_FOR_PART:
        for text, places in extract(part).items():
            if text not in translated:
                missing.append(f"{places[0]}: {text}")
    return missing


def compile_po() -> list[Path]:
    """Each <domain-or-part>_<language>.po into locale/<language>/LC_MESSAGES/<domain>.mo.

    The parts' files (core_en.po, cli_en.po) make one "sp_desktop" catalogue; any other
    name is its own domain (argparse_id.po: argparse's headings in Indonesian)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    merged: dict[tuple[str, str], Catalog] = {}
    for path in sorted(SOURCES.glob("*.po")):
        name, _sep, code = path.stem.rpartition("_")
        domain = "sp_desktop" if name in PO_FOR_PART else name
        catalog = merged.setdefault((domain, code), Catalog(locale=code, domain=domain))
        for message in read_po(path):
            if message.id and message.string and not message.fuzzy:
                catalog.add(message.id, message.string)
    written = []
    for (domain, code), catalog in merged.items():
        target = LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(target)
    return written


def check() -> list[str]:
    """Every problem that would show Indonesian in the English program."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / APP_TS.name
        shutil.copyfile(APP_TS, copy)
        update_ts(copy)
        problems = [f"tanpa terjemahan Inggris (UI): {m}" for m in unfinished_ts(copy)]
    problems += [f"tanpa terjemahan Inggris (inti/CLI): {m}" for m in missing_po()]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--update", action="store_true", help="tambahkan teks baru ke sumber")
    group.add_argument("--check", action="store_true", help="gagal bila ada teks tanpa terjemahan")
    parser.add_argument(
        "--part",
        choices=["ui", *PO_FOR_PART],
        action="append",
        help="with --update: only this part's source (ui = sp_desktop_en.ts); repeatable",
    )
    args = parser.parse_args(argv)
    if args.update:
        parts = args.part or ["ui", *PO_FOR_PART]
        if "ui" in parts:
            update_ts()
        update_po([p for p in parts if p != "ui"])
        return 0
    if args.check:
        problems = check()
        for line in problems:
            print(line)
        print(f"{len(problems)} teks tanpa terjemahan Inggris", file=sys.stderr)
        return 1 if problems else 0
    compile_ts()
    compile_po()
    return 0


if __name__ == "__main__":
    sys.exit(main())
