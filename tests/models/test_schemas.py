"""The committed JSON Schemas are the ones the models generate, and they accept real input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.paths import ROOT
from voipscan.models import schemas

COMMITTED = ROOT / "voipscan" / "schemas"


def committed(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((COMMITTED / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schemas_are_generated_from_the_models() -> None:
    assert schemas.stale() == [], "run: python -m voipscan.models.schemas"
    assert schemas.main(["--check"]) == 0
    assert sorted(p.name for p in COMMITTED.glob("*.json")) == sorted(
        s.file for s in schemas.SCHEMAS)


def test_a_hand_edited_schema_is_stale(tmp_path: Path) -> None:
    schemas.write(tmp_path)
    assert schemas.stale(tmp_path) == []
    report = tmp_path / "report.schema.json"
    report.write_text(report.read_text().replace('"2.0"', '"1.0"'))
    (tmp_path / "profile.schema.json").unlink()
    assert schemas.stale(tmp_path) == ["report.schema.json", "profile.schema.json"]


def test_report_schema_names_its_version() -> None:
    schema = json.loads((COMMITTED / "report.schema.json").read_text())
    assert schema["$id"] == "https://voipscan.dev/schemas/report-2.0.json"
    assert schema["properties"]["schema_version"]["const"] == "2.0"
    assert set(schema["required"]) == set(schema["properties"])  # every field is written


@pytest.mark.parametrize("name", ["hardened.yaml", "insecure.yaml", "mixed.yaml"])
def test_sample_exports_are_valid(name: str) -> None:
    document = yaml.safe_load((ROOT / "samples" / "export" / name).read_text())
    # YAML reads unquoted dates as dates; in JSON they are strings.
    committed("export.schema.json").validate(json.loads(json.dumps(document, default=str)))


def test_builtin_profiles_are_valid() -> None:
    validator = committed("profile.schema.json")
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        validator.validate(yaml.safe_load(path.read_text()))


def test_schemas_reject_what_the_models_reject() -> None:
    export = committed("export.schema.json")
    assert not export.is_valid({"format": "voipscan-export/1", "system": {"name": "x"},
                                "admins": []})
    assert not export.is_valid({"format": "voipscan-export/1", "system": {"name": "x"},
                                "logging": {"retention_days": -1}})
    suppressions = committed("suppressions.schema.json")
    entry = {"check": "signalling.tls", "reason": "r", "expires": "2099-01-01"}
    assert suppressions.is_valid({"suppressions": [entry]})
    assert not suppressions.is_valid({"suppressions": [{**entry, "until": "2099-01-01"}]})
    assert not suppressions.is_valid({"suppressions": [{"check": "signalling.tls"}]})
