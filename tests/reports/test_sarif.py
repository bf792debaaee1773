"""SARIF 2.1.0: valid against the OASIS schema, rules from the registry, useful locations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from voipscan import suppressions
from voipscan.checks import REGISTRY, Status
from voipscan.reports import sarif
from voipscan.target import TargetKind

from .helpers import ASSETS, ROOT, SAMPLES, crafted, scan

SCHEMA = json.loads((ASSETS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(document: dict[str, Any]) -> None:
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        document)


def test_sample_scan_is_valid_sarif_with_rules_and_file_locations(tmp_path: Path) -> None:
    file = tmp_path / "s.yaml"
    file.write_text("suppressions:\n  - check: credentials.*\n    resource: 'endpoint:*'\n"
                    "    reason: Lab phones\n    expires: 2099-01-01\n")
    result = scan([SAMPLES / "insecure.yaml", SAMPLES / "mixed.yaml"],
                  suppressions=suppressions.load(file))
    document = sarif.document(result, cwd=ROOT)
    validate(document)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    rule_ids = [r["id"] for r in rules]
    assert rule_ids == sorted({f.finding.check_id for t in result.targets for f in t.findings})
    tls = rules[rule_ids.index("signalling.tls")]
    check = REGISTRY["signalling.tls"]
    assert tls["fullDescription"]["text"] == check.rationale
    assert tls["help"]["text"] == check.remediation["default"]
    assert tls["properties"]["security-severity"] == "8.0"
    assert tls["defaultConfiguration"]["level"] == "error"
    opened = [f for t in result.targets for f in t.findings
              if f.finding.status in (Status.FAIL, Status.UNKNOWN)]
    assert len(run["results"]) == len(opened)
    for item in run["results"]:
        assert rule_ids[item["ruleIndex"]] == item["ruleId"]
    udp = next(r for r in run["results"] if r["ruleId"] == "signalling.tls")
    physical = udp["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "samples/export/insecure.yaml"},
                        "region": {"startLine": 38}}
    assert udp["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 39
    assert udp["level"] == "error"
    unknown = next(r for r in run["results"] if r["properties"]["status"] == "unknown")
    assert unknown["level"] == "note"
    hidden = [r for r in run["results"] if "suppressions" in r]
    assert hidden and all(r["ruleId"].startswith("credentials.") for r in hidden)
    assert hidden[0]["suppressions"][0]["kind"] == "external"
    assert hidden[0]["suppressions"][0]["justification"] == "Lab phones"
    fingerprints = [r["partialFingerprints"]["voipscanFinding/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_levels_follow_severity() -> None:
    assert sarif.LEVEL == {"critical": "error", "high": "error", "medium": "warning",
                           "low": "warning", "info": "note"}


def test_paths_outside_the_current_directory_become_file_uris(tmp_path: Path) -> None:
    inside = tmp_path / "configs" / "my pbx.conf"
    assert sarif.uri(str(inside), tmp_path) == "configs/my%20pbx.conf"
    assert sarif.uri("/etc/asterisk/pjsip.conf", tmp_path) == "file:///etc/asterisk/pjsip.conf"


def test_host_targets_get_a_logical_location_only() -> None:
    result = crafted(kind=TargetKind.HOST, name="192.0.2.7:5061", statuses=(Status.FAIL,))
    bare = result.targets[0].findings[0]
    stripped = type(bare.finding)(bare.finding.check_id, bare.finding.status,
                                  bare.finding.severity, "transport:tls", "old TLS")
    item = type(bare)(stripped, bare.title, bare.remediation, bare.controls)
    target = type(result.targets[0])(result.targets[0].target, None, (item,), (), False)
    host_result = type(result)(result.tool_version, result.started, result.finished,
                               (target,), (), result.verdict)
    document = sarif.document(host_result)
    validate(document)
    location = document["runs"][0]["results"][0]["locations"][0]
    assert "physicalLocation" not in location
    assert location["logicalLocations"] == [{
        "name": "transport:tls", "fullyQualifiedName": "192.0.2.7:5061/transport:tls",
        "kind": "resource"}]


def test_crafted_text_stays_valid() -> None:
    validate(sarif.document(crafted()))
