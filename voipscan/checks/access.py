"""Access control: MFA, roles, shared accounts and superusers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Evidence, Finding, Severity, evidence
from voipscan.checks.resources import ADMINS, USERS, WHOLE_SYSTEM
from voipscan.facts import Administrator, Fact, Mfa, System, User

GENERIC_ACCOUNT_NAMES = frozenset(
    {
        "admin", "administrator", "root", "superuser", "manager", "operator", "support",
        "maint", "maintenance", "service", "shared", "sysadmin", "helpdesk", "pbx", "asterisk",
        "freeswitch", "freepbx", "amp", "ampuser", "user", "test", "guest",
    }
)


def with_policy(mfa: Mfa, policy: Fact[bool]) -> Mfa:
    """An account's MFA, completed by what the organisation enforces at its identity
    provider; the account's own known facts are never overridden by it."""
    if policy.value is None or mfa.enabled.known or mfa.supported.value is False:
        return mfa
    return replace(mfa, enabled=policy, enforced=mfa.enforced.or_(policy))


def _judge_mfa(
    ctx: CheckContext, resource: str, mfa: Mfa, require_enforced: bool,
    policy: Fact[bool] | None = None,
) -> Finding:
    ev: list[Evidence] = [evidence("mfa.enabled", mfa.enabled)]
    if policy is not None and policy.known and policy is not mfa.enabled:
        ev.append(evidence("identity.mfa_enforced", policy))
    if require_enforced:
        ev.append(evidence("mfa.enforced", mfa.enforced))
    if mfa.supported.value is False:
        return ctx.failed(resource, "The platform offers no MFA for this login.",
                          evidence("mfa.supported", mfa.supported), *ev)
    if mfa.enabled.value is False:
        return ctx.failed(resource, "MFA is not enabled.", *ev)
    if mfa.enabled.value is None:
        note = mfa.enabled.note or mfa.supported.note
        return ctx.unknown(resource, f"MFA not known{': ' + note if note else ''}.", *ev)
    if require_enforced and mfa.enforced.value is False:
        return ctx.failed(resource, "MFA enabled but not enforced.", *ev)
    if require_enforced and mfa.enforced.value is None:
        return ctx.unknown(resource, "MFA enabled; whether it is enforced is not known.", *ev)
    return ctx.passed(resource, "MFA in place.", *ev)


_ENFORCED = Param("require_enforced", ParamKind.BOOL, False,
                  "MFA must be enforced, not only enabled")


@check(
    id="access.admin_mfa",
    over=ADMINS,
    title="Every administrator uses multi-factor authentication",
    severity=Severity.HIGH,
    category="access",
    rationale="A stolen administrator password must not be enough to take over the PBX.",
    remediation={
        "default": "Enable and enforce MFA for every administrative login.",
        "asterisk": "Asterisk has no MFA: put AMI/ARI behind a VPN or bastion with MFA and "
        "keep them on loopback.",
        "freeswitch": "FreeSWITCH has no MFA: reach the event socket only through an "
        "MFA-protected bastion.",
        "freepbx": "Install and enable the PBX MFA module for all administrators.",
    },
    params=[_ENFORCED],
)
def admin_mfa(ctx: CheckContext, admin: Administrator) -> Iterator[Finding]:
    if admin.enabled.value is not False:
        mfa = with_policy(admin.mfa, ctx.system.identity.admin_mfa_enforced)
        yield _judge_mfa(ctx, f"admin:{admin.name}", mfa, bool(ctx.params["require_enforced"]),
                         ctx.system.identity.admin_mfa_enforced)


@check(
    id="access.user_mfa",
    over=USERS,
    title="Every user uses multi-factor authentication",
    severity=Severity.MEDIUM,
    category="access",
    rationale="User portals expose voicemail, call history and recordings: personal data.",
    remediation={
        "default": "Enable MFA for all user logins (user portal, softphone provisioning).",
        "freepbx": "Enable the PBX MFA module for UCP users.",
    },
    params=[_ENFORCED],
)
def user_mfa(ctx: CheckContext, user: User) -> Iterator[Finding]:
    policy = ctx.system.identity.user_mfa_enforced
    yield _judge_mfa(ctx, f"user:{user.name}", with_policy(user.mfa, policy),
                     bool(ctx.params["require_enforced"]), policy)


