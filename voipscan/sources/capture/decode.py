"""Slice link, IP, UDP and TCP headers out of captured frames: no dissection, no objects.

``Decoder.decode`` turns one frame into a ``Segment`` tuple or None (not IP, not UDP/TCP,
too short, or a fragment still waiting for its other pieces). Addresses stay as raw bytes
(4 or 16) until something needs them as text.

Traffic mirrored to a monitor often arrives wrapped: GRE (RFC 2784/2890) carrying IP or
Ethernet, ERSPAN types I, II and III, IP-in-IP and IPv6-in-IP (RFC 2003, RFC 4213), VXLAN
(RFC 7348, UDP 4789), Geneve (RFC 8926, UDP 6081, cloud traffic mirroring), TZSP (UDP 37008,
MikroTik's sniffer stream), MPLS label stacks (RFC 3032) and HEP v2/v3 (Homer's capture
protocol, ``hep``). The decoder unwraps them, up to ``MAX_DEPTH`` layers, and returns the
innermost segment; a tunnel packet fragmented on its way (the tunnel made it larger) is
reassembled first.
"""

from __future__ import annotations

import socket
from functools import lru_cache

from voipscan.sources.capture.hep import hep2, hep3
from voipscan.sources.capture.segment import TCP, UDP, Segment

TCP_FIN, TCP_SYN, TCP_RST = 0x01, 0x02, 0x04

_ETHERNET, _NULL, _RAW, _LOOP, _SLL, _IPV4, _IPV6, _SLL2 = 1, 0, 101, 108, 113, 228, 229, 276
_RAW_ALIASES = (12, 14)  # DLT_RAW as written on some BSDs
_VLAN_TYPES = (0x8100, 0x88A8, 0x9100)
_IPV4_TYPE, _IPV6_TYPE = 0x0800, 0x86DD
_BSD_INET6 = (24, 28, 30)  # AF_INET6 differs between BSDs
_IPV6_EXTENSIONS = (0, 43, 60)  # hop-by-hop, routing, destination options
_IPV6_FRAGMENT, _IPV6_AH = 44, 51
_IPIP, _IPV6_IN_IP, _GRE = 4, 41, 47
_MPLS_TYPES = (0x8847, 0x8848)
_GRE_ETHERNET, _ERSPAN_2, _ERSPAN_3 = 0x6558, 0x88BE, 0x22EB
VXLAN_PORT, GENEVE_PORT, TZSP_PORT = 4789, 6081, 37008
HEP_PORTS = frozenset({9060, 9062, 9063, 9064})
_TUNNEL_PORTS = HEP_PORTS | {VXLAN_PORT, GENEVE_PORT, TZSP_PORT}
_TZSP_ETHERNET, _TZSP_PADDING, _TZSP_END = 1, 0, 1
MAX_DEPTH = 4
_TUNNELS = frozenset({_IPIP, _IPV6_IN_IP, _GRE})
_REASSEMBLED = frozenset({UDP, TCP}) | _TUNNELS
"""Encapsulation layers unwrapped at most (a loop of tunnels in a hostile capture ends)."""


@lru_cache(maxsize=16384)
def address_text(raw: bytes) -> str:
    """4 or 16 raw bytes as an IP literal."""
    return socket.inet_ntop(socket.AF_INET if len(raw) == 4 else socket.AF_INET6, raw)


@lru_cache(maxsize=16384)
def endpoint_text(raw: bytes, port: int) -> str:
    """'10.0.0.1:5060' or '[2001:db8::1]:5060'."""
    text = address_text(raw)
    return f"[{text}]:{port}" if len(raw) == 16 else f"{text}:{port}"


class Defragmenter:
    """Reassemble fragmented UDP datagrams (SIP with a large SDP often is) in bounded memory."""

    MAX_PENDING = 1024
    MAX_SIZE = 65535 + 8

    def __init__(self) -> None:
        self._pending: dict[bytes, list[tuple[int, bytes]]] = {}
        self._sizes: dict[bytes, int] = {}
        self._totals: dict[bytes, int] = {}

    def add(self, key: bytes, offset: int, more: bool, data: bytes) -> bytes | None:
        """Add one fragment; the whole transport payload once every piece is there."""
        pieces = self._pending.get(key)
        if pieces is None:
            if len(self._pending) >= self.MAX_PENDING:
                self._drop(next(iter(self._pending)))
            pieces = self._pending[key] = []
            self._sizes[key] = 0
        size = self._sizes[key] + len(data)
        if size > self.MAX_SIZE or offset + len(data) > self.MAX_SIZE:
            self._drop(key)
            return None
        pieces.append((offset, data))
        self._sizes[key] = size
        if not more:
            self._totals[key] = offset + len(data)
        total = self._totals.get(key)
        if total is None or size < total:
            return None
        pieces.sort()
        joined = bytearray()
        for piece_offset, piece in pieces:
            if piece_offset > len(joined):
                return None  # a hole: overlapping retransmitted pieces made up the size
            joined += piece[len(joined) - piece_offset:]
        self._drop(key)
        return bytes(joined[:total])

    def _drop(self, key: bytes) -> None:
        self._pending.pop(key, None)
        self._sizes.pop(key, None)
        self._totals.pop(key, None)


