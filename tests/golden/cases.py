"""The inputs whose verdicts are pinned, and the digest of a JSON report that is compared.

Recorded before the redesign of the scan API (issue #9): findings, statuses and scores of
every sample and stock fixture must come out the same through the new seams.
Re-record deliberately with ``python -m tests.golden.record`` when a verdict is meant to
change, and say why in the commit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.paths import ROOT as REPO_ROOT
from voipscan.models.report_reader import expand

ROOT = REPO_ROOT
GOLDEN_DIR = Path(__file__).resolve().parent / "recorded"
PROFILES = ("baseline", "gdpr", "iso27001", "nen7510", "bio", "financial", "education")

CONFIG_CASES: dict[str, tuple[str, ...]] = {
    "asterisk-hardened": ("samples/asterisk/hardened",),
    "asterisk-insecure": ("samples/asterisk/insecure",),
    "asterisk-stock": ("tests/sources/config/asterisk/stock",),
    "freepbx-hardened": ("samples/freepbx/hardened",),
    "freepbx-insecure": ("samples/freepbx/insecure",),
    "freepbx-hardened-backup": ("samples/freepbx/hardened-backup.tar.gz",),
    "freepbx-insecure-backup": ("samples/freepbx/insecure-backup.tar.gz",),
    "freeswitch-hardened": ("samples/freeswitch/hardened",),
    "freeswitch-insecure": ("samples/freeswitch/insecure",),
    "freeswitch-stock": ("tests/sources/config/freeswitch/stock",),
    "kamailio-hardened": ("samples/kamailio/hardened",),
    "kamailio-insecure": ("samples/kamailio/insecure",),
    "export-hardened": ("samples/export/hardened.yaml",),
    "export-insecure": ("samples/export/insecure.yaml",),
    "export-mixed": ("samples/export/mixed.yaml",),
}

CAPTURE_CASES = ("insecure", "secure", "sdes_call", "digest_register", "plain_call",
                 "dtls_call", "tls_servers", "friendly_scanner", "register_sweep",
                 "sip_over_tcp")


def profile_args() -> list[str]:
    return [arg for name in PROFILES for arg in ("-p", name)]


def run_json(args: list[str], out: Path) -> dict[str, Any]:
    """Run the CLI in a child process (as a user would) and read its JSON report."""
    subprocess.run([sys.executable, "-m", "voipscan", *args, *profile_args(), "-f", "json",
                    "-o", str(out)], cwd=ROOT, capture_output=True, check=False, timeout=300)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def write_capture(name: str, path: Path) -> Path:
    from tests.sources.capture import scenarios
    from tests.sources.capture.packets import write

    return write(path, getattr(scenarios, name)())


def digest(document: dict[str, Any]) -> dict[str, Any]:
    """What must not change: per target the findings, per assessment the statuses and score
    (a 2.0 report read back in the 1.3 shape, so one digest holds for both)."""
    report = expand(document)
    targets = []
    for target in report["targets"]:
        findings = sorted(
            [f["check_id"], f["resource"], f["status"], f["severity"]]
            for f in target["findings"]
        )
        targets.append({"platform": target["platform"], "findings": findings})
    assessments = []
    for assessment in report["assessments"]:
        score = assessment["score"]
        assessments.append({
            "profile": _profile_id(assessment["profile"]),
            "value": score["value"],
            "grade": score["grade"],
            "controls": sorted([c["id"], c["status"]] for c in assessment["controls"]),
        })
    return {"passed": report["verdict"]["passed"], "targets": targets,
            "assessments": assessments}


def _profile_id(profile: Any) -> str:
    return str(profile["id"] if isinstance(profile, dict) else profile)
