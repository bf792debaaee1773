"""voipscan scan config PATH...: read PBX configuration into facts and score it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from voipscan.cli.options import output_options, run, scan_options
from voipscan.sources.config.fusionpbx.database import is_database_url
from voipscan.sources.config.registry import CONFIG_SOURCES
from voipscan.sources.config.threecx.xapi import is_xapi_url

if TYPE_CHECKING:
    from voipscan.sources.interface import Source


@click.command("config")
@click.argument("paths", nargs=-1, required=True)
@click.option("--pbx", type=click.Choice(sorted(CONFIG_SOURCES)),
              help="Format of the paths (default: detected from each path).")
@click.option("--per-domain", is_flag=True, default=False,
              help="FusionPBX: each domain (tenant) of the database is its own target.")
@click.option("--db-password-file", type=click.Path(path_type=Path), metavar="FILE",
              help="Password for postgresql:// URLs (default: PGPASSWORD or ~/.pgpass).")
@click.option("--token-file", type=click.Path(path_type=Path), metavar="FILE",
              help="3CX: bearer token for https:// configuration API URLs.")
@click.option("--ca-file", type=click.Path(path_type=Path), metavar="FILE",
              help="3CX: CA certificates (PEM) that verify the API (default: the system's).")
@scan_options
def command(paths: tuple[str, ...], pbx: str | None, per_domain: bool,
            db_password_file: Path | None, token_file: Path | None, ca_file: Path | None,
            **kwargs: Any) -> int:
    """Scan PBX configuration: exports, config trees, backups or dumps (one target per PATH),
    a live FusionPBX database (postgresql://USER@HOST/DB) or a live 3CX
    (https://HOST[:PORT] with --token-file).

    \b
    Examples:
      voipscan scan config /etc/asterisk
      voipscan scan config samples/ --summary
      voipscan scan config backup.tar.gz -p gdpr -p nen7510 -o audit.html
      voipscan scan config /etc/freeswitch -f json -o fs.json --fail-under 80
      voipscan scan config postgresql://fusionpbx@127.0.0.1/fusionpbx --db-password-file pw
    """
    databases = [p for p in paths if is_database_url(p)]
    apis = [p for p in paths if is_xapi_url(p)]
    if (databases or per_domain) and pbx not in (None, "fusionpbx"):
        raise click.UsageError("postgresql:// URLs and --per-domain are FusionPBX databases; "
                               "drop --pbx or give --pbx fusionpbx")
    if apis and pbx not in (None, "3cx"):
        raise click.UsageError("https:// URLs are 3CX configuration APIs; drop --pbx or give "
                               "--pbx 3cx")
    if db_password_file is not None and not databases:
        raise click.UsageError("--db-password-file needs a postgresql:// URL")
    if apis and token_file is None:
        raise click.UsageError("https:// URLs (3CX configuration API) need --token-file")
    if (token_file or ca_file) and not apis:
        raise click.UsageError("--token-file and --ca-file need an https:// URL (3CX)")
    options = output_options(**kwargs)
    return run([_source(p, pbx, per_domain, db_password_file, token_file, ca_file)
                for p in paths], options)


def _source(given: str, pbx: str | None, per_domain: bool, password_file: Path | None,
            token_file: Path | None, ca_file: Path | None) -> Source:
    from voipscan import api

    if is_xapi_url(given):
        assert token_file is not None
        return api.threecx(given, token_file, ca_file)
    if per_domain or is_database_url(given):
        return api.fusionpbx(given, per_domain=per_domain, password_file=password_file)
    return api.config(Path(given), pbx)
