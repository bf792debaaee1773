"""SIP-TLS audit, side by side: voipscan's audit versus the sslyze command line.

The same local endpoints (`openssl s_server`, EC P-256 certificate, TLS 1.2 and 1.3, from
bench/tls_audit.py) are scanned by both, each as a fresh process (imports included):

- 1 endpoint: `python -m sslyze HOST:PORT` (its default full scan) vs voipscan's audit;
- 20 endpoints: sslyze with the 20 targets on one command line vs voipscan's audit_many;
- a silent peer (accepts TCP, never answers TLS): sslyze's default vs voipscan --timeout.

    python bench/compare_sslyze.py [--runs 3] [--timeout 2] [--no-silent]

Ratios are voipscan / sslyze (below 1.0: voipscan is faster). Medians of --runs; the silent
peer runs once (sslyze needs about a minute there).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from tls_audit import HOST, s_servers, timed  # noqa: E402

from tests.sources.host.pki import make_pki  # noqa: E402
from tests.sources.host.tls_servers import silent_server  # noqa: E402


def ours(ports: list[int], timeout: float) -> None:
    """A fresh process auditing the endpoints, as `voipscan scan host` does after its probes."""
    code = ("import sys\nfrom voipscan.sources.host.tls_audit import audit_many\n"
            f"results = audit_many([({HOST!r}, p) for p in {ports!r}], timeout={timeout})\n"
            "sys.exit(0 if all(r.status.answered for r in results) else 3)\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=ROOT,
                   timeout=300)


def ours_silent(port: int, timeout: float) -> str:
    code = (f"from voipscan.sources.host.tls_audit import audit\n"
            f"print(audit({HOST!r}, {port}, timeout={timeout}).status.value)\n")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    return done.stdout.strip()


def sslyze(ports: list[int]) -> None:
    # exit status 1 only means "not Mozilla-compliant": the scan itself ran
    subprocess.run([sys.executable, "-m", "sslyze", *(f"{HOST}:{p}" for p in ports)],
                   capture_output=True, check=False, timeout=600)


def line(label: str, mine: float, theirs: float) -> None:
    print(f"  {label:<34} voipscan {mine:6.2f} s   sslyze CLI {theirs:6.2f} s   "
          f"ratio {mine / theirs:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--no-silent", action="store_true", help="skip the silent peer")
    args = parser.parse_args()
    version = subprocess.run([sys.executable, "-c", "from importlib.metadata import version; "
                              "print(version('sslyze'))"],
                             capture_output=True, text=True, check=False).stdout.strip()
    print(f"voipscan TLS audit vs sslyze {version} command line (fresh process each, "
          f"median of {args.runs})")
    with tempfile.TemporaryDirectory() as tmp:
        pki = make_pki(Path(tmp) / "pki")
        with s_servers(pki, 20) as ports:
            one = ports[:1]
            line("1 endpoint, full audit", timed(lambda: ours(one, args.timeout), args.runs),
                 timed(lambda: sslyze(one), args.runs))
            line("20 endpoints, full audit", timed(lambda: ours(ports, args.timeout),
                                                   args.runs),
                 timed(lambda: sslyze(ports), args.runs))
        if not args.no_silent:
            with silent_server() as mute:
                start = time.perf_counter()
                status = ours_silent(mute, args.timeout)
                mine = time.perf_counter() - start
                theirs = timed(lambda: sslyze([mute]), 1)
            line(f"silent peer ({status}, --timeout {args.timeout:g})", mine, theirs)


if __name__ == "__main__":
    main()
