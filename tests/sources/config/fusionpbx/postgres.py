"""A throwaway PostgreSQL on 127.0.0.1 for tests, and the FusionPBX schema in it.

The schema is built from ``assets/schema-5.5.7.json`` (the columns FusionPBX 5.5.7 declares in
its app_config.php files). The server runs from a temporary folder on a free port and is
stopped afterwards; it never touches a system cluster. Skips without PostgreSQL unless
VOIPSCAN_REQUIRE_INTEGRATION=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.integration import REQUIRED, free_port, require_binary

ASSETS = Path(__file__).resolve().parent / "assets"
SCHEMA = json.loads((ASSETS / "schema-5.5.7.json").read_text())
READER = "voipscan_ro"  # the read-only role the scans use
READER_PASSWORD = "ro-Secret-4711"


def server_binary(name: str) -> str:
    """initdb and pg_ctl live outside PATH on Debian (/usr/lib/postgresql/N/bin)."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else require_binary(name)


def psycopg_module() -> Any:
    try:
        import psycopg
    except ImportError:
        if REQUIRED:
            pytest.fail("psycopg is not installed and VOIPSCAN_REQUIRE_INTEGRATION=1",
                        pytrace=False)
        pytest.skip("psycopg is not installed")
    return psycopg


def ddl() -> str:
    """CREATE TABLE statements for the FusionPBX tables voipscan reads."""
    statements = []
    for table, spec in SCHEMA["tables"].items():
        columns = [f"    {name} {kind}" for name, kind in spec["columns"].items()
                   if name not in spec["deprecated"]]
        statements.append(f"CREATE TABLE public.{table} (\n" + ",\n".join(columns) + "\n);")
    return "\n".join(statements)


@dataclass(frozen=True)
class Cluster:
    port: int
    socket_dir: str

    def url(self, database: str, user: str = READER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres") -> Any:
        """A superuser connection over the Unix socket (trusted): for setting up only."""
        psycopg = psycopg_module()
        return psycopg.connect(host=self.socket_dir, port=self.port, user="postgres",
                               dbname=database, autocommit=True)

    def create(self, database: str) -> None:
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{database}"')
        with self.admin(database) as connection:
            connection.execute(f"GRANT USAGE ON SCHEMA public TO {READER}")

    def grant_all(self, database: str) -> None:
        with self.admin(database) as connection:
            connection.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READER}")

    def pg_dump(self, database: str, out: Path, *options: str) -> Path:
        subprocess.run([require_binary("pg_dump"), "-h", self.socket_dir, "-p",
                        str(self.port), "-U", "postgres", "--no-owner", "--no-privileges",
                        "-f", str(out), *options, database],
                       capture_output=True, text=True, check=True, timeout=120)
        return out


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def cluster() -> Iterator[Cluster]:
    psycopg_module()
    initdb, pg_ctl = server_binary("initdb"), server_binary("pg_ctl")
    root = tempfile.mkdtemp(prefix="voipscan-pg-")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    os.chmod(root, 0o755)
    data, port = f"{root}/data", free_port()
    try:
        subprocess.run(_as_postgres([initdb, "-D", data, "-U", "postgres",
                                     "--auth-local=trust", "--auth-host=scram-sha-256"]),
                       capture_output=True, check=True, timeout=120)
        subprocess.run(_as_postgres([pg_ctl, "-D", data, "-w", "-l", f"{root}/log", "-o",
                                     f"-c listen_addresses=127.0.0.1 -p {port} -k {root}",
                                     "start"]), capture_output=True, check=True, timeout=120)
        found = Cluster(port, root)
        with found.admin() as connection:
            connection.execute(f"CREATE ROLE {READER} LOGIN PASSWORD '{READER_PASSWORD}'")
        yield found
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", data, "-m", "immediate", "stop"]),
                       capture_output=True, check=False, timeout=120)
        shutil.rmtree(root, ignore_errors=True)
