"""voipscan scan system INVENTORY: one assessment per system, all its evidence merged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from voipscan.cli.options import output_options, run, scan_options
from voipscan.cli.progress import TerminalProgress


@click.command("system")
@click.argument("inventory", type=click.Path(path_type=Path))
@click.option("--only", "only", multiple=True, metavar="NAME",
              help="Assess only this system of the inventory (repeatable).")
@click.option("--transport", default="udp,tcp,tls", show_default=True, metavar="LIST",
              help="Transports to probe on the systems' hosts: udp, tcp, tls.")
@click.option("--timeout", type=click.FloatRange(0.1, 120), default=3.0, show_default=True,
              help="Seconds to wait for each probe of a host.")
@click.option("--rate", type=click.FloatRange(0), default=20.0, show_default=True,
              help="Probes per second over all hosts (0: no limit).")
@click.option("--tls-audit/--no-tls-audit", default=True, show_default=True,
              help="Audit TLS versions, ciphers and certificate of TLS transports.")
@click.option("--ca-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CA certificates to validate TLS certificates against.")
@scan_options
def command(inventory: Path, only: tuple[str, ...], transport: str, timeout: float,
            rate: float, tls_audit: bool, ca_file: Path | None, **kwargs: Any) -> int:
    """Assess the systems of an inventory file: each system is one target whose facts come
    from its configuration, live hosts, captures and declarations together.

    \b
    Examples:
      voipscan scan system samples/system/inventory.yaml
      voipscan scan system sites.yaml --only pbx-amsterdam -p gdpr -f html -o ams.html
    """
    from voipscan import api
    from voipscan.sources.host.scanner import ScanSettings

    options = output_options(**kwargs)
    settings = ScanSettings(timeout=timeout, rate=rate or None, tls_audit=tls_audit,
                            ca_file=ca_file)
    sources = api.systems(inventory, only, settings=settings, transports=transport)
    return run(sources, options, TerminalProgress())
