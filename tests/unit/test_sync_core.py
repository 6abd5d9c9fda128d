"""Revisions and merging between real installations (no file, no hub: the core alone)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from factories import keyed_connection, make_household, make_visit
from sync_support import admin_of, offices, post_of, snapshot, transfer

from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.storage import DB_FILENAME
from sp_desktop.core.trust import revisions


def leaves_of(store, doc_id):
    store.sync_commit()
    return [
        (d["_rev"], d.get("_deleted", False))
        for d, _ in store.sync_documents()
        if d["_id"] == doc_id
    ]


def test_a_record_gets_a_revision_and_each_edit_a_child_of_it(tmp_path: Path) -> None:
    with offices(tmp_path, "a") as (a,):
        store = a.storage
        household = store.save_household(make_household())
        doc = f"rumah_tangga:{household.id}"
        [(rev1, _)] = leaves_of(store, doc)
        assert rev1.startswith("1-")
        store.save_household(replace(household, address="Jl. Baru 1"))
        store.save_household(replace(household, address="Jl. Baru 2"))
        [(rev2, _)] = leaves_of(store, doc)
        # Two saves between syncs fold into one revision.
        assert rev2.startswith("2-")
        [document] = [d for d, _ in store.sync_documents() if d["_id"] == doc]
        assert document["_revisions"] == {"start": 2, "ids": [rev2[2:], rev1[2:]]}
        assert document["address"] == "Jl. Baru 2"
        assert "latest_outcome" not in document


def test_two_installations_end_with_the_same_data(tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        household = sa.save_household(make_household())
        sa.add_visit(make_visit(household, admin_of(sa), post_of(sa)))
        summary = transfer(sa, sb)
        assert summary.added == {"petugas": 1, "posko": 1, "rumah_tangga": 1, "kunjungan": 1}
        seen = sb.household(household.id)
        assert seen.latest_outcome == Outcome.BERHASIL and seen.visit_count == 1
        transfer(sb, sa)
        assert snapshot(sa) == snapshot(sb)
        # Idempotent: the same documents again change nothing.
        again = transfer(sa, sb)
        assert not again.changed and again.unchanged > 0


def test_concurrent_edits_pick_the_same_winner_and_keep_the_loser(tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        household = sa.save_household(make_household())
        transfer(sa, sb)
        sa.save_household(replace(household, address="Versi A"))
        sb.save_household(replace(sb.household(household.id), address="Versi B"))
        summary_b = transfer(sa, sb)
        summary_a = transfer(sb, sa)
        assert summary_a.conflicts == {"rumah_tangga": 1}
        assert summary_b.conflicts == {"rumah_tangga": 1}
        assert sa.household(household.id).address == sb.household(household.id).address
        [conflict] = sa.sync_conflicts()
        assert {side.body["address"] for side in conflict.sides} == {"Versi A", "Versi B"}
        assert conflict.sides[0].winner
        assert snapshot(sa) == snapshot(sb)
        # The losing side is kept sealed to the office's numbers key (it holds the No KK).
        conn = keyed_connection(a.data_dir / DB_FILENAME, a.data_key)
        kept = [r[0] for r in conn.execute("SELECT body FROM sync_bodies")]
        conn.close()
        assert kept and all(body.startswith("age:") for body in kept)
        assert not any(household.no_kk in body for body in kept)
        # Resolving keeps one version everywhere and closes the other branch.
        sa.resolve_conflict(conflict.doc_id, {"address": "Versi gabungan"})
        transfer(sa, sb)
        assert sb.sync_conflicts() == []
        assert sb.household(household.id).address == "Versi gabungan"
        assert snapshot(sa) == snapshot(sb)


def test_the_winner_rule_is_couchdbs() -> None:
    a = revisions.Leaf(2, ("a" * 32, "0" * 32))
    b = revisions.Leaf(2, ("b" * 32, "0" * 32))
    c = revisions.Leaf(3, ("1" * 32, "a" * 32, "0" * 32), deleted=True)
    assert revisions.winner([a, b]) == b
    # A deleted leaf loses to a live one, whatever its number.
    assert revisions.winner([a, c]) == a
    assert revisions.winner([c]) == c


def test_merging_a_duplicate_family_keeps_every_visit(tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        first = sa.save_household(make_household(name="Baiq Nurul"))
        second = sb.save_household(make_household(name="Baiq Nurul Hakim"))
        sa.add_visit(make_visit(first, admin_of(sa), post_of(sa), Outcome.BELUM))
        sb.add_visit(make_visit(second, admin_of(sb), post_of(sb), Outcome.BERHASIL))
        transfer(sa, sb)
        transfer(sb, sa)
        [group] = sa.duplicate_households()
        assert {h.id for h in group} == {first.id, second.id}
        kept = sa.merge_households(first.id, second.id, {"head_name": "Baiq Nurul Hakim"})
        assert kept.visit_count == 2 and kept.head_name == "Baiq Nurul Hakim"
        assert sa.duplicate_households() == []
        # A visit B makes meanwhile on the household A merged away follows the merge.
        sb.add_visit(make_visit(sb.household(second.id), admin_of(sb), post_of(sb), Outcome.BELUM))
        transfer(sa, sb)
        transfer(sb, sa)
        transfer(sa, sb)
        for store in (sa, sb):
            assert store.duplicate_households() == []
            assert store.household(first.id).visit_count == 3
        assert snapshot(sa) == snapshot(sb)


def test_an_invalid_document_changes_nothing(tmp_path: Path) -> None:
    from sp_desktop.core.domain.sync_docs import DocumentProblem

    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        household = sa.save_household(make_household())
        sa.sync_commit()
        documents = list(sa.sync_documents())
        bad = dict(documents[-1][0], members="empat")
        before = snapshot(sb)
        with pytest.raises(DocumentProblem):
            sb.sync_apply([*documents[:-1], (bad, None)], strict=True)
        assert snapshot(sb) == before
        assert household.id not in {h.id for g in sb.duplicate_households() for h in g}


def test_an_erasure_is_never_undone_by_sync(tmp_path: Path) -> None:
    """A family withdraws consent at one office while another office, not knowing, edits
    the household twice (so its branch would win by CouchDB's rule): the erasure wins."""
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        household = sa.save_household(make_household())
        visit = sa.add_visit(make_visit(household, admin_of(sa), post_of(sa), note="Rumah biru"))
        sa.attach_proof(visit.id, "bukti.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        transfer(sa, sb)
        sb.save_household(replace(sb.household(household.id), address="Jl. Satu"))
        sb.sync_commit()
        sb.save_household(replace(sb.household(household.id), address="Jl. Dua"))
        sa.withdraw_consent(household.id)
        transfer(sa, sb)
        transfer(sb, sa)
        transfer(sa, sb)
        for store in (sa, sb):
            seen = store.household(household.id)
            assert seen.erased_at and seen.head_nik == "" and seen.address == ""
            assert store.sync_conflicts() == []
            assert store.visits_for(household.id)[0].note == ""
        # No version anywhere still holds the family's numbers.
        nik = household.head_nik
        for store in (sa, sb):
            for document, content in store.sync_documents():
                assert nik not in str(document)
                assert not content or b"\x00" * 64 not in content
        assert snapshot(sa) == snapshot(sb)
