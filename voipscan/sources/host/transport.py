"""SIP over UDP, TCP and TLS: channels to a peer and client transactions with deadlines.

UDP: every transaction shares one socket per address family (``UdpHub``); replies are routed
by Call-ID, so a peer may answer from another port, and ICMP port-unreachable errors are read
from the socket's error queue (Linux IP_RECVERR) and routed by the original destination.
TCP/TLS: one connection per channel, framed by Content-Length. All waits take an absolute
deadline on the event loop's clock; nothing here blocks.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import socket
import ssl
import struct
import time
from abc import ABC, abstractmethod
from collections import deque
from dataclasses import dataclass

from voipscan.facts import SipProtocol
from voipscan.sip.framing import StreamFramer
from voipscan.sip.message import (
    DEFAULT_LIMITS,
    Limits,
    Local,
    SipMessage,
    SipParseError,
    SipRequest,
    SipResponse,
    parse_message,
)
from voipscan.sources.host.client_tls import probe_context

T1 = 0.5  # RFC 3261 timer T1: RTT estimate
T2 = 4.0  # RFC 3261 timer T2: longest retransmit interval for non-INVITE requests
MAX_SENDS = 7  # timer A/E doublings within 64*T1, bounded again by the deadline

_IP_RECVERR = getattr(socket, "IP_RECVERR", 11)
_IPV6_RECVERR = getattr(socket, "IPV6_RECVERR", 25)
_REFUSED = (errno.ECONNREFUSED,)
_UNREACHABLE = (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EACCES, errno.EPERM)

Address = tuple[str, int]


class PeerError(Exception):
    """The peer cannot be talked to: ``kind`` is 'refused', 'unreachable', 'tls' or 'closed'."""

    def __init__(self, kind: str, detail: str, reason: str = "") -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.reason = reason  # OpenSSL's reason of a TLS failure (an alert's name), or ''


@dataclass(frozen=True)
class Received:
    message: SipMessage
    source: Address


class Pacer:
    """Spaces sends to at most ``rate`` per second (None: no limit), shared by all probes."""

    def __init__(self, rate: float | None) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self._next = 0.0
        self.granted = 0
        """Sends granted so far (some may still wait for their time)."""

    @property
    def free_at(self) -> float:
        """When (time.monotonic) every send granted so far may have gone out."""
        return self._next

    async def wait(self) -> None:
        self.granted += 1
        if not self.interval:
            return
        now = time.monotonic()
        slot = max(self._next, now)
        self._next = slot + self.interval
        if slot - now > 0.001:
            await asyncio.sleep(slot - now)


class Channel(ABC):
    """A way to exchange SIP messages with one peer."""

    protocol: SipProtocol
    remote: Address
    reliable: bool

    @property
    @abstractmethod
    def local(self) -> Local: ...

    def expect(self, call_id: str) -> None:  # noqa: B027 - only UDP needs routing
        """Route replies carrying this Call-ID to this channel."""

    def pending(self) -> bool:
        """Whether a message already waits (read now from the socket if need be): a busy
        event loop must not mistake an unread reply for a lost one and retransmit."""
        return False

    @abstractmethod
    async def send(self, data: bytes) -> None: ...

    @abstractmethod
    async def receive(self, deadline: float) -> Received | None:
        """The next message, None at the deadline; PeerError when the peer is gone,
        SipParseError for a reply that is not SIP."""

    @abstractmethod
    async def close(self) -> None: ...


# --- UDP ---------------------------------------------------------------------------------


def _normal(address: tuple[object, ...]) -> Address:
    return str(address[0]), int(address[1])  # type: ignore[call-overload]


class UdpHub:
    """One non-blocking UDP socket per family, shared by every UDP channel of a scan."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._sockets: dict[int, socket.socket] = {}
        self._routes: dict[str, UdpChannel] = {}
        self._by_remote: dict[Address, set[UdpChannel]] = {}
        self._local_ips: dict[str, str] = {}

    def channel(self, address: str, port: int) -> UdpChannel:
        address = str(ipaddress.ip_address(address))  # the form the kernel reports back
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = self._socket(family)
        channel = UdpChannel(self, sock, (address, port))
        self._by_remote.setdefault(channel.remote, set()).add(channel)
        return channel

    def local_ip(self, address: str) -> str:
        """The source address the kernel would use towards ``address`` (no packet sent)."""
        if address not in self._local_ips:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                try:
                    probe.connect((address, 9))
                    self._local_ips[address] = probe.getsockname()[0]
                except OSError:
                    self._local_ips[address] = "::" if family == socket.AF_INET6 else "0.0.0.0"
        return self._local_ips[address]

    def _socket(self, family: int) -> socket.socket:
        if family not in self._sockets:
            sock = socket.socket(family, socket.SOCK_DGRAM)
            sock.setblocking(False)
            with contextlib.suppress(OSError):
                if family == socket.AF_INET6:
                    sock.setsockopt(socket.IPPROTO_IPV6, _IPV6_RECVERR, 1)
                else:
                    sock.setsockopt(socket.SOL_IP, _IP_RECVERR, 1)
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
            sock.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", 0))
            asyncio.get_running_loop().add_reader(sock.fileno(), self._readable, sock)
            self._sockets[family] = sock
        return self._sockets[family]

    async def send(self, sock: socket.socket, data: bytes, remote: Address) -> None:
        loop = asyncio.get_running_loop()
        for _ in range(4):
            try:
                await loop.sock_sendto(sock, data, remote)
                return
            except (ConnectionRefusedError, OSError) as error:
                # A pending ICMP error of another peer surfaces on this send: route it, retry.
                if error.errno not in (*_REFUSED, *_UNREACHABLE):
                    raise PeerError("unreachable", f"send failed: {error.strerror}") from None
                self._drain_errors(sock)
        raise PeerError("unreachable", "send failed repeatedly")

    def route(self, call_id: str, channel: UdpChannel) -> None:
        self._routes[call_id] = channel

    def release(self, channel: UdpChannel) -> None:
        for call_id in channel.call_ids:
            if self._routes.get(call_id) is channel:
                del self._routes[call_id]
        peers = self._by_remote.get(channel.remote)
        if peers is not None:
            peers.discard(channel)
            if not peers:
                del self._by_remote[channel.remote]

    def close(self) -> None:
        loop = asyncio.get_running_loop()
        for sock in self._sockets.values():
            loop.remove_reader(sock.fileno())
            sock.close()
        self._sockets.clear()

    def drain(self, sock: socket.socket) -> None:
        self._readable(sock)

    def _readable(self, sock: socket.socket) -> None:
        for _ in range(4096):  # bounded batch: other callbacks get their turn
            try:
                data, source = sock.recvfrom(65535)
            except BlockingIOError:
                break
            except OSError:
                self._drain_errors(sock)
                continue
            self._dispatch(data, _normal(source))
        self._drain_errors(sock)

    def _dispatch(self, data: bytes, source: Address) -> None:
        try:
            message = parse_message(data, limits=self.limits)
        except SipParseError as error:
            for peer in self._by_remote.get(source, ()):
                peer.deliver(error)
            return
        call_id = message.call_id
        channel = self._routes.get(call_id) if call_id else None
        if channel is not None:
            channel.deliver(Received(message, source))

    def _drain_errors(self, sock: socket.socket) -> None:
        for _ in range(4096):
            try:
                _data, ancillary, _flags, original = sock.recvmsg(0, 512, socket.MSG_ERRQUEUE)
            except OSError:
                return
            code = next((struct.unpack_from("=I", payload)[0] for _level, _type, payload
                         in ancillary if len(payload) >= 4), None)
            if code is None or not original:
                continue
            kind = "refused" if code in _REFUSED else "unreachable"
            detail = ("ICMP port unreachable" if kind == "refused"
                      else f"ICMP: {errno.errorcode.get(code, str(code))}")
            for channel in list(self._by_remote.get(_normal(original), ())):
                channel.deliver(PeerError(kind, detail))


