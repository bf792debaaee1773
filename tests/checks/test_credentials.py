from __future__ import annotations

from tests.checks.helpers import NOW, f, run
from voipscan.checks import Severity, Status
from voipscan.checks.base import REGISTRY, CheckContext
from voipscan.facts import (
    Administrator,
    Endpoint,
    ManagementInterface,
    PasswordPolicy,
    SecretInfo,
    System,
)

STRONG = "Xk2#pQ9!vLm4Rz7w"


def secret(value: str, user: str = "someone") -> SecretInfo:
    return SecretInfo.judge(value, username=user, vendor_defaults=frozenset({"amp111"}))


def test_default_or_weak_statuses_and_severities() -> None:
    system = System(
        "pbx",
        admins=(Administrator("a", password=f(secret("amp111"))),
                Administrator("b", password=f(secret(STRONG))),
                Administrator("c", password=f(SecretInfo.hashed()))),
        admins_known=True,
        endpoints=(Endpoint("100", secret=f(secret("100", "100"))),
                   Endpoint("101", secret=f(secret("short1!A"))),
                   Endpoint("102", secret=f(secret("password"))),
                   Endpoint("103", secret=f(secret("")))),
        endpoints_known=True,
        management=(ManagementInterface("ami", default_credentials=f(True)),
                    ManagementInterface("web", default_credentials=f(False))),
        management_known=True,
    )
    assert run("credentials.default_or_weak", system) == {
        "admin:a": Status.FAIL, "admin:b": Status.PASS, "admin:c": Status.UNKNOWN,
        "endpoint:100": Status.FAIL, "endpoint:101": Status.FAIL,
        "endpoint:102": Status.FAIL, "endpoint:103": Status.FAIL,
        "management:ami": Status.FAIL, "management:web": Status.PASS,
    }
    check = REGISTRY["credentials.default_or_weak"]
    findings = {x.resource: x for x in check.run(
        CheckContext(check, system, check.default_params(), NOW))}
    assert findings["admin:a"].severity is Severity.CRITICAL
    assert findings["endpoint:101"].severity is Severity.HIGH


def test_default_or_weak_min_length_parameter() -> None:
    system = System("pbx", admins=(Administrator("b", password=f(secret(STRONG))),),
                    admins_known=True)
    assert run("credentials.default_or_weak", system, min_length=20) == {
        "admin:b": Status.FAIL}
    assert run("credentials.default_or_weak", System("pbx")) == {"system": Status.UNKNOWN}


def test_reuse() -> None:
    same = System("pbx", endpoints=(Endpoint("1", secret=f(secret(STRONG))),
                                    Endpoint("2", secret=f(secret(STRONG))),
                                    Endpoint("3", secret=f(secret(STRONG + "x")))),
                  endpoints_known=True)
    assert run("credentials.reuse", same) == {"endpoint:1": Status.FAIL,
                                              "endpoint:2": Status.FAIL}
    distinct = System("pbx", endpoints=(Endpoint("1", secret=f(secret(STRONG))),
                                        Endpoint("3", secret=f(secret(STRONG + "x")))),
                      endpoints_known=True)
    assert run("credentials.reuse", distinct) == {"system": Status.PASS}
    hashed_only = System("pbx", admins=(Administrator("a", password=f(SecretInfo.hashed())),),
                         admins_known=True)
    assert run("credentials.reuse", hashed_only) == {"system": Status.UNKNOWN}


def test_reuse_reported_by_exporter() -> None:
    told = SecretInfo(present=True, reused=True)
    system = System("pbx", admins=(Administrator("a", password=f(told)),), admins_known=True)
    assert run("credentials.reuse", system) == {"admin:a": Status.FAIL}


def test_admin_rotation() -> None:
    def policy(days: int | None) -> System:
        return System("pbx", password_policy=PasswordPolicy(rotation_days=f(days)))

    assert run("credentials.admin_rotation", policy(90)) == {"password-policy": Status.PASS}
    assert run("credentials.admin_rotation", policy(0)) == {"password-policy": Status.FAIL}
    assert run("credentials.admin_rotation", policy(180)) == {"password-policy": Status.FAIL}
    assert run("credentials.admin_rotation", policy(180), max_age_days=365) == {
        "password-policy": Status.PASS}
    assert run("credentials.admin_rotation", policy(None)) == {
        "password-policy": Status.UNKNOWN}
    old = System("pbx", password_policy=PasswordPolicy(rotation_days=f(90)),
                 admins=(Administrator("a", password_age_days=f(400)),), admins_known=True)
    assert run("credentials.admin_rotation", old) == {"password-policy": Status.PASS,
                                                      "admin:a": Status.FAIL}
