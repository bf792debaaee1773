"""Run a scan from Python: sources in, one ``ScanResult`` out.

    from voipscan import api

    result = api.scan([api.config("samples/asterisk/insecure")], profiles=["baseline", "gdpr"])
    for assessment in result.assessments:
        print(assessment.target, assessment.profile_id, assessment.score.grade)
    print("passed" if result.verdict.passed else "failed")

The command line is a thin layer over this module. Reports are rendered from the result
with ``voipscan.reports.render(FORMAT, result)``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from voipscan.engine import Assessor, Thresholds
from voipscan.errors import Problem, ProblemLevel
from voipscan.result import ScanResult
from voipscan.sources.interface import (
    Cancellation,
    NoProgress,
    ProgressHook,
    ScanContext,
    Source,
)

if TYPE_CHECKING:
    from voipscan.drift import Baseline
    from voipscan.profiles import Profile
    from voipscan.sources.capture.source import CaptureSource
    from voipscan.sources.config.fusionpbx import FusionPbxDatabase
    from voipscan.sources.config.source import ConfigTreeSource
    from voipscan.sources.config.threecx import ThreeCxApi
    from voipscan.sources.host.scanner import ScanSettings
    from voipscan.sources.host.source import HostSource
    from voipscan.sources.system import SystemSource
    from voipscan.suppressions import SuppressionSet

__all__ = [
    "Cancellation",
    "ProgressHook",
    "ScanResult",
    "Source",
    "Thresholds",
    "capture",
    "config",
    "fusionpbx",
    "hosts",
    "scan",
    "systems",
    "threecx",
]


def config(path: str | os.PathLike[str], pbx: str | None = None) -> ConfigTreeSource:
    """A configuration tree, FreePBX backup or export file; ``pbx`` names its format
    (asterisk, freepbx, freeswitch, kamailio, export) instead of detecting it."""
    from voipscan.sources.config.source import ConfigTreeSource

    return ConfigTreeSource(path, pbx)


def fusionpbx(location: str | os.PathLike[str], *, per_domain: bool = False,
              password_file: str | os.PathLike[str] | None = None) -> FusionPbxDatabase:
    """A FusionPBX database: a live PostgreSQL (``postgresql://user@host/db``, read in a
    read-only session; the password from PGPASSWORD, ~/.pgpass or ``password_file``, never
    from the URL) or a pg_dump SQL file. ``per_domain``: each domain (tenant) its own target."""
    from voipscan.sources.config.fusionpbx import FusionPbxDatabase

    return FusionPbxDatabase(location, per_domain=per_domain, password_file=password_file)


def threecx(url: str, token_file: str | os.PathLike[str],
            ca_file: str | os.PathLike[str] | None = None) -> ThreeCxApi:
    """A live 3CX V20 read through its configuration API: ``https://HOST[:PORT]``, a bearer
    token from ``token_file`` (never shown), the certificate verified (system trust store or
    ``ca_file``). A saved export folder is read with ``config`` instead."""
    from voipscan.sources.config.threecx import ThreeCxApi

    return ThreeCxApi(url, token_file, ca_file)


def capture(path: str | os.PathLike[str]) -> CaptureSource:
    """A pcap or pcapng capture, read as a stream."""
    from voipscan.sources.capture.source import CaptureSource

    return CaptureSource(path)


def hosts(targets: Sequence[str], *, lists: Sequence[Path] = (),
          settings: ScanSettings | None = None, transports: str = "udp,tcp,tls",
          allow_large_range: bool = False) -> HostSource:
    """Live SIP hosts: ``host``, ``host:port``, ``[v6]:port``, ``sip:``/``sips:`` URIs or
    CIDR ranges, and target files (one per line). Only probe what you may test."""
    from voipscan.sources.host import targets as target_lib
    from voipscan.sources.host.scanner import ScanSettings
    from voipscan.sources.host.source import HostSource, plan_targets

    return HostSource(plan_targets(targets, lists), settings or ScanSettings(),
                      protocols=target_lib.parse_transports(transports),
                      allow_large_range=allow_large_range)


def systems(inventory: str | os.PathLike[str], only: Sequence[str] = (), *,
            settings: ScanSettings | None = None, transports: str = "udp,tcp,tls"
            ) -> list[SystemSource]:
    """The systems of an inventory file, each one target merging all its evidence
    (configuration, live hosts, captures, declarations); ``only`` picks some by name."""
    from voipscan.sources.system import SystemSource, load_inventory

    return [SystemSource(system, settings, transports)
            for system in load_inventory(Path(inventory), only)]


def scan(
    sources: Iterable[Source],
    profiles: Sequence[str | Profile] = ("baseline",),
    *,
    thresholds: Thresholds | None = None,
    suppressions: SuppressionSet | None = None,
    baseline: Baseline | None = None,
    progress: ProgressHook | None = None,
    cancellation: Cancellation | None = None,
    prepare: Callable[[], None] | None = None,
) -> ScanResult:
    """Read every source into facts, run the checks and judge them against ``profiles``
    (names of built-in profiles, profile files, or loaded profiles).

    A source given twice (the same path, the same address) is read once, with a warning.
    Cancel ``cancellation`` to stop: what was gathered is judged, the rest is reported as
    not read, and the result is marked incomplete. ``prepare`` is called at most once, while
    a source only waits for replies (a caller's chance to ready its reports).
    """
    started = dt.datetime.now(dt.UTC)
    judge = _LateJudge(profiles, started, prepare)
    cancellation = cancellation or Cancellation()
    context = ScanContext(cancellation, progress or NoProgress(), judge.prepare)
    unique, warnings = _unique(list(sources))
    done = 0
    for number, source in enumerate(unique):
        if cancellation.cancelled:
            for arrival, result in enumerate(source.skipped(
                    _NOT_READ.get(source.kind.value, _NOT_READ[""]))):
                judge.assessor.add(result, (number, arrival))
            continue
        try:
            for arrival, result in enumerate(source.scan(context)):
                with cancellation.shielded():  # judged while the source goes on
                    position = arrival if result.position is None else result.position
                    judge.assessor.add(result, (number, position))
            done += 1
        except KeyboardInterrupt:
            cancellation.cancel()
        warnings.extend(source.notes())
    with cancellation.shielded():
        assessor = judge.assessor
        warnings.extend(Problem(f"{name} reached twice; judged once", level=ProblemLevel.WARNING)
                        for name in assessor.drop_repeated_targets())
        if cancellation.cancelled:
            warnings.append(Problem(
                f"scan interrupted after {done} of {len(unique)} input(s); the report holds "
                "what was gathered", level=ProblemLevel.WARNING))
        return assessor.result(thresholds=thresholds or Thresholds(), started=started,
                               incomplete=cancellation.cancelled, suppressions=suppressions,
                               baseline=baseline, warnings=warnings)


_NOT_READ = {"config": "scan interrupted before this path was read",
             "system": "scan interrupted before this system was assessed",
             "capture": "scan interrupted before this capture was read",
             "": "scan interrupted before this target was probed"}


class _LateJudge:
    """The scan's ``Assessor``, made when first needed. Profiles named or given as files are
    found, and files of the user's read, before anything is scanned (an error in one stops
    the scan before it starts); built-in profiles are read while sources wait for replies,
    or at the first result. ``prepare`` runs in that wait too."""

    def __init__(self, profiles: Sequence[str | Profile], now: dt.datetime,
                 prepare: Callable[[], None] | None) -> None:
        from voipscan import profiles as profile_lib

        self._profiles: list[Profile | Path] = []
        for item in profiles:
            if not isinstance(item, str):
                self._profiles.append(item)
                continue
            path = profile_lib.resolve(item)
            self._profiles.append(path if profile_lib.is_builtin(path)
                                  else profile_lib.load_file(path))
        self._now = now
        self._prepare = prepare
        self._assessor: Assessor | None = None

    @property
    def assessor(self) -> Assessor:
        return self._ready()

    def prepare(self) -> None:
        self._ready()
        if self._prepare is not None:
            self._prepare()
            self._prepare = None

    def _ready(self) -> Assessor:
        if self._assessor is None:
            self._assessor = Assessor(self._loaded(), now=self._now)
        return self._assessor

    def _loaded(self) -> list[Profile]:
        from voipscan import profiles as profile_lib

        loaded: list[Profile] = []
        seen: set[str] = set()
        for item in self._profiles:
            profile = profile_lib.load_file(item) if isinstance(item, Path) else item
            if profile.id not in seen:
                seen.add(profile.id)
                loaded.append(profile)
        return loaded


def _unique(sources: list[Source]) -> tuple[list[Source], list[Problem]]:
    unique: dict[str, Source] = {}
    warnings: list[Problem] = []
    for source in sources:
        if source.key in unique:
            warnings.append(Problem(f"{source.label} given twice; scanned once",
                                    level=ProblemLevel.WARNING))
        else:
            unique[source.key] = source
    return list(unique.values()), warnings
