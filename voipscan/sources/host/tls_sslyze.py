"""The facts sslyze decides in a TLS audit: secure and client-initiated renegotiation, Heartbleed.

Both need crafted exchanges (a renegotiation inside a session, a malformed heartbeat) that a
well-kept scanner gets right better than hand-written code. sslyze has neither a deadline nor a
way to cancel a scan: the scans run in a daemon thread, and whatever has not arrived by the
audit's deadline is given up (each of sslyze's network waits is bounded by the peer's
``network_timeout``, which the deadline caps).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sslyze.plugins.scan_commands import ScanCommand
from sslyze.scanner.models import ServerScanRequest, ServerScanResult
from sslyze.scanner.scan_command_attempt import (
    ScanCommandAttempt,
    ScanCommandAttemptStatusEnum,
    ScanCommandErrorReasonEnum,
)
from sslyze.scanner.scanner import Scanner

from voipscan.sources.host.deadline import Deadline
from voipscan.sources.host.tls_handshakes import Peer, sslyze_location

COMMANDS = frozenset({ScanCommand.SESSION_RENEGOTIATION, ScanCommand.HEARTBLEED})

_Item = ServerScanResult | Exception | None  # None: sslyze is done


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
    """sslyze's scans of some peers, under way in a daemon thread."""

    results: queue.Queue[_Item]
    peers: dict[UUID, Peer]

    @classmethod
    def start(cls, peers: Iterable[Peer]) -> SslyzeRun:
        owners: dict[UUID, Peer] = {}
        requests = []
        for peer in dict.fromkeys(peers):
            location, network = sslyze_location(peer)
            request = ServerScanRequest(server_location=location,
                                        network_configuration=network,
                                        scan_commands=set(COMMANDS))
            requests.append(request)
            owners[request.uuid] = peer
        results: queue.Queue[_Item] = queue.Queue()
        if not requests:
            results.put(None)
            return cls(results, owners)
        scanner = Scanner(per_server_concurrent_connections_limit=3,
                          concurrent_server_scans_limit=min(len(requests), 20))

        def run() -> None:
            try:
                scanner.queue_scans(requests)
                for result in scanner.get_results():
                    results.put(result)
            except Exception as error:  # reported per peer, never raised into the caller
                results.put(error)
            results.put(None)

        threading.Thread(target=run, name="voipscan-sslyze", daemon=True).start()
        return cls(results, owners)

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
            if isinstance(item, Exception):
                failed = SslyzeFindings(problems=(
                    f"sslyze failed: {type(item).__name__}: {item}",), broken=True)
                found.update({peer: failed for peer in self.peers.values() if peer not in found})
                break
            peer = self.peers.get(item.uuid)
            if peer is not None:
                found[peer] = _read(item)
        late = SslyzeFindings(problems=("sslyze: no result before the deadline",), broken=True)
        return {peer: found.get(peer, late) for peer in self.peers.values()}


def _read(result: ServerScanResult) -> SslyzeFindings:
    if result.scan_result is None:
        trace = result.connectivity_error_trace
        reason = _last_line(trace) or "no connectivity"
        return SslyzeFindings(problems=(f"sslyze could not connect: {reason}",), broken=True)
    renegotiation = result.scan_result.session_renegotiation
    heartbleed = result.scan_result.heartbleed
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
