"""The window in English: every message of sp_desktop_en.ts translated, and no Indonesian
left on the main window or on any window its menus open once the language is English.

The catalogue test reads the Linguist file only (lupdate is not run here): a message that
lupdate added and nobody translated yet is "unfinished" and fails it. The window tests
build the windows after apply_language("en"), as the app does after sign-in, and read every
text a person can see: titles, labels, buttons, tabs, group boxes, placeholders, tooltips,
combo box items, table headers and menus.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import HELPER_PASSWORD, make_helper
from gui_support import shown_window
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_walk import duplicates, menu_actions, mnemonic, plain, walk_windows, window_mnemonics

from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.domain.permissions import Role
from sp_desktop.core.security.installation import Installation
from sp_desktop.ui.accounts.session import LoginDialog, RecoveryDialog, SetupDialog
from sp_desktop.ui.shell.language import apply_language
from sp_desktop.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
APP_TS = ROOT / "resources" / "i18n" / "sp_desktop_en.ts"

# Indonesian words that have no business in the English window (whole words, any case).
# Names the English keeps on purpose (NIK, No KK, kelurahan, posko, SP Wawancara, BPS,
# OPD, ASN, RT/RW) are not in the list.
INDONESIAN = (
    "Simpan",
    "Batal",
    "Rumah tangga",
    "Kunjungan",
    "Berkas",
    "Akun",
    "Bantuan",
    "Keluar",
    "Cari",
    "Tutup",
    "Belum",
    "Berhasil",
    "Gagal",
    "Petugas",
    "Semua",
    "Kepala keluarga",
    "Alamat",
    "Hasil",
    "Catatan",
    "Pilih",
    "Cetak",
    "Sinkron",
    "Pemantauan",
    "Dokumen",
    "Kata sandi",
    "Ganti",
    "Hapus",
    "Bukti",
    "Buka",
    "Ubah",
    "Tambah",
    "Daftar",
    "Jumlah",
    "Tanggal",
    "Waktu",
    "Pegawai",
    "Kunci",
    "Panduan",
    "Tentang",
    "Periksa",
    "Impor",
    "Ekspor",
    "tidak",
    "yang",
    "untuk",
    "dengan",
    "sudah",
    "angka",
    "Masuk",
)
INDONESIAN_WORD = re.compile(r"\b(" + "|".join(INDONESIAN) + r")\b", re.IGNORECASE)
# Actions the walk must not trigger: they open no window, or end the session it runs in.
NOT_WALKED = ("New household", "Save", "Exit", "Find", "Reload list", "Lock screen", "Switch user")

PLACEHOLDER = re.compile(r"%(?:\d+|[sdn%])|\{\w+\}")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    apply_language("en")
    try:
        yield
    finally:
        apply_language("id")


@pytest.fixture
def window(
    qtbot: QtBot, installation: Installation, people: tuple[Helper, Post], english: None
) -> Iterator[MainWindow]:
    with shown_window(qtbot, installation) as win:
        yield win


# -- the catalogue ---------------------------------------------------------------------


def catalogue() -> Iterator[tuple[str, str, list[str], bool]]:
    """(context, source, translations, unfinished) of every live message of the .ts."""
    for context in ET.parse(APP_TS).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            if translation is None:
                forms: list[str] = []
            elif message.get("numerus") == "yes":
                forms = [form.text or "" for form in translation.iter("numerusform")]
            else:
                forms = [translation.text or ""]
            yield name, message.findtext("source", ""), forms, kind == "unfinished"


def amps(text: str) -> int:
    return len(re.findall(r"&[^&]", text.replace("&&", "")))


def test_every_message_of_the_window_has_english() -> None:
    missing = [
        f"{context}: {source}"
        for context, source, forms, unfinished in catalogue()
        if unfinished or not forms or not all(form.strip() for form in forms)
    ]
    assert not missing, f"{len(missing)} without English:\n" + "\n".join(missing)


def test_english_keeps_placeholders_letters_and_lines() -> None:
    wrong = []
    for context, source, forms, _ in catalogue():
        for form in forms:
            if not form:
                continue  # reported by the test above
            if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(form)):
                wrong.append(f"{context}: placeholders of {source!r} -> {form!r}")
            if amps(source) != amps(form):
                wrong.append(f"{context}: Alt letter of {source!r} -> {form!r}")
            if source.count("\n") != form.count("\n"):
                wrong.append(f"{context}: lines of {source!r} -> {form!r}")
    assert not wrong, "\n".join(wrong)


def test_numerus_messages_have_singular_and_plural() -> None:
    root = ET.parse(APP_TS).getroot()
    wrong = [
        message.findtext("source", "")
        for message in root.iter("message")
        if message.get("numerus") == "yes" and len(list(message.iter("numerusform"))) != 2
    ]
    assert not wrong, wrong


def test_the_checks_see_indonesian() -> None:
    # The word list must catch what it is for, and leave kept names alone.
    assert INDONESIAN_WORD.search("&Simpan (Enter)")
    assert INDONESIAN_WORD.search("Rumah tangga baru")
    assert not INDONESIAN_WORD.search("NIK of head of household, No KK, kelurahan, posko")


def test_strings_outside_a_class_translate_under_their_literal_context(english: None) -> None:
    # printing.py's module functions, ProgressWindow (no QObject) and the viewers' shared
    # Close button name their context literally, so lupdate files them where the running
    # code looks them up (not under "", "parent" or "dialog").
    contexts = {context for context, *_ in catalogue()}
    assert {"Printing", "ProgressWindow", "ProofViewer"} <= contexts
    assert not {"parent", "dialog"} & contexts
    assert QCoreApplication.translate("Printing", "&Cetak…") == "&Print…"
    assert QCoreApplication.translate("ProgressWindow", "Batal") == "Cancel"
    assert QCoreApplication.translate("ProofViewer", "&Tutup") == "&Close"


# -- the windows -----------------------------------------------------------------------


def texts_of(window: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) of everything `window` shows in words (its own widgets only)."""
    yield "title", window.windowTitle()
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.window() is not window:
            continue
        kind = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            yield kind, widget.text()
        elif isinstance(widget, QGroupBox):
            yield kind, widget.title()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield kind, widget.tabText(index)
                yield f"{kind} tooltip", widget.tabToolTip(index)
        elif isinstance(widget, QLineEdit):
            yield f"{kind} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for index in range(min(widget.count(), 30)):
                yield kind, widget.itemText(index)
        elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            header = (
                widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
            )
            for column in range(header.count()):
                title = model.headerData(column, Qt.Orientation.Horizontal)
                yield f"{kind} header", str(title or "")
        yield f"{kind} tooltip", widget.toolTip()
        for act in widget.actions():
            yield "action", act.text()
            yield "action tooltip", act.toolTip()


