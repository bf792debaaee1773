"""How the capture audit reads SIP from the wire with the shared codec (``voipscan.sip``):
its size limits, and the few words it keeps of a message (method, text fit to show).
"""

from __future__ import annotations

import re

from voipscan.sip.framing import StreamFramer
from voipscan.sip.message import (
    METHODS,
    Limits,
    SipMessage,
    SipParseError,
    SipRequest,
    parse_message,
)

LIMITS = Limits(max_head_bytes=32 * 1024, max_headers=200, max_body_bytes=64 * 1024)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def parse(data: bytes) -> SipMessage | None:
    """One SIP message of a UDP datagram, or None when it cannot be parsed."""
    try:
        return parse_message(data, limits=LIMITS)
    except SipParseError:
        return None


def stream_framer() -> StreamFramer:
    """A framer for one direction of a TCP stream as a capture shows it (it may lose bytes)."""
    return StreamFramer(LIMITS, resync=True)


def kind(message: SipMessage) -> str:
    """The method of a request, or the CSeq method of a response: 'INVITE' ... or 'OTHER'
    (so that garbage from the wire cannot grow the sets that collect methods)."""
    if isinstance(message, SipRequest):
        name = message.method
    else:
        name = message.cseq[1] if message.cseq else ""
    return name if name in METHODS else "OTHER"


def clean(text: str, limit: int = 80) -> str:
    """Text from the wire made safe to show: no control characters, bounded length."""
    text = _CONTROL.sub("?", text.strip())
    return text if len(text) <= limit else text[:limit - 3] + "..."
