"""Pegawai ASN — SP Online and Impor daftar pegawai, driven as an OPD head would.

Real installation, real files (XLSX written with openpyxl, CSV with csv), the worker run
inline; only the static file and question dialogs are answered by the test.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView, QWidget
from pytestqt.qtbot import QtBot

from sp_desktop.core.base import clock
from sp_desktop.core.domain.identifiers import compose_nip
from sp_desktop.core.domain.model import Helper
from sp_desktop.core.domain.monitoring import Staff, StaffQuery, Target
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage
from sp_desktop.ui.monitoring.roster_import_dialog import RosterImportDialog
from sp_desktop.ui.monitoring.staff_dialog import StaffDialog, StaffProofsDialog, StatusDialog
from sp_desktop.ui.worker import TaskRunner

SOSIAL = "Dinas Sosial"
KESEHATAN = "Dinas Kesehatan"
FIRST = ("Baiq", "Lalu", "Ni Made", "I Gusti", "Siti", "Ahmad", "Yohanes", "Maria")
LAST = ("Rahmawati", "Hidayat", "Sukerti", "Pratama", "Nurhayati", "Saputra", "Ndun", "Lado")
OPD_ADMIN_PASSWORD = "admin-dinsos-2020"
TODAY = clock.today()


def nip(serial: int) -> str:
    return compose_nip(date(1970 + serial % 15, 1 + serial % 12, 1 + serial % 28),
                       date(2008, 3, 1), serial % 2 == 0, serial)  # fmt: skip


def person(serial: int) -> str:
    return f"{FIRST[serial % len(FIRST)]} {LAST[(serial // len(FIRST)) % len(LAST)]}"


def add_staff(storage: Storage, opd: str, statuses: str, *, start: int = 1) -> list[Staff]:
    """One staff member per letter of `statuses`: s(udah), g(agal), b(elum)."""
    added = []
    for n, code in enumerate(statuses, start=start):
        staff = storage.save_staff(Staff(nip=nip(n), name=person(n), opd=opd, unit="Sekretariat"))
        if code == "s":
            storage.record_staff_status([staff.id], "sudah", TODAY - timedelta(days=n % 5))
        elif code == "g":
            storage.record_staff_status([staff.id], "gagal", TODAY, "NIK dan KK tidak sesuai")
        added.append(staff)
    return added


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner(synchronous=True)
    yield runner
    runner.shutdown()


def open_staff(qtbot: QtBot, storage: Storage, runner: TaskRunner) -> StaffDialog:
    dialog = StaffDialog(storage, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def names_in(table: QTableView) -> list[str]:
    model = table.model()
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def cell(table: QTableView, name: str, column: int) -> str:
    model = table.model()
    row = names_in(table).index(name)
    return model.index(row, column).data()


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def select_names(qtbot: QtBot, table: QTableView, names: list[str]) -> None:
    """Click the first, Ctrl+click the others, as a person picks several rows."""
    for n, name in enumerate(names):
        row = names_in(table).index(name)
        index = table.model().index(row, 1)
        table.scrollTo(index)
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        centre = table.visualRect(index).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, centre)


def answer_questions(
    monkeypatch: pytest.MonkeyPatch, reply: QMessageBox.StandardButton
) -> list[str]:
    asked: list[str] = []

    def question(parent: QWidget, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def catch_warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(parent: QWidget, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return shown


def pick_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def png_file(folder: Path, name: str = "bukti-sp.png") -> Path:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    path = folder / name
    assert image.save(str(path), "PNG")
    return path


def status_of(storage: Storage, staff: Staff) -> Staff:
    return storage.staff_member(staff.id)


# -- the summary and the list -------------------------------------------------------------------


def test_summary_shows_the_office_against_its_target(
    qtbot: QtBot, storage: Storage, runner: TaskRunner
) -> None:
    staff = add_staff(storage, SOSIAL, "sssssssgbb")  # 7 of 10: target 80% is 8 people
    add_staff(storage, KESEHATAN, "ssss", start=20)
    storage.set_target(Target("opd", SOSIAL, 80, date(2026, 11, 30)))
    dialog = open_staff(qtbot, storage, runner)

    # The coordinator's (here: the admin's) view opens on every office.
    assert dialog.summary_label.text().startswith(
        "Semua OPD: 11 dari 14 ASN sudah mengisi (78,6%) · target 80% (12 orang) · kurang 1 orang"
    )
    assert "OPD di bawah target: 1 dari 2" in dialog.counts_label.text()

    dialog.opd_filter.setCurrentIndex(dialog.opd_filter.findData(SOSIAL))
    text = dialog.summary_label.text()
    assert text.startswith(
        "Dinas Sosial: 7 dari 10 ASN sudah mengisi (70,0%) · target 80% (8 orang) · "
        "kurang 1 orang · batas waktu 30 November 2026"
    )
    assert "#b3261e" in dialog.summary_label.styleSheet()  # below target: red
    counts = dialog.counts_label.text()
    assert "Sudah</b> 7" in counts and "Gagal</b> 1" in counts and "Belum</b> 2" in counts
    assert (dialog.bar.done, dialog.bar.total, dialog.bar.target) == (7, 10, 8)
    # The same figures as the dashboard (and `sp-desktop stats`).
    opd = next(o for o in storage.dashboard().opds if o.opd == SOSIAL)
    assert (opd.counts.sudah, opd.counts.total, opd.target_count) == (7, 10, 8)

    # One more completes: the office meets its target and the text turns green.
    storage.record_staff_status([staff[7].id], "sudah", TODAY)
    click(qtbot, dialog.refresh_button)
    assert "8 dari 10 ASN sudah mengisi (80,0%)" in dialog.summary_label.text()
    assert "target tercapai" in dialog.summary_label.text()
    assert "kurang" not in dialog.summary_label.text()
    assert "#1b7a34" in dialog.summary_label.styleSheet()


def test_the_list_opens_on_who_has_not_done_it_yet(
    qtbot: QtBot, storage: Storage, runner: TaskRunner
) -> None:
    staff = add_staff(storage, SOSIAL, "ssgbb")
    dialog = open_staff(qtbot, storage, runner)
    not_yet = {s.name for s in staff[2:]}
    assert set(names_in(dialog.table)) == not_yet
    assert dialog.shown_label.text() == "Menampilkan 3 pegawai"
    assert cell(dialog.table, staff[2].name, 4) == "Gagal"
    assert cell(dialog.table, staff[2].name, 6) == "NIK dan KK tidak sesuai"
    assert cell(dialog.table, staff[2].name, 0) == staff[2].nip  # NIP shown in full

    dialog.status_filter.setCurrentIndex(dialog.status_filter.findData(""))
    assert len(names_in(dialog.table)) == 5
    dialog.status_filter.setCurrentIndex(dialog.status_filter.findData("sudah"))
    assert set(names_in(dialog.table)) == {staff[0].name, staff[1].name}

    dialog.status_filter.setCurrentIndex(dialog.status_filter.findData(""))
    qtbot.keyClicks(dialog.search, staff[3].nip[:14])
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # no waiting for typing to pause
    assert names_in(dialog.table) == [staff[3].name]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, staff[4].name)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.search, Qt.Key.Key_F5)  # Perbarui
    assert names_in(dialog.table) == [staff[4].name]

    # Sorting by a column header keeps working on the loaded rows.
    dialog.search.clear()
    dialog.reload()
    dialog.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    statuses = [dialog.table.model().index(r, 4).data() for r in range(5)]
    assert statuses == ["Belum", "Belum", "Gagal", "Sudah", "Sudah"]


# -- recording statuses -------------------------------------------------------------------------


def test_status_sudah_for_three_selected_staff_at_once(
    qtbot: QtBot, storage: Storage, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = add_staff(storage, SOSIAL, "sbbbbg")
    dialog = open_staff(qtbot, storage, runner)
    chosen = [staff[1], staff[3], staff[5]]
    select_names(qtbot, dialog.table, [s.name for s in chosen])
    assert [s.id for s in dialog.selected_staff()] == [s.id for s in chosen] or {
        s.id for s in dialog.selected_staff()
    } == {s.id for s in chosen}
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    changes: list[bool] = []
    dialog.bus.data_changed.connect(lambda *_: changes.append(True))

    click(qtbot, dialog.status_button)
    status = dialog.status_dialog
    assert isinstance(status, StatusDialog) and status.isVisible()
    assert status.status == "sudah"  # the usual Monday-morning entry
    assert status.day.date() == QDate(clock.today())
    assert status.day.maximumDate() == QDate(clock.today())  # no future dates
    assert not status.proof_row.isVisible()  # a proof is one person's, not three
    click(qtbot, status.save_button)

    assert asked == ["Catat Sudah untuk 3 pegawai?"]
    assert not status.isVisible()
    for member in chosen:
        stored = status_of(storage, member)
        assert (stored.status, stored.status_date) == ("sudah", TODAY)
    assert status_of(storage, staff[2]).status == "belum"  # not selected, not touched
    assert changes
    assert set(names_in(dialog.table)) == {staff[2].name, staff[4].name}
    assert dialog.summary_label.text().startswith("Semua OPD: 4 dari 6 ASN sudah mengisi")
    assert "Status Sudah dicatat untuk 3 pegawai." in dialog.message.text()


def test_a_bulk_status_not_confirmed_records_nothing(
    qtbot: QtBot, storage: Storage, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = add_staff(storage, SOSIAL, "bb")
    dialog = open_staff(qtbot, storage, runner)
    select_names(qtbot, dialog.table, [s.name for s in staff])
    answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    click(qtbot, dialog.status_button)
    assert dialog.status_dialog is not None
    click(qtbot, dialog.status_dialog.save_button)
    assert dialog.status_dialog.isVisible()
    assert [status_of(storage, s).status for s in staff] == ["belum", "belum"]


def test_gagal_without_a_reason_keeps_the_dialog_and_what_was_typed(
    qtbot: QtBot, storage: Storage, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = add_staff(storage, SOSIAL, "bb")
    dialog = open_staff(qtbot, storage, runner)
    select_names(qtbot, dialog.table, [staff[0].name])
    click(qtbot, dialog.status_button)
    status = dialog.status_dialog
    assert status is not None
    status.gagal.click()
    yesterday = QDate(clock.today()).addDays(-1)
    status.day.setDate(yesterday)
    click(qtbot, status.save_button)

    assert status.isVisible()
    reason_field = status.fields["reason"]
    assert reason_field.message.isVisible()
    assert "alasan" in reason_field.message.text().lower()
    assert status.status == "gagal" and status.day.date() == yesterday
    assert status_of(storage, staff[0]).status == "belum"

    qtbot.keyClicks(status.reason.lineEdit(), "Situs sedang sibuk")
    click(qtbot, status.save_button)
    assert not status.isVisible()
    stored = status_of(storage, staff[0])
    assert (stored.status, stored.status_date, stored.status_reason) == (
        "gagal",
        TODAY - timedelta(days=1),
        "Situs sedang sibuk",
    )
    assert cell(dialog.table, staff[0].name, 6) == "Situs sedang sibuk"


def test_a_proof_file_is_attached_counted_and_shown(
    qtbot: QtBot,
    storage: Storage,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    staff = add_staff(storage, SOSIAL, "sb")
    dialog = open_staff(qtbot, storage, runner)
    dialog.status_filter.setCurrentIndex(dialog.status_filter.findData(""))
    png = png_file(tmp_path)

    # Belum: nothing to prove yet.
    select_names(qtbot, dialog.table, [staff[1].name])
    assert not dialog.attach_button.isEnabled()

    select_names(qtbot, dialog.table, [staff[0].name])
    assert cell(dialog.table, staff[0].name, 7) == ""
    pick_file(monkeypatch, png)
    click(qtbot, dialog.attach_button)
    assert cell(dialog.table, staff[0].name, 7) == "1"
    assert [p.filename for p in storage.staff_proof_files(staff[0].id)] == ["bukti-sp.png"]
    assert "Bukti dilampirkan: bukti-sp.png" in dialog.message.text()

    # A file that is no proof is refused, in words, and nothing is kept.
    warnings = catch_warnings(monkeypatch)
    text_file = tmp_path / "catatan.pdf"
    text_file.write_text("bukan bukti")
    pick_file(monkeypatch, text_file)
    assert dialog.selected_staff()[0].id == staff[0].id
    click(qtbot, dialog.attach_button)
    assert len(warnings) == 1 and "bukan PDF, JPG, atau PNG" in warnings[0]
    assert staff[0].nip not in warnings[0]
    assert len(storage.staff_proof_files(staff[0].id)) == 1

    # Lihat bukti: the stored file, a copy saved byte for byte.
    select_names(qtbot, dialog.table, [staff[0].name])
    click(qtbot, dialog.proofs_button)
    proofs = dialog.proofs_dialog
    assert isinstance(proofs, StaffProofsDialog) and proofs.model.rowCount() == 1
    copy = tmp_path / "salinan.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), ""))
    )
    click(qtbot, proofs.copy_button)
    assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(png.read_bytes()).digest()
    click(qtbot, proofs.open_button)
    assert proofs.viewer is not None
    proofs.viewer.reject()
    proofs.reject()


def test_one_person_sudah_with_the_proof_in_one_go(
    qtbot: QtBot,
    storage: Storage,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    staff = add_staff(storage, SOSIAL, "b")
    dialog = open_staff(qtbot, storage, runner)
    select_names(qtbot, dialog.table, [staff[0].name])
    click(qtbot, dialog.status_button)
    status = dialog.status_dialog
    assert status is not None and status.proof_row.isVisible()
    pick_file(monkeypatch, png_file(tmp_path, "bukti-lalu.png"))
    click(qtbot, status.proof_pick)
    assert status.proof_name.text() == "bukti-lalu.png"
    click(qtbot, status.save_button)  # one person: no question asked

    assert not status.isVisible()
    assert status_of(storage, staff[0]).status == "sudah"
    assert status_of(storage, staff[0]).proof_count == 1
    dialog.status_filter.setCurrentIndex(dialog.status_filter.findData("sudah"))
    assert cell(dialog.table, staff[0].name, 7) == "1"


# -- the roster by hand --------------------------------------------------------------------------


def test_adding_and_changing_a_person_shows_problems_next_to_the_fields(
    qtbot: QtBot, storage: Storage, runner: TaskRunner
) -> None:
    add_staff(storage, SOSIAL, "b")
    dialog = open_staff(qtbot, storage, runner)
    click(qtbot, dialog.add_button)
    edit = dialog.edit_dialog
    assert edit is not None and edit.isVisible()
    qtbot.keyClicks(edit.nip, "1985041220100")
    qtbot.keyClicks(edit.unit, "Bidang Rehabilitasi Sosial")
    edit.opd.setEditText("")
    click(qtbot, edit.save_button)

    assert edit.isVisible()
    assert "18 digit" in edit.fields["nip"].message.text()
    assert edit.fields["name"].message.isVisible()
    assert edit.fields["opd"].message.isVisible()
    assert not edit.fields["unit"].message.isVisible()
    assert edit.nip.text() == "1985041220100"  # kept for the next try
    assert edit.unit.text() == "Bidang Rehabilitasi Sosial"
    assert len(storage.staff_list()) == 1

    edit.nip.setText(nip(40))
    qtbot.keyClicks(edit.name, "Ni Komang Sri")
    edit.opd.setEditText(SOSIAL)
    click(qtbot, edit.save_button)
    assert not edit.isVisible()
    added = next(s for s in storage.staff_list() if s.nip == nip(40))
    assert (added.name, added.opd, added.unit) == (
        "Ni Komang Sri",
        SOSIAL,
        "Bidang Rehabilitasi Sosial",
    )
    assert [s.id for s in dialog.selected_staff()] == [added.id]

    # Enter on the selected row opens it for changing.
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    edit = dialog.edit_dialog
    assert edit is not None and edit.nip.text() == nip(40)
    edit.name.setText("Ni Komang Sri Wahyuni")
    click(qtbot, edit.save_button)
    assert storage.staff_member(added.id).name == "Ni Komang Sri Wahyuni"
    assert len(storage.staff_list()) == 2


def test_deactivated_staff_leave_the_list_and_the_figures(
    qtbot: QtBot, storage: Storage, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = add_staff(storage, SOSIAL, "sbbb")
    dialog = open_staff(qtbot, storage, runner)
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    select_names(qtbot, dialog.table, [staff[1].name, staff[2].name])
    assert dialog.active_button.text() == "&Nonaktifkan"
    click(qtbot, dialog.active_button)

    assert asked and asked[0].startswith("Nonaktifkan 2 pegawai?")
    assert [storage.staff_member(s.id).active for s in staff] == [True, False, False, True]
    assert names_in(dialog.table) == [staff[3].name]
    assert dialog.summary_label.text().startswith("Semua OPD: 1 dari 2 ASN sudah mengisi")

    dialog.inactive.setChecked(True)
    assert len(names_in(dialog.table)) == 3
    assert cell(dialog.table, staff[1].name, 4) == "Belum (nonaktif)"
    select_names(qtbot, dialog.table, [staff[1].name])
    assert dialog.active_button.text() == "Aktif&kan lagi"
    click(qtbot, dialog.active_button)
    assert storage.staff_member(staff[1].id).active


def test_an_opd_admin_sees_only_their_own_office(
    qtbot: QtBot, installation: Installation, runner: TaskRunner
) -> None:
    storage = installation.storage
    own = add_staff(storage, SOSIAL, "sbg")
    add_staff(storage, KESEHATAN, "bbbb", start=10)
    head = Helper(nip=nip(90), name="Ni Ketut Ariani", opd=SOSIAL)
    installation.save_account(head, Role.OPD_ADMIN, password=OPD_ADMIN_PASSWORD)
    installation.unlock(head.nip, OPD_ADMIN_PASSWORD)
    assert storage.staff_scope() == SOSIAL

    dialog = open_staff(qtbot, storage, runner)
    assert not dialog.opd_filter.isVisible()
    assert not dialog.opd_label.isVisible()
    assert dialog.summary_label.text().startswith("Dinas Sosial: 1 dari 3 ASN sudah mengisi")
    assert set(names_in(dialog.table)) == {own[1].name, own[2].name}
    dialog.status_filter.setCurrentIndex(dialog.status_filter.findData(""))
    assert {cell(dialog.table, name, 2) for name in names_in(dialog.table)} == {SOSIAL}
    assert len(names_in(dialog.table)) == 3

    click(qtbot, dialog.add_button)
    edit = dialog.edit_dialog
    assert edit is not None
    assert edit.opd.currentText() == SOSIAL and not edit.opd.isEnabled()
    edit.reject()


# -- importing a roster -------------------------------------------------------------------------


BAD_LENGTH = "1985041220100310"  # 16 digits


def roster_xlsx(folder: Path, name: str = "daftar-asn.xlsx") -> Path:
    """Header on row 2 under a title; rows 3..11: five good, a short NIP, a bad birth
    date, a duplicate of row 3, a pre-numbered empty row; stray spaces everywhere."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DAFTAR ASN DINAS SOSIAL 2020"])
    sheet.append(["No", "NIP", "Nama Pegawai", "OPD", "Unit Kerja"])
    rows = [
        (1, nip(1), "  Baiq   Nurul Hakim ", " Dinas  Sosial ", "Sekretariat"),
        (2, nip(2), "Lalu Sahnan", "Dinas Sosial", " Bidang  Rehabilitasi "),
        (3, BAD_LENGTH, "Ni Luh Ayu", "Dinas Sosial", "Sekretariat"),
        (4, nip(4), "Siti Aminah", "dinas sosial", ""),
        (5, "198513122010031007", "Ahmad Fauzi", "Dinas Sosial", "Sekretariat"),
        (6, nip(6), "Maria Lado", "Dinas Sosial", "Sekretariat"),
        (7, nip(1), "Baiq Nurul Hakim", "Dinas Sosial", "Sekretariat"),
        (8, None, None, None, None),
        (9, " " + nip(9) + " ", "Yohanes Ndun", "Dinas Sosial", "Sekretariat"),
    ]
    for row in rows:
        sheet.append(list(row))
    path = folder / name
    book.save(path)
    return path


