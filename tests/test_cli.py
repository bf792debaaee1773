"""The command line as a user runs it: exit codes, one-line errors, formats, no secrets."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.paths import ROOT as REPO_ROOT

ROOT = REPO_ROOT
SAMPLES = ROOT / "samples" / "export"
REPORT_SCHEMA = json.loads((ROOT / "voipscan" / "schemas" / "report.schema.json").read_text())


def voipscan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd or ROOT)


def validate_report(text: str) -> dict[str, object]:
    document: dict[str, object] = json.loads(text)
    validator = jsonschema.Draft202012Validator(REPORT_SCHEMA,
                                                format_checker=jsonschema.FormatChecker())
    validator.validate(document)
    return document


@pytest.mark.parametrize(("sample", "code"), [
    ("hardened.yaml", 0), ("insecure.yaml", 1), ("mixed.yaml", 1)])
def test_sample_exit_codes_and_json_schema(sample: str, code: int) -> None:
    run = voipscan("scan", "config", str(SAMPLES / sample), "-f", "json")
    assert run.returncode == code, run.stderr
    document = validate_report(run.stdout)
    verdict = document["verdict"]
    assert verdict == {"passed": code == 0, "outcome": "passed" if code == 0 else "failed",  # type: ignore[index]
                       "reasons": verdict["reasons"]}  # type: ignore[index]


def test_every_profile_renders_valid_json() -> None:
    args = ["scan", "config", *(str(p) for p in sorted(SAMPLES.glob("*.yaml"))), "-f", "json"]
    for name in ("baseline", "gdpr", "iso27001", "nen7510", "bio", "financial", "education"):
        args += ["-p", name]
    run = voipscan(*args)
    assert run.returncode == 1
    document = validate_report(run.stdout)
    assert len(document["targets"]) == 3  # type: ignore[arg-type]
    assert len(document["assessments"]) == 21  # type: ignore[arg-type]


def test_thresholds() -> None:
    mixed = str(SAMPLES / "mixed.yaml")
    hardened = str(SAMPLES / "hardened.yaml")
    assert voipscan("scan", "config", hardened, "--fail-under", "90").returncode == 0
    # mixed.yaml: 46 % coverage, below what a grade needs: no score to compare with
    below = voipscan("scan", "config", mixed, "--fail-under", "30")
    assert below.returncode == 1 and "no score to compare with 30.0" in below.stdout
    # 88.2 %: an export cannot show declared duties or dialplans (evidence required)
    assert voipscan("scan", "config", hardened, "--min-coverage", "85").returncode == 0
    assert voipscan("scan", "config", hardened, "--min-coverage", "100").returncode == 1
    assert voipscan("scan", "config", mixed, "--min-coverage", "45",
                    "--fail-on", "critical").returncode == 0
    assert voipscan("scan", "config", mixed, "--min-coverage", "50").returncode == 1
    assert voipscan("scan", "config", mixed, "--fail-on", "critical").returncode == 0
    assert voipscan("scan", "config", mixed, "--fail-on", "high").returncode == 1
    insecure = str(SAMPLES / "insecure.yaml")
    assert voipscan("scan", "config", insecure, "--fail-on", "critical").returncode == 1


def one_line_error(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_broken_export_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: voipscan-export/1\nsystem:\n  name: x\nendpoints:\n  - name: a\n"
                   "    auth: telepathy\n")
    run = voipscan("scan", "config", str(bad))
    line = one_line_error(run)
    assert f"{bad}:6: endpoints[0].auth: 'telepathy' is not one of" in line
    assert "could not be read" in run.stdout


def test_broken_profile_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("id: p\ntitle: P\ncontrols:\n  - id: c\n    title: t\n    clause: x\n"
                   "    checks: [signalling.tls, made.up]\n")
    run = voipscan("scan", "config", str(SAMPLES / "hardened.yaml"), "-p", str(bad))
    line = one_line_error(run)
    assert f"{bad}:7:" in line and "unknown check id 'made.up'" in line
    assert run.stdout == ""


def test_missing_path_and_usage_errors(tmp_path: Path) -> None:
    assert "no such file" in one_line_error(voipscan("scan", "config", str(tmp_path / "nope")))
    assert voipscan("scan", "config").returncode == 2
    assert voipscan("scan", "config", str(SAMPLES / "hardened.yaml"), "--fail-on",
                    "dire").returncode == 2
    assert "unknown profile" in one_line_error(
        voipscan("scan", "config", str(SAMPLES / "hardened.yaml"), "-p", "nope"))


def test_unknown_format_tree_reports_clearly(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    line = one_line_error(voipscan("scan", "config", str(tmp_path / "notes.txt")))
    assert "no PBX configuration found" in line and "give --pbx" in line


def test_several_formats_each_to_its_own_file(tmp_path: Path) -> None:
    out_json, out_text = tmp_path / "r.json", tmp_path / "r.txt"
    run = voipscan("scan", "config", str(SAMPLES / "mixed.yaml"), "-f", "json", "-o",
                   str(out_json), "-f", "text", "-o", str(out_text))
    assert run.returncode == 1 and run.stdout == ""
    validate_report(out_json.read_text())
    assert "RESULT: FAILED" in out_text.read_text()
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_text_report_has_score_findings_and_remediation_without_colour() -> None:
    run = voipscan("scan", "config", str(SAMPLES / "insecure.yaml"), "-v")
    assert "score 0.0/100 grade F" in run.stdout
    assert "CRITICAL media.no_sdes_cleartext" in run.stdout
    assert "endpoint:100: SDES keys can travel over udp." in " ".join(
        run.stdout.split())
    assert "fix: " in run.stdout
    assert "\x1b[" not in run.stdout
    coloured = voipscan("scan", "config", str(SAMPLES / "insecure.yaml"), "--color")
    assert "\x1b[31m" in coloured.stdout


def test_no_secret_in_any_output() -> None:
    secrets = ["Summer2024", "k7#Qm2xVr9!pLw4Z"]
    for fmt in ("text", "json"):
        run = voipscan("scan", "config", str(SAMPLES / "insecure.yaml"),
                       str(SAMPLES / "mixed.yaml"), "-f", fmt)
        for secret in secrets:
            assert secret not in run.stdout and secret not in run.stderr


def test_catalog_commands() -> None:
    listing = voipscan("profiles", "list")
    assert listing.returncode == 0
    for name in ("baseline", "gdpr", "iso27001", "nen7510", "bio", "financial", "education"):
        assert name in listing.stdout
    shown = voipscan("profiles", "show", "financial")
    assert "FIN-WFT-REC" in shown.stdout and "min_days=2555" in shown.stdout
    checks = voipscan("checks", "list")
    assert "media.no_sdes_cleartext" in checks.stdout and "critical" in checks.stdout


def test_profiles_found_from_another_directory(tmp_path: Path) -> None:
    assert "baseline" in voipscan("profiles", "list", cwd=tmp_path).stdout


def _loaded_after(imports: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter holds after running ``imports``."""
    code = f"import sys; {imports}; print([m for m in {modules!r} if m in sys.modules])"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=ROOT, check=True)
    loaded: list[str] = ast.literal_eval(run.stdout)
    return loaded


