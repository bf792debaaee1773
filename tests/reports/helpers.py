"""Scan results for report tests: real samples, and hand-made results with awkward text."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.paths import ROOT as REPO_ROOT
from voipscan import profiles
from voipscan.checks import Evidence, Finding, Severity, Status
from voipscan.drift import Baseline
from voipscan.engine import Thresholds, evaluate, verdict
from voipscan.facts import Provenance
from voipscan.result import (
    Assessment,
    ControlResult,
    ReportedFinding,
    ScanResult,
    Score,
    TargetResult,
)
from voipscan.sources.config.load import load_target
from voipscan.suppressions import SuppressionSet
from voipscan.target import Address, PathAddress, Target, TargetKind

ROOT = REPO_ROOT
SAMPLES = ROOT / "samples" / "export"
ASSETS = Path(__file__).resolve().parent / "assets"
STARTED = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def scan(paths: Sequence[Path | str], profile_names: Sequence[str] = ("baseline",), *,
         suppressions: SuppressionSet | None = None, baseline: Baseline | None = None,
         thresholds: Thresholds | None = None,
         started: dt.datetime = STARTED, pbx: str | None = "export") -> ScanResult:
    sources = [load_target(Path(p), pbx) for p in paths]
    return evaluate(sources, [profiles.load(n) for n in profile_names],
                    thresholds=thresholds or Thresholds(),
                    started=started, now=started, suppressions=suppressions, baseline=baseline)


def voipscan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd or ROOT)


AWKWARD = "pipe | back\\slash eq=uals\nnew line\r\ttab"


def crafted(kind: TargetKind = TargetKind.CONFIG, name: str = "site|a=b.yaml",
            statuses: Sequence[Status] = (Status.FAIL, Status.UNKNOWN, Status.PASS),
            address: Address | None = None) -> ScanResult:
    """A result whose texts hold every character the line formats must escape."""
    items = []
    for index, status in enumerate(statuses):
        finding = Finding(
            "signalling.tls", status, Severity.HIGH, f"transport:t{index}|{AWKWARD}",
            f"message {index}: {AWKWARD}",
            (Evidence("protocol", "udp=plain", Provenance.file("conf/pjsip.conf", 12 + index,
                                                                "transport")),),
        )
        items.append(ReportedFinding(finding, "SIP signalling uses TLS",
                                     f"fix it: {AWKWARD}", ("baseline/BL-ENC-1",)))
    control = ControlResult("BL-ENC-1", "Signalling is encrypted", "Baseline: TLS",
                            Status.FAIL, Severity.HIGH, ("signalling.tls",), tuple(items))
    where = address or PathAddress.of(name)
    target = TargetResult(Target(name, kind, "export", where), "asterisk", tuple(items), (),
                          False)
    assessment = Assessment(name, "baseline", "Generic telephony security baseline",
                            (control,), Score(0.0, "F", 0, 1, 0, 0), target.target.id)
    return ScanResult("0.1.0", STARTED, STARTED + dt.timedelta(seconds=1), (target,),
                      (assessment,), verdict([assessment], [target], Thresholds()))
