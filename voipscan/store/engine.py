"""Connect to a store and bring its tables up to this version (alembic, on first use)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from voipscan.store.tables import HEAD
from voipscan.store.url import (
    ENV_PASSWORD_FILE,
    StoreError,
    mask,
    password_from_file,
    scrub,
)

REVISIONS = ("0001", HEAD)
"""Every revision this voipscan knows, oldest first."""
_LOCK = 7_241_018  # PostgreSQL advisory lock: one upgrade at a time


def connect(url: str) -> tuple[Engine, str | None]:
    """An engine for a store URL, and the password in use (to keep out of messages)."""
    try:
        parsed = make_url(url)
    except Exception:
        raise StoreError(f"not a store URL: {mask(url)}") from None
    password = password_from_file(ENV_PASSWORD_FILE)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite(parsed), None
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"unsupported store {mask(url)}")
    parsed = parsed.set(drivername="postgresql+psycopg")
    if password is not None:
        parsed = parsed.set(password=password)
    try:
        engine = sa.create_engine(parsed, pool_pre_ping=True, hide_parameters=True,
                                  connect_args={"connect_timeout": 10})
    except ImportError:
        raise StoreError("a postgresql:// store needs psycopg: pip install "
                         "'voipscan[postgresql]'") from None
    return engine, password or parsed.password


def _sqlite(parsed: URL) -> Engine:
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the store's folder: {error.strerror}",
                             str(folder)) from None
    return sa.create_engine(parsed, hide_parameters=True, connect_args={"timeout": 30})


def current_revision(connection: sa.Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    value = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value is not None else None


def upgrade(engine: Engine, to: str = HEAD) -> None:
    """Create or upgrade the store's tables to revision ``to`` (alembic scripts in the
    package); a store made by a newer voipscan is refused, never altered."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(sa.text(f"SELECT pg_advisory_xact_lock({_LOCK})"))
        current = current_revision(connection)
        if current == to:
            return
        if current is not None and current not in REVISIONS:
            raise StoreError(f"the store is at revision {current}, made by a newer voipscan; "
                             "upgrade voipscan to use it")
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", "voipscan.store:migrations")
        config.attributes["connection"] = connection
        command.upgrade(config, to)


def describe(error: Exception, password: str | None) -> str:
    """A database error as one line without secrets."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()[0] if str(original).strip() else \
        type(original).__name__
    return scrub(text, password)
