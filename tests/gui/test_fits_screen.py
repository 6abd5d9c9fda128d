"""Every window and dialog fits an office screen: 1366x768 at 125% scaling is 1093x614
logical pixels (issue 15). A window fits when its size and its smallest usable size
(minimumSizeHint) both fit; the main window must also open inside the available area.

The dialogs behind the menus are found by triggering every menu entry of the main window
(for each role) and measuring whatever opens; the others (login, set-up, recovery, proof
files, roster import, staff forms) are built directly. Each test prints the class names it
checked (`pytest -s` shows them)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from factories import (
    ADMIN_PASSWORD,
    AMPENAN_SELATAN,
    HELPER_PASSWORD,
    make_helper,
    make_household,
    make_post,
    make_visit,
)
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.model import Outcome
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.shell.app import place_main_window
from sp_desktop.ui.shell.main_window import MainWindow
from sp_desktop.ui.worker import TaskRunner

SCREEN = QSize(1093, 614)  # 1366x768 at 125%, logical pixels
ROLES = (Role.ADMIN, Role.COORDINATOR, Role.OPD_ADMIN, Role.HELPER)
# Opened from the menus by an administrator: a menu that stops opening one is noticed.
ADMIN_MENU_DIALOGS = {
    "PeopleDialog",
    "DocumentsDialog",
    "VerifyDialog",
    "KeysDialog",
    "ChangePasswordDialog",
    "AccountsDialog",
    "AuditDialog",
    "SyncDialog",
    "ConflictsDialog",
    "StaffDialog",
    "DashboardDialog",
    "TargetsDialog",
    "EvaluationDialog",
    "AboutDialog",
}


def problems_of(widget: QWidget) -> list[str]:
    """What does not fit: the smallest usable size (minimumSizeHint) must fit 1093x614, and
    the size the window gave itself must fit 1093x614 or, where the test's own screen is
    larger (offscreen: 800x800), that screen's available area, which windows size from."""
    name = type(widget).__name__
    title = widget.windowTitle()
    area = widget.screen().availableGeometry().size()
    limits = (
        ("minimumSizeHint", widget.minimumSizeHint(), SCREEN),
        ("size", widget.size(), SCREEN.expandedTo(area)),
    )
    found = []
    for what, size, limit in limits:
        if size.width() > limit.width() or size.height() > limit.height():
            found.append(
                f"{name} ({title!r}): {what} {size.width()}x{size.height()} does not fit "
                f"{limit.width()}x{limit.height()}"
            )
    return found


@dataclass
class Checked:
    names: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def check(self, widget: QWidget) -> None:
        QApplication.processEvents()  # sizes set by a zero timer after showing
        self.names.append(type(widget).__name__)
        self.problems.extend(problems_of(widget))

    def assert_fits(self, label: str) -> None:
        print(f"\n{label}: checked {', '.join(self.names)}")
        assert not self.problems, "\n".join(self.problems)


def close_politely(widget: QWidget) -> None:
    """Leave a dialog the way Escape would: nothing chosen, nothing changed."""
    if isinstance(widget, QMessageBox) and widget.escapeButton() is not None:
        widget.escapeButton().click()
    elif isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()


def open_and_measure(trigger: Callable[[], object], checked: Checked) -> None:
    """Run `trigger`; every window it opens (modal ones from inside their own event loop)
    is measured once settled, then closed."""
    before = set(QApplication.topLevelWidgets())
    seen: dict[int, int] = {}

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        seen[id(modal)] = seen.get(id(modal), 0) + 1
        if seen[id(modal)] >= 2:  # shown and laid out at least one poll ago
            checked.check(modal)
            close_politely(modal)

    timer = QTimer()
    timer.setInterval(60)
    timer.timeout.connect(poll)
    timer.start()
    try:
        trigger()
    finally:
        timer.stop()
    for widget in QApplication.topLevelWidgets():
        if widget not in before and widget.isVisible() and not isinstance(widget, MainWindow):
            settle(150)
            checked.check(widget)
            close_politely(widget)


