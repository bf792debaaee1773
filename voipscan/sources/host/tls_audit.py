"""Audit SIP-over-TLS endpoints: versions, cipher suites, certificate, mutual TLS.

One audit = a pre-flight handshake (stdlib ``ssl``, bounded by ``timeout``: closed, silent and
non-TLS peers end here), then, for a full audit, in parallel:

- sslyze's certificate, renegotiation and Heartbleed commands (its own trust stores plus
  ``ca_file``), run in a daemon thread and abandoned at the deadline (sslyze has none);
- per protocol version, handshakes that enumerate the accepted cipher suites by elimination
  (``tls_handshakes``), a few dozen handshakes instead of sslyze's ~400.

A light audit (rate-limited peers) makes one handshake per protocol version, plus one to tell
optional from required client certificates, and reads the certificate from those handshakes.
sslyze is imported only inside functions, so importing this module is cheap.
"""

from __future__ import annotations

import concurrent.futures as futures
import ipaddress
import math
import queue
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voipscan.facts import (
    Certificate,
    Exposure,
    Fact,
    Provenance,
    SipProtocol,
    SipTransport,
    TlsVersion,
)
from voipscan.sources.host.certificates import (
    CertificateReport,
    analyse,
    load_ca_file,
    parse_pem_chain,
)
from voipscan.sources.host.tls_ciphers import AcceptedCipher
from voipscan.sources.host.tls_handshakes import (
    ClientAuth,
    Peer,
    VersionResult,
    client_auth,
    probe_version,
)

if TYPE_CHECKING:
    from cryptography import x509
    from sslyze.scanner.models import ServerScanResult

__all__ = [
    "AuditStatus",
    "ClientAuth",
    "TlsAudit",
    "TlsEndpoint",
    "audit",
    "audit_many",
    "transport_facts",
]

_NOT_TLS_REASONS = frozenset({
    "WRONG_VERSION_NUMBER", "UNKNOWN_PROTOCOL", "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST",
    "RECORD_LENGTH_MISMATCH", "UNEXPECTED_EOF_WHILE_READING", "EOF",
})
_SSLYZE_COMMANDS = ("certificate_info", "session_renegotiation", "heartbleed")


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


def default_budget(timeout: float) -> float:
    """How long an audit may run after the pre-flight before it is cut short."""
    return max(30.0, 10 * timeout)


def audit(
    host: str,
    port: int,
    *,
    timeout: float,
    light: bool = False,
    ca_file: Path | None = None,
    server_name: str | None = None,
    budget: float | None = None,
) -> TlsAudit:
    """Audit one TLS endpoint. Raises ``InputError`` only for an unreadable ``ca_file``."""
    return audit_many([TlsEndpoint(host, port, server_name)], timeout=timeout, light=light,
                      ca_file=ca_file, budget=budget)[0]


def audit_many(
    endpoints: Iterable[TlsEndpoint | tuple[str, int]],
    *,
    timeout: float,
    light: bool = False,
    ca_file: Path | None = None,
    budget: float | None = None,
    max_workers: int = 64,
) -> list[TlsAudit]:
    """Audit endpoints concurrently; results in the order given."""
    targets = [e if isinstance(e, TlsEndpoint) else TlsEndpoint(*e) for e in endpoints]
    if not targets:
        return []
    if ca_file is not None:
        load_ca_file(ca_file)
    start = time.monotonic()
    with futures.ThreadPoolExecutor(min(32, len(targets))) as pool:
        checked = list(pool.map(lambda t: _preflight(t, timeout), targets))
    deadline = time.monotonic() + (budget if budget is not None else default_budget(timeout))
    live = [(t, p) for t, (p, _status, _error) in zip(targets, checked, strict=True)
            if p is not None]
    scans = _Scans(live, light=light, ca_file=ca_file, deadline=deadline, workers=max_workers)
    results = []
    for target, (peer, status, error) in zip(targets, checked, strict=True):
        if peer is None:
            results.append(TlsAudit(target.host, target.port, target.server_name, light,
                                    status, error, time.monotonic() - start))
        else:
            results.append(scans.result(target, peer, ca_file, start))
    return results


