"""Audit SIP-over-TLS endpoints: versions, cipher suites, certificate, mutual TLS and more.

Each fact has one engine that decides it; nothing is reconciled afterwards:

==========================  ==========================  =======================================
fact                        decided by                  why
==========================  ==========================  =======================================
answers at all, speaks TLS  pre-flight: one stdlib      bounded by the timeout; sslyze's
                            ``ssl`` handshake           connectivity test retries a silent peer
                                                        for 20 s and more
protocol versions           our handshakes              one handshake per version
                            (``tls_handshakes``)
cipher suites               our handshakes              by elimination: ~20 handshakes where
                                                        sslyze's commands make ~400 (time, and
                                                        the rate limits of SIP servers)
client auth (mutual TLS)    our handshakes              the version handshakes see the server's
                                                        certificate request; one handshake
                                                        without a certificate tells optional
                                                        from required; the same in light audits
certificate chain as sent   our handshakes              read from handshakes made anyway (under
                                                        required mutual TLS 1.3, from the
                                                        client-auth one)
chain trust, expiry, key,   ``certificates`` on that    cryptography's WebPKI verifier, the one
signature, SIP identity     chain                       sslyze uses, but name-agnostic: sslyze
                                                        demands a DNS/IP name match and so
                                                        rejects sip:-URI certificates (RFC 5922)
                                                        and every peer scanned by IP address;
                                                        names are matched the SIP way instead
renegotiation (secure,      sslyze (``tls_sslyze``)     crafted exchanges within a session,
client-initiated), Heart-                                better left to a well-kept scanner
bleed
==========================  ==========================  =======================================

A light audit (rate-limited peers) makes one handshake per protocol version from the highest
down, one more to tell optional from required client certificates, and no sslyze scan:
renegotiation and Heartbleed stay undetermined.

One deadline bounds an audit: ``audit_deadline(timeout)``, created once when ``audit_many``
starts and shared by the endpoints audited together (they share the worker threads and the
sslyze run). Every handshake, the pre-flight included, waits at most ``timeout`` and never
past the deadline; sslyze's results are collected until it; what is unfinished then is
abandoned and the audit is partial. Closed, silent and non-TLS peers end at the pre-flight,
within ``timeout``.
"""

from __future__ import annotations

import concurrent.futures as futures
import socket
import ssl
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography import x509

from voipscan.facts import (
    Certificate,
    Exposure,
    Fact,
    Provenance,
    SipProtocol,
    SipTransport,
    TlsVersion,
)
from voipscan.facts.network import is_ip_literal
from voipscan.sources.host.certificates import (
    CertificateReport,
    analyse,
    load_ca_file,
    parse_pem_chain,
)
from voipscan.sources.host.deadline import Deadline
from voipscan.sources.host.tls_ciphers import AcceptedCipher
from voipscan.sources.host.tls_handshakes import (
    ClientAuth,
    Peer,
    VersionResult,
    client_auth,
    offering_everything,
    probe_version,
)
from voipscan.sources.host.tls_sslyze import SslyzeFindings, SslyzeRun

__all__ = [
    "AuditStatus",
    "ClientAuth",
    "TlsAudit",
    "TlsEndpoint",
    "audit",
    "audit_deadline",
    "audit_many",
    "skipped",
    "transport_facts",
]

_NOT_TLS_REASONS = frozenset({
    "WRONG_VERSION_NUMBER", "UNKNOWN_PROTOCOL", "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST",
    "RECORD_LENGTH_MISMATCH", "UNEXPECTED_EOF_WHILE_READING", "EOF",
})


