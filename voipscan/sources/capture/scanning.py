"""Who sent SIP requests to whom: scanner user agents, user and port sweeps, guessing.

Counts only; the check decides what counts as a scan. Every set is capped, so a flood of
random users or sources cannot grow memory without bound (counts then read "at least").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from voipscan.facts.fact import OriginKind, Provenance
from voipscan.facts.model import SipSourceActivity
from voipscan.sip.message import SipMessage, SipRequest, SipResponse, display_name, uri_user
from voipscan.sources.capture.sip import clean

SCANNER_AGENTS = (
    "friendly-scanner", "sipvicious", "sipcli", "sip-scan", "sipscan", "vaxsipuseragent",
    "pplsip", "iwar", "sundayddr", "sippts", "smap", "nmap", "sivus", "voipscan",
)
"""Lower-case markers of known SIP scanners in User-Agent or From display names."""

T = TypeVar("T")

MAX_SOURCES = 4096
MAX_ITEMS = 512
"""Per set: counts above the check thresholds need not be exact."""
BUDGET = 400_000
"""Items across all sets of all sources (a few tens of MB at most)."""
_CHALLENGES = ("WWW-Authenticate", "Proxy-Authenticate")
_STALE = re.compile(r'(?i)\bstale\s*=\s*"?true\b')


@dataclass
class _Source:
    first_packet: int
    detail: str
    requests: int = 0
    methods: Counter[str] = field(default_factory=Counter)
    agents: set[str] = field(default_factory=set)
    users: dict[str, set[str]] = field(default_factory=dict)
    answered_users: dict[str, set[str]] = field(default_factory=dict)
    ports: dict[str, set[int]] = field(default_factory=dict)
    targets: set[tuple[str, int]] = field(default_factory=set)
    answered: set[tuple[str, int]] = field(default_factory=set)
    with_credentials: set[tuple[str, str]] = field(default_factory=set)
    failures: set[tuple[str, str]] = field(default_factory=set)


class ActivityTracker:
    def __init__(self, file: str) -> None:
        self.file = file
        self._sources: dict[str, _Source] = {}
        self._budget = BUDGET

    def _add(self, items: set[T], item: T) -> None:
        if len(items) < MAX_ITEMS and self._budget > 0 and item not in items:
            items.add(item)
            self._budget -= 1

    def _bucket(self, buckets: dict[str, set[T]], key: str) -> set[T]:
        found = buckets.get(key)
        if found is None:
            found = set()
            if len(buckets) < MAX_ITEMS:
                buckets[key] = found
        return found

    def request(self, message: SipRequest, method: str, src: str, dst: str, dport: int,
                packet: int, detail: str) -> None:
        """A request; ``method`` is its ``kind``."""
        source = self._sources.get(src)
        if source is None:
            if len(self._sources) >= MAX_SOURCES:
                return
            source = self._sources[src] = _Source(packet, detail)
        headers = message.headers
        source.requests += 1
        source.methods[method] += 1
        source.agents.update(_agents(headers.get("User-Agent") or ""))
        sender = headers.get("From")
        if sender and _ANY_AGENT.search(sender.lower()):  # the display name is part of it
            source.agents.update(_agents(display_name(sender)))
        if method == "ACK":
            return  # ACKs follow their INVITE's outcome; they probe nothing
        user = uri_user(message.uri) or uri_user(message.headers.get("To"))
        if user is not None:
            self._add(self._bucket(source.users, dst), user[:64])
        self._add(self._bucket(source.ports, dst), dport)
        self._add(source.targets, (dst, dport))
        if headers.get("Authorization") is not None \
                or headers.get("Proxy-Authorization") is not None:
            self._add(source.with_credentials, _transaction(message))

    def response(self, message: SipResponse, method: str, src: str, sport: int,
                 dst: str) -> None:
        """A response from src:sport to the requester dst; ``method`` is its ``kind``."""
        source = self._sources.get(dst)
        status = message.status
        if source is None:
            return
        self._add(source.answered, (src, sport))
        if 200 <= status < 300:
            user = uri_user(message.headers.get("To"))
            if user is not None:
                self._add(self._bucket(source.answered_users, src), user[:64])
            return
        transaction = _transaction(message)
        # a failure is credentials refused; a 403 to a request that carried none (a load
        # test's INVITEs, an unauthorised route) guesses no password, and a challenge that
        # says stale=true refused only an old nonce (RFC 7616 sec. 3.3)
        failed = status in (401, 403, 407) and method in ("REGISTER", "INVITE") \
            and transaction in source.with_credentials and not _stale(message)
        if failed:
            self._add(source.failures, transaction)

    def activities(self) -> tuple[SipSourceActivity, ...]:
        result = []
        for address, source in self._sources.items():
            users = max((len(names - source.answered_users.get(host, set()))
                         for host, names in source.users.items()), default=0)
            result.append(SipSourceActivity(
                address=address,
                requests=source.requests,
                methods=tuple(sorted(source.methods)),
                scanner_agents=tuple(sorted(source.agents)),
                users_probed=users,
                ports_probed=max((len(p) for p in source.ports.values()), default=0),
                targets_unanswered=len(source.targets - source.answered),
                failed_auth=len(source.failures),
                source=Provenance(OriginKind.CAPTURE, self.file, None,
                                  f"packet {source.first_packet}, {clean(source.detail, 120)}"),
            ))
        return tuple(result)


_ANY_AGENT = re.compile("|".join(re.escape(agent) for agent in SCANNER_AGENTS))


@lru_cache(maxsize=1024)
def _agents(text: str) -> tuple[str, ...]:
    """The scanner markers in a User-Agent or display name (a capture repeats the few
    agents it has on every request)."""
    lowered = text.lower()
    if _ANY_AGENT.search(lowered) is None:
        return ()
    return tuple(agent for agent in SCANNER_AGENTS if agent in lowered)


def _stale(message: SipResponse) -> bool:
    return any(_STALE.search(value) for name in _CHALLENGES
               for value in message.headers.get_all(name))


def _transaction(message: SipMessage) -> tuple[str, str]:
    return ((message.headers.get("Call-ID") or "")[:128], (message.headers.get("CSeq") or "")[:32])
