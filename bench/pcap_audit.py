"""Capture audit throughput and memory: generate large captures of SIP calls with RTP, audit them.

Usage: python bench/pcap_audit.py [--size-mb 1024] [--sip-only-mb 50] [--fallback-mb 64] [--keep]

The main capture (written under /tmp, removed afterwards unless --keep) holds calls of a
cleartext INVITE/200/ACK with SDP, RTP both ways (50 calls at a time, interleaved), a
REGISTER with digest credentials now and then, and BYE/200. It is audited as pcap, then the
same packets as pcapng. Records are packed with struct, not scapy, so generating 1 GB takes
seconds. Each audit runs in a child process so its peak RSS is measured alone; CPU seconds are
shown too, as wall time depends on what else the machine runs.

Also measured: the record loops alone against scapy's own RawPcapReader / RawPcapNgReader on
the same files (the reference), and link types the decoder does not slice, which go through
scapy's dissectors (PPP: constant link header, remembered; radiotap 802.11: sequence numbers
change every frame, so every frame is dissected).
Targets (docs: /work/shared/notes/targets.md): >= 50 MB/s, peak RSS < 200 MB for 1 GB.
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
from collections.abc import Callable, Iterator
from pathlib import Path

CONCURRENT_CALLS = 50
RTP_PER_DIRECTION = 500
PAYLOAD = b"\xd5" * 160  # 20 ms of G.711 A-law silence
PBX = bytes([10, 1, 0, 1])
ETHERNET = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00"
SLL2 = struct.pack("!HHIHBB8s", 0x0800, 0, 2, 1, 0, 6, b"\x02\x00\x00\x00\x00\x01\x00\x00")
PPP_IN_HDLC = b"\xff\x03\x00\x21"
RADIOTAP = b"\x00\x00\x08\x00\x00\x00\x00\x00"  # version 0, length 8, no fields present
LLC_SNAP_IP = b"\xaa\xaa\x03\x00\x00\x00\x08\x00"

Link = Callable[[bytes, int], bytes]
"""Wraps an IP packet (and its number) in a link layer."""


def ethernet(packet: bytes, number: int) -> bytes:
    return ETHERNET + packet


def ppp(packet: bytes, number: int) -> bytes:
    return PPP_IN_HDLC + packet


def radiotap_wifi(packet: bytes, number: int) -> bytes:
    """802.11 QoS data frame, from the access point; the sequence number counts frames."""
    header = struct.pack("<BBH6s6s6sHH", 0x88, 0x02, 0, b"\x02\x00\x00\x00\x00\x01",
                         b"\x02\x00\x00\x00\x00\x02", b"\x02\x00\x00\x00\x00\x03",
                         (number & 0xFFF) << 4, 0)
    return RADIOTAP + header + LLC_SNAP_IP + packet


def _ip(src: bytes, sport: int, dst: bytes, dport: int, payload: bytes) -> bytes:
    udp_length = 8 + len(payload)
    ip_header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_length, 0, 0x4000, 64, 17, 0,
                            src, dst)
    return ip_header + struct.pack("!HHHH", sport, dport, udp_length, 0) + payload


def _record(frame: bytes, tick: int) -> bytes:
    return struct.pack("<IIII", tick // 50, (tick % 50) * 20000, len(frame), len(frame)) + frame


def _pcap_header(linktype: int) -> bytes:
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype)


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
    """One call's IP packets: set-up with SDP, RTP both ways, tear-down."""

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
            yield _ip(self.phone, 5060, PBX, 5060,
                      _sip("REGISTER sip:pbx.example SIP/2.0", n, "1 REGISTER", extra=auth))
        yield _ip(self.phone, 5060, PBX, 5060, _sip(
            f"INVITE sip:{n % 700 + 200}@10.1.0.1 SIP/2.0", n, "1 INVITE",
            _sdp(phone, self.phone_port)))
        yield _ip(PBX, 5060, self.phone, 5060, _sip(
            "SIP/2.0 200 OK", n, "1 INVITE", _sdp("10.1.0.1", self.pbx_port)))
        yield _ip(self.phone, 5060, PBX, 5060,
                  _sip(f"ACK sip:{n % 700 + 200}@10.1.0.1 SIP/2.0", n, "1 ACK"))

    def media(self) -> Iterator[bytes]:
        seq = self.sent
        header = struct.pack("!BBHII", 0x80, 8, seq & 0xFFFF, seq * 160, self.number)
        yield _ip(self.phone, self.phone_port, PBX, self.pbx_port, header + PAYLOAD)
        header = struct.pack("!BBHII", 0x80, 8, seq & 0xFFFF, seq * 160, self.number | 1 << 31)
        yield _ip(PBX, self.pbx_port, self.phone, self.phone_port, header + PAYLOAD)
        self.sent += 1

    def teardown(self) -> Iterator[bytes]:
        yield _ip(self.phone, 5060, PBX, 5060, _sip(
            f"BYE sip:{self.number % 700 + 200}@10.1.0.1 SIP/2.0", self.number, "2 BYE"))
        yield _ip(PBX, 5060, self.phone, 5060, _sip("SIP/2.0 200 OK", self.number, "2 BYE"))


