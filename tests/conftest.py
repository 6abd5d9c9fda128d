"""Shared fixtures. The suite runs Qt offscreen by itself: no display is needed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite reads Indonesian texts: the machine's own locale must not switch them. Tests of
# English choose it themselves (i18n.set_language / language.apply_language / this variable).
os.environ["SP_DESKTOP_LANG"] = "id"

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from factories import ADMIN_PASSWORD, AMPENAN_SELATAN, make_helper, make_post
from translation_support import ensure_compiled

from sp_desktop.core.base import clock, i18n
from sp_desktop.core.domain.model import Helper, Post
from sp_desktop.core.security import keyring
from sp_desktop.core.security.installation import Installation
from sp_desktop.core.storage import Storage


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock-offset-days",
        type=float,
        default=None,
        help="run the whole suite with the app's clock shifted by N days (negative: back); "
        "the CLI and helper processes the tests start are shifted too",
    )


def pytest_configure(config: pytest.Config) -> None:
    days = config.getoption("--clock-offset-days")
    if days is not None:
        # The environment carries the shift into every process a test starts.
        os.environ[clock.OFFSET_VARIABLE] = repr(days)
        clock.install(clock.Clock(timedelta(days=days)))


def pytest_report_header(config: pytest.Config) -> str:
    return f"SP Desktop clock: {clock.now():%Y-%m-%d %H:%M %z} ({clock.current().offset} shifted)"


@pytest.fixture
def pinned_clock() -> Iterator[clock.Clock]:
    """The app's clock set to 21 November 2026, 10:00 local time (and running on), for tests
    whose dates are written out."""
    with clock.pinned(datetime(2026, 11, 21, 10, 0)) as pinned:
        yield pinned


@pytest.fixture
def english() -> Iterator[None]:
    """The core's messages in English for one test, Indonesian again after it."""
    ensure_compiled()
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("id")


@pytest.fixture(autouse=True)
def cheap_key_stretching(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at its real cost (64 MiB, 3 passes) would add ~0.2 s to every set-up and
    login; slots record their own parameters, so a cheap setting is still the real code.
    tests/unit/test_keyring.py checks the production setting separately."""
    monkeypatch.setattr(keyring, "ARGON2_MEMORY_KIB", 1024)
    monkeypatch.setattr(keyring, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keyring, "ARGON2_PARALLELISM", 1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def installation(data_dir: Path) -> Iterator[Installation]:
    """A set-up installation, signed in as its admin (the helper from make_helper())."""
    inst, _recovery_key = Installation.create(
        data_dir,
        office="Kantor Lurah Ampenan Selatan",
        kelurahan_code=AMPENAN_SELATAN,
        admin=make_helper(),
        password=ADMIN_PASSWORD,
    )
    try:
        yield inst
    finally:
        inst.close()


@pytest.fixture
def storage(installation: Installation) -> Storage:
    return installation.storage


@pytest.fixture
def people(storage: Storage) -> tuple[Helper, Post]:
    admin = next(h for h in storage.helpers() if h.nip == make_helper().nip)
    return admin, storage.save_post(make_post())
