"""manager.conf: AMI users become administrators, the AMI listeners management interfaces."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import (
    AdminInterface,
    Administrator,
    Fact,
    ManagementInterface,
    ManagementKind,
    Mfa,
    Provenance,
)
from voipscan.sources.config.asterisk.acl import restricts
from voipscan.sources.config.asterisk.conf import ConfFile, Section
from voipscan.sources.config.asterisk.values import (
    NO_MFA_NOTE,
    PLATFORM,
    ast_bool,
    bool_fact,
    default_source,
    exposure_of,
    secret_fact,
    split_list,
)

# Write access to any of these classes controls the whole PBX (shell via command/system,
# configuration rewrite, or placing calls at will).
SUPERUSER_WRITE = frozenset({"system", "command", "config", "originate", "all"})


@dataclass(frozen=True)
class ManagerFacts:
    admins: tuple[Administrator, ...]
    interfaces: tuple[ManagementInterface, ...]


def no_mfa() -> Mfa:
    return Mfa(supported=Fact(None, None, NO_MFA_NOTE), enabled=Fact(None, None, NO_MFA_NOTE),
               enforced=Fact(None, None, NO_MFA_NOTE))


def _classes(section: Section, key: str) -> list[str]:
    return [c.lower() for s in section.all(key) for c in split_list(s.value)]


def _admin(user: Section, enabled: Fact[bool], interfaces: tuple[str, ...],
           acls: ConfFile | None) -> Administrator:
    read, write = _classes(user, "read"), _classes(user, "write")
    permissions = tuple([f"read:{c}" for c in read] + [f"write:{c}" for c in write])
    rights_source = (user.get("write") or user.get("read") or user).source()
    powerful = sorted(SUPERUSER_WRITE.intersection(write))
    superuser = Fact(bool(powerful), rights_source,
                     f"write={','.join(powerful)}" if powerful else "no write access to "
                     "system, command, config or originate")
    return Administrator(
        name=user.name,
        interface=AdminInterface.API,
        auth_backend=Fact("manager.conf", user.source()),
        mfa=no_mfa(),
        roles=Fact(None, user.source(), "AMI has no roles: rights are set per user"),
        permissions=Fact(permissions, rights_source),
        superuser=superuser,
        enabled=enabled,
        password=secret_fact(user.get("secret"), user.name),
        source=user.source(f"[{user.name}] AMI user"),
        interfaces=interfaces,
        acl=restricts(user, acls),
    )


def read_manager(conf: ConfFile | None, platform: str = PLATFORM,
                 acls: ConfFile | None = None) -> ManagerFacts:
    if conf is None:
        source = default_source("no manager.conf: AMI not configured", platform)
        return ManagerFacts((), (ManagementInterface(
            "ami", ManagementKind.AMI, enabled=Fact(False, source), source=source),))
    general = conf.settings_of("general")
    enabled = bool_fact(general, "enabled", False, "AMI enabled default no", platform)
    users = [s for s in conf.objects() if s.name.lower() != "general"]
    tls_on = general.get("tlsenable") if general else None
    listeners = ("ami", "ami-tls") if tls_on is not None and ast_bool(tls_on.value) else ("ami",)
    admins = tuple(_admin(u, enabled, listeners, acls) for u in users)
    secrets = [a.password for a in admins]
    defaults: Fact[bool]
    if any(s.value is not None and s.value.vendor_default for s in secrets):
        culprit = next(s for s in secrets if s.value is not None and s.value.vendor_default)
        defaults = Fact(True, culprit.source, "an AMI user has a vendor default secret")
    elif users and all(s.value is not None for s in secrets):
        defaults = Fact(False, (general or users[0]).source())
    else:
        defaults = Fact(None, None, "no AMI user with a readable secret")
    acl = _acl(users, acls)
    port = (general.value("port") if general else None) or "5038"
    bind_setting = general.get("bindaddr") if general else None
    gap = general.unset_by("bindaddr") or general.unset_by("port") if general else None
    bind = (Fact(None, gap.source(), gap.note("bindaddr")) if gap is not None
            else Fact(f"{bind_setting.value}:{port}", bind_setting.source()) if bind_setting
            else Fact(f"0.0.0.0:{port}", default_source("AMI bindaddr default: all "
                                                          "interfaces", platform)))
    section_source = general.source() if general else Provenance.file(conf.root)
    login = Fact(True, default_source("AMI always requires a login", platform))
    interfaces = [ManagementInterface(
        "ami", ManagementKind.AMI, enabled=enabled, bind=bind,
        exposure=exposure_of(bind), tls=Fact(False, bind.source, "plain AMI listener"),
        acl=acl, default_credentials=defaults, source=section_source, login_required=login)]
    if tls_on is not None and ast_bool(tls_on.value) and enabled.value is not False:
        tls_bind_setting = general.get("tlsbindaddr") if general else None
        tls_bind = (Fact(tls_bind_setting.value, tls_bind_setting.source())
                    if tls_bind_setting else Fact(
                        f"{(bind_setting.value if bind_setting else '0.0.0.0')}:5039",
                        default_source("AMI tlsbindaddr default: bindaddr, port 5039",
                                       platform)))
        interfaces.append(ManagementInterface(
            "ami-tls", ManagementKind.AMI, enabled=enabled, bind=tls_bind,
            exposure=exposure_of(tls_bind), tls=Fact(True, tls_on.source()), acl=acl,
            default_credentials=defaults, source=tls_on.source(), login_required=login))
    return ManagerFacts(admins, tuple(interfaces))


def _acl(users: list[Section], acls: ConfFile | None) -> Fact[bool]:
    return users_restricted("AMI", [u for u in users if u.get("secret") is not None], acls)


def users_restricted(what: str, users: list[Section], acls: ConfFile | None) -> Fact[bool]:
    """Whether every account that can log in keeps arbitrary addresses out by its ACL."""
    if not users:
        return Fact(None, None, f"no {what} user can log in")
    verdicts = [(u, restricts(u, acls)) for u in users]
    open_users = [(u, v) for u, v in verdicts if v.value is False]
    if open_users:
        user, verdict = open_users[0]
        return Fact(False, verdict.source, f"{what} user(s) whose ACL lets any address in: "
                    f"{', '.join(u.name for u, _ in open_users)} ({verdict.note})")
    undecided = [(u, v) for u, v in verdicts if v.value is None]
    if undecided:
        user, verdict = undecided[0]
        return Fact(None, verdict.source, f"{what} user {user.name}: {verdict.note}")
    return Fact(True, verdicts[0][1].source, f"every {what} user's ACL keeps other addresses "
                "out")

