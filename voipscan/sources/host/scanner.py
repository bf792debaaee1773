"""Probe many hosts at once: bounded sockets, a polite rate, results in input order.

UDP probes of every host share one socket per address family, so a sweep of thousands of
hosts costs one file descriptor; TCP/TLS probes hold one of ``concurrency`` sockets each.
One host's failure, however hostile the peer, is recorded on that host only.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, TextIO, TypeVar

from voipscan.errors import Problem, ProblemLevel
from voipscan.facts import SipProtocol, SipTransport
from voipscan.sip.message import DEFAULT_USER_AGENT
from voipscan.sources.host.client_tls import ClientCertificate, probe_context
from voipscan.sources.host.probe import (
    EnumerationResult,
    ProbeContext,
    ProbeResult,
    Reachability,
    enumerate_users,
    probe_options,
)
from voipscan.sources.host.stopping import stop_on_cancel
from voipscan.sources.host.targets import WEBSOCKET, HostTarget, Service
from voipscan.sources.host.transport import T1, Pacer, UdpHub
from voipscan.sources.interface import Cancellation

DEFAULT_TIMEOUT = 3.0
DEFAULT_CONCURRENCY = 50
DEFAULT_RATE = 20.0
HOSTS_IN_FLIGHT = 10_000  # bounds memory on huge ranges; UDP hosts cost no socket


@dataclass(frozen=True)
class ScanSettings:
    timeout: float = DEFAULT_TIMEOUT
    concurrency: int = DEFAULT_CONCURRENCY
    rate: float | None = DEFAULT_RATE  # probes per second; None: as fast as possible
    user_agent: str = DEFAULT_USER_AGENT
    users: tuple[str, ...] = ()
    enumerate_method: str = "REGISTER"
    tls_audit: bool = True
    tls_light: bool = False
    ca_file: Path | None = None
    t1: float = T1
    client_cert: ClientCertificate | None = None
    """--client-cert/--client-key: presented by the probes over TLS (and WSS)."""
    ws_discover: bool = False
    """--ws-discover: try common WebSocket paths when the given one refuses the upgrade."""


@dataclass(frozen=True)
class HostReport:
    """Everything the probes of one host saw."""

    target: HostTarget
    probes: tuple[ProbeResult, ...]
    enumeration: EnumerationResult | None = None
    tls_transports: tuple[SipTransport, ...] = ()
    problems: tuple[Problem, ...] = ()
    client_cert: bool = False
    """The probes presented a client certificate (--client-cert)."""

    @property
    def answered(self) -> bool:
        """SIP answered on some transport, or TLS did (even if SIP behind it did not: a TLS
        alert is an answer too)."""
        return any(t.protocol.value is not None for t in self.tls_transports) or any(
            p.reachability is Reachability.OPEN or "ALERT" in p.tls_reason for p in self.probes)


@dataclass
class ScanOutcome:
    reports: list[HostReport] = field(default_factory=list)
    silent: int = 0  # range addresses where nothing answered (left out of the reports)
    interrupted: bool = False


class ProbeProgress(Protocol):
    """Told of each host as it is done."""

    def advance(self, answered: bool) -> None: ...

    def close(self) -> None: ...


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.done = 0
        self.answered = 0
        self._drawn = 0.0

    def advance(self, answered: bool) -> None:
        self.done += 1
        self.answered += answered
        now = time.monotonic()
        if self.enabled and (now - self._drawn > 0.1 or self.done == self.total):
            self._drawn = now
            width = 30
            filled = width * self.done // max(self.total, 1)
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/"
                              f"{self.total} hosts, {self.answered} answering")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()


# --- TLS audit (voipscan.sources.host.tls_audit) -------------------------------------------------

TLS_AUDIT_GRACE = 5.0  # past the audit's own deadline, before the scan stops waiting for it
_T = TypeVar("_T")


def _run_in_daemon_thread(fn: Callable[[], _T]) -> asyncio.Future[_T]:
    """Run blocking work without tying the event loop's shutdown to it (sslyze cannot be
    cancelled; a stuck audit must not keep the scan from finishing)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[_T] = loop.create_future()

    def deliver(ok: bool, value: Any) -> None:
        if future.done():
            return
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)

    def work() -> None:
        try:
            value = fn()
        except BaseException as error:  # handed to the awaiting coroutine
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(deliver, False, error)
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(deliver, True, value)

    threading.Thread(target=work, daemon=True, name="voipscan-tls-audit").start()
    return future


FinalReport = Callable[[HostReport], None]
"""Told of a host's report as soon as nothing later in the scan can change it."""


