"""Checks on a household's proof-of-completion file before it is stored.

The census site gave a PDF (download or e-mail); helpers also photograph the screen.
The type is read from the file's first bytes, never trusted from its name, so a renamed
document or program is refused with a message saying what is accepted.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.identifiers import mask_number

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


def check_proof_size(size: int) -> None:
    """Refuse an empty or too big file before reading it."""
    if not size:
        raise ProofFileError(
            _("Berkas bukti kosong (0 byte)."),
            hint=_("Unduh ulang bukti pengisian dari situs sensus atau pilih berkas lain."),
        )
    if size > MAX_PROOF_BYTES:
        megabytes = size / (1024 * 1024)
        raise ProofFileError(
            _("Berkas bukti terlalu besar ({megabytes:.1f} MB); paling besar {limit} MB.").format(
                megabytes=megabytes, limit=MAX_PROOF_BYTES // (1024 * 1024)
            ),
            hint=_(
                "Untuk foto, kecilkan ukurannya atau ambil tangkapan layar; untuk PDF, "
                "lampirkan berkas asli dari situs sensus (biasanya jauh lebih kecil)."
            ),
        )


def check_proof(filename: str, content: bytes) -> str:
    """The file's media type, or ProofFileError saying what to do instead."""
    check_proof_size(len(content))
    media_type = sniff_media_type(content)
    if media_type is None:
        raise ProofFileError(
            _("Berkas '{name}' bukan PDF, JPG, atau PNG.").format(name=display_name(filename)),
            hint=_(
                "Lampirkan bukti pengisian dalam bentuk PDF dari situs sensus, atau foto "
                "JPG/PNG layarnya."
            ),
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
    # A name like "bukti_5271011203850001" would show a NIK to whoever lists the files.
    stem = re.sub(r"\d{12,}", lambda m: mask_number(m.group()), stem)
    return stem[:80] + MEDIA_TYPES[media_type]


READ_CHUNK = 256 * 1024


def read_proof_file(path: Path, progress: Progress | None = None) -> bytes:
    """A chosen file's bytes, size checked first and read in pieces (Batal works)."""
    try:
        size = path.stat().st_size
        check_proof_size(size)
        parts: list[bytes] = []
        done = 0
        with open(path, "rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                parts.append(chunk)
                done += len(chunk)
                if progress is not None:
                    progress.report(done, size, _("Membaca berkas…"))
    except OSError as exc:
        raise ProofFileError(
            _("Berkas '{name}' tidak bisa dibaca ({reason}).").format(
                name=display_name(str(path)), reason=exc.strerror or exc
            ),
            hint=_(
                "Periksa bahwa flashdisk masih terpasang, atau salin berkasnya ke komputer "
                "dulu, lalu coba lagi."
            ),
        ) from exc
    return b"".join(parts)
