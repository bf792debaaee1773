"""SIP: how endpoints authenticate, and what the SIP service gives away to anyone who asks.

Disclosures are recorded by kind: 'software-version' (a Server/User-Agent header carrying a
version number) and 'user-enumeration' (valid user names answered differently).
"""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, check
from voipscan.checks.findings import Evidence, Finding, Severity, evidence
from voipscan.checks.resources import ENDPOINTS, WHOLE_SYSTEM
from voipscan.facts import AuthType, Disclosure, Endpoint, OriginKind, System

VERSION = "software-version"
USER_ENUMERATION = "user-enumeration"


def _resource(disclosure: Disclosure) -> str:
    """A probed address names the transport that answered; a config file is the system."""
    source = disclosure.source
    if source is not None and source.kind in (OriginKind.PROBE, OriginKind.CAPTURE):
        return f"transport:{source.location}"
    return "system"


def _evidence(name: str, disclosure: Disclosure) -> Evidence:
    return Evidence(name, disclosure.detail, disclosure.source)


@check(
    id="sip.version_disclosure",
    over=WHOLE_SYSTEM,
    title="SIP replies do not disclose the software version",
    severity=Severity.LOW,
    category="disclosure",
    rationale="A product and version in the Server or User-Agent header lets an attacker pick "
    "matching exploits and tells scanners which systems to target first.",
    remediation={
        "default": "Remove the version from the Server and User-Agent headers, or replace "
        "them with a neutral value.",
        "asterisk": "pjsip.conf [global]: user_agent=<neutral name> (sets User-Agent and "
        "Server); chan_sip: useragent= in sip.conf.",
        "freepbx": "Settings > Asterisk SIP Settings: set User-Agent to a neutral value.",
        "freeswitch": "Sofia profiles: <param name=\"user-agent-string\" value=\"SIP\"/>.",
        "kamailio": "kamailio.cfg: server_signature=no (or server_header=\"Server: SIP\") and "
        "user_agent_header=\"User-Agent: SIP\".",
    },
)
def version_disclosure(ctx: CheckContext, system: System) -> Iterator[Finding]:
    found = [d for d in system.disclosures if d.kind == VERSION]
    by_resource: dict[str, list[Disclosure]] = {}
    for disclosure in found:
        by_resource.setdefault(_resource(disclosure), []).append(disclosure)
    for resource, items in by_resource.items():
        details = "; ".join(d.detail for d in items)
        yield ctx.failed(resource, f"Discloses its software: {details}",
                         *(_evidence("header", d) for d in items))
    if found:
        return
    if _no_sip_service(system):
        yield ctx.not_applicable("system", _NO_SIP_SERVICE)
        return
    if not system.disclosures_known:
        yield ctx.unknown("system", "No SIP reply inspected: no transport answered a SIP "
                          "request, so what it discloses is not known.")
        return
    services = [t for t in system.transports if t.protocol.known]
    if not services:
        yield ctx.unknown("system", "No SIP transport known whose replies could be judged.")
        return
    yield ctx.passed("system", "No software version in the Server or User-Agent headers.",
                     *(evidence(f"transport:{t.name}", t.protocol) for t in services))


_NO_SIP_SERVICE = "No SIP transport configured: nothing answers SIP requests."


def _no_sip_service(system: System) -> bool:
    return system.transports_known and not system.transports


