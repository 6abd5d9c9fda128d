"""The installation's Ed25519 signing key and the signed texts SP Desktop hands out.

Every installation has one key pair, made with its data and kept inside the encrypted
database. What it signs:

- a proof slip's QR text (`SlipClaim`): compact, versioned, upper case only, so the QR
  uses alphanumeric mode and stays small enough to scan from a page printed at 150 dpi;
- a whole PDF (`sign_pdf`): one comment line after `%%EOF` carries the signature over
  every byte before it, so a slip or recap PDF can be checked on its own;
- a handover manifest (`sign_manifest`), which lists every other file with its SHA-256.

Public keys travel as a small JSON file (`.spkunci`) or a QR text; a key is known to an
installation when it is its own or was imported as trusted.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from pyrage import RecipientError, x25519

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.model import Outcome

SLIP_PREFIX = "SP1"
PUBLIC_KEY_FORMAT = "sp-desktop-kunci-publik"
PUBLIC_KEY_QR_PREFIX = "SPKUNCI1"
PUBLIC_KEY_SUFFIX = ".spkunci"
PDF_TRAILER_PREFIX = b"%SPDESKTOP-TTD 1 "
KEY_ID_CHARS = 16
SHORT_CODE_CHARS = 12
_B32 = re.compile(r"[A-Z2-7]+")


class SignatureProblem(UserFacingError):
    """A signed text or file that cannot be trusted; `reason` names why, for tests and CLI."""

    def __init__(self, message: str, *, hint: str = "", reason: str) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


def malformed(what: str) -> SignatureProblem:
    return SignatureProblem(
        _(
            "{what} tidak dikenali: bukan teks atau berkas bertanda tangan SP Desktop, atau "
            "sebagian hilang."
        ).format(what=what),
        hint=_("Pindai ulang QR-nya atau salin teksnya lengkap, lalu coba lagi."),
        reason="rusak",
    )


def bad_signature(what: str) -> SignatureProblem:
    return SignatureProblem(
        _(
            "Tanda tangan {what} TIDAK cocok: isinya telah diubah setelah ditandatangani, atau "
            "tanda tangannya dipalsukan."
        ).format(what=what),
        hint=_("Jangan terima dokumen ini. Minta dokumen asli dari kantor penerbitnya."),
        reason="tanda_tangan_salah",
    )


def unknown_key(key_id: str) -> SignatureProblem:
    return SignatureProblem(
        _("Ditandatangani kunci yang belum dikenal ({value}).").format(
            value=fingerprint_text(key_id)
        ),
        hint=_(
            "Minta berkas kunci publik (.spkunci) dari kantor penerbit lewat jalur "
            "terpercaya, impor sebagai kunci tepercaya, lalu periksa lagi."
        ),
        reason="kunci_tidak_dikenal",
    )


# -- encoding ----------------------------------------------------------------------------


def b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def unb32(text: str) -> bytes:
    if not _B32.fullmatch(text):
        raise ValueError("not base32")
    data = base64.b32decode(text + "=" * (-len(text) % 8))
    # The last character also carries unused bits: only the one canonical spelling is
    # accepted, so no character of a signed text can change without failing.
    if b32(data) != text:
        raise ValueError("not canonical base32")
    return data


def canonical_json(value: Any) -> bytes:
    """The one byte form that is signed and hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- keys --------------------------------------------------------------------------------


def key_id_of(public_raw: bytes) -> str:
    """16 base32 characters (80 bits) of the public key's SHA-256."""
    return b32(hashlib.sha256(public_raw).digest())[:KEY_ID_CHARS]


def fingerprint_text(key_id: str) -> str:
    """'ABCD-EFGH-JKLM-NOPQ': how people read a key id aloud or compare it on paper."""
    return "-".join(key_id[i : i + 4] for i in range(0, len(key_id), 4))


