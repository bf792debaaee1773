"""FreePBX data into facts: GUI login, administrators and roles, MFA, SIP settings, devices."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from voipscan.facts import (
    AdminInterface,
    Administrator,
    AuthType,
    Endpoint,
    EndpointKind,
    Fact,
    ManagementInterface,
    ManagementKind,
    MediaEncryption,
    Mfa,
    Provenance,
    Role,
    SecretInfo,
    SecretStorage,
    SipProtocol,
    SipTransport,
    TlsVersion,
    User,
)
from voipscan.facts.secrets import COMMON_PASSWORDS
from voipscan.sources.config.asterisk.conf import Setting
from voipscan.sources.config.asterisk.tls import method_versions
from voipscan.sources.config.asterisk.values import VENDOR_DEFAULTS, ast_bool, exposure_of
from voipscan.sources.config.freepbx.backup import FreePbxData, Located

PLATFORM = "freepbx"
MFA_MODULE = "pbxmfa"
ANONYMOUS_CONTEXT = "from-sip-external"
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")


def default(detail: str) -> Provenance:
    return Provenance.default(PLATFORM, detail)


def _truthy(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    return ast_bool(str(value)) if value is not None else None


# --- secrets -----------------------------------------------------------------------------

def hashed_password(value: str, username: str, source: Provenance) -> Fact[SecretInfo]:
    """Judge a stored password hash. Unsalted SHA-1 is checked against known weak secrets."""
    if not value:
        return Fact(SecretInfo.judge("", username=username), source, "empty password")
    if _SHA1.match(value):
        digest = value.lower()
        for guess in (*sorted(VENDOR_DEFAULTS), *sorted(COMMON_PASSWORDS), username):
            if hashlib.sha1(guess.encode()).hexdigest() == digest:
                info = SecretInfo.judge(guess, username=username, vendor_defaults=VENDOR_DEFAULTS,
                                        storage=SecretStorage.HASHED)
                return Fact(info, source, "unsalted SHA-1 of a known weak password")
        return Fact(SecretInfo.hashed(), source, "unsalted SHA-1 (legacy)")
    return Fact(SecretInfo.hashed(), source, "salted hash")


# --- MFA -----------------------------------------------------------------------------------

def mfa_state(data: FreePbxData) -> Mfa:
    module = data.modules.get(MFA_MODULE)
    if module is None:
        note = "PBX MFA module (pbxmfa) not in the backup: evidence required"
        return Mfa(supported=Fact(None, None, note), enabled=Fact(None, None, note),
                   enforced=Fact(None, None, note))
    if module.value is False:
        return Mfa(supported=Fact(True, module.source, "pbxmfa installed"),
                   enabled=Fact(False, module.source, "pbxmfa module disabled"),
                   enforced=Fact(False, module.source, "pbxmfa module disabled"))
    note = "pbxmfa installed and enabled; per-user enrolment is not in the backup"
    return Mfa(supported=Fact(True, module.source, "pbxmfa installed"),
               enabled=Fact(None, module.source, note), enforced=Fact(None, module.source, note))


# --- GUI login and administrators ----------------------------------------------------------

def auth_type(data: FreePbxData) -> Fact[str]:
    setting = data.settings.get("AUTHTYPE")
    if setting is None:
        return Fact("database", default("AUTHTYPE default database"))
    return Fact(str(setting.value).strip().lower() or "database", setting.source)


def gui_interface(data: FreePbxData, authtype: Fact[str]) -> ManagementInterface:
    login = Fact(authtype.value != "none", authtype.source,
                 "AUTHTYPE=none: the administration GUI asks for no login"
                 if authtype.value == "none" else f"AUTHTYPE={authtype.value}")
    return ManagementInterface(
        "admin-gui", ManagementKind.WEB,
        enabled=Fact(True, default("the FreePBX administration GUI is always served")),
        bind=Fact(None, None, "served by the web server: its config is not in the backup"),
        exposure=Fact(None, None, "served by the web server: its config is not in the backup"),
        tls=Fact(None, None, "HTTPS is configured in the web server, not in the backup"),
        acl=Fact(None, None, "firewall module state not in the backup"),
        source=authtype.source, login_required=login)


@dataclass(frozen=True)
class Accounts:
    admins: tuple[Administrator, ...]
    users: tuple[User, ...]
    roles: tuple[Role, ...]


def _sections(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return tuple(s.strip() for s in re.split(r"[;,]", str(value or "")) if s.strip())


def ampuser_admins(data: FreePbxData, authtype: Fact[str], mfa: Mfa) -> list[Administrator]:
    active = authtype.value in ("database", "none")
    admins = []
    for item in data.ampusers:
        row = item.value
        name = str(row["username"])
        sections = _sections(row.get("sections"))
        admins.append(Administrator(
            name=name, interface=AdminInterface.WEB,
            auth_backend=Fact("ampusers", item.source),
            mfa=mfa,
            roles=Fact(None, item.source, "legacy ampusers have module lists, no roles"),
            permissions=Fact(sections, item.source),
            superuser=Fact("*" in sections, item.source, "sections=*" if "*" in sections
                           else ""),
            enabled=Fact(active, authtype.source, "" if active else
                         f"AUTHTYPE={authtype.value}: ampusers cannot log in"),
            password=hashed_password(str(row.get("password_sha1") or ""), name, item.source),
            source=item.source))
    return admins


def _settings(rows: list[Located], id_key: str) -> dict[str, dict[str, Located]]:
    found: dict[str, dict[str, Located]] = {}
    for item in rows:
        row = item.value
        if str(row.get("module") or "global") != "global":
            continue
        owner = str(row.get(id_key))
        found.setdefault(owner, {})[str(row.get("key"))] = Located(row.get("val"), item.source)
    return found


def _json_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    try:
        loaded = json.loads(str(value))
    except (ValueError, TypeError, RecursionError):  # ValueError: also > 4,300 digits
        return _sections(value)
    return tuple(str(v) for v in loaded) if isinstance(loaded, list) else ()


def _members(group: dict[str, Any]) -> set[str]:
    return set(_json_list(group.get("users") or "[]"))


@dataclass(frozen=True)
class _Scope:
    """Where a user's settings come from: the user, its row, then its groups in order."""

    item: Located
    own: dict[str, Located]
    groups: list[Located]
    group_settings: dict[str, dict[str, Located]]

    def effective(self, key: str) -> tuple[Located | None, str]:
        if key in self.own:
            return self.own[key], ""
        if key in self.item.value:
            return Located(self.item.value[key], self.item.source), ""
        for group in self.groups:
            found = self.group_settings.get(str(group.value.get("id")), {}).get(key)
            if found is not None:
                return found, str(group.value.get("groupname"))
        return None, ""


