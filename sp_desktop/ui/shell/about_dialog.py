"""Bantuan › Tentang: version, data folder, office key, the Apache-2.0 licence and the
third-party notices (Qt under the LGPL among them), readable inside the app.

The notices are read from sp_desktop/data/THIRD-PARTY-NOTICES.md, a byte-for-byte copy of
the checkout's root file (packaging/list_licences.py --package-copy, tests/unit/test_licences.py),
so the same path works from a checkout and from the PyInstaller bundle.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sp_desktop import DATA_DIR, __version__
from sp_desktop.core.domain.regions import WILAYAH_NOTICE

NOTICES_FILE = DATA_DIR / "THIRD-PARTY-NOTICES.md"
APACHE_URL = "https://www.apache.org/licenses/LICENSE-2.0"


class AboutDialog(QDialog):
    def __init__(
        self, data_folder: Path, key_fingerprint: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tentang SP Desktop"))
        layout = QVBoxLayout(self)

        self.summary = QLabel(
            self.tr(
                "<b>SP Desktop %1</b><br>Catatan pendampingan rumah tangga untuk Sensus "
                "Penduduk Online 2020, bekerja tanpa internet.<br><br>Folder data: %2<br>"
                "Sidik kunci kantor: <b>%3</b><br><br>Hak cipta 2026 kontributor SP Desktop. "
                'Dilisensikan dengan <a href="%4">Apache License 2.0</a>; tanpa jaminan '
                "apa pun.<br><small>%5</small>"
            )
            .replace("%1", html.escape(__version__))
            .replace("%2", html.escape(str(data_folder)))
            .replace("%3", html.escape(key_fingerprint or self.tr("(belum ada)")))
            .replace("%4", APACHE_URL)
            .replace("%5", html.escape(WILAYAH_NOTICE))
        )
        self.summary.setWordWrap(True)
        self.summary.setOpenExternalLinks(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.summary)

        notices_label = QLabel(
            self.tr(
                "Komponen pihak ketiga dan lisensinya (dalam bahasa Inggris). Pustaka Qt "
                "dipakai dengan LGPL-3.0 dan boleh diganti di folder program:"
            )
        )
        notices_label.setWordWrap(True)
        layout.addWidget(notices_label)

        self.notices = QTextBrowser()
        self.notices.setOpenExternalLinks(True)
        self.notices.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # scroll by keyboard too
        try:
            self.notices.setMarkdown(NOTICES_FILE.read_text(encoding="utf-8"))
        except OSError:
            self.notices.setPlainText(
                self.tr(
                    "Berkas pemberitahuan pihak ketiga (%1) tidak ditemukan. Pasang ulang "
                    "SP Desktop untuk memulihkannya."
                ).replace("%1", str(NOTICES_FILE))
            )
        notices_label.setBuddy(self.notices)
        layout.addWidget(self.notices, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Tutup"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Fits 1366x768 at 125% scaling (about 1093x614 logical pixels) with room to spare.
        from sp_desktop.ui.widgets import fit_to_screen  # 1366x768 at 125%: 1093x614

        fit_to_screen(self, 680, 540)
