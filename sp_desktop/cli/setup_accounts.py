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
    whole_number,
)
from sp_desktop.core.base.i18n import _

if TYPE_CHECKING:
    from sp_desktop.core.domain.model import Account
    from sp_desktop.core.security.installation import Installation


def register(commands: Commands) -> None:
    setup = commands.add_parser("setup", help=_("siapkan instalasi baru dan akun admin pertama"))
    setup.add_argument("--office", required=True, metavar=_("NAMA"), help=_("nama kantor/posko"))
    setup.add_argument(
        "--kelurahan", required=True, metavar=_("KODE"), help=_("kode kelurahan/desa")
    )
    setup.add_argument("--admin-nip", required=True, metavar="NIP")
    setup.add_argument("--admin-name", required=True, metavar=_("NAMA"))
    setup.add_argument(
        "--recovery-sheet",
        required=True,
        type=Path,
        metavar=_("BERKAS.pdf"),
        help=_("ke mana lembar pemulihan (PDF) ditulis; cetak lalu simpan di tempat terkunci"),
    )
    runs_without_sign_in(setup, _setup)  # there is no account yet
    recover = commands.add_parser(
        "recover",
        help=_("semua kata sandi lupa: buka dengan lembar pemulihan, beri admin sandi baru"),
    )
    recover.add_argument("--admin-nip", required=True, metavar="NIP")
    runs_without_sign_in(recover, _recover)  # opens the data with the recovery key
    _register_account(commands)
    audit = commands.add_parser("audit", help=_("jejak audit"))
    audit_commands = audit.add_subparsers(
        dest="audit_command", metavar=_("TINDAKAN"), parser_class=Parser, required=True
    )
    runs(
        audit_commands.add_parser("verify", help=_("periksa rantai hash jejak audit")),
        _audit_verify,
    )
    audit_list = audit_commands.add_parser("list", help=_("tampilkan catatan terbaru"))
    audit_list.add_argument(
        "--limit", type=whole_number, default=50, metavar="N", help=_("paling banyak N catatan")
    )
    audit_list.add_argument(
        "--action", default="", metavar=_("TINDAKAN"), help=_("hanya catatan tindakan ini")
    )
    runs(audit_list, _audit_list)


def _setup(args: argparse.Namespace) -> int:
    from sp_desktop.core.domain.model import Helper
    from sp_desktop.core.security.installation import PROGRAM_CLI, Installation
    from sp_desktop.core.security.safekeeping import print_recovery_sheet

    password = new_secret("SP_DESKTOP_PASSWORD", _("Kata sandi admin"))
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
        _("Instalasi siap di {folder}. Lembar pemulihan: {path}").format(
            folder=data_dir(args), path=args.recovery_sheet
        )
    )
    print(
        _(
            "Cetak lembar itu, simpan di tempat terkunci, lalu hapus berkas PDF-nya. Tanpa kata "
            "sandi satu pun dan tanpa lembar itu, data tidak dapat dipulihkan."
        )
    )
    return EXIT_OK


def _recover(args: argparse.Namespace) -> int:
    from sp_desktop.core.security.installation import PROGRAM_CLI, Installation

    recovery_key = secret("SP_DESKTOP_RECOVERY_KEY", _("Kunci pemulihan"))
    password = new_secret("SP_DESKTOP_NEW_PASSWORD", _("Kata sandi baru"))
    with Installation.recover(
        data_dir(args),
        recovery_key,
        admin_nip=args.admin_nip,
        new_password=password,
        program=PROGRAM_CLI,
    ) as installation:
        print(
            _("Kata sandi baru untuk {account} sudah dipasang.").format(
                account=installation.account.label()
            )
        )
    return EXIT_OK


def _register_account(commands: Commands) -> None:
    account = commands.add_parser("account", help=_("kelola akun"))
    account_commands = account.add_subparsers(
        dest="account_command", metavar=_("TINDAKAN"), parser_class=Parser, required=True
    )
    runs(account_commands.add_parser("list", help=_("daftar akun")), _account_list)
    add = account_commands.add_parser(
        "add", help=_("tambah akun (sandi pertama: SP_DESKTOP_NEW_PASSWORD)")
    )
    add.add_argument("--nip", required=True)
    add.add_argument("--name", required=True, metavar=_("NAMA"))
    add.add_argument(
        "--role",
        required=True,
        choices=["petugas", "admin_opd", "koordinator", "admin"],
        help=_("peran akun"),
    )
    add.add_argument("--opd", default="", metavar="OPD")
    runs(add, _account_add)
    password = account_commands.add_parser(
        "password", help=_("ganti kata sandi (baru: SP_DESKTOP_NEW_PASSWORD atau diketik)")
    )
    password.add_argument("nip", metavar="NIP")
    runs(password, _account_password)
    deactivate = account_commands.add_parser("deactivate", help=_("nonaktifkan akun"))
    deactivate.add_argument("nip", metavar="NIP")
    runs(deactivate, _account_deactivate)


def _account_list(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.permissions import ROLE_LABELS, Role

    for account in installation.storage.accounts():
        status = _("aktif") if account.active else _("nonaktif")
        role = _(ROLE_LABELS[Role(account.role)])
        print(f"{account.nip}\t{account.name}\t{role}\t{status}")
    return EXIT_OK


def _account_add(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.model import Helper
    from sp_desktop.core.domain.permissions import ROLE_LABELS, Role

    password = new_secret("SP_DESKTOP_NEW_PASSWORD", _("Kata sandi pertama akun baru"))
    account = installation.save_account(
        Helper(nip=args.nip, name=args.name, opd=args.opd), Role(args.role), password=password
    )
    print(
        _("Akun {account} dibuat sebagai {role}.").format(
            account=account.label(), role=_(ROLE_LABELS[Role(account.role)])
        )
    )
    return EXIT_OK


def _account_password(args: argparse.Namespace, installation: Installation) -> int:
    target = _account(installation, args.nip)
    installation.set_password(
        target.id, new_secret("SP_DESKTOP_NEW_PASSWORD", _("Kata sandi baru"))
    )
    print(_("Kata sandi {account} sudah diganti.").format(account=target.label()))
    return EXIT_OK


def _account_deactivate(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.permissions import Role

    target = _account(installation, args.nip)
    helper = next(h for h in installation.storage.helpers() if h.id == target.helper_id)
    installation.save_account(helper, Role(target.role), active=False)
    print(_("Akun {account} dinonaktifkan.").format(account=target.label()))
    return EXIT_OK


def _account(installation: Installation, nip: str) -> Account:
    from sp_desktop.core.base.errors import NotFoundError

    account = installation.storage.account_by_nip(nip)
    if account is None:
        raise NotFoundError(
            _("Tidak ada akun dengan NIP itu."), hint=_("Lihat: sp-desktop account list")
        )
    return account


def _audit_verify(args: argparse.Namespace, installation: Installation) -> int:
    report = installation.storage.verify_audit()
    print(report.describe(), file=sys.stdout if report.ok else sys.stderr)
    # The key file's check (kunci.json) belongs to the same question: can the trail and
    # the roles be trusted?
    for problem in installation.key_problems:
        print("✖ " + problem, file=sys.stderr)
    return EXIT_OK if report.ok and not installation.key_problems else EXIT_PROBLEM


def _audit_list(args: argparse.Namespace, installation: Installation) -> int:
    for entry in installation.storage.audit_entries(action=args.action, limit=args.limit):
        details = json.dumps(entry.details, ensure_ascii=False)
        print(f"{entry.seq}\t{entry.at}\t{entry.actor}\t{entry.action}\t{entry.entity}\t{details}")
    return EXIT_OK
