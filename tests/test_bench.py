"""The benchmarks in bench/ still run (tiny sizes; nothing here is timed)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.paths import ROOT

QUICK = [("many_targets.py", "-n", "20"), ("bench_reports.py", "3"), ("config_scan.py", "20"),
         ("freeswitch_scan.py", "3"), ("cli_startup.py",), ("config_fleet.py", "2"),
         ("compare_sslyze.py", "--runs", "1", "--endpoints", "2", "--no-silent")]


@pytest.mark.parametrize("command", QUICK, ids=lambda c: c[0])
def test_benchmark_runs(command: tuple[str, ...]) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / command[0]), *command[1:]],
                         capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip()
