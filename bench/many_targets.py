"""Memory and time of scoring and reporting many host targets (no network).

Builds N host-scan results like those of 'voipscan scan host' (a UDP and a TLS transport,
a disclosed Server header), scores them against the baseline profile and writes the JSON
and text reports through the same path as the CLI. Prints wall time and peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time

from voipscan import profiles
from voipscan.cli.options import OutputOptions, finish
from voipscan.engine import evaluate
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
    address = NetworkAddress("sip", name)
    return SourceResult(Target(name, TargetKind.HOST, "sip-probe", address), system)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10_000)
    args = parser.parse_args()
    start = time.perf_counter()
    sources = [host(i) for i in range(args.n)]
    built = time.perf_counter()
    result = evaluate(sources, [profiles.load("baseline")])
    scored = time.perf_counter()
    findings = sum(len(t.findings) for t in result.targets)
    with tempfile.TemporaryDirectory() as tmp:
        out_json, out_text = os.path.join(tmp, "r.json"), os.path.join(tmp, "r.txt")
        options = OutputOptions(profiles=("baseline",), formats=("json", "text"),
                                outputs=(out_json, out_text), fail_under=None, fail_on=None,
                                min_coverage=None,
                                color=False)
        finish(result, options)
        written = time.perf_counter()
        size = os.path.getsize(out_json) / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.n} targets, {findings} findings: build {built - start:.1f} s, "
          f"score {scored - built:.1f} s, reports {written - scored:.1f} s "
          f"(JSON {size:.0f} MB); peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
