"""Probes of one host: OPTIONS on each transport, and the opt-in user enumeration test."""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass, replace
from enum import StrEnum

from voipscan.facts import SipProtocol
from voipscan.sip.message import (
    DEFAULT_LIMITS,
    DEFAULT_USER_AGENT,
    Dialog,
    Limits,
    SipParseError,
    SipRequest,
    SipResponse,
    build_request,
    format_host,
    hostport,
    options_request,
    random_token,
)
from voipscan.sources.host.targets import HostTarget, Service
from voipscan.sources.host.transport import (
    T1,
    Channel,
    ClientTransaction,
    Pacer,
    PeerError,
    StreamChannel,
    TlsSession,
    TransactionResult,
    UdpHub,
    open_stream,
    transact,
)


class Reachability(StrEnum):
    OPEN = "open"  # answered SIP
    CLOSED = "closed"  # ICMP port unreachable, or TCP RST
    FILTERED = "filtered"  # silence
    TLS_FAILED = "tls-failed"  # TCP connected, TLS did not work
    NO_REPLY = "no-reply"  # TCP/TLS connected, no SIP reply before the deadline
    NOT_SIP = "not-sip"  # replied with something that is not SIP

    @property
    def port_open(self) -> bool:
        """The port accepts connections or answers, even if not (yet) with SIP."""
        return self in (Reachability.OPEN, Reachability.TLS_FAILED, Reachability.NO_REPLY,
                        Reachability.NOT_SIP)


@dataclass(frozen=True)
class ProbeResult:
    """What one OPTIONS probe on one transport saw."""

    service: Service
    endpoint: str
    reachability: Reachability
    detail: str = ""
    status: int | None = None
    reason: str = ""
    server: str | None = None
    user_agent: str | None = None
    allow: tuple[str, ...] = ()
    supported: tuple[str, ...] = ()
    replied_from: str | None = None
    elapsed: float = 0.0
    sends: int = 0
    tls: TlsSession | None = None
    handshake_timed_out: bool = False  # TCP connected, the TLS handshake never finished
    tls_reason: str = ""
    """OpenSSL's reason when TLS failed (in the handshake or on the first read), such as
    TLSV13_ALERT_CERTIFICATE_REQUIRED; '' otherwise."""

    @property
    def answer(self) -> str:
        return f"{self.status} {self.reason}".strip() if self.status is not None else ""


@dataclass
class ProbeContext:
    """What every probe of a scan shares."""

    hub: UdpHub
    pacer: Pacer
    sockets: asyncio.Semaphore
    timeout: float
    user_agent: str = DEFAULT_USER_AGENT
    t1: float = T1
    limits: Limits = DEFAULT_LIMITS
    tls_context: ssl.SSLContext | None = None
    """TLS client context of the probes (with --client-cert, presents that certificate)."""


def request_uri(target: HostTarget, service: Service, user: str | None = None) -> str:
    scheme = "sips" if target.scheme == "sips" else "sip"
    userpart = f"{user}@" if user else ""
    params = ""
    if scheme == "sip" and service.protocol is not SipProtocol.UDP:
        params = f";transport={service.protocol.value}"
    host = target.server_name or target.address
    return f"{scheme}:{userpart}{hostport(host, service.port)}{params}"


async def open_channel(ctx: ProbeContext, target: HostTarget, service: Service,
                       deadline: float) -> Channel:
    if service.protocol is SipProtocol.UDP:
        return ctx.hub.channel(target.address, service.port)
    if service.protocol in (SipProtocol.WS, SipProtocol.WSS):
        from voipscan.sources.host.websocket import open_websocket

        return await open_websocket(service.protocol, target.address, service.port,
                                    path=service.path, deadline=deadline,
                                    server_name=target.server_name, context=ctx.tls_context,
                                    limits=ctx.limits, user_agent=ctx.user_agent)
    return await open_stream(service.protocol, target.address, service.port, deadline=deadline,
                             server_name=target.server_name, limits=ctx.limits,
                             context=ctx.tls_context)


async def probe_options(ctx: ProbeContext, target: HostTarget, service: Service) -> ProbeResult:
    """Send OPTIONS on one transport and classify what comes back. Never raises PeerError."""
    if service.protocol is SipProtocol.UDP:
        return await _options(ctx, target, service)
    async with ctx.sockets:  # the timeout starts once a socket is ours
        return await _options(ctx, target, service)


async def _options(ctx: ProbeContext, target: HostTarget, service: Service) -> ProbeResult:
    await ctx.pacer.wait()  # the rate spaces probes; retransmissions are not delayed
    endpoint = target.endpoint(service)
    started = time.monotonic()
    deadline = started + ctx.timeout
    try:
        channel = await open_channel(ctx, target, service, deadline)
    except PeerError as error:
        return ProbeResult(service, endpoint, _unreachable(error), error.detail,
                           elapsed=time.monotonic() - started,
                           handshake_timed_out=error.kind == "tls-timeout",
                           tls_reason=error.reason)
    tls = getattr(channel, "tls", None)
    transaction: ClientTransaction | None = None
    try:
        request = options_request(request_uri(target, service, target.user),
                                  local=channel.local, user_agent=ctx.user_agent)
        transaction = ClientTransaction(channel, request, t1=ctx.t1)
        await transaction.start()
        while transaction.final is None:
            if await transaction.next_response(deadline) is None:
                break
    except (PeerError, SipParseError) as error:
        reason = ""
        if isinstance(error, PeerError):
            kind, detail = _unreachable(error), error.detail + _unfinished(channel, " mid-reply")
            reason = error.reason
        else:  # from a stream: framing is lost
            kind, detail = Reachability.NOT_SIP, f"reply is not SIP: {error}"
        return ProbeResult(service, endpoint, kind, detail, tls=tls,
                           sends=transaction.sends if transaction else 0,
                           elapsed=time.monotonic() - started, tls_reason=reason)
    finally:
        await channel.close()
    return _classify(service, endpoint, target, transaction.result(), tls,
                     _unfinished(channel, "connected, reply unfinished at the deadline"))


