"""The guide's screenshots, made by driving the app on demo data (so they stay true when
screens change).

Creates demo data in a temporary folder (the `demo` command), opens the windows in this
process on the current DISPLAY, signed in as the demo admin (who sees every menu), opens each
screen through the main window's own menu actions, grabs that window alone
(QWidget.grab(), not the screen), and writes compact PNGs (at most MAX_WIDTH px wide, 256
colours or fewer, under MAX_BYTES) to sp_desktop/data/help/img/<lang>/ (or --out). Expects an
X server of 1366x768: Xvfb, e.g. `Xvfb :83 -screen 0 1366x768x24 &` and DISPLAY=:83, or in one
line from the checkout:

xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python packaging/help_screenshots.py --lang id

`--lang en` runs the app in English (SP_DESKTOP_LANG=en and the UI's language switch); until
the English catalogue is filled the screens still show the Indonesian source texts. The
names written are the ones the help pages use (sp_desktop/data/help/<lang>/*.html).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_WIDTH = 760  # the guide's page is about this wide at 1366x768 (help_window.py)
MAX_BYTES = 150_000
MAIN_SIZE = (1093, 614)  # the office screen at 125% scaling, in logical pixels
ADMIN_NIP = "198001012005031001"
DEMO_PASSWORD = "sp2020-demo"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument(
        "--out", type=Path, help="folder for the PNG files (sp_desktop/data/help/img/<lang>)"
    )
    parser.add_argument("--households", type=int, default=300)
    parser.add_argument("--keep-data", action="store_true", help="leave the demo folder")
    return parser.parse_args(argv)


def make_demo(data_dir: Path, households: int) -> None:
    env = dict(os.environ, SP_DESKTOP_PASSWORD=DEMO_PASSWORD)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sp_desktop",
            "--data-dir",
            str(data_dir),
            "demo",
            "--households",
            str(households),
            "--seed",
            "2020",
        ],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


class Shooter:
    def __init__(self, out: Path) -> None:
        from PySide6.QtWidgets import QApplication

        self.out = out
        self.app = QApplication.instance()
        self.written: list[str] = []

    def wait(self, ms: int) -> None:
        from PySide6.QtCore import QEventLoop

        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)  # type: ignore[union-attr]

    def save(self, widget: object, name: str) -> None:
        from PIL import Image
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        pixmap = widget.grab()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.toImage().save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        image = Image.open(io.BytesIO(data.data())).convert("RGB")
        if image.width > MAX_WIDTH:
            height = round(image.height * MAX_WIDTH / image.width)
            image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
        colours = 256
        while True:
            quantized = image.quantize(
                colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
            )
            packed = io.BytesIO()
            quantized.save(packed, "PNG", optimize=True)
            if packed.tell() <= MAX_BYTES or colours <= 32:
                break
            colours //= 2
        path = self.out / f"{name}.png"
        path.write_bytes(packed.getvalue())
        self.written.append(f"{path.name} {image.width}x{image.height} {packed.tell() // 1024} KB")

    def window_of(
        self,
        opened: Callable[[], object],
        name: str,
        *,
        settle_ms: int = 1200,
        prepare: Callable[[object], None] | None = None,
    ) -> None:
        """Run `opened` (a menu action's trigger), grab the window it brings up, close it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QDialog

        before = set(QApplication.topLevelWidgets())
        done: list[bool] = []

        def grab() -> None:
            window = QApplication.activeModalWidget()
            if window is None:
                fresh = [
                    w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()
                ]
                window = fresh[-1] if fresh else None
            if window is None:
                print(f"  {name}: no window opened", file=sys.stderr)
            else:
                if prepare is not None:
                    prepare(window)
                    self.wait(400)
                self.save(window, name)
                if isinstance(window, QDialog):
                    window.reject()
                window.close()
            done.append(True)

        QTimer.singleShot(settle_ms, grab)
        opened()
        while not done:
            self.wait(50)
        self.wait(200)


def find_action(window: object, attributes: tuple[str, ...], texts: tuple[str, ...]) -> object:
    from PySide6.QtGui import QAction

    for name in attributes:
        action = getattr(window, name, None)
        if isinstance(action, QAction):
            return action
    for action in window.findChildren(QAction):  # type: ignore[attr-defined]
        plain = action.text().replace("&", "").lower()
        if any(text.lower() in plain for text in texts):
            return action
    return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ["SP_DESKTOP_LANG"] = args.lang
    out = (args.out or ROOT / "sp_desktop" / "data" / "help" / "img" / args.lang).resolve()
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    temp = Path(tempfile.mkdtemp(prefix="sp-help-shots-"))
    data_dir = temp / "data"
    try:
        print(f"demo data ({args.households} households) in {data_dir} ...")
        make_demo(data_dir, args.households)
        return shoot(args, out, temp, data_dir)
    finally:
        if not args.keep_data:
            shutil.rmtree(temp, ignore_errors=True)


def shoot(args: argparse.Namespace, out: Path, temp: Path, data_dir: Path) -> int:
    from sp_desktop.ui.shell.app import make_application

    app = make_application([sys.argv[0]])
    try:
        from sp_desktop.ui.shell.language import apply_language

        apply_language(args.lang)
    except ImportError:  # before the English UI: the app speaks Indonesian
        pass
    from sp_desktop.core.security.installation import Installation
    from sp_desktop.ui.accounts.session import LoginDialog, SetupDialog
    from sp_desktop.ui.shell.main_window import MainWindow
    from sp_desktop.ui.worker import TaskRunner

    shooter = Shooter(out)

    login = LoginDialog(data_dir)
    login.show()
    shooter.wait(300)
    shooter.save(login, "masuk")
    login.close()

    setup = SetupDialog(temp / "baru")
    setup.show()
    shooter.wait(300)
    shooter.save(setup, "siapkan")
    setup.close()

    installation = Installation.open(data_dir, ADMIN_NIP, DEMO_PASSWORD)
    runner = TaskRunner(app)
    win = MainWindow(installation, runner)
    win.resize(*MAIN_SIZE)
    win.fit_panels(MAIN_SIZE[0])  # as app.place_main_window splits it: the form whole
    win.show()
    shooter.wait(1500)
    win.table.setFocus()
    win.table.selectRow(2)
    shooter.wait(800)
    shooter.save(win, "jendela-utama")
    # The form whole, with its visit part open, at the full screen's size.
    win.resize(1366, 740)
    win.form.record_visit.setChecked(True)
    shooter.wait(500)
    shooter.save(win.form, "formulir")
    win.form.discard_changes()
    win.resize(*MAIN_SIZE)
    win.fit_panels(MAIN_SIZE[0])
    shooter.wait(300)

    shots: list[tuple[str, tuple[str, ...], tuple[str, ...], int]] = [
        ("petugas-posko", ("people_action",), ("Petugas dan Posko",), 800),
        ("akun", ("accounts_action",), ("Kelola akun",), 800),
        ("rekapitulasi", ("recap_action",), ("Rekapitulasi",), 1200),
        ("serah-terima", ("handover_action",), ("serah terima",), 1200),
        ("periksa", ("verify_action",), ("Periksa keaslian",), 600),
        ("sinkron", ("sync_action",), ("terima data",), 1200),
        ("konflik", ("conflicts_action",), ("Konflik dan data ganda",), 1500),
        ("pegawai", ("staff_action",), ("Pegawai ASN",), 2000),
        ("dasbor", ("dashboard_action",), ("Dasbor",), 3000),
        ("evaluasi", ("evaluation_action",), ("Evaluasi dua mingguan",), 800),
        (
            "kunjungan-ulang",
            ("agenda_action", "revisits_action", "revisit_action"),
            ("Kunjungan ulang", "Revisit"),
            2000,
        ),
    ]
    for name, attributes, texts, settle in shots:
        action = find_action(win, attributes, texts)
        if action is None:
            print(f"  {name}: no such menu entry (yet); skipped", file=sys.stderr)
            continue
        shooter.window_of(action.trigger, name, settle_ms=settle)  # type: ignore[attr-defined]

    win.form.discard_changes()
    win.close()
    runner.shutdown()
    installation.close()
    for line in shooter.written:
        print(" ", line)
    print(f"{len(shooter.written)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
