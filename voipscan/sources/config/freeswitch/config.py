"""Where things live in the assembled FreeSWITCH tree: sections, configurations, modules."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import Fact, Provenance
from voipscan.sources.config.freeswitch.preprocess import ConfigDocument
from voipscan.sources.config.freeswitch.settings import provenance
from voipscan.sources.config.freeswitch.xmltree import Node


@dataclass(frozen=True)
class FsConfig:
    document: ConfigDocument

    def section(self, name: str) -> Node | None:
        return self.document.root.find("section", name=name)

    def configuration(self, name: str) -> Node | None:
        """``<configuration name="name">`` as FreeSWITCH finds it: the first one wins."""
        section = self.section("configuration")
        return section.find("configuration", name=name) if section is not None else None

    def global_source(self, name: str) -> Provenance | None:
        """Where a pre-processor variable was set. FreeSWITCH falls back to these for
        channel variables, so ``set`` in vars.xml acts as a global channel variable."""
        variable = self.document.variables.get(name)
        if variable is None or variable.path is None:
            return None
        return Provenance.file(variable.path, variable.line, f"X-PRE-PROCESS set {name}")


@dataclass(frozen=True)
class Modules:
    """Modules loaded by modules.conf (unknown when modules.conf is missing)."""

    loaded: dict[str, Node] | None
    source: Provenance | None

    @classmethod
    def of(cls, config: FsConfig) -> Modules:
        conf = config.configuration("modules.conf")
        if conf is None:
            return cls(None, None)
        loaded: dict[str, Node] = {}
        for node in conf.descendants("load"):
            name = node.attr("module")
            if name:
                loaded.setdefault(name, node)
        return cls(loaded, Provenance.file(conf.path, conf.line, "modules.conf"))

    def fact(self, module: str) -> Fact[bool]:
        if self.loaded is None:
            return Fact(None, None, "modules.conf.xml not found: loaded modules unknown")
        node = self.loaded.get(module)
        if node is None:
            return Fact(False, self.source, f"{module} not loaded")
        return Fact(True, provenance(node, f"load {module}"))

    def any_of(self, modules: tuple[str, ...]) -> Fact[bool]:
        facts = [self.fact(m) for m in modules]
        hit = next((f for f in facts if f.value), None)
        if hit is not None:
            return hit
        if self.loaded is None:
            return facts[0]
        return Fact(False, self.source, f"none of {', '.join(modules)} loaded")
