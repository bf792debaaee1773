"""What to probe: hosts, host:port, IP literals, sip:/sips: URIs, CIDR ranges, target files.

Targets are parsed first (bad ones are errors with file:line), host names are resolved once
(explicitly, before any probe) and ranges are expanded lazily so a /16 costs no memory.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from voipscan.errors import InputError, Problem
from voipscan.facts import SipProtocol
from voipscan.facts.network import is_ip_literal
from voipscan.sip.message import hostport
from voipscan.textfile import read_text

PROBE_PROTOCOLS = (SipProtocol.UDP, SipProtocol.TCP, SipProtocol.TLS)
DEFAULT_PORTS = {SipProtocol.UDP: 5060, SipProtocol.TCP: 5060, SipProtocol.TLS: 5061,
                 SipProtocol.WS: 80, SipProtocol.WSS: 443}
WEBSOCKET = (SipProtocol.WS, SipProtocol.WSS)
_WS_PATH = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]{0,200}")
MAX_ADDRESSES = 65_536
MAX_ADDRESSES_FORCED = 1 << 24

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str], str]

# RFC 3261 user part: unreserved, escaped and user-unreserved characters.
SIP_USER = re.compile(r"(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+")
_HOST_NAME = re.compile(r"(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})?"
                        r"(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})?)*\.?")


@dataclass(frozen=True)
class TargetSpec:
    """One target as written (any password in a URI is dropped, never kept)."""

    text: str
    host: str
    port: int | None = None
    protocols: tuple[SipProtocol, ...] | None = None
    user: str | None = None
    scheme: str = "sip"
    network: Network | None = None
    path: str | None = None
    line: int | None = None
    ws_path: str = ""
    """The HTTP path of a ws:// or wss:// target ('/' when none was given)."""

    @property
    def size(self) -> int:
        return 1 if self.network is None else _network_size(self.network)

    @property
    def is_name(self) -> bool:
        return self.network is None and not is_ip_literal(self.host)


@dataclass(frozen=True)
class Service:
    protocol: SipProtocol
    port: int
    path: str = ""
    """WebSocket (ws/wss) only: the HTTP path of the upgrade request."""

    @property
    def label(self) -> str:
        return f"{self.protocol.value}/{self.port}"


@dataclass(frozen=True)
class HostTarget:
    """One host to probe on one or more services; reported as one target."""

    index: int
    label: str
    address: str
    services: tuple[Service, ...]
    user: str | None = None
    scheme: str = "sip"
    server_name: str | None = None
    from_range: bool = False

    def endpoint(self, service: Service) -> str:
        """'udp:192.0.2.1:5060' ('wss:192.0.2.1:443/sip' with a WebSocket path): names a
        probed transport in facts and reports."""
        path = service.path if service.path not in ("", "/") else ""
        return f"{service.protocol.value}:{hostport(self.address, service.port)}{path}"


def parse_users(text: str) -> tuple[str, ...]:
    """'alice,100' -> ('alice', '100'): user parts valid in a SIP URI, nothing else."""
    users = tuple(dict.fromkeys(u.strip() for u in text.split(",") if u.strip()))
    for user in users:
        if not SIP_USER.fullmatch(user):
            raise InputError(f"invalid SIP user {user!r} (use %XX escapes for other characters)")
    if not users:
        raise InputError("no user given to --enumerate")
    return users


def parse_transports(text: str) -> tuple[SipProtocol, ...]:
    """'udp,tcp,tls' -> protocols in that order (duplicates dropped)."""
    chosen: list[SipProtocol] = []
    for part in text.split(","):
        name = part.strip().lower()
        if not name:
            continue
        try:
            protocol = SipProtocol(name)
        except ValueError:
            protocol = None
        if protocol not in PROBE_PROTOCOLS:
            raise InputError(f"unknown transport '{_show(name)}' (use udp, tcp, tls)")
        assert protocol is not None
        if protocol not in chosen:
            chosen.append(protocol)
    if not chosen:
        raise InputError("no transport given (use udp, tcp, tls)")
    return tuple(chosen)


