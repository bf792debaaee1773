"""SDP offers of the SRTP probe and what an endpoint's answer to each one means.

Every offer carries fresh random throwaway keys (``secrets``); keys live only in the offer's
bytes on the wire. What the probe keeps of an offer and its answer is in ``OfferResult``:
profiles, suite names, session-parameter names, DTLS roles and status lines, never a key.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from voipscan.facts import MediaEncryption
from voipscan.sip.sdp import MASKED_KEY, CryptoAttribute, SdpMedia, parse_answer, quoted_lines

if TYPE_CHECKING:  # the media check (and its cryptography) loads only when it runs
    from voipscan.sources.host.srtp_media import MediaObservation

SAVP = "RTP/SAVP"
AVP = "RTP/AVP"
DTLS_SAVP = "UDP/TLS/RTP/SAVP"

# Bytes of master key || master salt per crypto-suite (RFC 4568 sec. 6.2, RFC 6188, RFC 7714).
KEY_SALT_BYTES = {
    "AES_CM_128_HMAC_SHA1_80": 30,
    "AES_CM_128_HMAC_SHA1_32": 30,
    "AES_192_CM_HMAC_SHA1_80": 38,
    "AES_192_CM_HMAC_SHA1_32": 38,
    "AES_256_CM_HMAC_SHA1_80": 46,
    "AES_256_CM_HMAC_SHA1_32": 46,
    "AEAD_AES_128_GCM": 28,
    "AEAD_AES_256_GCM": 44,
}
# Session parameters that switch protection off (RFC 4568 sec. 6.3.2 and 6.3.3).
WEAK_SESSION_PARAMS = ("UNENCRYPTED_SRTP", "UNENCRYPTED_SRTCP", "UNAUTHENTICATED_SRTP")


def weak_suite(suite: str) -> bool:
    """32-bit authentication tags (RFC 3711 sec. 5.2 allows them only where bandwidth is
    scarce) and NULL ciphers or authentication."""
    upper = suite.upper()
    return upper.endswith("_32") or "NULL" in upper


class OfferKind(StrEnum):
    SDES_AES_CM_128 = "sdes-aes-cm-128"
    SDES_AEAD_AES_128_GCM = "sdes-aead-aes-128-gcm"
    SDES_AES_256_CM = "sdes-aes-256-cm"
    SDES_BEST_EFFORT = "sdes-best-effort"
    SDES_WEAK = "sdes-weak"
    DTLS_SRTP = "dtls-srtp"
    PLAIN_RTP = "plain-rtp"


@dataclass(frozen=True)
class CryptoOffer:
    suite: str
    session_params: tuple[str, ...] = ()


@dataclass(frozen=True)
class OfferSpec:
    kind: OfferKind
    profile: str
    crypto: tuple[CryptoOffer, ...] = ()
    dtls: bool = False

    @property
    def method(self) -> MediaEncryption:
        if self.dtls:
            return MediaEncryption.DTLS
        return MediaEncryption.SDES if self.crypto else MediaEncryption.NONE

    def summary(self) -> str:
        """'RTP/SAVP a=crypto AES_CM_128_HMAC_SHA1_80' (no key, ever)."""
        parts = [self.profile]
        for index, item in enumerate(self.crypto, start=1):
            params = "".join(f" {p}" for p in item.session_params)
            parts.append(f"a=crypto:{index} {item.suite}{params}")
        if self.dtls:
            parts.append("a=fingerprint:sha-256 a=setup:actpass")
        return " ".join(parts)

    def quoted(self) -> tuple[str, ...]:
        """The offer's m= and key lines as sent, keys masked."""
        lines = [f"m=audio {self.profile}"]
        for tag, item in enumerate(self.crypto, start=1):
            params = "".join(f" {p}" for p in item.session_params)
            lines.append(f"a=crypto:{tag} {item.suite} {MASKED_KEY}{params}")
        if self.dtls:
            lines += ["a=fingerprint:sha-256 [throwaway certificate]", "a=setup:actpass"]
        return tuple(lines)