def test_help_imports_nothing_heavy() -> None:
    assert _loaded_after("from voipscan.cli import cli",
                         ("sslyze", "scapy", "jsonschema", "nassl", "cryptography")) == []
    assert voipscan("--help").returncode == 0


def test_a_sweep_starts_probing_without_its_judging_and_reporting_libraries() -> None:
    """What a host scan imports before its first probe leaves: YAML (profiles), pydantic
    (profile and report models) and rich (a progress bar, on a terminal only) come later,
    while the probes are out."""
    imports = ("from voipscan.cli import scan_host; "
               "from voipscan.sources.host import background, source; from voipscan import api")
    assert _loaded_after(imports, ("yaml", "pydantic", "rich")) == []
    assert _loaded_after(imports + "; import voipscan.models.profile", ("pydantic",)) == [
        "pydantic"]


def test_reports_get_ordinary_file_permissions(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    voipscan("scan", "config", str(SAMPLES / "hardened.yaml"), "-o", str(out))
    assert out.stat().st_mode & 0o777 == 0o666 & ~_current_umask()


def _current_umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_full_disk_is_one_line_and_exit_2() -> None:
    run = voipscan("scan", "config", str(SAMPLES / "hardened.yaml"), "-f", "json", "-o",
                   "/dev/full")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == ["voipscan: error: No space left on device"]
