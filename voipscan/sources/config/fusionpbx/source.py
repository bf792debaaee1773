"""FusionPBX as a source: a pg_dump file through ``scan config`` (``FusionPbxSource``), and a
live database or a dump read whole or one target per domain (``FusionPbxDatabase``)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from voipscan.errors import InputError, Problem
from voipscan.sources.config.evidence import NONE, SPECIFIC, is_dir
from voipscan.sources.config.fusionpbx.database import (
    DatabaseUrl,
    is_database_url,
    read_database,
    redact,
)
from voipscan.sources.config.fusionpbx.dump import CUSTOM_FORMAT, HEADER, read_dump, sniff
from voipscan.sources.config.fusionpbx.facts import PLATFORM, build, domains_of
from voipscan.sources.config.fusionpbx.schema import Snapshot
from voipscan.sources.interface import ConfigSource, ScanContext, Source, SourceResult
from voipscan.target import NetworkAddress, Target, TargetKind

FUSIONPBX_TABLE = re.compile(rb"\b(?:COPY|TABLE|INTO)\s+(?:public\.)?v_[a-z_]+\b")
UNSURE = 0.3  # a PostgreSQL dump, no FusionPBX table seen yet: enough when named, not searched


class FusionPbxSource(ConfigSource):
    name = PLATFORM
    description = "FusionPBX database: pg_dump plain SQL (.sql, .sql.gz)"

    def detect(self, path: Path) -> float:
        if is_dir(path):
            return NONE
        head = sniff(path)
        if head.startswith(CUSTOM_FORMAT):
            return UNSURE
        if HEADER not in head[:512] and not head.startswith(b"COPY "):
            return NONE
        return SPECIFIC if FUSIONPBX_TABLE.search(head) else UNSURE

    def load(self, path: Path) -> SourceResult:
        snapshot, problems = read_dump(path)
        target = Target.path(path, TargetKind.CONFIG, self.name)
        return SourceResult(target, build(snapshot, str(path)), tuple(problems))


class FusionPbxDatabase(Source):
    """A live FusionPBX database (``postgresql://``) or a dump, as one target or one per
    domain. The password of a live database comes from libpq (PGPASSWORD, ~/.pgpass) or
    from ``password_file``; it is never shown."""

    kind = TargetKind.CONFIG

    def __init__(self, location: str | os.PathLike[str], *, per_domain: bool = False,
                 password_file: str | os.PathLike[str] | None = None) -> None:
        text = os.fspath(location)
        self.url = redact(text) if is_database_url(text) else None
        self.given = text
        self.per_domain = per_domain
        self.password_file = Path(password_file) if password_file is not None else None

    @property
    def key(self) -> str:
        where = self.url or os.path.realpath(self.given)
        return f"{PLATFORM}:{where}:{'domains' if self.per_domain else 'whole'}"

    @property
    def label(self) -> str:
        return self.url or self.given

    def target(self) -> Target:
        if self.url is None:
            return Target.path(self.given, TargetKind.CONFIG, PLATFORM)
        try:
            parsed = DatabaseUrl.parse(self.given)
            address = NetworkAddress("postgresql", parsed.host, parsed.port)
        except InputError:
            address = NetworkAddress("postgresql", "unknown")
        return Target(self.url, TargetKind.CONFIG, PLATFORM, address)

    def scan(self, context: ScanContext) -> Iterator[SourceResult]:
        context.progress.begin(1, "database")
        try:
            with context.cancellation.interruptible():
                snapshot, problems = self._read()
        except InputError as error:
            yield SourceResult.failed(self.target(), Problem.from_error(error))
            return
        except KeyboardInterrupt:
            context.cancellation.cancel()
            yield from self.skipped("scan interrupted before this database was read")
            return
        context.progress.advance()
        context.progress.end()
        yield from self.results(snapshot, tuple(problems))

    def results(self, snapshot: Snapshot, problems: tuple[Problem, ...]
                ) -> Iterator[SourceResult]:
        if not self.per_domain:
            yield SourceResult(self.target(), build(snapshot, self.label), problems)
            return
        for domain in sorted(domains_of(snapshot).values(), key=lambda d: d.name):
            name = f"{self.label}#{domain.name}"
            target = Target(name, TargetKind.CONFIG, PLATFORM, NetworkAddress("sip", domain.name))
            yield SourceResult(target, build(snapshot, name, only=domain.uuid), problems)

    def _read(self) -> tuple[Snapshot, list[Problem]]:
        if self.url is None:
            path = Path(self.given)
            if not path.is_file():
                raise InputError("no such file (a pg_dump SQL file or a postgresql:// URL)",
                                 self.given)
            return read_dump(path)
        return read_database(DatabaseUrl.parse(self.given), self._password())

    def _password(self) -> str | None:
        if self.password_file is None:
            return None
        try:
            text = self.password_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
            raise InputError(f"cannot read the password file: {reason}",
                             str(self.password_file)) from None
        lines = text.splitlines()
        if not lines or not lines[0]:
            raise InputError("the password file is empty", str(self.password_file))
        return lines[0]

    def skipped(self, reason: str) -> list[SourceResult]:
        return [SourceResult.failed(self.target(), Problem(reason, self.label))]
