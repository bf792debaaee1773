from __future__ import annotations

import gzip
import struct
from pathlib import Path

import pytest
from scapy.utils import PcapWriter

from tests.capture.packets import rtp, udp, write
from voipscan.capture.reader import CaptureError, open_capture


def records(path: Path) -> list[tuple[int, bytes]]:
    handle, reader = open_capture(path)
    with handle:
        return list(reader.records())


def frames(count: int = 5) -> list[bytes]:
    return [bytes(p) for p in rtp("10.0.0.1", 4000, "10.0.0.2", 5000, count)]


@pytest.mark.parametrize("endianness", ["<", ">"])
@pytest.mark.parametrize("nano", [False, True])
def test_pcap_byte_orders_and_timestamp_precisions(tmp_path: Path, endianness: str,
                                                   nano: bool) -> None:
    path = tmp_path / "t.pcap"
    writer = PcapWriter(str(path), endianness=endianness, nano=nano, linktype=1)
    for packet in rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 5):
        writer.write(packet)
    writer.close()
    assert records(path) == [(1, f) for f in frames()]


def test_pcapng(tmp_path: Path) -> None:
    path = write(tmp_path / "t.pcapng", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 5), pcapng=True)
    handle, reader = open_capture(path)
    with handle:
        assert reader.format == "pcapng"
        assert list(reader.records()) == [(1, f) for f in frames()]
        assert reader.packets == 5


def test_gzip_compressed_pcap(tmp_path: Path) -> None:
    plain = write(tmp_path / "t.pcap", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 5))
    packed = tmp_path / "t.pcap.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert records(packed) == records(plain)


def test_records_larger_than_the_read_chunk(tmp_path: Path) -> None:
    big = udp("10.0.0.1", 5060, "10.0.0.2", 5060, b"x" * 60000)
    path = write(tmp_path / "t.pcap", [big] * 40)  # 2.4 MB: crosses several 1 MiB chunks
    assert records(path) == [(1, bytes(big))] * 40


def test_truncated_record_names_the_packet(tmp_path: Path) -> None:
    path = write(tmp_path / "t.pcap", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 5))
    path.write_bytes(path.read_bytes()[:-30])
    handle, reader = open_capture(path)
    read = []
    with handle, pytest.raises(CaptureError) as error:
        read.extend(reader.records())
    assert len(read) == 4
    assert error.value.packet == 5
    assert "truncated: packet 5 is cut short" in error.value.message


def test_file_ending_inside_a_record_header(tmp_path: Path) -> None:
    path = write(tmp_path / "t.pcap", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 3))
    path.write_bytes(path.read_bytes() + b"\x00" * 7)
    with pytest.raises(CaptureError, match="ends inside the header of packet 4"):
        records(path)


def test_corrupt_record_length(tmp_path: Path) -> None:
    path = write(tmp_path / "t.pcap", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 3))
    data = bytearray(path.read_bytes())
    second = 24 + 16 + len(frames(1)[0])
    data[second + 8:second + 12] = struct.pack("<I", 0x7FFFFFFF)
    path.write_bytes(bytes(data))
    with pytest.raises(CaptureError, match="corrupt at packet 2: record length"):
        records(path)


def test_truncated_and_corrupt_pcapng(tmp_path: Path) -> None:
    path = write(tmp_path / "t.pcapng", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 3), pcapng=True)
    whole = path.read_bytes()
    path.write_bytes(whole[:-10])
    with pytest.raises(CaptureError, match=r"truncated.*\(at packet 3\)"):
        records(path)
    data = bytearray(whole)
    data[-4:] = b"\x01\x00\x00\x00"  # trailing length no longer matches the block
    path.write_bytes(bytes(data))
    with pytest.raises(CaptureError, match="corrupt at packet 3"):
        records(path)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty file, not a capture"),
    (b"<?xml version='1.0'?>", "not a pcap or pcapng capture (starts with 3c3f786d)"),
    (b"\xd4\xc3\xb2\xa1\x02\x00", "truncated pcap file header"),
])
def test_not_a_capture(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.pcap"
    path.write_bytes(content)
    with pytest.raises(CaptureError) as error:
        records(path)
    assert error.value.message == message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CaptureError, match="cannot open"):
        open_capture(tmp_path / "absent.pcap")
