"""The Pemantauan menu in the main window: who sees it, and where an OPD admin starts."""

from __future__ import annotations

from datetime import date

from factories import make_helper, make_household
from gui_support import shown_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from sp_desktop.core.domain.identifiers import compose_nip
from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.domain.monitoring import Staff
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.monitoring.dashboard_dialog import DashboardDialog
from sp_desktop.ui.monitoring.staff_dialog import StaffDialog, StatusDialog

OPD_ADMIN = Helper(
    nip=compose_nip(date(1981, 2, 3), date(2006, 1, 1), True, 55),
    name="Kasubag Umum Dinas Sosial",
    opd="Dinas Sosial",
)


def test_menu_follows_the_role(qtbot: QtBot, installation: Installation) -> None:
    with shown_window(qtbot, installation) as window:
        assert window.monitor_menu.menuAction().isVisible()
        assert window.targets_action.isVisible()
        helper = make_helper(41, "Made Wirawan")
        installation.save_account(helper, Role.HELPER, password="petugas-made-2020")
        window.lock()
        window.unlock(helper.nip, "petugas-made-2020")
        assert not window.monitor_menu.menuAction().isVisible()
        window.lock()
        window.unlock(make_helper().nip, "admin-ampenan-2020")
        assert window.monitor_menu.menuAction().isVisible()


def test_dashboard_is_one_window_beside_the_main_one(
    qtbot: QtBot, installation: Installation
) -> None:
    with shown_window(qtbot, installation) as window:
        window.dashboard_action.trigger()
        first = window.dashboard
        assert isinstance(first, DashboardDialog) and first.isVisible()
        assert not first.isModal()
        window.dashboard_action.trigger()
        assert window.dashboard is first  # raised again, not a second copy
        first.close()
        qtbot.waitUntil(lambda: window.dashboard is None)


def test_opd_admin_starts_on_their_staff(qtbot: QtBot, installation: Installation) -> None:
    storage = installation.storage
    storage.save_staff(
        Staff(
            nip=compose_nip(date(1985, 1, 1), date(2010, 1, 1), False, 8),
            name="Ahmad",
            opd="Dinas Sosial",
        )
    )
    installation.save_account(OPD_ADMIN, Role.OPD_ADMIN, password="sosial-mataram-2020")
    installation.unlock(OPD_ADMIN.nip, "sosial-mataram-2020")
    seen: list[QWidget] = []

    def close_staff_screen() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StaffDialog):
            seen.append(dialog)
            dialog.reject()
        else:
            QTimer.singleShot(50, close_staff_screen)

    with shown_window(qtbot, installation) as window:
        QTimer.singleShot(50, close_staff_screen)
        window.run_startup_tasks()
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert window.monitor_menu.menuAction().isVisible()
        assert not window.targets_action.isVisible()
        window.lock()
        window.unlock(make_helper().nip, "admin-ampenan-2020")


def pending_in(label_text: str) -> str:
    """'Belum terkirim: 12' out of the status bar's sync text."""
    return next(p for p in label_text.split(" · ") if p.startswith("Belum terkirim"))


def test_a_change_reaches_every_open_view_at_once(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> None:
    """The window's change bus: a status recorded on the staff screen shows on the open
    dashboard without its timer, and a saved household in the list and the status bar."""
    storage = installation.storage
    ahmad = storage.save_staff(
        Staff(nip=compose_nip(date(1985, 1, 1), date(2010, 1, 1), False, 8), name="Ahmad",
              opd="Dinas Sosial")
    )  # fmt: skip
    with shown_window(qtbot, installation) as window:
        window.dashboard_action.trigger()
        dashboard = window.dashboard
        assert isinstance(dashboard, DashboardDialog)
        dashboard.timer.stop()  # only the bus may bring the new figures now
        assert "sudah 0 (0,0%)" in dashboard.opd_total.text()
        shown_at = dashboard.updated_at

        staff_screen = StaffDialog(storage, window.runner, window, bus=window.bus)
        qtbot.addWidget(staff_screen)
        staff_screen.show()
        staff_screen.select_staff([ahmad.id])
        staff_screen.record_status()
        status = staff_screen.status_dialog
        assert isinstance(status, StatusDialog)
        qtbot.mouseClick(status.save_button, Qt.MouseButton.LeftButton)
        assert storage.staff_list()[0].status == "sudah"
        assert "sudah 1 (100,0%)" in dashboard.opd_total.text()
        assert dashboard.updated_at != shown_at and not dashboard.timer.isActive()
        staff_screen.reject()

        before = pending_in(window.sync_label.text())
        post = people[1]
        household = make_household(7, name="Lalu Sahnan Mahrup")
        form = window.form
        form.new_household()
        form.no_kk.setText(household.no_kk)
        form.head_name.setText(household.head_name)
        form.head_nik.setText(household.head_nik)
        form.kelurahan.set_code(household.kelurahan_code)
        form.rt.setText(household.rt)
        form.rw.setText(household.rw)
        form.consent.setChecked(True)
        form.post.setCurrentIndex(form.post.findData(post.id))
        assert form.save(), form.banner.text()
        model = window.model
        assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
            "Lalu Sahnan Mahrup"
        ]
        assert window.counts_label.text().startswith("1 rumah tangga")
        assert pending_in(window.sync_label.text()) != before
        dashboard.close()
