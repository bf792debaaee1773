"""voipscan's capture audit against tshark on the same capture.

    python bench/capture_tshark.py [MEGABYTES] [sip|mixed|erspan]   (default 100 sip)

Writes a pcap from 2,000 phones (REGISTER / 401 / REGISTER with credentials / 200 and
INVITE / 200 with SDP, over UDP): ``sip`` is almost all SIP; ``mixed`` adds 100 RTP packets
each way per call (most of a real capture); ``erspan`` is ``mixed`` as a switch mirrors it
(every frame in GRE and ERSPAN type II). Then it runs ``voipscan scan pcap`` and
``tshark -Y sip -T fields`` (the SIP fields an auditor would pull) on it, each in its own
process, and prints both throughputs and peak RSS. tshark comes from Debian's package.
"""

from __future__ import annotations

import resource
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from as_installed import compile_package  # noqa: E402

from tests.sources.capture.packets import digest, request, response, sdp  # noqa: E402

_MEASURE = ("import resource, subprocess, sys; "
            "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)")


_AUDIT_ONLY = ("import sys, pathlib; from voipscan.sources.capture import audit_capture; "
               "audit_capture(pathlib.Path(sys.argv[1]))")


def frame(src: str, sport: int, dst: str, dport: int, payload: bytes) -> bytes:
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    return _ip(src, dst, 17, udp)


def _ip(src: str, dst: str, protocol: int, payload: bytes) -> bytes:
    """Ethernet and IPv4 around ``payload``."""
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0, 0, 64, protocol, 0,
                     socket.inet_aton(src), socket.inet_aton(dst)) + payload
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip


def messages(phone: int) -> list[tuple[str, str, bytes]]:
    ip, pbx, user = f"10.1.{phone // 250}.{phone % 250 + 1}", "10.0.0.1", f"{1000 + phone}"
    call = f"c{phone}"
    return [
        (ip, pbx, request("REGISTER", user, ip, 5060, pbx, 5060, call_id=call)),
        (pbx, ip, response("401 Unauthorized", "REGISTER", user, call_id=call)),
        (ip, pbx, request("REGISTER", user, ip, 5060, pbx, 5060, call_id=call, cseq=2,
                          extra=[digest(user, "pbx.example")])),
        (pbx, ip, response("200 OK", "REGISTER", user, call_id=call, cseq=2)),
        (ip, pbx, request("INVITE", "2000", ip, 5060, pbx, 5060, call_id=f"i{call}",
                          body=sdp(ip, 30000 + phone % 10000 * 2))),
        (pbx, ip, response("200 OK", "INVITE", "2000", call_id=f"i{call}",
                           body=sdp(pbx, 40000 + phone % 10000 * 2))),
    ]


def erspan(data: bytes, sequence: int) -> bytes:
    """A frame as an ERSPAN type II session delivers it: Ethernet, IPv4, GRE, ERSPAN."""
    gre = struct.pack("!HHI", 0x1000, 0x88BE, sequence & 0xFFFFFFFF)
    return _ip("192.0.2.10", "192.0.2.20", 47, gre + struct.pack("!II", 0x10000001, 0) + data)


def rtp(phone: int, count: int) -> list[bytes]:
    ip = f"10.1.{phone // 250}.{phone % 250 + 1}"
    port, back = 30000 + phone % 10000 * 2, 40000 + phone % 10000 * 2
    return [p for seq in range(count) for p in (
        frame(ip, port, "10.0.0.1", back, struct.pack("!BBHII", 0x80, 0, seq, seq * 160,
                                                      phone) + b"\xd5" * 160),
        frame("10.0.0.1", back, ip, port, struct.pack("!BBHII", 0x80, 0, seq, seq * 160,
                                                      phone + 1 << 16) + b"\xd5" * 160))]


def write(path: Path, megabytes: int, kind: str = "sip") -> int:
    target, count = megabytes * 1_000_000, 0
    with path.open("wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        phone = 0
        while out.tell() < target:
            frames = [frame(src, 5060, dst, 5060, payload)
                      for src, dst, payload in messages(phone % 2000)]
            if kind != "sip":
                frames += rtp(phone % 2000, 100)
            for data in frames:
                if kind == "erspan":
                    data = erspan(data, count)
                out.write(struct.pack("<IIII", 1_700_000_000 + count // 1000, count % 1000,
                                      len(data), len(data)) + data)
                count += 1
            phone += 1
    return count


def measure(command: list[str]) -> tuple[float, float, int]:
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    wall = time.perf_counter() - started
    rss_kb, code = run.stdout.split()
    return wall, int(rss_kb) / 1024, int(code)


KINDS = {"sip": "all SIP", "mixed": "SIP and RTP (100 packets each way per call)",
         "erspan": "SIP and RTP, every frame in GRE/ERSPAN II"}


def main() -> None:
    compile_package()
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    kind = sys.argv[2] if len(sys.argv) > 2 else "sip"
    if kind not in KINDS:
        raise SystemExit(f"capture kind: one of {', '.join(KINDS)}")
    tshark = shutil.which("tshark")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{kind}.pcap"
        packets = write(path, megabytes, kind)
        size = path.stat().st_size / 1e6
        print(f"capture: {size:.0f} MB, {packets:,} packets, {KINDS[kind]}")
        wall, rss, code = measure([sys.executable, "-m", "voipscan", "scan", "pcap", str(path),
                                   "-f", "json", "-o", str(Path(tmp) / "r.json")])
        print(f"voipscan scan pcap: {wall:.2f} s, {size / wall:.1f} MB/s, peak RSS "
              f"{rss:.0f} MB (exit {code}; reading, judging and the JSON report)")
        a_wall, a_rss, _ = measure([sys.executable, "-c", _AUDIT_ONLY, str(path)])
        print(f"voipscan capture audit alone: {a_wall:.2f} s, {size / a_wall:.1f} MB/s, peak "
              f"RSS {a_rss:.0f} MB (the facts, no checks or report)")
        if tshark is None:
            print("tshark: not installed (Debian package tshark)")
            return
        t_wall, t_rss, _ = measure([tshark, "-r", str(path), "-Y", "sip", "-T", "fields",
                                    "-e", "sip.Method", "-e", "sip.Status-Code",
                                    "-e", "sip.auth.username", "-e", "sdp.media"])
        print(f"tshark -Y sip -T fields: {t_wall:.2f} s, {size / t_wall:.1f} MB/s, peak RSS "
              f"{t_rss:.0f} MB")
        print(f"ratio: voipscan is {t_wall / wall:.1f}x tshark's speed, "
              f"{rss / t_rss:.2f}x its memory")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
