from __future__ import annotations

from tests.checks.helpers import f, messages, run
from voipscan.checks import Status
from voipscan.checks.access import interfaces_of
from voipscan.facts import (
    AdminInterface,
    Administrator,
    Exposure,
    Fact,
    ManagementInterface,
    ManagementKind,
    Mfa,
    SecretInfo,
    System,
    User,
)


def admins(*items: Administrator) -> System:
    return System("pbx", admins=items, admins_known=True)


def mfa(enabled: bool | None, enforced: bool | None = None,
        supported: bool | None = None) -> Mfa:
    return Mfa(supported=f(supported), enabled=f(enabled), enforced=f(enforced))


def test_admin_mfa() -> None:
    result = run("access.admin_mfa", admins(
        Administrator("on", mfa=mfa(True, True)),
        Administrator("off", mfa=mfa(False)),
        Administrator("none", mfa=mfa(None, supported=False)),
        Administrator("blank"),
        Administrator("disabled-account", mfa=mfa(False), enabled=f(False)),
    ))
    assert result == {"admin:on": Status.PASS, "admin:off": Status.FAIL,
                      "admin:none": Status.FAIL, "admin:blank": Status.UNKNOWN}


def test_admin_mfa_platform_note_is_evidence_required_not_failure() -> None:
    note = "Asterisk has no MFA: evidence required from the management layer"
    system = admins(Administrator("ami", mfa=Mfa(enabled=Fact(None, None, note))))
    assert run("access.admin_mfa", system) == {"admin:ami": Status.UNKNOWN}
    assert note in messages("access.admin_mfa", system)[0]


def test_admin_mfa_require_enforced() -> None:
    system = admins(Administrator("a", mfa=mfa(True, False)))
    assert run("access.admin_mfa", system) == {"admin:a": Status.PASS}
    assert run("access.admin_mfa", system, require_enforced=True) == {"admin:a": Status.FAIL}


def test_user_mfa() -> None:
    system = System("pbx", users=(User("u1", mfa(True)), User("u2", mfa(False))),
                    users_known=True)
    assert run("access.user_mfa", system) == {"user:u1": Status.PASS, "user:u2": Status.FAIL}
    assert run("access.user_mfa", System("pbx")) == {"system": Status.UNKNOWN}


def test_rbac() -> None:
    result = run("access.rbac", admins(
        Administrator("roled", roles=f(("helpdesk",))),
        Administrator("limited", roles=f(()), permissions=f(("cdr",)), superuser=f(False)),
        Administrator("god", roles=f(()), permissions=f(("all",)), superuser=f(True)),
        Administrator("bare", roles=f(()), permissions=f(())),
        Administrator("blank"),
    ))
    assert result == {"admin:roled": Status.PASS, "admin:limited": Status.PASS,
                      "admin:god": Status.FAIL, "admin:bare": Status.FAIL,
                      "admin:blank": Status.UNKNOWN}


def test_no_shared_accounts() -> None:
    result = run("access.no_shared_accounts", admins(
        Administrator("admin", shared=f(False)),
        Administrator("team", shared=f(True)),
        Administrator("j.doe", shared=f(False)),
        Administrator("k.doe"),
    ))
    assert result == {"admin:admin": Status.FAIL, "admin:team": Status.FAIL,
                      "admin:j.doe": Status.PASS, "admin:k.doe": Status.UNKNOWN}


def test_superusers_limited() -> None:
    three = admins(*(Administrator(n, superuser=f(True)) for n in ("a.b", "c.d", "e.f")))
    assert run("access.superusers_limited", three) == {"system": Status.FAIL}
    assert run("access.superusers_limited", three, max_superusers=3) == {"system": Status.PASS}
    generic = admins(Administrator("admin", superuser=f(True)))
    assert run("access.superusers_limited", generic) == {"system": Status.FAIL}
    undecided = admins(Administrator("a.b", superuser=f(True)), Administrator("x.y"))
    assert run("access.superusers_limited", undecided) == {"system": Status.UNKNOWN}

    nobody = System("pbx", admins_known=True)
    assert run("access.superusers_limited", nobody) == {"system": Status.NOT_APPLICABLE}
    off = admins(Administrator("ops", superuser=f(True), enabled=f(False)))
    assert run("access.superusers_limited", off) == {"system": Status.NOT_APPLICABLE}


