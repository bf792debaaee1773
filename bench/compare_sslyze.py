"""SIP-TLS audit, side by side and on equal work: voipscan's audit versus the sslyze command
line running exactly the scan commands whose facts the audit decides.

The audit decides protocol versions (SSL 2.0 to TLS 1.3), the cipher suites accepted under
each, the certificate chain, renegotiation and Heartbleed. The sslyze command line is given
the same work and nothing more:

    python -m sslyze --sslv2 --sslv3 --tlsv1 --tlsv1_1 --tlsv1_2 --tlsv1_3 \\
                     --certinfo --reneg --heartbleed --mozilla_config disable HOST:PORT ...

The same local endpoints (`openssl s_server`, EC P-256 certificate from a throwaway CA, TLS 1.2
and 1.3, from bench/tls_audit.py) are scanned by both, each as a fresh process (imports
included), for 1 and for 20 endpoints; then a silent peer (accepts TCP, never answers TLS).
Before any figure is printed the benchmark asserts that both found the same versions and the
same suites under each version on every endpoint: a faster audit that finds less is no gain.

    python bench/compare_sslyze.py [--runs 3] [--timeout 2] [--endpoints 20] [--no-silent]

Ratios are voipscan / sslyze (below 1.0: voipscan is faster); the target is <= 0.5. Medians of
--runs; the silent peer runs once (sslyze needs about a minute there).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from as_installed import compile_package  # noqa: E402
from tls_audit import HOST, s_servers, timed  # noqa: E402

from tests.sources.host.pki import make_pki  # noqa: E402
from tests.sources.host.tls_servers import silent_server  # noqa: E402

TARGET_RATIO = 0.5
SSLYZE_COMMANDS = ("--sslv2", "--sslv3", "--tlsv1", "--tlsv1_1", "--tlsv1_2", "--tlsv1_3",
                   "--certinfo", "--reneg", "--heartbleed", "--mozilla_config", "disable")
"""What voipscan's full audit decides, as sslyze command-line options."""

SSLYZE_VERSIONS = {"ssl_2_0_cipher_suites": "SSLv2", "ssl_3_0_cipher_suites": "SSLv3",
                   "tls_1_0_cipher_suites": "TLSv1.0", "tls_1_1_cipher_suites": "TLSv1.1",
                   "tls_1_2_cipher_suites": "TLSv1.2", "tls_1_3_cipher_suites": "TLSv1.3"}

Accepted = dict[int, dict[str, frozenset[str]]]
"""Per port: the suites accepted under each protocol version (versions with none left out)."""


def ours(ports: list[int], timeout: float) -> Accepted:
    """A fresh process auditing the endpoints, as `voipscan scan host` does after its probes,
    and ending as its command line ends (``voipscan.cli.main``: ``gc.freeze()``, then exit;
    measured: 0.009-0.010 s of interpreter teardown instead of 0.045-0.058 s)."""
    code = ("import gc, json, sys\nfrom voipscan.sources.host.tls_audit import audit_many\n"
            f"results = audit_many([({HOST!r}, p) for p in {ports!r}], timeout={timeout})\n"
            "print(json.dumps({r.port: [[c.version.value, c.name] for c in r.ciphers]\n"
            "                  for r in results}))\n"
            "gc.freeze()\n"
            "sys.exit(0 if all(r.status.answered and r.ciphers_complete and r.certificate\n"
            "                  and r.heartbleed is not None for r in results) else 3)\n")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    found: Accepted = {}
    for port, pairs in json.loads(done.stdout).items():
        versions: dict[str, set[str]] = {}
        for version, name in pairs:
            versions.setdefault(version, set()).add(name)
        found[int(port)] = {v: frozenset(names) for v, names in versions.items()}
    return found


def ours_silent(port: int, timeout: float) -> str:
    code = (f"import gc\nfrom voipscan.sources.host.tls_audit import audit\n"
            f"print(audit({HOST!r}, {port}, timeout={timeout}).status.value)\n"
            "gc.freeze()\n")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    return done.stdout.strip()