class UdpChannel(Channel):
    protocol = SipProtocol.UDP
    reliable = False

    def __init__(self, hub: UdpHub, sock: socket.socket, remote: Address) -> None:
        self.hub = hub
        self.sock = sock
        self.remote = remote
        self.call_ids: list[str] = []
        self._inbox: deque[Received | PeerError | SipParseError] = deque()
        self._waiter: asyncio.Future[None] | None = None

    @property
    def local(self) -> Local:
        return Local(self.hub.local_ip(self.remote[0]), self.sock.getsockname()[1], "UDP")

    def expect(self, call_id: str) -> None:
        self.call_ids.append(call_id)
        self.hub.route(call_id, self)

    async def send(self, data: bytes) -> None:
        await self.hub.send(self.sock, data, self.remote)

    def pending(self) -> bool:
        if not self._inbox:
            self.hub.drain(self.sock)
        return bool(self._inbox)

    def deliver(self, item: Received | PeerError | SipParseError) -> None:
        if len(self._inbox) < 64:  # a flood of replies cannot grow memory without bound
            self._inbox.append(item)
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    async def receive(self, deadline: float) -> Received | None:
        while not self._inbox:
            loop = asyncio.get_running_loop()
            self._waiter = loop.create_future()
            handle = loop.call_at(_loop_time(deadline), _wake, self._waiter)
            try:
                await self._waiter
            finally:
                handle.cancel()
                self._waiter = None
            if not self._inbox:
                return None
        item = self._inbox.popleft()
        if isinstance(item, Exception):
            raise item
        return item

    async def close(self) -> None:
        self.hub.release(self)


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _loop_time(deadline: float) -> float:
    """Deadlines are time.monotonic() values; the loop's clock is monotonic too."""
    loop = asyncio.get_running_loop()
    return loop.time() + (deadline - time.monotonic())


