"""Documents an office issues: proof slips, the recap, spreadsheets, the handover package.

This module gathers the data (through Storage, which masks what the signed-in account
may not see), signs it with the installation's key, hands it to the PDF and spreadsheet
writers, and writes each issue into the audit trail. The window and the command line
both call these functions, in a worker thread with a Progress.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.files import fsync_dir, replace_file, write_atomically
from sp_desktop.core.base.i18n import _
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import FailureReason, Outcome
from sp_desktop.core.domain.official_text import date_text
from sp_desktop.core.domain.reports import (
    DocumentHeader,
    HouseholdLine,
    KelurahanTotals,
    RecapData,
    ReportFilter,
    SlipData,
    VisitLine,
)
from sp_desktop.core.storage import Storage
from sp_desktop.core.trust import audit, signing

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "sp-desktop-serah-terima"
MANIFEST_VERSION = 1
RECAP_NAME = "rekapitulasi.pdf"
XLSX_NAME = "data-pendampingan.xlsx"
CSV_NAME = "rumah-tangga.csv"
KEY_NAME = "kunci-publik" + signing.PUBLIC_KEY_SUFFIX
README_NAME = "BACA-SAYA.txt"


def period_text(report: ReportFilter) -> str:
    if report.date_from and report.date_to:
        return f"{date_text(report.date_from)} – {date_text(report.date_to)}"
    if report.date_from:
        return f"Sejak {date_text(report.date_from)}"
    if report.date_to:
        return f"Sampai {date_text(report.date_to)}"
    return "Semua tanggal"


def scope_text(storage: Storage, report: ReportFilter) -> str:
    parts: list[str] = []
    if report.kelurahan_code:
        from sp_desktop.core.domain.regions import region_index

        region = region_index().get(report.kelurahan_code)
        parts.append(f"{region.kind} {region.name}" if region else report.kelurahan_code)
    if report.post_name:
        parts.append(report.post_name)
    if report.helper_nip:
        helper = next((h for h in storage.helpers() if h.nip == report.helper_nip), None)
        parts.append(f"Petugas {helper.name}" if helper else f"Petugas NIP {report.helper_nip}")
    return ", ".join(parts) if parts else "Semua data"


def _header(storage: Storage, report: ReportFilter) -> DocumentHeader:
    from sp_desktop.core.domain.regions import region_index

    assert storage.actor is not None
    code = storage.get_setting("office_kelurahan")
    region = region_index().get(code) if code else None
    return DocumentHeader(
        office=storage.get_setting("office_name"),
        office_kelurahan=f"{region.kind} {region.name}" if region else code,
        scope_text=scope_text(storage, report),
        period_text=period_text(report),
        generated_at=clock.local_now().replace(microsecond=0),
        generated_by=storage.actor.label(),
        key_fingerprint=storage.own_public_key().fingerprint,
        audit_witness=witness.short() if (witness := storage.audit_witness()) else "",
    )


# -- proof slips ----------------------------------------------------------------------------


def slip_for(line: VisitLine, signer: signing.Signer, office: str) -> SlipData:
    kk = mask_number(line.no_kk)
    claim = signing.SlipClaim(
        visit_id=line.visit_id,
        kk_masked=kk,
        outcome=line.outcome,
        visit_date=line.visited_at.date(),
        key_id=signer.key_id,
    )
    qr_text = signing.slip_qr_text(claim, signer)
    rt_rw = f"RT {line.rt} / RW {line.rw}" if (line.rt or line.rw) else ""
    return SlipData(
        office=office,
        post_name=line.post_name,
        post_kelurahan_label=line.post_kelurahan_label or line.kelurahan_label,
        helper_name=line.helper_name,
        helper_nip=line.helper_nip,
        head_name=line.head_name,
        kk_masked=kk,
        nik_masked=mask_number(line.head_nik),
        address_lines=[x for x in (line.address, rt_rw, line.kelurahan_label) if x],
        visited_at=line.visited_at,
        outcome=line.outcome,
        failure_reason=line.failure_reason,
        failure_note=line.failure_note,
        revisit_date=line.revisit_date,
        help_reason=line.help_reason,
        qr_text=qr_text,
        short_code=signing.short_code(qr_text),
        key_fingerprint=signer.fingerprint,
        erased=line.erased,
    )


@dataclass(frozen=True)
class Issued:
    path: Path
    count: int  # slips, households or rows
    sha256: str


def write_slips(
    storage: Storage,
    visit_ids: Sequence[str],
    out: Path,
    *,
    page: Literal["a4", "a5"] = "a4",
    progress: Progress | None = None,
) -> Issued:
    """One PDF with a slip per visit; each slip is registered so its short code verifies."""
    from sp_desktop.core.documents.slip_document import write_slips as render

    if not visit_ids:
        raise UserFacingError(
            _("Tidak ada kunjungan untuk dibuatkan bukti."),
            hint=_("Ubah penyaring (tanggal, kelurahan, posko, petugas) lalu coba lagi."),
        )
    progress = progress or Progress()
    signer = storage.document_signer()  # a petugas's slips: the helpers' key
    office = storage.get_setting("office_name")
    slips: list[SlipData] = []
    for done, visit_id in enumerate(visit_ids):
        if done % 100 == 0:
            progress.report(done, len(visit_ids) * 2, _("Menyiapkan data bukti…"))
        slips.append(slip_for(storage.visit_line(visit_id), signer, office))

    def drawing(done: int, total: int, text: str) -> None:
        progress.report(len(visit_ids) + done, len(visit_ids) + total, text)

    path = render(Path(out), slips, signer, page=page, progress=Progress(drawing))
    storage.register_slips([(visit_ids[i], s.qr_text, s.short_code) for i, s in enumerate(slips)])
    return Issued(path, len(slips), signing.sha256_hex(path.read_bytes()))


# -- recap ----------------------------------------------------------------------------------


class RecapBuilder:
    """Gathers the recap's figures from the households in scope, one line at a time, so a
    document can be written in the same pass that counts it."""

    def __init__(self, storage: Storage, report: ReportFilter) -> None:
        self._storage = storage
        self._report = report
        self._by_status: dict[Outcome | None, int] = {o: 0 for o in Outcome} | {None: 0}
        self._kelurahan: dict[str, list[int]] = {}
        self._labels: dict[str, str] = {}
        self._needing: list[HouseholdLine] = []

    def add(self, line: HouseholdLine) -> None:
        self._by_status[line.status] += 1
        totals = self._kelurahan.get(line.kelurahan_code)
        if totals is None:
            totals = self._kelurahan[line.kelurahan_code] = [0, 0, 0, 0]
            self._labels[line.kelurahan_code] = line.kelurahan_label
        totals[0] += 1
        if line.status is Outcome.BERHASIL:
            totals[1] += 1
        elif line.status is Outcome.GAGAL:
            totals[2] += 1
        else:
            totals[3] += 1
        if line.needs_interview:
            self._needing.append(line)

    def counting(self, lines: Iterator[HouseholdLine]) -> Iterator[HouseholdLine]:
        for line in lines:
            self.add(line)
            yield line

    def finish(self) -> RecapData:
        storage, report = self._storage, self._report
        by_outcome, by_reason, visits_by_kelurahan = storage.report_visit_figures(report)
        rows = [
            KelurahanTotals(
                code=code,
                label=self._labels[code],
                households=t[0],
                berhasil=t[1],
                gagal=t[2],
                belum=t[3],
                visits=visits_by_kelurahan.get(code, 0),
            )
            for code, t in sorted(self._kelurahan.items())
        ]
        recap = RecapData(
            header=_header(storage, report),
            filter=report,
            visits_by_outcome={o: by_outcome.get(o.value, 0) for o in Outcome},
            households_by_status=self._by_status,
            failures_by_reason={r: by_reason.get(r.value, 0) for r in FailureReason},
            by_kelurahan=rows,
            needing_interview=self._needing,
        )
        recap.content_hash = signing.sha256_hex(signing.canonical_json(recap_figures(recap)))
        return recap


def build_recap(
    storage: Storage, report: ReportFilter, *, progress: Progress | None = None
) -> RecapData:
    """The recap's figures, all from one pass over the households in scope plus two counts
    over their visits, so the PDF, the spreadsheet and the manifest agree."""
    progress = progress or Progress()
    builder = RecapBuilder(storage, report)
    for count, line in enumerate(storage.report_households(report, progress=progress)):
        if count % 5000 == 0:
            progress.report(count, 0, _("Menghitung rekap…"))
        builder.add(line)
    return builder.finish()


def recap_figures(recap: RecapData) -> dict[str, object]:
    """The recap's content as plain data: what its hash covers and the manifest records."""
    return {
        "periode": recap.filter.as_dict(),
        "rumah_tangga": recap.households,
        "rumah_tangga_per_status": {
            (k.value if k else "belum_dikunjungi"): v for k, v in recap.households_by_status.items()
        },
        "kunjungan": recap.visits,
        "kunjungan_per_hasil": {k.value: v for k, v in recap.visits_by_outcome.items()},
        "gagal_per_alasan": {k.value: v for k, v in recap.failures_by_reason.items()},
        "per_kelurahan": [
            [r.code, r.households, r.berhasil, r.gagal, r.belum, r.visits]
            for r in recap.by_kelurahan
        ],
        "perlu_sp_wawancara": [line.household_id for line in recap.needing_interview],
    }


