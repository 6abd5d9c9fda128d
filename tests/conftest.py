"""Shared fixtures. The suite runs Qt offscreen by itself: no display is needed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_helper, make_post

from sp_desktop.core.model import Helper, Post
from sp_desktop.core.storage import Storage


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def storage(data_dir: Path) -> Iterator[Storage]:
    with Storage(data_dir) as store:
        yield store


@pytest.fixture
def people(storage: Storage) -> tuple[Helper, Post]:
    return storage.save_helper(make_helper()), storage.save_post(make_post())
