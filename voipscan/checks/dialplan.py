"""Toll fraud through the dialplan: what callers without credentials can reach."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, check
from voipscan.checks.findings import Finding, Severity
from voipscan.checks.resources import UNAUTHENTICATED_ENDPOINTS
from voipscan.facts import Endpoint


@check(
    id="dialplan.guest_outbound",
    over=UNAUTHENTICATED_ENDPOINTS,
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
        "[public]/[default]; never DISA(no-password,...).",
        "asterisk/endpoint:iax:": "iax.conf: remove the [guest] user (or give it a secret) "
        "and point context= of IAX users at contexts that reach no outbound route; never "
        "context=* .",
        "freepbx": "Settings > Asterisk SIP Settings: Allow Anonymous Inbound SIP Calls = No, "
        "Allow SIP Guests = No.",
        "freeswitch": "Keep auth-calls=true on every profile; on the external profile route "
        "unauthenticated calls to a 'public' context that only transfers your own DIDs, and "
        "never bridge to a gateway from it.",
        "kamailio": "Load auth_db (or auth_radius) and challenge INVITEs from unknown sources "
        "before t_relay to a gateway; restrict trunk traffic with permissions/allow_source.",
    },
)
def guest_outbound(ctx: CheckContext, endpoint: Endpoint) -> Iterator[Finding]:
    yield ctx.judge(
        f"endpoint:{endpoint.name}", "reaches_outbound", endpoint.reaches_outbound,
        good="Its dialplan context reaches no outbound route.",
        bad="Callers without credentials can dial out through a trunk.",
        missing="Not known whether its dialplan context reaches an outbound route.",
        want=False,
    )


@check(
    id="dialplan.guest_voicemail",
    over=UNAUTHENTICATED_ENDPOINTS,
    title="Unauthenticated callers cannot reach voicemail administration",
    severity=Severity.HIGH,
    category="toll-fraud",
    rationale="VoiceMailMain lets a caller log in to any mailbox by number and PIN: from an "
    "unauthenticated context it invites PIN brute force, eavesdropping on messages and "
    "call-back fraud.",
    remediation={
        "default": "Offer voicemail login only to authenticated internal users.",
        "asterisk": "extensions.conf: remove VoiceMailMain (and the sample [demo] context) "
        "from contexts included by [public], [default] or guest/anonymous contexts.",
        "asterisk/endpoint:iax:": "iax.conf: remove the [guest] user or point its context= "
        "at a context that does not include [demo] or any VoiceMailMain extension.",
        "freeswitch": "Do not route the public context to voicemail check (*98 in the vanilla "
        "dialplan) or to the voicemail app with check=true.",
    },
)
def guest_voicemail(ctx: CheckContext, endpoint: Endpoint) -> Iterator[Finding]:
    yield ctx.judge(
        f"endpoint:{endpoint.name}", "reaches_voicemail", endpoint.reaches_voicemail,
        good="Its dialplan context offers no voicemail login.",
        bad="Callers without credentials reach VoiceMailMain.",
        missing="Not known whether its dialplan context reaches VoiceMailMain.",
        want=False,
    )
