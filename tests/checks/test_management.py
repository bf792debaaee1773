from __future__ import annotations

from tests.checks.helpers import NOW, f, run
from voipscan.checks import Severity, Status
from voipscan.checks.base import REGISTRY, CheckContext
from voipscan.facts import Exposure, ManagementInterface, ManagementKind, System


def mgmt(name: str, exposure: Exposure | None, acl: bool | None = None,
         tls: bool | None = None, enabled: bool | None = True) -> ManagementInterface:
    return ManagementInterface(name, enabled=f(enabled), bind=f("x"), exposure=f(exposure),
                               acl=f(acl), tls=f(tls))


SYSTEM = System("pbx", management_known=True, management=(
    mgmt("lo", Exposure.LOOPBACK),
    mgmt("acl", Exposure.ALL_INTERFACES, acl=True, tls=True),
    mgmt("open", Exposure.ALL_INTERFACES, acl=False, tls=False),
    mgmt("public", Exposure.PUBLIC, acl=False, tls=False),
    mgmt("guess", Exposure.INTERNAL),
    mgmt("off", Exposure.PUBLIC, acl=False, enabled=False),
))


def test_not_exposed() -> None:
    assert run("management.not_exposed", SYSTEM) == {
        "management:lo": Status.PASS, "management:acl": Status.PASS,
        "management:open": Status.FAIL, "management:public": Status.FAIL,
        "management:guess": Status.UNKNOWN,
    }
    check = REGISTRY["management.not_exposed"]
    by = {x.resource: x for x in check.run(CheckContext(check, SYSTEM, {}, NOW))}
    assert by["management:public"].severity is Severity.CRITICAL
    assert by["management:open"].severity is Severity.HIGH


def test_management_tls() -> None:
    assert run("management.tls", SYSTEM) == {
        "management:lo": Status.PASS, "management:acl": Status.PASS,
        "management:open": Status.FAIL, "management:public": Status.FAIL,
        "management:guess": Status.UNKNOWN,
    }


def test_cleartext_on_an_unknown_address_needs_evidence() -> None:
    """No TLS is a failure only where the interface is known to be reachable beyond
    loopback (an address filled in at start-up, such as a container's placeholder)."""
    placeholder = System("pbx", management_known=True, management=(
        mgmt("event-socket", None, tls=False),))
    assert run("management.tls", placeholder) == {"management:event-socket": Status.UNKNOWN}


def test_management_without_evidence_or_all_disabled() -> None:
    assert run("management.not_exposed", System("pbx")) == {"system": Status.UNKNOWN}
    disabled = System("pbx", management_known=True,
                      management=(mgmt("off", Exposure.PUBLIC, enabled=False),))
    assert run("management.tls", disabled) == {"system": Status.NOT_APPLICABLE}


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
