"""Weak suites an OpenSSL cipher string lets through (pjsip, Sofia and Kamailio all use one)."""

from __future__ import annotations

import re

# Families (or name parts) that give no or broken protection.
WEAK_PARTS = frozenset({
    "anull", "enull", "null", "adh", "aecdh", "exp", "export", "low", "rc4", "rc2", "des",
    "3des", "md5", "sslv2", "sslv3",
})
_SEPARATORS = re.compile(r"[:,\s]+")
_PARTS = re.compile(r"[+-]")


def weak_entries(cipher_list: str) -> tuple[str, ...]:
    """Entries of the list naming a weak family or suite ('!X' and '-X' exclude), and the
    anonymous suites 'ALL' brings in unless aNULL (or both ADH and AECDH) is excluded."""
    tokens = [t for t in _SEPARATORS.split(cipher_list.strip()) if t]
    removed = {t[1:].lower() for t in tokens if t[0] in "!-"}
    weak = [t for t in tokens if t[0] not in "!-+@" and _is_weak(t)]
    broad = any(t.upper() in ("ALL", "COMPLEMENTOFALL") for t in tokens)
    if broad and "anull" not in removed and not {"adh", "aecdh"} <= removed:
        weak.append("aNULL (anonymous suites included by ALL)")
    return tuple(weak)


def _is_weak(entry: str) -> bool:
    parts = [p.lower() for p in _PARTS.split(entry) if p]
    return any(p in WEAK_PARTS or p.startswith("exp") for p in parts)
