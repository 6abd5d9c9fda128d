"""Key slots: one random data key, wrapped once per account and once for the recovery sheet.

The database (SQLCipher) and attached files are encrypted with one random 256-bit data
key. That key is never stored in clear: `kunci.json` in the data folder holds it wrapped
(AES-256-GCM) under a key derived from each account's password (argon2id), and once more
under the recovery key printed on the recovery sheet. Any account's password therefore
opens the same data, and changing a password re-wraps only that account's slot.

A slot names its account by a salted hash of the NIP, not the NIP itself. Failed
attempts are counted per NIP hash in `percobaan-masuk.json`, which also queues them for
the audit trail (the trail lives inside the encrypted database, closed at that moment).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sp_desktop.core.base import clock
from sp_desktop.core.base.data_folder import KEYRING_FILENAME, missing_keyring
from sp_desktop.core.base.errors import KeyringError, UserFacingError, translate_sqlite_error
from sp_desktop.core.base.files import fsync_dir, replace_file
from sp_desktop.core.base.i18n import _

ATTEMPTS_FILENAME = "percobaan-masuk.json"
FORMAT = "sp-desktop-kunci"
VERSION = 1
DATA_KEY_BYTES = 32
# RFC 9106's second recommended setting: 64 MiB, 3 passes, 4 lanes. About 0.15 s here,
# well under the 1 s unlock budget on an old office PC, and costly to guess offline.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 4
# Failed attempts allowed before the wait starts; the wait doubles after each one.
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300
# Crockford's base32: no I, L, O, U, so a typed key survives misreadings.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_BYTES = 20  # 160 bits: 32 characters
PENDING_LIMIT = 1000


class WrongPasswordError(UserFacingError):
    """NIP, password or recovery key does not open any slot."""


class TooManyAttemptsError(UserFacingError):
    """Too many wrong passwords in a row: wait before trying again."""

    def __init__(self, wait_seconds: int, *, just_failed: bool = False) -> None:
        super().__init__(
            (
                _("NIP atau kata sandi salah, dan sudah terlalu sering.")
                if just_failed
                else _("Terlalu banyak percobaan masuk yang salah.")
            ),
            hint=_("Tunggu {wait_seconds} detik, lalu coba lagi dengan teliti.").format(
                wait_seconds=wait_seconds
            ),
        )
        self.wait_seconds = wait_seconds


def wrong_password() -> WrongPasswordError:
    # One message for an unknown NIP and a wrong password: do not tell which NIPs exist.
    return WrongPasswordError(
        _("NIP atau kata sandi salah."),
        hint=_("Periksa NIP dan kata sandi (huruf besar/kecil berbeda), lalu coba lagi."),
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def key_fingerprint(data_key: bytes) -> str:
    """A short, safe name of the data key (a one-way hash): shown to people, stored in backups."""
    digest = hmac.new(data_key, b"sp-desktop sidik kunci", hashlib.sha256).hexdigest()
    return f"{digest[:4]}-{digest[4:8]}-{digest[8:12]}".upper()


# -- recovery key --------------------------------------------------------------------------


def new_recovery_key() -> str:
    value = int.from_bytes(secrets.token_bytes(_RECOVERY_BYTES), "big")
    chars = []
    for _i in range(_RECOVERY_BYTES * 8 // 5):
        chars.append(_RECOVERY_ALPHABET[value & 31])
        value >>= 5
    text = "".join(reversed(chars))
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(text: str) -> str:
    """Accept what people type: spaces, lower case, O for 0, I/L for 1; raise if impossible."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(table)
    if len(cleaned) != _RECOVERY_BYTES * 8 // 5 or any(
        ch not in _RECOVERY_ALPHABET for ch in cleaned
    ):
        raise WrongPasswordError(
            _("Kunci pemulihan tidak lengkap atau salah ketik."),
            hint=_("Ketik ke-32 huruf dan angka dari lembar pemulihan (tanda '-' boleh dilewati)."),
        )
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


# -- key derivation and wrapping ------------------------------------------------------------