def _preflight(target: TlsEndpoint, timeout: float) -> tuple[Peer | None, AuditStatus, str]:
    """One stdlib handshake: is anything there, and does it speak TLS? Bounded by timeout."""
    deadline = time.monotonic() + timeout
    try:
        ip = _resolve(target.host, target.port)
    except OSError as error:
        return None, AuditStatus.ERROR, f"cannot resolve {target.host}: {error}"
    sni = target.server_name or (None if _is_ip(target.host) else target.host)
    peer = Peer(ip, target.port, sni, timeout)
    try:
        sock = socket.create_connection((ip, target.port), timeout=timeout)
    except ConnectionRefusedError:
        return None, AuditStatus.UNREACHABLE, "connection refused"
    except TimeoutError:
        return None, AuditStatus.TIMEOUT, f"no TCP answer within {timeout:g} s"
    except OSError as error:
        return None, AuditStatus.UNREACHABLE, error.strerror or str(error)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    context.set_ciphers("ALL:@SECLEVEL=0")
    with sock:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            context.wrap_socket(sock, server_hostname=sni).close()
        except TimeoutError:
            return None, AuditStatus.TIMEOUT, (
                f"accepted TCP but sent no TLS answer within {timeout:g} s "
                "(plain-TCP SIP, or a silent peer)")
        except ssl.SSLError as error:
            if (error.reason or "") in _NOT_TLS_REASONS or isinstance(error, ssl.SSLEOFError):
                return None, AuditStatus.NOT_TLS, f"answered, but not with TLS ({error.reason})"
            # an alert: it speaks TLS, only not what this handshake offered
        except OSError as error:
            return None, AuditStatus.NOT_TLS, f"closed the connection in the handshake ({error})"
    return peer, AuditStatus.COMPLETE, ""


def _resolve(host: str, port: int) -> str:
    if _is_ip(host):
        return host.strip("[]")
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return str(info[0][4][0])


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass
class _SslyzeFindings:
    client_auth: ClientAuth | None = None
    chain: tuple[x509.Certificate, ...] = ()
    trusted_by: str = ""
    secure_renegotiation: bool | None = None
    client_renegotiation: bool | None = None
    heartbleed: bool | None = None
    problems: list[str] = field(default_factory=list)
    broken: bool = False


@dataclass(frozen=True)
class _Probed:
    """What the handshakes of one job found: some protocol versions, maybe client auth."""

    versions: list[VersionResult]
    client_auth: tuple[ClientAuth | None, tuple[str, ...]] | None = None


