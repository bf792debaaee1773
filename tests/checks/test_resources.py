"""Resource sets answer for their checks: unknown when the evidence does not say which
members there are, not applicable when it says there are none, and the members otherwise."""

from __future__ import annotations

import pytest

from tests.checks.helpers import NOW, f
from voipscan.checks import REGISTRY, CheckContext, Finding, Status
from voipscan.checks.resources import TLS_TRANSPORTS, WHOLE_SYSTEM
from voipscan.facts import Recording, SipProtocol, SipTransport, System

NOTHING_KNOWN = System("pbx")
KNOWN_EMPTY = System("pbx", transports_known=True, endpoints_known=True, admins_known=True,
                     users_known=True, management_known=True, dial_contexts_known=True,
                     recording=Recording(enabled=f(False)))
OVER_A_SET = sorted(i for i, c in REGISTRY.items() if c.over is not WHOLE_SYSTEM)
MAY_BE_UNKNOWN = [i for i in OVER_A_SET if not REGISTRY[i].over.known(NOTHING_KNOWN)]


def findings(check_id: str, system: System) -> list[Finding]:
    item = REGISTRY[check_id]
    return list(item.run(CheckContext(item, system, item.default_params(), NOW)))


@pytest.mark.parametrize("check_id", OVER_A_SET)
def test_a_set_known_to_be_empty_makes_the_check_not_applicable(check_id: str) -> None:
    over = REGISTRY[check_id].over
    assert over.empty
    assert [(x.status, x.resource, x.message) for x in findings(check_id, KNOWN_EMPTY)] == [
        (Status.NOT_APPLICABLE, over.scope, over.empty)]


@pytest.mark.parametrize("check_id", MAY_BE_UNKNOWN)
def test_a_set_the_evidence_does_not_tell_makes_the_check_unknown(check_id: str) -> None:
    over = REGISTRY[check_id].over
    assert over.unknown
    assert [(x.status, x.resource, x.message) for x in findings(check_id, NOTHING_KNOWN)] == [
        (Status.UNKNOWN, over.scope, over.unknown)]


def test_sets_that_are_always_known_are_the_recording_and_the_capture() -> None:
    always = {REGISTRY[i].over.name for i in OVER_A_SET} - {
        REGISTRY[i].over.name for i in MAY_BE_UNKNOWN}
    assert always == {"call recording, unless calls are known not to be recorded",
                      "the packet capture"}


def test_a_transport_of_unknown_protocol_is_undecided_not_absent() -> None:
    def system(*protocols: SipProtocol | None) -> System:
        return System("pbx", transports_known=True, transports=tuple(
            SipTransport(f"t{n}", protocol=f(p)) for n, p in enumerate(protocols)))

    members, preface = TLS_TRANSPORTS.select(system(None))
    assert not members
    assert [(x.status, x.resource) for x in preface] == [(Status.UNKNOWN, "transport:t0")]
    members, preface = TLS_TRANSPORTS.select(system(SipProtocol.UDP, None, SipProtocol.WSS))
    assert [m.name for m in members] == ["t2"]
    assert [x.resource for x in preface] == ["transport:t1"]
    members, preface = TLS_TRANSPORTS.select(system(SipProtocol.UDP))
    assert not members and [x.status for x in preface] == [Status.NOT_APPLICABLE]


def test_the_whole_system_is_judged_once_and_never_missing() -> None:
    for system in (NOTHING_KNOWN, KNOWN_EMPTY):
        assert WHOLE_SYSTEM.select(system) == ((system,), ())
