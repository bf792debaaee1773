"""SRTP offers (fresh keys, right sizes) and the judgement of answers; the shared SDP parser."""

from __future__ import annotations

import base64
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voipscan.facts import MediaEncryption
from voipscan.sip.sdp import CryptoAttribute, parse_answer, parse_sdp
from voipscan.sources.host.srtp_offers import (
    DEFAULT_OFFERS,
    OFFERS,
    AnswerSignal,
    OfferKind,
    Outcome,
    build_offer,
    classify,
    parse_offer_kinds,
    throwaway_fingerprint,
)

ANSWER_KEY = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk"


def keys(body: bytes) -> list[tuple[str, bytes]]:
    return [(m.group(1).decode(), base64.b64decode(m.group(2)))
            for m in re.finditer(rb"a=crypto:\d+ (\S+) inline:([A-Za-z0-9+/=]+)", body)]


@pytest.mark.parametrize(("kind", "suite", "size"), [
    (OfferKind.SDES_AES_CM_128, "AES_CM_128_HMAC_SHA1_80", 30),
    (OfferKind.SDES_AEAD_AES_128_GCM, "AEAD_AES_128_GCM", 28),
    (OfferKind.SDES_AES_256_CM, "AES_256_CM_HMAC_SHA1_80", 46),
])
def test_sdes_offers_carry_fresh_keys_of_the_suites_size(kind: OfferKind, suite: str,
                                                         size: int) -> None:
    first = build_offer(OFFERS[kind], address="192.0.2.7", port=40000)
    second = build_offer(OFFERS[kind], address="192.0.2.7", port=40000)
    assert b"m=audio 40000 RTP/SAVP 0 8 101\r\n" in first
    assert b"c=IN IP4 192.0.2.7\r\n" in first
    (found,) = keys(first)
    assert found[0] == suite and len(found[1]) == size
    assert keys(second)[0][1] != found[1]


def test_best_effort_weak_dtls_and_plain_offers() -> None:
    best = build_offer(OFFERS[OfferKind.SDES_BEST_EFFORT], address="::1", port=4000)
    assert b"m=audio 4000 RTP/AVP" in best and b"c=IN IP6 ::1" in best and keys(best)
    weak = build_offer(OFFERS[OfferKind.SDES_WEAK], address="192.0.2.7", port=4000)
    lines = re.findall(rb"a=crypto:(\d) (\S+) inline:\S+(.*)\r\n", weak)
    assert lines == [(b"1", b"AES_CM_128_HMAC_SHA1_32", b""),
                     (b"2", b"AES_CM_128_HMAC_SHA1_80", b" UNENCRYPTED_SRTP"),
                     (b"3", b"AES_CM_128_HMAC_SHA1_80", b" UNAUTHENTICATED_SRTP")]
    fingerprint = throwaway_fingerprint()
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", fingerprint)
    assert throwaway_fingerprint() != fingerprint
    dtls = build_offer(OFFERS[OfferKind.DTLS_SRTP], address="192.0.2.7", port=4000,
                       fingerprint=fingerprint)
    assert b"m=audio 4000 UDP/TLS/RTP/SAVP" in dtls and b"a=setup:actpass" in dtls
    assert f"a=fingerprint:sha-256 {fingerprint}".encode() in dtls and b"crypto" not in dtls
    with pytest.raises(ValueError):
        build_offer(OFFERS[OfferKind.DTLS_SRTP], address="192.0.2.7", port=4000)
    plain = build_offer(OFFERS[OfferKind.PLAIN_RTP], address="192.0.2.7", port=4000)
    assert b"RTP/AVP" in plain and b"crypto" not in plain and b"fingerprint" not in plain
    # the summary that ends up in evidence never holds a key
    assert "inline" not in OFFERS[OfferKind.SDES_WEAK].summary()


