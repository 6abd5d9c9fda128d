"""Checks on a household's proof-of-completion file before it is stored.

The census site gave a PDF (download or e-mail); helpers also photograph the screen.
The type is read from the file's first bytes, never trusted from its name, so a renamed
document or program is refused with a message saying what is accepted.
"""

from __future__ import annotations

import re
import unicodedata

from sp_desktop.core.errors import UserFacingError

MAX_PROOF_BYTES = 10 * 1024 * 1024
MEDIA_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


class ProofFileError(UserFacingError):
    pass


def sniff_media_type(content: bytes) -> str | None:
    head = content[:1024]
    for signature, media_type in _SIGNATURES:
        # Some PDF writers put a few bytes before the header; readers accept that.
        at = head.find(signature)
        if at == 0 or (media_type == "application/pdf" and 0 <= at < 1024):
            return media_type
    return None


def check_proof(filename: str, content: bytes) -> str:
    """The file's media type, or ProofFileError saying what to do instead."""
    if not content:
        raise ProofFileError(
            "Berkas bukti kosong (0 byte).",
            hint="Unduh ulang bukti pengisian dari situs sensus atau pilih berkas lain.",
        )
    if len(content) > MAX_PROOF_BYTES:
        megabytes = len(content) / (1024 * 1024)
        raise ProofFileError(
            f"Berkas bukti terlalu besar ({megabytes:.1f} MB); paling besar "
            f"{MAX_PROOF_BYTES // (1024 * 1024)} MB.",
            hint="Untuk foto, kecilkan ukurannya atau ambil tangkapan layar; untuk PDF, "
            "lampirkan berkas asli dari situs sensus (biasanya jauh lebih kecil).",
        )
    media_type = sniff_media_type(content)
    if media_type is None:
        raise ProofFileError(
            f"Berkas '{display_name(filename)}' bukan PDF, JPG, atau PNG.",
            hint="Lampirkan bukti pengisian dalam bentuk PDF dari situs sensus, atau foto "
            "JPG/PNG layarnya.",
        )
    return media_type


def display_name(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return name if len(name) <= 60 else name[:57] + "..."


def clean_filename(filename: str, media_type: str) -> str:
    """A safe file name to keep and to offer when saving: no folders, no odd characters,
    and the extension that matches the content."""
    name = unicodedata.normalize("NFC", display_name(filename))
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w\- ()]+", "_", stem).strip(" ._") or "bukti-pengisian"
    return stem[:80] + MEDIA_TYPES[media_type]
