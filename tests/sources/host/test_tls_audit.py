"""SIP-TLS audits against a real Kamailio and loopback servers, judged through the checks.

Kamailio 5.6.3 + OpenSSL 3 can corrupt its memory under repeated TLS scans, so every test
starts its own server and results are judged by their content.
"""

from __future__ import annotations

import datetime as dt
import ssl
import time
from pathlib import Path

import pytest

from tests.sources.host.kamailio import TlsMode, kamailio
from tests.sources.host.pki import Pki, make_pki
from tests.sources.host.tls_servers import (
    closed_port,
    server_context,
    silent_server,
    sip_server,
    tls_server,
)
from voipscan.checks import REGISTRY, CheckContext, Finding, Status
from voipscan.facts import SipTransport, System, TlsVersion
from voipscan.sources.host import tls_handshakes
from voipscan.sources.host.tls_audit import (
    AuditStatus,
    ClientAuth,
    TlsAudit,
    TlsEndpoint,
    audit,
    audit_many,
    transport_facts,
)

V12, V13 = TlsVersion.TLS1_2, TlsVersion.TLS1_3
TIMEOUT = 1.0


def findings(check_id: str, *transports: SipTransport) -> list[Finding]:
    check = REGISTRY[check_id]
    system = System("kamailio", transports=transports, transports_known=True)
    ctx = CheckContext(check, system, check.default_params(), dt.datetime.now(dt.UTC))
    return list(check.run(ctx))


def status(check_id: str, transport: SipTransport) -> Status:
    (finding,) = findings(check_id, transport)
    return finding.status


def kamailio_audit(directory: Path, mode: TlsMode, *, light: bool = False) -> TlsAudit:
    with kamailio(directory, tls=mode) as server:
        result = audit(server.host, server.tls, timeout=2, light=light,
                       ca_file=server.pki.ca.cert_path)
    assert result.status.answered, result
    return result


@pytest.mark.integration
def test_tls12_only_kamailio_fails_tls13_check(tmp_path: Path) -> None:
    result = kamailio_audit(tmp_path, TlsMode.TLS12)
    assert V12 in result.versions and V13 not in result.versions
    assert V13 in result.versions_tested
    facts = transport_facts(result, "kamailio-tls")
    assert status("signalling.tls13", facts) is Status.FAIL
    assert status("signalling.tls_min_version", facts) is Status.PASS


@pytest.mark.integration
def test_tls12_plus_kamailio_passes_and_says_tls12_is_still_accepted(tmp_path: Path) -> None:
    result = kamailio_audit(tmp_path, TlsMode.TLS12_PLUS)
    assert result.versions == {V12, V13}
    assert {c.name for c in result.ciphers if c.version is V13} >= {"TLS_AES_128_GCM_SHA256"}
    facts = transport_facts(result, "kamailio-tls")
    (tls13,) = findings("signalling.tls13", facts)
    assert tls13.status is Status.PASS
    assert tls13.message == "TLS 1.3 offered (also accepts TLSv1.2)."
    assert tls13.evidence[0].value == "TLSv1.2, TLSv1.3"
    assert tls13.evidence[0].source is not None and tls13.evidence[0].source.kind == "probe"
    assert status("signalling.tls_weak_ciphers", facts) is Status.PASS
    assert status("signalling.tls_certificate", facts) is Status.PASS
    assert status("signalling.tls_mutual_auth", facts) is Status.FAIL
    assert result.client_auth is ClientAuth.DISABLED
    assert result.certificate is not None
    assert result.certificate.chain_valid is True
    assert "URI:sip:pbx.test.invalid" in result.certificate.alt_names


@pytest.mark.integration
def test_tls13_only_kamailio(tmp_path: Path) -> None:
    result = kamailio_audit(tmp_path, TlsMode.TLS13_ONLY)
    assert result.versions == {V13}
    (tls13,) = findings("signalling.tls13", transport_facts(result, "t"))
    assert tls13.message == "TLS 1.3 offered."


