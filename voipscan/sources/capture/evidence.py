"""Turn what a capture analysis remembered into the vendor-neutral facts model."""

from __future__ import annotations

from voipscan.facts.fact import Fact, OriginKind, Provenance
from voipscan.facts.model import (
    CaptureEvidence,
    DigestExposure,
    Disclosure,
    Endpoint,
    KeyExposure,
    MediaEncryption,
    MediaStream,
    SipFlow,
    SipProtocol,
    SipTransport,
    System,
    TlsVersion,
)
from voipscan.facts.network import classify_bind
from voipscan.sources.capture.analysis import CaptureAnalysis, EndpointSeen, Flow, Media, TlsServer
from voipscan.sources.capture.decode import endpoint_text
from voipscan.sources.capture.tls import version_of

VERSION_DISCLOSURE = "software-version"  # the kind voipscan.checks.sip and software read
MIN_GUESSED_PACKETS = 50
"""RTP-like packets of one SSRC before an unnegotiated stream is worth reporting."""
MAX_GUESSED_STREAMS = 20
SIP_TLS_PORTS = frozenset({5060, 5061})


def build_system(analysis: CaptureAnalysis, complete: bool) -> System:
    flows = tuple(_flow(analysis.file, f) for f in analysis.flows.values())
    transports = (
        *(_cleartext_transport(flow) for flow in flows),
        *(_tls_transport(analysis.file, server) for server in analysis.tls_servers.values()
          if server.mirrored or ((server.versions or server.record_versions)
                                 and (server.port in SIP_TLS_PORTS
                                      or server.port in analysis.tls_ports))),
    )
    endpoints = tuple(_endpoint(analysis.file, seen) for seen in analysis.endpoints.values())
    evidence = CaptureEvidence(
        file=analysis.file,
        packets=analysis.packets,
        complete=complete,
        sip_messages=analysis.sip_messages,
        flows=flows,
        key_exposures=tuple(
            KeyExposure(label, e.messages, tuple(sorted(e.suites)),
                        _at(analysis.file, e.detail))
            for label, e in analysis.key_exposures.items()),
        digest_exposures=tuple(
            DigestExposure(label, user, realm, e.messages, _at(analysis.file, e.detail))
            for (label, user, realm), e in analysis.digest_exposures.items()),
        media=_media(analysis),
        sources=analysis.activity.activities(),
        undecoded=analysis.undecoded,
        tls_signalling=sum(1 for t in transports if t.protocol.value is SipProtocol.TLS),
    )
    disclosures = tuple(
        Disclosure(VERSION_DISCLOSURE, f"Server: {value}", _at(analysis.file,
                                                               f"{detail} (a SIP response)"))
        for value, (_, detail) in analysis.server_headers.items())
    return System(
        name=analysis.file,
        disclosures=disclosures,
        disclosures_known=analysis.sip_responses > 0,
        transports=transports,
        transports_known=bool(transports),
        endpoints=endpoints,
        endpoints_known=bool(endpoints),
        capture=evidence,
    )


def _at(file: str, detail: str) -> Provenance:
    return Provenance(OriginKind.CAPTURE, file, None, detail)


def _flow(file: str, flow: Flow) -> SipFlow:
    methods = tuple(sorted(flow.methods))
    plural = "" if flow.messages == 1 else "s"
    summary = f"{flow.detail}; {flow.messages} SIP message{plural}: {', '.join(methods)}"
    return SipFlow(flow.protocol, flow.client, flow.server, methods, flow.messages,
                   _at(file, summary))


def _cleartext_transport(flow: SipFlow) -> SipTransport:
    source = flow.source
    return SipTransport(
        name=flow.label,
        protocol=Fact(flow.protocol, source),
        bind=Fact(flow.server, source, "server side of the flow"),
        exposure=Fact(classify_bind(flow.server), source),
        source=source,
    )


