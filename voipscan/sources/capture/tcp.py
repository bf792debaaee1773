"""Follow TCP streams just far enough: SIP messages framed by Content-Length (the shared
``voipscan.sip.framing``), and the first TLS handshake message of each direction. Every
buffer is bounded; a stream that shows neither SIP nor TLS in its first segments is ignored
from then on.
"""

from __future__ import annotations

from collections.abc import Callable

from voipscan.sip.framing import StreamFramer, looks_like_sip
from voipscan.sip.message import SipMessage, SipParseError
from voipscan.sources.capture.decode import TCP_FIN, TCP_RST
from voipscan.sources.capture.sip import stream_framer
from voipscan.sources.capture.tls import handshake, looks_like_tls

MAX_STREAMS = 65536
MAX_TLS_BUFFER = 32 * 1024
MAX_BUFFERED = 32 * 1024 * 1024
"""All streams together: past this, a stream that needs more loses its partial message."""
PROBE_SEGMENTS = 4
"""Segments of an unknown stream inspected for a SIP or TLS start before giving up on it."""

_UNKNOWN, _SIP, _TLS, _IGNORED = 0, 1, 2, 3

StreamKey = tuple[bytes, int, bytes, int]
SipHandler = Callable[[SipMessage | None, StreamKey, int], None]
"""Called with each message, or None for one that could not be read."""
TlsHandler = Callable[[int, bytes, StreamKey, int], None]


class _Stream:
    __slots__ = ("buffer", "framer", "kind", "next_seq", "probes")

    def __init__(self, seq: int) -> None:
        self.kind = _UNKNOWN
        self.next_seq = seq
        self.buffer = b""
        """Of a TLS stream; a SIP stream's bytes are in its framer."""
        self.framer: StreamFramer | None = None
        self.probes = 0

    @property
    def pending(self) -> int:
        return len(self.buffer) if self.framer is None else self.framer.pending

    def clear(self) -> None:
        self.buffer = b""
        if self.framer is not None:
            self.framer.clear()


class TcpTracker:
    """Feed it every TCP segment in capture order; it calls back with SIP and TLS data."""

    def __init__(self, on_sip: SipHandler, on_tls: TlsHandler) -> None:
        self._streams: dict[StreamKey, _Stream] = {}
        self._on_sip = on_sip
        self._on_tls = on_tls
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
            if looks_like_sip(payload):
                stream.kind, stream.framer = _SIP, stream_framer()
            elif looks_like_tls(payload):
                stream.kind = _TLS
            else:
                stream.probes += 1
                if stream.probes >= PROBE_SEGMENTS:
                    stream.kind = _IGNORED
                return
        if stream.framer is not None:
            self._sip(stream.framer, key, payload, packet)
        else:
            self._tls(stream, key, payload, packet)

    def _sip(self, framer: StreamFramer, key: StreamKey, payload: bytes, packet: int) -> None:
        framer.append(payload)
        while True:
            try:
                message = framer.next_message()
            except SipParseError:  # its bytes are dropped: go on with the next one
                self._on_sip(None, key, packet)
                continue
            if message is None:
                return
            self._on_sip(message, key, packet)

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
