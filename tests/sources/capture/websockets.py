"""SIP over WebSocket on the wire (RFC 6455, RFC 7118), written byte by byte."""

from __future__ import annotations

import struct

from scapy.layers.inet import TCP
from scapy.packet import Packet, Raw

from tests.sources.capture.packets import ip

UPGRADE = (b"GET /ws HTTP/1.1\r\nHost: pbx.example\r\nUpgrade: websocket\r\n"
           b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           b"Sec-WebSocket-Protocol: sip\r\nSec-WebSocket-Version: 13\r\n\r\n")
SWITCHING = (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
             b"Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
             b"Sec-WebSocket-Protocol: sip\r\n\r\n")


def frame(payload: bytes, *, fin: bool = True, opcode: int = 1, mask: bytes | None = None
          ) -> bytes:
    length = len(payload)
    head = bytes([(0x80 if fin else 0) | opcode])
    flag = 0x80 if mask else 0
    if length < 126:
        head += bytes([flag | length])
    elif length < 65536:
        head += bytes([flag | 126]) + struct.pack("!H", length)
    else:
        head += bytes([flag | 127]) + struct.pack("!Q", length)
    if mask:
        payload = bytes(c ^ mask[i % 4] for i, c in enumerate(payload))
        head += mask
    return head + payload


def split(message: bytes, parts: int, mask: bytes | None) -> bytes:
    """One message as ``parts`` frames (a text frame, then continuations)."""
    size = -(-len(message) // parts)
    pieces = [message[i:i + size] for i in range(0, len(message), size)]
    return b"".join(frame(piece, fin=n == len(pieces) - 1, opcode=1 if n == 0 else 0,
                          mask=mask) for n, piece in enumerate(pieces))


def session(client: str, cport: int, server: str, sport: int, to_server: bytes,
            to_client: bytes, segment: int = 200, upgrade: bool = True) -> list[Packet]:
    """The upgrade (unless the capture joined later), then each side's frames cut into
    segments of ``segment`` bytes."""
    packets: list[Packet] = []
    request, reply = (UPGRADE, SWITCHING) if upgrade else (b"", b"")
    for src, s_port, dst, d_port, data, seq in (
            (client, cport, server, sport, request + to_server, 1000),
            (server, sport, client, cport, reply + to_client, 9000)):
        for start in range(0, len(data), segment):
            packets.append(ip(src, dst) / TCP(sport=s_port, dport=d_port, flags="PA",
                                             seq=seq + start) / Raw(data[start:start + segment]))
    return packets


def writes(client: str, cport: int, server: str, sport: int, frames: list[bytes],
           seq: int = 1000) -> list[Packet]:
    """One TCP segment per frame, as a client writes each message (the usual case)."""
    packets: list[Packet] = []
    for data in frames:
        packets.append(ip(client, server) / TCP(sport=cport, dport=sport, flags="PA", seq=seq)
                       / Raw(data))
        seq += len(data)
    return packets
