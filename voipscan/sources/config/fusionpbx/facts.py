"""A FusionPBX database into facts: accounts with their groups, rights and TOTP, the login
methods and password rules in effect per domain (tenant).

Follows FusionPBX 5.5.7: login methods are the enabled ``authentication > methods`` array of
the default settings, replaced as a whole by a domain's enabled ones (``domains::set``);
``database`` alone when none is set. An account's rights are the assigned permissions of the
groups it belongs to in its domain, matched by group name, global or of that domain
(``permissions::assigned``). Only accounts of type ``default`` can log in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from voipscan.facts import (
    AdminInterface,
    Administrator,
    Fact,
    Mfa,
    PasswordPolicy,
    Provenance,
    Role,
    SecretInfo,
    SecretStorage,
    System,
    User,
)
from voipscan.sources.config.fusionpbx.rights import is_administrator, superuser_rights
from voipscan.sources.config.fusionpbx.schema import VERSION, Row, Snapshot, boolean

PLATFORM = "fusionpbx"
DEFAULT_METHODS = ("database",)
DEFAULT_PASSWORD_LENGTH = 12  # core/users/user_edit.php: 'users', 'password_length', 12
RIGHTS_TABLES = ("v_groups", "v_user_groups", "v_group_permissions")
SETTINGS_TABLES = ("v_default_settings", "v_domain_settings")


def default(detail: str) -> Provenance:
    return Provenance.default(PLATFORM, detail)


@dataclass(frozen=True)
class Domain:
    uuid: str
    name: str
    source: Provenance


@dataclass(frozen=True)
class Setting:
    name: str
    value: str
    source: Provenance


class Settings:
    """Default and domain settings as FusionPBX applies them (enabled rows only)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.known = all(snapshot.has(t) for t in SETTINGS_TABLES)
        self.defaults: dict[tuple[str, str], list[Setting]] = defaultdict(list)
        self.domains: dict[tuple[str, str, str], list[Setting]] = defaultdict(list)
        for row in snapshot.rows("v_default_settings"):
            if row.values.get("default_setting_enabled") is True:
                key = (row.text("default_setting_category"),
                       row.text("default_setting_subcategory"))
                self.defaults[key].append(Setting(row.text("default_setting_name"),
                                                  row.text("default_setting_value"), row.source))
        for row in snapshot.rows("v_domain_settings"):
            if row.values.get("domain_setting_enabled") is True:
                scoped = (row.text("domain_uuid"), row.text("domain_setting_category"),
                          row.text("domain_setting_subcategory"))
                self.domains[scoped].append(Setting(row.text("domain_setting_name"),
                                                 row.text("domain_setting_value"), row.source))

    def _rows(self, domain: str, category: str, subcategory: str, name: str
              ) -> list[Setting]:
        own = [s for s in self.domains.get((domain, category, subcategory), [])
               if s.name == name]
        return own or [s for s in self.defaults.get((category, subcategory), [])
                       if s.name == name]

    def array(self, domain: str, category: str, subcategory: str) -> list[Setting]:
        return self._rows(domain, category, subcategory, "array")

    def value(self, domain: str, category: str, subcategory: str, name: str) -> Setting | None:
        rows = self._rows(domain, category, subcategory, name)
        return rows[-1] if rows else None


def login_methods(settings: Settings, domain: Domain) -> Fact[tuple[str, ...]]:
    if not settings.known:
        return Fact(None, None, "default and domain settings not in the evidence: login "
                    "methods unknown")
    rows = settings.array(domain.uuid, "authentication", "methods")
    if not rows:
        return Fact(DEFAULT_METHODS, default("no authentication > methods setting: the "
                                             "database password alone"))
    methods = tuple(dict.fromkeys(s.value.strip().lower() for s in rows if s.value.strip()))
    return Fact(methods, rows[-1].source, f"domain {domain.name}")


