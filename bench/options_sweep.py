"""OPTIONS sweep over many loopback UDP SIP responders: wall time, found, false positives.

A child process opens N UDP sockets on 127.0.0.1 (one select loop); the first ``answering``
of them reply 200 OK, the rest stay silent. The sweep runs at an explicit fast rate.

    python bench/options_sweep.py                 # 1,000 answering; 1,000 half silent
    python bench/options_sweep.py --rss 10000     # also: a 10,000-target CLI scan, all and
                                                  # half answering: RSS, time after the last probe
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from as_installed import compile_package  # noqa: E402

RESPONDERS = r'''
import json, resource, selectors, socket, sys, time
count, answering = int(sys.argv[1]), int(sys.argv[2])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + 64)), hard))
selector = selectors.DefaultSelector()
ports = []
for index in range(count):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(False)
    ports.append(sock.getsockname()[1])
    selector.register(sock, selectors.EVENT_READ, index < answering)
selector.register(sys.stdin, selectors.EVENT_READ, None)
print(json.dumps(ports), flush=True)
COPY = (b"via:", b"v:", b"from:", b"f:", b"to:", b"t:", b"call-id:", b"i:", b"cseq:")
first = {}  # socket -> when its first probe was read (retransmissions come later)
while True:
    events = selector.select()
    now = time.monotonic()
    for key, _ in events:
        if key.data is None:
            if not sys.stdin.readline():
                sys.exit(0)
            print(json.dumps(max(first.values(), default=None)), flush=True)
            first.clear()
            continue
        try:
            data, source = key.fileobj.recvfrom(65535)
        except OSError:
            continue
        first.setdefault(key.fd, now)
        if not key.data:
            continue
        lines = [l for l in data.split(b"\r\n") if l.lower().startswith(COPY)]
        reply = b"SIP/2.0 200 OK\r\n" + b"\r\n".join(lines) + \
            b"\r\nServer: bench\r\nContent-Length: 0\r\n\r\n"
        key.fileobj.sendto(reply, source)
'''


def start_responders(count: int, answering: int) -> tuple[subprocess.Popen[str], list[int]]:
    child = subprocess.Popen([sys.executable, "-c", RESPONDERS, str(count), str(answering)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    ports: list[int] = json.loads(child.stdout.readline())
    return child, ports


def last_first_probe(child: subprocess.Popen[str]) -> float | None:
    """When (time.monotonic, shared by the processes of this machine) the responders read the
    last of the first probes sent to them; forgets them, for the next run."""
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("last\n")
    child.stdin.flush()
    value: float | None = json.loads(child.stdout.readline())
    return value


def sweep(ports: list[int], answering: int, timeout: float, rate: float) -> None:
    from voipscan.facts import SipProtocol
    from voipscan.sources.host.probe import Reachability
    from voipscan.sources.host.scanner import ScanSettings, run_scan
    from voipscan.sources.host.targets import expand, parse_target

    specs = [parse_target(f"127.0.0.1:{port}") for port in ports]
    targets = [t for t in expand(specs, (SipProtocol.UDP,), {}) if not isinstance(t, tuple)]
    settings = ScanSettings(timeout=timeout, rate=rate, tls_audit=False)
    start = time.perf_counter()
    outcome = run_scan(targets, settings)
    wall = time.perf_counter() - start
    states = [r.probes[0].reachability for r in outcome.reports]
    found = sum(1 for s in states[:answering] if s is Reachability.OPEN)
    false_positives = sum(1 for s in states[answering:] if s is not Reachability.FILTERED)
    print(f"  {len(ports):>6} targets, {answering} answering, --timeout {timeout:g}, "
          f"--rate {rate:g}: wall {wall:.3f} s, found {found}/{answering}, "
          f"false positives {false_positives}")


def ideal_loop(ports: list[int], answering: int) -> None:
    """Reference: one socket, send every OPTIONS, then read replies (no retransmission,
    no parsing beyond counting): the floor any Python sweep can reach on this machine."""
    import socket

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
    sock.bind(("127.0.0.1", 0))
    local = sock.getsockname()[1]
    start = time.perf_counter()
    for index, port in enumerate(ports):
        sock.sendto((f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\n"
                     f"Via: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK{index}\r\n"
                     f"Call-ID: {index}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
                     ).encode(), ("127.0.0.1", port))
    sock.settimeout(1.0)
    received = 0
    while received < answering:
        try:
            sock.recv(65535)
        except TimeoutError:
            break
        received += 1
    sock.close()
    print(f"  reference one-socket send-then-read loop: {time.perf_counter() - start:.3f} s, "
          f"{received}/{answering} replies")


def cli_rss(count: int, answering: int, rate: float, timeout: float) -> None:
    """Peak RSS of the whole command (probes, facts, checks, JSON report) on COUNT targets,
    and its time from the last first probe (as the responders read it) to its exit."""
    child, ports = start_responders(count, answering)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            targets = Path(tmp) / "targets.txt"
            targets.write_text("".join(f"127.0.0.1:{p}\n" for p in ports))
            report = Path(tmp) / "report.json"
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "voipscan", "scan", "host", "-iL", str(targets),
                 "--transport", "udp", "--rate", str(rate), "--timeout", str(timeout),
                 "-f", "json", "-o", str(report)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            _, status, usage = os.wait4(process.pid, 0)
            ended = time.monotonic()
            wall = time.perf_counter() - start
            size = report.stat().st_size if report.exists() else 0
            last = last_first_probe(child)
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(10)
    after = f"{ended - last:.2f} s" if last is not None else "no probe seen"
    print(f"  CLI scan host, {count} targets ({answering} answering), JSON report "
          f"{size / 1e6:.1f} MB: wall {wall:.2f} s, after the last first probe {after} "
          f"(target: --timeout {timeout:g} + 1 s), peak RSS {usage.ru_maxrss / 1024:.0f} MB, "
          f"exit {os.waitstatus_to_exitcode(status)}")


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="responders (default 1000)")
    parser.add_argument("--rate", type=float, default=50_000, help="probes/s (default 50000)")
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--rss", type=int, default=0, metavar="N",
                        help="also measure peak RSS of a CLI scan of N targets")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_NOFILE, resource.getrlimit(resource.RLIMIT_NOFILE))
    print("OPTIONS sweep over loopback UDP responders (one child process, select loop)")
    for answering in (args.n, args.n // 2):
        child, ports = start_responders(args.n, answering)
        try:
            if answering == args.n:
                ideal_loop(ports, answering)
            for _ in range(3):
                sweep(ports, answering, args.timeout, args.rate)
        finally:
            assert child.stdin is not None
            child.stdin.close()
            child.wait(10)
    if args.rss:
        cli_rss(args.rss, args.rss, args.rate, args.timeout)
        cli_rss(args.rss, args.rss // 2, args.rate, args.timeout)


if __name__ == "__main__":
    main()
