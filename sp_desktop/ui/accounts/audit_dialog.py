"""The audit trail: who did what and when, newest first, and a check that it is whole."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.i18n import QT_TRANSLATE_NOOP, _
from sp_desktop.core.domain.model import from_utc_text
from sp_desktop.core.domain.text import format_count
from sp_desktop.core.domain.text import time_text as clock_text
from sp_desktop.core.storage import Storage
from sp_desktop.core.trust.audit import ACTION_LABELS, Entry, action_label
from sp_desktop.ui.table_model import Index, ListTableModel
from sp_desktop.ui.widgets import MessageLine, list_view

LIMIT = 1000  # rows shown; the filters narrow the rest
SEARCH_DELAY_MS = 300
EMPTY = "–"

# Stored field names, as a coordinator would say them.
FIELD_LABELS = {
    "role": QT_TRANSLATE_NOOP("AuditDialog", "peran"),
    "active": QT_TRANSLATE_NOOP("AuditDialog", "aktif"),
    "name": QT_TRANSLATE_NOOP("AuditDialog", "nama"),
    "nip": QT_TRANSLATE_NOOP("AuditDialog", "NIP"),
    "opd": QT_TRANSLATE_NOOP("AuditDialog", "OPD"),
    "phone": QT_TRANSLATE_NOOP("AuditDialog", "No HP"),
    "no_kk": QT_TRANSLATE_NOOP("AuditDialog", "No KK"),
    "head_name": QT_TRANSLATE_NOOP("AuditDialog", "nama kepala keluarga"),
    "head_nik": QT_TRANSLATE_NOOP("AuditDialog", "NIK kepala keluarga"),
    "kelurahan_code": QT_TRANSLATE_NOOP("AuditDialog", "kelurahan/desa"),
    "address": QT_TRANSLATE_NOOP("AuditDialog", "alamat"),
    "rt": QT_TRANSLATE_NOOP("AuditDialog", "RT"),
    "rw": QT_TRANSLATE_NOOP("AuditDialog", "RW"),
    "members": QT_TRANSLATE_NOOP("AuditDialog", "jumlah anggota"),
    "help_reason": QT_TRANSLATE_NOOP("AuditDialog", "alasan dibantu"),
    "help_note": QT_TRANSLATE_NOOP("AuditDialog", "catatan bantuan"),
    "consent": QT_TRANSLATE_NOOP("AuditDialog", "persetujuan"),
    "consent_at": QT_TRANSLATE_NOOP("AuditDialog", "waktu persetujuan"),
    "erased_at": QT_TRANSLATE_NOOP("AuditDialog", "waktu dihapus"),
    "created_by": QT_TRANSLATE_NOOP("AuditDialog", "dicatat oleh"),
    "household_id": QT_TRANSLATE_NOOP("AuditDialog", "rumah tangga"),
    "helper_id": QT_TRANSLATE_NOOP("AuditDialog", "petugas"),
    "post_id": QT_TRANSLATE_NOOP("AuditDialog", "posko"),
    "visited_at": QT_TRANSLATE_NOOP("AuditDialog", "waktu kunjungan"),
    "outcome": QT_TRANSLATE_NOOP("AuditDialog", "hasil"),
    "failure_reason": QT_TRANSLATE_NOOP("AuditDialog", "alasan gagal"),
    "failure_note": QT_TRANSLATE_NOOP("AuditDialog", "catatan gagal"),
    "revisit_date": QT_TRANSLATE_NOOP("AuditDialog", "kunjungan ulang"),
    "note": QT_TRANSLATE_NOOP("AuditDialog", "catatan"),
    "unit": QT_TRANSLATE_NOOP("AuditDialog", "unit kerja"),
    "staff_id": QT_TRANSLATE_NOOP("AuditDialog", "pegawai"),
    "status": QT_TRANSLATE_NOOP("AuditDialog", "status SP Online"),
    "status_date": QT_TRANSLATE_NOOP("AuditDialog", "tanggal status"),
    "reason": QT_TRANSLATE_NOOP("AuditDialog", "alasan"),
    "scope": QT_TRANSLATE_NOOP("AuditDialog", "jenis target"),
    "key": QT_TRANSLATE_NOOP("AuditDialog", "target untuk"),
    "value": QT_TRANSLATE_NOOP("AuditDialog", "nilai target"),
    "deadline": QT_TRANSLATE_NOOP("AuditDialog", "batas waktu"),
    "updated_by": QT_TRANSLATE_NOOP("AuditDialog", "diubah oleh"),
    # Keys some entries store in Indonesian as they are.
    "jenis": QT_TRANSLATE_NOOP("AuditDialog", "jenis"),
    "untuk": QT_TRANSLATE_NOOP("AuditDialog", "untuk"),
    "berkas": QT_TRANSLATE_NOOP("AuditDialog", "berkas"),
    "sebab": QT_TRANSLATE_NOOP("AuditDialog", "sebab"),
    "peran": QT_TRANSLATE_NOOP("AuditDialog", "peran"),
    "aktif": QT_TRANSLATE_NOOP("AuditDialog", "aktif"),
    "jumlah": QT_TRANSLATE_NOOP("AuditDialog", "jumlah"),
    "nilai": QT_TRANSLATE_NOOP("AuditDialog", "nilai"),
    "tanggal": QT_TRANSLATE_NOOP("AuditDialog", "tanggal"),
    "tindakan": QT_TRANSLATE_NOOP("AuditDialog", "tindakan"),
}
# Stored record kinds (the Data column).
ENTITY_LABELS = {
    "akun": QT_TRANSLATE_NOOP("AuditDialog", "akun"),
    "rumah_tangga": QT_TRANSLATE_NOOP("AuditDialog", "rumah tangga"),
    "kunjungan": QT_TRANSLATE_NOOP("AuditDialog", "kunjungan"),
    "pegawai": QT_TRANSLATE_NOOP("AuditDialog", "pegawai"),
    "status_pegawai": QT_TRANSLATE_NOOP("AuditDialog", "status pegawai"),
    "target": QT_TRANSLATE_NOOP("AuditDialog", "target"),
    "paket_data": QT_TRANSLATE_NOOP("AuditDialog", "paket data"),
    "data": QT_TRANSLATE_NOOP("AuditDialog", "data"),
    "pengaturan": QT_TRANSLATE_NOOP("AuditDialog", "pengaturan"),
    "kunci_tepercaya": QT_TRANSLATE_NOOP("AuditDialog", "kunci tepercaya"),
    "kunci_kantor": QT_TRANSLATE_NOOP("AuditDialog", "kunci kantor"),
    "kunci.json": QT_TRANSLATE_NOOP("AuditDialog", "berkas kunci (kunci.json)"),
    "server_sinkron": QT_TRANSLATE_NOOP("AuditDialog", "server sinkron"),
    "impor_massal": QT_TRANSLATE_NOOP("AuditDialog", "impor massal"),
    "posko": QT_TRANSLATE_NOOP("AuditDialog", "posko"),
    "petugas": QT_TRANSLATE_NOOP("AuditDialog", "petugas"),
    "bukti": QT_TRANSLATE_NOOP("AuditDialog", "bukti"),
    "cadangan": QT_TRANSLATE_NOOP("AuditDialog", "cadangan"),
    "berkas": QT_TRANSLATE_NOOP("AuditDialog", "berkas"),
    "rekapitulasi": QT_TRANSLATE_NOOP("AuditDialog", "rekapitulasi"),
    "paket_serah_terima": QT_TRANSLATE_NOOP("AuditDialog", "paket serah terima"),
    "daftar_kunjungan_ulang": QT_TRANSLATE_NOOP("AuditDialog", "daftar kunjungan ulang"),
    "csv_kunjungan_ulang": QT_TRANSLATE_NOOP("AuditDialog", "CSV kunjungan ulang"),
    "lembar_pemulihan": QT_TRANSLATE_NOOP("AuditDialog", "lembar pemulihan"),
    "berita_acara_penghapusan": QT_TRANSLATE_NOOP("AuditDialog", "berita acara penghapusan"),
}
SKIPPED_FIELDS = frozenset({"id"})  # the record's own id is in the Data column


def field_name_text(field: str) -> str:
    """A stored field's name in the window's language ('nama kepala keluarga')."""
    label = FIELD_LABELS.get(field)
    if label is None:
        return field.replace("_", " ")
    return QCoreApplication.translate("AuditDialog", label)


def time_text(utc_text: str) -> str:
    """A stored UTC time in the PC's local time: '21/11/2026 09.15' ('21/11/2026 09:15' in
    English)."""
    try:
        value = from_utc_text(utc_text).astimezone()
        return f"{value:%d/%m/%Y} {clock_text(value)}"
    except ValueError:
        return utc_text


def _value_text(field: str, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if field == "active" and value in (0, 1):
        return "ya" if value else "tidak"
    if isinstance(value, str):
        if field.endswith("_at"):
            return time_text(value)
        if field.endswith("_id") or field == "created_by":
            return value[:8]
    if isinstance(value, list | dict):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)


def details_text(details: Mapping[str, Any]) -> str:
    """{'role': ['petugas', 'koordinator']} -> 'peran: petugas → koordinator'; one per field."""
    parts = []
    for field, value in details.items():
        if field in SKIPPED_FIELDS:
            continue
        label = field_name_text(field)
        if isinstance(value, list) and len(value) == 2:
            before, after = (_value_text(field, v) for v in value)
            if before == after == EMPTY:
                continue
            parts.append(f"{label}: {after}" if before == EMPTY else f"{label}: {before} → {after}")
        else:
            parts.append(f"{label}: {_value_text(field, value)}")
    return "; ".join(parts)


def data_text(entry: Entry, account_names: Mapping[str, str] | None = None) -> str:
    """What the entry is about: 'petugas 3f2a9c1b' (the start of its id), or for an account
    of this installation whose it is: 'akun Baiq Nurul Hakim'."""
    label = ENTITY_LABELS.get(entry.entity)
    entity = (
        QCoreApplication.translate("AuditDialog", label)
        if label
        else entry.entity.replace("_", " ")
    )
    name = (account_names or {}).get(entry.entity_id) if entry.entity == "akun" else None
    return f"{entity} {name or entry.entity_id[:8]}".strip()


class AuditTableModel(ListTableModel[Entry]):
    COLUMNS = ("seq", "at", "actor", "action", "data", "details")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.account_names: dict[str, str] = {}  # account id -> name, for the Data column
        self.headers = (
            self.tr("No"),
            self.tr("Waktu"),
            self.tr("Akun"),
            self.tr("Tindakan"),
            self.tr("Data"),
            self.tr("Perubahan"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index.row()) if index.isValid() else None
        if entry is None or index.column() >= len(self.COLUMNS):
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "seq":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text, where a column cuts it
            if column == "details":
                return details_text(entry.details).replace("; ", "\n") or None
            if column == "data":
                return f"{data_text(entry, self.account_names)}\n{entry.entity_id}".strip()
            if column in ("actor", "action"):
                return self._display(entry, column)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._display(entry, column)

    def _display(self, entry: Entry, column: str) -> str:
        if column == "seq":
            return str(entry.seq)
        if column == "at":
            return time_text(entry.at)
        if column == "actor":
            return entry.actor
        if column == "action":
            return _(action_label(entry.action, entry.entity))
        if column == "data":
            return data_text(entry, self.account_names)
        return details_text(entry.details)


class AuditDialog(QDialog):
    """Filters on top, the entries in the middle, the count and the chain check below."""

    def __init__(self, storage: Storage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.storage = storage
        self.setWindowTitle(self.tr("Jejak audit"))
        from sp_desktop.ui.widgets import fit_to_screen  # 1366x768 at 125%: 1093x614

        fit_to_screen(self, 1100, 600)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self._build()
        self.reload()

    def _build(self) -> None:
        self.model = AuditTableModel(self)
        self.action = QComboBox(self)
        self.action.addItem(self.tr("Semua"), "")
        for action, label in ACTION_LABELS.items():
            self.action.addItem(_(label), action)
        self.account = QComboBox(self)
        self.account.addItem(self.tr("Semua"), "")
        try:
            for account in self.storage.accounts():
                self.account.addItem(account.label(), account.id)
                self.model.account_names[account.id] = account.name
        except UserFacingError:
            pass  # reload() says why nothing can be shown
        for combo, length in ((self.action, 16), (self.account, 24)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(length)
            # The list that drops down is as wide as its longest entry.
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Cari nama akun, jenis data atau isi perubahan"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self.reload)
        self.action.currentIndexChanged.connect(self.reload)
        self.account.currentIndexChanged.connect(self.reload)
        filters = QHBoxLayout()
        for text, widget, stretch in (
            (self.tr("&Tindakan"), self.action, 0),
            (self.tr("A&kun"), self.account, 0),
            (self.tr("&Cari"), self.search, 1),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, stretch)
            filters.addSpacing(8)

        self.table = list_view(self.model, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((44, 122, 265, 125, 180)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)

        self.count = QLabel(self)
        self.message = MessageLine(self)
        self.verify_button = QPushButton(self.tr("&Periksa keutuhan"), self)
        self.verify_button.setAutoDefault(False)
        self.verify_button.setToolTip(
            self.tr("Memeriksa bahwa tidak ada catatan yang diubah, dihapus atau disisipkan.")
        )
        self.verify_button.clicked.connect(self.verify)
        close = QPushButton(self.tr("T&utup"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.search.setFocus()

    def reload(self) -> None:
        self._search_timer.stop()
        try:
            entries = self.storage.audit_entries(
                action=self.action.currentData() or "",
                account_id=self.account.currentData() or "",
                text=self.search.text().strip(),
                limit=LIMIT + 1,
            )
        except UserFacingError as exc:
            self.model.set_rows([])
            self.count.setText("")
            self.message.show_message(str(exc), "error")
            return
        self.model.set_rows(entries[:LIMIT])
        filtered = bool(self.action.currentData() or self.account.currentData())
        filtered = filtered or bool(self.search.text().strip())
        if len(entries) > LIMIT:
            self.count.setText(
                self.tr(
                    "Menampilkan %s catatan terbaru. Catatan yang lebih lama ada: "
                    "persempit dengan saringan di atas."
                )
                % format_count(LIMIT)
            )
        elif not entries:
            self.count.setText(
                self.tr("Tidak ada catatan yang cocok dengan saringan.")
                if filtered
                else self.tr("Belum ada catatan.")
            )
        else:
            self.count.setText(self.tr("%s catatan.") % format_count(len(entries)))

    def verify(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = self.storage.verify_audit()
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if report.ok:
            self.message.show_message("✔ " + report.describe(), "info")
        else:
            self.message.show_message(
                "✖ "
                + report.describe()
                + self.tr(" Jangan ubah apa pun; laporkan ke admin dan simpan cadangan terakhir."),
                "error",
            )