def _derive_password_key(password: str, kdf: dict[str, Any]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        password.encode("utf-8"),
        _unb64(kdf["salt"]),
        time_cost=int(kdf["t"]),
        memory_cost=int(kdf["m"]),
        parallelism=int(kdf["p"]),
        hash_len=32,
        type=Type.ID,
    )


def _derive_recovery_key(recovery_key: str, kdf: dict[str, Any]) -> bytes:
    # The recovery key carries 160 random bits: a fast KDF is enough, no stretching needed.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=_unb64(kdf["salt"]), info=b"sp-desktop pemulihan"
    ).derive(normalise_recovery_key(recovery_key).encode("ascii"))


def _argon2_params() -> dict[str, Any]:
    return {
        "name": "argon2id",
        "salt": _b64(secrets.token_bytes(16)),
        "t": ARGON2_TIME_COST,
        "m": ARGON2_MEMORY_KIB,
        "p": ARGON2_PARALLELISM,
    }


def _aad(slot: dict[str, Any]) -> bytes:
    # Binds the wrapped key to its slot: moving a wrapped key into another account's
    # slot (to borrow that account's role) fails to decrypt.
    return f"sp-desktop slot v1|{slot['id']}|{slot['kind']}|{slot['account_id']}".encode()


def _wrap(slot: dict[str, Any], kek: bytes, data_key: bytes) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    slot["nonce"] = _b64(nonce)
    slot["wrapped"] = _b64(AESGCM(kek).encrypt(nonce, data_key, _aad(slot)))
    slot["checksum"] = _slot_checksum(slot)


def _unwrap(slot: dict[str, Any], kek: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), _aad(slot))
    except InvalidTag:
        return None


def _slot_checksum(slot: dict[str, Any]) -> str:
    """Catches a damaged or hand-edited slot, so it is not reported as a wrong password."""
    body = {k: v for k, v in slot.items() if k != "checksum"}
    return hashlib.sha256(_canonical(body)).hexdigest()


# -- files ---------------------------------------------------------------------------------


