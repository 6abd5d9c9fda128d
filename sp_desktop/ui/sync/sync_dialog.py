"""Kirim & terima data: signed data bundles (flashdisk, WhatsApp) and the optional hub.

A bundle is made here and carried to the other office by hand; the other office imports
it in this same dialog. A bundle signed by a key this PC does not trust yet stops with a
question: the receiver reads the sender's key fingerprint out over the phone first, and
only an admin may then trust it. Everything slow (writing, checking, applying, talking to
the server) runs in the TaskRunner with a progress bar and Batal; the outcome is shown in
the dialog. The server part is optional: SP Desktop works fully without one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base import clock, i18n
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.domain import sync_docs
from sp_desktop.core.domain.model import from_utc_text
from sp_desktop.core.domain.permissions import Permission
from sp_desktop.core.domain.sync_docs import SyncStatus
from sp_desktop.core.domain.text import day_datetime_text, format_count, short_date_text, time_text
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.documents.printing import ask_save_path, documents_folder
from sp_desktop.ui.households.task_panel import TaskDialog, TaskPanel
from sp_desktop.ui.operations import ALL_DATA, NOTHING, ChangeBus, Changes, run_write
from sp_desktop.ui.sync.recipients import NOTE_STYLE, RecipientChecks
from sp_desktop.ui.widgets import Field, size_text
from sp_desktop.ui.worker import TaskContext, TaskRunner

BUNDLE_SUFFIX = sync_docs.BUNDLE_SUFFIX
WARNING_STYLE = "color: #8a5a00; font-weight: bold;"
SUCCESS_STYLE = "background: #e6f4ea; color: #1b5e20; padding: 6px; border-radius: 4px;"
CONFLICT_STYLE = "color: #b3261e; font-weight: bold;"


# -- texts shared with the main window's status bar -------------------------------------------


def when_text(utc_text: str, *, short: bool = False, now: datetime | None = None) -> str:
    """A stored UTC time in words, in the PC's local time. Long: 'Sabtu, 21 November 2026,
    09.15'. Short (status bar): 'hari ini 09.15', 'kemarin 16.40', '21 Nov 2026 09.15'."""
    if not utc_text:
        return ""
    try:
        moment = from_utc_text(utc_text).astimezone()
    except ValueError:
        return utc_text
    if not short:
        return day_datetime_text(moment)
    today = (now or clock.now()).date()
    at = time_text(moment)
    if moment.date() == today:
        return QCoreApplication.translate("SyncDialog", "hari ini %s") % at
    if moment.date() == today - timedelta(days=1):
        return QCoreApplication.translate("SyncDialog", "kemarin %s") % at
    day: date = moment.date()
    return f"{short_date_text(day)} {at}"


def peer_text(peer: str) -> str:
    """Whom the last sync was with, for people: never a password that a URL may hold."""
    if not peer:
        return ""
    if peer in ("paket", "bundle"):
        return "lewat paket data"
    if re.match(r"https?://", peer):
        from sp_desktop.core.sync.hub import HubSettings

        return "dengan server " + HubSettings(peer).display_url()
    return "dengan " + peer


def status_bar_html(status: SyncStatus, *, clickable: bool) -> str:
    """'Sinkron terakhir: hari ini 09.15 · Belum terkirim: 12 · Konflik: 0' (rich text: the
    conflict count is a link when there is something to review)."""
    # Written out in full: lupdate reads a call of a local alias as tr(source, comment).
    if status.last_sync_at:
        first = QCoreApplication.translate("SyncDialog", "Sinkron terakhir: %s") % when_text(
            status.last_sync_at, short=True
        )
    else:
        first = QCoreApplication.translate("SyncDialog", "Belum pernah sinkron")
    pending = format_count(status.pending)
    conflicts = format_count(status.conflicts)
    parts = [first, QCoreApplication.translate("SyncDialog", "Belum terkirim: %s") % pending]
    attention = [QCoreApplication.translate("SyncDialog", "Konflik: %s") % conflicts]
    if status.duplicates:
        duplicates = format_count(status.duplicates)
        attention.append(QCoreApplication.translate("SyncDialog", "Data ganda: %s") % duplicates)
    tail = " · ".join(attention)
    if status.conflicts or status.duplicates:
        style = CONFLICT_STYLE
        tail = (
            f"<a href='konflik' style='{style}'>{tail}</a>"
            if clickable
            else f"<span style='{style}'>{tail}</span>"
        )
    return " · ".join(parts) + " · " + tail


