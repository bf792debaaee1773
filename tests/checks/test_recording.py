"""recording.*: consent, retention, access and encryption at rest."""

from __future__ import annotations

from tests.checks.helpers import f, run
from voipscan.checks import Status
from voipscan.facts import Recording, System


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
