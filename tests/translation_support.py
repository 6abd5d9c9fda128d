"""packaging/build_translations.py as a module, for the tests of the catalogues."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from sp_desktop.core.base import i18n

ROOT = Path(__file__).resolve().parents[1]


def build_translations() -> ModuleType:
    """A fresh copy of the build script (tests may change its paths)."""
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "packaging" / "build_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_translations", module)
    spec.loader.exec_module(module)
    return module


def ensure_compiled() -> None:
    """The English catalogue as the build makes it (setup.sh compiles it; a bare checkout
    may not have it yet)."""
    if not i18n.catalogue_file("en").exists():
        build_translations().compile_po()
        i18n._catalogues.clear()
