"""The packet loop of a capture audit, and what it remembers about SIP, media and TLS.

Every packet is touched once: UDP payloads that start like RTP are counted against the
media destinations SDP negotiated, SIP is parsed, TCP goes to the stream tracker. All
tables are capped, so memory stays flat however long the capture.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field

from voipscan.facts.disclosure import discloses_version
from voipscan.facts.model import MediaEncryption, SipProtocol, TlsVersion
from voipscan.sip.digest import authorization_identity
from voipscan.sip.framing import looks_like_sip
from voipscan.sip.message import SipMessage, SipParseError, SipRequest
from voipscan.sip.sdp import SdpMedia, looks_like_sdp, parse_sdp
from voipscan.sources.capture.decode import Decoder, address_text, endpoint_text
from voipscan.sources.capture.hep import MIRRORED_SECURE_OR_WS
from voipscan.sources.capture.scanning import ActivityTracker
from voipscan.sources.capture.segment import TCP, UDP
from voipscan.sources.capture.sip import clean, kind, parse, stream_framer
from voipscan.sources.capture.tcp import StreamKey, TcpTracker
from voipscan.sources.capture.tls import CLIENT_HELLO, SERVER_HELLO, client_offer, server_choice

MAX_FLOWS = 10_000
MAX_MEDIA = 20_000
MAX_FINISHED_MEDIA = 1_000
MAX_GUESSES = 50_000
MAX_EXPOSURES = 10_000
MAX_TLS_SERVERS = 4_096
MAX_OFFERS = 65_536
MAX_TLS_PORTS = 64

SIP_WELL_KNOWN = frozenset({5060, 5061})
ENCRYPTION_RANK = {MediaEncryption.NONE: 0, MediaEncryption.SDES: 1, MediaEncryption.ZRTP: 2,
                   MediaEncryption.DTLS: 3}

_UDPTL_MEDIA = re.compile(rb"(?im)^m=image[ \t]+(\d{1,5})[ \t]+udptl\b")
_CONNECTION = re.compile(rb"(?im)^c=IN[ \t]+IP[46][ \t]+([0-9A-Fa-f:.]{2,45})")
NOT_MEDIA_PORTS = frozenset({1900, 3702, 4789, 5353, 5355, 6081, 9060, 9062, 9063, 9064,
                             37008})
"""UDP ports above 1024 that carry discovery or tunnels, never RTP (below 1024 none does)."""
MAX_UDPTL = 4096
MAX_SERVER_HEADERS = 64
_VIA_TRANSPORT = re.compile(r"(?i)^\s*SIP\s*/\s*2\.0\s*/\s*([A-Z]+)")
_VIA_PROTOCOLS = {"UDP": SipProtocol.UDP, "TCP": SipProtocol.TCP, "TLS": SipProtocol.TLS,
                  "WS": SipProtocol.WS, "WSS": SipProtocol.WSS}
_TLS_VIA = re.compile(r"(?i)SIP/2\.0/TLS\s+(\[[^\]]+\]|[^;:,\s]+)(?::(\d{1,5}))?")
_TLS_URI = re.compile(r"(?i)(sips:|sip:)(?:[^@>;\s]*@)?(\[[^\]]+\]|[^;:>\s]+)(?::(\d{1,5}))?"
                      r"([^>,]*)")

Address = tuple[bytes, int]


@dataclass
class Flow:
    protocol: SipProtocol
    client: str
    server: str
    first_packet: int
    detail: str
    methods: set[str] = field(default_factory=set)
    messages: int = 0

    label: str = field(init=False)
    """'udp 10.0.0.2:5060 -> 10.0.0.1:5060', as exposures name the flow."""

    def __post_init__(self) -> None:
        self.label = f"{self.protocol.value} {self.client} -> {self.server}"


@dataclass
class Media:
    destination: str
    profile: str
    encryption: MediaEncryption
    negotiated_by: str
    sdp_packet: int
    sdp_detail: str
    packets: int = 0
    first_packet: int = 0


@dataclass
class EndpointSeen:
    name: str
    encryption: MediaEncryption
    packet: int
    detail: str
    protocols: set[SipProtocol] = field(default_factory=set)
    mandatory: bool | None = None


@dataclass
class Leak:
    """Messages of one flow (or one user on one flow) that exposed something."""

    packet: int
    detail: str
    messages: int = 0
    suites: set[str] = field(default_factory=set)


@dataclass
class TlsServer:
    address: str
    port: int
    packet: int
    detail: str
    versions: set[TlsVersion] = field(default_factory=set)
    handshakes: int = 0
    offered_tls13: bool = False
    refused_tls13: bool = False
    record_versions: set[int] = field(default_factory=set)
    """Record-layer versions of connections the capture joined after their handshake."""
    mirrored: int = 0
    """Messages a proxy mirrored over HEP after decrypting them (no handshake to read)."""


class _RtpGuess:
    """RTP-like packets to a destination no SDP in the capture negotiated."""

    __slots__ = ("first_packet", "packets", "ssrc")

    def __init__(self, packet: int, ssrc: bytes) -> None:
        self.packets, self.first_packet, self.ssrc = 1, packet, ssrc


class CaptureAnalysis:
    def __init__(self, file: str) -> None:
        self.file = file
        self.packets = 0
        self.undecoded = 0
        """Packets that were not UDP or TCP over IP (or a fragment awaiting the rest)."""
        self.undecoded_linktype: int | None = None
        self.sip_messages = 0
        self.unparsed_sip = 0
        self.flows: dict[tuple[SipProtocol, Address, Address], Flow] = {}
        self.media: dict[Address, Media] = {}
        self.finished_media: list[Media] = []
        self.guesses: dict[Address, _RtpGuess] = {}
        self.endpoints: dict[str, EndpointSeen] = {}
        self.key_exposures: dict[str, Leak] = {}
        self.digest_exposures: dict[tuple[str, str, str], Leak] = {}
        self.tls_servers: dict[Address, TlsServer] = {}
        self.tls_ports: set[int] = set()
        self.activity = ActivityTracker(file)
        self.server_headers: dict[str, tuple[int, str]] = {}
        """Server headers that name a software version: first packet and where."""
        self.sip_responses = 0
        self.udptl: set[Address] = set()
        """Where SDP sent T.38 fax (UDPTL): never RTP, whatever its first byte."""
        self._offers: dict[str, None] = {}
        self._tls_offers: dict[StreamKey, frozenset[TlsVersion]] = {}
        self._decoder = Decoder()
        self._tcp = TcpTracker(self._tcp_sip, self._tcp_tls, self._tls_records)

    def feed(self, records: Iterable[tuple[int, bytes]]) -> None:
        """Read every record; ``packets`` stays right even when the reader raises."""
        decode = self._decoder.decode
        media = self.media
        tcp = self._tcp.segment
        number, undecoded = self.packets, self.undecoded
        try:
            for linktype, frame in records:
                number += 1
                segment = decode(linktype, frame)
                if segment is None:
                    undecoded += 1
                    self.undecoded_linktype = linktype
                    continue
                protocol, src, sport, dst, dport, payload, seq, flags = segment
                if protocol == TCP:
                    tcp((src, sport, dst, dport), payload, seq, flags, number)
                elif protocol != UDP:
                    self._mirrored(protocol, src, sport, dst, dport, payload, number)
                elif payload:
                    first = payload[0]
                    if 0x80 <= first < 0xC0:
                        if len(payload) >= 12 and not 192 <= payload[1] <= 223:  # not RTCP
                            stream = media.get((dst, dport))
                            if stream is None:
                                self._guess(sport, dst, dport, payload, number)
                            else:
                                if not stream.packets:
                                    stream.first_packet = number
                                stream.packets += 1
                    elif looks_like_sip(payload):
                        lowered = payload.lower()
                        self._sip(parse(payload), SipProtocol.UDP, src, sport, dst, dport,
                                  number, b"tls" in lowered or b"sips:" in lowered)
        finally:
            self.packets, self.undecoded = number, undecoded

    def _guess(self, sport: int, dst: bytes, dport: int, payload: bytes, packet: int) -> None:
        guess = self.guesses.get((dst, dport))
        if guess is None:
            if not _could_be_media(sport, dst, dport) or (dst, dport) in self.udptl:
                return
            if len(self.guesses) < MAX_GUESSES:
                self.guesses[(dst, dport)] = _RtpGuess(packet, payload[8:12])
        elif guess.ssrc == payload[8:12]:
            guess.packets += 1

    def _mirrored(self, carried: int, src: bytes, sport: int, dst: bytes, dport: int,
                  payload: bytes, packet: int) -> None:
        """Whole messages a HEP agent mirrored from TCP, or (Kamailio) from TLS, WS or WSS:
        the top Via names the transport; what was encrypted on the wire leaked nothing."""
        framer = stream_framer()
        framer.append(payload)
        for _ in range(16):
            try:
                message = framer.next_message()
            except SipParseError:
                self.unparsed_sip += 1
                continue
            if message is None:
                return
            protocol = SipProtocol.TCP
            if carried == MIRRORED_SECURE_OR_WS:
                found = _VIA_TRANSPORT.match(message.headers.get("Via") or "")
                protocol = _VIA_PROTOCOLS.get(found.group(1).upper() if found else "",
                                              SipProtocol.TLS)
            if not protocol.encrypted:
                self._sip(message, protocol, src, sport, dst, dport, packet)
                continue
            if isinstance(message, SipRequest):
                server, port, client, cport = dst, dport, src, sport
            else:
                server, port, client, cport = src, sport, dst, dport
            tls = self._tls_server(server, port, packet, f"packet {packet}, "
                                   f"{endpoint_text(client, cport)} -> "
                                   f"{endpoint_text(server, port)} (mirrored over HEP)")
            if tls is not None:
                tls.mirrored += 1

    def _tcp_sip(self, message: SipMessage | None, key: StreamKey, packet: int,
                 protocol: SipProtocol) -> None:
        self._sip(message, protocol, *key, packet)

    def _tls_records(self, version: int, key: StreamKey, packet: int) -> None:
        """A connection seen after its handshake: the side on a SIP-TLS port is the server."""
        src, sport, dst, dport = key
        known = SIP_WELL_KNOWN | self.tls_ports
        if dport not in known and (sport in known or sport < dport):
            src, sport, dst, dport = dst, dport, src, sport
        detail = f"packet {packet}, {endpoint_text(src, sport)} -> {endpoint_text(dst, dport)}"
        server = self._tls_server(dst, dport, packet, detail)
        if server is not None:
            server.record_versions.add(version)

    def _tcp_tls(self, kind: int, body: bytes, key: StreamKey, packet: int) -> None:
        src, sport, dst, dport = key
        detail = f"packet {packet}, {endpoint_text(src, sport)} -> {endpoint_text(dst, dport)}"
        if kind == CLIENT_HELLO:
            server = self._tls_server(dst, dport, packet, detail)
            if server is not None:
                server.handshakes += 1
                if len(self._tls_offers) >= MAX_OFFERS:
                    del self._tls_offers[next(iter(self._tls_offers))]
                self._tls_offers[key] = client_offer(body)
        elif kind == SERVER_HELLO:
            chosen = server_choice(body)
            server = self._tls_server(src, sport, packet, detail)
            if chosen is None or server is None:
                return
            server.versions.add(chosen)
            offered = self._tls_offers.pop((dst, dport, src, sport), frozenset())
            if TlsVersion.TLS1_3 in offered:
                server.offered_tls13 = True
                server.refused_tls13 |= chosen is not TlsVersion.TLS1_3

    def _tls_server(self, address: bytes, port: int, packet: int,
                    detail: str) -> TlsServer | None:
        server = self.tls_servers.get((address, port))
        if server is None and len(self.tls_servers) < MAX_TLS_SERVERS:
            server = self.tls_servers[(address, port)] = TlsServer(
                endpoint_text(address, port), port, packet, detail)
        return server

    def _sip(self, message: SipMessage | None, protocol: SipProtocol, src: bytes, sport: int,
             dst: bytes, dport: int, packet: int, names_tls: bool = True) -> None:
        """One SIP message, or None for one that looked like SIP but could not be read.
        ``names_tls`` False: the message's bytes hold neither 'tls' nor 'sips:' (any case)."""
        if message is None:
            self.unparsed_sip += 1
            return
        self.sip_messages += 1
        sender, receiver = endpoint_text(src, sport), endpoint_text(dst, dport)
        detail = f"packet {packet}, {sender} -> {receiver}"
        method = kind(message)
        flow = self._flow(protocol, (src, sport), (dst, dport), message, method, packet, detail)
        label = flow.label if flow else f"{protocol.value} {sender} -> {receiver}"
        if isinstance(message, SipRequest):
            self.activity.request(message, method, address_text(src), address_text(dst), dport,
                                  packet, f"{sender} -> {receiver}")
            self._digest(message, method, label, packet, detail)
        else:
            self.activity.response(message, method, address_text(src), sport, address_text(dst))
            self.sip_responses += 1
            server = message.headers.get("Server")
            if server and len(self.server_headers) < MAX_SERVER_HEADERS \
                    and discloses_version(server):
                self.server_headers.setdefault(clean(server, 120), (packet, detail))
        if names_tls:
            self._tls_hints(message)
        if message.body and b"udptl" in message.body.lower():
            self._fax(message.body)
        if message.body and looks_like_sdp(message.headers.get("Content-Type"), message.body):
            media = parse_sdp(message.body)
            if media:
                role = "request" if isinstance(message, SipRequest) else "response"
                self._negotiate(message, media, protocol, sender, label, packet,
                                f"{detail} ({method} {role})")

    def _flow(self, protocol: SipProtocol, src: Address, dst: Address, message: SipMessage,
              method: str, packet: int, detail: str) -> Flow | None:
        low, high = (src, dst) if src <= dst else (dst, src)
        key = (protocol, low, high)
        flow = self.flows.get(key)
        if flow is None:
            if len(self.flows) >= MAX_FLOWS:
                return None
            server, client = (dst, src) if isinstance(message, SipRequest) else (src, dst)
            if server[1] not in SIP_WELL_KNOWN and client[1] in SIP_WELL_KNOWN:
                server, client = client, server
            flow = Flow(protocol, endpoint_text(*client), endpoint_text(*server), packet, detail)
            self.flows[key] = flow
        flow.messages += 1
        flow.methods.add(method)
        return flow

    def _digest(self, message: SipRequest, method: str, label: str, packet: int,
                detail: str) -> None:
        for name in ("Authorization", "Proxy-Authorization"):
            for value in message.headers.get_all(name):
                identity = authorization_identity(value)
                if identity is None:
                    continue
                key = (label, clean(identity[0], 64), clean(identity[1], 64))
                exposure = self.digest_exposures.get(key)
                if exposure is None:
                    if len(self.digest_exposures) >= MAX_EXPOSURES:
                        continue
                    exposure = self.digest_exposures[key] = Leak(
                        packet, f"{detail} ({method} with {name})")
                exposure.messages += 1

    def _tls_hints(self, message: SipMessage) -> None:
        """Ports that SIP names as TLS hops (Via SIP/2.0/TLS, sips: or transport=tls URIs)."""
        if len(self.tls_ports) >= MAX_TLS_PORTS:
            return
        for name in ("Via", "Contact", "Record-Route", "Route"):
            for value in message.headers.get_all(name):
                lowered = value.lower()
                if "tls" not in lowered and "sips:" not in lowered:
                    continue
                for _, port in _TLS_VIA.findall(value):
                    self.tls_ports.add(int(port) if port else 5061)
                for scheme, _, port, params in _TLS_URI.findall(value):
                    if scheme.lower() == "sips:" or "transport=tls" in params.lower():
                        self.tls_ports.add(int(port) if port else 5061)

    def _fax(self, body: bytes) -> None:
        """T.38 negotiated (m=image ... udptl): that destination carries fax, not RTP; an
        audio stream it replaces ends there (its packets so far stay counted)."""
        connection = _CONNECTION.search(body)
        if connection is None:
            return
        text = connection.group(1).decode()
        try:
            address = socket.inet_pton(socket.AF_INET6 if ":" in text else socket.AF_INET, text)
        except OSError:
            return
        for match in _UDPTL_MEDIA.finditer(body):
            key = (address, int(match.group(1)))
            if len(self.udptl) < MAX_UDPTL:
                self.udptl.add(key)
            replaced = self.media.pop(key, None)
            if replaced is not None and replaced.packets \
                    and len(self.finished_media) < MAX_FINISHED_MEDIA:
                self.finished_media.append(replaced)

    def _negotiate(self, message: SipMessage, media: tuple[SdpMedia, ...],
                   protocol: SipProtocol, sender: str, label: str, packet: int,
                   detail: str) -> None:
        call_id = message.headers.get("Call-ID") or ""
        if isinstance(message, SipRequest):
            offer = message.method != "ACK"
            if offer:
                if len(self._offers) >= MAX_OFFERS:
                    del self._offers[next(iter(self._offers))]
                self._offers[call_id[:256]] = None
        else:
            offer = call_id[:256] not in self._offers
        suites = {suite for medium in media for suite in medium.crypto_suites}
        if suites:
            exposure = self.key_exposures.get(label)
            if exposure is None and len(self.key_exposures) < MAX_EXPOSURES:
                exposure = self.key_exposures[label] = Leak(packet, detail)
            if exposure is not None:
                exposure.messages += 1
                exposure.suites |= suites
        self._endpoint(sender, media, protocol, offer, packet, detail)
        for medium in media:
            self._register(medium, sender, packet, detail)

    def _endpoint(self, name: str, media: tuple[SdpMedia, ...], protocol: SipProtocol,
                  offer: bool, packet: int, detail: str) -> None:
        weakest = min((m.encryption for m in media), key=ENCRYPTION_RANK.__getitem__)
        seen = self.endpoints.get(name)
        if seen is None:
            if len(self.endpoints) >= MAX_FLOWS:
                return
            seen = self.endpoints[name] = EndpointSeen(name, weakest, packet, detail)
        elif ENCRYPTION_RANK[weakest] < ENCRYPTION_RANK[seen.encryption]:
            seen.encryption, seen.packet, seen.detail = weakest, packet, detail
        seen.protocols.add(protocol)
        if offer:
            required = all(m.secure_profile for m in media)
            seen.mandatory = required if seen.mandatory is None else seen.mandatory and required

    def _register(self, medium: SdpMedia, sender: str, packet: int, detail: str) -> None:
        if medium.address is None:
            return
        family = socket.AF_INET6 if ":" in medium.address else socket.AF_INET
        key = (socket.inet_pton(family, medium.address), medium.port)
        self.udptl.discard(key)  # back to audio after the fax
        old = self.media.get(key)
        if old is not None:
            if old.encryption is medium.encryption and old.profile == medium.profile:
                return  # the same stream again (retransmission, re-INVITE)
            if old.packets and len(self.finished_media) < MAX_FINISHED_MEDIA:
                self.finished_media.append(old)
        elif len(self.media) >= MAX_MEDIA:
            return
        self.media[key] = Media(endpoint_text(*key), clean(medium.profile, 32),
                                medium.encryption, sender, packet, detail)


def _could_be_media(sport: int, address: bytes, port: int) -> bool:
    """RTP goes between dynamic ports, to a unicast address: not from or to a well-known or
    discovery port (the replies of DNS, NetBIOS, SSDP or NTP look RTP-like as often as
    their requests), not to broadcast or multicast."""
    if port < 1024 or sport < 1024 or port in NOT_MEDIA_PORTS or sport in NOT_MEDIA_PORTS:
        return False
    if len(address) == 4:
        return address[0] < 224 and address[3] != 255
    return address[0] != 0xFF
