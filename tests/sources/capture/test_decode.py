from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from scapy.layers.inet import IP, TCP, UDP, fragment
from scapy.layers.inet6 import IPv6, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop
from scapy.layers.l2 import CookedLinux, CookedLinuxV2, Dot1Q, Loopback
from scapy.packet import Packet, Raw

from tests.sources.capture.packets import ether
from voipscan.sources.capture.decode import TCP as TCP_PROTO
from voipscan.sources.capture.decode import UDP as UDP_PROTO
from voipscan.sources.capture.decode import Decoder, endpoint_text

V4_UDP = IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5060, dport=5062) / Raw(b"hello")


def decode(linktype: int, packet: Packet | bytes) -> tuple[object, ...] | None:
    return Decoder().decode(linktype, bytes(packet))


def test_ethernet_ipv4_udp_fast_path_trims_ethernet_padding() -> None:
    frame = bytes(ether() / V4_UDP) + b"\x00" * 20  # padded to the Ethernet minimum
    assert decode(1, frame) == (UDP_PROTO, bytes([10, 0, 0, 1]), 5060, bytes([10, 0, 0, 2]),
                                5062, b"hello", 0, 0)


def test_link_layers() -> None:
    expected = decode(1, ether() / V4_UDP)
    assert expected is not None
    assert decode(1, ether() / Dot1Q(vlan=7) / Dot1Q(vlan=8) / V4_UDP) == expected
    assert decode(113, CookedLinux(proto=0x0800) / V4_UDP) == expected
    assert decode(276, CookedLinuxV2(proto=0x0800) / V4_UDP) == expected
    assert decode(0, Loopback(type=2) / V4_UDP) == expected
    assert decode(101, V4_UDP) == expected
    assert decode(228, V4_UDP) == expected
    assert decode(147, V4_UDP) is None  # a link type we do not read


def test_ipv4_options_and_tcp() -> None:
    packet = ether() / IP(src="10.0.0.1", dst="10.0.0.2", options=b"\x01\x01\x01\x00") / TCP(
        sport=40000, dport=5060, seq=77, flags="PA") / Raw(b"OPTIONS")
    assert decode(1, packet) == (TCP_PROTO, bytes([10, 0, 0, 1]), 40000, bytes([10, 0, 0, 2]),
                                 5060, b"OPTIONS", 77, 0x18)


def test_ipv6_with_extension_header() -> None:
    packet = ether() / IPv6(src="2001:db8::1", dst="2001:db8::2") / IPv6ExtHdrHopByHop() / UDP(
        sport=5060, dport=5060) / Raw(b"data")
    decoded = decode(1, packet)
    assert decoded is not None
    assert endpoint_text(decoded[1], decoded[2]) == "[2001:db8::1]:5060"  # type: ignore[arg-type]
    assert decoded[5] == b"data"


def test_ipv4_fragments_are_reassembled_in_any_order() -> None:
    body = b"INVITE " + b"a" * 3000
    pieces = fragment(IP(src="10.0.0.1", dst="10.0.0.2", id=9) / UDP(sport=5060, dport=5060)
                      / Raw(body), fragsize=1000)
    decoder = Decoder()
    results = [decoder.decode(101, bytes(p)) for p in reversed(pieces)]
    assert results[:-1] == [None] * (len(pieces) - 1)
    assert results[-1] is not None and results[-1][5] == body


def test_ipv6_fragments_are_reassembled() -> None:
    body = b"REGISTER " + b"b" * 2000
    # the UDP checksum covers the IPv6 addresses: build it inside a whole packet first
    whole = bytes(IPv6(src="::1", dst="::2") / UDP(sport=5060, dport=5060) / Raw(body))[40:]
    decoder = Decoder()
    first = IPv6(src="::1", dst="::2") / IPv6ExtHdrFragment(nh=17, id=5, offset=0, m=1) / Raw(
        whole[:1200])
    second = IPv6(src="::1", dst="::2") / IPv6ExtHdrFragment(nh=17, id=5, offset=150, m=0) / Raw(
        whole[1200:])
    assert decoder.decode(229, bytes(first)) is None
    result = decoder.decode(229, bytes(second))
    assert result is not None and result[5] == body


def test_fragment_table_is_bounded() -> None:
    decoder = Decoder()
    for ident in range(3000):
        piece = IP(src="10.0.0.1", dst="10.0.0.2", id=ident, flags="MF", proto=17) / Raw(b"x" * 8)
        decoder.decode(101, bytes(piece))
    assert len(decoder.defragmenter._pending) <= decoder.defragmenter.MAX_PENDING


@settings(max_examples=3000, deadline=None)
@given(st.integers(min_value=0, max_value=300), st.binary(max_size=120))
def test_garbage_never_raises(linktype: int, frame: bytes) -> None:
    Decoder().decode(linktype, frame)


@settings(max_examples=500, deadline=None)
@given(st.binary(min_size=1, max_size=60))
def test_truncated_real_headers_never_raise(tail: bytes) -> None:
    frame = bytes(ether() / V4_UDP)
    for cut in range(0, len(frame), 3):
        Decoder().decode(1, frame[:cut] + tail)
