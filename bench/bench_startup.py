"""Cold start with login to the main window's first rows, N households, vs a bare window.

Each start is a fresh interpreter. The clock starts in the parent just before spawning;
the child prints time.time() once the window is shown, its first paint processed and (for
SP Desktop) the household list holds its first rows. SP Desktop's start includes the login
that the dialog does once the password is typed: `Installation.open` (argon2id at the
production cost, then the encrypted database); the time spent typing is not counted.
Goal: ratio <= 1.5x.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from _common import PROGRAM, PYTHON, Row, admin_nip, demo_dir, parse_args, report

GOAL_RATIO = 1.5

# What `sp-desktop` -> run_app() does, minus app.exec(): the application, then the login
# (what LoginDialog runs on "Masuk", without the dialog), then the main window; wait for
# the list's first rows and paint them. The start-up backup (run_startup_tasks) is left out.
APP_CHILD = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop
import sp_desktop.cli  # what the sp-desktop command loads first
from sp_desktop.core.demo import DEMO_PASSWORD
from sp_desktop.core.installation import Installation
from sp_desktop.ui.app import make_application
from sp_desktop.ui.main_window import MainWindow
from sp_desktop.ui.worker import TaskRunner
app = make_application()
opened = time.time()
installation = Installation.open(Path(sys.argv[1]), sys.argv[2], DEMO_PASSWORD, program=sys.argv[3])
login = time.time() - opened
runner = TaskRunner(app)
window = MainWindow(installation, runner)
window.resize(1366, 740)
window.show()
app.processEvents()
deadline = time.monotonic() + 60
while window.model.rowCount() == 0 and time.monotonic() < deadline:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
app.processEvents()
print(login, time.time(), window.model.rowCount(), flush=True)
window.close()
runner.shutdown()
installation.close()
"""

BARE_CHILD = """
import time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 740)
window.show()
app.processEvents()
print(0, time.time(), 0, flush=True)
"""


def start_once(code: str, *args: str, need_rows: bool = False) -> tuple[float, float]:
    """(seconds from spawning a fresh interpreter to the child's 'shown' timestamp,
    seconds of that spent in Installation.open)."""
    start = time.time()
    done = subprocess.run([PYTHON, "-c", code, *args], capture_output=True, text=True, check=False)
    lines = done.stdout.split()
    if len(lines) < 3:  # no timestamp: the window never showed
        sys.exit(f"child failed ({done.returncode}):\n{done.stderr}")
    if done.returncode != 0:  # a start that crashes is no start, even after the window showed
        sys.exit(f"child crashed ({done.returncode}):\n{done.stderr}")
    login, shown, rows = lines[-3:]
    if need_rows and int(rows) == 0:
        sys.exit("the household list never got its first rows")
    return float(shown) - start, float(login)


def main() -> int:
    args = parse_args(
        __doc__.splitlines()[0], 100_000, repeat=(int, 5, "starts of each kind (default 5)")
    )
    data = str(demo_dir(args.households))
    app_args = (data, admin_nip(), PROGRAM)
    # As packaging/setup.sh does: start-up reads cached bytecode, it does not compile.
    subprocess.run([PYTHON, "-m", "compileall", "-q", "sp_desktop"], check=True)
    # One warm-up start of each, not counted: both then find their files in the OS cache.
    start_once(APP_CHILD, *app_args, need_rows=True)
    start_once(BARE_CHILD)
    ours: list[float] = []
    logins: list[float] = []
    floor: list[float] = []
    for _ in range(args.repeat):  # interleaved, so a noisy moment hits both kinds
        seconds, login = start_once(APP_CHILD, *app_args, need_rows=True)
        ours.append(seconds)
        logins.append(login)
        floor.append(start_once(BARE_CHILD)[0])
    ours_s, floor_s = statistics.median(ours), statistics.median(floor)
    ratio = ours_s / floor_s
    rows = [
        Row(
            "median start to first rows shown (login included)",
            ours_s * 1000,
            floor_s * 1000,
            "ms",
            f"ratio <= {GOAL_RATIO}x",
            ratio <= GOAL_RATIO,
        ),
        Row("min", min(ours) * 1000, min(floor) * 1000, "ms"),
        Row("max", max(ours) * 1000, max(floor) * 1000, "ms"),
        Row("of which Installation.open (median)", statistics.median(logins) * 1000, None, "ms"),
    ]
    notes = [
        "floor: fresh interpreter, QApplication + QMainWindow(1366x740) shown, one paint",
        "ours: same, after the login Installation.open(NIP, password) (argon2id 64 MiB x 3,"
        " then the SQLCipher database and the login audit entry), MainWindow with the list's"
        " first rows painted; typing the password and the start-up backup not counted",
    ]
    ok = report(
        "bench_startup",
        f"cold start with login, {args.households:,} households, {args.repeat} starts each "
        "(median)",
        rows,
        notes,
        households=args.households,
        ours_s=ours,
        floor_s=floor,
        login_s=logins,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
