"""Media: SRTP mandatory, SDES keys never over cleartext signalling, no weak SRTP parameters,
DTLS-SRTP available.

The live SRTP probe (scan host --srtp) fills the SRTP details; a configuration source may too.
"""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, check
from voipscan.checks.findings import Finding, Severity, evidence
from voipscan.checks.resources import ENDPOINTS, WEB_ENDPOINTS
from voipscan.facts import Endpoint, Fact, MediaEncryption, SipProtocol

# Accepting one of these turns off encryption or authentication of the media altogether.
_NO_PROTECTION = ("UNENCRYPTED_SRTP", "UNENCRYPTED_SRTCP", "UNAUTHENTICATED_SRTP")


def _protocols(protocols: frozenset[SipProtocol]) -> str:
    return ", ".join(sorted(p.value for p in protocols)) or "none"


@check(
    id="media.srtp_mandatory",
    over=ENDPOINTS,
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
        "asterisk/endpoint:iax:": "iax.conf: forceencryption=yes (with a secret on every "
        "user and peer), or carry these calls over PJSIP with SRTP.",
    },
)
def srtp_mandatory(ctx: CheckContext, endpoint: Endpoint) -> Iterator[Finding]:
    resource = f"endpoint:{endpoint.name}"
    enc = evidence("media_encryption", endpoint.media_encryption)
    mandatory = evidence("media_encryption_mandatory", endpoint.media_encryption_mandatory)
    value = endpoint.media_encryption.value
    broken = endpoint.media_encryption_mandatory.value is False and \
        bool(endpoint.media_encryption_mandatory.note)
    if broken:  # the facts say why it cannot be mandatory (a live probe's broken answer)
        yield ctx.failed(resource, f"SRTP not enforced: "
                         f"{endpoint.media_encryption_mandatory.note}.", enc, mandatory)
    elif value is None:
        yield ctx.unknown(resource, "Media encryption not known.", enc)
    elif value is MediaEncryption.NONE:
        yield ctx.failed(resource, "Media is plain RTP.", enc)
    elif endpoint.media_encryption_mandatory.value is None:
        yield ctx.unknown(resource, f"{value.value} offered; whether it is required is not "
                          "known.", enc, mandatory)
    elif endpoint.media_encryption_mandatory.value:
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
    over=ENDPOINTS,
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
        "asterisk/endpoint:iax:": "IAX2 sends no SDES keys: its encryption is keyed by the "
        "secret (iax.conf forceencryption=yes).",
    },
)
def no_sdes_over_cleartext(ctx: CheckContext, endpoint: Endpoint) -> Iterator[Finding]:
    resource = f"endpoint:{endpoint.name}"
    enc = evidence("media_encryption", endpoint.media_encryption)
    if endpoint.media_encryption.value is None:
        yield ctx.unknown(resource, "Media encryption not known.", enc)
        return
    if endpoint.media_encryption.value is not MediaEncryption.SDES:
        yield ctx.not_applicable(resource, "Endpoint does not use SDES.", enc)
        return
    signalling = _signalling_of(ctx, endpoint)
    sig = evidence("transports", signalling, _protocols)
    if signalling.value is None:
        yield ctx.unknown(resource, "SDES in use; signalling transports not known.", enc, sig)
        return
    cleartext = frozenset(p for p in signalling.value if not p.encrypted)
    if cleartext:
        yield ctx.failed(
            resource, f"SDES keys can travel over {_protocols(cleartext)}.", enc, sig
        )
    else:
        yield ctx.passed(resource, "SDES only over encrypted signalling.", enc, sig)


def _names(values: tuple[str, ...]) -> str:
    return ", ".join(values) or "none"


@check(
    id="media.srtp_weak_parameters",
    over=ENDPOINTS,
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
        "asterisk/endpoint:iax:": "IAX2 has no SRTP suites: iax.conf forceencryption=yes "
        "with a long secret.",
    },
)
def srtp_weak_parameters(ctx: CheckContext, endpoint: Endpoint) -> Iterator[Finding]:
    resource = f"endpoint:{endpoint.name}"
    weak = evidence("srtp_weak_parameters", endpoint.srtp_weak_parameters, _names)
    value = endpoint.srtp_weak_parameters.value
    if value:
        severe = any(v.upper() in _NO_PROTECTION for v in value)
        yield ctx.failed(resource, f"Weak SRTP parameters accepted: {_names(value)}.", weak,
                         severity=Severity.HIGH if severe else None)
    elif endpoint.media_encryption.value is MediaEncryption.NONE:
        yield ctx.not_applicable(resource, "Endpoint does not use SRTP.",
                                 evidence("media_encryption", endpoint.media_encryption))
    elif value is None and endpoint.media_encryption.value in (MediaEncryption.DTLS,
                                                           MediaEncryption.ZRTP):
        yield ctx.not_applicable(resource, "Endpoint keys SRTP without SDES.",
                                 evidence("media_encryption", endpoint.media_encryption))
    elif value is None:
        yield ctx.unknown(resource, "Whether weak SRTP parameters are accepted is not "
                          "known.", weak)
    else:
        yield ctx.passed(resource, "No weak SRTP suite or session parameter accepted.", weak)


