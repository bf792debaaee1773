"""The vendor-neutral model of a telephony system's security posture.

Every attribute that a source may or may not know is a ``Fact``; sources fill in what
they saw and leave the rest unknown. Collections are tuples so the model stays frozen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from voipscan.facts.dialplan import DialContext
from voipscan.facts.fact import NOTHING_KNOWN, Fact, Provenance
from voipscan.facts.network import Exposure
from voipscan.facts.organisation import Organisation
from voipscan.facts.secrets import SecretInfo


class SipProtocol(StrEnum):
    UDP = "udp"
    TCP = "tcp"
    TLS = "tls"
    WS = "ws"
    WSS = "wss"

    @property
    def encrypted(self) -> bool:
        return self in (SipProtocol.TLS, SipProtocol.WSS)


class TlsVersion(StrEnum):
    SSL2 = "SSLv2"
    SSL3 = "SSLv3"
    TLS1_0 = "TLSv1.0"
    TLS1_1 = "TLSv1.1"
    TLS1_2 = "TLSv1.2"
    TLS1_3 = "TLSv1.3"

    @property
    def rank(self) -> int:
        """Older versions rank lower (SSLv2 0 ... TLSv1.3 5)."""
        return _TLS_RANKS[self.value]

    @classmethod
    def parse(cls, text: str) -> TlsVersion:
        """Accept '1.2', 'tls1.2', 'TLSv1.2', 'tlsv1_2', 'sslv3' ..."""
        cleaned = text.strip().lower().replace("_", ".").replace(" ", "")
        for prefix in ("tlsv", "tls"):
            if cleaned.startswith(prefix):
                cleaned = cleaned[len(prefix):]
                break
        aliases = {
            "1": cls.TLS1_0, "1.0": cls.TLS1_0, "1.1": cls.TLS1_1, "1.2": cls.TLS1_2,
            "1.3": cls.TLS1_3, "sslv2": cls.SSL2, "ssl2": cls.SSL2, "sslv3": cls.SSL3,
            "ssl3": cls.SSL3,
        }
        if cleaned in aliases:
            return aliases[cleaned]
        raise ValueError(f"unknown TLS version {text!r}")


_TLS_RANKS = {version.value: rank for rank, version in enumerate(TlsVersion)}


class MediaEncryption(StrEnum):
    NONE = "none"
    SDES = "sdes"
    DTLS = "dtls"
    ZRTP = "zrtp"


class AuthType(StrEnum):
    DIGEST = "digest"
    IP = "ip"
    CERTIFICATE = "certificate"
    NONE = "none"


class EndpointKind(StrEnum):
    PHONE = "phone"
    TRUNK = "trunk"
    GUEST = "guest"
    SERVER = "server"


class AdminInterface(StrEnum):
    WEB = "web"
    API = "api"
    EVENT_SOCKET = "event-socket"
    CLI = "cli"
    OTHER = "other"


class ManagementKind(StrEnum):
    WEB = "web"
    AMI = "ami"
    ARI = "ari"
    EVENT_SOCKET = "event-socket"
    XMLRPC = "xml-rpc"
    SSH = "ssh"
    API = "api"
    OTHER = "other"


@dataclass(frozen=True)
class Mfa:
    supported: Fact[bool] = field(default_factory=Fact)
    enabled: Fact[bool] = field(default_factory=Fact)
    enforced: Fact[bool] = field(default_factory=Fact)
    methods: Fact[tuple[str, ...]] = field(default_factory=Fact)


@dataclass(frozen=True)
class Role:
    name: str
    permissions: tuple[str, ...] = ()
    superuser: Fact[bool] = field(default_factory=Fact)
    source: Provenance | None = None


@dataclass(frozen=True)
class Administrator:
    name: str
    interface: AdminInterface = AdminInterface.OTHER
    auth_backend: Fact[str] = field(default_factory=Fact)
    mfa: Mfa = field(default_factory=Mfa)
    roles: Fact[tuple[str, ...]] = field(default_factory=Fact)
    permissions: Fact[tuple[str, ...]] = field(default_factory=Fact)
    superuser: Fact[bool] = field(default_factory=Fact)
    shared: Fact[bool] = field(default_factory=Fact)
    enabled: Fact[bool] = field(default_factory=Fact)
    password: Fact[SecretInfo] = field(default_factory=Fact)
    password_age_days: Fact[int] = field(default_factory=Fact)
    source: Provenance | None = None
    interfaces: tuple[str, ...] = ()
    """Names of the management interfaces this account logs in through (() = not said)."""
    acl: Fact[bool] = field(default_factory=Fact)
    """Whether the account's own ACL keeps other addresses out (AMI users have one each)."""


