"""Staff monitoring in the core: roster, statuses, scope, targets, and every figure the
dashboard, `stats` and the evaluation show, checked against direct counts in the file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from factories import (
    ADMIN_PASSWORD,
    keyed_connection,
    make_helper,
    make_household,
    make_post,
    make_visit,
)
from sqlcipher3 import dbapi2 as sqlcipher
from sync_support import admin_of, offices, post_of, transfer

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
from sp_desktop.core.documents.roster import RosterEntry
from sp_desktop.core.domain import monitoring
from sp_desktop.core.domain.identifiers import compose_nip
from sp_desktop.core.domain.model import FailureReason, Helper, Outcome
from sp_desktop.core.domain.monitoring import Staff, StaffQuery, Target
from sp_desktop.core.domain.permissions import PermissionDeniedError, Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import DB_FILENAME, Storage

OPD_ADMIN_PASSWORD = "admin-opd-sosial-2020"
PDF = b"%PDF-1.7\nBukti pengisian SP2020 ASN\n%%EOF\n"
TODAY = date(2026, 11, 21)


def nip(serial: int, *, female: bool = False) -> str:
    return compose_nip(
        date(1980 + serial % 20, 1 + serial % 12, 5), date(2008, 3, 1), female, serial
    )


def add_staff(storage: Storage, serial: int, opd: str, name: str = "") -> Staff:
    return storage.save_staff(
        Staff(nip=nip(serial), name=name or f"Pegawai {chr(65 + serial % 26)}", opd=opd)
    )


@pytest.fixture(autouse=True)
def dates_as_written(pinned_clock: clock.Clock) -> clock.Clock:
    """The statuses and visits below carry November 2026 dates, and a status may not be
    dated after today: the app's clock says 21 November 2026 for every test here."""
    return pinned_clock


@pytest.fixture
def db(installation: Installation) -> Iterator[sqlcipher.Connection]:
    conn = keyed_connection(installation.data_dir / DB_FILENAME, installation.data_key)
    yield conn
    conn.close()


def sign_in_opd_admin(installation: Installation, opd: str) -> None:
    admin = Helper(nip=nip(90), name="Kepala Subbagian Umum", opd=opd)
    installation.save_account(admin, Role.OPD_ADMIN, password=OPD_ADMIN_PASSWORD)
    installation.unlock(admin.nip, OPD_ADMIN_PASSWORD)


def test_staff_id_comes_from_the_nip_and_opd_spelling_is_kept(storage: Storage) -> None:
    first = add_staff(storage, 1, "Dinas  Sosial ")
    second = add_staff(storage, 2, "DINAS SOSIAL")
    assert first.id == monitoring.staff_id_for_nip(nip(1))
    assert (first.opd, second.opd) == ("Dinas Sosial", "Dinas Sosial")
    assert storage.opd_names() == ["Dinas Sosial"]
    with pytest.raises(RecordValidationError) as error:
        storage.save_staff(Staff(nip=nip(1), name="Orang Lain", opd="Bappeda"))
    assert error.value.problems == {"nip": "NIP ini sudah terdaftar untuk pegawai lain."}
    with pytest.raises(RecordValidationError) as error:
        storage.save_staff(Staff(nip="19800105", name="", opd=""))
    assert set(error.value.problems) == {"nip", "name", "opd"}
    assert nip(1)[:8] not in str(error.value)


def test_status_is_the_latest_update_and_history_is_kept(storage: Storage) -> None:
    person = add_staff(storage, 3, "Bappeda")
    storage.record_staff_status([person.id], "gagal", date(2026, 11, 2), "NIK dan KK tidak sesuai")
    storage.record_staff_status([person.id], "sudah", date(2026, 11, 9))
    now = storage.staff_member(person.id)
    assert (now.status, now.status_date, now.status_reason) == ("sudah", date(2026, 11, 9), "")
    assert [u.status for u in storage.staff_history(person.id)] == ["sudah", "gagal"]
    # An update dated earlier than the latest does not replace it.
    storage.record_staff_status([person.id], "belum", date(2026, 11, 1))
    assert storage.staff_member(person.id).status == "sudah"


