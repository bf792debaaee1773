"""pjsip.conf: transports, endpoints with their auth and identify objects, global options."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import (
    AuthType,
    Disclosure,
    Endpoint,
    EndpointKind,
    Fact,
    MediaEncryption,
    SecretInfo,
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
    fact_from,
    hashed_secret,
    is_wide,
    parse_network,
    secret_fact,
    split_list,
)

_ENCRYPTION = {"no": MediaEncryption.NONE, "sdes": MediaEncryption.SDES,
               "dtls": MediaEncryption.DTLS}


@dataclass(frozen=True)
class PjsipFacts:
    transports: tuple[SipTransport, ...]
    endpoints: tuple[Endpoint, ...]
    disclosures: tuple[Disclosure, ...]
    one_touch_recording: tuple[Endpoint, ...]
    disclosure_unknown: bool = False  # user_agent may be set in a missing include


@dataclass(frozen=True)
class WebListener:
    """Where ws/wss transports listen: the HTTP server (http.conf)."""

    bind: Fact[str]
    tls_bind: Fact[str]


def _protocol(text: str) -> SipProtocol | None:
    try:
        return SipProtocol(text.strip().lower())
    except ValueError:
        return None


def _transport(section: Section, web: WebListener) -> SipTransport:
    protocol = fact_from(section, "protocol", _protocol, default=SipProtocol.UDP,
                         default_detail="pjsip transport protocol default udp")
    if protocol.value is SipProtocol.WS:
        bind = Fact(web.bind.value, web.bind.source, "ws transports listen on the HTTP server")
    elif protocol.value is SipProtocol.WSS:
        bind = Fact(web.tls_bind.value, web.tls_bind.source,
                    "wss transports listen on the HTTP server's TLS port")
    else:
        setting = section.get("bind")
        bind = (Fact(setting.value, setting.source()) if setting and setting.value
                else Fact(None, section.source(), "no bind= set"))
    transport = SipTransport(name=section.name, protocol=protocol, bind=bind,
                             exposure=exposure_of(bind),
                             source=section.source(f"[{section.name}] type=transport"))
    if protocol.value is SipProtocol.TLS:
        defaults = default_source("pjsip TLS option default")
        verify_client = bool_fact(section, "verify_client", False)
        require_cert = bool_fact(section, "require_client_cert", False)
        return SipTransport(
            name=transport.name, protocol=protocol, bind=bind, exposure=transport.exposure,
            tls_versions=method_versions(section.get("method"), defaults),
            verify_peer=bool_fact(section, "verify_server", False,
                                  "verify_server default no"),
            client_cert_required=Fact(bool(verify_client.value or require_cert.value),
                                      (section.get("require_client_cert")
                                       or section.get("verify_client") or section).source()),
            weak_ciphers=weak_ciphers(section.get("cipher"), defaults),
            source=transport.source,
        )
    if protocol.value is SipProtocol.WSS:
        return SipTransport(
            name=transport.name, protocol=protocol, bind=bind, exposure=transport.exposure,
            tls_versions=Fact(None, None, "set by http.conf tlsdisablev1/v11/v12: "
                              "depends on the build"),
            verify_peer=Fact(False, default_source("WebSocket clients are not verified")),
            source=transport.source)
    return transport


@dataclass(frozen=True)
class _Identify:
    section: Section
    matches: tuple[str, ...]  # source addresses (match=); without them it identifies nobody
    wide: tuple[str, ...]
    headers: tuple[str, ...]  # match_header=: a header anyone can write


def _identifies(conf: ConfFile) -> dict[str, list[_Identify]]:
    found: dict[str, list[_Identify]] = {}
    for section in conf.objects("identify"):
        target = section.value("endpoint")
        if not target:
            continue
        matches, wide = [], []
        for setting in section.all("match"):
            for item in split_list(setting.value):
                matches.append(item)
                network = parse_network(item)
                if network is not None and is_wide(network) and not item.startswith("!"):
                    wide.append(item)
        headers = tuple(s.value for s in section.all("match_header") if s.value.strip())
        found.setdefault(target.strip(), []).append(
            _Identify(section, tuple(matches), tuple(wide), headers))
    return found


def _inbound(section: Section, name: str, auth_names: list[str],
             identified: list[_Identify]) -> tuple[Fact[AuthType], Fact[bool]]:
    """How requests from this endpoint are authenticated, and whether by address alone."""
    auth_setting = section.get("auth")
    if auth_setting is not None and auth_names:
        return Fact(AuthType.DIGEST, auth_setting.source()), Fact(False, auth_setting.source())
    gap = section.unset_by("auth")
    if gap is not None:
        note = gap.note("auth")
        return Fact(None, gap.source(), note), Fact(None, gap.source(), note)
    if name == "anonymous":
        return (Fact(AuthType.NONE, section.source(), "the anonymous endpoint takes calls "
                     "that match no other endpoint, without credentials"),
                Fact(False, section.source()))
    by_address = [i for i in identified if i.matches]
    if by_address:
        wide = [w for i in by_address for w in i.wide]
        source = by_address[0].section.source(f"[{by_address[0].section.name}] identify")
        if wide:
            return (Fact(AuthType.NONE, source, f"identify match {', '.join(wide)} is so wide "
                         "that anyone in it is let in without credentials"), Fact(True, source))
        return (Fact(AuthType.IP, source, "identified by source address, no auth="),
                Fact(True, source))
    headers = [i for i in identified if i.headers]
    if headers:
        source = headers[0].section.source(f"[{headers[0].section.name}] match_header")
        return (Fact(AuthType.NONE, source, "identified by a request header anyone can set, "
                     "no auth="), Fact(False, source))
    if identified:
        source = identified[0].section.source(f"[{identified[0].section.name}] identify")
        return (Fact(AuthType.NONE, source, "no auth= and its identify has no match: anyone "
                     "who names this endpoint is let in without credentials"),
                Fact(False, source))
    return (Fact(AuthType.NONE, section.source(), "no auth= and no identify: anyone who uses "
                 "this name in From is let in without credentials"),
            Fact(False, section.source()))


def _outbound_secret(conf: ConfFile, section: Section) -> Fact[SecretInfo]:
    """The password the PBX logs in to a provider with (outbound_auth), when set."""
    setting = section.get("outbound_auth")
    for name in split_list(setting.value) if setting else []:
        auth = conf.section(name, "auth")
        password = auth.get("password") if auth is not None else None
        if auth is not None and password is not None and password.value:
            return secret_fact(password, auth.value("username") or section.name)
    return Fact(None, None, "")


def _auth_secret(conf: ConfFile, names: list[str], endpoint: str) -> Fact[SecretInfo]:
    for name in names:
        auth = conf.section(name, "auth")
        if auth is None:
            return Fact(None, None, f"auth object {name!r} is not defined")
        username = auth.value("username") or endpoint
        for key in ("password_digest", "md5_cred"):
            setting = auth.get(key)
            if setting is not None and setting.value:
                return hashed_secret(setting)
        password = auth.get("password")
        if password is not None:
            return secret_fact(password, username)
        return Fact(SecretInfo.judge("", username=username), auth.source(),
                    "auth object without password")
    return Fact(None, None, "")


def _endpoint(section: Section, conf: ConfFile, identifies: dict[str, list[_Identify]],
              trunks: set[str], transports: dict[str, SipTransport]) -> Endpoint:
    name = section.name
    auth_setting = section.get("auth")
    auth_names = split_list(auth_setting.value) if auth_setting else []
    identified = identifies.get(name, [])
    trunk = identified or name in trunks or section.get("outbound_auth") is not None
    kind = EndpointKind.TRUNK if trunk else EndpointKind.PHONE
    if name == "anonymous" and not auth_names:
        kind = EndpointKind.GUEST
    auth, ip_only = _inbound(section, name, auth_names, identified)
    encryption = _media_encryption(section)
    optimistic = bool_fact(section, "media_encryption_optimistic", False)
    mandatory: Fact[bool]
    if encryption.value is MediaEncryption.NONE:
        mandatory = Fact(False, encryption.source)
    elif optimistic.value is None:
        mandatory = Fact(None, optimistic.source, optimistic.note)
    else:
        mandatory = Fact(not optimistic.value, optimistic.source,
                         "media_encryption_optimistic=yes falls back to RTP"
                         if optimistic.value else "")
    transport_setting = section.get("transport")
    protocols: Fact[frozenset[SipProtocol]]
    if transport_setting is None:
        protocols = Fact(None, None, "no transport= set: any transport of the system")
    else:
        chosen = transports.get(transport_setting.value.strip())
        if chosen is None or chosen.protocol.value is None:
            protocols = Fact(None, transport_setting.source(),
                             f"transport {transport_setting.value!r} not defined")
        else:
            protocols = Fact(frozenset({chosen.protocol.value}), transport_setting.source())
    return Endpoint(
        name=name,
        kind=kind,
        transports=protocols,
        media_encryption=encryption,
        media_encryption_mandatory=mandatory,
        auth_type=auth,
        ip_auth_only=ip_only,
        secret=(_auth_secret(conf, auth_names, name) if auth_names
                else _outbound_secret(conf, section)),
        source=section.source(f"[{name}] type=endpoint"),
        context=fact_from(section, "context", lambda v: v.strip() or None, default="default",
                          default_detail="pjsip endpoint context default 'default'"),
        unauthenticated_options=_options(section, auth),
        srtp_weak_parameters=_weak_srtp(encryption),
    )


def _weak_srtp(encryption: Fact[MediaEncryption]) -> Fact[tuple[str, ...]]:
    """SDES suites Asterisk accepts in an offer: res_srtp takes the 32-bit tag whatever
    srtp_tag_32 says (that option only sets what Asterisk offers itself); SDES session
    parameters such as UNENCRYPTED_SRTP are refused."""
    if encryption.value is not MediaEncryption.SDES:
        return Fact(None, None, "")
    return Fact(("AES_CM_128_HMAC_SHA1_32",), encryption.source,
                "res_srtp accepts a 32-bit tag offered by the peer (ast_sdp_crypto_process)")


def _options(section: Section, auth: Fact[AuthType]) -> Fact[bool]:
    """Without inbound auth nothing is challenged, OPTIONS included."""
    if auth.value in (AuthType.NONE, AuthType.IP):
        return Fact(True, auth.source, "no inbound auth: requests are not challenged")
    return bool_fact(section, "allow_unauthenticated_options", False)


def _media_encryption(section: Section) -> Fact[MediaEncryption]:
    webrtc = bool_fact(section, "webrtc", False)
    if webrtc.value:
        return Fact(MediaEncryption.DTLS, webrtc.source, "webrtc=yes sets DTLS-SRTP")
    return fact_from(section, "media_encryption", lambda v: _ENCRYPTION.get(v.strip().lower()),
                     default=MediaEncryption.NONE, default_detail="media_encryption default no")


def read_pjsip(conf: ConfFile, web: WebListener) -> PjsipFacts:
    transports = {s.name: _transport(s, web) for s in conf.objects("transport")}
    identifies = _identifies(conf)
    trunks = {s.value("endpoint") or "" for s in conf.objects("registration")}
    endpoints = tuple(_endpoint(s, conf, identifies, trunks, transports)
                      for s in conf.objects("endpoint"))
    recording = tuple(e for e, s in zip(endpoints, conf.objects("endpoint"), strict=True)
                      if ast_bool(s.value("one_touch_recording") or "no"))
    disclosures: list[Disclosure] = []
    global_section = next(conf.objects("global"), None)
    unset = global_section is None or global_section.get("user_agent") is None
    gap = conf.may_define("user_agent", global_section)
    if transports and unset and gap is None:
        where = global_section.source() if global_section else next(
            iter(transports.values())).source
        disclosures.append(Disclosure(
            "software-version", "SIP User-Agent names the Asterisk version (pjsip global "
            "user_agent not set)", where))
    return PjsipFacts(tuple(transports.values()), endpoints, tuple(disclosures), recording,
                      disclosure_unknown=unset and gap is not None)
