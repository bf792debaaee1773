"""SDP bodies: what media an offer or answer negotiates, and keys are never kept."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from voipscan.facts import MediaEncryption
from voipscan.sip.sdp import (
    MASKED_KEY,
    MAX_QUOTED,
    looks_like_sdp,
    parse_answer,
    parse_sdp,
    quoted_lines,
)

KEY = "WVNfX19zZWNyZXRfa2V5X2Zvcl90ZXN0c19vbmx5ISE"


def sdp(address: str, port: int, profile: str = "RTP/AVP", *, crypto: bool = False) -> bytes:
    lines = ["v=0", f"o=- 1 1 IN IP4 {address}", "s=-", f"c=IN IP4 {address}", "t=0 0",
             f"m=audio {port} {profile} 0 8 101", "a=rtpmap:0 PCMU/8000"]
    if crypto:
        lines.append(f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{KEY} UNENCRYPTED_SRTP")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_sdp_keeps_suites_never_keys() -> None:
    (medium,) = parse_sdp(sdp("10.0.0.5", 30000, "RTP/SAVP", crypto=True))
    assert medium.crypto_suites == ("AES_CM_128_HMAC_SHA1_80",)
    assert medium.crypto[0].session_params == ("UNENCRYPTED_SRTP",)
    assert medium.encryption is MediaEncryption.SDES
    assert medium.secure_profile
    assert KEY not in repr(medium)
    assert (medium.address, medium.port) == ("10.0.0.5", 30000)


def test_sdp_media_kinds() -> None:
    body = (b"v=0\r\nc=IN IP4 10.0.0.9\r\na=fingerprint:sha-256 AA\r\n"
            b"m=audio 4000 UDP/TLS/RTP/SAVPF 111\r\n"
            b"m=video 4002 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\n"
            b"m=audio 0 RTP/AVP 0\r\n"
            b"m=application 5000 UDP/BFCP *\r\n"
            b"m=audio 4004 RTP/AVP 0\r\na=zrtp-hash:1.10 abc\r\n")
    dtls, video, zrtp = parse_sdp(body)
    assert (dtls.encryption, dtls.address) == (MediaEncryption.DTLS, "10.0.0.9")
    assert (video.kind, video.address) == ("video", None)  # on hold: 0.0.0.0
    assert zrtp.encryption is MediaEncryption.ZRTP
    assert [m.port for m in parse_answer(body)] == [4000, 4002, 0, 4004]  # rejected kept


def test_plain_avp_and_best_effort_srtp() -> None:
    (plain,) = parse_sdp(sdp("10.0.0.5", 4000))
    assert (plain.encryption, plain.secure_profile) == (MediaEncryption.NONE, False)
    (best_effort,) = parse_sdp(sdp("10.0.0.5", 4000, crypto=True))
    assert (best_effort.encryption, best_effort.secure_profile) == (MediaEncryption.SDES, False)


def test_looks_like_sdp() -> None:
    assert looks_like_sdp("application/sdp", b"")
    assert looks_like_sdp(None, b"v=0\r\n")
    assert not looks_like_sdp("text/plain", b"hello")


def _quoted_by_definition(body: bytes) -> tuple[str, ...]:
    """``quoted_lines`` as its docstring defines it: every line cleaned whole, then kept by
    its start (the implementation decides from a line's head)."""
    found: list[str] = []
    for raw in body.decode("utf-8", "replace").splitlines():
        line = "".join(c for c in raw.strip() if c.isprintable())
        if not line.lower().startswith(("m=", "a=crypto", "a=fingerprint", "a=setup")):
            continue
        if line.lower().startswith("m="):
            parts = line.split()
            line = " ".join([parts[0], *parts[2:3]]) if len(parts) > 2 else parts[0]
        line = re.sub(r"inline:\S*", MASKED_KEY, line, flags=re.IGNORECASE)
        found.append(line if len(line) <= 160 else line[:157] + "...")
        if len(found) >= MAX_QUOTED:
            break
    return tuple(found)


_PIECES = st.sampled_from(["m=audio 4000 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                           "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4",
                           "A=FINGERPRINT:sha-256 AB:CD", "a=setup:active", "a=rtpmap:0 PCMU",
                           "c=IN IP4 192.0.2.1", "m", "a=", "\x00", "\x01", "\x1c", "\x7f",
                           "\u200b", " ", "\t", "\r\n", "\n", "\r", "é", "x" * 70,
                           "\x02" * 70])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(lambda parts: "".join(parts).encode()))
def test_quoted_lines_are_those_of_the_definition(body: bytes) -> None:
    assert quoted_lines(body) == _quoted_by_definition(body)


def test_a_mark_behind_many_control_characters_is_still_quoted() -> None:
    body = ("\x01" * 200 + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2VjcmV0\r\n"
            "m\x00=\x02audio 4000 RTP/SAVP 0\r\n" + "a=rtpmap:0 PCMU/8000\r\n" * 20_000).encode()
    assert quoted_lines(body) == (f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 {MASKED_KEY}",
                                  "m=audio RTP/SAVP")
    assert quoted_lines(body) == _quoted_by_definition(body)
