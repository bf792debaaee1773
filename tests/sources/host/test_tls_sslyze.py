"""sslyze's renegotiation and Heartbleed commands, run on our threads against loopback
servers: determined findings, and every failure said per peer."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from tests.sources.host.pki import Pki, make_pki
from tests.sources.host.tls_servers import server_context, tls_server
from voipscan.sources.host import tls_sslyze
from voipscan.sources.host.deadline import Deadline
from voipscan.sources.host.tls_handshakes import Peer
from voipscan.sources.host.tls_sslyze import SslyzeRun


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def port(pki: Pki) -> Iterator[int]:
    with tls_server(server_context(pki.server.cert_path, pki.server.key_path)) as bound:
        yield bound


def peer(port: int) -> Peer:
    return Peer("127.0.0.1", port, None, 1.0, Deadline.after(20))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_both_commands_are_determined_on_a_tls_server(port: int) -> None:
    (found,) = SslyzeRun.start([peer(port)]).collect(Deadline.after(20)).values()
    assert found.problems == () and not found.broken
    assert found.secure_renegotiation is True
    assert found.client_renegotiation is not None
    assert found.heartbleed is False


def test_a_peer_sslyze_cannot_reach_is_broken_and_the_others_still_judged(port: int) -> None:
    good, gone = peer(port), peer(closed_port())
    found = SslyzeRun.start([good, gone]).collect(Deadline.after(20))
    assert list(found) == [good, gone]
    assert found[good].heartbleed is False and not found[good].broken
    assert found[gone].broken and found[gone].heartbleed is None
    assert found[gone].problems[0].startswith("sslyze could not connect: ")


def test_sslyze_failing_is_a_problem_of_that_peer_never_an_exception(
        port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    def exploding(*_args: object) -> None:
        raise RuntimeError("sslyze exploded")

    monkeypatch.setattr(tls_sslyze, "check_connectivity_to_server", exploding)
    (found,) = SslyzeRun.start([peer(port)]).collect(Deadline.after(20)).values()
    assert found.broken
    assert found.problems == ("sslyze failed: RuntimeError: sslyze exploded",)


def test_a_peer_given_twice_is_scanned_once(port: int) -> None:
    same = peer(port)
    run = SslyzeRun.start([same, same])
    assert run.peers == (same,)
    assert not run.collect(Deadline.after(20))[same].broken
