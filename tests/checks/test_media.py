from __future__ import annotations

from tests.checks.helpers import f, run
from voipscan.checks import Status
from voipscan.facts import (
    AuthType,
    Endpoint,
    MediaEncryption,
    SipProtocol,
    SipTransport,
    System,
)


def system(*endpoints: Endpoint, transports: tuple[SipTransport, ...] = ()) -> System:
    return System("pbx", endpoints=endpoints, endpoints_known=True, transports=transports,
                  transports_known=bool(transports))


def ep(name: str, enc: MediaEncryption | None, mandatory: bool | None = None,
       transports: frozenset[SipProtocol] | None = None,
       auth: AuthType | None = None, ip_only: bool | None = None) -> Endpoint:
    return Endpoint(name, media_encryption=f(enc), media_encryption_mandatory=f(mandatory),
                    transports=f(transports), auth_type=f(auth), ip_auth_only=f(ip_only))


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


def test_endpoint_authentication() -> None:
    result = run("sip.endpoint_authentication", system(
        ep("open", None, auth=AuthType.NONE),
        ep("byip", None, auth=AuthType.IP, ip_only=True),
        ep("digest", None, auth=AuthType.DIGEST, ip_only=False),
        ep("cert", None, auth=AuthType.CERTIFICATE),
        ep("blank", None),
    ))
    assert result == {
        "endpoint:open": Status.FAIL,
        "endpoint:byip": Status.FAIL,
        "endpoint:digest": Status.PASS,
        "endpoint:cert": Status.PASS,
        "endpoint:blank": Status.UNKNOWN,
    }