@dataclass(frozen=True)
class User:
    """A non-administrative account (phone user, portal user)."""

    name: str
    mfa: Mfa = field(default_factory=Mfa)
    password: Fact[SecretInfo] = field(default_factory=Fact)
    source: Provenance | None = None


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: Fact[int] = field(default_factory=Fact)
    rotation_days: Fact[int] = field(default_factory=Fact)


@dataclass(frozen=True)
class Certificate:
    subject: str = ""
    not_after: dt.datetime | None = None
    chain_valid: Fact[bool] = field(default_factory=Fact)
    hostname_match: Fact[bool] = field(default_factory=Fact)
    key_type: str = ""
    key_bits: int | None = None
    signature_algorithm: str = ""
    validation_error: str = ""
    issuer: str = ""
    alt_names: tuple[str, ...] = ()  # subjectAltNames as "DNS:x", "IP:x", "URI:sip:x"
    chain: tuple[str, ...] = ()
    """Every certificate the server sent (leaf first), one line each: subject, issuer,
    validity, key, signature (live probes)."""
    trusted_by: str = ""
    """Where the chain's root was found: "system store", "CA file", or "" (neither/unknown)."""


@dataclass(frozen=True)
class SipTransport:
    name: str
    protocol: Fact[SipProtocol] = field(default_factory=Fact)
    bind: Fact[str] = field(default_factory=Fact)
    exposure: Fact[Exposure] = field(default_factory=Fact)
    tls_versions: Fact[frozenset[TlsVersion]] = field(default_factory=Fact)
    verify_peer: Fact[bool] = field(default_factory=Fact)
    client_cert_required: Fact[bool] = field(default_factory=Fact)
    weak_ciphers: Fact[tuple[str, ...]] = field(default_factory=Fact)
    certificate: Fact[Certificate] = field(default_factory=Fact)
    source: Provenance | None = None
    accepted_ciphers: Fact[tuple[str, ...]] = field(default_factory=Fact)
    """Every accepted suite as "<TLS version> <IANA name>" (live TLS audit; () = none)."""


@dataclass(frozen=True)
class Endpoint:
    """A phone, trunk or other SIP peer the system talks to."""

    name: str
    kind: EndpointKind = EndpointKind.PHONE
    transports: Fact[frozenset[SipProtocol]] = field(default_factory=Fact)
    media_encryption: Fact[MediaEncryption] = field(default_factory=Fact)
    media_encryption_mandatory: Fact[bool] = field(default_factory=Fact)
    auth_type: Fact[AuthType] = field(default_factory=Fact)
    ip_auth_only: Fact[bool] = field(default_factory=Fact)
    secret: Fact[SecretInfo] = field(default_factory=Fact)
    source: Provenance | None = None
    # where calls from this endpoint enter the dialplan, and what they can reach there
    context: Fact[str] = field(default_factory=Fact)
    reaches_outbound: Fact[bool] = field(default_factory=Fact)
    reaches_voicemail: Fact[bool] = field(default_factory=Fact)
    unauthenticated_options: Fact[bool] = field(default_factory=Fact)
    # SRTP details: weak suites/session parameters accepted (() = none), DTLS-SRTP supported
    srtp_weak_parameters: Fact[tuple[str, ...]] = field(default_factory=Fact)
    dtls_srtp: Fact[bool] = field(default_factory=Fact)
    technology: str = "sip"
    """How it signals: "sip", or "iax2" (Asterisk's IAX2 channel driver)."""


@dataclass(frozen=True)
class Mailbox:
    """A voicemail box and its PIN (judged, never kept). ``name`` is how reports show it:
    ``1003``, or ``1003@default`` where mailboxes of several domains or contexts meet."""

    name: str
    pin: Fact[SecretInfo] = field(default_factory=Fact)
    source: Provenance | None = None


