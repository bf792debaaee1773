"""Scan history: every recorded scan, its targets, findings (by stable fingerprint), scores
and coverage, in SQLite (the default, no setup) or PostgreSQL (shared by a team or a fleet).

    from voipscan.store import Store

    with Store.open() as store:            # $XDG_DATA_HOME/voipscan/history.sqlite
        scan_id = store.record(result)
        print(store.summaries(limit=5))

Reads only the result model (never sources, the engine or the command line). The tables are
created and upgraded by the alembic scripts shipped in ``voipscan/store/migrations``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from voipscan.drift import Baseline
from voipscan.result import ScanResult
from voipscan.store import fleet_jobs, read, write
from voipscan.store.baseline import last_baseline
from voipscan.store.diff import ScanDiff, diff
from voipscan.store.engine import connect, describe, upgrade
from voipscan.store.fleet_jobs import FleetStatus, JobState
from voipscan.store.model import ScanSummary, StoredScan, TrendPoint
from voipscan.store.url import StoreError, default_url, mask, normalise

__all__ = ["FleetStatus", "JobState", "ScanDiff", "ScanSummary", "Store", "StoreError",
           "StoredScan", "TrendPoint", "default_url", "mask"]

T = TypeVar("T")


class Store:
    """One history store. Every method is one transaction; errors are ``StoreError``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.shown = mask(url)
        self._engine, self._password = connect(url)

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Connect, and create or upgrade the tables (``url`` None: the default store)."""
        store = cls(normalise(url))
        store._run(lambda _: None, setup=True)
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except (SQLAlchemyError, OSError) as error:
            raise StoreError(f"store {self.shown}: {describe(error, self._password)}"
                             ) from None

    def _run(self, work: Callable[[sa.Connection], T], setup: bool = False) -> T:
        with self._errors():
            if setup:
                upgrade(self._engine)
            with self._engine.begin() as connection:
                return work(connection)

    # writing
    def record(self, result: ScanResult, fleet: tuple[str, str] | None = None,
               worker: str = "") -> int | None:
        """Record a scan; its id. With ``fleet`` (fleet scan id, system): None when that
        system's result is already stored (a repeated delivery), and nothing is added."""
        try:
            return self._run(lambda c: write.record(c, result, fleet, worker))
        except StoreError as error:
            if fleet is not None and isinstance(error.__context__, IntegrityError):
                return None
            raise

    def prune(self, older_than: dt.timedelta) -> int:
        before = dt.datetime.now(dt.UTC) - older_than
        return self._run(lambda c: write.prune(c, before))

    # reading
    def summaries(self, limit: int | None = None, system: str | None = None
                  ) -> list[ScanSummary]:
        return self._run(lambda c: read.summaries(c, limit, system))

    def scan(self, ref: str) -> StoredScan:
        return self._run(lambda c: read.scan(c, read.resolve(c, ref)))

    def diff(self, before: str, after: str) -> ScanDiff:
        return diff(self.scan(before), self.scan(after))

    def trend(self, system: str) -> list[TrendPoint]:
        return self._run(lambda c: read.trend(c, system))

    def last_baseline(self) -> Baseline:
        return last_baseline(self._run(read.latest_targets), f"store {self.shown}")

    # fleet scans
    def create_fleet(self, fleet_id: str, inventory: str, profiles: Sequence[str],
                     systems: Sequence[tuple[str, str]]) -> None:
        self._run(lambda c: fleet_jobs.create(c, fleet_id, inventory, profiles, systems))

    def start_job(self, fleet_id: str, system: str, worker: str) -> bool:
        return self._run(lambda c: fleet_jobs.start(c, fleet_id, system, worker))

    def end_job(self, fleet_id: str, system: str, state: JobState, worker: str,
                message: str) -> None:
        self._run(lambda c: fleet_jobs.finish(c, fleet_id, system, state, worker, message))

    def fleet(self, fleet_id: str | None = None) -> FleetStatus | None:
        return self._run(lambda c: fleet_jobs.status(c, fleet_id))
