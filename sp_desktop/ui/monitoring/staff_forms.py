"""The small dialogs of the Pegawai ASN screen: adding or changing one person, recording
a status for one or many (with the person's proof file), and a person's proof files.
Each writes through the operation helper; a refusal is shown under its field and what
was typed stays."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
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
from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
from sp_desktop.core.domain import monitoring
from sp_desktop.core.domain.model import FailureReason
from sp_desktop.core.domain.monitoring import (
    Staff,
    StaffProofFile,
    StaffStatus,
)
from sp_desktop.core.domain.proofs import check_proof, read_proof_file
from sp_desktop.core.domain.text import format_count
from sp_desktop.core.storage import Storage
from sp_desktop.ui.documents.printing import documents_folder
from sp_desktop.ui.households.proofs_dialog import ProofFilesDialog
from sp_desktop.ui.households.task_panel import TaskPanel
from sp_desktop.ui.monitoring.staff_figures import STATUS_COLOURS, status_label
from sp_desktop.ui.operations import NOTHING, ChangeBus, Changes, run_write
from sp_desktop.ui.widgets import Field, MessageLine, label_of, line_edit_of, py_date, to_qdate
from sp_desktop.ui.worker import TaskContext, TaskRunner

STAFF = Changes(staff=True)


def proof_filter() -> str:
    return QCoreApplication.translate("StaffDialog", "Bukti pengisian (*.pdf *.jpg *.jpeg *.png)")


def buddy_field(widget: QWidget, parent: QWidget) -> Field:
    """A Field whose label's Alt+letter reaches the input."""
    field = Field(widget, parent)
    field.setFocusProxy(widget)
    field.setFocusPolicy(widget.focusPolicy())
    return field


