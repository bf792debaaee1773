from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from voipscan import profiles
from voipscan.checks import REGISTRY
from voipscan.cli import cli
from voipscan.errors import InputError

BUILTIN = ["baseline", "bio", "education", "financial", "gdpr", "iso27001", "nen7510"]


def test_builtin_profiles_load_and_cite_clauses() -> None:
    assert sorted(profiles.available()) == BUILTIN
    for name in BUILTIN:
        profile = profiles.load(name)
        assert profile.id == name
        assert profile.controls
        for control in profile.controls:
            assert control.clause and control.checks


def test_params_reach_checks_with_types() -> None:
    baseline = {c.id: c for c in profiles.load("baseline").controls}
    retention = baseline["BL-LOG-2"].checks[0]
    assert retention.check_id == "logging.retention"
    assert retention.param_dict == {"min_days": 365}
    tls = baseline["BL-ENC-2"].checks[1]
    assert tls.param_dict == {"min_version": "TLSv1.2"}


def test_financial_keeps_recordings_seven_years() -> None:
    controls = {c.id: c for c in profiles.load("financial").controls}
    ref = controls["FIN-WFT-REC"].checks[0]
    assert ref.param_dict["min_days"] == 2555


def test_extends_inherits_and_profile_parameters_override() -> None:
    nen = profiles.load("nen7510")
    ids = {c.id for c in nen.controls}
    assert {"A.8.24", "A.5.15", "NEN-9.4.2"} <= ids
    a85 = next(c for c in nen.controls if c.id == "A.8.5")
    assert a85.checks[0].param_dict == {"require_enforced": True}
    education = profiles.load("education")
    storage = next(c for c in education.controls if c.id == "GDPR-5.1.e")
    assert storage.checks[0].param_dict["max_days"] == 30


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_user_profile_by_path_extending_a_builtin(tmp_path: Path) -> None:
    path = write(tmp_path, """
id: acme
title: ACME telephony policy
extends: baseline
remove: [BL-BAK-1]
parameters:
  logging.retention: {min_days: 730}
controls:
  - id: ACME-1
    title: Strict TLS
    clause: ACME policy 4.2
    checks:
      - id: signalling.tls_min_version
        params: {min_version: 1.3}
""")
    profile = profiles.load(str(path))
    ids = [c.id for c in profile.controls]
    assert "BL-BAK-1" not in ids and "ACME-1" in ids and "BL-ENC-1" in ids
    log = next(c for c in profile.controls if c.id == "BL-LOG-2")
    assert log.checks[0].param_dict == {"min_days": 730}
    acme = next(c for c in profile.controls if c.id == "ACME-1")
    assert acme.checks[0].param_dict == {"min_version": "TLSv1.3"}


@pytest.mark.parametrize(("body", "line", "fragment"), [
    ("id: x\ntitle: y\ncontrols:\n  - id: c\n    title: t\n    clause: z\n    checks: [no.such]\n",
     7, "unknown check id 'no.such'"),
    ("id: x\ntitle: y\ncontrols:\n  - id: c\n    title: t\n    clause: z\n    checks:\n"
     "      - id: logging.retention\n        params: {min_days: lots}\n", 9,
     "expected a whole number"),
    ("id: x\ntitle: y\ncontrols:\n  - id: c\n    title: t\n    clause: z\n    checks:\n"
     "      - id: logging.retention\n        params: {max_days: 3}\n", 9,
     "has no parameter 'max_days'"),
    ("id: x\ntitle: y\ncontrols:\n  - id: c\n    title: t\n    checks: [signalling.tls]\n", 4,
     "missing 'clause'"),
    ("id: x\ntitle: y\ncontrols: [\n", 4, "invalid YAML"),
    ("id: x\ntitle: y\ncolour: red\ncontrols: []\n", 3, "unknown key 'colour'"),
    ("id: x\ntitle: y\ncontrols:\n  - id: c\n    title: t\n    clause: z\n    checks:\n"
     "      - id: signalling.tls_min_version\n        params: {min_version: '2.0'}\n", 9,
     "expected a TLS version"),
])
def test_malformed_profile_names_file_and_line(tmp_path: Path, body: str, line: int,
                                               fragment: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(InputError) as error:
        profiles.load(str(path))
    assert error.value.path == str(path)
    assert error.value.line == line
    assert fragment in error.value.message


def test_extends_cycle_and_unknown_profile(tmp_path: Path) -> None:
    a = write(tmp_path, "id: a\ntitle: A\nextends: b.yaml\ncontrols: []\n", "a.yaml")
    write(tmp_path, "id: b\ntitle: B\nextends: a.yaml\ncontrols: []\n", "b.yaml")
    with pytest.raises(InputError, match="extends itself"):
        profiles.load(str(a))
    with pytest.raises(InputError, match="unknown profile 'nope'"):
        profiles.load("nope")


def test_profile_search_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "id: team\ntitle: Team\nextends: baseline\ncontrols: []\n", "team.yaml")
    monkeypatch.setenv("VOIPSCAN_PROFILE_PATH", str(tmp_path))
    assert "team" in profiles.available()
    assert profiles.load("team").title == "Team"


def _checks_in_builtin_profiles() -> set[str]:
    return {ref.check_id for name in BUILTIN for control in profiles.load(name).controls
            for ref in control.checks}


def test_every_check_runs_in_a_builtin_profile_or_is_marked_opt_in() -> None:
    used = _checks_in_builtin_profiles()
    unreachable = sorted(c.id for c in REGISTRY.values() if c.id not in used and not c.opt_in)
    assert not unreachable, f"registered, but no built-in profile runs them: {unreachable}"


def test_checks_list_marks_opt_in_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    original = REGISTRY["signalling.tls_mutual_auth"]
    monkeypatch.setitem(REGISTRY, original.id, replace(original, opt_in=True))
    shown = CliRunner().invoke(cli, ["checks", "list"]).output
    lines = {line.split()[0]: line for line in shown.splitlines() if line and line[0] != " "}
    assert "opt-in" in lines["signalling.tls_mutual_auth"]
    assert "opt-in" not in lines["signalling.tls"]


def test_mutual_tls_is_judged_for_interconnects_of_regulated_sectors() -> None:
    for name, control in (("bio", "BIO-13.1.2"), ("nen7510", "NEN-13.1.2"),
                          ("financial", "DORA-9.4.d-MTLS")):
        found = {c.id: c for c in profiles.load(name).controls}[control]
        assert [r.check_id for r in found.checks] == ["signalling.tls_mutual_auth"]
        assert "13.1.2" in found.clause or "9(4)(d)" in found.clause


def test_privileged_access_controls_judge_interfaces_not_only_a_count() -> None:
    for name, control in (("baseline", "BL-ACC-2"), ("iso27001", "A.8.2"),
                          ("financial", "NIS2-21.2.i")):
        found = {c.id: c for c in profiles.load(name).controls}[control]
        assert "access.privileged_access" in [r.check_id for r in found.checks]
