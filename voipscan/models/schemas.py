"""The committed JSON Schemas, generated from the models.

    python -m voipscan.models.schemas          # write voipscan/schemas/*.schema.json
    python -m voipscan.models.schemas --check  # exit 1 if a committed schema is stale

The report schema describes what voipscan writes (every field present); the others, what a
user may write (defaults may be left out).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from voipscan.models.declared import DeclarationsFile
from voipscan.models.export import Export
from voipscan.models.inventory import Inventory
from voipscan.models.profile import ProfileFile
from voipscan.models.report import SCHEMA_ID, Report
from voipscan.models.software import SoftwareData
from voipscan.models.suppressions import SuppressionsFile

DIRECTORY = Path(__file__).resolve().parent.parent / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Schema:
    file: str
    model: type[BaseModel]
    id: str
    mode: Literal["validation", "serialization"]


SCHEMAS = (
    Schema("report.schema.json", Report, SCHEMA_ID, "serialization"),
    Schema("export.schema.json", Export, "https://voipscan.dev/schemas/export-1.json",
           "validation"),
    Schema("profile.schema.json", ProfileFile, "https://voipscan.dev/schemas/profile-1.json",
           "validation"),
    Schema("suppressions.schema.json", SuppressionsFile,
           "https://voipscan.dev/schemas/suppressions-1.json", "validation"),
    Schema("inventory.schema.json", Inventory, "https://voipscan.dev/schemas/inventory-1.json",
           "validation"),
    Schema("declarations.schema.json", DeclarationsFile,
           "https://voipscan.dev/schemas/declarations-1.json", "validation"),
    Schema("software.schema.json", SoftwareData,
           "https://voipscan.dev/schemas/software-1.json", "validation"),
)


class _Generator(GenerateJsonSchema):
    """pydantic's generator, shorter to read: no title on every property (the key says it),
    and ``{"type": ["string", "null"]}`` for a plain value that may be null."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        kind = inner.get("type")
        if isinstance(kind, str) and kind != "null" and not {"enum", "const"} & set(inner):
            return {**inner, "type": [kind, "null"]}
        return super().nullable_schema(schema)


def generate(schema: Schema) -> str:
    body = schema.model.model_json_schema(by_alias=True, mode=schema.mode,
                                          schema_generator=_Generator)
    document = {"$schema": DRAFT, "$id": schema.id, **body}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def stale(directory: Path = DIRECTORY) -> list[str]:
    """Committed schemas that differ from the generated ones (or are missing)."""
    found = []
    for schema in SCHEMAS:
        path = directory / schema.file
        if not path.is_file() or path.read_text(encoding="utf-8") != generate(schema):
            found.append(schema.file)
    return found


def write(directory: Path = DIRECTORY) -> None:
    for schema in SCHEMAS:
        (directory / schema.file).write_text(generate(schema), encoding="utf-8")


def main(argv: Sequence[str] = ()) -> int:
    if "--check" in argv:
        out_of_date = stale()
        for name in out_of_date:
            print(f"voipscan/schemas/{name} differs from its model; "
                  "run: python -m voipscan.models.schemas", file=sys.stderr)
        return 1 if out_of_date else 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
