"""SRTP probe results -> Endpoint facts -> the media checks' verdicts."""

from __future__ import annotations

from tests.checks.helpers import run
from voipscan.checks import Status
from voipscan.errors import ProblemLevel
from voipscan.facts import MediaEncryption, OriginKind, SipProtocol, System
from voipscan.sources.host import srtp_facts
from voipscan.sources.host.host_facts import source_result
from voipscan.sources.host.probe import ProbeResult, Reachability
from voipscan.sources.host.scanner import HostReport
from voipscan.sources.host.srtp_offers import OfferKind, OfferResult, Outcome
from voipscan.sources.host.srtp_probe import SrtpTransportResult
from voipscan.sources.host.targets import HostTarget, Service

K = OfferKind
SDES = MediaEncryption.SDES
OK = "200 OK"
REJECT = "488 Not Acceptable Here"


def offer(kind: OfferKind, outcome: Outcome, answer: str = OK,
          encryption: MediaEncryption | None = None, **extra: object) -> OfferResult:
    return OfferResult(kind, outcome, answer, encryption=encryption, **extra)  # type: ignore[arg-type]


def transport(*offers: OfferResult, protocol: SipProtocol = SipProtocol.UDP,
              detail: str = "") -> SrtpTransportResult:
    return SrtpTransportResult(f"{protocol.value}:127.0.0.1:5060", protocol,
                               "voipscan-srtp-probe", offers, detail)


def verdicts(*results: SrtpTransportResult) -> dict[str, dict[str, Status]]:
    endpoints, _ = srtp_facts.endpoints(results)
    system = System("host", endpoints=endpoints, endpoints_known=True)
    return {check: run(check, system) for check in (
        "media.srtp_mandatory", "media.no_sdes_cleartext", "media.srtp_weak_parameters",
        "media.dtls_srtp")}


SDES_REQUIRED = (
    offer(K.SDES_AES_CM_128, Outcome.ACCEPTED, encryption=SDES, suite="AES_CM_128_HMAC_SHA1_80"),
    offer(K.SDES_WEAK, Outcome.REJECTED, REJECT),
    offer(K.DTLS_SRTP, Outcome.REJECTED, REJECT),
    offer(K.PLAIN_RTP, Outcome.REJECTED, REJECT),
)


def test_sdes_required_over_udp_is_critical_over_tls_passes() -> None:
    name = "endpoint:voipscan-srtp-probe@udp:127.0.0.1:5060"
    assert verdicts(transport(*SDES_REQUIRED)) == {
        "media.srtp_mandatory": {name: Status.PASS},
        "media.no_sdes_cleartext": {name: Status.FAIL},
        "media.srtp_weak_parameters": {name: Status.PASS},
        "media.dtls_srtp": {name: Status.FAIL},
    }
    tls = name.replace("udp:", "tls:")
    assert verdicts(transport(*SDES_REQUIRED, protocol=SipProtocol.TLS))[
        "media.no_sdes_cleartext"] == {tls: Status.PASS}


def test_facts_carry_the_offer_and_answer_never_a_key() -> None:
    (endpoint,) = srtp_facts.endpoints((transport(*SDES_REQUIRED),))[0]
    assert endpoint.media_encryption.value is SDES
    source = endpoint.media_encryption.source
    assert source is not None and source.kind is OriginKind.PROBE
    assert source.location == "udp:127.0.0.1:5060"
    assert source.detail.startswith("INVITE offering RTP/SAVP a=crypto:1 "
                                    "AES_CM_128_HMAC_SHA1_80 -> 200 OK: accepted")
    assert endpoint.media_encryption_mandatory.value is True
    assert endpoint.transports.value == frozenset({SipProtocol.UDP})
    assert endpoint.srtp_weak_parameters.value == () and endpoint.dtls_srtp.value is False


