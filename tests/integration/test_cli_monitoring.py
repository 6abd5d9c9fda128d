"""`roster import`, `evaluation` and the staff section of `stats`, as real processes."""

from __future__ import annotations

import csv
import subprocess
from datetime import date, timedelta
from pathlib import Path

from cli_support import ADMIN, OPD_ADMIN, assert_one_line_no_traceback, demo, sp, stats
from factories import keyed_connection
from openpyxl import load_workbook

from sp_desktop.core.base import clock
from sp_desktop.core.demo import DEMO_OPD, DEMO_PASSWORD
from sp_desktop.core.domain.identifiers import compose_nip
from sp_desktop.core.security.keyring import Keyring
from sp_desktop.core.storage import DB_FILENAME


def nip(serial: int) -> str:
    return compose_nip(date(1979, 3, 1 + serial % 27), date(2004, 1, 1), serial % 2 == 0, serial)


def write_roster(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["No", "NIP", "Nama", "Unit Kerja"])
        writer.writerow(["1", nip(1), "  Ahmad   Fauzi ", "Sekretariat"])
        writer.writerow(["2", nip(2)[:-1], "NIP Pendek", "Sekretariat"])
        writer.writerow(["", "", "", ""])
        writer.writerow(["3", nip(3), "Ni Made Ayu", "Bidang Data"])
        writer.writerow(["4", nip(1), "Ahmad Lagi", "Sekretariat"])


def run(folder: Path, *args: str, user: str = ADMIN) -> subprocess.CompletedProcess[str]:
    return sp("--data-dir", str(folder), "--user", user, *args)


def staff_rows(folder: Path) -> list[tuple[str, str, str]]:
    key = Keyring.load(folder).unlock(ADMIN, DEMO_PASSWORD).data_key
    conn = keyed_connection(folder / DB_FILENAME, key)
    try:
        return conn.execute(
            "SELECT nip, name, opd FROM staff WHERE opd = 'Badan Kepegawaian' ORDER BY nip"
        ).fetchall()
    finally:
        conn.close()


def test_roster_import_reports_bad_rows_and_updates_by_nip(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    demo(folder)
    roster = tmp_path / "pegawai.csv"
    write_roster(roster)
    result = run(folder, "roster", "import", str(roster), "--opd", "Badan Kepegawaian")
    assert result.returncode == 0, result.stderr
    assert "Baris 3 ditolak: " in result.stdout  # the short NIP (row 1 is the header)
    assert "Baris 6 ditolak: NIP sama dengan baris 2." in result.stdout
    assert "2 ditambahkan, 0 diperbarui, 0 tidak berubah; 2 baris ditolak" in result.stdout
    assert nip(2)[:-1] not in result.stdout  # rows are named by number, never by NIP
    assert staff_rows(folder) == [
        (nip(1), "Ahmad Fauzi", "Badan Kepegawaian"),
        (nip(3), "Ni Made Ayu", "Badan Kepegawaian"),
    ]
    again = run(folder, "roster", "import", str(roster), "--opd", "badan kepegawaian")
    assert "0 ditambahkan, 0 diperbarui, 2 tidak berubah" in again.stdout
    assert len(staff_rows(folder)) == 2
    staff = {s["opd"]: s for s in stats(folder)["staff"]}
    assert (staff["Badan Kepegawaian"]["total"], staff["Badan Kepegawaian"]["target"]) == (2, 2)


def test_opd_admin_may_import_only_their_own_office(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    demo(folder)
    roster = tmp_path / "pegawai.csv"
    write_roster(roster)
    refused = run(
        folder, "roster", "import", str(roster), "--opd", "Badan Kepegawaian", user=OPD_ADMIN
    )
    assert refused.returncode == 0, refused.stderr
    assert "Anda hanya boleh mengimpor pegawai OPD Anda" in refused.stdout
    assert "0 ditambahkan" in refused.stdout
    own = run(folder, "roster", "import", str(roster), user=OPD_ADMIN)
    assert own.returncode == 0, own.stderr
    assert "2 ditambahkan" in own.stdout
    mine = {s["opd"]: s for s in stats(folder, OPD_ADMIN)["staff"]}
    assert list(mine) == [DEMO_OPD]


def test_unreadable_roster_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    demo(folder)
    bad = tmp_path / "pegawai.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 not a workbook")
    result = run(folder, "roster", "import", str(bad))
    assert result.returncode == 1
    assert_one_line_no_traceback(result)


def test_evaluation_pdf_and_xlsx_match_stats(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    demo(folder, households=40)
    figures = {s["opd"]: s for s in stats(folder)["staff"]}
    today = clock.today()
    pdf = tmp_path / "evaluasi.pdf"
    result = run(folder, "evaluation", "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    total = sum(s["total"] for s in figures.values())
    done = sum(s["sudah"] for s in figures.values())
    assert f"{done} dari {total} ASN sudah" in result.stdout.replace(".", "")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    social = figures[DEMO_OPD]
    # The table's line for the office (the chart's line has only its percentage).
    numbers = next(
        cells
        for row in text.splitlines()
        if DEMO_OPD in row and (cells := row.split(DEMO_OPD, 1)[1].split())[0].isdigit()
    )
    assert numbers[:3] == [str(social["total"]), str(social["sudah"]), _percent(social)]
    start = (today - timedelta(days=13)).isoformat()
    xlsx = tmp_path / "evaluasi.xlsx"
    result = run(
        folder, "evaluation", "--from", start, "--to", today.isoformat(), "--out", str(xlsx)
    )
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(xlsx)["Per OPD"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1]}
    assert rows[DEMO_OPD][2:4] == (social["total"], social["sudah"])


def _percent(opd: dict) -> str:
    return f"{100 * opd['sudah'] / opd['total']:.1f}%".replace(".", ",")
