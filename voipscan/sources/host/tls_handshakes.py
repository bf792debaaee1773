"""Single TLS handshakes through sslyze's engine (nassl): versions, cipher suites, client auth.

Cipher suites are enumerated by elimination: offer every suite the client knows for a version,
note the one the server picks, offer the rest again, until the server refuses. That costs one
handshake per accepted suite plus one, where testing each suite alone (sslyze's cipher-suite
commands) costs ~400 handshakes per server; the elimination finds the same set because a server
can only pick a suite it supports from what is offered.

No handshake starts after the audit's deadline, and none waits on the network longer than the
timeout or what is left of the deadline (rounded up to whole seconds, sslyze's unit).
"""

from __future__ import annotations

import functools
import socket
import ssl
import time
from dataclasses import dataclass
from enum import StrEnum

from nassl._nassl import OpenSSLError  # nassl defines its OpenSSL error only here
from nassl.ssl_client import (
    ClientCertificateRequested,
    OpenSslVerifyEnum,
    OpenSslVersionEnum,
    SslClient,
)
from sslyze.connection_helpers.tls_connection import NoCiphersAvailableBugInSSlyze, SslConnection
from sslyze.errors import (
    ConnectionToServerFailed,
    ServerRejectedConnection,
    ServerRejectedTlsHandshake,
    ServerTlsConfigurationNotSupported,
    TlsHandshakeTimedOut,
)
from sslyze.plugins.openssl_cipher_suites.cipher_suites import CipherSuitesRepository
from sslyze.server_connectivity import TlsVersionEnum
from sslyze.server_setting import ServerNetworkConfiguration, ServerNetworkLocation

from voipscan.facts import TlsVersion
from voipscan.sources.host.deadline import Deadline
from voipscan.sources.host.tls_ciphers import weaknesses

SIP_KEEPALIVE = b"\r\n\r\n"  # RFC 5626 double-CRLF ping: harmless to a SIP server
BUDGET_EXHAUSTED = "time budget exhausted"


class ClientAuth(StrEnum):
    DISABLED = "disabled"
    OPTIONAL = "optional"
    REQUIRED = "required"


@dataclass(frozen=True)
class Peer:
    """Where to connect (an IP address, never resolved again; port; optional SNI name) and
    within what limits: ``timeout`` per network wait, ``deadline`` for the whole audit."""

    ip: str
    port: int
    server_name: str | None
    timeout: float
    deadline: Deadline

    def network_timeout(self) -> int:
        return self.deadline.whole_seconds(self.timeout)


@dataclass(frozen=True)
class VersionResult:
    version: TlsVersion
    accepted: bool
    ciphers: tuple[str, ...] = ()
    complete: bool = False
    client_cert_requested: bool = False
    chain: tuple[str, ...] = ()
    error: str = ""

    @property
    def tested(self) -> bool:
        return self.accepted or not self.error


@dataclass(frozen=True)
class Outcome:
    """One handshake: accepted or not, the suite the server chose (when readable)."""

    accepted: bool
    cipher: str | None = None
    client_cert_requested: bool = False
    chain: tuple[str, ...] = ()
    error: str = ""
    abrupt: bool = False
    """Refused or failed by a reset or a close, not by a TLS alert that says why."""


# what a server says when it declines a version or every offered suite (sslyze's wording)
_DECLINED = ("handshake failure", "protocol version", "wrong version number", "wrong SSL version",
             "no cipher", "insufficient security")
CONFIRMATIONS = 2  # an abrupt refusal is asked again this many times before it counts
_PAUSE = 0.05  # seconds before asking again, doubled each time


SSLYZE_VERSIONS = {
    TlsVersion.SSL2: TlsVersionEnum.SSL_2_0,
    TlsVersion.SSL3: TlsVersionEnum.SSL_3_0,
    TlsVersion.TLS1_0: TlsVersionEnum.TLS_1_0,
    TlsVersion.TLS1_1: TlsVersionEnum.TLS_1_1,
    TlsVersion.TLS1_2: TlsVersionEnum.TLS_1_2,
    TlsVersion.TLS1_3: TlsVersionEnum.TLS_1_3,
}


