"""SIP digest authentication (RFC 2617, RFC 7616 hashes as used by SIP per RFC 8760).

Answers a 401 WWW-Authenticate or 407 Proxy-Authenticate challenge: MD5, SHA-256 and
SHA-512-256, their -sess variants, qop=auth (and auth-int), or RFC 2069 without qop.

Credentials come from the environment or a file only; ``Credentials`` never shows the password
in its repr, and nothing here logs. The Authorization value itself holds a crackable hash:
it goes on the wire and nowhere else.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from voipscan.errors import InputError
from voipscan.sip.message import SipResponse, split_list
from voipscan.textfile import read_text

PASSWORD_ENV = "VOIPSCAN_SIP_PASSWORD"
MAX_CHALLENGES = 8

# RFC 8760 sec. 2 / RFC 7616 sec. 6.1 algorithm names -> hashlib names.
_HASHES = {"MD5": "md5", "SHA-256": "sha256", "SHA-512-256": "sha512_256"}
_PARAM = re.compile(r'\s*([A-Za-z0-9_-]+)\s*=\s*("([^"\\]*(?:\\.[^"\\]*)*)"|[^\s,]*)\s*(?:,|$)')
# Searched anywhere in a hostile value, so linear: a name starts only where a word starts.
_ANY_PARAM = re.compile(r'(?<![\w-])([A-Za-z][\w-]*)\s*=\s*("[^"\\]*(?:\\.[^"\\]*)*"|[^,\s]*)')


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)

    def __str__(self) -> str:
        return f"credentials of {self.user}"


def credentials_from_env(user: str, environ: dict[str, str] | None = None) -> Credentials:
    """``--auth-user USER`` with the password in $VOIPSCAN_SIP_PASSWORD."""
    env = os.environ if environ is None else environ
    password = env.get(PASSWORD_ENV)
    if not password:
        raise InputError(f"--auth-user needs the password in the environment variable "
                         f"{PASSWORD_ENV} (or use --auth-file)")
    _check_user(user)
    return Credentials(user, password)


def credentials_from_file(path: Path) -> tuple[Credentials, str | None]:
    """The first ``user:password`` line of a file ('#' starts a comment line).

    Returns the credentials and a warning when the file is readable by others."""
    text = read_text(path)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        user, colon, password = line.partition(":")
        if not colon or not user.strip() or not password:
            raise InputError("expected 'user:password' (the password is not shown)",
                             str(path), number)
        try:
            _check_user(user.strip())
        except InputError as error:
            raise InputError(error.message, str(path), number) from None
        return Credentials(user.strip(), password), _loose_permissions(path)
    raise InputError("no 'user:password' line", str(path))


def _check_user(user: str) -> None:
    if not user or not user.isprintable() or '"' in user or "\\" in user:
        raise InputError("the authentication user must be printable, without quotes or "
                         "backslashes")


def _loose_permissions(path: Path) -> str | None:
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        return f"{path}: the credentials file is readable by other users (chmod 600 it)"
    return None


@dataclass(frozen=True)
class Challenge:
    """One Digest challenge (a WWW-Authenticate or Proxy-Authenticate value)."""

    realm: str
    nonce: str
    algorithm: str = "MD5"
    qop: tuple[str, ...] = ()
    opaque: str | None = None
    stale: bool = False
    proxy: bool = False

    @property
    def base_algorithm(self) -> str:
        return self.algorithm.upper().removesuffix("-SESS")

    @property
    def session(self) -> bool:
        return self.algorithm.upper().endswith("-SESS")

    @property
    def supported(self) -> bool:
        name = _HASHES.get(self.base_algorithm)
        return name is not None and name in hashlib.algorithms_available and (
            not self.qop or "auth" in self.qop or "auth-int" in self.qop)


def parse_params(value: str) -> dict[str, str]:
    """'realm="a", nonce="b", qop="auth,auth-int", algorithm=MD5' -> {...}; names lowered."""
    params: dict[str, str] = {}
    position = 0
    while position < len(value) and len(params) < 32:
        match = _PARAM.match(value, position)
        if match is None:
            break
        raw = match.group(3) if match.group(3) is not None else match.group(2)
        params.setdefault(match.group(1).lower(), re.sub(r"\\(.)", r"\1", raw))
        position = match.end()
    return params


def authorization_identity(value: str) -> tuple[str, str] | None:
    """(username, realm) of a Digest Authorization or Proxy-Authorization value, as seen
    on the wire; the response (a crackable hash) is not even read."""
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() != "digest":
        return None
    params: dict[str, str] = {}
    for name, raw in _ANY_PARAM.findall(rest):
        lowered = name.lower()
        if lowered in ("username", "realm"):
            params[lowered] = raw[1:-1] if raw.startswith('"') and len(raw) > 1 else raw
    if "username" not in params:
        return None
    return params["username"], params.get("realm", "")


def parse_challenge(value: str, *, proxy: bool = False) -> Challenge | None:
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() != "digest":
        return None
    params = parse_params(rest)
    if "realm" not in params or "nonce" not in params:
        return None
    qop = tuple(q.strip().lower() for q in params.get("qop", "").split(",") if q.strip())
    return Challenge(params["realm"], params["nonce"], params.get("algorithm") or "MD5", qop,
                     params.get("opaque"), params.get("stale", "").lower() == "true", proxy)


def challenges(response: SipResponse) -> tuple[Challenge, ...]:
    """The Digest challenges of a 401 or 407, in the order the server listed them."""
    proxy = response.status == 407
    header = "Proxy-Authenticate" if proxy else "WWW-Authenticate"
    found: list[Challenge] = []
    for line in response.headers.get_all(header)[:MAX_CHALLENGES]:
        # One header line may carry several challenges; they start with a scheme name.
        for part in _split_challenges(line):
            challenge = parse_challenge(part, proxy=proxy)
            if challenge is not None:
                found.append(challenge)
    return tuple(found)


def _split_challenges(line: str) -> list[str]:
    parts: list[str] = []
    for item in split_list(line):
        if parts and re.match(r"^[A-Za-z0-9_-]+\s*=", item):
            parts[-1] = f"{parts[-1]}, {item}"
        else:
            parts.append(item)
    return parts


def choose(found: tuple[Challenge, ...]) -> Challenge | None:
    """The topmost challenge we can answer (RFC 8760 sec. 2.4)."""
    return next((c for c in found if c.supported), None)


def _hash(algorithm: str, text: str) -> str:
    return hashlib.new(_HASHES[algorithm], text.encode("utf-8")).hexdigest()


def digest_response(challenge: Challenge, credentials: Credentials, method: str, uri: str,
                    *, cnonce: str = "", nc: int = 1, body: bytes = b"") -> tuple[str, str]:
    """The response value (RFC 7616 sec. 3.4.1) and the qop used ('' for RFC 2069)."""
    algorithm = challenge.base_algorithm
    a1 = _hash(algorithm, f"{credentials.user}:{challenge.realm}:{credentials.password}")
    if challenge.session:
        a1 = _hash(algorithm, f"{a1}:{challenge.nonce}:{cnonce}")
    qop = "auth" if "auth" in challenge.qop else ("auth-int" if challenge.qop else "")
    if qop == "auth-int":
        body_hash = hashlib.new(_HASHES[algorithm], body).hexdigest()
        a2 = _hash(algorithm, f"{method}:{uri}:{body_hash}")
    else:
        a2 = _hash(algorithm, f"{method}:{uri}")
    if qop:
        value = _hash(algorithm, f"{a1}:{challenge.nonce}:{nc:08x}:{cnonce}:{qop}:{a2}")
    else:
        value = _hash(algorithm, f"{a1}:{challenge.nonce}:{a2}")
    return value, qop


def authorization(challenge: Challenge, credentials: Credentials, method: str, uri: str, *,
                  body: bytes = b"", nc: int = 1, cnonce: str | None = None
                  ) -> tuple[str, str]:
    """The header name ('Authorization' or 'Proxy-Authorization') and its value."""
    cnonce = cnonce if cnonce is not None else secrets.token_hex(8)
    value, qop = digest_response(challenge, credentials, method, uri, cnonce=cnonce, nc=nc,
                                 body=body)
    parts = [f'username="{credentials.user}"', f'realm="{_quote(challenge.realm)}"',
             f'nonce="{_quote(challenge.nonce)}"', f'uri="{_quote(uri)}"',
             f'response="{value}"', f"algorithm={challenge.algorithm}"]
    if qop:
        parts += [f"qop={qop}", f"nc={nc:08x}", f'cnonce="{cnonce}"']
    if challenge.opaque is not None:
        parts.append(f'opaque="{_quote(challenge.opaque)}"')
    name = "Proxy-Authorization" if challenge.proxy else "Authorization"
    return name, "Digest " + ", ".join(parts)


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
