"""The offices a data bundle is sealed to: one checkbox per trusted office, for the office's
bundle (SyncDialog) and a petugas's own (OwnBundleDialog)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from sp_desktop.core.base.errors import UserFacingError
from sp_desktop.core.storage import Storage

NOTE_STYLE = "color: #555555;"


class RecipientChecks(QWidget):
    """One checkbox per trusted office. An office whose key file predates sealed bundles
    (no exchange key) is shown disabled, with what to do; `empty_text` says what to do when
    no office is trusted yet (who imports a key differs by role)."""

    def __init__(
        self,
        storage: Storage,
        empty_text: str,
        parent: QWidget | None = None,
        *,
        tick_a_single_office: bool = False,
    ) -> None:
        super().__init__(parent)
        self.storage = storage
        self._empty_text = empty_text
        self._tick_single = tick_a_single_office
        self._locked = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 0, 0, 0)
        self.checks: dict[str, tuple[QCheckBox, Any]] = {}  # key id -> (box, PublicKey)
        self.fill()

    def fill(self) -> None:
        """(Re)list the trusted offices, keeping the ticks of those still there."""
        checked = {key for key, (box, _key) in self.checks.items() if box.isChecked()}
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.checks = {}
        try:
            trusted = [t.key for t in self.storage.trusted_keys() if not t.own]
        except UserFacingError:
            trusted = []
        sealable = [key for key in trusted if key.exchange]
        for key in trusted:
            office = key.office or self.tr("kantor tanpa nama")
            box = QCheckBox(f"{office} ({key.fingerprint})", self)
            if key.exchange:
                single = self._tick_single and len(sealable) == 1
                box.setChecked(key.key_id in checked or single)
                box.setEnabled(not self._locked)
            else:
                box.setText(f"{office} ({key.fingerprint}) — " + self.tr("kunci versi lama"))
                box.setToolTip(
                    self.tr(
                        "berkas kuncinya versi lama, belum bisa menerima paket bersegel: minta "
                        ".spkunci terbaru dari kantor itu lalu impor lagi"
                    )
                )
                box.setEnabled(False)
            self._layout.addWidget(box)
            self.checks[key.key_id] = (box, key)
        if not trusted:
            none = QLabel(self._empty_text, self)
            none.setWordWrap(True)
            none.setStyleSheet(NOTE_STYLE)
            self._layout.addWidget(none)

    def any_sealable(self) -> bool:
        return any(key.exchange for _box, key in self.checks.values())

    def chosen(self) -> list[Any]:
        """The offices (PublicKey) ticked that can receive a sealed bundle."""
        return [
            key
            for box, key in self.checks.values()
            if box.isChecked() and box.isEnabled() and key.exchange
        ]

    def set_locked(self, locked: bool) -> None:
        """Locked while "Tanpa segel" is ticked: no office to choose then."""
        self._locked = locked
        for box, key in self.checks.values():
            box.setEnabled(bool(key.exchange) and not locked)
