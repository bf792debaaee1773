"""Hostile SIP peers over UDP, TCP and TLS: each is reported with its own clear status and
text, within --timeout plus a small margin, in bounded memory."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.paths import ROOT as REPO_ROOT
from tests.sources.host.hostile import (
    HANDSHAKE_BEHAVIOURS,
    STREAM_BEHAVIOURS,
    UDP_BEHAVIOURS,
    StreamPeerServer,
    UdpPeerServer,
    ok_reply,
    serving,
    tls_server_context,
)
from tests.sources.host.pki import make_pki
from voipscan.facts import SipProtocol
from voipscan.sources.host.probe import Reachability
from voipscan.sources.host.scanner import HostReport, ScanSettings, run_scan
from voipscan.sources.host.targets import HostTarget, expand, parse_target

ROOT = REPO_ROOT
TIMEOUT = 1.0
MARGIN = 0.5
NOT_SIP, NO_REPLY, TLS_FAILED, OPEN = (Reachability.NOT_SIP, Reachability.NO_REPLY,
                                       Reachability.TLS_FAILED, Reachability.OPEN)
UNFINISHED = r"\(\d+ bytes of an incomplete message\)"
GARBAGE = "reply is not SIP: not a SIP start line: 'HTTP/1.1 400 Bad Request'"
HUGE = "reply is not SIP: body of 10000000 bytes exceeds 1048576"

# (transport, behaviour) -> (status, full text of the detail as a regex)
EXPECTED: dict[tuple[str, str], tuple[Reachability, str]] = {
    **{(transport, name): expected for transport in ("tcp", "tls") for name, expected in {
        "garbage": (NOT_SIP, re.escape(GARBAGE)),
        "endless-headers": (NOT_SIP, "reply is not SIP: header section larger than 65536 bytes"),
        "huge-body": (NOT_SIP, HUGE),
        "slowloris": (NO_REPLY, f"connected, reply unfinished at the deadline {UNFINISHED}"),
        "cut-short": (NO_REPLY, f"connection closed by the peer mid-reply {UNFINISHED}"),
    }.items()},
    ("tls", "tls-closed-mid-handshake"): (
        TLS_FAILED, "TLS (handshake: connection (reset|closed) by the peer|error: "
                    "UNEXPECTED_EOF_WHILE_READING)"),
    ("tls", "tls-slow-handshake"): (
        TLS_FAILED, "TCP connected, no TLS handshake before the deadline"),
    ("tls", "tls-garbage"): (TLS_FAILED, "TLS error: WRONG_VERSION_NUMBER"),
    ("udp", "garbage"): (NOT_SIP, re.escape(GARBAGE)),
    ("udp", "huge-body"): (NOT_SIP, HUGE),
    ("udp", "endless-headers"): (NOT_SIP, "reply is not SIP: more than 256 headers"),
    ("udp", "flood"): (NOT_SIP, re.escape(GARBAGE)),
    ("udp", "other-port"): (OPEN, "OPTIONS answered"),
}


@dataclass
class Peers:
    servers: dict[tuple[str, str], StreamPeerServer | UdpPeerServer]

    def uri(self, case: tuple[str, str]) -> str:
        return f"sip:127.0.0.1:{self.servers[case].port};transport={case[0]}"


@pytest.fixture(scope="module")
def peers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Peers]:
    pki = make_pki(tmp_path_factory.mktemp("pki"))
    context = tls_server_context(str(pki.server.cert_path), str(pki.server.key_path))
    servers: dict[tuple[str, str], StreamPeerServer | UdpPeerServer] = {}
    for name, behaviour in STREAM_BEHAVIOURS.items():
        servers["tcp", name] = StreamPeerServer(behaviour)
        servers["tls", name] = StreamPeerServer(behaviour, context)
    for name, behaviour in HANDSHAKE_BEHAVIOURS.items():
        servers["tls", name] = StreamPeerServer(behaviour)
    for name, answer in UDP_BEHAVIOURS.items():
        servers["udp", name] = UdpPeerServer(answer)
    servers["udp", "other-port"] = UdpPeerServer(lambda r: [ok_reply(r)], from_other_port=True)
    with serving(*servers.values()):
        yield Peers(servers)


def targets(uris: list[str]) -> list[HostTarget]:
    items = expand([parse_target(u) for u in uris], (SipProtocol.UDP,), {})
    return [item for item in items if isinstance(item, HostTarget)]


@dataclass(frozen=True)
class Sweep:
    reports: dict[tuple[str, str], HostReport]
    wall: float


def sweep(peers: Peers, cases: list[tuple[str, str]], **settings: Any) -> Sweep:
    options: dict[str, Any] = {"timeout": TIMEOUT, "rate": None, "tls_audit": False,
                               **settings}
    start = time.monotonic()
    outcome = run_scan(targets([peers.uri(c) for c in cases]), ScanSettings(**options))
    wall = time.monotonic() - start
    return Sweep(dict(zip(cases, outcome.reports, strict=True)), wall)


@pytest.fixture(scope="module")
def all_at_once(peers: Peers) -> Sweep:
    """Every hostile peer in one scan: one peer's behaviour must not spill onto another."""
    return sweep(peers, list(EXPECTED))


