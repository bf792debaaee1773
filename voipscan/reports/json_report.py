"""The versioned JSON document (schema 2.0), as ``voipscan.models.report`` describes it (its
JSON Schema is voipscan/schemas/report.schema.json).

What targets share is written once: distinct findings, control results and profiles, which
targets and assessments refer to by index (``voipscan.reports.json_tables``). Small reports
are indented for people; large ones (many targets, or many findings) are written compact, a
slice of targets at a time, by the C encoder of ``json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from voipscan.checks import Evidence
from voipscan.errors import Problem
from voipscan.models import report as model
from voipscan.reports import RenderOptions
from voipscan.reports import json_tables as tables
from voipscan.reports import verdict as verdicts
from voipscan.result import (
    Drift,
    DriftChange,
    DriftEntry,
    ScanResult,
    SuppressionUse,
)

SCHEMA_VERSION = model.SCHEMA_VERSION
SCHEMA_ID = model.SCHEMA_ID
INDENTED_UP_TO = 100
INDENTED_ITEMS_UP_TO = 2_000
"""Reports of at most this many targets, and of at most this many distinct findings and
control results, are indented; larger ones (a sweep, a capture of a large site) are compact:
``json`` encodes indented documents in Python, compact ones in C."""
_SLICE = 512
"""Items of a large list encoded at a time in a compact report."""
_STREAMED = ("sources", "findings", "control_results")
"""Shared tables that grow with the targets, encoded a slice at a time like the targets."""


_OUTCOMES: dict[verdicts.Outcome, Literal["passed", "failed", "incomplete"]] = {
    verdicts.Outcome.PASSED: "passed", verdicts.Outcome.FAILED: "failed",
    verdicts.Outcome.INCOMPLETE: "incomplete"}


def render(result: ScanResult, options: RenderOptions) -> str:
    return "".join(chunks(result, options))


def chunks(result: ScanResult, options: RenderOptions) -> Iterator[str]:
    """The document; a large one a slice of each list that grows with the targets at a time."""
    del options
    shared = tables.Tables.of(result)
    head: dict[str, Any] = report(result).model_dump(mode="json", by_alias=True)
    head.update(profiles=shared.profile_list(), checks=shared.checks,
                sources=shared.sources, findings=shared.findings,
                evidence_required=shared.evidence_required(),
                control_results=shared.control_results)
    targets = (tables.target(t, refs)
               for t, refs in zip(result.targets, shared.target_findings, strict=True))
    assessments = (tables.assessment(a, refs)
                   for a, refs in zip(result.assessments, shared.assessment_controls,
                                      strict=True))
    if len(result.targets) <= INDENTED_UP_TO and \
            len(shared.findings) + len(shared.control_results) <= INDENTED_ITEMS_UP_TO:
        head.update(targets=list(targets), assessments=list(assessments))
        yield json.dumps(head, indent=2, ensure_ascii=False) + "\n"
        return
    streamed: dict[str, Iterable[Any]] = {key: head[key] for key in _STREAMED}
    streamed.update(targets=targets, assessments=assessments)
    separator = "{"
    for key, value in head.items():
        yield separator + json.dumps(key) + ":"
        separator = ","
        if key in streamed:
            yield "["
            yield from _compact(streamed[key])
            yield "]"
        else:
            yield json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    yield "}\n"


def _compact(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    batch: list[dict[str, Any]] = []
    first = True
    for item in items:
        batch.append(item)
        if len(batch) == _SLICE:
            yield ("" if first else ",") + _encode(batch)
            batch, first = [], False
    if batch:
        yield ("" if first else ",") + _encode(batch)


def _encode(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, separators=(",", ":"), ensure_ascii=False)[1:-1]


def report(result: ScanResult) -> model.Report:
    """The report without its tables, targets and assessments (``chunks`` adds those)."""
    return model.Report(
        tool=model.Tool(version=result.tool_version),
        scan=model.Scan(started=result.started, finished=result.finished,
                        incomplete=result.incomplete),
        verdict=model.Verdict(passed=result.verdict.passed,
                              outcome=_OUTCOMES[verdicts.outcome(result)],
                              reasons=verdicts.reasons(result)),
        warnings=tuple(_problem(w) for w in result.warnings),
        suppressions=tuple(_suppression_use(u) for u in result.suppressions),
        drift=_drift(result.drift),
        profiles=(),
        checks=(),
        sources=(),
        findings=(),
        evidence_required=(),
        control_results=(),
        targets=(),
        assessments=(),
    )


def _problem(p: Problem) -> model.Problem:
    return model.Problem(level=p.level, message=p.message, file=p.path, line=p.line)


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


def evidence(e: Evidence) -> dict[str, Any]:
    """One piece of evidence as the JSON report writes it (OCSF reuses it)."""
    return tables.evidence(e)
