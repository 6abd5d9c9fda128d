"""The revisit agenda: `sp-desktop agenda --until YYYY-MM-DD --out FILE.csv|FILE.pdf`.

Any signed-in account may run it, as any account may read the household list: the list
is a helper's daily work, and No KK / NIK are masked in both files whatever the role.
A petugas gets every household unless they pass --helper with their own NIP.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from sp_desktop.cli.common import (
    EXIT_OK,
    Commands,
    date_arg,
    end_progress,
    progress,
    runs,
)
from sp_desktop.core.base.i18n import _
from sp_desktop.core.domain.text import format_count

if TYPE_CHECKING:
    from sp_desktop.core.domain.agenda import AgendaFilter
    from sp_desktop.core.security.installation import Installation


def register(commands: Commands) -> None:
    agenda = commands.add_parser(
        "agenda",
        help=_(
            "daftar kunjungan ulang: rumah tangga Belum/Gagal yang dijadwalkan dikunjungi "
            "lagi (PDF dari pintu ke pintu, atau CSV)"
        ),
    )
    agenda.add_argument(
        "--until",
        required=True,
        type=date_arg,
        metavar="YYYY-MM-DD",
        help=_("jadwal kunjungan ulang sampai tanggal ini, termasuk yang sudah terlambat"),
    )
    agenda.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar=_("BERKAS.pdf|BERKAS.csv"),
        help=_("PDF atau CSV"),
    )
    group = agenda.add_argument_group(_("penyaring (semua boleh dikosongkan)"))
    group.add_argument(
        "--from",
        dest="since",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help=_("hanya jadwal sejak tanggal ini (tanpa ini: yang terlambat ikut)"),
    )
    group.add_argument("--kelurahan", default="", metavar=_("KODE"), help=_("mis. 52.71.01.1004"))
    group.add_argument("--post", default="", metavar="ID", help=_("ID posko (atau namanya)"))
    group.add_argument("--helper", default="", metavar="NIP", help=_("NIP petugas"))
    group.add_argument("--rw", default="", metavar="RW", help=_("mis. 001"))
    group.add_argument("--rt", default="", metavar="RT", help=_("mis. 003"))
    runs(agenda, _agenda)


def agenda_filter(args: argparse.Namespace) -> AgendaFilter:
    from sp_desktop.core.domain.agenda import AgendaFilter

    kelurahan = args.kelurahan.replace(".", "").strip()
    if kelurahan:
        from sp_desktop.core.domain.regions import dotted

        kelurahan = dotted(kelurahan)
    return AgendaFilter(
        until=args.until,
        since=args.since,
        kelurahan_code=kelurahan,
        post=args.post,
        helper_nip=args.helper,
        rw=args.rw,
        rt=args.rt,
    )


def _agenda(args: argparse.Namespace, installation: Installation) -> int:
    from sp_desktop.core.base.errors import UserFacingError
    from sp_desktop.core.documents.agenda_document import save_agenda

    agenda = agenda_filter(args)
    if agenda.since is not None and agenda.since > agenda.until:
        raise UserFacingError(
            _("Tanggal --from jatuh sesudah --until."),
            hint=_("Tukar kedua tanggalnya, atau hilangkan --from."),
        )
    issued = save_agenda(installation.storage, agenda, args.out, progress=progress())
    end_progress()
    kind = "PDF" if issued.path.suffix.lower() == ".pdf" else "CSV"
    print(
        _("Daftar kunjungan ulang ({kind}, {count} rumah tangga) disimpan: {path}").format(
            kind=kind, count=format_count(issued.count), path=issued.path
        )
    )
    return EXIT_OK
