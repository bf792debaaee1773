"""Capture audit throughput and memory: generate a large pcap of SIP calls with RTP, audit it.

Usage: python bench/pcap_audit.py [--size-mb 1024] [--keep]

The capture (written under /tmp, removed afterwards unless --keep) holds calls of a
cleartext INVITE/200/ACK with SDP, RTP both ways (50 calls at a time, interleaved), a
REGISTER with digest credentials now and then, and BYE/200. Records are packed with struct,
not scapy, so generating 1 GB takes seconds. The audit runs in a child process so its peak
RSS is measured alone. Targets (docs: /work/shared/notes/targets.md): >= 50 MB/s, peak RSS
< 200 MB for 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

CONCURRENT_CALLS = 50
RTP_PER_DIRECTION = 500
PAYLOAD = b"\xd5" * 160  # 20 ms of G.711 A-law silence
PBX = bytes([10, 1, 0, 1])


def _frame(src: bytes, sport: int, dst: bytes, dport: int, payload: bytes) -> bytes:
    udp_length = 8 + len(payload)
    ip_header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_length, 0, 0x4000, 64, 17, 0,
                            src, dst)
    return (b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip_header
            + struct.pack("!HHHH", sport, dport, udp_length, 0) + payload)


def _record(frame: bytes, tick: int) -> bytes:
    return struct.pack("<IIII", tick // 50, (tick % 50) * 20000, len(frame), len(frame)) + frame


def _sip(start: str, call: int, cseq: str, body: str = "", extra: str = "") -> bytes:
    headers = (f"{start}\r\nVia: SIP/2.0/UDP 10.2.0.1:5060;branch=z9hG4bK{call}\r\n"
               f"From: <sip:{call % 900 + 100}@pbx.example>;tag={call}\r\n"
               f"To: <sip:{call % 700 + 200}@pbx.example>\r\nCall-ID: bench-{call}\r\n"
               f"CSeq: {cseq}\r\nUser-Agent: BenchPhone/1.0\r\n{extra}")
    if body:
        headers += "Content-Type: application/sdp\r\n"
    return f"{headers}Content-Length: {len(body)}\r\n\r\n{body}".encode()


def _sdp(address: str, port: int) -> str:
    return (f"v=0\r\no=- {port} 1 IN IP4 {address}\r\ns=-\r\nc=IN IP4 {address}\r\nt=0 0\r\n"
            f"m=audio {port} RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\n")


class _Call:
    def __init__(self, number: int) -> None:
        self.number = number
        self.phone = bytes([10, 2, (number >> 8) & 255, number & 255 or 1])
        self.phone_port = 10000 + 2 * (number % 20000)
        self.pbx_port = 30000 + 2 * (number % 15000)
        self.sent = 0

    def setup(self) -> Iterator[bytes]:
        n, phone = self.number, ".".join(map(str, self.phone))
        if n % 10 == 0:
            auth = (f'Authorization: Digest username="u{n}", realm="pbx.example", '
                    f'nonce="abc{n}", uri="sip:pbx.example", response="{n * 7919:032x}"\r\n')
            yield _frame(self.phone, 5060, PBX, 5060,
                         _sip("REGISTER sip:pbx.example SIP/2.0", n, "1 REGISTER", extra=auth))
        yield _frame(self.phone, 5060, PBX, 5060, _sip(
            f"INVITE sip:{n % 700 + 200}@10.1.0.1 SIP/2.0", n, "1 INVITE",
            _sdp(phone, self.phone_port)))
        yield _frame(PBX, 5060, self.phone, 5060, _sip(
            "SIP/2.0 200 OK", n, "1 INVITE", _sdp("10.1.0.1", self.pbx_port)))
        yield _frame(self.phone, 5060, PBX, 5060,
                     _sip(f"ACK sip:{n % 700 + 200}@10.1.0.1 SIP/2.0", n, "1 ACK"))

    def media(self) -> Iterator[bytes]:
        seq = self.sent
        header = struct.pack("!BBHII", 0x80, 8, seq & 0xFFFF, seq * 160, self.number)
        yield _frame(self.phone, self.phone_port, PBX, self.pbx_port, header + PAYLOAD)
        header = struct.pack("!BBHII", 0x80, 8, seq & 0xFFFF, seq * 160, self.number | 1 << 31)
        yield _frame(PBX, self.pbx_port, self.phone, self.phone_port, header + PAYLOAD)
        self.sent += 1

    def teardown(self) -> Iterator[bytes]:
        yield _frame(self.phone, 5060, PBX, 5060, _sip(
            f"BYE sip:{self.number % 700 + 200}@10.1.0.1 SIP/2.0", self.number, "2 BYE"))
        yield _frame(PBX, 5060, self.phone, 5060, _sip("SIP/2.0 200 OK", self.number, "2 BYE"))


def generate(path: Path, size: int) -> tuple[int, int]:
    """Write about ``size`` bytes of capture; (bytes, packets)."""
    packets = written = tick = 0
    calls = [_Call(n) for n in range(CONCURRENT_CALLS)]
    next_call = CONCURRENT_CALLS
    with path.open("wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        batch = [_record(f, 0) for c in calls for f in c.setup()]
        packets = len(batch)
        while written < size:
            for index, call in enumerate(calls):
                tick += 1
                frames = list(call.media())
                if call.sent >= RTP_PER_DIRECTION:
                    frames += call.teardown()
                    calls[index] = _Call(next_call)
                    next_call += 1
                    frames += calls[index].setup()
                batch.extend(_record(f, tick) for f in frames)
                packets += len(frames)
            if len(batch) > 20000:
                chunk = b"".join(batch)
                out.write(chunk)
                written += len(chunk)
                batch = []
        out.write(b"".join(batch))
    return path.stat().st_size, packets


def generate_sip_only(path: Path, size: int) -> tuple[int, int]:
    """Signalling alone (a worst case: every packet is parsed as SIP)."""
    packets = written = 0
    number = 0
    with path.open("wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        while written < size:
            batch = []
            for _ in range(1000):
                call = _Call(number)
                number += 1
                batch += [_record(f, number) for f in (*call.setup(), *call.teardown())]
            packets += len(batch)
            chunk = b"".join(batch)
            out.write(chunk)
            written += len(chunk)
    return path.stat().st_size, packets


def measure(path: Path, size: int, packets: int) -> dict[str, object]:
    child = subprocess.run([sys.executable, __file__, "--audit", str(path)], check=True,
                           capture_output=True, text=True)
    figures: dict[str, object] = json.loads(child.stdout)
    seconds = float(str(figures["seconds"]))
    print(f"audit: {seconds:.1f} s, {size / 1e6 / seconds:.0f} MB/s, "
          f"{packets / seconds / 1000:.0f} k packets/s, "
          f"peak RSS {float(str(figures['peak_rss_mb'])):.0f} MB")
    print("found: " + ", ".join(f"{k} {v}" for k, v in figures.items()
                                if k not in ("seconds", "peak_rss_mb")))
    return figures


def audit(path: str) -> None:
    """Child process: audit one capture, print timing and peak RSS as JSON."""
    from voipscan.capture import audit_capture

    start = time.perf_counter()
    result = audit_capture(Path(path))
    elapsed = time.perf_counter() - start
    capture = result.system.capture
    assert capture is not None
    print(json.dumps({
        "seconds": elapsed,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "packets": capture.packets,
        "sip_messages": capture.sip_messages,
        "flows": len(capture.flows),
        "media_streams": len(capture.media),
        "rtp_packets": sum(m.packets for m in capture.media),
        "digest_exposures": len(capture.digest_exposures),
        "problems": [p.render() for p in result.problems],
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--sip-only-mb", type=int, default=50,
                        help="size of the signalling-only capture (0: skip)")
    parser.add_argument("--keep", action="store_true", help="keep the generated capture")
    parser.add_argument("--audit", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.audit:
        audit(args.audit)
        return
    path = Path("/tmp") / f"voipscan-bench-{os.getpid()}.pcap"
    try:
        start = time.perf_counter()
        size, packets = generate(path, args.size_mb * 1024 * 1024)
        print(f"SIP + RTP capture: {size / 1e6:.0f} MB, {packets} packets, generated in "
              f"{time.perf_counter() - start:.1f} s: {path}")
        measure(path, size, packets)
        print("targets: >= 50 MB/s, peak RSS < 200 MB")
        if args.sip_only_mb:
            if not args.keep:
                path.unlink()
            size, packets = generate_sip_only(path, args.sip_only_mb * 1024 * 1024)
            print(f"\nSIP-only capture (worst case): {size / 1e6:.0f} MB, {packets} packets")
            measure(path, size, packets)
    finally:
        if not args.keep:
            path.unlink(missing_ok=True)

if __name__ == "__main__":
    main()
