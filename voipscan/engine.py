"""Run checks over the facts of each target and judge them against profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from voipscan import __version__
from voipscan.checks import REGISTRY, CheckContext, Finding, Severity, Status
from voipscan.errors import Problem
from voipscan.facts import System
from voipscan.judging import NOTHING_READ, Judge, assessment, control_severity
from voipscan.profiles import CheckRef, Profile
from voipscan.result import (
    INTERRUPTED,
    Assessment,
    Drift,
    DriftChange,
    ReportedFinding,
    ScanResult,
    TargetResult,
    Verdict,
)
from voipscan.scoring import control_status
from voipscan.sources.interface import SourceResult

if TYPE_CHECKING:
    from voipscan.drift import Baseline
    from voipscan.suppressions import SuppressionSet


__all__ = ["NOTHING_READ", "NO_TARGETS", "Assessor", "Thresholds", "control_severity",
           "evaluate", "on_known_facts", "reassess", "run_check", "verdict"]

NO_TARGETS = "nothing to assess: no target was found or answered"


@dataclass(frozen=True)
class Thresholds:
    """When a scan fails. With none set, any failed control fails the scan.

    ``fail_on_new`` (needs a baseline) fails only on failing findings that are new since the
    baseline, at or above ``fail_on`` when that is set too; ``fail_under`` still applies.
    ``fail_under`` needs a score, so an assessment without a grade (coverage too low) fails
    it too; ``min_coverage`` fails an assessment whose coverage is lower.
    """

    fail_under: float | None = None
    fail_on: Severity | None = None
    fail_on_new: bool = False
    min_coverage: float | None = None


def run_check(source: SourceResult, ref: CheckRef, now: dt.datetime) -> tuple[Finding, ...]:
    return run_on(source.system, ref, now)[0]


def run_on(system: System, ref: CheckRef, now: dt.datetime) -> tuple[tuple[Finding, ...], bool]:
    """The check's findings on ``system``, and whether it ran to its end without raising."""
    check = REGISTRY[ref.check_id]
    params = {**check.default_params(), **ref.param_dict}
    ctx = CheckContext(check, system, params, now)
    try:
        return tuple(on_known_facts(f) for f in check.run(ctx)), True
    except Exception as error:  # a bug in one check must not lose the rest of the scan
        return (ctx.unknown("system", f"check could not run: {type(error).__name__}: {error}"),
                ), False


def on_known_facts(finding: Finding) -> Finding:
    """The engine's rule against vacuous verdicts: a resource passes only on known facts
    about it. A pass whose evidence shows no known fact becomes evidence required."""
    if finding.status is not Status.PASS or any(e.known for e in finding.evidence):
        return finding
    return replace(finding, status=Status.UNKNOWN,
                   message=f"{finding.message} No known fact supports this: evidence required.")


def evaluate(
    sources: Sequence[SourceResult],
    profiles: Sequence[Profile],
    *,
    thresholds: Thresholds = Thresholds(),
    started: dt.datetime | None = None,
    now: dt.datetime | None = None,
    incomplete: bool = False,
    suppressions: SuppressionSet | None = None,
    baseline: Baseline | None = None,
    warnings: Sequence[Problem] = (),
) -> ScanResult:
    assessor = Assessor(profiles, now=now)
    for source in sources:
        assessor.add(source)
    return assessor.result(thresholds=thresholds, started=started, incomplete=incomplete,
                           suppressions=suppressions, baseline=baseline, warnings=warnings)


class Assessor:
    """Judges targets one at a time, as their sources deliver them (a live scan judges the
    hosts that answered while it still waits for the silent ones), then makes the result.

    ``position`` orders the targets in the result (default: the order they were added)."""

    def __init__(self, profiles: Sequence[Profile], *, now: dt.datetime | None = None) -> None:
        self.now = now or dt.datetime.now(dt.UTC)
        self._judge = Judge(profiles, run_on, self.now)
        self._judged: list[tuple[tuple[int, ...], TargetResult, list[Assessment]]] = []

    def add(self, source: SourceResult, position: tuple[int, ...] | None = None) -> None:
        target, judged = self._judge.target(source)
        self._judged.append((position or (len(self._judged),), target, judged))

    def drop_repeated_targets(self) -> list[str]:
        """Keep the first (by position) of targets judged more than once (a tree found
        inside a folder also given on its own); the names of the others."""
        self._judged.sort(key=lambda item: item[0])
        seen: set[str] = set()
        kept, dropped = [], []
        for item in self._judged:
            target = item[1].target
            if target.id in seen:
                dropped.append(target.name)
            else:
                seen.add(target.id)
                kept.append(item)
        self._judged = kept
        return dropped

    def result(
        self,
        *,
        thresholds: Thresholds = Thresholds(),
        started: dt.datetime | None = None,
        incomplete: bool = False,
        suppressions: SuppressionSet | None = None,
        baseline: Baseline | None = None,
        warnings: Sequence[Problem] = (),
    ) -> ScanResult:
        judged = sorted(self._judged, key=lambda item: item[0])
        targets = [target for _, target, _ in judged]
        assessments = [a for _, _, items in judged for a in items]
        if not targets:
            warnings = (*warnings, Problem(NO_TARGETS))
        result = ScanResult(
            tool_version=__version__,
            started=started or self.now,
            finished=dt.datetime.now(dt.UTC),
            targets=tuple(targets),
            assessments=tuple(assessments),
            verdict=verdict(assessments, targets, replace(thresholds, fail_on_new=False),
                            incomplete=incomplete),
            incomplete=incomplete,
            warnings=tuple(warnings),
        )
        if suppressions is None and baseline is None and not thresholds.fail_on_new:
            return result
        return reassess(result, thresholds, suppressions=suppressions, baseline=baseline)


