"""Ctrl-C and SIGTERM mid-scan: every chosen report is written whole, holds what was
gathered, is marked incomplete, and the command exits 130 (SIGINT) or 143 (SIGTERM)."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.paths import ROOT as REPO_ROOT
from tests.sources.capture import scenarios
from tests.sources.capture.packets import write
from tests.sources.host.responders import reply, responder, silent
from voipscan import interrupts
from voipscan.cli.options import write_atomically
from voipscan.reports.sarif import INCOMPLETE
from voipscan.sources.interface import Cancellation

ROOT = REPO_ROOT
SCHEMA = json.loads((ROOT / "voipscan" / "schemas" / "report.schema.json").read_text())
EXPORT = (ROOT / "samples" / "export" / "insecure.yaml").read_bytes()
FORMATS = ("json", "sarif", "text", "ocsf", "cef", "leef")


def outputs(directory: Path) -> list[str]:
    return [arg for fmt in FORMATS for arg in ("-f", fmt, "-o", str(directory / f"r.{fmt}"))]


def start(*args: str, own_group: bool = False) -> subprocess.Popen[str]:
    """``own_group``: in a process group of its own, which a signal to the group reaches
    (as Ctrl-C reaches a terminal's foreground group) without reaching the tests."""
    return subprocess.Popen([sys.executable, "-m", "voipscan", "scan", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            start_new_session=own_group)


def finish(process: subprocess.Popen[str], signum: int, delay: float, *,
           to_group: bool = False) -> tuple[bool, str]:
    """Send ``signum`` after ``delay`` (``to_group``: to the process's group): (whether the
    scan had already ended, stderr)."""
    time.sleep(delay)
    ended = process.poll() is not None
    if not ended:
        with contextlib.suppress(ProcessLookupError):  # it ended this very moment
            if to_group:
                os.killpg(process.pid, signum)
            else:
                process.send_signal(signum)
    try:
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return ended, err


def feed_fifo(fifo: Path, content: bytes, timeout: float = 30) -> None:
    """Write to a FIFO once the scan opens it: proof the scan (not start-up) is running."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as error:
            if error.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.005)
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)


def read_reports(directory: Path) -> dict[str, Any]:
    """Every report parses whole; the incomplete mark agrees across formats."""
    assert sorted(p.name for p in directory.iterdir()) == sorted(f"r.{f}" for f in FORMATS), \
        "a temporary file was left behind"
    document: dict[str, Any] = json.loads((directory / "r.json").read_text())
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    incomplete = document["scan"]["incomplete"]
    sarif = json.loads((directory / "r.sarif").read_text())
    invocation = sarif["runs"][0]["invocations"][0]
    if incomplete:
        assert invocation["executionSuccessful"] is False
        assert invocation["toolExecutionNotifications"][0]["message"]["text"] == INCOMPLETE
    text = (directory / "r.text").read_text()
    assert ("INCOMPLETE: interrupted" in text) == incomplete
    events = [json.loads(line) for line in (directory / "r.ocsf").read_text().splitlines()]
    assert all(("scan-incomplete" in e["metadata"].get("labels", ())) == incomplete
               for e in events)
    for fmt, head, mark in (("cef", "CEF:0|", "flexString1=incomplete"),
                            ("leef", "LEEF:2.0|", "scanIncomplete=true")):
        lines = (directory / f"r.{fmt}").read_text().splitlines()
        assert all(line.startswith(head) and (mark in line) == incomplete for line in lines)
    return document


# --- scan config -------------------------------------------------------------------------


def config_scan(tmp_path: Path, signum: int, delay: float, copies: int = 60
                ) -> tuple[bool, subprocess.Popen[str], str, dict[str, Any]]:
    fifo = tmp_path / "first.yaml"
    os.mkfifo(fifo)
    paths = [fifo]
    for index in range(copies):
        paths.append(tmp_path / f"export{index}.yaml")
        paths[-1].write_bytes(EXPORT)
    reports = tmp_path / "reports"
    reports.mkdir()
    process = start("config", "--pbx", "export", *map(str, paths), *outputs(reports))
    try:
        feed_fifo(fifo, EXPORT)
    finally:
        ended, err = finish(process, signum, delay)
    document = read_reports(reports)
    assert len(document["targets"]) == len(paths)
    return ended, process, err, document


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_config_scan_interrupted_early_reports_what_was_read(tmp_path: Path, signum: int
                                                             ) -> None:
    _, process, err, document = config_scan(tmp_path, signum, delay=0.3, copies=150)
    assert process.returncode == 128 + signum, err
    assert document["scan"]["incomplete"] is True
    assert "scan interrupted after" in err and "Traceback" not in err
    read = [t for t in document["targets"] if t["readable"]]
    assert read and read[0]["name"].endswith("first.yaml")
    skipped = document["targets"][-1]
    assert skipped["readable"] is False
    assert skipped["problems"][0]["message"] == "scan interrupted before this path was read"


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_config_scan_signal_at_a_random_moment_leaves_whole_reports(tmp_path: Path,
                                                                     seed: int) -> None:
    rng = random.Random(seed)
    signum = rng.choice([signal.SIGINT, signal.SIGTERM])
    ended, process, err, document = config_scan(tmp_path, signum, rng.uniform(0.0, 2.5))
    assert "Traceback" not in err
    if ended:  # the scan was over before the signal: an ordinary, complete report
        assert process.returncode in (0, 1) and document["scan"]["incomplete"] is False
    elif process.returncode in (0, 1):  # after the verdict was out: the scan's own code
        assert document["scan"]["incomplete"] is False and "RESULT:" in err, err
    else:  # mid-scan, or while the reports were written (they are complete then)
        assert process.returncode == 128 + signum, err


def test_a_signal_once_the_verdict_is_out_keeps_the_exit_code_and_prints_no_traceback(
        tmp_path: Path) -> None:
    """Once the exit code is decided, a signal is either still noted (130) or ignored (1);
    the interpreter's exit neither dies of it nor prints a traceback."""
    codes = []
    for attempt in range(8):
        report = tmp_path / f"r{attempt}.json"
        process = start("config", "--pbx", "export", str(ROOT / "samples/export/insecure.yaml"),
                        "-f", "json", "-o", str(report))
        assert process.stderr is not None
        err = ""
        while "RESULT:" not in err and (line := process.stderr.readline()):
            err += line
        time.sleep(attempt * 0.003)
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGINT)
        rest = process.communicate(timeout=60)[1]
        assert "Traceback" not in rest and process.returncode in (1, 130), (err, rest)
        assert json.loads(report.read_text())["scan"]["incomplete"] is False
        codes.append(process.returncode)
    assert 1 in codes


@pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                    reason="reports are written side by side on Linux with 2 cores")
@pytest.mark.parametrize("to_group", [False, True], ids=["SIGTERM to the command",
                                                         "Ctrl-C to its process group"])
