"""OPTIONS probes against small loopback responders: statuses, correlation and time bounds."""

from __future__ import annotations

import asyncio
import io
import socket
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.sources.host.pki import make_pki
from tests.sources.host.responders import (
    StreamServer,
    TlsResponder,
    closed_port,
    registrar,
    reply,
    responder,
    silent,
)
from voipscan.facts import Fact, SipProtocol, SipTransport
from voipscan.sip.message import SipRequest, response_to
from voipscan.sources.host import tls_audit
from voipscan.sources.host.probe import Reachability
from voipscan.sources.host.scanner import (
    HostReport,
    Progress,
    Scanner,
    ScanOutcome,
    ScanSettings,
    run_scan,
)
from voipscan.sources.host.targets import HostTarget, expand, parse_target
from voipscan.sources.host.tls_audit import TlsEndpoint

UDP, TCP, TLS = SipProtocol.UDP, SipProtocol.TCP, SipProtocol.TLS
TIMEOUT = 1.0
MARGIN = 0.4


def hosts(targets: list[str], protocols: tuple[SipProtocol, ...]) -> list[HostTarget]:
    items = list(expand([parse_target(t) for t in targets], protocols, {}))
    return [i for i in items if isinstance(i, HostTarget)]


def scan(targets: list[str], protocols: tuple[SipProtocol, ...] = (UDP,),
         **settings: Any) -> ScanOutcome:
    options: dict[str, Any] = {"timeout": TIMEOUT, "rate": None, "tls_audit": False, **settings}
    return run_scan(hosts(targets, protocols), ScanSettings(**options))


def only(outcome: ScanOutcome) -> HostReport:
    (report,) = outcome.reports
    return report


def test_udp_open_reads_status_and_capability_headers() -> None:
    answer = reply(200, "OK", ("Server", "Acme PBX 18.2.1"), ("Allow", "INVITE, ACK, options"),
                   ("k", "replaces, timer"))
    with responder(answer) as server:
        (probe,) = only(scan([f"127.0.0.1:{server.port}"])).probes
    assert probe.reachability is Reachability.OPEN
    assert (probe.status, probe.reason, probe.server) == (200, "OK", "Acme PBX 18.2.1")
    assert probe.allow == ("INVITE", "ACK", "OPTIONS")
    assert probe.supported == ("replaces", "timer")
    assert probe.sends == 1 and probe.replied_from is None and probe.elapsed < 0.5
    (request,) = server.requests
    assert request.method == "OPTIONS"
    assert (request.headers.get("User-Agent") or "").startswith("voipscan/")


def test_udp_reply_from_another_port_is_correlated_by_call_id() -> None:
    with responder(reply(404, "Not Here"), reply_from_other_port=True) as server:
        (probe,) = only(scan([f"127.0.0.1:{server.port}"])).probes
    assert probe.reachability is Reachability.OPEN and probe.status == 404
    assert probe.replied_from == f"127.0.0.1:{server.other_port}"


def test_silent_udp_port_is_filtered_after_t1_retransmissions_within_the_timeout() -> None:
    with responder(silent) as server:
        start = time.monotonic()
        (probe,) = only(scan([f"127.0.0.1:{server.port}"], timeout=1.6)).probes
        wall = time.monotonic() - start
        time.sleep(0.05)
        requests = list(server.requests)
    assert probe.reachability is Reachability.FILTERED
    assert probe.sends == 3 and len(requests) == 3  # at 0, 0.5 and 1.5 s
    assert len({r.encode() for r in requests}) == 1  # retransmissions are identical
    assert 1.6 <= probe.elapsed < 1.6 + MARGIN and wall < 1.6 + MARGIN


def test_closed_udp_port_is_reported_from_icmp_quickly() -> None:
    port = closed_port()
    (probe,) = only(scan([f"127.0.0.1:{port}"])).probes
    assert probe.reachability is Reachability.CLOSED
    assert probe.detail == "ICMP port unreachable" and probe.elapsed < 0.5