class _Scans:
    """The concurrent part of the audits of all endpoints that passed the pre-flight."""

    def __init__(self, live: Sequence[tuple[TlsEndpoint, Peer]], *, light: bool,
                 ca_file: Path | None, deadline: float, workers: int) -> None:
        self.deadline = deadline
        self.light = light
        self.sslyze: dict[TlsEndpoint, _SslyzeFindings] = {}
        self.probed: dict[TlsEndpoint, list[_Probed]] = {}
        if not live:
            return
        sslyze = None if light else _start_sslyze(live, ca_file)
        pool = futures.ThreadPoolExecutor(max(1, min(workers, len(live) * len(TlsVersion))))
        if light:  # one connection at a time per peer: rate limits count connections
            jobs = {pool.submit(self._light, peer): target for target, peer in live}
        else:
            jobs = {pool.submit(self._full, peer, version): target
                    for target, peer in live for version in TlsVersion}
        done, _ = futures.wait(jobs, timeout=max(0.0, deadline - time.monotonic()))
        pool.shutdown(wait=False, cancel_futures=True)
        for job in done:
            self.probed.setdefault(jobs[job], []).append(job.result())
        if sslyze is not None:
            self.sslyze = _collect_sslyze(*sslyze, deadline)

    def _light(self, peer: Peer) -> _Probed:
        results = [probe_version(peer, v, enumerate_ciphers=False, deadline=self.deadline)
                   for v in reversed(TlsVersion)]
        requested = [r for r in results if r.accepted and r.client_cert_requested]
        if requested and time.monotonic() < self.deadline:
            return _Probed(results, client_auth(peer, requested[0].version))
        return _Probed(results)

    def _full(self, peer: Peer, version: TlsVersion) -> _Probed:
        return _Probed([probe_version(peer, version, enumerate_ciphers=True,
                                      deadline=self.deadline)])

    def result(self, target: TlsEndpoint, peer: Peer, ca_file: Path | None,
               start: float) -> TlsAudit:
        probed = self.probed.get(target, [])
        results = sorted((r for p in probed for r in p.versions), key=lambda r: r.version.rank)
        problems = [f"{r.version.value}: {r.error}" for r in results if r.error]
        if len(results) < len(TlsVersion):
            problems.append("time budget exhausted before every TLS version was tested")
        enumerated = not problems and not self.light and all(
            r.complete or not r.accepted for r in results)
        partial = bool(problems)
        accepted = [r for r in results if r.accepted]
        if not accepted and not partial:
            return TlsAudit(target.host, target.port, target.server_name, self.light,
                            AuditStatus.ERROR, "TLS answered, but no protocol version and "
                            "suite could be agreed (does it need another server name?)",
                            time.monotonic() - start, versions_tested=frozenset(TlsVersion))
        found = self.sslyze.get(target)
        if not self.light:
            if found is None:
                found = _SslyzeFindings(problems=["sslyze: no result before the deadline"],
                                        broken=True)
            problems += found.problems
            partial = partial or found.broken
        auth, seen_chain = _client_auth(peer, probed, accepted, found)
        chain = found.chain if found and found.chain else _parse(seen_chain, problems)
        certificate = None
        if chain:
            certificate = analyse(chain, name=peer.server_name or peer.ip, ca_file=ca_file,
                                  name_given=peer.server_name is not None)
            if found and found.trusted_by and certificate.chain_valid is not True:
                certificate = _trusted(certificate, found.trusted_by)
        return TlsAudit(
            host=target.host, port=target.port, server_name=target.server_name,
            light=self.light,
            status=AuditStatus.PARTIAL if partial else AuditStatus.COMPLETE,
            elapsed=time.monotonic() - start,
            versions=frozenset(r.version for r in accepted),
            versions_tested=frozenset(r.version for r in results if r.tested),
            ciphers=tuple(AcceptedCipher.judge(name, r.version)
                          for r in accepted for name in r.ciphers),
            ciphers_complete=enumerated,
            certificate=certificate,
            client_auth=auth,
            secure_renegotiation=found.secure_renegotiation if found else None,
            client_renegotiation=found.client_renegotiation if found else None,
            heartbleed=found.heartbleed if found else None,
            problems=tuple(problems),
        )


def _client_auth(peer: Peer, probed: list[_Probed], accepted: list[VersionResult],
                 found: _SslyzeFindings | None) -> tuple[ClientAuth | None, tuple[str, ...]]:
    """sslyze's answer if it has one, else ours; and the chain our handshakes saw."""
    chain = next((r.chain for r in reversed(accepted) if r.chain), ())
    if found and found.client_auth:
        return found.client_auth, chain
    if not any(r.client_cert_requested for r in accepted):
        return ClientAuth.DISABLED, chain
    detected = next((p.client_auth for p in probed if p.client_auth), None)
    answer, extra = detected or client_auth(peer, accepted[-1].version)
    return answer, chain or extra


def _parse(chain_pem: tuple[str, ...], problems: list[str]) -> tuple[x509.Certificate, ...]:
    try:
        return parse_pem_chain(chain_pem)
    except ValueError as error:
        problems.append(f"certificate not parsable: {error}")
        return ()


def _trusted(report: CertificateReport, store: str) -> CertificateReport:
    from dataclasses import replace

    return replace(report, chain_valid=True, chain_note=f"trusted by sslyze's {store} store")


