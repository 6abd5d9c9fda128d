"""Who is at the PC: first-run set-up, login, the recovery sheet, the lock screen, idle time."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

# Qt's enums are reached as QtCore.Qt…: `Qt` is built on its first use (~20 ms), and the
# login dialog does not need it before it shows.
from PySide6 import QtCore, QtGui
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop import APP_NAME
from sp_desktop.core.base.data_folder import office_name
from sp_desktop.ui.widgets import Field, KelurahanPicker, MessageLine

# The login dialog must show before the data's modules load (they load while the password
# is typed: see app.py), so those are imported inside the methods that use them.
if TYPE_CHECKING:
    from sp_desktop.core.base.errors import UserFacingError
    from sp_desktop.core.domain.model import Account
    from sp_desktop.core.security.installation import Installation

DEFAULT_LOCK_MINUTES = 5
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def _password_line(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _nip_line(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText("18 angka")
    edit.setMaxLength(24)
    return edit


class _WaitingButton:
    """Keeps a button disabled through a wait after too many wrong passwords, counting down."""

    def __init__(self, button: QPushButton) -> None:
        self.button = button
        self.text = button.text()
        self.remaining = 0
        self.timer = QTimer(button)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)

    def start(self, seconds: int) -> None:
        self.remaining = seconds
        self.button.setEnabled(False)
        self._tick(first=True)
        self.timer.start()

    def _tick(self, first: bool = False) -> None:
        if not first:
            self.remaining -= 1
        if self.remaining <= 0:
            self.timer.stop()
            self.button.setEnabled(True)
            self.button.setText(self.text)
            return
        self.button.setText(f"{self.text} ({self.remaining})")


class SignInPanel(QWidget):
    """NIP + password + button: the login dialog and the lock screen share it."""

    submitted = Signal(str, str)  # NIP, password

    def __init__(self, parent: QWidget | None = None, *, button_text: str = "Masuk") -> None:
        super().__init__(parent)
        self.nip = _nip_line(self)
        self.password = _password_line(self)
        self.message = MessageLine(self)
        self.button = QPushButton(button_text, self)
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.nip.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)
        self.waiting = _WaitingButton(self.button)
        form = QFormLayout()
        form.addRow(self.tr("&NIP"), self.nip)
        form.addRow(self.tr("&Kata sandi"), self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(row)

    def _submit(self) -> None:
        if not self.button.isEnabled():
            return
        if not self.nip.text().strip() or not self.password.text():
            self.message.show_message(self.tr("Isi NIP dan kata sandi."), "error")
            return
        self.submitted.emit(self.nip.text().strip(), self.password.text())

    def failed(self, exc: UserFacingError) -> None:
        """Show why; a wrong password clears the password field, never the NIP."""
        from sp_desktop.core.security.keyring import TooManyAttemptsError

        self.password.clear()
        self.password.setFocus()
        self.message.show_message(str(exc), "error")
        if isinstance(exc, TooManyAttemptsError):
            self.waiting.start(exc.wait_seconds)

    def reset(self, nip: str = "") -> None:
        self.nip.setText(nip)
        self.password.clear()
        self.message.clear_message()
        (self.password if nip else self.nip).setFocus()


class LoginDialog(QDialog):
    """Start of every session on a set-up PC."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.installation: Installation | None = None
        self.setWindowTitle(f"{APP_NAME} — {self.tr('Masuk')}")
        title = QLabel(f"<h2>{APP_NAME}</h2>", self)
        # Read from a clear copy: the database that holds it opens only after the login.
        office = office_name(data_dir)
        self.office = QLabel(f"<b>{html.escape(office)}</b>", self)
        self.office.setWordWrap(True)
        self.office.setVisible(bool(office))
        hint = QLabel(
            self.tr(
                "Setiap petugas masuk dengan NIP dan kata sandinya sendiri. Jangan memakai "
                "akun orang lain."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.panel = SignInPanel(self)
        self.panel.submitted.connect(self._sign_in)
        forgot = QPushButton(self.tr("Lupa kata sandi? Pakai lembar pemulihan…"), self)
        forgot.setFlat(True)
        forgot.setAutoDefault(False)
        forgot.clicked.connect(self._recover)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.office)
        layout.addWidget(hint)
        layout.addWidget(self.panel)
        forgot_row = QHBoxLayout()  # left-aligned without touching Qt's enums (see top)
        forgot_row.addWidget(forgot)
        forgot_row.addStretch(1)
        layout.addLayout(forgot_row)
        self.setMinimumWidth(440)
        self.panel.reset()

    def _sign_in(self, nip: str, password: str) -> None:
        from sp_desktop.core.base.errors import UserFacingError
        from sp_desktop.core.security.installation import Installation

        QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            self.installation = Installation.open(self.data_dir, nip, password)
        except UserFacingError as exc:
            self.panel.failed(exc)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()

    def _recover(self) -> None:
        dialog = RecoveryDialog(self.data_dir, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.installation is not None:
            self.installation = dialog.installation
            self.accept()


class RecoveryDialog(QDialog):
    """Every password lost: the recovery sheet's key gives an admin a new password."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.installation: Installation | None = None
        self.setWindowTitle(self.tr("Pakai lembar pemulihan"))
        intro = QLabel(
            self.tr(
                "Ketik kunci pemulihan dari lembar yang dicetak saat SP Desktop disiapkan "
                "(32 huruf dan angka; tanda '-' boleh dilewati), NIP seorang admin, dan kata "
                "sandi baru untuk admin itu."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.key = QLineEdit(self)
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        mono = QtGui.QFont("monospace")
        mono.setStyleHint(QtGui.QFont.StyleHint.Monospace)
        self.key.setFont(mono)
        self.nip = _nip_line(self)
        self.password = _password_line(self)
        self.repeat = _password_line(self)
        self.message = MessageLine(self)
        button = QPushButton(self.tr("Pulihkan akses"), self)
        button.setDefault(True)
        button.clicked.connect(self._recover)
        form = QFormLayout()
        form.addRow(self.tr("Kunci &pemulihan"), self.key)
        form.addRow(self.tr("&NIP admin"), self.nip)
        form.addRow(self.tr("Kata sandi &baru"), self.password)
        form.addRow(self.tr("&Ulangi kata sandi"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(button, 0, QtCore.Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(520)

    def _recover(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.show_message(self.tr("Kedua kata sandi baru tidak sama."), "error")
            return
        from sp_desktop.core.base.errors import UserFacingError
        from sp_desktop.core.security.installation import Installation

        try:
            self.installation = Installation.recover(
                self.data_dir,
                self.key.text(),
                admin_nip=self.nip.text(),
                new_password=self.password.text(),
            )
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            return
        self.accept()


class SetupDialog(QDialog):
    """First run: the office, the first admin, and the recovery sheet."""

    def __init__(
        self, data_dir: Path, parent: QWidget | None = None, *, encrypting_old_data: bool = False
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.installation: Installation | None = None
        self.recovery_key = ""
        self.setWindowTitle(f"{APP_NAME} — {self.tr('Persiapan pertama')}")
        intro = QLabel(
            self.tr(
                "<b>Selamat datang.</b> SP Desktop menyimpan No KK dan NIK keluarga, jadi data "
                "di komputer ini dikunci dengan sandi. Isi nama kantor dan buat akun admin "
                "pertama. Akun petugas lain dibuat admin atau koordinator sesudahnya."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.office = QLineEdit(self)
        self.office.setPlaceholderText(self.tr("mis. Kantor Lurah Ampenan Selatan"))
        self.kelurahan = KelurahanPicker(self)
        self.nip = _nip_line(self)
        self.name = QLineEdit(self)
        self.password = _password_line(self)
        self.repeat = _password_line(self)
        self.fields = {
            "office": Field(self.office, self),
            "kelurahan_code": Field(self.kelurahan, self),
            "nip": Field(self.nip, self),
            "name": Field(self.name, self),
            "password": Field(self.password, self),
            "repeat": Field(self.repeat, self),
        }
        form = QFormLayout()
        form.addRow(self.tr("Nama &kantor/posko"), self.fields["office"])
        form.addRow(self.tr("Ke&lurahan/desa"), self.fields["kelurahan_code"])
        form.addRow(self.tr("&NIP admin"), self.fields["nip"])
        form.addRow(self.tr("N&ama admin"), self.fields["name"])
        form.addRow(self.tr("Kata &sandi"), self.fields["password"])
        form.addRow(self.tr("&Ulangi kata sandi"), self.fields["repeat"])
        self.message = MessageLine(self)
        if encrypting_old_data:
            self.message.show_message(
                self.tr(
                    "Data yang sudah ada di komputer ini akan dienkripsi dengan kunci baru saat "
                    "persiapan selesai."
                ),
                "warn",
            )
        self.create_button = QPushButton(self.tr("Siapkan"), self)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.create_button, 0, QtCore.Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(560)

    def _create(self) -> None:
        from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
        from sp_desktop.core.domain.model import Helper
        from sp_desktop.core.security.installation import Installation

        for field in self.fields.values():
            field.clear_message()
        if self.password.text() != self.repeat.text():
            self.fields["repeat"].show_message(self.tr("Kedua kata sandi tidak sama."), "error")
            return
        QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            self.installation, self.recovery_key = Installation.create(
                self.data_dir,
                office=self.office.text(),
                kelurahan_code=self.kelurahan.code(),
                admin=Helper(nip=self.nip.text(), name=self.name.text()),
                password=self.password.text(),
            )
        except RecordValidationError as exc:
            for name, problem in exc.problems.items():
                (self.fields.get(name) or self.fields["office"]).show_message(problem, "error")
            return
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            return
        finally:
            QApplication.restoreOverrideCursor()
        sheet = RecoverySheetDialog(self.installation, self.recovery_key, self)
        sheet.exec()
        self.accept()


class RecoverySheetDialog(QDialog):
    """Save (and print) the recovery sheet; it cannot be closed before it has been saved."""

    def __init__(self, installation: Installation, recovery_key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.installation = installation
        self.recovery_key = recovery_key
        self.saved_to: Path | None = None
        self.setWindowTitle(self.tr("Lembar pemulihan"))
        text = QLabel(
            self.tr(
                "<b>Simpan dan cetak lembar pemulihan sekarang.</b><br><br>Lembar ini berisi "
                "kunci yang membuka data jika <b>semua</b> kata sandi terlupa. Cetak, simpan di "
                "lemari terkunci (bukan di tas yang sama dengan komputer atau flashdisk), lalu "
                "hapus berkas PDF-nya.<br><br><b>Tanpa kata sandi satu pun dan tanpa lembar "
                "ini, data tidak dapat dipulihkan oleh siapa pun.</b>"
            ),
            self,
        )
        text.setWordWrap(True)
        self.message = MessageLine(self)
        save = QPushButton(self.tr("&Simpan lembar pemulihan (PDF)…"), self)
        save.setDefault(True)
        save.clicked.connect(self._save)
        from PySide6.QtWidgets import QCheckBox

        self.confirmed = QCheckBox(self.tr("Lembar pemulihan sudah saya cetak dan simpan"), self)
        self.confirmed.setEnabled(False)
        self.done_button = QPushButton(self.tr("Selesai"), self)
        self.done_button.setEnabled(False)
        self.confirmed.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(save, 0, QtCore.Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.done_button, 0, QtCore.Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(520)

    def default_path(self) -> Path:
        return Path.home() / "Lembar-Pemulihan-SP-Desktop.pdf"

    def _save(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan lembar pemulihan"), str(self.default_path()), "PDF (*.pdf)"
        )
        if chosen:
            self.save_to(Path(chosen), open_after=True)

    def save_to(self, path: Path, *, open_after: bool = False) -> None:
        from sp_desktop.core.base.errors import UserFacingError
        from sp_desktop.core.security.safekeeping import print_recovery_sheet

        try:
            self.saved_to = print_recovery_sheet(self.installation, self.recovery_key, path)
        except (UserFacingError, OSError) as exc:
            self.message.show_message(
                self.tr("Lembar tidak bisa disimpan di sana: %s. Pilih folder lain.") % exc,
                "error",
            )
            return
        self.message.show_message(
            self.tr("Tersimpan di %s. Cetak sekarang, lalu hapus berkasnya.") % self.saved_to,
            "info",
        )
        self.confirmed.setEnabled(True)
        if open_after:  # the PDF viewer prints it
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(self.saved_to)))

    def reject(self) -> None:
        if self.done_button.isEnabled():
            super().reject()


class LockScreen(QWidget):
    """Covers the window while locked. The work underneath stays exactly as it was."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(
            self.tr(
                "Layar dikunci. Ketik kata sandi untuk melanjutkan; isian yang belum disimpan "
                "tetap ada.\nPetugas lain? Ketik NIP dan kata sandi Anda sendiri untuk ganti "
                "pengguna."
            ),
            self,
        )
        self.hint.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.panel = SignInPanel(self, button_text=self.tr("Buka"))
        self.panel.setMinimumWidth(380)
        self.panel.setMaximumWidth(460)
        box = QVBoxLayout(self)
        box.addStretch(2)
        box.addWidget(self.title)
        box.addWidget(self.hint)
        box.addWidget(self.panel, 0, QtCore.Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(3)

    last_account_id = ""

    def show_for(self, account: Account | None) -> None:
        from sp_desktop.core.domain.permissions import ROLE_LABELS, Role

        self.last_account_id = account.id if account else ""
        if account is not None:
            self.title.setText(
                self.tr("<h2>Layar terkunci</h2>Terakhir dipakai oleh <b>%s</b> (%s)")
                % (account.name, ROLE_LABELS[Role(account.role)])
            )
        self.panel.reset(account.nip if account else "")


class IdleWatcher(QObject):
    """Calls back after `minutes` without keyboard or mouse input anywhere in the app."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.start()

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self.timer.isActive():
            self.timer.start()  # restart the countdown
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
