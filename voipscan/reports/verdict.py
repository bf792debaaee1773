"""The verdict as every report states it: PASSED, FAILED or INCOMPLETE, and why.

The engine never passes an interrupted scan (its first reason says so); the reports name that
state INCOMPLETE rather than FAILED.
"""

from __future__ import annotations

from enum import StrEnum

from voipscan.result import INTERRUPTED, ScanResult


class Outcome(StrEnum):
    PASSED = "PASSED"
    FAILED = "FAILED"
    INCOMPLETE = "INCOMPLETE"


def outcome(result: ScanResult) -> Outcome:
    if result.incomplete:
        return Outcome.INCOMPLETE
    return Outcome.PASSED if result.verdict.passed else Outcome.FAILED


def reasons(result: ScanResult) -> tuple[str, ...]:
    """Why it did not pass; an interrupted scan says so first."""
    why = result.verdict.reasons
    if result.incomplete and INTERRUPTED not in why:
        return (INTERRUPTED, *why)
    return why


def headline(result: ScanResult) -> str:
    """One line: the verdict and its first reason, for the top of a report and for stderr
    when every report went to a file."""
    state = outcome(result)
    if state is Outcome.INCOMPLETE:
        return f"RESULT: {INTERRUPTED}"
    if state is Outcome.PASSED:
        return "RESULT: PASSED"
    why = result.verdict.reasons
    more = f" (and {len(why) - 1} more)" if len(why) > 1 else ""
    return f"RESULT: FAILED: {why[0]}{more}" if why else "RESULT: FAILED"
