"""pydantic errors become one line: path in the document, its line, and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from voipscan.documents import load_document, parse_json, parse_yaml
from voipscan.errors import InputError
from voipscan.models.export import Export
from voipscan.models.profile import ProfileFile
from voipscan.models.validation import document_path, fields_at, validate

EXPORT_HEAD = "format: voipscan-export/1\nsystem: {name: x}\n"


def problem(model: type, text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        validate(model, parse_yaml(text, "doc.yaml"))
    return caught.value


def test_union_branches_are_not_part_of_the_path() -> None:
    loc = ("endpoints", 0, "secret", "properties", "stored")
    data = {"endpoints": [{"secret": {"stored": "rot13"}}]}
    assert document_path(data, loc) == ("endpoints", 0, "secret", "stored")
    error = problem(Export, EXPORT_HEAD + "endpoints:\n  - name: a\n    secret:\n"
                    "      stored: rot13\n")
    assert (error.line, error.message) == (
        6, "endpoints[0].secret.stored: the value is not one of 'plain', 'hashed' or 'unknown'")


def test_a_missing_key_is_reported_on_its_mapping() -> None:
    error = problem(Export, EXPORT_HEAD + "users:\n  - mfa: {enabled: true}\n")
    assert (error.line, error.message) == (4, "users[0]: missing 'name'")


def test_allowed_keys_are_found_through_unions_and_lists() -> None:
    assert fields_at(Export, ("endpoints", 3, "secret", "properties")) == [
        "stored", "length", "character_classes", "vendor_default", "equals_username", "common",
        "reused"]
    assert fields_at(ProfileFile, ("controls", 0, "checks", 1, "check-with-params")) == [
        "id", "params"]
    assert fields_at(Export, ()) [:3] == ["format", "system", "password_policy"]


def test_problems_are_ordered_by_line_and_counted() -> None:
    error = problem(Export, EXPORT_HEAD + "logging:\n  calls: 1\n  retention_days: -1\n"
                    "backup: {configured: maybe}\n")
    assert error.line == 4
    assert error.message == ("logging.calls: expected true or false, got a number "
                             "(and 2 more problems)")


def test_a_secret_value_is_never_quoted() -> None:
    error = problem(Export, EXPORT_HEAD + "endpoints:\n  - name: a\n    secret: {length: -8}\n")
    assert error.message == "endpoints[0].secret.length: the value is less than the minimum of 0"
    assert "-8" not in error.message


def test_json_documents_find_their_lines_when_wrong(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{\n  "format": "voipscan-export/1",\n  "system": {\n'
                    '    "name": ""\n  }\n}\n')
    with pytest.raises(InputError) as caught:
        validate(Export, load_document(path))
    assert (caught.value.line, caught.value.message) == (4, "system.name: must not be empty")
    assert parse_json("[1, 2]", "x.json").line_of((1,)) == 1
