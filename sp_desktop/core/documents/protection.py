"""Files that open only with a password, in the tools offices have.

A handover zip is AES-256 (WinZip AE-2, written by pyzipper: 7-Zip and WinRAR open it); a
workbook is Excel-encrypted (ECMA-376 agile encryption, written by msoffcrypto-tool:
Excel and LibreOffice ask for the password). The password travels apart from the file,
by telephone or in person, so a generated one is made to be read aloud.

Also here: reading a password from a file (the command line never takes one as an
argument, where other users of the PC would see it in the process list) and telling
whether a target folder sits on a removable drive (a USB stick), where an unprotected
file with full numbers deserves a warning.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import sys
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.files import write_atomically
from sp_desktop.core.base.i18n import _

# Crockford's base32 (as the recovery key): no I, L, O, U, so a password read over the
# telephone survives misreadings. 6 groups of 4 characters of 5 bits: 120 bits.
PASSWORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PASSWORD_GROUPS = 6
PASSWORD_GROUP_LENGTH = 4
# A password someone types: long enough not to be guessed offline in a day, short enough
# for Excel (255) and every zip tool.
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128
# A password file holds one line; anything bigger is the wrong file.
MAX_PASSWORD_FILE_BYTES = 1024
# Bytes at the start of an OLE compound file: an encrypted Office document.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def generate_password() -> str:
    """A fresh password like `7KQ2-M9XD-...`: 6 groups of 4, 120 bits from `secrets`."""
    length = PASSWORD_GROUPS * PASSWORD_GROUP_LENGTH
    chars = [secrets.choice(PASSWORD_ALPHABET) for _position in range(length)]
    groups = [
        "".join(chars[i : i + PASSWORD_GROUP_LENGTH])
        for i in range(0, len(chars), PASSWORD_GROUP_LENGTH)
    ]
    return "-".join(groups)


def check_password(password: str) -> str:
    """The password itself when a zip tool and Excel will both take it, else a
    UserFacingError (which never repeats the password).

    Printable ASCII only: zip tools differ on how they encode other characters (7-Zip
    UTF-8, older WinRAR the system code page), and a recipient who cannot open the file
    with the right password would be stuck.
    """
    if not password:
        raise UserFacingError(
            _("Sandi kosong."),
            hint=_("Ketik sandi, atau biarkan SP Desktop membuatkannya."),
        )
    if any(not (" " <= ch <= "~") for ch in password):
        raise UserFacingError(
            _("Sandi hanya boleh berisi huruf, angka, spasi, dan tanda baca biasa."),
            hint=_("Jangan pakai huruf beraksen, emoji, atau tab. Ketik sandi lain."),
        )
    if password != password.strip():
        raise UserFacingError(
            _("Sandi tidak boleh diawali atau diakhiri spasi."),
            hint=_("Hapus spasi di awal dan di akhir sandi."),
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFacingError(
            _("Sandi terlalu pendek: paling sedikit {n} karakter.").format(n=MIN_PASSWORD_LENGTH),
            hint=_("Pakai sandi yang lebih panjang, atau biarkan SP Desktop membuatkannya."),
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserFacingError(
            _("Sandi terlalu panjang: paling banyak {n} karakter.").format(n=MAX_PASSWORD_LENGTH),
            hint=_("Pakai sandi yang lebih pendek."),
        )
    return password


def read_password_file(path: Path) -> str:
    """The first line of `path`, without its line end (and without a UTF-8 BOM, which
    Notepad writes), checked by `check_password`."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PASSWORD_FILE_BYTES + 1)
    except OSError as exc:
        raise UserFacingError(
            _("Berkas sandi tidak bisa dibaca."),
            hint=_("Periksa nama berkas sandi (--password-file) dan izin bacanya."),
        ) from exc
    if len(data) > MAX_PASSWORD_FILE_BYTES:
        raise UserFacingError(
            _("Berkas sandi terlalu besar (lebih dari {n} bita): ini bukan berkas sandi.").format(
                n=MAX_PASSWORD_FILE_BYTES
            ),
            hint=_("Berkas sandi berisi satu baris saja: sandinya."),
        )
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserFacingError(
            _("Berkas sandi bukan teks biasa."),
            hint=_("Simpan sandinya sebagai teks biasa (UTF-8) dalam satu baris."),
        ) from exc
    lines = text.splitlines()
    line = lines[0] if lines else ""
    if not line.strip():
        raise UserFacingError(
            _("Berkas sandi kosong: baris pertamanya tidak berisi sandi."),
            hint=_("Tulis sandinya di baris pertama berkas itu, lalu coba lagi."),
        )
    return check_password(line)


# -- AES zip --------------------------------------------------------------------------------


