"""The audit trail window: entries newest first, filters, and the chain check."""

from __future__ import annotations

import re

import pytest
from factories import HELPER_PASSWORD, keyed_connection, make_helper
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.model import Account
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import DB_FILENAME
from sp_desktop.ui.accounts import audit_dialog
from sp_desktop.ui.accounts.audit_dialog import AuditDialog, details_text

COLUMNS = ["No", "Waktu", "Akun", "Tindakan", "Data", "Perubahan"]


def rows(dialog: AuditDialog) -> list[dict[str, str]]:
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [
        {h: model.data(model.index(r, c)) for c, h in enumerate(headers)}
        for r in range(model.rowCount())
    ]


@pytest.fixture
def helper_account(installation: Installation) -> Account:
    return installation.save_account(
        make_helper(8, "Baiq Nurul Hakim"), Role.HELPER, password=HELPER_PASSWORD
    )


def open_dialog(qtbot: QtBot, installation: Installation) -> AuditDialog:
    dialog = AuditDialog(installation.storage)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def test_lists_entries_newest_first(
    qtbot: QtBot, installation: Installation, helper_account: Account
) -> None:
    dialog = open_dialog(qtbot, installation)
    assert dialog.windowTitle() == "Jejak audit"
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == COLUMNS
    shown = rows(dialog)
    assert [r["Tindakan"] for r in shown] == [
        "Ganti kata sandi",  # the new account's first password
        "Buat",  # the account
        "Buat",  # its helper record
        "Ubah pengaturan",  # the office's keys sealed to the admin's tiers
        "Masuk",
        "Buat",  # the installation
    ]
    assert [r["No"] for r in shown] == ["6", "5", "4", "3", "2", "1"]
    assert shown[3]["Data"] == "kunci kantor"
    assert dialog.count.text() == "6 catatan."
    admin_label = installation.account.label()
    assert {r["Akun"] for r in shown} == {admin_label}
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d\.\d\d", r["Waktu"]) for r in shown)
    account_row = shown[1]
    assert account_row["Data"] == "akun Baiq Nurul Hakim"  # whose account, not just an id
    assert account_row["Perubahan"] == "peran: petugas"
    helper_row = shown[2]
    assert helper_row["Data"].startswith("petugas ")
    assert "nama: Baiq Nurul Hakim" in helper_row["Perubahan"]
    assert "NIP: 1985*" in helper_row["Perubahan"]  # masked, as the trail keeps it
    assert make_helper(8).nip not in helper_row["Perubahan"]


def test_filters_narrow_the_rows(
    qtbot: QtBot, installation: Installation, helper_account: Account
) -> None:
    dialog = open_dialog(qtbot, installation)
    dialog.action.setCurrentIndex(dialog.action.findText("Buat"))
    assert [r["Data"].split()[0] for r in rows(dialog)] == ["akun", "petugas", "instalasi"]
    assert dialog.count.text() == "3 catatan."

    # The search waits for a pause in typing.
    qtbot.keyClicks(dialog.search, "peran")
    assert len(rows(dialog)) == 3
    qtbot.waitUntil(lambda: len(rows(dialog)) == 1, timeout=2000)
    assert rows(dialog)[0]["Data"].startswith("akun ")

    dialog.search.clear()
    dialog.action.setCurrentIndex(0)  # Semua
    qtbot.waitUntil(lambda: len(rows(dialog)) == 6, timeout=2000)
    dialog.account.setCurrentIndex(dialog.account.findData(helper_account.id))
    assert rows(dialog) == []  # the helper has done nothing yet
    assert dialog.count.text() == "Tidak ada catatan yang cocok dengan saringan."


def test_note_when_more_entries_exist(
    qtbot: QtBot, installation: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_dialog, "LIMIT", 1)
    dialog = open_dialog(qtbot, installation)
    assert len(rows(dialog)) == 1
    assert dialog.count.text().startswith("Menampilkan 1 catatan terbaru.")


def test_check_says_whole_then_names_the_broken_entry(
    qtbot: QtBot, installation: Installation, helper_account: Account
) -> None:
    dialog = open_dialog(qtbot, installation)
    assert dialog.message.isHidden()
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert not dialog.message.isHidden()
    assert "Jejak audit utuh: 6 catatan" in dialog.message.text()
    assert "#b3261e" not in dialog.message.styleSheet()  # not red

    # Someone with the key edits an entry behind SP Desktop's back.
    conn = keyed_connection(installation.data_dir / DB_FILENAME, installation.data_key)
    try:
        with conn:
            conn.execute("DROP TRIGGER audit_log_no_update")
            conn.execute("UPDATE audit_log SET details = '{}' WHERE seq = 3")
    finally:
        conn.close()
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert "rusak mulai catatan nomor 3" in dialog.message.text()
    assert "#b3261e" in dialog.message.styleSheet()  # red


def test_helper_is_told_why_the_trail_is_empty(
    qtbot: QtBot, installation: Installation, helper_account: Account
) -> None:
    installation.unlock(make_helper(8).nip, HELPER_PASSWORD)
    dialog = open_dialog(qtbot, installation)
    assert rows(dialog) == []
    assert "tidak boleh melihat jejak audit" in dialog.message.text()


def test_details_are_compact() -> None:
    assert details_text({"role": ["petugas", "koordinator"], "active": [True, False]}) == (
        "peran: petugas → koordinator; aktif: ya → tidak"
    )
    assert details_text({"id": [None, "abc"], "phone": [None, ""], "opd": ["A", None]}) == (
        "OPD: A → –"
    )
    assert details_text({"sebab": "layar dikunci"}) == "sebab: layar dikunci"
    assert details_text({}) == ""
