"""A live FusionPBX database (PostgreSQL), read in a read-only session.

The password comes from libpq's own sources (``PGPASSWORD``, ``PGPASSFILE``, ``~/.pgpass``) or
from a file the caller reads; a URL that carries one is refused, so that it never sits in a
shell history, a process list or a report. Secret columns are reduced to facts in SQL: the
secrets themselves never leave the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.facts import Provenance
from voipscan.sources.config.fusionpbx.schema import (
    REQUIRED,
    TABLES,
    VERSION,
    Row,
    Snapshot,
    Table,
    make_row,
)

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql://", "postgres://")
DEFAULT_PORT = 5432
CONNECT_TIMEOUT = 10  # seconds
STATEMENT_TIMEOUT = "60s"


def is_database_url(text: str) -> bool:
    return text.lower().startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL without any password in it (user, host, port, database and options kept)."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc.rpartition("@")
        user = netloc[0].partition(":")[0]
        query = [(k, v) for k, values in parse_qs(parts.query).items() for v in values
                 if k != "password"]
        return urlunsplit((parts.scheme, f"{user}@{netloc[2]}" if user else netloc[2],
                           parts.path, urlencode(query), ""))
    except ValueError:
        return "postgresql://(unreadable URL)"


@dataclass(frozen=True)
class DatabaseUrl:
    """A ``postgresql://`` URL without a password: safe to show."""

    url: str
    host: str
    port: int
    database: str

    @classmethod
    def parse(cls, url: str) -> DatabaseUrl:
        try:
            parts = urlsplit(url)
            port = parts.port or DEFAULT_PORT
        except ValueError as error:
            raise InputError(f"not a valid PostgreSQL URL: {error}", redact(url)) from None
        shown = redact(url)
        if parts.password is not None or "password" in parse_qs(parts.query):
            raise InputError("the URL holds a password: give it in PGPASSWORD, ~/.pgpass or "
                             "--db-password-file instead", shown)
        if not parts.hostname:
            raise InputError("the URL names no host", shown)
        return cls(url, parts.hostname, port, parts.path.lstrip("/"))


def read_database(url: DatabaseUrl, password: str | None = None,
                  timeout: int = CONNECT_TIMEOUT) -> tuple[Snapshot, list[Problem]]:
    """The FusionPBX tables of a live database; InputError (one line) when it cannot be read."""
    try:
        import psycopg
    except ImportError:
        raise InputError("reading a live database needs psycopg: "
                         "pip install 'voipscan[postgresql]'", url.url) from None
    extra: dict[str, Any] = {"connect_timeout": timeout, "application_name": "voipscan"}
    if password is not None:
        extra["password"] = password
    try:
        with psycopg.connect(url.url, autocommit=True, **extra) as connection:
            connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            connection.execute(f"SET statement_timeout = '{STATEMENT_TIMEOUT}'")
            return _read(connection, url.url)
    except psycopg.Error as error:
        raise InputError(f"cannot read the database: {_reason(error, password)}",
                         url.url) from None


def _reason(error: Exception, password: str | None) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    reason = lines[0] if lines else type(error).__name__
    return reason.replace(password, "***") if password else reason


def _read(connection: psycopg.Connection[Any], label: str) -> tuple[Snapshot, list[Problem]]:
    import psycopg

    tables: dict[str, tuple[Row, ...]] = {}
    problems: list[Problem] = []
    for table in TABLES.values():
        found = connection.execute("SELECT to_regclass(%s) IS NOT NULL",
                                   (table.name,)).fetchone()
        if not found or not found[0]:
            continue
        try:
            tables[table.name] = _rows(connection, table, label)
        except psycopg.errors.InsufficientPrivilege:
            problems.append(Problem(f"{table.name}: this role may not read it (GRANT SELECT)",
                                    label, level=ProblemLevel.WARNING))
        except psycopg.errors.UndefinedColumn as error:
            problems.append(Problem(f"{table.name}: {_reason(error, None)}: not the FusionPBX "
                                    f"{VERSION} schema; table left out", label,
                                    level=ProblemLevel.WARNING))
    missing = [name for name in REQUIRED if name not in tables]
    if missing:
        raise InputError(f"not a FusionPBX database (or not readable by this role): no table "
                         f"{', '.join(missing)}", label)
    return Snapshot(label, tables), problems


def _rows(connection: psycopg.Connection[Any], table: Table, label: str) -> tuple[Row, ...]:
    from psycopg import sql
    from psycopg.rows import dict_row

    selected: list[sql.Composable] = [sql.Identifier(column) for column in table.columns]
    selected += [sql.SQL("{} AS {}").format(sql.SQL(d.sql), sql.Identifier(d.name))
                 for d in table.derived]
    query = sql.SQL("SELECT {} FROM {}").format(sql.SQL(", ").join(selected),
                                                sql.Identifier(table.name))
    source = Provenance.file(label, None, table.name)
    with connection.cursor(row_factory=dict_row) as cursor:
        cursor.execute(query)
        return tuple(make_row(table, row, source) for row in cursor.fetchall())