def generate(path: Path, size: int, linktype: int = 1, link: Link = ethernet) -> tuple[int, int]:
    """Write about ``size`` bytes of capture; (bytes, packets)."""
    packets = written = tick = 0
    flush = min(20000, max(100, size // 1000))
    calls = [_Call(n) for n in range(CONCURRENT_CALLS)]
    next_call = CONCURRENT_CALLS
    with path.open("wb") as out:
        out.write(_pcap_header(linktype))
        batch = []
        for call in calls:
            for packet in call.setup():
                batch.append(_record(link(packet, packets), 0))
                packets += 1
        while written < size:
            for index, call in enumerate(calls):
                tick += 1
                found = list(call.media())
                if call.sent >= RTP_PER_DIRECTION:
                    found += call.teardown()
                    calls[index] = _Call(next_call)
                    next_call += 1
                    found += calls[index].setup()
                for packet in found:
                    batch.append(_record(link(packet, packets), tick))
                    packets += 1
            if len(batch) > flush:
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
        out.write(_pcap_header(1))
        while written < size:
            batch = []
            for _ in range(1000):
                call = _Call(number)
                number += 1
                batch += [_record(ETHERNET + p, number) for p in (*call.setup(),
                                                                  *call.teardown())]
            packets += len(batch)
            chunk = b"".join(batch)
            out.write(chunk)
            written += len(chunk)
    return path.stat().st_size, packets


def to_pcapng(source: Path, target: Path) -> int:
    """The same records as Enhanced Packet Blocks (one Ethernet interface); the new size."""
    with source.open("rb") as reader, target.open("wb") as out:
        linktype = struct.unpack("<20xI", reader.read(24))[0]
        out.write(struct.pack("<IIIHHqI", 0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0, -1, 28))
        out.write(struct.pack("<IIHHII", 1, 20, linktype, 0, 262144, 20))
        rest = b""
        while chunk := reader.read(1 << 24):
            data, pos, blocks = rest + chunk, 0, []
            while len(data) - pos >= 16:
                seconds, micros, caplen, wirelen = struct.unpack_from("<IIII", data, pos)
                if pos + 16 + caplen > len(data):
                    break
                pad = -caplen % 4
                length = 32 + caplen + pad
                blocks.append(struct.pack("<IIIIIII", 6, length, 0, seconds, micros, caplen,
                                          wirelen) + data[pos + 16:pos + 16 + caplen]
                              + b"\x00" * pad + struct.pack("<I", length))
                pos += 16 + caplen
            out.write(b"".join(blocks))
            rest = data[pos:]
    return target.stat().st_size


def _child(*args: str) -> dict[str, object]:
    run = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True,
                         text=True)
    figures: dict[str, object] = json.loads(run.stdout)
    return figures


def measure(label: str, path: Path, size: int, packets: int) -> dict[str, object]:
    figures = _child("--audit", str(path))
    seconds, cpu = float(str(figures["seconds"])), float(str(figures["cpu"]))
    print(f"  {label} audit: {seconds:.1f} s ({cpu:.1f} s CPU), {_rate(size / 1e6 / seconds)} MB/s "
          f"({_rate(size / 1e6 / cpu)} MB/s per CPU second), "
          f"{packets / seconds / 1000:.0f} k packets/s, "
          f"peak RSS {float(str(figures['peak_rss_mb'])):.0f} MB")
    print("    found: " + ", ".join(f"{k} {v}" for k, v in figures.items()
                                    if k not in ("seconds", "cpu", "peak_rss_mb")))
    return figures


def _rate(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.2f}"


def audit(path: str) -> None:
    """Child process: audit one capture, print timing and peak RSS as JSON."""
    from voipscan.sources.capture import audit_capture

    start, cpu = time.perf_counter(), time.process_time()
    result = audit_capture(Path(path))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    capture = result.system.capture
    assert capture is not None
    print(json.dumps({
        "seconds": elapsed,
        "cpu": cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "packets": capture.packets,
        "sip_messages": capture.sip_messages,
        "flows": len(capture.flows),
        "media_streams": len(capture.media),
        "rtp_packets": sum(m.packets for m in capture.media),
        "digest_exposures": len(capture.digest_exposures),
        "problems": [p.render() for p in result.problems],
    }))


def loop(reader: str, path: str) -> None:
    """Child process: only iterate over the records, with scapy's reader or voipscan's."""
    count = 0
    start, cpu = time.perf_counter(), time.process_time()
    if reader == "scapy":
        from scapy.utils import RawPcapReader

        with RawPcapReader(path) as records:  # the pcapng class when the file is pcapng
            for _ in records:
                count += 1
    else:
        from voipscan.sources.capture.reader import open_capture

        handle, opened = open_capture(Path(path))
        with handle:
            for _ in opened.records():
                count += 1
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                      "records": count}))


