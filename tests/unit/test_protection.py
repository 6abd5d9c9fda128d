"""Password-protected files (documents/protection.py): the passwords, reading a password
file, the AES zip and the Excel-encrypted workbook, read back with the real libraries."""

from __future__ import annotations

import io
import os
import stat
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import pyzipper
from msoffcrypto.exceptions import InvalidKeyError
from msoffcrypto.format.ooxml import OOXMLFile

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.documents import protection
from sp_desktop.core.documents.protection import (
    PASSWORD_ALPHABET,
    check_password,
    decrypted_xlsx,
    encrypt_xlsx,
    generate_password,
    is_encrypted_office_file,
    is_encrypted_zip,
    read_password_file,
    write_aes_zip,
)

NIK = "5271014107850003"
PASSWORD = "Kantor-Ampenan-2020"


def test_a_generated_password_reads_over_the_telephone() -> None:
    made = {generate_password() for _ in range(200)}
    assert len(made) == 200
    for password in made:
        groups = password.split("-")
        assert [len(g) for g in groups] == [4] * 6
        assert all(ch in PASSWORD_ALPHABET for ch in "".join(groups))
        assert check_password(password) == password
    # No letters that read like digits (I, L, O) nor U: 32 symbols, 5 bits each.
    assert not set("ILOU") & set(PASSWORD_ALPHABET) and len(set(PASSWORD_ALPHABET)) == 32
    # Every symbol turns up: the choice is not stuck on a part of the alphabet.
    assert set("".join(made).replace("-", "")) == set(PASSWORD_ALPHABET)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Kantor-Ampenan-2020\n", PASSWORD),
        (b"Kantor-Ampenan-2020\r\nsecond line\r\n", PASSWORD),
        (b"\xef\xbb\xbfKantor-Ampenan-2020", PASSWORD),  # Notepad's UTF-8 BOM
        (b"sandi dengan spasi di tengah\n", "sandi dengan spasi di tengah"),
    ],
)
def test_the_first_line_of_a_password_file(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "sandi.txt"
    path.write_bytes(content)
    assert read_password_file(path) == expected


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "kosong"),
        (b"\n\nKantor-Ampenan-2020\n", "kosong"),
        (b"   \n", "kosong"),
        (b"x" * 2000, "terlalu besar"),
        (b"Qz9#xk\n", "terlalu pendek"),
        ("Kantor-Ampenan-2020-é\n".encode(), "huruf beraksen"),
        (b"\xff\xfeK\x00a\x00", "bukan teks"),
        (b" Kantor-Ampenan-2020\n", "spasi"),
        (b"K" * 200 + b"\n", "terlalu panjang"),
    ],
)
def test_a_wrong_password_file_is_refused_without_showing_it(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "sandi.txt"
    path.write_bytes(content)
    with pytest.raises(UserFacingError) as caught:
        read_password_file(path)
    text = str(caught.value)
    assert words in text
    first = content.split(b"\n")[0].strip()
    if len(first) >= 4:
        assert first.decode("utf-8", "replace") not in text


def test_a_missing_password_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="--password-file"):
        read_password_file(tmp_path / "tidak-ada.txt")


def _members(tmp_path: Path) -> list[tuple[str, Path]]:
    data = tmp_path / "isi"
    data.mkdir()
    (data / "a.csv").write_text(f"nik\n{NIK}\n" * 500, encoding="utf-8")
    (data / "b.txt").write_bytes(os.urandom(5000))
    return [("rumah-tangga.csv", data / "a.csv"), ("BACA-SAYA.txt", data / "b.txt")]


def test_the_aes_zip_opens_only_with_its_password(tmp_path: Path) -> None:
    members = _members(tmp_path)
    out = tmp_path / "paket.zip"
    assert write_aes_zip(out, members, PASSWORD) == out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["isi", "paket.zip"]  # no .partial
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes()
    assert NIK.encode() not in raw
    with zipfile.ZipFile(out) as plain_reader:
        infos = plain_reader.infolist()
        assert [i.filename for i in infos] == ["rumah-tangga.csv", "BACA-SAYA.txt"]
        assert all(i.flag_bits & 0x1 and i.compress_type == 99 for i in infos)  # 99: AES
        with pytest.raises(RuntimeError):
            plain_reader.read("rumah-tangga.csv")
    assert is_encrypted_zip(out)
    with pyzipper.AESZipFile(out) as reader:
        reader.setpassword(PASSWORD.encode())
        for name, source in members:
            assert reader.read(name) == source.read_bytes()
        # AE-2 with a 256-bit key: the extra field 0x9901 says strength 3.
        extra = reader.getinfo("BACA-SAYA.txt").extra
        at = extra.index(b"\x01\x99")
        assert extra[at + 8] == 3
    with pyzipper.AESZipFile(out) as reader:
        reader.setpassword(b"Kantor-Ampenan-2021")
        with pytest.raises(RuntimeError, match="password"):
            reader.read("rumah-tangga.csv")