def test_status_rules_are_checked_before_anything_is_written(storage: Storage) -> None:
    person = add_staff(storage, 4, "Bappeda")
    with pytest.raises(RecordValidationError) as error:
        storage.record_staff_status([person.id], "gagal", TODAY, "  ", today=TODAY)
    assert set(error.value.problems) == {"reason"}
    with pytest.raises(RecordValidationError) as error:
        storage.record_staff_status([person.id], "sudah", date(2026, 11, 22), today=TODAY)
    assert set(error.value.problems) == {"status_date"}
    assert storage.staff_history(person.id) == []


def test_bulk_update_and_proof_file(storage: Storage) -> None:
    people = [add_staff(storage, 10 + i, "Dinas Kesehatan") for i in range(5)]
    storage.record_staff_status([p.id for p in people[:3]], "sudah", date(2026, 11, 10))
    listed = storage.staff_list(StaffQuery(status="sudah"))
    assert sorted(p.id for p in listed) == sorted(p.id for p in people[:3])
    with pytest.raises(UserFacingError, match="sudah mengisi"):
        storage.attach_staff_proof(people[4].id, "bukti.pdf", PDF)
    proof = storage.attach_staff_proof(people[0].id, "bukti pengisian.pdf", PDF)
    assert storage.staff_member(people[0].id).proof_count == 1
    kept, content = storage.staff_proof_content(proof.id)
    assert content == PDF and kept.media_type == "application/pdf"


def test_opd_admin_sees_and_edits_only_their_office(installation: Installation) -> None:
    storage = installation.storage
    mine = add_staff(storage, 20, "Dinas Sosial")
    other = add_staff(storage, 21, "Bappeda")
    sign_in_opd_admin(installation, "dinas sosial")
    assert storage.staff_scope() == "dinas sosial"
    assert [s.id for s in storage.staff_list()] == [mine.id]
    assert [o.opd for o in storage.dashboard().opds] == ["Dinas Sosial"]
    with pytest.raises(PermissionDeniedError):
        storage.record_staff_status([other.id], "sudah", TODAY)
    with pytest.raises(PermissionDeniedError):
        storage.staff_member(other.id)
    with pytest.raises(RecordValidationError) as error:
        storage.save_staff(Staff(nip=nip(22), name="Orang Bappeda", opd="Bappeda"))
    assert "OPD Anda sendiri" in error.value.problems["opd"]
    added = storage.save_staff(Staff(nip=nip(23), name="Pegawai Baru", opd=""))
    assert added.opd == "Dinas Sosial"  # their own office, as spelt on the roster
    with pytest.raises(PermissionDeniedError):
        storage.set_target(Target("opd", "Dinas Sosial", 90))
    with pytest.raises(PermissionDeniedError):
        storage.import_roster([RosterEntry(2, nip(24), "Orang Bappeda", "Bappeda", "")])


def test_helper_account_cannot_see_staff(installation: Installation) -> None:
    helper = make_helper(40, "Made Wirawan")
    installation.save_account(helper, Role.HELPER, password="petugas-made-2020")
    installation.unlock(helper.nip, "petugas-made-2020")
    with pytest.raises(PermissionDeniedError):
        installation.storage.staff_list()
    assert "staff" not in installation.storage.stats()


def test_roster_import_updates_by_nip_and_never_duplicates(storage: Storage) -> None:
    entries = [
        RosterEntry(2, nip(30), "Ahmad Fauzi", "Dinas Sosial", "Sekretariat"),
        RosterEntry(3, nip(31), "Ni Made Ayu", "dinas sosial", "Bidang Rehabilitasi"),
    ]
    first = storage.import_roster(entries)
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    assert {s.opd for s in storage.staff_list()} == {"Dinas Sosial"}
    storage.set_staff_active([monitoring.staff_id_for_nip(nip(31))], False)
    again = storage.import_roster(
        [entries[0], RosterEntry(3, nip(31), "Ni Made Ayu Lestari", "Dinas Sosial", "")]
    )
    assert (again.added, again.updated, again.unchanged, again.reactivated) == (0, 1, 1, 1)
    names = sorted((s.nip, s.name, s.active) for s in storage.staff_list())
    assert names == [(nip(30), "Ahmad Fauzi", True), (nip(31), "Ni Made Ayu Lestari", True)]