def compare_loops(path: Path, size: int, label: str) -> None:
    figures = {reader: _child("--loop", reader, str(path)) for reader in ("scapy", "voipscan")}
    rates = {reader: size / 1e6 / float(str(f["cpu"])) for reader, f in figures.items()}
    assert figures["scapy"]["records"] == figures["voipscan"]["records"]
    print(f"  {label} record loop alone, MB per CPU second: scapy {rates['scapy']:.0f}, "
          f"voipscan {rates['voipscan']:.0f} ({rates['voipscan'] / rates['scapy']:.1f}x)")


def dissection_costs() -> None:
    """Microseconds per frame: the decoder's slicing against scapy's dissection."""
    from scapy.layers.dot11 import RadioTap
    from scapy.layers.l2 import CookedLinuxV2, Ether
    from scapy.layers.ppp import PPP

    from voipscan.sources.capture.decode import Decoder
    from voipscan.sources.capture.linklayer import ScapyLinkLayer

    packet = next(_Call(1).media())
    cases = [("Ethernet", 1, Ether, ethernet(packet, 0)), ("Linux SLL2", 276, CookedLinuxV2,
             SLL2 + packet), ("PPP", 9, PPP, ppp(packet, 0)),
             ("radiotap 802.11", 127, RadioTap, radiotap_wifi(packet, 0))]
    decoder, parts = Decoder(), []
    for name, linktype, layer, frame in cases:
        runs = 300
        start = time.process_time()
        for _ in range(runs):
            ScapyLinkLayer(linktype, layer)(frame)  # a new one each time: nothing remembered
        scapy = (time.process_time() - start) / runs * 1e6
        native = ""
        if decoder.decode(linktype, frame) is not None:
            start = time.process_time()
            for _ in range(runs * 100):
                decoder.decode(linktype, frame)
            native = f" (decoder {(time.process_time() - start) / runs / 100 * 1e6:.2f} us)"
        parts.append(f"{name} {scapy:.0f} us{native}")
    print("  scapy dissection per frame, CPU: " + ", ".join(parts))


def fallback(size: int, keep: bool) -> None:
    print("\nLink types the decoder does not slice (through scapy):")
    dissection_costs()
    for name, linktype, link, wanted in (("PPP (link header remembered)", 9, ppp, size),
                                         ("radiotap 802.11 (every frame dissected)", 127,
                                          radiotap_wifi, 1 << 20)):
        path = Path("/tmp") / f"voipscan-bench-{os.getpid()}-{linktype}.pcap"
        try:
            written, packets = generate(path, wanted, linktype, link)
            measure(f"{name}, {written / 1e6:.1f} MB:", path, written, packets)
        finally:
            if not keep:
                path.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--sip-only-mb", type=int, default=50,
                        help="size of the signalling-only capture (0: skip)")
    parser.add_argument("--fallback-mb", type=int, default=64,
                        help="size of the PPP capture read through scapy (0: skip)")
    parser.add_argument("--keep", action="store_true", help="keep the generated captures")
    parser.add_argument("--audit", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--loop", nargs=2, metavar=("READER", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.audit:
        audit(args.audit)
        return
    if args.loop:
        loop(*args.loop)
        return
    path = Path("/tmp") / f"voipscan-bench-{os.getpid()}.pcap"
    pcapng = path.with_suffix(".pcapng")
    try:
        start = time.perf_counter()
        size, packets = generate(path, args.size_mb * 1024 * 1024)
        print(f"SIP + RTP capture: {size / 1e6:.0f} MB, {packets} packets, generated in "
              f"{time.perf_counter() - start:.1f} s: {path}")
        measure("pcap", path, size, packets)
        compare_loops(path, size, "pcap")
        ng_size = to_pcapng(path, pcapng)
        if not args.keep:
            path.unlink()
        print(f"The same packets as pcapng: {ng_size / 1e6:.0f} MB")
        measure("pcapng", pcapng, ng_size, packets)
        compare_loops(pcapng, ng_size, "pcapng")
        if not args.keep:
            pcapng.unlink()
        print("targets: >= 50 MB/s, peak RSS < 200 MB")
        if args.sip_only_mb:
            size, packets = generate_sip_only(path, args.sip_only_mb * 1024 * 1024)
            print(f"\nSIP-only capture (worst case): {size / 1e6:.0f} MB, {packets} packets")
            measure("pcap", path, size, packets)
    finally:
        if not args.keep:
            path.unlink(missing_ok=True)
            pcapng.unlink(missing_ok=True)
    if args.fallback_mb:
        fallback(args.fallback_mb * 1024 * 1024, args.keep)


if __name__ == "__main__":
    main()
