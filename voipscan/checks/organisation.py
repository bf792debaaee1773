"""What the organisation does around its telephony: external security assessments, an
incident response plan that is kept current and exercised, and the privacy duties (a
processing register, a breach reporting procedure). Declared evidence: fresh passes, stale
fails, absent is evidence required."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Evidence, Finding, Severity, evidence
from voipscan.checks.resources import WHOLE_SYSTEM
from voipscan.facts import Fact, System


def _day(day: dt.date) -> str:
    return day.isoformat()


def _age(ctx: CheckContext, resource: str, what: str, name: str, fact: Fact[dt.date],
         limit: int, *extra: Evidence) -> Finding:
    """Pass when ``fact`` is at most ``limit`` days old, fail when older, else unknown."""
    ev = evidence(name, fact, _day)
    if fact.value is None:
        return ctx.unknown(resource, f"{what}: no date in the evidence (declare it).", ev,
                           *extra)
    age = (ctx.now.date() - fact.value).days
    if age > limit:
        return ctx.failed(resource, f"{what}: {fact.value.isoformat()}, {age} days ago; at "
                          f"most {limit} allowed.", ev, *extra)
    return ctx.passed(resource, f"{what}: {fact.value.isoformat()}, {age} days ago.", ev,
                      *extra)


def _days(name: str, default: int, what: str) -> Param:
    return Param(name, ParamKind.INT, default, f"longest time since {what} (days)")


@check(
    id="organisation.security_assessment",
    over=WHOLE_SYSTEM,
    title="An external security assessment was done within the period",
    severity=Severity.MEDIUM,
    category="governance",
    rationale="Configuration checks see only what is configured; an external assessment "
    "(penetration test, audit) finds what no checklist covers, and the baseline asks for one "
    "at least annually.",
    remediation="Have the telephony assessed by an external party at least once per period "
    "and declare the day it ended (security_assessment.last_external) and who did it "
    "(security_assessment.assessor).",
    params=[_days("max_age_days", 365, "the last external assessment")],
)
def security_assessment(ctx: CheckContext, system: System) -> Iterator[Finding]:
    org = system.organisation
    yield _age(ctx, "assessment", "Last external security assessment",
               "last_external_assessment", org.last_external_assessment,
               int(ctx.params["max_age_days"]), evidence("assessor", org.assessor))


@check(
    id="organisation.incident_response",
    over=WHOLE_SYSTEM,
    title="An incident response plan is current and exercised",
    severity=Severity.MEDIUM,
    category="governance",
    rationale="Toll fraud and PBX compromise are measured in hours: a plan nobody has read "
    "or practised since it was written does not shorten them.",
    remediation="Review the incident response plan (incident_response.plan_reviewed) and "
    "exercise it (incident_response.last_exercise) at least once per period.",
    params=[_days("max_plan_age_days", 365, "the plan's last review"),
            _days("max_exercise_age_days", 365, "the last exercise")],
)
def incident_response(ctx: CheckContext, system: System) -> Iterator[Finding]:
    org = system.organisation
    yield _age(ctx, "incident-response:plan", "Incident response plan last reviewed",
               "incident_plan_reviewed", org.incident_plan_reviewed,
               int(ctx.params["max_plan_age_days"]))
    yield _age(ctx, "incident-response:exercise", "Incident response last exercised",
               "incident_last_exercise", org.incident_last_exercise,
               int(ctx.params["max_exercise_age_days"]))


@check(
    id="organisation.processing_register",
    over=WHOLE_SYSTEM,
    title="The processing register covers telephony data and is kept current",
    severity=Severity.MEDIUM,
    category="privacy",
    rationale="GDPR Art. 30: every processing of personal data, call records and recordings "
    "included, is in the register of processing activities; an entry not reviewed since the "
    "telephony changed describes another system.",
    remediation="Record the telephony processing (calls, recordings, logs) in the processing "
    "register, review it at least once per period and declare the day "
    "(privacy.processing_register_reviewed).",
    params=[_days("max_age_days", 365, "the register's last review")],
)
def processing_register(ctx: CheckContext, system: System) -> Iterator[Finding]:
    yield _age(ctx, "processing-register", "Processing register last reviewed",
               "processing_register_reviewed", system.organisation.processing_register_reviewed,
               int(ctx.params["max_age_days"]))


@check(
    id="organisation.breach_reporting",
    over=WHOLE_SYSTEM,
    title="A data breach reporting procedure meets the 72-hour deadline",
    severity=Severity.MEDIUM,
    category="privacy",
    rationale="GDPR Art. 33: a personal data breach is reported to the supervisory authority "
    "within 72 hours of becoming aware of it; that only happens with a procedure people know.",
    remediation="Keep a breach reporting procedure that notifies the authority within 72 "
    "hours, review it at least once per period, and declare privacy.breach_procedure_reviewed "
    "and privacy.breach_notification_hours.",
    params=[_days("max_age_days", 365, "the procedure's last review"),
            Param("max_notification_hours", ParamKind.INT, 72,
                  "latest notification of the authority the procedure may set (hours)")],
)
def breach_reporting(ctx: CheckContext, system: System) -> Iterator[Finding]:
    org = system.organisation
    yield _age(ctx, "breach-procedure", "Breach reporting procedure last reviewed",
               "breach_procedure_reviewed", org.breach_procedure_reviewed,
               int(ctx.params["max_age_days"]))
    limit = int(ctx.params["max_notification_hours"])
    hours = org.breach_notification_hours
    ev = evidence("breach_notification_hours", hours)
    if hours.value is None:
        yield ctx.unknown("breach-procedure:deadline", "The deadline the procedure sets for "
                          "notifying the authority is not known (declare it).", ev)
    elif hours.value > limit:
        yield ctx.failed("breach-procedure:deadline", f"The procedure notifies the authority "
                         f"within {hours.value} hours; at most {limit} allowed.", ev)
    else:
        yield ctx.passed("breach-procedure:deadline", f"The procedure notifies the authority "
                         f"within {hours.value} hours.", ev)