def account_mfa(methods: Fact[tuple[str, ...]], enrolled: bool, row: Row) -> Mfa:
    if methods.value is None:
        return Mfa(supported=Fact(True, default("FusionPBX offers TOTP as a login method")),
                   enabled=Fact(None, None, methods.note), enforced=Fact(None, None, methods.note))
    supported = Fact(True, default("FusionPBX offers TOTP as a login method"))
    listed = ", ".join(methods.value)
    if "totp" in methods.value:
        enabled = (Fact(True, row.source, "TOTP enrolled") if enrolled else
                   Fact(False, row.source, "TOTP required at login but not enrolled: the next "
                        "login with the password alone enrols a new authenticator"))
        return Mfa(supported=supported, enabled=enabled,
                   enforced=Fact(True, methods.source, f"login methods {listed}: every login "
                                 "asks for a TOTP code"),
                   methods=Fact(("totp",), methods.source))
    note = f"login methods {listed} ({methods.note or 'default'}): TOTP off"
    if "email" in methods.value:
        note += "; an emailed code is not a second factor (NIST SP 800-63B 5.1.3.1)"
    if enrolled:
        note += "; a TOTP secret is set but never asked for"
    return Mfa(supported=supported, enabled=Fact(False, methods.source, note),
               enforced=Fact(False, methods.source, note), methods=Fact((), methods.source))


def password(row: Row, name: str) -> Fact[SecretInfo]:
    form = row.text("password_form")
    if form == "empty":
        return Fact(SecretInfo.judge("", username=name, storage=SecretStorage.HASHED),
                    row.source, "empty password")
    note = "password_hash()" if form == "crypt" else "legacy md5(salt + password)"
    return Fact(SecretInfo.hashed(), row.source, note)


@dataclass(frozen=True)
class Rights:
    """Groups and permissions, as FusionPBX resolves them at login."""

    known: bool
    groups: dict[str, Row]  # group_uuid -> v_groups row
    members: dict[tuple[str, str], list[str]]  # (domain_uuid, user_uuid) -> group names
    assigned: dict[tuple[str, str], set[str]]  # (group_name, domain_uuid or "") -> rights
    by_group: dict[str, set[str]]  # group_uuid -> rights
    sources: dict[tuple[str, str], Provenance]  # (domain_uuid, user_uuid) -> membership row

    @classmethod
    def of(cls, snapshot: Snapshot) -> Rights:
        groups = {row.text("group_uuid"): row for row in snapshot.rows("v_groups")}
        members: dict[tuple[str, str], list[str]] = defaultdict(list)
        sources: dict[tuple[str, str], Provenance] = {}
        for row in snapshot.rows("v_user_groups"):
            key = (row.text("domain_uuid"), row.text("user_uuid"))
            group = groups.get(row.text("group_uuid"))
            if group is not None:
                members[key].append(group.text("group_name"))
                sources.setdefault(key, row.source)
        assigned: dict[tuple[str, str], set[str]] = defaultdict(set)
        by_group: dict[str, set[str]] = defaultdict(set)
        for row in snapshot.rows("v_group_permissions"):
            if boolean(row.values.get("permission_assigned")) is not True:
                continue
            right = row.text("permission_name")
            assigned[(row.text("group_name"), row.text("domain_uuid"))].add(right)
            by_group[row.text("group_uuid")].add(right)
        known = all(snapshot.has(t) for t in RIGHTS_TABLES)
        return cls(known, groups, members, assigned, by_group, sources)

    def of_account(self, domain: str, user: str) -> tuple[list[str], frozenset[str]]:
        names = sorted(set(self.members.get((domain, user), [])))
        rights: set[str] = set()
        for name in names:
            rights |= self.assigned.get((name, domain), set()) | self.assigned.get((name, ""),
                                                                                     set())
        return names, frozenset(rights)


def domains_of(snapshot: Snapshot) -> dict[str, Domain]:
    # a disabled domain does not stop its accounts from logging in (domains::session keeps
    # every domain; no authentication plugin looks at domain_enabled)
    return {row.text("domain_uuid"): Domain(row.text("domain_uuid"), row.text("domain_name"),
                                            row.source)
            for row in snapshot.rows("v_domains")}


@dataclass(frozen=True)
class Accounts:
    admins: tuple[Administrator, ...]
    users: tuple[User, ...]


def accounts(snapshot: Snapshot, domains: dict[str, Domain], settings: Settings,
             rights: Rights, only: str | None = None) -> Accounts:
    admins: list[Administrator] = []
    users: list[User] = []
    for row in snapshot.rows("v_users"):
        domain = domains.get(row.text("domain_uuid"))
        if domain is None or (only is not None and domain.uuid != only):
            continue
        if (row.text("user_type") or "default") != "default":
            continue  # only 'default' accounts can log in (authentication plugins)
        name = f"{row.text('username')}@{domain.name}"
        methods = login_methods(settings, domain)
        mfa = account_mfa(methods, row.values.get("totp_enrolled") is True, row)
        enabled = row.values.get("user_enabled") is not False
        groups, held = rights.of_account(domain.uuid, row.text("user_uuid"))
        if rights.known and not is_administrator(held):
            if enabled:
                users.append(User(name, mfa, password(row, name), row.source))
            continue
        admins.append(_administrator(row, name, domain, methods, mfa, groups, held, rights))
    return Accounts(tuple(admins), tuple(users))


