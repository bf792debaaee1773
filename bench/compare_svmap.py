"""OPTIONS sweep, side by side: `voipscan scan host` versus SIPVicious svmap.

Both command lines scan the same 1,000 loopback UDP responders (bench/options_sweep.py's
child process: one select loop, the first N answer 200 OK, the rest stay silent):

- voipscan at an explicit fast rate (--rate 50000) and at its default rate (20/s);
- svmap at its default (-t 0.005: one probe per 5 ms select timeout) and at its fastest
  (-t 0); svmap always waits its 3 s socket timeout after the last probe.

Found = responders reported as answering; false positives = silent ones reported. svmap is
installed only for this benchmark, into a throwaway venv (never a voipscan dependency):

    python -m venv /tmp/svvenv && /tmp/svvenv/bin/pip install sipvicious
    python bench/compare_svmap.py [--svmap /tmp/svvenv/bin/sipvicious_svmap] [-n 1000]
                                  [--skip-default-rate]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from as_installed import compile_package  # noqa: E402
from options_sweep import start_responders  # noqa: E402

FAST_RATE = 50_000
DEFAULT_RATE = 20  # voipscan's polite default (--rate)


@dataclass(frozen=True)
class Run:
    tool: str
    setting: str
    wall: float
    found: int
    false_positives: int
    report_mb: float | None = None


def voipscan(ports: list[int], answering: int, rate: float | None, timeout: float) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        targets = Path(tmp) / "targets.txt"
        targets.write_text("".join(f"127.0.0.1:{p}\n" for p in ports))
        report = Path(tmp) / "report.json"
        args = [sys.executable, "-m", "voipscan", "scan", "host", "-iL", str(targets),
                "--transport", "udp", "--timeout", str(timeout), "--no-tls-audit",
                "-f", "json", "-o", str(report)]
        if rate is not None:
            args += ["--rate", str(rate)]
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        wall = time.perf_counter() - start
        size = report.stat().st_size / 1e6
        document = json.loads(report.read_text())
    answered = {int(t["name"].rsplit(":", 1)[1]) for t in document["targets"] if t["readable"]}
    setting = f"--rate {rate:g}" if rate is not None else f"default rate ({DEFAULT_RATE}/s)"
    run = _run("voipscan", f"{setting}, --timeout {timeout:g}", wall, answered, ports,
               answering)
    return Run(run.tool, run.setting, run.wall, run.found, run.false_positives, size)


def svmap(binary: str, ports: list[int], answering: int, select_time: float | None) -> Run:
    args = [binary, "-p", ",".join(map(str, ports)), "127.0.0.1"]
    if select_time is not None:
        args[1:1] = ["-t", str(select_time)]
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=600)
    wall = time.perf_counter() - start
    answered = {int(m) for m in re.findall(r"127\.0\.0\.1:(\d+)", done.stdout)}
    setting = f"-t {select_time:g}" if select_time is not None else "default (-t 0.005)"
    return _run("svmap", setting, wall, answered, ports, answering)


def _run(tool: str, setting: str, wall: float, answered: set[int], ports: list[int],
         answering: int) -> Run:
    live, quiet = set(ports[:answering]), set(ports[answering:])
    return Run(tool, setting, wall, len(answered & live), len(answered & quiet))


def scenario(label: str, count: int, answering: int, binary: str, timeout: float,
             default_rate: bool) -> None:
    print(f"\n{label}: {count} loopback UDP responders, {answering} answering")
    child, ports = start_responders(count, answering)
    try:
        runs = [voipscan(ports, answering, FAST_RATE, timeout)]
        if default_rate:
            runs.append(voipscan(ports, answering, None, timeout))
        runs += [svmap(binary, ports, answering, None), svmap(binary, ports, answering, 0)]
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(10)
    for run in runs:
        report = f"   JSON report {run.report_mb:.2f} MB" if run.report_mb is not None else ""
        print(f"  {run.tool:<9} {run.setting:<34} wall {run.wall:7.2f} s   found "
              f"{run.found:>4}/{answering}   false positives {run.false_positives}{report}")
    ours = runs[0]
    for other in runs[1:]:
        print(f"  ratio {other.tool} {other.setting} / voipscan {ours.setting}: "
              f"{other.wall / ours.wall:.1f}x the wall time")


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svmap", default=shutil.which("sipvicious_svmap")
                        or "/tmp/svvenv/bin/sipvicious_svmap")
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--skip-default-rate", action="store_true",
                        help="leave out voipscan at 20 probes/s (n/20 seconds per scenario)")
    args = parser.parse_args()
    if not Path(args.svmap).exists():
        raise SystemExit(f"svmap not found at {args.svmap}; see this script's docstring")
    version = subprocess.run([args.svmap, "--version"], capture_output=True, text=True,
                             check=False).stdout.strip().splitlines()
    print(f"voipscan vs {version[0] if version else 'svmap'}: command lines, wall time "
          "includes start-up")
    scenario("all answering", args.n, args.n, args.svmap, 2.0, not args.skip_default_rate)
    scenario("half silent", args.n, args.n // 2, args.svmap, 2.0, False)


if __name__ == "__main__":
    main()
