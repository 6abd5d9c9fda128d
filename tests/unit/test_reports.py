"""What documents contain: which visits and households a filter covers, each household's
status at the end of the period, the recap's figures against direct counts, and masking."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from factories import (
    HELPER_PASSWORD,
    keyed_connection,
    make_helper,
    make_household,
    make_post,
    make_visit,
)

from sp_desktop.core.documents import issuing
from sp_desktop.core.domain.model import FailureReason, Helper, Outcome, Post
from sp_desktop.core.domain.permissions import PermissionDeniedError, Role
from sp_desktop.core.domain.reports import ReportFilter
from sp_desktop.core.security.installation import Installation

OTHER_KELURAHAN = "52.71.01.1006"  # Pejeruk


@pytest.fixture
def office(installation: Installation, people: tuple[Helper, Post]) -> dict[str, object]:
    """Two helpers, two posts, two kelurahan, visits across March 2020."""
    storage = installation.storage
    admin, post = people
    second = storage.save_helper(make_helper(41, name="Ni Luh Sari"))
    other_post = storage.save_post(make_post("Posko Masjid Nurul Huda"))
    plan = [
        # serial, kelurahan, [(day, outcome, helper, post)]
        (1, None, [(2, Outcome.GAGAL, admin, post), (20, Outcome.BERHASIL, second, other_post)]),
        (2, None, [(3, Outcome.BERHASIL, admin, post)]),
        (3, OTHER_KELURAHAN, [(4, Outcome.BELUM, second, other_post)]),
        (4, OTHER_KELURAHAN, [(5, Outcome.GAGAL, second, post)]),
        (5, None, [(25, Outcome.BELUM, admin, other_post)]),
    ]
    ids = {}
    for serial, kelurahan, visits in plan:
        household = make_household(serial, name=f"Kepala {'ABCDE'[serial - 1]}")
        if kelurahan:
            household = replace(household, kelurahan_code=kelurahan)
        for n, (day, outcome, helper, at_post) in enumerate(visits):
            visit = make_visit(
                household,
                helper,
                at_post,
                outcome,
                when=datetime(2020, 3, day, 10, 0),
                failure_reason=FailureReason.NIK_KK_TIDAK_SESUAI
                if outcome is Outcome.GAGAL
                else None,
            )
            if n == 0:
                storage.save_household(household, visit)
            else:
                storage.add_visit(visit)
        ids[serial] = household.id
    storage.save_household(make_household(6, name="Kepala Tanpa Kunjungan"))
    return {"ids": ids, "admin": admin, "second": second, "post": post, "other_post": other_post}


def statuses(storage, report: ReportFilter) -> dict[str, Outcome | None]:  # type: ignore[no-untyped-def]
    return {line.head_name: line.status for line in storage.report_households(report)}


def test_everything_includes_households_never_visited(
    installation: Installation, office: dict[str, object]
) -> None:
    got = statuses(installation.storage, ReportFilter())
    assert got == {
        "Kepala A": Outcome.BERHASIL,  # failed on the 2nd, completed on the 20th
        "Kepala B": Outcome.BERHASIL,
        "Kepala C": Outcome.BELUM,
        "Kepala D": Outcome.GAGAL,
        "Kepala E": Outcome.BELUM,
        "Kepala Tanpa Kunjungan": None,
    }


def test_a_period_shows_the_status_at_its_end(
    installation: Installation, office: dict[str, object]
) -> None:
    first_week = ReportFilter(date_from=date(2020, 3, 1), date_to=date(2020, 3, 7))
    got = statuses(installation.storage, first_week)
    # Kepala A had not yet succeeded by 7 March; E was first visited later; the household
    # never visited is outside any period.
    assert got == {
        "Kepala A": Outcome.GAGAL,
        "Kepala B": Outcome.BERHASIL,
        "Kepala C": Outcome.BELUM,
        "Kepala D": Outcome.GAGAL,
    }
    lines = {line.head_name: line for line in installation.storage.report_households(first_week)}
    assert lines["Kepala A"].visits == 1
    assert lines["Kepala A"].failure_reason is FailureReason.NIK_KK_TIDAK_SESUAI


def test_helper_post_and_kelurahan_filters(
    installation: Installation, office: dict[str, object]
) -> None:
    storage = installation.storage
    second = office["second"]
    by_helper = ReportFilter(helper_nip=second.nip)  # type: ignore[attr-defined]
    # Kepala A counts for her: she made the successful visit (status from the latest visit).
    assert statuses(storage, by_helper) == {
        "Kepala A": Outcome.BERHASIL,
        "Kepala C": Outcome.BELUM,
        "Kepala D": Outcome.GAGAL,
    }
    assert {v.head_name for v in storage.report_visits(by_helper)} == {
        "Kepala A",
        "Kepala C",
        "Kepala D",
    }
    at_post = ReportFilter(post_name="Posko Masjid Nurul Huda")
    assert set(statuses(storage, at_post)) == {"Kepala A", "Kepala C", "Kepala E"}
    other = ReportFilter(kelurahan_code=OTHER_KELURAHAN)
    assert set(statuses(storage, other)) == {"Kepala C", "Kepala D"}
    assert storage.report_visit_ids(ReportFilter(helper_nip="199999999999999999")) == []


def test_recap_figures_match_direct_counts(
    installation: Installation, office: dict[str, object]
) -> None:
    storage = installation.storage
    recap = issuing.build_recap(storage, ReportFilter())
    conn = keyed_connection(installation.data_dir / "sp-desktop.sqlite3", installation.data_key)
    by_outcome = dict(conn.execute("SELECT outcome, count(*) FROM visits GROUP BY outcome"))
    households = conn.execute("SELECT count(*) FROM households").fetchone()[0]
    not_completed = conn.execute(
        "SELECT count(*) FROM households WHERE latest_outcome IS NOT 'berhasil'"
    ).fetchone()[0]
    conn.close()
    assert {o.value: n for o, n in recap.visits_by_outcome.items() if n} == by_outcome
    assert recap.households == households == 6
    assert len(recap.needing_interview) == not_completed == 4
    assert recap.failures_by_reason[FailureReason.NIK_KK_TIDAK_SESUAI] == 2
    per_kelurahan = {row.code: row for row in recap.by_kelurahan}
    assert per_kelurahan[OTHER_KELURAHAN].households == 2
    assert per_kelurahan[OTHER_KELURAHAN].visits == 2
    assert sum(row.households for row in recap.by_kelurahan) == 6
    assert len(recap.content_hash) == 64
    # The same data gives the same content hash; a change gives another.
    assert issuing.build_recap(storage, ReportFilter()).content_hash == recap.content_hash
    storage.save_household(make_household(7, name="Kepala Baru"))
    assert issuing.build_recap(storage, ReportFilter()).content_hash != recap.content_hash


def test_a_helper_may_not_export_and_sees_masked_numbers_on_slips(
    installation: Installation, office: dict[str, object]
) -> None:
    storage = installation.storage
    visit_id = storage.report_visit_ids(ReportFilter())[0]
    petugas = make_helper(52, name="Baiq Rina")
    installation.save_account(petugas, Role.HELPER, password=HELPER_PASSWORD)
    installation.unlock(petugas.nip, HELPER_PASSWORD)
    with pytest.raises(PermissionDeniedError):
        list(storage.report_households(ReportFilter()))
    with pytest.raises(PermissionDeniedError):
        issuing.build_recap(storage, ReportFilter())
    line = storage.visit_line(visit_id)  # slips are for every helper
    assert line.numbers_hidden and "*" in line.no_kk and "*" in line.head_nik


def test_a_visit_line_names_the_post_and_the_household_kelurahan_apart(
    installation: Installation, office: dict[str, object]
) -> None:
    storage = installation.storage
    households = {line.head_name: line for line in storage.report_households(ReportFilter())}
    visit = storage.visits_for(households["Kepala C"].household_id)[0]
    line = storage.visit_line(visit.id)  # Kepala C lives in Pejeruk; the post is elsewhere
    assert line.kelurahan_label == "Kelurahan Pejeruk"
    assert line.post_kelurahan_label == "Kelurahan Ampenan Selatan"
    slip = issuing.slip_for(line, storage.signer(), "Kantor")
    assert slip.post_kelurahan_label == "Kelurahan Ampenan Selatan"
