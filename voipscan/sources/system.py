"""A system of an inventory as a Source: every piece of evidence about it, merged into one
target (configuration, live hosts, captures and declarations)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.facts import System
from voipscan.sources.interface import ScanContext, Source, SourceResult, in_input_order
from voipscan.sources.merge import merge
from voipscan.target import SystemAddress, Target, TargetKind

if TYPE_CHECKING:
    from voipscan.models.inventory import System as SystemEntry
    from voipscan.sources.host.scanner import ScanSettings

FORMAT = "system"


@dataclass(frozen=True)
class InventorySystem:
    """A system as the inventory names it, its paths resolved against the inventory."""

    inventory: Path
    entry: SystemEntry

    def resolve(self, path: str) -> Path:
        given = Path(path).expanduser()
        return given if given.is_absolute() else self.inventory.parent / given


def load_inventory(path: Path, only: Sequence[str] = ()) -> list[InventorySystem]:
    """The systems of an inventory file (those named in ``only``, when given)."""
    from voipscan.documents import load_document
    from voipscan.models.inventory import Inventory
    from voipscan.models.validation import validate

    inventory = validate(Inventory, load_document(path), what="not a voipscan inventory")
    names = [s.name for s in inventory.systems]
    missing = [name for name in only if name not in names]
    if missing:
        raise InputError(f"no system named {', '.join(missing)} (the inventory has "
                         f"{', '.join(names)})", str(path))
    return [InventorySystem(path, s) for s in inventory.systems if not only or s.name in only]


class SystemSource(Source):
    kind = TargetKind.SYSTEM

    def __init__(self, system: InventorySystem, settings: ScanSettings | None = None,
                 transports: str = "udp,tcp,tls", today: dt.date | None = None,
                 resolver: Callable[[str], str] | None = None) -> None:
        self.system = system
        self.settings = settings
        self.transports = transports
        self.today = today
        self.resolver = resolver

    @property
    def target(self) -> Target:
        address = SystemAddress(str(self.system.inventory), self.system.entry.name)
        return Target(self.system.entry.name, TargetKind.SYSTEM, FORMAT, address)

    @property
    def key(self) -> str:
        return f"system:{os.path.realpath(self.system.inventory)}#{self.system.entry.name}"

    @property
    def label(self) -> str:
        return self.system.entry.name

    def members(self) -> list[Source]:
        from voipscan.sources.capture.source import CaptureSource
        from voipscan.sources.config.source import ConfigTreeSource
        from voipscan.sources.declared import DeclaredSource

        entry = self.system.entry
        members: list[Source] = [ConfigTreeSource(self.system.resolve(c.path), c.pbx)
                                 for c in entry.configs]
        if entry.hosts:
            members.append(self._hosts(entry.hosts))
        members += [CaptureSource(self.system.resolve(p)) for p in entry.captures]
        members += [DeclaredSource(self.system.resolve(p), self.today)
                    for p in entry.declarations]
        return members

    def _hosts(self, texts: Sequence[str]) -> Source:
        from voipscan.sources.host import targets as target_lib
        from voipscan.sources.host.scanner import ScanSettings
        from voipscan.sources.host.source import HostSource, plan_targets

        return HostSource(plan_targets(texts), self.settings or ScanSettings(),
                          protocols=target_lib.parse_transports(self.transports),
                          resolver=self.resolver or target_lib.system_resolver)

    def scan(self, context: ScanContext) -> Iterator[SourceResult]:
        parts: list[SourceResult] = []
        notes: list[Problem] = []
        for member in self.members():
            if context.cancellation.cancelled:
                parts.extend(member.skipped("scan interrupted before this was read"))
                continue
            gathered: list[SourceResult] = []
            try:
                gathered.extend(member.scan(context))
            except KeyboardInterrupt:
                context.cancellation.cancel()
            parts.extend(in_input_order(gathered))
            notes.extend(member.notes())
        yield self.combine(parts, notes)

    def combine(self, parts: Sequence[SourceResult], notes: Sequence[Problem] = ()
                ) -> SourceResult:
        """One result for the system: the facts of every readable part, merged; every
        part's problems kept, named by the part they come from."""
        readable = [p for p in parts if not p.fatal]
        problems = [*notes]
        for part in parts:
            for problem in part.problems:
                if problem.path is None:
                    problem = Problem(f"{part.target.name}: {problem.message}",
                                      None, None, problem.level)
                problems.append(problem)
        if not readable:
            problems.insert(0, Problem(f"{self.label}: none of its evidence could be read"))
            return SourceResult(self.target, System(name=self.label), tuple(problems),
                                fatal=True)
        for part in parts:
            if part.fatal:
                problems.append(Problem(f"{self.label}: {part.target.name} could not be read; "
                                        "the assessment rests on the rest",
                                        level=ProblemLevel.WARNING))
        system, disagreements = merge(
            self.label, [(p.target.kind.value, p.system) for p in readable])
        return SourceResult(self.target, system, (*problems, *disagreements))

    def skipped(self, reason: str) -> list[SourceResult]:
        return [SourceResult.failed(self.target, Problem(f"{self.label}: {reason}"))]
