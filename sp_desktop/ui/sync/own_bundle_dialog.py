"""A petugas's own data bundle: the households they entered, sealed to the offices they
tick (their kelurahan office), for a posko with no coordinator (bundle.write_own_bundle)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base import clock
from sp_desktop.core.domain.sync_docs import BUNDLE_SUFFIX
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.documents.printing import ask_save_path
from sp_desktop.ui.households.task_panel import TaskDialog, TaskPanel
from sp_desktop.ui.operations import ChangeBus
from sp_desktop.ui.sync.recipients import RecipientChecks
from sp_desktop.ui.sync.sync_dialog import SUCCESS_STYLE, counts_text
from sp_desktop.ui.widgets import size_text
from sp_desktop.ui.worker import TaskContext, TaskRunner


class OwnBundleDialog(TaskDialog):
    def __init__(
        self,
        installation: Installation,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self.installation = installation
        self.storage = installation.storage
        self.last_path: Path | None = None
        self.setWindowTitle(self.tr("Kirim data saya ke kantor"))
        intro = QLabel(
            self.tr(
                "Paket ini berisi rumah tangga yang Anda catat, dengan kunjungan dan bukti "
                "pengisiannya, bertanda tangan kunci petugas kantor ini. Paket selalu disegel: "
                "hanya kantor yang Anda centang yang bisa membukanya. Bawa dengan flashdisk "
                "atau kirim sebagai dokumen WhatsApp."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.recipients = RecipientChecks(
            self.storage,
            self.tr(
                "Belum ada kantor penerima. Minta admin komputer ini mengimpor kunci publik "
                "(.spkunci) kantor kelurahan Anda lewat Dokumen › Kunci tanda tangan kantor."
            ),
            self,
            tick_a_single_office=True,
        )
        self.export_button = QPushButton(self.tr("Buat paket &data saya…"), self)
        self.export_button.setDefault(True)
        self.export_button.setEnabled(self.recipients.any_sealable())
        self.export_button.clicked.connect(self.choose_path)
        self.panel = TaskPanel(runner, self, bus=bus)
        self.watch_panel()
        self.panel.busy_changed.connect(lambda busy: self.export_button.setEnabled(not busy))
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)  # office names come from others
        self.result_label.setStyleSheet(SUCCESS_STYLE)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.open_folder = QPushButton(self.tr("Buka &folder"), self)
        self.open_folder.setAutoDefault(False)
        self.open_folder.clicked.connect(self._open_folder)
        self.open_folder.hide()
        close = QPushButton(self.tr("T&utup"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        send_row = QHBoxLayout()
        send_row.addWidget(self.export_button)
        send_row.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_folder)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Segel untuk kantor:"), self))
        layout.addWidget(self.recipients)
        layout.addLayout(send_row)
        layout.addWidget(self.panel)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.setMinimumWidth(560)

    def chosen(self) -> list[Any]:
        return self.recipients.chosen()

    def choose_path(self) -> None:
        if not self.chosen():
            self.panel.message.show_message(
                self.tr("Centang kantor yang boleh membuka paket ini."), "warn"
            )
            return
        name = f"paket-petugas-{self.storage.actor.nip if self.storage.actor else ''}"
        path = ask_save_path(
            self,
            self.tr("Simpan paket data"),
            f"{name}-{clock.local_now():%Y%m%d-%H%M}{BUNDLE_SUFFIX}",
            self.tr("Paket data SP Desktop (*%s)") % BUNDLE_SUFFIX,
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the bundle to `path` (after the save dialog, or directly in tests)."""
        from sp_desktop.core.sync.bundle import write_own_bundle

        if self.panel.busy or not self.chosen():
            return
        storage = self.storage
        recipients = [key.exchange for key in self.chosen()]
        offices = ", ".join(key.office or key.fingerprint for key in self.chosen())

        def work(context: TaskContext) -> Any:
            context.report(0, 0, "")
            return write_own_bundle(storage, path, recipients=recipients, progress=context)

        def done(result: Any) -> None:
            self.last_path = result.path
            what = counts_text(result.counts, result.files)
            self.result_label.setText(
                self.tr("Paket data disimpan (%s):\n%s\n\nIsi: %s.\n\nDisegel untuk: %s.")
                % (size_text(result.size), result.path, what, offices)
            )
            self.result_label.show()
            self.open_folder.show()

        self.panel.run(
            work,
            done,
            status=self.tr("Membuat paket data %s…") % path.name,
            cancelled_text=self.tr("Dibatalkan; paket tidak dibuat."),
            initiator=self,
        )

    def _open_folder(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path.parent)))
