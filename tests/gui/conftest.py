"""GUI tests: real windows and dialogs, offscreen, driven through pytest-qt.

Every test collected here carries the `gui` marker: `pytest -m gui` runs this part alone.
The shared fixtures live in tests/conftest.py, the shared helpers beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from sp_desktop.ui.shell.language import apply_language

HERE = Path(__file__).parent


@pytest.fixture(autouse=True, scope="session")
def speaks_indonesian(qapp: QApplication) -> None:
    """Every window as an office sees it: Qt's own buttons in Indonesian too ("Ya", "Tidak",
    "Batal"), whatever order the tests run in. Tests of English switch and switch back."""
    apply_language("id")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.gui)
