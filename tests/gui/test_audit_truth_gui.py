"""The audit trail says what happened: no print that was cancelled, the evaluation PDF that
left the PC, and a roster import called a roster import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from factories import make_household
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sp_desktop.core.documents.roster import RosterEntry
from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.trust import audit
from sp_desktop.ui.accounts.audit_dialog import AuditDialog
from sp_desktop.ui.documents.documents_dialog import DocumentsDialog
from sp_desktop.ui.monitoring.evaluation_dialog import EvaluationDialog
from sp_desktop.ui.worker import TaskRunner

NIP = "198501012010011008"


def test_a_print_cancelled_in_the_print_dialog_is_not_in_the_trail(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post]
) -> None:
    storage = installation.storage
    storage.save_household(make_household())
    dialog = DocumentsDialog(installation, TaskRunner(synchronous=True), kind="recap")
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []

    def cancel_printing() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QPrintDialog):
            QTimer.singleShot(10, cancel_printing)
            return
        seen.append(box.windowTitle())
        box.reject()  # the real print dialog, cancelled

    QTimer.singleShot(10, cancel_printing)
    dialog.print_button.click()
    assert seen == ["Cetak"]
    assert storage.audit_entries(action=audit.PRINT) == []
    assert "dikirim ke pencetak" not in dialog.message.text()


def test_the_evaluation_pdf_is_in_the_trail(
    qtbot: QtBot, installation: Installation, tmp_path: Path
) -> None:
    storage = installation.storage
    dialog = EvaluationDialog(storage, TaskRunner(synchronous=True), today=date(2020, 9, 30))
    qtbot.addWidget(dialog)
    target = tmp_path / "evaluasi.pdf"
    dialog.save_to(target)
    assert target.exists(), dialog.message.text()
    [entry] = [e for e in storage.audit_entries(action=audit.EXPORT)]
    assert entry.entity == "evaluasi_dua_mingguan"
    assert entry.details["berkas"] == "evaluasi.pdf" and len(entry.details["sha256"]) == 64
    assert audit.action_label(entry.action, entry.entity) == "Ekspor evaluasi dua mingguan"


def test_a_roster_import_is_called_a_roster_import(
    qtbot: QtBot, installation: Installation
) -> None:
    storage = installation.storage
    storage.import_roster([RosterEntry(3, NIP, "Ahmad Fauzi", "Dinas Sosial", "")])
    dialog = AuditDialog(storage)
    qtbot.addWidget(dialog)
    shown = [
        dialog.model.data(dialog.model.index(row, dialog.model.COLUMNS.index("action")))
        for row in range(dialog.model.rowCount())
    ]
    assert "Impor daftar pegawai ASN" in shown
    assert "Impor paket data" not in shown
