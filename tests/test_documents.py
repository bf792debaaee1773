from __future__ import annotations

from pathlib import Path

import pytest

from voipscan.documents import load_document, parse_json, parse_yaml, render_path
from voipscan.errors import InputError


def test_lines_are_recorded_for_every_path() -> None:
    doc = parse_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n", "t.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert doc.line_of(("b", 1, "c")) == 4
    assert doc.line_of(("b", 0)) == 3
    assert doc.line_of(("b", 9, "zz")) == 2  # nearest known ancestor


def test_yaml_syntax_error_names_file_and_line() -> None:
    with pytest.raises(InputError) as error:
        parse_yaml("a: 1\nb: [unclosed\nc: 3\n", "bad.yaml")
    assert error.value.path == "bad.yaml"
    assert error.value.line == 3
    assert str(error.value).startswith("bad.yaml:3: invalid YAML")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["x", "x"]']
    for i in range(1, 25):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}]")
    with pytest.raises(InputError, match="alias bomb"):
        parse_yaml("\n".join(lines), "bomb.yaml")


def test_binary_and_bad_encoding_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"\x00\x01\x02abc")
    with pytest.raises(InputError, match="binary file"):
        load_document(binary)
    latin = tmp_path / "l.yaml"
    latin.write_bytes(b"a: 1\nname: caf\xe9\n")
    with pytest.raises(InputError) as error:
        load_document(latin)
    assert error.value.line == 2 and "UTF-8" in error.value.message
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="directory"):
        load_document(tmp_path)


def test_json_errors_have_lines(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{\n  "a": 1,\n  "b": \n}\n')
    with pytest.raises(InputError) as error:
        load_document(bad)
    assert error.value.line == 4
    good = tmp_path / "y.json"
    good.write_text('{\n  "a": {\n    "b": [1, 2]\n  }\n}\n')
    assert load_document(good).line_of(("a", "b")) == 3


def test_render_path() -> None:
    assert render_path(("endpoints", 2, "secret")) == "endpoints[2].secret"
    assert render_path(()) == "(document)"


def test_json_lines_are_found_on_demand_and_errors_can_say_what_was_expected() -> None:
    doc = parse_json('{\n  "a": [\n    {"b": 1}\n  ]\n}\n', "r.json")
    assert doc.data == {"a": [{"b": 1}]}
    assert doc.line_of(("a", 0, "b")) == 3
    assert dict(doc.lines)[("a",)] == 2
    with pytest.raises(InputError) as error:
        parse_json('{"a": }', "r.json", "baseline is not JSON")
    assert error.value.render() == "r.json:1: baseline is not JSON: Expecting value"
