"""Properties of a secret. The value itself is judged once and never stored."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import string
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

# A per-process key: reuse can be detected within one scan, and nothing derived from a
# secret is comparable across runs or meaningful outside this process.
_REUSE_KEY = os.urandom(32)

COMMON_PASSWORDS = frozenset(
    {
        "1234", "12345", "123456", "1234567", "12345678", "123456789", "password", "passw0rd",
        "admin", "admin123", "secret", "changeme", "welcome", "qwerty", "letmein", "default",
        "pass", "test", "guest", "root", "toor", "voip", "asterisk", "freeswitch", "freepbx",
        "sip", "phone", "0000", "1111", "abc123", "amp111", "cluecon", "works", "fop", "mypass",
        "supersecret", "password1", "p@ssw0rd", "letmein1", "trustno1", "iloveyou",
    }
)


# PINs a voicemail system ships in its samples or that people pick first (all-same digits and
# runs such as 1234 or 4321 are caught by rule, not listed).
SAMPLE_PINS = frozenset({"4242", "0000", "1111", "1234", "12345", "123456", "2580", "1212",
                         "7777", "6969", "1122", "112233", "121212"})

# A value that stands for a secret kept elsewhere: filled in by a template or an installer,
# or removed before the file was published. Anywhere in the value: ${VAR}, {{ var }},
# {% ... %}, %(name)s. The whole value: $VAR, $(VAR), %VAR%, @VAR@, __VAR__, <some-secret>,
# [REDACTED], ***REMOVED***, ****, XXXX. Possessive quantifiers keep a long run of '*'
# linear (config values are the scanned party's input).
_TEMPLATED = re.compile(r"\$\{[^{}]*\}|\{\{[^{}]*\}\}|\{%[^%]*%\}|%\([A-Za-z_]\w*\)[sd]")
_STANDS_FOR = re.compile(
    r"\$[A-Z_][A-Z0-9_]*|\$\([A-Za-z_]\w*\)|%[A-Za-z_]\w*%|@[A-Za-z_]\w*@|__[A-Za-z0-9_]+__"
    r"|<[^<>]+>|\[[A-Za-z][A-Za-z _-]*\]|\*{2,}+[^*]*+\*{2,}+|\*{3,}|[xX]{3,}|\.{3,}"
    r"|REDACTED|REMOVED")


def is_placeholder(value: str) -> bool:
    """Whether a configured value is a placeholder (template variable, redaction marker)
    rather than the value the system runs with."""
    text = value.strip()
    return bool(text) and (_TEMPLATED.search(text) is not None
                           or _STANDS_FOR.fullmatch(text) is not None)


class SecretStorage(StrEnum):
    PLAIN = "plain"
    HASHED = "hashed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SecretInfo:
    """What can be said about a secret without keeping it."""

    present: bool
    storage: SecretStorage = SecretStorage.UNKNOWN
    length: int | None = None
    char_classes: int | None = None
    vendor_default: bool | None = None
    equals_username: bool | None = None
    common: bool | None = None
    reused: bool | None = None
    reuse_key: str | None = field(default=None, repr=False)
    sequential: bool | None = None
    """Digits in a run (1234, 98765): guessed right after the common ones."""
    placeholder: bool | None = None
    """The config holds a placeholder (``${PASSWORD}``, ``***REMOVED***``): the real secret
    is set elsewhere and cannot be judged, nor compared with others."""

    @classmethod
    def judge(
        cls,
        value: str,
        *,
        username: str | None = None,
        vendor_defaults: frozenset[str] = frozenset(),
        storage: SecretStorage = SecretStorage.PLAIN,
    ) -> SecretInfo:
        if value == "":
            return cls(present=False, storage=storage, length=0, char_classes=0)
        if is_placeholder(value):
            return cls(present=True, storage=storage, placeholder=True)
        lowered = value.lower()
        return cls(
            present=True,
            storage=storage,
            length=len(value),
            char_classes=_char_classes(value),
            vendor_default=value in vendor_defaults or lowered in vendor_defaults,
            equals_username=username is not None and lowered == username.lower(),
            common=lowered in COMMON_PASSWORDS or _same_digit(lowered),
            reuse_key=hmac.new(_REUSE_KEY, value.encode(), hashlib.sha256).hexdigest(),
            sequential=_sequential(value),
            placeholder=False,
        )

    @classmethod
    def judge_pin(
        cls,
        value: str,
        *,
        mailbox: str,
        vendor_defaults: frozenset[str] = frozenset(),
    ) -> SecretInfo:
        """A voicemail PIN: flagged when it is the mailbox number, a sample or common PIN, or
        a run of digits. PINs are never compared across mailboxes (no reuse key)."""
        if value == "":
            return cls(present=False, storage=SecretStorage.PLAIN, length=0, char_classes=0)
        if is_placeholder(value):
            return cls(present=True, storage=SecretStorage.PLAIN, placeholder=True)
        return cls(
            present=True,
            storage=SecretStorage.PLAIN,
            length=len(value),
            char_classes=_char_classes(value),
            vendor_default=value in vendor_defaults,
            equals_username=value == mailbox or value == mailbox.partition("@")[0],
            common=value in SAMPLE_PINS or value.lower() in COMMON_PASSWORDS
            or _same_digit(value),
            sequential=_sequential(value),
            placeholder=False,
        )

    @classmethod
    def hashed(cls, *, vendor_default: bool | None = None) -> SecretInfo:
        return cls(present=True, storage=SecretStorage.HASHED, vendor_default=vendor_default)

    def describe(self) -> str:
        if not self.present:
            return "empty"
        if self.placeholder:
            return "placeholder in the config: the real secret is set elsewhere"
        parts = [self.storage.value]
        if self.length is not None:
            parts.append(f"{self.length} characters")
        if self.char_classes is not None:
            plural = "" if self.char_classes == 1 else "es"
            parts.append(f"{self.char_classes} character class{plural}")
        if self.vendor_default:
            parts.append("vendor default")
        if self.equals_username:
            parts.append("equals user name")
        if self.common:
            parts.append("common password")
        if self.sequential:
            parts.append("sequential digits")
        return ", ".join(parts)


def _char_classes(value: str) -> int:
    classes = (
        any(c in string.ascii_lowercase for c in value),
        any(c in string.ascii_uppercase for c in value),
        any(c in string.digits for c in value),
        any(not c.isalnum() for c in value),
    )
    return sum(classes)


def _same_digit(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(set(value)) == 1


def _sequential(value: str) -> bool:
    """Four or more ASCII digits, each one up (1234, 7890) or each one down (4321, 0987)."""
    if len(value) < 4 or not (value.isascii() and value.isdigit()):
        return False
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(value)}
    return steps in ({1}, {9})
