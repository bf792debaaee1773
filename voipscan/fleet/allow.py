"""What a worker may touch, whatever a job says: addresses inside its --allow networks, files
inside its --files folders. Anything else refuses the whole job, with the reasons."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from voipscan.errors import InputError
from voipscan.models.inventory import System

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str], list[str]]


def parse_networks(text: str) -> tuple[Network, ...]:
    """'192.0.2.0/24,2001:db8::/32,198.51.100.7' as networks (a bare address is one host)."""
    networks = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise InputError(f"--allow: '{item}' is not an address or CIDR network") from None
    if not networks:
        raise InputError("--allow needs at least one address or CIDR network")
    return tuple(networks)


def resolve_all(name: str) -> list[str]:
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(name, None)})


@dataclass(frozen=True)
class Allowed:
    networks: tuple[Network, ...]
    folders: tuple[Path, ...] = ()
    resolver: Resolver = resolve_all

    def refusals(self, system: System, base: Path,
                 pinned: dict[str, str] | None = None) -> list[str]:
        """Why this system may not be scanned here (nothing: it may). Host names resolved
        for the check go into ``pinned`` (name -> the address to scan), so that the scan
        connects where the check looked: a name that resolves elsewhere a moment later (DNS
        rebinding) cannot take the scan outside --allow."""
        pins = pinned if pinned is not None else {}
        reasons = [r for host in system.hosts for r in self._host(host, pins)]
        files = [c.path for c in system.configs] + list(system.captures) + \
            list(system.declarations)
        reasons += [r for path in files for r in self._file(path, base)]
        return reasons

    def _inside(self, address: str) -> bool:
        ip = ipaddress.ip_address(address.split("%")[0])
        return any(ip.version == n.version and ip in n for n in self.networks)

    def _host(self, text: str, pinned: dict[str, str]) -> list[str]:
        from voipscan.sources.host.targets import parse_target

        try:
            spec = parse_target(text)
        except InputError as error:
            return [f"{text}: {error.message}"]
        if spec.network is not None:
            if any(spec.network.version == n.version and spec.network.subnet_of(n)  # type: ignore[arg-type]
                   for n in self.networks):
                return []
            return [f"{_who(text, str(spec.network))} is outside --allow"]
        if not spec.is_name:
            return [] if self._inside(spec.host) else [f"{_who(text, spec.host)} is outside "
                                                       "--allow"]
        try:
            addresses = self.resolver(spec.host)
        except (OSError, UnicodeError):
            return [f"{text}: {spec.host} does not resolve"]
        outside = [a for a in addresses if not self._inside(a)]
        if outside or not addresses:
            return [f"{text}: {spec.host} resolves to {', '.join(outside) or 'nothing'}, "
                    "outside --allow"]
        pinned.setdefault(spec.host.lower(), addresses[0])
        return []

    def _file(self, path: str, base: Path) -> list[str]:
        given = Path(path).expanduser()
        real = Path(os.path.realpath(given if given.is_absolute() else base.parent / given))
        if any(real == f or real.is_relative_to(f) for f in self.folders):
            return []
        if not self.folders:
            return [f"{path}: this worker reads no files (start it with --files DIR)"]
        return [f"{path}: outside --files"]


def _who(text: str, address: str) -> str:
    return address if text == address else f"{text} ({address})"


def folders(paths: Sequence[Path]) -> tuple[Path, ...]:
    return tuple(Path(os.path.realpath(p)) for p in paths)


def pinned_resolver(pinned: dict[str, str]) -> Callable[[str], str]:
    """Resolve only the names the allow check resolved, to the address it saw."""
    def resolve(name: str) -> str:
        try:
            return pinned[name.lower()]
        except KeyError:
            raise OSError(f"{name} was not resolved when the job was checked") from None
    return resolve
