"""Judge a server's certificate chain: expiry, trust, key, signature and SIP identity.

Host names are matched the SIP way (RFC 5922 sec. 7): ``sip:`` URI subjectAltNames without a
user part are the SIP domain identities; DNS names count only when no such URI exists; the
common name only when there is no subjectAltName at all; no wildcards, no suffix matching.
``sips:`` URIs are not SIP domain identities (sec. 7.1 accepts the ``sip`` scheme only): a
certificate naming only ``sips:`` URIs is reported as a mismatch, with that reason. An IP
literal target also matches an IP-address SAN (or a ``sip:`` URI whose host is that address).

Chain trust is checked name-agnostically here, with the ``cryptography`` WebPKI verifier,
against the system trust store plus an optional CA file, at a moment inside the leaf's
validity so that expiry is reported on its own and not as an untrusted chain.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import ipaddress
import ssl
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509 import verification
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from voipscan.errors import InputError
from voipscan.facts.network import is_ip_literal
from voipscan.sources.host import cert_trust

SYSTEM_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/cert.pem",
)


@dataclass(frozen=True)
class NameMatch:
    matched: bool | None
    note: str


@dataclass(frozen=True)
class CertificateReport:
    """What the leaf certificate says and how it fares; times are UTC."""

    subject: str
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime
    alt_names: tuple[str, ...]
    key_type: str
    key_bits: int | None
    signature_algorithm: str
    weak_signature: bool
    self_signed: bool
    fingerprint_sha256: str
    chain_valid: bool | None
    chain_note: str
    name_checked: str
    name_match: NameMatch
    chain: tuple[str, ...] = ()
    """Every certificate sent, leaf first, one line each (``cert_trust.describe``)."""
    trusted_by: str = ""
    """The store the chain leads to: "system store", "CA file" or "" (neither)."""

    def days_left(self, now: dt.datetime) -> int:
        return (self.not_after - now).days

    def expired(self, now: dt.datetime) -> bool:
        return now >= self.not_after


def analyse(
    chain: Sequence[x509.Certificate],
    *,
    name: str,
    ca_file: Path | None = None,
    name_given: bool = True,
    now: dt.datetime | None = None,
) -> CertificateReport:
    """Judge ``chain`` (leaf first) as presented by a server reached as ``name``.

    ``name_given=False`` means ``name`` is only the IP address that was scanned: a certificate
    that does not name that address is then "unknown", not a mismatch, because the SIP domain
    the clients use is not known.
    """
    leaf = chain[0]
    moment = now or dt.datetime.now(dt.UTC)
    key_type, key_bits = key_info(leaf)
    valid, chain_note = verify_chain(chain, ca_file, moment)
    trusted_by, chain_note = explain_trust(chain, ca_file, moment, valid, chain_note)
    match = match_name(leaf, name)
    if match.matched is False and not name_given and is_ip_literal(name):
        match = NameMatch(None, f"scanned by IP address and {match.note}; give the SIP domain "
                                "as server name to check the name clients use")
    return CertificateReport(
        subject=leaf.subject.rfc4514_string(),
        issuer=leaf.issuer.rfc4514_string(),
        not_before=leaf.not_valid_before_utc,
        not_after=leaf.not_valid_after_utc,
        alt_names=alt_names(leaf),
        key_type=key_type,
        key_bits=key_bits,
        signature_algorithm=signature_name(leaf),
        weak_signature=weak_signature(leaf),
        self_signed=leaf.subject == leaf.issuer,
        fingerprint_sha256=hashlib.sha256(leaf.public_bytes(serialization.Encoding.DER)).hexdigest(),
        chain_valid=valid,
        chain_note=chain_note,
        name_checked=name,
        name_match=match,
        chain=tuple(cert_trust.describe(c) for c in chain),
        trusted_by=trusted_by,
    )


def explain_trust(chain: Sequence[x509.Certificate], ca_file: Path | None, now: dt.datetime,
                  valid: bool | None, note: str) -> tuple[str, str]:
    """(store the chain leads to, the verdict in words): which store holds its root, and when
    it is not trusted, the requirement it breaks."""
    stores = [(cert_trust.SYSTEM_STORE, system_trust())]
    if ca_file is not None:
        stores.insert(0, (cert_trust.CA_FILE, load_ca_file(ca_file)))
    found = cert_trust.find_path(chain, stores)
    if valid is None:
        return found.store, note
    where = "the system store" + (" or the CA file (--ca-file)" if ca_file else
                                  " (no --ca-file given)")
    if valid:
        return found.store, note
    broken = cert_trust.requirement_failures(found.path, now)
    if found.anchor is None:
        top = found.path[-1]
        if top.subject == top.issuer:
            start = (f"self-signed certificate {cert_trust.name(top)}" if len(found.path) == 1
                     else f"its root {cert_trust.name(top)} (sent by the server)")
            why = f"trusted by neither: {start} is not in {where}"
        else:
            why = (f"trusted by neither: its issuer {top.issuer.rfc4514_string()} is not in "
                   f"{where}, nor sent by the server")
        return "", why + (f"; also {'; '.join(broken)}" if broken else "")
    anchor = cert_trust.name(found.anchor)
    source = "the CA file (--ca-file)" if found.store == cert_trust.CA_FILE else where
    reason = "; ".join(broken) if broken else note
    return found.store, (f"chains to {anchor} in {source}, but fails strict (WebPKI) "
                         f"validation: {reason}")


def parse_pem_chain(pems: Sequence[str]) -> tuple[x509.Certificate, ...]:
    return tuple(x509.load_pem_x509_certificate(p.encode("ascii")) for p in pems)


def key_info(cert: x509.Certificate) -> tuple[str, int | None]:
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA", key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "EC", key.curve.key_size
    if isinstance(key, dsa.DSAPublicKey):
        return "DSA", key.key_size
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519", 256
    if isinstance(key, ed448.Ed448PublicKey):
        return "Ed448", 456
    return type(key).__name__, None


def signature_name(cert: x509.Certificate) -> str:
    oid = cert.signature_algorithm_oid
    return str(getattr(oid, "_name", "") or oid.dotted_string)


def weak_signature(cert: x509.Certificate) -> bool:
    try:
        algorithm = cert.signature_hash_algorithm
    except Exception:  # an algorithm cryptography does not know: not judged weak here
        return False
    return isinstance(algorithm, hashes.SHA1 | hashes.MD5)


def alt_names(cert: x509.Certificate) -> tuple[str, ...]:
    san = _san(cert)
    if san is None:
        return ()
    names = [f"DNS:{v}" for v in san.get_values_for_type(x509.DNSName)]
    names += [f"IP:{v}" for v in san.get_values_for_type(x509.IPAddress)]
    names += [f"URI:{v}" for v in san.get_values_for_type(x509.UniformResourceIdentifier)]
    return tuple(names)


def _san(cert: x509.Certificate) -> x509.SubjectAlternativeName | None:
    try:
        return cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return None


def _normal(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def sip_uri_host(uri: str) -> tuple[str, str, bool] | None:
    """``sip:host:port;params`` -> (scheme, host, has_user); None when not a SIP(S) URI."""
    scheme, sep, rest = uri.partition(":")
    if not sep or scheme.lower() not in ("sip", "sips"):
        return None
    rest = rest.split(";", 1)[0].split("?", 1)[0]
    user, at, hostport = rest.rpartition("@")
    host = hostport
    if hostport.startswith("["):
        host = hostport[1:].partition("]")[0]
    elif hostport.count(":") == 1:
        host = hostport.partition(":")[0]
    return scheme.lower(), _normal(host), bool(at) or bool(user)


def match_name(cert: x509.Certificate, name: str) -> NameMatch:
    """Does ``cert`` identify ``name`` (a SIP domain or an IP address), per RFC 5922?"""
    wanted = _normal(name)
    san = _san(cert)
    uris = [sip_uri_host(u) for u in (san.get_values_for_type(x509.UniformResourceIdentifier)
                                      if san else [])]
    sip_hosts = [host for scheme, host, user in filter(None, uris)
                 if scheme == "sip" and not user]
    sips_hosts = [host for scheme, host, user in filter(None, uris) if scheme == "sips"]
    if is_ip_literal(wanted):
        address = ipaddress.ip_address(wanted)
        ips = san.get_values_for_type(x509.IPAddress) if san else []
        uri_ips = [h for h in sip_hosts
                   if is_ip_literal(h) and ipaddress.ip_address(h) == address]
        if address in ips or uri_ips:
            return NameMatch(True, f"certificate names {wanted}")
        return NameMatch(False, f"the certificate names no IP address {wanted}")
    if sip_hosts:
        if wanted in sip_hosts:
            return NameMatch(True, f"sip:{wanted} URI subjectAltName (RFC 5922)")
        return NameMatch(False, f"SIP domain identities are {', '.join(sip_hosts)}, not {wanted}")
    dns = [_normal(d) for d in (san.get_values_for_type(x509.DNSName) if san else [])]
    if dns:
        if wanted in dns:
            return NameMatch(True, f"DNS subjectAltName {wanted}")
        wildcard = [d for d in dns if d.startswith("*.") and wanted.endswith(d[1:])]
        reason = (f"wildcard {wildcard[0]} is not accepted for SIP (RFC 5922 sec. 7.2)"
                  if wildcard else f"DNS names are {', '.join(dns)}, not {wanted}")
        return NameMatch(False, reason)
    if san is None:
        common = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
        if any(_normal(c) == wanted for c in common):
            return NameMatch(True, f"common name {wanted} (no subjectAltName)")
        return NameMatch(False, f"common name is {', '.join(common) or 'empty'}, not {wanted}")
    if wanted in sips_hosts:
        return NameMatch(False, f"only a sips:{wanted} URI names it, and RFC 5922 sec. 7.1 "
                                "accepts only sip: URIs as SIP domain identities")
    return NameMatch(False, f"no SIP domain identity in the certificate matches {wanted}")


def verify_chain(
    chain: Sequence[x509.Certificate], ca_file: Path | None, now: dt.datetime
) -> tuple[bool | None, str]:
    """(trusted?, why): trust only, judged at a moment within the leaf's validity."""
    anchors = [*system_trust(), *(load_ca_file(ca_file) if ca_file else ())]
    if not anchors:
        return None, "no trust store found (install ca-certificates or pass a CA file)"
    leaf = chain[0]
    moment = min(max(now, leaf.not_valid_before_utc), leaf.not_valid_after_utc)
    verifier = (
        verification.PolicyBuilder()
        .store(verification.Store(anchors))
        .time(moment)
        .extension_policies(
            ca_policy=verification.ExtensionPolicy.webpki_defaults_ca(),
            ee_policy=_leaf_policy(),
        )
        .build_client_verifier()
    )
    try:
        verified = verifier.verify(leaf, list(chain[1:]))
    except verification.VerificationError as error:
        return False, _explain(str(error))
    root = verified.chain[-1]
    if ca_file is not None and root in load_ca_file(ca_file):
        return True, f"chains to {root.subject.rfc4514_string()} from the CA file"
    return True, f"chains to {root.subject.rfc4514_string()} in the system store"


