"""Access control: MFA, roles, shared accounts and superusers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Evidence, Finding, Severity, Status, evidence
from voipscan.checks.resources import ADMINS, USERS, WHOLE_SYSTEM
from voipscan.facts import (
    AdminInterface,
    Administrator,
    Exposure,
    Fact,
    ManagementInterface,
    ManagementKind,
    Mfa,
    System,
    User,
)

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
        "freeswitch/admin:xml-rpc": "FreeSWITCH has no MFA: reach XML-RPC only through an "
        "MFA-protected bastion, or unload mod_xml_rpc.",
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
        "asterisk/admin:ari/": "ari.conf: read_only=yes for every user that only watches; "
        "ARI has no finer rights, so keep write access to the one application that needs it.",
        "asterisk/admin:cli/": "cli_permissions.conf: deny=all, then permit= only the "
        "commands each console user needs.",
        "freeswitch": "The event socket has no roles: one password gives full control. Keep "
        "it on loopback for the one application that needs it and give people their own "
        "accounts in a management layer with roles.",
        "freeswitch/admin:xml-rpc": "XML-RPC has no roles: any login runs any API command. "
        "Unload mod_xml_rpc unless an application needs it.",
        "freepbx": "User Management: give administrators groups with module lists instead of "
        "full admin.",
        "freepbx/admin:ami/": "manager.conf (manager_custom.conf): give each AMI user only "
        "the read/write classes it needs.",
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
        "asterisk": "manager.conf: one AMI user per person or application, never a shared "
        "'admin' login.",
        "asterisk/admin:ari/": "ari.conf: one ARI user per application, never a shared login.",
        "asterisk/admin:cli/": "cli_permissions.conf: permissions per person, not for a shared "
        "unix account.",
        "freeswitch": "The event socket has one shared password: keep it for applications, on "
        "loopback, and give people personal accounts in a management layer.",
        "freeswitch/admin:xml-rpc": "XML-RPC has one shared login (xml_rpc.conf.xml "
        "auth-user): keep it for one application, or unload mod_xml_rpc.",
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
        "for accounts that do not need them; ari.conf: read_only=yes for ARI users that only "
        "watch.",
        "freeswitch": "Unload what gives full control without need (mod_xml_rpc) and keep "
        "one event socket password for the one application that uses it.",
        "freepbx": "User Management: full admin only for the named few; other administrators "
        "get groups with module lists.",
    },
    params=[Param("max_superusers", ParamKind.INT, 2, "most accounts allowed full rights")],
)
def superusers_limited(ctx: CheckContext, system: System) -> Iterator[Finding]:
    if not system.admins_known:
        yield ctx.unknown("system", ADMINS.unknown)
        return
    active = [a for a in system.admins if a.enabled.value is not False]
    if not active:
        yield ctx.not_applicable("system", "No administrator account can log in.",
                                 *(evidence(f"admin:{a.name}.enabled", a.enabled)
                                   for a in system.admins))
        return
    limit = int(ctx.params["max_superusers"])
    supers = [a for a in active if a.superuser.value]
    undecided = [a for a in active if a.superuser.value is None]
    ev = [evidence(f"admin:{a.name}.superuser", a.superuser) for a in active]
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


# Which management interfaces an account may log in through, when the source did not say.
_INTERFACE_KINDS = {
    AdminInterface.WEB: frozenset({ManagementKind.WEB}),
    AdminInterface.EVENT_SOCKET: frozenset({ManagementKind.EVENT_SOCKET}),
    AdminInterface.CLI: frozenset({ManagementKind.SSH}),
    AdminInterface.API: frozenset({ManagementKind.AMI, ManagementKind.ARI,
                                   ManagementKind.XMLRPC, ManagementKind.API}),
}


def interfaces_of(system: System, admin: Administrator) -> list[ManagementInterface]:
    """The interfaces the account logs in through: as its source named them, else the one
    named after it (``xml-rpc:user`` on ``xml-rpc``), else those of its kind."""
    if admin.interfaces:
        return [m for m in system.management if m.name in admin.interfaces]
    named = [m for m in system.management
             if admin.name == m.name or admin.name.startswith((f"{m.name}:", f"{m.name}/"))]
    if named:
        return named
    kinds = _INTERFACE_KINDS.get(admin.interface, frozenset())
    return [m for m in system.management if m.kind in kinds]


def _reach(iface: ManagementInterface, acl: Fact[bool]) -> tuple[Status, str]:
    """How far a full-rights login on this interface reaches (``acl``: the account's own
    ACL where it has one, else the interface's)."""
    if iface.login_required.value is False:
        return Status.FAIL, "no login at all"
    exposure = iface.exposure.value
    if exposure is Exposure.LOOPBACK:
        return Status.PASS, "loopback only"
    if acl.value:
        return Status.PASS, "an ACL keeps other addresses out"
    if exposure is None:
        return Status.UNKNOWN, "listening address not known"
    if acl.value is None:
        return Status.UNKNOWN, f"{exposure.describe()}, ACL not known"
    return Status.FAIL, f"{exposure.describe()} without an ACL"


@check(
    id="access.privileged_access",
    over=ADMINS,
    title="Full administrative rights are reachable only from trusted places",
    severity=Severity.HIGH,
    category="access",
    rationale="An account that can run shell commands, rewrite the configuration or place "
    "calls at will (AMI write=all/system/command, ARI without read_only, the FreeSWITCH "
    "event socket, XML-RPC, a full PBX administrator) is the whole PBX: it must never be "
    "reachable from the network without an ACL, without a login or with a default password. "
    "Counting superusers says nothing when one of them is open to the internet.",
    remediation={
        "default": "Give full rights only to accounts that need them, and expose those only "
        "on loopback or to named administrator hosts, with their own strong password.",
        "asterisk": "manager.conf: write= only the classes each AMI user needs (never all, "
        "system or command), bindaddr=127.0.0.1 or deny=0.0.0.0/0.0.0.0 with permit= for "
        "admin hosts, and a long random secret.",
        "asterisk/admin:ari/": "ari.conf: read_only=yes for users that only watch and a long "
        "random password; http.conf: bindaddr=127.0.0.1.",
        "asterisk/admin:cli/": "cli_permissions.conf: deny=all, then permit= only the "
        "commands each console user needs; limit who may log in to the host.",
        "freeswitch": "autoload_configs/event_socket.conf.xml: listen-ip 127.0.0.1, a long "
        "random password (never ClueCon) and apply-inbound-acl.",
        "freeswitch/admin:xml-rpc": "Unload mod_xml_rpc (autoload_configs/modules.conf.xml), "
        "or firewall its port to admin hosts and set a long random auth-pass in "
        "autoload_configs/xml_rpc.conf.xml.",
        "freepbx": "Admin > User Management: full admin only for named accounts; restrict "
        "the admin GUI to trusted networks with the Firewall module; keep AMI on 127.0.0.1.",
        "kamailio": "Bind ctl/jsonrpc/xmlrpc management to a local socket or loopback and "
        "never route them from public listeners.",
    },
)
def privileged_access(ctx: CheckContext, admin: Administrator) -> Iterator[Finding]:
    resource = f"admin:{admin.name}"
    rights = evidence("superuser", admin.superuser)
    if admin.enabled.value is False:
        yield ctx.not_applicable(resource, "The account cannot log in.",
                                 evidence("enabled", admin.enabled))
        return
    if admin.superuser.value is False:
        yield ctx.passed(resource, "Limited rights.", rights,
                         evidence("permissions", admin.permissions,
                                  lambda p: ", ".join(p) or "none"))
        return
    if admin.superuser.value is None:
        yield ctx.unknown(resource, "Its rights are not known.", rights)
        return
    reachable = interfaces_of(ctx.system, admin)
    secret = admin.password.value
    if secret is not None and (not secret.present or secret.vendor_default):
        kind = "an empty" if not secret.present else "a vendor default"
        remote = any(m.exposure.value is not Exposure.LOOPBACK for m in reachable
                     if m.enabled.value is not False)
        yield ctx.failed(resource, f"Full rights behind {kind} password.", rights,
                         evidence("password", admin.password, lambda i: i.describe()),
                         severity=Severity.CRITICAL if remote else None)
        return
    interfaces = [m for m in reachable if m.enabled.value is not False]
    if reachable and not interfaces:
        yield ctx.not_applicable(resource, "Every interface it logs in through is off.",
                                 *(evidence(f"management:{m.name}.enabled", m.enabled)
                                   for m in reachable))
        return
    if not interfaces:
        yield ctx.unknown(resource, "Full rights; where the account logs in from is not "
                          "known.", rights)
        return
    judged = [(m, *_reach(m, admin.acl.or_(m.acl))) for m in interfaces]
    ev = [rights, *(e for m, _, _ in judged for e in (
        evidence(f"management:{m.name}.exposure", m.exposure),
        evidence("acl", admin.acl) if admin.acl.known
        else evidence(f"management:{m.name}.acl", m.acl)))]
    failed = [f"{m.name} ({why})" for m, status, why in judged if status is Status.FAIL]
    if failed:
        yield ctx.failed(resource, f"Full rights reachable over {', '.join(failed)}.", *ev)
        return
    undecided = [f"{m.name} ({why})" for m, status, why in judged if status is Status.UNKNOWN]
    if undecided:
        yield ctx.unknown(resource, f"Full rights over {', '.join(undecided)}.", *ev)
        return
    places = ", ".join(f"{m.name} ({why})" for m, _, why in judged)
    yield ctx.passed(resource, f"Full rights, reachable only over {places}.", *ev)