def test_a_signal_while_reports_are_written_side_by_side_leaves_them_whole(
        tmp_path: Path, to_group: bool) -> None:
    """Enough findings that a report goes to a forked writer; the signal lands while two are
    written at once: all are whole, no temporary file is left, the exit code says it."""
    paths = []
    for index in range(500):
        paths.append(tmp_path / f"export{index}.yaml")
        paths[-1].write_bytes(EXPORT)
    reports = tmp_path / "reports"
    reports.mkdir()
    names = ("r.json", "r.text", "r.html")
    outputs = [a for name in names for a in ("-f", name[2:], "-o", str(reports / name))]
    process = start("config", "--pbx", "export", *map(str, paths), *outputs,
                    own_group=to_group)
    deadline = time.monotonic() + 120
    together = False  # two reports seen being written at once: side by side
    while not together and process.poll() is None and time.monotonic() < deadline:
        together = sum(p.name.startswith(".r.") for p in reports.iterdir()) >= 2
        time.sleep(0.002)
    signum = signal.SIGINT if to_group else signal.SIGTERM
    _, err = finish(process, signum, 0.0, to_group=to_group)
    assert together, err
    assert process.returncode in (128 + signum, 1), err  # 1: all written before the signal
    assert "Traceback" not in err
    assert sorted(p.name for p in reports.iterdir()) == sorted(names), \
        "a temporary file was left behind"
    document = json.loads((reports / "r.json").read_text())
    assert len(document["targets"]) == len(paths)
    assert document["scan"]["incomplete"] is False  # the scan was over: only writing was left
    assert (reports / "r.html").read_text().rstrip().endswith("</html>")
    assert "RESULT: FAILED" in (reports / "r.text").read_text()


# --- scan host -----------------------------------------------------------------------------


@contextlib.contextmanager
def responders(answering: int, quiet: int) -> Iterator[list[Any]]:
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(responder(reply() if i < answering else silent))
               for i in range(answering + quiet)]


