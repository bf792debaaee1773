"""WebSocket frames (RFC 6455) as a capture shows them: the HTTP upgrade, then frames from
the client (masked) and the server (unmasked); a message may span frames. Bounded: a frame or
message past ``MAX_MESSAGE`` breaks the reader, which then ignores the stream.

SIP WebSockets stay open for hours, so a capture often joins one after its upgrade: a stream
whose first bytes are a text or binary frame carrying the start of a SIP message is read as
one. Bytes missing from the capture lose the frame boundaries; the reader then waits for a
segment that starts such a frame again (senders write a frame at a time)."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.sip.framing import looks_like_sip

MAX_MESSAGE = 256 * 1024
_TEXT, _BINARY, _CONTINUATION = 1, 2, 0
_OPCODES = frozenset({0, 1, 2, 8, 9, 10})
_RESERVED = 0x70  # RSV1-3: no extension a SIP WebSocket negotiates sets them


def unmask(payload: bytes, key: bytes) -> bytes:
    size = len(payload)
    if not size:
        return payload
    stream = (key * (size // 4 + 1))[:size]
    return (int.from_bytes(payload) ^ int.from_bytes(stream)).to_bytes(size)


def starts_sip_frame(data: bytes) -> bool:
    """``data`` starts with a text or binary frame whose payload starts a SIP message."""
    if len(data) < 2 or data[0] & _RESERVED or data[0] & 0x0F not in (_TEXT, _BINARY):
        return False
    masked, length = data[1] & 0x80, data[1] & 0x7F
    at = 2 + (2 if length == 126 else 8 if length == 127 else 0)
    key = data[at:at + 4] if masked else b""
    at += len(key)
    head = data[at:at + 16]
    return looks_like_sip(unmask(head, key) if masked else head)


def upgrade_end(head: bytes) -> int | None:
    """Where the frames start, when ``head`` holds a complete HTTP request or response that
    upgrades to WebSocket (``Upgrade: websocket``; a 101 response); else None."""
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = head[:end].lower().split(b"\r\n")
    first = lines[0]
    upgrading = any(line.startswith(b"upgrade:") and b"websocket" in line for line in lines)
    if not upgrading or not (first.startswith(b"get ") or first.startswith(b"http/1.1 101")):
        return None
    return end + 4


class WebSocketReader:
    def __init__(self) -> None:
        self.buffer = bytearray()
        self.message = bytearray()
        self.in_message = False
        self.broken = False
        self.lost = False
        """Frame boundaries lost: wait for data that starts a SIP-carrying frame."""

    @property
    def pending(self) -> int:
        return len(self.buffer) + len(self.message)

    def reset(self) -> None:
        """Bytes are missing before what comes next: drop what is buffered, resynchronise."""
        self.buffer, self.message = bytearray(), bytearray()
        self.in_message, self.lost = False, True

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The complete text or binary messages the bytes finish."""
        if self.lost:
            if not starts_sip_frame(data):
                return
            self.lost = False
        self.buffer += data
        while not self.broken and not self.lost:
            frame = self._frame()
            if frame is None:
                return
            fin, opcode, payload = frame
            if opcode in (_TEXT, _BINARY):
                self.message = bytearray(payload)
                self.in_message = True
            elif opcode == _CONTINUATION and self.in_message:
                self.message += payload
            else:
                continue  # close, ping, pong, or a continuation of nothing
            if len(self.message) > MAX_MESSAGE:
                self.broken = True
                return
            if fin:
                self.in_message = False
                yield bytes(self.message)
                self.message = bytearray()

    def _frame(self) -> tuple[bool, int, bytes] | None:
        b = self.buffer
        if len(b) < 2:
            return None
        fin, opcode, masked, length = bool(b[0] & 0x80), b[0] & 0x0F, b[1] & 0x80, b[1] & 0x7F
        if b[0] & _RESERVED or opcode not in _OPCODES:  # not a frame header: out of step
            self.reset()
            return None
        at = 2
        if length == 126:
            if len(b) < 4:
                return None
            length, at = b[2] << 8 | b[3], 4
        elif length == 127:
            if len(b) < 10:
                return None
            length, at = int.from_bytes(b[2:10]), 10
        if length > MAX_MESSAGE:
            self.broken = True
            return None
        key = b""
        if masked:
            key, at = bytes(b[at:at + 4]), at + 4
        if len(b) < at + length:
            return None
        payload = bytes(b[at:at + length])
        del b[:at + length]
        if masked and len(key) == 4:
            payload = unmask(payload, key)
        return fin, opcode, payload
