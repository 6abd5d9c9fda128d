"""The worker wrapper: results, pieces, progress and errors arrive on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from sp_desktop.core.base.errors import DiskFullError, UserFacingError
from sp_desktop.ui.operations import ALL_DATA, NOTHING, ChangeBus, Changes, run_write
from sp_desktop.ui.worker import TaskContext, TaskRunner


def test_result_partials_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui = threading.get_ident()
    seen: dict[str, list] = {"threads": [], "partials": [], "progress": [], "done": []}

    def work(context: TaskContext) -> str:
        seen["threads"].append(threading.get_ident())
        for i in range(3):
            context.partial(i)
            context.report(i + 1, 3, "langkah")
        return "selesai"

    def on_done(result: str) -> None:
        seen["done"].append((result, threading.get_ident()))

    runner.submit(
        work,
        on_done=on_done,
        on_partial=seen["partials"].append,
        on_progress=lambda d, t, s: seen["progress"].append((d, t, threading.get_ident())),
    )
    qtbot.waitUntil(lambda: bool(seen["done"]), timeout=5000)
    assert seen["threads"] != [gui]  # the work ran elsewhere
    assert seen["done"] == [("selesai", gui)]
    assert seen["partials"] == [0, 1, 2]
    assert [(d, t) for d, t, _ in seen["progress"]] == [(1, 3), (2, 3), (3, 3)]
    assert {thread for _, _, thread in seen["progress"]} == {gui}
    assert runner.shutdown()


def test_cancel_stops_the_work_and_drops_late_pieces(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    pieces: list[int] = []
    outcome: list[str] = []

    def endless(context: TaskContext) -> None:
        started.set()
        for i in range(10_000):
            context.partial(i)
            time.sleep(0.001)

    handle = runner.submit(
        endless,
        on_partial=pieces.append,
        on_done=lambda _: outcome.append("done"),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"]
    count = len(pieces)
    qtbot.wait(50)
    assert len(pieces) == count < 10_000
    assert runner.shutdown()


def test_errors_go_to_the_one_error_path(qtbot: QtBot) -> None:
    runner = TaskRunner()

    def fails(context: TaskContext) -> None:
        raise DiskFullError("Disk penuh.")

    with qtbot.waitSignal(runner.failed, timeout=5000) as signal:
        runner.submit(fails)
    assert isinstance(signal.args[0], DiskFullError)
    assert not runner.busy
    assert runner.shutdown()


@pytest.mark.parametrize("synchronous", [True])
def test_synchronous_runner_runs_inline(synchronous: bool) -> None:
    runner = TaskRunner(synchronous=synchronous)
    got: list[object] = []
    runner.submit(lambda c: (c.partial("a"), 42)[1], on_done=got.append, on_partial=got.append)
    assert got == ["a", 42]
    errors: list[BaseException] = []
    runner.submit(lambda c: 1 / 0, on_error=errors.append)
    assert isinstance(errors[0], ZeroDivisionError)


# -- the operation helper on top of it ------------------------------------------------------


def test_a_write_is_announced_after_its_own_follow_up(qtbot: QtBot) -> None:
    runner = TaskRunner()
    bus = ChangeBus()
    seen: list[object] = []
    bus.data_changed.connect(lambda changes, initiator: seen.append((changes, initiator)))
    gui = threading.get_ident()
    threads: list[int] = []

    def write(context: TaskContext) -> int:
        threads.append(threading.get_ident())
        time.sleep(0.05)
        return 7

    # wait=True: back only once written, followed up and announced, as if inline.
    run_write(
        runner, bus, write, changes=Changes(staff=True), on_done=seen.append, initiator=runner,
        wait=True,
    )  # fmt: skip
    assert threads != [gui]
    assert seen == [7, (Changes(staff=True), runner)]
    runner.shutdown()


def test_a_refused_write_announces_nothing_and_keeps_to_its_caller(qtbot: QtBot) -> None:
    runner = TaskRunner(synchronous=True)
    bus = ChangeBus()
    announced: list[object] = []
    bus.data_changed.connect(lambda *args: announced.append(args))
    refused: list[UserFacingError] = []
    unhandled: list[object] = []
    runner.failed.connect(unhandled.append)

    def write(context: TaskContext) -> None:
        raise UserFacingError("Belum tersimpan.")

    run_write(runner, bus, write, changes=ALL_DATA, on_refused=refused.append)
    assert [str(exc) for exc in refused] == ["Belum tersimpan."]
    assert announced == [] and unhandled == []
    # Without a handler of its own, the refusal goes where the window shows it.
    run_write(runner, bus, write, changes=ALL_DATA)
    assert len(unhandled) == 1 and announced == []
    # A write that turns out to change nothing says so through its result.
    run_write(runner, bus, lambda context: 0, changes=lambda n: Changes(staff=bool(n)))
    assert announced == []


def test_changes_combine_and_say_which_views_care() -> None:
    assert not NOTHING and Changes(keys=True)
    both = Changes(staff=True) | Changes(visits=True)
    assert both == Changes(staff=True, visits=True)
    assert both.household_rows and both.figures and both.unsent
    assert not Changes(keys=True).figures and not Changes(settings=True).unsent
