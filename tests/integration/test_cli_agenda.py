"""`sp-desktop agenda` from the command line: real processes on demo data, the CSV and the
door-to-door PDF read back, filters against the database itself, roles and mistakes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from cli_support import ADMIN, COORDINATOR, HELPER, assert_one_line_no_traceback, demo, sp
from factories import keyed_connection
from readback import flat, needs_tools, pdf_text

from sp_desktop.core.demo import DEMO_PASSWORD
from sp_desktop.core.security.keyring import Keyring
from sp_desktop.core.storage import DB_FILENAME

# Households on the agenda up to a day, straight from the database: the latest visit
# (the same order the app uses) is Belum or Gagal with a revisit date on or before it.
ON_AGENDA = (
    "SELECT h.id, h.kelurahan_code, hp.nip, lv.revisit_date FROM households h "
    "JOIN visits lv ON lv.pk = (SELECT x.pk FROM visits x WHERE x.household_id = h.id "
    "ORDER BY x.visited_at DESC, x.created_at DESC LIMIT 1) "
    "JOIN helpers hp ON hp.id = lv.helper_id "
    "WHERE lv.outcome IN ('belum', 'gagal') AND lv.revisit_date IS NOT NULL "
    "AND lv.revisit_date <= ? AND h.erased_at = ''"
)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kantor") / "data"
    demo(folder, households=60)
    return folder


def run(folder: Path, *args: str, user: str = COORDINATOR):  # type: ignore[no-untyped-def]
    return sp("--data-dir", str(folder), "--user", user, *args)


def on_agenda(folder: Path, until: str) -> list[tuple[str, str, str, str]]:
    key = Keyring.load(folder).unlock(ADMIN, DEMO_PASSWORD).data_key
    conn = keyed_connection(folder / DB_FILENAME, key)
    try:
        return conn.execute(ON_AGENDA, [until]).fetchall()
    finally:
        conn.close()


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    return list(reader)


def test_csv_lists_every_household_to_revisit(office: Path, tmp_path: Path) -> None:
    expected = on_agenda(office, "2020-12-31")
    assert expected, "the demo data has households to visit again"
    out = tmp_path / "agenda.csv"
    result = run(office, "agenda", "--until", "2020-12-31", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"{len(expected)} rumah tangga" in result.stdout
    rows = csv_rows(out)
    assert sorted(row["ID rumah tangga"] for row in rows) == sorted(r[0] for r in expected)
    # Numbers are masked even for a coordinator, who may see them in the window.
    assert all(row["No KK (disamarkan)"].count("*") == 10 for row in rows)
    assert [row["No"] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    kelurahan = [row["Kode wilayah"] for row in rows]
    assert kelurahan == sorted(kelurahan)  # grouped by kelurahan


def test_filters_match_the_database(office: Path, tmp_path: Path) -> None:
    everything = on_agenda(office, "2020-12-31")
    kelurahan = max(
        {r[1] for r in everything}, key=lambda code: [r[1] for r in everything].count(code)
    )
    out = tmp_path / "kel.csv"
    result = run(office, "agenda", "--until", "2020-12-31", "--kelurahan",
                 kelurahan.replace(".", ""), "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(csv_rows(out)) == sum(1 for r in everything if r[1] == kelurahan)
    nip = everything[0][2]
    by_helper = tmp_path / "petugas.csv"
    result = run(
        office, "agenda", "--until", "2020-12-31", "--helper", nip, "--out", str(by_helper)
    )
    assert result.returncode == 0, result.stderr
    assert len(csv_rows(by_helper)) == sum(1 for r in everything if r[2] == nip)
    early = sorted(r[3] for r in everything)[len(everything) // 2]
    until = tmp_path / "sampai.csv"
    assert run(office, "agenda", "--until", early, "--out", str(until)).returncode == 0
    assert len(csv_rows(until)) == len(on_agenda(office, early))


@needs_tools
def test_pdf_door_to_door_list_for_a_helper(office: Path, tmp_path: Path) -> None:
    expected = on_agenda(office, "2020-12-31")
    out = tmp_path / "agenda.pdf"
    result = run(office, "agenda", "--until", "2020-12-31", "--out", str(out), user=HELPER)
    assert result.returncode == 0, result.stderr
    assert f"(PDF, {len(expected)} rumah tangga)" in result.stdout
    text = flat(pdf_text(out))
    assert "Daftar Kunjungan Ulang" in text
    assert "Jadwal sampai 31 Desember 2020 (termasuk yang terlambat)" in text
    assert "Halaman 1 dari" in text and "Sudah" in text and "Catatan" in text
    assert "terlambat" in text
    verified = run(office, "verify", str(out), user=HELPER)
    assert verified.returncode == 0, verified.stderr


def test_mistakes_are_one_line(office: Path, tmp_path: Path) -> None:
    wrong_type = run(office, "agenda", "--until", "2020-12-31", "--out", str(tmp_path / "a.xlsx"))
    assert wrong_type.returncode == 1 and "PDF atau CSV" in wrong_type.stderr
    assert_one_line_no_traceback(wrong_type)
    reversed_dates = run(office, "agenda", "--until", "2020-03-01", "--from", "2020-04-01",
                         "--out", str(tmp_path / "a.csv"))  # fmt: skip
    assert reversed_dates.returncode == 1 and "--from" in reversed_dates.stderr
    assert_one_line_no_traceback(reversed_dates)
    bad_date = run(office, "agenda", "--until", "31-12-2020", "--out", str(tmp_path / "a.csv"))
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    missing = run(office, "agenda", "--out", str(tmp_path / "a.csv"))
    assert missing.returncode == 2 and "--until" in missing.stderr
    assert not list(tmp_path.glob("a.*"))
    listed = sp("--help")
    assert "agenda" in listed.stdout