@dataclass(frozen=True)
class PublicKey:
    raw: bytes  # 32 bytes
    office: str = ""
    kelurahan_code: str = ""
    # The office's age X25519 recipient ("age1…") that bundles are sealed to; "" for a key
    # from an older .spkunci or a QR text. Not covered by the fingerprint (key_id), so the
    # key itself signs it (`exchange_signature`): a file altered in transit cannot swap it.
    exchange: str = ""
    exchange_signature: str = ""
    # The office's helpers' key (slips, working lists) and the office key's certificate.
    helper_key: bytes = b""
    helper_certificate: str = ""

    @property
    def key_id(self) -> str:
        return key_id_of(self.raw)

    @property
    def fingerprint(self) -> str:
        return fingerprint_text(self.key_id)

    def verifies(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True


class Signer:
    """The installation's private key; lives only in memory while the data is open."""

    def __init__(self, private_raw: bytes, *, office: str = "", kelurahan_code: str = "") -> None:
        self._private = Ed25519PrivateKey.from_private_bytes(private_raw)
        public_raw = self._private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.public_key = PublicKey(public_raw, office=office, kelurahan_code=kelurahan_code)

    @staticmethod
    def new_private_key() -> bytes:
        return Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )

    @property
    def key_id(self) -> str:
        return self.public_key.key_id

    @property
    def fingerprint(self) -> str:
        return self.public_key.fingerprint

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)


@dataclass(frozen=True)
class TrustedKey:
    key: PublicKey
    own: bool  # this installation's own key
    added_at: str  # UTC; "" for the own key
    added_by: str  # account label


class KeyRing:
    """The public keys an installation knows: its own and those imported as trusted.

    `helper_ids` name the helpers' keys among them: certified by their office for proof
    slips and working lists only, never for a manifest (bundles, handover packages)."""

    def __init__(self, keys: list[PublicKey], helper_ids: frozenset[str] = frozenset()) -> None:
        self._by_id = {k.key_id: k for k in keys}
        self._helper_ids = helper_ids & set(self._by_id)

    def is_helper_key(self, key_id: str) -> bool:
        return key_id in self._helper_ids

    def with_keys(self, keys: list[PublicKey]) -> KeyRing:
        """This ring and `keys` (given on the command line: office keys)."""
        return KeyRing([*self._by_id.values(), *keys], self._helper_ids)

    def office_only(self) -> KeyRing:
        """The same ring without the helpers' keys: what a manifest may be signed with."""
        return KeyRing([k for i, k in self._by_id.items() if i not in self._helper_ids])

    def get(self, key_id: str) -> PublicKey | None:
        return self._by_id.get(key_id)

    def require(self, key_id: str) -> PublicKey:
        key = self.get(key_id)
        if key is None:
            raise unknown_key(key_id)
        return key


# -- public key files --------------------------------------------------------------------


def exchange_body(key_id: str, exchange: str) -> bytes:
    """What an office key signs to vouch for its exchange (sealing) recipient."""
    return canonical_json(
        {"format": "sp-desktop-kunci-pertukaran", "kunci": key_id, "pertukaran": exchange}
    )


def helper_key_body(office_key_id: str, helper_key_id: str) -> bytes:
    """What an office key signs to vouch for its helpers' key (slips and working lists)."""
    return canonical_json(
        {
            "format": "sp-desktop-kunci-petugas",
            "kunci_kantor": office_key_id,
            "kunci_petugas": helper_key_id,
        }
    )


def _signed_by_key(key: PublicKey, signature_b64: str, data: bytes) -> bool:
    try:
        return key.verifies(base64.b64decode(signature_b64, validate=True), data)
    except (ValueError, TypeError):
        return False


def public_key_file_bytes(key: PublicKey) -> bytes:
    text = json.dumps(
        {
            "format": PUBLIC_KEY_FORMAT,
            "versi": 1,
            "kantor": key.office,
            "kelurahan": key.kelurahan_code,
            "id_kunci": key.key_id,
            "sidik": key.fingerprint,
            "kunci_publik": base64.b64encode(key.raw).decode("ascii"),
            "algoritma": "Ed25519",
            **(
                {"kunci_pertukaran": key.exchange, "ttd_kunci_pertukaran": key.exchange_signature}
                if key.exchange
                else {}
            ),
            **(
                {
                    "kunci_petugas": base64.b64encode(key.helper_key).decode("ascii"),
                    "sertifikat_kunci_petugas": key.helper_certificate,
                }
                if key.helper_key
                else {}
            ),
        },
        ensure_ascii=False,
        indent=2,
    )
    return (text + "\n").encode()


def public_key_qr_text(key: PublicKey) -> str:
    """'SPKUNCI1:<base32 key>:<kelurahan code>:<office>' for a phone or webcam to pass on."""
    return f"{PUBLIC_KEY_QR_PREFIX}:{b32(key.raw)}:{key.kelurahan_code}:{key.office}"


