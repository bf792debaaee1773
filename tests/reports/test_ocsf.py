"""OCSF Compliance Finding events: valid for the OCSF 1.5 model, complete, stable uids."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from py_ocsf_models.events.findings.compliance_finding import ComplianceFinding

from voipscan import suppressions
from voipscan.checks import Status
from voipscan.reports import ocsf, render

from .helpers import SAMPLES, STARTED, crafted, scan

# Required by OCSF 1.5 for Compliance Finding (base event + finding + class + objects).
REQUIRED = {
    (): ("activity_id", "category_uid", "class_uid", "type_uid", "severity_id", "time",
         "metadata", "finding_info", "compliance"),
    ("metadata",): ("product", "version"),
    ("metadata", "product"): ("vendor_name",),
    ("finding_info",): ("uid", "title"),
    ("compliance",): ("standards",),
}


# Defined by OCSF 1.5 (objects/compliance.json: status recommended, status_detail optional)
# but missing from the py-ocsf-models classes, which would drop them silently.
IN_SPEC_NOT_IN_MODEL = {".compliance.status", ".compliance.status_detail"}


def events(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def assert_survives(emitted: Any, dumped: Any, where: str = "") -> None:
    """Every field we emit is still there, equal, after the model parsed it."""
    if isinstance(emitted, dict):
        assert isinstance(dumped, dict), where
        for key, value in emitted.items():
            if f"{where}.{key}" in IN_SPEC_NOT_IN_MODEL:
                continue
            assert key in dumped, f"{where}.{key} dropped by the OCSF model"
            assert_survives(value, dumped[key], f"{where}.{key}")
    elif isinstance(emitted, list):
        assert isinstance(dumped, list) and len(dumped) == len(emitted), where
        for index, (a, b) in enumerate(zip(emitted, dumped, strict=True)):
            assert_survives(a, b, f"{where}[{index}]")
    else:
        assert emitted == dumped, where


@pytest.fixture(scope="module")
def insecure_events() -> list[dict[str, Any]]:
    return events(render("ocsf", scan([SAMPLES / "insecure.yaml", SAMPLES / "mixed.yaml"],
                                      ("baseline", "gdpr"))))


def test_every_event_validates_and_round_trips(insecure_events: list[dict[str, Any]]) -> None:
    assert insecure_events
    for event in insecure_events:
        model = ComplianceFinding.model_validate(event)
        assert_survives(event, model.model_dump(mode="json", exclude_none=True))
        for path, keys in REQUIRED.items():
            obj = event
            for part in path:
                obj = obj[part]
            for key in keys:
                assert obj.get(key) not in (None, "", []), f"{path}.{key} missing"


def test_fixed_class_fields(insecure_events: list[dict[str, Any]]) -> None:
    for event in insecure_events:
        assert (event["class_uid"], event["category_uid"], event["type_uid"],
                event["activity_id"]) == (2003, 2, 200301, 1)
        assert event["metadata"]["version"] == "1.5.0"
        assert event["metadata"]["product"]["name"] == "voipscan"
        assert event["status_id"] == 1 and event["status"] == "New"
        assert event["time"] == event["end_time"] > 1_700_000_000_000


def test_one_event_per_check_control_and_resource() -> None:
    result = scan([SAMPLES / "insecure.yaml"])
    emitted = events(render("ocsf", result))
    expected = {(c.id, f.finding.check_id, f.finding.resource)
                for a in result.assessments for c in a.controls for f in c.findings
                if f.finding.status is not Status.NOT_APPLICABLE}
    got = [(e["compliance"]["control"], e["compliance"]["checks"][0]["uid"],
            e["resources"][0]["uid"].split("#", 1)[1]) for e in emitted]
    assert len(got) == len(set(got)) == len(expected)
    assert set(got) == expected
    assert len({e["finding_info"]["uid"] for e in emitted}) == len(emitted)


def test_status_and_severity_mapping() -> None:
    emitted = events(render("ocsf", scan([SAMPLES / "mixed.yaml"])))
    by_status = {e["compliance"]["status"]: e["compliance"]["status_id"] for e in emitted}
    assert by_status == {"Pass": 1, "Fail": 3, "Warning": 2}
    severities = {(e["severity"], e["severity_id"]) for e in emitted}
    assert severities <= {("Informational", 1), ("Low", 2), ("Medium", 3), ("High", 4),
                          ("Critical", 5)}
    srtp = next(e for e in emitted
                if e["compliance"]["checks"][0]["uid"] == "media.srtp_mandatory"
                and e["compliance"]["status_id"] == 3)
    assert srtp["severity_id"] == 4 and srtp["severity"] == "High"
    assert srtp["resources"][0]["type"] == "endpoint" and srtp["resources"][0]["name"] == "300"
    assert srtp["remediation"]["desc"]
    assert srtp["evidences"][0]["data"]["source"]["location"].endswith("mixed.yaml")
    assert not [e for e in emitted if e["compliance"]["checks"][0]["uid"].startswith("capture.")]


def test_uids_are_stable_across_scans() -> None:
    first = events(render("ocsf", scan([SAMPLES / "insecure.yaml"])))
    later = events(render("ocsf", scan([SAMPLES / "insecure.yaml"],
                                       started=STARTED + dt.timedelta(days=30))))
    assert [e["finding_info"]["uid"] for e in first] == [e["finding_info"]["uid"] for e in later]
    assert first[0]["time"] != later[0]["time"]


def test_suppressed_findings_keep_their_result_with_status_suppressed(tmp_path: Path) -> None:
    file = tmp_path / "s.yaml"
    file.write_text("suppressions:\n  - check: signalling.tls\n    resource: transport:udp\n"
                    "    reason: Lab network\n    expires: 2099-01-01\n    owner: ops\n")
    result = scan([SAMPLES / "insecure.yaml"], suppressions=suppressions.load(file))
    emitted = events(render("ocsf", result))
    hidden = [e for e in emitted if e["status_id"] == 3]
    assert len(hidden) == 1
    event = hidden[0]
    assert event["status"] == "Suppressed" and event["status_detail"] == "Lab network"
    assert event["compliance"]["status_id"] == 3
    assert event["unmapped"]["suppression"] == {
        "reason": "Lab network", "owner": "ops", "expires": "2099-01-01", "file": str(file),
        "line": 2}
    model = ComplianceFinding.model_validate(event)
    assert_survives(event, model.model_dump(mode="json", exclude_none=True))


def test_ocsf_resources_carry_the_typed_target_address() -> None:
    from voipscan.sources.host.host_facts import spec_target
    from voipscan.sources.host.targets import parse_target
    from voipscan.target import TargetKind

    target = spec_target(parse_target("sips:[2001:db8::1]:5071"))
    result = crafted(kind=TargetKind.HOST, name=target.name, address=target.address,
                     statuses=(Status.FAIL,))
    (event,) = list(ocsf.events(result))
    data = event["resources"][0]["data"]
    assert data["target_id"] == target.id
    assert data["address"] == {"type": "network", "scheme": "sips", "host": "2001:db8::1",
                               "ip": "2001:db8::1", "port": 5071, "transport": "tls"}