OFFERS: dict[OfferKind, OfferSpec] = {spec.kind: spec for spec in (
    OfferSpec(OfferKind.SDES_AES_CM_128, SAVP, (CryptoOffer("AES_CM_128_HMAC_SHA1_80"),)),
    OfferSpec(OfferKind.SDES_AEAD_AES_128_GCM, SAVP, (CryptoOffer("AEAD_AES_128_GCM"),)),
    OfferSpec(OfferKind.SDES_AES_256_CM, SAVP, (CryptoOffer("AES_256_CM_HMAC_SHA1_80"),)),
    # RFC 8643 "best effort": SDES on RTP/AVP, an answer may pick crypto or plain RTP.
    OfferSpec(OfferKind.SDES_BEST_EFFORT, AVP, (CryptoOffer("AES_CM_128_HMAC_SHA1_80"),)),
    # One INVITE for every weak option: accepting any of them is the finding.
    OfferSpec(OfferKind.SDES_WEAK, SAVP, (
        CryptoOffer("AES_CM_128_HMAC_SHA1_32"),
        CryptoOffer("AES_CM_128_HMAC_SHA1_80", ("UNENCRYPTED_SRTP",)),
        CryptoOffer("AES_CM_128_HMAC_SHA1_80", ("UNAUTHENTICATED_SRTP",)),
    )),
    OfferSpec(OfferKind.DTLS_SRTP, DTLS_SAVP, dtls=True),
    OfferSpec(OfferKind.PLAIN_RTP, AVP),
)}
DEFAULT_OFFERS = tuple(OFFERS)


def parse_offer_kinds(text: str) -> tuple[OfferKind, ...]:
    """'sdes-aes-cm-128,plain-rtp' or 'all' -> kinds in the canonical order."""
    names = {n.strip().lower() for n in text.split(",") if n.strip()}
    if not names or "all" in names:
        return DEFAULT_OFFERS
    unknown = sorted(names - {k.value for k in OfferKind})
    if unknown:
        choices = ", ".join(k.value for k in OfferKind)
        raise ValueError(f"unknown SRTP offer '{unknown[0][:40]}' (choose from: {choices}, all)")
    return tuple(k for k in OfferKind if k.value in names)


# --- building offers ---------------------------------------------------------------------


def inline_key(suite: str) -> str:
    """A fresh random key||salt for ``suite``, base64 (RFC 4568 sec. 6.1)."""
    return base64.b64encode(secrets.token_bytes(KEY_SALT_BYTES.get(suite, 30))).decode()


def build_offer(spec: OfferSpec, *, address: str, port: int,
                fingerprint: str | None = None) -> bytes:
    """The SDP body of one offer: PCMU, PCMA and telephone-event on one audio stream."""
    family = "IP6" if ":" in address else "IP4"
    session = secrets.randbelow(2**31)
    lines = [
        "v=0",
        f"o=voipscan {session} {session} IN {family} {address}",
        "s=voipscan SRTP probe",
        f"c=IN {family} {address}",
        "t=0 0",
        f"m=audio {port} {spec.profile} 0 8 101",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-16",
        "a=sendrecv",
    ]
    for tag, item in enumerate(spec.crypto, start=1):
        params = "".join(f" {p}" for p in item.session_params)
        lines.append(f"a=crypto:{tag} {item.suite} inline:{inline_key(item.suite)}{params}")
    if spec.dtls:
        if fingerprint is None:
            raise ValueError("a DTLS-SRTP offer needs a certificate fingerprint")
        lines += [f"a=fingerprint:sha-256 {fingerprint}", "a=setup:actpass", "a=rtcp-mux"]
    return ("\r\n".join(lines) + "\r\n").encode()


def throwaway_fingerprint() -> str:
    """SHA-256 fingerprint (RFC 8122 form) of a fresh self-signed certificate whose key is
    dropped at once: the offer is never meant to complete a DTLS handshake."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "voipscan SRTP probe")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(minutes=5))
                   .not_valid_after(now + dt.timedelta(days=1))
                   .sign(key, hashes.SHA256()))
    return certificate.fingerprint(hashes.SHA256()).hex(":").upper()


# --- judging answers ---------------------------------------------------------------------


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DOWNGRADED = "downgraded"  # the answer agreed to media without SRTP
    SWITCHED = "switched-keying"  # SDES offered, DTLS-SRTP answered: encrypted, not as offered
    INVALID = "invalid-answer"  # the answer broke RFC 4568's contract: no usable SRTP keys
    INCONCLUSIVE = "inconclusive"


@dataclass(frozen=True)
class OfferResult:
    """What one offer got. ``answer`` is the status line the outcome rests on."""

    offer: OfferKind
    outcome: Outcome
    answer: str
    detail: str = ""
    profile: str | None = None
    """Media profile of the SDP answer."""
    encryption: MediaEncryption | None = None
    """What the media would have used had the call gone on (from the SDP answer)."""
    suite: str | None = None
    setup: str | None = None
    weak: tuple[str, ...] = ()
    """Weak suites and session parameters the answer accepted."""
    sdp_answer: bool = False
    """The outcome rests on an SDP answer (not only on ringing or a status code)."""
    authenticated: bool = False
    cleanup: str = ""
    elapsed: float = 0.0
    answer_lines: tuple[str, ...] = ()
    """The SDP answer's m=, a=crypto, a=fingerprint and a=setup lines, keys masked."""
    inferred: tuple[str, ...] = ()
    """Weak session parameters counted in ``weak`` although the answer did not repeat them:
    inferred from the a=crypto tag it chose (the offer's line carried them)."""
    media: MediaObservation | None = None
    """What arrived on the media port during the call (``--media-check``; None: not run)."""

    @property
    def media_in_clear(self) -> bool:
        """The media check saw unencrypted G.711 arrive in this call."""
        return self.media is not None and self.media.kind == "plain-rtp"

    @property
    def spec(self) -> OfferSpec:
        return OFFERS[self.offer]

    def describe(self) -> str:
        """'INVITE offering RTP/SAVP a=crypto:1 AES_CM_128_HMAC_SHA1_80 -> 200 OK: accepted
        (...); observed: the SDP answer [...]; offer [...]' (keys masked, never a key)."""
        text = f"INVITE offering {self.spec.summary()} -> {self.answer or 'no reply'}: " \
               f"{self.outcome.value}"
        if self.detail:
            text += f" ({self.detail})"
        if self.sdp_answer:
            text += f"; observed in the SDP answer: [{' | '.join(self.answer_lines)}]"
        elif self.answer:
            text += "; observed: the status line only (no SDP answer)"
        if self.inferred:
            text += f"; inferred, not in the answer: {', '.join(self.inferred)} (from the " \
                    "offered a=crypto line whose tag the answer chose)"
        if self.media is not None:
            text += f"; {self.media.describe()}"
        return text + f"; offer: [{' | '.join(self.spec.quoted())}]"


