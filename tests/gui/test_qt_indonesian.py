"""Qt's own buttons, menus and dialogs speak Indonesian.

Qt ships no Indonesian translation of itself: without resources/i18n/qt_id.ts (compiled to
qt_id.qm, loaded by language.apply_language("id")) the Indonesian window showed Yes/No on
its questions, OK/Cancel on the password prompt, "Look in:" in the file dialog and Undo/Cut/
Copy/Paste in the fields' menus. Each test here opens one of Qt's windows the way the app
does (the app's own code where there is one), reads every text it shows (labels, buttons,
tool tips, menus, tabs, lists, headers, window titles) and fails on any that is one of Qt's
standard English labels. The last test proves the check can fail: in English (no Qt
catalogue) every one of those windows shows English.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from gui_support import shown_window
from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_walk import duplicates, mnemonic, window_mnemonics

from sp_desktop.core.security.backup import create_backup
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.documents.printing import ask_save_path, print_pdf
from sp_desktop.ui.shell.language import apply_language

QT_ID_TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "qt_id.ts"

# The labels the issue named, kept here as well as read from qt_id.ts: a message dropped
# from the catalogue must not drop its check with it.
NAMED = (
    "&Yes", "&No", "Cancel", "Save", "Open", "Close", "Apply", "Help", "&Look in:",
    "File &name:", "Files of &type:", "&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete",
    "Select All", "&Step up", "Step &down", "Print", "&Print", "&Options >>", "Options",
    "P&roperties", "Name", "Size", "Type", "Date Modified", "Back", "Forward",
    "Parent Directory", "Create New Folder", "List View", "Detail View", "Enter a value:",
    "%1 already exists.\nDo you want to replace it?", "Print range", "Copies", "Portrait",
    "Landscape", "Zoom in", "Zoom out", "Next page", "Previous page",
)  # fmt: skip
# Calendar and date words Qt takes from QLocale (not from a catalogue): English ones mean
# the Indonesian locale was not set.
ENGLISH_DATES = (
    "January", "February", "March", "May", "June", "July", "August", "October", "December",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
)  # fmt: skip


def plain(text: str) -> str:
    """A label as compared: no mnemonic "&", no shortcut after a tab, no trailing colon or
    dots, lower case."""
    text = text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":").rstrip(".…").strip().casefold()


def label_pattern(source: str) -> re.Pattern[str]:
    """`source` as compared, its %1-style placeholders standing for any text."""
    return re.compile(re.sub(r"%\d", ".*", re.escape(plain(source))), re.DOTALL)


def english_labels() -> tuple[set[str], list[re.Pattern[str]]]:
    """Qt's English labels whose Indonesian differs: exact ones, and patterns for those with
    placeholders."""
    sources = set(NAMED) | set(ENGLISH_DATES)
    for message in ET.parse(QT_ID_TS).getroot().iter("message"):
        source = message.findtext("source", "")
        if plain(source) != plain(message.findtext("translation", "")):
            sources.add(source)
    exact, patterns = set(), []
    for source in sources:
        if re.search(r"%\d", source):
            patterns.append(label_pattern(source))
        elif len(plain(source)) > 1:
            exact.add(plain(source))
    return exact, patterns


EXACT, PATTERNS = english_labels()


def is_english(text: str) -> bool:
    key = plain(text)
    return key in EXACT or any(p.fullmatch(key) for p in PATTERNS)


# -- what a window shows ------------------------------------------------------------------


def action_texts(actions: list[QAction]) -> Iterator[str]:
    for act in actions:
        if act.isSeparator() or not act.isVisible():
            continue
        yield act.text()
        yield act.toolTip()
        if isinstance(sub := act.menu(), QMenu):
            yield from action_texts(sub.actions())


def item_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    root = view.rootIndex()  # a file list shows one folder of its model
    for row in range(min(model.rowCount(root), 40)):
        for column in range(model.columnCount(root)):
            yield str(model.index(row, column, root).data() or "")


def shown_texts(window: QWidget) -> Iterator[str]:
    """Every text `window` shows now (its hidden parts excluded)."""
    yield window.windowTitle()
    yield from action_texts(window.actions())
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        yield widget.toolTip()
        yield from action_texts(widget.actions())
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield widget.text()
        if isinstance(widget, QToolButton) and isinstance(menu := widget.menu(), QMenu):
            yield from action_texts(menu.actions())
        if isinstance(widget, QGroupBox):
            yield widget.title()
        if isinstance(widget, QTabBar):
            yield from (widget.tabText(i) for i in range(widget.count()))
        if isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        if isinstance(widget, QAbstractItemView):
            yield from item_texts(widget)


class Seen:
    """What the windows showed: (window, text) for every text, in order."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []
        self.windows: list[str] = []
        self.clashes: list[str] = []

    def read(self, window: QWidget, name: str = "") -> None:
        name = name or f"{type(window).__name__} '{window.windowTitle()}'"
        self.windows.append(name)
        self.texts += [(name, text) for text in shown_texts(window) if text.strip()]
        # The translated Alt letters must stay one per target, as the app's own do.
        letters = window_mnemonics(window)
        if isinstance(window, QMenu):
            letters = [(mnemonic(a.text()), a.text()) for a in window.actions()]
        for letter, texts in duplicates([(k, t) for k, t in letters if k]).items():
            self.clashes.append(f"{name}: Alt+{letter.upper()} on {texts}")

    def english(self) -> list[str]:
        return sorted({f"{name}: {text!r}" for name, text in self.texts if is_english(text)})


