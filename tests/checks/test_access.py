from __future__ import annotations

from tests.checks.helpers import f, messages, run
from voipscan.checks import Status
from voipscan.facts import Administrator, Fact, Mfa, System, User


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
