"""Database accounts Kamailio and its tools log in with: ``db_url`` module parameters and the
passwords kamctlrc gives kamdbctl/kamctl. Passwords are judged here and never kept."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.facts import Fact, Provenance, SecretInfo, ServiceAccount
from voipscan.sources.config.kamailio.cfg import UNKNOWN
from voipscan.sources.config.kamailio.script import Script
from voipscan.textfile import read_text

# Passwords kamctlrc and the stock kamailio.cfg ship (DBRWPW, DBROPW, DBROOTPW, DBURL), and
# those of the OpenSER days.
DEFAULT_PASSWORDS = frozenset({"kamailiorw", "kamailioro", "openserrw", "openserro",
                               "dbrootpw"})
_NO_CREDENTIALS = frozenset({"text", "sqlite", "db_text", "berkeley", "db_berkeley"})
_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$")
# kamctlrc: which password goes with which user, and the user kamctl assumes when not set
_KAMCTL_ACCOUNTS = (("DBRWPW", "DBRWUSER", "kamailio"), ("DBROPW", "DBROUSER", "kamailioro"),
                    ("DBROOTPW", "DBROOTUSER", "root"))


@dataclass(frozen=True)
class Accounts:
    accounts: tuple[ServiceAccount, ...]
    problems: tuple[Problem, ...] = ()


def _account(user: str, host: str, database: str, password: str | None,
             source: Provenance, where: str) -> ServiceAccount:
    name = f"db:{user}@{host}/{database}"
    if password is None or UNKNOWN in password:
        secret: Fact[SecretInfo] = Fact(None, source, f"{where}: the password is set when "
                                        "Kamailio starts (#!defenv)") if password else \
            Fact(SecretInfo(present=False), source, f"{where}: no password for {user}")
    else:
        secret = Fact(SecretInfo.judge(password, username=user,
                                       vendor_defaults=DEFAULT_PASSWORDS), source)
    return ServiceAccount(name, secret, source)


def db_url_accounts(script: Script) -> list[ServiceAccount]:
    """One account per distinct user, host and database named by a ``db_url`` parameter."""
    found: dict[str, ServiceAccount] = {}
    for (module, name), value in script.modparams.items():
        if name != "db_url" and not name.endswith("_db_url"):
            continue
        parsed = parse_db_url(value.text)
        if parsed is None:
            continue
        user, password, host, database = parsed
        where = f'modparam("{module}", "{name}")'
        account = _account(user, host, database, password,
                           value.source(f"{where} (database URL)"), where)
        found.setdefault(account.name, account)
    return list(found.values())


def parse_db_url(text: str) -> tuple[str, str | None, str, str] | None:
    """User, password, host and database of ``scheme://user[:password]@host[:port]/db``, as
    Kamailio reads it (the password runs to the last '@', so it may hold '#', '/' or '@');
    None for URLs without credentials (text://, sqlite://) or not understood."""
    scheme, separator, rest = text.strip().partition("://")
    if not separator or scheme.lower() in _NO_CREDENTIALS:
        return None
    credentials, at, location = rest.rpartition("@")
    if not at:
        return None
    user, colon, password = credentials.partition(":")
    if not user:
        return None
    address, _, database = location.partition("/")
    host = address[1:].partition("]")[0] if address.startswith("[") else \
        address.partition(":")[0]
    return (unquote(user), unquote(password) if colon else None, host or "localhost",
            database.strip("/") or "?")


def kamctlrc_accounts(path: Path, shown: str) -> Accounts:
    """Database passwords set in kamctlrc (a shell file: NAME=value; nothing is run)."""
    try:
        text = read_text(path)
    except InputError as error:
        return Accounts((), (Problem(error.message, shown, error.line, ProblemLevel.WARNING),))
    values: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = _ASSIGNMENT.match(line)
        if match is None:
            continue
        try:
            words = shlex.split(match.group(2), comments=True)
        except ValueError:
            continue
        values[match.group(1)] = (words[0] if words else "", number)
    host = values.get("DBHOST", ("localhost", 0))[0] or "localhost"
    database = values.get("DBNAME", ("kamailio", 0))[0] or "kamailio"
    accounts = []
    for secret_name, user_name, default_user in _KAMCTL_ACCOUNTS:
        if secret_name not in values:
            continue
        password, number = values[secret_name]
        user = values.get(user_name, (default_user, 0))[0] or default_user
        source = Provenance.file(shown, number, f"kamctlrc {secret_name}")
        accounts.append(_account(user, host, database, password, source,
                                 f"kamctlrc {secret_name}"))
    return Accounts(tuple(accounts))