def plain_http_allowed(host: str | None) -> bool:
    """A test server on this PC or on a private office network (an IP address: a name
    could resolve anywhere)."""
    import ipaddress

    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or (address.is_private and not address.is_link_local)


def office_slug(office: str) -> str:
    """'Kantor Lurah Ampenan Selatan' -> 'kantor-lurah-ampenan-selatan' (file names)."""
    slug = re.sub(r"[^a-z0-9]+", "-", office.lower()).strip("-")
    return slug[:40].rstrip("-") or "kantor"


def counts_text(counts: dict[str, int], files: int = 0) -> str:
    """{'rumah_tangga': 3, 'kunjungan': 4} -> '3 rumah tangga, 4 kunjungan' (kinds in order)."""
    parts = [
        f"{format_count(counts[kind.name])} {i18n._(kind.label)}"
        for kind in sync_docs.KINDS
        if counts.get(kind.name) and not kind.has_content
    ]
    if files:
        parts.append(f"{format_count(files)} {i18n._('berkas bukti')}")
    return ", ".join(parts)


def attention_text(status: SyncStatus) -> str:
    """'Ada 2 konflik dan 1 keluarga tercatat ganda yang perlu ditinjau.' or ''."""
    parts = []
    if status.conflicts:
        parts.append(f"{format_count(status.conflicts)} konflik")
    if status.duplicates:
        parts.append(f"{format_count(status.duplicates)} keluarga tercatat ganda")
    if not parts:
        return ""
    return "Ada " + " dan ".join(parts) + " yang perlu ditinjau."


# -- the dialog -----------------------------------------------------------------------------------

# A package may hold any record, and trusting its sender adds a key.
IMPORTED = ALL_DATA | Changes(keys=True)