def _priority(group: Any) -> int:
    """A group's priority; anything that is not an integer (text, inf, 10^5000) counts 0."""
    try:
        return int(str(group.value.get("priority") or 0))
    except ValueError:
        return 0


def userman_accounts(data: FreePbxData, authtype: Fact[str], mfa: Mfa) -> Accounts:
    """Effective rights: a user's own setting wins, then its groups by ascending priority."""
    user_settings = _settings(data.user_settings, "uid")
    group_settings = _settings(data.group_settings, "gid")
    groups = sorted(data.groups, key=_priority)
    roles: list[Role] = []
    for group in groups:
        gid = str(group.value.get("id"))
        own = group_settings.get(gid, {})
        admin = own.get("pbx_admin")
        modules = own.get("pbx_modules")
        roles.append(Role(
            str(group.value.get("groupname")),
            ("*",) if admin is not None and _truthy(admin.value) else (
                _json_list(modules.value) if modules else ()),
            Fact(bool(admin is not None and _truthy(admin.value)),
                 admin.source if admin else group.source),
            group.source))
    active = authtype.value == "usermanager"
    admins: list[Administrator] = []
    users: list[User] = []
    for item in data.users:
        row = item.value
        uid = str(row.get("id"))
        name = str(row.get("username"))
        mine = user_settings.get(uid, {})
        member_of = [g for g in groups if uid in _members(g.value)]

        scope = _Scope(item, mine, member_of, group_settings)
        login, login_from = scope.effective("pbx_login")
        admin, admin_from = scope.effective("pbx_admin")
        modules, modules_from = scope.effective("pbx_modules")
        password = hashed_password(str(row.get("password") or ""), name, item.source)
        if not (login is not None and _truthy(login.value)):
            users.append(User(name, mfa, password, item.source))
            continue
        full = bool(admin is not None and _truthy(admin.value))
        permissions = ("*",) if full else (_json_list(modules.value) if modules else ())
        granted_by = tuple(dict.fromkeys(g for g in (login_from, admin_from, modules_from) if g))
        rights = (admin or modules or login).source
        admins.append(Administrator(
            name=name, interface=AdminInterface.WEB,
            auth_backend=Fact("usermanager", item.source),
            mfa=mfa,
            roles=Fact(granted_by, rights, "groups granting the rights" if granted_by
                       else "rights set on the user itself"),
            permissions=Fact(permissions, rights),
            superuser=Fact(full, rights, f"pbx_admin from group {admin_from}" if admin_from
                           else "pbx_admin"),
            enabled=Fact(active, authtype.source, "" if active else
                         f"AUTHTYPE={authtype.value}: User Management logins are not used"),
            password=password, source=item.source))
    return Accounts(tuple(admins), tuple(users), tuple(roles))


