"""The JSON report is dumped from its model, a target at a time, and carries target identity."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import jsonschema
import pytest

from tests.paths import ROOT
from tests.reports.helpers import SAMPLES, crafted, scan
from voipscan.models import report as model
from voipscan.reports import RenderOptions, json_report, render
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
    assert report.schema_version == "1.3"
    assert [t.name for t in report.targets] == [str(SAMPLES / "mixed.yaml"),
                                                str(SAMPLES / "insecure.yaml")]
    assert len(report.assessments) == 4
    assert json.loads(report.model_dump_json(by_alias=True)) == json.loads(text)


def test_targets_are_built_and_written_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    one = scan([SAMPLES / "mixed.yaml"])
    many = replace(one, targets=one.targets * 50, assessments=one.assessments * 50)
    built: list[str] = []
    original = json_report.target

    def counting(t: TargetResult, *args: object) -> model.Target:
        built.append(t.target.name)
        return original(t, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(json_report, "target", counting)
    pieces: Iterator[str] = json_report.chunks(many, RenderOptions())
    written = [next(pieces), next(pieces), next(pieces)]  # head, '"targets": [', 1st target
    assert len(built) == 1
    written.append(next(pieces))
    assert len(built) == 2
    written.extend(pieces)
    assert len(built) == 50
    document = json.loads("".join(written))
    validate(document)
    assert len(document["targets"]) == 50 and len(document["assessments"]) == 50
    assert "".join(written) == render("json", many)


def test_ocsf_evidence_is_the_json_reports() -> None:
    result = crafted()
    evidence = result.targets[0].findings[0].finding.evidence[0]
    assert json_report.evidence(evidence) == json.loads(render("json", result))[
        "targets"][0]["findings"][0]["evidence"][0]
