"""Media: SRTP mandatory, and SDES keys never over cleartext signalling."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Finding, Severity, check, evidence
from voipscan.facts import Endpoint, Fact, MediaEncryption, SipProtocol


def _protocols(protocols: frozenset[SipProtocol]) -> str:
    return ", ".join(sorted(p.value for p in protocols)) or "none"


def _endpoints(ctx: CheckContext) -> Iterator[Endpoint | Finding]:
    if not ctx.system.endpoints_known:
        yield ctx.unknown("system", "No endpoints in the evidence: provide the endpoint config.")
        return
    if not ctx.system.endpoints:
        yield ctx.not_applicable("system", "No endpoints configured.")
    yield from ctx.system.endpoints


@check(
    id="media.srtp_mandatory",
    title="SRTP is mandatory for call media",
    severity=Severity.HIGH,
    category="media",
    rationale="Plain RTP lets anyone on the path record calls. SRTP must be required, not "
    "merely offered: an optional policy falls back to RTP on a downgrade.",
    remediation={
        "default": "Require SRTP (DTLS-SRTP or SDES over TLS) on every endpoint and trunk.",
        "asterisk": "pjsip.conf endpoint: media_encryption=dtls (or sdes with a TLS transport) "
        "and media_encryption_optimistic=no.",
        "freeswitch": "Set rtp_secure_media=mandatory in the dialplan or directory.",
        "freepbx": "Per extension: Media Encryption = SRTP via in-SDP or DTLS-SRTP.",
    },
)
def srtp_mandatory(ctx: CheckContext) -> Iterator[Finding]:
    for item in _endpoints(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        resource = f"endpoint:{item.name}"
        enc = evidence("media_encryption", item.media_encryption)
        mandatory = evidence("media_encryption_mandatory", item.media_encryption_mandatory)
        value = item.media_encryption.value
        if value is None:
            yield ctx.unknown(resource, "Media encryption not known.", enc)
        elif value is MediaEncryption.NONE:
            yield ctx.failed(resource, "Media is plain RTP.", enc)
        elif item.media_encryption_mandatory.value is None:
            yield ctx.unknown(resource, f"{value.value} offered; whether it is required is not "
                              "known.", enc, mandatory)
        elif item.media_encryption_mandatory.value:
            yield ctx.passed(resource, f"{value.value} required.", enc, mandatory)
        else:
            yield ctx.failed(resource, f"{value.value} optional: falls back to plain RTP.", enc,
                             mandatory)


def _signalling_of(ctx: CheckContext, endpoint: Endpoint) -> Fact[frozenset[SipProtocol]]:
    """An endpoint without its own transport list can be reached on any system transport."""
    if endpoint.transports.known or not ctx.system.transports_known:
        return endpoint.transports
    protocols = [t.protocol.value for t in ctx.system.transports]
    if any(p is None for p in protocols) or not protocols:
        return endpoint.transports
    sources = next((t.protocol.source for t in ctx.system.transports), None)
    return Fact(frozenset(p for p in protocols if p is not None), sources,
                "any transport of the system")


@check(
    id="media.no_sdes_cleartext",
    title="No SDES keys over cleartext signalling",
    severity=Severity.CRITICAL,
    category="media",
    rationale="SDES carries the SRTP master key in the SDP (a=crypto). Over UDP or TCP "
    "signalling anyone on the path reads the key and decrypts the call (RFC 4568 sec. 8).",
    remediation={
        "default": "Use SDES only on TLS-only endpoints, or switch to DTLS-SRTP.",
        "asterisk": "pjsip.conf: give endpoints with media_encryption=sdes a transport with "
        "protocol=tls only, or use media_encryption=dtls.",
        "freeswitch": "Set tls-only=true on profiles that carry SRTP calls.",
    },
)
def no_sdes_over_cleartext(ctx: CheckContext) -> Iterator[Finding]:
    for item in _endpoints(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        resource = f"endpoint:{item.name}"
        enc = evidence("media_encryption", item.media_encryption)
        if item.media_encryption.value is None:
            yield ctx.unknown(resource, "Media encryption not known.", enc)
            continue
        if item.media_encryption.value is not MediaEncryption.SDES:
            yield ctx.not_applicable(resource, "Endpoint does not use SDES.", enc)
            continue
        signalling = _signalling_of(ctx, item)
        sig = evidence("transports", signalling, _protocols)
        if signalling.value is None:
            yield ctx.unknown(resource, "SDES in use; signalling transports not known.", enc, sig)
            continue
        cleartext = frozenset(p for p in signalling.value if not p.encrypted)
        if cleartext:
            yield ctx.failed(
                resource, f"SDES keys can travel over {_protocols(cleartext)}.", enc, sig
            )
        else:
            yield ctx.passed(resource, "SDES only over encrypted signalling.", enc, sig)
