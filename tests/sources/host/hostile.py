"""Hostile SIP peers on loopback: garbage, endless headers, a 10 MB body, one byte at a time
(slowloris), a reply cut short, replies from another port, TLS handshakes that break off.

Each server runs in background threads on 127.0.0.1 with a free port and stops (closing
every connection) when its context ends, whatever the test did.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from voipscan.sip.framing import StreamFramer
from voipscan.sip.message import (
    SipParseError,
    SipRequest,
    parse_message,
    response_to,
)

BODY_SIZE = 10_000_000
GARBAGE = (b"HTTP/1.1 400 Bad Request\r\nServer: not-sip\r\n\r\n"
           + bytes(range(256)) * 8 + b"\r\n\r\n")


class Peer:
    """One accepted connection as a behaviour sees it: sends stop when the test is over."""

    def __init__(self, conn: socket.socket, stopped: threading.Event) -> None:
        self.conn = conn
        self.stopped = stopped

    def request(self) -> SipRequest | None:
        framer = StreamFramer()
        while not self.stopped.is_set():
            try:
                data = self.conn.recv(65536)
            except (TimeoutError, BlockingIOError):
                continue
            except OSError:
                return None
            if not data:
                return None
            try:
                messages = framer.feed(data)
            except SipParseError:
                return None
            for message in messages:
                if isinstance(message, SipRequest):
                    return message
        return None

    def send(self, data: bytes) -> bool:
        """False once the client is gone or the test is over."""
        if self.stopped.is_set():
            return False
        try:
            self.conn.sendall(data)
        except OSError:
            return False
        return True

    def pause(self, seconds: float) -> bool:
        return not self.stopped.wait(seconds)


Behaviour = Callable[[Peer], None]


def ok_reply(request: SipRequest, *extra: tuple[str, str], body: bytes = b"") -> bytes:
    return response_to(request, 200, "OK", extra=extra, body=body, to_tag="hostile").encode()


# --- behaviours over a byte stream (TCP, or TLS once the handshake is done) -------------------


def garbage(peer: Peer) -> None:
    if peer.request() is not None:
        peer.send(GARBAGE)
        peer.pause(30)


def endless_headers(peer: Peer) -> None:
    """A status line, then header lines for ever: the head never ends."""
    if peer.request() is None:
        return
    peer.send(b"SIP/2.0 200 OK\r\n")
    line = b"X-Endless: " + b"y" * 1000 + b"\r\n"
    while peer.send(line * 16):
        pass


def huge_body(peer: Peer) -> None:
    """A reply that matches the request, announcing 10 MB of body, then streaming it."""
    request = peer.request()
    if request is None:
        return
    head = ok_reply(request).replace(b"Content-Length: 0", f"Content-Length: {BODY_SIZE}".encode())
    if not peer.send(head):
        return
    chunk = b"z" * 65536
    for _ in range(BODY_SIZE // len(chunk) + 1):
        if not peer.send(chunk):
            return


def slowloris(peer: Peer) -> None:
    """A valid reply, one byte every 50 ms: complete only after ~20 s."""
    request = peer.request()
    if request is None:
        return
    for byte in ok_reply(request, ("Server", "slow")):
        if not peer.send(bytes([byte])) or not peer.pause(0.05):
            return


def cut_short(peer: Peer) -> None:
    """Half a valid reply, then the connection is closed."""
    request = peer.request()
    if request is not None:
        reply = ok_reply(request)
        peer.send(reply[:len(reply) // 2])


STREAM_BEHAVIOURS: dict[str, Behaviour] = {
    "garbage": garbage, "endless-headers": endless_headers, "huge-body": huge_body,
    "slowloris": slowloris, "cut-short": cut_short,
}


# --- behaviours of the TLS handshake itself (raw socket, no TLS on our side) -----------------


def _client_hello(peer: Peer) -> bool:
    """Wait, as ``Peer.request`` does, for the client's first bytes: on a loaded machine they
    may come after the 0.2 s socket timeout, and giving up then closed the connection with
    the hello unread (a reset, not the behaviour under test)."""
    while not peer.stopped.is_set():
        try:
            return bool(peer.conn.recv(65536))
        except TimeoutError:
            continue
        except OSError:
            return False
    return False


def tls_closed_mid_handshake(peer: Peer) -> None:
    """The start of a ServerHello record, then the connection is closed."""
    if _client_hello(peer):
        peer.send(b"\x16\x03\x03\x00\x7a\x02\x00\x00\x76\x03\x03" + os.urandom(20))


def tls_slow_handshake(peer: Peer) -> None:
    """A handshake record announcing 16 KB, dripped one byte every 100 ms."""
    if _client_hello(peer) and peer.send(b"\x16\x03\x03\x40\x00"):
        while peer.send(b"\x02") and peer.pause(0.1):
            pass


def tls_garbage(peer: Peer) -> None:
    """Plain text where a ServerHello belongs."""
    if _client_hello(peer):
        peer.send(GARBAGE)
        peer.pause(30)


HANDSHAKE_BEHAVIOURS: dict[str, Behaviour] = {
    "tls-closed-mid-handshake": tls_closed_mid_handshake,
    "tls-slow-handshake": tls_slow_handshake, "tls-garbage": tls_garbage,
}


@dataclass
class StreamPeerServer:
    """TCP on 127.0.0.1; with ``context``, each connection is TLS-wrapped before the
    behaviour runs (the behaviour then misbehaves at the SIP level, over TLS)."""

    behaviour: Behaviour
    context: ssl.SSLContext | None = None
    port: int = 0
    stopped: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self._thread.join(5)
        with self._lock:
            for conn in self._conns:
                with contextlib.suppress(OSError):
                    conn.close()
        self.sock.close()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._conns.append(conn)
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        conn.settimeout(0.2)
        try:
            if self.context is not None:
                conn.settimeout(5)
                conn = self.context.wrap_socket(conn, server_side=True)
                conn.settimeout(0.2)
                with self._lock:
                    self._conns.append(conn)
            self.behaviour(Peer(conn, self.stopped))
        except (OSError, ssl.SSLError):
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()


# --- UDP ---------------------------------------------------------------------------------------


def udp_garbage(request: SipRequest) -> list[bytes]:
    return [GARBAGE[:1400]]


def udp_huge_body(request: SipRequest) -> list[bytes]:
    head = ok_reply(request).replace(b"Content-Length: 0", f"Content-Length: {BODY_SIZE}".encode())
    return [head + b"z" * 60_000]


def udp_endless_headers(request: SipRequest) -> list[bytes]:
    """As many header lines as a datagram holds, and no blank line ending them."""
    head = ok_reply(request).rstrip(b"\r\n") + b"\r\n"
    return [head + b"X-Endless: yyyyyyyy\r\n" * 3000]


def udp_flood(request: SipRequest) -> list[bytes]:
    return [GARBAGE[:200]] * 2000


UDP_BEHAVIOURS: dict[str, Callable[[SipRequest], list[bytes]]] = {
    "garbage": udp_garbage, "huge-body": udp_huge_body, "endless-headers": udp_endless_headers,
    "flood": udp_flood,
}


@dataclass
class UdpPeerServer:
    """UDP on 127.0.0.1: each request gets ``answer``'s datagrams, from ``other_port``'s
    socket when ``from_other_port`` (a peer that replies from where it likes)."""

    answer: Callable[[SipRequest], list[bytes]]
    from_other_port: bool = False
    port: int = 0

    def __post_init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.other.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.other_port = self.other.getsockname()[1]
        self._stop_r, self._stop_w = socket.socketpair()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._stop_w.send(b"x")
        self._thread.join(5)
        for sock in (self.sock, self.other, self._stop_r, self._stop_w):
            sock.close()

    def _serve(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self.sock, selectors.EVENT_READ)
            selector.register(self._stop_r, selectors.EVENT_READ)
            while True:
                for key, _ in selector.select():
                    if key.fileobj is self._stop_r:
                        return
                    self._answer()

    def _answer(self) -> None:
        try:
            data, source = self.sock.recvfrom(65535)
            request = parse_message(data)
        except (OSError, SipParseError):
            return
        if not isinstance(request, SipRequest):
            return
        sender = self.other if self.from_other_port else self.sock
        for datagram in self.answer(request):
            with contextlib.suppress(OSError):
                sender.sendto(datagram, source)


@contextlib.contextmanager
def serving(*servers: StreamPeerServer | UdpPeerServer) -> Iterator[None]:
    try:
        yield
    finally:
        for server in servers:
            server.stop()


def tls_server_context(cert: str, key: str) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def elapsed_since(start: float) -> float:
    return time.monotonic() - start
