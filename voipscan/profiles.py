"""Baseline profiles: data that names controls, the clauses they cite and the checks they need.

A profile is a YAML file. Built-in profiles ship in the package; a profile can also be given
by path, and can ``extends:`` other profiles (by name, or by path relative to itself).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from voipscan.checks import REGISTRY, Check, ParamKind, Severity
from voipscan.documents import DocPath, Document, load_document, render_path
from voipscan.errors import InputError
from voipscan.facts import TlsVersion

ParamItems = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class CheckRef:
    check_id: str
    params: ParamItems = ()

    @property
    def param_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.params}


@dataclass(frozen=True)
class Control:
    id: str
    title: str
    clause: str
    checks: tuple[CheckRef, ...]
    severity: Severity | None = None
    description: str = ""


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    description: str
    path: str
    extends: tuple[str, ...]
    controls: tuple[Control, ...]


def builtin_dir() -> Path:
    """Installed wheels carry the profiles as package data; a source checkout has them at top."""
    packaged = Path(str(resources.files("voipscan"))) / "_profiles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "profiles"


def search_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("VOIPSCAN_PROFILE_PATH", "").split(os.pathsep) if p]
    return [*extra, builtin_dir()]


def available() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for directory in reversed(search_dirs()):
        if directory.is_dir():
            for file in sorted(directory.glob("*.y*ml")):
                found[file.stem] = file
    return dict(sorted(found.items()))


def resolve(name_or_path: str, relative_to: Path | None = None) -> Path:
    candidate = Path(name_or_path)
    looks_like_path = candidate.suffix.lower() in (".yaml", ".yml") or os.sep in name_or_path
    if looks_like_path:
        if relative_to is not None and not candidate.is_absolute():
            candidate = relative_to / candidate
        if not candidate.is_file():
            raise InputError("profile file not found", str(candidate))
        return candidate
    profiles = available()
    if name_or_path not in profiles:
        raise InputError(
            f"unknown profile '{name_or_path}' (available: {', '.join(profiles)})"
        )
    return profiles[name_or_path]


def load(name_or_path: str) -> Profile:
    return _load(resolve(name_or_path), ())


def _load(path: Path, chain: tuple[Path, ...]) -> Profile:
    real = path.resolve()
    if real in chain:
        cycle = " -> ".join(p.name for p in (*chain, real))
        raise InputError(f"profile extends itself: {cycle}", str(path))
    doc = load_document(path)
    reader = _Reader(doc)
    data = reader.mapping((), required=("id", "title", "controls"),
                          allowed=("id", "title", "description", "extends", "parameters",
                                   "controls", "remove"))
    extends = reader.string_list(("extends",), data.get("extends", []))
    parents = [_load(resolve(p, path.parent), (*chain, real)) for p in extends]
    defaults = reader.parameters(("parameters",), data.get("parameters", {}))
    controls: dict[str, Control] = {}
    for parent in parents:
        for control in parent.controls:
            controls[control.id] = _with_defaults(control, defaults)
    for name in reader.string_list(("remove",), data.get("remove", [])):
        controls.pop(name, None)
    items = data["controls"]
    if not isinstance(items, list):
        reader.fail(("controls",), "must be a list of controls")
    for index, item in enumerate(items):
        control = reader.control(("controls", index), item, defaults)
        controls[control.id] = control
    if not controls:
        reader.fail(("controls",), "profile has no controls")
    return Profile(
        id=reader.string(("id",), data["id"]),
        title=reader.string(("title",), data["title"]),
        description=str(data.get("description", "")).strip(),
        path=str(path),
        extends=tuple(extends),
        controls=tuple(controls.values()),
    )


def _with_defaults(control: Control, defaults: Mapping[str, dict[str, Any]]) -> Control:
    """Profile-wide parameters apply to inherited controls too."""
    if not defaults:
        return control
    refs = []
    for ref in control.checks:
        merged = {**ref.param_dict, **defaults.get(ref.check_id, {})}
        refs.append(CheckRef(ref.check_id, _freeze(merged)))
    return Control(control.id, control.title, control.clause, tuple(refs), control.severity,
                   control.description)


def _freeze(params: Mapping[str, Any]) -> ParamItems:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


class _Reader:
    """Validates a profile document, failing with file, line and path."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def fail(self, where: DocPath, message: str) -> Any:
        raise InputError(f"{render_path(where)}: {message}", self.doc.path,
                         self.doc.line_of(where))

    def mapping(self, where: DocPath, required: tuple[str, ...] = (),
                allowed: tuple[str, ...] = ()) -> dict[str, Any]:
        value = self._at(where)
        if not isinstance(value, dict):
            self.fail(where, "expected a mapping")
        for key in required:
            if key not in value:
                self.fail(where, f"missing '{key}'")
        for key in value:
            if allowed and key not in allowed:
                self.fail((*where, str(key)),
                          f"unknown key '{key}' (allowed: {', '.join(allowed)})")
        mapping: dict[str, Any] = value
        return mapping

    def _at(self, where: DocPath) -> Any:
        value = self.doc.data
        for part in where:
            value = value[part]
        return value

    def string(self, where: DocPath, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(where, "expected a string")
        text = str(value).strip()
        if not text:
            self.fail(where, "must not be empty")
        return text

    def string_list(self, where: DocPath, value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.fail(where, "expected a list of strings")
        return [self.string((*where, i), v) for i, v in enumerate(value)]

    def parameters(self, where: DocPath, value: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(value, dict):
            self.fail(where, "expected a mapping of check id to parameters")
        result: dict[str, dict[str, Any]] = {}
        for check_id, params in value.items():
            check = self.known_check((*where, check_id), check_id)
            result[check_id] = self.params((*where, check_id), check, params)
        return result

    def known_check(self, where: DocPath, check_id: Any) -> Check:
        if not isinstance(check_id, str) or check_id not in REGISTRY:
            self.fail(where, f"unknown check id '{check_id}' (see 'voipscan checks list')")
        return REGISTRY[check_id]

    def params(self, where: DocPath, check: Check, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "parameters must be a mapping")
        typed: dict[str, Any] = {}
        for name, raw in value.items():
            spec = check.param(str(name))
            if spec is None:
                names = ", ".join(p.name for p in check.params) or "none"
                self.fail((*where, name), f"check {check.id} has no parameter '{name}' "
                          f"(parameters: {names})")
                continue
            typed[spec.name] = self.param_value((*where, name), spec.kind, raw)
        return typed

    def param_value(self, where: DocPath, kind: ParamKind, raw: Any) -> Any:
        if kind is ParamKind.INT:
            if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
                self.fail(where, f"expected a whole number >= 0, got {raw!r}")
            return raw
        if kind is ParamKind.BOOL:
            if not isinstance(raw, bool):
                self.fail(where, f"expected true or false, got {raw!r}")
            return raw
        if kind is ParamKind.TLS_VERSION:
            try:
                return TlsVersion.parse(str(raw)).value
            except ValueError:
                return self.fail(where, f"expected a TLS version such as 1.2 or 1.3, got {raw!r}")
        if kind is ParamKind.STR_LIST:
            return self.string_list(where, raw)
        return self.string(where, raw)

    def control(self, where: DocPath, item: Any, defaults: Mapping[str, dict[str, Any]]) -> Control:
        data = self.mapping(where, required=("id", "title", "clause", "checks"),
                            allowed=("id", "title", "clause", "checks", "severity",
                                     "description"))
        del item
        refs: list[CheckRef] = []
        checks = data["checks"]
        if not isinstance(checks, list) or not checks:
            self.fail((*where, "checks"), "expected a non-empty list of check ids")
        for index, entry in enumerate(checks):
            at = (*where, "checks", index)
            if isinstance(entry, dict):
                entry_data = self.mapping(at, required=("id",), allowed=("id", "params"))
                check = self.known_check((*at, "id"), entry_data["id"])
                own = self.params((*at, "params"), check, entry_data.get("params", {}))
            else:
                check = self.known_check(at, entry)
                own = {}
            merged = {**check.default_params(), **defaults.get(check.id, {}), **own}
            refs.append(CheckRef(check.id, _freeze(merged)))
        severity = None
        if "severity" in data:
            try:
                severity = Severity(str(data["severity"]).lower())
            except ValueError:
                self.fail((*where, "severity"), f"unknown severity '{data['severity']}' "
                          f"(use {', '.join(s.value for s in Severity)})")
        return Control(
            id=self.string((*where, "id"), data["id"]),
            title=self.string((*where, "title"), data["title"]),
            clause=self.string((*where, "clause"), data["clause"]),
            checks=tuple(refs),
            severity=severity,
            description=str(data.get("description", "")).strip(),
        )
