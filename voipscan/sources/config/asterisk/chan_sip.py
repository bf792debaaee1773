"""sip.conf (legacy chan_sip): listeners, peers, guest calls."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import (
    AuthType,
    Disclosure,
    Endpoint,
    EndpointKind,
    Fact,
    MediaEncryption,
    Provenance,
    SipProtocol,
    SipTransport,
)
from voipscan.sources.config.asterisk.conf import ConfFile, Section
from voipscan.sources.config.asterisk.tls import method_versions, weak_ciphers
from voipscan.sources.config.asterisk.values import (
    ast_bool,
    bool_fact,
    default_source,
    exposure_of,
    hashed_secret,
    secret_fact,
    split_list,
)

_PEER_TYPES = frozenset({"peer", "friend", "user"})
_NOT_PEERS = frozenset({"general", "authentication"})


@dataclass(frozen=True)
class ChanSipFacts:
    transports: tuple[SipTransport, ...]
    endpoints: tuple[Endpoint, ...]
    disclosures: tuple[Disclosure, ...]
    user_enumeration: Fact[bool]
    disclosure_unknown: bool = False  # useragent may be set in a missing include


def _bind(general: Section | None, key: str, port: int) -> Fact[str]:
    own = general.get(key) if general else None
    shared = general.get("bindaddr") if general else None
    setting = own or shared
    if setting is None:
        return Fact(f"0.0.0.0:{port}", default_source(f"chan_sip {key} default: all "
                                                       "interfaces"))
    value = setting.value.strip()
    if ":" not in value:
        value = f"{value}:{port}"
    return Fact(value, setting.source())


def _listeners(general: Section | None, where: Provenance) -> list[SipTransport]:
    bind = _bind(general, "udpbindaddr", 5060)
    found = [SipTransport(
        "sip-udp", Fact(SipProtocol.UDP, bind.source if bind.source and bind.source.line
                        else where, "chan_sip always listens on UDP"),
        bind=bind, exposure=exposure_of(bind), source=general.source() if general else where)]
    tcp = bool_fact(general, "tcpenable", False)
    if tcp.value:
        bind = _bind(general, "tcpbindaddr", 5060)
        found.append(SipTransport("sip-tcp", Fact(SipProtocol.TCP, tcp.source), bind=bind,
                                  exposure=exposure_of(bind), source=tcp.source))
    tls = bool_fact(general, "tlsenable", False)
    if tls.value:
        bind = _bind(general, "tlsbindaddr", 5061)
        client_method = general.get("tlsclientmethod") if general else None
        versions = method_versions(client_method, default_source("chan_sip TLS"),
                                   "tlsclientmethod")
        if client_method is None:
            versions = Fact(None, tls.source, "the TLS listener negotiates what the OpenSSL "
                            "build allows: depends on the build")
        no_verify = bool_fact(general, "tlsdontverifyserver", False)
        found.append(SipTransport(
            "sip-tls", Fact(SipProtocol.TLS, tls.source), bind=bind, exposure=exposure_of(bind),
            tls_versions=versions,
            verify_peer=Fact(None if no_verify.value is None else not no_verify.value,
                             no_verify.source, "tlsdontverifyserver"),
            client_cert_required=Fact(False, default_source("chan_sip never asks for client "
                                                            "certificates")),
            weak_ciphers=weak_ciphers(general.get("tlscipher") if general else None,
                                      default_source("chan_sip TLS")),
            source=tls.source))
    return found


def _protocols(text: str) -> frozenset[SipProtocol] | None:
    found = set()
    for item in split_list(text):
        try:
            found.add(SipProtocol(item.lower()))
        except ValueError:
            return None
    return frozenset(found) or None


def _peer(section: Section, general: Section | None, options_open: Fact[bool]) -> Endpoint:
    name = section.name
    host = (section.value("host") or "").strip().lower()
    secret = section.get("secret")
    md5 = section.get("md5secret")
    insecure = {w.strip().lower() for w in split_list(section.value("insecure") or "")}
    gap = section.unset_by("secret") if secret is None and md5 is None else None
    auth: Fact[AuthType]
    ip_only: Fact[bool]
    if gap is not None:
        auth = Fact(None, gap.source(), gap.note("secret"))
        ip_only = Fact(None, gap.source(), gap.note("secret"))
    elif "invite" in insecure or "very" in insecure:
        setting = section.get("insecure")
        source = setting.source() if setting else section.source()
        auth = Fact(AuthType.IP, source, "insecure=invite: INVITEs from the peer's address "
                    "are not challenged")
        ip_only = Fact(True, source)
    elif (secret is not None and secret.value) or (md5 is not None and md5.value):
        auth = Fact(AuthType.DIGEST, (secret or md5 or section).source())
        ip_only = Fact(False, auth.source)
    elif host in ("", "dynamic"):
        auth = Fact(AuthType.NONE, section.source(), "no secret: anyone can register and call "
                    "as this peer")
        ip_only = Fact(False, section.source())
    else:
        auth = Fact(AuthType.IP, section.source(), "no secret: matched by host address only")
        ip_only = Fact(True, section.source())
    encryption_on = bool_fact(section, "encryption", None)
    dtls_on = bool_fact(section, "dtlsenable", None)
    encryption: Fact[MediaEncryption]
    if dtls_on.value:
        encryption = Fact(MediaEncryption.DTLS, dtls_on.source)
    elif encryption_on.value:
        encryption = Fact(MediaEncryption.SDES, encryption_on.source)
    else:
        inherited = bool_fact(general, "encryption", False, "chan_sip encryption default no")
        encryption = Fact(MediaEncryption.SDES if inherited.value else MediaEncryption.NONE,
                          encryption_on.source if encryption_on.known else inherited.source)
    transport_setting = section.get("transport") or (general.get("transport") if general
                                                     else None)
    transports: Fact[frozenset[SipProtocol]]
    if transport_setting is None:
        transports = Fact(frozenset({SipProtocol.UDP}), default_source("chan_sip transport "
                                                                       "default udp"))
    else:
        parsed = _protocols(transport_setting.value)
        transports = Fact(parsed, transport_setting.source(),
                          "" if parsed else f"transport {transport_setting.value!r} not "
                          "understood")
    context_setting = section.get("context") or (general.get("context") if general else None)
    context = (Fact(context_setting.value.strip(), context_setting.source()) if context_setting
               else Fact("default", default_source("chan_sip context default 'default'")))
    username = section.value("defaultuser") or section.value("username") or name
    if auth.value is AuthType.NONE or (auth.value is AuthType.IP and not secret and not md5):
        options_open = Fact(True, auth.source, "no secret: requests are not challenged")
    return Endpoint(
        name=name,
        kind=EndpointKind.PHONE if host in ("", "dynamic") else EndpointKind.TRUNK,
        transports=transports,
        media_encryption=encryption,
        media_encryption_mandatory=Fact(encryption.value is not MediaEncryption.NONE,
                                        encryption.source,
                                        "chan_sip encryption=yes offers only SRTP"),
        auth_type=auth,
        ip_auth_only=ip_only,
        secret=(secret_fact(secret, username) if secret is not None
                else hashed_secret(md5) if md5 is not None else Fact(None, None, "")),
        source=section.source(f"[{name}] type={section.type}"),
        context=context,
        unauthenticated_options=options_open,
    )


def _guest(general: Section | None, options_open: Fact[bool]) -> list[Endpoint]:
    guests = []
    allow = bool_fact(general, "allowguest", True, "chan_sip allowguest default yes")
    context_setting = general.get("context") if general else None
    context = (Fact(context_setting.value.strip(), context_setting.source()) if context_setting
               else Fact("default", default_source("chan_sip context default 'default'")))
    if allow.value:
        guests.append(Endpoint(
            "sip-guest", EndpointKind.GUEST,
            auth_type=Fact(AuthType.NONE, allow.source, "allowguest: calls from unknown "
                           "callers are accepted without credentials"),
            ip_auth_only=Fact(False, allow.source),
            media_encryption=Fact(MediaEncryption.NONE, allow.source),
            media_encryption_mandatory=Fact(False, allow.source),
            source=allow.source, context=context, unauthenticated_options=options_open))
    autocreate = general.get("autocreatepeer") if general else None
    if autocreate is not None and (ast_bool(autocreate.value) is not False):
        guests.append(Endpoint(
            "sip-autocreatepeer", EndpointKind.GUEST,
            auth_type=Fact(AuthType.NONE, autocreate.source(), "autocreatepeer: any device "
                           "can register without authentication"),
            ip_auth_only=Fact(False, autocreate.source()),
            media_encryption=Fact(MediaEncryption.NONE, autocreate.source()),
            media_encryption_mandatory=Fact(False, autocreate.source()),
            source=autocreate.source(), context=context,
            unauthenticated_options=options_open))
    return guests


def read_chan_sip(conf: ConfFile, users: tuple[Section, ...] = ()) -> ChanSipFacts:
    """``conf`` is sip.conf; ``users`` the users.conf users with ``hassip`` (friends)."""
    general = conf.settings_of("general")
    where = Provenance.file(conf.root_display or conf.root, None, "sip.conf without [general]")
    auth_options = bool_fact(general, "auth_options_requests", False,
                             "chan_sip auth_options_requests default no")
    options_open = Fact(None if auth_options.value is None else not auth_options.value,
                        auth_options.source, "OPTIONS answered without authentication"
                        if auth_options.value is False else "")
    peers = [s for s in conf.objects() if s.name.lower() not in _NOT_PEERS
             and s.type in _PEER_TYPES]
    endpoints = [*_guest(general, options_open),
                 *(_peer(p, general, options_open) for p in [*peers, *users])]
    disclosures = []
    reject = bool_fact(general, "alwaysauthreject", True)
    if reject.value is False:
        disclosures.append(Disclosure("user-enumeration", "alwaysauthreject=no: responses "
                                      "tell valid from invalid user names", reject.source))
    agent_gap = conf.may_define("useragent", general)
    unset = general is None or general.get("useragent") is None
    if unset and agent_gap is None:
        disclosures.append(Disclosure(
            "software-version", "SIP User-Agent names the Asterisk version (useragent not "
            "set)", general.source() if general else where))
    enumeration = Fact(None if reject.value is None else not reject.value,
                       reject.source or where, reject.note or "alwaysauthreject")
    return ChanSipFacts(tuple(_listeners(general, where)), tuple(endpoints),
                        tuple(disclosures), enumeration,
                        disclosure_unknown=unset and agent_gap is not None)
