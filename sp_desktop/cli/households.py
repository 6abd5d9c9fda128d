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
)
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation

MAX_DEMO_HOUSEHOLDS = 5_000_000


def register(commands: Commands) -> None:
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
    runs_without_sign_in(demo, _demo)  # it creates the data and its accounts
    runs(commands.add_parser("stats", help="cetak ringkasan data sebagai JSON"), _stats)
    validate = commands.add_parser("validate", help="periksa NIK, No KK atau NIP")
    validate.add_argument("kind", choices=["nik", "kk", "nip"], help="jenis nomor")
    validate.add_argument("values", nargs="+", metavar="NILAI", help="nomor yang diperiksa")
    runs_without_sign_in(validate, _validate)  # checks the numbers given, opens no data


def _demo(args: argparse.Namespace) -> int:
    from sp_desktop.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo

    if not 0 <= args.households <= MAX_DEMO_HOUSEHOLDS:
        print(
            f"sp-desktop: --households harus antara 0 dan {format_count(MAX_DEMO_HOUSEHOLDS)}.",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    installation, summary = create_demo(
        data_dir(args), args.households, seed=args.seed, progress=progress()
    )
    installation.close()
    end_progress()
    print(
        f"Data demo dibuat di {data_dir(args)}: {format_count(summary.households)} rumah tangga, "
        f"{format_count(summary.visits)} kunjungan, {format_count(summary.helpers)} petugas, "
        f"{format_count(summary.posts)} posko."
    )
    accounts = ", ".join(f"{role} {nip}" for nip, _, role in DEMO_ACCOUNTS)
    print(f"Akun demo (kata sandi {DEMO_PASSWORD}): {accounts}")
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
        verdict = "valid" if result.ok else "invalid"
        reason = result.message or "ok"
        print(f"{value}\t{verdict}\t{reason}")
    return EXIT_OK if all_valid else EXIT_PROBLEM
