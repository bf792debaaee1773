"""Check runs shared between targets: the same findings, scores and verdicts as judging each
target on its own, and no sharing between targets whose facts a check read differ."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.test_engine import SAMPLE_TARGETS
from voipscan import profiles
from voipscan.engine import evaluate, run_on
from voipscan.facts import (
    Disclosure,
    Endpoint,
    Exposure,
    Fact,
    Logging,
    Provenance,
    SipProtocol,
    SipTransport,
    System,
    TlsVersion,
)
from voipscan.facts.secrets import SecretInfo
from voipscan.profiles import CheckRef
from voipscan.result import ScanResult
from voipscan.reuse import CheckRuns
from voipscan.sources.config.load import load_target
from voipscan.sources.interface import SourceResult
from voipscan.target import NetworkAddress, Target, TargetKind

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
PROFILES = [profiles.load(name) for name in ("baseline", "gdpr")]


def host(index: int, *, tls: bool = True, logged: bool | None = None) -> SourceResult:
    """A probed host like 'scan host' reports it; even-numbered ones also speak TLS."""
    name = f"192.0.2.{index}"
    src = Provenance.probe(f"udp:{name}:5060", "OPTIONS -> 200 OK")
    transports = [SipTransport(f"udp:{name}:5060", protocol=Fact(SipProtocol.UDP, src),
                               bind=Fact(f"{name}:5060", src),
                               exposure=Fact(Exposure.NETWORK, src))]
    if tls:
        tls_src = Provenance.probe(f"tls:{name}:5061", "TLS handshake")
        transports.append(SipTransport(
            f"tls:{name}:5061", protocol=Fact(SipProtocol.TLS, tls_src),
            bind=Fact(f"{name}:5061", tls_src), exposure=Fact(Exposure.NETWORK, tls_src),
            tls_versions=Fact(frozenset({TlsVersion.TLS1_2}), tls_src)))
    logging = Logging() if logged is None else Logging(
        calls=Fact(logged, Provenance.declared("declared.yaml", 3, "logging.calls")))
    system = System(name, transports=tuple(transports), transports_known=True,
                    disclosures=(Disclosure("software-version", "Server: PBX 1.2.3", src),),
                    disclosures_known=True, logging=logging)
    return SourceResult(Target(name, TargetKind.HOST, "sip-probe", NetworkAddress("sip", name)),
                        system)


def each_alone(sources: list[SourceResult]) -> ScanResult:
    """The reference: every target judged in a scan of its own (nothing shared)."""
    alone = [evaluate([s], PROFILES, now=NOW, started=NOW) for s in sources]
    together = evaluate(sources, PROFILES, now=NOW, started=NOW)
    return replace(together, targets=tuple(t for r in alone for t in r.targets),
                   assessments=tuple(a for r in alone for a in r.assessments),
                   verdict=together.verdict)


def test_targets_judged_together_get_what_each_gets_alone() -> None:
    sources = [host(i, tls=i % 2 == 0, logged=(None, True, False)[i % 3]) for i in range(12)]
    together = evaluate(sources, PROFILES, now=NOW, started=NOW)
    reference = each_alone(sources)
    assert together.targets == reference.targets
    assert together.assessments == reference.assessments
    assert [a.score for a in together.assessments] == [a.score for a in reference.assessments]


@pytest.mark.parametrize("path", SAMPLE_TARGETS, ids=lambda p: p.name)
def test_every_sample_judged_beside_the_others_is_judged_as_alone(path: object) -> None:
    sources = [load_target(p) for p in SAMPLE_TARGETS]
    index = SAMPLE_TARGETS.index(path)  # type: ignore[arg-type]
    together = evaluate(sources, PROFILES, now=NOW, started=NOW)
    alone = evaluate([sources[index]], PROFILES, now=NOW, started=NOW)
    assert together.targets[index] == alone.targets[0]
    mine = [a for a in together.assessments if a.target_id == alone.targets[0].target.id]
    assert tuple(mine) == alone.assessments


def test_a_check_runs_once_for_targets_whose_facts_it_read_are_equal() -> None:
    runs = CheckRuns(run_on, NOW)
    ref = CheckRef("logging.events")
    first = runs.findings(runs.facts(host(1).system), ref)
    second = runs.findings(runs.facts(host(2).system), ref)  # other name, transports
    assert second is first and runs.runs == 1
    logged = runs.findings(runs.facts(host(3, logged=True).system), ref)
    assert runs.runs == 2 and logged != first
    assert runs.findings(runs.facts(host(4, logged=True).system), ref) is logged


def test_a_check_reading_what_differs_runs_for_each_target() -> None:
    runs = CheckRuns(run_on, NOW)
    ref = CheckRef("signalling.tls")
    one = runs.findings(runs.facts(host(1).system), ref)
    two = runs.findings(runs.facts(host(2).system), ref)
    assert runs.runs == 2
    assert {f.resource for f in one} != {f.resource for f in two}


def test_a_run_that_raised_is_not_shared() -> None:
    calls: list[str] = []

    def failing(system: System, ref: CheckRef, now: dt.datetime) -> tuple[tuple[()], bool]:
        calls.append(system.name)
        return (), False

    runs = CheckRuns(failing, NOW)
    for index in range(3):
        runs.findings(runs.facts(host(index).system), CheckRef("logging.events"))
    assert len(calls) == 3


def phones(name: str, *passwords: str) -> SourceResult:
    """A system whose phones differ from another's only in their secrets' values: the facts
    show length, classes and the like alike, and the values only as keys to compare."""
    src = Provenance.file("pjsip.conf", 40, "auth")
    endpoints = tuple(Endpoint(f"20{i}", secret=Fact(SecretInfo.judge(p), src), source=src)
                      for i, p in enumerate(passwords))
    system = System(name, endpoints=endpoints, endpoints_known=True)
    return SourceResult(Target(name, TargetKind.CONFIG, "export", NetworkAddress("sip", name)),
                        system)


@pytest.mark.parametrize("shared_first", [True, False])
def test_secrets_that_differ_only_in_value_are_not_judged_alike(shared_first: bool) -> None:
    shared = phones("shared", "t8Vq#2mRz!Lp6Wd", "t8Vq#2mRz!Lp6Wd")
    distinct = phones("distinct", "t8Vq#2mRz!Lp6Wd", "Hq4!nX7cVb2#kRs")
    sources = [shared, distinct] if shared_first else [distinct, shared]
    together = evaluate(sources, PROFILES, now=NOW, started=NOW)
    assert together.targets == each_alone(sources).targets
    reuse = {t.target.name: {f.finding.status.value for f in t.findings
                             if f.finding.check_id == "credentials.reuse"}
             for t in together.targets}
    assert reuse == {"shared": {"fail"}, "distinct": {"pass"}}


def test_a_check_over_a_selection_is_shared_by_targets_with_the_same_selection() -> None:
    runs = CheckRuns(run_on, NOW)
    ref = CheckRef("signalling.tls_min_version")
    plain = [runs.findings(runs.facts(host(i, tls=False).system), ref) for i in (1, 3, 5)]
    assert runs.runs == 1 and plain[1] is plain[0] is plain[2]  # "no TLS transport" alike
    assert [f.status.value for f in plain[0]] == ["not-applicable"]
    secured = [runs.findings(runs.facts(host(i).system), ref) for i in (2, 4)]
    assert runs.runs == 3  # each host's own TLS transport is judged on its own
    assert [f.resource for f in secured[0]] != [f.resource for f in secured[1]]


def test_targets_judged_alike_share_their_reported_findings_and_control_results() -> None:
    result = evaluate([host(1, tls=False), host(3, tls=False)], PROFILES, now=NOW, started=NOW)
    first, second = (a for a in result.assessments if a.profile_id == "baseline")
    shared = [(c, d) for c, d in zip(first.controls, second.controls, strict=True) if c is d]
    assert shared and len(shared) < len(first.controls)  # the transports' own are not shared
    assert all(c.findings == d.findings for c, d in zip(first.controls, second.controls,
                                                         strict=True)
               if not any(f.finding.resource.startswith("transport:") for f in c.findings))