def ami_name(user: str) -> str:
    """AMI accounts get a prefix: FreePBX GUI accounts often share their names (admin)."""
    return f"ami/{user}"


def ami_admin(data: FreePbxData) -> tuple[Administrator, ManagementInterface] | None:
    """The AMI account FreePBX itself uses (AMPMGRUSER / AMPMGRPASS)."""
    user = data.settings.get("AMPMGRUSER")
    password = data.settings.get("AMPMGRPASS")
    if user is None and password is None:
        return None
    name = ami_name(str(user.value) if user else "admin")
    source = (password or user).source  # type: ignore[union-attr]
    secret = (Fact(SecretInfo.judge(str(password.value), username=name,
                                    vendor_defaults=VENDOR_DEFAULTS), password.source)
              if password else Fact(None, None, "AMPMGRPASS not in the backup"))
    template = default("FreePBX manager.conf template")
    admin = Administrator(
        name=name, interface=AdminInterface.API, auth_backend=Fact("manager.conf", source),
        mfa=Mfa(supported=Fact(None, None, "AMI has no MFA"),
                enabled=Fact(None, None, "AMI has no MFA")),
        roles=Fact(None, template, "AMI has no roles"),
        permissions=Fact(("read:all", "write:system", "write:command", "write:config",
                          "write:originate"), template),
        superuser=Fact(True, template, "FreePBX's own AMI account has full rights"),
        enabled=Fact(True, template), password=secret, source=source)
    bind = Fact("0.0.0.0:5038", default("FreePBX manager.conf template bindaddr=0.0.0.0"))
    interface = ManagementInterface(
        "ami", ManagementKind.AMI, enabled=Fact(True, template), bind=bind,
        exposure=exposure_of(bind), tls=Fact(False, template),
        acl=Fact(True, template, "template permits only 127.0.0.1 for this user"),
        default_credentials=Fact(bool(secret.value and secret.value.vendor_default),
                                 secret.source, "AMPMGRPASS") if secret.known else Fact(),
        source=source, login_required=Fact(True, default("AMI always requires a login")))
    return admin, interface


# --- SIP settings and devices ---------------------------------------------------------------

def _setting(data: FreePbxData, *keys: str) -> Located | None:
    return next((data.sip_settings[k] for k in keys if k in data.sip_settings), None)


def sip_transports(data: FreePbxData) -> list[SipTransport]:
    binds = _setting(data, "binds")
    if binds is None or not isinstance(binds.value, dict):
        return []
    method = _setting(data, "method", "tls_method")
    verify = _setting(data, "verify_server")
    transports = []
    for protocol_name, addresses in binds.value.items():
        try:
            protocol = SipProtocol(str(protocol_name).lower())
        except ValueError:
            continue
        for address, state in (addresses or {}).items() if isinstance(addresses, dict) else []:
            if str(state).lower() != "on":
                continue
            port = _setting(data, f"{protocol.value}port-{address}")
            bind = Fact(f"{address}:{port.value}" if port else str(address), binds.source)
            transport = SipTransport(f"{address}-{protocol.value}", Fact(protocol, binds.source),
                                     bind=bind, exposure=exposure_of(bind), source=binds.source)
            if protocol is SipProtocol.TLS:
                versions = (method_versions(None, default("sipsettings TLS method default"))
                            if method is None else _method(method))
                transport = SipTransport(
                    transport.name, transport.protocol, bind=bind, exposure=transport.exposure,
                    tls_versions=versions,
                    verify_peer=(Fact(_truthy(verify.value), verify.source) if verify
                                 else Fact(False, default("verify_server default no"))),
                    weak_ciphers=Fact((), default("library default ciphers")),
                    source=binds.source)
            transports.append(transport)
    return transports


def _method(method: Located) -> Fact[frozenset[TlsVersion]]:
    setting = Setting("method", str(method.value), method.source.location,
                      method.source.line or 0, "sipsettings")
    fact = method_versions(setting, method.source)
    return Fact(fact.value, method.source, fact.note)


