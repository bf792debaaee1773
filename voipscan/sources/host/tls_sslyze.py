"""The facts sslyze decides in a TLS audit: secure and client-initiated renegotiation, Heartbleed.

Both need crafted exchanges (a renegotiation inside a session, a malformed heartbeat) that a
well-kept scanner gets right better than hand-written code. The scan commands' own jobs run
here, on daemon threads, not through sslyze's ``Scanner``: its dispatcher wakes every 0.2 s to
collect finished jobs (``sslyze/scanner/_mass_scanner.py``), which put a floor of 0.2 s under
every audit that the jobs themselves (a few handshakes) do not need. sslyze has neither a
deadline nor a way to cancel a job: whatever has not arrived by the audit's deadline is given
up (each of sslyze's network waits is bounded by the peer's ``network_timeout``, which the
deadline caps).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from traceback import TracebackException
from typing import Any

from nassl.ssl_client import ClientCertificateRequested
from sslyze.errors import (
    ConnectionToServerFailed,
    ConnectionToServerTimedOut,
    ServerRejectedTlsHandshake,
    TlsHandshakeTimedOut,
)
from sslyze.plugins.plugin_base import ScanJob, ScanJobResult
from sslyze.plugins.scan_commands import ScanCommand, ScanCommandsRepository
from sslyze.scanner.scan_command_attempt import (
    ScanCommandAttempt,
    ScanCommandAttemptStatusEnum,
    ScanCommandErrorReasonEnum,
)
from sslyze.server_connectivity import ServerConnectivityInfo, check_connectivity_to_server

from voipscan.sources.host.deadline import Deadline
from voipscan.sources.host.tls_handshakes import Peer, sslyze_location

COMMANDS = (ScanCommand.SESSION_RENEGOTIATION, ScanCommand.HEARTBLEED)
CONCURRENT_PEERS = 20
"""Peers whose jobs run at once (sslyze's own limit for concurrent server scans)."""

_Item = tuple[Peer, "SslyzeFindings"] | None  # None: every peer is done


@dataclass(frozen=True)
class SslyzeFindings:
    """``None``: not determined. ``broken``: sslyze failed, not merely skipped a command."""

    secure_renegotiation: bool | None = None
    client_renegotiation: bool | None = None
    heartbleed: bool | None = None
    problems: tuple[str, ...] = ()
    broken: bool = False


@dataclass(frozen=True)
class SslyzeRun:
    """sslyze's scans of some peers, under way on daemon threads."""

    results: queue.Queue[_Item]
    peers: tuple[Peer, ...]

    @classmethod
    def start(cls, peers: Iterable[Peer]) -> SslyzeRun:
        owned = tuple(dict.fromkeys(peers))
        results: queue.Queue[_Item] = queue.Queue()
        slots = threading.BoundedSemaphore(CONCURRENT_PEERS)

        def run() -> None:
            workers = [threading.Thread(target=_scan, args=(peer, slots, results),
                                        name="voipscan-sslyze", daemon=True)
                       for peer in owned]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            results.put(None)

        threading.Thread(target=run, name="voipscan-sslyze", daemon=True).start()
        return cls(results, owned)

    def collect(self, deadline: Deadline) -> dict[Peer, SslyzeFindings]:
        """What arrived by the deadline; a peer without a result gets a problem saying so."""
        found: dict[Peer, SslyzeFindings] = {}
        while True:
            try:
                item = self.results.get(timeout=deadline.remaining())
            except queue.Empty:
                break
            if item is None:
                break
            found[item[0]] = item[1]
        late = SslyzeFindings(problems=("sslyze: no result before the deadline",), broken=True)
        return {peer: found.get(peer, late) for peer in self.peers}


def _scan(peer: Peer, slots: threading.BoundedSemaphore, results: queue.Queue[_Item]) -> None:
    with slots:
        try:
            findings = _findings(peer)
        except Exception as error:  # reported for the peer, never raised into the caller
            findings = SslyzeFindings(problems=(
                f"sslyze failed: {type(error).__name__}: {error}",), broken=True)
    results.put((peer, findings))


def _findings(peer: Peer) -> SslyzeFindings:
    location, network = sslyze_location(peer)
    try:
        probing = check_connectivity_to_server(location, network)
    except ConnectionToServerFailed as error:
        reason = error.error_message or "no connectivity"
        return SslyzeFindings(problems=(f"sslyze could not connect: {reason}",), broken=True)
    server = ServerConnectivityInfo(location, network, probing)
    jobs = {command: ScanCommandsRepository.get_implementation_cls(command)
            .scan_jobs_for_scan_command(server) for command in COMMANDS}
    done = _run_all([job for command in COMMANDS for job in jobs[command]])
    attempts = {command: _attempt(command, server, [done[id(job)] for job in jobs[command]])
                for command in COMMANDS}
    return _read(attempts[ScanCommand.SESSION_RENEGOTIATION], attempts[ScanCommand.HEARTBLEED])


def _run_all(jobs: list[ScanJob]) -> dict[int, ScanJobResult]:
    """Every job at once, one connection each (sslyze allows three per server; these
    commands make three jobs)."""
    done: dict[int, ScanJobResult] = {}

    def run(job: ScanJob) -> None:
        try:
            done[id(job)] = ScanJobResult(job.function_to_call(*job.function_arguments), None)
        except Exception as error:
            done[id(job)] = ScanJobResult(None, error)

    workers = [threading.Thread(target=run, args=(job,), daemon=True) for job in jobs[1:]]
    for worker in workers:
        worker.start()
    if jobs:
        run(jobs[0])
    for worker in workers:
        worker.join()
    return done


def _attempt(command: ScanCommand, server: ServerConnectivityInfo,
             results: list[ScanJobResult]) -> ScanCommandAttempt[Any]:
    """The command's result from its jobs' results, with sslyze's reading of their errors."""
    implementation = ScanCommandsRepository.get_implementation_cls(command)
    try:
        result = implementation.result_for_completed_scan_jobs(server, results)
    except ClientCertificateRequested as error:
        return _failed(ScanCommandErrorReasonEnum.CLIENT_CERTIFICATE_NEEDED, error)
    except (ConnectionToServerTimedOut, TlsHandshakeTimedOut, ServerRejectedTlsHandshake) \
            as error:
        return _failed(ScanCommandErrorReasonEnum.CONNECTIVITY_ISSUE, error)
    except Exception as error:
        return _failed(ScanCommandErrorReasonEnum.BUG_IN_SSLYZE, error)
    return ScanCommandAttempt(status=ScanCommandAttemptStatusEnum.COMPLETED, error_reason=None,
                              error_trace=None, result=result)


def _failed(reason: ScanCommandErrorReasonEnum, error: Exception) -> ScanCommandAttempt[Any]:
    return ScanCommandAttempt(status=ScanCommandAttemptStatusEnum.ERROR, error_reason=reason,
                              error_trace=TracebackException.from_exception(error), result=None)


def _read(renegotiation: ScanCommandAttempt[Any],
          heartbleed: ScanCommandAttempt[Any]) -> SslyzeFindings:
    failures = [_failure("session_renegotiation", renegotiation),
                _failure("heartbleed", heartbleed)]
    problems = tuple(text for text, _broken in filter(None, failures))
    broken = any(broken for _text, broken in filter(None, failures))
    return SslyzeFindings(
        secure_renegotiation=(renegotiation.result.supports_secure_renegotiation
                              if renegotiation.result else None),
        client_renegotiation=(renegotiation.result.is_vulnerable_to_client_renegotiation_dos
                              if renegotiation.result else None),
        heartbleed=heartbleed.result.is_vulnerable_to_heartbleed if heartbleed.result else None,
        problems=problems,
        broken=broken,
    )


def _failure(name: str, attempt: ScanCommandAttempt[Any]) -> tuple[str, bool] | None:
    """Why a command gave no result, and whether that is a failure (None: it gave one)."""
    if attempt.status is ScanCommandAttemptStatusEnum.COMPLETED:
        return None
    reason = attempt.error_reason
    if reason is ScanCommandErrorReasonEnum.CLIENT_CERTIFICATE_NEEDED:
        return f"{name}: not tested, the server requires a client certificate", False
    label = reason.value if reason else attempt.status.value
    return f"{name}: {label} {_last_line(attempt.error_trace)}".strip(), True


def _last_line(trace: object) -> str:
    return str(trace).strip().splitlines()[-1] if trace else ""