class AuditStatus(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"  # TLS answered, but part of the audit failed or ran out of time
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"  # no TCP or no TLS answer within the timeout
    NOT_TLS = "not-tls"
    ERROR = "error"

    @property
    def answered(self) -> bool:
        return self in (AuditStatus.COMPLETE, AuditStatus.PARTIAL)


@dataclass(frozen=True)
class TlsEndpoint:
    host: str
    port: int
    server_name: str | None = None


@dataclass(frozen=True)
class TlsAudit:
    """Everything one audit found; ``None`` means "not determined"."""

    host: str
    port: int
    server_name: str | None
    light: bool
    status: AuditStatus
    error: str = ""
    elapsed: float = 0.0
    versions: frozenset[TlsVersion] = frozenset()
    versions_tested: frozenset[TlsVersion] = frozenset()
    ciphers: tuple[AcceptedCipher, ...] = ()
    ciphers_complete: bool = False
    certificate: CertificateReport | None = None
    client_auth: ClientAuth | None = None
    secure_renegotiation: bool | None = None
    client_renegotiation: bool | None = None
    heartbleed: bool | None = None
    problems: tuple[str, ...] = ()

    @property
    def target(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def weak_ciphers(self) -> tuple[AcceptedCipher, ...]:
        return tuple(c for c in self.ciphers if c.weak)

    @property
    def client_cert_required(self) -> bool | None:
        return None if self.client_auth is None else self.client_auth is ClientAuth.REQUIRED


def audit_deadline(timeout: float) -> Deadline:
    """The one deadline of an audit: the pre-flight's timeout, then ten of them (30 s or more)
    for the handshakes and sslyze's scans."""
    return Deadline.after(timeout + max(30.0, 10 * timeout))


def audit(
    host: str,
    port: int,
    *,
    timeout: float,
    light: bool = False,
    ca_file: Path | None = None,
    server_name: str | None = None,
    deadline: Deadline | None = None,
) -> TlsAudit:
    """Audit one TLS endpoint. Raises ``InputError`` only for an unreadable ``ca_file``."""
    return audit_many([TlsEndpoint(host, port, server_name)], timeout=timeout, light=light,
                      ca_file=ca_file, deadline=deadline)[0]


def audit_many(
    endpoints: Iterable[TlsEndpoint | tuple[str, int]],
    *,
    timeout: float,
    light: bool = False,
    ca_file: Path | None = None,
    deadline: Deadline | None = None,
    max_workers: int = 64,
) -> list[TlsAudit]:
    """Audit endpoints concurrently, all done by ``deadline`` (default
    ``audit_deadline(timeout)``); results in the order given."""
    start = time.monotonic()
    deadline = deadline or audit_deadline(timeout)
    targets = [e if isinstance(e, TlsEndpoint) else TlsEndpoint(*e) for e in endpoints]
    if not targets:
        return []
    if ca_file is not None:
        load_ca_file(ca_file)
    with futures.ThreadPoolExecutor(min(32, len(targets))) as pool:
        checked = list(pool.map(lambda t: _preflight(t, timeout, deadline), targets))
    live = [(t, p) for t, (p, _status, _error) in zip(targets, checked, strict=True)
            if p is not None]
    found = _scan([peer for _target, peer in live], light=light, deadline=deadline,
                  workers=max_workers)
    results = []
    for target, (peer, status, error) in zip(targets, checked, strict=True):
        if peer is None:
            results.append(TlsAudit(target.host, target.port, target.server_name, light,
                                    status, error, time.monotonic() - start))
        else:
            results.append(_judge(target, peer, found[peer], light=light, ca_file=ca_file,
                                  start=start))
    return results


def _preflight(target: TlsEndpoint, timeout: float,
               deadline: Deadline) -> tuple[Peer | None, AuditStatus, str]:
    """One stdlib handshake: is anything there, and does it speak TLS? Bounded by timeout."""
    started = time.monotonic()
    try:
        ip = _resolve(target.host, target.port)
    except OSError as error:
        return None, AuditStatus.ERROR, f"cannot resolve {target.host}: {error}"
    sni = target.server_name or (None if is_ip_literal(target.host) else target.host)
    peer = Peer(ip, target.port, sni, timeout, deadline)
    allowed = min(timeout, deadline.at - started)
    limit = Deadline(started + allowed)
    try:
        sock = socket.create_connection((ip, target.port), timeout=limit.remaining())
    except ConnectionRefusedError:
        return None, AuditStatus.UNREACHABLE, "connection refused"
    except TimeoutError:
        return None, AuditStatus.TIMEOUT, f"no TCP answer within {allowed:g} s"
    except OSError as error:
        return None, AuditStatus.UNREACHABLE, error.strerror or str(error)
    context = offering_everything()
    with sock:
        sock.settimeout(max(0.01, limit.remaining()))
        try:
            context.wrap_socket(sock, server_hostname=sni).close()
        except TimeoutError:
            return None, AuditStatus.TIMEOUT, (
                f"accepted TCP but sent no TLS answer within {allowed:g} s "
                "(plain-TCP SIP, or a silent peer)")
        except ssl.SSLError as error:
            if (error.reason or "") in _NOT_TLS_REASONS or isinstance(error, ssl.SSLEOFError):
                return None, AuditStatus.NOT_TLS, f"answered, but not with TLS ({error.reason})"
            # an alert: it speaks TLS, only not what this handshake offered
        except OSError as error:
            return None, AuditStatus.NOT_TLS, f"closed the connection in the handshake ({error})"
    return peer, AuditStatus.COMPLETE, ""


def _resolve(host: str, port: int) -> str:
    if is_ip_literal(host):
        return host.strip("[]")
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return str(info[0][4][0])


@dataclass(frozen=True)
class _ClientAuthAnswer:
    version: TlsVersion
    answer: ClientAuth | None
    chain: tuple[str, ...]


@dataclass(frozen=True)
class _Probed:
    """What the handshakes of one job found: some protocol versions, maybe client auth."""

    versions: tuple[VersionResult, ...]
    client_auth: _ClientAuthAnswer | None = None


@dataclass(frozen=True)
class _Found:
    """Everything the engines found about one peer by the deadline."""

    probed: tuple[_Probed, ...]
    sslyze: SslyzeFindings | None  # None: not run (light audit)


def _scan(peers: Sequence[Peer], *, light: bool, deadline: Deadline,
          workers: int) -> dict[Peer, _Found]:
    """Run every engine on every peer that passed the pre-flight, until the deadline."""
    peers = list(dict.fromkeys(peers))  # an endpoint given twice is audited once
    if not peers:
        return {}
    sslyze = None if light else SslyzeRun.start(peers)
    pool = futures.ThreadPoolExecutor(max(1, min(workers, len(peers) * len(TlsVersion))))
    if light:  # one connection at a time per peer: rate limits count connections
        jobs = {pool.submit(_light, peer): peer for peer in peers}
    else:
        jobs = {pool.submit(_full, peer, version): peer
                for peer in peers for version in TlsVersion}
    done, _ = futures.wait(jobs, timeout=deadline.remaining())
    pool.shutdown(wait=False, cancel_futures=True)
    probed: dict[Peer, list[_Probed]] = {peer: [] for peer in peers}
    for job in done:
        probed[jobs[job]].append(job.result())
    found = sslyze.collect(deadline) if sslyze else {}
    return {peer: _Found(tuple(probed[peer]), found.get(peer)) for peer in peers}


def _light(peer: Peer) -> _Probed:
    results = tuple(probe_version(peer, v, enumerate_ciphers=False)
                    for v in reversed(TlsVersion))
    requested = [r for r in results if r.accepted and r.client_cert_requested]
    if requested:
        return _Probed(results, _ask_client_auth(peer, requested[0].version))
    return _Probed(results)


def _full(peer: Peer, version: TlsVersion) -> _Probed:
    result = probe_version(peer, version, enumerate_ciphers=True)
    if result.accepted and result.client_cert_requested:
        return _Probed((result,), _ask_client_auth(peer, version))
    return _Probed((result,))


def _ask_client_auth(peer: Peer, version: TlsVersion) -> _ClientAuthAnswer:
    answer, chain = client_auth(peer, version)
    return _ClientAuthAnswer(version, answer, chain)


def _judge(target: TlsEndpoint, peer: Peer, found: _Found, *, light: bool,
           ca_file: Path | None, start: float) -> TlsAudit:
    results = sorted((r for p in found.probed for r in p.versions), key=lambda r: r.version.rank)
    problems = [f"{r.version.value}: {r.error}" for r in results if r.error]
    if len(results) < len(TlsVersion):
        problems.append("time budget exhausted before every TLS version was tested")
    enumerated = not problems and not light and all(
        r.complete or not r.accepted for r in results)
    partial = bool(problems)
    accepted = [r for r in results if r.accepted]
    if not accepted and not partial:
        return TlsAudit(target.host, target.port, target.server_name, light,
                        AuditStatus.ERROR, "TLS answered, but no protocol version and "
                        "suite could be agreed (does it need another server name?)",
                        time.monotonic() - start, versions_tested=frozenset(TlsVersion))
    answers = sorted((p.client_auth for p in found.probed if p.client_auth),
                     key=lambda a: a.version.rank)
    auth: ClientAuth | None = ClientAuth.DISABLED
    if any(r.client_cert_requested for r in accepted):
        auth = next((a.answer for a in reversed(answers) if a.answer), None)
        if auth is None and peer.deadline.passed:
            problems.append("time budget exhausted before client authentication was tested")
            partial = True
    sslyze = found.sslyze
    if sslyze is not None:
        problems += sslyze.problems
        partial = partial or sslyze.broken
    seen = next((r.chain for r in reversed(accepted) if r.chain), ())
    chain = _parse(seen or next((a.chain for a in reversed(answers) if a.chain), ()), problems)
    certificate = None
    if chain:
        certificate = analyse(chain, name=peer.server_name or peer.ip, ca_file=ca_file,
                              name_given=peer.server_name is not None)
    return TlsAudit(
        host=target.host, port=target.port, server_name=target.server_name, light=light,
        status=AuditStatus.PARTIAL if partial else AuditStatus.COMPLETE,
        elapsed=time.monotonic() - start,
        versions=frozenset(r.version for r in accepted),
        versions_tested=frozenset(r.version for r in results if r.tested),
        ciphers=tuple(AcceptedCipher.judge(name, r.version)
                      for r in accepted for name in r.ciphers),
        ciphers_complete=enumerated,
        certificate=certificate,
        client_auth=auth,
        secure_renegotiation=sslyze.secure_renegotiation if sslyze else None,
        client_renegotiation=sslyze.client_renegotiation if sslyze else None,
        heartbleed=sslyze.heartbleed if sslyze else None,
        problems=tuple(problems),
    )


def _parse(chain_pem: tuple[str, ...], problems: list[str]) -> tuple[x509.Certificate, ...]:
    try:
        return parse_pem_chain(chain_pem)
    except ValueError as error:
        problems.append(f"certificate not parsable: {error}")
        return ()


def transport_facts(audit: TlsAudit, name: str,
                    protocol: SipProtocol = SipProtocol.TLS) -> SipTransport:
    """The facts a SIP-TLS (or WSS) audit establishes about one transport, for the checks."""
    mode = "light TLS audit" if audit.light else "TLS audit"
    source = Provenance.probe(audit.target, f"{mode}: {audit.status.value}")
    if not audit.status.answered:
        note = f"{audit.status.value}: {audit.error}"
        return SipTransport(name, protocol=Fact(None, source, note),
                            bind=Fact(audit.target, source), source=source)
    untested = sorted(set(TlsVersion) - audit.versions_tested, key=lambda v: v.rank)
    version_note = (f"not determined: {', '.join(v.value for v in untested)}" if untested else "")
    return SipTransport(
        name,
        protocol=Fact(protocol, source),
        bind=Fact(audit.target, source),
        exposure=Fact(Exposure.NETWORK, source),
        tls_versions=Fact(audit.versions, source, version_note),
        verify_peer=Fact(None, source, "a server's verification of its peers cannot be probed "
                                       "from outside; see client_cert_required"),
        client_cert_required=Fact(audit.client_cert_required, source,
                                  "" if audit.client_auth else "client authentication unclear"),
        weak_ciphers=_weak_cipher_fact(audit, source),
        certificate=_certificate_fact(audit.certificate, source),
        source=source,
        accepted_ciphers=_accepted_fact(audit, source),
    )


def skipped(audit: TlsAudit) -> str:
    """What a light audit leaves out, in words ('' for a full one)."""
    if not audit.light:
        return ""
    return ("light audit (--tls-light) skipped: enumerating every cipher suite (one "
            "handshake per accepted suite; only the suite each version chose was seen), "
            "the renegotiation and Heartbleed tests")


def _accepted_fact(audit: TlsAudit, source: Provenance) -> Fact[tuple[str, ...]]:
    """Every accepted suite as '<version> <IANA name>', highest version first; unknown (with
    what was seen) when the audit could not enumerate them all."""
    ordered = sorted(audit.ciphers, key=lambda c: -c.version.rank)
    entries = tuple(f"{c.version.value} {c.name}" for c in ordered)
    if audit.ciphers_complete:
        return Fact(entries, source)
    seen = "; ".join(entries) or "none"
    why = skipped(audit) or "the audit did not finish enumerating cipher suites"
    return Fact(None, source, f"{why}; seen: {seen}")


def _weak_cipher_fact(result: TlsAudit, source: Provenance) -> Fact[tuple[str, ...]]:
    weak = tuple(c.describe() for c in result.weak_ciphers)
    if result.ciphers_complete:
        return Fact(weak, source)
    if weak:
        return Fact(weak, source, "cipher suites not fully enumerated: there may be more")
    why = "light audit: only one suite per version seen" if result.light else "audit incomplete"
    return Fact(None, source, f"cipher suites not fully enumerated ({why})")


def _certificate_fact(report: CertificateReport | None,
                      source: Provenance) -> Fact[Certificate]:
    if report is None:
        return Fact(None, source, "no certificate received")
    return Fact(Certificate(
        subject=report.subject,
        not_after=report.not_after,
        chain_valid=Fact(report.chain_valid, source, report.chain_note),
        hostname_match=Fact(report.name_match.matched, source,
                            f"{report.name_checked}: {report.name_match.note}"),
        key_type=report.key_type,
        key_bits=report.key_bits,
        signature_algorithm=report.signature_algorithm,
        validation_error="" if report.chain_valid else report.chain_note,
        issuer=report.issuer,
        alt_names=report.alt_names,
        chain=report.chain,
        trusted_by=report.trusted_by,
    ), source)
