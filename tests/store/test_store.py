"""The history store on SQLite: recording, reading back, diff, trend, prune, fingerprints,
once-per-fleet-job recording and migrations (an older store upgrades itself)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.paths import ROOT
from voipscan import api
from voipscan.result import ScanResult
from voipscan.store import Store, StoreError, mask
from voipscan.store.diff import Change
from voipscan.store.engine import REVISIONS, upgrade
from voipscan.store.records import fingerprint
from voipscan.store.tables import HEAD
from voipscan.store.url import default_url, normalise, scrub

EXPORT = ROOT / "samples" / "export"


def scan_as(folder: Path, sample: str, name: str = "pbx.yaml") -> ScanResult:
    """Scan ``sample`` copied to ``folder/name``: the same target each time."""
    target = folder / name
    shutil.copy(EXPORT / sample, target)
    return api.scan([api.config(target)], ["baseline"])


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> tuple[ScanResult, ScanResult]:
    folder = tmp_path_factory.mktemp("pbx")
    return scan_as(folder, "insecure.yaml"), scan_as(folder, "hardened.yaml")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'h.sqlite'}") as opened:
        yield opened


def test_record_and_read_back(store: Store, scans: tuple[ScanResult, ScanResult]) -> None:
    before, after = scans
    first, second = store.record(before), store.record(after)
    assert (first, second) == (1, 2)
    listed = store.summaries()
    assert [s.id for s in listed] == [2, 1]
    assert listed[1].verdict == "failed" and listed[0].verdict == "passed"
    shown = store.scan("1")
    target = shown.targets[0]
    assert target.target_id == before.targets[0].target.id
    score = before.assessments[0].score
    assert (target.scores[0].value, target.scores[0].grade, target.scores[0].coverage) == (
        score.value, score.grade, score.coverage)
    failed = {f.finding.check_id for f in before.targets[0].findings
              if f.finding.status.value == "fail"}
    assert failed == {f.check_id for f in target.findings if f.status.value == "fail"}
    assert store.scan("last").summary.id == 2 and store.scan("last~1").summary.id == 1


def test_fingerprints_are_stable_and_unique_per_target(
        store: Store, scans: tuple[ScanResult, ScanResult]) -> None:
    store.record(scans[0])
    store.record(scans[0])
    one, two = store.scan("1").targets[0], store.scan("2").targets[0]
    assert [f.fingerprint for f in one.findings] == [f.fingerprint for f in two.findings]
    assert len({f.fingerprint for f in one.findings}) == len(one.findings)
    f = one.findings[0]
    assert f.fingerprint == fingerprint(one.target_id, f.check_id, f.resource)


def test_diff_names_new_resolved_and_score_changes(
        store: Store, scans: tuple[ScanResult, ScanResult]) -> None:
    store.record(scans[0])
    store.record(scans[1])
    changes = store.diff("1", "2")
    resolved = {c.finding.check_id for c in changes.of(Change.RESOLVED)}
    assert resolved and not changes.added and not changes.removed
    assert changes.scores and changes.scores[0].after > changes.scores[0].before
    back = store.diff("2", "1")
    assert {c.finding.check_id for c in back.of(Change.NEW)} == resolved


def test_trend_and_system_filter(store: Store, scans: tuple[ScanResult, ScanResult]) -> None:
    store.record(scans[0])
    store.record(scans[1])
    name = scans[0].targets[0].target.name
    points = store.trend(name)
    assert [p.scan_id for p in points] == [1, 2]
    assert points[0].value < points[1].value
    assert store.trend(scans[0].targets[0].target.id) == points
    assert len(store.summaries(system=name)) == 2 and not store.summaries(system="nothing")


def test_last_baseline_is_each_targets_newest_state(
        store: Store, scans: tuple[ScanResult, ScanResult]) -> None:
    store.record(scans[0])
    baseline = store.last_baseline()
    assert baseline.by_id and baseline.findings
    assert all(key[0] == scans[0].targets[0].target.id for key in baseline.findings)
    store.record(scans[1])
    assert len(store.last_baseline().findings) < len(baseline.findings)


def test_a_fleet_job_is_recorded_once(store: Store, scans: tuple[ScanResult, ScanResult]
                                      ) -> None:
    store.create_fleet("ab12cd34", "inv.yaml", ["baseline"], [("pbx", "ams")])
    assert store.start_job("ab12cd34", "pbx", "w1")
    assert store.record(scans[0], fleet=("ab12cd34", "pbx"), worker="w1") == 1
    assert store.record(scans[0], fleet=("ab12cd34", "pbx"), worker="w2") is None
    assert not store.start_job("ab12cd34", "pbx", "w2")
    status = store.fleet()
    assert status is not None and status.finished
    assert [(j.state.value, j.scan_id, j.worker) for j in status.jobs] == [("done", 1, "w1")]
    assert len(store.summaries()) == 1


def test_prune_deletes_old_scans_only(store: Store, scans: tuple[ScanResult, ScanResult]
                                      ) -> None:
    store.record(scans[0])
    store.record(scans[1])
    assert store.prune(dt.timedelta(days=1)) == 0
    assert store.prune(dt.timedelta(0)) == 2
    assert store.summaries() == []


def test_an_older_store_upgrades_itself(tmp_path: Path,
                                        scans: tuple[ScanResult, ScanResult]) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = sa.create_engine(url)
    upgrade(engine, to=REVISIONS[0])  # as the first version with history made it
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO scans (started, finished, recorded, tool_version, passed, incomplete,"
            " profiles) VALUES ('2025-01-02 03:04:05', '2025-01-02 03:04:06', "
            "'2025-01-02 03:04:06', '0.0.9', 1, 0, 'baseline')"))
    engine.dispose()
    with Store.open(url) as store:
        assert [s.tool_version for s in store.summaries()] == ["0.0.9"]
        assert store.record(scans[0], fleet=None) == 2
        store.create_fleet("ab12cd34", "inv.yaml", ["baseline"], [("pbx", "ams")])
    check = sa.create_engine(url)
    with check.connect() as connection:
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")
                                  ).scalar() == HEAD
    check.dispose()


def test_the_alembic_scripts_end_at_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "voipscan.store:migrations")
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == HEAD
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(REVISIONS)


def test_a_store_from_a_newer_voipscan_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    Store.open(url).close()
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer voipscan"):
        Store.open(url)


def test_default_store_follows_the_environment(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOIPSCAN_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_url() == f"sqlite:///{tmp_path / 'data' / 'voipscan' / 'history.sqlite'}"
    with Store.open() as store:
        assert store.summaries() == []
    assert (tmp_path / "data" / "voipscan" / "history.sqlite").is_file()
    monkeypatch.setenv("VOIPSCAN_STORE", str(tmp_path / "other.sqlite"))
    assert normalise(None) == f"sqlite:///{tmp_path / 'other.sqlite'}"


def test_urls_are_shown_without_passwords() -> None:
    assert mask("postgresql://u:s3cret@192.0.2.1:5432/db") == "postgresql://u:***@192.0.2.1:5432/db"
    assert mask("postgresql://u@192.0.2.1/db?password=s3cret&sslmode=require") == \
        "postgresql://u@192.0.2.1/db?password=***&sslmode=require"
    assert mask("rediss://:s3cret@192.0.2.1:6380/0") == "rediss://:***@192.0.2.1:6380/0"
    assert mask("sqlite:////var/lib/h.sqlite") == "sqlite:////var/lib/h.sqlite"
    assert "s3cret" not in scrub("failed for redis://:s3cret@192.0.2.1/0 using s3cret", "s3cret")


def test_unreachable_and_malformed_stores_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as error:
        Store.open("postgresql://u:pw-Secret-1@127.0.0.1:1/db")
    assert "pw-Secret-1" not in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(StoreError, match="unsupported store"):
        Store.open("mysql://u@127.0.0.1/db")
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot create"):
        Store.open(f"sqlite:///{tmp_path / 'file' / 'sub' / 'h.sqlite'}")
