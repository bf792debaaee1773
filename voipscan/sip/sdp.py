"""What an SDP body negotiates for media: addresses, ports, profiles and key methods.

Shared by the capture audit (offers and answers seen on the wire) and the live SRTP probe
(answers to its own offers). Bodies are hostile input: parsing never raises, the number of
media and attributes kept is bounded, and keys are never kept: of an ``a=crypto`` line only
the tag, the crypto-suite name and the names of its session parameters survive.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from functools import lru_cache

from voipscan.facts.model import MediaEncryption

MAX_MEDIA = 16
MAX_CRYPTO = 16  # a=crypto lines kept per medium
MAX_SESSION_PARAMS = 8
_SUITE = re.compile(r"^[A-Za-z0-9_]{1,40}$")
_SESSION_PARAM = re.compile(r"^-?[A-Za-z][A-Za-z0-9_]{0,31}$")
_SETUP_ROLES = ("active", "passive", "actpass", "holdconn")


@dataclass(frozen=True)
class CryptoAttribute:
    """One ``a=crypto`` line without its key: ``a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:...
    UNENCRYPTED_SRTP`` -> tag 1, the suite, ('UNENCRYPTED_SRTP',)."""

    tag: int | None
    suite: str
    session_params: tuple[str, ...] = ()

    @classmethod
    def parse(cls, value: str) -> CryptoAttribute:
        parts = value.split()
        tag = int(parts[0]) if parts and _digits(parts[0]) and len(parts[0]) < 10 else None
        suite = parts[1] if len(parts) > 1 and _SUITE.match(parts[1]) else "unknown"
        # parts[2] holds the key parameters ("inline:<key>|..."), never kept; session
        # parameters follow, some with a value (KDR=1, WSH=64): keep only their names.
        names = []
        for part in parts[3:3 + MAX_SESSION_PARAMS]:
            name = part.split("=", 1)[0]
            names.append(name if _SESSION_PARAM.match(name) else "unknown")
        return cls(tag, suite, tuple(dict.fromkeys(names)))


@dataclass(frozen=True)
class SdpMedia:
    kind: str
    """'audio', 'video' ..."""
    address: str | None
    """Where the sender wants to receive this medium (c= line), None if absent or on hold."""
    port: int
    profile: str
    crypto_suites: tuple[str, ...]
    fingerprint: bool
    zrtp: bool
    crypto: tuple[CryptoAttribute, ...] = ()
    """Every a=crypto line, in order (suites are also in ``crypto_suites``, deduplicated)."""
    setup: str | None = None
    """DTLS role (RFC 4145 a=setup): 'active', 'passive', 'actpass' or 'holdconn'."""
    formats: tuple[str, ...] = ()
    """Payload types of the m= line."""

    @property
    def encryption(self) -> MediaEncryption:
        profile = self.profile.upper()
        if self.fingerprint and "TLS" in profile:
            return MediaEncryption.DTLS
        if self.crypto_suites:
            return MediaEncryption.SDES
        if self.zrtp:
            return MediaEncryption.ZRTP
        if "SAVP" in profile and self.fingerprint:
            return MediaEncryption.DTLS
        return MediaEncryption.NONE

    @property
    def secure_profile(self) -> bool:
        """The profile itself demands SRTP (RTP/SAVP, RTP/SAVPF, UDP/TLS/RTP/SAVP ...)."""
        return "SAVP" in self.profile.upper()

    @property
    def disabled(self) -> bool:
        """Port 0: the stream is rejected (in an answer) or disabled (RFC 3264 sec. 6)."""
        return self.port == 0


def looks_like_sdp(content_type: str | None, body: bytes) -> bool:
    kind = (content_type or "").lower()
    return "sdp" in kind or "multipart" in kind or body.startswith(b"v=0")


@dataclass
class _Medium:
    kind: str
    port: int
    profile: str
    formats: tuple[str, ...] = ()
    address: str | None = None
    has_address: bool = False
    crypto: list[CryptoAttribute] = field(default_factory=list)
    fingerprint: bool = False
    zrtp: bool = False
    setup: str | None = None

    @classmethod
    def parse(cls, value: str) -> _Medium:
        parts = value.split()
        port_text = parts[1].split("/")[0] if len(parts) > 1 else ""
        port = int(port_text) if _digits(port_text) and len(port_text) <= 5 \
            and int(port_text) < 65536 else -1
        formats = tuple(f[:8] for f in parts[3:3 + 32])
        return cls(parts[0][:16] if parts else "?", port,
                   parts[2][:32] if len(parts) > 2 else "", formats)


def parse_sdp(body: bytes, *, include_disabled: bool = False) -> tuple[SdpMedia, ...]:
    """Every RTP medium with a non-zero port (with ``include_disabled``, port-0 media too,
    as an answer rejects a stream that way); tolerant of anything malformed."""
    session_address: str | None = None
    session_fingerprint = False
    session_setup: str | None = None
    media: list[_Medium] = []
    for raw in body.decode("utf-8", "replace").splitlines():
        line = raw.strip()
        if len(line) < 2 or line[1] != "=":
            continue
        kind, value = line[0], line[2:]
        current = media[-1] if media else None
        if kind == "m":
            if len(media) >= MAX_MEDIA:
                break
            media.append(_Medium.parse(value))
        elif kind == "c":
            if current is None:
                session_address = _connection_address(value)
            else:
                current.address, current.has_address = _connection_address(value), True
        elif kind == "a":
            name, _, rest = value.partition(":")
            name = name.strip().lower()
            if current is None:
                if name == "fingerprint":
                    session_fingerprint = True
                elif name == "setup":
                    session_setup = _setup(rest)
            elif name == "crypto":
                if len(current.crypto) < MAX_CRYPTO:
                    current.crypto.append(CryptoAttribute.parse(rest))
            elif name == "fingerprint":
                current.fingerprint = True
            elif name == "setup":
                current.setup = _setup(rest)
            elif name == "zrtp-hash":
                current.zrtp = True
    return tuple(
        SdpMedia(
            kind=item.kind,
            address=item.address if item.has_address else session_address,
            port=item.port,
            profile=item.profile,
            crypto_suites=tuple(dict.fromkeys(c.suite for c in item.crypto)),
            fingerprint=item.fingerprint or session_fingerprint,
            zrtp=item.zrtp,
            crypto=tuple(item.crypto),
            setup=item.setup or session_setup,
            formats=item.formats,
        )
        for item in media
        if (item.port > 0 or (include_disabled and item.port == 0))
        and "RTP" in item.profile.upper()
    )


def parse_answer(body: bytes) -> tuple[SdpMedia, ...]:
    """Media of an SDP answer, rejected (port 0) streams included."""
    return parse_sdp(body, include_disabled=True)


def _digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts '²', which int() refuses."""
    return text.isascii() and text.isdigit()


