from __future__ import annotations

from voipscan.checks import Finding, Severity, Status
from voipscan.scoring import MIN_COVERAGE_FOR_GRADE, Weighed, control_status, score


def finding(status: Status) -> Finding:
    return Finding("x.y", status, Severity.LOW, "r", "m")


def test_control_status_precedence() -> None:
    assert control_status([finding(Status.PASS), finding(Status.FAIL)]) is Status.FAIL
    assert control_status([finding(Status.PASS), finding(Status.UNKNOWN)]) is Status.UNKNOWN
    assert control_status([finding(Status.PASS), finding(Status.NOT_APPLICABLE)]) is Status.PASS
    assert control_status([finding(Status.NOT_APPLICABLE)]) is Status.NOT_APPLICABLE
    assert control_status([]) is Status.NOT_APPLICABLE


def test_score_weights_by_severity_over_what_was_assessed() -> None:
    scored = score([Weighed(Status.PASS, Severity.HIGH), Weighed(Status.FAIL, Severity.LOW)])
    assert scored.value == round(100 * 5 / 6, 1) and scored.grade == "B"
    assert scored.coverage == 100.0


def test_missing_evidence_lowers_coverage_never_the_score() -> None:
    # the README's worked example: passed high (5) + failed medium (3) + unknown high (5)
    scored = score([Weighed(Status.PASS, Severity.HIGH), Weighed(Status.FAIL, Severity.MEDIUM),
                    Weighed(Status.UNKNOWN, Severity.HIGH),
                    Weighed(Status.NOT_APPLICABLE, Severity.CRITICAL)])
    assert scored.value == 62.5 and scored.coverage == 61.5 and scored.grade == "D"


def test_no_grade_below_the_coverage_a_grade_needs() -> None:
    scored = score([Weighed(Status.PASS, Severity.HIGH), Weighed(Status.UNKNOWN, Severity.HIGH)])
    assert scored.coverage == 50.0 < MIN_COVERAGE_FOR_GRADE
    assert scored.value == 100.0 and scored.grade == "-" and not scored.graded


def test_zero_failed_controls_never_grade_below_what_the_passed_ones_earn() -> None:
    scored = score([Weighed(Status.PASS, Severity.MEDIUM)] * 7
                   + [Weighed(Status.UNKNOWN, Severity.LOW)] * 3)
    assert scored.grade == "A" and scored.value == 100.0


def test_critical_failure_caps_grade() -> None:
    items = [Weighed(Status.PASS, Severity.HIGH)] * 30 + [Weighed(Status.FAIL, Severity.CRITICAL)]
    scored = score(items)
    assert scored.value > 90 and scored.critical_failed and scored.grade == "D"


def test_nothing_applicable_or_nothing_assessed_has_no_grade() -> None:
    assert score([Weighed(Status.NOT_APPLICABLE, Severity.HIGH)]).grade == "-"
    nothing = score([Weighed(Status.UNKNOWN, Severity.HIGH)])
    assert nothing.grade == "-" and nothing.coverage == 0.0
