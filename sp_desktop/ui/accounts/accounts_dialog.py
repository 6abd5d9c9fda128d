"""Who may sign in: the office's accounts, and changing one's own password.

Coordinators manage helper accounts; admins manage every account. The core checks the
same rules (Storage/Installation), so the dialog only avoids offering what would be
refused. Passwords are never shown or prefilled.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
from sp_desktop.core.domain import rules
from sp_desktop.core.domain.model import Account, Helper
from sp_desktop.core.domain.permissions import ROLE_LABELS, Permission, Role
from sp_desktop.core.security.installation import (
    MIN_PASSWORD_LENGTH,
    Installation,
    password_problem,
)
from sp_desktop.ui.operations import ChangeBus, Changes, run_write
from sp_desktop.ui.table_model import Index, ListTableModel
from sp_desktop.ui.widgets import Field, MessageLine, list_view
from sp_desktop.ui.worker import TaskRunner

INACTIVE_COLOUR = "#777777"


def role_label(role: str) -> str:
    """'Petugas pendamping' for 'petugas', in the interface language."""
    try:
        return QCoreApplication.translate("Role", ROLE_LABELS[Role(role)])
    except ValueError:
        return role


def _field(widget: QWidget, parent: QWidget) -> Field:
    """A Field whose label's Alt+letter reaches the input (a label's buddy is the Field,
    which takes focus only with a focus policy and passes it on through its proxy)."""
    field = Field(widget, parent)
    field.setFocusProxy(widget)
    field.setFocusPolicy(widget.focusPolicy())
    return field


def _password_line(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class _WaitCursor:
    """Key stretching takes a moment: show it."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


class AccountTableModel(ListTableModel[Account]):
    COLUMNS = ("name", "nip", "role", "active")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = (self.tr("Nama"), self.tr("NIP"), self.tr("Peran"), self.tr("Status"))

    def row_of(self, account_id: str) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == account_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        account = self.row_at(index.row()) if index.isValid() else None
        if account is None or index.column() >= len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not account.active:
            return QBrush(QColor(INACTIVE_COLOUR))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return account.name  # long names are cut short in the column
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = self.COLUMNS[index.column()]
        if column == "name":
            return account.name
        if column == "nip":
            return account.nip
        if column == "role":
            return role_label(account.role)
        return self.tr("aktif") if account.active else self.tr("nonaktif")


