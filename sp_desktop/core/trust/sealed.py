"""Data sealed to age X25519 recipients (age-encryption.org/v1, through pyrage).

One construction for everything sealed to a person or a role: an account's own key pair
(keyring.py), the office's "numbers" key pair (office_keys.py), and the proof files
inside the database (storage/proofs.py). Sealing needs only the recipients' public halves,
so an account can write what it cannot read back; opening needs one of the identities.
"""

from __future__ import annotations

from collections.abc import Iterable

from sp_desktop.core.base.encoding import b64, unb64

# Every binary age file starts with this line; no proof file format we accept does
# (proofs.check_proof takes PDF, JPEG and PNG by their own magic bytes).
AGE_MAGIC = b"age-encryption.org/v1\n"


def new_identity() -> str:
    """A fresh age identity ("AGE-SECRET-KEY-1…")."""
    from pyrage import x25519

    return str(x25519.Identity.generate())


def recipient_of(identity: str) -> str:
    """The public half ("age1…") of an age identity."""
    from pyrage import x25519

    return str(x25519.Identity.from_str(identity).to_public())


def is_sealed(blob: bytes) -> bool:
    return bytes(blob[: len(AGE_MAGIC)]) == AGE_MAGIC


def seal(data: bytes, recipients: Iterable[str]) -> bytes:
    """`data` encrypted to each of `recipients` (at least one; duplicates are dropped)."""
    import pyrage
    from pyrage import x25519

    unique = list(dict.fromkeys(r for r in recipients if r))
    if not unique:
        raise ValueError("no recipient to seal to")
    return bytes(pyrage.encrypt(data, [x25519.Recipient.from_str(r) for r in unique]))


class DamagedSeal(ValueError):
    """A sealed blob that is not intact (its recipients' keys matched, or it is garbled)."""


def open_blob(blob: bytes, identities: Iterable[str]) -> bytes | None:
    """What `seal` sealed, if one of `identities` is among its recipients; else None.

    A damaged blob raises DamagedSeal, except where the damage hit the recipients' lines:
    age then cannot tell it from one sealed to others, and None is returned."""
    import pyrage
    from pyrage import x25519

    keys = [x25519.Identity.from_str(i) for i in identities if i]
    if not keys:
        return None
    try:
        return bytes(pyrage.decrypt(bytes(blob), keys))
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            return None
        raise DamagedSeal(str(exc)) from None
    except ValueError as exc:
        raise DamagedSeal(str(exc)) from None


# A sealed blob kept in a text column (a stored revision's body): marked, then base64.
_TEXT_MARK = "age:"


def sealed_text(blob: bytes) -> str:
    return _TEXT_MARK + b64(blob)


def from_sealed_text(text: str) -> bytes | None:
    """The blob of a `sealed_text`, or None for anything else (JSON starts with "{")."""
    if not text.startswith(_TEXT_MARK):
        return None
    try:
        return unb64(text[len(_TEXT_MARK) :])
    except ValueError:
        raise DamagedSeal("not base64") from None
