"""Where the history store lives, and its URL made safe to show.

No URL: an SQLite file in the user's data directory (``$XDG_DATA_HOME/voipscan/history.sqlite``,
else ``~/.local/share/voipscan/history.sqlite``); ``VOIPSCAN_STORE`` names another default.
``postgresql://USER@HOST[:PORT]/DB`` is a shared store (TLS with ``?sslmode=verify-full``);
its password comes from ``VOIPSCAN_STORE_PASSWORD_FILE``, ``PGPASSWORD`` or ``~/.pgpass``.
A password written in the URL still works but is never shown.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from voipscan.errors import InputError

ENV_STORE = "VOIPSCAN_STORE"
ENV_PASSWORD_FILE = "VOIPSCAN_STORE_PASSWORD_FILE"
SCHEMES = ("sqlite", "postgresql", "postgres", "postgresql+psycopg")


class StoreError(InputError):
    """The store cannot be reached, read or written: one line, never its password."""


def default_url() -> str:
    given = os.environ.get(ENV_STORE)
    if given:
        return normalise(given)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(data) / 'voipscan' / 'history.sqlite'}"


def normalise(given: str | None) -> str:
    """A store URL from what the user gave: a URL, a ``.sqlite``/``.db`` file, or nothing."""
    if not given:
        return default_url()
    if "://" not in given:
        if given.endswith((".sqlite", ".sqlite3", ".db")):
            return f"sqlite:///{Path(given).expanduser().resolve()}"
        raise StoreError(f"'{given}' is not a store URL (sqlite:///FILE or "
                         "postgresql://USER@HOST/DB); for the default store put --store after "
                         "the paths, or write --store=URL")
    scheme = given.split("://", 1)[0].lower()
    if scheme not in SCHEMES:
        raise StoreError(f"unsupported store '{mask(given)}': use sqlite:///FILE or "
                         "postgresql://USER@HOST/DB")
    return given


def mask(url: str) -> str:
    """The URL with any password replaced by ``***`` (in the authority and the query)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//[^@/]*@", "//***@", url)
    netloc = parts.netloc
    if "@" not in netloc and "password=" not in parts.query.lower():
        return url
    if "@" in netloc:
        auth, host = netloc.rsplit("@", 1)
        if ":" in auth:
            auth = auth.split(":", 1)[0] + ":***"
        netloc = f"{auth}@{host}"
    query = re.sub(r"(?i)(password=)[^&]*", r"\1***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def password_from_file(variable: str) -> str | None:
    """The first line of the file named by an environment variable, if set."""
    path = os.environ.get(variable)
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()[0].strip()
    except (OSError, IndexError, UnicodeDecodeError):
        raise InputError(f"cannot read the password file named by {variable}", path) from None


def scrub(text: str, *secrets: str | None) -> str:
    """``text`` with every secret in it replaced, and URLs masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return re.sub(r"[a-z][a-z0-9+]*://[^\s'\"]+", lambda m: mask(m.group(0)), text)
