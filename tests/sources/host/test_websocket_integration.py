"""SIP over WebSocket against a real Kamailio (modules xhttp and websocket, Debian package
kamailio-websocket-modules): WS on its TCP listener, WSS on its TLS listener."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.checks.helpers import run as run_check
from tests.integration import REQUIRED
from tests.sources.host.kamailio import TlsMode, kamailio, modules_dir, relay_route
from tests.sources.host.test_srtp_integration import sipp
from voipscan.checks import Status
from voipscan.facts import SipProtocol, TlsVersion
from voipscan.sources.host.host_facts import source_result
from voipscan.sources.host.probe import Reachability
from voipscan.sources.host.scanner import HostReport, ScanSettings, run_scan
from voipscan.sources.host.srtp_offers import OfferKind, Outcome
from voipscan.sources.host.srtp_probe import SrtpSettings, run_srtp
from voipscan.sources.host.targets import expand, parse_target

pytestmark = pytest.mark.integration

WEBSOCKET = """
tcp_accept_no_cl=yes
loadmodule "xhttp.so"
loadmodule "websocket.so"
modparam("websocket", "keepalive_mechanism", 0)
event_route[xhttp:request] {
    if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
        if (ws_handle_handshake()) {
            exit;
        }
    }
    xhttp_reply("404", "Not Found", "", "");
}
"""


def require_websocket_module() -> None:
    if not (modules_dir() / "websocket.so").is_file():
        message = "Kamailio's websocket module is not installed (kamailio-websocket-modules)"
        if REQUIRED:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def scan(text: str, **settings: Any) -> HostReport:
    (target,) = [t for t in expand([parse_target(text)], (), {}) if not isinstance(t, tuple)]
    options: dict[str, Any] = {"timeout": 2.0, "rate": None, "tls_audit": False, **settings}
    (report,) = run_scan([target], ScanSettings(**options)).reports
    return report


def test_options_over_ws_and_wss_with_tls_audit(tmp_path: Path) -> None:
    require_websocket_module()
    with kamailio(tmp_path / "kam", tls=TlsMode.TLS12_PLUS, extra_config=WEBSOCKET) as server:
        ws = scan(f"ws://127.0.0.1:{server.tcp}/")
        wss = scan(f"wss://127.0.0.1:{server.tls}/", tls_audit=True, tls_light=True)
        assert server.alive(), server.log_text()[-2000:]
    for report in (ws, wss):
        (probe,) = report.probes
        assert (probe.reachability, probe.status) == (Reachability.OPEN, 200), probe
        assert probe.server == "kamailio (5.6.3 (x86_64/linux))"
    system = source_result(wss).system
    (transport,) = system.transports
    assert transport.protocol.value is SipProtocol.WSS
    assert transport.tls_versions.value == frozenset({TlsVersion.TLS1_2, TlsVersion.TLS1_3})
    # the same checks as SIP over TLS
    resource = f"transport:wss:127.0.0.1:{server.tls}"
    assert run_check("signalling.tls", system) == {resource: Status.PASS}
    assert run_check("signalling.tls13", system) == {resource: Status.PASS}
    assert run_check("signalling.tls_min_version", system) == {resource: Status.PASS}
    assert run_check("signalling.tls", source_result(ws).system) == {
        f"transport:ws:127.0.0.1:{server.tcp}": Status.FAIL}


def test_srtp_over_wss_behind_kamailio(tmp_path: Path) -> None:
    require_websocket_module()
    offers = (OfferKind.SDES_AES_CM_128, OfferKind.PLAIN_RTP)
    with sipp(tmp_path / "sipp", "uas_sdes_required.xml", calls=len(offers)) as uas, \
            kamailio(tmp_path / "kam", route=relay_route(uas.port),
                     extra_config=WEBSOCKET) as server:
        report = scan(f"wss://127.0.0.1:{server.tls}")
        outcome = run_srtp([report], SrtpSettings(timeout=3.0, rate=None, offers=offers))
        assert uas.finish() == 0, uas.errors()
    (result,) = outcome.by_target[0]
    assert result.protocol is SipProtocol.WSS
    assert [(o.offer, o.outcome) for o in result.results] == [
        (OfferKind.SDES_AES_CM_128, Outcome.ACCEPTED), (OfferKind.PLAIN_RTP, Outcome.REJECTED)]
    system = source_result(report, outcome.by_target[0]).system
    (status,) = run_check("media.srtp_mandatory", system).values()
    assert status is Status.PASS
    # SRTP is mandatory, but keyed by SDES: a WebRTC (WebSocket) endpoint must not take it
    (webrtc,) = run_check("media.webrtc_dtls_srtp", system).values()
    assert webrtc is Status.FAIL


def test_path_discovery_finds_kamailio_scripted_path(tmp_path: Path) -> None:
    require_websocket_module()
    on_path = WEBSOCKET.replace('$rm =~ "GET"', '$rm =~ "GET" && $hu == "/sip"')
    with kamailio(tmp_path / "kam", tls=TlsMode.TLS12_PLUS, extra_config=on_path) as server:
        refused = scan(f"ws://127.0.0.1:{server.tcp}")
        found = scan(f"wss://127.0.0.1:{server.tls}", ws_discover=True)
        assert server.alive(), server.log_text()[-2000:]
    (miss,) = refused.probes
    assert (miss.reachability, miss.detail) == (
        Reachability.NOT_SIP, "WebSocket upgrade refused: HTTP 404")
    (probe,) = found.probes
    assert (probe.reachability, probe.status, probe.service.path) == (
        Reachability.OPEN, 200, "/sip")
    assert "after / (upgrade refused: HTTP 404), /ws (upgrade refused: HTTP 404)" in probe.detail
