"""Suppressions: the file format and its errors, matching, score, verdict, expiry, unused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from voipscan import suppressions
from voipscan.checks import Status
from voipscan.engine import Thresholds
from voipscan.errors import InputError, ProblemLevel
from voipscan.models.report_reader import assessment_controls, target_findings
from voipscan.reports import render
from voipscan.result import SuppressionState

from .helpers import SAMPLES, STARTED, scan, voipscan

MIXED = SAMPLES / "mixed.yaml"


def write(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "suppressions.yaml"
    file.write_text(text)
    return file


@pytest.mark.parametrize(("text", "line", "message"), [
    ("suppressions:\n  - check: signalling.tls\n    expires: 2099-01-01\n", 2,
     "suppressions[0]: missing 'reason'"),
    ("suppressions:\n  - check: signalling.tls\n    reason: x\n", 2,
     "suppressions[0]: missing 'expires'"),
    ("suppressions:\n  - check: signalling.tls\n    reason: x\n    expires: soon\n", 4,
     "suppressions[0].expires: expected a date YYYY-MM-DD, got 'soon'"),
    ("suppressions:\n  - check: nosuch.check\n    reason: x\n    expires: 2099-01-01\n", 2,
     "suppressions[0].check: 'nosuch.check' matches no check id"),
    ("suppressions:\n  - check: signalling.*\n    resource: 're:(['\n    reason: x\n"
     "    expires: 2099-01-01\n", 3, "suppressions[0].resource: invalid regular expression"),
    ("suppressions:\n  - check: signalling.tls\n    reason: x\n    expires: 2099-01-01\n"
     "    until: 2099-01-01\n", 5, "suppressions[0].until: unknown key 'until'"),
    ("suppressions:\n  - check: signalling.tls\n    reason: '  '\n    expires: 2099-01-01\n",
     3, "suppressions[0].reason: must not be empty"),
    ("suppresions: []\n", 1, "unknown key 'suppresions'"),
    ("suppressions: {check: x}\n", 1, "suppressions: expected a list, got a mapping"),
    ("suppressions:\n  - check: signalling.tls\n    reason: x\n    expires: '2099-02-30'\n", 4,
     "suppressions[0].expires: expected a date YYYY-MM-DD, got '2099-02-30'"),
])
def test_invalid_files_name_file_and_line(tmp_path: Path, text: str, line: int,
                                          message: str) -> None:
    file = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        suppressions.load(file)
    assert caught.value.path == str(file)
    assert caught.value.line == line
    assert message in caught.value.message


def test_entries_are_read_with_defaults(tmp_path: Path) -> None:
    file = write(tmp_path, "suppressions:\n  - check: credentials.*\n    reason: Lab\n"
                 "    expires: '2026-12-31'\n    owner: ops\n  - check: signalling.tls\n"
                 "    resource: re:transport:(udp|tcp)\n    target: '*/mixed.yaml'\n"
                 "    reason: Legacy\n    expires: 2027-01-01\n")
    loaded = suppressions.load(file)
    first, second = loaded.entries
    assert (first.check, first.resource, first.target, first.owner) == (
        "credentials.*", "*", "*", "ops")
    assert first.expires == dt.date(2026, 12, 31) and first.line == 2
    assert (second.resource, second.target, second.owner, second.line) == (
        "re:transport:(udp|tcp)", "*/mixed.yaml", None, 6)


def test_suppressed_findings_leave_score_and_verdict(tmp_path: Path) -> None:
    before = scan([MIXED])
    assert not before.verdict.passed
    file = write(tmp_path, "suppressions:\n  - check: credentials.reuse\n    resource: endpoint:*\n"
                 "    reason: Shared lab phones\n    expires: 2099-01-01\n"
                 "  - check: signalling.tls_peer_verification\n    reason: CA pinned elsewhere\n"
                 "    expires: 2099-01-01\n")
    after = scan([MIXED], suppressions=suppressions.load(file))
    hidden = [f for f in after.targets[0].findings if f.suppression]
    assert sorted(f.finding.resource for f in hidden) == [
        "endpoint:300", "endpoint:301", "transport:tls"]
    assert {f.finding.status for f in hidden} == {Status.FAIL, Status.UNKNOWN}  # kept as is
    controls = {c.id: c for c in after.assessments[0].controls}
    # BL-ACC-3 keeps other, passing findings: judged on those alone, it passes.
    assert controls["BL-ACC-3"].status is Status.PASS and not controls["BL-ACC-3"].suppressed
    # BL-ENC-3 rests only on the suppressed finding: it leaves the score.
    assert controls["BL-ENC-3"].suppressed and controls["BL-ENC-3"].status is Status.UNKNOWN
    b, a = before.assessments[0].score, after.assessments[0].score
    assert (a.passed, a.failed, a.unknown, a.suppressed) == (
        b.passed + 1, b.failed - 1, b.unknown - 1, 1)
    assert a.value > b.value
    assert [(u.state, u.findings) for u in after.suppressions] == [
        (SuppressionState.ACTIVE, 2), (SuppressionState.ACTIVE, 1)]
    assert after.warnings == ()
    assert "BL-ACC-3" not in " ".join(after.verdict.reasons)


def test_a_control_with_other_passing_findings_passes(tmp_path: Path) -> None:
    file = write(tmp_path, "suppressions:\n  - check: media.srtp_mandatory\n"
                 "    resource: endpoint:300\n    reason: Old handset\n    expires: 2099-01-01\n")
    result = scan([MIXED], suppressions=suppressions.load(file))
    control = next(c for c in result.assessments[0].controls if c.id == "BL-ENC-4")
    assert control.status is Status.PASS and not control.suppressed


def test_fail_on_ignores_suppressed_findings(tmp_path: Path) -> None:
    thresholds = Thresholds(fail_on=__import__("voipscan.checks").checks.Severity.HIGH)
    assert not scan([MIXED], thresholds=thresholds).verdict.passed
    file = write(tmp_path, "suppressions:\n  - check: media.srtp_mandatory\n    reason: a\n"
                 "    expires: 2099-01-01\n  - check: access.admin_mfa\n    reason: b\n"
                 "    expires: 2099-01-01\n")
    result = scan([MIXED], thresholds=thresholds, suppressions=suppressions.load(file))
    assert result.verdict.passed, result.verdict.reasons


def test_expired_and_unused_entries_warn_and_do_not_suppress(tmp_path: Path) -> None:
    file = write(tmp_path, "suppressions:\n  - check: credentials.reuse\n    reason: old\n"
                 "    expires: 2026-11-27\n  - check: backup.*\n    resource: nothing\n"
                 "    reason: typo\n    expires: 2099-01-01\n  - check: signalling.tls\n"
                 "    reason: passes anyway\n    expires: 2099-01-01\n")
    result = scan([MIXED], suppressions=suppressions.load(file))
    assert not [f for f in result.targets[0].findings if f.suppression]
    states = [(u.state, u.findings) for u in result.suppressions]
    assert states == [(SuppressionState.EXPIRED, 2), (SuppressionState.UNUSED, 0),
                      (SuppressionState.UNUSED, 0)]
    warnings = [(w.line, w.level, w.message) for w in result.warnings]
    assert warnings[0] == (2, ProblemLevel.WARNING, "suppression of credentials.reuse on * "
                           "expired on 2026-11-27: 2 finding(s) count again")
    assert warnings[1][0] == 5 and "matches no failed or evidence-required finding" in \
        warnings[1][2]
    assert len(warnings) == 3


def test_expiry_day_itself_is_still_active(tmp_path: Path) -> None:
    file = write(tmp_path, "suppressions:\n  - check: credentials.reuse\n    reason: r\n"
                 f"    expires: {STARTED.date().isoformat()}\n")
    result = scan([MIXED], suppressions=suppressions.load(file))
    assert result.suppressions[0].state is SuppressionState.ACTIVE
    later = scan([MIXED], suppressions=suppressions.load(file),
                 started=STARTED + dt.timedelta(days=1))
    assert later.suppressions[0].state is SuppressionState.EXPIRED


def test_target_pattern_and_regex_resource(tmp_path: Path) -> None:
    file = write(tmp_path, "suppressions:\n  - check: media.srtp_mandatory\n"
                 "    resource: 're:endpoint:10[01]'\n    target: '*insecure*'\n"
                 "    reason: r\n    expires: 2099-01-01\n")
    result = scan([SAMPLES / "insecure.yaml", MIXED], suppressions=suppressions.load(file))
    insecure, mixed = result.targets
    assert sorted(f.finding.resource for f in insecure.findings if f.suppression) == [
        "endpoint:100", "endpoint:101"]
    assert not [f for f in mixed.findings if f.suppression]


def test_a_regex_python_warns_about_is_read_without_a_warning(tmp_path: Path) -> None:
    """'[[' may mean a nested set in a later Python: today's meaning is used, and nothing
    but the scan's own lines reaches the user."""
    import warnings

    file = write(tmp_path, "suppressions:\n  - check: media.srtp_mandatory\n"
                 "    resource: 're:endpoint:10[[01]'\n    reason: r\n    expires: 2099-01-01\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = suppressions.load(file)
        result = scan([SAMPLES / "insecure.yaml"], suppressions=loaded)
    assert sorted(f.finding.resource for f in result.targets[0].findings if f.suppression) == [
        "endpoint:100", "endpoint:101"]


def test_target_may_be_named_by_its_id(tmp_path: Path) -> None:
    insecure = scan([SAMPLES / "insecure.yaml"]).targets[0].target
    file = write(tmp_path, "suppressions:\n  - check: media.srtp_mandatory\n"
                 f"    target: {insecure.id}\n    reason: r\n    expires: 2099-01-01\n")
    result = scan([SAMPLES / "insecure.yaml", MIXED], suppressions=suppressions.load(file))
    first, second = result.targets
    assert first.target.id == insecure.id
    assert {f.finding.resource for f in first.findings if f.suppression} == {
        "endpoint:100", "endpoint:101", "endpoint:provider", "endpoint:anonymous"}
    assert not [f for f in second.findings if f.suppression]


def test_every_report_shows_suppressed_findings(tmp_path: Path) -> None:
    file = write(tmp_path, "suppressions:\n  - check: credentials.reuse\n    reason: Lab\n"
                 "    expires: 2099-01-01\n    owner: ops\n  - check: backup.*\n"
                 "    resource: none\n    reason: typo\n    expires: 2099-01-01\n"
                 "  - check: signalling.tls_peer_verification\n    reason: pinned\n"
                 "    expires: 2099-01-01\n")
    result = scan([MIXED], suppressions=suppressions.load(file))
    text = " ".join(render("text", result).split())  # wrapped at the line width
    assert "Suppressed findings (3)" in text
    assert "SUPPRESSED BL-ENC-3" in text
    assert ", 1 suppressed" in text
    assert "suppressed until 2099-01-01, owner ops: Lab" in text
    assert "PASS BL-ACC-3" in text
    assert "Warnings (1)" in text
    document = json.loads(render("json", result))
    finding = next(f for f in target_findings(document, 0)
                   if f["check_id"] == "credentials.reuse")
    assert finding["suppression"]["reason"] == "Lab"
    assert finding["status"] == "fail"
    assert document["assessments"][0]["score"]["suppressed"] == 1
    assert [c["id"] for c in assessment_controls(document, 0) if c["suppressed"]] == [
        "BL-ENC-3"]
    assert [s["state"] for s in document["suppressions"]] == ["active", "unused", "active"]
    assert document["warnings"][0]["level"] == "warning"
    assert "cs5=Lab (until 2099-01-01; owner ops)" in render("cef", result)
    assert "\tsuppression=Lab (until 2099-01-01; owner ops)\t" in render("leef", result)


def test_cli_suppressions_change_exit_code_and_warn(tmp_path: Path) -> None:
    plain = voipscan("scan", "config", "--pbx", "export", str(MIXED), "--fail-on", "high")
    assert plain.returncode == 1
    file = write(tmp_path, "suppressions:\n  - check: media.srtp_mandatory\n    reason: a\n"
                 "    expires: 2099-01-01\n  - check: access.admin_mfa\n    reason: b\n"
                 "    expires: 2099-01-01\n  - check: backup.*\n    resource: none\n"
                 "    reason: typo\n    expires: 2099-01-01\n")
    run = voipscan("scan", "config", "--pbx", "export", str(MIXED), "--fail-on", "high",
                   "--suppressions", str(file))
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"voipscan: warning: {file}:8: suppression of backup.* on none matches no" \
        in run.stderr


def test_cli_broken_suppressions_file_is_one_line_exit_2(tmp_path: Path) -> None:
    file = write(tmp_path, "suppressions:\n  - check: signalling.tls\n    reason: x\n")
    run = voipscan("scan", "config", "--pbx", "export", str(MIXED), "--suppressions", str(file))
    assert run.returncode == 2
    assert run.stderr.strip() == (f"voipscan: error: {file}:2: suppressions[0]: missing "
                                  "'expires'")
    assert run.stdout == ""


def test_reassessing_twice_changes_nothing_and_keeps_other_warnings(tmp_path: Path) -> None:
    from dataclasses import replace

    from voipscan.engine import reassess
    from voipscan.errors import Problem

    file = write(tmp_path, "suppressions:\n  - check: credentials.reuse\n    reason: Lab\n"
                 "    expires: 2099-01-01\n  - check: backup.*\n    resource: none\n"
                 "    reason: typo\n    expires: 2099-01-01\n")
    loaded = suppressions.load(file)
    other = Problem("scan was slow", level=ProblemLevel.WARNING)
    first = reassess(replace(scan([MIXED]), warnings=(other,)), Thresholds(),
                     suppressions=loaded)
    assert first.warnings[0] == other and len(first.warnings) == 2
    assert reassess(first, Thresholds(), suppressions=loaded) == first
    cleared = reassess(first, Thresholds())
    assert cleared.warnings == (other,)
    assert not [f for f in cleared.targets[0].findings if f.suppression]
    assert cleared.assessments == scan([MIXED]).assessments
