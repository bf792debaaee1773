"""Report files written side by side: the same files as one after another, every error
brought back to the command as one line, and no fork beside a running thread."""

from __future__ import annotations

import errno
import multiprocessing.context
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.test_output_handling import HARDENED, INSECURE, one_line_error, voipscan
from tests.test_reuse import host
from voipscan import profiles
from voipscan.cli import side_by_side
from voipscan.cli.options import OutputOptions, finish
from voipscan.engine import evaluate
from voipscan.errors import InputError, VoipscanError

FORKS = sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1
needs_fork = pytest.mark.skipif(not FORKS, reason="side by side only on Linux with 2 cores")


def write_all(jobs: list[Callable[[], None]]) -> None:
    """Jobs long enough that writing them side by side pays."""
    side_by_side.write_all(jobs, [1.0] * len(jobs))


def writes_pid(path: Path) -> Callable[[], None]:
    return lambda: path.write_text(str(os.getpid()))


def fails_with(error: BaseException, marker: Path | None = None) -> Callable[[], None]:
    def job() -> None:
        if marker is not None:
            marker.write_text("ran")
        raise error

    return job


@needs_fork
def test_reports_after_the_first_are_written_by_another_process(tmp_path: Path) -> None:
    files = [tmp_path / f"{n}.txt" for n in range(3)]
    write_all([writes_pid(f) for f in files])
    pids = [int(f.read_text()) for f in files]
    assert pids[0] == os.getpid() == pids[2]  # two cores: jobs 0 and 2 here, 1 beside
    assert pids[1] != os.getpid()


@needs_fork
def test_short_reports_are_written_here_one_after_another(tmp_path: Path) -> None:
    files = [tmp_path / f"{n}.txt" for n in range(3)]
    side_by_side.write_all([writes_pid(f) for f in files], [side_by_side.FORK_PAYS / 3] * 3)
    assert {int(f.read_text()) for f in files} == {os.getpid()}
    side_by_side.write_all([writes_pid(f) for f in files], [side_by_side.FORK_PAYS] * 2 + [0])
    assert int(files[1].read_text()) != os.getpid()  # enough beyond the longest one


@needs_fork
def test_the_longest_report_is_written_alone_the_others_together(tmp_path: Path) -> None:
    files = [tmp_path / f"{n}.txt" for n in range(4)]
    side_by_side.write_all([writes_pid(f) for f in files], [0.2, 5.0, 0.2, 0.0])
    pids = [int(f.read_text()) for f in files]
    assert pids[1] == os.getpid()  # the longest, here
    assert pids[0] == pids[2] == pids[3] != os.getpid()  # the rest, beside it


@needs_fork
def test_beside_a_running_thread_nothing_is_forked(tmp_path: Path) -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait, daemon=True)
    thread.start()
    try:
        files = [tmp_path / f"{n}.txt" for n in range(2)]
        write_all([writes_pid(f) for f in files])
    finally:
        release.set()
        thread.join()
    assert {int(f.read_text()) for f in files} == {os.getpid()}


