"""The JSON report (schema 2.0) holds what its model describes, states shared findings once,
is written a slice of targets at a time, and carries target identity."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import jsonschema
import pytest

from tests.paths import ROOT
from tests.reports.helpers import SAMPLES, crafted, scan
from voipscan.models import report as model
from voipscan.models.report_reader import target_findings
from voipscan.reports import RenderOptions, json_report, json_tables, render
from voipscan.result import TargetResult
from voipscan.target import NetworkAddress, TargetKind

SCHEMA = json.loads((ROOT / "voipscan" / "schemas" / "report.schema.json").read_text())


def validate(document: object) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        document)


def test_network_targets_carry_their_address() -> None:
    address = NetworkAddress("sips", "2001:db8::5", 5061, "tls")
    result = crafted(TargetKind.HOST, "sips:[2001:db8::5]:5061", address=address)
    document = json.loads(render("json", result))
    validate(document)
    target = document["targets"][0]
    assert target["address"] == {"type": "network", "scheme": "sips", "host": "2001:db8::5",
                                 "ip": "2001:db8::5", "port": 5061, "transport": "tls"}
    assert target["id"] == result.targets[0].target.id
    named = crafted(TargetKind.HOST, "pbx.example.net", address=NetworkAddress(
        "sip", "pbx.example.net"))
    host = json.loads(render("json", named))["targets"][0]["address"]
    assert (host["ip"], host["port"], host["transport"]) == (None, None, None)


def test_the_report_model_reads_back_what_it_wrote() -> None:
    text = render("json", scan([SAMPLES / "mixed.yaml", SAMPLES / "insecure.yaml"],
                               ("baseline", "gdpr")))
    report = model.Report.model_validate_json(text)
    assert report.schema_version == "2.0"
    assert [t.name for t in report.targets] == [str(SAMPLES / "mixed.yaml"),
                                                str(SAMPLES / "insecure.yaml")]
    assert len(report.assessments) == 4
    assert [p.id for p in report.profiles] == ["baseline", "gdpr"]
    assert json.loads(report.model_dump_json(by_alias=True)) == json.loads(text)


def test_findings_shared_by_targets_are_written_once() -> None:
    one = scan([SAMPLES / "mixed.yaml"])
    many = replace(one, targets=one.targets * 50, assessments=one.assessments * 50)
    single, repeated = json.loads(render("json", one)), json.loads(render("json", many))
    assert len(repeated["findings"]) == len(single["findings"])
    assert len(repeated["control_results"]) == len(single["control_results"])
    assert [t["findings"] for t in repeated["targets"]] == [single["targets"][0]["findings"]] * 50
    required = {e["finding"]: e["targets"] for e in repeated["evidence_required"]}
    assert required and set(required.values()) == {50}
    assert {repeated["findings"][r]["status"] for r in required} == {"unknown"}


def test_large_reports_are_compact_and_hold_the_same_document(
        monkeypatch: pytest.MonkeyPatch) -> None:
    one = scan([SAMPLES / "mixed.yaml"])
    many = replace(one, targets=one.targets * 30, assessments=one.assessments * 30)
    indented = render("json", many)
    monkeypatch.setattr(json_report, "INDENTED_UP_TO", 10)
    monkeypatch.setattr(json_report, "_SLICE", 7)  # several slices, one short
    compact = render("json", many)
    assert "\n" not in compact.rstrip("\n") and "\n  " in indented
    assert json.loads(compact) == json.loads(indented)
    validate(json.loads(compact))


def test_a_report_of_few_targets_but_many_findings_is_compact(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A capture of a large site is one target with thousands of findings."""
    one = scan([SAMPLES / "mixed.yaml"])
    indented = render("json", one)
    document = json.loads(indented)
    items = len(document["findings"]) + len(document["control_results"])
    monkeypatch.setattr(json_report, "INDENTED_ITEMS_UP_TO", items)
    assert render("json", one) == indented
    monkeypatch.setattr(json_report, "INDENTED_ITEMS_UP_TO", items - 1)
    compact = render("json", one)
    assert "\n" not in compact.rstrip("\n") and json.loads(compact) == document


def test_targets_are_written_a_slice_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    one = scan([SAMPLES / "mixed.yaml"])
    many = replace(one, targets=one.targets * 50, assessments=one.assessments * 50)
    monkeypatch.setattr(json_report, "INDENTED_UP_TO", 10)
    monkeypatch.setattr(json_report, "_SLICE", 20)
    built: list[str] = []
    original = json_tables.target

    def counting(t: TargetResult, refs: list[int]) -> dict[str, object]:
        built.append(t.target.name)
        return original(t, refs)

    monkeypatch.setattr(json_tables, "target", counting)
    pieces: Iterator[str] = json_report.chunks(many, RenderOptions())
    written: list[str] = []
    for piece in pieces:  # up to the first slice of targets
        written.append(piece)
        if built:
            break
    assert len(built) == 20
    written.extend(pieces)
    assert len(built) == 50
    document = json.loads("".join(written))
    validate(document)
    assert len(document["targets"]) == 50 and len(document["assessments"]) == 50


def test_ocsf_evidence_is_the_json_reports() -> None:
    result = crafted()
    evidence = result.targets[0].findings[0].finding.evidence[0]
    document = json.loads(render("json", result))
    assert json_report.evidence(evidence) == target_findings(document, 0)[0]["evidence"][0]
