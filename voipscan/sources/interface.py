"""What a source is: something real (a config tree, a live host, a capture) turned into
facts about the systems it shows, one ``SourceResult`` per target.

Every kind of evidence implements ``Source``; ``voipscan.api.scan`` runs them. A scan is
stopped through its ``Cancellation`` (the command line binds SIGINT and SIGTERM to it in
``voipscan.interrupts``): a source stops at its next unit of work and yields what it has.
"""

from __future__ import annotations

import contextlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol

from voipscan.errors import Problem
from voipscan.facts import System
from voipscan.target import Target, TargetKind


class Cancellation:
    """Asks a running scan to stop. Thread-safe; callbacks run once, on the first request.

    ``interruptible()`` marks blocking work (reading a file, a FIFO) where a signal handler
    may raise ``KeyboardInterrupt`` to get out; ``shielded()`` marks work that must finish
    (judging, writing reports), where a request is only recorded.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []
        self._interruptible = 0
        self._shielded = 0

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    @property
    def may_raise(self) -> bool:
        """Whether a signal handler may raise KeyboardInterrupt here, now."""
        return self._interruptible > 0 and self._shielded == 0

    def cancel(self) -> None:
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` when cancelled (at once if already); returns an unregister."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)

                def unregister() -> None:
                    with self._lock, contextlib.suppress(ValueError):
                        self._callbacks.remove(callback)

                return unregister
        callback()
        return lambda: None

    @contextlib.contextmanager
    def interruptible(self) -> Iterator[None]:
        self._interruptible += 1
        try:
            yield
        finally:
            self._interruptible -= 1

    @contextlib.contextmanager
    def shielded(self) -> Iterator[None]:
        self._shielded += 1
        try:
            yield
        finally:
            self._shielded -= 1


class ProgressHook(Protocol):
    """Told how a scan advances: ``begin`` once per source with the number of units (or
    None when unknown), ``advance`` per unit done, ``end`` when the source is done."""

    def begin(self, total: int | None, unit: str) -> None: ...

    def advance(self, done: int = 1, note: str = "") -> None: ...

    def end(self) -> None: ...


class NoProgress:
    def begin(self, total: int | None, unit: str) -> None:
        pass

    def advance(self, done: int = 1, note: str = "") -> None:
        pass

    def end(self) -> None:
        pass


def _nothing() -> None:
    pass


@dataclass(frozen=True)
class ScanContext:
    """What a running source may use: the scan's cancellation and its progress hook."""

    cancellation: Cancellation = field(default_factory=Cancellation)
    progress: ProgressHook = field(default_factory=NoProgress)
    idle: Callable[[], None] = _nothing
    """Called at most once, in the scan's thread, by a source that has sent everything it
    will send and now only waits for replies: the caller may use that time to prepare what
    judging and reporting need."""


@dataclass(frozen=True)
class SourceResult:
    """The facts a source produced, and what it could not read (the scan goes on)."""

    target: Target
    system: System
    problems: tuple[Problem, ...] = ()
    fatal: bool = False
    position: int | None = None
    """Where this target belongs among its source's results, for a source that yields them
    as they are done rather than in input order (live hosts); None: in the order yielded."""

    @classmethod
    def failed(cls, target: Target, problem: Problem) -> SourceResult:
        """A target that could not be read at all: reported, but no facts."""
        return cls(target, System(name=target.name), (problem,), fatal=True)


def in_input_order(results: Iterable[SourceResult]) -> list[SourceResult]:
    """A source's results in the order of its input (by ``position`` where it is set)."""
    return sorted(results, key=lambda r: -1 if r.position is None else r.position)


class Source(ABC):
    """One kind of evidence about one or more targets (one implementation per module)."""

    kind: ClassVar[TargetKind]

    @property
    @abstractmethod
    def key(self) -> str:
        """What this source reads, normalised: two sources with equal keys are one."""

    @property
    @abstractmethod
    def label(self) -> str:
        """What this source reads, as the user gave it."""

    @abstractmethod
    def scan(self, context: ScanContext) -> Iterator[SourceResult]:
        """Yield one result per target as each is done (out of input order only with
        ``SourceResult.position`` set on every result). Stop at the next unit of work once
        ``context.cancellation`` is cancelled, yielding what was gathered (marked in the
        result's problems). Problems with parts of the input go into the results; raise
        nothing for bad input."""

    @abstractmethod
    def skipped(self, reason: str) -> list[SourceResult]:
        """Results for a source that was never scanned (the scan stopped before it)."""

    def notes(self) -> list[Problem]:
        """After ``scan``: what the result should say about this source as a whole (targets
        left out, inputs given twice)."""
        return []


class ConfigSource(ABC):
    """A reader of one configuration format (one implementation per module)."""

    name: str
    description: str
    refines: str | None = None  # a more specific reading of that format (freepbx: asterisk)

    @abstractmethod
    def detect(self, path: Path) -> float:
        """How sure it is that this path is its format, 0 (no evidence) to 1, from cheap
        evidence: names and first bytes (voipscan.sources.config.evidence)."""

    @abstractmethod
    def load(self, path: Path) -> SourceResult:
        """Read the path into facts. Raise InputError only when nothing at all can be read;
        problems with single files go into SourceResult.problems."""
