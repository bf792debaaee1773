"""Run checks over the facts of each target and judge them against profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from voipscan import __version__
from voipscan.checks import REGISTRY, CheckContext, Finding, Severity, Status
from voipscan.profiles import CheckRef, Control, Profile
from voipscan.result import (
    Assessment,
    ControlResult,
    ReportedFinding,
    ScanResult,
    Score,
    TargetResult,
    Verdict,
)
from voipscan.scoring import Weighed, control_status, score
from voipscan.sources.base import SourceResult


@dataclass(frozen=True)
class Thresholds:
    """When a scan fails. With neither set, any failed control fails the scan."""

    fail_under: float | None = None
    fail_on: Severity | None = None


def run_check(source: SourceResult, ref: CheckRef, now: dt.datetime) -> tuple[Finding, ...]:
    check = REGISTRY[ref.check_id]
    params = {**check.default_params(), **ref.param_dict}
    ctx = CheckContext(check, source.system, params, now)
    try:
        return tuple(check.run(ctx))
    except Exception as error:  # a bug in one check must not lose the rest of the scan
        return (ctx.unknown("system", f"check could not run: {type(error).__name__}: {error}"),)


def evaluate(
    sources: Sequence[SourceResult],
    profiles: Sequence[Profile],
    *,
    thresholds: Thresholds = Thresholds(),
    started: dt.datetime | None = None,
    now: dt.datetime | None = None,
    incomplete: bool = False,
) -> ScanResult:
    now = now or dt.datetime.now(dt.UTC)
    started = started or now
    targets: list[TargetResult] = []
    assessments: list[Assessment] = []
    for source in sources:
        platform = source.system.platform.value
        cache: dict[CheckRef, tuple[Finding, ...]] = {}
        used_by: dict[tuple[CheckRef, Finding], list[str]] = {}
        if not source.fatal:
            for profile in profiles:
                controls = []
                for control in profile.controls:
                    findings: list[tuple[CheckRef, Finding]] = []
                    for ref in control.checks:
                        if ref not in cache:
                            cache[ref] = run_check(source, ref, now)
                        findings.extend((ref, f) for f in cache[ref])
                    for key in findings:
                        used_by.setdefault(key, []).append(f"{profile.id}/{control.id}")
                    controls.append(_control_result(control, findings, source.target.name,
                                                    platform))
                assessments.append(_assessment(source.target.name, profile, controls))
        reported = tuple(
            _report(source.target.name, ref, finding, platform, tuple(refs))
            for (ref, finding), refs in used_by.items()
        )
        targets.append(TargetResult(source.target, platform, reported, source.problems,
                                    source.fatal))
    return ScanResult(
        tool_version=__version__,
        started=started,
        finished=dt.datetime.now(dt.UTC),
        targets=tuple(targets),
        assessments=tuple(assessments),
        verdict=verdict(assessments, targets, thresholds),
        incomplete=incomplete,
    )


def _report(target: str, ref: CheckRef, finding: Finding, platform: str | None,
            controls: tuple[str, ...]) -> ReportedFinding:
    check = REGISTRY[ref.check_id]
    return ReportedFinding(target, finding, check.title, check.remediation_for(platform),
                           controls, ref.params)


def _control_result(control: Control, findings: list[tuple[CheckRef, Finding]], target: str,
                    platform: str | None) -> ControlResult:
    severity = control.severity or max(
        (REGISTRY[r.check_id].severity for r in control.checks), key=lambda s: s.rank
    )
    only = [f for _, f in findings]
    return ControlResult(
        id=control.id,
        title=control.title,
        clause=control.clause,
        status=control_status(only),
        severity=severity,
        checks=tuple(r.check_id for r in control.checks),
        findings=tuple(_report(target, r, f, platform, ()) for r, f in findings),
    )


def _assessment(target: str, profile: Profile, controls: list[ControlResult]) -> Assessment:
    value, grade, _ = score(Weighed(c.status, c.severity) for c in controls)
    counts = {s: sum(1 for c in controls if c.status is s) for s in Status}
    return Assessment(
        target, profile.id, profile.title, tuple(controls),
        Score(value, grade, counts[Status.PASS], counts[Status.FAIL], counts[Status.UNKNOWN],
              counts[Status.NOT_APPLICABLE]),
    )


def verdict(assessments: Sequence[Assessment], targets: Sequence[TargetResult],
            thresholds: Thresholds) -> Verdict:
    reasons: list[str] = []
    for target in targets:
        if target.fatal:
            reasons.append(f"{target.target.name}: could not be read")
    for a in assessments:
        where = f"{a.target} [{a.profile_id}]"
        if thresholds.fail_under is not None and a.score.value < thresholds.fail_under:
            reasons.append(f"{where}: score {a.score.value} below {thresholds.fail_under}")
        if thresholds.fail_on is not None:
            floor = thresholds.fail_on.rank
            worst = [f for c in a.controls for f in c.findings
                     if f.finding.status is Status.FAIL and f.finding.severity.rank >= floor]
            if worst:
                reasons.append(f"{where}: {len(worst)} failed finding(s) at or above "
                               f"{thresholds.fail_on.value}")
        if thresholds.fail_under is None and thresholds.fail_on is None and a.score.failed:
            reasons.append(f"{where}: {a.score.failed} control(s) failed")
    return Verdict(not reasons, tuple(reasons))
