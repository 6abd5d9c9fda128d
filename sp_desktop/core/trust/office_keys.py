"""The office's private keys, sealed to the tiers that may hold them, and signed role grants.

Every account's password opens the database (the data key), so nothing a lower role must
not reach may lie in the database in clear. The office's private keys are kept there
sealed instead (AES-256-GCM, one row per key), under a random key per tier:

- `kantor` (coordinators and admins): the office signing key (Ed25519: slips, recaps,
  bundles), the exchange identity (age X25519: sealed bundles addressed to this office) and
  the numbers identity (age X25519: the full No KK and NIK);
- `admin` (admins and the recovery sheet): the root key (Ed25519) that signs grants.

A grant is an account's role, signed: by the root key for any role, or by the office
signing key for the roles a coordinator may hand out (petugas, admin OPD). It names the
account's own age recipient too, so tier keys are delivered only to the key its owner
holds. The root key also signs the office's published public keys (`Published`), so an
account whose slot carries the root's public key (its anchor) trusts nothing the database
merely claims.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sp_desktop.core.base.encoding import b64, canonical_ascii, unb64
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.trust.sealed import new_identity, recipient_of
from sp_desktop.core.trust.signing import exchange_body, helper_key_body, key_id_of

TIER_OFFICE = "kantor"
TIER_ADMIN = "admin"
TIER_KEY_BYTES = 32
# Which tiers each role holds, and which roles a grant signed by the office key may give.
ROLE_TIERS: dict[str, tuple[str, ...]] = {
    Role.HELPER: (),
    Role.OPD_ADMIN: (),
    Role.COORDINATOR: (TIER_OFFICE,),
    Role.ADMIN: (TIER_OFFICE, TIER_ADMIN),
}
OFFICE_GRANTABLE = frozenset({Role.HELPER.value, Role.OPD_ADMIN.value})
# The names of the sealed keys and the tier each needs.
SIGNING = "tanda_tangan"
EXCHANGE = "pertukaran"
NUMBERS = "nomor"
ROOT = "akar"
SECRET_TIERS = {SIGNING: TIER_OFFICE, EXCHANGE: TIER_OFFICE, NUMBERS: TIER_OFFICE, ROOT: TIER_ADMIN}
GRANT_FORMAT = "sp-desktop-hibah-peran"
PUBLISHED_FORMAT = "sp-desktop-kunci-kantor"


def new_tier_key() -> bytes:
    return secrets.token_bytes(TIER_KEY_BYTES)


def new_signing_key() -> bytes:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    return Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )


def public_of(private_raw: bytes) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(private_raw)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


def _sign(private_raw: bytes, data: bytes) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(private_raw).sign(data))


def _verifies(public_b64: str, signature_b64: str, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public_b64)).verify(unb64(signature_b64), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


@dataclass(frozen=True)
class OfficeSecrets:
    """The office's private keys this session holds (those of the tiers it opened)."""

    signing: bytes | None = field(default=None, repr=False)
    exchange: str = field(default="", repr=False)
    numbers: str = field(default="", repr=False)
    root: bytes | None = field(default=None, repr=False)

    @classmethod
    def new(cls, signing: bytes | None = None) -> OfficeSecrets:
        """A full set; `signing` keeps an office's existing signing key (slips stay valid)."""
        return cls(
            signing=signing or new_signing_key(),
            exchange=new_identity(),
            numbers=new_identity(),
            root=new_signing_key(),
        )

    def published(self) -> Published:
        assert self.signing is not None and self.root is not None
        return Published(
            root=b64(public_of(self.root)),
            signing=b64(public_of(self.signing)),
            exchange=recipient_of(self.exchange),
            numbers=recipient_of(self.numbers),
        )

    def anchor(self) -> dict[str, str]:
        assert self.root is not None
        return {ROOT: b64(public_of(self.root))}


