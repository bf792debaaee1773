"""Reading Asterisk option values into facts: booleans, lists, defaults, secrets."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import TypeVar

from voipscan.facts import Exposure, Fact, Provenance, SecretInfo, classify_bind
from voipscan.sources.config.asterisk.conf import Section, Setting

T = TypeVar("T")

PLATFORM = "asterisk"
NO_MFA_NOTE = "Asterisk has no MFA: evidence required from the management layer"

# Secrets shipped in sample configs and installers; finding one in production means nobody
# changed it. Compared case-insensitively by SecretInfo.judge.
VENDOR_DEFAULTS = frozenset({
    "amp111",                    # FreePBX AMPMGRPASS (AMI admin)
    "mysecret",                  # manager.conf.sample
    "peekaboo", "not_very_secret", "not_very_secret_either",  # sip.conf.sample templates
    "blah", "blahpoly", "digium", "gissadetdu", "youwillneverguessit", "guessit",
    "topsecret",                 # sip.conf.sample [authentication]
    "elastix456",                # Elastix / Issabel AMI
    "fpbx", "fop",               # FreePBX panel / FOP defaults
})

_TRUE = frozenset({"yes", "true", "y", "t", "1", "on"})
_FALSE = frozenset({"no", "false", "n", "f", "0", "off"})


def ast_bool(text: str) -> bool | None:
    """Asterisk's ast_true/ast_false; None for anything else."""
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def split_list(text: str, separators: str = ",") -> list[str]:
    items = [text]
    for separator in separators:
        items = [part for item in items for part in item.split(separator)]
    return [item.strip() for item in items if item.strip()]


def default_source(detail: str, platform: str = PLATFORM) -> Provenance:
    return Provenance.default(platform, detail)


def fact_from(
    section: Section | None,
    key: str,
    convert: Callable[[str], T | None],
    *,
    default: T | None,
    default_detail: str,
    platform: str = PLATFORM,
) -> Fact[T]:
    """A fact from a setting, or the platform default when the setting is absent.

    A value the converter does not understand becomes unknown (with a note), never a crash.
    """
    setting = section.get(key) if section is not None else None
    gap = section.unset_by(key) if section is not None else None
    if gap is not None:  # left unset here, and a missing include may set it
        return Fact(None, gap.source(), gap.note(key))
    if setting is None:
        if default is None:
            return Fact(None, None, f"{key} not set ({default_detail})")
        return Fact(default, default_source(default_detail, platform))
    return convert_setting(setting, convert)


def convert_setting(setting: Setting, convert: Callable[[str], T | None]) -> Fact[T]:
    value = convert(setting.value)
    if value is None:
        return Fact(None, setting.source(), f"value {setting.value!r} not understood")
    return Fact(value, setting.source())


def bool_fact(section: Section | None, key: str, default: bool | None, detail: str = "",
              platform: str = PLATFORM) -> Fact[bool]:
    shown = "unset" if default is None else ("yes" if default else "no")
    return fact_from(section, key, ast_bool, default=default,
                     default_detail=detail or f"{key} default {shown}", platform=platform)


def secret_fact(setting: Setting | None, username: str) -> Fact[SecretInfo]:
    """Judge a plaintext secret (the value is not kept)."""
    if setting is None:
        return Fact(None, None, "")
    return Fact(SecretInfo.judge(setting.value, username=username,
                                 vendor_defaults=VENDOR_DEFAULTS), setting.source())


def hashed_secret(setting: Setting) -> Fact[SecretInfo]:
    return Fact(SecretInfo.hashed(), setting.source(), "stored as a hash")


def parse_network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """'10.0.0.0/8', '10.0.0.1', '192.0.2.0/255.255.255.0', '!1.2.3.4' -> network, else None."""
    cleaned = text.strip().lstrip("!").strip()
    if cleaned.startswith("[") and "]" in cleaned:
        cleaned = cleaned[1:cleaned.index("]")]
    try:
        return ipaddress.ip_network(cleaned, strict=False)
    except ValueError:
        pass
    host, _, port = cleaned.rpartition(":")
    if host and port.isdigit() and host.count(":") == 0:
        try:
            return ipaddress.ip_network(host, strict=False)
        except ValueError:
            return None
    return None


def is_wide(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> bool:
    """More than a small provider block: a /24 for IPv4, a /64 for IPv6."""
    limit = 24 if network.version == 4 else 64
    return network.prefixlen < limit


def exposure_of(bind: Fact[str]) -> Fact[Exposure]:
    if bind.value is None:
        return Fact(None, bind.source, bind.note or "listening address not known")
    exposure = classify_bind(bind.value)
    if exposure is None:
        return Fact(None, bind.source, f"{bind.value!r} is not an IP address")
    return Fact(exposure, bind.source, bind.note)