def _start_sslyze(live: Sequence[tuple[TlsEndpoint, Peer]],
                  ca_file: Path | None) -> tuple[queue.Queue[Any], dict[Any, TlsEndpoint]]:
    """Start sslyze's scans in a daemon thread; results (then None) arrive on the queue."""
    from cryptography.utils import CryptographyDeprecationWarning
    from sslyze.plugins.certificate_info.implementation import CertificateInfoExtraArgument
    from sslyze.plugins.scan_commands import ScanCommand
    from sslyze.scanner.models import ScanCommandsExtraArguments, ServerScanRequest
    from sslyze.scanner.scanner import Scanner
    from sslyze.server_setting import ServerNetworkConfiguration, ServerNetworkLocation

    extra = ScanCommandsExtraArguments(
        certificate_info=CertificateInfoExtraArgument(custom_ca_file=ca_file)
    ) if ca_file else ScanCommandsExtraArguments()
    requests = []
    owners: dict[Any, TlsEndpoint] = {}
    for target, peer in live:
        requests.append(ServerScanRequest(
            server_location=ServerNetworkLocation(peer.server_name or peer.ip, peer.port,
                                                  ip_address=peer.ip),
            network_configuration=ServerNetworkConfiguration(
                tls_server_name_indication=peer.server_name or peer.ip,
                network_timeout=max(1, math.ceil(peer.timeout)),
                network_max_retries=1,
            ),
            scan_commands={ScanCommand(c) for c in _SSLYZE_COMMANDS},
            scan_commands_extra_arguments=extra,
        ))
        owners[requests[-1].uuid] = target
    results: queue.Queue[Any] = queue.Queue()
    scanner = Scanner(per_server_concurrent_connections_limit=3,
                      concurrent_server_scans_limit=min(len(requests), 20))

    # sslyze's bundled root stores hold certificates cryptography warns about
    warnings.filterwarnings("ignore", category=CryptographyDeprecationWarning,
                            module=r"sslyze\.")

    def run() -> None:
        try:
            scanner.queue_scans(requests)
            for result in scanner.get_results():
                results.put(result)
        except Exception as error:  # reported per endpoint, never raised into the caller
            results.put(error)
        results.put(None)

    threading.Thread(target=run, name="voipscan-sslyze", daemon=True).start()
    return results, owners


def _collect_sslyze(results: queue.Queue[Any], owners: dict[Any, TlsEndpoint],
                    deadline: float) -> dict[TlsEndpoint, _SslyzeFindings]:
    found: dict[TlsEndpoint, _SslyzeFindings] = {}
    while True:
        try:
            item = results.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        if item is None:
            break
        if isinstance(item, Exception):
            for target in owners.values():
                found.setdefault(target, _SslyzeFindings(
                    problems=[f"sslyze failed: {type(item).__name__}: {item}"], broken=True))
            break
        owner = owners.get(item.uuid)
        if owner is not None:
            found[owner] = _read_sslyze(item)
    return found


def _read_sslyze(result: ServerScanResult) -> _SslyzeFindings:
    from sslyze.scanner.scan_command_attempt import (
        ScanCommandAttemptStatusEnum,
        ScanCommandErrorReasonEnum,
    )

    findings = _SslyzeFindings()
    if result.connectivity_result is None or result.scan_result is None:
        trace = result.connectivity_error_trace
        reason = str(trace).strip().splitlines()[-1] if trace else "no connectivity"
        findings.problems.append(f"sslyze could not connect: {reason}")
        findings.broken = True
        return findings
    findings.client_auth = ClientAuth(result.connectivity_result.client_auth_requirement.value
                                      .lower())
    for name in _SSLYZE_COMMANDS:
        attempt = getattr(result.scan_result, name)
        if attempt.status is ScanCommandAttemptStatusEnum.COMPLETED:
            _read_command(name, attempt.result, findings)
            continue
        reason = attempt.error_reason
        if reason is ScanCommandErrorReasonEnum.CLIENT_CERTIFICATE_NEEDED:
            findings.problems.append(f"{name}: not tested, the server requires a client "
                                     "certificate")
            continue
        detail = str(attempt.error_trace).strip().splitlines()[-1] if attempt.error_trace else ""
        label = reason.value if reason else attempt.status.value
        findings.problems.append(f"{name}: {label} {detail}".strip())
        findings.broken = True
    return findings


def _read_command(name: str, outcome: Any, findings: _SslyzeFindings) -> None:
    if name == "certificate_info" and outcome.certificate_deployments:
        deployment = outcome.certificate_deployments[0]
        findings.chain = tuple(deployment.received_certificate_chain)
        trusted = [r.trust_store.name for r in deployment.path_validation_results
                   if r.was_validation_successful]
        findings.trusted_by = trusted[0] if trusted else ""
    elif name == "session_renegotiation":
        findings.secure_renegotiation = outcome.supports_secure_renegotiation
        findings.client_renegotiation = outcome.is_vulnerable_to_client_renegotiation_dos
    elif name == "heartbleed":
        findings.heartbleed = outcome.is_vulnerable_to_heartbleed


def transport_facts(audit: TlsAudit, name: str) -> SipTransport:
    """The facts a SIP-TLS audit establishes about one transport, for the checks."""
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
        protocol=Fact(SipProtocol.TLS, source),
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
    )


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
    ), source)
