"""Why a certificate chain is or is not trusted, in words an auditor can check.

The strict verdict stays with cryptography's WebPKI verifier (``certificates.verify_chain``).
This module answers the questions around it: which trust store the chain leads to (the system
store, the CA file given with --ca-file, or neither), judged by names and signatures only; and
which WebPKI requirement a certificate of that path breaks ("the CA certificate CN=... has no
keyUsage extension"), read from the certificates themselves rather than from the verifier's
message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

SYSTEM_STORE = "system store"
CA_FILE = "CA file"
MAX_DEPTH = 8


@dataclass(frozen=True)
class TrustPath:
    """The certificates from the leaf up to where the path ends, and the store holding its
    anchor ("" when it reaches none)."""

    path: tuple[x509.Certificate, ...]
    store: str
    anchor: x509.Certificate | None = None


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except Exception:  # wrong signature, unsupported key or algorithm: not its issuer
        return False
    return True


def find_path(chain: Sequence[x509.Certificate],
              stores: Sequence[tuple[str, Sequence[x509.Certificate]]]) -> TrustPath:
    """Follow issuers from the leaf through the certificates sent to an anchor of a store."""
    current = chain[0]
    path = [current]
    pool = list(chain[1:])
    for _ in range(MAX_DEPTH):
        for store, anchors in stores:
            if current in anchors:  # the server sent a certificate the store holds
                return TrustPath(tuple(path), store, current)
            issuer = next((a for a in anchors if _issued_by(current, a)), None)
            if issuer is not None:
                return TrustPath((*path, issuer), store, issuer)
        following = next((c for c in pool if c is not current and _issued_by(current, c)),
                         None)
        if following is None or following in path:
            break
        path.append(following)
        current = following
    return TrustPath(tuple(path), "")


def name(cert: x509.Certificate) -> str:
    return cert.subject.rfc4514_string() or "(empty subject)"


def _extension(cert: x509.Certificate, kind: type[x509.ExtensionType]) -> x509.ExtensionType | None:
    try:
        return cert.extensions.get_extension_for_class(kind).value
    except (x509.ExtensionNotFound, ValueError):
        return None


def requirement_failures(path: Sequence[x509.Certificate], now: dt.datetime) -> list[str]:
    """WebPKI requirements (RFC 5280, CA/Browser Forum) that certificates of ``path`` break."""
    found: list[str] = []
    leaf = path[0]
    found += _leaf_failures(leaf)
    for cert in path[1:]:
        found += _ca_failures(cert)
        if now > cert.not_valid_after_utc:
            found.append(f"the CA certificate {name(cert)} expired on "
                         f"{cert.not_valid_after_utc.date().isoformat()}")
    for index, cert in enumerate(path):
        role = "server" if index == 0 else "CA"
        found += _key_and_signature(cert, role, self_signed_root=index > 0 and
                                    cert.subject == cert.issuer)
    return found


def _leaf_failures(leaf: x509.Certificate) -> list[str]:
    found = []
    if _extension(leaf, x509.SubjectAlternativeName) is None:
        found.append("the server certificate has no subjectAltName extension")
    constraints = _extension(leaf, x509.BasicConstraints)
    if isinstance(constraints, x509.BasicConstraints) and constraints.ca:
        found.append("the server certificate is itself a CA certificate "
                     "(basicConstraints CA:TRUE)")
    usage = _extension(leaf, x509.ExtendedKeyUsage)
    server = {ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE}
    if isinstance(usage, x509.ExtendedKeyUsage) and not server & set(usage):
        found.append("the server certificate is not for TLS servers (its extendedKeyUsage "
                     "lacks serverAuth)")
    return found


def _ca_failures(cert: x509.Certificate) -> list[str]:
    found = []
    constraints = _extension(cert, x509.BasicConstraints)
    if not isinstance(constraints, x509.BasicConstraints):
        found.append(f"the CA certificate {name(cert)} has no basicConstraints extension")
    elif not constraints.ca:
        found.append(f"the CA certificate {name(cert)} is not marked as a CA "
                     "(basicConstraints CA:FALSE)")
    usage = _extension(cert, x509.KeyUsage)
    if not isinstance(usage, x509.KeyUsage):
        found.append(f"the CA certificate {name(cert)} has no keyUsage extension")
    elif not usage.key_cert_sign:
        found.append(f"the CA certificate {name(cert)} has a keyUsage that does not allow "
                     "signing certificates (no keyCertSign)")
    return found


def _key_and_signature(cert: x509.Certificate, role: str, *, self_signed_root: bool
                       ) -> list[str]:
    found = []
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey | dsa.DSAPublicKey) and key.key_size < 2048:
        found.append(f"the {role} certificate {name(cert)} has a {key.key_size}-bit key "
                     "(at least 2048 required)")
    if not self_signed_root:  # a root's own signature is not relied upon
        try:
            algorithm = cert.signature_hash_algorithm
        except Exception:  # an algorithm cryptography does not know
            algorithm = None
        if isinstance(algorithm, hashes.SHA1 | hashes.MD5):
            found.append(f"the {role} certificate {name(cert)} is signed with "
                         f"{algorithm.name.upper()}")
    return found


def describe(cert: x509.Certificate) -> str:
    """One line per certificate for the evidence: who, by whom, until when, key, signature."""
    from voipscan.sources.host.certificates import alt_names, key_info, signature_name

    kind, bits = key_info(cert)
    sans = alt_names(cert)
    names = f"; SANs {', '.join(sans[:6])}{' ...' if len(sans) > 6 else ''}" if sans else ""
    return (f"{name(cert)} (issuer {cert.issuer.rfc4514_string()}; "
            f"{cert.not_valid_before_utc.date().isoformat()} to "
            f"{cert.not_valid_after_utc.date().isoformat()}; {kind} {bits or '?'}; "
            f"{signature_name(cert)}{names})")
