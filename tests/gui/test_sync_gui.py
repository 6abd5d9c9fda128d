"""Kirim & terima data, and Konflik dan data ganda, driven as a person would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from factories import ADMIN_PASSWORD, HELPER_PASSWORD, make_helper, make_household, make_visit
from gui_support import shown_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sync_support import admin_of, offices, post_of, transfer

from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.sync.hub import load_hub_settings
from sp_desktop.ui.sync.conflicts_dialog import ChoiceTable, ConflictsDialog
from sp_desktop.ui.sync.sync_dialog import SyncDialog
from sp_desktop.ui.worker import TaskRunner

COORDINATOR = make_helper(serial=31, name="Ni Luh Sukerti")


def open_sync(qtbot: QtBot, installation: Installation) -> SyncDialog:
    dialog = SyncDialog(installation, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def unsealed_sync(qtbot: QtBot, installation: Installation) -> SyncDialog:
    dialog = open_sync(qtbot, installation)
    dialog.unsealed.setChecked(True)
    return dialog


def open_conflicts(qtbot: QtBot, installation: Installation) -> ConflictsDialog:
    dialog = ConflictsDialog(installation.storage, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def when_a_box_opens(act: Callable[[QMessageBox], None]) -> None:
    """Run `act` on the message box the next action opens (it blocks until answered)."""

    def later() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        act(box)

    QTimer.singleShot(0, later)


def answer(button_text: str, seen: list[str] | None = None) -> None:
    def click(box: QMessageBox) -> None:
        if seen is not None:
            seen.append(box.text())
        next(b for b in box.buttons() if button_text in b.text()).click()

    when_a_box_opens(click)


def save_as(monkeypatch: pytest.MonkeyPatch, target: Path, offered: list[str]) -> None:
    def fake(parent: QWidget, title: str, start: str, *args: Any) -> tuple[str, str]:
        offered.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))


def open_as(monkeypatch: pytest.MonkeyPatch, chosen: Path, filters: list[str]) -> None:
    def fake(parent: QWidget, title: str, start: str, file_filter: str, *a: Any) -> tuple[str, str]:
        filters.append(file_filter)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))


def click_cell(qtbot: QtBot, table: ChoiceTable, row: int, column: int) -> None:
    item = table.item(row, column)
    assert item is not None
    table.scrollToItem(item)
    centre = table.visualItemRect(item).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def row_of(table: ChoiceTable, label: str) -> int:
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    return labels.index(label)


def cell(table: ChoiceTable, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def visible_texts(widget: QWidget) -> list[str]:
    return [
        w.text()
        for w in widget.findChildren(QLabel) + widget.findChildren(QLineEdit)
        if w.isVisible()
        and not (isinstance(w, QLineEdit) and w.echoMode() != QLineEdit.EchoMode.Normal)
    ]


# -- bundles ------------------------------------------------------------------------------------


def test_a_bundle_goes_from_one_office_to_another_through_the_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with offices(tmp_path, "posko", "kelurahan") as (post, office):
        sp, so = post.storage, office.storage
        household = sp.save_household(make_household(name="Inaq Rahmah"))
        sp.add_visit(make_visit(household, admin_of(sp), post_of(sp), Outcome.BERHASIL))

        sender = open_sync(qtbot, post)
        assert sender.only_changes.isChecked()  # the default: what changed since last time
        assert "Belum terkirim" in sender.pending_label.text()
        target = tmp_path / "kiriman" / "paket.sppaket"
        target.parent.mkdir()
        offered: list[str] = []
        save_as(monkeypatch, target, offered)
        # Neither an office nor "Tanpa segel" chosen: nothing is written, the person is told.
        qtbot.mouseClick(sender.export_button, Qt.MouseButton.LeftButton)
        assert not offered and not target.exists()
        assert "Tanpa segel" in sender.message.text()
        sender.unsealed.setChecked(True)
        qtbot.mouseClick(sender.export_button, Qt.MouseButton.LeftButton)
        suggested = Path(offered[0])
        assert suggested.name.startswith("paket-data-kantor-posko-")
        assert suggested.suffix == ".sppaket"
        assert target.exists()
        assert "1 rumah tangga, 1 kunjungan" in sender.result_label.text()
        assert str(target) in sender.result_label.text()
        assert sender.fingerprint.isVisible()
        assert sender.fingerprint.text() == sp.own_public_key().fingerprint
        assert sender.warning.isVisible()
        assert "data pribadi lengkap" in sender.warning.text()
        assert "hapus berkasnya" in sender.warning.text()
        assert "sudah pernah dikirim" in sender.pending_label.text()

        receiver = open_sync(qtbot, office)
        filters: list[str] = []
        open_as(monkeypatch, target, filters)
        # First "Belum": nothing is imported, and the person is told why.
        answer("Belum")
        qtbot.mouseClick(receiver.import_button, Qt.MouseButton.LeftButton)
        assert "*.sppaket" in filters[0] and "(*)" in filters[0]
        assert "Paket tidak diimpor" in receiver.message.text()
        with pytest.raises(Exception, match="tidak ditemukan"):
            so.household(household.id)
        # Then the fingerprint is checked over the phone, and the answer is yes.
        asked: list[str] = []
        answer("sudah cocok", asked)
        qtbot.mouseClick(receiver.import_button, Qt.MouseButton.LeftButton)
        assert sp.own_public_key().fingerprint in asked[0]
        assert "Kantor posko" in asked[0]
        assert (
            "Sudah Anda cocokkan sidik kunci ini dengan kantor pengirim lewat telepon?"
            in (asked[0])
        )
        imported = so.household(household.id)
        assert imported.head_name == "Inaq Rahmah" and imported.visit_count == 1
        assert so.key_ring().get(sp.own_public_key().key_id) is not None
        shown = receiver.result_label.text()
        assert "Kunci pengirim sekarang dipercaya" in shown
        assert "Ditambahkan:" in shown and "1 rumah tangga" in shown
        assert "hapus berkasnya" in receiver.warning.text()
        assert not receiver.attention_box.isVisible()  # no conflicts, no duplicates

        # The same file again: already imported, nothing changes, no question.
        qtbot.mouseClick(receiver.import_button, Qt.MouseButton.LeftButton)
        assert "sudah pernah diimpor" in receiver.result_label.text()


def test_only_an_admin_may_trust_a_new_sender(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        a.storage.save_household(make_household())
        target = tmp_path / "a.sppaket"
        unsealed_sync(qtbot, a).export_to(target)
        b.save_account(COORDINATOR, Role.COORDINATOR, password=HELPER_PASSWORD)
        b.unlock(COORDINATOR.nip, HELPER_PASSWORD)
        receiver = open_sync(qtbot, b)
        told: list[str] = []
        answer("OK", told)
        receiver.import_from(target)
        assert "Hanya admin yang boleh mempercayai kunci baru" in told[0]
        assert a.storage.own_public_key().fingerprint in told[0]
        assert "belum dipercaya" in receiver.message.text()
        assert b.storage.household_by_kk(make_household().no_kk) is None
        assert b.storage.key_ring().get(a.storage.own_public_key().key_id) is None


def test_a_damaged_bundle_is_refused_with_its_reason(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        a.storage.save_household(make_household())
        target = tmp_path / "a.sppaket"
        unsealed_sync(qtbot, a).export_to(target)
        cut = tmp_path / "terpotong.sppaket"
        cut.write_bytes(target.read_bytes()[:300])
        receiver = open_sync(qtbot, b)
        receiver.import_from(cut)
        assert "bukan paket data SP Desktop yang utuh" in receiver.message.text()
        assert not receiver.result_label.isVisible()


def test_a_bundle_sealed_to_a_ticked_office_opens_there_only(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b", "c", "lama") as (a, b, c, old):
        a.storage.save_household(make_household())
        b_key = b.storage.own_public_key()
        a.storage.trust_key(b_key)
        a.storage.trust_key(replace(old.storage.own_public_key(), exchange=""))  # old .spkunci
        sender = open_sync(qtbot, a)
        b_box, _key = sender.recipients.checks[b_key.key_id]
        old_box, _key = sender.recipients.checks[old.storage.own_public_key().key_id]
        assert b_box.isEnabled() and not b_box.isChecked()
        assert not old_box.isEnabled() and "versi lama" in old_box.toolTip()
        assert "kunci versi lama" in old_box.text()
        b_box.setChecked(True)
        target = tmp_path / "a.sppaket"
        sender.export_to(target)
        assert target.read_bytes().startswith(b"age-encryption.org/v1\n")
        assert "Disegel: hanya bisa dibuka oleh Kantor b" in sender.result_label.text()
        assert "disegel" in sender.warning.text()
        # Ticking "Tanpa segel" disables the offices.
        sender.unsealed.setChecked(True)
        assert not b_box.isEnabled()

        stranger = open_sync(qtbot, c)
        stranger.import_from(target)  # refused before any question about the sender
        assert "disegel untuk kantor lain" in stranger.message.text()
        assert c.storage.household_by_kk(make_household().no_kk) is None

        receiver = open_sync(qtbot, b)
        answer("sudah cocok")
        receiver.import_from(target)
        assert "1 rumah tangga" in receiver.result_label.text()
        assert b.storage.household_by_kk(make_household().no_kk) is not None


# -- conflicts and duplicates --------------------------------------------------------------------


def test_a_conflict_is_resolved_field_by_field(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        household = sa.save_household(make_household(name="Baiq Nurul Hakim"))
        transfer(sa, sb)
        sa.save_household(replace(household, address="Jl. Pejanggik 3", members=6))
        sb.save_household(
            replace(sb.household(household.id), address="Jl. Majapahit 12", members=5)
        )
        transfer(sb, sa)
        [conflict] = sa.sync_conflicts()
        in_use = conflict.sides[0].body

        dialog = open_conflicts(qtbot, a)
        assert dialog.tabs.tabText(0) == "&Konflik (1)"
        assert dialog.conflict_list.item(0).text() == (
            f"Rumah tangga: Baiq Nurul Hakim\nKK {mask_number(household.no_kk)}"
        )
        table = dialog.conflict_pane.table
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headers[0].startswith("Versi A (dipakai sekarang)")
        assert headers[1].startswith("Versi B")
        # The same No KK in both versions: masked; internal fields are not shown at all.
        kk = row_of(table, "No KK")
        assert cell(table, kk, 0) == mask_number(household.no_kk)
        labels = {table.verticalHeaderItem(r).text() for r in range(table.rowCount())}
        assert not labels & {"Id", "Origin", "Jenis", "Wilayah", "Dicatat oleh"}
        address = row_of(table, "Alamat")
        members = row_of(table, "Jumlah anggota keluarga")
        assert table.rows[address].pickable and table.rows[members].pickable
        assert not table.rows[kk].pickable
        # The version in use is chosen by default, marked with a tick.
        assert cell(table, address, 0) == "✔ " + in_use["address"]

        # Pick the other version's address with the mouse; the members from whichever
        # version says 6, with the keyboard.
        other_address = (
            "Jl. Majapahit 12" if in_use["address"] == "Jl. Pejanggik 3" else ("Jl. Pejanggik 3")
        )
        click_cell(qtbot, table, address, 1)
        assert cell(table, address, 1) == "✔ " + other_address
        assert cell(table, address, 0) == in_use["address"]
        six = 0 if in_use["members"] == 6 else 1
        table.setFocus()
        table.setCurrentCell(members, six)
        qtbot.keyClick(table, Qt.Key.Key_Space)
        assert cell(table, members, six) == "✔ 6"
        assert "2 isian berbeda" in dialog.choice_summary.text()

        qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
        stored = sa.household(household.id)
        assert stored.address == other_address
        assert stored.members == 6
        assert sa.sync_conflicts() == []
        assert dialog.tabs.tabText(0) == "&Konflik (0)"
        assert dialog.conflict_stack.currentWidget() is dialog.no_conflicts
        assert "Konflik diselesaikan" in dialog.message.text()
        # The choice travels: the other office ends with the same record, no conflict.
        transfer(sa, sb)
        assert sb.sync_conflicts() == []
        assert sb.household(household.id).address == other_address


def test_use_one_version_entirely(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        household = sa.save_household(make_household())
        transfer(sa, sb)
        sa.save_household(replace(household, address="Versi satu", rt="004"))
        sb.save_household(replace(sb.household(household.id), address="Versi dua", rt="009"))
        transfer(sb, sa)
        loser = sa.sync_conflicts()[0].sides[1].body
        dialog = open_conflicts(qtbot, a)
        pane = dialog.conflict_pane
        assert pane.column_button_texts == ["Pakai Versi A seluruhnya", "Pakai Versi B seluruhnya"]
        pane._buttons[1].click()
        dialog.resolve_button.click()
        stored = sa.household(household.id)
        assert (stored.address, stored.rt) == (loser["address"], loser["rt"])


def test_differing_numbers_are_shown_in_full(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        household = sa.save_household(make_household(1))
        transfer(sa, sb)
        other_nik = make_household(2).head_nik
        sa.save_household(replace(household, address="Jl. Baru"))
        sb.save_household(replace(sb.household(household.id), head_nik=other_nik))
        transfer(sb, sa)
        dialog = open_conflicts(qtbot, a)
        table = dialog.conflict_pane.table
        nik = row_of(table, "NIK kepala keluarga")
        shown = {cell(table, nik, c).removeprefix("✔ ") for c in range(2)}
        assert shown == {household.head_nik, other_nik}
        kk = row_of(table, "No KK")
        assert cell(table, kk, 0) == mask_number(household.no_kk)


def test_a_family_entered_twice_is_merged_keeping_every_visit(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        first = sa.save_household(make_household(name="Baiq Nurul"))
        sa.add_visit(make_visit(first, admin_of(sa), post_of(sa), Outcome.BELUM))
        second = sb.save_household(make_household(name="Baiq Nurul Hakim", address="Gg. Melati 2"))
        for outcome in (Outcome.BELUM, Outcome.BERHASIL):
            sb.add_visit(make_visit(second, admin_of(sb), post_of(sb), outcome))
        transfer(sb, sa)

        dialog = open_conflicts(qtbot, a)
        assert dialog.tabs.currentIndex() == 1  # no conflicts: straight to the duplicates
        assert dialog.tabs.tabText(1) == "&Data ganda (1)"
        item = dialog.duplicate_list.item(0).text()
        assert mask_number(first.no_kk) in item and "2 data" in item
        assert dialog.keep.currentData() == first.id  # the oldest record by default
        assert "(paling awal)" in dialog.keep.currentText()
        table = dialog.duplicate_pane.table
        assert table.horizontalHeaderItem(0).text() == "Data 1 (dipertahankan)"
        visits = row_of(table, "Jumlah kunjungan")
        assert [cell(table, visits, c) for c in range(2)] == ["1", "2"]
        origin = row_of(table, "Asal")
        assert [cell(table, origin, c) for c in range(2)] == ["komputer ini", "kiriman"]
        assert "3 kunjungan" in dialog.merge_summary.text()
        name = row_of(table, "Nama kepala keluarga")
        click_cell(qtbot, table, name, 1)  # the fuller name, from the other record
        address = row_of(table, "Alamat")
        assert cell(table, address, 0).startswith("✔ ")  # the kept record's address stays

        asked: list[str] = []
        answer("Gabungkan", asked)
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        assert "3 kunjungan" in asked[0]
        kept = sa.household(first.id)
        assert kept.visit_count == 3
        assert kept.head_name == "Baiq Nurul Hakim"
        assert kept.address == first.address
        with pytest.raises(Exception, match="tidak ditemukan"):
            sa.household(second.id)
        assert sa.duplicate_households() == []
        assert dialog.tabs.tabText(1) == "&Data ganda (0)"
        assert dialog.duplicate_stack.currentWidget() is dialog.no_duplicates
        assert "sekarang 3 kunjungan" in dialog.message.text()


def test_going_back_from_the_merge_question_merges_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        sa.save_household(make_household())
        sb.save_household(make_household())
        transfer(sb, sa)
        dialog = open_conflicts(qtbot, a)
        answer("Kembali")
        dialog.merge_button.click()
        assert len(sa.duplicate_households()) == 1


# -- the hub settings -----------------------------------------------------------------------------


def test_hub_settings_are_saved_and_the_password_never_shown(
    qtbot: QtBot, installation: Installation
) -> None:
    dialog = open_sync(qtbot, installation)
    dialog.tabs.setCurrentIndex(1)
    assert "bekerja penuh tanpa server" in " ".join(visible_texts(dialog))
    assert dialog.hub_password.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.sync_button.isEnabled()  # nothing to sync with yet
    qtbot.keyClicks(dialog.hub_url, "https://budi:rahasia-2020@hub.mataram.go.id/sp_5271011004")
    qtbot.mouseClick(dialog.save_hub_button, Qt.MouseButton.LeftButton)
    saved = load_hub_settings(installation.storage)
    assert saved is not None
    assert saved.url == "https://hub.mataram.go.id/sp_5271011004"
    assert (saved.user, saved.password) == ("budi", "rahasia-2020")
    assert "Pengaturan server disimpan" in dialog.message.text()
    # Shown again: address and user, never the password, not even in the hidden field.
    for shown in (dialog, open_sync(qtbot, installation)):
        shown.tabs.setCurrentIndex(1)
        assert shown.hub_url.text() == "https://hub.mataram.go.id/sp_5271011004"
        assert shown.hub_user.text() == "budi"
        assert shown.hub_password.text() == ""
        assert "tersimpan" in shown.hub_password.placeholderText()
        assert all("rahasia" not in text for text in visible_texts(shown))
        assert shown.sync_button.isEnabled()
    # Saving again without typing a password keeps it; a typed one replaces it.
    again = open_sync(qtbot, installation)
    again.tabs.setCurrentIndex(1)
    again.hub_user.clear()
    qtbot.keyClicks(again.hub_user, "budi")
    assert again.save_hub()
    assert load_hub_settings(installation.storage).password == "rahasia-2020"
    qtbot.keyClicks(again.hub_password, "baru-2021")
    again.save_hub()
    assert load_hub_settings(installation.storage).password == "baru-2021"
    # Plain http: refused for a public server; for a private test server only once the
    # person has confirmed it (and the warning stays beside the address).
    again.hub_url.clear()
    qtbot.keyClicks(again.hub_url, "http://hub.mataram.go.id/sp_5271011004")
    assert not again.save_hub()
    assert "Pakai alamat https://" in again.url_field.message.text()
    again.hub_url.clear()
    qtbot.keyClicks(again.hub_url, "http://10.1.2.3:5984/sp")
    seen: list[str] = []
    answer("Kembali", seen)
    assert not again.save_hub()
    assert "NIK dan No KK" in seen[0]
    assert load_hub_settings(installation.storage).url.startswith("https://")
    answer("Tetap pakai http://")
    assert again.save_hub()
    assert "tidak terenkripsi" in again.url_field.message.text()
    assert again.save_hub()  # asked once per address
    again.hub_url.clear()
    qtbot.keyClicks(again.hub_url, "hub.mataram.go.id")
    assert not again.save_hub()
    assert "https://" in again.url_field.message.text()
    assert load_hub_settings(installation.storage).url == "http://10.1.2.3:5984/sp"
    answer("Ya")
    again.forget_hub()
    assert load_hub_settings(installation.storage) is None
    assert again.hub_url.text() == ""


def test_the_hub_tab_shows_the_last_sync(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a") as (a,):
        dialog = open_sync(qtbot, a)
        assert dialog.last_sync.text() == "Belum pernah sinkron."
        dialog.unsealed.setChecked(True)
        dialog.export_to(tmp_path / "p.sppaket")
        assert dialog.last_sync.text().startswith("Sinkron terakhir: ")
        assert "(lewat paket data)" in dialog.last_sync.text()


# -- the main window ------------------------------------------------------------------------------


def test_the_status_bar_counts_what_is_not_sent_yet(
    qtbot: QtBot, installation: Installation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = installation.storage
    first = storage.save_household(make_household(1))
    storage.save_household(make_household(2, name="Lalu Muhammad Zaini"))
    with shown_window(qtbot, installation) as window:
        label = window.sync_label
        assert label.isVisible()
        assert window.sync_menu.menuAction().isVisible()
        assert window.sync_menu.title() == "Sinkron"  # Alt+S stays the form's Simpan
        assert window.sync_action.shortcut().toString() == "Ctrl+Shift+S"
        before = storage.sync_status().pending
        assert before > 0
        assert label.text().startswith("Belum pernah sinkron · ")
        assert f"Belum terkirim: {before}" in label.text()
        assert "Konflik: 0" in label.text() and "<a" not in label.text()

        # Editing a record that is already waiting does not count it twice.
        storage.sync_commit()
        window.form.load_household(first.id)
        window.form.address.setText("Jl. Pejanggik 3")
        window.form.record_visit.setChecked(False)
        assert window.form.save(), window.form.banner.text()
        assert f"Belum terkirim: {storage.sync_status().pending}" in label.text()
        assert storage.sync_status().pending == before
        # A new record is one more.
        storage.save_household(make_household(3, name="Inaq Rahmah"))
        window.refresh_sync_status()
        qtbot.waitUntil(lambda: f"Belum terkirim: {before + 1}" in label.text())

        # Kirim & terima data from the menu: make a bundle, close; the status follows.
        target = tmp_path / "paket.sppaket"
        save_as(monkeypatch, target, [])

        def export_and_close() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, SyncDialog)
            dialog.unsealed.setChecked(True)
            dialog.export_button.click()
            assert target.exists()
            dialog.close_button.click()

        QTimer.singleShot(0, export_and_close)
        window.sync_action.trigger()
        assert target.exists()
        assert label.text().startswith("Sinkron terakhir: hari ini ")
        assert "Belum terkirim: 0" in label.text()


def test_conflicts_in_the_status_bar_open_the_review(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b") as (a, b):
        sa, sb = a.storage, b.storage
        household = sa.save_household(make_household())
        transfer(sa, sb)
        sa.save_household(replace(household, address="Versi A"))
        sb.save_household(replace(sb.household(household.id), address="Versi B"))
        transfer(sb, sa)
        with shown_window(qtbot, a) as window:
            text = window.sync_label.text()
            assert "<a href='konflik'" in text and "Konflik: 1</a>" in text
            opened: list[QWidget] = []

            def look_and_close() -> None:
                dialog = QApplication.activeModalWidget()
                opened.append(dialog)
                assert isinstance(dialog, ConflictsDialog)
                dialog.reject()

            QTimer.singleShot(0, look_and_close)
            window.sync_label.linkActivated.emit("konflik")
            assert opened and isinstance(opened[0], ConflictsDialog)


def test_a_helper_sees_only_their_own_bundle_in_the_sync_menu(
    qtbot: QtBot, installation: Installation
) -> None:
    helper = make_helper(serial=41, name="Ni Made Ayu")
    installation.save_account(helper, Role.HELPER, password=HELPER_PASSWORD)
    with shown_window(qtbot, installation) as window:
        window.lock()
        window.unlock(helper.nip, HELPER_PASSWORD)
        assert window.sync_menu.menuAction().isVisible()
        assert window.own_bundle_action.isVisible()
        assert not window.sync_action.isVisible()
        assert not window.conflicts_action.isVisible()
        assert "<a" not in window.sync_label.text()  # counts shown, nothing to click
        assert "Belum terkirim" in window.sync_label.text()
        window.lock()
        window.unlock(make_helper().nip, ADMIN_PASSWORD)
        assert window.sync_menu.menuAction().isVisible()
        assert not window.own_bundle_action.isVisible()


def test_a_helper_seals_their_own_bundle_to_the_office_they_tick(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from sp_desktop.core.sync import sealing
    from sp_desktop.core.sync.bundle import import_bundle
    from sp_desktop.core.trust.signing import parse_public_key, public_key_file_bytes
    from sp_desktop.ui.sync.own_bundle_dialog import OwnBundleDialog

    helper = make_helper(serial=41, name="Ni Made Ayu")
    with offices(tmp_path, "posko", "kelurahan") as (posko, kelurahan):
        posko.storage.trust_key(
            parse_public_key(public_key_file_bytes(kelurahan.storage.own_public_key()))
        )
        kelurahan.storage.trust_key(
            parse_public_key(public_key_file_bytes(posko.storage.own_public_key()))
        )
        post = post_of(posko.storage)
        posko.save_account(helper, Role.HELPER, password=HELPER_PASSWORD)
        posko.unlock(helper.nip, HELPER_PASSWORD)
        me = next(h for h in posko.storage.helpers() if h.nip == helper.nip)
        household = make_household(5, "Inaq Rahmah")
        posko.storage.save_household(household, make_visit(household, me, post))
        dialog = OwnBundleDialog(posko, TaskRunner(synchronous=True))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        [(box, _key)] = dialog.recipients.checks.values()
        assert box.isChecked()  # the one office there is
        target = tmp_path / "saya.sppaket"
        dialog.export_to(target)
        assert "Disegel untuk: Kantor kelurahan" in dialog.result_label.text()
        assert "1 rumah tangga" in dialog.result_label.text()
        assert sealing.is_sealed(target)
        import_bundle(kelurahan.storage, target)
        assert kelurahan.storage.household(household.id).head_name == "Inaq Rahmah"


def test_three_records_of_one_family_become_the_one_chosen(qtbot: QtBot, tmp_path: Path) -> None:
    with offices(tmp_path, "a", "b", "c") as (a, b, c):
        sa, sb, sc = a.storage, b.storage, c.storage
        records = []
        for store, name, visits in (
            (sa, "Inaq Rahmah", 1),
            (sb, "Inaq Rahma", 2),
            (sc, "Rahmah", 1),
        ):
            household = store.save_household(make_household(name=name))
            for _ in range(visits):
                store.add_visit(make_visit(household, admin_of(store), post_of(store)))
            records.append(household)
        transfer(sb, sa)
        transfer(sc, sa)
        dialog = open_conflicts(qtbot, a)
        table = dialog.duplicate_pane.table
        assert table.columnCount() == 3
        assert "4 kunjungan" in dialog.merge_summary.text()
        # Keep the second record (keyboard: the combo box), with the first one's name.
        dialog.keep.setFocus()
        qtbot.keyClick(dialog.keep, Qt.Key.Key_Down)
        assert dialog.keep.currentData() == records[1].id
        assert table.horizontalHeaderItem(1).text() == "Data 2 (dipertahankan)"
        name = row_of(table, "Nama kepala keluarga")
        assert cell(table, name, 1) == "✔ Inaq Rahma"  # the kept record's values by default
        click_cell(qtbot, table, name, 0)
        answer("Gabungkan")
        dialog.merge_button.click()
        kept = sa.household(records[1].id)
        assert (kept.head_name, kept.visit_count) == ("Inaq Rahmah", 4)
        for gone in (records[0], records[2]):
            with pytest.raises(Exception, match="tidak ditemukan"):
                sa.household(gone.id)
        assert sa.duplicate_households() == []


def test_an_address_that_is_no_address_is_refused_calmly(
    qtbot: QtBot, installation: Installation
) -> None:
    dialog = open_sync(qtbot, installation)
    dialog.tabs.setCurrentIndex(1)
    for typed in ("https://a:b@server:port/sp", "https://[rusak/sp", "server saja"):
        dialog.hub_url.clear()
        qtbot.keyClicks(dialog.hub_url, typed)
        qtbot.keyClick(dialog.hub_url, Qt.Key.Key_Return)  # Enter saves
        assert "Tulis alamat lengkap" in dialog.url_field.message.text(), typed
    assert load_hub_settings(installation.storage) is None


def test_a_sync_with_the_hub_from_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    """The Server tab against the real test hub: the records go up and come down on the
    other installation, and the tab then shows when."""
    from hub_server import HubServer

    with HubServer.from_environment() as server, offices(tmp_path, "a", "b") as (a, b):
        name = f"sp_gui_{tmp_path.name[-12:].lower().replace('-', '_')}"
        url = server.new_database(name)
        try:
            household = a.storage.save_household(make_household())
            for inst in (a, b):
                dialog = open_sync(qtbot, inst)
                dialog.tabs.setCurrentIndex(1)
                qtbot.keyClicks(dialog.hub_url, url)
                if server.user:
                    qtbot.keyClicks(dialog.hub_user, server.user)
                    qtbot.keyClicks(dialog.hub_password, server.password)
                if url.startswith("http://"):  # the local test hub: confirmed once
                    answer("Tetap pakai http://")
                qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
                qtbot.waitUntil(
                    lambda d=dialog: "Sinkron selesai" in d.result_label.text(), timeout=20000
                )
                assert "Dikirim ke server" in dialog.result_label.text()
                assert dialog.last_sync.text().startswith("Sinkron terakhir: ")
            assert b.storage.household(household.id).head_name == household.head_name
        finally:
            server.delete_database(name)


def test_hub_settings_are_not_kept_after_a_failed_connection(
    qtbot: QtBot, installation: Installation
) -> None:
    import socket

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    dialog = open_sync(qtbot, installation)
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.hub_url, f"http://127.0.0.1:{port}/sp_5271011004")
    qtbot.keyClicks(dialog.hub_user, "budi")
    qtbot.keyClicks(dialog.hub_password, "rahasia-2020")
    answer("Tetap pakai http://")
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tidak disimpan" in dialog.message.text(), timeout=20_000)
    assert load_hub_settings(installation.storage) is None
    assert dialog.hub_password.text() == "rahasia-2020"  # still typed, to correct and retry
