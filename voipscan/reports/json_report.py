"""The versioned JSON document, dumped from ``voipscan.models.report`` (whose JSON Schema is
voipscan/schemas/report.schema.json).

Targets and assessments are built and written one at a time, so a report of thousands of
targets never sits in memory whole.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any, Literal, cast

from pydantic import JsonValue

from voipscan.checks import Evidence, Finding, Status
from voipscan.checks.supply import supply
from voipscan.errors import Problem
from voipscan.models import report as model
from voipscan.reports import RenderOptions
from voipscan.reports import verdict as verdicts
from voipscan.result import (
    Assessment,
    Drift,
    DriftChange,
    DriftEntry,
    ReportedFinding,
    ScanResult,
    Suppression,
    SuppressionUse,
    TargetResult,
)
from voipscan.target import PathAddress, SystemAddress

SCHEMA_VERSION = model.SCHEMA_VERSION
SCHEMA_ID = model.SCHEMA_ID
_INDENT = "    "
_REUSED = 4096
"""Finding models kept for reuse while writing: targets of a sweep share most findings."""


_OUTCOMES: dict[verdicts.Outcome, Literal["passed", "failed", "incomplete"]] = {
    verdicts.Outcome.PASSED: "passed", verdicts.Outcome.FAILED: "failed",
    verdicts.Outcome.INCOMPLETE: "incomplete"}


def render(result: ScanResult, options: RenderOptions) -> str:
    return "".join(chunks(result, options))


def chunks(result: ScanResult, options: RenderOptions) -> Iterator[str]:
    """The document, written a target and an assessment at a time (bounded memory)."""
    del options
    head = report(result).model_dump_json(indent=2, by_alias=True,
                                          exclude={"targets", "assessments"})
    yield head[: -len("\n}")]
    finding_model = functools.lru_cache(maxsize=_REUSED)(_finding)
    control_finding = functools.lru_cache(maxsize=_REUSED)(_control_finding)
    targets = (target(t, finding_model) for t in result.targets)
    assessments = (assessment(a, control_finding) for a in result.assessments)
    for key, items in (("targets", targets), ("assessments", assessments)):
        yield f',\n  "{key}": ['
        for index, item in enumerate(items):
            body = item.model_dump_json(indent=2).replace("\n", "\n" + _INDENT)
            yield f"{',' if index else ''}\n{_INDENT}{body}"
        yield "\n  ]"
    yield "\n}\n"


def report(result: ScanResult) -> model.Report:
    """The report without its targets and assessments (``chunks`` writes those)."""
    return model.Report(
        tool=model.Tool(version=result.tool_version),
        scan=model.Scan(started=result.started, finished=result.finished,
                        incomplete=result.incomplete),
        verdict=model.Verdict(passed=result.verdict.passed,
                              outcome=_OUTCOMES[verdicts.outcome(result)],
                              reasons=verdicts.reasons(result)),
        warnings=tuple(problem(w) for w in result.warnings),
        suppressions=tuple(_suppression_use(u) for u in result.suppressions),
        drift=_drift(result.drift),
        targets=(),
        assessments=(),
    )


FindingModel = Callable[[Finding, str, str, tuple[tuple[str, object], ...], tuple[str, ...],
                         Suppression | None], model.Finding]


def target(t: TargetResult, finding_model: FindingModel | None = None) -> model.Target:
    make = finding_model or _finding
    where = t.target.address
    address: model.PathAddress | model.NetworkAddress | model.SystemAddress
    if isinstance(where, PathAddress):
        address = model.PathAddress(path=where.path)
    elif isinstance(where, SystemAddress):
        address = model.SystemAddress(inventory=where.inventory, system=where.system)
    else:
        address = model.NetworkAddress(scheme=where.scheme, host=where.host, ip=where.ip,
                                       port=where.port, transport=where.transport)
    return model.Target(
        id=t.target.id,
        name=t.target.name,
        kind=t.target.kind,
        format=t.target.format,
        address=address,
        platform=t.platform,
        evidence_kinds=tuple(sorted(t.evidence_kinds)),  # type: ignore[arg-type]
        readable=not t.fatal,
        problems=tuple(problem(p) for p in t.problems),
        findings=tuple(make(f.finding, f.title, f.remediation, f.params, f.controls,
                            f.suppression) for f in t.findings),
    )


def problem(p: Problem) -> model.Problem:
    return model.Problem(level=p.level, message=p.message, file=p.path, line=p.line)


def finding(item: ReportedFinding) -> model.Finding:
    return _finding(item.finding, item.title, item.remediation, item.params, item.controls,
                    item.suppression)


def _finding(f: Finding, title: str, remediation: str, params: tuple[tuple[str, object], ...],
             controls: tuple[str, ...], suppression: Suppression | None) -> model.Finding:
    return model.Finding(
        check_id=f.check_id,
        title=title,
        status=f.status,
        severity=f.severity,
        resource=f.resource,
        message=f.message,
        evidence=tuple(_evidence(e) for e in f.evidence),
        remediation=remediation,
        parameters={k: cast(JsonValue, list(v) if isinstance(v, tuple) else v)
                    for k, v in params},
        controls=controls,
        suppression=_suppression(suppression),
        supply=supply(f.check_id).how(frozenset()) if f.status is Status.UNKNOWN else None,
    )


def _suppression(s: Suppression | None) -> model.Suppression | None:
    if s is None:
        return None
    return model.Suppression(reason=s.reason, owner=s.owner, expires=s.expires, file=s.path,
                             line=s.line)


def _suppression_use(use: SuppressionUse) -> model.SuppressionUse:
    e = use.entry
    return model.SuppressionUse(check=e.check, resource=e.resource, target=e.target,
                                reason=e.reason, owner=e.owner, expires=e.expires, file=e.path,
                                line=e.line, state=use.state, findings=use.findings)


def _drift(drift: Drift | None) -> model.Drift | None:
    if drift is None:
        return None
    return model.Drift(
        baseline=drift.baseline,
        baseline_started=drift.baseline_started,
        new=tuple(_drift_entry(e) for e in drift.of(DriftChange.NEW)),
        resolved=tuple(_drift_entry(e) for e in drift.of(DriftChange.RESOLVED)),
        unchanged=tuple(_drift_entry(e) for e in drift.of(DriftChange.UNCHANGED)),
    )


def _drift_entry(e: DriftEntry) -> model.DriftEntry:
    return model.DriftEntry(target=e.target, check_id=e.check_id, resource=e.resource,
                            title=e.title, severity=e.severity, status=e.status,
                            previous_status=e.previous, suppressed=e.suppressed)


def _evidence(e: Evidence) -> model.Evidence:
    source = e.source
    return model.Evidence(
        fact=e.fact,
        value=e.value,
        note=e.note or None,
        source=None if source is None else model.EvidenceSource(
            kind=source.kind, location=source.location, line=source.line,
            detail=source.detail or None),
    )


def evidence(e: Evidence) -> dict[str, Any]:
    """One piece of evidence as the JSON report writes it (OCSF reuses it)."""
    dumped: dict[str, Any] = _evidence(e).model_dump(mode="json")
    return dumped


def _control_finding(f: Finding, suppressed: bool) -> model.ControlFinding:
    return model.ControlFinding(check_id=f.check_id, resource=f.resource, status=f.status,
                                suppressed=suppressed)


def assessment(a: Assessment,
               control_finding: Callable[[Finding, bool], model.ControlFinding] | None = None,
               ) -> model.Assessment:
    make = control_finding or _control_finding
    return model.Assessment(
        target=a.target,
        profile=model.ProfileRef(id=a.profile_id, title=a.profile_title),
        score=model.Score(
            value=a.score.value,
            grade=cast(model.Grade, a.score.grade),  # validated: one of the grades
            controls_passed=a.score.passed,
            controls_failed=a.score.failed,
            evidence_required=a.score.unknown,
            not_applicable=a.score.not_applicable,
            suppressed=a.score.suppressed,
            coverage=a.score.coverage,
        ),
        controls=tuple(
            model.Control(
                id=c.id,
                title=c.title,
                clause=c.clause,
                status=c.status,
                severity=c.severity,
                checks=c.checks,
                suppressed=c.suppressed,
                findings=tuple(make(f.finding, f.suppression is not None)
                               for f in c.findings),
            )
            for c in a.controls
        ),
    )
