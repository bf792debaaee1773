from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sources.capture.packets import client_hello, request, sdp, server_hello
from voipscan.facts import TlsVersion
from voipscan.sip.message import SipMessage
from voipscan.sources.capture.sip import clean, kind, parse
from voipscan.sources.capture.tcp import StreamKey, TcpTracker
from voipscan.sources.capture.tls import client_offer, handshake, server_choice


def test_parse_request_and_compact_forms() -> None:
    message = parse(b"OPTIONS sip:100@10.0.0.1 SIP/2.0\r\ni: abc\r\nl: 0\r\n\r\n")
    assert message is not None and message.headers.get("Call-ID") == "abc"
    assert parse(b"OPTIONS nonsense\r\n\r\n") is None


def test_kind_and_clean() -> None:
    invite = parse(request("INVITE", "1", "10.0.0.5", 5060, "10.0.0.1", 5060))
    odd = parse(b"FOO sip:a SIP/2.0\r\nCSeq: 1 FOO\r\n\r\n")
    assert invite is not None and odd is not None
    assert (kind(invite), kind(odd)) == ("INVITE", "OTHER")
    assert clean(" a\x1b[31mb ") == "a?[31mb"
    assert clean("x" * 100, 10) == "xxxxxxx..."


def seen_by(tracker_messages: list[SipMessage | None]) -> TcpTracker:
    def on_sip(message: SipMessage | None, key: StreamKey, packet: int, _: object) -> None:
        tracker_messages.append(message)

    return TcpTracker(on_sip, lambda *a: None, lambda *a: None)


def test_tcp_tracker_handles_split_retransmitted_and_lost_segments() -> None:
    seen: list[SipMessage | None] = []
    tracker = seen_by(seen)
    key = (b"\x0a\x00\x00\x05", 40000, b"\x0a\x00\x00\x01", 5060)
    one = request("OPTIONS", "1", "10.0.0.5", 40000, "10.0.0.1", 5060, call_id="a")
    two = request("OPTIONS", "2", "10.0.0.5", 40000, "10.0.0.1", 5060, call_id="b")
    three = request("OPTIONS", "3", "10.0.0.5", 40000, "10.0.0.1", 5060, call_id="c")
    tracker.segment(key, one[:100], 1000, 0, 1)
    tracker.segment(key, one[:100], 1000, 0, 2)  # retransmission
    tracker.segment(key, one[60:], 1060, 0, 3)  # overlaps what we have
    assert seen == [parse(one)]
    seq = 1000 + len(one)
    tracker.segment(key, two[200:], seq + 200, 0, 4)  # the first 200 bytes were lost
    tracker.segment(key, three, seq + len(two), 0, 5)
    assert seen == [parse(one), parse(three)]
    assert tracker.gaps == 1


def test_tcp_tracker_reports_unreadable_messages_and_goes_on() -> None:
    seen: list[SipMessage | None] = []
    tracker = seen_by(seen)
    key = (b"\x0a\x00\x00\x05", 40000, b"\x0a\x00\x00\x01", 5060)
    one = request("INVITE", "1", "10.0.0.5", 40000, "10.0.0.1", 5060, call_id="a",
                  body=sdp("10.0.0.5", 4000))
    broken = b"OPTIONS sip:a SIP/2.0\r\nno colon here\r\nContent-Length: 0\r\n\r\n"
    two = request("BYE", "1", "10.0.0.5", 40000, "10.0.0.1", 5060, call_id="a")
    stream = one + b"\r\n\r\n" + broken + two
    for at in range(0, len(stream), 100):
        tracker.segment(key, stream[at:at + 100], 1000 + at, 0, at)
    assert seen == [parse(one), None, parse(two)]


def test_tls_versions_from_hellos() -> None:
    offer = handshake(client_hello((0x0A0A, 0x0304, 0x0303)))
    assert offer is not None and offer[0] == 1
    assert client_offer(offer[1]) == {TlsVersion.TLS1_3, TlsVersion.TLS1_2}
    for code, version in ((0x0304, TlsVersion.TLS1_3), (0x0303, TlsVersion.TLS1_2),
                          (0x0301, TlsVersion.TLS1_0)):
        reply = handshake(server_hello(code))
        assert reply is not None and reply[0] == 2
        assert server_choice(reply[1]) is version


def test_handshake_needs_every_byte() -> None:
    record = client_hello()
    assert handshake(record[:-1]) is None
    assert handshake(record) is not None


@settings(max_examples=2000, deadline=None)
@given(st.binary(max_size=400))
def test_parsers_never_raise_on_garbage(data: bytes) -> None:
    parse(b"INVITE sip:x@y SIP/2.0\r\n" + data)
    tracker = TcpTracker(lambda *a: None, lambda *a: None, lambda *a: None)
    tracker.segment((b"\x0a\x00\x00\x05", 1, b"\x0a\x00\x00\x01", 5060),
                    b"INVITE sip:x@y SIP/2.0\r\n" + data, 1, 0, 1)
    found = handshake(b"\x16\x03\x01" + data)
    if found is not None:
        client_offer(found[1])
        server_choice(found[1])
    client_offer(data)
    server_choice(data)


def test_tcp_tracker_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from voipscan.sources.capture import tcp

    monkeypatch.setattr(tcp, "MAX_STREAMS", 50)
    monkeypatch.setattr(tcp, "MAX_BUFFERED", 20_000)
    tracker = TcpTracker(lambda *a: None, lambda *a: None, lambda *a: None)
    partial = b"INVITE sip:a@b SIP/2.0\r\nContent-Length: 10\r\n" + b"X-Pad: y\r\n" * 100
    for port in range(1000):
        tracker.segment((b"\x0a\x00\x00\x05", port, b"\x0a\x00\x00\x01", 5060), partial, 1, 0,
                        port)
        assert tracker.buffered <= 20_000 + len(partial)
    assert len(tracker._streams) <= 50
    assert tracker.buffered == sum(s.pending for s in tracker._streams.values())
