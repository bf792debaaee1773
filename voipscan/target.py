"""What was scanned: a target's stable identity and typed address.

A target is one thing judged on its own: a configuration tree, a live host, a capture, or a
system of an inventory (several of those, and declarations, merged).
Reports, drift and suppressions use ``Target.id`` and ``Target.address``; the display
``name`` is for people and is never parsed.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import os
from dataclasses import dataclass
from enum import StrEnum


class TargetKind(StrEnum):
    CONFIG = "config"
    HOST = "host"
    CAPTURE = "capture"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class PathAddress:
    """A file or folder, as the user named it (normalised: ``./a//b`` is ``a/b``)."""

    path: str

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> PathAddress:
        return cls(os.path.normpath(os.fspath(path)))

    @property
    def canonical(self) -> str:
        return self.path


@dataclass(frozen=True, slots=True)
class NetworkAddress:
    """A live service: URI scheme, host (an IP literal or a name), port and transport.

    ``port`` and ``transport`` are None when the target stands for several services
    (``scan host 192.0.2.1`` probes UDP and TCP on 5060 and TLS on 5061).
    """

    scheme: str
    host: str
    port: int | None = None
    transport: str | None = None

    @property
    def ip(self) -> str | None:
        """The host as a normalised IP literal, or None for a name."""
        return _normalised_ip(self.host.split("%")[0])

    @property
    def canonical(self) -> str:
        host = self.ip or self.host.lower().rstrip(".")
        shown = f"[{host}]" if ":" in host else host
        port = f":{self.port}" if self.port is not None else ""
        transport = f";transport={self.transport}" if self.transport else ""
        return f"{self.scheme}:{shown}{port}{transport}"


@functools.lru_cache(maxsize=65536)
def _normalised_ip(host: str) -> str | None:
    """Reports and the judging ask for it several times per target (5 in a sweep)."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class SystemAddress:
    """A system named in an inventory file: all the evidence about it is one target."""

    inventory: str
    system: str

    @property
    def canonical(self) -> str:
        return f"{os.path.normpath(self.inventory)}#{self.system}"


Address = PathAddress | NetworkAddress | SystemAddress


@dataclass(frozen=True, slots=True)
class Target:
    """One thing scanned and reported on its own.

    ``id`` is the same in every scan of the same kind and address, whatever label it is
    shown under; ``format`` names what read it (``asterisk``, ``sip-probe``, ``pcapng``).
    """

    name: str
    kind: TargetKind
    format: str
    address: Address

    @property
    def id(self) -> str:
        return target_id(self.kind, self.address)

    @classmethod
    def path(cls, path: str | os.PathLike[str], kind: TargetKind, fmt: str) -> Target:
        return cls(os.fspath(path), kind, fmt, PathAddress.of(path))


def target_id(kind: TargetKind, address: Address) -> str:
    digest = hashlib.sha256(f"voipscan-target/1\x1f{kind.value}\x1f{address.canonical}"
                            .encode())
    return digest.hexdigest()[:16]


def same_path(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file or folder (``x`` and ``./x``, or a link)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normpath(os.fspath(a)) == os.path.normpath(os.fspath(b))
