"""Management interfaces (event socket, XML-RPC), their logins, and logging."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import (
    AdminInterface,
    Administrator,
    Exposure,
    Fact,
    Logging,
    ManagementInterface,
    ManagementKind,
    Mfa,
    SecretInfo,
    classify_bind,
)
from voipscan.sources.config.freeswitch.config import FsConfig, Modules
from voipscan.sources.config.freeswitch.preprocess import display
from voipscan.sources.config.freeswitch.profiles import SofiaProfile
from voipscan.sources.config.freeswitch.settings import Setting, params, setting

ESL_DEFAULT_PASSWORD = "ClueCon"
XMLRPC_DEFAULTS = ("freeswitch", "works")
NO_MFA = ("FreeSWITCH has no multi-factor authentication: evidence required from the access "
          "path (VPN, bastion)")
CDR_MODULES = ("mod_cdr_csv", "mod_xml_cdr", "mod_cdr_sqlite", "mod_cdr_pg_csv",
               "mod_cdr_mongodb", "mod_odbc_cdr", "mod_json_cdr", "mod_format_cdr")


@dataclass(frozen=True)
class Login:
    interface: ManagementInterface
    admin: Administrator | None


def _no_mfa() -> Mfa:
    return Mfa(supported=Fact(None, None, NO_MFA), enabled=Fact(None, None, NO_MFA),
               enforced=Fact(None, None, NO_MFA))


def _settings(config: FsConfig, name: str) -> tuple[dict[str, Setting], bool]:
    conf = config.configuration(name)
    if conf is None:
        return {}, False
    return params(conf.child("settings"), f"{name}: "), True


def _secret(value: Setting, username: str, defaults: frozenset[str]) -> Fact[SecretInfo]:
    if value.value is None:
        return Fact(SecretInfo(present=False), value.source, f"{value.name} not set")
    if value.runtime:
        return Fact(None, value.source, f"{value.name} is set at run time")
    return Fact(SecretInfo.judge(value.value, username=username, vendor_defaults=defaults),
                value.source)


def event_socket(config: FsConfig, modules: Modules) -> Login | None:
    settings, present = _settings(config, "event_socket.conf")
    enabled = modules.fact("mod_event_socket")
    if not present and not enabled.value:
        return None
    ip = setting(settings, "listen-ip").fact(str, "127.0.0.1",
                                             "mod_event_socket default listen-ip 127.0.0.1")
    port = setting(settings, "listen-port").fact(str, "8021", "default listen-port 8021")
    password = setting(settings, "password", "event_socket.conf: ")
    acl = setting(settings, "apply-inbound-acl")
    host = display(ip.value) if ip.value is not None else None
    bind: Fact[str] = Fact(None, ip.source, ip.note)
    exposure: Fact[Exposure] = Fact(None, ip.source, ip.note)
    if host is not None:
        text = f"[{host}]:{port.value}" if ":" in host else f"{host}:{port.value}"
        bind = Fact(text, ip.source)
        exposure = Fact(classify_bind(host), ip.source)
    default = Fact(password.value == ESL_DEFAULT_PASSWORD, password.source,
                   "the stock password ClueCon" if password.value == ESL_DEFAULT_PASSWORD
                   else "") if password.value is not None and not password.runtime else Fact()
    iface = ManagementInterface(
        "event-socket", ManagementKind.EVENT_SOCKET, enabled, bind, exposure,
        tls=Fact(False, ip.source, "the event socket has no TLS"),
        acl=Fact(acl.present, acl.source or ip.source,
                 f"apply-inbound-acl {acl.shown()}" if acl.present else
                 "apply-inbound-acl not set"),
        default_credentials=default if enabled.value is not False else
        Fact(None, None, "mod_event_socket not loaded"),
        source=ip.source,
        login_required=Fact(True, password.source or ip.source,
                            "the event socket always asks for its password"),
    )
    admin = None
    if enabled.value is not False:
        admin = Administrator(
            "event-socket", AdminInterface.EVENT_SOCKET,
            auth_backend=Fact("shared password", password.source),
            mfa=_no_mfa(),
            roles=Fact((), password.source, "the event socket has no roles"),
            permissions=Fact(("all",), password.source, "one password gives full control"),
            superuser=Fact(True, password.source, "one password gives full control"),
            shared=Fact(True, password.source, "one password for everyone who connects"),
            enabled=enabled,
            password=_secret(password, "", frozenset({ESL_DEFAULT_PASSWORD})),
            source=password.source or ip.source,
        )
    return Login(iface, admin)


def xml_rpc(config: FsConfig, modules: Modules) -> Login | None:
    settings, present = _settings(config, "xml_rpc.conf")
    enabled = modules.fact("mod_xml_rpc")
    if not present and not enabled.value:
        return None
    port = setting(settings, "http-port").fact(str, "8080", "mod_xml_rpc default http-port")
    user = setting(settings, "auth-user", "xml_rpc.conf: ")
    password = setting(settings, "auth-pass", "xml_rpc.conf: ")
    realm = setting(settings, "auth-realm", "xml_rpc.conf: ")
    source = port.source
    everyone = not (user.present and password.present and realm.present)
    defaults = (user.value, password.value) == XMLRPC_DEFAULTS
    active = enabled.value is not False
    iface = ManagementInterface(
        "xml-rpc", ManagementKind.XMLRPC, enabled,
        bind=Fact(f"0.0.0.0:{port.value}", source, "mod_xml_rpc listens on all interfaces"),
        exposure=Fact(classify_bind("0.0.0.0"), source, "mod_xml_rpc listens on all interfaces"),
        tls=Fact(False, source, "mod_xml_rpc serves plain HTTP"),
        acl=Fact(False, source, "mod_xml_rpc has no address restriction"),
        default_credentials=Fact(defaults, password.source or source,
                                 "the stock login freeswitch/works" if defaults else "")
        if active and not everyone else Fact(None, None, "not active or no login"),
        source=source,
        login_required=Fact(not everyone, source, "HTTP basic login (auth-realm, auth-user, "
                            "auth-pass)" if not everyone else "auth-realm, auth-user and "
                            "auth-pass are not all set: no login"),
    )
    admin = None
    if active:
        secret = Fact(SecretInfo(present=False), source, "no login: auth-realm, auth-user and "
                      "auth-pass must all be set") if everyone else \
            _secret(password, user.value or "", frozenset({XMLRPC_DEFAULTS[1]}))
        admin = Administrator(
            f"xml-rpc:{display(user.value) if user.value else 'anonymous'}", AdminInterface.API,
            auth_backend=Fact("HTTP basic", source), mfa=_no_mfa(),
            roles=Fact((), source, "XML-RPC has no roles"),
            permissions=Fact(("all",), source, "the API runs any command"),
            superuser=Fact(True, source, "the API runs any command"),
            shared=Fact(True, source, "one login for every client"),
            enabled=enabled, password=secret, source=user.source or source,
        )
    return Login(iface, admin)


def logging(config: FsConfig, modules: Modules, profiles: list[SofiaProfile] | None) -> Logging:
    calls = modules.any_of(CDR_MODULES)
    access: Fact[bool] = Fact(None, None, "no SIP profiles found")
    if profiles:
        failures = [(p, p.flag("log-auth-failures", False)) for p in profiles]
        off = next(((p, f) for p, f in failures if f.value is False), None)
        unknown = next(((p, f) for p, f in failures if f.value is None), None)
        if off is not None:
            access = Fact(False, off[1].source,
                          f"profile {off[0].name}: log-auth-failures is off")
        elif unknown is not None:
            access = Fact(None, unknown[1].source, unknown[1].note)
        else:
            access = Fact(True, failures[0][1].source, "log-auth-failures on every profile")
    return Logging(
        calls=calls,
        config_changes=Fact(None, None, "FreeSWITCH keeps no audit trail of config changes: "
                            "evidence required (change management, file integrity monitoring)"),
        access_attempts=access,
        retention_days=_retention(config),
        forwarded=_forwarding(config, modules),
    )


def _retention(config: FsConfig) -> Fact[int]:
    conf = config.configuration("logfile.conf")
    if conf is None:
        return Fact(None, None, "logfile.conf.xml not found")
    for profile in conf.descendants("profile"):
        settings = params(profile.child("settings"), "logfile.conf: ")
        rotate = setting(settings, "maximum-rotate")
        if rotate.present:
            return Fact(None, rotate.source, f"mod_logfile keeps {rotate.shown()} rotated "
                        "files: how many days that covers depends on log volume")
    return Fact(None, None, "mod_logfile rotation set in logfile.conf.xml; retention in days "
                "depends on log volume and external rotation")


def _forwarding(config: FsConfig, modules: Modules) -> Fact[bool]:
    graylog = modules.fact("mod_graylog2")
    if graylog.value:
        return Fact(True, graylog.source, "mod_graylog2 sends logs to a Graylog server")
    syslog = modules.fact("mod_syslog")
    if syslog.value:
        return Fact(None, syslog.source, "mod_syslog hands logs to the local syslog daemon; "
                    "whether that forwards them to monitoring is configured there")
    if syslog.value is None:
        return Fact(None, None, syslog.note)
    return Fact(False, syslog.source, "neither mod_syslog nor mod_graylog2 is loaded: logs "
                "stay in FreeSWITCH's files unless an agent ships them")