def write_recap(
    storage: Storage,
    report: ReportFilter,
    out: Path,
    *,
    progress: Progress | None = None,
    recap: RecapData | None = None,
) -> Issued:
    from sp_desktop.core.documents.recap_document import write_recap as render

    recap = recap or build_recap(storage, report, progress=progress)
    path = render(Path(out), recap, storage.signer(), progress=progress)
    return _issued(
        storage, audit.PRINT, "rekapitulasi", path, recap.households, report,
        rumah_tangga=recap.households, hash_isi=recap.content_hash,
    )  # fmt: skip


def _issued(
    storage: Storage,
    action: str,
    entity: str,
    path: Path,
    count: int,
    report: ReportFilter,
    **details: object,
) -> Issued:
    """Audit a written document with its SHA-256 and the filter it was made with."""
    sha = signing.sha256_hex(path.read_bytes())
    filters = {f"saring_{k}": v for k, v in report.as_dict().items() if v}
    storage.record_event(action, entity, "", berkas=path.name, sha256=sha, **details, **filters)
    return Issued(path, count, sha)


# -- spreadsheets ---------------------------------------------------------------------------


def export_xlsx(
    storage: Storage,
    report: ReportFilter,
    out: Path,
    *,
    progress: Progress | None = None,
    recap: RecapData | None = None,
    password: str | None = None,
) -> Issued:
    """The workbook; with `password`, Excel-encrypted (it opens only with the password)."""
    from sp_desktop.core.documents.spreadsheets import write_xlsx

    households = storage.report_households(report, progress=progress)
    if recap is None:
        # Counted in the same pass as the rows are written: one read of the households.
        builder = RecapBuilder(storage, report)
        households = builder.counting(households)
        figures: RecapData | Callable[[], RecapData] = builder.finish
    else:
        figures = recap
    path = Path(out)
    counts = write_xlsx(
        path,
        figures,
        households,
        storage.report_visits(report, progress=progress),
        total_rows=recap.households + recap.visits if recap else 0,
        progress=progress,
        password=password,
        # Encrypted: the rows in clear never touch the target's drive (a USB stick).
        scratch_dir=storage.data_dir if password is not None else None,
    )
    return _issued(
        storage, audit.EXPORT, "spreadsheet", path, counts.households, report,
        rumah_tangga=counts.households, kunjungan=counts.visits, bersandi=password is not None,
    )  # fmt: skip


