"""The `sp-desktop` command: the window by default, and commands on the same core.

Every failure the user can fix prints one line and exits non-zero;
no traceback reaches the terminal. Exit codes: 0 done, 1 a problem with the data or
the values given, 2 a mistyped command, 3 a bug (details saved to a crash file).

Every command that reads or writes the data signs in: `--user NIP` (or SP_DESKTOP_USER)
with the password from SP_DESKTOP_PASSWORD or typed at a prompt. The role of that
account decides what the command may do, exactly as in the window.

Each command is declared next to its code, in the module of its area (households,
setup_accounts, safekeeping, documents, sync, monitoring, keys); common.py holds what
they share.

The command line speaks the language chosen at its start (`common.start_language`):
SP_DESKTOP_LANG, else the PC's language chosen at set-up, else the system's; Indonesian is
the source text of every message, English its translation (resources/i18n/cli_en.po).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sp_desktop import __version__
from sp_desktop.cli.common import (
    EXIT_BUG,
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    Parser,
    UsageError,
    run,
    start_language,
    usage_message,
)
from sp_desktop.core.base.i18n import _

__all__ = [
    "EXIT_BUG",
    "EXIT_OK",
    "EXIT_PROBLEM",
    "EXIT_USAGE",
    "UsageError",
    "build_parser",
    "main",
]

# The order `sp-desktop --help` lists the commands in, whichever module declares them.
COMMAND_ORDER = (
    "demo",
    "stats",
    "setup",
    "recover",
    "account",
    "audit",
    "backup",
    "restore",
    "withdraw-consent",
    "retention",
    "purge",
    "slip",
    "slips",
    "recap",
    "export",
    "import",
    "sync",
    "handover",
    "agenda",
    "verify",
    "proof",
    "roster",
    "evaluation",
    "key",
    "validate",
)


def build_parser() -> argparse.ArgumentParser:
    # Loaded here, not at import: the window (no arguments) starts without them.
    from sp_desktop.cli import (
        agenda,
        documents,
        households,
        keys,
        monitoring,
        safekeeping,
        setup_accounts,
        sync,
    )

    parser = Parser(
        prog="sp-desktop",
        description=_(
            "SP Desktop: catatan pendampingan rumah tangga untuk Sensus Penduduk Online."
        ),
        epilog=_(
            "Tanpa perintah, jendela aplikasi dibuka. Bahasa: SP_DESKTOP_LANG=id atau en "
            "(bawaan: bahasa yang dipilih saat penyiapan, lalu bahasa sistem)."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"SP Desktop {__version__}",
        help=_("tampilkan versi program lalu keluar"),
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar=_("FOLDER"),
        help=_(
            "folder data (bawaan: SP_DESKTOP_DATA_DIR bila diisi, lalu folder bersama bila "
            "disiapkan penginstal, selain itu folder data pengguna ini)"
        ),
    )
    parser.add_argument(
        "--user",
        metavar="NIP",
        default=None,
        help=_(
            "NIP akun yang masuk (atau SP_DESKTOP_USER); kata sandi dari SP_DESKTOP_PASSWORD "
            "atau diketik"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("PERINTAH"), parser_class=Parser)
    for module in (
        households,
        setup_accounts,
        safekeeping,
        documents,
        agenda,
        sync,
        monitoring,
        keys,
    ):
        module.register(commands)
    # argparse lists subcommands in the order they were added; `_choices_actions` is that
    # list (private, but unchanged since Python 3.2).
    commands._choices_actions.sort(key=lambda command: COMMAND_ORDER.index(command.dest))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        # The window, as its shortcut starts it: building the parser of every command
        # costs ~15 ms before the login dialog can show.
        return run(argparse.Namespace(command=None, data_dir=None, user=None))
    start_language(argv)  # before the parser: its help is written in that language
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(f"sp-desktop: {usage_message(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    return run(args)
