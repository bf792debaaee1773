"""Stream framing: messages cut out of TCP/TLS bytes by Content-Length, however the bytes
arrive, with bounded memory; a capture's stream that lost bytes finds its way back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voipscan.sip.framing import (
    _STARTS,
    StreamFramer,
    _may_start_sip,
    find_start,
    looks_like_sip,
)
from voipscan.sip.message import (
    Limits,
    Local,
    SipMessage,
    SipParseError,
    SipRequest,
    SipResponse,
    options_request,
    response_to,
)

LOCAL = Local("192.0.2.10", 40000, "TCP")


def options() -> SipRequest:
    return options_request("sip:192.0.2.1:5060", local=LOCAL)


def message(method: str, call_id: str, body: bytes = b"") -> bytes:
    return (f"{method} sip:100@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10;branch=z9hG4bK1"
            f"\r\nCall-ID: {call_id}\r\nCSeq: 1 {method}\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode() + body


def call_ids(messages: list[SipMessage | None]) -> list[str | None]:
    return [m.call_id if m is not None else None for m in messages]


def lossy_feed(framer: StreamFramer, data: bytes) -> list[SipMessage | None]:
    """What the capture audit does: a rejected message is noted (None) and framing goes on."""
    framer.append(data)
    seen: list[SipMessage | None] = []
    while True:
        try:
            found = framer.next_message()
        except SipParseError:
            seen.append(None)
            continue
        if found is None:
            return seen
        seen.append(found)


def test_stream_framer_cuts_by_content_length_across_chunks() -> None:
    framer = StreamFramer()
    one = response_to(options(), 200, "OK", body=b"hello").encode()
    two = response_to(options(), 404, "Not Found").encode()
    data = b"\r\n\r\n" + one + two  # a CRLF keep-alive first
    messages = []
    for index in range(0, len(data), 7):
        messages += framer.feed(data[index:index + 7])
    assert [(m.status, m.body) for m in messages if isinstance(m, SipResponse)] == [
        (200, b"hello"), (404, b"")]
    assert framer.pending == 0


def test_stream_framer_bounds_endless_headers_and_huge_bodies() -> None:
    framer = StreamFramer()
    framer.feed(b"SIP/2.0 200 OK\r\n")
    with pytest.raises(SipParseError, match="header section larger"):
        for _ in range(100):
            framer.feed(b"X-Endless: " + b"y" * 1000 + b"\r\n")
    assert framer.pending == 0  # what it refused is not kept
    with pytest.raises(SipParseError, match="exceeds"):
        StreamFramer().feed(b"SIP/2.0 200 OK\r\nContent-Length: 10000000\r\n\r\n")


def test_message_without_content_length_ends_at_its_blank_line() -> None:
    (found,) = StreamFramer().feed(b"OPTIONS sip:a SIP/2.0\r\nCall-ID: x\r\n\r\n")
    assert (found.call_id, found.body) == ("x", b"")


def test_framing_goes_on_after_a_rejected_message() -> None:
    bad_header = b"OPTIONS sip:a SIP/2.0\r\nno colon\r\nContent-Length: 0\r\n\r\n"
    bad_length = b"OPTIONS sip:a SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\n"
    data = message("OPTIONS", "a") + bad_header + message("OPTIONS", "b") + bad_length \
        + message("BYE", "c")
    assert call_ids(lossy_feed(StreamFramer(), data)) == ["a", None, "b", None, "c"]


def test_resync_skips_the_rest_of_a_message_whose_start_was_lost() -> None:
    one = message("INVITE", "a", b"v=0\r\nc=IN IP4 192.0.2.10\r\n")
    two = message("BYE", "b")
    framer = StreamFramer(resync=True)
    assert call_ids(lossy_feed(framer, one[30:] + two)) == ["b"]
    assert call_ids(lossy_feed(framer, b"tail of a body without a start line")) == []
    assert framer.pending == 0
    assert call_ids(lossy_feed(framer, b"body\r\nINV")) == []  # a start line may follow
    assert call_ids(lossy_feed(framer, one[3:])) == ["a"]


def test_without_resync_garbage_is_an_error() -> None:
    with pytest.raises(SipParseError, match="not a SIP start line"):
        StreamFramer().feed(b"garbage\r\n\r\n")


def test_too_long_a_body_is_skipped_with_resync() -> None:
    limits = Limits(max_body_bytes=100)
    big = message("MESSAGE", "a", b"x" * 500 + b"\r\n")
    framer = StreamFramer(limits, resync=True)
    assert call_ids(lossy_feed(framer, big + message("BYE", "b"))) == [None, "b"]


def test_looks_like_sip_and_find_start() -> None:
    one = message("OPTIONS", "a")
    assert looks_like_sip(b"SIP/2.0 200 OK\r\n") and looks_like_sip(one)
    assert not looks_like_sip(b"GET / HTTP/1.1") and not looks_like_sip(b"FOO sip:a SIP/2.0")
    assert find_start(b"tail of a body\r\n" + one) == len(b"tail of a body\r\n")
    assert find_start(b"no start line here") == -1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=200), max_size=10), st.booleans())
def test_fuzzed_streams_only_ever_raise_sip_parse_error(chunks: list[bytes],
                                                        resync: bool) -> None:
    limits = Limits(max_head_bytes=512, max_body_bytes=512)
    framer = StreamFramer(limits, resync=resync)
    for chunk in chunks:
        lossy_feed(framer, chunk)
        assert framer.pending <= limits.max_head_bytes + 4 + limits.max_body_bytes + len(chunk)


def _start_by_definition(data: bytes) -> int:
    """The earliest line break followed by a start line, each start looked for on its own."""
    found = [data.find(b"\n" + start) for start in _STARTS]
    hits = [index for index in found if index >= 0]
    return min(hits) + 1 if hits else -1


def _may_start_by_definition(data: bytes) -> bool:
    head = data[:max(map(len, _STARTS))]
    return any(head.startswith(start) or start.startswith(head) for start in _STARTS)


_FRAGMENTS = st.sampled_from([b"\n", b"\r\n", b"INVITE ", b"INV", b"SIP/2.0 ", b"SIP/2.0",
                              b"OPTIONS ", b"BYE ", b"REGISTER", b"x", b" ", b"\x00",
                              b"invite ", b"SIP/3.0 "])


@settings(max_examples=500, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=30).map(b"".join))
def test_start_lines_are_found_as_defined(data: bytes) -> None:
    assert find_start(data) == _start_by_definition(data)
    assert find_start(bytearray(data)) == _start_by_definition(data)
    assert _may_start_sip(data) == _may_start_by_definition(data)
