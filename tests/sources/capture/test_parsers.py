from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sources.capture.packets import SDES_KEY, client_hello, request, sdp, server_hello
from voipscan.facts import MediaEncryption, TlsVersion
from voipscan.sources.capture.sdp import parse_sdp
from voipscan.sources.capture.sip import (
    digest_identity,
    display_name,
    frame_stream,
    looks_like_sip,
    parse,
    resync,
    uri_user,
)
from voipscan.sources.capture.tcp import TcpTracker
from voipscan.sources.capture.tls import client_offer, handshake, server_choice


def test_sdp_keeps_suites_never_keys() -> None:
    (medium,) = parse_sdp(sdp("10.0.0.5", 30000, "RTP/SAVP", crypto=True).encode())
    assert medium.crypto_suites == ("AES_CM_128_HMAC_SHA1_80",)
    assert medium.encryption is MediaEncryption.SDES
    assert medium.secure_profile
    assert SDES_KEY not in repr(medium)
    assert (medium.address, medium.port) == ("10.0.0.5", 30000)


def test_sdp_media_kinds() -> None:
    body = (b"v=0\r\nc=IN IP4 10.0.0.9\r\na=fingerprint:sha-256 AA\r\n"
            b"m=audio 4000 UDP/TLS/RTP/SAVPF 111\r\n"
            b"m=video 4002 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\n"
            b"m=audio 0 RTP/AVP 0\r\n"
            b"m=application 5000 UDP/BFCP *\r\n"
            b"m=audio 4004 RTP/AVP 0\r\na=zrtp-hash:1.10 abc\r\n")
    dtls, video, zrtp = parse_sdp(body)
    assert (dtls.encryption, dtls.address) == (MediaEncryption.DTLS, "10.0.0.9")
    assert (video.kind, video.address) == ("video", None)  # on hold: 0.0.0.0
    assert zrtp.encryption is MediaEncryption.ZRTP


def test_plain_avp_and_best_effort_srtp() -> None:
    (plain,) = parse_sdp(sdp("10.0.0.5", 4000).encode())
    assert (plain.encryption, plain.secure_profile) == (MediaEncryption.NONE, False)
    (best_effort,) = parse_sdp(sdp("10.0.0.5", 4000, crypto=True).encode())
    assert (best_effort.encryption, best_effort.secure_profile) == (MediaEncryption.SDES, False)


def test_digest_identity_drops_the_response() -> None:
    value = ('Digest username="alice", realm="pbx.example", nonce="n", uri="sip:x", '
             'response="0123456789abcdef0123456789abcdef", algorithm=MD5')
    assert digest_identity(value) == ("alice", "pbx.example")
    assert digest_identity("Digest realm=x") is None
    assert digest_identity('Bearer token="x"') is None


def test_uri_user_and_display_name() -> None:
    assert uri_user("<sip:1001@10.0.0.1:5060>;tag=x") == "1001"
    assert uri_user("sips:bob@example.com") == "bob"
    assert uri_user("<sip:10.0.0.1>") is None
    assert display_name('"sipvicious" <sip:100@1.1.1.1>') == "sipvicious"
    assert display_name("friendly-scanner <sip:100@1.1.1.1>") == "friendly-scanner"


def test_parse_request_and_compact_forms() -> None:
    message = parse(b"OPTIONS sip:100@10.0.0.1 SIP/2.0\r\ni: abc\r\nl: 0\r\n\r\n")
    assert message is not None and message.headers.get("Call-ID") == "abc"
    assert parse(b"OPTIONS nonsense\r\n\r\n") is None
    assert looks_like_sip(b"SIP/2.0 200 OK\r\n") and not looks_like_sip(b"GET / HTTP/1.1")


def test_frame_stream_and_resync() -> None:
    one = request("OPTIONS", "1", "10.0.0.5", 5060, "10.0.0.1", 5060, call_id="a")
    two = request("INVITE", "2", "10.0.0.5", 5060, "10.0.0.1", 5060, call_id="b",
                  body=sdp("10.0.0.5", 4000))
    messages, used = frame_stream(b"\r\n\r\n" + one + two + two[:50])
    assert messages == [one, two]
    assert used == 4 + len(one) + len(two)
    assert resync(b"tail of a body\r\n" + one) == len(b"tail of a body\r\n")
    assert resync(b"no start line here") == -1


def test_tcp_tracker_handles_split_retransmitted_and_lost_segments() -> None:
    seen: list[bytes] = []
    tracker = TcpTracker(lambda data, key, packet: seen.append(data), lambda *a: None)
    key = (b"\x0a\x00\x00\x05", 40000, b"\x0a\x00\x00\x01", 5060)
    one = request("OPTIONS", "1", "10.0.0.5", 40000, "10.0.0.1", 5060, call_id="a")
    two = request("OPTIONS", "2", "10.0.0.5", 40000, "10.0.0.1", 5060, call_id="b")
    three = request("OPTIONS", "3", "10.0.0.5", 40000, "10.0.0.1", 5060, call_id="c")
    tracker.segment(key, one[:100], 1000, 0, 1)
    tracker.segment(key, one[:100], 1000, 0, 2)  # retransmission
    tracker.segment(key, one[60:], 1060, 0, 3)  # overlaps what we have
    assert seen == [one]
    seq = 1000 + len(one)
    tracker.segment(key, two[200:], seq + 200, 0, 4)  # the first 200 bytes were lost
    tracker.segment(key, three, seq + len(two), 0, 5)
    assert seen == [one, three]
    assert tracker.gaps == 1


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
    parse_sdp(data)
    parse(b"INVITE sip:x@y SIP/2.0\r\n" + data)
    frame_stream(data)
    resync(data)
    found = handshake(b"\x16\x03\x01" + data)
    if found is not None:
        client_offer(found[1])
        server_choice(found[1])
    client_offer(data)
    server_choice(data)
    digest_identity("Digest " + data.decode("latin-1"))


def test_tcp_tracker_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from voipscan.sources.capture import tcp

    monkeypatch.setattr(tcp, "MAX_STREAMS", 50)
    monkeypatch.setattr(tcp, "MAX_BUFFERED", 20_000)
    tracker = TcpTracker(lambda *a: None, lambda *a: None)
    partial = b"INVITE sip:a@b SIP/2.0\r\nContent-Length: 10\r\n" + b"X-Pad: y\r\n" * 100
    for port in range(1000):
        tracker.segment((b"\x0a\x00\x00\x05", port, b"\x0a\x00\x00\x01", 5060), partial, 1, 0,
                        port)
        assert tracker.buffered <= 20_000 + len(partial)
    assert len(tracker._streams) <= 50
    assert tracker.buffered == sum(len(s.buffer) for s in tracker._streams.values())