def parse_target(text: str, *, path: str | None = None, line: int | None = None) -> TargetSpec:
    """Parse one target; InputError (with path and line when given) when it is malformed."""
    try:
        return _parse(text.strip(), path, line)
    except InputError as error:
        raise InputError(error.message, path, line) from None


def _parse(text: str, path: str | None, line: int | None) -> TargetSpec:
    if not text:
        raise InputError("empty target")
    scheme, sep, rest = text.partition(":")
    if sep and scheme.lower() in ("sip", "sips"):
        return _parse_uri(scheme.lower(), rest, path, line)
    if sep and scheme.lower() in ("ws", "wss"):
        return _parse_ws(scheme.lower(), rest, path, line)
    host, port = _split_host_port(text)
    return _spec(text, host, port, path=path, line=line)


def _parse_uri(scheme: str, rest: str, path: str | None, line: int | None) -> TargetSpec:
    userinfo, at, hostpart = rest.rpartition("@")
    user = userinfo.partition(":")[0] if at else None
    if at and not user:
        raise InputError(f"empty user in {scheme}: URI")
    if user and not SIP_USER.fullmatch(user):
        raise InputError(f"invalid user '{_show(user)}' in {scheme}: URI")
    hostpart, _, _headers = hostpart.partition("?")
    hostpart, _, params = hostpart.partition(";")
    host, port = _split_host_port(hostpart)
    transport = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "transport":
            transport = value.strip().lower()
    protocols: tuple[SipProtocol, ...] = (SipProtocol.TLS,) if scheme == "sips" else ()
    if transport and scheme == "sip":
        if transport not in ("udp", "tcp", "tls"):
            raise InputError(f"unsupported transport '{_show(transport)}' in URI")
        protocols = (SipProtocol(transport),)
    safe_text = f"{scheme}:" + (f"{user}@" if user else "") + hostpart + \
        (f";{params}" if params else "")
    return _spec(safe_text, host, port, protocols=protocols or None, user=user, scheme=scheme,
                 path=path, line=line)


def _parse_ws(scheme: str, rest: str, path: str | None, line: int | None) -> TargetSpec:
    """ws://host[:port][/path] and wss://... (RFC 7118): SIP over WebSocket."""
    if not rest.startswith("//"):
        raise InputError(f"expected {scheme}://host[:port][/path]")
    authority, slash, tail = rest[2:].partition("/")
    if "@" in authority:
        raise InputError(f"user information is not allowed in a {scheme}:// target")
    ws_path = (slash + tail).partition("?")[0].partition("#")[0] or "/"
    if not _WS_PATH.fullmatch(ws_path):
        raise InputError(f"invalid path '{_show(ws_path)}' in {scheme}:// target")
    host, port = _split_host_port(authority)
    protocol = SipProtocol.WSS if scheme == "wss" else SipProtocol.WS
    text = f"{scheme}://{authority}{ws_path if ws_path != '/' else ''}"
    return _spec(text, host, port, protocols=(protocol,), scheme="sips" if scheme == "wss"
                 else "sip", path=path, line=line, ws_path=ws_path)


def _split_host_port(text: str) -> tuple[str, int | None]:
    if text.startswith("["):
        host, close, rest = text[1:].partition("]")
        if not close:
            raise InputError(f"unclosed '[' in '{_show(text)}'")
        if rest and not rest.startswith(":"):
            raise InputError(f"unexpected text after ']' in '{_show(text)}'")
        return host, _port(rest[1:]) if rest else None
    if text.count(":") == 1:
        host, _, port = text.partition(":")
        return host, _port(port)
    return text, None


def _show(text: str) -> str:
    """User text in a one-line error: control characters shown as '?', long text cut."""
    cleaned = "".join(c if c.isprintable() else "?" for c in text)
    return cleaned if len(cleaned) <= 80 else cleaned[:77] + "..."


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 5) or not 1 <= int(text) <= 65535:
        raise InputError(f"invalid port '{_show(text)}'")
    return int(text)