def export_csv(
    storage: Storage,
    report: ReportFilter,
    out: Path,
    *,
    rows: Literal["rumah_tangga", "kunjungan"] = "rumah_tangga",
    progress: Progress | None = None,
    separator: Literal[",", ";"] = ",",
) -> Issued:
    """A CSV list; `separator` ";" is for Excel with Indonesian regional settings."""
    from sp_desktop.core.documents.spreadsheets import write_csv, write_visits_csv

    if rows == "kunjungan":
        count = write_visits_csv(
            Path(out),
            storage.report_visits(report, progress=progress),
            progress=progress,
            separator=separator,
        )
    else:
        count = write_csv(
            Path(out),
            storage.report_households(report, progress=progress),
            progress=progress,
            separator=separator,
        )
    path = Path(out)
    return _issued(
        storage, audit.EXPORT, "csv", path, count, report, baris=count, isi=rows,
        pemisah=separator,
    )  # fmt: skip


# -- handover package -----------------------------------------------------------------------


@dataclass(frozen=True)
class Handover:
    path: Path  # the folder, or the .zip
    files: list[str]
    households: int
    visits: int
    needing_interview: int


_README = """PAKET SERAH TERIMA DATA PENDAMPINGAN SP ONLINE
Dibuat oleh SP Desktop di {office}.

Isi paket:
  {recap}  rekapitulasi untuk dicetak dan ditandatangani
  {xlsx}  data lengkap (buka dengan Excel atau LibreOffice)
  {csv}  daftar rumah tangga (CSV, UTF-8)
  {key}  kunci publik kantor ini
  {manifest}  daftar berkas dengan SHA-256, bertanda tangan Ed25519

Memeriksa keaslian dan keutuhan paket (di komputer mana pun dengan SP Desktop):
  sp-desktop verify <folder paket ini>
Paket .zip bersandi: ekstrak dulu dengan sandinya (7-Zip atau WinRAR), lalu periksa
foldernya; atau: sp-desktop verify <berkas .zip> --password-file <berkas sandi>

Sidik kunci kantor ini: {fingerprint}
Cocokkan sidik kunci ini dengan kantor pengirim lewat telepon atau surat resmi sebelum
mempercayai kuncinya. Berkas kunci di dalam paket saja TIDAK membuktikan asal paket.

Paket ini memuat NIK dan No KK lengkap: simpan di tempat aman, jangan disebarkan, dan
hapus salinan di flashdisk setelah diserahkan.
"""


