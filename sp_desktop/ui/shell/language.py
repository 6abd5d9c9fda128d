"""The window's language: Qt's translators and the core's catalogue switched together.

Indonesian is the source language of every string, so Indonesian needs only Qt's own
buttons and dialogs translated (qt_id.qm, written by this project because Qt ships none);
English needs the app's strings (sp_desktop_en.qm) and nothing of Qt's. Both catalogues are
compiled from resources/i18n by packaging/build_translations.py.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from sp_desktop import DATA_DIR
from sp_desktop.core.base import i18n

QM_DIR = DATA_DIR / "i18n"
# Which compiled catalogues each language loads, in order.
CATALOGUES = {"id": ("qt_id",), "en": ("sp_desktop_en",)}
LOCALES = {
    "id": QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia),
    # English words with the office's own calendar and number habits would need a locale
    # Qt does not have (en_ID); British English writes dates day first, as Indonesia does.
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}

_installed: list[QTranslator] = []


def current_language() -> str:
    """'id' or 'en': what the window speaks now."""
    return i18n.language()


def apply_language(code: str) -> str:
    """Speak `code` from now on (windows built after this call); returns the language used."""
    code = i18n.set_language(code)
    app = QCoreApplication.instance()
    QLocale.setDefault(LOCALES[code])
    if app is None:
        return code
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    for name in CATALOGUES[code]:
        # Parented to the application, and kept here: a translator that Python collects
        # silently stops translating.
        translator = QTranslator(app)
        if translator.load(str(QM_DIR / f"{name}.qm")):
            app.installTranslator(translator)
            _installed.append(translator)
    return code


def missing_catalogues(code: str) -> list[str]:
    """The compiled catalogues `code` needs that are not there (a build step was skipped)."""
    return [name for name in CATALOGUES[code] if not (QM_DIR / f"{name}.qm").exists()]