# --- TCP and TLS -------------------------------------------------------------------------


def probe_tls_context() -> ssl.SSLContext:
    """A client context that completes any handshake it can: probes do not judge TLS
    (the TLS audit does), they only need to reach SIP behind it."""
    return probe_context()


@dataclass(frozen=True)
class TlsSession:
    version: str
    cipher: str

    @classmethod
    def of(cls, ssl_object: ssl.SSLObject | ssl.SSLSocket | None) -> TlsSession | None:
        """The version and suite of an ``ssl.SSLObject``, or None without TLS."""
        if ssl_object is None:
            return None
        cipher = ssl_object.cipher()
        return cls(str(ssl_object.version()), str(cipher[0]) if cipher else "")


class StreamChannel(Channel):
    reliable = True

    def __init__(self, protocol: SipProtocol, remote: Address, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter, limits: Limits) -> None:
        self.protocol = protocol
        self.remote = remote
        self.reader = reader
        self.writer = writer
        self.framer = StreamFramer(limits)
        self._pending: deque[SipMessage] = deque()
        sockname = writer.get_extra_info("sockname")
        self._local = Local(str(sockname[0]), int(sockname[1]), protocol.value.upper())

    @property
    def local(self) -> Local:
        return self._local

    @property
    def partial(self) -> int:
        """Bytes of a message begun but not finished (a slow, stalled or cut-off peer)."""
        return self.framer.pending

    @property
    def tls(self) -> TlsSession | None:
        return TlsSession.of(self.writer.get_extra_info("ssl_object"))

    async def send(self, data: bytes) -> None:
        try:
            self.writer.write(data)
            await self.writer.drain()
        except (ssl.SSLError, OSError) as error:
            raise _stream_error(error, self.protocol) from None

    async def receive(self, deadline: float) -> Received | None:
        while not self._pending:
            try:
                async with asyncio.timeout_at(_loop_time(deadline)):
                    data = await self.reader.read(65536)
            except TimeoutError:
                return None
            except (ssl.SSLError, OSError) as error:
                raise _stream_error(error, self.protocol) from None
            if not data:
                raise PeerError("closed", "connection closed by the peer")
            self._pending.extend(self.framer.feed(data))
        return Received(self._pending.popleft(), self.remote)

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(Exception):
            async with asyncio.timeout(0.5):
                await self.writer.wait_closed()


def _stream_error(error: BaseException, protocol: SipProtocol) -> PeerError:
    if isinstance(error, ssl.SSLError):
        reason = error.reason or error.__class__.__name__
        return PeerError("tls", f"TLS error: {reason}", reason)
    if isinstance(error, ConnectionResetError):
        return PeerError("closed", "connection reset by the peer")
    if isinstance(error, ConnectionRefusedError):
        return PeerError("refused", "connection refused")
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return PeerError("closed", f"{protocol.value}: {text}")


async def open_stream(protocol: SipProtocol, address: str, port: int, *, deadline: float,
                      server_name: str | None = None, context: ssl.SSLContext | None = None,
                      limits: Limits = DEFAULT_LIMITS) -> StreamChannel:
    """Connect (and for TLS, handshake) before the deadline.

    PeerError kinds: 'refused' (RST), 'unreachable' (ICMP), 'timeout' (silence), 'tls'
    (TCP connected but the handshake failed), 'tls-timeout' (nor finished in time)."""
    try:
        async with asyncio.timeout_at(_loop_time(deadline)):
            reader, writer = await asyncio.open_connection(address, port, limit=limits.
                                                           max_head_bytes)
    except TimeoutError:
        raise PeerError("timeout", "no answer to the TCP connection") from None
    except ConnectionRefusedError:
        raise PeerError("refused", "connection refused (RST)") from None
    except OSError as error:
        raise PeerError("unreachable", f"connect failed: {error.strerror or error}") from None
    if protocol is SipProtocol.TLS:
        try:
            async with asyncio.timeout_at(_loop_time(deadline)):
                await writer.start_tls(context or probe_tls_context(),
                                       server_hostname=server_name or None)
        except TimeoutError:
            writer.transport.abort()
            raise PeerError("tls-timeout", "TCP connected, no TLS handshake before the "
                            "deadline") from None
        except (ssl.SSLError, OSError) as error:
            writer.transport.abort()
            failure = _stream_error(error, protocol)
            detail = failure.detail
            raise PeerError("tls", detail if detail.startswith("TLS") else
                            f"TLS handshake: {detail}", failure.reason) from None
    return StreamChannel(protocol, (address, port), reader, writer, limits)