class Scanner:
    def __init__(self, settings: ScanSettings, progress: ProbeProgress | None = None,
                 on_final: FinalReport | None = None,
                 on_sent: Callable[[], None] | None = None) -> None:
        self.settings = settings
        self.progress = progress
        self.on_final = on_final
        self.on_sent = on_sent

    async def run(self, targets: Iterable[HostTarget], stop: asyncio.Event | None = None
                  ) -> ScanOutcome:
        settings = self.settings
        hub = UdpHub()
        context = ProbeContext(hub, Pacer(settings.rate),
                               asyncio.Semaphore(settings.concurrency), settings.timeout,
                               settings.user_agent, settings.t1,
                               tls_context=probe_context(settings.client_cert))
        stop = stop or asyncio.Event()
        outcome = ScanOutcome()
        results: dict[int, HostReport] = {}
        window = asyncio.Semaphore(HOSTS_IN_FLIGHT)
        tasks: dict[asyncio.Task[None], HostTarget] = {}
        probes = 0  # first probes, one per service of each host
        sent: asyncio.Task[None] | None = None

        async def one(target: HostTarget) -> None:
            try:
                report = await self.scan_host(context, target)
            except Exception as error:  # a bug or a hostile peer: this host only
                report = HostReport(target, (), problems=(Problem(
                    f"{target.label}: probe failed: {type(error).__name__}: {error}"),))
            if self.progress is not None:
                self.progress.advance(report.answered)
            if target.from_range and not any(p.reachability.port_open for p in report.probes):
                outcome.silent += 1
            elif self.on_final is not None and self._final(report):
                self.on_final(report)
            else:
                results[target.index] = report

        def finished(task: asyncio.Task[None]) -> None:
            tasks.pop(task, None)
            window.release()

        try:
            for target in targets:
                if stop.is_set():
                    break
                if window.locked():
                    await _first(window.acquire(), stop)
                    if stop.is_set():
                        break
                else:
                    await window.acquire()
                task = asyncio.create_task(one(target))
                tasks[task] = target
                probes += len(target.services)
                task.add_done_callback(finished)
                if len(tasks) % 64 == 0:
                    await asyncio.sleep(0)  # let replies be read while targets are queued
            if self.on_sent is not None:
                sent = asyncio.create_task(_when_sent(context.pacer, probes, self.on_sent))
            while tasks and not stop.is_set():
                await _first(asyncio.wait(set(tasks)), stop)
        finally:
            if sent is not None:
                sent.cancel()
            pending = {task: target for task, target in tasks.items() if not task.done()}
            if pending:
                outcome.interrupted = True
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
                for target in pending.values():
                    if not target.from_range:
                        results[target.index] = HostReport(target, (), problems=(Problem(
                            f"{target.label}: scan interrupted before this host was done"),))
            outcome.interrupted = outcome.interrupted or stop.is_set()
            hub.close()
        if not outcome.interrupted:
            await _first(self._audit_tls(results), stop)
            outcome.interrupted = stop.is_set()
        for index in [i for i, r in results.items() if r.target.from_range and not r.answered]:
            del results[index]
            outcome.silent += 1
        outcome.reports = [results[i] for i in sorted(results)]
        return outcome

    def _final(self, report: HostReport) -> bool:
        """Whether the rest of the scan leaves this report as it is: no TLS port for the
        audit to add to, and not a silent range address that would be left out."""
        if report.target.from_range and not report.answered:
            return False
        return not self.settings.tls_audit or not any(
            p.service.protocol in (SipProtocol.TLS, SipProtocol.WSS) and p.reachability.port_open
            for p in report.probes)

    async def scan_host(self, context: ProbeContext, target: HostTarget) -> HostReport:
        if len(target.services) == 1:  # the common sweep case: no extra task
            probes: tuple[ProbeResult, ...] = (
                await self._probe(context, target, target.services[0]),)
        else:
            probes = tuple(await asyncio.gather(
                *(self._probe(context, target, service) for service in target.services)))
        enumeration = None
        if self.settings.users:
            open_probe = next((p for p in probes if p.reachability is Reachability.OPEN), None)
            if open_probe is not None:
                enumeration = await enumerate_users(context, target, open_probe.service,
                                                    self.settings.users,
                                                    self.settings.enumerate_method)
        return HostReport(target, probes, enumeration,
                          client_cert=self.settings.client_cert is not None)

    async def _probe(self, context: ProbeContext, target: HostTarget,
                     service: Service) -> ProbeResult:
        if self.settings.ws_discover and service.protocol in WEBSOCKET:
            from voipscan.sources.host.ws_discovery import discover

            return await discover(context, target, service)
        return await probe_options(context, target, service)

    async def _audit_tls(self, results: dict[int, HostReport]) -> None:
        """Audit every TLS port that accepted a connection, all in one batch."""
        wanted = [(index, probe) for index, report in results.items() for probe in report.probes
                  if probe.service.protocol in (SipProtocol.TLS, SipProtocol.WSS)
                  and probe.reachability.port_open]
        if not self.settings.tls_audit:
            return
        # A peer that let a whole --timeout pass without finishing the handshake would only
        # make the audit wait as long again: the scan stays within one timeout.
        for index, probe in [(i, p) for i, p in wanted if p.handshake_timed_out]:
            self._add_problem(results, index, Problem(
                f"{probe.endpoint}: TLS audit skipped: TCP connected but no TLS handshake "
                f"finished within {self.settings.timeout:g} s", level=ProblemLevel.WARNING))
        wanted = [(i, p) for i, p in wanted if not p.handshake_timed_out]
        if not wanted:
            return
        # importing sslyze takes about 0.2 s: only scans with a TLS port to audit pay for it
        from voipscan.sources.host import tls_audit

        settings = self.settings
        endpoints = [tls_audit.TlsEndpoint(results[i].target.address, p.service.port,
                                           results[i].target.server_name) for i, p in wanted]
        deadline = tls_audit.audit_deadline(settings.timeout)
        try:
            async with asyncio.timeout(deadline.remaining() + TLS_AUDIT_GRACE):
                audits = await _run_in_daemon_thread(lambda: tls_audit.audit_many(
                    endpoints, timeout=settings.timeout, light=settings.tls_light,
                    ca_file=settings.ca_file, deadline=deadline))
        except TimeoutError:
            failure = "did not finish by its deadline"
        except Exception as error:
            failure = f"failed: {error}"
        else:
            failure = ""
        if failure:
            for index, probe in wanted:
                self._add_problem(results, index, Problem(
                    f"{probe.endpoint}: TLS audit {failure}"))
            return
        for (index, probe), audit in zip(wanted, audits, strict=True):
            transport = tls_audit.transport_facts(audit, probe.endpoint,
                                                  probe.service.protocol)
            if transport.protocol.value is None and probe.reachability is not Reachability.OPEN:
                self._add_problem(results, index, Problem(
                    f"{probe.endpoint}: TLS audit: {transport.protocol.note}",
                    level=ProblemLevel.WARNING))
                continue
            report = results[index]
            results[index] = replace(report, tls_transports=(*report.tls_transports, transport))
            if audit.light:
                self._add_problem(results, index, Problem(
                    f"{probe.endpoint}: {tls_audit.skipped(audit)}; cipher policy and weak "
                    "suites stay undetermined unless a weak one was seen",
                    level=ProblemLevel.WARNING))

    @staticmethod
    def _add_problem(results: dict[int, HostReport], index: int, problem: Problem) -> None:
        report = results[index]
        results[index] = replace(report, problems=(*report.problems, problem))


