"""Call recording: consent, retention, access and encryption at rest."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Finding, Severity, evidence
from voipscan.checks.resources import RECORDING
from voipscan.facts import Recording

OPEN_ACCESS = frozenset({"*", "all", "everyone", "any", "users", "all-users"})


@check(
    id="recording.consent",
    over=RECORDING,
    title="Callers are told before a call is recorded",
    severity=Severity.HIGH,
    category="recording",
    rationale="GDPR Art. 6-7: recording needs a lawful basis and callers must be informed "
    "before recording starts.",
    remediation={
        "default": "Play an announcement (or a periodic beep) before recording starts.",
        "asterisk": "Play a prompt before MixMonitor, or use MixMonitor's B() periodic beep.",
    },
)
def consent(ctx: CheckContext, recording: Recording) -> Iterator[Finding]:
    yield ctx.judge(
        "recording", "consent_notice", recording.consent_notice,
        good="Callers hear a notice before recording.",
        bad="Calls are recorded without notice.",
        missing="Not known whether callers are told about recording.",
    )


@check(
    id="recording.retention",
    over=RECORDING,
    title="Recordings are kept within the retention bounds",
    severity=Severity.MEDIUM,
    category="recording",
    rationale="Keep recordings no longer than needed (GDPR Art. 5(1)(e)) but as long as "
    "sector rules demand (financial: 7 years).",
    remediation="Set automatic deletion of recordings at the profile's retention period.",
    params=[
        Param("min_days", ParamKind.INT, 0, "shortest retention required (0: none)"),
        Param("max_days", ParamKind.INT, 0, "longest retention allowed (0: no limit)"),
    ],
)
def retention(ctx: CheckContext, recording: Recording) -> Iterator[Finding]:
    low, high = int(ctx.params["min_days"]), int(ctx.params["max_days"])
    fact = recording.retention_days
    ev = evidence("retention_days", fact, lambda d: "unlimited" if d <= 0 else f"{d} days")
    if fact.value is None:
        yield ctx.unknown("recording", "Recording retention not known.", ev)
    elif fact.value <= 0 and high:
        yield ctx.failed("recording", f"Recordings kept forever; at most {high} days allowed.", ev)
    elif high and fact.value > high:
        yield ctx.failed("recording", f"Recordings kept {fact.value} days; at most {high} "
                         "allowed.", ev)
    elif low and 0 < fact.value < low:
        yield ctx.failed("recording", f"Recordings kept {fact.value} days; at least {low} "
                         "required.", ev)
    else:
        kept = "forever" if fact.value <= 0 else f"{fact.value} days"
        yield ctx.passed("recording", f"Recordings kept {kept}.", ev)


@check(
    id="recording.access",
    over=RECORDING,
    title="Access to recordings is restricted",
    severity=Severity.HIGH,
    category="recording",
    rationale="Recordings are personal data; only authorised staff may listen to them.",
    remediation="Limit access to recordings to named roles, and log every access.",
)
def access(ctx: CheckContext, recording: Recording) -> Iterator[Finding]:
    roles = evidence("access_roles", recording.access_roles, lambda r: ", ".join(r) or "none")
    restricted = evidence("access_restricted", recording.access_restricted)
    open_roles = OPEN_ACCESS.intersection(r.lower() for r in recording.access_roles.value or ())
    if open_roles or recording.access_restricted.value is False:
        yield ctx.failed("recording", "Recordings are open to everyone.", restricted, roles)
    elif recording.access_restricted.value:
        yield ctx.passed("recording", "Access limited to named roles.", restricted, roles)
    else:
        yield ctx.unknown("recording", "Not known who may access recordings.", restricted, roles)


@check(
    id="recording.encrypted_at_rest",
    over=RECORDING,
    title="Recordings are encrypted at rest",
    severity=Severity.MEDIUM,
    category="recording",
    rationale="Stolen disks or backups must not reveal recorded calls.",
    remediation="Store recordings on encrypted storage or encrypt each file.",
)
def encrypted_at_rest(ctx: CheckContext, recording: Recording) -> Iterator[Finding]:
    yield ctx.judge(
        "recording", "encrypted_at_rest", recording.encrypted_at_rest,
        good="Recordings encrypted at rest.",
        bad="Recordings stored unencrypted.",
        missing="Not known whether recordings are encrypted at rest.",
    )