def settle(ms: int) -> None:
    from PySide6.QtTest import QTest

    QTest.qWait(ms)


def is_quit(action: QAction) -> bool:
    """Berkas > Keluar closes the window (offscreen, Quit has no key sequence)."""
    quit_key = QKeySequence(QKeySequence.StandardKey.Quit)
    if not quit_key.isEmpty() and action.shortcut() == quit_key:
        return True
    return action.text().replace("&", "") in ("Keluar", "Quit", "Exit")


def walk_menus(window: MainWindow, checked: Checked, *, nip: str, password: str) -> None:
    """Trigger every menu entry but Quit; the lock entries are unlocked again."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu) or not top.isVisible():
            continue
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            if not (action.isVisible() and action.isEnabled()) or is_quit(action):
                continue
            open_and_measure(action.trigger, checked)
            if window.locked:
                window.unlock(nip, password)
            window.form.discard_changes()


ACCOUNTS = {
    Role.ADMIN: make_helper(),
    Role.COORDINATOR: make_helper(21, "Ni Made Ayu Lestari"),
    Role.OPD_ADMIN: make_helper(22, "Yohanes Seran"),
    Role.HELPER: make_helper(23, "Siti Rahmawati"),
}


@pytest.fixture
def office(data_dir: Path) -> Path:
    """An installation with an account of each role and one household with visits."""
    inst, _key = Installation.create(
        data_dir,
        office="Kantor Lurah Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=ACCOUNTS[Role.ADMIN],
        password=ADMIN_PASSWORD,
    )
    try:
        storage = inst.storage
        for role, helper in ACCOUNTS.items():
            if role is not Role.ADMIN:
                inst.save_account(helper, role, password=HELPER_PASSWORD)
        admin = next(h for h in storage.helpers() if h.nip == ACCOUNTS[Role.ADMIN].nip)
        post = storage.save_post(make_post())
        household = make_household(1, name="Baiq Nurul Hakim")
        storage.save_household(household, make_visit(household, admin, post, Outcome.BELUM))
        storage.add_visit(make_visit(household, admin, post, Outcome.BERHASIL))
    finally:
        inst.close()
    return data_dir


@contextlib.contextmanager
def main_window(qtbot: QtBot, installation: Installation) -> Iterator[MainWindow]:
    """The main window as the app opens it: placed by `place_main_window`."""
    runner = TaskRunner(synchronous=True)
    window = MainWindow(installation, runner)
    place_main_window(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        yield window
    finally:
        window.form.discard_changes()
        window.close()
        window.deleteLater()
        runner.shutdown()


@pytest.mark.parametrize("role", ROLES, ids=[role.value for role in ROLES])
def test_main_window_and_its_menus_fit(qtbot: QtBot, office: Path, role: Role) -> None:
    nip = ACCOUNTS[role].nip
    password = ADMIN_PASSWORD if role is Role.ADMIN else HELPER_PASSWORD
    installation = Installation.open(office, nip, password)
    checked = Checked()
    try:
        with main_window(qtbot, installation) as window:
            area = window.screen().availableGeometry()
            assert area.contains(window.frameGeometry()), (
                f"main window {window.frameGeometry()} is not inside {area}"
            )
            checked.check(window)
            # At 1366x768 and 125% beside a taskbar (1093x582, less the frame) the whole
            # form shows beside the list, without scrolling.
            window.resize(SCREEN.width() - 16, 582 - 40)
            window.fit_panels(window.width())
            QApplication.processEvents()
            form, viewport = window.form.minimumSizeHint(), window.form_scroll.viewport().size()
            assert form.width() <= viewport.width() and form.height() <= viewport.height(), (
                f"the form needs {form.width()}x{form.height()}, it has {viewport.width()}x"
                f"{viewport.height()} at 1093x582"
            )
            window.table.selectRow(0)
            qtbot.waitUntil(lambda: window.form.household_id is not None)
            walk_menus(window, checked, nip=nip, password=password)
    finally:
        installation.close()
    if role is Role.ADMIN:
        missing = ADMIN_MENU_DIALOGS - set(checked.names)
        assert not missing, f"the menus no longer opened {sorted(missing)}"
    checked.assert_fits(f"main window ({role.value})")


def test_dialogs_outside_the_menus_fit(qtbot: QtBot, office: Path, tmp_path: Path) -> None:
    from sp_desktop.ui.accounts.keys_dialog import PasteKeyDialog
    from sp_desktop.ui.accounts.session import (
        LoginDialog,
        RecoveryDialog,
        RecoverySheetDialog,
        SetupDialog,
    )
    from sp_desktop.ui.households.proofs_dialog import ProofsDialog
    from sp_desktop.ui.monitoring.roster_import_dialog import RosterImportDialog
    from sp_desktop.ui.monitoring.staff_forms import StaffEditDialog, StatusDialog

    checked = Checked()

    def measure(dialog: QDialog) -> None:
        dialog.show()
        qtbot.waitExposed(dialog)
        checked.check(dialog)
        dialog.reject()
        dialog.deleteLater()

    measure(LoginDialog(office))
    measure(RecoveryDialog(office))
    measure(SetupDialog(tmp_path / "new"))
    installation = Installation.open(office, ACCOUNTS[Role.ADMIN].nip, ADMIN_PASSWORD)
    runner = TaskRunner(synchronous=True)
    parent = QWidget()
    parent.resize(800, 500)
    try:
        storage = installation.storage
        household = storage.household_by_kk(make_household(1).no_kk)
        assert household is not None
        visit = storage.visits_for(household.id)[0]
        measure(ProofsDialog(storage, visit, parent, runner=runner))
        measure(RosterImportDialog(storage, runner, parent))
        measure(StaffEditDialog(storage, None, scope=None, parent=parent, runner=runner))
        measure(StatusDialog(storage, runner, [], parent))
        measure(PasteKeyDialog(parent))
        key = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
        measure(RecoverySheetDialog(installation, key, parent))
    finally:
        parent.deleteLater()
        runner.shutdown()
        installation.close()
    checked.assert_fits("other dialogs")


def test_the_check_fails_for_a_window_too_large(qtbot: QtBot) -> None:
    """The measure itself: a dialog of the old fixed sizes does not pass."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(1180, 640)
    dialog.show()
    problems = problems_of(dialog)
    assert problems and "QDialog" in problems[0] and "1180x640" in problems[0]


