"""Marking strings for Qt's translation system without importing Qt.

`QT_TRANSLATE_NOOP(context, text)` is recognised by pyside6-lupdate; the UI translates
the returned text with QCoreApplication.translate(context, text) when it shows it.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text
