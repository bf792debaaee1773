"""scan pcap end to end: captures written with scapy, findings read from the JSON report."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.paths import ROOT as REPO_ROOT
from tests.sources.capture import scenarios
from tests.sources.capture.packets import DIGEST_RESPONSE, NONCE, SDES_KEY, udp, write
from voipscan.cli import cli
from voipscan.facts.model import CaptureEvidence
from voipscan.models.report_reader import assessment_controls, target_findings

SECRETS = (SDES_KEY, DIGEST_RESPONSE, NONCE)
REPORT_SCHEMA = json.loads((REPO_ROOT / "voipscan" / "schemas"
                            / "report.schema.json").read_text())


def scan(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["scan", "pcap", *args], standalone_mode=False)
    out, err = capsys.readouterr()
    return code, out, err


def statuses(report: dict[str, Any], target: int = 0) -> dict[tuple[str, str], str]:
    return {(f["check_id"], f["resource"]): f["status"]
            for f in target_findings(report, target)}


def only(found: dict[tuple[str, str], str], *check_ids: str) -> dict[tuple[str, str], str]:
    """Findings of these checks, or of every check whose id starts with 'prefix.'."""
    return {k: v for k, v in found.items()
            if k[0] in check_ids or any(i.endswith(".") and k[0].startswith(i)
                                        for i in check_ids)}


INSECURE_CAPTURE_FINDINGS = {
    ("capture.sdes_keys_exposed", "flow:udp 10.0.0.5:5060 -> 10.0.0.1:5060"): "fail",
    ("capture.cleartext_digest", "flow:udp 10.0.0.5:5060 -> 10.0.0.1:5060"): "fail",
    ("capture.plain_rtp", "media:10.0.0.6:4000"): "fail",
    ("capture.plain_rtp", "media:10.0.0.1:5004"): "fail",
    ("capture.scanning_activity", "source:203.0.113.9"): "fail",
    ("capture.scanning_activity", "source:198.51.100.7"): "fail",
}


@pytest.fixture(scope="module")
def insecure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("pcap") / "insecure.pcap", scenarios.insecure())


def test_insecure_capture(capsys: pytest.CaptureFixture[str], insecure: Path) -> None:
    code, out, _ = scan(capsys, str(insecure), "-f", "json")
    assert code == 1
    report = json.loads(out)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(report)
    target = report["targets"][0]
    assert (target["kind"], target["format"], target["problems"]) == ("capture", "pcap", [])
    found = statuses(report)
    assert only(found, "capture.") == INSECURE_CAPTURE_FINDINGS
    assert only(found, "signalling.tls", "signalling.tls13", "signalling.tls_min_version") == {
        ("signalling.tls", "transport:udp 10.0.0.5:5060 -> 10.0.0.1:5060"): "fail",
        ("signalling.tls", "transport:udp 10.0.0.6:5062 -> 10.0.0.1:5060"): "fail",
        ("signalling.tls", "transport:udp 203.0.113.9:5071 -> 10.0.0.1:5060"): "fail",
        ("signalling.tls", "transport:udp 198.51.100.7:5060 -> 10.0.0.1:5060"): "fail",
        ("signalling.tls", "transport:tcp 10.0.0.5:41000 -> 10.0.0.1:5060"): "fail",
        ("signalling.tls", "transport:tls 10.0.0.1:5061"): "pass",
        ("signalling.tls", "transport:tls 10.0.0.2:5061"): "pass",
        ("signalling.tls13", "transport:tls 10.0.0.1:5061"): "fail",
        ("signalling.tls13", "transport:tls 10.0.0.2:5061"): "pass",
        ("signalling.tls_min_version", "transport:tls 10.0.0.1:5061"): "pass",
        ("signalling.tls_min_version", "transport:tls 10.0.0.2:5061"): "pass",
    }
    assert only(found, "media.srtp_mandatory", "media.no_sdes_cleartext") == {
        ("media.srtp_mandatory", "endpoint:10.0.0.5:5060"): "pass",
        ("media.srtp_mandatory", "endpoint:10.0.0.1:5060"): "fail",
        ("media.srtp_mandatory", "endpoint:10.0.0.6:5062"): "fail",
        ("media.no_sdes_cleartext", "endpoint:10.0.0.5:5060"): "fail",
        ("media.no_sdes_cleartext", "endpoint:10.0.0.1:5060"): "not-applicable",
        ("media.no_sdes_cleartext", "endpoint:10.0.0.6:5062"): "not-applicable",
    }
    controls = {c["id"]: c["status"] for c in assessment_controls(report, 0)}
    assert {k: v for k, v in controls.items() if k.startswith("BL-CAP")} == {
        "BL-CAP-1": "fail", "BL-CAP-2": "fail", "BL-CAP-3": "fail", "BL-CAP-4": "fail"}


def test_evidence_points_at_packets(capsys: pytest.CaptureFixture[str], insecure: Path) -> None:
    _, out, _ = scan(capsys, str(insecure), "-f", "json")
    findings = target_findings(json.loads(out), 0)
    digest = next(f for f in findings if f["check_id"] == "capture.cleartext_digest")
    assert "user 'alice' realm 'pbx.example'" in digest["message"]
    source = digest["evidence"][0]["source"]
    assert source == {"kind": "capture", "location": str(insecure), "line": None,
                      "detail": "packet 65, 10.0.0.5:5060 -> 10.0.0.1:5060 "
                                "(REGISTER with Authorization)"}
    transport = next(f for f in findings if f["resource"] ==
                     "transport:udp 10.0.0.5:5060 -> 10.0.0.1:5060")
    assert transport["evidence"][0]["source"]["detail"].endswith(
        "6 SIP messages: INVITE, REGISTER")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_no_key_or_hash_in_any_output(capsys: pytest.CaptureFixture[str], insecure: Path,
                                      fmt: str) -> None:
    _, out, err = scan(capsys, str(insecure), "-f", fmt, "--no-color")
    assert "SDES keys" in out or "sdes_keys_exposed" in out
    for secret in SECRETS:
        assert secret not in out and secret not in err


def test_no_secret_in_the_facts(insecure: Path) -> None:
    from voipscan.sources.capture import audit_capture

    result = audit_capture(insecure)
    text = repr(result)
    for secret in SECRETS:
        assert secret not in text


def test_pcapng_gives_the_same_findings(capsys: pytest.CaptureFixture[str], insecure: Path,
                                        tmp_path: Path) -> None:
    ng = write(tmp_path / "insecure.pcapng", scenarios.insecure(), pcapng=True)
    _, out, _ = scan(capsys, str(insecure), str(ng), "-f", "json")
    report = json.loads(out)
    assert report["targets"][1]["format"] == "pcapng"
    first, second = statuses(report, 0), statuses(report, 1)
    assert first == second


def test_secure_capture_passes_capture_checks(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    path = write(tmp_path / "secure.pcap", scenarios.secure())
    _, out, _ = scan(capsys, str(path), "-f", "json")
    found = statuses(json.loads(out))
    assert only(found, "capture.") == {
        ("capture.sdes_keys_exposed", "capture"): "pass",
        ("capture.cleartext_digest", "capture"): "pass",
        ("capture.plain_rtp", "capture"): "pass",
        ("capture.scanning_activity", "capture"): "pass",
    }
    assert found[("signalling.tls13", "transport:tls 10.0.0.2:5061")] == "pass"
    assert found[("media.srtp_mandatory", "endpoint:10.0.0.5:5070")] == "pass"


def test_truncated_capture_reports_problem_and_findings_so_far(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    packets = [*scenarios.sdes_call(), *scenarios.plain_call()]
    path = write(tmp_path / "cut.pcap", packets)
    path.write_bytes(path.read_bytes()[:-25])
    last, size = len(packets), len(bytes(packets[-1]))
    code, out, err = scan(capsys, str(path), "-f", "json")
    assert code == 1  # findings fail; a damaged file is a problem, not an input error
    report = json.loads(out)
    (problem,) = report["targets"][0]["problems"]
    assert problem["message"] == (
        f"capture is truncated: packet {last} is cut short ({size - 25} of {size} bytes); "
        f"findings cover the {last - 1} packets before it")
    assert f"voipscan: error: {path}: capture is truncated: packet {last} " in err
    found = statuses(report)
    assert found[("capture.sdes_keys_exposed", "flow:udp 10.0.0.5:5060 -> 10.0.0.1:5060")] \
        == "fail"
    assert found[("capture.plain_rtp", "media:10.0.0.6:4000")] == "fail"


def test_unreadable_targets_are_input_errors_and_the_rest_is_scanned(
        capsys: pytest.CaptureFixture[str], insecure: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    code, out, err = scan(capsys, str(text), str(tmp_path / "absent.pcap"), str(insecure),
                          "-f", "json")
    assert code == 2
    report = json.loads(out)
    assert [t["readable"] for t in report["targets"]] == [False, False, True]
    assert f"{text}: a text file, not a capture" in err
    assert "absent.pcap: cannot open: No such file or directory" in err
    assert "Traceback" not in err


def test_ipv6_and_sip_over_tcp(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tests.sources.capture.packets import request

    invite = request("INVITE", "100", "2001:db8::5", 5060, "2001:db8::1", 5060,
                     extra=["Authorization: Digest username=\"bob\", realm=\"v6\", "
                            f"response=\"{DIGEST_RESPONSE}\""])
    path = write(tmp_path / "v6.pcap", [udp("2001:db8::5", 5060, "2001:db8::1", 5060, invite),
                                        *scenarios.sip_over_tcp()])
    _, out, _ = scan(capsys, str(path), "-f", "json")
    found = statuses(json.loads(out))
    assert found[("capture.cleartext_digest",
                  "flow:udp [2001:db8::5]:5060 -> [2001:db8::1]:5060")] == "fail"
    assert found[("signalling.tls", "transport:tcp 10.0.0.5:41000 -> 10.0.0.1:5060")] == "fail"
    assert DIGEST_RESPONSE not in out


def test_capture_counts(insecure: Path) -> None:
    from voipscan.sources.capture import audit_capture

    evidence = audit_capture(insecure).system.capture
    assert isinstance(evidence, CaptureEvidence)
    assert (evidence.packets, evidence.sip_messages, evidence.complete) == (
        len(scenarios.insecure()), 44, True)
    flow = next(f for f in evidence.flows if f.client == "10.0.0.6:5062")
    assert (flow.methods, flow.messages) == (("ACK", "BYE", "INVITE"), 4)


def test_sigterm_mid_capture_gives_a_report_marked_incomplete(tmp_path: Path) -> None:
    """The capture is a FIFO that never ends: only the signal can stop the audit."""
    fifo = tmp_path / "live.pcap"
    os.mkfifo(fifo)
    capture = write(tmp_path / "call.pcap", scenarios.sdes_call()).read_bytes()
    process = subprocess.Popen([sys.executable, "-m", "voipscan", "scan", "pcap", str(fifo),
                                "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        with fifo.open("wb") as writer:
            writer.write(capture)
            writer.write(capture[24:] * 2000)  # records only: the header came first
            writer.flush()
            time.sleep(1.0)
            process.send_signal(signal.SIGTERM)
            out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 143, err  # 128 + SIGTERM: interrupted, report written
    report = json.loads(out)
    assert report["scan"]["incomplete"] is True
    (problem,) = report["targets"][0]["problems"]
    assert re.fullmatch(r"interrupted after \d+ packets; findings cover those",
                        problem["message"])
    found = statuses(report)
    assert found[("capture.sdes_keys_exposed", "flow:udp 10.0.0.5:5060 -> 10.0.0.1:5060")] \
        == "fail"


def test_warnings_for_undecodable_link_types_and_unparsable_sip(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from scapy.layers.dot11 import Dot11
    from scapy.utils import PcapWriter

    wifi = tmp_path / "wifi.pcap"
    writer = PcapWriter(str(wifi), linktype=105)
    writer.write(Dot11())
    writer.close()
    broken = write(tmp_path / "broken.pcap", [udp("10.0.0.5", 5060, "10.0.0.1", 5060,
                                                  b"INVITE sip:a@b SIP/2.0\r\nbad header\r\n")])
    code, out, err = scan(capsys, str(wifi), str(broken), "-f", "json")
    assert code == 2  # neither capture yields a fact: nothing to assess, never a pass
    problems = [t["problems"] for t in json.loads(out)["targets"]]
    assert [p["message"] for p in problems[0]] == [
        "none of the 1 packets is UDP or TCP over IP (link type 105): nothing to audit"]
    assert [p["message"] for p in problems[1]] == [
        "1 packets looked like SIP but could not be parsed",
        "no SIP signalling (cleartext, WebSocket or TLS) among its 1 decoded packets: nothing "
        "to audit"]
    assert [p["level"] for p in problems[1]] == ["warning", "error"]
    assert "Traceback" not in err


def test_without_scapy_scan_pcap_says_which_extra_to_install(tmp_path: Path) -> None:
    """scapy is the optional ``pcap`` extra: without it, one line and exit 2; the other
    commands do not need it."""
    path = write(tmp_path / "t.pcap", [udp("10.0.0.5", 5060, "10.0.0.1", 5060, b"x")])
    no_scapy = "import sys; sys.modules['scapy'] = None; from voipscan.cli import main; main()"
    run = subprocess.run([sys.executable, "-c", no_scapy, "scan", "pcap", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == ("voipscan: error: reading captures needs scapy, which is not "
                          "installed: pip install 'voipscan[pcap]'\n")
    config = REPO_ROOT / "samples" / "asterisk" / "insecure"
    run = subprocess.run([sys.executable, "-c", no_scapy, "scan", "config", str(config),
                          "-f", "json"], capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 1) and "scapy" not in run.stderr
    assert json.loads(run.stdout)["targets"]


def test_scapy_is_the_optional_pcap_extra_and_the_licence_says_why() -> None:
    import tomllib

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    assert not [d for d in project["dependencies"] if d.startswith("scapy")]
    assert project["optional-dependencies"]["pcap"] == ["scapy>=2.8,<3"]
    assert any(d.startswith("voipscan[pcap") for d in project["optional-dependencies"]["test"])
    assert any(d.startswith("sslyze") for d in project["dependencies"])
    assert project["license"] == {"text": "AGPL-3.0-or-later"}  # sslyze's AGPL-3.0, required
    readme = (REPO_ROOT / "README.md").read_text()
    assert "## Licence" in readme and "GPL-2.0-only" in readme
