"""SIP-TLS audit speed: one endpoint vs 20, against the sslyze command line, and silent peers.

Endpoints are `openssl s_server` processes on loopback (EC P-256 certificate from a
throwaway CA; TLS 1.2 and 1.3); with --kamailio a fresh Kamailio per measurement too.

    python bench/tls_audit.py [--runs 3] [--timeout 2] [--kamailio] [--exhaustive-reference]
                              [--latency-ms 20]

Figures are medians of --runs. "cold" runs start a new Python process (imports included),
as the sslyze command line does; "warm" runs are in one process after a first audit.
Over bare loopback every handshake costs only CPU, so 20 audits cost ~20x the CPU of one;
--latency-ms puts a delaying TCP relay (another process) in front of the endpoints to show
how the audits overlap when the network, not the CPU, sets the pace.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sources.host.pki import Pki, make_pki  # noqa: E402
from tests.sources.host.tls_servers import silent_server  # noqa: E402
from voipscan.sources.host.tls_audit import AuditStatus, audit, audit_many  # noqa: E402

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def s_servers(pki: Pki, count: int) -> Iterator[list[int]]:
    ports = [free_port() for _ in range(count)]
    processes = [
        subprocess.Popen(
            ["openssl", "s_server", "-accept", f"{HOST}:{port}", "-cert",
             str(pki.server.cert_path), "-key", str(pki.server.key_path), "-quiet",
             "-naccept", "1000000"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            _wait_listening(port)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=5)


def _wait_listening(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.2):
            return
        time.sleep(0.02)
    raise RuntimeError(f"nothing listening on {port}")


def _relay_main(targets: list[int], delay: float, ports_out: multiprocessing.Queue) -> None:
    """Forward each listener to its target, holding every chunk back by ``delay`` seconds."""
    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                await asyncio.sleep(max(0.0, due - loop.time()))
                if not data:
                    writer.close()
                    return
                writer.write(data)
                await writer.drain()

        sender = asyncio.create_task(deliver())
        with contextlib.suppress(OSError):
            while data := await reader.read(65536):
                queue.put_nowait((loop.time() + delay, data))
        queue.put_nowait((loop.time() + delay, b""))
        with contextlib.suppress(OSError):
            await sender

    def handler(target: int) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter], object]:
        async def connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                up_reader, up_writer = await asyncio.open_connection(HOST, target)
            except OSError:
                writer.close()
                return
            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        return connect

    async def serve() -> None:
        servers = [await asyncio.start_server(handler(t), HOST, 0, backlog=256) for t in targets]
        ports_out.put([srv.sockets[0].getsockname()[1] for srv in servers])
        await asyncio.Event().wait()

    asyncio.run(serve())


@contextlib.contextmanager
def delayed(targets: list[int], delay_ms: float) -> Iterator[list[int]]:
    ports: multiprocessing.Queue = multiprocessing.Queue()
    relay = multiprocessing.Process(target=_relay_main, args=(targets, delay_ms / 1000, ports),
                                    daemon=True)
    relay.start()
    try:
        yield ports.get(timeout=10)
    finally:
        relay.terminate()
        relay.join(timeout=5)


def timed(fn: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def cold_audit(port: int, timeout: float) -> None:
    code = (f"from voipscan.sources.host.tls_audit import audit; r = audit({HOST!r}, {port}, "
            f"timeout={timeout}); assert r.status.answered, r")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=ROOT)


def sslyze_cli(port: int) -> None:
    # exit status 1 only means "not Mozilla-compliant"; the scan itself ran
    subprocess.run([sys.executable, "-m", "sslyze", f"{HOST}:{port}"], capture_output=True,
                   check=False, timeout=120)


def sslyze_exhaustive(ports: list[int], timeout: float) -> None:
    """Reference: sslyze's API with its per-suite cipher commands (what a naive audit does)."""
    from sslyze import (  # type: ignore[attr-defined]
        ScanCommand,
        Scanner,
        ServerNetworkConfiguration,
        ServerNetworkLocation,
        ServerScanRequest,
    )

    commands = {ScanCommand.CERTIFICATE_INFO, ScanCommand.SESSION_RENEGOTIATION,
                ScanCommand.HEARTBLEED, ScanCommand.SSL_2_0_CIPHER_SUITES,
                ScanCommand.SSL_3_0_CIPHER_SUITES, ScanCommand.TLS_1_0_CIPHER_SUITES,
                ScanCommand.TLS_1_1_CIPHER_SUITES, ScanCommand.TLS_1_2_CIPHER_SUITES,
                ScanCommand.TLS_1_3_CIPHER_SUITES}
    scanner = Scanner(concurrent_server_scans_limit=len(ports))
    scanner.queue_scans([
        ServerScanRequest(
            server_location=ServerNetworkLocation(HOST, p, ip_address=HOST),
            network_configuration=ServerNetworkConfiguration(
                HOST, network_timeout=int(timeout), network_max_retries=1),
            scan_commands=commands,
        ) for p in ports])
    for _ in scanner.get_results():
        pass


