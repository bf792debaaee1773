"""The vendor-neutral export: the security-relevant settings of any telephony system.

Leave out (or set to null) anything you do not know: it is reported as "evidence
required", never as a pass. Secrets may be given as a string (judged, never stored or
printed) or as their properties.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, StringConstraints, Tag, WithJsonSchema

from voipscan.facts import (
    AdminInterface,
    AuthType,
    EndpointKind,
    ManagementKind,
    MediaEncryption,
    SecretStorage,
    SipProtocol,
    TlsVersion,
)
from voipscan.models.base import Date, InputModel, Items, problem, shown

FORMAT_ID = "voipscan-export/1"
_TIMESTAMP = r"^\d{4}-\d{2}-\d{2}([T ].*)?$"

LAX = Field(strict=False)
"""On an enum: read it from its value (a strict model takes only members)."""
Tri = bool | None
"""true, false, or null (not known)."""
Name = Annotated[str, StringConstraints(min_length=1)]
Days = Annotated[int, Field(ge=0)] | None
Countries = Items[Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]] | None
"""ISO 3166 two-letter country codes."""


def _tls_version(value: Any) -> TlsVersion:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        try:
            return TlsVersion.parse(str(value))
        except ValueError:
            pass
    raise problem(f"unknown TLS version {shown(value)}")


Version = Annotated[TlsVersion, BeforeValidator(_tls_version),
                    WithJsonSchema({"type": ["string", "number"],
                                    "description": "e.g. 1.2, 'TLSv1.3', 'sslv3'"})]


def _timestamp(value: Any) -> dt.datetime:
    """A day or a moment; without a zone, UTC."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and re.match(_TIMESTAMP, value):
        with contextlib.suppress(ValueError):
            value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        raise problem(f"not a valid date {shown(value)}")
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


Timestamp = Annotated[dt.datetime, BeforeValidator(_timestamp),
                      WithJsonSchema({"type": "string", "pattern": _TIMESTAMP})]


class SecretProperties(InputModel):
    """What is known about a secret, when the secret itself is not exported."""

    stored: Annotated[SecretStorage, LAX] = SecretStorage.UNKNOWN
    length: Annotated[int, Field(ge=0)] | None = None
    character_classes: Annotated[int, Field(ge=0, le=4)] | None = None
    vendor_default: Tri = None
    equals_username: Tri = None
    common: Tri = None
    reused: Tri = Field(default=None, description="The same secret is used by another account.")


Secret = Annotated[
    Annotated[str, Tag("text")] | Annotated[SecretProperties, Tag("properties")],
    Discriminator(lambda v: "properties" if isinstance(v, dict) else "text"),
] | None


class Mfa(InputModel):
    supported: Tri = None
    enabled: Tri = None
    enforced: Tri = None
    methods: Items[str] | None = None


class System(InputModel):
    name: Name
    platform: str | None = None
    version: str | int | float | None = None
    hosting_countries: Countries = None


class PasswordPolicy(InputModel):
    min_length: Days = None
    rotation_days: Days = Field(default=None, description="0 = never.")


class Role(InputModel):
    name: Name
    permissions: Items[str] = ()
    superuser: Tri = None


class Administrator(InputModel):
    name: Name
    interface: Annotated[AdminInterface, LAX] = AdminInterface.OTHER
    auth_backend: str | None = None
    mfa: Mfa | None = None
    roles: Items[str] | None = None
    permissions: Items[str] | None = None
    superuser: Tri = None
    shared: Tri = None
    enabled: Tri = None
    password: Secret = None
    password_age_days: Days = None


class User(InputModel):
    """A non-administrative account (phone user, portal user)."""

    name: Name
    mfa: Mfa | None = None
    password: Secret = None


class Certificate(InputModel):
    subject: str = ""
    issuer: str = ""
    not_after: Timestamp | None = None
    chain_valid: Tri = None
    hostname_match: Tri = None
    key_type: Literal["RSA", "EC", "DSA", "Ed25519", "Ed448"] | None = None
    key_bits: Annotated[int, Field(ge=1)] | None = None
    signature_algorithm: str = ""


class SipTransport(InputModel):
    name: Name
    protocol: Annotated[SipProtocol | None, LAX] = None
    bind: str | None = None
    tls_versions: Items[Version] | None = None
    verify_peer: Tri = None
    client_cert_required: Tri = None
    weak_ciphers: Items[str] | None = Field(
        default=None,
        description="Weak cipher suites the listener accepts; [] = none.")
    certificate: Certificate | None = None


class Endpoint(InputModel):
    name: str | int
    kind: Annotated[EndpointKind, LAX] = EndpointKind.PHONE
    transports: Items[Annotated[SipProtocol, LAX]] | None = None
    media_encryption: Annotated[MediaEncryption | None, LAX] = None
    media_encryption_mandatory: Tri = None
    auth: Annotated[AuthType | None, LAX] = None
    ip_auth_only: Tri = None
    secret: Secret = None
    context: str | None = Field(default=None, description="Where its calls enter the dialplan.")
    reaches_outbound: Tri = Field(default=None, description="Its calls can reach outbound routes.")
    reaches_voicemail: Tri = Field(default=None, description="Its calls can reach voicemail login.")
    unauthenticated_options: Tri = Field(
        default=None,
        description="OPTIONS answered without authentication.")
    srtp_weak_parameters: Items[str] | None = Field(
        default=None,
        description="Weak SRTP options accepted, e.g. AES_CM_128_HMAC_SHA1_32, UNENCRYPTED_SRTP; "
                    "[] = none.")
    dtls_srtp: Tri = Field(default=None, description="DTLS-SRTP offered or accepted.")


class ManagementInterface(InputModel):
    name: Name
    kind: Annotated[ManagementKind, LAX] = ManagementKind.OTHER
    enabled: Tri = None
    bind: str | None = None
    tls: Tri = None
    acl: Tri = None
    default_credentials: Tri = None
    login_required: Tri = None


class Logging(InputModel):
    calls: Tri = None
    config_changes: Tri = None
    access_attempts: Tri = None
    retention_days: Days = None
    forwarded_to: str | None = Field(
        default=None,
        description="SIEM or syslog destination; empty string = not forwarded.")


class Recording(InputModel):
    enabled: Tri = None
    consent_notice: Tri = None
    retention_days: Days = Field(default=None, description="0 = kept forever.")
    storage_countries: Countries = None
    access_roles: Items[str] | None = None
    access_restricted: Tri = None
    encrypted_at_rest: Tri = None


class Disclosure(InputModel):
    server_header: str | None = Field(
        default=None,
        description='The Server / User-Agent value the system sends; "" = none.')
    user_enumeration: Tri = Field(
        default=None,
        description="true when known and unknown users get different answers.")


class Backup(InputModel):
    configured: Tri = None
    encrypted: Tri = None
    last_restore_test: Date | None = None


class Export(InputModel):
    """voipscan vendor-neutral telephony export.

    Security-relevant settings of a telephony system. Leave out (or set to null) anything
    you do not know: it is reported as 'evidence required', never as a pass. Secrets may be
    given as a string (judged, never stored or printed) or as their properties.
    """

    format: Literal["voipscan-export/1"]
    system: System
    password_policy: PasswordPolicy | None = None
    roles: Items[Role] | None = None
    administrators: Items[Administrator] | None = None
    users: Items[User] | None = None
    sip_transports: Items[SipTransport] | None = None
    endpoints: Items[Endpoint] | None = None
    management_interfaces: Items[ManagementInterface] | None = None
    logging: Logging | None = None
    recording: Recording | None = None
    disclosure: Disclosure | None = None
    backup: Backup | None = None
