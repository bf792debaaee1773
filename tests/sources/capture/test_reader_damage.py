"""Damaged captures: truncation and corrupt lengths are reported with the packet number,
what came before is kept, and no length field makes the reader allocate what it claims."""

from __future__ import annotations

import gzip
import random
import struct
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import voipscan.sources.capture.formats  # noqa: F401  (imported before memory is traced)
from tests.sources.capture.packets import rtp, udp, write
from tests.sources.capture.test_reader import (
    block,
    epb,
    frames,
    idb,
    obsolete_pb,
    read,
    shb,
    sll2_frame,
    spb,
)
from voipscan.errors import ProblemLevel
from voipscan.sources.capture import audit_capture
from voipscan.sources.capture.reader import CaptureError, open_capture

SMALL = 2 << 20
"""Peak traced allocation allowed while reading a small damaged file."""


def pcapng_with(count: int) -> bytes:
    return shb() + idb("<", 1) + b"".join(epb("<", 0, f) for f in frames(count))


def read_partially(path: Path) -> tuple[list[tuple[int, bytes]], CaptureError]:
    handle, reader = open_capture(path)
    got: list[tuple[int, bytes]] = []
    with handle, pytest.raises(CaptureError) as error:
        for record in reader.records():
            got.append(record)
    return got, error.value


def peak_while(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_truncated_pcap_names_the_packet(tmp_path: Path) -> None:
    path = write(tmp_path / "t.pcap", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 5))
    path.write_bytes(path.read_bytes()[:-30])
    got, error = read_partially(path)
    assert got == [(1, f) for f in frames(4)]
    assert error.packet == 5
    assert error.message == "capture is truncated: packet 5 is cut short (184 of 214 bytes)"


def test_pcap_ending_inside_a_record_header(tmp_path: Path) -> None:
    path = write(tmp_path / "t.pcap", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 3))
    path.write_bytes(path.read_bytes() + b"\x00" * 7)
    got, error = read_partially(path)
    assert len(got) == 3
    assert error.message == "capture is truncated: the file ends inside the header of packet 4"


def test_truncated_pcapng_names_the_packet(tmp_path: Path) -> None:
    path = tmp_path / "t.pcapng"
    path.write_bytes(pcapng_with(5)[:-10])
    got, error = read_partially(path)
    assert got == [(1, f) for f in frames(4)]
    assert (error.packet, error.message) == (5, "capture is truncated: the file ends inside a "
                                                "block of 248 bytes (at packet 5)")


def test_audit_of_a_truncated_capture_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.pcapng"
    path.write_bytes(pcapng_with(5)[:-10])
    result = audit_capture(path)
    problem, nothing = result.problems  # the packets before the damage are RTP alone
    assert (problem.path, problem.level) == (str(path), ProblemLevel.ERROR)
    assert problem.message == ("capture is truncated: the file ends inside a block of 248 bytes "
                               "(at packet 5); findings cover the 4 packets before it")
    assert nothing.message.endswith("nothing to audit") and result.fatal
    capture = result.system.capture
    assert capture is not None and (capture.packets, capture.complete) == (4, False)


def test_corrupt_pcap_record_length(tmp_path: Path) -> None:
    path = write(tmp_path / "t.pcap", rtp("10.0.0.1", 4000, "10.0.0.2", 5000, 3))
    data = bytearray(path.read_bytes())
    second = 24 + 16 + len(frames(1)[0])
    data[second + 8:second + 12] = struct.pack("<I", 0x7FFFFFFF)
    path.write_bytes(bytes(data))
    got, error = read_partially(path)
    assert len(got) == 1
    assert error.message == ("capture is corrupt at packet 2: record length 2147483647 exceeds "
                             "262144 bytes")


def test_pcapng_trailing_length_mismatch(tmp_path: Path) -> None:
    data = bytearray(pcapng_with(3))
    data[-4:] = b"\x01\x00\x00\x00"
    path = tmp_path / "t.pcapng"
    path.write_bytes(bytes(data))
    got, error = read_partially(path)
    assert len(got) == 2
    assert error.message == ("capture is corrupt at packet 3: block length and trailing length "
                             "differ")


@pytest.mark.parametrize("length", [0xFFFFFFF0, 64 << 20, 8 << 20])
def test_corrupt_pcapng_block_length_reads_nothing_large(tmp_path: Path, length: int) -> None:
    """Absurd (beyond 16 MiB) or beyond the end of the file: refused before any large read."""
    data = bytearray(pcapng_with(3))
    second = len(shb() + idb("<", 1)) + len(epb("<", 0, frames(1)[0]))
    data[second + 4:second + 8] = struct.pack("<I", length)
    path = tmp_path / "t.pcapng"
    path.write_bytes(bytes(data))
    outcome: list[tuple[list[tuple[int, bytes]], CaptureError]] = []
    assert peak_while(lambda: outcome.append(read_partially(path))) < SMALL
    ((got, error),) = outcome
    assert len(got) == 1
    assert error.packet == 2
    if length > 16 << 20:
        assert error.message == f"capture is corrupt at packet 2: invalid block length {length}"
    else:
        assert error.message.startswith("capture is truncated: the file ends inside a block of ")


def test_corrupt_section_header_length_reads_nothing_large(tmp_path: Path) -> None:
    data = bytearray(pcapng_with(2))
    data[4:8] = struct.pack("<I", 0xFFFFFF00)
    path = tmp_path / "t.pcapng"
    path.write_bytes(bytes(data))
    errors: list[CaptureError] = []

    def attempt() -> None:
        with pytest.raises(CaptureError) as error:
            read(path)
        errors.append(error.value)

    assert peak_while(attempt) < SMALL
    assert errors[0].message == ("corrupt pcapng file header: invalid section header block "
                                 "length 4294967040")