# --- client transactions -----------------------------------------------------------------


@dataclass(frozen=True)
class TransactionResult:
    request: SipRequest
    final: SipResponse | None
    provisional: tuple[SipResponse, ...]
    source: Address | None
    sends: int
    elapsed: float
    invalid: str | None = None  # first reply that was not SIP


class ClientTransaction:
    """One request and its responses (RFC 3261 sec. 17.1): retransmits over UDP with T1
    doubling (capped at T2 for non-INVITE; INVITE stops at the first provisional)."""

    def __init__(self, channel: Channel, request: SipRequest, *, pacer: Pacer | None = None,
                 t1: float = T1, max_sends: int = MAX_SENDS) -> None:
        self.channel = channel
        self.request = request
        self.pacer = pacer
        self.t1 = t1
        self.max_sends = max_sends
        self.data = request.encode()
        self.cseq = request.cseq
        self.sends = 0
        self.provisional: list[SipResponse] = []
        self.final: SipResponse | None = None
        self.source: Address | None = None
        self.invalid: str | None = None
        self.started = 0.0
        self._interval = t1
        self._next_send = float("inf")

    async def start(self) -> None:
        if self.request.call_id:
            self.channel.expect(self.request.call_id)
        self.started = time.monotonic()
        await self._send()
        if not self.channel.reliable:
            self._next_send = time.monotonic() + self._interval

    async def _send(self) -> None:
        if self.pacer is not None:
            await self.pacer.wait()
        await self.channel.send(self.data)
        self.sends += 1

    async def next_response(self, deadline: float) -> SipResponse | None:
        """The next response to this request, retransmitting while waiting; None at the
        deadline. PeerError when the peer refuses or goes away."""
        while True:
            wake = min(deadline, self._next_send)
            try:
                item = await self.channel.receive(wake)
            except SipParseError as error:
                if self.channel.reliable:
                    raise  # a stream that is not SIP cannot be framed any further
                self.invalid = self.invalid or str(error)
                continue
            if item is None:
                if self.channel.pending():
                    continue
                if time.monotonic() >= deadline - 0.0005:
                    return None
                if time.monotonic() >= self._next_send - 0.0005:
                    await self._retransmit()
                continue
            if self._matches(item.message):
                assert isinstance(item.message, SipResponse)
                return self._record(item.message, item.source)

    def _matches(self, message: SipMessage) -> bool:
        return (isinstance(message, SipResponse) and message.call_id == self.request.call_id
                and message.cseq == self.cseq)

    def _record(self, response: SipResponse, source: Address) -> SipResponse:
        self.source = self.source or source
        if response.provisional:
            self.provisional.append(response)
            if self.request.method == "INVITE":
                self._next_send = float("inf")
            elif not self.channel.reliable:
                self._interval = T2
        else:
            self.final = self.final or response
            self._next_send = float("inf")
        return response

    async def _retransmit(self) -> None:
        if self.sends >= self.max_sends:
            self._next_send = float("inf")
            return
        await self._send()
        if self.request.method != "INVITE":
            self._interval = min(self._interval * 2, T2)
        else:
            self._interval *= 2
        self._next_send = time.monotonic() + self._interval

    def result(self) -> TransactionResult:
        return TransactionResult(self.request, self.final, tuple(self.provisional), self.source,
                                 self.sends, time.monotonic() - self.started, self.invalid)


async def transact(channel: Channel, request: SipRequest, *, deadline: float,
                   pacer: Pacer | None = None, t1: float = T1) -> TransactionResult:
    """Send ``request`` and wait for its final response (or the deadline)."""
    transaction = ClientTransaction(channel, request, pacer=pacer, t1=t1)
    await transaction.start()
    while transaction.final is None:
        if await transaction.next_response(deadline) is None:
            break
    return transaction.result()
