"""Time 'voipscan --help' (process start to exit), median of N runs."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from as_installed import compile_package

RUNS = 15


def main() -> None:
    compile_package()
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "voipscan", "--help"], check=True,
                       capture_output=True)
        timings.append(time.perf_counter() - start)
    python_only = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        python_only.append(time.perf_counter() - start)
    print(f"voipscan --help: median {statistics.median(timings) * 1000:.0f} ms, "
          f"max {max(timings) * 1000:.0f} ms over {RUNS} runs "
          f"(bare interpreter start: {statistics.median(python_only) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
