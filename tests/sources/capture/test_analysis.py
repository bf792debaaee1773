"""What the analysis learns from traffic, read from the facts it builds."""

from __future__ import annotations

import struct
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from scapy.packet import Packet

from tests.sources.capture import scenarios
from tests.sources.capture.packets import (
    digest,
    request,
    response,
    rtp,
    sdp,
    tls_handshake,
    udp,
)
from voipscan.facts import MediaEncryption, SipProtocol, System, TlsVersion
from voipscan.facts.model import CaptureEvidence, SipSourceActivity
from voipscan.sources.capture.analysis import CaptureAnalysis
from voipscan.sources.capture.evidence import build_system

PBX = scenarios.PBX


def analyse(packets: Sequence[Packet]) -> System:
    analysis = CaptureAnalysis("t.pcap")
    analysis.feed((1, bytes(p)) for p in packets)
    return build_system(analysis, complete=True)


def evidence(packets: Sequence[Packet]) -> CaptureEvidence:
    found = analyse(packets).capture
    assert found is not None
    return found


def source(packets: Sequence[Packet], address: str) -> SipSourceActivity:
    return next(s for s in evidence(packets).sources if s.address == address)


def test_password_guessing_counts_failures_once_per_transaction() -> None:
    packets = []
    for attempt in range(12):
        guess = request("REGISTER", "100", "192.0.2.8", 5060, PBX, 5060, call_id="guess",
                        cseq=attempt, extra=[digest("100", "pbx")])
        refusal = response("401 Unauthorized", "REGISTER", "100", call_id="guess", cseq=attempt)
        packets += [udp("192.0.2.8", 5060, PBX, 5060, guess),
                    udp("192.0.2.8", 5060, PBX, 5060, guess),  # retransmission
                    udp(PBX, 5060, "192.0.2.8", 5060, refusal)]
    found = source(packets, "192.0.2.8")
    assert (found.failed_auth, found.requests, found.users_probed) == (12, 24, 1)


def test_registration_with_a_challenge_is_not_guessing() -> None:
    found = source(scenarios.digest_register(), scenarios.PHONE)
    assert (found.failed_auth, found.users_probed, found.targets_unanswered) == (0, 0, 0)


def test_port_and_host_sweeps() -> None:
    ports = [udp("192.0.2.9", 5070, PBX, port, request("OPTIONS", "100", "192.0.2.9", 5070,
                                                       PBX, port, call_id=f"p{port}"))
             for port in range(5060, 5070)]
    hosts = [udp("192.0.2.10", 5070, f"10.9.0.{n}", 5060, request(
        "OPTIONS", "100", "192.0.2.10", 5070, f"10.9.0.{n}", 5060, call_id=f"h{n}"))
        for n in range(1, 26)]
    assert source(ports, "192.0.2.9").ports_probed == 10
    assert source(hosts, "192.0.2.10").targets_unanswered == 25


def test_scanner_user_agent_in_from_display_name() -> None:
    probe = request("OPTIONS", "100", "192.0.2.11", 5060, PBX, 5060,
                    extra=[], agent="Asterisk PBX").replace(
        b"From: <sip:caller", b'From: "sipvicious" <sip:caller')
    found = source([udp("192.0.2.11", 5060, PBX, 5060, probe)], "192.0.2.11")
    assert found.scanner_agents == ("sipvicious",)


def test_sip_tls_on_a_port_named_by_signalling() -> None:
    via = request("OPTIONS", "100", scenarios.PHONE, 5060, PBX, 5060,
                  extra=["Record-Route: <sip:10.0.0.1:5081;transport=tls;lr>"])
    packets = [udp(scenarios.PHONE, 5060, PBX, 5060, via),
               *tls_handshake(scenarios.PHONE, 40000, PBX, 5081, 0x0303, offered=(0x0303,)),
               *tls_handshake(scenarios.PHONE, 40001, PBX, 443, 0x0303, offered=(0x0303,))]
    transports = {t.name: t for t in analyse(packets).transports}
    assert set(transports) == {"udp 10.0.0.5:5060 -> 10.0.0.1:5060", "tls 10.0.0.1:5081"}
    tls = transports["tls 10.0.0.1:5081"]
    assert tls.protocol.value is SipProtocol.TLS
    assert tls.tls_versions.value == {TlsVersion.TLS1_2}
    assert "no client offered TLS 1.3" in tls.tls_versions.note


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Record-Route: <sip:10.0.0.1:5081;TRANSPORT=TLS;lr>",
                        "Contact: <SIPS:100@10.0.0.1:5081>",
                        "Route: <sip:10.0.0.1:5081;Transport=Tls>"]),
       st.sampled_from(["Asterisk PBX", "FRIENDLY-SCANNER", "sipcli/v1.8"]))
