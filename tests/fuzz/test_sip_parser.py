"""SIP replies from hostile peers and captures: only SipParseError escapes, memory stays
bounded, and what a well-formed message says survives parsing and re-encoding."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import SIP_SEEDS, SIP_TOKENS, FuzzTarget, run_capture_sip, run_sip_reply
from tests.fuzz.strategies import FUZZ, mutated, survives
from voipscan.sip.digest import authorization_identity
from voipscan.sip.framing import StreamFramer
from voipscan.sip.message import (
    COMPACT_FORMS,
    Headers,
    Limits,
    SipParseError,
    SipResponse,
    canonical_name,
    display_name,
    parse_message,
    parse_response,
)

REPLIES = FuzzTarget("sip-reply", "sip", SIP_SEEDS, run_sip_reply, (SipParseError,),
                     SIP_TOKENS)
CAPTURED = FuzzTarget("capture-sip", "sip", SIP_SEEDS, run_capture_sip, (), SIP_TOKENS)


@FUZZ
@given(mutated(REPLIES))
def test_mutated_replies_raise_nothing_but_sip_parse_error(data: bytes) -> None:
    survives(REPLIES, data)


@FUZZ
@given(mutated(CAPTURED))
def test_captured_sip_helpers_never_raise(data: bytes) -> None:
    survives(CAPTURED, data)


_NAMES = st.one_of(
    st.sampled_from(["Via", "From", "To", "Call-ID", "CSeq", "Server", "User-Agent", "Allow",
                     "Supported", "Warning", "X-Custom", *COMPACT_FORMS]),
    st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~",
            min_size=1, max_size=12),
).filter(lambda name: canonical_name(name).lower() != "content-length")
_VALUES = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x7f"),
                  max_size=40).map(str.strip)
_REASONS = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20).map(str.strip)


@st.composite
def responses(draw: st.DrawFn) -> SipResponse:
    headers = draw(st.lists(st.tuples(_NAMES, _VALUES), max_size=12))
    return SipResponse(Headers.of(headers), draw(st.binary(max_size=64)),
                       status=draw(st.integers(100, 699)), reason=draw(_REASONS))


@FUZZ
@given(responses())
def test_well_formed_replies_round_trip(response: SipResponse) -> None:
    parsed = parse_response(response.encode())
    assert (parsed.status, parsed.reason, parsed.body) == (
        response.status, response.reason, response.body)
    assert [h for h in parsed.headers if h[0] != "Content-Length"] == list(response.headers)
    assert parse_response(parsed.encode()) == parsed


@FUZZ
@given(st.lists(responses(), min_size=1, max_size=3), st.lists(st.integers(1, 300),
                                                               min_size=1, max_size=20))
def test_stream_framing_does_not_depend_on_how_bytes_arrive(
        messages: list[SipResponse], cuts: list[int]) -> None:
    stream = b"\r\n".join(m.encode() for m in messages)
    whole = StreamFramer().feed(stream)
    framer, pieces, at = StreamFramer(), [], 0
    for size in cuts * (len(stream) // sum(cuts) + 1):
        pieces += framer.feed(stream[at:at + size])
        at += size
    assert pieces == whole
    assert [(m.status, m.body) for m in whole if isinstance(m, SipResponse)] == [
        (m.status, m.body) for m in messages]


@FUZZ
@given(st.binary(min_size=1, max_size=400), st.integers(1, 50), st.booleans())
def test_framer_holds_at_most_one_head_and_one_body(chunk: bytes, times: int,
                                                    resync: bool) -> None:
    limits = Limits(max_head_bytes=1024, max_headers=16, max_body_bytes=2048)
    framer = StreamFramer(limits, resync=resync)
    for _ in range(times):
        with contextlib.suppress(SipParseError):
            framer.feed(chunk)
        assert framer.pending <= limits.max_head_bytes + 4 + limits.max_body_bytes + len(chunk)


@pytest.mark.parametrize("cseq", ["\u00b2 OPTIONS", "9" * 5000 + " OPTIONS", "\u0661 OPTIONS"])
def test_cseq_with_digits_int_cannot_read_is_no_cseq(cseq: str) -> None:
    reply = parse_message(f"SIP/2.0 200 OK\r\nCSeq: {cseq}\r\nContent-Length: 0\r\n\r\n"
                          .encode())
    assert reply.cseq is None


@pytest.mark.parametrize("length", ["\u00b2", "\u0661", "9" * 5000])
def test_content_length_int_cannot_read_is_a_parse_error(length: str) -> None:
    with pytest.raises(SipParseError, match="invalid Content-Length"):
        parse_message(f"SIP/2.0 200 OK\r\nContent-Length: {length}\r\n\r\n".encode())


def test_display_names_and_digest_parameters_are_read_in_linear_time() -> None:
    blanks = " " * 30_000  # ~1 s per header when these regexes backtracked
    assert display_name(blanks + "x") == ""
    assert display_name(f'  Alice {blanks}<sip:a@b>') == "Alice"
    assert display_name('"Bob" <sip:b@c>') == "Bob"
    assert authorization_identity("Digest " + "a" * 30_000) is None
    assert authorization_identity('Digest username="u", realm=r, response="x"') == ("u", "r")
