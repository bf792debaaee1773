"""A fleet scan end to end on loopback: Redis (password from a file), a PostgreSQL store
(password from a file), two workers of one site, five systems (UDP SIP responders on
127.0.0.1, one silent so its scan is slow, one outside the allow list). The worker scanning
the slow system is killed mid-job: the other runs it again, every system's result is stored
exactly once, the job outside the allow list is refused, and no password is ever printed.
Skipped without redis-server or PostgreSQL unless VOIPSCAN_REQUIRE_INTEGRATION=1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.paths import ROOT
from tests.sources.host.responders import reply, responder, silent
from tests.store.services import (
    BROKER_PASSWORD,
    STORE_PASSWORD,
    PgStore,
    Redis,
    postgres_store,
    redis_broker,
)
from voipscan.store import JobState, Store

pytestmark = pytest.mark.integration
VISIBILITY = "3"  # seconds before a dead worker's job is given to another


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, PgStore, Redis]]:
    folder = tmp_path_factory.mktemp("fleet")
    with redis_broker(folder) as redis, postgres_store(folder) as pg:
        yield folder, pg, redis


def environment(pg: PgStore, redis: Redis) -> dict[str, str]:
    return {**os.environ, "VOIPSCAN_STORE": pg.url,
            "VOIPSCAN_STORE_PASSWORD_FILE": str(pg.password_file),
            "VOIPSCAN_BROKER": redis.url,
            "VOIPSCAN_BROKER_PASSWORD_FILE": str(redis.password_file)}


def voipscan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, timeout=90, cwd=ROOT, env=env)


class Workers:
    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder, self.env = folder, env
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, *args: str) -> None:
        with (self.folder / f"{name}.log").open("wb") as log:  # the worker keeps its copy
            self.processes[name] = subprocess.Popen(
                [sys.executable, "-m", "voipscan", "worker", "--name", name,
                 "--visibility-timeout", VISIBILITY, *args],
                stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=self.env)

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def test_a_killed_worker_loses_nothing_and_counts_nothing_twice(
        services: tuple[Path, PgStore, Redis], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, pg, redis = services
    env = environment(pg, redis)
    monkeypatch.setenv("VOIPSCAN_STORE_PASSWORD_FILE", str(pg.password_file))
    with ExitStack() as stack:
        slow = stack.enter_context(responder(silent))
        quick = [stack.enter_context(responder(reply())) for _ in range(3)]
        systems = [("pbx-slow", f"127.0.0.1:{slow.port}")]
        systems += [(f"pbx-{i}", f"127.0.0.1:{r.port}") for i, r in enumerate(quick)]
        systems += [("pbx-far", "192.0.2.10")]
        inventory = folder / "sites.yaml"
        inventory.write_text("version: 1\nsystems:\n" + "".join(
            f"  - name: {name}\n    site: ams\n    hosts: ['{host}']\n"
            for name, host in systems))
        workers = Workers(folder, env)
        stack.callback(workers.stop)
        for name in ("w1", "w2"):
            workers.start(name, "--queue", "ams", "--allow", "127.0.0.0/8")
        submitted = voipscan("fleet", "submit", str(inventory), "--transport", "udp",
                             "--timeout", "4", env=env)
        assert submitted.returncode == 0, submitted.stderr
        fleet_id = submitted.stdout.strip()
        assert "queued 5 job(s)" in submitted.stderr and "ams (5)" in submitted.stderr

        with Store.open(pg.url) as store:
            victim = _running(store, fleet_id, "pbx-slow")
        workers.processes[victim].kill()  # mid-scan: no ack, no result

        status = voipscan("fleet", "status", fleet_id, "--wait", "45", env=env)
        assert status.returncode == 0, status.stdout + status.stderr
        assert "5 job(s): 4 done, 1 refused" in status.stdout

        with Store.open(pg.url) as store:
            found = store.fleet(fleet_id)
        assert found is not None
        jobs = {j.system: j for j in found.jobs}
        assert jobs["pbx-far"].state is JobState.REFUSED
        assert "192.0.2.10 is outside --allow" in jobs["pbx-far"].message
        assert jobs["pbx-slow"].state is JobState.DONE and jobs["pbx-slow"].attempts >= 2
        assert jobs["pbx-slow"].worker != victim
        assert _stored_once(pg, fleet_id) == {name for name, _ in systems[:4]}

        survivor = next(n for n in workers.processes if n != victim)
        outputs = [submitted.stdout, submitted.stderr, status.stdout, status.stderr,
                   workers.log("w1"), workers.log("w2")]
        assert "refused: 192.0.2.10 is outside --allow" in workers.log(survivor) + \
            workers.log(victim)
        assert f"broker {redis.url.replace('redis://', 'redis://:***@')}" in \
            workers.log(survivor)
        for text in outputs:
            assert STORE_PASSWORD not in text and BROKER_PASSWORD not in text
            assert "Traceback" not in text


def _running(store: Store, fleet_id: str, system: str, timeout: float = 30.0) -> str:
    """The worker running ``system``'s job, as soon as it runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = store.fleet(fleet_id)
        job = next(j for j in found.jobs if j.system == system) if found else None
        if job is not None and job.state is JobState.RUNNING:
            return job.worker
        time.sleep(0.05)
    raise AssertionError(f"{system} never ran")


def _stored_once(pg: PgStore, fleet_id: str) -> set[str]:
    """The systems with a stored scan in this fleet scan; each must have exactly one."""
    engine = sa.create_engine(pg.url.replace("postgresql://", "postgresql+psycopg://"),
                              connect_args={"password": pg.password_file.read_text().strip()})
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT t.name, count(*) FROM scans s JOIN targets t ON t.scan_id = s.id "
            "WHERE s.fleet_id = :f GROUP BY t.name"), {"f": fleet_id}).all()
    engine.dispose()
    assert all(count == 1 for _, count in rows), rows
    return {name for name, _ in rows}
