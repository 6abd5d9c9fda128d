"""Integration tests: the CLI as a process, the hub server, PouchDB, packaging and installers.

Every test collected here carries the `integration` marker (`pytest -m integration`).
The shared fixtures live in tests/conftest.py, the shared helpers beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.integration)
