"""CI fails when a text a person can read has no English, in the window, the core or the CLI."""

from __future__ import annotations

from pathlib import Path

from translation_support import build_translations


def test_every_source_string_has_its_english() -> None:
    # pyside6-lupdate reads the sources afresh (a new self.tr() text counts even before
    # anyone ran --update) and every _()/N_() text of the core and the CLI is extracted.
    problems = build_translations().check()
    assert problems == [], (
        f"{len(problems)} texts without English; run "
        "`python packaging/build_translations.py --update`, translate, then build:\n"
        + "\n".join(problems[:40])
    )


def test_the_check_sees_a_new_text(tmp_path: Path) -> None:
    module = build_translations()
    source = tmp_path / "baru.py"
    source.write_text(
        "from sp_desktop.core.base.i18n import _\n"
        "def f() -> str:\n"
        '    return _("Teks baru yang belum diterjemahkan {n}").format(n=1)\n',
        encoding="utf-8",
    )
    module.PACKAGE = module.ROOT = tmp_path  # the part "" is the whole folder
    module.PO_FOR_PART = {"": tmp_path / "semua_en.po"}
    assert module.missing_po() == ["baru.py:3: Teks baru yang belum diterjemahkan {n}"]
    module.update_po([""])  # --update adds it, still without English
    assert len(module.missing_po()) == 1
    po = (tmp_path / "semua_en.po").read_text(encoding="utf-8")
    assert 'msgid "Teks baru yang belum diterjemahkan {n}"' in po
