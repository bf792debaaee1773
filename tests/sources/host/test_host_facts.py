from __future__ import annotations

import pytest

from voipscan.errors import ProblemLevel
from voipscan.facts import Exposure, Fact, Provenance, SipProtocol, SipTransport, TlsVersion
from voipscan.sources.host.host_facts import discloses_version, source_result
from voipscan.sources.host.probe import EnumerationResult, ProbeResult, Reachability
from voipscan.sources.host.scanner import HostReport
from voipscan.sources.host.targets import HostTarget, Service
from voipscan.target import TargetKind

UDP, TCP, TLS = Service(SipProtocol.UDP, 5060), Service(SipProtocol.TCP, 5060), \
    Service(SipProtocol.TLS, 5061)
TARGET = HostTarget(0, "pbx-lab", "192.0.2.1", (UDP, TCP, TLS))


def probe(service: Service, state: Reachability, **kwargs: object) -> ProbeResult:
    endpoint = TARGET.endpoint(service)
    if state is Reachability.OPEN:
        kwargs = {"status": 200, "reason": "OK", **kwargs}
    return ProbeResult(service, endpoint, state, "detail", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "disclosed"), [
    ("Asterisk PBX 18.20.0", True),
    ("FPBX-16.0.40.7(18.20.0)", True),
    ("kamailio (5.6.3 (x86_64/linux))", True),
    ("Cisco-SIPGateway/IOS-15.x", True),
    ("sipcli/v1.8", True),
    ("PolycomVVX-VVX_410-UA/5.9.5.0614", True),
    ("Asterisk PBX", False),
    ("Grandstream GXP2160", False),
    ("SIP", False),
    ("voipscan", False),
])
def test_version_detection(value: str, disclosed: bool) -> None:
    assert discloses_version(value) is disclosed


def test_answering_transports_become_facts_with_disclosures() -> None:
    report = HostReport(TARGET, (
        probe(UDP, Reachability.OPEN, server="Asterisk PBX 18.20.0", replied_from="192.0.2.1:5070"),
        probe(TCP, Reachability.CLOSED),
        probe(TLS, Reachability.FILTERED),
    ))
    result = source_result(report)
    assert result.target.kind is TargetKind.HOST and result.target.name == "pbx-lab"
    assert not result.fatal and result.problems == ()
    system = result.system
    assert system.transports_known and system.disclosures_known
    (transport,) = system.transports
    assert transport.name == "udp:192.0.2.1:5060"
    assert transport.protocol.value is SipProtocol.UDP
    assert transport.bind.value == "192.0.2.1:5060"
    assert transport.exposure.value is Exposure.NETWORK
    assert transport.source is not None
    assert transport.source.detail == "OPTIONS -> 200 OK; replied from 192.0.2.1:5070"
    (disclosure,) = system.disclosures
    assert (disclosure.kind, disclosure.detail) == ("software-version",
                                                    "Server: Asterisk PBX 18.20.0")
    assert (system.platform.value, system.version.value) == ("asterisk", "18.20.0")
    assert system.user_enumeration.value is None


def test_nothing_answering_is_a_fatal_target_with_the_reasons() -> None:
    report = HostReport(TARGET, (probe(UDP, Reachability.FILTERED),
                                 probe(TCP, Reachability.CLOSED)))
    result = source_result(report)
    assert result.fatal
    assert result.problems[0].message == (
        "pbx-lab: no SIP reply (udp/5060 filtered: detail; tcp/5060 closed: detail)")


def test_audited_tls_transport_is_merged_and_mtls_port_counts() -> None:
    source = Provenance.probe("192.0.2.1:5061", "TLS audit: complete")
    audited = SipTransport("tls:192.0.2.1:5061", protocol=Fact(SipProtocol.TLS, source),
                           tls_versions=Fact(frozenset({TlsVersion.TLS1_3}), source),
                           client_cert_required=Fact(True, source), source=source)
    report = HostReport(TARGET, (probe(TLS, Reachability.TLS_FAILED),), tls_transports=(audited,))
    result = source_result(report)
    assert not result.fatal
    (transport,) = result.system.transports
    assert transport.tls_versions.value == frozenset({TlsVersion.TLS1_3})
    assert transport.client_cert_required.value is True
    assert transport.bind.value == "192.0.2.1:5061"
    assert transport.exposure.value is Exposure.NETWORK
    assert not result.system.disclosures_known  # no SIP reply was read


def test_enumeration_results_become_a_fact_and_a_disclosure() -> None:
    leak = EnumerationResult("REGISTER", "udp:192.0.2.1:5060", ("404 Not Found",) * 2,
                             (("alice", "401 Unauthorized"), ("bob", "404 Not Found")))
    result = source_result(HostReport(TARGET, (probe(UDP, Reachability.OPEN),), leak))
    assert result.system.user_enumeration.value is True
    (disclosure,) = result.system.disclosures
    assert disclosure.detail == ("REGISTER for a made-up user -> 404 Not Found; "
                                 "alice -> 401 Unauthorized")
    same = EnumerationResult("REGISTER", "udp:192.0.2.1:5060", ("401 Unauthorized",) * 2,
                             (("alice", "401 Unauthorized"),))
    result = source_result(HostReport(TARGET, (probe(UDP, Reachability.OPEN),), same))
    assert result.system.user_enumeration.value is False


def test_inconclusive_enumeration_stays_unknown_with_a_warning() -> None:
    flaky = EnumerationResult("REGISTER", "udp:192.0.2.1:5060", ("404 Not Found", None),
                              (("alice", "404 Not Found"),))
    result = source_result(HostReport(TARGET, (probe(UDP, Reachability.OPEN),), flaky))
    assert result.system.user_enumeration.value is None
    (problem,) = result.problems
    assert problem.level is ProblemLevel.WARNING
    assert "user enumeration test inconclusive" in problem.message
