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
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation


def register(commands: Commands) -> None:
    backup = commands.add_parser("backup", help="buat cadangan terenkripsi sekarang")
    backup.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="folder tujuan (mis. flashdisk); bawaan: folder 'cadangan'",
    )
    runs(backup, _backup)
    restore = commands.add_parser("restore", help="pulihkan data dari berkas cadangan")
    restore.add_argument("file", type=Path, metavar="BERKAS")
    restore.add_argument(
        "--recovery-key",
        action="store_true",
        help="buka cadangan dengan lembar pemulihan (SP_DESKTOP_RECOVERY_KEY atau diketik)",
    )
    runs_without_sign_in(restore, _restore)  # signs in to the backup, not to the data
    withdraw = commands.add_parser(
        "withdraw-consent", help="catat penarikan persetujuan dan hapus data pribadinya"
    )
    withdraw.add_argument("household_id", metavar="ID_RUMAH_TANGGA")
    runs(withdraw, _withdraw)
    retention = commands.add_parser("retention", help="akhir masa simpan data pribadi")
    retention.add_argument("until", metavar="TANGGAL", help="YYYY-MM-DD, atau 'tidak'")
    runs(retention, _retention)
    purge = commands.add_parser(
        "purge", help="hapus data pribadi setelah masa simpan berakhir, tulis berita acara"
    )
    purge.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf")
    runs(purge, _purge)


def _backup(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.security.backup import create_backup

    path = create_backup(installation, target_dir=args.out, label="manual")
    print(f"Cadangan terenkripsi dibuat: {path}")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from sp_desktop.core.security.backup import restore_backup
    from sp_desktop.core.security.installation import PROGRAM_CLI

    if args.recovery_key:
        # An admin of the backup is named (--user) and gets a new password with it.
        secrets = {
            "nip": user(args),
            "recovery_key": secret("SP_DESKTOP_RECOVERY_KEY", "Kunci pemulihan"),
            "password": new_secret("SP_DESKTOP_NEW_PASSWORD", "Kata sandi baru"),
        }
    else:
        secrets = {
            "nip": user(args),
            "password": secret("SP_DESKTOP_PASSWORD", "Kata sandi"),
        }
    installation = restore_backup(data_dir(args), args.file, program=PROGRAM_CLI, **secrets)
    with installation:
        print(f"Data dipulihkan dari {args.file}. Data sebelumnya disimpan di folder 'cadangan'.")
    return EXIT_OK


def _withdraw(args: argparse.Namespace, installation: Installation) -> int:
    installation.storage.withdraw_consent(args.household_id)
    print(
        "Persetujuan ditarik: data pribadi rumah tangga itu dihapus; hitungan kunjungannya tetap."
    )
    return EXIT_OK


def _retention(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.base.errors import UserFacingError

    if args.until.lower() in ("tidak", "none", ""):
        until = None
    else:
        try:
            until = date.fromisoformat(args.until)
        except ValueError as exc:
            raise UserFacingError(
                "Tanggal tidak dikenali.", hint="Tulis seperti 2021-12-31, atau 'tidak'."
            ) from exc
    installation.storage.set_retention_until(until)
    print(f"Akhir masa simpan: {until.isoformat() if until else 'tidak ditetapkan'}.")
    return EXIT_OK


def _purge(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.security.safekeeping import purge_and_report

    summary = purge_and_report(installation, args.out, progress=progress())
    print(
        f"Data pribadi {format_count(summary.purged)} rumah tangga dihapus; hitungan tetap. "
        f"Berita acara: {args.out}"
    )
    return EXIT_OK