class Decoder:
    def __init__(self) -> None:
        self.defragmenter = Defragmenter()

    def decode(self, linktype: int, frame: bytes) -> Segment | None:
        segment = self._outer(linktype, frame)
        if segment is not None and segment[0] == UDP and (
                segment[4] in _TUNNEL_PORTS or segment[2] in _TUNNEL_PORTS
                or segment[5][:4] == b"HEP3"):
            return self.unwrap_udp(segment[2], segment[4], segment[5]) or segment
        return segment

    def _outer(self, linktype: int, frame: bytes) -> Segment | None:
        f = frame
        try:
            # Fast path for most of any VoIP capture: Ethernet, IPv4 without options or
            # fragmentation, UDP (RTP). Everything else takes the general path.
            if (linktype == _ETHERNET and f[12] == 8 and f[13] == 0 and f[14] == 0x45
                    and f[23] == UDP and not (f[20] & 0x3F or f[21])):
                end = 14 + (f[16] << 8 | f[17])
                length = f[38] << 8 | f[39]
                if 8 <= length <= end - 34:
                    end = 34 + length
                return (UDP, f[26:30], f[34] << 8 | f[35], f[30:34], f[36] << 8 | f[37],
                        f[42:end], 0, 0)
            return self._decode(linktype, frame)
        except IndexError:
            return None  # a frame shorter than its headers claim

    def _decode(self, linktype: int, f: bytes, depth: int = 0) -> Segment | None:
        if linktype == _ETHERNET:
            return self._ethernet(f, 0, depth)
        if linktype == _SLL:
            kind, offset = f[14] << 8 | f[15], 16
        elif linktype == _SLL2:
            kind, offset = f[0] << 8 | f[1], 20
        elif linktype in (_NULL, _LOOP):
            family = f[0] | f[3]  # host byte order (NULL) or network order (LOOP)
            kind = _IPV4_TYPE if family == 2 else _IPV6_TYPE if family in _BSD_INET6 else 0
            offset = 4
        elif linktype in (_RAW, *_RAW_ALIASES):
            version = f[0] >> 4
            kind = _IPV4_TYPE if version == 4 else _IPV6_TYPE if version == 6 else 0
            offset = 0
        elif linktype == _IPV4:
            kind, offset = _IPV4_TYPE, 0
        elif linktype == _IPV6:
            kind, offset = _IPV6_TYPE, 0
        else:
            return None
        return self._network(kind, f, offset, depth)

    def _network(self, kind: int, f: bytes, offset: int, depth: int) -> Segment | None:
        if kind == _IPV4_TYPE:
            return self._ipv4(f, offset, depth)
        if kind == _IPV6_TYPE:
            return self._ipv6(f, offset, depth)
        if kind in _MPLS_TYPES:
            while not f[offset + 2] & 1:  # bottom of stack
                offset += 4
            offset += 4
            version = f[offset] >> 4
            kind = _IPV4_TYPE if version == 4 else _IPV6_TYPE if version == 6 else 0
            return self._network(kind, f, offset, depth) if kind else None
        return None

    def _ethernet(self, f: bytes, offset: int, depth: int) -> Segment | None:
        kind, offset = f[offset + 12] << 8 | f[offset + 13], offset + 14
        while kind in _VLAN_TYPES:
            kind, offset = f[offset + 2] << 8 | f[offset + 3], offset + 4
        return self._network(kind, f, offset, depth)

    def _inner(self, protocol: int, f: bytes, s: int, end: int, depth: int) -> Segment | None:
        """The segment inside a tunnel, or None when ``protocol`` carries none."""
        if depth >= MAX_DEPTH:
            return None
        f = f[:end]
        if protocol == _IPIP:
            return self._ipv4(f, s, depth + 1)
        if protocol == _IPV6_IN_IP:
            return self._ipv6(f, s, depth + 1)
        if protocol == _GRE:
            return self._gre(f, s, depth + 1)
        return None

    def _gre(self, f: bytes, s: int, depth: int) -> Segment | None:
        flags, kind = f[s] << 8 | f[s + 1], f[s + 2] << 8 | f[s + 3]
        at = s + 4 + 4 * ((flags & 0x8000 != 0) + (flags & 0x2000 != 0)
                          + (flags & 0x1000 != 0))
        if kind == _GRE_ETHERNET:
            return self._ethernet(f, at, depth)
        if kind == _ERSPAN_2:  # type II has a sequence number and an 8-byte header; I has none
            return self._ethernet(f, at + 8 if flags & 0x1000 else at, depth)
        if kind == _ERSPAN_3:
            optional = 8 if f[at + 11] & 1 else 0  # O bit: a platform-specific subheader
            return self._ethernet(f, at + 12 + optional, depth)
        return self._network(kind, f, at, depth)

    def unwrap_udp(self, sport: int, dport: int, payload: bytes,
                   depth: int = 0) -> Segment | None:
        """The segment a UDP datagram carries (VXLAN, HEP), or None for plain UDP."""
        if depth >= MAX_DEPTH or len(payload) < 8:
            return None
        try:
            if VXLAN_PORT in (sport, dport) and payload[0] & 0x08:
                return self._ethernet(payload, 8, depth + 1)
            if GENEVE_PORT in (sport, dport) and not payload[0] >> 6:
                kind, at = payload[2] << 8 | payload[3], 8 + (payload[0] & 0x3F) * 4
                if kind == _GRE_ETHERNET:
                    return self._ethernet(payload, at, depth + 1)
                return self._network(kind, payload, at, depth + 1)
            if dport == TZSP_PORT and payload[0] == 1 and payload[1] == 0 \
                    and (payload[2] << 8 | payload[3]) == _TZSP_ETHERNET:
                return self._ethernet(payload, _tzsp_end(payload), depth + 1)
            if payload[:4] == b"HEP3":
                return hep3(payload)
            if dport in HEP_PORTS and payload[0] in (1, 2):
                return hep2(payload)
        except IndexError:
            return None
        return None

    def _ipv4(self, f: bytes, o: int, depth: int = 0) -> Segment | None:
        first = f[o]
        header = (first & 15) * 4
        if first >> 4 != 4 or header < 20:
            return None
        total = f[o + 2] << 8 | f[o + 3]
        end = o + total if header <= total <= len(f) - o else len(f)
        protocol = f[o + 9]
        src, dst = f[o + 12:o + 16], f[o + 16:o + 20]
        fragment = (f[o + 6] << 8 | f[o + 7]) & 0x3FFF
        if fragment:
            if protocol not in _REASSEMBLED:
                return None
            whole = self.defragmenter.add(
                src + dst + f[o + 4:o + 6] + bytes([protocol]), (fragment & 0x1FFF) * 8,
                bool(fragment & 0x2000), f[o + header:end])
            return None if whole is None else self._whole(protocol, src, dst, whole, depth)
        if protocol in _TUNNELS:
            return self._inner(protocol, f, o + header, end, depth)
        return _transport(protocol, src, dst, f, o + header, end)

    def _ipv6(self, f: bytes, o: int, depth: int = 0) -> Segment | None:
        if f[o] >> 4 != 6:
            return None
        length = f[o + 4] << 8 | f[o + 5]
        end = o + 40 + length if 0 < length <= len(f) - o - 40 else len(f)
        src, dst = f[o + 8:o + 24], f[o + 24:o + 40]
        protocol, at = f[o + 6], o + 40
        for _ in range(8):
            if protocol in _IPV6_EXTENSIONS:
                protocol, at = f[at], at + (f[at + 1] + 1) * 8
            elif protocol == _IPV6_AH:
                protocol, at = f[at], at + (f[at + 1] + 2) * 4
            elif protocol == _IPV6_FRAGMENT:
                inner, field = f[at], f[at + 2] << 8 | f[at + 3]
                if inner not in _REASSEMBLED:
                    return None
                whole = self.defragmenter.add(src + dst + f[at + 4:at + 8] + bytes([inner]),
                                              field & 0xFFF8, bool(field & 1), f[at + 8:end])
                return None if whole is None else self._whole(inner, src, dst, whole, depth)
            else:
                break
        if protocol in _TUNNELS:
            return self._inner(protocol, f, at, end, depth)
        return _transport(protocol, src, dst, f, at, end)


    def _whole(self, protocol: int, src: bytes, dst: bytes, whole: bytes,
               depth: int) -> Segment | None:
        """The payload of a reassembled IP packet: a transport segment or a tunnel's."""
        if protocol in _TUNNELS:
            return self._inner(protocol, whole, 0, len(whole), depth)
        return _transport(protocol, src, dst, whole, 0, len(whole))


def _tzsp_end(data: bytes) -> int:
    """Where the frame starts: after the tagged fields, which end with the end tag."""
    at = 4
    while data[at] != _TZSP_END:
        at += 1 if data[at] == _TZSP_PADDING else 2 + data[at + 1]
    return at + 1


def _transport(protocol: int, src: bytes, dst: bytes, f: bytes, s: int,
               end: int) -> Segment | None:
    if protocol == UDP:
        if end - s < 8:
            return None
        length = f[s + 4] << 8 | f[s + 5]
        if 8 <= length <= end - s:
            end = s + length
        return (UDP, src, f[s] << 8 | f[s + 1], dst, f[s + 2] << 8 | f[s + 3], f[s + 8:end],
                0, 0)
    if protocol == TCP:
        if end - s < 20:
            return None
        data = (f[s + 12] >> 4) * 4
        if data < 20:
            return None
        return (TCP, src, f[s] << 8 | f[s + 1], dst, f[s + 2] << 8 | f[s + 3], f[s + data:end],
                int.from_bytes(f[s + 4:s + 8]), f[s + 13])
    return None
