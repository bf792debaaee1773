"""Reading pcap and pcapng: byte orders, precisions, sections, blocks, options.

pcapng files are assembled block by block here (``shb``, ``idb``, ``epb``...), so every
layout the format allows can be tested, not only what scapy's writer produces.
"""

from __future__ import annotations

import gzip
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from scapy.layers.inet import IP, UDP
from scapy.layers.l2 import CookedLinuxV2
from scapy.packet import Raw
from scapy.utils import PcapWriter

from tests.sources.capture.packets import request, rtp, udp, write
from voipscan.sources.capture import audit_capture
from voipscan.sources.capture.reader import CaptureError, CaptureReader, open_capture

BYTE_ORDERS = pytest.mark.parametrize("order", ["<", ">"])


def block(order: str, kind: int, body: bytes) -> bytes:
    body += b"\x00" * (-len(body) % 4)
    length = 12 + len(body)
    return struct.pack(order + "II", kind, length) + body + struct.pack(order + "I", length)


def options(order: str, *items: tuple[int, bytes]) -> bytes:
    if not items:
        return b""
    packed = b"".join(struct.pack(order + "HH", code, len(value)) + value
                      + b"\x00" * (-len(value) % 4) for code, value in items)
    return packed + struct.pack(order + "HH", 0, 0)


def shb(order: str = "<", *items: tuple[int, bytes]) -> bytes:
    return block(order, 0x0A0D0D0A,
                 struct.pack(order + "IHHq", 0x1A2B3C4D, 1, 0, -1) + options(order, *items))


def idb(order: str, linktype: int, snaplen: int = 262144, name: str | None = None) -> bytes:
    items = [(2, name.encode()), (9, b"\x09")] if name else []  # if_name, if_tsresol
    return block(order, 1, struct.pack(order + "HHI", linktype, 0, snaplen)
                 + options(order, *items))


def epb(order: str, interface: int, frame: bytes, comment: str | None = None) -> bytes:
    items = [(1, comment.encode()), (2, struct.pack(order + "I", 1))] if comment else []
    head = struct.pack(order + "IIIII", interface, 1, 2, len(frame), len(frame))
    return block(order, 6, head + frame + b"\x00" * (-len(frame) % 4) + options(order, *items))


def spb(order: str, frame: bytes) -> bytes:
    return block(order, 3, struct.pack(order + "I", len(frame)) + frame)


def obsolete_pb(order: str, interface: int, frame: bytes) -> bytes:
    head = struct.pack(order + "HHIIII", interface, 0, 1, 2, len(frame), len(frame))
    return block(order, 2, head + frame)


def read(path: Path) -> list[tuple[int, bytes]]:
    handle, reader = open_capture(path)
    with handle:
        return list(reader.records())


def opened(path: Path) -> tuple[list[tuple[int, bytes]], CaptureReader]:
    handle, reader = open_capture(path)
    with handle:
        return list(reader.records()), reader


def frames(count: int = 5) -> list[bytes]:
    return [bytes(p) for p in rtp("10.0.0.1", 4000, "10.0.0.2", 5000, count)]


def sll2_frame(payload: bytes = b"hello") -> bytes:
    return bytes(CookedLinuxV2(proto=0x0800) / IP(src="10.9.0.1", dst="10.9.0.2")
                 / UDP(sport=5060, dport=5060) / Raw(payload))


@BYTE_ORDERS
@pytest.mark.parametrize("nano", [False, True])
def test_pcap_byte_orders_and_timestamp_precisions(tmp_path: Path, order: str,
                                                   nano: bool) -> None:
    path = tmp_path / "t.pcap"
    writer = PcapWriter(str(path), endianness=order, nano=nano, linktype=1)
    for packet in rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 5):
        writer.write(packet)
    writer.close()
    magic = path.read_bytes()[:4]
    assert magic == {("<", False): b"\xd4\xc3\xb2\xa1", (">", False): b"\xa1\xb2\xc3\xd4",
                     ("<", True): b"\x4d\x3c\xb2\xa1", (">", True): b"\xa1\xb2\x3c\x4d"}[
        (order, nano)]
    records, reader = opened(path)
    assert (reader.format, reader.packets) == ("pcap", 5)
    assert records == [(1, f) for f in frames()]


