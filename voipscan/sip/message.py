"""SIP messages (RFC 3261): build requests of any method, parse replies as hostile input.

Parsing never raises anything but ``SipParseError``: sizes and header counts are bounded,
header values are decoded as UTF-8 with replacement and stripped of control characters
(they end up in reports and terminals).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from voipscan import __version__

DEFAULT_USER_AGENT = f"voipscan/{__version__}"
BRANCH_MAGIC = "z9hG4bK"
SIP_VERSION = "SIP/2.0"
METHODS = frozenset({
    "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY",
    "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE",
})
"""The methods of RFC 3261 and its standard extensions."""

# RFC 3261 sec. 7.3.3 and later RFCs' compact forms.
COMPACT_FORMS = {
    "a": "Accept-Contact", "b": "Referred-By", "c": "Content-Type", "d": "Request-Disposition",
    "e": "Content-Encoding", "f": "From", "i": "Call-ID", "j": "Reject-Contact",
    "k": "Supported", "l": "Content-Length", "m": "Contact", "n": "Identity-Info",
    "o": "Event", "r": "Refer-To", "s": "Subject", "t": "To", "u": "Allow-Events", "v": "Via",
    "x": "Session-Expires", "y": "Identity",
}
_CANONICAL = {name.lower(): name for name in (
    *COMPACT_FORMS.values(), "Accept", "Accept-Encoding", "Accept-Language", "Alert-Info",
    "Allow", "Authentication-Info", "Authorization", "CSeq", "Date", "Error-Info", "Expires",
    "In-Reply-To", "Max-Forwards", "Min-Expires", "MIME-Version", "Organization", "Priority",
    "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "Record-Route", "Reply-To",
    "Require", "Retry-After", "Route", "Server", "Timestamp", "Unsupported", "User-Agent",
    "Warning", "WWW-Authenticate", "RSeq", "RAck", "Path", "P-Asserted-Identity",
)}

_TOKEN = r"[A-Za-z0-9\-.!%*_+`'~]+"
_HEADER_NAME = re.compile(_TOKEN)
_STATUS_LINE = re.compile(r"SIP/(\d)\.(\d) ([1-6]\d\d)(?: (.*))?")
_REQUEST_LINE = re.compile(rf"({_TOKEN}) (\S+) SIP/2\.0")
_LINE_BREAK = re.compile(r"\r?\n")
_HEADER_LINE = re.compile(rf"\n({_TOKEN})[ \t]*:([^\n]*)")
"""A header line as the common case writes it: every line after the first matches."""
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_UNCLEAN_HEAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")
"""A character that ``_clean`` would replace in a header value, in a whole header section
(line breaks, which split it into lines, excepted)."""
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""The bytes of ``_UNCLEAN_HEAD``'s character class."""
HEAD_END = re.compile(rb"\r?\n\r?\n")
"""The blank line that ends a header section."""
_URI_USER = re.compile(r"(?i)\bsips?:([^@;>\s:]+)@")
# Linear on hostile values: the display name cannot start with a blank (no two parts share
# a run of blanks).
_DISPLAY = re.compile(r'^\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|([^<"\s][^<"]*)<)')


class SipParseError(ValueError):
    """The bytes are not a SIP message we accept (malformed, or beyond the size limits)."""


@dataclass(frozen=True)
class Limits:
    """Bounds for one message: what a hostile peer can make us hold."""

    max_head_bytes: int = 64 * 1024
    max_headers: int = 256
    max_body_bytes: int = 1024 * 1024


DEFAULT_LIMITS = Limits()


_BY_LOWER = {**_CANONICAL, **COMPACT_FORMS}
_KEYS = {lowered: canonical.lower() for lowered, canonical in _BY_LOWER.items()}


def canonical_name(name: str) -> str:
    """'v' -> 'Via', 'call-id' -> 'Call-ID'; unknown names keep their spelling."""
    return _BY_LOWER.get(name.lower(), name)


def _key(name: str) -> str:
    lowered = name.lower()
    return _KEYS.get(lowered, lowered)


_MAX_NAMES = 4096
"""Entries in each cache of header names (names on the wire are the peer's choice)."""
_LOOKUPS: dict[str, str] = {}
"""Names the code looks headers up by (a fixed set), each with its index key."""


def _lookup_key(name: str) -> str:
    key = _LOOKUPS.get(name)
    if key is None:
        key = _key(name)
        if len(_LOOKUPS) < _MAX_NAMES:
            _LOOKUPS[name] = key
    return key