def test_tls_hops_and_scanner_markers_in_any_case(hop: str, agent: str) -> None:
    """The byte test that spares most messages the TLS-hop search ignores case, as the
    search does; scanner markers are found in any case, and only where they are."""
    message = request("OPTIONS", "100", "192.0.2.12", 5060, PBX, 5060, extra=[hop],
                      agent=agent)
    packets = [udp("192.0.2.12", 5060, PBX, 5060, message),
               *tls_handshake("192.0.2.12", 40000, PBX, 5081, 0x0303, offered=(0x0303,))]
    names = {t.name for t in analyse(packets).transports}
    assert "tls 10.0.0.1:5081" in names
    expected = {"FRIENDLY-SCANNER": ("friendly-scanner",), "sipcli/v1.8": ("sipcli",)}
    assert source(packets, "192.0.2.12").scanner_agents == expected.get(agent, ())


def test_legacy_tls_fails_the_minimum_version_check() -> None:
    from tests.checks.helpers import run
    from voipscan.checks import Status

    system = analyse(tls_handshake(scenarios.PHONE, 40000, PBX, 5061, 0x0301,
                                   offered=(0x0301,)))
    (tls,) = system.transports
    assert tls.tls_versions.value == {TlsVersion.TLS1_0}
    assert run("signalling.tls_min_version", system) == {
        "transport:tls 10.0.0.1:5061": Status.FAIL}
    assert run("signalling.tls13", system) == {"transport:tls 10.0.0.1:5061": Status.FAIL}


def test_refused_tls13_is_noted() -> None:
    (tls,) = analyse(tls_handshake(scenarios.PHONE, 40000, PBX, 5061, 0x0303)).transports
    assert tls.tls_versions.note == "a client offered TLS 1.3 and the server chose an older version"


def test_rtp_before_its_sdp_counts_for_the_stream() -> None:
    early = rtp(PBX, 5004, scenarios.CALLEE, 4000, 60)
    media = evidence([*early, *scenarios.plain_call()]).media
    stream = next(m for m in media if m.destination == "10.0.0.6:4000")
    assert stream.packets == 100
    assert stream.first_packet is not None and stream.first_packet.detail == "packet 1"


def test_unnegotiated_rtp_is_unknown_and_noise_is_ignored() -> None:
    media = evidence([*rtp("10.0.0.7", 7000, "10.0.0.8", 8000, 60),
                      *rtp("10.0.0.7", 7002, "10.0.0.8", 8002, 10)]).media
    (stream,) = media
    assert (stream.destination, stream.packets, stream.encryption.value) == (
        "10.0.0.8:8000", 60, None)


def test_late_offer_in_a_response() -> None:
    invite = request("INVITE", "100", scenarios.PHONE, 5060, PBX, 5060, call_id="late")
    offer = response("200 OK", "INVITE", "100", call_id="late", body=sdp(PBX, 6000, "RTP/SAVP",
                                                                          crypto=True))
    system = analyse([udp(scenarios.PHONE, 5060, PBX, 5060, invite),
                      udp(PBX, 5060, scenarios.PHONE, 5060, offer)])
    (endpoint,) = system.endpoints
    assert endpoint.media_encryption.value is MediaEncryption.SDES
    assert endpoint.media_encryption_mandatory.value is True  # the offer demanded SAVP


def test_answers_alone_leave_mandatory_unknown() -> None:
    system = analyse(scenarios.sdes_call())
    pbx = next(e for e in system.endpoints if e.name == "10.0.0.1:5060")
    assert pbx.media_encryption_mandatory.value is None


def test_no_sip_means_no_transports_or_endpoints() -> None:
    system = analyse(rtp("10.0.0.7", 7000, "10.0.0.8", 8000, 3))
    assert (system.transports_known, system.endpoints_known) == (False, False)
    assert system.capture is not None and system.capture.packets == 3


def raw_udp(payload: bytes) -> bytes:
    """Ethernet/IPv4/UDP frame built with struct: fast enough for fuzzing."""
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28 + len(payload), 0, 0, 64, 17, 0,
                         bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    return (b"\x00" * 12 + b"\x08\x00" + header
            + struct.pack("!HHHH", 5060, 5060, 8 + len(payload), 0) + payload)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.binary(max_size=300), max_size=20))
def test_garbage_sip_payloads_never_raise(payloads: list[bytes]) -> None:
    analysis = CaptureAnalysis("t.pcap")
    analysis.feed((1, raw_udp(start + p)) for p in payloads
                  for start in (b"INVITE sip:a@b SIP/2.0\r\n", b"SIP/2.0 200 OK\r\n",
                                b"\x80\x00"))
    build_system(analysis, complete=True)
