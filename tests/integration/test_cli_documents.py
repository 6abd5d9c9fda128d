"""Slips, recap, exports, handover and verification from the command line: real processes,
real files, exit codes, and checks by the tools a recipient would use."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import openpyxl
import pytest
from cli_support import ADMIN, COORDINATOR, HELPER, assert_one_line_no_traceback, demo, sp
from factories import keyed_connection
from readback import decode_pages, flat, needs_tools, pdf_text

from sp_desktop.core.demo import DEMO_PASSWORD
from sp_desktop.core.security.keyring import Keyring
from sp_desktop.core.storage import DB_FILENAME


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kantor") / "data"
    demo(folder, households=40)
    return folder


def run(folder: Path, *args: str, user: str = COORDINATOR):  # type: ignore[no-untyped-def]
    return sp("--data-dir", str(folder), "--user", user, *args)


def database(folder: Path):  # type: ignore[no-untyped-def]
    key = Keyring.load(folder).unlock(ADMIN, DEMO_PASSWORD).data_key
    return keyed_connection(folder / DB_FILENAME, key)


@needs_tools
def test_slips_with_filters_scan_and_verify(office: Path, tmp_path: Path) -> None:
    conn = database(office)
    nip, count = conn.execute(
        "SELECT hp.nip, count(*) FROM visits v JOIN helpers hp ON hp.id = v.helper_id "
        "GROUP BY hp.nip ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    conn.close()
    out = tmp_path / "bukti.pdf"
    result = run(office, "slips", "--out", str(out), "--half", "--helper", nip, user=HELPER)
    assert result.returncode == 0, result.stderr
    assert f"{count} bukti pendampingan" in result.stdout
    decoded = [text for page in decode_pages(out, tmp_path / "png") for text in page]
    assert len(decoded) == count
    checked = run(office, "verify", decoded[0], user=HELPER)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("SAH")
    forged = decoded[0].replace(":GAGAL:", ":BERHASIL:").replace(":BELUM:", ":BERHASIL:")
    if forged == decoded[0]:
        forged = decoded[0][:-2] + ("AA" if decoded[0][-2:] != "AA" else "BA")
    refused = run(office, "verify", forged, user=HELPER)
    assert refused.returncode == 1 and "TIDAK SAH" in refused.stderr
    code = next(line for line in pdf_text(out).splitlines() if line.count("-") == 2)
    by_code = run(office, "verify", code.split()[-1].lower(), user=HELPER)
    assert by_code.returncode == 0, by_code.stderr


def test_one_slip_by_visit_id_and_a_pdf_check(office: Path, tmp_path: Path) -> None:
    conn = database(office)
    (visit_id,) = conn.execute("SELECT id FROM visits LIMIT 1").fetchone()
    conn.close()
    out = tmp_path / "satu.pdf"
    result = run(office, "slip", visit_id, "--out", str(out), user=HELPER)
    assert result.returncode == 0, result.stderr
    assert run(office, "verify", str(out), user=HELPER).returncode == 0
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x20
    out.write_bytes(bytes(data))
    altered = run(office, "verify", str(out), user=HELPER)
    assert altered.returncode == 1 and "TIDAK cocok" in altered.stderr
    missing = run(office, "slip", "tidak-ada", "--out", str(tmp_path / "x.pdf"), user=HELPER)
    assert missing.returncode == 1
    assert_one_line_no_traceback(missing)


def test_export_and_recap_follow_the_filters_and_the_roles(office: Path, tmp_path: Path) -> None:
    conn = database(office)
    kelurahan, households = conn.execute(
        "SELECT kelurahan_code, count(*) FROM households GROUP BY kelurahan_code "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    conn.close()
    out = tmp_path / "rt.csv"
    result = run(office, "export", "csv", "--out", str(out), "--kelurahan", kelurahan)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) - 1 == households
    assert all(len(row[1]) == 16 for row in rows[1:] if row[1])  # No KK intact
    xlsx = tmp_path / "data.xlsx"
    clear = run(office, "export", "xlsx", "--out", str(xlsx), "--tanpa-sandi")
    assert clear.returncode == 0 and "TANPA sandi" in clear.stderr
    workbook = openpyxl.load_workbook(xlsx, read_only=True)
    assert workbook.sheetnames[:2] == ["Ringkasan", "Rumah Tangga"]
    workbook.close()
    recap = tmp_path / "rekap.pdf"
    result = run(office, "recap", "--out", str(recap), "--from", "2020-01-01")
    assert result.returncode == 0, result.stderr
    assert "Rekapitulasi Pendampingan SP Online" in flat(pdf_text(recap))
    for command in (["export", "csv", "--out", str(tmp_path / "p.csv")], ["recap", "--out", "r"]):
        refused = run(office, *command, user=HELPER)
        assert refused.returncode == 1 and "tidak boleh" in refused.stderr
        assert_one_line_no_traceback(refused)
    bad_date = run(office, "recap", "--out", str(recap), "--from", "31-03-2020")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_handover_checked_by_bps_with_the_key_file_alone(office: Path, tmp_path: Path) -> None:
    package = tmp_path / "paket.zip"
    password = tmp_path / "sandi.txt"
    password.write_text("Serah-Terima-BPS-2020\n", encoding="utf-8")
    made = run(office, "handover", "--out", str(package), "--password-file", str(password))
    assert made.returncode == 0, made.stderr
    assert f"sp-desktop verify {package} --password-file" in made.stdout
    key_file = tmp_path / "kelurahan.spkunci"
    qr_image = tmp_path / "kunci.png"
    exported = run(office, "key", "export", "--out", str(key_file), "--qr", str(qr_image))
    assert exported.returncode == 0, exported.stderr
    assert qr_image.read_bytes().startswith(b"\x89PNG")
    # BPS: no SP Desktop data of its own, only the key file it got from the kelurahan.
    checked = sp("verify", str(package), "--key", str(key_file), "--password-file", str(password))
    assert checked.returncode == 0, checked.stderr
    assert "SAH" in checked.stdout and "rumah tangga" in checked.stdout
    unknown = sp(
        "verify", str(package), "--key", str(_other_key(tmp_path)), "--password-file", str(password)
    )
    assert unknown.returncode == 1 and "belum dikenal" in unknown.stderr


def _other_key(tmp_path: Path) -> Path:
    folder = tmp_path / "kantor-lain"
    demo(folder, households=0)
    key_file = tmp_path / "lain.spkunci"
    result = sp("--data-dir", str(folder), "--user", ADMIN, "key", "export", "--out", str(key_file))
    assert result.returncode == 0, result.stderr
    return key_file


def test_trusting_another_office_key(office: Path, tmp_path: Path) -> None:
    key_file = _other_key(tmp_path)
    refused = run(office, "key", "import", str(key_file))  # a coordinator: settings are admin's
    assert refused.returncode == 1 and "tidak boleh" in refused.stderr
    added = run(office, "key", "import", str(key_file), user=ADMIN)
    assert added.returncode == 0 and "kini tepercaya" in added.stdout, added.stderr
    listed = run(office, "key", "list", user=ADMIN)
    assert listed.stdout.count("\n") == 2 and "kunci kantor ini" in listed.stdout
    garbage = tmp_path / "rusak.spkunci"
    garbage.write_text("bukan kunci")
    broken = run(office, "key", "import", str(garbage), user=ADMIN)
    assert broken.returncode == 1
    assert_one_line_no_traceback(broken)
    fingerprint = listed.stdout.splitlines()[1].split("\t")[0]
    assert run(office, "key", "remove", fingerprint, user=ADMIN).returncode == 0
    assert run(office, "key", "list", user=ADMIN).stdout.count("\n") == 1


@pytest.mark.parametrize("given", ["SP1:RUSAK", "ABCD-EFGH", "/tidak/ada.pdf"])
def test_malformed_input_is_named(office: Path, given: str) -> None:
    result = run(office, "verify", given, user=HELPER)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "TIDAK" in result.stderr


def test_proof_files_from_the_command_line(office: Path, tmp_path: Path) -> None:
    conn = database(office)
    (visit_id,) = conn.execute("SELECT id FROM visits LIMIT 1").fetchone()
    conn.close()
    photo = tmp_path / "layar.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    added = run(office, "proof", "add", visit_id, str(photo))
    assert added.returncode == 0, added.stderr
    listed = run(office, "proof", "list", visit_id)
    proof_id, name, size, sha256, kind = listed.stdout.splitlines()[-1].split("\t")
    assert (name, int(size), kind) == ("layar.png", photo.stat().st_size, "image/png")
    assert sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    copy = tmp_path / "salinan.png"
    assert run(office, "proof", "export", proof_id, "--out", str(copy)).returncode == 0
    assert copy.read_bytes() == photo.read_bytes()
    text = tmp_path / "catatan.txt"
    text.write_text("bukan bukti")
    refused = run(office, "proof", "add", visit_id, str(text))
    assert refused.returncode == 1 and "bukan PDF, JPG, atau PNG" in refused.stderr
    assert_one_line_no_traceback(refused)