@dataclass(frozen=True)
class AnswerSignal:
    """The parts of an INVITE exchange that judge an offer (from ``srtp_dialog``)."""

    final: tuple[int, str] | None
    warning: str | None = None
    answer_body: bytes | None = None
    answer_status: tuple[int, str] | None = None
    ringing: tuple[int, str] | None = None
    """The first provisional beyond 100 Trying (the call progressed; a phone may ring)."""
    auth_problem: str | None = None
    error: str | None = None
    cancelled: bool = False


def _line(status: tuple[int, str] | None) -> str:
    return f"{status[0]} {status[1]}".strip() if status else ""


def classify(spec: OfferSpec, signal: AnswerSignal) -> OfferResult:
    """Accepted, rejected, downgraded or inconclusive, with the reason."""
    kind = spec.kind
    if signal.answer_body is not None and signal.answer_status is not None:
        judged = _judge_sdp(spec, parse_answer(signal.answer_body), _line(signal.answer_status))
        return replace(judged, answer_lines=quoted_lines(signal.answer_body))
    final = signal.final
    if final is not None and final[0] in (488, 606):
        warning = f"Warning: {signal.warning}" if signal.warning else "no Warning header"
        return OfferResult(kind, Outcome.REJECTED, _line(final), warning)
    if final is not None and final[0] in (401, 407):
        return OfferResult(kind, Outcome.INCONCLUSIVE, _line(final),
                           signal.auth_problem or "authentication required")
    if signal.ringing is not None and (final is None or final[0] == 487 or signal.cancelled):
        # A provisional response without SDP accepts nothing (RFC 3264: only an answer
        # does); the endpoint may still have refused the offer once the call was answered.
        return OfferResult(kind, Outcome.INCONCLUSIVE, _line(signal.ringing),
                           "call progressed without an SDP answer, then cancelled: a "
                           "provisional response without SDP accepts nothing")
    if final is not None and 200 <= final[0] < 300:
        return OfferResult(kind, Outcome.INCONCLUSIVE, _line(final), "2xx without SDP answer")
    if final is not None:
        reasons = {404: "extension not found", 480: "extension unavailable",
                   486: "extension busy", 403: "forbidden", 603: "declined",
                   487: "cancelled before any answer"}
        reason = reasons.get(final[0], "other final response")
        if signal.warning:
            reason += f"; Warning: {signal.warning}"
        return OfferResult(kind, Outcome.INCONCLUSIVE, _line(final), reason)
    return OfferResult(kind, Outcome.INCONCLUSIVE, _line(signal.ringing),
                       signal.error or "timeout")


def _base_profile(profile: str) -> str:
    """RTP/SAVPF answers RTP/SAVP well enough: the feedback variant keeps the keying."""
    upper = profile.upper()
    return upper[:-1] if upper.endswith(("AVPF", "SAVPF")) else upper


