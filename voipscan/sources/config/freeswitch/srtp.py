"""rtp_secure_media: FreeSWITCH's SRTP policy, a channel variable set in many places.

For one call leg the value is looked up in order: dialplan ``set``/``export`` that every call
in the context runs, then directory variables (user, group, domain), then global variables
(X-PRE-PROCESS set). ``rtp_secure_media_inbound`` / ``_outbound`` win over the plain name
for their direction. Unset, FreeSWITCH accepts SRTP when the phone offers it, and offers
plain RTP on calls it places to the phone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from voipscan.facts import Fact, MediaEncryption, Provenance
from voipscan.sources.config.freeswitch.preprocess import display, unresolved
from voipscan.sources.config.freeswitch.settings import PLATFORM


class Leg(StrEnum):
    INBOUND = "inbound"  # calls the phone places: its leg into FreeSWITCH
    OUTBOUND = "outbound"  # calls to the phone: the leg FreeSWITCH originates


@dataclass(frozen=True)
class Policy:
    encryption: MediaEncryption
    mandatory: bool
    suites: tuple[str, ...] | None = None  # None: FreeSWITCH's built-in suite list


@dataclass(frozen=True)
class VarSource:
    """Channel variables one configuration layer sets, with where each was set."""

    label: str
    values: Mapping[str, tuple[str, Provenance | None]]


_VALUES = {
    "mandatory": Policy(MediaEncryption.SDES, True),
    "true": Policy(MediaEncryption.SDES, True),
    "optional": Policy(MediaEncryption.SDES, False),
    "forbidden": Policy(MediaEncryption.NONE, False),
    "false": Policy(MediaEncryption.NONE, False),
}


def leg_policy(leg: Leg, sources: Sequence[VarSource]) -> Fact[Policy]:
    for source in sources:
        for name in (f"rtp_secure_media_{leg.value}", "rtp_secure_media"):
            if name in source.values:
                value, where = source.values[name]
                found = _parse(name, value, where, source.label)
                suites = _suites_setting(sources)
                if found.value is not None and found.value.suites is None and suites:
                    return Fact(replace(found.value, suites=suites), found.source, found.note)
                return found
    if leg is Leg.INBOUND:
        return Fact(Policy(MediaEncryption.SDES, False),
                    Provenance.default(PLATFORM, "rtp_secure_media not set"),
                    "rtp_secure_media not set: SRTP only when the phone offers it")
    return Fact(Policy(MediaEncryption.NONE, False),
                Provenance.default(PLATFORM, "rtp_secure_media not set"),
                "rtp_secure_media not set: calls to the phone are offered plain RTP")


def _parse(name: str, value: str, where: Provenance | None, label: str) -> Fact[Policy]:
    if unresolved(value):
        return Fact(None, where, f"{name}={display(value)} ({label}) is decided at run time")
    head, _, tail = value.partition(":")
    head = head.strip().lower()
    policy = _VALUES.get(head)
    if policy is None:
        return Fact(None, where, f"{name} value {head!r} ({label}) not understood")
    if tail.strip():
        policy = replace(policy, suites=_split_suites(tail))
    return Fact(policy, where, f"{name}={head} ({label})")


def _split_suites(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in re.split(r"[,:|]", text) if s.strip())


def _suites_setting(sources: Sequence[VarSource]) -> tuple[str, ...] | None:
    for source in sources:
        if "rtp_secure_media_suites" in source.values:
            return _split_suites(source.values["rtp_secure_media_suites"][0])
    return None


WEAK_SUITE = re.compile(r"_32$|NULL", re.IGNORECASE)
# The SDES suites FreeSWITCH offers and accepts when no suite list is set (SUITES in
# switch_core_media.c, all of them in that order).
BUILT_IN_SUITES = (
    "AEAD_AES_256_GCM_8", "AEAD_AES_256_GCM", "AEAD_AES_128_GCM_8", "AEAD_AES_128_GCM",
    "AES_256_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_80",
    "AES_256_CM_HMAC_SHA1_32", "AES_192_CM_HMAC_SHA1_32", "AES_CM_128_HMAC_SHA1_32",
    "AES_CM_128_NULL_AUTH",
)


def weak_suites(*legs: Fact[Policy]) -> Fact[tuple[str, ...]]:
    """SDES suites with 32-bit tags or no encryption/authentication that a leg using SDES
    accepts; unknown when a leg's policy is, or when no leg uses SDES."""
    unknown = next((leg for leg in legs if leg.value is None), None)
    if unknown is not None:
        return Fact(None, unknown.source, unknown.note or "SRTP policy not known")
    sdes = [leg for leg in legs if leg.value is not None
            and leg.value.encryption is MediaEncryption.SDES]
    if not sdes:
        return Fact(None, None, "SRTP not used on any leg")
    weak: set[str] = set()
    for leg in sdes:
        suites = leg.value.suites if leg.value is not None else None
        weak |= {s for s in (suites if suites is not None else BUILT_IN_SUITES)
                 if WEAK_SUITE.search(s)}
    default = next((leg for leg in sdes if leg.value and leg.value.suites is None), None)
    if default is not None:
        return Fact(tuple(sorted(weak)), default.source, "no suite list set "
                    "(rtp_secure_media_suites): FreeSWITCH accepts all its built-in SDES suites")
    return Fact(tuple(sorted(weak)), sdes[0].source)


def combine(*legs: Fact[Policy]) -> tuple[Fact[MediaEncryption], Fact[bool]]:
    """The endpoint's media facts over its legs: SDES when a leg takes SDES (its keys are
    then as exposed as the signalling), plain only when no leg does; mandatory only when
    every leg requires SRTP."""
    unknown = next((leg for leg in legs if leg.value is None), None)
    if unknown is not None:
        return Fact(None, unknown.source, unknown.note), Fact(None, unknown.source, unknown.note)
    known = [leg for leg in legs if leg.value is not None]
    notes = "; ".join(leg.note for leg in known if leg.note)
    sdes = [leg for leg in known if leg.value and leg.value.encryption is MediaEncryption.SDES]
    if not sdes:
        plain = known[0]
        return (Fact(MediaEncryption.NONE, plain.source, notes),
                Fact(False, plain.source, notes))
    weakest = next((leg for leg in known if leg.value and not leg.value.mandatory), None)
    chosen = weakest or sdes[0]
    return (Fact(MediaEncryption.SDES, sdes[0].source, notes),
            Fact(weakest is None, chosen.source, notes))
