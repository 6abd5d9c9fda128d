"""Which part of the guide F1 opens, and the one application-wide F1 key.

Every window or dialog class under sp_desktop/ui has a section here (tests/gui/test_help.py
walks them and fails on one without); widgets that only live inside a window are listed in
PARTS and take the section of the window around them. Kept light: the filter is installed
before the login shows; the help window itself is imported on the first F1.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from sp_desktop import DATA_DIR

HELP_DIR = DATA_DIR / "help"
LANGUAGES = ("id", "en")
HOME = "index.html"

# The guide's files in reading order (the contents list); the same names in every language.
CONTENTS: tuple[str, ...] = (
    "index.html",
    "hari-pertama.html",
    "rumah-tangga.html",
    "kunjungan-ulang.html",
    "dokumen.html",
    "serah-terima.html",
    "sinkron.html",
    "pemantauan.html",
    "cadangan.html",
    "masalah.html",
)

# Window or dialog class name -> "file.html#anchor".
SECTIONS: dict[str, str] = {
    # shell
    "MainWindow": HOME,
    "AboutDialog": "cadangan.html#folder-data",
    "LanguageDialog": "hari-pertama.html#bahasa",
    "RestorePage": "cadangan.html#pulihkan",
    # signing in, accounts, keys
    "LoginDialog": "hari-pertama.html#masuk",
    "RecoveryDialog": "masalah.html#lupa-sandi",
    "SetupDialog": "hari-pertama.html#siapkan",
    "RecoverySheetDialog": "hari-pertama.html#lembar-pemulihan",
    "LockScreen": "hari-pertama.html#kunci-layar",
    "AccountsDialog": "hari-pertama.html#akun",
    "ChangePasswordDialog": "hari-pertama.html#ganti-sandi",
    "AuditDialog": "cadangan.html#jejak-audit",
    "KeysDialog": "dokumen.html#kunci-kantor",
    "PasteKeyDialog": "dokumen.html#kunci-kantor",
    # households
    "PeopleDialog": "hari-pertama.html#petugas-posko",
    "ProofFilesDialog": "rumah-tangga.html#bukti-pengisian",
    "ProofsDialog": "rumah-tangga.html#bukti-pengisian",
    "ImageViewer": "rumah-tangga.html#bukti-pengisian",
    "PdfViewer": "rumah-tangga.html#bukti-pengisian",
    "TaskDialog": HOME,
    # revisits (Data › Kunjungan ulang; the agenda dialog's class, whatever it is named)
    "AgendaDialog": "kunjungan-ulang.html",
    "RevisitDialog": "kunjungan-ulang.html",
    "RevisitsDialog": "kunjungan-ulang.html",
    # documents
    "DocumentsDialog": "dokumen.html",
    "PasswordShownDialog": "serah-terima.html#sandi",
    "VerifyDialog": "dokumen.html#periksa",
    # sync
    "SyncDialog": "sinkron.html",
    "OwnBundleDialog": "sinkron.html#paket-petugas",
    "ConflictsDialog": "sinkron.html#konflik",
    # monitoring
    "StaffDialog": "pemantauan.html#pegawai",
    "StaffEditDialog": "pemantauan.html#pegawai",
    "StatusDialog": "pemantauan.html#status",
    "StaffProofsDialog": "pemantauan.html#status",
    "RosterImportDialog": "pemantauan.html#impor",
    "DashboardDialog": "pemantauan.html#dasbor",
    "TargetsDialog": "pemantauan.html#target",
    "EvaluationDialog": "pemantauan.html#evaluasi",
    # the guide itself
    "HelpWindow": HOME,
}

# Widgets that are parts of a window, never a window of their own: F1 there opens the
# section of the window they sit in.
PARTS: frozenset[str] = frozenset(
    {
        "TargetBar",
        "_FittingScroll",  # the sync dialog's bundle tab, scrolling on a small screen
        "RecipientChecks",  # the offices a bundle is sealed to, in both bundle dialogs
        "ChartView",
        "TargetEditor",
        "_RecordTab",
        "HelpersTab",
        "PostsTab",
        "TaskPanel",
        "HouseholdForm",
        "MessageLine",
        "Field",
        "KelurahanPicker",
        "ChoiceTable",
        "ComparePane",
        "SignInPanel",
        "LanguagePicker",
        "ElidedComboBox",
        "ElidedLabel",
    }
)


def current_language() -> str:
    """ "id" or "en": the language the window speaks now."""
    try:
        from sp_desktop.ui.shell.language import current_language as ui_language
    except ImportError:  # a build without the language switch: the environment decides
        chosen = os.environ.get("SP_DESKTOP_LANG", "")[:2].lower()
    else:
        chosen = ui_language()
    return chosen if chosen in LANGUAGES else "id"


def section_for(widget: QWidget | None) -> str:
    """The section of the innermost window or dialog (with a section) holding `widget`."""
    while widget is not None:
        for cls in type(widget).__mro__:
            if cls.__module__.startswith("sp_desktop.") and cls.__name__ in SECTIONS:
                return SECTIONS[cls.__name__]
        widget = widget.parentWidget()
    return HOME


def open_help(section: str = HOME, origin: QWidget | None = None) -> QWidget:
    """Show the guide at `section`; the help window is imported on first use."""
    from sp_desktop.ui.help.help_window import show_help

    return show_help(section, origin)


class HelpKey(QObject):
    """F1 anywhere in the app: the guide at the section of the window it was pressed in.

    The main window's own F1 (Bantuan › Panduan) is a shortcut and reaches its action
    first; everywhere else the key arrives here.
    """

    _KEY_PRESS = QEvent.Type.KeyPress
    # Qt.Key.Key_F1 as a number: naming it would make PySide6 build its whole `Qt` namespace
    # (hundreds of enums) before the login window shows (tests/gui/test_startup.py).
    _F1 = 0x01000030

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != self._KEY_PRESS:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() != self._F1:
            return False
        from PySide6.QtCore import Qt  # F1 was pressed: the namespace may be built now

        if event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        if not isinstance(watched, QWidget):
            return False
        open_help(section_for(watched), watched)
        return True


def watch_for_help(window: QWidget) -> None:
    """F1 in `window` alone, before the application-wide filter is installed (the login and
    set-up windows): an unhandled F1 travels up from the focused field to the window, so a
    filter on the window sees it, and no other event of the program pays for it."""
    window.installEventFilter(HelpKey(window))


def install_help_key(app: QApplication | None = None) -> None:
    """Install the F1 filter once on the application (later calls do nothing)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None or app.property("sp_help_key"):
        return
    key = HelpKey(app)
    app.installEventFilter(key)
    app.setProperty("sp_help_key", True)
