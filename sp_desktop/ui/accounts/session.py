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
from sp_desktop.ui.help.sections import watch_for_help
from sp_desktop.ui.shell.language_picker import LanguagePicker, switch_dialog_language
from sp_desktop.ui.widgets import Field, KelurahanPicker, MessageLine

# The login dialog must show before the data's modules load (they load while the password
# is typed: see app.py), so those are imported inside the methods that use them.
if TYPE_CHECKING:
    from sp_desktop.core.base.errors import UserFacingError
    from sp_desktop.core.domain.model import Account
    from sp_desktop.core.security.installation import Installation
    from sp_desktop.ui.worker import TaskRunner

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


def grow_to_fit(widget: QWidget) -> None:
    """Make `widget`'s dialog tall enough for what it shows now. A message that wraps
    needs more height than the dialog had: without this the layout squashes the inputs
    (and clips a wrapped label) instead of growing the window."""
    top = widget.window()
    layout = top.layout()
    if not isinstance(top, QDialog) or layout is None:
        return  # the lock screen sits in the main window, which has room
    layout.activate()
    # The height for the current width can come out short with nested layouts; the size
    # hint (at the narrowest width) never does. A little room to spare beats squashed rows.
    needed = layout.totalSizeHint().height()
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalHeightForWidth(top.width()))
    if needed > top.height():
        top.resize(top.width(), needed)


def _show(line: MessageLine, text: str, kind: str) -> None:
    line.show_message(text, kind)
    grow_to_fit(line)


