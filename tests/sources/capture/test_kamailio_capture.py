"""A real capture: SIPp calls through Kamailio on loopback, recorded by tcpdump, then audited.

Kamailio relays (record-routed, stateful) to a SIPp UAS; a SIPp UAC places one call with an
SDP offer. tcpdump records only the ports of this test, on lo, bounded in packets and time.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.integration import REQUIRED, free_port, require_binary
from voipscan.cli import cli
from voipscan.models.report_reader import target_findings

HOST = "127.0.0.1"
MAX_PACKETS = 2000
RUN_TIMEOUT = 30
SIPP_BIND_FAILED = 254
SIPP_MEDIA = Path("/usr/share/sip-tester")  # Debian's home for SIPp's pcap/ directory

RELAY_ROUTE = """
request_route {
    if (!mf_process_maxfwd_header("10")) {
        sl_send_reply("483", "Too Many Hops");
        exit;
    }
    if (has_totag()) {
        loose_route();
    } else {
        record_route();
    }
    $du = "sip:127.0.0.1:UAS_PORT;transport=udp";
    t_relay();
    exit;
}
"""

pytestmark = pytest.mark.integration


@contextlib.contextmanager
def tcpdump(path: Path, ports: Sequence[int]) -> Iterator[None]:
    """Record UDP on lo for these ports; stop (SIGINT, which flushes) when the block ends."""
    binary = require_binary("tcpdump")
    expression = "udp and (" + " or ".join(f"port {p}" for p in ports) + ")"
    process = subprocess.Popen(
        [binary, "-i", "lo", "-n", "-U", "-c", str(MAX_PACKETS), "-w", str(path), expression],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert process.stderr is not None
        ready = process.stderr.readline().decode(errors="replace")
        if "listening on" not in ready:
            pytest.fail(f"tcpdump did not start: {ready}")
        yield
        time.sleep(0.3)  # let the last packets reach the file
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if process.stderr is not None:
            process.stderr.close()


@contextlib.contextmanager
def sipp(args: Sequence[str], cwd: Path) -> Iterator[subprocess.Popen[bytes]]:
    binary = require_binary("sipp")
    process = subprocess.Popen(
        [binary, *args, "-nostdin", "-timeout", f"{RUN_TIMEOUT}s", "-m", "1"],
        cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        yield process
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        process.wait(timeout=5)


def short_pcap_scenario(directory: Path) -> list[str]:
    """SIPp's built-in uac_pcap (RTP played from a pcap), with a one-second pause."""
    if not (SIPP_MEDIA / "g711a.pcap").exists():
        if REQUIRED:
            pytest.fail(f"{SIPP_MEDIA}/g711a.pcap is missing (package sip-tester)")
        pytest.skip(f"{SIPP_MEDIA}/g711a.pcap is missing (package sip-tester)")
    dumped = subprocess.run([require_binary("sipp"), "-sd", "uac_pcap"], capture_output=True,
                            text=True, timeout=10).stdout  # exits 99 after dumping
    scenario = re.sub(r'milliseconds="\d+"', 'milliseconds="1000"', dumped)
    scenario = scenario.replace("pcap/", f"{SIPP_MEDIA}/")
    path = directory / "uac_pcap.xml"
    path.write_text(scenario)
    return ["-sf", str(path)]


def record_call(tmp_path: Path, uac_scenario: list[str]) -> tuple[Path, int]:
    """One call recorded; retried on fresh ports when SIPp loses a port race (exit 254)."""
    for attempt in range(3):
        outcome = _record_call(tmp_path / f"attempt{attempt}", uac_scenario)
        if outcome is not None:
            return outcome
    pytest.fail("SIPp could not bind its ports three times")


def _record_call(directory: Path, uac_scenario: list[str]) -> tuple[Path, int] | None:
    from tests.sources.host.kamailio import kamailio

    directory.mkdir()
    uas_port, uac_port = free_port(socket.SOCK_DGRAM), free_port(socket.SOCK_DGRAM)
    uas_media, uac_media = free_port(socket.SOCK_DGRAM), free_port(socket.SOCK_DGRAM)
    capture = directory / "call.pcap"
    route = RELAY_ROUTE.replace("UAS_PORT", str(uas_port))
    with kamailio(directory / "kamailio", route=route) as server:
        ports = (server.udp, uas_port, uac_port, uas_media, uac_media)
        with tcpdump(capture, ports), sipp(
                ["-sn", "uas", "-i", HOST, "-p", str(uas_port), "-mp", str(uas_media),
                 "-rtp_echo"], directory) as uas:
            time.sleep(0.3)
            if uas.poll() == SIPP_BIND_FAILED:
                return None
            with sipp([f"{HOST}:{server.udp}", *uac_scenario, "-s", "300", "-i", HOST,
                       "-p", str(uac_port), "-mp", str(uac_media)], directory) as uac:
                status = uac.wait(timeout=RUN_TIMEOUT + 5)
            if status == SIPP_BIND_FAILED:
                return None
            assert status == 0, f"the SIPp call failed (exit {status})"
            time.sleep(0.3)  # the UAS would linger in its 4 s timewait: stopped on exit
    return capture, server.udp


def audit(capsys: pytest.CaptureFixture[str], capture: Path) -> dict[tuple[str, str], str]:
    code = cli.main(["scan", "pcap", str(capture), "-f", "json"], standalone_mode=False)
    out, err = capsys.readouterr()
    assert code == 1, err
    report = json.loads(out)
    assert report["targets"][0]["problems"] == []
    return {(f["check_id"], f["resource"]): f["status"]
            for f in target_findings(report, 0)}


def test_real_call_shows_cleartext_sip_and_plain_rtp_avp(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capture, proxy = record_call(tmp_path, ["-sn", "uac"])
    found = audit(capsys, capture)
    cleartext = {k: v for k, v in found.items() if k[0] == "signalling.tls"}
    assert cleartext, "no SIP transport seen in the capture"
    assert all(r.startswith("transport:udp 127.0.0.1:") for _, r in cleartext)
    assert any(r.endswith(f"-> 127.0.0.1:{proxy}") for _, r in cleartext)
    # loopback only: the cleartext transport is reported, and passes for that reason
    assert set(cleartext.values()) == {"pass"}
    plain = {k: v for k, v in found.items() if k[0] == "media.srtp_mandatory"}
    assert plain and set(plain.values()) == {"fail"}  # RTP/AVP offered and answered
    assert found[("capture.sdes_keys_exposed", "capture")] == "pass"


def test_real_call_with_rtp_on_the_wire(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    capture, _ = record_call(tmp_path, short_pcap_scenario(tmp_path))
    found = audit(capsys, capture)
    plain = {r: v for (c, r), v in found.items() if c == "capture.plain_rtp"}
    assert plain and set(plain.values()) == {"fail"}
    assert all(r.startswith("media:127.0.0.1:") for r in plain)
