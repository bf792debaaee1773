"""Microsoft Network Monitor 2.x captures are read like pcap."""

from __future__ import annotations

import struct
from pathlib import Path

from tests.sources.capture.test_encapsulation import _register
from voipscan.sources.capture import audit_capture


def netmon(frames: list[bytes], minor: int = 1, network: int = 1) -> bytes:
    """A NetMon 2.x file: header, frames (with the 2.1 trailer naming their network), then
    the frame table."""
    body, offsets = b"", []
    for n, frame in enumerate(frames):
        offsets.append(128 + len(body))
        body += struct.pack("<QII", n * 1000, len(frame), len(frame)) + frame
        if minor >= 1:
            body += struct.pack("<H", network)
    table = struct.pack(f"<{len(offsets)}I", *offsets)
    header = bytearray(128)
    header[0:4] = b"GMBU"
    header[4], header[5] = minor, 2
    struct.pack_into("<H", header, 6, network)
    struct.pack_into("<II", header, 24, 128 + len(body), len(table))
    return bytes(header) + body + table


def test_a_netmon_capture_is_audited(tmp_path: Path) -> None:
    for minor in (0, 1, 2):
        path = tmp_path / f"trace-{minor}.cap"
        path.write_bytes(netmon([bytes(p) for p in _register()], minor=minor))
        result = audit_capture(path)
        assert result.target.format == "netmon"
        capture = result.system.capture
        assert capture is not None and capture.packets == 1
        assert [e.user for e in capture.digest_exposures] == ["alice"]


def test_frames_of_networks_not_decoded_are_said(tmp_path: Path) -> None:
    path = tmp_path / "wifi.cap"
    path.write_bytes(netmon([bytes(p) for p in _register()], network=6))
    result = audit_capture(path)
    assert any("network type 6" in p.message for p in result.problems)


def test_a_frame_table_outside_the_file_is_one_clear_error(tmp_path: Path) -> None:
    data = bytearray(netmon([bytes(p) for p in _register()]))
    struct.pack_into("<II", data, 24, 10_000, 8)
    path = tmp_path / "bad.cap"
    path.write_bytes(bytes(data))
    result = audit_capture(path)
    assert result.fatal and "frame table lies outside the file" in result.problems[0].message
