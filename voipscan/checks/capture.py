"""Captures: what the packets on the wire gave away (scan pcap).

These checks read ``System.capture``; on any other target they do not apply.
"""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Evidence, Finding, Severity
from voipscan.checks.resources import CAPTURE
from voipscan.facts.model import CaptureEvidence, MediaEncryption


def _summary(capture: CaptureEvidence) -> Evidence:
    scope = "" if capture.complete else " (capture incomplete)"
    undecoded = f", {capture.undecoded} not decoded" if capture.undecoded else ""
    return Evidence("capture", f"{capture.packets} packets, {capture.sip_messages} cleartext "
                    f"SIP messages{undecoded}{scope}")


def unjudgeable(capture: CaptureEvidence, needs_sip: bool = True) -> str | None:
    """Why an absence in this capture proves nothing, or None when it may pass."""
    if capture.mostly_undecoded:
        return (f"{capture.undecoded} of {capture.packets} packets could not be decoded: "
                "what they carry is not known")
    if needs_sip and not capture.sip_messages and not capture.tls_signalling:
        return "no SIP signalling in the capture, cleartext or TLS"
    return None


@check(
    id="capture.sdes_keys_exposed",
    over=CAPTURE,
    title="No SRTP keys readable on the wire",
    severity=Severity.CRITICAL,
    category="media",
    rationale="SDES puts the SRTP master key in the SDP (a=crypto). Seen in cleartext SIP, "
    "the key lets anyone holding the capture decrypt the call (RFC 4568 sec. 8.3).",
    remediation={
        "default": "Carry SDES only over SIP-TLS, or move to DTLS-SRTP. Calls already "
        "captured stay decryptable.",
        "asterisk": "pjsip.conf: give media_encryption=sdes endpoints a TLS-only transport, "
        "or use media_encryption=dtls.",
        "freeswitch": "Set tls-only=true on profiles that carry SRTP calls.",
        "kamailio": "Route SDES calls over tls: listeners only.",
    },
)
def sdes_keys_exposed(ctx: CheckContext, capture: CaptureEvidence) -> Iterator[Finding]:
    for exposure in capture.key_exposures:
        suites = ", ".join(exposure.suites)
        yield ctx.failed(
            f"flow:{exposure.flow}",
            f"{exposure.messages} cleartext SIP message(s) carry SDES keys ({suites}): anyone "
            "with this capture can decrypt those calls.",
            Evidence("a=crypto", f"{suites} (key withheld)", exposure.source),
        )
    if not capture.key_exposures:
        why = unjudgeable(capture)
        if why:
            yield ctx.unknown("capture", f"Cannot tell whether SDES keys were exposed: {why}.",
                              _summary(capture))
        else:
            yield ctx.passed("capture", "No SDES key in cleartext SIP.", _summary(capture))


@check(
    id="capture.cleartext_digest",
    over=CAPTURE,
    title="No digest credentials sent in cleartext SIP",
    severity=Severity.HIGH,
    category="access",
    rationale="A digest response seen on the wire can be cracked offline for the password "
    "(MD5, fast to guess); with it an attacker registers as the user and places calls.",
    remediation={
        "default": "Register and authenticate over SIP-TLS only; use long random SIP "
        "passwords so captured digests cannot be cracked.",
        "asterisk": "pjsip.conf: phones register on a protocol=tls transport; drop udp/tcp "
        "transports reachable from phones.",
        "freeswitch": "Set tls-only=true on the registration profile.",
        "kamailio": "Challenge (www_challenge) only on tls: listeners.",
    },
)
def cleartext_digest(ctx: CheckContext, capture: CaptureEvidence) -> Iterator[Finding]:
    for exposure in capture.digest_exposures:
        realm = f" realm '{exposure.realm}'" if exposure.realm else ""
        yield ctx.failed(
            f"flow:{exposure.flow}",
            f"Digest credentials of user '{exposure.user}'{realm} sent in cleartext "
            f"({exposure.messages} message(s)): open to offline password cracking.",
            Evidence("authorization", f"user {exposure.user} (response withheld)",
                     exposure.source),
        )
    if not capture.digest_exposures:
        why = unjudgeable(capture)
        if why:
            yield ctx.unknown("capture", "Cannot tell whether digest credentials were "
                              f"exposed: {why}.", _summary(capture))
        else:
            yield ctx.passed("capture", "No digest credentials in cleartext SIP.",
                             _summary(capture))


