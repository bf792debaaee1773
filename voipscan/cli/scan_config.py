"""voipscan scan config PATH...: read PBX configuration into facts and score it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from voipscan.cli.options import output_options, run, scan_options
from voipscan.sources.config.fusionpbx.database import is_database_url
from voipscan.sources.config.registry import CONFIG_SOURCES


@click.command("config")
@click.argument("paths", nargs=-1, required=True)
@click.option("--pbx", type=click.Choice(sorted(CONFIG_SOURCES)),
              help="Format of the paths (default: detected from each path).")
@click.option("--per-domain", is_flag=True, default=False,
              help="FusionPBX: each domain (tenant) of the database is its own target.")
@click.option("--db-password-file", type=click.Path(path_type=Path), metavar="FILE",
              help="Password for postgresql:// URLs (default: PGPASSWORD or ~/.pgpass).")
@scan_options
def command(paths: tuple[str, ...], pbx: str | None, per_domain: bool,
            db_password_file: Path | None, **kwargs: Any) -> int:
    """Scan PBX configuration: exports, config trees, backups or dumps (one target per PATH),
    or a live FusionPBX database (postgresql://USER@HOST/DB)."""
    from voipscan import api

    databases = [p for p in paths if is_database_url(p)]
    if (databases or per_domain) and pbx not in (None, "fusionpbx"):
        raise click.UsageError("postgresql:// URLs and --per-domain are FusionPBX databases; "
                               "drop --pbx or give --pbx fusionpbx")
    if db_password_file is not None and not databases:
        raise click.UsageError("--db-password-file needs a postgresql:// URL")
    options = output_options(**kwargs)
    return run([api.fusionpbx(p, per_domain=per_domain, password_file=db_password_file)
                if per_domain or is_database_url(p) else api.config(Path(p), pbx)
                for p in paths], options)