def test_parse_offer_kinds() -> None:
    assert parse_offer_kinds("all") == DEFAULT_OFFERS
    assert parse_offer_kinds("plain-rtp, sdes-aes-cm-128") == (
        OfferKind.SDES_AES_CM_128, OfferKind.PLAIN_RTP)
    with pytest.raises(ValueError, match="unknown SRTP offer 'zrtp'"):
        parse_offer_kinds("zrtp,plain-rtp")


def sdp(profile: str, *attributes: str, port: int = 30000) -> bytes:
    lines = ["v=0", "o=- 1 1 IN IP4 192.0.2.9", "s=-", "c=IN IP4 192.0.2.9", "t=0 0",
             f"m=audio {port} {profile} 0", *attributes]
    return ("\r\n".join(lines) + "\r\n").encode()


def answered(body: bytes, status: tuple[int, str] = (200, "OK")) -> AnswerSignal:
    return AnswerSignal(final=status, answer_body=body, answer_status=status)


def judge(kind: OfferKind, signal: AnswerSignal) -> tuple[Outcome, str]:
    result = classify(OFFERS[kind], signal)
    return result.outcome, result.detail


def test_sdes_accepted_with_the_suite_chosen() -> None:
    result = classify(OFFERS[OfferKind.SDES_AES_256_CM], answered(sdp(
        "RTP/SAVP", f"a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:{ANSWER_KEY}")))
    assert (result.outcome, result.suite, result.encryption, result.weak) == (
        Outcome.ACCEPTED, "AES_256_CM_HMAC_SHA1_80", MediaEncryption.SDES, ())
    assert result.sdp_answer and result.answer == "200 OK"
    assert ANSWER_KEY not in repr(result) and ANSWER_KEY not in result.describe()
    # RTP/SAVPF answers RTP/SAVP: still SRTP with the same keying
    assert judge(OfferKind.SDES_AES_CM_128, answered(sdp(
        "RTP/SAVPF", f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{ANSWER_KEY}")))[0] \
        is Outcome.ACCEPTED


def test_sdes_downgrades_and_mismatches() -> None:
    kind = OfferKind.SDES_AES_CM_128
    result = classify(OFFERS[kind], answered(sdp("RTP/AVP")))
    assert (result.outcome, result.encryption, result.detail) == (
        Outcome.DOWNGRADED, MediaEncryption.NONE, "answered RTP/AVP without a=crypto")
    # RFC 4568 sec. 7.1.3: an answer with no keys, or keys for no offered tag and suite,
    # breaks the negotiation (baresip 1.0 answers AES_256_CM offers so and sends plain RTP)
    no_keys = classify(OFFERS[kind], answered(sdp("RTP/SAVP")))
    assert (no_keys.outcome, no_keys.encryption) == (Outcome.INVALID, None)
    assert no_keys.detail == "answered RTP/SAVP without a=crypto: no keys for SRTP " \
                             "(RFC 4568 sec. 7.1.3)"
    wrong_tag = classify(OFFERS[kind], answered(sdp(
        "RTP/SAVP", f"a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:{ANSWER_KEY}")))
    assert (wrong_tag.outcome, wrong_tag.encryption) == (Outcome.INVALID, None)
    assert wrong_tag.detail.startswith("the answer's a=crypto:7 AES_CM_128_HMAC_SHA1_80 "
                                       "matches no offered tag and suite")
    assert wrong_tag.answer_lines == (
        "m=audio RTP/SAVP", "a=crypto:7 AES_CM_128_HMAC_SHA1_80 [key masked]")
    text = wrong_tag.describe()
    assert ANSWER_KEY not in text
    assert "observed in the SDP answer: [m=audio RTP/SAVP | a=crypto:7 " \
           "AES_CM_128_HMAC_SHA1_80 [key masked]]" in text
    assert text.endswith("offer: [m=audio RTP/SAVP | a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                         "[key masked]]")
    assert judge(kind, answered(sdp("RTP/SAVP", "a=crypto:1 AEAD_AES_128_GCM inline:x")))[0] \
        is Outcome.INVALID
    # switching to DTLS keying is not a downgrade: nothing would flow in clear
    switched = classify(OFFERS[kind], answered(sdp(
        "UDP/TLS/RTP/SAVPF", "a=fingerprint:sha-256 AB:CD", "a=setup:passive")))
    assert (switched.outcome, switched.encryption) == (Outcome.SWITCHED, MediaEncryption.DTLS)
    assert judge(kind, answered(sdp("RTP/SAVP", port=0))) == (
        Outcome.REJECTED, "audio stream refused (port 0)")
    assert judge(kind, answered(b"v=0\r\nm=video 5000 RTP/AVP 96\r\n")) == (
        Outcome.INCONCLUSIVE, "answer without an audio stream")


def test_best_effort_answers() -> None:
    kind = OfferKind.SDES_BEST_EFFORT
    result = classify(OFFERS[kind], answered(sdp(
        "RTP/AVP", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x")))
    assert (result.outcome, result.encryption) == (Outcome.ACCEPTED, MediaEncryption.SDES)
    assert "best effort" in result.detail
    result = classify(OFFERS[kind], answered(sdp("RTP/AVP")))
    assert (result.outcome, result.encryption) == (Outcome.DOWNGRADED, MediaEncryption.NONE)


def test_weak_answers_name_what_was_accepted() -> None:
    kind = OfferKind.SDES_WEAK
    tag_32 = classify(OFFERS[kind], answered(sdp(
        "RTP/SAVP", "a=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:x")))
    assert tag_32.weak == ("AES_CM_128_HMAC_SHA1_32",)
    unencrypted = classify(OFFERS[kind], answered(sdp(
        "RTP/SAVP", "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:x UNENCRYPTED_SRTP")))
    assert (unencrypted.outcome, unencrypted.weak) == (Outcome.ACCEPTED, ("UNENCRYPTED_SRTP",))
    assert unencrypted.inferred == ()
    assert "inferred" not in unencrypted.describe()
    # the answer dropped the parameter: it still took the line that carried it (inferred)
    unauthenticated = classify(OFFERS[kind], answered(sdp(
        "RTP/SAVP", "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:x")))
    assert unauthenticated.weak == ("UNAUTHENTICATED_SRTP",)
    assert unauthenticated.inferred == ("UNAUTHENTICATED_SRTP",)
    assert "inferred, not in the answer: UNAUTHENTICATED_SRTP" in unauthenticated.describe()


def test_dtls_and_plain_answers() -> None:
    dtls = classify(OFFERS[OfferKind.DTLS_SRTP], answered(sdp(
        "UDP/TLS/RTP/SAVPF", "a=fingerprint:sha-256 AB:CD", "a=setup:active")))
    assert (dtls.outcome, dtls.setup, dtls.encryption) == (
        Outcome.ACCEPTED, "active", MediaEncryption.DTLS)
    assert judge(OfferKind.DTLS_SRTP, answered(sdp("RTP/AVP"))) == (
        Outcome.DOWNGRADED, "answered RTP/AVP")
    assert judge(OfferKind.DTLS_SRTP, answered(sdp(
        "UDP/TLS/RTP/SAVP", "a=fingerprint:sha-256 AB", "a=setup:actpass")))[0] \
        is Outcome.INCONCLUSIVE
    assert judge(OfferKind.PLAIN_RTP, answered(sdp("RTP/AVP"))) == (Outcome.ACCEPTED,
                                                                     "plain RTP")
    assert judge(OfferKind.PLAIN_RTP, answered(sdp("RTP/SAVP")))[0] is Outcome.INCONCLUSIVE


def test_early_media_answer_counts() -> None:
    result = classify(OFFERS[OfferKind.SDES_AES_CM_128], AnswerSignal(
        final=(487, "Request Terminated"), ringing=(183, "Session Progress"),
        answer_status=(183, "Session Progress"), cancelled=True,
        answer_body=sdp("RTP/SAVP", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x")))
    assert (result.outcome, result.answer) == (Outcome.ACCEPTED, "183 Session Progress")


@pytest.mark.parametrize(("signal", "outcome", "detail"), [
    (AnswerSignal(final=(488, "Not Acceptable Here"), warning='399 pbx "SRTP required"'),
     Outcome.REJECTED, 'Warning: 399 pbx "SRTP required"'),
    (AnswerSignal(final=(606, "Not Acceptable")), Outcome.REJECTED, "no Warning header"),
    (AnswerSignal(final=(401, "Unauthorized"),
                  auth_problem="authentication required; no credentials given"),
     Outcome.INCONCLUSIVE, "authentication required; no credentials given"),
    (AnswerSignal(final=(407, "Proxy Authentication Required")), Outcome.INCONCLUSIVE,
     "authentication required"),
    (AnswerSignal(final=(404, "Not Found")), Outcome.INCONCLUSIVE, "extension not found"),
    (AnswerSignal(final=(480, "Temporarily Unavailable")), Outcome.INCONCLUSIVE,
     "extension unavailable"),
    (AnswerSignal(final=(486, "Busy Here")), Outcome.INCONCLUSIVE, "extension busy"),
    (AnswerSignal(final=(500, "Oops"), warning="399 x y"), Outcome.INCONCLUSIVE,
     "other final response; Warning: 399 x y"),
    (AnswerSignal(final=None, error="no reply"), Outcome.INCONCLUSIVE, "no reply"),
    (AnswerSignal(final=(200, "OK")), Outcome.INCONCLUSIVE, "2xx without SDP answer"),
    (AnswerSignal(final=(487, "Request Terminated"), cancelled=True), Outcome.INCONCLUSIVE,
     "cancelled before any answer"),
])
def test_status_only_outcomes(signal: AnswerSignal, outcome: Outcome, detail: str) -> None:
    assert judge(OfferKind.SDES_AES_CM_128, signal) == (outcome, detail)


def test_ringing_without_sdp_accepts_nothing() -> None:
    signal = AnswerSignal(final=(487, "Request Terminated"), ringing=(180, "Ringing"),
                          cancelled=True)
    plain = classify(OFFERS[OfferKind.PLAIN_RTP], signal)
    assert (plain.outcome, plain.answer, plain.encryption) == (
        Outcome.INCONCLUSIVE, "180 Ringing", None)
    assert "a provisional response without SDP accepts nothing" in plain.detail
    weak = classify(OFFERS[OfferKind.SDES_WEAK], signal)
    assert (weak.outcome, weak.weak) == (Outcome.INCONCLUSIVE, ())
    assert "observed: the status line only (no SDP answer)" in weak.describe()


def test_sdp_parser_keeps_tags_suites_params_and_roles_never_keys() -> None:
    body = sdp("RTP/SAVP", f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{ANSWER_KEY}|2^20|1:4 "
                           "KDR=1 UNENCRYPTED_SRTP WSH=64",
               f"a=crypto:x bad!suite inline:{ANSWER_KEY} {ANSWER_KEY[:5]}!",
               "a=setup:PASSIVE")
    (medium,) = parse_sdp(body)
    assert medium.crypto == (
        CryptoAttribute(1, "AES_CM_128_HMAC_SHA1_80", ("KDR", "UNENCRYPTED_SRTP", "WSH")),
        CryptoAttribute(None, "unknown", ("unknown",)))
    assert medium.setup == "passive" and medium.formats == ("0",)
    assert ANSWER_KEY not in repr(medium)
    assert parse_sdp(sdp("RTP/AVP", port=0)) == ()
    (refused,) = parse_answer(sdp("RTP/AVP", port=0))
    assert refused.disabled


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(list(OfferKind)))
def test_any_answer_body_is_judged_without_crashing(body: bytes, kind: OfferKind) -> None:
    seeded = b"v=0\r\nm=audio 4000 RTP/SAVP 0\r\na=crypto:1 " + body
    for candidate in (body, seeded):
        result = classify(OFFERS[kind], answered(candidate))
        assert result.outcome in Outcome
        assert "inline" not in result.detail