OFFICE_SCREEN_ENV = "SP_DESKTOP_TEST_OFFICE_SCREEN"


@pytest.mark.skipif(bool(os.environ.get(OFFICE_SCREEN_ENV)), reason="already on it")
def test_the_same_checks_on_a_screen_of_exactly_1093x614(tmp_path: Path) -> None:
    """The suite's own offscreen screen is 800x800, where a window sized from the screen's
    height is not tried against 614 px: run this file again on an offscreen screen of
    exactly 1093x614 (Qt's offscreen platform takes its screens from a file)."""
    config = tmp_path / "screen.json"
    screen = {"name": "office", "x": 0, "y": 0, "width": SCREEN.width()}
    screen |= {"height": SCREEN.height(), "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    environment = os.environ | {
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        OFFICE_SCREEN_ENV: "1",
    }
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:cov",
         __file__],
        env=environment, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "1 skipped" in run.stdout  # this test, not again inside


def test_a_narrow_filter_ends_its_choice_in_an_ellipsis_and_tells_it_whole(qtbot: QtBot) -> None:
    from sp_desktop.ui.widgets import ElidedComboBox

    combo = ElidedComboBox()
    qtbot.addWidget(combo)
    combo.addItem("Semua kelurahan/desa di Kota Mataram")
    combo.setMinimumContentsLength(4)
    combo.setSizeAdjustPolicy(ElidedComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.resize(90, combo.sizeHint().height())
    combo.show()
    combo.grab()  # paints
    assert combo.toolTip() == "Semua kelurahan/desa di Kota Mataram"
    combo.resize(600, combo.height())
    combo.grab()
    assert combo.toolTip() == ""