def _spec(text: str, host: str, port: int | None, **kwargs: object) -> TargetSpec:
    if not host:
        raise InputError(f"no host in '{_show(text)}'")
    network: Network | None = None
    if "/" in host:
        try:
            network = ipaddress.ip_network(host, strict=False)
        except ValueError:
            raise InputError(f"invalid address range '{_show(host)}'") from None
        host = str(network.network_address)
    elif not is_ip_literal(host) and not _HOST_NAME.fullmatch(host):
        raise InputError(f"invalid host '{_show(host)}'")
    return TargetSpec(text, host, port, network=network, **kwargs)  # type: ignore[arg-type]


def _network_size(network: Network) -> int:
    first, last = _host_bounds(network)
    return last - first + 1


def _host_bounds(network: Network) -> tuple[int, int]:
    """Offsets of the first and last address probed: IPv4 skips network and broadcast."""
    if network.version == 4 and network.prefixlen < 31:
        return 1, network.num_addresses - 2
    return 0, network.num_addresses - 1


def range_addresses(network: Network) -> Iterator[str]:
    first, last = _host_bounds(network)
    base = network.network_address
    for offset in range(first, last + 1):
        yield str(base + offset)


def read_target_file(path: Path) -> tuple[list[TargetSpec], list[Problem]]:
    """Targets one per line; '#' starts a comment. Bad lines become problems (file:line)."""
    specs: list[TargetSpec] = []
    problems: list[Problem] = []
    for number, raw in enumerate(read_text(path).splitlines(), start=1):
        text = raw.partition("#")[0].strip()
        if not text:
            continue
        try:
            specs.append(parse_target(text, path=str(path), line=number))
        except InputError as error:
            problems.append(Problem.from_error(error))
    return specs, problems


def check_size(specs: Sequence[TargetSpec], *, allow_large: bool) -> int:
    """Total addresses; refuse more than MAX_ADDRESSES unless the user said so."""
    total = sum(spec.size for spec in specs)
    limit = MAX_ADDRESSES_FORCED if allow_large else MAX_ADDRESSES
    if total > limit:
        hint = "" if allow_large else " (give --allow-large-range to scan up to 16,777,216)"
        raise InputError(f"{total:,} addresses to scan, more than {limit:,}{hint}")
    return total


def system_resolver(name: str) -> str:
    infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_UDP)
    if not infos:
        raise OSError(f"no address for {name}")
    return str(infos[0][4][0])


def resolve_names(specs: Iterable[TargetSpec], resolver: Resolver = system_resolver
                  ) -> tuple[dict[str, str], dict[str, str]]:
    """Resolve every distinct host name once: (name -> address, name -> error)."""
    addresses: dict[str, str] = {}
    errors: dict[str, str] = {}
    for spec in specs:
        name = spec.host.lower()
        if not spec.is_name or name in addresses or name in errors:
            continue
        try:
            addresses[name] = resolver(spec.host)
        except (OSError, UnicodeError) as error:
            errors[name] = getattr(error, "strerror", None) or str(error)
    return addresses, errors


def services_for(spec: TargetSpec, protocols: Sequence[SipProtocol]) -> tuple[Service, ...]:
    chosen = spec.protocols or tuple(protocols)
    return tuple(Service(p, spec.port or DEFAULT_PORTS[p],
                         (spec.ws_path or "/") if p in WEBSOCKET else "") for p in chosen)


def expand(specs: Sequence[TargetSpec], protocols: Sequence[SipProtocol],
           addresses: dict[str, str]) -> Iterator[HostTarget | tuple[TargetSpec, int]]:
    """Hosts in input order; a spec whose name did not resolve yields (spec, index)."""
    index = 0
    for spec in specs:
        services = services_for(spec, protocols)
        if spec.network is not None:
            for member in range_addresses(spec.network):
                label = hostport(member, spec.port) if spec.port else member
                yield HostTarget(index, label, member, services, spec.user, spec.scheme,
                                 None, from_range=spec.size > 1)
                index += 1
            continue
        if spec.is_name:
            resolved = addresses.get(spec.host.lower())
            if resolved is None:
                yield spec, index
                index += 1
                continue
            target = HostTarget(index, spec.text, resolved, services, spec.user, spec.scheme,
                                spec.host.rstrip("."))
        else:
            address = str(ipaddress.ip_address(spec.host))
            target = HostTarget(index, spec.text, address, services, spec.user, spec.scheme)
        yield target
        index += 1
