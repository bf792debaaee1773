"""The probing engine in its own thread: hosts handed over as they finish, judged while the
engine waits for silent ones, reported in input order; errors and early stops reach the
consumer."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sources.host.responders import Responder, reply, responder, silent
from voipscan import api
from voipscan.facts import SipProtocol
from voipscan.sources.host import background
from voipscan.sources.host.background import stream_scan
from voipscan.sources.host.scanner import ScanOutcome, ScanSettings
from voipscan.sources.host.source import HostSource, plan_targets
from voipscan.sources.host.targets import HostTarget, expand, parse_target
from voipscan.sources.interface import Cancellation, ScanContext

TIMEOUT = 1.5
SETTINGS = ScanSettings(timeout=TIMEOUT, rate=None, tls_audit=False)


@pytest.fixture
def quiet_and_answering() -> Iterator[tuple[Responder, Responder, Responder]]:
    with responder(silent) as mute, responder(reply()) as first, \
            responder(reply()) as second:
        yield mute, first, second


def _hosts(*servers: Responder) -> list[str]:
    return [f"127.0.0.1:{s.port}" for s in servers]


def _targets(texts: list[str]) -> list[HostTarget]:
    items = expand([parse_target(t) for t in texts], (SipProtocol.UDP,), {})
    return [item for item in items if isinstance(item, HostTarget)]


def test_answering_hosts_come_before_the_silent_one_times_out(
        quiet_and_answering: tuple[Responder, Responder, Responder]) -> None:
    hosts = _hosts(*quiet_and_answering)
    source = HostSource(plan_targets(hosts), SETTINGS, protocols=(SipProtocol.UDP,))
    start = time.monotonic()
    arrived = [(result, time.monotonic() - start) for result in source.scan(ScanContext())]
    names = [result.target.name for result, _ in arrived]
    assert sorted(names) == sorted(hosts)
    answered = [at for result, at in arrived if not result.fatal]
    assert len(answered) == 2 and max(answered) < TIMEOUT  # before the silent host is given up
    (mute,) = [(result, at) for result, at in arrived if result.fatal]
    assert mute[1] >= TIMEOUT and mute[0].target.name == hosts[0]
    assert sorted(result.position or 0 for result, _ in arrived) == [0, 1, 2]
    assert {result.target.name: result.position for result, _ in arrived} == {
        name: position for position, name in enumerate(hosts)}


def test_the_result_lists_targets_in_input_order(
        quiet_and_answering: tuple[Responder, Responder, Responder]) -> None:
    hosts = _hosts(*quiet_and_answering)
    result = api.scan([api.hosts(hosts, settings=SETTINGS, transports="udp")])
    assert [t.target.name for t in result.targets] == hosts
    assert [t.fatal for t in result.targets] == [True, False, False]
    assert [a.target for a in result.assessments] == hosts[1:]


def test_closing_the_stream_early_stops_the_engine(
        quiet_and_answering: tuple[Responder, Responder, Responder]) -> None:
    mute, first, _ = quiet_and_answering
    settings = ScanSettings(timeout=30, rate=None, tls_audit=False)
    stream = stream_scan(_targets(_hosts(mute, first)), settings, progress=None,
                         cancellation=Cancellation())
    report = next(stream)
    assert report.answered and report.target.label.endswith(str(first.port))
    start = time.monotonic()
    stream.close()
    assert time.monotonic() - start < 5  # far from the 30 s the silent host would take
    assert not [t for t in threading.enumerate() if t.name == "voipscan-probes"]


def test_a_cancelled_scan_returns_the_hosts_it_did_not_finish(
        quiet_and_answering: tuple[Responder, Responder, Responder]) -> None:
    mute, first, _ = quiet_and_answering
    cancellation = Cancellation()
    settings = ScanSettings(timeout=30, rate=None, tls_audit=False)
    stream = stream_scan(_targets(_hosts(mute, first)), settings, progress=None,
                         cancellation=cancellation)
    assert next(stream).answered
    cancellation.cancel()
    with pytest.raises(StopIteration) as done:
        next(stream)
    outcome: ScanOutcome = done.value.value
    assert outcome.interrupted
    (unfinished,) = outcome.reports
    assert unfinished.target.label.endswith(str(mute.port))
    assert "interrupted" in unfinished.problems[0].message


def test_an_engine_failure_reaches_the_consumer(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> ScanOutcome:
        raise RuntimeError("engine bug")

    monkeypatch.setattr(background, "run_scan", broken)
    stream = stream_scan([], SETTINGS, progress=None, cancellation=Cancellation())
    with pytest.raises(RuntimeError, match="engine bug"):
        next(stream)


def test_reports_are_held_while_the_engine_is_busy(
        quiet_and_answering: tuple[Responder, Responder, Responder],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With a quiet period longer than the scan, nothing is handed over before it ends."""
    monkeypatch.setattr(background, "QUIET", 60.0)
    _, first, second = quiet_and_answering
    stream = stream_scan(_targets(_hosts(first, second)), SETTINGS, progress=None,
                         cancellation=Cancellation())
    start = time.monotonic()
    reports = list(stream)
    assert len(reports) == 2 and time.monotonic() - start < 30


