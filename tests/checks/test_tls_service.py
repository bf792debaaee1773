from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tests.checks.helpers import NOW, f, messages, run
from voipscan.checks import REGISTRY, CheckContext, Severity, Status
from voipscan.facts import Certificate, Exposure, SipProtocol, SipTransport, System

GOOD = Certificate(
    subject="CN=pbx.example.com",
    not_after=NOW + dt.timedelta(days=200),
    chain_valid=f(True),
    hostname_match=f(True),
    key_type="EC",
    key_bits=256,
    signature_algorithm="ecdsa-with-SHA256",
    issuer="CN=Example CA",
    alt_names=("URI:sip:pbx.example.com",),
)


def tls(certificate: Certificate | None = GOOD, weak: tuple[str, ...] | None = (),
        mutual: bool | None = None, name: str = "t") -> System:
    transport = SipTransport(
        name, protocol=f(SipProtocol.TLS), bind=f("192.0.2.1:5061"),
        exposure=f(Exposure.NETWORK), weak_ciphers=f(weak), certificate=f(certificate),
        client_cert_required=f(mutual),
    )
    return System("pbx", transports=(transport,), transports_known=True)


def udp_only() -> System:
    transport = SipTransport("udp", protocol=f(SipProtocol.UDP), bind=f("0.0.0.0:5060"))
    return System("pbx", transports=(transport,), transports_known=True)


def with_cert(**changes: Any) -> System:
    return tls(dataclasses.replace(GOOD, **changes))


def severities(check_id: str, system: System) -> list[Severity]:
    check = REGISTRY[check_id]
    ctx = CheckContext(check, system, check.default_params(), NOW)
    return [x.severity for x in check.run(ctx) if x.status is Status.FAIL]


# signalling.tls_weak_ciphers

def test_weak_ciphers_fail_and_list_them() -> None:
    weak = ("TLS_RSA_WITH_RC4_128_SHA (TLSv1.0: RC4)",
            "TLS_RSA_WITH_3DES_EDE_CBC_SHA (TLSv1.2: 64-bit block cipher)")
    assert run("signalling.tls_weak_ciphers", tls(weak=weak)) == {"transport:t": Status.FAIL}
    assert messages("signalling.tls_weak_ciphers", tls(weak=weak)) == [
        f"Accepts 2 weak cipher suite(s): {weak[0]}, {weak[1]}."]


def test_weak_ciphers_pass_when_none_and_unknown_when_not_enumerated() -> None:
    assert run("signalling.tls_weak_ciphers", tls(weak=())) == {"transport:t": Status.PASS}
    assert run("signalling.tls_weak_ciphers", tls(weak=None)) == {"transport:t": Status.UNKNOWN}


def test_weak_ciphers_long_list_is_shortened() -> None:
    weak = tuple(f"SUITE_{i}" for i in range(8))
    message = messages("signalling.tls_weak_ciphers", tls(weak=weak))[0]
    assert message.endswith("SUITE_4 and 3 more.")


def test_tls_checks_not_applicable_without_tls() -> None:
    for check_id in ("signalling.tls_weak_ciphers", "signalling.tls_certificate",
                     "signalling.tls_mutual_auth"):
        assert run(check_id, udp_only()) == {"system": Status.NOT_APPLICABLE}
        assert run(check_id, System("pbx")) == {"system": Status.UNKNOWN}


# signalling.tls_certificate

def test_certificate_passes_when_everything_is_right() -> None:
    assert run("signalling.tls_certificate", tls()) == {"transport:t": Status.PASS}


def test_certificate_expired_fails_high() -> None:
    system = with_cert(not_after=NOW - dt.timedelta(days=3))
    assert run("signalling.tls_certificate", system) == {"transport:t": Status.FAIL}
    assert messages("signalling.tls_certificate", system) == [
        f"Certificate expired on {(NOW - dt.timedelta(days=3)).date().isoformat()}."]
    assert severities("signalling.tls_certificate", system) == [Severity.HIGH]


def test_certificate_expiring_soon_fails_medium_per_parameter() -> None:
    system = with_cert(not_after=NOW + dt.timedelta(days=10, hours=1))
    assert run("signalling.tls_certificate", system) == {"transport:t": Status.FAIL}
    assert severities("signalling.tls_certificate", system) == [Severity.MEDIUM]
    assert "in 10 day(s) (warning at 30)" in messages("signalling.tls_certificate", system)[0]
    assert run("signalling.tls_certificate", system, expiry_warning_days=7) == {
        "transport:t": Status.PASS}


def test_certificate_untrusted_chain_fails() -> None:
    system = with_cert(chain_valid=f(False), validation_error="unknown issuer")
    assert run("signalling.tls_certificate", system) == {"transport:t": Status.FAIL}
    assert messages("signalling.tls_certificate", system) == [
        "Certificate chain is not trusted (unknown issuer)."]


def test_certificate_name_mismatch_fails() -> None:
    system = with_cert(hostname_match=f(False))
    assert run("signalling.tls_certificate", system) == {"transport:t": Status.FAIL}


def test_certificate_small_keys_fail_with_parameters() -> None:
    rsa = with_cert(key_type="RSA", key_bits=1024, signature_algorithm="sha256WithRSAEncryption")
    assert run("signalling.tls_certificate", rsa) == {"transport:t": Status.FAIL}
    assert messages("signalling.tls_certificate", rsa) == [
        "RSA key of 1024 bits (minimum 2048)."]
    assert run("signalling.tls_certificate", rsa, min_rsa_bits=1024) == {
        "transport:t": Status.PASS}
    ec = with_cert(key_bits=224)
    assert run("signalling.tls_certificate", ec) == {"transport:t": Status.FAIL}
    strong_rsa = with_cert(key_type="RSA", key_bits=3072)
    assert run("signalling.tls_certificate", strong_rsa) == {"transport:t": Status.PASS}


def test_certificate_sha1_signature_fails() -> None:
    system = with_cert(signature_algorithm="sha1WithRSAEncryption")
    assert run("signalling.tls_certificate", system) == {"transport:t": Status.FAIL}
    assert messages("signalling.tls_certificate", system) == [
        "Certificate is signed with sha1WithRSAEncryption."]


def test_certificate_reports_every_problem() -> None:
    system = with_cert(chain_valid=f(False), hostname_match=f(False), key_type="RSA",
                       key_bits=1024, signature_algorithm="sha1WithRSAEncryption")
    (message,) = messages("signalling.tls_certificate", system)
    for problem in ("not trusted", "does not name the server", "1024 bits", "sha1WithRSA"):
        assert problem in message


def test_certificate_unknown_when_missing_or_partly_known() -> None:
    assert run("signalling.tls_certificate", tls(certificate=None)) == {
        "transport:t": Status.UNKNOWN}
    partial = with_cert(hostname_match=f(None))
    assert run("signalling.tls_certificate", partial) == {"transport:t": Status.UNKNOWN}
    assert messages("signalling.tls_certificate", partial) == [
        "Certificate not fully judged: host name not known."]


# signalling.tls_mutual_auth

def test_mutual_auth() -> None:
    assert run("signalling.tls_mutual_auth", tls(mutual=True)) == {"transport:t": Status.PASS}
    assert run("signalling.tls_mutual_auth", tls(mutual=False)) == {"transport:t": Status.FAIL}
    assert run("signalling.tls_mutual_auth", tls(mutual=None)) == {
        "transport:t": Status.UNKNOWN}
