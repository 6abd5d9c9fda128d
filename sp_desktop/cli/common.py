"""What every `sp-desktop` command shares: the language, the parser, exit codes, signing in,
secrets, terminal progress, report filters, and turning failures into one line and an exit
code.

Every text the command line writes is Indonesian source text through `_()` (English in
resources/i18n/cli_en.po). argparse's own texts ("usage:", "options", its errors) are
English; in Indonesian they come from resources/i18n/argparse_id.po (see `speak_argparse`).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from sp_desktop.core.base import i18n
from sp_desktop.core.base.i18n import _
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
    # argparse would print its usage and exit; main() prints one line instead.
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# argparse's catalogue: argparse_id.po, compiled by packaging/build_translations.py.
ARGPARSE_DOMAIN = "argparse"


def start_language(argv: Sequence[str]) -> str:
    """Choose the command line's language (SP_DESKTOP_LANG, else the PC's language chosen
    at set-up in the data folder of `argv`, else the system's) and make argparse speak it.

    Call it before building the parser: argparse writes its headings as it is built."""
    from sp_desktop.core.base.data_folder import chosen_language, default_data_dir

    chosen = None
    with contextlib.suppress(Exception):  # a preference: never a reason not to run
        folder = data_dir_in(argv)
        chosen = chosen_language(folder if folder is not None else default_data_dir())
    code = i18n.set_language(i18n.choose_language(chosen))
    speak_argparse(code)
    return code


def data_dir_in(argv: Sequence[str]) -> Path | None:
    """The --data-dir of `argv`, read the way argparse will read it (global options come
    before the command; argparse takes an unambiguous prefix such as --data)."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            break
        name, equals, value = token.partition("=")
        if len(name) >= 3 and "--data-dir".startswith(name):
            if not equals:
                value = next(tokens, "")
            return Path(value) if value else None
        if len(name) >= 3 and "--user".startswith(name):
            if not equals:
                next(tokens, None)  # its value
        elif not token.startswith("-"):
            break  # the command: its own arguments follow
    return None


def speak_argparse(code: str) -> None:
    """Route argparse's texts (looked up with gettext at the moment they are written) to
    its Indonesian catalogue when `code` is "id"; back to gettext's defaults otherwise."""
    import gettext

    if code == i18n.SOURCE_LANGUAGE:
        catalogue = gettext.translation(
            ARGPARSE_DOMAIN, localedir=i18n.LOCALE_DIR, languages=[code], fallback=True
        )
        lookups: tuple[object, object] = (catalogue.gettext, catalogue.ngettext)
    else:
        lookups = (gettext.gettext, gettext.ngettext)
    # Module globals argparse bound at import (`from gettext import gettext as _, ngettext`).
    argparse._, argparse.ngettext = lookups  # type: ignore[attr-defined]


# What each command module's register() adds its commands to.
Commands: TypeAlias = "argparse._SubParsersAction[Parser]"


def runs(parser: argparse.ArgumentParser, handler: SignedInHandler) -> None:
    """The command of `parser` signs in (--user) and runs `handler` on that account's data."""
    parser.set_defaults(handler=handler, sign_in=True)


def runs_without_sign_in(parser: argparse.ArgumentParser, handler: Handler) -> None:
    """The command of `parser` runs `handler` as is: it opens no data, or opens it itself."""
    parser.set_defaults(handler=handler, sign_in=False)


def usage_message(message: str) -> str:
    """argparse's error (already in the current language, see `speak_argparse`) as one
    sentence, with where to look next."""
    message = " ".join(message.split())
    if not message.endswith("."):
        message += "."
    return _("{message} Lihat: sp-desktop --help").format(message=message)


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
        print("sp-desktop: " + _("dihentikan. Data yang sudah tersimpan aman."), file=sys.stderr)
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
            "sp-desktop: "
            + _(
                "terjadi kesalahan program. Data yang sudah tersimpan aman. "
                "Kirim berkas ini ke pengembang: {path}"
            ).format(path=crash),
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
            _("Tidak ada {secret} untuk perintah ini.").format(secret=prompt.lower()),
            hint=_(
                "Isi variabel {variable}, atau jalankan perintahnya di terminal agar bisa diketik."
            ).format(variable=env),
        )
    return getpass.getpass(f"{prompt}: ")


def new_secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    first = secret(env, prompt)
    again = _("Ulangi {secret}: ").format(secret=prompt.lower())
    if sys.stdin.isatty() and getpass.getpass(again) != first:
        from sp_desktop.core.base.errors import UserFacingError

        raise UserFacingError(
            _("Kedua ketikan kata sandi tidak sama."), hint=_("Ulangi perintahnya.")
        )
    return first


def user(args: argparse.Namespace) -> str:
    nip: str = args.user or os.environ.get("SP_DESKTOP_USER", "")
    if not nip:
        from sp_desktop.core.base.errors import UserFacingError

        raise UserFacingError(
            _("Perintah ini membuka data: sebutkan akun yang masuk."),
            hint=_("Tambahkan --user NIP (kata sandi dari SP_DESKTOP_PASSWORD atau diketik)."),
        )
    return nip


def sign_in(args: argparse.Namespace) -> Installation:
    from sp_desktop.core.security.installation import PROGRAM_CLI, Installation

    nip = user(args)
    return Installation.open(
        data_dir(args), nip, secret("SP_DESKTOP_PASSWORD", _("Kata sandi")), program=PROGRAM_CLI
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
        raise argparse.ArgumentTypeError(_("tanggal harus berbentuk YYYY-MM-DD")) from None


def whole_number(text: str) -> int:
    """type= for a count: argparse's own message would name Python's `int`."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("harus berupa angka bulat, bukan {value}").format(value=repr(text))
        ) from None


def add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(_("penyaring (semua boleh dikosongkan)"))
    group.add_argument("--from", dest="date_from", type=date_arg, metavar="YYYY-MM-DD")
    group.add_argument("--to", dest="date_to", type=date_arg, metavar="YYYY-MM-DD")
    group.add_argument("--kelurahan", default="", metavar=_("KODE"), help=_("mis. 52.71.01.1004"))
    group.add_argument("--post", default="", metavar=_("NAMA"), help=_("nama posko"))
    group.add_argument("--helper", default="", metavar="NIP", help=_("NIP petugas"))


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
