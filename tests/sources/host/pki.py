"""Throwaway certificates for TLS tests: a CA, server and client certificates written as PEM."""

from __future__ import annotations

import datetime as dt
import ipaddress
import subprocess
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = dt.datetime.now(dt.UTC)


class KeyKind(StrEnum):
    EC256 = "ec256"
    RSA2048 = "rsa2048"
    RSA1024 = "rsa1024"


@dataclass(frozen=True)
class Issued:
    """A certificate and its key, in memory and as PEM files."""

    cert: x509.Certificate
    key: CertificateIssuerPrivateKeyTypes
    cert_path: Path
    key_path: Path


@dataclass(frozen=True)
class Spec:
    common_name: str
    dns: tuple[str, ...] = ()
    ips: tuple[str, ...] = ()
    uris: tuple[str, ...] = ()
    key: KeyKind = KeyKind.EC256
    sha1: bool = False
    not_before: dt.datetime = field(default_factory=lambda: NOW - dt.timedelta(days=1))
    not_after: dt.datetime = field(default_factory=lambda: NOW + dt.timedelta(days=365))
    ca: bool = False
    client: bool = False


def _key(kind: KeyKind) -> CertificateIssuerPrivateKeyTypes:
    if kind is KeyKind.EC256:
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(65537, 1024 if kind is KeyKind.RSA1024 else 2048)


Extensions = list[tuple[x509.ExtensionType, bool]]


def _extensions(spec: Spec, key: CertificateIssuerPrivateKeyTypes,
                signer_key: CertificateIssuerPrivateKeyTypes) -> Extensions:
    found: Extensions = [
        (x509.BasicConstraints(ca=spec.ca, path_length=None), True),
        (x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False),
        (x509.AuthorityKeyIdentifier.from_issuer_public_key(signer_key.public_key()), False),
    ]
    if spec.ca:
        found.append((x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), True))
    else:
        usage = ExtendedKeyUsageOID.CLIENT_AUTH if spec.client else ExtendedKeyUsageOID.SERVER_AUTH
        found.append((x509.ExtendedKeyUsage([usage]), False))
    names: list[x509.GeneralName] = [x509.DNSName(d) for d in spec.dns]
    names += [x509.IPAddress(ipaddress.ip_address(i)) for i in spec.ips]
    names += [x509.UniformResourceIdentifier(u) for u in spec.uris]
    if names:
        found.append((x509.SubjectAlternativeName(names), False))
    return found


def issue(directory: Path, name: str, spec: Spec, issuer: Issued | None = None) -> Issued:
    """Write ``name.pem`` and ``name.key``; self-signed when there is no issuer."""
    key = _key(spec.key)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, spec.common_name)])
    signer_key = issuer.key if issuer else key
    extensions = _extensions(spec, key, signer_key)
    cert_path, key_path = directory / f"{name}.pem", directory / f"{name}.key"
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ))
    key_path.chmod(0o600)
    if spec.sha1:
        _sign_sha1(directory / f"{name}.csr", subject, extensions, key, key_path, issuer,
                   cert_path, spec)
    else:
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer.cert.subject if issuer else subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(spec.not_before)
            .not_valid_after(spec.not_after)
        )
        for extension, critical in extensions:
            builder = builder.add_extension(extension, critical)
        cert_path.write_bytes(
            builder.sign(signer_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM))
    return Issued(x509.load_pem_x509_certificate(cert_path.read_bytes()), key, cert_path,
                  key_path)


def _sign_sha1(csr_path: Path, subject: x509.Name, extensions: Extensions,
               key: CertificateIssuerPrivateKeyTypes, key_path: Path, issuer: Issued | None,
               out: Path, spec: Spec) -> None:
    """cryptography refuses SHA-1 signatures: the openssl command line signs those."""
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject)
    for extension, critical in extensions:
        if not isinstance(extension, x509.AuthorityKeyIdentifier):
            csr = csr.add_extension(extension, critical)
    csr_path.write_bytes(csr.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM))
    days = str(max(1, (spec.not_after - NOW).days))
    signer = (["-CA", str(issuer.cert_path), "-CAkey", str(issuer.key_path), "-set_serial", "2"]
              if issuer else ["-key", str(key_path)])
    subprocess.run(
        ["openssl", "x509", "-req", "-in", str(csr_path), *signer, "-sha1", "-days", days,
         "-copy_extensions", "copyall", "-out", str(out)],
        check=True, capture_output=True, timeout=30,
    )


@dataclass(frozen=True)
class Pki:
    """A CA with one server and one client certificate, for a loopback SIP server."""

    ca: Issued
    server: Issued
    client: Issued


SERVER_URI = "sip:pbx.test.invalid"


def make_pki(directory: Path, server_key: KeyKind = KeyKind.EC256) -> Pki:
    """CA, server certificate (IP SAN 127.0.0.1 and a ``sip:`` URI SAN) and client certificate."""
    directory.mkdir(parents=True, exist_ok=True)
    ca = issue(directory, "ca", Spec("voipscan test CA", ca=True))
    server = issue(directory, "server", Spec("pbx.test.invalid", ips=("127.0.0.1", "::1"),
                                             uris=(SERVER_URI,), key=server_key), ca)
    client = issue(directory, "client", Spec("phone.test.invalid", client=True), ca)
    return Pki(ca, server, client)
