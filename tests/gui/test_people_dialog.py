"""First run: the admin adds a helper and their posko, then visits can be recorded."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.identifiers import compose_nip
from sp_desktop.core.storage import Storage
from sp_desktop.ui.households.household_form import HouseholdForm
from sp_desktop.ui.households.people_dialog import PeopleDialog


def test_first_run_adds_helper_and_post_by_keyboard(qtbot: QtBot, storage: Storage) -> None:
    form = HouseholdForm(storage)
    qtbot.addWidget(form)
    # The admin made at set-up is a helper already; the posko is still missing.
    assert not form.people_hint.isHidden() and "posko" in form.people_hint.text()
    admin = storage.helpers()

    dialog = PeopleDialog(storage)
    qtbot.addWidget(dialog)
    dialog.show()
    helpers = dialog.helpers
    qtbot.keyClicks(helpers.nip, "1985")  # too short
    qtbot.keyClicks(helpers.name, "Baiq Nurul")
    qtbot.keyClick(helpers.name, Qt.Key.Key_Return)
    assert helpers.fields["nip"].has_error and storage.helpers() == admin
    assert helpers.name.text() == "Baiq Nurul"  # kept as typed
    helpers.nip.setText(compose_nip(date(1985, 4, 12), date(2010, 3, 1), True, 3))
    qtbot.keyClicks(helpers.opd, "Dinas Sosial")
    qtbot.keyClick(helpers.opd, Qt.Key.Key_Return)
    added = [(h.name, h.opd) for h in storage.helpers() if h not in admin]
    assert added == [("Baiq Nurul", "Dinas Sosial")]
    assert helpers.list.count() == 2 and helpers.nip.text() == ""  # ready for the next one

    posts = dialog.posts
    dialog.tabs.setCurrentWidget(posts)
    qtbot.keyClicks(posts.name, "Posko Pejeruk")
    qtbot.keyClick(posts.name, Qt.Key.Key_Return)
    assert posts.fields["kelurahan_code"].has_error and storage.posts() == []
    posts.kelurahan.set_code("52.71.01.1006")  # Pejeruk, as the picker sets it
    qtbot.keyClick(posts.name, Qt.Key.Key_Return)
    assert [(p.name, p.kelurahan_code) for p in storage.posts()] == [
        ("Posko Pejeruk", "52.71.01.1006")
    ]
    dialog.close()

    form.reload_people()
    assert form.people_hint.isHidden()
    assert (form.helper.count(), form.post.count()) == (2, 1)
