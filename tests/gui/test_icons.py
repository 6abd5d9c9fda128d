"""The icon: one SVG source, the copy the app loads, and the PNG/ICO the installers use."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from script_support import load_script

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "resources" / "sp-desktop.svg"
PACKAGE_COPY = ROOT / "sp_desktop" / "data" / "sp-desktop.svg"
BLUE = QColor("#0B57B7")


def _build_icons():  # type: ignore[no-untyped-def]
    return load_script("packaging/build_icons.py")


def _is_blue(color: QColor) -> bool:
    return (
        color.alpha() == 255
        and abs(color.red() - BLUE.red()) < 40
        and abs(color.green() - BLUE.green()) < 40
        and abs(color.blue() - BLUE.blue()) < 40
    )


def test_the_app_loads_a_byte_for_byte_copy_of_the_source() -> None:
    # When this fails: python packaging/build_icons.py --package-copy
    assert PACKAGE_COPY.read_bytes() == SOURCE.read_bytes()


def test_png_and_ico_hold_every_size(qapp: object, tmp_path: Path) -> None:
    png_path, ico_path = _build_icons().build(tmp_path / "icons")

    png = QImage(str(png_path))
    assert (png.width(), png.height()) == (256, 256)
    assert png.pixelColor(0, 0).alpha() == 0  # transparent outside the rounded square
    assert _is_blue(png.pixelColor(20, 128))

    # Read the ICO container by its documented layout, not with the code that wrote it.
    data = ico_path.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        side = width or 256
        assert (height or 256) == side and planes == 1 and bits == 32
        image = QImage.fromData(data[offset : offset + length], "PNG")
        assert (image.width(), image.height()) == (side, side)
        # Even at 16 px the blue square is there, not a blur of nothing.
        assert _is_blue(image.pixelColor(max(1, side // 10), side // 2)), side
        sizes.append(side)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_build_refuses_a_broken_svg(qapp: object, tmp_path: Path) -> None:
    broken = tmp_path / "rusak.svg"
    broken.write_text("<svg")
    with pytest.raises(ValueError, match="tidak dapat dibaca"):
        _build_icons().build(tmp_path / "icons", source=broken)


def test_windows_show_the_icon(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    from sp_desktop.ui.shell.app import make_application

    app = make_application()
    icon = app.windowIcon()
    assert not icon.isNull()
    small = icon.pixmap(16, 16).toImage()
    assert (small.width(), small.height()) == (16, 16)
    assert _is_blue(small.pixelColor(1, 8))
    window = QWidget()
    qtbot.addWidget(window)
    assert window.windowIcon().cacheKey() == icon.cacheKey()
