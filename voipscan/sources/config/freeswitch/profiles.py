"""Sofia SIP profiles (sofia.conf.xml + sip_profiles/*.xml): listeners and TLS settings."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import (
    Disclosure,
    Exposure,
    Fact,
    Provenance,
    SipProtocol,
    SipTransport,
    TlsVersion,
    classify_bind,
    is_placeholder,
)
from voipscan.facts.disclosure import discloses_version
from voipscan.sources.config.cipher_strings import weak_entries
from voipscan.sources.config.freeswitch.config import FsConfig
from voipscan.sources.config.freeswitch.preprocess import display, unknown_marker, unresolved
from voipscan.sources.config.freeswitch.settings import (
    PLATFORM,
    Setting,
    params,
    setting,
    switch_true,
)
from voipscan.sources.config.freeswitch.xmltree import Node

# mod_sofia's Server and User-Agent when user-agent-string is not set (SOFIA_USER_AGENT)
DEFAULT_USER_AGENT = "'FreeSWITCH-mod_sofia/<version>'"
VERSION_DISCLOSURE = "software-version"
# mod_sofia's tls-version when the profile does not set one (stock vars.xml documents it)
DEFAULT_TLS_VERSION = "tlsv1,tlsv1.1,tlsv1.2"
DEFAULT_CIPHERS = "ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH"
_TLS_TOKENS: dict[str, frozenset[TlsVersion]] = {
    "sslv2": frozenset({TlsVersion.SSL2}),
    "sslv3": frozenset({TlsVersion.SSL3}),
    "sslv23": frozenset({TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2,
                         TlsVersion.TLS1_3}),
    "tlsv1": frozenset({TlsVersion.TLS1_0}),
    "tlsv1.0": frozenset({TlsVersion.TLS1_0}),
    "tlsv1.1": frozenset({TlsVersion.TLS1_1}),
    "tlsv1.2": frozenset({TlsVersion.TLS1_2}),
    "tlsv1.3": frozenset({TlsVersion.TLS1_3}),
}
_VERIFY_IN = frozenset({"in", "all", "subjects_in", "subjects_all", "in_subjects",
                        "all_subjects"})
_VERIFY_OUT = frozenset({"out", "all", "subjects_out", "subjects_all", "out_subjects",
                         "all_subjects"})
_VERIFY_TOKENS = _VERIFY_IN | _VERIFY_OUT | {"none"}


@dataclass(frozen=True)
class SofiaProfile:
    name: str
    node: Node
    settings: dict[str, Setting]

    @property
    def where(self) -> str:
        return f"sofia profile {self.name}: "

    def get(self, name: str) -> Setting:
        return setting(self.settings, name, self.where)

    def flag(self, name: str, default: bool) -> Fact[bool]:
        return self.get(name).fact(switch_true, default,
                                   f"mod_sofia default: {name} not set means {default}")

    @property
    def context(self) -> str:
        value = self.get("context").value
        return display(value) if value else "public"

    @property
    def gateways(self) -> list[Node]:
        container = self.node.child("gateways")
        return list(container.children_named("gateway")) if container is not None else []

    @property
    def parsed_domains(self) -> list[str]:
        """Directory domains whose users' gateways the profile loads (``<domain parse=
        "true">``; the name "all" stands for every domain)."""
        container = self.node.child("domains")
        if container is None:
            return []
        return [d.attr("name") or "" for d in container.children_named("domain")
                if switch_true(d.attr("parse") or "")]

    @property
    def tls_enabled(self) -> Fact[bool]:
        return self.flag("tls", False)

    def protocols(self) -> Fact[frozenset[SipProtocol]]:
        tls, tls_only = self.tls_enabled, self.flag("tls-only", False)
        if tls.value is None or (tls.value and tls_only.value is None):
            return Fact(None, tls.source, "TLS setting depends on run-time values")
        found: set[SipProtocol] = set()
        if not (tls.value and tls_only.value):
            found |= {SipProtocol.UDP, SipProtocol.TCP}
        if tls.value:
            found.add(SipProtocol.TLS)
        if self.get("ws-binding").present:
            found.add(SipProtocol.WS)
        if self.get("wss-binding").present:
            found.add(SipProtocol.WSS)
        return Fact(frozenset(found), tls.source)

    def transports(self) -> list[SipTransport]:
        tls, tls_only = self.tls_enabled, self.flag("tls-only", False)
        ip = self.get("sip-ip")
        result = []
        if not (tls.value and tls_only.value):
            port = self.get("sip-port")
            for protocol in (SipProtocol.UDP, SipProtocol.TCP):
                result.append(self._plain(protocol, ip, port, 5060))
        if tls.value or tls.value is None:
            result.append(self._tls(SipProtocol.TLS, ip, self.get("tls-sip-port"), 5061, tls))
        for key, protocol in (("ws-binding", SipProtocol.WS), ("wss-binding", SipProtocol.WSS)):
            binding = self.get(key)
            if binding.present:
                host, _, port_text = (binding.value or "").rpartition(":")
                bind_ip = Setting(key, host, binding.source) if host else ip
                port = Setting(key, port_text, binding.source)
                if protocol is SipProtocol.WS:
                    result.append(self._plain(protocol, bind_ip, port, 5066))
                else:
                    result.append(self._tls(protocol, bind_ip, port, 7443, Fact(True,
                                                                               binding.source)))
        return result

    def _name(self, protocol: SipProtocol) -> str:
        return f"{self.name}-{protocol.value}"

    def _plain(self, protocol: SipProtocol, ip: Setting, port: Setting,
               default_port: int) -> SipTransport:
        bind, exposure = _bind(ip, port, default_port)
        return SipTransport(self._name(protocol), Fact(protocol, self.node_source()), bind,
                            exposure, source=self.node_source())

    def _tls(self, protocol: SipProtocol, ip: Setting, port: Setting, default_port: int,
             enabled: Fact[bool]) -> SipTransport:
        bind, exposure = _bind(ip, port, default_port)
        verify_in, verify_out = self._verify_policy()
        proto: Fact[SipProtocol] = Fact(protocol, enabled.source)
        if enabled.value is None:
            proto = Fact(None, enabled.source, enabled.note)
        return SipTransport(
            self._name(protocol), proto, bind, exposure,
            tls_versions=self.tls_versions(),
            verify_peer=verify_out,
            client_cert_required=verify_in,
            weak_ciphers=self._weak_ciphers(),
            source=self.node_source(),
        )

    def version_disclosure(self) -> tuple[Disclosure | None, bool]:
        """What the profile's Server and User-Agent headers give away, and whether that is
        known (not when user-agent-string depends on run-time values)."""
        agent = self.get("user-agent-string")
        if agent.value is None:
            return Disclosure(VERSION_DISCLOSURE, f"profile {self.name}: user-agent-string not "
                              f"set: SIP headers carry {DEFAULT_USER_AGENT}",
                              self.node_source()), True
        if agent.runtime or is_placeholder(agent.value):
            return None, False
        if discloses_version(agent.value):
            return Disclosure(VERSION_DISCLOSURE, f"profile {self.name}: user-agent-string "
                              f"{agent.shown()}", agent.source), True
        return None, True

    def node_source(self) -> Provenance:
        return Provenance.file(self.node.path, self.node.line, f"sofia profile {self.name}")

    def tls_versions(self) -> Fact[frozenset[TlsVersion]]:
        chosen = self.get("tls-version")
        fact = chosen.fact(lambda v: v, DEFAULT_TLS_VERSION,
                           f"mod_sofia default tls-version {DEFAULT_TLS_VERSION}")
        if fact.value is None:
            return Fact(None, fact.source, fact.note)
        versions: set[TlsVersion] = set()
        for token in (t.strip().lower() for t in fact.value.split(",") if t.strip()):
            if token not in _TLS_TOKENS:
                return Fact(None, fact.source, f"tls-version value {token!r} not understood")
            versions |= _TLS_TOKENS[token]
        note = "sslv23 allows every version OpenSSL offers" if "sslv23" in fact.value else ""
        return Fact(frozenset(versions), fact.source, note)

    def _verify_policy(self) -> tuple[Fact[bool], Fact[bool]]:
        policy = self.get("tls-verify-policy").fact(lambda v: v, "none",
                                                    "mod_sofia default tls-verify-policy none")
        if policy.value is None:
            return Fact(None, policy.source, policy.note), Fact(None, policy.source, policy.note)
        tokens = {t.strip().lower() for t in policy.value.split("|") if t.strip()}
        if not tokens <= _VERIFY_TOKENS:
            odd = ", ".join(sorted(tokens - _VERIFY_TOKENS))
            unknown: Fact[bool] = Fact(None, policy.source,
                                       f"tls-verify-policy value {odd!r} not understood")
            return unknown, unknown
        inbound = Fact(bool(tokens & _VERIFY_IN), policy.source,
                       f"tls-verify-policy {policy.value}: inbound clients "
                       f"{'verified' if tokens & _VERIFY_IN else 'not verified'}")
        outbound = Fact(bool(tokens & _VERIFY_OUT), policy.source,
                        f"tls-verify-policy {policy.value}: servers FreeSWITCH connects to "
                        f"{'verified' if tokens & _VERIFY_OUT else 'not verified'}")
        return inbound, outbound

    def _weak_ciphers(self) -> Fact[tuple[str, ...]]:
        ciphers = self.get("tls-ciphers").fact(lambda v: v, DEFAULT_CIPHERS,
                                               f"mod_sofia default tls-ciphers {DEFAULT_CIPHERS}")
        if ciphers.value is None:
            return Fact(None, ciphers.source, ciphers.note)
        return Fact(weak_entries(ciphers.value), ciphers.source)


def _bind(ip: Setting, port: Setting, default_port: int) -> tuple[Fact[str], Fact[Exposure]]:
    if ip.value is None:
        ip = Setting(ip.name, unknown_marker("local_ip_v4"),
                     Provenance.default(PLATFORM, "sip-ip not set: mod_sofia uses the "
                                        "host's guessed IPv4 address"))
    port_value = port.value if port.value is not None else str(default_port)
    host = display(ip.value or "")
    shown_port = display(port_value)
    address = f"[{host}]:{shown_port}" if ":" in host else f"{host}:{shown_port}"
    source = ip.source or port.source
    runtime = unresolved(ip.value or "")
    if runtime:
        note = (f"bound to $${{{runtime[0]}}}: an address of this host chosen at start-up "
                "(not loopback); whether it is internal or public is not known")
        return Fact(address, source), Fact(None, source, note)
    exposure = classify_bind(ip.value or "")
    if exposure is None:
        return Fact(address, source), Fact(None, source, f"{host} is not an IP address")
    return Fact(address, source), Fact(exposure, source)


def sofia_profiles(config: FsConfig) -> list[SofiaProfile] | None:
    """Profiles as mod_sofia loads them; where sofia.conf loads none, the profiles found
    elsewhere in the tree (``loose_profiles``, reported when read). None when there is
    neither sofia.conf nor a profile."""
    conf = config.configuration("sofia.conf")
    container = conf.child("profiles") if conf is not None else None
    nodes = list(container.children_named("profile")) if container is not None else []
    if not nodes:
        nodes = list(config.document.loose_profiles)
    if conf is None and not nodes:
        return None
    result = []
    for node in nodes:
        name = node.attr("name")
        if not name:
            continue
        where = f"sofia profile {name}: "
        result.append(SofiaProfile(name, node, params(node.child("settings"), where)))
    return result
