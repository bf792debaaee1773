"""SIP authentication of endpoints and trunks."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Finding, Severity, check, evidence
from voipscan.facts import AuthType


@check(
    id="sip.endpoint_authentication",
    title="Endpoints authenticate with credentials, not only by address",
    severity=Severity.HIGH,
    category="access",
    rationale="Endpoints that accept calls without authentication, or trust a source address "
    "alone, let anyone who can spoof or reach that address place toll calls.",
    remediation={
        "default": "Require digest or certificate authentication on every endpoint; keep IP "
        "authentication for trunks only, with /32 matches.",
        "asterisk": "pjsip.conf: give each endpoint an auth= object; narrow identify match= "
        "to single addresses; in sip.conf set allowguest=no and drop insecure=invite.",
        "freeswitch": "auth-calls=true on profiles; remove cidr= from directory users.",
    },
)
def endpoint_authentication(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.system.endpoints_known:
        yield ctx.unknown("system", "No endpoints in the evidence.")
        return
    if not ctx.system.endpoints:
        yield ctx.not_applicable("system", "No endpoints configured.")
    for ep in ctx.system.endpoints:
        resource = f"endpoint:{ep.name}"
        auth = evidence("auth_type", ep.auth_type)
        ip_only = evidence("ip_auth_only", ep.ip_auth_only)
        if ep.auth_type.value is AuthType.NONE:
            yield ctx.failed(resource, "Accepts requests without authentication.", auth)
        elif ep.ip_auth_only.value or ep.auth_type.value is AuthType.IP:
            yield ctx.failed(resource, "Authenticated by source address only.", auth, ip_only)
        elif ep.auth_type.value is None:
            yield ctx.unknown(resource, "Authentication method not known.", auth)
        else:
            yield ctx.passed(resource, f"Authenticates with {ep.auth_type.value.value}.", auth)
