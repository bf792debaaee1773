"""Scan a config target with the test profile and index findings by (check id, resource)."""

from __future__ import annotations

from pathlib import Path

from tests.paths import ROOT as REPO_ROOT
from voipscan import profiles
from voipscan.checks import Finding, Status
from voipscan.engine import evaluate
from voipscan.sources.config.load import load_target

ROOT = REPO_ROOT
PROFILE = Path(__file__).with_name("profile.yaml")
P, F, U, NA = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE


def findings(path: Path, pbx: str | None = None) -> dict[tuple[str, str], Finding]:
    source = load_target(path, pbx)
    assert not source.fatal, [p.render() for p in source.problems]
    result = evaluate([source], [profiles.load(str(PROFILE))])
    found: dict[tuple[str, str], Finding] = {}
    for item in result.targets[0].findings:
        key = (item.finding.check_id, item.finding.resource)
        assert key not in found, f"duplicate finding {key}"
        found[key] = item.finding
    return found


def statuses(path: Path, pbx: str | None = None) -> dict[tuple[str, str], Status]:
    return {key: f.status for key, f in findings(path, pbx).items()}


def where(finding: Finding, fact: str) -> tuple[str, int | None]:
    """File (relative to the repository) and line of one evidence item of a finding."""
    item = next(e for e in finding.evidence if e.fact == fact)
    assert item.source is not None, f"{fact} has no source"
    location = Path(item.source.location)
    shown = location.relative_to(ROOT) if location.is_absolute() else location
    return str(shown), item.source.line
