"""'voipscan scan host --srtp' as a user runs it, against the scripted Python UAS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema

from tests.paths import ROOT as REPO_ROOT
from tests.sources.host.test_srtp_media import sending, tone
from tests.sources.host.test_srtp_probe import (
    PASSWORD,
    REALM,
    UAS_KEY,
    plain_only,
    sdes_required,
    uas,
)
from voipscan.models.report_reader import target_findings

ROOT = REPO_ROOT
SCHEMA = json.loads((ROOT / "voipscan" / "schemas" / "report.schema.json").read_text())
FAST = ("--rate", "0", "--timeout", "1", "--transport", "udp")


def voipscan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "VOIPSCAN_SIP_PASSWORD"}
    return subprocess.run([sys.executable, "-m", "voipscan", "scan", "host", *args],
                          capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env={**environment, **(env or {})})


def findings(stdout: str) -> dict[tuple[str, str], dict[str, Any]]:
    document = json.loads(stdout)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()
                                    ).validate(document)
    return {(f["check_id"], f["resource"]): f for f in target_findings(document, 0)}


def test_srtp_over_udp_fails_the_cleartext_sdes_check() -> None:
    with uas(sdes_required) as (_, server):
        run = voipscan(f"127.0.0.1:{server.port}", *FAST, "--srtp", "--srtp-offers",
                       "sdes-aes-cm-128,dtls-srtp,plain-rtp", "-f", "json")
    assert run.returncode == 1, run.stderr
    resource = f"endpoint:voipscan-srtp-probe@udp:127.0.0.1:{server.port}"
    found = findings(run.stdout)
    assert found[("media.no_sdes_cleartext", resource)]["status"] == "fail"
    assert found[("media.no_sdes_cleartext", resource)]["severity"] == "critical"
    assert found[("media.srtp_mandatory", resource)]["status"] == "pass"
    assert found[("media.dtls_srtp", resource)]["status"] == "fail"
    assert found[("media.srtp_weak_parameters", resource)]["status"] == "unknown"  # not sent
    assert [r.method for r in server.requests if r.method != "OPTIONS"] == [
        "INVITE", "ACK", "BYE", "INVITE", "ACK", "INVITE", "ACK"]
    assert UAS_KEY not in run.stdout


def test_plain_only_host_fails_srtp_mandatory() -> None:
    with uas(plain_only) as (_, server):
        run = voipscan(f"127.0.0.1:{server.port}", *FAST, "--srtp", "--extension", "600",
                       "-f", "json")
    resource = f"endpoint:600@udp:127.0.0.1:{server.port}"
    found = findings(run.stdout)
    assert found[("media.srtp_mandatory", resource)]["status"] == "fail"
    assert found[("media.srtp_mandatory", resource)]["message"] == "Media is plain RTP."
    assert {r.uri for r in server.requests if r.method == "INVITE"} == {
        f"sip:600@127.0.0.1:{server.port}"}


def test_challenge_without_credentials_is_reported_with_a_hint() -> None:
    with uas(sdes_required, realm=REALM) as (_, server):
        run = voipscan(f"127.0.0.1:{server.port}", *FAST, "--srtp", "--srtp-offers",
                       "plain-rtp", "-f", "json")
    document = json.loads(run.stdout)
    problems = " ".join(p["message"] for p in document["targets"][0]["problems"])
    assert "SRTP probe inconclusive for 1 of 1 offers: authentication required" in problems
    assert "--auth-user" in problems


def test_credentials_from_a_file_are_used_and_never_shown(tmp_path: Path) -> None:
    secret_file = tmp_path / "sip.cred"
    secret_file.write_text(f"alice:{PASSWORD}\n")
    secret_file.chmod(0o600)
    with uas(sdes_required, realm=REALM) as (script, server):
        run = voipscan(f"127.0.0.1:{server.port}", *FAST, "--srtp", "--srtp-offers",
                       "sdes-aes-cm-128", "--auth-file", str(secret_file), "--show-probes",
                       "-f", "json")
    assert script.auth_ok == [True]
    assert PASSWORD not in run.stdout + run.stderr
    assert "resent with credentials" in run.stderr  # --show-probes shows the steps, no secret


def test_bad_srtp_options_are_one_line_errors(tmp_path: Path) -> None:
    cases = [
        (("--srtp", "--extension", "bad user"), "--extension must be a SIP user part"),
        (("--srtp", "--srtp-offers", "zrtp"), "unknown SRTP offer 'zrtp'"),
        (("--srtp", "--auth-user", "alice"), "VOIPSCAN_SIP_PASSWORD"),
        (("--auth-user", "alice"), "used only with --srtp"),
        (("--media-check", "2"), "--media-check is used only with --srtp"),
        (("--srtp", "--media-check", "60"), "60.0 is not in the range 0.5<=x<=10"),
    ]
    bad = tmp_path / "cred"
    bad.write_text("# comment\nalice-without-password\n")
    cases.append((("--srtp", "--auth-file", str(bad)), f"{bad}:2: expected 'user:password'"))
    for args, message in cases:
        run = voipscan("127.0.0.1:5", *FAST, *args)
        assert run.returncode == 2, (args, run.stderr)
        assert message in run.stderr, (args, run.stderr)
        assert "Traceback" not in run.stderr


def test_media_check_shows_audio_in_clear_after_an_srtp_answer() -> None:
    with uas(sending(lambda: tone(60))) as (_, server):
        run = voipscan(f"127.0.0.1:{server.port}", *FAST, "--srtp", "--srtp-offers",
                       "sdes-aes-cm-128", "--media-check", "0.6", "--show-probes", "-f", "json")
    finding = findings(run.stdout)["media.srtp_mandatory",
                                   f"endpoint:voipscan-srtp-probe@udp:127.0.0.1:{server.port}"]
    assert finding["status"] == "fail"
    assert "sdes-aes-cm-128 call carried its audio in clear" in finding["message"]
    assert "media check, 0.6 s in the call" in json.dumps(finding["evidence"])
    assert "-> media sent in clear (unencrypted G.711)" in run.stderr  # --show-probes
    assert UAS_KEY not in run.stdout + run.stderr
