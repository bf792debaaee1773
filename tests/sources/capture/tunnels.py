"""Wrap test packets the way monitoring taps deliver them: GRE, ERSPAN I/II/III, IP-in-IP,
IPv6-in-IP, VXLAN, Geneve, TZSP, MPLS and HEP v2/v3. Headers are written byte by byte from
the RFCs (and Homer's HEP specification), so the tests do not lean on the dissectors they
check against."""

from __future__ import annotations

import socket
import struct

from scapy.layers.inet import IP, UDP
from scapy.layers.inet6 import IPv6
from scapy.layers.l2 import Ether
from scapy.packet import Packet, Raw

from tests.sources.capture.packets import ether

TAP, COLLECTOR = "192.0.2.10", "192.0.2.20"
PROTOCOL = {"gre": 47, "ipip": 4, "ipv6": 41}


def _outer(protocol: int, payload: bytes) -> Packet:
    return ether() / IP(src=TAP, dst=COLLECTOR, proto=protocol) / Raw(payload)


def gre(packet: Packet, *, key: bool = True, ethernet: bool = False) -> Packet:
    """GRE with a key (RFC 2890) carrying the IP packet, or the whole frame (0x6558)."""
    flags = 0x2000 if key else 0
    inner = bytes(packet) if ethernet else bytes(packet.payload)
    kind = 0x6558 if ethernet else (0x86DD if isinstance(packet.payload, IPv6) else 0x0800)
    header = struct.pack("!HH", flags, kind) + (struct.pack("!I", 7) if key else b"")
    return _outer(PROTOCOL["gre"], header + inner)


def erspan(packet: Packet, version: int) -> Packet:
    """ERSPAN type I (no header), II (sequence number, 8-byte header) or III (12 bytes and a
    platform subheader)."""
    frame = bytes(packet)
    if version == 1:
        return _outer(PROTOCOL["gre"], struct.pack("!HH", 0, 0x88BE) + frame)
    if version == 2:
        header = struct.pack("!HHI", 0x1000, 0x88BE, 1) + struct.pack("!II", 0x10000001, 0)
        return _outer(PROTOCOL["gre"], header + frame)
    erspan3 = struct.pack("!IIHH", 0x20000001, 0, 0, 0x0001)  # O bit: subheader follows
    header = struct.pack("!HHI", 0x1000, 0x22EB, 1) + erspan3 + b"\0" * 8
    return _outer(PROTOCOL["gre"], header + frame)


def ip_in_ip(packet: Packet) -> Packet:
    inner = packet.payload
    protocol = PROTOCOL["ipv6"] if isinstance(inner, IPv6) else PROTOCOL["ipip"]
    return _outer(protocol, bytes(inner))


def vxlan(packet: Packet) -> Packet:
    header = struct.pack("!II", 0x08000000, 42 << 8)
    return ether() / IP(src=TAP, dst=COLLECTOR) / UDP(sport=54321, dport=4789) / Raw(
        header + bytes(packet))


def geneve(packet: Packet) -> Packet:
    """Geneve (RFC 8926, UDP 6081) with one 8-byte option, carrying the whole frame."""
    option = struct.pack("!HBB", 0x0104, 0x01, 1) + b"\0" * 4
    header = struct.pack("!BBHI", len(option) // 4, 0, 0x6558, 42 << 8) + option
    return ether() / IP(src=TAP, dst=COLLECTOR) / UDP(sport=54321, dport=6081) / Raw(
        header + bytes(packet))


def tzsp(packet: Packet) -> Packet:
    """TZSP (MikroTik's sniffer stream, UDP 37008): version 1, received, Ethernet, a
    padding tag, a tagged field, then the end tag."""
    header = struct.pack("!BBH", 1, 0, 1) + b"\x00" + b"\x0a\x01\x07" + b"\x01"
    return ether() / IP(src=TAP, dst=COLLECTOR) / UDP(sport=54321, dport=37008) / Raw(
        header + bytes(packet))


def mpls(packet: Packet, labels: int = 2) -> Packet:
    stack = b"".join(struct.pack("!I", (100 + n) << 12 | (n == labels - 1) << 8 | 64)
                     for n in range(labels))
    return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02", type=0x8847) / Raw(
        stack + bytes(packet.payload))


def _addresses(packet: Packet) -> tuple[int, bytes, bytes, int, int, int, bytes]:
    ip = packet.payload
    family = socket.AF_INET6 if isinstance(ip, IPv6) else socket.AF_INET
    transport = ip.payload
    return (family, socket.inet_pton(family, ip.src), socket.inet_pton(family, ip.dst),
            transport.sport, transport.dport, 17 if isinstance(transport, UDP) else 6,
            bytes(transport.payload))


def hep3(packet: Packet, port: int = 9060, protocol: int | None = None) -> Packet:
    """HEP v3 as Kamailio's siptrace sends it; ``protocol`` overrides the IP protocol chunk
    (Kamailio writes 22 for SIP it received over TLS, WS or WSS)."""
    family, src, dst, sport, dport, carried, payload = _addresses(packet)
    protocol = carried if protocol is None else protocol
    v6 = family == socket.AF_INET6

    def chunk(kind: int, data: bytes) -> bytes:
        return struct.pack("!HHH", 0, kind, 6 + len(data)) + data

    body = b"".join([
        chunk(1, bytes([2 if not v6 else 10])), chunk(2, bytes([protocol])),
        chunk(5 if v6 else 3, src), chunk(6 if v6 else 4, dst),
        chunk(7, struct.pack("!H", sport)), chunk(8, struct.pack("!H", dport)),
        chunk(9, struct.pack("!I", 1_700_000_000)), chunk(10, struct.pack("!I", 0)),
        chunk(11, b"\x01"), chunk(12, struct.pack("!I", 2001)), chunk(15, payload)])
    data = b"HEP3" + struct.pack("!H", 6 + len(body)) + body
    return ether() / IP(src=TAP, dst=COLLECTOR) / UDP(sport=40000, dport=port) / Raw(data)


def hep2(packet: Packet, port: int = 9060) -> Packet:
    family, src, dst, sport, dport, protocol, payload = _addresses(packet)
    header_length = 8 + 2 * len(src) + 12
    header = struct.pack("!BBBBHH", 2, header_length, family, protocol, sport, dport) + src + \
        dst + struct.pack("!IIHH", 1_700_000_000, 0, 2001, 0)
    return ether() / IP(src=TAP, dst=COLLECTOR) / UDP(sport=40000, dport=port) / Raw(
        header + payload)
