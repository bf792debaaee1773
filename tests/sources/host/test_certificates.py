"""Certificate and cipher-suite judgement, on generated certificates and loopback servers."""

from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path
from typing import Any

import pytest

from tests.integration import require_binary
from tests.sources.host.pki import NOW, Issued, KeyKind, Pki, Spec, issue, make_pki
from tests.sources.host.tls_servers import server_context, tls_server
from voipscan.errors import InputError
from voipscan.facts import SipTransport, TlsVersion
from voipscan.sources.host.certificates import analyse, match_name, sip_uri_host
from voipscan.sources.host.tls_audit import AuditStatus, audit, transport_facts
from voipscan.sources.host.tls_ciphers import AcceptedCipher, Weakness, weaknesses

V10, V12, V13 = TlsVersion.TLS1_0, TlsVersion.TLS1_2, TlsVersion.TLS1_3


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


def leaf(directory: Path, pki: Pki, name: str = "leaf", **spec: Any) -> Issued:
    return issue(directory, name, Spec("pbx.example.com", **spec), pki.ca)


# cipher suites

@pytest.mark.parametrize(("name", "version", "expected"), [
    ("TLS_AES_128_GCM_SHA256", V13, ()),
    ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", V12, ()),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", V12, ()),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", V10, (Weakness.LEGACY_CBC,)),
    ("TLS_RSA_WITH_NULL_SHA256", V12, (Weakness.NULL,)),
    ("TLS_SHA256_SHA256", V13, (Weakness.NULL,)),
    ("TLS_DH_anon_WITH_AES_128_GCM_SHA256", V12, (Weakness.ANONYMOUS,)),
    ("TLS_RSA_EXPORT_WITH_RC4_40_MD5", V10, (Weakness.EXPORT, Weakness.RC4, Weakness.MD5)),
    ("TLS_RSA_WITH_3DES_EDE_CBC_SHA", V12, (Weakness.SMALL_BLOCK,)),
    ("TLS_RSA_WITH_IDEA_CBC_SHA", V12, (Weakness.SMALL_BLOCK,)),
    ("SSL_CK_DES_192_EDE3_CBC_WITH_MD5", TlsVersion.SSL2, (Weakness.SMALL_BLOCK, Weakness.MD5)),
])
def test_cipher_weaknesses(name: str, version: TlsVersion, expected: tuple[Weakness, ...]) -> None:
    assert weaknesses(name, version) == expected


def test_accepted_cipher_describes_itself() -> None:
    cipher = AcceptedCipher.judge("TLS_RSA_WITH_RC4_128_SHA", V10)
    assert cipher.weak
    assert cipher.describe() == "TLS_RSA_WITH_RC4_128_SHA (TLSv1.0: RC4)"
    assert AcceptedCipher.judge("TLS_AES_128_GCM_SHA256", V13).describe() == \
        "TLS_AES_128_GCM_SHA256 (TLSv1.3)"


# SIP identities (RFC 5922)

@pytest.mark.parametrize(("uri", "expected"), [
    ("sip:pbx.example.com", ("sip", "pbx.example.com", False)),
    ("sip:PBX.example.com:5061;transport=tls", ("sip", "pbx.example.com", False)),
    ("sips:alice@example.com", ("sips", "example.com", True)),
    ("sip:[2001:db8::1]:5061", ("sip", "2001:db8::1", False)),
    ("https://example.com", None),
])
def test_sip_uri_host(uri: str, expected: tuple[str, str, bool] | None) -> None:
    assert sip_uri_host(uri) == expected


def test_sip_uri_identity_takes_precedence_over_dns(tmp_path: Path, pki: Pki) -> None:
    cert = leaf(tmp_path, pki, uris=("sip:example.com",), dns=("pbx.example.com",)).cert
    assert match_name(cert, "example.com").matched is True
    # RFC 5922 7.1: DNS names count only when no sip: URI identity exists
    assert match_name(cert, "pbx.example.com").matched is False


def test_uri_with_user_part_and_sips_are_not_domain_identities(tmp_path: Path, pki: Pki) -> None:
    user = leaf(tmp_path, pki, "user", uris=("sip:alice@example.com",)).cert
    assert match_name(user, "example.com").matched is False
    sips = leaf(tmp_path, pki, "sips", uris=("sips:example.com",)).cert
    result = match_name(sips, "example.com")
    assert result.matched is False
    assert "only a sips:example.com URI" in result.note


def test_dns_names_match_exactly_without_wildcards(tmp_path: Path, pki: Pki) -> None:
    cert = leaf(tmp_path, pki, dns=("*.example.com", "sip.example.org")).cert
    assert match_name(cert, "SIP.example.org.").matched is True
    wildcard = match_name(cert, "pbx.example.com")
    assert wildcard.matched is False
    assert "RFC 5922 sec. 7.2" in wildcard.note


def test_common_name_only_without_subject_alt_name(tmp_path: Path, pki: Pki) -> None:
    cert = leaf(tmp_path, pki).cert  # no SAN at all
    assert match_name(cert, "pbx.example.com").matched is True
    assert match_name(cert, "other.example.com").matched is False


def test_ip_targets_match_ip_sans_and_sip_uris(tmp_path: Path, pki: Pki) -> None:
    assert match_name(pki.server.cert, "127.0.0.1").matched is True
    assert match_name(pki.server.cert, "::1").matched is True
    by_uri = leaf(tmp_path, pki, uris=("sip:192.0.2.7",)).cert
    assert match_name(by_uri, "192.0.2.7").matched is True
    assert match_name(by_uri, "192.0.2.8").matched is False


