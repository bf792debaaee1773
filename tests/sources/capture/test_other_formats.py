"""Captures in formats other than pcap and pcapng: read when a small reader does it, else
one line that names the format and the conversion."""

from __future__ import annotations

import bz2
import lzma
import struct
from pathlib import Path

import pytest

from tests.sources.capture.packets import write
from tests.sources.capture.test_encapsulation import _register
from voipscan.sources.capture import audit_capture


def snoop(frames: list[bytes], datalink: int = 4) -> bytes:
    """RFC 1761: a 16-byte header, then records padded to 4 bytes (big-endian)."""
    data = b"snoop\0\0\0" + struct.pack("!II", 2, datalink)
    for n, frame in enumerate(frames):
        padded = frame + b"\0" * (-len(frame) % 4)
        data += struct.pack("!IIIIII", len(frame), len(frame), 24 + len(padded), 0,
                            1_700_000_000 + n, 0) + padded
    return data


def _alice(path: Path) -> list[str]:
    result = audit_capture(path)
    assert not result.fatal, result.problems
    assert result.system.capture is not None
    return [e.user for e in result.system.capture.digest_exposures]


def test_a_snoop_capture_is_audited(tmp_path: Path) -> None:
    path = tmp_path / "solaris.snoop"
    path.write_bytes(snoop([bytes(p) for p in _register()] * 2))
    assert _alice(path) == ["alice"]
    assert audit_capture(path).target.format == "snoop"


def test_a_snoop_capture_cut_short_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.snoop"
    path.write_bytes(snoop([bytes(p) for p in _register()])[:-20])
    result = audit_capture(path)
    assert "truncated" in result.problems[0].message and "packet 1" in result.problems[0].message


@pytest.mark.parametrize("packer", [lzma.compress, bz2.compress], ids=["xz", "bzip2"])
def test_compressed_captures_are_read(tmp_path: Path, packer: object) -> None:
    plain = write(tmp_path / "plain.pcap", _register()).read_bytes()
    path = tmp_path / "packed.pcap.x"
    path.write_bytes(packer(plain))  # type: ignore[operator]
    assert _alice(path) == ["alice"]


@pytest.mark.parametrize(("start", "named", "hint"), [
    (b"\x28\xb5\x2f\xfd", "zstd-compressed", "zstd -d"),
    (b"\x04\x22\x4d\x18", "lz4-compressed", "lz4 -d"),
    (b"No.     Time  Source", "text", "text2pcap"),
])
def test_what_cannot_be_read_is_named_with_its_conversion(
        tmp_path: Path, start: bytes, named: str, hint: str) -> None:
    path = tmp_path / "odd.cap"
    path.write_bytes(start + b"\0" * 64)
    [problem] = audit_capture(path).problems
    assert named in problem.message and hint in problem.message, problem.message
    assert "\n" not in problem.message
