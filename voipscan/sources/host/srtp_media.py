"""The opt-in media check (``--media-check SECONDS``): stay in an answered probe call for a
moment and judge the packets that actually arrive on the offer's media port.

What the answer alone cannot tell, the packets can: an endpoint may agree to SRTP and still
send plain RTP, or break the offer/answer rules and send something else. Each datagram from
the peer is sorted by its first byte (RFC 7983: STUN, DTLS, RTP/RTCP); RTP packets are checked
against every key of the SDP answer's ``a=crypto`` lines (``srtp_crypto``). G.711 payloads
that no key authenticates are judged by their byte entropy: audio samples repeat values,
ciphertext does not (about 8 bits per byte over a few kilobytes); below ``PLAIN_ENTROPY`` with
``MIN_JUDGED_BYTES`` or more, media travelled in clear. Anything else stays unverified: no
verdict rests on a guess. Nothing is ever sent on the media port.
"""

from __future__ import annotations

import asyncio
import math
import socket
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from voipscan.sources.host.srtp_crypto import Verifier, answer_keys, header_length

MAX_PACKETS = 2_000
MAX_BYTES = 1_500  # of each datagram
MAX_SECONDS = 10.0
PLAIN_ENTROPY = 7.0  # bits per byte
MIN_JUDGED_BYTES = 2_000
G711 = (0, 8)  # the payload types every probe offer carries (PCMU, PCMA)


class MediaKind(StrEnum):
    SRTP = "srtp"  # authenticated with a key of the answer
    PLAIN = "plain-rtp"  # G.711 in clear
    UNVERIFIED = "unverified"  # RTP that no answered key authenticates, not shown to be clear
    DTLS = "dtls-only"  # a DTLS handshake, no RTP (DTLS-SRTP keying under way)
    NOTHING = "nothing"  # no packet from the peer


@dataclass(frozen=True)
class MediaObservation:
    """What arrived on the media port while the call was up (counts; never a payload)."""

    seconds: float
    packets: int
    rtp: int
    authenticated: int
    dtls: int
    stun: int
    entropy: float | None
    """Bits per byte of the unauthenticated G.711 payloads (None: too few bytes)."""
    keys: int
    """Answered SDES keys tried."""
    kind: MediaKind

    def describe(self) -> str:
        """'media check, 2.0 s in the call: 100 RTP packets, 100 authenticated ... -> srtp'."""
        parts = [f"{self.packets} packet(s) from the peer"]
        if self.packets:
            parts.append(f"{self.rtp} RTP")
            if self.keys:
                parts.append(f"{self.authenticated} authenticated with the answered "
                             f"a=crypto key")
            if self.dtls:
                parts.append(f"{self.dtls} DTLS")
            if self.stun:
                parts.append(f"{self.stun} STUN")
            if self.entropy is not None:
                parts.append(f"G.711 payload entropy {self.entropy:.1f} bits/byte")
        return f"media check, {self.seconds:.1f} s in the call: {', '.join(parts)} -> " \
               f"{_MEANING[self.kind]}"


_MEANING = {
    MediaKind.SRTP: "SRTP protected with the answered key",
    MediaKind.PLAIN: "media sent in clear (unencrypted G.711)",
    MediaKind.UNVERIFIED: "not verified (no answered key authenticates it; not shown to be "
                          "clear either)",
    MediaKind.DTLS: "DTLS handshake only (DTLS-SRTP keys, not checked)",
    MediaKind.NOTHING: "nothing arrived (some endpoints send media only after receiving some)",
}


class MediaCollector(asyncio.DatagramProtocol):
    """Keeps the datagrams that arrive on the media port, bounded in count and size."""

    def __init__(self) -> None:
        self.packets: list[bytes] = []
        self.transport: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr: tuple[str | object, ...]) -> None:
        if len(self.packets) < MAX_PACKETS:
            self.packets.append(data[:MAX_BYTES])

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


async def collect(sock: socket.socket) -> MediaCollector:
    """Start collecting what arrives on ``sock`` (closed with the collector)."""
    sock.setblocking(False)
    _, protocol = await asyncio.get_running_loop().create_datagram_endpoint(
        MediaCollector, sock=sock)
    return protocol


def judge(packets: list[bytes], answer_body: bytes | None, seconds: float) -> MediaObservation:
    """Sort and check the packets of one call; keys are read from the answer and dropped."""
    verifiers = [Verifier.of(k) for k in answer_keys(answer_body or b"")]
    kinds = Counter(_demultiplex(p) for p in packets)
    rtp = [p for p in packets if _demultiplex(p) == "rtp"]
    authenticated = sum(1 for p in rtp if any(v.authentic(p) for v in verifiers))
    clear = [p for p in rtp if p[1] & 0x7F in G711 and not any(v.authentic(p) for v in verifiers)]
    entropy = _entropy(clear)
    if authenticated:
        kind = MediaKind.SRTP
    elif entropy is not None and entropy < PLAIN_ENTROPY:
        kind = MediaKind.PLAIN
    elif rtp:
        kind = MediaKind.UNVERIFIED
    elif kinds["dtls"]:
        kind = MediaKind.DTLS
    else:
        kind = MediaKind.NOTHING if not packets else MediaKind.UNVERIFIED
    return MediaObservation(round(seconds, 2), len(packets), len(rtp), authenticated,
                            kinds["dtls"], kinds["stun"], entropy, len(verifiers), kind)


def _demultiplex(packet: bytes) -> str:
    """RFC 7983 by the first byte; RTCP (payload types 200-204 with the marker bit's place)
    is not RTP."""
    if not packet:
        return "other"
    first = packet[0]
    if first <= 3:
        return "stun"
    if 20 <= first <= 63:
        return "dtls"
    if 128 <= first <= 191 and len(packet) >= 12:
        return "rtcp" if 192 <= packet[1] <= 223 else "rtp"
    return "other"


def _entropy(packets: list[bytes]) -> float | None:
    payload = bytearray()
    for packet in packets:
        start = header_length(packet)
        if start is not None:
            payload += packet[start:]
    if len(payload) < MIN_JUDGED_BYTES:
        return None
    total = len(payload)
    return -sum(n / total * math.log2(n / total) for n in Counter(payload).values())
