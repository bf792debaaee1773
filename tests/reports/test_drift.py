"""Drift against a previous JSON report: new, resolved, unchanged; --fail-on-new; bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from voipscan.checks import Severity, Status
from voipscan.drift import load_baseline
from voipscan.engine import Thresholds
from voipscan.errors import InputError
from voipscan.reports import render
from voipscan.result import DriftChange

from .helpers import ROOT, SAMPLES, scan, voipscan

REPORT_SCHEMA = json.loads((ROOT / "voipscan" / "schemas" / "report.schema.json").read_text())
NEW_ENDPOINT = """  - name: "302"
    kind: phone
    transports: [tls]
    media_encryption: none
    auth: digest
    unauthenticated_options: false
    secret: "Zq8#vT3!mW6@pL1x"
"""


def config_pair(tmp_path: Path) -> tuple[Path, str, str]:
    """The mixed sample, and a later version: p.smit got MFA, endpoint 302 with plain RTP
    appeared."""
    before = (SAMPLES / "mixed.yaml").read_text()
    after = before.replace("    mfa: {supported: true, enabled: false}\n    roles: [teachers-desk]",
                           "    mfa: {supported: true, enabled: true}\n    roles: [teachers-desk]")
    assert after != before
    after = after.replace("management_interfaces:", NEW_ENDPOINT + "management_interfaces:")
    target = tmp_path / "pbx.yaml"
    target.write_text(before)
    return target, before, after


def baseline_file(tmp_path: Path, target: Path) -> Path:
    report = tmp_path / "previous.json"
    report.write_text(render("json", scan([target])))
    return report


def test_new_resolved_and_unchanged(tmp_path: Path) -> None:
    target, _, after = config_pair(tmp_path)
    report = baseline_file(tmp_path, target)
    target.write_text(after)
    result = scan([target], baseline=load_baseline(report))
    assert result.drift is not None
    new = {(e.check_id, e.resource, e.status) for e in result.drift.of(DriftChange.NEW)}
    assert new == {("media.srtp_mandatory", "endpoint:302", Status.FAIL)}
    resolved = {(e.check_id, e.resource) for e in result.drift.of(DriftChange.RESOLVED)}
    assert resolved == {("access.admin_mfa", "admin:p.smit")}
    unchanged = result.drift.of(DriftChange.UNCHANGED)
    assert ("media.srtp_mandatory", "endpoint:300") in {(e.check_id, e.resource)
                                                         for e in unchanged}
    assert all(e.previous is not None for e in unchanged)
    document = json.loads(render("json", result))
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(document)
    assert document["drift"]["baseline"] == str(report)
    assert [e["resource"] for e in document["drift"]["new"]] == ["endpoint:302"]
    assert document["drift"]["new"][0]["previous_status"] is None
    text = " ".join(render("text", result).split())  # wrapped at the line width
    assert "1 new, 1 resolved" in text
    assert "media.srtp_mandatory endpoint:302" in text


def test_fail_on_new_fails_only_on_new_failures(tmp_path: Path) -> None:
    target, _, after = config_pair(tmp_path)
    baseline = load_baseline(baseline_file(tmp_path, target))
    same = scan([target], baseline=baseline, thresholds=Thresholds(fail_on_new=True))
    assert same.verdict.passed, same.verdict.reasons  # old failures do not fail the build
    target.write_text(after)
    changed = scan([target], baseline=baseline, thresholds=Thresholds(fail_on_new=True))
    assert not changed.verdict.passed
    assert changed.verdict.reasons == (
        f"{target}: 1 new failing finding(s) since the baseline",)
    above = scan([target], baseline=baseline,
                 thresholds=Thresholds(fail_on=Severity.CRITICAL, fail_on_new=True))
    assert above.verdict.passed  # the new finding is high, not critical
    high = scan([target], baseline=baseline,
                thresholds=Thresholds(fail_on=Severity.HIGH, fail_on_new=True))
    assert high.verdict.reasons == (
        f"{target}: 1 new failing finding(s) at or above high since the baseline",)


def test_a_target_missing_from_this_scan_resolves_nothing(tmp_path: Path) -> None:
    target, _, _ = config_pair(tmp_path)
    both = tmp_path / "both.json"
    both.write_text(render("json", scan([target, SAMPLES / "insecure.yaml"])))
    result = scan([target], baseline=load_baseline(both))
    assert result.drift is not None
    assert result.drift.of(DriftChange.RESOLVED) == ()
    assert result.drift.of(DriftChange.NEW) == ()


@pytest.mark.parametrize(("content", "line", "message"), [
    ("{not json", 1, "baseline is not JSON"),
    ("[]", 1, "not a voipscan JSON report: (document): expected a mapping, got a list"),
    ('{"tool": {"name": "other"}}', 1,
     "not a voipscan JSON report: tool.name: expected 'voipscan', got 'other' "
     "(and 2 more problems)"),
    ('{"tool": {"name": "voipscan"}, "schema_version": "1.0", "targets": [{"name": "x"}]}', 1,
     "baseline: targets[0]: missing 'findings'"),
    ('{"tool": {"name": "voipscan"}, "schema_version": "3.0", "targets": []}', 1,
     "baseline: schema_version: unsupported schema_version '3.0' (this voipscan reads 1.x and "
     "2.x)"),
    ('{\n "tool": {"name": "voipscan"},\n "schema_version": "1.1",\n "targets": [\n'
     '  {"name": "x", "id": "0123456789abcdef", "findings": [\n'
     '   {"check_id": "a.b", "resource": "r", "severity": "high",\n'
     '    "status": "broken"}]}]}\n', 7,
     "baseline: targets[0].findings[0].status: 'broken' is not one of 'pass', 'fail', "
     "'unknown' or 'not-applicable'"),
])
def test_malformed_baselines_are_input_errors(tmp_path: Path, content: str, line: int,
                                              message: str) -> None:
    file = tmp_path / "b.json"
    file.write_text(content)
    with pytest.raises(InputError) as caught:
        load_baseline(file)
    assert caught.value.message.startswith(message)
    assert (caught.value.path, caught.value.line) == (str(file), line)


def test_cli_baseline_and_fail_on_new(tmp_path: Path) -> None:
    target, _, after = config_pair(tmp_path)
    report = tmp_path / "previous.json"
    first = voipscan("scan", "config", "--pbx", "export", str(target), "-o", str(report))
    assert first.returncode == 1
    args = ("scan", "config", "--pbx", "export", str(target), "--baseline", str(report),
            "--fail-on-new")
    assert voipscan(*args).returncode == 0
    target.write_text(after)
    run = voipscan(*args)
    assert run.returncode == 1
    text = " ".join(run.stdout.split())
    assert "+ NEW fail" in text
    assert "1 new failing finding(s) since the baseline" in text


def test_cli_bad_baseline_and_missing_baseline(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("[1, 2")
    run = voipscan("scan", "config", "--pbx", "export", str(SAMPLES / "mixed.yaml"),
                   "--baseline", str(bad))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip() == f"voipscan: error: {bad}:1: baseline is not JSON: " \
        "Expecting ',' delimiter"
    run = voipscan("scan", "config", "--pbx", "export", str(SAMPLES / "mixed.yaml"),
                   "--fail-on-new")
    assert run.returncode == 2 and "--fail-on-new needs --baseline FILE" in run.stderr
