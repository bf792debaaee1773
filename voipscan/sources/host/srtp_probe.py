"""The opt-in SRTP probe: INVITEs with SDP offers to a test extension, one at a time per host.

For every transport of a host that answered OPTIONS, each chosen offer goes out as its own
INVITE (new Call-ID, fresh keys) over one channel; at most one INVITE is in flight per host
and every INVITE waits its turn at the scan's pacer. Hosts are probed concurrently (TCP/TLS
ones within the scan's socket limit). An interruption stops new offers; the ones in flight
are still ended (CANCEL, ACK, BYE) within their clean-up time.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from voipscan.facts import SipProtocol
from voipscan.sip import digest
from voipscan.sip.message import DEFAULT_USER_AGENT, Local, format_host
from voipscan.sources.host.client_tls import ClientCertificate, probe_context
from voipscan.sources.host.probe import ProbeContext, Reachability, open_channel, request_uri
from voipscan.sources.host.scanner import HostReport
from voipscan.sources.host.srtp_dialog import CallSetup, InviteExchange
from voipscan.sources.host.srtp_offers import (
    DEFAULT_OFFERS,
    OFFERS,
    OfferKind,
    OfferResult,
    Outcome,
    build_offer,
    classify,
    throwaway_fingerprint,
)
from voipscan.sources.host.stopping import stop_on_cancel
from voipscan.sources.host.targets import HostTarget, Service
from voipscan.sources.host.transport import T1, Channel, Pacer, PeerError, StreamChannel, UdpHub
from voipscan.sources.interface import Cancellation

if TYPE_CHECKING:
    from voipscan.sources.host import srtp_media

DEFAULT_EXTENSION = "voipscan-srtp-probe"


@dataclass(frozen=True)
class SrtpSettings:
    extension: str = DEFAULT_EXTENSION
    offers: tuple[OfferKind, ...] = DEFAULT_OFFERS
    timeout: float = 3.0
    """Bounds each INVITE's wait for its outcome; its clean-up gets as long again."""
    rate: float | None = 20.0
    concurrency: int = 50
    credentials: digest.Credentials | None = None
    user_agent: str = DEFAULT_USER_AGENT
    t1: float = T1
    client_cert: ClientCertificate | None = None
    media_check: float = 0.0
    """Seconds to stay in each answered call and judge the packets that arrive (0: off)."""


@dataclass(frozen=True)
class SrtpTransportResult:
    """Every offer sent over one transport of one host."""

    endpoint: str
    protocol: SipProtocol
    extension: str
    results: tuple[OfferResult, ...] = ()
    detail: str = ""
    elapsed: float = 0.0


@dataclass
class SrtpOutcome:
    by_target: dict[int, tuple[SrtpTransportResult, ...]] = field(default_factory=dict)
    interrupted: bool = False


def services_to_probe(report: HostReport) -> tuple[Service, ...]:
    """Transports where SIP answered OPTIONS."""
    return tuple(p.service for p in report.probes if p.reachability is Reachability.OPEN)


def call_setup(target: HostTarget, service: Service, settings: SrtpSettings,
               local: Local) -> CallSetup:
    uri = request_uri(target, service, settings.extension)
    domain = format_host(target.server_name or target.address)
    scheme = "sips" if uri.startswith("sips:") else "sip"
    if settings.credentials is not None:  # PBXs match the caller by the From user
        from_uri = f"{scheme}:{settings.credentials.user}@{domain}"
    else:
        from_uri = f"{scheme}:voipscan@{format_host(local.host)}"
    return CallSetup(uri, f"{scheme}:{settings.extension}@{domain}", from_uri,
                     user_agent=settings.user_agent)


class _MediaPort:
    """A UDP port held for the probe's offers (answers send RTP there until the BYE)."""

    def __init__(self, address: str) -> None:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_DGRAM)
        self.sock.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", 0))
        self.port: int = self.sock.getsockname()[1]

    def close(self) -> None:
        self.sock.close()


async def probe_transport(ctx: ProbeContext, target: HostTarget, service: Service,
                          settings: SrtpSettings, stop: asyncio.Event | None = None
                          ) -> SrtpTransportResult:
    """Send every offer over one transport, one INVITE at a time."""
    endpoint = target.endpoint(service)
    started = time.monotonic()
    base = SrtpTransportResult(endpoint, service.protocol, settings.extension)
    try:
        channel = await open_channel(ctx, target, service, started + settings.timeout)
    except PeerError as error:
        return _done(base, started, detail=f"cannot connect: {error.detail}")
    _no_delay(channel)
    media = _MediaPort(channel.local.host)
    results: list[OfferResult] = []
    detail = ""
    try:
        setup = call_setup(target, service, settings, channel.local)
        for kind in settings.offers:
            if stop is not None and stop.is_set():
                detail = "interrupted; remaining offers not sent"
                break
            result = await _one_offer(ctx, channel, setup, kind, media.port, settings, stop)
            results.append(result)
            if stop is not None and stop.is_set():
                detail = "interrupted; remaining offers not sent"
                break
            if _hopeless(result):
                detail = f"{kind.value}: {result.detail}; remaining offers not sent"
                break
    finally:
        media.close()
        await channel.close()
    return _done(base, started, tuple(results), detail)


