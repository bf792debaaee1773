from __future__ import annotations

import re
from pathlib import Path

import pytest

from voipscan.errors import InputError
from voipscan.facts import SipProtocol
from voipscan.sources.host.targets import (
    MAX_ADDRESSES,
    HostTarget,
    Service,
    TargetSpec,
    check_size,
    expand,
    parse_target,
    parse_transports,
    parse_users,
    read_target_file,
    resolve_names,
)

UDP, TCP, TLS = SipProtocol.UDP, SipProtocol.TCP, SipProtocol.TLS
DEFAULT = (UDP, TCP, TLS)


def hosts(*texts: str, protocols: tuple[SipProtocol, ...] = DEFAULT) -> list[HostTarget]:
    items = list(expand([parse_target(t) for t in texts], protocols, {}))
    assert all(isinstance(i, HostTarget) for i in items)
    return items  # type: ignore[return-value]


@pytest.mark.parametrize(("text", "host", "port"), [
    ("192.0.2.1", "192.0.2.1", None),
    ("192.0.2.1:5070", "192.0.2.1", 5070),
    ("::1", "::1", None),
    ("[::1]", "::1", None),
    ("[::1]:5061", "::1", 5061),
    ("[2001:db8::1]:5080", "2001:db8::1", 5080),
    ("pbx.example.com", "pbx.example.com", None),
    ("pbx.example.com:5062", "pbx.example.com", 5062),
])
def test_host_forms(text: str, host: str, port: int | None) -> None:
    spec = parse_target(text)
    assert (spec.host, spec.port, spec.protocols) == (host, port, None)


def test_default_services_udp_tcp_5060_and_tls_5061() -> None:
    (target,) = hosts("192.0.2.1")
    assert target.services == (Service(UDP, 5060), Service(TCP, 5060), Service(TLS, 5061))
    assert target.endpoint(target.services[2]) == "tls:192.0.2.1:5061"


def test_explicit_port_applies_to_every_chosen_transport() -> None:
    (target,) = hosts("[::1]:5070", protocols=(UDP, TLS))
    assert target.services == (Service(UDP, 5070), Service(TLS, 5070))
    assert target.endpoint(target.services[0]) == "udp:[::1]:5070"


def test_sips_uri_means_tls_on_5061_and_drops_passwords() -> None:
    spec = parse_target("sips:alice:s3cret@192.0.2.1")
    assert spec.protocols == (TLS,) and spec.user == "alice" and spec.scheme == "sips"
    assert "s3cret" not in repr(spec)
    (target,) = hosts("sips:alice:s3cret@192.0.2.1", protocols=(UDP,))
    assert target.services == (Service(TLS, 5061),)
    assert target.label == "sips:alice@192.0.2.1"


def test_sip_uri_with_transport_parameter_and_port() -> None:
    spec = parse_target("sip:100@[2001:db8::1]:5080;transport=TCP?subject=x")
    assert (spec.host, spec.port, spec.protocols, spec.user) == (
        "2001:db8::1", 5080, (TCP,), "100")
    assert parse_target("SIP:192.0.2.1").scheme == "sip"


def test_cidr_ranges_expand_lazily_without_network_and_broadcast() -> None:
    targets = hosts("192.0.2.0/30:5070", protocols=(UDP,))
    assert [t.label for t in targets] == ["192.0.2.1:5070", "192.0.2.2:5070"]
    assert all(t.from_range for t in targets)
    assert [t.address for t in hosts("2001:db8::/127", protocols=(UDP,))] == [
        "2001:db8::", "2001:db8::1"]
    (single,) = hosts("192.0.2.7/32")
    assert not single.from_range
    assert parse_target("10.0.0.0/8").size == 2**24 - 2


def test_large_ranges_need_the_explicit_flag() -> None:
    specs = [parse_target("10.0.0.0/15")]
    with pytest.raises(InputError, match="--allow-large-range"):
        check_size(specs, allow_large=False)
    assert check_size(specs, allow_large=True) == 2**17 - 2
    assert check_size([parse_target("10.0.0.0/16")], allow_large=False) == MAX_ADDRESSES - 2
    with pytest.raises(InputError, match="more than 16,777,216"):
        check_size([parse_target("2001:db8::/64")], allow_large=True)


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty target"),
    ("192.0.2.1:0", "invalid port"),
    ("192.0.2.1:99999", "invalid port"),
    ("192.0.2.1:abc", "invalid port"),
    ("[::1", "unclosed"),
    ("[::1]x", "unexpected text"),
    ("10.0.0.0/33", "invalid address range"),
    ("bad host!", "invalid host"),
    ("sip:@192.0.2.1", "empty user"),
    ("sip:a b@192.0.2.1", "invalid user"),
    ("sip:192.0.2.1;transport=sctp", "unsupported transport"),
])
def test_bad_targets_are_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_target(text)


def test_enumeration_users_must_be_sip_user_parts() -> None:
    assert parse_users("alice, 100,alice,%40x") == ("alice", "100", "%40x")
    with pytest.raises(InputError, match=re.escape("invalid SIP user 'a\\r\\nX: 1'")):
        parse_users("a\r\nX: 1")
    with pytest.raises(InputError, match="no user"):
        parse_users(" , ")


def test_transport_list() -> None:
    assert parse_transports("tls, udp,udp") == (TLS, UDP)
    with pytest.raises(InputError, match="unknown transport 'ws'"):
        parse_transports("udp,ws")
    with pytest.raises(InputError, match="no transport"):
        parse_transports(" , ")


def test_target_file_with_comments_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "targets.txt"
    path.write_text("# lab hosts\n\n192.0.2.1  # first\n192.0.2.2:0\nsips:[::1]\n"
                    "not a host\n")
    specs, problems = read_target_file(path)
    assert [s.host for s in specs] == ["192.0.2.1", "::1"]
    assert [(s.path, s.line) for s in specs] == [(str(path), 3), (str(path), 5)]
    assert [(p.path, p.line, p.message) for p in problems] == [
        (str(path), 4, "invalid port '0'"), (str(path), 6, "invalid host 'not a host'")]


def test_unreadable_target_file_is_an_input_error(tmp_path: Path) -> None:
    binary = tmp_path / "t.bin"
    binary.write_bytes(b"\x00\x01")
    with pytest.raises(InputError, match="binary"):
        read_target_file(binary)


def test_names_resolve_once_and_failures_are_kept() -> None:
    calls: list[str] = []

    def resolver(name: str) -> str:
        calls.append(name)
        if name.startswith("missing"):
            raise OSError("Name or service not known")
        return "192.0.2.9"

    specs = [parse_target(t) for t in ("pbx.lab", "PBX.lab:5070", "missing.lab", "192.0.2.1")]
    addresses, errors = resolve_names(specs, resolver)
    assert calls == ["pbx.lab", "missing.lab"]
    assert addresses == {"pbx.lab": "192.0.2.9"}
    assert errors == {"missing.lab": "Name or service not known"}
    items = list(expand(specs, (UDP,), addresses))
    assert isinstance(items[0], HostTarget) and items[0].server_name == "pbx.lab"
    assert items[1].address == "192.0.2.9"  # type: ignore[union-attr]
    assert isinstance(items[2], tuple) and isinstance(items[2][0], TargetSpec)
    assert items[2][1] == 2
    assert isinstance(items[3], HostTarget) and items[3].index == 3