def action_button(text: str, parent: QWidget, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(False)  # Enter in the list or a filter never presses a button
    button.clicked.connect(lambda _checked=False: slot())
    return button


def warn(parent: QWidget, exc: UserFacingError | str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("StaffDialog", "Pegawai ASN"), str(exc))


# -- adding or changing one person ------------------------------------------------------------


class StaffEditDialog(QDialog):
    """NIP, name, OPD and unit of one staff member. The core checks them; its messages are
    shown under each field and what was typed stays for the next try."""

    def __init__(
        self,
        storage: Storage,
        staff: Staff | None,
        *,
        scope: str | None,
        opd_names: Sequence[str] = (),
        default_opd: str = "",
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self.runner = runner or TaskRunner(self)
        self.bus = bus or ChangeBus(self)
        self.original = staff
        self.saved: Staff | None = None
        self.setWindowTitle(self.tr("Ubah data pegawai") if staff else self.tr("Tambah pegawai"))
        self.setMinimumWidth(640)
        self.nip = QLineEdit(self)
        self.nip.setPlaceholderText(self.tr("18 angka, tanpa spasi"))
        self.nip.setMaxLength(30)
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.opd = QComboBox(self)
        self.opd.setEditable(True)
        self.opd.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.opd.addItems(list(opd_names))
        line_edit_of(self.opd).setPlaceholderText(self.tr("mis. Dinas Sosial"))
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText(self.tr("boleh kosong; mis. Bidang Rehabilitasi Sosial"))
        self.fields = {
            "nip": buddy_field(self.nip, self),
            "name": buddy_field(self.name, self),
            "opd": buddy_field(self.opd, self),
            "unit": buddy_field(self.unit, self),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&NIP"), self.fields["nip"])
        form.addRow(self.tr("Na&ma"), self.fields["name"])
        form.addRow(self.tr("&OPD"), self.fields["opd"])
        form.addRow(self.tr("&Unit kerja"), self.fields["unit"])
        self.message = MessageLine(self)
        self.save_button = QPushButton(self.tr("&Simpan"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Batal"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)

        if staff is not None:
            self.nip.setText(staff.nip)
            self.name.setText(staff.name)
            self.opd.setEditText(staff.opd)
            self.unit.setText(staff.unit)
        else:
            self.opd.setEditText(scope or default_opd)
        if scope is not None:
            # An OPD administrator keeps their own office's staff only.
            self.opd.setEditText(scope if staff is None else staff.opd)
            self.opd.setEnabled(False)
            self.opd.setToolTip(self.tr("Admin OPD hanya mengelola pegawai OPD-nya sendiri."))
        self.nip.setFocus()

    def staff_to_save(self) -> Staff:
        nip, name = self.nip.text(), self.name.text()
        opd, unit = self.opd.currentText(), self.unit.text()
        if self.original is None:
            return Staff(nip=nip, name=name, opd=opd, unit=unit)
        return replace(self.original, nip=nip, name=name, opd=opd, unit=unit)

    def save(self) -> None:
        for field in self.fields.values():
            field.clear_message()
        self.message.clear_message()
        storage, staff = self.storage, self.staff_to_save()
        run_write(
            self.runner,
            self.bus,
            lambda context: storage.save_staff(staff),
            changes=Changes(staff=True),
            on_done=self._saved,
            on_refused=self._refused,
            initiator=self,
            wait=True,  # one short transaction; the dialog closes once it is stored
        )

    def _saved(self, staff: Staff) -> None:
        self.saved = staff
        self.accept()

    def _refused(self, exc: UserFacingError) -> None:
        if isinstance(exc, RecordValidationError):
            self.show_problems(exc.problems)
        else:
            warn(self, exc)

    def show_problems(self, problems: dict[str, str]) -> None:
        first = _show_problems(self, self.fields, self.message, problems)
        if first is not None:
            first.setFocus()


# -- recording a status -----------------------------------------------------------------------


@dataclass(frozen=True)
class StatusRecorded:
    status: str
    count: int
    proof: StaffProofFile | None = None
    proof_problem: str = ""  # the status was saved but the file was not


class StatusDialog(QDialog):
    """Sudah / Gagal / Belum for the selected staff (one or many), as of a date. With one
    person and Sudah, their proof file may be attached at once. The write runs in the
    worker, in one transaction; a refusal is shown next to the field and nothing typed is
    lost."""

    def __init__(
        self,
        storage: Storage,
        runner: TaskRunner,
        staff: Sequence[Staff],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self.staff = list(staff)
        self.today = today or clock.today()
        self.result_: StatusRecorded | None = None
        self.proof_path: Path | None = None
        self.setWindowTitle(self.tr("Catat status SP Online"))
        self.setMinimumWidth(660)
        if len(self.staff) == 1:
            heading_text = self.tr("Untuk: %s") % self.staff[0].name
        else:
            heading_text = self.tr("Untuk %s pegawai yang dipilih") % format_count(len(self.staff))
        heading = QLabel(heading_text, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("font-weight: bold;")

        self.sudah = QRadioButton(self.tr("&Sudah mengisi"), self)
        self.gagal = QRadioButton(self.tr("&Gagal"), self)
        self.belum = QRadioButton(self.tr("&Belum"), self)
        self.choice = QButtonGroup(self)
        radios = QHBoxLayout()
        for status, radio in (
            (StaffStatus.SUDAH, self.sudah),
            (StaffStatus.GAGAL, self.gagal),
            (StaffStatus.BELUM, self.belum),
        ):
            radio.setProperty("status", status)
            radio.setStyleSheet(f"color: {STATUS_COLOURS[status].name()};")
            self.choice.addButton(radio)
            radios.addWidget(radio)
        radios.addStretch(1)
        self.sudah.setChecked(True)
        self.status_box = QWidget(self)
        self.status_box.setLayout(radios)
        radios.setContentsMargins(0, 0, 0, 0)

        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        first = monitoring.EARLIEST_STATUS_DATE
        self.day.setDateRange(to_qdate(first), to_qdate(self.today))
        self.day.setDate(to_qdate(self.today))
        self.reason = QComboBox(self)
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line_edit_of(self.reason).setMaxLength(monitoring.MAX_REASON)
        line_edit_of(self.reason).setPlaceholderText(self.tr("pilih, atau tulis sendiri"))
        self.fields = {
            "status": buddy_field(self.status_box, self),
            "status_date": buddy_field(self.day, self),
            "reason": buddy_field(self.reason, self),
        }
        self.reason_label = QLabel(self.tr("&Alasan"), self)
        self.reason_label.setBuddy(self.fields["reason"])
        self.day_label = QLabel(self.tr("&Tanggal"), self)
        self.day_label.setBuddy(self.fields["status_date"])

        # The proof: only for one person who completed.
        self.proof_name = QLineEdit(self)
        self.proof_name.setReadOnly(True)
        self.proof_name.setAccessibleName(self.tr("Berkas bukti yang dipilih"))
        self.proof_name.setPlaceholderText(self.tr("(tidak ada; boleh dilampirkan nanti)"))
        self.proof_pick = action_button(self.tr("&Pilih berkas…"), self, self.choose_proof)
        self.proof_clear = action_button(
            self.tr("&Hapus pilihan"), self, lambda: self.set_proof(None)
        )
        self.proof_row = QWidget(self)
        proof_layout = QHBoxLayout(self.proof_row)
        proof_layout.setContentsMargins(0, 0, 0, 0)
        proof_layout.addWidget(self.proof_name, 1)
        proof_layout.addWidget(self.proof_pick)
        proof_layout.addWidget(self.proof_clear)
        self.proof_label = QLabel(self.tr("Lampirkan bukti pengisian\n(PDF/JPG/PNG)"), self)
        self.proof_label.setBuddy(self.proof_pick)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Status SP Online"), self.fields["status"])
        form.addRow(self.day_label, self.fields["status_date"])
        form.addRow(self.reason_label, self.fields["reason"])
        form.addRow(self.proof_label, self.proof_row)
        self.form = form

        self.panel = TaskPanel(runner, self, bus=bus)
        self.panel.cancel_button.hide()
        self.message = self.panel.message
        self.panel.busy_changed.connect(self._busy_changed)
        self.save_button = QPushButton(self.tr("Simpan"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Batal"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.choice.buttonToggled.connect(lambda *_: self._status_changed())
        self._status_changed()
        self.sudah.setFocus()

    @property
    def status(self) -> str:
        checked = self.choice.checkedButton()
        return str(checked.property("status")) if checked is not None else ""

    def set_status(self, status: str) -> None:
        {StaffStatus.SUDAH: self.sudah, StaffStatus.GAGAL: self.gagal}.get(
            status, self.belum
        ).setChecked(True)

    def _status_changed(self) -> None:
        gagal = self.status == StaffStatus.GAGAL
        self.reason_label.setText(self.tr("&Alasan gagal") if gagal else self.tr("&Catatan"))
        line_edit_of(self.reason).setPlaceholderText(
            self.tr("wajib: pilih, atau tulis sendiri") if gagal else self.tr("boleh kosong")
        )
        # The common failure reasons are offered for Gagal only; what was typed stays.
        typed = self.reason.currentText()
        offered = gagal and self.reason.count() > 0
        if offered != gagal or self.reason.count() == 0:
            self.reason.blockSignals(True)
            self.reason.clear()
            if gagal:
                self.reason.addItem("")
                for reason in FailureReason:
                    if reason is not FailureReason.LAINNYA:
                        self.reason.addItem(label_of(reason))
            self.reason.setCurrentIndex(-1)
            self.reason.setEditText(typed)
            self.reason.blockSignals(False)
        with_proof = len(self.staff) == 1 and self.status == StaffStatus.SUDAH
        self.form.setRowVisible(self.proof_row, with_proof)
        if not gagal:
            self.fields["reason"].clear_message()
        self.save_button.setText(
            self.tr("Simpan: %s") % status_label(self.status) if self.status else self.tr("Simpan")
        )

    def choose_proof(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih bukti pengisian"), str(documents_folder()), proof_filter()
        )
        if chosen:
            self.set_proof(Path(chosen))

    def set_proof(self, path: Path | None) -> None:
        self.proof_path = path
        self.proof_name.setText(path.name if path else "")
        self.proof_clear.setEnabled(path is not None)

    def reason_text(self) -> str:
        return self.reason.currentText().strip()

    def _busy_changed(self, busy: bool) -> None:
        self.panel.cancel_button.hide()  # one short transaction: let it finish
        for widget in (self.status_box, self.day, self.reason, self.proof_row, self.save_button):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def save(self) -> None:
        if self.panel.busy:
            return
        for field in self.fields.values():
            field.clear_message()
        self.message.clear_message()
        status, reason = self.status, self.reason_text()
        day = py_date(self.day.date())
        if status == StaffStatus.GAGAL and not reason:
            # Said before the question below, so nobody confirms only to be refused.
            self.show_problems(
                {"reason": self.tr("Tulis alasan gagalnya (mis. NIK dan KK tidak sesuai).")}
            )
            return
        if len(self.staff) > 1:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Catat %s untuk %s pegawai?")
                % (status_label(status), format_count(len(self.staff))),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        storage = self.storage
        ids = [s.id for s in self.staff]
        proof_path = self.proof_path if status == StaffStatus.SUDAH and len(ids) == 1 else None

        def work(context: TaskContext) -> StatusRecorded | RecordValidationError:
            content = None
            if proof_path is not None:
                content = read_proof_file(proof_path, context)
                check_proof(proof_path.name, content)  # a wrong file stops before any write
            context.report(0, 0, "")
            try:
                storage.record_staff_status(ids, status, day, reason)
            except RecordValidationError as exc:
                return exc
            if content is None or proof_path is None:
                return StatusRecorded(status, len(ids))
            try:
                proof = storage.attach_staff_proof(ids[0], proof_path.name, content)
            except UserFacingError as exc:
                return StatusRecorded(status, len(ids), proof_problem=str(exc))
            return StatusRecorded(status, len(ids), proof)

        self.panel.run(
            work,
            self._saved,
            status=self.tr("Menyimpan status %s pegawai…") % format_count(len(ids)),
            # A refusal comes back as the error (nothing was written).
            changes=lambda result: STAFF if isinstance(result, StatusRecorded) else NOTHING,
            initiator=self,
        )

    def _saved(self, result: StatusRecorded | RecordValidationError) -> None:
        if isinstance(result, RecordValidationError):
            self.show_problems(result.problems)
            return
        self.result_ = result
        self.accept()

    def show_problems(self, problems: dict[str, str]) -> None:
        first = _show_problems(self, self.fields, self.message, problems)
        if first is self.reason:
            line_edit_of(self.reason).setFocus()
        elif first is not None:
            first.setFocus()

    def reject(self) -> None:
        if self.panel.busy:
            return  # a status being written is let finish (it is one short transaction)
        super().reject()


def _show_problems(
    dialog: QDialog, fields: dict[str, Field], message: MessageLine, problems: dict[str, str]
) -> QWidget | None:
    """Each problem under its field (the rest in the message line); returns the first
    field's input, for the caller to focus."""
    first: QWidget | None = None
    others = []
    for key, text in problems.items():
        field = fields.get(key)
        if field is None:
            others.append(text)
            continue
        field.show_error(text)
        first = first or field.widget
    if others:
        message.show_message(" ".join(others), "error")
    _grow_to_fit(dialog)
    return first


def _grow_to_fit(dialog: QDialog) -> None:
    """Messages shown under the fields may need more height than the dialog has."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
        wanted = layout.totalHeightForWidth(dialog.width())
        if wanted > dialog.height():
            dialog.resize(dialog.width(), wanted)


# -- a staff member's proof files ---------------------------------------------------------------


class StaffProofsDialog(ProofFilesDialog):
    """A staff member's own proof files (their family's NIK and No KK are on it)."""

    def __init__(
        self, storage: Storage, staff: Staff, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        self.storage = storage
        self.staff = staff
        super().__init__(
            f"{staff.name} — {staff.opd}",
            lambda: storage.staff_proof_files(staff.id),
            storage.staff_proof_content,
            parent,
            runner=runner,
        )
        self.setWindowTitle(self.tr("Bukti pengisian pegawai"))