def guests(data: FreePbxData) -> list[Endpoint]:
    found = []
    for key, name, note in (
        ("allowanon", "anonymous", "Allow Anonymous Inbound SIP Calls: unknown callers are "
         "accepted without credentials"),
        ("allowguest", "sip-guest", "Allow SIP Guests: chan_sip takes calls without "
         "credentials"),
    ):
        setting = _setting(data, key)
        if setting is None or not _truthy(setting.value):
            continue
        found.append(Endpoint(
            name, EndpointKind.GUEST, auth_type=Fact(AuthType.NONE, setting.source, note),
            ip_auth_only=Fact(False, setting.source),
            media_encryption=Fact(MediaEncryption.NONE, setting.source),
            media_encryption_mandatory=Fact(False, setting.source),
            source=setting.source,
            context=Fact(ANONYMOUS_CONTEXT, default("FreePBX sends anonymous calls to "
                                                    "from-sip-external")),
            unauthenticated_options=Fact(None, None, "")))
    return found


_ENCRYPTION = {"no": MediaEncryption.NONE, "sdes": MediaEncryption.SDES,
               "dtls": MediaEncryption.DTLS, "yes": MediaEncryption.SDES}


def devices(data: FreePbxData) -> list[Endpoint]:
    keywords: dict[str, dict[str, Located]] = {}
    for item in data.sip_rows:
        keywords.setdefault(str(item.value.get("id")), {})[str(item.value.get("keyword"))] = \
            Located(item.value.get("data"), item.source)
    tech = {str(d.value.get("id")): str(d.value.get("tech") or "").lower() for d in data.devices}
    endpoints = []
    for device_id in sorted(set(keywords) | {i for i, t in tech.items() if t in ("pjsip", "sip")}):
        fields = keywords.get(device_id, {})
        anchor = next(iter(fields.values())).source if fields else next(
            d.source for d in data.devices if str(d.value.get("id")) == device_id)
        secret = fields.get("secret")
        secret_fact = (Fact(SecretInfo.judge(str(secret.value or ""), username=device_id,
                                             vendor_defaults=VENDOR_DEFAULTS), secret.source)
                       if secret else Fact(None, None, "no secret in the backup"))
        auth = (Fact(AuthType.DIGEST, secret.source) if secret and secret.value
                else Fact(AuthType.NONE, anchor, "device without a secret"))
        encryption_row = fields.get("media_encryption") or fields.get("encryption")
        encryption = (Fact(_ENCRYPTION.get(str(encryption_row.value).lower()),
                           encryption_row.source) if encryption_row
                      else Fact(MediaEncryption.NONE, default("media_encryption default no")))
        optimistic = fields.get("media_encryption_optimistic")
        if encryption.value is MediaEncryption.NONE or encryption.value is None:
            mandatory = Fact(False if encryption.value else None, encryption.source)
        elif optimistic is not None:
            mandatory = Fact(not _truthy(optimistic.value), optimistic.source)
        else:
            mandatory = Fact(True, default("media_encryption_optimistic default no"))
        transport = fields.get("transport")
        protocols = _device_protocols(transport)
        context = fields.get("context")
        endpoints.append(Endpoint(
            name=device_id, kind=EndpointKind.PHONE, transports=protocols,
            media_encryption=encryption, media_encryption_mandatory=mandatory,
            auth_type=auth, ip_auth_only=Fact(False, auth.source), secret=secret_fact,
            source=anchor,
            context=(Fact(str(context.value), context.source) if context and context.value
                     else Fact("from-internal", default("device context default"))),
            unauthenticated_options=Fact(False, default("pjsip default: OPTIONS "
                                                        "authenticated"))
            if tech.get(device_id) != "sip" else Fact(None, None, "")))
    return endpoints


def _device_protocols(transport: Located | None) -> Fact[frozenset[SipProtocol]]:
    if transport is None or not transport.value:
        return Fact(None, None, "no transport set: any transport of the system")
    found = set()
    for part in re.split(r"[,\s]+", str(transport.value).lower()):
        for protocol in (SipProtocol.WSS, SipProtocol.WS, SipProtocol.TLS, SipProtocol.TCP,
                         SipProtocol.UDP):
            if part.endswith(protocol.value) or part == protocol.value:
                found.add(protocol)
                break
    if not found:
        return Fact(None, transport.source, f"transport {transport.value!r} not understood")
    return Fact(frozenset(found), transport.source)