def answering(
    trigger: Callable[[], object], answer: Callable[[QWidget, int], None], limit: int = 12
) -> None:
    """Run `trigger` (which opens modal windows or popups and waits on them); each time
    another modal window or popup comes to the front, `answer(window, n)` reads and
    closes it (n counts the answers so far). A failing answer closes its window (so the
    test ends instead of waiting) and fails the test through pytest-qt."""
    last: QWidget | None = None
    count = 0
    running = True

    def poll() -> None:
        nonlocal last, count
        if not running:
            return
        # Scheduled first: an answer may open the next window and wait on it.
        QTimer.singleShot(20, poll)
        front = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if front is None or front is last:
            return
        last, count = front, count + 1
        try:
            assert count <= limit, "a window kept coming back"
            answer(front, count - 1)
        except BaseException:
            close(front)
            raise

    QTimer.singleShot(20, poll)
    try:
        trigger()
    finally:
        running = False


def close(window: QWidget) -> None:
    if isinstance(window, QDialog):
        window.reject()
    else:
        window.close()


def check(seen: Seen, *expected: str) -> None:
    shown = {plain(text) for _name, text in seen.texts}
    assert seen.english() == [], "Qt's English in the Indonesian window:\n" + "\n".join(
        seen.english()
    )
    assert seen.clashes == [], "\n".join(seen.clashes)
    # And the Indonesian is really there (a window that showed nothing passes nothing).
    assert {plain(text) for text in expected} <= shown, sorted(shown)


# -- the windows --------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own (the save dialog opens in its Documents)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    (tmp_path / "Documents").mkdir()
    return tmp_path


@dataclass
class Kit:
    """What a scenario may need; the fixtures it does not need are never made."""

    qtbot: QtBot
    request: pytest.FixtureRequest

    @property
    def tmp_path(self) -> Path:
        return Path(self.request.getfixturevalue("tmp_path"))

    @property
    def installation(self) -> Installation:
        found = self.request.getfixturevalue("installation")
        assert isinstance(found, Installation)
        return found

    @property
    def home(self) -> Path:
        return Path(self.request.getfixturevalue("home"))


def backup_questions(kit: Kit) -> Seen:
    """Data > Buat cadangan: the folder dialog, the Yes/No question, the OK message."""
    seen = Seen()
    folder = kit.tmp_path / "flashdisk"
    folder.mkdir()

    def answer(window: QWidget, n: int) -> None:
        seen.read(window)
        no = (
            window.button(QMessageBox.StandardButton.No)
            if isinstance(window, QMessageBox)
            else None
        )
        if isinstance(window, QFileDialog):
            window.setDirectory(str(folder))
            window.selectFile(str(folder))
            window.accept()
        elif no is not None:
            no.click()  # no daily backup to this folder; the backup itself is made
        else:
            close(window)

    with shown_window(kit.qtbot, kit.installation) as win:
        answering(win.backup_now, answer)
    kinds = [name.split()[0] for name in seen.windows]
    assert kinds == ["QFileDialog", "QMessageBox", "QMessageBox"], seen.windows
    return seen


