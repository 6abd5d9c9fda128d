"""This office's signing key, and the keys of other offices it trusts.

Other offices check our documents with our public key, and we check theirs with theirs.
A key file proves nothing by itself: whoever sends it could have made it. So the key's
fingerprint is shown large, to be read out over the phone or compared with an official
letter, and importing asks whether that was done before the key is trusted. A key comes
as a .spkunci file or as its QR text (SPKUNCI1:…), pasted or typed in by a scanner.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage, QPixmap, qRgb
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.domain.permissions import Permission
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.domain.text import local_datetime_text
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.trust.signing import (
    PUBLIC_KEY_QR_PREFIX,
    PUBLIC_KEY_SUFFIX,
    PublicKey,
    TrustedKey,
    parse_public_key,
    public_key_file_bytes,
    public_key_qr_text,
)
from sp_desktop.ui.documents.printing import documents_folder
from sp_desktop.ui.operations import ChangeBus, Changes, run_write
from sp_desktop.ui.table_model import Index, ListTableModel
from sp_desktop.ui.widgets import MessageLine, list_view
from sp_desktop.ui.worker import TaskRunner

QR_SHOWN_PX = 5  # screen pixels per QR module (crisp: a whole number)
QR_SAVED_PX = 10  # in the saved PNG, for printing or sending


def qr_image(text: str, module_px: int = 1, border: int = 4) -> QImage:
    """The QR code of `text` drawn module by module, scaled by a whole factor (no blur)."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()  # the quiet zone included
    size = len(matrix)
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(qRgb(255, 255, 255))
    black = qRgb(0, 0, 0)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x, y, black)
    if module_px > 1:
        image = image.scaled(
            size * module_px,
            size * module_px,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
    return image


def kelurahan_name(code: str) -> str:
    region = region_index().get(code) if code else None
    return f"{region.kind} {region.name}" if region else code


def key_description(key: PublicKey) -> str:
    """'Kantor Lurah Ampenan Selatan (Kelurahan Ampenan Selatan)'."""
    office = key.office or QCoreApplication.translate("KeysDialog", "kantor tanpa nama")
    place = kelurahan_name(key.kelurahan_code)
    return f"{office} ({place})" if place else office


class TrustedKeyModel(ListTableModel[TrustedKey]):
    COLUMNS = ("fingerprint", "office", "kelurahan", "added")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = (
            self.tr("Sidik kunci"),
            self.tr("Kantor"),
            self.tr("Kelurahan/desa"),
            self.tr("Ditambahkan"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        trusted = self.row_at(index.row()) if index.isValid() else None
        if trusted is None or index.column() >= len(self.COLUMNS):
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.FontRole and column == "fingerprint":
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if role == Qt.ItemDataRole.ToolTipRole and column == "added" and trusted.added_by:
            return self.tr("oleh %s") % trusted.added_by
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        key = trusted.key
        if column == "fingerprint":
            return key.fingerprint
        if column == "office":
            return key.office
        if column == "kelurahan":
            return kelurahan_name(key.kelurahan_code)
        if trusted.own:
            return self.tr("kantor ini")
        return local_datetime_text(trusted.added_at)


class KeysDialog(QDialog):
    def __init__(
        self,
        installation: Installation,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner or TaskRunner(self)
        self.bus = bus or ChangeBus(self)
        self.installation = installation
        self.storage = installation.storage
        self.own = self.storage.own_public_key()
        self.may_change = self.storage.can(Permission.SETTINGS)
        self.setWindowTitle(self.tr("Kunci tanda tangan kantor"))
        self._build()
        self.reload()
        from sp_desktop.ui.widgets import fit_to_screen  # 1366x768 at 125%: 1093x614

        fit_to_screen(self, 1000, 560)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        own_box = QGroupBox(self.tr("Kunci kantor ini"), self)
        office = QLabel(key_description(self.own), own_box)
        office.setWordWrap(True)
        self.fingerprint = QLabel(self.own.fingerprint, own_box)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 9) * 1.8)
        font.setWeight(QFont.Weight.Bold)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QLabel(own_box)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setPixmap(QPixmap.fromImage(qr_image(public_key_qr_text(self.own), QR_SHOWN_PX)))
        self.qr.setToolTip(self.tr("QR kunci publik: kantor lain bisa memindainya"))
        how = QLabel(
            self.tr(
                "Kantor lain memerlukan kunci publik ini untuk memeriksa keaslian dokumen dari "
                "kantor Anda. Kirim berkas kuncinya atau QR-nya, lalu bacakan sidik kunci di "
                "atas lewat telepon supaya mereka bisa mencocokkannya."
            ),
            own_box,
        )
        how.setWordWrap(True)
        self.save_key_button = QPushButton(self.tr("Simpan &kunci publik…"), own_box)
        self.save_key_button.clicked.connect(self.choose_key_path)
        self.save_qr_button = QPushButton(self.tr("Simpan &QR sebagai gambar…"), own_box)
        self.save_qr_button.clicked.connect(self.choose_qr_path)
        own_layout = QVBoxLayout(own_box)
        own_layout.addWidget(office)
        own_layout.addWidget(QLabel(self.tr("Sidik kunci:"), own_box))
        own_layout.addWidget(self.fingerprint)
        own_layout.addWidget(self.qr)
        own_layout.addWidget(how)
        own_layout.addWidget(self.save_key_button)
        own_layout.addWidget(self.save_qr_button)
        own_layout.addStretch(1)
        own_box.setMaximumWidth(380)

        trusted_box = QGroupBox(self.tr("Kunci yang dipercaya di komputer ini"), self)
        self.model = TrustedKeyModel(self)
        self.table = list_view(self.model, trusted_box)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        list_label = QLabel(self.tr("&Daftar kunci"), trusted_box)
        list_label.setBuddy(self.table)
        trusted_note = QLabel(
            self.tr(
                "Dokumen bertanda tangan kunci di daftar ini diakui SAH saat diperiksa di sini."
            ),
            trusted_box,
        )
        trusted_note.setWordWrap(True)
        self.import_button = QPushButton(self.tr("&Impor kunci kantor lain…"), trusted_box)
        self.import_button.clicked.connect(self.choose_import_file)
        self.paste_button = QPushButton(self.tr("&Tempel teks kunci…"), trusted_box)
        self.paste_button.setToolTip(
            self.tr("Teks QR kunci kantor lain (diawali %s:), ditempel atau dipindai")
            % PUBLIC_KEY_QR_PREFIX
        )
        self.paste_button.clicked.connect(self.paste_key)
        self.remove_button = QPushButton(self.tr("&Hapus"), trusted_box)
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.import_button, self.paste_button, self.remove_button):
            button.setAutoDefault(False)
            button.setVisible(self.may_change)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.message = MessageLine(trusted_box)
        # Office names come from other offices' key files: shown as text, never as markup.
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        trusted_layout = QVBoxLayout(trusted_box)
        trusted_layout.addWidget(trusted_note)
        trusted_layout.addWidget(list_label)
        trusted_layout.addWidget(self.table, 1)
        trusted_layout.addLayout(buttons)
        trusted_layout.addWidget(self.message)
        if not self.may_change:
            only = QLabel(
                self.tr("Hanya admin yang dapat mengimpor atau menghapus kunci."), trusted_box
            )
            only.setStyleSheet("color: #555555;")
            trusted_layout.addWidget(only)

        close = QPushButton(self.tr("T&utup"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(own_box)
        columns.addWidget(trusted_box, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def reload(self) -> None:
        try:
            self.model.set_rows(self.storage.trusted_keys())
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
        self._update_buttons()

    def selected(self) -> TrustedKey | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_: object) -> None:
        chosen = self.selected()
        self.remove_button.setEnabled(chosen is not None and not chosen.own)

    def fingerprints(self) -> list[str]:
        """The fingerprints listed, this office's first."""
        rows = (self.model.row_at(r) for r in range(self.model.rowCount()))
        return [row.key.fingerprint for row in rows if row is not None]

    # -- our key ------------------------------------------------------------------------------

    def _slug(self) -> str:
        return self.own.fingerprint[:9]

    def choose_key_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan kunci publik"),
            str(documents_folder() / f"kunci-publik-{self._slug()}{PUBLIC_KEY_SUFFIX}"),
            self.tr("Kunci publik SP Desktop (*%s)") % PUBLIC_KEY_SUFFIX,
        )
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() != PUBLIC_KEY_SUFFIX:
                path = path.with_name(path.name + PUBLIC_KEY_SUFFIX)
            self.save_key_to(path)

    def save_key_to(self, path: Path) -> bool:
        try:
            path.write_bytes(public_key_file_bytes(self.own))
        except OSError as exc:
            self._write_failed(exc)
            return False
        self.message.show_message(self.tr("Kunci publik disimpan: %s") % path, "info")
        return True

    def choose_qr_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan QR kunci publik"),
            str(documents_folder() / f"qr-kunci-publik-{self._slug()}.png"),
            self.tr("Gambar PNG (*.png)"),
        )
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() != ".png":
                path = path.with_name(path.name + ".png")
            self.save_qr_to(path)

    def save_qr_to(self, path: Path) -> bool:
        image = qr_image(public_key_qr_text(self.own), QR_SAVED_PX)
        # PySide6 wants the format as str; its stubs say bytes (which it refuses).
        if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
            self._write_failed(None)
            return False
        self.message.show_message(self.tr("QR kunci publik disimpan: %s") % path, "info")
        return True

    def _write_failed(self, exc: OSError | None) -> None:
        reason = f" ({exc.strerror or exc})" if exc is not None else ""
        self.message.show_message(
            self.tr("Berkas tidak bisa disimpan di sana%s. Pilih folder lain.") % reason, "error"
        )

    # -- other offices' keys ------------------------------------------------------------------

    def choose_import_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih kunci publik kantor lain"),
            str(documents_folder()),
            self.tr("Kunci publik SP Desktop (*%s);;Semua berkas (*)") % PUBLIC_KEY_SUFFIX,
        )
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> bool:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.message.show_message(
                self.tr("Berkas '%s' tidak bisa dibaca (%s).") % (path.name, exc.strerror or exc),
                "error",
            )
            return False
        return self.import_key(data)

    def paste_key(self) -> bool:
        """Trust a key from its QR text, pasted or typed in by a scanner, after asking."""
        if not self.may_change:
            return False
        asking = PasteKeyDialog(self)
        if asking.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.import_key(asking.text())

    def import_key(self, data: bytes | str) -> bool:
        """Trust a key from a .spkunci file's bytes or a key QR text, after asking."""
        try:
            key = parse_public_key(data)
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            return False
        if key.key_id == self.own.key_id:
            self.message.show_message(self.tr("Ini kunci kantor ini sendiri."), "warn")
            return False
        if not self.confirm_trust(key):
            self.message.show_message(
                self.tr("Kunci tidak diimpor. Cocokkan dulu sidik kuncinya dengan kantor itu."),
                "warn",
            )
            return False
        storage = self.storage
        trusted: list[bool] = []
        run_write(
            self.runner,
            self.bus,
            lambda context: storage.trust_key(key),
            changes=lambda added: Changes(keys=added),
            on_done=trusted.append,
            on_refused=lambda exc: self.message.show_message(str(exc), "error"),
            initiator=self,
            wait=True,  # the caller answers whether the key is now trusted
        )
        if not trusted:
            return False
        added = trusted[0]
        self.reload()
        self._select(key.key_id)
        self.message.show_message(
            self.tr("Kunci %s sekarang dipercaya.") % key_description(key)
            if added
            else self.tr("Kunci ini sudah ada di daftar."),
            "info",
        )
        return added

    def confirm_trust(self, key: PublicKey) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Percayai kunci kantor lain"))
        box.setText(
            self.tr(
                "<b>%s</b><br><br>Sidik kunci:<br><span style='font-size: 15pt; font-family: "
                "monospace;'><b>%s</b></span><br><br>Sudah Anda cocokkan sidik kunci ini dengan "
                "kantor pengirimnya (lewat telepon atau surat)?"
            )
            % (_html(key_description(key)), key.fingerprint)
        )
        box.setInformativeText(
            self.tr(
                "Setelah dipercaya, dokumen bertanda tangan kunci ini diakui SAH di komputer "
                "ini. Jangan percayai kunci yang sidiknya belum dicocokkan."
            )
        )
        trust = box.addButton(
            self.tr("&Ya, sudah cocok — percayai"), QMessageBox.ButtonRole.AcceptRole
        )
        back = box.addButton(self.tr("&Belum"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is trust

    def _select(self, key_id: str) -> None:
        for row in range(self.model.rowCount()):
            trusted = self.model.row_at(row)
            if trusted is not None and trusted.key.key_id == key_id:
                self.table.selectRow(row)

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.own:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Hapus kunci"),
            self.tr(
                "Berhenti mempercayai kunci %s (sidik %s)?\n\nDokumen dari kantor itu tidak "
                "akan diakui sah di komputer ini sampai kuncinya diimpor lagi."
            )
            % (key_description(chosen.key), chosen.key.fingerprint),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the office name is the other office's
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.exec()
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.remove_key(chosen.key.key_id)

    def remove_key(self, key_id: str) -> None:
        storage = self.storage
        run_write(
            self.runner,
            self.bus,
            lambda context: storage.distrust_key(key_id),
            changes=Changes(keys=True),
            on_done=lambda _: self._removed(),
            on_refused=lambda exc: self.message.show_message(str(exc), "error"),
            initiator=self,
            wait=True,
        )

    def _removed(self) -> None:
        self.reload()
        self.message.show_message(self.tr("Kunci dihapus dari daftar."), "info")


class PasteKeyDialog(QDialog):
    """One line for a key's QR text: pasted, typed, or typed in by a USB scanner (which
    ends with Enter). The text is checked here, so a typo can be fixed before the
    fingerprint question; the clipboard is offered when it holds a key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tempel teks kunci kantor lain"))
        intro = QLabel(
            self.tr(
                "Tempel teks QR kunci publik kantor lain (diawali %s:), atau pindai QR-nya "
                "dengan pemindai. Sidik kuncinya ditanyakan sebelum kunci dipercaya."
            )
            % PUBLIC_KEY_QR_PREFIX,
            self,
        )
        intro.setWordWrap(True)
        self.input = QLineEdit(self)
        self.input.setPlaceholderText(f"{PUBLIC_KEY_QR_PREFIX}:…")
        self.input.setClearButtonEnabled(True)
        label = QLabel(self.tr("Teks &kunci:"), self)
        label.setBuddy(self.input)
        self.message = MessageLine(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(self)
        self.accept_button = buttons.addButton(
            self.tr("&Lanjutkan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        self.accept_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.input.textChanged.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.input)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        clipboard = QGuiApplication.clipboard().text().strip()
        if clipboard.startswith(PUBLIC_KEY_QR_PREFIX + ":"):
            self.input.setText(clipboard)
            self.input.selectAll()
        self._changed()
        self.resize(560, self.sizeHint().height())

    def text(self) -> str:
        return self.input.text().strip()

    def _changed(self, *_: object) -> None:
        self.accept_button.setEnabled(bool(self.text()))
        self.message.clear_message()

    def accept(self) -> None:
        if not self.text():
            return
        try:
            parse_public_key(self.text())
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            self.input.setFocus()
            self.input.selectAll()
            return
        super().accept()


def _html(text: str) -> str:
    return html.escape(text)
