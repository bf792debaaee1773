"""The top-level statements of kamailio.cfg: core parameters, listen sockets, modules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from voipscan.facts import Provenance
from voipscan.sources.config.kamailio.cfg import KamailioConfig, Statement

_ASSIGN = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*)\s*=(.*)$")
_LOADMODULE = re.compile(r'^loadmodule\s+"?([^"\s]+)"?\s*;?$')
_MODPARAM = re.compile(r"^modparam\s*\((.*)\)\s*;?$", re.DOTALL)
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')  # unrolled: memory flat on long strings
_TRUE = frozenset({"yes", "on", "true", "1", "enable", "enabled"})
_PROTOCOLS = ("udp", "tcp", "tls", "sctp", "ws", "wss")


def _assigned(text: str) -> str:
    """The value of ``name = value ;``: blanks and one final ';' removed (done here, not in
    the regex, where a lazy group before optional blanks backtracks without bound)."""
    value = text.strip()
    return value[:-1].rstrip() if value.endswith(";") else value


def cfg_true(value: str) -> bool:
    return value.strip().strip('"').lower() in _TRUE


@dataclass(frozen=True)
class Value:
    text: str
    statement: Statement

    def source(self, detail: str) -> Provenance:
        return Provenance.file(self.statement.path, self.statement.line, detail)


@dataclass(frozen=True)
class Listen:
    protocol: str | None
    host: str
    port: int | None
    statement: Statement


@dataclass
class Script:
    params: dict[str, Value] = field(default_factory=dict)
    listens: list[Listen] = field(default_factory=list)
    modules: dict[str, Statement] = field(default_factory=dict)
    modparams: dict[tuple[str, str], Value] = field(default_factory=dict)
    not_understood: list[Statement] = field(default_factory=list)

    def param(self, name: str) -> Value | None:
        return self.params.get(name)

    def modparam(self, module: str, name: str) -> Value | None:
        return self.modparams.get((module, name))

    def loaded(self, module: str) -> Statement | None:
        return self.modules.get(module)


def parse_script(config: KamailioConfig) -> Script:
    script = Script()
    for statement in config.statements:
        text = statement.text.strip()
        if not text:
            continue
        if match := _LOADMODULE.match(text):
            name = match.group(1).rsplit("/", 1)[-1].removesuffix(".so")
            script.modules.setdefault(name, statement)
        elif match := _MODPARAM.match(text):
            _modparam(script, match.group(1), statement)
        elif match := _ASSIGN.match(text):
            name, value = match.group(1).lower(), _assigned(match.group(2))
            if name in ("listen", "socket"):
                listen = parse_listen(value, statement)
                if listen is None:
                    script.not_understood.append(statement)
                else:
                    script.listens.append(listen)
            else:
                script.params[name] = Value(value.strip().strip('"'), statement)
    return script


def _modparam(script: Script, inner: str, statement: Statement) -> None:
    strings = _STRING.findall(inner)
    if len(strings) < 2:
        script.not_understood.append(statement)
        return
    modules, name = strings[0], strings[1]
    rest = inner.split(",", 2)[2] if inner.count(",") >= 2 else ""
    value_strings = _STRING.findall(rest)
    value = "".join(value_strings) if value_strings else rest.strip()
    for module in modules.split("|"):
        script.modparams[(module.strip(), name)] = Value(value, statement)


def parse_listen(value: str, statement: Statement) -> Listen | None:
    """``[proto:]host[:port] [advertise ...] [name "..."]`` -> its parts."""
    token = value.strip().strip('"').split()[0] if value.strip() else ""
    if not token:
        return None
    protocol = None
    lowered = token.lower()
    for candidate in _PROTOCOLS:
        if lowered.startswith(candidate + ":"):
            protocol, token = candidate, token[len(candidate) + 1:]
            break
    port: int | None = None
    if token.startswith("["):
        host, _, rest = token[1:].partition("]")
        port_text = rest.lstrip(":")
    elif token.count(":") == 1:
        host, _, port_text = token.partition(":")
    else:
        host, port_text = token, ""
    host = host.strip('"')
    if port_text:
        if not (port_text.isascii() and port_text.isdigit() and len(port_text) <= 10):
            return None
        port = int(port_text)
    return Listen(protocol, host, port, statement)
