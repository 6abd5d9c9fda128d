"""Setting up an installation and who may use it: setup, recover, account, audit."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sp_desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    Parser,
    data_dir,
    new_secret,
    runs,
    runs_without_sign_in,
    secret,
)

if TYPE_CHECKING:
    from sp_desktop.core.domain.model import Account
    from sp_desktop.core.security.installation import Installation


def register(commands: Commands) -> None:
    setup = commands.add_parser("setup", help="siapkan instalasi baru dan akun admin pertama")
    setup.add_argument("--office", required=True, metavar="NAMA", help="nama kantor/posko")
    setup.add_argument("--kelurahan", required=True, metavar="KODE", help="kode kelurahan/desa")
    setup.add_argument("--admin-nip", required=True, metavar="NIP")
    setup.add_argument("--admin-name", required=True, metavar="NAMA")
    setup.add_argument(
        "--recovery-sheet",
        required=True,
        type=Path,
        metavar="BERKAS.pdf",
        help="ke mana lembar pemulihan (PDF) ditulis; cetak lalu simpan di tempat terkunci",
    )
    runs_without_sign_in(setup, _setup)  # there is no account yet
    recover = commands.add_parser(
        "recover", help="semua kata sandi lupa: buka dengan lembar pemulihan, beri admin sandi baru"
    )
    recover.add_argument("--admin-nip", required=True, metavar="NIP")
    runs_without_sign_in(recover, _recover)  # opens the data with the recovery key
    _register_account(commands)
    audit = commands.add_parser("audit", help="jejak audit")
    audit_commands = audit.add_subparsers(
        dest="audit_command", metavar="TINDAKAN", parser_class=Parser, required=True
    )
    runs(audit_commands.add_parser("verify", help="periksa rantai hash jejak audit"), _audit_verify)
    audit_list = audit_commands.add_parser("list", help="tampilkan catatan terbaru")
    audit_list.add_argument("--limit", type=int, default=50, metavar="N")
    audit_list.add_argument("--action", default="", metavar="TINDAKAN")
    runs(audit_list, _audit_list)


def _setup(args: argparse.Namespace) -> int:
    from sp_desktop.core.domain.model import Helper
    from sp_desktop.core.security.installation import PROGRAM_CLI, Installation
    from sp_desktop.core.security.safekeeping import print_recovery_sheet

    password = new_secret("SP_DESKTOP_PASSWORD", "Kata sandi admin")
    installation, recovery_key = Installation.create(
        data_dir(args),
        office=args.office,
        kelurahan_code=args.kelurahan,
        admin=Helper(nip=args.admin_nip, name=args.admin_name),
        password=password,
        program=PROGRAM_CLI,
    )
    with installation:
        print_recovery_sheet(installation, recovery_key, args.recovery_sheet)
    print(
        f"Instalasi siap di {data_dir(args)}. Lembar pemulihan: {args.recovery_sheet}\n"
        "Cetak lembar itu, simpan di tempat terkunci, lalu hapus berkas PDF-nya. Tanpa kata "
        "sandi satu pun dan tanpa lembar itu, data tidak dapat dipulihkan."
    )
    return EXIT_OK


def _recover(args: argparse.Namespace) -> int:
    from sp_desktop.core.security.installation import PROGRAM_CLI, Installation

    recovery_key = secret("SP_DESKTOP_RECOVERY_KEY", "Kunci pemulihan")
    password = new_secret("SP_DESKTOP_NEW_PASSWORD", "Kata sandi baru")
    with Installation.recover(
        data_dir(args),
        recovery_key,
        admin_nip=args.admin_nip,
        new_password=password,
        program=PROGRAM_CLI,
    ) as installation:
        print(f"Kata sandi baru untuk {installation.account.label()} sudah dipasang.")
    return EXIT_OK


def _register_account(commands: Commands) -> None:
    account = commands.add_parser("account", help="kelola akun")
    account_commands = account.add_subparsers(
        dest="account_command", metavar="TINDAKAN", parser_class=Parser, required=True
    )
    runs(account_commands.add_parser("list", help="daftar akun"), _account_list)
    add = account_commands.add_parser(
        "add", help="tambah akun (sandi pertama: SP_DESKTOP_NEW_PASSWORD)"
    )
    add.add_argument("--nip", required=True)
    add.add_argument("--name", required=True, metavar="NAMA")
    add.add_argument(
        "--role", required=True, choices=["petugas", "admin_opd", "koordinator", "admin"]
    )
    add.add_argument("--opd", default="", metavar="OPD")
    runs(add, _account_add)
    password = account_commands.add_parser(
        "password", help="ganti kata sandi (baru: SP_DESKTOP_NEW_PASSWORD atau diketik)"
    )
    password.add_argument("nip", metavar="NIP")
    runs(password, _account_password)
    deactivate = account_commands.add_parser("deactivate", help="nonaktifkan akun")
    deactivate.add_argument("nip", metavar="NIP")
    runs(deactivate, _account_deactivate)


def _account_list(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.permissions import ROLE_LABELS, Role

    for account in installation.storage.accounts():
        status = "aktif" if account.active else "nonaktif"
        print(f"{account.nip}\t{account.name}\t{ROLE_LABELS[Role(account.role)]}\t{status}")
    return EXIT_OK


def _account_add(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.model import Helper
    from sp_desktop.core.domain.permissions import ROLE_LABELS, Role

    password = new_secret("SP_DESKTOP_NEW_PASSWORD", "Kata sandi pertama akun baru")
    account = installation.save_account(
        Helper(nip=args.nip, name=args.name, opd=args.opd), Role(args.role), password=password
    )
    print(f"Akun {account.label()} dibuat sebagai {ROLE_LABELS[Role(account.role)]}.")
    return EXIT_OK


def _account_password(args: argparse.Namespace, installation: Installation) -> int:
    target = _account(installation, args.nip)
    installation.set_password(target.id, new_secret("SP_DESKTOP_NEW_PASSWORD", "Kata sandi baru"))
    print(f"Kata sandi {target.label()} sudah diganti.")
    return EXIT_OK


def _account_deactivate(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.permissions import Role

    target = _account(installation, args.nip)
    helper = next(h for h in installation.storage.helpers() if h.id == target.helper_id)
    installation.save_account(helper, Role(target.role), active=False)
    print(f"Akun {target.label()} dinonaktifkan.")
    return EXIT_OK


def _account(installation: Installation, nip: str) -> Account:
    from sp_desktop.core.base.errors import NotFoundError

    account = installation.storage.account_by_nip(nip)
    if account is None:
        raise NotFoundError("Tidak ada akun dengan NIP itu.", hint="Lihat: sp-desktop account list")
    return account


def _audit_verify(args: argparse.Namespace, installation: Installation) -> int:
    report = installation.storage.verify_audit()
    print(report.describe(), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_PROBLEM


def _audit_list(args: argparse.Namespace, installation: Installation) -> int:
    for entry in installation.storage.audit_entries(action=args.action, limit=args.limit):
        details = json.dumps(entry.details, ensure_ascii=False)
        print(f"{entry.seq}\t{entry.at}\t{entry.actor}\t{entry.action}\t{entry.entity}\t{details}")
    return EXIT_OK