class _FittingScroll(QScrollArea):
    """Asks for its whole content (so the dialog grows to show it where the screen has
    room) and scrolls only when the screen is too small, instead of squeezing it."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = max(self.viewport().width(), content.minimumSizeHint().width())
        height = (
            content.heightForWidth(width)
            if content.hasHeightForWidth()
            else content.sizeHint().height()
        )
        return QSize(hint.width(), max(hint.height(), height + 2 * self.frameWidth()))


class SyncDialog(TaskDialog):
    """Anything that may have changed the data or its sync state (an import, a sync, an
    export) goes out on `bus`, so the main window refreshes its list and status."""

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
        self.runner = runner
        self.bus = bus or ChangeBus(self)
        self.may_trust = self.storage.can(Permission.SETTINGS)
        self.last_path: Path | None = None
        self.last_result: Any = None
        self.sealed_for: list[Any] = []  # the offices (PublicKey) the last bundle is sealed to
        self.status: SyncStatus | None = None
        self._status_token = 0
        self._saved_hub: Any = None  # HubSettings | None, as stored
        self._http_confirmed: set[str] = set()  # http:// addresses the person accepted
        self.setWindowTitle(self.tr("Kirim & terima data"))
        self._build()
        self._load_hub()
        self.refresh_status()
        self.setMinimumWidth(700)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        # Scrolls rather than squeezes on a small screen (many trusted offices, 125 %).
        bundle_scroll = _FittingScroll(self)
        bundle_scroll.setWidgetResizable(True)
        bundle_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        bundle_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bundle_scroll.setWidget(self._build_bundle_tab())
        self.tabs.addTab(bundle_scroll, self.tr("&Paket data (flashdisk / WhatsApp)"))
        self.tabs.addTab(self._build_hub_tab(), self.tr("Ser&ver (hub)"))

        self.panel = TaskPanel(self.runner, self, bus=self.bus)
        self.watch_panel()
        self.panel.busy_changed.connect(self._busy_changed)
        self.message = self.panel.message
        for label in (self.panel.status, self.message):
            label.setTextFormat(Qt.TextFormat.PlainText)

        # What the last run did: file, counts, summary lines.
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)  # office names come from others
        self.result_label.setStyleSheet(SUCCESS_STYLE)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.fingerprint_note = QLabel(
            self.tr(
                "Sidik kunci kantor ini. Bacakan kepada penerima lewat telepon supaya mereka "
                "bisa mencocokkannya saat mengimpor:"
            ),
            self,
        )
        self.fingerprint_note.setWordWrap(True)
        self.fingerprint = QLabel(self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 9) * 1.5)
        font.setWeight(QFont.Weight.Bold)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint_box = QWidget(self)
        box_layout = QVBoxLayout(self.fingerprint_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.fingerprint_note)
        box_layout.addWidget(self.fingerprint)
        self.fingerprint_box.hide()
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.attention = QLabel(self)
        self.attention.setWordWrap(True)
        self.attention.setStyleSheet(CONFLICT_STYLE)
        self.conflicts_button = QPushButton(self.tr("Tinjau k&onflik dan data ganda…"), self)
        self.conflicts_button.setAutoDefault(False)
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self.attention_box = QWidget(self)
        attention_layout = QHBoxLayout(self.attention_box)
        attention_layout.setContentsMargins(0, 0, 0, 0)
        attention_layout.addWidget(self.attention, 1)
        attention_layout.addWidget(self.conflicts_button)
        self.attention_box.hide()

        self.open_folder = QPushButton(self.tr("Buka &folder"), self)
        self.open_folder.setAutoDefault(False)
        self.open_folder.setToolTip(self.tr("Buka folder tempat paket disimpan"))
        self.open_folder.clicked.connect(self._open_folder)
        self.open_folder.hide()
        self.close_button = QPushButton(self.tr("T&utup"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_folder)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.panel)
        layout.addWidget(self.result_label)
        layout.addWidget(self.fingerprint_box)
        layout.addWidget(self.warning)
        layout.addWidget(self.attention_box)
        layout.addStretch(1)
        layout.addLayout(bottom)

    def _note(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        return label

    def _build_bundle_tab(self) -> QWidget:
        page = QWidget(self)
        intro = self._note(
            self.tr(
                "Tanpa internet: buat paket data di sini, bawa dengan flashdisk atau kirim "
                "sebagai dokumen WhatsApp, lalu impor di komputer tujuan. Paket bertanda "
                "tangan kantor ini, sehingga penerima tahu paket itu utuh dan dari Anda."
            ),
            page,
        )
        send_box = QGroupBox(self.tr("Kirim ke komputer atau kantor lain"), page)
        self.only_changes = QRadioButton(self.tr("Hanya yang &berubah sejak paket terakhir"))
        self.everything = QRadioButton(self.tr("Se&mua data"))
        self.only_changes.setChecked(True)
        self.scope = QButtonGroup(send_box)
        self.scope.addButton(self.only_changes)
        self.scope.addButton(self.everything)
        self.pending_label = QLabel(send_box)
        self.pending_label.setStyleSheet(NOTE_STYLE)
        # Sealed to the offices ticked here (and this office): only they open the file.
        seal_note = self._note(
            self.tr(
                "Segel untuk kantor penerima: hanya kantor yang dicentang (dan kantor ini) "
                "yang bisa membuka paketnya."
            ),
            send_box,
        )
        self.recipients = RecipientChecks(
            self.storage,
            self.tr(
                "Belum ada kantor tepercaya. Impor kunci publik (.spkunci) kantor penerima "
                "lewat menu Dokumen › Kunci tanda tangan kantor…"
            ),
            send_box,
        )
        self.unsealed = QCheckBox(
            self.tr("&Tanpa segel: NIK dan No KK terbaca siapa pun yang mendapat berkasnya"),
            send_box,
        )
        self.unsealed.setStyleSheet(WARNING_STYLE)
        self.unsealed.setToolTip(
            self.tr(
                "Hanya bila penerimanya belum punya kunci segel. Serahkan berkasnya langsung, "
                "jangan lewat WhatsApp atau surel, dan hapus setelah diimpor."
            )
        )
        self.unsealed.toggled.connect(self.recipients.set_locked)
        self.export_button = QPushButton(self.tr("Buat paket &data…"), send_box)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.choose_export_path)
        send_layout = QVBoxLayout(send_box)
        send_layout.addWidget(self.only_changes)
        send_layout.addWidget(self.everything)
        send_layout.addWidget(self.pending_label)
        send_layout.addWidget(seal_note)
        send_layout.addWidget(self.recipients)
        send_layout.addWidget(self.unsealed)
        send_row = QHBoxLayout()
        send_row.addWidget(self.export_button)
        send_row.addStretch(1)
        send_layout.addLayout(send_row)

        receive_box = QGroupBox(self.tr("Terima dari komputer atau kantor lain"), page)
        receive_note = self._note(
            self.tr(
                "Pilih berkas paket (%s) yang Anda terima. Paket diperiksa keutuhan dan "
                "tanda tangannya dulu; data Anda tidak berubah bila ada yang tidak beres."
            )
            % BUNDLE_SUFFIX,
            receive_box,
        )
        self.import_button = QPushButton(self.tr("&Impor paket data…"), receive_box)
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.choose_import_file)
        receive_layout = QVBoxLayout(receive_box)
        receive_layout.addWidget(receive_note)
        receive_row = QHBoxLayout()
        receive_row.addWidget(self.import_button)
        receive_row.addStretch(1)
        receive_layout.addLayout(receive_row)

        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(send_box)
        layout.addWidget(receive_box)
        layout.addStretch(1)
        return page

    def _build_hub_tab(self) -> QWidget:
        page = QWidget(self)
        intro = self._note(
            self.tr(
                "SP Desktop bekerja penuh tanpa server. Isi bagian ini hanya bila kantor Anda "
                "menyediakan server sinkron: data semua komputer lalu digabung lewat internet."
            ),
            page,
        )
        self.hub_url = QLineEdit(page)
        self.hub_url.setPlaceholderText("https://server.kantor.go.id/sp_5271011004")
        self.hub_user = QLineEdit(page)
        self.hub_password = QLineEdit(page)
        self.hub_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.url_field = Field(self.hub_url, page)
        for edit in (self.hub_url, self.hub_user, self.hub_password):
            edit.textEdited.connect(self._hub_edited)
            edit.returnPressed.connect(self.save_hub)  # Enter saves, as in the form
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._buddy(self.tr("&Alamat server"), self.hub_url, page), self.url_field)
        form.addRow(self._buddy(self.tr("Nama pen&gguna"), self.hub_user, page), self.hub_user)
        form.addRow(self._buddy(self.tr("Kata sa&ndi"), self.hub_password, page), self.hub_password)

        self.save_hub_button = QPushButton(self.tr("&Simpan"), page)
        self.save_hub_button.setAutoDefault(False)
        self.save_hub_button.clicked.connect(self.save_hub)
        self.forget_hub_button = QPushButton(self.tr("&Hapus pengaturan server"), page)
        self.forget_hub_button.setAutoDefault(False)
        self.forget_hub_button.clicked.connect(self.forget_hub)
        self.sync_button = QPushButton(self.tr("Sin&kronkan sekarang"), page)
        self.sync_button.setAutoDefault(False)
        self.sync_button.clicked.connect(self.sync_now)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.save_hub_button)
        buttons.addStretch(1)
        buttons.addWidget(self.forget_hub_button)
        self.last_sync = QLabel(page)
        self.last_sync.setWordWrap(True)
        self.last_sync.setTextFormat(Qt.TextFormat.PlainText)
        self.last_sync.setStyleSheet(NOTE_STYLE)

        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.last_sync)
        layout.addStretch(1)
        return page

    def _buddy(self, text: str, buddy: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setBuddy(buddy)
        return label

    # -- status ------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        """Pending count and last sync, read off the GUI thread."""
        self._status_token += 1
        token = self._status_token
        storage = self.storage

        def shown(status: SyncStatus) -> None:
            if token == self._status_token:
                self.show_status(status)

        self.runner.submit(
            lambda context: storage.sync_status(), on_done=shown, on_error=lambda exc: None
        )

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        if status.pending:
            self.pending_label.setText(
                self.tr("Belum terkirim: %s perubahan sejak paket atau sinkron terakhir.")
                % format_count(status.pending)
            )
        else:
            self.pending_label.setText(self.tr("Semua perubahan sudah pernah dikirim."))
        if status.last_sync_at:
            text = self.tr("Sinkron terakhir: %s") % when_text(status.last_sync_at)
            peer = peer_text(status.last_sync_peer)
            self.last_sync.setText(f"{text} ({peer})" if peer else text)
        else:
            self.last_sync.setText(self.tr("Belum pernah sinkron."))

    # -- bundles: sending -----------------------------------------------------------------

    def since_last_export(self) -> bool:
        return self.only_changes.isChecked()

    def chosen_recipients(self) -> list[Any]:
        """The trusted offices (PublicKey) ticked, with an exchange key."""
        return self.recipients.chosen()

    def _seal_choice_missing(self) -> bool:
        """True (and says so) when neither an office nor "Tanpa segel" was chosen."""
        if self.chosen_recipients() or self.unsealed.isChecked():
            return False
        self.message.show_message(
            self.tr(
                'Pilih kantor penerima paket (centang namanya), atau centang "Tanpa segel" '
                "bila paket ini memang boleh terbaca siapa saja."
            ),
            "warn",
        )
        self._grow_to_fit()
        return True

    def suggested_name(self) -> str:
        return f"paket-data-{office_slug(self.installation.office)}-{clock.local_now():%Y%m%d-%H%M}"

    def choose_export_path(self) -> None:
        if self._seal_choice_missing():
            return
        path = ask_save_path(
            self,
            self.tr("Simpan paket data"),
            self.suggested_name() + BUNDLE_SUFFIX,
            self.tr("Paket data SP Desktop (*%s)") % BUNDLE_SUFFIX,
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write a bundle to `path` (after the save dialog, or directly in tests)."""
        from sp_desktop.core.sync.bundle import write_bundle

        if self.panel.busy or self._seal_choice_missing():
            return
        storage = self.storage
        since = self.since_last_export()
        sealed_for = [] if self.unsealed.isChecked() else self.chosen_recipients()
        recipients = [key.exchange for key in sealed_for] or None
        self.sealed_for = sealed_for

        def work(context: TaskContext) -> Any:
            context.report(0, 0, "")
            return write_bundle(
                storage, path, since_last_export=since, progress=context, recipients=recipients
            )

        self.panel.run(
            work,
            self._exported,
            status=self.tr("Membuat paket data %s…") % path.name,
            cancelled_text=self.tr("Dibatalkan; paket tidak dibuat."),
            changes=Changes(sync=True),  # what is sent next starts after this package
            initiator=self,
        )

    def _exported(self, result: Any) -> None:
        self.last_path = result.path
        self.last_result = result
        what = counts_text(result.counts, result.files)
        if what:
            text = self.tr("Paket data disimpan (%s):\n%s\n\nIsi: %s.") % (
                size_text(result.size),
                result.path,
                what,
            )
        else:
            text = (
                self.tr(
                    "Paket data disimpan:\n%s\n\nTidak ada perubahan sejak paket terakhir, jadi "
                    'paket ini tidak berisi data. Pilih "Semua data" untuk mengirim semuanya.'
                )
                % result.path
            )
        if result.sealed_to:
            offices = ", ".join(
                f"{key.office or self.tr('kantor tanpa nama')} ({key.fingerprint})"
                for key in self.sealed_for
            )
            text += "\n\n" + self.tr("Disegel: hanya bisa dibuka oleh %s dan kantor ini.") % (
                offices
            )
        self.result_label.setText(text)
        self.result_label.show()
        try:
            self.fingerprint.setText(self.storage.own_public_key().fingerprint)
            self.fingerprint_box.show()
        except UserFacingError:
            self.fingerprint_box.hide()
        if result.sealed_to:
            self.warning.setText(
                self.tr(
                    "Paket ini disegel: hanya kantor penerima yang bisa membuka isinya. Setelah "
                    "diimpor, tetap hapus berkasnya dari flashdisk atau HP."
                )
            )
        else:
            self.warning.setText(
                self.tr(
                    "Paket ini TANPA segel. Berkas ini berisi data pribadi lengkap (No KK, NIK, "
                    "nama, alamat) yang terbaca oleh siapa pun yang mendapatnya. Jangan "
                    "simpan di folder bersama atau Publik. Serahkan langsung kepada petugas "
                    "penerima, jangan dikirim ke grup. Setelah diimpor, hapus berkasnya dari "
                    "flashdisk atau HP."
                )
            )
        self.warning.show()
        self.open_folder.show()
        self.close_button.setFocus()
        self._after_change()

    def _open_folder(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path.parent)))

    # -- bundles: receiving ---------------------------------------------------------------

    def choose_import_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih paket data yang diterima"),
            str(documents_folder()),
            self.tr("Paket data SP Desktop (*%s);;Semua berkas (*)") % BUNDLE_SUFFIX,
        )
        if chosen:
            self.import_from(Path(chosen))

    def import_from(self, path: Path, *, trust_fingerprint: str = "") -> None:
        """Import the bundle at `path`; an unknown sender's key is asked about first."""
        from sp_desktop.core.sync.bundle import UnknownBundleKey, import_bundle

        if self.panel.busy:
            return
        storage = self.storage

        def work(context: TaskContext) -> Any:
            context.report(0, 0, "")
            try:
                result = import_bundle(
                    storage, path, trust_fingerprint=trust_fingerprint, progress=context
                )
            except UnknownBundleKey as exc:
                return exc  # a question for the person, not a failure
            return result, storage.sync_status()

        def changed(outcome: Any) -> Changes:
            # An unknown sender's key is a question for the person: nothing was imported.
            return NOTHING if isinstance(outcome, UnknownBundleKey) else IMPORTED

        def done(outcome: Any) -> None:
            if isinstance(outcome, UnknownBundleKey):
                self._unknown_key(path, outcome)
            else:
                self._imported(*outcome)

        self.panel.run(
            work,
            done,
            status=self.tr("Memeriksa dan mengimpor %s…") % path.name,
            cancelled_text=self.tr("Dibatalkan; data tidak diubah."),
            changes=changed,
            initiator=self,
        )

    def _unknown_key(self, path: Path, problem: Any) -> None:
        office = problem.office or self.tr("kantor tanpa nama")
        fingerprint = problem.key.fingerprint
        if not self.may_trust:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Kunci pengirim belum dikenal"))
            box.setTextFormat(Qt.TextFormat.PlainText)  # the office name is the sender's
            box.setText(
                self.tr(
                    "Paket ini dari %s, bertanda tangan kunci yang belum dipercaya di komputer "
                    "ini.\n\nSidik kunci: %s\n\nHanya admin yang boleh mempercayai kunci baru. "
                    "Minta admin komputer ini mengimpor paket ini, setelah mencocokkan sidik "
                    "kuncinya dengan kantor pengirim lewat telepon."
                )
                % (office, fingerprint)
            )
            box.exec()
            self.message.show_message(
                self.tr("Paket belum diimpor: kunci pengirim belum dipercaya. Data tidak diubah."),
                "warn",
            )
            return
        if self.ask_trust(office, fingerprint):
            self.import_from(path, trust_fingerprint=fingerprint)
        else:
            self.message.show_message(
                self.tr(
                    "Paket tidak diimpor. Cocokkan dulu sidik kuncinya dengan kantor pengirim "
                    "lewat telepon, lalu impor lagi."
                ),
                "warn",
            )

    def ask_trust(self, office: str, fingerprint: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Kunci pengirim belum dikenal"))
        box.setText(
            self.tr(
                "Paket ini dari <b>%s</b>, bertanda tangan kunci yang belum dikenal komputer "
                "ini.<br><br>Sidik kunci pengirim:<br><span style='font-size: 15pt; "
                "font-family: monospace;'><b>%s</b></span><br><br>Sudah Anda cocokkan sidik "
                "kunci ini dengan kantor pengirim lewat telepon?"
            )
            % (html.escape(office), html.escape(fingerprint))
        )
        box.setInformativeText(
            self.tr(
                "Bila sama persis, kunci ini dipercaya dan paketnya diimpor. Bila belum, "
                "telepon kantor pengirim dan minta mereka membacakan sidik kunci dari menu "
                "Dokumen › Kunci tanda tangan kantor. Jangan impor bila sidiknya berbeda."
            )
        )
        trust = box.addButton(
            self.tr("&Ya, sudah cocok — percayai dan impor"), QMessageBox.ButtonRole.AcceptRole
        )
        back = box.addButton(self.tr("&Belum"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is trust

    def _imported(self, result: Any, status: SyncStatus) -> None:
        self.last_result = result
        office = result.sender_office or self.tr("kantor tanpa nama")
        lines = [
            self.tr("Paket dari %s (sidik kunci %s).") % (office, result.sender_key.fingerprint)
        ]
        if result.trusted_now:
            lines.append(self.tr("Kunci pengirim sekarang dipercaya di komputer ini."))
            self.recipients.fill()  # the sender may now be chosen as a recipient
        if result.already_imported_at:
            lines.append(
                self.tr("Paket ini sudah pernah diimpor (%s); tidak ada yang berubah.")
                % when_text(result.already_imported_at)
            )
        else:
            lines.append("")
            lines += result.summary.lines()
        self.result_label.setText("\n".join(lines))
        self.result_label.show()
        self.fingerprint_box.hide()
        self.warning.setText(
            self.tr(
                "Paket ini berisi data pribadi lengkap. Sekarang hapus berkasnya dari flashdisk "
                "atau HP (dan dari unduhan WhatsApp)."
            )
        )
        self.warning.show()
        self.open_folder.hide()
        self._show_attention(status)
        self._after_change(status)

    def _show_attention(self, status: SyncStatus) -> None:
        text = attention_text(status)
        self.attention.setText(text)
        self.attention_box.setVisible(bool(text))
        if text:
            self.conflicts_button.setFocus()

    # -- the hub -------------------------------------------------------------------------------

    def _load_hub(self) -> None:
        from sp_desktop.core.sync.hub import load_hub_settings

        try:
            self._saved_hub = load_hub_settings(self.storage)
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            self._saved_hub = None
        saved = self._saved_hub
        if saved is not None:
            self._http_confirmed.add(saved.url)  # confirmed when it was saved
        self.hub_url.setText(saved.display_url() if saved else "")
        self.hub_user.setText(saved.user if saved else "")
        # The saved password never comes back into the window, not even hidden.
        self.hub_password.clear()
        self.hub_password.setPlaceholderText(
            self.tr("tersimpan; kosongkan bila tidak diubah")
            if saved is not None and saved.password
            else ""
        )
        self._hub_edited()

    def _hub_edited(self, *_: object) -> None:
        self.url_field.clear_message()
        has_url = bool(self.hub_url.text().strip())
        self.sync_button.setEnabled(has_url)
        self.save_hub_button.setEnabled(has_url and self._form_hub() != self._saved_hub)
        self.forget_hub_button.setEnabled(self._saved_hub is not None)

    def _form_hub(self) -> Any:
        """The settings the form holds (HubSettings); a password left empty keeps the saved
        one while address and user name stay the same, as the command line does."""
        from urllib.parse import unquote, urlsplit

        from sp_desktop.core.sync.hub import HubSettings

        url = self.hub_url.text().strip()
        user = self.hub_user.text().strip()
        password = self.hub_password.text()
        try:
            parts = urlsplit(url)
            embedded_user, embedded_password = parts.username, parts.password
            if embedded_user or embedded_password:  # https://nama:sandi@server/... typed in
                user = user or unquote(embedded_user or "")
                password = password or unquote(embedded_password or "")
                url = HubSettings(url).display_url()
        except ValueError:
            pass  # not an address at all: _check_hub says so
        saved = self._saved_hub
        if not password and saved is not None and (saved.url, saved.user) == (url, user):
            password = saved.password
        return HubSettings(url, user, password)

    def _check_hub(self) -> Any:
        from urllib.parse import urlsplit

        settings = self._form_hub()
        try:
            parts = urlsplit(settings.url)
            host = parts.hostname
            _ = parts.port  # a port that is not a number raises here
        except ValueError:
            parts, host = None, None
        if parts is None or parts.scheme not in ("http", "https") or not host:
            self.url_field.show_error(
                self.tr("Tulis alamat lengkap, diawali https:// (mis. https://server/sp_data).")
            )
            self.hub_url.setFocus()
            return None
        if parts.scheme == "http":
            # Plain http sends the server password and every NIK and No KK readable on the
            # wire. Decision: refused for any public server; allowed only for a test server
            # on this PC (localhost, 127.0.0.1) or on a private office network (10.x,
            # 172.16-31.x, 192.168.x), and only once the person has confirmed it.
            if not plain_http_allowed(host):
                self.url_field.show_error(
                    self.tr(
                        "Alamat http:// tidak terenkripsi: kata sandi server serta NIK dan No "
                        "KK yang dikirim bisa dibaca siapa pun di jaringan. Pakai alamat "
                        "https://. (http:// hanya untuk server uji di komputer ini atau di "
                        "jaringan kantor, mis. http://192.168.1.10:5984/...)"
                    )
                )
                self.hub_url.setFocus()
                return None
            self.url_field.show_warning(
                self.tr(
                    "Alamat http:// tidak terenkripsi: kata sandi serta NIK dan No KK terkirim "
                    "tanpa perlindungan. Hanya untuk server uji di komputer ini atau di "
                    "jaringan kantor."
                )
            )
            if settings.url not in self._http_confirmed:
                if not self.confirm_plain_http(settings.display_url()):
                    return None
                self._http_confirmed.add(settings.url)
        return settings

    def confirm_plain_http(self, url: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Sambungan tidak terenkripsi"))
        box.setText(
            self.tr(
                "%s memakai http://, bukan https://.\n\nKata sandi server serta NIK dan No KK "
                "keluarga akan terkirim tanpa enkripsi: siapa pun di jaringan yang sama bisa "
                "membacanya. Pakai hanya untuk server uji di komputer ini atau jaringan kantor "
                "yang tertutup."
            )
            % url
        )
        go = box.addButton(self.tr("Tetap pakai http://"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Kembali"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is go

    def save_hub(self) -> bool:
        settings = self._check_hub()
        if settings is None:
            return False
        return self._store_hub(settings)

    def _store_hub(self, settings: Any) -> bool:
        from sp_desktop.core.sync.hub import save_hub_settings

        if not self._write_setting(lambda: save_hub_settings(self.storage, settings)):
            return False
        warning = self.url_field.message.text() if self.url_field.message.isVisible() else ""
        self._load_hub()
        if warning:
            self.url_field.show_warning(warning)
        self.message.show_message(self.tr("Pengaturan server disimpan."), "info")
        return True

    def forget_hub(self) -> None:
        from sp_desktop.core.sync.hub import save_hub_settings

        answer = QMessageBox.question(
            self,
            self.tr("Hapus pengaturan server"),
            self.tr(
                "Hapus alamat, nama pengguna dan kata sandi server dari komputer ini? Data "
                "rumah tangga tidak terhapus."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not self._write_setting(lambda: save_hub_settings(self.storage, None)):
            return
        self._load_hub()
        self.message.show_message(self.tr("Pengaturan server dihapus."), "info")

    def _write_setting(self, write: Callable[[], object]) -> bool:
        """The server settings, stored through the operation helper (waited for: the next
        step needs them); True once stored, else the refusal is shown."""
        stored: list[object] = []
        run_write(
            self.runner,
            self.bus,
            lambda context: write(),
            changes=Changes(settings=True),
            on_done=stored.append,
            on_refused=lambda exc: self.message.show_message(str(exc), "error"),
            initiator=self,
            wait=True,
        )
        return bool(stored)

    def sync_now(self) -> None:
        """Sync with the server in the form (saved first when it was changed)."""
        from sp_desktop.core.sync.hub import sync_with_hub

        if self.panel.busy:
            return
        settings = self._check_hub()
        if settings is None:
            return
        # New settings are kept only once they have worked: a mistyped address or a wrong
        # password (kept, too) must not stay on the PC after a failed connection.
        unsaved = settings != self._saved_hub
        storage = self.storage
        succeeded: list[bool] = []

        def work(context: TaskContext) -> Any:
            context.report(0, 0, "")
            result = sync_with_hub(storage, settings, progress=context)
            return result, storage.sync_status()

        def done(outcome: Any) -> None:
            succeeded.append(True)
            if unsaved and self._store_hub(settings):
                self.message.show_message(
                    self.tr("Sambungan berhasil; pengaturan server disimpan."), "info"
                )
            self._synced(*outcome)

        def ended() -> None:
            if unsaved and not succeeded:
                QTimer.singleShot(0, self._say_hub_not_saved)

        self.panel.run(
            work,
            done,
            always=ended,
            status=self.tr("Sinkron dengan %s…") % settings.display_url(),
            cancelled_text=self.tr(
                "Sinkron dihentikan. Yang sudah terkirim atau diterima tetap tersimpan; "
                "sinkron berikutnya melanjutkan dari situ."
            ),
            changes=ALL_DATA,
            initiator=self,
        )

    def _say_hub_not_saved(self) -> None:
        note = self.tr("Pengaturan server tidak disimpan karena sambungan gagal.")
        shown = self.message.text() if self.message.isVisible() else ""
        self.message.show_message(f"{shown}\n{note}" if shown else note, "error")

    def _synced(self, result: Any, status: SyncStatus) -> None:
        self.last_result = result
        self.result_label.setText("\n".join([self.tr("Sinkron selesai."), "", *result.lines()]))
        self.result_label.show()
        self.fingerprint_box.hide()
        self.warning.hide()
        self.open_folder.hide()
        self._show_attention(status)
        self._after_change(status)

    # -- after anything ran ---------------------------------------------------------------------

    def _after_change(self, status: SyncStatus | None = None) -> None:
        if status is not None:
            self._status_token += 1  # an older read still on its way must not win
            self.show_status(status)
        else:
            self.refresh_status()
        QTimer.singleShot(0, self._grow_to_fit)

    def _grow_to_fit(self) -> None:
        """Tall enough for what the tab shows at the dialog's width (wrapped texts asked
        at their narrowest would ask for the whole screen), within the screen."""
        from sp_desktop.ui.widgets import FRAME_ALLOWANCE, available_area

        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else self.sizeHint().height()
        )
        room = available_area(self).height() - FRAME_ALLOWANCE[1]
        if wanted > self.height():
            self.resize(self.width(), min(wanted, room))

    def show_conflicts(self) -> None:
        from sp_desktop.ui.sync.conflicts_dialog import ConflictsDialog

        ConflictsDialog(self.storage, self.runner, self, bus=self.bus).exec()
        self.attention_box.hide()
        self.refresh_status()

    def _busy_changed(self, busy: bool) -> None:
        self.tabs.setEnabled(not busy)
        if busy:
            shown = (self.result_label, self.fingerprint_box, self.warning, self.attention_box)
            for widget in shown:
                widget.hide()
            self.open_folder.hide()
