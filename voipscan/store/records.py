"""A scan result turned into the store's rows: one finding per fingerprint (the worst status
of a check on a resource), every score with its coverage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from voipscan.checks import Status
from voipscan.result import Assessment, ReportedFinding, ScanResult, TargetResult, stable_uid

_WORST = {Status.FAIL: 3, Status.UNKNOWN: 2, Status.PASS: 1, Status.NOT_APPLICABLE: 0}


def fingerprint(target_id: str, check_id: str, resource: str) -> str:
    """The same finding in every scan: target id, check and resource (not the label)."""
    return stable_uid("finding", target_id, check_id, resource)


def scan_row(result: ScanResult, fleet: tuple[str, str] | None) -> dict[str, Any]:
    profiles = dict.fromkeys(a.profile_id for a in result.assessments)
    return {
        "started": result.started, "finished": result.finished,
        "recorded": dt.datetime.now(dt.UTC), "tool_version": result.tool_version,
        "passed": result.verdict.passed, "incomplete": result.incomplete,
        "profiles": ",".join(profiles),
        "fleet_id": fleet[0] if fleet else None,
        "fleet_key": f"{fleet[0]}/{fleet[1]}" if fleet else None,
    }


def target_row(scan_id: int, target: TargetResult) -> dict[str, Any]:
    t = target.target
    return {"scan_id": scan_id, "target_id": t.id, "name": t.name, "kind": t.kind.value,
            "format": t.format, "address": t.address.canonical, "platform": target.platform,
            "fatal": target.fatal}


def finding_rows(row: int, target: TargetResult) -> list[dict[str, Any]]:
    worst: dict[str, ReportedFinding] = {}
    for item in target.findings:
        f = item.finding
        key = fingerprint(target.target.id, f.check_id, f.resource)
        kept = worst.get(key)
        if kept is None or _WORST[f.status] > _WORST[kept.finding.status]:
            worst[key] = item
    return [{"target_row": row, "fingerprint": key, "check_id": item.finding.check_id,
             "resource": item.finding.resource, "status": item.finding.status.value,
             "severity": item.finding.severity.value, "title": item.title,
             "suppressed": item.suppression is not None}
            for key, item in sorted(worst.items())]


def score_rows(row: int, assessments: list[Assessment]) -> list[dict[str, Any]]:
    return [{"target_row": row, "profile_id": a.profile_id, "profile_title": a.profile_title,
             "value": a.score.value, "grade": a.score.grade, "coverage": a.score.coverage,
             "passed": a.score.passed, "failed": a.score.failed, "unknown": a.score.unknown,
             "not_applicable": a.score.not_applicable, "suppressed": a.score.suppressed}
            for a in assessments]


def assessments_of(result: ScanResult, target: TargetResult) -> list[Assessment]:
    return [a for a in result.assessments
            if a.target_id == target.target.id or (not a.target_id
                                                   and a.target == target.target.name)]
