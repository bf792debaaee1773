"""Logging: what is logged, how long it is kept, and whether it reaches monitoring."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Finding, Severity, evidence
from voipscan.checks.resources import WHOLE_SYSTEM
from voipscan.facts import System


@check(
    id="logging.events",
    over=WHOLE_SYSTEM,
    title="Calls, configuration changes and access attempts are logged",
    severity=Severity.MEDIUM,
    category="logging",
    rationale="Without these logs fraud and intrusions cannot be detected or investigated.",
    remediation={
        "default": "Log every call (CDR), every configuration change and every login attempt.",
        "asterisk": "cdr.conf enable=yes; logger.conf: add 'security => security'.",
        "freeswitch": "Load mod_cdr_csv or mod_xml_cdr; log-auth-failures=true on profiles.",
    },
)
def events_logged(ctx: CheckContext, system: System) -> Iterator[Finding]:
    log = system.logging
    for name, fact in (
        ("calls", log.calls),
        ("config_changes", log.config_changes),
        ("access_attempts", log.access_attempts),
    ):
        label = name.replace("_", " ")
        yield ctx.judge(
            f"logging:{name}", name, fact,
            good=f"{label.capitalize()} are logged.",
            bad=f"{label.capitalize()} are not logged.",
            missing=f"Not known whether {label} are logged.",
        )


@check(
    id="logging.retention",
    over=WHOLE_SYSTEM,
    title="Logs are kept long enough",
    severity=Severity.MEDIUM,
    category="logging",
    rationale="Incidents are often found months later; baselines ask for 12 months of logs.",
    remediation="Keep security and call logs for at least the profile's minimum (logrotate "
    "rotate count, or retention in the SIEM).",
    params=[Param("min_days", ParamKind.INT, 365, "shortest retention allowed")],
)
def log_retention(ctx: CheckContext, system: System) -> Iterator[Finding]:
    minimum = int(ctx.params["min_days"])
    fact = system.logging.retention_days
    ev = evidence("retention_days", fact)
    if fact.value is None:
        yield ctx.unknown("logging", "Log retention not known.", ev)
    elif fact.value < minimum:
        yield ctx.failed("logging", f"Logs kept {fact.value} days; at least {minimum} required.",
                         ev)
    else:
        yield ctx.passed("logging", f"Logs kept {fact.value} days.", ev)


@check(
    id="logging.forwarding",
    over=WHOLE_SYSTEM,
    title="Logs are forwarded to monitoring",
    severity=Severity.MEDIUM,
    category="logging",
    rationale="Real-time monitoring needs logs off the PBX, where an intruder cannot erase them.",
    remediation={
        "default": "Forward security logs to a SIEM or central syslog with alerting.",
        "asterisk": "logger.conf: add a syslog channel (syslog.local0 => security,warning,error).",
    },
)
def log_forwarding(ctx: CheckContext, system: System) -> Iterator[Finding]:
    yield ctx.judge(
        "logging", "forwarded", system.logging.forwarded,
        good="Logs are forwarded to monitoring.",
        bad="Logs stay on the PBX.",
        missing="Not known whether logs are forwarded.",
    )
