"""Sealed data bundles: a signed bundle zip, encrypted whole to the offices that may read it.

The construction is plain age (https://age-encryption.org/v1) with X25519 recipients,
through pyrage; nothing here is home-made cryptography. The zip inside is the ordinary
signed bundle (bundle.py), so a sealed bundle is still signed by its sender, and the
`age` command line tool opens it too (`age -d -i identity.txt paket.sppaket`).

Writing streams: the zip is written into a pipe by a thread while age encrypts what
comes out of it, so no clear copy of the bundle touches a disk and memory stays bounded
whatever the size of the proof files. Reading needs random access (zip), so the
bundle is decrypted to a temporary file in the data folder (never on the USB stick it
came on; the system's temporary folder when that one cannot be written) and that file is
removed afterwards, whatever happens.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

import pyrage
from pyrage import x25519

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import _
from sp_desktop.core.trust.sealed import AGE_MAGIC
from sp_desktop.core.trust.sealed import is_sealed as is_sealed_blob

_TEMP_PREFIX = ".sp-paket-buka-"
_TEMP_SUFFIX = ".tmp"
_PIPE_BUFFER = 1024 * 1024


class SealProblem(UserFacingError):
    """A sealed bundle that cannot be opened here; `reason` names why (tests, CLI)."""

    def __init__(self, message: str, *, hint: str = "", reason: str) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


def is_sealed(path: Path) -> bool:
    """True when the file starts with an age header (a sealed bundle)."""
    try:
        with open(path, "rb") as stream:
            return is_sealed_blob(stream.read(len(AGE_MAGIC)))
    except OSError:
        return False


def check_recipient(text: str) -> str:
    """An age X25519 recipient ("age1…"), or ValueError."""
    text = text.strip()
    try:
        x25519.Recipient.from_str(text)
    except pyrage.RecipientError as exc:
        raise ValueError("not an age X25519 recipient") from exc
    return text


def _os_error(exc: BaseException) -> BaseException:
    """pyrage reports a failed write of its output (a full disk, a stick pulled out) as
    EncryptError("OSError: [Errno 28] …"): back to an OSError, which the file writer turns
    into its own message."""
    found = re.search(r"\[Errno (\d+)\] ([^\n]*)", str(exc))
    if isinstance(exc, pyrage.EncryptError) and found:
        return OSError(int(found.group(1)), found.group(2))
    return exc


def seal_stream(
    render: Callable[[IO[bytes]], None], out: IO[bytes], recipients: Sequence[str]
) -> None:
    """Run `render` (which writes a bundle zip to the stream it is given) and write what it
    writes to `out`, encrypted to every recipient.

    `render` runs in the calling thread (it reads the database, reports progress and may be
    cancelled there); age encrypts in a helper thread, reading from a pipe."""
    unique = list(dict.fromkeys(check_recipient(r) for r in recipients))
    if not unique:
        raise ValueError("a sealed bundle needs at least one recipient")
    keys = [x25519.Recipient.from_str(r) for r in unique]
    read_fd, write_fd = os.pipe()
    failure: list[BaseException] = []

    def encrypt() -> None:
        # Closing the read end when age stops early makes the writer fail at once
        # (BrokenPipeError) instead of blocking on a full pipe.
        with open(read_fd, "rb", buffering=_PIPE_BUFFER) as source:
            try:
                pyrage.encrypt_io(source, out, keys)
            except BaseException as exc:  # handed to the caller below
                failure.append(_os_error(exc))

    worker = threading.Thread(target=encrypt, name="sp-paket-segel", daemon=True)
    worker.start()
    try:
        with open(write_fd, "wb", buffering=_PIPE_BUFFER) as sink:
            render(sink)
    except BaseException:
        worker.join()
        if failure:  # age stopped first: its error explains the broken pipe
            raise failure[0] from None
        raise
    worker.join()
    if failure:
        raise failure[0]


def not_for_us(own_fingerprint: str = "") -> SealProblem:
    return SealProblem(
        _(
            "Paket ini disegel untuk kantor lain: kunci kantor ini tidak termasuk penerimanya, "
            "jadi isinya tidak bisa dibuka di sini. Data tidak diubah."
        ),
        hint=(
            _(
                "Kirim kunci publik kantor ini (.spkunci, sidik {fingerprint}) kepada "
                "pengirim; minta pengirim mengimpornya sebagai kunci tepercaya lalu membuat "
                "paket baru untuk kantor ini."
            ).format(fingerprint=own_fingerprint)
            if own_fingerprint
            else _(
                "Kirim kunci publik kantor ini (.spkunci) kepada pengirim; minta pengirim "
                "mengimpornya sebagai kunci tepercaya lalu membuat paket baru untuk kantor ini."
            )
        ),
        reason="segel_kantor_lain",
    )


def no_key_here() -> SealProblem:
    return SealProblem(
        _(
            "Paket ini disegel, tetapi akun ini tidak memegang kunci pembuka paket kantor. "
            "Data tidak diubah."
        ),
        hint=_("Minta koordinator atau admin kantor mengimpor paket ini."),
        reason="tanpa_kunci_pembuka",
    )


def seal_damaged() -> SealProblem:
    return SealProblem(
        _(
            "Paket bersegel ini rusak atau telah diubah: isinya tidak bisa dibuka. "
            "Data tidak diubah."
        ),
        hint=_(
            "Jangan pakai paket ini. Minta pengirim mengirim ulang paketnya (lebih aman lewat "
            "flashdisk atau sebagai dokumen di WhatsApp)."
        ),
        reason="segel_rusak",
    )


def _temp_in(folder: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=folder)
    except OSError:
        # A read-only folder (a write-protected stick, a mounted phone): the system's.
        return tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)


@contextlib.contextmanager
def opened(
    path: Path,
    identities: Sequence[str],
    *,
    own_fingerprint: str = "",
    work_dir: Path | None = None,
) -> Iterator[Path]:
    """Decrypt a sealed bundle to a temporary file and yield its path; the file is removed
    when the block ends, whatever happens. SealProblem when it cannot be opened.

    `work_dir` (the data folder) keeps the clear copy on this PC: the bundle's own folder
    may be a USB stick, where a crash would leave every number readable."""
    path = Path(path)
    keys = []
    for text in identities:
        with contextlib.suppress(pyrage.IdentityError, ValueError):
            keys.append(x25519.Identity.from_str(text))
    if not keys:
        raise no_key_here()
    fd, name = _temp_in(work_dir or path.parent)
    clear = Path(name)
    try:
        try:
            with open(fd, "wb") as sink, open(path, "rb") as source:
                pyrage.decrypt_io(source, sink, keys)
        except pyrage.DecryptError as exc:
            # age cannot tell "not addressed to you" from a damaged header stanza; it says
            # which in its message. A damaged payload fails after the header matched.
            if "no matching keys" in str(exc).lower():
                raise not_for_us(own_fingerprint) from None
            raise seal_damaged() from None
        except OSError as exc:
            # pyrage reports a chunk that fails authentication (altered, cut short) as an
            # OSError without errno; a real disk error has one.
            if exc.errno is not None:
                raise
            raise seal_damaged() from None
        yield clear
    finally:
        with contextlib.suppress(OSError):
            clear.unlink()
