"""The newest glibc symbol version any ELF file in a folder needs (the bundle's glibc floor).

    python packaging/check_glibc.py DIST_FOLDER [--max 2.35]

Reads every ELF file's dynamic symbol table with `objdump -T` (binutils) and prints the
highest GLIBC_x.y version it references, and which file needs it. With --max, exits 1 when
the floor is above it: the .deb says `libc6 (>= floor)` and must install on Ubuntu 22.04.
Standard library only, so it also runs outside the project's virtual environment.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_GLIBC = re.compile(rb"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) == b"\x7fELF":
                found.append(path)
    return found


def required_versions(path: Path) -> set[tuple[int, ...]]:
    result = subprocess.run(
        ["objdump", "-T", str(path)], capture_output=True, check=False, timeout=120
    )
    return {
        tuple(int(part) for part in match.groups() if part is not None)
        for match in _GLIBC.finditer(result.stdout)
    }


def glibc_floor(folder: Path) -> tuple[tuple[int, ...], list[Path]]:
    """The highest version needed and the files that need it ((0,) if none)."""
    if shutil.which("objdump") is None:
        raise SystemExit("objdump not found: apt-get install binutils")
    files = elf_files(folder)
    with ThreadPoolExecutor(max_workers=4) as pool:
        versions = dict(zip(files, pool.map(required_versions, files), strict=True))
    floor = max((max(v) for v in versions.values() if v), default=(0,))
    return floor, [path for path, v in versions.items() if floor in v]


def _parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max", type=_parse_version, default=None, metavar="X.Y")
    args = parser.parse_args(argv)
    floor, needers = glibc_floor(args.folder)
    shown = ".".join(map(str, floor))
    names = ", ".join(str(p.relative_to(args.folder)) for p in needers[:5])
    print(f"glibc floor: {shown} (needed by {names})")
    if args.max is not None and floor > args.max:
        limit = ".".join(map(str, args.max))
        print(f"FAIL: glibc {shown} is above the allowed {limit}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