def kamailio_figures(runs: int, timeout: float, work: Path) -> None:
    from tests.sources.host.kamailio import TlsMode, kamailio

    ours, cli = [], []
    for run in range(runs):  # a fresh Kamailio per scan: repeated scans corrupt 5.6.3
        with kamailio(work / f"ours-{run}", tls=TlsMode.TLS12_PLUS) as server:
            start = time.perf_counter()
            cold_audit(server.tls, timeout)
            ours.append(time.perf_counter() - start)
        with kamailio(work / f"cli-{run}", tls=TlsMode.TLS12_PLUS) as server:
            start = time.perf_counter()
            sslyze_cli(server.tls)
            cli.append(time.perf_counter() - start)
    ours_s, cli_s = statistics.median(ours), statistics.median(cli)
    print(f"Kamailio 5.6.3 (TLSv1.2+), cold process: voipscan {ours_s:.2f} s, sslyze CLI "
          f"{cli_s:.2f} s, ratio {ours_s / cli_s:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--kamailio", action="store_true")
    parser.add_argument("--exhaustive-reference", action="store_true")
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    runs, timeout = args.runs, args.timeout
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pki = make_pki(work / "pki")
        with s_servers(pki, 20) as ports:
            one = ports[0]
            first = audit(HOST, one, timeout=timeout)  # warm the imports
            assert first.status is AuditStatus.COMPLETE, first
            warm_one = timed(lambda: audit(HOST, one, timeout=timeout), runs)
            warm_many = timed(lambda: audit_many([(HOST, p) for p in ports], timeout=timeout),
                              runs)
            light_one = timed(lambda: audit(HOST, one, timeout=timeout, light=True), runs)
            light_many = timed(
                lambda: audit_many([(HOST, p) for p in ports], timeout=timeout, light=True), runs)
            cold_one = timed(lambda: cold_audit(one, timeout), runs)
            cli_one = timed(lambda: sslyze_cli(one), runs)
            print(f"1 endpoint, full audit: warm {warm_one:.3f} s, cold process {cold_one:.2f} s;"
                  f" sslyze CLI {cli_one:.2f} s -> ratio {cold_one / cli_one:.2f} (cold) / "
                  f"{warm_one / cli_one:.2f} (warm)")
            print(f"20 endpoints, full audit: {warm_many:.3f} s = {warm_many / warm_one:.2f}x "
                  f"one endpoint")
            print(f"light audit: 1 endpoint {light_one * 1000:.0f} ms, 20 endpoints "
                  f"{light_many * 1000:.0f} ms ({light_many / light_one:.2f}x)")
            if args.latency_ms:
                with delayed(ports, args.latency_ms) as relayed:
                    slow_one = timed(lambda: audit(HOST, relayed[0], timeout=timeout), runs)
                    slow_many = timed(lambda: audit_many([(HOST, p) for p in relayed],
                                                         timeout=timeout), runs)
                    slow_cli = timed(lambda: sslyze_cli(relayed[0]), 1)
                print(f"with {args.latency_ms:g} ms added each way: 1 endpoint {slow_one:.2f} s,"
                      f" 20 endpoints {slow_many:.2f} s = {slow_many / slow_one:.2f}x; sslyze CLI"
                      f" on 1 endpoint {slow_cli:.2f} s")
            if args.exhaustive_reference:
                exhaustive = timed(lambda: sslyze_exhaustive(ports, timeout), 1)
                print(f"reference, sslyze API with per-suite cipher commands, 20 endpoints: "
                      f"{exhaustive:.2f} s")
        with silent_server() as mute:
            start = time.perf_counter()
            result = audit(HOST, mute, timeout=timeout)
            silent = time.perf_counter() - start
        print(f"silent peer, --timeout {timeout:g}: {result.status.value} after {silent:.2f} s "
              f"(bound {timeout + 1:g} s)")
        start = time.perf_counter()
        gone = audit(HOST, free_port(), timeout=timeout)
        print(f"closed port: {gone.status.value} after {(time.perf_counter() - start) * 1000:.1f}"
              " ms")
        if args.kamailio:
            kamailio_figures(runs, timeout, work)


if __name__ == "__main__":
    main()
