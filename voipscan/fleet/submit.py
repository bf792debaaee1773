"""voipscan fleet submit: record a fleet scan's jobs in the store, then queue each on its
system's site."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from voipscan.errors import InputError
from voipscan.fleet.broker import TASK, Broker, app
from voipscan.fleet.job import Job
from voipscan.store import JobState, Store


@dataclass(frozen=True)
class Submitted:
    fleet_id: str
    sites: dict[str, int]


def submit(inventory: Path, store: Store, broker: Broker, *, only: Sequence[str] = (),
           profiles: Sequence[str] = ("baseline",), default_site: str | None = None,
           transports: str = "udp,tcp,tls", timeout: float = 3.0, rate: float = 20.0
           ) -> Submitted:
    from voipscan.sources.system import load_inventory

    systems = load_inventory(inventory, only)
    homeless = [s.entry.name for s in systems if not (s.entry.site or default_site)]
    if homeless:
        raise InputError(f"no site for {', '.join(homeless)}: give each system a site: in the "
                         "inventory, or --default-site SITE", str(inventory))
    fleet_id = uuid.uuid4().hex
    location = str(inventory.resolve())
    try:
        jobs = [Job(fleet_id=fleet_id, site=s.entry.site or default_site or "",
                    inventory=location, system=s.entry, profiles=tuple(profiles),
                    transports=transports, timeout=timeout, rate=rate) for s in systems]
    except ValidationError as error:
        raise InputError(f"cannot make a job: {error.errors()[0]['msg']} (a site is letters, "
                         "digits, dot, dash, underscore)", str(inventory)) from None
    store.create_fleet(fleet_id, location, profiles, [(j.system.name, j.site) for j in jobs])
    celery = app(broker)
    sites: dict[str, int] = {}
    try:
        for job in jobs:
            celery.send_task(TASK, args=[job.model_dump(mode="json")], queue=job.site,
                             retry=True, retry_policy={"max_retries": 3, "interval_start": 0.5})
            sites[job.site] = sites.get(job.site, 0) + 1
    except Exception as error:
        for job in jobs[sum(sites.values()):]:
            store.end_job(fleet_id, job.system.name, JobState.FAILED, "",
                          "not queued: the broker could not be reached")
        raise InputError(f"cannot queue jobs on the broker {broker.shown}: "
                         f"{type(error).__name__}") from None
    return Submitted(fleet_id, sites)
