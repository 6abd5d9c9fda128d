"""The `sp-desktop` command: the window by default, and commands on the same core.

Every failure the user can fix prints one line in Bahasa Indonesia and exits non-zero;
no traceback reaches the terminal. Exit codes: 0 done, 1 a problem with the data or
the values given, 2 a mistyped command, 3 a bug (details saved to a crash file).

Every command that reads or writes the data signs in: `--user NIP` (or SP_DESKTOP_USER)
with the password from SP_DESKTOP_PASSWORD or typed at a prompt. The role of that
account decides what the command may do, exactly as in the window.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sp_desktop import __version__
from sp_desktop.core.base import clock
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.base.progress import Progress
    from sp_desktop.core.documents.verification import Verdict
    from sp_desktop.core.domain.model import Account
    from sp_desktop.core.domain.reports import ReportFilter
    from sp_desktop.core.security.installation import Installation
    from sp_desktop.core.trust.signing import PublicKey

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
MAX_DEMO_HOUSEHOLDS = 5_000_000


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sp-desktop",
        description="SP Desktop: catatan pendampingan rumah tangga untuk Sensus Penduduk Online.",
        epilog="Tanpa perintah, jendela aplikasi dibuka.",
    )
    parser.add_argument("--version", action="version", version=f"SP Desktop {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder data (bawaan: SP_DESKTOP_DATA_DIR bila diisi, lalu folder bersama bila "
        "disiapkan penginstal, selain itu folder data pengguna ini)",
    )
    parser.add_argument(
        "--user",
        metavar="NIP",
        default=None,
        help="NIP akun yang masuk (atau SP_DESKTOP_USER); kata sandi dari SP_DESKTOP_PASSWORD "
        "atau diketik",
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    demo = commands.add_parser("demo", help="isi folder data kosong dengan data contoh")
    demo.add_argument(
        "--households",
        type=int,
        required=True,
        metavar="N",
        help="jumlah rumah tangga (0 sampai 5.000.000)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2020,
        metavar="S",
        help="benih acak; benih sama, data sama (bawaan 2020)",
    )
    commands.add_parser("stats", help="cetak ringkasan data sebagai JSON")
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
    recover = commands.add_parser(
        "recover", help="semua kata sandi lupa: buka dengan lembar pemulihan, beri admin sandi baru"
    )
    recover.add_argument("--admin-nip", required=True, metavar="NIP")
    account = commands.add_parser("account", help="kelola akun")
    account_commands = account.add_subparsers(
        dest="account_command", metavar="TINDAKAN", parser_class=_Parser, required=True
    )
    account_commands.add_parser("list", help="daftar akun")
    add = account_commands.add_parser(
        "add", help="tambah akun (sandi pertama: SP_DESKTOP_NEW_PASSWORD)"
    )
    add.add_argument("--nip", required=True)
    add.add_argument("--name", required=True, metavar="NAMA")
    add.add_argument(
        "--role", required=True, choices=["petugas", "admin_opd", "koordinator", "admin"]
    )
    add.add_argument("--opd", default="", metavar="OPD")
    password = account_commands.add_parser(
        "password", help="ganti kata sandi (baru: SP_DESKTOP_NEW_PASSWORD atau diketik)"
    )
    password.add_argument("nip", metavar="NIP")
    deactivate = account_commands.add_parser("deactivate", help="nonaktifkan akun")
    deactivate.add_argument("nip", metavar="NIP")
    audit_cmd = commands.add_parser("audit", help="jejak audit")
    audit_commands = audit_cmd.add_subparsers(
        dest="audit_command", metavar="TINDAKAN", parser_class=_Parser, required=True
    )
    audit_commands.add_parser("verify", help="periksa rantai hash jejak audit")
    audit_list = audit_commands.add_parser("list", help="tampilkan catatan terbaru")
    audit_list.add_argument("--limit", type=int, default=50, metavar="N")
    audit_list.add_argument("--action", default="", metavar="TINDAKAN")
    backup = commands.add_parser("backup", help="buat cadangan terenkripsi sekarang")
    backup.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="folder tujuan (mis. flashdisk); bawaan: folder 'cadangan'",
    )
    restore = commands.add_parser("restore", help="pulihkan data dari berkas cadangan")
    restore.add_argument("file", type=Path, metavar="BERKAS")
    restore.add_argument(
        "--recovery-key",
        action="store_true",
        help="buka cadangan dengan lembar pemulihan (SP_DESKTOP_RECOVERY_KEY atau diketik)",
    )
    withdraw = commands.add_parser(
        "withdraw-consent", help="catat penarikan persetujuan dan hapus data pribadinya"
    )
    withdraw.add_argument("household_id", metavar="ID_RUMAH_TANGGA")
    retention = commands.add_parser("retention", help="akhir masa simpan data pribadi")
    retention.add_argument("until", metavar="TANGGAL", help="YYYY-MM-DD, atau 'tidak'")
    purge = commands.add_parser(
        "purge", help="hapus data pribadi setelah masa simpan berakhir, tulis berita acara"
    )
    purge.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf")
    _add_document_commands(commands)
    validate = commands.add_parser("validate", help="periksa NIK, No KK atau NIP")
    validate.add_argument("kind", choices=["nik", "kk", "nip"], help="jenis nomor")
    validate.add_argument("values", nargs="+", metavar="NILAI", help="nomor yang diperiksa")
    return parser


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("tanggal harus berbentuk YYYY-MM-DD") from None


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("penyaring (semua boleh dikosongkan)")
    group.add_argument("--from", dest="date_from", type=_date_arg, metavar="YYYY-MM-DD")
    group.add_argument("--to", dest="date_to", type=_date_arg, metavar="YYYY-MM-DD")
    group.add_argument("--kelurahan", default="", metavar="KODE", help="mis. 52.71.01.1004")
    group.add_argument("--post", default="", metavar="NAMA", help="nama posko")
    group.add_argument("--helper", default="", metavar="NIP", help="NIP petugas")


def _add_document_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    slip = commands.add_parser("slip", help="bukti pendampingan satu kunjungan (PDF)")
    slip.add_argument("visit_id", metavar="ID_KUNJUNGAN")
    slip.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf")
    slip.add_argument("--half", action="store_true", help="setengah A4 (dua bukti per lembar)")
    slips = commands.add_parser("slips", help="bukti pendampingan banyak kunjungan, satu PDF")
    slips.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf")
    slips.add_argument("--half", action="store_true", help="setengah A4 (dua bukti per lembar)")
    _add_filters(slips)
    recap = commands.add_parser("recap", help="rekapitulasi (PDF)")
    recap.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf")
    _add_filters(recap)
    export = commands.add_parser(
        "export", help="ekspor data ke Excel (xlsx), CSV, atau paket data untuk kantor lain"
    )
    export.add_argument("format", choices=["xlsx", "csv", "bundle"], metavar="{xlsx,csv,bundle}")
    export.add_argument("--out", required=True, type=Path, metavar="BERKAS")
    scope = export.add_mutually_exclusive_group()
    scope.add_argument(
        "--all", action="store_true", help="paket data: semua data (bawaan: sejak ekspor terakhir)"
    )
    scope.add_argument(
        "--since-last-export",
        action="store_true",
        help="paket data: hanya yang berubah sejak paket terakhir (bawaan)",
    )
    export.add_argument(
        "--rows",
        choices=["rumah-tangga", "kunjungan"],
        default="rumah-tangga",
        help="untuk CSV: satu baris per rumah tangga (bawaan) atau per kunjungan",
    )
    _add_filters(export)
    import_cmd = commands.add_parser("import", help="impor paket data dari kantor/posko lain")
    import_cmd.add_argument("format", choices=["bundle"], metavar="bundle")
    import_cmd.add_argument("file", type=Path, metavar="BERKAS")
    import_cmd.add_argument(
        "--trust-key",
        default="",
        metavar="SIDIK",
        help="percayai kunci pengirim dengan sidik ini (sudah dicocokkan lewat telepon)",
    )
    sync = commands.add_parser("sync", help="sinkronkan data dengan server (hub) CouchDB")
    sync.add_argument("--hub", default="", metavar="URL", help="alamat basis data di server")
    sync.add_argument("--hub-user", default="", metavar="NAMA", help="nama pengguna di server")
    sync.add_argument(
        "--save", action="store_true", help="simpan alamat dan akun server ini (terenkripsi)"
    )
    handover = commands.add_parser(
        "handover", help="paket serah terima bertanda tangan (folder, atau .zip)"
    )
    handover.add_argument("--out", required=True, type=Path, metavar="FOLDER|BERKAS.zip")
    _add_filters(handover)
    verify = commands.add_parser(
        "verify", help="periksa keaslian QR bukti, kode verifikasi, PDF, atau paket"
    )
    verify.add_argument("input", metavar="MASUKAN", help="teks QR, kode, berkas PDF, folder/zip")
    verify.add_argument(
        "--key",
        action="append",
        type=Path,
        default=[],
        metavar="BERKAS.spkunci",
        help="kunci publik kantor penerbit; dengan ini tidak perlu masuk ke data",
    )
    proof = commands.add_parser("proof", help="bukti pengisian rumah tangga (PDF/JPG/PNG)")
    proof_commands = proof.add_subparsers(dest="proof_command", metavar="TINDAKAN", required=True)
    proof_list = proof_commands.add_parser("list", help="berkas bukti sebuah kunjungan")
    proof_list.add_argument("visit_id", metavar="ID_KUNJUNGAN")
    proof_add = proof_commands.add_parser("add", help="lampirkan berkas bukti ke kunjungan")
    proof_add.add_argument("visit_id", metavar="ID_KUNJUNGAN")
    proof_add.add_argument("file", type=Path, metavar="BERKAS")
    proof_export = proof_commands.add_parser("export", help="simpan salinan berkas bukti")
    proof_export.add_argument("proof_id", metavar="ID_BERKAS")
    proof_export.add_argument("--out", required=True, type=Path, metavar="BERKAS")
    roster = commands.add_parser("roster", help="daftar pegawai (ASN) per OPD")
    roster_commands = roster.add_subparsers(
        dest="roster_command", metavar="TINDAKAN", parser_class=_Parser, required=True
    )
    roster_import = roster_commands.add_parser(
        "import", help="impor daftar ASN dari Excel (xlsx) atau CSV; NIP yang sudah ada diperbarui"
    )
    roster_import.add_argument("file", type=Path, metavar="BERKAS")
    roster_import.add_argument(
        "--opd", default="", metavar="NAMA", help="semua baris berkas ini untuk OPD ini"
    )
    evaluation = commands.add_parser(
        "evaluation", help="evaluasi capaian SP Online ASN per periode (PDF atau xlsx)"
    )
    evaluation.add_argument(
        "--from", dest="date_from", type=_date_arg, metavar="YYYY-MM-DD",
        help="awal periode (bawaan: 13 hari sebelum --to)",
    )  # fmt: skip
    evaluation.add_argument(
        "--to", dest="date_to", type=_date_arg, metavar="YYYY-MM-DD",
        help="akhir periode (bawaan: hari ini)",
    )  # fmt: skip
    evaluation.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf|.xlsx")
    key = commands.add_parser("key", help="kunci tanda tangan kantor ini dan kunci tepercaya")
    key_commands = key.add_subparsers(dest="key_command", metavar="TINDAKAN", required=True)
    key_commands.add_parser("list", help="sidik kunci sendiri dan kunci tepercaya")
    key_export = key_commands.add_parser("export", help="simpan kunci publik kantor ini")
    key_export.add_argument("--out", required=True, type=Path, metavar="BERKAS.spkunci")
    key_export.add_argument("--qr", type=Path, metavar="BERKAS.png", help="juga sebagai QR")
    key_import = key_commands.add_parser("import", help="percayai kunci publik kantor lain")
    key_import.add_argument("file", type=Path, metavar="BERKAS.spkunci")
    key_remove = key_commands.add_parser("remove", help="berhenti mempercayai sebuah kunci")
    key_remove.add_argument("key_id", metavar="SIDIK")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        # The window, as its shortcut starts it: building the parser of every command
        # costs ~15 ms before the login dialog can show.
        return _run(argparse.Namespace(command=None, data_dir=None, user=None))
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(f"sp-desktop: {_usage_message(str(exc))} Lihat: sp-desktop --help", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    return _run(args)


def _usage_message(message: str) -> str:
    if "invalid choice" in message:
        return "perintah atau pilihan tidak dikenal."
    if "required" in message:
        return "ada isian wajib yang belum diberikan (" + message.split(":")[-1].strip() + ")."
    if "invalid int value" in message:
        return "nilai harus berupa angka bulat."
    if "unrecognized arguments" in message:
        return "ada argumen yang tidak dikenal."
    if "expected one argument" in message:
        option = message.split(":")[0].replace("argument", "").strip()
        return f"{option} perlu diberi nilai."
    return message + "."


def _data_dir(args: argparse.Namespace) -> Path:
    from sp_desktop.core.base.data_folder import default_data_dir

    return args.data_dir if args.data_dir is not None else default_data_dir()


def _run(args: argparse.Namespace) -> int:
    from sp_desktop.core.base.errors import UserFacingError

    try:
        if args.command is None:
            from sp_desktop.ui.shell.app import run_app

            return run_app(_data_dir(args))
        if args.command == "validate":
            return _cmd_validate(args)
        if args.command == "demo":
            return _cmd_demo(args)
        if args.command == "setup":
            return _cmd_setup(args)
        if args.command == "recover":
            return _cmd_recover(args)
        if args.command == "restore":
            return _cmd_restore(args)
        if (
            args.command == "verify"
            and args.key
            and not (args.user or os.environ.get("SP_DESKTOP_USER"))
        ):
            return _cmd_verify_with_keys(args)
        handler = {
            "stats": _cmd_stats,
            "account": _cmd_account,
            "audit": _cmd_audit,
            "backup": _cmd_backup,
            "withdraw-consent": _cmd_withdraw,
            "retention": _cmd_retention,
            "purge": _cmd_purge,
            "slip": _cmd_slip,
            "slips": _cmd_slips,
            "recap": _cmd_recap,
            "export": _cmd_export,
            "import": _cmd_import,
            "sync": _cmd_sync,
            "handover": _cmd_handover,
            "verify": _cmd_verify,
            "key": _cmd_key,
            "proof": _cmd_proof,
            "roster": _cmd_roster,
            "evaluation": _cmd_evaluation,
        }[args.command]
        installation = _sign_in(args)
        try:
            return handler(args, installation)
        finally:
            installation.close()
    except UserFacingError as exc:
        print(f"sp-desktop: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("sp-desktop: dihentikan. Data yang sudah tersimpan aman.", file=sys.stderr)
        return EXIT_PROBLEM
    except BrokenPipeError:
        # The reader went away (`sp-desktop stats | head`): not a bug. Python would complain
        # again flushing stdout at exit, so point it at nothing.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEM
    except Exception as exc:
        from sp_desktop.core.base.errors import write_crash_report

        crash = write_crash_report(_data_dir(args), exc)
        print(
            "sp-desktop: terjadi kesalahan program. Data yang sudah tersimpan aman. "
            f"Kirim berkas ini ke pengembang: {crash}",
            file=sys.stderr,
        )
        return EXIT_BUG


def _secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        from sp_desktop.core.base.errors import UserFacingError

        raise UserFacingError(
            f"Tidak ada {prompt.lower()} untuk perintah ini.",
            hint=f"Isi variabel {env}, atau jalankan perintahnya di terminal agar bisa diketik.",
        )
    return getpass.getpass(f"{prompt}: ")


def _new_secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    first = _secret(env, prompt)
    if sys.stdin.isatty() and getpass.getpass(f"Ulangi {prompt.lower()}: ") != first:
        from sp_desktop.core.base.errors import UserFacingError

        raise UserFacingError("Kedua ketikan kata sandi tidak sama.", hint="Ulangi perintahnya.")
    return first


def _user(args: argparse.Namespace) -> str:
    nip = args.user or os.environ.get("SP_DESKTOP_USER", "")
    if not nip:
        from sp_desktop.core.base.errors import UserFacingError

        raise UserFacingError(
            "Perintah ini membuka data: sebutkan akun yang masuk.",
            hint="Tambahkan --user NIP (kata sandi dari SP_DESKTOP_PASSWORD atau diketik).",
        )
    return nip


def _sign_in(args: argparse.Namespace) -> Installation:
    from sp_desktop.core.security.installation import PROGRAM_CLI, Installation

    nip = _user(args)
    return Installation.open(
        _data_dir(args), nip, _secret("SP_DESKTOP_PASSWORD", "Kata sandi"), program=PROGRAM_CLI
    )


def _cmd_setup(args: argparse.Namespace) -> int:
    from sp_desktop.core.domain.model import Helper
    from sp_desktop.core.security.installation import PROGRAM_CLI, Installation
    from sp_desktop.core.security.safekeeping import print_recovery_sheet

    password = _new_secret("SP_DESKTOP_PASSWORD", "Kata sandi admin")
    installation, recovery_key = Installation.create(
        _data_dir(args),
        office=args.office,
        kelurahan_code=args.kelurahan,
        admin=Helper(nip=args.admin_nip, name=args.admin_name),
        password=password,
        program=PROGRAM_CLI,
    )
    with installation:
        print_recovery_sheet(installation, recovery_key, args.recovery_sheet)
    print(
        f"Instalasi siap di {_data_dir(args)}. Lembar pemulihan: {args.recovery_sheet}\n"
        "Cetak lembar itu, simpan di tempat terkunci, lalu hapus berkas PDF-nya. Tanpa kata "
        "sandi satu pun dan tanpa lembar itu, data tidak dapat dipulihkan."
    )
    return EXIT_OK


def _cmd_recover(args: argparse.Namespace) -> int:
    from sp_desktop.core.security.installation import PROGRAM_CLI, Installation

    recovery_key = _secret("SP_DESKTOP_RECOVERY_KEY", "Kunci pemulihan")
    password = _new_secret("SP_DESKTOP_NEW_PASSWORD", "Kata sandi baru")
    with Installation.recover(
        _data_dir(args),
        recovery_key,
        admin_nip=args.admin_nip,
        new_password=password,
        program=PROGRAM_CLI,
    ) as installation:
        print(f"Kata sandi baru untuk {installation.account.label()} sudah dipasang.")
    return EXIT_OK


def _cmd_account(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.model import Helper
    from sp_desktop.core.domain.permissions import ROLE_LABELS, Role

    storage = installation.storage
    if args.account_command == "list":
        for account in storage.accounts():
            status = "aktif" if account.active else "nonaktif"
            print(f"{account.nip}\t{account.name}\t{ROLE_LABELS[Role(account.role)]}\t{status}")
        return EXIT_OK
    if args.account_command == "add":
        password = _new_secret("SP_DESKTOP_NEW_PASSWORD", "Kata sandi pertama akun baru")
        account = installation.save_account(
            Helper(nip=args.nip, name=args.name, opd=args.opd), Role(args.role), password=password
        )
        print(f"Akun {account.label()} dibuat sebagai {ROLE_LABELS[Role(account.role)]}.")
        return EXIT_OK
    target = _account(installation, args.nip)
    if args.account_command == "password":
        installation.set_password(
            target.id, _new_secret("SP_DESKTOP_NEW_PASSWORD", "Kata sandi baru")
        )
        print(f"Kata sandi {target.label()} sudah diganti.")
        return EXIT_OK
    helper = next(h for h in storage.helpers() if h.id == target.helper_id)
    installation.save_account(helper, Role(target.role), active=False)
    print(f"Akun {target.label()} dinonaktifkan.")
    return EXIT_OK


def _account(installation: Installation, nip: str) -> Account:
    from sp_desktop.core.base.errors import NotFoundError

    account = installation.storage.account_by_nip(nip)
    if account is None:
        raise NotFoundError("Tidak ada akun dengan NIP itu.", hint="Lihat: sp-desktop account list")
    return account


def _cmd_audit(args: argparse.Namespace, installation: Installation) -> int:
    storage = installation.storage
    if args.audit_command == "verify":
        report = storage.verify_audit()
        print(report.describe(), file=sys.stdout if report.ok else sys.stderr)
        return EXIT_OK if report.ok else EXIT_PROBLEM
    for entry in storage.audit_entries(action=args.action, limit=args.limit):
        details = json.dumps(entry.details, ensure_ascii=False)
        print(f"{entry.seq}\t{entry.at}\t{entry.actor}\t{entry.action}\t{entry.entity}\t{details}")
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.security.backup import create_backup

    path = create_backup(installation, target_dir=args.out, label="manual")
    print(f"Cadangan terenkripsi dibuat: {path}")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from sp_desktop.core.security.backup import restore_backup
    from sp_desktop.core.security.installation import PROGRAM_CLI

    if args.recovery_key:
        # An admin of the backup is named (--user) and gets a new password with it.
        secret = {
            "nip": _user(args),
            "recovery_key": _secret("SP_DESKTOP_RECOVERY_KEY", "Kunci pemulihan"),
            "password": _new_secret("SP_DESKTOP_NEW_PASSWORD", "Kata sandi baru"),
        }
    else:
        secret = {
            "nip": _user(args),
            "password": _secret("SP_DESKTOP_PASSWORD", "Kata sandi"),
        }
    installation = restore_backup(_data_dir(args), args.file, program=PROGRAM_CLI, **secret)
    with installation:
        print(f"Data dipulihkan dari {args.file}. Data sebelumnya disimpan di folder 'cadangan'.")
    return EXIT_OK


def _cmd_withdraw(args: argparse.Namespace, installation: Installation) -> int:
    installation.storage.withdraw_consent(args.household_id)
    print(
        "Persetujuan ditarik: data pribadi rumah tangga itu dihapus; hitungan kunjungannya tetap."
    )
    return EXIT_OK


def _cmd_retention(args: argparse.Namespace, installation: Installation) -> int:
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


def _cmd_purge(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.security.safekeeping import purge_and_report

    progress = _progress()
    summary = purge_and_report(installation, args.out, progress=progress)
    print(
        f"Data pribadi {format_count(summary.purged)} rumah tangga dihapus; hitungan tetap. "
        f"Berita acara: {args.out}"
    )
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from sp_desktop.core.base.progress import Progress
    from sp_desktop.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo

    if not 0 <= args.households <= MAX_DEMO_HOUSEHOLDS:
        print(
            f"sp-desktop: --households harus antara 0 dan {format_count(MAX_DEMO_HOUSEHOLDS)}.",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    progress = Progress(_terminal_progress if sys.stderr.isatty() else None)
    installation, summary = create_demo(
        _data_dir(args), args.households, seed=args.seed, progress=progress
    )
    installation.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Data demo dibuat di {_data_dir(args)}: {format_count(summary.households)} rumah tangga, "
        f"{format_count(summary.visits)} kunjungan, {format_count(summary.helpers)} petugas, "
        f"{format_count(summary.posts)} posko."
    )
    accounts = ", ".join(f"{role} {nip}" for nip, _, role in DEMO_ACCOUNTS)
    print(f"Akun demo (kata sandi {DEMO_PASSWORD}): {accounts}")
    return EXIT_OK


def _terminal_progress(done: int, total: int, text: str) -> None:
    amount = (
        f"{100 * done // total}% ({format_count(done)}/{format_count(total)})"
        if total
        else format_count(done)
    )
    print(f"\r{text}: {amount}   ", end="", file=sys.stderr, flush=True)


def _progress() -> Progress:
    from sp_desktop.core.base.progress import Progress

    return Progress(_terminal_progress if sys.stderr.isatty() else None)


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def _report_filter(args: argparse.Namespace) -> ReportFilter:
    from sp_desktop.core.domain.reports import ReportFilter

    kelurahan = args.kelurahan.replace(".", "")
    if kelurahan:
        from sp_desktop.core.domain.regions import dotted

        kelurahan = dotted(kelurahan)
    return ReportFilter(
        date_from=args.date_from,
        date_to=args.date_to,
        kelurahan_code=kelurahan,
        post_name=args.post,
        helper_nip=args.helper,
    )


def _cmd_slip(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import write_slips

    issued = write_slips(
        installation.storage, [args.visit_id], args.out, page="a5" if args.half else "a4"
    )
    print(f"Bukti pendampingan disimpan: {issued.path}")
    return EXIT_OK


def _cmd_slips(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import write_slips

    visit_ids = installation.storage.report_visit_ids(_report_filter(args))
    issued = write_slips(
        installation.storage,
        visit_ids,
        args.out,
        page="a5" if args.half else "a4",
        progress=_progress(),
    )
    _end_progress()
    print(f"{format_count(issued.count)} bukti pendampingan disimpan: {issued.path}")
    return EXIT_OK


def _cmd_recap(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import write_recap

    issued = write_recap(installation.storage, _report_filter(args), args.out, progress=_progress())
    _end_progress()
    print(f"Rekapitulasi {format_count(issued.count)} rumah tangga disimpan: {issued.path}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import export_csv, export_xlsx

    if args.format == "bundle":
        return _export_bundle(args, installation)
    report = _report_filter(args)
    if args.format == "xlsx":
        issued = export_xlsx(installation.storage, report, args.out, progress=_progress())
    else:
        rows = "kunjungan" if args.rows == "kunjungan" else "rumah_tangga"
        issued = export_csv(installation.storage, report, args.out, rows=rows, progress=_progress())
    _end_progress()
    print(f"Ekspor selesai ({format_count(issued.count)} baris): {issued.path}")
    return EXIT_OK


def _export_bundle(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.sync.bundle import write_bundle

    result = write_bundle(
        installation.storage, args.out, since_last_export=not args.all, progress=_progress()
    )
    _end_progress()
    counts = ", ".join(
        f"{format_count(n)} {kind.replace('_', ' ')}" for kind, n in result.counts.items()
    )
    print(f"Paket data disimpan: {result.path} ({counts or 'tidak ada perubahan baru'}).")
    if result.files:
        print(f"Termasuk {format_count(result.files)} berkas bukti pengisian.")
    print(f"Sidik kunci pengirim: {installation.storage.own_public_key().fingerprint}")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.sync.bundle import UnknownBundleKey, import_bundle

    try:
        result = import_bundle(
            installation.storage, args.file, trust_fingerprint=args.trust_key, progress=_progress()
        )
    except UnknownBundleKey as exc:
        _end_progress()
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
            progress=_progress(),
        )
    _end_progress()
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


def _cmd_sync(args: argparse.Namespace, installation: Installation) -> int:
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
            password = _secret("SP_DESKTOP_HUB_PASSWORD", "Kata sandi server")
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
    result = sync_with_hub(storage, settings, progress=_progress())
    _end_progress()
    for line in result.lines():
        print(line)
    if result.pulled.conflicts:
        print("Tinjau konflik di aplikasi: menu Sinkron › Konflik dan data ganda.")
    return EXIT_OK


def _cmd_handover(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import write_handover

    package = write_handover(
        installation.storage, _report_filter(args), args.out, progress=_progress()
    )
    _end_progress()
    print(
        f"Paket serah terima disimpan: {package.path} ({format_count(package.households)} "
        f"rumah tangga, {format_count(package.visits)} kunjungan, "
        f"{format_count(package.needing_interview)} perlu SP Wawancara)."
    )
    print(f"Periksa dengan: sp-desktop verify {package.path}")
    return EXIT_OK


def _key_files(paths: Sequence[Path]) -> list[PublicKey]:
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


def _print_verdict(verdict: Verdict) -> int:
    print(verdict.text(), file=sys.stdout if verdict.valid else sys.stderr)
    return EXIT_OK if verdict.valid else EXIT_PROBLEM


def _cmd_verify_with_keys(args: argparse.Namespace) -> int:
    from sp_desktop.core.documents.verification import verify
    from sp_desktop.core.trust.signing import KeyRing

    return _print_verdict(verify(args.input, KeyRing(_key_files(args.key))))


def _cmd_verify(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.verification import verify
    from sp_desktop.core.trust.signing import KeyRing

    storage = installation.storage
    keys = KeyRing([k.key for k in storage.trusted_keys()] + _key_files(args.key))
    verdict = verify(
        args.input,
        keys,
        code_lookup=storage.slip_by_code,
        visit_lookup=storage.visit_outcome,
    )
    return _print_verdict(verdict)


def _cmd_proof(args: argparse.Namespace, installation: Installation) -> int:

    storage = installation.storage
    if args.proof_command == "list":
        for proof in storage.proof_files(args.visit_id):
            state = "dihapus" if proof.erased_at else proof.media_type
            print(f"{proof.id}\t{proof.filename}\t{proof.size}\t{proof.sha256}\t{state}")
        return EXIT_OK
    if args.proof_command == "add":
        from sp_desktop.core.domain.proofs import read_proof_file

        content = read_proof_file(args.file)
        proof = storage.attach_proof(args.visit_id, args.file.name, content)
        print(f"Bukti pengisian dilampirkan: {proof.id} (SHA-256 {proof.sha256})")
        return EXIT_OK
    from sp_desktop.core.base.files import write_atomically

    proof, content = storage.proof_content(args.proof_id)
    write_atomically(args.out, lambda out: out.write(content))
    print(f"Salinan {proof.filename} disimpan: {args.out} (SHA-256 {proof.sha256})")
    return EXIT_OK


def _cmd_key(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.trust.signing import public_key_file_bytes, public_key_qr_text

    storage = installation.storage
    if args.key_command == "list":
        for trusted in storage.trusted_keys():
            key = trusted.key
            who = "kunci kantor ini" if trusted.own else f"tepercaya sejak {trusted.added_at[:10]}"
            print(f"{key.fingerprint}\t{key.office}\t{key.kelurahan_code}\t{who}")
        return EXIT_OK
    if args.key_command == "export":
        from sp_desktop.core.base.files import write_atomically

        key = storage.own_public_key()
        write_atomically(args.out, lambda out: out.write(public_key_file_bytes(key)))
        if args.qr is not None:
            import qrcode

            image = qrcode.make(public_key_qr_text(key), border=4)
            write_atomically(args.qr, lambda out: image.save(out, format="PNG"))
        print(f"Kunci publik kantor ini ({key.fingerprint}) disimpan: {args.out}")
        return EXIT_OK
    if args.key_command == "import":
        (key,) = _key_files([args.file])
        added = storage.trust_key(key)
        state = "kini tepercaya" if added else "sudah tepercaya sebelumnya"
        print(f"Kunci {key.fingerprint} ({key.office or 'tanpa nama kantor'}) {state}.")
        return EXIT_OK
    wanted = args.key_id.replace("-", "").upper()
    storage.distrust_key(wanted)
    print(f"Kunci {args.key_id} tidak lagi dipercaya.")
    return EXIT_OK


def _cmd_roster(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.base.errors import UserFacingError
    from sp_desktop.core.documents.roster import (
        FIELD_LABELS,
        guess_mapping,
        plan_roster,
        read_roster,
    )

    storage = installation.storage
    scope = storage.staff_scope()
    table = read_roster(args.file, progress=_progress())
    mapping = guess_mapping(table.headers)
    missing = [f for f in ("nip", "name") if mapping.get(f) is None]
    if mapping.get("opd") is None and not args.opd and scope is None:
        missing.append("opd")
    if missing:
        names = ", ".join(FIELD_LABELS[f] for f in missing)
        raise UserFacingError(
            f"Kolom {names} tidak ditemukan di baris judul berkas ini.",
            hint="Beri judul kolom NIP, Nama dan OPD (atau pakai --opd NAMA), atau impor "
            "lewat aplikasi untuk memilih kolomnya sendiri.",
        )
    plan = plan_roster(table, mapping, opd=args.opd, allowed_opd=scope)
    for rejection in plan.rejected:
        print(f"Baris {rejection.row} ditolak: {rejection.reason}")
    for warning in plan.warnings:
        print(f"Baris {warning.row} (tetap diimpor): {warning.reason}")
    result = storage.import_roster(plan.entries, progress=_progress())
    _end_progress()
    print(
        f"Daftar pegawai diimpor: {format_count(result.added)} ditambahkan, "
        f"{format_count(result.updated)} diperbarui, {format_count(result.unchanged)} tidak "
        f"berubah; {format_count(len(plan.rejected))} baris ditolak, "
        f"{format_count(plan.empty_rows)} baris kosong dilewati."
    )
    return EXIT_OK


def _cmd_evaluation(args: argparse.Namespace, installation: Installation) -> int:
    from datetime import timedelta

    from sp_desktop.core.documents.evaluation_document import write_evaluation
    from sp_desktop.core.domain.monitoring import EVALUATION_DAYS

    storage = installation.storage
    end = args.date_to or clock.today()
    start = args.date_from or end - timedelta(days=EVALUATION_DAYS - 1)
    evaluation = storage.evaluation(start, end, progress=_progress())
    path = write_evaluation(evaluation, args.out, signer=storage.signer())
    _end_progress()
    total = evaluation.current_total
    print(
        f"Evaluasi {start.isoformat()} s.d. {end.isoformat()} disimpan: {path} "
        f"({format_count(total.sudah)} dari {format_count(total.total)} ASN sudah; "
        f"{format_count(len(evaluation.below_target))} OPD di bawah target)."
    )
    return EXIT_OK


def _cmd_stats(args: argparse.Namespace, installation: Installation) -> int:
    print(json.dumps(installation.storage.stats(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from sp_desktop.core.domain.validation import validate_kk, validate_nik, validate_nip

    validator = {"nik": validate_nik, "kk": validate_kk, "nip": validate_nip}[args.kind]
    all_valid = True
    for value in args.values:
        result = validator(value)
        all_valid &= result.ok
        verdict = "valid" if result.ok else "invalid"
        reason = result.message or "ok"
        print(f"{value}\t{verdict}\t{reason}")
    return EXIT_OK if all_valid else EXIT_PROBLEM


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