def _no_delay(channel: Channel) -> None:
    """Each write is a whole message: without Nagle an ACK, BYE or next INVITE goes out at
    once instead of waiting for the peer's delayed ACK (~40 ms per offer on Linux)."""
    if isinstance(channel, StreamChannel):
        sock = channel.writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _hopeless(result: OfferResult) -> bool:
    """Nothing but silence (or 100 Trying from a proxy whose next hop is silent) or a dead
    connection: the other offers would only wait out their timeouts too."""
    return result.outcome is Outcome.INCONCLUSIVE and result.answer == "" and \
        result.detail.startswith(("no reply", "no final response", "closed", "refused",
                                  "unreachable", "tls", "timeout"))


def _done(base: SrtpTransportResult, started: float, results: tuple[OfferResult, ...] = (),
          detail: str = "") -> SrtpTransportResult:
    return SrtpTransportResult(base.endpoint, base.protocol, base.extension, results, detail,
                               time.monotonic() - started)


async def _one_offer(ctx: ProbeContext, channel: Channel, setup: CallSetup, kind: OfferKind,
                     media_port: int, settings: SrtpSettings, stop: asyncio.Event | None
                     ) -> OfferResult:
    if settings.media_check <= 0:
        return await _offer(ctx, channel, setup, kind, media_port, settings, stop, None)
    from voipscan.sources.host.srtp_media import collect

    own = _MediaPort(channel.local.host)  # a port of its own: no packet of an earlier call
    collector = await collect(own.sock)
    try:
        return await _offer(ctx, channel, setup, kind, own.port, settings, stop, collector)
    finally:
        collector.close()
        own.close()


async def _offer(ctx: ProbeContext, channel: Channel, setup: CallSetup, kind: OfferKind,
                 media_port: int, settings: SrtpSettings, stop: asyncio.Event | None,
                 collector: srtp_media.MediaCollector | None) -> OfferResult:
    spec = OFFERS[kind]
    fingerprint = throwaway_fingerprint() if spec.dtls else None
    body = build_offer(spec, address=channel.local.host, port=media_port,
                       fingerprint=fingerprint)
    exchange = await InviteExchange(
        channel, setup, body, credentials=settings.credentials, pacer=ctx.pacer,
        timeout=settings.timeout, t1=settings.t1, stop=stop,
        linger=settings.media_check if collector is not None else 0.0).run()
    result = classify(spec, exchange.signal)
    observed = None
    if collector is not None and exchange.in_call is not None:
        from voipscan.sources.host.srtp_media import judge

        start, end = exchange.in_call
        observed = judge(collector.packets, exchange.signal.answer_body, end - start)
    return replace(result, authenticated=exchange.authenticated,
                   cleanup="; ".join(exchange.cleanup), elapsed=exchange.elapsed,
                   media=observed)


async def probe_host(ctx: ProbeContext, target: HostTarget, services: Iterable[Service],
                     settings: SrtpSettings, stop: asyncio.Event | None = None
                     ) -> tuple[SrtpTransportResult, ...]:
    """Every transport of one host in turn: one INVITE in flight per host."""
    found: list[SrtpTransportResult] = []
    for service in services:
        if stop is not None and stop.is_set():
            break
        if service.protocol is SipProtocol.UDP:
            found.append(await probe_transport(ctx, target, service, settings, stop))
        else:
            async with ctx.sockets:
                found.append(await probe_transport(ctx, target, service, settings, stop))
    return tuple(found)


async def probe_reports(reports: Iterable[HostReport], settings: SrtpSettings,
                        stop: asyncio.Event | None = None) -> SrtpOutcome:
    hub = UdpHub()
    ctx = ProbeContext(hub, Pacer(settings.rate), asyncio.Semaphore(settings.concurrency),
                       settings.timeout, settings.user_agent, settings.t1,
                       tls_context=probe_context(settings.client_cert))
    outcome = SrtpOutcome()

    async def one(report: HostReport) -> None:
        services = services_to_probe(report)
        if services:
            outcome.by_target[report.target.index] = await probe_host(
                ctx, report.target, services, settings, stop)

    try:
        await asyncio.gather(*(one(r) for r in reports))
    finally:
        hub.close()
    outcome.interrupted = stop is not None and stop.is_set()
    return outcome


def run_srtp(reports: Iterable[HostReport], settings: SrtpSettings, *,
             cancellation: Cancellation | None = None) -> SrtpOutcome:
    """Probe every host that answered; SIGINT/SIGTERM stop new offers, open calls are ended."""
    holder: list[SrtpOutcome] = []

    async def main() -> None:
        with stop_on_cancel(cancellation) as stop:
            holder.append(await probe_reports(list(reports), settings, stop))

    asyncio.run(main())
    return holder[0]
