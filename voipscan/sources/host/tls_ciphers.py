"""Which accepted TLS cipher suites are weak, judged from their IANA (RFC) names.

Flagged, whatever the protocol version:

- NULL encryption (``*_WITH_NULL_*``, and the TLS 1.3 integrity-only suites of RFC 9150);
- anonymous key exchange (``DH_anon``, ``ECDH_anon``): no server authentication at all;
- EXPORT grade (40/56-bit keys, FREAK/Logjam);
- RC4 (RFC 7465 forbids it);
- DES and 3DES, IDEA and RC2: 64-bit blocks (Sweet32) or broken key sizes;
- an MD5 MAC.

CBC with an HMAC-SHA1 MAC is flagged only when accepted over SSL 3, TLS 1.0 or 1.1, where it
is exposed to BEAST/POODLE-style padding attacks and no AEAD suite can replace it. Over TLS 1.2
the same suites are legacy but not broken (BSI TR-02102-2 and Mozilla "intermediate" still
differ on them), so they are not reported as weak; the old protocol versions themselves are
judged by ``signalling.tls_min_version``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from voipscan.facts import TlsVersion


class Weakness(StrEnum):
    NULL = "no encryption"
    ANONYMOUS = "anonymous key exchange"
    EXPORT = "export grade"
    RC4 = "RC4"
    SMALL_BLOCK = "64-bit block cipher"
    MD5 = "MD5 MAC"
    LEGACY_CBC = "CBC with SHA-1 MAC on a legacy protocol version"


_INTEGRITY_ONLY = frozenset({"TLS_SHA256_SHA256", "TLS_SHA384_SHA384"})


def weaknesses(name: str, version: TlsVersion) -> tuple[Weakness, ...]:
    """What is wrong with cipher suite ``name`` (IANA name) when accepted over ``version``."""
    upper = name.upper()
    found: list[Weakness] = []
    if "_WITH_NULL_" in upper or upper.startswith("TLS_NULL_") or upper in _INTEGRITY_ONLY:
        found.append(Weakness.NULL)
    if "_ANON_" in upper:
        found.append(Weakness.ANONYMOUS)
    if "EXPORT" in upper:
        found.append(Weakness.EXPORT)
    if "RC4" in upper:
        found.append(Weakness.RC4)
    if "DES" in upper or "IDEA" in upper or "RC2" in upper:
        found.append(Weakness.SMALL_BLOCK)
    if upper.endswith("_MD5"):
        found.append(Weakness.MD5)
    if version.rank <= TlsVersion.TLS1_1.rank and "_CBC_" in upper and upper.endswith("_SHA"):
        found.append(Weakness.LEGACY_CBC)
    return tuple(found)


@dataclass(frozen=True)
class AcceptedCipher:
    """A cipher suite the server accepted over one protocol version."""

    name: str
    version: TlsVersion
    weaknesses: tuple[Weakness, ...] = ()

    @classmethod
    def judge(cls, name: str, version: TlsVersion) -> AcceptedCipher:
        return cls(name, version, weaknesses(name, version))

    @property
    def weak(self) -> bool:
        return bool(self.weaknesses)

    def describe(self) -> str:
        reasons = f": {', '.join(w.value for w in self.weaknesses)}" if self.weaknesses else ""
        return f"{self.name} ({self.version.value}{reasons})"