async def _when_sent(pacer: Pacer, probes: int, then: Callable[[], None]) -> None:
    """Call ``then`` once the pacer has granted ``probes`` sends and their time has come.
    (A granted send that is not a first probe, say of a user enumeration, may make this
    early: it only decides when a consumer starts judging.)"""
    while pacer.granted < probes or pacer.free_at > time.monotonic():
        await asyncio.sleep(max(pacer.free_at - time.monotonic(), _SENT_POLL))
    then()


_SENT_POLL = 0.05  # how late the news may come: it only decides when judging starts


async def _first(awaitable: Any, stop: asyncio.Event) -> None:
    """Wait for ``awaitable`` unless ``stop`` is set first."""
    work = asyncio.ensure_future(awaitable)
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({work, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
        if not work.done():
            work.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await work


def run_scan(targets: Iterable[HostTarget], settings: ScanSettings, *,
             progress: ProbeProgress | None = None, cancellation: Cancellation | None = None,
             on_final: FinalReport | None = None, on_sent: Callable[[], None] | None = None
             ) -> ScanOutcome:
    """Run a scan to completion; a cancellation ends it early with what was gathered.

    With ``on_final``, each report that nothing later changes goes there as soon as its host
    is done (from the scan's thread), instead of into the outcome. ``on_sent`` is called
    once every host's first probe has gone out (or is about to: replies, retransmissions
    and connections still to come)."""

    holder: list[ScanOutcome] = []

    async def main() -> None:
        with stop_on_cancel(cancellation) as stop:
            holder.append(await Scanner(settings, progress, on_final, on_sent).run(
                targets, stop))

    # The outcome is not the task's result: Python 3.11's asyncio.run formats the main task's
    # repr (result included) when it restores the SIGINT handler, costing seconds on 10^4 hosts.
    try:
        asyncio.run(main())
        return holder[0]
    finally:
        if progress is not None:
            progress.close()
