"""The vendor-neutral export format (YAML or JSON).

Any platform can be audited by writing a small script that produces this document. Its
model is ``voipscan.models.export``; its JSON Schema, ``voipscan/schemas/export.schema.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voipscan.documents import DocPath, Document, load_document, render_path
from voipscan.facts import (
    Administrator,
    AuthType,
    Backup,
    Certificate,
    Disclosure,
    Endpoint,
    Fact,
    Logging,
    ManagementInterface,
    Mfa,
    PasswordPolicy,
    Provenance,
    Recording,
    Role,
    SecretInfo,
    SipTransport,
    System,
    User,
    classify_bind,
)
from voipscan.facts.disclosure import discloses_version
from voipscan.sources.config.evidence import NONE, head
from voipscan.sources.interface import ConfigSource, SourceResult
from voipscan.target import Target, TargetKind

if TYPE_CHECKING:
    from pydantic import BaseModel

    from voipscan.models import export as model

FORMAT_ID = "voipscan-export/1"


class ExportSource(ConfigSource):
    name = "export"
    description = "voipscan vendor-neutral export (YAML or JSON)"

    def detect(self, path: Path) -> float:
        if path.suffix.lower() not in (".yaml", ".yml", ".json"):
            return NONE
        return 1.0 if FORMAT_ID.encode() in head(path) else NONE

    def load(self, path: Path) -> SourceResult:
        from voipscan.models.export import Export
        from voipscan.models.validation import validate

        doc = load_document(path)
        system = _Builder(doc, validate(Export, doc)).system()
        return SourceResult(Target.path(path, TargetKind.CONFIG, self.name), system)


class _Builder:
    """Maps a validated export onto the facts model, with line provenance."""

    def __init__(self, doc: Document, export: model.Export) -> None:
        self.doc = doc
        self.export = export

    def src(self, *where: str | int) -> Provenance:
        return Provenance.file(self.doc.path, self.doc.line_of(where), render_path(where))

    def fact(self, obj: BaseModel | None, where: DocPath, key: str,
             convert: Callable[[Any], Any] | None = None) -> Fact[Any]:
        value = None if obj is None else getattr(obj, key)
        if value is None:
            return Fact(None, None, f"{render_path((*where, key))} not in the export")
        if convert is not None:
            value = convert(value)
        return Fact(value, self.src(*where, key))

    def system(self) -> System:
        e = self.export
        s = e.system
        return System(
            name=s.name,
            platform=self.fact(s, ("system",), "platform"),
            version=self.fact(s, ("system",), "version", str),
            hosting_countries=self.fact(s, ("system",), "hosting_countries", _countries),
            admins=tuple(self.admin(i, a) for i, a in enumerate(e.administrators or ())),
            admins_known=e.administrators is not None,
            users=tuple(self.user(i, u) for i, u in enumerate(e.users or ())),
            users_known=e.users is not None,
            roles=tuple(self.role(i, r) for i, r in enumerate(e.roles or ())),
            roles_known=e.roles is not None,
            password_policy=self.password_policy(),
            transports=tuple(self.transport(i, t) for i, t in enumerate(e.sip_transports or ())),
            transports_known=e.sip_transports is not None,
            endpoints=tuple(self.endpoint(i, p) for i, p in enumerate(e.endpoints or ())),
            endpoints_known=e.endpoints is not None,
            management=tuple(self.management(i, m)
                             for i, m in enumerate(e.management_interfaces or ())),
            management_known=e.management_interfaces is not None,
            logging=self.logging(),
            recording=self.recording(),
            backup=self.backup(),
            **self.disclosure(),
        )

    def disclosure(self) -> dict[str, Any]:
        """What the system tells strangers: its Server header and user enumeration."""
        d = self.export.disclosure
        at: DocPath = ("disclosure",)
        if d is None:
            return {}
        header = d.server_header
        found: list[Disclosure] = []
        if header and discloses_version(header):
            found.append(Disclosure("software-version", f"Server: {header}",
                                    self.src(*at, "server_header")))
        enumeration = self.fact(d, at, "user_enumeration")
        if enumeration.value:
            found.append(Disclosure("user-enumeration", "reported by the export",
                                    self.src(*at, "user_enumeration")))
        return {"disclosures": tuple(found), "disclosures_known": header is not None,
                "user_enumeration": enumeration}

    def mfa(self, m: model.Mfa | None, where: DocPath) -> Mfa:
        at = (*where, "mfa")
        return Mfa(
            supported=self.fact(m, at, "supported"),
            enabled=self.fact(m, at, "enabled"),
            enforced=self.fact(m, at, "enforced"),
            methods=self.fact(m, at, "methods"),
        )

    def secret(self, raw: str | model.SecretProperties | None, where: DocPath, key: str,
               owner: str) -> Fact[SecretInfo]:
        if raw is None:
            return Fact(None, None, "")
        source = self.src(*where, key)
        if isinstance(raw, str):
            return Fact(SecretInfo.judge(raw, username=owner), source)
        return Fact(SecretInfo(
            present=raw.length != 0,
            storage=raw.stored,
            length=raw.length,
            char_classes=raw.character_classes,
            vendor_default=raw.vendor_default,
            equals_username=raw.equals_username,
            common=raw.common,
            reused=raw.reused,
        ), source)

    def role(self, index: int, r: model.Role) -> Role:
        where = ("roles", index)
        return Role(r.name, r.permissions, self.fact(r, where, "superuser"), self.src(*where))

    def admin(self, index: int, a: model.Administrator) -> Administrator:
        where: DocPath = ("administrators", index)
        roles = self.fact(a, where, "roles")
        superuser = self.fact(a, where, "superuser")
        if not superuser.known and roles.value:
            superuser = self._superuser_from_roles(roles)
        return Administrator(
            name=a.name,
            interface=a.interface,
            auth_backend=self.fact(a, where, "auth_backend"),
            mfa=self.mfa(a.mfa, where),
            roles=roles,
            permissions=self.fact(a, where, "permissions"),
            superuser=superuser,
            shared=self.fact(a, where, "shared"),
            enabled=self.fact(a, where, "enabled"),
            password=self.secret(a.password, where, "password", a.name),
            password_age_days=self.fact(a, where, "password_age_days"),
            source=self.src(*where),
        )

    def _superuser_from_roles(self, roles: Fact[tuple[str, ...]]) -> Fact[bool]:
        defined = {r.name: r.superuser for r in self.export.roles or ()}
        flags = [defined.get(name) for name in roles.value or ()]
        if any(flags):
            return Fact(True, roles.source, "from role")
        if flags and all(f is False for f in flags):
            return Fact(False, roles.source, "from role")
        return Fact(None, roles.source, "role rights not known")

    def user(self, index: int, u: model.User) -> User:
        where: DocPath = ("users", index)
        return User(u.name, self.mfa(u.mfa, where),
                    self.secret(u.password, where, "password", u.name), self.src(*where))

    def password_policy(self) -> PasswordPolicy:
        p = self.export.password_policy
        return PasswordPolicy(self.fact(p, ("password_policy",), "min_length"),
                              self.fact(p, ("password_policy",), "rotation_days"))

    def transport(self, index: int, t: model.SipTransport) -> SipTransport:
        where: DocPath = ("sip_transports", index)
        bind = self.fact(t, where, "bind")
        return SipTransport(
            name=t.name,
            protocol=self.fact(t, where, "protocol"),
            bind=bind,
            exposure=bind.map(classify_bind) if bind.known else Fact(),
            tls_versions=self.fact(t, where, "tls_versions", frozenset),
            verify_peer=self.fact(t, where, "verify_peer"),
            client_cert_required=self.fact(t, where, "client_cert_required"),
            weak_ciphers=self.fact(t, where, "weak_ciphers"),
            certificate=self.certificate(t.certificate, where),
            source=self.src(*where),
        )

    def certificate(self, c: model.Certificate | None, where: DocPath) -> Fact[Certificate]:
        if c is None:
            return Fact(None, None, f"{render_path((*where, 'certificate'))} not in the export")
        at: DocPath = (*where, "certificate")
        return Fact(Certificate(
            subject=c.subject,
            issuer=c.issuer,
            not_after=c.not_after,
            chain_valid=self.fact(c, at, "chain_valid"),
            hostname_match=self.fact(c, at, "hostname_match"),
            key_type=c.key_type or "",
            key_bits=c.key_bits,
            signature_algorithm=c.signature_algorithm,
        ), self.src(*at))

    def endpoint(self, index: int, e: model.Endpoint) -> Endpoint:
        where: DocPath = ("endpoints", index)
        name = str(e.name)
        auth = self.fact(e, where, "auth")
        ip_only = self.fact(e, where, "ip_auth_only")
        if not ip_only.known and auth.known:
            ip_only = Fact(auth.value is AuthType.IP, auth.source, "from auth")
        return Endpoint(
            name=name,
            kind=e.kind,
            transports=self.fact(e, where, "transports", frozenset),
            media_encryption=self.fact(e, where, "media_encryption"),
            media_encryption_mandatory=self.fact(e, where, "media_encryption_mandatory"),
            auth_type=auth,
            ip_auth_only=ip_only,
            secret=self.secret(e.secret, where, "secret", name),
            source=self.src(*where),
            context=self.fact(e, where, "context"),
            reaches_outbound=self.fact(e, where, "reaches_outbound"),
            reaches_voicemail=self.fact(e, where, "reaches_voicemail"),
            unauthenticated_options=self.fact(e, where, "unauthenticated_options"),
            srtp_weak_parameters=self.fact(e, where, "srtp_weak_parameters"),
            dtls_srtp=self.fact(e, where, "dtls_srtp"),
        )

    def management(self, index: int, m: model.ManagementInterface) -> ManagementInterface:
        where: DocPath = ("management_interfaces", index)
        bind = self.fact(m, where, "bind")
        return ManagementInterface(
            name=m.name,
            kind=m.kind,
            enabled=self.fact(m, where, "enabled"),
            bind=bind,
            exposure=bind.map(classify_bind) if bind.known else Fact(),
            tls=self.fact(m, where, "tls"),
            acl=self.fact(m, where, "acl"),
            default_credentials=self.fact(m, where, "default_credentials"),
            source=self.src(*where),
            login_required=self.fact(m, where, "login_required"),
        )

    def logging(self) -> Logging:
        log = self.export.logging
        at: DocPath = ("logging",)
        forwarded_to = self.fact(log, at, "forwarded_to")
        return Logging(
            calls=self.fact(log, at, "calls"),
            config_changes=self.fact(log, at, "config_changes"),
            access_attempts=self.fact(log, at, "access_attempts"),
            retention_days=self.fact(log, at, "retention_days"),
            forwarded=forwarded_to.map(lambda dest: bool(dest.strip())),
            forwarded_to=forwarded_to,
        )

    def recording(self) -> Recording:
        rec = self.export.recording
        at: DocPath = ("recording",)
        return Recording(
            enabled=self.fact(rec, at, "enabled"),
            consent_notice=self.fact(rec, at, "consent_notice"),
            retention_days=self.fact(rec, at, "retention_days"),
            storage_countries=self.fact(rec, at, "storage_countries", _countries),
            access_roles=self.fact(rec, at, "access_roles"),
            access_restricted=self.fact(rec, at, "access_restricted"),
            encrypted_at_rest=self.fact(rec, at, "encrypted_at_rest"),
        )

    def backup(self) -> Backup:
        b = self.export.backup
        at: DocPath = ("backup",)
        return Backup(
            configured=self.fact(b, at, "configured"),
            last_restore_test=self.fact(b, at, "last_restore_test"),
            encrypted=self.fact(b, at, "encrypted"),
        )


def _countries(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.upper() for c in items)
