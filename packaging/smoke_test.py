"""Smoke test of a built onedir bundle (Linux and Windows), standard library only.

    python packaging/smoke_test.py DIST/sp-desktop [--no-window] [--max-mb 300] [--max-glibc 2.35]

Runs the bundled console program in a clean environment (nothing of the project or its
virtual environment on PATH/PYTHONPATH, a temp working folder and data folder, Qt offscreen):
--version, demo, stats, validate, slips + verify, slip + verify, and a tampered PDF that
verify must refuse. Then starts the windowed program: on Linux under Xvfb until its first
window shows (when Xvfb and xwininfo are installed); elsewhere offscreen, and it must still
be running after a few seconds. Also checks the bundle's size and, on Linux, its glibc floor.
Prints one line per step and the timings; exits 1 on the first failure.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ADMIN = "198001012005031001"
COORDINATOR = "198405022009012002"
DEMO_PASSWORD = "sp2020-demo"
WINDOWS = sys.platform == "win32"
HERE = Path(__file__).resolve().parent


class SmokeFailure(Exception):
    pass


def expected_version() -> str:
    text = (HERE.parent / "sp_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SmokeFailure("no __version__ in sp_desktop/__init__.py")
    return match.group(1)


def clean_env(home: Path) -> dict[str, str]:
    """Only what the OS needs: no PYTHONPATH, no venv, no project folder on PATH."""
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "SP_DESKTOP_PASSWORD": DEMO_PASSWORD,
    }
    if WINDOWS:
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env.update(
            SYSTEMROOT=system_root,
            WINDIR=system_root,
            PATH=rf"{system_root}\System32;{system_root}",
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
            PROGRAMDATA=str(home / "ProgramData"),
            TEMP=str(home / "Temp"),
            TMP=str(home / "Temp"),
        )
        for key in ("APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "TEMP"):
            Path(env[key]).mkdir(parents=True, exist_ok=True)
    else:
        env.update(
            PATH="/usr/bin:/bin",
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_RUNTIME_DIR=str(home / "run"),
        )
        (home / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


class Bundle:
    def __init__(self, onedir: Path, work: Path) -> None:
        exe = ".exe" if WINDOWS else ""
        self.cli = onedir / f"sp-desktop{exe}"
        self.app = onedir / ("SP Desktop.exe" if WINDOWS else "sp-desktop-app")
        for program in (self.cli, self.app):
            if not program.is_file():
                raise SmokeFailure(f"missing program: {program}")
        self.work = work
        self.env = clean_env(work / "home")
        # A non-ASCII folder name: UTF-8 mode must echo it back as UTF-8 on any console code page.
        self.data = work / "data Ampenan–Āmpenan"

    def run(
        self,
        *args: str,
        user: str | None = None,
        expect: int = 0,
        timeout: float = 180,
        language: str = "id",
    ) -> subprocess.CompletedProcess[bytes]:
        command = [str(self.cli), "--data-dir", str(self.data)]
        if user:
            command += ["--user", user]
        command += list(args)
        started = time.perf_counter()
        result = subprocess.run(
            command,
            cwd=self.work,
            env=self.env | {"SP_DESKTOP_LANG": language},
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
        elapsed = time.perf_counter() - started
        shown = " ".join(args[:2])
        print(f"  sp-desktop {shown}: exit {result.returncode} in {elapsed:.2f} s", flush=True)
        if result.returncode != expect:
            raise SmokeFailure(
                f"sp-desktop {' '.join(args)} exited {result.returncode}, expected {expect}\n"
                f"stdout: {decode(result.stdout)[-2000:]}\nstderr: {decode(result.stderr)[-2000:]}"
            )
        return result


def decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def strict_text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SmokeFailure(f"{what} is not UTF-8 (is UTF-8 mode on?): {exc}") from exc


def check_size(onedir: Path, max_mb: float) -> None:
    total = files = 0
    for path in onedir.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    megabytes = total / 1_000_000
    print(f"size: {megabytes:.1f} MB in {files} files (limit {max_mb:g} MB)", flush=True)
    if megabytes > max_mb:
        raise SmokeFailure(f"bundle is {megabytes:.1f} MB, over {max_mb:g} MB")


def check_glibc(onedir: Path, max_glibc: str) -> None:
    sys.path.insert(0, str(HERE))
    from check_glibc import glibc_floor

    floor, needers = glibc_floor(onedir)
    shown = ".".join(map(str, floor))
    print(f"glibc floor: {shown} (needed by {needers[0].name if needers else '-'})", flush=True)
    if floor > tuple(int(part) for part in max_glibc.split(".")):
        raise SmokeFailure(f"glibc floor {shown} is above {max_glibc}")


def check_console(bundle: Bundle) -> None:
    version = bundle.run("--version")
    wanted = f"SP Desktop {expected_version()}"
    if decode(version.stdout).strip() != wanted:
        raise SmokeFailure(f"--version printed {decode(version.stdout)!r}, expected {wanted!r}")

    made = bundle.run("demo", "--households", "50", "--seed", "2020")
    if str(bundle.data) not in strict_text(made.stdout, "demo output"):
        raise SmokeFailure(f"demo did not name the data folder: {decode(made.stdout)}")

    stats = json.loads(bundle.run("stats", user=ADMIN).stdout)
    if stats.get("households") != 50 or not stats.get("demo"):
        raise SmokeFailure(f"stats: {stats}")

    # Region data (sp_desktop/data) must be bundled: a NIK's region code is checked against it.
    good = bundle.run("validate", "nik", "5271012007930001")
    if b"valid" not in good.stdout:
        raise SmokeFailure(f"validate: {decode(good.stdout)}")
    bundle.run("validate", "nik", "1234", expect=1)
    # The compiled catalogues (packaging/build_translations.py) must be bundled: the core's
    # English, and argparse's headings in Indonesian.
    english = bundle.run("validate", "nik", "1234", expect=1, language="en")
    if b"16 digits" not in english.stdout:
        raise SmokeFailure(f"validate in English: {decode(english.stdout)}")
    helped = bundle.run("--help")
    if b"positional arguments" in helped.stdout or b"pilihan" not in helped.stdout:
        raise SmokeFailure(f"--help in Indonesian: {decode(helped.stdout)[:600]}")

    all_slips = bundle.work / "semua.pdf"
    bundle.run("slips", "--out", str(all_slips), user=COORDINATOR)
    checked = bundle.run("verify", str(all_slips), user=COORDINATOR)
    if b"SAH" not in checked.stdout:
        raise SmokeFailure(f"verify: {decode(checked.stdout)}")

    # One visit's slip, by an id taken from a data package (the way another office reads it).
    package = bundle.work / "paket.spbundle"
    bundle.run("export", "bundle", "--out", str(package), "--tanpa-segel", user=COORDINATOR)
    with zipfile.ZipFile(package) as archive:
        first_visit = json.loads(archive.read("data/kunjungan.jsonl").splitlines()[0])
    one = bundle.work / "satu.pdf"
    bundle.run("slip", str(first_visit["id"]), "--out", str(one), user=COORDINATOR)
    bundle.run("verify", str(one), user=COORDINATOR)
    data = bytearray(one.read_bytes())
    data[len(data) // 3] ^= 0x20
    one.write_bytes(bytes(data))
    bundle.run("verify", str(one), user=COORDINATOR, expect=1)

    # A sealed bundle (age, through pyrage's compiled module): to this office's own key.
    own_key = bundle.work / "kantor.spkunci"
    bundle.run("key", "export", "--out", str(own_key), user=COORDINATOR)
    sealed = bundle.work / "bersegel.sppaket"
    bundle.run(
        "export", "bundle", "--all", "--out", str(sealed), "--recipient", str(own_key),
        user=COORDINATOR,
    )  # fmt: skip
    if not sealed.read_bytes().startswith(b"age-encryption.org/v1\n"):
        raise SmokeFailure("export bundle --recipient did not seal the bundle")


def _free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise SmokeFailure("no free X display number")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


_TREE_LINE = re.compile(r'^\s*(0x[0-9a-f]+) "(SP Desktop[^"]*)".*?\s(\d+)x(\d+)[+-]')


def _shown_window(tree: str, display: str) -> str:
    """The title of a mapped, real-sized SP Desktop window in `xwininfo -tree` output, if any
    (Qt also makes a 1x1 unmapped leader window with the application's name)."""
    for line in tree.splitlines():
        match = _TREE_LINE.match(line)
        if match is None or int(match.group(3)) < 100 or int(match.group(4)) < 100:
            continue
        info = subprocess.run(
            ["xwininfo", "-id", match.group(1), "-display", display],
            capture_output=True,
            check=False,
        )
        if b"IsViewable" in info.stdout:
            return match.group(2)
    return ""


def check_window_xvfb(bundle: Bundle, timeout: float) -> None:
    display = f":{_free_display()}"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {k: v for k, v in bundle.env.items() if k != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = display
    app = None
    try:
        deadline = time.monotonic() + 15
        while subprocess.run(
            ["xwininfo", "-root", "-display", display], capture_output=True, check=False
        ).returncode:
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise SmokeFailure("Xvfb did not start")
            time.sleep(0.05)
        log = (bundle.work / "app.log").open("wb")
        started = time.perf_counter()
        app = subprocess.Popen(
            [str(bundle.app), "--data-dir", str(bundle.data)],
            cwd=bundle.work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        while True:
            tree = subprocess.run(
                ["xwininfo", "-root", "-tree", "-display", display],
                capture_output=True,
                check=False,
            )
            title = _shown_window(decode(tree.stdout), display)
            if title:
                break
            if app.poll() is not None:
                raise SmokeFailure(
                    f"window program exited {app.returncode} before showing a window: "
                    + decode((bundle.work / "app.log").read_bytes())[-2000:]
                )
            if time.perf_counter() - started > timeout:
                raise SmokeFailure(f"no 'SP Desktop' window within {timeout:g} s")
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        print(f"window: {title!r} shown after {elapsed:.2f} s (Xvfb {display})", flush=True)
    finally:
        if app is not None:
            _stop(app)
        _stop(xvfb)


def check_window_offscreen(bundle: Bundle, seconds: float = 8) -> None:
    """No display to look at: the windowed program must start and keep running (on Windows
    this is also where None sys.stdout/sys.stderr would crash it)."""
    app = subprocess.Popen(
        [str(bundle.app), "--data-dir", str(bundle.data)],
        cwd=bundle.work,
        env=bundle.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(seconds)
        if app.poll() is not None:
            raise SmokeFailure(f"windowed program exited {app.returncode} within {seconds:g} s")
        print(f"window (offscreen): still running after {seconds:g} s", flush=True)
    finally:
        _stop(app)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("onedir", type=Path, help="the bundle folder (dist/sp-desktop)")
    parser.add_argument("--max-mb", type=float, default=300)
    parser.add_argument("--max-glibc", default="2.35")
    parser.add_argument("--no-window", action="store_true", help="skip the windowed program")
    parser.add_argument("--window-timeout", type=float, default=60)
    args = parser.parse_args(argv)
    onedir = args.onedir.resolve()
    with tempfile.TemporaryDirectory(prefix="sp-smoke-") as temp:
        work = Path(temp)
        try:
            check_size(onedir, args.max_mb)
            if sys.platform.startswith("linux") and shutil.which("objdump"):
                check_glibc(onedir, args.max_glibc)
            elif sys.platform.startswith("linux"):
                print("glibc floor: not checked (no objdump; apt-get install binutils)")
            bundle = Bundle(onedir, work)
            check_console(bundle)
            if not args.no_window:
                if (
                    sys.platform.startswith("linux")
                    and shutil.which("Xvfb")
                    and shutil.which("xwininfo")
                ):
                    check_window_xvfb(bundle, args.window_timeout)
                else:
                    check_window_offscreen(bundle)
        except (SmokeFailure, subprocess.TimeoutExpired) as exc:
            print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr, flush=True)
            return 1
    print("SMOKE TEST PASSED", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