def split_list(value: str) -> tuple[str, ...]:
    """Split a comma-separated header value, respecting quotes and <...>: 'a, "b,c" <d,e>'."""
    items: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    angle = 0
    for char in value:
        if escaped:
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif not quoted and char == "<":
            angle += 1
        elif not quoted and char == ">" and angle:
            angle -= 1
        elif char == "," and not quoted and not angle:
            items.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    items.append("".join(current).strip())
    return tuple(item for item in items if item)


def header_params(value: str) -> dict[str, str]:
    """Parameters after the first ';' outside <...> and quotes: '<sip:a>;tag=x;lr' -> {...}."""
    depth, quoted, start = 0, False, -1
    for index, char in enumerate(value):
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "<":
            depth += 1
        elif not quoted and char == ">":
            depth = max(0, depth - 1)
        elif char == ";" and not quoted and not depth:
            start = index
            break
    if start < 0:
        return {}
    params: dict[str, str] = {}
    for part in value[start + 1:].split(";"):
        key, _, val = part.partition("=")
        if key.strip():
            params[key.strip().lower()] = val.strip().strip('"')
    return params


def uri_user(value: str | None) -> str | None:
    """The user part of the first SIP URI in a header value or request URI."""
    if not value:
        return None
    found = _URI_USER.search(value)
    return found.group(1) if found else None


def display_name(value: str | None) -> str:
    """The display name of a From/To/Contact value: '"Bob" <sip:b@c>' -> 'Bob'."""
    if not value:
        return ""
    found = _DISPLAY.search(value)
    if not found:
        return ""
    return (found.group(1) or found.group(2) or "").strip()


