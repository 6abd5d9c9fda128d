"""The window driven by keyboard, as a helper at a posko would use it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from factories import make_household, make_visit
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.identifiers import compose_kk, compose_nik
from sp_desktop.core.domain.model import Helper, Household, Outcome, Post
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.shell.main_window import MainWindow
from sp_desktop.ui.worker import TaskRunner

KK = compose_kk("527101", date(2016, 8, 2), 41)
NIK = compose_nik("527101", date(1969, 12, 4), False, 9)


@pytest.fixture
def window(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> Iterator[MainWindow]:
    runner = TaskRunner(synchronous=True)
    win = MainWindow(installation, runner)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.form.new_household()  # whatever a test left typed: closing must not ask
    win.close()
    win.deleteLater()
    runner.shutdown()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_and_tab(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def listed_names(win: MainWindow) -> list[str]:
    model = win.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def open_with_one_visit(
    window: MainWindow, people: tuple[Helper, Post], serial: int, name: str
) -> Household:
    """Store a household with one Belum visit and open it from the list."""
    helper, post = people
    household = make_household(serial, name=name)
    window.storage.save_household(household, make_visit(household, helper, post, Outcome.BELUM))
    window.apply_filters()
    window.table.setFocus()
    window.table.selectRow(0)
    return household


def test_new_household_by_keyboard_then_found_by_search(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focused() is form.no_kk
    type_and_tab(qtbot, KK)
    type_and_tab(qtbot, "Lalu Sahnan Mahrup")
    type_and_tab(qtbot, NIK)
    assert focused() is form.kelurahan
    qtbot.keyClicks(form.kelurahan, "ampenan sel")
    popup = form.kelurahan.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.kelurahan.code() == "52.71.01.1004"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_and_tab(qtbot, "Jl. Adi Sucipto No. 3")
    type_and_tab(qtbot, "4")
    type_and_tab(qtbot, "2")
    assert focused() is form.members
    qtbot.keyClick(form.members, Qt.Key.Key_Up)  # 2 members
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_and_tab(qtbot, "0812 3456 7890")
    assert focused() is form.help_reason
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # keep the first reason; its note is disabled
    assert focused() is form.consent
    qtbot.keyClick(form.consent, Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter saves

    assert form.banner.text().startswith("Rumah tangga baru tersimpan"), {
        n: f.message.text() for n, f in form.fields.items() if f.has_error
    }
    saved = window.storage.household_by_kk(KK)
    assert saved is not None
    assert (saved.head_name, saved.head_nik, saved.rt, saved.rw, saved.members, saved.phone) == (
        "Lalu Sahnan Mahrup",
        NIK,
        "004",
        "002",
        2,
        "081234567890",
    )
    assert saved.consent and saved.latest_outcome is Outcome.BERHASIL and saved.visit_count == 1

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.search
    qtbot.keyClicks(window.search, "sahnan")
    qtbot.waitUntil(lambda: listed_names(window) == ["Lalu Sahnan Mahrup"])
    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # into the list, first row selected
    assert window.form.household_id == saved.id
    assert "1 rumah tangga" in window.counts_label.text()


def test_failed_save_keeps_everything_typed(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    form.new_household()
    qtbot.keyClicks(form.no_kk, "5271 0101")  # too short
    qtbot.keyClicks(form.head_name, "Siti Saodah")
    qtbot.keyClicks(form.address, "Gg. Melati 2")
    qtbot.keyClick(form.address, Qt.Key.Key_Return)
    assert window.storage.stats()["households"] == 0
    assert form.no_kk.text() == "5271 0101"
    assert form.head_name.text() == "Siti Saodah"
    assert form.address.text() == "Gg. Melati 2"
    assert form.fields["no_kk"].has_error and "16" in form.fields["no_kk"].message.text()
    assert form.fields["head_nik"].has_error
    assert "Belum tersimpan" in form.banner.text()
    assert focused() is form.no_kk  # the first field to fix


def test_typing_a_known_kk_opens_that_household(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post]
) -> None:
    helper, post = people
    existing = make_household(5, name="Halimah Yusuf")
    window.storage.save_household(existing, make_visit(existing, helper, post, Outcome.BELUM))
    form = window.form
    form.new_household()
    qtbot.keyClicks(form.no_kk, existing.no_kk)
    assert form.household_id == existing.id
    assert form.head_name.text() == "Halimah Yusuf"
    assert "sudah terdaftar" in form.banner.text()
    # Add the second visit, by keyboard: outcome Gagal with a reason.
    form.outcome.setFocus()
    qtbot.keyClicks(form.outcome, "G")
    assert form._outcome() is Outcome.GAGAL
    qtbot.keyClick(form.outcome, Qt.Key.Key_Tab)
    assert focused() is form.failure_reason
    qtbot.keyClicks(form.failure_reason, "N")  # NIK dan KK tidak sesuai
    qtbot.keyClick(form.failure_reason, Qt.Key.Key_Return)
    assert form.banner.text().startswith("Perubahan tersimpan"), form.banner.text()
    visits = window.storage.visits_for(existing.id)
    assert [v.outcome for v in visits] == [Outcome.GAGAL, Outcome.BELUM]
    assert window.storage.stats()["households"] == 1
    assert form.visits_model.rowCount() == 2


def test_editing_a_visit_from_the_history(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post]
) -> None:
    household = open_with_one_visit(window, people, 6, "Markus Ndun")
    form = window.form
    assert form.household_id == household.id
    form.visits.setFocus()
    form.visits.setCurrentIndex(form.visits_model.index(0, 0))
    qtbot.keyClick(form.visits, Qt.Key.Key_Return)  # open the visit for editing
    assert focused() is form.outcome
    qtbot.keyClicks(form.outcome, "B")  # Berhasil (first item starting with B)
    qtbot.keyClick(form.outcome, Qt.Key.Key_Return)
    visits = window.storage.visits_for(household.id)
    assert [v.outcome for v in visits] == [Outcome.BERHASIL]
    assert window.storage.household(household.id).latest_outcome is Outcome.BERHASIL


def test_outcome_filter_and_status_counts(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post]
) -> None:
    helper, post = people
    for serial, (name, outcome) in enumerate(
        [("Ani", Outcome.BERHASIL), ("Budi", Outcome.GAGAL), ("Cici", None)], start=1
    ):
        household = make_household(serial, name=f"{name} Saleh")
        visit = None
        if outcome is not None:
            visit = make_visit(household, helper, post, outcome)
            if outcome is Outcome.GAGAL:
                from sp_desktop.core.domain.model import FailureReason

                visit.failure_reason = FailureReason.CAPTCHA
        window.storage.save_household(household, visit)
    window.apply_filters()
    assert "3 rumah tangga" in window.counts_label.text()
    assert "Belum dikunjungi 1" in window.counts_label.text()
    window.outcome_filter.setCurrentIndex(window.outcome_filter.findData("gagal"))
    assert listed_names(window) == ["Budi Saleh"]
    window.outcome_filter.setCurrentIndex(window.outcome_filter.findData("tanpa_kunjungan"))
    assert listed_names(window) == ["Cici Saleh"]
    window.search.setText("tidak ada yang begini")
    window.apply_filters()
    assert listed_names(window) == []
    assert window.counts_label.text() == "Tidak ada rumah tangga yang cocok"


def answer_next_question(button_text: str, asked: list[str]) -> None:
    """Press a button of the next message box as soon as it opens."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        asked.append(box.text())
        button = next(b for b in box.findChildren(QPushButton) if b.text() == button_text)
        button.click()

    QTimer.singleShot(0, press)


