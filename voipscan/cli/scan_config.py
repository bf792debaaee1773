"""voipscan scan config PATH...: read PBX configuration into facts and score it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from voipscan.cli.options import finish, output_options, scan_options, started_now
from voipscan.errors import Problem
from voipscan.sources.config.registry import CONFIG_SOURCES
from voipscan.sources.interface import SourceResult
from voipscan.target import Target, TargetKind


@click.command("config")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pbx", type=click.Choice(sorted(CONFIG_SOURCES)),
              help="Format of the paths (default: detected from each path).")
@scan_options
def command(paths: tuple[Path, ...], pbx: str | None, **kwargs: Any) -> int:
    """Scan PBX configuration: exports, config trees or backups (one target per PATH)."""
    from voipscan import interrupts
    from voipscan.engine import Thresholds, evaluate
    from voipscan.sources.config.load import load_config

    options = output_options(**kwargs)
    profiles = _profiles(options.profiles)
    started = started_now()
    results: list[SourceResult] = []
    interrupted = False
    try:
        for path in paths:
            results.append(load_config(path, pbx))
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (voipscan.interrupts): keep what was read
        interrupted = True
    with interrupts.deferred():  # a signal from here on is only noted: reports get written
        if interrupted:
            click.echo(f"voipscan: scan interrupted after {len(results)} of {len(paths)} "
                       "path(s); the report holds what was read", err=True)
            results += [_not_read(path, pbx) for path in paths[len(results):]]
        result = evaluate(results, profiles, started=started, incomplete=interrupted,
                          thresholds=Thresholds(options.fail_under, options.fail_on))
        return finish(result, options)


def _not_read(path: Path, pbx: str | None) -> SourceResult:
    target = Target.path(path, TargetKind.CONFIG, pbx or "unknown")
    return SourceResult.failed(target, Problem("scan interrupted before this path was read",
                                               str(path)))


def _profiles(names: tuple[str, ...]) -> list[Any]:
    from voipscan.cli.options import load_profiles

    return load_profiles(names)
