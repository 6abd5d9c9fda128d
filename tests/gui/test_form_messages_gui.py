"""A message under a field is about what was in it: it goes once the field is changed,
whatever kind of input it is (typed, picked, ticked, counted, dated)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from factories import AMPENAN_SELATAN
from gui_support import shown_window
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.shell.main_window import MainWindow

KK = "5271012006150003"


@pytest.fixture
def window(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> Iterator[MainWindow]:
    with shown_window(qtbot, installation) as win:
        yield win


def test_every_field_message_goes_once_its_input_is_changed(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.form
    form.new_household()
    for name, field in form.fields.items():
        field.show_error(f"pesan untuk {name}")
    form.consent.setChecked(not form.consent.isChecked())
    form.members.setValue(form.members.value() + 1)
    form.visited_at.setDateTime(form.visited_at.dateTime().addSecs(-3600))
    form.revisit_date.setDate(form.revisit_date.date().addDays(1))
    form.outcome.setCurrentIndex((form.outcome.currentIndex() + 1) % form.outcome.count())
    qtbot.keyClicks(form.head_name, "Siti")
    stale = [
        name
        for name in ("consent", "members", "visit.visited_at", "visit.revisit_date",
                     "visit.outcome", "head_name")
        if form.fields[name].has_error
    ]  # fmt: skip
    assert stale == []
    assert form.fields["address"].has_error  # not touched: still there


def test_the_consent_message_goes_when_it_is_ticked(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    form.new_household()
    qtbot.keyClicks(form.no_kk, KK)
    qtbot.keyClicks(form.head_name, "Siti Saodah")
    form.kelurahan.set_code(AMPENAN_SELATAN)
    form.consent.setChecked(False)
    form.save()
    consent = form.fields["consent"]
    if not consent.has_error:
        pytest.skip("saving without consent is not refused on the consent field")
    form.consent.setChecked(True)
    assert not consent.has_error and consent.message.isHidden()
