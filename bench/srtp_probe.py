"""How long the SRTP probe (scan host --srtp) takes for one host, by kind of peer.

Every figure is the median wall time of --repeat runs of the 7 default offers over one
transport, on loopback:

- Python UAS answering at once (200 with a crypto answer or 488), without a rate limit and at
  the default 20 probes/s (the pacer spaces the INVITEs),
- Python UAS that rings (180 -> CANCEL -> 487 -> ACK),
- Kamailio terminating TLS, relaying to SIPp over UDP (when both are installed),
- a silent host (the first INVITE waits --timeout, then as long again for a late reply to end;
  the other offers are skipped),
- 20 answering hosts at once (hosts are probed concurrently, one INVITE in flight per host).

    python bench/srtp_probe.py [--repeat 5] [--timeout 3]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.sources.host.responders import Responder, responder  # noqa: E402
from tests.sources.host.test_srtp_probe import Uas, sdes_required  # noqa: E402
from voipscan.facts import SipProtocol  # noqa: E402
from voipscan.sources.host.probe import ProbeResult, Reachability  # noqa: E402
from voipscan.sources.host.scanner import HostReport  # noqa: E402
from voipscan.sources.host.srtp_probe import SrtpSettings, run_srtp  # noqa: E402
from voipscan.sources.host.targets import HostTarget, Service  # noqa: E402


def report(index: int, protocol: SipProtocol, port: int) -> HostReport:
    service = Service(protocol, port)
    target = HostTarget(index, f"host{index}", "127.0.0.1", (service,))
    return HostReport(target, (ProbeResult(service, target.endpoint(service), Reachability.OPEN,
                                           status=200, reason="OK"),))


def timed(reports: list[HostReport], settings: SrtpSettings) -> tuple[float, str]:
    started = time.monotonic()
    outcome = run_srtp(reports, settings)
    elapsed = time.monotonic() - started
    first = outcome.by_target[reports[0].target.index][0]
    summary = ", ".join(f"{o.offer.value}={o.outcome.value}" for o in first.results)
    return elapsed, summary


def median(runs: int, work: Callable[[], tuple[float, str]]) -> tuple[float, str]:
    results = [work() for _ in range(runs)]
    return statistics.median(r[0] for r in results), results[-1][1]


def python_uas(**options: object) -> Uas:
    return Uas(sdes_required, **options)  # type: ignore[arg-type]


def served(stack: ExitStack, script: Uas) -> Responder:
    server = stack.enter_context(responder(script))
    script.port = server.port
    return server


def kamailio_sipp(runs: int, settings: SrtpSettings) -> tuple[float, str] | None:
    if not (shutil.which("sipp") and Path("/usr/sbin/kamailio").exists()):
        return None
    from tests.integration import free_port
    from tests.sources.host.kamailio import kamailio, relay_route

    with tempfile.TemporaryDirectory() as directory:
        port = free_port(socket.SOCK_DGRAM)
        sipp = subprocess.Popen(
            ["sipp", "-sf", str(ROOT / "tests/sources/host/sipp/uas_sdes_required.xml"), "-i",
             "127.0.0.1", "-p", str(port), "-m", str(7 * runs), "-nostdin", "-timeout", "120s"],
            cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL)
        try:
            time.sleep(0.3)
            with kamailio(Path(directory) / "kamailio", route=relay_route(port)) as proxy:
                return median(runs, lambda: timed([report(0, SipProtocol.TLS, proxy.tls)],
                                                  settings))
        finally:
            sipp.kill()
            sipp.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=3.0)
    args = parser.parse_args()
    fast = SrtpSettings(rate=None, timeout=args.timeout)
    paced = SrtpSettings(rate=20.0, timeout=args.timeout)
    rows: list[tuple[str, tuple[float, str] | None]] = []
    with ExitStack() as stack:
        server = served(stack, python_uas())
        rows.append(("python UAS, answers at once, no rate limit",
                     median(args.repeat, lambda: timed([report(0, SipProtocol.UDP,
                                                                server.port)], fast))))
        rows.append(("python UAS, answers at once, --rate 20",
                     median(args.repeat, lambda: timed([report(0, SipProtocol.UDP,
                                                                server.port)], paced))))
        ringing = served(stack, python_uas(ring=True))
        rows.append(("python UAS that rings (CANCEL each), no rate limit",
                     median(args.repeat, lambda: timed([report(0, SipProtocol.UDP,
                                                                ringing.port)], fast))))
        tcp_script = python_uas()
        tcp = stack.enter_context(responder(tcp_script, kind=socket.SOCK_STREAM))
        tcp_script.port = tcp.port
        rows.append(("python UAS over TCP, no rate limit",
                     median(args.repeat, lambda: timed([report(0, SipProtocol.TCP,
                                                                tcp.port)], fast))))
        many = [served(stack, python_uas()) for _ in range(20)]
        rows.append(("20 hosts at once (wall time for all), no rate limit",
                     median(args.repeat, lambda: timed(
                         [report(i, SipProtocol.UDP, s.port) for i, s in enumerate(many)],
                         fast))))
        silent = stack.enter_context(responder(lambda request: []))
        rows.append((f"silent host, --timeout {args.timeout:g}",
                     median(1, lambda: timed([report(0, SipProtocol.UDP, silent.port)],
                                             fast))))
    rows.append(("Kamailio TLS -> SIPp UDP, no rate limit", kamailio_sipp(args.repeat, fast)))
    for label, result in rows:
        if result is None:
            print(f"{label:<55} skipped (kamailio or sipp missing)")
        else:
            print(f"{label:<55} {result[0] * 1000:8.1f} ms")
    print()
    print("outcomes of the last 'answers at once' run:", rows[0][1][1] if rows[0][1] else "")


if __name__ == "__main__":
    asyncio.set_event_loop_policy(None)
    main()
