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
from tests.sources.host.pki import Pki, Spec, issue, make_pki
from tests.sources.host.tls_servers import (
    closed_port,
    server_context,
    silent_server,
    sip_server,
    tls_server,
)
from voipscan.checks import REGISTRY, CheckContext, Finding, Status
from voipscan.facts import SipTransport, System, TlsVersion
from voipscan.sources.host import tls_audit, tls_handshakes
from voipscan.sources.host.deadline import Deadline
from voipscan.sources.host.tls_audit import (
    AuditStatus,
    ClientAuth,
    TlsAudit,
    TlsEndpoint,
    audit,
    audit_deadline,
    audit_many,
    transport_facts,
)
from voipscan.sources.host.tls_handshakes import CONFIRMATIONS, Peer

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
    assert result.versions == {V12, V13}, (result.versions_tested, result.problems)
    assert {c.name for c in result.ciphers if c.version is V13} >= {"TLS_AES_128_GCM_SHA256"}
    facts = transport_facts(result, "kamailio-tls")
    (tls13,) = findings("signalling.tls13", facts)
    assert tls13.status is Status.PASS
    assert tls13.message == "TLS 1.3 offered (also accepts TLSv1.2)."
    assert tls13.evidence[0].value == "TLSv1.2, TLSv1.3"
    assert tls13.evidence[0].source is not None and tls13.evidence[0].source.kind == "probe"
    # Kamailio's default cipher list: nothing broken, but CBC and static-RSA suites that
    # Mozilla intermediate (the default cipher policy) does not allow
    assert facts.weak_ciphers.value == ()
    (ciphers,) = findings("signalling.tls_weak_ciphers", facts)
    assert ciphers.status is Status.FAIL and "outside the cipher policy intermediate" in \
        ciphers.message
    assert "TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA (no forward secrecy" in ciphers.message or \
        "CBC mode" in ciphers.message
    assert status("signalling.tls_certificate", facts) is Status.PASS
    assert status("signalling.tls_mutual_auth", facts) is Status.FAIL
    assert result.client_auth is ClientAuth.DISABLED
    assert result.certificate is not None
    assert result.certificate.chain_valid is True
    assert "URI:sip:pbx.test.invalid" in result.certificate.alt_names


@pytest.mark.integration
def test_tls13_only_kamailio(tmp_path: Path) -> None:
    result = kamailio_audit(tmp_path, TlsMode.TLS13_ONLY)
    assert result.versions == {V13}, (result.versions_tested, result.problems)
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
    # one per version, and the SSLv2 hello asked again at once and once more after a control
    # handshake: Kamailio closes on it without an alert
    assert count <= len(TlsVersion) + CONFIRMATIONS + 1
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


def test_an_endpoint_given_twice_is_audited_once(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             maximum=ssl.TLSVersion.TLSv1_2)
    with tls_server(context) as port:
        first, second = audit_many([("127.0.0.1", port)] * 2, timeout=TIMEOUT)
    assert first.status is AuditStatus.COMPLETE, first.problems
    assert first.ciphers == second.ciphers and first.ciphers_complete
    assert len(set(first.ciphers)) == len(first.ciphers)


def test_the_deadline_cuts_a_slow_audit_short(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path)
    with tls_server(context, delay=0.2) as port:  # every handshake takes 0.2 s or more
        started = time.monotonic()
        result = audit("127.0.0.1", port, timeout=TIMEOUT, deadline=Deadline.after(0.8))
        elapsed = time.monotonic() - started
    assert result.status is AuditStatus.PARTIAL
    assert any("budget" in p for p in result.problems)
    assert "sslyze: no result before the deadline" in result.problems
    assert elapsed < 0.8 + 0.3
    facts = transport_facts(result, "t")
    assert facts.weak_ciphers.value is None


def test_the_deadline_bounds_the_pre_flight_too() -> None:
    with silent_server() as port:
        started = time.monotonic()
        result = audit("127.0.0.1", port, timeout=5.0, deadline=Deadline.after(0.3))
        elapsed = time.monotonic() - started
    assert result.status is AuditStatus.TIMEOUT
    assert elapsed < 0.3 + 0.5


def test_default_deadline_is_the_timeout_plus_the_audit_budget() -> None:
    before = time.monotonic()
    assert before + 1 + 30 <= audit_deadline(1).at <= time.monotonic() + 1 + 30
    assert before + 5 + 50 <= audit_deadline(5).at <= time.monotonic() + 5 + 50


# which engine decides which fact (see the table in tls_audit)

def test_required_client_certificate_is_found_by_our_handshakes_in_a_full_audit(
        pki: Pki, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[TlsVersion] = []
    real = tls_audit.client_auth

    def recording(peer: Peer, version: TlsVersion) -> object:
        asked.append(version)
        return real(peer, version)

    monkeypatch.setattr(tls_audit, "client_auth", recording)
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             client_ca=pki.ca.cert_path)
    with tls_server(context) as port:
        result = audit("127.0.0.1", port, timeout=TIMEOUT, ca_file=pki.ca.cert_path)
    assert result.status is AuditStatus.COMPLETE, result.problems
    assert result.client_auth is ClientAuth.REQUIRED
    assert set(asked) == {V12, V13}
    assert result.certificate is not None and result.certificate.chain_valid is True
    # sslyze still runs its own commands, and says why renegotiation went untested
    assert result.problems == (
        "session_renegotiation: not tested, the server requires a client certificate",)
    assert result.heartbleed is False


def test_optional_client_certificate_in_a_light_audit(pki: Pki) -> None:
    context = server_context(pki.server.cert_path, pki.server.key_path,
                             client_ca=pki.ca.cert_path)
    context.verify_mode = ssl.CERT_OPTIONAL
    with tls_server(context) as port:
        result = audit("127.0.0.1", port, timeout=TIMEOUT, light=True)
    assert result.client_auth is ClientAuth.OPTIONAL
    assert transport_facts(result, "t").client_cert_required.value is False
    assert result.heartbleed is None  # sslyze's facts: not determined in a light audit


def test_sip_uri_certificate_scanned_by_ip_is_trusted_by_path_validation(
        tmp_path: Path, pki: Pki) -> None:
    # sslyze's path validation would demand a DNS or IP name and reject this certificate
    uri_only = issue(tmp_path, "uri", Spec("pbx.example.com", uris=("sip:pbx.example.com",)),
                     pki.ca)
    context = server_context(uri_only.cert_path, uri_only.key_path)
    with tls_server(context) as port:
        result = audit("127.0.0.1", port, timeout=TIMEOUT, ca_file=pki.ca.cert_path)
    assert result.status is AuditStatus.COMPLETE, result.problems
    assert result.certificate is not None
    assert result.certificate.chain_valid is True
    assert result.certificate.name_match.matched is None  # scanned by IP, no SIP domain given
    assert result.secure_renegotiation is True
