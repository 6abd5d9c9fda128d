"""This office's signing key and the keys it trusts: key list/export/import/remove."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sp_desktop.cli.common import EXIT_OK, Commands, runs
from sp_desktop.core.base.i18n import _

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation
    from sp_desktop.core.trust.signing import PublicKey


def register(commands: Commands) -> None:
    key = commands.add_parser("key", help=_("kunci tanda tangan kantor ini dan kunci tepercaya"))
    key_commands = key.add_subparsers(dest="key_command", metavar=_("TINDAKAN"), required=True)
    runs(key_commands.add_parser("list", help=_("sidik kunci sendiri dan kunci tepercaya")), _list)
    key_export = key_commands.add_parser("export", help=_("simpan kunci publik kantor ini"))
    key_export.add_argument("--out", required=True, type=Path, metavar=_("BERKAS.spkunci"))
    key_export.add_argument("--qr", type=Path, metavar=_("BERKAS.png"), help=_("juga sebagai QR"))
    runs(key_export, _export)
    key_import = key_commands.add_parser("import", help=_("percayai kunci publik kantor lain"))
    key_import.add_argument("file", type=Path, metavar=_("BERKAS.spkunci"))
    runs(key_import, _import)
    key_remove = key_commands.add_parser("remove", help=_("berhenti mempercayai sebuah kunci"))
    key_remove.add_argument("key_id", metavar=_("SIDIK"))
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
                _("Berkas kunci '{name}' tidak bisa dibaca.").format(name=path.name),
                hint=_("Periksa nama dan letak berkas .spkunci-nya."),
            ) from exc
        keys.append(parse_public_key(data))
    return keys


def _list(args: argparse.Namespace, installation: Installation) -> int:
    for trusted in installation.storage.trusted_keys():
        key = trusted.key
        who = (
            _("kunci kantor ini")
            if trusted.own
            else _("tepercaya sejak {date}").format(date=trusted.added_at[:10])
        )
        if not trusted.own and not key.exchange:
            who += "; " + _("belum bisa menerima paket bersegel (.spkunci versi lama)")
        print(f"{key.fingerprint}\t{key.office}\t{key.kelurahan_code}\t{who}")
    return EXIT_OK


def _export(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.base.files import write_atomically
    from sp_desktop.core.trust.signing import public_key_file_bytes, public_key_qr_text

    # With the exchange key (sealed bundles) and the helpers' key (slips), both signed by the
    # office key, once the office keys are sealed.
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
    print(
        _("Kunci publik kantor ini ({fingerprint}) disimpan: {path}").format(
            fingerprint=key.fingerprint, path=args.out
        )
    )
    return EXIT_OK


def _import(args: argparse.Namespace, installation: Installation) -> int:
    (key,) = key_files([args.file])
    added = installation.storage.trust_key(key)
    office = key.office or _("tanpa nama kantor")
    if added:
        text = _("Kunci {fingerprint} ({office}) kini tepercaya.")
    else:
        text = _("Kunci {fingerprint} ({office}) sudah tepercaya sebelumnya.")
    print(text.format(fingerprint=key.fingerprint, office=office))
    return EXIT_OK


def _remove(args: argparse.Namespace, installation: Installation) -> int:
    wanted = args.key_id.replace("-", "").upper()
    installation.storage.distrust_key(wanted)
    print(_("Kunci {fingerprint} tidak lagi dipercaya.").format(fingerprint=args.key_id))
    return EXIT_OK