def test_plain_rtp_accepted_makes_srtp_optional() -> None:
    result = transport(
        offer(K.SDES_AES_CM_128, Outcome.ACCEPTED, encryption=SDES),
        offer(K.PLAIN_RTP, Outcome.ACCEPTED, encryption=MediaEncryption.NONE),
    )
    (endpoint,) = srtp_facts.endpoints((result,))[0]
    assert (endpoint.media_encryption.value, endpoint.media_encryption_mandatory.value) == (
        SDES, False)
    assert set(verdicts(result)["media.srtp_mandatory"].values()) == {Status.FAIL}


def test_srtp_unsupported_is_plain_media() -> None:
    result = transport(
        offer(K.SDES_AES_CM_128, Outcome.REJECTED, REJECT),
        offer(K.SDES_BEST_EFFORT, Outcome.DOWNGRADED, encryption=MediaEncryption.NONE),
        offer(K.DTLS_SRTP, Outcome.DOWNGRADED, encryption=MediaEncryption.NONE),
        offer(K.PLAIN_RTP, Outcome.ACCEPTED, encryption=MediaEncryption.NONE),
    )
    (endpoint,) = srtp_facts.endpoints((result,))[0]
    assert endpoint.media_encryption.value is MediaEncryption.NONE
    assert endpoint.media_encryption.note == "no SRTP offer was accepted"
    found = verdicts(result)
    assert set(found["media.srtp_mandatory"].values()) == {Status.FAIL}
    assert set(found["media.no_sdes_cleartext"].values()) == {Status.NOT_APPLICABLE}
    assert set(found["media.srtp_weak_parameters"].values()) == {Status.NOT_APPLICABLE}


def test_dtls_only_and_weak_accepted() -> None:
    result = transport(
        offer(K.SDES_AES_CM_128, Outcome.REJECTED, REJECT),
        offer(K.SDES_WEAK, Outcome.ACCEPTED, encryption=SDES, weak=("UNENCRYPTED_SRTP",)),
        offer(K.DTLS_SRTP, Outcome.ACCEPTED, encryption=MediaEncryption.DTLS, setup="active"),
        offer(K.PLAIN_RTP, Outcome.REJECTED, REJECT),
        protocol=SipProtocol.TLS)
    found = verdicts(result)
    assert set(found["media.srtp_weak_parameters"].values()) == {Status.FAIL}
    assert set(found["media.dtls_srtp"].values()) == {Status.PASS}


def test_inconclusive_probe_leaves_facts_unknown_with_a_hint() -> None:
    auth = "authentication required; no credentials given"
    result = transport(*(offer(kind, Outcome.INCONCLUSIVE, "401 Unauthorized", detail=auth)
                         for kind in OfferKind))
    endpoints, problems = srtp_facts.endpoints((result,))
    (endpoint,) = endpoints
    assert endpoint.media_encryption.value is None
    assert endpoint.media_encryption.note == "no offer was conclusive"
    assert endpoint.media_encryption_mandatory.value is None
    (problem,) = problems
    assert problem.level is ProblemLevel.WARNING
    assert "inconclusive for 7 of 7 offers" in problem.message
    assert "--auth-user" in problem.message
    assert set(verdicts(result)["media.srtp_mandatory"].values()) == {Status.UNKNOWN}


def test_host_facts_carry_the_srtp_endpoints() -> None:
    service = Service(SipProtocol.UDP, 5060)
    target = HostTarget(0, "127.0.0.1", "127.0.0.1", (service,))
    probe = ProbeResult(service, "udp:127.0.0.1:5060", Reachability.OPEN, status=200,
                        reason="OK")
    report = HostReport(target, (probe,))
    without = source_result(report).system
    assert not without.endpoints_known
    system = source_result(report, (transport(*SDES_REQUIRED),)).system
    assert system.endpoints_known
    assert [e.name for e in system.endpoints] == ["voipscan-srtp-probe@udp:127.0.0.1:5060"]
