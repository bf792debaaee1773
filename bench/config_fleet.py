"""A fleet of configurations in one run: N FreePBX backups and N Asterisk trees.

    python bench/config_fleet.py [N]   (default 1000 of each)

Copies the bundled samples N times each into a temporary folder, runs the command line as a
user would (``voipscan scan config DIR/* -f json -o r.json --summary``) and prints files/s,
wall time, peak RSS and the report's size.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from as_installed import compile_package

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    compile_package()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        fleet = Path(tmp) / "fleet"
        fleet.mkdir()
        backup = ROOT / "samples" / "freepbx" / "insecure-backup.tar.gz"
        tree = ROOT / "samples" / "asterisk" / "insecure"
        for i in range(count):
            shutil.copy(backup, fleet / f"pbx-{i:04d}-backup.tar.gz")
            shutil.copytree(tree, fleet / f"ast-{i:04d}")
        files = sum(1 for p in fleet.rglob("*") if p.is_file())
        paths = sorted(str(p) for p in fleet.iterdir())
        report = Path(tmp) / "r.json"
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "voipscan", "scan", "config", *paths,
                              "-o", str(report)], capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if run.returncode not in (0, 1):
            sys.exit(run.stderr[-2000:])
        print(f"{count} FreePBX backups + {count} Asterisk trees ({files} files): {wall:.1f} s, "
              f"{files / wall:,.0f} files/s, {2 * count / wall:,.1f} targets/s, peak RSS "
              f"{peak:.0f} MB, report {report.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