@check(
    id="media.dtls_srtp",
    over=ENDPOINTS,
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
        "asterisk/endpoint:iax:": "IAX2 has no DTLS-SRTP: carry calls that need it over "
        "PJSIP with media_encryption=dtls.",
    },
)
def dtls_srtp(ctx: CheckContext, endpoint: Endpoint) -> Iterator[Finding]:
    resource = f"endpoint:{endpoint.name}"
    dtls = evidence("dtls_srtp", endpoint.dtls_srtp)
    value = endpoint.dtls_srtp.value
    if value is None and endpoint.media_encryption.value is MediaEncryption.DTLS:
        yield ctx.passed(resource, "DTLS-SRTP in use.",
                         evidence("media_encryption", endpoint.media_encryption))
    elif value is None and endpoint.media_encryption.value is MediaEncryption.NONE:
        yield ctx.not_applicable(resource, "Endpoint does not use SRTP (see "
                                 "media.srtp_mandatory).",
                                 evidence("media_encryption", endpoint.media_encryption))
    elif value is None:
        yield ctx.unknown(resource, "DTLS-SRTP support not known.", dtls)
    elif value:
        yield ctx.passed(resource, "DTLS-SRTP accepted.", dtls)
    elif endpoint.media_encryption.value is MediaEncryption.SDES:
        yield ctx.failed(resource, "DTLS-SRTP not available: the SRTP keys travel in the "
                         "signalling (SDES).", dtls,
                         evidence("media_encryption", endpoint.media_encryption))
    else:
        yield ctx.failed(resource, "DTLS-SRTP not available.", dtls,
                         evidence("media_encryption", endpoint.media_encryption))


@check(
    id="media.webrtc_dtls_srtp",
    over=WEB_ENDPOINTS,
    title="WebRTC calls (SIP over WebSocket) are keyed by DTLS-SRTP only",
    severity=Severity.HIGH,
    category="media",
    rationale="WebRTC requires DTLS-SRTP for every media stream (RFC 8827 sec. 6.5, RFC 8834): "
    "a WebSocket endpoint that accepts SDES hands the keys to every server relaying the "
    "signalling, and one that accepts plain RTP lets a web client's call travel in clear.",
    remediation={
        "default": "Accept only DTLS-SRTP (UDP/TLS/RTP/SAVPF) on WebSocket endpoints; refuse "
        "SDES and RTP/AVP offers there.",
        "asterisk": "pjsip.conf endpoint for web clients: webrtc=yes (media_encryption=dtls, "
        "dtls_auto_generate_cert or dtls_cert_file, ICE, AVPF).",
        "freeswitch": "On the profile with ws/wss-binding: rtp_secure_media=mandatory and "
        "accept only DTLS (media_webrtc); drop SDES suites from rtp_secure_media_inbound.",
        "kamailio": "kamailio.cfg: Kamailio relays the SDP, so enforce DTLS-SRTP where the "
        "media ends, e.g. rtpengine_manage(\"DTLS=passive SDES-off\") for WebSocket clients.",
        "asterisk/endpoint:iax:": "IAX2 has no WebSocket transport: web clients need a PJSIP "
        "endpoint with webrtc=yes.",
    },
)
def webrtc_dtls_srtp(ctx: CheckContext, endpoint: Endpoint) -> Iterator[Finding]:
    resource = f"endpoint:{endpoint.name}"
    encryption = endpoint.media_encryption.value
    media = evidence("media_encryption", endpoint.media_encryption)
    mandatory = endpoint.media_encryption_mandatory.value
    over = evidence("transports", endpoint.transports,
                    lambda v: ", ".join(sorted(p.value for p in v)))
    if encryption is MediaEncryption.SDES:
        yield ctx.failed(resource, "SDES accepted over WebSocket: the SRTP keys travel in the "
                         "signalling, which WebRTC forbids.", media, over)
    elif encryption is MediaEncryption.NONE or mandatory is False:
        yield ctx.failed(resource, "Unencrypted media accepted over WebSocket: WebRTC "
                         "requires DTLS-SRTP on every call.", media,
                         evidence("media_encryption_mandatory",
                                  endpoint.media_encryption_mandatory), over)
    elif encryption is MediaEncryption.DTLS and mandatory:
        yield ctx.passed(resource, "Only DTLS-SRTP accepted over WebSocket.", media,
                         evidence("media_encryption_mandatory",
                                  endpoint.media_encryption_mandatory), over)
    else:
        yield ctx.unknown(resource, "Whether only DTLS-SRTP is accepted over WebSocket is not "
                          "known.", media, over)
