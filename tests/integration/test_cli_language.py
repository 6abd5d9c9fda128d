"""The command line speaks Indonesian or English: its own texts, and argparse's."""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from cli_support import assert_one_line_no_traceback, sp

from sp_desktop.cli.common import data_dir_in
from sp_desktop.core.base import i18n
from sp_desktop.core.base.data_folder import remember_language
from sp_desktop.core.domain.validation import validate_nik

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = {"SP_DESKTOP_LANG": "en"}
# argparse's English, which must not show in Indonesian (and must in English).
ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help message")


def test_validate_answers_in_english_with_the_same_exit_code() -> None:
    english = sp("validate", "nik", "123", env=ENGLISH)
    indonesian = sp("validate", "nik", "123")
    assert english.returncode == indonesian.returncode == 1
    value, verdict, reason = english.stdout.rstrip("\n").split("\t")
    assert (value, verdict) == ("123", "invalid")  # the columns scripts read stay as they were
    try:
        i18n.set_language("en")
        expected = validate_nik("123").message
    finally:
        i18n.set_language("id")
    assert reason == expected
    assert reason != indonesian.stdout.rstrip("\n").split("\t")[2] == validate_nik("123").message


def test_help_in_indonesian_has_no_argparse_english() -> None:
    for args in (["--help"], ["validate", "--help"], ["slips", "--help"], ["key", "export", "-h"]):
        result = sp(*args)
        assert result.returncode == 0, result.stderr
        for english in ARGPARSE_ENGLISH:
            assert english not in result.stdout, (args, english)
        assert result.stdout.startswith("cara pakai: sp-desktop")
        assert "tampilkan bantuan ini lalu keluar" in result.stdout
    main = sp("--help").stdout
    assert "argumen posisi:" in main and "pilihan:" in main
    assert "isi folder data kosong dengan data contoh" in main
    assert "tampilkan versi program lalu keluar" in main  # --version's own help (3.11: English)
    assert "penyaring (semua boleh dikosongkan):" in sp("slips", "--help").stdout


def test_help_in_english() -> None:
    result = sp("--help", env=ENGLISH)
    assert result.returncode == 0, result.stderr
    for english in ARGPARSE_ENGLISH:
        assert english in result.stdout
    assert "fill an empty data folder with sample data" in result.stdout
    assert "show the program's version and exit" in result.stdout
    for indonesian in ("cara pakai", "pilihan:", "isi folder data", "PERINTAH"):
        assert indonesian not in result.stdout
    filters = sp("slips", "--help", env=ENGLISH).stdout
    assert "filters (all optional):" in filters and "--kelurahan CODE" in filters


@pytest.mark.parametrize(
    ("args", "indonesian", "english"),
    [
        (["frobnicate"], "pilihan tidak dikenal: 'frobnicate'", "invalid choice: 'frobnicate'"),
        (
            ["demo"],
            "isian wajib belum diberikan: --households",
            "the following arguments are required: --households",
        ),
        (
            ["demo", "--households"],
            "isian --households: perlu diberi satu nilai",
            "argument --households: expected one argument",
        ),
        (
            ["demo", "--households", "banyak"],
            "isian --households: harus berupa angka bulat, bukan 'banyak'",
            "argument --households: must be a whole number, not 'banyak'",
        ),
        (
            ["validate", "nik", "1", "--bogus"],
            "ada argumen yang tidak dikenal: --bogus",
            "unrecognized arguments: --bogus",
        ),
        (["validate", "paspor", "1"], "isian JENIS: pilihan tidak dikenal", "argument KIND:"),
        (
            ["export", "csv", "--out", "x.csv", "--from", "kemarin"],
            "tanggal harus berbentuk YYYY-MM-DD",
            "the date must look like YYYY-MM-DD",
        ),
    ],
)
def test_usage_errors_in_either_language(args: list[str], indonesian: str, english: str) -> None:
    result = sp(*args)
    assert result.returncode == 2
    assert_one_line_no_traceback(result)
    assert indonesian in result.stderr, result.stderr
    assert result.stderr.rstrip().endswith("Lihat: sp-desktop --help")
    for word in ("invalid", "required", "expected", "unrecognized", "argument "):
        assert word not in result.stderr, result.stderr
    in_english = sp(*args, env=ENGLISH)
    assert in_english.returncode == 2
    assert_one_line_no_traceback(in_english)
    assert english in in_english.stderr, in_english.stderr
    assert in_english.stderr.rstrip().endswith("See: sp-desktop --help")


def test_the_pcs_language_chosen_at_setup_decides_without_the_variable(tmp_path: Path) -> None:
    remember_language(tmp_path, "en")
    # No SP_DESKTOP_LANG; the system asks for Indonesian: the PC's choice comes first.
    system_id = {"SP_DESKTOP_LANG": "", "LANGUAGE": "", "LC_ALL": "", "LANG": "id_ID.UTF-8"}
    for args in (
        ["--data-dir", str(tmp_path)],
        [f"--data-dir={tmp_path}"],
        ["--data", str(tmp_path)],
    ):
        result = sp(*args, "--help", env=system_id)
        assert result.returncode == 0, result.stderr
        assert "usage:" in result.stdout and "fill an empty data folder" in result.stdout, args
    # SP_DESKTOP_LANG still comes first.
    assert "cara pakai:" in sp("--data-dir", str(tmp_path), "--help").stdout
    # Another folder (the PC chose nothing there): the system's language.
    elsewhere = sp("--data-dir", str(tmp_path / "lain"), "--help", env=system_id)
    assert "cara pakai:" in elsewhere.stdout


def test_data_dir_is_read_as_argparse_reads_it() -> None:
    assert data_dir_in(["--data-dir", "a", "stats"]) == Path("a")
    assert data_dir_in(["--user", "stats", "--data-d=b", "stats"]) == Path("b")
    assert data_dir_in(["--us=1", "--data-dir=", "stats"]) is None
    assert data_dir_in(["--data", "c"]) == Path("c")
    assert data_dir_in(["validate", "nik", "--data-dir", "d"]) is None  # a command's argument
    assert data_dir_in(["--data-dir"]) is None
    assert data_dir_in([]) is None


def test_every_command_line_text_has_english() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import build_translations
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    missing = [m for m in build_translations.missing_po() if m.startswith("sp_desktop/cli/")]
    assert missing == []


def argparse_texts() -> set[str | tuple[str, str]]:
    """Every text this Python's argparse looks up with _() or ngettext()."""
    texts: set[str | tuple[str, str]] = {"subcommands"}  # _(kwargs.pop('title', 'subcommands'))
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            strings = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if node.func.id == "_" and strings:
                texts.add(strings[0])
            elif node.func.id == "ngettext" and len(strings) >= 2:
                texts.add((strings[0], strings[1]))
    return texts


def test_argparse_catalogue_has_every_text_of_this_python() -> None:
    with (ROOT / "resources" / "i18n" / "argparse_id.po").open("rb") as handle:
        catalogue = read_po(handle, locale="id")
    translated: set[str | tuple[str, str]] = set()
    for message in catalogue:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, tuple):
            assert all(message.string), message.id
            translated.add((str(message.id[0]), str(message.id[1])))
        else:
            translated.add(str(message.id))
    texts = argparse_texts()
    assert len(texts) > 30  # the extraction found argparse's texts
    assert sorted(map(str, texts - translated)) == []
