"""What a source is: something real turned into facts about one system."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from voipscan.errors import Problem
from voipscan.facts import System
from voipscan.target import Target


@dataclass(frozen=True)
class SourceResult:
    """The facts a source produced, and what it could not read (the scan goes on)."""

    target: Target
    system: System
    problems: tuple[Problem, ...] = ()
    fatal: bool = False

    @classmethod
    def failed(cls, target: Target, problem: Problem) -> SourceResult:
        """A target that could not be read at all: reported, but no facts."""
        return cls(target, System(name=target.name), (problem,), fatal=True)


class ConfigSource(ABC):
    """A reader of one configuration format (one implementation per module)."""

    name: str
    description: str

    @abstractmethod
    def detect(self, path: Path) -> bool:
        """Whether this path looks like this source's format (cheap: names, first bytes)."""

    @abstractmethod
    def load(self, path: Path) -> SourceResult:
        """Read the path into facts. Raise InputError only when nothing at all can be read;
        problems with single files go into SourceResult.problems."""
