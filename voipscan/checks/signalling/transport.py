"""SIP transports: signalling over TLS, and the TLS versions, cipher suites, peer checks and
client certificates of the TLS ones."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Finding, Severity, evidence
from voipscan.checks.resources import TLS_TRANSPORTS, TRANSPORTS
from voipscan.checks.signalling import cipher_policy
from voipscan.facts import Exposure, SipTransport, TlsVersion


def _versions(versions: frozenset[TlsVersion]) -> str:
    return ", ".join(v.value for v in sorted(versions, key=lambda v: v.rank)) or "none"


@check(
    id="signalling.tls",
    over=TRANSPORTS,
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
def signalling_tls(ctx: CheckContext, transport: SipTransport) -> Iterator[Finding]:
    resource = f"transport:{transport.name}"
    proto = evidence("protocol", transport.protocol)
    if transport.protocol.value is None:
        yield ctx.unknown(resource, "Transport protocol unknown.", proto)
    elif transport.protocol.value.encrypted:
        yield ctx.passed(resource, f"Signalling over {transport.protocol.value.value}.", proto)
    elif transport.exposure.value is Exposure.LOOPBACK:
        yield ctx.passed(
            resource, "Cleartext transport bound to loopback only.", proto,
            evidence("exposure", transport.exposure),
        )
    else:
        yield ctx.failed(
            resource, f"Cleartext SIP over {transport.protocol.value.value}.", proto,
            evidence("bind", transport.bind),
        )


@check(
    id="signalling.tls13",
    over=TLS_TRANSPORTS,
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
def tls13_offered(ctx: CheckContext, transport: SipTransport) -> Iterator[Finding]:
    resource = f"transport:{transport.name}"
    ev = evidence("tls_versions", transport.tls_versions, _versions)
    if transport.tls_versions.value is None:
        yield ctx.unknown(resource, "TLS versions not known.", ev)
    elif TlsVersion.TLS1_3 in transport.tls_versions.value:
        older = sorted(
            (v for v in transport.tls_versions.value if v is not TlsVersion.TLS1_3),
            key=lambda v: v.rank,
        )
        extra = f" (also accepts {_versions(frozenset(older))})" if older else ""
        yield ctx.passed(resource, f"TLS 1.3 offered{extra}.", ev)
    else:
        yield ctx.failed(resource, "TLS 1.3 is not offered.", ev)


@check(
    id="signalling.tls_min_version",
    over=TLS_TRANSPORTS,
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
def tls_min_version(ctx: CheckContext, transport: SipTransport) -> Iterator[Finding]:
    minimum = TlsVersion.parse(str(ctx.params["min_version"]))
    resource = f"transport:{transport.name}"
    ev = evidence("tls_versions", transport.tls_versions, _versions)
    if transport.tls_versions.value is None:
        yield ctx.unknown(resource, "TLS versions not known.", ev)
        return
    below = frozenset(v for v in transport.tls_versions.value if v.rank < minimum.rank)
    if below:
        yield ctx.failed(
            resource, f"Accepts {_versions(below)}, below the minimum {minimum.value}.", ev
        )
    elif not transport.tls_versions.value:
        yield ctx.failed(resource, "No usable TLS version.", ev)
    else:
        yield ctx.passed(resource, f"Nothing below {minimum.value} accepted.", ev)


@check(
    id="signalling.tls_peer_verification",
    over=TLS_TRANSPORTS,
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
def tls_peer_verification(ctx: CheckContext, transport: SipTransport) -> Iterator[Finding]:
    yield ctx.judge(
        f"transport:{transport.name}", "verify_peer", transport.verify_peer,
        good="Peer certificates are verified.",
        bad="Peer certificates are not verified.",
        missing="Peer verification not known.",
    )


_LISTED = 5


def _ciphers(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:_LISTED])
    return f"{shown} and {len(names) - _LISTED} more" if len(names) > _LISTED else shown or "none"


@check(
    id="signalling.tls_weak_ciphers",
    over=TLS_TRANSPORTS,
    title="No weak TLS cipher suite is accepted",
    severity=Severity.HIGH,
    category="signalling",
    rationale=(
        "NULL, anonymous, EXPORT, RC4, DES/3DES and MD5 suites let an attacker read or forge "
        "SIP signalling (and the SDES media keys it carries) despite TLS. Suites without "
        "forward secrecy (static RSA key exchange) expose every recorded session once the "
        "server key leaks; CBC suites with SHA-1 MACs are legacy. The profile's cipher policy "
        "says which accepted suites pass: Mozilla 'intermediate' by default, or 'strict' "
        "(forward secrecy and AEAD only)."
    ),
    remediation={
        "default": "Allow only ECDHE suites with AES-GCM or ChaCha20-Poly1305 (and TLS 1.3).",
        "asterisk": "pjsip.conf transport: cipher=ECDHE-ECDSA-AES128-GCM-SHA256,"
        "ECDHE-RSA-AES128-GCM-SHA256,... (no RC4, 3DES, NULL, aNULL, EXPORT).",
        "freeswitch": "Sofia profile: tls-ciphers=ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!3DES.",
        "kamailio": "tls.cfg: cipher_list = ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!3DES.",
    },
    params=[Param("cipher_policy", ParamKind.STR, cipher_policy.DEFAULT,
                  "accepted suites allowed: intermediate (Mozilla) or strict (forward "
                  "secrecy and AEAD only); weak suites fail under both")],
)
def tls_weak_ciphers(ctx: CheckContext, transport: SipTransport) -> Iterator[Finding]:
    resource = f"transport:{transport.name}"
    ev = evidence("weak_ciphers", transport.weak_ciphers, _ciphers)
    ev_accepted = evidence("accepted_ciphers", transport.accepted_ciphers,
                           cipher_policy.by_version)
    policy = cipher_policy.check_policy(str(ctx.params["cipher_policy"]))
    label = f"cipher policy {policy}: {cipher_policy.POLICIES[policy]}"
    weak = transport.weak_ciphers.value
    if weak:
        yield ctx.failed(resource, f"Accepts {len(weak)} weak cipher suite(s): "
                         f"{_ciphers(weak)}.", ev, ev_accepted)
        return
    accepted = transport.accepted_ciphers.value
    if accepted is not None:
        outside = [v for v in (cipher_policy.violation(policy, e) for e in accepted) if v]
        if outside:
            shown = _ciphers(tuple(v.describe() for v in outside))
            yield ctx.failed(resource, f"Accepts {len(outside)} of {len(accepted)} suite(s) "
                             f"outside the {label}: {shown}.", ev_accepted, ev,
                             severity=Severity.MEDIUM)
        elif weak is not None:
            yield ctx.passed(resource, f"All {len(accepted)} accepted suite(s) meet the "
                             f"{label}.", ev_accepted, ev)
        else:
            yield ctx.unknown(resource, "Weak cipher suites not known.", ev, ev_accepted)
        return
    if weak is None:
        yield ctx.unknown(resource, "Accepted cipher suites not known.", ev, ev_accepted)
    elif transport.accepted_ciphers.note:  # a live audit that could not list every suite
        yield ctx.unknown(resource, f"No weak cipher suite seen, but the {label} cannot be "
                          "judged without every accepted suite.", ev, ev_accepted)
    else:  # a configuration: only the weak suites are known
        yield ctx.passed(resource, "No weak cipher suite accepted.", ev)


@check(
    id="signalling.tls_mutual_auth",
    over=TLS_TRANSPORTS,
    title="SIP-TLS clients must present a certificate (mutual TLS)",
    severity=Severity.LOW,
    category="signalling",
    rationale=(
        "With mutual TLS only devices holding a certificate from the organisation's CA can "
        "even reach the SIP layer: stolen passwords alone no longer register a phone or trunk."
    ),
    remediation={
        "default": "Require and verify client certificates on SIP-TLS listeners for trunks "
        "and managed phones.",
        "asterisk": "pjsip.conf transport: verify_client=yes, require_client_cert=yes, "
        "ca_list_file=<your CA>.",
        "freeswitch": "Sofia profile: tls-verify-policy=in (or all), tls-verify-in-subjects.",
        "kamailio": "tls.cfg server domain: verify_certificate = yes, "
        "require_certificate = yes, ca_list = <your CA>.",
    },
)
def tls_mutual_auth(ctx: CheckContext, transport: SipTransport) -> Iterator[Finding]:
    yield ctx.judge(
        f"transport:{transport.name}", "client_cert_required", transport.client_cert_required,
        good="Clients must present a certificate.",
        bad="Clients may connect without a certificate.",
        missing="Whether client certificates are required is not known.",
    )