@check(
    id="capture.plain_rtp",
    over=CAPTURE,
    title="No plain RTP media on the wire",
    severity=Severity.HIGH,
    category="media",
    rationale="RTP negotiated as RTP/AVP without keys and seen on the wire is the call audio "
    "in clear: a capture of it replays as the conversation.",
    remediation={
        "default": "Require SRTP (DTLS-SRTP, or SDES over TLS) on every endpoint and trunk.",
        "asterisk": "pjsip.conf endpoint: media_encryption=dtls (or sdes on TLS) and "
        "media_encryption_optimistic=no.",
        "freeswitch": "Set rtp_secure_media=mandatory.",
    },
)
def plain_rtp(ctx: CheckContext, capture: CaptureEvidence) -> Iterator[Finding]:
    plain = secure = 0
    for stream in capture.media:
        if not stream.packets:
            continue
        encryption = stream.encryption.value
        resource = f"media:{stream.destination}"
        seen = Evidence("packets", str(stream.packets), stream.first_packet)
        if encryption is None:
            yield ctx.unknown(resource, f"{stream.packets} RTP-like packets that no SDP in the "
                              "capture negotiated: RTP or SRTP cannot be told apart.", seen)
        elif encryption is MediaEncryption.NONE:
            plain += 1
            yield ctx.failed(
                resource,
                f"{stream.packets} plain RTP packets ({stream.profile} negotiated by "
                f"{stream.negotiated_by}).",
                Evidence("profile", stream.profile, stream.source), seen)
        else:
            secure += 1
    why = unjudgeable(capture, needs_sip=False)
    if not plain and secure and why:
        yield ctx.unknown("capture", f"Media seen only on SRTP-negotiated streams ({secure}), "
                          f"but {why}.", _summary(capture))
    elif not plain and secure:
        yield ctx.passed("capture", f"Media seen only on SRTP-negotiated streams ({secure}).",
                         _summary(capture))
    elif not plain and not any(s.packets for s in capture.media):
        yield ctx.not_applicable("capture", "No RTP in the capture.", _summary(capture))


@check(
    id="capture.scanning_activity",
    over=CAPTURE,
    title="No SIP scanning or password guessing in the capture",
    severity=Severity.HIGH,
    category="monitoring",
    rationale="Scanners (SIPVicious, sipcli, SIPPTS ...) sweep for PBXs, enumerate "
    "extensions and guess passwords ahead of toll fraud. Seeing them means the PBX is "
    "reachable by them and should be watched and filtered.",
    remediation={
        "default": "Keep SIP off the public internet or behind an SBC with allow-lists; rate "
        "limit and ban (fail2ban, pike); answer unknown users like known ones.",
        "asterisk": "sip.conf: alwaysauthreject=yes; for PJSIP keep the security log on and "
        "use fail2ban's asterisk jail.",
        "freeswitch": "Enable the fail2ban filter for sofia auth failures; log-auth-failures=true.",
        "kamailio": "Load pike and htable ban lists; drop known scanner User-Agents.",
    },
    params=[
        Param("min_users", ParamKind.INT, 10,
              "distinct users asked for at one destination, never answered 2xx"),
        Param("min_ports", ParamKind.INT, 5, "distinct ports tried on one host"),
        Param("min_unanswered", ParamKind.INT, 20, "distinct destinations that never answered"),
        Param("min_failed_auth", ParamKind.INT, 10, "authentication failures"),
    ],
)
def scanning_activity(ctx: CheckContext, capture: CaptureEvidence) -> Iterator[Finding]:
    if not capture.sources:
        yield ctx.not_applicable("capture", "No cleartext SIP requests in the capture.",
                                 _summary(capture))
        return
    scanners = 0
    for source in capture.sources:
        signs = []
        if source.scanner_agents:
            signs.append(f"scanner user agent ({', '.join(source.scanner_agents)})")
        if source.users_probed >= ctx.params["min_users"]:
            signs.append(f"{source.users_probed} users probed without success")
        if source.ports_probed >= ctx.params["min_ports"]:
            signs.append(f"{source.ports_probed} ports tried on one host")
        if source.targets_unanswered >= ctx.params["min_unanswered"]:
            signs.append(f"{source.targets_unanswered} destinations that never answered")
        if source.failed_auth >= ctx.params["min_failed_auth"]:
            signs.append(f"{source.failed_auth} failed authentications")
        if signs:
            scanners += 1
            yield ctx.failed(
                f"source:{source.address}",
                f"Scanning from {source.address}: {'; '.join(signs)}.",
                Evidence("requests", f"{source.requests} ({', '.join(source.methods)})",
                         source.source))
    why = unjudgeable(capture)
    if not scanners and why:
        yield ctx.unknown("capture", f"No scanning among {len(capture.sources)} SIP sources, "
                          f"but {why}.", _summary(capture))
    elif not scanners:
        yield ctx.passed("capture", f"No scanning among {len(capture.sources)} SIP sources.",
                         _summary(capture))