def test_hosts_given_up_one_after_another_are_handed_over_as_they_come(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """At 5 probes/s five silent hosts are given up 0.2 s apart, closer than the quiet period
    (0.3 s): once the engine was quiet after its last first probe (between 1.0 s and the
    first give-up at 1.7 s), each is handed over as it comes, not all after the last (2.5 s)."""
    monkeypatch.setattr(background, "QUIET", 0.3)
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(responder(reply()))]
        servers += [stack.enter_context(responder(silent)) for _ in range(5)]
        settings = ScanSettings(timeout=1.5, rate=5, tls_audit=False)
        start = time.monotonic()
        stream = stream_scan(_targets(_hosts(*servers)), settings, progress=None,
                             cancellation=Cancellation())
        given_up = [time.monotonic() - start for report in stream if not report.answered]
    assert len(given_up) == 5
    assert given_up[0] < given_up[-1] - 0.3


def test_nothing_is_handed_over_before_every_first_probe_is_out(
        quiet_and_answering: tuple[Responder, Responder, Responder],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """At 10 probes/s the third host's probe goes out 0.2 s after the first: the first host's
    answer waits until then, though the engine is quiet before (no report for QUIET)."""
    monkeypatch.setattr(background, "QUIET", 0.01)
    _, first, second = quiet_and_answering
    with responder(reply()) as third:
        settings = ScanSettings(timeout=TIMEOUT, rate=10, tls_audit=False)
        start = time.monotonic()
        stream = stream_scan(_targets(_hosts(first, second, third)), settings, progress=None,
                             cancellation=Cancellation())
        report = next(stream)
        assert time.monotonic() - start >= 0.2
        assert report.answered
        assert len(list(stream)) == 2


def test_the_engine_says_once_when_every_first_probe_is_out(
        quiet_and_answering: tuple[Responder, Responder, Responder]) -> None:
    from voipscan.sources.host.scanner import run_scan

    calls: list[float] = []
    start = time.monotonic()
    settings = ScanSettings(timeout=TIMEOUT, rate=10, tls_audit=False)
    outcome = run_scan(_targets(_hosts(*quiet_and_answering)), settings,
                       on_sent=lambda: calls.append(time.monotonic() - start))
    assert len(calls) == 1 and 0.2 <= calls[0] < TIMEOUT
    assert len(outcome.reports) == 3 and all(s.requests for s in quiet_and_answering)


def test_unresolved_names_and_bad_target_lines_keep_their_place(
        quiet_and_answering: tuple[Responder, Responder, Responder], tmp_path: Path) -> None:
    mute, first, _ = quiet_and_answering

    def resolver(name: str) -> str:
        raise OSError(f"no address for {name}")

    listed = tmp_path / "targets.txt"
    listed.write_text("not a target !!\n")
    hosts = [f"127.0.0.1:{first.port}", "pbx.invalid:5060", f"127.0.0.1:{mute.port}"]
    source = HostSource(plan_targets(hosts, [listed]), SETTINGS, protocols=(SipProtocol.UDP,),
                        resolver=resolver)
    result = api.scan([source])
    names = [t.target.name for t in result.targets]
    assert names[1:] == hosts and str(listed) in names[0]
    assert [t.fatal for t in result.targets] == [True, False, True, True]
    assert "cannot resolve host name 'pbx.invalid'" in result.targets[2].problems[0].message


def test_the_wait_is_announced_once_before_anything_is_handed_over(
        quiet_and_answering: tuple[Responder, Responder, Responder]) -> None:
    """At 10 probes/s the last first probe leaves 0.2 s after the first; the consumer hears
    of the wait once, after that, and before the first report."""
    events: list[tuple[str, float]] = []
    start = time.monotonic()

    def idle() -> None:
        events.append(("idle", time.monotonic() - start))

    settings = ScanSettings(timeout=TIMEOUT, rate=10, tls_audit=False)
    stream = stream_scan(_targets(_hosts(*quiet_and_answering)), settings, progress=None,
                         cancellation=Cancellation(), on_idle=idle)
    for report in stream:
        events.append(("report" if report.target else "?", time.monotonic() - start))
    kinds = [kind for kind, _ in events]
    assert kinds == ["idle", "report", "report", "report"]
    assert events[0][1] >= 0.2
