"""Peak memory (max RSS) of the main window after scrolling through N households.

In a fresh process: log in as the demo admin (`Installation.open`: argon2id with 64 MiB,
then the encrypted database), MainWindow with a real TaskRunner on the N-household demo
installation, wait until the search stream has finished (every row in the model) and the
counts are in, then drag the table from top to bottom in ~500 steps, processing events after each,
so the view asks data() for the visible rows. Floor: a bare QMainWindow with an empty
QTableView, shown and scrolled the same way. Goal: <= 250 MB (10^6 bytes) max RSS.
"""

from __future__ import annotations

import json
import subprocess
import sys

from _common import PROGRAM, PYTHON, Row, admin_nip, demo_dir, parse_args, report

GOAL_MB = 250.0

CHILD = """
import json, resource, sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop

def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6

mode, data, steps, nip, program = sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:6]
start = time.perf_counter()
rss_login = 0.0
if mode == "app":
    from sp_desktop.core.demo import DEMO_PASSWORD
    from sp_desktop.core.security.installation import Installation
    from sp_desktop.ui.shell.app import make_application
    from sp_desktop.ui.shell.main_window import MainWindow
    from sp_desktop.ui.worker import TaskRunner
    app = make_application()
    installation = Installation.open(Path(data), nip, DEMO_PASSWORD, program=program)
    rss_login = max_rss_mb()
    runner = TaskRunner(app)
    window = MainWindow(installation, runner)
    table = window.table
else:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
    app = QApplication([])
    rss_login = max_rss_mb()
    window = QMainWindow()
    table = QTableView(window)
    window.setCentralWidget(table)
window.resize(1366, 740)
window.show()
app.processEvents()
if mode == "app":
    deadline = time.monotonic() + 900
    while (not window.model.finished or runner.busy) and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    app.processEvents()
rows = table.model().rowCount() if table.model() is not None else 0
loaded = time.perf_counter()
rss_loaded = max_rss_mb()
bar = table.verticalScrollBar()
for i in range(steps + 1):
    bar.setValue(bar.maximum() * i // steps)
    app.processEvents()
print(json.dumps({"rows": rows, "at_bottom": bar.value() == bar.maximum(),
                  "load_s": loaded - start, "scroll_s": time.perf_counter() - loaded,
                  "rss_login_mb": rss_login, "rss_loaded_mb": rss_loaded,
                  "rss_peak_mb": max_rss_mb()}), flush=True)
window.close()
if mode == "app":
    runner.shutdown()
    installation.close()
"""


def run_child(mode: str, data: str, steps: int) -> dict[str, float]:
    done = subprocess.run(
        [PYTHON, "-c", CHILD, mode, data, str(steps), admin_nip(), PROGRAM],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"{mode} child failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def main() -> int:
    args = parse_args(
        __doc__.splitlines()[0], 1_000_000, steps=(int, 500, "scroll steps (default 500)")
    )
    data = str(demo_dir(args.households))
    floor = run_child("bare", data, args.steps)
    ours = run_child("app", data, args.steps)
    if ours["rows"] != args.households or not ours["at_bottom"]:
        sys.exit(f"the list did not hold every household or did not reach the end: {ours}")
    peak = ours["rss_peak_mb"]
    rows = [
        Row(
            "max RSS after scrolling",
            peak,
            floor["rss_peak_mb"],
            "MB",
            f"<= {GOAL_MB:g} MB",
            peak <= GOAL_MB,
        ),
        Row(
            "max RSS after login (argon2id 64 MiB)",
            ours["rss_login_mb"],
            floor["rss_login_mb"],
            "MB",
        ),
        Row("max RSS before scrolling", ours["rss_loaded_mb"], floor["rss_loaded_mb"], "MB"),
        Row("load (login, until every row listed)", ours["load_s"], floor["load_s"], "s"),
        Row(f"scroll top to bottom ({args.steps} steps)", ours["scroll_s"], floor["scroll_s"], "s"),
    ]
    ok = report(
        "bench_memory",
        f"peak memory of the window after scrolling {args.households:,} households",
        rows,
        [
            "floor: bare QMainWindow with an empty QTableView, shown and scrolled the same way",
            "ours logs in first (Installation.open); its argon2id takes 64 MiB for a moment,"
            " which stays in max RSS (a high-water mark)",
            "MB = 10^6 bytes; RSS from resource.getrusage(RUSAGE_SELF).ru_maxrss in the child",
        ],
        households=args.households,
        steps=args.steps,
        ours=ours,
        floor=floor,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
