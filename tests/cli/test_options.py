"""The scan path of the command line: no full garbage collections while a command scans and
reports, and the interpreter's settings given back afterwards (tests run many commands in one
process; the worker runs scans without this path)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.paths import ROOT
from voipscan import api
from voipscan.cli import options
from voipscan.cli.main import cli


def test_a_scan_runs_with_young_collections_only_and_gives_the_threshold_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int, int]] = []
    real = api.scan

    def scan(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "scan", scan)
    before = gc.get_threshold()
    run = CliRunner().invoke(cli, ["scan", "config", "--pbx", "export",
                                   str(ROOT / "samples/export/hardened.yaml"),
                                   "-f", "json", "-o", str(tmp_path / "r.json")])
    assert run.exit_code in (0, 1), run.output
    assert seen == [(before[0], before[1], options._NEVER)]
    assert gc.get_threshold() == before


def test_the_threshold_is_given_back_when_the_scan_raises() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), options.young_collections_only():
        assert gc.get_threshold()[2] == options._NEVER
        raise RuntimeError("a scan that fails")
    assert gc.get_threshold() == before
