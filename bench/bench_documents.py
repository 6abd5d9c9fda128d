"""What issuing documents costs: 1,000 slips, a recap and an XLSX export over large data.

Data: a copy of the N-household encrypted demo installation (bench/out/docs-work; slips
are registered in it, so the cached installation is never written), opened as the demo
admin with `Storage` and `act_as_system`.

1. 1,000 slips in one PDF: `issuing.write_slips` for the first 1,000 visits (reading each
   visit, signing its QR text, drawing, the signed PDF written atomically, the slips
   registered). Floor: plain reportlab canvas + the qrcode package drawing the same texts
   and the same QR payloads (prepared beforehand, so the floor does no database work and
   no signing), one slip per A4 page. Goal: ours <= 1.3x the floor. Also shown: the floor
   with the two output shortcuts our writer takes (no ASCII85, the QR as one path).
2. Recap over all N households: `issuing.write_recap` (one pass over the households with
   their status at the end of the period, the figures, the PDF with the list of every
   household that still needs SP Wawancara). Floor: a bare SQLCipher connection reading
   the same households and latest visits. Goal: <= 10 s.
3. XLSX export: `issuing.export_xlsx` over the visits of a date range holding about
   100,000 visits (the four sheets: summary, households, visits, still needing a visit).
   Ours reads the data, counts the recap in the same pass and writes text cells as text.
   Floor: openpyxl write-only appending the very cell values ours writes (built before
   the timing starts) into the same sheets, no styles. Goal: speed >= 0.7x the floor's.

Each pair alternates which side goes first; the median of --repeat runs is reported.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _common import (
    DB_FILENAME,
    Row,
    connect,
    copy_installation,
    data_key,
    demo_dir,
    open_storage,
    parse_args,
    report,
)

from sp_desktop.core.documents import issuing
from sp_desktop.core.domain.reports import ReportFilter, SlipData
from sp_desktop.core.storage import Storage

SLIPS = 1000
SLIP_GOAL = 1.3
RECAP_GOAL_S = 10.0
XLSX_GOAL = 0.7
XLSX_VISITS = 100_000


def floor_slips(slips: list[SlipData], *, tuned: bool = False) -> bytes:
    """Plain reportlab + qrcode: the same texts and QR payloads, one slip per A4 page."""
    import qrcode
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    saved = rl_config.useA85
    if tuned:
        rl_config.useA85 = 0
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    try:
        for slip in slips:
            y = 800.0
            canvas.setFont("Helvetica-Bold", 16)
            canvas.drawString(50, y, "Bukti Pendampingan SP Online")
            canvas.setFont("Helvetica", 10)
            texts = [
                slip.office, slip.outcome.label.upper(), slip.head_name, slip.kk_masked,
                slip.nik_masked, *slip.address_lines, slip.help_reason.label,
                slip.visited_at.strftime("%d/%m/%Y %H.%M"), slip.helper_name, slip.helper_nip,
                slip.post_name, slip.failure_reason.label if slip.failure_reason else "",
                slip.failure_note, str(slip.revisit_date or ""), "Kode verifikasi",
                slip.short_code, "Sidik kunci kantor: " + slip.key_fingerprint,
            ]  # fmt: skip
            for text in texts:
                y -= 14
                canvas.drawString(150, y, text)
            qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
            qr.add_data(slip.qr_text)
            qr.make(fit=True)
            matrix = qr.get_matrix()
            size, n = 136.0, len(matrix)
            module = size / n
            parts = []
            for r, line in enumerate(matrix):
                col = 0
                while col < n:
                    if not line[col]:
                        col += 1
                        continue
                    start = col
                    while col < n and line[col]:
                        col += 1
                    if tuned:
                        parts.append(f"{start} {r} {col - start} 1 re")
                    else:
                        canvas.rect(
                            400 + start * module, 600 + size - (r + 1) * module,
                            (col - start) * module, module, stroke=0, fill=1,
                        )  # fmt: skip
            if tuned:
                canvas.saveState()
                canvas.translate(400, 600 + size)
                canvas.scale(size / n, -size / n)
                canvas.addLiteral("\n".join(parts) + "\nf")
                canvas.restoreState()
            canvas.showPage()
        canvas.save()
    finally:
        rl_config.useA85 = saved
    return out.getvalue()


def floor_recap_read(path: Path, key: bytes) -> int:
    conn = connect(path / DB_FILENAME, key, read_only=True)
    rows = conn.execute(
        "SELECT h.id, h.no_kk, h.head_nik, h.head_name, h.kelurahan_code, h.address, h.rt, "
        "h.rw, lv.outcome, lv.visited_at, lv.failure_reason, lv.revisit_date FROM households h "
        "LEFT JOIN visits lv ON lv.pk = (SELECT x.pk FROM visits x WHERE x.household_id = h.id "
        "ORDER BY x.visited_at DESC LIMIT 1) ORDER BY h.kelurahan_code, h.rw, h.rt, h.head_name"
    ).fetchall()
    conn.close()
    return len(rows)


def floor_xlsx(out: Path, households: list[tuple], visits: list[tuple]) -> None:  # type: ignore[type-arg]
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet("Ringkasan")
    summary.append(("Rekap", len(households), len(visits)))
    all_households = workbook.create_sheet("Rumah Tangga")
    visit_sheet = workbook.create_sheet("Kunjungan")
    needing = workbook.create_sheet("Perlu SP Wawancara")
    for row in households:
        all_households.append(row[:-1])
        if row[-1] != "berhasil":
            needing.append(row[:-1])
    for row in visits:
        visit_sheet.append(row)
    workbook.save(out)


def xlsx_period(path: Path, key: bytes) -> tuple[date, date, int]:
    """The latest date range holding about XLSX_VISITS visits (whole local days)."""
    conn = connect(path / DB_FILENAME, key, read_only=True)
    total = conn.execute("SELECT count(*) FROM visits").fetchone()[0]
    newest, oldest = conn.execute("SELECT max(visited_at), min(visited_at) FROM visits").fetchone()
    conn.close()
    end = date.fromisoformat(newest[:10]) + timedelta(days=1)
    start = date.fromisoformat(oldest[:10]) - timedelta(days=1)
    if total <= XLSX_VISITS:
        return start, end, total
    span = (end - start).days
    days = max(1, round(span * XLSX_VISITS / total))
    return end - timedelta(days=days), end, total


def floor_xlsx_rows(storage: Storage, report: ReportFilter) -> tuple[list, list]:  # type: ignore[type-arg]
    """The exact cell values our export writes (read before timing: the floor only writes)."""
    from sp_desktop.core.documents.spreadsheets import _household_values, _visit_values

    households = [
        (n, *_household_values(line), line.status.value if line.status else "")
        for n, line in enumerate(storage.report_households(report), 1)
    ]
    visits = [(n, *_visit_values(line)) for n, line in enumerate(storage.report_visits(report), 1)]
    return households, visits


def median_of(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def main() -> int:
    args = parse_args(
        __doc__.splitlines()[0], 100_000, repeat=(int, 3, "runs of each measure (default 3)")
    )
    source = demo_dir(args.households)
    key = data_key(source)
    data = copy_installation(source, "docs-work", key)
    work = Path(tempfile.mkdtemp(prefix="sp-bench-docs-"))
    rows: list[Row] = []
    notes: list[str] = []
    with open_storage(data, key) as storage:
        # Opening migrates a cached installation from before this feature once (the key
        # pair is made then); do it before anything is timed.
        visit_ids = storage.report_visit_ids(ReportFilter())[:SLIPS]
        signer = storage.signer()
        office = storage.get_setting("office_name")
        slips = [issuing.slip_for(storage.visit_line(v), signer, office) for v in visit_ids]

        slip_pairs: list[tuple[float, float]] = []
        tuned: list[float] = []
        for i in range(args.repeat):

            def run_ours() -> float:
                start = time.perf_counter()
                issuing.write_slips(storage, visit_ids, work / "bukti.pdf")
                return time.perf_counter() - start

            def run_floor() -> float:
                start = time.perf_counter()
                (work / "floor.pdf").write_bytes(floor_slips(slips))
                return time.perf_counter() - start

            if i % 2:
                floor_s = run_floor()
                ours_s = run_ours()
            else:
                ours_s = run_ours()
                floor_s = run_floor()
            slip_pairs.append((ours_s, floor_s))
            start = time.perf_counter()
            floor_slips(slips, tuned=True)
            tuned.append(time.perf_counter() - start)
        ours_s, floor_s = median_of(slip_pairs)
        rows.append(
            Row(
                f"{len(visit_ids):,} slips in one PDF",
                ours_s,
                floor_s,
                "s",
                f"<= {SLIP_GOAL}x floor",
                ours_s <= SLIP_GOAL * floor_s,
            )
        )
        rows.append(Row("  floor with our output shortcuts", statistics.median(tuned), None, "s"))

        recap_pairs: list[tuple[float, float]] = []
        needing = households = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            issued = issuing.write_recap(storage, ReportFilter(), work / "rekap.pdf")
            ours_s = time.perf_counter() - start
            households = issued.count
            start = time.perf_counter()
            floor_recap_read(data, key)
            recap_pairs.append((ours_s, time.perf_counter() - start))
        needing = len(issuing.build_recap(storage, ReportFilter()).needing_interview)
        ours_s, floor_s = median_of(recap_pairs)
        rows.append(
            Row(
                f"recap PDF, {households:,} households ({needing:,} listed)",
                ours_s,
                floor_s,
                "s",
                f"<= {RECAP_GOAL_S:g} s",
                ours_s <= RECAP_GOAL_S,
            )
        )

        date_from, date_to, total_visits = xlsx_period(data, key)
        period = ReportFilter(date_from=date_from, date_to=date_to)
        floor_households, floor_visits = floor_xlsx_rows(storage, period)
        xlsx_pairs: list[tuple[float, float]] = []
        for i in range(args.repeat):

            def run_ours_xlsx() -> float:
                target = work / "data.xlsx"
                target.unlink(missing_ok=True)
                start = time.perf_counter()
                issuing.export_xlsx(storage, period, target)
                return time.perf_counter() - start

            def run_floor_xlsx() -> float:
                start = time.perf_counter()
                floor_xlsx(work / "floor.xlsx", floor_households, floor_visits)
                return time.perf_counter() - start

            if i % 2:
                floor_s = run_floor_xlsx()
                ours_s = run_ours_xlsx()
            else:
                ours_s = run_ours_xlsx()
                floor_s = run_floor_xlsx()
            xlsx_pairs.append((ours_s, floor_s))
        ours_s, floor_s = median_of(xlsx_pairs)
        speed = floor_s / ours_s
        rows.append(
            Row(
                f"XLSX, {len(floor_visits):,} visits + {len(floor_households):,} households",
                ours_s,
                floor_s,
                "s",
                f"speed >= {XLSX_GOAL}x floor",
                speed >= XLSX_GOAL,
            )
        )
        notes += [
            f"slips: issuing.write_slips (read, sign, draw, write atomically, register), "
            f"floor: reportlab canvas + qrcode on the prepared texts; median of {args.repeat}",
            "recap: issuing.write_recap (one pass, figures, signed PDF); floor: bare SQLCipher "
            "read of the same households and latest visits",
            f"xlsx: issuing.export_xlsx over {period.date_from} .. {period.date_to} "
            f"({total_visits:,} visits in all); floor: openpyxl write-only, the same cell "
            f"values prepared beforehand, no styles; speed = floor time / ours ({speed:.2f}x)",
        ]
    ok = report(
        "bench_documents",
        f"slips, recap and XLSX export, {args.households:,} households",
        rows,
        notes,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