@functools.cache
def _modern_tls12_ciphers() -> frozenset[str]:
    """OpenSSL names nassl's modern OpenSSL build knows for TLS 1.2."""
    client = SslClient(ssl_version=OpenSslVersionEnum.TLSV1_2, ssl_verify=OpenSslVerifyEnum.NONE)
    client.set_cipher_list("ALL:COMPLEMENTOFALL")
    return frozenset(client.get_cipher_list())


def cipher_groups(version: TlsVersion) -> list[tuple[bool, dict[str, str]]]:
    """(use legacy OpenSSL?, OpenSSL name -> IANA name) groups to offer for ``version``.

    TLS 1.2 suites go to the modern OpenSSL (faster, and what real clients send) unless they
    are weak: only the legacy build really offers those, so it tests them and whatever the
    modern build does not know.
    """
    suites = {s.openssl_name: s.name
              for s in CipherSuitesRepository.get_all_cipher_suites(SSLYZE_VERSIONS[version])}
    if version is TlsVersion.TLS1_3:
        return [(False, suites)]
    if version is not TlsVersion.TLS1_2:
        return [(True, suites)]
    modern_names = _modern_tls12_ciphers()
    modern = {k: v for k, v in suites.items()
              if k in modern_names and not weaknesses(v, version)}
    legacy = {k: v for k, v in suites.items() if k not in modern}
    return [(False, modern), (True, legacy)]


def sslyze_location(peer: Peer) -> tuple[ServerNetworkLocation, ServerNetworkConfiguration]:
    """The peer as sslyze addresses it: by IP (no DNS), one try, within the deadline."""
    location = ServerNetworkLocation(peer.server_name or peer.ip, peer.port, ip_address=peer.ip)
    config = ServerNetworkConfiguration(
        tls_server_name_indication=peer.server_name or peer.ip,
        network_timeout=peer.network_timeout(),
        network_max_retries=1,
    )
    return location, config


def _connection(peer: Peer, version: TlsVersion, *, legacy: bool,
                ignore_client_auth: bool) -> SslConnection:
    location, config = sslyze_location(peer)
    return SslConnection(
        server_location=location,
        network_configuration=config,
        tls_version=SSLYZE_VERSIONS[version],
        should_ignore_client_auth=ignore_client_auth,
        should_use_legacy_openssl=legacy,
        should_enable_server_name_indication=peer.server_name is not None,
    )


def handshake(peer: Peer, version: TlsVersion, ciphers: list[str], *, legacy: bool) -> Outcome:
    """One handshake offering ``ciphers`` (OpenSSL names) and no client certificate."""
    connection = _connection(peer, version, legacy=legacy, ignore_client_auth=False)
    client = connection.ssl_client
    try:
        if version is TlsVersion.TLS1_3 and isinstance(client, SslClient):
            client.set_ciphersuites(":".join(ciphers))
        else:
            client.set_cipher_list(":".join(ciphers))
        requested = False
        try:
            connection.connect(should_retry_connection=False)
        except ClientCertificateRequested:
            requested = True  # the server accepted version and suite, then asked who we are
        return Outcome(True, _cipher_name(connection), requested, _chain(connection))
    except ServerRejectedTlsHandshake as error:
        return Outcome(False, abrupt=not any(w in error.error_message for w in _DECLINED))
    except TlsHandshakeTimedOut:
        return Outcome(False, error="TLS handshake timed out")
    except ServerTlsConfigurationNotSupported as error:
        return Outcome(False, error=f"server choice not usable: {error.error_message}")
    except NoCiphersAvailableBugInSSlyze:
        return Outcome(False)
    except ServerRejectedConnection as error:  # reset before the handshake began
        return Outcome(False, error=error.error_message, abrupt=True)
    except ConnectionToServerFailed as error:
        return Outcome(False, error=error.error_message)
    except (OSError, OpenSSLError, ValueError) as error:
        return Outcome(False, error=f"{type(error).__name__}: {error}")
    finally:
        connection.close()


