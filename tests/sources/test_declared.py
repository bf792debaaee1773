"""Declared evidence: facts the organisation states, signed, dated and bounded in time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.paths import ROOT
from voipscan.errors import InputError, ProblemLevel
from voipscan.facts import OriginKind
from voipscan.sources.declared import read_declarations

SAMPLE = ROOT / "samples" / "system" / "declarations.yaml"
TODAY = dt.date(2026, 12, 2)


def declaration(fact: str, value: str, *, until: str = "2030-01-01",
                on: str = "2026-01-01") -> str:
    return (f"  - fact: {fact}\n    value: {value}\n    declared_by: A. Auditor\n"
            f"    declared_on: {on}\n    valid_until: {until}\n    reference: DOC-1\n")


def write(tmp_path: Path, *items: str) -> Path:
    path = tmp_path / "declared.yaml"
    path.write_text("version: 1\ndeclarations:\n" + "".join(items))
    return path


def test_the_sample_sets_facts_with_declared_provenance() -> None:
    result = read_declarations(SAMPLE, TODAY)
    system = result.system
    assert system.identity.admin_mfa_enforced.value is True
    source = system.identity.admin_mfa_enforced.source
    assert source is not None and source.kind is OriginKind.DECLARED
    assert "declared by Example CISO on 2026-10-01" in source.detail
    assert source.location == str(SAMPLE) and source.line == 5
    assert system.backup.last_restore_test.value == dt.date(2026, 9, 10)
    assert system.logging.retention_days.value == 400
    assert system.logging.forwarded.value is True
    assert system.hosting_countries.value == ("NL",)
    assert system.evidence_kinds == {"declared"}
    assert result.problems == ()


def test_an_expired_declaration_counts_for_nothing_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, declaration("backup.configured", "true", until="2025-01-10",
                                       on="2024-01-10"))
    result = read_declarations(path, TODAY)
    assert result.system.backup.configured.value is None
    assert "expired on 2025-01-10" in result.system.backup.configured.note
    (problem,) = result.problems
    assert problem.level is ProblemLevel.WARNING and problem.line == 3
    assert "needs evidence again" in problem.message


def test_a_declaration_dated_in_the_future_does_not_count(tmp_path: Path) -> None:
    path = write(tmp_path, declaration("mfa.users", "true", on="2027-05-01"))
    result = read_declarations(path, TODAY)
    assert result.system.identity.user_mfa_enforced.value is None
    assert "dated in the future" in result.problems[0].message


@pytest.mark.parametrize(("items", "message"), [
    (declaration("mfa.everyone", "true"), "unknown fact 'mfa.everyone'"),
    (declaration("backup.configured", "yes please"), "backup.configured takes true or false"),
    (declaration("logging.retention_days", "-3"), "takes a number of days"),
    (declaration("data.pbx_countries", "[Netherlands]"), "takes a list of ISO 3166"),
    (declaration("mfa.users", "true", on="2027-01-01", until="2026-01-01"),
     "valid_until is before declared_on"),
])
def test_bad_declarations_are_one_line_with_the_line_number(tmp_path: Path, items: str,
                                                            message: str) -> None:
    path = write(tmp_path, items)
    with pytest.raises(InputError) as caught:
        read_declarations(path, TODAY)
    assert message in str(caught.value)
    assert caught.value.path == str(path) and caught.value.line is not None


def test_a_declaration_needs_who_when_and_a_reference(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("version: 1\ndeclarations:\n  - fact: mfa.users\n    value: true\n")
    with pytest.raises(InputError, match="missing 'declared_by'"):
        read_declarations(path, TODAY)


def test_assessment_incident_response_and_privacy_duties_are_declarable(tmp_path: Path
                                                                        ) -> None:
    system = read_declarations(SAMPLE, TODAY).system
    org = system.organisation
    assert org.last_external_assessment.value == dt.date(2026, 9, 20)
    assert org.assessor.value == "Example Security Testing B.V."
    assert org.incident_plan_reviewed.value == dt.date(2026, 5, 12)
    assert org.incident_last_exercise.value == dt.date(2026, 6, 18)
    assert org.processing_register_reviewed.value == dt.date(2026, 7, 1)
    assert org.breach_procedure_reviewed.value == dt.date(2026, 7, 1)
    assert org.breach_notification_hours.value == 48
    source = org.last_external_assessment.source
    assert source is not None and source.kind is OriginKind.DECLARED and "PT-2026-07" in \
        source.detail
    with pytest.raises(InputError, match="a number of hours"):
        read_declarations(write(tmp_path, declaration("privacy.breach_notification_hours",
                                                      "'72h'")), TODAY)


def test_declared_duties_survive_the_merge_with_configuration() -> None:
    from tests.checks.helpers import run
    from voipscan.checks import Status
    from voipscan.facts import System
    from voipscan.sources.merge import merge

    declared = read_declarations(SAMPLE, TODAY).system
    system, _ = merge("pbx", [("config", System("pbx")), ("declared", declared)])
    assert run("organisation.security_assessment", system) == {"assessment": Status.PASS}
    assert run("organisation.incident_response", system, max_exercise_age_days=90) == {
        "incident-response:plan": Status.PASS, "incident-response:exercise": Status.FAIL}
