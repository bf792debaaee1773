"""A profile: controls that cite a clause and name the checks that decide them.

Check ids and parameters are checked against the checks this voipscan has; a parameter
gets the type its check declares (``min_version: 1.3`` becomes ``TLSv1.3``).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    field_validator,
)
from pydantic_core.core_schema import ValidationInfo

from voipscan.checks import REGISTRY, Check, ParamKind, Severity
from voipscan.checks.signalling import cipher_policy
from voipscan.facts import TlsVersion
from voipscan.models.base import InputModel, Items, Text, TextList, problem, shown

Params = dict[str, Any]


def _known_check(check_id: str) -> str:
    if check_id not in REGISTRY:
        raise problem(f"unknown check id '{check_id}' (see 'voipscan checks list')")
    return check_id


CheckId = Annotated[Text, AfterValidator(_known_check)]
Prose = Annotated[str, StringConstraints(strip_whitespace=True), Strict(False),
                  BeforeValidator(lambda v: "" if v is None else v)]


def typed_params(check: Check, params: Params, *at: str) -> Params:
    """The parameters as the check takes them, or an error at the offending one."""
    typed: Params = {}
    for name, raw in params.items():
        spec = check.param(str(name))
        if spec is None:
            names = ", ".join(p.name for p in check.params) or "none"
            raise problem(f"check {check.id} has no parameter '{name}' (parameters: {names})",
                          *at, name)
        typed[spec.name] = _param_value(spec.kind, raw, (*at, name))
        if spec.name == "cipher_policy":
            try:
                typed[spec.name] = cipher_policy.check_policy(typed[spec.name])
            except ValueError as error:
                raise problem(str(error), *at, name) from None
    return typed


def _param_value(kind: ParamKind, raw: Any, at: tuple[str | int, ...]) -> Any:
    if kind is ParamKind.INT:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise problem(f"expected a whole number >= 0, got {shown(raw)}", *at)
        return raw
    if kind is ParamKind.BOOL:
        if not isinstance(raw, bool):
            raise problem(f"expected true or false, got {shown(raw)}", *at)
        return raw
    if kind is ParamKind.TLS_VERSION:
        try:
            return TlsVersion.parse(str(raw)).value
        except ValueError:
            raise problem(f"expected a TLS version such as 1.2 or 1.3, got {shown(raw)}",
                          *at) from None
    if kind is ParamKind.STR_LIST:
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise problem(f"expected a list of strings, got {shown(raw)}", *at)
        return [_param_text(item, (*at, index)) for index, item in enumerate(items)]
    return _param_text(raw, at)


def _param_text(raw: Any, at: tuple[str | int, ...]) -> str:
    text = str(raw).strip() if isinstance(raw, str | int | float) else ""
    if isinstance(raw, bool) or not text:
        raise problem(f"expected a non-empty string, got {shown(raw)}", *at)
    return text


class CheckWithParams(InputModel):
    """A check with parameters of its own for this control."""

    id: CheckId
    params: Params = Field(
        default_factory=dict,
        description="Parameter values (see 'voipscan checks list'); they override the profile's.")

    @field_validator("params")
    @classmethod
    def _typed(cls, params: Params, info: ValidationInfo) -> Params:
        check_id = info.data.get("id")
        return typed_params(REGISTRY[check_id], params) if check_id else params


CheckEntry = Annotated[
    Annotated[CheckId, Tag("check-id")] | Annotated[CheckWithParams, Tag("check-with-params")],
    Discriminator(lambda v: "check-with-params" if isinstance(v, dict) else "check-id"),
]


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


class Control(InputModel):
    """A requirement of the standard, decided by the findings of its checks."""

    id: Text
    title: Text
    clause: Text = Field(
        description="The clause of the standard or regulation the control stands for.")
    checks: Annotated[Items[CheckEntry], Field(min_length=1)] = Field(
        description="Check ids, or '{id, params}' for a check with parameters of its own.")
    severity: Annotated[Severity | None, Field(strict=False), BeforeValidator(_lower)] = Field(
        default=None,
        description="Overrides the severity of its checks in the score.")
    description: Prose = ""


class ProfileFile(InputModel):
    """A baseline profile (YAML): built in, or given by path with '--profile'."""

    id: Text
    title: Text
    description: Prose = ""
    extends: TextList = Field(
        default=(),
        description="Profiles whose controls this one inherits: built-in names, or paths relative "
                    "to it.")
    parameters: dict[CheckId, Params] = Field(
        default_factory=dict,
        description="Parameters per check id, for every control of this profile and those it "
                    "extends.")
    controls: Items[Control] = Field(
        description="Controls of its own; one with the id of an inherited control replaces it.")
    remove: TextList = Field(default=(), description="Ids of inherited controls to leave out.")

    @field_validator("parameters")
    @classmethod
    def _typed(cls, parameters: dict[str, Params]) -> dict[str, Params]:
        typed = {}
        for check_id, params in parameters.items():
            typed[check_id] = typed_params(REGISTRY[check_id], params, check_id)
        return typed
