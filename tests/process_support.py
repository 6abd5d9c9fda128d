"""Child Python processes that hold something (a lock, an open installation) for a test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"


@contextmanager
def ready_child(code: str, *args: str, what: str) -> Iterator[subprocess.Popen[str]]:
    """`python -c code args...` (the project and tests/ importable), handed over once it has
    printed READY; killed if still running afterwards. `what` words the failure."""
    path = os.pathsep.join([str(REPO), str(TESTS), os.environ.get("PYTHONPATH", "")])
    with subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
    ) as child:
        try:
            assert child.stdout is not None
            line = child.stdout.readline().strip()
            if line != "READY":
                child.kill()
                _, err = child.communicate(timeout=30)
                pytest.fail(f"{what}: {line!r} {err}")
            yield child
        finally:
            if child.poll() is None:
                child.kill()
            child.wait(30)
