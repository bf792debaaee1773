from __future__ import annotations

from typing import Any

from tests.checks.helpers import SRC, messages, run
from voipscan.checks import Status
from voipscan.facts import Fact, MediaEncryption, SipProtocol, System
from voipscan.facts.model import (
    CaptureEvidence,
    DigestExposure,
    KeyExposure,
    MediaStream,
    SipFlow,
    SipSourceActivity,
)

FLOW = SipFlow(SipProtocol.UDP, "10.0.0.5:5060", "10.0.0.1:5060", ("INVITE",), 3, SRC)


def capture(**fields: Any) -> System:
    evidence = CaptureEvidence(file="t.pcap", packets=100, complete=True, sip_messages=3,
                               flows=(FLOW,), **fields)
    return System("t.pcap", capture=evidence)


def stream(destination: str, encryption: MediaEncryption | None, packets: int) -> MediaStream:
    return MediaStream(destination, "RTP/AVP" if encryption else "",
                       Fact(encryption, SRC), packets, "10.0.0.5:5060", SRC, SRC)


def activity(address: str, **fields: Any) -> SipSourceActivity:
    return SipSourceActivity(address, requests=5, methods=("OPTIONS",), source=SRC, **fields)


ALL = ("capture.sdes_keys_exposed", "capture.cleartext_digest", "capture.plain_rtp",
       "capture.scanning_activity")


def test_capture_checks_do_not_apply_to_other_targets() -> None:
    for check_id in ALL:
        assert run(check_id, System("pbx")) == {"system": Status.NOT_APPLICABLE}


def test_sdes_keys_exposed() -> None:
    leaked = capture(key_exposures=(KeyExposure(FLOW.label, 2, ("AES_CM_128_HMAC_SHA1_80",),
                                                SRC),))
    assert run("capture.sdes_keys_exposed", leaked) == {
        "flow:udp 10.0.0.5:5060 -> 10.0.0.1:5060": Status.FAIL}
    assert run("capture.sdes_keys_exposed", capture()) == {"capture": Status.PASS}


def test_cleartext_digest() -> None:
    leaked = capture(digest_exposures=(DigestExposure(FLOW.label, "alice", "pbx", 1, SRC),))
    assert run("capture.cleartext_digest", leaked) == {
        "flow:udp 10.0.0.5:5060 -> 10.0.0.1:5060": Status.FAIL}
    assert "user 'alice' realm 'pbx'" in messages("capture.cleartext_digest", leaked)[0]
    assert run("capture.cleartext_digest", capture()) == {"capture": Status.PASS}


def test_plain_rtp() -> None:
    mixed = capture(media=(stream("10.0.0.5:4000", MediaEncryption.NONE, 50),
                           stream("10.0.0.1:5000", MediaEncryption.SDES, 50),
                           stream("10.0.0.7:6000", None, 80),
                           stream("10.0.0.8:7000", MediaEncryption.NONE, 0)))
    assert run("capture.plain_rtp", mixed) == {
        "media:10.0.0.5:4000": Status.FAIL, "media:10.0.0.7:6000": Status.UNKNOWN}
    srtp = capture(media=(stream("10.0.0.1:5000", MediaEncryption.DTLS, 50),))
    assert run("capture.plain_rtp", srtp) == {"capture": Status.PASS}
    negotiated_only = capture(media=(stream("10.0.0.8:7000", MediaEncryption.NONE, 0),))
    assert run("capture.plain_rtp", negotiated_only) == {"capture": Status.NOT_APPLICABLE}


def test_scanning_activity_signs() -> None:
    system = capture(sources=(
        activity("192.0.2.1", scanner_agents=("friendly-scanner",)),
        activity("192.0.2.2", users_probed=10),
        activity("192.0.2.3", ports_probed=5),
        activity("192.0.2.4", targets_unanswered=20),
        activity("192.0.2.5", failed_auth=10),
        activity("10.0.0.5", users_probed=9, ports_probed=4, targets_unanswered=19,
                 failed_auth=9),
    ))
    assert run("capture.scanning_activity", system) == {
        "source:192.0.2.1": Status.FAIL, "source:192.0.2.2": Status.FAIL,
        "source:192.0.2.3": Status.FAIL, "source:192.0.2.4": Status.FAIL,
        "source:192.0.2.5": Status.FAIL}


def test_scanning_activity_passes_and_thresholds_are_parameters() -> None:
    quiet = capture(sources=(activity("10.0.0.5", users_probed=3),))
    assert run("capture.scanning_activity", quiet) == {"capture": Status.PASS}
    assert run("capture.scanning_activity", quiet, min_users=3) == {
        "source:10.0.0.5": Status.FAIL}
    assert run("capture.scanning_activity", capture()) == {"capture": Status.NOT_APPLICABLE}
