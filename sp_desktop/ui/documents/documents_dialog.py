"""Documents for many visits at once: slips, the recap, spreadsheets, the handover package.

One dialog, four kinds. The top is the same for all: which visits (dates, kelurahan,
posko, petugas). Below are the choices of the kind and its buttons. The work runs in
the TaskRunner with a progress bar and Batal in the dialog, which stays responsive; the
result (path and counts) or the reason it failed is shown in the dialog itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.documents.protection import (
    MIN_PASSWORD_LENGTH,
    check_password,
    generate_password,
    is_removable,
)
from sp_desktop.core.domain.identifiers import mask_number
from sp_desktop.core.domain.regions import region_index
from sp_desktop.core.domain.reports import ReportFilter
from sp_desktop.core.domain.text import format_count
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.documents.printing import (
    ask_save_path,
    documents_folder,
    print_made_pdf,
    save_pdf,
)
from sp_desktop.ui.households.task_panel import TaskDialog, TaskPanel
from sp_desktop.ui.widgets import py_date, to_qdate
from sp_desktop.ui.worker import TaskContext, TaskRunner

Kind = Literal["slips", "recap", "export", "handover"]
COUNT_DELAY_MS = 250
WARNING_STYLE = "color: #8a5a00; font-weight: bold;"
SUCCESS_STYLE = "background: #e6f4ea; color: #1b5e20; padding: 6px; border-radius: 4px;"


def _stamp() -> str:
    return f"{clock.local_now():%Y%m%d-%H%M}"


class PasswordShownDialog(QDialog):
    """The generated password of a file just written, shown once, with a copy button.

    Closing it clears the clipboard if it still holds the password: on a shared PC the
    next user must not find it there."""

    def __init__(self, password: str, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password = password
        self.setWindowTitle(self.tr("Sandi berkas"))
        intro = QLabel(
            self.tr(
                "%s dilindungi sandi. Catat sandinya sekarang: sandi ini hanya ditampilkan "
                "sekali dan tidak disimpan di SP Desktop."
            )
            % file_name,
            self,
        )
        intro.setWordWrap(True)
        self.field = QLineEdit(password, self)
        self.field.setReadOnly(True)
        self.field.setAccessibleName(self.tr("Sandi berkas"))
        font = self.field.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.field.setFont(font)
        self.field.setMinimumWidth(self.field.fontMetrics().horizontalAdvance(password + "MMMM"))
        self.copy_button = QPushButton(self.tr("&Salin sandi"), self)
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self._copy)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.copy_button)
        advice = QLabel(
            self.tr(
                "Sampaikan sandi ini kepada penerima lewat jalur lain: telepon atau langsung. "
                "Jangan kirim sandi bersama berkasnya (bukan di pesan WhatsApp atau surel yang "
                "sama). Tanpa sandi ini berkasnya tidak bisa dibuka, juga oleh Anda."
            ),
            self,
        )
        advice.setWordWrap(True)
        advice.setStyleSheet(WARNING_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sandi sudah &dicatat"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(advice)
        layout.addWidget(buttons)
        self.finished.connect(self._forget)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password)
        self.copy_button.setText(self.tr("Tersalin"))

    def _forget(self, *_: object) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() == self.password:
            clipboard.clear()
        self.field.clear()


class DocumentsDialog(TaskDialog):
    def __init__(
        self,
        installation: Installation,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        kind: Kind,
    ) -> None:
        super().__init__(parent)
        self.installation = installation
        self.storage = installation.storage
        self.runner = runner
        self.kind = kind
        self.last_path: Path | None = None  # what the last run made (tests, "Buka folder")
        self.last_result: Any = None
        self.password_dialog: PasswordShownDialog | None = None  # the last one shown
        self._count_token = 0
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count)
        titles = {
            "slips": self.tr("Bukti untuk banyak kunjungan"),
            "recap": self.tr("Rekapitulasi"),
            "export": self.tr("Ekspor Excel / CSV"),
            "handover": self.tr("Paket serah terima"),
        }
        self.setWindowTitle(titles[kind])
        self._build()
        self._load_choices()
        self.setMinimumWidth(620)
        self._filters_changed()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(self._intro(), self)
        intro.setWordWrap(True)

        self.all_from = QCheckBox(self.tr("Semua tanggal"), self)
        self.date_from = self._date_edit()
        self.all_to = QCheckBox(self.tr("Semua tanggal"), self)
        self.date_to = self._date_edit()
        for check, edit in ((self.all_from, self.date_from), (self.all_to, self.date_to)):
            check.setChecked(True)
            edit.setEnabled(False)
            check.toggled.connect(lambda on, e=edit: e.setEnabled(not on))
            check.toggled.connect(self._filters_changed)
            edit.dateChanged.connect(self._filters_changed)
        self.kelurahan = QComboBox(self)
        self.post = QComboBox(self)
        self.helper = QComboBox(self)
        for combo in (self.kelurahan, self.post, self.helper):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(30)
            combo.currentIndexChanged.connect(self._filters_changed)

        filters = QGroupBox(self.tr("Kunjungan yang dimasukkan"), self)
        form = QFormLayout(filters)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(self.tr("&Dari tanggal"), self.all_from),
                    self._pair(self.all_from, self.date_from))  # fmt: skip
        form.addRow(self._label(self.tr("Sampai &tanggal"), self.all_to),
                    self._pair(self.all_to, self.date_to))  # fmt: skip
        # The row labels point at the "all" check boxes; the dates are named themselves.
        self.date_from.setAccessibleName(self.tr("Dari tanggal"))
        self.date_to.setAccessibleName(self.tr("Sampai tanggal"))
        form.addRow(self._label(self.tr("&Kelurahan/desa"), self.kelurahan), self.kelurahan)
        form.addRow(self._label(self.tr("P&osko"), self.post), self.post)
        form.addRow(self._label(self.tr("&Petugas"), self.helper), self.helper)
        self.scope_count = QLabel(self)
        self.scope_count.setStyleSheet("color: #555555;")
        if self.kind == "slips":  # one slip per visit: say how many before making them
            form.addRow("", self.scope_count)
        else:
            self.scope_count.hide()

        options = self._build_options()

        self.warning = QLabel(
            self.tr(
                "Berkas ini memuat NIK dan No KK lengkap. Simpan hanya di folder pribadi Anda "
                "(bukan folder bersama atau Publik), jangan diteruskan, dan hapus dari "
                "flashdisk setelah diserahkan."
            ),
            self,
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setVisible(self.kind in ("export", "handover"))

        self.panel = TaskPanel(self.runner, self)
        self.watch_panel()
        self.panel.busy_changed.connect(self._busy_changed)
        self.message = self.panel.message

        # What a finished run made: where it is, and (handover) how to check it.
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet(SUCCESS_STYLE)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.command_label = QLabel(self)
        self.command_label.setWordWrap(True)
        self.command = QLineEdit(self)
        self.command.setReadOnly(True)
        self.copy_command = QPushButton(self.tr("Sal&in perintah"), self)
        self.copy_command.setAutoDefault(False)
        self.copy_command.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.command.text())
        )
        command_row = QHBoxLayout()
        command_row.addWidget(self.command, 1)
        command_row.addWidget(self.copy_command)
        self.command_box = QWidget(self)
        command_layout = QVBoxLayout(self.command_box)
        command_layout.setContentsMargins(0, 0, 0, 0)
        command_layout.addWidget(self.command_label)
        command_layout.addLayout(command_row)
        self.command_box.hide()

        self.open_folder = QPushButton(self.tr("&Buka folder"), self)
        self.open_folder.setAutoDefault(False)
        self.open_folder.setToolTip(self.tr("Buka folder tempat berkas disimpan"))
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
        layout.addWidget(intro)
        layout.addWidget(filters)
        layout.addWidget(options)
        layout.addWidget(self.warning)
        layout.addWidget(self.panel)
        layout.addWidget(self.result_label)
        layout.addWidget(self.command_box)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.filters = filters
        self.options = options

    def _intro(self) -> str:
        return {
            "slips": self.tr(
                "Satu PDF berisi bukti pendampingan bertanda tangan untuk setiap kunjungan "
                "yang cocok dengan pilihan di bawah, siap dicetak dan dibagikan."
            ),
            "recap": self.tr(
                "Rekapitulasi hasil pendampingan per kelurahan/desa, bertanda tangan "
                "elektronik, untuk dicetak dan ditandatangani."
            ),
            "export": self.tr(
                "Data rumah tangga dan kunjungan untuk diolah di Excel atau LibreOffice."
            ),
            "handover": self.tr(
                "Paket untuk diserahkan ke BPS atau kecamatan: rekapitulasi (PDF), data (Excel "
                "dan CSV), kunci publik kantor, dan daftar isi bertanda tangan. Keutuhan "
                "paket bisa diperiksa di komputer mana pun yang memasang SP Desktop."
            ),
        }[self.kind]

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setDate(to_qdate(clock.today()))
        return edit

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _pair(self, check: QCheckBox, edit: QDateEdit) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(check)
        layout.addWidget(edit)
        layout.addStretch(1)
        return row

    def _radio_group(self, box: QGroupBox, choices: list[tuple[str, str]]) -> QButtonGroup:
        group = QButtonGroup(box)
        layout = QVBoxLayout(box)
        for number, (text, value) in enumerate(choices):
            button = QRadioButton(text, box)
            button.setProperty("choice", value)
            button.setChecked(number == 0)
            group.addButton(button, number)
            layout.addWidget(button)
        return group

    def _action(self, text: str, slot: Callable[[], None], *, default: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        button.setAutoDefault(default)
        button.setDefault(default)
        return button

    def _build_options(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        self.choice: QButtonGroup | None = None
        if self.kind == "slips":
            paper = QGroupBox(self.tr("Ukuran bukti"), box)
            self.choice = self._radio_group(paper, [
                (self.tr("&A4: satu bukti per halaman"), "a4"),
                (self.tr("S&etengah A4: dua bukti per lembar A4, digunting"), "a5"),
            ])  # fmt: skip
            layout.addWidget(paper)
        elif self.kind == "export":
            shape = QGroupBox(self.tr("Bentuk berkas"), box)
            self.choice = self._radio_group(shape, [
                (self.tr("&Excel (.xlsx): ringkasan, rumah tangga dan kunjungan"), "xlsx"),
                (self.tr("CSV, satu baris per &rumah tangga"), "rumah_tangga"),
                (self.tr("CSV, satu baris per ku&njungan"), "kunjungan"),
            ])  # fmt: skip
            shape_layout = shape.layout()
            assert isinstance(shape_layout, QVBoxLayout)
            shape_layout.addLayout(self._build_separator(shape))
            layout.addWidget(shape)
        elif self.kind == "handover":
            shape = QGroupBox(self.tr("Disimpan sebagai"), box)
            self.choice = self._radio_group(shape, [
                (self.tr("Berkas .&zip bersandi (satu berkas, dibuka dengan 7-Zip atau "
                         "WinRAR)"), "zip"),
                (self.tr("&Folder tanpa sandi (salin seluruh foldernya)"), "folder"),
            ])  # fmt: skip
            layout.addWidget(shape)
        protection: QWidget | None = None
        if self.kind in ("export", "handover"):
            protection = self._build_protection(box)
            if self.choice is not None:
                self.choice.buttonToggled.connect(self._update_protection)
            self._update_protection()
        row = QHBoxLayout()
        if self.kind in ("slips", "recap"):
            self.save_button = self._action(self.tr("&Simpan PDF…"), self.choose_save_path)
            self.print_button = self._action(self.tr("&Cetak…"), self.print_document, default=True)
            self.buttons += [self.save_button, self.print_button]
        elif self.kind == "export":
            self.save_button = self._action(
                self.tr("&Simpan…"), self.choose_save_path, default=True
            )
            self.buttons.append(self.save_button)
        else:
            self.save_button = self._action(
                self.tr("&Simpan paket…"), self.choose_save_path, default=True
            )
            self.buttons.append(self.save_button)
        if protection is not None:
            # The password choice beside its Save button: one row less on a small screen.
            row.addWidget(protection, 1)
        for button in self.buttons:
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        if protection is None:
            row.addStretch(1)
        layout.addLayout(row)
        return box

    def _build_separator(self, parent: QWidget) -> QHBoxLayout:
        """The CSV's field separator: a comma, or a semicolon for Excel whose list
        separator is ";" (Indonesian regional settings). Enabled for the CSV choices."""
        self.separator = QComboBox(parent)
        self.separator.addItem(self.tr("koma ( , )"), ",")
        self.separator.addItem(
            self.tr("titik koma ( ; ): Excel dengan pengaturan wilayah Indonesia"), ";"
        )
        row = QHBoxLayout()
        row.addWidget(self._label(self.tr("Pe&misah kolom CSV"), self.separator))
        row.addWidget(self.separator)
        row.addStretch(1)
        if self.choice is not None:
            self.choice.buttonToggled.connect(self._update_separator)
        self._update_separator()
        return row

    def _update_separator(self, *_: object) -> None:
        self.separator.setEnabled(self.chosen() in ("rumah_tangga", "kunjungan"))

    def csv_separator(self) -> Literal[",", ";"]:
        return ";" if self.separator.currentData() == ";" else ","

    def _build_protection(self, parent: QWidget) -> QWidget:
        """Password protection, on by default: a generated password, one's own, or none.
        Two rows (a choice, then the two password boxes): the dialog must still fit a
        1366x768 screen at 125%."""
        box = QWidget(parent)
        self.protection = QComboBox(box)
        self.protection.addItem(self.tr("Sandi buatan SP Desktop (disarankan)"), "generated")
        self.protection.addItem(self.tr("Sandi saya sendiri"), "own")
        self.protection.addItem(
            self.tr("Tanpa sandi (tidak disarankan: NIK dan No KK terbaca siapa saja)"), "none"
        )
        self.protection.currentIndexChanged.connect(self._update_protection)
        self.password_edit = QLineEdit(box)
        self.password_repeat = QLineEdit(box)
        for edit, name in (
            (self.password_edit, self.tr("Sandi")),
            (self.password_repeat, self.tr("Ulangi sandi")),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
        self.password_edit.setPlaceholderText(
            self.tr("sandi sendiri, paling sedikit %s karakter") % MIN_PASSWORD_LENGTH
        )
        self.password_repeat.setPlaceholderText(self.tr("ulangi sandi"))
        passwords = QWidget(box)
        self.password_row = passwords
        row = QHBoxLayout(passwords)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.password_edit, 1)
        row.addWidget(self.password_repeat, 1)
        self.protection_note = QLabel(box)
        self.protection_note.setWordWrap(True)
        self.protection_note.setStyleSheet(WARNING_STYLE)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(self.tr("Sandi berk&as"), self.protection), self.protection)
        form.addRow("", passwords)
        form.addRow(self.protection_note)
        self.protection_box = box
        return box

    def protection_mode(self) -> str:
        """One of "generated", "own" and "none"."""
        return str(self.protection.currentData())

    def set_protection(self, mode: str) -> None:
        self.protection.setCurrentIndex(self.protection.findData(mode))

    def can_protect(self) -> bool:
        """Whether the chosen form can carry a password: a workbook or a zip."""
        return self.kind in ("export", "handover") and self.chosen() in ("xlsx", "zip")

    def _update_protection(self, *_: object) -> None:
        can = self.can_protect()
        self.protection.setEnabled(can)
        own = can and self.protection_mode() == "own"
        self.password_edit.setEnabled(own)
        self.password_repeat.setEnabled(own)
        # Shown only when needed: the dialog must fit a 1366x768 screen at 125%.
        self.password_row.setVisible(own)
        if self.isVisible():
            QTimer.singleShot(0, self._grow_to_fit)
        if can:
            self.protection_note.hide()
            return
        if self.kind == "handover":
            note = self.tr(
                "Folder tidak bisa diberi sandi: NIK dan No KK di dalamnya terbaca siapa saja. "
                "Pilih berkas .zip untuk melindunginya."
            )
        else:
            note = self.tr(
                "CSV tidak bisa diberi sandi: NIK dan No KK di dalamnya terbaca siapa saja. "
                "Pilih Excel untuk berkas bersandi."
            )
        self.protection_note.setText(note)
        self.protection_note.show()

    def _check_protection(self) -> bool:
        """A typed password is usable and typed the same twice; else say so and stop."""
        if not self.can_protect() or self.protection_mode() != "own":
            return True
        password = self.password_edit.text()
        try:
            check_password(password)
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")
            self.password_edit.setFocus()
            return False
        if password != self.password_repeat.text():
            self.message.show_message(
                self.tr("Kedua sandi tidak sama. Ketik ulang sandi di kedua kotak."), "error"
            )
            self.password_repeat.setFocus()
            return False
        return True

    def _confirm_unprotected(self, path: Path) -> bool:
        """Full numbers in clear going to a USB stick or a memory card: ask first."""
        if self.kind not in ("export", "handover"):
            return True
        if self.can_protect() and self.protection_mode() != "none":
            return True
        if not is_removable(path):
            return True
        text = self.tr(
            "Berkas ini memuat NIK dan No KK lengkap TANPA sandi dan akan disimpan di "
            "flashdisk atau kartu memori. Siapa pun yang memegang flashdisk itu bisa "
            "membacanya."
        )
        if sys.platform == "win32":
            text += " " + self.tr(
                "Di Windows izin berkas tidak melindunginya: setiap pengguna komputer mana pun "
                "yang menerima flashdisk ini bisa membukanya."
            )
        text += "\n\n" + self.tr("Tetap simpan tanpa sandi?")
        answer = QMessageBox.warning(
            self,
            self.tr("Simpan tanpa sandi ke flashdisk?"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _load_choices(self) -> None:
        storage = self.storage
        self.kelurahan.addItem(self.tr("Semua"), "")
        self.post.addItem(self.tr("Semua"), "")
        self.helper.addItem(self.tr("Semua"), "")
        try:
            index = region_index()
            names = []
            for code in storage.kelurahan_in_use():
                region = index.get(code)
                names.append((f"{region.kind} {region.name}" if region else code, code))
            for name, code in sorted(names):
                self.kelurahan.addItem(name, code)
            for post in storage.posts():
                self.post.addItem(post.name, post.name)
            for helper in storage.helpers():
                self.helper.addItem(f"{helper.name} ({mask_number(helper.nip)})", helper.nip)
        except UserFacingError as exc:
            self.message.show_message(str(exc), "error")

    # -- what is chosen ----------------------------------------------------------------------

    def report_filter(self) -> ReportFilter:
        def day(check: QCheckBox, edit: QDateEdit) -> date | None:
            return None if check.isChecked() else py_date(edit.date())

        return ReportFilter(
            date_from=day(self.all_from, self.date_from),
            date_to=day(self.all_to, self.date_to),
            kelurahan_code=self.kelurahan.currentData() or "",
            post_name=self.post.currentData() or "",
            helper_nip=self.helper.currentData() or "",
        )

    def chosen(self) -> str:
        if self.choice is None:
            return ""
        button = self.choice.checkedButton()
        return str(button.property("choice")) if button is not None else ""

    def set_choice(self, value: str) -> None:
        for button in self.choice.buttons() if self.choice else []:
            if button.property("choice") == value:
                button.setChecked(True)

    def _filters_changed(self, *_: object) -> None:
        if self.kind == "slips":
            self._count_timer.start()

    def _count(self) -> None:
        """How many slips the current choice makes, counted off the GUI thread."""
        report = self.report_filter()
        if report.date_from and report.date_to and report.date_from > report.date_to:
            self.scope_count.setText(self.tr("Tanggal 'dari' sesudah tanggal 'sampai'."))
            return
        self._count_token += 1
        token = self._count_token
        storage = self.storage

        def shown(count: int) -> None:
            if token == self._count_token:
                self.scope_count.setText(self.tr("%s kunjungan cocok.") % format_count(count))

        self.runner.submit(
            lambda context: len(storage.report_visit_ids(report)),
            on_done=shown,
            on_error=lambda exc: None,  # the run itself reports what is wrong
        )

    # -- running ----------------------------------------------------------------------------

    def _busy_changed(self, busy: bool) -> None:
        for widget in (self.filters, self.options):
            widget.setEnabled(not busy)
        if busy:
            self.result_label.hide()
            self.command_box.hide()
            self.open_folder.hide()

    def _check_dates(self) -> bool:
        report = self.report_filter()
        if report.date_from and report.date_to and report.date_from > report.date_to:
            self.message.show_message(
                self.tr("Tanggal 'dari' jatuh sesudah tanggal 'sampai'. Perbaiki tanggalnya."),
                "error",
            )
            return False
        return True

    def suggested_name(self) -> str:
        names = {
            "slips": "Bukti-Pendampingan-%s.pdf",
            "recap": "Rekapitulasi-%s.pdf",
            "xlsx": "Data-Pendampingan-%s.xlsx",
            "rumah_tangga": "Rumah-Tangga-%s.csv",
            "kunjungan": "Kunjungan-%s.csv",
            "folder": "Paket-Serah-Terima-%s",
            "zip": "Paket-Serah-Terima-%s.zip",
        }
        key = self.kind if self.kind in ("slips", "recap") else self.chosen()
        return names[key] % _stamp()

    def choose_save_path(self) -> None:
        if not self._check_dates() or not self._check_protection():
            return
        name = self.suggested_name()
        if self.kind in ("slips", "recap"):
            path = ask_save_path(self, self.tr("Simpan sebagai PDF"), name, "PDF (*.pdf)")
        elif self.kind == "export":
            file_filter = "Excel (*.xlsx)" if self.chosen() == "xlsx" else "CSV (*.csv)"
            path = ask_save_path(self, self.tr("Simpan ekspor"), name, file_filter)
        elif self.chosen() == "zip":
            # No "replace?" question: an existing package is never overwritten (the core
            # refuses and says so).
            path = ask_save_path(
                self, self.tr("Simpan paket serah terima"), name, "Zip (*.zip)", overwrite=False
            )
        else:
            folder = QFileDialog.getExistingDirectory(
                self,
                self.tr("Pilih tempat paket (mis. flashdisk); folder paket dibuat di dalamnya"),
                str(documents_folder()),
            )
            path = self._new_folder(Path(folder), name) if folder else None
        if path is not None:
            self.save_to(path)

    @staticmethod
    def _new_folder(parent: Path, name: str) -> Path:
        path = parent / name
        number = 2
        while path.exists():
            path = parent / f"{name}-{number}"
            number += 1
        return path

    def make(self, path: Path, progress: Progress) -> Any:
        """The core call for this kind and choice (in the worker)."""
        from sp_desktop.core.documents import issuing

        storage = self.storage
        report = self._running_filter
        if self.kind == "slips":
            page: Literal["a4", "a5"] = "a5" if self._running_choice == "a5" else "a4"
            visit_ids = storage.report_visit_ids(report)
            return issuing.write_slips(storage, visit_ids, path, page=page, progress=progress)
        if self.kind == "recap":
            return issuing.write_recap(storage, report, path, progress=progress)
        if self.kind == "export":
            if self._running_choice == "xlsx":
                return issuing.export_xlsx(
                    storage, report, path, progress=progress, password=self._running_password
                )
            rows: Literal["rumah_tangga", "kunjungan"] = (
                "kunjungan" if self._running_choice == "kunjungan" else "rumah_tangga"
            )
            return issuing.export_csv(
                storage, report, path, rows=rows, progress=progress,
                separator=self._running_separator,
            )  # fmt: skip
        return issuing.write_handover(
            storage, report, path, progress=progress, password=self._running_password
        )

    def _freeze_choice(self) -> None:
        # Read the widgets on the GUI thread; the worker only sees these values.
        self._running_filter = self.report_filter()
        self._running_choice = self.chosen()
        self._running_separator: Literal[",", ";"] = (
            self.csv_separator() if self.kind == "export" else ","
        )
        self._running_password: str | None = None
        self._running_generated = False
        if self.can_protect():
            if self.protection_mode() == "generated":
                self._running_password = generate_password()
                self._running_generated = True
            elif self.protection_mode() == "own":
                self._running_password = self.password_edit.text()

    def save_to(self, path: Path) -> None:
        """Make the document at `path` (after the save dialog, or directly in tests)."""
        if self.panel.busy or not self._check_dates() or not self._check_protection():
            return
        if not self._confirm_unprotected(path):
            return
        self._freeze_choice()
        status = self.tr("Membuat %s…") % path.name
        self.panel.status.setText(status)

        def run(
            fn: Callable[[TaskContext], Any], on_done: Callable[[Any], None], **kw: Any
        ) -> None:
            self.panel.run(fn, on_done, status=status, **kw)

        save_pdf(self, run, self.make, path, self._saved)

    def print_document(self) -> None:
        if self.kind not in ("slips", "recap") or self.panel.busy or not self._check_dates():
            return
        self._freeze_choice()
        status = self.tr("Menyiapkan dokumen untuk dicetak…")

        def run(
            fn: Callable[[TaskContext], Any], on_done: Callable[[Any], None], **kw: Any
        ) -> None:
            self.panel.run(fn, on_done, status=status, **kw)

        def printed(sent: bool) -> None:
            if sent:
                self.message.show_message(self.tr("Dokumen dikirim ke pencetak."), "info")

        print_made_pdf(self, run, self.make, self.suggested_name(), printed, runner=self.runner)

    # -- results -----------------------------------------------------------------------------

    def _saved(self, path: Path, result: Any) -> None:
        self.last_path = path
        self.last_result = result
        self.result_label.setText(self.summary(path, result))
        self.result_label.show()
        self.open_folder.setVisible(True)
        if self.kind == "handover":
            try:
                fingerprint = self.storage.own_public_key().fingerprint
            except UserFacingError:
                fingerprint = "?"
            self.command_label.setText(
                self.tr(
                    "Perintah untuk memeriksa paket ini di komputer yang sudah mempercayai kunci "
                    "kantor ini (sidik kunci %s):"
                )
                % fingerprint
            )
            protected = self._running_password is not None
            self.command.setText(
                f'sp-desktop verify "{path}"'
                + (" --password-file BERKAS-SANDI" if protected else "")
            )
            self.command.setCursorPosition(0)
            self.command_box.show()
        self.close_button.setFocus()
        QTimer.singleShot(0, self._grow_to_fit)
        password, self._running_password = self._running_password, None
        if password is not None and self._running_generated:
            self.password_dialog = PasswordShownDialog(password, path.name, self)
            self.password_dialog.open()

    def _grow_to_fit(self) -> None:
        """Taller when the result appears, instead of squeezing the fields (screen allowing)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        wanted = self.sizeHint().height()
        room = self.screen().availableGeometry().height() - 40
        if wanted > self.height():
            self.resize(self.width(), min(wanted, room))

    def summary(self, path: Path, result: Any) -> str:
        count = format_count(getattr(result, "count", 0))
        if self.kind == "slips":
            text = self.tr("%s bukti pendampingan disimpan di:\n%s") % (count, path)
        elif self.kind == "recap":
            text = self.tr("Rekapitulasi %s rumah tangga disimpan di:\n%s") % (count, path)
            # Its list of households needing SP Wawancara shows No KK (in full for accounts
            # allowed to see them); Windows ignores the file's owner-only mode.
            text += "\n\n" + self.tr(
                "Daftar perlu SP Wawancara di dalamnya memuat No KK: simpan PDF ini di folder "
                "pribadi Anda, bukan di folder bersama atau Publik."
            )
        elif self.kind == "export":
            what = {
                "xlsx": self.tr("%s rumah tangga diekspor ke:\n%s"),
                "rumah_tangga": self.tr("%s baris rumah tangga diekspor ke:\n%s"),
                "kunjungan": self.tr("%s baris kunjungan diekspor ke:\n%s"),
            }[self._running_choice]
            text = what % (count, path)
            text += self._protection_summary()
        else:
            text = self.tr(
                "Paket serah terima disimpan di:\n%s\n\nIsi: %s rumah tangga, %s kunjungan, "
                "%s perlu SP Wawancara (%s berkas). Periksa keutuhannya dengan menu Dokumen › "
                "Periksa keaslian dokumen, atau dengan perintah di bawah."
            ) % (
                path,
                format_count(result.households),
                format_count(result.visits),
                format_count(result.needing_interview),
                len(result.files),
            )
            text += self._protection_summary()
        return text

    def _protection_summary(self) -> str:
        # Short: the password dialog says the rest, and the dialog must fit the screen.
        if self._running_password is not None:
            return "\n" + self.tr("Dilindungi sandi.")
        text = "\n" + self.tr("TANPA sandi: NIK dan No KK terbaca siapa saja.")
        if sys.platform == "win32":
            text += " " + self.tr("Di Windows izin berkas tidak melindunginya.")
        return text

    def _open_folder(self) -> None:
        if self.last_path is None:
            return
        folder = self.last_path if self.last_path.is_dir() else self.last_path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- closing -----------------------------------------------------------------------------

    def _closing(self) -> None:
        self._count_timer.stop()
