"""Small FusionPBX databases in memory (rows as the tables hold them) and in pg_dump form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tests.paths import ROOT
from voipscan.facts import Provenance
from voipscan.sources.config.fusionpbx.schema import TABLES, Snapshot, make_row

SAMPLES = ROOT / "samples" / "fusionpbx"
INSECURE = SAMPLES / "insecure.sql"
HARDENED = SAMPLES / "hardened.sql"
HEADER = "--\n-- PostgreSQL database dump\n--\n\nSET standard_conforming_strings = on;\n\n"

Rows = Sequence[Mapping[str, object]]

D1, D2 = "00000000-0000-4000-8000-0000000000d1", "00000000-0000-4000-8000-0000000000d2"
G_SUPER, G_ADMIN, G_USER = ("00000000-0000-4000-8000-00000000005a",
                            "00000000-0000-4000-8000-0000000000ad",
                            "00000000-0000-4000-8000-0000000000a5")


def snapshot(**tables: Rows) -> Snapshot:
    """A database of these rows (secret columns as raw values: they are reduced on the way)."""
    return Snapshot("test", {
        name: tuple(make_row(TABLES[name], row, Provenance.file("test", i + 1, name))
                    for i, row in enumerate(rows))
        for name, rows in tables.items()})


def user(name: str, domain: str = D1, *, totp: str | None = None, enabled: bool | None = True,
         user_type: str | None = "default", password: str = "$2y$10$x") -> dict[str, object]:
    return {"user_uuid": f"u-{name}", "domain_uuid": domain, "username": name,
            "user_enabled": enabled, "user_type": user_type, "user_totp_secret": totp,
            "password": password}


def member(name: str, group: str, group_name: str, domain: str = D1) -> dict[str, object]:
    return {"user_uuid": f"u-{name}", "domain_uuid": domain, "group_uuid": group,
            "group_name": group_name}


def grant(group: str, group_name: str, *rights: str, domain: str | None = None,
          assigned: str = "true") -> list[dict[str, object]]:
    return [{"group_uuid": group, "domain_uuid": domain, "group_name": group_name,
             "permission_name": right, "permission_assigned": assigned} for right in rights]


def default_setting(category: str, subcategory: str, name: str, value: str,
                    enabled: bool = True) -> dict[str, object]:
    return {"default_setting_category": category, "default_setting_subcategory": subcategory,
            "default_setting_name": name, "default_setting_value": value,
            "default_setting_enabled": enabled}


def domain_setting(domain: str, category: str, subcategory: str, name: str, value: str,
                   enabled: bool = True) -> dict[str, object]:
    return {"domain_uuid": domain, "domain_setting_category": category,
            "domain_setting_subcategory": subcategory, "domain_setting_name": name,
            "domain_setting_value": value, "domain_setting_enabled": enabled}


def tenants() -> list[dict[str, object]]:
    return [{"domain_uuid": D1, "domain_name": "one.example", "domain_enabled": True},
            {"domain_uuid": D2, "domain_name": "two.example", "domain_enabled": True}]


def groups() -> list[dict[str, object]]:
    return [{"group_uuid": G_SUPER, "domain_uuid": None, "group_name": "superadmin"},
            {"group_uuid": G_ADMIN, "domain_uuid": None, "group_name": "admin"},
            {"group_uuid": G_USER, "domain_uuid": None, "group_name": "user"}]


def copy_block(table: str, rows: Rows) -> str:
    """``rows`` as pg_dump writes them: COPY ... FROM stdin, tab-separated, \\N for NULL."""
    columns = list(rows[0])
    lines = [f"COPY public.{table} ({', '.join(columns)}) FROM stdin;"]
    for row in rows:
        lines.append("\t".join(_copy_text(row[c]) for c in columns))
    return "\n".join([*lines, "\\.", "", ""])


def _copy_text(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return (str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))
