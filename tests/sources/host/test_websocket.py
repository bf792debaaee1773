"""SIP over WebSocket (RFC 7118): ws:// and wss:// targets, OPTIONS with the ``sip``
subprotocol, and hostile peers bounded by the timeout (small servers on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

from tests.sources.host.pki import make_pki
from tests.sources.host.tls_servers import server_context
from voipscan.errors import InputError
from voipscan.facts import SipProtocol
from voipscan.sip.message import parse_message
from voipscan.sources.host.host_facts import source_result
from voipscan.sources.host.probe import Reachability
from voipscan.sources.host.scanner import HostReport, ScanSettings, run_scan
from voipscan.sources.host.targets import Service, expand, parse_target

WS, WSS = SipProtocol.WS, SipProtocol.WSS


# --- targets ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "protocol", "port", "path"), [
    ("ws://127.0.0.1", WS, None, "/"),
    ("ws://127.0.0.1:8080/sip", WS, 8080, "/sip"),
    ("wss://[::1]:8443/ws?x=1", WSS, 8443, "/ws"),
    ("WSS://pbx.example.net", WSS, None, "/"),
])
def test_websocket_targets(text: str, protocol: SipProtocol, port: int | None,
                           path: str) -> None:
    spec = parse_target(text)
    assert (spec.protocols, spec.port, spec.ws_path) == ((protocol,), port, path)
    (target,) = [t for t in expand([spec], (), {"pbx.example.net": "192.0.2.7"})
                 if not isinstance(t, tuple)]
    (service,) = target.services
    assert service == Service(protocol, port or (443 if protocol is WSS else 80), path)


@pytest.mark.parametrize("text", ["ws:/127.0.0.1", "ws://u:p@127.0.0.1", "ws://127.0.0.1/a b",
                                  "wss://:80", "ws://127.0.0.1:99999"])
def test_bad_websocket_targets(text: str) -> None:
    with pytest.raises(InputError):
        parse_target(text)


# --- a small WebSocket SIP server and hostile peers ------------------------------------


def options_answer(request: bytes, server: str = "voipscan-test-ws") -> str:
    message = parse_message(request)
    lines = ["SIP/2.0 200 OK", *(f"Via: {v}" for v in message.headers.values("Via")),
             f"From: {message.headers.get('From')}",
             f"To: {message.headers.get('To')};tag=ws",
             f"Call-ID: {message.call_id}", f"CSeq: {message.headers.get('CSeq')}",
             f"Server: {server}", "Content-Length: 0", "", ""]
    return "\r\n".join(lines)


@contextlib.contextmanager
def ws_server(handler: Callable[[ServerConnection], Any], *, secure: bool = False,
              tmp: Path | None = None, subprotocols: list[str] | None = None,
              paths: tuple[str, ...] = (), upgrades: list[str] | None = None) -> Iterator[int]:
    """A websockets server in its own thread and loop, on a free loopback port; with
    ``paths``, upgrades elsewhere get HTTP 404; ``upgrades`` records every path asked for."""
    ready = threading.Event()
    stop: list[asyncio.Event] = []
    ports: list[int] = []
    context = None
    if secure:
        assert tmp is not None
        pki = make_pki(tmp / "pki")
        context = server_context(pki.server.cert_path, pki.server.key_path)

    def by_path(connection: ServerConnection, request: Request) -> Response | None:
        if upgrades is not None:
            upgrades.append(request.path)
        if paths and request.path not in paths:
            return connection.respond(HTTPStatus.NOT_FOUND, "no WebSocket here\n")
        return None

    async def main() -> None:
        stop.append(asyncio.Event())
        async with serve(handler, "127.0.0.1", 0, ssl=context, max_size=None,
                         process_request=by_path,
                         subprotocols=subprotocols or ["sip"]) as server:  # type: ignore[arg-type]
            ports.append(server.sockets[0].getsockname()[1])
            ready.set()
            await stop[0].wait()

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    assert ready.wait(5)
    try:
        yield ports[0]
    finally:
        loop.call_soon_threadsafe(stop[0].set)
        thread.join(5)
        if not thread.is_alive():
            loop.close()


async def sip_handler(ws: ServerConnection) -> None:
    async for message in ws:
        raw = message.encode() if isinstance(message, str) else message
        await ws.send(options_answer(raw))


def scan(text: str, **settings: Any) -> HostReport:
    (target,) = [t for t in expand([parse_target(text)], (), {}) if not isinstance(t, tuple)]
    options: dict[str, Any] = {"timeout": 1.0, "rate": None, "tls_audit": False, **settings}
    (report,) = run_scan([target], ScanSettings(**options)).reports
    return report


def test_options_over_ws() -> None:
    with ws_server(sip_handler) as port:
        report = scan(f"ws://127.0.0.1:{port}/sip")
    (probe,) = report.probes
    assert (probe.reachability, probe.status, probe.server) == (
        Reachability.OPEN, 200, "voipscan-test-ws")
    assert probe.endpoint == f"ws:127.0.0.1:{port}/sip"
    system = source_result(report).system
    (transport,) = system.transports
    assert transport.protocol.value is WS


def test_options_over_wss_with_tls_audit(tmp_path: Path) -> None:
    with ws_server(sip_handler, secure=True, tmp=tmp_path) as port:
        report = scan(f"wss://127.0.0.1:{port}", tls_audit=True, tls_light=True, timeout=2.0)
    (probe,) = report.probes
    assert (probe.reachability, probe.status) == (Reachability.OPEN, 200)
    assert probe.tls is not None and probe.tls.version == "TLSv1.3"
    (transport,) = source_result(report).system.transports
    assert transport.protocol.value is WSS
    assert transport.tls_versions.value is not None and transport.tls_versions.value
    assert transport.certificate.value is not None


def test_server_without_sip_subprotocol_is_not_sip() -> None:
    async def chat(ws: ServerConnection) -> None:
        await ws.wait_closed()

    with ws_server(chat, subprotocols=["chat"]) as port:
        report = scan(f"ws://127.0.0.1:{port}")
    (probe,) = report.probes
    assert probe.reachability is Reachability.NOT_SIP
    assert "WebSocket" in probe.detail


@contextlib.contextmanager
def raw_server(handle: Callable[[socket.socket], None]) -> Iterator[int]:
    from tests.sources.host.tls_servers import _listener

    with _listener(handle) as port:
        yield port


def never_upgrades(conn: socket.socket) -> None:
    conn.recv(4096)
    time.sleep(3)


def http_refusal(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")


def test_peer_that_never_upgrades_is_bounded() -> None:
    with raw_server(never_upgrades) as port:
        started = time.monotonic()
        report = scan(f"ws://127.0.0.1:{port}")
        elapsed = time.monotonic() - started
    (probe,) = report.probes
    assert probe.reachability is Reachability.FILTERED
    assert "no WebSocket upgrade" in probe.detail
    assert elapsed < 2.0


def test_upgrade_refused_by_http() -> None:
    with raw_server(http_refusal) as port:
        report = scan(f"ws://127.0.0.1:{port}")
    (probe,) = report.probes
    assert (probe.reachability, probe.detail) == (
        Reachability.NOT_SIP, "WebSocket upgrade refused: HTTP 404")


def test_endless_frames_are_bounded() -> None:
    async def flood(ws: ServerConnection) -> None:
        with contextlib.suppress(Exception):
            while True:
                await ws.send("SIP/2.0 100 Trying\r\nCall-ID: other\r\nCSeq: 1 OPTIONS\r\n"
                              "Content-Length: 0\r\n\r\n")

    with ws_server(flood) as port:
        started = time.monotonic()
        report = scan(f"ws://127.0.0.1:{port}")
        elapsed = time.monotonic() - started
    (probe,) = report.probes
    assert probe.reachability is not Reachability.OPEN
    assert elapsed < 2.5


def test_one_huge_frame_is_refused() -> None:
    async def huge(ws: ServerConnection) -> None:
        with contextlib.suppress(Exception):
            await ws.recv()
            await ws.send(b"x" * (8 * 1024 * 1024))
            await ws.wait_closed()

    with ws_server(huge) as port:
        started = time.monotonic()
        report = scan(f"ws://127.0.0.1:{port}")
        elapsed = time.monotonic() - started
    (probe,) = report.probes
    assert probe.reachability is Reachability.NO_REPLY
    assert "larger than the limit" in probe.detail
    assert elapsed < 2.5
