"""The Windows installer (packaging/windows/sp-desktop.nsi) built here with the real makensis
around a small stand-in onedir, then read back with 7-Zip and by decompressing the NSIS
header ourselves (where the strings of every language live). Running it needs Windows and
is not tested here."""

from __future__ import annotations

import lzma
import re
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from script_support import load_script

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "sp-desktop.nsi"
SPEC = ROOT / "packaging" / "sp-desktop.spec"
VERSION_FILE = ROOT / "sp_desktop" / "__init__.py"

needs_tools = pytest.mark.skipif(
    shutil.which("makensis") is None or shutil.which("7z") is None,
    reason="needs makensis and 7z: apt-get install -y nsis p7zip-full",
)


@dataclass
class Built:
    setup: Path
    onedir: Path
    extracted: Path


def _version() -> str:
    match = re.search(r'__version__ = "([^"]+)"', VERSION_FILE.read_text(encoding="utf-8"))
    assert match
    return match[1]


def _makensis(*defines: str) -> subprocess.CompletedProcess[str]:
    # As the brief and the release workflow call it: from the checkout, script path relative.
    return subprocess.run(
        ["makensis", "-V2", *defines, "packaging/windows/sp-desktop.nsi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _build_icons_module():  # type: ignore[no-untyped-def]
    return load_script("packaging/build_icons.py")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Built:
    work = tmp_path_factory.mktemp("installer")
    onedir = work / "sp-desktop"
    (onedir / "_internal" / "sp_desktop" / "data").mkdir(parents=True)
    (onedir / "SP Desktop.exe").write_bytes(b"MZ windowed stand-in")
    (onedir / "sp-desktop.exe").write_bytes(b"MZ console stand-in")
    (onedir / "_internal" / "python311.dll").write_bytes(b"stand-in")
    (onedir / "_internal" / "sp_desktop" / "data" / "wilayah.tsv.gz").write_bytes(b"x")
    _png, ico = _build_icons_module().build(work / "icons")
    licences = work / "licences" / "example-1.0"
    licences.mkdir(parents=True)
    (licences / "LICENSE").write_text("MIT stand-in\n")
    setup = work / f"SP-Desktop-{_version()}-setup.exe"
    result = _makensis(
        f"-DAPPDIR={onedir}",
        f"-DOUTFILE={setup}",
        f"-DVERSION={_version()}",
        f"-DICON={ico}",
        f"-DLICENCES={licences.parent}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    extracted = work / "extracted"
    subprocess.run(
        ["7z", "x", f"-o{extracted}", str(setup)], check=True, capture_output=True, timeout=60
    )
    return Built(setup, onedir, extracted)


def _listing(setup: Path) -> set[str]:
    out = subprocess.run(
        ["7z", "l", "-slt", str(setup)], check=True, capture_output=True, text=True
    ).stdout
    return {line[len("Path = ") :] for line in out.splitlines() if line.startswith("Path = ")}


def _nsis_strings(exe: Path) -> bytes:
    """The decompressed NSIS header (pages, sections, the string table of every language).

    Layout: stub, then the first header (flags, 0xDEADBEEF, "NullsoftInst", header length,
    data length), then the solid LZMA stream (5 property bytes, raw LZMA), whose first four
    decompressed bytes are the header length and the header follows."""
    data = exe.read_bytes()
    start = data.index(b"\xef\xbe\xad\xdeNullsoftInst") - 4
    _flags, _sig, _magic, header_length, _total = struct.unpack_from("<II12sII", data, start)
    body = data[start + 28 :]
    props, dict_size = body[0], struct.unpack_from("<I", body, 1)[0]
    lzma1 = {
        "id": lzma.FILTER_LZMA1,
        "dict_size": dict_size,
        "lc": props % 9,
        "lp": props // 9 % 5,
        "pb": props // 45,
    }
    decompressor = lzma.LZMADecompressor(format=lzma.FORMAT_RAW, filters=[lzma1])
    out = decompressor.decompress(body[5:], max_length=header_length + 4)
    assert struct.unpack_from("<I", out, 0)[0] == header_length
    return out[4:]


def _has(header: bytes, text: str) -> bool:
    return text.encode("utf-16-le") in header


@needs_tools
def test_the_program_the_licences_and_the_uninstaller_are_inside(built: Built) -> None:
    names = _listing(built.setup)
    for expected in [
        "SP Desktop.exe",
        "sp-desktop.exe",
        "_internal/python311.dll",
        "_internal/sp_desktop/data/wilayah.tsv.gz",
        "LICENSE.txt",
        "THIRD-PARTY-NOTICES.md",
        "licences/example-1.0/LICENSE",
        "Uninstall SP Desktop.exe",
    ]:
        assert expected in names, (expected, sorted(names))
    # The defaults relative to the script found the checkout's own files.
    assert (built.extracted / "LICENSE.txt").read_bytes() == (ROOT / "LICENSE").read_bytes()
    notices = (ROOT / "THIRD-PARTY-NOTICES.md").read_bytes()
    assert (built.extracted / "THIRD-PARTY-NOTICES.md").read_bytes() == notices
    assert (built.extracted / "SP Desktop.exe").read_bytes() == b"MZ windowed stand-in"


@needs_tools
def test_both_languages_and_the_shared_folder_are_in_the_installer(built: Built) -> None:
    header = _nsis_strings(built.setup)
    # Our own strings, in Indonesian and in English.
    for text in [
        "Folder data bersama",
        "Shared data folder",
        "Pakai folder data bersama untuk semua akun Windows di komputer ini",
        "Use a shared data folder for every Windows account on this PC",
        "Folder bersama sudah dipakai di komputer ini",
        "The shared folder is already in use on this PC",
    ]:
        assert _has(header, text), text
    # Modern UI's own pages in both languages (Indonesian.nlf / English.nlf).
    assert _has(header, "Selamat datang") and _has(header, "Welcome to")
    # The shared folder: marker name the app looks for, the Users group by SID, the marker.
    assert _has(header, "folder-bersama.txt")
    assert _has(header, "/grant *S-1-5-32-545:(OI)(CI)M")
    assert _has(header, "JANGAN DIHAPUS")
    # Per-user uninstall entry.
    uninstall_key = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\SP Desktop"
    assert _has(header, uninstall_key)
    for value in [
        "DisplayName",
        "DisplayVersion",
        "Publisher",
        "DisplayIcon",
        "UninstallString",
        "InstallLocation",
        "EstimatedSize",
        "NoModify",
        "NoRepair",
    ]:
        assert _has(header, value), value
    assert _has(header, _version())


@needs_tools
def test_the_uninstaller_says_in_both_languages_that_data_stays(built: Built) -> None:
    header = _nsis_strings(built.extracted / "Uninstall SP Desktop.exe")
    assert _has(header, "DATA TIDAK DIHAPUS")
    assert _has(header, "DATA IS NOT DELETED")


def _instructions(script: str) -> list[str]:
    return [
        line.strip()
        for line in script.splitlines()
        if line.strip() and not line.strip().startswith((";", "#"))
    ]


def test_nothing_outside_the_program_folder_is_ever_removed() -> None:
    lines = _instructions(SCRIPT.read_text(encoding="utf-8"))
    removals = [line for line in lines if re.match(r"(RMDir|Delete|DeleteRegKey)\b", line)]
    assert removals
    for line in removals:
        if line.startswith("DeleteRegKey"):
            assert line == 'DeleteRegKey HKCU "${UNINST_KEY}"'
            continue
        target = line.split(None, 2)[-1] if "/r" in line.split() else line.split(None, 1)[1]
        # Program files, the uninstaller, the two shortcuts: nothing else.
        assert target.startswith(
            (
                '"$INSTDIR\\',
                '"$INSTDIR"',
                '"$SMPROGRAMS\\${APP_NAME}.lnk"',
                '"$DESKTOP\\${APP_NAME}.lnk"',
            )
        ), line
        assert "sp-desktop" not in target and "$APPDATA" not in target, line
        # RMDir /r only on folders the installer itself fills.
        if "/r" in line.split():
            assert target in ('"$INSTDIR\\_internal"', '"$INSTDIR\\licences"'), line
    assert 'RMDir "$INSTDIR"' in lines  # not /r: a person may have put files there


def test_the_installer_names_the_programs_the_spec_builds() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    spec = SPEC.read_text(encoding="utf-8")
    app_exe = re.search(r'!define APP_EXE "([^"]+)\.exe"', script)
    cli_exe = re.search(r'!define CLI_EXE "([^"]+)\.exe"', script)
    assert app_exe and cli_exe
    assert f'name="{app_exe[1]}" if windows' in spec
    assert f'name="{cli_exe[1]}"' in spec


@needs_tools
def test_an_onedir_without_the_program_is_refused_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = _makensis(
        f"-DAPPDIR={tmp_path / 'empty'}", f"-DOUTFILE={tmp_path / 'x.exe'}", "-DVERSION=0.2.0"
    )
    assert result.returncode != 0
    assert "SP Desktop.exe not found" in result.stdout + result.stderr
    assert not (tmp_path / "x.exe").exists()


def test_the_release_workflow_runs_scripts_that_exist() -> None:
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    scripts = set(re.findall(r"packaging[/\\][\w/\\.-]+\.(?:py|sh|spec|nsi)", workflow))
    assert {"packaging/build_icons.py", "packaging/smoke_test.py", "packaging/build.sh"} <= scripts
    for script in scripts:
        assert (ROOT / script.replace("\\", "/")).is_file(), script
    # The onedir the workflow packs is the one the spec collects.
    assert 'name="sp-desktop",\n)' in SPEC.read_text(encoding="utf-8")
    assert "-DAPPDIR=$PWD\\dist\\sp-desktop" in workflow
    # Every define the workflow passes is one the script reads.
    script = SCRIPT.read_text(encoding="utf-8")
    for define in re.findall(r'"-D(\w+)=', workflow):
        assert f"${{{define}}}" in script, define


def test_the_installer_writes_the_marker_the_app_looks_for() -> None:
    from sp_desktop.core.base.data_folder import SHARED_FOLDER_MARKER

    script = SCRIPT.read_text(encoding="utf-8")
    assert f'!define SHARED_MARKER "{SHARED_FOLDER_MARKER}"' in script
    # %ProgramData%\sp-desktop: platformdirs' site data folder on Windows, for appauthor=False.
    assert 'StrCpy $SharedDir "$APPDATA\\sp-desktop"' in script
    assert script.index("SetShellVarContext all") < script.index('StrCpy $SharedDir "$APPDATA')
