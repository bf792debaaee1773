"""What must not be reported: a load test's refusals, fax, and traffic that only looks like
RTP."""

from __future__ import annotations

from tests.sources.capture import scenarios
from tests.sources.capture.packets import digest, request, response, sdp, udp
from tests.sources.capture.test_analysis import evidence
from voipscan.checks import Status
from voipscan.checks.base import REGISTRY, CheckContext
from voipscan.facts import System

PHONE, PBX = scenarios.PHONE, scenarios.PBX
NOW = __import__("datetime").datetime(2026, 12, 1, tzinfo=__import__("datetime").UTC)


def scanning(packets: list) -> dict[str, Status]:  # type: ignore[type-arg]
    check = REGISTRY["capture.scanning_activity"]
    system = System("t.pcap", capture=evidence(packets))
    return {f.resource: f.status for f in check.run(CheckContext(
        check, system, check.default_params(), NOW))}


def test_a_load_test_refused_without_credentials_is_not_password_guessing() -> None:
    packets = []
    for n in range(300):
        invite = request("INVITE", "load", "127.0.0.1", 5061, "127.0.0.2", 5060,
                         call_id=f"load-{n}", agent="")
        packets += [udp("127.0.0.1", 5061, "127.0.0.2", 5060, invite),
                    udp("127.0.0.2", 5060, "127.0.0.1", 5061,
                        response("403 Forbidden", "INVITE", "load", call_id=f"load-{n}"))]
    assert scanning(packets) == {"capture": Status.PASS}


def test_credentials_that_keep_failing_are_password_guessing() -> None:
    packets = []
    for n in range(30):
        register = request("REGISTER", "100", "203.0.113.9", 5070, PBX, 5060,
                           call_id=f"guess-{n}", extra=[digest("100", "pbx.example")],
                           agent="")
        packets += [udp("203.0.113.9", 5070, PBX, 5060, register),
                    udp(PBX, 5060, "203.0.113.9", 5070,
                        response("403 Forbidden", "REGISTER", "100", call_id=f"guess-{n}"))]
    assert scanning(packets) == {"source:203.0.113.9": Status.FAIL}


def _fax_switch() -> list:  # type: ignore[type-arg]
    """An audio call that a re-INVITE turns into T.38 on the same port, then fax packets
    whose first byte happens to look like RTP's."""
    audio = request("INVITE", "fax", PHONE, 5060, PBX, 5060, call_id="fax",
                    body=sdp(PHONE, 30000))
    answer = response("200 OK", "INVITE", "fax", call_id="fax", body=sdp(PBX, 40000))
    t38 = ("v=0\r\no=- 1 2 IN IP4 {0}\r\ns=-\r\nc=IN IP4 {0}\r\nt=0 0\r\n"
           "m=audio 0 RTP/AVP 0\r\nm=image {1} udptl t38\r\na=T38FaxVersion:0\r\n")
    reinvite = request("INVITE", "fax", PHONE, 5060, PBX, 5060, call_id="fax", cseq=2,
                       body=t38.format(PHONE, 30000))
    reanswer = response("200 OK", "INVITE", "fax", call_id="fax", cseq=2,
                        body=t38.format(PBX, 40000))
    udptl = [udp(PHONE, 30000, PBX, 40000, bytes([0x80 | n % 64, n % 256]) + b"\x00" * 40)
             for n in range(200)]
    return [udp(PHONE, 5060, PBX, 5060, audio), udp(PBX, 5060, PHONE, 5060, answer),
            udp(PHONE, 5060, PBX, 5060, reinvite), udp(PBX, 5060, PHONE, 5060, reanswer),
            *udptl]


def test_t38_fax_is_never_counted_as_rtp() -> None:
    found = evidence(_fax_switch())
    assert sum(m.packets for m in found.media) == 0


def test_broadcast_multicast_and_well_known_ports_are_not_media() -> None:
    rtp_like = bytes([0x80, 0]) + b"\x00" * 60
    packets = [udp("10.0.0.7", 137, "10.0.0.255", 137, rtp_like) for _ in range(60)]
    packets += [udp("10.0.0.7", 40000, "224.0.0.251", 5353, rtp_like) for _ in range(60)]
    packets += [udp("10.0.0.7", 40001, "10.0.0.53", 53, rtp_like) for _ in range(60)]
    packets += [udp("10.0.0.7", 40002, "239.255.255.250", 1900, rtp_like) for _ in range(60)]
    assert evidence(packets).media == ()


def test_a_stale_nonce_is_not_a_failed_password() -> None:
    """Behind a NAT or an SBC many phones share one address, and a PBX with short nonce
    lifetimes answers every refresh with 401 stale=true: credentials right, nonce old."""
    packets = []
    for n in range(30):
        call = f"refresh-{n}"
        for cseq, status in ((1, "401 Unauthorized"), (2, "200 OK")):
            register = request("REGISTER", f"{100 + n}", "198.51.100.7", 5060, PBX, 5060,
                               call_id=call, cseq=cseq,
                               extra=[digest(f"{100 + n}", "pbx.example")])
            reply = response(status, "REGISTER", f"{100 + n}", call_id=call, cseq=cseq)
            if cseq == 1:
                reply = reply.replace(b"Server: TestPBX", b'Server: TestPBX\r\nWWW-Authenticate: '
                                      b'Digest realm="pbx.example", nonce="n2", stale=true')
            packets += [udp("198.51.100.7", 5060, PBX, 5060, register),
                        udp(PBX, 5060, "198.51.100.7", 5060, reply)]
    assert scanning(packets) == {"capture": Status.PASS}


def test_replies_from_well_known_ports_are_not_media() -> None:
    """A resolver answering one forwarder's fixed port: the answers' first bytes and their
    counts (bytes 8-11) often look like one RTP stream."""
    answer = bytes([0x9A, 0x01, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]) + b"\x03pbx\x00" * 8
    packets = [udp("10.0.0.53", 53, "10.0.0.9", 40053, answer) for _ in range(60)]
    packets += [udp("10.0.0.8", 1900, "10.0.0.9", 40054, answer) for _ in range(60)]
    assert evidence(packets).media == ()