@pytest.mark.parametrize("case", list(EXPECTED), ids=["-".join(c) for c in EXPECTED])
def test_each_hostile_peer_gets_its_own_status_and_text(all_at_once: Sweep,
                                                        case: tuple[str, str]) -> None:
    (probe,) = all_at_once.reports[case].probes
    status, text = EXPECTED[case]
    assert probe.reachability is status, probe.detail
    assert re.fullmatch(text, probe.detail), probe.detail
    assert probe.elapsed < TIMEOUT + MARGIN


def test_the_whole_sweep_stays_within_the_timeout(all_at_once: Sweep) -> None:
    assert all_at_once.wall < TIMEOUT + MARGIN


def test_reply_from_another_port_is_named(peers: Peers, all_at_once: Sweep) -> None:
    (probe,) = all_at_once.reports["udp", "other-port"].probes
    server = peers.servers["udp", "other-port"]
    assert isinstance(server, UdpPeerServer)
    assert probe.replied_from == f"127.0.0.1:{server.other_port}"


def test_only_the_slow_handshake_is_flagged_as_timed_out(all_at_once: Sweep) -> None:
    flagged = {case for case, report in all_at_once.reports.items()
               if any(p.handshake_timed_out for p in report.probes)}
    assert flagged == {("tls", "tls-slow-handshake")}


def test_tls_audit_of_broken_handshakes_stays_within_the_timeout(peers: Peers) -> None:
    cases = [("tls", name) for name in HANDSHAKE_BEHAVIOURS]
    result = sweep(peers, cases, tls_audit=True, timeout=2.0)
    assert result.wall < 2.0 + 1.0
    messages = {case: [p.message for p in report.problems]
                for case, report in result.reports.items()}
    port = peers.servers["tls", "tls-slow-handshake"].port
    assert messages["tls", "tls-slow-handshake"] == [
        f"tls:127.0.0.1:{port}: TLS audit skipped: TCP connected but no TLS handshake "
        "finished within 2 s"]
    for name in ("tls-closed-mid-handshake", "tls-garbage"):
        (message,) = messages["tls", name]
        assert re.fullmatch(r"tls:127\.0\.0\.1:\d+: TLS audit: not-tls: answered, but not "
                            r"with TLS \(.+\)", message)
    assert all(not report.tls_transports for report in result.reports.values())


_PEAK = """
import os, resource, subprocess, sys, time
start = time.monotonic()
process = subprocess.Popen([sys.executable, "-m", "voipscan", "scan", "host", *sys.argv[1:]],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
_, err = process.communicate()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{time.monotonic() - start} {peak} {process.returncode}")
sys.stderr.write(err)
"""


def test_cli_against_every_hostile_peer_in_bounded_time_and_memory(peers: Peers) -> None:
    timeout = 2.0
    run = subprocess.run([sys.executable, "-c", _PEAK, *(peers.uri(c) for c in EXPECTED),
                          "--timeout", str(timeout), "--rate", "0", "--no-tls-audit",
                          "--show-probes",
                          "-f", "json"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    wall, peak_kb, code = run.stdout.split()
    print(f"hostile sweep: {float(wall):.2f} s, peak RSS {int(peak_kb) // 1024} MB")
    assert code == "2", run.stderr  # peers that never answered SIP are problems (exit 2)
    assert float(wall) < timeout + 1.5  # includes the interpreter's start-up
    assert int(peak_kb) < 400 * 1024, f"peak RSS {int(peak_kb) // 1024} MB"
    lines = {line.split()[0]: line for line in run.stderr.splitlines()
             if re.match(r"(udp|tcp|tls):127\.0\.0\.1:\d+ ", line)}
    for case, (status, text) in EXPECTED.items():
        line = lines[f"{case[0]}:127.0.0.1:{peers.servers[case].port}"]
        assert f" {status.value} " in line
        detail = re.sub(r"\s+\[\d+ ms, \d+ sent\]$", "", line.split(status.value, 1)[1]).strip()
        if status is OPEN:
            assert detail.startswith("200 OK")
        else:
            assert re.fullmatch(text, detail), line

