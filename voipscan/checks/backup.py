"""Backups: configured, and restores tested."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Finding, Severity, evidence
from voipscan.checks.resources import WHOLE_SYSTEM
from voipscan.facts import System


@check(
    id="backup.configured",
    over=WHOLE_SYSTEM,
    title="Backups are configured",
    severity=Severity.MEDIUM,
    category="resilience",
    rationale="A PBX must be restorable after ransomware or hardware failure.",
    remediation={
        "default": "Schedule regular backups of configuration, voicemail and recordings.",
        "freepbx": "Admin > Backup & Restore: add a scheduled backup to remote storage.",
    },
)
def configured(ctx: CheckContext, system: System) -> Iterator[Finding]:
    yield ctx.judge(
        "backup", "configured", system.backup.configured,
        good="Backups configured.", bad="No backups configured.",
        missing="Not known whether backups are configured.",
    )


@check(
    id="backup.restore_tested",
    over=WHOLE_SYSTEM,
    title="Restores are tested regularly",
    severity=Severity.LOW,
    category="resilience",
    rationale="An untested backup is a hope, not a recovery plan.",
    remediation="Restore a backup to a test system at least once per period and record the date.",
    params=[Param("max_age_days", ParamKind.INT, 365, "longest time since the last restore test")],
)
def restore_tested(ctx: CheckContext, system: System) -> Iterator[Finding]:
    limit = int(ctx.params["max_age_days"])
    fact = system.backup.last_restore_test
    ev = evidence("last_restore_test", fact, lambda d: d.isoformat())
    if system.backup.configured.value is False:
        yield ctx.failed("backup", "No backups, so nothing to restore.", ev,
                         evidence("configured", system.backup.configured))
    elif fact.value is None:
        yield ctx.unknown("backup", "Date of the last restore test not known.", ev)
    else:
        age = (ctx.now.date() - fact.value).days
        if age > limit:
            yield ctx.failed("backup", f"Last restore test {age} days ago; at most {limit} "
                             "allowed.", ev)
        else:
            yield ctx.passed("backup", f"Restore tested {age} days ago.", ev)