def menu_texts(win: MainWindow) -> Iterator[tuple[str, str]]:
    for act in win.menuBar().actions():
        yield "menu", act.text()
        menu = act.menu()
        if isinstance(menu, QMenu):
            for item in menu_actions(menu):
                yield "menu item", item.text()


def indonesian(texts: Iterator[tuple[str, str]], where: str) -> list[str]:
    return [
        f"{where}: {what} {text!r}"
        for what, text in texts
        if text and INDONESIAN_WORD.search(plain(text))
    ]


def top_menus(win: MainWindow) -> list[QMenu]:
    return [
        menu
        for act in win.menuBar().actions()
        if act.isVisible() and isinstance(menu := act.menu(), QMenu)
    ]


def letter_collisions(window: QWidget, extra: list[tuple[str, str]], where: str) -> list[str]:
    return [
        f"{where}: Alt+{letter.upper()} on {', '.join(map(plain, texts))}"
        for letter, texts in duplicates(extra + window_mnemonics(window)).items()
    ]


def test_the_main_window_speaks_english(window: MainWindow) -> None:
    assert plain(window.menuBar().actions()[0].text()) == "File"
    found = indonesian(texts_of(window), "main window") + indonesian(menu_texts(window), "menus")
    window.form.record_visit.setChecked(True)  # the visit part of the form, all its fields
    found += indonesian(texts_of(window), "main window (visit)")
    assert not found, "\n".join(found)


def test_the_main_window_letters_are_unique_in_english(window: MainWindow) -> None:
    bar = [
        (letter, act.text())
        for act in window.menuBar().actions()
        if act.isVisible() and (letter := mnemonic(act.text()))
    ]
    assert [plain(text) for _, text in bar][:2] == ["File", "Data"]
    found = letter_collisions(window, bar, "main window")
    window.form.record_visit.setChecked(True)
    found += letter_collisions(window, bar, "main window (visit)")
    for menu in top_menus(window):
        pairs = [(mnemonic(act.text()), act.text()) for act in menu_actions(menu)]
        missing = [text for letter, text in pairs if not letter]
        found += [f"{plain(menu.title())}: no Alt letter on {text}" for text in missing]
        for letter, texts in duplicates([pair for pair in pairs if pair[0]]).items():
            found.append(f"{plain(menu.title())}: Alt+{letter.upper()} on {', '.join(texts)}")
    assert not found, "\n".join(found)


def walk_in_english(window: MainWindow) -> list[str]:
    """What is wrong on each window the menus open (the walk's own count checked)."""
    found: list[str] = []

    def visit(opened: QWidget, name: str) -> None:
        try:
            found.extend(indonesian(texts_of(opened), name))
            found.extend(letter_collisions(opened, [], name))
        except Exception as exc:  # the window must still be closed by the walk
            found.append(f"{name}: {exc!r}")

    hidden: list[QAction] = []
    for menu in top_menus(window):
        for act in menu_actions(menu):
            if plain(act.text()).startswith(NOT_WALKED):
                act.setVisible(False)
                hidden.append(act)
    try:
        visited = walk_windows(window, top_menus(window), visit)
    finally:
        for act in hidden:
            act.setVisible(True)
    assert len(visited) >= 15, visited  # the walk really opened the dialogs
    return found


def test_every_window_of_the_menus_speaks_english(window: MainWindow) -> None:
    found = walk_in_english(window)
    assert not found, "\n".join(found)


def test_the_sign_in_windows_speak_english(
    qtbot: QtBot, installation: Installation, tmp_path: Path, english: None
) -> None:
    installation.save_account(make_helper(serial=21), Role.HELPER, password=HELPER_PASSWORD)
    data_dir = installation.data_dir
    found: list[str] = []
    for dialog in (
        LoginDialog(data_dir),
        RecoveryDialog(data_dir),
        SetupDialog(tmp_path / "new", encrypting_old_data=True),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        found += indonesian(texts_of(dialog), type(dialog).__name__)
        found += letter_collisions(dialog, [], type(dialog).__name__)
    assert not found, "\n".join(found)
