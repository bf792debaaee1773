"""'voipscan scan host' as a user runs it, against loopback responders."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema

from tests.paths import ROOT as REPO_ROOT
from tests.sources.host.responders import closed_port, registrar, reply, responder, silent
from voipscan.models.report_reader import target_findings

ROOT = REPO_ROOT
SCHEMA = json.loads((ROOT / "voipscan" / "schemas" / "report.schema.json").read_text())
FAST = ("--rate", "0", "--timeout", "1")


def voipscan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voipscan", "scan", "host", *args],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


def report(text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()
                                    ).validate(document)
    return document


def statuses(document: dict[str, Any], target: int = 0) -> dict[tuple[str, str], str]:
    return {(f["check_id"], f["resource"]): f["status"]
            for f in target_findings(document, target)}


def test_udp_host_scan_json_validates_and_judges_the_replies() -> None:
    with responder(reply(200, "OK", ("Server", "Asterisk PBX 18.20.0"))) as server:
        run = voipscan(f"127.0.0.1:{server.port}", "--transport", "udp", "-f", "json", *FAST)
    assert run.returncode == 1, run.stderr
    document = report(run.stdout)
    (target,) = document["targets"]
    assert (target["name"], target["kind"], target["format"], target["platform"]) == (
        f"127.0.0.1:{server.port}", "host", "sip-probe", "asterisk")
    endpoint = f"transport:udp:127.0.0.1:{server.port}"
    found = statuses(document)
    assert found[("signalling.tls", endpoint)] == "fail"
    assert found[("sip.version_disclosure", endpoint)] == "fail"
    assert found[("sip.user_enumeration", "system")] == "unknown"
    evidence = {e["fact"]: e for f in target_findings(document, target) for e in f["evidence"]
                if f["check_id"] == "sip.version_disclosure"}
    assert evidence["header"]["value"] == "Server: Asterisk PBX 18.20.0"
    assert evidence["header"]["source"]["kind"] == "probe"


def test_enumeration_leak_is_a_failed_finding() -> None:
    with responder(registrar({"alice"})) as server:
        run = voipscan(f"127.0.0.1:{server.port}", "--transport", "udp", "--enumerate",
                       "alice,bob", "-f", "json", *FAST)
    document = report(run.stdout)
    found = statuses(document)
    assert found[("sip.user_enumeration", f"transport:udp:127.0.0.1:{server.port}")] == "fail"
    assert found[("sip.version_disclosure", "system")] == "pass"


def test_target_file_bad_lines_are_reported_and_the_rest_is_scanned(tmp_path: Path) -> None:
    with responder(reply()) as server:
        targets = tmp_path / "targets.txt"
        targets.write_text(f"# lab\n127.0.0.1:{server.port}\n127.0.0.1:70000\n")
        run = voipscan("-iL", str(targets), "--transport", "udp", "-f", "json", *FAST)
    assert run.returncode == 2
    assert f"{targets}:3: invalid port '70000'" in run.stderr
    assert "Traceback" not in run.stderr
    document = report(run.stdout)
    assert [t["name"] for t in document["targets"]] == [
        f"{targets}:3", f"127.0.0.1:{server.port}"]
    assert [t["readable"] for t in document["targets"]] == [False, True]


def test_unreachable_host_is_reported_not_scored() -> None:
    port = closed_port()
    run = voipscan(f"127.0.0.1:{port}", "--transport", "udp", *FAST)
    assert run.returncode == 2
    assert (f"127.0.0.1:{port}: no SIP reply (udp/{port} closed: ICMP port unreachable)"
            in run.stderr)


def test_silent_range_addresses_are_counted_on_stderr() -> None:
    with responder(reply()) as server:
        run = voipscan(f"127.0.0.0/30:{server.port}", "--transport", "udp", "-f", "json",
                       "--timeout", "0.5", "--rate", "0")
    document = report(run.stdout)
    assert [t["name"] for t in document["targets"]] == [f"127.0.0.1:{server.port}"]
    assert "1 range address(es) did not answer" in run.stderr


def test_user_errors_are_one_line() -> None:
    for args, message in [
        (("10.0.0.0/8",), "16,777,214 addresses to scan, more than 65,536"),
        (("[::1",), "unclosed '['"),
        (("127.0.0.1", "--transport", "sctp"), "unknown transport 'sctp'"),
        ((), "give at least one target"),
    ]:
        run = voipscan(*args)
        assert run.returncode == 2, args
        assert message in run.stderr and "Traceback" not in run.stderr


def test_sigterm_mid_scan_writes_a_report_marked_incomplete() -> None:
    with responder(reply()) as good, responder(silent) as quiet:
        process = subprocess.Popen(
            [sys.executable, "-m", "voipscan", "scan", "host", f"127.0.0.1:{good.port}",
             f"127.0.0.1:{quiet.port}", "--transport", "udp", "--timeout", "20", "--rate", "0",
             "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        deadline = time.monotonic() + 20
        while not quiet.requests and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=10)
    assert "scan interrupted" in stderr
    document = report(stdout)
    assert document["scan"]["incomplete"] is True
    assert [t["readable"] for t in document["targets"]] == [True, False]
    assert document["targets"][1]["problems"][0]["message"].endswith(
        "scan interrupted before this host was done")
