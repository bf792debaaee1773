"""The regex reader behind dialplan witnesses: the tree of what dialplans write, with re's
own simplifications, and a clean refusal of what it does not follow."""

from __future__ import annotations

import re

import pytest

from voipscan.sources.config.freeswitch.pattern_tree import (
    UNBOUNDED,
    PatternUnsupported,
    parse_pattern,
)

DIGIT = ("IN", [("CATEGORY", "CATEGORY_DIGIT")])


def lit(text: str) -> list[tuple[str, int]]:
    return [("LITERAL", ord(c)) for c in text]


@pytest.mark.parametrize(("pattern", "tree"), [
    (r"^(10[01][0-9])$", [("AT", "AT_BEGINNING"), ("SUBPATTERN", (1, 0, 0, [
        *lit("10"), ("IN", lit("01")), ("IN", [("RANGE", (48, 57))])])), ("AT", "AT_END")]),
    (r"^\*98$", [("AT", "AT_BEGINNING"), *lit("*98"), ("AT", "AT_END")]),
    (r"(\d{7,})", [("SUBPATTERN", (1, 0, 0, [("MAX_REPEAT", (7, UNBOUNDED, [DIGIT]))]))]),
    (r"(?:ab)+?c", [("MIN_REPEAT", (1, UNBOUNDED, lit("ab"))), *lit("c")]),
    (r"(?:x)y", lit("xy")),  # a plain group is unpacked
    (r"(\+|00)?", [("MAX_REPEAT", (0, 1, [("SUBPATTERN", (1, 0, 0, [
        ("BRANCH", (None, [lit("+"), lit("00")]))]))]))]),
    (r"(ab|ac)", [("SUBPATTERN", (1, 0, 0, [*lit("a"), ("IN", lit("bc"))]))]),
    (r"[^0-9a]", [("IN", [("NEGATE", None), ("RANGE", (48, 57)), *lit("a")])]),
    (r"[^x]|[\d-]", [("BRANCH", (None, [[("NOT_LITERAL", 120)],
                                        [("IN", [("CATEGORY", "CATEGORY_DIGIT"),
                                                 *lit("-")])]]))]),
    (r"^(?!911)(a)\1\x41\101{2}", [
        ("AT", "AT_BEGINNING"), ("ASSERT_NOT", (1, lit("911"))),
        ("SUBPATTERN", (1, 0, 0, lit("a"))), ("GROUPREF", 1), *lit("A"),
        ("MAX_REPEAT", (2, 2, lit("A")))]),
    (r"(?P<n>1)(?P=n)(?#note)x{,}y{}", [
        ("SUBPATTERN", (1, 0, 0, lit("1"))), ("GROUPREF", 1),
        ("MAX_REPEAT", (0, UNBOUNDED, lit("x"))), *lit("y{}")]),
    (r"(?i)(?>a)(?<=b)", [("ATOMIC_GROUP", lit("a")), ("ASSERT", (-1, lit("b")))]),
])
def test_trees(pattern: str, tree: list[object]) -> None:
    assert parse_pattern(pattern) == tree


@pytest.mark.parametrize("pattern", [r"(?x) a b", r"(a)?(?(1)b|c)"])
def test_what_it_does_not_follow_is_refused(pattern: str) -> None:
    with pytest.raises(PatternUnsupported):
        parse_pattern(pattern)


@pytest.mark.parametrize("pattern", ["(", "a{3,2}", "[z-a]", r"\q", "*"])
def test_invalid_patterns_raise_re_error(pattern: str) -> None:
    with pytest.raises(re.error):
        parse_pattern(pattern)