def reassess(
    result: ScanResult,
    thresholds: Thresholds,
    *,
    suppressions: SuppressionSet | None = None,
    baseline: Baseline | None = None,
) -> ScanResult:
    """Apply suppressions and a baseline to a result, then score and judge it again.

    Starts from the findings alone, so applying it twice gives the same result. Expiry is
    judged on the (UTC) day the scan started.
    """
    from voipscan import drift as drift_module
    from voipscan import suppressions as suppressions_module

    ids = {t.target.name: t.target.id for t in result.targets}
    matcher = suppressions.matcher(result.started.date(), ids) if suppressions else None

    def mark(target: str, item: ReportedFinding) -> ReportedFinding:
        return replace(item, suppression=matcher.match(target, item) if matcher else None)

    targets = tuple(replace(t, findings=tuple(mark(t.target.name, f) for f in t.findings))
                    for t in result.targets)
    assessments = tuple(_rescored(a, mark) for a in result.assessments)
    uses = matcher.uses() if matcher else ()
    previous = set(suppressions_module.warnings(result.suppressions))
    others = [w for w in result.warnings if w not in previous]
    drift = drift_module.compare(baseline, targets) if baseline else None
    return replace(
        result,
        targets=targets,
        assessments=assessments,
        verdict=verdict(assessments, targets, thresholds, drift, incomplete=result.incomplete),
        suppressions=uses,
        warnings=(*others, *suppressions_module.warnings(uses)),
        drift=drift,
    )


def _rescored(a: Assessment, mark: Callable[[str, ReportedFinding], ReportedFinding]
              ) -> Assessment:
    controls = []
    for control in a.controls:
        findings = tuple(mark(a.target, f) for f in control.findings)
        active = [f.finding for f in findings if f.suppression is None]
        status = control_status(active)
        hidden = [f.finding for f in findings if f.suppression is not None]
        suppressed = status is Status.NOT_APPLICABLE and bool(hidden)
        if suppressed:
            status = control_status(hidden)
        controls.append(replace(control, findings=findings, status=status,
                                suppressed=suppressed))
    return assessment(a.target, a.profile_id, a.profile_title, controls, a.target_id)


def verdict(assessments: Sequence[Assessment], targets: Sequence[TargetResult],
            thresholds: Thresholds, drift: Drift | None = None, *,
            incomplete: bool = False) -> Verdict:
    """Passed only when no threshold is crossed and the scan ran to its end: an interrupted
    scan judged only what it gathered, and absent findings prove nothing."""
    reasons: list[str] = [INTERRUPTED] if incomplete else []
    if not targets:
        reasons.append(NO_TARGETS)
    for target in targets:
        if target.fatal:
            reasons.append(f"{target.target.name}: could not be read")
    for a in assessments:
        where = f"{a.target} [{a.profile_id}]"
        if thresholds.fail_under is not None and not a.score.graded:
            reasons.append(f"{where}: no score to compare with {thresholds.fail_under}: "
                           f"coverage {a.score.coverage}% ({a.score.unknown} control(s) need "
                           "evidence)")
        elif thresholds.fail_under is not None and a.score.value < thresholds.fail_under:
            reasons.append(f"{where}: score {a.score.value} below {thresholds.fail_under}")
        if thresholds.min_coverage is not None and a.score.coverage < thresholds.min_coverage:
            reasons.append(f"{where}: coverage {a.score.coverage}% below "
                           f"{thresholds.min_coverage}% ({a.score.unknown} control(s) need "
                           "evidence)")
        if thresholds.fail_on is not None and not thresholds.fail_on_new:
            floor = thresholds.fail_on.rank
            worst = {f.key_on(a.target) for c in a.controls for f in c.findings
                     if f.finding.status is Status.FAIL and f.suppression is None
                     and f.finding.severity.rank >= floor}
            if worst:
                reasons.append(f"{where}: {len(worst)} failed finding(s) at or above "
                               f"{thresholds.fail_on.value}")
        if thresholds.fail_under is None and thresholds.fail_on is None \
                and not thresholds.fail_on_new:
            failed = [c for c in a.controls if c.status is Status.FAIL and not c.suppressed
                      and c.severity is not Severity.INFO]
            if failed:
                reasons.append(f"{where}: {len(failed)} control(s) failed")
    if thresholds.fail_on_new:
        reasons.extend(_new_failures(drift, thresholds.fail_on))
    return Verdict(not reasons, tuple(reasons))


def _new_failures(drift: Drift | None, floor: Severity | None) -> list[str]:
    if drift is None:
        raise ValueError("fail_on_new needs a baseline")
    counts: dict[str, int] = {}
    for entry in drift.of(DriftChange.NEW):
        if entry.failing and (floor is None or entry.severity.rank >= floor.rank):
            counts[entry.target] = counts.get(entry.target, 0) + 1
    above = f" at or above {floor.value}" if floor else ""
    return [f"{target}: {n} new failing finding(s){above} since the baseline"
            for target, n in counts.items()]
