"""--ws-discover: common WebSocket paths tried one at a time, only after an upgrade refused
on the path given (websockets servers on 127.0.0.1)."""

from __future__ import annotations

from tests.sources.host.test_websocket import scan, sip_handler, ws_server
from tests.sources.host.tls_servers import closed_port
from voipscan.facts import SipProtocol
from voipscan.sources.host.host_facts import source_result
from voipscan.sources.host.probe import Reachability
from voipscan.sources.host.targets import Service
from voipscan.sources.host.ws_discovery import COMMON_WS_PATHS, paths_to_try


def test_the_given_path_comes_first_and_none_twice() -> None:
    assert paths_to_try(Service(SipProtocol.WS, 80, "/ws")) == (
        "/ws", "/", "/wss", "/sip", "/websocket", "/asterisk/ws")
    assert paths_to_try(Service(SipProtocol.WSS, 443, "/custom"))[1:] == COMMON_WS_PATHS


def test_discovery_finds_the_path_that_speaks_sip() -> None:
    upgrades: list[str] = []
    with ws_server(sip_handler, paths=("/asterisk/ws",), upgrades=upgrades) as port:
        plain = scan(f"ws://127.0.0.1:{port}")
        asked_without = list(upgrades)
        found = scan(f"ws://127.0.0.1:{port}", ws_discover=True)
    assert asked_without == ["/"]
    (miss,) = plain.probes
    assert miss.reachability is Reachability.NOT_SIP
    assert "HTTP 404" in miss.detail
    (probe,) = found.probes
    assert (probe.reachability, probe.status) == (Reachability.OPEN, 200)
    assert probe.service.path == "/asterisk/ws"
    assert probe.endpoint == f"ws:127.0.0.1:{port}/asterisk/ws"
    assert "found by path discovery after /" in probe.detail
    assert upgrades[1:] == list(COMMON_WS_PATHS)  # each path asked once, in order
    (transport,) = source_result(found).system.transports
    assert transport.name == f"ws:127.0.0.1:{port}/asterisk/ws"


def test_the_given_path_answering_asks_nothing_else() -> None:
    upgrades: list[str] = []
    with ws_server(sip_handler, paths=("/sip",), upgrades=upgrades) as port:
        report = scan(f"ws://127.0.0.1:{port}/sip", ws_discover=True)
    assert upgrades == ["/sip"]
    (probe,) = report.probes
    assert probe.reachability is Reachability.OPEN and "discovery" not in probe.detail


def test_no_path_answering_is_one_probe_naming_every_path() -> None:
    upgrades: list[str] = []
    with ws_server(sip_handler, paths=("/secret-path",), upgrades=upgrades) as port:
        report = scan(f"ws://127.0.0.1:{port}", ws_discover=True)
    assert len(upgrades) == len(COMMON_WS_PATHS)
    (probe,) = report.probes
    assert probe.reachability is Reachability.NOT_SIP
    assert probe.detail.startswith(f"no SIP WebSocket on any of {len(COMMON_WS_PATHS)} paths")
    assert "/asterisk/ws (upgrade refused: HTTP 404)" in probe.detail
    (problem,) = [p for p in source_result(report).problems if "WebSocket" in p.message]
    assert "/websocket" in problem.message


def test_a_closed_port_is_not_asked_again() -> None:
    report = scan(f"ws://127.0.0.1:{closed_port()}", ws_discover=True)
    (probe,) = report.probes
    assert probe.reachability is Reachability.CLOSED
    assert "paths tried" not in probe.detail
