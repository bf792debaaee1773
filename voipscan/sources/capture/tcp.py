"""Follow TCP streams just far enough: SIP messages framed by Content-Length (the shared
``voipscan.sip.framing``), SIP over WebSocket (RFC 7118: the HTTP upgrade on any port, then
masked or unmasked frames, messages split over frames; or frames met without their upgrade,
when they carry SIP), the first TLS handshake message of
each direction, and TLS records of a connection the capture joined after its handshake.
Every buffer is bounded; a stream that shows none of these in its first segments is ignored
from then on.
"""

from __future__ import annotations

from collections.abc import Callable

from voipscan.facts.model import SipProtocol
from voipscan.sip.framing import StreamFramer, looks_like_sip
from voipscan.sip.message import SipMessage, SipParseError
from voipscan.sources.capture.decode import TCP_FIN, TCP_RST
from voipscan.sources.capture.sip import parse, stream_framer
from voipscan.sources.capture.tls import handshake, looks_like_tls, record_version
from voipscan.sources.capture.websocket import WebSocketReader, starts_sip_frame, upgrade_end

MAX_STREAMS = 65536
MAX_TLS_BUFFER = 32 * 1024
MAX_BUFFERED = 32 * 1024 * 1024
"""All streams together: past this, a stream that needs more loses its partial message."""
PROBE_SEGMENTS = 4
"""Segments of an unknown stream inspected for a SIP or TLS start before giving up on it."""

_UNKNOWN, _SIP, _TLS, _IGNORED, _WS = 0, 1, 2, 3, 4

StreamKey = tuple[bytes, int, bytes, int]
SipHandler = Callable[[SipMessage | None, StreamKey, int, SipProtocol], None]
"""Called with each message, or None for one that could not be read."""
TlsHandler = Callable[[int, bytes, StreamKey, int], None]
TlsRecordHandler = Callable[[int, StreamKey, int], None]
"""Called once per stream that starts with TLS records but no handshake: record version."""


class _Stream:
    __slots__ = ("buffer", "framer", "kind", "next_seq", "probes", "websocket")

    def __init__(self, seq: int) -> None:
        self.kind = _UNKNOWN
        self.next_seq = seq
        self.buffer = b""
        """Of a TLS stream; a SIP stream's bytes are in its framer."""
        self.framer: StreamFramer | None = None
        self.websocket: WebSocketReader | None = None
        self.probes = 0

    @property
    def pending(self) -> int:
        if self.websocket is not None:
            return len(self.buffer) + self.websocket.pending
        return len(self.buffer) if self.framer is None else self.framer.pending

    def clear(self) -> None:
        self.buffer = b""
        if self.framer is not None:
            self.framer.clear()
        if self.websocket is not None:
            self.websocket.reset()


class TcpTracker:
    """Feed it every TCP segment in capture order; it calls back with SIP and TLS data."""

    def __init__(self, on_sip: SipHandler, on_tls: TlsHandler,
                 on_tls_records: TlsRecordHandler) -> None:
        self._streams: dict[StreamKey, _Stream] = {}
        self._on_sip = on_sip
        self._on_tls = on_tls
        self._on_tls_records = on_tls_records
        self.gaps = 0
        self.buffered = 0

    def segment(self, key: StreamKey, payload: bytes, seq: int, flags: int,
                packet: int) -> None:
        stream = self._streams.get(key)
        if payload:
            if stream is None:
                if len(self._streams) >= MAX_STREAMS:
                    self._forget(next(iter(self._streams)))
                stream = self._streams[key] = _Stream(seq)
            if stream.kind != _IGNORED:
                before = stream.pending
                self._data(stream, key, payload, seq, packet)
                self.buffered += stream.pending - before
                if self.buffered > MAX_BUFFERED:
                    self.buffered -= stream.pending
                    stream.clear()
        if flags & (TCP_FIN | TCP_RST) and stream is not None:
            self._forget(key)

    def _forget(self, key: StreamKey) -> None:
        self.buffered -= self._streams.pop(key).pending

    def _data(self, stream: _Stream, key: StreamKey, payload: bytes, seq: int,
              packet: int) -> None:
        ahead = (seq - stream.next_seq) & 0xFFFFFFFF
        if ahead >= 0x80000000:  # starts before what we have: a retransmission
            overlap = (stream.next_seq - seq) & 0xFFFFFFFF
            if overlap >= len(payload):
                return
            payload, seq = payload[overlap:], stream.next_seq
        elif ahead:  # bytes missing from the capture: what is buffered cannot complete
            self.gaps += 1
            stream.clear()
        stream.next_seq = (seq + len(payload)) & 0xFFFFFFFF
        if stream.kind == _UNKNOWN:
            if payload[:4] in (b"GET ", b"HTTP"):
                payload = self._upgrade(stream, payload)
                if stream.kind != _WS:
                    return
            elif looks_like_sip(payload):
                stream.kind, stream.framer = _SIP, stream_framer()
            elif starts_sip_frame(payload):  # WebSocket joined after its upgrade
                stream.kind, stream.websocket = _WS, WebSocketReader()
            elif looks_like_tls(payload):
                stream.kind = _TLS
            elif (version := record_version(payload)) is not None:
                self._on_tls_records(version, key, packet)
                stream.kind = _IGNORED
                return
            else:
                stream.probes += 1
                if stream.probes >= PROBE_SEGMENTS:
                    stream.kind = _IGNORED
                return
        if stream.websocket is not None:
            self._websocket(stream, key, payload, packet)
        elif stream.framer is not None:
            self._sip(stream.framer, key, payload, packet)
        else:
            self._tls(stream, key, payload, packet)

    def _upgrade(self, stream: _Stream, payload: bytes) -> bytes:
        """An HTTP request or response head: once complete, a WebSocket upgrade turns the
        stream into WebSocket frames (the bytes after the head are returned); anything else
        is ignored."""
        buffer = stream.buffer + payload
        end = upgrade_end(buffer)
        if end is None:
            if len(buffer) > MAX_TLS_BUFFER or b"\r\n\r\n" in buffer:
                stream.kind, stream.buffer = _IGNORED, b""
            else:
                stream.buffer = buffer
            return b""
        stream.kind, stream.buffer, stream.websocket = _WS, b"", WebSocketReader()
        return buffer[end:]

    def _websocket(self, stream: _Stream, key: StreamKey, payload: bytes, packet: int) -> None:
        reader = stream.websocket
        assert reader is not None
        for message in reader.feed(payload):
            if looks_like_sip(message):
                self._on_sip(parse(message), key, packet, SipProtocol.WS)
        if reader.broken:
            stream.kind, stream.websocket = _IGNORED, None

    def _sip(self, framer: StreamFramer, key: StreamKey, payload: bytes, packet: int) -> None:
        framer.append(payload)
        while True:
            try:
                message = framer.next_message()
            except SipParseError:  # its bytes are dropped: go on with the next one
                self._on_sip(None, key, packet, SipProtocol.TCP)
                continue
            if message is None:
                return
            self._on_sip(message, key, packet, SipProtocol.TCP)

    def _tls(self, stream: _Stream, key: StreamKey, payload: bytes, packet: int) -> None:
        buffer = (stream.buffer + payload)[:MAX_TLS_BUFFER]
        message = handshake(buffer)
        if message is not None:
            self._on_tls(message[0], message[1], key, packet)
            stream.kind, stream.buffer = _IGNORED, b""
        elif len(buffer) >= MAX_TLS_BUFFER or not looks_like_tls(buffer):
            stream.kind, stream.buffer = _IGNORED, b""
        else:
            stream.buffer = buffer
