"""Properties of a secret. The value itself is judged once and never stored."""

from __future__ import annotations

import hashlib
import hmac
import os
import string
from dataclasses import dataclass, field
from enum import StrEnum

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
    reuse_key: str | None = field(default=None, repr=False, compare=False)

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
        lowered = value.lower()
        return cls(
            present=True,
            storage=storage,
            length=len(value),
            char_classes=_char_classes(value),
            vendor_default=value in vendor_defaults or lowered in vendor_defaults,
            equals_username=username is not None and lowered == username.lower(),
            common=lowered in COMMON_PASSWORDS or (lowered.isdigit() and len(set(lowered)) == 1),
            reuse_key=hmac.new(_REUSE_KEY, value.encode(), hashlib.sha256).hexdigest(),
        )

    @classmethod
    def hashed(cls, *, vendor_default: bool | None = None) -> SecretInfo:
        return cls(present=True, storage=SecretStorage.HASHED, vendor_default=vendor_default)

    def describe(self) -> str:
        if not self.present:
            return "empty"
        parts = [self.storage.value]
        if self.length is not None:
            parts.append(f"{self.length} characters")
        if self.char_classes is not None:
            parts.append(f"{self.char_classes} character classes")
        if self.vendor_default:
            parts.append("vendor default")
        if self.equals_username:
            parts.append("equals user name")
        if self.common:
            parts.append("common password")
        return ", ".join(parts)


def _char_classes(value: str) -> int:
    classes = (
        any(c in string.ascii_lowercase for c in value),
        any(c in string.ascii_uppercase for c in value),
        any(c in string.digits for c in value),
        any(not c.isalnum() for c in value),
    )
    return sum(classes)
