"""The vendor-neutral export format (YAML or JSON; schema: schemas/export.schema.json).

Any platform can be audited by writing a small script that produces this document.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from voipscan.documents import DocPath, Document, load_document, render_path
from voipscan.errors import InputError
from voipscan.facts import (
    AdminInterface,
    Administrator,
    AuthType,
    Backup,
    Certificate,
    Disclosure,
    Endpoint,
    EndpointKind,
    Fact,
    Logging,
    ManagementInterface,
    ManagementKind,
    MediaEncryption,
    Mfa,
    PasswordPolicy,
    Provenance,
    Recording,
    Role,
    SecretInfo,
    SecretStorage,
    SipProtocol,
    SipTransport,
    System,
    TlsVersion,
    User,
    classify_bind,
)
from voipscan.facts.disclosure import discloses_version
from voipscan.sources.interface import ConfigSource, SourceResult
from voipscan.target import Target, TargetKind

FORMAT_ID = "voipscan-export/1"
T = TypeVar("T")


@functools.cache
def schema() -> dict[str, Any]:
    text = resources.files("voipscan").joinpath("schemas/export.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


class ExportSource(ConfigSource):
    name = "export"
    description = "voipscan vendor-neutral export (YAML or JSON)"

    def detect(self, path: Path) -> bool:
        if not path.is_file() or path.suffix.lower() not in (".yaml", ".yml", ".json"):
            return False
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            return False
        return FORMAT_ID.encode() in head

    def load(self, path: Path) -> SourceResult:
        doc = load_document(path)
        data = _normalise(doc.data)
        validate(doc, data)
        system = _Builder(doc, data).system()
        return SourceResult(Target.path(path, TargetKind.CONFIG, self.name), system)


def _normalise(value: Any) -> Any:
    """YAML turns 2026-01-31 into a date; the schema (and JSON) speak strings."""
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def validate(doc: Document, data: Any) -> None:
    """Raise one InputError for the first schema violation, naming path and line."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.path), list(e.path)))
    if not errors:
        return
    error = errors[0]
    if error.context:
        error = min(error.context, key=lambda e: len(e.path))
    where: DocPath = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        unexpected = [k for k in error.instance if k not in allowed]
        if unexpected:
            where = (*where, unexpected[0])
    extra = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    raise InputError(f"{render_path(where)}: {_message(error)}{extra}", doc.path,
                     doc.line_of(where))


def _message(error: Any) -> str:
    if error.validator == "additionalProperties":
        allowed = ", ".join(error.schema.get("properties", {}))
        return str(error.message).replace("Additional properties are not allowed",
                                          "unknown key(s)") + f"; allowed: {allowed}"
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(repr, error.validator_value))}"
    return str(error.message)


