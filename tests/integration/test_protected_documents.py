"""The handover zip and the workbook that open only with their password (issue 16 §4),
checked with the tools a recipient has: 7-Zip, msoffcrypto-tool, LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from cli_support import ADMIN, COORDINATOR, demo, sp

from sp_desktop.core.documents.issuing import (
    CSV_NAME,
    KEY_NAME,
    MANIFEST_NAME,
    README_NAME,
    RECAP_NAME,
    XLSX_NAME,
)
from sp_desktop.core.documents.protection import decrypted_xlsx, is_encrypted_office_file

needs_7z = pytest.mark.skipif(shutil.which("7z") is None, reason="7z (p7zip-full) is missing")
SYSTEM_PYTHON = "/usr/bin/python3"
LO_SCRIPT = Path(__file__).with_name("lo_open_protected.py")
PASSWORD_LINE = re.compile(r"^\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5})$", re.MULTILINE)


def _has_libreoffice_uno() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kantor") / "data"
    demo(folder, households=30)
    return folder


def run(folder: Path, *args: str, user: str = COORDINATOR):  # type: ignore[no-untyped-def]
    return sp("--data-dir", str(folder), "--user", user, *args)


def _full_numbers(office: Path, tmp_path: Path) -> list[str]:
    """Every 16-digit number of the clear CSV export: what must not show in clear."""
    csv_file = tmp_path / "semua.csv"
    assert run(office, "export", "csv", "--out", str(csv_file)).returncode == 0
    numbers = set(re.findall(r"\b\d{16}\b", csv_file.read_text(encoding="utf-8-sig")))
    assert len(numbers) > 20
    csv_file.unlink()
    return sorted(numbers)


def _generated_password(stdout: str) -> str:
    found = PASSWORD_LINE.findall(stdout)
    assert len(found) == 1, stdout
    assert "telepon" in stdout and "sekali" in stdout
    return found[0]


@needs_7z
def test_the_handover_zip_opens_in_7zip_with_its_password_and_verifies(
    office: Path, tmp_path: Path
) -> None:
    package = tmp_path / "paket.zip"
    made = run(office, "handover", "--out", str(package))
    assert made.returncode == 0, made.stderr
    password = _generated_password(made.stdout)
    assert password not in made.stderr

    # Nothing of the office, its place or any number in what anyone can list.
    with zipfile.ZipFile(package) as archive:
        names = [info.filename for info in archive.infolist()]
        assert all(info.flag_bits & 0x1 for info in archive.infolist())
    assert sorted(names) == sorted(
        [RECAP_NAME, XLSX_NAME, CSV_NAME, KEY_NAME, README_NAME, MANIFEST_NAME]
    )
    assert not any(re.search(r"\d", name) for name in names)
    listed = subprocess.run(["7z", "l", "-slt", str(package)], capture_output=True, text=True)
    assert listed.stdout.count("Method = AES-256") == len(names)
    raw = package.read_bytes()
    for number in _full_numbers(office, tmp_path):
        assert number.encode() not in raw
    assert b"Kantor Demo" not in raw

    wrong = subprocess.run(
        ["7z", "x", "-y", "-pSALAH-SALAH-SALAH", f"-o{tmp_path / 'salah'}", str(package)],
        capture_output=True,
        text=True,
    )
    assert wrong.returncode != 0 and "Wrong password" in (wrong.stdout + wrong.stderr)
    folder = tmp_path / "diekstrak"
    extracted = subprocess.run(
        ["7z", "x", "-y", f"-p{password}", f"-o{folder}", str(package)], capture_output=True
    )
    assert extracted.returncode == 0, extracted.stdout
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)

    key_file = tmp_path / "kantor.spkunci"
    assert run(office, "key", "export", "--out", str(key_file), user=ADMIN).returncode == 0
    checked = sp("verify", str(folder), "--key", str(key_file))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("SAH")

    # The zip itself: without the password it says what to do; with it, it verifies.
    locked = sp("verify", str(package), "--key", str(key_file))
    assert locked.returncode == 1
    assert "BERSANDI" in locked.stderr and "Ekstrak" in locked.stderr
    password_file = tmp_path / "sandi.txt"
    password_file.write_text(password + "\n", encoding="utf-8")
    opened = sp(
        "verify", str(package), "--key", str(key_file), "--password-file", str(password_file)
    )
    assert opened.returncode == 0 and opened.stdout.startswith("SAH"), opened.stderr
    password_file.write_text("SALAH-SALAH-SALAH\n", encoding="utf-8")
    refused = sp(
        "verify", str(package), "--key", str(key_file), "--password-file", str(password_file)
    )
    assert refused.returncode == 1 and "SANDI SALAH" in refused.stderr

    # A tampered member is still caught inside the protected zip.
    (folder / CSV_NAME).write_bytes((folder / CSV_NAME).read_bytes() + b"x\n")
    tampered = sp("verify", str(folder), "--key", str(key_file))
    assert tampered.returncode == 1 and "DIUBAH" in tampered.stderr


def test_a_clear_handover_zip_needs_asking_and_is_warned(office: Path, tmp_path: Path) -> None:
    package = tmp_path / "terbuka.zip"
    made = run(office, "handover", "--out", str(package), "--tanpa-sandi")
    assert made.returncode == 0, made.stderr
    assert "TANPA sandi" in made.stderr and not PASSWORD_LINE.search(made.stdout)
    with zipfile.ZipFile(package) as archive:
        assert not any(info.flag_bits & 0x1 for info in archive.infolist())
    # A folder cannot carry a password: said before any work is done.
    password_file = tmp_path / "sandi.txt"
    password_file.write_text("Serah-Terima-BPS-2020\n", encoding="utf-8")
    folder = tmp_path / "paket-folder"
    refused = run(office, "handover", "--out", str(folder), "--password-file", str(password_file))
    assert refused.returncode == 1 and ".zip" in refused.stderr
    assert not folder.exists()
    plain = run(office, "handover", "--out", str(folder))
    assert plain.returncode == 0 and "tidak bersandi" in plain.stderr
    both = run(office, "handover", "--out", str(package), "--tanpa-sandi", "--password-file", "x")
    assert both.returncode == 2


def test_the_xlsx_export_is_encrypted_and_opens_with_msoffcrypto(
    office: Path, tmp_path: Path
) -> None:
    book = tmp_path / "data.xlsx"
    made = run(office, "export", "xlsx", "--out", str(book))
    assert made.returncode == 0, made.stderr
    password = _generated_password(made.stdout)
    assert is_encrypted_office_file(book)
    raw = book.read_bytes()
    numbers = _full_numbers(office, tmp_path)
    assert not any(number.encode() in raw for number in numbers)
    with decrypted_xlsx(book, password) as plain:
        workbook = openpyxl.load_workbook(plain, read_only=True)
        rows = list(workbook["Rumah Tangga"].iter_rows(values_only=True))
        workbook.close()
    inside = {str(v) for row in rows for v in row if isinstance(v, str) and len(v) == 16}
    assert inside & set(numbers)  # full numbers for the coordinator, once opened
    # A password file of one's own; --password-file on a CSV export is refused.
    password_file = tmp_path / "sandi.txt"
    password_file.write_text("Sandi-Kecamatan-77\r\n", encoding="utf-8")
    own = tmp_path / "milik-sendiri.xlsx"
    made = run(office, "export", "xlsx", "--out", str(own), "--password-file", str(password_file))
    assert made.returncode == 0 and not PASSWORD_LINE.search(made.stdout)
    assert "Sandi-Kecamatan-77" not in made.stdout + made.stderr
    with decrypted_xlsx(own, "Sandi-Kecamatan-77") as plain:
        assert openpyxl.load_workbook(plain, read_only=True).sheetnames[0] == "Ringkasan"
    csv_refused = run(
        office, "export", "csv", "--out", str(tmp_path / "x.csv"), "--password-file",
        str(password_file),
    )  # fmt: skip
    assert csv_refused.returncode == 1 and not (tmp_path / "x.csv").exists()
    short = tmp_path / "pendek.txt"
    short.write_text("abc\n", encoding="utf-8")
    weak = run(office, "export", "xlsx", "--out", str(tmp_path / "w.xlsx"), "--password-file",
               str(short))  # fmt: skip
    assert weak.returncode == 1 and "terlalu pendek" in weak.stderr
    assert not list(tmp_path.glob("w.xlsx*"))


@pytest.mark.skipif(not _has_libreoffice_uno(), reason="soffice or python3-uno is missing")
def test_libreoffice_opens_the_encrypted_xlsx_with_its_password(
    office: Path, tmp_path: Path
) -> None:
    password_file = tmp_path / "sandi.txt"
    password_file.write_text("Sandi-Kecamatan-77\n", encoding="utf-8")
    book = tmp_path / "data.xlsx"
    made = run(office, "export", "xlsx", "--out", str(book), "--password-file", str(password_file))
    assert made.returncode == 0, made.stderr
    with decrypted_xlsx(book, "Sandi-Kecamatan-77") as plain:
        workbook = openpyxl.load_workbook(plain, read_only=True)
        households = sum(1 for _ in workbook["Rumah Tangga"].iter_rows())
        workbook.close()

    def libreoffice(password: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [SYSTEM_PYTHON, str(LO_SCRIPT), str(book), password, str(tmp_path / "profil")],
            capture_output=True,
            text=True,
            timeout=180,
        )

    opened = libreoffice("Sandi-Kecamatan-77")
    assert opened.returncode == 0, opened.stdout + opened.stderr
    assert "SHEETS\tRingkasan\tRumah Tangga\tKunjungan\tPerlu SP Wawancara" in opened.stdout
    assert f"ROWS\tRumah Tangga\t{households}" in opened.stdout
    wrong = libreoffice("Sandi-Kecamatan-78")
    assert wrong.returncode == 3, wrong.stdout + wrong.stderr
