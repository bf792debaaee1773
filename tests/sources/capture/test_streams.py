"""SIP over WebSocket, and SIP over TLS joined after its handshake, in captures."""

from __future__ import annotations

import struct

from scapy.layers.inet import TCP
from scapy.packet import Raw

from tests.sources.capture import scenarios
from tests.sources.capture.packets import digest, ip, request, response
from tests.sources.capture.test_analysis import analyse, evidence
from tests.sources.capture.websockets import frame, session, split, writes
from voipscan.facts import SipProtocol

PHONE, PBX = scenarios.PHONE, scenarios.PBX
MASK = b"\x37\xfa\x21\x3d"


def _ws_register(parts: int, port: int = 8088) -> list:  # type: ignore[type-arg]
    register = request("REGISTER", "alice", PHONE, 50123, PBX, port, call_id="ws",
                       extra=[digest("alice", "pbx.example")])
    challenge = response("401 Unauthorized", "REGISTER", "alice", call_id="ws")
    return session(PHONE, 50123, PBX, port, split(register, parts, MASK),
                   frame(challenge))


def test_a_digest_over_websocket_is_found_on_any_port() -> None:
    for port in (8088, 443, 10443):
        found = evidence(_ws_register(parts=1, port=port))
        assert [e.user for e in found.digest_exposures] == ["alice"], port
        assert {f.protocol for f in found.flows} == {SipProtocol.WS}
        assert found.sip_messages == 2


def test_a_message_split_over_frames_and_segments() -> None:
    found = evidence(_ws_register(parts=5))
    assert [e.user for e in found.digest_exposures] == ["alice"]


def test_control_frames_between_pieces_and_a_ping_are_skipped() -> None:
    register = request("OPTIONS", "100", PHONE, 50123, PBX, 8088, call_id="ping")
    half = len(register) // 2
    data = (frame(register[:half], fin=False, mask=MASK) + frame(b"hi", opcode=9, mask=MASK)
            + frame(register[half:], fin=True, opcode=0, mask=MASK))
    assert evidence(session(PHONE, 50123, PBX, 8088, data, b"")).sip_messages == 1


def test_a_huge_frame_is_not_buffered() -> None:
    head = bytes([0x81, 0xFF]) + struct.pack("!Q", 1 << 40) + MASK
    packets = session(PHONE, 50123, PBX, 8088, head + b"x" * 3000, b"")
    assert evidence(packets).sip_messages == 0


def test_an_http_request_without_upgrade_is_not_sip() -> None:
    get = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" + request("OPTIONS", "1", PHONE, 1, PBX, 80)
    packet = ip(PHONE, PBX) / TCP(sport=50000, dport=80, flags="PA", seq=1) / Raw(get)
    assert evidence([packet]).sip_messages == 0


def _application_data(version: int, count: int = 3) -> list:  # type: ignore[type-arg]
    record = bytes([23]) + struct.pack("!HH", version, 64) + b"\xaa" * 64
    return [ip(PHONE, PBX) / TCP(sport=40001, dport=5061, flags="PA", seq=1 + n * 69)
            / Raw(record) for n in range(count)]


def test_tls_joined_after_its_handshake_is_encrypted_sip_of_unknown_version() -> None:
    system = analyse(_application_data(0x0301))
    transports = [t for t in system.transports if t.protocol.value is SipProtocol.TLS]
    assert len(transports) == 1
    transport = transports[0]
    assert transport.bind.value == "10.0.0.1:5061"
    assert transport.tls_versions.value is None
    assert "record layer TLSv1.0 (0x0301)" in transport.tls_versions.note


def test_records_from_the_server_side_name_the_server() -> None:
    record = bytes([23]) + struct.pack("!HH", 0x0303, 16) + b"\xbb" * 16
    packet = ip(PBX, PHONE) / TCP(sport=5061, dport=40001, flags="PA", seq=1) / Raw(record)
    transports = analyse([packet]).transports
    assert [t.bind.value for t in transports] == ["10.0.0.1:5061"]


def test_tls_records_on_other_ports_are_not_taken_for_sip() -> None:
    record = bytes([23]) + struct.pack("!HH", 0x0303, 16) + b"\xbb" * 16
    packet = ip(PHONE, PBX) / TCP(sport=40001, dport=443, flags="PA", seq=1) / Raw(record)
    assert analyse([packet]).transports == ()


def _refreshes(count: int) -> list[bytes]:
    """Re-registrations with credentials on a WebSocket connection opened long ago."""
    return [frame(request("REGISTER", "alice", PHONE, 50123, PBX, 8088, call_id="ws-long",
                          cseq=n + 1, extra=[digest("alice", "pbx.example")]), mask=MASK)
            for n in range(count)]


def test_websocket_joined_after_its_upgrade_is_read() -> None:
    """A SIP WebSocket stays open for hours: most captures never see its upgrade."""
    ok = frame(response("200 OK", "REGISTER", "alice", call_id="ws-long"))
    packets = [*writes(PHONE, 50123, PBX, 8088, _refreshes(2)),
               *writes(PBX, 8088, PHONE, 50123, [ok], seq=7000)]
    found = evidence(packets)
    assert found.sip_messages == 3
    assert [e.user for e in found.digest_exposures] == ["alice"]
    assert {f.protocol for f in found.flows} == {SipProtocol.WS}
    # frames that carry no SIP do not make a stream WebSocket
    noise = [bytes([0x81, 0x05]) + b"hello", bytes([0x82, 0x7E, 0x00, 0x10]) + b"\x00" * 16]
    assert evidence(writes(PHONE, 50124, PBX, 8088, noise)).sip_messages == 0


def test_websocket_reading_resumes_after_bytes_missing_from_the_capture() -> None:
    frames = _refreshes(4)
    packets = session(PHONE, 50123, PBX, 8088, b"", b"")[:1]  # the upgrade only
    seq = 1000 + len(packets[0][Raw].load)
    for n, data in enumerate(frames):
        half = len(data) // 2
        if n != 1:  # the capture lost the first half of the second message
            packets += writes(PHONE, 50123, PBX, 8088, [data[:half]], seq=seq)
        packets += writes(PHONE, 50123, PBX, 8088, [data[half:]], seq=seq + half)
        seq += len(data)
    found = evidence(packets)
    assert found.sip_messages == 3  # the first, third and fourth
    assert [e.messages for e in found.digest_exposures] == [3]