@dataclass(frozen=True)
class Published:
    """The office's public keys, as the root key signed them."""

    root: str
    signing: str
    exchange: str
    numbers: str
    signature: str = ""

    def body(self, installation_id: str) -> bytes:
        return canonical_ascii(
            {
                "format": PUBLISHED_FORMAT,
                "instalasi": installation_id,
                "akar": self.root,
                "tanda_tangan": self.signing,
                "pertukaran": self.exchange,
                "nomor": self.numbers,
            }
        )

    def signed(self, root_private: bytes, installation_id: str) -> Published:
        return Published(
            self.root,
            self.signing,
            self.exchange,
            self.numbers,
            _sign(root_private, self.body(installation_id)),
        )

    def verifies(self, installation_id: str, anchor_root: str | None = None) -> bool:
        """Signed by its root; and that root is the anchor's, when one is given."""
        if anchor_root is not None and anchor_root != self.root:
            return False
        return _verifies(self.root, self.signature, self.body(installation_id))

    def to_text(self) -> str:
        return json.dumps(
            {
                "akar": self.root,
                "tanda_tangan": self.signing,
                "pertukaran": self.exchange,
                "nomor": self.numbers,
                "ttd": self.signature,
            },
            sort_keys=True,
        )

    @classmethod
    def from_text(cls, text: str) -> Published | None:
        try:
            data = json.loads(text)
            return cls(
                str(data["akar"]),
                str(data["tanda_tangan"]),
                str(data["pertukaran"]),
                str(data["nomor"]),
                str(data["ttd"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


# -- sealing the private keys under tier keys -------------------------------------------------


def _aad(installation_id: str, name: str, tier: str) -> bytes:
    # Binds each sealed key to its name, tier and installation: moving a row elsewhere fails.
    return f"sp-desktop kunci kantor v1|{installation_id}|{name}|{tier}".encode()


def _raw(secrets_: OfficeSecrets, name: str) -> bytes | None:
    value = {
        SIGNING: secrets_.signing,
        EXCHANGE: secrets_.exchange.encode() if secrets_.exchange else None,
        NUMBERS: secrets_.numbers.encode() if secrets_.numbers else None,
        ROOT: secrets_.root,
    }[name]
    return value


def seal_secrets(
    secrets_: OfficeSecrets, tier_keys: dict[str, bytes], installation_id: str
) -> list[tuple[str, str, bytes, bytes]]:
    """(name, tier, nonce, sealed) rows for the database, one per key."""
    rows = []
    for name, tier in SECRET_TIERS.items():
        raw = _raw(secrets_, name)
        if raw is None:
            continue
        nonce = secrets.token_bytes(12)
        sealed = AESGCM(tier_keys[tier]).encrypt(nonce, raw, _aad(installation_id, name, tier))
        rows.append((name, tier, nonce, sealed))
    return rows


def open_secrets(
    rows: list[tuple[str, str, bytes, bytes]], tier_keys: dict[str, bytes], installation_id: str
) -> OfficeSecrets:
    """The keys these tier keys open; a row they cannot open (altered, or not this tier's)
    is left out."""
    opened: dict[str, bytes] = {}
    for name, tier, nonce, sealed in rows:
        if SECRET_TIERS.get(name) != tier or tier not in tier_keys:
            continue
        try:
            opened[name] = AESGCM(tier_keys[tier]).decrypt(
                nonce, sealed, _aad(installation_id, name, tier)
            )
        except (InvalidTag, ValueError):
            continue
    return OfficeSecrets(
        signing=opened.get(SIGNING),
        exchange=opened[EXCHANGE].decode() if EXCHANGE in opened else "",
        numbers=opened[NUMBERS].decode() if NUMBERS in opened else "",
        root=opened.get(ROOT),
    )


# -- grants -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrantSubject:
    """What a grant vouches for: one account as stored."""

    account_id: str
    nip: str
    role: str
    active: bool
    recipient: str

    def body(self, installation_id: str) -> bytes:
        return canonical_ascii(
            {
                "format": GRANT_FORMAT,
                "instalasi": installation_id,
                "akun": self.account_id,
                "nip": self.nip,
                "peran": self.role,
                "aktif": self.active,
                "penerima": self.recipient,
            }
        )


def sign_grant(subject: GrantSubject, installation_id: str, secrets_: OfficeSecrets) -> str:
    """The grant text: signed by the root when this session holds it, else by the office key
    for the roles a coordinator may give. Raises ValueError when neither may sign it."""
    body = subject.body(installation_id)
    if secrets_.root is not None:
        return json.dumps({"oleh": ROOT, "ttd": _sign(secrets_.root, body)}, sort_keys=True)
    if secrets_.signing is not None and subject.role in OFFICE_GRANTABLE:
        return json.dumps({"oleh": SIGNING, "ttd": _sign(secrets_.signing, body)}, sort_keys=True)
    raise ValueError("no key to sign this grant")


def grant_verifies(
    subject: GrantSubject, grant_text: str, installation_id: str, published: Published
) -> bool:
    """True when the grant is intact and its signer may give this role."""
    try:
        grant = json.loads(grant_text)
        signer, signature = str(grant["oleh"]), str(grant["ttd"])
    except (KeyError, TypeError, ValueError):
        return False
    body = subject.body(installation_id)
    if signer == ROOT:
        return _verifies(published.root, signature, body)
    if signer == SIGNING and subject.role in OFFICE_GRANTABLE:
        return _verifies(published.signing, signature, body)
    return False


# -- the helpers' key and the exchange key, vouched for by the office key -------------------


def certify_helper_key(office_private: bytes, helper_public: bytes) -> str:
    """The office key's word that `helper_public` signs its helpers' slips and working
    lists (not recaps, handovers, bundles, grants or the audit witness)."""
    body = helper_key_body(key_id_of(public_of(office_private)), key_id_of(helper_public))
    return _sign(office_private, body)


def helper_key_certified(office_public: bytes, helper_public: bytes, certificate: str) -> bool:
    body = helper_key_body(key_id_of(office_public), key_id_of(helper_public))
    return _verifies(b64(office_public), certificate, body)


def sign_exchange_key(office_private: bytes, exchange: str) -> str:
    """The office key's signature over its exchange recipient (carried in .spkunci)."""
    return _sign(office_private, exchange_body(key_id_of(public_of(office_private)), exchange))
