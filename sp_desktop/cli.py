"""The `sp-desktop` command: the window by default, and commands on the same core.

Every failure the user can fix prints one line in Bahasa Indonesia and exits non-zero;
no traceback reaches the terminal. Exit codes: 0 done, 1 a problem with the data or
the values given, 2 a mistyped command, 3 a bug (details saved to a crash file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from sp_desktop import __version__
from sp_desktop.core.text import format_count

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
        help="folder data (bawaan: folder data pengguna, atau variabel SP_DESKTOP_DATA_DIR)",
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
    validate = commands.add_parser("validate", help="periksa NIK, No KK atau NIP")
    validate.add_argument("kind", choices=["nik", "kk", "nip"], help="jenis nomor")
    validate.add_argument("values", nargs="+", metavar="NILAI", help="nomor yang diperiksa")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
    from sp_desktop.core.storage import default_data_dir

    return args.data_dir if args.data_dir is not None else default_data_dir()


def _run(args: argparse.Namespace) -> int:
    from sp_desktop.core.errors import UserFacingError

    try:
        if args.command is None:
            from sp_desktop.ui.app import run_app

            return run_app(_data_dir(args))
        handler = {"demo": _cmd_demo, "stats": _cmd_stats, "validate": _cmd_validate}
        return handler[args.command](args)
    except UserFacingError as exc:
        print(f"sp-desktop: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("sp-desktop: dihentikan. Data yang sudah tersimpan aman.", file=sys.stderr)
        return EXIT_PROBLEM
    except Exception as exc:
        from sp_desktop.core.errors import write_crash_report

        crash = write_crash_report(_data_dir(args), exc)
        print(
            "sp-desktop: terjadi kesalahan program. Data yang sudah tersimpan aman. "
            f"Kirim berkas ini ke pengembang: {crash}",
            file=sys.stderr,
        )
        return EXIT_BUG


def _cmd_demo(args: argparse.Namespace) -> int:
    from sp_desktop.core.demo import generate_demo
    from sp_desktop.core.progress import Progress
    from sp_desktop.core.storage import Storage

    if not 0 <= args.households <= MAX_DEMO_HOUSEHOLDS:
        print(
            f"sp-desktop: --households harus antara 0 dan {format_count(MAX_DEMO_HOUSEHOLDS)}.",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    progress = Progress(_terminal_progress if sys.stderr.isatty() else None)
    with Storage(_data_dir(args)) as storage:
        summary = generate_demo(storage, args.households, seed=args.seed, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Data demo dibuat di {_data_dir(args)}: {format_count(summary.households)} rumah tangga, "
        f"{format_count(summary.visits)} kunjungan, {format_count(summary.helpers)} petugas, "
        f"{format_count(summary.posts)} posko."
    )
    return EXIT_OK


def _terminal_progress(done: int, total: int, text: str) -> None:
    percent = 100 * done // total if total else 100
    print(
        f"\r{text}: {percent}% ({format_count(done)}/{format_count(total)})",
        end="",
        file=sys.stderr,
        flush=True,
    )


def _cmd_stats(args: argparse.Namespace) -> int:
    from sp_desktop.core.storage import Storage

    with Storage(_data_dir(args), create=False) as storage:
        print(json.dumps(storage.stats(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from sp_desktop.core.validation import validate_kk, validate_nik, validate_nip

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
