"""Commands on the household data as a whole: demo, stats, validate."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from sp_desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    data_dir,
    end_progress,
    progress,
    runs,
    runs_without_sign_in,
    whole_number,
)
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation

MAX_DEMO_HOUSEHOLDS = 5_000_000


def register(commands: Commands) -> None:
    demo = commands.add_parser("demo", help=_("isi folder data kosong dengan data contoh"))
    demo.add_argument(
        "--households",
        type=whole_number,
        required=True,
        metavar="N",
        help=_("jumlah rumah tangga (0 sampai 5.000.000)"),
    )
    demo.add_argument(
        "--seed",
        type=whole_number,
        default=2020,
        metavar="S",
        help=_("benih acak; benih sama, data sama (bawaan 2020)"),
    )
    runs_without_sign_in(demo, _demo)  # it creates the data and its accounts
    runs(commands.add_parser("stats", help=_("cetak ringkasan data sebagai JSON")), _stats)
    validate = commands.add_parser("validate", help=_("periksa NIK, No KK atau NIP"))
    validate.add_argument(
        "kind",
        choices=["nik", "kk", "nip"],
        metavar=_("JENIS"),
        help=_("jenis nomor: nik, kk atau nip"),
    )
    validate.add_argument("values", nargs="+", metavar=_("NILAI"), help=_("nomor yang diperiksa"))
    runs_without_sign_in(validate, _validate)  # checks the numbers given, opens no data


def _demo(args: argparse.Namespace) -> int:
    from sp_desktop.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo

    if not 0 <= args.households <= MAX_DEMO_HOUSEHOLDS:
        print(
            "sp-desktop: "
            + _("--households harus antara 0 dan {maximum}.").format(
                maximum=format_count(MAX_DEMO_HOUSEHOLDS)
            ),
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    installation, summary = create_demo(
        data_dir(args), args.households, seed=args.seed, progress=progress()
    )
    installation.close()
    end_progress()
    print(
        _(
            "Data demo dibuat di {folder}: {households} rumah tangga, {visits} kunjungan, "
            "{helpers} petugas, {posts} posko."
        ).format(
            folder=data_dir(args),
            households=format_count(summary.households),
            visits=format_count(summary.visits),
            helpers=format_count(summary.helpers),
            posts=format_count(summary.posts),
        )
    )
    accounts = ", ".join(f"{role} {nip}" for nip, _name, role in DEMO_ACCOUNTS)
    print(
        _("Akun demo (kata sandi {password}): {accounts}").format(
            password=DEMO_PASSWORD, accounts=accounts
        )
    )
    return EXIT_OK


def _stats(args: argparse.Namespace, installation: Installation) -> int:
    print(json.dumps(installation.storage.stats(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from sp_desktop.core.domain.validation import validate_kk, validate_nik, validate_nip

    validator = {"nik": validate_nik, "kk": validate_kk, "nip": validate_nip}[args.kind]
    all_valid = True
    for value in args.values:
        result = validator(value)
        all_valid &= result.ok
        # The first two columns are for scripts: the same words in every language.
        verdict = "valid" if result.ok else "invalid"
        reason = result.message or "ok"
        print(f"{value}\t{verdict}\t{reason}")
    return EXIT_OK if all_valid else EXIT_PROBLEM
