"""voipscan fleet submit | status: scan every system of an inventory from its own site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from voipscan.cli.history import STORE_HELP

BROKER_HELP = ("Celery broker: redis://HOST:PORT/DB or rediss:// (TLS) (default: "
               "$VOIPSCAN_BROKER; password from $VOIPSCAN_BROKER_PASSWORD_FILE).")


@click.group("fleet")
def command() -> None:
    """Queue a scan of every system of an inventory to per-site workers, and follow it.

    \b
    Examples:
      voipscan fleet submit sites.yaml --broker redis://192.0.2.5:6379/0 \\
          --store postgresql://voipscan@192.0.2.5/voipscan
      voipscan fleet status
    """


@command.command("submit")
@click.argument("inventory", type=click.Path(path_type=Path))
@click.option("--only", multiple=True, metavar="NAME", help="Only this system (repeatable).")
@click.option("-p", "--profile", "profiles", multiple=True, metavar="NAME",
              help="Profile to score against (repeatable). Default: baseline.")
@click.option("--default-site", metavar="SITE", help="Queue for systems without a site:.")
@click.option("--transport", default="udp,tcp,tls", show_default=True, metavar="LIST")
@click.option("--timeout", type=click.FloatRange(0.1, 120), default=3.0, show_default=True,
              help="Seconds to wait for each probe of a host.")
@click.option("--rate", type=click.FloatRange(0), default=20.0, show_default=True,
              help="Probes per second per job (0: no limit).")
@click.option("--broker", metavar="URL", help=BROKER_HELP)
@click.option("--broker-ca", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CA certificates (PEM) that verify a rediss:// broker.")
@click.option("--store", "url", metavar="URL", help=STORE_HELP)
def submit(inventory: Path, only: tuple[str, ...], profiles: tuple[str, ...],
           default_site: str | None, transport: str, timeout: float, rate: float,
           broker: str | None, broker_ca: Path | None, url: str | None) -> None:
    """Queue one job per system of INVENTORY on its site's queue; workers record the results
    in the store (a PostgreSQL store that every site's worker reaches).

    \b
    Examples:
      voipscan fleet submit samples/system/inventory.yaml --default-site hq
      voipscan fleet submit sites.yaml --only pbx-ams -p gdpr
    """
    from voipscan import profiles as profile_lib
    from voipscan.fleet.broker import broker as make_broker
    from voipscan.fleet.submit import submit as queue
    from voipscan.sources.host import targets
    from voipscan.store import Store

    chosen = tuple(dict.fromkeys(profiles)) or ("baseline",)
    for name in chosen:
        profile_lib.load(name)  # an unknown profile fails here, not at every site
    targets.parse_transports(transport)
    config = make_broker(broker, broker_ca)
    with Store.open(url) as store:
        if store.url.startswith("sqlite"):
            click.echo(f"voipscan: warning: {store.shown} is an SQLite store: only workers "
                       "on this machine can record in it; give --store postgresql://...",
                       err=True)
        done = queue(inventory, store, config, only=only, profiles=chosen,
                     default_site=default_site, transports=transport, timeout=timeout,
                     rate=rate)
    sites = ", ".join(f"{site} ({count})" for site, count in sorted(done.sites.items()))
    click.echo(done.fleet_id)
    click.echo(f"voipscan: queued {sum(done.sites.values())} job(s) on {config.shown}: "
               f"{sites}; follow with 'voipscan fleet status {done.fleet_id}'", err=True)


@command.command("status")
@click.argument("fleet_id", metavar="[FLEET]", required=False)
@click.option("--wait", type=click.FloatRange(0), metavar="SECONDS",
              help="Wait up to SECONDS for every job to end; exit 1 if some did not.")
@click.option("--store", "url", metavar="URL", help=STORE_HELP)
def status(fleet_id: str | None, wait: float | None, url: str | None) -> int:
    """Show a fleet scan's progress (the newest without FLEET): each system's state, site,
    attempts, worker and stored scan.

    \b
    Examples:
      voipscan fleet status
      voipscan fleet status 3f2a9c... --wait 600
    """
    import time

    from voipscan.store import JobState, Store

    deadline = time.monotonic() + (wait or 0)
    with Store.open(url) as store:
        while True:
            found = store.fleet(fleet_id)
            if found is None:
                raise click.ClickException(f"no fleet scan {fleet_id or ''} in {store.shown}"
                                           .replace("  ", " "))
            if found.finished or time.monotonic() >= deadline:
                break
            time.sleep(1.0)
    click.echo(f"fleet {found.id}: {found.inventory}, created {_when(found.created)} UTC, "
               f"profiles {', '.join(found.profiles)}")
    for job in found.jobs:
        scan = f"scan {job.scan_id}" if job.scan_id is not None else ""
        note = f"  {job.message}" if job.message else ""
        click.echo(f"  {job.system:24} {job.site:12} {job.state.value:8} attempts "
                   f"{job.attempts}  {job.worker or '-'}  {scan}{note}")
    counts = ", ".join(f"{found.count(s)} {s.value}" for s in JobState if found.count(s))
    click.echo(f"{len(found.jobs)} job(s): {counts}")
    return 0 if found.finished or wait is None else 1


def _when(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