def restore_password(kit: Kit) -> Seen:
    """Data > Pulihkan dari cadangan: the open dialog, then the password prompt (OK/Batal)."""
    seen = Seen()
    backup = create_backup(kit.installation, label="manual")

    def answer(window: QWidget, n: int) -> None:
        seen.read(window)
        if isinstance(window, QFileDialog):
            window.selectFile(str(backup))
            window.accept()
        else:
            close(window)

    with shown_window(kit.qtbot, kit.installation) as win:
        answering(win.restore_from_backup, answer)
    assert any(name.startswith("QInputDialog") for name in seen.windows), seen.windows
    return seen


def lock_minutes(kit: Kit) -> Seen:
    """Akun > Waktu kunci otomatis: QInputDialog.getInt, and its spin box's menu."""
    seen = Seen()

    def answer(window: QWidget, n: int) -> None:
        seen.read(window)
        if isinstance(window, QInputDialog):
            spin = window.findChild(QSpinBox)
            assert spin is not None
            read_context_menu(kit.qtbot, spin, seen)
        close(window)

    with shown_window(kit.qtbot, kit.installation) as win:
        answering(win.edit_lock_minutes, answer)
    return seen


def save_over_existing(kit: Kit) -> Seen:
    """The app's save dialog on a name that exists: the dialog and its "replace it?"."""
    seen = Seen()
    (kit.home / "Documents" / "rekap.pdf").write_bytes(b"%PDF-1.4\n")
    parent = QWidget()
    kit.qtbot.addWidget(parent)

    def answer(window: QWidget, n: int) -> None:
        if isinstance(window, QFileDialog) and n == 0:
            # The folder is read in a thread: wait for rekap.pdf and its type and size.
            kit.qtbot.waitUntil(lambda: "rekap.pdf" in set(shown_texts(window)), timeout=5000)
        seen.read(window)
        if isinstance(window, QFileDialog) and n == 0:
            window.accept()  # on rekap.pdf, which is there: the question comes
        elif isinstance(window, QMessageBox):
            no = window.button(QMessageBox.StandardButton.No)
            assert no is not None
            no.click()
        else:
            close(window)

    answering(lambda: ask_save_path(parent, "Simpan rekap", "rekap.pdf", "PDF (*.pdf)"), answer)
    assert any(name.startswith("QMessageBox") for name in seen.windows), seen.windows
    return seen


def one_page_pdf(path: Path) -> Path:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(100, 100, "Rekap")
    painter.end()
    return path


def print_dialog(kit: Kit) -> Seen:
    """The app's print dialog with its options shown, then the printer's properties."""
    seen = Seen()
    pdf = one_page_pdf(kit.tmp_path / "rekap.pdf")
    parent = QWidget()
    kit.qtbot.addWidget(parent)

    def answer(window: QWidget, n: int) -> None:
        if isinstance(window, QPrintDialog) and n == 0:
            for button in window.findChildren(QPushButton):
                if button.isVisibleTo(window) and button.text().endswith(">>"):
                    button.click()  # "Options >>": range, copies, colour, both sides
            seen.read(window)
            properties = window.findChild(QPushButton, "properties")
            assert properties is not None and properties.isEnabled()
            properties.click()  # a modal window: answered next
        elif isinstance(window, QPrintDialog):
            close(window)
        else:
            seen.read(window)
            close(window)

    answering(lambda: print_pdf(parent, pdf), answer)
    assert len(seen.windows) == 2, seen.windows
    return seen


def print_preview(kit: Kit) -> Seen:
    """Qt's print preview (not used by the app yet): its tool bar."""
    seen = Seen()
    printer = QPrinter()  # kept: the dialog does not own it
    preview = QPrintPreviewDialog(printer)
    kit.qtbot.addWidget(preview)
    preview.show()
    kit.qtbot.waitExposed(preview)
    seen.read(preview)
    preview.close()
    return seen


def open_context_menu(widget: QWidget) -> None:
    at = QPoint(5, 5)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, widget.mapToGlobal(at))
    QApplication.sendEvent(widget, event)


def read_and_close(seen: Seen) -> Callable[[QWidget, int], None]:
    def answer(window: QWidget, n: int) -> None:
        seen.read(window)
        close(window)

    return answer


def read_context_menu(qtbot: QtBot, widget: QWidget, seen: Seen) -> None:
    """Right-click `widget`; read its menu and close it (a line edit's menu pops up and
    returns, a spin box's waits: both ways)."""
    before = len(seen.windows)

    def right_click() -> None:
        widget.setFocus()
        open_context_menu(widget)
        qtbot.waitUntil(lambda: len(seen.windows) > before, timeout=3000)

    answering(right_click, read_and_close(seen))


