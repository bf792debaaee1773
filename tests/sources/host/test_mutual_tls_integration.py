"""Mutual TLS against a real Kamailio (verify_certificate and require_certificate = yes):
without a client certificate the scan says one is required; with --client-cert the OPTIONS
and SRTP probes get through."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.checks.helpers import run as run_check
from tests.paths import ROOT
from tests.sources.host.kamailio import TlsMode, kamailio, relay_route
from tests.sources.host.test_srtp_integration import sipp
from voipscan.checks import Status
from voipscan.errors import InputError
from voipscan.facts import SipProtocol
from voipscan.models.report_reader import target_findings
from voipscan.sources.host.client_tls import (
    CERTIFICATE_REQUIRED,
    ClientCertificate,
    load_client_certificate,
)
from voipscan.sources.host.host_facts import source_result
from voipscan.sources.host.probe import Reachability
from voipscan.sources.host.scanner import HostReport, ScanSettings, run_scan
from voipscan.sources.host.srtp_offers import OfferKind, Outcome
from voipscan.sources.host.srtp_probe import SrtpSettings, run_srtp
from voipscan.sources.host.targets import HostTarget, Service

pytestmark = pytest.mark.integration


def scan_tls(port: int, **settings: Any) -> HostReport:
    target = HostTarget(0, "peer", "127.0.0.1", (Service(SipProtocol.TLS, port),))
    options: dict[str, Any] = {"timeout": 2.0, "rate": None, "tls_audit": False, **settings}
    (report,) = run_scan([target], ScanSettings(**options)).reports
    return report


def test_without_a_client_certificate_the_scan_says_one_is_required(tmp_path: Path) -> None:
    with kamailio(tmp_path / "kam", tls=TlsMode.MUTUAL) as server:
        audited = scan_tls(server.tls, tls_audit=True, tls_light=True)
        probe_only = scan_tls(server.tls)
        assert server.alive()
    for report in (audited, probe_only):
        (probe,) = report.probes
        assert probe.reachability is Reachability.TLS_FAILED
        assert probe.tls_reason == CERTIFICATE_REQUIRED  # Kamailio offers TLS 1.3
        result = source_result(report)
        assert not result.fatal  # TLS answered: the host is reported, not "no reply"
        (transport,) = result.system.transports
        assert transport.client_cert_required.value is True
        assert run_check("signalling.tls_mutual_auth", result.system) == {
            f"transport:{probe.endpoint}": Status.PASS}
        texts = [p.message for p in result.problems]
        assert any("requires a client certificate" in t and "--client-cert" in t
                   for t in texts), texts
    # the audit decided it on its own handshakes; the probe's alert is the fallback
    (audit_transport,) = source_result(audited).system.transports
    assert "TLS audit" in (audit_transport.client_cert_required.source or "").__str__()


def test_with_a_client_certificate_options_and_srtp_get_through(tmp_path: Path) -> None:
    offers = (OfferKind.SDES_AES_CM_128, OfferKind.PLAIN_RTP)
    with sipp(tmp_path / "sipp", "uas_sdes_required.xml", calls=len(offers)) as uas, \
            kamailio(tmp_path / "kam", tls=TlsMode.MUTUAL,
                     route=relay_route(uas.port)) as server:
        client = load_client_certificate(server.pki.client.cert_path,
                                         server.pki.client.key_path)
        report = scan_tls(server.tls, client_cert=client)
        outcome = run_srtp([report], SrtpSettings(timeout=3.0, rate=None, offers=offers,
                                                  client_cert=client))
        assert uas.finish() == 0, uas.errors()
    (probe,) = report.probes
    assert (probe.reachability, probe.status) == (Reachability.OPEN, 200)
    assert probe.tls is not None and probe.tls.version == "TLSv1.3"
    (srtp,) = outcome.by_target[0]
    assert [(o.offer, o.outcome) for o in srtp.results] == [
        (OfferKind.SDES_AES_CM_128, Outcome.ACCEPTED), (OfferKind.PLAIN_RTP, Outcome.REJECTED)]
    system = source_result(report, outcome.by_target[0]).system
    (status,) = run_check("media.srtp_mandatory", system).values()
    assert status is Status.PASS


def test_a_certificate_the_server_does_not_trust_is_reported(tmp_path: Path) -> None:
    from tests.sources.host.pki import make_pki

    stranger = make_pki(tmp_path / "other")  # a client certificate from another CA
    with kamailio(tmp_path / "kam", tls=TlsMode.MUTUAL) as server:
        client = load_client_certificate(stranger.client.cert_path, stranger.client.key_path)
        report = scan_tls(server.tls, client_cert=client)
    (probe,) = report.probes
    assert probe.reachability is Reachability.TLS_FAILED
    texts = " ".join(p.message for p in source_result(report).problems)
    assert "OPTIONS over TLS failed" in texts
    assert "--client-cert FILE" not in texts  # never advise what the scan just did


def test_cli_with_client_certificate(tmp_path: Path) -> None:
    with kamailio(tmp_path / "kam", tls=TlsMode.MUTUAL) as server:
        def scan(*extra: str) -> dict[str, Any]:
            out = tmp_path / f"report{len(extra)}.json"
            run = subprocess.run(
                [sys.executable, "-m", "voipscan", "scan", "host", f"127.0.0.1:{server.tls}",
                 "--transport", "tls", "--tls-light", "--rate", "0", "--timeout", "2",
                 "--include-passed", "-p", "baseline", "-p", "financial", "-f", "json",
                 "-o", str(out), *extra],
                capture_output=True, text=True, timeout=120, cwd=ROOT)
            assert "Traceback" not in run.stderr, run.stderr
            data: dict[str, Any] = json.loads(out.read_text())
            return data

        without = scan()
        with_cert = scan("--client-cert", str(server.pki.client.cert_path),
                         "--client-key", str(server.pki.client.key_path))
    problems = " ".join(p["message"] for p in without["targets"][0]["problems"])
    assert "requires a client certificate" in problems
    assert "requires a client certificate" not in " ".join(
        p["message"] for p in with_cert["targets"][0]["problems"])
    findings = {f["check_id"]: f for f in target_findings(with_cert, 0)}
    assert findings["signalling.tls_mutual_auth"]["status"] == "pass"
    assert findings["sip.version_disclosure"]["status"] == "fail"  # OPTIONS answered


def test_unloadable_client_certificate_is_an_input_error(tmp_path: Path) -> None:
    from tests.sources.host.pki import make_pki

    pki = make_pki(tmp_path / "pki")
    with pytest.raises(InputError, match="cannot load the certificate and key"):
        load_client_certificate(pki.client.cert_path, pki.server.key_path)  # key mismatch
    pair = load_client_certificate(pki.client.cert_path, pki.client.key_path)
    assert isinstance(pair, ClientCertificate)
    assert str(pki.client.key_path) not in repr(pair)