def test_set_staff_active_hides_from_figures(storage: Storage) -> None:
    people = [add_staff(storage, 50 + i, "Bappeda") for i in range(4)]
    storage.set_staff_active([people[0].id], False)
    assert storage.dashboard().opds[0].counts.total == 3
    assert len(storage.staff_list(StaffQuery(include_inactive=True))) == 4


def test_targets_default_80_and_deadline(storage: Storage) -> None:
    for i in range(10):
        add_staff(storage, 60 + i, "Dinas Pendidikan")
    ids = [s.id for s in storage.staff_list()]
    storage.record_staff_status(ids[:8], "sudah", date(2026, 11, 10))
    opd = storage.dashboard().opds[0]
    assert (opd.target_percent, opd.target_count, opd.below_target) == (80, 8, False)
    storage.set_target(Target("opd", "DINAS PENDIDIKAN", 90, date(2026, 11, 30)))
    opd = storage.dashboard().opds[0]
    assert (opd.target_count, opd.below_target, opd.short_of_target) == (9, True, 1)
    assert opd.deadline == date(2026, 11, 30)
    with pytest.raises(RecordValidationError):
        storage.set_target(Target("opd", "Dinas Pendidikan", 0))
    storage.clear_target("opd", "Dinas Pendidikan")
    assert storage.dashboard().opds[0].target_percent == 80


def test_below_target_and_shortfall_are_one_rule() -> None:
    # Reaching the target exactly is not below it; beyond it nobody is missing.
    assert [monitoring.is_below_target(done, 9) for done in (8, 9, 10)] == [True, False, False]
    assert [monitoring.shortfall(done, 9) for done in (0, 8, 9, 12)] == [9, 1, 0, 0]
    kelurahan = monitoring.KelurahanProgress("x", "X", monitoring.HouseholdCounts(berhasil=4))
    assert kelurahan.short_of_target is None and not kelurahan.below_target
    with_target = monitoring.KelurahanProgress("x", "X", kelurahan.counts, target=6)
    assert (with_target.short_of_target, with_target.below_target) == (2, True)


def households_with_visits(storage: Storage) -> None:
    admin = admin_of(storage)
    posts = [post_of(storage), storage.save_post(make_post("Posko Kantor Lurah"))]
    plan = [
        (Outcome.BERHASIL, 0, datetime(2026, 11, 3, 9)),
        (Outcome.GAGAL, 0, datetime(2026, 11, 4, 10)),
        (Outcome.BERHASIL, 1, datetime(2026, 11, 12, 11)),
        (Outcome.BELUM, 1, datetime(2026, 11, 18, 9)),
    ]
    for serial, (outcome, post, when) in enumerate(plan, start=1):
        household = make_household(serial=serial)
        visit = make_visit(household, admin, posts[post], outcome, when, **details(outcome))
        storage.save_household(household, visit)
    storage.save_household(make_household(serial=9, name="Belum Dikunjungi"))
    # The second household tried again and succeeded after the first period.
    second = storage.household_by_kk(make_household(serial=2).no_kk)
    assert second is not None
    storage.add_visit(make_visit(second, admin, posts[1], Outcome.BERHASIL, datetime(2026, 11, 15)))


def details(outcome: Outcome) -> dict[str, object]:
    if outcome is Outcome.GAGAL:
        return {"failure_reason": FailureReason.SITUS_SIBUK}
    if outcome is Outcome.BELUM:
        return {"revisit_date": date(2026, 11, 25)}
    return {}


