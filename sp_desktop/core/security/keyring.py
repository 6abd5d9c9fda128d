"""Key slots: one random data key, wrapped once per account and once for the recovery sheet.

The database (SQLCipher) and attached files are encrypted with one random 256-bit data
key. That key is never stored in clear: `kunci.json` in the data folder holds it wrapped
(AES-256-GCM) under a key derived from each account's password (argon2id), and once more
under the recovery key printed on the recovery sheet. Any account's password therefore
opens the same data, and changing a password re-wraps only that account's slot.

A slot names its account by a salted hash of the NIP, not the NIP itself. Failed
attempts are counted per NIP hash in `percobaan-masuk.json`, which also queues them for
the audit trail (the trail lives inside the encrypted database, closed at that moment).

Version 2 slots wrap more than the data key (see `SlotPayload`): the account's own age
identity (X25519) and the anchor, the public keys its grant must verify against. The
keys of the higher tiers (`kantor` for coordinators and admins, `admin` for admins) sit
beside the slot, age-encrypted to that account's recipient: the data key lets every
account open the database, but only a slot whose identity opens a tier reaches what that
tier's key protects (the office's private keys). Anyone may seal a tier to an account's
public recipient, so an admin can promote someone without knowing their password.
"""

from __future__ import annotations

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
from sp_desktop.core.base.encoding import b64, canonical_ascii, unb64
from sp_desktop.core.base.errors import KeyringError, UserFacingError, translate_sqlite_error
from sp_desktop.core.base.files import fsync_dir, replace_file
from sp_desktop.core.base.i18n import _
from sp_desktop.core.trust.sealed import new_identity, open_blob, recipient_of, seal

ATTEMPTS_FILENAME = "percobaan-masuk.json"
FORMAT = "sp-desktop-kunci"
VERSION = 2
# A slot's `payload`: 1 wraps the bare data key, 2 wraps a SlotPayload (JSON).
PAYLOAD_VERSION = 2
# The tiers a slot may hold, lowest first.
TIER_OFFICE = "kantor"
TIER_ADMIN = "admin"
TIERS = (TIER_OFFICE, TIER_ADMIN)
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
        unb64(kdf["salt"]),
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
        algorithm=hashes.SHA256(), length=32, salt=unb64(kdf["salt"]), info=b"sp-desktop pemulihan"
    ).derive(normalise_recovery_key(recovery_key).encode("ascii"))


def _argon2_params() -> dict[str, Any]:
    return {
        "name": "argon2id",
        "salt": b64(secrets.token_bytes(16)),
        "t": ARGON2_TIME_COST,
        "m": ARGON2_MEMORY_KIB,
        "p": ARGON2_PARALLELISM,
    }


def _aad(slot: dict[str, Any]) -> bytes:
    # Binds the wrapped key to its slot: moving a wrapped key into another account's
    # slot (to borrow that account's role) fails to decrypt.
    return f"sp-desktop slot v1|{slot['id']}|{slot['kind']}|{slot['account_id']}".encode()


def _wrap(slot: dict[str, Any], kek: bytes, payload: bytes) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    slot["nonce"] = b64(nonce)
    slot["wrapped"] = b64(AESGCM(kek).encrypt(nonce, payload, _aad(slot)))
    slot["checksum"] = _slot_checksum(slot)


