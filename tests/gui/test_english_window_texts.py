"""The sync and evaluation windows name record kinds, dates and numbers in English."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime

import pytest
from factories import make_helper
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sp_desktop.core.base import i18n
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage
from sp_desktop.ui.shell.language import apply_language


def test_the_sync_windows_name_record_kinds_and_dates_in_english(english: None) -> None:
    """The window shows sync_docs' record kinds (marked N_ in the core) through `_()`, and
    its dates and numbers in the window's language."""
    from sp_desktop.core.domain import sync_docs
    from sp_desktop.ui.monitoring.evaluation_dialog import period_text
    from sp_desktop.ui.sync.conflicts_dialog import KIND_TITLES, describe_conflict
    from sp_desktop.ui.sync.sync_dialog import counts_text

    counts = {sync_docs.HOUSEHOLD.name: 1234, sync_docs.VISIT.name: 5}
    assert counts_text(counts, 2) == "1,234 households, 5 visits, 2 proof files"
    # One record's title is singular (the window's catalogue); the core's labels are counts.
    assert set(KIND_TITLES) == {kind.name for kind in sync_docs.KINDS}
    conflict = sync_docs.Conflict("doc", sync_docs.HOUSEHOLD, "id", ())
    assert period_text(date(2020, 8, 1), date(2020, 8, 14)) == "1 Aug – 14 Aug 2020"
    i18n.set_language("id")
    assert counts_text(counts, 2) == "1.234 rumah tangga, 5 kunjungan, 2 berkas bukti"
    assert describe_conflict(conflict, {})[0].startswith("Rumah tangga")
    assert period_text(date(2020, 8, 1), date(2020, 8, 14)) == "1 Agu – 14 Agu 2020"


# -- issue 15, section 2: Indonesian left in the English window ----------------------------

# Indonesian words none of the English texts below may keep.
INDONESIAN = re.compile(
    r"\b(Belum|terkirim|sinkron|Konflik|Versi|dipakai|diubah|hari ini|Nama|kepala|keluarga"
    r"|Alamat|Jumlah|anggota|Persetujuan|dicatat|Waktu|Ya|Tidak|dari|sudah|mengisi|orang"
    r"|kurang|batas|waktu|terdekat|bawah|Masuk|Keluar|kunci|Ubah|pengaturan|Buat|pegawai"
    r"|jenis|Petugas|pendamping|angka)\b"
)


@pytest.fixture
def english_window(qapp: QApplication) -> Iterator[None]:
    """The window switched to English, as SP_DESKTOP_LANG=en starts it; Indonesian after."""
    apply_language("en")
    try:
        yield
    finally:
        apply_language("id")


def english_and_indonesian(show: Callable[[], str]) -> tuple[str, str]:
    """What `show` says in the English window, then in the Indonesian one."""
    english = show()
    apply_language("id")
    try:
        return english, show()
    finally:
        apply_language("en")


def test_the_status_bar_and_the_signed_in_role_are_english(
    english_window: None, qtbot: QtBot, installation: Installation
) -> None:
    from sp_desktop.core.domain.sync_docs import SyncStatus
    from sp_desktop.ui.accounts.session import LockScreen, SignInPanel
    from sp_desktop.ui.shell.main_window import MainWindow
    from sp_desktop.ui.sync.sync_dialog import status_bar_html
    from sp_desktop.ui.worker import TaskRunner

    status = SyncStatus(1115, "", "", 1, 0, 0)
    english, indonesian = english_and_indonesian(lambda: status_bar_html(status, clickable=False))
    assert "1,115" in english and "Belum" not in english and "Konflik" not in english
    assert not INDONESIAN.search(re.sub(r"<[^>]*>", "", english)), english
    assert indonesian.startswith("Belum pernah sinkron · Belum terkirim: 1.115 · ")
    assert "Konflik: 1</span>" in indonesian

    storage = installation.storage
    helper = storage.save_helper(make_helper(8, "Baiq Nurul Hakim"))
    account = storage.save_account(helper, Role.HELPER)
    win = MainWindow(installation, TaskRunner(synchronous=True))
    qtbot.addWidget(win)
    storage.sign_in(account.id)

    def shown() -> str:
        win._show_account()
        lock = LockScreen()
        lock.show_for(storage.actor)
        lock.deleteLater()
        return win.account_label.text() + " | " + lock.title.text()

    english, indonesian = english_and_indonesian(shown)
    assert "(Helper)" in english and "pendamping" not in english
    assert indonesian.count("(Petugas pendamping)") == 2
    panel = SignInPanel()
    assert panel.nip.placeholderText() == "18 digits"
    panel.deleteLater()


def test_the_conflicts_dialog_is_english(english_window: None) -> None:
    """Column heads, the rows' field names and Yes/No (the buttons and the footer use the
    same version names)."""
    from sp_desktop.ui.sync.conflicts_dialog import field_label, value_text, version_name

    def shown() -> str:
        names = ("head_name", "address", "members", "consent", "consent_at")
        return " | ".join(
            [version_name(0), *(field_label(n) for n in names), value_text("consent", True, {})]
        )

    english, indonesian = english_and_indonesian(shown)
    assert english.startswith("Version A | "), english
    assert english.endswith(" | Yes"), english
    assert not INDONESIAN.search(english), english
    assert indonesian == (
        "Versi A | Nama kepala keluarga | Alamat | Jumlah anggota keluarga"
        " | Persetujuan dicatat | Waktu persetujuan | Ya"
    )