def write_handover(
    storage: Storage,
    report: ReportFilter,
    out: Path,
    *,
    progress: Progress | None = None,
    password: str | None = None,
) -> Handover:
    """A folder (or, if `out` ends in .zip, a zip) with the recap PDF, the XLSX, the CSV,
    the office's public key and a signed manifest. Built next to the target and renamed
    when complete, so a cut power or a full disk never leaves a package that looks whole.

    With `password` (a .zip only) the zip is AES-256: 7-Zip and WinRAR open it with the
    password. Its member names are the fixed ones above: no office, place or number."""
    from sp_desktop.core.documents.protection import check_password, write_aes_zip

    out = Path(out)
    as_zip = out.suffix.lower() == ".zip"
    if password is not None:
        if not as_zip:
            raise UserFacingError(
                _("Hanya paket .zip yang bisa diberi sandi, bukan folder."),
                hint=_("Simpan paket sebagai berkas .zip untuk melindunginya dengan sandi."),
            )
        check_password(password)
    if out.exists() and (as_zip or not out.is_dir() or any(out.iterdir())):
        raise UserFacingError(
            _("'{name}' sudah ada.").format(name=out.name),
            hint=_("Pilih nama folder/berkas baru untuk paket serah terima."),
        )
    progress = progress or Progress()
    signer = storage.signer()
    # A password zip is built on this PC (the data folder) and only its encrypted form
    # goes to the target, often a USB stick; a folder is built next to where it will be.
    beside = storage.data_dir if password is not None else out.parent
    work = beside / (out.name + ".sedang-dibuat.partial")
    with _os_errors():
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(mode=0o700, parents=True)  # owner-only, as every export
    try:
        recap = build_recap(storage, report, progress=progress)
        write_recap(storage, report, work / RECAP_NAME, progress=progress, recap=recap)
        export_xlsx(storage, report, work / XLSX_NAME, progress=progress, recap=recap)
        export_csv(storage, report, work / CSV_NAME, progress=progress)
        with _os_errors():
            _write_private(work / KEY_NAME, signing.public_key_file_bytes(signer.public_key))
            _write_private(work / README_NAME, _README.format(
                office=recap.header.office, recap=RECAP_NAME, xlsx=XLSX_NAME, csv=CSV_NAME,
                key=KEY_NAME, manifest=MANIFEST_NAME, fingerprint=signer.fingerprint,
            ))  # fmt: skip
        names = [RECAP_NAME, XLSX_NAME, CSV_NAME, KEY_NAME, README_NAME]
        body = {
            "format": MANIFEST_FORMAT,
            "versi": MANIFEST_VERSION,
            "kantor": recap.header.office,
            "kelurahan_kantor": storage.get_setting("office_kelurahan"),
            "instalasi": storage.installation_id,
            "dibuat": clock.now().isoformat(timespec="seconds"),
            "dibuat_oleh": recap.header.generated_by,
            "periode": {"dari": report.as_dict()["dari"], "sampai": report.as_dict()["sampai"]},
            "cakupan": {
                "kelurahan": report.kelurahan_code,
                "posko": report.post_name,
                "petugas": report.helper_nip,
                "keterangan": recap.header.scope_text,
            },
            "jumlah": {
                "rumah_tangga": recap.households,
                "kunjungan": recap.visits,
                "perlu_sp_wawancara": len(recap.needing_interview),
                "berhasil": recap.households_by_status[Outcome.BERHASIL],
                "gagal": recap.households_by_status[Outcome.GAGAL],
                "belum": recap.households_by_status[Outcome.BELUM]
                + recap.households_by_status[None],
            },
            "hash_isi_rekap": recap.content_hash,
            "id_kunci": signer.key_id,
            "berkas": [_file_entry(work / name) for name in names],
        }
        manifest = signing.sign_manifest(body, signer)
        with _os_errors():
            _write_private(
                work / MANIFEST_NAME,
                json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
            )
        files = [*names, MANIFEST_NAME]
        progress.report(1, 1, _("Menyimpan paket…"))
        with _os_errors():
            for name in files:
                _fsync_file(work / name)
            if as_zip and password is not None:
                write_aes_zip(out, [(name, work / name) for name in files], password)
                shutil.rmtree(work, ignore_errors=True)
            elif as_zip:
                _zip_folder(work, files, out)
                # The package is complete: a scratch file held by an antivirus must
                # not turn that into a reported failure.
                shutil.rmtree(work, ignore_errors=True)
            else:
                fsync_dir(work)
                if out.exists():
                    out.rmdir()  # empty, checked above
                replace_file(work, out)
            fsync_dir(out.parent)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    storage.record_event(
        audit.EXPORT, "paket_serah_terima", "", berkas=out.name, rumah_tangga=recap.households,
        kunjungan=recap.visits, sha256_manifes=signing.sha256_hex(
            signing.canonical_json(manifest)), bersandi=password is not None,
    )  # fmt: skip
    return Handover(
        path=out,
        files=files,
        households=recap.households,
        visits=recap.visits,
        needing_interview=len(recap.needing_interview),
    )