@dataclass(frozen=True)
class Headers:
    """An ordered, immutable header list with case-insensitive, compact-aware lookups."""

    items: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, items: Iterable[tuple[str, str]]) -> Headers:
        return cls(tuple((canonical_name(name), value) for name, value in items))

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @cached_property
    def _index(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for name, value in self.items:
            index.setdefault(_key(name), []).append(value)
        return {name: tuple(values) for name, values in index.items()}

    def get(self, name: str) -> str | None:
        values = self._index.get(_lookup_key(name))
        return values[0] if values else None

    def get_all(self, name: str) -> tuple[str, ...]:
        return self._index.get(_lookup_key(name), ())

    def values(self, name: str) -> tuple[str, ...]:
        """Every comma-separated value over every line of a list header (Allow, Via ...)."""
        return tuple(item for line in self.get_all(name) for item in split_list(line))

    def with_(self, name: str, value: str) -> Headers:
        return Headers((*self.items, (canonical_name(name), value)))

    def without(self, name: str) -> Headers:
        wanted = canonical_name(name).lower()
        return Headers(tuple((n, v) for n, v in self.items if n.lower() != wanted))

    def replaced(self, name: str, value: str) -> Headers:
        """Replace every line of ``name`` by one, where the first one was (else append)."""
        wanted = canonical_name(name).lower()
        out: list[tuple[str, str]] = []
        placed = False
        for n, v in self.items:
            if n.lower() != wanted:
                out.append((n, v))
            elif not placed:
                out.append((canonical_name(name), value))
                placed = True
        if not placed:
            out.append((canonical_name(name), value))
        return Headers(tuple(out))


@dataclass(frozen=True)
class _Message:
    headers: Headers
    body: bytes

    @property
    def call_id(self) -> str | None:
        return self.headers.get("Call-ID")

    @property
    def cseq(self) -> tuple[int, str] | None:
        value = self.headers.get("CSeq")
        if value is None:
            return None
        number, _, method = value.strip().partition(" ")
        if not (number.isascii() and number.isdigit()) or len(number) > 10 or not method.strip():
            return None
        return int(number), method.strip().upper()

    @property
    def branch(self) -> str | None:
        """The top Via's branch parameter."""
        vias = self.headers.values("Via")
        return header_params(vias[0]).get("branch") if vias else None

    def _encode(self, start_line: str) -> bytes:
        headers = self.headers.replaced("Content-Length", str(len(self.body)))
        head = "".join(f"{name}: {value}\r\n" for name, value in headers)
        return f"{start_line}\r\n{head}\r\n".encode() + self.body


@dataclass(frozen=True)
class SipRequest(_Message):
    method: str = "OPTIONS"
    uri: str = ""

    def encode(self) -> bytes:
        """Wire bytes; Content-Length always matches the body."""
        return self._encode(f"{self.method} {self.uri} {SIP_VERSION}")


@dataclass(frozen=True)
class SipResponse(_Message):
    status: int = 0
    reason: str = ""

    @property
    def provisional(self) -> bool:
        return 100 <= self.status < 200

    @property
    def final(self) -> bool:
        return self.status >= 200

    def encode(self) -> bytes:
        return self._encode(f"{SIP_VERSION} {self.status} {self.reason}")


SipMessage = SipRequest | SipResponse


# --- parsing -----------------------------------------------------------------------------


def parse_message(data: bytes, *, limits: Limits = DEFAULT_LIMITS,
                  datagram: bool = True) -> SipMessage:
    """Parse one complete message. On a datagram a missing Content-Length means 'the rest'."""
    try:
        return _parse(data, limits, datagram)
    except SipParseError:
        raise
    except Exception as error:  # the parser's promise: nothing but SipParseError escapes
        raise SipParseError(f"malformed message ({type(error).__name__})") from None


def parse_response(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> SipResponse:
    message = parse_message(data, limits=limits)
    if not isinstance(message, SipResponse):
        raise SipParseError("a request, not a response")
    return message


def _parse(data: bytes, limits: Limits, datagram: bool) -> SipMessage:
    data = data.lstrip(b"\r\n")
    if not data:
        raise SipParseError("empty message")
    end = _head_end(data, limits.max_head_bytes + 4)
    if end is None:
        if len(data) > limits.max_head_bytes:
            raise SipParseError(f"header section larger than {limits.max_head_bytes} bytes")
        if not datagram:
            raise SipParseError("incomplete header section")
        head_bytes, body = data, b""
    else:
        head_bytes, body = data[:end[0]], data[end[1]:]
    start_line, headers = parse_head(head_bytes, limits)
    length = content_length(headers)
    if length is not None:
        if length > limits.max_body_bytes:
            raise SipParseError(f"body of {length} bytes exceeds {limits.max_body_bytes}")
        if length > len(body):
            raise SipParseError(f"truncated body: Content-Length {length}, {len(body)} received")
        body = body[:length]
    elif not datagram:
        body = b""
    elif len(body) > limits.max_body_bytes:
        raise SipParseError(f"body larger than {limits.max_body_bytes} bytes")
    return build_message(start_line, headers, body)


def _head_end(data: bytes, within: int) -> tuple[int, int] | None:
    """Where ``HEAD_END`` first matches in ``data[:within]``, found with two byte searches:
    the first line break followed by an (optionally CR) line break, and its CR if any."""
    bare, crlf = data.find(b"\n\n", 0, within), data.find(b"\n\r\n", 0, within)
    if bare < 0 and crlf < 0:
        return None
    at, size = (bare, 2) if crlf < 0 or 0 <= bare < crlf else (crlf, 3)
    start = at - 1 if at and data[at - 1] == 13 else at
    return start, at + size


def _unclean(head: bytes) -> bool:
    """``_UNCLEAN_HEAD`` would match the decoded text (UTF-8 decoding makes no control
    character out of bytes that were not one)."""
    return len(head.translate(None, _CONTROL_BYTES)) != len(head) \
        or head.count(b"\r") != head.count(b"\r\n")


def parse_head(head: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[str, Headers]:
    """Start line and headers of a header section (without the blank line)."""
    if len(head) > limits.max_head_bytes:
        raise SipParseError(f"header section larger than {limits.max_head_bytes} bytes")
    text = head.decode("utf-8", errors="replace")
    unclean = _unclean(head)
    if not unclean and "\n " not in text and "\n\t" not in text:
        lines = _HEADER_LINE.findall(text)
        if len(lines) == text.count("\n") and len(lines) <= limits.max_headers:
            return _plain_head(text, lines)
    return _head_lines(text, unclean, limits)


def _head_lines(text: str, unclean: bool, limits: Limits) -> tuple[str, Headers]:
    """``parse_head`` line by line: folded lines, values to clean, and every error."""
    lines = _LINE_BREAK.split(text)
    start_line = lines[0].strip()
    items: list[list[str]] = []
    for line in lines[1:]:
        if not line.strip():
            continue
        if line[0] in " \t":
            if not items:
                raise SipParseError("folded line before the first header")
            items[-1][1] = f"{items[-1][1]} {line.strip()}"
            continue
        name, colon, value = line.partition(":")
        if not colon:
            raise SipParseError(f"malformed header line {_clean(line)[:40]!r}")
        items.append([_wire_name(name.rstrip(" \t"), line)[0], value.strip()])
        if len(items) > limits.max_headers:
            raise SipParseError(f"more than {limits.max_headers} headers")
    if not unclean:
        return start_line, Headers(tuple((n, v) for n, v in items))
    return start_line, Headers(tuple((n, _clean(v)) for n, v in items))


def _plain_head(text: str, lines: list[tuple[str, str]]) -> tuple[str, Headers]:
    """What the line loop of ``parse_head`` makes of a header section that has only
    ``name: value`` lines (no folding, nothing to clean), in one pass with the index built."""
    items: list[tuple[str, str]] = []
    index: dict[str, tuple[str, ...]] = {}
    for written, value in lines:
        spelled, key = _WIRE_NAMES.get(written) or _wire_name(written, written)
        value = value.strip()
        items.append((spelled, value))
        found = index.get(key)
        index[key] = (value,) if found is None else (*found, value)
    headers = Headers(tuple(items))
    headers.__dict__["_index"] = index
    return text[:text.find("\n")].strip() if lines else text.strip(), headers


_WIRE_NAMES: dict[str, tuple[str, str]] = {}
"""Header names as written that are tokens, each with its canonical spelling and index key."""


def _wire_name(name: str, line: str) -> tuple[str, str]:
    """The canonical spelling and index key of a header name as written; a name that is not
    a token is an error (``line`` is quoted in it)."""
    known = _WIRE_NAMES.get(name)
    if known is None:
        if not _HEADER_NAME.fullmatch(name):
            raise SipParseError(f"malformed header line {_clean(line)[:40]!r}")
        spelled = canonical_name(name)
        known = spelled, _key(spelled)
        if len(_WIRE_NAMES) < _MAX_NAMES:
            _WIRE_NAMES[name] = known
    return known


def content_length(headers: Headers) -> int | None:
    lines = headers.get_all("Content-Length")
    if not lines:
        return None
    value = lines[0].strip()
    if len(lines) > 1 and any(other.strip() != value for other in lines[1:]):
        raise SipParseError("conflicting Content-Length headers")
    if not (value.isascii() and value.isdigit()) or len(value) > 10:
        raise SipParseError(f"invalid Content-Length {value[:20]!r}")
    return int(value)


def build_message(start_line: str, headers: Headers, body: bytes) -> SipMessage:
    """A request or a response, as its start line says."""
    status = _STATUS_LINE.fullmatch(start_line) if start_line.startswith("SIP/") else None
    if status:
        if (status.group(1), status.group(2)) != ("2", "0"):
            raise SipParseError(f"unsupported version SIP/{status.group(1)}.{status.group(2)}")
        return SipResponse(headers, body, status=int(status.group(3)),
                           reason=_clean(status.group(4) or "").strip())
    request = _REQUEST_LINE.fullmatch(start_line)
    if request:
        return SipRequest(headers, body, method=request.group(1).upper(), uri=request.group(2))
    raise SipParseError(f"not a SIP start line: {_clean(start_line)[:60]!r}")


def _clean(text: str) -> str:
    return _CONTROL.sub("?", text)


# --- building ----------------------------------------------------------------------------


def random_token(length: int = 16) -> str:
    return secrets.token_hex(length // 2)


def new_branch() -> str:
    return f"{BRANCH_MAGIC}{random_token(20)}"


def format_host(host: str) -> str:
    """IPv6 literals in brackets, as URIs and Via need them."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def hostport(host: str, port: int | None) -> str:
    return format_host(host) if port is None else f"{format_host(host)}:{port}"


@dataclass(frozen=True)
class Local:
    """Where this end listens: what Via and Contact advertise."""

    host: str
    port: int
    transport: str  # "UDP", "TCP", "TLS"


@dataclass(frozen=True)
class Dialog:
    """The identifiers one probe's requests share (a dialog or a stand-alone transaction)."""

    call_id: str = field(default_factory=lambda: random_token(24))
    from_tag: str = field(default_factory=lambda: random_token(10))
    from_uri: str = ""
    to_uri: str = ""
    to_tag: str | None = None
    display_name: str = "voipscan"


def build_request(
    method: str,
    uri: str,
    *,
    local: Local,
    dialog: Dialog,
    cseq: int = 1,
    branch: str | None = None,
    user_agent: str = DEFAULT_USER_AGENT,
    extra: Iterable[tuple[str, str]] = (),
    body: bytes = b"",
    content_type: str | None = None,
    contact: bool = True,
    max_forwards: int = 70,
) -> SipRequest:
    """A request in RFC 3261 shape; ``extra`` headers go after Contact (Route, Accept ...)."""
    sent_by = hostport(local.host, local.port)
    from_uri = dialog.from_uri or f"sip:voipscan@{format_host(local.host)}"
    to_uri = dialog.to_uri or uri
    to_value = f"<{to_uri}>" + (f";tag={dialog.to_tag}" if dialog.to_tag else "")
    headers: list[tuple[str, str]] = [
        ("Via", f"SIP/2.0/{local.transport.upper()} {sent_by};branch={branch or new_branch()}"
                ";rport"),
        ("Max-Forwards", str(max_forwards)),
        ("From", f'"{dialog.display_name}" <{from_uri}>;tag={dialog.from_tag}'),
        ("To", to_value),
        ("Call-ID", dialog.call_id),
        ("CSeq", f"{cseq} {method.upper()}"),
    ]
    if contact:
        transport = "" if local.transport.upper() == "UDP" else \
            f";transport={local.transport.lower()}"
        headers.append(("Contact", f"<sip:voipscan@{sent_by}{transport}>"))
    headers.extend(extra)
    if user_agent:
        headers.append(("User-Agent", user_agent))
    if content_type and body:
        headers.append(("Content-Type", content_type))
    headers.append(("Content-Length", str(len(body))))
    return SipRequest(Headers.of(headers), body, method=method.upper(), uri=uri)


def options_request(uri: str, *, local: Local, dialog: Dialog | None = None,
                    user_agent: str = DEFAULT_USER_AGENT, branch: str | None = None) -> SipRequest:
    """An OPTIONS probe (RFC 3261 sec. 11): asks for capabilities, changes nothing."""
    return build_request("OPTIONS", uri, local=local, dialog=dialog or Dialog(),
                         user_agent=user_agent, branch=branch,
                         extra=[("Accept", "application/sdp")])


def cancel_for(request: SipRequest) -> SipRequest:
    """CANCEL of a pending request (RFC 3261 sec. 9.1): same Request-URI, Call-ID, From,
    To, CSeq number and top Via (so the same branch); Route copied."""
    return _same_transaction(request, "CANCEL", to=request.headers.get("To"))


def ack_for_failure(invite: SipRequest, response: SipResponse) -> SipRequest:
    """ACK of a non-2xx final response to an INVITE (RFC 3261 sec. 17.1.1.3): same branch,
    the response's To (with its tag), CSeq number of the INVITE."""
    return _same_transaction(invite, "ACK", to=response.headers.get("To"))


def _same_transaction(request: SipRequest, method: str, *, to: str | None) -> SipRequest:
    copied = ("From", "Call-ID", "Route", "Max-Forwards", "User-Agent")
    vias = request.headers.values("Via")
    headers: list[tuple[str, str]] = [("Via", vias[0])] if vias else []
    for name, value in request.headers:
        if name == "To":
            headers.append(("To", to or value))
        elif name == "CSeq":
            headers.append(("CSeq", f"{request.cseq[0] if request.cseq else 1} {method}"))
        elif name in copied:
            headers.append((name, value))
    headers.append(("Content-Length", "0"))
    return SipRequest(Headers(tuple(headers)), b"", method=method, uri=request.uri)


def response_to(request: SipRequest, status: int, reason: str, *,
                extra: Iterable[tuple[str, str]] = (), body: bytes = b"",
                to_tag: str | None = None, received: tuple[str, int] | None = None) -> SipResponse:
    """A response to ``request`` (RFC 3261 sec. 8.2.6): Via, From, To, Call-ID, CSeq copied;
    the top Via gets received/rport filled in when the source address is given."""
    headers: list[tuple[str, str]] = []
    for index, via in enumerate(request.headers.values("Via")):
        if index == 0 and received is not None:
            via = via.replace(";rport", f";received={received[0]};rport={received[1]}", 1)
        headers.append(("Via", via))
    for name in ("From", "To", "Call-ID", "CSeq"):
        value = request.headers.get(name)
        if value is not None:
            if name == "To" and to_tag and "tag=" not in value:
                value = f"{value};tag={to_tag}"
            headers.append((name, value))
    headers.extend(extra)
    headers.append(("Content-Length", str(len(body))))
    return SipResponse(Headers.of(headers), body, status=status, reason=reason)
