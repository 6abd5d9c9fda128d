"""Every table model passes Qt's own model checks, on real data."""

from __future__ import annotations

from factories import make_household, make_visit
from pytestqt.modeltest import ModelTester

from sp_desktop.core.domain.model import HouseholdQuery, Outcome
from sp_desktop.core.storage import Storage
from sp_desktop.ui.households.household_model import PAGE_SIZE, HouseholdTableModel
from sp_desktop.ui.households.visit_model import VisitTableModel
from sp_desktop.ui.worker import TaskRunner


def fill(storage: Storage, count: int, people: tuple) -> None:
    helper, post = people
    for serial in range(1, count + 1):
        # Names may not hold digits, so the serial is spelled in letters.
        letters = "".join("OIZEASGTBP"[int(d)] for d in f"{serial:04d}")
        household = make_household(serial, name=f"Warga Uji {letters}")
        visit = make_visit(household, helper, post, Outcome.BELUM) if serial % 3 else None
        storage.save_household(household, visit)


def test_household_model_passes_qt_model_checks(
    qtmodeltester: ModelTester, storage: Storage, people: tuple
) -> None:
    fill(storage, PAGE_SIZE + 30, people)
    model = HouseholdTableModel(storage, TaskRunner(synchronous=True))
    model.set_query(HouseholdQuery())
    assert model.rowCount() == PAGE_SIZE + 30
    qtmodeltester.check(model, force_py=True)
    model.set_query(HouseholdQuery(outcome=Outcome.BELUM))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == sum(1 for s in range(1, PAGE_SIZE + 31) if s % 3)


def test_household_model_masks_numbers_and_pages_lazily(storage: Storage, people: tuple) -> None:
    fill(storage, PAGE_SIZE * 3, people)
    model = HouseholdTableModel(storage, TaskRunner(synchronous=True))
    model.set_query(HouseholdQuery())
    assert not model._pages  # nothing read until a row is shown
    kk = model.data(model.index(PAGE_SIZE * 2 + 5, 1))
    assert len(model._pages) == 1
    assert kk.startswith("5271") and "*" in kk and len(kk) == 16
    full = storage.household_rows([model._pks[PAGE_SIZE * 2 + 5]])
    assert next(iter(full.values())).no_kk not in kk


def test_visit_model_passes_qt_model_checks(
    qtmodeltester: ModelTester, storage: Storage, people: tuple
) -> None:
    helper, post = people
    household = make_household(1)
    storage.save_household(household, make_visit(household, helper, post))
    storage.add_visit(make_visit(household, helper, post, Outcome.BELUM))
    model = VisitTableModel(storage)
    model.set_household(household.id)
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