def _unwrap(slot: dict[str, Any], kek: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(unb64(slot["nonce"]), unb64(slot["wrapped"]), _aad(slot))
    except InvalidTag:
        return None


def _slot_checksum(slot: dict[str, Any]) -> str:
    """Catches a damaged or hand-edited slot, so it is not reported as a wrong password."""
    body = {k: v for k, v in slot.items() if k != "checksum"}
    return hashlib.sha256(canonical_ascii(body)).hexdigest()


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


# -- identities and tiers (age, X25519) ------------------------------------------------------


def seal_to(recipient: str, data: bytes) -> str:
    """`data` age-encrypted to one recipient, as base64 text for a JSON file."""
    return b64(seal(data, [recipient]))


def open_sealed(identity: str, sealed: str) -> bytes | None:
    """What seal_to sealed, if `identity` is its recipient; None otherwise (also when the
    text is damaged: a tier that does not open is reported as missing)."""
    try:
        return open_blob(unb64(sealed), [identity])
    except ValueError:  # not base64, or DamagedSeal
        return None


@dataclass(frozen=True)
class SlotPayload:
    """What a version-2 slot wraps under its password (or recovery) key.

    `anchor` holds the public keys (base64) this account's app checks grants and the
    office's published keys against: `akar` (the admin key that signs roles) and `kantor`
    (the office signing key). A lower role can rewrite the database, but not another
    account's slot, so every other account still checks against the true anchor.
    """

    data_key: bytes = field(repr=False)
    identity: str = field(default="", repr=False)
    anchor: dict[str, str] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return canonical_ascii(
            {
                "v": PAYLOAD_VERSION,
                "kunci_data": b64(self.data_key),
                "identitas": self.identity,
                "jangkar": self.anchor,
            }
        )

    @classmethod
    def from_bytes(cls, raw: bytes, version: int) -> SlotPayload:
        if version < PAYLOAD_VERSION:
            return cls(raw)
        try:
            data = json.loads(raw)
            anchor = {str(k): str(v) for k, v in dict(data["jangkar"]).items()}
            return cls(unb64(data["kunci_data"]), str(data["identitas"]), anchor)
        except (KeyError, TypeError, ValueError) as exc:
            raise _damaged() from exc


@dataclass
class Unlocked:
    """What a successful unlock gives: whose slot opened, its keys and the tiers it opened."""

    account_id: str
    data_key: bytes = field(repr=False)
    identity: str = field(default="", repr=False)
    anchor: dict[str, str] = field(default_factory=dict)
    tiers: dict[str, bytes] = field(default_factory=dict, repr=False)


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
    def create(
        cls,
        data_dir: Path,
        installation_id: str,
        *,
        anchor: dict[str, str] | None = None,
        tiers: dict[str, bytes] | None = None,
    ) -> tuple[Keyring, bytes, str]:
        """A new keyring with a fresh data key and its recovery slot (not yet saved).

        The recovery slot gets `anchor` and `tiers` (the sheet stands in for an admin).
        Returns (keyring, data key, recovery key). Add at least one account, then save().
        """
        data_key = new_data_key()
        keyring = cls(
            path=Path(data_dir) / KEYRING_FILENAME,
            installation_id=installation_id,
            key_check=key_fingerprint(data_key),
            slots=[],
            salt=b64(secrets.token_bytes(16)),
        )
        recovery_key = keyring.set_recovery_key(data_key, anchor=anchor, tiers=tiers)
        return keyring, data_key, recovery_key

    def set_recovery_key(
        self,
        data_key: bytes,
        *,
        anchor: dict[str, str] | None = None,
        tiers: dict[str, bytes] | None = None,
    ) -> str:
        """Replace the recovery slot with one for a new recovery key (a new sheet)."""
        self._check_data_key(data_key)
        recovery_key = new_recovery_key()
        kdf = {"name": "hkdf-sha256", "salt": b64(secrets.token_bytes(16))}
        identity = new_identity()
        slot = {
            "id": secrets.token_hex(8),
            "kind": "pemulihan",
            "account_id": "",
            "kdf": kdf,
            "payload": PAYLOAD_VERSION,
            "recipient": recipient_of(identity),
            "tiers": {},
        }
        payload = SlotPayload(data_key, identity, dict(anchor or {}))
        self._seal_tiers(slot, tiers or {})
        _wrap(slot, _derive_recovery_key(recovery_key, kdf), payload.to_bytes())
        self.slots = [s for s in self.slots if s["kind"] != "pemulihan"] + [slot]
        return recovery_key

    def nip_tag(self, nip: str) -> str:
        digits = "".join(ch for ch in nip if ch.isdigit())
        return hashlib.sha256(unb64(self.salt) + digits.encode()).hexdigest()

    def set_password(
        self,
        account_id: str,
        nip: str,
        password: str,
        data_key: bytes,
        *,
        identity: str = "",
        anchor: dict[str, str] | None = None,
    ) -> str:
        """Add the account's slot, or replace it (a password change). Call save() after.

        `identity` is the account's own age identity when its owner changes the password;
        without it (a new account, or someone else setting the password) a new one is made
        and the tiers sealed to the old one are dropped: deliver them again. Returns the
        slot's recipient.
        """
        self._check_data_key(data_key)
        old = self.slot_of(account_id)
        identity = identity or new_identity()
        recipient = recipient_of(identity)
        kdf = _argon2_params()
        slot: dict[str, Any] = {
            "id": secrets.token_hex(8),
            "kind": "akun",
            "account_id": account_id,
            "tag": self.nip_tag(nip),
            "kdf": kdf,
            "payload": PAYLOAD_VERSION,
            "recipient": recipient,
            "tiers": dict(old["tiers"]) if old and old.get("recipient") == recipient else {},
        }
        payload = SlotPayload(data_key, identity, dict(anchor or {}))
        _wrap(slot, _derive_password_key(password, kdf), payload.to_bytes())
        self.slots = [s for s in self.slots if s["account_id"] != account_id] + [slot]
        return recipient

    def slot_of(self, account_id: str) -> dict[str, Any] | None:
        """The account's slot ('' = the recovery slot)."""
        kind = "akun" if account_id else "pemulihan"
        return next(
            (s for s in self.slots if s["kind"] == kind and s["account_id"] == account_id), None
        )

    def recipient(self, account_id: str) -> str:
        """The age recipient of an account's slot ('' = recovery), or '' for a version-1 slot."""
        slot = self.slot_of(account_id)
        return str(slot.get("recipient", "")) if slot else ""

    def tiers_of(self, account_id: str) -> set[str]:
        slot = self.slot_of(account_id)
        return set(slot.get("tiers", {})) if slot else set()

    def deliver(self, account_id: str, tiers: dict[str, bytes]) -> bool:
        """Seal exactly these tier keys to the slot's recipient ({} takes them all away).

        False when the slot has no recipient yet (a version-1 slot, upgraded at its owner's
        next sign-in). Call save() after.
        """
        slot = self.slot_of(account_id)
        if slot is None or not slot.get("recipient"):
            return False
        self._seal_tiers(slot, tiers)
        slot["checksum"] = _slot_checksum(slot)
        return True

    @staticmethod
    def _seal_tiers(slot: dict[str, Any], tiers: dict[str, bytes]) -> None:
        slot["tiers"] = {
            name: seal_to(slot["recipient"], key) for name, key in sorted(tiers.items())
        }

    def verify_checksums(self) -> bool:
        """False when any slot was damaged or edited by hand."""
        return all(_slot_checksum(s) == s["checksum"] for s in self.slots)

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

    def _opened(self, slot: dict[str, Any], raw: bytes) -> Unlocked:
        payload = SlotPayload.from_bytes(raw, int(slot.get("payload", 1)))
        self._check_opened(payload.data_key)
        tiers: dict[str, bytes] = {}
        if payload.identity:
            for name, sealed in dict(slot.get("tiers", {})).items():
                key = open_sealed(payload.identity, str(sealed))
                if key is not None and name in TIERS:
                    tiers[name] = key
        return Unlocked(
            slot["account_id"], payload.data_key, payload.identity, payload.anchor, tiers
        )

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
            raw = _unwrap(slot, _derive_password_key(password, slot["kdf"]))
            if raw is not None:
                unlocked = self._opened(slot, raw)
                attempts.succeeded(tag)
                return unlocked
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
        opened = self.open_account(account_id, password)
        return opened.data_key if opened else None

    def open_account(self, account_id: str, password: str) -> Unlocked | None:
        """The account's slot opened with `password`, or None if it is not theirs."""
        slot = self.slot_of(account_id)
        if slot is None or not account_id:
            return None
        if _slot_checksum(slot) != slot["checksum"]:
            raise _damaged()
        raw = _unwrap(slot, _derive_password_key(password, slot["kdf"]))
        return self._opened(slot, raw) if raw is not None else None

    def unlock_recovery(self, recovery_key: str) -> bytes:
        return self.open_recovery(recovery_key).data_key

    def open_recovery(self, recovery_key: str) -> Unlocked:
        """The recovery slot opened with the sheet's key (its tiers stand in for an admin's)."""
        normalised = normalise_recovery_key(recovery_key)
        for slot in self.slots:
            if slot["kind"] != "pemulihan":
                continue
            if _slot_checksum(slot) != slot["checksum"]:
                raise _damaged()
            raw = _unwrap(slot, _derive_recovery_key(normalised, slot["kdf"]))
            if raw is not None:
                return self._opened(slot, raw)
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
