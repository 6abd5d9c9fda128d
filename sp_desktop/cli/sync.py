"""Data between offices: import (a bundle), sync (with a hub), and `export bundle`, whose
command is declared with the other exports in documents.py."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sp_desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    end_progress,
    progress,
    runs,
    secret,
)
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation


def register(commands: Commands) -> None:
    import_cmd = commands.add_parser("import", help=_("impor paket data dari kantor/posko lain"))
    import_cmd.add_argument("format", choices=["bundle"], metavar="bundle")
    import_cmd.add_argument("file", type=Path, metavar=_("BERKAS"))
    import_cmd.add_argument(
        "--trust-key",
        default="",
        metavar=_("SIDIK"),
        help=_("percayai kunci pengirim dengan sidik ini (sudah dicocokkan lewat telepon)"),
    )
    runs(import_cmd, _import)
    sync = commands.add_parser("sync", help=_("sinkronkan data dengan server (hub) CouchDB"))
    sync.add_argument("--hub", default="", metavar="URL", help=_("alamat basis data di server"))
    sync.add_argument(
        "--hub-user", default="", metavar=_("NAMA"), help=_("nama pengguna di server")
    )
    sync.add_argument(
        "--save", action="store_true", help=_("simpan alamat dan akun server ini (terenkripsi)")
    )
    runs(sync, _sync)


def export_bundle(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.sync_docs import KIND_BY_NAME
    from sp_desktop.core.sync.bundle import write_bundle

    result = write_bundle(
        installation.storage, args.out, since_last_export=not args.all, progress=progress()
    )
    end_progress()
    counts = ", ".join(
        f"{format_count(n)} {_(KIND_BY_NAME[kind].label)}"  # labels marked with N_ there
        if kind in KIND_BY_NAME
        else f"{format_count(n)} {kind.replace('_', ' ')}"
        for kind, n in result.counts.items()
    )
    print(
        _("Paket data disimpan: {path} ({counts}).").format(
            path=result.path, counts=counts or _("tidak ada perubahan baru")
        )
    )
    if result.files:
        print(
            _("Termasuk {count} berkas bukti pengisian.").format(count=format_count(result.files))
        )
    print(
        _("Sidik kunci pengirim: {fingerprint}").format(
            fingerprint=installation.storage.own_public_key().fingerprint
        )
    )
    return EXIT_OK


def _import(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.sync.bundle import UnknownBundleKey, import_bundle

    try:
        result = import_bundle(
            installation.storage, args.file, trust_fingerprint=args.trust_key, progress=progress()
        )
    except UnknownBundleKey as exc:
        end_progress()
        if not sys.stdin.isatty():
            raise
        print(
            _("Paket ini ditandatangani kunci yang belum dikenal: {fingerprint}").format(
                fingerprint=exc.key.fingerprint
            )
        )
        if exc.office:
            print(_("Menurut paketnya, pengirimnya: {office}").format(office=exc.office))
        print(_("Cocokkan sidik ini dengan kantor pengirim lewat telepon sebelum menerimanya."))
        answer = input(_("Percayai kunci ini dan impor paketnya? [y/T] ")).strip().lower()
        if answer not in ("y", "ya", "yes"):
            print(_("Paket tidak diimpor. Data tidak diubah."))
            return EXIT_PROBLEM
        result = import_bundle(
            installation.storage,
            args.file,
            trust_fingerprint=exc.key.fingerprint,
            progress=progress(),
        )
    end_progress()
    sender = result.sender_office or _("kantor tanpa nama")
    print(
        _("Paket dari {office} ({fingerprint}).").format(
            office=sender, fingerprint=result.sender_key.fingerprint
        )
    )
    if result.trusted_now:
        print(_("Kunci pengirim sekarang dipercaya."))
    if result.already_imported_at:
        print(_("Paket ini sudah pernah diimpor; tidak ada yang berubah."))
        return EXIT_OK
    for line in result.summary.lines():
        print(line)
    if result.summary.conflicts:
        print(_("Tinjau konflik di aplikasi: menu Sinkron › Konflik dan data ganda."))
    return EXIT_OK


def _sync(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.base.errors import UserFacingError
    from sp_desktop.core.sync.hub import (
        HubSettings,
        load_hub_settings,
        save_hub_settings,
        sync_with_hub,
    )

    storage = installation.storage
    saved = load_hub_settings(storage)
    if args.hub:
        same = saved is not None and saved.url == args.hub and saved.user == args.hub_user
        password = os.environ.get("SP_DESKTOP_HUB_PASSWORD") or (
            saved.password if same and saved is not None else ""
        )
        if not password and args.hub_user:
            password = secret("SP_DESKTOP_HUB_PASSWORD", _("Kata sandi server"))
        settings = HubSettings(args.hub, args.hub_user, password)
    elif saved is not None:
        settings = saved
    else:
        raise UserFacingError(
            _("Belum ada server sinkron untuk instalasi ini."),
            hint=_("Sebutkan --hub URL (dan --hub-user NAMA), atau atur servernya di aplikasi."),
        )
    if args.save:
        save_hub_settings(storage, settings)
    print(_("Sinkron dengan {address} …").format(address=settings.display_url()))
    result = sync_with_hub(storage, settings, progress=progress())
    end_progress()
    for line in result.lines():
        print(line)
    if result.pulled.conflicts:
        print(_("Tinjau konflik di aplikasi: menu Sinkron › Konflik dan data ganda."))
    return EXIT_OK