def _setup(value: str) -> str | None:
    role = value.strip().lower()
    return role if role in _SETUP_ROLES else None


def _connection_address(value: str) -> str | None:
    parts = value.split()
    if len(parts) < 3 or parts[0] != "IN":
        return None
    return _address(parts[2].split("/")[0])


@lru_cache(maxsize=4096)
def _address(text: str) -> str | None:
    """An IP literal as written in SDP, normalised; None if it is no address or unspecified.
    (A call's answer repeats the offer's addresses: most lookups are found here.)"""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return None if address.is_unspecified else str(address)


MASKED_KEY = "[key masked]"
MAX_QUOTED = 12
_QUOTED = ("m=", "a=crypto", "a=fingerprint", "a=setup")
_KEY_PARAMS = re.compile(r"inline:\S*", re.IGNORECASE)


_LONGEST = max(len(mark) for mark in _QUOTED)
_HEAD = 64
"""Characters of a line looked at to tell whether it is quoted: enough for the longest
mark (``a=fingerprint``) unless most of them are control characters."""


def _printable(text: str) -> str:
    return text if text.isprintable() else "".join(c for c in text if c.isprintable())


def _quoted(stripped: str) -> bool:
    """Whether the line, control characters dropped, starts with a quoted mark; decided
    from its head, so that the other lines of a huge body cost little (a hostile answer
    of 4 MB took 13 s to judge against the seven SRTP offers)."""
    head = _printable(stripped[:_HEAD])
    if len(head) < _LONGEST and len(stripped) > _HEAD:
        head = _printable(stripped)
    return head.lower().startswith(_QUOTED)


def quoted_lines(body: bytes) -> tuple[str, ...]:
    """The m=, a=crypto, a=fingerprint and a=setup lines of a body, for evidence: every key
    (``inline:`` key parameters, lifetime and MKI included) masked, control characters
    dropped, at most ``MAX_QUOTED`` lines of 160 characters."""
    found: list[str] = []
    for raw in body.decode("utf-8", "replace").splitlines():
        stripped = raw.strip()
        if not _quoted(stripped):
            continue
        line = _printable(stripped)
        if line.lower().startswith("m="):  # the port says nothing about security
            parts = line.split()
            line = " ".join([parts[0], *parts[2:3]]) if len(parts) > 2 else parts[0]
        line = _KEY_PARAMS.sub(MASKED_KEY, line)
        found.append(line if len(line) <= 160 else line[:157] + "...")
        if len(found) >= MAX_QUOTED:
            break
    return tuple(found)
