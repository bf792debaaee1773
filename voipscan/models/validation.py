"""Validate a document against its model; a problem becomes one line with file, path, line.

pydantic locates an error by ``loc``: field names, list indices and, inside unions, the
name of the branch tried. The branches are not in the document; what is left is the path
of the value, whose line the ``Document`` knows.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from voipscan.documents import DocPath, Document, render_path
from voipscan.errors import InputError
from voipscan.models.base import AT, shown

M = TypeVar("M", bound=BaseModel)

SECRET_KEYS = frozenset({"password", "secret"})
"""Values under these keys are never quoted in a message."""

_EXPECTED = {
    "string_type": "a string",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "float_type": "a number",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
    "tuple_type": "a list",
    "date_type": "a date",
    "datetime_type": "a date and time",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "less than the minimum of"),
    "greater_than": ("gt", "not greater than"),
    "less_than_equal": ("le", "more than the maximum of"),
    "less_than": ("lt", "not less than"),
}


def validate(model: type[M], doc: Document, *, context: Any = None, what: str = "") -> M:
    """The document as ``model``, or one InputError naming its first problem (by line).

    ``what`` prefixes the message (``not a voipscan JSON report``)."""
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as error:
        raise input_error(model, doc, error.errors(include_url=False), what) from None


def input_error(model: type[BaseModel], doc: Document, errors: Iterable[ErrorDetails],
                what: str = "") -> InputError:
    errors = list(errors)
    problems: dict[tuple[DocPath, str], tuple[float, bool]] = {}
    for error in errors:
        if error["type"] == "too_short" and _explained(error, errors):
            continue
        where, message = describe(model, doc.data, error)
        line = doc.line_of(where)
        # By line; on one line a missing key comes last, as an unknown one (a typo)
        # usually explains it.
        problems.setdefault((where, message), (line or float("inf"), error["type"] == "missing"))
    ordered = sorted(problems, key=problems.__getitem__)
    where, message = ordered[0]
    line = doc.line_of(where)
    text = f"{render_path(where)}: {message}"
    if what:
        text = f"{what}: {text}"
    if len(ordered) > 1:
        more = len(ordered) - 1
        text += f" (and {more} more problem{'s' if more > 1 else ''})"
    return InputError(text, doc.path, line)


def _explained(error: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    """A list is too short only because items below it failed."""
    loc = tuple(error["loc"])
    return any(len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc
               for other in errors)


def describe(model: type[BaseModel], data: Any, error: ErrorDetails) -> tuple[DocPath, str]:
    """Where in the document the error is, and what is wrong, in a user's words."""
    loc = tuple(error["loc"])
    where = document_path(data, loc)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    secret = any(part in SECRET_KEYS for part in (*loc, *ctx.get(AT, ())))
    if kind == "voipscan":
        return (*where, *ctx.get(AT, ())), error["msg"]
    if kind == "missing":
        return where, f"missing '{loc[-1]}'"
    if kind == "extra_forbidden":
        allowed = ", ".join(fields_at(model, loc[:-1]))
        return where, f"unknown key '{loc[-1]}'" + (f" (allowed: {allowed})" if allowed else "")
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", ""))
        if secret:
            return where, f"the value is not one of {expected}"
        if " or " not in expected:
            return where, f"expected {expected}, got {shown(value)}"
        return where, f"{shown(value)} is not one of {expected}"
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        got = "the value" if secret else shown(value)
        return where, f"{got} is {words} {ctx.get(key)}"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return where, "must not be empty"
    if kind == "too_short":
        return where, f"expected at least {ctx.get('min_length')} item(s)"
    if kind == "string_pattern_mismatch":
        got = "the value" if secret else shown(value)
        return where, f"{got} does not match {ctx.get('pattern')}"
    if kind in _EXPECTED:
        return where, f"expected {_EXPECTED[kind]}, got {kind_of(value)}"
    message = error["msg"].removeprefix("Value error, ")
    return where, message[:1].lower() + message[1:]


def document_path(data: Any, loc: tuple[str | int, ...]) -> DocPath:
    """The part of ``loc`` that is in the document: keys and indices that exist there."""
    where: list[str | int] = []
    node = data
    for part in loc:
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:  # else: a union branch, or a key that is missing
            node = node[part]
            where.append(part)
    return tuple(where)


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed where ``loc`` leads, found by following the model's annotations."""
    candidates = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        following = [m for c in candidates for m in _models_under(_field_annotation(c, part))]
        named = [c for c in candidates if c.__name__ == part]
        if following:
            candidates = following
        elif named:
            candidates = named
    if len(candidates) != 1:
        return []
    only = candidates[0]
    return [field.alias or name for name, field in only.model_fields.items()]


def _field_annotation(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field.annotation
    return None


def _models_under(annotation: Any) -> list[type[BaseModel]]:
    """Models an annotation holds: itself, or inside Optional, unions, lists, mappings."""
    if annotation is None:
        return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _models_under(args[0])
    if origin is dict:
        return _models_under(args[1]) if len(args) == 2 else []
    if origin in (typing.Union, types.UnionType, tuple, list):
        return [m for arg in args if arg is not Ellipsis for m in _models_under(arg)]
    return []
