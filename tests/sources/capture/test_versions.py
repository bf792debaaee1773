"""A Server header seen in a capture names the software, for the patch-level checks."""

from __future__ import annotations

import datetime as dt

from tests.sources.capture.packets import request, sip, udp
from tests.sources.capture.test_analysis import analyse
from voipscan.checks import Status
from voipscan.checks.base import REGISTRY, CheckContext


def _options_answered_by(server: str) -> list:  # type: ignore[type-arg]
    reply = sip("SIP/2.0 200 OK", ["Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKv",
                                   "From: <sip:a@10.0.0.5>;tag=1", "To: <sip:b@10.0.0.1>;tag=2",
                                   "Call-ID: v", "CSeq: 1 OPTIONS", f"Server: {server}"])
    probe = request("OPTIONS", "b", "10.0.0.5", 5060, "10.0.0.1", 5060, call_id="v")
    return [udp("10.0.0.5", 5060, "10.0.0.1", 5060, probe),
            udp("10.0.0.1", 5060, "10.0.0.5", 5060, reply)]


def _run(check_id: str, packets: list) -> dict[str, Status]:  # type: ignore[type-arg]
    check = REGISTRY[check_id]
    context = CheckContext(check, analyse(packets), check.default_params(),
                           dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    return {f.resource: f.status for f in check.run(context)}


def test_a_server_header_in_a_capture_is_judged_for_support() -> None:
    packets = _options_answered_by("kamailio (5.6.3 (x86_64/linux))")
    system = analyse(packets)
    assert [d.detail for d in system.disclosures] == [
        "Server: kamailio (5.6.3 (x86_64/linux))"]
    assert system.disclosures[0].source is not None
    assert "packet 2" in system.disclosures[0].source.detail
    assert Status.FAIL in _run("software.supported", packets).values()
    assert Status.FAIL in _run("sip.version_disclosure", packets).values()


def test_a_neutral_server_header_discloses_nothing() -> None:
    packets = _options_answered_by("PBX")
    assert analyse(packets).disclosures == ()
    assert Status.FAIL not in _run("sip.version_disclosure", packets).values()
