"""The 3CX fixtures checked against the published XAPI OpenAPI document (the parts kept in
``assets/xapi-v20-subset.yaml``): the document itself is valid OpenAPI
(openapi-spec-validator), each saved response matches the 200 schema of its endpoint
(openapi-schema-validator), and carries no property that the schema does not declare (a
misspelt ``Require2Fa`` would otherwise pass unnoticed, as OpenAPI allows extra properties)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_FILE = Path(__file__).resolve().parent / "assets" / "xapi-v20-subset.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_FILE.read_text())
URI = "urn:3cx:xapi-v20"
ENDPOINTS = {"Users.json": "/Users", "Groups.json": "/Groups", "Trunks.json": "/Trunks",
             "AntiHackingSettings.json": "/AntiHackingSettings",
             "SystemStatus.json": "/SystemStatus"}


def check_spec() -> None:
    validate_spec(SPEC)


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def response_schema(endpoint: str) -> dict[str, Any]:
    response = _resolve(SPEC["paths"][endpoint]["get"]["responses"]["200"])
    return response["content"]["application/json"]["schema"]  # type: ignore[no-any-return]


def _properties(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Declared properties of an object schema (through $ref and allOf); False when the
    schema says nothing about properties (then any key is accepted)."""
    schema = _resolve(schema)
    found: dict[str, Any] = dict(schema.get("properties", {}))
    declared = "properties" in schema
    for part in schema.get("allOf", []):
        more, known = _properties(part)
        found.update(more)
        declared = declared or known
    return found, declared


def undeclared(instance: Any, schema: dict[str, Any], where: str = "") -> list[str]:
    schema = _resolve(schema)
    if "allOf" in schema and "properties" not in schema and len(schema["allOf"]) == 1:
        return undeclared(instance, schema["allOf"][0], where)
    if isinstance(instance, list):
        items = schema.get("items", {})
        return [p for i, v in enumerate(instance) for p in undeclared(v, items, f"{where}[{i}]")]
    if not isinstance(instance, dict):
        return []
    properties, declared = _properties(schema)
    if not declared:
        return []
    problems = [f"{where}.{key}" for key in instance
                if key not in properties and not key.startswith("@odata.")]
    return problems + [p for key, value in instance.items() if key in properties
                       for p in undeclared(value, properties[key], f"{where}.{key}")]


def check_response(path: Path) -> list[str]:
    """What is wrong with a saved response (empty when it is an honest XAPI response)."""
    schema = response_schema(ENDPOINTS[path.name])
    instance = json.loads(path.read_text())
    registry = Registry().with_resource(URI, Resource(SPEC, DRAFT4))  # type: ignore[call-arg]
    validator = OAS30Validator({"$ref": URI + schema["$ref"]}, registry=registry)
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '(document)'}: {e.message}"
              for e in validator.iter_errors(instance)]
    return errors + [f"{p}: not declared by the schema" for p in undeclared(instance, schema)]
