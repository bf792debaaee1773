"""SIP over WebSocket (RFC 7118): a channel over ``ws://`` or ``wss://`` with the ``sip``
subprotocol, one SIP message per WebSocket message.

Built on the ``websockets`` library (its asyncio client). Every wait is bounded: the opening
handshake (TCP, TLS, HTTP upgrade) by the deadline, each message by ``max_size`` (a bigger
frame or fragmented message closes the connection with 1009), queued messages by
``max_queue``, and each receive by the deadline, so a peer that never upgrades, sends frames
forever or one huge frame costs at most the probe's timeout. System proxy settings are never
used: a probe goes to the address it names.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections import deque
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import (
    ConnectionClosed,
    InvalidHandshake,
    InvalidStatus,
    PayloadTooBig,
    WebSocketException,
)
from websockets.typing import Subprotocol

from voipscan.facts import SipProtocol
from voipscan.sip.message import DEFAULT_LIMITS, Limits, Local, SipMessage, parse_message
from voipscan.sources.host.client_tls import probe_context
from voipscan.sources.host.transport import Address, Channel, PeerError, Received, TlsSession

SIP = Subprotocol("sip")
MAX_QUEUE = 8  # messages buffered before reading stops (the peer then waits on TCP)


def ws_uri(protocol: SipProtocol, host: str, port: int, path: str) -> str:
    scheme = "wss" if protocol is SipProtocol.WSS else "ws"
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown}:{port}{path or '/'}"


class WsChannel(Channel):
    reliable = True

    def __init__(self, protocol: SipProtocol, remote: Address, connection: ClientConnection,
                 limits: Limits) -> None:
        self.protocol = protocol
        self.remote = remote
        self.connection = connection
        self.limits = limits
        self._pending: deque[SipMessage] = deque()
        sockname = connection.local_address
        self._local = Local(str(sockname[0]), int(sockname[1]), protocol.value.upper())

    @property
    def local(self) -> Local:
        return self._local

    @property
    def tls(self) -> TlsSession | None:
        return TlsSession.of(self.connection.transport.get_extra_info("ssl_object"))

    async def send(self, data: bytes) -> None:
        try:
            await self.connection.send(data.decode("utf-8", "replace"))
        except ConnectionClosed as error:
            raise _closed(error) from None

    async def receive(self, deadline: float) -> Received | None:
        from voipscan.sources.host.transport import _loop_time

        while not self._pending:
            try:
                async with asyncio.timeout_at(_loop_time(deadline)):
                    data = await self.connection.recv()
            except TimeoutError:
                return None
            except ConnectionClosed as error:
                raise _closed(error) from None
            raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
            self._pending.append(parse_message(raw, limits=self.limits))
        return Received(self._pending.popleft(), self.remote)

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            async with asyncio.timeout(0.5):
                await self.connection.close()
        self.connection.transport.abort()


def _closed(error: ConnectionClosed) -> PeerError:
    received = error.rcvd
    if isinstance(error.__cause__, PayloadTooBig) or (received and received.code == 1009):
        return PeerError("closed", "WebSocket message larger than the limit; connection closed")
    code = f" (close code {received.code})" if received else ""
    return PeerError("closed", f"WebSocket closed by the peer{code}")


async def open_websocket(protocol: SipProtocol, address: str, port: int, *, path: str,
                         deadline: float, server_name: str | None = None,
                         context: ssl.SSLContext | None = None,
                         limits: Limits = DEFAULT_LIMITS, user_agent: str | None = None
                         ) -> WsChannel:
    """Connect, (for WSS) handshake TLS, and upgrade with the ``sip`` subprotocol, all before
    the deadline. PeerError kinds as ``open_stream``'s, plus 'not-sip' (upgraded without
    the ``sip`` subprotocol, or refused the upgrade)."""
    from voipscan.sources.host.transport import _loop_time

    secure = protocol is SipProtocol.WSS
    uri = ws_uri(protocol, server_name or address, port, path)
    options: dict[str, Any] = {}
    if secure:
        options["ssl"] = context or probe_context()
        options["server_hostname"] = server_name or ""
    try:
        async with asyncio.timeout_at(_loop_time(deadline)):
            connection = await connect(
                uri, subprotocols=[SIP], open_timeout=None, ping_interval=None,
                close_timeout=0.5, max_size=limits.max_head_bytes + limits.max_body_bytes,
                max_queue=MAX_QUEUE, compression=None, proxy=None,
                user_agent_header=user_agent, host=address, port=port, **options)
    except TimeoutError:
        raise PeerError("tls-timeout" if secure else "timeout",
                        "no WebSocket upgrade before the deadline") from None
    except ConnectionRefusedError:
        raise PeerError("refused", "connection refused (RST)") from None
    except ssl.SSLError as error:
        reason = error.reason or type(error).__name__
        raise PeerError("tls", f"TLS error: {reason}", reason) from None
    except InvalidStatus as error:
        raise PeerError("not-sip", f"WebSocket upgrade refused: HTTP "
                        f"{error.response.status_code}") from None
    except (InvalidHandshake, WebSocketException) as error:
        raise PeerError("not-sip", f"WebSocket handshake failed: {error}"[:200]) from None
    except OSError as error:
        raise PeerError("unreachable", f"connect failed: {error.strerror or error}") from None
    if connection.subprotocol != SIP:
        connection.transport.abort()
        raise PeerError("not-sip", "WebSocket upgraded without the 'sip' subprotocol "
                        "(RFC 7118 requires it)")
    return WsChannel(protocol, (address, port), connection, limits)
