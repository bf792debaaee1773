"""FusionPBX databases for tests and samples: tenants, groups with the rights FusionPBX 5.5.7
gives them by default, accounts with and without TOTP, and the login-method settings.

Loaded into a real PostgreSQL (``load``) with the schema of ``postgres.ddl``; the sample dumps
in samples/fusionpbx/ are pg_dump output of ``INSECURE`` and ``HARDENED``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from tests.sources.config.fusionpbx.postgres import ASSETS

DEFAULT_RIGHTS: dict[str, list[str]] = json.loads(
    (ASSETS / "default-groups-5.5.7.json").read_text())["groups"]
LEVELS = {"superadmin": 80, "admin": 50, "user": 30, "agent": 20}
NAMESPACE = uuid.UUID("6f1c53e4-6c4e-4a57-9d0c-1f6e7a0b3c21")
TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # the well-known RFC 6238 example secret: never a real one
BCRYPT = "$2y$10$sampleSampleSampleSampleeCz8n0bQ9kZ1h3vU2f5q6r7s8t9u0w"  # not a real hash
LEGACY_MD5 = "0cc175b9c0f1b6a831c399e269772661"  # the md5(salt + password) form of old rows


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


@dataclass(frozen=True)
class Group:
    name: str
    rights: tuple[str, ...]
    domain: str | None = None  # None: a global group, as FusionPBX's defaults are


@dataclass(frozen=True)
class Account:
    username: str
    domain: str
    groups: tuple[str, ...]
    totp: bool = False
    enabled: bool | None = True
    password: str = BCRYPT
    user_type: str | None = "default"


@dataclass(frozen=True)
class Dataset:
    name: str
    domains: tuple[str, ...]
    groups: tuple[Group, ...]
    accounts: tuple[Account, ...]
    defaults: tuple[tuple[str, str, str, str, bool], ...]
    domain_settings: tuple[tuple[str, str, str, str, str, bool], ...] = ()
    version: str = "5.5.7"


def default_groups() -> tuple[Group, ...]:
    return tuple(Group(name, tuple(DEFAULT_RIGHTS[name])) for name in LEVELS)


# FusionPBX 5.5.7's own defaults (core/authentication and core/users app_config.php)
STOCK_SETTINGS = (
    ("authentication", "methods", "array", "database", True),
    ("authentication", "methods", "array", "email", False),
    ("authentication", "methods", "array", "totp", False),
    ("users", "password_length", "numeric", "12", True),
    ("users", "unique", "text", "global", False),
)
TOTP_ON = (
    ("authentication", "methods", "array", "database", True),
    ("authentication", "methods", "array", "email", False),
    ("authentication", "methods", "array", "totp", True),
    ("users", "password_length", "numeric", "14", True),
    ("users", "unique", "text", "global", False),
)

INSECURE = Dataset(
    "insecure",
    domains=("pbx.example.com", "tenant2.example.net"),
    groups=(*default_groups(),
            # named like a help desk, yet it may grant itself any right: a superuser
            Group("helpdesk", ("user_view", "user_add", "user_edit", "group_view",
                               "group_permission_view", "group_permission_add",
                               "group_permission_edit", "extension_view", "extension_edit"),
                  domain="tenant2.example.net")),
    accounts=(
        Account("admin", "pbx.example.com", ("superadmin",), password=LEGACY_MD5),
        Account("jdoe", "pbx.example.com", ("superadmin",)),
        Account("mkelly", "pbx.example.com", ("superadmin", "admin")),
        Account("ops", "pbx.example.com", ("admin",)),
        Account("alice", "pbx.example.com", ("user",)),
        Account("bob", "pbx.example.com", ("user",), enabled=False),
        Account("helpdesk1", "tenant2.example.net", ("helpdesk",)),
        Account("carol", "tenant2.example.net", ("user",), totp=True),
        Account("fax-robot", "tenant2.example.net", ("admin",), user_type="virtual"),
    ),
    defaults=STOCK_SETTINGS,
    domain_settings=(("tenant2.example.net", "users", "password_length", "numeric", "6",
                      True),),
)

HARDENED = Dataset(
    "hardened",
    domains=("pbx.example.com", "tenant2.example.net"),
    groups=default_groups(),
    accounts=(
        Account("j.smith", "pbx.example.com", ("superadmin",), totp=True),
        Account("m.jansen", "pbx.example.com", ("admin",), totp=True),
        Account("alice", "pbx.example.com", ("user",), totp=True),
        Account("bob", "pbx.example.com", ("user",), enabled=False),
        Account("p.devries", "tenant2.example.net", ("admin",), totp=True),
        Account("carol", "tenant2.example.net", ("user",), totp=True),
    ),
    defaults=TOTP_ON,
)

# Two tenants: TOTP enforced for one by its domain settings, off (the default) for the other
MIXED = Dataset(
    "mixed",
    domains=("secure.example.com", "lax.example.net"),
    groups=default_groups(),
    accounts=(
        Account("s.admin", "secure.example.com", ("admin",), totp=True),
        Account("s.user", "secure.example.com", ("user",), totp=True),
        Account("l.admin", "lax.example.net", ("admin",), totp=True),
        Account("l.user", "lax.example.net", ("user",), totp=True),
    ),
    defaults=STOCK_SETTINGS,
    domain_settings=(
        ("secure.example.com", "authentication", "methods", "array", "database", True),
        ("secure.example.com", "authentication", "methods", "array", "totp", True),
    ),
)


def load(connection: Any, data: Dataset) -> None:
    """Rows of ``data`` into a database holding the FusionPBX schema."""
    domains = {name: uid("domain", name) for name in data.domains}
    groups = {(g.name, g.domain): uid("group", g.name, g.domain or "") for g in data.groups}
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO v_domains (domain_uuid, domain_name, domain_enabled) VALUES (%s, %s, %s)",
            [(u, n, True) for n, u in domains.items()])
        cursor.execute("INSERT INTO v_software (software_uuid, software_name, software_version)"
                       " VALUES (%s, 'FusionPBX', %s)", (uid("software"), data.version))
        cursor.executemany(
            "INSERT INTO v_groups (group_uuid, domain_uuid, group_name, group_protected, "
            "group_level) VALUES (%s, %s, %s, false, %s)",
            [(groups[(g.name, g.domain)], domains.get(g.domain or ""), g.name,
              LEVELS.get(g.name, 40)) for g in data.groups])
        cursor.executemany(
            "INSERT INTO v_group_permissions (group_permission_uuid, domain_uuid, "
            "permission_name, permission_protected, permission_assigned, group_name, "
            "group_uuid) VALUES (%s, %s, %s, 'false', 'true', %s, %s)",
            [(uid("grant", g.name, g.domain or "", right), domains.get(g.domain or ""), right,
              g.name, groups[(g.name, g.domain)]) for g in data.groups for right in g.rights])
        for account in data.accounts:
            user = uid("user", account.domain, account.username)
            cursor.execute(
                "INSERT INTO v_users (user_uuid, domain_uuid, username, password, salt, "
                "user_email, api_key, user_totp_secret, user_type, user_enabled) "
                "VALUES (%s, %s, %s, %s, %s, %s, NULL, %s, %s, %s)",
                (user, domains[account.domain], account.username, account.password,
                 uid("salt", user), f"{account.username}@{account.domain}",
                 TOTP_SECRET if account.totp else None, account.user_type, account.enabled))
            for name in account.groups:
                group = next(g for g in data.groups if g.name == name
                             and g.domain in (None, account.domain))
                cursor.execute(
                    "INSERT INTO v_user_groups (user_group_uuid, domain_uuid, group_name, "
                    "group_uuid, user_uuid) VALUES (%s, %s, %s, %s, %s)",
                    (uid("member", user, name), domains[account.domain], name,
                     groups[(group.name, group.domain)], user))
        cursor.executemany(
            "INSERT INTO v_default_settings (default_setting_uuid, default_setting_category, "
            "default_setting_subcategory, default_setting_name, default_setting_value, "
            "default_setting_enabled) VALUES (%s, %s, %s, %s, %s, %s)",
            [(uid("default", *map(str, row)), *row) for row in data.defaults])
        cursor.executemany(
            "INSERT INTO v_domain_settings (domain_setting_uuid, domain_uuid, "
            "domain_setting_category, domain_setting_subcategory, domain_setting_name, "
            "domain_setting_value, domain_setting_enabled) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(uid("domain-setting", *map(str, row)), domains[row[0]], *row[1:])
             for row in data.domain_settings])
