"""The Linux packages: `bash packaging/build.sh linux` builds the PyInstaller onedir, the
tar.xz and the .deb, and smoke-tests the unpacked tarball (packaging/smoke_test.py). Real
tools throughout: PyInstaller, xz, dpkg-deb, Xvfb."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sp_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None,
    reason="the Linux packages are built on Debian/Ubuntu",
)


@pytest.mark.slow
def test_build_linux_packages_and_smoke_test(tmp_path: Path) -> None:
    env = {**os.environ, "SP_BUILD_FAST": "1", "SP_BUILD_DIST": str(tmp_path)}
    # pytest-qt's offscreen setting must not reach the bundle's window check (it uses Xvfb).
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh"), "linux"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "SMOKE TEST PASSED" in result.stdout, output[-4000:]
    assert "window: 'SP Desktop" in result.stdout, output[-4000:]

    tarball = tmp_path / f"sp-desktop-{__version__}-linux-x86_64.tar.xz"
    deb = tmp_path / f"sp-desktop_{__version__}_amd64.deb"
    assert tarball.stat().st_size > 20_000_000
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Package: sp-desktop" in fields
    assert f"Version: {__version__}" in fields
    assert "libc6 (>= 2.3" in fields
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./usr/lib/sp-desktop/sp-desktop",
        "./usr/lib/sp-desktop/sp-desktop-app",
        "./usr/lib/sp-desktop/_internal/sp_desktop/data/wilayah.tsv.gz",
        "./usr/bin/sp-desktop -> ../lib/sp-desktop/sp-desktop",
        "./usr/share/applications/sp-desktop.desktop",
        "./usr/share/doc/sp-desktop/copyright",
    ):
        assert path in listing, path
