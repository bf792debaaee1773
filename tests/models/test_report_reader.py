"""A 2.0 report read back gives exactly the per-target findings and per-assessment controls
of the result model, as schema 1.3 wrote them (built here with the report models, apart from
the writer's own code)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.models.test_report import validate
from tests.reports.helpers import SAMPLES, scan
from tests.test_reuse import NOW, PROFILES, host
from voipscan import suppressions
from voipscan.checks import Status
from voipscan.checks.supply import supply
from voipscan.engine import evaluate
from voipscan.models import report as model
from voipscan.models.report_reader import (
    BadReference,
    assessment_controls,
    expand,
    target_findings,
)
from voipscan.reports import json_report, render
from voipscan.result import Assessment, ReportedFinding, ScanResult

REPORT_1_3 = Path(__file__).resolve().parent / "assets" / "report-1.3.json"


def as_1_3(item: ReportedFinding) -> dict[str, Any]:
    f, s = item.finding, item.suppression
    return model.ExpandedFinding(
        check_id=f.check_id, title=item.title, status=f.status, severity=f.severity,
        resource=f.resource, message=f.message,
        evidence=tuple(model.Evidence(
            fact=e.fact, value=e.value, note=e.note or None,
            source=None if e.source is None else model.EvidenceSource(
                kind=e.source.kind, location=e.source.location, line=e.source.line,
                detail=e.source.detail or None)) for e in f.evidence),
        remediation=item.remediation,
        parameters={k: list(v) if isinstance(v, tuple) else v  # type: ignore[misc]
                    for k, v in item.params},
        controls=item.controls,
        suppression=None if s is None else model.Suppression(
            reason=s.reason, owner=s.owner, expires=s.expires, file=s.path, line=s.line),
        supply=supply(f.check_id).how(frozenset()) if f.status is Status.UNKNOWN else None,
    ).model_dump(mode="json")


def controls_1_3(a: Assessment) -> list[dict[str, Any]]:
    return [{"id": c.id, "title": c.title, "clause": c.clause, "status": c.status.value,
             "severity": c.severity.value, "checks": list(c.checks), "suppressed": c.suppressed,
             "findings": [{"check_id": f.finding.check_id, "resource": f.finding.resource,
                           "status": f.finding.status.value,
                           "suppressed": f.suppression is not None} for f in c.findings]}
            for c in a.controls]


def assert_reads_back(result: ScanResult) -> None:
    document = json.loads(render("json", result))
    validate(document)
    for index, target in enumerate(result.targets):
        assert target_findings(document, index) == [as_1_3(f) for f in target.findings]
    for index, a in enumerate(result.assessments):
        assert assessment_controls(document, index) == controls_1_3(a)
    expanded = expand(document)
    assert [(a["target"], a["profile"]["id"], a["score"]["value"])
            for a in expanded["assessments"]] == [
        (a.target, a.profile_id, a.score.value) for a in result.assessments]


def test_a_sweep_reads_back_target_by_target() -> None:
    sources = [host(i, tls=i % 2 == 0, logged=(None, True, False)[i % 3]) for i in range(30)]
    assert_reads_back(evaluate(sources, PROFILES, now=NOW, started=NOW))


def test_a_compact_sweep_reads_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_report, "INDENTED_UP_TO", 5)
    monkeypatch.setattr(json_report, "_SLICE", 4)
    sources = [host(i, tls=i % 2 == 0) for i in range(15)]
    assert_reads_back(evaluate(sources, PROFILES, now=NOW, started=NOW))


def test_suppressed_findings_read_back(tmp_path: Path) -> None:
    file = tmp_path / "suppressions.yaml"
    file.write_text("suppressions:\n  - check: credentials.reuse\n    reason: Lab\n"
                    "    expires: 2099-01-01\n    owner: ops\n"
                    "  - check: signalling.tls_peer_verification\n    reason: pinned\n"
                    "    expires: 2099-01-01\n")
    result = scan([SAMPLES / "mixed.yaml", SAMPLES / "insecure.yaml"], ("baseline", "gdpr"),
                  suppressions=suppressions.load(file))
    assert any(f.suppression for t in result.targets for f in t.findings)
    assert_reads_back(result)


def test_targets_that_could_not_be_read_read_back() -> None:
    result = scan([SAMPLES / "mixed.yaml", SAMPLES / "no-such.yaml"])
    assert result.targets[1].fatal
    assert_reads_back(result)


def test_a_1_3_report_is_already_in_its_own_shape() -> None:
    document = json.loads(REPORT_1_3.read_text())
    assert expand(document) is document
    assert target_findings(document, 1) == document["targets"][1]["findings"]


def test_a_reference_out_of_range_is_an_error() -> None:
    result = scan([SAMPLES / "mixed.yaml"])
    document = json.loads(render("json", result))
    broken = replace_first_ref(document, len(document["findings"]))
    with pytest.raises(BadReference, match="not an index into 'findings'"):
        target_findings(broken, 0)


def replace_first_ref(document: dict[str, Any], ref: int) -> dict[str, Any]:
    target = {**document["targets"][0], "findings": [ref]}
    return {**document, "targets": [target]}


def test_evidence_required_is_summarised_once_per_scan() -> None:
    result = evaluate([host(i) for i in range(20)], PROFILES, now=NOW, started=NOW)
    document = json.loads(render("json", result))
    unknown = [{ref for ref in t["findings"] if document["findings"][ref]["status"] == "unknown"}
               for t in document["targets"]]
    summary = document["evidence_required"]
    assert {e["finding"] for e in summary} == set().union(*unknown)
    assert sum(e["targets"] for e in summary) == sum(len(refs) for refs in unknown)
    assert summary[0]["targets"] == 20 and len(summary) < sum(len(r) for r in unknown) / 5
