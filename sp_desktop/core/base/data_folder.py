"""What the data folder says before anyone signs in: where it is, whether it is set up,
and the office's name for the login screen.

The window reads this before the login dialog shows, so it imports nothing heavier than
the standard library: the storage, the keyring and the cryptography load only once the
dialog is up (see sp_desktop/ui/shell/app.py).
"""

from __future__ import annotations

import contextlib
import json
import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from sp_desktop.core.base.i18n import _

if TYPE_CHECKING:
    from platformdirs.api import PlatformDirsABC

DB_FILENAME = "sp-desktop.sqlite3"
KEYRING_FILENAME = "kunci.json"
SQLITE_HEADER = b"SQLite format 3\x00"
# Written by the Windows installer into the folder all Windows accounts of a PC share.
SHARED_FOLDER_MARKER = "folder-bersama.txt"
# The office's name, in clear, for the login screen: the database that holds it is
# encrypted until someone signs in. Not personal data; rewritten after every login.
OFFICE_FILENAME = "kantor.json"
OFFICE_NAME_MAX = 200


class State(Enum):
    NEW = "baru"  # nothing here yet
    UNENCRYPTED = "belum_terenkripsi"  # data from before encryption: set-up encrypts it
    READY = "siap"


def default_data_dir() -> Path:
    """SP_DESKTOP_DATA_DIR if set, else the shared folder if marked, else the user's."""
    env = os.environ.get("SP_DESKTOP_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return choose_data_dir(platformdirs.PlatformDirs("sp-desktop", appauthor=False))


def choose_data_dir(dirs: PlatformDirsABC) -> Path:
    """The site-wide data folder (C:\\ProgramData\\sp-desktop, /usr/local/share/sp-desktop)
    when it holds SHARED_FOLDER_MARKER, else the per-user one (%LOCALAPPDATA%\\sp-desktop,
    ~/.local/share/sp-desktop).

    The marker decides, not the folder's existence: other software, an old uninstall or
    a curious admin can leave an empty ProgramData folder behind, and silently moving
    every account to it would make their data look gone. Only the installer writes the
    marker, when the office chose one data folder for all Windows accounts of the PC;
    deleting it sends every account back to its own folder (data in either is kept).
    """
    shared = dirs.site_data_path
    if (shared / SHARED_FOLDER_MARKER).is_file():
        return shared
    return dirs.user_data_path


def is_plaintext_database(path: Path) -> bool:
    """An unencrypted SQLite file starts with a fixed header; a SQLCipher one looks random."""
    try:
        with open(path, "rb") as f:
            return f.read(16) == SQLITE_HEADER
    except OSError:
        return False


def state(data_dir: Path) -> State:
    data_dir = Path(data_dir)
    db = data_dir / DB_FILENAME
    has_db = db.exists() and db.stat().st_size > 0
    if has_db and is_plaintext_database(db):
        return State.UNENCRYPTED
    if (data_dir / KEYRING_FILENAME).exists():
        return State.READY
    if has_db:
        # Encrypted data without its key file: never start afresh over it.
        raise missing_keyring()
    return State.NEW


def missing_keyring() -> Exception:
    """The message for encrypted data whose key file (kunci.json) is gone."""
    from sp_desktop.core.base.errors import KeyringError

    return KeyringError(
        _("Berkas kunci (kunci.json) tidak ada di folder data."),
        hint=_(
            "Kembalikan kunci.json dari cadangan, atau pulihkan seluruh data dari "
            "berkas cadangan SP Desktop."
        ),
    )


def office_name(data_dir: Path) -> str:
    """The office's name as last seen after a login here; "" if not known (yet)."""
    try:
        raw = json.loads((Path(data_dir) / OFFICE_FILENAME).read_text(encoding="utf-8"))
        name = raw["kantor"]
    except (OSError, ValueError, TypeError, KeyError):
        return ""  # missing or damaged: the login screen shows the app's name alone
    return " ".join(name.split())[:OFFICE_NAME_MAX] if isinstance(name, str) else ""


def remember_office_name(data_dir: Path, name: str) -> None:
    """Keep a clear copy of the office's name for the next login screen (only if it
    changed). A failure to write costs only the name on the login screen."""
    name = " ".join(name.split())[:OFFICE_NAME_MAX]
    if office_name(data_dir) == name:
        return
    path = Path(data_dir) / OFFICE_FILENAME
    partial = path.with_name(path.name + ".baru")
    try:
        partial.write_text(json.dumps({"kantor": name}, ensure_ascii=False), encoding="utf-8")
        # Imported here: files pulls in sqlcipher, already loaded once someone signed in.
        from sp_desktop.core.base.files import replace_retrying

        replace_retrying(partial, path, delays=(0.05, 0.1, 0.2))  # only the name is at stake
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


# The language each account chose, and the PC's own (chosen at set-up, shown on the login
# screen): in clear, because the login screen speaks before anyone signs in. Account ids
# are random; no NIP and no name is kept here.
LANGUAGE_FILENAME = "bahasa.json"
_LANGUAGE_FILE_MAX = 64 * 1024
_PC_KEY = "pc"


def _language_choices(data_dir: Path) -> dict[str, str]:
    path = Path(data_dir) / LANGUAGE_FILENAME
    try:
        with path.open("rb") as handle:
            raw = json.loads(handle.read(_LANGUAGE_FILE_MAX + 1)[:_LANGUAGE_FILE_MAX])
    except (OSError, ValueError):
        return {}  # missing or damaged: the next source decides (see i18n.choose_language)
    if not isinstance(raw, dict):
        return {}
    return {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}


def chosen_language(data_dir: Path, account_id: str | None = None) -> str | None:
    """The account's own language if it chose one, else the PC's; None when neither did."""
    choices = _language_choices(data_dir)
    if account_id and account_id in choices:
        return choices[account_id]
    return choices.get(_PC_KEY)


def remember_language(data_dir: Path, code: str, account_id: str | None = None) -> None:
    """Keep `code` as the account's language (or, with no account, the PC's)."""
    choices = _language_choices(data_dir)
    key = account_id or _PC_KEY
    if choices.get(key) == code:
        return
    choices[key] = code
    path = Path(data_dir) / LANGUAGE_FILENAME
    partial = path.with_name(path.name + ".baru")
    try:
        partial.write_text(json.dumps(choices, ensure_ascii=False), encoding="utf-8")
        from sp_desktop.core.base.files import replace_retrying

        replace_retrying(partial, path, delays=(0.05, 0.1, 0.2))  # only a preference
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
