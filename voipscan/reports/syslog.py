"""Syslog delivery: RFC 5424 messages over UDP (RFC 5426), TCP (RFC 6587 octet counting)
or TLS (RFC 5425, octet counting too).

Each message is ``<PRI>1 TIMESTAMP HOSTNAME voipscan PROCID MSGID - MSG``: facility 13 (log
audit), severity from the finding (see reports/siem.py), MSGID the line format (CEF or LEEF),
no structured data, and MSG the CEF/LEEF line as UTF-8 without a BOM (RFC 5424 MSG-ANY).
Over UDP a collector may cut long messages (RFC 5426 only promises 480 octets): prefer TCP or
TLS. UDP has no delivery check beyond the local send and an ICMP refusal seen in time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import ssl
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from voipscan.errors import VoipscanError

FACILITY_LOG_AUDIT = 13
APP_NAME = "voipscan"
DEFAULT_PORTS = {"udp": 514, "tcp": 514, "tls": 6514}
TIMEOUT_SECONDS = 5.0


class DeliveryError(VoipscanError):
    """The collector could not be reached or refused the messages (exit 2)."""


@dataclass(frozen=True)
class SyslogTarget:
    transport: str
    host: str
    port: int
    ca: Path | None = None
    timeout: float = TIMEOUT_SECONDS

    @classmethod
    def parse(cls, url: str, ca: Path | None = None) -> SyslogTarget:
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS:
            raise ValueError(f"'{url}': expected udp://, tcp:// or tls://HOST:PORT")
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError:
            raise ValueError(f"'{url}': invalid port") from None
        if not parts.hostname or parts.path not in ("", "/") or parts.query:
            raise ValueError(f"'{url}': expected {parts.scheme}://HOST:PORT")
        if ca is not None and parts.scheme != "tls":
            raise ValueError("--syslog-ca only applies to tls:// collectors")
        if ca is not None and not ca.is_file():
            raise ValueError(f"--syslog-ca {ca}: no such file")
        return cls(parts.scheme, parts.hostname, port, ca)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.transport}://{host}:{self.port}"


def hostname() -> str:
    """This machine's name as RFC 5424 wants it (printable ASCII, no DNS lookup), or '-'."""
    name = socket.gethostname()
    if name and len(name) <= 255 and all(33 <= ord(c) <= 126 for c in name):
        return name
    return "-"


def format_message(severity: int, msg: str, *, msgid: str, now: dt.datetime | None = None,
                   host: str | None = None, procid: int | None = None) -> bytes:
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    stamp = now.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    pri = FACILITY_LOG_AUDIT * 8 + severity
    header = (f"<{pri}>1 {stamp} {host or hostname()} {APP_NAME} "
              f"{procid if procid is not None else os.getpid()} {msgid} -")
    return f"{header} {msg}".encode()


def frame(message: bytes) -> bytes:
    """RFC 6587 octet counting: the length in octets, a space, the message."""
    return str(len(message)).encode("ascii") + b" " + message


def send(target: SyslogTarget, messages: Sequence[tuple[int, str]], *, msgid: str) -> int:
    """Send (severity, text) messages; returns how many. Raises DeliveryError."""
    now = dt.datetime.now(dt.UTC)
    host, procid = hostname(), os.getpid()
    encoded = [format_message(sev, text, msgid=msgid, now=now, host=host, procid=procid)
               for sev, text in messages]
    try:
        if target.transport == "udp":
            _send_udp(target, encoded)
        else:
            _send_stream(target, encoded)
    except ssl.SSLError as error:
        raise DeliveryError(f"cannot deliver to syslog collector {target}: TLS: "
                            f"{error.reason or error}") from None
    except TimeoutError:
        raise DeliveryError(f"cannot deliver to syslog collector {target}: timed out after "
                            f"{target.timeout:g} s") from None
    except OSError as error:
        raise DeliveryError(f"cannot deliver to syslog collector {target}: "
                            f"{error.strerror or error}") from None
    return len(encoded)


def _address(target: SyslogTarget, kind: socket.SocketKind) -> tuple[int, tuple[str, int]]:
    family, _, _, _, address = socket.getaddrinfo(target.host, target.port, type=kind)[0]
    return family, (str(address[0]), int(address[1]))


def _send_udp(target: SyslogTarget, messages: Iterable[bytes]) -> None:
    family, address = _address(target, socket.SOCK_DGRAM)
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.settimeout(target.timeout)
        sock.connect(address)  # connected: an ICMP refusal surfaces as an error
        for message in messages:
            sock.send(message)


def _send_stream(target: SyslogTarget, messages: Iterable[bytes]) -> None:
    with socket.create_connection((target.host, target.port), timeout=target.timeout) as raw:
        raw.settimeout(target.timeout)
        if target.transport == "tls":
            context = ssl.create_default_context(
                cafile=str(target.ca) if target.ca else None)
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            with context.wrap_socket(raw, server_hostname=target.host) as tls:
                _write(tls, messages)
                _close_notify(tls)
        else:
            _write(raw, messages)


def _close_notify(tls: ssl.SSLSocket) -> None:
    """End the TLS session cleanly, so the collector does not log a truncated stream."""
    # The messages were sent; a peer that just drops the connection is fine.
    with contextlib.suppress(OSError, ValueError):
        tls.unwrap()


def _write(sock: socket.socket, messages: Iterable[bytes]) -> None:
    for message in messages:
        sock.sendall(frame(message))
