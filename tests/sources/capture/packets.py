"""Build test captures with scapy: SIP, SDP, RTP and TLS hellos on chosen addresses."""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from scapy.layers.inet import IP, TCP, UDP
from scapy.layers.inet6 import IPv6
from scapy.layers.l2 import Ether
from scapy.packet import Packet, Raw
from scapy.utils import PcapNgWriter, PcapWriter

SDES_KEY = "WVNfX19zZWNyZXRfa2V5X2Zvcl90ZXN0c19vbmx5ISE"
"""The inline key in test SDP: it must never appear in any output."""
DIGEST_RESPONSE = "6629fae49393a05397450978507c4ef1"
"""The digest response in test REGISTERs: it must never appear in any output."""
NONCE = "84f1c1ae6cbe5ua9c8e1"


def ether() -> Packet:
    """Explicit addresses: a bare Ether() makes scapy ARP for the destination on the LAN."""
    return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")


def ip(src: str, dst: str) -> Packet:
    if ":" in src:
        return ether() / IPv6(src=src, dst=dst)
    return ether() / IP(src=src, dst=dst)


def udp(src: str, sport: int, dst: str, dport: int, payload: bytes) -> Packet:
    return ip(src, dst) / UDP(sport=sport, dport=dport) / Raw(payload)


def sip(start: str, headers: Sequence[str], body: str = "") -> bytes:
    lines = [start, *headers, f"Content-Length: {len(body.encode())}"]
    if body:
        lines.insert(-1, "Content-Type: application/sdp")
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


def request(method: str, user: str, src: str, sport: int, dst: str, dport: int, *,
            call_id: str = "call-1", cseq: int = 1, body: str = "",
            extra: Sequence[str] = (), agent: str = "TestPhone/1.0") -> bytes:
    return sip(f"{method} sip:{user}@{dst}:{dport} SIP/2.0", [
        f"Via: SIP/2.0/UDP {src}:{sport};branch=z9hG4bK{call_id}{cseq}",
        "Max-Forwards: 70",
        f"From: <sip:caller@{src}>;tag=a1",
        f"To: <sip:{user}@{dst}>",
        f"Call-ID: {call_id}",
        f"CSeq: {cseq} {method}",
        f"Contact: <sip:caller@{src}:{sport}>",
        f"User-Agent: {agent}",
        *extra,
    ], body)


def response(status: str, method: str, user: str, *, call_id: str = "call-1", cseq: int = 1,
             body: str = "") -> bytes:
    return sip(f"SIP/2.0 {status}", [
        "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKx",
        "From: <sip:caller@10.0.0.5>;tag=a1",
        f"To: <sip:{user}@10.0.0.1>;tag=b2",
        f"Call-ID: {call_id}",
        f"CSeq: {cseq} {method}",
        "Server: TestPBX",
    ], body)


def sdp(address: str, port: int, profile: str = "RTP/AVP", *, crypto: bool = False,
        fingerprint: bool = False) -> str:
    lines = ["v=0", f"o=- 1 1 IN IP4 {address}", "s=-", f"c=IN IP4 {address}", "t=0 0",
             f"m=audio {port} {profile} 0 8 101", "a=rtpmap:0 PCMU/8000"]
    if crypto:
        lines.append(f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{SDES_KEY}")
    if fingerprint:
        lines += ["a=fingerprint:sha-256 AB:CD:EF:01", "a=setup:actpass"]
    return "\r\n".join(lines) + "\r\n"


def digest(user: str, realm: str) -> str:
    return (f'Authorization: Digest username="{user}", realm="{realm}", nonce="{NONCE}", '
            f'uri="sip:{realm}", response="{DIGEST_RESPONSE}", algorithm=MD5')


def rtp(src: str, sport: int, dst: str, dport: int, count: int, ssrc: int = 0x1234) -> list[Packet]:
    return [udp(src, sport, dst, dport,
                struct.pack("!BBHII", 0x80, 0, seq, seq * 160, ssrc) + b"\xff" * 160)
            for seq in range(count)]


def _extensions(items: Iterable[tuple[int, bytes]]) -> bytes:
    body = b"".join(struct.pack("!HH", kind, len(data)) + data for kind, data in items)
    return struct.pack("!H", len(body)) + body


def _record(handshake_type: int, body: bytes) -> bytes:
    message = bytes([handshake_type]) + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x01" + struct.pack("!H", len(message)) + message


def client_hello(versions: Sequence[int] = (0x0304, 0x0303)) -> bytes:
    listed = b"".join(struct.pack("!H", v) for v in versions)
    body = (b"\x03\x03" + b"\x11" * 32 + b"\x20" + b"\x22" * 32
            + struct.pack("!H", 4) + b"\x13\x01\xc0\x2f" + b"\x01\x00"
            + _extensions([(0, b""), (43, bytes([len(listed)]) + listed)]))
    return _record(1, body)


def server_hello(version: int) -> bytes:
    """A TLS 1.3 ServerHello says 1.2 in its legacy field and 1.3 in supported_versions."""
    legacy = min(version, 0x0303)
    extensions: list[tuple[int, bytes]] = [(0xFF01, b"\x00")]
    if version == 0x0304:
        extensions.append((43, b"\x03\x04"))
    body = (struct.pack("!H", legacy) + b"\x33" * 32 + b"\x20" + b"\x22" * 32
            + (b"\x13\x01" if version == 0x0304 else b"\xc0\x2f") + b"\x00"
            + _extensions(extensions))
    return _record(2, body)


def tls_handshake(client: str, cport: int, server: str, sport: int, version: int,
                  offered: Sequence[int] = (0x0304, 0x0303)) -> list[Packet]:
    """SYN, SYN-ACK, ClientHello (split over two segments), ServerHello."""
    hello = client_hello(offered)
    c, s = 1000, 5000
    return [
        ip(client, server) / TCP(sport=cport, dport=sport, flags="S", seq=c - 1),
        ip(server, client) / TCP(sport=sport, dport=cport, flags="SA", seq=s - 1, ack=c),
        ip(client, server) / TCP(sport=cport, dport=sport, flags="PA", seq=c, ack=s)
        / Raw(hello[:40]),
        ip(client, server) / TCP(sport=cport, dport=sport, flags="PA", seq=c + 40, ack=s)
        / Raw(hello[40:]),
        ip(server, client) / TCP(sport=sport, dport=cport, flags="PA", seq=s,
                                 ack=c + len(hello)) / Raw(server_hello(version)),
    ]


def tcp_messages(client: str, cport: int, server: str, sport: int,
                 messages: Sequence[bytes]) -> list[Packet]:
    """SIP over TCP: the messages back to back, cut at arbitrary points into segments."""
    stream = b"".join(messages)
    packets = [ip(client, server) / TCP(sport=cport, dport=sport, flags="S", seq=99)]
    seq = 100
    for start in range(0, len(stream), 300):
        chunk = stream[start:start + 300]
        packets.append(ip(client, server) / TCP(sport=cport, dport=sport, flags="PA", seq=seq)
                       / Raw(chunk))
        seq += len(chunk)
    return packets


def write(path: Path, packets: Iterable[Packet], *, pcapng: bool = False) -> Path:
    writer: Any = PcapNgWriter(str(path)) if pcapng else PcapWriter(str(path), sync=True)
    for packet in packets:
        writer.write(packet)
    writer.close()
    return path
