"""The TLS client side of the probes: an optional client certificate (mutual TLS), and what a
failed handshake or a TLS alert says about the server.

A server that requires a client certificate refuses a client without one: over TLS 1.3 with
alert 116 ``certificate_required`` (OpenSSL: TLSV13_ALERT_CERTIFICATE_REQUIRED), usually on
the client's first read after the handshake; over TLS 1.2 with a ``handshake_failure`` alert
during the handshake. The key file is read by OpenSSL only; its path and content are never
printed.
"""

from __future__ import annotations

import contextlib
import ssl
from dataclasses import dataclass
from pathlib import Path

from voipscan.errors import InputError

CERTIFICATE_REQUIRED = "TLSV13_ALERT_CERTIFICATE_REQUIRED"
# alerts a server sends when it rejects the certificate a client presented (RFC 8446 sec. 6.2)
_CERTIFICATE_REJECTED = ("SSLV3_ALERT_BAD_CERTIFICATE", "TLSV1_ALERT_UNKNOWN_CA",
                         "SSLV3_ALERT_CERTIFICATE_UNKNOWN", "SSLV3_ALERT_CERTIFICATE_EXPIRED",
                         "SSLV3_ALERT_CERTIFICATE_REVOKED", "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE",
                         "TLSV1_ALERT_ACCESS_DENIED", "TLSV1_ALERT_DECRYPT_ERROR")
HANDSHAKE_FAILURE = "SSLV3_ALERT_HANDSHAKE_FAILURE"


@dataclass(frozen=True)
class ClientCertificate:
    """A client certificate (PEM, may hold the chain) and its private key (PEM)."""

    cert: Path
    key: Path

    def __repr__(self) -> str:  # never more than the certificate's file name
        return f"ClientCertificate({self.cert.name})"


def load_client_certificate(cert: Path, key: Path | None) -> ClientCertificate:
    """Check that OpenSSL can load the pair (a key that does not match the certificate is an
    error here, not a puzzling handshake failure later). ``key`` None: the key is in ``cert``."""
    pair = ClientCertificate(cert, key or cert)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        context.load_cert_chain(pair.cert, pair.key, password=_no_password)
    except FileNotFoundError as error:
        raise InputError(f"cannot read {error.filename}", str(error.filename)) from None
    except (ssl.SSLError, OSError, ValueError, TypeError) as error:
        reason = getattr(error, "reason", None) or type(error).__name__
        raise InputError(
            f"--client-cert/--client-key: cannot load the certificate and key ({reason}); "
            "give a PEM certificate and its unencrypted PEM private key", str(cert)) from None
    return pair


def _no_password() -> str:
    raise ValueError("the private key is encrypted")


def probe_context(client: ClientCertificate | None = None) -> ssl.SSLContext:
    """A client context that completes any handshake it can (probes do not judge TLS, the
    TLS audit does), presenting ``client`` when the server asks for a certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with contextlib.suppress(ValueError, ssl.SSLError):
        context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
        context.set_ciphers("ALL:@SECLEVEL=0")
    if client is not None:
        context.load_cert_chain(client.cert, client.key, password=_no_password)
    return context


@dataclass(frozen=True)
class TlsFailure:
    """What a TLS error during a probe says: the OpenSSL reason and its reading."""

    reason: str
    client_cert_required: bool | None
    """True: the alert says a client certificate is required; None: cannot tell."""
    explanation: str


def explain(reason: str, *, presented: bool) -> TlsFailure:
    """Read an OpenSSL failure reason from a probe's handshake or first read.

    ``presented``: the probe offered a client certificate (--client-cert)."""
    upper = reason.upper()
    if upper == CERTIFICATE_REQUIRED:
        return TlsFailure(reason, True, "the server requires a client certificate "
                          "(TLS 1.3 alert certificate_required)")
    if presented and upper in _CERTIFICATE_REJECTED:
        return TlsFailure(reason, True, "the server rejected the client certificate given "
                          f"with --client-cert (TLS alert {_alert_name(upper)})")
    if upper in _CERTIFICATE_REJECTED:
        return TlsFailure(reason, None, f"TLS alert {_alert_name(upper)}")
    if upper == HANDSHAKE_FAILURE:
        why = ("the server refused the handshake although a client certificate was presented"
               if presented else "the server refused the handshake (TLS 1.2 servers that "
               "require a client certificate answer so, as do servers that share no suite)")
        return TlsFailure(reason, None, f"{why} (TLS alert handshake_failure)")
    return TlsFailure(reason, None, f"TLS failure: {reason}")


def _alert_name(reason: str) -> str:
    return reason.split("_ALERT_", 1)[-1].lower()
