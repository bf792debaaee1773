"""Rendering and delivery figures: every output format for a large scan, and syslog over TCP.

Run: python bench/bench_reports.py [TARGETS]   (default 200 copies of the insecure sample)
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from voipscan import profiles
from voipscan.engine import evaluate
from voipscan.reports import FORMATS, RenderOptions, render, siem
from voipscan.reports.syslog import SyslogTarget, send
from voipscan.sources.config.load import load_target
from voipscan.target import Target, TargetKind

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    source = load_target(ROOT / "samples" / "export" / "insecure.yaml", "export")
    sources = [replace(source, target=Target.path(f"site-{i:04d}.yaml", TargetKind.CONFIG,
                                                  "export"))
               for i in range(copies)]
    started = time.perf_counter()
    result = evaluate(sources, [profiles.load("baseline"), profiles.load("gdpr")])
    print(f"evaluate {copies} targets x 2 profiles: {time.perf_counter() - started:.2f} s")
    for name in sorted(FORMATS):
        started = time.perf_counter()
        text = render(name, result, RenderOptions(include_passed=True))
        elapsed = time.perf_counter() - started
        lines = text.count("\n")
        print(f"render {name:<5} {elapsed:6.3f} s  {len(text) / 1e6:6.2f} MB  {lines} lines")
    messages = siem.lines("cef", result)
    received = bytearray()
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]

        def drain() -> None:
            connection, _ = server.accept()
            with connection:
                while chunk := connection.recv(1 << 16):
                    received.extend(chunk)

        reader = threading.Thread(target=drain)
        reader.start()
        started = time.perf_counter()
        send(SyslogTarget("tcp", "127.0.0.1", port), messages, msgid="CEF")
        reader.join()
        elapsed = time.perf_counter() - started
    print(f"syslog tcp: {len(messages)} CEF events, {len(received) / 1e6:.2f} MB in "
          f"{elapsed:.3f} s ({len(messages) / elapsed:,.0f} events/s)")


if __name__ == "__main__":
    main()