def _interfaces(*items: ManagementInterface) -> tuple[ManagementInterface, ...]:
    return items


AMI_OPEN = ManagementInterface("ami", ManagementKind.AMI, enabled=f(True), bind=f("0.0.0.0:5038"),
                               exposure=f(Exposure.ALL_INTERFACES), acl=f(False),
                               login_required=f(True))
LOOPBACK_ES = ManagementInterface("event-socket", ManagementKind.EVENT_SOCKET, enabled=f(True),
                                  exposure=f(Exposure.LOOPBACK), acl=f(False),
                                  login_required=f(True))
XMLRPC = ManagementInterface("xml-rpc", ManagementKind.XMLRPC, enabled=f(True),
                             exposure=f(Exposure.ALL_INTERFACES), acl=f(False),
                             login_required=f(False))


def test_privileged_access_weighs_rights_against_reach() -> None:
    strong = f(SecretInfo.judge("Zq8#vLw2!xRzTt"))
    system = System("pbx", admins_known=True, management_known=True,
                    management=_interfaces(AMI_OPEN, LOOPBACK_ES, XMLRPC), admins=(
        Administrator("ops", AdminInterface.API, superuser=f(True), password=strong,
                      interfaces=("ami",)),
        Administrator("own-acl", AdminInterface.API, superuser=f(True), password=strong,
                      interfaces=("ami",), acl=f(True)),
        Administrator("watch", AdminInterface.API, superuser=f(False), interfaces=("ami",)),
        Administrator("event-socket", AdminInterface.EVENT_SOCKET, superuser=f(True),
                      password=strong),
        Administrator("es-default", AdminInterface.EVENT_SOCKET, superuser=f(True),
                      password=f(SecretInfo.judge("ClueCon", vendor_defaults=frozenset(
                          {"cluecon"})))),
        Administrator("xml-rpc:freeswitch", AdminInterface.API, superuser=f(True),
                      password=strong),
        Administrator("nowhere", AdminInterface.OTHER, superuser=f(True), password=strong),
        Administrator("unknown-rights", AdminInterface.API),
        Administrator("off", superuser=f(True), enabled=f(False))))
    assert run("access.privileged_access", system) == {
        "admin:ops": Status.FAIL,  # write=all on every interface, no ACL
        "admin:own-acl": Status.PASS,  # its own ACL keeps the world out
        "admin:watch": Status.PASS,
        "admin:event-socket": Status.PASS,  # full rights on loopback only
        "admin:es-default": Status.FAIL,  # full rights behind the vendor default password
        "admin:xml-rpc:freeswitch": Status.FAIL,  # no login at all
        "admin:nowhere": Status.UNKNOWN,
        "admin:unknown-rights": Status.UNKNOWN,
        "admin:off": Status.NOT_APPLICABLE,
    }
    assert [i.name for i in interfaces_of(system, system.admins[5])] == ["xml-rpc"]


def test_a_count_of_superusers_alone_never_clears_privileged_access() -> None:
    system = System("pbx", admins_known=True, management_known=True,
                    management=_interfaces(AMI_OPEN), admins=(
        Administrator("ops", AdminInterface.API, superuser=f(True), interfaces=("ami",),
                      password=f(SecretInfo.judge("Zq8#vLw2!xRzTt"))),))
    assert run("access.superusers_limited", system) == {"system": Status.PASS}
    assert run("access.privileged_access", system) == {"admin:ops": Status.FAIL}