def _explain(error: str) -> str:
    """cryptography's verifier messages, made readable."""
    text = error.split(" (encountered", 1)[0].removeprefix("validation failed: ")
    if "no interior errors" in text:
        return "no path to a trusted root (unknown or self-signed issuer)"
    if "Forbidden signature algorithm" in text:
        return "a signature algorithm the WebPKI forbids (such as SHA-1)"
    text = text.removeprefix("candidates exhausted: ")
    return text if len(text) <= 160 else text[:157] + "..."


def _leaf_policy() -> verification.ExtensionPolicy:
    """WebPKI leaf rules, but names are matched separately and serverAuth is what counts."""
    return (
        verification.ExtensionPolicy.webpki_defaults_ee()
        .may_be_present(x509.ExtendedKeyUsage, verification.Criticality.AGNOSTIC, _server_auth)
        .may_be_present(x509.SubjectAlternativeName, verification.Criticality.AGNOSTIC, None)
    )


def _server_auth(
    policy: verification.Policy, cert: x509.Certificate, usage: x509.ExtendedKeyUsage | None
) -> None:
    del policy, cert
    if usage is not None and not {ExtendedKeyUsageOID.SERVER_AUTH,
                                  ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE} & set(usage):
        raise ValueError("certificate is not for TLS servers (no serverAuth key usage)")


@functools.cache
def system_trust() -> tuple[x509.Certificate, ...]:
    paths = ssl.get_default_verify_paths()
    for candidate in (paths.cafile, paths.openssl_cafile, *SYSTEM_BUNDLES):
        if candidate and Path(candidate).is_file():
            return _load_bundle(Path(candidate))
    return ()


@functools.cache
def load_ca_file(path: Path) -> tuple[x509.Certificate, ...]:
    """The CA certificates in a PEM file; a clear one-line error when it has none."""
    try:
        certs = _load_bundle(path)
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read CA file: {error}", str(path)) from None
    if not certs:
        raise InputError("CA file holds no PEM certificate", str(path))
    return certs


def _load_bundle(path: Path) -> tuple[x509.Certificate, ...]:
    # some distribution roots have non-positive serials, which cryptography warns about
    warnings.filterwarnings("ignore", category=CryptographyDeprecationWarning,
                            module=r"voipscan\.sources\.host\.certificates")
    return tuple(x509.load_pem_x509_certificates(path.read_bytes()))

