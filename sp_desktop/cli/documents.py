"""Documents from the data and checking them: slip, slips, recap, export, handover,
verify, proof."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from sp_desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    add_filters,
    end_progress,
    progress,
    report_filter,
    run_signed_in,
    runs,
    runs_without_sign_in,
)
from sp_desktop.cli.keys import key_files
from sp_desktop.cli.sync import add_seal_options, export_bundle, refuse_seal_options
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.documents.verification import Verdict
    from sp_desktop.core.security.installation import Installation


def register(commands: Commands) -> None:
    half = _("setengah A4 (dua bukti per lembar)")
    slip = commands.add_parser("slip", help=_("bukti pendampingan satu kunjungan (PDF)"))
    slip.add_argument("visit_id", metavar=_("ID_KUNJUNGAN"))
    slip.add_argument("--out", required=True, type=Path, metavar=_("BERKAS.pdf"))
    slip.add_argument("--half", action="store_true", help=half)
    runs(slip, _slip)
    slips = commands.add_parser("slips", help=_("bukti pendampingan banyak kunjungan, satu PDF"))
    slips.add_argument("--out", required=True, type=Path, metavar=_("BERKAS.pdf"))
    slips.add_argument("--half", action="store_true", help=half)
    add_filters(slips)
    runs(slips, _slips)
    recap = commands.add_parser("recap", help=_("rekapitulasi (PDF)"))
    recap.add_argument("--out", required=True, type=Path, metavar=_("BERKAS.pdf"))
    add_filters(recap)
    runs(recap, _recap)
    export = commands.add_parser(
        "export", help=_("ekspor data ke Excel (xlsx), CSV, atau paket data untuk kantor lain")
    )
    export.add_argument("format", choices=["xlsx", "csv", "bundle"], metavar="{xlsx,csv,bundle}")
    export.add_argument("--out", required=True, type=Path, metavar=_("BERKAS"))
    scope = export.add_mutually_exclusive_group()
    scope.add_argument(
        "--all",
        action="store_true",
        help=_("paket data: semua data (bawaan: sejak ekspor terakhir)"),
    )
    scope.add_argument(
        "--since-last-export",
        action="store_true",
        help=_("paket data: hanya yang berubah sejak paket terakhir (bawaan)"),
    )
    add_seal_options(export)
    export.add_argument(
        "--rows",
        choices=["rumah-tangga", "kunjungan"],
        default="rumah-tangga",
        help=_("untuk CSV: satu baris per rumah tangga (bawaan) atau per kunjungan"),
    )
    export.add_argument(
        "--separator",
        choices=list(CSV_SEPARATOR_BY_NAME),
        default="koma",
        help=_(
            "untuk CSV: pemisah kolom koma (bawaan) atau titik-koma (Excel dengan "
            "pengaturan wilayah Indonesia)"
        ),
    )
    _add_password_options(export, _("untuk xlsx"))
    add_filters(export)
    runs(export, _export)
    handover = commands.add_parser(
        "handover", help=_("paket serah terima bertanda tangan (folder, atau .zip bersandi)")
    )
    handover.add_argument("--out", required=True, type=Path, metavar=_("FOLDER|BERKAS.zip"))
    _add_password_options(handover, _("untuk .zip"))
    add_filters(handover)
    runs(handover, _handover)
    verify = commands.add_parser(
        "verify", help=_("periksa keaslian QR bukti, kode verifikasi, PDF, atau paket")
    )
    verify.add_argument(
        "input", metavar=_("MASUKAN"), help=_("teks QR, kode, berkas PDF, folder/zip")
    )
    verify.add_argument(
        "--key",
        action="append",
        type=Path,
        default=[],
        metavar=_("BERKAS.spkunci"),
        help=_("kunci publik kantor penerbit; dengan ini tidak perlu masuk ke data"),
    )
    verify.add_argument(
        "--password-file",
        type=Path,
        metavar=_("BERKAS-SANDI"),
        help=_("sandi paket .zip bersandi (baris pertama berkas ini)"),
    )
    runs_without_sign_in(verify, _verify)  # signs in itself unless --key suffices
    _register_proof(commands)


# `export csv --separator`: the field separator by its name.
CSV_SEPARATOR_BY_NAME: dict[str, Literal[",", ";"]] = {"koma": ",", "titik-koma": ";"}


def _add_password_options(parser: argparse.ArgumentParser, which: str) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--password-file",
        type=Path,
        metavar=_("BERKAS-SANDI"),
        help=_(
            "{which}: sandi dari baris pertama berkas ini (bawaan: sandi kuat dibuat dan "
            "ditampilkan sekali)"
        ).format(which=which),
    )
    group.add_argument(
        "--tanpa-sandi",
        action="store_true",
        help=_("{which}: simpan TANPA sandi (NIK dan No KK terbaca siapa saja)").format(
            which=which
        ),
    )


def _password(args: argparse.Namespace) -> tuple[str | None, bool]:
    """(password or None for a clear file, whether it was generated here)."""
    from sp_desktop.core.documents.protection import generate_password, read_password_file

    if args.tanpa_sandi:
        return None, False
    if args.password_file is not None:
        return read_password_file(args.password_file), False
    return generate_password(), True


def _refuse_password_options(args: argparse.Namespace, what: str) -> None:
    from sp_desktop.core.base.errors import UserFacingError

    if args.password_file is not None or args.tanpa_sandi:
        raise UserFacingError(
            _("--password-file dan --tanpa-sandi tidak berlaku untuk {what}.").format(what=what),
            hint=_("Hapus pilihan itu, atau simpan sebagai xlsx / paket .zip."),
        )


def _show_protection(password: str | None, generated: bool, path: Path) -> None:
    """After a protected file is written: the generated password, once; or the warning
    for a file written in clear."""
    if password is None:
        print(
            _(
                "PERINGATAN: {name} disimpan TANPA sandi. NIK dan No KK lengkap di dalamnya "
                "terbaca oleh siapa pun yang mendapat berkasnya. Jangan kirim lewat WhatsApp "
                "atau surel, dan hapus dari flashdisk setelah diserahkan."
            ).format(name=path.name),
            file=sys.stderr,
        )
        return
    if not generated:
        print(_("Berkas dilindungi sandi dari berkas sandi yang diberikan."))
        return
    print()
    print(_("SANDI BERKAS (hanya ditampilkan sekali ini, catat sekarang):"))
    print(f"    {password}")
    print(
        _(
            "Sampaikan sandi ini kepada penerima lewat jalur lain, misalnya telepon atau "
            "langsung, JANGAN bersama berkasnya (bukan di pesan atau surel yang sama)."
        )
    )
    print()


def _slip(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import write_slips

    issued = write_slips(
        installation.storage, [args.visit_id], args.out, page="a5" if args.half else "a4"
    )
    print(_("Bukti pendampingan disimpan: {path}").format(path=issued.path))
    return EXIT_OK


def _slips(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import write_slips

    visit_ids = installation.storage.report_visit_ids(report_filter(args))
    issued = write_slips(
        installation.storage,
        visit_ids,
        args.out,
        page="a5" if args.half else "a4",
        progress=progress(),
    )
    end_progress()
    print(
        _("{count} bukti pendampingan disimpan: {path}").format(
            count=format_count(issued.count), path=issued.path
        )
    )
    return EXIT_OK


def _recap(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import write_recap

    issued = write_recap(installation.storage, report_filter(args), args.out, progress=progress())
    end_progress()
    print(
        _("Rekapitulasi {count} rumah tangga disimpan: {path}").format(
            count=format_count(issued.count), path=issued.path
        )
    )
    return EXIT_OK


def _export(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import export_csv, export_xlsx

    if args.format != "xlsx":
        _refuse_password_options(args, args.format)
    if args.format == "bundle":
        return export_bundle(args, installation)
    refuse_seal_options(args, args.format)
    report = report_filter(args)
    password: str | None = None
    generated = False
    if args.format == "xlsx":
        password, generated = _password(args)
        issued = export_xlsx(
            installation.storage, report, args.out, progress=progress(), password=password
        )
    else:
        rows: Literal["rumah_tangga", "kunjungan"] = (
            "kunjungan" if args.rows == "kunjungan" else "rumah_tangga"
        )
        issued = export_csv(
            installation.storage,
            report,
            args.out,
            rows=rows,
            progress=progress(),
            separator=CSV_SEPARATOR_BY_NAME[args.separator],
        )
    end_progress()
    print(
        _("Ekspor selesai ({count} baris): {path}").format(
            count=format_count(issued.count), path=issued.path
        )
    )
    if args.format == "xlsx":
        _show_protection(password, generated, issued.path)
    return EXIT_OK


def _handover(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.issuing import write_handover

    as_zip = args.out.suffix.lower() == ".zip"
    if not as_zip and args.password_file is not None:
        from sp_desktop.core.base.errors import UserFacingError

        raise UserFacingError(
            _("Hanya paket .zip yang bisa diberi sandi, bukan folder."),
            hint=_("Pakai --out BERKAS.zip untuk melindungi paket dengan sandi."),
        )
    password, generated = _password(args) if as_zip else (None, False)
    package = write_handover(
        installation.storage,
        report_filter(args),
        args.out,
        progress=progress(),
        password=password,
    )
    end_progress()
    print(
        _(
            "Paket serah terima disimpan: {path} ({households} rumah tangga, {visits} "
            "kunjungan, {interview} perlu SP Wawancara)."
        ).format(
            path=package.path,
            households=format_count(package.households),
            visits=format_count(package.visits),
            interview=format_count(package.needing_interview),
        )
    )
    if as_zip:
        _show_protection(password, generated, package.path)
    else:
        print(
            _(
                "Catatan: folder paket tidak bersandi. Untuk paket bersandi, simpan sebagai "
                "--out BERKAS.zip."
            ),
            file=sys.stderr,
        )
    if password is not None:
        print(
            _("Periksa dengan: {command}").format(
                command=f"sp-desktop verify {package.path} --password-file BERKAS-SANDI"
            )
        )
        print(
            _("atau ekstrak dengan sandinya lalu: {command}").format(
                command="sp-desktop verify FOLDER"
            )
        )
    else:
        print(_("Periksa dengan: {command}").format(command=f"sp-desktop verify {package.path}"))
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    if args.key and not (args.user or os.environ.get("SP_DESKTOP_USER")):
        # The issuer's public key is enough to check a signature: no data to open.
        from sp_desktop.core.documents.verification import verify
        from sp_desktop.core.trust.signing import KeyRing

        return _print_verdict(
            verify(args.input, KeyRing(key_files(args.key)), password=_verify_password(args))
        )
    return run_signed_in(args, _verify_signed_in)


def _verify_signed_in(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.documents.verification import verify

    storage = installation.storage
    keys = storage.key_ring().with_keys(key_files(args.key))
    verdict = verify(
        args.input,
        keys,
        code_lookup=storage.slip_by_code,
        visit_lookup=storage.visit_outcome,
        password=_verify_password(args),
    )
    return _print_verdict(verdict)


def _verify_password(args: argparse.Namespace) -> str | None:
    if args.password_file is None:
        return None
    from sp_desktop.core.documents.protection import read_password_file

    return read_password_file(args.password_file)


def _print_verdict(verdict: Verdict) -> int:
    print(verdict.text(), file=sys.stdout if verdict.valid else sys.stderr)
    return EXIT_OK if verdict.valid else EXIT_PROBLEM


def _register_proof(commands: Commands) -> None:
    proof = commands.add_parser("proof", help=_("bukti pengisian rumah tangga (PDF/JPG/PNG)"))
    proof_commands = proof.add_subparsers(
        dest="proof_command", metavar=_("TINDAKAN"), required=True
    )
    proof_list = proof_commands.add_parser("list", help=_("berkas bukti sebuah kunjungan"))
    proof_list.add_argument("visit_id", metavar=_("ID_KUNJUNGAN"))
    runs(proof_list, _proof_list)
    proof_add = proof_commands.add_parser("add", help=_("lampirkan berkas bukti ke kunjungan"))
    proof_add.add_argument("visit_id", metavar=_("ID_KUNJUNGAN"))
    proof_add.add_argument("file", type=Path, metavar=_("BERKAS"))
    runs(proof_add, _proof_add)
    proof_export = proof_commands.add_parser("export", help=_("simpan salinan berkas bukti"))
    proof_export.add_argument("proof_id", metavar=_("ID_BERKAS"))
    proof_export.add_argument("--out", required=True, type=Path, metavar=_("BERKAS"))
    runs(proof_export, _proof_export)


def _proof_list(args: argparse.Namespace, installation: Installation) -> int:
    for proof in installation.storage.proof_files(args.visit_id):
        state = _("dihapus") if proof.erased_at else proof.media_type
        print(f"{proof.id}\t{proof.filename}\t{proof.size}\t{proof.sha256}\t{state}")
    return EXIT_OK


def _proof_add(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.domain.proofs import read_proof_file

    content = read_proof_file(args.file)
    proof = installation.storage.attach_proof(args.visit_id, args.file.name, content)
    print(
        _("Bukti pengisian dilampirkan: {id} (SHA-256 {sha256})").format(
            id=proof.id, sha256=proof.sha256
        )
    )
    return EXIT_OK


def _proof_export(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.base.files import write_atomically

    proof, content = installation.storage.proof_content(args.proof_id)

    def render(out: IO[bytes]) -> None:
        out.write(content)

    write_atomically(args.out, render)
    print(
        _("Salinan {name} disimpan: {path} (SHA-256 {sha256})").format(
            name=proof.filename, path=args.out, sha256=proof.sha256
        )
    )
    return EXIT_OK
