#!/usr/bin/env bash
# Build the Linux packages in one command, on a fresh Debian/Ubuntu (as root, or with sudo):
#   bash packaging/build.sh linux
# Installs what is missing (apt-get; the project's .venv with the [build] extra), builds the
# PyInstaller onedir (packaging/sp-desktop.spec) into dist/sp-desktop, writes
#   dist/sp-desktop-<version>-linux-x86_64.tar.xz
#   dist/sp-desktop_<version>_amd64.deb
# and smoke-tests the unpacked tarball (packaging/smoke_test.py). Exits non-zero on any failure.
# Environment:
#   SP_BUILD_FAST=1    fastest compression (xz -0), for CI; the packages are ~40% larger
#   SP_BUILD_DIST=DIR  output folder instead of dist/ (the tests use a temporary one)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${1:-}"
if [ "$target" != linux ]; then
    echo "Usage: bash packaging/build.sh linux   (the Windows installer is built on Windows)" >&2
    exit 2
fi
[ "${2:-}" = --fast ] && SP_BUILD_FAST=1
fast="${SP_BUILD_FAST:-0}"
dist="${SP_BUILD_DIST:-$root/dist}"
mkdir -p "$dist"
dist="$(cd "$dist" && pwd)"
work="$root/build"
started=$SECONDS

step() { echo "[build $((SECONDS - started))s] $*"; }

# What PyInstaller copies into the bundle must be on this machine (the xcb libraries Qt's
# window needs, cups for printing); objdump is PyInstaller's and check_glibc.py's; Xvfb and
# xwininfo let the smoke test see the first window.
system_pkgs=(binutils xz-utils python3 python3-venv
             libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
             libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
             libxcb-shape0 libxkbcommon-x11-0 libcups2 xvfb x11-utils)

need_apt() {
    local missing=() sudo=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            echo "Missing system packages. As root run, then try again:" >&2
            echo "  apt-get install -y ${missing[*]}" >&2
            exit 1
        fi
    fi
    step "apt-get install ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Run a long command with its output in a log, printing a line every 20 s so it is never
# silent; on failure show the end of the log.
quietly() {
    local log="$1"; shift
    "$@" >"$log" 2>&1 &
    local pid=$! waited=0
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1
        waited=$((waited + 1))
        [ $((waited % 20)) -eq 0 ] && step "  ... still running (${waited}s)"
    done
    if ! wait "$pid"; then
        tail -n 40 "$log" >&2
        echo "FAILED: $* (full log: $log)" >&2
        exit 1
    fi
}

step "system packages"
need_apt "${system_pkgs[@]}"

step "Python environment (.venv with the [build] extra)"
if [ ! -x .venv/bin/python ]; then
    python=""
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            python="$candidate"; break
        fi
    done
    if [ -z "$python" ]; then
        echo "Python 3.11 or newer is needed (Debian 12, Ubuntu 24.04; or a python3.11 package)." >&2
        exit 1
    fi
    "$python" -m venv .venv
fi
stamp=".venv/.installed-build"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] \
    || ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".[build]"
    touch "$stamp"
fi
py=.venv/bin/python
# PyInstaller bundles libpython3.X.so, which Debian/Ubuntu's own Python keeps in a package apart.
base_python="$($py -c 'import sys; print(sys.base_prefix, "%d.%d" % sys.version_info[:2])')"
if [ "${base_python% *}" = /usr ]; then
    need_apt "libpython${base_python#* }"
fi
version="$($py -c 'import sp_desktop; print(sp_desktop.__version__)')"
mkdir -p "$work"

# Icons come from packaging/build_icons.py (resources/sp-desktop.svg) when it exists.
png=""
if [ -f packaging/build_icons.py ]; then
    step "icons"
    $py packaging/build_icons.py "$work/icons" >/dev/null
    [ -f "$work/icons/sp-desktop.png" ] && png="$work/icons/sp-desktop.png"
fi

# Each dependency's own licence files (copyright lines that MIT/BSD ask to ship with binaries).
licences=""
if [ -f packaging/list_licences.py ]; then
    step "licence files"
    rm -rf "$work/licences"
    $py packaging/list_licences.py --collect "$work/licences" >/dev/null
    licences="$work/licences"
fi

step "translations (resources/i18n -> sp_desktop/data)"
$py packaging/build_translations.py

step "PyInstaller onedir (about a minute)"
quietly "$work/pyinstaller.log" .venv/bin/pyinstaller --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work/pyinstaller" packaging/sp-desktop.spec
onedir="$dist/sp-desktop"
# Modes as packages want them (755 programs and folders, 644 the rest) before two packagers
# read the same files at once.
chmod -R u+rwX,go+rX,go-w "$onedir"
size_mb=$(du -sm "$onedir" | cut -f1)
step "onedir: $onedir (${size_mb} MB, $(find "$onedir" -type f | wc -l) files)"

if [ "$fast" = 1 ]; then xz_level=-0; else xz_level=-6; fi
name="sp-desktop-$version"
tarball="$dist/$name-linux-x86_64.tar.xz"
deb="$dist/sp-desktop_${version}_amd64.deb"
step "tarball $tarball (xz $xz_level) and Debian package $deb, side by side"
# Staged next to the output with hard links (same file system), so nothing big is copied.
stage="$dist/.stage-tar"
rm -rf "$stage"
mkdir -p "$stage"
cp -al "$onedir" "$stage/$name" 2>/dev/null || cp -a "$onedir" "$stage/$name"
for doc in LICENSE THIRD-PARTY-NOTICES.md CHANGELOG.md; do
    if [ -f "$doc" ]; then cp "$doc" "$stage/$name/"; fi
done
cp packaging/linux/README-linux.txt "$stage/$name/README.txt"
if [ -n "$png" ]; then cp "$png" "$stage/$name/sp-desktop.png"; fi
if [ -n "$licences" ]; then cp -r "$licences" "$stage/$name/licences"; fi
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -cf - "$name" \
    | xz -T0 $xz_level > "$tarball" 2>"$work/tar.log" &
tar_pid=$!

deb_args=(--version "$version" --svg resources/sp-desktop.svg)
if [ -n "$png" ]; then deb_args+=(--icon "$png"); fi
if [ -n "$licences" ]; then deb_args+=(--licences "$licences"); fi
if [ "$fast" = 1 ]; then deb_args+=(--fast); fi
quietly "$work/deb.log" $py packaging/linux/build_deb.py "$onedir" "$deb" "${deb_args[@]}"
sed 's/^/  /' "$work/deb.log"
if ! wait "$tar_pid"; then
    cat "$work/tar.log" >&2
    echo "FAILED: tar/xz of $tarball" >&2
    exit 1
fi
rm -rf "$stage"

step "smoke test of the unpacked tarball"
check="$work/smoke"
rm -rf "$check"
mkdir -p "$check"
tar -C "$check" -xJf "$tarball"
$py packaging/smoke_test.py "$check/$name"
rm -rf "$check"

step "done in $((SECONDS - started)) s:"
ls -l "$tarball" "$deb" | awk '{printf "  %6.1f MB  %s\n", $5 / 1000000, $NF}'
