"""Monitoring the civil servants' own SP Online: roster (import), evaluation."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from sp_desktop.cli.common import (
    EXIT_OK,
    Commands,
    Parser,
    date_arg,
    end_progress,
    progress,
    runs,
)
from sp_desktop.core.base import clock
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.security.installation import Installation


def register(commands: Commands) -> None:
    roster = commands.add_parser("roster", help=_("daftar pegawai (ASN) per OPD"))
    roster_commands = roster.add_subparsers(
        dest="roster_command", metavar=_("TINDAKAN"), parser_class=Parser, required=True
    )
    roster_import = roster_commands.add_parser(
        "import",
        help=_("impor daftar ASN dari Excel (xlsx) atau CSV; NIP yang sudah ada diperbarui"),
    )
    roster_import.add_argument("file", type=Path, metavar=_("BERKAS"))
    roster_import.add_argument(
        "--opd", default="", metavar=_("NAMA"), help=_("semua baris berkas ini untuk OPD ini")
    )
    runs(roster_import, _roster_import)
    evaluation = commands.add_parser(
        "evaluation", help=_("evaluasi capaian SP Online ASN per periode (PDF atau xlsx)")
    )
    evaluation.add_argument(
        "--from", dest="date_from", type=date_arg, metavar="YYYY-MM-DD",
        help=_("awal periode (bawaan: 13 hari sebelum --to)"),
    )  # fmt: skip
    evaluation.add_argument(
        "--to", dest="date_to", type=date_arg, metavar="YYYY-MM-DD",
        help=_("akhir periode (bawaan: hari ini)"),
    )  # fmt: skip
    evaluation.add_argument("--out", required=True, type=Path, metavar=_("BERKAS.pdf|.xlsx"))
    runs(evaluation, _evaluation)


def _roster_import(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.base.errors import UserFacingError
    from sp_desktop.core.documents.roster import (
        FIELD_LABELS,
        guess_mapping,
        plan_roster,
        read_roster,
    )

    storage = installation.storage
    scope = storage.staff_scope()
    table = read_roster(args.file, progress=progress())
    mapping = guess_mapping(table.headers)
    missing = [f for f in ("nip", "name") if mapping.get(f) is None]
    if mapping.get("opd") is None and not args.opd and scope is None:
        missing.append("opd")
    if missing:
        names = ", ".join(FIELD_LABELS[f] for f in missing)  # headings as written in the file
        raise UserFacingError(
            _("Kolom {names} tidak ditemukan di baris judul berkas ini.").format(names=names),
            hint=_(
                "Beri judul kolom NIP, Nama dan OPD (atau pakai --opd NAMA), atau impor "
                "lewat aplikasi untuk memilih kolomnya sendiri."
            ),
        )
    plan = plan_roster(table, mapping, opd=args.opd, allowed_opd=scope)
    for rejection in plan.rejected:
        print(_("Baris {row} ditolak: {reason}").format(row=rejection.row, reason=rejection.reason))
    for warning in plan.warnings:
        print(
            _("Baris {row} (tetap diimpor): {reason}").format(
                row=warning.row, reason=warning.reason
            )
        )
    result = storage.import_roster(plan.entries, progress=progress())
    end_progress()
    print(
        _(
            "Daftar pegawai diimpor: {added} ditambahkan, {updated} diperbarui, "
            "{unchanged} tidak berubah; {rejected} baris ditolak, {empty} baris kosong "
            "dilewati."
        ).format(
            added=format_count(result.added),
            updated=format_count(result.updated),
            unchanged=format_count(result.unchanged),
            rejected=format_count(len(plan.rejected)),
            empty=format_count(plan.empty_rows),
        )
    )
    return EXIT_OK


def _evaluation(args: argparse.Namespace, installation: Installation) -> int:
    from datetime import timedelta

    from sp_desktop.core.documents.evaluation_document import write_evaluation
    from sp_desktop.core.domain.monitoring import EVALUATION_DAYS

    storage = installation.storage
    end = args.date_to or clock.today()
    start = args.date_from or end - timedelta(days=EVALUATION_DAYS - 1)
    evaluation = storage.evaluation(start, end, progress=progress())
    path = write_evaluation(evaluation, args.out, signer=storage.document_signer())
    end_progress()
    total = evaluation.current_total
    print(
        _(
            "Evaluasi {start} s.d. {end} disimpan: {path} ({done} dari {total} ASN sudah; "
            "{below} OPD di bawah target)."
        ).format(
            start=start.isoformat(),
            end=end.isoformat(),
            path=path,
            done=format_count(total.sudah),
            total=format_count(total.total),
            below=format_count(len(evaluation.below_target)),
        )
    )
    return EXIT_OK
