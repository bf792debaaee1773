"""The TLS service of SIP listeners: cipher suites, certificate and client certificates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from voipscan.checks.base import (
    CheckContext,
    Evidence,
    Finding,
    Param,
    ParamKind,
    Severity,
    check,
    evidence,
)
from voipscan.checks.signalling import _tls_transports
from voipscan.facts import Certificate, SipTransport

_LISTED = 5


def _ciphers(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:_LISTED])
    return f"{shown} and {len(names) - _LISTED} more" if len(names) > _LISTED else shown or "none"


@check(
    id="signalling.tls_weak_ciphers",
    title="No weak TLS cipher suite is accepted",
    severity=Severity.HIGH,
    category="signalling",
    rationale=(
        "NULL, anonymous, EXPORT, RC4, DES/3DES and MD5 suites let an attacker read or forge "
        "SIP signalling (and the SDES media keys it carries) despite TLS."
    ),
    remediation={
        "default": "Allow only ECDHE suites with AES-GCM or ChaCha20-Poly1305 (and TLS 1.3).",
        "asterisk": "pjsip.conf transport: cipher=ECDHE-ECDSA-AES128-GCM-SHA256,"
        "ECDHE-RSA-AES128-GCM-SHA256,... (no RC4, 3DES, NULL, aNULL, EXPORT).",
        "freeswitch": "Sofia profile: tls-ciphers=ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!3DES.",
        "kamailio": "tls.cfg: cipher_list = ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!3DES.",
    },
)
def tls_weak_ciphers(ctx: CheckContext) -> Iterator[Finding]:
    for item in _tls_transports(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        resource = f"transport:{item.name}"
        ev = evidence("weak_ciphers", item.weak_ciphers, _ciphers)
        weak = item.weak_ciphers.value
        if weak is None:
            yield ctx.unknown(resource, "Accepted cipher suites not known.", ev)
        elif weak:
            yield ctx.failed(resource, f"Accepts {len(weak)} weak cipher suite(s): "
                             f"{_ciphers(weak)}.", ev)
        else:
            yield ctx.passed(resource, "No weak cipher suite accepted.", ev)


def _describe(cert: Certificate) -> str:
    until = cert.not_after.date().isoformat() if cert.not_after else "unknown expiry"
    key = f"{cert.key_type} {cert.key_bits}" if cert.key_bits else cert.key_type or "key unknown"
    return f"{cert.subject or 'no subject'} (until {until}, {key}, " \
           f"{cert.signature_algorithm or 'signature unknown'})"


@check(
    id="signalling.tls_certificate",
    title="The SIP-TLS certificate is valid, trusted and names the server",
    severity=Severity.HIGH,
    category="signalling",
    rationale=(
        "Phones and trunks that verify certificates refuse an expired, untrusted or misnamed "
        "one; those that do not verify can be impersonated. Small keys and SHA-1 signatures "
        "can be forged. RFC 5922 says how SIP names a server in its certificate."
    ),
    remediation={
        "default": "Install a certificate from a trusted CA that names the SIP domain "
        "(subjectAltName URI sip:<domain> or DNS), RSA >= 2048 or EC >= 256 bits, SHA-256 "
        "signed; renew it before it expires.",
        "asterisk": "pjsip.conf transport: cert_file=, priv_key_file= and ca_list_file= "
        "pointing to the renewed chain; reload the transport.",
        "freeswitch": "Replace agent.pem/cafile.pem in tls-cert-dir and restart the profile.",
        "kamailio": "tls.cfg: certificate = and private_key = the renewed chain; "
        "kamcmd tls.reload.",
    },
    params=[
        Param("expiry_warning_days", ParamKind.INT, 30, "fail when fewer days than this remain"),
        Param("min_rsa_bits", ParamKind.INT, 2048, "smallest acceptable RSA or DSA key"),
        Param("min_ec_bits", ParamKind.INT, 256, "smallest acceptable elliptic-curve key"),
    ],
)
def tls_certificate(ctx: CheckContext) -> Iterator[Finding]:
    for item in _tls_transports(ctx):
        if isinstance(item, Finding):
            yield item
        else:
            yield from _judge_certificate(ctx, item)


def _judge_certificate(ctx: CheckContext, transport: SipTransport) -> Iterator[Finding]:
    resource = f"transport:{transport.name}"
    ev_cert = evidence("certificate", transport.certificate, _describe)
    cert = transport.certificate.value
    if cert is None:
        yield ctx.unknown(resource, "Certificate not known.", ev_cert)
        return
    ev_chain = evidence("chain_valid", cert.chain_valid)
    ev_name = evidence("hostname_match", cert.hostname_match)
    failures: list[tuple[str, Severity | None, Evidence]] = []
    missing: list[str] = []
    failures += _expiry(ctx, cert, missing, ev_cert)
    if cert.chain_valid.value is False:
        why = cert.chain_valid.note or cert.validation_error
        failures.append((f"Certificate chain is not trusted{f' ({why})' if why else ''}.",
                         None, ev_chain))
    elif cert.chain_valid.value is None:
        missing.append("chain trust")
    if cert.hostname_match.value is False:
        why = cert.hostname_match.note
        failures.append((f"Certificate does not name the server{f' ({why})' if why else ''}.",
                         None, ev_name))
    elif cert.hostname_match.value is None:
        missing.append("host name")
    failures += _key(ctx, cert, missing, ev_cert)
    algorithm = cert.signature_algorithm.lower()
    if not algorithm:
        missing.append("signature algorithm")
    elif "sha1" in algorithm or "md5" in algorithm:
        failures.append((f"Certificate is signed with {cert.signature_algorithm}.", None,
                         ev_cert))
    if failures:
        # one finding per resource: a SIEM or CI system tracks it by check and resource
        severities = [s or ctx.check.severity for _, s, _ in failures]
        evidence_used = list(dict.fromkeys(ev for _, _, ev in failures))
        yield ctx.failed(resource, " ".join(message for message, _, _ in failures),
                         *evidence_used, severity=max(severities, key=lambda s: s.rank))
        return
    if missing:
        yield ctx.unknown(resource, f"Certificate not fully judged: {', '.join(missing)} "
                          "not known.", ev_cert, ev_chain, ev_name)
    else:
        yield ctx.passed(resource, "Certificate is valid, trusted, names the server and uses "
                         "a strong key and signature.", ev_cert, ev_chain, ev_name)


def _expiry(ctx: CheckContext, cert: Certificate, missing: list[str],
            ev: Evidence) -> list[tuple[str, Severity | None, Evidence]]:
    if cert.not_after is None:
        missing.append("expiry")
        return []
    not_after = cert.not_after if cert.not_after.tzinfo else cert.not_after.replace(
        tzinfo=dt.UTC)
    day = not_after.date().isoformat()
    if ctx.now >= not_after:
        return [(f"Certificate expired on {day}.", None, ev)]
    days = (not_after - ctx.now).days
    warning = int(ctx.params["expiry_warning_days"])
    if days < warning:
        return [(f"Certificate expires on {day}, in {days} day(s) (warning at {warning}).",
                 Severity.MEDIUM, ev)]
    return []


def _key(ctx: CheckContext, cert: Certificate, missing: list[str],
         ev: Evidence) -> list[tuple[str, Severity | None, Evidence]]:
    kind = cert.key_type.upper()
    if not kind or cert.key_bits is None:
        missing.append("key size")
        return []
    minimum = {"RSA": int(ctx.params["min_rsa_bits"]), "DSA": int(ctx.params["min_rsa_bits"]),
               "EC": int(ctx.params["min_ec_bits"])}.get(kind)
    if minimum is not None and cert.key_bits < minimum:
        return [(f"{cert.key_type} key of {cert.key_bits} bits (minimum {minimum}).", None, ev)]
    return []


@check(
    id="signalling.tls_mutual_auth",
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
def tls_mutual_auth(ctx: CheckContext) -> Iterator[Finding]:
    for item in _tls_transports(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        yield ctx.judge(
            f"transport:{item.name}", "client_cert_required", item.client_cert_required,
            good="Clients must present a certificate.",
            bad="Clients may connect without a certificate.",
            missing="Whether client certificates are required is not known.",
        )