def _tls_transport(file: str, server: TlsServer) -> SipTransport:
    plural = "" if server.handshakes == 1 else "s"
    source = _at(file, f"{server.detail}; {server.handshakes} TLS handshake{plural}")
    if not server.versions and not server.record_versions:
        source = _at(file, f"{server.detail}; {server.mirrored} message(s)")
        return SipTransport(
            name=f"tls {server.address}",
            protocol=Fact(SipProtocol.TLS, source, "SIP a proxy mirrored over HEP after "
                          "decrypting it"),
            bind=Fact(server.address, source),
            exposure=Fact(classify_bind(server.address), source),
            tls_versions=Fact[frozenset[TlsVersion]](
                None, source, f"{server.mirrored} message(s) received over TLS, mirrored "
                "over HEP: the negotiated version is not in the capture"),
            source=source,
        )
    if not server.versions:
        records = ", ".join(sorted(_record_name(v) for v in server.record_versions))
        return SipTransport(
            name=f"tls {server.address}",
            protocol=Fact(SipProtocol.TLS, source, "TLS records on a SIP-TLS port"),
            bind=Fact(server.address, source),
            exposure=Fact(classify_bind(server.address), source),
            tls_versions=Fact[frozenset[TlsVersion]](
                None, source, f"encrypted SIP signalling joined after its handshake: record "
                f"layer {records}; the negotiated version is not in the capture"),
            source=source,
        )
    if server.refused_tls13:
        note = "a client offered TLS 1.3 and the server chose an older version"
    elif server.offered_tls13 or TlsVersion.TLS1_3 in server.versions:
        note = "negotiated in the capture"
    else:
        note = "negotiated in the capture; no client offered TLS 1.3, the server may accept it"
    return SipTransport(
        name=f"tls {server.address}",
        protocol=Fact(SipProtocol.TLS, source),
        bind=Fact(server.address, source),
        exposure=Fact(classify_bind(server.address), source),
        tls_versions=Fact(frozenset(server.versions), source, note),
        source=source,
    )


def _record_name(code: int) -> str:
    version = version_of(code)
    return f"{version.value} (0x{code:04x})" if version else f"0x{code:04x}"


def _endpoint(file: str, seen: EndpointSeen) -> Endpoint:
    source = _at(file, seen.detail)
    mandatory: Fact[bool] = (
        Fact(seen.mandatory, source, "from its SDP offers") if seen.mandatory is not None
        else Fact(None, source, "only SDP answers seen: whether SRTP is required is not known"))
    return Endpoint(
        name=seen.name,
        transports=Fact(frozenset(seen.protocols), source, "signalling that carried its SDP"),
        media_encryption=Fact(seen.encryption, source, "weakest media encryption in its SDP"),
        media_encryption_mandatory=mandatory,
        source=source,
    )


def _stream(file: str, media: Media) -> MediaStream:
    negotiated = _at(file, media.sdp_detail)
    first = _at(file, f"packet {media.first_packet}") if media.packets else None
    return MediaStream(media.destination, media.profile, Fact(media.encryption, negotiated),
                       media.packets, media.negotiated_by, first, negotiated)


def _media(analysis: CaptureAnalysis) -> tuple[MediaStream, ...]:
    """Negotiated streams, then RTP-like streams that no SDP in the capture explains."""
    for key, guess in analysis.guesses.items():
        late = analysis.media.get(key)
        if late is not None:  # media seen before its SDP (capture started mid-call)
            late.packets += guess.packets
            late.first_packet = min(late.first_packet or guess.first_packet, guess.first_packet)
    streams = [_stream(analysis.file, m) for m in (*analysis.finished_media,
                                                   *analysis.media.values())]
    guessed = sorted(
        ((key, g) for key, g in analysis.guesses.items()
         if key not in analysis.media and g.packets >= MIN_GUESSED_PACKETS),
        key=lambda item: -item[1].packets)
    for (address, port), guess in guessed[:MAX_GUESSED_STREAMS]:
        first = _at(analysis.file, f"packet {guess.first_packet}")
        streams.append(MediaStream(
            endpoint_text(address, port), "", Fact[MediaEncryption](
                None, first, "RTP-like packets with no SDP in the capture: RTP or SRTP"),
            guess.packets, "", first, None))
    return tuple(streams)
