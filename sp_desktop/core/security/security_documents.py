"""Printed security documents: the recovery sheet and the personal-data purge report (PDF).

Both are written for the civil servants who keep them, in plain Bahasa Indonesia. They use
only reportlab's built-in fonts (Helvetica, Courier), so no font files ship with the app.
reportlab and qrcode are imported inside the functions: the app imports the core at
start-up and should not pay for a PDF library it may not use in that session.

Files are written atomically (a `.partial` file next to the target, fsync, rename): a
crash or a full disk never leaves a half-written sheet that looks complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sp_desktop.core.base.files import write_atomically
from sp_desktop.core.documents.pdf_kit import (
    a4_document,
    info_table,
    markup,
    numbered_canvas,
    qr_flowable,
)
from sp_desktop.core.documents.pdf_kit import styles as _styles
from sp_desktop.core.domain.official_text import DAYS, date_text, datetime_text, format_count, local

# Column keys of PurgeReportData.by_kelurahan, in table order.
_OUTCOME_KEYS = ("berhasil", "gagal", "belum", "tanpa_kunjungan")


@dataclass(frozen=True)
class PurgeReportData:
    office: str
    kelurahan: str
    installation_id: str
    retention_until: date  # the retention end date set by the admin
    purged_at: datetime  # local time
    purged_by: str  # "Nama (NIP masked)", already masked by the caller
    households_purged: int
    households_already_erased: int
    visits_kept: int
    # (kelurahan label, {"berhasil": n, "gagal": n, "belum": n, "tanpa_kunjungan": n})
    by_kelurahan: list[tuple[str, dict[str, int]]]
    audit_entry_hash: str  # hex sha256 of the audit entry recording the purge


# -- recovery sheet -------------------------------------------------------------------------


def write_recovery_sheet(
    path: Path,
    *,
    office: str,
    kelurahan: str,
    installation_id: str,
    recovery_key: str,
    key_fingerprint: str,
    created_at: datetime,
) -> Path:
    """Write the one-page A4 recovery sheet to `path` (atomically) and return `path`.

    The key and its QR code are printed exactly as given. The PDF itself holds the key in
    clear: whoever calls this decides where it goes and when it is deleted after printing.
    """
    if not recovery_key.strip():
        raise ValueError("recovery_key is empty")

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (
        KeepInFrame,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    styles = _styles()
    margin = 18 * mm
    width = A4[0] - 2 * margin
    height = A4[1] - 2 * margin
    red = colors.HexColor("#B00020")

    # The key on one line, as large as the width allows (it is typed back by hand).
    key_font = "Courier-Bold"
    key_size = min(22.0, (width - 16 * mm) / stringWidth(recovery_key, key_font, 1))
    key_style = styles["centre"].clone(
        "key", fontName=key_font, fontSize=key_size, leading=key_size * 1.3
    )
    key_box = Table(
        [
            [Paragraph("KUNCI PEMULIHAN", styles["cell_head"])],
            [Paragraph(markup(recovery_key), key_style)],
            [Paragraph(f"Sidik kunci: <b>{markup(key_fingerprint)}</b>", styles["centre"])],
            [
                Paragraph(
                    "Sidik kunci hanya untuk mencocokkan lembar ini dengan aplikasi; "
                    "sidik kunci tidak dapat membuka data.",
                    styles["small"].clone("small_centre", alignment=1),
                )
            ],
        ],
        colWidths=[width],
    )
    key_box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("TOPPADDING", (0, 1), (-1, 1), 8),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
            ]
        )
    )

    qr_size = 46 * mm
    how_to_use = [
        Paragraph("Kapan dan cara memakai lembar ini", styles["heading"]),
        Paragraph(
            "Pakai lembar ini <b>hanya bila semua kata sandi terlupa</b> dan data tidak bisa "
            "dibuka lagi.",
            styles["body"],
        ),
        Paragraph(
            "<b>Di aplikasi:</b> pada layar masuk, pilih "
            "<b>“Lupa kata sandi? Pakai lembar pemulihan”</b>, lalu ketik kunci pemulihan "
            "di atas.",
            styles["bullet"],
            bulletText="•",
        ),
        Paragraph(
            "<b>Lewat baris perintah:</b> jalankan "
            "<font name='Courier-Bold'>sp-desktop recover</font>, lalu ketik kunci "
            "pemulihan.",
            styles["bullet"],
            bulletText="•",
        ),
        Paragraph(
            "Huruf besar atau kecil sama saja; tanda “-” boleh dilewati. "
            "Kode QR di samping berisi kunci yang sama.",
            styles["bullet"],
            bulletText="•",
        ),
    ]
    use_row = Table(
        [[qr_flowable(recovery_key, qr_size), how_to_use]],
        colWidths=[qr_size + 6 * mm, width - qr_size - 6 * mm],
    )
    use_row.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )

    keep_safe = [
        Paragraph("Cara menyimpan", styles["heading"]),
        Paragraph(
            "Simpan di tempat terkunci, <b>seperti menyimpan uang</b>: lemari besi atau laci "
            "yang dikunci.",
            styles["bullet"],
            bulletText="•",
        ),
        Paragraph(
            "<b>Jangan</b> simpan di tas yang sama dengan PC, laptop, atau flashdisk (USB) "
            "berisi data.",
            styles["bullet"],
            bulletText="•",
        ),
        Paragraph(
            "<b>Jangan difoto</b> dan <b>jangan dikirim lewat WhatsApp</b>, surel, atau cara "
            "lain. Siapa pun yang memegang kunci ini dapat membuka semua data.",
            styles["bullet"],
            bulletText="•",
        ),
    ]

    warning = Table(
        [
            [
                Paragraph(
                    "PENTING: Tanpa kata sandi satu pun dan tanpa lembar ini, data tidak dapat "
                    "dipulihkan oleh siapa pun, termasuk pembuat aplikasi.",
                    styles["value"].clone("warning", fontSize=11.5, leading=15, textColor=red),
                )
            ]
        ],
        colWidths=[width],
    )
    warning.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, red),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF3F3")),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )

    line = "_" * 28
    story = [
        Paragraph("Lembar Pemulihan SP Desktop", styles["title"]),
        Paragraph(
            "Kunci cadangan untuk membuka data SP Desktop di kantor ini.", styles["subtitle"]
        ),
        Spacer(1, 5 * mm),
        info_table(
            [
                ("Kantor", office),
                ("Kelurahan", kelurahan),
                ("ID instalasi", installation_id),
                ("Dibuat", datetime_text(created_at)),
            ],
            width,
            styles,
        ),
        Spacer(1, 5 * mm),
        key_box,
        Spacer(1, 4 * mm),
        use_row,
        *keep_safe,
        Spacer(1, 5 * mm),
        warning,
        Spacer(1, 8 * mm),
        Paragraph(f"Tanggal disimpan: {line}", styles["body"]),
        Spacer(1, 12 * mm),  # room for a handwritten signature
        Paragraph(f"Disimpan oleh: {line}&nbsp;&nbsp;&nbsp;Tanda tangan: {line}", styles["body"]),
    ]

    def stamp(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 11)
        canvas.setFillColor(red)
        canvas.drawRightString(A4[0] - margin, A4[1] - margin + 4 * mm, "RAHASIA")
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        footer = f"Lembar Pemulihan SP Desktop · ID instalasi {installation_id}"
        canvas.drawString(margin, margin - 8 * mm, footer)
        canvas.restoreState()

    def render(out: IO[bytes]) -> None:
        doc = a4_document(out, margin=margin, title="Lembar Pemulihan SP Desktop", on_page=stamp)
        # Shrink rather than spill: a second page could be lost or left in the printer.
        doc.build([KeepInFrame(width, height, story, mode="shrink")])

    return write_atomically(path, render)


# -- purge report ---------------------------------------------------------------------------


def write_purge_report(path: Path, report: PurgeReportData) -> Path:
    """Write the A4 'Berita Acara Penghapusan Data Pribadi' to `path` (atomically)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    styles = _styles()
    margin = 20 * mm
    width = A4[0] - 2 * margin
    title = "Berita Acara Penghapusan Data Pribadi"
    purged_at = local(report.purged_at)
    audit_short = f"Jejak audit: {report.audit_entry_hash[:16]}…"

    # -- the table: one row per kelurahan, then the total ------------------------------------
    headers = ["Kelurahan", "Berhasil", "Gagal", "Belum", "Belum dikunjungi", "Jumlah"]
    rows: list[list[Any]] = [[Paragraph(h, styles["cell_head"]) for h in headers]]
    totals = [0] * (len(_OUTCOME_KEYS) + 1)
    for label, counts in report.by_kelurahan:
        values = [counts.get(key, 0) for key in _OUTCOME_KEYS]
        values.append(sum(values))
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        # Numbers as plain strings: a Paragraph would break "1.234.567" across two lines.
        rows.append([Paragraph(markup(label), styles["cell"]), *map(format_count, values)])
    rows.append([Paragraph("<b>Jumlah</b>", styles["cell"]), *map(format_count, totals)])
    # Wide enough for "Belum dikunjungi" on two lines and 7-digit totals ("1.234.567").
    number_widths = [19 * mm] * 3 + [23 * mm, 20 * mm]
    table = Table(
        rows,
        colWidths=[width - sum(number_widths), *number_widths],
        repeatRows=1,  # the header again on every page the table runs onto
    )
    grey = colors.HexColor("#999999")
    table_style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("FONT", (1, 1), (-1, -1), "Helvetica", 9),
        ("FONT", (1, -1), (-1, -1), "Helvetica-Bold", 9),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (1, 0), (-1, -1), 4),
        ("RIGHTPADDING", (1, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")),
    ]
    # Light banding keeps a long row readable across six columns.
    table_style += [
        ("BACKGROUND", (0, i), (-1, i), colors.HexColor("#F8F8F8"))
        for i in range(2, len(rows) - 1, 2)
    ]
    table.setStyle(TableStyle(table_style))

    # -- the text ----------------------------------------------------------------------------
    purged_text = (
        f"hari {DAYS[purged_at.weekday()]}, {date_text(purged_at)}, pukul {purged_at:%H.%M}"
    )
    already = (
        f" Data pribadi {format_count(report.households_already_erased)} rumah tangga lainnya "
        "sudah terhapus sebelumnya."
        if report.households_already_erased
        else ""
    )
    story: list[Any] = [
        Paragraph(title, styles["title"]),
        Paragraph("SP Desktop · Sensus Penduduk Online 2020", styles["subtitle"]),
        Spacer(1, 5 * mm),
        info_table(
            [
                ("Nomor", "_" * 30),
                ("Kantor", report.office),
                ("Kelurahan", report.kelurahan),
                ("ID instalasi", report.installation_id),
                ("Masa simpan berakhir", date_text(report.retention_until)),
                ("Waktu penghapusan", datetime_text(purged_at)),
                ("Dilakukan oleh", report.purged_by),
            ],
            width,
            styles,
        ),
        Spacer(1, 5 * mm),
        Paragraph(
            f"Setelah masa simpan data berakhir pada {date_text(report.retention_until)}, "
            "data pribadi (No KK, NIK, nama, alamat, nomor telepon, dan catatan) dari "
            f"<b>{format_count(report.households_purged)} rumah tangga</b> telah dihapus pada "
            f"{purged_text}, oleh {markup(report.purged_by)}.{already}",
            styles["body"],
        ),
        Spacer(1, 2 * mm),
        Paragraph(
            "Yang tetap disimpan hanya angka rekap, tanpa data pribadi: "
            f"{format_count(report.visits_kept)} catatan kunjungan dan jumlah rumah tangga per "
            "kelurahan menurut hasil kunjungan terakhir, seperti pada tabel berikut. "
            "Data pribadi yang sudah dihapus tidak dapat dikembalikan.",
            styles["body"],
        ),
        Spacer(1, 4 * mm),
        table,
    ]

    # The closing restates what was erased and travels with the signatures: if the table
    # pushes them onto a page of their own, that page still says what is being signed.
    closing = [
        Spacer(1, 4 * mm),
        Paragraph(
            "Demikian berita acara ini dibuat dengan sebenarnya. Data pribadi "
            f"{format_count(report.households_purged)} rumah tangga telah dihapus; penghapusan "
            "ini tercatat dalam jejak audit aplikasi dengan kode "
            f"<font name='Courier'>{markup(report.audit_entry_hash)}</font>.",
            styles["body"],
        ),
    ]
    blank = "(" + "_" * 30 + ")"
    left = [
        Paragraph("Yang melakukan penghapusan,", styles["body"]),
        Paragraph("<b>Admin SP Desktop</b>", styles["body"]),
        Spacer(1, 20 * mm),
        Paragraph(markup(report.purged_by), styles["body"]),
    ]
    right = [
        Paragraph("Mengetahui,", styles["body"]),
        Paragraph("<b>Lurah/Kepala Kantor</b>", styles["body"]),
        Spacer(1, 20 * mm),
        Paragraph(blank, styles["body"]),
        Paragraph("NIP. " + "_" * 26, styles["body"]),
    ]
    signatures = Table([[left, right]], colWidths=[width / 2, width / 2])
    signatures.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    place_date = Paragraph(
        f"{markup(report.kelurahan)}, {date_text(purged_at)}",
        styles["body"].clone("place", leftIndent=width / 2),
    )
    story.append(
        KeepTogether([*closing, Spacer(1, 8 * mm), place_date, Spacer(1, 2 * mm), signatures])
    )

    def decorate(canvas: Any, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.setStrokeColor(grey)
        canvas.setLineWidth(0.4)
        canvas.line(margin, 14 * mm, A4[0] - margin, 14 * mm)
        canvas.drawString(margin, 10 * mm, audit_short)
        canvas.drawRightString(A4[0] - margin, 10 * mm, f"Halaman {number} dari {total}")
        if number > 1:
            canvas.drawString(margin, A4[1] - 12 * mm, f"{title} · {report.office}")
        canvas.restoreState()

    def render(out: IO[bytes]) -> None:
        a4_document(out, margin=margin, title=title).build(
            story, canvasmaker=numbered_canvas(decorate)
        )

    return write_atomically(path, render)