@dataclass(frozen=True)
class ServiceAccount:
    """An account the system itself logs in with elsewhere (a database URL, the database
    users its tools create); its password judged, never kept."""

    name: str
    secret: Fact[SecretInfo] = field(default_factory=Fact)
    source: Provenance | None = None


@dataclass(frozen=True)
class ManagementInterface:
    name: str
    kind: ManagementKind = ManagementKind.OTHER
    enabled: Fact[bool] = field(default_factory=Fact)
    bind: Fact[str] = field(default_factory=Fact)
    exposure: Fact[Exposure] = field(default_factory=Fact)
    tls: Fact[bool] = field(default_factory=Fact)
    acl: Fact[bool] = field(default_factory=Fact)
    default_credentials: Fact[bool] = field(default_factory=Fact)
    source: Provenance | None = None
    login_required: Fact[bool] = field(default_factory=Fact)


@dataclass(frozen=True)
class Logging:
    calls: Fact[bool] = field(default_factory=Fact)
    config_changes: Fact[bool] = field(default_factory=Fact)
    access_attempts: Fact[bool] = field(default_factory=Fact)
    retention_days: Fact[int] = field(default_factory=Fact)
    forwarded: Fact[bool] = field(default_factory=Fact)
    forwarded_to: Fact[str] = field(default_factory=Fact)
    storage_countries: Fact[tuple[str, ...]] = field(default_factory=Fact)


@dataclass(frozen=True)
class Recording:
    enabled: Fact[bool] = field(default_factory=Fact)
    consent_notice: Fact[bool] = field(default_factory=Fact)
    retention_days: Fact[int] = field(default_factory=Fact)
    storage_countries: Fact[tuple[str, ...]] = field(default_factory=Fact)
    access_roles: Fact[tuple[str, ...]] = field(default_factory=Fact)
    access_restricted: Fact[bool] = field(default_factory=Fact)
    encrypted_at_rest: Fact[bool] = field(default_factory=Fact)


@dataclass(frozen=True)
class Backup:
    configured: Fact[bool] = field(default_factory=Fact)
    last_restore_test: Fact[dt.date] = field(default_factory=Fact)
    encrypted: Fact[bool] = field(default_factory=Fact)


@dataclass(frozen=True)
class Disclosure:
    """Information a system gives away (software version, valid user names ...)."""

    kind: str
    detail: str
    source: Provenance | None = None


@dataclass(frozen=True)
class SipFlow:
    """Cleartext SIP seen between a client and a server address (``ip:port``) in a capture."""

    protocol: SipProtocol
    client: str
    server: str
    methods: tuple[str, ...]
    messages: int
    source: Provenance | None = None

    @property
    def label(self) -> str:
        return f"{self.protocol.value} {self.client} -> {self.server}"


@dataclass(frozen=True)
class KeyExposure:
    """SDES keys (a=crypto) seen in cleartext SIP. Only the suites are kept, never a key."""

    flow: str
    messages: int
    suites: tuple[str, ...]
    source: Provenance | None = None


@dataclass(frozen=True)
class DigestExposure:
    """A digest response sent over cleartext SIP. The response hash is never kept."""

    flow: str
    user: str
    realm: str
    messages: int
    source: Provenance | None = None


@dataclass(frozen=True)
class MediaStream:
    """Media sent to ``destination`` (``ip:port``), as negotiated in SDP and seen on the wire.

    ``encryption`` is unknown for RTP-like packets that no SDP in the capture negotiated:
    RTP and SRTP share one header, so their packets alone cannot tell them apart.
    """

    destination: str
    profile: str
    encryption: Fact[MediaEncryption]
    packets: int
    negotiated_by: str = ""
    first_packet: Provenance | None = None
    source: Provenance | None = None


@dataclass(frozen=True)
class SipSourceActivity:
    """What one address sent as SIP requests: the raw material for spotting scans."""

    address: str
    requests: int
    methods: tuple[str, ...]
    scanner_agents: tuple[str, ...] = ()
    users_probed: int = 0
    """Most distinct users asked for at one destination without a 2xx for them."""
    ports_probed: int = 0
    """Most distinct ports tried on one destination host."""
    targets_unanswered: int = 0
    """Distinct destinations (ip:port) that never answered this source."""
    failed_auth: int = 0
    """Authentication failures (403, or 401/407 to a request carrying credentials)."""
    source: Provenance | None = None


