"""The core's message catalogue: Indonesian source texts, English on request. No Qt.

Every message a person reads that the core or the command line writes goes through `_()`:
its Indonesian text is the key, and the English catalogue (resources/i18n/*_en.po, compiled
by packaging/build_translations.py into sp_desktop/data/locale) gives the translation. A
missing catalogue or a missing entry falls back to the Indonesian text, never to an error.

The language is one setting for the whole program (`set_language`), because one person uses
the window or the command at a time. Official documents for BPS (slips, recaps, the handover,
the evaluation) stay Indonesian whatever the setting: they build their text inside
`indonesian()`, which holds for the current thread only, so a document written on the worker
thread does not switch the window's language.

Placeholders are named and filled after translation: `_("{n} rumah tangga").format(n=3)`.
`N_()` marks a text for the catalogue where it is defined (a constant, a table of labels);
whoever shows it passes it through `_()` then. Labels the window shows too are marked with
`QT_TRANSLATE_NOOP(context, text)` instead, which both catalogues take.
"""

from __future__ import annotations

import contextlib
import gettext
import locale
import os
import sys
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path

from sp_desktop import DATA_DIR

SOURCE_LANGUAGE = "id"
LANGUAGES = ("id", "en")
# What each language calls itself, for the choosers (never translated).
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
ENV_VARIABLE = "SP_DESKTOP_LANG"
DOMAIN = "sp_desktop"
LOCALE_DIR = DATA_DIR / "locale"

_language = SOURCE_LANGUAGE
_forced: ContextVar[str | None] = ContextVar("sp_desktop_forced_language", default=None)
_catalogues: dict[str, gettext.NullTranslations] = {}


def _(text: str) -> str:
    """`text` (Indonesian) in the current language."""
    code = language()
    if code == SOURCE_LANGUAGE or not text:
        return text
    return _catalogue(code).gettext(text)


def N_(text: str) -> str:
    """Mark `text` for the catalogue without translating it here."""
    return text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a label for Qt's catalogue too (pyside6-lupdate finds it): the window shows it
    through QCoreApplication.translate(context, text), the command line through `_()`."""
    return text


def language() -> str:
    """The language messages are written in now ("id" or "en")."""
    return _forced.get() or _language


def set_language(code: str) -> str:
    """Make `code` the program's language; an unknown code means Indonesian. Returns it."""
    global _language
    _language = normalise(code) or SOURCE_LANGUAGE
    return _language


@contextlib.contextmanager
def indonesian() -> Iterator[None]:
    """Within the block, on this thread only, messages are Indonesian (BPS documents)."""
    token = _forced.set(SOURCE_LANGUAGE)
    try:
        yield
    finally:
        _forced.reset(token)


def normalise(code: str | None) -> str | None:
    """'en_US.UTF-8', 'en-GB', 'English_United States' -> 'en'; 'id_ID', 'in', 'Indonesian' -> 'id'.

    Anything else (or nothing) -> None: the caller falls back to the next source."""
    if not code:
        return None
    head = code.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    if head in ("id", "in", "indonesian", "ind"):
        return "id"
    if head in ("en", "english", "eng"):
        return "en"
    return None


def system_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the operating system asks for, if it is one we speak."""
    environ = os.environ if environ is None else environ
    # POSIX: LANGUAGE is a priority list; then the LC_ variables, as gettext reads them.
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in environ.get(variable, "").split(":"):
            if part and part not in ("C", "POSIX") and (found := normalise(part)):
                return found
    if sys.platform != "win32":
        # Only what the variables say: Python maps a bare C.UTF-8 to en_US, which is no one's
        # choice (a server, a container), so no language is asked for there.
        return None
    found = normalise(_windows_ui_language())
    if found:
        return found
    with contextlib.suppress(ValueError):
        return normalise(locale.getlocale()[0])
    return None


def _windows_ui_language() -> str | None:
    """The Windows display language, e.g. 'id-ID' (the locale module reports the formats)."""
    import ctypes

    buffer = ctypes.create_unicode_buffer(85)  # LOCALE_NAME_MAX_LENGTH
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return None
    # LOCALE_NAME_USER_DEFAULT (None) with LOCALE_SNAME (0x5c).
    if windll.kernel32.GetUserDefaultLocaleName(buffer, len(buffer)):
        return str(buffer.value)
    return None


def choose_language(chosen: str | None = None, *, environ: Mapping[str, str] | None = None) -> str:
    """SP_DESKTOP_LANG first, then the person's own choice, then the system's, then Indonesian."""
    environ = os.environ if environ is None else environ
    return (
        normalise(environ.get(ENV_VARIABLE))
        or normalise(chosen)
        or system_language(environ)
        or SOURCE_LANGUAGE
    )


def _catalogue(code: str) -> gettext.NullTranslations:
    found = _catalogues.get(code)
    if found is None:
        found = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True)
        _catalogues[code] = found
    return found


def catalogue_file(code: str) -> Path:
    """Where the compiled catalogue for `code` is expected (the build writes it)."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