def test_udp_over_ipv6_loopback() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    try:
        server_cm = responder(reply(), host="::1")
        server = server_cm.__enter__()
    except OSError:
        pytest.skip("no IPv6 loopback")
    try:
        report = only(scan([f"[::1]:{server.port}"]))
    finally:
        server_cm.__exit__(None, None, None)
    (probe,) = report.probes
    assert probe.endpoint == f"udp:[::1]:{server.port}"
    assert probe.reachability is Reachability.OPEN
    via = server.requests[0].headers.get("Via") or ""
    assert via.startswith("SIP/2.0/UDP [::1]:")


def test_udp_garbage_reply_is_not_sip() -> None:
    with responder(lambda _r: [b"HTTP/1.1 400 Bad Request\r\n\r\n"]) as server:
        (probe,) = only(scan([f"127.0.0.1:{server.port}"], timeout=0.6)).probes
    assert probe.reachability is Reachability.NOT_SIP
    assert "not a SIP start line" in probe.detail


def test_provisional_only_is_reported_with_its_status() -> None:
    with responder(reply(100, "Trying")) as server:
        (probe,) = only(scan([f"127.0.0.1:{server.port}"], timeout=0.6)).probes
    assert probe.reachability is Reachability.OPEN and probe.status == 100


def _tcp_silent(conn: socket.socket) -> None:
    conn.recv(65535)
    time.sleep(3)


@pytest.fixture
def silent_tcp() -> Iterator[StreamServer]:
    server = StreamServer(_tcp_silent)
    yield server
    server.stop()


def test_tcp_statuses(silent_tcp: StreamServer) -> None:
    answer = reply(200, "OK", ("User-Agent", "Lab Phone 2.0"))
    closed = closed_port(socket.SOCK_STREAM)
    with responder(answer, kind=socket.SOCK_STREAM) as server:
        start = time.monotonic()
        outcome = scan([f"127.0.0.1:{server.port}", f"127.0.0.1:{closed}",
                        f"127.0.0.1:{silent_tcp.port}"], (TCP,))
        wall = time.monotonic() - start
    (open_probe,), (closed_probe,), (silent_probe,) = (r.probes for r in outcome.reports)
    assert open_probe.reachability is Reachability.OPEN
    assert open_probe.user_agent == "Lab Phone 2.0"
    assert closed_probe.reachability is Reachability.CLOSED
    assert closed_probe.detail == "connection refused (RST)"
    assert silent_probe.reachability is Reachability.NO_REPLY
    assert wall < TIMEOUT + MARGIN


def _endless_headers(conn: socket.socket) -> None:
    conn.recv(65535)
    conn.sendall(b"SIP/2.0 200 OK\r\n")
    while True:
        conn.sendall(b"X-Endless: " + b"y" * 4000 + b"\r\n")


def _huge_body(conn: socket.socket) -> None:
    conn.recv(65535)
    conn.sendall(b"SIP/2.0 200 OK\r\nContent-Length: 10000000\r\n\r\n" + b"z" * 100_000)


@pytest.mark.parametrize(("handler", "message"), [
    (_endless_headers, "header section larger"), (_huge_body, "exceeds")])
def test_hostile_tcp_peers_are_cut_off_early(handler: Any, message: str) -> None:
    server = StreamServer(handler)
    try:
        (probe,) = only(scan([f"127.0.0.1:{server.port}"], (TCP,), timeout=5.0)).probes
    finally:
        server.stop()
    assert probe.reachability is Reachability.NOT_SIP
    assert message in probe.detail and probe.elapsed < 1.0


@pytest.fixture(scope="module")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("pki")
    make_pki(directory)
    return directory


def test_options_over_tls(pki_dir: Path) -> None:
    server = TlsResponder(reply(200, "OK", ("Server", "TLS PBX")),
                          str(pki_dir / "server.pem"), str(pki_dir / "server.key"))
    try:
        (probe,) = only(scan([f"127.0.0.1:{server.port}"], (TLS,))).probes
    finally:
        server.stop()
    assert probe.reachability is Reachability.OPEN and probe.server == "TLS PBX"
    assert probe.tls is not None and probe.tls.version in ("TLSv1.2", "TLSv1.3")
    (request,) = server.requests
    assert request.uri == f"sip:127.0.0.1:{server.port};transport=tls"
    assert (request.headers.get("Via") or "").startswith("SIP/2.0/TLS 127.0.0.1:")


