"""Helpers (ASN) and posts: the short lists a visit refers to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base.errors import RecordValidationError, UserFacingError
from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.storage import Storage
from sp_desktop.ui.operations import ChangeBus, Changes, run_write
from sp_desktop.ui.widgets import Field, KelurahanPicker
from sp_desktop.ui.worker import TaskRunner


class _RecordTab(QWidget):
    """A list on the left, the selected (or a new) record's fields on the right."""

    def __init__(self, parent: QWidget, runner: TaskRunner, bus: ChangeBus) -> None:
        super().__init__(parent)
        self.runner = runner
        self.bus = bus
        self.records: dict[str, Helper | Post] = {}
        self.current: Helper | Post | None = None
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self._picked)
        self.form = QFormLayout()
        self.fields: dict[str, Field] = {}
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        save = QPushButton(self.tr("&Simpan"), self)
        save.clicked.connect(self.save)
        new = QPushButton(self.tr("&Tambah baru"), self)
        new.clicked.connect(self.new)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(new)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(self.form)
        right.addLayout(buttons)
        right.addWidget(self.status)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 2)
        layout.addLayout(right, 3)

    def add_field(self, name: str, label: str, widget: QWidget) -> None:
        field = Field(widget, self)
        self.fields[name] = field
        self.form.addRow(label, field)
        if isinstance(widget, QLineEdit):
            widget.returnPressed.connect(self.save)

    def fill(self, records: Sequence[Helper] | Sequence[Post], label: Callable[[Any], str]) -> None:
        self.list.clear()
        self.records = {}
        for record in records:
            item = QListWidgetItem(label(record))
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.records[record.id] = record
            self.list.addItem(item)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.current = self.records[item.data(Qt.ItemDataRole.UserRole)]
            self.show_record(self.current)

    def new(self) -> None:
        self.current = None
        self.list.clearSelection()
        self.show_record(None)
        next(iter(self.fields.values())).widget.setFocus()

    def save(self) -> None:
        for field in self.fields.values():
            field.clear_message()
        write = self.write()
        run_write(
            self.runner,
            self.bus,
            lambda context: write(),
            changes=Changes(people=True),
            on_done=lambda _: self._stored(),
            on_refused=self._refused,
            initiator=self,
            wait=True,  # Enter on the last field saves, then the next record is typed
        )

    def _refused(self, exc: UserFacingError) -> None:
        if isinstance(exc, RecordValidationError):
            for name, message in exc.problems.items():
                if name in self.fields:
                    self.fields[name].show_error(message)
            self.status.setText(self.tr("Belum tersimpan: perbaiki isian yang ditandai."))
        else:
            self.status.setText(str(exc))

    def _stored(self) -> None:
        self.reload()
        self.status.setText(self.tr("Tersimpan."))
        self.new()

    def show_record(self, record: object | None) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def write(self) -> Callable[[], object]:
        """The storage call that saves what is typed (run by `save`, off the GUI thread)."""
        raise NotImplementedError


class HelpersTab(_RecordTab):
    def __init__(
        self, storage: Storage, parent: QWidget, runner: TaskRunner, bus: ChangeBus
    ) -> None:
        super().__init__(parent, runner, bus)
        self.storage = storage
        self.nip, self.name, self.opd, self.phone = (QLineEdit(self) for _ in range(4))
        self.nip.setPlaceholderText(self.tr("18 angka"))
        self.add_field("nip", self.tr("&NIP"), self.nip)
        self.add_field("name", self.tr("Na&ma"), self.name)
        self.add_field("opd", self.tr("OPD / &unit kerja"), self.opd)
        self.add_field("phone", self.tr("No &HP"), self.phone)
        self.reload()

    def reload(self) -> None:
        self.fill(self.storage.helpers(), lambda h: f"{h.name} — {h.opd}" if h.opd else h.name)

    def show_record(self, record: object | None) -> None:
        helper = record if isinstance(record, Helper) else Helper(nip="", name="")
        self.nip.setText(helper.nip)
        self.name.setText(helper.name)
        self.opd.setText(helper.opd)
        self.phone.setText(helper.phone)

    def write(self) -> Callable[[], object]:
        base = self.current if isinstance(self.current, Helper) else Helper(nip="", name="")
        return partial(
            self.storage.save_helper,
            replace(
                base,
                nip=self.nip.text(),
                name=self.name.text(),
                opd=self.opd.text().strip(),
                phone=self.phone.text().strip(),
            ),
        )


class PostsTab(_RecordTab):
    def __init__(
        self,
        storage: Storage,
        parent: QWidget,
        home_prefix: str,
        runner: TaskRunner,
        bus: ChangeBus,
    ) -> None:
        super().__init__(parent, runner, bus)
        self.storage = storage
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("mis. Posko Kelurahan Ampenan Selatan"))
        self.kelurahan = KelurahanPicker(self, prefer=home_prefix)
        self.address = QLineEdit(self)
        self.add_field("name", self.tr("Na&ma posko"), self.name)
        self.add_field("kelurahan_code", self.tr("&Kelurahan/Desa"), self.kelurahan)
        self.add_field("address", self.tr("&Alamat"), self.address)
        self.reload()

    def reload(self) -> None:
        self.fill(self.storage.posts(), lambda p: p.name)

    def show_record(self, record: object | None) -> None:
        post = record if isinstance(record, Post) else Post(name="", kelurahan_code="")
        self.name.setText(post.name)
        self.kelurahan.set_code(post.kelurahan_code)
        self.address.setText(post.address)

    def write(self) -> Callable[[], object]:
        base = self.current if isinstance(self.current, Post) else Post(name="", kelurahan_code="")
        return partial(
            self.storage.save_post,
            replace(
                base,
                name=self.name.text(),
                kelurahan_code=self.kelurahan.code(),
                address=self.address.text().strip(),
            ),
        )


class PeopleDialog(QDialog):
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
        self.setWindowTitle(self.tr("Petugas dan Posko"))
        self.resize(820, 460)
        self.runner = runner or TaskRunner(self)
        self.bus = bus or ChangeBus(self)
        self.tabs = QTabWidget(self)
        self.helpers = HelpersTab(storage, self.tabs, self.runner, self.bus)
        self.posts = PostsTab(storage, self.tabs, home_prefix, self.runner, self.bus)
        self.tabs.addTab(self.helpers, self.tr("&Petugas (ASN)"))
        self.tabs.addTab(self.posts, self.tr("P&osko"))
        # Qt ships no Indonesian strings for its standard buttons, so name it ourselves.
        close = QDialogButtonBox(self)
        close.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        if not storage.helpers():
            self.helpers.new()
        elif not storage.posts():
            self.tabs.setCurrentWidget(self.posts)
            self.posts.new()
