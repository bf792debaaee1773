"""voipscan scan system: one assessment per system of an inventory, every source merged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT
from voipscan import api
from voipscan.checks import Status
from voipscan.errors import InputError
from voipscan.models.report_reader import target_findings
from voipscan.target import SystemAddress, TargetKind

INVENTORY = ROOT / "samples" / "system" / "inventory.yaml"


def statuses(result: api.ScanResult, target: int = 0) -> dict[tuple[str, str], Status]:
    return {(f.finding.check_id, f.finding.resource): f.finding.status
            for f in result.targets[target].findings}


def test_the_sample_inventory_gives_one_target_and_one_score_per_profile() -> None:
    result = api.scan(api.systems(INVENTORY), profiles=["baseline", "gdpr"])
    names = [t.target.name for t in result.targets]
    assert names == ["pbx-utrecht", "pbx-legacy"]
    utrecht = result.targets[0]
    assert utrecht.target.kind is TargetKind.SYSTEM
    assert utrecht.target.address == SystemAddress(str(INVENTORY), "pbx-utrecht")
    assert utrecht.evidence_kinds == {"config", "capture", "declared"}
    assert [(a.target, a.profile_id) for a in result.assessments] == [
        ("pbx-utrecht", "baseline"), ("pbx-utrecht", "gdpr"),
        ("pbx-legacy", "baseline"), ("pbx-legacy", "gdpr")]


def test_declared_facts_answer_what_no_config_shows() -> None:
    (source,) = api.systems(INVENTORY, ["pbx-utrecht"])
    result = api.scan([source])
    found = statuses(result)
    assert found[("access.admin_mfa", "admin:monitoring")] is Status.PASS
    assert found[("backup.restore_tested", "backup")] is Status.PASS
    assert found[("logging.retention", "logging")] is Status.PASS
    mfa = next(f for f in result.targets[0].findings
               if f.finding.check_id == "access.admin_mfa")
    assert any(e.source is not None and e.source.kind.value == "declared"
               for e in mfa.finding.evidence)


def test_the_same_config_alone_cannot_pass_those_controls() -> None:
    result = api.scan([api.config(ROOT / "samples" / "asterisk" / "hardened")])
    found = statuses(result)
    assert found[("access.admin_mfa", "admin:monitoring")] is Status.UNKNOWN
    assert found[("backup.restore_tested", "backup")] is Status.UNKNOWN


def test_an_expired_declaration_returns_the_control_to_evidence_required() -> None:
    (source,) = api.systems(INVENTORY, ["pbx-legacy"])
    result = api.scan([source])
    assert statuses(result)[("backup.configured", "backup")] is Status.UNKNOWN
    assert any("expired on 2025-01-10" in p.message for p in result.targets[0].problems)


def test_hardened_grades_above_insecure_and_zero_failed_controls_grade_on_what_passed() -> None:
    result = api.scan(api.systems(INVENTORY), profiles=["baseline"])
    utrecht, legacy = (a.score for a in result.assessments)
    assert utrecht.failed == 0 and utrecht.graded and utrecht.grade in ("A", "B")
    assert legacy.failed > 0 and legacy.value < utrecht.value


def test_only_picks_systems_and_unknown_names_are_one_clear_error() -> None:
    assert [s.label for s in api.systems(INVENTORY, ["pbx-legacy"])] == ["pbx-legacy"]
    with pytest.raises(InputError, match="no system named nope"):
        api.systems(INVENTORY, ["nope"])


def test_an_inventory_system_whose_evidence_is_all_unreadable_is_an_input_error(
        tmp_path: Path) -> None:
    inventory = tmp_path / "inv.yaml"
    inventory.write_text("version: 1\nsystems:\n  - name: ghost\n    configs: [missing/]\n")
    result = api.scan(api.systems(inventory))
    assert result.targets[0].fatal and result.input_errors
    assert not result.verdict.passed


@pytest.mark.parametrize(("text", "message"), [
    ("version: 1\nsystems: []\n", "systems"),
    ("version: 1\nsystems:\n  - name: a\n", "at least one of configs"),
    ("version: 1\nsystems:\n  - name: a\n    configs: [x]\n  - name: a\n    hosts: [y]\n",
     "used twice"),
    ("version: 2\nsystems:\n  - name: a\n    configs: [x]\n", "version"),
])
def test_bad_inventories_are_one_line(tmp_path: Path, text: str, message: str) -> None:
    inventory = tmp_path / "inv.yaml"
    inventory.write_text(text)
    with pytest.raises(InputError, match=message):
        api.systems(inventory)


def test_the_command_line_reports_observed_configured_and_declared(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    run = subprocess.run([sys.executable, "-m", "voipscan", "scan", "system", str(INVENTORY),
                          "--only", "pbx-utrecht", "-f", "json", "-o", str(out),
                          "--min-coverage", "50"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    report = json.loads(out.read_text())
    kinds = {e["source"]["kind"] for f in target_findings(report, 0)
             for e in f["evidence"] if e["source"]}
    assert {"file", "capture", "declared"} <= kinds


def test_min_coverage_fails_an_assessment_that_could_not_be_assessed_enough() -> None:
    thresholds = api.Thresholds(min_coverage=90)
    result = api.scan([api.config(ROOT / "samples" / "kamailio" / "hardened")],
                      thresholds=thresholds)
    assert not result.verdict.passed
    assert "coverage" in result.verdict.reasons[0] and "below 90" in result.verdict.reasons[0]


SAMPLE_PAIRS = [("asterisk", "hardened", "insecure"), ("freeswitch", "hardened", "insecure"),
                ("kamailio", "hardened", "insecure"), ("freepbx", "hardened", "insecure"),
                ("export", "hardened.yaml", "insecure.yaml")]
PROFILES = ["baseline", "gdpr", "iso27001", "nen7510", "bio", "financial", "education"]


@pytest.mark.parametrize(("platform", "hardened", "insecure"), SAMPLE_PAIRS)
def test_samples_grade_on_what_passed_and_hardened_beats_insecure(
        platform: str, hardened: str, insecure: str) -> None:
    base = ROOT / "samples" / platform
    result = api.scan([api.config(base / hardened), api.config(base / insecure)],
                      profiles=PROFILES)
    by_target: dict[str, dict[str, api.ScanResult]] = {}
    for a in result.assessments:
        by_target.setdefault(a.target, {})[a.profile_id] = a  # type: ignore[assignment]
        if a.score.failed == 0 and a.score.graded:  # nothing failed: graded on what passed
            assert a.score.value == 100.0 and a.score.grade == "A", (a.target, a.profile_id)
        if not a.score.graded:
            assert a.score.coverage < 60 or a.score.passed + a.score.failed == 0
    good, bad = by_target[str(base / hardened)], by_target[str(base / insecure)]
    for profile in PROFILES:
        g, b = good[profile].score, bad[profile].score  # type: ignore[attr-defined]
        assert g.value >= b.value and (g.failed < b.failed or g.failed == b.failed == 0), profile


def test_text_and_ocsf_tell_declared_configured_and_observed_apart() -> None:
    from voipscan.reports import render

    result = api.scan(api.systems(INVENTORY))
    text = render("text", result)
    assert "evidence: capture, config, declared" in text
    assert "  configured at " in text
    assert "  observed at " in text  # the capture's plain RTP, cleartext SIP
    events = [json.loads(line) for line in render("ocsf", result).splitlines()]
    kinds = {ev["data"]["source"]["kind"] for e in events for ev in e.get("evidences", [])
             if isinstance(ev.get("data"), dict) and ev["data"].get("source")}
    assert {"file", "capture", "declared"} <= kinds, kinds
