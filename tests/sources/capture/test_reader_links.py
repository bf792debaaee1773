"""Link types: the decoder's own pass straight through, scapy dissects the others it knows,
and a link type nobody knows is reported per interface instead of failing the file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scapy.layers.dot11 import Dot11, Dot11QoS, RadioTap
from scapy.layers.inet import IP, UDP
from scapy.layers.l2 import LLC, SNAP
from scapy.layers.ppp import HDLC, PPP
from scapy.packet import Packet, Raw
from scapy.utils import PcapWriter

from tests.sources.capture.packets import request
from tests.sources.capture.test_reader import epb, idb, opened, shb
from voipscan.errors import ProblemLevel
from voipscan.sources.capture import audit_capture
from voipscan.sources.capture.linklayer import LINKTYPE_RAW, NATIVE, LinkLayers, ScapyLinkLayer

OPTIONS = request("OPTIONS", "100", "10.0.0.5", 5060, "10.0.0.1", 5060)
SIP_OVER_IP = IP(src="10.0.0.5", dst="10.0.0.1") / UDP(sport=5060, dport=5060) / Raw(OPTIONS)


def wifi(sequence: int) -> Packet:
    return (RadioTap() / Dot11(type=2, subtype=8, addr1="02:00:00:00:00:01",
                               addr2="02:00:00:00:00:02", addr3="02:00:00:00:00:03",
                               SC=sequence << 4)
            / Dot11QoS() / LLC() / SNAP() / SIP_OVER_IP)


def pcap(path: Path, linktype: int, packets: Sequence[Packet | bytes]) -> Path:
    writer = PcapWriter(str(path), linktype=linktype)
    for packet in packets:
        writer.write(packet)
    writer.close()
    return path


def test_native_link_types_pass_untouched() -> None:
    links = LinkLayers()
    assert all(links.adapter(linktype) is None for linktype in NATIVE)
    assert links.notes() == []


def test_ppp_capture_is_audited_through_scapy(tmp_path: Path) -> None:
    path = pcap(tmp_path / "ppp.pcap", 9, [PPP() / SIP_OVER_IP] * 3)
    records, reader = opened(path)
    assert records == [(LINKTYPE_RAW, bytes(SIP_OVER_IP))] * 3
    assert reader.notes() == []
    capture = audit_capture(path).system.capture
    assert capture is not None and (capture.packets, capture.sip_messages) == (3, 3)


def test_radiotap_wifi_capture_is_audited_through_scapy(tmp_path: Path) -> None:
    path = pcap(tmp_path / "wifi.pcap", 127, [wifi(n) for n in range(3)])
    assert opened(path)[0] == [(LINKTYPE_RAW, bytes(SIP_OVER_IP))] * 3
    result = audit_capture(path)
    assert result.problems == ()
    capture = result.system.capture
    assert capture is not None and capture.sip_messages == 3


def test_remembered_link_headers_give_what_dissection_gives() -> None:
    lcp = HDLC() / PPP(proto=0xC021) / Raw(b"\x01" * 30)  # no IP in it
    frames = [bytes(HDLC() / PPP() / SIP_OVER_IP), bytes(lcp), bytes(HDLC() / PPP() / SIP_OVER_IP),
              bytes(HDLC(control=0) / PPP() / SIP_OVER_IP)]
    cached = ScapyLinkLayer(50, HDLC)
    through_cache = [cached(frame) for frame in frames * 2]
    fresh = [ScapyLinkLayer(50, HDLC)(frame) for frame in frames * 2]
    assert through_cache == fresh
    assert fresh[0] == (LINKTYPE_RAW, bytes(SIP_OVER_IP))
    assert fresh[1] == (50, frames[1])  # no IP in it: passed on as it is


def test_frames_without_ip_keep_their_link_type(tmp_path: Path) -> None:
    """An 802.11 beacon carries no IP: the audit reports the original link type."""
    path = pcap(tmp_path / "beacon.pcap", 105, [Dot11()])
    assert opened(path)[0] == [(105, bytes(Dot11()))]
    (problem,) = audit_capture(path).problems
    assert problem.message == ("none of the 1 packets is UDP or TCP over IP (link type 105): "
                               "nothing to audit")


def test_unknown_link_type_in_a_pcap(tmp_path: Path) -> None:
    path = pcap(tmp_path / "user0.pcap", 147, [b"\x01\x02\x03"] * 4)
    records, reader = opened(path)
    assert records == [(147, b"\x01\x02\x03")] * 4
    assert reader.notes() == ["link type 147 is not a link layer voipscan or scapy can decode: "
                              "its 4 packets were not audited"]


def test_unknown_link_type_is_reported_per_interface(tmp_path: Path) -> None:
    frame = bytes(IP(src="10.0.0.5", dst="10.0.0.1") / UDP(sport=5060, dport=5060)
                  / Raw(OPTIONS))
    path = tmp_path / "mixed.pcapng"
    path.write_bytes(shb() + idb("<", 101, name="tun0") + idb("<", 147, name="probe")
                     + idb("<", 148) + epb("<", 0, frame) + epb("<", 1, b"\xaa" * 8)
                     + epb("<", 1, b"\xbb" * 8) + epb("<", 0, frame))
    result = audit_capture(path)
    assert [(p.message, p.level) for p in result.problems] == [
        ("interface 1 (probe): link type 147 is not a link layer voipscan or scapy can "
         "decode: its 2 packets were not audited", ProblemLevel.WARNING)]
    capture = result.system.capture
    assert capture is not None
    assert (capture.packets, capture.sip_messages, capture.complete) == (4, 2, True)


def test_unknown_link_type_is_named_when_scapy_has_a_name(tmp_path: Path) -> None:
    path = tmp_path / "usb.pcapng"
    path.write_bytes(shb() + idb("<", 189) + epb("<", 0, b"\x00" * 8))  # DLT_USB_LINUX
    assert opened(path)[1].notes() == [
        "interface 0: link type 189 (DLT_USB_LINUX) is not a link layer voipscan or scapy can "
        "decode: its 1 packets were not audited"]
