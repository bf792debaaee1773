"""Rebuild samples/fusionpbx/{insecure,hardened}.sql: each dataset loaded into a real
PostgreSQL with the FusionPBX 5.5.7 schema, then dumped by pg_dump (plain SQL, COPY).

    python -m tests.sources.config.fusionpbx.make_samples
"""

from __future__ import annotations

from pathlib import Path

from tests.paths import ROOT
from tests.sources.config.fusionpbx import datasets
from tests.sources.config.fusionpbx.postgres import Cluster, cluster, ddl

SAMPLES = ROOT / "samples" / "fusionpbx"
RESTRICT_KEY = "voipscan"  # psql's \restrict key, fixed so that the dumps are reproducible


def populate(pg: Cluster, data: datasets.Dataset, database: str | None = None) -> str:
    """A database holding ``data`` (named after it unless ``database``), readable by the
    read-only role."""
    name = database or data.name
    pg.create(name)
    with pg.admin(name) as connection:
        connection.execute(ddl())
        datasets.load(connection, data)
    pg.grant_all(name)
    return name


def dump(pg: Cluster, database: str, out: Path, *options: str) -> Path:
    return pg.pg_dump(database, out, f"--restrict-key={RESTRICT_KEY}", *options)


def main() -> None:
    with cluster() as pg:
        for data in (datasets.INSECURE, datasets.HARDENED):
            out = dump(pg, populate(pg, data), SAMPLES / f"{data.name}.sql")
            print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
