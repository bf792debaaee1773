"""Cipher-suite policies: which accepted TLS suites a profile allows, judged from IANA names.

- ``intermediate`` (default): Mozilla's "intermediate" server configuration (version 5.7),
  the common reference: the three TLS 1.3 suites, and for TLS 1.2 only ECDHE/DHE key exchange
  with AES-GCM or ChaCha20-Poly1305.
- ``strict``: forward secrecy and AEAD only, whatever else the suite is (so AES-CCM, ARIA-GCM
  or CAMELLIA-GCM with ECDHE pass; static RSA, CBC and SHA-1 MACs do not).

Every policy also rejects what ``voipscan.sources.host.tls_ciphers`` calls weak (NULL,
anonymous, EXPORT, RC4, 64-bit blocks, MD5) — those are judged by the source, not here.
"""

from __future__ import annotations

from dataclasses import dataclass

INTERMEDIATE = "intermediate"
STRICT = "strict"
POLICIES = {
    INTERMEDIATE: "Mozilla intermediate (TLS 1.3 suites; TLS 1.2 ECDHE/DHE with AES-GCM or "
                  "ChaCha20-Poly1305)",
    STRICT: "forward secrecy and AEAD only",
}
DEFAULT = INTERMEDIATE

MOZILLA_INTERMEDIATE = frozenset({
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
})
_TLS13_SUITES = frozenset({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                           "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256",
                           "TLS_AES_128_CCM_8_SHA256"})


def forward_secret(name: str) -> bool:
    upper = name.upper()
    return upper in _TLS13_SUITES or (
        upper.startswith(("TLS_ECDHE_", "TLS_DHE_")) and "_ANON_" not in upper)


def aead(name: str) -> bool:
    upper = name.upper()
    return "_GCM_" in upper or "CHACHA20_POLY1305" in upper or "_CCM" in upper


def _mac_is_sha1(name: str) -> bool:
    return name.upper().endswith("_SHA") and not aead(name)


def shortfalls(name: str) -> tuple[str, ...]:
    """What a suite lacks, in words: forward secrecy, AEAD (CBC, SHA-1 MAC)."""
    found = []
    if not forward_secret(name):
        kind = "static RSA" if name.upper().startswith("TLS_RSA_") else "static"
        found.append(f"no forward secrecy ({kind} key exchange)")
    if "_CBC_" in name.upper():
        found.append("CBC mode")
    elif not aead(name):
        found.append("not AEAD")
    if _mac_is_sha1(name):
        found.append("SHA-1 MAC")
    return tuple(found)


@dataclass(frozen=True)
class Violation:
    suite: str
    """'TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA'."""
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.suite} ({', '.join(self.reasons)})"


def violation(policy: str, entry: str) -> Violation | None:
    """``entry`` is '<version> <IANA name>'; None when ``policy`` allows it."""
    name = entry.rsplit(" ", 1)[-1]
    missing = shortfalls(name)
    if policy == STRICT:
        return Violation(entry, missing) if missing else None
    if name.upper() in MOZILLA_INTERMEDIATE:
        return None
    return Violation(entry, missing or ("not in Mozilla intermediate",))


def check_policy(value: str) -> str:
    """The policy name, or ValueError naming the choices."""
    policy = value.strip().lower()
    if policy not in POLICIES:
        raise ValueError(f"unknown cipher policy '{value[:40]}' (choose from: "
                         f"{', '.join(POLICIES)})")
    return policy


def by_version(entries: tuple[str, ...]) -> str:
    """'TLSv1.2: A, B; TLSv1.3: C' from '<version> <suite>' entries, in the given order."""
    grouped: dict[str, list[str]] = {}
    for entry in entries:
        version, _, name = entry.rpartition(" ")
        grouped.setdefault(version or "?", []).append(name)
    return "; ".join(f"{version}: {', '.join(names)}" for version, names in grouped.items()) \
        or "none"
