"""Where reports go: formats from suffixes, contradictions and unwritable paths refused before
the scan, one line and exit 2 for every write error, the verdict on stderr when every report
went to a file, and a problem printed once."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

SAMPLES = ROOT / "samples"
INSECURE = str(SAMPLES / "export" / "insecure.yaml")
HARDENED = str(SAMPLES / "export" / "hardened.yaml")


def voipscan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env={**os.environ, **(env or {})})


def one_line_error(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_the_format_comes_from_the_suffix(tmp_path: Path) -> None:
    files = [tmp_path / name for name in ("r.json", "r.html", "r.sarif", "r.cef", "r.txt")]
    run = voipscan("scan", "config", INSECURE, *[a for f in files for a in ("-o", str(f))])
    assert run.returncode == 1, run.stderr
    assert files[0].read_text().lstrip().startswith("{")
    assert files[1].read_text().startswith("<!DOCTYPE html>")
    assert '"version": "2.1.0"' in files[2].read_text()
    assert files[3].read_text().startswith("CEF:0|")
    assert files[4].read_text().startswith("RESULT: FAILED")


def test_a_format_contradicting_the_suffix_is_refused_before_scanning(tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    run = voipscan("scan", "config", INSECURE, "-f", "text", "-f", "json", "-o", str(out))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    line = run.stderr.strip().splitlines()[-1]
    assert "-f text" in line and "d.json" in line and "says json" in line
    assert not out.exists()


def test_all_reports_to_files_still_say_the_verdict_and_the_files(tmp_path: Path) -> None:
    out_json, out_html = tmp_path / "a.json", tmp_path / "a.html"
    run = voipscan("scan", "config", INSECURE, "-o", str(out_json), "-o", str(out_html))
    assert run.returncode == 1 and run.stdout == ""
    assert f"wrote json report {out_json}" in run.stderr
    assert f"wrote html report {out_html}" in run.stderr
    assert "RESULT: FAILED" in run.stderr.splitlines()[-1]


@pytest.mark.parametrize("case", ["directory", "missing-directory", "read-only-directory",
                                  "read-only-file"])
def test_unwritable_outputs_are_refused_before_the_scan(tmp_path: Path, case: str) -> None:
    if case in ("read-only-directory", "read-only-file") and os.geteuid() == 0:
        target = _immutable_or_skip(tmp_path, case)
    else:
        target = {"directory": tmp_path, "missing-directory": tmp_path / "no" / "r.json"}.get(
            case, tmp_path / "r.json")
        if case == "read-only-directory":
            tmp_path.chmod(0o500)
        if case == "read-only-file":
            target.write_text("old")
            target.chmod(0o400)
    try:
        # a sweep of a silent address would take its timeout: refused before, it takes none
        run = voipscan("scan", "host", "127.0.0.1:9", "--transport", "udp", "--timeout", "30",
                       "--no-tls-audit", "-f", "json", "-o", str(target))
        line = one_line_error(run)
        assert line.startswith("voipscan: error: ") and "cannot write report" in line
    finally:
        _undo(tmp_path, target)


def _immutable_or_skip(tmp_path: Path, case: str) -> Path:
    """As root, permissions do not stop a write: an immutable file or directory does."""
    chattr = shutil.which("chattr")
    subject = tmp_path / "ro"
    subject.mkdir()
    target = subject / "r.json"
    if case == "read-only-file":
        target.write_text("old")
    flagged = target if case == "read-only-file" else subject
    if chattr is None or subprocess.run([chattr, "+i", str(flagged)],
                                        capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here (root ignores permissions)")
    return target


def _undo(tmp_path: Path, target: Path) -> None:
    chattr = shutil.which("chattr")
    for path in (target, target.parent):
        if chattr and path.exists():
            subprocess.run([chattr, "-i", str(path)], capture_output=True)
    tmp_path.chmod(0o700)
    if target.exists() and target.is_file():
        target.chmod(0o600)


def test_a_full_disk_is_one_line() -> None:
    line = one_line_error(voipscan("scan", "config", HARDENED, "-f", "html", "-o",
                                   "/dev/full"))
    assert line == "voipscan: error: No space left on device"


def test_a_problem_is_printed_once(tmp_path: Path) -> None:
    broken = tmp_path / "pbx.yaml"
    broken.write_text(Path(INSECURE).read_text().replace("protocol: udp", "protocol: carrier"))
    run = voipscan("scan", "config", str(broken))
    both = run.stdout + run.stderr
    problem = [line for line in run.stderr.splitlines() if "carrier" in line]
    assert len(problem) == 1 and both.count("'carrier'") == 1, both


def test_summary_verbose_and_default_lengths() -> None:
    summary = voipscan("scan", "config", INSECURE, "--summary").stdout
    normal = voipscan("scan", "config", INSECURE).stdout
    verbose = voipscan("scan", "config", INSECURE, "-v").stdout
    assert len(summary.splitlines()) < len(normal.splitlines()) < len(verbose.splitlines())
    for text in (summary, normal, verbose):
        assert text.startswith("RESULT: FAILED")
        assert "\nRESULT: FAILED" in text  # at the top and at the bottom
    assert "Failed checks" not in summary and "BL-ENC-1" not in normal
    assert "BL-ENC-1" in verbose and "fix: " in verbose


def test_the_readme_first_command_prints_at_most_60_lines_verdict_first() -> None:
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"```sh\n(pip install [^\n]*)\n```", readme)
    assert command is not None
    scan = command.group(1).split("&&", 1)[1].split()
    assert scan[0] == "voipscan"
    run = voipscan(*scan[1:])
    lines = run.stdout.splitlines()
    assert len(lines) <= 60, len(lines)
    assert lines[0].startswith("RESULT: ")
    assert max(len(line) for line in lines) <= 100


def test_colour_only_when_asked_and_never_for_a_dumb_terminal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in voipscan("scan", "config", INSECURE, "--color").stdout
    assert "\x1b[" not in voipscan("scan", "config", INSECURE).stdout
    from voipscan.cli import options

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert options._color(None, "-") is True
    assert options._color(None, "report.txt") is False
    monkeypatch.setenv("TERM", "dumb")
    assert options._color(None, "-") is False
    assert options._color(True, "-") is True


def test_a_profile_named_twice_is_scored_once() -> None:
    import json

    run = voipscan("scan", "config", HARDENED, "-p", "gdpr", "-p", "gdpr", "-p", "baseline",
                   "-f", "json")
    assert [a["profile"] for a in json.loads(run.stdout)["assessments"]] == [
        "gdpr", "baseline"]


def test_srtp_options_without_srtp_are_an_error() -> None:
    run = voipscan("scan", "host", "127.0.0.1:9", "--extension", "100")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "--extension is used only with --srtp" in run.stderr


def test_the_html_report_draws_the_trend_of_the_store(tmp_path: Path) -> None:
    store = f"--store=sqlite:///{tmp_path / 'history.sqlite'}"
    for _ in range(2):
        assert voipscan("scan", "config", INSECURE, store, "-f", "json", "-o",
                        str(tmp_path / "r.json")).returncode == 1
    page = tmp_path / "r.html"
    run = voipscan("scan", "config", INSECURE, store, "-o", str(page))
    assert run.returncode == 1, run.stderr
    assert 'class="chart trend"' in page.read_text()


def test_problems_past_twenty_are_counted_when_the_reports_hold_them(tmp_path: Path) -> None:
    folders = [tmp_path / f"empty{i:02}" for i in range(25)]
    for folder in folders:
        folder.mkdir()
    report = tmp_path / "r.json"
    run = voipscan("scan", "config", *map(str, folders), "-o", str(report))
    assert run.returncode == 2, run.stderr
    lines = [line for line in run.stderr.splitlines() if "empty folder" in line]
    assert [line.split(": ")[2] for line in lines] == [str(f) for f in folders[:20]]
    assert "voipscan: 5 more problems (5 errors) are in the report" in run.stderr
    in_report = [p for t in json.loads(report.read_text())["targets"] for p in t["problems"]]
    assert len(in_report) == 25


def test_every_problem_is_printed_when_the_terminal_report_leaves_them_out(
        tmp_path: Path) -> None:
    folders = [tmp_path / f"empty{i:02}" for i in range(25)]
    for folder in folders:
        folder.mkdir()
    run = voipscan("scan", "config", *map(str, folders))
    assert run.returncode == 2, run.stderr
    assert sum("empty folder" in line for line in run.stderr.splitlines()) == 25
    assert "more problem" not in run.stderr
    assert "empty folder" not in run.stdout
