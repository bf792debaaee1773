"""SQLite and PostgreSQL stores hold the same history: the same scans recorded in both give
the same 'history diff', 'show', 'trend' and 'list'. Skipped without PostgreSQL unless
VOIPSCAN_REQUIRE_INTEGRATION=1."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.paths import ROOT
from tests.store.services import STORE_PASSWORD, PgStore, postgres_store
from voipscan import api
from voipscan.cli.main import cli
from voipscan.store import Store

pytestmark = pytest.mark.integration
EXPORT = ROOT / "samples" / "export"


@pytest.fixture(scope="module")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgStore]:
    with postgres_store(tmp_path_factory.mktemp("pg")) as found:
        yield found


def test_sqlite_and_postgresql_give_the_same_history(
        pg: PgStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOIPSCAN_STORE_PASSWORD_FILE", str(pg.password_file))
    pbx = tmp_path / "pbx.yaml"
    results = []
    for sample in ("insecure.yaml", "mixed.yaml", "hardened.yaml"):
        shutil.copy(EXPORT / sample, pbx)
        results.append(api.scan([api.config(pbx), api.config(EXPORT / "hardened.yaml")],
                                ["baseline", "gdpr"]))
    sqlite = f"sqlite:///{tmp_path / 'h.sqlite'}"
    for url in (sqlite, pg.url):
        with Store.open(url) as store:
            assert [store.record(r) for r in results] == [1, 2, 3]
    runner = CliRunner()
    commands = [["diff", "1", "3"], ["diff", "3", "2"], ["diff", "last~1", "last"],
                ["show", "2", "--all"], ["trend", str(pbx)], ["list"]]
    for command in commands:
        outputs = []
        for url in (sqlite, pg.url):
            run = runner.invoke(cli, ["history", *command, "--store", url])
            assert run.exit_code == 0, run.output
            outputs.append(run.output)
        assert outputs[0] == outputs[1], command
        assert STORE_PASSWORD not in outputs[1]
    diff = runner.invoke(cli, ["history", "diff", "1", "3", "--store", pg.url]).output
    assert "resolved: " in diff and "resolved: 0" not in diff
