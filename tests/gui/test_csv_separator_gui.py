"""The CSV field separator in the export dialog (issue 16 §5): comma by default, semicolon
for Excel with Indonesian regional settings; only offered for the CSV choices."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from factories import make_household, make_visit
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.model import Helper, Outcome, Post
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.documents.documents_dialog import DocumentsDialog
from sp_desktop.ui.worker import TaskRunner


@pytest.fixture
def dialog(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> DocumentsDialog:
    helper, post = people
    household = make_household(1, name="Baiq Nurul Hakim")
    installation.storage.save_household(
        household,
        make_visit(household, helper, post, Outcome.BERHASIL, when=datetime(2020, 3, 2, 9, 15)),
    )
    window = DocumentsDialog(installation, TaskRunner(synchronous=True), kind="export")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_separator_is_offered_for_csv_only(dialog: DocumentsDialog) -> None:
    assert dialog.chosen() == "xlsx"
    assert not dialog.separator.isEnabled()
    assert dialog.csv_separator() == ","
    dialog.set_choice("rumah_tangga")
    assert dialog.separator.isEnabled()
    dialog.set_choice("kunjungan")
    assert dialog.separator.isEnabled()
    dialog.set_choice("xlsx")
    assert not dialog.separator.isEnabled()


@pytest.mark.parametrize("separator", [",", ";"])
def test_the_chosen_separator_is_written(
    dialog: DocumentsDialog, tmp_path: Path, separator: str
) -> None:
    dialog.set_choice("kunjungan")
    dialog.separator.setCurrentIndex(dialog.separator.findData(separator))
    assert dialog.csv_separator() == separator
    target = tmp_path / "kunjungan.csv"
    dialog.save_to(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNo" + separator.encode() + b"Tanggal")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=separator))
    assert len(rows) == 2 and rows[1][1:3] == ["2020-03-02", "09:15"]
    assert "1 baris kunjungan" in dialog.result_label.text()
