"""voipscan scan config PATH...: read PBX configuration into facts and score it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from voipscan.commands.common import finish, output_options, scan_options, started_now
from voipscan.sources.registry import CONFIG_SOURCES


@click.command("config")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pbx", type=click.Choice(sorted(CONFIG_SOURCES)),
              help="Format of the paths (default: detected from each path).")
@scan_options
def command(paths: tuple[Path, ...], pbx: str | None, **kwargs: Any) -> int:
    """Scan PBX configuration: exports, config trees or backups (one target per PATH)."""
    from voipscan.engine import Thresholds, evaluate
    from voipscan.sources.config import load_config

    options = output_options(**kwargs)
    profiles = _profiles(options.profiles)
    started = started_now()
    results = [load_config(path, pbx) for path in paths]
    result = evaluate(results, profiles, started=started,
                      thresholds=Thresholds(options.fail_under, options.fail_on))
    return finish(result, options)


def _profiles(names: tuple[str, ...]) -> list[Any]:
    from voipscan.commands.common import load_profiles

    return load_profiles(names)
