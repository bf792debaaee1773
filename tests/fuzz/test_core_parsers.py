"""Whatever the input, the document readers (export, profile, suppressions, baseline report)
end in a result or a clean InputError."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import ROOT as REPO_ROOT
from voipscan import profiles, suppressions
from voipscan.documents import parse_yaml
from voipscan.drift import load_baseline
from voipscan.errors import InputError
from voipscan.sources.config.export import ExportSource

ROOT = REPO_ROOT
SAMPLE = (ROOT / "samples" / "export" / "insecure.yaml").read_bytes()
PROFILE = (ROOT / "profiles" / "financial.yaml").read_bytes()
SUPPRESSIONS = b"""suppressions:
  - check: credentials.*
    resource: "re:endpoint:(10[01]|provider)"
    target: "*/insecure.yaml"
    reason: Lab phones, isolated VLAN
    expires: 2026-06-30
    owner: telecom-team@example.org
  - check: signalling.tls
    reason: Legacy trunk
    expires: '2099-01-01'
"""

def _small_report() -> bytes:
    """A 1.0 report cut down to one target with a few findings."""
    report = json.loads((ROOT / "tests" / "models" / "assets" / "report-1.0.json").read_text())
    report["targets"] = report["targets"][:1]
    report["targets"][0]["findings"] = report["targets"][0]["findings"][:4]
    report["assessments"] = []
    return json.dumps(report, indent=1).encode()


REPORT = _small_report()
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "dup"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(
                [b": ", b"- ", b"{", b"]", b"&a ", b"*a", b"\n  ", b"null", b"-1", b"'", b"\t",
                 b"!!python/object:os.system ", b"\xff\xfe", b"9999999999999999999999"]))
        elif action == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at:at + draw(st.integers(1, 200))]
    return bytes(data)


def load_export(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.yaml"
        path.write_bytes(raw)
        try:
            ExportSource().load(path)
        except InputError as error:
            assert error.path == str(path)


@FUZZ
@given(mutated(SAMPLE))
def test_export_reader_survives_mutations(raw: bytes) -> None:
    load_export(raw)


@FUZZ
@given(st.binary(max_size=2000))
def test_export_reader_survives_random_bytes(raw: bytes) -> None:
    load_export(b"format: voipscan-export/1\n" + raw)


@FUZZ
@given(mutated(PROFILE))
def test_profile_reader_survives_mutations(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "profile.yaml"
        path.write_bytes(raw)
        with contextlib.suppress(InputError):
            profiles.load(str(path))


@FUZZ
@given(st.text(max_size=500))
def test_yaml_reader_survives_any_text(text: str) -> None:
    with contextlib.suppress(InputError):
        parse_yaml(text, "x.yaml")


def survives(name: str, raw: bytes, reader: Callable[[Path], object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(raw)
        try:
            reader(path)
        except InputError as error:
            assert error.path == str(path)


@FUZZ
@given(mutated(SUPPRESSIONS))
def test_suppressions_reader_survives_mutations(raw: bytes) -> None:
    survives("suppressions.yaml", raw, suppressions.load)


@FUZZ
@given(mutated(REPORT))
def test_baseline_reader_survives_mutations(raw: bytes) -> None:
    survives("baseline.json", raw, load_baseline)
