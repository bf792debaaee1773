"""A JSON report read back as each target's findings and each assessment's controls, in the
shape schema 1.3 wrote them, whatever the report's schema.

A 2.0 report states shared findings and control results once and refers to them by index
(``voipscan.models.report``); expanding it gives exactly the per-target findings and controls
that 1.3 repeated for every target. A 1.x report is already in that shape.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]


class BadReference(ValueError):
    """An index that points outside the report's lists."""


def is_shared(document: Json) -> bool:
    """Whether the report refers to shared tables (schema 2.0 and later)."""
    return not str(document.get("schema_version", "1")).startswith("1.")


def target_findings(document: Json, target: int | Json) -> list[Json]:
    """One target's findings (given as its position, or as its entry), in order."""
    entry = document["targets"][target] if isinstance(target, int) else target
    findings: list[Any] = entry.get("findings", [])
    if not is_shared(document):
        return findings
    return [expanded_finding(document, ref) for ref in findings]


def expanded_finding(document: Json, ref: Any) -> Json:
    """Finding ``ref`` of a 2.0 report with what it shares with its check, as 1.3 wrote it."""
    found = _at(document, "findings", ref)
    check = _at(document, "checks", found["check"])
    return {"check_id": check["check_id"], "title": check["title"], "status": found["status"],
            "severity": found["severity"], "resource": found["resource"],
            "message": found["message"],
            "evidence": [{**e, "source": None if e["source"] is None
                          else _at(document, "sources", e["source"])}
                         for e in found["evidence"]],
            "remediation": check["remediation"], "parameters": check["parameters"],
            "controls": check["controls"], "suppression": found["suppression"],
            "supply": check["supply"] if found["status"] == "unknown" else None}


def assessment_controls(document: Json, assessment: int | Json) -> list[Json]:
    """One assessment's controls as 1.3 wrote them: id, title, clause, status, severity,
    checks, suppressed, and the findings each rests on (check id, resource, status,
    suppressed)."""
    entry = document["assessments"][assessment] if isinstance(assessment, int) else assessment
    controls: list[Any] = entry.get("controls", [])
    if not is_shared(document):
        return controls
    described = {(p["id"], c["id"]): c for p in document.get("profiles", [])
                 for c in p["controls"]}
    expanded = []
    for ref in controls:
        result = _at(document, "control_results", ref)
        control = described.get((result["profile"], result["control"]))
        if control is None:
            raise BadReference(f"control {result['profile']}/{result['control']} is not in "
                               "'profiles'")
        found = [expanded_finding(document, f) for f in result["findings"]]
        expanded.append({
            "id": control["id"], "title": control["title"], "clause": control["clause"],
            "status": result["status"], "severity": control["severity"],
            "checks": control["checks"], "suppressed": result["suppressed"],
            "findings": [{"check_id": f["check_id"], "resource": f["resource"],
                          "status": f["status"], "suppressed": f["suppression"] is not None}
                         for f in found]})
    return expanded


def expand(document: Json) -> Json:
    """The whole report in the 1.3 shape: targets carry their findings, assessments their
    profile (id and title) and controls; the shared tables are left out."""
    if not is_shared(document):
        return document
    titles = {p["id"]: p["title"] for p in document.get("profiles", [])}
    shared = ("profiles", "checks", "sources", "findings", "evidence_required",
              "control_results", "targets", "assessments")
    expanded = {key: value for key, value in document.items() if key not in shared}
    expanded["targets"] = [{**t, "findings": target_findings(document, t)}
                           for t in document.get("targets", [])]
    expanded["assessments"] = [
        {"target": a["target"], "profile": {"id": a["profile"],
                                            "title": titles.get(a["profile"], "")},
         "score": a["score"], "controls": assessment_controls(document, a)}
        for a in document.get("assessments", [])]
    return expanded


def _at(document: Json, table: str, index: Any) -> Json:
    items = document.get(table, [])
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(items):
        raise BadReference(f"{index!r} is not an index into '{table}' ({len(items)} entries)")
    item: Json = items[index]
    return item