def _judge_sdp(spec: OfferSpec, media: tuple[SdpMedia, ...], status: str) -> OfferResult:
    kind = spec.kind
    audio = next((m for m in media if m.kind.lower() == "audio"), None)
    if audio is None:
        return OfferResult(kind, Outcome.INCONCLUSIVE, status, "answer without an audio stream",
                           sdp_answer=True)
    base = OfferResult(kind, Outcome.ACCEPTED, status, profile=audio.profile,
                       encryption=audio.encryption, sdp_answer=True, setup=audio.setup)
    if audio.disabled:
        return _with(base, Outcome.REJECTED, "audio stream refused (port 0)")
    profile = _base_profile(audio.profile)
    if spec.dtls:
        if profile == DTLS_SAVP and audio.fingerprint and \
                audio.setup in ("active", "passive"):
            return _with(base, Outcome.ACCEPTED, f"DTLS-SRTP, answerer is {audio.setup}")
        if profile == DTLS_SAVP:
            return _with(base, Outcome.INCONCLUSIVE, "DTLS answer without fingerprint or "
                         "a=setup:active/passive")
        return _with(base, Outcome.DOWNGRADED, f"answered {audio.profile}")
    if not spec.crypto:  # plain RTP offered
        if profile == AVP:
            return _with(base, Outcome.ACCEPTED, "plain RTP")
        return _with(base, Outcome.INCONCLUSIVE, f"answered {audio.profile} to plain RTP")
    return _judge_sdes(spec, audio, base)


def _judge_sdes(spec: OfferSpec, audio: SdpMedia, base: OfferResult) -> OfferResult:
    profile = _base_profile(audio.profile)
    offered_profile = spec.profile
    chosen = _chosen_crypto(spec, audio.crypto)
    if audio.encryption is MediaEncryption.DTLS or profile == DTLS_SAVP:
        return _with(base, Outcome.SWITCHED, f"answered {audio.profile} with DTLS-SRTP keying "
                     "instead of the offered SDES: media would be encrypted, but not as "
                     "offered (RFC 3264 keeps the offered profile)")
    if profile != offered_profile and not (offered_profile == AVP and profile == SAVP):
        detail = f"answered {audio.profile}" + (" without a=crypto" if not audio.crypto else "")
        return _with(base, Outcome.DOWNGRADED, detail)
    if chosen is None and audio.crypto:
        answered = ", ".join(f"a=crypto:{c.tag if c.tag is not None else '?'} {c.suite}"
                             for c in audio.crypto[:3])
        return _with(base, Outcome.INVALID, f"the answer's {answered} matches no offered tag "
                     "and suite: RFC 4568 sec. 7.1.3 makes the SRTP negotiation fail, so "
                     "media has no agreed keys", encryption=None)
    if chosen is None:
        if profile == SAVP:
            return _with(base, Outcome.INVALID, f"answered {audio.profile} without a=crypto: "
                         "no keys for SRTP (RFC 4568 sec. 7.1.3)", encryption=None)
        return _with(base, Outcome.DOWNGRADED, "a=crypto dropped from the answer: plain RTP")
    assert chosen.tag is not None
    offered = spec.crypto[chosen.tag - 1]
    observed = [p for p in chosen.session_params if p.upper() in WEAK_SESSION_PARAMS]
    inferred = tuple(p for p in offered.session_params
                     if p.upper() in WEAK_SESSION_PARAMS and p not in observed)
    weak = tuple(dict.fromkeys(
        ([chosen.suite] if weak_suite(chosen.suite) else []) + observed + list(inferred)))
    params = [w for w in weak if w != chosen.suite]
    detail = f"a=crypto:{chosen.tag} {chosen.suite}" + \
        (f" with {', '.join(params)}" if params else "") + (" (weak)" if weak else "")
    if offered_profile == AVP:
        detail += " (best effort, RFC 8643)"
    return replace(base, outcome=Outcome.ACCEPTED, detail=detail,
                   encryption=MediaEncryption.SDES, suite=chosen.suite, weak=weak,
                   inferred=inferred)


def _chosen_crypto(spec: OfferSpec, answered: tuple[CryptoAttribute, ...]
                   ) -> CryptoAttribute | None:
    """The answer's a=crypto line that accepts one of ours: same tag, same suite."""
    for item in answered:
        if item.tag is not None and 1 <= item.tag <= len(spec.crypto) and \
                spec.crypto[item.tag - 1].suite.upper() == item.suite.upper():
            return item
    return None


def _with(base: OfferResult, outcome: Outcome, detail: str,
          encryption: MediaEncryption | bool | None = True) -> OfferResult:
    """``base`` with another outcome; ``encryption`` None drops what the answer's profile
    suggested (True keeps it)."""
    if encryption is True:
        return replace(base, outcome=outcome, detail=detail)
    assert encryption is None or isinstance(encryption, MediaEncryption)
    return replace(base, outcome=outcome, detail=detail, encryption=encryption)
