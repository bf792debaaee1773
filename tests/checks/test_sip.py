"""sip.*: endpoint authentication, OPTIONS without credentials, and disclosures."""

from __future__ import annotations

from dataclasses import replace

from tests.checks.helpers import f, messages, run
from voipscan.checks import Status
from voipscan.facts import (
    AuthType,
    Disclosure,
    Endpoint,
    Provenance,
    SipProtocol,
    SipTransport,
    System,
)

PROBE = Provenance.probe("udp:192.0.2.1:5060", "OPTIONS -> 200 OK")


def probed(*disclosures: Disclosure, enumeration: bool | None = None) -> System:
    return System("pbx", disclosures=disclosures, disclosures_known=True,
                  user_enumeration=f(enumeration))


def test_version_disclosure_fails_per_disclosing_transport() -> None:
    system = probed(Disclosure("software-version", "Server: Asterisk PBX 18.2.1", PROBE))
    assert run("sip.version_disclosure", system) == {
        "transport:udp:192.0.2.1:5060": Status.FAIL}
    assert messages("sip.version_disclosure", system) == [
        "Discloses its software: Server: Asterisk PBX 18.2.1"]


def test_version_disclosure_passes_when_replies_show_no_version() -> None:
    system = replace(probed(Disclosure("user-enumeration", "REGISTER ...", PROBE)),
                     transports=(SipTransport("udp", protocol=f(SipProtocol.UDP)),),
                     transports_known=True)
    assert run("sip.version_disclosure", system) == {"system": Status.PASS}


def test_nothing_to_disclose_without_a_sip_transport() -> None:
    silent = replace(probed(), transports_known=True)  # a config with no SIP listener
    assert run("sip.version_disclosure", silent) == {"system": Status.NOT_APPLICABLE}
    assert run("sip.user_enumeration", replace(silent, user_enumeration=f(False))) == {
        "system": Status.NOT_APPLICABLE}
    unknown_kind = replace(probed(), transports=(SipTransport("t"),), transports_known=True)
    assert run("sip.version_disclosure", unknown_kind) == {"system": Status.UNKNOWN}


def test_version_disclosure_unknown_without_a_probe() -> None:
    assert run("sip.version_disclosure", System("pbx")) == {"system": Status.UNKNOWN}


def test_user_enumeration_fails_with_the_leak_as_evidence() -> None:
    leak = Disclosure("user-enumeration", "REGISTER for a made-up user -> 404 Not Found; "
                      "alice -> 401 Unauthorized", PROBE)
    system = probed(leak, enumeration=True)
    assert run("sip.user_enumeration", system) == {
        "transport:udp:192.0.2.1:5060": Status.FAIL}


def test_user_enumeration_passes_when_answers_match() -> None:
    assert run("sip.user_enumeration", probed(enumeration=False)) == {"system": Status.PASS}


def test_user_enumeration_unknown_when_not_tested() -> None:
    assert run("sip.user_enumeration", probed()) == {"system": Status.UNKNOWN}
    assert run("sip.user_enumeration", System("pbx", user_enumeration=f(True))) == {
        "system": Status.FAIL}

def with_endpoints(*items: Endpoint) -> System:
    return System("pbx", endpoints=items, endpoints_known=True)


def ep(name: str, auth: AuthType | None = None, ip_only: bool | None = None) -> Endpoint:
    return Endpoint(name, auth_type=f(auth), ip_auth_only=f(ip_only))


def test_endpoint_authentication() -> None:
    result = run("sip.endpoint_authentication", with_endpoints(
        ep("open", auth=AuthType.NONE),
        ep("byip", auth=AuthType.IP, ip_only=True),
        ep("digest", auth=AuthType.DIGEST, ip_only=False),
        ep("cert", auth=AuthType.CERTIFICATE),
        ep("blank"),
    ))
    assert result == {
        "endpoint:open": Status.FAIL,
        "endpoint:byip": Status.FAIL,
        "endpoint:digest": Status.PASS,
        "endpoint:cert": Status.PASS,
        "endpoint:blank": Status.UNKNOWN,
    }


def test_unauthenticated_options() -> None:
    endpoints = (Endpoint("100", unauthenticated_options=f(True)),
                 Endpoint("101", unauthenticated_options=f(False)),
                 Endpoint("102"))
    assert run("sip.unauthenticated_options", System("pbx", endpoints=endpoints,
                                                     endpoints_known=True)) == {
        "endpoint:100": Status.FAIL, "endpoint:101": Status.PASS, "endpoint:102": Status.UNKNOWN}
    assert run("sip.unauthenticated_options", System("pbx", endpoints_known=True)) == {
        "system": Status.NOT_APPLICABLE}


def test_options_are_never_challenged_where_nothing_is() -> None:
    system = System("pbx", endpoints_known=True, endpoints=(
        Endpoint("open", auth_type=f(AuthType.NONE), unauthenticated_options=f(False)),
        Endpoint("iax:guest", auth_type=f(AuthType.NONE), technology="iax2")))
    assert run("sip.unauthenticated_options", system) == {
        "endpoint:open": Status.FAIL, "endpoint:iax:guest": Status.NOT_APPLICABLE}
