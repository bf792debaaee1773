"""Small loopback servers for TLS tests: a threaded Python TLS server, a silent TCP listener
and a peer that answers in plain SIP. Each is a context manager yielding its port and stops
its threads and sockets on exit."""

from __future__ import annotations

import contextlib
import socket
import ssl
import struct
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

HOST = "127.0.0.1"


def server_context(
    cert: Path,
    key: Path,
    *,
    minimum: ssl.TLSVersion = ssl.TLSVersion.TLSv1_2,
    maximum: ssl.TLSVersion = ssl.TLSVersion.TLSv1_3,
    ciphers: str = "DEFAULT",
    client_ca: Path | None = None,
) -> ssl.SSLContext:
    """Security level 0, so that deliberately weak keys, signatures and suites load."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with warnings.catch_warnings():  # TLS 1.0/1.1 on purpose
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = minimum
        context.maximum_version = maximum
    context.set_ciphers(f"{ciphers}:@SECLEVEL=0")
    context.load_cert_chain(cert, key)
    if client_ca is not None:
        context.load_verify_locations(client_ca)
        context.verify_mode = ssl.CERT_REQUIRED
    return context


@contextlib.contextmanager
def _listener(handle: Callable[[socket.socket], None]) -> Iterator[int]:
    listener = socket.create_server((HOST, 0), backlog=128)
    listener.settimeout(0.1)
    stop = threading.Event()
    workers: list[threading.Thread] = []
    connections: list[socket.socket] = []

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connections.append(conn)
            worker = threading.Thread(target=_serve, args=(handle, conn), daemon=True)
            worker.start()
            workers.append(worker)

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        acceptor.join(timeout=2)
        listener.close()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for worker in workers:
            worker.join(timeout=2)


def _serve(handle: Callable[[socket.socket], None], conn: socket.socket) -> None:
    with conn:
        conn.settimeout(10)
        with contextlib.suppress(OSError, ValueError):
            handle(conn)


@contextlib.contextmanager
def tls_server(context: ssl.SSLContext, *, delay: float = 0.0) -> Iterator[int]:
    """Complete handshakes (each ``delay`` seconds late), answer a SIP keepalive, close when
    the client does."""
    def handle(conn: socket.socket) -> None:
        time.sleep(delay)
        with context.wrap_socket(conn, server_side=True) as tls:
            while data := tls.recv(4096):
                if data.endswith(b"\r\n\r\n"):
                    tls.sendall(b"\r\n")

    with _listener(handle) as port:
        yield port


@contextlib.contextmanager
def resetting_tls_server(context: ssl.SSLContext, *, resets: int,
                         healthy_every: int = 1) -> Iterator[list[int]]:
    """Reset (TCP RST) the first ``resets`` connections, then behave like ``tls_server``;
    with ``healthy_every`` N, serve only every N-th connection and reset the others too (a
    round-robin balancer in front of one healthy server and N-1 broken ones); yields
    ``[port, connections so far]``."""
    seen = [0, 0]
    lock = threading.Lock()

    def handle(conn: socket.socket) -> None:
        with lock:
            seen[1] += 1
            reset = seen[1] <= resets or seen[1] % healthy_every != 0
        if reset:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        with context.wrap_socket(conn, server_side=True) as tls:
            while data := tls.recv(4096):
                if data.endswith(b"\r\n\r\n"):
                    tls.sendall(b"\r\n")

    with _listener(handle) as port:
        seen[0] = port
        yield seen


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """Accepts TCP connections and never says a word."""
    def handle(conn: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while conn.recv(4096):
                pass

    with _listener(handle) as port:
        yield port


@contextlib.contextmanager
def sip_server() -> Iterator[int]:
    """Answers whatever arrives with a plain-text SIP error, like a TCP SIP listener might."""
    def handle(conn: socket.socket) -> None:
        conn.recv(4096)
        conn.sendall(b"SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    with _listener(handle) as port:
        yield port


def closed_port() -> int:
    """A loopback port with nothing listening (free a moment ago)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
    return port
