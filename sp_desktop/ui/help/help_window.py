"""The guide's window: contents on the left, the page in a QTextBrowser, back/forward/home
and find-in-page (Ctrl+F). Non-modal; opened from a modal dialog it becomes that dialog's
child so it stays usable while the dialog is open."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sp_desktop.ui.help.sections import CONTENTS, HELP_DIR, HOME, current_language

_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SECTION = re.compile(r'<h2><a name="([^"]+)"></a>(.*?)</h2>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
MAX_SIZE = (1093, 614)  # the office screen at 125% (1366x768), in logical pixels


def help_dir(language: str) -> Path:
    return HELP_DIR / language


def page_outline(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """The page's title and its sub-sections as (anchor, heading)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return path.stem, []
    found = _TITLE.search(text)
    title = found.group(1).strip() if found else path.stem
    sections = [
        (anchor, html.unescape(_TAG.sub("", heading)).strip())
        for anchor, heading in _SECTION.findall(text)
    ]
    return title, sections


class HelpWindow(QWidget):
    """One window of the guide, in one language."""

    def __init__(self, parent: QWidget | None = None, *, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.language = language or current_language()
        self.folder = help_dir(self.language)
        self.setWindowTitle(self.tr("Panduan SP Desktop"))

        # The pages, each with its sub-sections (collapsed; the page shown is expanded).
        self.contents = QTreeWidget(self)
        self.contents.setHeaderHidden(True)
        self.contents.setColumnCount(1)
        self.contents.setAccessibleName(self.tr("Daftar isi"))
        for name in CONTENTS:
            title, sections = page_outline(self.folder / name)
            item = QTreeWidgetItem([title])
            item.setData(0, Qt.ItemDataRole.UserRole, name)
            if name != HOME:
                for anchor, heading in sections:
                    child = QTreeWidgetItem([heading])
                    child.setToolTip(0, heading)
                    child.setData(0, Qt.ItemDataRole.UserRole, f"{name}#{anchor}")
                    item.addChild(child)
            self.contents.addTopLevelItem(item)
        self.contents.itemActivated.connect(self._contents_chosen)
        self.contents.itemClicked.connect(self._contents_chosen)

        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(self.folder)])
        self.browser.setAccessibleName(self.tr("Isi panduan"))
        self.browser.sourceChanged.connect(self._source_changed)

        self.back_button = QPushButton(self.tr("< &Kembali"), self)
        self.back_button.setToolTip(self.tr("Halaman sebelumnya (Alt+Kiri)"))
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.forward_button = QPushButton(self.tr("&Maju >"), self)
        self.forward_button.setToolTip(self.tr("Halaman berikutnya (Alt+Kanan)"))
        self.forward_button.clicked.connect(self.browser.forward)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.home_button = QPushButton(self.tr("&Daftar isi"), self)
        self.home_button.clicked.connect(lambda: self.open_section(HOME))
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)

        self.find_line = QLineEdit(self)
        self.find_line.setPlaceholderText(self.tr("Cari di halaman ini (Ctrl+F)"))
        self.find_line.setClearButtonEnabled(True)
        self.find_line.returnPressed.connect(self.find_next)
        find_label = QLabel(self.tr("&Cari:"), self)
        find_label.setBuddy(self.find_line)
        self.find_status = QLabel(self)
        close_button = QPushButton(self.tr("&Tutup"), self)
        close_button.clicked.connect(self.close)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_find)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.FindPrevious),
            self,
            lambda: self.find_next(backward=True),
        )
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.browser.backward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Forward), self, self.browser.forward)
        QShortcut(QKeySequence("Escape"), self, self.close)

        bar = QHBoxLayout()
        for widget in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(find_label)
        bar.addWidget(self.find_line, 1)
        bar.addWidget(self.find_status)
        bar.addWidget(close_button)
        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 850])
        splitter.setChildrenCollapsible(False)
        self.contents.setMinimumWidth(150)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._fit_screen()

    def _fit_screen(self) -> None:
        # Wide enough for the screenshots (packaging/help_screenshots.py: at most 760 px)
        # beside the contents, and never more than the office screen at 125%.
        width, height = 1040, 640
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.92))
            height = min(height, int(available.height() * 0.9))
        self.resize(min(width, MAX_SIZE[0]), min(height, MAX_SIZE[1]))

    # -- navigation ---------------------------------------------------------------------

    def open_section(self, section: str) -> None:
        """Show "file.html" or "file.html#anchor"; an unknown file shows the contents."""
        name, _, anchor = section.partition("#")
        path = self.folder / (name or HOME)
        if not path.is_file():
            path, anchor = self.folder / HOME, ""
        url = QUrl.fromLocalFile(str(path))
        if anchor:
            url.setFragment(anchor)
        if url == self.browser.source():
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.setSource(url)

    def current_section(self) -> str:
        """The page shown, as "file.html" or "file.html#anchor"."""
        url = self.browser.source()
        name = Path(url.toLocalFile()).name
        return f"{name}#{url.fragment()}" if url.fragment() else name

    def _contents_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_section(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def _source_changed(self, url: QUrl) -> None:
        name = Path(url.toLocalFile()).name
        title = self.browser.documentTitle()
        self.setWindowTitle(
            f"{title} — {self.tr('Panduan SP Desktop')}" if title else self.tr("Panduan SP Desktop")
        )
        self.find_status.clear()
        wanted = f"{name}#{url.fragment()}" if url.fragment() else name
        for row in range(self.contents.topLevelItemCount()):
            item = self.contents.topLevelItem(row)
            if item is None or item.data(0, Qt.ItemDataRole.UserRole) != name:
                continue
            current = item
            for index in range(item.childCount()):
                child = item.child(index)
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole) == wanted:
                    current = child
            self.contents.blockSignals(True)
            self.contents.collapseAll()
            item.setExpanded(True)
            self.contents.setCurrentItem(current)
            self.contents.blockSignals(False)
            break

    # -- find in page -------------------------------------------------------------------

    def focus_find(self) -> None:
        self.find_line.setFocus()
        self.find_line.selectAll()

    def find_next(self, *, backward: bool = False) -> bool:
        text = self.find_line.text().strip()
        if not text:
            self.find_status.clear()
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # wrap around once
            cursor = self.browser.textCursor()
            cursor.movePosition(
                cursor.MoveOperation.End if backward else cursor.MoveOperation.Start
            )
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.find_status.setText("" if found else self.tr("Tidak ditemukan"))
        return found


_main_help: list[HelpWindow] = []  # the one guide window not tied to a modal dialog


def show_help(section: str = HOME, origin: QWidget | None = None) -> HelpWindow:
    """Open (or bring forward) the guide at `section`.

    A modal dialog blocks every other window; the guide opened while one is up becomes
    its child window (closed with it) so it can be read and scrolled beside it.
    """
    modal = QApplication.activeModalWidget()
    window: HelpWindow | None = None
    if modal is not None and not isinstance(modal, HelpWindow):
        window = modal.findChild(HelpWindow)
        if window is None:
            window = HelpWindow(modal)
    else:
        if _main_help:
            window = _main_help[0]
        else:
            window = HelpWindow(None)
            _main_help.append(window)
    if window.language != current_language():
        window.close()
        window.deleteLater()
        if window in _main_help:
            _main_help.remove(window)
        window = HelpWindow(window.parentWidget())
        if window.parentWidget() is None:
            _main_help.append(window)
    window.open_section(section)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def close_help_windows() -> None:
    """Close and forget the app-level guide window (tests, language change)."""
    while _main_help:
        window = _main_help.pop()
        window.close()
        window.deleteLater()
