"""Fleet scans in the store: one job row per system, its state kept by the workers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from voipscan.store.model import utc
from voipscan.store.tables import fleet_jobs, fleets


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    REFUSED = "refused"
    FAILED = "failed"


FINAL = (JobState.DONE, JobState.REFUSED, JobState.FAILED)


@dataclass(frozen=True)
class JobStatus:
    system: str
    site: str
    state: JobState
    attempts: int
    worker: str
    message: str
    scan_id: int | None
    updated: dt.datetime


@dataclass(frozen=True)
class FleetStatus:
    id: str
    created: dt.datetime
    inventory: str
    profiles: tuple[str, ...]
    jobs: tuple[JobStatus, ...]

    def count(self, state: JobState) -> int:
        return sum(1 for j in self.jobs if j.state is state)

    @property
    def finished(self) -> bool:
        return all(j.state in FINAL for j in self.jobs)


def create(connection: sa.Connection, fleet_id: str, inventory: str,
           profiles: Sequence[str], systems: Sequence[tuple[str, str]]) -> None:
    now = dt.datetime.now(dt.UTC)
    connection.execute(sa.insert(fleets).values(id=fleet_id, created=now, inventory=inventory,
                                                profiles=",".join(profiles)))
    connection.execute(sa.insert(fleet_jobs), [
        {"fleet_id": fleet_id, "system": name, "site": site, "state": JobState.QUEUED.value,
         "scan_id": None, "attempts": 0, "worker": "", "message": "", "updated": now}
        for name, site in systems])


def start(connection: sa.Connection, fleet_id: str, system: str, worker: str) -> bool:
    """Mark a job running (one more attempt); False when it is already in a final state or
    unknown (nothing to do: a repeated delivery of a finished job)."""
    row = connection.execute(
        sa.select(fleet_jobs.c.state, fleet_jobs.c.attempts)
        .where(fleet_jobs.c.fleet_id == fleet_id, fleet_jobs.c.system == system)
        .with_for_update()).first()
    if row is None or JobState(row.state) in FINAL:
        return False
    connection.execute(_job(fleet_id, system).values(
        state=JobState.RUNNING.value, attempts=row.attempts + 1, worker=worker,
        updated=dt.datetime.now(dt.UTC)))
    return True


def finish(connection: sa.Connection, fleet_id: str, system: str, state: JobState,
           worker: str, message: str) -> None:
    """A job that ends without a scan (refused, failed): its state and why."""
    connection.execute(_job(fleet_id, system)
                       .where(fleet_jobs.c.state.not_in([JobState.DONE.value]))
                       .values(state=state.value, worker=worker, message=message[:2000],
                               updated=dt.datetime.now(dt.UTC)))


def _job(fleet_id: str, system: str) -> sa.Update:
    return sa.update(fleet_jobs).where(fleet_jobs.c.fleet_id == fleet_id,
                                       fleet_jobs.c.system == system)


def status(connection: sa.Connection, fleet_id: str | None) -> FleetStatus | None:
    """A fleet scan and its jobs (the newest fleet scan without ``fleet_id``)."""
    query = sa.select(fleets)
    query = (query.where(fleets.c.id == fleet_id) if fleet_id
             else query.order_by(fleets.c.created.desc()).limit(1))
    head = connection.execute(query).first()
    if head is None:
        return None
    jobs = connection.execute(sa.select(fleet_jobs).where(fleet_jobs.c.fleet_id == head.id)
                              .order_by(fleet_jobs.c.site, fleet_jobs.c.system)).all()
    return FleetStatus(head.id, utc(head.created), head.inventory,
                       tuple(p for p in head.profiles.split(",") if p),
                       tuple(JobStatus(j.system, j.site, JobState(j.state), j.attempts,
                                       j.worker, j.message, j.scan_id, utc(j.updated))
                             for j in jobs))
