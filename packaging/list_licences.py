"""Print name, version and licence of every installed runtime dependency of sp-desktop.

    .venv/bin/python packaging/list_licences.py

    .venv/bin/python packaging/list_licences.py --package-copy   (after editing the notices)
    .venv/bin/python packaging/list_licences.py --collect DIR    (licence files for a package)

Walks importlib.metadata.requires("sp-desktop") recursively (no extras; a dependency counts
when its marker holds on Linux or on Windows, so colorama shows up here too) and reads each
distribution's own metadata: License-Expression, else License, else its "License ::"
classifiers. THIRD-PARTY-NOTICES.md must name every one of them (tests/unit/test_licences.py);
run this after changing dependencies and update the notices. --package-copy copies the
notices to sp_desktop/data/, where the About box reads them in a checkout and in the bundle.
--collect copies each dependency's own licence files (with their copyright lines, which
MIT and BSD licences ask to ship with binaries) to DIR/<name>-<version>/; the Windows
installer ships that folder as `licences` (makensis -DLICENCES=DIR).
"""

from __future__ import annotations

import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTICES = REPO_ROOT / "THIRD-PARTY-NOTICES.md"
PACKAGE_COPY = REPO_ROOT / "sp_desktop" / "data" / "THIRD-PARTY-NOTICES.md"
# Both platforms the app ships for; a requirement counts if its marker holds on either.
_PLATFORMS = (
    {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(
    root: str = "sp-desktop",
) -> dict[str, metadata.Distribution | None]:
    """Every distribution `root` needs at run time, by normalised name, root excluded;
    None for one that only the other platform installs (so it is not here to read)."""
    found: dict[str, metadata.Distribution | None] = {}
    pending = list(metadata.requires(root) or [])
    while pending:
        requirement = Requirement(pending.pop())
        marker = requirement.marker
        if marker and not any(marker.evaluate({**env, "extra": ""}) for env in _PLATFORMS):
            continue
        key = normalise(requirement.name)
        if key in found:
            continue
        try:
            dist: metadata.Distribution | None = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            dist = None
        found[key] = dist
        if dist is not None:
            pending.extend(dist.requires or [])
    return dict(sorted(found.items()))


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 100:
        return text
    classifiers = [
        c.rsplit("::", 1)[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    return " / ".join(classifiers) or "(see the package's licence file)"


_LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)
# Declared by sqlite-utils for its plug-in installer, never imported: not in the bundle.
NOT_BUNDLED = {"pip"}


def collect(outdir: Path) -> list[Path]:
    """Copy every runtime dependency's licence files into outdir/<name>-<version>/."""
    written: list[Path] = []
    for key, dist in runtime_distributions().items():
        if dist is None or key in NOT_BUNDLED:
            continue
        target = outdir / f"{key}-{dist.version}"
        for file in dist.files or []:
            parts = file.parts
            meta = [i for i, part in enumerate(parts) if part.endswith(".dist-info")]
            if not meta or not _LICENCE_FILE.search(file.name):
                continue
            source = Path(str(dist.locate_file(file)))
            if source.is_file():
                # Keep the path inside dist-info (licenses/...): names repeat across it.
                destination = target.joinpath(*parts[meta[0] + 1 :])
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
                written.append(destination)
        if not target.is_dir():
            # PySide6 and shiboken6 wheels carry no licence file: name the licence here.
            target.mkdir(parents=True)
            written.append(target / "LICENCE-NOTE.txt")
            written[-1].write_text(
                f"{dist.metadata['Name']} {dist.version}: {licence_of(dist)}\n"
                "The package ships no licence file; see THIRD-PARTY-NOTICES.md.\n",
                encoding="utf-8",
            )
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--package-copy"]:
        shutil.copyfile(NOTICES, PACKAGE_COPY)
        print(PACKAGE_COPY)
        return 0
    if len(args) == 2 and args[0] == "--collect":
        for path in collect(Path(args[1])):
            print(path)
        return 0
    if args:
        print(__doc__, file=sys.stderr)
        return 2
    for key, dist in runtime_distributions().items():
        if dist is None:
            print(f"{key}\t-\t(other platform only: not installed here)")
        else:
            print(f"{key}\t{dist.version}\t{licence_of(dist)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
