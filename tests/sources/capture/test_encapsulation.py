"""SIP that reaches the monitor inside a tunnel is audited like SIP on the wire."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from scapy.layers.inet import TCP
from scapy.packet import Packet, Raw

from tests.sources.capture import scenarios, tunnels
from tests.sources.capture.packets import digest, ether, ip, request, udp
from tests.sources.capture.test_analysis import analyse, evidence
from voipscan.facts import SipProtocol

V6_PHONE, V6_PBX = "2001:db8::5", "2001:db8::1"
WRAPS: dict[str, Callable[[Packet], Packet]] = {
    "gre": tunnels.gre,
    "gre-no-key": lambda p: tunnels.gre(p, key=False),
    "gre-ethernet": lambda p: tunnels.gre(p, ethernet=True),
    "erspan-1": lambda p: tunnels.erspan(p, 1),
    "erspan-2": lambda p: tunnels.erspan(p, 2),
    "erspan-3": lambda p: tunnels.erspan(p, 3),
    "ip-in-ip": tunnels.ip_in_ip,
    "vxlan": tunnels.vxlan,
    "geneve": tunnels.geneve,
    "tzsp": tunnels.tzsp,
    "mpls": tunnels.mpls,
    "hep3": tunnels.hep3,
    "hep2": tunnels.hep2,
}


def _register(v6: bool = False) -> Sequence[Packet]:
    phone, pbx = (V6_PHONE, V6_PBX) if v6 else (scenarios.PHONE, scenarios.PBX)
    message = request("REGISTER", "alice", phone, 5060, pbx, 5060, call_id="tunnel",
                      extra=[digest("alice", "pbx.example")])
    return [udp(phone, 5060, pbx, 5060, message)]


@pytest.mark.parametrize("name", sorted(WRAPS))
def test_a_cleartext_digest_inside_a_tunnel_is_found(name: str) -> None:
    found = evidence([WRAPS[name](p) for p in _register()])
    assert found.sip_messages == 1
    assert [e.user for e in found.digest_exposures] == ["alice"]
    assert [(f.client, f.server) for f in found.flows] == [("10.0.0.5:5060", "10.0.0.1:5060")]


@pytest.mark.parametrize("name", ["gre", "ip-in-ip", "hep3", "hep2", "vxlan", "geneve"])
def test_ipv6_inside_a_tunnel(name: str) -> None:
    found = evidence([WRAPS[name](p) for p in _register(v6=True)])
    assert [f.server for f in found.flows] == ["[2001:db8::1]:5060"]


def test_the_tunnel_itself_is_not_taken_for_media() -> None:
    packets = [tunnels.vxlan(p) for p in scenarios.plain_call()]
    found = evidence(packets)
    assert {m.destination for m in found.media if m.packets} == {"10.0.0.1:5004",
                                                                  "10.0.0.6:4000"}


def test_a_loop_of_tunnels_ends() -> None:
    packet = _register()[0]
    for _ in range(10):
        packet = tunnels.gre(packet)
    assert evidence([packet]).sip_messages == 0  # past MAX_DEPTH: not unwrapped, no crash


def test_a_tunnel_packet_fragmented_on_the_way_is_reassembled() -> None:
    """A tunnel adds headers, so a large SIP message often leaves in outer fragments."""
    from scapy.layers.inet import fragment

    big = request("INVITE", "bob", scenarios.PHONE, 5060, scenarios.PBX, 5060, call_id="big",
                  extra=[digest("bob", "pbx.example"), "X-Padding: " + "p" * 1400])
    for wrap in (tunnels.ip_in_ip, tunnels.gre):
        outer = wrap(udp(scenarios.PHONE, 5060, scenarios.PBX, 5060, big))
        pieces = [ether() / piece for piece in fragment(outer.payload, fragsize=512)]
        assert len(pieces) > 2
        found = evidence(pieces)
        assert [e.user for e in found.digest_exposures] == ["bob"], wrap
        assert found.undecoded == len(pieces) - 1  # the pieces awaiting the last one


def _tcp_sip(*messages: bytes, port: int = 5060) -> list[Packet]:
    """SIP over TCP as a HEP agent mirrors it: one message per HEP packet."""
    return [ip(scenarios.PHONE, scenarios.PBX) / TCP(sport=40000, dport=port, flags="PA",
                                                     seq=1 + n * 1000) / Raw(message)
            for n, message in enumerate(messages)]


def test_hep_mirrored_tcp_messages_are_each_read() -> None:
    first = request("REGISTER", "alice", scenarios.PHONE, 40000, scenarios.PBX, 5060,
                    call_id="tcp-hep")
    second = request("REGISTER", "alice", scenarios.PHONE, 40000, scenarios.PBX, 5060,
                     call_id="tcp-hep", cseq=2, extra=[digest("alice", "pbx.example")])
    found = evidence([tunnels.hep3(p) for p in _tcp_sip(first, second)])
    assert found.sip_messages == 2
    assert [e.user for e in found.digest_exposures] == ["alice"]
    assert {f.protocol for f in found.flows} == {SipProtocol.TCP}


def _kamailio(transport: str) -> list[Packet]:
    """Kamailio's siptrace marks SIP received over TLS, WS or WSS as IP protocol 22; the
    message's Via says which."""
    register = request("REGISTER", "alice", scenarios.PHONE, 40000, scenarios.PBX, 5061,
                       call_id="kam", extra=[digest("alice", "pbx.example")])
    register = register.replace(b"SIP/2.0/UDP", f"SIP/2.0/{transport}".encode())
    return [tunnels.hep3(p, protocol=22) for p in _tcp_sip(register, port=5061)]


def test_hep_from_kamailio_over_websocket_is_cleartext() -> None:
    found = evidence(_kamailio("WS"))
    assert [e.user for e in found.digest_exposures] == ["alice"]
    assert {f.protocol for f in found.flows} == {SipProtocol.WS}


def test_hep_from_kamailio_over_tls_was_encrypted_on_the_wire() -> None:
    for transport in ("TLS", "WSS"):
        system = analyse(_kamailio(transport))
        assert system.capture is not None
        assert system.capture.digest_exposures == (), transport
        assert system.capture.flows == ()
        assert system.capture.tls_signalling == 1
        [tls] = system.transports
        assert tls.protocol.value is SipProtocol.TLS and tls.tls_versions.value is None
        assert tls.bind.value == "10.0.0.1:5061"