class _Builder:
    """Maps a validated export document onto the facts model, with line provenance."""

    def __init__(self, doc: Document, data: dict[str, Any]) -> None:
        self.doc = doc
        self.data = data

    def src(self, *where: str | int) -> Provenance:
        return Provenance.file(self.doc.path, self.doc.line_of(where), render_path(where))

    def fact(self, obj: dict[str, Any] | None, where: DocPath, key: str,
             convert: Any = None) -> Fact[Any]:
        if obj is None or obj.get(key) is None:
            return Fact(None, None, f"{render_path((*where, key))} not in the export")
        value = obj[key]
        if convert is not None:
            value = convert(value)
        return Fact(value, self.src(*where, key))

    def system(self) -> System:
        d = self.data
        s = d["system"]
        return System(
            name=str(s["name"]),
            platform=self.fact(s, ("system",), "platform"),
            version=self.fact(s, ("system",), "version", str),
            hosting_countries=self.fact(s, ("system",), "hosting_countries", _countries),
            admins=tuple(self.admin(i, a) for i, a in enumerate(d.get("administrators") or [])),
            admins_known="administrators" in d,
            users=tuple(self.user(i, u) for i, u in enumerate(d.get("users") or [])),
            users_known="users" in d,
            roles=tuple(self.role(i, r) for i, r in enumerate(d.get("roles") or [])),
            roles_known="roles" in d,
            password_policy=self.password_policy(),
            transports=tuple(self.transport(i, t)
                             for i, t in enumerate(d.get("sip_transports") or [])),
            transports_known="sip_transports" in d,
            endpoints=tuple(self.endpoint(i, e) for i, e in enumerate(d.get("endpoints") or [])),
            endpoints_known="endpoints" in d,
            management=tuple(self.management(i, m)
                             for i, m in enumerate(d.get("management_interfaces") or [])),
            management_known="management_interfaces" in d,
            logging=self.logging(),
            recording=self.recording(),
            backup=self.backup(),
            **self.disclosure(),
        )

    def disclosure(self) -> dict[str, Any]:
        """What the system tells strangers: its Server header and user enumeration."""
        d = self.data.get("disclosure")
        at: DocPath = ("disclosure",)
        if d is None:
            return {}
        header = d.get("server_header")
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

    def mfa(self, obj: dict[str, Any], where: DocPath) -> Mfa:
        m = obj.get("mfa")
        at = (*where, "mfa")
        return Mfa(
            supported=self.fact(m, at, "supported"),
            enabled=self.fact(m, at, "enabled"),
            enforced=self.fact(m, at, "enforced"),
            methods=self.fact(m, at, "methods", tuple),
        )

    def secret(self, obj: dict[str, Any], where: DocPath, key: str, owner: str
               ) -> Fact[SecretInfo]:
        raw = obj.get(key)
        if raw is None:
            return Fact(None, None, "")
        source = self.src(*where, key)
        if isinstance(raw, str):
            return Fact(SecretInfo.judge(raw, username=owner), source)
        storage = SecretStorage(raw.get("stored", "unknown"))
        return Fact(SecretInfo(
            present=raw.get("length", 1) != 0,
            storage=storage,
            length=raw.get("length"),
            char_classes=raw.get("character_classes"),
            vendor_default=raw.get("vendor_default"),
            equals_username=raw.get("equals_username"),
            common=raw.get("common"),
            reused=raw.get("reused"),
        ), source)

    def role(self, index: int, r: dict[str, Any]) -> Role:
        where = ("roles", index)
        return Role(str(r["name"]), tuple(r.get("permissions") or ()),
                    self.fact(r, where, "superuser"), self.src(*where))

    def admin(self, index: int, a: dict[str, Any]) -> Administrator:
        where: DocPath = ("administrators", index)
        name = str(a["name"])
        roles = self.fact(a, where, "roles", tuple)
        superuser = self.fact(a, where, "superuser")
        if not superuser.known and roles.value:
            superuser = self._superuser_from_roles(roles)
        return Administrator(
            name=name,
            interface=AdminInterface(a.get("interface", "other")),
            auth_backend=self.fact(a, where, "auth_backend"),
            mfa=self.mfa(a, where),
            roles=roles,
            permissions=self.fact(a, where, "permissions", tuple),
            superuser=superuser,
            shared=self.fact(a, where, "shared"),
            enabled=self.fact(a, where, "enabled"),
            password=self.secret(a, where, "password", name),
            password_age_days=self.fact(a, where, "password_age_days"),
            source=self.src(*where),
        )

    def _superuser_from_roles(self, roles: Fact[tuple[str, ...]]) -> Fact[bool]:
        defined = {r["name"]: r for r in self.data.get("roles") or []}
        flags = [defined.get(name, {}).get("superuser") for name in roles.value or ()]
        if any(flags):
            return Fact(True, roles.source, "from role")
        if flags and all(f is False for f in flags):
            return Fact(False, roles.source, "from role")
        return Fact(None, roles.source, "role rights not known")

    def user(self, index: int, u: dict[str, Any]) -> User:
        where: DocPath = ("users", index)
        name = str(u["name"])
        return User(name, self.mfa(u, where), self.secret(u, where, "password", name),
                    self.src(*where))

    def password_policy(self) -> PasswordPolicy:
        p = self.data.get("password_policy")
        return PasswordPolicy(self.fact(p, ("password_policy",), "min_length"),
                              self.fact(p, ("password_policy",), "rotation_days"))

    def transport(self, index: int, t: dict[str, Any]) -> SipTransport:
        where: DocPath = ("sip_transports", index)
        bind = self.fact(t, where, "bind")
        return SipTransport(
            name=str(t["name"]),
            protocol=self.fact(t, where, "protocol", SipProtocol),
            bind=bind,
            exposure=bind.map(classify_bind) if bind.known else Fact(),
            tls_versions=self.fact(t, where, "tls_versions", self._versions(where)),
            verify_peer=self.fact(t, where, "verify_peer"),
            client_cert_required=self.fact(t, where, "client_cert_required"),
            weak_ciphers=self.fact(t, where, "weak_ciphers", tuple),
            certificate=self.certificate(t, where),
            source=self.src(*where),
        )

    def certificate(self, t: dict[str, Any], where: DocPath) -> Fact[Certificate]:
        c = t.get("certificate")
        if c is None:
            return Fact(None, None, f"{render_path((*where, 'certificate'))} not in the export")
        at: DocPath = (*where, "certificate")
        return Fact(Certificate(
            subject=c.get("subject", ""),
            issuer=c.get("issuer", ""),
            not_after=self._timestamp(c.get("not_after"), (*at, "not_after")),
            chain_valid=self.fact(c, at, "chain_valid"),
            hostname_match=self.fact(c, at, "hostname_match"),
            key_type=c.get("key_type", ""),
            key_bits=c.get("key_bits"),
            signature_algorithm=c.get("signature_algorithm", ""),
        ), self.src(*at))

    def _timestamp(self, text: str | None, at: DocPath) -> dt.datetime | None:
        if text is None:
            return None
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise InputError(f"{render_path(at)}: not a valid date {text!r}", self.doc.path,
                             self.doc.line_of(at)) from None
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)

    def _versions(self, where: DocPath) -> Any:
        def convert(items: list[Any]) -> frozenset[TlsVersion]:
            result = set()
            for i, item in enumerate(items):
                try:
                    result.add(TlsVersion.parse(str(item)))
                except ValueError:
                    at = (*where, "tls_versions", i)
                    raise InputError(f"{render_path(at)}: unknown TLS version {item!r}",
                                     self.doc.path, self.doc.line_of(at)) from None
            return frozenset(result)
        return convert

    def endpoint(self, index: int, e: dict[str, Any]) -> Endpoint:
        where: DocPath = ("endpoints", index)
        name = str(e["name"])
        auth = self.fact(e, where, "auth", AuthType)
        ip_only = self.fact(e, where, "ip_auth_only")
        if not ip_only.known and auth.known:
            ip_only = Fact(auth.value is AuthType.IP, auth.source, "from auth")
        return Endpoint(
            name=name,
            kind=EndpointKind(e.get("kind", "phone")),
            transports=self.fact(e, where, "transports",
                                 lambda ts: frozenset(SipProtocol(t) for t in ts)),
            media_encryption=self.fact(e, where, "media_encryption", MediaEncryption),
            media_encryption_mandatory=self.fact(e, where, "media_encryption_mandatory"),
            auth_type=auth,
            ip_auth_only=ip_only,
            secret=self.secret(e, where, "secret", name),
            source=self.src(*where),
            context=self.fact(e, where, "context"),
            reaches_outbound=self.fact(e, where, "reaches_outbound"),
            reaches_voicemail=self.fact(e, where, "reaches_voicemail"),
            unauthenticated_options=self.fact(e, where, "unauthenticated_options"),
            srtp_weak_parameters=self.fact(e, where, "srtp_weak_parameters", tuple),
            dtls_srtp=self.fact(e, where, "dtls_srtp"),
        )

    def management(self, index: int, m: dict[str, Any]) -> ManagementInterface:
        where: DocPath = ("management_interfaces", index)
        bind = self.fact(m, where, "bind")
        return ManagementInterface(
            name=str(m["name"]),
            kind=ManagementKind(m.get("kind", "other")),
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
        log = self.data.get("logging")
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
        rec = self.data.get("recording")
        at: DocPath = ("recording",)
        return Recording(
            enabled=self.fact(rec, at, "enabled"),
            consent_notice=self.fact(rec, at, "consent_notice"),
            retention_days=self.fact(rec, at, "retention_days"),
            storage_countries=self.fact(rec, at, "storage_countries", _countries),
            access_roles=self.fact(rec, at, "access_roles", tuple),
            access_restricted=self.fact(rec, at, "access_restricted"),
            encrypted_at_rest=self.fact(rec, at, "encrypted_at_rest"),
        )

    def backup(self) -> Backup:
        b = self.data.get("backup")
        at: DocPath = ("backup",)
        return Backup(
            configured=self.fact(b, at, "configured"),
            last_restore_test=self.fact(b, at, "last_restore_test", self._date),
            encrypted=self.fact(b, at, "encrypted"),
        )

    def _date(self, text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            at = ("backup", "last_restore_test")
            raise InputError(f"{render_path(at)}: not a valid date {text!r}", self.doc.path,
                             self.doc.line_of(at)) from None


def _countries(items: list[str]) -> tuple[str, ...]:
    return tuple(c.upper() for c in items)