def test_tls_against_a_plain_port_fails_the_handshake() -> None:
    server = StreamServer(lambda conn: conn.sendall(b"SIP/2.0 400 Bad Request\r\n\r\n"))
    try:
        (probe,) = only(scan([f"127.0.0.1:{server.port}"], (TLS,))).probes
    finally:
        server.stop()
    assert probe.reachability is Reachability.TLS_FAILED
    assert probe.detail.startswith("TLS error") and probe.elapsed < 0.5


@pytest.mark.parametrize(("method", "known_answer", "leaked"), [
    ("REGISTER", (401, "Unauthorized"), ("alice",)),
    ("OPTIONS", (200, "OK"), ("alice",)),
    ("REGISTER", (404, "Not Found"), ()),
])
def test_user_enumeration(method: str, known_answer: tuple[int, str],
                          leaked: tuple[str, ...]) -> None:
    with responder(registrar({"alice"}, known_answer=known_answer)) as server:
        report = only(scan([f"127.0.0.1:{server.port}"], users=("alice", "bob"),
                           enumerate_method=method))
        requests = [r for r in server.requests if r.method == method]
    result = report.enumeration
    assert result is not None and result.method == method
    assert result.conclusive and result.leaked == leaked
    assert result.baseline == ("404 Not Found", "404 Not Found")
    assert dict(result.answers)["bob"] == "404 Not Found"
    assert len(requests) >= 4
    if method == "REGISTER":
        assert all(r.headers.get("Expires") == "0" for r in requests)


def test_enumeration_is_inconclusive_when_made_up_users_differ() -> None:
    answers = iter([(404, "Not Found"), (401, "Unauthorized")] * 10)

    def flaky(request: SipRequest) -> list[bytes]:
        if request.method != "REGISTER":
            return [response_to(request, 200, "OK").encode()]
        status, reason = next(answers)
        return [response_to(request, status, reason).encode()]

    with responder(flaky) as server:
        report = only(scan([f"127.0.0.1:{server.port}"], users=("alice",)))
    assert report.enumeration is not None and not report.enumeration.conclusive


def test_many_targets_keep_input_order_and_one_bad_host_spoils_nothing() -> None:
    closed = closed_port()
    with responder(reply(200, "OK")) as good, responder(silent) as quiet, \
            responder(lambda _r: [b"\x00" * 100]) as garbage, \
            responder(reply(486, "Busy Here")) as busy:
        targets = [f"127.0.0.1:{p}" for p in (good.port, quiet.port, closed, garbage.port,
                                              busy.port)]
        start = time.monotonic()
        outcome = scan(targets, timeout=0.8)
        wall = time.monotonic() - start
    assert [r.target.label for r in outcome.reports] == targets
    assert [r.probes[0].reachability for r in outcome.reports] == [
        Reachability.OPEN, Reachability.FILTERED, Reachability.CLOSED, Reachability.NOT_SIP,
        Reachability.OPEN]
    assert outcome.reports[4].probes[0].status == 486
    assert wall < 0.8 + MARGIN


def test_range_addresses_that_do_not_answer_are_left_out() -> None:
    with responder(reply()) as server:
        outcome = scan([f"127.0.0.0/30:{server.port}"], timeout=0.5)
    assert [r.target.label for r in outcome.reports] == [f"127.0.0.1:{server.port}"]
    assert outcome.silent == 1


def test_rate_spaces_probes() -> None:
    with responder(reply()) as server:
        start = time.monotonic()
        outcome = scan([f"127.0.0.1:{server.port}"] * 6, rate=20.0)
        wall = time.monotonic() - start
    assert all(r.probes[0].status == 200 for r in outcome.reports)
    assert 0.25 - 0.02 <= wall < 1.0  # 6 probes at 20/s: 5 gaps of 50 ms


def test_concurrency_bounds_open_connections(silent_tcp: StreamServer) -> None:
    start = time.monotonic()
    outcome = scan([f"127.0.0.1:{silent_tcp.port}"] * 3, (TCP,), timeout=0.4, concurrency=1)
    wall = time.monotonic() - start
    assert all(r.probes[0].reachability is Reachability.NO_REPLY for r in outcome.reports)
    assert 1.2 <= wall < 1.2 + MARGIN