@pytest.mark.parametrize(("signum", "seed"), [(signal.SIGINT, 5), (signal.SIGTERM, 6)])
def test_host_scan_of_slow_targets_interrupted(tmp_path: Path, signum: int, seed: int) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    with responders(3, 20) as servers:
        targets = [f"127.0.0.1:{s.port}" for s in servers]
        # a scan timeout far beyond the wait below: the signal always lands mid-scan
        process = start("host", *targets, "--transport", "udp", "--timeout", "90",
                        "--rate", "0", *outputs(reports))
        deadline = time.monotonic() + 20
        while not all(s.requests for s in servers) and time.monotonic() < deadline:
            time.sleep(0.02)
        _, err = finish(process, signum, random.Random(seed).uniform(0.0, 0.5))
    assert process.returncode == 128 + signum, err
    assert "scan interrupted" in err and "Traceback" not in err
    document = read_reports(reports)
    assert document["scan"]["incomplete"] is True
    readable = [t["readable"] for t in document["targets"]]
    assert readable == [True] * 3 + [False] * 20


# --- scan pcap -----------------------------------------------------------------------------


def test_capture_audit_interrupted_by_ctrl_c(tmp_path: Path) -> None:
    fifo = tmp_path / "live.pcap"
    os.mkfifo(fifo)
    capture = write(tmp_path / "call.pcap", scenarios.sdes_call()).read_bytes()
    reports = tmp_path / "reports"
    reports.mkdir()
    process = start("pcap", str(fifo), *outputs(reports))
    try:
        fd = _open_writer(fifo)
        with os.fdopen(fd, "wb") as writer:
            writer.write(capture + capture[24:] * 500)  # the FIFO stays open: no end
            writer.flush()
            _, err = finish(process, signal.SIGINT, 0.5)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, err
    assert "scan interrupted" in err and "Traceback" not in err
    document = read_reports(reports)
    assert document["scan"]["incomplete"] is True
    assert document["targets"][0]["problems"][0]["message"].startswith("interrupted after")


def _open_writer(fifo: Path) -> int:
    deadline = time.monotonic() + 30
    while True:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.005)
            continue
        os.set_blocking(fd, True)
        return fd


# --- the pieces, in process ------------------------------------------------------------------


@pytest.fixture
def handlers() -> Iterator[None]:
    saved = {s: signal.getsignal(s) for s in interrupts.SIGNALS}
    interrupts.reset()
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
        interrupts.reset()


@pytest.mark.usefixtures("handlers")
def test_first_signal_raises_later_ones_are_only_noted() -> None:
    interrupts.install()
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGINT)  # noted, not raised: the reports get written
    assert (interrupts.received(), interrupts.exit_code()) == (signal.SIGTERM, 143)


@pytest.mark.usefixtures("handlers")
def test_a_bound_scan_is_cancelled_and_shielded_work_is_not_cut() -> None:
    interrupts.install()
    cancellation = Cancellation()
    woken: list[bool] = []
    cancellation.on_cancel(lambda: woken.append(True))
    interrupts.bind(cancellation)
    with cancellation.interruptible(), cancellation.shielded():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.01)
    assert cancellation.cancelled and woken == [True]
    assert (interrupts.received(), interrupts.exit_code()) == (signal.SIGINT, 130)


@pytest.mark.usefixtures("handlers")
def test_blocking_work_that_declared_itself_interruptible_gets_out() -> None:
    interrupts.install()
    cancellation = Cancellation()
    interrupts.bind(cancellation)
    with pytest.raises(KeyboardInterrupt), cancellation.interruptible():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)
    assert cancellation.cancelled and interrupts.exit_code() == 143


@pytest.mark.usefixtures("handlers")
def test_other_work_only_sees_the_cancellation() -> None:
    interrupts.install()
    cancellation = Cancellation()
    interrupts.bind(cancellation)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(0.01)
    assert cancellation.cancelled


@pytest.mark.usefixtures("handlers")
def test_settling_ignores_later_signals_only_where_install_routed_them() -> None:
    foreign = signal.getsignal(signal.SIGINT)
    interrupts.settle()
    assert signal.getsignal(signal.SIGINT) is foreign
    interrupts.install()
    interrupts.settle()
    assert all(signal.getsignal(s) is signal.SIG_IGN for s in interrupts.SIGNALS)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(0.01)
    assert interrupts.received() is None


def test_an_interrupted_write_leaves_the_old_report_and_no_temporary_file(tmp_path: Path
                                                                          ) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")

    def half_then_interrupted(handle: Any) -> None:
        handle.write("{\"half\": ")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(str(target), half_then_interrupted)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_report_to_a_device_or_fifo_is_written_to_it_never_renamed_over(tmp_path: Path
                                                                           ) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomically(str(fifo), "report\n")
    reader.join(timeout=10)
    assert received == [b"report\n"] and fifo.is_fifo()
    write_atomically("/dev/null", "discarded\n")
    assert Path("/dev/null").is_char_device()
