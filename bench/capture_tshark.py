"""voipscan's capture audit against tshark on the same SIP-heavy capture.

    python bench/capture_tshark.py [MEGABYTES]   (default 100)

Writes a pcap that is almost all SIP (REGISTER / 401 / REGISTER with credentials / 200 and
INVITE / 200 with SDP, over UDP, from 2,000 phones), then runs ``voipscan scan pcap`` and
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

from tests.sources.capture.packets import digest, request, response, sdp  # noqa: E402

_MEASURE = ("import resource, subprocess, sys; "
            "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)")


def frame(src: str, sport: int, dst: str, dport: int, payload: bytes) -> bytes:
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     socket.inet_aton(src), socket.inet_aton(dst)) + udp
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


def write(path: Path, megabytes: int) -> int:
    target, count = megabytes * 1_000_000, 0
    with path.open("wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        phone = 0
        while out.tell() < target:
            for src, dst, payload in messages(phone % 2000):
                data = frame(src, 5060, dst, 5060, payload)
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


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    tshark = shutil.which("tshark")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sip-heavy.pcap"
        packets = write(path, megabytes)
        size = path.stat().st_size / 1e6
        print(f"capture: {size:.0f} MB, {packets:,} packets, all SIP")
        wall, rss, code = measure([sys.executable, "-m", "voipscan", "scan", "pcap", str(path),
                                   "-f", "json", "-o", str(Path(tmp) / "r.json")])
        print(f"voipscan scan pcap: {wall:.2f} s, {size / wall:.1f} MB/s, peak RSS "
              f"{rss:.0f} MB (exit {code})")
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
