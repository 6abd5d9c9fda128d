"""*Kunjungan ulang* from the Data menu, and the household list's revisit column and filter:
a petugas sees their own agenda first, a double-click opens the household in the form,
the list is saved as PDF and CSV through the worker, and the dialog fits a small screen."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from factories import HELPER_PASSWORD, make_helper, make_household, make_post, make_visit
from gui_support import shown_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from readback import needs_tools, pdf_text

from sp_desktop.core.base import clock
from sp_desktop.core.domain.model import FailureReason, Helper, Outcome, Post
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.households.agenda_dialog import AgendaDialog
from sp_desktop.ui.shell.main_window import MainWindow

PETUGAS = make_helper(serial=21, name="Ni Made Ayu")
TODAY = date(2026, 11, 21)  # pinned_clock


@pytest.fixture
def agenda_data(
    installation: Installation, people: tuple[Helper, Post], pinned_clock: clock.Clock
) -> dict[str, str]:
    """Four open households (two due by today, one this week, one later), one completed;
    the petugas made the latest visit of one due household."""
    storage = installation.storage
    admin, post = people
    installation.save_account(PETUGAS, Role.HELPER, password=HELPER_PASSWORD)
    petugas = next(h for h in storage.helpers() if h.nip == PETUGAS.nip)
    other_post = storage.save_post(make_post("Posko Masjid Al-Falah"))
    plan = [
        (1, "Baiq Nurul Hakim", Outcome.BELUM, TODAY, admin, post),
        (2, "Lalu Sahnan Mahrup", Outcome.GAGAL, date(2026, 11, 17), petugas, other_post),
        (3, "Ni Luh Ayu", Outcome.BELUM, date(2026, 11, 22), admin, post),
        (4, "Made Wirawan", Outcome.BELUM, date(2026, 12, 5), admin, post),
        (5, "Siti Aminah", Outcome.BERHASIL, None, admin, post),
    ]
    ids = {}
    for serial, name, outcome, revisit, helper, at_post in plan:
        household = make_household(serial, name=name)
        visit = make_visit(household, helper, at_post, outcome, when=datetime(2026, 11, 16, 9),
                           revisit_date=revisit,
                           failure_reason=FailureReason.CAPTCHA if outcome is Outcome.GAGAL
                           else None)  # fmt: skip
        storage.save_household(household, visit)
        ids[name] = household.id
    return ids


@pytest.fixture
def window(
    qtbot: QtBot, installation: Installation, agenda_data: dict[str, str]
) -> Iterator[MainWindow]:
    with shown_window(qtbot, installation) as win:
        yield win


def open_from_menu(qtbot: QtBot, win: MainWindow) -> AgendaDialog:
    data_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Data")
    assert data_menu is not None
    action = next(a for a in data_menu.actions() if a.text() == "&Kunjungan ulang…")
    assert action.shortcut().toString() == "Ctrl+Shift+K"
    action.trigger()
    dialog = win.findChild(AgendaDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    return dialog


def shown_names(dialog: AgendaDialog) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, 1)) for row in range(model.rowCount())]


def test_data_menu_opens_the_agenda_of_today_and_the_overdue(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_from_menu(qtbot, window)
    assert dialog.helper.currentData() == ""  # an admin starts on everyone's agenda
    assert shown_names(dialog) == ["Baiq Nurul Hakim", "Lalu Sahnan Mahrup"]
    assert dialog.count_label.text() == "2 rumah tangga, 1 di antaranya terlambat"
    model = dialog.model
    late = model.index(1, 0)
    assert model.data(late) == "17/11/2026 (terlambat 4 hari)"
    assert model.data(late, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 0)) == "21/11/2026 (hari ini)"
    assert model.data(model.index(1, 6)) == "Captcha gagal"
    # The same menu entry brings the open dialog forward instead of a second one.
    assert open_from_menu(qtbot, window) is dialog
    dialog.period.setCurrentIndex(dialog.period.findData("minggu_ini"))
    qtbot.waitUntil(lambda: len(shown_names(dialog)) == 3)
    dialog.period.setCurrentIndex(dialog.period.findData("sampai_tanggal"))
    assert dialog.until.isEnabled()
    dialog.until.setDate(dialog.until.date().addDays(20))
    qtbot.waitUntil(lambda: len(shown_names(dialog)) == 4)
    dialog.rw.setText("9")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
    assert "Tidak ada rumah tangga" in dialog.count_label.text()
    dialog.close()


def test_a_petugas_sees_their_own_agenda_first(qtbot: QtBot, window: MainWindow) -> None:
    window.lock()
    window.unlock(PETUGAS.nip, HELPER_PASSWORD)
    dialog = open_from_menu(qtbot, window)
    assert dialog.helper.currentData() == PETUGAS.nip
    assert shown_names(dialog) == ["Lalu Sahnan Mahrup"]
    dialog.helper.setCurrentIndex(0)  # everyone's, as the household list shows
    qtbot.waitUntil(lambda: len(shown_names(dialog)) == 2)
    dialog.close()
    window.lock()
    window.unlock(make_helper().nip, "admin-ampenan-2020")


def test_double_click_opens_the_household_in_the_form(
    qtbot: QtBot, window: MainWindow, agenda_data: dict[str, str]
) -> None:
    dialog = open_from_menu(qtbot, window)
    table = dialog.table
    rect = table.visualRect(dialog.model.index(1, 1))
    # QTest's double click alone does not make a QTableView emit doubleClicked.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.form.household_id == agenda_data["Lalu Sahnan Mahrup"]
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.form.household_id == agenda_data["Baiq Nurul Hakim"]
    dialog.close()


@needs_tools
def test_saves_the_door_to_door_pdf_and_the_csv(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_from_menu(qtbot, window)
    assert not dialog.open_file.isVisible()
    pdf = tmp_path / "kunjungan-ulang.pdf"
    dialog.save_to(pdf)
    assert dialog.last_path == pdf and dialog.open_file.isVisible()
    assert "2 rumah tangga" in dialog.result_label.text()
    text = " ".join(pdf_text(pdf).split())
    assert "Daftar Kunjungan Ulang" in text and "Halaman 1 dari 1" in text
    assert "Lalu Sahnan Mahrup" in text and "terlambat 4 hari" in text
    assert "Ni Luh Ayu" not in text
    out = tmp_path / "kunjungan-ulang.csv"
    dialog.save_to(out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [row[6] for row in rows[1:]] == ["Baiq Nurul Hakim", "Lalu Sahnan Mahrup"]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert dialog.suggested_name("pdf").startswith("Kunjungan-Ulang-20261121-")
    dialog.close()


def test_household_list_shows_and_filters_by_revisit_date(qtbot: QtBot, window: MainWindow) -> None:
    model = window.model
    qtbot.waitUntil(lambda: model.finished and model.rowCount() == 5)
    column = model.COLUMNS.index("revisit")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Kunj. ulang"
    dates = {
        model.data(model.index(row, 0)): model.data(model.index(row, column))
        for row in range(model.rowCount())
    }
    assert dates == {
        "Baiq Nurul Hakim": "21/11/2026",
        "Lalu Sahnan Mahrup": "17/11/2026",
        "Ni Luh Ayu": "22/11/2026",
        "Made Wirawan": "05/12/2026",
        "Siti Aminah": "",
    }
    window.revisit_filter.setCurrentIndex(window.revisit_filter.findData("today"))
    qtbot.waitUntil(lambda: model.finished and model.rowCount() == 2)
    window.revisit_filter.setCurrentIndex(window.revisit_filter.findData("week"))
    qtbot.waitUntil(lambda: model.finished and model.rowCount() == 3)
    window.revisit_filter.setCurrentIndex(window.revisit_filter.findData("any"))
    qtbot.waitUntil(lambda: model.finished and model.rowCount() == 4)
    window.revisit_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: model.finished and model.rowCount() == 5)


def test_the_dialog_fits_a_small_screen(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_from_menu(qtbot, window)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1093 and hint.height() <= 614
    assert dialog.width() <= 1093 and dialog.height() <= 614
    dialog.resize(1093, 614)
    QApplication.processEvents()
    for button in (dialog.save_pdf, dialog.save_csv, dialog.close_button):
        assert button.isVisible()
        assert dialog.rect().contains(button.geometry())
    dialog.close()
