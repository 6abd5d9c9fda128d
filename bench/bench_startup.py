"""Cold start to the main window shown with N households, vs a bare PySide6 window.

Each start is a fresh interpreter. The clock starts in the parent just before spawning;
the child prints time.time() once the window is shown, its first paint processed and (for
SP Desktop) the household list holds its first rows. Goal: ratio <= 1.5x.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from _common import PYTHON, Row, demo_dir, parse_args, report

GOAL_RATIO = 1.5

# What `sp-desktop` -> run_app() does, minus app.exec(); then wait for the list's first rows
# and paint them.
APP_CHILD = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop
import sp_desktop.cli  # what the sp-desktop command loads first
from sp_desktop.core.storage import Storage
from sp_desktop.ui.app import make_application
from sp_desktop.ui.main_window import MainWindow
from sp_desktop.ui.worker import TaskRunner
app = make_application()
storage = Storage(Path(sys.argv[1]))
runner = TaskRunner(app)
window = MainWindow(storage, runner)
window.resize(1366, 740)
window.show()
app.processEvents()
deadline = time.monotonic() + 60
while window.model.rowCount() == 0 and time.monotonic() < deadline:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
app.processEvents()
print(time.time(), window.model.rowCount(), flush=True)
window.close()
storage.close()
"""

BARE_CHILD = """
import time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 740)
window.show()
app.processEvents()
print(time.time(), 0, flush=True)
"""


def start_once(code: str, *args: str, need_rows: bool = False) -> float:
    """Seconds from spawning a fresh interpreter to the child's 'shown' timestamp."""
    start = time.time()
    done = subprocess.run([PYTHON, "-c", code, *args], capture_output=True, text=True, check=False)
    lines = done.stdout.split()
    if len(lines) < 2:  # no timestamp: the window never showed
        sys.exit(f"child failed ({done.returncode}):\n{done.stderr}")
    if done.returncode != 0:  # a start that crashes is no start, even after the window showed
        sys.exit(f"child crashed ({done.returncode}):\n{done.stderr}")
    shown, rows = lines[-2:]
    if need_rows and int(rows) == 0:
        sys.exit("the household list never got its first rows")
    return float(shown) - start


def main() -> int:
    args = parse_args(
        __doc__.splitlines()[0], 100_000, repeat=(int, 5, "starts of each kind (default 5)")
    )
    data = str(demo_dir(args.households))
    # As packaging/setup.sh does: start-up reads cached bytecode, it does not compile.
    subprocess.run([PYTHON, "-m", "compileall", "-q", "sp_desktop"], check=True)
    # One warm-up start of each, not counted: both then find their files in the OS cache.
    start_once(APP_CHILD, data, need_rows=True)
    start_once(BARE_CHILD)
    ours: list[float] = []
    floor: list[float] = []
    for _ in range(args.repeat):  # interleaved, so a noisy moment hits both kinds
        ours.append(start_once(APP_CHILD, data, need_rows=True))
        floor.append(start_once(BARE_CHILD))
    ours_s, floor_s = statistics.median(ours), statistics.median(floor)
    ratio = ours_s / floor_s
    rows = [
        Row(
            "median start to window shown",
            ours_s * 1000,
            floor_s * 1000,
            "ms",
            f"ratio <= {GOAL_RATIO}x",
            ratio <= GOAL_RATIO,
        ),
        Row("min", min(ours) * 1000, min(floor) * 1000, "ms"),
        Row("max", max(ours) * 1000, max(floor) * 1000, "ms"),
    ]
    notes = [
        "floor: fresh interpreter, QApplication + QMainWindow(1366x740) shown, one paint",
        "ours: same, plus Storage + MainWindow with the list's first rows painted",
    ]
    ok = report(
        "bench_startup",
        f"cold start with {args.households:,} households, {args.repeat} starts each (median)",
        rows,
        notes,
        households=args.households,
        ours_s=ours,
        floor_s=floor,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
