"""The SRTP probe against real peers: Kamailio terminating TLS and relaying to SIPp UAS
scenarios over UDP (tests/sources/host/sipp/), and SIPp alone over UDP.

Each SIPp scenario fails a call that does not get what a clean probe must send (the ACK and
BYE after a 200, the CANCEL and ACK after a 180, valid digest credentials), so SIPp's exit
status 0 proves the peer received them.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.checks.helpers import run as run_check
from tests.integration import free_port, require_binary
from tests.paths import ROOT as REPO_ROOT
from tests.sources.host.kamailio import kamailio, relay_route
from voipscan.checks import Status
from voipscan.facts import MediaEncryption, SipProtocol, System
from voipscan.models.report_reader import target_findings
from voipscan.sources.host.host_facts import source_result
from voipscan.sources.host.probe import ProbeResult, Reachability
from voipscan.sources.host.scanner import HostReport, ScanSettings, run_scan
from voipscan.sources.host.srtp_offers import OfferKind, Outcome
from voipscan.sources.host.srtp_probe import SrtpSettings, SrtpTransportResult, run_srtp
from voipscan.sources.host.targets import HostTarget, Service

pytestmark = pytest.mark.integration

ROOT = REPO_ROOT
SCENARIOS = Path(__file__).resolve().parent / "sipp"
LAB_USER, LAB_PASSWORD = "voipscan-lab", "lab-only sipp password"  # uas_digest.xml
MEDIA_CHECKS = ("media.srtp_mandatory", "media.no_sdes_cleartext",
                "media.srtp_weak_parameters", "media.dtls_srtp")
ALL = len(OfferKind)


@dataclass
class Sipp:
    port: int
    process: subprocess.Popen[bytes]
    directory: Path

    def finish(self, timeout: float = 15.0) -> int:
        """SIPp's exit status once its -m calls are done (0: every call went as scripted)."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"SIPp did not finish its calls; errors: {self.errors()}")

    def errors(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-2000:]
                         for p in self.directory.glob("*_errors.log"))

    def messages(self) -> str:
        return "\n".join(p.read_text(errors="replace")
                         for p in self.directory.glob("*_messages.log"))


