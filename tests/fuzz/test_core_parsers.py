"""Whatever the input, the export and profile readers end in a result or a clean InputError."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import ROOT as REPO_ROOT
from voipscan import profiles
from voipscan.documents import parse_yaml
from voipscan.errors import InputError
from voipscan.sources.config.export import ExportSource

ROOT = REPO_ROOT
SAMPLE = (ROOT / "samples" / "export" / "insecure.yaml").read_bytes()
PROFILE = (ROOT / "profiles" / "financial.yaml").read_bytes()
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