def open_import(qtbot: QtBot, storage: Storage, runner: TaskRunner) -> RosterImportDialog:
    dialog = RosterImportDialog(storage, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose_and_check(
    qtbot: QtBot, dialog: RosterImportDialog, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    pick_file(monkeypatch, path)
    click(qtbot, dialog.choose_button)
    assert dialog.page == dialog.MAPPING, dialog.message.text()
    click(qtbot, dialog.next_button)
    assert dialog.page == dialog.CHECK, dialog.message.text()


def problem_rows(dialog: RosterImportDialog) -> list[tuple[str, ...]]:
    return dialog.problems_model.rows()


def test_the_check_step_counts_and_explains_every_row(
    qtbot: QtBot,
    storage: Storage,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = roster_xlsx(tmp_path)
    dialog = open_import(qtbot, storage, runner)
    pick_file(monkeypatch, path)
    click(qtbot, dialog.choose_button)

    # The columns are guessed from the header row (row 2, under the title).
    assert dialog.page == dialog.MAPPING
    assert dialog.mapping() == {"nip": 1, "name": 2, "opd": 3, "unit": 4}
    assert "judul kolom di baris 2" in dialog.source_label.text()
    preview = dialog.preview_model.rows()
    assert preview[0] == ("3", nip(1), "Baiq   Nurul Hakim", "Dinas  Sosial", "Sekretariat")
    assert len(preview) == 9  # every row that holds something (here fewer than 20)
    assert dialog.preview_model.headers == ("Baris", "NIP", "Nama", "OPD", "Unit kerja")

    click(qtbot, dialog.next_button)
    assert dialog.page == dialog.CHECK
    assert dialog.check_summary.text() == (
        "5 baris siap diimpor, 3 baris ditolak, 1 baris kosong dilewati"
    )
    rejected = {row: reason for row, kind, reason in problem_rows(dialog) if kind == "Ditolak"}
    assert set(rejected) == {"5", "7", "9"}
    assert "18 digit" in rejected["5"]
    assert "tanggal lahir" in rejected["7"]
    assert rejected["9"] == "NIP sama dengan baris 3."
    assert dialog.import_button.text() == "&Impor 5 pegawai"
    assert not dialog.next_button.isVisible()  # "Periksa >" is not where "Impor" is
    for _, _, reason in problem_rows(dialog):
        assert nip(1) not in reason  # rows are named by number, never by NIP

    # Another NIP column: the plan is made again and now refuses every row.
    click(qtbot, dialog.back_button)
    assert dialog.page == dialog.MAPPING
    dialog.set_mapping("nip", 0)  # the "No" column
    assert dialog.preview_model.rows()[0][1] == "1"
    click(qtbot, dialog.next_button)
    assert dialog.check_summary.text() == (
        "0 baris siap diimpor, 9 baris ditolak, 0 baris kosong dilewati"
    )
    assert not dialog.import_button.isEnabled()

    # Two fields on one column cannot be checked at all.
    click(qtbot, dialog.back_button)
    dialog.set_mapping("nip", 2)
    assert "Kolom C dipilih untuk NIP dan Nama" in dialog.mapping_message.text()
    assert not dialog.next_button.isEnabled()
    dialog.set_mapping("nip", 1)
    click(qtbot, dialog.next_button)
    assert dialog.check_summary.text().startswith("5 baris siap diimpor")

    # Batal: nothing was imported.
    changes: list[bool] = []
    dialog.bus.data_changed.connect(lambda *_: changes.append(True))
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()
    assert storage.staff_list(StaffQuery(include_inactive=True)) == []
    assert not changes


def test_importing_twice_updates_by_nip_and_never_duplicates(
    qtbot: QtBot,
    storage: Storage,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = roster_xlsx(tmp_path)
    staff_dialog = open_staff(qtbot, storage, runner)
    click(qtbot, staff_dialog.import_button)
    dialog = staff_dialog.import_dialog
    assert isinstance(dialog, RosterImportDialog)
    choose_and_check(qtbot, dialog, monkeypatch, path)
    click(qtbot, dialog.import_button)

    assert dialog.page == dialog.DONE
    assert dialog.result_label.text() == (
        "Ditambahkan 5, diperbarui 0, tidak berubah 0\n3 baris ditolak dan TIDAK diimpor "
        "(lihat langkah 3): perbaiki di berkasnya, lalu impor lagi."
    )
    stored = {s.nip: s for s in storage.staff_list()}
    assert set(stored) == {nip(1), nip(2), nip(4), nip(6), nip(9)}
    assert stored[nip(1)].name == "Baiq Nurul Hakim"  # stray spaces gone
    assert stored[nip(2)].unit == "Bidang Rehabilitasi"
    assert {s.opd for s in stored.values()} == {SOSIAL}  # one spelling for "dinas sosial"
    # The staff screen behind it shows them at once.
    assert len(names_in(staff_dialog.table)) == 5
    assert staff_dialog.summary_label.text().startswith("Semua OPD: 0 dari 5 ASN")

    # The same file again: recognised, and nothing is added twice.
    click(qtbot, dialog.next_button)  # Impor berkas lain…
    choose_and_check(qtbot, dialog, monkeypatch, path)
    assert "5 di antaranya sudah ada di daftar" in dialog.check_note.text()
    click(qtbot, dialog.import_button)
    assert dialog.result_label.text().startswith("Ditambahkan 0, diperbarui 0, tidak berubah 5")
    assert len(storage.staff_list(StaffQuery(include_inactive=True))) == 5


def test_a_csv_without_an_opd_column_takes_the_opd_for_the_whole_file(
    qtbot: QtBot,
    storage: Storage,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = tmp_path / "pegawai.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["NIP", "Nama", "Bidang"])
        writer.writerow([nip(1), "Baiq Nurul Hakim", "Pelayanan"])
        writer.writerow([nip(2), "Lalu Sahnan", "Pelayanan"])
    dialog = open_import(qtbot, storage, runner)
    pick_file(monkeypatch, path)
    click(qtbot, dialog.choose_button)
    assert dialog.mapping() == {"nip": 0, "name": 1, "opd": None, "unit": 2}
    assert "OPD" in dialog.mapping_message.text()
    assert not dialog.next_button.isEnabled()

    dialog.file_opd.setEditText(KESEHATAN)
    assert dialog.preview_model.rows()[0][3] == KESEHATAN
    click(qtbot, dialog.next_button)
    assert dialog.check_summary.text() == (
        "2 baris siap diimpor, 0 baris ditolak, 0 baris kosong dilewati"
    )
    click(qtbot, dialog.import_button)
    assert {(s.opd, s.unit) for s in storage.staff_list()} == {(KESEHATAN, "Pelayanan")}
    assert "ditolak" not in dialog.result_label.text()


def test_an_opd_admin_imports_only_their_own_office(
    qtbot: QtBot,
    installation: Installation,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    storage = installation.storage
    head = Helper(nip=nip(90), name="Ni Ketut Ariani", opd=SOSIAL)
    installation.save_account(head, Role.OPD_ADMIN, password=OPD_ADMIN_PASSWORD)
    installation.unlock(head.nip, OPD_ADMIN_PASSWORD)
    path = tmp_path / "campur.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["NIP", "Nama", "OPD"])
        writer.writerow([nip(1), "Baiq Nurul Hakim", "Dinas Sosial"])
        writer.writerow([nip(2), "Lalu Sahnan", "Dinas Kesehatan"])
        writer.writerow([nip(3), "Siti Aminah", ""])
    dialog = open_import(qtbot, storage, runner)
    assert dialog.file_opd.currentText() == SOSIAL and not dialog.file_opd.isEnabled()
    choose_and_check(qtbot, dialog, monkeypatch, path)
    # Another office's row is refused, not moved into theirs; a row without one is theirs.
    assert dialog.check_summary.text() == (
        "2 baris siap diimpor, 1 baris ditolak, 0 baris kosong dilewati"
    )
    assert problem_rows(dialog) == [
        ("3", "Ditolak", "Baris ini untuk OPD lain; Anda hanya boleh mengimpor pegawai OPD Anda.")
    ]
    click(qtbot, dialog.import_button)
    assert {(s.nip, s.opd) for s in storage.staff_list()} == {(nip(1), SOSIAL), (nip(3), SOSIAL)}
    assert "1 baris ditolak" in dialog.result_label.text()


def test_an_unreadable_file_says_what_to_do(
    qtbot: QtBot,
    storage: Storage,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = tmp_path / "daftar.xlsx"
    path.write_bytes(b"PK\x03\x04 bukan workbook")
    dialog = open_import(qtbot, storage, runner)
    pick_file(monkeypatch, path)
    click(qtbot, dialog.choose_button)
    assert dialog.page == dialog.FILE
    assert dialog.message.isVisible()
    assert "Simpan ulang" in dialog.message.text()


def test_enter_never_jumps_a_step_and_import_is_its_own_button(
    qtbot: QtBot,
    storage: Storage,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = tmp_path / "pegawai.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["NIP", "Nama"])
        writer.writerow([nip(1), "Baiq Nurul Hakim"])
    dialog = open_import(qtbot, storage, runner)
    pick_file(monkeypatch, path)
    click(qtbot, dialog.choose_button)
    assert dialog.page == dialog.MAPPING
    edit = dialog.file_opd.lineEdit()
    assert edit is not None
    qtbot.keyClicks(edit, KESEHATAN)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # used to press "Periksa >", then "Impor"
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.page == dialog.MAPPING
    assert storage.staff_list() == []
    click(qtbot, dialog.next_button)
    assert dialog.page == dialog.CHECK
    # The import button is on the check page, away from where "Periksa >" was, and Enter
    # there presses nothing.
    assert not dialog.next_button.isVisible()
    assert dialog.import_button.isVisible() and not dialog.import_button.isDefault()
    qtbot.keyClick(dialog.problems, Qt.Key.Key_Return)
    assert dialog.page == dialog.CHECK and storage.staff_list() == []
    click(qtbot, dialog.import_button)
    assert dialog.page == dialog.DONE and len(storage.staff_list()) == 1
