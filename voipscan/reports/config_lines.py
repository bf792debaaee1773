"""The configuration line a finding's evidence points at, for the HTML report, with anything
that may be a secret masked.

Only plain configuration files are read (never SQL dumps, archives or captures, whose lines
hold values without their names), only while they are still where the scan read them, and a
line that names a secret (password, secret, PIN, key, token ...) shows its name but never its
value; a line that names one in a form not understood here is not shown at all.
"""

from __future__ import annotations

import re
from pathlib import Path

from voipscan.facts.fact import OriginKind, Provenance

READABLE = frozenset({".conf", ".cfg", ".xml", ".yaml", ".yml", ".ini", ".json", ".lua"})
UNNAMED_SECRETS = frozenset({"voicemail.conf", "meetme.conf", "minivm.conf"})
"""Files whose lines carry PINs without naming them (``1000 => 4242,Name``): never shown."""
MAX_FILE = 4 * 1024 * 1024
MAX_LINE = 200
MASK = "********"
SECRET_WORDS = re.compile(
    r"(?i)pass|secret|pwd|pin\b|pin[_-]|key|token|auth|cred|md5|a1[_-]?hash|hash|community|"
    r"register|signature|salt|private|cert")
_URL_CREDENTIALS = re.compile(r"(\w+://[^:/\s@\"']+:)[^@\s\"']+@")
_INLINE_CREDENTIALS = re.compile(r"([\w.-]+:)[^:@\s/\"',()]+@")
"""``user:password@host`` outside a URL, as in Dial(IAX2/user:secret@host)."""
_XML_VALUE = re.compile(r"""(?i)\b(value|data|password|secret)\s*=\s*(["'])(.*?)\2""")
_ASSIGNMENT = re.compile(r"^(\s*[^=:>\s][^=:>]*?\s*(?:=>|=|:)\s*).+$")


def mask(line: str) -> str | None:
    """The line with secrets masked, or None when it cannot be shown safely."""
    text = _URL_CREDENTIALS.sub(rf"\1{MASK}@", line.rstrip("\r\n"))
    text = _INLINE_CREDENTIALS.sub(rf"\1{MASK}@", text)
    if SECRET_WORDS.search(text):
        if _XML_VALUE.search(text):
            text = _XML_VALUE.sub(lambda m: f"{m[1]}={m[2]}{MASK}{m[2]}", text)
        elif _ASSIGNMENT.match(text):
            text = _ASSIGNMENT.sub(rf"\1{MASK}", text)
        else:
            return None
    return text if len(text) <= MAX_LINE else text[:MAX_LINE - 3] + "..."


class ConfigLines:
    """Reads each file once; every answer is already masked."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def of(self, source: Provenance | None, fact: str = "") -> str | None:
        """The masked line ``source`` names; None for a fact that is itself a secret."""
        if source is None or source.kind is not OriginKind.FILE or not source.line \
                or SECRET_WORDS.search(fact):
            return None
        lines = self._read(source.location)
        if lines is None or source.line > len(lines):
            return None
        return mask(lines[source.line - 1])

    def _read(self, location: str) -> list[str] | None:
        if location not in self._files:
            self._files[location] = _lines(Path(location))
        return self._files[location]


def _lines(path: Path) -> list[str] | None:
    try:
        if path.suffix.lower() not in READABLE or path.name.lower() in UNNAMED_SECRETS \
                or not path.is_file() or path.stat().st_size > MAX_FILE:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data:
        return None
    return data.decode("utf-8", "replace").splitlines()