def test_big_endian_nanosecond_pcap_is_audited(tmp_path: Path) -> None:
    path = tmp_path / "be.pcap"
    writer = PcapWriter(str(path), endianness=">", nano=True, linktype=1)
    writer.write(udp("10.0.0.5", 5060, "10.0.0.1", 5060,
                     request("OPTIONS", "100", "10.0.0.5", 5060, "10.0.0.1", 5060)))
    writer.close()
    result = audit_capture(path)
    assert result.problems == ()
    capture = result.system.capture
    assert capture is not None and (capture.packets, capture.sip_messages) == (1, 1)


def test_pcap_records_longer_than_the_snap_length_are_read(tmp_path: Path) -> None:
    """Writers do not all honour their own snap length: up to 256 KiB a record is believed
    (as libpcap and Wireshark do); beyond that, see test_reader_damage."""
    path = tmp_path / "snap.pcap"
    writer = PcapWriter(str(path), linktype=1, snaplen=96)
    writer.write(udp("10.0.0.1", 5060, "10.0.0.2", 5060, b"x" * 500))
    writer.close()
    ((linktype, frame),) = read(path)
    assert (linktype, len(frame)) == (1, 542)


def test_pcapng_written_by_scapy(tmp_path: Path) -> None:
    path = write(tmp_path / "t.pcapng", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 5), pcapng=True)
    records, reader = opened(path)
    assert (reader.format, reader.packets) == ("pcapng", 5)
    assert records == [(1, f) for f in frames()]


@BYTE_ORDERS
def test_pcapng_two_interfaces_with_different_link_types(tmp_path: Path, order: str) -> None:
    ether_frame, cooked = frames(1)[0], sll2_frame()
    path = tmp_path / "two.pcapng"
    path.write_bytes(shb(order, (4, b"voipscan test"))  # shb_userappl
                     + idb(order, 1, name="eth0") + idb(order, 276, 0, name="any")
                     + epb(order, 0, ether_frame, comment="first")
                     + epb(order, 1, cooked) + epb(order, 0, ether_frame)
                     + epb(order, 1, cooked, comment="last"))
    assert read(path) == [(1, ether_frame), (276, cooked), (1, ether_frame), (276, cooked)]


def test_both_interfaces_are_audited(tmp_path: Path) -> None:
    offer = request("OPTIONS", "100", "10.0.0.5", 5060, "10.0.0.1", 5060)
    cooked = bytes(CookedLinuxV2(proto=0x0800) / IP(src="10.0.0.7", dst="10.0.0.1")
                   / UDP(sport=5070, dport=5060) / Raw(offer))
    path = tmp_path / "two.pcapng"
    path.write_bytes(shb() + idb("<", 1, name="eth0") + idb("<", 276, name="any")
                     + epb("<", 0, bytes(udp("10.0.0.5", 5060, "10.0.0.1", 5060, offer)))
                     + epb("<", 1, cooked))
    result = audit_capture(path)
    assert result.problems == ()
    capture = result.system.capture
    assert capture is not None
    assert sorted(f.client for f in capture.flows) == ["10.0.0.5:5060", "10.0.0.7:5070"]


def test_sections_restart_interface_numbers_and_may_switch_byte_order(tmp_path: Path) -> None:
    first, second = frames(2)
    cooked = sll2_frame()
    path = tmp_path / "sections.pcapng"
    path.write_bytes(shb("<") + idb("<", 1) + epb("<", 0, first)
                     + shb(">") + idb(">", 276) + idb(">", 1) + epb(">", 0, cooked)
                     + epb(">", 1, second))
    records, reader = opened(path)
    assert records == [(1, first), (276, cooked), (1, second)]
    assert reader.packets == 3


def test_simple_and_obsolete_packet_blocks(tmp_path: Path) -> None:
    first, second, third = frames(3)
    path = tmp_path / "old.pcapng"
    path.write_bytes(shb(">") + idb(">", 1, snaplen=0) + spb(">", first)
                     + obsolete_pb(">", 0, second) + spb(">", third))
    assert read(path) == [(1, first), (1, second), (1, third)]


def test_simple_packet_blocks_are_cut_to_the_snap_length(tmp_path: Path) -> None:
    frame = frames(1)[0]
    path = tmp_path / "snap.pcapng"
    path.write_bytes(shb() + idb("<", 1, snaplen=64) + spb("<", frame))
    assert read(path) == [(1, frame[:64])]


def test_blocks_the_audit_does_not_need_are_skipped(tmp_path: Path) -> None:
    frame = frames(1)[0]
    secrets = block("<", 10, struct.pack("<II", 0x544C534B, 8) + b"CLIENT_R")  # TLS key log
    statistics = block("<", 5, struct.pack("<III", 0, 0, 0))
    custom = block("<", 0x40000BAD, b"\x00\x00\x7f\xfe" + b"opaque")
    path = tmp_path / "extra.pcapng"
    path.write_bytes(shb() + idb("<", 1) + secrets + epb("<", 0, frame) + statistics + custom)
    assert read(path) == [(1, frame)]


