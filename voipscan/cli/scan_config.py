"""voipscan scan config PATH...: read PBX configuration into facts and score it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from voipscan.cli.options import output_options, run, scan_options
from voipscan.sources.config.registry import CONFIG_SOURCES


@click.command("config")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pbx", type=click.Choice(sorted(CONFIG_SOURCES)),
              help="Format of the paths (default: detected from each path).")
@scan_options
def command(paths: tuple[Path, ...], pbx: str | None, **kwargs: Any) -> int:
    """Scan PBX configuration: exports, config trees or backups (one target per PATH)."""
    from voipscan import api

    options = output_options(**kwargs)
    return run([api.config(path, pbx) for path in paths], options)