def field_menus(kit: Kit) -> Seen:
    """The right-click menus of a line edit, a text box, a spin box and a date edit."""
    seen = Seen()
    host = QWidget()
    kit.qtbot.addWidget(host)
    line = QLineEdit("Ampenan", host)
    text = QTextEdit(host)
    text.setPlainText("Catatan kunjungan")
    spin = QSpinBox(host)
    day = QDateEdit(QDate(2020, 9, 1), host)
    layout = QVBoxLayout(host)
    for widget in (line, text, spin, day):
        layout.addWidget(widget)
    host.show()
    kit.qtbot.waitExposed(host)
    for target in (line, text.viewport(), spin, day):
        read_context_menu(kit.qtbot, target, seen)
    assert len(seen.windows) == 4, seen.windows
    return seen


def calendar_popup(kit: Kit) -> Seen:
    """A date edit's calendar (visit date, deadlines): month menu, day names, months."""
    seen = Seen()
    day = QDateEdit(QDate(2020, 9, 1))
    day.setCalendarPopup(True)
    kit.qtbot.addWidget(day)
    day.show()
    kit.qtbot.waitExposed(day)
    arrow = QPoint(day.width() - 6, day.height() // 2)  # the drop-down arrow
    kit.qtbot.mouseMove(day, arrow)
    kit.qtbot.mouseClick(day, Qt.MouseButton.LeftButton, pos=arrow)
    popup = QApplication.activePopupWidget()
    assert popup is not None
    seen.read(popup, "QCalendarWidget")
    popup.close()
    return seen


Scenario = Callable[[Kit], Seen]
# name: (the windows, Indonesian they must show, Qt's English they show without qt_id.qm)
SCENARIOS: dict[str, tuple[Scenario, tuple[str, ...], tuple[str, ...]]] = {
    "backup": (backup_questions, ("&Ya", "&Tidak", "&Cari di:", "&Pilih"), ("&Yes", "&No")),
    "restore": (restore_password, ("Batal", "&Nama berkas:", "&Buka"), ("Cancel", "&Open")),
    "lock_minutes": (lock_minutes, ("Batal", "&Naikkan", "&Salin"), ("&Step up", "&Copy")),
    "save_dialog": (
        save_over_existing,
        ("&Simpan", "Folder Induk", "Tampilan Detail", "&Ya", "Nama", "Ukuran"),
        ("&Save", "Parent Directory", "%1 already exists.\nDo you want to replace it?"),
    ),
    "print_dialog": (
        print_dialog,
        ("&Cetak", "Salinan", "Rentang cetak", "Properti Pencetak", "Potret"),
        ("&Print", "Copies", "Printer Properties"),
    ),
    "print_preview": (print_preview, ("Halaman berikutnya", "Perbesar"), ("Next page",)),
    "field_menus": (
        field_menus,
        ("&Urungkan", "&Potong", "&Tempel", "Pilih Semua", "Tu&runkan"),
        ("&Undo", "Cu&t", "&Paste", "Select All", "Step &down"),
    ),
    "calendar": (calendar_popup, ("September", "Desember", "Sen"), ("December", "Mon")),
}


@pytest.fixture
def speaking(qapp: QApplication) -> Iterator[Callable[[str], str]]:
    """apply_language, put back to Indonesian afterwards. (The application comes first:
    without one, apply_language installs no catalogue.)"""
    yield apply_language
    apply_language("id")


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_qts_own_windows_speak_indonesian(
    name: str, qtbot: QtBot, request: pytest.FixtureRequest, speaking: Callable[[str], str]
) -> None:
    scenario, indonesian, _english = SCENARIOS[name]
    speaking("id")
    check(scenario(Kit(qtbot, request)), *indonesian)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_the_check_sees_qts_english_where_no_catalogue_translates_it(
    name: str, qtbot: QtBot, request: pytest.FixtureRequest, speaking: Callable[[str], str]
) -> None:
    # English loads no Qt catalogue (Qt's own English is right there): the same windows
    # must then trip the check, or the test above could not fail.
    scenario, _indonesian, english = SCENARIOS[name]
    speaking("en")
    seen = scenario(Kit(qtbot, request))
    flagged = {plain(text) for _name, text in seen.texts if is_english(text)}
    missed = [e for e in english if not any(label_pattern(e).fullmatch(f) for f in flagged)]
    assert not missed, f"not flagged: {missed}; flagged: {sorted(flagged)}"