def test_the_staff_summary_is_english(english_window: None) -> None:
    from sp_desktop.core.domain.monitoring import StaffCounts
    from sp_desktop.ui.monitoring.staff_figures import ScopeSummary, counts_html, summary_text

    summary = ScopeSummary(
        "Dinas Sosial", StaffCounts(117, 20, 63), 164, None, date(2026, 12, 15), offices=9,
        offices_below=8, as_of=date(2026, 12, 7),
    )  # fmt: skip

    english, indonesian = english_and_indonesian(
        lambda: summary_text(summary) + " | " + counts_html(summary)
    )
    assert "117" in english and "200" in english and "15 December 2026" in english
    assert not INDONESIAN.search(re.sub(r"<[^>]*>", "", english)), english
    assert indonesian.startswith(
        "Dinas Sosial: 117 dari 200 ASN sudah mengisi (58,5%) · target masing-masing OPD "
        "(164 orang) · kurang 47 orang · batas waktu terdekat 15 Desember 2026 | "
    ), indonesian
    assert indonesian.endswith("OPD di bawah target: 8 dari 9")


def test_the_audit_trail_is_english_and_its_entries_unchanged(
    english_window: None, storage: Storage
) -> None:
    from sp_desktop.core.trust import audit
    from sp_desktop.ui.accounts.audit_dialog import AuditTableModel

    def entry(seq: int, action: str, entity: str, details: dict[str, object]) -> audit.Entry:
        at = "2026-12-07T10:49:00.000000Z"
        return audit.Entry(seq, at, "", "Admin", action, entity, "x" * 32, details, "0" * 64)

    entries = [
        entry(1, audit.LOGIN, "akun", {}),
        entry(2, audit.LOGOUT, "akun", {}),
        entry(3, audit.SETTING, "pengaturan", {}),
        entry(4, audit.CREATE, "status_pegawai", {}),
        entry(5, audit.DELETE, "target", {"deadline": "2026-12-15", "jenis": "opd"}),
    ]
    model = AuditTableModel()
    model.set_rows(entries)

    def column(name: str) -> list[str]:
        number = AuditTableModel.COLUMNS.index(name)
        return [model.data(model.index(row, number)) for row in range(len(entries))]

    def shown() -> str:
        return " | ".join(column("action") + column("data") + column("details") + column("at"))

    english, indonesian = english_and_indonesian(shown)
    assert "Sign in | Sign out / lock | Change settings | Create | Delete | " in english
    assert "status pegawai" not in english and ":49" in english and ".49" not in english
    assert not INDONESIAN.search(english), english
    assert indonesian.startswith("Masuk | Keluar / kunci | Ubah pengaturan | Buat | Hapus | ")
    assert "status pegawai xxxxxxxx" in indonesian
    assert "batas waktu: 2026-12-15; jenis: opd" in indonesian and ".49" in indonesian
    # What the trail stores stays as it was.
    assert audit.action_label(audit.LOGOUT, "akun") == "Keluar / kunci"


def test_the_revisit_agenda_reasons_are_english(english_window: None) -> None:
    from sp_desktop.core.domain.agenda import AgendaLine
    from sp_desktop.core.domain.model import FailureReason, Outcome
    from sp_desktop.ui.households.agenda_dialog import AgendaTableModel

    line = AgendaLine(
        "h1", "Baiq Nurul Hakim", "", "", "5271011001", "Ampenan Selatan", "Jl. Saleh 3",
        "001", "002", 4, Outcome.GAGAL, FailureReason.SITUS_SIBUK, "coba malam",
        "", date(2026, 12, 7), datetime(2026, 12, 1, 9, 0), 1, "Lalu", "1985", "p1", "Posko",
        False,
    )  # fmt: skip
    model = AgendaTableModel()
    model.set_lines([line], date(2026, 12, 7))
    index = model.index(0, AgendaTableModel.COLUMNS.index("reason"))

    english, indonesian = english_and_indonesian(lambda: str(model.data(index)))
    assert (
        english
        == QCoreApplication.translate("FailureReason", FailureReason.SITUS_SIBUK.label)
        + ": coba malam"
    )
    assert english != indonesian
    assert indonesian == f"{FailureReason.SITUS_SIBUK.label}: coba malam" == line.reason_text


def test_the_dashboard_chart_writes_english_numbers(english_window: None) -> None:
    from sp_desktop.ui.monitoring.dashboard_dialog import _locale

    english, indonesian = english_and_indonesian(lambda: _locale().toString(39.1, "f", 1))
    assert (english, indonesian) == ("39.1", "39,1")


def test_sizes_and_sync_counts_follow_the_language() -> None:
    from sp_desktop.core.domain.sync_docs import HOUSEHOLD, ApplySummary
    from sp_desktop.core.sync.hub import HubResult
    from sp_desktop.ui.widgets import size_text

    pulled = ApplySummary({HOUSEHOLD.name: 1234}, {}, {}, unchanged=5678)
    result = HubResult(pushed=2500, pulled=pulled)
    i18n.set_language("en")
    try:
        assert size_text(1536) == "1.5 KB" and size_text(2_500_000) == "2.4 MB"
        english = "\n".join(result.lines())
    finally:
        i18n.set_language("id")
    assert size_text(1536) == "1,5 KB" and size_text(2_500_000) == "2,4 MB"
    indonesian = "\n".join(result.lines())
    assert "2,500" in english and "1,234" in english and "5,678" in english
    assert "2.500" in indonesian and "1.234" in indonesian and "5.678" in indonesian
