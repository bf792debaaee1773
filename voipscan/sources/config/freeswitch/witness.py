"""Build a short string that a dialplan regex matches (a "witness" dial string).

Used to try the destinations a dialplan itself names, instead of guessing numbers.
Works on the parse of the pattern (``pattern_tree``); constructs it cannot satisfy give None.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Mapping
from typing import Any

from voipscan.regex import compile_quietly
from voipscan.sources.config.freeswitch.pattern_tree import PatternUnsupported, parse_pattern

_CATEGORY_SAMPLES = {
    "CATEGORY_DIGIT": "0", "CATEGORY_NOT_DIGIT": "a", "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a", "CATEGORY_WORD": "a", "CATEGORY_NOT_WORD": "-",
}
_FALLBACK_CHARS = "0123456789a+*#-_.@:"
_MAX_LENGTH = 256
# Bounds on a config regex before Python's backtracking re runs it: a hostile dialplan
# ((a+)+, or thirty a? before thirty a) would otherwise stall the scan for minutes.
MAX_PATTERN = 512
MAX_VALUE = 64
_MAX_WIDE = 3  # repeats that may take 2 or more lengths (+, *, {2,5})
_MAX_OPTIONAL = 6  # ? and {0,1}
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


_Unsupported = PatternUnsupported
"""A construct the witness cannot satisfy, or the pattern reader does not follow."""


def witness(pattern: str, groups: Mapping[int, str] | None = None) -> str | None:
    """A string ``re.search(pattern, ...)`` accepts; ``groups`` fixes what numbered groups
    capture (the result is checked, so a wrong guess gives None, never a bad witness)."""
    fixed = dict(groups or {})
    if too_costly(pattern):
        return None
    try:
        parsed = _parsed(pattern)
        captured: dict[int, str] = {}
        text = _generate(list(parsed), fixed, captured)
    except (_Unsupported, re.error, RecursionError, OverflowError):
        return None
    if len(text) > _MAX_LENGTH:
        return None
    match = _compiled(pattern).search(text)
    if match is None:
        return None
    if any(match.group(n) != value for n, value in fixed.items()
           if n <= (match.re.groups or 0)):
        return None
    return text


@functools.lru_cache(maxsize=4096)
def _parsed(pattern: str) -> Any:
    with warnings.catch_warnings():  # re's FutureWarnings on a config's regex are noise
        warnings.simplefilter("ignore")
        return parse_pattern(pattern)


def too_costly(pattern: str) -> bool:
    """Whether backtracking on this pattern could run away: too long, a repeat inside a
    repeat, or too many ambiguous repeats. Such dialplan conditions are left unevaluated."""
    return len(pattern) > MAX_PATTERN or _too_ambiguous(pattern)  # long ones never cached


@functools.lru_cache(maxsize=4096)
def _too_ambiguous(pattern: str) -> bool:
    try:
        counts = _ambiguity(list(_parsed(pattern)), inside=False)
    except (re.error, RecursionError, OverflowError, _Unsupported):
        return True
    return counts[0] > _MAX_WIDE or counts[1] > _MAX_OPTIONAL


def _ambiguity(items: list[Any], inside: bool) -> tuple[int, int]:
    """(wide, optional) repeats in ``items``; _Unsupported for a variable repeat, or an
    alternation, inside a repeat that takes several lengths."""
    wide = optional = 0
    for op, av in items:
        name = str(op)
        children: list[list[Any]] = []
        if name in _REPEATS:
            low, high, body = av
            if low != high:
                if inside:
                    raise _Unsupported
                wide, optional = (wide + 1, optional) if high > 1 else (wide, optional + 1)
            inner = _ambiguity(list(body), inside or (low != high and high > 1))
            wide, optional = wide + inner[0], optional + inner[1]
            continue
        if name == "SUBPATTERN":
            children = [list(av[-1])]
        elif name == "BRANCH":
            if inside:  # (1|11)+: alternatives that overlap backtrack exponentially
                raise _Unsupported
            children = [list(branch) for branch in av[1]]
        elif name in ("ASSERT", "ASSERT_NOT"):
            children = [list(av[1])]
        elif name == "ATOMIC_GROUP":
            children = [list(av)]
        for child in children:
            inner = _ambiguity(child, inside)
            wide, optional = wide + inner[0], optional + inner[1]
    return wide, optional


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return compile_quietly(pattern)


def _generate(items: list[Any], fixed: dict[int, str], captured: dict[int, str]) -> str:
    return "".join(_one(op, av, fixed, captured) for op, av in items)


def _one(op: Any, av: Any, fixed: dict[int, str], captured: dict[int, str]) -> str:
    name = str(op)
    if name == "LITERAL":
        return chr(av)
    if name == "NOT_LITERAL":
        return next(c for c in _FALLBACK_CHARS if ord(c) != av)
    if name == "ANY":
        return "0"
    if name == "IN":
        return _from_set(av)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return ""
    if name == "BRANCH":
        return _generate(list(av[1][0]), fixed, captured)
    if name == "SUBPATTERN":
        group, _, _, body = av
        text = fixed[group] if group in fixed else _generate(list(body), fixed, captured)
        if group is not None:
            captured[group] = text
        return text
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, body = av
        if low > _MAX_LENGTH:
            raise _Unsupported
        return "".join(_generate(list(body), fixed, captured) for _ in range(low))
    if name == "GROUPREF":
        return captured.get(av, "")
    if name == "ATOMIC_GROUP":
        return _generate(list(av), fixed, captured)
    raise _Unsupported(name)


def _from_set(items: list[tuple[Any, Any]]) -> str:
    negated = any(str(op) == "NEGATE" for op, _ in items)
    if not negated:
        op, av = items[0]
        kind = str(op)
        if kind == "LITERAL":
            return chr(av)
        if kind == "RANGE":
            return chr(av[0])
        if kind == "CATEGORY":
            return _CATEGORY_SAMPLES.get(str(av), "0")
        raise _Unsupported(kind)
    pattern = "[" + "".join(_describe(op, av) for op, av in items) + "]"
    for char in _FALLBACK_CHARS:
        if compile_quietly(pattern).fullmatch(char):
            return char
    raise _Unsupported("negated set")


def _describe(op: Any, av: Any) -> str:
    kind = str(op)
    if kind == "NEGATE":
        return "^"
    if kind == "LITERAL":
        return re.escape(chr(av))
    if kind == "RANGE":
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if kind == "CATEGORY":
        return {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w",
                "CATEGORY_NOT_WORD": r"\W"}.get(str(av), "")
    raise _Unsupported(kind)
