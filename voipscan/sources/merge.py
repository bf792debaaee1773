"""One system from several sources: facts merged, the observed deciding over the rest.

Evidence ranks: observed (a live probe, a capture) over configured (a file, a platform
default, something derived from the files) over declared (the organisation's statement).
When two known facts disagree, the higher rank decides, the fact's note names the other
piece of evidence, and the disagreement is reported: a declaration never overrides an
observed contradiction, and a configuration claim is never trusted over behaviour.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, TypeVar

from voipscan.errors import Problem, ProblemLevel
from voipscan.facts import Fact, OriginKind, SipProtocol, SipTransport, System
from voipscan.facts.model import CaptureEvidence
from voipscan.facts.network import split_host_port

T = TypeVar("T")
D = TypeVar("D")

RANK = {OriginKind.PROBE: 3, OriginKind.CAPTURE: 3, OriginKind.FILE: 2, OriginKind.DEFAULT: 2,
        OriginKind.DERIVED: 2, OriginKind.DECLARED: 1}
WORDS = {3: "observed", 2: "configured", 1: "declared", 0: "stated"}
DEFAULT_PORTS = {SipProtocol.UDP: 5060, SipProtocol.TCP: 5060, SipProtocol.TLS: 5061}
DESCRIPTIVE = frozenset({"forwarded_to", "provider", "bind", "exposure"})
"""Facts that describe rather than claim: two sources naming different log collectors, or a
wildcard bind and the address it was reached on, do not contradict each other. The
configured value is kept (a wildcard says more about exposure than one observed address)."""


def rank(fact: Fact[Any]) -> int:
    return RANK.get(fact.source.kind, 0) if fact.source is not None else 0


def kind_of(fact: Fact[Any]) -> str:
    return WORDS[rank(fact)]


class Merger:
    """Merges facts and collects the disagreements it finds."""

    def __init__(self, system_name: str) -> None:
        self.system_name = system_name
        self.disagreements: list[Problem] = []

    def fact(self, what: str, a: Fact[T], b: Fact[T]) -> Fact[T]:
        if not a.known:
            return b if b.known or not a.note else a
        if not b.known:
            return a
        first, second = (a, b) if rank(a) >= rank(b) else (b, a)
        if _same(first.value, second.value):
            return first
        if _partial(first) and _collection(first.value) and _collection(second.value):
            return self._widened(what, first, second)
        other = second.source.describe() if second.source else "another source"
        note = (f"{kind_of(second)} evidence says {_shown(second.value)} ({other}); the "
                f"{kind_of(first)} value decides")
        self._disagree(what, first, second, f"the {kind_of(first)} value decides")
        return dataclasses.replace(first, note="; ".join(n for n in (first.note, note) if n))

    def _widened(self, what: str, seen: Fact[T], other: Fact[T]) -> Fact[T]:
        """A capture shows only what was negotiated, a part of what is accepted: both are
        true, so the fact is their union; what the capture shows beyond the other source
        is a disagreement."""
        seen_values: Any = seen.value
        other_values: Any = other.value
        other_items = {_item(v) for v in other_values}
        extra = [v for v in seen_values if _item(v) not in other_items]
        union: Any = type(other_values)((*other_values, *extra))
        note = f"also seen in a capture: {_shown(seen.value)}"
        if extra:
            self._disagree(what, seen, other, "both count")
        return dataclasses.replace(other, value=union,
                                   note="; ".join(n for n in (other.note, note) if n))

    def _disagree(self, what: str, first: Fact[Any], second: Fact[Any], outcome: str) -> None:
        def where(fact: Fact[Any]) -> str:
            return fact.source.describe() if fact.source else "unknown source"

        self.disagreements.append(Problem(
            f"{self.system_name}: {what}: {kind_of(first)} {_shown(first.value)} "
            f"({where(first)}) but {kind_of(second)} {_shown(second.value)} ({where(second)});"
            f" {outcome}", level=ProblemLevel.WARNING))

    def record(self, what: str, a: D, b: D) -> D:
        """Two dataclasses of facts (logging, backup, ...), merged field by field."""
        changes: dict[str, Any] = {}
        for field in dataclasses.fields(a):  # type: ignore[arg-type]
            left, right = getattr(a, field.name), getattr(b, field.name)
            label = f"{what} {field.name.replace('_', ' ')}"
            if isinstance(left, Fact) and field.name in DESCRIPTIVE:
                changes[field.name] = _preferred(left, right)
            elif isinstance(left, Fact):
                changes[field.name] = self.fact(label, left, right)
            elif dataclasses.is_dataclass(left) and not isinstance(left, type):
                changes[field.name] = self.record(label, left, right)
        return dataclasses.replace(a, **changes)  # type: ignore[type-var]

    def transports(self, transports: Sequence[SipTransport]) -> tuple[SipTransport, ...]:
        """A configured transport and the observed one on the same protocol and port are
        one transport: observed facts decide, configured ones fill the gaps."""
        merged: list[SipTransport] = []
        for transport in transports:
            twin = next((i for i, t in enumerate(merged) if _pairs(t, transport)), None)
            if twin is None:
                merged.append(transport)
                continue
            first, second = merged[twin], transport
            if _observed(second) and not _observed(first):
                first, second = second, first
            combined = self.record(f"transport {first.name}", first, second)
            merged[twin] = dataclasses.replace(combined, name=first.name,
                                               source=first.source or second.source)
        return tuple(merged)


def merge(name: str, systems: Sequence[tuple[str, System]]) -> tuple[System, list[Problem]]:
    """``systems``: (kind of evidence, facts) of each source of one system."""
    merger = Merger(name)
    result = System(name=name)
    kinds: set[str] = set()
    for kind, system in systems:
        kinds |= system.evidence_kinds or {kind}
        result = _add(merger, result, system)
    result = dataclasses.replace(result, transports=merger.transports(result.transports),
                                 evidence_kinds=frozenset(kinds))
    return result, merger.disagreements


def _add(merger: Merger, a: System, b: System) -> System:
    return dataclasses.replace(
        a,
        platform=merger.fact("platform", a.platform, b.platform),
        version=merger.fact("software version", a.version, b.version),
        hosting_countries=merger.fact("hosting countries", a.hosting_countries,
                                      b.hosting_countries),
        admins=a.admins + b.admins, admins_known=a.admins_known or b.admins_known,
        users=a.users + b.users, users_known=a.users_known or b.users_known,
        roles=a.roles + b.roles, roles_known=a.roles_known or b.roles_known,
        password_policy=merger.record("password policy", a.password_policy, b.password_policy),
        transports=a.transports + b.transports,
        transports_known=a.transports_known or b.transports_known,
        endpoints=a.endpoints + b.endpoints,
        endpoints_known=a.endpoints_known or b.endpoints_known,
        management=a.management + b.management,
        management_known=a.management_known or b.management_known,
        logging=merger.record("logging", a.logging, b.logging),
        recording=merger.record("recording", a.recording, b.recording),
        backup=merger.record("backup", a.backup, b.backup),
        disclosures=a.disclosures + b.disclosures,
        disclosures_known=a.disclosures_known or b.disclosures_known,
        user_enumeration=merger.fact("user enumeration", a.user_enumeration,
                                     b.user_enumeration),
        capture=_captures(a.capture, b.capture),
        identity=merger.record("identity", a.identity, b.identity),
        mailboxes=a.mailboxes + b.mailboxes, mailboxes_known=a.mailboxes_known or b.mailboxes_known,
        service_accounts=a.service_accounts + b.service_accounts,
        organisation=merger.record("organisation", a.organisation, b.organisation),
        dial_contexts=a.dial_contexts + b.dial_contexts,
        dial_contexts_known=a.dial_contexts_known or b.dial_contexts_known,
    )


def _preferred(a: Fact[T], b: Fact[T]) -> Fact[T]:
    if not a.known or not b.known:
        return a if a.known else b
    configured = [f for f in (a, b) if rank(f) == 2]
    return configured[0] if configured else (a if rank(a) >= rank(b) else b)


def _partial(fact: Fact[Any]) -> bool:
    """Evidence that shows part of what is accepted (a capture shows what was negotiated)."""
    return fact.source is not None and fact.source.kind is OriginKind.CAPTURE


def _collection(value: object) -> bool:
    return isinstance(value, frozenset | set | tuple)


def _item(value: object) -> str:
    return str(getattr(value, "value", value))


def _captures(a: CaptureEvidence | None, b: CaptureEvidence | None) -> CaptureEvidence | None:
    if a is None or b is None:
        return a or b
    return CaptureEvidence(
        file=f"{a.file}, {b.file}", packets=a.packets + b.packets,
        complete=a.complete and b.complete, sip_messages=a.sip_messages + b.sip_messages,
        flows=a.flows + b.flows, key_exposures=a.key_exposures + b.key_exposures,
        digest_exposures=a.digest_exposures + b.digest_exposures, media=a.media + b.media,
        sources=a.sources + b.sources)


def _observed(transport: SipTransport) -> bool:
    return transport.source is not None and RANK.get(transport.source.kind, 0) == 3


def _service(transport: SipTransport) -> tuple[SipProtocol, int] | None:
    protocol = transport.protocol.value
    if protocol is None:
        return None
    port = None
    if transport.bind.value is not None:
        port = split_host_port(transport.bind.value)[1]
    return protocol, port or DEFAULT_PORTS.get(protocol, 0)


def _pairs(a: SipTransport, b: SipTransport) -> bool:
    """One observed and one configured transport on the same protocol and port."""
    return _observed(a) != _observed(b) and _service(a) is not None and _service(a) == _service(b)


def _same(a: object, b: object) -> bool:
    if isinstance(a, frozenset | set) and isinstance(b, frozenset | set):
        return set(a) == set(b)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return sorted(map(str, a)) == sorted(map(str, b))
    return a == b


def _shown(value: object) -> str:
    if isinstance(value, frozenset | set | tuple | list):
        return ", ".join(sorted(str(getattr(v, "value", v)) for v in value)) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value))
