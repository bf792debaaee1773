"""Small SIP responders on loopback for tests: UDP or TCP, in a background thread.

A responder's ``answer`` turns each request into the raw replies to send back (none: silent).
"""

from __future__ import annotations

import contextlib
import re
import selectors
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from voipscan.sip.framing import StreamFramer
from voipscan.sip.message import (
    SipParseError,
    SipRequest,
    parse_message,
    response_to,
)

Answer = Callable[[SipRequest], list[bytes]]


def reply(status: int = 200, reason: str = "OK", *headers: tuple[str, str]) -> Answer:
    def answer(request: SipRequest) -> list[bytes]:
        return [response_to(request, status, reason, extra=headers, to_tag="resp").encode()]
    return answer


def silent(_request: SipRequest) -> list[bytes]:
    return []


def registrar(known: set[str], *, known_answer: tuple[int, str] = (401, "Unauthorized"),
              unknown_answer: tuple[int, str] = (404, "Not Found")) -> Answer:
    """Answers REGISTER/OPTIONS per user in To: the classic enumeration leak when they differ."""
    def answer(request: SipRequest) -> list[bytes]:
        match = re.search(r"sip:([^@>;]+)@", request.headers.get("To") or "")
        user = match.group(1) if match else None
        status, reason = known_answer if user in known else unknown_answer
        if user is None:
            status, reason = 200, "OK"
        return [response_to(request, status, reason, to_tag="r").encode()]
    return answer


@dataclass
class Responder:
    """A SIP responder bound to 127.0.0.1 (or ::1) on a free port."""

    answer: Answer
    kind: int = socket.SOCK_DGRAM
    host: str = "127.0.0.1"
    reply_from_other_port: bool = False
    requests: list[SipRequest] = field(default_factory=list)
    port: int = 0
    other_port: int = 0

    def __post_init__(self) -> None:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        self.sock = socket.socket(family, self.kind)
        if self.kind == socket.SOCK_STREAM:
            # Not for UDP: Linux may give two UDP sockets that both set it the same free
            # port, and a test then scans one responder twice (a CI failure, 1 in 40 here).
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((self.host, 0))
        self.port = self.sock.getsockname()[1]
        self.other = socket.socket(family, socket.SOCK_DGRAM)
        self.other.bind((self.host, 0))
        self.other_port = self.other.getsockname()[1]
        if self.kind == socket.SOCK_STREAM:
            self.sock.listen(64)
        self.sock.setblocking(False)
        self._wake_r, self._wake_w = socket.socketpair()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")
        self._thread.join(5)
        for sock in (self.sock, self.other, self._wake_r, self._wake_w):
            sock.close()

    def _serve(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self.sock, selectors.EVENT_READ, "listen")
        selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        framers: dict[socket.socket, StreamFramer] = {}
        while True:
            for key, _ in selector.select(1.0):
                if key.data == "wake":
                    for conn in framers:
                        conn.close()
                    selector.close()
                    return
                if key.data == "listen" and self.kind == socket.SOCK_DGRAM:
                    self._datagram()
                elif key.data == "listen":
                    conn, _ = self.sock.accept()
                    conn.setblocking(False)
                    framers[conn] = StreamFramer()
                    selector.register(conn, selectors.EVENT_READ, "conn")
                else:
                    conn = key.fileobj  # type: ignore[assignment]
                    assert isinstance(conn, socket.socket)
                    if not self._stream(conn, framers[conn]):
                        selector.unregister(conn)
                        del framers[conn]
                        conn.close()

    def _datagram(self) -> None:
        try:
            data, source = self.sock.recvfrom(65535)
        except OSError:
            return
        for out in self._handle(data):
            sender = self.other if self.reply_from_other_port else self.sock
            sender.sendto(out, source)

    def _stream(self, conn: socket.socket, framer: StreamFramer) -> bool:
        try:
            data = conn.recv(65535)
        except OSError:
            return False
        if not data:
            return False
        try:
            messages = framer.feed(data)
        except SipParseError:
            return False
        for message in messages:
            if isinstance(message, SipRequest):
                self.requests.append(message)
                try:
                    for out in self.answer(message):
                        conn.sendall(out)
                except OSError:
                    return False
        return True

    def _handle(self, data: bytes) -> list[bytes]:
        try:
            message = parse_message(data)
        except SipParseError:
            return []
        if not isinstance(message, SipRequest):
            return []
        self.requests.append(message)
        return self.answer(message)


@contextlib.contextmanager
def responder(answer: Answer, **kwargs: object) -> Iterator[Responder]:
    server = Responder(answer, **kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()


def closed_port(kind: int = socket.SOCK_DGRAM, host: str = "127.0.0.1") -> int:
    """A port nothing listens on (free a moment ago)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, kind) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
    return port


class TlsResponder:
    """A SIP-over-TLS responder (blocking, one thread per connection) on 127.0.0.1."""

    def __init__(self, answer: Answer, cert: str, key: str) -> None:
        self.answer = answer
        self.requests: list[SipRequest] = []
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self._server = StreamServer(self._connection)
        self.port: int = self._server.port

    def stop(self) -> None:
        self._server.stop()

    def _connection(self, raw: socket.socket) -> None:
        with contextlib.suppress(OSError), self.context.wrap_socket(raw, server_side=True) as conn:
            framer = StreamFramer()
            while not self._server.stopped.is_set():
                data = conn.recv(65535)
                if not data:
                    return
                for message in framer.feed(data):
                    if isinstance(message, SipRequest):
                        self.requests.append(message)
                        for out in self.answer(message):
                            conn.sendall(out)


class StreamServer:
    """A TCP server on loopback handing each connection (blocking) to ``handler``."""

    def __init__(self, handler: Callable[[socket.socket], None],
                 host: str = "127.0.0.1") -> None:
        self.handler = handler
        self.sock = socket.create_server((host, 0),
                                         family=socket.AF_INET6 if ":" in host else
                                         socket.AF_INET)
        self.sock.settimeout(0.2)
        self.port: int = self.sock.getsockname()[1]
        self.stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self._thread.join(5)
        self.sock.close()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        with contextlib.suppress(OSError), conn:
            self.handler(conn)