@check(
    id="access.rbac",
    over=ADMINS,
    title="Role-based access control is in place",
    severity=Severity.MEDIUM,
    category="access",
    rationale="Administrators should get only the rights their role needs (least privilege).",
    remediation={
        "default": "Define roles with limited permissions and assign each administrator a role.",
        "asterisk": "manager.conf: give each AMI user only the read/write classes it needs.",
        "freepbx": "User Management: give administrators groups with module lists instead of "
        "full admin.",
    },
)
def rbac(ctx: CheckContext, admin: Administrator) -> Iterator[Finding]:
    resource = f"admin:{admin.name}"
    roles = evidence("roles", admin.roles, lambda r: ", ".join(r) or "none")
    perms = evidence("permissions", admin.permissions, lambda p: ", ".join(p) or "none")
    if admin.roles.value:
        yield ctx.passed(resource, "Has an assigned role.", roles)
    elif admin.permissions.value and admin.superuser.value is False:
        yield ctx.passed(resource, "Has a limited permission set.", perms)
    elif admin.roles.value is None and admin.permissions.value is None:
        yield ctx.unknown(resource, "Roles and permissions not known.", roles)
    elif admin.superuser.value:
        yield ctx.failed(resource, "Full rights without a role.", roles, perms,
                         evidence("superuser", admin.superuser))
    else:
        yield ctx.failed(resource, "No role assigned.", roles, perms)


@check(
    id="access.no_shared_accounts",
    over=ADMINS,
    title="No shared or generic administrator accounts",
    severity=Severity.MEDIUM,
    category="access",
    rationale="Actions by a shared account cannot be traced to a person.",
    remediation={
        "default": "Give every administrator a personal account; disable generic ones "
        "such as 'admin'.",
        "freepbx": "Replace the 'admin' login with named User Management accounts.",
    },
)
def no_shared_accounts(ctx: CheckContext, admin: Administrator) -> Iterator[Finding]:
    resource = f"admin:{admin.name}"
    shared = evidence("shared", admin.shared)
    if admin.shared.value:
        yield ctx.failed(resource, "Marked as a shared account.", shared)
    elif admin.name.lower() in GENERIC_ACCOUNT_NAMES:
        yield ctx.failed(resource, f"Generic account name '{admin.name}' suggests shared use.",
                         Evidence("name", admin.name, admin.source))
    elif admin.shared.value is False:
        yield ctx.passed(resource, "Personal account.", shared)
    else:
        yield ctx.unknown(resource, "Not known whether the account is personal.", shared)


@check(
    id="access.superusers_limited",
    over=WHOLE_SYSTEM,
    title="Superuser rights are limited to a few named accounts",
    severity=Severity.MEDIUM,
    category="access",
    rationale="Every full-rights account widens the blast radius of one stolen password.",
    remediation={
        "default": "Reduce full-rights accounts to the named few who need them.",
        "asterisk": "manager.conf: remove system, command, config and originate from write= "
        "for accounts that do not need them.",
    },
    params=[Param("max_superusers", ParamKind.INT, 2, "most accounts allowed full rights")],
)
def superusers_limited(ctx: CheckContext, system: System) -> Iterator[Finding]:
    if not system.admins_known:
        yield ctx.unknown("system", ADMINS.unknown)
        return
    limit = int(ctx.params["max_superusers"])
    supers = [a for a in system.admins if a.superuser.value]
    undecided = [a for a in system.admins if a.superuser.value is None]
    ev = [evidence(f"admin:{a.name}.superuser", a.superuser) for a in supers + undecided]
    names = ", ".join(a.name for a in supers) or "none"
    generic = [a.name for a in supers if a.name.lower() in GENERIC_ACCOUNT_NAMES]
    if len(supers) > limit:
        yield ctx.failed("system", f"{len(supers)} accounts have full rights ({names}); "
                         f"at most {limit} allowed.", *ev)
    elif generic:
        yield ctx.failed("system", f"Full rights held by generic account(s): "
                         f"{', '.join(generic)}.", *ev)
    elif undecided:
        yield ctx.unknown("system", f"{len(supers)} known superuser(s) ({names}); rights of "
                          f"{len(undecided)} account(s) not known.", *ev)
    else:
        yield ctx.passed("system", f"{len(supers)} named superuser(s) ({names}).", *ev)