def test_dashboard_matches_direct_counts(storage: Storage, db: sqlcipher.Connection) -> None:
    for i in range(6):
        add_staff(storage, 70 + i, "Dinas Sosial" if i < 4 else "Bappeda")
    ids = [s.id for s in storage.staff_list()]
    storage.record_staff_status(ids[:3], "sudah", date(2026, 11, 10))
    storage.record_staff_status(ids[3:4], "gagal", date(2026, 11, 11), "Situs sibuk")
    households_with_visits(storage)
    dashboard = storage.dashboard()
    staff_sql = {
        (opd, status): n
        for opd, status, n in db.execute(
            "SELECT opd, status, count(*) FROM staff WHERE active = 1 GROUP BY opd, status"
        )
    }
    shown = {
        (o.opd, status): getattr(o.counts, status)
        for o in dashboard.opds
        for status in monitoring.StaffStatus.ALL
        if getattr(o.counts, status)
    }
    assert shown == staff_sql
    kelurahan_sql = {
        (code, outcome or "tanpa_kunjungan"): n
        for code, outcome, n in db.execute(
            "SELECT kelurahan_code, latest_outcome, count(*) FROM households GROUP BY 1, 2"
        )
    }
    shown_kelurahan = {
        (k.code, field): getattr(k.counts, field)
        for k in dashboard.kelurahan
        for field in ("berhasil", "gagal", "belum", "tanpa_kunjungan")
        if getattr(k.counts, field)
    }
    assert shown_kelurahan == kelurahan_sql
    post_sql = {
        (post, outcome): n
        for post, outcome, n in db.execute(
            "SELECT latest_post_id, latest_outcome, count(*) FROM households "
            "WHERE latest_post_id <> '' GROUP BY 1, 2"
        )
    }
    shown_posts = {
        (g.key, field): getattr(g.counts, field)
        for g in dashboard.posts
        for field in ("berhasil", "gagal", "belum")
        if getattr(g.counts, field)
    }
    assert shown_posts == post_sql and len(post_sql) == 3
    assert [(p.day, p.cumulative) for p in dashboard.trend] == [(date(2026, 11, 10), 3)]
    # `sp-desktop stats` shows the same figures.
    stats = storage.stats()
    # The list is by office: both Bappeda staff and one of Dinas Sosial are "sudah".
    assert [
        (s["opd"], s["total"], s["sudah"], s["gagal"], s["target"]) for s in stats["staff"]
    ] == [
        ("Bappeda", 2, 2, 0, 2),
        ("Dinas Sosial", 4, 1, 1, 4),
    ]
    assert (
        sum(k["berhasil"] for k in stats["kelurahan"])
        == kelurahan_sql[(make_household().kelurahan_code, "berhasil")]
    )


def test_household_tally_survives_edits_and_erasure(
    storage: Storage, db: sqlcipher.Connection
) -> None:
    households_with_visits(storage)
    first = storage.household_by_kk(make_household(serial=1).no_kk)
    assert first is not None
    visit = storage.visits_for(first.id)[0]
    visit.outcome, visit.failure_reason = Outcome.GAGAL, FailureReason.CAPTCHA
    storage.update_visit(visit)
    storage.withdraw_consent(first.id)

    def tally() -> dict[tuple[str, str, str], int]:
        return {
            (d, k, o): n for d, k, o, n in db.execute("SELECT * FROM household_tally WHERE n <> 0")
        }

    def recount() -> dict[tuple[str, str, str], int]:
        counts: dict[tuple[str, str, str], int] = {}
        for dimension, column in (
            ("kelurahan", "kelurahan_code"),
            ("posko", "latest_post_id"),
            ("petugas", "latest_helper_id"),
        ):
            where = "" if dimension == "kelurahan" else f"WHERE {column} <> ''"
            for key, outcome, n in db.execute(
                f"SELECT {column}, coalesce(latest_outcome, ''), count(*) FROM households "
                f"{where} GROUP BY 1, 2"
            ):
                counts[(dimension, key, outcome)] = n
        return counts

    assert tally() == recount()


