"""voipscan fleet and worker refuse what they cannot do in one line, exit 2, before any job
is queued or taken; the broker's password never shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

INVENTORY = ROOT / "samples" / "system" / "inventory.yaml"


def voipscan(*args: str, tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VOIPSCAN_")}
    clean.update({"VOIPSCAN_STORE": str(tmp / "f.sqlite"), **env})
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env=clean)


def error_line(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.strip().splitlines()
             if not line.startswith("voipscan: warning:")]
    assert len(lines) == 1, lines
    return lines[0]


def test_submit_needs_a_broker_and_a_site_for_every_system(tmp_path: Path) -> None:
    assert "no broker" in error_line(voipscan("fleet", "submit", str(INVENTORY), tmp=tmp_path))
    line = error_line(voipscan("fleet", "submit", str(INVENTORY), "--broker",
                               "redis://127.0.0.1:1/0", tmp=tmp_path))
    assert "no site for pbx-legacy" in line


def test_an_unreachable_broker_marks_the_jobs_not_queued(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("br0ker-Secret-77\n")
    run = voipscan("fleet", "submit", str(INVENTORY), "--default-site", "hq", tmp=tmp_path,
                   VOIPSCAN_BROKER="redis://127.0.0.1:1/0",
                   VOIPSCAN_BROKER_PASSWORD_FILE=str(secret))
    line = error_line(run)
    assert "cannot queue jobs on the broker redis://:***@127.0.0.1:1/0" in line
    assert "br0ker-Secret-77" not in run.stderr + run.stdout
    status = voipscan("fleet", "status", tmp=tmp_path)
    assert status.returncode == 0
    assert "2 job(s): 2 failed" in status.stdout and "not queued" in status.stdout


def test_worker_options_are_checked_before_it_starts(tmp_path: Path) -> None:
    line = error_line(voipscan("worker", "--queue", "ams", "--allow", "10.0.0.0/33",
                               "--broker", "redis://127.0.0.1:1/0", tmp=tmp_path))
    assert "'10.0.0.0/33' is not an address or CIDR network" in line
    line = error_line(voipscan("worker", "--queue", "ams", "--allow", "10.0.0.0/8",
                               "--broker", "amqp://u:pw-77@127.0.0.1//", tmp=tmp_path))
    assert "unsupported broker" in line and "pw-77" not in line
