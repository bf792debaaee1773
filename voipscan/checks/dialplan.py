"""Toll fraud through the dialplan: what callers without credentials can reach."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Finding, Severity, check
from voipscan.facts import AuthType, Endpoint, EndpointKind


def _unauthenticated(ctx: CheckContext) -> Iterator[Endpoint | Finding]:
    """Endpoints anyone can use: guests, and endpoints that take calls without credentials."""
    if not ctx.system.endpoints_known:
        yield ctx.unknown("system", "No endpoints in the evidence: provide the SIP config.")
        return
    open_ = [e for e in ctx.system.endpoints
             if e.kind is EndpointKind.GUEST or e.auth_type.value is AuthType.NONE]
    if not open_:
        yield ctx.not_applicable("system", "No endpoint accepts calls without credentials.")
    yield from open_


@check(
    id="dialplan.guest_outbound",
    title="Unauthenticated callers cannot dial out",
    severity=Severity.CRITICAL,
    category="toll-fraud",
    rationale="A guest, anonymous or address-trusted caller whose dialplan context reaches an "
    "outbound route places international calls at the PBX owner's cost: the classic toll "
    "fraud that empties a SIP trunk account in a weekend.",
    remediation={
        "default": "Send unauthenticated calls to a context that only reaches your own DIDs; "
        "never include outbound routes there.",
        "asterisk": "sip.conf allowguest=no; remove the pjsip 'anonymous' endpoint or point "
        "its context= at an inbound-only context; do not include outbound contexts from "
        "[public]/[default].",
        "freepbx": "Settings > Asterisk SIP Settings: Allow Anonymous Inbound SIP Calls = No, "
        "Allow SIP Guests = No.",
        "freeswitch": "Keep auth-calls=true on every profile; on the external profile route "
        "unauthenticated calls to a 'public' context that only transfers your own DIDs, and "
        "never bridge to a gateway from it.",
        "kamailio": "Load auth_db (or auth_radius) and challenge INVITEs from unknown sources "
        "before t_relay to a gateway; restrict trunk traffic with permissions/allow_source.",
    },
)
def guest_outbound(ctx: CheckContext) -> Iterator[Finding]:
    for item in _unauthenticated(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        yield ctx.judge(
            f"endpoint:{item.name}", "reaches_outbound", item.reaches_outbound,
            good="Its dialplan context reaches no outbound route.",
            bad="Callers without credentials can dial out through a trunk.",
            missing="Not known whether its dialplan context reaches an outbound route.",
            want=False,
        )


@check(
    id="dialplan.guest_voicemail",
    title="Unauthenticated callers cannot reach voicemail administration",
    severity=Severity.HIGH,
    category="toll-fraud",
    rationale="VoiceMailMain lets a caller log in to any mailbox by number and PIN: from an "
    "unauthenticated context it invites PIN brute force, eavesdropping on messages and "
    "call-back fraud.",
    remediation={
        "default": "Offer voicemail login only to authenticated internal users.",
        "asterisk": "Remove VoiceMailMain (and the sample [demo] context) from contexts "
        "included by [public], [default] or guest/anonymous contexts.",
        "freeswitch": "Do not route the public context to voicemail check (*98 in the vanilla "
        "dialplan) or to the voicemail app with check=true.",
    },
)
def guest_voicemail(ctx: CheckContext) -> Iterator[Finding]:
    for item in _unauthenticated(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        yield ctx.judge(
            f"endpoint:{item.name}", "reaches_voicemail", item.reaches_voicemail,
            good="Its dialplan context offers no voicemail login.",
            bad="Callers without credentials reach VoiceMailMain.",
            missing="Not known whether its dialplan context reaches VoiceMailMain.",
            want=False,
        )
