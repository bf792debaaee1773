"""The engine: verdicts, shared findings, failing checks, and every sample's findings shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import ROOT as REPO_ROOT
from voipscan import profiles
from voipscan.checks import REGISTRY, Severity, Status
from voipscan.checks.base import Check
from voipscan.engine import Thresholds, evaluate
from voipscan.facts import Endpoint, Fact, MediaEncryption, Provenance, System
from voipscan.profiles import CheckRef, Control, Profile
from voipscan.sources.config.load import load_target
from voipscan.sources.interface import SourceResult
from voipscan.target import Target, TargetKind

ROOT = REPO_ROOT
SAMPLE_TARGETS = [
    *sorted((ROOT / "samples" / "export").glob("*.yaml")),
    *sorted(p for p in (ROOT / "samples").glob("*/*") if p.is_dir() and p.parent.name != "export"),
    *sorted((ROOT / "samples").glob("*/*.tar.gz")),
]


def profile(*controls: Control) -> Profile:
    return Profile("p", "P", "", "p.yaml", (), controls)


def control(check_id: str, severity: Severity | None = None) -> Control:
    return Control(check_id, check_id, "clause", (CheckRef(check_id),), severity)


def source(system: System) -> SourceResult:
    return SourceResult(Target.path("t", TargetKind.CONFIG, "test"), system)


PLAIN = System("pbx", endpoints_known=True, endpoints=(
    Endpoint("1", media_encryption=Fact(MediaEncryption.NONE, Provenance.file("x", 1))),))


def test_default_verdict_fails_on_failed_controls_but_not_informational_ones() -> None:
    failing = evaluate([source(PLAIN)], [profile(control("media.srtp_mandatory"))])
    assert not failing.verdict.passed
    info = evaluate([source(PLAIN)], [profile(control("media.srtp_mandatory", Severity.INFO))])
    assert info.assessments[0].controls[0].status is Status.FAIL
    assert info.verdict.passed


def test_thresholds_replace_the_default_rule() -> None:
    one = [profile(control("media.srtp_mandatory"), control("backup.configured"))]
    result = evaluate([source(PLAIN)], one, thresholds=Thresholds(fail_on=Severity.CRITICAL))
    assert result.verdict.passed
    result = evaluate([source(PLAIN)], one, thresholds=Thresholds(fail_under=0))
    assert result.verdict.passed
    result = evaluate([source(PLAIN)], one, thresholds=Thresholds(fail_on=Severity.HIGH))
    assert not result.verdict.passed


def test_a_crashing_check_becomes_evidence_required(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(ctx: object) -> list[object]:
        raise RuntimeError("bug")

    original = REGISTRY["backup.configured"]
    monkeypatch.setitem(REGISTRY, "backup.configured", Check(
        original.id, original.title, original.severity, original.category, original.rationale,
        original.remediation, boom))
    result = evaluate([source(PLAIN)], [profile(control("backup.configured"))])
    finding = result.targets[0].findings[0].finding
    assert finding.status is Status.UNKNOWN and "RuntimeError: bug" in finding.message


def test_controls_share_finding_objects_and_list_every_control() -> None:
    both = [profile(control("media.srtp_mandatory")),
            Profile("q", "Q", "", "q.yaml", (), (control("media.srtp_mandatory"),))]
    result = evaluate([source(PLAIN)], both)
    (item,) = result.targets[0].findings
    assert item.controls == ("p/media.srtp_mandatory", "q/media.srtp_mandatory")
    assert all(a.controls[0].findings[0] is item for a in result.assessments)


@pytest.mark.parametrize("path", SAMPLE_TARGETS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_sample_gives_one_finding_per_check_and_resource(path: Path) -> None:
    all_profiles = [profiles.load(name) for name in profiles.available()]
    result = evaluate([load_target(path)], all_profiles)
    (target,) = result.targets
    assert not target.fatal, target.problems
    keys = [(f.finding.check_id, f.finding.resource, f.params) for f in target.findings]
    assert len(keys) == len(set(keys))
