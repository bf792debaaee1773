"""OPTIONS without authentication, and management interfaces without a login."""

from __future__ import annotations

from tests.checks.helpers import f, run
from voipscan.checks import Status
from voipscan.facts import Endpoint, ManagementInterface, ManagementKind, System


def test_unauthenticated_options() -> None:
    endpoints = (Endpoint("100", unauthenticated_options=f(True)),
                 Endpoint("101", unauthenticated_options=f(False)),
                 Endpoint("102"))
    assert run("sip.unauthenticated_options", System("pbx", endpoints=endpoints,
                                                     endpoints_known=True)) == {
        "endpoint:100": Status.FAIL, "endpoint:101": Status.PASS, "endpoint:102": Status.UNKNOWN}
    assert run("sip.unauthenticated_options", System("pbx", endpoints_known=True)) == {
        "system": Status.NOT_APPLICABLE}


def interface(name: str, login: bool | None, enabled: bool = True) -> ManagementInterface:
    return ManagementInterface(name, ManagementKind.WEB, enabled=f(enabled),
                               login_required=f(login))


def test_login_required() -> None:
    management = (interface("gui", False), interface("ami", True), interface("ari", None),
                  interface("old", False, enabled=False))
    assert run("management.login_required", System("pbx", management=management,
                                                   management_known=True)) == {
        "management:gui": Status.FAIL, "management:ami": Status.PASS,
        "management:ari": Status.UNKNOWN}
    assert run("management.login_required", System("pbx")) == {"system": Status.UNKNOWN}
