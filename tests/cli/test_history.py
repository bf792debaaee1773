"""voipscan --store and history: scans recorded by the command line, listed, shown, compared,
trended and pruned; --baseline last; one line and exit 2 for every store error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

EXPORT = ROOT / "samples" / "export"


def voipscan(*args: str, store: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VOIPSCAN_STORE": str(store), "XDG_DATA_HOME": str(store.parent)}
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd, env=env)


def one_line_error(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two scans of one PBX (insecure, then hardened) recorded in the default store."""
    folder = tmp_path_factory.mktemp("history")
    store, pbx = folder / "h.sqlite", folder / "pbx.yaml"
    shutil.copy(EXPORT / "insecure.yaml", pbx)
    first = voipscan("scan", "config", str(pbx), "--summary", "--store", store=store)
    assert first.returncode == 1, first.stderr
    assert "recorded scan 1 in sqlite:///" in first.stderr
    shutil.copy(EXPORT / "hardened.yaml", pbx)
    second = voipscan("scan", "config", str(pbx), "--baseline", "last", "--summary",
                      "-f", "json", "-o", str(folder / "r.json"), "--store", store=store)
    assert "recorded scan 2" in second.stderr, second.stderr
    return store, pbx


def test_list_show_diff_trend(recorded: tuple[Path, Path]) -> None:
    store, pbx = recorded
    listed = voipscan("history", "list", store=store).stdout.splitlines()
    assert listed[0].split()[0] == "SCAN" and listed[1].split()[0] == "2"
    assert "failed" in listed[2] and str(pbx) in listed[2]
    shown = voipscan("history", "show", "1", store=store).stdout
    assert shown.startswith("scan 1: failed") and "FAIL" in shown and "baseline" in shown
    diff = voipscan("history", "diff", "last~1", "last", store=store).stdout
    assert diff.startswith("scan 1 -> scan 2") and "\nnew: " in diff
    assert "\nresolved: " in diff and "resolved: 0" not in diff
    assert f"score {pbx} baseline: 0.0 (F) -> 100.0 (A)" in diff
    trend = voipscan("history", "trend", str(pbx), store=store).stdout.splitlines()
    assert [line.split()[0] for line in trend[1:]] == ["1", "2"]


def test_baseline_last_reports_drift_from_the_store(recorded: tuple[Path, Path]) -> None:
    import json

    store, _ = recorded
    report = json.loads((store.parent / "r.json").read_text())
    drift = report["drift"]
    assert drift["baseline"].startswith("store sqlite:///")
    assert "last stored scan: 1" in drift["baseline"]
    assert drift["resolved"] and drift["baseline_started"]


def test_prune(tmp_path: Path) -> None:
    store = tmp_path / "p.sqlite"
    voipscan("scan", "config", str(EXPORT / "hardened.yaml"), "--summary", "--store",
             store=store)
    assert "deleted 0 scan(s)" in voipscan("history", "prune", "--older-than", "30",
                                           store=store).stdout
    assert "deleted 1 scan(s)" in voipscan("history", "prune", "--older-than", "0",
                                           store=store).stdout
    assert "no scans" in voipscan("history", "list", store=store).stderr


def test_store_errors_are_one_line(tmp_path: Path) -> None:
    store = tmp_path / "e.sqlite"
    line = one_line_error(voipscan("history", "show", "7", store=store))
    assert "no scan 7" in line
    line = one_line_error(voipscan("history", "diff", "x", "1", store=store))
    assert "not a scan" in line
    line = one_line_error(voipscan(
        "scan", "config", str(EXPORT / "hardened.yaml"),
        "--store=postgresql://u:pw-Secret-2@127.0.0.1:1/db", store=store))
    assert "pw-Secret-2" not in line and "postgresql://u:***@127.0.0.1:1/db" in line
    line = one_line_error(voipscan("scan", "config", str(EXPORT / "hardened.yaml"),
                                   "--store", "notaurl", store=store))
    assert "not a store URL" in line


def test_the_default_store_is_in_the_data_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "VOIPSCAN_STORE"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    run = subprocess.run([sys.executable, "-m", "voipscan", "scan", "config",
                          str(EXPORT / "hardened.yaml"), "--summary", "--store"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "data" / "voipscan" / "history.sqlite").is_file()
