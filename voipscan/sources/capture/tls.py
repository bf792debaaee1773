"""TLS versions from the first handshake messages of a connection (RFC 8446, RFC 5246).

A ServerHello names the negotiated version: its legacy version field up to TLS 1.2, the
supported_versions extension (43) for TLS 1.3. A ClientHello lists what the client
offered, which says whether a server that chose TLS 1.2 was offered TLS 1.3 at all.
"""

from __future__ import annotations

from voipscan.facts.model import TlsVersion

HANDSHAKE = 0x16
CLIENT_HELLO, SERVER_HELLO = 1, 2
SUPPORTED_VERSIONS = 43

VERSIONS = {
    0x0002: TlsVersion.SSL2, 0x0300: TlsVersion.SSL3, 0x0301: TlsVersion.TLS1_0,
    0x0302: TlsVersion.TLS1_1, 0x0303: TlsVersion.TLS1_2, 0x0304: TlsVersion.TLS1_3,
}


def version_of(code: int) -> TlsVersion | None:
    if code >> 8 == 0x7F:  # TLS 1.3 drafts
        return TlsVersion.TLS1_3
    return VERSIONS.get(code)


def looks_like_tls(payload: bytes) -> bool:
    """A handshake record header: content type 22, protocol major version 3."""
    return len(payload) >= 3 and payload[0] == HANDSHAKE and payload[1] == 3 and payload[2] <= 4


_RECORD_TYPES = (20, 21, 22, 23)  # change_cipher_spec, alert, handshake, application_data
MAX_RECORD = 16384 + 2048


def record_version(payload: bytes) -> int | None:
    """The record-layer version of a payload that starts with a TLS record header
    (any content type), or None."""
    if len(payload) < 5 or payload[0] not in _RECORD_TYPES or payload[1] != 3 \
            or payload[2] > 4:
        return None
    if not 0 < (payload[3] << 8 | payload[4]) <= MAX_RECORD:
        return None
    return payload[1] << 8 | payload[2]


def handshake(data: bytes) -> tuple[int, bytes] | None:
    """(type, body) of the first handshake message, once the bytes hold all of it.

    Handshake messages may span several records; the record headers are stripped first.
    """
    joined = bytearray()
    at = 0
    while at + 5 <= len(data) and data[at] == HANDSHAKE:
        length = data[at + 3] << 8 | data[at + 4]
        joined += data[at + 5:at + 5 + length]
        at += 5 + length
        if len(joined) >= 4:
            need = 4 + (joined[1] << 16 | joined[2] << 8 | joined[3])
            if len(joined) >= need:
                return joined[0], bytes(joined[4:need])
    return None


def _extensions(body: bytes, at: int) -> dict[int, bytes]:
    found: dict[int, bytes] = {}
    if at + 2 > len(body):
        return found
    end = min(len(body), at + 2 + (body[at] << 8 | body[at + 1]))
    at += 2
    while at + 4 <= end:
        kind, length = body[at] << 8 | body[at + 1], body[at + 2] << 8 | body[at + 3]
        found[kind] = body[at + 4:at + 4 + length]
        at += 4 + length
    return found


def _after_session_id(body: bytes) -> int:
    """Offset just past legacy_version, random and legacy_session_id."""
    return 35 + body[34] if len(body) > 34 else len(body) + 1


def client_offer(body: bytes) -> frozenset[TlsVersion]:
    """The versions a ClientHello body offers."""
    if len(body) < 2:
        return frozenset()
    at = _after_session_id(body)
    if at + 2 > len(body):
        return _single(body[0] << 8 | body[1])
    at += 2 + (body[at] << 8 | body[at + 1])  # cipher suites
    if at >= len(body):
        return _single(body[0] << 8 | body[1])
    at += 1 + body[at]  # compression methods
    listed = _extensions(body, at).get(SUPPORTED_VERSIONS)
    if not listed:
        return _single(body[0] << 8 | body[1])
    codes = (listed[i] << 8 | listed[i + 1] for i in range(1, min(len(listed), 1 + listed[0]), 2))
    return frozenset(v for v in (version_of(c) for c in codes) if v is not None)


def server_choice(body: bytes) -> TlsVersion | None:
    """The version a ServerHello body selects."""
    if len(body) < 2:
        return None
    at = _after_session_id(body) + 3  # cipher suite, compression method
    selected = _extensions(body, at).get(SUPPORTED_VERSIONS)
    if selected is not None and len(selected) == 2:
        return version_of(selected[0] << 8 | selected[1])
    return version_of(body[0] << 8 | body[1])


def _single(code: int) -> frozenset[TlsVersion]:
    version = version_of(code)
    return frozenset() if version is None else frozenset({version})
