"""No vacuous verdicts: nothing passes on facts nobody read.

A resource passes a check only on known facts about it; input that yields nothing to assess
is never reported as passed. Every registered check runs here on an empty system and on
systems whose every fact is unknown.
"""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from voipscan.checks import REGISTRY, CheckContext, Evidence, Finding, Severity, Status
from voipscan.engine import NO_TARGETS, NOTHING_READ, evaluate, on_known_facts, run_check
from voipscan.facts import (
    Administrator,
    Endpoint,
    Fact,
    ManagementInterface,
    Provenance,
    Role,
    ServiceAccount,
    SipTransport,
    System,
    User,
)
from voipscan.facts.model import CaptureEvidence, Logging, Mailbox
from voipscan.facts.observed import holds_facts
from voipscan.profiles import CheckRef, Control, Profile
from voipscan.sources.interface import SourceResult
from voipscan.target import Target, TargetKind

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def _unknown_members(listed: bool) -> System:
    """One member of every kind, every fact unknown; ``listed``: the lists are complete."""
    return System(
        "all-unknown", admins=(Administrator("a"),), users=(User("u"),), roles=(Role("r"),),
        transports=(SipTransport("t"),), endpoints=(Endpoint("e"),),
        management=(ManagementInterface("m"),), mailboxes=(Mailbox("1000@default"),),
        service_accounts=(ServiceAccount("db"),), capture=CaptureEvidence("c.pcap", 0, False, 0),
        admins_known=listed, users_known=listed, roles_known=listed, transports_known=listed,
        endpoints_known=listed, management_known=listed, mailboxes_known=listed,
        disclosures_known=listed)


def _known_empty() -> System:
    """Lists said to be complete, and empty: nothing to judge, so nothing to pass."""
    return System("known-empty", admins_known=True, users_known=True, roles_known=True,
                  transports_known=True, endpoints_known=True, management_known=True,
                  mailboxes_known=True, disclosures_known=True)


SYSTEMS = {"empty": System("empty"), "unknown-listed": _unknown_members(True),
           "unknown-unlisted": _unknown_members(False), "known-empty": _known_empty()}


def _source(system: System) -> SourceResult:
    return SourceResult(Target.path("t", TargetKind.CONFIG, "test"), system)


@pytest.mark.parametrize("name", sorted(SYSTEMS))
@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_no_check_passes_without_known_facts(check_id: str, name: str) -> None:
    check = REGISTRY[check_id]
    ctx = CheckContext(check, SYSTEMS[name], check.default_params(), NOW)
    direct = [f for f in check.run(ctx) if f.status is Status.PASS]
    assert not direct, [(f.resource, f.message) for f in direct]
    judged = run_check(_source(SYSTEMS[name]), CheckRef(check_id), NOW)
    assert all(f.status is not Status.PASS for f in judged)


def test_a_pass_on_no_known_fact_becomes_evidence_required() -> None:
    vacuous = Finding("x.y", Status.PASS, Severity.LOW, "system", "Fine.")
    on_unknown = Finding("x.y", Status.PASS, Severity.LOW, "system", "Fine.",
                         (Evidence("f", "unknown", None, "", known=False),))
    on_fact = Finding("x.y", Status.PASS, Severity.LOW, "system", "Fine.",
                      (Evidence("f", "yes", Provenance.file("a.conf", 3)),))
    assert on_known_facts(vacuous).status is Status.UNKNOWN
    assert on_known_facts(on_unknown).status is Status.UNKNOWN
    assert on_known_facts(on_fact) is on_fact
    failed = Finding("x.y", Status.FAIL, Severity.LOW, "system", "Bad.")
    assert on_known_facts(failed) is failed


def test_facts_from_platform_defaults_alone_are_not_facts_read() -> None:
    default = Provenance.default("asterisk", "AMI bindaddr default")
    assert not holds_facts(System("x", management=(ManagementInterface(
        "ami", enabled=Fact(False, default), source=default),), management_known=True))
    assert holds_facts(System("x", management=(ManagementInterface(
        "ami", enabled=Fact(True, Provenance.file("manager.conf", 2))),)))
    assert not holds_facts(System("x", capture=CaptureEvidence("c.pcap", 12, True, 0)))


def test_a_fact_nested_in_a_policy_is_a_fact_read() -> None:
    assert not holds_facts(System("x"))
    read = Fact(True, Provenance.file("logger.conf", 3))
    assert holds_facts(System("x", logging=Logging(calls=read)))
    assert not holds_facts(System("x", logging=Logging(calls=Fact(True, Provenance.default(
        "asterisk", "logger default")))))


PROFILE = Profile("p", "P", "", "p.yaml", (), (
    Control("C-1", "control", "clause", (CheckRef("backup.configured"),)),))


def test_a_target_with_nothing_read_is_an_input_error_never_passed() -> None:
    result = evaluate([_source(System("nothing"))], [PROFILE])
    (target,) = result.targets
    assert target.fatal and not result.assessments
    assert [p.message for p in target.problems] == [NOTHING_READ]
    assert not result.verdict.passed and result.input_errors


def test_a_scan_of_no_target_is_never_passed() -> None:
    result = evaluate([], [PROFILE])
    assert not result.verdict.passed
    assert NO_TARGETS in result.verdict.reasons
    assert result.input_errors
    assert [w.message for w in result.warnings] == [NO_TARGETS]


def test_a_capture_holding_no_packet_exits_2(tmp_path: Path) -> None:
    capture = tmp_path / "header-only.pcap"
    capture.write_bytes(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    run = subprocess.run([sys.executable, "-m", "voipscan", "scan", "pcap", str(capture)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "PASSED" not in run.stdout
    assert NOTHING_READ in run.stderr