def test_unsaved_changes_are_never_dropped_silently(qtbot: QtBot, window: MainWindow) -> None:
    for serial, name in ((1, "Ani Saleh"), (2, "Budi Saleh")):
        window.storage.save_household(make_household(serial, name=name))
    window.apply_filters()
    assert listed_names(window) == ["Budi Saleh", "Ani Saleh"]
    window.table.selectRow(0)
    form = window.form
    form.address.setFocus()
    qtbot.keyClicks(form.address, " (rumah biru)")
    asked: list[str] = []

    answer_next_question("&Kembali ke formulir", asked)
    window.table.selectRow(1)
    assert asked and "belum disimpan" in asked[0]
    assert form.head_name.text() == "Budi Saleh"
    assert form.address.text().endswith("(rumah biru)")
    assert window.table.selectionModel().selectedRows()[0].row() == 0

    answer_next_question("&Simpan", asked)
    window.activateWindow()  # back from the question box
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 2
    budi = window.storage.household_by_kk(make_household(2).no_kk)
    assert budi is not None and budi.address.endswith("(rumah biru)")
    assert form.is_new and form.no_kk.text() == ""

    qtbot.keyClicks(form.head_name, "Coba")
    answer_next_question("&Buang isian", asked)
    window.table.selectRow(1)
    assert len(asked) == 3
    assert form.head_name.text() == "Ani Saleh"
    assert window.storage.stats()["households"] == 2


