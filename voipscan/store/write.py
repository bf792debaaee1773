"""Recording a scan: all its rows in one transaction; a fleet scan's system only once."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from voipscan.result import ScanResult
from voipscan.store import records
from voipscan.store.tables import findings, fleet_jobs, fleets, scans, scores, targets


def record(connection: sa.Connection, result: ScanResult,
           fleet: tuple[str, str] | None = None, worker: str = "") -> int | None:
    """Insert the scan; its id, or None when this (fleet scan, system) is already stored.

    Runs inside the caller's transaction: with ``fleet``, the job's row is locked first
    (PostgreSQL), so two deliveries of one job cannot both record."""
    if fleet is not None:
        job = connection.execute(
            sa.select(fleet_jobs.c.scan_id)
            .where(fleet_jobs.c.fleet_id == fleet[0], fleet_jobs.c.system == fleet[1])
            .with_for_update()).first()
        if job is not None and job.scan_id is not None:
            return None
        key = f"{fleet[0]}/{fleet[1]}"
        if connection.execute(sa.select(scans.c.id).where(scans.c.fleet_key == key)).first():
            return None
    scan_id = _insert(connection, sa.insert(scans).values(records.scan_row(result, fleet)))
    for target in result.targets:
        target_row = _insert(connection,
                             sa.insert(targets).values(records.target_row(scan_id, target)))
        rows = records.finding_rows(target_row, target)
        if rows:
            connection.execute(sa.insert(findings), rows)
        score_rows = records.score_rows(target_row, records.assessments_of(result, target))
        if score_rows:
            connection.execute(sa.insert(scores), score_rows)
    if fleet is not None:
        connection.execute(
            sa.update(fleet_jobs)
            .where(fleet_jobs.c.fleet_id == fleet[0], fleet_jobs.c.system == fleet[1])
            .values(state="done", scan_id=scan_id, worker=worker, message="",
                    updated=dt.datetime.now(dt.UTC)))
    return scan_id


def _insert(connection: sa.Connection, statement: sa.Insert) -> int:
    key = connection.execute(statement).inserted_primary_key
    assert key is not None
    return int(key[0])


def prune(connection: sa.Connection, before: dt.datetime) -> int:
    """Delete the scans started before ``before`` (with their rows); how many."""
    old = [r.id for r in connection.execute(sa.select(scans.c.id)
                                            .where(scans.c.started < before))]
    for start in range(0, len(old), 500):
        chunk = old[start:start + 500]
        rows = sa.select(targets.c.id).where(targets.c.scan_id.in_(chunk))
        connection.execute(sa.delete(findings).where(findings.c.target_row.in_(rows)))
        connection.execute(sa.delete(scores).where(scores.c.target_row.in_(rows)))
        connection.execute(sa.delete(targets).where(targets.c.scan_id.in_(chunk)))
        connection.execute(sa.update(fleet_jobs).where(fleet_jobs.c.scan_id.in_(chunk))
                           .values(scan_id=None))
        connection.execute(sa.delete(scans).where(scans.c.id.in_(chunk)))
    old_fleets = sa.select(fleets.c.id).where(fleets.c.created < before)
    connection.execute(sa.delete(fleet_jobs).where(fleet_jobs.c.fleet_id.in_(old_fleets)))
    connection.execute(sa.delete(fleets).where(fleets.c.created < before))
    return len(old)
