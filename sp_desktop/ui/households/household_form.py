"""The keyboard-first form: one household and, under it, its visits.

Tab walks the fields in reading order, Enter saves from any field, Ctrl+N starts a new
household (from the main window). Messages appear under the field they concern; nothing
pops up per field. A failed save leaves every field exactly as typed.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QObject,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base import clock
from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
from sp_desktop.core.base.progress import Progress
from sp_desktop.core.domain.model import (
    FailureReason,
    HelpReason,
    Household,
    Outcome,
    ProofFile,
    Visit,
    to_utc_text,
)
from sp_desktop.core.domain.permissions import Permission
from sp_desktop.core.domain.proofs import read_proof_file
from sp_desktop.core.domain.text import local_datetime_text
from sp_desktop.core.domain.validation import (
    validate_kk,
    validate_nik,
    validate_phone,
    validate_rt_rw,
)
from sp_desktop.core.storage import Storage
from sp_desktop.ui.households.visit_model import VisitTableModel
from sp_desktop.ui.operations import ChangeBus, Changes, run_write
from sp_desktop.ui.widgets import (
    Field,
    KelurahanPicker,
    MessageLine,
    confirm_irreversible,
    label_of,
    py_date,
    py_datetime,
    size_text,
    to_qdate,
    to_qdatetime,
    tooltips_for_clipped_cells,
)
from sp_desktop.ui.worker import TaskContext, TaskRunner

DIGITS = r"[0-9 .\-]{0,24}"
BANNER_STYLES = {
    "ok": "background: #e6f4ea; color: #1b5e20; padding: 6px; border-radius: 4px;",
    "info": "background: #e8f0fe; color: #174ea6; padding: 6px; border-radius: 4px;",
    "error": "background: #fce8e6; color: #a50e0e; padding: 6px; border-radius: 4px;",
}


class HouseholdForm(QWidget):
    saved = Signal(str, bool)  # household id and whether it is new, once durably stored

    def __init__(
        self,
        storage: Storage,
        parent: QWidget | None = None,
        *,
        home_prefix: str = "",
        runner: TaskRunner | None = None,
        bus: ChangeBus | None = None,
    ):
        super().__init__(parent)
        self._storage = storage
        # Writes and slow work (reading a proof file, making a slip) run off the GUI thread.
        self._runner = runner if runner is not None else TaskRunner(self)
        self._bus = bus if bus is not None else ChangeBus(self)
        self._household: Household | None = None  # None: a new household
        self._visit_id: str | None = None  # a visit being edited, else a new one
        self._asking_about_kk = False
        self._declined_kk: str | None = None
        self._build(home_prefix)
        self.reload_people()
        self.new_household()

    # -- building ------------------------------------------------------------------------

    def _line(self, placeholder: str = "", digits: bool = False) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        if digits:
            edit.setValidator(QRegularExpressionValidator(DIGITS, edit))
        return edit

    def _side_by_side(self, first: QWidget, second: QWidget) -> QWidget:
        """Two inputs on one form row; the second takes the spare width."""
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(first, 0 if isinstance(first, QCheckBox) else 1)
        layout.addWidget(second, 1)
        return row

    def _build(self, home_prefix: str) -> None:
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.no_kk = self._line(self.tr("16 angka pada Kartu Keluarga"), digits=True)
        self.head_nik = self._line(self.tr("16 angka NIK kepala keluarga"), digits=True)
        self.head_name = self._line(self.tr("Sesuai Kartu Keluarga"))
        self.kelurahan = KelurahanPicker(self, prefer=home_prefix)
        self.address = self._line(self.tr("Jalan, gang, nomor rumah"))
        self.rt = self._line("001", digits=True)
        self.rw = self._line("001", digits=True)
        for edit in (self.rt, self.rw):
            edit.setMaximumWidth(70)
        self.members = QSpinBox(self)
        self.members.setRange(1, 30)
        self.members.setMaximumWidth(70)
        self.phone = self._line(self.tr("Boleh kosong"), digits=False)
        self.help_reason = QComboBox(self)
        for help_reason in HelpReason:
            self.help_reason.addItem(label_of(help_reason), help_reason.value)
        self.help_note = self._line(self.tr("Keterangan alasan lainnya"))
        self.consent = QCheckBox(self.tr("Kepala keluarga setuju datanya dicatat"), self)
        self.consent.setToolTip(
            self.tr("Tanyakan dulu. Data NIK dan KK adalah data pribadi (UU 27/2022).")
        )
        self.withdraw = QPushButton(self.tr("Tarik persetujuan…"), self)
        self.withdraw.setToolTip(
            self.tr("Keluarga menarik persetujuannya: data pribadinya dihapus, hitungan tetap.")
        )
        self.withdraw.setAutoDefault(False)
        self.withdraw.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.withdraw.clicked.connect(self.withdraw_consent)

        self.fields: dict[str, Field] = {
            name: Field(widget, self)
            for name, widget in {
                "no_kk": self.no_kk,
                "head_nik": self.head_nik,
                "head_name": self.head_name,
                "kelurahan_code": self.kelurahan,
                "address": self.address,
                "members": self.members,
                "phone": self.phone,
                "help_reason": self.help_reason,
                "help_note": self.help_note,
                "consent": self.consent,
            }.items()
        }
        rt_rw = QWidget(self)
        rt_rw_rows = QVBoxLayout(rt_rw)
        rt_rw_rows.setContentsMargins(0, 0, 0, 0)
        rt_rw_rows.setSpacing(1)
        rt_rw_layout = QHBoxLayout()
        rt_rw_message = MessageLine(self)  # one wide line for both short fields
        self.fields["rt"] = Field(self.rt, self, line=rt_rw_message)
        self.fields["rw"] = Field(self.rw, self, line=rt_rw_message)
        rt_rw_layout.addWidget(self.fields["rt"])
        rt_rw_layout.addWidget(QLabel("/", self))
        rt_rw_layout.addWidget(self.fields["rw"])
        members_label = QLabel(self.tr("&Jumlah anggota"), self)
        members_label.setBuddy(self.members)
        rt_rw_layout.addStretch(1)
        rt_rw_rows.addLayout(rt_rw_layout)
        rt_rw_rows.addWidget(rt_rw_message)

        household_box = QGroupBox(self.tr("Rumah tangga"), self)
        form = QFormLayout(household_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&No KK"), self.fields["no_kk"])
        form.addRow(self.tr("Na&ma kepala keluarga"), self.fields["head_name"])
        form.addRow(self.tr("N&IK kepala keluarga"), self.fields["head_nik"])
        form.addRow(self.tr("Kelu&rahan/Desa"), self.fields["kelurahan_code"])
        form.addRow(self.tr("Alama&t"), self.fields["address"])
        form.addRow(self.tr("RT / RW"), rt_rw)
        form.addRow(members_label, self.fields["members"])
        form.addRow(self.tr("No &HP"), self.fields["phone"])
        form.addRow(self.tr("Perlu didampingi karena"), self.fields["help_reason"])
        form.addRow("", self.fields["help_note"])
        form.addRow(self.fields["consent"])  # the whole width: its text is long
        form.addRow("", self.withdraw)

        # -- the visit --
        self.record_visit = QCheckBox(self.tr("Catat kunjungan sekarang"), self)
        self.record_visit.setChecked(True)
        self.visited_at = QDateTimeEdit(self)
        self.visited_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.visited_at.setCalendarPopup(True)
        self.helper = QComboBox(self)
        self.post = QComboBox(self)
        self.outcome = QComboBox(self)
        for outcome in Outcome:
            self.outcome.addItem(label_of(outcome), outcome.value)
        self.failure_reason = QComboBox(self)
        self.failure_reason.addItem(self.tr("— pilih alasan gagal —"), None)
        for reason in FailureReason:
            self.failure_reason.addItem(label_of(reason), reason.value)
        self.failure_note = self._line(self.tr("Keterangan (boleh kosong)"))
        # Long helper names and reasons must not push the panel wider than a 1366 screen.
        for combo in (self.helper, self.post, self.help_reason, self.failure_reason):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.has_revisit = QCheckBox(self.tr("Kunjungan ulang"), self)
        self.revisit_date = QDateEdit(self)
        self.revisit_date.setDisplayFormat("dd/MM/yyyy")
        self.revisit_date.setCalendarPopup(True)
        self.note = self._line(self.tr("Catatan (boleh kosong)"))
        visit_fields = {
            "visited_at": self.visited_at,
            "helper_id": self.helper,
            "post_id": self.post,
            "outcome": self.outcome,
            "failure_reason": self.failure_reason,
            "failure_note": self.failure_note,
            "revisit_date": self.revisit_date,
            "note": self.note,
        }
        for name, widget in visit_fields.items():
            self.fields[f"visit.{name}"] = Field(widget, self)
        # Inputs sharing a row with another have no label of their own: named for screen
        # readers here.
        for widget, spoken in (
            (self.rt, self.tr("RT")),
            (self.rw, self.tr("RW")),
            (self.help_note, self.tr("Keterangan alasan lainnya")),
            (self.failure_note, self.tr("Keterangan alasan gagal")),
            (self.revisit_date, self.tr("Tanggal kunjungan ulang")),
        ):
            widget.setAccessibleName(spoken)

        self.visit_box = QGroupBox(self.tr("Kunjungan"), self)
        visit_form = QFormLayout(self.visit_box)
        visit_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        visit_form.addRow(self.record_visit)
        visit_form.addRow(self.tr("&Waktu"), self.fields["visit.visited_at"])
        visit_form.addRow(self.tr("&Petugas"), self.fields["visit.helper_id"])
        visit_form.addRow(self.tr("P&osko"), self.fields["visit.post_id"])
        visit_form.addRow(self.tr("Hasi&l"), self.fields["visit.outcome"])
        visit_form.addRow(self.tr("Alasan &gagal"), self.fields["visit.failure_reason"])
        visit_form.addRow("", self.fields["visit.failure_note"])
        visit_form.addRow(self.has_revisit, self.fields["visit.revisit_date"])
        visit_form.addRow(self.tr("&Catatan"), self.fields["visit.note"])
        self.people_hint = QLabel(self)
        self.people_hint.setWordWrap(True)
        self.people_hint.setStyleSheet("color: #8a5a00;")
        visit_form.addRow(self.people_hint)

        self.visits_model = VisitTableModel(self._storage, self)
        self.visits = QTableView(self)
        self.visits.setModel(self.visits_model)
        self.visits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visits.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.visits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visits.verticalHeader().hide()
        self.visits.setWordWrap(False)
        header = self.visits.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The free text takes what is left and ends in "…" (whole in its tooltip).
        header.setSectionResizeMode(
            VisitTableModel.COLUMNS.index("reason"), QHeaderView.ResizeMode.Stretch
        )
        header.setStretchLastSection(False)
        tooltips_for_clipped_cells(self.visits)
        # Under the two columns it takes the height left, but shows at least three visits.
        rows = self.visits.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.visits.setMinimumHeight(header.sizeHint().height() + 3 * rows.defaultSectionSize() + 4)
        self.visits.activated.connect(self._edit_visit_at)
        self.visits.setToolTip(self.tr("Enter atau klik dua kali untuk mengubah kunjungan"))
        self.visits.selectionModel().selectionChanged.connect(self._update_proof_buttons)
        self.visits_model.modelReset.connect(self._update_proof_buttons)
        self.visits_label = QLabel(self.tr("Riwa&yat kunjungan"), self)
        self.visits_label.setBuddy(self.visits)

        # What a household gets for a visit: a signed slip, and its proof of completion.
        self.print_slip_button = QPushButton(self.tr("Cetak bukti…"), self)
        self.print_slip_button.setToolTip(
            self.tr("Bukti pendampingan bertanda tangan untuk kunjungan yang dipilih (Ctrl+P)")
        )
        self.print_slip_button.clicked.connect(self.print_selected_slip)
        self.attach_button = QPushButton(self.tr("Lampirkan bukti pengisian…"), self)
        self.attach_button.setToolTip(
            self.tr(
                "Bukti dari situs sensus (PDF) atau foto layarnya (JPG/PNG), paling besar 10 MB"
            )
        )
        self.attach_button.clicked.connect(self.choose_proof_file)
        self.proofs_button = QPushButton(self.tr("Lihat bukti…"), self)
        self.proofs_button.setToolTip(self.tr("Berkas bukti pengisian kunjungan yang dipilih"))
        self.proofs_button.clicked.connect(self.show_proofs)
        for button in (self.print_slip_button, self.attach_button, self.proofs_button):
            button.setAutoDefault(False)
        self.proof_message = MessageLine(self)
        # On the table's title row: at 1366x768 the space under the table is off screen.
        proof_buttons = QHBoxLayout()
        proof_buttons.addWidget(self.visits_label)
        proof_buttons.addStretch(1)
        proof_buttons.addWidget(self.print_slip_button)
        proof_buttons.addWidget(self.attach_button)
        proof_buttons.addWidget(self.proofs_button)

        self.save_button = QPushButton(self.tr("&Simpan (Enter)"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.new_visit_button = QPushButton(self.tr("Kunjungan baru"), self)
        self.new_visit_button.clicked.connect(self.new_visit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.new_visit_button)
        buttons.addStretch(1)

        # Two columns (the household | its visit and the buttons) with the history under
        # both: at 1366x768 with 125% scaling (1093x582 logical pixels beside a taskbar) the
        # whole form and a few visits are in view without scrolling.
        for box_form in (form, visit_form):
            box_form.setVerticalSpacing(4)
        visit_column = QVBoxLayout()
        visit_column.setContentsMargins(0, 0, 0, 0)
        visit_column.addWidget(self.visit_box)
        visit_column.addLayout(buttons)
        visit_column.addStretch(1)
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(household_box, 4)
        columns.addLayout(visit_column, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.banner)
        layout.addLayout(columns)
        layout.addLayout(proof_buttons)
        layout.addWidget(self.proof_message)
        layout.addWidget(self.visits, 1)

        # Reading order; QFormLayout alone would already do this, but the RT/RW pair
        # and the revisit pair need it said.
        order = [
            self.no_kk,
            self.head_name,
            self.head_nik,
            self.kelurahan,
            self.address,
            self.rt,
            self.rw,
            self.members,
            self.phone,
            self.help_reason,
            self.help_note,
            self.consent,
            self.record_visit,
            self.visited_at,
            self.helper,
            self.post,
            self.outcome,
            self.failure_reason,
            self.failure_note,
            self.has_revisit,
            self.revisit_date,
            self.note,
            self.save_button,
            self.new_visit_button,
            self.visits,
            self.print_slip_button,
            self.attach_button,
            self.proofs_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        buttons_and_lists = (
            self.visits,
            self.save_button,
            self.new_visit_button,
            self.print_slip_button,
            self.attach_button,
            self.proofs_button,
        )
        for widget in order:
            if widget not in buttons_and_lists:
                widget.installEventFilter(self)
        self.visits.installEventFilter(self)
        self.no_kk.editingFinished.connect(self._check_kk)
        self.no_kk.textEdited.connect(self._kk_typed)
        self.head_nik.editingFinished.connect(self._check_nik)
        self.rt.editingFinished.connect(
            lambda: self._check_simple("rt", validate_rt_rw(self.rt.text(), field="RT"))
        )
        self.rw.editingFinished.connect(
            lambda: self._check_simple("rw", validate_rt_rw(self.rw.text(), field="RW"))
        )
        self.phone.editingFinished.connect(
            lambda: self._check_simple("phone", validate_phone(self.phone.text()))
        )
        self.help_reason.currentIndexChanged.connect(self._update_enabled)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.failure_reason.currentIndexChanged.connect(self._update_enabled)
        self.has_revisit.toggled.connect(self._update_enabled)
        self.record_visit.toggled.connect(self._update_enabled)
        # A message goes once its input is changed (it was about what was there): typed,
        # picked, ticked (consent), counted or dated alike.
        changed = ("textEdited", "currentIndexChanged", "toggled", "valueChanged")
        for name, field in self.fields.items():
            widget = field.widget
            signal = next((getattr(widget, n) for n in changed if hasattr(widget, n)), None)
            if isinstance(widget, QDateTimeEdit):  # QDateEdit too
                signal = widget.dateTimeChanged
            if signal is not None and name not in ("no_kk",):
                signal.connect(field.clear_message)

    # -- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.visits:
            # Reached by Tab or Alt+Y: pick a visit at once, so the slip and proof
            # buttons work without first pressing an arrow key.
            if (
                event.type() == QEvent.Type.FocusIn
                and not self.visits.selectionModel().hasSelection()
            ):
                current = self.visits.currentIndex()
                if self.visits_model.rowCount():
                    self.visits.selectRow(current.row() if current.isValid() else 0)
            return False
        # Enter saves from any field. The kelurahan completer and calendar popups take
        # their own Enter first, because they hold the keyboard while open.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if isinstance(watched, QDateTimeEdit) and event.key() in (
                Qt.Key.Key_Tab,
                Qt.Key.Key_Backtab,
            ):
                # Qt tabs through day, month, year... inside a date; here Tab leaves the
                # field like everywhere else, and Left/Right move between its parts.
                self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                if isinstance(watched, QComboBox) and watched.view().isVisible():
                    return False
                self.save()
                return True
        return super().eventFilter(watched, event)

    # -- loading ------------------------------------------------------------------------------

    def reload_people(self) -> None:
        """Refill the helper and post lists (after they were edited)."""
        helper_id = self.helper.currentData() or self._storage.get_setting("last_helper_id")
        post_id = self.post.currentData() or self._storage.get_setting("last_post_id")
        self.helper.clear()
        self.post.clear()
        actor = self._storage.actor
        # A helper account records its own visits only; coordinators may record for others.
        own_only = actor is not None and not self._storage.can(Permission.SEE_ALL_NUMBERS)
        for helper in self._storage.helpers():
            if own_only and actor is not None and helper.id != actor.helper_id:
                continue
            self.helper.addItem(
                f"{helper.name} ({helper.opd})" if helper.opd else helper.name, helper.id
            )
        if own_only and actor is not None:
            helper_id = actor.helper_id
        self.helper.setEnabled(not own_only)
        for post in self._storage.posts():
            self.post.addItem(post.name, post.id)
        self._select_data(self.helper, helper_id)
        self._select_data(self.post, post_id)
        missing = []
        if self.helper.count() == 0:
            missing.append(self.tr("petugas"))
        if self.post.count() == 0:
            missing.append(self.tr("posko"))
        self.people_hint.setText(
            self.tr("Belum ada %s. Tambahkan lewat menu Data › Petugas dan Posko.")
            % " dan ".join(missing)
            if missing
            else ""
        )
        self.people_hint.setVisible(bool(missing))

    @staticmethod
    def _select_data(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def new_household(self) -> None:
        self._household = None
        for edit in (
            self.no_kk,
            self.head_nik,
            self.head_name,
            self.address,
            self.rt,
            self.rw,
            self.phone,
            self.help_note,
        ):
            edit.clear()
        self.kelurahan.set_code("")
        self.members.setValue(1)
        self.help_reason.setCurrentIndex(0)
        self.consent.setChecked(False)
        self._set_numbers_editable(True, erased=False)
        self.record_visit.setChecked(True)
        self.visits_model.set_household(None)
        self._clear_messages()
        self.banner.hide()
        self.new_visit()
        self._mark_clean()
        self.no_kk.setFocus()

    def load_household(self, household_id: str, *, banner: str = "") -> None:
        household = self._storage.household(household_id)
        self._household = household
        self.no_kk.setText(household.no_kk)
        self.head_nik.setText(household.head_nik)
        self.head_name.setText(household.head_name)
        self.kelurahan.set_code(household.kelurahan_code)
        self.kelurahan.setCursorPosition(0)  # the name, not the city, when it is cut off
        self.address.setText(household.address)
        self.rt.setText(household.rt)
        self.rw.setText(household.rw)
        self.members.setValue(household.members)
        self.phone.setText(household.phone)
        self._select_data(self.help_reason, household.help_reason.value)
        self.help_note.setText(household.help_note)
        self.consent.setChecked(household.consent)
        self._set_numbers_editable(not household.numbers_hidden, erased=bool(household.erased_at))
        self.record_visit.setChecked(household.visit_count == 0)
        self.visits_model.set_household(household.id)
        self._clear_messages()
        if not household.numbers_hidden and not household.erased_at:
            self._show_warnings()
        self.new_visit()
        if household.erased_at:
            banner = self.tr(
                "Data pribadi rumah tangga ini sudah dihapus (persetujuan ditarik atau masa "
                "simpan berakhir). Hanya hitungan kunjungannya yang tersimpan."
            )
        elif household.numbers_hidden and not banner:
            banner = self.tr(
                "Dicatat oleh petugas lain: No KK dan NIK disamarkan. Kunjungan tetap bisa dicatat."
            )
        if banner:
            self.show_banner(banner, "info")
        else:
            self.banner.hide()
        self._mark_clean()

    def _set_numbers_editable(self, editable: bool, *, erased: bool) -> None:
        for edit in (self.no_kk, self.head_nik):
            edit.setReadOnly(not editable or erased)
            edit.setToolTip(
                ""
                if editable
                else self.tr(
                    "Hanya petugas yang mencatatnya dan koordinator yang melihat nomor lengkap."
                )
            )
        for widget in (self.head_name, self.address, self.phone, self.rt, self.rw):
            widget.setReadOnly(erased)
        self.consent.setEnabled(not erased)
        self.withdraw.setVisible(self._household is not None and not erased)
        self.withdraw.setEnabled(editable and not erased)

    def withdraw_consent(self) -> None:
        """The family withdraws consent: erase its personal data after one clear question."""
        if self._household is None:
            return
        if not confirm_irreversible(
            self,
            self.tr("Tarik persetujuan"),
            self.tr(
                "Hapus data pribadi rumah tangga ini?\n\nNo KK, NIK, nama, alamat, nomor HP "
                "dan catatan akan dihapus dan tidak bisa dikembalikan. Hitungan kunjungannya "
                "tetap tersimpan tanpa nama. Penarikan ini dicatat di jejak audit."
            ),
            self.tr("Hapus data pribadi"),
            self.tr("Batal"),
        ):
            return
        storage, household_id = self._storage, self._household.id

        def withdrawn(household: Household) -> None:
            self.load_household(household.id)
            self.saved.emit(household.id, False)

        run_write(
            self._runner,
            self._bus,
            lambda context: storage.withdraw_consent(household_id),
            changes=Changes(households=True, visits=True),
            on_done=withdrawn,
            on_refused=lambda exc: self.show_banner(str(exc), "error"),
            initiator=self,
            wait=True,
        )

    def new_visit(self) -> None:
        self._visit_id = None
        self.visited_at.setDateTime(to_qdatetime(clock.local_now()))
        self.outcome.setCurrentIndex(0)
        self.failure_reason.setCurrentIndex(0)
        self.failure_note.clear()
        self.has_revisit.setChecked(False)
        self.revisit_date.setDate(to_qdate(clock.today()).addDays(3))
        self.note.clear()
        self.visit_box.setTitle(self.tr("Kunjungan baru"))
        if self._household is not None and self.sender() is self.new_visit_button:
            self.record_visit.setChecked(True)
            self.visited_at.setFocus()
        self._update_enabled()

    def _edit_visit_at(self, index: object) -> None:
        visit = self.visits_model.visit_at(getattr(index, "row", lambda: -1)())
        if visit is None or not self.confirm_leave():
            return
        if self.has_unsaved_changes() and self._household is not None:
            self.load_household(self._household.id)  # "Buang isian": back to what is stored
        self._visit_id = visit.id
        self.record_visit.setChecked(True)
        local = datetime.fromisoformat(visit.visited_at.replace("Z", "+00:00")).astimezone()
        revisit = visit.revisit_date
        revisit_on = QDate(revisit.year, revisit.month, revisit.day) if revisit else None
        self._restore_visit_state((
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)),
            visit.helper_id, visit.post_id, visit.outcome.value,
            visit.failure_reason.value if visit.failure_reason else None, visit.failure_note,
            revisit is not None, revisit_on or self.revisit_date.date(), visit.note,
        ))  # fmt: skip
        self.visit_box.setTitle(self.tr("Ubah kunjungan"))
        self._mark_clean()
        self.outcome.setFocus()

    # -- the visit's slip and proof files ----------------------------------------------------

    def selected_visit(self) -> Visit | None:
        """The saved visit picked in the visits table, if any."""
        if self._household is None:
            return None
        rows = self.visits.selectionModel().selectedRows()
        return self.visits_model.visit_at(rows[0].row()) if rows else None

    def select_visit(self, visit_id: str) -> None:
        row = self.visits_model.row_of(visit_id)
        if row >= 0:
            self.visits.selectRow(row)

    def _update_proof_buttons(self) -> None:
        visit = self.selected_visit()
        erased = self._household is not None and bool(self._household.erased_at)
        self.print_slip_button.setEnabled(visit is not None)
        self.attach_button.setEnabled(visit is not None and not erased)
        row = self.visits_model.row_of(visit.id) if visit else -1
        self.proofs_button.setEnabled(visit is not None and self.visits_model.proof_count(row) > 0)
        if visit is None:
            self.proof_message.clear_message()

    def _ask_for_visit(self) -> None:
        self.proof_message.show_message(
            self.tr("Pilih dulu kunjungannya di Riwayat kunjungan (Alt+Y, lalu panah atas/bawah)."),
            "warn",
        )
        if self._household is not None and self.visits_model.rowCount():
            self.visits.setFocus()

    def print_selected_slip(self) -> None:
        """The signed slip of the selected visit: saved as PDF or printed (Ctrl+P)."""
        visit = self.selected_visit()
        if visit is None:
            self._ask_for_visit()
            return
        if self.has_unsaved_changes():
            # The slip shows what is stored: save or drop what was typed first.
            if not self.confirm_leave():
                return
            if self.has_unsaved_changes() and self._household is not None:
                self.load_household(self._household.id)  # "Buang isian"
            self.select_visit(visit.id)
        from sp_desktop.core.documents.issuing import write_slips
        from sp_desktop.ui.documents.printing import save_or_print

        storage = self._storage
        visit_id = visit.id
        day = datetime.fromisoformat(visit.visited_at.replace("Z", "+00:00")).astimezone()

        def make(path: Path, progress: Progress) -> object:
            return write_slips(storage, [visit_id], path, progress=progress)

        def saved(path: Path, issued: object) -> None:
            self.proof_message.show_message(
                self.tr("Bukti pendampingan disimpan: %s") % path, "info"
            )

        save_or_print(
            self,
            self._runner,
            make,
            f"Bukti-Pendampingan-{day:%Y%m%d}.pdf",
            title=self.tr("Cetak bukti pendampingan"),
            what=self.tr("Bukti pendampingan untuk kunjungan %s (%s)%s.")
            % (
                local_datetime_text(visit.visited_at),
                label_of(visit.outcome),
                f", {self.head_name.text()}" if self.head_name.text() else "",
            ),
            on_saved=saved,
        )

    def choose_proof_file(self) -> None:
        visit = self.selected_visit()
        if visit is None:
            self._ask_for_visit()
            return
        from sp_desktop.ui.documents.printing import documents_folder

        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih bukti pengisian"),
            str(documents_folder()),
            self.tr("Bukti pengisian (*.pdf *.jpg *.jpeg *.png)"),
        )
        if chosen:
            self.attach_proof_file(Path(chosen), visit.id)

    def attach_proof_file(self, path: Path, visit_id: str | None = None) -> None:
        """Read the file off the GUI thread and store it with the visit (core checks it)."""
        if visit_id is None:
            visit = self.selected_visit()
            if visit is None:
                self._ask_for_visit()
                return
            visit_id = visit.id
        storage = self._storage
        household_id = self.household_id
        self.proof_message.show_message(self.tr("Membaca %s…") % path.name, "info")
        self.attach_button.setEnabled(False)

        def attach(context: TaskContext) -> ProofFile:
            return storage.attach_proof(visit_id, path.name, read_proof_file(path, context))

        def attached(proof: ProofFile) -> None:
            if self.household_id != household_id:
                return  # another household was opened meanwhile; it is stored all the same
            self.visits_model.refresh_proof_counts()
            self._update_proof_buttons()
            self.proof_message.show_message(
                self.tr("Bukti pengisian dilampirkan: %s (%s).")
                % (proof.filename, size_text(proof.size)),
                "info",
            )

        def failed(exc: BaseException) -> None:
            self._update_proof_buttons()
            if isinstance(exc, UserFacingError):
                self.proof_message.show_message(str(exc), "error")
            else:
                self.proof_message.clear_message()
                self._runner.failed.emit(exc)

        run_write(
            self._runner,
            self._bus,
            attach,
            changes=Changes(proofs=True),
            on_done=attached,
            on_error=failed,
            on_cancelled=self._update_proof_buttons,
            initiator=self,
        )

    def show_proofs(self) -> None:
        visit = self.selected_visit()
        if visit is None:
            self._ask_for_visit()
            return
        from sp_desktop.ui.households.proofs_dialog import ProofsDialog

        ProofsDialog(self._storage, visit, self, runner=self._runner).exec()

    # -- state -----------------------------------------------------------------------------------

    def _outcome_changed(self) -> None:
        outcome = self._outcome()
        # Belum means "come back later": offer the revisit date straight away.
        if outcome is Outcome.BELUM and self._visit_id is None:
            self.has_revisit.setChecked(True)
        self._update_enabled()

    def _update_enabled(self) -> None:
        recording = self.record_visit.isChecked()
        for name in ("visited_at", "helper_id", "post_id", "outcome", "note"):
            self.fields[f"visit.{name}"].setEnabled(recording)
        self.has_revisit.setEnabled(recording)
        failed = recording and self._outcome() is Outcome.GAGAL
        self.fields["visit.failure_reason"].setEnabled(failed)
        self.fields["visit.failure_note"].setEnabled(failed)
        self.fields["visit.revisit_date"].setEnabled(recording and self.has_revisit.isChecked())
        self.fields["help_note"].setEnabled(self._help_reason() is HelpReason.LAINNYA)

    # Combo boxes hold the enum's plain value; Qt would not give the enum object back.
    def _outcome(self) -> Outcome:
        return Outcome(self.outcome.currentData())

    def _help_reason(self) -> HelpReason:
        return HelpReason(self.help_reason.currentData())

    def _failure_reason(self) -> FailureReason | None:
        value = self.failure_reason.currentData()
        return FailureReason(value) if value else None

    @property
    def is_new(self) -> bool:
        return self._household is None

    @property
    def household_id(self) -> str | None:
        return self._household.id if self._household else None

    # -- inline checks ------------------------------------------------------------------------

    def _kk_typed(self, text: str) -> None:
        self.fields["no_kk"].clear_message()
        self._declined_kk = None  # a retyped number is a new attempt
        if len("".join(ch for ch in text if ch.isdigit())) == 16:
            self._check_kk()

    def _check_kk(self) -> None:
        result = validate_kk(self.no_kk.text())
        if not self._check_simple("no_kk", result) or not result.value:
            return
        if self._storage.actor is None or self.no_kk.isReadOnly():
            return  # the screen just locked (focus left the field), or a masked number
        storage, no_kk = self._storage, result.value
        found: list[Household | None] = []
        # Through the write lane: a look-up that finds another helper's household is
        # audited (storage.household_by_kk), and no write runs on the GUI thread.
        run_write(
            self._runner,
            None,
            lambda context: storage.household_by_kk(no_kk),
            changes=Changes(),
            on_done=found.append,
            on_refused=lambda exc: self.fields["no_kk"].show_error(str(exc)),
            wait=True,
        )
        existing = found[0] if found else None
        if existing is not None and (self._household is None or existing.id != self._household.id):
            if self.is_new:
                self._open_known_household(existing.id)
            else:
                self.fields["no_kk"].show_error(
                    self.tr("No KK ini sudah dipakai rumah tangga lain.")
                )

    def _open_known_household(self, household_id: str) -> None:
        """A known family: open it instead of starting a duplicate, keeping the visit typed."""
        if self._asking_about_kk:
            return  # the question's own focus change ends the No KK edit a second time
        typed = [self.head_name, self.head_nik, self.address, self.rt, self.rw, self.phone]
        if any(edit.text().strip() for edit in typed) or self.kelurahan.code():
            declined = self._declined_kk == household_id
            if declined or not self._ask_open_known():
                self._declined_kk = household_id  # asked once; Tab away must not ask again
                self.fields["no_kk"].show_error(
                    self.tr(
                        "No KK ini sudah terdaftar. Periksa nomornya, atau buka data tersimpan."
                    )
                )
                return
        visit = self._visit_state()
        self.load_household(
            household_id,
            banner=self.tr(
                "No KK ini sudah terdaftar, jadi data rumah tangganya dibuka. "
                "Kunjungan yang Anda isi tetap ada; simpan untuk menambahkannya."
            ),
        )
        self._restore_visit_state(visit)
        self.record_visit.setChecked(True)
        self.visited_at.setFocus()

    def _ask_open_known(self) -> bool:
        self._asking_about_kk = True
        try:
            return self._ask_open_known_box()
        finally:
            self._asking_about_kk = False

    def _ask_open_known_box(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("No KK sudah terdaftar"))
        box.setText(
            self.tr(
                "Rumah tangga dengan No KK ini sudah tersimpan. Buka data tersimpan? "
                "Isian rumah tangga yang baru diketik diganti; isian kunjungan tetap."
            )
        )
        open_it = box.addButton(self.tr("&Buka data tersimpan"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("&Kembali"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_it)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is open_it

    def _visit_state(self) -> tuple[object, ...]:
        return (
            self.visited_at.dateTime(), self.helper.currentData(), self.post.currentData(),
            self.outcome.currentData(), self.failure_reason.currentData(),
            self.failure_note.text(), self.has_revisit.isChecked(), self.revisit_date.date(),
            self.note.text(),
        )  # fmt: skip

    def _restore_visit_state(self, state: tuple[object, ...]) -> None:
        (moment, helper, post, outcome, reason, failure_note, revisit, revisit_on, note) = state
        self.visited_at.setDateTime(moment)  # type: ignore[arg-type]
        self._select_data(self.helper, helper)
        self._select_data(self.post, post)
        self._select_data(self.outcome, outcome)
        self._select_data(self.failure_reason, reason)
        self.failure_note.setText(str(failure_note))
        self.has_revisit.setChecked(bool(revisit))
        self.revisit_date.setDate(revisit_on)  # type: ignore[arg-type]
        self.note.setText(str(note))
        self._update_enabled()

    def _check_nik(self) -> None:
        self._check_simple("head_nik", validate_nik(self.head_nik.text()))

    def _check_simple(self, name: str, result: object) -> bool:
        field = self.fields[name]
        text = field.widget.text() if isinstance(field.widget, QLineEdit) else "x"
        if not text.strip() and name in ("phone",):
            field.clear_message()
            return True
        if not getattr(result, "ok", True):
            if text.strip():  # an empty field is flagged on save, not while tabbing past
                field.show_error(getattr(result, "message", ""))
            return False
        warnings = getattr(result, "warnings", ())
        if warnings:
            field.show_warning(warnings[0].message)
        else:
            field.clear_message()
        return True

    def _show_warnings(self) -> None:
        self._check_simple("no_kk", validate_kk(self.no_kk.text()))
        self._check_nik()

    def _clear_messages(self) -> None:
        for field in self.fields.values():
            field.clear_message()

    def show_banner(self, text: str, kind: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(BANNER_STYLES[kind])
        self.banner.show()

    # -- unsaved changes ------------------------------------------------------------------------

    def _values(self) -> tuple[object, ...]:
        """Everything the user can change, to tell whether anything was typed since loading."""
        texts = (self.no_kk, self.head_nik, self.head_name, self.address, self.rt, self.rw,
                 self.phone, self.help_note, self.failure_note, self.note)  # fmt: skip
        combos = (self.help_reason, self.helper, self.post, self.outcome, self.failure_reason)
        checks = (self.consent, self.record_visit, self.has_revisit)
        return (
            *(edit.text() for edit in texts),
            *(combo.currentData() for combo in combos),
            *(check.isChecked() for check in checks),
            self.kelurahan.code(),
            self.members.value(),
            self.visited_at.dateTime(),
            self.revisit_date.date(),
        )

    def _mark_clean(self) -> None:
        self._clean_values = self._values()

    def discard_changes(self) -> None:
        """Forget what was typed (the window closes for a restore, after asking)."""
        self._mark_clean()

    def has_unsaved_changes(self) -> bool:
        return self._values() != self._clean_values

    def confirm_leave(self) -> bool:
        """Before the form shows something else: save, discard or stay. True to go on."""
        if not self.has_unsaved_changes():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Perubahan belum disimpan"))
        box.setText(self.tr("Isian di formulir belum disimpan. Simpan sekarang?"))
        save = box.addButton(self.tr("&Simpan"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("&Buang isian"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("&Kembali ke formulir"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return self.save()  # a failed save keeps the form and stays
        return clicked is discard

    # -- saving -----------------------------------------------------------------------------------

    def _household_from_fields(self) -> Household:
        base = self._household or Household(no_kk="", head_name="", head_nik="", kelurahan_code="")
        return replace(
            base,
            no_kk=self.no_kk.text(),
            head_nik=self.head_nik.text(),
            head_name=self.head_name.text(),
            kelurahan_code=self.kelurahan.code(),
            address=self.address.text(),
            rt=self.rt.text(),
            rw=self.rw.text(),
            members=self.members.value(),
            phone=self.phone.text(),
            help_reason=self._help_reason(),
            help_note=self.help_note.text(),
            consent=self.consent.isChecked(),
        )

    def _visit_from_fields(self, household_id: str) -> Visit:
        moment = py_datetime(self.visited_at.dateTime())
        revisit: date | None = None
        if self.has_revisit.isChecked():
            revisit = py_date(self.revisit_date.date())
        visit = Visit(
            household_id=household_id,
            helper_id=self.helper.currentData() or "",
            post_id=self.post.currentData() or "",
            visited_at=to_utc_text(moment),
            outcome=self._outcome(),
            failure_reason=self._failure_reason(),
            failure_note=self.failure_note.text(),
            revisit_date=revisit,
            note=self.note.text(),
        )
        return replace(visit, id=self._visit_id) if self._visit_id else visit

    def save(self) -> bool:
        """Validate and store; True once the data is durable. On failure nothing typed is lost."""
        self._clear_messages()
        household = self._household_from_fields()
        recording = self.record_visit.isChecked()
        visit = self._visit_from_fields(household.id) if recording else None
        was_new = self._household is None
        storage = self._storage
        stored: list[Household] = []

        def done(saved: Household) -> None:
            stored.append(saved)
            self._saved(saved, visit, was_new)

        def refused(exc: UserFacingError) -> None:
            if isinstance(exc, RecordValidationError):
                self._show_problems(exc.problems)
            else:
                self.show_banner(self.tr("Belum tersimpan. ") + str(exc), "error")

        # One transaction for the household and the new or corrected visit (and the helper
        # and post remembered for the next one): both or neither. Waited for: the caller
        # (Enter, "Simpan" before leaving) goes on only once it is stored.
        run_write(
            self._runner,
            self._bus,
            lambda context: storage.save_household(household, visit),
            changes=Changes(household_set=was_new, households=True, visits=visit is not None),
            on_done=done,
            on_refused=refused,
            initiator=self,
            wait=True,
        )
        return bool(stored)

    def _saved(self, saved: Household, visit: Visit | None, was_new: bool) -> None:
        self._household = self._storage.household(saved.id)
        self.visits_model.set_household(saved.id)
        if visit is not None:
            self.select_visit(visit.id)  # ready for "Cetak bukti" (Ctrl+P)
        self.record_visit.setChecked(False)
        self.new_visit()
        self._show_warnings()
        time = clock.local_now().strftime("%H:%M:%S")
        what = self.tr("Rumah tangga baru") if was_new else self.tr("Perubahan")
        self.show_banner(self.tr("%s tersimpan (%s).") % (what, time), "ok")
        self._mark_clean()
        self.saved.emit(saved.id, was_new)

    def _show_problems(self, problems: dict[str, str]) -> None:
        first: Field | None = None
        for name, message in problems.items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.show_error(message)
            first = first or field
        count = len(problems)
        self.show_banner(
            self.tr("Belum tersimpan: %n isian perlu diperbaiki (ditandai merah).", "", count),
            "error",
        )
        if first is not None:
            first.widget.setFocus()
