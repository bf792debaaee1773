from __future__ import annotations

from tests.checks.helpers import NOW, f, messages, run
from voipscan.checks import REGISTRY, CheckContext, Severity, Status
from voipscan.facts import Endpoint, MediaEncryption, SipProtocol, SipTransport, System


def system(*endpoints: Endpoint, transports: tuple[SipTransport, ...] = ()) -> System:
    return System("pbx", endpoints=endpoints, endpoints_known=True, transports=transports,
                  transports_known=bool(transports))


def ep(name: str, enc: MediaEncryption | None = MediaEncryption.SDES,
       mandatory: bool | None = None, transports: frozenset[SipProtocol] | None = None,
       weak: tuple[str, ...] | None = None, dtls: bool | None = None) -> Endpoint:
    return Endpoint(name, media_encryption=f(enc), media_encryption_mandatory=f(mandatory),
                    transports=f(transports), srtp_weak_parameters=f(weak), dtls_srtp=f(dtls))


def test_srtp_mandatory() -> None:
    result = run("media.srtp_mandatory", system(
        ep("plain", MediaEncryption.NONE),
        ep("optional", MediaEncryption.SDES, False),
        ep("required", MediaEncryption.DTLS, True),
        ep("unsure", MediaEncryption.SDES),
        ep("blank", None),
    ))
    assert result == {
        "endpoint:plain": Status.FAIL,
        "endpoint:optional": Status.FAIL,
        "endpoint:required": Status.PASS,
        "endpoint:unsure": Status.UNKNOWN,
        "endpoint:blank": Status.UNKNOWN,
    }


def test_srtp_unknown_without_endpoints_and_na_with_none() -> None:
    assert run("media.srtp_mandatory", System("pbx")) == {"system": Status.UNKNOWN}
    assert run("media.srtp_mandatory", system()) == {"system": Status.NOT_APPLICABLE}


def test_sdes_over_cleartext_is_critical_failure() -> None:
    udp = frozenset({SipProtocol.UDP, SipProtocol.TLS})
    result = run("media.no_sdes_cleartext", system(
        ep("leaky", MediaEncryption.SDES, True, udp),
        ep("safe", MediaEncryption.SDES, True, frozenset({SipProtocol.TLS})),
        ep("dtls", MediaEncryption.DTLS, True, udp),
    ))
    assert result == {"endpoint:leaky": Status.FAIL, "endpoint:safe": Status.PASS,
                      "endpoint:dtls": Status.NOT_APPLICABLE}


def test_sdes_without_own_transports_uses_system_transports() -> None:
    udp = SipTransport("udp", protocol=f(SipProtocol.UDP))
    tls = SipTransport("tls", protocol=f(SipProtocol.TLS))
    assert run("media.no_sdes_cleartext",
               system(ep("x", MediaEncryption.SDES), transports=(udp, tls))) == {
        "endpoint:x": Status.FAIL}
    assert run("media.no_sdes_cleartext",
               system(ep("x", MediaEncryption.SDES), transports=(tls,))) == {
        "endpoint:x": Status.PASS}
    assert run("media.no_sdes_cleartext", system(ep("x", MediaEncryption.SDES))) == {
        "endpoint:x": Status.UNKNOWN}


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


def _web(name: str, enc: MediaEncryption | None, mandatory: bool | None,
         transports: frozenset[SipProtocol] | None = frozenset({SipProtocol.WSS})) -> Endpoint:
    return Endpoint(name, transports=f(transports), media_encryption=f(enc),
                    media_encryption_mandatory=f(mandatory))


def test_webrtc_endpoints_accept_dtls_srtp_only() -> None:
    system = System("pbx", endpoints_known=True, endpoints=(
        _web("dtls", MediaEncryption.DTLS, True),
        _web("sdes", MediaEncryption.SDES, True),
        _web("plain", MediaEncryption.NONE, False),
        _web("optional", MediaEncryption.DTLS, False),
        _web("unknown", None, None),
        _web("desk-phone", MediaEncryption.NONE, False, frozenset({SipProtocol.UDP})),
        _web("no-transport-known", MediaEncryption.NONE, False, None),
    ))
    assert run("media.webrtc_dtls_srtp", system) == {
        "endpoint:dtls": Status.PASS, "endpoint:sdes": Status.FAIL,
        "endpoint:plain": Status.FAIL, "endpoint:optional": Status.FAIL,
        "endpoint:unknown": Status.UNKNOWN,
    }


def test_webrtc_without_websocket_endpoints_does_not_apply() -> None:
    phones = System("pbx", endpoints_known=True, endpoints=(
        _web("desk", MediaEncryption.NONE, False, frozenset({SipProtocol.UDP})),))
    assert run("media.webrtc_dtls_srtp", phones) == {"system": Status.NOT_APPLICABLE}
    assert run("media.webrtc_dtls_srtp", System("pbx")) == {"system": Status.UNKNOWN}
