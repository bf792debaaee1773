"""What a check runs over: the resources of one kind in the facts.

A check declares its resource set (``@check(over=TLS_TRANSPORTS, ...)``) and is called once
per member. The set answers for itself when there is nothing to judge: unknown when the
evidence does not say which members there are, not applicable when it says there are none.
Checks that weigh the system as a whole run over ``WHOLE_SYSTEM``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from voipscan.checks.findings import Evidence, Status, evidence
from voipscan.facts import (
    Administrator,
    AuthType,
    DialContext,
    Endpoint,
    EndpointKind,
    ManagementInterface,
    Recording,
    SipProtocol,
    SipTransport,
    System,
    User,
)
from voipscan.facts.model import CaptureEvidence

R = TypeVar("R")


@dataclass(frozen=True)
class SetFinding:
    """A finding made before any member is judged: about the set, or an undecided member."""

    status: Status
    resource: str
    message: str
    evidence: tuple[Evidence, ...] = ()


def _always(system: System) -> bool:
    return True


def _no_evidence(system: System) -> tuple[Evidence, ...]:
    return ()


def _none_undecided(system: System) -> tuple[SetFinding, ...]:
    return ()


@dataclass(frozen=True)
class ResourceSet(Generic[R]):
    """Resources of one kind that a check judges one at a time.

    ``known`` says whether the evidence tells which members there are (``unknown`` is the
    message when not); ``empty`` is the message when it tells there are none. ``undecided``
    reports resources that may or may not belong, such as a transport of unknown protocol.
    Findings about the set itself name ``scope`` as their resource.
    """

    name: str
    members: Callable[[System], Sequence[R]]
    known: Callable[[System], bool] = _always
    unknown: str = ""
    empty: str = ""
    scope: str = "system"
    empty_evidence: Callable[[System], tuple[Evidence, ...]] = _no_evidence
    undecided: Callable[[System], tuple[SetFinding, ...]] = _none_undecided

    def select(self, system: System) -> tuple[Sequence[R], tuple[SetFinding, ...]]:
        """The members to judge, and what to report before judging them."""
        if not self.known(system):
            return (), (SetFinding(Status.UNKNOWN, self.scope, self.unknown),)
        members, undecided = self.members(system), self.undecided(system)
        if not members and not undecided:
            empty = SetFinding(Status.NOT_APPLICABLE, self.scope, self.empty,
                               self.empty_evidence(system))
            return (), (empty,)
        return members, undecided


WHOLE_SYSTEM = ResourceSet[System]("the whole system", lambda system: (system,))

_NO_TRANSPORTS = "No SIP transports in the evidence: provide the SIP config."

TRANSPORTS = ResourceSet[SipTransport](
    "SIP transports", lambda system: system.transports,
    known=lambda system: system.transports_known, unknown=_NO_TRANSPORTS,
    empty="No SIP transports configured.",
)


def _tls(system: System) -> tuple[SipTransport, ...]:
    return tuple(t for t in system.transports
                 if t.protocol.value is not None and t.protocol.value.encrypted)


def _protocol_unknown(system: System) -> tuple[SetFinding, ...]:
    return tuple(
        SetFinding(Status.UNKNOWN, f"transport:{t.name}", "Transport protocol unknown.",
                   (evidence("protocol", t.protocol),))
        for t in system.transports if t.protocol.value is None
    )


TLS_TRANSPORTS = ResourceSet[SipTransport](
    "SIP transports with TLS", _tls,
    known=lambda system: system.transports_known, unknown=_NO_TRANSPORTS,
    empty="No TLS transport configured.", undecided=_protocol_unknown,
)

ENDPOINTS = ResourceSet[Endpoint](
    "endpoints", lambda system: system.endpoints,
    known=lambda system: system.endpoints_known,
    unknown="No endpoints in the evidence.",
    empty="No endpoints configured.",
)


_WEBSOCKET = frozenset({SipProtocol.WS, SipProtocol.WSS})


def _web_clients(system: System) -> tuple[Endpoint, ...]:
    return tuple(e for e in system.endpoints
                 if e.transports.value is not None and e.transports.value & _WEBSOCKET)


WEB_ENDPOINTS = ResourceSet[Endpoint](
    "endpoints reached over SIP on WebSocket (WebRTC)", _web_clients,
    known=lambda system: system.endpoints_known,
    unknown="No endpoints in the evidence.",
    empty="No endpoint known to take SIP over WebSocket.",
)


def _unauthenticated(system: System) -> tuple[Endpoint, ...]:
    return tuple(e for e in system.endpoints
                 if e.kind is EndpointKind.GUEST or e.ip_auth_only.value
                 or e.auth_type.value in (AuthType.NONE, AuthType.IP))


def _authentication_unknown(system: System) -> tuple[SetFinding, ...]:
    return tuple(
        SetFinding(Status.UNKNOWN, f"endpoint:{e.name}", "Whether it takes calls without "
                   "credentials is not known.", (evidence("auth_type", e.auth_type),))
        for e in system.endpoints
        if e.auth_type.value is None and e.kind is not EndpointKind.GUEST
        and not e.ip_auth_only.value
    )


UNAUTHENTICATED_ENDPOINTS = ResourceSet[Endpoint](
    "guests and endpoints that take calls without credentials or by source address alone",
    _unauthenticated,
    known=lambda system: system.endpoints_known,
    unknown="No endpoints in the evidence: provide the SIP config.",
    empty="No endpoint accepts calls without credentials.",
    undecided=_authentication_unknown,
)

ADMINS = ResourceSet[Administrator](
    "administrator accounts", lambda system: system.admins,
    known=lambda system: system.admins_known,
    unknown="No administrator accounts in the evidence.",
    empty="No administrator accounts configured.",
)

USERS = ResourceSet[User](
    "user accounts", lambda system: system.users,
    known=lambda system: system.users_known,
    unknown="No user accounts in the evidence.",
    empty="No user accounts configured.",
)


def _enabled(system: System) -> tuple[ManagementInterface, ...]:
    return tuple(m for m in system.management if m.enabled.value is not False)


ENABLED_MANAGEMENT = ResourceSet[ManagementInterface](
    "enabled management interfaces", _enabled,
    known=lambda system: system.management_known,
    unknown="No management interfaces in the evidence.",
    empty="No management interface enabled.",
)

RECORDING = ResourceSet[Recording](
    "call recording, unless calls are known not to be recorded",
    lambda system: () if system.recording.enabled.value is False else (system.recording,),
    empty="Calls are not recorded.", scope="recording",
    empty_evidence=lambda system: (evidence("enabled", system.recording.enabled),),
)

CAPTURE = ResourceSet[CaptureEvidence](
    "the packet capture", lambda system: () if system.capture is None else (system.capture,),
    known=lambda system: system.capture is None or system.capture.packets > 0,
    unknown="The capture holds no packets: nothing was observed on the wire.",
    empty="Not a capture: nothing was observed on the wire.",
)


DIAL_CONTEXTS = ResourceSet[DialContext](
    "dialplan contexts that authenticated phones and trunks enter",
    lambda system: system.dial_contexts,
    known=lambda system: system.dial_contexts_known,
    unknown="No dialplan and endpoints in the evidence: provide the PBX configuration.",
    empty="No authenticated phone or trunk enters a dialplan context.",
    scope="dialplan",
)
