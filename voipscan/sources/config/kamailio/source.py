"""Kamailio (kamailio.cfg with its includes, and the tls module's tls.cfg) -> facts."""

from __future__ import annotations

import re
from pathlib import Path

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.facts import (
    AuthType,
    Disclosure,
    Endpoint,
    EndpointKind,
    Exposure,
    Fact,
    Logging,
    ManagementInterface,
    ManagementKind,
    Provenance,
    ServiceAccount,
    SipProtocol,
    SipTransport,
    System,
    classify_bind,
    is_placeholder,
)
from voipscan.facts.disclosure import discloses_version
from voipscan.sources.config.kamailio.accounts import db_url_accounts, kamctlrc_accounts
from voipscan.sources.config.kamailio.cfg import (
    UNKNOWN,
    Block,
    KamailioConfig,
    is_file,
    locate_in_tree,
    read_config,
)
from voipscan.sources.config.kamailio.detect import score as evidence_score
from voipscan.sources.config.kamailio.layout import KAMCTLRC, find_main
from voipscan.sources.config.kamailio.script import (
    Listen,
    Script,
    Value,
    cfg_true,
    parse_script,
)
from voipscan.sources.config.kamailio.tlscfg import (
    PLATFORM,
    Option,
    TlsConfig,
    flag,
    method_versions,
    parse_tls_cfg,
    weak_ciphers,
)
from voipscan.sources.interface import ConfigSource, SourceResult
from voipscan.target import Target, TargetKind
from voipscan.textfile import read_text

AUTH_MODULES = ("auth", "auth_db", "auth_radius", "auth_diameter", "auth_ephemeral",
                "auth_xkeys")
NO_SRTP = ("SRTP is not a Kamailio setting: the media relay (rtpengine flags in the script) "
           "decides")
_PROTOCOL = {"udp": SipProtocol.UDP, "tcp": SipProtocol.TCP, "tls": SipProtocol.TLS}
VERSION_DISCLOSURE = "software-version"
# is_method("OPTIONS") followed by a reply within the block it opens; bounded, so a hostile
# script with many such tests stays linear
_OPTIONS_REPLY = re.compile(r'is_method\(\s*"OPTIONS"\s*\)[^{}]{0,500}\{[^{}]{0,2000}?\b'
                            r"(?:sl_send_reply|send_reply|sl_reply|t_reply)\s*\(")


class KamailioSource(ConfigSource):
    name = "kamailio"
    description = "Kamailio kamailio.cfg (with includes) and tls.cfg"

    def detect(self, path: Path) -> float:
        return evidence_score(path)

    def load(self, path: Path) -> SourceResult:
        main = find_main(path)
        if main is None:
            raise InputError("no kamailio.cfg here, nor in kamailio/ or etc/kamailio/ below",
                             str(path))
        root = main.parent
        shown_root = str(root)
        config = read_config(main, root, shown_root)
        script = parse_script(config)
        builder = _Builder(config, script, root, main, shown_root)
        system = builder.system()
        problems = [*config.problems, *builder.problems]
        if config.switches_off:
            problems.append(Problem(
                "feature switches never defined in the config, so treated as off (Kamailio "
                f"started with -A NAME would turn them on): {', '.join(config.switches_off)}",
                str(main), None, ProblemLevel.WARNING))
        for statement in script.not_understood:
            # name the statement, never echo its value (it may hold a password)
            keyword = re.split(r"[\s=(]", statement.text.strip(), maxsplit=1)[0]
            problems.append(Problem(f"{keyword} statement not understood; not checked",
                                    statement.path, statement.line, ProblemLevel.WARNING))
        tree = path if path.is_file() else root
        return SourceResult(Target.path(tree, TargetKind.CONFIG, self.name), system,
                            tuple(problems))


