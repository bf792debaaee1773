from __future__ import annotations

import datetime as dt

from tests.checks.helpers import f, run
from voipscan.checks import Status
from voipscan.facts import Backup, Logging, Recording, System


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


def rec(**kwargs: object) -> System:
    facts = {k: f(v) for k, v in kwargs.items()}
    return System("pbx", recording=Recording(**facts))  # type: ignore[arg-type]


def test_recording_consent() -> None:
    assert run("recording.consent", rec(enabled=True, consent_notice=True)) == {
        "recording": Status.PASS}
    assert run("recording.consent", rec(enabled=True, consent_notice=False)) == {
        "recording": Status.FAIL}
    assert run("recording.consent", rec(enabled=False)) == {"recording": Status.NOT_APPLICABLE}
    assert run("recording.consent", rec()) == {"recording": Status.UNKNOWN}


def test_recording_retention_bounds() -> None:
    sixty = rec(enabled=True, retention_days=60)
    assert run("recording.retention", sixty) == {"recording": Status.PASS}
    assert run("recording.retention", sixty, max_days=30) == {"recording": Status.FAIL}
    assert run("recording.retention", sixty, min_days=2555) == {"recording": Status.FAIL}
    forever = rec(enabled=True, retention_days=0)
    assert run("recording.retention", forever, max_days=90) == {"recording": Status.FAIL}
    assert run("recording.retention", forever, min_days=2555) == {"recording": Status.PASS}
    assert run("recording.retention", rec(enabled=True)) == {"recording": Status.UNKNOWN}


def test_recording_access() -> None:
    assert run("recording.access", rec(enabled=True, access_restricted=True,
                                       access_roles=("qa",))) == {"recording": Status.PASS}
    assert run("recording.access", rec(enabled=True, access_restricted=True,
                                       access_roles=("everyone",))) == {
        "recording": Status.FAIL}
    assert run("recording.access", rec(enabled=True, access_restricted=False)) == {
        "recording": Status.FAIL}
    assert run("recording.access", rec(enabled=True)) == {"recording": Status.UNKNOWN}


def test_recording_encrypted_at_rest() -> None:
    assert run("recording.encrypted_at_rest", rec(enabled=True, encrypted_at_rest=True)) == {
        "recording": Status.PASS}
    assert run("recording.encrypted_at_rest", rec(enabled=True, encrypted_at_rest=False)) == {
        "recording": Status.FAIL}


def test_data_residency() -> None:
    eu = System("pbx", hosting_countries=f(("NL",)),
                recording=Recording(enabled=f(True), storage_countries=f(("DE",))))
    assert run("data.residency", eu) == {"system": Status.PASS, "recording": Status.PASS}
    us = System("pbx", hosting_countries=f(("US",)), recording=Recording(enabled=f(False)))
    assert run("data.residency", us) == {"system": Status.FAIL}
    assert run("data.residency", us, allowed_countries=["EU", "US"]) == {"system": Status.PASS}
    assert run("data.residency", eu, allowed_countries=["NL"]) == {
        "system": Status.PASS, "recording": Status.FAIL}
    assert run("data.residency", System("pbx")) == {"system": Status.UNKNOWN,
                                                    "recording": Status.UNKNOWN}


def test_backup_configured() -> None:
    assert run("backup.configured", System("pbx", backup=Backup(configured=f(True)))) == {
        "backup": Status.PASS}
    assert run("backup.configured", System("pbx", backup=Backup(configured=f(False)))) == {
        "backup": Status.FAIL}


def test_restore_tested() -> None:
    def tested(day: dt.date | None, configured: bool = True) -> System:
        return System("pbx", backup=Backup(configured=f(configured),
                                           last_restore_test=f(day)))

    assert run("backup.restore_tested", tested(dt.date(2026, 6, 1))) == {"backup": Status.PASS}
    assert run("backup.restore_tested", tested(dt.date(2024, 6, 1))) == {"backup": Status.FAIL}
    assert run("backup.restore_tested", tested(dt.date(2026, 6, 1)), max_age_days=90) == {
        "backup": Status.FAIL}
    assert run("backup.restore_tested", tested(None)) == {"backup": Status.UNKNOWN}
    assert run("backup.restore_tested", tested(None, configured=False)) == {
        "backup": Status.FAIL}
