"""Kamailio's tls.cfg: ``[server:...]`` and ``[client:...]`` profiles with their TLS options."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from voipscan.errors import Problem
from voipscan.facts import Fact, Provenance, TlsVersion
from voipscan.sources.config.cipher_strings import weak_entries

PLATFORM = "kamailio"
DEFAULT_METHOD = "TLSv1"  # tls module default (5.x): TLS 1.0 only
_ALL = (TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2, TlsVersion.TLS1_3)
METHODS: dict[str, frozenset[TlsVersion]] = {
    "sslv2": frozenset({TlsVersion.SSL2}),
    "sslv3": frozenset({TlsVersion.SSL3}),
    "sslv23": frozenset(_ALL),
    "tlsv1": frozenset({TlsVersion.TLS1_0}),
    "tlsv1+": frozenset(_ALL),
    "tlsv1.1": frozenset({TlsVersion.TLS1_1}),
    "tlsv1.1+": frozenset(_ALL[1:]),
    "tlsv1.2": frozenset({TlsVersion.TLS1_2}),
    "tlsv1.2+": frozenset(_ALL[2:]),
    "tlsv1.3": frozenset({TlsVersion.TLS1_3}),
    "tlsv1.3+": frozenset({TlsVersion.TLS1_3}),
}
_METHOD_NOTES = {
    "sslv23": "SSLv23 accepts every version the OpenSSL build offers",
    "tlsv1.3": "TLSv1.3 needs Kamailio 5.8 or later; older versions refuse to start",
    "tlsv1.3+": "TLSv1.3+ needs Kamailio 5.8 or later; older versions refuse to start",
}
# No lazy group before a trailing \s*: lines are stripped already, and that pattern
# backtracks quadratically on long runs of blanks.
_SECTION = re.compile(r"^\[\s*(server|client)\s*:([^\]]+)\]$", re.IGNORECASE)
_KEY_VALUE = re.compile(r"^([A-Za-z_]+)\s*=(.*)$")


@dataclass(frozen=True)
class Option:
    value: str
    source: Provenance


@dataclass(frozen=True)
class TlsProfile:
    role: str  # server or client
    address: str  # default, any, or ip:port
    options: dict[str, Option]
    source: Provenance

    def option(self, name: str) -> Option | None:
        return self.options.get(name)


@dataclass
class TlsConfig:
    profiles: list[TlsProfile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def profile(self, role: str, address: str) -> TlsProfile | None:
        wanted = _normalise(address)
        return next((p for p in self.profiles
                     if p.role == role and _normalise(p.address) == wanted), None)


def _normalise(address: str) -> str:
    return address.replace("[", "").replace("]", "").strip().lower()


def parse_tls_cfg(text: str, path: str) -> TlsConfig:
    config = TlsConfig()
    current: TlsProfile | None = None
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        section = _SECTION.match(line)
        if section:
            role, address = section.group(1).lower(), section.group(2).strip()
            if config.profile(role, address) is not None:
                config.problems.append(Problem(f"[{role}:{address}] defined twice: Kamailio "
                                               "refuses the file", path, number))
            current = TlsProfile(role, address, {}, Provenance.file(path, number,
                                                                     f"[{role}:{address}]"))
            config.profiles.append(current)
            continue
        pair = _KEY_VALUE.match(line)
        if pair is None or current is None:
            config.problems.append(Problem("not a [server:...]/[client:...] header or a "
                                           "key = value line", path, number))
            continue
        key, value = pair.group(1).lower(), pair.group(2).strip().strip('"')
        current.options[key] = Option(value, Provenance.file(
            path, number, f"[{current.role}:{current.address}] {key}"))
    return config


def method_versions(method: Option | None, module_default: Option | None
                    ) -> Fact[frozenset[TlsVersion]]:
    """The versions a ``method`` allows (profile value, else the module's tls_method)."""
    chosen = method or module_default
    if chosen is None:
        return Fact(METHODS[DEFAULT_METHOD.lower()], Provenance.default(
            PLATFORM, f"tls method not set: module default {DEFAULT_METHOD}"),
                    f"method not set: the tls module default {DEFAULT_METHOD} (TLS 1.0 only)")
    key = chosen.value.strip().lower()
    if key not in METHODS:
        return Fact(None, chosen.source, f"method {chosen.value!r} not understood by voipscan: "
                    "TLS versions unknown")
    return Fact(METHODS[key], chosen.source, _METHOD_NOTES.get(key, f"method {chosen.value}"))


def flag(option: Option | None, module_default: Option | None, name: str) -> Fact[bool]:
    chosen = option or module_default
    if chosen is None:
        return Fact(False, Provenance.default(PLATFORM, f"{name} not set: default no"),
                    f"{name} not set (default no)")
    value = chosen.value.strip().lower()
    if value in ("yes", "1", "true", "on"):
        return Fact(True, chosen.source, f"{name} = {chosen.value}")
    if value in ("no", "0", "false", "off"):
        return Fact(False, chosen.source, f"{name} = {chosen.value}")
    return Fact(None, chosen.source, f"{name} value {chosen.value!r} not understood")


def weak_ciphers(option: Option | None, module_default: Option | None) -> Fact[tuple[str, ...]]:
    """Weak suites a cipher_list names, and the anonymous ones 'ALL' brings in."""
    chosen = option or module_default
    if chosen is None or not chosen.value:
        return Fact((), chosen.source if chosen else Provenance.default(
            PLATFORM, "cipher_list not set"), "cipher_list not set: OpenSSL's default list "
                    "(no anonymous or NULL suites)")
    return Fact(weak_entries(chosen.value), chosen.source)