def _exchange_recipient(value: Any) -> str:
    """An age X25519 recipient ("age1…"), checked; "" when absent (an older .spkunci)."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise ValueError("exchange key")
    try:
        x25519.Recipient.from_str(value)
    except RecipientError as exc:
        raise ValueError("exchange key") from exc
    return value


def parse_public_key(data: bytes | str) -> PublicKey:
    """A `.spkunci` file's bytes or a public key QR text."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = text.strip()
    try:
        if text.startswith(PUBLIC_KEY_QR_PREFIX + ":"):
            _prefix, raw_b32, kelurahan, office = text.split(":", 3)
            key = PublicKey(unb32(raw_b32), office=office, kelurahan_code=kelurahan)
        else:
            parsed = json.loads(text)
            if parsed.get("format") != PUBLIC_KEY_FORMAT:
                raise ValueError("format")
            key = PublicKey(
                base64.b64decode(parsed["kunci_publik"], validate=True),
                office=str(parsed.get("kantor", "")),
                kelurahan_code=str(parsed.get("kelurahan", "")),
                exchange=_exchange_recipient(parsed.get("kunci_pertukaran", "")),
                exchange_signature=str(parsed.get("ttd_kunci_pertukaran", "")),
                helper_key=base64.b64decode(str(parsed.get("kunci_petugas", "")), validate=True),
                helper_certificate=str(parsed.get("sertifikat_kunci_petugas", "")),
            )
            if parsed.get("id_kunci") not in (None, key.key_id):
                raise ValueError("key id does not match the key")
            # What the fingerprint does not cover must be signed by the key it names.
            if key.exchange and not _signed_by_key(
                key, key.exchange_signature, exchange_body(key.key_id, key.exchange)
            ):
                raise ValueError("exchange key not signed by the office key")
            if key.helper_key and not _signed_by_key(
                key, key.helper_certificate, helper_key_body(key.key_id, key_id_of(key.helper_key))
            ):
                raise ValueError("helpers' key not certified by the office key")
        Ed25519PublicKey.from_public_bytes(key.raw)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SignatureProblem(
            _("Berkas atau teks ini bukan kunci publik SP Desktop yang utuh."),
            hint=_("Minta berkas .spkunci dari kantor itu lagi, atau pindai QR kuncinya."),
            reason="rusak",
        ) from exc
    return key


# -- proof slip QR texts -----------------------------------------------------------------


@dataclass(frozen=True)
class SlipClaim:
    """What a slip's QR states, signed: which visit, which family (masked), what outcome."""

    visit_id: str  # uuid text
    kk_masked: str  # "5271**********04"
    outcome: Outcome
    visit_date: date  # local calendar day of the visit
    key_id: str

    def signed_text(self) -> str:
        visit = b32(_uuid_bytes(self.visit_id))
        return ":".join(
            [
                SLIP_PREFIX,
                self.key_id,
                visit,
                self.kk_masked,
                self.outcome.value.upper(),
                self.visit_date.strftime("%Y%m%d"),
            ]
        )


def _uuid_bytes(text: str) -> bytes:
    import uuid

    return uuid.UUID(text).bytes


def slip_qr_text(claim: SlipClaim, signer: Signer) -> str:
    """'SP1:KEYID:VISIT:KK:OUTCOME:YYYYMMDD:SIGNATURE', all in QR alphanumeric characters."""
    if claim.key_id != signer.key_id:
        raise ValueError("claim names another key")
    signed = claim.signed_text()
    return f"{signed}:{b32(signer.sign(signed.encode('ascii')))}"


_SLIP = re.compile(
    rf"{SLIP_PREFIX}:(?P<key>[A-Z2-7]{{{KEY_ID_CHARS}}}):(?P<visit>[A-Z2-7]{{26}}):"
    r"(?P<kk>[0-9*]{0,16}):(?P<outcome>[A-Z]+):(?P<date>\d{8}):(?P<sig>[A-Z2-7]{103})"
)


def parse_slip_qr_text(text: str) -> tuple[SlipClaim, bytes]:
    """The claim and its signature; SignatureProblem(reason='rusak') if it is not one."""
    import uuid
    from datetime import datetime

    match = _SLIP.fullmatch(text.strip().upper())
    if match is None:
        raise malformed(_("Teks QR bukti"))
    try:
        claim = SlipClaim(
            visit_id=str(uuid.UUID(bytes=unb32(match["visit"]))),
            kk_masked=match["kk"],
            outcome=Outcome(match["outcome"].lower()),
            visit_date=datetime.strptime(match["date"], "%Y%m%d").date(),
            key_id=match["key"],
        )
        signature = unb32(match["sig"])
    except ValueError as exc:
        raise malformed(_("Teks QR bukti")) from exc
    if len(signature) != 64:
        raise malformed(_("Teks QR bukti"))
    return claim, signature


