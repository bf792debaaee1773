"""Several formats in one run, formats inferred from file names, and the JSON schema."""

from __future__ import annotations

import json
from pathlib import Path

import click
import jsonschema
import pytest

from voipscan.cli.options import OutputOptions, destinations
from voipscan.models.report_reader import target_findings
from voipscan.reports import FORMATS, render

from .helpers import ROOT, SAMPLES, scan, voipscan

REPORT_SCHEMA = json.loads((ROOT / "voipscan" / "schemas" / "report.schema.json").read_text())


def options(formats: tuple[str, ...], outputs: tuple[str, ...]) -> OutputOptions:
    return OutputOptions(profiles=("baseline",), formats=formats, outputs=outputs,
                         fail_under=None, fail_on=None, min_coverage=None, color=None)


@pytest.mark.parametrize(("outputs", "formats"), [
    (("r.json", "r.sarif", "r.jsonl", "r.cef", "r.leef", "r.txt"),
     ["json", "sarif", "ocsf", "cef", "leef", "text"]),
    (("out/r.sarif.json", "x.ocsf.json", "x.ocsf"), ["sarif", "ocsf", "ocsf"]),
    (("-",), ["text"]),
    ((), ["text"]),
])
def test_formats_from_file_names(outputs: tuple[str, ...], formats: list[str]) -> None:
    assert [f for f, _ in destinations(options((), outputs))] == formats


def test_explicit_formats_pair_with_outputs_in_order() -> None:
    assert destinations(options(("json", "cef"), ("a.out", "b.out"))) == [
        ("json", "a.out"), ("cef", "b.out")]
    assert destinations(options(("json", "text"), ("a.json",))) == [
        ("json", "a.json"), ("text", "-")]


def test_unusable_combinations_are_usage_errors() -> None:
    with pytest.raises(click.UsageError, match=r"cannot tell the format of 'r\.xml'"):
        destinations(options((), ("r.xml",)))
    with pytest.raises(click.UsageError, match=r"more -o/--output than -f/--format"):
        destinations(options(("json",), ("a", "b")))
    with pytest.raises(click.UsageError, match="only one format can go to standard output"):
        destinations(options(("json", "sarif"), ()))


def test_one_run_writes_every_format(tmp_path: Path) -> None:
    names = ["r.json", "r.sarif", "r.jsonl", "r.cef", "r.leef", "r.txt"]
    args = ["scan", "config", "--pbx", "export", str(SAMPLES / "insecure.yaml")]
    for name in names:
        args += ["-o", str(tmp_path / name)]
    run = voipscan(*args)
    assert run.returncode == 1, run.stderr
    assert run.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(
        json.loads((tmp_path / "r.json").read_text()))
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"
    first_event = json.loads((tmp_path / "r.jsonl").read_text().splitlines()[0])
    assert first_event["class_uid"] == 2003
    assert (tmp_path / "r.cef").read_text().startswith("CEF:0|voipscan|")
    assert (tmp_path / "r.leef").read_text().startswith("LEEF:2.0|voipscan|")
    assert "RESULT: FAILED" in (tmp_path / "r.txt").read_text()


def test_every_format_is_registered() -> None:
    assert set(FORMATS) == {"text", "json", "ocsf", "cef", "leef", "sarif", "html"}


def test_json_report_validates_against_the_generated_schema() -> None:
    document = json.loads(render("json", scan([SAMPLES / "mixed.yaml"])))
    validator = jsonschema.Draft202012Validator(REPORT_SCHEMA,
                                                format_checker=jsonschema.FormatChecker())
    validator.validate(document)
    assert document["schema_version"] == "2.0"
    assert (document["warnings"], document["suppressions"], document["drift"]) == ([], [], None)
    target = document["targets"][0]
    assert target_findings(document, target)[0]["suppression"] is None
    assert target["address"] == {"type": "path", "path": str(SAMPLES / "mixed.yaml")}
    assert len(target["id"]) == 16
    # 1.0 reports (without ids) are read back as baselines: tests/models/test_baseline.py
