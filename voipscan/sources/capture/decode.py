"""Slice link, IP, UDP and TCP headers out of captured frames: no dissection, no objects.

``Decoder.decode`` turns one frame into a ``Segment`` tuple or None (not IP, not UDP/TCP,
too short, or a fragment still waiting for its other pieces). Addresses stay as raw bytes
(4 or 16) until something needs them as text.
"""

from __future__ import annotations

import socket

UDP, TCP = 17, 6

Segment = tuple[int, bytes, int, bytes, int, bytes, int, int]
"""(protocol, src, sport, dst, dport, payload, tcp sequence number, tcp flags)."""

TCP_FIN, TCP_SYN, TCP_RST = 0x01, 0x02, 0x04

_ETHERNET, _NULL, _RAW, _LOOP, _SLL, _IPV4, _IPV6, _SLL2 = 1, 0, 101, 108, 113, 228, 229, 276
_RAW_ALIASES = (12, 14)  # DLT_RAW as written on some BSDs
_VLAN_TYPES = (0x8100, 0x88A8, 0x9100)
_IPV4_TYPE, _IPV6_TYPE = 0x0800, 0x86DD
_BSD_INET6 = (24, 28, 30)  # AF_INET6 differs between BSDs
_IPV6_EXTENSIONS = (0, 43, 60)  # hop-by-hop, routing, destination options
_IPV6_FRAGMENT, _IPV6_AH = 44, 51


def address_text(raw: bytes) -> str:
    """4 or 16 raw bytes as an IP literal."""
    return socket.inet_ntop(socket.AF_INET if len(raw) == 4 else socket.AF_INET6, raw)


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

    def _decode(self, linktype: int, f: bytes) -> Segment | None:
        if linktype == _ETHERNET:
            kind, offset = f[12] << 8 | f[13], 14
            while kind in _VLAN_TYPES:
                kind, offset = f[offset + 2] << 8 | f[offset + 3], offset + 4
        elif linktype == _SLL:
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
        if kind == _IPV4_TYPE:
            return self._ipv4(f, offset)
        if kind == _IPV6_TYPE:
            return self._ipv6(f, offset)
        return None

    def _ipv4(self, f: bytes, o: int) -> Segment | None:
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
            if protocol != UDP:
                return None
            whole = self.defragmenter.add(
                src + dst + f[o + 4:o + 6], (fragment & 0x1FFF) * 8, bool(fragment & 0x2000),
                f[o + header:end])
            return None if whole is None else _transport(protocol, src, dst, whole, 0, len(whole))
        return _transport(protocol, src, dst, f, o + header, end)

    def _ipv6(self, f: bytes, o: int) -> Segment | None:
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
                if inner != UDP:
                    return None
                whole = self.defragmenter.add(src + dst + f[at + 4:at + 8], field & 0xFFF8,
                                              bool(field & 1), f[at + 8:end])
                return None if whole is None else _transport(inner, src, dst, whole, 0,
                                                             len(whole))
            else:
                break
        return _transport(protocol, src, dst, f, at, end)


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
