"""Issuing and checking, end to end: slips printed from the data scan and verify on another
installation; the recap's numbers equal the database's; a handover package opens in a
spreadsheet program and names any file that was altered, removed or added."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from factories import (
    ADMIN_PASSWORD,
    AMPENAN_SELATAN,
    keyed_connection,
    make_helper,
    make_household,
    make_visit,
)
from readback import decode_pages, flat, needs_tools, pdf_text
from zip_support import overstate_compressed_size

from sp_desktop.core.base.progress import Progress
from sp_desktop.core.documents import issuing
from sp_desktop.core.documents.verification import verify
from sp_desktop.core.domain.model import FailureReason, Helper, Outcome, Post
from sp_desktop.core.domain.reports import ReportFilter
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage
from sp_desktop.core.trust import signing

HEAD_NIK_DIGITS = 16


@pytest.fixture
def recorded(storage: Storage, people: tuple[Helper, Post]) -> list[str]:
    """Six households with one visit each (2 berhasil, 2 gagal, 2 belum); the visit ids."""
    helper, post = people
    outcomes = [Outcome.BERHASIL, Outcome.GAGAL, Outcome.BELUM] * 2
    visit_ids = []
    for serial, outcome in enumerate(outcomes, start=1):
        household = make_household(serial, name=f"Kepala Keluarga {'ABCDEF'[serial - 1]}")
        visit = make_visit(
            household,
            helper,
            post,
            outcome,
            when=datetime(2020, 3, serial, 9, 30),
            failure_reason=FailureReason.SITUS_SIBUK if outcome is Outcome.GAGAL else None,
            revisit_date=date(2020, 3, 28) if outcome is Outcome.BELUM else None,
        )
        storage.save_household(household, visit)
        visit_ids.append(visit.id)
    return visit_ids


def other_office(tmp_path: Path) -> Installation:
    installation, _ = Installation.create(
        tmp_path / "kantor-lain",
        office="Kantor BPS Kota Mataram",
        kelurahan_code=AMPENAN_SELATAN,
        admin=make_helper(90, name="Petugas BPS"),
        password=ADMIN_PASSWORD,
    )
    return installation


@needs_tools
def test_a_printed_slip_verifies_on_another_pc_once_its_key_is_trusted(
    installation: Installation, recorded: list[str], tmp_path: Path
) -> None:
    storage = installation.storage
    issued = issuing.write_slips(storage, recorded, tmp_path / "bukti.pdf", page="a5")
    assert issued.count == 6
    decoded = [text for page in decode_pages(issued.path, tmp_path / "png") for text in page]
    assert len(decoded) == 6
    # On this PC: valid, and the short code printed under it is known here.
    for text in decoded:
        verdict = verify(text, storage.key_ring(), visit_lookup=storage.visit_outcome)
        assert verdict.valid, verdict.text()
    code = signing.short_code(decoded[0])
    assert code in flat(pdf_text(issued.path))
    by_code = verify(code, storage.key_ring(), code_lookup=storage.slip_by_code)
    assert by_code.valid and by_code.kind == "kode"
    # Another office, offline: unknown key until the public key file is imported.
    public_key_file = tmp_path / "kunci.spkunci"
    public_key_file.write_bytes(signing.public_key_file_bytes(storage.own_public_key()))
    with other_office(tmp_path) as bps:
        verdict = verify(decoded[0], bps.storage.key_ring())
        assert not verdict.valid and verdict.reason == "kunci_tidak_dikenal"
        assert storage.own_public_key().fingerprint in verdict.text()
        bps.storage.trust_key(signing.parse_public_key(public_key_file.read_bytes()))
        verdict = verify(decoded[0], bps.storage.key_ring())
        assert verdict.valid and "Kantor Lurah Ampenan Selatan" in verdict.text()
        # One character changed in the scanned text: refused.
        position = decoded[0].rfind(":") - 3
        changed = decoded[0][:position] + "9" + decoded[0][position + 1 :]
        assert changed != decoded[0]
        assert not verify(changed, bps.storage.key_ring()).valid
        # The short code means nothing there: it is looked up where it was issued.
        assert not verify(code, bps.storage.key_ring(), code_lookup=bps.storage.slip_by_code).valid
    # The whole slip PDF is signed too.
    assert verify(str(issued.path), storage.key_ring()).valid


def test_a_slip_shows_later_changes_to_its_visit(
    storage: Storage, recorded: list[str], tmp_path: Path
) -> None:
    issued = issuing.write_slips(storage, [recorded[1]], tmp_path / "bukti.pdf")
    visit_id, qr_text = next(
        found
        for found in [storage.slip_by_code(c) for c in _codes(issued.path)]
        if found is not None
    )
    visit = next(v for v in storage.visits_for(storage.visit_line(visit_id).household_id))
    storage.update_visit(replace(visit, outcome=Outcome.BERHASIL, failure_reason=None))
    verdict = verify(qr_text, storage.key_ring(), visit_lookup=storage.visit_outcome)
    assert verdict.valid  # still the slip that was handed out
    assert "BERHASIL (diubah setelah bukti dicetak)" in verdict.text()


def _codes(pdf: Path) -> list[str]:
    import re

    return re.findall(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", pdf_text(pdf))


@needs_tools
def test_recap_numbers_equal_the_database(
    installation: Installation, recorded: list[str], tmp_path: Path
) -> None:
    storage = installation.storage
    issued = issuing.write_recap(storage, ReportFilter(), tmp_path / "rekap.pdf")
    text = flat(pdf_text(issued.path, layout=True))
    conn = keyed_connection(installation.data_dir / "sp-desktop.sqlite3", installation.data_key)
    households = conn.execute("SELECT count(*) FROM households").fetchone()[0]
    gagal = conn.execute(
        "SELECT count(*) FROM households WHERE latest_outcome = 'gagal'"
    ).fetchone()[0]
    conn.close()
    assert f"Jumlah rumah tangga {households}" in text
    assert f"Gagal {gagal}" in text
    assert "Kantor Lurah Ampenan Selatan" in text and "Halaman 1 dari 1" in text
    assert storage.own_public_key().fingerprint in text
    # The four households not completed are listed, the completed ones are not.
    for name in ("Kepala Keluarga B", "Kepala Keluarga C", "Kepala Keluarga E"):
        assert name in text
    assert "Kepala Keluarga A" not in text
    assert verify(str(issued.path), storage.key_ring()).valid
    entry = storage.audit_entries(action="cetak", limit=1)[0]
    assert entry.entity == "rekapitulasi" and entry.details["rumah_tangga"] == households


@pytest.mark.parametrize("as_zip", [False, True])
def test_handover_package_verifies_and_opens_in_a_spreadsheet(
    installation: Installation, recorded: list[str], tmp_path: Path, as_zip: bool
) -> None:
    storage = installation.storage
    out = tmp_path / ("serah-terima.zip" if as_zip else "serah-terima")
    package = issuing.write_handover(storage, ReportFilter(date_to=date(2020, 3, 31)), out)
    assert package.households == 6 and package.needing_interview == 4
    assert not list(tmp_path.glob("*.partial"))
    verdict = verify(str(out), storage.key_ring())
    assert verdict.valid, verdict.text()
    assert "6 rumah tangga" in verdict.text()
    folder = out
    if as_zip:
        folder = tmp_path / "isi"
        with zipfile.ZipFile(out) as archive:
            archive.extractall(folder)
    workbook = openpyxl.load_workbook(folder / issuing.XLSX_NAME, read_only=True)
    sheet = workbook["Rumah Tangga"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    nik_column = header.index("NIK Kepala Keluarga")
    niks = [row[nik_column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(niks) == 6
    assert all(isinstance(nik, str) and len(nik) == HEAD_NIK_DIGITS for nik in niks)
    assert set(niks) == {make_household(i).head_nik for i in range(1, 7)}
    workbook.close()
    csv_text = (folder / issuing.CSV_NAME).read_bytes()
    assert csv_text.startswith(b"\xef\xbb\xbf") and make_household(1).no_kk.encode() in csv_text
    manifest = json.loads((folder / issuing.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["isi"]["jumlah"]["rumah_tangga"] == 6
    assert manifest["isi"]["periode"]["sampai"] == "2020-03-31"


@pytest.fixture
def package(installation: Installation, recorded: list[str], tmp_path: Path) -> Path:
    out = tmp_path / "paket"
    issuing.write_handover(installation.storage, ReportFilter(), out)
    return out


@pytest.mark.parametrize(
    "name", [issuing.RECAP_NAME, issuing.XLSX_NAME, issuing.CSV_NAME, issuing.KEY_NAME]
)
def test_one_flipped_byte_in_any_file_is_named(
    installation: Installation, package: Path, name: str
) -> None:
    path = package / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    verdict = verify(str(package), installation.storage.key_ring())
    assert not verdict.valid and verdict.reason == "berkas_diubah"
    assert any(p.startswith(f"{name}: DIUBAH") for p in verdict.problems), verdict.problems


def test_missing_extra_and_manifest_changes_are_named(
    installation: Installation, package: Path
) -> None:
    keys = installation.storage.key_ring()
    (package / issuing.CSV_NAME).unlink()
    (package / "catatan.txt").write_text("tambahan")
    verdict = verify(str(package), keys)
    assert not verdict.valid
    assert f"{issuing.CSV_NAME}: HILANG dari paket." in verdict.problems
    assert any(p.startswith("catatan.txt: berkas TAMBAHAN") for p in verdict.problems)
    manifest_path = package / issuing.MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["isi"]["jumlah"]["rumah_tangga"] = 7
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    verdict = verify(str(package), keys)
    assert not verdict.valid and verdict.reason == "tanda_tangan_salah"


def test_a_zip_with_escaping_paths_is_refused(
    installation: Installation, package: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "paket-jahat.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        for path in package.iterdir():
            archive.write(path, arcname=path.name)
        archive.writestr("../../.bashrc", "rm -rf ~")
    verdict = verify(str(bad), installation.storage.key_ring())
    assert not verdict.valid and verdict.reason == "berkas_tidak_aman"
    assert not (tmp_path.parent / ".bashrc").exists()


def test_a_truncated_zip_is_reported(
    installation: Installation, recorded: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "paket.zip"
    issuing.write_handover(installation.storage, ReportFilter(), out)
    cut = tmp_path / "terpotong.zip"
    cut.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    verdict = verify(str(cut), installation.storage.key_ring())
    assert not verdict.valid and verdict.reason == "rusak"


def test_a_zip_whose_header_overstates_a_member_is_reported(
    installation: Installation, recorded: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "paket.zip"
    issuing.write_handover(installation.storage, ReportFilter(), out)
    with zipfile.ZipFile(out) as archive:
        first = archive.infolist()[0].filename
    overstate_compressed_size(out, first)
    verdict = verify(str(out), installation.storage.key_ring())
    assert not verdict.valid and verdict.reason == "rusak"


def test_an_existing_target_is_never_overwritten(
    installation: Installation, recorded: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "paket"
    out.mkdir()
    (out / "punya-orang.txt").write_text("jangan ditimpa")
    with pytest.raises(Exception, match="sudah ada"):
        issuing.write_handover(installation.storage, ReportFilter(), out)
    assert (out / "punya-orang.txt").read_text() == "jangan ditimpa"


def test_a_package_copied_elsewhere_still_verifies(
    installation: Installation, package: Path, tmp_path: Path
) -> None:
    moved = tmp_path / "flashdisk" / "paket-kelurahan"
    shutil.copytree(package, moved)
    assert verify(str(moved), installation.storage.key_ring()).valid


def test_checking_a_package_can_be_cancelled(installation: Installation, package: Path) -> None:
    from sp_desktop.core.base.progress import Cancelled, Progress

    seen: list[str] = []
    progress = Progress(lambda done, total, text: seen.append(text))
    assert verify(str(package), installation.storage.key_ring(), progress=progress).valid
    assert any(issuing.XLSX_NAME in text for text in seen)
    progress.cancel()
    with pytest.raises(Cancelled):
        verify(str(package), installation.storage.key_ring(), progress=progress)


def test_a_zip_with_a_name_twice_is_refused(
    installation: Installation, package: Path, tmp_path: Path
) -> None:
    """Readers differ on which of two same-named entries they open: never trust either."""
    import warnings

    bad = tmp_path / "paket-ganda.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        with zipfile.ZipFile(bad, "w") as archive:
            archive.writestr(issuing.CSV_NAME, "No KK palsu\r\n")
            for path in package.iterdir():
                archive.write(path, arcname=path.name)
    verdict = verify(str(bad), installation.storage.key_ring())
    assert not verdict.valid and verdict.reason == "berkas_ganda"


def test_damaged_zip_members_and_odd_inputs_get_a_verdict(
    installation: Installation, recorded: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "paket.zip"
    issuing.write_handover(installation.storage, ReportFilter(), out)
    data = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as archive:
        info = archive.getinfo(issuing.XLSX_NAME)
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle] ^= 0xFF  # inside the compressed XLSX: inflate or CRC fails on reading
    damaged = tmp_path / "rusak.zip"
    damaged.write_bytes(bytes(data))
    verdict = verify(str(damaged), installation.storage.key_ring())
    assert not verdict.valid and verdict.reason in ("rusak", "berkas_diubah")
    pasted = "x" * 400  # longer than any file name: not a path, not a code
    assert verify(pasted, installation.storage.key_ring()).reason == "rusak"


def test_os_litter_in_a_package_folder_is_ignored_but_subfolders_are_not(
    installation: Installation, package: Path
) -> None:
    (package / "Thumbs.db").write_bytes(b"\x00" * 10)
    verdict = verify(str(package), installation.storage.key_ring())
    assert verdict.valid and "Thumbs.db" in verdict.text()
    (package / "lampiran").mkdir()
    verdict = verify(str(package), installation.storage.key_ring())
    assert not verdict.valid and "lampiran/: folder TAMBAHAN" in verdict.problems[0]


def test_an_encrypted_export_never_puts_the_rows_in_clear_on_the_target_drive(
    installation: Installation, recorded: list[str], tmp_path: Path
) -> None:
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    on_stick: set[str] = set()
    on_pc: set[str] = set()

    def look(_done: int, _total: int, _text: str) -> None:
        on_stick.update(p.name for p in stick.iterdir())
        on_pc.update(p.name for p in installation.data_dir.iterdir())

    storage = installation.storage
    issuing.export_xlsx(
        storage, ReportFilter(), stick / "data.xlsx", password="sandi-uji-1234",
        progress=Progress(look),
    )  # fmt: skip
    # The sheets' scratch files (rows in clear) were on this PC, never on the stick.
    assert any(".lembar-" in name for name in on_pc)
    assert not any(".lembar-" in name for name in on_stick)
    # The same for the handover: its work folder is built in the data folder.
    on_stick.clear()
    on_pc.clear()
    issuing.write_handover(
        storage, ReportFilter(), stick / "paket.zip", password="sandi-uji-1234",
        progress=Progress(look),
    )  # fmt: skip
    assert any(name.endswith(".sedang-dibuat.partial") for name in on_pc)
    assert not any(name.endswith(".sedang-dibuat.partial") for name in on_stick)
    assert sorted(p.name for p in stick.iterdir()) == ["data.xlsx", "paket.zip"]
    assert not any(name.endswith(".partial") for name in os.listdir(installation.data_dir))
