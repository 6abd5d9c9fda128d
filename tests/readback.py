"""Reading documents back with independent tools, the way a recipient's PC sees them:
pdftotext for text, pdfinfo for pages, pdftoppm at 150 dpi plus zbarimg for QR codes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

_TOOLS = ("pdftotext", "pdftoppm", "zbarimg", "pdfinfo")
_MISSING = [tool for tool in _TOOLS if shutil.which(tool) is None]
needs_tools = pytest.mark.skipif(
    bool(_MISSING),
    reason=f"{', '.join(_MISSING)} not installed (apt-get install poppler-utils zbar-tools)",
)


def pdf_text(pdf: Path, *, layout: bool = False, page: int | None = None) -> str:
    """The text in reading order (a column at a time), or as laid out with `layout`."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    args = ["pdftotext", *(["-layout"] if layout else []), *pages, str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert match, info.stdout
    return int(match[1])


def decode_pages(pdf: Path, folder: Path) -> list[list[str]]:
    """The QR texts zbarimg finds on each page rendered at 150 dpi, page by page."""
    folder.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(folder / "page")], check=True)
    images = sorted(folder.glob("page*.png"))
    assert len(images) == page_count(pdf)
    decoded = []
    for image in images:
        # zbarimg may complain about D-Bus on stderr; only the decoded text matters.
        result = subprocess.run(
            ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True, check=False
        )
        decoded.append(sorted(result.stdout.splitlines()))
    return decoded
