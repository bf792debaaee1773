"""Findings, statuses and scores of every sample and stock fixture stay as recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden.cases import (
    CAPTURE_CASES,
    CONFIG_CASES,
    GOLDEN_DIR,
    digest,
    run_json,
    write_capture,
)


def _recorded(name: str) -> object:
    return json.loads((GOLDEN_DIR / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(CONFIG_CASES))
def test_config_verdicts_unchanged(name: str, tmp_path: Path) -> None:
    report = run_json(["scan", "config", *CONFIG_CASES[name]], tmp_path / "r.json")
    assert digest(report) == _recorded(f"config-{name}")


@pytest.mark.parametrize("name", CAPTURE_CASES)
def test_capture_verdicts_unchanged(name: str, tmp_path: Path) -> None:
    capture = write_capture(name, tmp_path / f"{name}.pcap")
    report = run_json(["scan", "pcap", str(capture)], tmp_path / "r.json")
    assert digest(report) == _recorded(f"capture-{name}")