def test_corrupt_length_in_a_gzip_capture_is_refused(tmp_path: Path) -> None:
    """Compressed: the file size says nothing, the 16 MiB limit still holds."""
    data = bytearray(pcapng_with(3))
    second = len(shb() + idb("<", 1)) + len(epb("<", 0, frames(1)[0]))
    data[second + 4:second + 8] = struct.pack("<I", 0xFFFFFFF0)
    path = tmp_path / "t.pcapng.gz"
    path.write_bytes(gzip.compress(bytes(data)))
    outcome: list[tuple[list[tuple[int, bytes]], CaptureError]] = []
    assert peak_while(lambda: outcome.append(read_partially(path))) < SMALL
    ((got, error),) = outcome
    assert len(got) == 1 and "invalid block length 4294967280" in error.message


def test_truncated_gzip_stream(tmp_path: Path) -> None:
    noise = random.Random(7)
    plain = write(tmp_path / "t.pcap", [udp("10.0.0.1", 4000, "10.0.0.2", 5000,
                                            noise.randbytes(200)) for _ in range(200)])
    packed = tmp_path / "t.pcap.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes())[:-2000])
    got, error = read_partially(packed)
    assert 0 < len(got) < 200
    assert error.message.startswith(f"cannot read after packet {len(got)}: Compressed file ended")


@pytest.mark.parametrize(("blocks", "message"), [
    (lambda: block("<", 6, struct.pack("<IIIII", 0, 0, 0, 4, 4) + b"abcd"),
     "capture is corrupt at packet 1: interface id 0 is not described in its section "
     "(0 interfaces)"),
    (lambda: idb("<", 1) + epb("<", 3, b"abcd"),
     "capture is corrupt at packet 1: interface id 3 is not described in its section "
     "(1 interfaces)"),
    (lambda: idb("<", 1) + block("<", 6, struct.pack("<IIIII", 0, 0, 0, 999, 4) + b"abcd"),
     "capture is corrupt at packet 1: captured length 999 exceeds its block"),
    (lambda: block("<", 3, b"ab\x00\x00"),
     "capture is corrupt at packet 1: packet before any interface description"),
    (lambda: block("<", 1, b"\x01\x00"),
     "capture is corrupt at packet 1: interface description block too short (4 of 8 bytes)"),
    (lambda: struct.pack("<III", 6, 13, 0),
     "capture is corrupt at packet 1: invalid block length 13"),
])
def test_malformed_pcapng_blocks(tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                 blocks: Callable[[], bytes], message: str) -> None:
    path = tmp_path / "bad.pcapng"
    path.write_bytes(shb() + blocks())
    with pytest.raises(CaptureError) as error:
        read(path)
    assert error.value.message.startswith(message)
    assert capfd.readouterr().err == ""  # nothing is printed


def test_second_section_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "t.pcapng"
    path.write_bytes(pcapng_with(2) + shb(">")[:20])
    got, error = read_partially(path)
    assert len(got) == 2
    assert error.message == ("capture is truncated: the file ends inside a section header block "
                             "(at packet 3)")


def test_damage_after_a_big_capture_still_names_the_packet(tmp_path: Path) -> None:
    big = bytes(udp("10.0.0.1", 5060, "10.0.0.2", 5060, b"y" * 1400))
    path = tmp_path / "big.pcapng"
    path.write_bytes(shb() + idb("<", 1) + epb("<", 0, big) * 3000 + epb("<", 0, big)[:-1])
    got, error = read_partially(path)
    assert len(got) == 3000 and error.packet == 3001


def _seeds() -> list[bytes]:
    ether_frames = frames(3)
    cooked = sll2_frame()
    pcapng = (shb("<", (4, b"app")) + idb("<", 1, name="eth0") + idb("<", 276, name="any")
              + epb("<", 0, ether_frames[0], comment="c") + epb("<", 1, cooked)
              + shb(">") + idb(">", 1, snaplen=0) + spb(">", ether_frames[1])
              + obsolete_pb(">", 0, ether_frames[2]))
    pcap_le = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1) + b"".join(
        struct.pack("<IIII", 1, 2, len(f), len(f)) + f for f in ether_frames)
    pcap_be = struct.pack(">IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535, 276) + struct.pack(
        ">IIII", 1, 2, len(cooked), len(cooked)) + cooked
    return [pcapng, pcap_le, pcap_be]


SEEDS = _seeds()


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(range(len(SEEDS))),
       changes=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=6),
       cut=st.integers(0, 10_000), packed=st.booleans())
def test_mutated_captures_fail_cleanly(tmp_path: Path, seed: int,
                                       changes: list[tuple[int, int]], cut: int,
                                       packed: bool) -> None:
    """Whatever the damage, the audit returns: a CaptureError becomes a Problem, nothing
    else escapes (scapy's dissectors run on some of these bytes too)."""
    data = bytearray(SEEDS[seed])
    for position, value in changes:
        data[position % len(data)] = value
    content = bytes(data[:len(data) - cut % 64 if cut % 3 == 0 else len(data)])
    path = tmp_path / "fuzzed.pcapng"
    path.write_bytes(gzip.compress(content) if packed else content)
    result = audit_capture(path)
    assert result.system.capture is not None or result.fatal
