"""What every `sp-desktop` command shares: the parser, exit codes, signing in, secrets,
terminal progress, report filters, and turning failures into one line and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.base.progress import Progress
    from sp_desktop.core.domain.reports import ReportFilter
    from sp_desktop.core.security.installation import Installation

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

# A command's code: the parsed arguments (and, for a command that signs in, the
# Installation of that account) in, the exit code out.
SignedInHandler: TypeAlias = Callable[[argparse.Namespace, "Installation"], int]
Handler: TypeAlias = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    # argparse would print its English usage and exit; main() prints one Indonesian line.
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# What each command module's register() adds its commands to.
Commands: TypeAlias = "argparse._SubParsersAction[Parser]"


def runs(parser: argparse.ArgumentParser, handler: SignedInHandler) -> None:
    """The command of `parser` signs in (--user) and runs `handler` on that account's data."""
    parser.set_defaults(handler=handler, sign_in=True)


def runs_without_sign_in(parser: argparse.ArgumentParser, handler: Handler) -> None:
    """The command of `parser` runs `handler` as is: it opens no data, or opens it itself."""
    parser.set_defaults(handler=handler, sign_in=False)


def usage_message(message: str) -> str:
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


def data_dir(args: argparse.Namespace) -> Path:
    from sp_desktop.core.base.data_folder import default_data_dir

    return args.data_dir if args.data_dir is not None else default_data_dir()


def run(args: argparse.Namespace) -> int:
    """Run the command of `args` (the window when there is none); every failure becomes
    one line on stderr and an exit code."""
    from sp_desktop.core.base.errors import UserFacingError

    try:
        if getattr(args, "handler", None) is None:  # no command: the window
            from sp_desktop.ui.shell.app import run_app

            return run_app(data_dir(args))
        if args.sign_in:
            return run_signed_in(args, args.handler)
        without_sign_in: Handler = args.handler
        return without_sign_in(args)
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

        crash = write_crash_report(data_dir(args), exc)
        print(
            "sp-desktop: terjadi kesalahan program. Data yang sudah tersimpan aman. "
            f"Kirim berkas ini ke pengembang: {crash}",
            file=sys.stderr,
        )
        return EXIT_BUG


def run_signed_in(args: argparse.Namespace, handler: SignedInHandler) -> int:
    installation = sign_in(args)
    try:
        return handler(args, installation)
    finally:
        installation.close()


def secret(env: str, prompt: str) -> str:
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


def new_secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    first = secret(env, prompt)
    if sys.stdin.isatty() and getpass.getpass(f"Ulangi {prompt.lower()}: ") != first:
        from sp_desktop.core.base.errors import UserFacingError

        raise UserFacingError("Kedua ketikan kata sandi tidak sama.", hint="Ulangi perintahnya.")
    return first


def user(args: argparse.Namespace) -> str:
    nip: str = args.user or os.environ.get("SP_DESKTOP_USER", "")
    if not nip:
        from sp_desktop.core.base.errors import UserFacingError

        raise UserFacingError(
            "Perintah ini membuka data: sebutkan akun yang masuk.",
            hint="Tambahkan --user NIP (kata sandi dari SP_DESKTOP_PASSWORD atau diketik).",
        )
    return nip


def sign_in(args: argparse.Namespace) -> Installation:
    from sp_desktop.core.security.installation import PROGRAM_CLI, Installation

    nip = user(args)
    return Installation.open(
        data_dir(args), nip, secret("SP_DESKTOP_PASSWORD", "Kata sandi"), program=PROGRAM_CLI
    )


def terminal_progress(done: int, total: int, text: str) -> None:
    amount = (
        f"{100 * done // total}% ({format_count(done)}/{format_count(total)})"
        if total
        else format_count(done)
    )
    print(f"\r{text}: {amount}   ", end="", file=sys.stderr, flush=True)


def progress() -> Progress:
    from sp_desktop.core.base.progress import Progress

    return Progress(terminal_progress if sys.stderr.isatty() else None)


def end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("tanggal harus berbentuk YYYY-MM-DD") from None


def add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("penyaring (semua boleh dikosongkan)")
    group.add_argument("--from", dest="date_from", type=date_arg, metavar="YYYY-MM-DD")
    group.add_argument("--to", dest="date_to", type=date_arg, metavar="YYYY-MM-DD")
    group.add_argument("--kelurahan", default="", metavar="KODE", help="mis. 52.71.01.1004")
    group.add_argument("--post", default="", metavar="NAMA", help="nama posko")
    group.add_argument("--helper", default="", metavar="NIP", help="NIP petugas")


def report_filter(args: argparse.Namespace) -> ReportFilter:
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
