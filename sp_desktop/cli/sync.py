"""Data between offices: import (a bundle), sync (with a hub), and `export bundle`, whose
command is declared with the other exports in documents.py."""

from __future__ import annotations

import argparse
import os
import re
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
    from sp_desktop.core.trust.signing import PublicKey


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


def add_seal_options(export: argparse.ArgumentParser) -> None:
    """`export bundle`: to whom the bundle is sealed, or explicitly in clear."""
    export.add_argument(
        "--recipient",
        action="append",
        type=Path,
        default=[],
        metavar=_("KANTOR.spkunci"),
        help=_(
            "paket data: segel untuk kantor pemilik kunci publik ini (boleh berulang); "
            "kantor ini selalu ikut bisa membukanya"
        ),
    )
    export.add_argument(
        "--trusted-recipient",
        action="append",
        default=[],
        metavar=_("SIDIK|semua"),
        help=_(
            "paket data: segel untuk kantor tepercaya dengan sidik ini (boleh berulang), atau "
            "'semua' kantor tepercaya yang kuncinya bisa menerima paket bersegel"
        ),
    )
    export.add_argument(
        "--tanpa-segel",
        action="store_true",
        help=_("paket data: simpan TANPA segel (NIK dan No KK terbaca siapa saja)"),
    )


def refuse_seal_options(args: argparse.Namespace, what: str) -> None:
    from sp_desktop.core.base.errors import UserFacingError

    if args.recipient or args.trusted_recipient or args.tanpa_segel:
        raise UserFacingError(
            _(
                "--recipient, --trusted-recipient dan --tanpa-segel hanya untuk paket data, "
                "bukan {what}."
            ).format(what=what),
            hint=_("Hapus pilihan itu."),
        )


def _seal_recipients(
    args: argparse.Namespace, installation: Installation
) -> list[PublicKey] | None:
    """The offices a bundle is sealed to; None for a clear bundle (asked for explicitly)."""
    from sp_desktop.cli.keys import key_files
    from sp_desktop.core.base.errors import UserFacingError

    wanted_trusted = [w.strip() for w in args.trusted_recipient if w.strip()]
    if args.tanpa_segel:
        if args.recipient or wanted_trusted:
            raise UserFacingError(
                _("--tanpa-segel tidak bisa digabung dengan penerima paket."),
                hint=_("Pilih salah satu: sebutkan penerimanya, atau --tanpa-segel."),
            )
        return None
    if not args.recipient and not wanted_trusted:
        raise UserFacingError(
            _(
                "Paket data berisi NIK dan No KK lengkap: sebutkan kantor yang boleh "
                "membukanya, atau nyatakan paket tanpa segel."
            ),
            hint=_(
                "Tambahkan --recipient KANTOR.spkunci atau --trusted-recipient SIDIK (atau "
                "'semua'), atau --tanpa-segel bila siapa pun yang mendapat berkasnya boleh "
                "membaca semua nomornya."
            ),
        )
    keys = key_files(args.recipient)
    if wanted_trusted:
        trusted = [t.key for t in installation.storage.trusted_keys() if not t.own]
        by_id = {k.key_id: k for k in trusted}
        for wanted in wanted_trusted:
            if wanted.lower() in ("semua", "all"):
                keys.extend(k for k in trusted if k.exchange)
                if not any(k.exchange for k in trusted):
                    raise UserFacingError(
                        _("Belum ada kantor tepercaya yang kuncinya bisa menerima paket bersegel."),
                        hint=_(
                            "Impor berkas .spkunci terbaru dari kantor penerima (sp-desktop "
                            "key import), atau pakai --recipient KANTOR.spkunci."
                        ),
                    )
                continue
            key_id = re.sub(r"[^A-Z2-7]", "", wanted.upper())
            if key_id not in by_id:
                raise UserFacingError(
                    _("Tidak ada kantor tepercaya dengan sidik {fingerprint}.").format(
                        fingerprint=wanted
                    ),
                    hint=_("Lihat sidik kantor tepercaya dengan: sp-desktop key list"),
                )
            keys.append(by_id[key_id])
    for key in keys:
        if not key.exchange:
            raise UserFacingError(
                _(
                    "Kunci {office} ({fingerprint}) belum memuat kunci segel: berkas .spkunci "
                    "itu dibuat versi lama."
                ).format(office=key.office or _("tanpa nama kantor"), fingerprint=key.fingerprint),
                hint=_(
                    "Minta berkas .spkunci terbaru dari kantor itu lalu impor lagi (sp-desktop "
                    "key import), atau pilih kantor lain."
                ),
            )
    return list({k.key_id: k for k in keys}.values())


def export_bundle(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.permissions import Permission
    from sp_desktop.core.domain.sync_docs import KIND_BY_NAME
    from sp_desktop.core.sync.bundle import write_bundle, write_own_bundle

    storage = installation.storage
    recipients = _seal_recipients(args, installation)
    if not storage.can(Permission.SYNC) and storage.can(Permission.RECORD):
        # A petugas: their own households, always sealed (write_own_bundle).
        result = write_own_bundle(
            storage,
            args.out,
            recipients=[] if recipients is None else [k.exchange for k in recipients],
            progress=progress(),
        )
    else:
        result = write_bundle(
            storage,
            args.out,
            since_last_export=not args.all,
            progress=progress(),
            recipients=None if recipients is None else [k.exchange for k in recipients],
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
    print(_("Sidik kunci pengirim: {fingerprint}").format(fingerprint=result.signed_by))
    if recipients is None:
        print(
            _(
                "PERINGATAN: {name} disimpan TANPA segel. NIK dan No KK lengkap di dalamnya "
                "terbaca oleh siapa pun yang mendapat berkasnya. Jangan kirim lewat WhatsApp "
                "atau surel, dan hapus dari flashdisk setelah diimpor."
            ).format(name=result.path.name),
            file=sys.stderr,
        )
    else:
        own_id = installation.storage.own_public_key().key_id
        names = ", ".join(
            f"{k.office or _('tanpa nama kantor')} ({k.fingerprint})"
            for k in recipients
            if k.key_id != own_id
        )
        if names:
            print(
                _("Disegel: hanya bisa dibuka oleh {offices} dan kantor ini.").format(offices=names)
            )
        else:
            print(_("Disegel: hanya kantor ini yang bisa membukanya."))
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
