"""Systems with one TLS transport serving a certificate, for the signalling.* tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tests.checks.helpers import NOW, f
from voipscan.checks import REGISTRY, CheckContext, Severity, Status
from voipscan.facts import Certificate, Exposure, SipProtocol, SipTransport, System

GOOD = Certificate(
    subject="CN=pbx.example.com",
    not_after=NOW + dt.timedelta(days=200),
    chain_valid=f(True),
    hostname_match=f(True),
    key_type="EC",
    key_bits=256,
    signature_algorithm="ecdsa-with-SHA256",
    issuer="CN=Example CA",
    alt_names=("URI:sip:pbx.example.com",),
)


def tls_system(certificate: Certificate | None = GOOD, weak: tuple[str, ...] | None = (),
               mutual: bool | None = None, name: str = "t") -> System:
    transport = SipTransport(
        name, protocol=f(SipProtocol.TLS), bind=f("192.0.2.1:5061"),
        exposure=f(Exposure.NETWORK), weak_ciphers=f(weak), certificate=f(certificate),
        client_cert_required=f(mutual),
    )
    return System("pbx", transports=(transport,), transports_known=True)


def udp_only() -> System:
    transport = SipTransport("udp", protocol=f(SipProtocol.UDP), bind=f("0.0.0.0:5060"))
    return System("pbx", transports=(transport,), transports_known=True)


def with_cert(**changes: Any) -> System:
    return tls_system(dataclasses.replace(GOOD, **changes))


def severities(check_id: str, system: System) -> list[Severity]:
    check = REGISTRY[check_id]
    ctx = CheckContext(check, system, check.default_params(), NOW)
    return [x.severity for x in check.run(ctx) if x.status is Status.FAIL]