def write_json_atomically(path: Path, data: Any) -> None:
    """Write, fsync, rename: after a power cut the file is the old one or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        replace_file(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and (friendly := translate_sqlite_error(exc)):
            raise friendly from exc
        raise
    fsync_dir(path.parent)  # the rename itself survives a power cut


def _damaged() -> KeyringError:
    return KeyringError(
        _("Berkas kunci (kunci.json) rusak atau telah diubah."),
        hint=_(
            "Jangan hapus apa pun. Pulihkan kunci.json dari cadangan, atau minta admin "
            "memakai lembar pemulihan."
        ),
    )


@dataclass
class Unlocked:
    """What a successful unlock gives: whose slot opened, and the data key."""

    account_id: str
    data_key: bytes = field(repr=False)


@dataclass
class Keyring:
    """The key slots of one installation (the file `kunci.json`)."""

    path: Path
    installation_id: str
    key_check: str
    slots: list[dict[str, Any]]
    salt: str

    # -- loading and saving --

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (Path(data_dir) / KEYRING_FILENAME).exists()

    @classmethod
    def load(cls, data_dir: Path) -> Keyring:
        return cls.from_file(Path(data_dir) / KEYRING_FILENAME)

    @classmethod
    def from_file(cls, path: Path) -> Keyring:
        try:
            raw = json.loads(path.read_bytes())
        except FileNotFoundError as exc:
            raise missing_keyring() from exc
        except (OSError, ValueError) as exc:
            raise _damaged() from exc
        return cls.from_json(path, raw)

    @classmethod
    def from_json(cls, path: Path, raw: Any) -> Keyring:
        try:
            if raw["format"] != FORMAT:
                raise _damaged()
            if raw["version"] > VERSION:
                raise KeyringError(
                    _("Berkas kunci dibuat oleh SP Desktop versi yang lebih baru."),
                    hint=_("Pasang versi terbaru SP Desktop."),
                )
            keyring = cls(
                path=path,
                installation_id=str(raw["installation_id"]),
                key_check=str(raw["key_check"]),
                slots=list(raw["slots"]),
                salt=str(raw["salt"]),
            )
            for slot in keyring.slots:
                for name in ("id", "kind", "account_id", "nonce", "wrapped", "checksum", "kdf"):
                    slot[name]
        except (KeyError, TypeError) as exc:
            raise _damaged() from exc
        return keyring

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "installation_id": self.installation_id,
            "key_check": self.key_check,
            "salt": self.salt,
            "slots": self.slots,
        }

    def save(self) -> None:
        write_json_atomically(self.path, self.to_json())

    # -- creating --

    @classmethod
    def create(cls, data_dir: Path, installation_id: str) -> tuple[Keyring, bytes, str]:
        """A new keyring with a fresh data key and its recovery slot (not yet saved).

        Returns (keyring, data key, recovery key). Add at least one account, then save().
        """
        data_key = new_data_key()
        keyring = cls(
            path=Path(data_dir) / KEYRING_FILENAME,
            installation_id=installation_id,
            key_check=key_fingerprint(data_key),
            slots=[],
            salt=_b64(secrets.token_bytes(16)),
        )
        recovery_key = keyring.set_recovery_key(data_key)
        return keyring, data_key, recovery_key

    def set_recovery_key(self, data_key: bytes) -> str:
        """Replace the recovery slot with one for a new recovery key (a new sheet)."""
        self._check_data_key(data_key)
        recovery_key = new_recovery_key()
        kdf = {"name": "hkdf-sha256", "salt": _b64(secrets.token_bytes(16))}
        slot = {"id": secrets.token_hex(8), "kind": "pemulihan", "account_id": "", "kdf": kdf}
        _wrap(slot, _derive_recovery_key(recovery_key, kdf), data_key)
        self.slots = [s for s in self.slots if s["kind"] != "pemulihan"] + [slot]
        return recovery_key

    def nip_tag(self, nip: str) -> str:
        digits = "".join(ch for ch in nip if ch.isdigit())
        return hashlib.sha256(_unb64(self.salt) + digits.encode()).hexdigest()

    def set_password(self, account_id: str, nip: str, password: str, data_key: bytes) -> None:
        """Add the account's slot, or replace it (a password change). Call save() after."""
        self._check_data_key(data_key)
        kdf = _argon2_params()
        slot = {
            "id": secrets.token_hex(8),
            "kind": "akun",
            "account_id": account_id,
            "tag": self.nip_tag(nip),
            "kdf": kdf,
        }
        _wrap(slot, _derive_password_key(password, kdf), data_key)
        self.slots = [s for s in self.slots if s["account_id"] != account_id] + [slot]

    def remove_account(self, account_id: str) -> None:
        self.slots = [s for s in self.slots if s["account_id"] != account_id or not account_id]

    def has_account(self, account_id: str) -> bool:
        return any(s["account_id"] == account_id for s in self.slots)

    def _check_data_key(self, data_key: bytes) -> None:
        if key_fingerprint(data_key) != self.key_check:
            raise KeyringError(
                _("Kunci data tidak cocok dengan berkas kunci instalasi ini."),
                hint=_("Pastikan berkas kunci dan data berasal dari instalasi yang sama."),
            )

    # -- opening --

    def unlock(self, nip: str, password: str, *, now: datetime | None = None) -> Unlocked:
        """The data key, if this NIP's password opens its slot.

        Raises TooManyAttemptsError while a wait is running, WrongPasswordError (counted)
        for an unknown NIP or a wrong password, KeyringError for a damaged slot.
        """
        attempts = LoginAttempts(self.path.parent)
        tag = self.nip_tag(nip)
        attempts.check_wait(tag, now=now)
        for slot in self.slots:
            if slot["kind"] != "akun" or not hmac.compare_digest(slot.get("tag", ""), tag):
                continue
            if _slot_checksum(slot) != slot["checksum"]:
                raise _damaged()
            data_key = _unwrap(slot, _derive_password_key(password, slot["kdf"]))
            if data_key is not None:
                self._check_opened(data_key)
                attempts.succeeded(tag)
                return Unlocked(slot["account_id"], data_key)
            break
        else:
            # Same cost for an unknown NIP, so timing does not tell which NIPs exist.
            _derive_password_key(password, _argon2_params())
        failures = attempts.failed(tag, now=now)
        if wait := attempts.wait_after(failures):
            raise TooManyAttemptsError(wait, just_failed=True)
        raise wrong_password()

    def check_password(self, account_id: str, password: str) -> bytes | None:
        """The data key if `password` is this account's (for the lock screen), else None."""
        for slot in self.slots:
            if slot["kind"] == "akun" and slot["account_id"] == account_id:
                if _slot_checksum(slot) != slot["checksum"]:
                    raise _damaged()
                return _unwrap(slot, _derive_password_key(password, slot["kdf"]))
        return None

    def unlock_recovery(self, recovery_key: str) -> bytes:
        normalised = normalise_recovery_key(recovery_key)
        for slot in self.slots:
            if slot["kind"] != "pemulihan":
                continue
            if _slot_checksum(slot) != slot["checksum"]:
                raise _damaged()
            data_key = _unwrap(slot, _derive_recovery_key(normalised, slot["kdf"]))
            if data_key is not None:
                self._check_opened(data_key)
                return data_key
        raise WrongPasswordError(
            _("Kunci pemulihan ini tidak membuka data ini."),
            hint=_(
                "Periksa ketikan Anda dan pastikan lembarnya untuk instalasi ini (nomor instalasi "
                "{value}…)."
            ).format(value=self.installation_id[:8]),
        )

    def _check_opened(self, data_key: bytes) -> None:
        if key_fingerprint(data_key) != self.key_check:
            raise _damaged()


