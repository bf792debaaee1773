"""Single TLS handshakes through sslyze's engine (nassl): versions, cipher suites, client auth.

Cipher suites are enumerated by elimination: offer every suite the client knows for a version,
note the one the server picks, offer the rest again, until the server refuses. That costs one
handshake per accepted suite plus one, where testing each suite alone (sslyze's cipher-suite
commands) costs ~400 handshakes per server; the elimination finds the same set because a server
can only pick a suite it supports from what is offered. sslyze is imported only in functions.
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from voipscan.facts import TlsVersion
from voipscan.sources.host.tls_ciphers import weaknesses

if TYPE_CHECKING:
    from sslyze.connection_helpers.tls_connection import SslConnection
    from sslyze.server_connectivity import TlsVersionEnum

SIP_KEEPALIVE = b"\r\n\r\n"  # RFC 5626 double-CRLF ping: harmless to a SIP server


class ClientAuth(StrEnum):
    DISABLED = "disabled"
    OPTIONAL = "optional"
    REQUIRED = "required"


@dataclass(frozen=True)
class Peer:
    """Where to connect: an IP address (never resolved again), port and optional SNI name."""

    ip: str
    port: int
    server_name: str | None
    timeout: float


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


def _sslyze_version(version: TlsVersion) -> TlsVersionEnum:
    from sslyze.server_connectivity import TlsVersionEnum

    return TlsVersionEnum(version.rank + 1)


@functools.cache
def _modern_tls12_ciphers() -> frozenset[str]:
    """OpenSSL names nassl's modern OpenSSL build knows for TLS 1.2."""
    from nassl.ssl_client import OpenSslVerifyEnum, OpenSslVersionEnum, SslClient

    client = SslClient(ssl_version=OpenSslVersionEnum.TLSV1_2, ssl_verify=OpenSslVerifyEnum.NONE)
    client.set_cipher_list("ALL:COMPLEMENTOFALL")
    return frozenset(client.get_cipher_list())


def cipher_groups(version: TlsVersion) -> list[tuple[bool, dict[str, str]]]:
    """(use legacy OpenSSL?, OpenSSL name -> IANA name) groups to offer for ``version``.

    TLS 1.2 suites go to the modern OpenSSL (faster, and what real clients send) unless they
    are weak: only the legacy build really offers those, so it tests them and whatever the
    modern build does not know.
    """
    from sslyze.plugins.openssl_cipher_suites.cipher_suites import CipherSuitesRepository

    suites = {s.openssl_name: s.name
              for s in CipherSuitesRepository.get_all_cipher_suites(_sslyze_version(version))}
    if version is TlsVersion.TLS1_3:
        return [(False, suites)]
    if version is not TlsVersion.TLS1_2:
        return [(True, suites)]
    modern_names = _modern_tls12_ciphers()
    modern = {k: v for k, v in suites.items()
              if k in modern_names and not weaknesses(v, version)}
    legacy = {k: v for k, v in suites.items() if k not in modern}
    return [(False, modern), (True, legacy)]


def _connection(peer: Peer, version: TlsVersion, *, legacy: bool,
                ignore_client_auth: bool) -> SslConnection:
    from sslyze.connection_helpers.tls_connection import SslConnection
    from sslyze.server_setting import ServerNetworkConfiguration, ServerNetworkLocation

    location = ServerNetworkLocation(peer.server_name or peer.ip, peer.port, ip_address=peer.ip)
    config = ServerNetworkConfiguration(
        tls_server_name_indication=peer.server_name or peer.ip,
        network_timeout=max(1, math.ceil(peer.timeout)),
        network_max_retries=1,
    )
    return SslConnection(
        server_location=location,
        network_configuration=config,
        tls_version=_sslyze_version(version),
        should_ignore_client_auth=ignore_client_auth,
        should_use_legacy_openssl=legacy,
        should_enable_server_name_indication=peer.server_name is not None,
    )


