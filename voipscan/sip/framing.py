"""SIP over byte streams (TCP, TLS): spotting a start line and cutting messages out of the
stream by Content-Length (RFC 3261 sec. 18.3).

One framer serves the live prober (a peer's connection) and the capture audit (a TCP stream
reassembled from packets, which may have lost segments: ``resync=True``).
"""

from __future__ import annotations

import re

from voipscan.sip.message import (
    DEFAULT_LIMITS,
    HEAD_END,
    METHODS,
    Limits,
    SipMessage,
    SipParseError,
    build_message,
    content_length,
    parse_head,
)

_STARTS = (*(method.encode() + b" " for method in sorted(METHODS)), b"SIP/2.0 ")
_LONGEST_START = max(len(start) for start in _STARTS)


def looks_like_sip(data: bytes) -> bool:
    """Cheap test of the first bytes: a request line of a known method, or a status line."""
    return data.startswith(_STARTS)


_START_LINE = re.compile(b"\n(?:" + b"|".join(map(re.escape, _STARTS)) + b")")


def _may_start_sip(data: bytes | bytearray) -> bool:
    """The bytes start a SIP message, or are too few to tell ('INV')."""
    head = bytes(data[:_LONGEST_START])
    if head.startswith(_STARTS):
        return True
    return len(head) < _LONGEST_START and any(start.startswith(head) for start in _STARTS)


def find_start(data: bytes | bytearray) -> int:
    """Where the first line that starts a SIP message begins after a line break (or -1):
    one pass that ends at the first, not a search of the whole buffer per start line."""
    found = _START_LINE.search(data)
    return found.start() + 1 if found else -1


class StreamFramer:
    """Cut a byte stream into messages; holds at most one header section plus one body, as
    bounded by ``limits``.

    A message the framer rejects raises ``SipParseError`` once its bytes (its header section
    at least) are dropped, so the stream can go on after it. With ``resync``, bytes that do
    not start a SIP message (the rest of a message whose start was lost) are skipped up to
    the next start line.
    """

    def __init__(self, limits: Limits = DEFAULT_LIMITS, *, resync: bool = False) -> None:
        self.limits = limits
        self.resync = resync
        self._buffer = bytearray()
        self._searched = 0

    @property
    def pending(self) -> int:
        """Bytes received that do not yet make a whole message."""
        return len(self._buffer)

    def clear(self) -> None:
        """Forget what is buffered (the stream lost bytes: it cannot complete)."""
        self._buffer.clear()
        self._searched = 0

    def feed(self, data: bytes) -> list[SipMessage]:
        """Add bytes; the messages they complete. Raises at the first rejected message."""
        self.append(data)
        messages: list[SipMessage] = []
        while (message := self.next_message()) is not None:
            messages.append(message)
        return messages

    def append(self, data: bytes) -> None:
        self._buffer += data

    def next_message(self) -> SipMessage | None:
        """The next complete message, or None until more bytes arrive."""
        buffer = self._buffer
        skipped = len(buffer) - len(buffer.lstrip(b"\r\n"))  # RFC 5626 CRLF keep-alives
        if skipped:
            self._drop(skipped)
        if self.resync and not _may_start_sip(buffer):
            self._skip_to_start()
        end = HEAD_END.search(buffer, max(0, self._searched - 3))
        if end is None:
            if len(buffer) > self.limits.max_head_bytes:
                self.clear()
                raise SipParseError(f"header section larger than {self.limits.max_head_bytes} "
                                    "bytes")
            self._searched = len(buffer)
            return None
        try:
            start_line, headers = parse_head(bytes(buffer[:end.start()]), self.limits)
            length = content_length(headers) or 0
        except SipParseError:
            self._drop(end.end())  # the body, if any, is skipped by resync or is an error
            raise
        if length > self.limits.max_body_bytes:
            self._drop(end.end())
            raise SipParseError(f"body of {length} bytes exceeds {self.limits.max_body_bytes}")
        if len(buffer) - end.end() < length:
            self._searched = end.start()
            return None
        body = bytes(buffer[end.end():end.end() + length])
        self._drop(end.end() + length)
        return build_message(start_line, headers, body)

    def _skip_to_start(self) -> None:
        buffer = self._buffer
        start = find_start(buffer)
        if start < 0:  # keep a line begun at the end, in case a start line is split there
            line = buffer.rfind(b"\n") + 1
            start = line if line and _may_start_sip(buffer[line:]) else len(buffer)
        self._drop(start)

    def _drop(self, count: int) -> None:
        del self._buffer[:count]
        self._searched = 0
