"""SIP that reaches the monitor inside a tunnel is audited like SIP on the wire."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from scapy.packet import Packet

from tests.sources.capture import scenarios, tunnels
from tests.sources.capture.packets import digest, request, udp
from tests.sources.capture.test_analysis import evidence

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


@pytest.mark.parametrize("name", ["gre", "ip-in-ip", "hep3", "hep2", "vxlan"])
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
