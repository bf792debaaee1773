"""Single handshakes against loopback servers that reset connections: a refusal counts only
when the server declined with an alert or refused the same way again."""

from __future__ import annotations

import ssl
import time

import pytest

from tests.sources.host.pki import Pki, make_pki
from tests.sources.host.tls_servers import (
    resetting_tls_server,
    server_context,
    silent_server,
    tls_server,
)
from voipscan.facts import TlsVersion
from voipscan.sources.host import tls_handshakes
from voipscan.sources.host.deadline import Deadline
from voipscan.sources.host.tls_handshakes import (
    CONFIRMATIONS,
    ClientAuth,
    Peer,
    answers_handshakes,
    cipher_groups,
    client_auth,
    probe_version,
)

V12, V13 = TlsVersion.TLS1_2, TlsVersion.TLS1_3


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


def peer(port: int) -> Peer:
    return Peer("127.0.0.1", port, None, 1.0, Deadline.after(20))


def test_one_reset_does_not_make_a_version_look_unsupported(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             maximum=ssl.TLSVersion.TLSv1_2)
    with tls_server(context) as port:
        steady = probe_version(peer(port), V12, enumerate_ciphers=True)
    with resetting_tls_server(context, resets=CONFIRMATIONS) as server:
        flaky = probe_version(peer(server[0]), V12, enumerate_ciphers=True)
    assert steady.accepted and steady.complete
    assert flaky.accepted and flaky.complete and flaky.error == ""
    assert set(flaky.ciphers) == set(steady.ciphers)


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses the handshakes take before asking again (taken, and recorded)."""
    taken: list[float] = []
    sleep = time.sleep

    def recorded(seconds: float) -> None:
        taken.append(seconds)
        sleep(seconds)

    monkeypatch.setattr(tls_handshakes, "time", type("Clock", (), {
        "sleep": recorded, "monotonic": time.monotonic}))
    return taken


def test_a_server_that_always_resets_never_accepts_and_is_asked_again(
        pki: Pki, pauses: list[float]) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path)
    with resetting_tls_server(context, resets=1000) as server:
        result = probe_version(peer(server[0]), V12, enumerate_ciphers=True)
        connections = server[1]
        answering = answers_handshakes(peer(server[0]))
    assert not result.accepted
    # a reset mid-handshake is a refusal; one before it began leaves the version untested
    assert result.tested or result.error == "Server rejected the connection"
    assert connections >= 1 + CONFIRMATIONS
    # refused each time, the control handshake was reset too: the questions waited
    assert not answering
    assert pauses[:CONFIRMATIONS] == [0.05, 0.1]


def test_a_burst_of_resets_longer_than_the_questions_asked_at_once_is_outlasted(
        pki: Pki) -> None:
    """Every question asked at once is reset; the control handshake and the question after
    it are answered: the version is accepted, never believed refused on the burst alone."""
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             maximum=ssl.TLSVersion.TLSv1_2)
    with resetting_tls_server(context, resets=1 + CONFIRMATIONS) as server:
        result = probe_version(peer(server[0]), V12, enumerate_ciphers=True)
    assert result.accepted and result.complete and result.error == ""


@pytest.mark.parametrize("servers", [2, 3])
def test_behind_a_balancer_with_broken_servers_every_suite_is_still_found(
        pki: Pki, servers: int) -> None:
    """Only every 2nd (3rd) connection reaches the healthy server: the questions asked again
    on consecutive connections reach it (a control handshake between them would shift
    every question onto a broken server)."""
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             maximum=ssl.TLSVersion.TLSv1_2)
    with tls_server(context) as port:
        steady = probe_version(peer(port), V12, enumerate_ciphers=True)
    with resetting_tls_server(context, resets=0, healthy_every=servers) as server:
        balanced = probe_version(peer(server[0]), V12, enumerate_ciphers=True)
    assert balanced.accepted and balanced.complete and balanced.error == ""
    assert set(balanced.ciphers) == set(steady.ciphers)


def test_a_version_the_server_closes_on_is_confirmed_without_waiting(
        pki: Pki, pauses: list[float]) -> None:
    """OpenSSL closes the connection on an SSL 2.0 hello without an alert: abrupt, so asked
    again at once, and once more after the server answered a control handshake: confirmed
    0.05 s after the first refusal, not after pauses of 0.05 and 0.1 s."""
    context = server_context(pki.server.cert_path, pki.server.key_path)
    with tls_server(context) as port:
        result = probe_version(peer(port), TlsVersion.SSL2, enumerate_ciphers=True)
        answering = answers_handshakes(peer(port))
    assert not result.accepted and result.tested and result.error == ""
    assert answering
    # the last question waits only until 0.05 s have passed since the first refusal
    assert len(pauses) <= 1 and sum(pauses) <= 0.05


def test_a_declining_alert_counts_as_answering(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             client_ca=pki.ca.cert_path, maximum=ssl.TLSVersion.TLSv1_2)
    with tls_server(context) as port:  # requires a certificate the control does not send
        assert answers_handshakes(peer(port))


def test_silence_does_not_count_as_answering() -> None:
    with silent_server() as port:
        started = time.monotonic()
        answering = answers_handshakes(Peer("127.0.0.1", port, None, 0.3, Deadline.after(5)))
    assert not answering
    assert time.monotonic() - started < 0.3 + 0.5


def test_a_declining_alert_is_believed_at_once(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             minimum=ssl.TLSVersion.TLSv1_3)
    with resetting_tls_server(context, resets=0) as server:
        result = probe_version(peer(server[0]), V12, enumerate_ciphers=True)
        connections = server[1]
    assert not result.accepted and result.tested
    assert connections == len(cipher_groups(V12))  # an alert: no second question


@pytest.mark.parametrize("version", [V12, V13])
def test_one_reset_does_not_make_a_client_certificate_look_required(
        pki: Pki, version: TlsVersion) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             client_ca=pki.ca.cert_path)
    context.verify_mode = ssl.CERT_OPTIONAL
    with resetting_tls_server(context, resets=1) as server:
        answer, chain = client_auth(peer(server[0]), version)
    assert answer is ClientAuth.OPTIONAL
    assert chain


def test_a_required_client_certificate_is_still_found(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             client_ca=pki.ca.cert_path)
    with tls_server(context) as port:
        answer, _ = client_auth(peer(port), V13)
    assert answer is ClientAuth.REQUIRED
