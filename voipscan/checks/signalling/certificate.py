"""The SIP-TLS certificate: valid, trusted, naming the server, with a strong key and signature."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Evidence, Finding, Severity, evidence
from voipscan.checks.resources import TLS_TRANSPORTS
from voipscan.facts import Certificate, SipTransport


def _describe(cert: Certificate) -> str:
    until = cert.not_after.date().isoformat() if cert.not_after else "unknown expiry"
    key = f"{cert.key_type} {cert.key_bits}" if cert.key_bits else cert.key_type or "key unknown"
    sans = f", SANs {', '.join(cert.alt_names)}" if cert.alt_names else ""
    return f"{cert.subject or 'no subject'} (until {until}, {key}, " \
           f"{cert.signature_algorithm or 'signature unknown'}{sans})"


def _chain(lines: tuple[str, ...]) -> str:
    return " | ".join(f"{index}. {line}" for index, line in enumerate(lines, start=1))


def _named(ctx: CheckContext, cert: Certificate) -> str:
    """'Certificate CN=pbx (SANs DNS:pbx.example.net; 40 days left)'."""
    parts = []
    if cert.alt_names:
        shown = ", ".join(cert.alt_names[:4]) + (" ..." if len(cert.alt_names) > 4 else "")
        parts.append(f"SANs {shown}")
    else:
        parts.append("no SANs")
    if cert.not_after is not None:
        not_after = cert.not_after if cert.not_after.tzinfo else cert.not_after.replace(
            tzinfo=dt.UTC)
        days = (not_after - ctx.now).days
        parts.append(f"{days} day(s) left" if days >= 0 else f"expired {-days} day(s) ago")
    return f"Certificate {cert.subject or '(no subject)'} ({'; '.join(parts)})"


@check(
    id="signalling.tls_certificate",
    over=TLS_TRANSPORTS,
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
def tls_certificate(ctx: CheckContext, transport: SipTransport) -> Iterator[Finding]:
    resource = f"transport:{transport.name}"
    ev_cert = evidence("certificate", transport.certificate, _describe)
    cert = transport.certificate.value
    if cert is None:
        yield ctx.unknown(resource, "Certificate not known.", ev_cert)
        return
    ev_chain = evidence("chain_valid", cert.chain_valid)
    ev_name = evidence("hostname_match", cert.hostname_match)
    sent = transport.certificate.map(lambda c: c.chain or None)
    ev_sent = [evidence("chain", sent, _chain)] if sent.known else []
    failures: list[tuple[str, Severity | None, Evidence]] = []
    missing: list[str] = []
    failures += _expiry(ctx, cert, missing, ev_cert)
    if cert.chain_valid.value is False:
        why = cert.chain_valid.note or cert.validation_error
        failures.append((f"chain not trusted{f': {why}' if why else ''}", None, ev_chain))
    elif cert.chain_valid.value is None:
        missing.append("chain trust")
    if cert.hostname_match.value is False:
        why = cert.hostname_match.note
        failures.append((f"does not name the server{f' ({why})' if why else ''}",
                         None, ev_name))
    elif cert.hostname_match.value is None:
        missing.append("host name")
    failures += _key(ctx, cert, missing, ev_cert)
    algorithm = cert.signature_algorithm.lower()
    if not algorithm:
        missing.append("signature algorithm")
    elif "sha1" in algorithm or "md5" in algorithm:
        failures.append((f"signed with {cert.signature_algorithm}", None, ev_cert))
    if failures:
        # one finding per resource: a SIEM or CI system tracks it by check and resource
        severities = [s or ctx.check.severity for _, s, _ in failures]
        evidence_used = list(dict.fromkeys(ev for _, _, ev in failures))
        message = "; ".join(message for message, _, _ in failures)
        yield ctx.failed(resource, f"{_named(ctx, cert)}: {message}.", *evidence_used,
                         *ev_sent, severity=max(severities, key=lambda s: s.rank))
        return
    if missing:
        yield ctx.unknown(resource, f"{_named(ctx, cert)}: not fully judged: "
                          f"{', '.join(missing)} not known.", ev_cert, ev_chain, ev_name, *ev_sent)
    else:
        trust = f" (trusted by the {cert.trusted_by})" if cert.trusted_by else ""
        yield ctx.passed(resource, f"{_named(ctx, cert)}: valid, trusted{trust}, names the "
                         "server and uses a strong key and signature.", ev_cert, ev_chain,
                         ev_name, *ev_sent)


def _expiry(ctx: CheckContext, cert: Certificate, missing: list[str],
            ev: Evidence) -> list[tuple[str, Severity | None, Evidence]]:
    if cert.not_after is None:
        missing.append("expiry")
        return []
    not_after = cert.not_after if cert.not_after.tzinfo else cert.not_after.replace(
        tzinfo=dt.UTC)
    day = not_after.date().isoformat()
    if ctx.now >= not_after:
        return [(f"expired on {day}", None, ev)]
    days = (not_after - ctx.now).days
    warning = int(ctx.params["expiry_warning_days"])
    if days < warning:
        return [(f"expires on {day}, in {days} day(s) (warning at {warning})",
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
        return [(f"{cert.key_type} key of {cert.key_bits} bits (minimum {minimum})", None, ev)]
    return []
