"""The versioned JSON document (schema: voipscan/schemas/report.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from voipscan.checks import Evidence
from voipscan.errors import Problem
from voipscan.reports import RenderOptions
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

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "https://voipscan.dev/schemas/report-1.0.json"


def render(result: ScanResult, options: RenderOptions) -> str:
    del options
    return json.dumps(to_document(result), indent=2, ensure_ascii=False) + "\n"


def chunks(result: ScanResult, options: RenderOptions) -> Iterator[str]:
    """The same document, written a target and an assessment at a time (bounded memory)."""
    del options
    head = json.dumps(_head(result), indent=2, ensure_ascii=False)
    yield head[: -len("\n}")]
    for key, items in (("targets", map(_target, result.targets)),
                       ("assessments", map(_assessment, result.assessments))):
        yield f',\n  "{key}": ['
        for index, item in enumerate(items):
            body = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")
            yield f"{',' if index else ''}\n    {body}"
        yield "\n  ]"
    yield "\n}\n"


def to_document(result: ScanResult) -> dict[str, Any]:
    return {
        **_head(result),
        "targets": [_target(t) for t in result.targets],
        "assessments": [_assessment(a) for a in result.assessments],
    }


def _head(result: ScanResult) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "voipscan", "version": result.tool_version},
        "scan": {
            "started": result.started.isoformat(),
            "finished": result.finished.isoformat(),
            "incomplete": result.incomplete,
        },
        "verdict": {"passed": result.verdict.passed, "reasons": list(result.verdict.reasons)},
        "warnings": [problem(w) for w in result.warnings],
        "suppressions": [_suppression_use(u) for u in result.suppressions],
        "drift": _drift(result.drift),
    }


def _target(target: TargetResult) -> dict[str, Any]:
    return {
        "name": target.target.name,
        "kind": target.target.kind.value,
        "format": target.target.format,
        "platform": target.platform,
        "readable": not target.fatal,
        "problems": [problem(p) for p in target.problems],
        "findings": [finding(f) for f in target.findings],
    }


def problem(p: Problem) -> dict[str, Any]:
    return {"level": p.level.value, "message": p.message, "file": p.path, "line": p.line}


def finding(item: ReportedFinding) -> dict[str, Any]:
    f = item.finding
    return {
        "check_id": f.check_id,
        "title": item.title,
        "status": f.status.value,
        "severity": f.severity.value,
        "resource": f.resource,
        "message": f.message,
        "evidence": [evidence(e) for e in f.evidence],
        "remediation": item.remediation,
        "parameters": {k: list(v) if isinstance(v, tuple) else v for k, v in item.params},
        "controls": list(item.controls),
        "suppression": suppression(item.suppression),
    }


def suppression(s: Suppression | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"reason": s.reason, "owner": s.owner, "expires": s.expires.isoformat(),
            "file": s.path, "line": s.line}


def _suppression_use(use: SuppressionUse) -> dict[str, Any]:
    entry = use.entry
    return {"check": entry.check, "resource": entry.resource, "target": entry.target,
            **(suppression(entry) or {}), "state": use.state.value, "findings": use.findings}


def _drift(drift: Drift | None) -> dict[str, Any] | None:
    if drift is None:
        return None
    return {
        "baseline": drift.baseline,
        "baseline_started": drift.baseline_started,
        **{change.value: [_drift_entry(e) for e in drift.of(change)] for change in DriftChange},
    }


def _drift_entry(e: DriftEntry) -> dict[str, Any]:
    return {"target": e.target, "check_id": e.check_id, "resource": e.resource,
            "title": e.title, "severity": e.severity.value, "status": e.status.value,
            "previous_status": e.previous.value if e.previous else None,
            "suppressed": e.suppressed}


def evidence(e: Evidence) -> dict[str, Any]:
    source = e.source
    return {
        "fact": e.fact,
        "value": e.value,
        "note": e.note or None,
        "source": None if source is None else {
            "kind": source.kind.value,
            "location": source.location,
            "line": source.line,
            "detail": source.detail or None,
        },
    }


def _assessment(a: Assessment) -> dict[str, Any]:
    return {
        "target": a.target,
        "profile": {"id": a.profile_id, "title": a.profile_title},
        "score": {
            "value": a.score.value,
            "grade": a.score.grade,
            "controls_passed": a.score.passed,
            "controls_failed": a.score.failed,
            "evidence_required": a.score.unknown,
            "not_applicable": a.score.not_applicable,
            "suppressed": a.score.suppressed,
        },
        "controls": [
            {
                "id": c.id,
                "title": c.title,
                "clause": c.clause,
                "status": c.status.value,
                "severity": c.severity.value,
                "checks": list(c.checks),
                "suppressed": c.suppressed,
                "findings": [
                    {"check_id": f.finding.check_id, "resource": f.finding.resource,
                     "status": f.finding.status.value, "suppressed": f.suppression is not None}
                    for f in c.findings
                ],
            }
            for c in a.controls
        ],
    }
