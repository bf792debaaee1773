"""Facts from several sources of one system: the observed decides, disagreements are named."""

from __future__ import annotations

from voipscan.facts import Fact, Logging, Provenance, SipProtocol, SipTransport, System
from voipscan.facts.fact import OriginKind
from voipscan.facts.model import TlsVersion
from voipscan.sources.merge import merge

CONFIG = Provenance.file("tls.cfg", 3, "method")
PROBE = Provenance.probe("tls:127.0.0.1:5061", "TLS audit")
CAPTURE = Provenance(OriginKind.CAPTURE, "trunk.pcap", None, "packet 4")
DECLARED = Provenance.declared("declared.yaml", 5, "declared by X")


def tls(source: Provenance, bind: str, *versions: TlsVersion) -> SipTransport:
    return SipTransport(f"tls:{bind}", Fact(SipProtocol.TLS, source), Fact(bind, source),
                        tls_versions=Fact(frozenset(versions), source), source=source)


def one(kind: str, system: System) -> tuple[str, System]:
    return kind, system


def test_observed_tls_versions_decide_over_the_configuration() -> None:
    configured = System("c", transports=(tls(CONFIG, "0.0.0.0:5061", TlsVersion.TLS1_3),),
                        transports_known=True)
    observed = System("h", transports=(tls(PROBE, "127.0.0.1:5061", TlsVersion.TLS1_2),),
                      transports_known=True)
    system, problems = merge("pbx", [one("config", configured), one("host", observed)])
    (transport,) = system.transports
    assert transport.tls_versions.value == frozenset({TlsVersion.TLS1_2})
    assert transport.tls_versions.source == PROBE
    assert "configured evidence says TLSv1.3 (tls.cfg:3 (method))" in transport.tls_versions.note
    (problem,) = problems
    assert "observed TLSv1.2" in problem.message and "configured TLSv1.3" in problem.message
    assert transport.bind.value == "0.0.0.0:5061"  # a wildcard bind is no contradiction
    assert system.evidence_kinds == {"config", "host"}


def test_a_capture_shows_part_of_what_is_accepted_so_versions_are_united() -> None:
    configured = System("c", transports=(tls(CONFIG, "0.0.0.0:5061", TlsVersion.TLS1_0,
                                             TlsVersion.TLS1_3),), transports_known=True)
    captured = System("p", transports=(tls(CAPTURE, "10.0.0.1:5061", TlsVersion.TLS1_3),),
                      transports_known=True)
    system, problems = merge("pbx", [one("config", configured), one("capture", captured)])
    (transport,) = system.transports
    assert transport.tls_versions.value == frozenset({TlsVersion.TLS1_0, TlsVersion.TLS1_3})
    assert problems == []


def test_a_declaration_never_overrides_what_was_observed_or_configured() -> None:
    configured = System("c", logging=Logging(retention_days=Fact(30, CONFIG)))
    declared = System("d", logging=Logging(retention_days=Fact(400, DECLARED)),
                      evidence_kinds=frozenset({"declared"}))
    system, problems = merge("pbx", [one("config", configured), one("config", declared)])
    assert system.logging.retention_days.value == 30
    assert "declared evidence says 400" in system.logging.retention_days.note
    assert "configured 30" in problems[0].message and "declared 400" in problems[0].message
    assert system.evidence_kinds == {"config", "declared"}


def test_a_declaration_fills_what_no_source_shows() -> None:
    declared = System("d", logging=Logging(retention_days=Fact(400, DECLARED)))
    system, problems = merge("pbx", [one("config", System("c")), one("declared", declared)])
    assert system.logging.retention_days.value == 400 and problems == []
