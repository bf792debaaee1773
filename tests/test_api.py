"""voipscan.api: sources in, one result out; duplicates, cancellation, progress, mixed kinds."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.sources.capture import scenarios
from tests.sources.capture.packets import write
from tests.sources.host.responders import reply, responder
from voipscan import api
from voipscan.errors import InputError
from voipscan.sources.host.scanner import ScanSettings
from voipscan.sources.interface import SourceResult
from voipscan.target import NetworkAddress, PathAddress, TargetKind

SAMPLES = ROOT / "samples"


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def begin(self, total: int | None, unit: str) -> None:
        self.calls.append(("begin", unit))

    def advance(self, done: int = 1, note: str = "") -> None:
        self.calls.append(("advance", done))

    def end(self) -> None:
        self.calls.append(("end", None))


def test_the_readme_example_runs() -> None:
    result = api.scan([api.config(SAMPLES / "asterisk" / "insecure")],
                      profiles=["baseline", "gdpr"])
    assert [(a.profile_id, a.target) for a in result.assessments] == [
        ("baseline", str(SAMPLES / "asterisk" / "insecure")),
        ("gdpr", str(SAMPLES / "asterisk" / "insecure"))]
    assert result.verdict.passed is False and not result.incomplete


def test_the_same_path_twice_is_one_target_with_a_warning() -> None:
    path = SAMPLES / "export" / "hardened.yaml"
    result = api.scan([api.config(path), api.config(path.parent / "." / path.name)])
    assert len(result.targets) == 1 and len(result.assessments) == 1
    assert [w.message for w in result.warnings] == [
        f"{path.parent / '.' / path.name} given twice; scanned once"]


def test_a_profile_named_twice_is_scored_once() -> None:
    result = api.scan([api.config(SAMPLES / "export" / "hardened.yaml")],
                      profiles=["gdpr", "gdpr"])
    assert [a.profile_id for a in result.assessments] == ["gdpr"]


def test_targets_carry_a_typed_address_and_a_stable_id() -> None:
    path = SAMPLES / "export" / "insecure.yaml"
    first = api.scan([api.config(path)]).targets[0].target
    again = api.scan([api.config(path)]).targets[0].target
    assert first.address == PathAddress(str(path)) and first.kind is TargetKind.CONFIG
    assert first.id == again.id and len(first.id) == 16


def test_a_cancelled_scan_reports_every_input_as_not_read() -> None:
    cancellation = api.Cancellation()
    cancellation.cancel()
    result = api.scan([api.config(SAMPLES / "export" / "hardened.yaml")],
                      cancellation=cancellation)
    assert result.incomplete
    assert result.targets[0].fatal
    assert result.targets[0].problems[0].message == "scan interrupted before this path was read"
    assert "scan interrupted after 0 of 1 input(s)" in result.warnings[-1].message
    assert not result.verdict.passed


def test_configs_and_captures_in_one_scan_with_progress(tmp_path: Path) -> None:
    capture = write(tmp_path / "call.pcap", scenarios.sdes_call())
    progress = Recorder()
    result = api.scan([api.config(SAMPLES / "kamailio" / "insecure"), api.capture(capture)],
                      progress=progress)
    assert [t.target.kind for t in result.targets] == [TargetKind.CONFIG, TargetKind.CAPTURE]
    assert progress.calls.count(("end", None)) == 2
    assert progress.calls[0] == ("begin", "path")


def test_live_hosts_through_the_api() -> None:
    settings = ScanSettings(timeout=2.0, rate=None)
    with responder(reply(200, "OK", ("Server", "Asterisk PBX 20.5.0"))) as server:
        source = api.hosts([f"127.0.0.1:{server.port}", f"127.0.0.1:{server.port}"],
                           settings=settings, transports="udp")
        result = api.scan([source])
    (target,) = result.targets
    assert target.target.address == NetworkAddress("sip", "127.0.0.1", server.port, "udp")
    assert not target.fatal and target.platform == "asterisk"
    assert f"target 127.0.0.1:{server.port} given twice; scanned once" in [
        w.message for w in result.warnings]


def test_cli_scans_a_path_given_twice_once(tmp_path: Path) -> None:
    path = str(SAMPLES / "export" / "hardened.yaml")
    run = subprocess.run([sys.executable, "-m", "voipscan", "scan", "config", path, path,
                          "-f", "json", "-o", str(tmp_path / "r.json")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert "given twice; scanned once" in run.stderr
    import json

    report = json.loads((tmp_path / "r.json").read_text())
    assert len(report["targets"]) == 1 and len(report["assessments"]) == 1


class _WaitingSource(api.Source):
    """A source that, like a live sweep, says when it only waits, then yields its target."""

    kind = TargetKind.HOST

    def __init__(self, events: list[str]) -> None:
        self.events = events

    @property
    def key(self) -> str:
        return "waiting"

    @property
    def label(self) -> str:
        return "waiting"

    def scan(self, context: api.ScanContext) -> Iterator[SourceResult]:
        self.events.append("probes out")
        context.idle()
        context.idle()  # a second call does nothing
        self.events.append("replies in")
        yield from self._inner.scan(context)

    def skipped(self, reason: str) -> list[SourceResult]:
        return self._inner.skipped(reason)

    @property
    def _inner(self) -> api.Source:
        return api.config(SAMPLES / "export" / "insecure.yaml")


def test_built_in_profiles_are_read_while_a_source_waits(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from voipscan import profiles

    events: list[str] = []
    loading = profiles.load_file

    def load_file(path: Path) -> profiles.Profile:
        events.append(f"profile {path.stem}")
        return loading(path)

    monkeypatch.setattr(profiles, "load_file", load_file)
    result = api.scan([_WaitingSource(events)], ["baseline", "gdpr"],
                      prepare=lambda: events.append("prepared"))
    assert events == ["probes out", "profile baseline", "profile gdpr", "prepared",
                      "replies in"]
    assert [a.profile_id for a in result.assessments] == ["baseline", "gdpr"]


def test_a_profile_file_of_the_user_is_read_before_anything_is_scanned(
        tmp_path: Path) -> None:
    broken = tmp_path / "mine.yaml"
    broken.write_text("id: mine\ntitle: Mine\ncontrols: []\n")
    events: list[str] = []
    with pytest.raises(InputError, match="no controls"):
        api.scan([_WaitingSource(events)], ["baseline", str(broken)])
    with pytest.raises(InputError, match="unknown profile 'nope'"):
        api.scan([_WaitingSource(events)], ["nope"])
    assert events == []


def test_a_source_that_never_waits_is_judged_all_the_same() -> None:
    result = api.scan([api.config(SAMPLES / "export" / "insecure.yaml")], ["gdpr"],
                      prepare=lambda: pytest.fail("prepared without a wait"))
    assert [a.profile_id for a in result.assessments] == ["gdpr"]