def confirmed_handshake(peer: Peer, version: TlsVersion, ciphers: list[str], *,
                        legacy: bool) -> Outcome:
    """A handshake whose refusal is believed only when the server declined with an alert or
    refused the same way again: a busy or failing server that resets connections for a while
    must not make a version or a suite look unsupported (nor, reset before the handshake,
    leave it untested).

    An abrupt refusal is asked again at once, ``CONFIRMATIONS`` times, on consecutive
    connections: behind a round-robin balancer they reach as many servers. Refused each
    time, it is asked once more, no sooner than ``_PAUSE`` after the first refusal and right
    after a control handshake (anything the server likes) showed the server answering, and
    then believed. While the control is not answered, the question waits for the server to
    recover (``_PAUSE``, doubled each time). Servers that close on a version they do not
    speak (OpenSSL 3 on an SSL 2.0 hello, an internal-error alert for TLS 1.0 without usable
    suites) are so confirmed in ``_PAUSE``, not in three pauses."""
    started = time.monotonic()
    outcome = handshake(peer, version, ciphers, legacy=legacy)
    for _ in range(CONFIRMATIONS):
        if outcome.accepted or not outcome.abrupt:
            return outcome
        outcome = handshake(peer, version, ciphers, legacy=legacy)
    pause = _PAUSE
    for _ in range(CONFIRMATIONS):
        if outcome.accepted or not outcome.abrupt:
            break
        answering = answers_handshakes(peer)
        wait = max(0.0, started + pause - time.monotonic()) if answering else pause
        if peer.deadline.remaining() < wait:
            break
        if wait:
            time.sleep(wait)
        pause *= 2
        outcome = handshake(peer, version, ciphers, legacy=legacy)
        if answering:
            break
    return outcome


