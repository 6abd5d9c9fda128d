"""Keeping the data safe and letting it go: backup, restore, withdraw-consent, retention,
purge."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sp_desktop.cli.common import (
    EXIT_OK,
    Commands,
    data_dir,
    new_secret,
    progress,
    runs,
    runs_without_sign_in,
    secret,
    user,
)
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation


def register(commands: Commands) -> None:
    backup = commands.add_parser("backup", help=_("buat cadangan terenkripsi sekarang"))
    backup.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar=_("FOLDER"),
        help=_("folder tujuan (mis. flashdisk); bawaan: folder 'cadangan'"),
    )
    runs(backup, _backup)
    restore = commands.add_parser("restore", help=_("pulihkan data dari berkas cadangan"))
    restore.add_argument("file", type=Path, metavar=_("BERKAS"))
    restore.add_argument(
        "--recovery-key",
        action="store_true",
        help=_("buka cadangan dengan lembar pemulihan (SP_DESKTOP_RECOVERY_KEY atau diketik)"),
    )
    runs_without_sign_in(restore, _restore)  # signs in to the backup, not to the data
    withdraw = commands.add_parser(
        "withdraw-consent", help=_("catat penarikan persetujuan dan hapus data pribadinya")
    )
    withdraw.add_argument("household_id", metavar=_("ID_RUMAH_TANGGA"))
    runs(withdraw, _withdraw)
    retention = commands.add_parser("retention", help=_("akhir masa simpan data pribadi"))
    retention.add_argument(
        "until", metavar=_("TANGGAL"), help=_("YYYY-MM-DD, atau 'tidak' (tanpa batas)")
    )
    runs(retention, _retention)
    purge = commands.add_parser(
        "purge", help=_("hapus data pribadi setelah masa simpan berakhir, tulis berita acara")
    )
    purge.add_argument("--out", required=True, type=Path, metavar=_("BERKAS.pdf"))
    runs(purge, _purge)


def _backup(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.security.backup import create_backup

    path = create_backup(installation, target_dir=args.out, label="manual")
    print(_("Cadangan terenkripsi dibuat: {path}").format(path=path))
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from sp_desktop.core.security.backup import restore_backup
    from sp_desktop.core.security.installation import PROGRAM_CLI

    nip = user(args)  # before any prompt: a missing --user is said first
    recovery_key = password = ""
    if args.recovery_key:
        # An admin of the backup is named (--user) and gets a new password with it.
        recovery_key = secret("SP_DESKTOP_RECOVERY_KEY", _("Kunci pemulihan"))
        password = new_secret("SP_DESKTOP_NEW_PASSWORD", _("Kata sandi baru"))
    else:
        password = secret("SP_DESKTOP_PASSWORD", _("Kata sandi"))
    installation = restore_backup(
        data_dir(args),
        args.file,
        program=PROGRAM_CLI,
        nip=nip,
        password=password,
        recovery_key=recovery_key,
    )
    with installation:
        print(
            _("Data dipulihkan dari {path}. Data sebelumnya disimpan di folder 'cadangan'.").format(
                path=args.file
            )
        )
    return EXIT_OK


def _withdraw(args: argparse.Namespace, installation: Installation) -> int:
    installation.storage.withdraw_consent(args.household_id)
    print(
        _(
            "Persetujuan ditarik: data pribadi rumah tangga itu dihapus; hitungan kunjungannya "
            "tetap."
        )
    )
    return EXIT_OK


def _retention(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.base.errors import UserFacingError

    # 'tidak' in any language ('no'/'none' too): the word scripts have been using.
    if args.until.lower() in ("tidak", "none", "no", ""):
        until = None
    else:
        try:
            until = date.fromisoformat(args.until)
        except ValueError as exc:
            raise UserFacingError(
                _("Tanggal tidak dikenali."), hint=_("Tulis seperti 2021-12-31, atau 'tidak'.")
            ) from exc
    installation.storage.set_retention_until(until)
    if until:
        print(_("Akhir masa simpan: {date}.").format(date=until.isoformat()))
    else:
        print(_("Akhir masa simpan: tidak ditetapkan."))
    return EXIT_OK


def _purge(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.security.safekeeping import purge_and_report

    summary = purge_and_report(installation, args.out, progress=progress())
    print(
        _("Data pribadi {count} rumah tangga dihapus; hitungan tetap. Berita acara: {path}").format(
            count=format_count(summary.purged), path=args.out
        )
    )
    return EXIT_OK