def _administrator(row: Row, name: str, domain: Domain, methods: Fact[tuple[str, ...]],
                   mfa: Mfa, groups: list[str], held: frozenset[str], rights: Rights
                   ) -> Administrator:
    disabled = row.values.get("user_enabled") is False
    state = Fact(not disabled, row.source, "account disabled" if disabled else "")
    backend = Fact(", ".join(methods.value), methods.source) if methods.value else Fact(
        None, None, methods.note)
    if not rights.known:
        note = "groups and permissions not in the evidence"
        return Administrator(name=name, interface=AdminInterface.WEB, auth_backend=backend,
                             mfa=mfa, roles=Fact(None, None, note),
                             permissions=Fact(None, None, note),
                             superuser=Fact(None, None, note), enabled=state,
                             password=password(row, name), source=row.source)
    anchor = rights.sources.get((domain.uuid, row.text("user_uuid")), row.source)
    strongest = superuser_rights(held)
    shown = ", ".join(strongest[:4]) + (" ..." if len(strongest) > 4 else "")
    return Administrator(
        name=name, interface=AdminInterface.WEB, auth_backend=backend, mfa=mfa,
        roles=Fact(tuple(groups), anchor, "groups"),
        permissions=Fact(tuple(sorted(held)), anchor, f"{len(held)} rights through its groups"),
        superuser=Fact(bool(strongest), anchor, f"holds {shown}" if strongest
                       else "no right beyond its domain"),
        enabled=state, password=password(row, name), source=row.source)


def roles(snapshot: Snapshot, domains: dict[str, Domain], rights: Rights,
          only: str | None = None) -> tuple[Role, ...]:
    found = []
    for uuid, row in sorted(rights.groups.items(), key=lambda item: item[1].text("group_name")):
        owner = row.text("domain_uuid")
        if owner and only is not None and owner != only:
            continue
        name = row.text("group_name")
        if owner:
            name = f"{name}@{domains[owner].name}" if owner in domains else f"{name}@{owner}"
        held = frozenset(rights.by_group.get(uuid, set()))
        strongest = superuser_rights(held)
        found.append(Role(name, tuple(sorted(held)),
                          Fact(bool(strongest), row.source,
                               f"holds {', '.join(strongest[:4])}" if strongest else ""),
                          row.source))
    return tuple(found)


def password_policy(settings: Settings, domains: Sequence[Domain]) -> PasswordPolicy:
    if not settings.known:
        return PasswordPolicy(min_length=Fact(None, None, "settings not in the evidence"))
    weakest: Fact[int] | None = None
    for domain in domains:
        setting = settings.value(domain.uuid, "users", "password_length", "numeric")
        if setting is None:
            fact = Fact(DEFAULT_PASSWORD_LENGTH, default("users > password_length unset: 12"))
        else:
            try:
                fact = Fact(int(float(setting.value)), setting.source, f"domain {domain.name}")
            except ValueError:
                fact = Fact(None, setting.source, f"password_length {setting.value!r}")
        if fact.value is None:
            return PasswordPolicy(min_length=fact)
        if weakest is None or (weakest.value is not None and fact.value < weakest.value):
            weakest = fact
    return PasswordPolicy(min_length=weakest or Fact(None, None, "no domains"))


def version(snapshot: Snapshot) -> Fact[str]:
    for row in snapshot.rows("v_software"):
        if row.text("software_version"):
            return Fact(row.text("software_version"), row.source)
    return Fact(None, None, "v_software holds no version")


def build(snapshot: Snapshot, name: str, only: str | None = None) -> System:
    """The system of a whole database, or of one domain (``only``: its domain_uuid)."""
    domains = domains_of(snapshot)
    settings = Settings(snapshot)
    rights = Rights.of(snapshot)
    found = accounts(snapshot, domains, settings, rights, only)
    shown = [d for d in domains.values() if only is None or d.uuid == only]
    anchor = next((d.source for d in shown), None)
    return System(
        name=name,
        platform=Fact(PLATFORM, anchor, f"schema of FusionPBX {VERSION}"),
        version=version(snapshot),
        admins=found.admins, admins_known=True,
        users=found.users, users_known=True,
        roles=roles(snapshot, domains, rights, only), roles_known=rights.known,
        password_policy=password_policy(settings, shown),
    )
