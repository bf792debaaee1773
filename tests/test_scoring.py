from __future__ import annotations

from voipscan.checks import Finding, Severity, Status
from voipscan.scoring import Weighed, control_status, score


def finding(status: Status) -> Finding:
    return Finding("x.y", status, Severity.LOW, "r", "m")


def test_control_status_precedence() -> None:
    assert control_status([finding(Status.PASS), finding(Status.FAIL)]) is Status.FAIL
    assert control_status([finding(Status.PASS), finding(Status.UNKNOWN)]) is Status.UNKNOWN
    assert control_status([finding(Status.PASS), finding(Status.NOT_APPLICABLE)]) is Status.PASS
    assert control_status([finding(Status.NOT_APPLICABLE)]) is Status.NOT_APPLICABLE
    assert control_status([]) is Status.NOT_APPLICABLE


def test_score_weights_by_severity_and_unknown_never_counts_as_passed() -> None:
    value, grade, _ = score([Weighed(Status.PASS, Severity.HIGH),
                             Weighed(Status.FAIL, Severity.LOW)])
    assert value == round(100 * 5 / 6, 1) and grade == "B"
    value, grade, _ = score([Weighed(Status.PASS, Severity.HIGH),
                             Weighed(Status.UNKNOWN, Severity.HIGH)])
    assert value == 50.0 and grade == "E"
    value, _, _ = score([Weighed(Status.PASS, Severity.HIGH),
                         Weighed(Status.NOT_APPLICABLE, Severity.CRITICAL)])
    assert value == 100.0


def test_critical_failure_caps_grade() -> None:
    items = [Weighed(Status.PASS, Severity.HIGH)] * 30 + [Weighed(Status.FAIL, Severity.CRITICAL)]
    value, grade, critical = score(items)
    assert value > 90 and critical and grade == "D"


def test_nothing_applicable() -> None:
    assert score([Weighed(Status.NOT_APPLICABLE, Severity.HIGH)]) == (100.0, "-", False)
