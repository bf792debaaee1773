"""Management interfaces (event socket, XML-RPC), their logins, and logging."""

from __future__ import annotations

from dataclasses import dataclass, replace

from voipscan.facts import (
    AdminInterface,
    Administrator,
    Exposure,
    Fact,
    Logging,
    ManagementInterface,
    ManagementKind,
    Mfa,
    Provenance,
    SecretInfo,
    classify_bind,
    is_placeholder,
)
from voipscan.sources.config.freeswitch.config import FsConfig, Modules
from voipscan.sources.config.freeswitch.preprocess import display
from voipscan.sources.config.freeswitch.profiles import SofiaProfile
from voipscan.sources.config.freeswitch.settings import PLATFORM, Setting, params, setting

ESL_DEFAULT_PASSWORD = "ClueCon"
XMLRPC_DEFAULTS = ("freeswitch", "works")
# auth-pass values the stock trees ship: conf/minimal sets 'worksnot' ("CHANGE THIS")
XMLRPC_STOCK_PASSWORDS = frozenset({"works", "worksnot"})
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


def _stock(secret: Fact[SecretInfo], why: str) -> Fact[bool]:
    """Whether a login uses a password the stock configuration ships; unknown when the
    password is (a placeholder, set at run time)."""
    info = secret.value
    if info is None or info.placeholder:
        return Fact(None, secret.source, secret.note or "password is a placeholder")
    return Fact(bool(info.vendor_default), secret.source, why if info.vendor_default else "")


def _unless_empty(value: Setting) -> Setting:
    """mod_event_socket takes an empty listen-ip or password as not set (its defaults)."""
    return replace(value, value=None) if value.value == "" else value


def event_socket(config: FsConfig, modules: Modules) -> Login | None:
    settings, present = _settings(config, "event_socket.conf")
    enabled = modules.fact("mod_event_socket")
    if not present and not enabled.value:
        return None
    unset = "" if present else "no event_socket.conf.xml: "
    ip = _unless_empty(setting(settings, "listen-ip")).fact(
        str, "127.0.0.1", f"{unset}mod_event_socket listens on 127.0.0.1 when listen-ip is not set")
    port = setting(settings, "listen-port").fact(str, "8021", "default listen-port 8021")
    password = _unless_empty(setting(settings, "password", "event_socket.conf: "))
    acl = setting(settings, "apply-inbound-acl")
    host = display(ip.value) if ip.value is not None else None
    bind: Fact[str] = Fact(None, ip.source, ip.note)
    exposure: Fact[Exposure] = Fact(None, ip.source, ip.note)
    if host is not None:
        text = f"[{host}]:{port.value}" if ":" in host else f"{host}:{port.value}"
        bind = Fact(text, ip.source)
        exposure = Fact(classify_bind(host), ip.source) if not is_placeholder(host) else \
            Fact(None, ip.source, f"listen-ip {host} is a placeholder filled in elsewhere")
    secret = _secret(password, "", frozenset({ESL_DEFAULT_PASSWORD}))
    if password.value is None:
        secret = Fact(SecretInfo.judge(ESL_DEFAULT_PASSWORD,
                                       vendor_defaults=frozenset({ESL_DEFAULT_PASSWORD})),
                      Provenance.default(PLATFORM, f"{unset}mod_event_socket uses the password "
                                         "ClueCon when none is set"))
    default = _stock(secret, "the stock password ClueCon")
    acl_fact = Fact(acl.present, acl.source or ip.source,
                    f"apply-inbound-acl {acl.shown()}" if acl.present else
                    "apply-inbound-acl not set")
    if acl.value is not None and is_placeholder(acl.value):
        acl_fact = Fact(None, acl.source, f"apply-inbound-acl {acl.shown()} is a placeholder "
                        "filled in elsewhere")
    iface = ManagementInterface(
        "event-socket", ManagementKind.EVENT_SOCKET, enabled, bind, exposure,
        tls=Fact(False, ip.source, "the event socket has no TLS"),
        acl=acl_fact,
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
            password=secret,
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
    active = enabled.value is not False
    secret = Fact(SecretInfo(present=False), source, "no login: auth-realm, auth-user and "
                  "auth-pass must all be set") if everyone else \
        _secret(password, user.value or "", XMLRPC_STOCK_PASSWORDS)
    default: Fact[bool] = Fact(None, None, "not active or no login")
    if active and not everyone:
        default = _stock(secret, "a password the stock configurations ship")
    iface = ManagementInterface(
        "xml-rpc", ManagementKind.XMLRPC, enabled,
        bind=Fact(f"0.0.0.0:{port.value}", source, "mod_xml_rpc listens on all interfaces"),
        exposure=Fact(classify_bind("0.0.0.0"), source, "mod_xml_rpc listens on all interfaces"),
        tls=Fact(False, source, "mod_xml_rpc serves plain HTTP"),
        acl=Fact(False, source, "mod_xml_rpc has no address restriction"),
        default_credentials=default,
        source=source,
        login_required=Fact(not everyone, source, "HTTP basic login (auth-realm, auth-user, "
                            "auth-pass)" if not everyone else "auth-realm, auth-user and "
                            "auth-pass are not all set: no login"),
    )
    admin = None
    if active:
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
