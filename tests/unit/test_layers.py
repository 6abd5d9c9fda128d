"""The architecture rules, checked on the source: a Qt-free core, no SQL outside storage,
the layer contracts of pyproject.toml (import-linter), modules of a readable size."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import sp_desktop

PACKAGE = Path(sp_desktop.__file__).parent
CORE = PACKAGE / "core"
ROOT = PACKAGE.parent  # the checkout: pyproject.toml holds the import contracts
# Past this a module holds more than one concern; split it by concern, not by line count.
MAX_MODULE_LINES = 1_500
SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b",
    re.IGNORECASE | re.DOTALL,
)


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt_or_ui() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m
            for m in imported_modules(path)
            if m.startswith(("PySide6", "shiboken6", "sp_desktop.ui"))
        )
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_core_and_cli_loads_no_qt() -> None:
    core_modules = sorted(
        ".".join(("sp_desktop", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for p in CORE.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {[*core_modules, 'sp_desktop.cli']!r}: importlib.import_module(name)\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(qt); sys.exit(1 if qt else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_storage_package_holds_sql() -> None:
    owners = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and SQL.search(node.value)
            ):
                owners.add(str(path.relative_to(PACKAGE)))
    assert owners
    assert {owner for owner in owners if not owner.startswith("core/storage/")} == set()


def test_ui_does_not_touch_sqlite_directly() -> None:
    for path in (PACKAGE / "ui").rglob("*.py"):
        assert not {
            m for m in imported_modules(path) if m.startswith(("sqlite3", "sqlite_utils"))
        }, path


def test_the_import_contracts_hold() -> None:
    # The layer order of docs/architecture.md, enforced by the same tool as
    # `packaging/setup.sh test`, so that a plain `pytest` catches a wrong import too.
    lint_imports = Path(sys.executable).parent / "lint-imports"
    assert lint_imports.exists(), "import-linter is missing: pip install -e '.[test]'"
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_is_too_long() -> None:
    too_long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert too_long == {}