def _file_entry(path: Path) -> dict[str, object]:
    data = path.read_bytes()
    return {"nama": path.name, "ukuran": len(data), "sha256": signing.sha256_hex(data)}


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


# Every file an export writes is owner-only (0600), like files.write_atomically: the
# package holds full NIKs. On Windows the mode keeps only its write bit and the folder's
# access rights decide, so this is the same code path there.
_PRIVATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def _open_private(path: Path) -> IO[bytes]:
    """A new owner-only file at `path` for writing (a leftover is removed first: O_TRUNC
    would keep its old mode)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return os.fdopen(os.open(path, _PRIVATE_FLAGS, 0o600), "w+b")


def _write_private(path: Path, data: bytes | str) -> None:
    """Bytes as they are; text as Path.write_text writes it (UTF-8, the system's line
    ends: CRLF on Windows, for Notepad)."""
    with _open_private(path) as out:
        if isinstance(data, bytes):
            out.write(data)
        else:
            with io.TextIOWrapper(out, encoding="utf-8") as text:
                text.write(data)


def _zip_folder(folder: Path, names: Sequence[str], out: Path) -> None:
    def render(raw: IO[bytes]) -> None:
        with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in names:
                archive.write(folder / name, arcname=name)

    write_atomically(out, render)  # owner-only, fsynced, replaced with retries


@contextlib.contextmanager
def _os_errors() -> Iterator[None]:
    try:
        yield
    except UserFacingError:
        raise
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EFBIG):
            raise UserFacingError(
                _("Disk atau flashdisk tujuan penuh: paket tidak selesai ditulis."),
                hint=_(
                    "Kosongkan ruang atau pilih tujuan lain, lalu coba lagi. Data di "
                    "aplikasi tidak berubah."
                ),
            ) from exc
        raise UserFacingError(
            _("Paket tidak bisa ditulis: {value}.").format(value=exc.strerror or exc),
            hint=_(
                "Periksa bahwa folder tujuan ada, boleh ditulisi, dan flashdisk-nya masih "
                "terpasang, lalu coba lagi."
            ),
        ) from exc
