"""Render resources/sp-desktop.svg to the PNG and ICO the installers need.

    python packaging/build_icons.py OUTDIR            -> OUTDIR/sp-desktop.png (256 px)
                                                         OUTDIR/sp-desktop.ico (16...256 px)
    python packaging/build_icons.py --package-copy    -> sp_desktop/data/sp-desktop.svg

The app itself loads sp_desktop/data/sp-desktop.svg (crisp at every size Windows asks for);
that file is a byte-for-byte copy of the resources source, refreshed with --package-copy and
checked by tests/gui/test_icons.py, so the two cannot drift apart unnoticed.

The ICO is written here rather than by Qt's ico plugin: Qt writes one bitmap per file, and
a Windows icon needs every size in one file. Entries are PNG-compressed, which Windows
Vista and later, NSIS and PyInstaller all read. Runs headless (offscreen platform).
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE = REPO_ROOT / "resources" / "sp-desktop.svg"
PACKAGE_COPY = REPO_ROOT / "sp_desktop" / "data" / "sp-desktop.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256


def _app() -> object:
    # Must be chosen before the first Qt GUI object exists; a caller's choice wins.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([sys.argv[0]])


def render_png(svg: bytes, size: int) -> bytes:
    """The SVG drawn on a transparent size x size canvas, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app()
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("SVG ikon tidak dapat dibaca; periksa resources/sp-desktop.svg")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"gagal menyimpan PNG {size} px")
    return bytes(buffer.data().data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container with one PNG entry per size (ICONDIR, ICONDIRENTRYs, images)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the one-byte fields
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def build(outdir: Path, source: Path = SOURCE) -> tuple[Path, Path]:
    svg = source.read_bytes()
    outdir.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(svg, size) for size in ICO_SIZES}
    png_path, ico_path = outdir / "sp-desktop.png", outdir / "sp-desktop.ico"
    png_path.write_bytes(pngs[PNG_SIZE])
    ico_path.write_bytes(ico_bytes(pngs))
    return png_path, ico_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, help="folder for the PNG and ICO")
    parser.add_argument(
        "--package-copy",
        action="store_true",
        help="copy the SVG source to sp_desktop/data/ (the icon the running app shows)",
    )
    args = parser.parse_args(argv)
    if args.outdir is None and not args.package_copy:
        parser.error("give OUTDIR and/or --package-copy")
    if args.package_copy:
        shutil.copyfile(SOURCE, PACKAGE_COPY)
        print(PACKAGE_COPY)
    if args.outdir is not None:
        for path in build(args.outdir):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
