"""signalling.tls_certificate."""

from __future__ import annotations

import datetime as dt

from tests.checks.helpers import NOW, f, messages, run
from tests.checks.signalling.helpers import severities, tls_system, with_cert
from voipscan.checks import Severity, Status


def test_certificate_passes_when_everything_is_right() -> None:
    assert run("signalling.tls_certificate", tls_system()) == {"transport:t": Status.PASS}


def test_certificate_expired_fails_high() -> None:
    system = with_cert(not_after=NOW - dt.timedelta(days=3))
    assert run("signalling.tls_certificate", system) == {"transport:t": Status.FAIL}
    assert messages("signalling.tls_certificate", system) == [
        "Certificate CN=pbx.example.com (SANs URI:sip:pbx.example.com; expired 3 day(s) "
        f"ago): expired on {(NOW - dt.timedelta(days=3)).date().isoformat()}."]
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
        "Certificate CN=pbx.example.com (SANs URI:sip:pbx.example.com; 200 day(s) left): "
        "chain not trusted: unknown issuer."]


def test_certificate_name_mismatch_fails() -> None:
    system = with_cert(hostname_match=f(False))
    assert run("signalling.tls_certificate", system) == {"transport:t": Status.FAIL}


def test_certificate_small_keys_fail_with_parameters() -> None:
    rsa = with_cert(key_type="RSA", key_bits=1024, signature_algorithm="sha256WithRSAEncryption")
    assert run("signalling.tls_certificate", rsa) == {"transport:t": Status.FAIL}
    assert messages("signalling.tls_certificate", rsa) == [
        "Certificate CN=pbx.example.com (SANs URI:sip:pbx.example.com; 200 day(s) left): "
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
        "Certificate CN=pbx.example.com (SANs URI:sip:pbx.example.com; 200 day(s) left): "
        "signed with sha1WithRSAEncryption."]


def test_certificate_reports_every_problem() -> None:
    system = with_cert(chain_valid=f(False), hostname_match=f(False), key_type="RSA",
                       key_bits=1024, signature_algorithm="sha1WithRSAEncryption")
    (message,) = messages("signalling.tls_certificate", system)
    for problem in ("not trusted", "does not name the server", "1024 bits", "sha1WithRSA"):
        assert problem in message


def test_certificate_unknown_when_missing_or_partly_known() -> None:
    assert run("signalling.tls_certificate", tls_system(certificate=None)) == {
        "transport:t": Status.UNKNOWN}
    partial = with_cert(hostname_match=f(None))
    assert run("signalling.tls_certificate", partial) == {"transport:t": Status.UNKNOWN}
    assert messages("signalling.tls_certificate", partial) == [
        "Certificate CN=pbx.example.com (SANs URI:sip:pbx.example.com; 200 day(s) left): "
        "not fully judged: host name not known."]