def test_stop_ends_the_scan_with_what_was_gathered() -> None:
    async def main() -> ScanOutcome:
        stop = asyncio.Event()
        asyncio.get_running_loop().call_later(0.3, stop.set)
        targets = hosts([f"127.0.0.1:{good.port}", f"127.0.0.1:{quiet.port}"], (UDP,))
        return await Scanner(ScanSettings(timeout=5.0, rate=None, tls_audit=False)).run(
            targets, stop)

    with responder(reply()) as good, responder(silent) as quiet:
        start = time.monotonic()
        outcome = asyncio.run(main())
        wall = time.monotonic() - start
    assert outcome.interrupted and wall < 1.0
    assert [r.target.label for r in outcome.reports] == [
        f"127.0.0.1:{good.port}", f"127.0.0.1:{quiet.port}"]
    assert outcome.reports[0].probes[0].status == 200
    assert outcome.reports[1].probes == ()
    assert outcome.reports[1].problems[0].message.endswith(
        "scan interrupted before this host was done")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(2, stream)
        progress.advance(True)
        progress.advance(False)
        progress.close()
    assert "2/2 hosts, 1 answering" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\033[K")
    assert pipe.getvalue() == ""


class _FakeTlsAudit:
    """Stands in for tls_audit's ``audit_many`` and ``transport_facts``: records calls,
    returns canned transports."""

    def __init__(self, protocol: SipProtocol | None, fail: bool = False) -> None:
        self.protocol = protocol
        self.fail = fail
        self.calls: list[tuple[Any, ...]] = []

    def audit_many(self, endpoints: list[TlsEndpoint], **options: Any) -> list[Any]:
        self.calls.append((endpoints, options))
        if self.fail:
            raise RuntimeError("sslyze exploded")
        return [types.SimpleNamespace(light=False)] * len(endpoints)

    def transport_facts(self, audit: Any, name: str,
                        protocol: SipProtocol = SipProtocol.TLS) -> SipTransport:
        return SipTransport(name, protocol=Fact(self.protocol, None, "not-tls: no handshake"))


def _scan_with_audit(port: int, fake: _FakeTlsAudit, monkeypatch: pytest.MonkeyPatch
                     ) -> HostReport:
    with monkeypatch.context() as patch:
        patch.setattr(tls_audit, "audit_many", fake.audit_many)
        patch.setattr(tls_audit, "transport_facts", fake.transport_facts)
        scanner = Scanner(ScanSettings(timeout=TIMEOUT, rate=None, tls_light=True))
        (report,) = asyncio.run(scanner.run(hosts([f"127.0.0.1:{port}"], (TLS,)))).reports
    return report


def test_tls_ports_are_audited_in_one_batch(pki_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    server = TlsResponder(reply(), str(pki_dir / "server.pem"), str(pki_dir / "server.key"))
    try:
        fake = _FakeTlsAudit(SipProtocol.TLS)
        report = _scan_with_audit(server.port, fake, monkeypatch)
        failing = _scan_with_audit(server.port, _FakeTlsAudit(SipProtocol.TLS, fail=True),
                                   monkeypatch)
    finally:
        server.stop()
    ((endpoints, options),) = fake.calls
    assert endpoints == [TlsEndpoint("127.0.0.1", server.port, None)]
    deadline = options.pop("deadline")
    assert options == {"timeout": TIMEOUT, "light": True, "ca_file": None}
    assert deadline.at <= time.monotonic() + TIMEOUT + max(30.0, 10 * TIMEOUT)
    assert [t.name for t in report.tls_transports] == [f"tls:127.0.0.1:{server.port}"]
    assert failing.tls_transports == ()
    assert failing.problems[0].message.endswith("TLS audit failed: sslyze exploded")


def test_a_port_where_tls_never_answered_is_not_a_transport(
        monkeypatch: pytest.MonkeyPatch) -> None:
    server = StreamServer(lambda conn: conn.sendall(b"not tls"))
    try:
        report = _scan_with_audit(server.port, _FakeTlsAudit(None), monkeypatch)
    finally:
        server.stop()
    assert report.probes[0].reachability is Reachability.TLS_FAILED
    assert report.tls_transports == () and not report.answered
    assert report.problems[0].message.endswith("TLS audit: not-tls: no handshake")
