"""What the document models share: strictness, and the small value types they reuse."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

T = TypeVar("T")
AT = "voipscan_at"
"""Context key of a custom error: where below the failing value the problem is."""

Items = Annotated[tuple[T, ...], Field(strict=False)]
"""A list in the document (a tuple in the model); its items keep their own strictness."""


class InputModel(BaseModel):
    """A part of a document a user writes: every key known, every value of its type.

    Strict: ``"yes"`` is not true and ``"5"`` is not a number; a typo is an error, never a
    silently different verdict.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class OutputModel(BaseModel):
    """A part of a document voipscan writes; every field is written, so its schema requires
    every field."""

    model_config = ConfigDict(frozen=True, extra="forbid",
                              json_schema_serialization_defaults_required=True)


def problem(message: str, *at: str | int) -> PydanticCustomError:
    """A validation error in our words; ``at`` continues the path below the failing value."""
    return PydanticCustomError("voipscan", message, {AT: at} if at else None)


def shown(value: Any, limit: int = 60) -> str:
    """A value as an error message may quote it: repr, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _text(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), Strict(False),
                 BeforeValidator(_text)]
"""A non-empty string (surrounding blanks removed); a number is taken as its text."""


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


TextList = Annotated[Items[Text], BeforeValidator(_one_or_many)]
"""A list of strings; one string stands for a list of one."""


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise problem(f"expected a date YYYY-MM-DD, got {shown(value)}")


Date = Annotated[dt.date, BeforeValidator(_date)]
"""A day, written YYYY-MM-DD (quoted or not)."""
