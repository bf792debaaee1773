"""How the frames of each capture interface reach the decoder, by link type.

``voipscan.sources.capture.decode`` slices the link layers of nearly every VoIP capture itself
(Ethernet with 802.1Q/QinQ tags, Linux cooked v1/v2, raw IP, null/loopback) at about a
microsecond a packet: those frames pass through untouched. Other link types that scapy knows
(``conf.l2types``: PPP, HDLC, PPPoE, 802.11, radiotap, Prism, PPI...) are dissected by scapy
to find the IP header, at 150-700 us a packet (bench/pcap_audit.py); remembering the link
headers already dissected brings constant ones (PPP, HDLC) back near native speed. A link
type neither knows is counted, and reported per interface once the file is read.

scapy (GPL-2.0-only, the optional ``pcap`` extra: see the README's Licence section) is
imported here only, and only when a capture has such a link type; only its public API is
used.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from voipscan.errors import VoipscanError

if TYPE_CHECKING:
    from scapy.packet import Packet

NATIVE = frozenset({0, 1, 12, 14, 101, 108, 113, 228, 229, 276})
"""LINKTYPE values ``decode.Decoder`` slices itself. These are the values written in files;
scapy's ``DLT_*`` constants follow the running platform (DLT_RAW is 12 on Linux, 14 on
OpenBSD), so they do not decide this."""
LINKTYPE_RAW = 101
MAX_HEADERS = 1024
_IP_LAYER_MODULES = ("l2", "inet", "inet6", "ppp", "dot11", "ppi")
"""Scapy modules whose link layers can carry IP; importing them registers their link types."""

Adapter = Callable[[bytes], tuple[int, bytes]]
"""Turns one frame into the ``(linktype, frame)`` the decoder gets."""


class MissingExtra(VoipscanError):
    """A feature needs an optional dependency that is not installed."""


def require_scapy() -> None:
    """Captures are read with scapy at hand (the ``pcap`` extra); one clear line if not."""
    if importlib.util.find_spec("scapy") is None:
        raise MissingExtra("reading captures needs scapy, which is not installed: "
                           "pip install 'voipscan[pcap]'")


@contextlib.contextmanager
def scapy_warnings() -> Iterator[list[str]]:
    """Collect what scapy logs while it dissects, instead of letting it print to stderr."""
    logger = logging.getLogger("scapy.runtime")
    collected: list[str] = []
    handler = _Collector(collected)
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        yield collected
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _Collector(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self._messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        # scapy's rate filter marks a repeated warning "more ..."
        self._messages.append(record.getMessage().removeprefix("more "))


class ScapyLinkLayer:
    """Frames of a link type only scapy dissects, handed on as raw IP when IP is in them."""

    def __init__(self, linktype: int, layer: type[Packet]) -> None:
        from scapy.layers.inet import IP
        from scapy.layers.inet6 import IPv6
        from scapy.packet import NoPayload

        self.linktype = linktype
        self._layer = layer
        self._headers: dict[int, set[bytes]] = {}
        """Offset of IP -> link headers (the bytes before it) already dissected."""
        self._remembered = 0
        self._ip_layers: tuple[type[Packet], ...] = (IP, IPv6)
        self._end: type[Packet] = NoPayload

    def __call__(self, frame: bytes) -> tuple[int, bytes]:
        for offset, headers in self._headers.items():
            if frame[:offset] in headers:
                return LINKTYPE_RAW, frame[offset:]
        found = self._find_ip(frame)
        if found is None:
            return self.linktype, frame
        if self._remembered < MAX_HEADERS:
            self._headers.setdefault(found, set()).add(frame[:found])
            self._remembered += 1
        return LINKTYPE_RAW, frame[found:]

    def _find_ip(self, frame: bytes) -> int | None:
        try:
            with scapy_warnings():
                layer = self._layer(frame)
        except Exception:  # scapy's dissectors raise all sorts on malformed frames
            return None
        while not isinstance(layer, self._end):
            if isinstance(layer, self._ip_layers):
                at = frame.find(layer.original)
                return at if at >= 0 else None
            layer = layer.payload
        return None


class UnknownLinkLayer:
    """Frames nobody can decode: passed on as they are (the audit counts them undecoded)."""

    def __init__(self, linktype: int, where: str) -> None:
        self.linktype = linktype
        self.where = where
        self.packets = 0

    def __call__(self, frame: bytes) -> tuple[int, bytes]:
        self.packets += 1
        return self.linktype, frame

    def note(self) -> str:
        return (f"{self.where}link type {self.linktype}{_name(self.linktype)} is not a link "
                f"layer voipscan or scapy can decode: its {self.packets} packets were not "
                "audited")


class LinkLayers:
    """Chooses the adapter of each interface and remembers the undecodable ones."""

    def __init__(self) -> None:
        self._unknown: list[UnknownLinkLayer] = []

    def adapter(self, linktype: int, where: str = "") -> Adapter | None:
        """None when frames go to the decoder as they are (the fast path)."""
        if linktype in NATIVE:
            return None
        layer = scapy_layer(linktype)
        if layer is not None:
            return ScapyLinkLayer(linktype, layer)
        unknown = UnknownLinkLayer(linktype, f"{where}: " if where else "")
        self._unknown.append(unknown)
        return unknown

    def notes(self) -> list[str]:
        return [unknown.note() for unknown in self._unknown if unknown.packets]


def scapy_layer(linktype: int) -> type[Packet] | None:
    """scapy's dissector of a link type, None when it has none (or is not installed)."""
    if importlib.util.find_spec("scapy") is None:
        return None
    from scapy.config import conf

    for module in _IP_LAYER_MODULES:
        importlib.import_module(f"scapy.layers.{module}")
    layer: type[Packet] | None = conf.l2types.num2layer.get(linktype)
    return layer


def _name(linktype: int) -> str:
    if importlib.util.find_spec("scapy") is None:
        return ""
    from scapy import data

    names = sorted(name for name, value in vars(data).items()
                   if name.startswith("DLT_") and value == linktype)
    return f" ({names[0]})" if names else ""
