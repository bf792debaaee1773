"""IP address literals, and how far a bound address is reachable."""

from __future__ import annotations

import ipaddress
from enum import StrEnum


class Exposure(StrEnum):
    LOOPBACK = "loopback"
    INTERNAL = "internal"
    ALL_INTERFACES = "all-interfaces"
    PUBLIC = "public"
    NETWORK = "network"  # reachable from the scanner over the network (live scans)

    @property
    def beyond_loopback(self) -> bool:
        return self is not Exposure.LOOPBACK

    def describe(self) -> str:
        return {
            "loopback": "loopback only",
            "internal": "an internal (private) address",
            "all-interfaces": "all interfaces",
            "public": "a public address",
            "network": "the network (answered the scanner)",
        }[self.value]


_INTERNAL_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
              "169.254.0.0/16", "fc00::/7", "fe80::/10")
)


def is_ip_literal(text: str) -> bool:
    """An IPv4 or IPv6 address, bare or in the brackets of URIs and host:port ('[::1]');
    a host name, a range or anything else is not."""
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _port_number(text: str) -> int | None:
    # ASCII only: str.isdigit() accepts '²', which int() refuses; and int() refuses more
    # than 4,300 digits.
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 10 else None


def split_host_port(bind: str) -> tuple[str, int | None]:
    """'[::1]:5061' -> ('::1', 5061); '0.0.0.0' -> ('0.0.0.0', None); '::' -> ('::', None)."""
    text = bind.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest.lstrip(":")
        return host, _port_number(port)
    if text.count(":") == 1:
        host, _, port = text.partition(":")
        return host, _port_number(port)
    return text, None


def classify_bind(bind: str) -> Exposure | None:
    """Exposure of a listening address, or None when it is not an IP literal we can judge."""
    host, _ = split_host_port(bind)
    host = host.strip().lower()
    if host in ("", "*", "any", "0.0.0.0", "::", "0:0:0:0:0:0:0:0"):
        return Exposure.ALL_INTERFACES
    if host == "localhost":
        return Exposure.LOOPBACK
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return None
    if address.is_loopback:
        return Exposure.LOOPBACK
    if address.is_unspecified:
        return Exposure.ALL_INTERFACES
    if any(address in network for network in _INTERNAL_NETWORKS):
        return Exposure.INTERNAL
    return Exposure.PUBLIC
