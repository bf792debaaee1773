"""Memory and time of scoring and reporting many host targets, half of them silent (no network).

Builds N host-scan results like those of 'voipscan scan host': every other host answered
(a UDP and a TLS transport, a disclosed Server header), the others stayed silent (not
readable, with a 'no SIP reply' problem). Scores them against the baseline profile and writes
the JSON and text reports through the same path as the CLI (young garbage collections only,
as the CLI scans). Prints wall time, CPU time, the JSON report's size and peak RSS, each
beside an anchor measured in the same run: a fixed pure-Python workload, so that figures from
a loaded machine can be compared. The text report is written by a forked process on the
second core, as the CLI writes reports after the first: its CPU and peak RSS are printed too.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time

from voipscan import profiles
from voipscan.cli.options import OutputOptions, finish, young_collections_only
from voipscan.engine import evaluate
from voipscan.errors import Problem
from voipscan.facts import (
    Disclosure,
    Exposure,
    Fact,
    Provenance,
    SipProtocol,
    SipTransport,
    System,
    TlsVersion,
)
from voipscan.sources.interface import SourceResult
from voipscan.target import NetworkAddress, Target, TargetKind


def host(i: int) -> SourceResult:
    name = f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"
    target = Target(name, TargetKind.HOST, "sip-probe", NetworkAddress("sip", name))
    if i % 2:
        silent = Problem(f"{name}: no SIP reply (udp {name}:5060 filtered: no reply)")
        return SourceResult(target, System(name), (silent,), fatal=True)
    src = Provenance.probe(f"{name}:5060", "OPTIONS over udp: 200 OK")
    udp = SipTransport(f"{name}:5060/udp", protocol=Fact(SipProtocol.UDP, src),
                       bind=Fact(f"{name}:5060", src), exposure=Fact(Exposure.NETWORK, src))
    tls_src = Provenance.probe(f"{name}:5061", "TLS handshake")
    tls = SipTransport(f"{name}:5061/tls", protocol=Fact(SipProtocol.TLS, tls_src),
                       bind=Fact(f"{name}:5061", tls_src),
                       exposure=Fact(Exposure.NETWORK, tls_src),
                       tls_versions=Fact(frozenset({TlsVersion.TLS1_2}), tls_src))
    system = System(name, transports=(udp, tls), transports_known=True,
                    disclosures=(Disclosure("software-version", "Server: PBX 1.2.3", src),),
                    disclosures_known=True)
    return SourceResult(target, system)


def _children_cpu() -> float:
    """CPU seconds of this process's ended children (the reports written beside it)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def anchor() -> float:
    """Seconds of a fixed pure-Python workload (hashing, sorting, formatting 300,000 items):
    the yardstick this run's figures are quoted against."""
    start = time.perf_counter()
    items = [(f"10.0.{i % 256}.{i // 256}", i * 7919 % 1000) for i in range(300_000)]
    seen = {name: value for name, value in items}
    sorted(items, key=lambda item: (item[1], item[0]))
    "".join(f"{name}:{value}\n" for name, value in seen.items())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10_000)
    args = parser.parse_args()
    yardstick = anchor()
    start = time.perf_counter()
    sources = [host(i) for i in range(args.n)]
    built = time.perf_counter()
    cpu = time.process_time()
    with young_collections_only():  # as the command line scans
        result = evaluate(sources, [profiles.load("baseline")])
    scored, scored_cpu = time.perf_counter(), time.process_time()
    findings = sum(len(t.findings) for t in result.targets)
    answering = sum(not t.fatal for t in result.targets)
    with tempfile.TemporaryDirectory() as tmp:
        out_json, out_text = os.path.join(tmp, "r.json"), os.path.join(tmp, "r.txt")
        options = OutputOptions(profiles=("baseline",), formats=("json", "text"),
                                outputs=(out_json, out_text), fail_under=None, fail_on=None,
                                min_coverage=None, color=False)
        writers = _children_cpu()
        with young_collections_only():
            finish(result, options)
        written, written_cpu = time.perf_counter(), time.process_time()
        writers = _children_cpu() - writers
        size = os.path.getsize(out_json) / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    writer_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    total = written - built
    print(f"{args.n} targets ({answering} answering), {findings} findings: "
          f"build {built - start:.2f} s; score {scored - built:.2f} s "
          f"(CPU {scored_cpu - cpu:.2f} s), reports {written - scored:.2f} s "
          f"(CPU {written_cpu - scored_cpu:.2f} s here, {writers:.2f} s in report writers "
          f"beside it); scoring and reporting {total:.2f} s = {total / yardstick:.1f}x the "
          f"anchor; JSON {size:.2f} MB; peak RSS {peak:.0f} MB (report writer {writer_peak:.0f} "
          "MB)")
    print(f"anchor (fixed pure-Python workload, same run): {yardstick:.3f} s")


if __name__ == "__main__":
    main()
