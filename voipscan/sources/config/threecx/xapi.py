"""A live pull from the 3CX V20 configuration API over HTTPS, with a bearer token.

The same responses as a saved export (``documents``), fetched with GET only; the certificate
is always verified (against the system's trust store, or ``ca_file``), and the token is read
from a file and never shown. Plain ``http://`` is refused: the token would travel in clear.
"""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from voipscan.documents import Document, parse_json
from voipscan.errors import InputError, Problem
from voipscan.sources.config.threecx.documents import Export, assemble
from voipscan.textfile import MAX_DOCUMENT_BYTES

QUERIES = {
    "Users.json": "Users?$expand=Groups($expand=Rights)",
    "Groups.json": "Groups?$expand=Rights,Members",
    "Trunks.json": "Trunks?$expand=Gateway",
    "AntiHackingSettings.json": "AntiHackingSettings",
    "SystemStatus.json": "SystemStatus",
}
TIMEOUT = 20.0  # seconds per request


def is_xapi_url(text: str) -> bool:
    return text.lower().startswith(("https://", "http://"))


@dataclass(frozen=True)
class XapiUrl:
    """The PBX's base URL (``https://pbx.example.com:5001``), checked."""

    base: str
    host: str
    port: int

    @classmethod
    def parse(cls, url: str) -> XapiUrl:
        try:
            parts = urlsplit(url)
            port = parts.port or 443
        except ValueError as error:
            raise InputError(f"not a valid URL: {error}", url) from None
        if parts.scheme.lower() != "https":
            raise InputError("the 3CX API is read over https:// only (the token would "
                             "travel in clear)", url)
        if not parts.hostname or parts.username or parts.password:
            raise InputError("give https://HOST[:PORT] without credentials; the token comes "
                             "from --token-file", f"https://{parts.hostname or ''}")
        base = f"https://{parts.netloc}{parts.path.rstrip('/')}"
        return cls(base.removesuffix("/xapi/v1"), parts.hostname, port)


def read_token(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise InputError(f"cannot read the token file: {reason}", str(path)) from None
    token = lines[0].strip() if lines else ""
    if not token:
        raise InputError("the token file is empty", str(path))
    return token


def fetch_export(url: XapiUrl, token: str, ca_file: Path | None = None,
                 timeout: float = TIMEOUT) -> tuple[Export, list[Problem]]:
    """GET every endpoint of ``QUERIES``; InputError (one line) when Users cannot be read."""
    try:
        context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    except (OSError, ssl.SSLError) as error:
        raise InputError(f"cannot load the CA file: {error}", str(ca_file)) from None

    def load(name: str) -> Document | None:
        address = f"{url.base}/xapi/v1/{QUERIES[name]}"
        request = urllib.request.Request(address, headers={
            "Authorization": f"Bearer {token}", "Accept": "application/json",
            "User-Agent": "voipscan"})
        try:
            with urllib.request.urlopen(request, context=context, timeout=timeout) as reply:
                body = reply.read(MAX_DOCUMENT_BYTES + 1)
        except urllib.error.HTTPError as error:
            if error.code == 404 and name != "Users.json":
                return None
            raise InputError(f"the API answered HTTP {error.code} {error.reason}"
                             + (": the token was refused" if error.code in (401, 403) else ""),
                             address) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise InputError(f"cannot reach the API: {reason}", address) from None
        if len(body) > MAX_DOCUMENT_BYTES:
            raise InputError(f"response larger than {MAX_DOCUMENT_BYTES} bytes", address)
        return parse_json(body.decode("utf-8", "replace"), address)

    return assemble(url.base, load)
