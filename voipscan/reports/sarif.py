"""SARIF 2.1.0 for CI and code scanning of configuration repositories.

Rules: every check that reported on a target, with its rationale and remediation. Results:
failed findings (level error for critical/high, warning for medium/low, note for info) and
evidence-required ones (note); passing and not-applicable findings are left out. A result
points at the file and line of its first file evidence (URI relative to the current
directory when the file is below it), its other file evidence as related locations, and the
resource as a logical location (the only one for host and capture targets). Suppressed
findings carry ``suppressions`` (kind external, the reason as justification; no review
status, which SARIF reads as accepted - and which CS01 and the final 2.1.0 text spell
differently). ``partialFingerprints`` holds the stable finding uid.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from voipscan.checks import REGISTRY, Check, Evidence, Severity, Status
from voipscan.facts import OriginKind
from voipscan.reports import RenderOptions
from voipscan.reports.siem import PRODUCT
from voipscan.result import ReportedFinding, ScanResult, TargetResult
from voipscan.target import TargetKind

SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
SECURITY_SEVERITY = {Severity.CRITICAL: "9.5", Severity.HIGH: "8.0", Severity.MEDIUM: "5.5",
                     Severity.LOW: "3.0", Severity.INFO: "0.0"}
LEVEL = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning",
         Severity.LOW: "warning", Severity.INFO: "note"}
FINGERPRINT = "voipscanFinding/v1"


def render(result: ScanResult, options: RenderOptions) -> str:
    del options
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"


INCOMPLETE = "scan interrupted: the results cover only what was gathered before"


def document(result: ScanResult, cwd: Path | None = None) -> dict[str, Any]:
    cwd = cwd or Path.cwd()
    check_ids = sorted({f.finding.check_id for t in result.targets for f in t.findings
                        if f.finding.check_id in REGISTRY})
    index = {check_id: i for i, check_id in enumerate(check_ids)}
    results = [
        _result(item, target, index[item.finding.check_id], cwd)
        for target in result.targets
        for item in target.findings
        if item.finding.status in (Status.FAIL, Status.UNKNOWN)
        and item.finding.check_id in index
    ]
    notifications = [
        {"level": "error" if p.level.value == "error" else "warning",
         "message": {"text": p.render()}}
        for t in result.targets for p in t.problems
    ] + [{"level": "warning", "message": {"text": w.render()}} for w in result.warnings]
    if result.incomplete:
        notifications.insert(0, {"level": "error", "message": {"text": INCOMPLETE}})
    invocation: dict[str, Any] = {
        "executionSuccessful": not result.input_errors and not result.incomplete,
        "startTimeUtc": _utc(result.started),
        "endTimeUtc": _utc(result.finished),
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": PRODUCT,
                "version": result.tool_version,
                "semanticVersion": result.tool_version,
                "rules": [_rule(REGISTRY[c]) for c in check_ids],
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _rule(check: Check) -> dict[str, Any]:
    platforms = "\n".join(f"- **{name}**: {text}" for name, text in
                          sorted(check.remediation.items()) if name != "default")
    markdown = check.remediation["default"] + (f"\n\n{platforms}" if platforms else "")
    return {
        "id": check.id,
        "name": "".join(part.capitalize() for part in check.id.replace("_", ".").split(".")),
        "shortDescription": {"text": check.title},
        "fullDescription": {"text": check.rationale},
        "help": {"text": check.remediation["default"], "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[check.severity]},
        "properties": {
            "security-severity": SECURITY_SEVERITY[check.severity],
            "tags": ["security", check.category],
            "problem.severity": {"error": "error", "warning": "warning"}.get(
                LEVEL[check.severity], "recommendation"),
        },
    }


def _result(item: ReportedFinding, target: TargetResult, rule_index: int,
            cwd: Path) -> dict[str, Any]:
    f = item.finding
    files = [e for e in f.evidence if e.source and e.source.kind is OriginKind.FILE]
    logical = {"name": f.resource, "fullyQualifiedName": f"{target.target.name}/{f.resource}",
               "kind": "resource"}
    location: dict[str, Any] = {"logicalLocations": [logical]}
    if files:
        location["physicalLocation"] = _physical(files[0], cwd)
    elif target.target.kind is TargetKind.CONFIG and Path(target.target.name).is_file():
        location["physicalLocation"] = {
            "artifactLocation": {"uri": uri(target.target.name, cwd)}}
    data: dict[str, Any] = {
        "ruleId": f.check_id,
        "ruleIndex": rule_index,
        "level": LEVEL[f.severity] if f.status is Status.FAIL else "note",
        "message": {"text": f"{f.resource}: {f.message}"
                    + ("" if f.status is Status.FAIL else " (evidence required)")},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: item.uid_on(target.target.name)},
        "properties": {"target": target.target.name, "resource": f.resource,
                       "status": f.status.value, "severity": f.severity.value,
                       "controls": list(item.controls)},
    }
    related = [{"id": i, "message": {"text": f"{e.fact} = {e.value}"},
                "physicalLocation": _physical(e, cwd)}
               for i, e in enumerate(files[1:], start=1)]
    if related:
        data["relatedLocations"] = related
    if item.suppression:
        s = item.suppression
        data["suppressions"] = [{
            "kind": "external",
            "justification": s.reason,
            "properties": {"owner": s.owner, "expires": s.expires.isoformat(),
                           "file": s.path, "line": s.line},
        }]
    return data


def _physical(e: Evidence, cwd: Path) -> dict[str, Any]:
    assert e.source is not None
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(e.source.location, cwd)}}
    if e.source.line:
        physical["region"] = {"startLine": e.source.line}
    return physical


def uri(path: str, cwd: Path) -> str:
    """A relative URI when the file is below ``cwd``, else an absolute file: URI."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(os.path.abspath(cwd))
    except ValueError:
        return absolute.as_uri()
    return quote(relative.as_posix(), safe="/")
