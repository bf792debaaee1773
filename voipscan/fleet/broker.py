"""The broker URL (redis:// or rediss:// with TLS), its password from a file or the
environment, and the Celery app every submitter and worker uses."""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

from voipscan.errors import InputError
from voipscan.store.url import mask, password_from_file

if TYPE_CHECKING:
    from celery import Celery  # type: ignore[import-untyped]

ENV_BROKER = "VOIPSCAN_BROKER"
ENV_PASSWORD_FILE = "VOIPSCAN_BROKER_PASSWORD_FILE"
TASK = "voipscan.fleet.scan_system"
DEFAULT_VISIBILITY = 900.0
"""Seconds after which a job a worker took but did not finish is given to another worker."""


@dataclass(frozen=True)
class Broker:
    url: str
    ca_file: Path | None = None
    visibility_timeout: float = DEFAULT_VISIBILITY

    @property
    def shown(self) -> str:
        return mask(self.url)

    @property
    def tls(self) -> bool:
        return self.url.startswith("rediss://")


def broker(url: str | None, ca_file: Path | None = None,
           visibility_timeout: float = DEFAULT_VISIBILITY) -> Broker:
    """From --broker or $VOIPSCAN_BROKER; a password from $VOIPSCAN_BROKER_PASSWORD_FILE."""
    given = url or os.environ.get(ENV_BROKER)
    if not given:
        raise InputError(f"no broker: give --broker redis://HOST:PORT/DB or set {ENV_BROKER}")
    parts = urlsplit(given)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise InputError(f"unsupported broker '{mask(given)}': use redis://HOST:PORT/DB or "
                         "rediss://HOST:PORT/DB (TLS)")
    if ca_file is not None and parts.scheme != "rediss":
        raise InputError("--broker-ca needs a rediss:// (TLS) broker")
    password = password_from_file(ENV_PASSWORD_FILE)
    if password is not None:
        user = quote(parts.username or "", safe="")
        host = parts.netloc.rsplit("@", 1)[-1]
        netloc = f"{user}:{quote(password, safe='')}@{host}"
        given = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return Broker(given, ca_file, visibility_timeout)


def app(config: Broker) -> Celery:
    """A Celery app on this broker: JSON only, late acknowledgement, a job given again when
    its worker is lost, one job at a time per worker, no result backend (the store is)."""
    try:
        from celery import Celery
    except ImportError:
        raise InputError("fleet scans need Celery and Redis: pip install "
                         "'voipscan[fleet]'") from None
    celery = Celery("voipscan", broker=config.url, set_as_current=False)
    restore = max(1, min(10, int(config.visibility_timeout / 2)))
    celery.conf.update(
        task_serializer="json", accept_content=["json"], result_serializer="json",
        task_acks_late=True, task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True, worker_prefetch_multiplier=1,
        task_ignore_result=True, result_backend=None, worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True, worker_send_task_events=False,
        broker_transport_options={
            "visibility_timeout": config.visibility_timeout,
            "unacked_restore_interval": restore, "unacked_restore_throttle": 1},
        enable_utc=True,
    )
    if config.tls:
        celery.conf.broker_use_ssl = {
            "ssl_cert_reqs": ssl.CERT_REQUIRED,
            "ssl_ca_certs": str(config.ca_file) if config.ca_file else None}
    return celery
