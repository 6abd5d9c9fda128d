"""A petugas at a posko with no coordinator sends their own records (issue 16, §3): a
bundle of the households they entered, signed with the office's helpers' key and sealed
to their kelurahan office, which takes nothing else from such a bundle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from factories import (
    ADMIN_PASSWORD,
    AMPENAN_SELATAN,
    HELPER_PASSWORD,
    make_helper,
    make_household,
    make_post,
    make_visit,
)

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.sync import bundle, sealing
from sp_desktop.core.sync.bundle import BundleProblem, import_bundle, write_own_bundle
from sp_desktop.core.trust.signing import parse_public_key, public_key_file_bytes

POSKO_ADMIN = make_helper()
PETUGAS = make_helper(9, "Ni Made Ayu")
KELURAHAN_ADMIN = make_helper(21, "Lalu Pejeruk")
PDF = b"%PDF-1.7\nBukti pengisian SP2020\n%%EOF\n"


class Offices:
    def __init__(self, tmp_path: Path) -> None:
        self.posko = tmp_path / "posko"
        self.kelurahan = tmp_path / "kelurahan"


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[Offices]:
    """A posko's installation (its admin, a petugas) and the kelurahan office's; each has
    imported the other's .spkunci. The posko's admin entered one household."""
    places = Offices(tmp_path)
    posko, _ = Installation.create(
        places.posko,
        office="Posko Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=POSKO_ADMIN,
        password=ADMIN_PASSWORD,
    )
    kelurahan, _ = Installation.create(
        places.kelurahan,
        office="Kantor Lurah Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=KELURAHAN_ADMIN,
        password=ADMIN_PASSWORD,
    )
    with posko, kelurahan:
        posko.save_account(PETUGAS, Role.HELPER, password=HELPER_PASSWORD)
        posko.storage.save_post(make_post())
        posko.storage.save_household(make_household(50, "Keluarga Dicatat Admin"))
        posko.storage.trust_key(
            parse_public_key(public_key_file_bytes(kelurahan.storage.own_public_key()))
        )
        kelurahan.storage.trust_key(
            parse_public_key(public_key_file_bytes(posko.storage.own_public_key()))
        )
    yield places


def enter_household(inst: Installation) -> tuple[str, str]:
    """The petugas's household with a visit and its proof: (household id, proof id)."""
    storage = inst.storage
    me = next(h for h in storage.helpers() if h.nip == PETUGAS.nip)
    post = storage.posts()[0]
    household = make_household(7, "Baiq Nurul Hakim")
    visit = make_visit(household, me, post, Outcome.BERHASIL)
    storage.save_household(household, visit)
    return household.id, storage.attach_proof(visit.id, "bukti.pdf", PDF).id


def kelurahan_recipient(inst: Installation) -> str:
    trusted = [t.key for t in inst.storage.trusted_keys() if not t.own]
    return next(k.exchange for k in trusted if k.office == "Kantor Lurah Ampenan Selatan")


def test_a_petugas_sends_their_own_households_to_the_kelurahan_office(
    offices: Offices, tmp_path: Path
) -> None:
    out = tmp_path / "paket-petugas.sppaket"
    with Installation.open(offices.posko, PETUGAS.nip, HELPER_PASSWORD) as inst:
        household_id, proof_id = enter_household(inst)
        result = write_own_bundle(inst.storage, out, recipients=[kelurahan_recipient(inst)])
        helpers_key = inst.storage.own_public_key().helper_key
    assert sealing.is_sealed(out)
    assert result.counts == {
        "petugas": 1,
        "posko": 1,
        "rumah_tangga": 1,
        "kunjungan": 1,
        "bukti": 1,
    }
    assert result.files == 1
    with Installation.open(offices.kelurahan, KELURAHAN_ADMIN.nip, ADMIN_PASSWORD) as inst:
        imported = import_bundle(inst.storage, out)
        assert imported.sender_key.raw == helpers_key
        storage = inst.storage
        household = storage.household(household_id)
        assert household.head_name == "Baiq Nurul Hakim" and not household.numbers_hidden
        assert storage.proof_content(proof_id)[1] == PDF
        # Only the petugas's own: the household the posko's admin entered stays there.
        names = {storage.household_rows([pk])[pk].head_name for pk in all_pks(storage)}
        assert names == {"Baiq Nurul Hakim"}
        # The trail names the petugas and the key that signed.
        (entry,) = [e for e in storage.audit_entries() if e.action == "impor"]
        assert entry.details["sumber"].startswith("paket petugas Ni Made Ayu, paket Posko")


def all_pks(storage: Any) -> list[int]:
    from sp_desktop.core.domain.model import HouseholdQuery

    return [pk for chunk in storage.iter_household_pks(HouseholdQuery()) for pk in chunk]


def test_a_petugas_bundle_is_always_sealed_and_never_empty(
    offices: Offices, tmp_path: Path
) -> None:
    with Installation.open(offices.posko, PETUGAS.nip, HELPER_PASSWORD) as inst:
        recipient = kelurahan_recipient(inst)
        with pytest.raises(UserFacingError, match="Belum ada rumah tangga yang Anda catat"):
            write_own_bundle(inst.storage, tmp_path / "x.sppaket", recipients=[recipient])
        enter_household(inst)
        with pytest.raises(UserFacingError, match="selalu disegel"):
            write_own_bundle(inst.storage, tmp_path / "x.sppaket", recipients=[])
    assert not (tmp_path / "x.sppaket").exists()


def test_a_helpers_key_bundle_with_another_accounts_household_is_refused_whole(
    offices: Offices, tmp_path: Path
) -> None:
    """The helpers' key can be taken from the posko's database by anyone with a password
    there: what it signs is limited to one account's records, checked by the receiver."""
    with Installation.open(offices.posko, POSKO_ADMIN.nip, ADMIN_PASSWORD) as inst:
        inst.storage.sync_commit()
        foreign = [
            (doc, content)
            for doc, content in inst.storage.sync_documents()
            if doc["_id"].startswith("rumah_tangga:")
        ]
    out = tmp_path / "palsu.sppaket"
    with Installation.open(offices.posko, PETUGAS.nip, HELPER_PASSWORD) as inst:
        enter_household(inst)
        storage = inst.storage
        selection = storage.own_bundle_selection()
        actor = storage.actor
        assert actor is not None
        # Through the app, a selection naming another's household yields nothing of it.
        named = {doc["_id"]: {doc["_rev"]} for doc, _content in foreign}
        assert list(storage.own_sync_documents(named)) == []

        def documents(kind: sync_docs.Kind) -> Iterator[tuple[dict[str, Any], bytes | None]]:
            yield from storage.own_sync_documents(selection, kinds=(kind,))
            if kind is sync_docs.HOUSEHOLD:
                yield from foreign  # the admin's household, slipped in

        counts = {k.name: 1 for k in sync_docs.KINDS}
        bundle._write(
            storage,
            out,
            counts,
            documents,
            storage.document_signer(),
            {"cakupan": bundle.HELPER_SCOPE, "lingkup": {"akun": actor.id, "nama": actor.name}},
            (),
            None,
        )
    with Installation.open(offices.kelurahan, KELURAHAN_ADMIN.nip, ADMIN_PASSWORD) as inst:
        with pytest.raises(BundleProblem, match="di luar catatan petugas") as refused:
            import_bundle(inst.storage, out)
        assert refused.value.reason == "di_luar_lingkup_petugas"
        assert all_pks(inst.storage) == []  # nothing applied
