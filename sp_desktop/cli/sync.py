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
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation


def register(commands: Commands) -> None:
    import_cmd = commands.add_parser("import", help="impor paket data dari kantor/posko lain")
    import_cmd.add_argument("format", choices=["bundle"], metavar="bundle")
    import_cmd.add_argument("file", type=Path, metavar="BERKAS")
    import_cmd.add_argument(
        "--trust-key",
        default="",
        metavar="SIDIK",
        help="percayai kunci pengirim dengan sidik ini (sudah dicocokkan lewat telepon)",
    )
    runs(import_cmd, _import)
    sync = commands.add_parser("sync", help="sinkronkan data dengan server (hub) CouchDB")
    sync.add_argument("--hub", default="", metavar="URL", help="alamat basis data di server")
    sync.add_argument("--hub-user", default="", metavar="NAMA", help="nama pengguna di server")
    sync.add_argument(
        "--save", action="store_true", help="simpan alamat dan akun server ini (terenkripsi)"
    )
    runs(sync, _sync)


def export_bundle(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.sync.bundle import write_bundle

    result = write_bundle(
        installation.storage, args.out, since_last_export=not args.all, progress=progress()
    )
    end_progress()
    counts = ", ".join(
        f"{format_count(n)} {kind.replace('_', ' ')}" for kind, n in result.counts.items()
    )
    print(f"Paket data disimpan: {result.path} ({counts or 'tidak ada perubahan baru'}).")
    if result.files:
        print(f"Termasuk {format_count(result.files)} berkas bukti pengisian.")
    print(f"Sidik kunci pengirim: {installation.storage.own_public_key().fingerprint}")
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
        print(f"Paket ini ditandatangani kunci yang belum dikenal: {exc.key.fingerprint}")
        if exc.office:
            print(f"Menurut paketnya, pengirimnya: {exc.office}")
        print("Cocokkan sidik ini dengan kantor pengirim lewat telepon sebelum menerimanya.")
        answer = input("Percayai kunci ini dan impor paketnya? [y/T] ").strip().lower()
        if answer not in ("y", "ya"):
            print("Paket tidak diimpor. Data tidak diubah.")
            return EXIT_PROBLEM
        result = import_bundle(
            installation.storage,
            args.file,
            trust_fingerprint=exc.key.fingerprint,
            progress=progress(),
        )
    end_progress()
    sender = result.sender_office or "kantor tanpa nama"
    print(f"Paket dari {sender} ({result.sender_key.fingerprint}).")
    if result.trusted_now:
        print("Kunci pengirim sekarang dipercaya.")
    if result.already_imported_at:
        print("Paket ini sudah pernah diimpor; tidak ada yang berubah.")
        return EXIT_OK
    for line in result.summary.lines():
        print(line)
    if result.summary.conflicts:
        print("Tinjau konflik di aplikasi: menu Sinkron › Konflik dan data ganda.")
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
            password = secret("SP_DESKTOP_HUB_PASSWORD", "Kata sandi server")
        settings = HubSettings(args.hub, args.hub_user, password)
    elif saved is not None:
        settings = saved
    else:
        raise UserFacingError(
            "Belum ada server sinkron untuk instalasi ini.",
            hint="Sebutkan --hub URL (dan --hub-user NAMA), atau atur servernya di aplikasi.",
        )
    if args.save:
        save_hub_settings(storage, settings)
    print(f"Sinkron dengan {settings.display_url()} …")
    result = sync_with_hub(storage, settings, progress=progress())
    end_progress()
    for line in result.lines():
        print(line)
    if result.pulled.conflicts:
        print("Tinjau konflik di aplikasi: menu Sinkron › Konflik dan data ganda.")
    return EXIT_OK
