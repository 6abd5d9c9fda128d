"""Build dist/sp-desktop_<version>_amd64.deb from the PyInstaller onedir, with dpkg-deb.

    python packaging/linux/build_deb.py DIST/sp-desktop OUT.deb --version 0.2.0
        [--icon PNG] [--svg SVG] [--fast]

Layout: the onedir in /usr/lib/sp-desktop (private to the package, nothing else looks
there), /usr/bin/sp-desktop a symlink to its console program (no arguments opens the
window), a desktop entry, the icon, and /usr/share/doc/sp-desktop (copyright, licence,
notices, changelog). No maintainer scripts: Debian's own triggers refresh the menu and
icon caches. Depends is worked out from the bundle: every shared library some ELF file
in it needs that it does not carry, mapped to the package that provides it on Debian 12
and Ubuntu 22.04 (a library missing from the map stops the build instead of guessing).
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
from check_glibc import elf_files, glibc_floor  # noqa: E402

# soname -> package, same name on Debian 12 and Ubuntu 22.04 (Ubuntu 24.04's t64 packages
# provide these names too). libc6 gets its version floor from check_glibc.
PACKAGE_OF = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libresolv.so.2": "libc6",
    "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "libgcc_s.so.1": "libgcc-s1",
    "libstdc++.so.6": "libstdc++6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libcups.so.2": "libcups2",
    "libexpat.so.1": "libexpat1",
    "libz.so.1": "zlib1g",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libssl.so.3": "libssl3",
    "libcrypto.so.3": "libssl3",
}
# Needed whether or not the library is bundled: fontconfig's configuration and, through
# fontconfig-config, at least one font (a minimal system has none and Qt would draw no text).
ALWAYS = ["libfontconfig1"]

DESCRIPTION = """\
Description: catatan pendampingan Sensus Penduduk Online (SP2020), luring
 SP Desktop mencatat rumah tangga yang didampingi petugas saat mengisi Sensus
 Penduduk Online: kunjungan, hasilnya, bukti pendampingan bertanda tangan,
 rekapitulasi dan serah terima ke BPS. Data tersimpan terenkripsi di komputer
 ini dan bekerja tanpa internet.
"""


def needed_sonames(onedir: Path) -> set[str]:
    """Shared libraries the bundle's ELF files need but do not carry."""
    carried = {path.name for path in onedir.rglob("*.so*")}
    needed: set[str] = set()
    for path in elf_files(onedir):
        dynamic = subprocess.run(
            ["objdump", "-p", str(path)], capture_output=True, text=True, check=True
        ).stdout
        for line in dynamic.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "NEEDED":
                needed.add(parts[1])
    return needed - carried


def depends(onedir: Path) -> str:
    missing = needed_sonames(onedir)
    unknown = sorted(name for name in missing if name not in PACKAGE_OF)
    if unknown:
        raise SystemExit(
            f"build_deb: no package known for {', '.join(unknown)}; add it to PACKAGE_OF "
            "in packaging/linux/build_deb.py (dpkg -S tells which package has it)"
        )
    floor, _ = glibc_floor(onedir)
    packages = sorted({PACKAGE_OF[name] for name in missing} | set(ALWAYS) | {"libc6"})
    return ", ".join(
        f"libc6 (>= {'.'.join(map(str, floor))})" if p == "libc6" else p for p in packages
    )


def copyright_text() -> str:
    parts = [
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: sp-desktop\n\n"
        "Files: *\n"
        "License: Apache-2.0\n"
        " See /usr/share/doc/sp-desktop/LICENSE. The bundled third-party components\n"
        " (Python, Qt/PySide6, SQLCipher and others) keep their own licences; see\n"
        " /usr/share/doc/sp-desktop/THIRD-PARTY-NOTICES.md and, for each Python\n"
        " dependency, its own licence files in /usr/share/doc/sp-desktop/licences.\n"
    ]
    return "".join(parts)


