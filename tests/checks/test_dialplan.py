"""Toll-fraud checks: unauthenticated endpoints must not reach trunks or voicemail login;
authenticated phones and trunks dial international and premium-rate numbers only with a
restriction."""

from __future__ import annotations

from tests.checks.helpers import f, run
from voipscan.checks import Status
from voipscan.facts import AuthType, DialContext, Endpoint, EndpointKind, Provenance, System


def guest(reaches_outbound: bool | None, voicemail: bool | None = False) -> Endpoint:
    return Endpoint("anonymous", EndpointKind.GUEST, auth_type=f(AuthType.NONE),
                    reaches_outbound=f(reaches_outbound), reaches_voicemail=f(voicemail))


def phone() -> Endpoint:
    return Endpoint("100", auth_type=f(AuthType.DIGEST), reaches_outbound=f(True),
                    reaches_voicemail=f(True))


def system(*endpoints: Endpoint, known: bool = True) -> System:
    return System("pbx", endpoints=endpoints, endpoints_known=known)


def test_guest_reaching_a_trunk_fails() -> None:
    assert run("dialplan.guest_outbound", system(guest(True), phone())) == {
        "endpoint:anonymous": Status.FAIL}


def test_guest_without_outbound_passes() -> None:
    assert run("dialplan.guest_outbound", system(guest(False))) == {
        "endpoint:anonymous": Status.PASS}


def test_unauthenticated_non_guest_is_judged_too() -> None:
    trunk = Endpoint("trunk", EndpointKind.TRUNK, auth_type=f(AuthType.NONE),
                     reaches_outbound=f(True))
    assert run("dialplan.guest_outbound", system(trunk)) == {"endpoint:trunk": Status.FAIL}


def test_guest_outbound_unknown_and_not_applicable() -> None:
    assert run("dialplan.guest_outbound", system(guest(None))) == {
        "endpoint:anonymous": Status.UNKNOWN}
    assert run("dialplan.guest_outbound", system(phone())) == {"system": Status.NOT_APPLICABLE}
    assert run("dialplan.guest_outbound", system(known=False)) == {"system": Status.UNKNOWN}


def test_guest_voicemail() -> None:
    assert run("dialplan.guest_voicemail", system(guest(False, True))) == {
        "endpoint:anonymous": Status.FAIL}
    assert run("dialplan.guest_voicemail", system(guest(False, False))) == {
        "endpoint:anonymous": Status.PASS}
    assert run("dialplan.guest_voicemail", system(guest(False, None))) == {
        "endpoint:anonymous": Status.UNKNOWN}


def test_address_trusted_endpoints_are_judged_and_unknown_auth_is_not_cleared() -> None:
    trunk = Endpoint("trunk", EndpointKind.TRUNK, auth_type=f(AuthType.IP),
                     ip_auth_only=f(True), reaches_outbound=f(True))
    undecided = Endpoint("gap", auth_type=f(None), reaches_outbound=f(True))
    assert run("dialplan.guest_outbound", system(trunk, undecided, phone())) == {
        "endpoint:trunk": Status.FAIL, "endpoint:gap": Status.UNKNOWN}


def _dial(international: bool | None, premium: bool | None) -> System:
    context = DialContext("internal", ("100", "101"), f(international), f(premium),
                          Provenance.file("extensions.conf", 10))
    return System("pbx", dial_contexts=(context,), dial_contexts_known=True)


def test_international_and_premium_dialling_per_context() -> None:
    for check_id, fact in (("dialplan.international_restricted", 0),
                           ("dialplan.premium_restricted", 1)):
        values: list[bool | None] = [False, False]
        assert run(check_id, _dial(*values)) == {"context:internal": Status.PASS}
        values[fact] = True
        assert run(check_id, _dial(*values)) == {"context:internal": Status.FAIL}
        values[fact] = None
        assert run(check_id, _dial(*values)) == {"context:internal": Status.UNKNOWN}
        assert run(check_id, System("pbx")) == {"dialplan": Status.UNKNOWN}
        assert run(check_id, System("pbx", dial_contexts_known=True)) == {
            "dialplan": Status.NOT_APPLICABLE}
