"""Licences: the project's own, and every bundled dependency named in the notices."""

from __future__ import annotations

from pathlib import Path

from script_support import load_script

ROOT = Path(__file__).resolve().parents[2]
NOTICES = ROOT / "THIRD-PARTY-NOTICES.md"
DATA = ROOT / "sp_desktop" / "data"


def _list_licences():  # type: ignore[no-untyped-def]
    return load_script("packaging/list_licences.py")


def test_every_runtime_dependency_is_named_in_the_notices() -> None:
    found = _list_licences().runtime_distributions()
    # The walk itself reaches through the tree (sqlite-utils -> click) and both platforms.
    assert {"pyside6-essentials", "shiboken6", "sqlcipher3", "click", "colorama"} <= set(found)
    notices = NOTICES.read_text(encoding="utf-8").lower()
    missing = [name for name in found if f"`{name}`" not in notices]
    assert not missing, f"add these to THIRD-PARTY-NOTICES.md: {missing}"


def test_the_notices_keep_what_the_lgpl_and_the_region_data_ask_for() -> None:
    notices = NOTICES.read_text(encoding="utf-8")
    assert "LGPL-3.0" in notices
    assert "https://download.qt.io/official_releases/QtForPython/" in notices
    assert "replace the Qt and PySide6 libraries" in notices
    assert "Cahya DSN" in notices
    for name in ["LICENSE-LGPL-3.0.txt", "LICENSE-GPL-3.0.txt", "LICENSE-MPL-2.0.txt"]:
        assert name in notices
        assert (DATA / name).stat().st_size > 5000, name
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (DATA / "LICENSE-LGPL-3.0.txt").read_text()


def test_the_app_reads_a_byte_for_byte_copy_of_the_notices() -> None:
    # When this fails: python packaging/list_licences.py --package-copy
    assert (DATA / "THIRD-PARTY-NOTICES.md").read_bytes() == NOTICES.read_bytes()


def test_the_project_licence_is_apache_2() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("Apache License\n                           Version 2.0")
    assert "Copyright 2026 SP Desktop contributors" in text
    assert "END OF TERMS AND CONDITIONS" in text


def test_collect_copies_each_packages_own_licence_files(tmp_path: Path) -> None:
    written = _list_licences().collect(tmp_path)
    by_package = {path.relative_to(tmp_path).parts[0] for path in written}
    assert any(name.startswith("openpyxl-") for name in by_package)
    assert not any(name.startswith("pip-") for name in by_package)  # never bundled
    [qt_note] = tmp_path.glob("pyside6-essentials-*/LICENCE-NOTE.txt")
    assert "LGPL-3.0" in qt_note.read_text(encoding="utf-8")
    [mit] = tmp_path.glob("openpyxl-*/**/LICENCE.rst")
    assert "Permission is hereby granted" in mit.read_text(encoding="utf-8")