def verify_slip_qr_text(text: str, keys: KeyRing) -> tuple[SlipClaim, PublicKey]:
    claim, signature = parse_slip_qr_text(text)
    key = keys.require(claim.key_id)
    if not key.verifies(signature, claim.signed_text().encode("ascii")):
        raise bad_signature(_("bukti pendampingan"))
    return claim, key


def short_code(qr_text: str) -> str:
    """'ABCD-EFGH-JKLM': typed by people without a scanner; looked up where it was issued."""
    digest = b32(hashlib.sha256(qr_text.strip().upper().encode("ascii")).digest())
    return fingerprint_text(digest[:SHORT_CODE_CHARS])


_SHORT_CODE = re.compile(r"[A-Z2-7]{4}-?[A-Z2-7]{4}-?[A-Z2-7]{4}")


def normalise_short_code(text: str) -> str | None:
    """'abcd efgh-jklm' -> 'ABCD-EFGH-JKLM'; None when it cannot be a short code.

    Base32 has no 0, 1 or 8: those typed for O, I/L and B are read as the letters.
    """
    cleaned = re.sub(r"[\s.]", "", text.strip().upper())
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    if not _SHORT_CODE.fullmatch(cleaned):
        return None
    bare = cleaned.replace("-", "")
    return fingerprint_text(bare)


# -- signed PDFs -------------------------------------------------------------------------


def pdf_trailer(content: bytes, signer: Signer) -> bytes:
    """The line to append to a finished PDF (readers ignore text after %%EOF)."""
    signature = signer.sign(content)
    return PDF_TRAILER_PREFIX + f"{signer.key_id} {b32(signature)}\n".encode("ascii")


def split_pdf_trailer(data: bytes) -> tuple[bytes, str, bytes] | None:
    """(signed content, key id, signature), or None when the PDF carries no trailer."""
    start = data.rfind(b"\n" + PDF_TRAILER_PREFIX)
    if start < 0:
        return None
    content = data[: start + 1]
    line = data[start + 1 :]
    fields = line[len(PDF_TRAILER_PREFIX) :].strip().split(b" ")
    if len(fields) != 2 or not line.endswith(b"\n"):
        raise malformed(_("Tanda tangan berkas PDF"))
    try:
        key_id = fields[0].decode("ascii")
        signature = unb32(fields[1].decode("ascii"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise malformed(_("Tanda tangan berkas PDF")) from exc
    return content, key_id, signature


def verify_pdf(data: bytes, keys: KeyRing) -> PublicKey:
    parts = split_pdf_trailer(data)
    if parts is None:
        raise SignatureProblem(
            _("PDF ini tidak bertanda tangan SP Desktop (atau tanda tangannya terpotong)."),
            hint=_(
                "Periksa bahwa berkasnya PDF asli dari SP Desktop, bukan hasil cetak ulang "
                "atau pindaian. Untuk bukti pendampingan, pindai QR-nya."
            ),
            reason="tanpa_tanda_tangan",
        )
    content, key_id, signature = parts
    key = keys.require(key_id)
    if not key.verifies(signature, content):
        raise bad_signature(_("berkas PDF"))
    return key


# -- signed manifests --------------------------------------------------------------------


def sign_manifest(body: dict[str, Any], signer: Signer) -> dict[str, Any]:
    return {
        "isi": body,
        "tanda_tangan": {
            "algoritma": "Ed25519",
            "id_kunci": signer.key_id,
            "kunci_publik": base64.b64encode(signer.public_key.raw).decode("ascii"),
            "nilai": base64.b64encode(signer.sign(canonical_json(body))).decode("ascii"),
        },
    }


def verify_manifest(manifest: Any, keys: KeyRing) -> tuple[dict[str, Any], PublicKey]:
    try:
        body = manifest["isi"]
        seal = manifest["tanda_tangan"]
        key_id = str(seal["id_kunci"])
        signature = base64.b64decode(seal["nilai"], validate=True)
        if base64.b64encode(signature).decode("ascii") != seal["nilai"]:
            raise ValueError("not canonical base64")
        if not isinstance(body, dict):
            raise TypeError("body")
    except (KeyError, TypeError, ValueError) as exc:
        raise malformed(_("Manifes paket serah terima")) from exc
    key = keys.require(key_id)
    if not key.verifies(signature, canonical_json(body)):
        raise bad_signature(_("manifes paket serah terima"))
    return body, key