def handshake(peer: Peer, version: TlsVersion, ciphers: list[str], *, legacy: bool) -> Outcome:
    """One handshake offering ``ciphers`` (OpenSSL names) and no client certificate."""
    from nassl._nassl import OpenSSLError
    from nassl.ssl_client import ClientCertificateRequested, SslClient
    from sslyze.connection_helpers.tls_connection import NoCiphersAvailableBugInSSlyze
    from sslyze.errors import (
        ConnectionToServerFailed,
        ServerRejectedTlsHandshake,
        ServerTlsConfigurationNotSupported,
        TlsHandshakeTimedOut,
    )

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
    except ServerRejectedTlsHandshake:
        return Outcome(False)
    except TlsHandshakeTimedOut:
        return Outcome(False, error="TLS handshake timed out")
    except ServerTlsConfigurationNotSupported as error:
        return Outcome(False, error=f"server choice not usable: {error.error_message}")
    except NoCiphersAvailableBugInSSlyze:
        return Outcome(False)
    except ConnectionToServerFailed as error:
        return Outcome(False, error=error.error_message)
    except (OSError, OpenSSLError, ValueError) as error:
        return Outcome(False, error=f"{type(error).__name__}: {error}")
    finally:
        connection.close()


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


def probe_version(peer: Peer, version: TlsVersion, *, enumerate_ciphers: bool,
                  deadline: float) -> VersionResult:
    """Is ``version`` accepted, and with which suites (all of them when enumerating)?"""
    accepted: list[str] = []
    requested = False
    chain: tuple[str, ...] = ()
    for legacy, names in cipher_groups(version):
        remaining = dict(names)
        while remaining:
            if time.monotonic() >= deadline:
                return VersionResult(version, bool(accepted), tuple(accepted), False, requested,
                                     chain, "time budget exhausted")
            outcome = handshake(peer, version, list(remaining), legacy=legacy)
            if outcome.error:
                return VersionResult(version, bool(accepted), tuple(accepted), False, requested,
                                     chain, outcome.error)
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
                found = _split_search(peer, version, list(remaining), legacy, deadline)
                accepted.extend(remaining[name] for name in found)
                break
            accepted.append(remaining.pop(str(outcome.cipher)))
    return VersionResult(version, bool(accepted), tuple(accepted), enumerate_ciphers,
                         requested, chain)


def _split_search(peer: Peer, version: TlsVersion, names: list[str], legacy: bool,
                  deadline: float) -> list[str]:
    """All accepted suites among ``names``, known to hold at least one, by halving."""
    if len(names) == 1 or time.monotonic() >= deadline:
        return names[:1]
    left, right = names[: len(names) // 2], names[len(names) // 2:]
    found = []
    if handshake(peer, version, left, legacy=legacy).accepted:
        found += _split_search(peer, version, left, legacy, deadline)
        if handshake(peer, version, right, legacy=legacy).accepted:
            found += _split_search(peer, version, right, legacy, deadline)
    else:
        found += _split_search(peer, version, right, legacy, deadline)
    return found


def client_auth(peer: Peer, version: TlsVersion) -> tuple[ClientAuth | None, tuple[str, ...]]:
    """Required or optional? Handshakes that decline to present a certificate tell.

    Returns the requirement (None when the answer was unclear) and the chain seen, which is
    the only way to see a TLS 1.3 server's chain when it insists on a client certificate.
    """
    for legacy, names in cipher_groups(version):
        answer, chain = _client_auth_once(peer, version, legacy, list(names))
        if answer is not ClientAuth.REQUIRED:
            return answer, chain
    return ClientAuth.REQUIRED, ()


def _client_auth_once(peer: Peer, version: TlsVersion, legacy: bool,
                      ciphers: list[str]) -> tuple[ClientAuth | None, tuple[str, ...]]:
    from nassl._nassl import OpenSSLError
    from nassl.ssl_client import ClientCertificateRequested, SslClient
    from sslyze.errors import ConnectionToServerFailed, ServerRejectedTlsHandshake

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
