"""This office's signing key and the keys it trusts: key list/export/import/remove."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sp_desktop.cli.common import EXIT_OK, Commands, runs

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation
    from sp_desktop.core.trust.signing import PublicKey


def register(commands: Commands) -> None:
    key = commands.add_parser("key", help="kunci tanda tangan kantor ini dan kunci tepercaya")
    key_commands = key.add_subparsers(dest="key_command", metavar="TINDAKAN", required=True)
    runs(key_commands.add_parser("list", help="sidik kunci sendiri dan kunci tepercaya"), _list)
    key_export = key_commands.add_parser("export", help="simpan kunci publik kantor ini")
    key_export.add_argument("--out", required=True, type=Path, metavar="BERKAS.spkunci")
    key_export.add_argument("--qr", type=Path, metavar="BERKAS.png", help="juga sebagai QR")
    runs(key_export, _export)
    key_import = key_commands.add_parser("import", help="percayai kunci publik kantor lain")
    key_import.add_argument("file", type=Path, metavar="BERKAS.spkunci")
    runs(key_import, _import)
    key_remove = key_commands.add_parser("remove", help="berhenti mempercayai sebuah kunci")
    key_remove.add_argument("key_id", metavar="SIDIK")
    runs(key_remove, _remove)


def key_files(paths: Sequence[Path]) -> list[PublicKey]:
    """The public keys in .spkunci files (`key import`, `verify --key`)."""
    from sp_desktop.core.base.errors import UserFacingError
    from sp_desktop.core.trust.signing import parse_public_key

    keys = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UserFacingError(
                f"Berkas kunci '{path.name}' tidak bisa dibaca.",
                hint="Periksa nama dan letak berkas .spkunci-nya.",
            ) from exc
        keys.append(parse_public_key(data))
    return keys


def _list(args: argparse.Namespace, installation: Installation) -> int:
    for trusted in installation.storage.trusted_keys():
        key = trusted.key
        who = "kunci kantor ini" if trusted.own else f"tepercaya sejak {trusted.added_at[:10]}"
        print(f"{key.fingerprint}\t{key.office}\t{key.kelurahan_code}\t{who}")
    return EXIT_OK


def _export(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.base.files import write_atomically
    from sp_desktop.core.trust.signing import public_key_file_bytes, public_key_qr_text

    key = installation.storage.own_public_key()

    def render_key(out: IO[bytes]) -> None:
        out.write(public_key_file_bytes(key))

    write_atomically(args.out, render_key)
    if args.qr is not None:
        import qrcode
        from qrcode.image.pil import PilImage  # what qrcode picks anyway: Pillow is installed

        image = qrcode.make(public_key_qr_text(key), border=4, image_factory=PilImage)

        def render_qr(out: IO[bytes]) -> None:
            image.save(out, format="PNG")

        write_atomically(args.qr, render_qr)
    print(f"Kunci publik kantor ini ({key.fingerprint}) disimpan: {args.out}")
    return EXIT_OK


def _import(args: argparse.Namespace, installation: Installation) -> int:
    (key,) = key_files([args.file])
    added = installation.storage.trust_key(key)
    state = "kini tepercaya" if added else "sudah tepercaya sebelumnya"
    print(f"Kunci {key.fingerprint} ({key.office or 'tanpa nama kantor'}) {state}.")
    return EXIT_OK


def _remove(args: argparse.Namespace, installation: Installation) -> int:
    wanted = args.key_id.replace("-", "").upper()
    installation.storage.distrust_key(wanted)
    print(f"Kunci {args.key_id} tidak lagi dipercaya.")
    return EXIT_OK