def offering_everything() -> ssl.SSLContext:
    """A stdlib client context that offers every version and suite it has and verifies
    nothing: for asking whether a peer speaks TLS at all."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    context.set_ciphers("ALL:@SECLEVEL=0")
    return context


def answers_handshakes(peer: Peer) -> bool:
    """One stdlib handshake offering every version and suite: True when the server completed
    it or declined it with an alert, False on a reset, a close or silence."""
    wait = min(peer.timeout, peer.deadline.remaining())
    if wait <= 0:
        return False
    try:
        with socket.create_connection((peer.ip, peer.port), timeout=wait) as sock, \
                offering_everything().wrap_socket(sock, server_hostname=peer.server_name):
            return True
    except ssl.SSLError as error:
        return "ALERT" in (error.reason or "")
    except OSError:
        return False


def _chain(connection: SslConnection) -> tuple[str, ...]:
    try:
        return tuple(connection.ssl_client.get_received_chain())
    except ValueError:  # anonymous suites: no certificate at all
        return ()


def _cipher_name(connection: SslConnection) -> str | None:
    try:
        return connection.ssl_client.get_current_cipher_name() or None
    except Exception:  # nassl raises when OpenSSL has no current cipher
        return None


def probe_version(peer: Peer, version: TlsVersion, *, enumerate_ciphers: bool) -> VersionResult:
    """Is ``version`` accepted, and with which suites (all of them when enumerating)?"""
    accepted: list[str] = []
    requested = False
    chain: tuple[str, ...] = ()

    def cut_short(why: str) -> VersionResult:
        return VersionResult(version, bool(accepted), tuple(accepted), False, requested, chain,
                             why)

    for legacy, names in cipher_groups(version):
        remaining = dict(names)
        while remaining:
            if peer.deadline.passed:
                return cut_short(BUDGET_EXHAUSTED)
            outcome = confirmed_handshake(peer, version, list(remaining), legacy=legacy)
            if outcome.error:
                return cut_short(outcome.error)
            if not outcome.accepted:
                break
            requested = requested or outcome.client_cert_requested
            chain = chain or outcome.chain
            if not enumerate_ciphers:
                seen = remaining.get(outcome.cipher or "")
                return VersionResult(version, True, (seen,) if seen else (), False, requested,
                                     chain)
            if outcome.cipher not in remaining:
                # TLS 1.2 asking for a client certificate hides the suite from modern OpenSSL
                found, stopped = _split_search(peer, version, list(remaining), legacy)
                accepted.extend(remaining[name] for name in found)
                if stopped:
                    return cut_short(stopped)
                break
            accepted.append(remaining.pop(str(outcome.cipher)))
    return VersionResult(version, bool(accepted), tuple(accepted), enumerate_ciphers,
                         requested, chain)


def _split_search(peer: Peer, version: TlsVersion, names: list[str],
                  legacy: bool) -> tuple[list[str], str]:
    """All accepted suites among ``names``, known to hold at least one, by halving; and why
    the search stopped short ("" when it did not)."""
    if len(names) == 1:
        return names, ""
    if peer.deadline.passed:
        return [], BUDGET_EXHAUSTED
    left, right = names[: len(names) // 2], names[len(names) // 2:]
    outcome = confirmed_handshake(peer, version, left, legacy=legacy)
    if outcome.error:
        return [], outcome.error
    if not outcome.accepted:
        return _split_search(peer, version, right, legacy)
    found, stopped = _split_search(peer, version, left, legacy)
    if stopped:
        return found, stopped
    if peer.deadline.passed:
        return found, BUDGET_EXHAUSTED
    outcome = confirmed_handshake(peer, version, right, legacy=legacy)
    if outcome.error:
        return found, outcome.error
    if outcome.accepted:
        more, stopped = _split_search(peer, version, right, legacy)
        found += more
    return found, stopped


def client_auth(peer: Peer, version: TlsVersion) -> tuple[ClientAuth | None, tuple[str, ...]]:
    """Required or optional? Handshakes that decline to present a certificate tell.

    Returns the requirement (None when the answer was unclear) and the chain seen, which is
    the only way to see a TLS 1.3 server's chain when it insists on a client certificate.
    """
    chain: tuple[str, ...] = ()
    for legacy, names in cipher_groups(version):
        # "required" is read from a refusal, so one reset must neither fake nor hide it:
        # it takes two refusals in at most three questions; one completed handshake is final
        refusals = 0
        for _ in range(3):
            if peer.deadline.passed:
                return None, chain
            answer, seen = _client_auth_once(peer, version, legacy, list(names))
            chain = chain or seen
            if answer is ClientAuth.OPTIONAL:
                return answer, chain
            refusals += answer is ClientAuth.REQUIRED
            if refusals == 2:
                break
        if refusals < 2:
            return None, chain
    return ClientAuth.REQUIRED, chain


def _client_auth_once(peer: Peer, version: TlsVersion, legacy: bool,
                      ciphers: list[str]) -> tuple[ClientAuth | None, tuple[str, ...]]:
    connection = _connection(peer, version, legacy=legacy, ignore_client_auth=True)
    client = connection.ssl_client
    chain: tuple[str, ...] = ()
    try:
        if version is TlsVersion.TLS1_3 and isinstance(client, SslClient):
            client.set_ciphersuites(":".join(ciphers))
        else:
            client.set_cipher_list(":".join(ciphers))
        connection.connect(should_retry_connection=False)
        chain = _chain(connection)
        if version is TlsVersion.TLS1_3:
            # TLS 1.3 servers judge the (empty) client certificate after the handshake
            client.write(SIP_KEEPALIVE)
            client.read(1)
        return ClientAuth.OPTIONAL, chain
    except (ClientCertificateRequested, ServerRejectedTlsHandshake):
        return ClientAuth.REQUIRED, chain
    except TimeoutError:
        return ClientAuth.OPTIONAL, chain
    except OpenSSLError as error:
        return (ClientAuth.REQUIRED if "alert" in str(error).lower() else None), chain
    except ConnectionToServerFailed:
        return None, chain
    except OSError:
        return ClientAuth.REQUIRED, chain  # closed on us instead of answering the keepalive
    finally:
        connection.close()