def run_sslyze(ports: list[int], *options: str) -> None:
    # exit status 1 only means "not Mozilla-compliant": the scan itself ran
    subprocess.run([sys.executable, "-m", "sslyze", *SSLYZE_COMMANDS, *options,
                    *(f"{HOST}:{p}" for p in ports)], capture_output=True, check=False,
                   timeout=600)


def sslyze(ports: list[int]) -> Accepted:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "sslyze.json"
        run_sslyze(ports, "--json_out", str(out))
        document = json.loads(out.read_text())
    found: Accepted = {}
    for server in document["server_scan_results"]:
        port = server["server_location"]["port"]
        result = server.get("scan_result") or {}
        versions: dict[str, frozenset[str]] = {}
        for key, version in SSLYZE_VERSIONS.items():
            attempt = result.get(key) or {}
            if attempt.get("status") != "COMPLETED":
                raise SystemExit(f"sslyze could not complete {key} on port {port}")
            names = frozenset(s["cipher_suite"]["name"]
                              for s in attempt["result"]["accepted_cipher_suites"])
            if names:
                versions[version] = names
        found[port] = versions
    return found


def agree(mine: Accepted, theirs: Accepted) -> None:
    """Both found the same versions and the same suites under each; otherwise stop."""
    for port in sorted(set(mine) | set(theirs)):
        if mine.get(port) != theirs.get(port):
            raise SystemExit(f"results differ on port {port}:\n  voipscan {mine.get(port)}\n"
                             f"  sslyze   {theirs.get(port)}")


def line(label: str, mine: float, theirs: float) -> None:
    ratio = mine / theirs
    met = "met" if ratio <= TARGET_RATIO else "not met"
    print(f"  {label:<34} voipscan {mine:6.2f} s   sslyze CLI {theirs:6.2f} s   "
          f"ratio {ratio:.2f} (target <= {TARGET_RATIO}: {met})")


def compared(ports: list[int], runs: int, timeout: float) -> tuple[float, float, Accepted]:
    mine, theirs = ours(ports, timeout), sslyze(ports)
    agree(mine, theirs)
    return (timed(lambda: ours(ports, timeout), runs), timed(lambda: sslyze(ports), runs),
            mine)


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--endpoints", type=int, default=20, help="the many-endpoint run")
    parser.add_argument("--no-silent", action="store_true", help="skip the silent peer")
    args = parser.parse_args()
    version = subprocess.run([sys.executable, "-c", "from importlib.metadata import version; "
                              "print(version('sslyze'))"],
                             capture_output=True, text=True, check=False).stdout.strip()
    print(f"voipscan TLS audit vs sslyze {version} command line on equal work "
          f"({' '.join(SSLYZE_COMMANDS)}); fresh process each, median of {args.runs}")
    with tempfile.TemporaryDirectory() as tmp:
        pki = make_pki(Path(tmp) / "pki")
        with s_servers(pki, args.endpoints) as ports:
            mine, theirs, found = compared(ports[:1], args.runs, args.timeout)
            suites = sum(len(names) for names in found[ports[0]].values())
            print(f"  same results: versions {sorted(found[ports[0]])}, {suites} suites")
            line("1 endpoint, full audit", mine, theirs)
            mine, theirs, found = compared(ports, args.runs, args.timeout)
            print(f"  same results on all {len(found)} endpoints")
            line(f"{len(ports)} endpoints, full audit", mine, theirs)
        if not args.no_silent:
            with silent_server() as mute:
                start = time.perf_counter()
                status = ours_silent(mute, args.timeout)
                mine_silent = time.perf_counter() - start
                theirs_silent = timed(lambda: run_sslyze([mute]), 1)
            line(f"silent peer ({status}, --timeout {args.timeout:g})", mine_silent,
                 theirs_silent)


if __name__ == "__main__":
    main()