@dataclass(frozen=True)
class CaptureEvidence:
    """What a packet capture showed on the wire (scan pcap)."""

    file: str
    packets: int
    complete: bool
    sip_messages: int
    flows: tuple[SipFlow, ...] = ()
    key_exposures: tuple[KeyExposure, ...] = ()
    digest_exposures: tuple[DigestExposure, ...] = ()
    media: tuple[MediaStream, ...] = ()
    sources: tuple[SipSourceActivity, ...] = ()
    undecoded: int = 0
    """Packets that could not be decoded (an unknown link layer or encapsulation)."""
    tls_signalling: int = 0
    """SIP-TLS servers seen (their signalling is encrypted: nothing of it can leak)."""

    MOSTLY_UNDECODED: ClassVar[float] = 0.5
    """Past this share of packets not decoded, what was decoded cannot stand for the
    capture: nothing passes on absence."""

    @property
    def mostly_undecoded(self) -> bool:
        return bool(self.packets) and self.undecoded / self.packets > self.MOSTLY_UNDECODED


@dataclass(frozen=True)
class IdentityPolicy:
    """Sign-in rules the organisation enforces outside the PBX (at its identity provider)."""

    admin_mfa_enforced: Fact[bool] = field(default_factory=Fact)
    user_mfa_enforced: Fact[bool] = field(default_factory=Fact)
    provider: Fact[str] = field(default_factory=Fact)


Selection = TypeVar("Selection")
Shared = TypeVar("Shared")
def _unknown() -> Fact[Any]:
    return NOTHING_KNOWN


def _shared(kind: Callable[[], Shared]) -> Callable[[], Shared]:
    """A default factory that hands every System the same default object: the facts are
    frozen, and targets that share an object are judged alike without comparing it."""
    default = kind()
    return lambda: default


@dataclass(frozen=True)
class System:
    """Everything known about one telephony system (one scan target)."""

    name: str
    platform: Fact[str] = field(default_factory=_unknown)
    version: Fact[str] = field(default_factory=_unknown)
    hosting_countries: Fact[tuple[str, ...]] = field(default_factory=_unknown)
    admins: tuple[Administrator, ...] = ()
    admins_known: bool = False
    users: tuple[User, ...] = ()
    users_known: bool = False
    roles: tuple[Role, ...] = ()
    roles_known: bool = False
    password_policy: PasswordPolicy = field(default_factory=_shared(PasswordPolicy))
    transports: tuple[SipTransport, ...] = ()
    transports_known: bool = False
    endpoints: tuple[Endpoint, ...] = ()
    endpoints_known: bool = False
    management: tuple[ManagementInterface, ...] = ()
    management_known: bool = False
    logging: Logging = field(default_factory=_shared(Logging))
    recording: Recording = field(default_factory=_shared(Recording))
    backup: Backup = field(default_factory=_shared(Backup))
    disclosures: tuple[Disclosure, ...] = ()
    disclosures_known: bool = False  # something (a probe reply) was inspected for disclosures
    user_enumeration: Fact[bool] = field(default_factory=_unknown)  # valid users told apart?
    capture: CaptureEvidence | None = None
    """Set only for capture targets: what the packets showed."""
    identity: IdentityPolicy = field(default_factory=_shared(IdentityPolicy))
    evidence_kinds: frozenset[str] = frozenset()
    """Kinds of evidence merged into this system (config, host, capture, declared); empty
    for a target read from one source."""
    mailboxes: tuple[Mailbox, ...] = ()
    mailboxes_known: bool = False
    service_accounts: tuple[ServiceAccount, ...] = ()
    organisation: Organisation = field(default_factory=_shared(Organisation))
    """Assessments, incident response and privacy duties: declared by the organisation."""
    dial_contexts: tuple[DialContext, ...] = ()
    dial_contexts_known: bool = False
    """The dialplan was read: ``dial_contexts`` holds every context endpoints enter."""

    def selected(self, select: Callable[[System], Selection]) -> Selection:
        """``select(self)``: how a check picks the parts it judges. A system that notes what
        checks read (``voipscan.reuse``) notes the selection, not the fields behind it."""
        return select(self)
