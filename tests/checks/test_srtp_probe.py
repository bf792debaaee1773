from __future__ import annotations

from tests.checks.helpers import NOW, f, messages, run
from voipscan.checks import REGISTRY, Severity, Status
from voipscan.checks.base import CheckContext
from voipscan.facts import Endpoint, MediaEncryption, System


def system(*endpoints: Endpoint) -> System:
    return System("pbx", endpoints=endpoints, endpoints_known=True)


def ep(name: str, enc: MediaEncryption | None = MediaEncryption.SDES,
       weak: tuple[str, ...] | None = None, dtls: bool | None = None) -> Endpoint:
    return Endpoint(name, media_encryption=f(enc), srtp_weak_parameters=f(weak),
                    dtls_srtp=f(dtls))


def test_weak_parameters_pass_fail_unknown_and_not_applicable() -> None:
    result = run("media.srtp_weak_parameters", system(
        ep("strong", weak=()),
        ep("tag32", weak=("AES_CM_128_HMAC_SHA1_32",)),
        ep("unsure"),
        ep("plain", MediaEncryption.NONE),
        ep("dtls", MediaEncryption.DTLS),
        ep("dtls-probed", MediaEncryption.DTLS, weak=()),
    ))
    assert result == {"endpoint:strong": Status.PASS, "endpoint:tag32": Status.FAIL,
                      "endpoint:unsure": Status.UNKNOWN, "endpoint:plain": Status.NOT_APPLICABLE,
                      "endpoint:dtls": Status.NOT_APPLICABLE, "endpoint:dtls-probed": Status.PASS}
    assert messages("media.srtp_weak_parameters", system(ep("tag32", weak=(
        "AES_CM_128_HMAC_SHA1_32",)))) == [
        "Weak SRTP parameters accepted: AES_CM_128_HMAC_SHA1_32."]


def test_disabling_protection_is_a_high_severity_failure() -> None:
    check = REGISTRY["media.srtp_weak_parameters"]
    for weak, severity in ((("AES_CM_128_HMAC_SHA1_32",), Severity.MEDIUM),
                           (("UNENCRYPTED_SRTP",), Severity.HIGH),
                           (("AES_CM_128_HMAC_SHA1_32", "UNAUTHENTICATED_SRTP"), Severity.HIGH)):
        ctx = CheckContext(check, system(ep("x", weak=weak)), check.default_params(), NOW)
        (finding,) = check.run(ctx)
        assert (finding.status, finding.severity) == (Status.FAIL, severity)


def test_weak_parameters_need_endpoints() -> None:
    assert run("media.srtp_weak_parameters", System("pbx")) == {"system": Status.UNKNOWN}


def test_dtls_srtp() -> None:
    result = run("media.dtls_srtp", system(
        ep("yes", dtls=True),
        ep("no", dtls=False),
        ep("configured", MediaEncryption.DTLS),
        ep("unsure"),
        ep("plain", MediaEncryption.NONE),
        ep("plain-probed", MediaEncryption.NONE, dtls=False),
    ))
    assert result == {"endpoint:yes": Status.PASS, "endpoint:no": Status.FAIL,
                      "endpoint:configured": Status.PASS, "endpoint:unsure": Status.UNKNOWN,
                      "endpoint:plain": Status.NOT_APPLICABLE,
                      "endpoint:plain-probed": Status.FAIL}
    check = REGISTRY["media.dtls_srtp"]
    ctx = CheckContext(check, system(ep("no", dtls=False)), check.default_params(), NOW)
    (finding,) = check.run(ctx)
    assert finding.severity is Severity.INFO  # informational: weighs nothing in the score


def test_baseline_profile_has_the_new_controls() -> None:
    from voipscan import profiles

    baseline = {c.id: c for c in profiles.load("baseline").controls}
    assert [r.check_id for r in baseline["BL-ENC-7"].checks] == ["media.srtp_weak_parameters"]
    assert [r.check_id for r in baseline["BL-ENC-8"].checks] == ["media.dtls_srtp"]
