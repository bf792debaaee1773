"""OCSF 1.5.0 Compliance Finding events (class 2003), one JSON object per line.

One event per check x profile control x resource, for passed, failed and evidence-required
findings (not-applicable ones are left out: they would skew pass rates). ``finding_info.uid``
hashes target, check id, control and resource (no time), so a SIEM can deduplicate the same
finding across scans.

Mappings: severity_id 1 Informational (info), 2 Low, 3 Medium, 4 High, 5 Critical;
compliance.status_id 1 Pass, 3 Fail, 2 Warning for evidence required (OCSF: "did not yield a
result due to missing information"); event status_id 1 New, or 3 Suppressed (status_detail
gives the reason; owner and expiry go in unmapped.suppression).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from voipscan.checks import REGISTRY, Severity, Status
from voipscan.reports import RenderOptions
from voipscan.reports.json_report import evidence as evidence_json
from voipscan.reports.siem import PRODUCT, VENDOR
from voipscan.result import Assessment, ControlResult, ReportedFinding, ScanResult, TargetResult
from voipscan.target import Address, PathAddress, SystemAddress

OCSF_VERSION = "1.5.0"
CLASS_UID, CATEGORY_UID, ACTIVITY_CREATE = 2003, 2, 1
TYPE_UID = CLASS_UID * 100 + ACTIVITY_CREATE

SEVERITY_ID = {Severity.INFO: (1, "Informational"), Severity.LOW: (2, "Low"),
               Severity.MEDIUM: (3, "Medium"), Severity.HIGH: (4, "High"),
               Severity.CRITICAL: (5, "Critical")}
COMPLIANCE_STATUS = {Status.PASS: (1, "Pass"), Status.UNKNOWN: (2, "Warning"),
                     Status.FAIL: (3, "Fail")}
STATUS_NEW, STATUS_SUPPRESSED = (1, "New"), (3, "Suppressed")


def render(result: ScanResult, options: RenderOptions) -> str:
    return "".join(chunks(result, options))


def chunks(result: ScanResult, options: RenderOptions) -> Iterator[str]:
    del options
    for e in events(result):
        yield json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"


def events(result: ScanResult) -> Iterator[dict[str, Any]]:
    targets = {t.target.id: t for t in result.targets}
    for assessment in result.assessments:
        target = targets[assessment.target_id]
        for control in assessment.controls:
            seen: set[str] = set()
            for item in _worst_first(control.findings):
                if item.finding.status not in COMPLIANCE_STATUS:
                    continue
                uid = item.uid_on(assessment.target, f"{assessment.profile_id}/{control.id}")
                if uid not in seen:
                    seen.add(uid)
                    yield event(result, target, assessment, control, item, uid)


def _worst_first(findings: tuple[ReportedFinding, ...]) -> list[ReportedFinding]:
    """A control that lists a check twice yields one event per resource: the worst."""
    order = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.PASS: 2, Status.NOT_APPLICABLE: 3}
    return sorted(findings, key=lambda f: order[f.finding.status])


def event(result: ScanResult, target: TargetResult, assessment: Assessment,
          control: ControlResult, item: ReportedFinding, uid: str) -> dict[str, Any]:
    f = item.finding
    time = int(result.finished.timestamp() * 1000)
    severity_id, severity = SEVERITY_ID[f.severity]
    status_id, status = COMPLIANCE_STATUS[f.status]
    event_status = STATUS_SUPPRESSED if item.suppression else STATUS_NEW
    check = REGISTRY.get(f.check_id)
    data: dict[str, Any] = {
        "activity_id": ACTIVITY_CREATE,
        "activity_name": "Create",
        "category_uid": CATEGORY_UID,
        "category_name": "Findings",
        "class_uid": CLASS_UID,
        "class_name": "Compliance Finding",
        "type_uid": TYPE_UID,
        "type_name": "Compliance Finding: Create",
        "severity_id": severity_id,
        "severity": severity,
        "status_id": event_status[0],
        "status": event_status[1],
        "time": time,
        "start_time": int(result.started.timestamp() * 1000),
        "end_time": time,
        "message": f"{f.resource}: {f.message}",
        "metadata": {
            "version": OCSF_VERSION,
            "product": {"name": PRODUCT, "vendor_name": VENDOR, "version": result.tool_version},
            "event_code": f.check_id,
        },
        "finding_info": {
            "uid": uid,
            "title": item.title,
            "desc": f.message,
            "types": [check.category if check else "unknown"],
        },
        "compliance": {
            "standards": [f"{assessment.profile_title} ({assessment.profile_id})"],
            "requirements": [control.clause],
            "control": control.id,
            "desc": control.title,
            "status_id": status_id,
            "status": status,
            "status_detail": f.message,
            "checks": [{
                "uid": f.check_id,
                "name": item.title,
                "desc": check.rationale if check else "",
                "severity_id": severity_id,
                "severity": severity,
                "status_id": status_id,
                "status": status,
            }],
        },
        "resources": [_resource(target, f.resource)],
        "remediation": {"desc": item.remediation},
    }
    if f.evidence:
        data["evidences"] = [{"name": e.fact, "data": evidence_json(e)} for e in f.evidence]
    if result.incomplete:  # the scan was interrupted: absent findings prove nothing
        data["metadata"]["labels"] = ["scan-incomplete"]
    if item.suppression:
        s = item.suppression
        data["status_detail"] = s.reason
        data["unmapped"] = {"suppression": {"reason": s.reason, "owner": s.owner,
                                            "expires": s.expires.isoformat(),
                                            "file": s.path, "line": s.line}}
    return data


def _resource(target: TargetResult, resource: str) -> dict[str, Any]:
    kind, _, name = resource.partition(":")
    return {
        "uid": f"{target.target.name}#{resource}",
        "name": name or kind,
        "type": kind if name else "system",
        "data": {"target": target.target.name, "target_id": target.target.id,
                 "target_kind": target.target.kind.value, "platform": target.platform,
                 "address": address_json(target.target.address)},
    }


def address_json(address: Address) -> dict[str, Any]:
    """Where the target is: a path, an inventory system, or scheme, host, IP, port and
    transport of a live service (port and transport null when it stands for several)."""
    if isinstance(address, PathAddress):
        return {"type": "path", "path": address.path}
    if isinstance(address, SystemAddress):
        return {"type": "system", "inventory": address.inventory, "system": address.system}
    return {"type": "network", "scheme": address.scheme, "host": address.host,
            "ip": address.ip, "port": address.port, "transport": address.transport}
