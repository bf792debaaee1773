"""SDP bodies (voipscan.sip.sdp, also used by the capture audit): never an exception,
never a key kept, and what a well-formed body offers is what the parser reads."""

from __future__ import annotations

import base64

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import sdp_targets
from tests.fuzz.strategies import FUZZ, mutated, survives
from voipscan.sip.sdp import parse_answer, parse_sdp

ALL_SDP = sdp_targets()


@FUZZ
@given(st.sampled_from(ALL_SDP).flatmap(lambda t: st.tuples(st.just(t), mutated(t))))
def test_mutated_sdp_never_raises(case: tuple[object, bytes]) -> None:
    target, data = case
    survives(target, data)  # type: ignore[arg-type]


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data: bytes) -> None:
    assert parse_sdp(data) == tuple(m for m in parse_answer(data) if m.port > 0)


_SUITES = st.sampled_from(["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32",
                           "AEAD_AES_128_GCM", "AES_256_CM_HMAC_SHA1_80", "F8_128_HMAC_SHA1_80"])
_PROFILES = st.sampled_from(["RTP/AVP", "RTP/SAVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVP",
                             "UDP/TLS/RTP/SAVPF", "RTP/AVPF"])


@st.composite
def media(draw: st.DrawFn) -> tuple[str, int, str, list[tuple[str, str]], bool]:
    keys = [base64.b64encode(draw(st.binary(min_size=30, max_size=30))).decode()
            for _ in range(draw(st.integers(0, 3)))]
    return (draw(st.sampled_from(["audio", "video"])), draw(st.integers(1, 65535)),
            draw(_PROFILES), [(draw(_SUITES), key) for key in keys], draw(st.booleans()))


def render(items: list[tuple[str, int, str, list[tuple[str, str]], bool]]) -> bytes:
    lines = ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0"]
    for kind, port, profile, crypto, fingerprint in items:
        lines.append(f"m={kind} {port} {profile} 0 8")
        lines += [f"a=crypto:{tag} {suite} inline:{key}|2^31"
                  for tag, (suite, key) in enumerate(crypto, 1)]
        if fingerprint:
            lines.append("a=fingerprint:sha-256 AB:CD:EF")
    return ("\r\n".join(lines) + "\r\n").encode()


@FUZZ
@given(st.lists(media(), max_size=5))
def test_offers_are_read_as_written_and_keys_never_kept(
        items: list[tuple[str, int, str, list[tuple[str, str]], bool]]) -> None:
    parsed = parse_sdp(render(items))
    assert [(m.kind, m.port, m.profile, m.fingerprint) for m in parsed] == [
        (kind, port, profile, fingerprint) for kind, port, profile, _, fingerprint in items]
    for medium, (_, _, _, crypto, _) in zip(parsed, items, strict=True):
        assert medium.crypto_suites == tuple(dict.fromkeys(suite for suite, _ in crypto))
        assert [c.tag for c in medium.crypto] == list(range(1, len(crypto) + 1))
        assert medium.address == "192.0.2.1"
    everything = repr(parsed)
    assert not any(key in everything for _, _, _, crypto, _ in items for _, key in crypto)


def test_digits_int_cannot_read_are_no_port_and_no_tag() -> None:
    body = ("m=audio \u00b2 RTP/AVP 0\r\nm=audio 4000 RTP/SAVP 0\r\n"
            "a=crypto:\u00b2 AES_CM_128_HMAC_SHA1_80 inline:abc\r\n"
            f"m=audio {'9' * 5000} RTP/AVP 0\r\n").encode()
    (medium,) = parse_sdp(body)
    assert (medium.port, medium.crypto[0].tag, medium.crypto_suites) == (
        4000, None, ("AES_CM_128_HMAC_SHA1_80",))
