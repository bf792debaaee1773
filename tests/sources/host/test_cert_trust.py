"""Certificate verdicts an auditor can check: the store the chain leads to, the requirement a
certificate breaks in words, days left, and every certificate of the chain in the evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.sources.host.pki import NOW, make_pki
from voipscan.checks import REGISTRY, CheckContext, Finding, Status
from voipscan.facts import Fact, Provenance, SipProtocol, SipTransport, System
from voipscan.sources.host.certificates import analyse
from voipscan.sources.host.tls_audit import _certificate_fact


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def ca_without_key_usage(directory: Path) -> tuple[x509.Certificate, x509.Certificate, Path]:
    """A CA whose certificate lacks keyUsage (as some hand-made PBX CAs do), and a leaf."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Lab PBX CA"))
          .issuer_name(_name("Lab PBX CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(NOW - dt.timedelta(days=1))
          .not_valid_after(NOW + dt.timedelta(days=900))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(_name("pbx.lab.invalid"))
            .issuer_name(ca.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=1))
            .not_valid_after(NOW + dt.timedelta(days=90, hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("pbx.lab.invalid")]), False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), False)
            .sign(ca_key, hashes.SHA256()))
    path = directory / "lab-ca.pem"
    path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return ca, leaf, path


def findings(check_id: str, system: System) -> list[Finding]:
    check = REGISTRY[check_id]
    return list(check.run(CheckContext(check, system, check.default_params(), NOW)))


def system_with(report_cert: Fact) -> System:  # type: ignore[type-arg]
    source = Provenance.probe("127.0.0.1:5061", "TLS audit: complete")
    transport = SipTransport("tls:127.0.0.1:5061", protocol=Fact(SipProtocol.TLS, source),
                             certificate=report_cert, source=source)
    return System(name="pbx", transports=(transport,), transports_known=True)


def test_ca_file_chain_failing_strict_validation_is_explained_in_words(tmp_path: Path) -> None:
    ca, leaf, ca_path = ca_without_key_usage(tmp_path)
    report = analyse([leaf, ca], name="pbx.lab.invalid", ca_file=ca_path)
    assert report.chain_valid is False
    assert report.trusted_by == "CA file"
    assert report.chain_note == (
        "chains to CN=Lab PBX CA in the CA file (--ca-file), but fails strict (WebPKI) "
        "validation: the CA certificate CN=Lab PBX CA has no keyUsage extension")
    assert len(report.chain) == 2 and report.chain[1].startswith("CN=Lab PBX CA (issuer")

    source = Provenance.probe("127.0.0.1:5061", "TLS audit: complete")
    system = system_with(_certificate_fact(report, source))
    check = REGISTRY["signalling.tls_certificate"]
    (finding,) = findings(check.id, system)
    assert finding.message.startswith(
        "Certificate CN=pbx.lab.invalid (SANs DNS:pbx.lab.invalid; 90 day(s) left): "
        "chain not trusted: chains to CN=Lab PBX CA in the CA file")
    assert "has no keyUsage extension" in finding.message
    chain = next(e for e in finding.evidence if e.fact == "chain")
    assert chain.value.startswith("1. CN=pbx.lab.invalid (issuer CN=Lab PBX CA;")
    assert "| 2. CN=Lab PBX CA (issuer CN=Lab PBX CA;" in chain.value


def test_untrusted_chain_says_neither_store_holds_its_issuer(tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "pki")
    alone = analyse([pki.server.cert], name="127.0.0.1", name_given=False)
    assert (alone.chain_valid, alone.trusted_by) == (False, "")
    assert alone.chain_note == (
        "trusted by neither: its issuer CN=voipscan test CA is not in the system store "
        "(no --ca-file given), nor sent by the server")
    with_root = analyse([pki.server.cert, pki.ca.cert], name="127.0.0.1", name_given=False)
    assert with_root.chain_note.startswith(
        "trusted by neither: its root CN=voipscan test CA (sent by the server) is not in the "
        "system store")
    other = make_pki(tmp_path / "other")
    wrong_ca = analyse([pki.server.cert], name="127.0.0.1", ca_file=other.ca.cert_path)
    assert "not in the system store or the CA file (--ca-file)" in wrong_ca.chain_note


def test_trusted_chain_names_its_store(tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "pki")
    report = analyse([pki.server.cert], name="pbx.test.invalid", ca_file=pki.ca.cert_path)
    assert (report.chain_valid, report.trusted_by) == (True, "CA file")
    source = Provenance.probe("127.0.0.1:5061", "TLS audit: complete")
    (finding,) = findings("signalling.tls_certificate",
                          system_with(_certificate_fact(report, source)))
    assert finding.status is Status.PASS
    assert "(trusted by the CA file)" in finding.message
    assert "day(s) left" in finding.message