@pytest.mark.integration
def test_mutual_tls_kamailio_requires_a_client_certificate(tmp_path: Path) -> None:
    result = kamailio_audit(tmp_path, TlsMode.MUTUAL)
    assert result.client_auth is ClientAuth.REQUIRED
    assert result.versions == {V12, V13}
    facts = transport_facts(result, "kamailio-mtls")
    assert facts.client_cert_required.value is True
    assert status("signalling.tls_mutual_auth", facts) is Status.PASS
    assert result.certificate is not None  # read even though the handshake stops early


@pytest.mark.integration
def test_light_audit_needs_few_handshakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    count = 0
    real = tls_handshakes.handshake

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal count
        count += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tls_handshakes, "handshake", counting)
    result = kamailio_audit(tmp_path, TlsMode.MUTUAL, light=True)
    assert result.versions == {V12, V13}
    assert result.client_auth is ClientAuth.REQUIRED
    assert count <= len(TlsVersion)
    facts = transport_facts(result, "t")
    assert facts.weak_ciphers.value is None  # not enumerated in light mode: unknown, not "none"
    assert result.certificate is not None


@pytest.mark.integration
def test_kamailio_plain_tcp_listener_is_not_tls(tmp_path: Path) -> None:
    with kamailio(tmp_path) as server:
        started = time.monotonic()
        result = audit(server.host, server.tcp, timeout=TIMEOUT)
        elapsed = time.monotonic() - started
    # Kamailio usually waits for a SIP message; now and then the random bytes of the
    # ClientHello make it drop the connection instead: either way, not TLS
    assert result.status in (AuditStatus.TIMEOUT, AuditStatus.NOT_TLS)
    assert elapsed <= TIMEOUT + 1


# loopback servers (no external binary)

@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


def test_closed_port_is_unreachable_at_once() -> None:
    started = time.monotonic()
    result = audit("127.0.0.1", closed_port(), timeout=TIMEOUT)
    assert result.status is AuditStatus.UNREACHABLE
    assert result.error == "connection refused"
    assert time.monotonic() - started <= TIMEOUT + 1
    facts = transport_facts(result, "gone")
    assert facts.protocol.value is None
    assert "unreachable" in facts.protocol.note


def test_silent_peer_times_out_within_the_timeout() -> None:
    with silent_server() as port:
        started = time.monotonic()
        result = audit("127.0.0.1", port, timeout=TIMEOUT)
        elapsed = time.monotonic() - started
    assert result.status is AuditStatus.TIMEOUT
    assert "no TLS answer" in result.error
    assert elapsed <= TIMEOUT + 1


def test_plain_sip_answer_is_not_tls() -> None:
    with sip_server() as port:
        result = audit("127.0.0.1", port, timeout=TIMEOUT)
    assert result.status is AuditStatus.NOT_TLS
    assert "not with TLS" in result.error


def test_audit_many_keeps_order_and_bounds_silent_peers(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             maximum=ssl.TLSVersion.TLSv1_2)
    with tls_server(context) as first, tls_server(context) as second, silent_server() as mute:
        gone = closed_port()
        started = time.monotonic()
        results = audit_many(
            [TlsEndpoint("127.0.0.1", first), ("127.0.0.1", gone), ("127.0.0.1", mute),
             TlsEndpoint("127.0.0.1", second, server_name="pbx.test.invalid")],
            timeout=TIMEOUT, light=True, ca_file=pki.ca.cert_path,
        )
        elapsed = time.monotonic() - started
    assert [r.status for r in results] == [AuditStatus.COMPLETE, AuditStatus.UNREACHABLE,
                                           AuditStatus.TIMEOUT, AuditStatus.COMPLETE]
    assert [r.port for r in results] == [first, gone, mute, second]
    assert results[0].versions == {V12}
    named = results[3].certificate
    assert named is not None and named.name_match.matched is True  # sip: URI SAN
    assert elapsed <= TIMEOUT + 1


def test_exhausted_budget_gives_a_partial_audit(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path)
    with tls_server(context) as port:
        result = audit("127.0.0.1", port, timeout=TIMEOUT, budget=0)
    assert result.status is AuditStatus.PARTIAL
    assert any("budget" in p for p in result.problems)
    facts = transport_facts(result, "t")
    assert facts.weak_ciphers.value is None