class _Builder:
    def __init__(self, config: KamailioConfig, script: Script, root: Path, main: Path,
                 shown_root: str) -> None:
        self.shown_root = shown_root
        self.config = config
        self.script = script
        self.root = root
        self.main = main
        self.problems: list[Problem] = []
        self.tls = self._tls_config()

    def shown(self, path: Path) -> str:
        try:
            return str(Path(self.shown_root) / path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def system(self) -> System:
        transports = self.transports()
        disclosures, disclosures_known = self.disclosures()
        return System(
            name=self.root.resolve().name or "kamailio",
            platform=Fact(PLATFORM, Provenance.file(self.config.files[0], 1, "kamailio.cfg")),
            transports=tuple(transports),
            transports_known=True,
            endpoints=tuple(self.endpoints(transports)),
            endpoints_known=not self._auth_loaded(),
            management=tuple(self.management(transports)),
            management_known=True,
            logging=self.logging(),
            disclosures=disclosures,
            disclosures_known=disclosures_known,
            service_accounts=tuple(self.service_accounts()),
        )

    # --- what replies give away, database accounts ------------------------------------
    def disclosures(self) -> tuple[tuple[Disclosure, ...], bool]:
        """Kamailio names itself with its version in the Server header of its replies
        (server_signature, default yes; server_header) and the User-Agent of requests it
        makes (user_agent_header), unless those are set to something without a version.
        Known unless a value comes from the environment or a placeholder."""
        signature = self.script.param("server_signature")
        headers: list[tuple[str, str, Value | None]] = [
            ("user_agent_header", "User-Agent", None)]
        if signature is not None and not _known(signature.text):
            return (), False
        if signature is None or cfg_true(signature.text):
            headers.insert(0, ("server_header", "Server", signature))
        found = []
        for param, header, switch in headers:
            value = self.script.param(param)
            if value is None:
                where = switch.source("server_signature") if switch is not None else \
                    Provenance.file(self.config.files[0], None, f"{param} not set")
                found.append(Disclosure(VERSION_DISCLOSURE, f"{param} not set: {header}: "
                                        "kamailio (<version> (<arch>/<os>))", where))
            elif not _known(value.text):
                return (), False
            elif discloses_version(value.text):
                found.append(Disclosure(VERSION_DISCLOSURE, f"{param} {value.text}",
                                        value.source(param)))
        return tuple(found), True

    def service_accounts(self) -> list[ServiceAccount]:
        found = {a.name: a for a in db_url_accounts(self.script)}
        rc = self.root / KAMCTLRC
        if is_file(rc):
            read = kamctlrc_accounts(rc, self.shown(rc))
            self.problems.extend(read.problems)
            for account in read.accounts:
                found.setdefault(account.name, account)
        return list(found.values())

    # --- listeners --------------------------------------------------------------------
    def _enabled(self, protocol: str) -> Fact[bool]:
        if protocol == "udp":
            return Fact(True, None)
        if protocol == "tcp":
            disabled = self.script.param("disable_tcp")
            if disabled is not None and cfg_true(disabled.text):
                return Fact(False, disabled.source("disable_tcp"))
            return Fact(True, disabled.source("disable_tcp") if disabled else None)
        enable = self.script.param("enable_tls")
        module = self.script.loaded("tls")
        if enable is None or not cfg_true(enable.text):
            return Fact(False, enable.source("enable_tls") if enable else None,
                        "enable_tls not set")
        if module is None:
            self.problems.append(Problem("enable_tls=yes but tls.so is not loaded: Kamailio "
                                         "does not start with TLS", enable.statement.path,
                                         enable.statement.line, ProblemLevel.WARNING))
            return Fact(False, enable.source("enable_tls"), "tls module not loaded")
        return Fact(True, enable.source("enable_tls"))

    def transports(self) -> list[SipTransport]:
        active = [p for p in ("udp", "tcp", "tls") if self._enabled(p).value]
        port = self.script.param("port")
        sip_port = int(port.text) if port is not None and _number(port.text) else 5060
        result: list[SipTransport] = []
        listens = self.script.listens
        if not listens:
            source = Provenance.file(self.config.files[0], None,
                                     "no listen=: Kamailio listens on every local address")
            for protocol in active:
                number = 5061 if protocol == "tls" else sip_port
                result.append(self._transport(protocol, "*", number, source))
            return result
        for listen in listens:
            protocols = [listen.protocol] if listen.protocol else active
            for protocol in protocols:
                if protocol not in active:
                    self._inactive(listen, protocol)
                    continue
                number = listen.port or (5061 if protocol == "tls" else sip_port)
                source = Provenance.file(listen.statement.path, listen.statement.line, "listen")
                result.append(self._transport(protocol, listen.host, number, source))
        return result

    def _inactive(self, listen: Listen, protocol: str) -> None:
        reason = {"tls": "enable_tls is off or tls.so not loaded",
                  "tcp": "disable_tcp=yes"}.get(protocol, "not a SIP listen protocol here")
        self.problems.append(Problem(f"listen={protocol}:{listen.host} ignored: {reason}",
                                     listen.statement.path, listen.statement.line,
                                     ProblemLevel.WARNING))

    def _transport(self, protocol: str, host: str, port: int,
                   source: Provenance) -> SipTransport:
        shown = f"[{host}]" if ":" in host else host
        bind = f"{shown}:{port}"
        exposure = classify_bind("0.0.0.0" if host == "*" else host)
        exposure_fact: Fact[Exposure] = Fact(exposure, source) if exposure else Fact(
            None, source, f"{host} is an interface or host name: exposure not known")
        name = f"{protocol}:{bind}"
        kind = _PROTOCOL[protocol]
        if kind is not SipProtocol.TLS:
            return SipTransport(name, Fact(kind, source), Fact(bind, source), exposure_fact,
                                source=source)
        server = (self.tls.profile("server", f"{host}:{port}")
                  or self.tls.profile("server", "default"))
        client = self.tls.profile("client", "default")
        module = self._tls_modparams()
        verify_in = flag(server.option("verify_certificate") if server else None,
                         module.get("verify_certificate"), "verify_certificate")
        require = flag(server.option("require_certificate") if server else None,
                       module.get("require_certificate"), "require_certificate")
        client_cert: Fact[bool] = Fact(
            None if verify_in.value is None or require.value is None
            else bool(verify_in.value and require.value),
            require.source, f"server {verify_in.note}; {require.note}")
        return SipTransport(
            name, Fact(kind, source), Fact(bind, source), exposure_fact,
            tls_versions=method_versions(server.option("method") if server else None,
                                         module.get("tls_method")),
            verify_peer=flag(client.option("verify_certificate") if client else None,
                             module.get("verify_certificate"),
                             "client verify_certificate (servers Kamailio connects to)"),
            client_cert_required=client_cert,
            weak_ciphers=weak_ciphers(server.option("cipher_list") if server else None,
                                      module.get("cipher_list")),
            source=source,
        )

    def _tls_modparams(self) -> dict[str, Option]:
        """tls modparams: the defaults for every tls.cfg profile."""
        found = {}
        for key in ("tls_method", "verify_certificate", "require_certificate", "cipher_list"):
            value = self.script.modparam("tls", key)
            if value is not None:
                found[key] = Option(value.text, value.source(f'modparam("tls", "{key}")'))
        return found

    def _tls_config(self) -> TlsConfig:
        if self.script.loaded("tls") is None:
            return TlsConfig()
        setting = self.script.modparam("tls", "config")
        if setting is None:
            return TlsConfig()
        path = Path(setting.text)
        located = locate_in_tree(path, self.root) if path.is_absolute() else self.root / path
        where = setting.statement
        if located is None or not is_file(located):
            self.problems.append(Problem(f"tls config {setting.text} not found in the scanned "
                                         "tree: TLS profiles unknown", where.path, where.line))
            return TlsConfig()
        shown = self.shown(located)
        if path.is_absolute() and located != path:
            self.problems.append(Problem(f"tls config {setting.text} read from the scanned "
                                         f"tree as {shown}", where.path, where.line,
                                         ProblemLevel.WARNING))
        try:
            text = read_text(located)
        except InputError as error:
            self.problems.append(Problem(error.message, shown, error.line))
            return TlsConfig()
        parsed = parse_tls_cfg(text, shown)
        self.problems.extend(parsed.problems)
        return parsed

    # --- endpoints, management, logging -------------------------------------------------
    def _auth_loaded(self) -> bool:
        return any(self.script.loaded(m) for m in AUTH_MODULES)

    def endpoints(self, transports: list[SipTransport]) -> list[Endpoint]:
        if self._auth_loaded():
            return []
        permissions = self.script.loaded("permissions")
        source = Provenance.file(self.config.files[0], None, "no auth module loaded")
        if permissions is not None:
            auth = Fact(AuthType.IP, Provenance.file(permissions.path, permissions.line,
                                                     "loadmodule permissions"),
                        "no auth module: only the permissions module (source addresses) can "
                        "restrict callers")
        else:
            auth = Fact(AuthType.NONE, source, "no auth module loaded (auth, auth_db ...): "
                        "requests are routed without credentials")
        protocols = frozenset(t.protocol.value for t in transports if t.protocol.value)
        return [Endpoint(
            "any-caller", EndpointKind.GUEST,
            transports=Fact(protocols, source),
            media_encryption=Fact(None, None, NO_SRTP),
            media_encryption_mandatory=Fact(None, None, NO_SRTP),
            auth_type=auth, ip_auth_only=Fact(auth.value is AuthType.IP, auth.source),
            source=source,
            reaches_outbound=Fact(None, None, "routing is script logic: not analysed"),
            reaches_voicemail=Fact(None, None, "routing is script logic: not analysed"),
            unauthenticated_options=self._options(auth),
        )]

    def _options(self, auth: Fact[AuthType]) -> Fact[bool]:
        """Without an auth module nothing can challenge an OPTIONS; the script's own reply
        to OPTIONS (the stock keepalive in route[REQINIT]) is cited when there is one."""
        for block in self.config.blocks:
            found = _OPTIONS_REPLY.search(block.body)
            if found is not None:
                return Fact(True, Provenance.file(block.path, block.line_of(found.start()),
                                                  f"{block.name}: OPTIONS answered"),
                            "no auth module loaded: OPTIONS are answered without a challenge")
        return Fact(True, auth.source, "no auth module loaded: requests, OPTIONS included, "
                    "are answered without a challenge")

    def management(self, transports: list[SipTransport]) -> list[ManagementInterface]:
        result = []
        ctl = self.script.loaded("ctl")
        if ctl is not None:
            value = self.script.modparam("ctl", "binrpc")
            address = value.text if value else "unix:/run/kamailio/kamailio_ctl"
            source = value.source('modparam("ctl", "binrpc")') if value else \
                Provenance.file(ctl.path, ctl.line, "loadmodule ctl (default unix socket)")
            result.append(self._rpc_socket("ctl-binrpc", address, source))
        http = self._jsonrpc_http(transports)
        if http is not None:
            result.append(http)
        xmlrpc = self._xmlrpc(transports)
        if xmlrpc is not None:
            result.append(xmlrpc)
        return result

    def _dispatching(self, call: str, names: tuple[str, ...]) -> Block | None:
        """The first routing block among ``names`` (all blocks when empty) that calls
        ``call``: without one, the module's RPC commands are never reached."""
        for block in self.config.blocks:
            if (not names or block.name in names) and re.search(
                    rf"\b{call}\s*\(", block.body):
                return block
        return None

    def _xmlrpc(self, transports: list[SipTransport]) -> ManagementInterface | None:
        """XML-RPC over the SIP TCP/TLS listeners: requests go through the route set by
        modparam("xmlrpc", "route") (else request_route), which must call dispatch_rpc()."""
        module = self.script.loaded("xmlrpc")
        if module is None:
            return None
        source = Provenance.file(module.path, module.line, "loadmodule xmlrpc")
        route = self.script.modparam("xmlrpc", "route")
        names = (f"route[{route.text}]",) if route is not None else ("request_route",
                                                                     "route")
        block = self._dispatching("dispatch_rpc", names)
        tcp = [t for t in transports if t.protocol.value in (SipProtocol.TCP, SipProtocol.TLS)]
        if block is None or not tcp:
            why = (f"no {' or '.join(names)} calls dispatch_rpc()" if block is None
                   else "no TCP or TLS listener")
            return ManagementInterface(
                "xmlrpc", ManagementKind.API,
                Fact(False, source, f"xmlrpc is loaded but never reached: {why}"), source=source)
        where = Provenance.file(block.path, block.line, f"{block.name} calls dispatch_rpc()")
        return ManagementInterface(
            "xmlrpc", ManagementKind.API, Fact(True, where),
            Fact(", ".join(str(t.bind.value) for t in tcp), where), _widest(tcp),
            tls=Fact(all(t.protocol.value is SipProtocol.TLS for t in tcp), where),
            acl=self._guard(block, where),
            login_required=Fact(False, where, "XML-RPC has no login"), source=where)

    @staticmethod
    def _guard(block: Block, where: Provenance) -> Fact[bool]:
        if "src_ip" in block.body or "$si" in block.body:
            return Fact(True, where, f"{block.name} checks the source address")
        return Fact(False, where, f"{block.name} does not check the source address")

    def _rpc_socket(self, name: str, address: str, source: Provenance) -> ManagementInterface:
        scheme, _, rest = address.partition(":")
        if scheme.lower() in ("unix", "unixs", "unixd", "fifo") or not rest:
            note = "a local socket: access depends on its file permissions"
            return ManagementInterface(
                name, ManagementKind.API, Fact(True, source), Fact(address, source),
                Fact(Exposure.LOOPBACK, source, note), tls=Fact(False, source),
                acl=Fact(None, source, note), login_required=Fact(None, source, note),
                source=source)
        host = rest.rsplit(":", 1)[0] if rest.count(":") == 1 else rest
        exposure = classify_bind(host.strip("[]"))
        return ManagementInterface(
            name, ManagementKind.API, Fact(True, source), Fact(rest, source),
            Fact(exposure, source) if exposure else Fact(None, source, f"{host}: not an IP"),
            tls=Fact(False, source, "binrpc is unencrypted"),
            acl=Fact(False, source, "the ctl module has no address ACL"),
            login_required=Fact(False, source, "binrpc has no authentication"), source=source)

    def _jsonrpc_http(self, transports: list[SipTransport]) -> ManagementInterface | None:
        xhttp, jsonrpcs = self.script.loaded("xhttp"), self.script.loaded("jsonrpcs")
        if xhttp is None or jsonrpcs is None:
            return None
        setting = self.script.modparam("jsonrpcs", "transport")
        source = setting.source('modparam("jsonrpcs", "transport")') if setting else \
            Provenance.file(jsonrpcs.path, jsonrpcs.line, "loadmodule jsonrpcs")
        enabled: Fact[bool] = Fact(None, source, "jsonrpcs transport not set")
        if setting is not None and _number(setting.text):
            bits = int(setting.text)
            enabled = Fact(bits == 0 or bool(bits & 1), source, f"transport {bits}")
        tcp = [t for t in transports if t.protocol.value in (SipProtocol.TCP, SipProtocol.TLS)]
        widest = _widest(tcp)
        route = self._dispatching("jsonrpc_dispatch", ("event_route[xhttp:request]",))
        if route is None:
            return ManagementInterface(
                "jsonrpc-http", ManagementKind.API,
                Fact(False, source, "jsonrpcs is loaded but no event_route[xhttp:request] "
                     "calls jsonrpc_dispatch(): no HTTP request reaches it"), source=source)
        acl = self._guard(route, Provenance.file(route.path, route.line, route.name))
        return ManagementInterface(
            "jsonrpc-http", ManagementKind.API, enabled,
            Fact(", ".join(str(t.bind.value) for t in tcp) or None, source),
            widest, tls=Fact(bool(tcp) and all(t.protocol.value is SipProtocol.TLS
                                               for t in tcp), source),
            acl=acl, login_required=Fact(False, source, "JSON-RPC over HTTP has no login"),
            source=source)

    def logging(self) -> Logging:
        acc = self.script.loaded("acc")
        calls: Fact[bool] = Fact(False, None, "acc module not loaded: no call accounting")
        if acc is not None:
            calls = Fact(True, Provenance.file(acc.path, acc.line, "loadmodule acc"),
                         "acc module loaded (records calls the script flags for accounting)")
        stderr = self.script.param("log_stderror")
        forwarded: Fact[bool] = Fact(None, None, "Kamailio logs to the local syslog daemon; "
                                     "whether that forwards them to monitoring is set there")
        if stderr is not None and cfg_true(stderr.text):
            forwarded = Fact(False, stderr.source("log_stderror"), "logs go to stderr only")
        return Logging(
            calls=calls,
            config_changes=Fact(None, None, "Kamailio keeps no audit trail of config changes"),
            access_attempts=Fact(None, None, "authentication failures are logged only if the "
                                 "routing script does so"),
            forwarded=forwarded,
        )


def _widest(transports: list[SipTransport]) -> Fact[Exposure]:
    order = [Exposure.PUBLIC, Exposure.ALL_INTERFACES, Exposure.INTERNAL, Exposure.LOOPBACK]
    known = [t.exposure for t in transports if t.exposure.value is not None]
    if not known:
        return Fact(None, None, "no TCP/TLS listener known")
    return min(known, key=lambda f: order.index(f.value) if f.value in order else 0)


def _known(text: str) -> bool:
    """A value fixed in the config: not from the environment (#!defenv), not a placeholder."""
    return UNKNOWN not in text and not is_placeholder(text)


def _number(text: str) -> bool:
    """Digits int() reads: ASCII ('²' passes str.isdigit()) and not absurdly long."""
    return text.isascii() and text.isdigit() and len(text) <= 10