def _password_line(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _nip_line(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(QtCore.QCoreApplication.translate("SignInPanel", "18 angka"))
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

    def __init__(self, parent: QWidget | None = None, *, button_text: str = "") -> None:
        super().__init__(parent)
        self.nip = _nip_line(self)
        self.password = _password_line(self)
        self.message = MessageLine(self)
        self.button = QPushButton(button_text or self.tr("Masuk"), self)
        # Enter is handled by the fields themselves (below), in the login dialog and on the
        # lock screen alike. A default button would take the same Enter a second time in a
        # dialog, after a wrong password has cleared the field: "Isi NIP dan kata sandi."
        self.button.setAutoDefault(False)
        self.button.installEventFilter(self)  # Enter on the button itself still presses it
        self.button.clicked.connect(self._submit)
        self.nip.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)
        self.waiting = _WaitingButton(self.button)
        self.nip.setAccessibleName(self.tr("NIP"))
        self.password.setAccessibleName(self.tr("Kata sandi"))
        for edit in (self.nip, self.password):
            edit.textEdited.connect(self._edited)
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

    def _edited(self, _text: str) -> None:
        # "Isi NIP dan kata sandi." is about what is typed: it goes once that changes. A
        # wrong-password or wait message stays until the next try.
        if self._asked_to_fill:
            self._asked_to_fill = False
            self.message.clear_message()

    _asked_to_fill = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.button
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QtGui.QKeyEvent)
            and event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
        ):
            self.button.click()
            return True
        return False

    def _submit(self) -> None:
        if not self.button.isEnabled():
            return
        if not self.nip.text().strip() or not self.password.text():
            self._asked_to_fill = True
            _show(self.message, self.tr("Isi NIP dan kata sandi."), "error")
            (self.password if self.nip.text().strip() else self.nip).setFocus()
            return
        self._asked_to_fill = False
        self.submitted.emit(self.nip.text().strip(), self.password.text())

    def failed(self, exc: UserFacingError) -> None:
        """Show why; a wrong password clears the password field, never the NIP."""
        from sp_desktop.core.security.keyring import TooManyAttemptsError

        self.password.clear()
        self.password.setFocus()
        _show(self.message, str(exc), "error")
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
        window_title = self.tr("Masuk")  # lupdate reads no tr() inside an f-string
        self.setWindowTitle(f"{APP_NAME} — {window_title}")
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
        self.language = LanguagePicker(self)
        self.language.chosen.connect(lambda code: switch_dialog_language(self, data_dir, code))
        layout = QVBoxLayout(self)
        layout.addWidget(self.language)
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
        watch_for_help(self)

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
        for edit in (self.key, self.nip, self.password, self.repeat):
            edit.textEdited.connect(lambda _text: self.message.clear_message())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(button, 0, QtCore.Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(520)
        watch_for_help(self)

    def _recover(self) -> None:
        if self.password.text() != self.repeat.text():
            _show(self.message, self.tr("Kedua kata sandi baru tidak sama."), "error")
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
            _show(self.message, str(exc), "error")
            return
        self.accept()


class SetupDialog(QDialog):
    """First run: the office, the first admin, and the recovery sheet."""

    def __init__(
        self,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        encrypting_old_data: bool = False,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.installation: Installation | None = None
        self.recovery_key = ""
        self.encrypting_old_data = encrypting_old_data
        self._runner = runner  # made on first use: the worker module loads after the dialog
        window_title = self.tr("Persiapan pertama")  # lupdate reads no tr() inside an f-string
        self.setWindowTitle(f"{APP_NAME} — {window_title}")
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
        # The labels' buddies are the Field wrappers (they pass the focus on); screen readers
        # get the inputs' names from here.
        for name, edit in (
            (self.tr("Nama kantor/posko"), self.office),
            (self.tr("Kelurahan/desa"), self.kelurahan),
            (self.tr("NIP admin"), self.nip),
            (self.tr("Nama admin"), self.name),
            (self.tr("Kata sandi"), self.password),
            (self.tr("Ulangi kata sandi"), self.repeat),
        ):
            edit.setAccessibleName(name)
        # A message goes as soon as its field is changed: it was about what was there.
        for key, edit in (
            ("office", self.office),
            ("nip", self.nip),
            ("name", self.name),
            ("password", self.password),
            ("repeat", self.repeat),
        ):
            edit.textEdited.connect(lambda _text, key=key: self._changed(key))
        self.kelurahan.code_changed.connect(lambda _code: self._changed("kelurahan_code"))
        self.message = MessageLine(self)
        if encrypting_old_data:
            self.message.show_message(
                self.tr(
                    "Data yang sudah ada di komputer ini akan dienkripsi dengan kunci baru saat "
                    "persiapan selesai."
                ),
                "warn",
            )
        from PySide6.QtWidgets import QProgressBar

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # no figures to show: the work reports none
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.create_button = QPushButton(self.tr("Siapkan"), self)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        # Chosen here, the language becomes the PC's and the first admin's (app.sign_in).
        self.language = LanguagePicker(self)
        self.language.chosen.connect(self._switch_language)
        layout = QVBoxLayout(self)
        layout.addWidget(self.language)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.create_button, 0, QtCore.Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(560)
        watch_for_help(self)

    def _switch_language(self, code: str) -> None:
        if not self.working:  # the data folder is half made while the worker runs
            switch_dialog_language(self, None, code)  # no folder yet: kept once set up

    def _changed(self, key: str) -> None:
        self.fields[key].clear_message()
        if key == "password":  # "not the same" was about both
            self.fields["repeat"].clear_message()
        grow_to_fit(self)

    @property
    def working(self) -> bool:
        return self.busy.isVisible()

    def _create(self) -> None:
        from sp_desktop.core.domain.model import Helper
        from sp_desktop.core.security.installation import Installation
        from sp_desktop.ui.worker import TaskRunner

        if self.working:
            return
        for field in self.fields.values():
            field.clear_message()
        if self.password.text() != self.repeat.text():
            self.fields["repeat"].show_message(self.tr("Kedua kata sandi tidak sama."), "error")
            grow_to_fit(self)
            return
        if self._runner is None:
            self._runner = TaskRunner(self)
        data_dir = self.data_dir
        office, code = self.office.text(), self.kelurahan.code()
        admin = Helper(nip=self.nip.text(), name=self.name.text())
        password = self.password.text()
        # Key stretching, and encrypting old data (minutes on a big database), run in the
        # worker: the window keeps painting and says what it is doing.
        self._set_working(True)
        self._runner.submit(
            lambda context: Installation.create(
                data_dir, office=office, kelurahan_code=code, admin=admin, password=password
            ),
            on_done=self._created,
            on_error=self._refused,
            write=True,
        )

    def _set_working(self, working: bool) -> None:
        for field in self.fields.values():
            field.widget.setEnabled(not working)
        self.create_button.setEnabled(not working)
        self.busy.setVisible(working)
        if working:
            self.message.show_message(
                self.tr(
                    "Mengenkripsi data lama dan menyiapkan kunci… Jangan matikan komputer."
                    if self.encrypting_old_data
                    else "Menyiapkan kunci dan akun admin…"
                ),
                "info",
            )
        else:
            self.message.clear_message()
        grow_to_fit(self)

    def _refused(self, exc: BaseException) -> None:
        from sp_desktop.core.base.errors import RecordValidationError, UserFacingError

        self._set_working(False)
        if isinstance(exc, RecordValidationError):
            for name, problem in exc.problems.items():
                (self.fields.get(name) or self.fields["office"]).show_message(problem, "error")
        elif isinstance(exc, UserFacingError):
            self.message.show_message(str(exc), "error")
        else:
            raise exc  # a bug: the application's crash report
        grow_to_fit(self)

    def _created(self, made: tuple[Installation, str]) -> None:
        self.installation, self.recovery_key = made
        self.busy.hide()
        if self.encrypting_old_data:
            self.message.show_message(
                self.tr("Data lama berhasil dienkripsi. Sekarang simpan lembar pemulihan."),
                "info",
            )
        sheet = RecoverySheetDialog(self.installation, self.recovery_key, self)
        sheet.exec()
        self.accept()

    def reject(self) -> None:
        if not self.working:  # the data folder is half made while the worker runs
            super().reject()


class RecoverySheetDialog(QDialog):
    """Save and print the recovery sheet; it cannot be closed before it has been saved."""

    def __init__(self, installation: Installation, recovery_key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.installation = installation
        self.recovery_key = recovery_key
        self.saved_to: Path | None = None
        self.setWindowTitle(self.tr("Lembar pemulihan"))
        self.text = text = QLabel(
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
        self.save_button = save = QPushButton(self.tr("&Simpan lembar pemulihan (PDF)…"), self)
        save.setDefault(True)
        save.clicked.connect(self._save)
        self.print_button = QPushButton(self.tr("&Cetak…"), self)
        self.print_button.setEnabled(False)  # it prints the saved PDF
        self.print_button.setToolTip(self.tr("Simpan dulu, lalu cetak lembar yang tersimpan"))
        self.print_button.clicked.connect(self.print_sheet)
        from PySide6.QtWidgets import QCheckBox

        self.confirmed = QCheckBox(self.tr("Lembar pemulihan sudah saya cetak dan simpan"), self)
        self.confirmed.setEnabled(False)
        self.done_button = QPushButton(self.tr("Selesai"), self)
        self.done_button.setEnabled(False)
        self.confirmed.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.done_button, 0, QtCore.Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(560)
        watch_for_help(self)

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        grow_to_fit(self)  # the wrapped warning, whole, at any font size

    def default_path(self) -> Path:
        return Path.home() / "Lembar-Pemulihan-SP-Desktop.pdf"

    def _save(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan lembar pemulihan"), str(self.default_path()), "PDF (*.pdf)"
        )
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, path: Path) -> None:
        from sp_desktop.core.base.errors import UserFacingError
        from sp_desktop.core.security.safekeeping import print_recovery_sheet

        try:
            self.saved_to = print_recovery_sheet(self.installation, self.recovery_key, path)
        except (UserFacingError, OSError) as exc:
            _show(
                self.message,
                self.tr("Lembar tidak bisa disimpan di sana: %s. Pilih folder lain.") % exc,
                "error",
            )
            return
        _show(
            self.message,
            self.tr(
                "Tersimpan di %s. Tekan Cetak, simpan kertasnya di lemari terkunci, lalu "
                "hapus berkasnya."
            )
            % self.saved_to,
            "info",
        )
        self.print_button.setEnabled(True)
        self.print_button.setDefault(True)
        self.confirmed.setEnabled(True)

    def print_sheet(self) -> bool:
        """Qt's print dialog on the saved sheet; True once it went to the printer."""
        from sp_desktop.ui.documents.printing import print_pdf

        if self.saved_to is None:
            return False
        printed = print_pdf(self, self.saved_to)
        if printed:
            _show(
                self.message,
                self.tr(
                    "Lembar dikirim ke printer. Simpan kertasnya di lemari terkunci, lalu hapus "
                    "berkas %s."
                )
                % self.saved_to,
                "info",
            )
        return printed

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
                % (
                    account.name,
                    QtCore.QCoreApplication.translate("Role", ROLE_LABELS[Role(account.role)]),
                )
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