class LoginAttempts:
    """Failed attempts per NIP hash (for growing waits) and a queue for the audit trail."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / ATTEMPTS_FILENAME

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_bytes())
            if isinstance(data, dict):
                data.setdefault("by_tag", {})
                data.setdefault("pending", [])
                return data
        except (OSError, ValueError):
            pass
        return {"by_tag": {}, "pending": []}

    def _save(self, data: dict[str, Any]) -> None:
        # Best effort: a full disk must not stop someone from logging in.
        with contextlib.suppress(OSError, UserFacingError):
            write_json_atomically(self.path, data)

    @staticmethod
    def wait_after(failures: int) -> int:
        if failures < FREE_ATTEMPTS:
            return 0
        # A shift, not 2 ** n: the exponent is at least 1 here, and int ** int is typed Any.
        return min(MAX_WAIT_SECONDS, 1 << (failures - FREE_ATTEMPTS + 1))

    def check_wait(self, tag: str, *, now: datetime | None = None) -> None:
        entry = self._load()["by_tag"].get(tag)
        if not entry:
            return
        now = now or clock.utc_now()
        until = datetime.fromisoformat(entry["last"]) + timedelta(
            seconds=self.wait_after(int(entry["failures"]))
        )
        if now < until:
            raise TooManyAttemptsError(max(1, int((until - now).total_seconds() + 0.999)))

    def failed(self, tag: str, *, now: datetime | None = None) -> int:
        """Count a failed attempt; returns how many in a row now."""
        now = now or clock.utc_now()
        data = self._load()
        entry = data["by_tag"].setdefault(tag, {"failures": 0})
        entry["failures"] = int(entry["failures"]) + 1
        entry["last"] = now.isoformat()
        data["pending"] = [*data["pending"], {"tag": tag, "at": now.isoformat()}][-PENDING_LIMIT:]
        self._save(data)
        return int(entry["failures"])

    def succeeded(self, tag: str) -> None:
        data = self._load()
        if data["by_tag"].pop(tag, None) is not None:
            self._save(data)

    def pending(self) -> list[dict[str, str]]:
        """Failed attempts not yet written to the audit trail (oldest first)."""
        return list(self._load()["pending"])

    def clear_pending(self, count: int) -> None:
        data = self._load()
        data["pending"] = data["pending"][count:]
        self._save(data)
