#!/usr/bin/env bash
# One entry point for a fresh Debian/Ubuntu machine with Python 3.11+:
#   bash packaging/setup.sh run [sp-desktop arguments...]   install what is missing, start the app
#   bash packaging/setup.sh demo                            same, on a demo data folder with 2,000 households
#   bash packaging/setup.sh test [pytest arguments...]      install what is missing, check style, format,
#                                                           types and layers, run the whole test suite
# Python packages go into .venv next to this checkout; Qt's system libraries come from apt-get.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-run}"
[ $# -gt 0 ] && shift

# Qt's offscreen platform needs these; a real window needs the xcb ones too.
offscreen_pkgs=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0)
window_pkgs=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
             libxcb-shape0 libxkbcommon-x11-0)
# The tests read documents back and take screenshots with independent tools, build the
# Windows installer (nsis) and list it (7-Zip), and run the CLI on a wrong date (faketime).
# Files that leave the PC are opened by the tools their recipients have: `age` opens a sealed
# bundle, 7-Zip a password zip, LibreOffice (through python3-uno, which can type a password)
# an encrypted workbook and the `;` CSV.
# The Linux packages' own tools are installed by packaging/build.sh, which a test runs.
test_pkgs=(xvfb poppler-utils zbar-tools nsis p7zip-full faketime age libreoffice-calc-nogui
           python3-uno)
# The sync tests talk to a real CouchDB-compatible hub (tests/hub) that runs on Node.js.
# NodeSource's nodejs carries npm itself and Debian's npm package conflicts with it, so apt is
# asked only for the commands that are missing.
command -v node >/dev/null 2>&1 || test_pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || test_pkgs+=(npm)

need_apt() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "setup: memasang paket sistem: ${missing[*]}" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "Paket sistem belum terpasang. Jalankan sebagai root lalu ulangi:" >&2
        echo "  sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
}

pick_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    echo "Butuh Python 3.11 atau lebih baru (sudo apt-get install -y python3 python3-venv)." >&2
    exit 1
}

say() { echo "setup: $*" >&2; }

ensure_venv() {
    local extras="$1" stamp=".venv/.installed-$1"
    if [ ! -x .venv/bin/python ]; then
        local py; py="$(pick_python)"
        say "membuat lingkungan Python di .venv ($("$py" --version 2>&1))"
        if ! "$py" -m venv .venv 2>/dev/null; then
            need_apt python3-venv
            rm -rf .venv
            "$py" -m venv .venv
        fi
    fi
    # Reinstall only when pyproject.toml changed since the last install. pip's own chatter
    # goes to a log, shown only when something fails.
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        say "memasang paket Python${extras:+ $extras} (sekali saja, sekitar 1-2 menit; catatan: .venv/pip.log)"
        if ! { .venv/bin/python -m pip install --upgrade pip \
                && .venv/bin/python -m pip install -e ".${extras}"; } >.venv/pip.log 2>&1; then
            tail -n 30 .venv/pip.log >&2
            say "pemasangan paket Python gagal; lihat .venv/pip.log"
            exit 1
        fi
        touch "$stamp"
    fi
    # The translations' sources (resources/i18n) compiled into what the program loads; quick,
    # so always: a pulled change to a .ts or .po file takes effect at once.
    .venv/bin/python packaging/build_translations.py
    # Byte-compile our own sources once, so start-up does not recompile them each time
    # (an environment with PYTHONDONTWRITEBYTECODE set would otherwise never cache them).
    .venv/bin/python -m compileall -q sp_desktop >/dev/null
}

ensure_hub() {
    local stamp="tests/hub/node_modules/.installed"
    # Reinstall only when package-lock.json changed since the last install (npm ci starts
    # from an empty node_modules, so the stamp goes with it). No install scripts: nothing in
    # there needs compiling.
    if [ ! -f "$stamp" ] || [ tests/hub/package-lock.json -nt "$stamp" ]; then
        say "memasang server uji (PouchDB) di tests/hub"
        (cd tests/hub && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
        touch "$stamp"
    fi
}

case "$mode" in
    run|demo)
        need_apt "${offscreen_pkgs[@]}" "${window_pkgs[@]}"
        ensure_venv "[translations]"
        if [ "$mode" = demo ]; then
            demo_dir="${SP_DESKTOP_DEMO_DIR:-$HOME/sp-desktop-demo}"
            if [ ! -f "$demo_dir/kunci.json" ]; then
                if [ -e "$demo_dir" ]; then
                    # Demo data from before accounts and encryption: keep it aside, start anew.
                    mv "$demo_dir" "$demo_dir.lama-$(date +%Y%m%d%H%M%S)"
                fi
                .venv/bin/sp-desktop --data-dir "$demo_dir" demo --households 2000 --seed 2020
            fi
            exec .venv/bin/sp-desktop --data-dir "$demo_dir" "$@"
        fi
        exec .venv/bin/sp-desktop "$@"
        ;;
    test)
        need_apt "${offscreen_pkgs[@]}" "${window_pkgs[@]}" "${test_pkgs[@]}"
        ensure_venv "[test]"
        ensure_hub
        say "memeriksa gaya kode (ruff)"
        .venv/bin/ruff check sp_desktop tests bench resources packaging
        say "memeriksa format kode (ruff format)"
        .venv/bin/ruff format --check sp_desktop tests bench resources packaging
        say "memeriksa tipe data (mypy)"
        .venv/bin/mypy
        say "memeriksa aturan lapisan (lint-imports)"
        .venv/bin/lint-imports --no-cache --no-logo
        # Coverage here, not in addopts: a quick `pytest tests/unit/x.py` stays plain.
        say "menjalankan seluruh uji dengan cakupan kode (pytest)"
        exec .venv/bin/python -m pytest --cov=sp_desktop --cov-report=term:skip-covered "$@"
        ;;
    *)
        echo "Pemakaian: bash packaging/setup.sh {run|demo|test} [argumen...]" >&2
        exit 2
        ;;
esac
