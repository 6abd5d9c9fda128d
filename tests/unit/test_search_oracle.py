"""Issue 16: the household search is no oracle for numbers a lower role may not read.

A petugas (or admin OPD) searches digits only among the households they entered; another
helper's household opens only for its exact full No KK, and each such look-up is audited
(household id and account, never the number). Coordinators search as before. All on a real
demo database (create_demo), through the core, so the CLI obeys the same rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from factories import make_helper, make_household

from sp_desktop.core.base.errors import RecordValidationError
from sp_desktop.core.demo import DEMO_ACCOUNTS, create_demo
from sp_desktop.core.domain.identifiers import compose_kk, compose_nik, mask_number
from sp_desktop.core.domain.model import Account, HouseholdQuery
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.storage import Storage
from sp_desktop.core.trust import audit


@dataclass(frozen=True)
class Stored:
    id: str
    pk: int
    no_kk: str
    head_nik: str
    created_by: str


@dataclass
class Demo:
    storage: Storage
    admin: Account
    coordinator: Account
    petugas: Account

    def households(self) -> list[Stored]:
        """Every household as stored (the test's own view of the truth)."""
        rows = self.storage._read(
            "SELECT id, pk, no_kk, head_nik, created_by FROM households ORDER BY pk"
        )
        return [Stored(*r) for r in rows]

    def others(self) -> list[Stored]:
        return [h for h in self.households() if h.created_by != self.petugas.id and h.no_kk]

    def own(self) -> list[Stored]:
        return [h for h in self.households() if h.created_by == self.petugas.id]

    def lookups(self) -> list[audit.Entry]:
        self.storage.act_as_system(self.admin)
        return self.storage.audit_entries(action=audit.LOOKUP)


def _account(storage: Storage, role: str) -> Account:
    nip = next(n for n, _name, r in DEMO_ACCOUNTS if r == role)
    account = storage.account_by_nip(nip)
    assert account is not None
    return account


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    installation, _summary = create_demo(tmp_path / "data", 300)
    storage = installation.storage
    try:
        yield Demo(
            storage,
            admin=_account(storage, "admin"),
            coordinator=_account(storage, "koordinator"),
            petugas=_account(storage, "petugas"),
        )
    finally:
        installation.close()


def pks(storage: Storage, text: str) -> list[int]:
    query = HouseholdQuery(text=text)
    return [pk for chunk in storage.iter_household_pks(query) for pk in chunk]


def counted(storage: Storage, text: str) -> int:
    return sum(storage.count_by_outcome(HouseholdQuery(text=text)).values())


def test_a_petugas_prefix_search_finds_nothing_of_another_helper(demo: Demo) -> None:
    storage = demo.storage
    target = demo.others()[len(demo.others()) // 2]
    # The admin's search finds it by every prefix: the restriction below is the petugas's.
    storage.act_as_system(demo.admin)
    assert all(target.pk in pks(storage, target.no_kk[:n]) for n in (4, 8, 12, 15))
    storage.act_as_system(demo.petugas)
    owners = {h.pk: h.created_by for h in demo.households()}
    # The tester's walk: from the masked 5271**********02, extend the prefix digit by digit.
    seen_prefix = mask_number(target.no_kk)[:4]
    for n in range(4, 15):
        for digit in "0123456789":
            found = pks(storage, target.no_kk[:n] + digit)
            assert all(owners[pk] == demo.petugas.id for pk in found)
    for prefix in (seen_prefix, target.no_kk[:10], target.no_kk[:15], target.head_nik[:12]):
        found = pks(storage, prefix)
        assert target.pk not in found
        assert all(owners[pk] == demo.petugas.id for pk in found)
        # The count shown beside the list counts the same households, never hidden ones.
        assert counted(storage, prefix) == len(found)
    assert demo.lookups() == []  # prefixes are no look-ups


def test_the_exact_full_no_kk_opens_it_and_is_audited_without_the_number(demo: Demo) -> None:
    storage = demo.storage
    target = demo.others()[3]
    storage.act_as_system(demo.petugas)
    spaced = f"{target.no_kk[:4]} {target.no_kk[4:10]} {target.no_kk[10:]}"
    found = pks(storage, spaced)
    assert target.pk in found
    assert counted(storage, target.no_kk) == len(found)  # a count writes no entry
    row = storage.household_rows([target.pk])[target.pk]
    assert row.numbers_hidden and row.no_kk == mask_number(target.no_kk)
    entries = demo.lookups()
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.entity_id, entry.account_id) == (target.id, demo.petugas.id)
    assert target.no_kk not in json.dumps(entry.details) + entry.entity_id + entry.actor
    assert target.no_kk[4:14] not in audit.details_text(entry.details)
    assert storage.verify_audit().ok

    # The form's duplicate check: the known No KK opens the existing household, masked.
    storage.act_as_system(demo.petugas)
    household = storage.household_by_kk(target.no_kk)
    assert household is not None and household.id == target.id and household.numbers_hidden
    assert storage.household_by_kk(target.no_kk[:15]) is None  # only the whole number
    entries = demo.lookups()
    assert [e.entity_id for e in entries] == [target.id, target.id]
    assert entries[0].details == {"lewat": "cek_duplikat"}
    assert entries[1].details == {"lewat": "pencarian"}


def test_an_exact_nik_finds_only_own_households(demo: Demo) -> None:
    storage = demo.storage
    target = demo.others()[5]
    own = demo.own()[0]
    storage.act_as_system(demo.petugas)
    assert pks(storage, target.head_nik) == []  # decided: NIK is no look-up key for others
    assert pks(storage, own.head_nik) == [own.pk]
    assert demo.lookups() == []


def test_a_petugas_finds_own_households_by_prefix_in_number_order(demo: Demo) -> None:
    storage = demo.storage
    storage.act_as_system(demo.petugas)
    own = demo.own()
    assert len(own) > 20  # the demo gives the demo petugas households of their own
    prefix = own[0].no_kk[:6]
    expected = sorted((h for h in own if h.no_kk.startswith(prefix)), key=lambda h: h.no_kk)
    found = pks(storage, prefix)
    assert found[: len(expected)] == [h.pk for h in expected]
    nik_only = [h.pk for h in own if h.head_nik.startswith(prefix) and h not in expected]
    assert sorted(found[len(expected) :]) == sorted(nik_only)
    rows = storage.household_rows(found)
    assert not any(r.numbers_hidden for r in rows.values())
    # One the petugas enters now is found by its first digits too.
    saved = storage.save_household(make_household(4242, "Inaq Sumiati"))
    assert storage.household(saved.id).no_kk == saved.no_kk
    new_pk = next(h.pk for h in demo.households() if h.id == saved.id)
    storage.act_as_system(demo.petugas)
    assert new_pk in pks(storage, saved.no_kk[:7])
    assert new_pk in pks(storage, saved.head_nik[:9])


@pytest.mark.parametrize("role", ["koordinator", "admin"])
def test_a_coordinators_search_is_unchanged(demo: Demo, role: str) -> None:
    storage = demo.storage
    storage.act_as_system(_account(storage, role))
    every = demo.households()
    for prefix in ("5", "5271", "527101", demo.others()[7].no_kk, every[9].head_nik[:10]):
        kk = sorted((h for h in every if h.no_kk.startswith(prefix)), key=lambda h: h.no_kk)
        nik = sorted(
            (h for h in every if h.head_nik.startswith(prefix) and h not in kk),
            key=lambda h: (h.head_nik, h.no_kk),
        )
        assert pks(storage, prefix) == [h.pk for h in kk + nik]
        assert counted(storage, prefix) == len(kk) + len(nik)
    assert demo.lookups() == []  # the coordinator reads every number: nothing to audit


def test_list_order_does_not_follow_hidden_digits(demo: Demo) -> None:
    """Two pairs of another helper's households whose masked No KK and NIK tie: the petugas
    sees them newest first whatever their hidden digits, and no digit search lists them."""
    storage = demo.storage
    storage.act_as_system(demo.admin)
    other = storage.save_account(make_helper(31, "Ni Made Ayu Lestari"), Role.HELPER)
    storage.act_as_system(other)
    # Pair A entered low hidden digits first, pair B high first: one order cannot fit both.
    pair_a = (date(2012, 1, 2), date(2014, 3, 5))
    pair_b = (date(2018, 9, 27), date(2016, 7, 8))
    entered = []
    for name, dates in (("Wayan Tiebreak", pair_a), ("Ketut Tiebreak", pair_b)):
        for when in dates:
            household = make_household(
                no_kk=compose_kk("527102", when, 7707),
                head_nik=compose_nik("527102", when, False, 7707),
                head_name=name,
            )
            entered.append((name, storage.save_household(household).id))
    stored = {h.id: h for h in demo.households()}
    masks = {mask_number(stored[i].no_kk) for _n, i in entered}
    assert len(masks) == 1 and len({mask_number(stored[i].head_nik) for _n, i in entered}) == 1

    storage.act_as_system(demo.petugas)
    for name in ("Wayan Tiebreak", "Ketut Tiebreak"):
        newest_first = [stored[i].pk for n, i in reversed(entered) if n == name]
        assert pks(storage, name) == newest_first
    hidden_order = sorted((stored[i] for _n, i in entered), key=lambda h: h.no_kk)
    listed = [pk for pk in pks(storage, "Tiebreak") if pk in {h.pk for h in hidden_order}]
    assert listed == [stored[i].pk for _n, i in reversed(entered)]
    assert listed != [h.pk for h in hidden_order]
    everything = [pk for pk in pks(storage, "") if pk in set(listed)]
    assert everything == listed  # the unfiltered list: newest first too
    for masked_prefix in ("5271", "527102", mask_number(stored[entered[0][1]].head_nik)[:4]):
        assert not set(pks(storage, masked_prefix)) & set(listed)


def test_saving_another_helpers_full_no_kk_is_refused_and_audited(demo: Demo) -> None:
    storage = demo.storage
    target = demo.others()[11]
    storage.act_as_system(demo.petugas)
    with pytest.raises(RecordValidationError) as refused:
        storage.save_household(make_household(4343, no_kk=target.no_kk))
    assert "no_kk" in refused.value.problems
    assert target.no_kk not in str(refused.value)
    entries = demo.lookups()
    assert [(e.entity_id, e.account_id, e.details) for e in entries] == [
        (target.id, demo.petugas.id, {"lewat": "simpan"})
    ]
    # The coordinator is refused the same way, with nothing to audit: they read the number.
    storage.act_as_system(demo.coordinator)
    with pytest.raises(RecordValidationError):
        storage.save_household(make_household(4344, no_kk=target.no_kk))
    assert len(demo.lookups()) == 1


def test_an_opd_admin_searches_digits_like_a_petugas(demo: Demo) -> None:
    storage = demo.storage
    opd_admin = _account(storage, "admin_opd")
    owners = {h.pk: h.created_by for h in demo.households()}
    target = next(h for h in demo.households() if h.created_by not in ("", opd_admin.id))
    storage.act_as_system(opd_admin)
    for n in (4, 6, 9, 12, 15):
        found = pks(storage, target.no_kk[:n])
        assert all(owners[pk] == opd_admin.id for pk in found)
        assert counted(storage, target.no_kk[:n]) == len(found)
    assert pks(storage, target.no_kk) == [target.pk]
    assert [e.entity_id for e in demo.lookups()] == [target.id]


def test_exact_look_ups_of_others_are_limited_per_hour_and_the_refusal_is_audited(
    demo: Demo,
) -> None:
    from datetime import datetime, timedelta

    from sp_desktop.core.base import clock
    from sp_desktop.core.domain.permissions import PermissionDeniedError
    from sp_desktop.core.storage.households import LOOKUP_LIMIT

    storage = demo.storage
    others = demo.others()
    assert len(others) > LOOKUP_LIMIT
    with clock.pinned(datetime(2026, 3, 2, 9, 0)):
        storage.act_as_system(demo.petugas)
        for target in others[:LOOKUP_LIMIT]:
            found = storage.household_by_kk(target.no_kk)
            assert found is not None and found.numbers_hidden
        # One more, by any way in (the form's duplicate check, the search): refused.
        with pytest.raises(PermissionDeniedError, match="terlalu sering"):
            storage.household_by_kk(others[LOOKUP_LIMIT].no_kk)
        with pytest.raises(PermissionDeniedError, match="terlalu sering"):
            pks(storage, others[LOOKUP_LIMIT].no_kk)
        # Their own households stay searchable, and a coordinator is not limited.
        own = demo.own()[0]
        assert own.pk in pks(storage, own.no_kk)
        storage.act_as_system(demo.coordinator)
        assert storage.household_by_kk(others[LOOKUP_LIMIT].no_kk) is not None
        refused = [e for e in demo.lookups() if e.details.get("ditolak")]
        assert len(refused) == 2 and all(e.entity_id == "" for e in refused)
    # An hour after the refusals, the door opens again.
    with clock.pinned(datetime(2026, 3, 2, 9, 0) + timedelta(hours=1, minutes=1)):
        storage.act_as_system(demo.petugas)
        assert storage.household_by_kk(others[LOOKUP_LIMIT].no_kk) is not None
