"""Traffic scenarios the capture tests write to files."""

from __future__ import annotations

from scapy.packet import Packet

from tests.sources.capture.packets import (
    digest,
    request,
    response,
    rtp,
    sdp,
    tcp_messages,
    tls_handshake,
    udp,
)

PHONE, PBX, CALLEE = "10.0.0.5", "10.0.0.1", "10.0.0.6"


def sdes_call() -> list[Packet]:
    """A phone offers SDES keys over UDP; the PBX answers with keys too."""
    offer = request("INVITE", "200", PHONE, 5060, PBX, 5060, call_id="sdes",
                    body=sdp(PHONE, 30000, "RTP/SAVP", crypto=True))
    answer = response("200 OK", "INVITE", "200", call_id="sdes",
                      body=sdp(PBX, 40000, "RTP/SAVP", crypto=True))
    return [udp(PHONE, 5060, PBX, 5060, offer), udp(PBX, 5060, PHONE, 5060, answer),
            *rtp(PHONE, 30000, PBX, 40000, 30), *rtp(PBX, 40000, PHONE, 30000, 30)]


def digest_register() -> list[Packet]:
    first = request("REGISTER", "alice", PHONE, 5060, PBX, 5060, call_id="reg")
    challenge = response("401 Unauthorized", "REGISTER", "alice", call_id="reg")
    second = request("REGISTER", "alice", PHONE, 5060, PBX, 5060, call_id="reg", cseq=2,
                     extra=[digest("alice", "pbx.example")])
    ok = response("200 OK", "REGISTER", "alice", call_id="reg", cseq=2)
    return [udp(PHONE, 5060, PBX, 5060, first), udp(PBX, 5060, PHONE, 5060, challenge),
            udp(PHONE, 5060, PBX, 5060, second), udp(PBX, 5060, PHONE, 5060, ok)]


def plain_call() -> list[Packet]:
    """RTP/AVP negotiated and RTP flowing both ways."""
    offer = request("INVITE", "300", CALLEE, 5062, PBX, 5060, call_id="plain",
                    body=sdp(CALLEE, 4000))
    answer = response("200 OK", "INVITE", "300", call_id="plain", body=sdp(PBX, 5004))
    ack = request("ACK", "300", CALLEE, 5062, PBX, 5060, call_id="plain")
    bye = request("BYE", "300", CALLEE, 5062, PBX, 5060, call_id="plain", cseq=2)
    return [udp(CALLEE, 5062, PBX, 5060, offer), udp(PBX, 5060, CALLEE, 5062, answer),
            udp(CALLEE, 5062, PBX, 5060, ack), *rtp(CALLEE, 4000, PBX, 5004, 40),
            *rtp(PBX, 5004, CALLEE, 4000, 40, ssrc=0x99), udp(CALLEE, 5062, PBX, 5060, bye)]


def dtls_call() -> list[Packet]:
    """DTLS-SRTP negotiated, SRTP on the negotiated ports; nothing exposed."""
    offer = request("INVITE", "400", PHONE, 5070, PBX, 5060, call_id="dtls",
                    body=sdp(PHONE, 32000, "UDP/TLS/RTP/SAVP", fingerprint=True))
    answer = response("200 OK", "INVITE", "400", call_id="dtls",
                      body=sdp(PBX, 42000, "UDP/TLS/RTP/SAVP", fingerprint=True))
    return [udp(PHONE, 5070, PBX, 5060, offer), udp(PBX, 5060, PHONE, 5070, answer),
            *rtp(PHONE, 32000, PBX, 42000, 20), *rtp(PBX, 42000, PHONE, 32000, 20)]


def tls_servers() -> list[Packet]:
    """One SIP-TLS server that picks 1.2 although 1.3 was offered, one that picks 1.3."""
    return [*tls_handshake(PHONE, 40000, PBX, 5061, 0x0303),
            *tls_handshake(PHONE, 40001, "10.0.0.2", 5061, 0x0304)]


def friendly_scanner() -> list[Packet]:
    probe = request("OPTIONS", "100", "203.0.113.9", 5071, PBX, 5060, call_id="scan",
                    agent="friendly-scanner")
    return [udp("203.0.113.9", 5071, PBX, 5060, probe)]


def register_sweep(users: int = 15) -> list[Packet]:
    """REGISTERs for many users from one source, all refused with 404."""
    packets = []
    for number in range(users):
        user = str(1000 + number)
        packets.append(udp("198.51.100.7", 5060, PBX, 5060, request(
            "REGISTER", user, "198.51.100.7", 5060, PBX, 5060, call_id=f"sweep{number}",
            agent="Zoiper")))
        packets.append(udp(PBX, 5060, "198.51.100.7", 5060, response(
            "404 Not Found", "REGISTER", user, call_id=f"sweep{number}")))
    return packets


def sip_over_tcp() -> list[Packet]:
    messages = [request("OPTIONS", "500", PHONE, 41000, PBX, 5060, call_id=f"tcp{i}")
                for i in range(3)]
    return tcp_messages(PHONE, 41000, PBX, 5060, messages)


def insecure() -> list[Packet]:
    return [*sdes_call(), *digest_register(), *plain_call(), *tls_servers(),
            *friendly_scanner(), *register_sweep(), *sip_over_tcp()]


def secure() -> list[Packet]:
    return [*dtls_call(), *tls_handshake(PHONE, 40002, "10.0.0.2", 5061, 0x0304)]


def tls13_signalling() -> list[Packet]:
    """Two phones reach the PBX over SIP-TLS; the PBX picks TLS 1.3 each time."""
    return [*tls_handshake(PHONE, 40010, PBX, 5061, 0x0304),
            *tls_handshake(CALLEE, 40011, PBX, 5061, 0x0304)]
