"""Dasbor pemantauan, Target and Evaluasi dua mingguan, driven on a real installation.

Figures are compared with counts read straight from the database file (a keyed SQLCipher
connection that bypasses SP Desktop); only Qt's static dialogs are replaced.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import keyed_connection, make_helper, make_household, make_visit
from PySide6.QtCharts import QLineSeries
from PySide6.QtCore import QDate, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from sp_desktop.core.base import clock
from sp_desktop.core.domain.identifiers import compose_nip
from sp_desktop.core.domain.model import FailureReason, Helper, Outcome, Post
from sp_desktop.core.domain.monitoring import Staff, Target
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import DB_FILENAME, Storage
from sp_desktop.ui.monitoring.dashboard_dialog import (
    HIGHLIGHT_BACKGROUND,
    DashboardDialog,
    FiguresModel,
    chart_bar_values,
    chart_categories,
    elide,
)
from sp_desktop.ui.monitoring.evaluation_dialog import EvaluationDialog
from sp_desktop.ui.monitoring.targets_dialog import TargetsDialog
from sp_desktop.ui.worker import TaskRunner

SOSIAL = "Dinas Sosial"  # 5 of 6 sudah: 83,3%, on target at 80%, below at 90%
PENDIDIKAN = "Dinas Pendidikan"  # 1 of 5 sudah: below target
BAPPEDA = "Badan Perencanaan Pembangunan Daerah"  # 4 of 4 sudah (and one inactive)
AMPENAN_TENGAH = "52.71.01.1005"
FIRST_NAMES = ("Lalu", "Baiq", "Made", "Siti", "Putu", "Wayan", "Nur")
LAST_NAMES = ("Hidayat", "Rahmawati", "Saputra", "Wulandari", "Mahrup", "Lestari")


def days_ago(n: int) -> date:
    return clock.today() - timedelta(days=n)


def add_staff(storage: Storage, opd: str, count: int, serial: list[int]) -> list[str]:
    ids = []
    for _ in range(count):
        serial[0] += 1
        nip = compose_nip(date(1984, 2, 3), date(2009, 1, 1), serial[0] % 2 == 0, serial[0])
        name = f"{FIRST_NAMES[serial[0] % 7]} {LAST_NAMES[serial[0] // 7 % 6]}"
        ids.append(storage.save_staff(Staff(nip=nip, name=name, opd=opd)).id)
    return ids


@pytest.fixture
def monitored(installation: Installation, people: tuple[Helper, Post]) -> dict[str, Any]:
    """Three offices with statuses over several days, and five households at two posts."""
    storage = installation.storage
    serial = [0]
    sosial = add_staff(storage, SOSIAL, 6, serial)
    pendidikan = add_staff(storage, PENDIDIKAN, 5, serial)
    bappeda = add_staff(storage, BAPPEDA, 5, serial)
    # Two weeks of work: earlier statuses are overtaken by later ones.
    storage.record_staff_status(sosial[:2], "sudah", days_ago(20))
    storage.record_staff_status(sosial[2:4], "gagal", days_ago(9), "NIK dan KK tidak sesuai")
    storage.record_staff_status(sosial[2:5], "sudah", days_ago(3))
    storage.record_staff_status(pendidikan[:1], "sudah", days_ago(5))
    storage.record_staff_status(pendidikan[1:3], "gagal", days_ago(2), "Situs sibuk")
    storage.record_staff_status(bappeda, "sudah", days_ago(1))
    storage.set_staff_active(bappeda[4:], False)  # moved away: counts nowhere

    admin, post = people
    other = storage.save_helper(make_helper(serial=21, name="Ni Made Ayu"))
    other_post = storage.save_post(
        Post(name="Posko Masjid Al-Falah", kelurahan_code=AMPENAN_TENGAH)
    )
    names = ("Baiq Nurul Hakim", "Lalu Sahnan", "Ni Luh Ayu", "Made Oka", "Siti Aminah")
    h1, h2, h3, h4, h5 = (
        make_household(n, name=names[n - 1], kelurahan_code=code)
        for n, code in zip(
            range(1, 6),
            ("52.71.01.1004", "52.71.01.1004", AMPENAN_TENGAH, AMPENAN_TENGAH, AMPENAN_TENGAH),
            strict=True,
        )
    )
    storage.save_household(h1, make_visit(h1, admin, post, Outcome.BERHASIL))
    storage.save_household(
        h2,
        make_visit(h2, other, post, Outcome.GAGAL, failure_reason=FailureReason.TIDAK_ADA_KONEKSI),
    )
    storage.save_household(h3, make_visit(h3, other, other_post, Outcome.BELUM))
    storage.add_visit(
        make_visit(h3, admin, post, Outcome.BERHASIL, when=datetime(2020, 3, 11, 10, 0))
    )
    storage.save_household(h4)  # registered, not visited yet
    storage.save_household(h5, make_visit(h5, other, other_post, Outcome.BELUM))
    return {"posts": (post, other_post), "helpers": (admin, other)}


@pytest.fixture
def sync_runner() -> Iterator[TaskRunner]:
    runner = TaskRunner(synchronous=True)
    yield runner
    runner.shutdown()


def open_dashboard(qtbot: QtBot, storage: Storage, runner: TaskRunner) -> DashboardDialog:
    dialog = DashboardDialog(storage, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def database(installation: Installation) -> Any:
    return keyed_connection(installation.data_dir / DB_FILENAME, installation.data_key)


def staff_counts_from_db(installation: Installation) -> dict[str, dict[str, int]]:
    """Active staff per OPD by their latest status update, from the raw tables."""
    conn = database(installation)
    try:
        rows = conn.execute(
            "SELECT s.opd, coalesce((SELECT u.status FROM staff_updates u "
            "WHERE u.staff_id = s.id ORDER BY u.status_date DESC, u.created_at DESC, u.id DESC "
            "LIMIT 1), 'belum') AS st, count(*) FROM staff s WHERE s.active = 1 GROUP BY s.opd, st"
        ).fetchall()
    finally:
        conn.close()
    counts: dict[str, dict[str, int]] = {}
    for opd, status, n in rows:
        counts.setdefault(opd, {"sudah": 0, "gagal": 0, "belum": 0})[status] = n
    return counts


def households_from_db(installation: Installation, column: str) -> dict[str, dict[str, int]]:
    conn = database(installation)
    try:
        rows = conn.execute(
            f"SELECT {column}, coalesce(latest_outcome, 'tanpa_kunjungan'), count(*) "
            f"FROM households WHERE {column} <> '' GROUP BY 1, 2"
        ).fetchall()
    finally:
        conn.close()
    counts: dict[str, dict[str, int]] = {}
    for key, outcome, n in rows:
        counts.setdefault(key, dict.fromkeys(("berhasil", "gagal", "belum", "tanpa_kunjungan"), 0))
        counts[key][outcome] = n
    return counts


def cells(model: FiguresModel) -> dict[str, dict[str, str]]:
    """What the table shows: first column -> {header: text}, read through the Qt model."""
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    table = {}
    for row in range(model.rowCount()):
        values = [model.data(model.index(row, c)) for c in range(model.columnCount())]
        table[values[0]] = dict(zip(headers, values, strict=True))
    return table


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%"


def kelurahan_label(code: str) -> str:
    region = region_index().get(code)
    assert region is not None
    return f"{region.kind} {region.name}"


# -- the dashboard ------------------------------------------------------------------------------


def test_dashboard_figures_equal_the_database(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any], sync_runner: TaskRunner
) -> None:
    dialog = open_dashboard(qtbot, installation.storage, sync_runner)
    expected = staff_counts_from_db(installation)
    assert set(expected) == {SOSIAL, PENDIDIKAN, BAPPEDA}
    shown = cells(dialog.opd_model)
    assert set(shown) == set(expected)
    for opd, counts in expected.items():
        total = sum(counts.values())
        target = math.ceil(total * 80 / 100)
        assert shown[opd]["Jumlah ASN"] == str(total), opd
        assert shown[opd]["Sudah"] == str(counts["sudah"]), opd
        assert shown[opd]["Gagal"] == str(counts["gagal"]), opd
        assert shown[opd]["Belum"] == str(counts["belum"]), opd
        assert shown[opd]["% Sudah"] == percent(counts["sudah"], total), opd
        assert shown[opd]["Target"] == f"80% ({target} orang)", opd
        assert shown[opd]["Kurang"] == str(max(0, target - counts["sudah"])), opd
    assert shown[SOSIAL]["% Sudah"] == "83,3%"  # the Indonesian decimal comma
    assert expected[BAPPEDA] == {"sudah": 4, "gagal": 0, "belum": 0}  # not the inactive one

    # The chart holds the same shares: one bar per OPD, red when below target.
    bars = chart_bar_values(dialog.opd_chart)
    categories = chart_categories(dialog.opd_chart)
    names = {elide(opd): opd for opd in expected}  # long names are shortened on the axis
    assert sorted(categories) == sorted(names)
    for i, label in enumerate(categories):
        counts = expected[names[label]]
        share = round(100 * counts["sudah"] / sum(counts.values()), 1)
        assert bars["Di bawah target"][i] + bars["Mencapai target"][i] == pytest.approx(share)
    assert categories[0] == PENDIDIKAN  # furthest from its target, on top

    sudah = sum(c["sudah"] for c in expected.values())
    staff = sum(sum(c.values()) for c in expected.values())
    assert dialog.opd_total.text().startswith(
        f"Jumlah: {staff} ASN · sudah {sudah} ({percent(sudah, staff)})"
    )

    # The trend ends at everyone who completed; the target line is every office's target.
    trend = cells(dialog.trend_model)
    assert max(int(row["Jumlah sudah"]) for row in trend.values()) == sudah
    lines = {s.name(): s for s in dialog.trend_chart.series() if isinstance(s, QLineSeries)}
    cumulative = lines["Sudah (kumulatif)"].points()
    assert cumulative[-1].y() == sudah and cumulative[0].y() == 0
    goal = sum(math.ceil(sum(c.values()) * 0.8) for c in expected.values())
    assert {p.y() for p in lines[f"Target {goal} orang"].points()} == {goal}


def test_household_figures_equal_the_database(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any], sync_runner: TaskRunner
) -> None:
    dialog = open_dashboard(qtbot, installation.storage, sync_runner)
    by_kelurahan = households_from_db(installation, "kelurahan_code")
    shown = cells(dialog.kelurahan_model)
    assert set(shown) == {kelurahan_label(code) for code in by_kelurahan}
    bars = chart_bar_values(dialog.kelurahan_chart)
    categories = chart_categories(dialog.kelurahan_chart)
    for code, counts in by_kelurahan.items():
        row = shown[kelurahan_label(code)]
        assert row["Berhasil"] == str(counts["berhasil"])
        assert row["Gagal"] == str(counts["gagal"])
        assert row["Belum"] == str(counts["belum"])
        assert row["Belum dikunjungi"] == str(counts["tanpa_kunjungan"])
        assert row["Jumlah"] == str(sum(counts.values()))
        i = categories.index(kelurahan_label(code))
        assert bars["Berhasil"][i] == counts["berhasil"]
        assert bars["Gagal"][i] == counts["gagal"]
        assert bars["Belum"][i] == counts["belum"]
        assert bars["Belum dikunjungi"][i] == counts["tanpa_kunjungan"]
    assert by_kelurahan[AMPENAN_TENGAH]["tanpa_kunjungan"] == 1

    for model, column in (
        (dialog.post_model, "latest_post_id"),
        (dialog.helper_model, "latest_helper_id"),
    ):
        expected = households_from_db(installation, column)
        rows = {model.row_at(r).key: r for r in range(model.rowCount())}
        assert set(rows) == set(expected)
        for key, counts in expected.items():
            row = rows[key]
            texts = [model.data(model.index(row, c)) for c in range(1, 5)]
            assistance = counts["berhasil"] + counts["gagal"] + counts["belum"]
            assert texts == [
                str(counts["berhasil"]),
                str(counts["gagal"]),
                str(counts["belum"]),
                str(assistance),
            ]
    post = monitored["posts"][0]
    # h3's latest visit moved it to the first post, as berhasil.
    assert households_from_db(installation, "latest_post_id")[post.id]["berhasil"] == 2
    assert chart_bar_values(dialog.post_chart)["Berhasil"] == [2.0, 0.0]


def test_offices_below_target_are_highlighted(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any], sync_runner: TaskRunner
) -> None:
    dialog = open_dashboard(qtbot, installation.storage, sync_runner)
    model = dialog.opd_model
    rows = {model.row_at(r).opd: r for r in range(model.rowCount())}
    laggard = model.index(rows[PENDIDIKAN], 0)
    fine = model.index(rows[SOSIAL], 0)
    assert model.highlighted(rows[PENDIDIKAN]) and not model.highlighted(rows[SOSIAL])
    assert model.data(laggard, Qt.ItemDataRole.BackgroundRole).color() == HIGHLIGHT_BACKGROUND
    assert model.data(fine, Qt.ItemDataRole.BackgroundRole) is None
    bars = chart_bar_values(dialog.opd_chart)
    categories = chart_categories(dialog.opd_chart)
    assert bars["Di bawah target"][categories.index(PENDIDIKAN)] == 20.0
    assert bars["Di bawah target"][categories.index(SOSIAL)] == 0.0
    assert bars["Mencapai target"][categories.index(SOSIAL)] == 83.3
    assert "1 dari 3 OPD di bawah target" in dialog.opd_total.text()


def test_refresh_runs_in_the_worker_and_keeps_the_figures_meanwhile(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any]
) -> None:
    storage = installation.storage
    runner = TaskRunner()
    try:
        dialog = DashboardDialog(storage, runner)
        qtbot.addWidget(dialog)
        # The window is up before the figures: they are being read in the worker.
        assert dialog.refreshing and dialog.opd_model.rowCount() == 0
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.refreshing, timeout=10_000)
        assert cells(dialog.opd_model)[PENDIDIKAN]["Sudah"] == "1"
        assert dialog.updated_label.text().startswith("Diperbarui pukul ")

        pendidikan = [s.id for s in storage.staff_list() if s.opd == PENDIDIKAN]
        storage.record_staff_status(pendidikan, "sudah", clock.today())
        dialog.refresh()
        assert dialog.refreshing
        assert not dialog.refresh_button.isEnabled()
        assert cells(dialog.opd_model)[PENDIDIKAN]["Sudah"] == "1"  # the old figures stay
        qtbot.waitUntil(lambda: not dialog.refreshing, timeout=10_000)
        assert cells(dialog.opd_model)[PENDIDIKAN]["Sudah"] == "5"
        assert dialog.refresh_button.isEnabled()
    finally:
        runner.shutdown()


def test_f5_and_the_clock_refresh(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any], sync_runner: TaskRunner
) -> None:
    storage = installation.storage
    dialog = open_dashboard(qtbot, storage, sync_runner)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    storage.record_staff_status(
        [s.id for s in storage.staff_list() if s.opd == SOSIAL], "sudah", clock.today()
    )
    assert cells(dialog.opd_model)[SOSIAL]["Sudah"] == "5"
    dialog.opd_table.setFocus()
    qtbot.keyClick(dialog.opd_table, Qt.Key.Key_F5)
    assert cells(dialog.opd_model)[SOSIAL]["Sudah"] == "6"

    # And by itself every minute while it is open.
    storage.record_staff_status(
        [s.id for s in storage.staff_list() if s.opd == PENDIDIKAN], "sudah", clock.today()
    )
    assert dialog.timer.isActive() and dialog.timer.interval() == 60_000
    dialog.timer.timeout.emit()
    assert cells(dialog.opd_model)[PENDIDIKAN]["Sudah"] == "5"
    dialog.hide()  # the screen locked: no reading meanwhile
    assert not dialog.timer.isActive()


def test_closing_while_refreshing_cancels_it(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any]
) -> None:
    runner = TaskRunner()
    try:
        dialog = DashboardDialog(installation.storage, runner)
        qtbot.addWidget(dialog)
        task = dialog.refresh_task
        assert dialog.refreshing and task is not None
        dialog.close()
        assert task.cancelled and not dialog.refreshing
        assert not dialog.timer.isActive()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        assert dialog.dashboard is None  # what the cancelled read found is never shown
    finally:
        runner.shutdown()


def test_an_opd_administrator_sees_only_their_office(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any], sync_runner: TaskRunner
) -> None:
    head = Helper(
        nip=compose_nip(date(1979, 5, 6), date(2003, 1, 1), False, 77),
        name="Kepala Dinas Sosial",
        opd=SOSIAL,
    )
    installation.save_account(head, Role.OPD_ADMIN, password="sosial-mataram-2020")
    installation.unlock(head.nip, "sosial-mataram-2020")
    dialog = open_dashboard(qtbot, installation.storage, sync_runner)
    assert set(cells(dialog.opd_model)) == {SOSIAL}
    assert dialog.windowTitle() == f"Dasbor pemantauan — {SOSIAL}"
    # Targets are the city's; the office's own evaluation (counts only) is theirs to print.
    assert dialog.targets_button.isHidden() and not dialog.evaluation_button.isHidden()


# -- targets ---------------------------------------------------------------------------------


def open_targets(qtbot: QtBot, storage: Storage) -> TargetsDialog:
    dialog = TargetsDialog(storage)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose_opd(dialog: TargetsDialog, name: str) -> None:
    dialog.opd_table.selectRow(dialog.opd_model.row_keys().index(name))


def type_value(qtbot: QtBot, spin: QWidget, text: str) -> None:
    spin.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(spin, text)


def test_a_target_set_in_the_dialog_moves_the_office_below_it(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any], sync_runner: TaskRunner
) -> None:
    storage = installation.storage
    dialog = open_targets(qtbot, storage)
    row = dialog.opd_model.row_keys().index(SOSIAL)
    assert dialog.opd_model.text(dialog.opd_model.row_at(row), 1) == "80% (bawaan)"
    choose_opd(dialog, SOSIAL)
    editor = dialog.opd_editor
    type_value(qtbot, editor.value, "90")
    qtbot.mouseClick(editor.no_deadline, Qt.MouseButton.LeftButton)  # a deadline after all
    deadline = clock.today() + timedelta(days=10)
    editor.deadline.setDate(QDate(deadline.year, deadline.month, deadline.day))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert Target("opd", SOSIAL, 90, deadline) in storage.targets()
    assert dialog.changed
    assert dialog.opd_model.text(dialog.opd_model.row_at(row), 1) == "90%"
    assert dialog.selected_opds() == [SOSIAL]  # still chosen after saving

    dashboard = open_dashboard(qtbot, storage, sync_runner)
    shown = cells(dashboard.opd_model)[SOSIAL]
    assert shown["Target"] == "90% (6 orang)" and shown["Kurang"] == "1"
    rows = {dashboard.opd_model.row_at(r).opd: r for r in range(dashboard.opd_model.rowCount())}
    assert dashboard.opd_model.highlighted(rows[SOSIAL])

    # Back to the default: no longer below target.
    qtbot.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert not [t for t in storage.targets() if t.key == SOSIAL]
    dashboard.refresh()
    assert cells(dashboard.opd_model)[SOSIAL]["Target"] == "80% (5 orang)"
    assert not dashboard.opd_model.highlighted(rows[SOSIAL])


def test_a_target_for_several_offices_at_once(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any]
) -> None:
    storage = installation.storage
    dialog = open_targets(qtbot, storage)
    dialog.select_opds([SOSIAL, PENDIDIKAN])
    assert "2 OPD dipilih" in dialog.opd_editor.chosen.text()
    type_value(qtbot, dialog.opd_editor.value, "75")
    qtbot.mouseClick(dialog.opd_editor.save_button, Qt.MouseButton.LeftButton)
    assert {(t.key, t.value, t.deadline) for t in storage.targets()} == {
        (SOSIAL, 75, None),
        (PENDIDIKAN, 75, None),
    }


def test_an_invalid_target_is_refused_with_the_reason(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any]
) -> None:
    storage = installation.storage
    dialog = open_targets(qtbot, storage)
    choose_opd(dialog, PENDIDIKAN)
    type_value(qtbot, dialog.opd_editor.value, "0")
    qtbot.mouseClick(dialog.opd_editor.save_button, Qt.MouseButton.LeftButton)
    message = dialog.opd_editor.value_field.message
    assert message.text() == "Target OPD adalah persentase ASN: 1 sampai 100."
    assert not message.isHidden()
    assert storage.targets() == []
    assert not dialog.changed

    # A kelurahan target needs a kelurahan chosen from the list.
    dialog.tabs.setCurrentIndex(1)
    dialog.kelurahan_table.clearSelection()
    dialog.picker.set_code("")
    type_value(qtbot, dialog.kelurahan_editor.value, "10")
    qtbot.mouseClick(dialog.kelurahan_editor.save_button, Qt.MouseButton.LeftButton)
    assert dialog.kelurahan_editor.picker_field is not None
    assert dialog.kelurahan_editor.picker_field.message.text().startswith("Pilih kelurahan/desa")
    assert storage.targets() == []


def test_a_kelurahan_target_for_a_kelurahan_not_yet_in_use(
    qtbot: QtBot, installation: Installation, monitored: dict[str, Any]
) -> None:
    storage = installation.storage
    dialog = open_targets(qtbot, storage)
    dialog.tabs.setCurrentIndex(1)
    pejeruk = "52.71.01.1006"
    assert pejeruk not in dialog.kelurahan_model.row_keys()
    dialog.picker.setFocus()
    qtbot.keyClicks(dialog.picker, "Pejeruk")
    completer = dialog.picker.completer()
    label = completer.completionModel().index(0, 0).data()
    assert label.startswith("Pejeruk — ")
    completer.activated[str].emit(label)  # what choosing it from the list does
    assert dialog.picker.code() == pejeruk
    type_value(qtbot, dialog.kelurahan_editor.value, "25")
    qtbot.mouseClick(dialog.kelurahan_editor.save_button, Qt.MouseButton.LeftButton)
    assert Target("kelurahan", pejeruk, 25, None) in storage.targets()
    assert pejeruk in dialog.kelurahan_model.row_keys()
    kelurahan = {k.code: k for k in storage.dashboard().kelurahan}
    assert kelurahan[pejeruk].target == 25 and kelurahan[pejeruk].below_target


# -- the two-weekly evaluation -------------------------------------------------------------------


def save_as(monkeypatch: pytest.MonkeyPatch, target: Path, offered: list[str]) -> None:
    def fake(parent: QWidget, title: str, start: str, *args: Any) -> tuple[str, str]:
        offered.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))


def open_evaluation(qtbot: QtBot, storage: Storage, runner: TaskRunner) -> EvaluationDialog:
    dialog = EvaluationDialog(storage, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_period_is_the_last_fourteen_days(
    qtbot: QtBot, installation: Installation, sync_runner: TaskRunner
) -> None:
    dialog = EvaluationDialog(installation.storage, sync_runner, today=date(2026, 11, 21))
    qtbot.addWidget(dialog)
    assert dialog.period() == (date(2026, 11, 8), date(2026, 11, 21))
    assert dialog.compared.text() == "14 hari; dibandingkan dengan 25 Okt – 7 Nov 2026"
    dialog.set_period(date(2026, 11, 1), date(2026, 11, 14))
    assert dialog.compared.text().endswith("dibandingkan dengan 18 Okt – 31 Okt 2026")
    assert dialog.pdf.isChecked()


def test_one_click_makes_the_evaluation_pdf(
    qtbot: QtBot,
    installation: Installation,
    monitored: dict[str, Any],
    sync_runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    dialog = open_evaluation(qtbot, installation.storage, sync_runner)
    offered: list[str] = []
    save_as(monkeypatch, tmp_path / "e.pdf", offered)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)

    start, end = days_ago(13), clock.today()
    assert Path(offered[0]).name == f"evaluasi-sp-online-{start}-sd-{end}.pdf"
    assert dialog.last_path == tmp_path / "e.pdf" and dialog.last_path.exists()
    assert not dialog.result_label.isHidden() and not dialog.open_file.isHidden()
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "e.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts = staff_counts_from_db(installation)[SOSIAL]
    row = re.search(rf"\d+ {SOSIAL} +(\d+) +(\d+) +([\d,]+%) +(\d+) +[\d,]+% +(\d+) +[\d,]+%", text)
    assert row is not None, text
    assert row.groups() == (
        str(sum(counts.values())),
        str(counts["sudah"]),
        percent(counts["sudah"], sum(counts.values())),
        str(counts["gagal"]),
        str(counts["belum"]),
    )
    assert "Ditandatangani elektronik" in text  # signed with the office key

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    qtbot.mouseClick(dialog.open_file, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "e.pdf"))]


def test_the_evaluation_as_a_workbook(
    qtbot: QtBot,
    installation: Installation,
    monitored: dict[str, Any],
    sync_runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    dialog = open_evaluation(qtbot, installation.storage, sync_runner)
    qtbot.mouseClick(
        dialog.xlsx, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.xlsx.height() // 2)
    )
    assert dialog.kind() == "xlsx"
    offered: list[str] = []
    save_as(monkeypatch, tmp_path / "e.xlsx", offered)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert offered[0].endswith(".xlsx")

    workbook = load_workbook(tmp_path / "e.xlsx", read_only=True)
    try:  # read-only workbooks keep the file open until closed
        rows = list(workbook["Per OPD"].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = list(rows[0])
    by_opd = {r[header.index("OPD")]: r for r in rows[1:]}
    for opd, counts in staff_counts_from_db(installation).items():
        row = by_opd[opd]
        assert row[header.index("Jumlah ASN")] == sum(counts.values())
        for status, column in (("sudah", "Sudah"), ("gagal", "Gagal"), ("belum", "Belum")):
            assert row[header.index(column)] == counts[status], (opd, status)


def test_a_failed_evaluation_says_why_and_leaves_no_file(
    qtbot: QtBot,
    installation: Installation,
    monitored: dict[str, Any],
    sync_runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    dialog = open_evaluation(qtbot, installation.storage, sync_runner)
    target = tmp_path / "tidak-ada" / "e.pdf"  # a folder that is not there (flashdisk gone)
    save_as(monkeypatch, target, [])
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert not dialog.message.isHidden() and dialog.message.text()
    assert dialog.result_label.isHidden() and dialog.open_file.isHidden()
    assert not target.parent.exists() or not any(target.parent.iterdir())
    assert dialog.make_button.isEnabled()

    dialog.set_period(clock.today(), days_ago(3))
    save_as(monkeypatch, tmp_path / "e.pdf", [])
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith("Tanggal akhir jatuh sebelum tanggal awal")
    assert not (tmp_path / "e.pdf").exists()
