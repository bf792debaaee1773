"""Digest authentication: RFC 2617 and RFC 7616 test vectors, challenge parsing, credentials."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voipscan.errors import InputError
from voipscan.sip.digest import (
    PASSWORD_ENV,
    Challenge,
    Credentials,
    authorization,
    authorization_identity,
    challenges,
    choose,
    credentials_from_env,
    credentials_from_file,
    digest_response,
    parse_challenge,
    parse_params,
)
from voipscan.sip.message import Headers, SipResponse

RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
RFC7616_OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"


def test_rfc2617_section_3_5_example() -> None:
    challenge = Challenge("testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                          qop=("auth", "auth-int"), opaque="5ccc069c403ebaf9f0171e9517f40e41")
    value, qop = digest_response(challenge, Credentials("Mufasa", "Circle Of Life"), "GET",
                                 "/dir/index.html", cnonce="0a4f113b", nc=1)
    assert (value, qop) == ("6629fae49393a05397450978507c4ef1", "auth")


@pytest.mark.parametrize(("algorithm", "expected"), [
    ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
    ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
])
def test_rfc7616_section_3_9_1_examples(algorithm: str, expected: str) -> None:
    challenge = Challenge("http-auth@example.org", RFC7616_NONCE, algorithm, ("auth", "auth-int"),
                          RFC7616_OPAQUE)
    value, _ = digest_response(challenge, Credentials("Mufasa", "Circle of Life"), "GET",
                               "/dir/index.html", cnonce=RFC7616_CNONCE)
    assert value == expected


def _h(name: str, text: str) -> str:
    return hashlib.new(name, text.encode()).hexdigest()


def test_rfc2069_without_qop_and_session_variants() -> None:
    creds = Credentials("alice", "s3cret")
    plain = Challenge("pbx", "n1")
    value, qop = digest_response(plain, creds, "INVITE", "sip:100@pbx")
    a1, a2 = _h("md5", "alice:pbx:s3cret"), _h("md5", "INVITE:sip:100@pbx")
    assert (value, qop) == (_h("md5", f"{a1}:n1:{a2}"), "")
    sess = Challenge("pbx", "n1", "SHA-256-sess", ("auth",))
    value, _ = digest_response(sess, creds, "INVITE", "sip:100@pbx", cnonce="c", nc=2)
    a1 = _h("sha256", f"{_h('sha256', 'alice:pbx:s3cret')}:n1:c")
    a2 = _h("sha256", "INVITE:sip:100@pbx")
    assert value == _h("sha256", f"{a1}:n1:00000002:c:auth:{a2}")


def test_auth_int_hashes_the_body() -> None:
    creds = Credentials("alice", "pw")
    challenge = Challenge("pbx", "n", "MD5", ("auth-int",))
    value, qop = digest_response(challenge, creds, "INVITE", "sip:x@pbx", cnonce="c",
                                 body=b"v=0\r\n")
    a2 = _h("md5", f"INVITE:sip:x@pbx:{hashlib.md5(b'v=0' + bytes([13, 10])).hexdigest()}")
    assert qop == "auth-int"
    assert value == _h("md5", f"{_h('md5', 'alice:pbx:pw')}:n:00000001:c:auth-int:{a2}")


def test_parse_params_handles_quotes_escapes_and_tokens() -> None:
    params = parse_params('realm="a, \\"b\\"", nonce=xyz,qop="auth,auth-int" , stale=TRUE')
    assert params == {"realm": 'a, "b"', "nonce": "xyz", "qop": "auth,auth-int",
                      "stale": "TRUE"}
    assert parse_params("garbage without equals") == {}


def test_parse_challenge() -> None:
    challenge = parse_challenge('Digest realm="pbx", nonce="n", algorithm=SHA-256, '
                                'qop="auth", opaque="o", stale=true', proxy=True)
    assert challenge == Challenge("pbx", "n", "SHA-256", ("auth",), "o", True, True)
    assert parse_challenge('Basic realm="x"') is None
    assert parse_challenge('Digest nonce="n"') is None  # no realm


def _response(status: int, *lines: str) -> SipResponse:
    name = "Proxy-Authenticate" if status == 407 else "WWW-Authenticate"
    return SipResponse(Headers.of((name, line) for line in lines), b"", status=status)


def test_topmost_supported_challenge_is_chosen() -> None:
    response = _response(401, 'Digest realm="r", nonce="a", algorithm=SHA-512',
                         'Digest realm="r", nonce="b", algorithm=SHA-256, qop="auth"',
                         'Digest realm="r", nonce="c", algorithm=MD5')
    found = challenges(response)
    assert [c.nonce for c in found] == ["a", "b", "c"]
    chosen = choose(found)
    assert chosen is not None and chosen.nonce == "b"
    # two challenges on one header line
    both = challenges(_response(407, 'Digest realm="r", nonce="x", qop="auth-int", '
                                     'Digest realm="r", nonce="y"'))
    assert [(c.nonce, c.proxy) for c in both] == [("x", True), ("y", True)]


def test_authorization_header() -> None:
    challenge = Challenge("pbx", "n", "MD5", ("auth",), "op", proxy=True)
    name, value = authorization(challenge, Credentials("alice", "pw"), "INVITE", "sip:1@pbx",
                                cnonce="c0ffee")
    expected, _ = digest_response(challenge, Credentials("alice", "pw"), "INVITE", "sip:1@pbx",
                                  cnonce="c0ffee")
    assert name == "Proxy-Authorization"
    assert value == (f'Digest username="alice", realm="pbx", nonce="n", uri="sip:1@pbx", '
                     f'response="{expected}", algorithm=MD5, qop=auth, nc=00000001, '
                     f'cnonce="c0ffee", opaque="op"')
    assert "pw" not in value


def test_credentials_never_show_the_password() -> None:
    creds = Credentials("alice", "hunter2-secret")
    assert "hunter2-secret" not in repr(creds) and "hunter2-secret" not in str(creds)


def test_credentials_from_env() -> None:
    creds = credentials_from_env("alice", {PASSWORD_ENV: "pw"})
    assert (creds.user, creds.password) == ("alice", "pw")
    with pytest.raises(InputError, match=PASSWORD_ENV):
        credentials_from_env("alice", {})
    with pytest.raises(InputError, match="printable"):
        credentials_from_env('al"ice', {PASSWORD_ENV: "pw"})


def test_credentials_from_file(tmp_path: Path) -> None:
    path = tmp_path / "sip.cred"
    path.write_text("# lab account\n\nalice:pa:ss word\n")
    os.chmod(path, 0o600)
    creds, warning = credentials_from_file(path)
    assert (creds.user, creds.password, warning) == ("alice", "pa:ss word", None)
    os.chmod(path, 0o644)
    assert "readable by other users" in (credentials_from_file(path)[1] or "")
    path.write_text("# comment\nno-colon-here-secret\n")
    with pytest.raises(InputError) as error:
        credentials_from_file(path)
    assert error.value.line == 2 and "no-colon-here-secret" not in str(error.value)
    path.write_text("# nothing\n")
    with pytest.raises(InputError, match="no 'user:password' line"):
        credentials_from_file(path)
    with pytest.raises(InputError, match="no such file"):
        credentials_from_file(tmp_path / "missing")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_challenge_text_parses_without_crashing(text: str) -> None:
    for value in (text, f'Digest realm="r", nonce="n", {text}'):
        challenge = parse_challenge(value)
        if challenge is not None and challenge.supported:
            digest_response(challenge, Credentials("u", "p"), "INVITE", "sip:x")


def test_authorization_identity_drops_the_response() -> None:
    value = ('Digest username="alice", realm="pbx.example", nonce="n", uri="sip:x", '
             'response="0123456789abcdef0123456789abcdef", algorithm=MD5')
    assert authorization_identity(value) == ("alice", "pbx.example")
    assert authorization_identity("Digest realm=x") is None
    assert authorization_identity('Bearer token="x"') is None


def test_authorization_identity_reads_hostile_values_in_linear_time() -> None:
    assert authorization_identity("Digest " + "a" * 30_000) is None  # ~1 s if it backtracked
    assert authorization_identity('Digest username="u", realm=r, response="x"') == ("u", "r")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_authorization_text_is_read_without_crashing(text: str) -> None:
    for value in (text, f"Digest {text}", f'Digest username="u", {text}'):
        identity = authorization_identity(value)
        assert identity is None or isinstance(identity[0], str)
