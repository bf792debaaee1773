"""The FusionPBX tables voipscan reads, as FusionPBX 5.5.7 declares them in its
``app_config.php`` files (core/domains, core/users, core/groups, core/default_settings,
core/domain_settings, core/software).

Secret columns (password hashes, TOTP secrets) are never kept: each is turned into a fact
about it as soon as it is read, in SQL for a live database and in Python for a dump, by the
same ``Derived`` definition.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from voipscan.facts import Provenance

VERSION = "5.5.7"
"""The FusionPBX release whose schema (column names and meaning) this reader follows."""

Value = str | bool | None


def _present(raw: Value) -> bool:
    return isinstance(raw, str) and raw != ""


def _password_form(raw: Value) -> str:
    if not _present(raw):
        return "empty"
    # FusionPBX stores password_hash() output ($2y$..., $argon2...); older rows md5(salt.pw)
    return "crypt" if str(raw).startswith("$") else "md5"


@dataclass(frozen=True)
class Derived:
    """A fact about a secret column: its SQL expression and the same in Python."""

    name: str
    secret: str
    sql: str
    compute: Callable[[Value], Value]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    booleans: frozenset[str] = frozenset()
    derived: tuple[Derived, ...] = ()

    @property
    def secrets(self) -> frozenset[str]:
        return frozenset(d.secret for d in self.derived)


TABLES: dict[str, Table] = {table.name: table for table in (
    Table("v_domains", ("domain_uuid", "domain_name", "domain_enabled"),
          frozenset({"domain_enabled"})),
    Table("v_users", ("user_uuid", "domain_uuid", "username", "user_enabled", "user_type"),
          frozenset({"user_enabled"}), (
              Derived("totp_enrolled", "user_totp_secret",
                      "coalesce(user_totp_secret, '') <> ''", _present),
              Derived("password_form", "password",
                      "case when coalesce(password, '') = '' then 'empty' "
                      "when left(password, 1) = '$' then 'crypt' else 'md5' end",
                      _password_form),
          )),
    Table("v_user_groups", ("user_uuid", "domain_uuid", "group_uuid", "group_name")),
    Table("v_groups", ("group_uuid", "domain_uuid", "group_name", "group_level")),
    Table("v_group_permissions", ("group_uuid", "domain_uuid", "group_name", "permission_name",
                                  "permission_assigned")),
    Table("v_default_settings", ("default_setting_category", "default_setting_subcategory",
                                 "default_setting_name", "default_setting_value",
                                 "default_setting_enabled"),
          frozenset({"default_setting_enabled"})),
    Table("v_domain_settings", ("domain_uuid", "domain_setting_category",
                                "domain_setting_subcategory", "domain_setting_name",
                                "domain_setting_value", "domain_setting_enabled"),
          frozenset({"domain_setting_enabled"})),
    Table("v_software", ("software_name", "software_version")),
)}

REQUIRED = ("v_domains", "v_users")
"""Without these there is nothing to judge: not a FusionPBX database."""

_TRUE = frozenset({"t", "true", "1", "yes", "on"})
_FALSE = frozenset({"f", "false", "0", "no", "off"})


def boolean(raw: object) -> bool | None:
    """PostgreSQL booleans as a driver ('True'), COPY ('t') or an INSERT ('true') give them."""
    if raw is None or isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    return True if text in _TRUE else False if text in _FALSE else None


@dataclass(frozen=True)
class Row:
    values: Mapping[str, Value]
    source: Provenance

    def text(self, column: str) -> str:
        value = self.values.get(column)
        return "" if value is None else str(value)


def make_row(table: Table, raw: Mapping[str, object], source: Provenance) -> Row:
    """The columns voipscan reads from one row, typed; derived facts replace the secrets."""
    values: dict[str, Value] = {}
    for column in table.columns:
        value = raw.get(column)
        if column in table.booleans:
            values[column] = boolean(value)
        else:
            values[column] = None if value is None else str(value)
    for derived in table.derived:
        if derived.name in raw:  # computed by the database already
            values[derived.name] = _value(raw[derived.name])
        else:
            secret = raw.get(derived.secret)
            values[derived.name] = derived.compute(None if secret is None else str(secret))
    return Row(values, source)


def _value(raw: object) -> Value:
    return raw if raw is None or isinstance(raw, bool | str) else str(raw)


@dataclass(frozen=True)
class Snapshot:
    """The rows read from one FusionPBX database (live or dumped), by table."""

    label: str
    tables: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)

    def rows(self, table: str) -> tuple[Row, ...]:
        return self.tables.get(table, ())

    def has(self, table: str) -> bool:
        return table in self.tables
