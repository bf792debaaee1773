"""The judge: a control's status is the worst over all its checks' findings, whichever
checks' findings are shared between targets."""

from __future__ import annotations

from tests.test_engine import SAMPLE_TARGETS
from voipscan import profiles
from voipscan.checks import Status
from voipscan.engine import evaluate
from voipscan.facts import Endpoint, Fact, MediaEncryption, Provenance, System
from voipscan.profiles import CheckRef, Control, Profile
from voipscan.scoring import control_status
from voipscan.sources.config.load import load_target
from voipscan.sources.interface import SourceResult
from voipscan.target import Target, TargetKind


def _source(name: str, system: System) -> SourceResult:
    return SourceResult(Target.path(name, TargetKind.CONFIG, "test"), system)


def _endpoint(name: str, encryption: MediaEncryption | None) -> Endpoint:
    where = Provenance.file("x", 1)
    value = Fact(encryption, where) if encryption else Fact[MediaEncryption](None, where, "absent")
    return Endpoint(name, media_encryption=value)


def test_a_control_over_several_checks_takes_the_worst_status_of_all_their_findings() -> None:
    checks = (CheckRef("media.srtp_mandatory"), CheckRef("backup.configured"))
    profile = Profile("p", "P", "", "p.yaml", (), (Control("c", "C", "clause", checks),))
    systems = {
        "fails": System("a", endpoints_known=True, endpoints=(
            _endpoint("1", MediaEncryption.SDES), _endpoint("2", MediaEncryption.NONE))),
        "passes-then-unknown": System("b", endpoints_known=True, endpoints=(
            _endpoint("1", MediaEncryption.SDES),)),
        "fails-beside-unknown": System("c", endpoints_known=True, endpoints=(
            _endpoint("1", None), _endpoint("2", MediaEncryption.NONE))),
    }
    result = evaluate([_source(n, s) for n, s in systems.items()], [profile])
    for a in result.assessments:
        (control,) = a.controls
        assert control.findings, a.target
        assert control.status is control_status([f.finding for f in control.findings])
    statuses = dict(zip(systems, (a.controls[0].status for a in result.assessments),
                        strict=True))
    assert statuses["fails"] is Status.FAIL
    assert statuses["passes-then-unknown"] is Status.UNKNOWN  # backup: evidence required
    assert statuses["fails-beside-unknown"] is Status.FAIL


def test_every_sample_control_status_is_control_status_over_its_findings() -> None:
    every_profile = [profiles.load(name) for name in profiles.available()]
    result = evaluate([load_target(path) for path in SAMPLE_TARGETS], every_profile)
    judged = [c for a in result.assessments for c in a.controls]
    assert len(judged) > 1000
    assert {c.status for c in judged} == set(Status)
    for control in judged:
        assert control.status is control_status([f.finding for f in control.findings])