def test_evaluation_compares_with_the_period_before(
    storage: Storage, db: sqlcipher.Connection
) -> None:
    people = [add_staff(storage, 80 + i, "Dinas Sosial") for i in range(5)]
    storage.record_staff_status([people[0].id], "sudah", date(2026, 11, 1))
    storage.record_staff_status([people[1].id], "gagal", date(2026, 11, 2), "Captcha")
    storage.record_staff_status([people[1].id], "sudah", date(2026, 11, 12))
    storage.record_staff_status([people[2].id, people[3].id], "sudah", date(2026, 11, 20))
    households_with_visits(storage)
    evaluation = storage.evaluation(date(2026, 11, 8), date(2026, 11, 21))
    assert (evaluation.previous_start, evaluation.previous_end) == (
        date(2026, 10, 25),
        date(2026, 11, 7),
    )
    (opd,) = evaluation.opds
    assert opd.previous == monitoring.StaffCounts(sudah=1, gagal=1, belum=3)
    assert opd.current == monitoring.StaffCounts(sudah=4, gagal=0, belum=1)
    assert opd.sudah_change == 3 and opd.percent_change is not None
    assert round(opd.percent_change, 1) == 60.0
    assert evaluation.below_target == ()  # 4 of 5 is exactly 80%
    (kelurahan,) = evaluation.kelurahan
    # At the end of 7 Nov: households 1 berhasil, 2 gagal (3, 4 visited later); household
    # 9 was registered "now" (21 Nov, after the cut-off) and had no visit: not counted then.
    assert kelurahan.previous == monitoring.HouseholdCounts(berhasil=1, gagal=1)
    assert kelurahan.current == monitoring.HouseholdCounts(berhasil=3, belum=1, tanpa_kunjungan=1)
    # The current state equals a direct count.
    direct = dict(
        db.execute(
            "SELECT coalesce(latest_outcome, 'tanpa_kunjungan'), count(*) FROM households "
            "GROUP BY 1"
        ).fetchall()
    )
    assert direct == {"berhasil": 3, "belum": 1, "tanpa_kunjungan": 1}


def test_staff_sync_between_offices_with_proof(tmp_path: Path) -> None:
    with offices(tmp_path, "kota", "dinas") as (city, office):
        person = add_staff(office.storage, 100, "Dinas Sosial", "Ahmad Fauzi")
        office.storage.record_staff_status([person.id], "sudah", date(2026, 11, 12))
        office.storage.attach_staff_proof(person.id, "bukti.pdf", PDF)
        office.storage.set_target(Target("kelurahan", make_household().kelurahan_code, 40))
        summary = transfer(office.storage, city.storage)
        assert summary.added["pegawai"] == 1 and summary.added["bukti_pegawai"] == 1
        seen = city.storage.staff_member(person.id)
        assert (seen.status, seen.status_date, seen.proof_count) == (
            "sudah",
            date(2026, 11, 12),
            1,
        )
        (proof,) = city.storage.staff_proof_files(person.id)
        assert city.storage.staff_proof_content(proof.id)[1] == PDF
        assert [t.value for t in city.storage.targets()] == [40]
        # The same person imported at the city from the same roster is the same record.
        city.storage.import_roster([RosterEntry(2, nip(100), "Ahmad Fauzi", "Dinas Sosial", "")])
        assert len(city.storage.staff_list()) == 1
        # Statuses recorded on both PCs never conflict: the later one wins everywhere.
        city.storage.record_staff_status([person.id], "gagal", date(2026, 11, 14), "Situs sibuk")
        transfer(city.storage, office.storage)
        assert office.storage.staff_member(person.id).status == "gagal"
        assert city.storage.sync_status().conflicts == 0


def test_opd_admin_login_round_trip(installation: Installation) -> None:
    add_staff(installation.storage, 110, "Dinas Sosial")
    sign_in_opd_admin(installation, "Dinas Sosial")
    assert installation.account.role == Role.OPD_ADMIN
    installation.unlock(make_helper().nip, ADMIN_PASSWORD)
    assert installation.storage.staff_scope() is None
