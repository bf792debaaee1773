"""Single handshakes against loopback servers that reset connections: a refusal counts only
when the server declined with an alert or refused the same way again."""

from __future__ import annotations

import ssl

import pytest

from tests.sources.host.pki import Pki, make_pki
from tests.sources.host.tls_servers import resetting_tls_server, server_context, tls_server
from voipscan.facts import TlsVersion
from voipscan.sources.host.deadline import Deadline
from voipscan.sources.host.tls_handshakes import (
    CONFIRMATIONS,
    ClientAuth,
    Peer,
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


def test_a_server_that_always_resets_never_accepts_and_is_asked_again(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path)
    with resetting_tls_server(context, resets=1000) as server:
        result = probe_version(peer(server[0]), V12, enumerate_ciphers=True)
        connections = server[1]
    assert not result.accepted
    # a reset mid-handshake is a refusal; one before it began leaves the version untested
    assert result.tested or result.error == "Server rejected the connection"
    assert connections >= 1 + CONFIRMATIONS


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