@pytest.fixture(params=["side by side", "one after another"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "one after another":
        monkeypatch.setattr(side_by_side, "_may_fork", lambda: False)
    elif not FORKS:
        pytest.skip("side by side only on Linux with 2 cores")
    yield request.param


def test_a_failed_report_leaves_the_others_written_and_its_error_is_raised(
        tmp_path: Path, mode: str) -> None:
    first, last = tmp_path / "first.txt", tmp_path / "last.txt"
    jobs = [writes_pid(first), fails_with(InputError("cannot write report: is a directory",
                                                     "out.json"), tmp_path / "tried"),
            writes_pid(last)]
    with pytest.raises(VoipscanError, match=r"^out.json: cannot write report: is a directory$"):
        write_all(jobs)
    assert first.exists() and last.exists() and (tmp_path / "tried").exists()


def test_the_error_of_the_first_failed_report_is_the_one_raised(mode: str) -> None:
    jobs = [lambda: None, fails_with(InputError("second")), fails_with(InputError("third"))]
    with pytest.raises(VoipscanError, match=r"^second$"):
        write_all(jobs)


def test_an_os_error_keeps_its_number_text_and_file(mode: str) -> None:
    jobs = [lambda: None, fails_with(OSError(errno.ENOSPC, "No space left on device",
                                             "/dev/full"))]
    with pytest.raises(OSError) as raised:
        write_all(jobs)
    assert (raised.value.errno, raised.value.strerror, raised.value.filename) == (
        errno.ENOSPC, "No space left on device", "/dev/full")


def test_a_bug_in_a_writer_is_named_not_printed_as_a_traceback(
        mode: str, capfd: pytest.CaptureFixture[str]) -> None:
    jobs = [lambda: None, fails_with(ValueError("no such column"))]
    with pytest.raises(Exception, match="no such column") as raised:
        write_all(jobs)
    assert "ValueError" in f"{type(raised.value).__name__}: {raised.value}"
    assert "Traceback" not in capfd.readouterr().err


@needs_fork
def test_a_writer_that_dies_is_an_error_not_a_silent_success(tmp_path: Path) -> None:
    jobs = [writes_pid(tmp_path / "kept.txt"), lambda: os._exit(9)]
    with pytest.raises(InputError, match=r"ended before finishing \(exit code 9\)"):
        write_all(jobs)
    assert (tmp_path / "kept.txt").exists()


def test_several_reports_of_one_scan_are_those_written_one_at_a_time(tmp_path: Path) -> None:
    names = ("r.json", "r.sarif", "r.html", "r.txt")
    together = voipscan("scan", "config", INSECURE, *[a for n in names
                                                      for a in ("-o", str(tmp_path / n))])
    assert together.returncode == 1, together.stderr
    for name in names:
        alone = tmp_path / "alone" / name
        alone.parent.mkdir(exist_ok=True)
        run = voipscan("scan", "config", INSECURE, "-o", str(alone))
        assert run.returncode == 1, run.stderr
        mine, theirs = (tmp_path / name).read_text(), alone.read_text()
        assert _timeless(mine) == _timeless(theirs), name


def test_reports_written_side_by_side_are_those_written_one_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = evaluate([host(i) for i in range(1, 100)], [profiles.load("baseline")])
    monkeypatch.setattr(side_by_side, "FORK_PAYS", 0.0)  # this small scan is forked for too
    forked: list[int] = []
    start = multiprocessing.context.ForkProcess.start

    def noted(process: multiprocessing.context.ForkProcess) -> None:
        forked.append(1)
        start(process)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", noted)
    formats = ("json", "text", "html", "sarif")
    written = {}
    for where in ("beside", "alone"):
        if where == "alone":
            monkeypatch.setattr(side_by_side, "_may_fork", lambda: False)
        paths = tuple(str(tmp_path / where / f"r.{fmt}") for fmt in formats)
        (tmp_path / where).mkdir()
        options = OutputOptions(profiles=("baseline",), formats=formats, outputs=paths,
                                fail_under=None, fail_on=None, min_coverage=None, color=False)
        assert finish(result, options) == 1
        written[where] = [Path(path).read_bytes() for path in paths]
    assert forked == ([1] if FORKS else [])
    assert written["beside"] == written["alone"]


def test_a_report_that_cannot_be_written_beside_one_that_can_is_one_line(
        tmp_path: Path) -> None:
    good = tmp_path / "r.json"
    line = one_line_error(voipscan("scan", "config", HARDENED, "-f", "json", "-o", str(good),
                                   "-f", "html", "-o", "/dev/full"))
    assert line == "voipscan: error: No space left on device"
    assert good.read_text().lstrip().startswith("{")


def _timeless(text: str) -> str:
    """The report without the times and durations that differ between two runs."""
    import re

    return re.sub(r"\d{4}-\d\d-\d\d([T ][\d:.]+(Z|[+-]\d\d:\d\d| UTC)?)?"
                  r"|\d\d:\d\d(:\d\d(\.\d+)?)?|\d+(\.\d+)? ?(ms|s)\b", "T", text)


@needs_fork
def test_without_a_process_to_fork_every_report_is_written_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing.context

    def refused(self: object) -> None:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", refused)
    files = [tmp_path / f"{n}.txt" for n in range(3)]
    write_all([writes_pid(f) for f in files])
    assert {int(f.read_text()) for f in files} == {os.getpid()}
