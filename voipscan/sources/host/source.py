"""Live SIP hosts, as a Source: targets parsed and resolved, probed, optionally SRTP-probed.

One ``HostSource`` holds every target of a scan, because the probes share one engine: one
UDP socket, one rate limit and one concurrency window across all hosts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.facts import SipProtocol
from voipscan.sources.host import host_facts
from voipscan.sources.host import targets as target_lib
from voipscan.sources.host.scanner import HostReport, ScanOutcome, ScanSettings
from voipscan.sources.interface import ProgressHook, ScanContext, Source, SourceResult
from voipscan.target import TargetKind

if TYPE_CHECKING:  # the SRTP probe is imported only with --srtp
    from voipscan.sources.host.srtp_probe import SrtpSettings, SrtpTransportResult

ReportObserver = Callable[[HostReport, "tuple[SrtpTransportResult, ...]"], None]


@dataclass(frozen=True)
class HostPlan:
    """Targets as parsed (bad lines of target files already turned into problems)."""

    specs: tuple[target_lib.TargetSpec, ...]
    unreadable: tuple[SourceResult, ...] = ()
    duplicates: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.specs and not self.unreadable


def plan_targets(texts: Sequence[str], lists: Sequence[Path] = ()) -> HostPlan:
    """Parse targets given as text and in target files (-iL); the same target given twice
    is kept once. Raises InputError for a malformed target given as text."""
    specs = [target_lib.parse_target(text) for text in texts]
    unreadable: list[SourceResult] = []
    for path in lists:
        try:
            found, problems = target_lib.read_target_file(path)
        except InputError as error:
            target = host_facts.list_target(str(path), str(path))
            unreadable.append(SourceResult.failed(target, Problem.from_error(error)))
            continue
        specs.extend(found)
        unreadable.extend(SourceResult.failed(
            host_facts.list_target(f"{p.path}:{p.line}", str(p.path)), p) for p in problems)
    unique: dict[str, target_lib.TargetSpec] = {}
    duplicates: list[str] = []
    for spec in specs:
        key = host_facts.spec_target(spec).id if spec.network is None else str(spec.network)
        if key in unique:
            duplicates.append(spec.text)
        else:
            unique[key] = spec
    return HostPlan(tuple(unique.values()), tuple(unreadable), tuple(duplicates))


class HostSource(Source):
    kind = TargetKind.HOST

    def __init__(self, plan: HostPlan, settings: ScanSettings, *,
                 protocols: Sequence[SipProtocol] = target_lib.PROBE_PROTOCOLS,
                 srtp: SrtpSettings | None = None, allow_large_range: bool = False,
                 observer: ReportObserver | None = None,
                 resolver: target_lib.Resolver = target_lib.system_resolver) -> None:
        self.plan = plan
        self.resolver = resolver
        self.settings = settings
        self.protocols = tuple(protocols)
        self.srtp = srtp
        self.observer = observer
        self.total = target_lib.check_size(plan.specs, allow_large=allow_large_range)
        self.silent = 0

    @property
    def key(self) -> str:
        return "hosts:" + ",".join(sorted(s.text for s in self.plan.specs))

    @property
    def label(self) -> str:
        return ", ".join(s.text for s in self.plan.specs[:3]) + (
            f" and {len(self.plan.specs) - 3} more" if len(self.plan.specs) > 3 else "")

    def scan(self, context: ScanContext) -> Iterator[SourceResult]:
        """Yields each host as it is done when no SRTP probe follows the sweep; every
        result carries its position in the input."""
        from voipscan.sources.host.background import stream_scan
        from voipscan.sources.host.scanner import run_scan

        for position, unreadable in enumerate(self.plan.unreadable):
            yield replace(unreadable, position=position)
        first = len(self.plan.unreadable)
        with context.cancellation.interruptible():
            addresses, errors = target_lib.resolve_names(self.plan.specs, self.resolver)
        by_index: dict[int, SourceResult] = {}

        def hosts() -> Iterator[target_lib.HostTarget]:
            for item in target_lib.expand(self.plan.specs, self.protocols, addresses):
                if isinstance(item, target_lib.HostTarget):
                    yield item
                else:
                    spec, index = item
                    by_index[index] = replace(host_facts.unresolved(
                        spec, errors.get(spec.host.lower(), "")), position=first + index)

        context.progress.begin(self.total, "hosts")
        progress = _Progress(context.progress)
        if self.srtp is None:
            stream = stream_scan(hosts(), self.settings, progress=progress,
                                 cancellation=context.cancellation, on_idle=context.idle)
            while True:
                try:
                    report = next(stream)
                except StopIteration as done:
                    outcome: ScanOutcome = done.value
                    break
                yield self._result(report, None, first)
        else:
            outcome = run_scan(hosts(), self.settings, progress=progress,
                               cancellation=context.cancellation)
        srtp_results: dict[int, tuple[SrtpTransportResult, ...]] = {}
        if self.srtp is not None and not context.cancellation.cancelled:
            from voipscan.sources.host.srtp_probe import run_srtp

            srtp_outcome = run_srtp(outcome.reports, self.srtp,
                                    cancellation=context.cancellation)
            srtp_results = srtp_outcome.by_target
        for report in outcome.reports:
            srtp = srtp_results.get(report.target.index)
            by_index[report.target.index] = self._result(report, srtp, first)
        self.silent = outcome.silent
        yield from (by_index[i] for i in sorted(by_index))

    def _result(self, report: HostReport, srtp: tuple[SrtpTransportResult, ...] | None,
                first: int) -> SourceResult:
        if self.observer is not None:
            self.observer(report, srtp or ())
        return replace(host_facts.source_result(report, srtp),
                       position=first + report.target.index)

    def notes(self) -> list[Problem]:
        notes = [Problem(f"target {text} given twice; scanned once",
                         level=ProblemLevel.WARNING) for text in self.plan.duplicates]
        if self.silent:
            notes.append(Problem(f"{self.silent} range address(es) did not answer; left out "
                                 "of the report", level=ProblemLevel.WARNING))
        return notes

    def skipped(self, reason: str) -> list[SourceResult]:
        return [*self.plan.unreadable,
                *(SourceResult.failed(host_facts.spec_target(s), Problem(reason))
                  for s in self.plan.specs)]


@dataclass
class _Progress:
    """The probing engine's progress (per host), passed on to the scan's hook."""

    hook: ProgressHook
    answered: int = field(default=0)

    def advance(self, answered: bool) -> None:
        self.answered += answered
        self.hook.advance(1, f"{self.answered} answering")

    def close(self) -> None:
        self.hook.end()