@check(
    id="sip.user_enumeration",
    over=WHOLE_SYSTEM,
    title="Valid user names cannot be told apart from invalid ones",
    severity=Severity.MEDIUM,
    category="disclosure",
    rationale="When a REGISTER or OPTIONS for an existing user gets another answer than for "
    "a made-up one (the classic 401 versus 404), valid extensions can be listed and then "
    "brute-forced; every SIP scanning toolkit automates this.",
    remediation={
        "default": "Answer requests for unknown users exactly like those for known users: "
        "challenge first, with the same status and reason.",
        "asterisk": "chan_sip: alwaysauthreject=yes in sip.conf; PJSIP challenges unknown "
        "endpoints with 401 by default: do not answer them from a catch-all endpoint.",
        "kamailio": "Challenge (auth_challenge/www_authorize) before any user lookup and "
        "reply the same way whether the user exists or not.",
    },
)
def user_enumeration(ctx: CheckContext, system: System) -> Iterator[Finding]:
    fact = system.user_enumeration
    if _no_sip_service(system) and not fact.value:
        yield ctx.not_applicable("system", _NO_SIP_SERVICE)
        return
    if fact.value is None:
        yield ctx.unknown("system", "Not tested: give --enumerate USER to 'voipscan scan host'.",
                          evidence("user_enumeration", fact))
        return
    if not fact.value:
        yield ctx.passed("system", "Known and made-up users get the same answer.",
                         evidence("user_enumeration", fact))
        return
    leaks = [d for d in system.disclosures if d.kind == USER_ENUMERATION]
    by_resource: dict[str, list[Disclosure]] = {}
    for leak in leaks:
        by_resource.setdefault(_resource(leak), []).append(leak)
    for resource, items in by_resource.items():
        details = "; ".join(d.detail for d in items)
        yield ctx.failed(resource, f"Users can be enumerated: {details}",
                         *(_evidence("replies", d) for d in items))
    if not leaks:
        yield ctx.failed("system", "Users can be enumerated.", evidence("user_enumeration", fact))


@check(
    id="sip.endpoint_authentication",
    over=ENDPOINTS,
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
        "asterisk/endpoint:iax:": "iax.conf: give every user a long random secret (auth=md5, "
        "never plaintext) or RSA keys (auth=rsa with inkeys), and remove the [guest] user.",
    },
)
def endpoint_authentication(ctx: CheckContext, endpoint: Endpoint) -> Iterator[Finding]:
    resource = f"endpoint:{endpoint.name}"
    auth = evidence("auth_type", endpoint.auth_type)
    ip_only = evidence("ip_auth_only", endpoint.ip_auth_only)
    if endpoint.auth_type.value is AuthType.NONE:
        yield ctx.failed(resource, "Accepts requests without authentication.", auth)
    elif endpoint.ip_auth_only.value or endpoint.auth_type.value is AuthType.IP:
        yield ctx.failed(resource, "Authenticated by source address only.", auth, ip_only)
    elif endpoint.auth_type.value is None:
        yield ctx.unknown(resource, "Authentication method not known.", auth)
    else:
        yield ctx.passed(resource, f"Authenticates with {endpoint.auth_type.value.value}.",
                         auth)


@check(
    id="sip.unauthenticated_options",
    over=ENDPOINTS,
    title="SIP OPTIONS are not answered to unauthenticated requests",
    severity=Severity.LOW,
    category="disclosure",
    rationale="Answering OPTIONS without authentication confirms which endpoint names exist "
    "and reveals the server software to scanners (sipvicious svmap).",
    remediation={
        "default": "Challenge OPTIONS requests like INVITEs.",
        "asterisk": "pjsip.conf: allow_unauthenticated_options=no (the default); sip.conf: "
        "auth_options_requests=yes.",
        "asterisk/endpoint:iax:": "IAX2 has no SIP OPTIONS: give its users secrets in "
        "iax.conf (see sip.endpoint_authentication).",
    },
)
def unauthenticated_options(ctx: CheckContext, endpoint: Endpoint) -> Iterator[Finding]:
    if endpoint.technology != "sip":
        yield ctx.not_applicable(f"endpoint:{endpoint.name}", f"A {endpoint.technology} "
                                 "endpoint: SIP OPTIONS do not apply.")
        return
    if endpoint.auth_type.value is AuthType.NONE:
        yield ctx.failed(f"endpoint:{endpoint.name}", "Takes requests without credentials: "
                         "OPTIONS are answered without a challenge.",
                         evidence("auth_type", endpoint.auth_type))
        return
    yield ctx.judge(
        f"endpoint:{endpoint.name}", "unauthenticated_options",
        endpoint.unauthenticated_options,
        good="OPTIONS require authentication.",
        bad="OPTIONS are answered without authentication.",
        missing="Not known whether OPTIONS are authenticated.",
        want=False,
    )
