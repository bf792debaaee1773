"""The README's examples run as written (those that name only bundled files)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

PLACEHOLDERS = ("192.0.2.", "example.", "PATH", "TARGET", "FILE", "INVENTORY", "NAME", " | ",
                "~/", "fpath", "bash|zsh", "https://", "postgresql://", ".sql.gz",
                "3cx-export/", "worker ", "fleet ", "history trend pbx-")
"""Examples that name a user's own files, hosts or services (a worker at a site) are shown,
not run."""


def _examples() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    lines = [line.strip() for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
             for line in block.splitlines()]
    return [line.split("&& ", 1)[-1] for line in lines
            if line.startswith("voipscan ") or "&& voipscan " in line]


def test_every_runnable_example_runs(tmp_path: Path) -> None:
    runnable = [e for e in _examples() if not any(p in e for p in PLACEHOLDERS)]
    assert len(runnable) >= 10, runnable
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    for example in runnable:
        args = shlex.split(example)[1:]
        run = subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                             text=True, timeout=120, cwd=tmp_path)
        assert run.returncode in (0, 1), (example, run.stderr)
        assert "Traceback" not in run.stderr, example
    assert (tmp_path / "audit.html").read_text().startswith("<!DOCTYPE html>")
