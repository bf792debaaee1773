"""Toll fraud through the dialplan: what callers without credentials can reach."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, check
from voipscan.checks.findings import Evidence, Finding, Severity, evidence
from voipscan.checks.resources import DIAL_CONTEXTS, UNAUTHENTICATED_ENDPOINTS
from voipscan.facts import DialContext, Endpoint, Fact


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


_RESTRICT = {
    "default": "Require a PIN, a class of service or an allow-list before international and "
    "premium-rate numbers reach a trunk; block premium-rate prefixes outright where nobody "
    "needs them, and cap spend at the carrier.",
    "asterisk": "extensions.conf: put Authenticate() (a PIN per user or from a file) before "
    "the Dial of international patterns (_00X., _011X., _+X.), answer premium-rate patterns "
    "(_0900X., _1900X.) with Hangup(), or narrow the patterns to the countries you call.",
    "freepbx": "Connectivity > Outbound Routes: give international routes a Route Password "
    "and restrict them to the extensions that need them; add a route that blocks "
    "premium-rate prefixes.",
    "freeswitch": "Dialplan: gate international and premium-rate extensions on a class of "
    "service (<condition field=\"${toll_allow}\" expression=\"international\"/>, set per "
    "directory user), or reject those prefixes before any bridge to a gateway.",
}


def _context(ctx: CheckContext, context: DialContext, name: str, fact: Fact[bool],
             what: str) -> Finding:
    resource = f"context:{context.name}"
    entered = Evidence("entered_by", ", ".join(context.entered_by) or "unknown",
                       context.source)
    ev = evidence(name, fact)
    if fact.value is None:
        return ctx.unknown(resource, f"Not known whether {what} numbers can be dialled "
                           "without a restriction.", ev, entered)
    if fact.value:
        return ctx.failed(resource, f"Phones and trunks entering it dial {what} numbers "
                          "without a PIN, class of service or allow-list.", ev, entered)
    how = f": {fact.note}" if fact.note else "."
    return ctx.passed(resource, f"{what.capitalize()} numbers are restricted or not "
                      f"routed{how}", ev, entered)


@check(
    id="dialplan.international_restricted",
    over=DIAL_CONTEXTS,
    title="International calls from phones and trunks are restricted",
    severity=Severity.HIGH,
    category="toll-fraud",
    rationale="A stolen SIP password or a compromised phone is worth money only when its "
    "context dials abroad: toll fraud runs up international calls within hours. A PIN, a "
    "class of service or an allow-list of destinations limits the damage, and calls to "
    "insecure countries need extra care.",
    remediation=_RESTRICT,
)
def international_restricted(ctx: CheckContext, context: DialContext) -> Iterator[Finding]:
    yield _context(ctx, context, "international", context.international, "international")


@check(
    id="dialplan.premium_restricted",
    over=DIAL_CONTEXTS,
    title="Premium-rate calls from phones and trunks are restricted",
    severity=Severity.HIGH,
    category="toll-fraud",
    rationale="Premium-rate numbers (0900, 0906, 1-900) pay the called party per minute: "
    "fraudsters call their own premium lines from hijacked extensions.",
    remediation=_RESTRICT,
)
def premium_restricted(ctx: CheckContext, context: DialContext) -> Iterator[Finding]:
    yield _context(ctx, context, "premium_rate", context.premium, "premium-rate")
