"""Reports of schema 1.0 to 2.0 load as --baseline: 1.0 targets match by name, later ones by
id; 2.0 findings are resolved from the report's shared table."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ROOT
from tests.reports.helpers import scan
from voipscan.checks import Status
from voipscan.drift import load_baseline
from voipscan.errors import InputError
from voipscan.reports import render
from voipscan.result import DriftChange

ASSETS = Path(__file__).resolve().parent / "assets"
REPORT_1_0 = ASSETS / "report-1.0.json"
"""Written by voipscan before schema 1.1: samples/export/mixed.yaml and insecure.yaml,
scanned from the repository root with a suppressions file."""


@pytest.fixture
def in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_a_1_0_report_loads_and_matches_by_name(in_repository: None) -> None:
    baseline = load_baseline(REPORT_1_0)
    assert not baseline.by_id
    assert baseline.started is not None and baseline.started.startswith("20")
    targets = {key[0] for key in baseline.findings}
    assert targets == {"samples/export/mixed.yaml", "samples/export/insecure.yaml"}
    assert baseline.findings[("samples/export/mixed.yaml", "access.admin_mfa",
                              "admin:p.smit")].status is Status.FAIL
    result = scan(["samples/export/mixed.yaml", "samples/export/insecure.yaml"],
                  baseline=baseline)
    assert result.drift is not None
    # what is new since is what the adapters and profiles judge since; nothing known then
    # is reported new, resolved or lost
    assert all((e.target, e.check_id, e.resource) not in baseline.findings
               for e in result.drift.of(DriftChange.NEW))
    assert result.drift.of(DriftChange.RESOLVED) == ()
    unchanged = result.drift.of(DriftChange.UNCHANGED)
    assert len(unchanged) == len(baseline.findings)
    assert {e.target for e in unchanged} == targets


def test_a_1_0_report_without_later_additions_still_loads(tmp_path: Path) -> None:
    document = json.loads(REPORT_1_0.read_text())
    for key in ("warnings", "suppressions", "drift"):
        del document[key]
    for target in document["targets"]:
        for finding in target["findings"]:
            del finding["suppression"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document))
    assert load_baseline(old).findings == load_baseline(REPORT_1_0).findings


def test_a_1_1_baseline_matches_the_same_path_under_another_label(
        tmp_path: Path, in_repository: None) -> None:
    previous = tmp_path / "previous.json"
    previous.write_text(render("json", scan(["samples/export/mixed.yaml"])))
    baseline = load_baseline(previous)
    assert baseline.by_id
    label = "samples/export/../export/mixed.yaml"
    again = scan([label], baseline=baseline)
    assert again.targets[0].target.name == label
    assert again.drift is not None
    assert again.drift.of(DriftChange.NEW) == again.drift.of(DriftChange.RESOLVED) == ()
    unchanged = again.drift.of(DriftChange.UNCHANGED)
    assert len(unchanged) == len(baseline.findings)
    assert {e.target for e in unchanged} == {label}  # shown under today's label


def test_a_1_1_baseline_tells_a_copy_elsewhere_from_the_original(tmp_path: Path) -> None:
    """By id, a file at another path is another target: it resolves nothing of the first."""
    original = tmp_path / "a.yaml"
    shutil.copy(ROOT / "samples" / "export" / "mixed.yaml", original)
    previous = tmp_path / "previous.json"
    previous.write_text(render("json", scan([original])))
    copy = tmp_path / "b.yaml"
    shutil.copy(original, copy)
    result = scan([copy], baseline=load_baseline(previous))
    assert result.drift is not None
    assert result.drift.of(DriftChange.RESOLVED) == ()
    assert len(result.drift.of(DriftChange.NEW)) == len(load_baseline(previous).findings)


REPORT_1_3 = ASSETS / "report-1.3.json"
"""Written by voipscan 1.3 (before shared findings): samples/export/mixed.yaml and
insecure.yaml, scanned from the repository root."""


def test_a_1_3_report_loads_and_matches_by_id(in_repository: None) -> None:
    baseline = load_baseline(REPORT_1_3)
    assert baseline.by_id
    paths = ["samples/export/mixed.yaml", "samples/export/insecure.yaml"]
    result = scan(paths, baseline=baseline)
    assert result.drift is not None
    assert result.drift.of(DriftChange.NEW) == result.drift.of(DriftChange.RESOLVED) == ()
    assert len(result.drift.of(DriftChange.UNCHANGED)) == len(baseline.findings)


def test_a_2_0_report_loads_with_the_same_findings_as_1_3(
        tmp_path: Path, in_repository: None) -> None:
    paths = ["samples/export/mixed.yaml", "samples/export/insecure.yaml"]
    current = tmp_path / "current.json"
    current.write_text(render("json", scan(paths)))
    assert json.loads(current.read_text())["schema_version"] == "2.0"
    assert load_baseline(current).findings == load_baseline(REPORT_1_3).findings
    again = scan(paths, baseline=load_baseline(current))
    assert again.drift is not None and again.drift.of(DriftChange.NEW) == ()


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["targets"][0].update(findings=[10**6]), "finding 1000000 is not in 'findings'"),
    (lambda d: d.update(schema_version="3.0"), "unsupported schema_version '3.0'"),
    (lambda d: d["targets"][0].update(findings=[{"check_id": "x.y", "resource": "r",
                                                 "status": "fail", "severity": "low"}]),
     "targets[0]: expected a whole number, got a mapping"),
])
def test_a_broken_2_0_baseline_is_one_clear_error(
        tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str) -> None:
    document = json.loads(render("json", scan([ROOT / "samples" / "export" / "mixed.yaml"])))
    change(document)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document))
    with pytest.raises(InputError, match=re.escape(message)):
        load_baseline(broken)