def test_with_a_real_worker_enter_in_search_selects_the_first_result(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> None:
    storage = installation.storage
    for serial, name in enumerate(("Ani Saleh", "Budi Hakim", "Budi Saleh"), start=1):
        storage.save_household(make_household(serial, name=name))
    runner = TaskRunner()  # threads, as in the app
    win = MainWindow(installation, runner)
    win.show()
    qtbot.waitExposed(win)
    try:
        qtbot.waitUntil(lambda: win.model.rowCount() == 3 and not runner.busy)
        win.search.setFocus()
        qtbot.keyClicks(win.search, "ani")
        qtbot.keyClicks(win.search, "\b\b\bbudi sal")  # typed on before the first search ended
        qtbot.keyClick(win.search, Qt.Key.Key_Return)  # before any rows have arrived
        qtbot.waitUntil(lambda: win.form.head_name.text() == "Budi Saleh")
        qtbot.waitUntil(lambda: not runner.busy)
        assert listed_names(win) == ["Budi Saleh"]
        assert "1 rumah tangga" in win.counts_label.text()
    finally:
        win.form.new_household()
        win.close()
        runner.shutdown()


def test_a_refused_visit_correction_saves_nothing(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post]
) -> None:
    household = open_with_one_visit(window, people, 7, "Petrus Tefa")
    form = window.form
    form.address.setText("Jl. Baru No. 9")
    form.visits.setCurrentIndex(form.visits_model.index(0, 0))
    answer_next_question("&Kembali ke formulir", asked := [])
    qtbot.keyClick(form.visits, Qt.Key.Key_Return)  # unsaved address: asks first
    assert asked and form.visit_box.title() == "Kunjungan baru"
    answer_next_question("&Simpan", asked)
    qtbot.keyClick(form.visits, Qt.Key.Key_Return)  # saves the address, opens the visit
    assert window.storage.household(household.id).address == "Jl. Baru No. 9"
    form.address.setText("Jl. Lain No. 1")
    form.outcome.setCurrentIndex(form.outcome.findData("gagal"))  # and no reason
    qtbot.keyClick(form.outcome, Qt.Key.Key_Return)
    assert form.fields["visit.failure_reason"].has_error
    assert form.address.text() == "Jl. Lain No. 1"  # kept as typed
    stored = window.storage.household(household.id)
    assert stored.address == "Jl. Baru No. 9"  # the household change waits with the visit
    assert [v.outcome for v in window.storage.visits_for(household.id)] == [Outcome.BELUM]


def test_known_kk_typed_last_asks_and_keeps_the_visit(
    qtbot: QtBot, window: MainWindow, people: tuple[Helper, Post]
) -> None:
    existing = window.storage.save_household(make_household(8, name="Ani Saleh"))
    form = window.form
    form.new_household()
    qtbot.keyClicks(form.head_name, "Ani Saleh")
    form.outcome.setCurrentIndex(form.outcome.findData("gagal"))
    form.failure_reason.setCurrentIndex(form.failure_reason.findData("captcha"))
    form.note.setText("datang bersama anaknya")
    asked: list[str] = []
    answer_next_question("&Kembali", asked)
    qtbot.keyClicks(form.no_kk, existing.no_kk)
    assert len(asked) == 1 and form.is_new and form.fields["no_kk"].has_error
    qtbot.keyClick(form.no_kk, Qt.Key.Key_Tab)  # leaving the field does not ask again
    assert len(asked) == 1
    form.no_kk.clear()
    answer_next_question("&Buka data tersimpan", asked)
    qtbot.keyClicks(form.no_kk, existing.no_kk)
    assert form.household_id == existing.id
    assert (form._outcome(), form.note.text()) == (Outcome.GAGAL, "datang bersama anaknya")
    qtbot.keyClick(form.note, Qt.Key.Key_Return)
    visits = window.storage.visits_for(existing.id)
    assert [(v.outcome, v.note) for v in visits] == [(Outcome.GAGAL, "datang bersama anaknya")]
    assert window.storage.stats()["households"] == 1
