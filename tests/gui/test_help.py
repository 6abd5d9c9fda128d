"""The guide inside the app: Bantuan › Panduan (F1), F1 in every dialog, and the guide's files
(links, images and anchors that resolve, the same in Indonesian and English)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from gui_support import shown_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

import sp_desktop.ui
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.accounts.session import LoginDialog
from sp_desktop.ui.help import sections
from sp_desktop.ui.help.help_window import HelpWindow, close_help_windows, show_help
from sp_desktop.ui.help.sections import CONTENTS, HELP_DIR, LANGUAGES, PARTS, SECTIONS
from sp_desktop.ui.shell.about_dialog import AboutDialog

FITS = (1093, 614)  # the office screen at 125%, logical pixels


@pytest.fixture(autouse=True)
def indonesian(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SP_DESKTOP_LANG", "id")
    sections.install_help_key(QApplication.instance())  # type: ignore[arg-type]
    yield
    close_help_windows()


def open_guides() -> list[HelpWindow]:
    # A guide opened from a modal dialog is that dialog's child, and still a window.
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow) and w.isVisible()
    ]


# -- the guide's files ------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: set[str] = set()
        self.links: list[str] = []
        self.images: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.anchors.add(str(found["id"]))
        if tag == "a" and found.get("name"):
            self.anchors.add(str(found["name"]))
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if tag == "img":
            self.images.append(str(found.get("src") or ""))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def help_files(language: str) -> list[Path]:
    return sorted((HELP_DIR / language).glob("*.html"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_anchor_and_image_of_the_guide_resolves(language: str) -> None:
    folder = HELP_DIR / language
    files = help_files(language)
    assert {p.name for p in files} == set(CONTENTS), "the contents list names every file"
    pages = {p.name: parse(p) for p in files}
    broken: list[str] = []
    for name, page in pages.items():
        assert page.title.strip(), f"{language}/{name} has no <title>"
        for href in page.links:
            if re.match(r"^[a-z]+:", href):
                broken.append(f"{language}/{name}: external link {href} (the guide is offline)")
                continue
            target, _, anchor = href.partition("#")
            target = target or name
            if target not in pages:
                broken.append(f"{language}/{name}: {href} (no such file)")
            elif anchor and anchor not in pages[target].anchors:
                broken.append(f"{language}/{name}: {href} (no such anchor)")
        for src in page.images:
            image = (folder / src).resolve()
            if not image.is_file():
                broken.append(f"{language}/{name}: image {src} missing")
            elif image.stat().st_size > 200_000:
                broken.append(f"{language}/{name}: image {src} is {image.stat().st_size} bytes")
    assert not broken, "\n".join(broken)


def test_both_languages_have_the_same_files_and_anchors() -> None:
    indonesian = {p.name: parse(p).anchors for p in help_files("id")}
    english = {p.name: parse(p).anchors for p in help_files("en")}
    assert sorted(indonesian) == sorted(english)
    for name in indonesian:
        assert indonesian[name] == english[name], name


def test_english_images_are_the_english_screenshots() -> None:
    for page in help_files("en"):
        for src in parse(page).images:
            assert src.startswith("../img/en/"), f"en/{page.name}: {src}"
    for page in help_files("id"):
        for src in parse(page).images:
            assert src.startswith("../img/id/"), f"id/{page.name}: {src}"


# -- every window has a section -----------------------------------------------------------


def ui_widget_classes() -> list[type[QWidget]]:
    found: dict[str, type[QWidget]] = {}
    for info in pkgutil.walk_packages(sp_desktop.ui.__path__, "sp_desktop.ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QWidget):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def test_every_window_and_dialog_class_has_a_section() -> None:
    classes = ui_widget_classes()
    assert any(c.__name__ == "LoginDialog" for c in classes)
    missing: list[str] = []
    for cls in classes:
        name = cls.__name__
        if name in PARTS:
            assert not issubclass(cls, QDialog | QMainWindow), f"{name} is a window, not a part"
            continue
        if name not in SECTIONS:
            missing.append(f"{cls.__module__}.{name}")
    assert not missing, (
        "No section in sp_desktop/ui/help/sections.py (SECTIONS, or PARTS for a widget that "
        "lives inside a window): " + ", ".join(missing)
    )
    for language in LANGUAGES:
        pages = {p.name: parse(p) for p in help_files(language)}
        for name, section in SECTIONS.items():
            target, _, anchor = section.partition("#")
            assert target in pages, f"{name} -> {section}: no {language}/{target}"
            assert not anchor or anchor in pages[target].anchors, f"{name} -> {language}/{section}"


# -- F1 ------------------------------------------------------------------------------------


def test_f1_on_the_main_window_opens_the_guide(qtbot: QtBot, installation: Installation) -> None:
    with shown_window(qtbot, installation) as win:
        [menu] = [a for a in win.menuBar().actions() if a.text().replace("&", "") == "Bantuan"]
        [guide] = [a for a in menu.menu().actions() if a.text().replace("&", "") == "Panduan"]
        assert guide.shortcut().toString() == "F1"
        win.activateWindow()
        win.search.setFocus()
        qtbot.keyClick(win.search, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: len(open_guides()) == 1)
        [shown] = open_guides()
        assert shown.current_section() == "index.html"
        assert shown.browser.documentTitle() == "Daftar isi"
        assert "Hari pertama" in shown.browser.toPlainText()
        # On the lock screen F1 opens the part on locking and switching users.
        win.lock()
        win.lock_screen.panel.password.setFocus()
        guide.trigger()
        assert shown.current_section() == "hari-pertama.html#kunci-layar"


def test_f1_in_a_dialog_opens_its_section(qtbot: QtBot, installation: Installation) -> None:
    dialog = AboutDialog(installation.data_dir, "")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.notices, Qt.Key.Key_F1)
    [shown] = open_guides()
    assert shown.current_section() == SECTIONS["AboutDialog"] == "cadangan.html#folder-data"
    assert shown.browser.documentTitle() == "Cadangan dan pemulihan"


def test_f1_in_a_modal_dialog_opens_a_guide_it_does_not_block(
    qtbot: QtBot, installation: Installation
) -> None:
    dialog = AboutDialog(installation.data_dir, "")
    qtbot.addWidget(dialog)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert QApplication.activeModalWidget() is dialog
    qtbot.keyClick(dialog.notices, Qt.Key.Key_F1)
    [shown] = open_guides()
    assert shown.parentWidget() is dialog  # a child of the modal dialog: not blocked by it
    assert shown.isWindow()
    dialog.close()


def test_f1_on_the_login_window(qtbot: QtBot, installation: Installation) -> None:
    login = LoginDialog(installation.data_dir)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    qtbot.keyClick(login.panel.nip, Qt.Key.Key_F1)
    [shown] = open_guides()
    assert shown.current_section() == "hari-pertama.html#masuk"
    assert "Lupa kata sandi" in shown.browser.toPlainText()


def test_the_guide_fits_the_office_screen_and_finds_in_page(qtbot: QtBot) -> None:
    shown = show_help("sinkron.html#konflik")
    qtbot.waitExposed(shown)
    assert shown.width() <= FITS[0] and shown.height() <= FITS[1], shown.size()
    hint = shown.minimumSizeHint()
    assert hint.width() <= FITS[0] and hint.height() <= FITS[1], hint
    # Ctrl+F: the window's own shortcut (offscreen, no window is active to take the key).
    [find] = [
        shortcut
        for shortcut in shown.findChildren(QShortcut)
        if shortcut.key() == QKeySequence(QKeySequence.StandardKey.Find)
    ]
    find.activated.emit()
    assert shown.find_line.hasFocus() or shown.find_line is shown.focusWidget()
    shown.find_line.setText("Gabungkan")
    assert shown.find_next()
    assert shown.browser.textCursor().selectedText().lower() == "gabungkan"
    shown.find_line.setText("tidak-ada-di-halaman-ini")
    assert not shown.find_next()
    assert shown.find_status.text() == "Tidak ditemukan"
    # Contents, back and forward.
    item = shown.contents.topLevelItem(CONTENTS.index("masalah.html"))
    assert item is not None and item.text(0) == "Kalau terjadi masalah"
    shown._contents_chosen(item, 0)
    assert shown.contents.currentItem() is item
    shown.open_section("masalah.html#pc-rusak")  # the contents follow, down to the sub-section
    current = shown.contents.currentItem()
    assert current is not None and current.parent() is item and item.isExpanded()
    assert current.text(0) == "Komputer rusak atau hilang"
    shown.back_button.click()
    assert shown.current_section() == "masalah.html"
    shown.back_button.click()
    assert shown.current_section() == "sinkron.html#konflik"
    shown.forward_button.click()
    assert shown.current_section() == "masalah.html"
    shown.home_button.click()
    assert shown.current_section() == "index.html"


def test_the_guide_speaks_the_ui_language(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SP_DESKTOP_LANG", "en")
    monkeypatch.setattr(sections, "current_language", lambda: "en")
    import sp_desktop.ui.help.help_window as help_window

    monkeypatch.setattr(help_window, "current_language", lambda: "en")
    shown = show_help("masalah.html#lupa-sandi")
    assert shown.language == "en"
    assert shown.browser.documentTitle() == "When something goes wrong"
