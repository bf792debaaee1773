"""Read YAML or JSON documents while remembering the line of every value.

Validation errors can then name the file, the path inside the document and the line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from voipscan.errors import InputError
from voipscan.textfile import read_text

MAX_EXPANDED_VALUES = 1_000_000
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (its wheels are): about ten times faster
on a profile or the software data; the same resolver and constructors make the values."""
DocPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    path: str
    data: Any
    lines: Mapping[DocPath, int] = field(default_factory=dict)

    def line_of(self, where: DocPath) -> int | None:
        """Line of the value at ``where``, or of its nearest ancestor that has one."""
        for end in range(len(where), -1, -1):
            line = self.lines.get(tuple(where[:end]))
            if line is not None:
                return line
        return None


def render_path(where: DocPath) -> str:
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where)
    return text.lstrip(".") or "(document)"


def load_document(path: Path) -> Document:
    """Parse a YAML or JSON file (by content; JSON is tried first for .json)."""
    text = read_text(path)
    name = str(path)
    if path.suffix.lower() == ".json":
        return parse_json(text, name)
    return parse_yaml(text, name)


def parse_json(text: str, name: str, problem: str = "invalid JSON") -> Document:
    """Parse JSON; the lines of its values are found only if asked for (on an error)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{problem}: {error.msg}", name, error.lineno) from None
    except RecursionError:
        raise InputError(f"{problem}: nested too deeply", name) from None
    except ValueError as error:  # a number of more than 4,300 digits
        raise InputError(f"{problem}: {_first_line(error)}", name) from None
    return Document(name, data, _LinesOnDemand(text))


def parse_yaml(text: str, name: str) -> Document:
    try:
        loader = _LOADER(text)
    except yaml.YAMLError as error:
        raise InputError(f"invalid YAML: {_first_line(error)}", name) from None
    node: yaml.Node | None = None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or error.context or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", name, line) from None
    except yaml.YAMLError as error:
        raise InputError(f"invalid YAML: {_first_line(error)}", name) from None
    except RecursionError:
        raise InputError("invalid YAML: nested too deeply", name) from None
    except (ValueError, TypeError, OverflowError) as error:
        line = _failing_scalar_line(node) if node is not None else None
        raise InputError(f"invalid YAML value: {error}", name, line) from None
    finally:
        loader.dispose()
    if _expanded_size(data, MAX_EXPANDED_VALUES) > MAX_EXPANDED_VALUES:
        raise InputError(
            f"document expands to more than {MAX_EXPANDED_VALUES} values (alias bomb?)", name
        )
    lines: dict[DocPath, int] = {}
    if node is not None:
        try:
            _collect_lines(node, (), lines, set())
        except RecursionError:
            raise InputError("invalid YAML: nested too deeply", name) from None
    return Document(name, data, lines)


def _failing_scalar_line(root: yaml.Node) -> int | None:
    """Line of the first scalar whose value cannot be constructed (e.g. 2026-02-31)."""
    probe = yaml.SafeLoader("")
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                probe.construct_object(node)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _expanded_size(data: Any, budget: int) -> int:
    """Count values as a consumer walking the data would see them, stopping past budget."""
    count = 0
    stack = [data]
    while stack and count <= budget:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


class _LinesOnDemand(Mapping[DocPath, int]):
    """The lines of a JSON text, read with the YAML parser the first time one is asked for.

    A large JSON document (a baseline report) is then parsed twice only when it is wrong.
    """

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._lines: Mapping[DocPath, int] = {}

    def _found(self) -> Mapping[DocPath, int]:
        if self._text is not None:
            text, self._text = self._text, None
            try:
                self._lines = parse_yaml(text, "").lines
            except InputError:
                self._lines = {}
        return self._lines

    def __getitem__(self, where: DocPath) -> int:
        return self._found()[where]

    def __iter__(self) -> Iterator[DocPath]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())


def _collect_lines(
    node: yaml.Node, where: DocPath, lines: dict[DocPath, int], seen: set[int]
) -> None:
    # Aliases share nodes: visit each node once, so an alias bomb cannot blow up the walk.
    if id(node) in seen:
        return
    seen.add(id(node))
    lines[where] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(id(key_node))
            lines[(*where, key)] = key_node.start_mark.line + 1
            _collect_lines(value_node, (*where, key), lines, seen)
            lines[(*where, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*where, index), lines, seen)
