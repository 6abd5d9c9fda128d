"""Choosing the language: on the login and set-up windows (the PC's) and per account.

Each language is named in itself ("Bahasa Indonesia", "English"), so a person who cannot read
the current one still finds theirs. A change takes effect on windows built afterwards: the
login window is rebuilt at once, the main window is reopened (see MainWindow.choose_language).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.core.base import i18n
from sp_desktop.core.base.data_folder import remember_language
from sp_desktop.ui.shell.language import current_language

# Asked in both languages, so it reads for whoever sits at the PC.
PICKER_LABEL = "Bahasa / Language:"
# QDialog.exec() result of a login or set-up window closed to switch language.
LANGUAGE_CHANGED = 2


class LanguagePicker(QWidget):
    """'Bahasa / Language: [Bahasa Indonesia v]'; `chosen` is emitted with the new code."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        for code in i18n.LANGUAGES:
            self.combo.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.combo.setCurrentIndex(self.combo.findData(current_language()))
        self.combo.setAccessibleName(PICKER_LABEL.rstrip(":"))
        label = QLabel(PICKER_LABEL, self)
        label.setBuddy(self.combo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(label)
        row.addWidget(self.combo)
        self.combo.activated.connect(self._activated)

    def code(self) -> str:
        return str(self.combo.currentData())

    def _activated(self, _index: int) -> None:
        if self.code() != current_language():
            self.chosen.emit(self.code())


def switch_dialog_language(dialog: QDialog, data_dir: Path | None, code: str) -> None:
    """Remember `code` as the PC's language (when the folder exists) and close `dialog` so
    that it is built again in that language (sign_in in app.py does)."""
    if data_dir is not None and Path(data_dir).is_dir():
        remember_language(Path(data_dir), code)
    dialog.setProperty("language", code)
    dialog.done(LANGUAGE_CHANGED)


class LanguageDialog(QDialog):
    """Akun > Bahasa: the signed-in person's own language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bahasa"))
        intro = QLabel(
            self.tr(
                "Pilih bahasa tampilan untuk akun Anda. Dokumen resmi untuk BPS (bukti, "
                "rekap, serah terima, evaluasi) tetap berbahasa Indonesia."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.picker = LanguagePicker(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def code(self) -> str:
        return self.picker.code()
