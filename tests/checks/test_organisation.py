"""organisation.*: declared assessment, incident response and privacy duties pass when fresh,
fail when stale and are evidence required when absent."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.checks.helpers import f, run
from voipscan.checks import Status
from voipscan.facts import Organisation, System

FRESH, STALE = dt.date(2026, 6, 1), dt.date(2025, 6, 1)  # NOW is 2026-11-28


def org(**facts: object) -> System:
    return System("pbx", organisation=Organisation(**{k: f(v) for k, v in facts.items()}))


@pytest.mark.parametrize(("day", "status"), [
    (FRESH, Status.PASS), (STALE, Status.FAIL), (None, Status.UNKNOWN)])
def test_external_assessment_age(day: dt.date | None, status: Status) -> None:
    system = org(last_external_assessment=day, assessor="Example Security B.V.")
    assert run("organisation.security_assessment", system) == {"assessment": status}


def test_assessment_age_follows_the_profile_parameter() -> None:
    system = org(last_external_assessment=FRESH)
    assert run("organisation.security_assessment", system, max_age_days=90) == {
        "assessment": Status.FAIL}


def test_incident_response_plan_and_exercise() -> None:
    assert run("organisation.incident_response", org(
        incident_plan_reviewed=FRESH, incident_last_exercise=FRESH)) == {
        "incident-response:plan": Status.PASS, "incident-response:exercise": Status.PASS}
    assert run("organisation.incident_response", org(
        incident_plan_reviewed=FRESH, incident_last_exercise=STALE)) == {
        "incident-response:plan": Status.PASS, "incident-response:exercise": Status.FAIL}
    assert run("organisation.incident_response", org()) == {
        "incident-response:plan": Status.UNKNOWN, "incident-response:exercise": Status.UNKNOWN}


def test_processing_register_and_breach_reporting() -> None:
    assert run("organisation.processing_register", org(
        processing_register_reviewed=FRESH)) == {"processing-register": Status.PASS}
    assert run("organisation.processing_register", org(
        processing_register_reviewed=STALE)) == {"processing-register": Status.FAIL}
    assert run("organisation.breach_reporting", org(
        breach_procedure_reviewed=FRESH, breach_notification_hours=72)) == {
        "breach-procedure": Status.PASS, "breach-procedure:deadline": Status.PASS}
    assert run("organisation.breach_reporting", org(
        breach_procedure_reviewed=STALE, breach_notification_hours=96)) == {
        "breach-procedure": Status.FAIL, "breach-procedure:deadline": Status.FAIL}
    assert run("organisation.breach_reporting", org()) == {
        "breach-procedure": Status.UNKNOWN, "breach-procedure:deadline": Status.UNKNOWN}