def write_aes_zip(out: Path, members: Sequence[tuple[str, Path]], password: str) -> Path:
    """Write `members` ((name in the zip, file on disk), in order) into an AES-256 zip at
    `out`, atomically and owner-only (see `write_atomically`). The names are stored in
    clear, as every zip does: callers choose names that tell nothing."""
    import pyzipper

    secret = check_password(password).encode("ascii")

    def render(stream: IO[bytes]) -> None:
        with pyzipper.AESZipFile(
            stream, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
        ) as archive:
            archive.setpassword(secret)
            archive.setencryption(pyzipper.WZ_AES, nbits=256)
            for name, source in members:
                archive.write(source, arcname=name)

    return write_atomically(Path(out), render)


def is_encrypted_zip(path: Path) -> bool:
    """Whether any member of the zip at `path` is encrypted (AES or the old ZipCrypto)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(info.flag_bits & 0x1 for info in archive.infolist())
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return False


def open_aes_zip(path: Path, password: str) -> Any:
    """A pyzipper reader for an encrypted zip, with `password` set; the caller checks the
    members' extents and closes it. A wrong password shows when a member is read
    (`RuntimeError`, see `is_bad_password`)."""
    import pyzipper

    archive = pyzipper.AESZipFile(path)
    archive.setpassword(password.encode("utf-8"))
    return archive


def is_bad_password(exc: BaseException) -> bool:
    """Whether a read from `open_aes_zip` failed on the password (pyzipper says so only in
    the text of a RuntimeError)."""
    return isinstance(exc, RuntimeError) and "password" in str(exc).lower()


# -- encrypted workbook ---------------------------------------------------------------------


def encrypt_xlsx_stream(plain: IO[bytes], out: IO[bytes], password: str) -> None:
    """ECMA-376 agile encryption (AES-256, SHA-512, 100,000 rounds) of the workbook read
    from `plain` into `out`. msoffcrypto reads `plain` in 4 KiB pieces and builds the
    encrypted container in memory: about three times the workbook's size, briefly."""
    from msoffcrypto.format.ooxml import OOXMLFile

    secret = check_password(password)
    plain.seek(0)
    OOXMLFile(plain).encrypt(secret, out)


def encrypt_xlsx(plain_path: Path, out_path: Path, password: str) -> Path:
    """Encrypt the workbook at `plain_path` into `out_path` (atomically, owner-only)."""
    check_password(password)
    with open(plain_path, "rb") as plain:
        return write_atomically(
            Path(out_path), lambda out: encrypt_xlsx_stream(plain, out, password)
        )


def is_encrypted_office_file(path: Path) -> bool:
    """Whether `path` starts like an encrypted Office document (an OLE container), not a
    plain XLSX (a zip)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(OLE_MAGIC)) == OLE_MAGIC
    except OSError:
        return False


@contextlib.contextmanager
def decrypted_xlsx(path: Path, password: str) -> Iterator[io.BytesIO]:
    """The plain workbook inside an encrypted one, in memory (for checks and tests)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO()
    with open(path, "rb") as handle:
        office = OOXMLFile(handle)
        office.load_key(password=password, verify_password=True)
        office.decrypt(plain)
    plain.seek(0)
    try:
        yield plain
    finally:
        plain.close()


# -- removable drives -----------------------------------------------------------------------


def _existing(path: Path) -> Path:
    path = Path(path).absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def is_removable(path: Path) -> bool:
    """Whether `path` (or the folder it would be created in) is on a removable drive: a USB
    stick or a memory card. False when that cannot be told."""
    try:
        if sys.platform == "win32":
            return _is_removable_windows(_existing(path))
        if sys.platform.startswith("linux"):
            return _is_removable_linux(_existing(path))
    except (OSError, ValueError, AttributeError):
        return False
    return False


def _is_removable_windows(path: Path) -> bool:
    import ctypes
    import ntpath  # Windows' path rules on any platform, so this runs in the tests too

    drive = ntpath.splitdrive(str(path))[0]
    if not drive:
        return False
    root = drive + "\\"
    # GetDriveTypeW: 2 is DRIVE_REMOVABLE (USB sticks, memory cards).
    kernel32: Any = getattr(ctypes, "windll").kernel32  # noqa: B009 (Windows only)
    return int(kernel32.GetDriveTypeW(root)) == 2


def _is_removable_linux(path: Path, sys_root: Path = Path("/sys")) -> bool:
    """Through sysfs: the block device holding `path`, its disk's `removable` flag, or a
    disk attached by USB (USB hard disks say removable=0 but travel all the same)."""
    device = os.stat(path).st_dev
    node = sys_root / "dev" / "block" / f"{os.major(device)}:{os.minor(device)}"
    if not node.exists():
        return False
    real = node.resolve()
    if "/usb" in str(real):
        return True
    for folder in (real, real.parent):
        flag = folder / "removable"
        if flag.is_file():
            return flag.read_text(encoding="ascii").strip() == "1"
    return False
