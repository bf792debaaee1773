"""voipscan worker: scan, at a site, the jobs queued for it."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import click

from voipscan.cli.fleet import BROKER_HELP
from voipscan.cli.history import STORE_HELP


@click.command("worker")
@click.option("--queue", "queues", multiple=True, required=True, metavar="SITE",
              help="The site's queue to take jobs from (repeatable).")
@click.option("--allow", "allow", required=True, metavar="CIDR,...",
              help="The only addresses this worker scans; a job reaching outside them is "
              "refused and reported.")
@click.option("--files", "folders", multiple=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folders whose configs, captures and declarations jobs may read "
              "(repeatable; default: none).")
@click.option("--name", metavar="NAME", help="This worker's name in status and logs "
              "(default: SITE@HOST-PID).")
@click.option("--broker", metavar="URL", help=BROKER_HELP)
@click.option("--broker-ca", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CA certificates (PEM) that verify a rediss:// broker.")
@click.option("--visibility-timeout", type=click.FloatRange(1), default=900.0,
              show_default=True, metavar="SECONDS",
              help="A job taken by a worker that vanished is given to another after this; "
              "longer than the slowest system's scan.")
@click.option("--store", "url", metavar="URL", help=STORE_HELP)
def command(queues: tuple[str, ...], allow: str, folders: tuple[Path, ...], name: str | None,
            broker: str | None, broker_ca: Path | None, visibility_timeout: float,
            url: str | None) -> int:
    """Run a worker at a site: take the site's jobs, scan each system within --allow, record
    the results in the store. Stops on SIGTERM or Ctrl-C after the current job; a job whose
    worker died is run again by another worker of the site.

    \b
    Examples:
      voipscan worker --queue ams --allow 10.20.0.0/16 --files /srv/pbx-configs \\
          --broker rediss://broker.example.net:6380/0 \\
          --store postgresql://voipscan@db.example.net/voipscan?sslmode=verify-full
    """
    from voipscan.fleet import allow as allow_lib
    from voipscan.fleet.broker import broker as make_broker
    from voipscan.fleet.service import run
    from voipscan.fleet.worker import WorkerContext
    from voipscan.store import Store

    allowed = allow_lib.Allowed(allow_lib.parse_networks(allow), allow_lib.folders(folders))
    config = make_broker(broker, broker_ca, visibility_timeout)
    who = name or f"{queues[0]}@{socket.gethostname()}-{os.getpid()}"
    with Store.open(url) as store:
        return run(config, queues, WorkerContext(who, store, allowed))
