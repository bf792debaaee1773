"""The wheel carries everything a user needs after 'pip install .'."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.paths import ROOT as REPO_ROOT

ROOT = REPO_ROOT


def test_wheel_contains_profiles_and_schemas(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path), "-q"],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    wheel = next(tmp_path.glob("voipscan-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for profile in (ROOT / "profiles").glob("*.yaml"):
        assert f"voipscan/_profiles/{profile.name}" in names
    assert "voipscan/schemas/export.schema.json" in names
    assert "voipscan/schemas/report.schema.json" in names
