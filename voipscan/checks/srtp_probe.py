"""SRTP details the media checks cannot express: weak parameters, DTLS-SRTP availability.

The live SRTP probe (scan host --srtp) fills both facts; a configuration source may too.
"""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Finding, Severity, check, evidence
from voipscan.checks.media import _endpoints
from voipscan.facts import MediaEncryption

# Accepting one of these turns off encryption or authentication of the media altogether.
_NO_PROTECTION = ("UNENCRYPTED_SRTP", "UNENCRYPTED_SRTCP", "UNAUTHENTICATED_SRTP")


def _names(values: tuple[str, ...]) -> str:
    return ", ".join(values) or "none"


@check(
    id="media.srtp_weak_parameters",
    title="No weak SRTP parameters accepted",
    severity=Severity.MEDIUM,
    category="media",
    rationale="SRTP with 32-bit authentication tags makes forging packets 2^48 times easier "
    "than the default 80 bits (RFC 3711 sec. 9.5 allows them only for scarce bandwidth), and "
    "the UNENCRYPTED_SRTP / UNAUTHENTICATED_SRTP session parameters (RFC 4568 sec. 6.3) turn "
    "protection off while the call still looks secure. An endpoint that accepts them lets an "
    "attacker who can edit the offer weaken the media.",
    remediation={
        "default": "Accept only AES_CM_128_HMAC_SHA1_80, AES_256_CM_HMAC_SHA1_80 or the AEAD "
        "GCM suites, and refuse SDES session parameters that disable protection.",
        "asterisk": "pjsip.conf endpoint: srtp_tag_32=no (the default).",
        "freeswitch": "Remove the _32 suites from rtp_secure_media_suites "
        "(e.g. rtp_secure_media_suites=AEAD_AES_256_GCM_8:AES_CM_128_HMAC_SHA1_80).",
    },
)
def srtp_weak_parameters(ctx: CheckContext) -> Iterator[Finding]:
    for item in _endpoints(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        resource = f"endpoint:{item.name}"
        weak = evidence("srtp_weak_parameters", item.srtp_weak_parameters, _names)
        value = item.srtp_weak_parameters.value
        if value:
            severe = any(v.upper() in _NO_PROTECTION for v in value)
            yield ctx.failed(resource, f"Weak SRTP parameters accepted: {_names(value)}.", weak,
                             severity=Severity.HIGH if severe else None)
        elif item.media_encryption.value is MediaEncryption.NONE:
            yield ctx.not_applicable(resource, "Endpoint does not use SRTP.",
                                     evidence("media_encryption", item.media_encryption))
        elif value is None and item.media_encryption.value in (MediaEncryption.DTLS,
                                                               MediaEncryption.ZRTP):
            yield ctx.not_applicable(resource, "Endpoint keys SRTP without SDES.",
                                     evidence("media_encryption", item.media_encryption))
        elif value is None:
            yield ctx.unknown(resource, "Whether weak SRTP parameters are accepted is not "
                              "known.", weak)
        else:
            yield ctx.passed(resource, "No weak SRTP suite or session parameter accepted.", weak)


@check(
    id="media.dtls_srtp",
    title="DTLS-SRTP available",
    severity=Severity.INFO,
    category="media",
    rationale="With SDES every proxy that relays the signalling can read the SRTP keys, even "
    "over TLS (RFC 4568 sec. 8.3). DTLS-SRTP (RFC 5763/5764) keys the media end to end and is "
    "what RFC 8862 and WebRTC require.",
    remediation={
        "default": "Enable DTLS-SRTP on endpoints and trunks that support it.",
        "asterisk": "pjsip.conf endpoint: media_encryption=dtls with dtls_cert_file, "
        "dtls_setup=actpass and dtls_verify as needed.",
        "freeswitch": "Offer UDP/TLS/RTP/SAVPF (rtp_secure_media with DTLS, as for WebRTC).",
    },
)
def dtls_srtp(ctx: CheckContext) -> Iterator[Finding]:
    for item in _endpoints(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        resource = f"endpoint:{item.name}"
        dtls = evidence("dtls_srtp", item.dtls_srtp)
        value = item.dtls_srtp.value
        if value is None and item.media_encryption.value is MediaEncryption.DTLS:
            yield ctx.passed(resource, "DTLS-SRTP in use.",
                             evidence("media_encryption", item.media_encryption))
        elif value is None and item.media_encryption.value is MediaEncryption.NONE:
            yield ctx.not_applicable(resource, "Endpoint does not use SRTP (see "
                                     "media.srtp_mandatory).",
                                     evidence("media_encryption", item.media_encryption))
        elif value is None:
            yield ctx.unknown(resource, "DTLS-SRTP support not known.", dtls)
        elif value:
            yield ctx.passed(resource, "DTLS-SRTP accepted.", dtls)
        else:
            yield ctx.failed(resource, "DTLS-SRTP not available: SRTP keys, if any, travel in "
                             "the signalling (SDES).", dtls)
