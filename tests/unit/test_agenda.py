"""The revisit agenda: which households it lists (the latest visit decides), its periods and
filters, what each role sees, the household list's revisit filter and column data, and the
CSV and the door-to-door PDF read back as a recipient would."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from factories import HELPER_PASSWORD, make_helper, make_household, make_post, make_visit
from readback import needs_tools, page_count, pdf_text

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.documents.agenda_document import CSV_HEADERS, save_agenda
from sp_desktop.core.domain.agenda import AgendaFilter, Period, range_for, rt_rw_code, week_end
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import FailureReason, Helper, HouseholdQuery, Outcome, Post
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage

PEJERUK = "52.71.01.1006"
TODAY = date(2026, 11, 21)  # pinned_clock: a Saturday


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, 0)


@pytest.fixture
def office(
    installation: Installation, people: tuple[Helper, Post], pinned_clock: clock.Clock
) -> dict[str, object]:
    """Households with every case the agenda must tell apart, visited in November 2026."""
    storage = installation.storage
    admin, post = people
    second = storage.save_helper(make_helper(41, name="Ni Luh Sari"))
    other_post = storage.save_post(make_post("Posko Masjid Nurul Huda"))
    # serial, name, changes, [(day, outcome, revisit, helper, post)]
    plan: list[
        tuple[int, str, dict[str, str], list[tuple[int, Outcome, date | None, Helper, Post]]]
    ]
    plan = [
        (1, "Kepala Hari Ini", {}, [(19, Outcome.BELUM, TODAY, admin, post)]),
        (2, "Kepala Terlambat", {"rw": "002", "rt": "001"},
         [(10, Outcome.GAGAL, date(2026, 11, 18), second, other_post)]),
        (3, "Kepala Minggu Ini", {"kelurahan_code": PEJERUK},
         [(20, Outcome.BELUM, date(2026, 11, 22), second, other_post)]),
        (4, "Kepala Desember", {}, [(20, Outcome.BELUM, date(2026, 12, 1), admin, post)]),
        (5, "Kepala Sudah Berhasil", {},
         [(5, Outcome.GAGAL, date(2026, 11, 8), admin, post),
          (9, Outcome.BERHASIL, None, admin, post)]),
        (6, "Kepala Tanpa Jadwal Baru", {},
         [(3, Outcome.BELUM, date(2026, 11, 10), admin, post),
          (12, Outcome.BELUM, None, admin, post)]),
        (7, "Kepala Tanpa Jadwal", {}, [(14, Outcome.BELUM, None, admin, post)]),
    ]  # fmt: skip
    ids: dict[str, str] = {}
    for serial, name, changes, visits in plan:
        household = replace(make_household(serial, name=name), **changes)
        for n, (day, outcome, revisit, helper, at_post) in enumerate(visits):
            visit = make_visit(
                household,
                helper,
                at_post,
                outcome,
                when=at(day),
                revisit_date=revisit,
                failure_reason=FailureReason.NIK_KK_TIDAK_SESUAI
                if outcome is Outcome.GAGAL
                else None,
                failure_note="KK terbit 2020" if outcome is Outcome.GAGAL else "",
            )
            if n == 0:
                storage.save_household(household, visit)
            else:
                storage.add_visit(visit)
        ids[name] = household.id
    storage.save_household(make_household(8, name="Kepala Belum Dikunjungi"))
    return {"ids": ids, "admin": admin, "second": second, "post": post, "other_post": other_post}


def names(storage: Storage, agenda: AgendaFilter) -> list[str]:
    return [line.head_name for line in storage.agenda(agenda)]


def test_periods_from_today() -> None:
    assert week_end(TODAY) == date(2026, 11, 22)
    assert week_end(date(2026, 11, 16)) == date(2026, 11, 22)  # Monday
    assert range_for(Period.DUE, TODAY) == (None, TODAY)
    assert range_for(Period.TODAY, TODAY) == (TODAY, TODAY)
    assert range_for(Period.OVERDUE, TODAY) == (None, date(2026, 11, 20))
    assert range_for(Period.WEEK, TODAY) == (None, date(2026, 11, 22))
    assert rt_rw_code("3") == "003" and rt_rw_code(" 012 ") == "012" and rt_rw_code("") == ""


def test_the_latest_visit_decides_and_each_period_lists_its_households(
    storage: Storage, office: dict[str, object]
) -> None:
    def listed(period: Period) -> set[str]:
        since, until = range_for(period, clock.today())
        return set(names(storage, AgendaFilter(until=until, since=since)))

    assert listed(Period.DUE) == {"Kepala Hari Ini", "Kepala Terlambat"}
    assert listed(Period.TODAY) == {"Kepala Hari Ini"}
    assert listed(Period.OVERDUE) == {"Kepala Terlambat"}
    assert listed(Period.WEEK) == {"Kepala Hari Ini", "Kepala Terlambat", "Kepala Minggu Ini"}
    everything = AgendaFilter(until=date(2027, 1, 1))
    # Completed later, or visited again without a new date: off the agenda.
    assert names(storage, everything) == [
        "Kepala Desember",  # Ampenan Selatan, RW 001 RT 003, same address: by name
        "Kepala Hari Ini",
        "Kepala Terlambat",  # RW 002
        "Kepala Minggu Ini",  # Pejeruk, after Ampenan Selatan by code
    ]
    assert storage.agenda_count(everything) == 4
    late = next(line for line in storage.agenda(everything) if line.head_name == "Kepala Terlambat")
    assert late.outcome is Outcome.GAGAL and late.overdue(clock.today())
    assert late.days_late(clock.today()) == 3
    assert late.reason_text == "NIK dan KK tidak sesuai: KK terbit 2020"
    assert late.helper_name == "Ni Luh Sari" and late.post_name == "Posko Masjid Nurul Huda"
    assert late.kelurahan_label == "Kelurahan Ampenan Selatan"


def test_filters_by_kelurahan_post_helper_and_rt_rw(
    storage: Storage, office: dict[str, object]
) -> None:
    until = date(2027, 1, 1)
    second = office["second"]
    other_post = office["other_post"]
    assert isinstance(second, Helper) and isinstance(other_post, Post)
    assert names(storage, AgendaFilter(until=until, kelurahan_code=PEJERUK)) == [
        "Kepala Minggu Ini"
    ]
    by_helper = AgendaFilter(until=until, helper_nip=second.nip)
    assert names(storage, by_helper) == ["Kepala Terlambat", "Kepala Minggu Ini"]
    assert names(storage, AgendaFilter(until=until, post=other_post.id)) == names(
        storage, AgendaFilter(until=until, post=other_post.name)
    )
    assert names(storage, AgendaFilter(until=until, rw="2", rt="1")) == ["Kepala Terlambat"]
    assert names(storage, AgendaFilter(until=until, rw="002", rt="009")) == []
    assert storage.agenda_count(AgendaFilter(until=until, post="tidak ada")) == 0


def test_a_helper_reads_the_agenda_with_numbers_masked_but_their_own(
    installation: Installation, office: dict[str, object]
) -> None:
    storage = installation.storage
    until = date(2027, 1, 1)
    admin_view = {line.head_name: line for line in storage.agenda(AgendaFilter(until=until))}
    assert not admin_view["Kepala Terlambat"].numbers_hidden
    assert "*" not in admin_view["Kepala Terlambat"].no_kk
    petugas = make_helper(52, name="Baiq Rina")
    installation.save_account(petugas, Role.HELPER, password=HELPER_PASSWORD)
    installation.unlock(petugas.nip, HELPER_PASSWORD)
    own = make_household(9, name="Kepala Milik Petugas")
    helper = next(h for h in storage.helpers() if h.nip == petugas.nip)
    post = office["post"]
    assert isinstance(post, Post)
    storage.save_household(own, make_visit(own, helper, post, Outcome.BELUM, when=at(20),
                                           revisit_date=TODAY))  # fmt: skip
    seen = {line.head_name: line for line in storage.agenda(AgendaFilter(until=until))}
    assert len(seen) == 5  # a helper's agenda covers every household, like the list
    other = seen["Kepala Terlambat"]
    assert other.numbers_hidden and other.no_kk == mask_number(admin_view[other.head_name].no_kk)
    assert "*" in other.head_nik
    assert not seen["Kepala Milik Petugas"].numbers_hidden
    assert "*" not in seen["Kepala Milik Petugas"].no_kk
    assert names(storage, AgendaFilter(until=until, helper_nip=petugas.nip)) == [
        "Kepala Milik Petugas"
    ]


def test_the_household_list_filters_and_shows_revisit_dates(
    storage: Storage, office: dict[str, object]
) -> None:
    def found(until: date | None) -> set[int]:
        query = HouseholdQuery(revisit_until=until)
        return {pk for chunk in storage.iter_household_pks(query) for pk in chunk}

    everyone = found(None)
    rows = storage.household_rows(sorted(everyone))
    by_name = {row.head_name: row.pk for row in rows.values()}
    assert len(everyone) == 8
    assert found(TODAY) == {by_name["Kepala Hari Ini"], by_name["Kepala Terlambat"]}
    assert len(found(date.max)) == 4
    counts = storage.count_by_outcome(HouseholdQuery(revisit_until=week_end(TODAY)))
    assert counts == {"berhasil": 0, "gagal": 1, "belum": 2, "tanpa_kunjungan": 0}
    dates = storage.revisit_dates(sorted(everyone))
    assert dates == {
        by_name["Kepala Hari Ini"]: TODAY,
        by_name["Kepala Terlambat"]: date(2026, 11, 18),
        by_name["Kepala Minggu Ini"]: date(2026, 11, 22),
        by_name["Kepala Desember"]: date(2026, 12, 1),
    }
    assert storage.revisit_dates([]) == {}


def test_csv_has_a_bom_one_row_per_household_and_masked_numbers(
    storage: Storage, office: dict[str, object], tmp_path: Path
) -> None:
    out = tmp_path / "kunjungan-ulang.csv"
    issued = save_agenda(storage, AgendaFilter(until=week_end(TODAY)), out)
    assert issued.count == 3 and issued.path == out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_HEADERS
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [row["Nama kepala keluarga"] for row in body] == [
        "Kepala Hari Ini",
        "Kepala Terlambat",
        "Kepala Minggu Ini",
    ]
    late = body[1]
    # The admin may see full numbers; the list that travels never shows them.
    assert late["No KK (disamarkan)"].count("*") == 10
    assert late["NIK kepala keluarga (disamarkan)"].count("*") == 10
    assert late["Kunjungan ulang"] == "2026-11-18" and late["Terlambat (hari)"] == "3"
    assert late["RW"] == "002" and late["RT"] == "001" and late["Hasil terakhir"] == "Gagal"
    assert body[0]["Terlambat (hari)"] == "0" and body[0]["No"] == "1"
    assert not list(tmp_path.glob("*.partial"))
    entry = storage.audit_entries(limit=1)[0]
    assert entry.action == "ekspor" and entry.entity == "csv_kunjungan_ulang"


@needs_tools
def test_pdf_is_the_door_to_door_list(
    storage: Storage, office: dict[str, object], tmp_path: Path
) -> None:
    out = tmp_path / "kunjungan-ulang.pdf"
    issued = save_agenda(storage, AgendaFilter(until=date(2027, 1, 1)), out)
    assert issued.count == 4
    text = pdf_text(out)
    flat = " ".join(text.split())
    assert "Daftar Kunjungan Ulang" in flat
    assert "Kantor Lurah Ampenan Selatan" in flat
    assert "Jadwal sampai 1 Januari 2027 (termasuk yang terlambat)" in flat
    assert "Semua kelurahan, posko dan petugas" in flat
    assert "Dicetak 21 November 2026" in flat
    assert "Halaman 1 dari 1" in flat
    for heading in ("Kelurahan Ampenan Selatan", "Kelurahan Pejeruk", "RW 001", "RW 002",
                    "RT 003", "RT 001", "Sudah", "Catatan"):  # fmt: skip
        assert heading in flat, heading
    assert "terlambat 3 hari" in flat and "hari ini" in flat
    assert "Kepala Sudah Berhasil" not in flat and "Kepala Tanpa Jadwal" not in flat
    household = make_household(2)
    assert household.no_kk not in text and household.head_nik not in text
    assert mask_number(household.no_kk) in text
    assert flat.index("Kelurahan Ampenan Selatan") < flat.index("Kelurahan Pejeruk")
    assert out.read_bytes().rstrip().splitlines()[-1].startswith(b"%SPDESKTOP-TTD")
    entry = storage.audit_entries(limit=1)[0]
    assert entry.action == "cetak" and entry.entity == "daftar_kunjungan_ulang"


@needs_tools
def test_a_long_pdf_numbers_its_pages_and_continues_its_groups(
    storage: Storage, office: dict[str, object], tmp_path: Path
) -> None:
    admin, post = office["admin"], office["post"]
    assert isinstance(admin, Helper) and isinstance(post, Post)
    for serial in range(20, 80):
        name = f"Warga {'ABCDEFGHIJ'[serial // 10]}{'abcdefghij'[serial % 10]}"
        household = make_household(serial, name=name, rt="005", rw="003")
        visit = make_visit(household, admin, post, Outcome.BELUM, when=at(15),
                           revisit_date=date(2026, 11, 16))  # fmt: skip
        storage.save_household(household, visit)
    out = tmp_path / "panjang.pdf"
    assert save_agenda(storage, AgendaFilter(until=TODAY), out).count == 62
    pages = page_count(out)
    assert pages >= 3
    assert f"Halaman {pages} dari {pages}" in " ".join(pdf_text(out, page=pages).split())
    second_page = " ".join(pdf_text(out, page=2).split())
    assert "Kelurahan Ampenan Selatan (lanjutan)" in second_page
    assert "RT 005 (lanjutan)" in second_page


@needs_tools
def test_an_empty_agenda_still_prints_and_says_so(storage: Storage, tmp_path: Path) -> None:
    out = tmp_path / "kosong.pdf"
    with clock.pinned(datetime(2026, 11, 21, 10, 0)):
        assert save_agenda(storage, AgendaFilter(until=TODAY), out).count == 0
    assert "Tidak ada rumah tangga yang perlu dikunjungi ulang" in pdf_text(out)


def test_only_pdf_or_csv(storage: Storage, tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="PDF atau CSV"):
        save_agenda(storage, AgendaFilter(until=TODAY), tmp_path / "daftar.xlsx")
    assert not (tmp_path / "daftar.xlsx").exists()


def test_a_date_range_excludes_earlier_dates(storage: Storage, office: dict[str, object]) -> None:
    window = AgendaFilter(since=TODAY, until=TODAY + timedelta(days=30))
    assert names(storage, window) == ["Kepala Desember", "Kepala Hari Ini", "Kepala Minggu Ini"]
