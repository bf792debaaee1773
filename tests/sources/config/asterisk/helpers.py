"""Run a config source through the engine with the PBX test profile and index the findings."""

from __future__ import annotations

from pathlib import Path

from tests.paths import ROOT as REPO_ROOT
from voipscan import profiles
from voipscan.checks import Finding, Status
from voipscan.engine import evaluate
from voipscan.sources.config.load import load_target
from voipscan.sources.interface import SourceResult

HERE = Path(__file__).resolve().parent
ROOT = REPO_ROOT
PROFILE = HERE / "pbx-profile.yaml"
P, F, U, NA = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE

Key = tuple[str, str]


def scan(path: Path, pbx: str | None = None) -> tuple[SourceResult, dict[Key, Finding]]:
    result = load_target(path, pbx)
    report = evaluate([result], [profiles.load(str(PROFILE))])
    found: dict[Key, Finding] = {}
    for item in report.targets[0].findings:
        key = (item.finding.check_id, item.finding.resource)
        assert key not in found, f"duplicate finding {key}"
        found[key] = item.finding
    return result, found


def statuses(found: dict[Key, Finding]) -> dict[Key, Status]:
    return {key: finding.status for key, finding in found.items()}


def where(finding: Finding) -> tuple[str, int | None]:
    """File name (last path part) and line of a finding's first evidence."""
    source = finding.evidence[0].source
    assert source is not None, finding
    return source.location.rsplit("/", 1)[-1], source.line
