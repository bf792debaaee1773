"""PBX hardening details the core checks do not cover: OPTIONS probing and logins."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Finding, Severity, check
from voipscan.checks.management import _enabled_interfaces


@check(
    id="sip.unauthenticated_options",
    title="SIP OPTIONS are not answered to unauthenticated requests",
    severity=Severity.LOW,
    category="disclosure",
    rationale="Answering OPTIONS without authentication confirms which endpoint names exist "
    "and reveals the server software to scanners (sipvicious svmap).",
    remediation={
        "default": "Challenge OPTIONS requests like INVITEs.",
        "asterisk": "pjsip.conf: allow_unauthenticated_options=no (the default); sip.conf: "
        "auth_options_requests=yes.",
    },
)
def unauthenticated_options(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.system.endpoints_known:
        yield ctx.unknown("system", "No endpoints in the evidence.")
        return
    if not ctx.system.endpoints:
        yield ctx.not_applicable("system", "No endpoints configured.")
    for endpoint in ctx.system.endpoints:
        yield ctx.judge(
            f"endpoint:{endpoint.name}", "unauthenticated_options",
            endpoint.unauthenticated_options,
            good="OPTIONS require authentication.",
            bad="OPTIONS are answered without authentication.",
            missing="Not known whether OPTIONS are authenticated.",
            want=False,
        )


@check(
    id="management.login_required",
    title="Management interfaces require a login",
    severity=Severity.CRITICAL,
    category="management",
    rationale="An administration interface without authentication hands the PBX, its "
    "trunks and its recordings to anyone who can reach it.",
    remediation={
        "default": "Require authentication on every management interface.",
        "freepbx": "Advanced Settings: Authorization Type (AUTHTYPE) = usermanager or "
        "database, never none.",
    },
)
def login_required(ctx: CheckContext) -> Iterator[Finding]:
    for item in _enabled_interfaces(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        yield ctx.judge(
            f"management:{item.name}", "login_required", item.login_required,
            good="A login is required.",
            bad="Anyone who reaches it is let in without a login.",
            missing="Not known whether a login is required.",
        )
