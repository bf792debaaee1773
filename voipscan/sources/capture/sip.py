"""SIP as seen on the wire: spotting it, framing TCP streams that lost segments, and the
few header fields the audit reads. Messages are parsed by the live prober's parser
(``voipscan.sip.message``), which bounds sizes and never raises anything but
``SipParseError``.
"""

from __future__ import annotations

import re

from voipscan.sip.message import (
    Limits,
    SipMessage,
    SipParseError,
    SipRequest,
    parse_message,
)

MAX_BODY = 64 * 1024
LIMITS = Limits(max_head_bytes=32 * 1024, max_headers=200, max_body_bytes=MAX_BODY)

METHODS = frozenset({
    "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY",
    "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE",
})
_STARTS = (*(m.encode() + b" " for m in METHODS), b"SIP/2.0 ")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_URI_USER = re.compile(r"(?i)\bsips?:([^@;>\s:]+)@")
# Linear on hostile values: the display name cannot start with a blank (no two parts share
# a run of blanks), and a parameter name starts only where a word starts.
_DISPLAY = re.compile(r'^\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|([^<"\s][^<"]*)<)')
_PARAM = re.compile(r'(?<![\w-])([A-Za-z][\w-]*)\s*=\s*("[^"\\]*(?:\\.[^"\\]*)*"|[^,\s]*)')


def looks_like_sip(payload: bytes) -> bool:
    """Cheap test of a payload's first bytes: a SIP request line or a status line."""
    return payload.startswith(_STARTS)


def clean(text: str, limit: int = 80) -> str:
    """Text from the wire made safe to show: no control characters, bounded length."""
    text = _CONTROL.sub("?", text.strip())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def parse(data: bytes) -> SipMessage | None:
    """One SIP message (a UDP datagram, or one message cut out of a TCP stream), or None."""
    try:
        return parse_message(data, limits=LIMITS)
    except SipParseError:
        return None


def kind(message: SipMessage) -> str:
    """The method of a request, or the CSeq method of a response: 'INVITE' ... or 'OTHER'
    (so that garbage from the wire cannot grow the sets that collect methods)."""
    if isinstance(message, SipRequest):
        name = message.method
    else:
        name = message.cseq[1] if message.cseq else ""
    return name if name in METHODS else "OTHER"


def frame_stream(buffer: bytes) -> tuple[list[bytes], int]:
    """Cut complete messages out of a TCP byte stream: (messages, bytes consumed).

    Leading CRLF keep-alives are skipped. A message whose header lacks Content-Length
    ends at its blank line (RFC 3261 makes the header mandatory on TCP).
    """
    messages: list[bytes] = []
    at = 0
    while True:
        while buffer.startswith(b"\r\n", at):
            at += 2
        end = buffer.find(b"\r\n\r\n", at)
        if end < 0:
            return messages, at
        head = buffer[at:end]
        length = _content_length(head)
        total = end + 4 + length
        if total > len(buffer):
            return messages, at
        messages.append(buffer[at:total])
        at = total


def resync(buffer: bytes) -> int:
    """Where the next SIP start line begins in a buffer that lost its framing (or -1)."""
    best = -1
    for start in _STARTS:
        found = buffer.find(b"\n" + start)
        if found >= 0 and (best < 0 or found < best):
            best = found
    return best + 1 if best >= 0 else -1


_LENGTH = re.compile(rb"(?im)^(?:content-length|l)[ \t]*:[ \t]*(\d{1,9})[ \t]*\r?$")


def _content_length(head: bytes) -> int:
    found = _LENGTH.search(head)
    return min(int(found.group(1)), MAX_BODY) if found else 0


def uri_user(value: str | None) -> str | None:
    """The user part of the first SIP URI in a header value or request URI."""
    if not value:
        return None
    found = _URI_USER.search(value)
    return found.group(1) if found else None


def display_name(value: str | None) -> str:
    if not value:
        return ""
    found = _DISPLAY.search(value)
    if not found:
        return ""
    return (found.group(1) or found.group(2) or "").strip()


def digest_identity(value: str) -> tuple[str, str] | None:
    """(username, realm) of a Digest (Proxy-)Authorization header; the response is dropped."""
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() != "digest":
        return None
    params: dict[str, str] = {}
    for name, raw in _PARAM.findall(rest):
        lowered = name.lower()
        if lowered in ("username", "realm"):
            params[lowered] = raw[1:-1] if raw.startswith('"') and len(raw) > 1 else raw
    if "username" not in params:
        return None
    return params["username"], params.get("realm", "")
