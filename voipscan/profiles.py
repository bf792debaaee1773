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

from voipscan.checks import REGISTRY, Severity
from voipscan.errors import InputError

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


def load_file(path: Path) -> Profile:
    """A profile from a file ``resolve`` found."""
    return _load(path, ())


def is_builtin(path: Path) -> bool:
    """The file is one of the profiles that ship in the package (valid by its tests)."""
    return path.resolve().parent == builtin_dir().resolve()


def _load(path: Path, chain: tuple[Path, ...]) -> Profile:
    from voipscan.documents import load_document
    from voipscan.models.profile import ProfileFile
    from voipscan.models.validation import validate

    real = path.resolve()
    if real in chain:
        cycle = " -> ".join(p.name for p in (*chain, real))
        raise InputError(f"profile extends itself: {cycle}", str(path))
    doc = load_document(path)
    data = validate(ProfileFile, doc)
    parents = [_load(resolve(p, path.parent), (*chain, real)) for p in data.extends]
    defaults = data.parameters
    controls: dict[str, Control] = {}
    for parent in parents:
        for control in parent.controls:
            controls[control.id] = _with_defaults(control, defaults)
    for name in data.remove:
        controls.pop(name, None)
    for item in data.controls:
        refs = []
        for entry in item.checks:
            check_id, own = (entry, {}) if isinstance(entry, str) else (entry.id, entry.params)
            merged = {**REGISTRY[check_id].default_params(), **defaults.get(check_id, {}),
                      **own}
            refs.append(CheckRef(check_id, _freeze(merged)))
        controls[item.id] = Control(item.id, item.title, item.clause, tuple(refs),
                                    item.severity, item.description)
    if not controls:
        raise InputError("controls: profile has no controls", str(path),
                         doc.line_of(("controls",)))
    return Profile(
        id=data.id,
        title=data.title,
        description=data.description,
        path=str(path),
        extends=data.extends,
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
