"""Running a worker: one Celery worker process (solo pool: one job at a time) that consumes
its site's queues and hands each job to ``worker.execute``."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import Any

from voipscan.fleet.broker import TASK, Broker, app
from voipscan.fleet.worker import WorkerContext, execute, log
from voipscan.store import StoreError

STORE_RETRY = 30.0
"""Seconds before a job is tried again when the store could not be reached."""


def run(broker: Broker, queues: Sequence[str], context: WorkerContext) -> int:
    """Consume ``queues`` until stopped (SIGTERM/SIGINT: the current job finishes first)."""
    celery = app(broker)

    @celery.task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True,
                 max_retries=None)  # type: ignore[untyped-decorator]
    def scan_system(task: Any, payload: Any) -> str:
        try:
            return execute(payload, context).value
        except StoreError as error:
            log.error("the store cannot be reached (%s); the job waits %.0f s", error,
                      STORE_RETRY)
            raise task.retry(countdown=STORE_RETRY) from None

    _logging(context.name)
    log.info("worker %s: queues %s, allow %s, files %s, broker %s, store %s", context.name,
             ",".join(queues), ",".join(str(n) for n in context.allowed.networks),
             ",".join(str(f) for f in context.allowed.folders) or "none", broker.shown,
             context.store.shown)
    worker = celery.Worker(hostname=context.name, queues=list(queues), pool_cls="solo",
                           concurrency=1, loglevel="WARNING", quiet=True,
                           without_gossip=True, without_mingle=True, without_heartbeat=True)
    worker.start()
    code = worker.exitcode
    return int(code) if isinstance(code, int) else 0


def _logging(name: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s voipscan worker: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
