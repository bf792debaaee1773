"""SIP messages: building requests in RFC 3261 shape, parsing replies as hostile input."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voipscan import __version__
from voipscan.sip import message as message_module
from voipscan.sip.message import (
    HEAD_END,
    Dialog,
    Headers,
    Limits,
    Local,
    SipParseError,
    SipRequest,
    SipResponse,
    ack_for_failure,
    build_request,
    cancel_for,
    display_name,
    header_params,
    options_request,
    parse_head,
    parse_message,
    parse_response,
    response_to,
    split_list,
    uri_user,
)

LOCAL = Local("192.0.2.10", 40000, "UDP")


def options() -> SipRequest:
    return options_request("sip:192.0.2.1:5060", local=LOCAL)


def wire_lines(request: SipRequest) -> list[str]:
    text = request.encode().decode()
    assert text.endswith("\r\n\r\n")
    return text[:-4].split("\r\n")


def test_options_has_rfc3261_shape() -> None:
    lines = wire_lines(options())
    assert lines[0] == "OPTIONS sip:192.0.2.1:5060 SIP/2.0"
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert re.fullmatch(r"SIP/2\.0/UDP 192\.0\.2\.10:40000;branch=z9hG4bK[0-9a-f]{20};rport",
                        headers["Via"])
    assert headers["Max-Forwards"] == "70"
    assert re.fullmatch(r'"voipscan" <sip:voipscan@192\.0\.2\.10>;tag=[0-9a-f]{10}',
                        headers["From"])
    assert headers["To"] == "<sip:192.0.2.1:5060>"
    assert re.fullmatch(r"[0-9a-f]{24}", headers["Call-ID"])
    assert headers["CSeq"] == "1 OPTIONS"
    assert headers["Contact"] == "<sip:voipscan@192.0.2.10:40000>"
    assert headers["Accept"] == "application/sdp"
    assert headers["User-Agent"] == f"voipscan/{__version__}"
    assert headers["Content-Length"] == "0"
    assert [line.split(":")[0] for line in lines[1:7]] == [
        "Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq"]


def test_every_probe_gets_fresh_identifiers() -> None:
    first, second = options(), options()
    assert first.call_id != second.call_id
    assert first.branch != second.branch
    assert header_params(first.headers.get("From") or "")["tag"] != \
        header_params(second.headers.get("From") or "")["tag"]


def test_user_agent_configurable_and_ipv6_bracketed() -> None:
    local = Local("2001:db8::10", 5062, "TLS")
    request = options_request("sips:[2001:db8::1]:5061", local=local, user_agent="lab-probe")
    assert request.headers.get("User-Agent") == "lab-probe"
    assert (request.headers.get("Via") or "").startswith("SIP/2.0/TLS [2001:db8::10]:5062;")
    assert request.headers.get("Contact") == "<sip:voipscan@[2001:db8::10]:5062;transport=tls>"


def test_any_method_with_body_gets_matching_content_length() -> None:
    body = b"v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\n"
    dialog = Dialog(to_uri="sip:100@192.0.2.1")
    invite = build_request("INVITE", "sip:100@192.0.2.1", local=LOCAL, dialog=dialog, cseq=7,
                           body=body, content_type="application/sdp")
    parsed = parse_message(invite.encode())
    assert isinstance(parsed, SipRequest)
    assert parsed.method == "INVITE" and parsed.cseq == (7, "INVITE")
    assert parsed.body == body
    assert parsed.headers.get("Content-Type") == "application/sdp"
    assert parsed.headers.get("Content-Length") == str(len(body))


def test_cancel_and_ack_reuse_the_invite_transaction() -> None:
    invite = build_request("INVITE", "sip:100@192.0.2.1", local=LOCAL, dialog=Dialog(), cseq=3,
                           extra=[("Route", "<sip:proxy;lr>")])
    cancel = cancel_for(invite)
    assert cancel.method == "CANCEL" and cancel.uri == invite.uri
    assert cancel.branch == invite.branch and cancel.call_id == invite.call_id
    assert cancel.cseq == (3, "CANCEL")
    assert cancel.headers.get("To") == invite.headers.get("To")
    assert cancel.headers.get("Route") == "<sip:proxy;lr>"
    rejected = response_to(invite, 486, "Busy Here", to_tag="abc")
    ack = ack_for_failure(invite, rejected)
    assert ack.cseq == (3, "ACK") and ack.branch == invite.branch
    assert header_params(ack.headers.get("To") or "")["tag"] == "abc"


REPLY = (
    b"SIP/2.0 200 OK\r\n"
    b"v: SIP/2.0/UDP 192.0.2.10:40000;branch=z9hG4bKx;rport=40000;received=192.0.2.10\r\n"
    b"f: <sip:voipscan@192.0.2.10>;tag=1\r\n"
    b"t: <sip:192.0.2.1>;tag=2\r\n"
    b"i: abc@host\r\n"
    b"CSEQ: 1 OPTIONS\r\n"
    b"m: <sip:192.0.2.1:5060>\r\n"
    b"k: replaces, timer\r\n"
    b"Allow: INVITE, ACK,\r\n"
    b"  CANCEL, OPTIONS\r\n"
    b"Allow: BYE\r\n"
    b"server: Acme PBX 18.2.1\r\n"
    b"c: application/sdp\r\n"
    b"l: 4\r\n"
    b"\r\n"
    b"v=0\r\n"
)


def test_parser_reads_compact_forms_folding_and_repeated_headers() -> None:
    response = parse_response(REPLY)
    assert (response.status, response.reason) == (200, "OK")
    assert response.call_id == "abc@host"
    assert response.cseq == (1, "OPTIONS")
    assert response.branch == "z9hG4bKx"
    assert (response.headers.get("Via") or "").startswith("SIP/2.0/UDP")
    assert response.headers.get("server") == "Acme PBX 18.2.1"
    assert response.headers.get("SERVER") == "Acme PBX 18.2.1"
    assert response.headers.values("Allow") == ("INVITE", "ACK", "CANCEL", "OPTIONS", "BYE")
    assert response.headers.values("Supported") == ("replaces", "timer")
    assert response.headers.get("Content-Type") == "application/sdp"
    assert response.headers.get("Contact") == "<sip:192.0.2.1:5060>"
    assert response.body == b"v=0\r"


def test_parser_accepts_bare_lf_and_missing_reason() -> None:
    response = parse_response(b"SIP/2.0 404\nCall-ID: x\nCSeq: 1 OPTIONS\n\n")
    assert (response.status, response.reason, response.call_id) == (404, "", "x")


def test_control_characters_in_values_are_neutralised() -> None:
    response = parse_response(b"SIP/2.0 200 OK\r\nServer: evil\x1b[31m\x00x\r\n\r\n")
    assert response.headers.get("Server") == "evil?[31m?x"


def test_uri_user_and_display_name() -> None:
    assert uri_user("<sip:1001@10.0.0.1:5060>;tag=x") == "1001"
    assert uri_user("sips:bob@example.com") == "bob"
    assert uri_user("<sip:10.0.0.1>") is None
    assert uri_user(None) is None
    assert display_name('"sipvicious" <sip:100@1.1.1.1>') == "sipvicious"
    assert display_name("friendly-scanner <sip:100@1.1.1.1>") == "friendly-scanner"
    assert display_name("<sip:100@1.1.1.1>") == ""


def test_display_names_are_read_in_linear_time() -> None:
    blanks = " " * 30_000  # ~1 s per header when the regex backtracked
    assert display_name(blanks + "x") == ""
    assert display_name(f"  Alice {blanks}<sip:a@b>") == "Alice"
    assert display_name('"Bob" <sip:b@c>') == "Bob"


def test_split_list_respects_quotes_and_angle_brackets() -> None:
    assert split_list('"A, B" <sip:a@x;p=1,2>, <sip:b@y>') == (
        '"A, B" <sip:a@x;p=1,2>', "<sip:b@y>")
    assert header_params('"x;y" <sip:a;lr>;tag=7;expires=60') == {"tag": "7", "expires": "60"}


@pytest.mark.parametrize("data", [
    b"",
    b"\r\n\r\n",
    b"HTTP/1.1 200 OK\r\n\r\n",
    b"SIP/3.0 200 OK\r\n\r\n",
    b"SIP/2.0 999 Nope\r\n\r\n",
    b"SIP/2.0 abc OK\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    b"SIP/2.0 200 OK\r\n folded-first\r\n\r\n",
    b"SIP/2.0 200 OK\r\nno colon here\r\n\r\n",
    b"SIP/2.0 200 OK\r\nBad Name: x\r\n\r\n",
    b"SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n",
    b"SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nshort",
    b"SIP/2.0 200 OK\r\nContent-Length: 1\r\nl: 2\r\n\r\nab",
    b"OPTIONS sip:x SIP/2.1\r\n\r\n",
])
def test_garbage_raises_only_sip_parse_error(data: bytes) -> None:
    with pytest.raises(SipParseError):
        parse_message(data)


def test_oversized_header_section_and_header_count_are_refused() -> None:
    huge = b"SIP/2.0 200 OK\r\nX-Pad: " + b"a" * 70_000 + b"\r\n\r\n"
    with pytest.raises(SipParseError, match="header section larger"):
        parse_message(huge)
    many = b"SIP/2.0 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(300)) + b"\r\n"
    with pytest.raises(SipParseError, match="more than 256 headers"):
        parse_message(many)
    assert len(parse_message(many, limits=Limits(max_headers=400)).headers) == 300


def test_request_is_refused_where_a_response_is_expected() -> None:
    with pytest.raises(SipParseError, match="not a response"):
        parse_response(options().encode())


def test_headers_are_immutable_values() -> None:
    headers = Headers.of([("v", "a"), ("Call-ID", "b")])
    assert headers.get("Via") == "a"
    changed = headers.replaced("i", "c").with_("X-New", "1").without("Via")
    assert list(changed) == [("Call-ID", "c"), ("X-New", "1")]
    assert list(headers) == [("Via", "a"), ("Call-ID", "b")]


_sip_like = st.lists(
    st.one_of(
        st.sampled_from([b"SIP/2.0 200 OK", b"SIP/2.0 ", b"OPTIONS sip:a SIP/2.0", b"\r\n",
                         b"Content-Length: ", b"l: 5", b"v: ", b" folded", b":", b"\t",
                         b"Call-ID: x", b"\x00", b"\xff\xfe", b"CSeq: 1 OPTIONS"]),
        st.binary(max_size=20),
    ),
    max_size=30,
).map(lambda parts: b"\r\n".join(parts))


@settings(max_examples=400, deadline=None)
@given(_sip_like)
def test_fuzzed_messages_only_ever_raise_sip_parse_error(data: bytes) -> None:
    try:
        message = parse_message(data)
    except SipParseError:
        return
    assert isinstance(message, SipRequest | SipResponse)
    for name, value in message.headers:
        assert name and "\n" not in value and "\r" not in value


_plain_line = st.sampled_from([
    b"Via: SIP/2.0/UDP a", b"v:b", b"Via : c ", b"X-A\t:\td", b"Content-Length: 3", b"l: 3 ",
    b"CSeq: 1 INVITE", b"Call-ID: \xce\xa3x", b"a:b:c", b"To:",
    b"Server: \xc2\x85x\xe2\x80\xa8", b"From: \"A\" <sip:a@b>;tag=1"])
_odd_line = st.one_of(st.sampled_from([
    b"", b"\r", b" folded", b"\tfolded", b"Bad Name: e", b"no colon", b": empty name", b"\x00",
    b"\x0b", b"\x7f", b"\xff", b"   ", b"i: x\r", b"F\xffoo: x", b"v\x0c: x", b"X-\xc3\xa9: 1"]),
    st.binary(max_size=8))
_head_parts = st.tuples(
    st.sampled_from([b"SIP/2.0 200 OK", b"INVITE sip:a@b SIP/2.0 ", b" x", b""]),
    st.lists(st.tuples(st.one_of(*[_plain_line] * 7, _odd_line),
                       st.sampled_from([b"\r\n"] * 6 + [b"\n", b"\n\r", b""])),
             max_size=14),
).map(lambda head: head[0] + b"".join(end + line for line, end in head[1]))


@settings(max_examples=1500, deadline=None)
@given(_head_parts, st.integers(min_value=1, max_value=12))
def test_fast_header_section_reads_as_the_line_loop(head: bytes, max_headers: int) -> None:
    """The one-pass path for plain header sections gives what the line loop gives (start
    line, names, values, index), and refuses what it refuses."""
    limits = Limits(max_headers=max_headers)
    text = head.decode("utf-8", errors="replace")
    assert message_module._unclean(head) == (message_module._UNCLEAN_HEAD.search(text)
                                             is not None)
    try:
        expected = message_module._head_lines(text, message_module._unclean(head), limits)
    except SipParseError as error:
        with pytest.raises(SipParseError, match=re.escape(str(error))):
            parse_head(head, limits)
        return
    start_line, headers = parse_head(head, limits)
    assert (start_line, headers) == expected
    for name, _ in expected[1]:
        assert headers.get_all(name) == expected[1].get_all(name)


@settings(max_examples=1000, deadline=None)
@given(_head_parts, st.integers(min_value=0, max_value=200))
def test_end_of_header_section_found_where_the_pattern_finds_it(data: bytes,
                                                               within: int) -> None:
    found = HEAD_END.search(data, 0, within)
    assert message_module._head_end(data, within) == (found and found.span())
