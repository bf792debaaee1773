"""OPTIONS probes against real SIP peers: SIPp as UAS, and Kamailio over UDP, TCP and TLS."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.checks.helpers import run as run_check
from tests.integration import free_port, require_binary
from tests.sources.host.kamailio import DEFAULT_ROUTE, kamailio
from voipscan.checks import Status
from voipscan.facts import SipProtocol, TlsVersion
from voipscan.sources.host.host_facts import source_result
from voipscan.sources.host.probe import Reachability
from voipscan.sources.host.scanner import HostReport, ScanSettings, run_scan
from voipscan.sources.host.targets import HostTarget, Service

pytestmark = pytest.mark.integration

UDP, TCP, TLS = SipProtocol.UDP, SipProtocol.TCP, SipProtocol.TLS


def scan(services: tuple[Service, ...], **settings: Any) -> HostReport:
    target = HostTarget(0, "peer", "127.0.0.1", services)
    options: dict[str, Any] = {"timeout": 2.0, "rate": None, "tls_audit": False, **settings}
    (report,) = run_scan([target], ScanSettings(**options)).reports
    return report


def _udp_bound(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


@contextlib.contextmanager
def sipp_uas(directory: Path, *extra: str) -> Iterator[int]:
    """SIPp's built-in UAS scenario on a free UDP port, stopped on exit."""
    binary = require_binary("sipp")
    port = free_port(socket.SOCK_DGRAM)
    process = subprocess.Popen(
        [binary, "-sn", "uas", "-i", "127.0.0.1", "-p", str(port), "-m", "10", "-nostdin",
         "-timeout", "60s", *extra],
        cwd=directory, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while not _udp_bound(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"SIPp did not start: {process.stderr.read()!r}"  # type: ignore[union-attr]
                                   if process.poll() is not None else "SIPp did not bind")
            time.sleep(0.05)
        yield port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        if process.stderr is not None:
            process.stderr.close()


def test_sipp_uas_auto_answers_options_without_any_server_header(tmp_path: Path) -> None:
    # SIPp 3.6 answers OPTIONS only in automatic-answer mode (-aa), with a bare 200 OK:
    # no Server, User-Agent, Allow or Supported header.
    with sipp_uas(tmp_path, "-aa") as port:
        report = scan((Service(UDP, port),))
    (probe,) = report.probes
    assert probe.reachability is Reachability.OPEN
    assert (probe.status, probe.reason) == (200, "OK")
    assert (probe.server, probe.user_agent, probe.allow, probe.supported) == (
        None, None, (), ())
    system = source_result(report).system
    assert system.disclosures == () and system.disclosures_known
    assert run_check("sip.version_disclosure", system) == {"system": Status.PASS}


def test_sipp_uas_without_auto_answer_ignores_options(tmp_path: Path) -> None:
    # The uas scenario expects an INVITE; SIPp aborts the "call" and sends nothing back.
    with sipp_uas(tmp_path) as port:
        start = time.monotonic()
        report = scan((Service(UDP, port),), timeout=1.0)
        wall = time.monotonic() - start
    (probe,) = report.probes
    assert probe.reachability is Reachability.FILTERED and probe.sends == 2
    assert wall < 1.5


def test_kamailio_over_udp_tcp_and_tls_with_light_tls_audit(tmp_path: Path) -> None:
    with kamailio(tmp_path / "kamailio") as server:
        report = scan((Service(UDP, server.udp), Service(TCP, server.tcp),
                       Service(TLS, server.tls)), tls_audit=True, tls_light=True)
        assert server.alive()
    assert [p.reachability for p in report.probes] == [Reachability.OPEN] * 3
    assert {p.status for p in report.probes} == {200}
    assert {p.server for p in report.probes} == {"kamailio (5.6.3 (x86_64/linux))"}
    tls_probe = report.probes[2]
    assert tls_probe.tls is not None and tls_probe.tls.version == "TLSv1.3"
    result = source_result(report)
    system = result.system
    assert system.platform.value == "kamailio" and system.version.value == "5.6.3"
    assert [t.name for t in system.transports] == [p.endpoint for p in report.probes]
    tls_transport = system.transports[2]
    assert tls_transport.tls_versions.value == frozenset({TlsVersion.TLS1_2, TlsVersion.TLS1_3})
    by_transport = run_check("signalling.tls", system)
    assert [by_transport[f"transport:{p.endpoint}"] for p in report.probes] == [
        Status.FAIL, Status.FAIL, Status.PASS]
    assert set(run_check("sip.version_disclosure", system).values()) == {Status.FAIL}
    # the announced 5.6.3 is judged against the software data: 5.6 is out of support
    assert run_check("software.supported", system) == {"software:kamailio": Status.FAIL}


def test_kamailio_without_server_signature_discloses_nothing(tmp_path: Path) -> None:
    with kamailio(tmp_path / "kamailio", extra_config="server_signature=no") as server:
        report = scan((Service(UDP, server.udp), Service(TCP, server.tcp)))
    assert [(p.reachability, p.status, p.server) for p in report.probes] == [
        (Reachability.OPEN, 200, None)] * 2
    system = source_result(report).system
    assert run_check("sip.version_disclosure", system) == {"system": Status.PASS}


ENUMERATION_ROUTE = """
request_route {
    if (is_method("REGISTER")) {
        if ($tU == "alice") {
            sl_send_reply("401", "Unauthorized");
        } else {
            sl_send_reply("UNKNOWN_STATUS", "UNKNOWN_REASON");
        }
        exit;
    }
""" + DEFAULT_ROUTE.split("request_route {", 1)[1]


@pytest.mark.parametrize(("unknown", "leaks"), [
    (("404", "Not Found"), True), (("401", "Unauthorized"), False)])
def test_kamailio_user_enumeration(tmp_path: Path, unknown: tuple[str, str],
                                   leaks: bool) -> None:
    route = ENUMERATION_ROUTE.replace("UNKNOWN_STATUS", unknown[0]).replace(
        "UNKNOWN_REASON", unknown[1])
    with kamailio(tmp_path / "kamailio", route=route) as server:
        report = scan((Service(TCP, server.tcp),), users=("alice", "bob"))
    enumeration = report.enumeration
    assert enumeration is not None and enumeration.conclusive
    assert enumeration.leaked == (("alice",) if leaks else ())
    system = source_result(report).system
    assert system.user_enumeration.value is leaks
    expected = Status.FAIL if leaks else Status.PASS
    assert set(run_check("sip.user_enumeration", system).values()) == {expected}
