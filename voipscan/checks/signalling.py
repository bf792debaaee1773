"""Signalling: SIP over TLS, and the TLS versions it allows."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import (
    CheckContext,
    Finding,
    Param,
    ParamKind,
    Severity,
    check,
    evidence,
)
from voipscan.facts import Exposure, SipTransport, TlsVersion


def _versions(versions: frozenset[TlsVersion]) -> str:
    return ", ".join(v.value for v in sorted(versions, key=lambda v: v.rank)) or "none"


def _tls_transports(ctx: CheckContext) -> Iterator[SipTransport | Finding]:
    """Yield TLS transports, or the finding that explains why there are none to judge."""
    if not ctx.system.transports_known:
        yield ctx.unknown("system", "No SIP transports in the evidence: provide the SIP config.")
        return
    tls = [t for t in ctx.system.transports
           if t.protocol.value is not None and t.protocol.value.encrypted]
    undecided = [t for t in ctx.system.transports if t.protocol.value is None]
    for transport in undecided:
        yield ctx.unknown(
            f"transport:{transport.name}", "Transport protocol unknown.",
            evidence("protocol", transport.protocol),
        )
    if not tls and not undecided:
        yield ctx.not_applicable("system", "No TLS transport configured.")
    yield from tls


@check(
    id="signalling.tls",
    title="SIP signalling uses TLS",
    severity=Severity.HIGH,
    category="signalling",
    rationale=(
        "SIP over UDP or TCP exposes who calls whom, credentials digests and, with SDES, the "
        "media keys. Signalling must be encrypted with TLS (or WSS)."
    ),
    remediation={
        "default": "Disable UDP/TCP SIP transports reachable from the network; use TLS (5061).",
        "asterisk": "In pjsip.conf use a transport with protocol=tls and remove udp/tcp "
        "transports bound to network addresses.",
        "freeswitch": "Set tls=true and tls-only=true on the sofia profiles.",
        "kamailio": "Load the tls module, listen=tls:ADDR:5061 and drop udp/tcp listen lines.",
        "freepbx": "Settings > Asterisk SIP Settings: enable TLS, disable UDP/TCP bindings.",
    },
)
def signalling_tls(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.system.transports_known:
        yield ctx.unknown("system", "No SIP transports in the evidence: provide the SIP config.")
        return
    if not ctx.system.transports:
        yield ctx.not_applicable("system", "No SIP transports configured.")
        return
    for t in ctx.system.transports:
        resource = f"transport:{t.name}"
        proto = evidence("protocol", t.protocol)
        if t.protocol.value is None:
            yield ctx.unknown(resource, "Transport protocol unknown.", proto)
        elif t.protocol.value.encrypted:
            yield ctx.passed(resource, f"Signalling over {t.protocol.value.value}.", proto)
        elif t.exposure.value is Exposure.LOOPBACK:
            yield ctx.passed(
                resource, "Cleartext transport bound to loopback only.", proto,
                evidence("exposure", t.exposure),
            )
        else:
            yield ctx.failed(
                resource, f"Cleartext SIP over {t.protocol.value.value}.", proto,
                evidence("bind", t.bind),
            )


@check(
    id="signalling.tls13",
    title="TLS 1.3 is offered for SIP signalling",
    severity=Severity.MEDIUM,
    category="signalling",
    rationale="TLS 1.3 removes legacy key exchange and ciphers; baselines ask for it.",
    remediation={
        "default": "Allow TLS 1.3 on every SIP-TLS listener.",
        "asterisk": "pjsip.conf transport: method=tlsv1_3 (Asterisk 20+), or a build where "
        "'default' negotiates 1.3.",
        "freeswitch": "Sofia profile: tls-version=tlsv1.2,tlsv1.3 (or tlsv1.3).",
        "kamailio": "tls.cfg: method = TLSv1.2+ (allows 1.3) or TLSv1.3 (5.8+).",
    },
)
def tls13_offered(ctx: CheckContext) -> Iterator[Finding]:
    for item in _tls_transports(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        resource = f"transport:{item.name}"
        ev = evidence("tls_versions", item.tls_versions, _versions)
        if item.tls_versions.value is None:
            yield ctx.unknown(resource, "TLS versions not known.", ev)
        elif TlsVersion.TLS1_3 in item.tls_versions.value:
            older = sorted(
                (v for v in item.tls_versions.value if v is not TlsVersion.TLS1_3),
                key=lambda v: v.rank,
            )
            extra = f" (also accepts {_versions(frozenset(older))})" if older else ""
            yield ctx.passed(resource, f"TLS 1.3 offered{extra}.", ev)
        else:
            yield ctx.failed(resource, "TLS 1.3 is not offered.", ev)


@check(
    id="signalling.tls_min_version",
    title="No TLS version below the minimum is accepted",
    severity=Severity.HIGH,
    category="signalling",
    rationale="SSL 3, TLS 1.0 and 1.1 are deprecated (RFC 8996) and open to downgrade attacks.",
    remediation={
        "default": "Refuse every TLS version below the minimum on SIP-TLS listeners.",
        "asterisk": "pjsip.conf transport: method=tlsv1_2 or tlsv1_3 (never tlsv1, sslv23).",
        "freeswitch": "Sofia profile tls-version: list only tlsv1.2 and tlsv1.3.",
        "kamailio": "tls.cfg: method = TLSv1.2+.",
    },
    params=[Param("min_version", ParamKind.TLS_VERSION, "TLSv1.2", "lowest TLS version allowed")],
)
def tls_min_version(ctx: CheckContext) -> Iterator[Finding]:
    minimum = TlsVersion.parse(str(ctx.params["min_version"]))
    for item in _tls_transports(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        resource = f"transport:{item.name}"
        ev = evidence("tls_versions", item.tls_versions, _versions)
        if item.tls_versions.value is None:
            yield ctx.unknown(resource, "TLS versions not known.", ev)
            continue
        below = frozenset(v for v in item.tls_versions.value if v.rank < minimum.rank)
        if below:
            yield ctx.failed(
                resource, f"Accepts {_versions(below)}, below the minimum {minimum.value}.", ev
            )
        elif not item.tls_versions.value:
            yield ctx.failed(resource, "No usable TLS version.", ev)
        else:
            yield ctx.passed(resource, f"Nothing below {minimum.value} accepted.", ev)


@check(
    id="signalling.tls_peer_verification",
    title="TLS peers' certificates are verified",
    severity=Severity.MEDIUM,
    category="signalling",
    rationale="Without certificate verification a man in the middle can impersonate a peer.",
    remediation={
        "default": "Verify peer certificates against a trusted CA on SIP-TLS transports.",
        "asterisk": "pjsip.conf transport: verify_server=yes (and verify_client=yes for mTLS).",
        "freeswitch": "Sofia profile: tls-verify-policy=all, tls-verify-date=true.",
        "kamailio": "tls.cfg: verify_certificate = yes with ca_list set.",
    },
)
def tls_peer_verification(ctx: CheckContext) -> Iterator[Finding]:
    for item in _tls_transports(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        yield ctx.judge(
            f"transport:{item.name}", "verify_peer", item.verify_peer,
            good="Peer certificates are verified.",
            bad="Peer certificates are not verified.",
            missing="Peer verification not known.",
        )