class AccountsDialog(QDialog):
    """The list of accounts on the left, the selected (or a new) account's form on the right."""

    saved = Signal(str)  # the id of an account just saved (helpers may have changed too)

    def __init__(
        self,
        installation: Installation,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self.installation = installation
        self.storage = installation.storage
        self.runner = runner or TaskRunner(self)
        self.bus = bus or ChangeBus(self)
        self.current: Account | None = None  # None: a new account
        self.setWindowTitle(self.tr("Akun pengguna"))
        self.resize(960, 520)
        self._build()
        self.reload()
        self.new_account()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.model = AccountTableModel(self)
        self.table = list_view(self.model, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._picked)
        self.table.installEventFilter(self)
        list_label = QLabel(self.tr("&Daftar akun"), self)
        list_label.setBuddy(self.table)

        self.heading = QLabel(self)
        self.nip = QLineEdit(self)
        self.nip.setPlaceholderText(self.tr("18 angka"))
        self.nip.setMaxLength(24)
        self.nip.editingFinished.connect(self._nip_entered)
        self.nip.setStyleSheet("QLineEdit:read-only { background: #eeeeee; color: #333333; }")
        self.name = QLineEdit(self)
        self.opd = QLineEdit(self)
        self.opd.setPlaceholderText(self.tr("mis. Dinas Sosial"))
        self.role = QComboBox(self)
        self.password = _password_line(self)
        self.repeat = _password_line(self)
        self.active = QCheckBox(self.tr("Akun &aktif (boleh masuk)"), self)
        self.fields: dict[str, Field] = {}
        for name, widget in (
            ("nip", self.nip),
            ("name", self.name),
            ("opd", self.opd),
            ("role", self.role),
            ("password", self.password),
            ("repeat", self.repeat),
        ):
            self.fields[name] = _field(widget, self)
        self.password_hint = QLabel(self)
        self.password_hint.setWordWrap(True)
        self.password_hint.setStyleSheet("color: #555555;")
        self.role_note = QLabel(self)
        self.role_note.setWordWrap(True)
        self.role_note.setStyleSheet("color: #555555;")
        self.role_note.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&NIP"), self.fields["nip"])
        form.addRow(self.tr("Na&ma"), self.fields["name"])
        form.addRow(self.tr("&OPD / unit kerja"), self.fields["opd"])
        form.addRow(self.tr("&Peran"), self.fields["role"])
        form.addRow("", self.role_note)
        form.addRow(self.tr("&Kata sandi"), self.fields["password"])
        form.addRow(self.tr("&Ulangi kata sandi"), self.fields["repeat"])
        form.addRow("", self.password_hint)
        form.addRow("", self.active)

        self.message = MessageLine(self)
        self.save_button = QPushButton(self.tr("&Simpan"), self)
        self.save_button.setDefault(True)  # Enter in any field saves
        self.save_button.clicked.connect(self.save)
        self.new_button = QPushButton(self.tr("Akun &baru"), self)
        self.new_button.clicked.connect(self.new_account)
        close = QPushButton(self.tr("&Tutup"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addStretch(1)
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(self.save_button)
        form_buttons.addStretch(1)
        close_row = QHBoxLayout()
        close_row.addStretch(1)
        close_row.addWidget(close)

        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.table, 1)
        left.addLayout(list_buttons)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(form)
        right.addSpacing(4)
        right.addLayout(form_buttons)
        right.addWidget(self.message)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addSpacing(16)
        columns.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(close_row)

        order = [self.table, self.nip, self.name, self.opd, self.role, self.password]
        order += [self.repeat, self.active, self.save_button, self.new_button, close]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a row of the list goes to its form instead of saving it unchanged."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self.current is not None:
                self._focus_first_editable()
            return True
        return super().eventFilter(watched, event)

    # -- roles ---------------------------------------------------------------------------

    def grantable_roles(self) -> list[Role]:
        """Roles the signed-in account may give: a coordinator only helper accounts."""
        if self.storage.can(Permission.MANAGE_ALL_ACCOUNTS):
            return [Role.HELPER, Role.OPD_ADMIN, Role.COORDINATOR, Role.ADMIN]
        if self.storage.can(Permission.MANAGE_HELPERS):
            return [Role.HELPER, Role.OPD_ADMIN]
        return []

    def _set_role_choices(self, shown: str | None = None) -> None:
        """The grantable roles, plus `shown` (an account's own role) if it is not one."""
        roles = [r.value for r in self.grantable_roles()]
        if shown and shown not in roles:
            roles.append(shown)
        self.role.clear()
        for role in roles:
            self.role.addItem(role_label(role), role)
        if shown:
            self.role.setCurrentIndex(self.role.findData(shown))

    # -- list ----------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            accounts = self.storage.accounts()
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            accounts = []
        self.model.set_rows(accounts)

    def _helper_by_nip(self, nip: str) -> Helper | None:
        digits = rules.clean_digits(nip)
        return (
            next((h for h in self.storage.helpers() if h.nip == digits), None) if digits else None
        )

    def _helper_of(self, account: Account) -> Helper | None:
        return next((h for h in self.storage.helpers() if h.id == account.helper_id), None)

    def _picked(self, index: QModelIndex, _previous: QModelIndex) -> None:
        account = self.model.row_at(index.row()) if index.isValid() else None
        if account is not None:
            self.show_account(account)

    def select_account(self, account_id: str) -> None:
        row = self.model.row_of(account_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))

    # -- form ----------------------------------------------------------------------------

    def _clear_messages(self) -> None:
        for field in self.fields.values():
            field.clear_message()
        self.message.clear_message()

    def new_account(self) -> None:
        """An empty form for a new account (the 'Akun baru' button)."""
        self.current = None
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self._clear_messages()
        self.heading.setText(self.tr("<b>Akun baru</b>"))
        for edit in (self.nip, self.name, self.opd, self.password, self.repeat):
            edit.clear()
        self.nip.setReadOnly(False)
        self.nip.setToolTip("")
        self._set_role_choices()
        self.role.setCurrentIndex(0)
        self.active.setChecked(True)
        self.password_hint.setText(
            self.tr("Wajib untuk akun baru: paling sedikit %d huruf/angka, tanpa NIP.")
            % MIN_PASSWORD_LENGTH
        )
        self._set_editable(bool(self.grantable_roles()), own=False)
        if not self.grantable_roles():
            self.message.show_message(
                self.tr("Akun Anda tidak boleh membuat atau mengubah akun."), "error"
            )
        self.nip.setFocus()

    def show_account(self, account: Account) -> None:
        self.current = account
        self._clear_messages()
        self.heading.setText(self.tr("<b>Ubah akun: %s</b>") % html.escape(account.name))
        helper = self._helper_of(account)
        self.nip.setText(account.nip)
        self.nip.setReadOnly(True)
        self.nip.setToolTip(self.tr("NIP akun yang sudah ada tidak bisa diubah."))
        self.name.setText(account.name)
        self.opd.setText(helper.opd if helper else "")
        self.password.clear()
        self.repeat.clear()
        self._set_role_choices(account.role)
        self.active.setChecked(account.active)
        if self.installation.keyring.has_account(account.id):
            self.password_hint.setText(
                self.tr(
                    "Biarkan kosong agar kata sandi tetap. Isi keduanya untuk "
                    "mengganti kata sandi (paling sedikit %d huruf/angka)."
                )
                % MIN_PASSWORD_LENGTH
            )
        else:
            self.password_hint.setText(
                self.tr("Akun ini belum punya kata sandi: isi kata sandi baru agar bisa masuk.")
            )
        own = account.id == self.installation.account.id
        manageable = account.role in {r.value for r in self.grantable_roles()}
        self._set_editable(manageable, own=own)
        if not manageable:
            text = self.tr("Akun dengan peran %s hanya bisa diubah oleh admin.") % role_label(
                account.role
            )
            if own:
                text += " " + self.tr("Kata sandi Anda sendiri diganti lewat Ganti kata sandi.")
            self.message.show_message(text, "warn")

    def _set_editable(self, editable: bool, *, own: bool) -> None:
        for widget in (self.name, self.opd, self.password, self.repeat):
            widget.setEnabled(editable)
        self.nip.setEnabled(editable or self.current is not None)
        self.role.setEnabled(editable and not own)
        self.active.setEnabled(editable and not own)
        self.save_button.setEnabled(editable)
        self.password_hint.setVisible(editable)
        self.role_note.setVisible(editable and own)
        self.role_note.setText(
            self.tr("Peran dan status akun Anda sendiri hanya bisa diubah oleh admin lain.")
        )

    def _focus_first_editable(self) -> None:
        target = self.name if self.current is not None else self.nip
        if target.isEnabled():
            target.setFocus()
            target.selectAll()

    def _nip_entered(self) -> None:
        """A new account for someone already listed as a helper: take their name and OPD."""
        if self.current is not None or self.name.text().strip():
            return
        try:
            helper = self._helper_by_nip(self.nip.text())
        except UserFacingError:
            return
        if helper is not None and self.storage.account_by_nip(helper.nip) is None:
            self.name.setText(helper.name)
            self.opd.setText(helper.opd)
            self.fields["nip"].show_warning(
                self.tr("Sudah terdaftar sebagai petugas: nama dan OPD diambil dari sana.")
            )

    def _form_problems(self, helper: Helper, password: str) -> dict[str, str]:
        """What the dialog can tell before asking the core: all fields at once."""
        problems = {k: v for k, v in rules.helper_problems(helper).items() if k != "phone"}
        if (
            self.current is None
            and "nip" not in problems
            and self.storage.account_by_nip(helper.nip) is not None
        ):
            problems["nip"] = self.tr(
                "NIP ini sudah punya akun. Pilih akunnya di daftar untuk mengubahnya."
            )
        needs_password = self.current is None or (
            self.active.isChecked() and not self.installation.keyring.has_account(self.current.id)
        )
        if password != self.repeat.text():
            problems["repeat"] = self.tr("Kedua kata sandi tidak sama. Ketik ulang keduanya.")
        elif password:
            if (problem := password_problem(password, helper.nip)) is not None:
                problems["password"] = problem
        elif needs_password:
            problems["password"] = (
                self.tr("Isi kata sandi pertama untuk akun baru.")
                if self.current is None
                else self.tr("Isi kata sandi baru agar akun ini bisa masuk.")
            )
        return problems

    def _helper_to_save(self) -> Helper:
        if self.current is not None:
            base = self._helper_of(self.current) or Helper(nip=self.current.nip, name="")
        else:
            base = self._helper_by_nip(self.nip.text()) or Helper(nip=self.nip.text(), name="")
            base = replace(base, nip=self.nip.text())
        return replace(base, name=self.name.text(), opd=self.opd.text().strip())

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self._clear_messages()
        role = self.role.currentData()
        password = self.password.text()
        active = self.active.isChecked()
        try:
            helper = self._helper_to_save()
            problems = self._form_problems(helper, password)
            if problems:
                raise RecordValidationError(problems)
        except RecordValidationError as exc:
            self._show_problems(exc.problems)
            return
        installation = self.installation
        with _WaitCursor():
            run_write(
                self.runner,
                self.bus,
                lambda context: installation.save_account(
                    helper, Role(role), password=password or None, active=active
                ),
                # The account's helper record is saved with it.
                changes=Changes(accounts=True, people=True),
                on_done=lambda account: self._saved(account, password),
                on_refused=self._refused,
                initiator=self,
                wait=True,
            )

    def _refused(self, exc: UserFacingError) -> None:
        if isinstance(exc, RecordValidationError):
            self._show_problems(exc.problems)
        else:
            self.message.show_message(str(exc), "error")

    def _saved(self, account: Account, password: str) -> None:
        was_new = self.current is None
        self.reload()
        self.select_account(account.id)
        if not account.active:
            text = self.tr("Akun %s disimpan. Akun ini nonaktif: tidak bisa masuk.")
        elif was_new:
            text = self.tr("Akun %s disimpan. Ia bisa masuk dengan NIP dan kata sandinya.")
        elif password:
            text = self.tr("Akun %s disimpan. Kata sandinya sudah diganti.")
        else:
            text = self.tr("Akun %s disimpan.")
        self.message.show_message(text % account.name, "info")
        self.saved.emit(account.id)

    def _show_problems(self, problems: dict[str, str]) -> None:
        shown = []
        first: QWidget | None = None
        for name, text in problems.items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.show_error(text)
            shown.append(name)
            first = first or field.widget
        rest = [text for name, text in problems.items() if name not in shown]
        summary = self.tr("Belum tersimpan: perbaiki isian yang ditandai.")
        self.message.show_message(" ".join([summary, *rest]), "error")
        if first is not None:
            first.setFocus()
        if "repeat" in problems or "password" in problems:
            self.password.clear()
            self.repeat.clear()


class ChangePasswordDialog(QDialog):
    """The signed-in account changes its own password (the old one is asked first)."""

    def __init__(
        self,
        installation: Installation,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self.installation = installation
        self.runner = runner or TaskRunner(self)
        self.bus = bus or ChangeBus(self)
        self.setWindowTitle(self.tr("Ganti kata sandi"))
        self.setMinimumWidth(460)
        account = installation.account
        who = QLabel(self.tr("Akun: <b>%s</b>") % html.escape(account.label()), self)
        self.old = _password_line(self)
        self.new = _password_line(self)
        self.repeat = _password_line(self)
        self.fields: dict[str, Field] = {}
        for name, widget in (("old", self.old), ("password", self.new), ("repeat", self.repeat)):
            self.fields[name] = _field(widget, self)
        hint = QLabel(
            self.tr(
                "Paling sedikit %d huruf/angka, tidak memuat NIP. Kata sandi baru berlaku "
                "saat masuk berikutnya."
            )
            % MIN_PASSWORD_LENGTH,
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555;")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Kata sandi &lama"), self.fields["old"])
        form.addRow(self.tr("Kata sandi ba&ru"), self.fields["password"])
        form.addRow(self.tr("&Ulangi kata sandi baru"), self.fields["repeat"])
        form.addRow("", hint)
        self.message = MessageLine(self)
        self.change_button = QPushButton(self.tr("&Ganti kata sandi"), self)
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.change)
        self.close_button = QPushButton(self.tr("&Batal"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.old.setFocus()

    def change(self) -> None:
        for field in self.fields.values():
            field.clear_message()
        self.message.clear_message()
        old, new = self.old.text(), self.new.text()
        account = self.installation.account
        if not old:
            self._refuse("old", self.tr("Isi kata sandi lama Anda."))
            return
        if new != self.repeat.text():
            self._refuse("repeat", self.tr("Kedua kata sandi baru tidak sama. Ketik ulang."))
            return
        if (problem := password_problem(new, account.nip)) is not None:
            self._refuse("password", problem)
            return
        if new == old:
            self._refuse("password", self.tr("Kata sandi baru sama dengan yang lama."))
            return
        installation = self.installation

        def change(context: object) -> bool:
            """False: the old password is wrong (nothing was written)."""
            if installation.keyring.check_password(account.id, old) is None:
                return False
            installation.set_password(account.id, new)
            return True

        with _WaitCursor():
            run_write(
                self.runner,
                self.bus,
                change,
                changes=lambda changed: Changes(accounts=changed),
                on_done=self._changed,
                on_refused=self._refused,
                initiator=self,
                wait=True,
            )

    def _refused(self, exc: UserFacingError) -> None:
        if isinstance(exc, RecordValidationError):
            for name, text in exc.problems.items():
                self._refuse(name if name in self.fields else "password", text)
        else:
            self.message.show_message(str(exc), "error")

    def _changed(self, changed: bool) -> None:
        if not changed:
            self.old.clear()
            self._refuse("old", self.tr("Kata sandi lama salah."))
            return
        for edit in (self.old, self.new, self.repeat):
            edit.clear()
            edit.setEnabled(False)
        self.change_button.setEnabled(False)
        self.close_button.setText(self.tr("&Tutup"))
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.message.show_message(
            self.tr("Kata sandi sudah diganti. Pakai kata sandi baru saat masuk berikutnya."),
            "info",
        )

    def _refuse(self, name: str, text: str) -> None:
        field = self.fields[name]
        field.show_error(text)
        if name in ("password", "repeat"):
            self.new.clear()
            self.repeat.clear()
            self.new.setFocus()
        else:
            field.widget.setFocus()