def build(
    onedir: Path,
    out: Path,
    version: str,
    icon: Path | None,
    svg: Path | None,
    licences: Path | None,
    fast: bool,
) -> None:
    with tempfile.TemporaryDirectory(prefix="sp-deb-") as temp:
        stage = Path(temp) / "pkg"
        lib = stage / "usr" / "lib" / "sp-desktop"
        # A copy, not hard links: linking changes the files' ctime while build.sh's tar reads
        # them ("file changed as we read it").
        shutil.copytree(onedir, lib, symlinks=True)
        bin_dir = stage / "usr" / "bin"
        bin_dir.mkdir(parents=True)
        (bin_dir / "sp-desktop").symlink_to("../lib/sp-desktop/sp-desktop")
        apps = stage / "usr" / "share" / "applications"
        apps.mkdir(parents=True)
        shutil.copy2(HERE / "sp-desktop.desktop", apps / "sp-desktop.desktop")
        icons = stage / "usr" / "share" / "icons" / "hicolor"
        if icon is not None and icon.is_file():
            (icons / "256x256" / "apps").mkdir(parents=True)
            shutil.copy2(icon, icons / "256x256" / "apps" / "sp-desktop.png")
        if svg is not None and svg.is_file():
            (icons / "scalable" / "apps").mkdir(parents=True)
            shutil.copy2(svg, icons / "scalable" / "apps" / "sp-desktop.svg")
        doc = stage / "usr" / "share" / "doc" / "sp-desktop"
        doc.mkdir(parents=True)
        (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
        for name in ("LICENSE", "THIRD-PARTY-NOTICES.md", "CHANGELOG.md", "README.md"):
            if (ROOT / name).is_file():
                shutil.copy2(ROOT / name, doc / name)
        if licences is not None and licences.is_dir():
            shutil.copytree(licences, doc / "licences")
        if (ROOT / "CHANGELOG.md").is_file():
            with gzip.GzipFile(doc / "changelog.gz", "wb", mtime=0) as handle:
                handle.write((ROOT / "CHANGELOG.md").read_bytes())
        # 755 for folders and programs, 644 for the rest.
        for path in stage.rglob("*"):
            if path.is_symlink():
                continue
            mode = path.stat().st_mode & 0o7777
            wanted = 0o755 if path.is_dir() or mode & 0o111 else 0o644
            if mode != wanted:
                path.chmod(wanted)

        installed_kb = sum(
            (p.lstat().st_size + 1023) // 1024 for p in stage.rglob("*") if not p.is_dir()
        )
        control = stage / "DEBIAN"
        control.mkdir()
        (control / "control").write_text(
            "Package: sp-desktop\n"
            f"Version: {version}\n"
            "Architecture: amd64\n"
            "Section: misc\n"
            "Priority: optional\n"
            "Maintainer: SP Desktop <sp-desktop@localhost>\n"
            f"Installed-Size: {installed_kb}\n"
            f"Depends: {depends(onedir)}\n" + DESCRIPTION,
            encoding="utf-8",
        )
        level = "0" if fast else "6"
        subprocess.run(
            [
                "dpkg-deb",
                "--root-owner-group",
                "-Zxz",
                f"-z{level}",
                "--build",
                str(stage),
                str(out),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("onedir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--version", required=True)
    parser.add_argument("--icon", type=Path, default=None, help="256x256 PNG")
    parser.add_argument("--svg", type=Path, default=None, help="scalable icon")
    parser.add_argument(
        "--licences", type=Path, default=None, help="folder of dependencies' licence files"
    )
    parser.add_argument("--fast", action="store_true", help="xz level 0 (CI)")
    args = parser.parse_args(argv)
    build(args.onedir, args.out, args.version, args.icon, args.svg, args.licences, args.fast)
    subprocess.run(["dpkg-deb", "--field", str(args.out), "Depends", "Installed-Size"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