def _udp_bound(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


@contextlib.contextmanager
def sipp(directory: Path, scenario: str, calls: int) -> Iterator[Sipp]:
    """A SIPp UAS running ``scenario`` for ``calls`` calls on a free UDP port; killed on exit."""
    binary = require_binary("sipp")
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port(socket.SOCK_DGRAM)
    process = subprocess.Popen(
        [binary, "-sf", str(SCENARIOS / scenario), "-i", "127.0.0.1", "-p", str(port),
         "-m", str(calls), "-nostdin", "-timeout", "60s", "-trace_err", "-trace_msg"],
        cwd=directory, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    server = Sipp(port, process, directory)
    try:
        deadline = time.monotonic() + 10
        while not _udp_bound(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"SIPp did not start: {server.errors()}")
            time.sleep(0.05)
        yield server
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)


def srtp_scan(protocol: SipProtocol, port: int, *, options: bool = True, **settings: Any
              ) -> tuple[System, SrtpTransportResult]:
    """OPTIONS scan, then the SRTP probe, then facts, as 'scan host --srtp' does.

    ``options=False`` stands in for an OPTIONS answer (SIPp alone takes an OPTIONS for a call
    that never ends)."""
    service = Service(protocol, port)
    target = HostTarget(0, "peer", "127.0.0.1", (service,))
    if options:
        settings_ = ScanSettings(timeout=2.0, rate=None, tls_audit=False)
        (report,) = run_scan([target], settings_).reports
    else:
        report = HostReport(target, (ProbeResult(service, target.endpoint(service),
                                                 Reachability.OPEN, status=200, reason="OK"),))
    chosen: dict[str, Any] = {"timeout": 3.0, "rate": None, **settings}
    outcome = run_srtp([report], SrtpSettings(**chosen))
    (result,) = outcome.by_target[0]
    return source_result(report, outcome.by_target[0]).system, result


def verdicts(system: System) -> dict[str, Status]:
    found = {}
    for check in MEDIA_CHECKS:
        (status,) = run_check(check, system).values()
        found[check] = status
    return found


def outcomes(result: SrtpTransportResult) -> dict[OfferKind, Outcome]:
    return {o.offer: o.outcome for o in result.results}


def test_sdes_required_uas_behind_kamailio_tls(tmp_path: Path) -> None:
    with sipp(tmp_path / "sipp", "uas_sdes_required.xml", calls=ALL) as uas, \
            kamailio(tmp_path / "kamailio", route=relay_route(uas.port)) as proxy:
        system, result = srtp_scan(SipProtocol.TLS, proxy.tls)
        assert uas.finish() == 0, uas.errors()  # every 200 got its ACK and BYE
        assert proxy.alive()
    assert outcomes(result) == {
        OfferKind.SDES_AES_CM_128: Outcome.ACCEPTED,
        OfferKind.SDES_AEAD_AES_128_GCM: Outcome.ACCEPTED,
        OfferKind.SDES_AES_256_CM: Outcome.ACCEPTED,
        OfferKind.SDES_BEST_EFFORT: Outcome.ACCEPTED,
        OfferKind.SDES_WEAK: Outcome.ACCEPTED,
        OfferKind.DTLS_SRTP: Outcome.REJECTED,
        OfferKind.PLAIN_RTP: Outcome.REJECTED,
    }
    assert [o.suite for o in result.results[:3]] == [
        "AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AES_256_CM_HMAC_SHA1_80"]
    rejected = result.results[-1]
    assert (rejected.answer, rejected.detail) == ("488 Not Acceptable Here",
                                                  'Warning: 399 sipp "SRTP required"')
    assert uas.messages().count("BYE sip:") == 5
    (endpoint,) = system.endpoints
    assert endpoint.media_encryption.value is MediaEncryption.SDES
    assert endpoint.transports.value == frozenset({SipProtocol.TLS})
    assert verdicts(system) == {
        "media.srtp_mandatory": Status.PASS,
        "media.no_sdes_cleartext": Status.PASS,  # SDES, but only over TLS
        "media.srtp_weak_parameters": Status.FAIL,  # it took the _32 tag
        "media.dtls_srtp": Status.FAIL,
    }


def test_plain_rtp_only_uas_behind_kamailio_tls(tmp_path: Path) -> None:
    with sipp(tmp_path / "sipp", "uas_plain_only.xml", calls=ALL) as uas, \
            kamailio(tmp_path / "kamailio", route=relay_route(uas.port)) as proxy:
        system, result = srtp_scan(SipProtocol.TLS, proxy.tls)
        assert uas.finish() == 0, uas.errors()
    found = outcomes(result)
    assert found[OfferKind.SDES_AES_CM_128] is Outcome.REJECTED
    assert found[OfferKind.SDES_BEST_EFFORT] is Outcome.DOWNGRADED  # a=crypto dropped
    assert found[OfferKind.DTLS_SRTP] is Outcome.REJECTED
    assert found[OfferKind.PLAIN_RTP] is Outcome.ACCEPTED
    (endpoint,) = system.endpoints
    assert endpoint.media_encryption.value is MediaEncryption.NONE
    assert endpoint.media_encryption_mandatory.value is False
    assert verdicts(system) == {
        "media.srtp_mandatory": Status.FAIL,  # SRTP not supported at all
        "media.no_sdes_cleartext": Status.NOT_APPLICABLE,
        "media.srtp_weak_parameters": Status.NOT_APPLICABLE,
        "media.dtls_srtp": Status.FAIL,
    }


def test_sdes_over_udp_straight_to_sipp_is_critical(tmp_path: Path) -> None:
    offers = (OfferKind.SDES_AES_CM_128, OfferKind.PLAIN_RTP)
    with sipp(tmp_path / "sipp", "uas_sdes_required.xml", calls=len(offers)) as uas:
        system, result = srtp_scan(SipProtocol.UDP, uas.port, options=False, offers=offers)
        assert uas.finish() == 0, uas.errors()
    assert list(outcomes(result).values()) == [Outcome.ACCEPTED, Outcome.REJECTED]
    verdict = verdicts(system)
    assert verdict["media.no_sdes_cleartext"] is Status.FAIL
    assert verdict["media.srtp_mandatory"] is Status.PASS


def test_ringing_phone_behind_kamailio_gets_cancelled(tmp_path: Path) -> None:
    offers = (OfferKind.SDES_AES_CM_128, OfferKind.PLAIN_RTP)
    with sipp(tmp_path / "sipp", "uas_ringing.xml", calls=len(offers)) as uas, \
            kamailio(tmp_path / "kamailio", route=relay_route(uas.port)) as proxy:
        started = time.monotonic()
        system, result = srtp_scan(SipProtocol.TLS, proxy.tls, offers=offers)
        elapsed = time.monotonic() - started
        assert uas.finish() == 0, uas.errors()  # CANCEL and the 487's ACK arrived
    assert [(o.outcome, o.answer) for o in result.results] == [
        (Outcome.INCONCLUSIVE, "180 Ringing")] * 2  # ringing without SDP accepts nothing
    assert all(o.cleanup.startswith("180 Ringing -> CANCEL; CANCEL -> 200") and
               o.cleanup.endswith("487 Request Terminated -> ACK") for o in result.results)
    assert uas.messages().count("CANCEL sip:") == 2
    assert elapsed < 5
    assert verdicts(system)["media.srtp_mandatory"] is Status.UNKNOWN


def _secrets_in(messages: str) -> set[str]:
    """Every key (offered or answered) and digest response SIPp saw on the wire."""
    keys = set(re.findall(r"inline:([A-Za-z0-9+/=]{20,})", messages))
    responses = set(re.findall(r'response="([0-9a-f]{32,})"', messages))
    assert keys and responses
    return keys | responses


def test_digest_uas_behind_kamailio_tls_via_the_cli_never_leaks_secrets(tmp_path: Path
                                                                        ) -> None:
    formats = ("text", "json", "sarif", "ocsf", "cef", "leef")
    with sipp(tmp_path / "sipp", "uas_digest.xml", calls=ALL) as uas, \
            kamailio(tmp_path / "kamailio", route=relay_route(uas.port)) as proxy:
        outputs = [arg for name in formats
                   for arg in ("-f", name, "-o", str(tmp_path / f"report.{name}"))]
        run = subprocess.run(
            [sys.executable, "-m", "voipscan", "scan", "host", f"127.0.0.1:{proxy.tls}",
             "--transport", "tls", "--no-tls-audit", "--rate", "0", "--timeout", "3",
             "--srtp", "--extension", "100", "--auth-user", LAB_USER, "--show-probes",
             "--include-passed", *outputs],
            capture_output=True, text=True, timeout=120, cwd=ROOT,
            env={**os.environ, "VOIPSCAN_SIP_PASSWORD": LAB_PASSWORD})
        assert uas.finish() == 0, uas.errors()  # SIPp verified every Authorization
        messages = uas.messages()
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    texts = {name: (tmp_path / f"report.{name}").read_text() for name in formats}
    texts.update(stdout=run.stdout, stderr=run.stderr)
    secrets = {LAB_PASSWORD, *_secrets_in(messages)}
    for name, text in texts.items():
        for secret in secrets:
            assert secret not in text, f"a secret leaked into {name}"
        assert "inline:" not in text and "response=" not in text, name
    document = json.loads(texts["json"])
    findings = {(f["check_id"], f["resource"]): f for f in target_findings(document, 0)}
    resource = f"endpoint:100@tls:127.0.0.1:{proxy.tls}"
    assert findings[("media.srtp_mandatory", resource)]["status"] == "pass"
    assert findings[("media.no_sdes_cleartext", resource)]["status"] == "pass"
    assert findings[("media.srtp_weak_parameters", resource)]["status"] == "fail"
    evidence = findings[("media.srtp_mandatory", resource)]["evidence"]
    details = " ".join(e["source"]["detail"] for e in evidence if e.get("source"))
    assert "INVITE offering RTP/SAVP a=crypto:1 AES_CM_128_HMAC_SHA1_80 -> 200 OK" in details
    assert "srtp sdes-aes-cm-128" in run.stderr  # -v lines
