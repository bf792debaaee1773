"""HEP v2 and v3, the Homer capture protocol: an agent (heplify, Kamailio's siptrace,
FreeSWITCH, Asterisk's res_hep) sends each message it saw, with its addresses and ports.

HEP carries whole messages, not segments of a stream: SIP that an agent saw over TCP comes
back as ``MIRRORED_TCP``, and SIP that Kamailio received over TLS, WS or WSS (its siptrace
writes IP protocol 22 for those) as ``MIRRORED_SECURE_OR_WS``; the message's Via tells which.
"""

from __future__ import annotations

import socket

from voipscan.sources.capture.segment import TCP, UDP, Segment

MIRRORED_TCP, MIRRORED_SECURE_OR_WS = 0x106, 0x116
"""Pseudo-protocols of messages a HEP agent mirrored (not IP protocol numbers)."""
_KAMAILIO_TLS_OR_WS = 22  # IPPROTO_IDP, which Kamailio's siptrace writes for tls/ws/wss
_HEP_PROTOCOLS = {UDP: UDP, TCP: MIRRORED_TCP, _KAMAILIO_TLS_OR_WS: MIRRORED_SECURE_OR_WS}

_HEP3_CHUNKS = {3: "src", 4: "dst", 5: "src", 6: "dst", 7: "sport", 8: "dport", 2: "protocol",
                15: "payload"}


def hep3(data: bytes) -> Segment | None:
    """A HEPv3 packet (HEP3, total length, then vendor/type/length chunks)."""
    total = min(len(data), data[4] << 8 | data[5])
    fields: dict[str, bytes] = {}
    at = 6
    while at + 6 <= total:
        vendor, kind = data[at] << 8 | data[at + 1], data[at + 2] << 8 | data[at + 3]
        length = data[at + 4] << 8 | data[at + 5]
        if length < 6:
            return None
        name = _HEP3_CHUNKS.get(kind) if vendor == 0 else None
        if name is not None:
            fields[name] = data[at + 6:at + length]
        at += length
    try:
        protocol, payload = fields["protocol"][0], fields["payload"]
        sport = int.from_bytes(fields["sport"])
        dport = int.from_bytes(fields["dport"])
        src, dst = fields["src"], fields["dst"]
    except (KeyError, IndexError):
        return None
    carried = _HEP_PROTOCOLS.get(protocol)
    if len(src) not in (4, 16) or len(dst) != len(src) or carried is None:
        return None
    return (carried, src, sport, dst, dport, payload, 0, 0)


def hep2(data: bytes) -> Segment | None:
    """A HEP v1/v2 packet: version, header length, family, protocol, ports, addresses
    (v2 adds a timestamp and a capture id), then the captured payload."""
    version, length, family, protocol = data[0], data[1], data[2], data[3]
    size = 4 if family == socket.AF_INET else 16 if family in (10, 24, 28, 30) else 0
    carried = _HEP_PROTOCOLS.get(protocol)
    if not size or carried is None or length > len(data):
        return None
    sport, dport = data[4] << 8 | data[5], data[6] << 8 | data[7]
    src, dst = data[8:8 + size], data[8 + size:8 + 2 * size]
    expected = 8 + 2 * size + (12 if version == 2 else 0)
    if length != expected:
        return None
    return (carried, src, sport, dst, dport, data[length:], 0, 0)
