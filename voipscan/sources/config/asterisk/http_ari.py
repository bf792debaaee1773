"""http.conf and ari.conf: the built-in HTTP server and the REST interface users on it."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import (
    AdminInterface,
    Administrator,
    Disclosure,
    Fact,
    ManagementInterface,
    ManagementKind,
    SecretInfo,
)
from voipscan.sources.config.asterisk.conf import ConfFile, Section
from voipscan.sources.config.asterisk.manager import no_mfa, users_restricted
from voipscan.sources.config.asterisk.values import (
    PLATFORM,
    ast_bool,
    bool_fact,
    default_source,
    exposure_of,
    hashed_secret,
    secret_fact,
)


@dataclass(frozen=True)
class HttpFacts:
    enabled: Fact[bool]
    bind: Fact[str]
    tls_bind: Fact[str]
    admins: tuple[Administrator, ...]
    interfaces: tuple[ManagementInterface, ...]
    disclosures: tuple[Disclosure, ...]


def _ari_users(ari: ConfFile | None) -> list[Section]:
    if ari is None:
        return []
    return [s for s in ari.objects("user")]


def _ari_admin(user: Section, enabled: Fact[bool], interfaces: tuple[str, ...]
               ) -> Administrator:
    read_only = bool_fact(user, "read_only", False, "ARI read_only default no")
    password = user.get("password")
    password_format = (user.value("password_format") or "plain").strip().lower()
    secret: Fact[SecretInfo]
    if password is None:
        secret = Fact(None, None, "no password set")
    elif password_format == "crypt":
        secret = hashed_secret(password)
    else:
        secret = secret_fact(password, user.name)
    full = read_only.value is False
    return Administrator(
        name=f"ari/{user.name}",
        interface=AdminInterface.API,
        auth_backend=Fact("ari.conf", user.source()),
        mfa=no_mfa(),
        roles=Fact(None, user.source(), "ARI has no roles: users are read-only or full"),
        permissions=Fact(("read",) if read_only.value else ("read", "write"),
                         read_only.source),
        superuser=Fact(full, read_only.source,
                       "ARI write access controls channels and originates calls" if full
                       else "read-only"),
        enabled=enabled,
        password=secret,
        source=user.source(f"[{user.name}] ARI user"),
        interfaces=interfaces,
    )


def read_http(http: ConfFile | None, ari: ConfFile | None, platform: str = PLATFORM,
              acls: ConfFile | None = None) -> HttpFacts:
    general = http.settings_of("general") if http is not None else None
    enabled = bool_fact(general, "enabled", False, "HTTP server enabled default no", platform)
    bind_setting = general.get("bindaddr") if general else None
    port = (general.value("bindport") if general else None) or "8088"
    if bind_setting is not None:
        bind = Fact(f"{bind_setting.value}:{port}", bind_setting.source())
    elif general is not None and (gap := general.unset_by("bindaddr")) is not None:
        bind = Fact(None, gap.source(), gap.note("bindaddr"))
    else:
        bind = Fact(None, None, "no bindaddr: the HTTP server does not start")
        if enabled.value:
            enabled = Fact(False, enabled.source, "enabled, but no bindaddr set")
    tls_on = general.get("tlsenable") if general else None
    tls_enabled = bool(tls_on is not None and ast_bool(tls_on.value))
    tls_bind_setting = general.get("tlsbindaddr") if general else None
    if tls_bind_setting is not None:
        tls_bind = Fact(tls_bind_setting.value, tls_bind_setting.source())
    elif bind_setting is not None:
        tls_bind = Fact(f"{bind_setting.value}:8089",
                        default_source("http tlsbindaddr default: bindaddr, port 8089", platform))
    else:
        tls_bind = Fact(None, None, "no tlsbindaddr")

    ari_general = ari.settings_of("general") if ari is not None else None
    ari_enabled = bool_fact(ari_general, "enabled", ari is not None,
                            "ARI enabled default yes when ari.conf exists", platform)
    serving_ari = bool(enabled.value and ari_enabled.value)
    users = _ari_users(ari)
    reachable = Fact(serving_ari, enabled.source if not enabled.value else ari_enabled.source)
    listeners = ("http", "https") if tls_enabled else ("http",)
    admins = tuple(_ari_admin(u, reachable, listeners) for u in users)
    kind = ManagementKind.ARI if serving_ari else ManagementKind.WEB
    acl = users_restricted("ARI", users, acls)
    login = Fact(True, default_source("ARI and AMI-over-HTTP require a login", platform))
    interfaces = []
    if http is not None or ari is not None:
        source = general.source() if general else (
            ari_general.source() if ari_general else default_source("http.conf absent"))
        interfaces.append(ManagementInterface(
            "http", kind, enabled=enabled, bind=bind, exposure=exposure_of(bind),
            tls=Fact(False, bind.source, "plain HTTP listener"), acl=acl,
            default_credentials=_defaults(admins), source=source, login_required=login))
        if tls_enabled and tls_on is not None:
            interfaces.append(ManagementInterface(
                "https", kind, enabled=enabled, bind=tls_bind, exposure=exposure_of(tls_bind),
                tls=Fact(True, tls_on.source()), acl=acl,
                default_credentials=_defaults(admins), source=tls_on.source(),
                login_required=login))
    disclosures: list[Disclosure] = []
    if enabled.value and general is not None and general.get("servername") is None:
        disclosures.append(Disclosure(
            "software-version", "HTTP Server header names the Asterisk version (servername "
            "not set)", general.source()))
    return HttpFacts(enabled, bind, tls_bind if tls_enabled else Fact(None, None, "no TLS"),
                     admins, tuple(interfaces), tuple(disclosures))


def _defaults(admins: tuple[Administrator, ...]) -> Fact[bool]:
    secrets = [a.password for a in admins]
    flagged = [s for s in secrets if s.value is not None and s.value.vendor_default]
    if flagged:
        return Fact(True, flagged[0].source, "an ARI user has a vendor default password")
    if secrets and all(s.value is not None for s in secrets):
        return Fact(False, secrets[0].source)
    return Fact(None, None, "no ARI user with a judged password")
