"""signalling.*: SIP over TLS, TLS versions, cipher suites, peer checks, client certificates."""

from __future__ import annotations

from tests.checks.helpers import f, messages, run
from tests.checks.signalling.helpers import tls_system, udp_only
from voipscan.checks import Status
from voipscan.facts import Exposure, SipProtocol, SipTransport, System, TlsVersion

V12, V13, V10 = TlsVersion.TLS1_2, TlsVersion.TLS1_3, TlsVersion.TLS1_0


def transports(*items: SipTransport) -> System:
    return System("pbx", transports=items, transports_known=True)


def tls(name: str = "t", versions: frozenset[TlsVersion] | None = None,
        verify: bool | None = None) -> SipTransport:
    return SipTransport(name, protocol=f(SipProtocol.TLS), bind=f("0.0.0.0:5061"),
                        exposure=f(Exposure.ALL_INTERFACES), tls_versions=f(versions),
                        verify_peer=f(verify))


def cleartext(name: str, exposure: Exposure = Exposure.ALL_INTERFACES) -> SipTransport:
    return SipTransport(name, protocol=f(SipProtocol.UDP), bind=f("0.0.0.0:5060"),
                        exposure=f(exposure))


def test_signalling_tls_fails_on_network_udp_and_passes_tls() -> None:
    assert run("signalling.tls", transports(tls("secure"), cleartext("udp"))) == {
        "transport:secure": Status.PASS, "transport:udp": Status.FAIL}


def test_signalling_tls_accepts_loopback_cleartext() -> None:
    result = run("signalling.tls", transports(cleartext("lo", Exposure.LOOPBACK)))
    assert result == {"transport:lo": Status.PASS}


def test_signalling_tls_unknown_without_evidence() -> None:
    assert run("signalling.tls", System("pbx")) == {"system": Status.UNKNOWN}
    assert run("signalling.tls", transports(SipTransport("x"))) == {
        "transport:x": Status.UNKNOWN}


def test_tls13_offered() -> None:
    assert run("signalling.tls13", transports(tls(versions=frozenset({V12})))) == {
        "transport:t": Status.FAIL}
    system = transports(tls(versions=frozenset({V12, V13})))
    assert run("signalling.tls13", system) == {"transport:t": Status.PASS}
    assert messages("signalling.tls13", system) == ["TLS 1.3 offered (also accepts TLSv1.2)."]


def test_tls13_not_applicable_without_tls_and_unknown_without_versions() -> None:
    assert run("signalling.tls13", transports(cleartext("udp"))) == {
        "system": Status.NOT_APPLICABLE}
    assert run("signalling.tls13", transports(tls())) == {"transport:t": Status.UNKNOWN}


def test_tls_min_version_parameter() -> None:
    both = transports(tls(versions=frozenset({V12, V13})))
    assert run("signalling.tls_min_version", both) == {"transport:t": Status.PASS}
    assert run("signalling.tls_min_version", both, min_version="TLSv1.3") == {
        "transport:t": Status.FAIL}
    legacy = transports(tls(versions=frozenset({V10, V12})))
    assert run("signalling.tls_min_version", legacy) == {"transport:t": Status.FAIL}


def test_tls_peer_verification() -> None:
    assert run("signalling.tls_peer_verification", transports(tls(verify=False))) == {
        "transport:t": Status.FAIL}
    assert run("signalling.tls_peer_verification", transports(tls(verify=True))) == {
        "transport:t": Status.PASS}
    assert run("signalling.tls_peer_verification", transports(tls())) == {
        "transport:t": Status.UNKNOWN}


# signalling.tls_weak_ciphers

def test_weak_ciphers_fail_and_list_them() -> None:
    weak = ("TLS_RSA_WITH_RC4_128_SHA (TLSv1.0: RC4)",
            "TLS_RSA_WITH_3DES_EDE_CBC_SHA (TLSv1.2: 64-bit block cipher)")
    assert run("signalling.tls_weak_ciphers", tls_system(weak=weak)) == {"transport:t": Status.FAIL}
    assert messages("signalling.tls_weak_ciphers", tls_system(weak=weak)) == [
        f"Accepts 2 weak cipher suite(s): {weak[0]}, {weak[1]}."]


def test_weak_ciphers_pass_when_none_and_unknown_when_not_enumerated() -> None:
    assert run("signalling.tls_weak_ciphers", tls_system(weak=())) == {"transport:t": Status.PASS}
    assert run("signalling.tls_weak_ciphers", tls_system(weak=None)) == {
        "transport:t": Status.UNKNOWN}


def test_weak_ciphers_long_list_is_shortened() -> None:
    weak = tuple(f"SUITE_{i}" for i in range(8))
    message = messages("signalling.tls_weak_ciphers", tls_system(weak=weak))[0]
    assert message.endswith("SUITE_4 and 3 more.")


def test_tls_checks_not_applicable_without_tls() -> None:
    for check_id in ("signalling.tls_weak_ciphers", "signalling.tls_certificate",
                     "signalling.tls_mutual_auth"):
        assert run(check_id, udp_only()) == {"system": Status.NOT_APPLICABLE}
        assert run(check_id, System("pbx")) == {"system": Status.UNKNOWN}


# signalling.tls_mutual_auth

def test_mutual_auth() -> None:
    assert run("signalling.tls_mutual_auth", tls_system(mutual=True)) == {
        "transport:t": Status.PASS}
    assert run("signalling.tls_mutual_auth", tls_system(mutual=False)) == {
        "transport:t": Status.FAIL}
    assert run("signalling.tls_mutual_auth", tls_system(mutual=None)) == {
        "transport:t": Status.UNKNOWN}
