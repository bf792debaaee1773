"""FusionPBX from a live PostgreSQL started for the test (schema of FusionPBX 5.5.7, insecure,
hardened and two-tenant data), and from pg_dump files of it in every plain format: the same
verdicts. Skipped without PostgreSQL unless VOIPSCAN_REQUIRE_INTEGRATION=1."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sources.config.asterisk.helpers import PROFILE, ROOT
from tests.sources.config.fusionpbx import datasets
from tests.sources.config.fusionpbx import helpers as h
from tests.sources.config.fusionpbx.make_samples import dump, populate
from tests.sources.config.fusionpbx.postgres import READER, READER_PASSWORD, Cluster, cluster
from voipscan import api
from voipscan.checks import Status
from voipscan.profiles import builtin_dir
from voipscan.sources.config.fusionpbx.dump import read_dump
from voipscan.sources.config.fusionpbx.facts import build
from voipscan.sources.interface import ScanContext

pytestmark = pytest.mark.integration
MFA_CHECKS = {"access.admin_mfa", "access.user_mfa"}
PROFILES = sorted(path.stem for path in builtin_dir().glob("*.yaml"))


@pytest.fixture(scope="module")
def pg() -> Iterator[Cluster]:
    with cluster() as found:
        for data in (datasets.INSECURE, datasets.HARDENED, datasets.MIXED):
            populate(found, data)
        yield found


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("PGPASSWORD", READER_PASSWORD)
    return READER_PASSWORD


def verdicts(source: api.Source) -> dict[tuple[str, str], Status]:
    result = api.scan([source], profiles=[str(PROFILE)])
    [target] = result.targets
    assert not target.fatal, target.problems
    return {(f.finding.check_id, f.finding.resource): f.finding.status for f in target.findings}


@pytest.mark.parametrize("data", [datasets.INSECURE, datasets.HARDENED], ids=lambda d: d.name)
def test_live_database_gives_the_verdicts_of_its_dump(pg: Cluster, password: str,
                                                      data: datasets.Dataset) -> None:
    live = verdicts(api.fusionpbx(pg.url(data.name)))
    sample = verdicts(api.config(h.SAMPLES / f"{data.name}.sql"))
    assert live == sample
    expected = Status.FAIL if data is datasets.INSECURE else Status.PASS
    mfa = [status for (check, _), status in live.items() if check in MFA_CHECKS]
    assert len(mfa) >= 5 and set(mfa) == {expected}
    assert live[("access.superusers_limited", "system")] is expected


@pytest.mark.parametrize("options", [(), ("--inserts",), ("--column-inserts",),
                                     ("--inserts", "--rows-per-insert=40"), ("--data-only",)],
                         ids=["copy", "inserts", "column-inserts", "multi-row", "data-only"])
def test_every_plain_dump_format_reads_alike(pg: Cluster, password: str, tmp_path: Path,
                                             options: tuple[str, ...]) -> None:
    live = verdicts(api.fusionpbx(pg.url("insecure")))
    out = dump(pg, "insecure", tmp_path / "dump.sql", *options)
    assert verdicts(api.config(out)) == live
    packed = tmp_path / "dump.sql.gz"
    packed.write_bytes(gzip.compress(out.read_bytes()))
    assert verdicts(api.config(packed)) == live


def test_samples_are_the_datasets(pg: Cluster, tmp_path: Path) -> None:
    def accounts(path: Path) -> object:
        system = build(read_dump(path)[0], "x")
        return ([(a.name, a.enabled.value, a.mfa.enabled.value, a.superuser.value,
                  a.roles.value) for a in system.admins],
                [(u.name, u.mfa.enabled.value) for u in system.users],
                [(r.name, r.permissions, r.superuser.value) for r in system.roles])
    for data in (datasets.INSECURE, datasets.HARDENED):
        fresh = dump(pg, data.name, tmp_path / f"{data.name}.sql")
        assert accounts(fresh) == accounts(h.SAMPLES / f"{data.name}.sql")


def test_totp_off_for_a_domain_fails_every_mfa_control(pg: Cluster, password: str) -> None:
    result = api.scan([api.fusionpbx(pg.url("mixed"), per_domain=True)],
                      profiles=PROFILES)
    by_domain = {t.target.name.rpartition("#")[2]: t.target.name for t in result.targets}
    assert set(by_domain) == {"secure.example.com", "lax.example.net"}
    judged: dict[str, set[str]] = {"secure.example.com": set(), "lax.example.net": set()}
    for assessment in result.assessments:
        domain = assessment.target.rpartition("#")[2]
        for control in assessment.controls:
            if not MFA_CHECKS & set(control.checks):
                continue
            judged[domain].add(assessment.profile_id)
            mfa = [f.finding.status for f in control.findings
                   if f.finding.check_id in MFA_CHECKS]
            assert mfa, (assessment.profile_id, control.id)
            if domain == "lax.example.net":
                assert control.status is Status.FAIL, (assessment.profile_id, control.id)
            else:
                assert set(mfa) == {Status.PASS}, (assessment.profile_id, control.id)
                assert control.status is not Status.FAIL, (assessment.profile_id, control.id)
    assert judged["lax.example.net"] == judged["secure.example.com"] == set(PROFILES)


def _voipscan(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}
    if password is not None:
        env["PGPASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env=env)


def test_cli_reads_the_password_from_a_file_or_the_environment(pg: Cluster,
                                                               tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text(READER_PASSWORD + "\n")
    out = tmp_path / "r.json"
    by_file = _voipscan("scan", "config", pg.url("insecure"), "--db-password-file",
                        str(secret), "-f", "json", "-o", str(out), "-f", "text")
    assert by_file.returncode == 1, by_file.stderr
    report = json.loads(out.read_text())
    assert [t["platform"] for t in report["targets"]] == ["fusionpbx"]
    assert report["targets"][0]["address"]["scheme"] == "postgresql"
    by_env = _voipscan("scan", "config", pg.url("hardened"), "-f", "json", "-o", str(out),
                       password=READER_PASSWORD)
    assert by_env.returncode == 0, by_env.stderr
    for run in (by_file, by_env):
        assert READER_PASSWORD not in run.stdout + run.stderr
    assert READER_PASSWORD not in out.read_text()


@pytest.mark.parametrize("case", ["wrong password", "no such database", "nothing listening"])
def test_unreadable_database_is_one_line_and_exit_2(pg: Cluster, tmp_path: Path,
                                                    case: str) -> None:
    secret = tmp_path / "pw"
    secret.write_text("Wr0ng-" + READER_PASSWORD)
    url = {"wrong password": pg.url("insecure"), "no such database": pg.url("absent"),
           "nothing listening": f"postgresql://{READER}@127.0.0.1:1/insecure"}[case]
    run = _voipscan("scan", "config", url, "--db-password-file", str(secret), "-f", "json",
                    "-o", str(tmp_path / "r.json"))
    assert run.returncode == 2, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot read the database" in lines[0], run.stderr
    assert "Wr0ng" not in run.stderr + run.stdout and "Traceback" not in run.stderr


def test_tables_the_role_may_not_read_leave_rights_unknown(pg: Cluster,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    populate(pg, datasets.HARDENED, "partial")
    with pg.admin("partial") as connection:
        connection.execute(f"REVOKE SELECT ON v_group_permissions FROM {READER}")
    monkeypatch.setenv("PGPASSWORD", READER_PASSWORD)
    result = api.scan([api.fusionpbx(pg.url("partial"))], profiles=[str(PROFILE)])
    [target] = result.targets
    assert any("v_group_permissions" in p.message and "GRANT SELECT" in p.message
               for p in target.problems)
    rbac = [f.finding.status for f in target.findings if f.finding.check_id == "access.rbac"]
    assert rbac and set(rbac) == {Status.UNKNOWN}
    # TOTP is still judged: the settings were readable
    mfa = [f.finding.status for f in target.findings if f.finding.check_id == "access.admin_mfa"]
    assert set(mfa) == {Status.PASS}


def test_the_session_is_read_only(pg: Cluster, password: str) -> None:
    # v_software made a view that reports the reader's own session setting as the version
    populate(pg, datasets.HARDENED, "probe")
    with pg.admin("probe") as connection:
        connection.execute("DROP TABLE v_software")
        connection.execute("CREATE VIEW v_software AS SELECT 'FusionPBX'::text AS software_name,"
                           " current_setting('transaction_read_only') AS software_version")
        connection.execute(f"GRANT SELECT ON v_software TO {READER}")
    [read] = list(api.fusionpbx(pg.url("probe")).scan(ScanContext()))
    assert not read.fatal and read.system.version.value == "on"
