"""Real services for the store and fleet tests: a PostgreSQL store (the throwaway cluster of
the FusionPBX tests, with a password-protected role) and a Redis broker, both on 127.0.0.1.
Skipped when a binary is missing, unless VOIPSCAN_REQUIRE_INTEGRATION=1."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.integration import free_port, require_binary
from tests.sources.config.fusionpbx.postgres import cluster

STORE_USER = "voipscan_store"
STORE_PASSWORD = "st0re-Secret-9931"
BROKER_PASSWORD = "br0ker-Secret-5127"


@dataclass(frozen=True)
class PgStore:
    url: str
    password_file: Path


@contextlib.contextmanager
def postgres_store(folder: Path) -> Iterator[PgStore]:
    """A PostgreSQL database for the store, its owner logging in with a password that only
    a file holds (never the URL)."""
    with cluster() as pg:
        with pg.admin() as connection:
            connection.execute(f"CREATE ROLE {STORE_USER} LOGIN PASSWORD '{STORE_PASSWORD}'")
            connection.execute(f"CREATE DATABASE history OWNER {STORE_USER}")
        secret = folder / "store-password"
        secret.write_text(STORE_PASSWORD + "\n")
        yield PgStore(f"postgresql://{STORE_USER}@127.0.0.1:{pg.port}/history", secret)


@dataclass(frozen=True)
class Redis:
    url: str
    password_file: Path


@contextlib.contextmanager
def redis_broker(folder: Path) -> Iterator[Redis]:
    server = require_binary("redis-server")
    port, pidfile = free_port(), folder / "redis.pid"
    secret = folder / "broker-password"
    secret.write_text(BROKER_PASSWORD + "\n")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--requirepass", BROKER_PASSWORD, "--pidfile", str(pidfile)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port)
        yield Redis(f"redis://127.0.0.1:{port}/0", secret)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for_port(port: int, timeout: float = 10.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="voipscan-services-"))
