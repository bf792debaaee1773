"""Build systems directly from facts and run one check on them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from voipscan.checks import REGISTRY, CheckContext, Status
from voipscan.facts import Fact, Provenance, System

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
SRC = Provenance.file("test.yaml", 1)


def f(value: Any) -> Fact[Any]:
    """A known fact (or unknown when value is None)."""
    return Fact(value, SRC if value is not None else None)


def run(check_id: str, system: System, **params: Any) -> dict[str, Status]:
    """Statuses by resource (one resource may appear once per check in these tests)."""
    check = REGISTRY[check_id]
    ctx = CheckContext(check, system, {**check.default_params(), **params}, NOW)
    findings = list(check.run(ctx))
    assert all(x.check_id == check_id for x in findings)
    result: dict[str, Status] = {}
    for finding in findings:
        # a resource with several findings reports its worst status
        order = [Status.FAIL, Status.UNKNOWN, Status.PASS, Status.NOT_APPLICABLE]
        previous = result.get(finding.resource)
        if previous is None or order.index(finding.status) < order.index(previous):
            result[finding.resource] = finding.status
    return result


def messages(check_id: str, system: System, **params: Any) -> list[str]:
    check = REGISTRY[check_id]
    ctx = CheckContext(check, system, {**check.default_params(), **params}, NOW)
    return [x.message for x in check.run(ctx)]