# the whole analysis

def test_analyse_good_chain_against_ca_file(pki: Pki) -> None:
    report = analyse([pki.server.cert, pki.ca.cert], name="pbx.test.invalid",
                     ca_file=pki.ca.cert_path)
    assert report.chain_valid is True
    assert report.name_match.matched is True
    assert (report.key_type, report.key_bits) == ("EC", 256)
    assert report.signature_algorithm == "ecdsa-with-SHA256"
    assert not report.weak_signature and not report.self_signed
    assert "URI:sip:pbx.test.invalid" in report.alt_names
    assert report.days_left(NOW) >= 364


def test_analyse_untrusted_without_ca_file(pki: Pki) -> None:
    report = analyse([pki.server.cert], name="127.0.0.1")
    assert report.chain_valid is False
    assert report.chain_note


def test_analyse_expired_keeps_trust_separate(tmp_path: Path) -> None:
    ca = issue(tmp_path, "old-ca", Spec("old CA", ca=True, not_before=NOW - dt.timedelta(days=400)))
    old = issue(tmp_path, "old", Spec("pbx.example.com", dns=("pbx.example.com",),
                                      not_before=NOW - dt.timedelta(days=90),
                                      not_after=NOW - dt.timedelta(days=2)), ca).cert
    report = analyse([old], name="pbx.example.com", ca_file=ca.cert_path)
    assert report.expired(dt.datetime.now(dt.UTC))
    assert report.chain_valid is True  # trusted, only expired: reported on its own


def test_analyse_ip_scan_without_server_name_is_unknown_not_mismatch(tmp_path: Path,
                                                                     pki: Pki) -> None:
    cert = leaf(tmp_path, pki, dns=("pbx.example.com",)).cert
    report = analyse([cert], name="127.0.0.1", ca_file=pki.ca.cert_path, name_given=False)
    assert report.name_match.matched is None
    assert "give the SIP domain" in report.name_match.note


def test_unreadable_ca_file_is_a_clear_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "ca.pem"
    bad.write_text("not a certificate\n")
    with pytest.raises(InputError, match="CA file"):
        audit("127.0.0.1", 9, timeout=0.5, ca_file=bad)


# against a loopback Python TLS server (fast, no external binary)

def _light_audit(cert: Issued, pki: Pki, server_name: str | None = None) -> SipTransport:
    context = server_context(cert.cert_path, cert.key_path)
    with tls_server(context) as port:
        result = audit("127.0.0.1", port, timeout=2, light=True, ca_file=pki.ca.cert_path,
                       server_name=server_name)
    assert result.status is AuditStatus.COMPLETE, result
    return transport_facts(result, "tls")


def test_live_expired_certificate(tmp_path: Path, pki: Pki) -> None:
    old = leaf(tmp_path, pki, ips=("127.0.0.1",), not_before=NOW - dt.timedelta(days=90),
               not_after=NOW - dt.timedelta(days=2))
    cert = _light_audit(old, pki).certificate.value
    assert cert is not None and cert.not_after is not None
    assert cert.not_after < dt.datetime.now(dt.UTC)
    assert cert.hostname_match.value is True


def test_live_wrong_host_name(tmp_path: Path, pki: Pki) -> None:
    other = leaf(tmp_path, pki, uris=("sip:other.example.com",))
    cert = _light_audit(other, pki, server_name="pbx.example.com").certificate.value
    assert cert is not None
    assert cert.hostname_match.value is False
    assert cert.chain_valid.value is True


def test_live_small_rsa_key(tmp_path: Path, pki: Pki) -> None:
    small = leaf(tmp_path, pki, ips=("127.0.0.1",), key=KeyKind.RSA1024)
    cert = _light_audit(small, pki).certificate.value
    assert cert is not None
    assert (cert.key_type, cert.key_bits) == ("RSA", 1024)


@pytest.mark.integration
def test_live_sha1_signature(tmp_path: Path, pki: Pki) -> None:
    require_binary("openssl")  # cryptography refuses to sign with SHA-1
    sha1 = leaf(tmp_path, pki, ips=("127.0.0.1",), sha1=True)
    cert = _light_audit(sha1, pki).certificate.value
    assert cert is not None
    assert cert.signature_algorithm == "ecdsa-with-SHA1"


def test_full_audit_flags_weak_suites_and_old_versions(pki: Pki) -> None:
    context = server_context(
        pki.server.cert_path, pki.server.key_path, minimum=ssl.TLSVersion.TLSv1,
        ciphers="ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-NULL-SHA:"
                "AECDH-AES128-SHA",
    )
    with tls_server(context) as port:
        result = audit("127.0.0.1", port, timeout=2, ca_file=pki.ca.cert_path)
    assert result.status is AuditStatus.COMPLETE, result.problems
    assert result.versions == {TlsVersion.TLS1_0, TlsVersion.TLS1_1, V12, V13}
    assert result.ciphers_complete
    weak = {(c.name, c.version) for c in result.weak_ciphers}
    assert ("TLS_ECDHE_ECDSA_WITH_NULL_SHA", V12) in weak
    assert ("TLS_ECDH_anon_WITH_AES_128_CBC_SHA", V12) in weak
    assert ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", V10) in weak
    assert ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", V12) not in weak
    assert {c.name for c in result.ciphers if c.version is V13} == {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"}
    facts = transport_facts(result, "tls")
    assert facts.weak_ciphers.value is not None and len(facts.weak_ciphers.value) == len(weak)
    assert result.heartbleed is False
