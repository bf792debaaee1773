"""A capture that shows too little never passes: nothing decoded, most packets not decoded,
or no signalling at all."""

from __future__ import annotations

from pathlib import Path

from scapy.layers.l2 import Ether
from scapy.packet import Raw

from tests.sources.capture import scenarios
from tests.sources.capture.packets import rtp, write
from tests.sources.capture.test_encapsulation import _register
from voipscan import api
from voipscan.checks import Status


def _scan(path: Path) -> api.ScanResult:
    return api.scan([api.capture(path)], ["baseline"])


def _statuses(result: api.ScanResult) -> dict[str, Status]:
    return {f.finding.check_id: f.finding.status for t in result.targets for f in t.findings
            if f.finding.resource == "capture"}


def test_nothing_decoded_is_an_input_error(tmp_path: Path) -> None:
    odd = [Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02", type=0x8137)
           / Raw(b"\x00" * 60) for _ in range(20)]
    result = _scan(write(tmp_path / "ipx.pcap", odd))
    assert not result.verdict.passed and result.input_errors


def test_mostly_undecoded_passes_nothing(tmp_path: Path) -> None:
    clean = scenarios.secure()  # on its own it passes the capture checks
    odd = [Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02", type=0x8137)
           / Raw(b"\x00" * 60) for _ in range(len(clean) + 1)]
    assert Status.PASS in _statuses(_scan(write(tmp_path / "clean.pcap", clean))).values()
    result = _scan(write(tmp_path / "mixed.pcap", [*clean, *odd]))
    statuses = _statuses(result)
    assert Status.PASS not in statuses.values(), statuses
    assert not result.verdict.passed
    problems = [p.message for t in result.targets for p in t.problems]
    assert any("could not be decoded" in m for m in problems)


def test_a_digest_in_a_tunnel_fails_the_capture(tmp_path: Path) -> None:
    from tests.sources.capture.tunnels import erspan

    result = _scan(write(tmp_path / "erspan.pcap", [erspan(p, 2) for p in _register()]))
    assert _statuses(result).get("capture.cleartext_digest") is None  # failed per flow
    failed = {f.finding.check_id for t in result.targets for f in t.findings
              if f.finding.status is Status.FAIL}
    assert "capture.cleartext_digest" in failed and not result.verdict.passed


def test_media_alone_is_nothing_to_audit(tmp_path: Path) -> None:
    """No SIP at all: no check can judge anything, so the capture is not passed."""
    result = _scan(write(tmp_path / "rtp.pcap", rtp("10.0.0.5", 30000, "10.0.0.1", 40000, 80)))
    assert not result.verdict.passed and result.input_errors
    [target] = result.targets
    message = " ".join(p.message for p in target.problems)
    assert "no SIP signalling" in message and "1 RTP-like stream" in message


def test_secure_signalling_in_a_mostly_undecoded_capture_is_not_passed(tmp_path: Path) -> None:
    clean = scenarios.tls13_signalling()
    assert _scan(write(tmp_path / "clean.pcap", clean)).verdict.passed
    odd = [Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02", type=0x8137)
           / Raw(b"\x00" * 60) for _ in range(len(clean) + 1)]
    result = _scan(write(tmp_path / "mixed.pcap", [*clean, *odd]))
    assert not result.verdict.passed
    problems = " ".join(p.message for t in result.targets for p in t.problems)
    assert "could not be decoded" in problems
