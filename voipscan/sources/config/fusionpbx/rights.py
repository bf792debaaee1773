"""Which FusionPBX permissions make an account an administrator, and which a superuser.

Judged from the rights an account holds through its groups, never from a group's or an
account's name: a group called ``helpdesk`` that may edit group permissions is as powerful
as ``superadmin``. FusionPBX 5.5.7's defaults grant the superuser rights named here to
``superadmin`` only, and the administrator rights to ``admin`` or ``superadmin`` only.
"""

from __future__ import annotations

SUPERUSER_RIGHTS: dict[str, str] = {
    "group_permission_add": "grants any right to any group, its own included",
    "group_permission_edit": "grants any right to any group, its own included",
    "permission_add": "defines permissions",
    "permission_edit": "defines permissions",
    "domain_add": "creates tenants",
    "domain_all": "reaches every tenant",
    "domain_select": "switches into any tenant",
    "user_all": "manages the users of every tenant",
    "default_setting_add": "changes system-wide settings (login methods included)",
    "default_setting_edit": "changes system-wide settings (login methods included)",
    "dialplan_xml": "writes raw FreeSWITCH dialplan XML (runs system commands)",
    "upgrade_source": "upgrades the software on the host",
    "upgrade_schema": "changes the database schema",
    "upgrade_apps": "upgrades the applications on the host",
    "database_add": "changes the database connections",
    "database_edit": "changes the database connections",
    "module_add": "loads FreeSWITCH modules",
    "module_edit": "loads FreeSWITCH modules",
    "var_add": "sets global FreeSWITCH variables",
    "var_edit": "sets global FreeSWITCH variables",
    "sip_profile_add": "changes SIP profiles every tenant uses",
    "sip_profile_edit": "changes SIP profiles every tenant uses",
    "access_control_add": "changes the system's access control lists",
    "access_control_edit": "changes the system's access control lists",
}
"""Rights that reach beyond one tenant or over the rights themselves, with why."""

ADMIN_RIGHTS = frozenset({
    "user_add", "user_edit", "user_delete", "user_groups", "user_group_add", "user_group_edit",
    "user_password", "user_setting_add", "user_setting_edit",
    "group_add", "group_edit", "group_member_add",
    "domain_setting_add", "domain_setting_edit",
    "extension_add", "extension_edit", "extension_delete", "extension_password",
    "device_add", "device_edit", "device_line_password",
    "gateway_add", "gateway_edit",
    "dialplan_add", "dialplan_edit",
    "inbound_route_add", "inbound_route_edit", "outbound_route_add", "outbound_route_edit",
    "destination_add", "destination_edit",
})
"""Rights that manage a tenant's accounts, credentials or call routing."""


def superuser_rights(rights: frozenset[str]) -> list[str]:
    return sorted(rights & SUPERUSER_RIGHTS.keys())


def is_administrator(rights: frozenset[str]) -> bool:
    return bool(rights & ADMIN_RIGHTS or rights & SUPERUSER_RIGHTS.keys())