def test_a_clear_zip_is_not_taken_for_a_protected_one(tmp_path: Path) -> None:
    out = tmp_path / "biasa.zip"
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "isi")
    assert not is_encrypted_zip(out)
    (tmp_path / "bukan.zip").write_bytes(b"bukan zip")
    assert not is_encrypted_zip(tmp_path / "bukan.zip")


def test_a_weak_password_writes_no_zip(tmp_path: Path) -> None:
    out = tmp_path / "paket.zip"
    with pytest.raises(UserFacingError, match="terlalu pendek"):
        write_aes_zip(out, _members(tmp_path), "pendek")
    assert not out.exists() and not list(tmp_path.glob("*.partial"))


def _plain_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Rumah Tangga"
    ws.append(["No", "NIK"])
    for number in range(1, 301):
        ws.append([number, NIK])
    wb.save(path)


def test_an_encrypted_workbook_opens_with_its_password_only(tmp_path: Path) -> None:
    plain = tmp_path / "polos.xlsx"
    _plain_workbook(plain)
    out = tmp_path / "data.xlsx"
    encrypt_xlsx(plain, out, PASSWORD)
    assert is_encrypted_office_file(out) and not is_encrypted_office_file(plain)
    assert NIK.encode() not in out.read_bytes()
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with open(out, "rb") as handle:
        office = OOXMLFile(handle)
        assert office.is_encrypted() and office.type == "agile"
    with decrypted_xlsx(out, PASSWORD) as workbook:
        ws = openpyxl.load_workbook(workbook, read_only=True)["Rumah Tangga"]
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0] == ("No", "NIK") and len(rows) == 301 and rows[300] == (300, NIK)
    with pytest.raises(InvalidKeyError), decrypted_xlsx(out, "Kantor-Ampenan-2021"):
        pass


def test_an_encrypted_stream_is_a_whole_workbook(tmp_path: Path) -> None:
    plain = tmp_path / "polos.xlsx"
    _plain_workbook(plain)
    out = io.BytesIO()
    with open(plain, "rb") as source:
        protection.encrypt_xlsx_stream(source, out, PASSWORD)
    assert out.getvalue().startswith(protection.OLE_MAGIC)


def test_a_target_folder_on_a_usb_disk_is_removable(tmp_path: Path) -> None:
    # A made-up sysfs: the device of tmp_path leads to a USB disk, then to a plain one.
    device = os.stat(tmp_path).st_dev
    sys_root = tmp_path / "sys"
    node = sys_root / "dev" / "block" / f"{os.major(device)}:{os.minor(device)}"
    node.parent.mkdir(parents=True)
    usb = sys_root / "devices" / "pci0000:00" / "usb2" / "2-1" / "block" / "sdb" / "sdb1"
    usb.mkdir(parents=True)
    node.symlink_to(usb)
    assert protection._is_removable_linux(tmp_path, sys_root)
    node.unlink()
    disk = sys_root / "devices" / "pci0000:00" / "ata1" / "block" / "sda"
    (disk / "sda1").mkdir(parents=True)
    (disk / "removable").write_text("0\n")
    node.symlink_to(disk / "sda1")
    assert not protection._is_removable_linux(tmp_path, sys_root)
    (disk / "removable").write_text("1\n")  # a card reader says 1
    assert protection._is_removable_linux(tmp_path, sys_root)
    # Not yet created: the nearest folder that exists counts (here, on the real sysfs).
    expected = protection._is_removable_linux(tmp_path)
    assert protection.is_removable(tmp_path / "belum" / "ada.zip") is expected


class _Kernel32:
    """Windows' GetDriveTypeW as the code calls it: a drive root in, a drive type out."""

    def __init__(self, types: dict[str, int]) -> None:
        self.types = types
        self.asked: list[str] = []

    def GetDriveTypeW(self, root: str) -> int:  # Windows' own name
        self.asked.append(root)
        return self.types.get(root, 1)  # 1: DRIVE_NO_ROOT_DIR


def test_on_windows_the_drive_type_tells_a_usb_stick(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes
    from types import SimpleNamespace

    kernel32 = _Kernel32({"E:\\": 2, "C:\\": 3})  # 2 removable, 3 fixed
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32), raising=False)
    assert protection._is_removable_windows(Path("E:\\kirim"))
    assert not protection._is_removable_windows(Path("C:\\Users\\posko1\\Documents"))
    assert not protection._is_removable_windows(Path("relatif"))  # no drive: not asked
    assert kernel32.asked == ["E:\\", "C:\\"]
