"""logging.*: what is logged, retention and forwarding."""

from __future__ import annotations

from tests.checks.helpers import f, run
from voipscan.checks import Status
from voipscan.facts import Logging, System


def test_events_logged() -> None:
    system = System("pbx", logging=Logging(calls=f(True), config_changes=f(False)))
    assert run("logging.events", system) == {
        "logging:calls": Status.PASS, "logging:config_changes": Status.FAIL,
        "logging:access_attempts": Status.UNKNOWN}


def test_log_retention() -> None:
    def kept(days: int | None) -> System:
        return System("pbx", logging=Logging(retention_days=f(days)))

    assert run("logging.retention", kept(400)) == {"logging": Status.PASS}
    assert run("logging.retention", kept(30)) == {"logging": Status.FAIL}
    assert run("logging.retention", kept(30), min_days=14) == {"logging": Status.PASS}
    assert run("logging.retention", kept(None)) == {"logging": Status.UNKNOWN}


def test_log_forwarding() -> None:
    assert run("logging.forwarding", System("pbx", logging=Logging(forwarded=f(True)))) == {
        "logging": Status.PASS}
    assert run("logging.forwarding", System("pbx", logging=Logging(forwarded=f(False)))) == {
        "logging": Status.FAIL}