def test_gzip_compressed_pcap_and_pcapng(tmp_path: Path) -> None:
    for plain in (write(tmp_path / "t.pcap", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 5)),
                  write(tmp_path / "t.pcapng", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 5),
                        pcapng=True)):
        packed = plain.with_name(plain.name + ".gz")
        packed.write_bytes(gzip.compress(plain.read_bytes()))
        assert read(packed) == read(plain) == [(1, f) for f in frames()]


def test_records_larger_than_the_read_chunk(tmp_path: Path) -> None:
    big = udp("10.0.0.1", 5060, "10.0.0.2", 5060, b"x" * 60000)
    path = write(tmp_path / "t.pcap", [big] * 40)  # 2.4 MB: crosses several 1 MiB chunks
    assert read(path) == [(1, bytes(big))] * 40
    path = tmp_path / "t.pcapng"
    path.write_bytes(shb() + idb("<", 1) + epb("<", 0, bytes(big)) * 40)
    assert read(path) == [(1, bytes(big))] * 40


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty file, not a capture"),
    (b"<?xml version='1.0'?>", "a text file, not a capture"),
    (b"\x00\x01\xfe\xff", "not a capture voipscan reads (pcap, pcapng, Network Monitor 2.x, "
                          "snoop; starts with 0001feff)"),
    (b"snoop\0\0\0\0\0\0\x01\0\0\0\x04", "snoop version 1 capture: only version 2 is read"),
    (b"snoop\0\0\0\0\0\0\x02\0\0\0\x08", "a snoop capture of datalink type 8, which "
                                          "voipscan does not decode"),
    (b"GMBU\x01\x03\x01\x00", "truncated netmon file header"),
    (b"\xd4\xc3\xb2\xa1\x02\x00", "truncated pcap file header"),
    (b"\x0a\x0d\x0d\x0a\x1c\x00", "truncated pcapng file header"),
    (b"\x1f\x8b\x08\x00garbage", "gzip-compressed but cannot be decompressed: "),
])
def test_not_a_capture(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.pcap"
    path.write_bytes(content)
    with pytest.raises(CaptureError) as error:
        read(path)
    assert error.value.message.startswith(message)


def test_unsupported_section_version(tmp_path: Path) -> None:
    data = bytearray(shb())
    data[12:14] = struct.pack("<H", 2)  # major version 2
    path = tmp_path / "v2.pcapng"
    path.write_bytes(bytes(data))
    with pytest.raises(CaptureError) as error:
        read(path)
    assert error.value.message == "corrupt pcapng file header: unsupported pcapng version 2.0"


def test_unknown_byte_order_magic(tmp_path: Path) -> None:
    data = bytearray(shb())
    data[8:12] = b"\x00\x01\x02\x03"
    path = tmp_path / "bom.pcapng"
    path.write_bytes(bytes(data))
    with pytest.raises(CaptureError) as error:
        read(path)
    assert error.value.message == ("corrupt pcapng file header: unknown byte-order magic "
                                   "00010203")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CaptureError, match="cannot open"):
        open_capture(tmp_path / "absent.pcap")


def test_scapy_is_imported_only_for_link_types_the_decoder_does_not_slice(
        tmp_path: Path) -> None:
    """Importing the CLI and the capture package loads no scapy, and neither does reading an
    Ethernet capture: only a link type such as PPP brings in scapy's dissectors."""
    ethernet = write(tmp_path / "t.pcap", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 3))
    ppp = tmp_path / "ppp.pcap"
    writer = PcapWriter(str(ppp), linktype=9)
    writer.write(b"\xff\x03\x00\x21" + bytes(IP(src="10.0.0.1", dst="10.0.0.2") / UDP()))
    writer.close()
    code = ("import sys; from pathlib import Path; import voipscan.cli; "
            "import voipscan.cli.scan_pcap; from voipscan.sources.capture import audit_capture; "
            "loaded = lambda: sorted(m for m in sys.modules if m.startswith('scapy')); "
            "before = loaded(); "
            f"audit_capture(Path({str(ethernet)!r})); after_ethernet = loaded(); "
            f"audit_capture(Path({str(ppp)!r})); "
            "print(before, after_ethernet, 'scapy.layers.ppp' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert run.stdout.strip() == "[] [] True"
