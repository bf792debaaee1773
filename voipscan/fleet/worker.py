"""What a worker does with one job: refuse it when it reaches outside the allow list, else
scan the system and record the result once per (fleet scan, system)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from voipscan.errors import VoipscanError
from voipscan.fleet.allow import Allowed, pinned_resolver
from voipscan.fleet.job import Job
from voipscan.store import JobState, Store, StoreError
from voipscan.store.url import scrub

log = logging.getLogger("voipscan.fleet")


class Outcome(StrEnum):
    DONE = "done"
    ALREADY = "already done"
    REFUSED = "refused"
    FAILED = "failed"
    INVALID = "invalid"


@dataclass(frozen=True)
class WorkerContext:
    name: str
    store: Store
    allowed: Allowed


def execute(payload: Any, context: WorkerContext) -> Outcome:
    """Run one job. A store that cannot be reached raises StoreError (the job is tried
    again); everything else ends here, reported in the store and the log, one line each."""
    try:
        job = Job.model_validate(payload)
    except ValidationError as error:
        log.error("refused a malformed job: %s", error.errors()[0].get("msg", "invalid"))
        return Outcome.INVALID
    fleet, system, store = job.fleet_id, job.system.name, context.store
    where = f"fleet {fleet} system {system}"
    if not store.start_job(fleet, system, context.name):
        log.info("%s: already done (a repeated delivery); nothing to do", where)
        return Outcome.ALREADY
    pinned: dict[str, str] = {}
    refusals = context.allowed.refusals(job.system, Path(job.inventory), pinned)
    if refusals:
        message = "refused: " + "; ".join(refusals)
        store.end_job(fleet, system, JobState.REFUSED, context.name, message)
        log.warning("%s: %s", where, message)
        return Outcome.REFUSED
    try:
        scan_id = store.record(_scan(job, pinned_resolver(pinned)), fleet=(fleet, system),
                               worker=context.name)
    except StoreError:
        raise
    except VoipscanError as error:
        message = scrub(str(error))
        store.end_job(fleet, system, JobState.FAILED, context.name, message)
        log.error("%s: failed: %s", where, message)
        return Outcome.FAILED
    except Exception as error:  # a bug: one line in the store and the log, no traceback
        message = scrub(f"internal error: {type(error).__name__}: {error}")
        store.end_job(fleet, system, JobState.FAILED, context.name, message)
        log.error("%s: %s", where, message)
        return Outcome.FAILED
    if scan_id is None:
        log.info("%s: another delivery recorded it first; kept once", where)
        return Outcome.ALREADY
    log.info("%s: done, recorded as scan %s", where, scan_id)
    return Outcome.DONE


def _scan(job: Job, resolver: Callable[[str], str]) -> Any:
    from voipscan import api
    from voipscan.sources.host.scanner import ScanSettings
    from voipscan.sources.system import InventorySystem, SystemSource

    settings = ScanSettings(timeout=job.timeout, rate=job.rate or None)
    source = SystemSource(InventorySystem(Path(job.inventory), job.system), settings,
                          job.transports, resolver=resolver)
    return api.scan([source], job.profiles)