def _unfinished(channel: Channel, what: str) -> str:
    """How much of a message a stream peer sent without finishing it, or ''."""
    partial = channel.partial if isinstance(channel, StreamChannel) else 0
    return f"{what} ({partial} bytes of an incomplete message)" if partial else ""


def _unreachable(error: PeerError) -> Reachability:
    return {
        "refused": Reachability.CLOSED,
        "tls": Reachability.TLS_FAILED,
        "tls-timeout": Reachability.TLS_FAILED,
        "closed": Reachability.NO_REPLY,
        "not-sip": Reachability.NOT_SIP,
    }.get(error.kind, Reachability.FILTERED)


def _classify(service: Service, endpoint: str, target: HostTarget, result: TransactionResult,
              tls: TlsSession | None, unfinished: str = "") -> ProbeResult:
    base = ProbeResult(service, endpoint, Reachability.FILTERED, elapsed=result.elapsed,
                       sends=result.sends, tls=tls)
    response = result.final or (result.provisional[-1] if result.provisional else None)
    if response is None:
        if result.invalid:
            return replace(base, reachability=Reachability.NOT_SIP,
                           detail=f"reply is not SIP: {result.invalid}")
        if service.protocol is SipProtocol.UDP:
            return replace(base, detail=f"no reply to {result.sends} OPTIONS within "
                                        f"{result.elapsed:.1f} s")
        return replace(base, reachability=Reachability.NO_REPLY,
                       detail=unfinished or "connected, no SIP reply before the deadline")
    replied_from = None
    if service.protocol is SipProtocol.UDP and result.source is not None and \
            result.source != (target.address, service.port):
        replied_from = hostport(*result.source)
    return replace(
        base, reachability=Reachability.OPEN, detail="OPTIONS answered",
        status=response.status, reason=response.reason,
        server=response.headers.get("Server"), user_agent=response.headers.get("User-Agent"),
        allow=tuple(v.upper() for v in response.headers.values("Allow")),
        supported=response.headers.values("Supported"), replied_from=replied_from,
    )


# --- user enumeration --------------------------------------------------------------------


@dataclass(frozen=True)
class EnumerationResult:
    """Replies for made-up users (the 'not found' baseline) and for the given users."""

    method: str
    endpoint: str
    baseline: tuple[str | None, ...]
    answers: tuple[tuple[str, str | None], ...]
    detail: str = ""

    @property
    def conclusive(self) -> bool:
        return (bool(self.baseline) and self.baseline[0] is not None
                and len(set(self.baseline)) == 1
                and all(answer is not None for _, answer in self.answers))

    @property
    def leaked(self) -> tuple[str, ...]:
        """Users whose reply differs from the made-up users' reply."""
        if not self.baseline or self.baseline[0] is None:
            return ()
        return tuple(user for user, answer in self.answers
                     if answer is not None and answer != self.baseline[0])


def enumeration_request(method: str, target: HostTarget, service: Service, user: str,
                        channel: Channel, user_agent: str) -> SipRequest:
    domain = format_host(target.server_name or target.address)
    aor = f"sip:{user}@{domain}"
    if method == "REGISTER":
        # Expires 0: even a server that accepts it without credentials registers nothing.
        return build_request("REGISTER", request_uri(target, service), local=channel.local,
                             dialog=Dialog(from_uri=aor, to_uri=aor, display_name=user),
                             user_agent=user_agent, extra=[("Expires", "0")])
    return build_request("OPTIONS", request_uri(target, service, user), local=channel.local,
                         dialog=Dialog(to_uri=aor), user_agent=user_agent,
                         extra=[("Accept", "application/sdp")])


async def enumerate_users(ctx: ProbeContext, target: HostTarget, service: Service,
                          users: tuple[str, ...], method: str = "REGISTER"
                          ) -> EnumerationResult:
    """Ask about two made-up users, then each given user; any other answer leaks."""
    endpoint = target.endpoint(service)
    fake = (f"vs{random_token(10)}", f"vs{random_token(10)}")
    replies: list[str | None] = []
    detail = ""

    async def ask(channel: Channel, user: str) -> str | None:
        request = enumeration_request(method, target, service, user, channel, ctx.user_agent)
        await ctx.pacer.wait()
        result = await transact(channel, request, deadline=time.monotonic() + ctx.timeout,
                                t1=ctx.t1)
        return _answer(result.final)

    async def run() -> None:
        nonlocal detail
        try:
            if service.protocol is not SipProtocol.UDP:
                await ctx.pacer.wait()
            channel = await open_channel(ctx, target, service, time.monotonic() + ctx.timeout)
        except PeerError as error:
            detail = error.detail
            return
        try:
            for user in (*fake, *users):
                replies.append(await ask(channel, user))
        except (PeerError, ValueError) as error:
            detail = str(error)
        finally:
            await channel.close()

    if service.protocol is SipProtocol.UDP:
        await run()
    else:
        async with ctx.sockets:
            await run()
    replies += [None] * (len(fake) + len(users) - len(replies))
    return EnumerationResult(method, endpoint, tuple(replies[:2]),
                             tuple(zip(users, replies[2:], strict=True)), detail)


def _answer(response: SipResponse | None) -> str | None:
    return f"{response.status} {response.reason}".strip() if response is not None else None
