"""An interrupted scan is INCOMPLETE in every format, never PASSED."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.paths import ROOT
from voipscan import api
from voipscan.engine import Thresholds, reassess
from voipscan.reports import FORMATS, render
from voipscan.result import ScanResult


@pytest.fixture(scope="module")
def interrupted() -> ScanResult:
    result = api.scan([api.config(ROOT / "samples" / "export" / "hardened.yaml")], ["baseline"])
    assert result.verdict.passed  # complete, it passes
    return reassess(replace(result, incomplete=True), Thresholds())


def test_the_engine_never_passes_an_interrupted_scan(interrupted: ScanResult) -> None:
    assert not interrupted.verdict.passed
    assert interrupted.verdict.reasons[0].startswith("INCOMPLETE")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_says_incomplete(interrupted: ScanResult, fmt: str) -> None:
    text = render(fmt, interrupted)
    assert "PASSED" not in text
    if fmt == "json":
        verdict = json.loads(text)["verdict"]
        assert verdict["outcome"] == "incomplete" and verdict["passed"] is False
    elif fmt == "sarif":
        assert json.loads(text)["runs"][0]["invocations"][0]["executionSuccessful"] is False
    elif fmt == "ocsf":
        assert all("scan-incomplete" in json.loads(line)["metadata"]["labels"]
                   for line in text.splitlines())
    elif fmt in ("cef", "leef"):
        assert all("incomplete" in line.lower() for line in text.splitlines())
    else:
        assert "INCOMPLETE" in text
